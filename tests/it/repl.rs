//! The REPL: scripted sessions against its logic (no terminal), completion, robustness, and
//! one session typed into the real binary in a pseudo-terminal.
//!
//! Each `tests/repl/*.session` file is a transcript: lines after the prompt (`policy> `, or
//! `   ...> ` while an item is being typed) are input, the rest is the expected output; a
//! line `^C` presses Ctrl-C. The test replays the inputs and compares the whole transcript.
//! After a deliberate change, `INSTA_UPDATE=always cargo test` rewrites them: review the diff.

use chrono::NaiveDate;
use policy_lang::output::ErrorFormat;
use policy_lang::repl::{Config, Session, Status};
use pretty_assertions::assert_eq;
use std::path::Path;

const PROMPT: &str = "policy> ";
const MORE: &str = "   ...> ";

fn session() -> Session {
    let today = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None })
}

/// A session with the demo rules and facts loaded.
fn demo() -> Session {
    let mut s = session();
    assert_eq!(s.handle(":load tests/repl/demo.policy").status, Status::Done);
    assert_eq!(s.handle(":facts tests/repl/demo.json").status, Status::Done);
    s
}

/// Replays the inputs of a transcript and returns the transcript the session produces.
fn replay(script: &str) -> String {
    let mut s = session();
    let mut out = String::new();
    for line in script.lines() {
        let Some(input) = line.strip_prefix(PROMPT).or_else(|| line.strip_prefix(MORE)) else { continue };
        let input = input.trim_end();
        out.push_str(if s.is_pending() { MORE } else { PROMPT });
        out.push_str(input);
        out.push('\n');
        if input == "^C" {
            s.cancel();
            continue;
        }
        let output = s.handle(input);
        out.push_str(&output.text);
        if output.status == Status::Quit {
            break;
        }
    }
    out
}

#[test]
fn every_scripted_session_replays_as_written() {
    let mut paths: Vec<_> = std::fs::read_dir("tests/repl")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "session"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "expected the session files, found {paths:?}");
    let update = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always");
    for path in paths {
        let expected = std::fs::read_to_string(&path).unwrap();
        let actual = replay(&expected);
        if update && actual != expected {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        assert_eq!(actual, expected, "{} differs", path.display());
    }
}

// ------------------------------------------------------------------ the logic, piece by piece

#[test]
fn a_constant_expression_has_a_value_without_rules_or_facts() {
    let out = session().handle("20% of 3000万");
    assert_eq!(out.status, Status::Done);
    assert!(out.text.starts_with("600万 (6,000,000.00) : money\n"), "{}", out.text);
}

#[test]
fn an_item_continues_until_it_parses_and_ctrl_c_drops_it() {
    let mut s = demo();
    for line in ["rule R1 for drug", "{", "  cite \"x", "y\"", "  reward 1万"] {
        let out = s.handle(line);
        assert_eq!((out.status, out.text.as_str()), (Status::More, ""), "after {line:?}");
    }
    assert!(s.is_pending());
    assert!(s.cancel());
    assert!(!s.is_pending());
    assert!(!s.cancel());
    assert!(s.handle(":rules").text.contains("TRIAL"));
    assert!(!s.handle(":rules").text.contains("R1"));
}

/// A block handed over at once (a paste, bracketed or not) is read as if typed line by line.
#[test]
fn a_pasted_block_is_read_line_by_line() {
    let mut s = demo();
    let out = s.handle(
        "rule R1 for drug {\n  cite \"第九条\"\n  when in_city\n  on as_of\n  reward 1万\n  once\n}\n20% of 3000万\n",
    );
    assert_eq!(out.status, Status::Done, "{}", out.text);
    assert!(out.text.contains("added rule `R1` for drug (policy repl)"), "{}", out.text);
    assert!(out.text.contains("600万 (6,000,000.00) : money"), "{}", out.text);
    assert!(!s.is_pending());
    let half = s.handle("rule R2 for drug {\n  on as_of every_event\n  reward 2万");
    assert_eq!((half.status, s.is_pending()), (Status::More, true));
    assert!(s.handle("}").text.contains("added rule `R2`"));
    assert!(s.handle(":show 第九条").text.contains("rule R1 for drug"));
}

#[test]
fn an_open_bracket_continues_an_expression_and_a_complete_one_does_not() {
    let mut s = demo();
    assert_eq!(s.handle("(rd_cost").status, Status::More);
    let out = s.handle("+ 1万) * 2");
    assert_eq!(out.status, Status::Done, "{}", out.text);
    assert!(out.text.starts_with("1602万 (16,020,000.00) : money"), "{}", out.text);
    // An operator left hanging is an error at once, not a wait.
    assert_eq!(s.handle("rd_cost +").status, Status::Failed);
    assert!(!s.is_pending());
}

#[test]
fn commands_work_halfway_through_an_item() {
    let mut s = demo();
    assert_eq!(s.handle("rule R1 for drug {").status, Status::More);
    assert_eq!(s.handle("on as_of every_event").status, Status::More);
    assert!(s.handle(":schema").text.contains("phase_completed?: phase"));
    assert!(s.is_pending());
    assert_eq!(s.handle("reward 10% of rd_cost").status, Status::More);
    let out = s.handle("}");
    assert_eq!(out.text, "added rule `R1` for drug (policy repl)\n");
}

#[test]
fn a_failed_item_changes_nothing_and_a_corrected_one_replaces_the_draft() {
    let mut s = demo();
    let out = s.handle("rule R1 for drug { on as_of every_event reward 10% of rd_cots }");
    assert_eq!(out.status, Status::Failed);
    assert!(out.text.contains("did you mean `rd_cost`?"), "{}", out.text);
    assert!(out.text.contains("(not added)"), "{}", out.text);
    assert!(!s.handle(":rules").text.contains("R1"));
    assert_eq!(
        s.handle("rule R1 for drug { on as_of every_event reward 10% of rd_cost }").text,
        "added rule `R1` for drug (policy repl)\n"
    );
    assert_eq!(
        s.handle("rule R1 for drug { on as_of every_event reward 5% of rd_cost }").text,
        "replaced rule `R1` for drug (policy repl)\n"
    );
    let why = s.handle(":why R1 enterprise.E1.drugs.D1").text;
    assert!(why.contains("150万 (1,500,000.00)"), "{why}");
}

#[test]
fn setting_a_fact_changes_the_next_answer() {
    let mut s = demo();
    assert!(s.handle(":why-not RD").text.contains("rd_cost >= 1000万"));
    assert_eq!(
        s.handle(":set enterprise.E1.rd_cost = 2000万").text,
        "enterprise.E1.rd_cost = \"2000万\" (was \"800万\")\n"
    );
    let why = s.handle(":why RD").text;
    assert!(why.contains("enterprise.E1: up to 200万 (2,000,000.00)"), "{why}");
    // A value the facts reader refuses is reported, and the facts stay as they were.
    let out = s.handle(":set enterprise.E1.rd_cost = lots");
    assert_eq!(out.status, Status::Failed);
    assert!(s.handle(":why RD").text.contains("up to 200万"));
}

#[test]
fn set_writes_numbers_for_counts_and_text_for_money() {
    let mut s = session();
    let rules = "schema { entity firm { staff: count, capital: money, rate?: rate, founded?: date } }";
    assert_eq!(s.handle(rules).status, Status::Done);
    let out = s.handle(r#":set firm.F1 = {"staff": 3, "capital": 0}"#);
    assert_eq!(out.text, "firm.F1 = {\"staff\":3,\"capital\":0}\n");
    assert_eq!(s.handle(":set firm.F1.staff = 1万").text, "firm.F1.staff = 10000 (was 3)\n");
    assert_eq!(s.handle(":set firm.F1.capital = 1.5亿").text, "firm.F1.capital = \"1.5亿\" (was 0)\n");
    assert_eq!(s.handle(":set firm.F1.rate = 20%").text, "firm.F1.rate = \"20%\"\n");
    assert_eq!(s.handle(":set firm.F1.founded = 2020-01-01").text, "firm.F1.founded = \"2020-01-01\"\n");
    assert!(s.handle("capital").text.starts_with("1.5亿 (150,000,000.00) : money"));
    assert_eq!(s.handle("staff * 2").text, "20,000 : count\n");
}

#[test]
fn money_shows_its_exact_short_form_only() {
    let mut s = session();
    for (expr, shown) in [
        ("1200万元", "1200万 (12,000,000.00) : money"),
        ("1.5亿元", "1.5亿 (150,000,000.00) : money"),
        ("12345.5元", "12,345.50 : money"),
        ("100万元 / 3", "333,333.33333333333333333333333 : money"),
        ("3000万", "30,000,000 : number"),
    ] {
        let out = s.handle(&format!(":type {expr}"));
        assert_eq!(out.status, Status::Done, "{expr}: {}", out.text);
        let out = s.handle(expr);
        assert!(out.text.starts_with(shown), "{expr}: {}", out.text);
    }
}

#[test]
fn quit_ends_the_session_and_nothing_else_does() {
    let mut s = demo();
    for line in [":quit", ":q", ":exit"] {
        assert_eq!(s.handle(line).status, Status::Quit);
    }
    assert_eq!(s.handle(":help").status, Status::Done);
}

/// Odd input of every kind: each gets an answer, none panics, the session keeps working.
#[test]
fn no_input_breaks_the_session() {
    let mut s = demo();
    let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    let long = "9".repeat(200);
    let inputs = [
        "",
        " ",
        "\t",
        ":",
        "::",
        ": help",
        ":set",
        ":set =",
        ":set = 1",
        ":set enterprise",
        ":set enterprise.E1 = 1",
        ":set enterprise.E1.id = X",
        ":set ..x = 1",
        ":set enterprise.E1.drugs = 1",
        ":unset",
        ":unset nothing.here",
        ":unset enterprise.E9",
        ":unset enterprise.E1.id",
        ":facts /nonexistent.json",
        ":facts tests/repl",
        ":load",
        ":load /nonexistent",
        ":why",
        ":why a b c",
        ":why-not TRIAL enterprise.E9",
        ":show",
        ":show X Y",
        ":eval x y",
        ":as_of 2024-02-30",
        ":focus enterprise.E9",
        ":type",
        ":type )",
        "}",
        ")",
        "]",
        "\"",
        "//",
        "rule",
        "pool",
        "test",
        "schema {}",
        "policy",
        "rule X for nothing { on as_of every_event reward 1 }",
        "policy p {} policy q {}",
        &deep,
        &long,
        "1/0 of 1万",
        "as_of + 1 year",
        "rd_cost / 0",
        "名字",
        "😀",
        "\u{3000}",
        "\0",
        "\x1b[A",
        "enterprise.E1.rd_cost",
        "by phase_completed { I => 1 }",
        "if true then 1 else 2",
    ];
    for input in inputs {
        let out = s.handle(input);
        assert_ne!(out.status, Status::Quit, "{input:?}");
        s.cancel();
    }
    let out = s.handle(":why TRIAL enterprise.E1.drugs.D1");
    assert!(out.text.contains("400万 (4,000,000.00)"), "{}", out.text);
}

// ------------------------------------------------------------------ completion

fn completions(s: &Session, line: &str) -> Vec<String> {
    s.complete(line, line.len()).1
}

#[test]
fn completion_offers_commands_rule_ids_and_entities() {
    let s = demo();
    assert_eq!(completions(&s, ":wh"), [":why ", ":why-not "]);
    assert_eq!(completions(&s, ":sh"), [":show "]);
    assert_eq!(completions(&s, ":sc"), [":schema"]);
    assert_eq!(completions(&s, ":show T"), ["TRIAL"]);
    assert_eq!(completions(&s, ":why-not "), ["RD", "TRIAL"]);
    assert_eq!(completions(&s, ":why TRIAL enterprise.E1.d"), ["enterprise.E1.drugs.D1", "enterprise.E1.drugs.D2"]);
    assert_eq!(completions(&s, ":eval enterprise.E1.drugs.D2"), Vec::<String>::new());
    // Where the replaced word starts.
    assert_eq!(s.complete(":show T", 7).0, 6);
}

#[test]
fn completion_offers_fact_paths_and_enum_values_for_set() {
    let s = demo();
    let paths = completions(&s, ":set enterprise.E1.drugs.D1.");
    assert_eq!(
        paths,
        [
            "enterprise.E1.drugs.D1.completed_on",
            "enterprise.E1.drugs.D1.in_city",
            "enterprise.E1.drugs.D1.phase_completed",
            "enterprise.E1.drugs.D1.rd_cost"
        ]
    );
    assert_eq!(completions(&s, ":set enterprise.E1.drugs.D1.phase_completed = "), ["I", "II", "III", "preclinical"]);
    assert_eq!(completions(&s, ":set enterprise.E1.drugs.D1.in_city = f"), ["false"]);
    assert!(completions(&s, ":unset enterprise.E1.").contains(&"enterprise.E1.rd_cost".to_string()));
}

#[test]
fn completion_offers_fields_of_the_rule_being_typed_and_keywords() {
    let mut s = demo();
    assert_eq!(completions(&s, "rd_"), ["rd_cost"]);
    assert_eq!(completions(&s, "phase_c"), ["phase_completed"]);
    assert_eq!(completions(&s, "per_y"), ["per_year_cap"]);
    assert_eq!(completions(&s, "enterprise.r"), ["enterprise.rd_cost"]);
    assert_eq!(completions(&s, "x == pre"), ["preclinical"]);
    assert_eq!(s.handle("rule R for enterprise {").status, Status::More);
    // In a rule for enterprise, a drug's fields are not offered.
    assert_eq!(completions(&s, "  when in_"), Vec::<String>::new());
    assert_eq!(completions(&s, "  when na"), ["name"]);
}

#[test]
fn completion_offers_file_names_for_load_and_facts() {
    let s = session();
    assert_eq!(completions(&s, ":load tests/rep"), ["tests/repl/"]);
    assert_eq!(completions(&s, ":facts tests/repl/demo.j"), ["tests/repl/demo.json"]);
}

#[test]
fn highlighting_only_adds_colour() {
    let s = demo();
    for line in [
        "rule R for drug { cite \"（三）\" reward 20% of rd_cost max 400万 } // note",
        ":set enterprise.E1.rd_cost = 3000万",
        "\"unclosed",
        "2024-01-01 + 1 year",
    ] {
        let shown = s.highlight(line);
        assert_ne!(shown, line);
        assert_eq!(strip_ansi(&shown), line);
    }
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|c| *c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

// ------------------------------------------------------------------ the binary

/// Piped input: no terminal, the same answers; a history that cannot be written is noted,
/// not fatal.
#[test]
fn the_binary_reads_a_script_from_a_pipe() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempdir("pipe");
    let history = dir.join("no such folder").join("history");
    let mut child = crate::common::policy()
        .args(["--error-format", "plain", "repl", "tests/repl/demo.policy", "--facts", "tests/repl/demo.json"])
        .env("POLICY_HISTORY", &history)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let script = "20% of 3000万\nrule R1 for drug { on as_of every_event\n  reward 1万\n}\n:why R1 enterprise.E1.drugs.D1\nrd_cots\n";
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("loaded 1 file(s): 1 policy, 2 rule(s)"), "{stdout}");
    assert!(stdout.contains("600万 (6,000,000.00) : money"), "{stdout}");
    assert!(stdout.contains("added rule `R1` for drug (policy repl)"), "{stdout}");
    assert!(stdout.contains("enterprise.E1.drugs.D1: 1万 (10,000.00)"), "{stdout}");
    assert!(stderr.contains("did you mean `rd_cost`?"), "{stderr}");
    assert_eq!(stderr.matches("note: the history cannot be saved").count(), 1, "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A fresh folder under the target directory, for one test's history file.
fn tempdir(test: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("repl-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The real binary in a pseudo-terminal, and the screen it draws (rebuilt with vt100).
struct Terminal {
    process: rexpect::session::PtySession,
    screen: vt100::Parser,
    seen: Vec<u8>,
}

impl Terminal {
    fn start(history: &Path) -> Terminal {
        let mut command = crate::common::policy();
        command
            .args(["repl", "tests/repl/demo.policy", "--facts", "tests/repl/demo.json"])
            .env("TERM", "xterm-256color")
            .env("POLICY_HISTORY", history)
            .env_remove("NO_COLOR");
        let process = rexpect::session::spawn_command(command, Some(30_000)).unwrap();
        Terminal { process, screen: vt100::Parser::new(60, 80, 0), seen: Vec::new() }
    }

    /// Waits for `needle`.
    fn expect(&mut self, needle: &str) {
        // rexpect hands over each byte as one char: needles go in that way, output comes back.
        let latin1: String = needle.bytes().map(char::from).collect();
        let before = self.process.exp_string(&latin1).unwrap_or_else(|e| {
            panic!("waiting for {needle:?}: {e}\nso far:\n{}", String::from_utf8_lossy(&self.seen))
        });
        self.draw(&bytes(&before));
        self.draw(needle.as_bytes());
    }

    /// Types a line and Enter, and waits until the line is taken: rustyline redraws the line
    /// (prompt included) at every key, with `\r`; only Enter moves down.
    fn enter(&mut self, line: &str) {
        self.process.send_line(line).unwrap();
        self.expect("\n");
    }

    /// Types keys without Enter (Tab `\t`, Up `\x1b[A`).
    fn keys(&mut self, keys: &str) {
        self.process.send(keys).unwrap();
        self.process.flush().unwrap();
    }

    fn draw(&mut self, output: &[u8]) {
        self.seen.extend(output);
        self.screen.process(output);
    }

    /// Ctrl-D, then the screen once the program has left.
    fn leave(mut self) -> String {
        self.process.send_control('d').unwrap();
        let rest = self.process.exp_eof().unwrap();
        self.draw(&bytes(&rest));
        self.screen.screen().contents()
    }
}

fn bytes(latin1: &str) -> Vec<u8> {
    latin1.chars().map(|c| u8::try_from(c).unwrap_or(b'?')).collect()
}

/// A person at a terminal: typing with Enter, Tab, Ctrl-C and Ctrl-D, and coming back the
/// next day to find the history.
#[test]
fn a_person_at_a_terminal() {
    let dir = tempdir("pty");
    let history = dir.join("history");
    let mut t = Terminal::start(&history);
    t.expect("policy> ");
    t.enter("20% of 3000万");
    t.expect("600万 (6,000,000.00) : money");
    t.expect("policy> ");

    // A rule over three lines: the prompt changes until it is complete.
    t.enter("rule R1 for drug {");
    t.expect("...> ");
    t.enter("  on as_of every_event");
    t.expect("...> ");
    t.enter("  reward 10% of rd_cost");
    t.expect("...> ");
    t.enter("}");
    t.expect("added rule `R1` for drug (policy repl)");
    t.expect("policy> ");

    // Lines typed ahead in one burst (a paste without bracketed paste) all arrive.
    t.keys("rule R3 for drug {\r  cite \"x\"\r  on as_of\r  reward 3万\r  once\r}\r");
    t.expect("added rule `R3` for drug (policy repl)");
    t.expect("policy> ");

    // Tab completes the command and the rule id.
    t.keys(":sh\t");
    t.keys("TR\t");
    t.enter("");
    t.expect("max by phase_completed");
    t.expect("policy> ");

    // A mistake, then the session goes on.
    t.enter("rd_cots");
    t.expect("did you mean `rd_cost`?");
    t.expect("policy> ");
    t.enter(":set enterprise.E1.drugs.D1.rd_cost = 1000万");
    t.expect("(was \"3000万\")");
    t.expect("policy> ");
    t.enter(":why TRIAL enterprise.E1.drugs.D1");
    t.expect("20% × 10,000,000 = 2,000,000");
    t.expect("policy> ");

    // Ctrl-C drops a half-typed rule.
    t.enter("rule R2 for drug {");
    t.expect("...> ");
    t.process.send_control('c').unwrap();
    t.expect("(input cancelled)");
    t.expect("policy> ");

    let shown = t.leave();
    for line in [
        "policy> 20% of 3000万",
        "600万 (6,000,000.00) : money",
        "policy> rule R1 for drug {",
        "   ...>   reward 10% of rd_cost",
        "   ...> }",
        "added rule `R1` for drug (policy repl)",
        "policy> :show TRIAL",
        "// 按研发费用20%奖励, capped by the phase completed.",
        "policy> rd_cots",
        "  help: did you mean `rd_cost`?",
        "enterprise.E1.drugs.D1: 200万 (2,000,000.00)",
        "policy> rule R2 for drug {",
        "(input cancelled)",
    ] {
        assert!(shown.lines().any(|l| l.trim_end() == line), "{line:?} not on the screen:\n{shown}");
    }
    // The rule went into the history as one entry, the half-typed one not at all.
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(saved.contains("rule R1 for drug {\\n  on as_of every_event\\n  reward 10% of rd_cost\\n}"), "{saved}");
    assert!(!saved.contains("R2"), "{saved}");

    // The next run starts with that history: Up brings back the last command.
    let mut t = Terminal::start(&history);
    t.expect("policy> ");
    t.keys("\x1b[A");
    t.expect("TRIAL enterprise.E1.drugs.D1"); // `:why` is coloured apart
    t.enter("");
    t.expect("20% × 30,000,000 = 6,000,000");
    t.expect("policy> ");
    let shown = t.leave();
    assert!(shown.contains("max 4,000,000: 6,000,000 → 4,000,000 (capped)"), "{shown}");
    std::fs::remove_dir_all(dir).unwrap();
}
