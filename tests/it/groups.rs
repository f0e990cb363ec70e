//! Caps across rules, grant history, stacking and funding splits, each from a seed clause.

use crate::common::{date, dec, kept};
use policy_lang::{compile, Evaluation, Source};
use pretty_assertions::assert_eq;

/// Compiles `files` (name, text) and evaluates `facts` on `as_of`.
fn eval(files: &[(&str, &str)], facts: &str, as_of: &str) -> Evaluation<'static> {
    let sources = files.iter().map(|(name, text)| Source::new(*name, *text)).collect();
    let program = kept(compile(sources).unwrap_or_else(|e| panic!("rules do not compile: {e:#?}")).program);
    let facts = kept(program.facts("facts.json", facts).unwrap_or_else(|e| panic!("facts rejected: {e:#?}")));
    program.evaluate(facts, date(as_of)).unwrap_or_else(|e| panic!("{e}"))
}

fn amounts(result: &Evaluation<'_>) -> Vec<String> {
    result.awards.iter().map(|a| a.max().unwrap_or_default().normalize().to_string()).collect()
}

/// Changzhou （三）第1段: phase rewards, capped at 1000万 per enterprise per year.
const CLINICAL: &str = r#"
schema {
  enum phase { I, II, III }
  entity enterprise { drugs: [drug] }
  entity drug { phase_entered?: phase, entered_on?: date, phase_completed?: phase, completed_on?: date, rd_cost: money }
}
policy changzhou_2023 { issued 2023-11-08 expires 2027-12-31 }
// 进入 I、II、III 期临床试验阶段的新药项目，分别给予 100 万元、150 万元和 250万元一次性奖励
rule CZ-03-1a for drug {
  cite "（三）第1段(a)"
  on entered_on
  reward by phase_entered { I => 100万, II => 150万, III => 250万 }
  once per phase_entered
}
// 完成临床 I、II、III 期研究的，按照经核定的该产品实际研发费用的 20%，分别给予最高 100 万元、200万元和 400 万元奖励
rule CZ-03-1b for drug {
  cite "（三）第1段(b)"
  on completed_on
  reward 20% of rd_cost max by phase_completed { I => 100万, II => 200万, III => 400万 }
  once per phase_completed
}
// 单个企业每年奖励最高 1000 万元
pool CZ-03-1c {
  cite "（三）第1段(c)"
  members CZ-03-1a, CZ-03-1b
  cap 1000万 per enterprise per year
}
"#;

fn completed(id: &str, on: &str) -> String {
    format!(r#"{{"id": "{id}", "phase_completed": "III", "completed_on": "{on}", "rd_cost": "2000万"}}"#)
}

#[test]
fn an_annual_pool_cuts_the_third_award_of_a_year() {
    let drugs = [completed("D1", "2024-02-01"), completed("D2", "2024-03-01"), completed("D3", "2024-04-01")];
    let facts = format!(r#"{{"enterprise": [{{"id": "E1", "drugs": [{}]}}]}}"#, drugs.join(", "));
    let result = eval(&[("cz.policy", CLINICAL)], &facts, "2024-12-31");
    assert_eq!(amounts(&result), ["4000000", "4000000", "2000000"]);
    assert_eq!(
        result.awards[2].trace.lines().last().map(String::as_str),
        Some("pool CZ-03-1c 10,000,000 for enterprise.E1 in 2024: 8,000,000 already awarded, room 2,000,000 → cut to 2,000,000")
    );
    assert_eq!(result.totals[0].owed, dec("10000000"));
}

#[test]
fn awards_are_served_by_event_date_not_file_order() {
    // D3's event comes first, so D1 (listed first, dated last) meets the full pool.
    let drugs = [completed("D1", "2024-09-01"), completed("D2", "2024-03-01"), completed("D3", "2024-01-01")];
    let facts = format!(r#"{{"enterprise": [{{"id": "E1", "drugs": [{}]}}]}}"#, drugs.join(", "));
    let result = eval(&[("cz.policy", CLINICAL)], &facts, "2024-12-31");
    assert_eq!(amounts(&result), ["2000000", "4000000", "4000000"]);
}

#[test]
fn a_one_off_reward_is_refused_the_second_time_naming_the_earlier_grant() {
    let ledger = r#""ledger": [{"policy": "changzhou_2023", "rule": "CZ-03-1a", "entity": "enterprise.E1.drugs.D1", "year": 2024, "date": "2024-01-10", "amount": "100万", "key": "I"}]"#;
    let drug = |phase: &str| {
        format!(
            r#"{{"enterprise": [{{"id": "E1", "drugs": [{{"id": "D1", "phase_entered": "{phase}", "entered_on": "2024-05-01", "rd_cost": 0}}]}}]}}"#
        )
    };
    let again =
        eval(&[("cz.policy", CLINICAL)], &drug("I").replace("]}]}", &format!("]}}], {ledger}}}")), "2024-12-31");
    assert_eq!(again.awards.len(), 0);
    assert_eq!(
        again.reason(&again.not_applicable[0]),
        "paid once only (一次性): already granted for `I` on 2024-01-10 (1,000,000, $.ledger[0])"
    );
    // Entering the next phase is a new event, and the ledger's 100万 counts in the pool.
    let next =
        eval(&[("cz.policy", CLINICAL)], &drug("II").replace("]}]}", &format!("]}}], {ledger}}}")), "2024-12-31");
    assert_eq!(amounts(&next), ["1500000"]);
    assert_eq!(
        next.awards[0].trace.lines().last().map(String::as_str),
        Some("pool CZ-03-1c 10,000,000 for enterprise.E1 in 2024: 1,000,000 already awarded (of which 1,000,000 in the ledger), room 9,000,000 → within the cap")
    );
}

#[test]
fn an_event_a_day_after_expiry_is_refused() {
    // 有效期至 2027 年 12 月 31 日
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "drugs": [{}, {}]}}]}}"#,
        completed("D1", "2027-12-31"),
        completed("D2", "2028-01-01")
    );
    let result = eval(&[("cz.policy", CLINICAL)], &facts, "2028-06-30");
    assert_eq!(result.awards.len(), 1);
    assert_eq!(result.awards[0].entity, "enterprise.E1.drugs.D1");
    let refused = result
        .not_applicable
        .iter()
        .find(|n| n.rule.id == "CZ-03-1b" && n.entity.ends_with("D2"))
        .map(|n| result.reason(n));
    assert_eq!(
        refused.as_deref(),
        Some("the event on 2028-01-01 is after policy `changzhou_2023` expired on 2027-12-31")
    );
}

/// Changzhou （十二）(b): 5% to the contract manufacturer; 500万 per enterprise per year,
/// 1000万 over three years, 300万 per variety over the three years.
const CMO: &str = r#"
schema {
  entity enterprise { varieties: [variety] }
  entity variety { years: [production_year] }
  entity production_year { period_end: date, executed: money }
}
policy changzhou_2023 { issued 2023-11-08 expires 2027-12-31 }
rule CZ-12b for production_year {
  cite "（十二）(b)"
  on period_end
  reward 5% of executed
  per_year_cap 500万
  yearly
}
pool CZ-12b-3y { members CZ-12b  cap 1000万 per enterprise over 3 years }
pool CZ-12b-variety { members CZ-12b  cap 300万 per variety in total }
"#;

#[test]
fn prior_years_count_in_a_three_year_pool_but_not_in_this_years_cap() {
    let facts = r#"{"enterprise": [{"id": "E1", "varieties": [{"id": "V9", "years": [{"id": "Y2024", "period_end": "2024-06-30", "executed": "9000万"}]}]}],
      "ledger": [
        {"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.varieties.V1.years.Y2022", "year": 2022, "date": "2022-06-30", "amount": "300万"},
        {"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.varieties.V2.years.Y2023", "year": 2023, "date": "2023-06-30", "amount": "500万"}]}"#;
    let result = eval(&[("cmo.policy", CMO)], facts, "2024-12-31");
    assert_eq!(amounts(&result), ["2000000"]);
    let trace = result.awards[0].trace.lines();
    assert_eq!(trace[0], "5% of executed: 5% × 90,000,000 = 4,500,000");
    assert_eq!(trace[1], "pool CZ-12b-variety 3,000,000 for enterprise.E1.varieties.V9 in total: 0 already awarded, room 3,000,000 → cut to 3,000,000");
    assert_eq!(
        trace[2],
        "per_year_cap 5,000,000 for enterprise.E1 in 2024: 0 already awarded, room 5,000,000 → within the cap"
    );
    assert_eq!(trace[3], "pool CZ-12b-3y 10,000,000 for enterprise.E1 in 2022–2024: 8,000,000 already awarded (of which 8,000,000 in the ledger), room 2,000,000 → cut to 2,000,000");
}

#[test]
fn nested_pools_bind_narrowest_first() {
    // One variety executing 4000万 a year: 200万, then 100万 (the variety's 300万), then 0.
    let year = |y: i32| format!(r#"{{"id": "Y{y}", "period_end": "{y}-06-30", "executed": "4000万"}}"#);
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "varieties": [{{"id": "V1", "years": [{}, {}, {}]}}]}}]}}"#,
        year(2024),
        year(2025),
        year(2026)
    );
    let result = eval(&[("cmo.policy", CMO)], &facts, "2026-12-31");
    assert_eq!(amounts(&result), ["2000000", "1000000", "0"]);
    assert!(result.awards[1].trace.lines()[1].starts_with("pool CZ-12b-variety 3,000,000 for enterprise.E1.varieties.V1 in total: 2,000,000 already awarded, room 1,000,000 → cut to 1,000,000"));
    // Four varieties at 3000万 in one year: 4 × 150万 = 600万, cut to 500万 by the enterprise's year.
    let variety = |v: i32| {
        format!(r#"{{"id": "V{v}", "years": [{{"id": "Y", "period_end": "2024-06-30", "executed": "3000万"}}]}}"#)
    };
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "varieties": [{}]}}]}}"#,
        (1..=4).map(variety).collect::<Vec<_>>().join(", ")
    );
    let result = eval(&[("cmo.policy", CMO)], &facts, "2024-12-31");
    assert_eq!(amounts(&result), ["1500000", "1500000", "1500000", "500000"]);
    assert_eq!(result.totals[0].owed, dec("5000000"));
}

#[test]
fn a_yearly_award_is_not_paid_twice_in_one_year() {
    let facts = r#"{"enterprise": [{"id": "E1", "varieties": [{"id": "V1", "years": [{"id": "Y2024", "period_end": "2024-06-30", "executed": "100万"}]}]}],
      "ledger": [{"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.varieties.V1.years.Y2024", "year": 2024, "date": "2024-07-15", "amount": "5万"}]}"#;
    let result = eval(&[("cmo.policy", CMO)], facts, "2024-12-31");
    assert_eq!(
        result.reason(&result.not_applicable[0]),
        "paid once a year: already granted for 2024 on 2024-07-15 (50,000, $.ledger[0])"
    );
}

/// Chongqing: 从优、就高、不重复 — here across two policies that reward the same new drug.
const STACK_A: &str = r#"
schema {
  entity enterprise { drugs: [drug] }
  entity drug { approved_on: date, innovative: bool }
}
policy chongqing_2022 { issued 2022-03-01 }
// 9: 对新获批上市的创新药…给予 1000 万元奖励
rule CQ-09 for drug {
  every_event
  cite "9"
  when innovative
  on approved_on
  reward 1000万
}
stack CQ-P2 {
  cite "从优、就高、不重复"
  members CQ-09, district.D-1
  per drug
  earlier top_up
}
"#;
const STACK_B: &str = r#"
policy district { issued 2022-01-01 }
rule D-1 for drug {
  every_event
  cite "一"
  on approved_on
  reward up_to 1200万
}
"#;

#[test]
fn a_stacked_pair_pays_only_the_higher_and_names_the_winner() {
    let facts =
        r#"{"enterprise": [{"id": "E1", "drugs": [{"id": "D1", "approved_on": "2023-05-01", "innovative": true}]}]}"#;
    let result = eval(&[("cq.policy", STACK_A), ("district.policy", STACK_B)], facts, "2023-12-31");
    assert_eq!(result.awards.len(), 1);
    assert_eq!(result.awards[0].rule.id, "D-1");
    let loser = &result.excluded[0];
    assert_eq!(loser.rule.id, "CQ-09");
    assert_eq!(
        loser.winner.as_ref().map(ToString::to_string).as_deref(),
        Some("district.D-1 on enterprise.E1.drugs.D1")
    );
    assert_eq!(loser.reason(), "就高不重复 (stack CQ-P2): district.D-1 pays more for enterprise.E1.drugs.D1 (up to 12,000,000 against 10,000,000)");
    // Excluded awards count in no total.
    assert_eq!((result.totals[0].owed, result.totals[0].ceiling), (dec("0"), Some(dec("12000000"))));
}

#[test]
fn a_split_gives_each_payer_its_part_and_the_parts_add_up() {
    let rules = r#"
schema { entity enterprise { procurement: money } }
policy suzhou { issued 2021-04-17 }
// 市、县级市（区）两级财政按比例资助
rule A for enterprise { on as_of every_event reward 0.5% of procurement  split city 50%, district 50% }
rule B for enterprise { on as_of every_event reward up_to 200万  split city, district }
"#;
    let result = eval(&[("sz.policy", rules)], r#"{"enterprise": [{"id": "E1", "procurement": 20002}]}"#, "2024-01-01");
    let parts = |i: usize| {
        result.awards[i].shares.iter().map(|s| (s.payer.clone(), s.amount.map(|a| a.to_string()))).collect::<Vec<_>>()
    };
    // 0.5% × 20,002 = 100.01: the city's half rounds to 50.01, the district takes the 50.00 left.
    assert_eq!(
        parts(0),
        [("city".to_string(), Some("50.01".to_string())), ("district".to_string(), Some("50.00".to_string()))]
    );
    assert_eq!(
        result.awards[0].trace.lines().last().map(String::as_str),
        Some("split: city 50% = 50.01; district 50% = 50")
    );
    assert_eq!(parts(1), [("city".to_string(), None), ("district".to_string(), None)]);
}

#[test]
fn a_case_by_case_award_is_capped_by_the_pool_but_books_nothing() {
    let rules = r#"
schema { entity enterprise { x: money } }
policy p { issued 2024-01-01 }
rule A for enterprise { on as_of every_event reward case_by_case }
rule B for enterprise { on as_of every_event reward x }
pool P { members A, B  cap 100万 per enterprise per year }
"#;
    let result = eval(&[("p.policy", rules)], r#"{"enterprise": [{"id": "E1", "x": "60万"}]}"#, "2024-06-30");
    assert_eq!(amounts(&result), ["1000000", "600000"]);
    assert_eq!(result.awards[0].kind(), policy_lang::EntitlementKind::CaseByCase);
}

#[test]
fn a_pool_spans_whole_policies() {
    // Suzhou 四: 单个企业每年享受本市两级财政政策叠加资助，最高额度…提高至 2 亿元.
    let city = r#"
schema { entity enterprise { x: money, recognized_on: date } }
policy suzhou_2021 { issued 2021-04-17 }
rule SZ-A for enterprise { every_event on recognized_on reward x }
pool SZ-P1 {
  cite "四 末段"
  members policy suzhou_2021, policy suzhou_district
  cap 2亿 per enterprise per year
}
"#;
    let district =
        "policy suzhou_district { issued 2021-01-01 }\nrule D-A for enterprise { every_event on recognized_on reward x }\n";
    let facts = r#"{"enterprise": [{"id": "E1", "x": "1.5亿", "recognized_on": "2022-05-01"}]}"#;
    let result = eval(&[("sz.policy", city), ("district.policy", district)], facts, "2022-12-31");
    assert_eq!(amounts(&result), ["150000000", "50000000"]);
    assert!(result.awards[1]
        .trace
        .lines()
        .last()
        .is_some_and(|t| t.starts_with("pool SZ-P1 200,000,000 for enterprise.E1 in 2022")));
}

#[test]
fn windows_from_the_text_are_conditions_on_dates() {
    let rules = r#"
schema { entity enterprise { recognized_on: date, production_start: date, period_end: date } }
policy p { issued 2021-01-01 }
// 项目认定时限为 2021—2023 年
rule SZ-4-1 for enterprise {
  every_event
  when recognized_on >= 2021-01-01 and recognized_on <= 2023-12-31
  on recognized_on
  reward up_to 200万
}
// 自产品开始生产三年内
rule CZ-12b for enterprise {
  every_event
  when period_end <= production_start + 3 years
  on period_end
  reward 1
}
"#;
    let facts = |recognized: &str, end: &str| {
        format!(
            r#"{{"enterprise": [{{"id": "E1", "recognized_on": "{recognized}", "production_start": "2021-06-30", "period_end": "{end}"}}]}}"#
        )
    };
    let inside = eval(&[("p.policy", rules)], &facts("2023-12-31", "2024-06-30"), "2025-01-01");
    assert_eq!(inside.awards.len(), 2);
    let outside = eval(&[("p.policy", rules)], &facts("2024-01-01", "2024-07-01"), "2025-01-01");
    let reasons: Vec<String> = outside.not_applicable.iter().map(|n| outside.reason(n)).collect();
    assert_eq!(
        reasons,
        [
            "condition `recognized_on >= 2021-01-01 and recognized_on <= 2023-12-31` is false (recognized_on = 2024-01-01)",
            "condition `period_end <= production_start + 3 years` is false (period_end = 2024-07-01, production_start = 2021-06-30)",
        ]
    );
}

#[test]
fn a_policy_governs_only_its_scope() {
    let rules = r#"
schema {
  enum city { wuxi, changzhou }
  entity enterprise { city?: city, costs: money, outsourced: money, drugs: [drug] }
  entity drug { rd_cost: money }
}
policy wuxi {
  expires 2025-12-31
  scope enterprise.city == wuxi
}
rule WX-29 for enterprise { on as_of every_event reward up_to 50% of (costs - outsourced) max 150万 }
rule WX-03 for drug { on as_of every_event reward 25% of rd_cost }
"#;
    let facts = |city: &str| {
        format!(
            r#"{{"enterprise": [{{"id": "E1", {city} "costs": "200万", "outsourced": "40万", "drugs": [{{"id": "D1", "rd_cost": 100}}]}}]}}"#
        )
    };
    let home = eval(&[("wx.policy", rules)], &facts(r#""city": "wuxi","#), "2024-06-30");
    assert_eq!(amounts(&home), ["800000", "25"]);
    assert_eq!(home.awards[0].trace.lines()[0], "50% of (costs - outsourced): 50% × 1,600,000 = 800,000");
    let away = eval(&[("wx.policy", rules)], &facts(r#""city": "changzhou","#), "2024-06-30");
    let reasons: Vec<String> = away.not_applicable.iter().map(|n| away.reason(n)).collect();
    assert_eq!(
        reasons,
        [
            "outside the scope of policy `wuxi`: `enterprise.city == wuxi` is false (enterprise.city = changzhou)",
            "outside the scope of policy `wuxi`: `enterprise.city == wuxi` is false (enterprise.city = changzhou)",
        ]
    );
    let unknown = eval(&[("wx.policy", rules)], &facts(""), "2024-06-30");
    assert_eq!(unknown.reason(&unknown.not_applicable[0]), "fact `enterprise.city` is not given");
}
