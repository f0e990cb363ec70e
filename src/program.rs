//! The checked program: what the type checker produces and the evaluator runs.
//!
//! Every name is resolved here: a field is a slot index and a hop count up the entity tree,
//! an enum value is its index. Evaluation never looks up a string.

use crate::amounts::{Interval, Rounding};
use crate::dates::{Duration, Period};
use crate::diagnostic::Source;
use crate::diagnostic::Span;
use crate::terms::{AggOp, Choose, Earlier, Frequency, GrantTags};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

mod reads;
mod shown;
mod versions;

pub use reads::Reading;
pub use shown::Shown;
pub use versions::{
    Amended, Amendment, AmendmentId, CapVersion, How, InForce, Since, Text, TextRef, Version, VersionRef,
};

/// An entity kind, as an index into [`Schema::kinds`].
pub type KindId = usize;
/// An enum, as an index into [`Schema::enums`].
pub type EnumId = usize;
/// A policy, as an index into [`Program::policies`].
pub type PolicyId = usize;

/// A loaded, checked set of policies over one schema.
#[derive(Clone, Debug)]
pub struct Program {
    /// The entity kinds and enums the rules read, merged from every file.
    pub schema: Schema,
    /// One per file that has a `policy` header, in load order.
    pub policies: Vec<Policy>,
    /// Every rule of every policy, in source order, then the rules amendments add.
    pub rules: Vec<Rule>,
    /// Documents amending the policies from a date, in effective-date order.
    pub amendments: Vec<Amendment>,
    /// Caps over groups of rules, including each rule's own `per_year_cap`.
    pub pools: Vec<Pool>,
    /// 就高不重复 groups.
    pub stacks: Vec<Stack>,
    /// `value`s and `schedule`s, in load order; a [`Expr::Call`] indexes this list.
    pub schedules: Vec<Schedule>,
    /// Cases from the text, run by `policy test` (not part of the IR).
    pub tests: Vec<TestCase>,
    /// The source files, for showing a rule's text (not part of the IR).
    pub sources: Vec<Source>,
    /// Each rule's [`RuleName`], made on first use (not part of the IR).
    pub(crate) names: std::sync::OnceLock<Vec<RuleName>>,
    /// Each amended version's [`RuleName`], made on first use (not part of the IR).
    pub(crate) version_names: versions::VersionNames,
    /// What evaluation visits for each entity kind, made on first use (not part of the IR).
    pub(crate) walks: std::sync::OnceLock<Vec<Walk>>,
}

/// What evaluation visits in an entity of one kind: its rules and its lists of child
/// entities. Read from here, not found by testing every rule's kind and every slot of every
/// entity: those are a cache line each (a rule is ~500 bytes, an enterprise has ~60 slots), and
/// finding them was a tenth of an evaluation's time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Walk {
    /// The rules for the kind, by index into [`Program::rules`], in source order.
    pub rules: Vec<usize>,
    /// The slots holding lists of child entities, in field order.
    pub lists: Vec<usize>,
}

/// The walk of a kind the schema does not declare (an engine bug): nothing.
static NO_WALK: Walk = Walk { rules: Vec::new(), lists: Vec::new() };

impl Program {
    /// What evaluation visits in an entity of `kind`. Made from the rules and the schema on
    /// first use: a program is not changed once checked.
    pub(crate) fn walk(&self, kind: KindId) -> &Walk {
        let walks = self.walks.get_or_init(|| {
            let walk = |(id, kind): (KindId, &KindDef)| Walk {
                rules: self.rules.iter().enumerate().filter(|(_, r)| r.kind == id).map(|(i, _)| i).collect(),
                lists: kind
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| matches!(f.ty, Ty::List(_)))
                    .map(|(i, _)| i)
                    .collect(),
            };
            self.schema.kinds.iter().enumerate().map(walk).collect()
        });
        walks.get(kind).unwrap_or(&NO_WALK)
    }

    /// How results name rule `index`: one value per rule, which every award, reason and
    /// exclusion of it borrows (no count to keep: most results are reasons, made by the
    /// dozen for each enterprise). Made from the rules on first use: a program is not changed
    /// once checked. An index past the rules (an engine bug) gets a name with nothing in it.
    pub fn rule_name(&self, index: usize) -> &RuleName {
        let names = self.names.get_or_init(|| {
            let policy = |r: &Rule| self.policies.get(r.policy).map(|p| p.id.to_string()).unwrap_or_default();
            self.rules
                .iter()
                .enumerate()
                .map(|(index, r)| RuleName {
                    index,
                    policy_index: r.policy,
                    policy: policy(r),
                    id: r.id.clone(),
                    cite: r.cite.clone(),
                    title: r.title.clone(),
                    dept: r.dept.clone(),
                    frequency: r.frequency,
                    version: None,
                })
                .collect()
        });
        names.get(index).unwrap_or(&UNKNOWN_RULE)
    }
}

/// The name of a rule the program does not have: what [`Program::rule_name`] gives for an
/// index past its rules (an engine bug), rather than panicking.
static UNKNOWN_RULE: RuleName = RuleName {
    index: usize::MAX,
    policy_index: usize::MAX,
    policy: String::new(),
    id: String::new(),
    cite: None,
    title: None,
    dept: None,
    frequency: Frequency::EveryEvent,
    version: None,
};

/// A rule as results name it. Borrowed from the program rather than copied into every
/// result, so a million awards of one rule hold one copy of its id, clause and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleName {
    /// Its index in [`Program::rules`] (and in the IR's `program.rules`).
    pub index: usize,
    /// Its policy's index in [`Program::policies`] (and in the IR's `program.policies`).
    pub policy_index: PolicyId,
    /// Its policy's id, e.g. `changzhou_2023`.
    pub policy: String,
    /// Its id, e.g. `CZ-03-2a`.
    pub id: String,
    /// The clause it encodes.
    pub cite: Option<String>,
    /// Its one-line summary.
    pub title: Option<String>,
    /// The responsible department (责任单位).
    pub dept: Option<String>,
    /// `once`, `yearly` or `every_event`.
    pub frequency: Frequency,
    /// The amended text the result was judged by (its cite and title are that text's);
    /// `None` for the original.
    pub version: Option<VersionRef>,
}

/// Entity kinds and enums, merged from every `schema` block.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    /// Enums, in declared order.
    pub enums: Vec<EnumDef>,
    /// Entity kinds, in declared order.
    pub kinds: Vec<KindDef>,
}

impl Schema {
    /// The kind called `name`, if declared.
    pub fn kind_named(&self, name: &str) -> Option<KindId> {
        self.kinds.iter().position(|k| k.name == name)
    }

    /// The enum called `name`, if declared.
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

    /// A value of type `ty` as people read it, amounts written by `money` (the REPL adds the
    /// 万/亿 form, a reason does not): a rate as `20%`, text quoted as the language writes it,
    /// an enum value by name. Every value shown (a fact a reason read, a REPL result) is
    /// shown this way.
    pub fn show(&self, value: &Value, ty: Ty, money: impl Fn(Decimal) -> String) -> String {
        self.shown(value, ty).show(money)
    }

    /// How a type is written in the language, e.g. `money` or `phase`.
    pub fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Enum(e) => self.enums.get(*e).map_or("enum".into(), |e| e.name.clone()),
            Ty::List(k) => format!("[{}]", self.kinds.get(*k).map_or("entity", |k| k.name.as_str())),
            other => other.to_string(),
        }
    }

    /// The name of type `ty` as a message shows it: a base type in the reader's language
    /// (`金额`), an enum or entity kind by the name the drafter chose.
    pub fn type_word(&self, ty: &Ty) -> String {
        crate::syntax::type_in(&self.type_name(ty), crate::i18n::lang()).to_string()
    }
}

/// A closed set of categories, e.g. `phase { preclinical, I, II, III }`.
#[derive(Clone, Debug)]
pub struct EnumDef {
    /// The enum's name.
    pub name: String,
    /// Its values; a [`Value::Enum`] is an index into this list. Shared, so a reason that
    /// shows a value holds its name without copying it.
    pub variants: Vec<Arc<str>>,
    /// Its `///` label, if the schema gives one.
    pub label: Option<String>,
    /// Each value's `///` label, in the order of `variants`.
    pub variant_labels: Vec<Option<String>>,
}

/// A kind of entity rules pay: an enterprise, a drug, a project.
#[derive(Clone, Debug)]
pub struct KindDef {
    /// The kind's name, as facts and rules write it.
    pub name: String,
    /// Its facts; an entity's slots follow this order.
    pub fields: Vec<FieldDef>,
    /// The kind whose list field holds entities of this kind.
    pub parent: Option<KindId>,
    /// Its `///` label, if the schema gives one.
    pub label: Option<String>,
}

impl KindDef {
    /// The slot of the field called `name`, if declared.
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// One fact of an entity kind.
#[derive(Clone, Debug)]
pub struct FieldDef {
    /// The fact's name in rules and in the facts JSON.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// The fact may be absent; a rule that needs it then does not apply.
    pub optional: bool,
    /// What an absent fact counts as (`deemed_passed?: bool default false`); every read of the
    /// field is checked into an [`Expr::Default`] with it.
    pub default: Option<Value>,
    /// Its `///` label, if the schema gives one.
    pub label: Option<String>,
}

/// The types of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// An amount in yuan, exact.
    Money,
    /// A fraction: `20%` is 0.2.
    Rate,
    /// A plain quantity (a score, a ratio of two facts).
    Number,
    /// A whole number of things (items, employees, specialties).
    Count,
    /// A calendar date.
    Date,
    /// A span of months and days.
    Duration,
    /// True or false.
    Bool,
    /// Free text (a name, a city).
    Text,
    /// A value of the given enum.
    Enum(EnumId),
    /// Child entities of the given kind.
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
#[derive(Clone, Debug)]
pub struct Policy {
    /// The policy's id, e.g. `changzhou_2023`; shared with the reasons that name it.
    pub id: Arc<str>,
    /// The document's title.
    pub title: Option<String>,
    /// The issuing authority (发文机关).
    pub issuer: Option<String>,
    /// The document number, e.g. `常政规〔2023〕5号`.
    pub document: Option<String>,
    /// The date of issue (印发日期).
    pub issued: Option<NaiveDate>,
    /// First day in force; `None` when the text gives no date.
    pub effective: Option<NaiveDate>,
    /// Last day in force (inclusive); `None` when no expiry is stated.
    pub expires: Option<NaiveDate>,
    /// How its awards are rounded, once each.
    pub rounding: Rounding,
}

/// A `value` (no parameters) or a `schedule`: an amount or table defined once and used by
/// several rules (可参照上述政策执行 / 按前款标准), so that the copies cannot drift.
#[derive(Clone, Debug)]
pub struct Schedule {
    /// The name rules use, e.g. `clinical_cap`.
    pub name: String,
    /// The policy of the file that defines it, which qualifies the name (`wuxi.city_cap`).
    pub policy: Option<String>,
    /// The parameters and their types; `None` for a `value`.
    pub params: Option<Vec<(String, Ty)>>,
    /// The amount; reads only [`Expr::Param`]s and `as_of`.
    pub body: Expr,
    /// The body's type, settled once where it is defined.
    pub ty: Ty,
}

/// A checked rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The rule's id, unique in its policy, e.g. `CZ-03-2a`.
    pub id: String,
    /// The policy it belongs to.
    pub policy: PolicyId,
    /// The entity kind it pays.
    pub kind: KindId,
    /// The clause it encodes, e.g. `（三）第2段(a)`.
    pub cite: Option<String>,
    /// A one-line summary of the provision.
    pub title: Option<String>,
    /// The responsible department (责任单位).
    pub dept: Option<String>,
    /// The policy's `scope` conditions, then the rule's `when`s; all must hold.
    pub conditions: Vec<Condition>,
    /// The date of the rewarded event.
    pub on: Option<Expr>,
    /// What is paid: evaluates to a [`Value::Award`] (or an amount, which is owed).
    pub reward: Expr,
    /// How often it pays: `once` (一次性), `yearly` (每年) or `every_event` (每次).
    pub frequency: Frequency,
    /// `once per <key>`: the value that tells one paid event from another.
    pub once_per: Option<Expr>,
    /// How many levels above the rule's entity a one-off is counted: 0 for the entity itself,
    /// 1 for its owner (`once per enterprise` in a rule for drugs), and so on.
    pub once_up: usize,
    /// Who pays which share (两级财政按比例); empty when one payer pays all.
    pub split: Vec<Share>,
    /// Which file and where, for showing the rule's source.
    pub source: usize,
    /// The rule's bytes in that file.
    pub span: Span,
    /// Its texts from later dates, by amendment, in effective-date order.
    pub versions: Vec<Version>,
    /// The amendment that added it: not in force before that amendment's date.
    pub added: Option<Since>,
}

/// A payer and its share of an award; `None` when the text does not state the share.
#[derive(Clone, Debug)]
pub struct Share {
    /// Who pays, e.g. `city` or `district`.
    pub payer: String,
    /// The share as a fraction (0.5 for `50%`).
    pub rate: Option<Decimal>,
}

/// A cap over the sum of its members' awards, per entity of one kind and per period.
#[derive(Clone, Debug)]
pub struct Pool {
    /// The pool's id; a rule's own cap is `<rule>.per_year_cap`.
    pub id: String,
    /// The policy that declares it.
    pub policy: PolicyId,
    /// The clause that sets the cap.
    pub cite: Option<String>,
    /// A one-line summary.
    pub title: Option<String>,
    /// Indices into [`Program::rules`].
    pub members: Vec<usize>,
    /// The kind whose entities each have their own room (`per enterprise`).
    pub scope: KindId,
    /// How far `scope` is from the top of the entity tree; deeper pools bind first.
    pub depth: usize,
    /// The period awards are summed over.
    pub period: Period,
    /// What the pool caps: the sum of the awards, or their number.
    pub measure: Measure,
    /// Ledger grants under policies that are not loaded, which count against the cap too.
    pub grants: Vec<GrantTags>,
    /// A rule's own `per_year_cap`, rather than a declared pool.
    pub implicit: bool,
    /// The money caps amendments set, in effective-date order ([`Pool::measure_on`]).
    pub versions: Vec<CapVersion>,
}

/// What a pool caps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The sum of the awards (单个企业每年最高1000万).
    Money(Decimal),
    /// The number of awards (最多申报2项), and which are kept when more qualify.
    Count {
        /// The most awards per entity and period.
        count: u32,
        /// Which are kept.
        choose: Choose,
    },
}

/// 就高不重复: of the members' awards for one entity of `scope`, only the highest is paid.
#[derive(Clone, Debug)]
pub struct Stack {
    /// The stack's id.
    pub id: String,
    /// The policy that declares it.
    pub policy: PolicyId,
    /// The clause that forbids double payment.
    pub cite: Option<String>,
    /// Indices into [`Program::rules`].
    pub members: Vec<usize>,
    /// The kind of item the awards must share to compete (`per drug`).
    pub scope: KindId,
    /// How far `scope` is from the top of the entity tree.
    pub depth: usize,
    /// The period awards compete in: `Year` or `Total`.
    pub period: Period,
    /// What an earlier grant under a member for the same item does.
    pub earlier: Earlier,
}

/// A test case: its expectations of rules, resolved by the checker, and those that name no
/// rule (an entity's total, a facts error), which need no resolving.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// The test with each `expect RULE …` resolved to a rule.
    pub test: Test,
    /// `expect total for ENTITY: AMOUNT`, in source order.
    pub totals: Vec<crate::ast::ExpectTotal>,
    /// `expect facts_error "…"`: texts the facts' diagnostics must contain.
    pub facts_errors: Vec<String>,
}

/// A test case with its expectations resolved to rules.
#[derive(Clone, Debug)]
pub struct Test {
    /// What the case shows, in words.
    pub name: String,
    /// The file it is written in (facts files are relative to it).
    pub source: usize,
    /// The test's bytes in that file.
    pub span: Span,
    /// The evaluation date; the facts' own `as_of` when absent.
    pub as_of: Option<NaiveDate>,
    /// Inline JSON or a file.
    pub facts: Option<crate::ast::TestFacts>,
    /// The outcomes the case requires.
    pub expects: Vec<Expect>,
}

/// `expect RULE for ENTITY: OUTCOME`, with the rule as an index into [`Program::rules`].
#[derive(Clone, Debug)]
pub struct Expect {
    /// The rule expected to pay (or not).
    pub rule: usize,
    /// The entity's path in results.
    pub entity: String,
    /// What the rule must give that entity.
    pub outcome: crate::ast::Outcome,
    /// Where the `expect` is written.
    pub span: Span,
}

/// A `when` clause (or the policy's `scope`) and its text, which names it when it fails.
/// Made by [`Condition::new`], which finds what it reads.
#[derive(Clone, Debug)]
pub struct Condition {
    /// The condition as written, for not-applicable reasons.
    pub text: Arc<str>,
    /// The condition, a bool.
    pub expr: Expr,
    /// From the policy's `scope`, not the rule's own `when`.
    pub scope: bool,
    /// The facts it reads, each once, in the order written: what its reason shows.
    pub reads: Vec<Reading>,
}

/// A typed expression with names resolved.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A literal, already a value.
    Const(Value),
    /// A fact of the entity `up` levels above the current one.
    Field {
        /// 0 for the rule's own entity, 1 for its owner, and so on.
        up: usize,
        /// The field's slot in that entity.
        slot: usize,
        /// The field's name, for traces and for the reason when it is missing.
        name: Arc<str>,
    },
    /// The evaluation date.
    AsOf,
    /// `-x`
    Neg(Box<Expr>),
    /// `not c`
    Not(Box<Expr>),
    /// 最高/不超过: the amount is a ceiling.
    UpTo(Box<Expr>),
    /// `+ - * /` on decimals, checked for overflow and division by zero.
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// `date + duration` (`negate` for `-`).
    Shift {
        /// The date shifted.
        date: Box<Expr>,
        /// The duration it is shifted by.
        by: Box<Expr>,
        /// Shift back in time.
        negate: bool,
    },
    /// Orders decimals, dates and durations; `==` and `!=` compare any two values.
    Compare(Compare, Box<Expr>, Box<Expr>),
    /// `a and b`, short-circuit.
    And(Box<Expr>, Box<Expr>),
    /// `a or b`, short-circuit.
    Or(Box<Expr>, Box<Expr>),
    /// Enum membership, by variant index.
    In(Box<Expr>, Vec<usize>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `by`: `table[variant]` is the arm index for that variant, if any.
    By {
        /// The enum value looked up.
        scrutinee: Box<Expr>,
        /// The scrutinee's enum.
        enum_id: EnumId,
        /// For each variant, the arm that handles it.
        table: Vec<Option<usize>>,
        /// The arms' amounts, in written order.
        arms: Vec<Expr>,
        /// The scrutinee as written, for the trace.
        text: Arc<str>,
    },
    /// `tiers`: the whole amount comes from the first tier the value falls in.
    Tiers {
        /// The value whose tier decides.
        scrutinee: Box<Expr>,
        /// Each tier and its amount, first match wins.
        arms: Vec<(Interval, Expr)>,
        /// The scrutinee as written, for the trace.
        text: Arc<str>,
    },
    /// `marginal` (累进): each tier's rate applies to the part of the value inside it.
    Marginal {
        /// The value split across tiers.
        scrutinee: Box<Expr>,
        /// Each tier and its rate.
        arms: Vec<(Interval, Expr)>,
        /// The scrutinee as written, for the trace.
        text: Arc<str>,
    },
    /// `steps`: the highest threshold reached pays.
    Steps {
        /// The value compared with the thresholds.
        scrutinee: Box<Expr>,
        /// Each threshold, increasing, and what it pays.
        arms: Vec<(Decimal, Expr)>,
        /// The scrutinee as written, for the trace.
        text: Arc<str>,
    },
    /// `rate of base`, with the base's text (and the rate's, when written as a literal such
    /// as `1:1` or `5‰`) for the trace.
    Of {
        /// A rate or rate range.
        rate: Box<Expr>,
        /// The amount the rate is taken of.
        base: Box<Expr>,
        /// The base as written.
        text: Arc<str>,
        /// The rate as written, when a literal.
        rate_text: Option<Arc<str>>,
    },
    /// `amount per count`
    Per {
        /// The amount per thing.
        amount: Box<Expr>,
        /// How many things.
        count: Box<Expr>,
        /// The count as written.
        text: Arc<str>,
    },
    /// `10万..50万`: an award somewhere between.
    Range(Box<Expr>, Box<Expr>),
    /// `5%..20%`: a rate somewhere between, to be taken `of` a base.
    RateRange(Box<Expr>, Box<Expr>),
    /// `amount max cap`
    Max {
        /// The amount capped.
        amount: Box<Expr>,
        /// The cap.
        cap: Box<Expr>,
        /// The whole `amount max cap` as written.
        text: Arc<str>,
    },
    /// 一事一议; a `max` around it gives the ceiling.
    CaseByCase {
        /// `uncapped`: the text sets no bound (上不封顶).
        uncapped: bool,
    },
    /// A schedule's (or value's) amount for these arguments; the trace names the schedule.
    Call {
        /// Index into [`Program::schedules`].
        schedule: usize,
        /// The arguments, in parameter order.
        args: Vec<Expr>,
        /// The call as written (`clinical_cap(phase_completed)`), for the trace.
        text: Arc<str>,
    },
    /// Inside a schedule's body: the argument given for its parameter at this index.
    Param {
        /// The parameter's position.
        index: usize,
        /// Its name.
        name: Arc<str>,
    },
    /// An enum value as its name (for ledger keys).
    EnumName {
        /// The enum value.
        value: Box<Expr>,
        /// Its enum, to find the name.
        enum_id: EnumId,
    },
    /// `sum`, `count`, `min`, `max`, `any` or `all` over a list of child records.
    Aggregate(Box<Aggregate>),
    /// A fact, or `value` when it is absent (`employees default 0`, or the schema's default).
    Default {
        /// The fact read: an [`Expr::Field`].
        fact: Box<Expr>,
        /// What an absent fact counts as.
        value: Value,
        /// The value as people read it, for the trace.
        text: Arc<str>,
    },
}

/// `sum(trials.rd_cost where phase in { I, II })`: what is taken of which child records.
#[derive(Clone, Debug)]
pub struct Aggregate {
    /// What is taken of the records that pass the filter.
    pub op: AggOp,
    /// How many levels above the current entity the list's holder is (0: the entity itself).
    pub up: usize,
    /// The list field's slot in its holder.
    pub list: usize,
    /// The child records' kind.
    pub kind: KindId,
    /// For `sum`, `min`, `max`: the child's field, read with the record as the current entity.
    pub field: Option<Expr>,
    /// `where …`: read with the record as the current entity (its owners above it).
    pub filter: Option<Expr>,
    /// The aggregate in words (`sum of trials.rd_cost where phase in { I, II }`).
    pub text: Arc<str>,
    /// The list as written (`trials`), to name a record's missing fact (`trials[T2].rd_cost`).
    pub list_text: Arc<str>,
}

/// How deep uses of schedules may nest (a schedule whose body uses a schedule whose body uses
/// …). Each body is bounded in depth by the parser; this bounds their chain, so evaluation's
/// recursion stays within a thread's stack. Policies nest one or two deep.
pub const MAX_NESTING: usize = 8;

impl Expr {
    /// How deep the uses of schedules in this expression nest, given how deep each schedule's
    /// own do (itself included); 0 when it uses none.
    pub fn nesting(&self, of_schedule: &[usize]) -> usize {
        let mut deepest = 0;
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            if let Expr::Call { schedule, .. } = e {
                deepest = deepest.max(of_schedule.get(*schedule).copied().unwrap_or(0));
            }
            stack.extend(e.children());
        }
        deepest
    }

    /// The expressions directly inside this one.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Const(_) | Expr::Field { .. } | Expr::AsOf | Expr::CaseByCase { .. } | Expr::Param { .. } => {
                Vec::new()
            }
            Expr::Neg(a) | Expr::Not(a) | Expr::UpTo(a) | Expr::In(a, _) | Expr::EnumName { value: a, .. } => vec![a],
            Expr::Arith(_, a, b)
            | Expr::Compare(_, a, b)
            | Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Range(a, b)
            | Expr::RateRange(a, b)
            | Expr::Shift { date: a, by: b, .. }
            | Expr::Of { rate: a, base: b, .. }
            | Expr::Per { amount: a, count: b, .. }
            | Expr::Max { amount: a, cap: b, .. } => vec![a, b],
            Expr::If(c, a, b) => vec![c, a, b],
            Expr::By { scrutinee, arms, .. } => std::iter::once(&**scrutinee).chain(arms).collect(),
            Expr::Tiers { scrutinee, arms, .. } | Expr::Marginal { scrutinee, arms, .. } => {
                std::iter::once(&**scrutinee).chain(arms.iter().map(|(_, e)| e)).collect()
            }
            Expr::Steps { scrutinee, arms, .. } => {
                std::iter::once(&**scrutinee).chain(arms.iter().map(|(_, e)| e)).collect()
            }
            Expr::Call { args, .. } => args.iter().collect(),
            Expr::Aggregate(a) => a.field.iter().chain(&a.filter).collect(),
            Expr::Default { fact, .. } => vec![fact],
        }
    }
}

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A runtime value. Money, rates, numbers and counts are all exact decimals; their types
/// were settled by the checker.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Money, a rate (as a fraction), a number or a count.
    Dec(Decimal),
    /// A condition's result.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// A span of months and days.
    Duration(Duration),
    /// Free text.
    Text(Arc<str>),
    /// An enum value, by index into its [`EnumDef::variants`].
    Enum(usize),
    /// What a reward entitles to.
    Award(Entitlement),
    /// `5%..20%`: the low and high fractions.
    RateRange(Decimal, Decimal),
}

/// What an award entitles to. The kind is kept in every result.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Entitlement {
    /// The formula is owed.
    Exact(Decimal),
    /// 最高/不超过/择优: a ceiling; the authority may grant less.
    UpTo(Decimal),
    /// Somewhere in [lo, hi]; the text does not say where.
    Range(Decimal, Decimal),
    /// 一事一议: no formula, perhaps a ceiling.
    CaseByCase {
        /// The ceiling, when the text gives one (`case_by_case max 1亿`).
        cap: Option<Decimal>,
        /// The text says there is no bound (上不封顶).
        uncapped: bool,
    },
}

impl Entitlement {
    /// What it entitles to, amounts written by `money`: `4,000,000`, `up to …`, `… – …`,
    /// `case by case, up to …`, `case by case, uncapped`, `case by case`. The table and the
    /// REPL both write an entitlement this way.
    pub fn show(&self, money: impl Fn(Decimal) -> String) -> String {
        match self {
            Entitlement::Exact(x) => money(*x),
            Entitlement::UpTo(x) => format!("up to {}", money(*x)),
            Entitlement::Range(lo, hi) => format!("{} – {}", money(*lo), money(*hi)),
            Entitlement::CaseByCase { cap: Some(cap), .. } => format!("case by case, up to {}", money(*cap)),
            Entitlement::CaseByCase { uncapped: true, .. } => "case by case, uncapped".into(),
            Entitlement::CaseByCase { .. } => "case by case".into(),
        }
    }

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

    /// Which of the four kinds this is, as results name it.
    pub fn kind(&self) -> EntitlementKind {
        match self {
            Entitlement::Exact(_) => EntitlementKind::Exact,
            Entitlement::UpTo(_) => EntitlementKind::UpTo,
            Entitlement::Range(..) => EntitlementKind::Range,
            Entitlement::CaseByCase { .. } => EntitlementKind::CaseByCase,
        }
    }

    /// Applies `f` to every bound.
    #[inline]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitlementKind {
    /// The amount is owed.
    Exact,
    /// 最高/不超过/择优: a ceiling the authority may grant less than.
    UpTo,
    /// Somewhere in a range the text does not narrow.
    Range,
    /// 一事一议: decided by the authority, perhaps under a ceiling.
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
