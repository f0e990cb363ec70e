//! Never pay twice: grants are matched by what they were *for* (a year, a once-key, an owner),
//! pools and stacks see every earlier grant, count caps count awards. Each test starts from a
//! sentence of the seeds.

use crate::common::{date, dec, kept};
use policy_lang::{compile, Evaluation, Source};
use pretty_assertions::assert_eq;

fn program(text: &str) -> policy_lang::Program {
    compile(vec![Source::new("h.policy", text)]).unwrap_or_else(|e| panic!("rules do not compile: {e:#?}")).program
}

fn eval(text: &str, facts: &str, as_of: &str) -> Evaluation<'static> {
    let program = kept(program(text));
    let facts = kept(program.facts("facts.json", facts).unwrap_or_else(|e| panic!("facts rejected: {e:#?}")));
    program.evaluate(facts, date(as_of)).unwrap_or_else(|e| panic!("{e}"))
}

/// The rendered facts errors, or a failure if the facts load.
fn facts_errors(text: &str, facts: &str) -> String {
    match program(text).facts("facts.json", facts) {
        Ok(_) => panic!("the facts were accepted"),
        Err(e) => {
            e.0.iter().map(|e| format!("{e} / {:?}\n", miette::Diagnostic::help(e).map(|h| h.to_string()))).collect()
        }
    }
}

fn paid(result: &Evaluation<'_>) -> Vec<(String, String)> {
    result.awards.iter().map(|a| (a.entity.to_string(), a.max().unwrap_or_default().normalize().to_string())).collect()
}

fn reason(result: &Evaluation<'_>, entity: &str) -> String {
    let na = result.not_applicable.iter().find(|n| n.entity == entity).map(|n| result.reason(n));
    let ex = result.excluded.iter().find(|x| x.entity == entity).map(|x| x.reason().clone());
    na.or(ex).unwrap_or_else(|| panic!("{entity} has no reason: {result:#?}"))
}

/// 常州（十二）(b): 按照受托生产品种年度实际执行金额的5%给予奖励，单个企业每年最高500万元.
const CMO: &str = r#"
schema {
  entity enterprise { years: [production_year] }
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
"#;

#[test]
fn a_2023_grant_paid_in_2024_blocks_2023_and_not_2024() {
    // The 2023 grant (4000万 × 5% = 200万) is paid in March 2024, as grants usually are.
    let facts = r#"{"enterprise": [{"id": "E1", "years": [
        {"id": "Y2023", "period_end": "2023-12-31", "executed": "4000万"},
        {"id": "Y2024", "period_end": "2024-12-31", "executed": "9000万"}]}],
      "ledger": [{"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.years.Y2023",
                  "year": 2023, "date": "2024-03-15", "amount": "200万"}]}"#;
    let result = eval(CMO, facts, "2025-03-01");
    // 2023 is not paid again…
    assert_eq!(
        reason(&result, "enterprise.E1.years.Y2023"),
        "paid once a year: already granted for 2023 on 2024-03-15 (2,000,000, $.ledger[0])"
    );
    // …and 2024's own award is not cut by a grant that belongs to 2023: the full 450万.
    assert_eq!(paid(&result), [("enterprise.E1.years.Y2024".to_string(), "4500000".to_string())]);
    assert!(result.awards[0].trace.lines().iter().any(|t| t.contains("in 2024: 0 already awarded, room 5,000,000")));
    // The award says what its ledger row must say.
    assert_eq!((result.awards[0].year(), result.awards[0].key.as_deref()), (2024, None));
}

#[test]
fn a_yearly_grant_without_its_year_is_a_located_facts_error() {
    let facts = r#"{"enterprise": [],
      "ledger": [{"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.years.Y2023",
                  "date": "2024-03-15", "amount": "200万"}]}"#;
    let errors = facts_errors(CMO, facts);
    assert!(errors.contains("$.ledger[0].year"), "{errors}");
    assert!(errors.contains("rule `CZ-12b` pays once a year"), "{errors}");
}

/// 常州（三）第1段(a): 进入I、II、III期临床试验阶段的新药项目，分别给予100万元、150万元和250万元一次性奖励.
const PHASES: &str = r#"
schema {
  enum phase { I, II, III }
  entity enterprise { drugs: [drug] }
  entity drug { phase: phase, entered_on: date }
}
policy changzhou_2023 { issued 2023-11-08 expires 2027-12-31 }
rule CZ-03-1a for drug {
  on entered_on
  reward by phase { I => 100万, II => 150万, III => 250万 }
  once per phase
}
"#;

#[test]
fn a_once_per_grant_without_its_key_is_a_located_facts_error() {
    // Phase III 250万 in the ledger with no key: today it would be paid again, with no word.
    let facts = r#"{"enterprise": [{"id": "E1", "drugs": [{"id": "D1", "phase": "III", "entered_on": "2024-05-01"}]}],
      "ledger": [{"policy": "changzhou_2023", "rule": "CZ-03-1a", "entity": "enterprise.E1.drugs.D1",
                  "year": 2024, "date": "2024-09-01", "amount": "250万"}]}"#;
    let errors = facts_errors(PHASES, facts);
    assert!(errors.contains("$.ledger[0].key"), "{errors}");
    assert!(errors.contains("pays once per value"), "{errors}");
    // With its key the grant is matched: phase III is not paid twice.
    let keyed = facts.replace(r#""amount": "250万""#, r#""amount": "250万", "key": "III""#);
    let result = eval(PHASES, &keyed, "2024-12-31");
    assert!(result.awards.is_empty());
    assert!(reason(&result, "enterprise.E1.drugs.D1").starts_with("paid once only (一次性): already granted for `III`"));
}

/// 重庆 13: 给予受托企业最高不超过500万元的一次性奖励 (once per enterprise, whichever year's
/// report earns it); 黄埔: 不同规格视为同一品种不予重复资助 (once per variety across records).
const OWNERS: &str = r#"
schema {
  entity enterprise { reports: [report], drugs: [drug] }
  entity report { year_end: date, cdmo_income: money }
  entity drug { variety: text, approved_on: date }
}
policy p { issued 2022-03-01 }
rule CQ-13 for report {
  on year_end
  when cdmo_income >= 2000万
  reward up_to 3% of cdmo_income max 500万
  once per enterprise
}
rule HP-1 for drug {
  on approved_on
  reward 100万
  once per variety within enterprise
}
"#;

#[test]
fn once_per_enterprise_pays_one_report_of_the_enterprise() {
    let reports = r#"{"enterprise": [{"id": "E1", "drugs": [], "reports": [
        {"id": "FY2023", "year_end": "2023-12-31", "cdmo_income": "2000万"},
        {"id": "FY2022", "year_end": "2022-12-31", "cdmo_income": "2000万"}]}]"#;
    // Both years qualify in one run: the earliest is paid, the other says why not.
    let result = eval(OWNERS, &format!("{reports}}}"), "2024-06-30");
    assert_eq!(paid(&result), [("enterprise.E1.reports.FY2022".to_string(), "600000".to_string())]);
    assert!(reason(&result, "enterprise.E1.reports.FY2023").contains("paid once only (一次性) per `enterprise.E1`"));
    // With the FY2022 grant in the ledger, FY2023 is not paid either.
    let ledger = r#", "ledger": [{"policy": "p", "rule": "CQ-13", "entity": "enterprise.E1.reports.FY2022",
        "year": 2022, "date": "2023-05-01", "amount": "60万"}]}"#;
    let result = eval(OWNERS, &format!("{reports}{ledger}"), "2024-06-30");
    assert!(result.awards.is_empty(), "{result:#?}");
    assert_eq!(
        reason(&result, "enterprise.E1.reports.FY2023"),
        "paid once only (一次性): already granted to enterprise.E1.reports.FY2022 on 2023-05-01 (600,000, $.ledger[0])"
    );
}

#[test]
fn once_per_a_value_within_the_enterprise_pays_each_variety_once() {
    let facts = r#"{"enterprise": [
        {"id": "E1", "reports": [], "drugs": [
          {"id": "D-10mg", "variety": "替尼", "approved_on": "2024-03-01"},
          {"id": "D-20mg", "variety": "替尼", "approved_on": "2024-02-01"},
          {"id": "D-other", "variety": "单抗", "approved_on": "2024-04-01"}]},
        {"id": "E2", "reports": [], "drugs": [{"id": "D1", "variety": "替尼", "approved_on": "2024-05-01"}]}]}"#;
    let result = eval(OWNERS, facts, "2024-06-30");
    // The earlier-approved spec carries the variety; another enterprise's 替尼 is its own.
    let entities: Vec<String> = paid(&result).into_iter().map(|(e, _)| e).collect();
    assert_eq!(entities, ["enterprise.E1.drugs.D-20mg", "enterprise.E1.drugs.D-other", "enterprise.E2.drugs.D1"]);
    assert!(reason(&result, "enterprise.E1.drugs.D-10mg").contains("for `替尼`"));
}

/// 苏州: 单个企业每年享受本市两级财政政策叠加资助，最高额度…提高至2亿元 — a cap over every
/// Suzhou grant, including those under policies that are not encoded.
const SUZHOU: &str = r#"
schema {
  entity enterprise { approved_on: date }
}
policy suzhou_2021 { issued 2021-01-01 }
rule SZ-4-2 for enterprise {
  on approved_on
  reward up_to 2000万
  yearly
}
pool SZ-P1 {
  members SZ-4-2, grants issuer "苏州市"
  cap 2亿 per enterprise per year
}
"#;

#[test]
fn a_pool_counts_grants_of_policies_not_loaded_by_their_tags() {
    let facts = r#"{"enterprise": [{"id": "E1", "approved_on": "2022-06-01"}],
      "ledger": [
        {"policy": "suzhou_talent", "entity": "enterprise.E1", "issuer": "苏州市", "level": "city",
         "year": 2022, "date": "2022-03-01", "amount": "1.2亿"},
        {"policy": "wuzhong_industry", "entity": "enterprise.E1", "issuer": "苏州市", "level": "district",
         "year": 2022, "date": "2022-04-01", "amount": "7000万", "payers": {"district": "7000万"}},
        {"policy": "wuxi_other", "entity": "enterprise.E1", "issuer": "无锡市",
         "year": 2022, "date": "2022-04-01", "amount": "5000万"}]}"#;
    let result = eval(SUZHOU, facts, "2022-12-31");
    // 1.9亿 of other Suzhou grants leave 1000万 of the 2亿.
    assert_eq!(paid(&result), [("enterprise.E1".to_string(), "10000000".to_string())]);
    assert!(result.awards[0]
        .trace
        .lines()
        .iter()
        .any(|t| t.contains("190,000,000 already awarded (of which 190,000,000 in the ledger)")));
    // The Wuxi grant counts in nothing here, and is listed once rather than dropped in silence.
    assert_eq!(result.warnings.len(), 1);
    assert!(result.warnings[0].starts_with("$.ledger[2]: a grant under `wuxi_other`"), "{:?}", result.warnings);
    // A grant of another year does not count.
    let other_year = facts.replace(r#""year": 2022, "date": "2022-03-01""#, r#""year": 2021, "date": "2022-03-01""#);
    assert_eq!(paid(&eval(SUZHOU, &other_year, "2022-12-31"))[0].1, "20000000");
}

#[test]
fn payers_must_add_up_to_the_amount() {
    let facts = r#"{"enterprise": [], "ledger": [{"policy": "x", "entity": "enterprise.E1", "issuer": "苏州市",
        "year": 2022, "date": "2022-03-01", "amount": "100万", "payers": {"city": "50万", "district": "40万"}}]}"#;
    let errors = facts_errors(SUZHOU, facts);
    assert!(errors.contains("$.ledger[0].payers") && errors.contains("add up to 900000"), "{errors}");
}

/// 就高不重复 with history: 重庆 9 (1000万 for an innovative drug) and a district rule (up to
/// 1200万) for the same drug; the drug already had 800万 under one of them.
fn stack(earlier: &str) -> String {
    format!(
        r#"
schema {{
  entity enterprise {{ drugs: [drug] }}
  entity drug {{ approved_on: date, district_ceiling: money }}
}}
policy chongqing_2022 {{ issued 2022-03-01 }}
rule CQ-09 for drug {{ on approved_on reward 1000万 once }}
rule D-1 for drug {{ on approved_on reward up_to district_ceiling once }}
stack CQ-P2 {{
  members CQ-09, D-1
  per drug
  earlier {earlier}
}}
"#
    )
}

const DRUG: &str = r#"{"enterprise": [{"id": "E1", "drugs": [{"id": "D1", "approved_on": "2024-03-01", "district_ceiling": "1200万"}]}]"#;
const EARLIER: &str = r#", "ledger": [{"policy": "chongqing_2022", "rule": "D-1", "entity": "enterprise.E1.drugs.D1",
    "year": 2023, "date": "2023-06-01", "amount": "800万"}]}"#;

#[test]
fn a_stack_tops_up_an_earlier_grant_to_the_higher_award() {
    // D-1 was granted 800万 before; CQ-09 (1000万) now pays only the 200万 difference.
    let facts = format!("{DRUG}{EARLIER}").replace("1200万", "500万");
    let result = eval(&stack("top_up"), &facts, "2024-06-30");
    assert_eq!(paid(&result), [("enterprise.E1.drugs.D1".to_string(), "2000000".to_string())]);
    assert_eq!(result.awards[0].rule.id, "CQ-09");
    assert!(result.awards[0].trace.lines().iter().any(|t| t.starts_with(
        "补差 (stack CQ-P2, earlier top_up): already granted 8,000,000 for this item (chongqing_2022.D-1 on enterprise.E1.drugs.D1, paid 2023-06-01 ($.ledger[0]))"
    )));
    // An earlier grant as large as the winner leaves nothing to top up.
    let big = facts.replace(r#""amount": "800万""#, r#""amount": "1000万""#);
    let result = eval(&stack("top_up"), &big, "2024-06-30");
    assert!(result.awards.is_empty());
    assert!(result.excluded[0].reason().contains("as much as this award's 10,000,000; nothing to top up"));
}

#[test]
fn a_stack_that_refuses_pays_nothing_after_an_earlier_grant() {
    let facts = format!("{DRUG}{EARLIER}");
    let result = eval(&stack("refuse"), &facts, "2024-06-30");
    assert!(result.awards.is_empty());
    // D-1 itself was paid once already; CQ-09 would pay more, but the stack refuses a second grant.
    assert!(reason(&result, "enterprise.E1.drugs.D1").starts_with("paid once only (一次性)"));
    let refused: Vec<&str> = result.excluded.iter().map(|x| x.rule.id.as_str()).collect();
    assert_eq!(refused, ["CQ-09"]);
    assert!(result.excluded.iter().any(|x| x.reason().contains("earlier refuse")
        && x.winner.as_ref().is_some_and(|w| w.to_string().contains("$.ledger[0]"))));
}

#[test]
fn a_tie_goes_to_the_member_listed_first_and_says_so() {
    let facts = format!("{DRUG}}}").replace("1200万", "1000万");
    let result = eval(&stack("top_up"), &facts, "2024-06-30");
    assert_eq!(result.awards[0].rule.id, "CQ-09");
    assert_eq!(
        result.excluded[0].reason(),
        "就高不重复 (stack CQ-P2): chongqing_2022.CQ-09 pays more for enterprise.E1.drugs.D1 (10,000,000 against up to 10,000,000); equal, so the member listed first in the stack wins"
    );
}

/// 无锡（十三）: 单个产品最高给予50万元奖励，每家企业最多申报2项.
const TWO_ITEMS: &str = r#"
schema {
  entity enterprise { products: [product] }
  entity product { certified_on: date, ceiling: money }
}
policy wuxi { issued 2023-01-01 }
rule WX-13 for product {
  on certified_on
  reward up_to ceiling max 50万
  once
}
pool WX-13-items {
  members WX-13
  limit 2 per enterprise in total choose highest
}
"#;

#[test]
fn a_count_cap_counts_awards_not_money() {
    let product = |id: &str, day: &str, ceiling: &str| {
        format!(r#"{{"id": "{id}", "certified_on": "{day}", "ceiling": "{ceiling}"}}"#)
    };
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "products": [{}, {}, {}]}}]}}"#,
        product("P1", "2024-01-01", "10万"),
        product("P2", "2024-02-01", "50万"),
        product("P3", "2024-03-01", "30万")
    );
    let result = eval(TWO_ITEMS, &facts, "2024-12-31");
    // The two highest are kept, whatever their order.
    let entities: Vec<String> = paid(&result).into_iter().map(|(e, _)| e).collect();
    assert_eq!(entities, ["enterprise.E1.products.P2", "enterprise.E1.products.P3"]);
    assert!(reason(&result, "enterprise.E1.products.P1").starts_with("count cap (pool WX-13-items): at most 2 awards per enterprise.E1 in total, choosing the highest; 0 already granted (ledger) and 2 kept"));
    assert_eq!(result.excluded[0].winner, None);
    // Two small grants in the ledger use up the two items: nothing more, however large.
    let ledger = r#", "ledger": [
        {"policy": "wuxi", "rule": "WX-13", "entity": "enterprise.E1.products.OLD1", "year": 2023, "date": "2023-05-01", "amount": "20万"},
        {"policy": "wuxi", "rule": "WX-13", "entity": "enterprise.E1.products.OLD2", "year": 2023, "date": "2023-06-01", "amount": "20万"}]}"#;
    let with_ledger = format!("{}{ledger}", facts.trim_end_matches('}'));
    let result = eval(TWO_ITEMS, &with_ledger, "2024-12-31");
    assert!(result.awards.is_empty(), "{result:#?}");
    assert_eq!(result.excluded.len(), 3);
}

#[test]
fn huge_ledger_sums_are_an_error_not_a_panic() {
    let facts = r#"{"enterprise": [{"id": "E1", "years": [{"id": "Y", "period_end": "2024-12-31", "executed": "1"}]}],
      "ledger": [
        {"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.years.A", "year": 2024, "date": "2024-01-01", "amount": 50000000000000000000000000000},
        {"policy": "changzhou_2023", "rule": "CZ-12b", "entity": "enterprise.E1.years.B", "year": 2024, "date": "2024-01-01", "amount": 50000000000000000000000000000}]}"#;
    let program = program(CMO);
    let facts = program.facts("f.json", facts).unwrap_or_else(|e| panic!("{e:?}"));
    let error = program.evaluate(&facts, date("2024-12-31")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("beyond the exact decimal range"), "{error}");
}

#[test]
fn a_reward_below_zero_or_beyond_exact_range_is_refused() {
    let text = r#"
schema { entity e { a: money, b: money } }
policy p { issued 2020-01-01 }
rule R for e { on as_of reward a - b every_event }
"#;
    let program = program(text);
    let run = |a: &str, b: &str| {
        let facts = program
            .facts("f.json", &format!(r#"{{"e": [{{"id": "E1", "a": {a}, "b": {b}}}]}}"#))
            .unwrap_or_else(|e| panic!("{e:?}"));
        program.evaluate(&facts, date("2024-06-30")).map(|r| r.totals[0].owed).map_err(|e| e.to_string())
    };
    let negative = run("100", "300").err().unwrap_or_default();
    assert!(negative.contains("below zero (-200)"), "{negative}");
    let huge = run("39600000000000000000000000000", "0").err().unwrap_or_default();
    assert!(
        huge.contains("beyond the largest amount computed exactly to the fen (100,000,000,000,000,000,000)"),
        "{huge}"
    );
    assert_eq!(run("300", "100"), Ok(dec("200")));
}

/// A program with every kind of history: a one-off per enterprise, a yearly rule, a money pool
/// per year, one over three years and a count cap.
const LEDGERED: &str = r#"
schema {
  entity enterprise { events: [event] }
  entity event { day: date, amount: money }
}
policy p { issued 2020-01-01 }
rule ONE for event { on day reward amount once per enterprise }
rule PER for event { on day reward amount yearly }
pool YEAR { members ONE, PER  cap 300万 per enterprise per year }
pool THREE { members PER  cap 500万 per enterprise over 3 years }
pool TWO { members PER  limit 2 per enterprise per year choose earliest }
"#;

/// `(enterprise, year, month, amount in 万)`
type Event = (u8, i32, u32, u32);

fn events_json(events: &[(usize, &Event)], ledger: &[String]) -> String {
    let mut by_enterprise: std::collections::BTreeMap<u8, Vec<String>> = std::collections::BTreeMap::new();
    for (i, (e, year, month, amount)) in events {
        by_enterprise
            .entry(*e)
            .or_default()
            .push(format!(r#"{{"id": "V{i}", "day": "{year}-{month:02}-15", "amount": "{amount}万"}}"#));
    }
    let enterprises: Vec<String> =
        by_enterprise.iter().map(|(e, evs)| format!(r#"{{"id": "E{e}", "events": [{}]}}"#, evs.join(", "))).collect();
    format!(r#"{{"enterprise": [{}], "ledger": [{}]}}"#, enterprises.join(", "), ledger.join(", "))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Evaluating year by year, each year's awards appended to the ledger (paid the next
    /// March, as in life), never pays a one-off twice, never exceeds a pool, and gives the same
    /// awards as evaluating all the years in one run.
    #[test]
    fn year_by_year_with_a_ledger_equals_one_run(
        events in proptest::collection::vec((0u8..3, 2021i32..=2024, 1u32..=12, 1u32..=250), 0..14)
    ) {
        let program = program(LEDGERED);
        let indexed: Vec<(usize, &Event)> = events.iter().enumerate().collect();
        let mut ledger: Vec<String> = Vec::new();
        let mut by_years: Vec<(String, String, rust_decimal::Decimal)> = Vec::new();
        for year in 2021..=2024 {
            let this_year: Vec<(usize, &Event)> = indexed.iter().copied().filter(|(_, e)| e.1 == year).collect();
            let facts = program.facts("y.json", &events_json(&this_year, &ledger)).unwrap_or_else(|e| panic!("{e:?}"));
            let result = program.evaluate(&facts, date(&format!("{year}-12-31"))).unwrap_or_else(|e| panic!("{e}"));
            for a in &result.awards {
                let amount = a.amount().unwrap_or_default();
                by_years.push((a.rule.id.clone(), a.entity.to_string(), amount));
                let key = a.key.as_ref().map_or(String::new(), |k| format!(r#", "key": "{k}""#));
                ledger.push(format!(
                    r#"{{"policy": "p", "rule": "{}", "entity": "{}", "year": {}, "date": "{}-03-01", "amount": "{amount}"{key}}}"#,
                    a.rule.id, a.entity, a.year(), a.year() + 1
                ));
            }
        }
        // A one-off per enterprise, at most once.
        for e in 0..3 {
            let once = by_years.iter().filter(|(r, ent, _)| r == "ONE" && ent.starts_with(&format!("enterprise.E{e}."))).count();
            proptest::prop_assert!(once <= 1, "ONE paid {once} times to E{e}");
        }
        // The pools hold, per enterprise and year (and three years).
        let year_of = |entity: &str| {
            let i: usize = entity.rsplit('V').next().and_then(|n| n.parse().ok()).unwrap_or(0);
            events.get(i).map_or(0, |e| e.1)
        };
        for e in 0..3 {
            let mine = |rules: &[&str], from: i32, to: i32| -> (rust_decimal::Decimal, usize) {
                let hits: Vec<_> = by_years.iter().filter(|(r, ent, _)| {
                    rules.contains(&r.as_str()) && ent.starts_with(&format!("enterprise.E{e}.")) && (from..=to).contains(&year_of(ent))
                }).collect();
                (hits.iter().map(|(_, _, a)| *a).sum(), hits.len())
            };
            for y in 2021..=2024 {
                proptest::prop_assert!(mine(&["ONE", "PER"], y, y).0 <= dec("3000000"));
                proptest::prop_assert!(mine(&["PER"], y - 2, y).0 <= dec("5000000"));
                proptest::prop_assert!(mine(&["PER"], y, y).1 <= 2);
            }
        }
        // The same awards as one run over all the years.
        let facts = program.facts("all.json", &events_json(&indexed, &[])).unwrap_or_else(|e| panic!("{e:?}"));
        let all = program.evaluate(&facts, date("2024-12-31")).unwrap_or_else(|e| panic!("{e}"));
        let mut one_run: Vec<(String, String, rust_decimal::Decimal)> =
            all.awards.iter().map(|a| (a.rule.id.clone(), a.entity.to_string(), a.amount().unwrap_or_default())).collect();
        let (mut by_years, mut one_run) = (by_years.clone(), std::mem::take(&mut one_run));
        by_years.sort();
        one_run.sort();
        proptest::prop_assert_eq!(by_years, one_run);
    }
}

#[test]
fn ledger_errors_quote_at_most_sixty_characters() {
    let long = "R".repeat(200_000);
    let facts = format!(
        r#"{{"enterprise": [], "ledger": [{{"policy": "changzhou_2023", "rule": "{long}", "entity": "enterprise.E1.years.Y",
            "year": 2023, "date": "2024-03-15", "amount": "1", "{long}x": 1}}]}}"#
    );
    let errors = facts_errors(CMO, &facts);
    assert!(
        errors.contains("has no rule `RRR") && errors.contains("more characters)"),
        "{}",
        &errors[..500.min(errors.len())]
    );
    assert!(errors.len() < 5_000, "{} bytes of errors", errors.len());
}
