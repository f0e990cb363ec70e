//! Explanations in words: the sentences for each step, reason and exclusion that evaluation
//! records as values (`eval::explain`). This is the one place they are worded, each through
//! the message catalogue (`locales/<lang>/output.ftl`), so the reader's language decides.
//! Amounts are formatted by [`amount`] before they reach a message. A trace's steps are in
//! `steps`; reasons, exclusions and entitlements here.

mod failed;
mod needs;
mod steps;

pub use needs::needs_text;
pub(crate) use steps::period_text;

use crate::amounts::amount;
use crate::eval::{
    Evaluation, Excluded, Exclusion, GrantRef, Grants, NoValue, NotApplicable, Paid, Read, Reason, Trace, Why,
};
use crate::program::{Amendment, Entitlement, EntitlementKind, How, Program, Shown, VersionRef};
use crate::t;
use crate::terms::{Choose, Earlier};
use std::fmt::{self, Display, Formatter};

/// ` (text)` in English, `（text）` in Chinese.
fn parenthesised(text: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => format!("（{text}）"),
        crate::i18n::Lang::En => format!(" ({text})"),
    }
}

/// Source text quoted to the reader (a condition, a base, a table's scrutinee, an aggregate)
/// in the reader's keywords: in Chinese `20% of rd_cost` is `20% 的 rd_cost`, and an
/// aggregate in words (`sum of trials.cost where ok`) is written as the rules write it
/// (`总和(trials.cost 其中 ok)`); in English as it is.
pub(crate) fn in_keywords(text: &str) -> String {
    let lang = crate::i18n::lang();
    if lang == crate::i18n::Lang::En {
        return text.to_string();
    }
    const AGGREGATES: [&str; 6] = ["sum", "count", "min", "max", "any", "all"];
    let aggregate = text.split_once(" of ").filter(|(op, _)| AGGREGATES.contains(op));
    match aggregate {
        Some((op, rest)) => crate::syntax::expr_in(&format!("{op}({rest})"), lang),
        None => crate::syntax::expr_in(text, lang),
    }
}

/// A value a reason shows, money as plain grouped digits (`4,999,999`).
fn value_words(shown: &Shown<'_>) -> String {
    value(shown, crate::amounts::money)
}

/// A value as the reader reads it, amounts written by `money`: `true`, `false`, a default
/// (`false by default`), a duration (`30 日`) and an award (`最高 …`) in the reader's words;
/// the rest as the rules write it. (A value's `Display` is the data, the same in every
/// language: what JSON carries.)
pub fn value(value: &Shown<'_>, money: impl Fn(rust_decimal::Decimal) -> String) -> String {
    match value {
        Shown::Bool(b) => bool_words(*b),
        Shown::ByDefault(default) => t!("value-by-default", value = default_words(default)),
        Shown::Duration(d) => in_keywords(&d.to_string()),
        Shown::Money(m) => money(*m),
        Shown::Award(a) => entitlement(a, money),
        other => other.to_string(),
    }
}

fn bool_words(b: bool) -> String {
    if b {
        t!("value-true")
    } else {
        t!("value-false")
    }
}

/// A default as written (`false`), in words.
fn default_words(default: &str) -> String {
    match default {
        "true" => bool_words(true),
        "false" => bool_words(false),
        other => in_keywords(other),
    }
}

/// ` (rd_cost = 4,999,999, level = national)`, or nothing when no fact was read.
fn reads(reads: &[Read<'_>]) -> String {
    if reads.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = reads
        .iter()
        .map(|r| {
            let value = r.value.as_ref().map_or_else(|| t!("fact-not-given"), value_words);
            format!("{} = {value}", in_keywords(r.fact))
        })
        .collect();
    parenthesised(&shown.join(&t!("list-separator")))
}

/// `reason` in words; a false condition's values are in `read` (what [`Why::reads`] gives).
fn reason(reason: &Reason<'_>, read: &[Read<'_>]) -> String {
    let date = |d: &chrono::NaiveDate| d.to_string();
    match reason {
        Reason::OutOfScope { policy, condition, .. } => {
            t!(
                "reason-out-of-scope",
                policy = policy.to_string(),
                condition = in_keywords(condition),
                reads = reads(read)
            )
        }
        Reason::ConditionFalse { condition, .. } => {
            t!("reason-condition-false", condition = in_keywords(condition), reads = reads(read))
        }
        Reason::FactMissing { fact, .. } => t!("reason-fact-missing", fact = fact.to_string()),
        Reason::NotInTable { table, variant } => {
            t!("reason-not-in-table", table = in_keywords(table), variant = variant.to_string())
        }
        Reason::NoRecords { aggregate } => t!("reason-no-records", aggregate = in_keywords(aggregate)),
        Reason::NoTier { table, value } => t!("reason-no-tier", table = in_keywords(table), value = amount(*value)),
        Reason::BelowFirstStep { table, value, first } => t!(
            "reason-below-first-step",
            table = in_keywords(table),
            value = value.normalize().to_string(),
            first = first.normalize().to_string()
        ),
        Reason::NotYet { date: d, as_of } => t!("reason-not-yet", date = date(d), as_of = date(as_of)),
        Reason::BeforeEffective { date: d, policy, effective } => {
            t!("reason-before-effective", date = date(d), policy = policy.to_string(), effective = date(effective))
        }
        Reason::AfterExpiry { date: d, policy, expires } => {
            t!("reason-after-expiry", date = date(d), policy = policy.to_string(), expires = date(expires))
        }
        Reason::PaidOnce { key, entity, date: d, amount: paid, at } => t!(
            "reason-paid-once",
            what = for_key(*key),
            whom = entity.map_or(String::new(), |e| t!("paid-to-entity", entity = e)),
            date = date(d),
            amount = amount(*paid),
            at = *at
        ),
        Reason::PaidThisYear { year, date: d, amount: paid, at } => {
            t!("reason-paid-this-year", year = year.to_string(), date = date(d), amount = amount(*paid), at = *at)
        }
        Reason::Repealed { version, date: d } => t!("reason-repealed", version = version.to_string(), date = date(d)),
        Reason::NotYetAdded { version, date: d } => {
            t!("reason-not-yet-added", version = version.to_string(), date = date(d))
        }
        Reason::PaidToAnother { owner, key } => {
            t!("reason-paid-to-another", owner = owner.to_string(), what = for_key(key.as_deref()))
        }
    }
}

/// ` for `key``, or nothing.
fn for_key(key: Option<&str>) -> String {
    key.map_or(String::new(), |k| t!("paid-for-key", key = k))
}

/// The ceiling a stack compares: `12,000,000`, `up to 12,000,000`, `case by case, unbounded`.
fn bound(award: &Entitlement) -> String {
    match award.max() {
        Some(max) if award.amount().is_some() => amount(max),
        Some(max) => t!("amount-up-to", amount = amount(max)),
        None => t!("amount-case-by-case-unbounded"),
    }
}

impl Display for Exclusion {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&exclusion(self))
    }
}

fn exclusion(exclusion: &Exclusion) -> String {
    match exclusion {
        Exclusion::Outranked { stack, winner, item, won, lost, tie } => t!(
            "exclusion-outranked",
            stack = stack,
            winner = winner.to_string(),
            item = item.to_string(),
            won = bound(won),
            lost = bound(lost),
            tie = if *tie { t!("exclusion-outranked-tie") } else { String::new() }
        ),
        Exclusion::EarlierGrant { stack, earlier, granted, grants, max } => {
            let already = t!("already-granted", granted = amount(*granted), grants = grants.to_string());
            match earlier {
                Earlier::Refuse => t!("exclusion-earlier-refuse", stack = stack, already = already),
                Earlier::TopUp => t!(
                    "exclusion-earlier-top-up",
                    stack = stack,
                    already = already,
                    max = max.map_or("?".into(), amount)
                ),
            }
        }
        Exclusion::CountCap { pool, count, scope, period, year, choose, ledgered, kept } => t!(
            "exclusion-count-cap",
            pool = pool.to_string(),
            count = u64::from(*count),
            scope = scope,
            period = period_text(*period, *year),
            choose = match choose {
                Choose::Highest => t!("choose-highest"),
                Choose::Earliest => t!("choose-earliest"),
            },
            ledgered = *ledgered,
            kept = *kept
        ),
    }
}

/// What an award entitles to, as people read it: `4,000,000`, `up to …`, `… – …`,
/// `case by case, up to …`, `case by case, uncapped`, `case by case`; amounts by `money`.
/// The table and the REPL both write an entitlement this way.
pub fn entitlement(award: &Entitlement, money: impl Fn(rust_decimal::Decimal) -> String) -> String {
    match award {
        Entitlement::Exact(x) => money(*x),
        Entitlement::UpTo(x) => t!("amount-up-to", amount = money(*x)),
        Entitlement::Range(lo, hi) => t!("amount-range", low = money(*lo), high = money(*hi)),
        Entitlement::CaseByCase { cap: Some(cap), .. } => t!("amount-case-by-case-up-to", amount = money(*cap)),
        Entitlement::CaseByCase { uncapped: true, .. } => t!("amount-case-by-case-uncapped"),
        Entitlement::CaseByCase { .. } => t!("amount-case-by-case"),
    }
}

/// The kind of an award, as the table's KIND column names it.
pub fn kind(kind: EntitlementKind) -> String {
    match kind {
        EntitlementKind::Exact => t!("kind-exact"),
        EntitlementKind::UpTo => t!("kind-up-to"),
        EntitlementKind::Range => t!("kind-range"),
        EntitlementKind::CaseByCase => t!("kind-case-by-case"),
    }
}

impl Display for NoValue<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            NoValue::NoEntity(path) => f.write_str(&t!("reason-no-entity", path = path.to_string())),
            // No false condition among them: those are a rule's, not an expression's.
            NoValue::NotApplicable(reasons) => f.write_str(&Why(reasons, &[]).sentence()),
            NoValue::Failed(failed) => failed.fmt(f),
        }
    }
}

/// `wuxi.WX-10 on enterprise.E1.drugs.D1, paid 2024-03-01 ($.ledger[0])`.
impl Display for GrantRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (rule, entity, date) = (self.rule.as_str(), self.entity.as_str(), self.date.to_string());
        f.write_str(&t!("grant-named", rule = rule, entity = entity, date = date, at = self.at.as_str()))
    }
}

/// The one grant, or `2 grants, the first …`.
impl Display for Grants {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.count {
            1 => self.first.fmt(f),
            count => f.write_str(&t!("grants-first", count = count, first = self.first.to_string())),
        }
    }
}

/// `p.HIGH on enterprise.E1`, or the grant.
impl Display for Paid {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Paid::Award { rule, entity } => f.write_str(&t!("award-named", rule = rule, entity = entity)),
            Paid::Grant(grant) => grant.fmt(f),
        }
    }
}

/// `amendment `changzhou_2025` (常政规〔2025〕2号), effective 2025-04-01`.
impl Display for VersionRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let amendment = self.amendment.to_string();
        let effective = self.effective.to_string();
        f.write_str(&match &self.document {
            Some(document) => {
                t!(
                    "version-ref-document",
                    amendment = amendment,
                    document = document.to_string(),
                    effective = effective
                )
            }
            None => t!("version-ref", amendment = amendment, effective = effective),
        })
    }
}

impl Evaluation<'_> {
    /// Why `entry` (one of this evaluation's) does not pay: every reason in one sentence,
    /// most informative first, under the amended text that judged it (if any).
    pub fn reason(&self, entry: &NotApplicable<'_>) -> String {
        let why = self.why(entry).sentence();
        match &entry.rule.version {
            Some(version) => t!("reason-under-version", version = version.to_string(), reason = why),
            None => why,
        }
    }
}

impl Excluded<'_> {
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

impl Why<'_, '_> {
    /// Every reason as one sentence, most informative first.
    pub fn sentence(&self) -> String {
        self.sentences().collect::<Vec<_>>().join(&t!("clause-separator"))
    }

    /// Each reason in words, most informative first.
    pub fn sentences(&self) -> impl Iterator<Item = String> + '_ {
        self.each().map(|(why, read)| reason(why, read))
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
    let policy = program.policies.get(amendment.policy).map_or("", |p| &*p.id);
    let (id, effective) = (amendment.id.to_string(), amendment.effective.to_string());
    let mut out = match &amendment.document {
        Some(d) => t!(
            "amendment-note-document",
            amendment = id,
            policy = policy,
            document = d.to_string(),
            effective = effective
        ),
        None => t!("amendment-note", amendment = id, policy = policy, effective = effective),
    };
    out.push('\n');
    for change in &amendment.changes {
        let how = match &change.how {
            How::Replaced(clauses) if clauses.is_empty() => t!("amendment-changes-nothing"),
            How::Replaced(clauses) => t!("amendment-replaces", clauses = clauses.join(", ")),
            How::Repealed => t!("amendment-repealed"),
            How::Added => t!("amendment-added"),
            How::Cap(cap) => t!("amendment-cap", amount = amount(*cap)),
        };
        out.push_str(&format!("  {}: {how}\n", change.rule));
    }
    if let Some(expires) = amendment.expires {
        // What it was: as the last earlier amendment of the policy set it, else the policy's own.
        let earlier = program.amendments.iter().take_while(|a| !std::ptr::eq(*a, amendment));
        let was = earlier.filter(|a| a.policy == amendment.policy).filter_map(|a| a.expires).last();
        let was = was.or_else(|| program.policies.get(amendment.policy).and_then(|p| p.expires));
        let was = was.map_or_else(|| t!("amendment-no-expiry"), |d| t!("amendment-expiry-was", date = d.to_string()));
        out.push_str(&format!("  {}\n", t!("amendment-validity", expires = expires.to_string(), was = was)));
    }
    out
}
