//! The checked program: what the type checker produces and the evaluator runs.
//!
//! Every name is resolved here: a field is a slot index and a hop count up the entity tree,
//! an enum value is its index. Evaluation never looks up a string.

use crate::ast::{Duration, Frequency, Interval, Period, Rounding, Span};
use crate::diagnostic::Source;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

pub type KindId = usize;
pub type EnumId = usize;
pub type PolicyId = usize;

/// A loaded, checked set of policies over one schema.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Program {
    pub schema: Schema,
    pub policies: Vec<Policy>,
    pub rules: Vec<Rule>,
    /// Caps over groups of rules, including each rule's own `per_year_cap`.
    pub pools: Vec<Pool>,
    /// 就高不重复 groups.
    pub stacks: Vec<Stack>,
    /// Cases from the text, run by `policy test` (not part of the IR).
    #[serde(skip)]
    pub tests: Vec<Test>,
    /// The source files, for showing a rule's text (not part of the IR).
    #[serde(skip)]
    pub sources: Vec<Source>,
}

impl Program {
    /// The rules that apply to entities of `kind`, in source order.
    pub fn rules_for(&self, kind: KindId) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }
}

/// Entity kinds and enums, merged from every `schema` block.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    pub enums: Vec<EnumDef>,
    pub kinds: Vec<KindDef>,
}

impl Schema {
    pub fn kind_named(&self, name: &str) -> Option<KindId> {
        self.kinds.iter().position(|k| k.name == name)
    }

    pub fn enum_named(&self, name: &str) -> Option<EnumId> {
        self.enums.iter().position(|e| e.name == name)
    }

    /// The kinds facts list at the top level (no other kind owns them).
    pub fn roots(&self) -> impl Iterator<Item = (KindId, &KindDef)> {
        self.kinds.iter().enumerate().filter(|(_, k)| k.parent.is_none())
    }

    /// The kinds from `kind` up to the top of the entity tree, `kind` first.
    pub fn ancestry(&self, kind: KindId) -> Vec<KindId> {
        let mut chain = vec![kind];
        while let Some(parent) = self.kinds.get(*chain.last().unwrap_or(&kind)).and_then(|k| k.parent) {
            // Ownership cycles are rejected by the checker; stop rather than loop if one slips by.
            if chain.contains(&parent) || chain.len() > self.kinds.len() {
                break;
            }
            chain.push(parent);
        }
        chain
    }

    /// How many owners stand above `kind` (0 for a top-level kind).
    pub fn depth(&self, kind: KindId) -> usize {
        self.ancestry(kind).len() - 1
    }

    /// True if entities of `outer` contain (or are) entities of `inner`.
    pub fn contains(&self, outer: KindId, inner: KindId) -> bool {
        self.ancestry(inner).contains(&outer)
    }

    /// The top-level kind above `kind`.
    pub fn root(&self, kind: KindId) -> KindId {
        self.ancestry(kind).last().copied().unwrap_or(kind)
    }

    /// How a type is written in the language, e.g. `money` or `phase`.
    pub fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Enum(e) => self.enums.get(*e).map_or("enum".into(), |e| e.name.clone()),
            Ty::List(k) => format!("[{}]", self.kinds.get(*k).map_or("entity", |k| k.name.as_str())),
            other => other.to_string(),
        }
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EnumDef {
    pub name: String,
    pub variants: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KindDef {
    pub name: String,
    pub fields: Vec<FieldDef>,
    /// The kind whose list field holds entities of this kind.
    pub parent: Option<KindId>,
}

impl KindDef {
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FieldDef {
    pub name: String,
    pub ty: Ty,
    /// The fact may be absent; a rule that needs it then does not apply.
    pub optional: bool,
}

/// The types of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ty {
    Money,
    Rate,
    Number,
    Count,
    Date,
    Duration,
    Bool,
    Text,
    Enum(EnumId),
    List(KindId),
    /// What a reward pays: exact, up to, a range, or case by case.
    Award,
    /// `5%..20%`
    RateRange,
    /// A bare numeric literal, whose type its context decides (`400万` as money or count).
    Literal,
    /// A subexpression that already failed to check; accepted anywhere to avoid cascades.
    Error,
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ty::Money => "money",
            Ty::Rate => "rate",
            Ty::Number => "number",
            Ty::Count => "count",
            Ty::Date => "date",
            Ty::Duration => "duration",
            Ty::Bool => "bool",
            Ty::Text => "text",
            Ty::Enum(_) => "enum",
            Ty::List(_) => "list",
            Ty::Award => "award",
            Ty::RateRange => "rate range",
            Ty::Literal => "number",
            Ty::Error => "error",
        })
    }
}

/// One policy document.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    pub id: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub document: Option<String>,
    pub issued: Option<NaiveDate>,
    /// First day in force; `None` when the text gives no date.
    pub effective: Option<NaiveDate>,
    /// Last day in force (inclusive); `None` when no expiry is stated.
    pub expires: Option<NaiveDate>,
    pub rounding: Rounding,
}

/// A checked rule.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub id: String,
    pub policy: PolicyId,
    pub kind: KindId,
    pub cite: Option<String>,
    pub title: Option<String>,
    pub dept: Option<String>,
    pub conditions: Vec<Condition>,
    /// The date of the rewarded event.
    pub on: Option<Expr>,
    pub reward: Expr,
    pub frequency: Option<Frequency>,
    /// `once per <key>`: the value that tells one paid event from another.
    pub once_per: Option<Expr>,
    /// Who pays which share (两级财政按比例); empty when one payer pays all.
    pub split: Vec<Share>,
    /// Which file and where, for showing the rule's source.
    pub source: usize,
    pub span: Span,
}

/// A payer and its share of an award; `None` when the text does not state the share.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Share {
    pub payer: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub rate: Option<Decimal>,
}

/// A cap over the sum of its members' awards, per entity of one kind and per period.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Pool {
    pub id: String,
    pub policy: PolicyId,
    pub cite: Option<String>,
    pub title: Option<String>,
    /// Indices into [`Program::rules`].
    pub members: Vec<usize>,
    /// The kind whose entities each have their own room (`per enterprise`).
    pub scope: KindId,
    /// How far `scope` is from the top of the entity tree; deeper pools bind first.
    pub depth: usize,
    pub period: Period,
    pub cap: Decimal,
    /// A rule's own `per_year_cap`, rather than a declared pool.
    pub implicit: bool,
}

/// 就高不重复: of the members' awards for one entity of `scope`, only the highest is paid.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Stack {
    pub id: String,
    pub policy: PolicyId,
    pub cite: Option<String>,
    pub members: Vec<usize>,
    pub scope: KindId,
    pub depth: usize,
}

/// A test case with its expectations resolved to rules.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Test {
    pub name: String,
    /// The file it is written in (facts files are relative to it).
    pub source: usize,
    pub span: Span,
    pub as_of: Option<NaiveDate>,
    pub facts: Option<crate::ast::TestFacts>,
    pub expects: Vec<Expect>,
}

/// `expect RULE for ENTITY: OUTCOME`, with the rule as an index into [`Program::rules`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Expect {
    pub rule: usize,
    pub entity: String,
    pub outcome: crate::ast::Outcome,
    pub span: Span,
}

/// A `when` clause (or the policy's `scope`) and its text, which names it when it fails.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Condition {
    pub text: Arc<str>,
    pub expr: Expr,
    /// From the policy's `scope`, not the rule's own `when`.
    pub scope: bool,
}

/// A typed expression with names resolved.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    Const(Value),
    /// A fact of the entity `up` levels above the current one.
    Field {
        up: usize,
        slot: usize,
        name: Arc<str>,
    },
    AsOf,
    Neg(Box<Expr>),
    Not(Box<Expr>),
    /// 最高/不超过: the amount is a ceiling.
    UpTo(Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// `date + duration` (`negate` for `-`).
    Shift {
        date: Box<Expr>,
        by: Box<Expr>,
        negate: bool,
    },
    Compare(Compare, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// Enum membership, by variant index.
    In(Box<Expr>, Vec<usize>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `by`: `table[variant]` is the arm index for that variant, if any.
    By {
        scrutinee: Box<Expr>,
        enum_id: EnumId,
        table: Vec<Option<usize>>,
        arms: Vec<Expr>,
        text: Arc<str>,
    },
    Tiers {
        scrutinee: Box<Expr>,
        arms: Vec<(Interval, Expr)>,
        text: Arc<str>,
    },
    Marginal {
        scrutinee: Box<Expr>,
        arms: Vec<(Interval, Expr)>,
        text: Arc<str>,
    },
    Steps {
        scrutinee: Box<Expr>,
        arms: Vec<(Decimal, Expr)>,
        text: Arc<str>,
    },
    /// `rate of base`, with the base's text (and the rate's, when written as a literal such
    /// as `1:1` or `5‰`) for the trace.
    Of {
        rate: Box<Expr>,
        base: Box<Expr>,
        text: Arc<str>,
        rate_text: Option<Arc<str>>,
    },
    /// `amount per count`
    Per {
        amount: Box<Expr>,
        count: Box<Expr>,
        text: Arc<str>,
    },
    /// `10万..50万`: an award somewhere between.
    Range(Box<Expr>, Box<Expr>),
    /// `5%..20%`: a rate somewhere between, to be taken `of` a base.
    RateRange(Box<Expr>, Box<Expr>),
    /// `amount max cap`
    Max {
        amount: Box<Expr>,
        cap: Box<Expr>,
        text: Arc<str>,
    },
    CaseByCase {
        uncapped: bool,
    },
    /// An enum value as its name (for ledger keys).
    EnumName {
        value: Box<Expr>,
        enum_id: EnumId,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Compare {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A runtime value. Money, rates, numbers and counts are all exact decimals; their types
/// were settled by the checker.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Dec(Decimal),
    Bool(bool),
    Date(NaiveDate),
    Duration(Duration),
    Text(Arc<str>),
    Enum(usize),
    Award(Entitlement),
    RateRange(Decimal, Decimal),
}

/// What an award entitles to. The kind is kept in every result.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Entitlement {
    /// The formula is owed.
    Exact(Decimal),
    /// 最高/不超过/择优: a ceiling; the authority may grant less.
    UpTo(Decimal),
    /// Somewhere in [lo, hi]; the text does not say where.
    Range(Decimal, Decimal),
    /// 一事一议: no formula, perhaps a ceiling.
    CaseByCase { cap: Option<Decimal>, uncapped: bool },
}

impl Entitlement {
    /// The least that may be paid, when known.
    pub fn min(&self) -> Option<Decimal> {
        match self {
            Entitlement::Exact(x) => Some(*x),
            Entitlement::UpTo(_) => Some(Decimal::ZERO),
            Entitlement::Range(lo, _) => Some(*lo),
            Entitlement::CaseByCase { .. } => None,
        }
    }

    /// The most that may be paid, when bounded.
    pub fn max(&self) -> Option<Decimal> {
        match self {
            Entitlement::Exact(x) | Entitlement::UpTo(x) | Entitlement::Range(_, x) => Some(*x),
            Entitlement::CaseByCase { cap, .. } => *cap,
        }
    }

    /// The amount owed, when the formula decides it.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Entitlement::Exact(x) => Some(*x),
            _ => None,
        }
    }

    pub fn kind(&self) -> EntitlementKind {
        match self {
            Entitlement::Exact(_) => EntitlementKind::Exact,
            Entitlement::UpTo(_) => EntitlementKind::UpTo,
            Entitlement::Range(..) => EntitlementKind::Range,
            Entitlement::CaseByCase { .. } => EntitlementKind::CaseByCase,
        }
    }

    /// Applies `f` to every bound.
    pub fn map(&self, mut f: impl FnMut(Decimal) -> Decimal) -> Entitlement {
        match self {
            Entitlement::Exact(x) => Entitlement::Exact(f(*x)),
            Entitlement::UpTo(x) => Entitlement::UpTo(f(*x)),
            Entitlement::Range(lo, hi) => Entitlement::Range(f(*lo), f(*hi)),
            Entitlement::CaseByCase { cap, uncapped } => {
                Entitlement::CaseByCase { cap: cap.map(f), uncapped: *uncapped }
            }
        }
    }
}

/// The kinds of entitlement, as results name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitlementKind {
    Exact,
    UpTo,
    Range,
    CaseByCase,
}

impl fmt::Display for EntitlementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntitlementKind::Exact => "exact",
            EntitlementKind::UpTo => "up_to",
            EntitlementKind::Range => "range",
            EntitlementKind::CaseByCase => "case_by_case",
        })
    }
}
