//! Compile targets: the JSON IR round-trips to the same results and satisfies its own
//! committed JSON Schema; the facts JSON Schema accepts every bundled example and rejects
//! bad facts, each checked by a real validator.

use crate::common::date;
use policy_lang::ir::{self, facts_schema, IrError};
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
    let ir = serde_json::to_string(&ir::to_json(&source)).unwrap_or_default();
    let loaded = ir::read(&ir).unwrap_or_else(|e| panic!("IR does not load: {e}"));
    for (name, json) in examples() {
        let (a, b) = (results(&source, &name, &json), results(&loaded, &name, &json));
        assert!(a.contains("\"awards\""), "{name}");
        assert_eq!(a, b, "{name}: IR and source disagree");
    }
    // And the IR of the loaded program is the IR it came from.
    assert_eq!(serde_json::to_string(&ir::to_json(&loaded)).unwrap_or_default(), ir);
}

/// Every `expect` of the bundled rules' tests holds of the program read from the IR as it
/// does of the source: each award with its amount, shares and trace, each reason, each total.
#[test]
fn the_bundled_rules_tests_pass_on_the_program_read_from_its_ir() {
    let source = bundled();
    let mut loaded = ir::read(&ir::to_json(&source).to_string()).unwrap_or_else(|e| panic!("{e}"));
    // Tests and source text are not part of the IR; lend them to the loaded program.
    (loaded.tests, loaded.sources) = (source.tests.clone(), source.sources.clone());
    let root = Some(std::path::Path::new("."));
    let results = policy_lang::testing::run_with(&loaded, root);
    assert!(results.len() >= 20, "only {} tests", results.len());
    let failed: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    let report = |p: &Program| policy_lang::testing::report(&policy_lang::testing::run_with(p, root));
    assert_eq!(report(&loaded), report(&source));
}

#[test]
fn the_ir_says_what_it_is_and_refuses_what_it_is_not() {
    let doc = ir::to_json(&bundled());
    assert_eq!((doc["format"].as_str(), doc["version"].as_u64()), (Some("policy-lang/ir"), Some(3)));
    let with = |key: &str, value: serde_json::Value| {
        let mut doc = doc.clone();
        doc[key] = value;
        ir::read(&doc.to_string()).err()
    };
    assert!(matches!(with("format", "other".into()), Some(IrError::Format(f)) if f == "other"));
    for old in [1, 2] {
        let error = with("version", old.into());
        assert!(matches!(error, Some(IrError::Old { found, expected: 3 }) if found == old), "{error:?}");
    }
    assert!(matches!(with("version", 4.into()), Some(IrError::Version { found: 4, expected: 3 })));
    assert!(matches!(ir::read("{"), Err(IrError::Unreadable(_))));
    assert!(matches!(with("program", serde_json::json!({"rules": 1})), Some(IrError::Unreadable(_))));
}

/// A misspelt key deep in an expression is refused, and the message says where.
#[test]
fn a_malformed_expression_is_unreadable_with_its_place() {
    let mut doc = ir::to_json(&bundled());
    doc["program"]["rules"][0]["reward"] =
        serde_json::json!({"op": "of", "rate": {"rate": "0.2"}, "base": {"fakt": "x"}, "text": "x"});
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    match ir::read(&text) {
        Err(IrError::Unreadable(message)) => assert!(message.contains("at line"), "{message}"),
        other => panic!("not refused as unreadable: {:?}", other.err()),
    }
}

/// An expression as deep as the parser allows (200 levels) reads back from its IR on a
/// test thread's small stack, and so does an IR nested 1000 levels deep; one nested deeper
/// than any the engine writes is refused.
#[test]
fn the_deepest_expressions_read_back_and_deeper_is_refused() {
    let reward = format!("x{}", " + 1".repeat(199));
    let text = format!(
        "schema {{ entity e {{ x: money }} }}\npolicy p {{ issued 2023-01-01 }}\n\
         rule R for e {{ on as_of every_event reward {reward} }}\n"
    );
    // Checking so deep an expression needs more than a test thread's stack in a debug build.
    let compiled = std::thread::Builder::new().stack_size(64 << 20).spawn(move || {
        let program = policy_lang::compile(vec![policy_lang::Source::new("deep.policy", text)])
            .unwrap_or_else(|e| panic!("{e:?}"))
            .program;
        ir::to_json(&program).to_string()
    });
    let doc = compiled.and_then(|t| t.join().map_err(|_| std::io::Error::other("panicked"))).unwrap_or_default();
    let again = ir::read(&doc).unwrap_or_else(|e| panic!("{e}"));
    let back = std::thread::Builder::new().stack_size(64 << 20).spawn(move || ir::to_json(&again).to_string());
    assert_eq!(back.and_then(|t| t.join().map_err(|_| std::io::Error::other("panicked"))).unwrap_or_default(), doc);

    let mut deep = ir::to_json(&bundled());
    let mut reward = serde_json::json!({"fact": "level"});
    for _ in 0..1000 {
        reward = serde_json::json!({"op": "neg", "arg": reward});
    }
    deep["program"]["rules"][0]["reward"] = reward;
    let text = serde_json::to_string(&deep).unwrap_or_default();
    assert!(ir::read(&text).is_ok());

    let deeper = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(matches!(ir::read(&deeper), Err(IrError::Unreadable(m)) if m.contains("5000 levels")));
}

/// A version 2 document (a serde dump of the program) is named as such, with the way out.
#[test]
fn an_old_ir_says_to_compile_again() {
    let old =
        r#"{"format": "policy-lang/ir", "version": 2, "program": {"rules": [{"reward": {"Const": {"Dec": "0.2"}}}]}}"#;
    let error = ir::read(old).err().unwrap_or_else(|| panic!("version 2 was read"));
    let help = miette::Diagnostic::help(&error).map(|h| h.to_string()).unwrap_or_default();
    let rendered = format!("{error}\n{help}");
    assert!(rendered.contains("IR version 2 was a dump of policy-lang's internals"), "{rendered}");
    assert!(rendered.contains("policy compile --target json"), "{rendered}");
}

/// Every name in the IR is resolved on reading; one that points nowhere is refused.
#[test]
fn an_ir_naming_what_it_does_not_declare_is_refused() {
    let doc = ir::to_json(&bundled());
    let inconsistent = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = doc.clone();
        edit(&mut doc);
        match ir::read(&doc.to_string()) {
            Err(IrError::Inconsistent(message)) => message,
            other => panic!("not refused as inconsistent: {:?}", other.err()),
        }
    };
    let rule = |doc: &mut serde_json::Value| doc["program"]["rules"][0].clone();
    assert!(inconsistent(&|d| d["program"]["rules"][0]["entity"] = "nothing".into()).contains("`nothing`"));
    assert!(inconsistent(&|d| d["program"]["rules"][0]["policy"] = "nowhere".into()).contains("`nowhere`"));
    assert!(inconsistent(&|d| d["program"]["pools"][0]["members"][0]["rule"] = "R0".into()).contains("R0"));
    assert!(inconsistent(&|d| d["program"]["stacks"][0]["per"] = "galaxy".into()).contains("galaxy"));
    assert!(inconsistent(&|d| d["program"]["schema"]["entities"][1]["owner"] = "nobody".into()).contains("nobody"));
    let top = |d: &serde_json::Value| d["program"]["schema"]["entities"][0]["name"].clone();
    // The bundled schema's third kind is owned by the second (a drug's trial stages).
    let lists = inconsistent(&|d| d["program"]["schema"]["entities"][2]["owner"] = top(d));
    assert!(lists.contains("does not own"), "{lists}");
    let twice = inconsistent(&|d| {
        let first = rule(d);
        if let Some(rules) = d["program"]["rules"].as_array_mut() {
            rules.push(first);
        }
    });
    assert!(twice.contains("declared twice"), "{twice}");
    let reward = |d: &mut serde_json::Value, e: serde_json::Value| d["program"]["rules"][0]["reward"] = e;
    let unknown_fact = inconsistent(&|d| reward(d, serde_json::json!({"fact": "no_such_fact"})));
    assert!(unknown_fact.contains("no_such_fact"), "{unknown_fact}");
    let unknown_value = inconsistent(&|d| reward(d, serde_json::json!({"enum": "city", "value": "atlantis"})));
    assert!(unknown_value.contains("atlantis"), "{unknown_value}");
}

/// A small program whose IR is read line by line in `docs/IR.md`: names, not indices;
/// every literal with its unit; no spans.
#[test]
fn the_ir_names_facts_and_gives_every_amount_its_unit() {
    let text = r#"
        schema {
            enum phase { I, II, III }
            entity enterprise { local: bool, drugs: [drug] }
            entity drug { rd_cost: money, phase: phase, trials: count }
        }
        policy demo { issued 2024-01-01 }
        rule R for drug {
            when enterprise.local and trials >= 3
            on as_of
            once per enterprise
            reward 20% of rd_cost max by phase { I => 100万, _ => 300万 }
        }
    "#;
    let program = policy_lang::compile(vec![policy_lang::Source::new("demo.policy", text)])
        .unwrap_or_else(|e| panic!("{e:?}"))
        .program;
    let doc = ir::to_json(&program);
    let rule = &doc["program"]["rules"][0];
    assert_eq!(rule["entity"], "drug");
    assert_eq!(rule["once_for"], "enterprise");
    assert_eq!(
        rule["conditions"][0]["expr"],
        serde_json::json!({"op": "and",
            "left": {"fact": "local", "of": "enterprise"},
            "right": {"op": "ge", "left": {"fact": "trials"}, "right": {"count": "3"}}})
    );
    assert_eq!(
        rule["reward"],
        serde_json::json!({"op": "max",
            "amount": {"op": "of", "rate": {"rate": "0.20"}, "base": {"fact": "rd_cost"},
                "text": "rd_cost", "rate_text": "20%"},
            "cap": {"op": "by", "value": {"fact": "phase"}, "enum": "phase", "text": "phase", "arms": [
                {"values": ["I"], "then": {"money": "1000000", "unit": "yuan"}},
                {"values": ["II", "III"], "then": {"money": "3000000", "unit": "yuan"}}]},
            "text": "20% of rd_cost max by phase { I => 100万, _ => 300万 }"})
    );
    assert!(!doc.to_string().contains("span"), "the IR leaks spans");
    let again = ir::read(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ir::to_json(&again), doc);
}

/// The IR's JSON Schema, from the committed file.
pub(crate) fn ir_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/ir.schema.json").unwrap_or_else(|e| panic!("docs/ir.schema.json: {e}"));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("not a valid JSON Schema: {e}"))
}

pub(crate) fn assert_valid(validator: &jsonschema::Validator, name: &str, doc: &serde_json::Value) {
    let errors: Vec<String> =
        validator.iter_errors(doc).take(5).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{name}: the IR does not satisfy docs/ir.schema.json: {errors:#?}");
}

/// `docs/ir.schema.json` is derived from the IR's types, so it cannot drift. After a
/// deliberate change to the IR, regenerate it with
/// `UPDATE_IR_SCHEMA=1 cargo test --test it committed_ir_schema` and review the diff.
#[test]
fn the_committed_ir_schema_is_the_one_derived_from_the_types() {
    let generated = format!("{}\n", serde_json::to_string_pretty(&ir::schema()).unwrap_or_default());
    if std::env::var_os("UPDATE_IR_SCHEMA").is_some() {
        std::fs::write("docs/ir.schema.json", &generated).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = std::fs::read_to_string("docs/ir.schema.json").unwrap_or_default();
    assert!(
        committed == generated,
        "docs/ir.schema.json is out of date: run `UPDATE_IR_SCHEMA=1 cargo test --test it committed_ir_schema`"
    );
}

/// Every program the tests compile (the bundled rules, and every case file under `tests/`
/// that checks) writes an IR the schema accepts, which reads back to the same IR and the
/// same results.
#[test]
fn every_compiled_program_writes_an_ir_the_schema_accepts() {
    let validator = ir_validator();
    let program = bundled();
    let mut written = Vec::new();
    ir::write(&program, &mut written).unwrap_or_else(|e| panic!("{e}"));
    let doc: serde_json::Value = serde_json::from_slice(&written).unwrap_or_else(|e| panic!("{e}"));
    assert_valid(&validator, "rules/", &doc);
    let mut compiled = 0;
    for path in policy_lang::policy_files(&["tests".into()]).unwrap_or_default() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(loaded) = policy_lang::compile(vec![policy_lang::Source::new(name.as_str(), text)]) else { continue };
        let doc = ir::to_json(&loaded.program);
        assert_valid(&validator, &name, &doc);
        let again = ir::read(&doc.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ir::to_json(&again), doc, "{name}: the IR does not read back to itself");
        compiled += 1;
    }
    assert!(compiled >= 5, "only {compiled} case files compiled");
    let mut bad = doc.clone();
    bad["program"]["rules"][0]["reward"] = serde_json::json!({"Const": {"Dec": "0.2"}});
    assert!(!validator.is_valid(&bad), "the schema accepts a version 2 expression");
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

/// `policy compile` writes the IR rule by rule, not through a JSON tree: the same text, and
/// one the IR's schema accepts.
#[test]
fn the_ir_written_as_it_is_made_is_the_ir() {
    let program = bundled();
    let mut written = Vec::new();
    ir::write(&program, &mut written).unwrap_or_else(|e| panic!("{e}"));
    let expected = format!("{}\n", serde_json::to_string_pretty(&ir::to_json(&program)).unwrap_or_default());
    assert_eq!(String::from_utf8_lossy(&written), expected);
    let out = crate::common::policy()
        .args(["compile", "--target", "json", "rules"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_valid(&ir_validator(), "policy compile --target json rules", &doc);
    assert!(ir::read(&expected).is_ok());
}
