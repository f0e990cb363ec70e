//! The compact explained line (`--detail compact`): every award with its steps as values,
//! and the rules that did not pay grouped rather than listed, values only, no sentences.
//!
//! Awards name their rule by policy and id, as the awards-only line does. The rules that did
//! not pay are named by reference to the IR (`policy compile --target json` of the same rule
//! paths, or `GET /v1/rules` of the server that answered, whose `x-policy-rules-sha256` names
//! the rules): a rule by its index in `program.rules`, a policy by its index in
//! `program.policies`. Both lists are in load order (files in the order given, a folder's by
//! name; rules in source order), so an index means the same rule for the same rule paths.
//! Titles, cites, conditions, pools and each rule's entity kind are there, fetched once; what
//! the IR says is not said again.
//!
//! ```text
//! {"as_of", "awards": [lean award + "steps"],
//!  "not_applicable": {top-level entity: {
//!     "out_of_scope": [{"reads": [c, value…], "policies": [p], "rules": [r]}],
//!     "missing": [{"entity": below, "fact", "policies": [p], "rules": [r]}],
//!     "false": {below: [[[r], c, value…]]},
//!     "other": {below: {r: [{"reason", values…}]}}}},
//!  "excluded": [{"policy", "rule", "entity", "kind", "max", "why", "winner"}],
//!  "totals", "warnings", "line"}
//! ```
//!
//! An award's steps are the full line's, but a pool's is by reference: `{"step": "pool",
//! "pool", "already", "ledgered", "room", "cut_to"}`. The IR's pool of that id whose
//! `members` hold the award's rule gives `implicit`, `period` and `cap` (the step gives
//! `cap` itself, with the amendment's `version`, when an amendment set it); the award gives
//! `year` (its own) and `scope` (its entity, or the one above it, of the pool's `per` kind).
//!
//! Each (rule, entity) that does not pay is in exactly one group of its top-level entity, by
//! its first (most informative) reason: out of its policy's scope (by the scope condition and
//! the values it read), a fact not given (the first one; by the entity that lacks it and the
//! fact), a false condition (the first one, with its values), or another reason. `below` is
//! an entity's path below the top-level one: `drugs.D0` in `enterprise.E1`, `""` for the
//! top-level entity itself, whose `"entity"` a group leaves out.
//!
//! A condition is named by reference, `[c, value…]`: `c` is its index in the rule's
//! `conditions` in the IR (those of the text that judged, when an amendment's version did:
//! the version in force on the event's date, the rule's own without one), then the value
//! of each fact it reads, in the order the IR gives them ("A condition's reads" in
//! `docs/IR.md`): money and other numbers as exact figures without grouping (`"274806000"`,
//! where the full line writes `"274,806,000"`), a bool as JSON `true` or `false`, `null` for
//! a fact not given, anything else (a rate, a date, an enum value by name, a default as
//! `"false by default"`) as the full line writes it. The names are the condition's, so
//! rules whose conditions read different facts to the same values share a group. A false
//! group is the rules of one entity whose first false condition has the same index and
//! values, their indices first: `[[45, 46], 1, "national_device"]`.
//!
//! Another reason is written as the full line's `why` less what the IR and the line say:
//! `before_effective` and `after_expiry` without the policy and its `effective` or
//! `expires` date (the rule's policy's), `not_yet` without `as_of` (the line's).
//!
//! An out-of-scope or missing group stands for every entity of each of its rules' kind at
//! or below its entity: a rule is in it only if all its results there are (a project whose
//! condition was false before the enterprise's missing fact was asked for keeps its rule out
//! of the enterprise's group; that project's entry is in a group of its own). `"rules"`
//! lists the rules; a group of the top-level entity lists instead in `"policies"` each policy
//! that decided nothing else there (no award, exclusion or other reason): all its rules,
//! those without an entity of their kind standing for nothing. Either is left out when empty.

use super::json::{lean_head, lean_tail, string};
use crate::eval::{Evaluation, Excluded, FactName, PoolStep, Read, Reason, Step};
use crate::program::{RuleName, Shown};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Writes the compact line for `e`, input line `line`, to `out`.
pub(super) fn write_compact(out: &mut Vec<u8>, e: &Evaluation<'_>, line: u64) -> serde_json::Result<()> {
    lean_head(out, e, |out, a| {
        out.extend_from_slice(b",\"steps\":[");
        for (i, step) in a.trace.iter().enumerate() {
            comma(out, i);
            match step {
                Step::Pool(pool) => serde_json::to_writer(&mut *out, &PoolByReference(pool))?,
                step => serde_json::to_writer(&mut *out, step)?,
            }
        }
        out.push(b']');
        Ok(())
    })?;
    out.extend_from_slice(b",\"not_applicable\":");
    not_applicable(out, &group(e))?;
    out.extend_from_slice(b",\"excluded\":[");
    for (i, x) in e.excluded.iter().enumerate() {
        comma(out, i);
        serde_json::to_writer(&mut *out, &ExcludedValues(x))?;
    }
    out.push(b']');
    lean_tail(out, e, line)
}

/// Entities (their path below the top-level one), each with its list.
type ByEntity<'a, T> = Vec<(&'a str, Vec<T>)>;

/// A result (an award, an exclusion, a rule not paying): its rule and entity.
type Decided<'a> = (&'a RuleName, &'a str);

/// The rules that did not pay one top-level entity or an entity it contains, grouped.
#[derive(Default)]
struct Top<'a> {
    /// `enterprise.E1`.
    entity: &'a str,
    /// Every result for it or an entity it contains, by rule index.
    results: Vec<Decided<'a>>,
    /// Out of scope, by the scope condition and the values it read.
    out_of_scope: Vec<Group<'a, Condition<'a>>>,
    /// A fact not given, by the entity lacking it and the fact.
    missing: Vec<Group<'a, FactName<'a>>>,
    /// A false condition: each condition and the values it read, with its rules' indices.
    false_: ByEntity<'a, (Condition<'a>, Vec<usize>)>,
    /// Any other reason: each rule's index with every reason as values.
    other: ByEntity<'a, (usize, &'a [Reason<'a>])>,
}

/// Rules that did not pay for one reason, `key`, every entity of their kind at or below `at`.
struct Group<'a, K> {
    /// `enterprise.E1`, `enterprise.E1.projects.P0`.
    at: &'a str,
    key: K,
    /// Each rule and entity it holds, by rule index once settled.
    entries: Vec<Decided<'a>>,
}

/// The not-applicable entries grouped by top-level entity, then by first reason (each in
/// order of first appearance).
fn group<'a>(e: &'a Evaluation<'_>) -> Vec<Top<'a>> {
    let mut tops: Vec<Top> = Vec::new();
    for na in &e.not_applicable {
        let (rule, entity) = (na.rule, na.entity);
        let Some(top) = top_of(&mut tops, entity) else { continue };
        top.results.push((rule, entity));
        let why = e.why(na);
        match why.0.first() {
            Some(Reason::OutOfScope { reads, index, .. }) => {
                let key = Condition { index: *index, reads: reads.of(&e.reads) };
                add(&mut top.out_of_scope, top.entity, key, (rule, entity));
            }
            Some(Reason::FactMissing { fact, up }) => add(&mut top.missing, above(entity, *up), *fact, (rule, entity)),
            Some(Reason::ConditionFalse { reads, index, .. }) => {
                let key = Condition { index: *index, reads: reads.of(&e.reads) };
                in_entity(&mut top.false_, below(entity, top.entity), |conditions| {
                    match conditions.iter_mut().find(|(c, _)| *c == key) {
                        Some((_, rules)) => rules.push(rule.index),
                        None => conditions.push((key, vec![rule.index])),
                    }
                });
            }
            _ => in_entity(&mut top.other, below(entity, top.entity), |rules| {
                rules.push((rule.index, why.0));
            }),
        }
    }
    let decided = e.awards.iter().map(|a| (&a.rule, &a.entity)).chain(e.excluded.iter().map(|x| (&x.rule, &x.entity)));
    for (rule, entity) in decided {
        if let Some(top) = tops.iter_mut().find(|t| t.entity == top_level(entity)) {
            top.results.push((rule, entity));
        }
    }
    for top in &mut tops {
        top.results.sort_by_key(|(rule, _)| rule.index);
        settle(&mut top.out_of_scope, &top.results);
        settle(&mut top.missing, &top.results);
    }
    tops
}

/// The group of `entity`'s top-level entity, made if it is the first.
fn top_of<'a, 'b>(tops: &'b mut Vec<Top<'a>>, entity: &'a str) -> Option<&'b mut Top<'a>> {
    let at = top_level(entity);
    if tops.iter().all(|t| t.entity != at) {
        tops.push(Top { entity: at, ..Top::default() });
    }
    tops.iter_mut().rev().find(|t| t.entity == at)
}

/// `entry` in the group of `at` and `key`.
fn add<'a, K: PartialEq>(groups: &mut Vec<Group<'a, K>>, at: &'a str, key: K, entry: Decided<'a>) {
    match groups.iter_mut().find(|g| g.at == at && g.key == key) {
        Some(group) => group.entries.push(entry),
        None => groups.push(Group { at, key, entries: vec![entry] }),
    }
}

/// Leaves in each group only the rules it stands for: those whose every result at or below
/// its entity is in it. Another rule's entries go to groups of their own entities (the
/// enterprise's fact missing for one project, another project's condition false first).
fn settle<'a, K: PartialEq + Copy>(groups: &mut Vec<Group<'a, K>>, results: &[Decided<'a>]) {
    let mut moved = Vec::new();
    for group in groups.iter_mut() {
        group.entries.sort_by_key(|(rule, _)| rule.index);
        let (at, key) = (group.at, group.key);
        let partial: Vec<usize> = group
            .entries
            .chunk_by(|a, b| a.0.index == b.0.index)
            .filter_map(|run| {
                let rule = run.first()?.0.index;
                let all = results.get(results.partition_point(|(r, _)| r.index < rule)..).unwrap_or_default();
                let all = all.iter().take_while(|(r, _)| r.index == rule).filter(|(_, e)| within(e, at)).count();
                (all != run.len()).then_some(rule)
            })
            .collect();
        if partial.is_empty() {
            continue;
        }
        group.entries.retain(|&(rule, entity)| {
            let stays = entity == at || !partial.contains(&rule.index);
            if !stays {
                moved.push((entity, key, (rule, entity)));
            }
            stays
        });
    }
    groups.retain(|g| !g.entries.is_empty());
    for (at, key, entry) in moved {
        add(groups, at, key, entry);
    }
}

/// Whether `entity` is `at` or below it.
fn within(entity: &str, at: &str) -> bool {
    entity.strip_prefix(at).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// `add` to the list of `entity`, made if it is the first (entries come entity by entity, so
/// it is the last one if any; looked for further back all the same, as an object's keys
/// are written once).
fn in_entity<'a, T>(groups: &mut ByEntity<'a, T>, entity: &'a str, add: impl FnOnce(&mut Vec<T>)) {
    match groups.iter_mut().rev().find(|(e, _)| *e == entity) {
        Some((_, items)) => add(items),
        None => {
            let mut items = Vec::new();
            add(&mut items);
            groups.push((entity, items));
        }
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

/// `drugs.D0` of `enterprise.E1.drugs.D0` below `enterprise.E1`; `""` for `top` itself.
fn below<'a>(path: &'a str, top: &str) -> &'a str {
    match path.strip_prefix(top) {
        Some(rest) => rest.strip_prefix('.').unwrap_or(rest),
        None => path,
    }
}

fn not_applicable(out: &mut Vec<u8>, tops: &[Top]) -> serde_json::Result<()> {
    out.push(b'{');
    for (i, top) in tops.iter().enumerate() {
        comma(out, i);
        string(out, top.entity)?;
        out.push(b':');
        let mut first = true;
        let mut open = |out: &mut Vec<u8>, key: &[u8], list: bool| {
            out.extend_from_slice(if first { b"{\"" } else { b",\"" });
            first = false;
            out.extend_from_slice(key);
            out.extend_from_slice(if list { b"\":[" } else { b"\":{" });
        };
        if !top.out_of_scope.is_empty() {
            open(out, b"out_of_scope", true);
            groups(out, top, &top.out_of_scope, |out, scope| {
                out.extend_from_slice(b"\"reads\":[");
                condition(out, scope)?;
                out.push(b']');
                Ok(())
            })?;
        }
        if !top.missing.is_empty() {
            open(out, b"missing", true);
            groups(out, top, &top.missing, |out, fact| {
                out.extend_from_slice(b"\"fact\":");
                string(out, &fact.to_string())
            })?;
        }
        if !top.false_.is_empty() {
            open(out, b"false", false);
            by_condition(out, &top.false_)?;
        }
        if !top.other.is_empty() {
            open(out, b"other", false);
            by_rule(out, &top.other, |out, why| other(out, why))?;
        }
        out.extend_from_slice(if first { b"{}" } else { b"}" });
    }
    out.push(b'}');
    Ok(())
}

/// `[{"entity", key's fields, "policies": [p], "rules": [r]}]`, closing the list. A group of
/// the top-level entity itself leaves out its `"entity"`, and names a policy whole when
/// every result the policy has there is in the group.
fn groups<K>(
    out: &mut Vec<u8>,
    top: &Top,
    groups: &[Group<K>],
    key: impl Fn(&mut Vec<u8>, &K) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    let of = |list: &[Decided], policy: usize| list.iter().filter(|(r, _)| r.policy_index == policy).count();
    for (j, group) in groups.iter().enumerate() {
        comma(out, j);
        out.push(b'{');
        if group.at != top.entity {
            out.extend_from_slice(b"\"entity\":");
            string(out, below(group.at, top.entity))?;
            out.push(b',');
        }
        key(out, &group.key)?;
        let mut whole: Vec<usize> = Vec::new();
        if group.at == top.entity {
            for (rule, _) in &group.entries {
                let p = rule.policy_index;
                if !whole.contains(&p) && of(&group.entries, p) == of(&top.results, p) {
                    whole.push(p);
                }
            }
        }
        if !whole.is_empty() {
            out.extend_from_slice(b",\"policies\":");
            indices(out, whole.iter().copied());
        }
        let mut rules: Vec<usize> =
            group.entries.iter().filter(|(r, _)| !whole.contains(&r.policy_index)).map(|(r, _)| r.index).collect();
        rules.dedup();
        if !rules.is_empty() {
            out.extend_from_slice(b",\"rules\":");
            indices(out, rules.into_iter());
        }
        out.push(b'}');
    }
    out.push(b']');
    Ok(())
}

/// `[0,4]`.
fn indices(out: &mut Vec<u8>, list: impl Iterator<Item = usize>) {
    out.push(b'[');
    for (i, n) in list.enumerate() {
        comma(out, i);
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
    out.push(b']');
}

/// `{below: [[[r…], c, value…]]}`, closing the object.
fn by_condition(out: &mut Vec<u8>, groups: &ByEntity<(Condition, Vec<usize>)>) -> serde_json::Result<()> {
    for (j, (entity, conditions)) in groups.iter().enumerate() {
        comma(out, j);
        string(out, entity)?;
        out.extend_from_slice(b":[");
        for (k, (key, rules)) in conditions.iter().enumerate() {
            comma(out, k);
            out.push(b'[');
            indices(out, rules.iter().copied());
            out.push(b',');
            condition(out, key)?;
            out.push(b']');
        }
        out.push(b']');
    }
    out.push(b'}');
    Ok(())
}

/// `{below: {r: value}}`, closing the object.
fn by_rule<T>(
    out: &mut Vec<u8>,
    groups: &ByEntity<(usize, T)>,
    value: impl Fn(&mut Vec<u8>, &T) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    for (j, (entity, rules)) in groups.iter().enumerate() {
        comma(out, j);
        string(out, entity)?;
        out.extend_from_slice(b":{");
        for (k, (rule, v)) in rules.iter().enumerate() {
            comma(out, k);
            out.push(b'"');
            out.extend_from_slice(itoa::Buffer::new().format(*rule).as_bytes());
            out.extend_from_slice(b"\":");
            value(out, v)?;
        }
        out.push(b'}');
    }
    out.push(b'}');
    Ok(())
}

fn comma(out: &mut Vec<u8>, index: usize) {
    if index > 0 {
        out.push(b',');
    }
}

/// A condition that did not hold, by reference: its index in the rule's conditions and the
/// values it read, in the order of its reads (whose names the IR's condition gives).
#[derive(Clone, Copy)]
struct Condition<'a> {
    index: usize,
    reads: &'a [Read<'a>],
}

/// The same condition and values: the facts' names are the condition's, so two rules'
/// conditions that read different facts to the same values write the same and share a group.
impl PartialEq for Condition<'_> {
    fn eq(&self, other: &Self) -> bool {
        let values = |c: &Self| c.reads.iter().map(|r| &r.value);
        self.index == other.index && values(self).eq(values(other))
    }
}

/// `c, value…` (a list's items): a number plainly (`"274806000"`), a bool as JSON, `null` for
/// a fact not given, anything else as the full line writes it.
fn condition(out: &mut Vec<u8>, condition: &Condition) -> serde_json::Result<()> {
    out.extend_from_slice(itoa::Buffer::new().format(condition.index).as_bytes());
    for read in condition.reads {
        out.push(b',');
        match &read.value {
            Some(Shown::Name(name)) => string(out, name)?,
            Some(Shown::Money(d) | Shown::Number(d)) => string(out, &d.normalize().to_string())?,
            Some(Shown::Bool(b)) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Some(value) => serde_json::to_writer(&mut *out, value)?,
            None => out.extend_from_slice(b"null"),
        }
    }
    Ok(())
}

/// Every reason as values, less what the IR and the line say already: the policy and its
/// first or last day in force (the rule's policy's, in the IR), the evaluation date (the
/// line's `as_of`).
fn other(out: &mut Vec<u8>, why: &[Reason<'_>]) -> serde_json::Result<()> {
    out.push(b'[');
    for (i, reason) in why.iter().enumerate() {
        comma(out, i);
        let (kind, date) = match reason {
            Reason::BeforeEffective { date, .. } => ("before_effective", date),
            Reason::AfterExpiry { date, .. } => ("after_expiry", date),
            Reason::NotYet { date, .. } => ("not_yet", date),
            reason => {
                serde_json::to_writer(&mut *out, reason)?;
                continue;
            }
        };
        serde_json::to_writer(&mut *out, &serde_json::json!({"reason": kind, "date": date}))?;
    }
    out.push(b']');
    Ok(())
}

/// A pool's step by reference: the pool's id and what it did, without what the IR's pool
/// says (whether implicit, its period, its cap unless an amendment's version set it) or the
/// award does (its year; the scope, its entity or the owner of the pool's `per` kind).
struct PoolByReference<'a>(&'a PoolStep);

impl Serialize for PoolByReference<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut out = s.serialize_struct("PoolStep", 7)?;
        out.serialize_field("step", "pool")?;
        out.serialize_field("pool", &p.pool)?;
        if let Some(version) = &p.version {
            out.serialize_field("cap", &p.cap)?;
            out.serialize_field("version", version)?;
        }
        out.serialize_field("already", &p.already)?;
        out.serialize_field("ledgered", &p.ledgered)?;
        out.serialize_field("room", &p.room)?;
        out.serialize_field("cut_to", &p.cut_to)?;
        out.end()
    }
}

/// An exclusion as values: `{"policy", "rule", "entity", "kind", "max", "why", "winner"}`.
struct ExcludedValues<'a>(&'a Excluded<'a>);

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

    #[test]
    fn below_is_the_path_under_the_top_level_entity() {
        assert_eq!(below("enterprise.E1.drugs.D0", "enterprise.E1"), "drugs.D0");
        assert_eq!(below("enterprise.E1", "enterprise.E1"), "");
    }
}
