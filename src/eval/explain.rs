//! Explanations as values: each step that shaped an award, each reason a rule did not pay,
//! each reason an award was set aside. Evaluation records them; only `output` turns them into
//! words (in whichever language the reader reads), so the JSON carries both the structure
//! (which pool cut an award, by how much) and the sentence.

use crate::dates::Period;
use crate::program::{Entitlement, Shown, VersionRef};
use crate::terms::{Choose, Earlier};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// One step that shaped an award, in the order taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The rule's text as amended: the version that judged the event.
    Version(VersionRef),
    /// `20% of rd_cost`: the rate (as written), the base's text and value, the product.
    Of {
        /// The rate, as written or shown.
        rate: Arc<str>,
        /// The base as written.
        base: Arc<str>,
        /// The value looked up or taken.
        value: Decimal,
        /// The product.
        result: Decimal,
    },
    /// `5%..20% of salary`: both rates and both products.
    RangeOf {
        /// The lower rate.
        low_rate: Decimal,
        /// The higher rate.
        high_rate: Decimal,
        /// The base as written.
        base: Arc<str>,
        /// The lower bound.
        low: Decimal,
        /// The higher bound.
        high: Decimal,
    },
    /// `50万 per specialties`: the amount, how many, the product.
    Per {
        /// How many, as written (or the most allowed).
        count: Arc<str>,
        /// The amount.
        amount: Decimal,
        /// How many times.
        times: Decimal,
        /// The product.
        result: Decimal,
    },
    /// `10万..50万`
    Range {
        /// The lower bound.
        low: Decimal,
        /// The higher bound.
        high: Decimal,
    },
    /// `max 400万` on an amount (or an award's ceiling): before and after.
    Max {
        /// The cap.
        cap: Decimal,
        /// Before the step.
        before: Decimal,
        /// After the step.
        after: Decimal,
    },
    /// `max 1亿` on a case-by-case award: its ceiling now.
    MaxCaseByCase {
        /// The cap.
        cap: Decimal,
        /// The ceiling now.
        at_most: Decimal,
    },
    /// 最高/不超过/择优: the amount is a ceiling.
    UpTo {
        /// The ceiling, when bounded.
        ceiling: Option<Decimal>,
    },
    /// 一事一议.
    CaseByCase {
        /// The text sets no bound (上不封顶).
        uncapped: bool,
    },
    /// `by phase { … }`: the row taken, and its amount when it is one.
    By {
        /// The table's scrutinee as written.
        table: Arc<str>,
        /// The value, by name (shared with the schema).
        variant: Arc<str>,
        /// The amount.
        amount: Option<Decimal>,
    },
    /// `tiers investment { … }`: the value and the tier it falls in.
    Tier {
        /// The table's scrutinee as written.
        table: Arc<str>,
        /// The value looked up or taken.
        value: Decimal,
        /// The tier, as written.
        tier: String,
    },
    /// `marginal capital { … }`: each slice's rate and portion, and the sum.
    Marginal {
        /// The table's scrutinee as written.
        table: Arc<str>,
        /// The value looked up or taken.
        value: Decimal,
        /// Each slice's rate and portion.
        slices: Vec<Slice>,
        /// The sum.
        total: Decimal,
    },
    /// `steps items { … }`: the value and the step it reaches.
    Steps {
        /// The table's scrutinee as written.
        table: Arc<str>,
        /// The value looked up or taken.
        value: Decimal,
        /// The step reached.
        threshold: Decimal,
    },
    /// A `schedule` or `value` supplied an amount: which one, called how.
    Schedule {
        /// The call as written: `clinical_cap(phase_completed)`, `city_cap`.
        call: Arc<str>,
        /// A `value` rather than a `schedule`.
        value: bool,
        /// The amount it gave (or its ceiling), when it is one.
        amount: Option<Decimal>,
        /// The amount is a ceiling (`up_to`).
        up_to: bool,
    },
    /// The award rounded once, as its policy says.
    Round {
        /// How it is rounded.
        rounding: String,
        /// Before the step.
        before: Decimal,
        /// After the step.
        after: Decimal,
    },
    /// A pool's room, and what it did to the award.
    Pool(PoolStep),
    /// 补差: an earlier grant under a stack's member is topped up to this award.
    TopUp {
        /// The stack's id.
        stack: String,
        /// Granted before for the item.
        granted: Decimal,
        /// The earlier grants.
        grants: Grants,
        /// The award topped up to.
        up_to: Option<Decimal>,
    },
    /// Who pays which part (两级财政).
    Split {
        /// Each payer's part.
        shares: Vec<SplitShare>,
    },
    /// `sum(trials.rd_cost where …)`: the records counted, each with its value, and the result.
    Aggregate {
        /// The aggregate in words (`sum of trials.rd_cost where phase in { I, II }`).
        aggregate: Arc<str>,
        /// How many records the list holds.
        records: usize,
        /// The records that passed the filter, in list order.
        counted: Vec<Counted>,
        /// The sum, count, least or greatest value.
        total: Option<Decimal>,
        /// Whether `any` or `all` holds.
        holds: Option<bool>,
    },
    /// A fact was absent and its default was used.
    Default {
        /// The fact as written.
        fact: Arc<str>,
        /// The default, as people read it.
        value: Arc<str>,
    },
}

/// A grant in the ledger, as results name it (`wuxi.WX-10 on enterprise.E1.drugs.D1, paid
/// 2024-03-01 ($.ledger[0])`); worded by `output`, serialized as those words.
#[derive(Clone, Debug, PartialEq)]
pub struct GrantRef {
    /// `policy.rule`.
    pub rule: String,
    /// The entity it was granted to.
    pub entity: String,
    /// The date it was paid.
    pub date: chrono::NaiveDate,
    /// Where the row is in the facts (`$.ledger[0]`).
    pub at: String,
}

/// The earlier grants a stack weighs: how many, and the first.
#[derive(Clone, Debug, PartialEq)]
pub struct Grants {
    /// The first of them.
    pub first: GrantRef,
    /// How many.
    pub count: usize,
}

/// What was paid instead of an award set aside: another award, or an earlier grant.
#[derive(Clone, Debug, PartialEq)]
pub enum Paid {
    /// The award that pays instead: `p.HIGH on enterprise.E1`.
    Award {
        /// `policy.rule`.
        rule: String,
        /// The entity it pays.
        entity: String,
    },
    /// An earlier grant in the ledger.
    Grant(GrantRef),
}

/// A grant inside a step or a reason's value is data, the same in every language (a decision
/// log written under one language replays under another): its English words.
impl Serialize for GrantRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&crate::i18n::with_lang(crate::i18n::Lang::En, || self.to_string()))
    }
}

/// As [`GrantRef`]: English words.
impl Serialize for Grants {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&crate::i18n::with_lang(crate::i18n::Lang::En, || self.to_string()))
    }
}

/// The award paid instead sits beside the reason: in the reader's language.
impl Serialize for Paid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A record an aggregate counted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counted {
    /// The record's id.
    pub record: Arc<str>,
    /// The value taken of it (`sum`, `min`, `max`).
    pub value: Option<Decimal>,
    /// The value is the field's default: the record does not give it.
    pub by_default: bool,
}

/// One slice of a marginal table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Slice {
    /// The tier's rate.
    pub rate: Decimal,
    /// The part of the value inside the tier.
    pub portion: Decimal,
}

/// A pool applied to an award.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolStep {
    /// The pool's id (`CZ-12b.per_year_cap` for a rule's own cap).
    pub pool: Arc<str>,
    /// A rule's own `per_year_cap`.
    pub implicit: bool,
    /// The cap.
    pub cap: Decimal,
    /// The entity whose room it is.
    pub scope: Arc<str>,
    /// The period counted.
    pub period: Period,
    /// The year of the award.
    pub year: i32,
    /// Awarded before in the period (this evaluation and the ledger).
    pub already: Decimal,
    /// Of which in the ledger.
    pub ledgered: Decimal,
    /// The room left.
    pub room: Decimal,
    /// The award's ceiling after the pool, when it was cut; `None` when within the cap.
    pub cut_to: Option<Decimal>,
    /// The amendment that set the cap in force on the event's date; `None` for the pool's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<VersionRef>,
}

/// One payer's part, in a split step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SplitShare {
    /// Who pays.
    pub payer: String,
    /// The share, when stated.
    pub rate: Option<Decimal>,
    /// The amount, when stated.
    pub amount: Option<Decimal>,
}

/// A fact a failed condition read, and its value: kept as a value, written as people read it
/// only by output (most reasons are never read as text).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Read<'p> {
    /// The fact as written in the rule (the program's text).
    pub fact: &'p str,
    /// Its value, or `None` when not given.
    pub value: Option<Shown<'p>>,
}

/// Where the facts a false condition read are in its evaluation's [`Evaluation::reads`](crate::Evaluation::reads)
/// (out-of-scope reasons that read the same values share one run). Held apart so that the
/// common reasons own nothing: dropping a list of them no longer jumps to a different drop
/// for each one's kind (that jump, mispredicted about once a reason, was 7% of an explained
/// evaluation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    start: u32,
    end: u32,
}

impl Reads {
    /// The run from `start` to `end` of the evaluation's reads.
    pub(crate) fn new(start: usize, end: usize) -> Reads {
        let std::ops::Range { start, end } = super::result::span(start, end);
        Reads { start, end }
    }

    /// These reads in `all` (their evaluation's); none where `all` is too short to hold them.
    pub fn of<'a, 'p>(self, all: &'a [Read<'p>]) -> &'a [Read<'p>] {
        all.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    /// How many facts were read.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True when the condition read no fact.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// A fact a reason names: as written in the rule, or a record's field by its list and id
/// (`trials[T2].rd_cost`), its parts borrowed and joined only when written (so a reason owns
/// nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactName<'p> {
    /// As written in the rule.
    Written(&'p str),
    /// A record's own field.
    Record {
        /// The list as written in the rule (`trials`).
        list: &'p str,
        /// The record's id (`T2`).
        id: &'p str,
        /// The field (`rd_cost`).
        field: &'p str,
    },
}

impl std::fmt::Display for FactName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactName::Written(name) => f.write_str(name),
            FactName::Record { list, id, field } => write!(f, "{list}[{id}].{field}"),
        }
    }
}

impl Serialize for FactName<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a rule does not pay an entity. A rule gives every reason that holds, the most
/// informative first: its scope, then false conditions, then missing facts, then dates and
/// the ledger.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason<'p> {
    /// The policy governs other entities (another city).
    OutOfScope {
        /// The policy's id.
        policy: &'p str,
        /// The condition as written.
        condition: &'p str,
        /// The facts it read, in the evaluation's reads (serialized through [`Why`], which
        /// holds them).
        #[serde(skip)]
        reads: Reads,
        /// The condition's index in the rule's conditions: what the compact line names it by.
        #[serde(skip)]
        index: usize,
    },
    /// A `when` condition is false.
    ConditionFalse {
        /// The condition as written.
        condition: &'p str,
        /// The facts it read, in the evaluation's reads (serialized through [`Why`], which
        /// holds them).
        #[serde(skip)]
        reads: Reads,
        /// The condition's index in the conditions of the text that judged (the rule's, or
        /// its amended version's): what the compact line names it by.
        #[serde(skip)]
        index: usize,
    },
    /// A fact the rule needs is not given.
    FactMissing {
        /// The fact as written in the rule; a record's missing field is named by its list
        /// and id (`trials[T2].rd_cost`), made for the reason.
        fact: FactName<'p>,
        /// How many levels above the rule's entity the fact's holder is (0: the entity
        /// itself, or one of its records): what groups missing facts by the entity lacking them.
        #[serde(skip)]
        up: usize,
    },
    /// A `by` table has no row for the value.
    NotInTable {
        /// The table's scrutinee as written.
        table: &'p str,
        /// The value, by name (shared with the schema).
        variant: Arc<str>,
    },
    /// `min` or `max` over no records.
    NoRecords {
        /// The aggregate in words.
        aggregate: &'p str,
    },
    /// A `tiers` table has no tier for the value.
    NoTier {
        /// The table's scrutinee as written.
        table: &'p str,
        /// The value looked up or taken.
        value: Decimal,
    },
    /// A `steps` table's first step is not reached.
    BelowFirstStep {
        /// The table's scrutinee as written.
        table: &'p str,
        /// The value looked up or taken.
        value: Decimal,
        /// The first step.
        first: Decimal,
    },
    /// The event has not happened by the evaluation date.
    NotYet {
        /// The event's (or grant's) date.
        date: chrono::NaiveDate,
        /// The evaluation date.
        as_of: chrono::NaiveDate,
    },
    /// The event is before the policy took effect.
    BeforeEffective {
        /// The event's (or grant's) date.
        date: chrono::NaiveDate,
        /// The policy's id.
        policy: &'p str,
        /// The first day in force.
        effective: chrono::NaiveDate,
    },
    /// The event is after the policy expired.
    AfterExpiry {
        /// The event's (or grant's) date.
        date: chrono::NaiveDate,
        /// The policy's id.
        policy: &'p str,
        /// The last day in force.
        expires: chrono::NaiveDate,
    },
    /// A one-off already in the ledger.
    PaidOnce {
        /// The once-key, when the rule has one.
        key: Option<&'p str>,
        /// The record granted, when another of the owner's.
        entity: Option<&'p str>,
        /// The event's (or grant's) date.
        date: chrono::NaiveDate,
        /// The amount.
        amount: Decimal,
        /// Where the grant is in the facts.
        at: &'p str,
    },
    /// A yearly award already in the ledger for the year.
    PaidThisYear {
        /// The year.
        year: i32,
        /// The event's (or grant's) date.
        date: chrono::NaiveDate,
        /// The amount.
        amount: Decimal,
        /// Where the grant is in the facts.
        at: &'p str,
    },
    /// The rule is repealed for events from an amendment's date.
    Repealed {
        /// The repealing amendment.
        version: VersionRef,
        /// The event's date.
        date: chrono::NaiveDate,
    },
    /// The rule was added by an amendment that does not yet apply to the event.
    NotYetAdded {
        /// The amendment that adds it.
        version: VersionRef,
        /// The event's date.
        date: chrono::NaiveDate,
    },
    /// Another record of the owner earns the same one-off in this evaluation.
    PaidToAnother {
        /// The owner whose one-off it is.
        owner: &'p str,
        /// The once-key, when the rule has one.
        key: Option<String>,
    },
}

/// Why an award was set aside.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// 就高不重复: another member pays more for the item (or as much, and is listed first).
    Outranked {
        /// The stack's id.
        stack: String,
        /// The rule that pays instead.
        winner: String,
        /// The item the awards are for.
        item: String,
        /// What the winner pays.
        won: Entitlement,
        /// What this award would have paid.
        lost: Entitlement,
        /// The two were equal, and member order decided.
        tie: bool,
    },
    /// An earlier grant under a member for the same item.
    EarlierGrant {
        /// The stack's id.
        stack: String,
        /// What the stack does about earlier grants.
        earlier: Earlier,
        /// Granted before for the item.
        granted: Decimal,
        /// The earlier grants.
        grants: Grants,
        /// This award's ceiling.
        max: Option<Decimal>,
    },
    /// A count cap is reached.
    CountCap {
        /// The pool's id.
        pool: String,
        /// The most awards it allows.
        count: u32,
        /// The entity whose count it is.
        scope: String,
        /// The period counted.
        period: Period,
        /// The year of the award.
        year: i32,
        /// Which awards are kept.
        choose: Choose,
        /// Already granted, in the ledger.
        ledgered: usize,
        /// Kept in this evaluation.
        kept: usize,
    },
}

/// The steps of one award, in order. Serialized as `trace` (sentences) and `steps` (values).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace(pub Vec<Step>);

impl std::ops::Deref for Trace {
    type Target = [Step];
    fn deref(&self) -> &[Step] {
        &self.0
    }
}

/// Every reason a rule does not pay, most informative first, as its evaluation holds them,
/// with the evaluation's reads (where each false condition's are). Serialized as `reason`
/// (one sentence) and `why` (values). Equal when the reasons say the same, reads included.
#[derive(Clone, Copy, Debug, Default)]
pub struct Why<'a, 'p>(pub &'a [Reason<'p>], pub &'a [Read<'p>]);

impl<'a, 'p> Why<'a, 'p> {
    /// The facts `reason` read, when it is a false condition (in or out of scope).
    pub fn reads(&self, reason: &Reason<'p>) -> &'a [Read<'p>] {
        self.reads_of(reason).unwrap_or_default()
    }

    /// The facts `reason` read; `None` when it is not a false condition.
    fn reads_of(&self, reason: &Reason<'p>) -> Option<&'a [Read<'p>]> {
        match reason {
            Reason::OutOfScope { reads, .. } | Reason::ConditionFalse { reads, .. } => Some(reads.of(self.1)),
            _ => None,
        }
    }

    /// Each reason with the facts it read.
    pub fn each(&self) -> impl Iterator<Item = (&'a Reason<'p>, &'a [Read<'p>])> + '_ {
        self.0.iter().map(|reason| (reason, self.reads(reason)))
    }
}

impl PartialEq for Why<'_, '_> {
    fn eq(&self, other: &Why<'_, '_>) -> bool {
        self.0.len() == other.0.len()
            && self
                .each()
                .zip(other.each())
                .all(|((a, reads_a), (b, reads_b))| reads_a == reads_b && (a == b || same_kind(a, b)))
    }
}

/// Two false conditions alike but for where their reads are kept.
fn same_kind(a: &Reason<'_>, b: &Reason<'_>) -> bool {
    match (a, b) {
        (
            Reason::OutOfScope { policy: p, condition: c, index: i, .. },
            Reason::OutOfScope { policy: q, condition: d, index: j, .. },
        ) => p == q && c == d && i == j,
        (
            Reason::ConditionFalse { condition: c, index: i, .. },
            Reason::ConditionFalse { condition: d, index: j, .. },
        ) => c == d && i == j,
        _ => false,
    }
}

impl Serialize for Why<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|reason| WithReads { reason, reads: self.reads_of(reason) }))
    }
}

/// A reason serialized with the facts it read, as `{"reason", …, "reads": […]}` (a false
/// condition's), or as it is.
#[derive(Serialize)]
struct WithReads<'a, 'p> {
    #[serde(flatten)]
    reason: &'a Reason<'p>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reads: Option<&'a [Read<'p>]>,
}

/// Why an award was set aside. Serialized as `reason` (a sentence) and `why` (the value).
#[derive(Clone, Debug, PartialEq)]
pub struct WhyExcluded(pub Exclusion);

impl<'a> IntoIterator for &'a Trace {
    type Item = &'a Step;
    type IntoIter = std::slice::Iter<'a, Step>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
