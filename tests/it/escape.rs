//! User text in human output is escaped: an entity id, a JSON key or a cite cannot send
//! escapes to the terminal, overwrite a line with CR, or reorder it with a bidi override.
//! JSON output keeps the text exactly.

use crate::cli::{policy, text};
use policy_lang::output::{escape, render_diagnostics, ErrorFormat};
use policy_lang::repl::{Config, Session};

/// An id that retitles the terminal, recolours, returns to the line start, and reverses text.
const HOSTILE: &str = "E1\u{1b}]0;pwned\u{7}\u{1b}[31m\rFAKE ROW\u{202e}\u{9b}";

/// Nothing a terminal would act on.
fn assert_inert(output: &str) {
    let bad: Vec<char> = output
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(c)
                || ('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect();
    assert!(bad.is_empty(), "raw {bad:?} in:\n{output}");
}

fn facts() -> String {
    let demo = std::fs::read_to_string("tests/cli/demo.json").unwrap();
    demo.replace("\"E1\"", &serde_json::to_string(HOSTILE).unwrap())
}

#[test]
fn the_escape_function_shows_every_dangerous_character() {
    assert_eq!(
        escape("a\u{1b}[31m\r\n\t\u{7f}\u{85}\u{202e}\u{2066}b"),
        "a\\u{1b}[31m\\r\\n\\t\\u{7f}\\u{85}\\u{202e}\\u{2066}b"
    );
    assert!(matches!(escape("恒瑞 enterprise.E1 – 20%"), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn tables_escape_entity_ids_and_json_keeps_them() {
    let out = policy(&["eval", "tests/cli/demo.policy", "--facts", "-"], Some(&facts()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert_inert(&table);
    assert!(table.contains("enterprise.E1\\u{1b}]0;pwned\\u{7}\\u{1b}[31m\\rFAKE ROW\\u{202e}\\u{9b}"), "{table}");
    assert!(!table.lines().any(|l| l.starts_with("FAKE ROW")), "{table}");
    let out = policy(&["eval", "tests/cli/demo.policy", "--facts", "-", "--format", "json"], Some(&facts()));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["awards"][0]["entity"], format!("enterprise.{HOSTILE}"));
}

#[test]
fn diagnostics_escape_the_values_they_quote_and_drop_colour_to_do_so() {
    let bad = facts().replace("\"rd_cost\": \"10万\"", "\"rd_cost\": \"10万\", \"\u{1b}[2Jx\u{202e}\": 1");
    let out = policy(&["eval", "tests/cli/demo.policy", "--facts", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_inert(&stderr);
    assert!(stderr.contains("\\u{1b}[2Jx\\u{202e}"), "{stderr}");
    let program = policy_lang::load(&["tests/cli/demo.policy".into()]).unwrap().program;
    let errors = program.facts("facts.json", &bad).unwrap_err();
    assert_inert(&render_diagnostics(&errors, ErrorFormat::Human, true));
    // Clean diagnostics keep their colour.
    let errors = program.facts("facts.json", "{\"enterprise\": 1}").unwrap_err();
    assert!(render_diagnostics(&errors, ErrorFormat::Human, true).contains('\u{1b}'));
}

#[test]
fn test_reports_and_the_repl_escape_what_they_echo() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.policy");
    let facts_value: serde_json::Value =
        serde_json::from_str(&facts().replace("\"as_of\": \"2024-06-30\",", "")).unwrap();
    let test = format!(
        "test \"a\u{1b}[8mhidden\" {{\n  as_of 2024-06-30\n  facts {}\n  expect CARD for enterprise.E1: 1\n}}\n",
        facts_value
    );
    std::fs::write(&file, test).unwrap();
    let out = policy(&["test", "tests/cli/demo.policy", &file.display().to_string()], None);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}{}", text(&out.stderr));
    assert_inert(&report);
    assert!(report.contains("a\\u{1b}[8mhidden"), "{report}");

    let json = dir.path().join("facts.json");
    std::fs::write(&json, facts()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let mut session = Session::new(Config { errors: ErrorFormat::Human, color: true, today, width: None });
    session.load(vec!["tests/cli/demo.policy".into()]);
    for line in [format!(":facts {}", json.display()), ":facts".into(), ":eval".into(), ":focus".into()] {
        let answer = session.handle(&line);
        assert_inert(&answer.text);
    }
    let summary = session.handle(&format!(":facts {}", json.display())).text;
    assert!(summary.contains("enterprise.E1\\u{1b}]0;pwned"), "{summary}");
}
