//! The sixth document (issue 15): Jinan's 2019 biomedical policy, written as one new folder
//! (`tests/sixth/`) beside the seed rules, which it extends without touching, and tested from
//! the clauses its `SOURCE.md` quotes.

use crate::cli::{policy, text};
use std::path::PathBuf;

const DOC: &str = "tests/sixth/";

#[test]
fn the_sixth_document_loads_beside_the_seed_rules_clean_with_at_least_15_provisions() {
    let loaded = policy_lang::load(&[PathBuf::from("rules/"), PathBuf::from(DOC)])
        .unwrap_or_else(|e| panic!("rules/ + {DOC} do not load: {e:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let program = &loaded.program;
    let jinan = program.policies.iter().position(|p| p.id == "jinan_2019").expect("the policy jinan_2019");
    assert_eq!(program.policies[jinan].issuer.as_deref(), Some("济南市人民政府"));
    // A provision is a rule that pays or a cap that bounds (a pool, or a rule's own yearly cap).
    let rules = program.rules.iter().filter(|r| r.policy == jinan).count();
    let caps = program.pools.iter().filter(|p| p.policy == jinan).count();
    assert!(rules >= 11 && rules + caps >= 15, "{rules} rules and {caps} caps");
    // Every rule cites the quoted clause it encodes (SOURCE.md names them A1 … C5).
    let source = std::fs::read_to_string("tests/sixth/SOURCE.md").unwrap();
    for rule in program.rules.iter().filter(|r| r.policy == jinan) {
        let cite = rule.cite.as_deref().unwrap_or_else(|| panic!("{} cites nothing", rule.id));
        let clause = cite.split([' ', '–']).next().unwrap_or(cite);
        assert!(source.contains(&format!("**{clause}**")), "{}: `{cite}` is not quoted in SOURCE.md", rule.id);
    }
}

#[test]
fn the_sixth_documents_tests_pass_beside_the_seeds_and_exercise_every_rule() {
    let out = policy(&["test", "--coverage", "--facts-root", ".", "rules/", DOC], None);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    let first = report.lines().next().unwrap_or("");
    assert!(first.starts_with("coverage: ") && first.split(' ').nth(1) == first.split(' ').nth(3), "{first}");
    assert!(report.ends_with(" passed, 0 failed\n"), "{report}");
    let ours = report.lines().filter(|l| l.starts_with("ok") && l.contains("tests/sixth/tests.policy")).count();
    assert!(ours >= 15, "{ours} Jinan tests passed:\n{report}");
}
