//! `--decision-log` and `policy replay`: every decision can be audited and reproduced.

use policy_lang::provenance::sha256_hex;
use serde_json::Value;
use std::process::Output;

fn policy(args: &[&str]) -> Output {
    crate::common::policy().args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fresh(name: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_file(&path);
    path
}

fn lines(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn eval_logs_a_line_per_enterprise_and_replay_finds_no_difference() {
    let log = fresh("decisions_examples.jsonl");
    let mut expected = 0;
    for example in ["examples/changzhou_device_maker.json", "examples/wuxi_innovative_drug.json"] {
        let out = policy(&["eval", "rules/", "--facts", example, "--format", "json", "--decision-log", &log]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let result: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let decisions = lines(&log);
        let mine: Vec<&Value> = decisions.iter().skip(expected).collect();
        let totals = result["totals"].as_object().cloned().unwrap_or_default();
        assert_eq!(mine.len(), totals.len());
        for decision in mine {
            let entity = decision["entity"].as_str().unwrap_or_default();
            assert_eq!(decision["total"], totals[entity]);
            assert_eq!(decision["rules_sha256"], result["provenance"]["rules_sha256"]);
            assert_eq!(decision["as_of"], result["as_of"]);
            let facts = std::fs::read(example).unwrap_or_default();
            assert_eq!(decision["facts_sha256"], sha256_hex(&facts));
            assert!(decision["time"].as_str().is_some_and(|t| t.ends_with('Z')));
            let logged = decision["awards"].as_array().map(Vec::len);
            let paid = result["awards"]
                .as_array()
                .map(|a| a.iter().filter(|a| a["entity"].as_str().is_some_and(|e| e.starts_with(entity))).count());
            assert_eq!(logged, paid);
        }
        expected += totals.len();
    }
    let out = policy(&["replay", &log, "rules/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains(&format!("replayed {expected} decision(s): 0 different")), "{}", stdout(&out));
}

fn rules_paying(dir: &str, amount: u32) -> String {
    let _ = std::fs::create_dir_all(dir);
    let file = format!("{dir}/demo.policy");
    let text = format!(
        "schema {{ entity enterprise {{ name: text }} }}\npolicy demo {{ issued 2024-01-01 }}\n\
         rule R1 for enterprise {{ on as_of once reward {amount}万 }}\n"
    );
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    file
}

#[test]
fn replay_names_each_decision_that_comes_out_differently() {
    let dir = format!("{}/replay_rules", env!("CARGO_TARGET_TMPDIR"));
    let rules = rules_paying(&dir, 1);
    let facts = fresh("replay_facts.json");
    std::fs::write(
        &facts,
        r#"{"as_of": "2024-06-30", "enterprise": [{"id": "E1", "name": "甲"}, {"id": "E2", "name": "乙"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let log = fresh("replay_decisions.jsonl");
    assert_eq!(policy(&["eval", &rules, "--facts", &facts, "--decision-log", &log]).status.code(), Some(0));
    assert_eq!(lines(&log).len(), 2);
    assert_eq!(policy(&["replay", &log, &rules]).status.code(), Some(0));
    // The rule now pays 2万: both decisions differ, and say how.
    rules_paying(&dir, 2);
    let out = policy(&["replay", &log, &rules]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("line 1: enterprise.E1") && report.contains("line 2: enterprise.E2"), "{report}");
    assert!(report.contains("\"amount\":\"10000.00\"") && report.contains("\"amount\":\"20000.00\""), "{report}");
    assert!(report.contains("2 different; 2 made by other rules than these"), "{report}");
    // Facts edited after the fact are caught by their hash.
    rules_paying(&dir, 1);
    let text = std::fs::read_to_string(&log).unwrap_or_default().replacen("甲", "丙", 1);
    std::fs::write(&log, text).unwrap_or_else(|e| panic!("{e}"));
    let out = policy(&["replay", &log, &rules]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("do not match their logged hash"), "{}", stdout(&out));
}

#[test]
fn json_lines_are_logged_line_by_line_and_answer_as_without_a_log() {
    let log = fresh("decisions_jsonl.jsonl");
    let input = fresh("decisions_input.jsonl");
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string("examples/wuxi_innovative_drug.json").unwrap_or_default())
            .unwrap_or_default();
    std::fs::write(&input, format!("{example}\n{{\"enterprise\": 1}}\n{example}\n")).unwrap_or_else(|e| panic!("{e}"));
    let logged = policy(&["eval", "rules/", "--facts", &input, "--decision-log", &log]);
    let plain = policy(&["eval", "rules/", "--facts", &input]);
    assert_eq!(logged.status.code(), Some(1)); // a line failed, as without a log
    assert_eq!(stdout(&logged), stdout(&plain));
    assert_eq!(lines(&log).len(), 2);
    let out = policy(&["replay", &log, "rules/"]);
    assert!(stdout(&out).contains("replayed 2 decision(s): 0 different"), "{}", stdout(&out));
}
