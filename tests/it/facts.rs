//! Facts: JSON checked against the schema, money read exactly, every error with its path.

use crate::common::*;
use policy_lang::{compile, Source};
use pretty_assertions::assert_eq;

/// The messages (with help) for a fact set the test schema rejects.
fn rejected(json: &str) -> Vec<String> {
    let loaded = compile(vec![Source::new("t.policy", PRELUDE)]).unwrap_or_else(|e| panic!("{e:?}"));
    match loaded.program.facts("facts.json", json) {
        Ok(_) => panic!("facts accepted: {json}"),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{e} — {}", miette::Diagnostic::help(e).map(|h| h.to_string()).unwrap_or_default()))
            .collect(),
    }
}

#[test]
fn money_reads_numbers_and_chinese_notation_exactly() {
    let loaded = compile(vec![Source::new("t.policy", PRELUDE)]).unwrap_or_else(|e| panic!("{e:?}"));
    for (written, value) in [
        ("\"1200万\"", "12000000"),
        ("\"1.5亿\"", "150000000"),
        ("\"400万元\"", "4000000"),
        ("\"4,000,000\"", "4000000"),
        ("0.1", "0.1"),
        ("1e3", "1000"),
    ] {
        let facts = loaded
            .program
            .facts("f", &enterprise(&format!(r#""rd_cost": {written}"#)))
            .unwrap_or_else(|e| panic!("{written}: {e:?}"));
        let result = loaded.program.evaluate(&facts, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
        assert!(result.awards.is_empty());
        let Some(policy_lang::facts::Slot::Value(policy_lang::program::Value::Dec(d))) = facts.roots[0].slots.first()
        else {
            panic!("no rd_cost")
        };
        assert_eq!(d.normalize().to_string(), value, "{written}");
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let errors = rejected("{\"enterprise\": [\n  {\"id\": \"E1\",}\n]}");
    assert_eq!(errors, ["facts are not valid JSON: trailing comma — fix the JSON at line 2, column 15"]);
}

#[test]
fn a_wrong_type_names_the_json_path() {
    assert_eq!(
        rejected(&enterprise(r#""rd_cost": true"#)),
        [
            r#"$.enterprise[0].rd_cost: expected money, found `true` — write a number (30000000) or a string such as "3000万""#
        ]
    );
}

#[test]
fn unknown_fields_and_enum_values_suggest_the_right_one() {
    assert_eq!(
        rejected(&enterprise(r#""rd_cots": 1"#)),
        ["$.enterprise[0].rd_cots: `enterprise` has no field `rd_cots` — did you mean `rd_cost`?"]
    );
    assert_eq!(
        rejected(&enterprise(r#""phase": "III ""#)),
        ["$.enterprise[0].phase: `III ` is not a value of enum `phase` — did you mean `III`?"]
    );
    assert_eq!(
        rejected(r#"{"enterprises": []}"#),
        ["$.enterprises: unknown key `enterprises` — did you mean `enterprise`?"]
    );
}

#[test]
fn missing_required_facts_are_errors_never_zero() {
    let errors =
        rejected(r#"{"enterprise": [{"id": "E1", "drugs": [{"id": "D1", "phase": "I", "approved": "2024-01-01"}]}]}"#);
    assert_eq!(errors, ["$.enterprise[0].drugs[0].rd_cost: missing fact `rd_cost` (money) — give `rd_cost` a value, or declare it optional (`rd_cost?: …`) in the schema"]);
}

#[test]
fn counts_dates_and_money_are_validated() {
    assert_eq!(
        rejected(&enterprise(r#""items": 2.5"#)),
        ["$.enterprise[0].items: expected a count, found `2.5` — write a whole number, 0 or more"]
    );
    assert_eq!(
        rejected(&enterprise(r#""since": "2023-02-30""#)),
        [r#"$.enterprise[0].since: expected a date, found "2023-02-30" — write a calendar date as "YYYY-MM-DD""#]
    );
    assert_eq!(
        rejected(&enterprise(r#""rd_cost": -5"#)),
        ["$.enterprise[0].rd_cost: money cannot be negative, found -5 — amounts in facts are zero or more"]
    );
    assert_eq!(rejected(&enterprise(r#""rd_cost": 1e40"#)), ["$.enterprise[0].rd_cost: expected money, found `1e+40` — write a number (30000000) or a string such as \"3000万\""]);
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    assert_eq!(rejected(&enterprise(r#""rd_cost": true, "items": "x", "local": 1"#)).len(), 3);
}

#[test]
fn ids_within_a_list_are_unique() {
    let json = r#"{"enterprise": [{"id": "E1", "drugs": []}, {"id": "E1", "drugs": []}]}"#;
    assert_eq!(
        rejected(json),
        ["$.enterprise: two entities in this list have the id `E1` — give every entity in a list its own id"]
    );
}

#[test]
fn a_key_given_twice_is_an_error_not_the_last_one_silently() {
    let errors = rejected("{\"enterprise\": [{\"id\": \"E1\", \"drugs\": [],\n  \"rd_cost\": 1, \"rd_cost\": 2}]}");
    assert_eq!(errors, ["facts are not valid JSON: duplicate key `rd_cost` — fix the JSON at line 2, column 25"]);
}

#[test]
fn a_fact_set_of_more_than_a_million_entities_is_refused_with_advice() {
    let loaded = compile(vec![Source::new("t.policy", "schema { entity e { } }\npolicy p { }\n")])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let entities: Vec<String> = (0..=policy_lang::facts::MAX_ENTITIES).map(|i| format!("{{\"id\":{i}}}")).collect();
    let json = format!("{{\"e\":[{}]}}", entities.join(","));
    let errors = loaded.program.facts("big.json", &json).err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), "$.e[1000000]: more than 1000000 entities in one fact set");
}

#[test]
fn errors_come_in_the_schemas_order_whatever_the_order_of_the_keys() {
    let drug = r#"{"id": "D1", "phase": "I", "rd_cost": true, "approved": "2024-01-01"}"#;
    let in_order =
        format!(r#"{{"enterprise": [{{"id": "E1", "bogus": 1, "rd_cost": true, "items": "x", "drugs": [{drug}]}}]}}"#);
    let shuffled =
        format!(r#"{{"enterprise": [{{"drugs": [{drug}], "items": "x", "bogus": 1, "rd_cost": true, "id": "E1"}}]}}"#);
    let errors = rejected(&in_order);
    let paths: Vec<&str> = errors.iter().map(|e| e.split(':').next().unwrap_or_default()).collect();
    assert_eq!(
        paths,
        [
            "$.enterprise[0].bogus",
            "$.enterprise[0].rd_cost",
            "$.enterprise[0].items",
            "$.enterprise[0].drugs[0].rd_cost"
        ]
    );
    assert_eq!(rejected(&shuffled), errors);
}

#[test]
fn an_entity_without_a_usable_id_is_reported_for_that_alone() {
    let json = r#"{"enterprise": [{"drugs": [{"id": "D1"}], "rd_cost": true, "id": "E.1"}]}"#;
    assert_eq!(
        rejected(json),
        [
            r#"$.enterprise[0].id: the id "E.1" contains `.`, which separates the parts of a path — write the id without `.`, e.g. "E1_5" for "E1.5""#
        ]
    );
}

#[test]
fn an_id_written_after_the_children_still_names_them() {
    let loaded = compile(vec![Source::new("t.policy", PRELUDE)]).unwrap_or_else(|e| panic!("{e:?}"));
    let json = r#"{"enterprise": [{"drugs": [{"phase": "I", "rd_cost": 1, "approved": "2024-01-01", "id": "D1"}], "id": "E1"}]}"#;
    let facts = loaded.program.facts("f", json).unwrap_or_else(|e| panic!("{e:?}"));
    let drugs = facts.roots[0].slots.iter().find_map(|slot| match slot {
        policy_lang::facts::Slot::Children(children) => Some(children),
        _ => None,
    });
    assert_eq!(&*facts.roots[0].path, "enterprise.E1");
    assert_eq!(drugs.map(|d| d[0].path.to_string()), Some("enterprise.E1.drugs.D1".to_string()));
}
