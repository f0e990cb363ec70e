//! Calendar arithmetic for `date ± duration`: months first (clamped to the month's last
//! day, so 2023-01-31 + 1 month = 2023-02-28), then days.

use crate::ast::Duration;
use chrono::{Days, Months, NaiveDate};

/// The evaluation date, decided here for every entry point (eval, JSON Lines, test, the REPL,
/// the service): the date the user gave for this run (`--as-of`, a test's `as_of`, the REPL's
/// `:as_of`) wins over the facts' own `as_of`, which wins over today. Today is the UTC date,
/// so that the same facts give the same result whatever the machine's time zone.
pub fn evaluation_date(given: Option<NaiveDate>, facts: Option<NaiveDate>) -> NaiveDate {
    given.or(facts).unwrap_or_else(today)
}

/// Today's date in UTC.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// `date + by` (or `date - by`), or `None` outside the calendar's range.
pub fn shift(date: NaiveDate, by: Duration, negate: bool) -> Option<NaiveDate> {
    if negate {
        date.checked_sub_months(Months::new(by.months))?.checked_sub_days(Days::new(by.days.into()))
    } else {
        date.checked_add_months(Months::new(by.months))?.checked_add_days(Days::new(by.days.into()))
    }
}
