//! The `:` commands: one table (for `:help` and completion), the dispatch, and the commands
//! that load rules and facts or move the session's date and focus.

use super::{show, Output, Session, Status};
use crate::t;
use crate::Loaded;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A command as `:help` lists it.
pub struct Command {
    pub name: &'static str,
    pub args: &'static str,
    /// The key of its line in `:help` (`locales/<lang>/repl.ftl`).
    pub help: &'static str,
}

const fn command(name: &'static str, args: &'static str, help: &'static str) -> Command {
    Command { name, args, help }
}

/// Every command, in the order `:help` lists them.
pub const COMMANDS: &[Command] = &[
    command(":help", "", "repl-help-help"),
    command(":load", "<paths>", "repl-help-load"),
    command(":reload", "", "repl-help-reload"),
    command(":facts", "[file]", "repl-help-facts"),
    command(":set", "<path> = <value>", "repl-help-set"),
    command(":unset", "<path>", "repl-help-unset"),
    command(":as_of", "[YYYY-MM-DD]", "repl-help-as-of"),
    command(":focus", "[entity]", "repl-help-focus"),
    command(":eval", "[entity]", "repl-help-eval"),
    command(":why", "<rule> [entity]", "repl-help-why"),
    command(":why-not", "<rule> [entity]", "repl-help-why-not"),
    command(":type", "<expr>", "repl-help-type"),
    command(":rules", "", "repl-help-rules"),
    command(":schema", "", "repl-help-schema"),
    command(":show", "<rule>", "repl-help-show"),
    command(":quit", "", "repl-help-quit"),
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
                let help = if help.starts_with("did you mean") { help } else { t!("repl-help-lists-them") };
                Output::failed(t!("repl-unknown-command", name = name, help = help))
            }
        }
    }

    /// `:facts` alone: the facts as JSON, with every `:set` applied.
    fn show_facts(&self) -> Output {
        match &self.facts_json {
            Some(json) => Output::done(serde_json::to_string_pretty(json).unwrap_or_default()),
            None => Output::done(t!("repl-no-facts-yet-set")),
        }
    }

    /// `:as_of [date]`.
    fn set_as_of(&mut self, rest: &str) -> Output {
        if !rest.is_empty() {
            match NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
                Ok(date) => self.as_of = Some(date),
                Err(_) => return Output::failed(t!("repl-not-a-date", text = rest)),
            }
        }
        let from = if self.as_of.is_some() {
            t!("repl-as-of-set")
        } else if self.facts.as_ref().and_then(|f| f.as_of).is_some() {
            t!("repl-as-of-facts")
        } else {
            t!("repl-as-of-today")
        };
        Output::done(t!("repl-as-of", date = self.as_of().to_string(), from = from))
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
                    Some(path) => Output::done(t!("repl-focus", path = path, kind = kind)),
                    None => Output::done(t!("repl-focus-no-facts", kind = kind)),
                }
            }
            Err(failed) => failed,
        }
    }

    /// One line on the facts just read: the top-level entities and the date.
    fn facts_summary(&self) -> String {
        let Some(facts) = &self.facts else { return t!("repl-no-facts") };
        let mut roots: Vec<String> = facts.roots.iter().take(5).map(|r| r.path.to_string()).collect();
        if facts.roots.len() > 5 {
            roots.push(t!("repl-and-more", count = facts.roots.len() - 5));
        }
        let roots = if roots.is_empty() { t!("repl-no-entities") } else { roots.join(&t!("list-separator")) };
        let name = self.facts_name.as_str();
        match facts.as_of {
            Some(d) => t!("repl-facts-summary-as-of", name = name, roots = roots, date = d.to_string()),
            None => t!("repl-facts-summary", name = name, roots = roots),
        }
    }
}

fn help() -> Output {
    let rows: Vec<Vec<String>> = COMMANDS
        .iter()
        .map(|c| {
            vec![
                format!("{} {}", c.name, placeholders(c.args)).trim_end().to_string(),
                crate::i18n::message(c.help, &[]),
            ]
        })
        .collect();
    Output::done(format!("{}\n{}", show::columns(&rows, None), t!("repl-help-tail")))
}

/// A command's arguments with each placeholder (`<path>`, `[entity]`) in the reader's words.
pub(super) fn placeholders(args: &str) -> String {
    const WORDS: [(&str, &str); 8] = [
        ("paths", "repl-arg-paths"),
        ("file", "repl-arg-file"),
        ("path", "repl-arg-path"),
        ("value", "repl-arg-value"),
        ("entity", "repl-arg-entity"),
        ("rule", "repl-arg-rule"),
        ("expr", "repl-arg-expr"),
        ("expression", "repl-arg-expression"),
    ];
    let mut out = args.to_string();
    for (word, key) in WORDS {
        let said = crate::i18n::message(key, &[]);
        out =
            out.replace(&format!("<{word}>"), &format!("<{said}>")).replace(&format!("[{word}]"), &format!("[{said}]"));
    }
    out
}

fn usage(name: &str) -> Output {
    match COMMANDS.iter().find(|c| c.name == name) {
        Some(c) => Output::failed(t!("repl-usage", usage = format!("{} {}", c.name, placeholders(c.args)).trim_end())),
        None => Output::failed(t!("repl-usage-see-help", name = name)),
    }
}

/// `:load <paths>`: replaces the loaded files; the typed items are kept and must still fit.
pub(super) fn load(session: &mut Session, paths: Vec<PathBuf>) -> Output {
    if paths.is_empty() {
        return usage(":load");
    }
    if let Some(json) = paths.iter().find(|p| is_facts_file(p)) {
        return Output::failed(t!("repl-holds-facts", file = json.display().to_string()));
    }
    let Loaded { program, warnings, .. } = match crate::load(&paths) {
        Ok(loaded) => loaded,
        Err(errors) => return Output::failed(session.diagnostics(&errors)).and(&t!("repl-nothing-changed")),
    };
    let files = program.sources.clone();
    let policies = program.policies.len();
    let (rules, count) = (program.rules.len(), files.len());
    let summary = match warnings.len() {
        0 => t!("repl-loaded", files = count, policies = policies, rules = rules),
        n => t!("repl-loaded-warnings", files = count, policies = policies, rules = rules, warnings = n),
    };
    let program = if session.typed.is_empty() {
        program
    } else {
        match session.compile(&files, &session.typed) {
            Ok(loaded) => loaded.program,
            Err(errors) => return Output::failed(session.diagnostics(&errors)).and(&t!("repl-typed-do-not-fit")),
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
        return Output::failed(t!("repl-nothing-loaded"));
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
        Err(errors) => return Output::failed(session.diagnostics(&errors)).and(&t!("repl-facts-unchanged")),
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

#[cfg(test)]
mod tests {
    use super::COMMANDS;
    use crate::i18n::{message_in, Lang};

    #[test]
    fn every_command_has_its_help_line_in_every_language() {
        for lang in Lang::ALL {
            for command in COMMANDS {
                assert_ne!(message_in(lang, command.help, &[]), command.help, "{} in {lang:?}", command.name);
            }
        }
    }
}
