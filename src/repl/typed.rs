//! Items typed at the prompt, kept as text in one synthetic source named `<repl>`.
//!
//! A rule needs a policy header before it in its file, so `<repl>` starts with one: the
//! last `policy` typed, or `policy repl {}`. Typing a rule, pool, stack or test whose name is
//! already in `<repl>` replaces it, so a draft can be corrected by typing it again.

use crate::ast::{File, Item as AstItem, Span};
use crate::Source;

/// The name of the synthetic source; diagnostics and `:show` name it.
pub const NAME: &str = "<repl>";

/// The header used until a `policy` is typed. No dates, so no policy window applies.
const DEFAULT_HEADER: &str = "policy repl {}";

#[derive(Clone, Debug, Default)]
pub struct Typed {
    /// The `policy` typed last, as text.
    header: Option<String>,
    items: Vec<Item>,
}

#[derive(Clone, Debug)]
struct Item {
    /// What replaces it: `("rule", "R1")`; schemas replace nothing.
    key: Option<(&'static str, String)>,
    text: String,
}

/// One item taken in, for the message saying so.
#[derive(Clone, Debug)]
pub struct Added {
    pub what: &'static str,
    pub name: String,
    pub replaced: bool,
}

impl Typed {
    pub fn is_empty(&self) -> bool {
        self.header.is_none() && self.items.is_empty()
    }

    /// The source to compile with the loaded files, if anything was typed.
    pub fn source(&self) -> Option<Source> {
        if self.is_empty() {
            return None;
        }
        let mut text = self.header.as_deref().unwrap_or(DEFAULT_HEADER).to_string();
        text.push('\n');
        for item in &self.items {
            text.push_str(&item.text);
            text.push('\n');
        }
        Some(Source::new(NAME, text))
    }

    /// Where the last `count` items start in [`Typed::source`]: new items go last, so
    /// diagnostics past this point are about what was just typed.
    pub fn tail_start(&self, count: usize) -> usize {
        let header = self.header.as_deref().unwrap_or(DEFAULT_HEADER).len() + 1;
        let kept = self.items.len().saturating_sub(count);
        header + self.items.iter().take(kept).map(|i| i.text.len() + 1).sum::<usize>()
    }

    /// A copy with the items of `text` (already parsed as `file`) added, each replacing a
    /// typed item of the same kind and name.
    pub fn with(&self, text: &str, file: &File) -> Result<(Typed, Vec<Added>), String> {
        let mut next = self.clone();
        let mut added = Vec::new();
        let mut from = 0;
        let policies = file.items.iter().filter(|i| matches!(i, AstItem::Policy(_))).count();
        if policies > 1 {
            return Err("type one `policy` header at a time".into());
        }
        for item in &file.items {
            let (what, name, span) = describe(item);
            // An item's text runs from the end of the one before, so comments above it stay.
            let piece = text.get(from..span.end).unwrap_or_default().trim().to_string();
            from = span.end;
            if what == "policy" {
                added.push(Added { what, name, replaced: next.header.is_some() });
                next.header = Some(piece);
                continue;
            }
            let key = (what != "schema").then(|| (what, name.clone()));
            let replaced = key.is_some() && next.items.iter().any(|i| i.key == key);
            next.items.retain(|i| key.is_none() || i.key != key);
            next.items.push(Item { key, text: piece });
            added.push(Added { what, name, replaced });
        }
        Ok((next, added))
    }
}

/// What an item is, its name, and where it ends.
fn describe(item: &AstItem) -> (&'static str, String, Span) {
    match item {
        AstItem::Schema(s) => {
            let mut names: Vec<String> = s.enums.iter().map(|e| e.name.node.clone()).collect();
            names.extend(s.entities.iter().map(|e| e.name.node.clone()));
            ("schema", names.join(", "), s.span)
        }
        AstItem::Policy(p) => ("policy", p.id.node.clone(), p.span),
        AstItem::Amendment(a) => ("amendment", a.id.node.clone(), a.span),
        AstItem::Rule(r) => ("rule", r.id.node.clone(), r.span),
        AstItem::Pool(p) => ("pool", p.id.node.clone(), p.span),
        AstItem::Stack(s) => ("stack", s.id.node.clone(), s.span),
        AstItem::Test(t) => ("test", t.name.node.clone(), t.span),
        AstItem::Schedule(s) => match s.params {
            None => ("value", s.name.node.clone(), s.span),
            Some(_) => ("schedule", s.name.node.clone(), s.span),
        },
    }
}

impl super::Session {
    /// Adds typed items to the session: parsed on their own (so syntax errors point into
    /// what was typed), then compiled with everything else. Nothing changes on an error.
    pub(super) fn add_items(&mut self, text: &str) -> super::Output {
        use super::Output;
        use crate::{Error, Sourced};
        let source = Source::new(NAME, text);
        let file = match crate::syntax::parse(text) {
            Ok(file) => file,
            Err(errors) => {
                let errors: Vec<Error> =
                    errors.into_iter().map(|e| Error::Syntax(Box::new(Sourced::new(e, &source)))).collect();
                return Output::failed(self.diagnostics(&errors));
            }
        };
        let (typed, added) = match self.typed.with(text, &file) {
            Ok(next) => next,
            Err(message) => return Output::failed(message),
        };
        let loaded = match self.compile(&self.files, &typed) {
            Ok(loaded) => loaded,
            Err(errors) => return Output::failed(self.diagnostics(&errors)).and(&crate::t!("repl-not-added")),
        };
        // Warnings about earlier text were shown when it was typed or loaded.
        let new_items = added.iter().filter(|a| a.what != "policy").count();
        let start = if added.iter().any(|a| a.what == "policy") { 0 } else { typed.tail_start(new_items) };
        let warnings: Vec<Error> = loaded.warnings.into_iter().filter(|w| is_about_tail(w, start)).collect();
        let repl_file = self.files.len();
        let mut lines = Vec::new();
        for item in &added {
            let rule = loaded.program.rules.iter().find(|r| r.source == repl_file && r.id == item.name);
            let name = if item.what == "test" { format!("\"{}\"", item.name) } else { format!("`{}`", item.name) };
            if item.what == "policy" {
                lines.push(crate::t!("repl-policy-heads", name = name));
                continue;
            }
            let what = item_word(item.what);
            lines.push(match (rule, item.replaced) {
                (Some(r), replaced) => {
                    let kind = loaded.program.schema.kinds.get(r.kind).map_or("?", |k| k.name.as_str());
                    let policy = loaded.program.policies.get(r.policy).map_or("?", |p| &*p.id);
                    if replaced {
                        crate::t!("repl-replaced-rule", what = what, name = name, kind = kind, policy = policy)
                    } else {
                        crate::t!("repl-added-rule", what = what, name = name, kind = kind, policy = policy)
                    }
                }
                (None, true) => crate::t!("repl-replaced", what = what, name = name),
                (None, false) => crate::t!("repl-added", what = what, name = name),
            });
        }
        // A test typed is run at once, on the session's facts and date unless it gives its own.
        let tests =
            loaded.program.tests.iter().filter(|t| {
                t.test.source == repl_file && added.iter().any(|a| a.what == "test" && a.name == t.test.name)
            });
        let results: Vec<_> = tests
            .map(|case| {
                let mut case = case.clone();
                if case.test.facts.is_none() {
                    let facts = self.facts_json.as_ref().map(|json| crate::ast::TestFacts::Inline(json.to_string()));
                    case.test.facts = facts;
                    case.test.as_of = case.test.as_of.or(Some(self.as_of()));
                }
                crate::testing::run_one(&loaded.program, &case, None)
            })
            .collect();
        let report = if results.is_empty() { String::new() } else { crate::testing::report(&results) };
        let shown = self.diagnostics(&warnings);
        self.typed = typed;
        let note = self.install(loaded.program);
        Output::done(lines.join("\n")).and(&report).and(&shown).and(&note)
    }
}

/// What an item is, in the reader's language (`rule`, 规则).
fn item_word(what: &str) -> String {
    match what {
        "rule" => crate::t!("repl-item-rule"),
        "schema" => crate::t!("repl-item-schema"),
        "pool" => crate::t!("repl-item-pool"),
        "stack" => crate::t!("repl-item-stack"),
        "test" => crate::t!("repl-item-test"),
        "value" => crate::t!("repl-item-value"),
        "schedule" => crate::t!("repl-item-schedule"),
        "amendment" => crate::t!("repl-item-amendment"),
        other => other.to_string(),
    }
}

/// True for a diagnostic in `<repl>` at or after `start` (or one without a location).
fn is_about_tail(error: &crate::Error, start: usize) -> bool {
    if error.file().is_none_or(|s| s.name != NAME) {
        return false;
    }
    let first = miette::Diagnostic::labels(error).and_then(|labels| labels.map(|l| l.offset()).min());
    first.is_none_or(|offset| offset >= start)
}
