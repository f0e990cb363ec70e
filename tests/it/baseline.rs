//! The hand-written baseline (benches/baseline.rs) gives the interpreter's results, on a
//! generated population where every rule it covers fires, is refused or is capped.

#[path = "../../benches/baseline.rs"]
mod hand;

use crate::common::date;
use policy_lang::population::Population;
use pretty_assertions::assert_eq;

#[test]
fn the_hand_written_baseline_agrees_with_the_interpreter() {
    let program = policy_lang::load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let baseline = hand::Baseline::new(&program);
    let mut population = Population::new(&program, 11);
    let as_of = date("2025-06-30");
    let mut compared = 0;
    let mut fired = std::collections::BTreeSet::new();
    for n in 0..3000 {
        // Every generated enterprise is moved to Changzhou, so the rules have work to do.
        let mut set = population.next_fact_set();
        if let Some(e) = set["enterprise"][0].as_object_mut() {
            e.insert("city".into(), "changzhou".into());
        }
        eligible_more_often(&mut set["enterprise"][0], n);
        let facts = program.facts("generated", &set.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let result = program.evaluate(&facts, as_of).unwrap_or_else(|e| panic!("{e}"));
        let mut interpreted: Vec<hand::Outcome> = result
            .awards
            .iter()
            .filter(|a| a.rule.policy == "changzhou_2023" && hand::RULES.contains(&a.rule.id.as_str()))
            .map(|a| hand::Outcome {
                rule: a.rule.id.clone(),
                entity: a.entity.to_string(),
                kind: match a.kind() {
                    policy_lang::EntitlementKind::Exact => "exact",
                    policy_lang::EntitlementKind::UpTo => "up_to",
                    policy_lang::EntitlementKind::Range => "range",
                    policy_lang::EntitlementKind::CaseByCase => "case_by_case",
                },
                min: a.min(),
                max: a.max(),
            })
            .collect();
        let mut written = baseline.evaluate(&facts, as_of);
        interpreted.sort();
        written.sort();
        fired.extend(written.iter().map(|o| o.rule.clone()));
        compared += written.len();
        assert_eq!(written, interpreted, "{set}");
    }
    assert!(compared > 200, "too few awards compared: {compared}");
    assert_eq!(
        fired.len(),
        hand::RULES.len(),
        "rules that never fired: {:?}",
        hand::RULES.iter().filter(|r| !fired.contains(**r)).collect::<Vec<_>>()
    );
}

/// Random facts rarely meet every condition of an industrialisation project or a public
/// platform; every other one is nudged towards them (amounts and dates stay random).
fn eligible_more_often(enterprise: &mut serde_json::Value, n: usize) {
    if n % 2 == 1 {
        return;
    }
    for (i, project) in enterprise["projects"].as_array_mut().into_iter().flatten().enumerate() {
        project["project_type"] = "industrialization".into();
        project["product_kind"] = if (n + i) % 4 == 0 { "drug".into() } else { "device".into() };
        project["device_class"] = "III".into();
        project["registered_locally"] = true.into();
        project["industrialized_locally"] = true.into();
    }
    // CZ-11a counts the GLP/GCP items of the first certification: give 0 to 6 of them.
    if let Some(first) = enterprise.get("glp_gcp_first_on").cloned() {
        let items: Vec<serde_json::Value> = (0..n % 7)
            .map(|i| serde_json::json!({"id": format!("I{i}"), "scheme": "GLP", "obtained_on": first}))
            .collect();
        enterprise["glp_gcp_items"] = items.into();
    }
    for platform in enterprise["platforms"].as_array_mut().into_iter().flatten() {
        platform["platform_type"] = "public_service".into();
        for flag in ["new_in_city", "independent_legal_person", "in_key_zone"] {
            platform[flag] = true.into();
        }
    }
}
