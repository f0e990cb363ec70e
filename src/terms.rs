//! The language's small closed vocabularies, shared by the syntax tree, the program and the
//! evaluator: how often a rule pays, which awards a count cap keeps, what an earlier grant
//! does to a stack, the tags that pick ledger grants of policies not loaded, and what an
//! aggregate takes of child records.

/// The tags a `grants` member matches in the ledger; every tag given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GrantTags {
    /// The grant's `policy`.
    pub policy: Option<String>,
    /// The grant's `issuer`, e.g. `苏州市`.
    pub issuer: Option<String>,
    /// The grant's `level`, e.g. `district`.
    pub level: Option<String>,
}

/// How often an award may be paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 一次性: once per entity (or key, or owner), ever.
    Once,
    /// 每年: once per entity and year of the event.
    Yearly,
    /// 每次: every event pays.
    EveryEvent,
}

/// Which awards a count cap keeps when more qualify than it allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choose {
    /// The highest ceilings first (the applicant applies for the best ones).
    Highest,
    /// The earliest events first.
    Earliest,
}

/// What a stack does about an earlier grant under one of its members for the same item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Earlier {
    /// 补差: pay only the difference up to the higher award.
    TopUp,
    /// 不重复: pay nothing more.
    Refuse,
}

/// What an aggregate takes of the records that pass its filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggOp {
    /// 合计/累计: the sum of a field; 0 over no records.
    Sum,
    /// 个数/品种数: how many records.
    Count,
    /// The least value of a field; no value over no records.
    Min,
    /// The greatest value of a field; no value over no records.
    Max,
    /// Some record passes; false over no records.
    Any,
    /// Every record passes; true over no records.
    All,
}

impl AggOp {
    /// The function's name as written.
    pub fn name(self) -> &'static str {
        match self {
            AggOp::Sum => "sum",
            AggOp::Count => "count",
            AggOp::Min => "min",
            AggOp::Max => "max",
            AggOp::Any => "any",
            AggOp::All => "all",
        }
    }

    /// Takes a field of the records (`sum(trials.rd_cost)`), rather than the records.
    pub fn takes_field(self) -> bool {
        matches!(self, AggOp::Sum | AggOp::Min | AggOp::Max)
    }
}
