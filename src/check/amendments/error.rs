//! What the checker says when an amendment does not fit the policy it amends.

use crate::diagnostic::quote;
use chrono::NaiveDate;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An amendment that does not fit the policy it amends.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum AmendmentError {
    /// `amendment a of changzou_2023` where the policy is `changzhou_2023`
    #[error("amendment `{amendment}` amends unknown policy `{}`", quote(.policy))]
    #[diagnostic(code(check::amendment_policy), help("{help}"))]
    UnknownPolicy {
        /// The amendment's id.
        amendment: String,
        /// The policy as written.
        policy: String,
        /// Did-you-mean, or the policies loaded.
        help: String,
        /// The policy's name.
        #[label("no policy of this id is loaded")]
        span: SourceSpan,
    },

    /// `change CZ-5 { … }` where the policy has `CZ-05`
    #[error("policy `{policy}` has no rule `{}` to {verb}", quote(.rule))]
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
        #[label("no such rule in `{policy}`")]
        span: SourceSpan,
    },

    /// `change CZ-05 { yearly }`: a clause no version may replace
    #[error("an amendment cannot change the `{clause}` of rule `{rule}`")]
    #[diagnostic(code(check::amendment_clause), help("{help}"))]
    Clause {
        /// The clause kind.
        clause: String,
        /// The rule changed.
        rule: String,
        /// Why, and what to write instead.
        help: String,
        /// The clause.
        #[label("not replaceable by an amendment")]
        span: SourceSpan,
    },

    /// `change CZ-05 { cap 1000万 per enterprise per year }`: a pool's clause
    #[error("a rule has no `{clause}` clause, so an amendment cannot change `{rule}`'s")]
    #[diagnostic(
        code(check::amendment_clause),
        help("`{clause}` belongs to a pool or stack; an amendment changes a pool's cap with `change <pool> {{ cap … }}`, and a rule's own yearly cap with `per_year_cap`")
    )]
    NotARuleClause {
        /// The clause's keyword.
        clause: String,
        /// The rule changed.
        rule: String,
        /// The clause.
        #[label("a clause of a pool or stack")]
        span: SourceSpan,
    },

    /// `effective 2022-01-01` for a policy in force from 2023-12-01
    #[error(
        "amendment `{amendment}` takes effect on {effective}, before policy `{policy}` itself ({policy_effective})"
    )]
    #[diagnostic(
        code(check::amendment_before_policy),
        help("an amendment changes the text from its date on, which is the policy's date ({policy_effective}) or later; check the date against the amending document")
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
        #[label("before the policy takes effect")]
        span: SourceSpan,
    },

    /// `rule CZ-05 for enterprise { … }` in an amendment of a policy that has `CZ-05`
    #[error("policy `{policy}` already has a rule `{}`", quote(.rule))]
    #[diagnostic(
        code(check::amendment_rule_exists),
        help("to change the existing rule write `change {rule} {{ … }}` with the clauses that change; a new provision needs an id of its own")
    )]
    RuleExists {
        /// The id given twice.
        rule: String,
        /// The policy amended.
        policy: String,
        /// The new rule.
        #[label("a new rule with an id already taken")]
        span: SourceSpan,
        /// The rule already there, when in the same file.
        #[label("first defined here")]
        first: Option<SourceSpan>,
    },

    /// Two amendments effective the same day both changing `CZ-05`
    #[error("amendments `{first_amendment}` and `{amendment}` both change rule `{rule}` from {effective}")]
    #[diagnostic(
        code(check::amendment_same_date),
        help("two versions of one rule cannot start on the same day: merge the changes into one amendment, or correct one effective date")
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
        #[label("changed again here")]
        span: SourceSpan,
        /// The first change, when in the same file.
        #[label("first changed here")]
        first: Option<SourceSpan>,
    },

    /// An amendment with neither `effective` nor `issued`
    #[error("amendment `{amendment}` gives no date")]
    #[diagnostic(
        code(check::amendment_date),
        help("add `effective YYYY-MM-DD`, or `issued YYYY-MM-DD` when it takes effect on issue")
    )]
    NoDate {
        /// The amendment's id.
        amendment: String,
        /// The amendment's name.
        #[label("from when?")]
        span: SourceSpan,
    },

    /// `change CZ-07 { … }` after an amendment repealed `CZ-07`
    #[error("rule `{rule}` is repealed by `{repealed_by}` from {effective}")]
    #[diagnostic(
        code(check::amendment_repealed),
        help("a repealed rule has no text left to change: add the new provision as a `rule` with an id of its own")
    )]
    Repealed {
        /// The rule.
        rule: String,
        /// The amendment that repealed it.
        repealed_by: String,
        /// From when.
        effective: NaiveDate,
        /// The later change.
        #[label("changes a repealed rule")]
        span: SourceSpan,
    },

    /// `change JN-01-year { members JN-01 }`: a pool clause other than its money cap
    #[error("an amendment cannot change the `{clause}` of pool `{pool}`")]
    #[diagnostic(
        code(check::amendment_clause),
        help("an amendment sets a pool's money cap from its date (`cap 1.2亿 per enterprise per year`); its members, period and count limit stay as first written, so a pool that covers other rules is a new pool")
    )]
    PoolClause {
        /// The clause's keyword.
        clause: String,
        /// The pool changed.
        pool: String,
        /// The clause.
        #[label("not changeable by an amendment")]
        span: SourceSpan,
    },

    /// `change JN-01-year { cap 1.2亿 per drug per year }` for a pool `per enterprise per year`
    #[error("the new cap of pool `{pool}` is `{written}`, but the pool's is `{was}`")]
    #[diagnostic(
        code(check::amendment_cap),
        help("an amendment changes the amount only: write `cap <amount> {was}`; whom a cap is for and the period it counts stay as first written")
    )]
    CapScope {
        /// The pool changed.
        pool: String,
        /// The `per … …` written in the amendment.
        written: String,
        /// The pool's own.
        was: String,
        /// The cap clause.
        #[label("not the pool's own `per`")]
        span: SourceSpan,
    },

    /// `change JN-09 { per_year_cap 600万 }` for a rule with no `per_year_cap`
    #[error("`{pool}` has no money cap for an amendment to change")]
    #[diagnostic(
        code(check::amendment_cap),
        help("an amendment changes a cap the policy already states: a pool's `cap …` or a rule's `per_year_cap`; a new cap is a new `pool` of the policy")
    )]
    NoCap {
        /// The pool (or `<rule>.per_year_cap`).
        pool: String,
        /// The cap clause.
        #[label("no cap here to change")]
        span: SourceSpan,
    },

    /// `expires 2018-12-31` in an amendment of a policy in force from 2019-12-11
    #[error(
        "amendment `{amendment}` ends policy `{policy}` on {expires}, before it takes effect ({policy_effective})"
    )]
    #[diagnostic(
        code(check::amendment_expires),
        help("`expires` in an amendment is the policy's new last day in force (有效期延长至…); check the date against the amending document")
    )]
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
        #[label("before the policy takes effect")]
        span: SourceSpan,
    },
}
