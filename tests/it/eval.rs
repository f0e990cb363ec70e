//! Evaluation: every amount form, every entitlement kind, windows, caps, rounding, traces.

use crate::common::*;
use policy_lang::EntitlementKind::*;
use pretty_assertions::assert_eq;

fn exact(amount: &str, fields: &str) -> String {
    let a = award(amount, fields);
    assert_eq!(a.kind(), Exact, "trace: {:#?}", a.trace);
    a.amount().map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// `[min, max]` of a non-exact award, normalised.
fn bounds(a: &policy_lang::Award<'_>) -> (Option<String>, Option<String>) {
    (a.min().map(|d| d.normalize().to_string()), a.max().map(|d| d.normalize().to_string()))
}

#[test]
fn the_design_card_line_means_what_it_says() {
    let rule = "reward 20% of rd_cost max 4_000_000 per_year_cap 10_000_000";
    let a = outcome(rule, r#""rd_cost": "3000万""#).unwrap_or_else(|why| panic!("{why}"));
    assert_eq!(a.amount(), Some(dec("4000000.00")));
    assert_eq!(a.trace.lines()[0], "20% of rd_cost: 20% × 30,000,000 = 6,000,000");
    assert_eq!(a.trace.lines()[1], "max 4,000,000: 6,000,000 → 4,000,000 (capped)");
    assert_eq!(
        a.trace.lines()[2],
        "per_year_cap 10,000,000 for enterprise.E1 in 2024: 0 already awarded, room 10,000,000 → within the cap"
    );
}

#[test]
fn fixed_amounts_in_every_notation() {
    assert_eq!(exact("1000万", ""), "10000000");
    assert_eq!(exact("1.5亿", ""), "150000000");
    assert_eq!(exact("400万元", ""), "4000000");
    assert_eq!(exact("4_000_000", ""), "4000000");
    assert_eq!(exact("30元", ""), "30");
}

#[test]
fn percent_of_a_base_with_a_cap() {
    // CZ-03-1b examples: II completed, R&D 8,000,000 → 1,600,000; I at exactly the cap.
    assert_eq!(exact("20% of rd_cost max 200万", r#""rd_cost": 8000000"#), "1600000");
    assert_eq!(exact("20% of rd_cost max 100万", r#""rd_cost": 5000000"#), "1000000");
    assert_eq!(exact("20% of rd_cost max 400万", r#""rd_cost": 30000000"#), "4000000");
    assert_eq!(exact("5‰ of rd_cost", r#""rd_cost": 1000000"#), "5000");
}

#[test]
fn by_category_picks_the_row() {
    // A value the table leaves out is a check error (tests/it/checks.rs), not a silent
    // "not applicable" at run time.
    let table = "by phase { preclinical => 0, I => 100万, II => 150万, III => 250万 }";
    assert_eq!(exact(table, r#""phase": "II""#), "1500000");
    assert_eq!(exact("by phase { I | II => 1, _ => 2 }", r#""phase": "preclinical""#), "2");
}

#[test]
fn matching_ratio_capped_by_level() {
    // CZ-01b: 1:1 of funds received, national ≤ 1亿, provincial ≤ 5000万.
    let rule = "1:1 of funds max by level { national => 1亿, provincial => 5000万 }";
    assert_eq!(exact(rule, r#""funds": 30000000, "level": "national""#), "30000000");
    assert_eq!(exact(rule, r#""funds": 150000000, "level": "national""#), "100000000");
    assert_eq!(exact(rule, r#""funds": 60000000, "level": "provincial""#), "50000000");
}

#[test]
fn whole_amount_tiers_follow_inclusive_and_exclusive_bounds() {
    // CZ-06-2: 1亿以上、5亿以下 → up to 12% of equipment (≤1000万); 超过5亿 → case by case.
    let rule = "tiers investment { [1亿, 5亿] => up_to 12% of equipment max 1000万, (5亿, ..) => case_by_case }";
    let at = |investment: &str| award(rule, &format!(r#""investment": {investment}, "equipment": 50000000"#));
    assert_eq!(at("300000000").kind(), UpTo);
    assert_eq!(bounds(&at("300000000")), (Some("0".into()), Some("6000000".into())));
    assert_eq!(at("100000000").kind(), UpTo);
    assert_eq!(at("500000000").kind(), UpTo);
    assert_eq!(at("500000001").kind(), CaseByCase);
    let why = reason(&format!("reward {rule}"), r#""investment": 99999999, "equipment": 1"#);
    assert_eq!(why, "`investment` = 99,999,999 falls in no tier");
}

#[test]
fn marginal_tiers_rate_each_slice() {
    let rule = "marginal capital { [0, 1亿) => 1%, [1亿, ..) => 2% }";
    assert_eq!(exact(rule, r#""capital": 300000000"#), "5000000");
    assert_eq!(exact(rule, r#""capital": 50000000"#), "500000");
    let a = award(rule, r#""capital": 300000000"#);
    assert_eq!(a.trace.lines()[0], "marginal capital = 300,000,000: 1% × 100,000,000 + 2% × 200,000,000 = 5,000,000");
}

#[test]
fn count_steps_pay_the_highest_step_reached() {
    // CZ-11a: 3 items → 30万, 5 or more → 50万; 4 pays as 3.
    let rule = "steps items { 3 => 30万, 5 => 50万 }";
    for (items, expected) in [("3", "300000"), ("4", "300000"), ("5", "500000"), ("8", "500000")] {
        assert_eq!(exact(rule, &format!(r#""items": {items}"#)), expected, "items = {items}");
    }
    assert_eq!(reason(&format!("reward {rule}"), r#""items": 2"#), "`items` = 2 is below the first step (3)");
}

#[test]
fn per_unit_multiplies_money_by_a_count() {
    assert_eq!(exact("50万 per items", r#""items": 3"#), "1500000");
    assert_eq!(award("50万 per items", r#""items": 3"#).trace.lines()[0], "per items: 500,000 × 3 = 1,500,000");
}

#[test]
fn ranges_and_rate_ranges_keep_both_bounds() {
    let a = award("10万..50万", "");
    assert_eq!((a.kind(), bounds(&a)), (Range, (Some("100000".into()), Some("500000".into()))));
    assert_eq!(a.amount(), None);
    // WX-23: 5%–20% of salary, ≤ 200万: salary 1200万 → [60万, 200万].
    let a = award("5%..20% of salary max 200万", r#""salary": "1200万""#);
    assert_eq!((a.kind(), bounds(&a)), (Range, (Some("600000".into()), Some("2000000".into()))));
}

#[test]
fn up_to_is_a_ceiling_with_a_floor_of_zero() {
    let a = award("up_to 25% of rd_cost max 3500万", r#""rd_cost": 100000000"#);
    assert_eq!((a.kind(), bounds(&a), a.amount()), (UpTo, (Some("0".into()), Some("25000000".into())), None));
}

#[test]
fn case_by_case_bounded_unbounded_and_explicitly_uncapped() {
    let plain = award("case_by_case", "");
    assert_eq!((plain.kind(), bounds(&plain)), (CaseByCase, (None, None)));
    let capped = award("case_by_case max 1亿", "");
    assert_eq!(bounds(&capped), (None, Some("100000000".into())));
    let uncapped = award("case_by_case uncapped", "");
    assert_eq!(uncapped.trace.lines(), ["case by case (一事一议): no formula, explicitly uncapped (上不封顶)"]);
}

#[test]
fn conditions_name_every_one_that_fails_with_the_facts_it_read() {
    let rules = "when local\n  when rd_cost >= 500万\n  reward 1";
    assert_eq!(
        reason(rules, r#""local": true, "rd_cost": 4999999"#),
        "condition `rd_cost >= 500万` is false (rd_cost = 4,999,999)"
    );
    assert_eq!(
        reason(rules, r#""local": false, "rd_cost": 1"#),
        "condition `local` is false (local = false); condition `rd_cost >= 500万` is false (rd_cost = 1)"
    );
    // Most informative first: a false condition, then a missing fact, then the dates.
    assert_eq!(
        reason("when local\n  on event\n  reward rd_cost", r#""local": false, "event": "2030-01-01""#),
        "condition `local` is false (local = false); the event on 2030-01-01 is after the evaluation date 2024-06-30"
    );
    assert_eq!(
        reason("on since\n  when local\n  reward 1", r#""local": false"#),
        "condition `local` is false (local = false); fact `since` is not given"
    );
    assert!(outcome(rules, r#""local": true, "rd_cost": 5000000"#).is_ok());
    assert_eq!(
        reason("when phase in { II, III }\n reward 1", r#""phase": "I""#),
        "condition `phase in { II, III }` is false (phase = I)"
    );
}

#[test]
fn a_missing_optional_fact_is_never_zero() {
    assert_eq!(reason("reward 20% of rd_cost", ""), "fact `rd_cost` is not given");
}

#[test]
fn events_outside_the_policy_window_earn_nothing() {
    let on = |day: &str| {
        let result = run_on(
            "rule R for enterprise { every_event\n  on event\n  reward 100\n}\n",
            &enterprise(&format!(r#""event": "{day}""#)),
            "2030-01-01",
        );
        result.not_applicable.first().map(|na| result.reason(na))
    };
    assert_eq!(
        on("2022-12-31").as_deref(),
        Some("the event on 2022-12-31 is before policy `test` took effect on 2023-01-01")
    );
    assert_eq!(
        on("2026-01-01").as_deref(),
        Some("the event on 2026-01-01 is after policy `test` expired on 2025-12-31")
    );
    assert_eq!(on("2025-12-31"), None, "the expiry day itself is in force");
    assert_eq!(on("2023-01-01"), None, "the first day is in force");
}

#[test]
fn effective_after_issue_counts_as_the_civil_code_counts_periods() {
    let source = "schema { entity e { on_date: date } }\npolicy cq { issued 2022-03-01 effective 30 days after issue }\nrule R for e { every_event on on_date reward 1 }";
    let loaded =
        policy_lang::compile(vec![policy_lang::Source::new("cq.policy", source)]).unwrap_or_else(|e| panic!("{e:?}"));
    // 自印发之日起30日后施行: the day of issue is not counted (Civil Code art. 201), the 30 days
    // end on 03-31, and the measures apply from the day after.
    assert_eq!(loaded.program.policies[0].effective, Some(date("2022-04-01")));
}

#[test]
fn rounding_happens_once_to_the_fen_half_away_from_zero() {
    // 3% × 10,000,001 = 300,000.03 exactly; 0.5% × 1 = 0.005 → 0.01.
    assert_eq!(exact("3% of rd_cost", r#""rd_cost": 10000001"#), "300000.03");
    let a = award("0.5% of rd_cost", r#""rd_cost": 1"#);
    assert_eq!(a.amount(), Some(dec("0.01")));
    assert_eq!(a.trace.lines().last().map(String::as_str), Some("round to fen, half away from zero: 0.005 → 0.01"));
}

#[test]
fn a_policy_may_round_otherwise() {
    let source = format!(
        "{}\nrule R for enterprise {{ on as_of every_event reward 12% of rd_cost }}",
        PRELUDE.replace("expires 2025-12-31", "expires 2025-12-31\n  rounding yuan down")
    );
    let loaded =
        policy_lang::compile(vec![policy_lang::Source::new("t.policy", source)]).unwrap_or_else(|e| panic!("{e:?}"));
    let facts = loaded.program.facts("f", &enterprise(r#""rd_cost": 1234567"#)).unwrap_or_else(|e| panic!("{e:?}"));
    let result = loaded.program.evaluate(&facts, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(result.awards[0].amount(), Some(dec("148148")));
    assert_eq!(
        result.awards[0].trace.lines().last().map(String::as_str),
        Some("round to yuan, down: 148,148.04 → 148,148")
    );
}

#[test]
fn per_year_cap_cuts_the_award_that_crosses_it() {
    let rules = "rule R for drug { every_event\n  on approved\n  reward 20% of rd_cost per_year_cap 1000万\n}\n";
    let drug = |id: &str, cost: &str, day: &str| {
        format!(r#"{{"id": "{id}", "phase": "I", "rd_cost": "{cost}", "approved": "{day}"}}"#)
    };
    let facts = format!(
        r#"{{"enterprise": [{{"id": "E1", "drugs": [{}, {}, {}, {}]}}]}}"#,
        drug("D1", "2000万", "2024-01-01"),
        drug("D2", "2500万", "2024-02-01"),
        drug("D3", "2000万", "2024-03-01"),
        drug("D4", "2000万", "2025-01-01")
    );
    let result = run_on(rules, &facts, "2025-06-30");
    let amounts: Vec<String> =
        result.awards.iter().map(|a| a.amount().unwrap_or_default().normalize().to_string()).collect();
    // 400万 + 500万 fit; the third is cut to the 100万 left; the next year starts afresh.
    assert_eq!(amounts, ["4000000", "5000000", "1000000", "4000000"]);
    assert_eq!(result.awards[2].trace.lines().last().map(String::as_str), Some("per_year_cap 10,000,000 for enterprise.E1 in 2024: 9,000,000 already awarded, room 1,000,000 → cut to 1,000,000"));
}

#[test]
fn child_rules_read_their_owner_and_the_evaluation_date() {
    let rules = "rule R for drug { on as_of every_event\n  when enterprise.local\n  when approved + 1 year <= as_of\n  reward by phase { III => 250万, _ => 0 }\n}\n";
    let facts = r#"{"enterprise": [{"id": "E1", "local": true, "drugs": [
        {"id": "D1", "phase": "III", "rd_cost": 1, "approved": "2023-06-30"},
        {"id": "D2", "phase": "III", "rd_cost": 1, "approved": "2023-07-01"}]}]}"#;
    let result = run(rules, facts);
    assert_eq!(result.awards.len(), 1);
    assert_eq!(result.awards[0].entity, "enterprise.E1.drugs.D1");
    assert_eq!(
        result.reason(&result.not_applicable[0]),
        "condition `approved + 1 year <= as_of` is false (approved = 2023-07-01)"
    );
}

#[test]
fn totals_separate_what_is_owed_from_what_may_be_granted() {
    let rules = "rule A for enterprise { on as_of every_event reward 100 }\nrule B for enterprise { on as_of every_event reward up_to 50 }\nrule C for enterprise { on as_of every_event reward case_by_case }\n";
    let result = run(rules, &enterprise(""));
    let t = &result.totals[0];
    assert_eq!((t.owed, t.ceiling, t.case_by_case), (dec("100"), None, 1));
    let rules = "rule A for enterprise { on as_of every_event reward 100 }\nrule B for enterprise { on as_of every_event reward up_to 50 }\n";
    let t = &run(rules, &enterprise("")).totals[0];
    assert_eq!((t.owed, t.ceiling), (dec("100"), Some(dec("150"))));
}

#[test]
fn overflow_and_division_by_zero_are_errors_naming_rule_and_values() {
    let source = format!(
        "{PRELUDE}\nrule BIG for enterprise {{ on as_of every_event reward rd_cost * 79228162514264337593543950335 }}"
    );
    let loaded =
        policy_lang::compile(vec![policy_lang::Source::new("t.policy", source)]).unwrap_or_else(|e| panic!("{e:?}"));
    let facts = loaded.program.facts("f", &enterprise(r#""rd_cost": 2"#)).unwrap_or_else(|e| panic!("{e:?}"));
    let error = loaded.program.evaluate(&facts, date("2024-01-01")).err();
    assert!(matches!(&error, Some(policy_lang::Error::Eval(e)) if e.kind() == policy_lang::eval::Failure::Overflow));
    let code = error.as_ref().and_then(|e| miette::Diagnostic::code(e).map(|c| c.to_string()));
    assert_eq!(code.as_deref(), Some("eval::overflow"));
    let zh = error.as_ref().map(|e| policy_lang::i18n::with_lang(policy_lang::i18n::Lang::Zh, || e.to_string()));
    assert_eq!(
        zh.as_deref(),
        Some(
            "规则 `BIG`（`enterprise.E1`）：2 与 79,228,162,514,264,337,593,543,950,335 的运算结果超出了精确小数的范围"
        )
    );
    assert_eq!(error.map(|e| e.to_string()).as_deref(), Some("rule `BIG` on `enterprise.E1`: arithmetic of 2 and 79,228,162,514,264,337,593,543,950,335 overflows the exact decimal range"));

    let source = format!("{PRELUDE}\nrule DIV for enterprise {{ on as_of every_event reward rd_cost / items }}");
    let loaded =
        policy_lang::compile(vec![policy_lang::Source::new("t.policy", source)]).unwrap_or_else(|e| panic!("{e:?}"));
    let facts =
        loaded.program.facts("f", &enterprise(r#""rd_cost": 2, "items": 0"#)).unwrap_or_else(|e| panic!("{e:?}"));
    let error = loaded.program.evaluate(&facts, date("2024-01-01")).err();
    assert!(
        matches!(&error, Some(policy_lang::Error::Eval(e)) if e.kind() == policy_lang::eval::Failure::DivisionByZero)
    );
    assert_eq!(error.map(|e| e.to_string()).as_deref(), Some("rule `DIV` on `enterprise.E1`: division of 2 by zero"));
}

#[test]
fn money_is_exact_where_floats_would_drift() {
    // 0.1 + 0.2 is 0.30000000000000004 in f64; here it is 0.3.
    assert_eq!(exact("rd_cost + capital", r#""rd_cost": 0.1, "capital": 0.2"#), "0.3");
    assert_eq!(exact("rd_cost", r#""rd_cost": 12345678901234567890.12"#), "12345678901234567890.12");
}

#[test]
fn an_event_after_the_evaluation_date_has_not_happened_yet() {
    assert_eq!(
        reason("on event\n  reward 1", r#""event": "2024-07-01""#),
        "the event on 2024-07-01 is after the evaluation date 2024-06-30"
    );
}

#[test]
fn traces_show_rates_as_the_text_writes_them() {
    assert_eq!(award("1:1 of funds", r#""funds": 300"#).trace.lines()[0], "1:1 of funds: 1:1 × 300 = 300");
    assert_eq!(award("5‰ of funds", r#""funds": 1000"#).trace.lines()[0], "5‰ of funds: 5‰ × 1,000 = 5");
}

/// Steps and reasons are values; the sentences are written from them. For every bundled
/// example, each sentence says what its value holds.
#[test]
fn structured_explanations_and_their_sentences_agree() {
    use policy_lang::amounts::money;
    use policy_lang::eval::{Reason, Step};
    let loaded = policy_lang::load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}"));
    for example in ["changzhou_device_maker", "wuxi_innovative_drug", "chongqing_cro_cdmo"] {
        let text = std::fs::read_to_string(format!("examples/{example}.json")).unwrap();
        let facts = loaded.program.facts(example, &text).unwrap_or_else(|e| panic!("{e:?}"));
        let result = loaded.program.evaluate(&facts, facts.as_of.unwrap()).unwrap();
        let json = policy_lang::output::json(&result);
        for (award, shown) in result.awards.iter().zip(json["awards"].as_array().unwrap()) {
            let sentences = award.trace.lines();
            assert_eq!(shown["trace"].as_array().unwrap().len(), sentences.len());
            assert_eq!(shown["steps"].as_array().unwrap().len(), award.trace.len());
            for (step, sentence) in award.trace.iter().zip(&sentences) {
                if let Step::Pool(pool) = step {
                    assert!(sentence.contains(&format!("room {}", money(pool.room))), "{sentence}");
                    match pool.cut_to {
                        Some(to) => assert!(sentence.ends_with(&format!("cut to {}", money(to))), "{sentence}"),
                        None => assert!(sentence.ends_with("within the cap"), "{sentence}"),
                    }
                }
                if let Step::Of { rate, result, .. } = step {
                    assert!(sentence.starts_with(&**rate) && sentence.ends_with(&money(*result)), "{sentence}");
                }
            }
        }
        for (na, shown) in result.not_applicable.iter().zip(json["not_applicable"].as_array().unwrap()) {
            assert_eq!(shown["why"].as_array().unwrap().len(), result.why(na).0.len());
            let sentence = result.reason(na);
            for words in result.why(na).sentences() {
                assert!(sentence.contains(&words), "{sentence}");
            }
            for reason in result.why(na).0 {
                if let Reason::FactMissing { fact, .. } = reason {
                    assert!(sentence.contains(&format!("fact `{fact}` is not given")));
                }
            }
        }
    }
}

#[test]
fn results_share_their_rule_name_and_entity_path_and_json_names_them_in_full() {
    let rules =
        "rule R for enterprise {\n  cite \"第一条\"\n  on as_of\n  when local\n  reward 100\n  every_event\n}\n";
    let facts = r#"{"enterprise": [{"id": "E1", "drugs": [], "local": true}, {"id": "E2", "drugs": [], "local": true},
        {"id": "E3", "drugs": [], "local": false}]}"#;
    let result = run(rules, facts);
    let ([first, second], [refused]) = (result.awards.as_slice(), result.not_applicable.as_slice()) else {
        panic!("expected two awards and one refusal: {result:#?}")
    };
    // One name for the rule, however many results it has: the program's, borrowed, not copied.
    assert!(std::ptr::eq(first.rule, second.rule));
    assert!(std::ptr::eq(first.rule, refused.rule));
    assert_eq!((first.rule.policy.as_str(), first.rule.id.as_str()), ("test", "R"));
    assert_eq!((first.entity, refused.entity), ("enterprise.E1", "enterprise.E3"));
    // The JSON still spells out each award's rule and entitlement.
    let json = policy_lang::output::json(&result);
    let award = &json["awards"][1];
    let fields: Vec<&str> = award.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(
        fields,
        [
            "policy",
            "rule",
            "cite",
            "title",
            "entity",
            "kind",
            "amount",
            "min",
            "max",
            "frequency",
            "event_date",
            "year",
            "key",
            "trace",
            "steps",
            "shares"
        ]
    );
    assert_eq!(
        (&award["rule"], &award["cite"], &award["entity"]),
        (&"R".into(), &"第一条".into(), &"enterprise.E2".into())
    );
    assert_eq!(
        (&award["kind"], &award["amount"], &award["max"]),
        (&"exact".into(), &"100.00".into(), &"100.00".into())
    );
    assert_eq!(
        (&json["not_applicable"][0]["rule"], &json["totals"]["enterprise.E3"]["owed"]),
        (&"R".into(), &"0".into())
    );
}

#[test]
fn the_table_says_an_uncapped_case_by_case_award_is_uncapped() {
    let result =
        run(&format!("rule R for enterprise {{\n  {}\n}}\n", stated("reward case_by_case uncapped")), &enterprise(""));
    assert!(
        policy_lang::output::table(&result).contains("case by case, uncapped"),
        "{}",
        policy_lang::output::table(&result)
    );
}

/// A false condition's reads are kept in the evaluation's list, apart from the reason: each
/// reason is written with its own, and two entries false on the same values say the same
/// whichever run of the list holds them.
#[test]
fn false_conditions_are_written_with_the_facts_they_read() {
    let rule =
        |name: &str| format!("rule {name} for enterprise {{\n  {}\n}}\n", stated("when rd_cost > capital\n  reward 1"));
    let facts = r#"{"enterprise": [{"id": "E1", "drugs": [], "rd_cost": 1, "capital": 2}]}"#;
    let result = run(&format!("{}{}", rule("A"), rule("B")), facts);
    let [a, b] = result.not_applicable.as_slice() else { panic!("{result:#?}") };
    let (why_a, why_b) = (result.why(a), result.why(b));
    let Some(policy_lang::eval::Reason::ConditionFalse { reads, .. }) = why_a.0.first() else { panic!("{why_a:?}") };
    let Some(policy_lang::eval::Reason::ConditionFalse { reads: other, .. }) = why_b.0.first() else { panic!() };
    assert_ne!(reads, other, "each condition's reads are its own run");
    assert_eq!(why_a, why_b);
    assert_eq!(why_a.reads(&why_a.0[0]).len(), 2);
    let json = serde_json::to_value(why_b).unwrap_or_default();
    assert_eq!(json[0]["reads"][0]["fact"], "rd_cost");
    assert_eq!(json[0]["reads"][1]["fact"], "capital");
    assert_eq!(json[0]["reads"][1]["value"], "2");
    assert_eq!(why_b.sentence(), "condition `rd_cost > capital` is false (rd_cost = 1, capital = 2)");
    // Read against another evaluation's list, the same reasons say something else.
    let elsewhere = run(&rule("C"), r#"{"enterprise": [{"id": "E1", "drugs": [], "rd_cost": 1, "capital": 3}]}"#);
    assert_ne!(policy_lang::eval::Why(why_b.0, &elsewhere.reads), why_b);
}
