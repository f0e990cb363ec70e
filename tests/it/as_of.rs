//! One evaluation date, decided in one place (`policy_lang::dates::evaluation_date`): the
//! date given for the run wins over the facts' own `as_of`, which wins over today (UTC), at
//! every entry point.

use crate::cli::{policy, text};
use policy_lang::dates::evaluation_date;
use policy_lang::output::ErrorFormat;
use policy_lang::repl::{Config, Session};

const RULES: &str = r#"
schema { entity enterprise { approved_on: date } }
policy p { issued 2025-01-01 }
rule R for enterprise { on approved_on reward 20万 once }
"#;

/// Facts that say 2025-06-30, with an event on 2025-03-01: paid on that date, not before
/// the policy's issue (2025-01-01)… and not on 2024-06-30, when the event had not happened.
const FACTS: &str = r#"{"as_of": "2025-06-30", "enterprise": [{"id": "E1", "approved_on": "2025-03-01"}]}"#;

/// The rules in a folder of the test's own (tests run in parallel threads of one process).
fn rules_file(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("policy-as-of-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("r.policy");
    std::fs::write(&path, RULES).unwrap();
    path
}

fn owed(json: &str) -> (String, String) {
    // The first JSON value: the whole report, or the first line of JSON Lines.
    let v: serde_json::Value =
        serde_json::Deserializer::from_str(json).into_iter().next().and_then(Result::ok).unwrap_or_default();
    (
        v["as_of"].as_str().unwrap_or("").to_string(),
        v["totals"]["enterprise.E1"]["owed"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn the_date_given_for_the_run_wins_everywhere() {
    let rules = rules_file("flag");
    let rules = rules.to_str().unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", rules, "--facts", "-", "--format", "json"];
        args.extend_from_slice(extra);
        text(&policy(&args, Some(FACTS)).stdout)
    };
    // The flag wins over the facts, in `eval` and in `eval --jsonl` alike.
    assert_eq!(owed(&eval(&["--as-of", "2024-06-30"])), ("2024-06-30".into(), "0".into()));
    assert_eq!(owed(&eval(&["--as-of", "2024-06-30", "--jsonl"])), ("2024-06-30".into(), "0".into()));
    // Without the flag, the facts' date, in both.
    assert_eq!(owed(&eval(&[])), ("2025-06-30".into(), "200000.00".into()));
    assert_eq!(owed(&eval(&["--jsonl"])), ("2025-06-30".into(), "200000.00".into()));
    // The library decides the same way.
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(evaluation_date(day("2024-06-30"), day("2025-06-30")), day("2024-06-30").unwrap());
    assert_eq!(evaluation_date(None, day("2025-06-30")), day("2025-06-30").unwrap());
}

#[test]
fn a_test_and_the_repl_put_their_own_date_first() {
    let rules = rules_file("test");
    let dir = rules.parent().unwrap();
    let file = dir.join("t.policy");
    let test = |as_of: &str, expect: &str| {
        format!("{RULES}\ntest \"dated\" {{\n  as_of {as_of}\n  facts {FACTS}\n  expect R for enterprise.E1: {expect}\n}}\n")
    };
    std::fs::write(&file, test("2024-06-30", "not_applicable \"after the evaluation date 2024-06-30\"")).unwrap();
    let out = policy(&["test", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    std::fs::write(&file, test("2025-06-30", "20万")).unwrap();
    assert_eq!(policy(&["test", file.to_str().unwrap()], None).status.code(), Some(0));

    let today = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let mut session = Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None });
    std::fs::write(dir.join("f.json"), FACTS).unwrap();
    session.handle(&format!(":load {}", rules.display()));
    session.handle(&format!(":facts {}", dir.join("f.json").display()));
    assert!(session.handle(":as_of").text.contains("2025-06-30 (the facts' as_of)"));
    session.handle(":as_of 2024-06-30");
    assert!(session.handle(":why-not R").text.contains("after the evaluation date 2024-06-30"));
}

#[test]
fn without_any_date_the_result_does_not_depend_on_the_time_zone() {
    let rules = rules_file("tz");
    let facts = FACTS.replace(r#""as_of": "2025-06-30", "#, "");
    let at = |tz: &str| {
        let out = crate::common::policy()
            .args(["eval", rules.to_str().unwrap(), "--facts", "-", "--format", "json"])
            .env("TZ", tz)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(facts.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        owed(&text(&out.stdout)).0
    };
    // UTC+14 and UTC−11 are on different dates for 25 hours of every day.
    let (east, west) = (at("Pacific/Kiritimati"), at("Pacific/Pago_Pago"));
    assert_eq!(east, west);
    assert_eq!(east, chrono::Utc::now().date_naive().to_string());
}
