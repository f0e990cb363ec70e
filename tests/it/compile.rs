//! Compile targets: the JSON IR round-trips to the same results; the facts JSON Schema
//! accepts every bundled example and rejects bad facts, checked by a real validator.

use crate::common::date;
use policy_lang::compile::{facts_schema, from_ir, to_ir, IrError};
use policy_lang::{load, output, Program};
use pretty_assertions::assert_eq;

fn bundled() -> Program {
    load(&["rules".into()]).unwrap_or_else(|e| panic!("rules do not load: {e:?}")).program
}

fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("examples")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap_or_default()))
        .collect();
    out.sort();
    assert!(out.len() >= 3, "the bundled examples are missing");
    out
}

/// Evaluates a fact set and renders the result as JSON text.
fn results(program: &Program, name: &str, json: &str) -> String {
    let facts = program.facts(name, json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let evaluation =
        program.evaluate(&facts, facts.as_of.unwrap_or(date("2025-01-01"))).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string_pretty(&output::json(&evaluation)).unwrap_or_default()
}

#[test]
fn a_program_loaded_from_its_ir_evaluates_every_example_alike() {
    let source = bundled();
    let ir = serde_json::to_string(&to_ir(&source)).unwrap_or_default();
    let loaded = from_ir(&ir).unwrap_or_else(|e| panic!("IR does not load: {e}"));
    for (name, json) in examples() {
        let (a, b) = (results(&source, &name, &json), results(&loaded, &name, &json));
        assert!(a.contains("\"awards\""), "{name}");
        assert_eq!(a, b, "{name}: IR and source disagree");
    }
    // And the IR of the loaded program is the IR it came from.
    assert_eq!(serde_json::to_string(&to_ir(&loaded)).unwrap_or_default(), ir);
}

#[test]
fn the_ir_says_what_it_is_and_refuses_what_it_is_not() {
    let ir = to_ir(&bundled());
    assert_eq!((ir["format"].as_str(), ir["version"].as_u64()), (Some("policy-lang/ir"), Some(3)));
    let with = |key: &str, value: serde_json::Value| {
        let mut doc = ir.clone();
        doc[key] = value;
        from_ir(&doc.to_string()).err()
    };
    assert!(matches!(with("format", "other".into()), Some(IrError::Format(f)) if f == "other"));
    assert!(matches!(with("version", 1.into()), Some(IrError::Version { found: 1, expected: 3 })));
    let mut corrupt = ir.clone();
    corrupt["program"]["rules"][0]["kind"] = 999.into();
    assert!(matches!(from_ir(&corrupt.to_string()), Err(IrError::Inconsistent(_))));
    assert!(matches!(from_ir("{"), Err(IrError::Unreadable(_))));
}

#[test]
fn the_facts_schema_accepts_the_examples_and_rejects_bad_facts() {
    let schema = facts_schema(&bundled());
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("not a valid JSON Schema: {e}"));
    for (name, json) in examples() {
        let instance: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    for bad in [
        r#"{"enterprise": [{"id": "E1", "name": true}]}"#,
        r#"{"enterprises": []}"#,
        r#"{"enterprise": [{"name": "no id"}]}"#,
        r#"{"as_of": "31/12/2024"}"#,
    ] {
        let instance: serde_json::Value = serde_json::from_str(bad).unwrap_or_default();
        assert!(!validator.is_valid(&instance), "accepted: {bad}");
    }
}

/// `policy compile` writes the IR as it is made, not through a JSON tree: the same text.
#[test]
fn the_ir_written_as_it_is_made_is_the_ir() {
    let program = bundled();
    let mut written = Vec::new();
    policy_lang::compile::write_ir(&program, &mut written).unwrap_or_else(|e| panic!("{e}"));
    let expected = format!("{}\n", serde_json::to_string_pretty(&to_ir(&program)).unwrap_or_default());
    assert_eq!(String::from_utf8_lossy(&written), expected);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy"))
        .args(["compile", "--target", "json", "rules"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert!(from_ir(&expected).is_ok());
}
