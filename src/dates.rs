//! Calendar arithmetic for `date ± duration`: months first (clamped to the month's last
//! day, so 2023-01-31 + 1 month = 2023-02-28), then days.

use chrono::{Days, Months, NaiveDate};
use std::fmt;

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

/// The longest count a duration may have (`100000 days`): beyond it no calendar sum is sane.
pub const MAX_DURATION_COUNT: u32 = 100_000;

/// `count` of a unit word (`year`/`years`, `month`/`months`, `day`/`days`): the one place
/// unit words get their meaning, for the syntax and the facts reader alike.
pub fn duration(count: u32, unit: &str) -> Option<Duration> {
    match unit.trim_end_matches('s') {
        "year" => count.checked_mul(12).map(|months| Duration { months, days: 0 }),
        "month" => Some(Duration { months: count, days: 0 }),
        "day" => Some(Duration { months: 0, days: count }),
        _ => None,
    }
}

/// Reads a duration fact such as `3 years` or `30 days`, written as in a policy file.
///
/// ```
/// use policy_lang::dates::{parse_duration, Duration};
/// assert_eq!(parse_duration("3 years"), Some(Duration { months: 36, days: 0 }));
/// assert_eq!(parse_duration(" 30days "), Some(Duration { months: 0, days: 30 }));
/// assert_eq!(parse_duration("1 month"), Some(Duration { months: 1, days: 0 }));
/// assert_eq!(parse_duration("3 weeks"), None);
/// assert_eq!(parse_duration("100001 days"), None);
/// assert_eq!(parse_duration("-3 days"), None);
/// ```
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (count, unit) = text.split_at(digits);
    let count: u32 = count.parse().ok().filter(|n| *n <= MAX_DURATION_COUNT)?;
    match unit.trim() {
        u @ ("year" | "years" | "month" | "months" | "day" | "days") => duration(count, u),
        _ => None,
    }
}

/// A calendar duration; months and days are kept apart because a month has no fixed length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Duration {
    /// Calendar months (a year is 12).
    pub months: u32,
    /// Days.
    pub days: u32,
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u32, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
        match (self.months, self.days) {
            (0, d) => f.write_str(&plural(d, "day")),
            (m, 0) if m % 12 == 0 => f.write_str(&plural(m / 12, "year")),
            (m, 0) => f.write_str(&plural(m, "month")),
            (m, d) => write!(f, "{} + {}", plural(m, "month"), plural(d, "day")),
        }
    }
}

/// The period a pool sums over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Each calendar year of the event date.
    Year,
    /// The event's calendar year and the `n - 1` before it.
    Years(u32),
    /// All time.
    Total,
}

impl Period {
    /// The years the period spans for an award in `year`: that year, the `n` years ending
    /// with it, or all years.
    pub fn years(self, year: i32) -> (i32, i32) {
        match self {
            Period::Year => (year, year),
            Period::Years(n) => (year - i32::try_from(n).unwrap_or(1).max(1) + 1, year),
            Period::Total => (i32::MIN, i32::MAX),
        }
    }
}
