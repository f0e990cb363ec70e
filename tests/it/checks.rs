//! Issue 15, items 6–8, each from a sentence of the seeds: `by` tables that name every value
//! their rule can meet, tiers over counts read as whole numbers, warnings answered in the
//! source with `acknowledge`, and `expect` amounts written as `policy eval` prints them.

use crate::cli::{policy, text};
use crate::common::{enterprise, run, stated, PRELUDE};
use policy_lang::{compile, Error, Errors, Loaded, Source};

fn load(rules: &str) -> Result<Loaded, Errors> {
    compile(vec![Source::new("test.policy", format!("{PRELUDE}{rules}"))])
}

fn rule(clauses: &str) -> String {
    format!("rule R for enterprise {{\n  {}\n}}\n", stated(clauses))
}

/// The codes of the diagnostics, errors or warnings.
fn codes(diagnostics: &[Error]) -> Vec<String> {
    use miette::Diagnostic;
    diagnostics.iter().map(|e| e.code().map(|c| c.to_string()).unwrap_or_default()).collect()
}

fn errors(rules: &str) -> Vec<Error> {
    load(rules).err().map(|e| e.0).unwrap_or_default()
}

fn warnings(rules: &str) -> Vec<Error> {
    load(rules).map(|l| l.warnings).unwrap_or_else(|e| panic!("rules do not check: {e:#?}"))
}

// ------------------------------------------------------------------ 6. exhaustive `by`

/// 无锡 一（三）1.: "按照不同临床试验阶段，分档择优给予不超过研发投入的25%，最高分别为600万元、
/// 1200万元和3500万元". A table that forgets Phase III used to pass the checker, and a Phase III
/// trial was then "not applicable" at run time.
#[test]
fn a_by_table_that_forgets_a_phase_is_an_error_naming_it() {
    let forgot =
        rule("when phase in { I, II, III }\n  reward up_to 25% of rd_cost max by phase { I => 600万, II => 1200万 }");
    let found = errors(&forgot);
    assert_eq!(codes(&found), ["check::missing_variants"]);
    assert_eq!(found[0].to_string(), "this `by` table has no amount for `III` of enum `phase`");
    let help = miette::Diagnostic::help(&found[0]).map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`III => …`") && help.contains("`_ => …`"), "{help}");

    let whole = "when phase in { I, II, III }\n  reward up_to 25% of rd_cost max by phase { I => 600万, II => 1200万, III => 3500万 }";
    assert!(warnings(&rule(whole)).is_empty());
}

/// The rule's conditions decide which values the table must name: without the `when`, a
/// preclinical record reaches the table too.
#[test]
fn only_the_values_the_conditions_leave_must_have_an_arm() {
    let table = "reward by phase { I => 600万, II => 1200万, III => 3500万 }";
    let unguarded = errors(&rule(table));
    assert_eq!(
        unguarded.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["this `by` table has no amount for `preclinical` of enum `phase`"]
    );
    for guard in [
        "when phase in { I, II, III }",
        "when phase != preclinical",
        "when not (phase == preclinical)",
        "when local and phase in { I, II, III }",
        "when phase == I or phase in { II, III }",
        "when enterprise.phase in { I, II, III }",
    ] {
        assert!(load(&rule(&format!("{guard}\n  {table}"))).is_ok(), "{guard}");
    }
    // An `or` that leaves one side free narrows nothing; a wildcard covers the rest.
    assert_eq!(codes(&errors(&rule(&format!("when phase == I or local\n  {table}")))), ["check::missing_variants"]);
    assert!(load(&rule("reward by phase { I => 600万, _ => 0 }")).is_ok());
}

/// 常州 （十一）: "首次取得GLP、GCP认证或备案项目达到三个或五个以上的，分别给予30万元、50万元奖励".
/// Over a count, 3–4 items and 5 or more leave nothing between them.
#[test]
fn tiers_over_a_count_leave_no_gap_between_whole_numbers() {
    let count = "reward tiers items { [3, 4] => 30万, [5, ..) => 50万 }";
    assert!(warnings(&rule(count)).is_empty());
    let plan = "reward tiers items { [1, 1] => 10万, [2, 3] => 20万, [4, ..) => 30万 }";
    assert!(warnings(&rule(plan)).is_empty());
    // Over money the same brackets leave every amount between 4 and 5 uncovered.
    let money = warnings(&rule("reward tiers rd_cost { [3, 4] => 30万, [5, ..) => 50万 }"));
    assert_eq!(money.iter().map(ToString::to_string).collect::<Vec<_>>(), ["no tier covers every value in (4, 5)"]);
    // A whole number left out is still a gap, and a shared one still an overlap.
    let gap = warnings(&rule("reward tiers items { [1, 1] => 10万, [3, ..) => 30万 }"));
    assert_eq!(gap.iter().map(ToString::to_string).collect::<Vec<_>>(), ["no tier covers exactly 2"]);
    let overlap = warnings(&rule("reward tiers items { [1, 2] => 10万, [2, ..) => 30万 }"));
    assert_eq!(overlap.iter().map(ToString::to_string).collect::<Vec<_>>(), ["tiers overlap at exactly 2"]);
    // No whole number lies strictly between 1 and 2.
    assert_eq!(codes(&errors(&rule("reward tiers items { (1, 2) => 10万 }"))), ["check::empty_tier"]);
    let four = run(&rule(count), &enterprise(r#""items": 4"#));
    assert_eq!(four.awards[0].amount(), Some(crate::common::dec("300000")));
}

// ------------------------------------------------------------------ 7. acknowledge

/// 无锡 三（十一）: "总投资1亿元~5亿元的，给予最高不超过2000万元资助，总投资5亿元以上的按“一事一议”
/// 重点支持": both include 5亿, so the text itself overlaps there.
const WUXI_11A: &str = "reward tiers investment { [5亿, ..) => case_by_case, [1亿, 5亿] => up_to 2000万 }";

#[test]
fn an_acknowledged_overlap_is_counted_with_its_reason_not_printed() {
    assert_eq!(codes(&warnings(&rule(WUXI_11A))), ["check::tier_overlap"]);
    let reason = "文本在5亿处重叠；以上含本数，取一事一议档";
    let answered = load(&rule(&format!("{WUXI_11A}\n  acknowledge tier_overlap \"{reason}\"")))
        .unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(answered.warnings.is_empty(), "{:#?}", answered.warnings);
    assert_eq!(answered.acknowledged.len(), 1);
    let a = &answered.acknowledged[0];
    assert_eq!((a.item.as_str(), a.reason.as_str()), ("rule `R`", reason));
    assert_eq!(a.warning.to_string(), "tiers overlap at exactly 5亿");
    // At exactly 5亿 the tier listed first, 一事一议, is the one paid.
    let at = run(&rule(WUXI_11A), &enterprise(r#""investment": "5亿""#));
    assert_eq!(at.awards[0].kind(), policy_lang::program::EntitlementKind::CaseByCase);
}

#[test]
fn acknowledging_a_warning_that_does_not_occur_is_a_warning() {
    let absent = warnings(&rule(&format!("{WUXI_11A}\n  acknowledge tier_gap \"无缺口\"")));
    assert_eq!(codes(&absent), ["check::tier_overlap", "check::acknowledged_absent"]);
    assert_eq!(absent[1].to_string(), "rule `R` has no `tier_gap` warning to acknowledge");
    let help = miette::Diagnostic::help(&absent[1]).map(|h| h.to_string()).unwrap_or_default();
    assert_eq!(help, "its warnings are `tier_overlap`: acknowledge one of those, or remove this line");
    let pool = "pool P {\n  members R\n  cap 1000万 per enterprise per year\n  acknowledge tier_gap \"x\"\n}\n";
    let in_pool = warnings(&format!("{}{pool}", rule("reward 1万")));
    assert_eq!(
        in_pool.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["pool `P` has no `tier_gap` warning to acknowledge"]
    );
    let typo = errors(&rule(&format!("{WUXI_11A}\n  acknowledge tier_overlpa \"x\"")));
    // The name is not a warning's, so the overlap it meant stays reported too.
    assert_eq!(codes(&typo), ["check::unknown_warning", "check::tier_overlap"]);
}

#[test]
fn policy_check_counts_the_acknowledged_warnings_and_lists_them_on_request() {
    let out = policy(&["check", "rules/"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stderr);
    assert!(summary.contains("0 warning(s), 2 warnings acknowledged"), "{summary}");
    assert!(!summary.contains("WX-11a"), "{summary}");
    let listed = text(&policy(&["check", "--show-acknowledged", "rules/"], None).stderr);
    assert!(listed.contains("rule `WX-11a` (tier_overlap): tiers overlap at exactly 5亿"), "{listed}");
    assert!(listed.contains("reason: 文本“1亿元~5亿元”与“5亿元以上”在5亿处重叠"), "{listed}");
}

// ------------------------------------------------------------------ 8. amounts as eval prints them

/// Rules whose awards take every printed form: 10% of 30,000,005 is 3,000,000.5 (owed),
/// 无锡 一（三）1. a ceiling, 无锡 五（二十三） a range (按年薪的5%–20%，最高200万元), and
/// 一事一议 with and without a ceiling.
const PRINTED: &str = r#"schema {
  entity enterprise { rd_cost: money, salary: money }
}
policy printed { issued 2023-01-01 }
rule OWED for enterprise { on as_of every_event reward 10% of rd_cost }
rule CEILING for enterprise { on as_of every_event reward up_to 25% of rd_cost max 300万 }
rule RANGE for enterprise { on as_of every_event reward 5%..20% of salary max 200万 }
rule CASE for enterprise { on as_of every_event reward case_by_case }
rule CASE_MAX for enterprise { on as_of every_event reward case_by_case max 1亿 }
"#;

const FACTS: &str =
    r#"{"as_of": "2024-06-30", "enterprise": [{"id": "E1", "rd_cost": "30000005", "salary": "1200万"}]}"#;

/// Writes the rules and facts to a fresh folder and returns it.
fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("policy-checks-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("rules.policy"), PRINTED).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("facts.json"), FACTS).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Runs `policy test` on the rules with these `expect` lines and returns its report.
fn policy_test(dir: &std::path::Path, expects: &[String]) -> std::process::Output {
    let test = format!("test \"pasted\" {{\n  facts \"facts.json\"\n{}\n}}\n", expects.join("\n"));
    std::fs::write(dir.join("pasted.policy"), test).unwrap_or_else(|e| panic!("{e}"));
    policy(
        &["test", &dir.join("rules.policy").display().to_string(), &dir.join("pasted.policy").display().to_string()],
        None,
    )
}

#[test]
fn the_amount_column_of_eval_pastes_into_expect() {
    let dir = folder("table");
    let facts = dir.join("facts.json").display().to_string();
    let eval =
        text(&policy(&["eval", &dir.join("rules.policy").display().to_string(), "--facts", &facts], None).stdout);
    // An award row: entity, rule, cite (empty here), kind, amount; columns apart by two spaces.
    let rows: Vec<(String, String, String)> = eval
        .lines()
        .skip_while(|l| !l.starts_with("ENTITY"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with(' '))
        .map(|l| {
            let cells: Vec<&str> = l.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
            (cells[0].to_string(), cells[1].to_string(), cells[cells.len() - 1].to_string())
        })
        .collect();
    let amounts: Vec<&str> = rows.iter().map(|(_, _, a)| a.as_str()).collect();
    assert_eq!(
        amounts,
        ["3,000,000.5", "up to 3,000,000", "600,000 – 2,000,000", "case by case", "case by case, up to 100,000,000"]
    );
    let expects: Vec<String> = rows.iter().map(|(e, r, a)| format!("  expect {r} for {e}: {a}")).collect();
    let out = policy_test(&dir, &expects);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("1 passed, 0 failed"), "{}", text(&out.stdout));
}

#[test]
fn the_json_amounts_of_eval_paste_into_expect() {
    let dir = folder("json");
    let facts = dir.join("facts.json").display().to_string();
    let rules = dir.join("rules.policy").display().to_string();
    let json = text(&policy(&["eval", &rules, "--facts", &facts, "--format", "json"], None).stdout);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let award = |rule: &str| json["awards"].as_array().into_iter().flatten().find(|a| a["rule"] == rule).cloned();
    let owed = award("OWED").unwrap_or_default();
    let ceiling = award("CEILING").unwrap_or_default();
    assert_eq!((owed["amount"].as_str(), ceiling["max"].as_str()), (Some("3000000.50"), Some("3000000.00")));
    let expects = [
        format!("  expect OWED for enterprise.E1: {}", owed["amount"].as_str().unwrap_or_default()),
        format!("  expect CEILING for enterprise.E1: up_to {}", ceiling["max"].as_str().unwrap_or_default()),
    ];
    let out = policy_test(&dir, &expects);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
}

/// Every form of the issue's list is the same amount as the canonical one, and prints back as it.
#[test]
fn amounts_are_read_as_people_write_them() {
    let read = |amount: &str| {
        let file = format!("test \"t\" {{\n  expect R for enterprise.E1: {amount}\n}}\n");
        let parsed = policy_lang::syntax::parse(&file).unwrap_or_else(|e| panic!("`{amount}`: {e:?}"));
        let printed = parsed.to_string();
        assert_eq!(policy_lang::syntax::parse(&printed).ok(), Some(parsed), "{printed}");
        printed.lines().nth(1).unwrap_or_default().rsplit(": ").next().unwrap_or_default().to_string()
    };
    for (written, canonical) in [
        ("3,000,000", "3_000_000"),
        ("300万", "300万"),
        ("3,000,000.50", "3_000_000.5"),
        ("up_to 3,000,000", "up_to 3_000_000"),
        ("up to 300万", "up_to 300万"),
        ("600,000 – 2,000,000", "600_000..2_000_000"),
        ("case by case", "case_by_case"),
        ("case by case, up to 100,000,000", "case_by_case max 100_000_000"),
        ("1,000元", "1000元"),
    ] {
        assert_eq!(read(written), canonical, "{written}");
    }
    for bad in ["3,00,000", "3,000,00", ",300", "up 300万"] {
        let file = format!("test \"t\" {{\n  expect R for enterprise.E1: {bad}\n}}\n");
        assert!(policy_lang::syntax::parse(&file).is_err(), "`{bad}` should not parse");
    }
}

/// `acknowledge` prints last in its rule, pool or stack, comments kept, and reads back the same.
#[test]
fn acknowledge_round_trips_through_the_formatter_in_rules_pools_and_stacks() {
    let text = format!(
        "{PRELUDE}{}pool P {{\n  members R\n  cap 1000万 per enterprise per year\n  acknowledge tier_gap \"无\"  // a pool's answer\n}}\n\nstack S {{\n  members R\n  earlier refuse\n  acknowledge tier_overlap \"引号\\\"与\\\\反斜杠\"\n}}\n",
        rule(&format!("{WUXI_11A}\n  acknowledge tier_overlap \"取一事一议档\""))
    );
    let formatted = policy_lang::format::format(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(policy_lang::format::format(&formatted).ok().as_deref(), Some(formatted.as_str()));
    assert!(formatted.contains("  every_event\n  acknowledge tier_overlap \"取一事一议档\"\n}"), "{formatted}");
    assert!(formatted.contains("  acknowledge tier_gap \"无\"  // a pool's answer\n"), "{formatted}");
    let parsed = policy_lang::syntax::parse(&formatted).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(policy_lang::syntax::parse(&parsed.to_string()).ok(), Some(parsed));
}
