//! The one public JSON form of results: an evaluation, and each award, not-applicable entry
//! and exclusion in it (also served alone by `/v1/why` and written to the decision log).
//! Serialized straight from the values, no tree in between; amounts are decimal strings.

use crate::eval::{Award, Evaluation, Excluded, NotApplicable, Total};
use crate::program::RuleName;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// An evaluation: `{"as_of", "awards", "not_applicable", "excluded", "totals": {entity:
/// {...}}, "warnings"}`, then `line` (batch) and `provenance` when given.
pub(super) struct Report<'a> {
    pub evaluation: &'a Evaluation,
    pub line: Option<u64>,
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.fields(s, None::<&()>)
    }
}

impl Report<'_> {
    /// The report's fields, and `provenance` last when given.
    pub fn fields<S: Serializer, P: Serialize>(&self, s: S, provenance: Option<&P>) -> Result<S::Ok, S::Error> {
        let e = self.evaluation;
        let mut out = s.serialize_struct("Report", 8)?;
        out.serialize_field("as_of", &Text(e.as_of))?;
        out.serialize_field("awards", &e.awards)?;
        out.serialize_field("not_applicable", &e.not_applicable)?;
        out.serialize_field("excluded", &e.excluded)?;
        out.serialize_field("totals", &Totals(&e.totals))?;
        out.serialize_field("warnings", &e.warnings)?;
        if let Some(line) = self.line {
            out.serialize_field("line", &line)?;
        }
        if let Some(p) = provenance {
            out.serialize_field("provenance", p)?;
        }
        out.end()
    }
}

/// A report and, after its fields, `provenance`.
pub(super) struct WithProvenance<'a, P> {
    pub report: Report<'a>,
    pub provenance: &'a P,
}

impl<P: Serialize> Serialize for WithProvenance<'_, P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report.fields(s, Some(self.provenance))
    }
}

/// Totals keyed by entity: `{"enterprise.E1": {"owed", "ceiling", "case_by_case"}}`.
pub(super) struct Totals<'a>(pub &'a [Total]);

impl Serialize for Totals<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for t in self.0 {
            map.serialize_entry(&t.entity, &TotalFields(t))?;
        }
        map.end()
    }
}

pub(super) struct TotalFields<'a>(pub &'a Total);

impl Serialize for TotalFields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut out = s.serialize_struct("Total", 3)?;
        out.serialize_field("owed", &Text(t.owed))?;
        out.serialize_field("ceiling", &amount(t.ceiling))?;
        out.serialize_field("case_by_case", &t.case_by_case)?;
        out.end()
    }
}

/// `policy`, `rule`, `cite` and, for an amended text, `version`: how every result names its
/// rule.
fn rule_fields<S: SerializeStruct>(out: &mut S, rule: &RuleName) -> Result<(), S::Error> {
    out.serialize_field("policy", &rule.policy)?;
    out.serialize_field("rule", &rule.id)?;
    out.serialize_field("cite", &rule.cite)?;
    match &rule.version {
        Some(version) => out.serialize_field("version", version),
        None => out.skip_field("version"),
    }
}

/// `{"policy", "rule", "cite", "title", "entity", "kind", "amount", "min", "max",
/// "frequency", "event_date", "year", "key", "trace": [sentences], "steps": [values],
/// "shares"}`: `kind` to `max` say the entitlement, `amount` for `exact` awards only.
impl Serialize for Award {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Award", 16)?;
        rule_fields(&mut out, &self.rule)?;
        out.serialize_field("title", &self.rule.title)?;
        out.serialize_field("entity", &self.entity)?;
        out.serialize_field("kind", &self.kind())?;
        out.serialize_field("amount", &amount(self.amount()))?;
        out.serialize_field("min", &amount(self.min()))?;
        out.serialize_field("max", &amount(self.max()))?;
        out.serialize_field("frequency", &self.rule.frequency)?;
        out.serialize_field("event_date", &Text(self.event_date))?;
        out.serialize_field("year", &self.year())?;
        out.serialize_field("key", &self.key)?;
        out.serialize_field("trace", &self.trace.lines())?;
        out.serialize_field("steps", &self.trace.0)?;
        out.serialize_field("shares", &self.shares)?;
        out.end()
    }
}

/// `{"policy", "rule", "cite", "entity", "reason": sentence, "why": [values]}`.
impl Serialize for NotApplicable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("NotApplicable", 6)?;
        rule_fields(&mut out, &self.rule)?;
        out.serialize_field("entity", &self.entity)?;
        out.serialize_field("reason", &self.reason())?;
        out.serialize_field("why", &self.why.0)?;
        out.end()
    }
}

/// `{"policy", "rule", "cite", "entity", "kind", "max", "reason": sentence, "why": value,
/// "winner"}`.
impl Serialize for Excluded {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Excluded", 9)?;
        rule_fields(&mut out, &self.rule)?;
        out.serialize_field("entity", &self.entity)?;
        out.serialize_field("kind", &self.award.kind())?;
        out.serialize_field("max", &amount(self.award.max()))?;
        out.serialize_field("reason", &self.reason())?;
        out.serialize_field("why", &self.why.0)?;
        out.serialize_field("winner", &self.winner)?;
        out.end()
    }
}

/// An amount as its exact decimal string (`"4000000.00"`), or `null`.
fn amount(d: Option<Decimal>) -> Option<Text<Decimal>> {
    d.map(Text)
}

/// A value written as its text (a decimal, a date), without an intermediate `String`.
struct Text<T>(T);

impl<T: std::fmt::Display> Serialize for Text<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}
