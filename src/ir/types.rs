//! The IR's own types: the public, versioned form of a checked program.
//!
//! They stand apart from [`crate::program`] (as Cedar's `est` stands apart from its `ast`):
//! names instead of slot indices, every amount with its unit, no spans. The program may
//! change shape freely; this form changes only with [`super::VERSION`]. `docs/ir.schema.json`
//! is derived from these types, so the schema cannot drift from what is written.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod expr;

pub use expr::*;

/// A policy-lang IR document: `policy compile --target json`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "policy-lang IR")]
pub struct Document {
    /// Always `policy-lang/ir`.
    #[schemars(extend("const" = "policy-lang/ir"))]
    pub format: String,
    /// The IR version; a reader refuses any other.
    #[schemars(extend("const" = 3))]
    pub version: u64,
    /// The checked rules.
    pub program: Program,
    /// Derived, for readers: what each rule reads from the facts, in `program.rules` order
    /// (ignored when loading).
    #[serde(default)]
    pub facts_needed: Vec<RuleNeeds>,
}

/// Everything evaluation needs, and nothing of the source text.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// The entity kinds and enums facts are checked against.
    pub schema: Schema,
    /// One per policy document, in load order.
    pub policies: Vec<Policy>,
    /// Every rule, in source order (which is evaluation order).
    pub rules: Vec<Rule>,
    /// Caps over groups of rules, each rule's own `per_year_cap` included.
    pub pools: Vec<Pool>,
    /// 就高不重复 groups: only the highest member's award is paid.
    pub stacks: Vec<Stack>,
    /// Later documents amending the policies from a date, in effective-date order; absent
    /// when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// `value`s and `schedule`s, in load order; each uses only those listed before it.
    /// Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
}

/// A `value` (no `params`) or a `schedule`: an amount defined once, used by several rules.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The name rules use.
    pub name: String,
    /// The policy whose file defines it, which qualifies the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The parameters, in order; absent for a `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Vec<Param>>,
    /// The amount; reads only `{"op": "param"}`s and `as_of`, never a fact.
    pub body: Expr,
}

/// A schedule's parameter.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Its name in the body.
    pub name: String,
    /// Its type: a base type or an enum, never a list.
    #[serde(rename = "type")]
    pub ty: Type,
}

/// A later document that changes a policy from a date (关于调整…的通知).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The policy amended, by id.
    pub policy: String,
    /// The amendment's id; rules' `versions` and `added_by` name it.
    pub id: String,
    /// The amending document's title.
    pub title: Option<String>,
    /// Its document number, e.g. `常政规〔2025〕2号`.
    pub document: Option<String>,
    /// Its date of issue.
    pub issued: Option<NaiveDate>,
    /// The first day its texts apply to events.
    pub effective: NaiveDate,
    /// The policy's last day in force as it sets it (有效期延长至…); absent when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// What it does, rule by rule (for reading; the rules' `versions` are what evaluates).
    pub changes: Vec<Amended>,
}

/// What an amendment does to one rule.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amended {
    /// The rule's id, in the amended policy.
    pub rule: String,
    /// Replaced clauses, a repeal, or a new rule.
    pub how: How,
}

/// How an amendment changes a rule.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// These clause kinds (`reward`, `when`, …) are replaced.
    Replaced(Vec<String>),
    /// Not applicable to events from the amendment's date.
    Repealed,
    /// A new rule, in force from the amendment's date.
    Added,
    /// A pool's money cap (or a rule's `per_year_cap`) from the amendment's date (the pool's
    /// `versions` are what evaluates).
    Cap(Money),
}

/// A rule's text from an amendment's effective date on.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// The amendment, by id; its `effective` date is the version's first day.
    pub amendment: String,
    /// The whole text in force from then, or null for a repeal.
    pub text: Option<Text>,
}

/// The clauses of a rule an amendment may replace.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The clause it encodes.
    pub cite: Option<String>,
    /// A one-line summary.
    pub title: Option<String>,
    /// The responsible department.
    pub dept: Option<String>,
    /// All must hold: the policy's scope first, then the rule's own `when`s.
    pub conditions: Vec<Condition>,
    /// What is paid.
    pub reward: Expr,
    /// Who pays which share.
    pub split: Vec<Share>,
}

/// Enums and entity kinds.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Closed sets of values.
    pub enums: Vec<Enum>,
    /// The kinds of entity facts list, owners before the kinds they own.
    pub entities: Vec<Entity>,
}

/// `enum phase { preclinical, I, II, III }`
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    /// The enum's name.
    pub name: String,
    /// Its values, in declared order.
    pub values: Vec<String>,
    /// Its `///` label in the schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The `///` labels of the values that have one, by value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub value_labels: BTreeMap<String, String>,
}

/// A kind of entity: an enterprise, a drug.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// The kind's name, as facts write it.
    pub name: String,
    /// The kind whose list field holds these entities; null at the top of the facts.
    pub owner: Option<String>,
    /// Its facts.
    pub fields: Vec<Field>,
    /// Its `///` label in the schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// One fact of an entity kind.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The fact's name in rules and in the facts JSON.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// The fact may be absent; a rule that needs it then does not apply.
    pub optional: bool,
    /// What an absent fact counts as (`deemed_passed?: bool default false`): a literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Expr>,
    /// Its `///` label in the schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A fact's type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// Yuan, exact.
    Money,
    /// A fraction: 20% is `0.2`.
    Rate,
    /// A plain quantity.
    Number,
    /// A whole number of things.
    Count,
    /// `YYYY-MM-DD`
    Date,
    /// Months and days.
    Duration,
    /// True or false.
    Bool,
    /// Free text.
    Text,
    /// `{"enum": "phase"}`: a value of that enum.
    Enum(String),
    /// `{"list": "drug"}`: entities of that kind.
    List(String),
}

/// One policy document.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The policy's id; rules, pools and stacks name it.
    pub id: String,
    /// The document's title.
    pub title: Option<String>,
    /// The issuing authority (发文机关).
    pub issuer: Option<String>,
    /// The document number, e.g. `常政规〔2023〕5号`.
    pub document: Option<String>,
    /// The date of issue.
    pub issued: Option<NaiveDate>,
    /// The first day in force; null when the text gives none.
    pub effective: Option<NaiveDate>,
    /// The last day in force (inclusive); null when no expiry is stated.
    pub expires: Option<NaiveDate>,
    /// How each award is rounded, once, at the end.
    pub rounding: Rounding,
}

/// How an award is rounded.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// The smallest unit kept.
    pub unit: RoundingUnit,
    /// Which way what lies beyond it goes.
    pub mode: RoundingMode,
}

/// The unit an award is rounded to.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingUnit {
    /// 元
    Yuan,
    /// 角: tenths of a yuan.
    Jiao,
    /// 分: hundredths of a yuan.
    Fen,
}

/// How a rounding treats what lies beyond the unit.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入
    HalfAwayFromZero,
    /// Halves to the even neighbour.
    HalfEven,
    /// Toward zero.
    Down,
    /// Away from zero.
    Up,
}

/// A rule: who it pays, when, and how much.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The policy it belongs to, by id.
    pub policy: String,
    /// The rule's id, unique in its policy.
    pub id: String,
    /// The entity kind it pays; facts in expressions are this entity's unless they say `of`.
    pub entity: String,
    /// The clause it encodes.
    pub cite: Option<String>,
    /// A one-line summary.
    pub title: Option<String>,
    /// The responsible department (责任单位).
    pub dept: Option<String>,
    /// All must hold: the policy's scope first, then the rule's own `when`s.
    pub conditions: Vec<Condition>,
    /// The date of the rewarded event (a date expression).
    pub on: Option<Expr>,
    /// What is paid: money or an award (`up_to`, a range, case by case).
    pub reward: Expr,
    /// How often it pays.
    pub frequency: Frequency,
    /// `once per <key>`: the value that tells one paid event from another.
    pub once_per: Option<Expr>,
    /// The entity a one-off is counted for: the rule's own, or an owner (`once per
    /// enterprise` in a rule for drugs).
    pub once_for: String,
    /// Who pays which share; empty when one payer pays all.
    pub split: Vec<Share>,
    /// Its texts from later dates, by amendment, in effective-date order: an event on or after
    /// a version's date is judged by the last such version. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// The amendment that added the rule: not in force before its date. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_by: Option<String>,
}

/// A condition and its text, which names it when it fails.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The condition as written.
    pub text: String,
    /// From the policy's `scope` rather than the rule's `when`.
    pub scope: bool,
    /// A bool expression.
    pub expr: Expr,
}

/// How often a rule pays.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 一次性
    Once,
    /// 每年: once per entity and year of the event.
    Yearly,
    /// 每次: every event.
    EveryEvent,
}

/// A payer and its share of each award.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Who pays, e.g. `city`.
    pub payer: String,
    /// The share as a fraction (`"0.5"`); null when the text does not state it.
    pub rate: Option<Decimal>,
}

/// A rule, named by its policy and id.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleRef {
    /// The policy's id.
    pub policy: String,
    /// The rule's id in that policy.
    pub rule: String,
}

/// A cap over the sum (or the number) of its members' awards, per entity and period.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// The policy that declares it.
    pub policy: String,
    /// The pool's id; a rule's own cap is `<rule>.per_year_cap`.
    pub id: String,
    /// The clause that sets the cap.
    pub cite: Option<String>,
    /// A one-line summary.
    pub title: Option<String>,
    /// The rules it covers.
    pub members: Vec<RuleRef>,
    /// The entity kind each of which has its own room.
    pub per: String,
    /// The period awards are summed over.
    pub period: Period,
    /// What it caps.
    pub cap: Cap,
    /// Ledger grants under policies not loaded that count against it too.
    pub grants: Vec<GrantTags>,
    /// A rule's own `per_year_cap` rather than a declared pool.
    pub implicit: bool,
    /// The money caps amendments set, in effective-date order. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<CapVersion>,
}

/// A pool's money cap from an amendment's effective date on.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapVersion {
    /// The amendment, by id; its `effective` date is the cap's first day.
    pub amendment: String,
    /// The cap from then.
    pub cap: Money,
}

/// What a pool caps.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cap {
    /// The sum of the awards: `{"money": "10000000", "unit": "yuan"}`.
    Money(Money),
    /// The number of awards, and which are kept when more qualify.
    Awards(AwardLimit),
}

/// `limit 2 … choose highest`
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardLimit {
    /// The most awards per entity and period.
    pub awards: u32,
    /// Which are kept when more qualify.
    pub choose: Choose,
}

/// Which awards a count cap keeps.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Choose {
    /// The highest ceilings.
    Highest,
    /// The earliest events.
    Earliest,
}

/// The tags a ledger grant must carry to count against a pool (every tag given).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantTags {
    /// The grant's `policy`.
    pub policy: Option<String>,
    /// The grant's `issuer`, e.g. `苏州市`.
    pub issuer: Option<String>,
    /// The grant's `level`, e.g. `district`.
    pub level: Option<String>,
}

/// The period a pool or stack counts over.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Each calendar year of the event.
    Year,
    /// `{"years": n}`: the event's year and the n − 1 before it.
    Years(u32),
    /// All time.
    Total,
}

/// 就高不重复: of the members' awards for one entity, only the highest is paid.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stack {
    /// The policy that declares it.
    pub policy: String,
    /// The stack's id.
    pub id: String,
    /// The clause that forbids double payment.
    pub cite: Option<String>,
    /// The rules that compete.
    pub members: Vec<RuleRef>,
    /// The entity kind the awards must share to compete.
    pub per: String,
    /// The period they compete in: `year` or `total`.
    pub period: Period,
    /// What an earlier grant under a member for the same entity does.
    pub earlier: Earlier,
}

/// What a stack does with an earlier grant.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Earlier {
    /// 补差: pay the difference up to the higher award.
    TopUp,
    /// 不重复: pay nothing more.
    Refuse,
}

// ------------------------------------------------------------------ facts needed

/// What one rule reads from the facts (see `policy facts-needed`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleNeeds {
    /// The policy's id.
    pub policy: String,
    /// The rule's id.
    pub rule: String,
    /// The entity kind it pays.
    pub entity: String,
    /// The facts it reads, owners first.
    pub facts: Vec<FactRead>,
    /// The ledger rows it counts, and the fields they must carry.
    pub ledger: Vec<String>,
}

/// One fact a rule reads.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactRead {
    /// The entity kind holding it.
    pub entity: String,
    /// The field.
    pub field: String,
    /// Its type, as the schema writes it.
    #[serde(rename = "type")]
    pub ty: String,
    /// When absent, the rule does not apply.
    pub optional: bool,
    /// Which parts of the rule read it: `condition`, `on`, `reward`, `once_per`.
    pub via: Vec<String>,
}
