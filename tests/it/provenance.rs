//! Provenance: every JSON answer names the rules (by content hash), the date and the engine.

use policy_lang::provenance::{sha256_hex, RulesHash};

fn eval_json(facts: &str) -> serde_json::Value {
    let out = crate::common::policy()
        .args(["eval", "rules/", "--facts", facts, "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run policy: {e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn eval_json_carries_the_rules_hash_the_date_and_the_engine() {
    let json = eval_json("examples/changzhou_device_maker.json");
    let provenance = &json["provenance"];
    let loaded = policy_lang::load(&["rules/".into()]).unwrap_or_else(|e| panic!("{e}"));
    let hash = RulesHash::of(&loaded.program);
    assert_eq!(provenance["rules_sha256"], hash.rules_sha256.as_str());
    assert_eq!(provenance["as_of"], json["as_of"]);
    assert_eq!(provenance["engine"], format!("policy-lang {}", env!("CARGO_PKG_VERSION")));
    // Each file's hash is the hash of its bytes, so an auditor can check it with sha256sum.
    let files = provenance["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), loaded.program.sources.len());
    let wuxi = files.iter().find(|f| f["file"] == "rules/wuxi.policy").cloned().unwrap_or_default();
    let text = std::fs::read("rules/wuxi.policy").unwrap_or_default();
    assert_eq!(wuxi["sha256"], sha256_hex(&text));
    // The fields that were there before are unchanged, in their order.
    let keys: Vec<&String> = json.as_object().map(|m| m.keys().collect()).unwrap_or_default();
    assert_eq!(keys, ["as_of", "awards", "not_applicable", "excluded", "totals", "warnings", "provenance"]);
}

#[test]
fn the_rules_hash_changes_with_any_byte_of_the_rules() {
    let a = policy_lang::compile(vec![policy_lang::Source::new("a.policy", "schema { entity e { x: money } }")]);
    let b = policy_lang::compile(vec![policy_lang::Source::new("a.policy", "schema { entity e { x: money }  }")]);
    let (a, b) = (a.unwrap_or_else(|e| panic!("{e}")), b.unwrap_or_else(|e| panic!("{e}")));
    assert_ne!(RulesHash::of(&a.program).rules_sha256, RulesHash::of(&b.program).rules_sha256);
    assert_eq!(RulesHash::of(&a.program), RulesHash::of(&a.program));
}
