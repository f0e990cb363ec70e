//! The IR's expressions: literals with their unit, facts by name, operations tagged by `op`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An expression: a literal with its unit (`{"money": "4000000", "unit": "yuan"}`,
/// `{"rate": "0.2"}`), a fact (`{"fact": "rd_cost"}`), or an operation tagged by `op`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Expr {
    /// Money, a rate, a count or a number.
    Amount(Amount),
    /// `{"bool": true}`
    Bool(BoolValue),
    /// `{"date": "2024-01-01"}`
    Date(DateValue),
    /// `{"duration": {"months": 36, "days": 0}}`
    Duration(DurationValue),
    /// `{"text": "…"}`
    Text(TextValue),
    /// `{"enum": "phase", "value": "III"}`
    Enum(EnumValue),
    /// A fact of the rule's entity or of an owner.
    Fact(Fact),
    /// An operation.
    Op(Op),
}

/// An exact amount and its unit; every figure is a decimal string, never a float.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Amount {
    /// `{"money": "4000000", "unit": "yuan"}`
    Money(Money),
    /// `{"rate": "0.2"}`: a fraction, 20%.
    Rate(RateValue),
    /// `{"count": "3"}`: a number of things.
    Count(CountValue),
    /// `{"number": "1.5"}`: a plain quantity.
    Number(NumberValue),
}

/// An amount of money.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, e.g. `"4000000"`.
    pub money: Decimal,
    /// Always `yuan`.
    pub unit: MoneyUnit,
}

/// The unit money is written in.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// 元
    Yuan,
}

/// A rate, as a fraction.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateValue {
    /// `"0.2"` for 20%.
    pub rate: Decimal,
}

/// A count.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountValue {
    /// `"3"`
    pub count: Decimal,
}

/// A plain number.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberValue {
    /// `"1.5"`
    pub number: Decimal,
}

/// A truth value.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoolValue {
    /// `true` or `false`.
    pub bool: bool,
}

/// A calendar date.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateValue {
    /// `YYYY-MM-DD`
    pub date: NaiveDate,
}

/// A duration.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DurationValue {
    /// Months and days, kept apart (a month has no fixed length).
    pub duration: Duration,
}

/// Months and days.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// Calendar months (a year is 12).
    pub months: u32,
    /// Days.
    pub days: u32,
}

/// Text.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextValue {
    /// The text.
    pub text: String,
}

/// A value of an enum.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The enum's name.
    #[serde(rename = "enum")]
    pub name: String,
    /// The value's name.
    pub value: String,
}

/// A fact: `{"fact": "rd_cost"}` of the rule's entity, `{"fact": "local", "of":
/// "enterprise"}` of the enterprise that owns it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The field's name.
    pub fact: String,
    /// The entity kind holding it when the text names it (`enterprise.local`); the rule's
    /// own entity when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

/// What an aggregate takes of the records that pass its filter.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The sum of a field; 0 over no records.
    Sum,
    /// How many records.
    Count,
    /// The least value of a field; none over no records (the rule does not apply).
    Min,
    /// The greatest value of a field; none over no records.
    Max,
    /// Some record passes; false over no records.
    Any,
    /// Every record passes; true over no records.
    All,
}

/// An operation, tagged by `op`. Texts (`text`, `rate_text`) are the operands as written,
/// for the trace of an award.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Op {
    /// The evaluation date.
    AsOf,
    /// `-x`
    Neg {
        /// The operand.
        arg: Box<Expr>,
    },
    /// `not c`
    Not {
        /// The operand.
        arg: Box<Expr>,
    },
    /// 最高/不超过: the amount is a ceiling, not owed.
    UpTo {
        /// The ceiling.
        arg: Box<Expr>,
    },
    /// `+`
    Add {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `-`
    Sub {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `*`
    Mul {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `/`
    Div {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `date + duration`
    DateAdd {
        /// The date.
        date: Box<Expr>,
        /// The duration added.
        by: Box<Expr>,
    },
    /// `date - duration`
    DateSub {
        /// The date.
        date: Box<Expr>,
        /// The duration taken away.
        by: Box<Expr>,
    },
    /// `==` (any two values of one type)
    Eq {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `!=`
    Ne {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `<`
    Lt {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `<=`
    Le {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `>`
    Gt {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `>=`
    Ge {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `and`, short-circuit.
    And {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `or`, short-circuit.
    Or {
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `phase in { I, II }`
    In {
        /// An enum value.
        value: Box<Expr>,
        /// Its enum.
        #[serde(rename = "enum")]
        name: String,
        /// The values that make it true.
        values: Vec<String>,
    },
    /// `if cond then … else …`
    If {
        /// A bool.
        cond: Box<Expr>,
        /// When true.
        then: Box<Expr>,
        /// When false.
        #[serde(rename = "else")]
        otherwise: Box<Expr>,
    },
    /// `by`: the arm listing the value pays; a value no arm lists makes the rule not apply.
    By {
        /// An enum value.
        value: Box<Expr>,
        /// Its enum.
        #[serde(rename = "enum")]
        name: String,
        /// The value as written.
        text: String,
        /// The arms, in written order, each with every value it takes.
        arms: Vec<ByArm>,
    },
    /// `tiers`: the whole amount comes from the first tier the value falls in.
    Tiers {
        /// The value whose tier decides.
        value: Box<Expr>,
        /// The value as written.
        text: String,
        /// The tiers, first match wins.
        arms: Vec<Tier>,
    },
    /// `marginal` (累进): each tier's rate applies to the part of the value inside it.
    Marginal {
        /// The value split across the tiers.
        value: Box<Expr>,
        /// The value as written.
        text: String,
        /// The tiers and their rates.
        arms: Vec<Tier>,
    },
    /// `steps`: the highest threshold reached pays.
    Steps {
        /// The value compared with the thresholds.
        value: Box<Expr>,
        /// The value as written.
        text: String,
        /// Increasing thresholds and what each pays.
        arms: Vec<Step>,
    },
    /// `rate of base`
    Of {
        /// A rate or a rate range.
        rate: Box<Expr>,
        /// The amount it is taken of.
        base: Box<Expr>,
        /// The base as written.
        text: String,
        /// The rate as written, when a literal (`1:1`, `5‰`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate_text: Option<String>,
    },
    /// `amount per count`
    Per {
        /// The amount per thing.
        amount: Box<Expr>,
        /// How many things.
        count: Box<Expr>,
        /// The count as written.
        text: String,
    },
    /// `10万..50万`: an award somewhere between.
    Range {
        /// The least.
        low: Box<Expr>,
        /// The most.
        high: Box<Expr>,
    },
    /// `5%..20%`: a rate somewhere between, taken `of` a base.
    RateRange {
        /// The least rate.
        low: Box<Expr>,
        /// The highest rate.
        high: Box<Expr>,
    },
    /// `amount max cap`
    Max {
        /// The amount capped.
        amount: Box<Expr>,
        /// The cap.
        cap: Box<Expr>,
        /// The whole `amount max cap` as written.
        text: String,
    },
    /// 一事一议: decided by the authority; a `max` around it gives the ceiling.
    CaseByCase {
        /// The text sets no bound (上不封顶).
        uncapped: bool,
    },
    /// An enum value's name, as text (for ledger keys).
    EnumName {
        /// An enum value.
        value: Box<Expr>,
        /// Its enum.
        #[serde(rename = "enum")]
        name: String,
    },
    /// A schedule's (or value's) amount for these arguments.
    Call {
        /// The schedule's name.
        schedule: String,
        /// Its policy, which tells two schedules of one name apart.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        policy: Option<String>,
        /// One per parameter, in order.
        args: Vec<Expr>,
        /// The call as written, for the trace.
        text: String,
    },
    /// In a schedule's body: the argument given for the parameter of this name.
    Param {
        /// The parameter.
        name: String,
    },
    /// `sum(trials.rd_cost where phase in { I, II })`: over the records of a list. `field`
    /// and `filter` read a record as a rule for its kind would (its owners by `of`).
    Aggregate {
        /// What is taken of the records.
        take: Aggregation,
        /// The list: a fact of the entity or of an owner.
        list: Fact,
        /// The record's field taken, for `sum`, `min` and `max`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<Box<Expr>>,
        /// Which records count, for `where`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filter: Option<Box<Expr>>,
        /// The aggregate in words (`sum of trials.rd_cost where …`), for the trace.
        text: String,
    },
    /// `employees default 0`: the fact, or `value` when it is absent.
    Default {
        /// The fact.
        fact: Fact,
        /// What an absent fact counts as: a literal.
        value: Box<Expr>,
    },
}

/// An arm of a `by` table.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ByArm {
    /// The enum values it takes (a written `_` is spelled out).
    pub values: Vec<String>,
    /// What it pays.
    pub then: Expr,
}

/// A tier: the values from `from` to `to`, each bound included or not; a missing bound is
/// unbounded.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The lower bound.
    pub from: Option<Amount>,
    /// The lower bound itself is in the tier (以上, 含).
    pub from_included: bool,
    /// The upper bound.
    pub to: Option<Amount>,
    /// The upper bound itself is in the tier (以下, 含).
    pub to_included: bool,
    /// The tier as written, e.g. `[1亿, 5亿)`.
    pub text: String,
    /// The tier's amount (`tiers`) or rate (`marginal`).
    pub then: Expr,
}

/// A step: reached when the value is at least `from`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The threshold.
    pub from: Amount,
    /// What the step pays.
    pub then: Expr,
}
