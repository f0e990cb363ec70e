//! Population-scale evaluation: order kept, same bytes on any number of threads, bad lines
//! reported without stopping, the generator deterministic.

use crate::common::date;
use policy_lang::batch::{run, Options};
use policy_lang::facts::{Entity, Facts, Slot};
use policy_lang::output::Detail;
use policy_lang::population::Population;
use policy_lang::program::Reading;
use policy_lang::{load, Program};
use pretty_assertions::assert_eq;
use std::collections::BTreeMap;

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
fn progress_counts_the_lines_written_as_they_are_written() {
    let program = bundled();
    let input = population(&program, 5, 120);
    for threads in [1, 2] {
        let (mut out, mut seen) = (Vec::new(), Vec::new());
        let options = Options { as_of: Some(date("2025-06-30")), threads, chunk: 32, detail: Detail::Awards };
        let summary = run(&program, input.as_bytes(), &mut out, &options, |done| {
            seen.push(done);
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(summary.lines, 120);
        // Reported a run of lines at a time, never backwards, ending at every line.
        assert!(seen.len() >= 4, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!(seen.last(), Some(&120));
    }
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
        let strip = |e: &policy_lang::Evaluation<'_>| {
            e.awards
                .iter()
                .map(|a| (a.rule.clone(), a.entity.to_string(), a.kind(), a.amount(), a.min(), a.max()))
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
fn an_evaluation_reused_set_after_set_gives_what_a_fresh_one_does() {
    let program = bundled();
    let mut p = Population::new(&program, 22);
    // Kept between sets, as a batch worker keeps them; each set's evaluation borrows its facts,
    // so it is recycled before the next set is read.
    let (mut spare, mut spare_lean) = (policy_lang::Evaluation::default(), policy_lang::Evaluation::default());
    let mut reasons = 0;
    for _ in 0..200 {
        let facts = program.facts("g", &p.next_fact_set().to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let (mut explained, mut lean) =
            (std::mem::take(&mut spare).recycle(), std::mem::take(&mut spare_lean).recycle());
        let as_of = date("2025-06-30");
        let fresh = program.evaluate(&facts, as_of).unwrap_or_else(|e| panic!("{e}"));
        program.evaluate_into(&facts, as_of, &mut explained).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("{explained:?}"), format!("{fresh:?}"));
        let fresh_lean = program.evaluate_awards(&facts, as_of).unwrap_or_else(|e| panic!("{e}"));
        program.evaluate_awards_into(&facts, as_of, &mut lean).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("{lean:?}"), format!("{fresh_lean:?}"));
        reasons += explained.not_applicable.len();
        // Recycled, the lists keep their room for the next set.
        let room = (explained.not_applicable.capacity(), lean.awards.capacity());
        (spare, spare_lean) = (explained.recycle(), lean.recycle());
        assert_eq!((spare.not_applicable.capacity(), spare_lean.awards.capacity()), room);
        assert!(spare.not_applicable.is_empty() && spare_lean.awards.is_empty());
    }
    // The sets differ, so a list left over from the set before would show.
    assert!(reasons > 200, "{reasons}");
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
    let program = bundled();
    let ir = policy_lang::ir::to_json(&program);
    let input = population(&program, 23, 300);
    let (full, _) = evaluate_as(&program, &input, 2, 64, Detail::Full);
    let (lean, _) = evaluate_as(&program, &input, 2, 64, Detail::Awards);
    let (compact, _) = evaluate_as(&program, &input, 2, 64, Detail::Compact);
    let (mut groups_seen, mut entries_seen, mut shortened, mut pools_seen) = ([0; 7], 0, [0; 3], [0; 2]);
    let lines = full.lines().zip(lean.lines()).zip(compact.lines()).zip(input.lines());
    for (((full, lean), compact), fact_set) in lines {
        let full: Value = serde_json::from_str(full).unwrap_or_default();
        let lean: Value = serde_json::from_str(lean).unwrap_or_default();
        let compact: Value = serde_json::from_str(compact).unwrap_or_default();
        for key in ["as_of", "totals", "warnings", "line"] {
            assert_eq!(full[key], compact[key], "{key}");
        }
        // Awards: the lean award and its steps as values, pools' decoded through the IR.
        let facts = program.facts("line", fact_set).unwrap_or_else(|e| panic!("{e:?}"));
        let awards = full["awards"].as_array().cloned().unwrap_or_default();
        let lean_awards = lean["awards"].as_array().cloned().unwrap_or_default();
        let compact_awards = compact["awards"].as_array().cloned().unwrap_or_default();
        assert_eq!(compact_awards.len(), awards.len());
        for ((a, l), c) in awards.iter().zip(&lean_awards).zip(&compact_awards) {
            let mut want = l.as_object().cloned().unwrap_or_default();
            want.insert("steps".into(), a["steps"].clone());
            let mut got = c.as_object().cloned().unwrap_or_default();
            let steps = got.get("steps").and_then(Value::as_array).cloned().unwrap_or_default();
            let steps = steps.into_iter().map(|step| pool_step(&program, &ir, &facts, c, step, &mut pools_seen));
            got.insert("steps".into(), steps.collect());
            assert_eq!(got, want);
        }
        let excluded = full["excluded"].as_array().cloned().unwrap_or_default();
        let compact_excluded = compact["excluded"].as_array().cloned().unwrap_or_default();
        assert_eq!(compact_excluded.len(), excluded.len());
        for (x, c) in excluded.iter().zip(&compact_excluded) {
            for key in ["policy", "rule", "entity", "kind", "max", "why", "winner"] {
                assert_eq!(x[key], c[key], "{key}");
            }
        }
        // Every (rule, entity) of `not_applicable` with its first reason's values, from the
        // full line and decoded from the compact groups through the IR and the facts: the same.
        let entries = full["not_applicable"].as_array().cloned().unwrap_or_default();
        entries_seen += entries.len();
        let mut want = BTreeMap::new();
        for entry in &entries {
            let first = &entry["why"][0];
            let kinds = ["before_effective", "after_expiry", "not_yet"];
            (kinds.iter().zip(&mut shortened)).for_each(|(k, n)| *n += usize::from(first["reason"] == *k));
            let (kind, values) = match first["reason"].as_str() {
                Some("out_of_scope") => (0, reads_map(first)),
                Some("fact_missing") => (1, first["fact"].clone()),
                Some("condition_false") => (2, reads_map(first)),
                _ => (3, entry["why"].clone()),
            };
            let key = (entry["policy"].to_string(), entry["rule"].to_string(), entry["entity"].to_string(), kind);
            assert!(want.insert(key, values).is_none(), "twice in the full line: {entry}");
        }
        let got = decode(&program, &ir, &facts, &compact, &mut groups_seen);
        let added: Vec<_> = got.iter().filter(|(k, v)| want.get(*k) != Some(*v)).collect();
        let lost: Vec<_> = want.iter().filter(|(k, v)| got.get(*k) != Some(*v)).collect();
        assert!(added.is_empty() && lost.is_empty(), "added {added:?}\nlost {lost:?}\n{}", compact["not_applicable"]);
    }
    // The population exercises every kind of group, policies named whole and by rule, and
    // false groups of several rules.
    assert!(groups_seen.iter().all(|n| *n > 50), "{groups_seen:?} of {entries_seen}");
    // And every reason the compact line shortens.
    assert!(shortened.iter().all(|n| *n > 5), "{shortened:?}");
    // Pools' steps decoded, the implicit (a rule's `per_year_cap`) and the declared.
    assert!(pools_seen.iter().all(|n| *n > 5), "{pools_seen:?}");
}

/// What the full line says of a rule not paying an entity: its policy, id and entity (as JSON
/// text) and the kind of its first reason (0 out of scope, 1 missing, 2 false, 3 other),
/// with that reason's values.
type Decoded = BTreeMap<(String, String, String, usize), serde_json::Value>;

/// A compact line's `not_applicable` decoded as a reader would: rules and policies looked up
/// by index in the IR (`ir::to_json`, what `policy compile --target json` writes), the
/// entities a group stands for in the facts, the evaluation date in the line. Counts in
/// `seen` the groups of each kind, then those naming whole policies, those listing rules,
/// and the false groups of several rules. A (rule, entity) decoded twice fails.
fn decode(
    program: &Program,
    ir: &serde_json::Value,
    facts: &Facts,
    line: &serde_json::Value,
    seen: &mut [usize; 7],
) -> Decoded {
    use serde_json::Value;
    let (groups, as_of) = (&line["not_applicable"], &line["as_of"]);
    let rules = ir["program"]["rules"].as_array().cloned().unwrap_or_default();
    let policies = ir["program"]["policies"].as_array().cloned().unwrap_or_default();
    let mut entities = Vec::new();
    facts.roots.iter().for_each(|root| walk(root, &mut entities));
    let mut got = Decoded::new();
    // Rule `rule` for every entity of its kind at `at` (and, unless `exact`, below it).
    let mut put = |rule: u64, at: &str, exact: bool, kind: usize, values: &Value| {
        let rule = rules.get(rule as usize).unwrap_or_else(|| panic!("no rule {rule} in the IR"));
        let of_kind = program.schema.kind_named(rule["entity"].as_str().unwrap_or_default());
        for (path, k) in &entities {
            let inside = **path == *at || (!exact && path.starts_with(&format!("{at}.")));
            if inside && of_kind == Some(*k) {
                let key = (rule["policy"].to_string(), rule["id"].to_string(), Value::from(&**path).to_string(), kind);
                assert!(got.insert(key, values.clone()).is_none(), "decoded twice: {rule} {path}");
            }
        }
    };
    let indices =
        |v: &Value| v.as_array().cloned().unwrap_or_default().iter().filter_map(Value::as_u64).collect::<Vec<_>>();
    for (top, kinds) in groups.as_object().cloned().unwrap_or_default() {
        let at = |below: &Value| match below.as_str().unwrap_or_default() {
            "" => top.clone(),
            below => format!("{top}.{below}"),
        };
        for (kind, name) in ["out_of_scope", "missing"].iter().enumerate() {
            for group in kinds[name].as_array().cloned().unwrap_or_default() {
                seen[kind] += 1;
                let (whole, listed) = (indices(&group["policies"]), indices(&group["rules"]));
                seen[4] += usize::from(!whole.is_empty());
                seen[5] += usize::from(!listed.is_empty());
                assert!(!whole.is_empty() || !listed.is_empty(), "a group of no rules: {group}");
                let ids: Vec<&Value> =
                    whole.iter().filter_map(|p| policies.get(*p as usize)).map(|p| &p["id"]).collect();
                assert_eq!(ids.len(), whole.len(), "a policy not in the IR: {group}");
                let of_whole = (0..rules.len() as u64)
                    .filter(|r| rules.get(*r as usize).is_some_and(|rule| ids.contains(&&rule["policy"])));
                let at = if kind == 0 { top.clone() } else { at(&group["entity"]) };
                for rule in of_whole.chain(listed) {
                    let values = if kind == 0 { reads(&rules, rule, &group["reads"]) } else { group["fact"].clone() };
                    put(rule, &at, false, kind, &values);
                }
            }
        }
        for (below, conditions) in kinds["false"].as_object().cloned().unwrap_or_default() {
            for group in conditions.as_array().cloned().unwrap_or_default() {
                seen[2] += 1;
                let mut group = group.as_array().cloned().unwrap_or_default().into_iter();
                let listed = indices(&group.next().unwrap_or_default());
                assert!(!listed.is_empty(), "a false group of no rules");
                seen[6] += usize::from(listed.len() > 1);
                let condition: Value = group.collect();
                for rule in listed {
                    put(rule, &at(&Value::from(below.as_str())), true, 2, &reads(&rules, rule, &condition));
                }
            }
        }
        for (below, listed) in kinds["other"].as_object().cloned().unwrap_or_default() {
            seen[3] += 1;
            for (rule, why) in listed.as_object().cloned().unwrap_or_default() {
                let rule = rule.parse().unwrap_or_else(|_| panic!("a rule key that is not an index: {rule}"));
                let why = other(&rules, &policies, rule, as_of, &why);
                put(rule, &at(&Value::from(below.as_str())), true, 3, &why);
            }
        }
    }
    got
}

/// A step of `award` as the full line writes it: a pool's by reference completed from the IR's
/// pool of that id that holds the award's rule, and from the award (its year; its entity's
/// or owner's path of the pool's `per` kind, as the scope). Counts implicit and declared.
fn pool_step(
    program: &Program,
    ir: &serde_json::Value,
    facts: &Facts,
    award: &serde_json::Value,
    mut step: serde_json::Value,
    seen: &mut [usize; 2],
) -> serde_json::Value {
    if step["step"] != "pool" {
        return step;
    }
    let pools = ir["program"]["pools"].as_array().cloned().unwrap_or_default();
    let member = serde_json::json!({"policy": award["policy"], "rule": award["rule"]});
    let holds = |p: &&serde_json::Value| {
        p["id"] == step["pool"] && p["members"].as_array().is_some_and(|m| m.contains(&member))
    };
    let pool = pools.iter().find(holds).unwrap_or_else(|| panic!("no pool {} holding {member}", step["pool"])).clone();
    let mut entities = Vec::new();
    facts.roots.iter().for_each(|root| walk(root, &mut entities));
    let per = program.schema.kind_named(pool["per"].as_str().unwrap_or_default());
    let entity = award["entity"].as_str().unwrap_or_default();
    let scope = entities
        .iter()
        .find(|(path, kind)| Some(*kind) == per && (entity == &**path || entity.starts_with(&format!("{path}."))));
    let scope = scope.unwrap_or_else(|| panic!("no {per:?} at or above {entity}")).0.to_string();
    seen[usize::from(pool["implicit"] == true)] += 1;
    if let Some(fields) = step.as_object_mut() {
        fields.insert("implicit".into(), pool["implicit"].clone());
        fields.insert("period".into(), pool["period"].clone());
        fields.insert("year".into(), award["year"].clone());
        fields.insert("scope".into(), scope.into());
        if !fields.contains_key("version") {
            fields.insert("cap".into(), pool["cap"]["money"].clone());
        }
    }
    step
}

/// Another reason as the full line's `why`: the policy and its dates from the IR, the
/// evaluation date from the line.
fn other(
    rules: &[serde_json::Value],
    policies: &[serde_json::Value],
    rule: u64,
    as_of: &serde_json::Value,
    written: &serde_json::Value,
) -> serde_json::Value {
    let policy = rules.get(rule as usize).map(|r| &r["policy"]).unwrap_or_else(|| panic!("no rule {rule}"));
    let policy = policies.iter().find(|p| p["id"] == *policy).unwrap_or_else(|| panic!("no policy {policy}"));
    let reasons = written.as_array().cloned().unwrap_or_default();
    let full = reasons.into_iter().map(|mut reason| {
        let kind = reason["reason"].as_str().unwrap_or_default().to_string();
        if let Some(fields) = reason.as_object_mut() {
            match kind.as_str() {
                "before_effective" | "after_expiry" => {
                    let day = if kind == "before_effective" { "effective" } else { "expires" };
                    fields.insert("policy".into(), policy["id"].clone());
                    fields.insert(day.into(), policy[day].clone());
                }
                "not_yet" => drop(fields.insert("as_of".into(), as_of.clone())),
                _ => {}
            }
        }
        reason
    });
    full.collect()
}

/// A condition by reference, `[c, value…]`, decoded as `{fact: value}`: the facts are those
/// the IR's condition `c` of `rule` reads ([`condition_reads`]), in order.
fn reads(rules: &[serde_json::Value], rule: u64, written: &serde_json::Value) -> serde_json::Value {
    let written = written.as_array().cloned().unwrap_or_default();
    let index = written.first().and_then(serde_json::Value::as_u64).unwrap_or_else(|| panic!("{written:?}"));
    let rule_ir = rules.get(rule as usize).unwrap_or_else(|| panic!("no rule {rule}"));
    let condition = &rule_ir["conditions"][index as usize];
    assert!(condition.is_object(), "no condition {index} of rule {rule}");
    let mut names = Vec::new();
    condition_reads(&condition["expr"], &mut names);
    assert_eq!(names.len() + 1, written.len(), "a value for each fact condition {index} of rule {rule} reads");
    // Values as the full line writes them: bools and numbers as text, numbers grouped.
    let shown = |value: serde_json::Value| match value {
        serde_json::Value::Bool(b) => b.to_string().into(),
        serde_json::Value::String(s) => match s.parse::<rust_decimal::Decimal>() {
            Ok(number) => policy_lang::amounts::money(number).into(),
            Err(_) => s.into(),
        },
        other => other,
    };
    names.into_iter().zip(written.into_iter().skip(1).map(shown)).collect::<serde_json::Map<_, _>>().into()
}

/// The facts an IR expression reads, as docs/IR.md says: depth first, operands in order, a
/// fact once (named `of.fact`), an aggregate at each place (named by its text), of a table
/// only its value.
fn condition_reads(e: &serde_json::Value, out: &mut Vec<String>) {
    let mut fact = |f: &serde_json::Value| {
        let name = match (f["of"].as_str(), f["fact"].as_str().unwrap_or_default()) {
            (Some(of), fact) => format!("{of}.{fact}"),
            (None, fact) => fact.to_string(),
        };
        if !out.contains(&name) {
            out.push(name);
        }
    };
    if e["fact"].is_string() {
        return fact(e);
    }
    let operands: &[&str] = match e["op"].as_str().unwrap_or_default() {
        "default" => return fact(&e["fact"]),
        "aggregate" => return out.push(e["text"].as_str().unwrap_or_default().to_string()),
        "neg" | "not" | "up_to" => &["arg"],
        "in" | "enum_name" | "by" | "tiers" | "marginal" | "steps" => &["value"],
        "date_add" | "date_sub" => &["date", "by"],
        "if" => &["cond", "then", "else"],
        "of" => &["rate", "base"],
        "per" => &["amount", "count"],
        "max" => &["amount", "cap"],
        "range" | "rate_range" => &["low", "high"],
        "call" => return e["args"].as_array().into_iter().flatten().for_each(|a| condition_reads(a, out)),
        "" | "as_of" | "param" | "case_by_case" => return, // a literal, or reads no fact
        _ => &["left", "right"],
    };
    operands.iter().for_each(|o| condition_reads(&e[*o], out));
}

#[test]
fn the_irs_conditions_read_what_their_reasons_show() {
    // Every condition of every bundled rule: its reads found in the IR as a reader would, the
    // same names in the same order as the engine's.
    let (mut facts, mut owners, mut defaults, mut aggregates) = (0, 0, 0, 0);
    // Beside the bundled rules, conditions that read aggregates, owners' facts and defaults
    // under every kind of operator.
    let written = r#"
rule A for enterprise {
  when count(drugs where phase == III and rd_cost > enterprise.capital default 0) >= 2 or local default false
  when (if local then rd_cost else sum(drugs.rd_cost)) >= 100万 and since + 3 years <= event
  when not (level in { national }) and -capital < rd_cost * 2 - max(drugs.rd_cost)
  on event
  reward 1万
  every_event
}
rule B for drug {
  when enterprise.local and phase != I and rd_cost >= enterprise.rd_cost default 0
  when enterprise.since < approved or enterprise.capital default 0 > rd_cost
  on approved
  reward 1万
  every_event
}
"#;
    let source = policy_lang::Source::new("test.policy", format!("{}{written}", crate::common::PRELUDE));
    let written = policy_lang::compile(vec![source]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let bundled = [&["rules"][..], &["rules", "tests/sixth"], &["examples/zh"]].map(|paths| {
        let paths: Vec<_> = paths.iter().map(|p| p.into()).collect();
        load(&paths).unwrap_or_else(|_| panic!("{paths:?} do not load")).program
    });
    for program in bundled.iter().chain([&written]) {
        let ir = policy_lang::ir::to_json(program);
        for (i, rule) in program.rules.iter().enumerate() {
            for (j, condition) in rule.conditions.iter().enumerate() {
                let mut want = Vec::new();
                for read in &condition.reads {
                    match read {
                        Reading::Field { name, default, .. } => {
                            facts += 1;
                            owners += usize::from(name.contains('.'));
                            defaults += usize::from(default.is_some());
                            want.push(name.to_string());
                        }
                        Reading::Aggregate(_, name) => {
                            aggregates += 1;
                            want.push(name.to_string());
                        }
                    }
                }
                let mut got = Vec::new();
                condition_reads(&ir["program"]["rules"][i]["conditions"][j]["expr"], &mut got);
                assert_eq!(got, want, "rule {} condition {j}: {}", rule.id, condition.text);
            }
        }
    }
    assert!(facts > 100 && owners > 20 && defaults > 0 && aggregates > 0, "{facts} {owners} {defaults} {aggregates}");
}

/// Every entity of the facts with its kind, depth first.
fn walk(entity: &Entity, out: &mut Vec<(std::sync::Arc<str>, usize)>) {
    out.push((entity.path.clone(), entity.kind));
    for slot in &entity.slots {
        if let Slot::Children(children) = slot {
            children.iter().for_each(|child| walk(child, out));
        }
    }
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

/// The demo rules, and the name of a money fact of their top-level kind (a CSV column).
fn demo_and_a_money_fact() -> (policy_lang::Program, String) {
    let program = load(&["tests/cli/demo.policy".into()]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let (_, def) = program.schema.roots().next().unwrap_or_else(|| panic!("no top-level kind"));
    let money = def.fields.iter().find(|f| f.ty == policy_lang::program::Ty::Money).map(|f| f.name.clone());
    let money = money.unwrap_or_else(|| panic!("no money fact in the demo"));
    (program, money)
}

#[test]
fn a_bad_cell_is_its_rows_error_naming_the_column_and_line() {
    let (program, money) = demo_and_a_money_fact();
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
    let (program, money) = demo_and_a_money_fact();
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

/// Rows are read into the records and fact sets of the rows before them (`batch::run_csv`
/// refills both): every row of a random population, good and bad ones mixed, must give the
/// line it gives when it is the file's only row, read into nothing reused.
#[test]
fn a_row_read_into_the_room_of_the_rows_before_gives_what_it_gives_alone() {
    let (program, money) = demo_and_a_money_fact();
    let mut rng = fastrand::Rng::with_seed(14);
    let ids = ["E1", "E22", "enterprise-with-a-long-id-0000000000", "", "E.3", "7"];
    let names = ["常州药业", "", "a \"quoted\" name", "x"];
    let costs = ["3000万", "1234567.89", "", "abc", "-5", "4,000,000", "0.001"];
    let drugs = [
        "[]",
        "",
        "[{\"id\": \"D1\", \"phase_completed\": \"III\", \"completed_on\": \"2024-03-01\", \"rd_cost\": \"3000万\", \"in_city\": true}]",
        "[{\"id\": \"D1\", \"completed_on\": \"2024-03-01\", \"rd_cost\": \"x\", \"in_city\": true}]",
        "not json",
    ];
    let header = format!("id,name,{money},drugs\n").into_bytes();
    let mut rows: Vec<Vec<u8>> = Vec::new();
    for _ in 0..300 {
        let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        let pick = |rng: &mut fastrand::Rng, cells: &[&str]| cells[rng.usize(..cells.len())].to_string();
        let record = [pick(&mut rng, &ids), pick(&mut rng, &names), pick(&mut rng, &costs), pick(&mut rng, &drugs)];
        writer.write_record(&record).unwrap_or_else(|e| panic!("{e}"));
        let mut row = writer.into_inner().unwrap_or_else(|e| panic!("{e}"));
        if rng.u8(..10) == 0 {
            // A byte that is not UTF-8 at the start of the id (never quoted: the row stays CSV).
            row.insert(0, 0xFF);
        }
        rows.push(row);
    }
    let run = |csv: &[u8], threads: usize, detail: Detail| {
        let options = Options { as_of: Some(date("2025-06-30")), threads, chunk: 7, detail };
        let mut out = Vec::new();
        let stop = std::sync::atomic::AtomicBool::new(false);
        policy_lang::batch::run_csv(&program, csv, "pop.csv", &mut out, &options, |_| {}, &stop)
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(out).unwrap_or_default()
    };
    for detail in [Detail::Awards, Detail::Full] {
        let alone: Vec<serde_json::Value> =
            rows.iter().flat_map(|row| results(&run(&[&header[..], row].concat(), 1, detail))).collect();
        assert!(alone.iter().any(|r| r["error"].is_null()) && alone.iter().any(|r| !r["error"].is_null()));
        for threads in [1, 2] {
            let together = results(&run(&[header.clone(), rows.concat()].concat(), threads, detail));
            assert_eq!(together.len(), alone.len());
            for (i, (got, want)) in together.iter().zip(&alone).enumerate() {
                assert!(got == want, "row {i} ({:?}):\n{got}\n{want}", String::from_utf8_lossy(&rows[i]));
            }
        }
    }
}
