//! The check stage's error type. Warnings are findings about the text that do not stop
//! evaluation (overlapping or gapped tiers); everything else is an error.

use crate::diagnostic::{noun, quote};
use crate::t;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A rule set that does not hold together: unknown names, mistyped expressions, clashing
/// declarations. Tier overlaps and gaps are warnings ([`CheckError::is_warning`]).
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum CheckError {
    /// `reward 20% of rd_cots` where the entity has `rd_cost`
    #[error("{}", t!("check-unknown-field", name = quote(.name).to_string(), entity = .entity))]
    #[diagnostic(code(check::unknown_field), help("{help}"))]
    UnknownField {
        /// The field as written.
        name: String,
        /// The entity kind searched.
        entity: String,
        /// Did-you-mean, or the kind's fields.
        help: String,
        /// The field name.
        #[label("{}", t!("check-unknown-field-span", entity = .entity))]
        span: SourceSpan,
    },

    /// `rule A for drgu { … }`
    #[error("{}", t!("check-unknown-entity", name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_entity), help("{help}"))]
    UnknownEntity {
        /// The kind as written.
        name: String,
        /// Did-you-mean, or the declared kinds.
        help: String,
        /// The kind name.
        #[label("{}", t!("check-unknown-entity-span"))]
        span: SourceSpan,
    },

    /// `rd_cost: monye`
    #[error("{}", t!("check-unknown-type", name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_type), help("{help}"))]
    UnknownType {
        /// The type as written.
        name: String,
        /// Did-you-mean, or the types there are.
        help: String,
        /// The type name.
        #[label("{}", t!("check-unknown-type-span"))]
        span: SourceSpan,
    },

    /// `when phase == IV` where `phase` has no `IV`
    #[error("{}", t!("check-unknown-variant", name = quote(.name).to_string(), enum_name = .enum_name))]
    #[diagnostic(code(check::unknown_variant), help("{help}"))]
    UnknownVariant {
        /// The value as written.
        name: String,
        /// The enum it was looked up in.
        enum_name: String,
        /// Did-you-mean, or the enum's values.
        help: String,
        /// The value.
        #[label("{}", t!("check-unknown-variant-span"))]
        span: SourceSpan,
    },

    /// `reward rd_cost + items` where `items` is a count
    #[error("{}", t!("check-operand-types", op = .op, left = .left, right = .right))]
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
        #[label("{}", t!("check-operand-types-left-span", left = .left))]
        left_span: SourceSpan,
        /// The right operand.
        #[label("{}", t!("check-operand-types-right-span", right = .right))]
        right_span: SourceSpan,
    },

    /// `when rd_cost` (money where a condition needs bool)
    #[error("{}", t!("check-type-mismatch", context = .context, expected = .expected, found = .found))]
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
        #[label("{}", t!("check-type-mismatch-span", found = .found))]
        span: SourceSpan,
    },

    /// Two rules named `CZ-05` in one policy; two fields `rd_cost` on one entity; `enum city`
    /// declared in two files
    #[error("{}", t!("check-duplicate", what = noun(.what), name = quote(.name).to_string()))]
    #[diagnostic(code(check::duplicate), help("{help}"))]
    Duplicate {
        /// What is duplicated: rule, field, enum, …
        what: String,
        /// The name given twice.
        name: String,
        /// How to fix it: where names must be unique, or how to extend instead.
        help: String,
        /// The second definition.
        #[label("{}", t!("check-duplicate-span"))]
        span: SourceSpan,
        /// The first definition, when in the same file.
        #[label("{}", t!("check-duplicate-first"))]
        first: Option<SourceSpan>,
        /// The first definition when it is in another file: that file's index and the span,
        /// shown as a related diagnostic in that file.
        first_elsewhere: Option<(usize, SourceSpan)>,
    },

    /// The first definition of a name defined again in another file (shown beside
    /// [`CheckError::Duplicate`], never alone)
    #[error("{}", t!("check-first-definition", name = quote(.name).to_string()))]
    #[diagnostic(code(check::first_definition), severity(Advice))]
    FirstDefinition {
        /// The name given twice.
        name: String,
        /// The first definition.
        #[label("{}", t!("check-first-definition-span"))]
        span: SourceSpan,
    },

    /// `extend enum cty { … }` where no file declares `cty`
    #[error("{}", t!("check-unknown-extension", what = noun(.what), name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_extension), help("{help}"))]
    UnknownExtension {
        /// `enum` or `entity`.
        what: String,
        /// The name as written.
        name: String,
        /// Did-you-mean, or how to declare it instead.
        help: String,
        /// The name.
        #[label("{}", t!("check-unknown-extension-span", what = noun(.what)))]
        span: SourceSpan,
    },

    /// `extend entity enterprise { trials: [clinical_trial] }`: facts written for the other
    /// policies do not give `trials`, and would be refused
    #[error("{}", t!("check-required-extension", field = .field, kind = .kind))]
    #[diagnostic(
        code(check::required_extension),
        severity(Warning),
        help("{}", t!("check-required-extension-help", kind = .kind, field = .field, ty = .ty))
    )]
    RequiredExtension {
        /// The kind extended.
        kind: String,
        /// The field added.
        field: String,
        /// Its type as written.
        ty: String,
        /// The field.
        #[label("{}", t!("check-required-extension-span"))]
        span: SourceSpan,
    },

    /// `clinical_cpa(phase)` where the schedule is `clinical_cap`
    #[error("{}", t!("check-unknown-schedule", name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_schedule), help("{help}"))]
    UnknownSchedule {
        /// The name as written.
        name: String,
        /// Did-you-mean, or how to define one.
        help: String,
        /// The name.
        #[label("{}", t!("check-unknown-schedule-span"))]
        span: SourceSpan,
    },

    /// `clinical_cap(phase, rd_cost)` where `clinical_cap` takes one argument
    #[error("{}", t!("check-schedule-arity", name = .name, expected = .expected, found = .found))]
    #[diagnostic(code(check::schedule_arity), help("{}", t!("check-schedule-arity-help", signature = .signature)))]
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
        #[label("{}", t!("check-schedule-arity-span", found = .found))]
        span: SourceSpan,
    },

    /// `city_cap(II)` where `city_cap` is a `value`
    #[error("{}", t!("check-value-called", name = .name))]
    #[diagnostic(code(check::value_called), help("{}", t!("check-value-called-help", name = .name)))]
    ValueCalled {
        /// The value.
        name: String,
        /// The call.
        #[label("{}", t!("check-value-called-span"))]
        span: SourceSpan,
    },

    /// `value cap = rd_cost max 100万`: a value or schedule reads a fact
    #[error("{}", t!("check-schedule-reads-facts", name = quote(.name).to_string(), schedule = .schedule))]
    #[diagnostic(code(check::schedule_reads_facts), help("{help}"))]
    ReadsFacts {
        /// The name read.
        name: String,
        /// The value or schedule.
        schedule: String,
        /// How to pass the fact in instead.
        help: String,
        /// The name.
        #[label("{}", t!("check-schedule-reads-facts-span"))]
        span: SourceSpan,
    },

    /// `value v9 = v8 + 1` where `v8` uses `v7`, … nine deep
    #[error("{}", t!("check-schedule-nesting", name = quote(.name).to_string(), limit = *.limit))]
    #[diagnostic(
        code(check::schedule_nesting),
        help("{}", t!("check-schedule-nesting-help"))
    )]
    TooNested {
        /// The value or schedule.
        name: String,
        /// The deepest nesting allowed.
        limit: usize,
        /// Its name.
        #[label("{}", t!("check-schedule-nesting-span"))]
        span: SourceSpan,
    },

    /// `city_cap` where two policies define a value `city_cap`, or a name that is both a field
    /// and a value
    #[error("{}", t!("check-ambiguous-name", name = quote(.name).to_string()))]
    #[diagnostic(code(check::ambiguous_name), help("{help}"))]
    Ambiguous {
        /// The name as written.
        name: String,
        /// The qualified names to choose from.
        help: String,
        /// The name.
        #[label("{}", t!("check-ambiguous-name-span"))]
        span: SourceSpan,
    },

    /// `tiers x { [1亿, 5亿] => …, [5亿, ..) => … }`: both contain 5亿
    #[error("{}", t!("check-tier-overlap", at = .at))]
    #[diagnostic(
        code(check::tier_overlap),
        severity(Warning),
        help("{}", t!("check-tier-overlap-help", at = .at))
    )]
    TierOverlap {
        /// The value both tiers contain.
        at: String,
        /// The later tier.
        #[label("{}", t!("check-tier-overlap-span"))]
        span: SourceSpan,
        /// The earlier tier it overlaps.
        #[label("{}", t!("check-tier-overlap-other"))]
        other: SourceSpan,
    },

    /// `tiers x { [0, 1亿) => …, (1亿, ..) => … }`: nothing covers 1亿
    #[error("{}", t!("check-tier-gap", gap = .gap))]
    #[diagnostic(
        code(check::tier_gap),
        severity(Warning),
        help("{}", t!("check-tier-gap-help", gap = .gap))
    )]
    TierGap {
        /// The values no tier covers.
        gap: String,
        /// The tier before the gap.
        #[label("{}", t!("check-tier-gap-span"))]
        span: SourceSpan,
        /// The tier after it.
        #[label("{}", t!("check-tier-gap-next"))]
        next: SourceSpan,
    },

    /// `[5亿, 1亿]`
    #[error("{}", t!("check-empty-tier", interval = .interval))]
    #[diagnostic(code(check::empty_tier), help("{}", t!("check-empty-tier-help")))]
    EmptyTier {
        /// The tier as written.
        interval: String,
        /// The tier.
        #[label("{}", t!("check-empty-tier-span"))]
        span: SourceSpan,
    },

    /// `by phase { I => 100万, II => 200万 }` where `phase` also has `III`: a drug in phase III
    /// would find no amount, and the rule would silently not apply.
    #[error("{}", t!("check-missing-variants", missing = .missing, enum_name = .enum_name))]
    #[diagnostic(code(check::missing_variants), help("{help}"))]
    MissingVariants {
        /// The values no arm names, as a phrase: "`III`" or "`II` and `III`".
        missing: String,
        /// The enum the table is over.
        enum_name: String,
        /// The arms to add, or `_ => …`.
        help: String,
        /// The table.
        #[label("{}", t!("check-missing-variants-span", missing = .missing))]
        span: SourceSpan,
    },

    /// `acknowledge tier_overlpa "…"`
    #[error("{}", t!("check-unknown-warning", name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_warning), help("{help}"))]
    UnknownWarning {
        /// The name as written.
        name: String,
        /// Did-you-mean, or the warnings a rule, pool or stack can have.
        help: String,
        /// The name.
        #[label("{}", t!("check-unknown-warning-span"))]
        span: SourceSpan,
    },

    /// `acknowledge tier_gap "…"` in a rule whose tiers leave no gap (any more).
    #[error("{}", t!("check-acknowledged-absent", item = .item, warning = .warning))]
    #[diagnostic(code(check::acknowledged_absent), severity(Warning), help("{help}"))]
    AcknowledgedAbsent {
        /// The warning named.
        warning: String,
        /// The rule, pool or stack, as a phrase: "rule `WX-11a`".
        item: String,
        /// Remove the line, or the warnings the item does have.
        help: String,
        /// The `acknowledge` clause.
        #[label("{}", t!("check-acknowledged-absent-span"))]
        span: SourceSpan,
    },

    /// `steps n { 5 => 50万, 3 => 30万 }`
    #[error("{}", t!("check-steps-order"))]
    #[diagnostic(code(check::steps_order), help("{}", t!("check-steps-order-help")))]
    StepsOrder {
        /// The threshold out of order.
        #[label("{}", t!("check-steps-order-span"))]
        span: SourceSpan,
    },

    /// A rule in a file with no `policy { … }` header
    #[error("{}", t!("check-no-policy", rule = quote(.rule).to_string()))]
    #[diagnostic(
        code(check::no_policy),
        help("{}", t!("check-no-policy-help"))
    )]
    NoPolicy {
        /// The rule's id.
        rule: String,
        /// The rule.
        #[label("{}", t!("check-no-policy-span"))]
        span: SourceSpan,
    },

    /// Two `policy` headers in one file
    #[error("{}", t!("check-second-policy"))]
    #[diagnostic(code(check::second_policy), help("{}", t!("check-second-policy-help")))]
    SecondPolicy {
        /// The second header.
        #[label("{}", t!("check-second-policy-span"))]
        span: SourceSpan,
    },

    /// `expires 2020-01-01` before `effective 2021-01-01`
    #[error("{}", t!("check-policy-dates", policy = .policy, expires = .expires, effective = .effective))]
    #[diagnostic(code(check::policy_dates), help("{}", t!("check-policy-dates-help")))]
    PolicyDates {
        /// The policy's id.
        policy: String,
        /// Its first day in force.
        effective: String,
        /// Its last day in force.
        expires: String,
        /// The `expires` date.
        #[label("{}", t!("check-policy-dates-span"))]
        span: SourceSpan,
    },

    /// `effective 30 days after issue` with no `issued` date
    #[error("{}", t!("check-no-issue-date", policy = .policy))]
    #[diagnostic(code(check::no_issue_date), help("{}", t!("check-no-issue-date-help")))]
    NoIssueDate {
        /// The policy's id.
        policy: String,
        /// The `effective` clause.
        #[label("{}", t!("check-no-issue-date-span"))]
        span: SourceSpan,
    },

    /// `enterprise.x` used in a rule for an entity that `enterprise` does not contain
    #[error("{}", t!("check-bad-path", name = quote(.name).to_string(), entity = .entity))]
    #[diagnostic(code(check::bad_path), help("{help}"))]
    BadPath {
        /// The owner named in the path.
        name: String,
        /// The rule's entity kind.
        entity: String,
        /// The kinds that do contain it.
        help: String,
        /// The owner's name in the path.
        #[label("{}", t!("check-bad-path-span"))]
        span: SourceSpan,
    },

    /// Entity `drug` listed in both `enterprise.drugs` and `fund.drugs`
    #[error("{}", t!("check-two-parents", kind = .kind, first = .first, second = .second))]
    #[diagnostic(
        code(check::two_parents),
        help("{}", t!("check-two-parents-help"))
    )]
    TwoParents {
        /// The child kind.
        kind: String,
        /// The first owner.
        first: String,
        /// The second owner.
        second: String,
        /// The second owner's list type, `[drug]`.
        #[label("{}", t!("check-two-parents-span"))]
        span: SourceSpan,
    },

    /// `entity as_of { … }`
    #[error("{}", t!("check-reserved", name = quote(.name).to_string()))]
    #[diagnostic(code(check::reserved), help("{}", t!("check-reserved-help", name = .name)))]
    Reserved {
        /// The reserved name.
        name: String,
        /// The name.
        #[label("{}", t!("check-reserved-span"))]
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
    #[error("{}", t!("check-entity-cycle", kinds = .kinds))]
    #[diagnostic(
        code(check::entity_cycle),
        severity(Warning),
        help("{}", t!("check-entity-cycle-help"))
    )]
    EntityCycle {
        /// The kinds in the cycle, as a phrase: "`a` and `b`".
        kinds: String,
        /// The first of them declared.
        #[label("{}", t!("check-entity-cycle-span"))]
        span: SourceSpan,
    },

    /// `expect WX-16b for …` in a file of tests (no policy of its own) when no rule loaded has
    /// that id, or rules of two policies have it.
    #[error("{}", t!("check-unknown-rule-test-rule", name = quote(.name).to_string(), found = .found))]
    #[diagnostic(code(check::unknown_rule), help("{help}"))]
    TestRule {
        /// The rule id as written.
        name: String,
        /// What was found instead, e.g. "names no rule among the 101 rules loaded".
        found: String,
        /// Did-you-mean, how to qualify the id, or how to load the rules.
        help: String,
        /// The rule id.
        #[label("{}", t!("check-unknown-rule-test-rule-span"))]
        span: SourceSpan,
    },

    /// `drugs` (a list) used as a value
    #[error("{}", t!("check-list-value", name = quote(.name).to_string(), kind = .kind))]
    #[diagnostic(code(check::list_value), help("{}", t!("check-list-value-help", kind = .kind)))]
    ListValue {
        /// The list field.
        name: String,
        /// The kind it lists.
        kind: String,
        /// The field.
        #[label("{}", t!("check-list-value-span"))]
        span: SourceSpan,
    },

    /// `sum(rd_cost)` where `rd_cost` is money, not a list of records
    #[error("{}", t!("check-not-a-list", name = quote(.name).to_string()))]
    #[diagnostic(code(check::not_a_list), help("{help}"))]
    NotAList {
        /// The field as written.
        name: String,
        /// What it is.
        found: String,
        /// The list fields there are.
        help: String,
        /// The field.
        #[label("{}", t!("check-not-a-list-span", found = .found))]
        span: SourceSpan,
    },

    /// `sum(trials)`, `count(trials.rd_cost)`, `all(trials)`
    #[error("{}", t!("check-aggregate-form", op = .op, problem = .problem))]
    #[diagnostic(code(check::aggregate_form), help("{help}"))]
    AggregateForm {
        /// The aggregate's name.
        op: String,
        /// What is wrong with it.
        problem: String,
        /// How it is written.
        help: String,
        /// The aggregate.
        #[label("{}", t!("check-aggregate-form-span"))]
        span: SourceSpan,
    },

    /// `(a + b) default 0`: only a fact can be absent
    #[error("{}", t!("check-default-not-fact"))]
    #[diagnostic(
        code(check::default_not_fact),
        help("{}", t!("check-default-not-fact-help"))
    )]
    DefaultNotFact {
        /// What precedes `default`.
        #[label("{}", t!("check-default-not-fact-span"))]
        span: SourceSpan,
    },

    /// `passed: bool default false`: a required fact is never absent
    #[error("{}", t!("check-default-required", name = quote(.name).to_string()))]
    #[diagnostic(code(check::default_required), help("{}", t!("check-default-required-help", name = quote(.name).to_string())))]
    DefaultRequired {
        /// The field.
        name: String,
        /// The default.
        #[label("{}", t!("check-default-required-span"))]
        span: SourceSpan,
    },
}

/// Errors about how often a rule pays and when: the language has no silent default.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum TimingError {
    /// `rule R for e { reward 1万 }` with no `once`, `yearly` or `every_event`
    #[error("{}", t!("check-no-frequency", rule = .rule))]
    #[diagnostic(
        code(check::no_frequency),
        help("{}", t!("check-no-frequency-help"))
    )]
    NoFrequency {
        /// The rule.
        rule: String,
        /// The rule's id.
        #[label("{}", t!("check-no-frequency-span"))]
        span: SourceSpan,
    },

    /// `rule R for e { once reward 1万 }` with no `on`
    #[error("{}", t!("check-no-event-date", rule = .rule))]
    #[diagnostic(
        code(check::no_event_date),
        help("{}", t!("check-no-event-date-help"))
    )]
    NoEventDate {
        /// The rule.
        rule: String,
        /// The rule's id.
        #[label("{}", t!("check-no-event-date-span"))]
        span: SourceSpan,
    },

    /// `once per variety within device` in a rule for drugs
    #[error("{}", t!("check-not-an-owner", name = .name, kind = .kind))]
    #[diagnostic(code(check::not_an_owner), help("{}", t!("check-not-an-owner-help", kind = .kind, owners = .owners)))]
    NotAnOwner {
        /// The kind as written.
        name: String,
        /// The rule's entity kind.
        kind: String,
        /// The kinds that would do.
        owners: String,
        /// The name.
        #[label("{}", t!("check-not-an-owner-span", kind = .kind))]
        span: SourceSpan,
    },
}

/// Errors about pools, stacks and splits.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum GroupError {
    /// `members CZ-03-1x` where no such rule exists
    #[error("{}", t!("check-unknown-rule", name = quote(.name).to_string(), policy = .policy))]
    #[diagnostic(code(check::unknown_rule), help("{help}"))]
    UnknownRule {
        /// The rule id as written.
        name: String,
        /// The policy searched.
        policy: String,
        /// Did-you-mean, or the policy's rules.
        help: String,
        /// The member.
        #[label("{}", t!("check-unknown-rule-span"))]
        span: SourceSpan,
    },

    /// `expect A for e.E1: 10万 payer ctiy 6万` where rule `A` splits between `city` and `district`
    #[error("{}", t!("check-unknown-payer", rule = .rule, payer = .payer))]
    #[diagnostic(code(check::unknown_payer), help("{help}"))]
    UnknownPayer {
        /// The payer as written.
        payer: String,
        /// The rule expected to pay.
        rule: String,
        /// Did-you-mean, the rule's payers, or that it has no `split`.
        help: String,
        /// The payer.
        #[label("{}", t!("check-unknown-payer-span"))]
        span: SourceSpan,
    },

    /// `members policy wuxii`
    #[error("{}", t!("check-unknown-policy", name = quote(.name).to_string()))]
    #[diagnostic(code(check::unknown_policy), help("{help}"))]
    UnknownPolicy {
        /// The policy id as written.
        name: String,
        /// Did-you-mean, or the policies loaded.
        help: String,
        /// The member.
        #[label("{}", t!("check-unknown-policy-span"))]
        span: SourceSpan,
    },

    /// `cap 300万 per drug per year` over a rule `for enterprise`
    #[error("{}", t!("check-group-scope", what = noun(.what), group = .group, scope = .scope, rule = quote(.rule).to_string(), kind = .kind))]
    #[diagnostic(
        code(check::group_scope),
        help("{}", t!("check-group-scope-help", root = .root, rule = .rule, what = noun(.what)))
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
        #[label("{}", t!("check-group-scope-span", scope = .scope))]
        span: SourceSpan,
    },

    /// `stack S { members A, B }` where A is for `drug` and B for `device`
    #[error("{}", t!("check-stack-kinds", group = .group, first = .first, second = .second))]
    #[diagnostic(code(check::stack_kinds), help("{}", t!("check-stack-kinds-help")))]
    StackKinds {
        /// The stack's id.
        group: String,
        /// One member's entity kind.
        first: String,
        /// Another member's, different.
        second: String,
        /// The members.
        #[label("{}", t!("check-stack-kinds-span"))]
        span: SourceSpan,
    },

    /// A pool without `cap`, or a pool or stack without `members`
    #[error("{}", t!("check-missing-clause", what = noun(.what), group = .group, clause = .clause))]
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
        #[label("{}", t!("check-missing-clause-span"))]
        span: SourceSpan,
    },

    /// `per drug over 3 years` in a stack
    #[error("{}", t!("check-stack-period"))]
    #[diagnostic(
        code(check::stack_period),
        help("{}", t!("check-stack-period-help"))
    )]
    StackPeriod {
        /// The period.
        #[label("{}", t!("check-stack-period-span"))]
        span: SourceSpan,
    },

    /// `members grants issuer "苏州市"` in a stack
    #[error("{}", t!("check-grants-in-stack"))]
    #[diagnostic(
        code(check::grants_in_stack),
        help("{}", t!("check-grants-in-stack-help"))
    )]
    GrantsInStack {
        /// The member.
        #[label("{}", t!("check-grants-in-stack-span"))]
        span: SourceSpan,
    },

    /// `limit 0 per enterprise in total …`
    #[error("{}", t!("check-zero-limit"))]
    #[diagnostic(
        code(check::zero_limit),
        help("{}", t!("check-zero-limit-help"))
    )]
    ZeroLimit {
        /// The limit.
        #[label("{}", t!("check-zero-limit-span"))]
        span: SourceSpan,
    },

    /// `over 0 years`
    #[error("{}", t!("check-empty-period"))]
    #[diagnostic(
        code(check::empty_period),
        help("{}", t!("check-empty-period-help"))
    )]
    EmptyPeriod {
        /// The period.
        #[label("{}", t!("check-empty-period-span"))]
        span: SourceSpan,
    },

    /// `split city 60%, district 30%`
    #[error("{}", t!("check-split-shares", total = .total))]
    #[diagnostic(
        code(check::split_shares),
        help("{}", t!("check-split-shares-help"))
    )]
    Shares {
        /// The shares' sum.
        total: String,
        /// The `split` clause.
        #[label("{}", t!("check-split-shares-span"))]
        span: SourceSpan,
    },

    /// `per_year_cap rd_cost`
    #[error("{}", t!("check-cap-not-fixed"))]
    #[diagnostic(code(check::cap_not_fixed), help("{}", t!("check-cap-not-fixed-help")))]
    NotFixed {
        /// The cap.
        #[label("{}", t!("check-cap-not-fixed-span"))]
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
