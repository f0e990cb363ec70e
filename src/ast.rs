//! The owned syntax tree of a `.policy` file.
//!
//! Every node carries the byte span it was parsed from; spans are left out of equality so
//! that tests compare trees, not positions. `Display` prints the canonical form, which parses
//! back to an equal tree.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;

mod display;

pub use display::Line;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.end.saturating_sub(span.start)).into()
    }
}

/// A node and where it came from. Equality ignores the span.
#[derive(Clone, Debug, Default)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
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

pub type Ident = Spanned<String>;

/// A parsed file: its items in source order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Schema(Spanned<Schema>),
    Policy(Spanned<Policy>),
    Rule(Box<Spanned<Rule>>),
    Pool(Spanned<Pool>),
    Stack(Spanned<Stack>),
    Test(Spanned<Test>),
}

/// A case from the text: given facts (on a date), expect outcomes.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    pub name: Spanned<String>,
    pub as_of: Option<Spanned<NaiveDate>>,
    pub facts: Option<Spanned<TestFacts>>,
    pub expects: Vec<Spanned<Expect>>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TestFacts {
    /// The JSON text itself.
    Inline(String),
    /// A JSON file, relative to the test's file.
    File(String),
}

/// `expect RULE for ENTITY: OUTCOME`
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    pub rule: Ident,
    pub entity: Spanned<String>,
    pub outcome: Outcome,
}

/// What a test expects of one rule and entity.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Exact(Numeral),
    UpTo(Numeral),
    Range(Numeral, Numeral),
    CaseByCase(Option<Numeral>),
    /// The reason contains this text.
    NotApplicable(String),
    /// Excluded by stacking; the reason contains this text.
    Excluded(String),
}

// ------------------------------------------------------------------ schema

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Schema {
    pub enums: Vec<Spanned<EnumDecl>>,
    pub entities: Vec<Spanned<EntityDecl>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    pub name: Ident,
    pub variants: Vec<Ident>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EntityDecl {
    pub name: Ident,
    pub fields: Vec<Spanned<FieldDecl>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    pub name: Ident,
    pub optional: bool,
    pub ty: Spanned<TypeRef>,
}

/// A field's type as written: a name (`money`, `phase`) or a collection (`[drug]`).
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    Named(String),
    List(String),
}

// ------------------------------------------------------------------ policy

/// A document's metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: Ident,
    pub title: Option<Spanned<String>>,
    pub issuer: Option<Spanned<String>>,
    pub document: Option<Spanned<String>>,
    pub issued: Option<Spanned<NaiveDate>>,
    pub effective: Option<Spanned<Effective>>,
    pub expires: Option<Spanned<NaiveDate>>,
    pub rounding: Option<Spanned<Rounding>>,
    /// Conditions on whom the policy governs, checked before any rule's own.
    pub scope: Vec<Expr>,
}

/// When a policy takes effect.
#[derive(Clone, Debug, PartialEq)]
pub enum Effective {
    OnIssue,
    AfterIssue(Duration),
    On(NaiveDate),
}

/// How money results are rounded: once, at the end, to a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rounding {
    pub unit: RoundingUnit,
    pub mode: RoundingMode,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { unit: RoundingUnit::Fen, mode: RoundingMode::HalfAwayFromZero }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RoundingUnit {
    Yuan,
    Jiao,
    Fen,
}

impl RoundingUnit {
    /// Decimal places kept.
    pub fn scale(self) -> u32 {
        match self {
            RoundingUnit::Yuan => 0,
            RoundingUnit::Jiao => 1,
            RoundingUnit::Fen => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RoundingMode {
    HalfAwayFromZero,
    HalfEven,
    Down,
    Up,
}

// ------------------------------------------------------------------ rules

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: Ident,
    pub entity: Ident,
    pub cite: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub dept: Option<Spanned<String>>,
    pub conditions: Vec<Expr>,
    pub on: Option<Expr>,
    pub reward: Option<Expr>,
    pub frequency: Option<Spanned<Frequency>>,
    /// `once per <key>`: paid once per entity and value of the key.
    pub once_per: Option<Expr>,
    pub per_year_cap: Option<Expr>,
    pub split: Option<Spanned<Vec<Share>>>,
}

/// One payer of an award and its share (`None` when the text does not state it).
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub payer: Ident,
    pub percent: Option<Spanned<Decimal>>,
}

/// A cap over the sum of several rules' awards, per entity and period.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    pub id: Ident,
    pub cite: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub members: Vec<Spanned<Member>>,
    pub cap: Option<Spanned<Cap>>,
}

/// `cap 1000万 per enterprise per year`
#[derive(Clone, Debug, PartialEq)]
pub struct Cap {
    pub amount: Numeral,
    pub per: Ident,
    pub period: Period,
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

/// 就高不重复: of the members' awards for one item, only the highest is paid.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    pub id: Ident,
    pub cite: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub members: Vec<Spanned<Member>>,
    /// The kind of entity the awards must share (`per drug`).
    pub per: Option<Ident>,
}

/// A pool's or stack's member: a rule (`CZ-03-1a`, `wuxi.WX-10`) or a whole policy.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    Rule(String),
    Policy(String),
}

/// How often an award may be paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 一次性: once per entity, ever.
    Once,
    /// Every year the conditions hold.
    Yearly,
}

// ------------------------------------------------------------------ expressions

pub type Expr = Spanned<ExprKind>;

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Lit(Literal),
    /// `rd_cost`, `enterprise.paid_in_capital`
    Path(Vec<Ident>),
    /// The evaluation date.
    AsOf,
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `phase in { I, II }`
    In(Box<Expr>, Vec<Ident>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `by phase { I => 100万, _ => 0 }`
    By(Box<Expr>, Vec<ByArm>),
    /// `tiers x { [a, b] => … }` (whole amount) or `marginal x { … }`.
    Tiers {
        marginal: bool,
        scrutinee: Box<Expr>,
        arms: Vec<TierArm>,
    },
    /// `steps n { 3 => 30万, 5 => 50万 }`
    Steps(Box<Expr>, Vec<StepArm>),
    /// 一事一议.
    CaseByCase {
        uncapped: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    /// 最高/不超过/择优: the amount is a ceiling, not an entitlement.
    UpTo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
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

#[derive(Clone, Debug, PartialEq)]
pub struct ByArm {
    /// `None` is the wildcard `_`.
    pub pattern: Option<Vec<Ident>>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TierArm {
    pub interval: Spanned<Interval>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepArm {
    pub threshold: Spanned<Numeral>,
    pub value: Expr,
}

/// A tier's range of values. `None` bounds are unbounded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub lower: Option<Numeral>,
    pub lower_closed: bool,
    pub upper: Option<Numeral>,
    pub upper_closed: bool,
}

impl Interval {
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match &self.lower {
            None => true,
            Some(l) if self.lower_closed => x >= l.value,
            Some(l) => x > l.value,
        };
        let below = match &self.upper {
            None => true,
            Some(u) if self.upper_closed => x <= u.value,
            Some(u) => x < u.value,
        };
        above && below
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A number as written; `unit` keeps `万`/`亿`/`元` for printing back.
    Number(Numeral),
    /// `20%` or `5‰`, kept as the written figure.
    Rate(Rate),
    Date(NaiveDate),
    Duration(Duration),
    Text(String),
    Bool(bool),
}

/// A numeric literal: its exact value and how it was written.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Numeral {
    pub value: Decimal,
    pub scale: Scale,
    /// Written with `元`: money, not a bare number.
    pub yuan: bool,
}

impl PartialEq for Numeral {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.yuan == other.yuan
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scale {
    One,
    /// 万 = 10⁴
    Wan,
    /// 亿 = 10⁸
    Yi,
}

impl Scale {
    pub fn factor(self) -> Decimal {
        match self {
            Scale::One => Decimal::ONE,
            Scale::Wan => Decimal::from(10_000),
            Scale::Yi => Decimal::from(100_000_000),
        }
    }
}

/// A rate as written: percent, per mille or a ratio `a:b`.
#[derive(Clone, Debug)]
pub enum Rate {
    Percent(Decimal),
    PerMille(Decimal),
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

/// A calendar duration; months and days are kept apart because a month has no fixed length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Duration {
    pub months: u32,
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
