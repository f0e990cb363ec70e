//! What the checker says when an amendment does not fit the policy it amends.

use crate::diagnostic::quote;
use crate::t;
use chrono::NaiveDate;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An amendment that does not fit the policy it amends.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum AmendmentError {
    /// `amendment a of changzou_2023` where the policy is `changzhou_2023`
    #[error("{}", t!("check-amendment-policy", amendment = .amendment, policy = quote(.policy).to_string()))]
    #[diagnostic(code(check::amendment_policy), help("{help}"))]
    UnknownPolicy {
        /// The amendment's id.
        amendment: String,
        /// The policy as written.
        policy: String,
        /// Did-you-mean, or the policies loaded.
        help: String,
        /// The policy's name.
        #[label("{}", t!("check-amendment-policy-span"))]
        span: SourceSpan,
    },

    /// `change CZ-5 { … }` where the policy has `CZ-05`
    #[error("{}", t!("check-amendment-rule", policy = .policy, rule = quote(.rule).to_string(), verb = .verb))]
    #[diagnostic(code(check::amendment_rule), help("{help}"))]
    UnknownRule {
        /// The rule as written.
        rule: String,
        /// The policy amended.
        policy: String,
        /// `change` or `repeal`.
        verb: String,
        /// Did-you-mean, or the policy's rules.
        help: String,
        /// The rule id.
        #[label("{}", t!("check-amendment-rule-span", policy = .policy))]
        span: SourceSpan,
    },

    /// `change CZ-05 { yearly }`: a clause no version may replace
    #[error("{}", t!("check-amendment-clause-clause", clause = .clause, rule = .rule))]
    #[diagnostic(code(check::amendment_clause), help("{help}"))]
    Clause {
        /// The clause kind.
        clause: String,
        /// The rule changed.
        rule: String,
        /// Why, and what to write instead.
        help: String,
        /// The clause.
        #[label("{}", t!("check-amendment-clause-clause-span"))]
        span: SourceSpan,
    },

    /// `change CZ-05 { cap 1000万 per enterprise per year }`: a pool's clause
    #[error("{}", t!("check-amendment-clause", clause = .clause, rule = .rule))]
    #[diagnostic(
        code(check::amendment_clause),
        help("{}", t!("check-amendment-clause-help", clause = .clause))
    )]
    NotARuleClause {
        /// The clause's keyword.
        clause: String,
        /// The rule changed.
        rule: String,
        /// The clause.
        #[label("{}", t!("check-amendment-clause-span"))]
        span: SourceSpan,
    },

    /// `effective 2022-01-01` for a policy in force from 2023-12-01
    #[error("{}", t!("check-amendment-before-policy", amendment = .amendment, effective = .effective.to_string(), policy = .policy, policy_effective = .policy_effective.to_string()))]
    #[diagnostic(
        code(check::amendment_before_policy),
        help("{}", t!("check-amendment-before-policy-help", policy_effective = .policy_effective.to_string()))
    )]
    BeforePolicy {
        /// The amendment's id.
        amendment: String,
        /// Its effective date.
        effective: NaiveDate,
        /// The policy amended.
        policy: String,
        /// The policy's own effective date.
        policy_effective: NaiveDate,
        /// The amendment's date.
        #[label("{}", t!("check-amendment-before-policy-span"))]
        span: SourceSpan,
    },

    /// `rule CZ-05 for enterprise { … }` in an amendment of a policy that has `CZ-05`
    #[error("{}", t!("check-amendment-rule-exists", policy = .policy, rule = quote(.rule).to_string()))]
    #[diagnostic(
        code(check::amendment_rule_exists),
        help("{}", t!("check-amendment-rule-exists-help", rule = .rule))
    )]
    RuleExists {
        /// The id given twice.
        rule: String,
        /// The policy amended.
        policy: String,
        /// The new rule.
        #[label("{}", t!("check-amendment-rule-exists-span"))]
        span: SourceSpan,
        /// The rule already there, when in the same file.
        #[label("{}", t!("check-amendment-rule-exists-first"))]
        first: Option<SourceSpan>,
    },

    /// Two amendments effective the same day both changing `CZ-05`
    #[error("{}", t!("check-amendment-same-date", first_amendment = .first_amendment, amendment = .amendment, rule = .rule, effective = .effective.to_string()))]
    #[diagnostic(
        code(check::amendment_same_date),
        help("{}", t!("check-amendment-same-date-help"))
    )]
    SameDate {
        /// The rule changed twice.
        rule: String,
        /// The amendment listed first.
        first_amendment: String,
        /// The one listed second.
        amendment: String,
        /// The shared date.
        effective: NaiveDate,
        /// The second change.
        #[label("{}", t!("check-amendment-same-date-span"))]
        span: SourceSpan,
        /// The first change, when in the same file.
        #[label("{}", t!("check-amendment-same-date-first"))]
        first: Option<SourceSpan>,
    },

    /// An amendment with neither `effective` nor `issued`
    #[error("{}", t!("check-amendment-date", amendment = .amendment))]
    #[diagnostic(
        code(check::amendment_date),
        help("{}", t!("check-amendment-date-help"))
    )]
    NoDate {
        /// The amendment's id.
        amendment: String,
        /// The amendment's name.
        #[label("{}", t!("check-amendment-date-span"))]
        span: SourceSpan,
    },

    /// `change CZ-07 { … }` after an amendment repealed `CZ-07`
    #[error("{}", t!("check-amendment-repealed", rule = .rule, repealed_by = .repealed_by, effective = .effective.to_string()))]
    #[diagnostic(
        code(check::amendment_repealed),
        help("{}", t!("check-amendment-repealed-help"))
    )]
    Repealed {
        /// The rule.
        rule: String,
        /// The amendment that repealed it.
        repealed_by: String,
        /// From when.
        effective: NaiveDate,
        /// The later change.
        #[label("{}", t!("check-amendment-repealed-span"))]
        span: SourceSpan,
    },

    /// `change JN-01-year { members JN-01 }`: a pool clause other than its money cap
    #[error("{}", t!("check-amendment-pool-clause", clause = .clause, pool = .pool))]
    #[diagnostic(code(check::amendment_clause), help("{}", t!("check-amendment-pool-clause-help")))]
    PoolClause {
        /// The clause's keyword.
        clause: String,
        /// The pool changed.
        pool: String,
        /// The clause.
        #[label("{}", t!("check-amendment-pool-clause-span"))]
        span: SourceSpan,
    },

    /// `change JN-01-year { cap 1.2亿 per drug per year }` for a pool `per enterprise per year`
    #[error("{}", t!("check-amendment-cap-scope", pool = .pool, written = .written, was = .was))]
    #[diagnostic(code(check::amendment_cap), help("{}", t!("check-amendment-cap-scope-help", was = .was)))]
    CapScope {
        /// The pool changed.
        pool: String,
        /// The `per … …` written in the amendment.
        written: String,
        /// The pool's own.
        was: String,
        /// The cap clause.
        #[label("{}", t!("check-amendment-cap-scope-span"))]
        span: SourceSpan,
    },

    /// `change JN-09 { per_year_cap 600万 }` for a rule with no `per_year_cap`
    #[error("{}", t!("check-amendment-no-cap", pool = .pool))]
    #[diagnostic(code(check::amendment_cap), help("{}", t!("check-amendment-no-cap-help")))]
    NoCap {
        /// The pool (or `<rule>.per_year_cap`).
        pool: String,
        /// The cap clause.
        #[label("{}", t!("check-amendment-no-cap-span"))]
        span: SourceSpan,
    },

    /// `expires 2018-12-31` in an amendment of a policy in force from 2019-12-11
    #[error("{}", t!("check-amendment-expires", amendment = .amendment, policy = .policy, expires = .expires.to_string(), policy_effective = .policy_effective.to_string()))]
    #[diagnostic(code(check::amendment_expires), help("{}", t!("check-amendment-expires-help")))]
    ExpiresBeforePolicy {
        /// The amendment's id.
        amendment: String,
        /// The expiry it sets.
        expires: NaiveDate,
        /// The policy amended.
        policy: String,
        /// The policy's own effective date.
        policy_effective: NaiveDate,
        /// The `expires` clause.
        #[label("{}", t!("check-amendment-before-policy-span"))]
        span: SourceSpan,
    },
}
