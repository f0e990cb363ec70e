//! What evaluation returns: awards with their traces, rules that did not apply and why,
//! and totals per top-level entity.

use super::explain::{Exclusion, Paid, Read, Reason, SplitShare, Step, Trace, Why, WhyExcluded};
use super::{Candidate, Paying};
use crate::facts::Facts;
use crate::program::{Entitlement, EntitlementKind, Program, RuleName, Share, Since};
use chrono::{Datelike, NaiveDate};
use miette::Diagnostic;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use thiserror::Error;

/// The result of evaluating a program against a fact set. `output` gives it its one public
/// form (JSON, table).
///
/// It borrows the program's names and texts (`'p`: each rule's name, the conditions and facts
/// its reasons quote) and the facts' entity paths rather than counting references to them: an
/// explained evaluation makes a dozen reasons an enterprise, and counting a reference up or
/// down is an atomic instruction. It lives no longer than the program and the facts; to keep a
/// result past them, keep its JSON.
#[derive(Clone, Debug, Default)]
pub struct Evaluation<'p> {
    /// The date evaluated on: what "already happened" and "still in force" are judged against.
    pub as_of: NaiveDate,
    /// What is paid (or may be granted), entity by entity in file order, rules in source order.
    pub awards: Vec<Award<'p>>,
    /// Every rule that did not pay an entity of its kind; [`Evaluation::why`] gives each
    /// one's reasons.
    pub not_applicable: Vec<NotApplicable<'p>>,
    /// The reasons of every entry in `not_applicable`, entry after entry, kept in one list (a
    /// list an entry, made and freed, was most of what explaining allocated).
    pub reasons: Vec<Reason<'p>>,
    /// The facts each false condition among the reasons read, with their values, reason after
    /// reason: a reason's [`Reads`](crate::eval::Reads) says where its are.
    pub reads: Vec<Read<'p>>,
    /// Awards set aside by 就高不重复, each naming the award that won.
    pub excluded: Vec<Excluded<'p>>,
    /// What each top-level entity may receive in all, in file order.
    pub totals: Vec<Total<'p>>,
    /// Findings about the facts that do not stop evaluation (a ledger row nothing counts).
    pub warnings: Vec<String>,
}

/// One rule paying one entity.
#[derive(Clone, Debug)]
pub struct Award<'p> {
    /// The rule, as results name it (the program's own name for it).
    pub rule: &'p RuleName,
    /// `enterprise.E1.drugs.D1` (the facts' entity's path).
    pub entity: &'p str,
    /// What it entitles to: owed, a ceiling, a range, or case by case.
    pub entitlement: Entitlement,
    /// The date of the rewarded event (the rule's `on`).
    pub event_date: NaiveDate,
    /// For `once per` rules, the key the award is for: what its ledger row must say in `key`.
    pub key: Option<String>,
    /// How the amount came about, step by step.
    pub trace: Trace,
    /// Who pays which part (两级财政按比例); empty when one payer pays all.
    pub shares: Vec<PayerShare>,
}

impl<'p> Award<'p> {
    /// What `entity` is paid once stacks and pools are done (or at once, when none apply):
    /// named by its rule's shared name, its payers' shares worked out (and shown as the last
    /// step). Inlined into the run that makes awards at once: one call fewer an award.
    #[inline]
    pub(super) fn new(program: &'p Program, entity: &'p str, paying: Paying) -> Self {
        let rule = program.rules.get(paying.rule);
        let policy = rule.and_then(|r| program.policies.get(r.policy));
        let entitlement = paying.award;
        let mut trace = paying.trace;
        let rounding = policy.map(|p| p.rounding).unwrap_or_default();
        let split = rule.map_or(&[][..], |r| r.text_since(paying.version).split);
        let shares = if split.is_empty() { Vec::new() } else { shares(split, &entitlement, rounding) };
        if !shares.is_empty() {
            let shares =
                shares.iter().map(|s| SplitShare { payer: s.payer.clone(), rate: s.rate, amount: s.amount }).collect();
            trace.push(Step::Split { shares });
        }
        Award {
            rule: program.rule_name_as(paying.rule, paying.version),
            entity,
            entitlement,
            event_date: paying.date,
            key: paying.key,
            trace: Trace(trace),
            shares,
        }
    }

    /// Owed, a ceiling, a range, or case by case.
    pub fn kind(&self) -> EntitlementKind {
        self.entitlement.kind()
    }

    /// What is owed, when the formula decides it (`exact` awards only).
    pub fn amount(&self) -> Option<Decimal> {
        self.entitlement.amount()
    }

    /// The least that may be paid (0 for `up_to`; unknown for case by case).
    pub fn min(&self) -> Option<Decimal> {
        self.entitlement.min()
    }

    /// The most that may be paid; `None` for an uncapped case by case.
    pub fn max(&self) -> Option<Decimal> {
        self.entitlement.max()
    }

    /// The year the award is for (its event's year): what a ledger row for it must say in
    /// `year`, whenever it is paid.
    pub fn year(&self) -> i32 {
        self.event_date.year()
    }
}

/// One payer's part of an award.
#[derive(Clone, Debug, Serialize)]
pub struct PayerShare {
    /// Who pays, e.g. `city`.
    pub payer: String,
    /// The share as a fraction; `null` when the text names the payer but not the share.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub rate: Option<Decimal>,
    /// The payer's part of the amount owed (or of the ceiling); `null` when the share is not
    /// stated or the award is case by case.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
}

/// An award set aside because a higher one pays for the same item (就高不重复), or a count
/// cap's room was taken.
#[derive(Clone, Debug)]
pub struct Excluded<'p> {
    /// The rule set aside.
    pub rule: &'p RuleName,
    /// The entity it would have paid.
    pub entity: &'p str,
    /// What it would have paid.
    pub award: Entitlement,
    /// Why: the stack or pool, as a value.
    pub why: WhyExcluded,
    /// The award (or earlier grant) paid instead; `None` when a count cap set it aside.
    pub winner: Option<Paid>,
}

impl<'p> Excluded<'p> {
    pub(super) fn new(program: &'p Program, loser: &Candidate<'p>, reason: Exclusion, winner: Option<Paid>) -> Self {
        Excluded {
            rule: program.rule_name_as(loser.rule, loser.version),
            entity: loser.entity(),
            award: loser.award.clone(),
            why: WhyExcluded(reason),
            winner,
        }
    }
}

impl<'p> Evaluation<'p> {
    /// Empties every list, keeping its room: what
    /// [`Program::evaluate_awards_into`](crate::Program::evaluate_awards_into) does before
    /// it fills them again.
    pub fn clear(&mut self) {
        self.awards.clear();
        self.not_applicable.clear();
        self.reasons.clear();
        self.reads.clear();
        self.excluded.clear();
        self.totals.clear();
        self.warnings.clear();
    }

    /// This evaluation emptied, its lists' room kept for one that borrows other facts (or
    /// another program): what a worker that refills one fact set line after line does
    /// between lines, since the results of one line borrow its facts.
    pub fn recycle<'q>(self) -> Evaluation<'q> {
        Evaluation {
            as_of: self.as_of,
            awards: recycled(self.awards),
            not_applicable: recycled(self.not_applicable),
            reasons: recycled(self.reasons),
            reads: recycled(self.reads),
            excluded: recycled(self.excluded),
            totals: recycled(self.totals),
            warnings: recycled(self.warnings),
        }
    }

    /// Why `entry` (one of this evaluation's) does not pay: every reason, most informative
    /// first, with the facts they read.
    pub fn why(&self, entry: &NotApplicable<'p>) -> Why<'_, 'p> {
        let range = entry.reasons.start as usize..entry.reasons.end as usize;
        Why(self.reasons.get(range).unwrap_or_default(), &self.reads)
    }

    /// Only what concerns `entity` (a path such as `enterprise.E1`) and what it contains:
    /// for `--explain`.
    pub fn only(&self, entity: &str) -> Evaluation<'p> {
        let prefix = format!("{entity}.");
        let mine = |path: &str| path == entity || path.starts_with(&prefix);
        let mut reasons = Vec::new();
        let not_applicable = self
            .not_applicable
            .iter()
            .filter(|n| mine(n.entity))
            .map(|n| {
                let found = reasons.len();
                reasons.extend_from_slice(self.why(n).0);
                NotApplicable { reasons: span(found, reasons.len()), ..n.clone() }
            })
            .collect();
        Evaluation {
            as_of: self.as_of,
            awards: self.awards.iter().filter(|a| mine(a.entity)).cloned().collect(),
            not_applicable,
            reasons,
            // Whole: the reasons kept name their reads where they are.
            reads: self.reads.clone(),
            excluded: self.excluded.iter().filter(|x| mine(x.entity)).cloned().collect(),
            totals: self
                .totals
                .iter()
                .filter(|t| mine(t.entity) || entity.starts_with(&format!("{}.", t.entity)))
                .cloned()
                .collect(),
            warnings: self.warnings.clone(),
        }
    }
}

/// `list` emptied, as a list of another type of the same size: the standard library collects
/// a list's `into_iter` into a list of such a type in place, its allocation kept.
fn recycled<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().filter_map(|_| None).collect()
}

/// Each payer's part of the amount (or ceiling); the last payer takes what rounding leaves,
/// so the parts always add up to the whole.
fn shares(split: &[Share], award: &Entitlement, rounding: crate::amounts::Rounding) -> Vec<PayerShare> {
    let base = award.amount().or(award.max()).filter(|_| award.kind() != EntitlementKind::CaseByCase);
    let all_given = split.iter().all(|s| s.rate.is_some());
    let mut left = base;
    let count = split.len();
    split
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let amount = match (base, s.rate, all_given) {
                (Some(_), Some(_), true) if i + 1 == count => left,
                (Some(b), Some(rate), true) => {
                    let part = rate.checked_mul(b).map(|p| crate::amounts::round(p, rounding));
                    left = left.zip(part).and_then(|(l, p)| l.checked_sub(p));
                    part
                }
                _ => None,
            };
            PayerShare { payer: s.payer.clone(), rate: s.rate, amount }
        })
        .collect()
}

/// A rule that did not pay an entity. Why is in its evaluation: [`Evaluation::why`].
#[derive(Clone, Debug)]
pub struct NotApplicable<'p> {
    /// The rule.
    pub rule: &'p RuleName,
    /// The entity not paid, e.g. `enterprise.E1.drugs.D1` (the facts' entity's path).
    pub entity: &'p str,
    /// Where its reasons are in the evaluation's: a false condition, a missing fact, an event
    /// outside the policy's window, an earlier grant.
    reasons: Range<u32>,
}

impl<'p> NotApplicable<'p> {
    /// Rule `rule` (an index into the program's rules) does not pay `entity`, for the
    /// evaluation's reasons in `reasons`.
    pub(super) fn new(
        program: &'p Program,
        rule: usize,
        entity: &'p str,
        reasons: Range<usize>,
        version: Option<Since>,
    ) -> Self {
        NotApplicable { rule: program.rule_name_as(rule, version), entity, reasons: span(reasons.start, reasons.end) }
    }
}

/// Where an entry's reasons (or a reason's reads) are, held in 32 bits an end (an entry is a
/// third smaller): an evaluation past four billion reasons would have run out of memory first.
pub(super) fn span(start: usize, end: usize) -> Range<u32> {
    let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    at(start)..at(end)
}

/// What one top-level entity (an enterprise) may receive in all.
#[derive(Clone, Debug)]
pub struct Total<'p> {
    /// The top-level entity, e.g. `enterprise.E1`; its children's awards count here (the
    /// facts' entity's path).
    pub entity: &'p str,
    /// The sum of `exact` awards: what is owed.
    pub owed: Decimal,
    /// The sum of every award's ceiling; `None` when an uncapped case-by-case award makes
    /// the total unbounded.
    pub ceiling: Option<Decimal>,
    /// How many awards are decided case by case.
    pub case_by_case: usize,
}

impl<'p> Total<'p> {
    /// Nothing yet for `entity`: owed 0, ceiling 0.
    pub fn empty(entity: &'p str) -> Total<'p> {
        Total { entity, owed: Decimal::ZERO, ceiling: Some(Decimal::ZERO), case_by_case: 0 }
    }

    /// Counts one more award in: what it owes, its ceiling, whether it is case by case.
    pub fn add(&mut self, award: &Award<'_>) -> Result<(), EvalError> {
        let overflow = || EvalError {
            rule: award.rule.id.clone(),
            entity: self.entity.to_string(),
            detail: Failed::TotalOverflow,
        };
        self.owed = self.owed.checked_add(award.amount().unwrap_or_default()).ok_or_else(overflow)?;
        self.ceiling = match (self.ceiling, award.max()) {
            (Some(sum), Some(max)) => Some(sum.checked_add(max).ok_or_else(overflow)?),
            _ => None,
        };
        self.case_by_case += usize::from(award.kind() == EntitlementKind::CaseByCase);
        Ok(())
    }
}

/// Each top-level entity's total, in one pass over the awards (an award belongs to the
/// top-level entity its path starts with).
pub(super) fn totals<'p>(awards: &[Award<'p>], facts: &'p Facts, totals: &mut Vec<Total<'p>>) -> Result<(), EvalError> {
    totals.clear();
    totals.extend(facts.roots.iter().map(|root| Total::empty(&root.path)));
    // Awards come entity by entity, so the last top-level entity is tried first; the index
    // (hashing every root) is built only when an award belongs to another one.
    let mut index: Option<HashMap<&str, usize>> = None;
    let mut last = 0;
    let within =
        |top: &str, path: &str| path.strip_prefix(top).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'));
    for award in awards {
        // A top-level entity's own award shares its path: known without comparing the text.
        let mine =
            |root: &crate::facts::Entity| std::ptr::eq(&*root.path, award.entity) || within(&root.path, award.entity);
        if facts.roots.get(last).is_none_or(|root| !mine(root)) {
            let Some(top) = super::scope_of(award.entity, 0) else { continue };
            let index =
                index.get_or_insert_with(|| facts.roots.iter().enumerate().map(|(i, r)| (&*r.path, i)).collect());
            let Some(&i) = index.get(top) else { continue };
            last = i;
        }
        if let Some(total) = totals.get_mut(last) {
            total.add(award)?;
        }
    }
    Ok(())
}

/// An evaluation that cannot finish: arithmetic that cannot be carried out exactly (the
/// facts' fault, or the rule's), or an engine bug (never the user's fault, and said so).
/// Worded in the reader's language when shown (`output::words`).
#[derive(Debug, Error, Clone, PartialEq)]
#[error("{}", crate::t!("eval-failed", rule = .rule, entity = .entity, detail = .detail.to_string()))]
pub struct EvalError {
    /// The rule being evaluated.
    pub rule: String,
    /// The entity it was evaluated for.
    pub entity: String,
    /// What failed, with the values involved.
    pub detail: Failed,
}

impl EvalError {
    /// What kind of failure.
    pub fn kind(&self) -> Failure {
        self.detail.kind()
    }
}

/// What failed, with the values involved (amounts and rates as `amounts::money` and
/// `amounts::rate` write them, the same in every language).
#[derive(Clone, Debug, PartialEq)]
pub enum Failed {
    /// `a` and `b` combined (`op`) leave the exact decimal range.
    Overflow {
        /// How they were combined.
        op: Op,
        /// The first operand, written out.
        a: String,
        /// The second operand, written out.
        b: String,
    },
    /// The total of an entity's awards leaves the exact decimal range.
    TotalOverflow,
    /// The grants a pass counts add up beyond the exact decimal range.
    GrantsOverflow,
    /// An amount divided by zero.
    DivisionByZero(String),
    /// A date shifted by a duration off the calendar.
    Calendar(NaiveDate, crate::dates::Duration),
    /// A reward below zero.
    BelowZero(String),
    /// A reward beyond the largest amount computed exactly to the fen (the second).
    TooLarge(String, String),
    /// The checker let through what evaluation cannot take: a catalogue key naming what
    /// was expected (or, `eval-internal-…`, the whole message), and the name it concerns
    /// (a fact, a list) if any.
    Internal(&'static str, String),
}

/// How two operands were combined when they overflowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `+`, `-`, `*` or `/` in a formula.
    Arithmetic,
    /// A product (a rate of an amount, a count of amounts).
    Product,
    /// A sum (an aggregate, a marginal table).
    Sum,
}

impl Failed {
    /// The kind of failure this is.
    pub fn kind(&self) -> Failure {
        match self {
            Failed::Overflow { .. } | Failed::TotalOverflow | Failed::GrantsOverflow => Failure::Overflow,
            Failed::DivisionByZero(_) => Failure::DivisionByZero,
            Failed::Calendar(..) => Failure::Calendar,
            Failed::BelowZero(_) | Failed::TooLarge(..) => Failure::Amount,
            Failed::Internal(..) => Failure::Internal,
        }
    }
}

/// The kinds of evaluation failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// A result beyond the exact decimal range (28 significant digits).
    Overflow,
    /// A division by zero.
    DivisionByZero,
    /// A date shifted off the calendar.
    Calendar,
    /// An award below zero or beyond what can be paid exactly to the fen.
    Amount,
    /// The checker let through what evaluation cannot take: a bug in policy-lang.
    Internal,
}

impl Failure {
    fn code(self) -> &'static str {
        match self {
            Failure::Overflow => "eval::overflow",
            Failure::DivisionByZero => "eval::division_by_zero",
            Failure::Calendar => "eval::calendar",
            Failure::Amount => "eval::amount",
            Failure::Internal => "eval::internal",
        }
    }

    fn help(self) -> String {
        match self {
            Failure::Overflow => crate::t!("eval-overflow-help"),
            Failure::DivisionByZero => crate::t!("eval-division-by-zero-help"),
            Failure::Calendar => crate::t!("eval-calendar-help"),
            Failure::Amount => crate::t!("eval-amount-help"),
            Failure::Internal => crate::t!("eval-internal-help"),
        }
    }
}

impl Diagnostic for EvalError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.kind().code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.kind().help()))
    }
}
