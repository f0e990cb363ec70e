//! Issue 12, round two: hostile input gives a located diagnostic, never a panic, lost output
//! or unbounded cost. Each test drives the real binary or the library as a user would.

use std::path::PathBuf;
use std::process::Output;

/// Writes `text` to a fresh file in the temporary folder and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("policy-hardening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn policy(args: &[&str]) -> Output {
    crate::common::policy().args(args).env("NO_COLOR", "1").output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const SCHEMA: &str = "schema { entity enterprise { a: money } }\npolicy p { issued 2024-01-01 }\n";

#[test]
fn a_diagnostic_past_column_65535_in_facts_is_located_not_a_panic() {
    let facts = file("far_right.json", &format!("{{{}x", " ".repeat(70_000)));
    let out = policy(&["eval", "tests/cli/demo.policy", "--facts", facts.to_str().unwrap(), "--error-format", "plain"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("far_right.json:1:70002]"), "{err}");
    assert!(err.len() < 2_000, "the line is shown whole: {} bytes", err.len());
}

#[test]
fn a_diagnostic_past_column_65535_in_rules_is_located_not_a_panic() {
    let rules =
        format!("{SCHEMA}{}rule R for enterprise {{ on as_of every_event reward a + zz }}\n", " ".repeat(70_000));
    let path = file("far_right.policy", &rules);
    let out = policy(&["check", path.to_str().unwrap(), "--error-format", "plain"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("far_right.policy:3:70057]"), "{err}");
    assert!(err.contains("reward a + zz") && err.contains("not a field of `enterprise`"), "{err}");
    assert!(err.len() < 2_000, "the line is shown whole: {} bytes", err.len());
}

#[test]
fn a_long_neighbouring_line_or_wide_characters_do_not_upset_the_snippet() {
    let wide = "元".repeat(30_000);
    let rules = format!("{SCHEMA}// {wide}\nrule R for enterprise {{ on as_of every_event reward a + zz }}\n// {wide}\nrule S for enterprise {{ on as_of every_event title \"{wide}\" reward a + yy }}\n");
    let path = file("wide.policy", &rules);
    let out = policy(&["check", path.to_str().unwrap(), "--error-format", "human"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("wide.policy:4:57]") && err.contains("`zz`") && err.contains("`yy`"), "{err}");
    assert!(err.len() < 4_000, "a long line is shown whole: {} bytes", err.len());
}

#[test]
fn errors_quote_at_most_sixty_characters_of_a_value() {
    let huge = "9".repeat(1_000_000);
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "name": "n", "rd_cost": "{huge}x", "drugs": [], "{huge}": 1}}], "{huge}y": []}}"#
    );
    let path = file("huge_value.json", &facts);
    let out = policy(&["eval", "tests/cli/demo.policy", "--facts", path.to_str().unwrap(), "--error-format", "json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("top-level keys here"), "{err}");
    assert!(err.contains(&format!(r#"found \"{}… (999941 more characters)\""#, "9".repeat(60))), "{err}");
    assert!(err.contains("has no field `999"), "{err}");
    assert!(err.contains("unknown key `999"), "{err}");
    assert!(err.len() < 5_000, "{} bytes of diagnostics", err.len());

    let asked = policy_lang::Error::NoSuchEntity { entity: "e".repeat(100), roots: String::new() };
    assert!(asked.to_string().ends_with("… (40 more characters)` in the facts"), "{asked}");

    let rules =
        format!("{SCHEMA}rule R for enterprise {{ on as_of every_event reward a + {} }}\n", "z".repeat(1_000_000));
    let path = file("huge_name.policy", &rules);
    let out = policy(&["check", path.to_str().unwrap(), "--error-format", "json"]);
    let err = stderr(&out);
    assert!(err.contains("(999940 more characters)` on `enterprise`"), "{err}");
    assert!(err.len() < 5_000, "{} bytes of diagnostics", err.len());
}

/// The rules of `rule R` over a tier table with `rows`.
fn tiers(rows: impl Iterator<Item = String>) -> String {
    let rows: String = rows.map(|r| format!("    {r},\n")).collect();
    format!("{SCHEMA}rule R for enterprise {{ on as_of every_event\n  reward tiers a {{\n{rows}  }}\n}}\n")
}

#[test]
fn a_thousand_overlapping_tiers_give_one_warning_each_capped_per_file() {
    let text = tiers((0..1000).map(|_| "[0, ..) => 1".to_string()));
    let loaded = policy_lang::compile(vec![policy_lang::Source::new("many.policy", text)]).unwrap();
    let shown: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(shown.len(), policy_lang::MAX_PER_CODE + 1, "{shown:?}");
    assert_eq!(shown.last().map(String::as_str), Some("and 989 more `check::tier_overlap` in `many.policy`"));
    assert_eq!(loaded.warnings.iter().map(policy_lang::Error::count).sum::<usize>(), 999);
}

#[test]
fn every_tier_that_overlaps_an_earlier_one_is_reported_once() {
    let text = tiers(["[0, 10] => 1", "[1, 2] => 2", "[3, 4] => 3", "(20, 30) => 4"].map(String::from).into_iter());
    let loaded = policy_lang::compile(vec![policy_lang::Source::new("t.policy", text)]).unwrap();
    let shown: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        shown,
        [
            "tiers overlap at every value in [1, 2]",
            "tiers overlap at every value in [3, 4]",
            "no tier covers every value in (10, 20]"
        ]
    );
}

/// The messages and helps `compile` gives for these files, in order.
fn messages(files: &[(&str, &str)]) -> Vec<String> {
    let sources = files.iter().map(|(name, text)| policy_lang::Source::new(*name, *text)).collect();
    let errors = policy_lang::compile(sources).err().map(|e| e.0).unwrap_or_default();
    errors
        .iter()
        .map(|e| format!("{e} / {}", miette::Diagnostic::help(e).map(|h| h.to_string()).unwrap_or_default()))
        .collect()
}

const CASES: &str =
    "test \"t\" {\n  facts {\"enterprise\": [{\"id\": \"E1\", \"a\": 1}]}\n  expect WX-16b for enterprise.E1: 1\n}\n";
const THREE_RULES: &str = "policy wuxi { issued 2024-01-01 }\nrule WX-1 for enterprise { on as_of every_event reward a }\nrule WX-2 for enterprise { on as_of every_event reward a }\nrule WX-16 for enterprise { on as_of every_event reward a }\n";

#[test]
fn a_test_naming_a_missing_rule_says_which_rules_are_loaded() {
    let schema = "schema { entity enterprise { a: money } }\n";
    assert_eq!(
        messages(&[("cases.policy", CASES)]),
        ["`WX-16b` names no rule: no rules are loaded / give the rule files as well as the tests, e.g. `policy test rules/ tests/`"]
    );
    assert_eq!(
        messages(&[("schema.policy", schema), ("wuxi.policy", THREE_RULES), ("cases.policy", CASES)]),
        ["`WX-16b` names no rule among the 3 rule(s) loaded / did you mean `WX-16`?"]
    );
    let other = "policy cz { issued 2024-01-01 }\nrule WX-16b for enterprise { on as_of every_event reward a }\n";
    let both = THREE_RULES.replace("WX-16 ", "WX-16b ");
    assert_eq!(
        messages(&[("schema.policy", schema), ("wuxi.policy", &both), ("cz.policy", other), ("cases.policy", CASES)]),
        ["`WX-16b` names rules of 2 policies / say which: `wuxi.WX-16b` or `cz.WX-16b`"]
    );
}

#[test]
fn rules_without_a_schema_say_that_no_schema_is_loaded_and_tests_do_not_pile_on() {
    let rules = format!("{THREE_RULES}{}", CASES.replace("WX-16b", "WX-16"));
    let found = messages(&[("wuxi.policy", &rules)]);
    assert_eq!(found.len(), 3, "{found:#?}");
    for m in found {
        assert!(
            m.starts_with("unknown entity kind `enterprise` / no schema is loaded: check this file together"),
            "{m}"
        );
    }
    // A schema that does not parse: its syntax error, the rules' unknown entity, and no more.
    let found = messages(&[("schema.policy", "schema { entity enterprise { a: money }"), ("wuxi.policy", &rules)]);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().all(|m| !m.contains("names no rule")), "{found:#?}");
}

/// Files are parsed in pieces; spans still count from the start of the file.
#[test]
fn a_large_file_parses_in_pieces_with_spans_into_the_whole_file() {
    let rules: String = (0..4000).map(|i| format!("rule R{i} for enterprise {{ on as_of every_event\n  cite \"{{}}\"\n  reward tiers a {{ [0, 1) => {i} }}\n}}\n")).collect();
    let text = format!("{SCHEMA}{rules}rule BAD for enterprise {{ on 2024-02-30 reward a }}\n");
    assert!(text.len() > 3 * 64 * 1024, "{}", text.len());
    let errors = policy_lang::syntax::parse(&text).err().unwrap_or_default();
    let at: Vec<String> = errors
        .iter()
        .map(|e| format!("{e} at {:?}", miette::Diagnostic::labels(e).and_then(|mut l| l.next()).map(|l| l.offset())))
        .collect();
    let bad = text.find("2024-02-30").unwrap();
    assert_eq!(at, [format!("`2024-02-30` is not a calendar date at Some({bad})")]);

    let text = text.replace("2024-02-30", "2024-02-28");
    let file = policy_lang::syntax::parse(&text).unwrap();
    assert_eq!(file.items.len(), 4003);
    for item in &file.items {
        if let policy_lang::ast::Item::Rule(r) = item {
            let written = &text[r.span.start..r.span.end];
            assert!(written.starts_with(&format!("rule {} for", r.id.node)) && written.ends_with('}'), "{written}");
        }
    }
    // A piece that does not parse: the error is the one the whole file gives.
    let broken = text.replace("rule R3500 for enterprise { on as_of every_event", "rule R3500 for enterprise");
    let errors = policy_lang::syntax::parse(&broken).err().unwrap_or_default();
    let offset = errors.first().and_then(miette::Diagnostic::labels).and_then(|mut l| l.next()).map(|l| l.offset());
    let line = broken[..offset.unwrap()].matches('\n').count() + 1;
    assert_eq!((errors.len(), line), (1, 3 + 4 * 3500 + 1), "{errors:?}");
}

#[test]
fn errors_too_are_capped_per_code_and_file_and_counted() {
    let rules: String =
        (0..50).map(|i| format!("rule R{i} for enterprise {{ on as_of every_event reward a + z{i} }}\n")).collect();
    let found = messages(&[("many.policy", &format!("{SCHEMA}{rules}"))]);
    assert_eq!(found.len(), policy_lang::MAX_PER_CODE + 1);
    assert!(found[0].starts_with("unknown field `z0` on `enterprise`"), "{found:?}");
    assert!(
        found[10].starts_with("and 40 more `check::unknown_field` in `many.policy` / only the first 10"),
        "{found:?}"
    );
}
