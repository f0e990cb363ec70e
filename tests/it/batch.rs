//! Population-scale evaluation: order kept, same bytes on any number of threads, bad lines
//! reported without stopping, the generator deterministic.

use crate::common::date;
use policy_lang::batch::{run, Options};
use policy_lang::output::Detail;
use policy_lang::population::Population;
use policy_lang::{load, Program};
use pretty_assertions::assert_eq;

fn bundled() -> Program {
    load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}")).program
}

fn population(program: &Program, seed: u64, n: usize) -> String {
    let mut p = Population::new(program, seed);
    (0..n).map(|_| format!("{}\n", p.next_fact_set())).collect()
}

fn evaluate(program: &Program, input: &str, threads: usize, chunk: usize) -> (String, policy_lang::batch::Summary) {
    evaluate_as(program, input, threads, chunk, Detail::Full)
}

fn evaluate_as(
    program: &Program,
    input: &str,
    threads: usize,
    chunk: usize,
    detail: Detail,
) -> (String, policy_lang::batch::Summary) {
    let mut out = Vec::new();
    let options = Options { as_of: Some(date("2025-06-30")), threads, chunk, detail };
    let summary = run(program, input.as_bytes(), &mut out, &options, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    (String::from_utf8(out).unwrap_or_default(), summary)
}

#[test]
fn the_generator_is_deterministic_and_its_facts_are_valid() {
    let program = bundled();
    assert_eq!(population(&program, 7, 50), population(&program, 7, 50));
    assert_ne!(population(&program, 7, 50), population(&program, 8, 50));
    let (_, summary) = evaluate(&program, &population(&program, 7, 200), 2, 64);
    assert_eq!((summary.lines, summary.failed), (200, 0));
}

#[test]
fn results_keep_input_order_and_are_byte_identical_on_any_thread_count() {
    let program = bundled();
    let input = population(&program, 3, 300);
    let (one, _) = evaluate(&program, &input, 1, 1000);
    let (two, _) = evaluate(&program, &input, 2, 7);
    assert_eq!(one, two);
    let lines: Vec<serde_json::Value> = one.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["line"].as_u64(), Some(i as u64 + 1));
        assert!(line["totals"].get(format!("enterprise.E{}", i + 1)).is_some(), "line {}: {line}", i + 1);
    }
    let awarded = lines.iter().filter(|l| l["awards"].as_array().is_some_and(|a| !a.is_empty())).count();
    assert!(awarded > 30, "the population should earn awards: {awarded} of 300 did");
}

#[test]
fn a_bad_line_is_reported_and_the_batch_goes_on() {
    let program = bundled();
    let good = population(&program, 1, 2);
    let mut lines = good.lines();
    let input = format!(
        "{}\n{{\"enterprise\": [{{\"id\": \"X\"}}]}}\n\n{}\n",
        lines.next().unwrap_or(""),
        lines.next().unwrap_or("")
    );
    let (out, summary) = evaluate(&program, &input, 2, 2);
    assert_eq!((summary.lines, summary.failed), (3, 1));
    let second: serde_json::Value = serde_json::from_str(out.lines().nth(1).unwrap_or("")).unwrap_or_default();
    assert_eq!(second["line"], 2);
    assert!(second["error"][0].as_str().unwrap_or("").contains("missing fact `name`"), "{second}");
}

#[test]
fn awards_only_gives_the_same_awards_and_totals_without_explanations() {
    let program = bundled();
    let mut p = Population::new(&program, 21);
    for _ in 0..300 {
        let facts = program.facts("g", &p.next_fact_set().to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let full = program.evaluate(&facts, date("2025-06-30")).unwrap_or_else(|e| panic!("{e}"));
        let lean = program.evaluate_awards(&facts, date("2025-06-30")).unwrap_or_else(|e| panic!("{e}"));
        let strip = |e: &policy_lang::Evaluation| {
            e.awards
                .iter()
                .map(|a| (a.rule.clone(), a.entity.clone(), a.kind(), a.amount(), a.min(), a.max()))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&full), strip(&lean));
        assert_eq!(format!("{:?}", full.totals), format!("{:?}", lean.totals));
        assert!(
            lean.not_applicable.is_empty() && lean.awards.iter().all(|a| a.trace.is_empty() || !a.shares.is_empty())
        );
    }
}

#[test]
fn an_awards_only_line_is_the_explained_line_without_explanations_or_rule_metadata() {
    let program = bundled();
    let input = population(&program, 21, 300);
    let (full, _) = evaluate_as(&program, &input, 2, 64, Detail::Full);
    let (lean, _) = evaluate_as(&program, &input, 2, 64, Detail::Awards);
    let (mut shared, mut ranged, mut keyed) = (0, 0, 0);
    for (full, lean) in full.lines().zip(lean.lines()) {
        let full: serde_json::Value = serde_json::from_str(full).unwrap_or_default();
        let lean: serde_json::Value = serde_json::from_str(lean).unwrap_or_default();
        for key in ["as_of", "totals", "warnings", "line"] {
            assert_eq!(full[key], lean[key], "{key}");
        }
        assert!(lean.get("not_applicable").is_none(), "{lean}");
        let (awards, lean_awards) = (full["awards"].as_array().cloned(), lean["awards"].as_array().cloned());
        let (awards, lean_awards) = (awards.unwrap_or_default(), lean_awards.unwrap_or_default());
        assert_eq!(awards.len(), lean_awards.len());
        for (a, l) in awards.iter().zip(&lean_awards) {
            // What the lean line leaves out: the rule's metadata and the explanation.
            let mut want = a.as_object().cloned().unwrap_or_default();
            for dropped in ["cite", "title", "frequency", "trace", "steps"] {
                want.remove(dropped);
            }
            // Defaults left out: min and max of an exact award are its amount; no key, no shares.
            if a["kind"] == "exact" {
                assert!(a["min"] == a["amount"] && a["max"] == a["amount"], "{a}");
                want.remove("min");
                want.remove("max");
            } else {
                ranged += 1;
                want.remove("amount");
            }
            if a["key"].is_null() {
                want.remove("key");
            } else {
                keyed += 1;
            }
            if a["shares"].as_array().is_some_and(Vec::is_empty) {
                want.remove("shares");
            } else {
                shared += 1;
            }
            assert_eq!(serde_json::Value::Object(want), *l);
        }
        let who = |x: &serde_json::Value| (x["rule"].clone(), x["entity"].clone(), x["winner"].clone());
        let excluded = |v: &serde_json::Value| v["excluded"].as_array().map(|x| x.iter().map(who).collect::<Vec<_>>());
        assert_eq!(excluded(&full), excluded(&lean));
    }
    assert!(shared > 0 && ranged > 0 && keyed > 0, "every optional field is exercised: {shared} {ranged} {keyed}");
}

/// The reads of a reason as `{fact: value}`, as the compact line writes them.
fn reads_map(reason: &serde_json::Value) -> serde_json::Value {
    let reads = reason["reads"].as_array().cloned().unwrap_or_default();
    reads.iter().map(|r| (r["fact"].as_str().unwrap_or_default().to_string(), r["value"].clone())).collect()
}

#[test]
fn a_compact_line_groups_every_rule_that_does_not_pay_once_and_keeps_every_award_with_its_steps() {
    use serde_json::Value;
    use std::collections::BTreeSet;
    let program = bundled();
    let input = population(&program, 23, 300);
    let (full, _) = evaluate_as(&program, &input, 2, 64, Detail::Full);
    let (lean, _) = evaluate_as(&program, &input, 2, 64, Detail::Awards);
    let (compact, _) = evaluate_as(&program, &input, 2, 64, Detail::Compact);
    let (mut groups_seen, mut entries_seen) = ([0; 4], 0);
    for ((full, lean), compact) in full.lines().zip(lean.lines()).zip(compact.lines()) {
        let full: Value = serde_json::from_str(full).unwrap_or_default();
        let lean: Value = serde_json::from_str(lean).unwrap_or_default();
        let compact: Value = serde_json::from_str(compact).unwrap_or_default();
        for key in ["as_of", "totals", "warnings", "line"] {
            assert_eq!(full[key], compact[key], "{key}");
        }
        // Awards: the lean award and its steps as values.
        let awards = full["awards"].as_array().cloned().unwrap_or_default();
        let lean_awards = lean["awards"].as_array().cloned().unwrap_or_default();
        let compact_awards = compact["awards"].as_array().cloned().unwrap_or_default();
        assert_eq!(compact_awards.len(), awards.len());
        for ((a, l), c) in awards.iter().zip(&lean_awards).zip(&compact_awards) {
            let mut want = l.as_object().cloned().unwrap_or_default();
            want.insert("steps".into(), a["steps"].clone());
            assert_eq!(c.as_object().cloned().unwrap_or_default(), want);
        }
        let excluded = full["excluded"].as_array().cloned().unwrap_or_default();
        let compact_excluded = compact["excluded"].as_array().cloned().unwrap_or_default();
        assert_eq!(compact_excluded.len(), excluded.len());
        for (x, c) in excluded.iter().zip(&compact_excluded) {
            for key in ["policy", "rule", "entity", "kind", "max", "why", "winner"] {
                assert_eq!(x[key], c[key], "{key}");
            }
        }
        // Every (policy, rule) of `not_applicable` is in the compact groups, and nothing else.
        let entries = full["not_applicable"].as_array().cloned().unwrap_or_default();
        entries_seen += entries.len();
        let mut want = BTreeSet::new();
        let mut got = BTreeSet::new();
        let policies = compact["not_applicable"].as_object().cloned().unwrap_or_default();
        let group = |policy: &str, kind: &str| policies.get(policy).and_then(|p| p[kind].as_array().cloned());
        for entry in &entries {
            let (policy, rule, entity) =
                (entry["policy"].as_str().unwrap_or_default(), &entry["rule"], &entry["entity"]);
            let entity = entity.as_str().unwrap_or_default();
            want.insert((policy.to_string(), rule.as_str().unwrap_or_default().to_string()));
            let first = &entry["why"][0];
            let inside = |group: &Value| {
                let at = group["entity"].as_str().unwrap_or_default();
                entity == at || entity.starts_with(&format!("{at}."))
            };
            let has_rule = |group: &Value| group["rules"].as_array().is_some_and(|r| r.contains(rule));
            // Its group, by its first reason; it is in no other group of its policy and entity.
            let found: Vec<(usize, Value)> = ["out_of_scope", "missing", "false", "other"]
                .iter()
                .enumerate()
                .flat_map(|(k, kind)| group(policy, kind).unwrap_or_default().into_iter().map(move |g| (k, g)))
                .filter(|(k, g)| {
                    inside(g)
                        && if *k >= 2 {
                            g["entity"] == entry["entity"]
                                && g["rules"].get(rule.as_str().unwrap_or_default()).is_some()
                        } else {
                            has_rule(g)
                        }
                })
                .collect();
            let kind = match first["reason"].as_str() {
                Some("out_of_scope") => 0,
                Some("fact_missing") => 1,
                Some("condition_false") => 2,
                _ => 3,
            };
            let mine: Vec<&Value> = found.iter().filter(|(k, _)| *k == kind).map(|(_, g)| g).collect();
            assert_eq!(mine.len(), 1, "{entry}\n{found:?}");
            let mine = mine[0];
            match kind {
                0 => assert_eq!(mine["reads"], reads_map(first), "{entry}"),
                1 => assert_eq!(mine["fact"], first["fact"], "{entry}"),
                2 => assert_eq!(mine["rules"][rule.as_str().unwrap_or_default()], reads_map(first), "{entry}"),
                _ => assert_eq!(mine["rules"][rule.as_str().unwrap_or_default()], entry["why"], "{entry}"),
            }
            groups_seen[kind] += 1;
        }
        for (policy, groups) in &policies {
            for (kind, list) in groups.as_object().cloned().unwrap_or_default() {
                for g in list.as_array().cloned().unwrap_or_default() {
                    let rules: Vec<String> = match g["rules"].as_array() {
                        Some(ids) => ids.iter().map(|r| r.as_str().unwrap_or_default().to_string()).collect(),
                        None => g["rules"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default(),
                    };
                    let unique: BTreeSet<&String> = rules.iter().collect();
                    assert_eq!(unique.len(), rules.len(), "a rule twice in one group: {kind} {g}");
                    got.extend(rules.into_iter().map(|r| (policy.clone(), r)));
                }
            }
        }
        assert_eq!(got, want);
    }
    // The population exercises every kind of group.
    assert!(groups_seen.iter().all(|n| *n > 50), "{groups_seen:?} of {entries_seen}");
}

#[test]
fn a_line_that_is_not_utf8_is_an_error_for_that_line_only_and_numbers_are_physical() {
    let program = bundled();
    let good: Vec<String> = population(&program, 4, 9).lines().map(String::from).collect();
    // Lines 1-3 good, 4 not UTF-8, 5 blank, 6 good, 7 blank (spaces, CRLF), 8-13 good.
    let mut input = Vec::new();
    for line in &good[..3] {
        input.extend_from_slice(format!("{line}\n").as_bytes());
    }
    input.extend_from_slice(b"{\"enterprise\": \"\xff\xfe\"}\n\n");
    input.extend_from_slice(format!("{}\n  \r\n", good[3]).as_bytes());
    for line in &good[4..] {
        input.extend_from_slice(format!("{line}\r\n").as_bytes());
    }
    let mut out = Vec::new();
    let options = Options { as_of: Some(date("2025-06-30")), threads: 2, chunk: 3, detail: Detail::Awards };
    let summary = run(&program, &input[..], &mut out, &options, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.lines, summary.failed), (10, 1));
    let results: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    let numbers: Vec<u64> = results.iter().filter_map(|r| r["line"].as_u64()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 6, 8, 9, 10, 11, 12]);
    assert!(
        results[3]["error"][0].as_str().unwrap_or("").contains("not UTF-8 text (byte 16 is not)"),
        "{}",
        results[3]
    );
    assert!(results.iter().enumerate().all(|(i, r)| i == 3 || r["error"].is_null()));
    assert!(results[4]["totals"].get("enterprise.E4").is_some(), "{}", results[4]);
}

#[test]
fn an_overlong_line_is_an_error_for_that_line_only() {
    let program = bundled();
    let good = population(&program, 5, 1);
    let long = "x".repeat(policy_lang::batch::MAX_LINE_BYTES as usize + 10);
    let input = format!("{long}\n{good}");
    let (out, summary) = evaluate(&program, &input, 1, 8);
    assert_eq!((summary.lines, summary.failed), (2, 1));
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["error"][0], "the line is longer than the limit of 64 MiB");
    assert_eq!((lines[1]["line"].as_u64(), lines[1]["error"].is_null()), (Some(2), true));
}

/// A population as one CSV file: `id`, the top-level kind's facts, list facts as JSON cells.
fn as_csv(program: &Program, jsonl: &str) -> String {
    let (_, def) = program.schema.roots().next().unwrap_or_else(|| panic!("no top-level kind"));
    let columns: Vec<&str> = std::iter::once("id").chain(def.fields.iter().map(|f| f.name.as_str())).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&columns).unwrap_or_else(|e| panic!("{e}"));
    for line in jsonl.lines() {
        let facts: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        let entity = &facts[&def.name][0];
        let cells = columns.iter().map(|c| match &entity[*c] {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        writer.write_record(cells).unwrap_or_else(|e| panic!("{e}"));
    }
    String::from_utf8(writer.into_inner().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
}

/// Each result line without its line number.
fn results(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
            v.as_object_mut().map(|o| o.remove("line"));
            v
        })
        .collect()
}

#[test]
fn a_csv_population_evaluates_as_its_json_lines_do() {
    let program = bundled();
    // A CSV population has no ledger: the lines it is compared with lose theirs.
    let jsonl: String = population(&program, 5, 200)
        .lines()
        .map(|line| {
            let mut facts: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
            facts.as_object_mut().map(|o| o.remove("ledger"));
            format!("{facts}\n")
        })
        .collect();
    let csv = as_csv(&program, &jsonl);
    let (expected, _) = evaluate(&program, &jsonl, 2, 16);
    let options = Options { as_of: Some(date("2025-06-30")), threads: 2, chunk: 16, detail: Detail::Full };
    let mut out = Vec::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let summary =
        policy_lang::batch::run_csv(&program, csv.as_bytes(), "enterprise.csv", &mut out, &options, |_| {}, &stop)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.lines, summary.failed), (200, 0));
    let out = String::from_utf8(out).unwrap_or_default();
    let (got, want) = (results(&out), results(&expected));
    assert_eq!(got.len(), want.len());
    for (i, (got, want)) in got.iter().zip(&want).enumerate() {
        assert!(got == want, "row {i}:\n{got}\n{want}");
    }
}

#[test]
fn a_bad_cell_is_its_rows_error_naming_the_column_and_line() {
    let program = load(&["tests/cli/demo.policy".into()]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let (_, def) = program.schema.roots().next().unwrap_or_else(|| panic!("no top-level kind"));
    let money = def.fields.iter().find(|f| f.ty == policy_lang::program::Ty::Money).map(|f| f.name.clone());
    let money = money.unwrap_or_else(|| panic!("no money fact in the demo"));
    let csv = format!("id,{money}\nE1,abc\n");
    let options = Options { as_of: Some(date("2025-06-30")), threads: 1, chunk: 4, detail: Detail::Awards };
    let mut out = Vec::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let summary = policy_lang::batch::run_csv(&program, csv.as_bytes(), "pop.csv", &mut out, &options, |_| {}, &stop)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.failed, 1);
    let out = String::from_utf8(out).unwrap_or_default();
    assert!(
        out.contains(&format!("{money}: expected money, found \\\"abc\\\"")) && out.contains("\"line\":2"),
        "{out}"
    );
}

#[test]
fn a_cell_that_is_not_utf8_is_its_rows_error_and_the_next_row_is_read_on() {
    let program = load(&["tests/cli/demo.policy".into()]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let (_, def) = program.schema.roots().next().unwrap_or_else(|| panic!("no top-level kind"));
    let money = def.fields.iter().find(|f| f.ty == policy_lang::program::Ty::Money).map(|f| f.name.clone());
    let money = money.unwrap_or_else(|| panic!("no money fact in the demo"));
    // Row 2's cell is `1`, a byte that is not UTF-8, then `00`; row 3 is good.
    let csv = [format!("id,{money}\nE1,1").as_bytes(), &[0xFF], b"00\nE2,100\n"].concat();
    let options = Options { as_of: Some(date("2025-06-30")), threads: 1, chunk: 4, detail: Detail::Awards };
    let mut out = Vec::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let summary = policy_lang::batch::run_csv(&program, &csv[..], "pop.csv", &mut out, &options, |_| {}, &stop)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.lines, 2);
    let out = String::from_utf8(out).unwrap_or_default();
    let (first, second) = (out.lines().next().unwrap_or_default(), out.lines().nth(1).unwrap_or_default());
    assert!(first.contains(&format!("{money}: not UTF-8 text (byte 1 of the cell is not)")), "{out}");
    assert!(first.contains("\"line\":2") && second.contains("\"line\":3") && !second.contains("UTF-8"), "{out}");
}
