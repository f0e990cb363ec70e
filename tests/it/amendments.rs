//! Dated amendments: a later notice changes, repeals or adds rules of a policy from a date,
//! and the event's date picks the text in force. The notices are in
//! `tests/amendments/changzhou_2025.policy`, loaded beside `rules/` unchanged.

use crate::common::{date, kept};
use policy_lang::{compile, ir, load, output, Evaluation, Program, Source};
use pretty_assertions::assert_eq;
use serde_json::json;

/// `rules/` with the amendments, loaded once for every test here (evaluations borrow from it).
fn amended() -> &'static Program {
    static AMENDED: std::sync::OnceLock<Program> = std::sync::OnceLock::new();
    AMENDED.get_or_init(|| {
        load(&["rules".into(), "tests/amendments".into()]).unwrap_or_else(|e| panic!("does not load: {e:?}")).program
    })
}

fn evaluate<'p>(program: &'p Program, facts: &str, as_of: &str) -> Evaluation<'p> {
    let facts = kept(program.facts("facts.json", facts).unwrap_or_else(|e| panic!("facts rejected: {e:?}")));
    program.evaluate(facts, date(as_of)).unwrap_or_else(|e| panic!("{e}"))
}

/// 常政规〔2025〕2号一: 第（九）条"最高2000万元"调整为"最高2500万元", from 2025-04-01.
const PLATFORMS: &str = r#"{"enterprise": [{"city": "changzhou", "id": "S", "name": "平台公司", "unit_type": "enterprise",
  "local": true, "biomedical": true, "listed": false, "platforms": [
  {"id": "MAR", "name": "甲", "platform_type": "public_service", "new_in_city": true, "independent_legal_person": true,
   "in_key_zone": true, "recognized_on": "2025-03-31", "new_rd_equipment_investment": "1亿"},
  {"id": "APR", "name": "乙", "platform_type": "public_service", "new_in_city": true, "independent_legal_person": true,
   "in_key_zone": true, "recognized_on": "2025-04-01", "new_rd_equipment_investment": "1亿"}]}]}"#;

#[test]
fn the_notices_own_tests_pass_beside_the_seed_rules() {
    let program = amended();
    let results: Vec<_> =
        policy_lang::testing::run(program).into_iter().filter(|r| r.at.starts_with("tests/amendments/")).collect();
    assert_eq!(results.len(), 13);
    for r in &results {
        assert!(r.passed(), "{}: {:#?}", r.name, r.failures);
    }
}

#[test]
fn the_event_date_picks_the_version_and_the_json_names_it() {
    let result = evaluate(amended(), PLATFORMS, "2025-12-31");
    let json = serde_json::to_value(output::json(&result)).unwrap_or_default();
    let awards = json["awards"].as_array().cloned().unwrap_or_default();
    let of = |id: &str| awards.iter().find(|a| a["entity"].as_str().is_some_and(|e| e.ends_with(id))).cloned();
    let (before, after) = (of("MAR").unwrap_or_default(), of("APR").unwrap_or_default());
    assert_eq!((before["max"].as_str(), after["max"].as_str()), (Some("20000000.00"), Some("25000000.00")));
    // The original text: no `version` at all.
    assert_eq!(before.get("version"), None);
    assert_eq!(
        after["version"],
        json!({"amendment": "changzhou_2025", "document": "常政规〔2025〕2号", "effective": "2025-04-01"})
    );
    assert_eq!(after["cite"], "（九），常政规〔2025〕2号第一条修改");
    assert_eq!(after["steps"][0]["step"], "version");
    assert_eq!(
        after["trace"][0],
        "version in force: amendment `changzhou_2025` (常政规〔2025〕2号), effective 2025-04-01"
    );
}

#[test]
fn a_reason_under_amended_text_names_the_version() {
    // 二、达500万元以上 → 达300万元以上: 200万 of services in 2025 fails the amended threshold.
    let facts = r#"{"enterprise": [{"city": "changzhou", "id": "H", "name": "医院", "unit_type": "hospital", "local": true,
      "biomedical": true, "listed": false, "clinical_trial_institution": true, "recommended_by_authority": true,
      "annual_reports": [{"id": "Y2025", "period_end": "2025-12-31", "innovative_trial_service_amount": "200万"}]}]}"#;
    let result = evaluate(amended(), facts, "2026-06-30");
    let na = result.not_applicable.iter().find(|n| n.rule.id == "CZ-05").unwrap_or_else(|| panic!("{result:#?}"));
    assert_eq!(
        result.reason(na),
        "under amendment `changzhou_2025` (常政规〔2025〕2号), effective 2025-04-01: condition \
         `innovative_trial_service_amount >= 300万` is false (innovative_trial_service_amount = 2,000,000)"
    );
    let json = output::not_applicable_json(&result, na);
    assert_eq!(json["version"]["amendment"], "changzhou_2025");
}

#[test]
fn a_repealed_rule_names_the_amendment_and_its_date() {
    let facts = r#"{"enterprise": [{"city": "changzhou", "id": "L", "name": "机构", "unit_type": "enterprise", "local": true,
      "biomedical": true, "listed": false, "cnas_first_on": "2025-04-01"}]}"#;
    let result = evaluate(amended(), facts, "2025-12-31");
    let na = result.not_applicable.iter().find(|n| n.rule.id == "CZ-11b").unwrap_or_else(|| panic!("{result:#?}"));
    let why = serde_json::to_value(result.why(na)).unwrap_or_default();
    assert_eq!(why[0]["reason"], "repealed");
    assert_eq!(why[0]["version"]["effective"], "2025-04-01");
    assert_eq!(why[0]["date"], "2025-04-01");
}

#[test]
fn check_notes_what_each_amendment_changes() {
    let program = amended();
    let notes: Vec<String> = program.amendments.iter().map(|a| output::amendment_note(program, a)).collect();
    assert_eq!(
        notes,
        [
            "note: amendment `lingang_pv_2023` of `lingang_pv_2022` (沪自贸临管规范〔2023〕4号), effective 2023-04-19\n  \
             LG-6-dist-school: replaces cite, reward\n  LG-6-dist-pref: replaces cite, reward\n  \
             LG-6-station: replaces cite, reward\n  LG-6-roof: added\n  LG-6-new: added\n  \
             validity: in force until 2025-12-31 (no expiry stated)\n",
            "note: amendment `changzhou_2025` of `changzhou_2023` (常政规〔2025〕2号), effective 2025-04-01\n  \
             CZ-09: replaces cite, reward\n  CZ-05: replaces when, reward\n  CZ-11b: repealed\n  CZ-18: added\n",
            "note: amendment `changzhou_2026` of `changzhou_2023` (常政规〔2026〕1号), effective 2026-01-01\n  \
             CZ-09: replaces reward\n",
            "note: amendment `changzhou_2026_caps` of `changzhou_2023` (常政规〔2026〕3号), effective 2026-07-01\n  \
             CZ-03-1c: cap becomes 15,000,000\n  CZ-03-2a: replaces per_year_cap\n  \
             validity: in force until 2029-12-31 (was 2027-12-31)\n",
        ]
    );
}

#[test]
fn the_ir_carries_amendments_and_evaluates_alike() {
    let program = amended();
    let doc = ir::to_json(program);
    let amendment = |id: &str| {
        let all = doc["program"]["amendments"].as_array().cloned().unwrap_or_default();
        all.into_iter().find(|a| a["id"] == id).unwrap_or_default()
    };
    assert_eq!(amendment("changzhou_2025")["policy"], "changzhou_2023");
    let cz09 = doc["program"]["rules"].as_array().and_then(|r| r.iter().find(|r| r["id"] == "CZ-09")).cloned();
    let versions = cz09.unwrap_or_default()["versions"].clone();
    assert_eq!(
        (versions[0]["amendment"].as_str(), versions[1]["amendment"].as_str()),
        (Some("changzhou_2025"), Some("changzhou_2026"))
    );
    // A raised cap is a version of its pool; an extension is the amendment's `expires`.
    let pool = doc["program"]["pools"].as_array().and_then(|p| p.iter().find(|p| p["id"] == "CZ-03-1c")).cloned();
    assert_eq!(
        pool.unwrap_or_default()["versions"],
        json!([{"amendment": "changzhou_2026_caps", "cap": {"money": "15000000", "unit": "yuan"}}])
    );
    assert_eq!(amendment("changzhou_2026_caps")["expires"], "2029-12-31");
    let loaded = ir::read(&doc.to_string()).unwrap_or_else(|e| panic!("IR does not load: {e}"));
    assert_eq!(loaded.amendments.len(), 4);
    let changzhou = program.policies.iter().position(|p| &*p.id == "changzhou_2023").unwrap_or(usize::MAX);
    assert_eq!(loaded.expires(changzhou), program.expires(changzhou));
    assert_eq!(program.expires(changzhou), Some(date("2029-12-31")));
    assert_eq!(ir::to_json(&loaded), doc);
    let render =
        |p: &Program| serde_json::to_string(&output::json(&evaluate(p, PLATFORMS, "2026-06-30"))).unwrap_or_default();
    assert_eq!(render(&loaded), render(program));
    // A version from an amendment that is not there is refused, not evaluated.
    let mut corrupt = doc.clone();
    corrupt["program"]["amendments"] = json!([]);
    assert!(matches!(ir::read(&corrupt.to_string()), Err(ir::IrError::Inconsistent(_))));
    // The seed rules alone carry no amendment fields.
    let seeds = ir::to_json(&load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}")).program);
    assert_eq!(seeds["program"].get("amendments"), None);
    assert!(seeds["program"]["rules"].as_array().is_some_and(|r| r.iter().all(|r| r.get("versions").is_none())));
}

/// A one-rule policy with a yearly rule, a pool over it, and an amendment raising its amount.
const POOLED: &str = r#"
schema { entity enterprise { paid_on: date, items: count } }
policy p { issued 2024-01-01 effective on_issue }
rule R for enterprise { on paid_on reward 2000万 every_event }
pool CAP { members R cap 3000万 per enterprise in total }
amendment p2 of p { effective 2025-01-01 change R { reward 2500万 } }
"#;

#[test]
fn a_pool_counts_every_version_of_its_rule_together() {
    let program = compile(vec![Source::new("p.policy", POOLED)]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let facts = r#"{"enterprise": [{"id": "E", "paid_on": "2025-06-01", "items": 1}],
      "ledger": [{"policy": "p", "rule": "R", "entity": "enterprise.E", "year": 2024, "date": "2024-06-01", "amount": "2000万"}]}"#;
    let result = evaluate(&program, facts, "2025-12-31");
    // 2500万 under the amended text, cut to the 1000万 left after the 2000万 granted under the original.
    let award = result.awards.first().unwrap_or_else(|| panic!("{result:#?}"));
    assert_eq!(award.amount().map(|d| d.normalize().to_string()), Some("10000000".into()));
}

#[test]
fn an_amendment_prints_and_parses_back_to_the_same_tree() {
    let text = std::fs::read_to_string("tests/amendments/changzhou_2025.policy").unwrap_or_default();
    let file = policy_lang::syntax::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let again = policy_lang::syntax::parse(&file.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again, file);
    assert!(file.to_string().contains("  change CZ-09 {\n    cite "));
    // A cap, a rule's own cap and the validity print and parse back too.
    let text = std::fs::read_to_string("tests/amendments/changzhou_2026_caps.policy").unwrap_or_default();
    let file = policy_lang::syntax::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let printed = file.to_string();
    assert_eq!(policy_lang::syntax::parse(&printed).unwrap_or_else(|e| panic!("{e:?}")), file);
    for line in ["  expires 2029-12-31\n", "    cap 1500万 per enterprise per year\n", "    per_year_cap 400万\n"] {
        assert!(printed.contains(line), "{line:?} not in\n{printed}");
    }
}

/// 常政规〔2026〕3号 (invented, see the file): CZ-03-1c's cap 1000万 → 1500万 from 2026-07-01.
const CLINICAL_2026: &str = r#"{"enterprise": [{"city": "changzhou", "id": "E1", "name": "药企", "unit_type": "enterprise",
  "local": true, "biomedical": true, "listed": false, "drugs": [
  {"id": "D1", "name": "甲", "category": "innovative_drug", "transformed_locally": true,
   "phase_completed": "III", "phase_completed_on": "2026-02-01", "rd_cost_verified": "3000万"},
  {"id": "D2", "name": "乙", "category": "innovative_drug", "transformed_locally": true,
   "phase_completed": "III", "phase_completed_on": "2026-04-01", "rd_cost_verified": "3000万"},
  {"id": "D3", "name": "丙", "category": "innovative_drug", "transformed_locally": true,
   "phase_completed": "III", "phase_completed_on": "2026-06-30", "rd_cost_verified": "3000万"},
  {"id": "D4", "name": "丁", "category": "innovative_drug", "transformed_locally": true,
   "phase_completed": "III", "phase_completed_on": "2026-07-01", "rd_cost_verified": "3000万"}]}]}"#;

#[test]
fn a_raised_cap_judges_events_from_its_date_and_the_trace_and_json_name_it() {
    let result = evaluate(amended(), CLINICAL_2026, "2026-12-31");
    let json = serde_json::to_value(output::json(&result)).unwrap_or_default();
    let awards = json["awards"].as_array().cloned().unwrap_or_default();
    let of = |id: &str| awards.iter().find(|a| a["entity"].as_str().is_some_and(|e| e.ends_with(id))).cloned();
    let (june, july) = (of("D3").unwrap_or_default(), of("D4").unwrap_or_default());
    // 400万 + 400万 paid; on 06-30 the old 1000万 leaves 200万, on 07-01 the new 1500万 leaves 500万.
    assert_eq!((june["amount"].as_str(), july["amount"].as_str()), (Some("2000000.00"), Some("4000000.00")));
    let step = |award: &serde_json::Value| {
        award["steps"].as_array().and_then(|s| s.iter().find(|s| s["step"] == "pool")).cloned().unwrap_or_default()
    };
    assert_eq!(step(&june).get("version"), None);
    assert_eq!(
        step(&july)["version"],
        json!({"amendment": "changzhou_2026_caps", "document": "常政规〔2026〕3号", "effective": "2026-07-01"})
    );
    // The extension is a version of every rule from its date: the award names it.
    assert_eq!(july["version"]["amendment"], "changzhou_2026_caps");
    assert_eq!(june.get("version"), None);
}

#[test]
fn the_awards_csv_and_workbook_name_the_version_as_the_json_does() {
    let result = evaluate(amended(), PLATFORMS, "2025-12-31");
    let csv = policy_lang::tabular::awards_csv(&result).unwrap_or_else(|e| panic!("{e}"));
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.ends_with(",payers,version,version_document,version_effective")));
    let rows: Vec<&str> = lines.collect();
    let row = |id: &str| rows.iter().find(|r| r.starts_with(&format!("enterprise.S.platforms.{id},"))).copied();
    // The original text leaves the three columns empty; the amended one names the notice.
    assert!(row("MAR").is_some_and(|r| r.ends_with(",,,")), "{csv}");
    assert!(row("APR").is_some_and(|r| r.ends_with(",changzhou_2025,常政规〔2025〕2号,2025-04-01")), "{csv}");
    let book = policy_lang::tabular::awards_xlsx(&result).unwrap_or_else(|e| panic!("{e}"));
    assert!(book.starts_with(b"PK"), "a workbook is a zip file");
}

#[test]
fn the_facts_a_rule_needs_include_every_version() {
    let program = amended();
    let needs = policy_lang::needs::facts_needed(program);
    let cz05 = needs.iter().find(|n| n.rule == "CZ-05").unwrap_or_else(|| panic!("no CZ-05"));
    assert!(cz05.facts.iter().any(|f| f.field == "innovative_trial_service_amount"));
    let cz18 = needs.iter().find(|n| n.rule == "CZ-18").unwrap_or_else(|| panic!("no CZ-18"));
    assert!(cz18.facts.iter().any(|f| f.field == "cnas_first_on"));
}

/// 分别给予…: a rule whose `when` leaves two values of an enum, and a `by` table over those two.
const NARROWED: &str = r#"
schema { enum ph { a, b, c } entity e { p: ph, d: date } }
policy p { issued 2024-01-01 }
rule R for e { when p in { a, b } on d reward by p { a => 1万, b => 2万 } once }
"#;

#[test]
fn a_changed_table_is_complete_by_the_whens_of_the_text_it_changes() {
    let compiles = |amendment: &str| compile(vec![Source::new("p.policy", format!("{NARROWED}{amendment}"))]);
    // The amount changes; the `when` that leaves `a` and `b` still stands, so two arms suffice.
    let raised = "amendment p2 of p { effective 2025-01-01 change R { reward by p { a => 3万, b => 4万 } } }";
    assert!(compiles(raised).is_ok(), "{:?}", compiles(raised).err());
    // The `when` is widened to `c` too: now the same table misses a value.
    let widened = "amendment p2 of p { effective 2025-01-01 change R { when p in { a, b, c } reward by p { a => 3万, b => 4万 } } }";
    let errors = compiles(widened).err().map(|e| e.0).unwrap_or_default();
    let codes: Vec<String> = errors.iter().filter_map(|e| miette::Diagnostic::code(e).map(|c| c.to_string())).collect();
    assert_eq!(codes, ["check::missing_variants"], "{errors:#?}");
}
