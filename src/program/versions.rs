//! Dated amendments in the program: a rule's later texts, and which one is in force on an
//! event's date (OpenFisca's dated parameters, for whole clauses).
//!
//! A rule keeps one index whatever its versions, so pools, stacks and the ledger count an
//! award under any version against the same rule.

use super::{Condition, Expr, Measure, PolicyId, Pool, Program, Rule, RuleName, Share};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::OnceLock;

/// An amendment, as an index into [`Program::amendments`](super::Program::amendments).
pub type AmendmentId = usize;

/// A later document that changes a policy from a date (关于调整…的通知).
#[derive(Clone, Debug)]
pub struct Amendment {
    /// The amendment's id, e.g. `changzhou_2025`.
    pub id: String,
    /// The policy it amends.
    pub policy: PolicyId,
    /// The amending document's title.
    pub title: Option<String>,
    /// Its document number, e.g. `常政规〔2025〕2号`.
    pub document: Option<String>,
    /// Its date of issue.
    pub issued: Option<NaiveDate>,
    /// The first day the amended text applies to events.
    pub effective: NaiveDate,
    /// The policy's last day in force as this amendment sets it (有效期延长至…), if it does.
    pub expires: Option<NaiveDate>,
    /// What it does, rule by rule, in source order (for `policy check`).
    pub changes: Vec<Amended>,
}

/// What an amendment does to one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amended {
    /// The rule's id.
    pub rule: String,
    /// Replaced clauses, a repeal, or a new rule.
    pub how: How,
}

/// How an amendment changes a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum How {
    /// `change`: these clause kinds (`reward`, `when`, …) are replaced.
    Replaced(Vec<String>),
    /// `repeal`: not applicable to events from the date.
    Repealed,
    /// A new rule, in force from the date.
    Added,
    /// A pool's money cap (or a rule's `per_year_cap`) becomes this amount from the date.
    Cap(Decimal),
}

/// A pool's cap from an amendment on (单个企业每年最高1亿元 调整为1.2亿元).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapVersion {
    /// Which amendment, from when.
    pub since: Since,
    /// The cap from then.
    pub cap: Decimal,
}

/// The amendment a version comes from, and the first day it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Since {
    /// Index into [`Program::amendments`](super::Program::amendments).
    pub amendment: AmendmentId,
    /// The amendment's effective date.
    pub effective: NaiveDate,
}

/// A rule's text from an amendment on; `None` when the amendment repeals it.
#[derive(Clone, Debug)]
pub struct Version {
    /// Which amendment, from when.
    pub since: Since,
    /// The whole text in force from then (clauses not changed are carried over), or `None`
    /// for a repeal.
    pub text: Option<Text>,
}

/// The clauses of a rule an amendment may replace.
#[derive(Clone, Debug)]
pub struct Text {
    /// The clause it encodes.
    pub cite: Option<String>,
    /// A one-line summary.
    pub title: Option<String>,
    /// The responsible department.
    pub dept: Option<String>,
    /// The policy's `scope` conditions, then the rule's `when`s.
    pub conditions: Vec<Condition>,
    /// What is paid.
    pub reward: Expr,
    /// Who pays which share.
    pub split: Vec<Share>,
}

/// The text of a rule in force on a date, borrowed from the rule or one of its versions.
#[derive(Clone, Copy, Debug)]
pub struct TextRef<'a> {
    /// The clause it encodes.
    pub cite: Option<&'a String>,
    /// A one-line summary.
    pub title: Option<&'a String>,
    /// The policy's `scope` conditions, then the rule's `when`s.
    pub conditions: &'a [Condition],
    /// What is paid.
    pub reward: &'a Expr,
    /// Who pays which share.
    pub split: &'a [Share],
}

impl<'a> From<&'a Text> for TextRef<'a> {
    fn from(t: &'a Text) -> Self {
        TextRef {
            cite: t.cite.as_ref(),
            title: t.title.as_ref(),
            conditions: &t.conditions,
            reward: &t.reward,
            split: &t.split,
        }
    }
}

/// What a rule says on a date.
#[derive(Clone, Copy, Debug)]
pub enum InForce<'a> {
    /// This text applies; `since` is the amendment it comes from (`None`: the original).
    Text(Option<Since>, TextRef<'a>),
    /// Repealed from this amendment's date.
    Repealed(Since),
    /// Added by this amendment, and not yet in force.
    NotYet(Since),
}

impl Rule {
    /// The rule's text as first written (or as its amendment added it).
    pub fn original(&self) -> TextRef<'_> {
        TextRef {
            cite: self.cite.as_ref(),
            title: self.title.as_ref(),
            conditions: &self.conditions,
            reward: &self.reward,
            split: &self.split,
        }
    }

    /// What the rule says on `date`: the last version effective on or before it (versions
    /// are kept in effective-date order), else the original.
    #[inline]
    pub fn in_force(&self, date: NaiveDate) -> InForce<'_> {
        if let Some(added) = self.added.filter(|a| date < a.effective) {
            return InForce::NotYet(added);
        }
        let latest = self.versions.iter().rev().find(|v| v.since.effective <= date);
        match latest {
            None => InForce::Text(self.added, self.original()),
            Some(Version { since, text: Some(text) }) => InForce::Text(Some(*since), text.into()),
            Some(Version { since, text: None }) => InForce::Repealed(*since),
        }
    }

    /// The text a version `since` gives (the original for `None`, or for the amendment that
    /// added the rule).
    #[inline]
    pub fn text_since(&self, since: Option<Since>) -> TextRef<'_> {
        let version = self.versions.iter().rev().find(|v| Some(v.since) == since);
        version.and_then(|v| v.text.as_ref()).map_or_else(|| self.original(), TextRef::from)
    }

    /// Every text the rule has had: the original, then each version's.
    pub fn texts(&self) -> impl Iterator<Item = TextRef<'_>> {
        std::iter::once(self.original()).chain(self.versions.iter().filter_map(|v| v.text.as_ref().map(TextRef::from)))
    }
}

impl Pool {
    /// The pool's measure for an event on `date`: the last cap an amendment set on or before
    /// it (and the amendment), else the pool's own. Every version counts the same awards, so
    /// raising a cap mid-year leaves room for what was paid before under the lower one.
    pub fn measure_on(&self, date: NaiveDate) -> (Measure, Option<Since>) {
        match self.versions.iter().rev().find(|v| v.since.effective <= date) {
            Some(v) => (Measure::Money(v.cap), Some(v.since)),
            None => (self.measure, None),
        }
    }
}

/// The amended text that judged an event, as results name it: the amending document and the
/// date it applies from. Absent where the original text did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VersionRef {
    /// The amendment's id, e.g. `changzhou_2025`.
    pub amendment: String,
    /// Its document number, e.g. `常政规〔2025〕2号`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The first day it applies to events.
    pub effective: NaiveDate,
}

/// Each amended version's [`RuleName`], by rule and amendment, made on first use.
pub(crate) type VersionNames = OnceLock<HashMap<(usize, AmendmentId), RuleName>>;

impl Program {
    /// The last day policy `policy` is in force: the expiry the latest amendment of it sets
    /// (有效期延长至…), else its own. An extension covers events before its own date too, so
    /// a notice issued after the old expiry leaves no gap.
    pub fn expires(&self, policy: PolicyId) -> Option<NaiveDate> {
        let amended = self.amendments.iter().rev().filter(|a| a.policy == policy).find_map(|a| a.expires);
        amended.or_else(|| self.policies.get(policy).and_then(|p| p.expires))
    }

    /// The version `since` names, as results show it.
    pub fn version_ref(&self, since: Since) -> VersionRef {
        let amendment = self.amendments.get(since.amendment);
        VersionRef {
            amendment: amendment.map_or(String::new(), |a| a.id.clone()),
            document: amendment.and_then(|a| a.document.clone()),
            effective: since.effective,
        }
    }

    /// How results name rule `index` as version `since` has it: its cite and title then, and
    /// the version. The original's name when `since` is `None`; one value per version, shared
    /// like [`Program::rule_name`].
    pub fn rule_name_as(&self, index: usize, since: Option<Since>) -> &RuleName {
        let original = self.rule_name(index);
        let Some(since) = since else { return original };
        let names = self.version_names.get_or_init(|| {
            let mut names = HashMap::new();
            for (index, rule) in self.rules.iter().enumerate() {
                let original = self.rule_name(index);
                let versions = rule.versions.iter().map(|v| v.since).chain(rule.added);
                for since in versions {
                    let text = rule.text_since(Some(since));
                    let name = RuleName {
                        cite: text.cite.cloned(),
                        title: text.title.cloned(),
                        version: Some(self.version_ref(since)),
                        ..original.clone()
                    };
                    names.insert((index, since.amendment), name);
                }
            }
            names
        });
        names.get(&(index, since.amendment)).unwrap_or(original)
    }
}
