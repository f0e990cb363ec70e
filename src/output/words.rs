//! Explanations in words: the sentences for each step, reason and exclusion that evaluation
//! records as values (`eval::explain`). This is the one place they are worded, so that another
//! language is another set of these functions.

use crate::amounts::{money, rate};
use crate::dates::Period;
use crate::eval::{Excluded, Exclusion, NoValue, NotApplicable, PoolStep, Read, Reason, Step, Trace, Why};
use crate::program::{Amendment, Entitlement, How, Program, VersionRef};
use crate::terms::{Choose, Earlier};
use std::fmt::{self, Display, Formatter};

impl Display for Step {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Step::Version(version) => write!(f, "version in force: {version}"),
            Step::Of { rate, base, value, result } => {
                write!(f, "{rate} of {base}: {rate} × {} = {}", money(*value), money(*result))
            }
            Step::RangeOf { low_rate, high_rate, base, low, high } => {
                write!(f, "{}..{} of {base}: {} .. {}", rate(*low_rate), rate(*high_rate), money(*low), money(*high))
            }
            Step::Per { count, amount, times, result } => {
                write!(f, "per {count}: {} × {} = {}", money(*amount), times.normalize(), money(*result))
            }
            Step::Range { low, high } => write!(f, "a range: {} .. {}", money(*low), money(*high)),
            Step::Max { cap, before, after } if after < before => {
                write!(f, "max {}: {} → {} (capped)", money(*cap), money(*before), money(*after))
            }
            Step::Max { cap, before, .. } => write!(f, "max {}: {} is within the cap", money(*cap), money(*before)),
            Step::MaxCaseByCase { cap, at_most } => {
                write!(f, "max {}: case by case, at most {}", money(*cap), money(*at_most))
            }
            Step::UpTo { ceiling: Some(m) } => {
                write!(f, "up_to: a ceiling of {}, the authority may grant less", money(*m))
            }
            Step::UpTo { ceiling: None } => f.write_str("up_to: a ceiling"),
            Step::CaseByCase { uncapped } => {
                let tail = if *uncapped { ", explicitly uncapped (上不封顶)" } else { "" };
                write!(f, "case by case (一事一议): no formula{tail}")
            }
            Step::By { table, variant, amount: Some(d) } => write!(f, "by {table}: {variant} → {}", money(*d)),
            Step::By { table, variant, amount: None } => write!(f, "by {table}: {variant}"),
            Step::Tier { table, value, tier } => write!(f, "tiers {table}: {} is in {tier}", money(*value)),
            Step::Marginal { table, value, slices, total } => {
                let parts: Vec<String> = slices.iter().map(|s| format!("{} × {}", rate(s.rate), money(s.portion))).collect();
                write!(f, "marginal {table} = {}: {} = {}", money(*value), parts.join(" + "), money(*total))
            }
            Step::Steps { table, value, threshold } => {
                write!(f, "steps {table}: {} reaches the step at {}", value.normalize(), threshold.normalize())
            }
            Step::Schedule { call, value, amount, up_to } => {
                f.write_str(if *value { "value " } else { "schedule " })?;
                let up_to = if *up_to { "up to " } else { "" };
                match amount {
                    Some(d) => write!(f, "{call} = {up_to}{}", money(*d)),
                    None => write!(f, "{call}"),
                }
            }
            Step::Round { rounding, before, after } => {
                write!(f, "round to {rounding}: {} → {}", money(*before), money(*after))
            }
            Step::Pool(pool) => pool.fmt(f),
            Step::TopUp { stack, granted, grants, up_to } => write!(
                f,
                "补差 (stack {stack}, earlier top_up): already granted {} for this item ({grants}); pays the difference up to {}",
                money(*granted),
                up_to.map_or("the case-by-case amount".into(), money)
            ),
            Step::Split { shares } => {
                let parts: Vec<String> = shares
                    .iter()
                    .map(|s| match (s.rate, s.amount) {
                        (Some(r), Some(a)) => format!("{} {} = {}", s.payer, rate(r), money(a)),
                        _ => format!("{} (share not stated)", s.payer),
                    })
                    .collect();
                write!(f, "split: {}", parts.join("; "))
            }
            Step::Aggregate { aggregate, records, counted, total, holds } => {
                let s = if *records == 1 { "" } else { "s" };
                write!(f, "{aggregate}: {} of {records} record{s}{}", counted.len(), counted_list(counted))?;
                match (total, holds) {
                    (Some(t), _) => write!(f, " = {}", money(*t)),
                    (None, Some(h)) => write!(f, " → {h}"),
                    (None, None) => Ok(()),
                }
            }
            Step::Default { fact, value } => write!(f, "{fact} absent: {value} by default"),
        }
    }
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
            (Some(v), true) => format!("{} {} by default", c.record, money(v)),
            (Some(v), false) => format!("{} {}", c.record, money(v)),
            (None, _) => c.record.to_string(),
        })
        .collect();
    if counted.len() > RECORDS_NAMED {
        shown.push(format!("and {} more", counted.len() - RECORDS_NAMED));
    }
    format!(" ({})", shown.join(", "))
}

/// `in 2024`, `in 2022–2024`, `in total`.
pub(crate) fn period_text(period: Period, year: i32) -> String {
    match period {
        Period::Year => format!("in {year}"),
        Period::Years(_) => format!("in {}–{year}", period.years(year).0),
        Period::Total => "in total".into(),
    }
}

impl Display for PoolStep {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let name = if self.implicit { "per_year_cap".to_string() } else { format!("pool {}", self.pool) };
        let name = match &self.version {
            Some(version) => format!("{name} (cap as set by {version})"),
            None => name,
        };
        let from_ledger = if self.ledgered.is_zero() {
            String::new()
        } else {
            format!(" (of which {} in the ledger)", money(self.ledgered))
        };
        let outcome = self.cut_to.map_or("within the cap".to_string(), |to| format!("cut to {}", money(to)));
        write!(
            f,
            "{name} {} for {} {}: {} already awarded{from_ledger}, room {} → {outcome}",
            money(self.cap),
            self.scope,
            period_text(self.period, self.year),
            money(self.already),
            money(self.room)
        )
    }
}

/// ` (rd_cost = 4,999,999, level = national)`, or nothing when no fact was read.
fn reads(reads: &[Read]) -> String {
    if reads.is_empty() {
        return String::new();
    }
    let shown: Vec<String> =
        reads.iter().map(|r| format!("{} = {}", r.fact, r.value.as_deref().unwrap_or("not given"))).collect();
    format!(" ({})", shown.join(", "))
}

impl Display for Reason {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OutOfScope { policy, condition, reads: r } => {
                write!(f, "outside the scope of policy `{policy}`: `{condition}` is false{}", reads(r))
            }
            Reason::ConditionFalse { condition, reads: r } => write!(f, "condition `{condition}` is false{}", reads(r)),
            Reason::FactMissing { fact } => write!(f, "fact `{fact}` is not given"),
            Reason::NotInTable { table, variant } => {
                write!(f, "`{table}` is `{variant}`, which the table does not list")
            }
            Reason::NoRecords { aggregate } => write!(f, "`{aggregate}` has no value: there are no records"),
            Reason::NoTier { table, value } => write!(f, "`{table}` = {} falls in no tier", money(*value)),
            Reason::BelowFirstStep { table, value, first } => {
                write!(f, "`{table}` = {} is below the first step ({})", value.normalize(), first.normalize())
            }
            Reason::NotYet { date, as_of } => write!(f, "the event on {date} is after the evaluation date {as_of}"),
            Reason::BeforeEffective { date, policy, effective } => {
                write!(f, "the event on {date} is before policy `{policy}` took effect on {effective}")
            }
            Reason::AfterExpiry { date, policy, expires } => {
                write!(f, "the event on {date} is after policy `{policy}` expired on {expires}")
            }
            Reason::PaidOnce { key, entity, date, amount, at } => {
                let what = key.as_ref().map_or(String::new(), |k| format!(" for `{k}`"));
                let whom = entity.as_ref().map_or(String::new(), |e| format!(" to {e}"));
                write!(f, "paid once only (一次性): already granted{what}{whom} on {date} ({}, {at})", money(*amount))
            }
            Reason::PaidThisYear { year, date, amount, at } => {
                write!(f, "paid once a year: already granted for {year} on {date} ({}, {at})", money(*amount))
            }
            Reason::Repealed { version, date } => {
                write!(f, "repealed by {version}: the event on {date} is on or after that date")
            }
            Reason::NotYetAdded { version, date } => {
                write!(f, "added by {version}: the event on {date} is before that date")
            }
            Reason::PaidToAnother { owner, key } => {
                let what = key.as_ref().map_or(String::new(), |k| format!(" for `{k}`"));
                write!(f, "paid once only (一次性) per `{owner}`{what}: another record of it earns this award in the same evaluation for an earlier or equal event; that one is paid")
            }
        }
    }
}

/// The ceiling a stack compares: `12,000,000`, `up to 12,000,000`, `case by case, unbounded`.
fn bound(award: &Entitlement) -> String {
    match award.max() {
        Some(max) if award.amount().is_some() => money(max),
        Some(max) => format!("up to {}", money(max)),
        None => "case by case, unbounded".into(),
    }
}

impl Display for Exclusion {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::Outranked { stack, winner, item, won, lost, tie } => {
                let tie = if *tie { "; equal, so the member listed first in the stack wins" } else { "" };
                write!(f, "就高不重复 (stack {stack}): {winner} pays more for {item} ({} against {}){tie}", bound(won), bound(lost))
            }
            Exclusion::EarlierGrant { stack, earlier, granted, grants, max } => {
                let already = format!("already granted {} for this item ({grants})", money(*granted));
                match (earlier, max) {
                    (Earlier::Refuse, _) => write!(f, "就高不重复 (stack {stack}, earlier refuse): {already}; no second grant"),
                    (Earlier::TopUp, max) => write!(
                        f,
                        "就高不重复 (stack {stack}, earlier top_up): {already}, as much as this award's {}; nothing to top up",
                        max.map_or("?".into(), money)
                    ),
                }
            }
            Exclusion::CountCap { pool, count, scope, period, year, choose, ledgered, kept } => write!(
                f,
                "count cap (pool {pool}): at most {count} award{} per {scope} {}, choosing the {}; {ledgered} already granted (ledger) and {kept} kept in this evaluation",
                if *count == 1 { "" } else { "s" },
                period_text(*period, *year),
                match choose {
                    Choose::Highest => "highest",
                    Choose::Earliest => "earliest",
                }
            ),
        }
    }
}

impl Display for NoValue {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            NoValue::NoEntity(path) => write!(f, "no entity `{path}` in the facts"),
            NoValue::NotApplicable(why) => f.write_str(&why.sentence()),
            NoValue::Failed(message) => f.write_str(message),
        }
    }
}

/// `amendment `changzhou_2025` (常政规〔2025〕2号), effective 2025-04-01`.
impl Display for VersionRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "amendment `{}`", self.amendment)?;
        if let Some(document) = &self.document {
            write!(f, " ({document})")?;
        }
        write!(f, ", effective {}", self.effective)
    }
}

impl NotApplicable {
    /// Every reason in one sentence, most informative first, under the amended text that
    /// judged it (if any).
    pub fn reason(&self) -> String {
        match &self.rule.version {
            Some(version) => format!("under {version}: {}", self.why.sentence()),
            None => self.why.sentence(),
        }
    }
}

impl Excluded {
    /// Why it was set aside, in a sentence naming the stack or pool.
    pub fn reason(&self) -> String {
        self.why.0.to_string()
    }
}

impl Trace {
    /// The steps as sentences, one a line.
    pub fn lines(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
}

impl Why {
    /// Every reason as one sentence, most informative first.
    pub fn sentence(&self) -> String {
        self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    }
}
/// What an amendment changes, rule by rule (and pool caps and the policy's expiry), for
/// `policy check`:
///
/// ```text
/// note: amendment `changzhou_2025` of `changzhou_2023` (常政规〔2025〕2号), effective 2025-04-01
///   CZ-09: replaces cite, reward
///   CZ-11b: repealed
///   CZ-18: added
///   CZ-03-1c: cap becomes 12,000,000
///   validity: in force until 2029-12-31 (was 2027-12-31)
/// ```
pub fn amendment_note(program: &Program, amendment: &Amendment) -> String {
    let policy = program.policies.get(amendment.policy).map_or("", |p| p.id.as_str());
    let document = amendment.document.as_ref().map_or(String::new(), |d| format!(" ({d})"));
    let mut out =
        format!("note: amendment `{}` of `{policy}`{document}, effective {}\n", amendment.id, amendment.effective);
    for change in &amendment.changes {
        let how = match &change.how {
            How::Replaced(clauses) if clauses.is_empty() => "changes nothing".to_string(),
            How::Replaced(clauses) => format!("replaces {}", clauses.join(", ")),
            How::Repealed => "repealed".to_string(),
            How::Added => "added".to_string(),
            How::Cap(cap) => format!("cap becomes {}", money(*cap)),
        };
        out.push_str(&format!("  {}: {how}\n", change.rule));
    }
    if let Some(expires) = amendment.expires {
        // What it was: as the last earlier amendment of the policy set it, else the policy's own.
        let earlier = program.amendments.iter().take_while(|a| !std::ptr::eq(*a, amendment));
        let was = earlier.filter(|a| a.policy == amendment.policy).filter_map(|a| a.expires).last();
        let was = was.or_else(|| program.policies.get(amendment.policy).and_then(|p| p.expires));
        let was = was.map_or("no expiry stated".to_string(), |d| format!("was {d}"));
        out.push_str(&format!("  validity: in force until {expires} ({was})\n"));
    }
    out
}
