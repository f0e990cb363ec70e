//! The `:` commands: one table (for `:help` and completion), the dispatch, and the commands
//! that load rules and facts or move the session's date and focus.

use super::{show, Output, Session, Status};
use crate::Loaded;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A command as `:help` lists it.
pub struct Command {
    pub name: &'static str,
    pub args: &'static str,
    pub help: &'static str,
}

const fn command(name: &'static str, args: &'static str, help: &'static str) -> Command {
    Command { name, args, help }
}

/// Every command, in the order `:help` lists them.
pub const COMMANDS: &[Command] = &[
    command(":help", "", "list the commands"),
    command(":load", "<paths>", "load rule files or folders, replacing the rules loaded before"),
    command(":reload", "", "read the loaded rule files again (after editing them)"),
    command(":facts", "[file]", "read facts from a JSON file; alone, print the current facts"),
    command(":set", "<path> = <value>", "set one fact: :set enterprise.E1.drugs.D1.rd_cost = 3000万"),
    command(":unset", "<path>", "remove one fact, or a whole entity"),
    command(":as_of", "[YYYY-MM-DD]", "show or set the evaluation date (else the facts' as_of, else today)"),
    command(":focus", "[entity]", "show or set the entity expressions read (else the first in the facts)"),
    command(":eval", "[entity]", "evaluate every rule; with an entity, only it and what it contains"),
    command(":why", "<rule> [entity]", "the awards a rule gives, each with its trace"),
    command(":why-not", "<rule> [entity]", "why a rule did not apply"),
    command(":type", "<expr>", "the type of an expression, without evaluating it"),
    command(":rules", "", "list the rules: policy, id, entity kind, cite, title"),
    command(":schema", "", "list the enums and entity kinds, with each field's type (? = optional)"),
    command(":show", "<rule>", "print a rule's source text with its citation"),
    command(":quit", "", "leave the REPL (also Ctrl-D)"),
];

impl Session {
    /// Runs one `:` command line.
    pub(super) fn command(&mut self, line: &str) -> Output {
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let args: Vec<&str> = rest.split_whitespace().collect();
        let no_args = |out: Output| if args.is_empty() { out } else { usage(name) };
        match name {
            ":help" | ":h" | ":?" => help(),
            ":quit" | ":q" | ":exit" => Output { text: String::new(), status: Status::Quit },
            ":load" => load(self, args.iter().map(PathBuf::from).collect()),
            ":reload" if args.is_empty() => reload(self),
            ":facts" if rest.is_empty() => self.show_facts(),
            ":facts" => read_facts(self, rest),
            ":set" => self.set_fact(rest),
            ":unset" => self.unset_fact(rest),
            ":as_of" | ":as-of" => self.set_as_of(rest),
            ":focus" => self.set_focus(rest),
            ":eval" if args.len() <= 1 => self.eval(args.first().copied()),
            ":why" if matches!(args.len(), 1 | 2) => self.why(&args),
            ":why-not" | ":whynot" if matches!(args.len(), 1 | 2) => self.why_not(&args),
            ":type" => self.type_of(rest),
            ":rules" => no_args(self.rules()),
            ":schema" => no_args(self.schema_listing()),
            ":show" if args.len() <= 1 => self.show_rule(rest),
            _ if COMMANDS.iter().any(|c| c.name == name) => usage(name),
            _ => {
                let help = crate::diagnostic::suggest::help(name, COMMANDS.iter().map(|c| c.name), "command");
                let help = if help.starts_with("did you mean") { help } else { ":help lists them".into() };
                Output::failed(format!("unknown command `{name}`: {help}"))
            }
        }
    }

    /// `:facts` alone: the facts as JSON, with every `:set` applied.
    fn show_facts(&self) -> Output {
        match &self.facts_json {
            Some(json) => Output::done(serde_json::to_string_pretty(json).unwrap_or_default()),
            None => Output::done("no facts yet: :facts <file>, or :set enterprise.E1 = { … }"),
        }
    }

    /// `:as_of [date]`.
    fn set_as_of(&mut self, rest: &str) -> Output {
        if !rest.is_empty() {
            match NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
                Ok(date) => self.as_of = Some(date),
                Err(_) => return Output::failed(format!("`{rest}` is not a date; write YYYY-MM-DD")),
            }
        }
        let from = if self.as_of.is_some() {
            "set with :as_of"
        } else if self.facts.as_ref().and_then(|f| f.as_of).is_some() {
            "the facts' as_of"
        } else {
            "today"
        };
        Output::done(format!("as of {} ({from})", self.as_of()))
    }

    /// `:focus [entity]`.
    fn set_focus(&mut self, rest: &str) -> Output {
        if !rest.is_empty() {
            let facts = match self.need_facts() {
                Ok(facts) => facts,
                Err(failed) => return failed,
            };
            if let Err(failed) = self.known_entity(facts, rest) {
                return failed;
            }
            self.focus = Some(rest.to_string());
        }
        match self.target() {
            Ok((kind, path)) => {
                let kind = self.schema().kinds.get(kind).map_or("nothing", |k| k.name.as_str());
                match path {
                    Some(path) => Output::done(format!("expressions read {path} (kind {kind})")),
                    None => Output::done(format!("no facts: expressions are checked for kind {kind}")),
                }
            }
            Err(failed) => failed,
        }
    }

    /// One line on the facts just read: the top-level entities and the date.
    fn facts_summary(&self) -> String {
        let Some(facts) = &self.facts else { return "no facts".into() };
        let mut roots: Vec<String> = facts.roots.iter().take(5).map(|r| r.path.to_string()).collect();
        if facts.roots.len() > 5 {
            roots.push(format!("and {} more", facts.roots.len() - 5));
        }
        let roots = if roots.is_empty() { "no entities".to_string() } else { roots.join(", ") };
        let as_of = facts.as_of.map_or(String::new(), |d| format!("; as of {d}"));
        format!("facts from {}: {roots}{as_of}", self.facts_name)
    }
}

fn help() -> Output {
    let rows: Vec<Vec<String>> = COMMANDS
        .iter()
        .map(|c| vec![format!("{} {}", c.name, c.args).trim_end().to_string(), c.help.to_string()])
        .collect();
    Output::done(format!(
        "{}\nAnything else is an expression, evaluated for the focused entity (`20% of rd_cost`),\n\
         or an item (rule, schema, policy, pool, stack, test) added to the session; an item may\n\
         span lines and ends when it is complete. Ctrl-C cancels the input, Ctrl-D leaves.",
        show::columns(&rows)
    ))
}

fn usage(name: &str) -> Output {
    match COMMANDS.iter().find(|c| c.name == name) {
        Some(c) => Output::failed(format!("usage: {} {}", c.name, c.args).trim_end().to_string()),
        None => Output::failed(format!("usage: see :help for `{name}`")),
    }
}

/// `:load <paths>`: replaces the loaded files; the typed items are kept and must still fit.
pub(super) fn load(session: &mut Session, paths: Vec<PathBuf>) -> Output {
    if paths.is_empty() {
        return usage(":load");
    }
    if let Some(json) = paths.iter().find(|p| is_facts_file(p)) {
        let json = json.display();
        return Output::failed(format!(
            "`{json}` holds facts, not rules: read it with :facts {json} (nothing changed)"
        ));
    }
    let Loaded { program, warnings, .. } = match crate::load(&paths) {
        Ok(loaded) => loaded,
        Err(errors) => return Output::failed(session.diagnostics(&errors)).and("(nothing changed)"),
    };
    let files = program.sources.clone();
    let policies = program.policies.len();
    let summary = format!(
        "loaded {} file(s): {policies} polic{}, {} rule(s){}",
        files.len(),
        if policies == 1 { "y" } else { "ies" },
        program.rules.len(),
        if warnings.is_empty() { String::new() } else { format!(", {} warning(s)", warnings.len()) }
    );
    let program = if session.typed.is_empty() {
        program
    } else {
        match session.compile(&files, &session.typed) {
            Ok(loaded) => loaded.program,
            Err(errors) => {
                return Output::failed(session.diagnostics(&errors))
                    .and("the items typed in this session do not fit these files (nothing changed)")
            }
        }
    };
    let shown = session.diagnostics(&warnings);
    session.paths = paths;
    session.files = files;
    let note = session.install(program);
    Output::done(summary).and(&shown).and(&note)
}

/// A JSON file: named `.json`/`.jsonl`, or a file whose text starts with `{` or `[`.
fn is_facts_file(path: &std::path::Path) -> bool {
    let named = path.extension().is_some_and(|e| e == "json" || e == "jsonl");
    let starts = || {
        let mut head = [0u8; 64];
        let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
        let text = String::from_utf8_lossy(head.get(..n).unwrap_or_default()).into_owned();
        text.trim_start_matches('\u{FEFF}').trim_start().starts_with(['{', '['])
    };
    path.is_file() && (named || starts())
}

/// `:reload`: the same paths, read again.
fn reload(session: &mut Session) -> Output {
    if session.paths.is_empty() {
        return Output::failed("nothing loaded yet: :load <paths>");
    }
    load(session, session.paths.clone())
}

/// `:facts <file>`: replaces the facts if the file fits the rules.
pub(super) fn read_facts(session: &mut Session, path: &str) -> Output {
    let text = match crate::read_text(std::path::Path::new(path), crate::MAX_FACTS_BYTES) {
        Ok(text) => text,
        Err(error) => return Output::failed(session.diagnostics(&[error])),
    };
    let facts = match session.program.facts(path, &text) {
        Ok(facts) => facts,
        Err(errors) => return Output::failed(session.diagnostics(&errors)).and("(the facts are unchanged)"),
    };
    match serde_json::from_str(&text) {
        Ok(json) => {
            session.facts_json = Some(json);
            session.facts = Some(facts);
            session.facts_name = path.to_string();
            session.focus = None;
            Output::done(session.facts_summary())
        }
        Err(e) => Output::failed(format!("{path}: {e}")),
    }
}
