//! Aggregates over child records and defaults for absent facts, from the sentences that need
//! them (issue 15): "按Ⅰ、Ⅱ期临床试验实际投入研发费用的30%", "企业当年获批品种数达到3个",
//! "完成境外临床研究的", "含视同通过" / "未提供的视为否".

use crate::common::{date, dec, kept};
use policy_lang::{compile, Evaluation, Source};
use pretty_assertions::assert_eq;

const SCHEMA: &str = r#"
schema {
  enum phase { preclinical, I, II, III }
  entity enterprise {
    employees?: count
    consistency_passed?: bool
    deemed_passed?: bool default false   // 含视同通过: not stated → not deemed
    trials?: [clinical_trial]
    approvals?: [approval]
  }
  entity clinical_trial {
    phase: phase
    rd_cost?: money
    overseas_cost?: money default 0     // 未提供的视为无境外投入
    overseas?: bool
    completed?: bool
    sites?: [site]
  }
  entity site { overseas: bool }
  entity approval { approved_on: date }
}
policy sixth {
  issued 2025-01-01
  effective on_issue
}
"#;

fn run(rules: &str, facts: &str) -> Evaluation<'static> {
    let source = Source::new("sixth.policy", format!("{SCHEMA}{rules}"));
    let program = kept(compile(vec![source]).unwrap_or_else(|e| panic!("rules do not compile: {e:#?}")).program);
    let facts = kept(program.facts("facts.json", facts).unwrap_or_else(|e| panic!("facts rejected: {e:#?}")));
    program.evaluate(facts, date("2025-12-31")).unwrap_or_else(|e| panic!("evaluation failed: {e}"))
}

fn rule(clauses: &str) -> String {
    format!("rule R for enterprise {{\n  on 2025-06-01\n  {clauses}\n  once\n}}\n")
}

/// One enterprise with these fields.
fn facts(fields: &str) -> String {
    format!(r#"{{"enterprise": [{{"id": "E1", {fields}}}]}}"#)
}

const TRIALS: &str = r#""trials": [
  {"id": "T1", "phase": "I", "rd_cost": "400万", "overseas": false, "completed": true},
  {"id": "T2", "phase": "II", "rd_cost": "500万", "overseas": true, "completed": true},
  {"id": "T3", "phase": "II", "rd_cost": "300万", "overseas_cost": "120万", "overseas": true, "completed": false},
  {"id": "T4", "phase": "III", "rd_cost": "900万", "overseas": false, "completed": true}
]"#;

/// The award's amount and trace, or the reason there is none.
fn outcome(clauses: &str, fields: &str) -> Result<(String, Vec<String>), String> {
    let result = run(&rule(clauses), &facts(fields));
    match (result.awards.as_slice(), result.not_applicable.as_slice()) {
        ([a], []) => Ok((a.amount().map(|d| d.normalize().to_string()).unwrap_or_default(), a.trace.lines())),
        ([], [na]) => Err(result.reason(na)),
        _ => panic!("expected one outcome: {result:#?}"),
    }
}

#[test]
fn thirty_percent_of_phase_one_and_two_trial_costs() {
    // 按Ⅰ、Ⅱ期临床试验实际投入研发费用的30%: T1 400万 + T2 500万 + T3 300万 = 1200万 → 360万.
    let (amount, trace) =
        outcome("reward 30% of sum(trials.rd_cost where phase in { I, II })", TRIALS).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "3600000");
    assert_eq!(
        trace[0],
        "sum of trials.rd_cost where phase in { I, II }: 3 of 4 records (T1 4,000,000, T2 5,000,000, T3 3,000,000) = 12,000,000"
    );
    assert_eq!(trace[1], "30% of sum(trials.rd_cost where phase in { I, II }): 30% × 12,000,000 = 3,600,000");
}

#[test]
fn three_approvals_in_the_year_reach_the_threshold() {
    // 企业当年获批品种数达到3个: only approvals dated in 2025 count.
    let rules =
        "when count(approvals where approved_on >= 2025-01-01 and approved_on <= 2025-12-31) >= 3\n  reward 100万";
    let approvals = |dates: &[&str]| {
        let list: Vec<String> =
            dates.iter().enumerate().map(|(i, d)| format!(r#"{{"id": "A{i}", "approved_on": "{d}"}}"#)).collect();
        format!(r#""approvals": [{}]"#, list.join(", "))
    };
    let three = approvals(&["2025-01-10", "2024-12-31", "2025-05-01", "2025-11-30"]);
    let (amount, trace) = outcome(rules, &three).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "1000000");
    // The award's trace shows which approvals the condition counted.
    assert_eq!(
        trace[0],
        "count of approvals where approved_on >= 2025-01-01 and approved_on <= 2025-12-31: 3 of 4 records (A0, A2, A3) = 3"
    );
    let two = approvals(&["2025-01-10", "2024-12-31", "2025-05-01"]);
    assert_eq!(
        outcome(rules, &two),
        Err("condition `count(approvals where approved_on >= 2025-01-01 and approved_on <= 2025-12-31) >= 3` is false (count of approvals where approved_on >= 2025-01-01 and approved_on <= 2025-12-31 = 2)".to_string())
    );
}

#[test]
fn overseas_trials_any_and_their_costs() {
    // 完成境外临床研究的，按照其研发投入…: any overseas trial completed; its costs summed.
    let rules = "when any(trials where overseas and completed)\n  reward 20% of sum(trials.rd_cost where overseas)";
    let (amount, trace) = outcome(rules, TRIALS).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "1600000");
    assert_eq!(trace[0], "any of trials where overseas and completed: 1 of 4 records (T2) → true");
    assert_eq!(
        trace[1],
        "sum of trials.rd_cost where overseas: 2 of 4 records (T2 5,000,000, T3 3,000,000) = 8,000,000"
    );
    let none = r#""trials": [{"id": "T1", "phase": "I", "rd_cost": 1, "overseas": true, "completed": false}]"#;
    assert!(outcome(rules, none).is_err_and(|r| r.contains("any of trials where overseas and completed = false")));
}

#[test]
fn an_empty_list_sums_to_zero_counts_zero_and_all_holds() {
    let empty = r#""trials": [], "approvals": []"#;
    assert_eq!(outcome("reward 10万 + sum(trials.rd_cost)", empty).map(|(a, _)| a), Ok("100000".into()));
    assert_eq!(outcome("reward 10万 per count(approvals)", empty).map(|(a, _)| a), Ok("0".into()));
    assert_eq!(outcome("when all(trials where completed)\n  reward 1万", empty).map(|(a, _)| a), Ok("10000".into()));
    assert!(outcome("when any(trials where completed)\n  reward 1万", empty).is_err());
    let (_, trace) = outcome("reward 10万 + sum(trials.rd_cost)", empty).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(trace[0], "sum of trials.rd_cost: 0 of 0 records = 0");
}

#[test]
fn min_and_max_over_no_records_are_not_applicable() {
    let (amount, _) = outcome("reward max(trials.rd_cost) max 800万", TRIALS).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "8000000");
    let (amount, _) = outcome("reward min(trials.rd_cost where phase == II)", TRIALS).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "3000000");
    let why = outcome("reward min(trials.rd_cost where phase == preclinical)", TRIALS);
    assert_eq!(
        why,
        Err("`min of trials.rd_cost where phase == preclinical` has no value: there are no records".into())
    );
}

#[test]
fn an_absent_child_fact_is_not_applicable_never_zero() {
    let trials = r#""trials": [{"id": "T1", "phase": "I", "rd_cost": "100万"}, {"id": "T2", "phase": "II"}]"#;
    assert_eq!(outcome("reward sum(trials.rd_cost)", trials), Err("fact `trials[T2].rd_cost` is not given".into()));
    // Filtered out, the record's absent cost is not read.
    assert_eq!(outcome("reward sum(trials.rd_cost where phase == I)", trials).map(|(a, _)| a), Ok("1000000".into()));
    // A filter reading an absent fact is not applicable too.
    assert_eq!(
        outcome("reward 1万 per count(trials where overseas)", trials),
        Err("fact `trials[T1].overseas` is not given".into())
    );
    // The list itself absent: not applicable, not an empty list.
    assert_eq!(outcome("reward sum(trials.rd_cost)", r#""employees": 3"#), Err("fact `trials` is not given".into()));
}

#[test]
fn a_schema_default_counts_an_absent_child_fact_and_says_so() {
    // overseas_cost defaults to 0: T3 gives 120万, the others give nothing.
    let (amount, trace) = outcome("reward sum(trials.overseas_cost)", TRIALS).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "1200000");
    assert_eq!(
        trace[0],
        "sum of trials.overseas_cost: 4 of 4 records (T1 0 by default, T2 0 by default, T3 1,200,000, T4 0 by default) = 1,200,000"
    );
}

#[test]
fn passed_or_deemed_passed() {
    // 通过或视同通过 (含视同通过): `deemed_passed` not stated is false by the schema's default.
    let rules = "when consistency_passed or deemed_passed\n  reward 100万";
    assert!(outcome(rules, r#""consistency_passed": true"#).is_ok());
    assert!(outcome(rules, r#""consistency_passed": false, "deemed_passed": true"#).is_ok());
    assert_eq!(
        outcome(rules, r#""consistency_passed": false"#),
        Err("condition `consistency_passed or deemed_passed` is false (consistency_passed = false, deemed_passed = false by default)".into())
    );
    // An award that rests on a default says so.
    let (_, trace) =
        outcome("when not deemed_passed\n  reward 100万", r#""employees": 1"#).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(trace, vec!["deemed_passed absent: false by default".to_string()]);
    // Without a default, absent still means not applicable, whatever else holds.
    assert_eq!(outcome(rules, r#""deemed_passed": true"#), Err("fact `consistency_passed` is not given".into()));
}

#[test]
fn a_default_where_the_fact_is_read() {
    // 未提供的视为0: `employees default 0`, traced when used.
    let (amount, trace) =
        outcome("reward 10万 + 1万 per (employees default 0)", r#""trials": []"#).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "100000");
    assert_eq!(trace[0], "employees absent: 0 by default");
    let (amount, trace) =
        outcome("reward 10万 + 1万 per (employees default 0)", r#""employees": 5"#).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "150000");
    assert!(!trace.iter().any(|l| l.contains("by default")), "{trace:?}");
}

#[test]
fn the_filter_reaches_the_owner_by_its_path() {
    let rules = "reward 1万 per count(trials where phase == II and enterprise.employees >= 10)";
    assert_eq!(outcome(rules, &format!(r#""employees": 10, {TRIALS}"#)).map(|(a, _)| a), Ok("20000".into()));
    assert_eq!(outcome(rules, &format!(r#""employees": 9, {TRIALS}"#)).map(|(a, _)| a), Ok("0".into()));
}

#[test]
fn aggregates_nest_over_grandchildren() {
    // Trials run at two or more overseas sites (多中心境外临床): a count inside a filter.
    let rules = "reward 10万 per count(trials where count(sites where overseas) >= 2)";
    let trials = r#""trials": [
      {"id": "T1", "phase": "I", "sites": [{"id": "S1", "overseas": true}, {"id": "S2", "overseas": true}]},
      {"id": "T2", "phase": "II", "sites": [{"id": "S1", "overseas": true}, {"id": "S2", "overseas": false}]},
      {"id": "T3", "phase": "III", "sites": []}
    ]"#;
    let (amount, trace) = outcome(rules, trials).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(amount, "100000");
    assert_eq!(trace[0], "count of trials where count(sites where overseas) >= 2: 1 of 3 records (T1) = 1");
    // A trial without its sites listed: not applicable, naming the trial.
    let missing = r#""trials": [{"id": "T1", "phase": "I"}]"#;
    assert_eq!(outcome(rules, missing), Err("fact `trials[T1].sites` is not given".into()));
}

#[test]
fn sums_are_exact_decimals() {
    let trials =
        r#""trials": [{"id": "a", "phase": "I", "rd_cost": "0.1"}, {"id": "b", "phase": "I", "rd_cost": "0.2"}]"#;
    let result = run(&rule("reward sum(trials.rd_cost)"), &facts(trials));
    assert_eq!(result.awards[0].amount(), Some(dec("0.30")));
}

#[test]
fn needs_name_the_records_an_aggregate_reads() {
    let source = Source::new(
        "sixth.policy",
        format!(
            "{SCHEMA}{}",
            rule("when any(trials where overseas)\n  reward 30% of sum(trials.rd_cost where phase in { I, II })")
        ),
    );
    let loaded = compile(vec![source]).unwrap_or_else(|e| panic!("{e:#?}"));
    let needs = policy_lang::needs::facts_needed(&loaded.program);
    let reads: Vec<(String, String, Vec<&str>)> =
        needs[0].facts.iter().map(|f| (f.entity.clone(), f.field.clone(), f.via.clone())).collect();
    let read = |e: &str, f: &str, via: &[&'static str]| (e.to_string(), f.to_string(), via.to_vec());
    assert_eq!(
        reads,
        vec![
            read("enterprise", "trials", &["condition", "reward"]),
            read("clinical_trial", "phase", &["reward"]),
            read("clinical_trial", "rd_cost", &["reward"]),
            read("clinical_trial", "overseas", &["condition"]),
        ]
    );
}

#[test]
fn the_ir_carries_aggregates_and_defaults() {
    let rules = rule("when consistency_passed or deemed_passed\n  reward 30% of sum(trials.rd_cost where phase in { I, II }) + 1万 per (employees default 0)");
    let source = Source::new("sixth.policy", format!("{SCHEMA}{rules}"));
    let loaded = compile(vec![source]).unwrap_or_else(|e| panic!("{e:#?}"));
    let doc = policy_lang::ir::to_json(&loaded.program);
    crate::compile::assert_valid(&crate::compile::ir_validator(), "aggregates", &doc);
    let back = policy_lang::ir::read(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(policy_lang::ir::to_json(&back), doc);
    let reward = &doc["program"]["rules"][0]["reward"];
    assert_eq!(reward["left"]["base"]["op"], "aggregate", "{reward}");
    assert_eq!(reward["left"]["base"]["take"], "sum");
    assert_eq!(reward["right"]["count"]["op"], "default", "{reward}");
    let facts = facts(&format!(r#""consistency_passed": true, {TRIALS}"#));
    let (facts_a, facts_b) = (loaded.program.facts("f", &facts).unwrap(), back.facts("f", &facts).unwrap());
    let a = loaded.program.evaluate(&facts_a, date("2025-12-31")).unwrap();
    let b = back.evaluate(&facts_b, date("2025-12-31")).unwrap();
    assert_eq!(a.awards[0].amount(), Some(dec("3600000")));
    assert_eq!((a.awards[0].amount(), a.awards[0].trace.lines()), (b.awards[0].amount(), b.awards[0].trace.lines()));
    // The facts JSON Schema shows each field's default.
    let schema = policy_lang::ir::facts_schema(&loaded.program);
    let enterprise = &schema["$defs"]["entity.enterprise"]["properties"];
    assert_eq!(enterprise["deemed_passed"]["default"], serde_json::json!(false));
    assert_eq!(
        schema["$defs"]["entity.clinical_trial"]["properties"]["overseas_cost"]["default"],
        serde_json::json!(0)
    );
    assert!(enterprise["employees"].get("default").is_none());
}

#[test]
fn aggregates_and_defaults_print_back_as_written() {
    let text = format!("{SCHEMA}{}", rule("when all(trials where completed) and count(approvals) >= 1\n  reward up_to max(enterprise.trials.rd_cost where phase in { I, II }) max 200万 + (employees default 0) * 1万"));
    let file = policy_lang::syntax::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let printed = file.to_string();
    assert!(printed.contains("deemed_passed?: bool default false"), "{printed}");
    assert!(printed.contains("max(enterprise.trials.rd_cost where phase in { I, II }) max 200万"), "{printed}");
    let again = policy_lang::syntax::parse(&printed).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(file, again);
}
