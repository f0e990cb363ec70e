//! `policy facts-needed` and the IR's `facts_needed`: what each rule reads.

use policy_lang::needs::facts_needed;
use policy_lang::{compile, Source};

#[test]
fn every_part_of_a_rule_is_read_and_attributed() {
    let rules = r#"
        schema {
          enum phase { I, II, III }
          entity enterprise { local: bool  unused?: money  trials: [trial] }
          entity trial { phase: phase  started?: date  cost?: money  note?: text }
        }
        policy demo { issued 2024-01-01  scope enterprise.local }
        rule R1 for trial {
          when phase in {II, III}
          on started
          reward 10% of cost max 100万
          once per phase
        }
    "#;
    let program = compile(vec![Source::new("demo.policy", rules)]).unwrap_or_else(|e| panic!("{e:?}")).program;
    let needs = facts_needed(&program);
    assert_eq!(needs.len(), 1);
    let reads: Vec<String> =
        needs[0].facts.iter().map(|f| format!("{}.{} {} {}", f.entity, f.field, f.ty, f.via.join("+"))).collect();
    assert_eq!(
        reads,
        [
            "enterprise.local bool condition",
            "trial.phase phase condition+once_per",
            "trial.started date on",
            "trial.cost money reward",
        ]
    );
    assert!(needs[0].ledger.iter().any(|row| row.to_string().contains("`key`")), "{:?}", needs[0].ledger);
}

#[test]
fn the_bundled_rules_each_read_declared_facts_and_the_ir_lists_them() {
    let program = policy_lang::load(&["rules/".into()]).unwrap_or_else(|e| panic!("{e}")).program;
    let needs = facts_needed(&program);
    assert_eq!(needs.len(), program.rules.len());
    for rule in &needs {
        assert!(!rule.facts.is_empty(), "{} reads nothing", rule.rule);
        for read in &rule.facts {
            let kind = program.schema.kind_named(&read.entity).and_then(|k| program.schema.kinds.get(k));
            assert!(kind.and_then(|k| k.field(&read.field)).is_some(), "{}: {}.{}", rule.rule, read.entity, read.field);
        }
    }
    let ir = policy_lang::ir::to_json(&program);
    assert_eq!(ir["facts_needed"].as_array().map(Vec::len), Some(program.rules.len()));
    assert!(policy_lang::ir::read(&ir.to_string()).is_ok());
}

#[test]
fn the_cli_lists_one_rule_or_says_it_does_not_exist() {
    let run = |args: &[&str]| crate::common::policy().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["facts-needed", "rules/", "--rule", "CZ-03-2a"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("changzhou_2023.CZ-03-2a (for each device)\n"), "{text}");
    assert!(text.contains("device.registered_on?"), "{text}");
    let out = run(&["facts-needed", "rules/", "--rule", "NOPE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule `NOPE`"));
}
