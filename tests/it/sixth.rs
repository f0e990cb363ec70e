//! The sixth document (issue 15), written as one new folder (`tests/sixth/`) beside the seed
//! rules, which it extends without touching, and tested from the clauses its `SOURCE.md`
//! quotes: Jinan's 2019 biomedical policy, and Shanghai's renewable-energy fund (沪发改规范
//! 〔2020〕7号) with its 2022 edition (沪发改规范〔2022〕14号) as a real dated amendment.

use crate::cli::{policy, text};
use std::path::PathBuf;

const DOC: &str = "tests/sixth/";

/// `rules/` and this folder, loaded together: clean, not a warning.
fn program() -> policy_lang::Program {
    let loaded = policy_lang::load(&[PathBuf::from("rules/"), PathBuf::from(DOC)])
        .unwrap_or_else(|e| panic!("rules/ + {DOC} do not load: {e:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.program
}

/// Every rule of `policy` cites, in each of its texts, a clause `SOURCE.md` quotes as `**X**`.
fn cites_are_quoted(program: &policy_lang::Program, policy: usize) {
    let source = std::fs::read_to_string("tests/sixth/SOURCE.md").unwrap();
    let quoted = |id: &str, cite: Option<&String>| {
        let cite = cite.unwrap_or_else(|| panic!("{id} cites nothing"));
        let clause = cite.split([' ', '–']).next().unwrap_or(cite);
        assert!(source.contains(&format!("**{clause}**")), "{id}: `{cite}` is not quoted in SOURCE.md");
    };
    for rule in program.rules.iter().filter(|r| r.policy == policy) {
        quoted(&rule.id, rule.cite.as_ref());
        for text in rule.versions.iter().filter_map(|v| v.text.as_ref()) {
            quoted(&rule.id, text.cite.as_ref());
        }
    }
}

#[test]
fn the_sixth_document_loads_beside_the_seed_rules_clean_with_at_least_15_provisions() {
    let program = &program();
    let jinan = program.policies.iter().position(|p| &*p.id == "jinan_2019").expect("the policy jinan_2019");
    assert_eq!(program.policies[jinan].issuer.as_deref(), Some("济南市人民政府"));
    // A provision is a rule that pays or a cap that bounds (a pool, or a rule's own yearly cap).
    let rules = program.rules.iter().filter(|r| r.policy == jinan).count();
    let caps = program.pools.iter().filter(|p| p.policy == jinan).count();
    assert!(rules >= 11 && rules + caps >= 15, "{rules} rules and {caps} caps");
    // Every rule cites the quoted clause it encodes (SOURCE.md names them A1 … C5).
    cites_are_quoted(program, jinan);
}

#[test]
fn the_sixth_documents_tests_pass_beside_the_seeds_and_exercise_every_rule() {
    let out = policy(&["test", "--coverage", "--facts-root", ".", "rules/", DOC], None);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    let first = report.lines().next().unwrap_or("");
    assert!(first.starts_with("coverage: ") && first.split(' ').nth(1) == first.split(' ').nth(3), "{first}");
    assert!(report.ends_with(" passed, 0 failed\n"), "{report}");
    for file in ["tests/sixth/tests.policy", "tests/sixth/shanghai_re_tests.policy"] {
        let ours = report.lines().filter(|l| l.starts_with("ok") && l.contains(file)).count();
        assert!(ours >= 15, "{ours} tests of {file} passed:\n{report}");
    }
}

#[test]
fn shanghais_fund_and_its_2022_edition_load_beside_the_seeds_as_a_real_dated_amendment() {
    let program = &program();
    let re = program.policies.iter().position(|p| &*p.id == "shanghai_re_2020").expect("the policy shanghai_re_2020");
    assert_eq!(program.policies[re].document.as_deref(), Some("沪发改规范〔2020〕7号"));
    let amendment = program.amendments.iter().find(|a| a.policy == re).expect("an amendment of shanghai_re_2020");
    assert_eq!(amendment.document.as_deref(), Some("沪发改规范〔2022〕14号"));
    assert_eq!(amendment.effective, chrono::NaiveDate::from_ymd_opt(2022, 12, 15).unwrap());
    // The 2022 edition revises the three kWh rewards and adds two provisions; it leaves the
    // policy's validity (the 2020 edition's, to 2028-07-14) alone.
    let how = |rule: &str| amendment.changes.iter().find(|c| c.rule == rule).map(|c| c.how.clone());
    use policy_lang::program::How;
    for rule in ["RE-PV-STATION", "RE-PV-DIST", "RE-PV-SCHOOL"] {
        assert!(matches!(how(rule), Some(How::Replaced(ref kinds)) if kinds.iter().any(|k| k == "reward")), "{rule}");
    }
    for rule in ["RE-BIPV", "RE-WIND-INV"] {
        assert_eq!(how(rule), Some(How::Added), "{rule}");
    }
    assert_eq!(amendment.expires, None);
    // Provisions: the rules and caps, and the values and schedules several rules share.
    let rules = program.rules.iter().filter(|r| r.policy == re).count();
    let caps = program.pools.iter().filter(|p| p.policy == re).count();
    let shared = ["station_2019", "distributed_2019", "school_2019", "pv_thirds", "pv_rate"];
    assert!(shared.iter().all(|n| program.schedules.iter().any(|s| s.name == *n)), "{shared:?}");
    assert_eq!((rules, caps), (6, 1));
    cites_are_quoted(program, re);
    // The clauses SOURCE.md quotes for it (R2 … S13): at least 15, each named by a test.
    let source = std::fs::read_to_string("tests/sixth/SOURCE.md").unwrap();
    let ours = source.split("# The sixth document with a real amendment").nth(1).expect("the Shanghai section");
    let clauses: Vec<&str> =
        ours.lines().filter_map(|l| l.strip_prefix("**")?.split("**").next()).filter(|c| !c.is_empty()).collect();
    let tests = std::fs::read_to_string("tests/sixth/shanghai_re_tests.policy").unwrap();
    assert!(clauses.len() >= 15, "{clauses:?}");
    for clause in &clauses {
        assert!(tests.contains(clause), "clause {clause} is tested nowhere");
    }
}
