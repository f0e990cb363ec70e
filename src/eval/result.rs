//! What evaluation returns: awards with their traces, rules that did not apply and why,
//! and totals per top-level entity.

use crate::ast::Frequency;
use crate::facts::Facts;
use crate::program::{Entitlement, EntitlementKind, Program, Rule};
use chrono::NaiveDate;
use miette::Diagnostic;
use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

/// The result of evaluating a program against a fact set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    #[serde(serialize_with = "date_str")]
    pub as_of: NaiveDate,
    pub awards: Vec<Award>,
    pub not_applicable: Vec<NotApplicable>,
    pub totals: Vec<Total>,
}

fn date_str<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// One rule paying one entity.
#[derive(Clone, Debug, Serialize)]
pub struct Award {
    pub policy: String,
    pub rule: String,
    pub cite: Option<String>,
    pub title: Option<String>,
    /// `enterprise.E1.drugs.D1`
    pub entity: String,
    pub kind: EntitlementKind,
    /// What is owed, when the formula decides it (`exact` awards only).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    /// The least that may be paid (0 for `up_to`; unknown for case by case).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub min: Option<Decimal>,
    /// The most that may be paid; `null` for an uncapped case by case.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub max: Option<Decimal>,
    pub frequency: Option<Frequency>,
    #[serde(serialize_with = "date_str")]
    pub event_date: NaiveDate,
    /// How the amount came about, one step a line.
    pub trace: Vec<String>,
    #[serde(skip)]
    pub entitlement: Entitlement,
}

impl Award {
    pub(super) fn new(
        program: &Program,
        rule: &Rule,
        entity: String,
        event_date: NaiveDate,
        entitlement: Entitlement,
        trace: Vec<String>,
    ) -> Self {
        Award {
            policy: policy_id(program, rule),
            rule: rule.id.clone(),
            cite: rule.cite.clone(),
            title: rule.title.clone(),
            entity,
            kind: entitlement.kind(),
            amount: entitlement.amount(),
            min: entitlement.min(),
            max: entitlement.max(),
            frequency: rule.frequency,
            event_date,
            trace,
            entitlement,
        }
    }
}

fn policy_id(program: &Program, rule: &Rule) -> String {
    program.policies.get(rule.policy).map(|p| p.id.clone()).unwrap_or_default()
}

/// A rule that did not pay an entity, and the first reason why.
#[derive(Clone, Debug, Serialize)]
pub struct NotApplicable {
    pub policy: String,
    pub rule: String,
    pub cite: Option<String>,
    pub entity: String,
    pub reason: String,
}

impl NotApplicable {
    pub(super) fn new(program: &Program, rule: &Rule, entity: String, reason: String) -> Self {
        NotApplicable {
            policy: policy_id(program, rule),
            rule: rule.id.clone(),
            cite: rule.cite.clone(),
            entity,
            reason,
        }
    }
}

/// What one top-level entity (an enterprise) may receive in all.
#[derive(Clone, Debug, Serialize)]
pub struct Total {
    pub entity: String,
    /// The sum of `exact` awards: what is owed.
    #[serde(with = "rust_decimal::serde::str")]
    pub owed: Decimal,
    /// The sum of every award's ceiling; `null` when an uncapped case-by-case award makes
    /// the total unbounded.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub ceiling: Option<Decimal>,
    /// How many awards are decided case by case.
    pub case_by_case: usize,
}

pub(super) fn totals(awards: &[Award], facts: &Facts) -> Result<Vec<Total>, EvalError> {
    facts
        .roots
        .iter()
        .map(|root| {
            let prefix = format!("{}.", root.path);
            let mine = awards.iter().filter(|a| a.entity == *root.path || a.entity.starts_with(&prefix));
            let mut total = Total {
                entity: root.path.to_string(),
                owed: Decimal::ZERO,
                ceiling: Some(Decimal::ZERO),
                case_by_case: 0,
            };
            for award in mine {
                let overflow = || EvalError {
                    rule: award.rule.clone(),
                    entity: total.entity.clone(),
                    message: "the total of the awards overflows the exact decimal range".into(),
                };
                total.owed = total.owed.checked_add(award.amount.unwrap_or_default()).ok_or_else(overflow)?;
                total.ceiling = match (total.ceiling, award.max) {
                    (Some(sum), Some(max)) => Some(sum.checked_add(max).ok_or_else(overflow)?),
                    _ => None,
                };
                total.case_by_case += usize::from(award.kind == EntitlementKind::CaseByCase);
            }
            Ok(total)
        })
        .collect()
}

/// Arithmetic that cannot be carried out exactly: overflow, division by zero.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
#[error("rule `{rule}` on `{entity}`: {message}")]
#[diagnostic(
    code(eval::arithmetic),
    help("check the facts this rule reads; amounts must stay within 28 significant digits")
)]
pub struct EvalError {
    pub rule: String,
    pub entity: String,
    pub message: String,
}
