//! The check stage's error type. Warnings are findings about the text that do not stop
//! evaluation (overlapping or gapped tiers); everything else is an error.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum CheckError {
    /// `reward 20% of rd_cots` where the entity has `rd_cost`
    #[error("unknown field `{name}` on `{entity}`")]
    #[diagnostic(code(check::unknown_field), help("{help}"))]
    UnknownField {
        name: String,
        entity: String,
        help: String,
        #[label("not a field of `{entity}`")]
        span: SourceSpan,
    },

    /// `rule A for drgu { … }`
    #[error("unknown entity kind `{name}`")]
    #[diagnostic(code(check::unknown_entity), help("{help}"))]
    UnknownEntity {
        name: String,
        help: String,
        #[label("no such entity in the schema")]
        span: SourceSpan,
    },

    /// `rd_cost: monye`
    #[error("unknown type `{name}`")]
    #[diagnostic(code(check::unknown_type), help("{help}"))]
    UnknownType {
        name: String,
        help: String,
        #[label("not a type")]
        span: SourceSpan,
    },

    /// `when phase == IV` where `phase` has no `IV`
    #[error("`{name}` is not a value of enum `{enum_name}`")]
    #[diagnostic(code(check::unknown_variant), help("{help}"))]
    UnknownVariant {
        name: String,
        enum_name: String,
        help: String,
        #[label("no such value")]
        span: SourceSpan,
    },

    /// `reward rd_cost + items` where `items` is a count
    #[error("cannot apply `{op}` to {left} and {right}")]
    #[diagnostic(code(check::operand_types), help("{help}"))]
    Operands {
        op: String,
        left: String,
        right: String,
        help: String,
        #[label("{left}")]
        left_span: SourceSpan,
        #[label("{right}")]
        right_span: SourceSpan,
    },

    /// `when rd_cost` (money where a condition needs bool)
    #[error("{context} must be {expected}, found {found}")]
    #[diagnostic(code(check::type_mismatch), help("{help}"))]
    Expected {
        context: String,
        expected: String,
        found: String,
        help: String,
        #[label("this is {found}")]
        span: SourceSpan,
    },

    /// Two rules named `CZ-05` in one policy; two fields `rd_cost` on one entity
    #[error("duplicate {what} `{name}`")]
    #[diagnostic(code(check::duplicate), help("names of {what}s must be unique{scope}; rename or remove one"))]
    Duplicate {
        what: String,
        name: String,
        scope: String,
        #[label("defined again here")]
        span: SourceSpan,
        #[label("first defined here")]
        first: Option<SourceSpan>,
    },

    /// `tiers x { [1亿, 5亿] => …, [5亿, ..) => … }`: both contain 5亿
    #[error("tiers overlap at {at}")]
    #[diagnostic(
        code(check::tier_overlap),
        severity(Warning),
        help("{at} matches both tiers, and the first listed wins; if the text itself is ambiguous, keep its wording and say in a comment which reading you chose")
    )]
    TierOverlap {
        at: String,
        #[label("this tier")]
        span: SourceSpan,
        #[label("overlaps this one")]
        other: SourceSpan,
    },

    /// `tiers x { [0, 1亿) => …, (1亿, ..) => … }`: nothing covers 1亿
    #[error("no tier covers {gap}")]
    #[diagnostic(
        code(check::tier_gap),
        severity(Warning),
        help("{gap} earns nothing under this table; close the gap if the text means to cover it")
    )]
    TierGap {
        gap: String,
        #[label("this tier ends")]
        span: SourceSpan,
        #[label("the next begins")]
        next: SourceSpan,
    },

    /// `[5亿, 1亿]`
    #[error("tier {interval} contains no value")]
    #[diagnostic(code(check::empty_tier), help("write the lower bound first, e.g. `[1亿, 5亿]`"))]
    EmptyTier {
        interval: String,
        #[label("empty")]
        span: SourceSpan,
    },

    /// `steps n { 5 => 50万, 3 => 30万 }`
    #[error("step thresholds must increase")]
    #[diagnostic(code(check::steps_order), help("list steps from the lowest threshold to the highest"))]
    StepsOrder {
        #[label("not above the step before")]
        span: SourceSpan,
    },

    /// A rule in a file with no `policy { … }` header
    #[error("rule `{rule}` belongs to no policy")]
    #[diagnostic(
        code(check::no_policy),
        help("add a `policy <id> {{ … }}` header to this file; every rule belongs to the policy of its file")
    )]
    NoPolicy {
        rule: String,
        #[label("outside any policy")]
        span: SourceSpan,
    },

    /// Two `policy` headers in one file
    #[error("a file holds one policy; this is the second")]
    #[diagnostic(code(check::second_policy), help("move this policy and its rules to a file of their own"))]
    SecondPolicy {
        #[label("second policy")]
        span: SourceSpan,
    },

    /// `expires 2020-01-01` before `effective 2021-01-01`
    #[error("policy `{policy}` expires ({expires}) before it takes effect ({effective})")]
    #[diagnostic(code(check::policy_dates), help("check the dates against the document"))]
    PolicyDates {
        policy: String,
        effective: String,
        expires: String,
        #[label("expiry")]
        span: SourceSpan,
    },

    /// `effective 30 days after issue` with no `issued` date
    #[error("policy `{policy}` takes effect after issue but gives no issue date")]
    #[diagnostic(code(check::no_issue_date), help("add `issued YYYY-MM-DD`"))]
    NoIssueDate {
        policy: String,
        #[label("relative to what?")]
        span: SourceSpan,
    },

    /// `enterprise.x` used in a rule for an entity that `enterprise` does not contain
    #[error("`{name}` is not `{entity}` or an entity that contains it")]
    #[diagnostic(code(check::bad_path), help("{help}"))]
    BadPath {
        name: String,
        entity: String,
        help: String,
        #[label("not an enclosing entity")]
        span: SourceSpan,
    },

    /// Entity `drug` listed in both `enterprise.drugs` and `fund.drugs`
    #[error("entity `{kind}` is listed by two entities, `{first}` and `{second}`")]
    #[diagnostic(
        code(check::two_parents),
        help("an entity belongs to one owner; declare a second entity kind for the other list")
    )]
    TwoParents {
        kind: String,
        first: String,
        second: String,
        #[label("second owner")]
        span: SourceSpan,
    },

    /// `entity as_of { … }`
    #[error("`{name}` is reserved")]
    #[diagnostic(code(check::reserved), help("facts use `{name}` for themselves; choose another name"))]
    Reserved {
        name: String,
        #[label("reserved name")]
        span: SourceSpan,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Group(GroupError),

    /// `drugs` (a list) used as a value
    #[error("`{name}` is a list of `{kind}` and has no single value")]
    #[diagnostic(code(check::list_value), help("write a rule `for {kind}` to reward each one"))]
    ListValue {
        name: String,
        kind: String,
        #[label("a list")]
        span: SourceSpan,
    },
}

/// Errors about pools, stacks and splits.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum GroupError {
    /// `members CZ-03-1x` where no such rule exists
    #[error("`{name}` names no rule of policy `{policy}`")]
    #[diagnostic(code(check::unknown_rule), help("{help}"))]
    UnknownRule {
        name: String,
        policy: String,
        help: String,
        #[label("no such rule")]
        span: SourceSpan,
    },

    /// `members policy wuxii`
    #[error("unknown policy `{name}`")]
    #[diagnostic(code(check::unknown_policy), help("{help}"))]
    UnknownPolicy {
        name: String,
        help: String,
        #[label("no such policy among the files loaded")]
        span: SourceSpan,
    },

    /// `cap 300万 per drug per year` over a rule `for enterprise`
    #[error("{what} `{group}` is kept per `{scope}`, but rule `{rule}` pays `{kind}`, which no `{scope}` contains")]
    #[diagnostic(
        code(check::group_scope),
        help(
            "name an entity that contains every member's entity (e.g. `{root}`), or drop rule `{rule}` from the {what}"
        )
    )]
    Scope {
        what: String,
        group: String,
        scope: String,
        rule: String,
        kind: String,
        root: String,
        #[label("per `{scope}`")]
        span: SourceSpan,
    },

    /// `stack S { members A, B }` where A is for `drug` and B for `device`
    #[error("stack `{group}` mixes rules for `{first}` and `{second}`")]
    #[diagnostic(code(check::stack_kinds), help("awards compete only for the same item: add `per <entity>` naming an entity that contains both, or split the stack"))]
    StackKinds {
        group: String,
        first: String,
        second: String,
        #[label("members")]
        span: SourceSpan,
    },

    /// A pool without `cap`, or a pool or stack without `members`
    #[error("{what} `{group}` has no `{clause}`")]
    #[diagnostic(code(check::missing_clause), help("{help}"))]
    Missing {
        what: String,
        group: String,
        clause: String,
        help: String,
        #[label("incomplete")]
        span: SourceSpan,
    },

    /// `over 0 years`
    #[error("a pool cannot sum over 0 years")]
    #[diagnostic(
        code(check::empty_period),
        help("write `over N years` with N of 1 or more, `per year`, or `in total`")
    )]
    EmptyPeriod {
        #[label("here")]
        span: SourceSpan,
    },

    /// `split city 60%, district 30%`
    #[error("shares add up to {total}%, not 100%")]
    #[diagnostic(
        code(check::split_shares),
        help("give every payer a share and make them add up to 100%, or give none when the text states none")
    )]
    Shares {
        total: String,
        #[label("these shares")]
        span: SourceSpan,
    },

    /// `per_year_cap rd_cost`
    #[error("a cap must be a fixed amount")]
    #[diagnostic(code(check::cap_not_fixed), help("write the amount the text states, e.g. `per_year_cap 1000万`"))]
    NotFixed {
        #[label("depends on the facts")]
        span: SourceSpan,
    },
}

impl CheckError {
    pub fn is_warning(&self) -> bool {
        matches!(self, CheckError::TierOverlap { .. } | CheckError::TierGap { .. })
    }
}
