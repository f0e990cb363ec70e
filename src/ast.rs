//! The owned syntax tree of a `.policy` file.
//!
//! Every node carries the byte span it was parsed from; spans are left out of equality so
//! that tests compare trees, not positions. `Display` prints the canonical form, which parses
//! back to an equal tree.

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod display;

pub use crate::amounts::{Interval, Numeral, Rounding, RoundingMode, RoundingUnit, Scale};
pub use crate::dates::{Duration, Period};
pub use crate::diagnostic::Span;
pub use crate::terms::{AggOp, Choose, Earlier, Frequency, GrantTags};
pub(crate) use display::{write_string, Line};

/// A node and where it came from. Equality ignores the span.
#[derive(Clone, Debug, Default)]
pub struct Spanned<T> {
    /// The node itself.
    pub node: T,
    /// Where it was written; not compared by `==`.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `node` with the span it was parsed from.
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.node
    }
}

/// A name as written (a field, an entity kind, a rule id) and where.
pub type Ident = Spanned<String>;

/// A parsed file: its items in source order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    /// `schema`, `policy`, `rule`, `pool`, `stack` and `test` items as they appear.
    pub items: Vec<Item>,
}

/// A top-level item of a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `schema { … }`: entity kinds and enums; all files share one schema.
    Schema(Spanned<Schema>),
    /// `policy <id> { … }`: the document's metadata; at most one per file.
    Policy(Spanned<Policy>),
    /// `amendment <id> of <policy> { … }`: a later document changing a policy from a date.
    Amendment(Spanned<Amendment>),
    /// `rule <id> for <entity> { … }`: one provision of the policy.
    Rule(Box<Spanned<Rule>>),
    /// `pool <id> { … }`: a cap over several rules' awards.
    Pool(Spanned<Pool>),
    /// `stack <id> { … }`: 就高不重复, only the highest of its members' awards is paid.
    Stack(Spanned<Stack>),
    /// `test "…" { … }`: a case from the text, run by `policy test`.
    Test(Spanned<Test>),
    /// `value NAME = …` or `schedule NAME(p: type, …) = …`: an amount or table defined once
    /// and used by several rules (按前款标准).
    Schedule(Spanned<Schedule>),
}

/// `value city_cap = 1000万` (no parameters) or
/// `schedule clinical_cap(p: phase) = by p { … }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The name rules use, e.g. `clinical_cap`.
    pub name: Ident,
    /// `None` for a `value`; the parameters, in order, for a `schedule` (perhaps none).
    pub params: Option<Vec<Param>>,
    /// The amount; it reads only the parameters and `as_of`.
    pub body: Expr,
}

/// `p: phase`: a schedule's parameter and its type.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name the body reads.
    pub name: Ident,
    /// A base type (`money`, `count`, …) or an enum of the schema.
    pub ty: Ident,
}

/// A case from the text: given facts (on a date), expect outcomes.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    /// What the case shows, in words (`"CZ-03-2a: R&D 1500万 → …"`).
    pub name: Spanned<String>,
    /// The evaluation date; the facts' own `as_of` (or today) when absent.
    pub as_of: Option<Spanned<NaiveDate>>,
    /// The facts the case evaluates.
    pub facts: Option<Spanned<TestFacts>>,
    /// The outcomes the case requires of rules, each checked on its own.
    pub expects: Vec<Spanned<Expect>>,
    /// `expect total for ENTITY: AMOUNT`: sums over an entity's awards (printed after `expects`).
    pub totals: Vec<Spanned<ExpectTotal>>,
    /// `expect facts_error "…"`: the facts must fail to load, saying each of these (printed
    /// right after `facts`).
    pub facts_errors: Vec<Spanned<String>>,
}

/// Where a test's facts come from.
#[derive(Clone, Debug, PartialEq)]
pub enum TestFacts {
    /// The JSON text itself.
    Inline(String),
    /// A JSON file, relative to the test's file.
    File(String),
}

/// `expect RULE for ENTITY: OUTCOME`
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    /// The rule expected to pay (or not), by id.
    pub rule: Ident,
    /// The entity's path in results, e.g. `enterprise.CZMED.devices.DEV-ENDO`.
    pub entity: Spanned<String>,
    /// What the rule must give that entity.
    pub outcome: Outcome,
}

/// What a test expects of one rule and entity.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// An award of this amount, and what its shares and trace must show:
    /// `100万 payer city 60万 trace "capped"`.
    Award(Amount, Vec<AwardClause>),
    /// The reason contains this text.
    NotApplicable(String),
    /// Excluded by stacking; the reason contains this text (which may name the winner).
    Excluded(String),
}

/// An amount a test expects, of one award or of an entity's total.
#[derive(Clone, Debug, PartialEq)]
pub enum Amount {
    /// An owed amount: `400万`.
    Exact(Numeral),
    /// A ceiling: `up_to 200万`.
    UpTo(Numeral),
    /// A range: `10万..50万`.
    Range(Numeral, Numeral),
    /// 一事一议, perhaps with a ceiling: `case_by_case max 1亿`.
    CaseByCase(Option<Numeral>),
}

/// A further check on an expected award.
#[derive(Clone, Debug, PartialEq)]
pub enum AwardClause {
    /// `payer city 60万`: the award's share for this payer is this amount.
    Payer(Ident, Numeral),
    /// `trace "capped"`: some line of the award's trace contains the text.
    Trace(Spanned<String>),
}

/// `expect total for ENTITY: AMOUNT`: what an entity receives from all its awards, its
/// children's included, so a test can say a thing is not paid twice.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectTotal {
    /// The entity's path in results, e.g. `enterprise.E1`.
    pub entity: Spanned<String>,
    /// `N`: owed N and nothing beyond; `up_to N`: a ceiling of N; `a..b`: owed a, ceiling b;
    /// `case_by_case [max N]`: some award is case by case [and the ceiling is N].
    pub amount: Amount,
}

// ------------------------------------------------------------------ schema

/// A `schema { … }` block: the facts rules may read. Blocks from all files are merged.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Schema {
    /// `enum` declarations, in source order.
    pub enums: Vec<Spanned<EnumDecl>>,
    /// `entity` declarations, in source order.
    pub entities: Vec<Spanned<EntityDecl>>,
}

/// `enum phase { preclinical, I, II, III }`: a closed set of categories.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    /// `extend enum city { … }`: values added to an enum declared elsewhere.
    pub extend: bool,
    /// The enum's name, used as a field type.
    pub name: Ident,
    /// Its values, in declared order.
    pub variants: Vec<Ident>,
}

/// `entity drug { … }`: a kind of thing rules pay (an enterprise, a drug, a project).
#[derive(Clone, Debug, PartialEq)]
pub struct EntityDecl {
    /// `extend entity enterprise { … }`: fields added to a kind declared elsewhere.
    pub extend: bool,
    /// The kind's name, as in `rule … for drug`.
    pub name: Ident,
    /// Its facts, in source order.
    pub fields: Vec<Spanned<FieldDecl>>,
}

/// `rd_cost: money` or `phase_completed?: phase`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The fact's name in rules and in the facts JSON.
    pub name: Ident,
    /// Written with `?`: the fact may be absent, and rules that need it then do not apply.
    pub optional: bool,
    /// Its type as written.
    pub ty: Spanned<TypeRef>,
    /// `default false`: what an absent fact counts as (含视同通过, 未提供的视为否); a literal
    /// or, for an enum, a value's name.
    pub default: Option<Expr>,
}

/// A field's type as written: a name (`money`, `phase`) or a collection (`[drug]`).
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    /// A built-in type (`money`, `date`, …) or an enum.
    Named(String),
    /// `[drug]`: child entities of that kind.
    List(String),
}

// ------------------------------------------------------------------ policy

/// A document's metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// The policy's id, e.g. `changzhou_2023`; other policies' pools and stacks name it.
    pub id: Ident,
    /// The document's title.
    pub title: Option<Spanned<String>>,
    /// The issuing authority (发文机关).
    pub issuer: Option<Spanned<String>>,
    /// The document number, e.g. `常政规〔2023〕5号`.
    pub document: Option<Spanned<String>>,
    /// The date of issue (印发日期).
    pub issued: Option<Spanned<NaiveDate>>,
    /// When it takes effect (施行日期).
    pub effective: Option<Spanned<Effective>>,
    /// The last day it is in force (有效期至).
    pub expires: Option<Spanned<NaiveDate>>,
    /// How its awards are rounded; fen, half away from zero when absent.
    pub rounding: Option<Spanned<Rounding>>,
    /// Conditions on whom the policy governs, checked before any rule's own.
    pub scope: Vec<Expr>,
}

/// When a policy takes effect.
#[derive(Clone, Debug, PartialEq)]
pub enum Effective {
    /// `effective on_issue`: 自印发之日起施行.
    OnIssue,
    /// `effective 30 days after issue`: 自印发之日起30日后施行; in force from the day after the
    /// period ends (the day of issue not counted, Civil Code art. 201).
    AfterIssue(Duration),
    /// `effective 2024-01-01`: from a stated date.
    On(NaiveDate),
}

// ------------------------------------------------------------------ amendments

/// `amendment changzhou_2025 of changzhou_2023 { … }`: a later document that changes,
/// repeals or adds rules of a policy from its effective date, without copying the policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Amendment {
    /// The amendment's id, e.g. `changzhou_2025`; traces and JSON name the version by it.
    pub id: Ident,
    /// The policy amended.
    pub policy: Ident,
    /// The amending document's title (关于调整…的通知).
    pub title: Option<Spanned<String>>,
    /// Its document number, e.g. `常政规〔2025〕2号`.
    pub document: Option<Spanned<String>>,
    /// Its date of issue.
    pub issued: Option<Spanned<NaiveDate>>,
    /// From when the amended text applies; on issue when absent.
    pub effective: Option<Spanned<Effective>>,
    /// The policy's last day in force as amended (有效期延长至…).
    pub expires: Option<Spanned<NaiveDate>>,
    /// What it does, rule by rule, in source order.
    pub changes: Vec<Spanned<Change>>,
}

/// One thing an amendment does to one rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `change CZ-05 { reward … }`: the clauses given replace the rule's clauses of that
    /// kind. The rule's `entity` is left empty and its `reward` may be absent. A pool's or
    /// stack's clauses written there are kept apart, for the checker to refuse.
    Change(Box<Rule>, Vec<Spanned<GroupClause>>),
    /// `repeal CZ-07`: not applicable to events from the amendment's date.
    Repeal(Ident),
    /// `rule CZ-18 for enterprise { … }`: a new provision, in force from the date.
    Add(Box<Spanned<Rule>>),
}

/// A clause of a pool or stack, which a rule cannot have.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupClause {
    /// `members A, B`
    Members(Vec<Spanned<Member>>),
    /// `cap 1000万 per enterprise per year`
    Cap(Cap),
    /// `limit 2 per enterprise in total choose highest`
    Limit(Limit),
    /// `earlier top_up`
    Earlier(Earlier),
}

impl GroupClause {
    /// The clause's keyword.
    pub fn keyword(&self) -> &'static str {
        match self {
            GroupClause::Members(_) => "members",
            GroupClause::Cap(_) => "cap",
            GroupClause::Limit(_) => "limit",
            GroupClause::Earlier(_) => "earlier",
        }
    }
}

// ------------------------------------------------------------------ rules

/// `rule <id> for <entity> { … }`: one provision, paying each entity of one kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The rule's id, unique in its policy, e.g. `CZ-03-2a`.
    pub id: Ident,
    /// The entity kind it pays, e.g. `drug`.
    pub entity: Ident,
    /// The clause it encodes, e.g. `（三）第2段(a)`.
    pub cite: Option<Spanned<String>>,
    /// A one-line summary of the provision.
    pub title: Option<Spanned<String>>,
    /// The responsible department (责任单位).
    pub dept: Option<Spanned<String>>,
    /// `when` clauses; all must hold.
    pub conditions: Vec<Expr>,
    /// `on`: the date of the rewarded event, which must fall in the policy's window.
    pub on: Option<Expr>,
    /// `reward`: what is paid; the parser requires it, so `None` only in trees built by hand.
    pub reward: Option<Expr>,
    /// `once`, `yearly` or `every_event`; the checker requires one.
    pub frequency: Option<Spanned<Frequency>>,
    /// `once per <key>`: paid once per entity and value of the key, or once per owning
    /// entity when the key names an entity kind (`once per enterprise`).
    pub once_per: Option<Expr>,
    /// `once per <key> within <kind>`: the key is compared across all records of that owner.
    pub once_within: Option<Ident>,
    /// `per_year_cap`: a cap on this rule's awards per top-level entity per year.
    pub per_year_cap: Option<Expr>,
    /// `split`: the payers (两级财政按比例).
    pub split: Option<Spanned<Vec<Share>>>,
    /// `acknowledge`: warnings about this rule that the drafter has answered.
    pub acknowledged: Vec<Spanned<Acknowledge>>,
}

/// `acknowledge tier_overlap "文本在5亿处重叠…"`: a warning about a rule, pool or stack that
/// the text itself gives rise to, answered where it arises. It is counted, not printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Acknowledge {
    /// The warning, by its code without `check::`: `tier_overlap`, `tier_gap`.
    pub warning: Ident,
    /// Why the rule is right as written: the reading chosen, in the drafter's words.
    pub reason: Spanned<String>,
}

/// One payer of an award and its share (`None` when the text does not state it).
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    /// Who pays, e.g. `city` or `district`.
    pub payer: Ident,
    /// The payer's share in percent (`50` for `50%`).
    pub percent: Option<Spanned<Decimal>>,
}

/// A cap over the sum of several rules' awards, per entity and period.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    /// The pool's id, e.g. `CZ-03-1c`.
    pub id: Ident,
    /// The clause that sets the cap.
    pub cite: Option<Spanned<String>>,
    /// A one-line summary.
    pub title: Option<Spanned<String>>,
    /// The rules (or whole policies) whose awards the cap covers.
    pub members: Vec<Spanned<Member>>,
    /// The cap on the sum; the parser accepts a pool without one or a limit, and the checker
    /// reports it.
    pub cap: Option<Spanned<Cap>>,
    /// The cap on the number of awards.
    pub limit: Option<Spanned<Limit>>,
    /// `acknowledge`: warnings about this pool that the drafter has answered.
    pub acknowledged: Vec<Spanned<Acknowledge>>,
}

/// `limit 2 per enterprise in total choose highest`: a count cap (最多申报2项).
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    /// The most awards the members may pay per entity and period.
    pub count: u32,
    /// The entity kind each of which has its own count.
    pub per: Ident,
    /// The period the awards are counted over.
    pub period: Period,
    /// Which awards are kept when more qualify.
    pub choose: Choose,
}

/// `cap 1000万 per enterprise per year`
#[derive(Clone, Debug, PartialEq)]
pub struct Cap {
    /// The most the members may pay together in one period.
    pub amount: Numeral,
    /// The entity kind each of which has its own room, e.g. `enterprise`.
    pub per: Ident,
    /// The period the awards are summed over.
    pub period: Period,
}

/// 就高不重复: of the members' awards for one item, only the highest is paid.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    /// The stack's id.
    pub id: Ident,
    /// The clause that forbids double payment.
    pub cite: Option<Spanned<String>>,
    /// A one-line summary.
    pub title: Option<Spanned<String>>,
    /// The rules (or whole policies) that compete.
    pub members: Vec<Spanned<Member>>,
    /// The kind of entity the awards must share (`per drug`).
    pub per: Option<Ident>,
    /// The period awards compete in (`per drug per year`); all time when absent.
    pub period: Option<Spanned<Period>>,
    /// What an earlier grant does; the checker requires it.
    pub earlier: Option<Spanned<Earlier>>,
    /// `acknowledge`: warnings about this stack that the drafter has answered.
    pub acknowledged: Vec<Spanned<Acknowledge>>,
}

/// A pool's or stack's member: a rule (`CZ-03-1a`, `wuxi.WX-10`) or a whole policy.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    /// A rule: `CZ-03-1a` in this policy, `wuxi.WX-10` in another.
    Rule(String),
    /// `policy wuxi`: every rule of that policy.
    Policy(String),
    /// `grants issuer "苏州市"`: ledger grants with these tags, under policies not loaded.
    Grants(GrantTags),
}

// ------------------------------------------------------------------ expressions

/// An expression and where it was written.
pub type Expr = Spanned<ExprKind>;

/// What an expression says, before names and types are checked.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal: `400万`, `20%`, `2024-01-01`, `"text"`, `true`.
    Lit(Literal),
    /// `rd_cost`, `enterprise.paid_in_capital`; also a `value`'s name (`city_cap`, `wuxi.city_cap`).
    Path(Vec<Ident>),
    /// `clinical_cap(phase_completed)`: a schedule (by name, perhaps `policy.name`) and its
    /// arguments.
    Call(Vec<Ident>, Vec<Expr>),
    /// The evaluation date.
    AsOf,
    /// `-x`, `not x`, `up_to x`.
    Unary(UnOp, Box<Expr>),
    /// `a op b`, including `of`, `per`, `..` and `max`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `phase in { I, II }`
    In(Box<Expr>, Vec<Ident>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `by phase { I => 100万, _ => 0 }`
    By(Box<Expr>, Vec<ByArm>),
    /// `tiers x { [a, b] => … }` (whole amount) or `marginal x { … }`.
    Tiers {
        /// `marginal`: each tier's rate applies to the part of the value inside it (累进).
        marginal: bool,
        /// The value whose tier decides the amount.
        scrutinee: Box<Expr>,
        /// The tiers, first match wins.
        arms: Vec<TierArm>,
    },
    /// `steps n { 3 => 30万, 5 => 50万 }`
    Steps(Box<Expr>, Vec<StepArm>),
    /// 一事一议.
    CaseByCase {
        /// `case_by_case uncapped`: the text sets no bound (上不封顶).
        uncapped: bool,
    },
    /// `sum(trials.rd_cost where phase in { I, II })`: over a list of child records.
    Aggregate(Box<Aggregate>),
    /// `employees default 0`: the fact, or the value when it is absent.
    Default(Box<Expr>, Box<Expr>),
}

/// `sum(trials.rd_cost where …)`, `count(approvals)`, `any(trials where overseas)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    /// What is taken of the records.
    pub op: Spanned<AggOp>,
    /// The list (`trials`, `enterprise.trials`), then for `sum`, `min` and `max` the child's
    /// field summed (`trials.rd_cost`).
    pub path: Vec<Ident>,
    /// `where …`: a condition on each child record; bare names are the child's fields.
    pub filter: Option<Expr>,
}

/// A prefix operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `not c`
    Not,
    /// 最高/不超过/择优: the amount is a ceiling, not an entitlement.
    UpTo,
}

/// An infix operator. How tightly each binds is the parser's Pratt table (`src/syntax/expr.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `a or b`
    Or,
    /// `a and b`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<` (不满, 低于: exclusive)
    Lt,
    /// `<=` (以下, （含）: inclusive)
    Le,
    /// `>` (超过: exclusive)
    Gt,
    /// `>=` (以上, 达到, 不低于: inclusive)
    Ge,
    /// `+`; also `date + duration`.
    Add,
    /// `-`; also `date - duration`.
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `20% of rd_cost`
    Of,
    /// `50万 per specialties`
    Per,
    /// `10万..50万`, `5%..20%`
    Range,
    /// `x max 400万`: a cap.
    Max,
}

/// `I | II => 100万` in a `by` table.
#[derive(Clone, Debug, PartialEq)]
pub struct ByArm {
    /// `None` is the wildcard `_`.
    pub pattern: Option<Vec<Ident>>,
    /// The amount for those values.
    pub value: Expr,
}

/// `[1亿, 5亿] => 500万` in a `tiers` or `marginal` table.
#[derive(Clone, Debug, PartialEq)]
pub struct TierArm {
    /// The values the tier covers.
    pub interval: Spanned<Interval>,
    /// The tier's amount (`tiers`) or rate (`marginal`).
    pub value: Expr,
}

/// `3 => 30万` in a `steps` table.
#[derive(Clone, Debug, PartialEq)]
pub struct StepArm {
    /// The least value that reaches the step.
    pub threshold: Spanned<Numeral>,
    /// What the step pays.
    pub value: Expr,
}

/// A literal value as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A number as written; `unit` keeps `万`/`亿`/`元` for printing back.
    Number(Numeral),
    /// `20%` or `5‰`, kept as the written figure.
    Rate(Rate),
    /// `2024-01-01`
    Date(NaiveDate),
    /// `30 days`, `3 years`
    Duration(Duration),
    /// `"text"`
    Text(String),
    /// `true` or `false`
    Bool(bool),
}

/// A rate as written: percent, per mille or a ratio `a:b`.
#[derive(Clone, Debug)]
pub enum Rate {
    /// `20%`: the figure before `%`.
    Percent(Decimal),
    /// `5‰`: the figure before `‰`.
    PerMille(Decimal),
    /// `1:1` (配套): `a` of every `b`.
    Ratio(Decimal, Decimal),
}

impl Rate {
    /// The rate as a fraction (20% → 0.2); `None` for a ratio `a:0`.
    pub fn fraction(&self) -> Option<Decimal> {
        match self {
            Rate::Percent(p) => p.checked_div(Decimal::ONE_HUNDRED),
            Rate::PerMille(p) => p.checked_div(Decimal::ONE_THOUSAND),
            Rate::Ratio(a, b) => a.checked_div(*b),
        }
    }
}

impl PartialEq for Rate {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Rate::Ratio(a, b), Rate::Ratio(c, d)) => a == c && b == d,
            (Rate::Ratio(..), _) | (_, Rate::Ratio(..)) => false,
            _ => self.fraction() == other.fraction(),
        }
    }
}
