//! The check stage's error type. Warnings are findings about the text that do not stop
//! evaluation (overlapping or gapped tiers); everything else is an error.

use crate::diagnostic::quote;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A rule set that does not hold together: unknown names, mistyped expressions, clashing
/// declarations. Tier overlaps and gaps are warnings ([`CheckError::is_warning`]).
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum CheckError {
    /// `reward 20% of rd_cots` where the entity has `rd_cost`
    #[error("unknown field `{}` on `{entity}`", quote(.name))]
    #[diagnostic(code(check::unknown_field), help("{help}"))]
    UnknownField {
        /// The field as written.
        name: String,
        /// The entity kind searched.
        entity: String,
        /// Did-you-mean, or the kind's fields.
        help: String,
        /// The field name.
        #[label("not a field of `{entity}`")]
        span: SourceSpan,
    },

    /// `rule A for drgu { … }`
    #[error("unknown entity kind `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_entity), help("{help}"))]
    UnknownEntity {
        /// The kind as written.
        name: String,
        /// Did-you-mean, or the declared kinds.
        help: String,
        /// The kind name.
        #[label("no such entity in the schema")]
        span: SourceSpan,
    },

    /// `rd_cost: monye`
    #[error("unknown type `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_type), help("{help}"))]
    UnknownType {
        /// The type as written.
        name: String,
        /// Did-you-mean, or the types there are.
        help: String,
        /// The type name.
        #[label("not a type")]
        span: SourceSpan,
    },

    /// `when phase == IV` where `phase` has no `IV`
    #[error("`{}` is not a value of enum `{enum_name}`", quote(.name))]
    #[diagnostic(code(check::unknown_variant), help("{help}"))]
    UnknownVariant {
        /// The value as written.
        name: String,
        /// The enum it was looked up in.
        enum_name: String,
        /// Did-you-mean, or the enum's values.
        help: String,
        /// The value.
        #[label("no such value")]
        span: SourceSpan,
    },

    /// `reward rd_cost + items` where `items` is a count
    #[error("cannot apply `{op}` to {left} and {right}")]
    #[diagnostic(code(check::operand_types), help("{help}"))]
    Operands {
        /// The operator, as written.
        op: String,
        /// The left operand's type.
        left: String,
        /// The right operand's type.
        right: String,
        /// What the operator accepts.
        help: String,
        /// The left operand.
        #[label("{left}")]
        left_span: SourceSpan,
        /// The right operand.
        #[label("{right}")]
        right_span: SourceSpan,
    },

    /// `when rd_cost` (money where a condition needs bool)
    #[error("{context} must be {expected}, found {found}")]
    #[diagnostic(code(check::type_mismatch), help("{help}"))]
    Expected {
        /// Where the value stands, e.g. "a `when` condition".
        context: String,
        /// The types allowed there.
        expected: String,
        /// The type found.
        found: String,
        /// How to write what is expected.
        help: String,
        /// The expression.
        #[label("this is {found}")]
        span: SourceSpan,
    },

    /// Two rules named `CZ-05` in one policy; two fields `rd_cost` on one entity; `enum city`
    /// declared in two files
    #[error("duplicate {what} `{}`", quote(.name))]
    #[diagnostic(code(check::duplicate), help("{help}"))]
    Duplicate {
        /// What is duplicated: rule, field, enum, …
        what: String,
        /// The name given twice.
        name: String,
        /// How to fix it: where names must be unique, or how to extend instead.
        help: String,
        /// The second definition.
        #[label("defined again here")]
        span: SourceSpan,
        /// The first definition, when in the same file.
        #[label("defined here first")]
        first: Option<SourceSpan>,
        /// The first definition when it is in another file: that file's index and the span,
        /// shown as a related diagnostic in that file.
        first_elsewhere: Option<(usize, SourceSpan)>,
    },

    /// The first definition of a name defined again in another file (shown beside
    /// [`CheckError::Duplicate`], never alone)
    #[error("`{}` is first defined here", quote(.name))]
    #[diagnostic(code(check::first_definition), severity(Advice))]
    FirstDefinition {
        /// The name given twice.
        name: String,
        /// The first definition.
        #[label("defined here first")]
        span: SourceSpan,
    },

    /// `extend enum cty { … }` where no file declares `cty`
    #[error("cannot extend unknown {what} `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_extension), help("{help}"))]
    UnknownExtension {
        /// `enum` or `entity`.
        what: String,
        /// The name as written.
        name: String,
        /// Did-you-mean, or how to declare it instead.
        help: String,
        /// The name.
        #[label("no {what} of this name is declared")]
        span: SourceSpan,
    },

    /// `extend entity enterprise { trials: [clinical_trial] }`: facts written for the other
    /// policies do not give `trials`, and would be refused
    #[error("`{field}`, added to `{kind}`, is required of every `{kind}`")]
    #[diagnostic(
        code(check::required_extension),
        severity(Warning),
        help("fact sets written for the policies that declared `{kind}` do not give it, and would be refused; declare it optional: `{field}?: {ty}`")
    )]
    RequiredExtension {
        /// The kind extended.
        kind: String,
        /// The field added.
        field: String,
        /// Its type as written.
        ty: String,
        /// The field.
        #[label("required, but added by an extension")]
        span: SourceSpan,
    },

    /// `clinical_cpa(phase)` where the schedule is `clinical_cap`
    #[error("unknown schedule `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_schedule), help("{help}"))]
    UnknownSchedule {
        /// The name as written.
        name: String,
        /// Did-you-mean, or how to define one.
        help: String,
        /// The name.
        #[label("no schedule of this name")]
        span: SourceSpan,
    },

    /// `clinical_cap(phase, rd_cost)` where `clinical_cap` takes one argument
    #[error("`{name}` takes {expected}, given {found}")]
    #[diagnostic(code(check::schedule_arity), help("call it as `{signature}`"))]
    Arity {
        /// The schedule.
        name: String,
        /// "1 argument", "2 arguments".
        expected: String,
        /// "none", "2".
        found: String,
        /// The schedule as defined, e.g. `clinical_cap(p: phase)`.
        signature: String,
        /// The call.
        #[label("{found} given here")]
        span: SourceSpan,
    },

    /// `city_cap(II)` where `city_cap` is a `value`
    #[error("`{name}` is a value, not a schedule")]
    #[diagnostic(code(check::value_called), help("write it without arguments: `{name}`"))]
    ValueCalled {
        /// The value.
        name: String,
        /// The call.
        #[label("a value takes no arguments")]
        span: SourceSpan,
    },

    /// `value cap = rd_cost max 100万`: a value or schedule reads a fact
    #[error("`{}` is not a parameter of `{schedule}`", quote(.name))]
    #[diagnostic(code(check::schedule_reads_facts), help("{help}"))]
    ReadsFacts {
        /// The name read.
        name: String,
        /// The value or schedule.
        schedule: String,
        /// How to pass the fact in instead.
        help: String,
        /// The name.
        #[label("a value or schedule reads only its parameters and `as_of`")]
        span: SourceSpan,
    },

    /// `value v9 = v8 + 1` where `v8` uses `v7`, … nine deep
    #[error("`{}` uses schedules nested more than {limit} deep", quote(.name))]
    #[diagnostic(
        code(check::schedule_nesting),
        help("write the amount out, or use fewer schedules that use schedules")
    )]
    TooNested {
        /// The value or schedule.
        name: String,
        /// The deepest nesting allowed.
        limit: usize,
        /// Its name.
        #[label("uses a schedule that uses a schedule … too deep")]
        span: SourceSpan,
    },

    /// `city_cap` where two policies define a value `city_cap`, or a name that is both a field
    /// and a value
    #[error("`{}` is ambiguous", quote(.name))]
    #[diagnostic(code(check::ambiguous_name), help("{help}"))]
    Ambiguous {
        /// The name as written.
        name: String,
        /// The qualified names to choose from.
        help: String,
        /// The name.
        #[label("means more than one thing here")]
        span: SourceSpan,
    },

    /// `tiers x { [1亿, 5亿] => …, [5亿, ..) => … }`: both contain 5亿
    #[error("tiers overlap at {at}")]
    #[diagnostic(
        code(check::tier_overlap),
        severity(Warning),
        help("{at} matches both tiers, and the first listed wins; if the text itself overlaps, keep its wording, order the tiers so the reading you chose comes first, and answer this with `acknowledge tier_overlap \"<the reading and why>\"` in the rule")
    )]
    TierOverlap {
        /// The value both tiers contain.
        at: String,
        /// The later tier.
        #[label("this tier")]
        span: SourceSpan,
        /// The earlier tier it overlaps.
        #[label("overlaps this one")]
        other: SourceSpan,
    },

    /// `tiers x { [0, 1亿) => …, (1亿, ..) => … }`: nothing covers 1亿
    #[error("no tier covers {gap}")]
    #[diagnostic(
        code(check::tier_gap),
        severity(Warning),
        help("{gap} earns nothing under this table; close the gap if the text means to cover it, or answer this with `acknowledge tier_gap \"<why>\"` in the rule")
    )]
    TierGap {
        /// The values no tier covers.
        gap: String,
        /// The tier before the gap.
        #[label("this tier ends")]
        span: SourceSpan,
        /// The tier after it.
        #[label("the next begins")]
        next: SourceSpan,
    },

    /// `[5亿, 1亿]`
    #[error("tier {interval} contains no value")]
    #[diagnostic(code(check::empty_tier), help("write the lower bound first, e.g. `[1亿, 5亿]`"))]
    EmptyTier {
        /// The tier as written.
        interval: String,
        /// The tier.
        #[label("empty")]
        span: SourceSpan,
    },

    /// `by phase { I => 100万, II => 200万 }` where `phase` also has `III`: a drug in phase III
    /// would find no amount, and the rule would silently not apply.
    #[error("this `by` table has no amount for {missing} of enum `{enum_name}`")]
    #[diagnostic(code(check::missing_variants), help("{help}"))]
    MissingVariants {
        /// The values no arm names, as a phrase: "`III`" or "`II` and `III`".
        missing: String,
        /// The enum the table is over.
        enum_name: String,
        /// The arms to add, or `_ => …`.
        help: String,
        /// The table.
        #[label("no arm for {missing}")]
        span: SourceSpan,
    },

    /// `acknowledge tier_overlpa "…"`
    #[error("no warning is called `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_warning), help("{help}"))]
    UnknownWarning {
        /// The name as written.
        name: String,
        /// Did-you-mean, or the warnings a rule, pool or stack can have.
        help: String,
        /// The name.
        #[label("not a warning")]
        span: SourceSpan,
    },

    /// `acknowledge tier_gap "…"` in a rule whose tiers leave no gap (any more).
    #[error("{item} has no `{warning}` warning to acknowledge")]
    #[diagnostic(code(check::acknowledged_absent), severity(Warning), help("{help}"))]
    AcknowledgedAbsent {
        /// The warning named.
        warning: String,
        /// The rule, pool or stack, as a phrase: "rule `WX-11a`".
        item: String,
        /// Remove the line, or the warnings the item does have.
        help: String,
        /// The `acknowledge` clause.
        #[label("nothing to acknowledge")]
        span: SourceSpan,
    },

    /// `steps n { 5 => 50万, 3 => 30万 }`
    #[error("step thresholds must increase")]
    #[diagnostic(code(check::steps_order), help("list steps from the lowest threshold to the highest"))]
    StepsOrder {
        /// The threshold out of order.
        #[label("not above the step before")]
        span: SourceSpan,
    },

    /// A rule in a file with no `policy { … }` header
    #[error("rule `{}` belongs to no policy", quote(.rule))]
    #[diagnostic(
        code(check::no_policy),
        help("add a `policy <id> {{ … }}` header to this file; every rule belongs to the policy of its file")
    )]
    NoPolicy {
        /// The rule's id.
        rule: String,
        /// The rule.
        #[label("outside any policy")]
        span: SourceSpan,
    },

    /// Two `policy` headers in one file
    #[error("a file holds one policy; this is the second")]
    #[diagnostic(code(check::second_policy), help("move this policy and its rules to a file of their own"))]
    SecondPolicy {
        /// The second header.
        #[label("second policy")]
        span: SourceSpan,
    },

    /// `expires 2020-01-01` before `effective 2021-01-01`
    #[error("policy `{policy}` expires ({expires}) before it takes effect ({effective})")]
    #[diagnostic(code(check::policy_dates), help("check the dates against the document"))]
    PolicyDates {
        /// The policy's id.
        policy: String,
        /// Its first day in force.
        effective: String,
        /// Its last day in force.
        expires: String,
        /// The `expires` date.
        #[label("expiry")]
        span: SourceSpan,
    },

    /// `effective 30 days after issue` with no `issued` date
    #[error("policy `{policy}` takes effect after issue but gives no issue date")]
    #[diagnostic(code(check::no_issue_date), help("add `issued YYYY-MM-DD`"))]
    NoIssueDate {
        /// The policy's id.
        policy: String,
        /// The `effective` clause.
        #[label("relative to what?")]
        span: SourceSpan,
    },

    /// `enterprise.x` used in a rule for an entity that `enterprise` does not contain
    #[error("`{}` is not `{entity}` or an entity that contains it", quote(.name))]
    #[diagnostic(code(check::bad_path), help("{help}"))]
    BadPath {
        /// The owner named in the path.
        name: String,
        /// The rule's entity kind.
        entity: String,
        /// The kinds that do contain it.
        help: String,
        /// The owner's name in the path.
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
        /// The child kind.
        kind: String,
        /// The first owner.
        first: String,
        /// The second owner.
        second: String,
        /// The second owner's list type, `[drug]`.
        #[label("second owner")]
        span: SourceSpan,
    },

    /// `entity as_of { … }`
    #[error("`{}` is reserved", quote(.name))]
    #[diagnostic(code(check::reserved), help("facts use `{name}` for themselves; choose another name"))]
    Reserved {
        /// The reserved name.
        name: String,
        /// The name.
        #[label("reserved name")]
        span: SourceSpan,
    },

    /// A pool, stack or split that does not fit its members.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Group(GroupError),

    /// An amendment that does not fit the policy it amends.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Amendment(super::amendments::AmendmentError),

    /// A rule that leaves its frequency or its date unsaid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Timing(TimingError),

    /// `entity a { bs: [b] }` and `entity b { as: [a] }`: no top-level list reaches either.
    #[error("{kinds} own each other in a cycle, so no fact set can hold them")]
    #[diagnostic(
        code(check::entity_cycle),
        severity(Warning),
        help("rules for them can never apply: make one of them top-level by removing its `[…]` field from the other")
    )]
    EntityCycle {
        /// The kinds in the cycle, as a phrase: "`a` and `b`".
        kinds: String,
        /// The first of them declared.
        #[label("in a cycle")]
        span: SourceSpan,
    },

    /// `expect WX-16b for …` in a file of tests (no policy of its own) when no rule loaded has
    /// that id, or rules of two policies have it.
    #[error("`{}` {found}", quote(.name))]
    #[diagnostic(code(check::unknown_rule), help("{help}"))]
    TestRule {
        /// The rule id as written.
        name: String,
        /// What was found instead, e.g. "names no rule among the 101 rules loaded".
        found: String,
        /// Did-you-mean, how to qualify the id, or how to load the rules.
        help: String,
        /// The rule id.
        #[label("no such rule")]
        span: SourceSpan,
    },

    /// `drugs` (a list) used as a value
    #[error("`{}` is a list of `{kind}` and has no single value", quote(.name))]
    #[diagnostic(code(check::list_value), help("write a rule `for {kind}` to reward each one"))]
    ListValue {
        /// The list field.
        name: String,
        /// The kind it lists.
        kind: String,
        /// The field.
        #[label("a list")]
        span: SourceSpan,
    },

    /// `sum(rd_cost)` where `rd_cost` is money, not a list of records
    #[error("`{}` is not a list of records", quote(.name))]
    #[diagnostic(code(check::not_a_list), help("{help}"))]
    NotAList {
        /// The field as written.
        name: String,
        /// What it is.
        found: String,
        /// The list fields there are.
        help: String,
        /// The field.
        #[label("this is {found}")]
        span: SourceSpan,
    },

    /// `sum(trials)`, `count(trials.rd_cost)`, `all(trials)`
    #[error("`{op}(…)` {problem}")]
    #[diagnostic(code(check::aggregate_form), help("{help}"))]
    AggregateForm {
        /// The aggregate's name.
        op: String,
        /// What is wrong with it.
        problem: String,
        /// How it is written.
        help: String,
        /// The aggregate.
        #[label("here")]
        span: SourceSpan,
    },

    /// `(a + b) default 0`: only a fact can be absent
    #[error("`default` follows a fact, not a computed value")]
    #[diagnostic(
        code(check::default_not_fact),
        help("give the default where the fact is read: `(employees default 0) + 1`")
    )]
    DefaultNotFact {
        /// What precedes `default`.
        #[label("not a fact")]
        span: SourceSpan,
    },

    /// `passed: bool default false`: a required fact is never absent
    #[error("`{}` has a default but is required, so it is never absent", quote(.name))]
    #[diagnostic(code(check::default_required), help("mark it optional: `{}?: … default …`", quote(.name)))]
    DefaultRequired {
        /// The field.
        name: String,
        /// The default.
        #[label("never used")]
        span: SourceSpan,
    },
}

/// Errors about how often a rule pays and when: the language has no silent default.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum TimingError {
    /// `rule R for e { reward 1万 }` with no `once`, `yearly` or `every_event`
    #[error("rule `{rule}` does not say how often it pays")]
    #[diagnostic(
        code(check::no_frequency),
        help(
            "add one of: `once` (一次性), `once per <fact>` (每个品种/阶段一次), `once per enterprise` \
             (每家企业只奖励一次), `yearly` (每年), or `every_event` (每次); nothing is assumed, so that a \
             forgotten word cannot pay every year forever"
        )
    )]
    NoFrequency {
        /// The rule.
        rule: String,
        /// The rule's id.
        #[label("how often?")]
        span: SourceSpan,
    },

    /// `rule R for e { once reward 1万 }` with no `on`
    #[error("rule `{rule}` does not say which date it is judged on")]
    #[diagnostic(
        code(check::no_event_date),
        help(
            "add `on <date fact>` (the date of the rewarded event: 获批/认定/签订之日), or `on as_of` to \
             judge it on the evaluation date; the date decides the policy window and the year it is for"
        )
    )]
    NoEventDate {
        /// The rule.
        rule: String,
        /// The rule's id.
        #[label("on which date?")]
        span: SourceSpan,
    },

    /// `once per variety within device` in a rule for drugs
    #[error("`{name}` does not own `{kind}`")]
    #[diagnostic(code(check::not_an_owner), help("name `{kind}` itself or an entity that contains it: {owners}"))]
    NotAnOwner {
        /// The kind as written.
        name: String,
        /// The rule's entity kind.
        kind: String,
        /// The kinds that would do.
        owners: String,
        /// The name.
        #[label("not above `{kind}`")]
        span: SourceSpan,
    },
}

/// Errors about pools, stacks and splits.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum GroupError {
    /// `members CZ-03-1x` where no such rule exists
    #[error("`{}` names no rule of policy `{policy}`", quote(.name))]
    #[diagnostic(code(check::unknown_rule), help("{help}"))]
    UnknownRule {
        /// The rule id as written.
        name: String,
        /// The policy searched.
        policy: String,
        /// Did-you-mean, or the policy's rules.
        help: String,
        /// The member.
        #[label("no such rule")]
        span: SourceSpan,
    },

    /// `expect A for e.E1: 10万 payer ctiy 6万` where rule `A` splits between `city` and `district`
    #[error("rule `{rule}` has no payer `{payer}`")]
    #[diagnostic(code(check::unknown_payer), help("{help}"))]
    UnknownPayer {
        /// The payer as written.
        payer: String,
        /// The rule expected to pay.
        rule: String,
        /// Did-you-mean, the rule's payers, or that it has no `split`.
        help: String,
        /// The payer.
        #[label("not in the rule's `split`")]
        span: SourceSpan,
    },

    /// `members policy wuxii`
    #[error("unknown policy `{}`", quote(.name))]
    #[diagnostic(code(check::unknown_policy), help("{help}"))]
    UnknownPolicy {
        /// The policy id as written.
        name: String,
        /// Did-you-mean, or the policies loaded.
        help: String,
        /// The member.
        #[label("no such policy among the files loaded")]
        span: SourceSpan,
    },

    /// `cap 300万 per drug per year` over a rule `for enterprise`
    #[error("{what} `{group}` is kept per `{scope}`, but rule `{}` pays `{kind}`, which no `{scope}` contains", quote(.rule))]
    #[diagnostic(
        code(check::group_scope),
        help(
            "name an entity that contains every member's entity (e.g. `{root}`), or drop rule `{rule}` from the {what}"
        )
    )]
    Scope {
        /// `pool` or `stack`.
        what: String,
        /// Its id.
        group: String,
        /// The kind named after `per`.
        scope: String,
        /// The member that does not fit.
        rule: String,
        /// The member's entity kind.
        kind: String,
        /// A kind that would contain every member's.
        root: String,
        /// The `per` kind.
        #[label("per `{scope}`")]
        span: SourceSpan,
    },

    /// `stack S { members A, B }` where A is for `drug` and B for `device`
    #[error("stack `{group}` mixes rules for `{first}` and `{second}`")]
    #[diagnostic(code(check::stack_kinds), help("awards compete only for the same item: add `per <entity>` naming an entity that contains both, or split the stack"))]
    StackKinds {
        /// The stack's id.
        group: String,
        /// One member's entity kind.
        first: String,
        /// Another member's, different.
        second: String,
        /// The members.
        #[label("members")]
        span: SourceSpan,
    },

    /// A pool without `cap`, or a pool or stack without `members`
    #[error("{what} `{group}` has no `{clause}`")]
    #[diagnostic(code(check::missing_clause), help("{help}"))]
    Missing {
        /// `pool` or `stack`.
        what: String,
        /// Its id.
        group: String,
        /// The clause it lacks.
        clause: String,
        /// How to write it.
        help: String,
        /// The pool or stack.
        #[label("incomplete")]
        span: SourceSpan,
    },

    /// `per drug over 3 years` in a stack
    #[error("a stack compares awards per year or in total")]
    #[diagnostic(
        code(check::stack_period),
        help("write `per <entity> per year` for awards that compete within a year, or no period for all time")
    )]
    StackPeriod {
        /// The period.
        #[label("here")]
        span: SourceSpan,
    },

    /// `members grants issuer "苏州市"` in a stack
    #[error("a stack cannot take `grants` members")]
    #[diagnostic(
        code(check::grants_in_stack),
        help("a stack compares rules' awards for one item; count grants of other policies in a pool instead")
    )]
    GrantsInStack {
        /// The member.
        #[label("here")]
        span: SourceSpan,
    },

    /// `limit 0 per enterprise in total …`
    #[error("a count cap of 0 pays nothing")]
    #[diagnostic(
        code(check::zero_limit),
        help("a rule that never pays should be removed; write a limit of 1 or more")
    )]
    ZeroLimit {
        /// The limit.
        #[label("here")]
        span: SourceSpan,
    },

    /// `over 0 years`
    #[error("a pool cannot sum over 0 years")]
    #[diagnostic(
        code(check::empty_period),
        help("write `over N years` with N of 1 or more, `per year`, or `in total`")
    )]
    EmptyPeriod {
        /// The period.
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
        /// The shares' sum.
        total: String,
        /// The `split` clause.
        #[label("these shares")]
        span: SourceSpan,
    },

    /// `per_year_cap rd_cost`
    #[error("a cap must be a fixed amount")]
    #[diagnostic(code(check::cap_not_fixed), help("write the amount the text states, e.g. `per_year_cap 1000万`"))]
    NotFixed {
        /// The cap.
        #[label("depends on the facts")]
        span: SourceSpan,
    },
}

impl CheckError {
    /// True for findings about the text that do not stop evaluation (tier overlaps and gaps,
    /// an ownership cycle, an acknowledgement of nothing): those whose diagnostic says
    /// `severity(Warning)`, the one place that decides it.
    pub fn is_warning(&self) -> bool {
        miette::Diagnostic::severity(self) == Some(miette::Severity::Warning)
    }

    /// The warnings a rule, pool or stack can `acknowledge`, by name.
    pub const ACKNOWLEDGEABLE: &'static [&'static str] = &["tier_overlap", "tier_gap"];

    /// A warning's name as `acknowledge` writes it: its code without `check::`.
    pub fn warning_name(&self) -> Option<String> {
        let code = miette::Diagnostic::code(self)?.to_string();
        self.is_warning().then(|| code.rsplit("::").next().unwrap_or_default().to_string())
    }
}
