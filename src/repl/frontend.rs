//! The terminal side of the REPL, kept thin: rustyline reads and edits lines, the
//! [`Session`] answers them. Here live only what needs a terminal: prompts, history on disk,
//! wiring completion and highlighting, and Ctrl-C / Ctrl-D.

use super::{Config, Output, Session, Status};
use crate::output::{escape_lines, ErrorFormat};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Editor, Helper};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const PROMPT: &str = "policy> ";
/// The prompt while an item is being typed; as wide as [`PROMPT`], so the text lines up.
const MORE: &str = "   ...> ";

/// What `policy repl` was given on the command line.
pub struct Options {
    /// Rule files or folders to load first.
    pub paths: Vec<PathBuf>,
    /// A facts file to read first.
    pub facts: Option<String>,
    /// How diagnostics are rendered (`--error-format`).
    pub errors: ErrorFormat,
}

/// Runs the REPL until `:quit` or Ctrl-D. Fails only if the terminal cannot be used.
pub fn run(options: Options) -> Result<(), String> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = crate::output::terminal_width();
    let config = Config { errors: options.errors, color, today: crate::dates::today(), width };
    let mut session = Session::new(config);
    say(&format!("{}\n", crate::t!("repl-banner")))?;
    if !options.paths.is_empty() {
        print(&session.load(options.paths))?;
    }
    if let Some(facts) = &options.facts {
        print(&session.load_facts(facts))?;
    }
    let config = rustyline::Config::builder().completion_type(CompletionType::List).auto_add_history(false).build();
    let mut editor: Editor<Shell, FileHistory> = Editor::with_config(config).map_err(|e| reason(&e))?;
    editor.set_helper(Some(Shell { session, color }));
    let history = history_path();
    if let Some(path) = &history {
        // A missing or unreadable history is no reason not to start.
        let _ = editor.load_history(path);
    }
    let mut history_failed = false;
    // The lines of the input being typed, kept whole in the history.
    let mut entry = String::new();
    loop {
        let pending = editor.helper().is_some_and(|shell| shell.session.is_pending());
        let line = match editor.readline(if pending { MORE } else { PROMPT }) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                entry.clear();
                if editor.helper_mut().is_some_and(|shell| shell.session.cancel()) {
                    say(&format!("{}\n", crate::t!("repl-cancelled")))?;
                }
                continue;
            }
            Err(ReadlineError::Eof) => {
                if std::io::stdout().is_terminal() {
                    say("\n")?;
                }
                break;
            }
            Err(e) => return Err(reason(&e)),
        };
        let Some(shell) = editor.helper_mut() else { break };
        let output = shell.session.handle(&line);
        let still_pending = shell.session.is_pending();
        let finished = if line.trim_start().starts_with(':') {
            Some(line.clone())
        } else {
            if !entry.is_empty() {
                entry.push('\n');
            }
            entry.push_str(&line);
            (!still_pending).then(|| std::mem::take(&mut entry))
        };
        if let (Some(text), Some(path)) = (finished.filter(|t| !t.trim().is_empty()), &history) {
            let _ = editor.add_history_entry(text);
            if let Err(e) = editor.append_history(path) {
                if !history_failed {
                    let text =
                        crate::t!("repl-history-not-saved", path = path.display().to_string(), error = reason(&e));
                    print(&Output { text: escape_lines(&text).into_owned() + "\n", status: Status::Failed })?;
                }
                history_failed = true;
            }
        }
        print(&output)?;
        if output.status == Status::Quit {
            break;
        }
    }
    Ok(())
}

/// Answers on stdout, failures on stderr; a write that fails ends the session with an error.
fn print(output: &Output) -> Result<(), String> {
    let written = if output.status == Status::Failed {
        std::io::stderr().lock().write_all(output.text.as_bytes())
    } else {
        std::io::stdout().lock().write_all(output.text.as_bytes())
    };
    written.and_then(|()| std::io::stdout().flush()).map_err(|e| format!("cannot write the answer: {e}"))
}

/// Writes the REPL's own words to stdout.
fn say(text: &str) -> Result<(), String> {
    print(&Output { text: text.into(), status: Status::Done })
}

/// Where the history is kept: `$POLICY_HISTORY`, else `$XDG_STATE_HOME/policy/history`,
/// else `~/.policy_history`; `None` if there is no home.
fn history_path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(path) = var("POLICY_HISTORY") {
        return Some(path);
    }
    if let Some(state) = var("XDG_STATE_HOME") {
        let dir = state.join("policy");
        // If the folder cannot be made, saving fails later and says so once.
        let _ = std::fs::create_dir_all(&dir);
        return Some(dir.join("history"));
    }
    var("HOME").map(|home| home.join(".policy_history"))
}

/// rustyline's helper: the session itself, so completion sees the current rules and facts.
struct Shell {
    session: Session,
    color: bool,
}

impl Completer for Shell {
    type Candidate = String;

    fn complete(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.session.complete(line, pos))
    }
}

impl Highlighter for Shell {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.color {
            Cow::Owned(self.session.highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Hinter for Shell {
    type Hint = String;
}

impl Validator for Shell {}

impl Helper for Shell {}

/// Why the terminal failed, in the reader's language (`io::reason`).
fn reason(e: &ReadlineError) -> String {
    match e {
        ReadlineError::Io(e) => crate::io::reason(e),
        #[cfg(unix)]
        ReadlineError::Errno(errno) => crate::io::reason(&std::io::Error::from_raw_os_error(*errno as i32)),
        other => other.to_string(),
    }
}
