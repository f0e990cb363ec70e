//! Tab completion, from what the session knows: command names; rule ids; entity paths and
//! fact paths from the facts; fields, enum values and kind names from the schema; keywords;
//! and file names for `:load` and `:facts`.

use super::commands::COMMANDS;
use super::Session;
use crate::facts::{Entity, Slot};
use crate::program::Ty;
use serde_json::Value as Json;

use crate::syntax::{english, tokens, TokenKind, KEYWORDS};

/// Where the word at the cursor starts, and what could replace it.
pub fn complete(session: &Session, line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = line.get(..pos).unwrap_or(line);
    let (start, mut candidates) =
        if before.trim_start().starts_with(':') { command(session, before) } else { word(session, before) };
    let typed = before.get(start..).unwrap_or_default();
    candidates.retain(|c| c.starts_with(typed) && c != typed);
    candidates.sort();
    candidates.dedup();
    (start, candidates)
}

/// After a `:`: the command's name, then its arguments.
fn command(session: &Session, before: &str) -> (usize, Vec<String>) {
    let start = before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let words: Vec<&str> = before.split_whitespace().collect();
    let current = before.get(start..).unwrap_or_default();
    // A command that takes arguments comes with the space before them.
    let names = || COMMANDS.iter().map(|c| format!("{}{}", c.name, if c.args.is_empty() { "" } else { " " })).collect();
    let Some(&name) = words.first() else { return (start, names()) };
    if words.len() == 1 && !current.is_empty() {
        return (start, names());
    }
    // How many arguments come before the one being typed.
    let index = words.len().saturating_sub(1 + usize::from(!current.is_empty()));
    let candidates = match (name, index) {
        (":why" | ":why-not" | ":show", 0) => rule_ids(session),
        (":why" | ":why-not", 1) | (":eval" | ":focus", 0) => entity_paths(session),
        (":set", _) if before.contains('=') => values(session, words.get(1).copied().unwrap_or_default()),
        (":set" | ":unset", 0) => fact_paths(session),
        (":load", _) | (":facts", 0) => return (start, files(current)),
        (":type", _) => return word(session, before),
        _ => Vec::new(),
    };
    (start, candidates)
}

/// In a rule or an expression: a field, enum value, kind or keyword; after `kind.`, that
/// kind's fields.
fn word(session: &Session, before: &str) -> (usize, Vec<String>) {
    // The word at the cursor: the run of names, figures and dots that ends there.
    // Tokens cover the text without gaps, so a run is broken only by another kind of token.
    let mut run = None;
    for t in tokens(before) {
        let part = matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Punct('.'));
        run = if part { run.or(Some(t.range.start)) } else { None };
    }
    let start = run.unwrap_or(before.len());
    let word = before.get(start..).unwrap_or_default();
    let schema = session.schema();
    if let Some((prefix, _)) = word.rsplit_once('.') {
        let kind = prefix.rsplit('.').next().and_then(|k| schema.kind_named(k));
        let fields = kind.and_then(|k| schema.kinds.get(k)).map(|k| k.fields.as_slice()).unwrap_or_default();
        return (start, fields.iter().map(|f| format!("{prefix}.{}", f.name)).collect());
    }
    let context = format!("{}{before}", session.pending);
    let kinds: Vec<usize> = match rule_kind(session, &context) {
        Some(kind) => schema.ancestry(kind),
        None => (0..schema.kinds.len()).collect(),
    };
    let mut candidates: Vec<String> =
        KEYWORDS.iter().flat_map(|k| [k.en, k.zh]).filter(|w| !w.is_empty()).map(str::to_string).collect();
    for kind in kinds.iter().filter_map(|k| schema.kinds.get(*k)) {
        candidates.extend(kind.fields.iter().map(|f| f.name.clone()));
    }
    candidates.extend(schema.kinds.iter().map(|k| k.name.clone()));
    candidates.extend(schema.enums.iter().flat_map(|e| e.variants.iter().map(|v| v.to_string())));
    (start, candidates)
}

/// The kind of the rule being typed (`rule X for drug {`, `规则 X 适用于 药品 {`), if any.
fn rule_kind(session: &Session, text: &str) -> Option<usize> {
    let words: Vec<&str> = tokens(text).filter(|t| t.kind == TokenKind::Word).map(|t| t.text(text)).collect();
    let at = words.iter().rposition(|w| english(w) == "for")?;
    session.schema().kind_named(words.get(at + 1)?)
}

fn rule_ids(session: &Session) -> Vec<String> {
    session.program.rules.iter().map(|r| r.id.clone()).collect()
}

/// Every entity in the facts: `enterprise.E1`, `enterprise.E1.drugs.D1`, …
fn entity_paths(session: &Session) -> Vec<String> {
    fn walk(entity: &Entity, out: &mut Vec<String>) {
        out.push(entity.path.to_string());
        for slot in &entity.slots {
            if let Slot::Children(children) = slot {
                children.iter().for_each(|c| walk(c, out));
            }
        }
    }
    let mut out = Vec::new();
    if let Some(facts) = &session.facts {
        facts.roots.iter().for_each(|r| walk(r, &mut out));
    }
    out
}

/// Every fact `:set` could name: each entity in the facts' JSON with each field of its kind
/// (given or not), and `as_of`.
fn fact_paths(session: &Session) -> Vec<String> {
    let schema = session.schema();
    let mut out = vec!["as_of".to_string()];
    let Some(Json::Object(top)) = &session.facts_json else {
        out.extend(schema.roots().map(|(_, k)| k.name.clone()));
        return out;
    };
    // (JSON list, its kind, its path)
    let mut lists: Vec<(&Json, usize, String)> = schema
        .roots()
        .filter_map(|(kind, def)| top.get(&def.name).map(|list| (list, kind, def.name.clone())))
        .collect();
    while let Some((list, kind, path)) = lists.pop() {
        let Some(def) = schema.kinds.get(kind) else { continue };
        for item in list.as_array().map(Vec::as_slice).unwrap_or_default() {
            let Some(id) = item.get("id").map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_string)) else {
                continue;
            };
            let entity = format!("{path}.{id}");
            for field in &def.fields {
                let field_path = format!("{entity}.{}", field.name);
                match (field.ty, item.get(&field.name)) {
                    (Ty::List(child), Some(children)) => lists.push((children, child, field_path)),
                    (Ty::List(_), None) => {}
                    _ => out.push(field_path),
                }
            }
            out.push(entity);
        }
    }
    out
}

/// Values for the field a `:set` names: its enum's values, or true and false.
fn values(session: &Session, path: &str) -> Vec<String> {
    match super::edit::field_type(session.schema(), path) {
        Some(Ty::Enum(e)) => session
            .schema()
            .enums
            .get(e)
            .map(|e| e.variants.iter().map(|v| v.to_string()).collect())
            .unwrap_or_default(),
        Some(Ty::Bool) => vec!["true".into(), "false".into()],
        _ => Vec::new(),
    }
}

/// File and folder names starting with `typed`; folders end in `/`.
fn files(typed: &str) -> Vec<String> {
    let (dir, prefix) = typed.rsplit_once('/').map_or(("", typed), |(d, p)| (d, p));
    let read = match (typed.contains('/'), dir.is_empty()) {
        (false, _) => std::fs::read_dir("."),
        (true, true) => std::fs::read_dir("/"),
        (true, false) => std::fs::read_dir(dir),
    };
    let Ok(entries) = read else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(if typed.contains('/') { format!("{dir}/{name}{slash}") } else { format!("{name}{slash}") })
        })
        .collect()
}
