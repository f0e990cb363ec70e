//! The steps of a trace in words: each `Step` and pool step, through `locales/<lang>/output.ftl`.

use super::{in_keywords, parenthesised};
use crate::amounts::{amount, rate, RoundingMode, RoundingUnit};
use crate::dates::Period;
use crate::eval::{PoolStep, Step};
use crate::t;
use std::fmt::{self, Display, Formatter};

impl Display for Step {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&step(self))
    }
}

fn step(step: &Step) -> String {
    match step {
        Step::Version(version) => t!("step-version", version = version.to_string()),
        Step::Of { rate, base, value, result } => t!(
            "step-of",
            rate = rate.to_string(),
            base = source(base),
            value = amount(*value),
            result = amount(*result)
        ),
        Step::RangeOf { low_rate, high_rate, base, low, high } => t!(
            "step-range-of",
            low_rate = rate(*low_rate),
            high_rate = rate(*high_rate),
            base = source(base),
            low = amount(*low),
            high = amount(*high)
        ),
        Step::Per { count, amount: each, times, result } => t!(
            "step-per",
            count = source(count),
            amount = amount(*each),
            times = times.normalize().to_string(),
            result = amount(*result)
        ),
        Step::Range { low, high } => t!("step-range", low = amount(*low), high = amount(*high)),
        Step::Max { cap, before, after } if after < before => {
            t!("step-max-capped", cap = amount(*cap), before = amount(*before), after = amount(*after))
        }
        Step::Max { cap, before, .. } => t!("step-max-within", cap = amount(*cap), before = amount(*before)),
        Step::MaxCaseByCase { cap, at_most } => {
            t!("step-max-case-by-case", cap = amount(*cap), at_most = amount(*at_most))
        }
        Step::UpTo { ceiling: Some(m) } => t!("step-up-to", ceiling = amount(*m)),
        Step::UpTo { ceiling: None } => t!("step-up-to-unbounded"),
        Step::CaseByCase { uncapped: true } => t!("step-case-by-case-uncapped"),
        Step::CaseByCase { uncapped: false } => t!("step-case-by-case"),
        Step::By { table, variant, amount: Some(d) } => {
            t!("step-by", table = source(table), variant = &**variant, amount = amount(*d))
        }
        Step::By { table, variant, amount: None } => t!("step-by-row", table = source(table), variant = &**variant),
        Step::Tier { table, value, tier } => {
            t!("step-tier", table = source(table), value = amount(*value), tier = tier)
        }
        Step::Marginal { table, value, slices, total } => {
            let parts: Vec<String> =
                slices.iter().map(|s| format!("{} × {}", rate(s.rate), amount(s.portion))).collect();
            t!(
                "step-marginal",
                table = source(table),
                value = amount(*value),
                slices = parts.join(" + "),
                total = amount(*total)
            )
        }
        Step::Steps { table, value, threshold } => t!(
            "step-steps",
            table = source(table),
            value = value.normalize().to_string(),
            threshold = threshold.normalize().to_string()
        ),
        Step::Schedule { call, value, amount: given, up_to } => {
            let call = source(call);
            let given = given.map(|d| if *up_to { t!("amount-up-to", amount = amount(d)) } else { amount(d) });
            match (value, given) {
                (true, Some(given)) => t!("step-value", call = call, amount = given),
                (true, None) => t!("step-value-bare", call = call),
                (false, Some(given)) => t!("step-schedule", call = call, amount = given),
                (false, None) => t!("step-schedule-bare", call = call),
            }
        }
        Step::Round { rounding, before, after } => {
            t!("step-round", rounding = rounding_words(rounding), before = amount(*before), after = amount(*after))
        }
        Step::Pool(pool) => pool.to_string(),
        Step::TopUp { stack, granted, grants, up_to } => t!(
            "step-top-up",
            stack = stack,
            granted = amount(*granted),
            grants = grants.to_string(),
            up_to = up_to.map_or_else(|| t!("step-top-up-case-by-case"), amount)
        ),
        Step::Split { shares } => {
            let parts: Vec<String> = shares
                .iter()
                .map(|s| match (s.rate, s.amount) {
                    (Some(r), Some(a)) => {
                        t!("split-share", payer = s.payer.to_string(), rate = rate(r), amount = amount(a))
                    }
                    _ => t!("split-share-not-stated", payer = s.payer.to_string()),
                })
                .collect();
            t!("step-split", shares = parts.join(&t!("clause-separator")))
        }
        Step::Aggregate { aggregate, records, counted, total, holds } => {
            let mut out =
                t!("step-aggregate", aggregate = source(aggregate), counted = counted.len(), records = *records);
            out += &counted_list(counted);
            match (total, holds) {
                (Some(t), _) => out += &format!(" = {}", amount(*t)),
                (None, Some(h)) => out += &format!(" → {}", if *h { t!("holds-true") } else { t!("holds-false") }),
                (None, None) => {}
            }
            out
        }
        Step::Default { fact, value } => t!("step-default", fact = source(fact), value = super::default_words(value)),
    }
}

/// Source text a trace quotes (a base, a table's scrutinee, a call, an aggregate), in the
/// reader's keywords: as it is when it is one name or figure; an expression is set off in
/// backticks in Chinese, where it would otherwise run into the sentence around it.
fn source(text: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::Zh && text.contains(char::is_whitespace) {
        format!("`{}`", in_keywords(text))
    } else {
        in_keywords(text)
    }
}

/// A rounding as a trace names it: `fen, half away from zero`, `分，四舍五入`. Evaluation
/// records it by its names in the language (`amounts::rounding_name`); each is worded here.
fn rounding_words(rounding: &str) -> String {
    let (unit, mode) = rounding.split_once(", ").unwrap_or((rounding, ""));
    let unit = [RoundingUnit::Yuan, RoundingUnit::Jiao, RoundingUnit::Fen].into_iter().find(|u| u.name() == unit);
    let mode = [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven, RoundingMode::Down, RoundingMode::Up]
        .into_iter()
        .find(|m| m.name().replace('_', " ") == mode);
    let (Some(unit), Some(mode)) = (unit, mode) else { return rounding.to_string() };
    let unit = match unit {
        RoundingUnit::Yuan => t!("rounding-yuan"),
        RoundingUnit::Jiao => t!("rounding-jiao"),
        RoundingUnit::Fen => t!("rounding-fen"),
    };
    let mode = match mode {
        RoundingMode::HalfAwayFromZero => t!("rounding-half-away-from-zero"),
        RoundingMode::HalfEven => t!("rounding-half-even"),
        RoundingMode::Down => t!("rounding-down"),
        RoundingMode::Up => t!("rounding-up"),
    };
    t!("rounding", unit = unit, mode = mode)
}

/// How many counted records a trace line names before it says how many more.
const RECORDS_NAMED: usize = 10;

/// ` (T1 4,000,000, T3 0 by default)`, ` (A1, A2)`, or nothing when none was counted.
fn counted_list(counted: &[crate::eval::Counted]) -> String {
    if counted.is_empty() {
        return String::new();
    }
    let mut shown: Vec<String> = counted
        .iter()
        .take(RECORDS_NAMED)
        .map(|c| match (c.value, c.by_default) {
            (Some(v), true) => t!("counted-by-default", record = c.record.to_string(), value = amount(v)),
            (Some(v), false) => format!("{} {}", c.record, amount(v)),
            (None, _) => c.record.to_string(),
        })
        .collect();
    if counted.len() > RECORDS_NAMED {
        shown.push(t!("counted-more", count = counted.len() - RECORDS_NAMED));
    }
    parenthesised(&shown.join(&t!("list-separator")))
}

/// `in 2024`, `in 2022–2024`, `in total`.
pub(crate) fn period_text(period: Period, year: i32) -> String {
    match period {
        Period::Year => t!("period-year", year = year.to_string()),
        Period::Years(_) => t!("period-years", first = period.years(year).0.to_string(), last = year.to_string()),
        Period::Total => t!("period-total"),
    }
}

impl Display for PoolStep {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let name = if self.implicit { t!("pool-per-year-cap") } else { t!("pool-named", pool = self.pool.to_string()) };
        let name = match &self.version {
            Some(version) => t!("pool-cap-as-set-by", name = name, version = version.to_string()),
            None => name,
        };
        let ledger = if self.ledgered.is_zero() {
            String::new()
        } else {
            t!("pool-of-which-ledger", amount = amount(self.ledgered))
        };
        let outcome = self.cut_to.map_or_else(|| t!("pool-within"), |to| t!("pool-cut", amount = amount(to)));
        f.write_str(&t!(
            "pool-step",
            name = name,
            cap = amount(self.cap),
            scope = self.scope.to_string(),
            period = period_text(self.period, self.year),
            already = amount(self.already),
            ledger = ledger,
            room = amount(self.room),
            outcome = outcome
        ))
    }
}
