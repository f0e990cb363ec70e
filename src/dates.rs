//! Calendar arithmetic for `date ± duration`: months first (clamped to the month's last
//! day, so 2023-01-31 + 1 month = 2023-02-28), then days.

use crate::ast::Duration;
use chrono::{Days, Months, NaiveDate};

/// `date + by` (or `date - by`), or `None` outside the calendar's range.
pub fn shift(date: NaiveDate, by: Duration, negate: bool) -> Option<NaiveDate> {
    if negate {
        date.checked_sub_months(Months::new(by.months))?.checked_sub_days(Days::new(by.days.into()))
    } else {
        date.checked_add_months(Months::new(by.months))?.checked_add_days(Days::new(by.days.into()))
    }
}
