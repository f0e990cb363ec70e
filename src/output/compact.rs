//! The compact explained line (`--detail compact`): every award with its steps as values,
//! and the rules that did not pay grouped rather than listed, values only, no sentences.
//! Rules are named by policy and id; their title, cite and conditions are in the IR
//! (`policy compile --target json`), which a reader fetches once.
//!
//! ```text
//! {"as_of", "awards": [lean award + "steps"],
//!  "not_applicable": {policy: {
//!     "out_of_scope": [{"entity": top-level entity, "reads": {fact: value}, "rules": [id]}],
//!     "missing": [{"entity": the entity lacking it, "fact", "rules": [id]}],
//!     "false": [{"entity", "rules": {id: {fact: value}}}],
//!     "other": [{"entity", "rules": {id: [why]}}]}},
//!  "excluded": [{"policy", "rule", "entity", "kind", "max", "why", "winner"}],
//!  "totals", "warnings", "line"}
//! ```
//!
//! Each (rule, entity) that does not pay is in exactly one group, by its first (most
//! informative) reason: out of the policy's scope (one group per policy, top-level entity and
//! values read, the same for everything it contains), a fact not given (the first one; by
//! the entity that lacks it), a false condition (the first one's values), or another reason.

use super::json::{lean_head, lean_tail, string};
use crate::eval::{Evaluation, Excluded, NotApplicable, Read, Reason};
use crate::program::Shown;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Writes the compact line for `e`, input line `line`, to `out`.
pub(super) fn write_compact(out: &mut Vec<u8>, e: &Evaluation, line: u64) -> serde_json::Result<()> {
    lean_head(out, e, |out, a| {
        out.extend_from_slice(b",\"steps\":");
        serde_json::to_writer(out, &a.trace.0)
    })?;
    out.extend_from_slice(b",\"not_applicable\":");
    not_applicable(out, &group(&e.not_applicable))?;
    out.extend_from_slice(b",\"excluded\":[");
    for (i, x) in e.excluded.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, &ExcludedValues(x))?;
    }
    out.push(b']');
    lean_tail(out, e, line)
}

/// Rule ids sharing a group's key, each once.
type Rules<'a, K> = Vec<(K, Vec<&'a str>)>;

/// Entities, each with its rules and a value for each.
type ByEntity<'a, T> = Vec<(&'a str, Vec<(&'a str, T)>)>;

/// One policy's rules that did not pay, grouped.
#[derive(Default)]
pub struct Groups<'a> {
    /// Out of scope, by the top-level entity and the values the scope read.
    pub out_of_scope: Rules<'a, (&'a str, &'a [Read])>,
    /// A fact not given, by the entity lacking it and the fact.
    pub missing: Rules<'a, (&'a str, &'a str)>,
    /// A false condition: each rule with the values its condition read.
    pub false_: ByEntity<'a, &'a [Read]>,
    /// Any other reason: each rule with every reason as values.
    pub other: ByEntity<'a, &'a [Reason]>,
}

/// The not-applicable entries grouped by policy (in order of first appearance), then by
/// first reason.
pub fn group(entries: &[NotApplicable]) -> Vec<(&str, Groups<'_>)> {
    let mut policies: Vec<(&str, Groups)> = Vec::new();
    for na in entries {
        let policy = na.rule.policy.as_str();
        if policies.iter().all(|(p, _)| *p != policy) {
            policies.push((policy, Groups::default()));
        }
        let Some((_, groups)) = policies.iter_mut().find(|(p, _)| *p == policy) else { continue };
        let (rule, entity) = (na.rule.id.as_str(), &*na.entity);
        match na.why.0.first() {
            Some(Reason::OutOfScope { reads, .. }) => {
                add_once(&mut groups.out_of_scope, (top_level(entity), &**reads), rule);
            }
            Some(Reason::FactMissing { fact, up }) => {
                add_once(&mut groups.missing, (above(entity, *up), &**fact), rule);
            }
            Some(Reason::ConditionFalse { reads, .. }) => {
                by_entity(&mut groups.false_, entity, (rule, &**reads));
            }
            _ => by_entity(&mut groups.other, entity, (rule, na.why.0.as_slice())),
        }
    }
    policies
}

/// `rule` in the group of `key`, once however many entities it did not pay for that reason.
fn add_once<'a, K: PartialEq>(groups: &mut Rules<'a, K>, key: K, rule: &'a str) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, rules)) if rules.contains(&rule) => {}
        Some((_, rules)) => rules.push(rule),
        None => groups.push((key, vec![rule])),
    }
}

/// The group of `entity` (entries come entity by entity, so it is the last one if any).
fn by_entity<'a, T>(groups: &mut ByEntity<'a, T>, entity: &'a str, item: (&'a str, T)) {
    match groups.last_mut() {
        Some((e, items)) if *e == entity => items.push(item),
        _ => groups.push((entity, vec![item])),
    }
}

/// `enterprise.E1` of `enterprise.E1.drugs.D0`.
fn top_level(path: &str) -> &str {
    above(path, usize::MAX)
}

/// The path of the entity `up` levels above `path` (`enterprise.E1` is 1 above
/// `enterprise.E1.drugs.D0`); the top-level entity when `up` is more than there are.
fn above(path: &str, up: usize) -> &str {
    let mut end = path.len();
    for _ in 0..up {
        let Some(cut) = path.get(..end).and_then(|p| p.rfind('.')).and_then(|i| path.get(..i)?.rfind('.')) else {
            break;
        };
        end = cut;
    }
    path.get(..end).unwrap_or(path)
}

fn not_applicable(out: &mut Vec<u8>, policies: &[(&str, Groups)]) -> serde_json::Result<()> {
    out.push(b'{');
    for (i, (policy, groups)) in policies.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, policy)?;
        out.push(b':');
        let mut first = true;
        let mut open = |out: &mut Vec<u8>, key: &[u8]| {
            out.extend_from_slice(if first { b"{\"" } else { b",\"" });
            first = false;
            out.extend_from_slice(key);
            out.extend_from_slice(b"\":[");
        };
        if !groups.out_of_scope.is_empty() {
            open(out, b"out_of_scope");
            by_key(out, &groups.out_of_scope, |out, (entity, reads)| {
                out.extend_from_slice(b"\"entity\":");
                string(out, entity)?;
                out.extend_from_slice(b",\"reads\":");
                values(out, reads)
            })?;
        }
        if !groups.missing.is_empty() {
            open(out, b"missing");
            by_key(out, &groups.missing, |out, (entity, fact)| {
                out.extend_from_slice(b"\"entity\":");
                string(out, entity)?;
                out.extend_from_slice(b",\"fact\":");
                string(out, fact)
            })?;
        }
        if !groups.false_.is_empty() {
            open(out, b"false");
            by_rule(out, &groups.false_, |out, reads| values(out, reads))?;
        }
        if !groups.other.is_empty() {
            open(out, b"other");
            by_rule(out, &groups.other, |out, why| serde_json::to_writer(&mut *out, why))?;
        }
        out.extend_from_slice(if first { b"{}" } else { b"}" });
    }
    out.push(b'}');
    Ok(())
}

/// `[{key's fields, "rules": [id]}]`, closing the list.
fn by_key<K>(
    out: &mut Vec<u8>,
    groups: &Rules<K>,
    key: impl Fn(&mut Vec<u8>, &K) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    for (j, (k, rules)) in groups.iter().enumerate() {
        comma(out, j);
        out.push(b'{');
        key(out, k)?;
        out.extend_from_slice(b",\"rules\":");
        serde_json::to_writer(&mut *out, rules)?;
        out.push(b'}');
    }
    out.push(b']');
    Ok(())
}

/// `[{"entity", "rules": {id: value}}]`, closing the list.
fn by_rule<T>(
    out: &mut Vec<u8>,
    groups: &ByEntity<T>,
    value: impl Fn(&mut Vec<u8>, &T) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    for (j, (entity, rules)) in groups.iter().enumerate() {
        comma(out, j);
        out.extend_from_slice(b"{\"entity\":");
        string(out, entity)?;
        out.extend_from_slice(b",\"rules\":{");
        for (k, (rule, v)) in rules.iter().enumerate() {
            comma(out, k);
            string(out, rule)?;
            out.push(b':');
            value(out, v)?;
        }
        out.extend_from_slice(b"}}");
    }
    out.push(b']');
    Ok(())
}

fn comma(out: &mut Vec<u8>, index: usize) {
    if index > 0 {
        out.push(b',');
    }
}

/// `{fact: value}`, `null` for a fact not given.
fn values(out: &mut Vec<u8>, reads: &[Read]) -> serde_json::Result<()> {
    out.push(b'{');
    for (i, read) in reads.iter().enumerate() {
        comma(out, i);
        string(out, &read.fact)?;
        out.push(b':');
        match &read.value {
            Some(Shown::Name(name)) => string(out, name)?,
            Some(value) => serde_json::to_writer(&mut *out, value)?,
            None => out.extend_from_slice(b"null"),
        }
    }
    out.push(b'}');
    Ok(())
}

/// An exclusion as values: `{"policy", "rule", "entity", "kind", "max", "why", "winner"}`.
struct ExcludedValues<'a>(&'a Excluded);

impl Serialize for ExcludedValues<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        let mut out = s.serialize_struct("Excluded", 7)?;
        out.serialize_field("policy", &x.rule.policy)?;
        out.serialize_field("rule", &x.rule.id)?;
        out.serialize_field("entity", &x.entity)?;
        out.serialize_field("kind", &x.award.kind())?;
        out.serialize_field("max", &x.award.max().map(|m| m.to_string()))?;
        out.serialize_field("why", &x.why.0)?;
        out.serialize_field("winner", &x.winner)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn above_walks_up_by_entity() {
        let path = "enterprise.E1.platforms.P0.years.Y1";
        assert_eq!(above(path, 0), path);
        assert_eq!(above(path, 1), "enterprise.E1.platforms.P0");
        assert_eq!(above(path, 2), "enterprise.E1");
        assert_eq!(above(path, 3), "enterprise.E1");
        assert_eq!(top_level("enterprise.E1"), "enterprise.E1");
    }
}
