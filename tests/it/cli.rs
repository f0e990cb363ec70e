//! The `policy` binary: exit codes, output formats, standard input, bad input.

use pretty_assertions::assert_eq;
use std::io::Write;
use std::process::{Output, Stdio};

pub fn policy(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = crate::common::policy()
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run policy: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const RULES: &str = "tests/cli/demo.policy";

#[test]
fn check_exits_zero_on_clean_files_and_one_on_errors() {
    let clean = policy(&["check", RULES], None);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    assert!(text(&clean.stderr).contains("checked 1 file(s): 1 policy, 3 rule(s), 0 warning(s)"));
    let broken = policy(&["check", "tests/diagnostics/many_errors.policy"], None);
    assert_eq!(broken.status.code(), Some(1));
}

#[test]
fn a_truncated_file_gives_file_line_and_column() {
    let out = policy(&["check", "--error-format", "plain", "tests/diagnostics/truncated.policy"], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("[tests/diagnostics/truncated.policy:8:1]"), "{stderr}");
    assert!(stderr.contains("syntax::unexpected"), "{stderr}");
}

#[test]
fn check_speaks_json_for_tools() {
    let out = policy(&["check", "--error-format", "json", "tests/diagnostics/unknown_field.policy"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
    assert_eq!(json[0]["code"], "check::unknown_field");
    assert_eq!(json[0]["help"], "did you mean `rd_cost`?");
    assert_eq!(json[0]["line"], 25);
}

#[test]
fn eval_json_has_awards_not_applicable_and_totals() {
    let out = policy(&["eval", RULES, "--facts", "tests/cli/demo.json", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let awards = json["awards"].as_array().cloned().unwrap_or_default();
    let award = awards.iter().find(|a| a["rule"] == "CZ-03-1b").cloned().unwrap_or_default();
    assert_eq!(award["policy"], "demo");
    assert_eq!(award["rule"], "CZ-03-1b");
    assert_eq!(award["cite"], "（三）第1段(b)");
    assert_eq!(award["entity"], "enterprise.E1.drugs.D1");
    assert_eq!(award["kind"], "exact");
    assert_eq!(award["amount"], "4000000.00");
    assert_eq!(award["trace"][0], "20% of rd_cost: 20% × 30,000,000 = 6,000,000");
    let reasons: Vec<&str> =
        json["not_applicable"].as_array().into_iter().flatten().filter_map(|n| n["reason"].as_str()).collect();
    assert_eq!(
        reasons,
        [
            "condition `rd_cost > 100万` is false (rd_cost = 100,000)",
            "the event on 2023-01-01 is before policy `demo` took effect on 2023-11-08"
        ]
    );
    let case = awards.iter().find(|a| a["rule"] == "CASE").cloned().unwrap_or_default();
    assert_eq!(
        (&case["kind"], &case["amount"], &case["max"]),
        (&"case_by_case".into(), &serde_json::Value::Null, &serde_json::Value::Null)
    );
    assert_eq!(json["totals"]["enterprise.E1"]["owed"], "4000000.00");
    assert_eq!(json["totals"]["enterprise.E1"]["ceiling"], serde_json::Value::Null);
}

#[test]
fn eval_reads_facts_from_stdin_and_as_of_from_the_flag() {
    let facts = std::fs::read_to_string("tests/cli/demo.json").unwrap_or_default();
    let out = policy(&["eval", RULES, "--facts", "-", "--as-of", "2030-01-01", "--format", "json"], Some(&facts));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(json["as_of"], "2030-01-01");
}

#[test]
fn the_table_aligns_chinese_text() {
    let out = policy(&["eval", RULES, "--facts", "tests/cli/demo.json"], None);
    let table = text(&out.stdout);
    let rows: Vec<&str> = table
        .lines()
        .take_while(|l| !l.is_empty() || !l.trim().is_empty())
        .filter(|l| l.starts_with("enterprise.") || l.starts_with("ENTITY"))
        .collect();
    let kind_at = |row: &str| {
        ["KIND", "exact", "case_by_case"]
            .iter()
            .filter_map(|k| row.find(k))
            .min()
            .map(|i| unicode_width::UnicodeWidthStr::width(&row[..i]))
    };
    let columns: Vec<Option<usize>> =
        table.lines().skip(2).take_while(|l| !l.is_empty()).filter(|l| !l.starts_with(' ')).map(kind_at).collect();
    assert_eq!(columns.len(), 3, "{table}");
    assert!(columns.iter().all(|c| c.is_some() && *c == columns[0]), "{table}");
    let _ = rows;
}

#[test]
fn bad_facts_exit_one_naming_the_path() {
    let out =
        policy(&["eval", RULES, "--facts", "-"], Some(r#"{"enterprise": [{"id": "E1", "drugs": [{"id": "D1"}]}]}"#));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("$.enterprise[0].drugs[0].rd_cost: missing fact `rd_cost`"),
        "{}",
        text(&out.stderr)
    );
    let out = policy(&["eval", RULES, "--facts", "-"], Some("{\"enterprise\": ["));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("facts are not valid JSON"), "{}", text(&out.stderr));
}

#[test]
fn missing_files_and_bad_flags_are_reported() {
    let out = policy(&["check", "no/such/dir"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read `no/such/dir`: no such file or folder"));
    let out = policy(&["eval", RULES, "--facts", "x.json", "--as-of", "2023-02-30"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`2023-02-30` is not a date"));
    // `--detail compact` shapes JSON Lines; on one fact set it is a usage error, not ignored.
    let example = "examples/changzhou_device_maker.json";
    let out = policy(&["eval", RULES, "--facts", example, "--detail", "compact"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--detail compact and awards are for JSON Lines"));
    let out = policy(&["eval", RULES, "--facts", example, "--detail", "awards", "--awards-only"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_bundled_rules_check_clean_but_for_findings_about_the_text() {
    let out = policy(&["check", "--error-format", "json", "rules/"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The stderr holds the JSON list, then the summary line.
    let stderr = text(&out.stderr);
    let json_end = stderr.rfind(']').map_or(0, |i| i + 1);
    let warnings: serde_json::Value = serde_json::from_str(stderr.get(..json_end).unwrap_or("[]")).unwrap_or_default();
    // Wuxi 三（十一） overlaps at exactly 5亿 and 1亿: the only warnings, and about the text.
    for w in warnings.as_array().into_iter().flatten() {
        assert_eq!((&w["code"], &w["file"]), (&"check::tier_overlap".into(), &"rules/wuxi.policy".into()), "{w}");
    }
}

#[test]
fn the_readme_command_evaluates_the_bundled_example() {
    let out = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let find = |entity: &str, rule: &str| {
        json["awards"].as_array().into_iter().flatten().find(|a| a["entity"] == entity && a["rule"] == rule).cloned()
    };
    // CZ-03-2a: 20% of 1500万 = 300万, capped at 200万; selective (择优), so a ceiling.
    let endo = find("enterprise.CZMED.devices.DEV-ENDO", "CZ-03-2a").unwrap_or_default();
    assert_eq!((&endo["kind"], &endo["max"]), (&"up_to".into(), &"2000000.00".into()));
    // The second device meets the 300万 yearly cap: 120万 cut to the 100万 left.
    let ecg = find("enterprise.CZMED.devices.DEV-ECG", "CZ-03-2a").unwrap_or_default();
    assert_eq!(ecg["max"], "1000000.00");
    // CZ-06-3: investment above 1亿 is case by case.
    let project = find("enterprise.CZMED.projects.PRJ-ECG", "CZ-06-3").unwrap_or_default();
    assert_eq!(project["kind"], "case_by_case");
    let table = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json"], None);
    assert_eq!(table.status.code(), Some(0));
}

#[test]
fn every_bundled_example_fact_set_evaluates() {
    let examples = std::fs::read_dir("examples").into_iter().flatten().flatten().map(|e| e.path());
    for path in examples.filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let out = policy(&["eval", "rules/", "--facts", &path.display().to_string()], None);
        assert_eq!(out.status.code(), Some(0), "{}: {}", path.display(), text(&out.stderr));
    }
}

#[test]
fn explain_shows_one_entity_with_every_rule_considered() {
    let out = policy(&["eval", RULES, "--facts", "tests/cli/demo.json", "--explain", "enterprise.E1.drugs.D4"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("no awards"), "{table}");
    assert!(
        table.contains("enterprise.E1.drugs.D4  CZ-03-1b  the event on 2023-01-01 is before policy `demo` took effect"),
        "{table}"
    );
    assert!(!table.contains("一事一议"), "only D4 and what contains it: {table}");
    let unknown = policy(&["eval", RULES, "--facts", "tests/cli/demo.json", "--explain", "enterprise.E9"], None);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no entity `enterprise.E9` in the facts"), "{}", text(&unknown.stderr));
}

#[test]
fn json_names_the_winner_of_every_exclusion_and_each_payers_share() {
    let rules = "tests/cli/stacked.policy";
    let facts = r#"{"enterprise": [{"id": "E1", "x": "100万"}]}"#;
    let out = policy(&["eval", rules, "--facts", "-", "--as-of", "2024-01-01", "--format", "json"], Some(facts));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(json["awards"][0]["rule"], "HIGH");
    assert_eq!(
        json["awards"][0]["shares"][0],
        serde_json::json!({"payer": "city", "rate": "0.6", "amount": "600000.00"})
    );
    assert_eq!(json["excluded"][0]["rule"], "LOW");
    assert_eq!(json["excluded"][0]["winner"], "p.HIGH on enterprise.E1");
    let table = text(&policy(&["eval", rules, "--facts", "-", "--as-of", "2024-01-01"], Some(facts)).stdout);
    assert!(table.contains("excluded (就高不重复, count caps)"), "{table}");
    assert!(table.contains("split: city 60% = 600,000; district 40% = 400,000"), "{table}");
}

#[test]
fn policy_test_runs_the_cases_next_to_the_rules() {
    let out = policy(&["test", "--coverage", RULES], None);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("coverage: 3 of 3 rules exercised by a test\n"), "{report}");
    assert!(report.ends_with("2 passed, 0 failed\n"), "{report}");
}

#[test]
fn a_failing_test_shows_expected_and_actual_with_the_trace() {
    let out = policy(&["test", RULES, "tests/cli/failing_tests.policy"], None);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("FAILED  tests/cli/failing_tests.policy:2  a wrong amount\n    expect CZ-03-1b for enterprise.E1.drugs.D1: 300万\n        got an award of 4,000,000\n            20% of rd_cost: 20% × 30,000,000 = 6,000,000\n"), "{report}");
    assert!(report.contains("got no outcome at all (is `enterprise.E1.drugs.D9` in the facts"), "{report}");
    assert!(report.ends_with("2 passed, 2 failed\n"), "{report}");
    let json = policy(&["test", "--format", "json", RULES, "tests/cli/failing_tests.policy"], None);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!((json["passed"].as_u64(), json["failed"].as_u64()), (Some(2), Some(2)));
    assert_eq!(json["tests"][2]["at"], "tests/cli/failing_tests.policy:2");
}

#[test]
fn coverage_names_the_rules_no_test_exercises_and_fails() {
    let out = policy(&["test", "--coverage", "tests/cli/stacked.policy"], None);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains(
            "coverage: 0 of 2 rules exercised by a test\n    not exercised: p.HIGH\n    not exercised: p.LOW\n"
        ),
        "{report}"
    );
    assert!(report.ends_with("0 passed, 0 failed\n"), "{report}");
}

#[test]
fn the_seed_rules_pass_their_tests_from_the_text_and_every_rule_is_exercised() {
    // The seed tests read the bundled examples, outside their own folder.
    let out = policy(&["test", "--coverage", "--facts-root", ".", "rules/"], None);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    let first = report.lines().next().unwrap_or("");
    let last = report.lines().last().unwrap_or("");
    assert!(first.starts_with("coverage: ") && first.split(' ').nth(1) == first.split(' ').nth(3), "{first}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert!(last.split(' ').next().and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n >= 150), "{last}");
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let facts = std::fs::read_to_string("examples/wuxi_innovative_drug.json").unwrap_or_default();
    let run = || policy(&["eval", "rules/", "--facts", "-", "--format", "json"], Some(&facts)).stdout;
    let first = run();
    assert!(first.len() > 1000);
    assert_eq!(first, run(), "two processes, two hash seeds, the same bytes");
    let line = facts.replace('\n', " ") + "\n";
    let lines = line.repeat(20);
    let batch = |threads: &str| {
        policy(&["eval", "rules/", "--facts", "-", "--jsonl", "--threads", threads], Some(&lines)).stdout
    };
    assert_eq!(batch("1"), batch("2"));
}

#[test]
fn the_table_says_once_per_policy_that_an_enterprise_is_outside_its_scope() {
    let out = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json"], None);
    let table = text(&out.stdout);
    let scope: Vec<&str> = table.lines().filter(|l| l.contains("outside the scope of policy")).collect();
    assert_eq!(scope.len(), 3, "{table}");
    // JSON keeps every entry for tools; the table's count is the distinct rules among them.
    let json = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "json"], None);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    let chongqing: Vec<&serde_json::Value> = json["not_applicable"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["reason"].as_str().unwrap_or("").starts_with("outside the scope of policy `chongqing_2022`"))
        .collect();
    let mut rules: Vec<&str> = chongqing.iter().filter_map(|n| n["rule"].as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    assert!(chongqing.len() > rules.len(), "several entities per rule in the JSON");
    let count = format!(" {} rules ", rules.len());
    let line = scope.iter().find(|l| l.contains("policy `chongqing_2022`"));
    assert!(line.is_some_and(|l| l.contains(&count)), "{count}\n{table}");
}

/// A population CSV whose header does not fit: the file's own error (`table::column`), the
/// file named once, and a help that lists the columns a population may have (no owners).
#[test]
fn a_population_header_that_does_not_fit_names_the_file_once() {
    let dir = std::env::temp_dir().join(format!("policy-population-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("population.csv");
    std::fs::write(&file, "name,rd_cost\nE1,3\n").unwrap();
    let path = file.display().to_string();
    let out =
        policy(&["eval", "benches/openfisca/rd_subsidy.policy", "--facts", &path, "--error-format", "plain"], None);
    std::fs::remove_dir_all(&dir).unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("table::column") && stderr.contains("column `name` is not a fact of"), "{stderr}");
    assert_eq!(stderr.matches("population.csv").count(), 1, "{stderr}");
    assert!(stderr.contains("the columns are `id` and the facts: `rd_cost`"), "{stderr}");
}
