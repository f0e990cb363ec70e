//! `:set` and `:unset`: edit the facts' JSON by path, then read it again.
//!
//! A path names a top-level kind, an entity id, then fields, with list fields followed by a
//! child's id: `enterprise.E1.drugs.D1.rd_cost`. Ids never contain `.` (the facts reader
//! refuses them), so splitting on dots is exact. A path may also end at an entity, to add or
//! replace a whole one with a JSON object, or be `as_of`.

use super::{Output, Session};
use crate::program::{Schema, Ty};
use crate::t;
use serde_json::{Map, Value as Json};

impl Session {
    /// `:set <path> = <value>`: the value is written as the facts file would have it.
    pub(super) fn set_fact(&mut self, rest: &str) -> Output {
        let Some((path, text)) = rest.split_once('=') else {
            let usage = format!(":set {}", super::commands::placeholders("<path> = <value>"));
            return Output::failed(crate::t!("repl-usage-set", usage = usage));
        };
        let (path, text) = (path.trim(), text.trim());
        let value = match literal(text, field_type(self.schema(), path)) {
            Ok(value) => value,
            Err(message) => return Output::failed(message),
        };
        let mut json = self.facts_json.clone().unwrap_or_else(|| Json::Object(Map::new()));
        match set(&mut json, path, value.clone()) {
            Ok(old) => {
                let said = match old {
                    Some(old) => crate::t!("repl-set-was", path = path, value = compact(&value), old = compact(&old)),
                    None => crate::t!("repl-set", path = path, value = compact(&value)),
                };
                self.commit(json, said)
            }
            Err(message) => Output::failed(message),
        }
    }

    /// `:unset <path>`: removes a fact, or a whole entity.
    pub(super) fn unset_fact(&mut self, path: &str) -> Output {
        if path.is_empty() {
            let usage = format!(":unset {}", super::commands::placeholders("<path>"));
            return Output::failed(crate::t!("repl-usage", usage = usage));
        }
        let Some(mut json) = self.facts_json.clone() else {
            return Output::failed(crate::t!("repl-no-facts-to-change"));
        };
        match unset(&mut json, path) {
            Ok(old) => self.commit(json, crate::t!("repl-removed", path = path, old = compact(&old))),
            Err(message) => Output::failed(message),
        }
    }

    /// Keeps the edited JSON if it reads as facts; otherwise nothing changes.
    fn commit(&mut self, json: Json, done: String) -> Output {
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        match self.program.facts(&self.facts_name, &text) {
            Ok(facts) => {
                self.facts_json = Some(json);
                self.facts = Some(facts);
                Output::done(done)
            }
            Err(errors) => Output::failed(self.diagnostics(&errors)).and(&crate::t!("repl-facts-unchanged")),
        }
    }
}

/// A value typed at the prompt, as JSON the facts reader accepts: JSON itself for objects,
/// lists, strings and booleans; numbers for count and number fields (`1万` included);
/// otherwise the text as written (`3000万`, `20%`, `2024-01-01`, `III`, `3 years`).
fn literal(text: &str, ty: Option<Ty>) -> Result<Json, String> {
    if text.is_empty() {
        return Err(t!("repl-value-after-equals"));
    }
    if text.starts_with(['{', '[', '"']) || matches!(text, "true" | "false" | "null") {
        return serde_json::from_str(text).map_err(|e| t!("repl-not-a-value", text = text, error = e.to_string()));
    }
    let number = |text: &str| serde_json::from_str::<serde_json::Number>(text).ok().map(Json::Number);
    if matches!(ty, Some(Ty::Count | Ty::Number)) {
        if let Some(n) = crate::facts::parse_money(text).and_then(|d| number(&d.normalize().to_string())) {
            return Ok(n);
        }
    }
    match ty {
        Some(Ty::Money | Ty::Rate | Ty::Text | Ty::Date | Ty::Duration | Ty::Enum(_)) => Ok(Json::String(text.into())),
        _ => Ok(number(text).unwrap_or_else(|| Json::String(text.into()))),
    }
}

/// The schema type of the field a path ends at, when the path follows the schema.
pub(super) fn field_type(schema: &Schema, path: &str) -> Option<Ty> {
    let mut parts = path.split('.');
    let root = parts.next()?;
    let mut kind = schema.roots().find(|(_, k)| k.name == root)?.0;
    loop {
        parts.next()?; // the entity's id
        let field = parts.next()?;
        let def = schema.kinds.get(kind)?;
        let ty = def.fields.get(def.field(field)?)?.ty;
        match ty {
            Ty::List(child) => kind = child,
            ty => return parts.next().is_none().then_some(ty),
        }
    }
}

/// Sets the value at `path`, creating a top-level list or an entity when the path ends
/// there. Returns the value replaced.
fn set(json: &mut Json, path: &str, value: Json) -> Result<Option<Json>, String> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(t!("repl-not-a-path-example", path = path));
    }
    let mut at = json;
    for (i, part) in parts.iter().enumerate() {
        let here = parts.get(..i).unwrap_or_default().join(".");
        let last = i + 1 == parts.len();
        match at {
            Json::Object(map) => {
                if last {
                    if *part == "id" {
                        return Err(t!("repl-id-in-path-set"));
                    }
                    return Ok(map.insert(part.to_string(), value));
                }
                // `:set enterprise.E2 = {…}` with no enterprise yet starts the list.
                if i + 2 == parts.len() && !map.contains_key(*part) {
                    map.insert(part.to_string(), Json::Array(Vec::new()));
                }
                at = map.get_mut(*part).ok_or_else(|| missing(&here, part))?;
            }
            Json::Array(items) => {
                if last {
                    return set_entity(items, part, value, path);
                }
                let found = items.iter_mut().find(|item| has_id(item, part));
                at = found.ok_or_else(|| {
                    let entity = if here.is_empty() { part.to_string() } else { format!("{here}.{part}") };
                    t!("repl-no-entity-add", entity = entity)
                })?;
            }
            other => return Err(has_no(&here, other, part)),
        }
    }
    Err(t!("repl-not-a-path", path = path))
}

/// Adds or replaces the entity `id` in a list; its `id` comes from the path.
fn set_entity(items: &mut Vec<Json>, id: &str, value: Json, path: &str) -> Result<Option<Json>, String> {
    let Json::Object(fields) = value else {
        return Err(t!("repl-entity-needs-object", path = path));
    };
    let mut entity = Map::new();
    entity.insert("id".into(), Json::String(id.into()));
    entity.extend(fields.into_iter().filter(|(k, _)| k != "id"));
    let entity = Json::Object(entity);
    match items.iter_mut().find(|item| has_id(item, id)) {
        Some(slot) => Ok(Some(std::mem::replace(slot, entity))),
        None => {
            items.push(entity);
            Ok(None)
        }
    }
}

/// Removes the value at `path`. Returns it.
fn unset(json: &mut Json, path: &str) -> Result<Json, String> {
    let (parent, last) = path.rsplit_once('.').map_or(("", path), |(p, l)| (p, l));
    let mut at = json;
    let mut walked = Vec::new();
    for part in parent.split('.').filter(|p| !p.is_empty()) {
        let here = walked.join(".");
        walked.push(part);
        at = match at {
            Json::Object(map) => map.get_mut(part).ok_or_else(|| missing(&here, part))?,
            Json::Array(items) => items
                .iter_mut()
                .find(|item| has_id(item, part))
                .ok_or_else(|| t!("repl-no-entity", entity = walked.join(".")))?,
            other => return Err(has_no(&here, other, part)),
        };
    }
    match at {
        Json::Object(_) if last == "id" => Err(t!("repl-id-in-path-unset")),
        Json::Object(map) => map.shift_remove(last).ok_or_else(|| missing(parent, last)),
        Json::Array(items) => {
            let old = items.iter().find(|item| has_id(item, last)).cloned();
            items.retain(|item| !has_id(item, last));
            old.ok_or_else(|| t!("repl-no-entity", entity = path))
        }
        other => Err(has_no(parent, other, last)),
    }
}

fn has_id(item: &Json, id: &str) -> bool {
    match item.get("id") {
        Some(Json::String(s)) => s == id,
        Some(Json::Number(n)) => n.to_string() == id,
        _ => false,
    }
}

fn missing(here: &str, part: &str) -> String {
    if here.is_empty() {
        t!("repl-facts-have-no", part = part)
    } else {
        t!("repl-has-no", here = here, part = part)
    }
}

/// `` `here` is a number, which has no `part` ``.
fn has_no(here: &str, json: &Json, part: &str) -> String {
    let kind = match json {
        Json::Null => t!("repl-json-null"),
        Json::Bool(_) => t!("repl-json-bool"),
        Json::Number(_) => t!("repl-json-number"),
        Json::String(_) => t!("repl-json-text"),
        Json::Array(_) => t!("repl-json-list"),
        Json::Object(_) => t!("repl-json-object"),
    };
    t!("repl-is-which-has-no", here = here, kind = kind, part = part)
}

/// JSON on one line, for messages.
fn compact(json: &Json) -> String {
    serde_json::to_string(json).unwrap_or_default()
}
