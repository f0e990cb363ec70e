//! The REPL: draft rules, change facts and ask why, one line at a time.
//!
//! [`Session`] holds everything and answers each line with an [`Output`]; it never touches a
//! terminal, so scripted sessions test it line by line. [`frontend`] is the thin rustyline
//! layer on top (history, completion, highlighting, Ctrl-C and Ctrl-D).
//!
//! A line is one of three things:
//! - a command (`:eval`, `:set …`, see `:help`), always one line;
//! - an item (`rule`, `schema`, `policy`, `pool`, `stack`, `test`), which may span lines: it
//!   ends once it parses, or once its braces close (see `input.rs`), and then joins the
//!   session's own source, `<repl>`;
//! - an expression, evaluated for the focused entity and shown as `value : type`.
//!
//! Errors are rendered as diagnostics and never end the session: every change is tried on a
//! copy first, so a failed `:load`, `:set` or rule leaves the session as it was.

mod commands;
mod complete;
mod edit;
mod explain;
mod expr;
#[cfg(feature = "repl")]
pub mod frontend;
mod highlight;
mod input;
mod show;
mod typed;

use crate::facts::Facts;
use crate::output::{escape_lines, render_diagnostics, ErrorFormat};
use crate::program::{KindId, Program, Schema};
use crate::{Error, Loaded, Source};
use chrono::NaiveDate;
use serde_json::Value as Json;
use std::path::PathBuf;

/// How a session renders what it says, and what day it is.
#[derive(Clone, Debug)]
pub struct Config {
    /// Diagnostics as `human` (at a terminal), `plain` (tests, logs) or `json`.
    pub errors: ErrorFormat,
    /// ANSI colour in highlighting. Diagnostics are shown without colour: every answer is
    /// escaped on its way out ([`crate::output::escape_lines`]), which colours would not survive.
    pub color: bool,
    /// The evaluation date when neither `:as_of` nor the facts give one; fixed in tests.
    pub today: NaiveDate,
    /// The width tables are fitted to (the terminal's); `None`: as wide as they need.
    pub width: Option<u16>,
}

/// What became of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Handled; the text (if any) is the answer.
    Done,
    /// Something was wrong; the text says what. The session goes on unchanged.
    Failed,
    /// The line was kept: the item being typed is not complete yet.
    More,
    /// `:quit`.
    Quit,
}

/// The answer to one line: text to show (ending in a newline, or empty) and a status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// What to show; ends in a newline unless empty.
    pub text: String,
    /// What became of the line.
    pub status: Status,
}

impl Output {
    fn done(text: impl Into<String>) -> Output {
        Output { text: lines(text.into()), status: Status::Done }
    }

    fn failed(text: impl Into<String>) -> Output {
        Output { text: lines(text.into()), status: Status::Failed }
    }

    /// Appends a paragraph, keeping the status.
    fn and(mut self, more: &str) -> Output {
        self.text.push_str(&lines(more.to_string()));
        self
    }
}

/// Ends non-empty text with exactly one newline, with the user's control characters and
/// bidi overrides escaped (facts, names and values are echoed; see [`escape_lines`]).
fn lines(text: String) -> String {
    let text = escape_lines(&text).into_owned();
    if text.is_empty() || text.ends_with('\n') {
        text
    } else {
        text + "\n"
    }
}

/// The state of one REPL session.
pub struct Session {
    config: Config,
    /// The rule paths given to `:load` (or on the command line), for `:reload`.
    paths: Vec<PathBuf>,
    /// The text of the loaded files, as last read.
    files: Vec<Source>,
    /// Items typed at the prompt.
    typed: typed::Typed,
    program: Program,
    /// The facts as JSON, which `:set` and `:unset` edit, and the name diagnostics give them.
    facts_json: Option<Json>,
    facts_name: String,
    /// The facts read from `facts_json`; `None` while there are none, or while they do not
    /// fit the rules loaded since.
    facts: Option<Facts>,
    /// Set by `:as_of`; otherwise the facts' `as_of`, else today.
    as_of: Option<NaiveDate>,
    /// The entity bare expressions read; otherwise the first in the facts.
    focus: Option<String>,
    /// The lines of an item not yet complete.
    pending: String,
}

impl Session {
    /// A session with no rules and no facts.
    pub fn new(config: Config) -> Session {
        Session {
            config,
            paths: Vec::new(),
            files: Vec::new(),
            typed: typed::Typed::default(),
            program: empty_program(),
            facts_json: None,
            facts_name: "<facts>".into(),
            facts: None,
            as_of: None,
            focus: None,
            pending: String::new(),
        }
    }

    /// Handles one line (or a pasted block). Never panics on any input, and never fails in
    /// a way that ends the session: only `:quit` does.
    ///
    /// A block is taken line by line, exactly as if typed, so an item is read whole however
    /// its lines arrive (typed, pasted, bracketed or not).
    pub fn handle(&mut self, input: &str) -> Output {
        let input = input.trim_end_matches(['\r', '\n']);
        if !input.contains('\n') {
            return self.handle_line(input);
        }
        // The block's status: `Quit` ends it; a failure on any line is kept.
        let mut out = Output { text: String::new(), status: Status::Done };
        for line in input.lines() {
            let answer = self.handle_line(line);
            out.text.push_str(&answer.text);
            out.status = match (out.status, answer.status) {
                (_, Status::Quit) => return Output { status: Status::Quit, ..out },
                (Status::Failed, Status::Done | Status::More) => Status::Failed,
                (_, status) => status,
            };
        }
        out
    }

    fn handle_line(&mut self, line: &str) -> Output {
        let trimmed = line.trim();
        // No line of an item starts with `:`, so commands work halfway through one too
        // (`:schema` to look up a field); the item waits.
        if trimmed.starts_with(':') {
            return self.command(trimmed);
        }
        if self.pending.is_empty() && (trimmed.is_empty() || trimmed.starts_with("//")) {
            return Output::done("");
        }
        self.pending.push_str(line.trim_end_matches(['\r', '\n']));
        self.pending.push('\n');
        if input::needs_more(&self.pending) {
            return Output { text: String::new(), status: Status::More };
        }
        let text = std::mem::take(&mut self.pending);
        if input::is_item(&text) {
            self.add_items(&text)
        } else {
            self.expression(text.trim())
        }
    }

    /// Drops the item being typed (Ctrl-C). True if there was one.
    pub fn cancel(&mut self) -> bool {
        !std::mem::take(&mut self.pending).is_empty()
    }

    /// True while an item is being typed over several lines.
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Loads rule paths (as `:load` does), e.g. those given on the command line.
    pub fn load(&mut self, paths: Vec<PathBuf>) -> Output {
        commands::load(self, paths)
    }

    /// Reads a facts file (as `:facts` does).
    pub fn load_facts(&mut self, path: &str) -> Output {
        commands::read_facts(self, path)
    }

    /// The program the session runs: the loaded files and the items typed.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Completions for `line` with the cursor at byte `pos`: where the word being completed
    /// starts, and the candidates to replace it with.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        complete::complete(self, line, pos)
    }

    /// `line` with ANSI colours for a terminal (same display width).
    pub fn highlight(&self, line: &str) -> String {
        highlight::highlight(line)
    }

    /// The evaluation date: `:as_of`, else the facts' `as_of`, else today.
    fn as_of(&self) -> NaiveDate {
        // As `dates::evaluation_date` decides, with the session's fixed "today" (for tests).
        self.as_of.or(self.facts.as_ref().and_then(|f| f.as_of)).unwrap_or(self.config.today)
    }

    fn schema(&self) -> &Schema {
        &self.program.schema
    }

    /// Renders errors (or warnings) as the session's diagnostics format says.
    fn diagnostics(&self, errors: &[Error]) -> String {
        render_diagnostics(errors, self.config.errors, false)
    }

    /// Installs a new program: the facts are read again against it (their slots depend on
    /// the schema). Returns a note when the facts no longer fit.
    fn install(&mut self, program: Program) -> String {
        self.program = program;
        self.facts = None;
        let Some(json) = &self.facts_json else { return String::new() };
        let text = serde_json::to_string_pretty(json).unwrap_or_default();
        match self.program.facts(&self.facts_name, &text) {
            Ok(facts) => {
                self.facts = Some(facts);
                String::new()
            }
            Err(errors) => format!("{}{}\n", self.diagnostics(&errors), crate::t!("repl-facts-do-not-fit-rules")),
        }
    }

    /// Compiles the loaded files with the typed items.
    fn compile(&self, files: &[Source], typed: &typed::Typed) -> Result<Loaded, crate::Errors> {
        let mut sources = files.to_vec();
        sources.extend(typed.source());
        crate::compile(sources)
    }

    /// The kind and path of the entity expressions are evaluated for: the focus, else the
    /// first entity in the facts; with no facts, the first top-level kind and no entity.
    fn target(&self) -> Result<(KindId, Option<String>), Output> {
        if let Some(path) = &self.focus {
            let kind =
                self.entity_kind(path).ok_or_else(|| Output::failed(crate::t!("repl-focus-gone", path = path)))?;
            return Ok((kind, Some(path.clone())));
        }
        if let Some(root) = self.facts.as_ref().and_then(|f| f.roots.first()) {
            return Ok((root.kind, Some(root.path.to_string())));
        }
        Ok((self.schema().roots().next().map_or(0, |(k, _)| k), None))
    }

    /// The kind of the entity at `path` in the facts, if there is one.
    fn entity_kind(&self, path: &str) -> Option<KindId> {
        let facts = self.facts.as_ref()?;
        crate::eval::chain_to(facts, path)?.last().map(|e| e.kind)
    }

    /// The facts, or a failure saying how to get some.
    fn need_facts(&self) -> Result<&Facts, Output> {
        self.facts.as_ref().ok_or_else(|| match self.facts_json {
            Some(_) => Output::failed(crate::t!("repl-facts-do-not-fit")),
            None => Output::failed(crate::t!("repl-no-facts-yet")),
        })
    }

    /// The index of a rule named `RULE`, `policy.RULE` or by its citation (`cite "…"`): as
    /// written if that finds one, else ignoring case, since ids are typed from documents.
    fn find_rule(&self, name: &str) -> Result<usize, Output> {
        let policy_of = |r: &crate::program::Rule| self.program.policies.get(r.policy).map_or("", |p| &*p.id);
        let names = |r: &crate::program::Rule| {
            [
                Some(r.id.clone()),
                Some(format!("{}.{}", policy_of(r), r.id)),
                r.cite.as_ref().map(|c| c.trim().to_string()),
            ]
        };
        let find = |same: &dyn Fn(&str) -> bool| -> Vec<usize> {
            let rules = self.program.rules.iter().enumerate();
            rules.filter(|(_, r)| names(r).iter().flatten().any(|n| same(n))).map(|(i, _)| i).collect()
        };
        let folded = name.to_lowercase();
        let mut found = find(&|n| n == name);
        if found.is_empty() {
            found = find(&|n| n.to_lowercase() == folded);
        }
        match found.as_slice() {
            [one] => Ok(*one),
            [] => {
                let ids = self.program.rules.iter().map(|r| r.id.as_str());
                let help = crate::diagnostic::suggest::help(name, ids, "rule");
                Err(Output::failed(crate::t!("repl-no-rule", name = name, help = help)))
            }
            many => {
                let names: Vec<String> = many
                    .iter()
                    .filter_map(|i| self.program.rules.get(*i))
                    .map(|r| format!("{}.{}", policy_of(r), r.id))
                    .collect();
                Err(Output::failed(crate::t!("repl-several-rules", name = name, rules = names.join(", "))))
            }
        }
    }

    /// Checks that `entity` is in the facts (or contains something that is).
    fn known_entity(&self, facts: &Facts, entity: &str) -> Result<(), Output> {
        if crate::eval::chain_to(facts, entity).is_some() {
            return Ok(());
        }
        let mut roots: Vec<String> = facts.roots.iter().take(10).map(|r| format!("`{}`", r.path)).collect();
        if facts.roots.len() > 10 {
            roots.push(crate::t!("repl-and-more", count = facts.roots.len() - 10));
        }
        let error = Error::NoSuchEntity { entity: entity.to_string(), roots: roots.join(", ") };
        Err(Output::failed(self.diagnostics(&[error])))
    }
}

/// A program with nothing in it, before any file is loaded.
fn empty_program() -> Program {
    Program {
        schema: Schema::default(),
        policies: Vec::new(),
        amendments: Vec::new(),
        rules: Vec::new(),
        pools: Vec::new(),
        stacks: Vec::new(),
        schedules: Vec::new(),
        tests: Vec::new(),
        sources: Vec::new(),
        names: Default::default(),
        version_names: Default::default(),
        walks: Default::default(),
    }
}
