//! `policy test` on the forms money-history tests need (issue 11): `expect total`, `payer`
//! and `trace` clauses, `expect facts_error`. Each passes in one test of
//! `tests/cli/assertions.policy` and fails, saying what was expected and what was got, in another.

/// The report of `policy test` on the assertions file, which has failing tests on purpose.
fn report() -> String {
    let out = crate::common::policy()
        .args(["test", "tests/cli/assertions.policy"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run policy: {e}"));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The report's lines for the test at `line`: its status line and its failures.
fn block(report: &str, line: u32) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for text in report.lines() {
        match blocks.last_mut() {
            Some(last) if text.starts_with(' ') => last.push_str(&format!("{text}\n")),
            _ => blocks.push(format!("{text}\n")),
        }
    }
    let head = format!("  tests/cli/assertions.policy:{line}  ");
    blocks.into_iter().find(|b| b.contains(&head)).unwrap_or_else(|| panic!("no test at line {line} in:\n{report}"))
}

#[test]
fn every_form_passes_where_it_holds() {
    let report = report();
    for (line, name) in [
        (50, "totals add up an entity's awards and its children's"),
        (68, "shares and trace lines"),
        (82, "facts that do not load"),
    ] {
        assert_eq!(block(&report, line), format!("ok      tests/cli/assertions.policy:{line}  {name}\n"));
    }
    assert!(report.ends_with("3 passed, 4 failed\n"), "{report}");
}

#[test]
fn a_wrong_total_shows_owed_ceiling_and_case_by_case() {
    assert_eq!(
        block(&report(), 60),
        "FAILED  tests/cli/assertions.policy:60  a wrong total
    expect total for enterprise.E1: 150万
        got owed 1,500,000, ceiling 3,000,000, 1 award(s) case by case
    expect total for enterprise.E1.projects.P1: case_by_case
        got owed 200,000, ceiling 200,000, 0 award(s) case by case
    expect total for enterprise.E9: 0
        got no outcome at all (is `enterprise.E9` in the facts?)
"
    );
}

#[test]
fn a_wrong_share_or_trace_shows_the_shares_and_the_trace() {
    assert_eq!(
        block(&report(), 75),
        "FAILED  tests/cli/assertions.policy:75  a wrong share and a missing trace line
    expect SPLIT for enterprise.E1: 100万 payer city 50万 payer district 40万 trace \"capped\"
        got a share of 600,000 for `city` (city 60% = 600,000; district 40% = 400,000)
        got no trace line containing \"capped\"; the trace:
            split: city 60% = 600,000; district 40% = 400,000
    expect LARGE for enterprise.E1.projects.P2: case_by_case max 100万 payer city 50万
        got no amount for `city` (city 50%; district 50%)
"
    );
}

#[test]
fn a_facts_error_that_does_not_happen_fails() {
    assert_eq!(
        block(&report(), 88),
        "FAILED  tests/cli/assertions.policy:88  facts expected not to load that do
    expect facts_error \"missing\"
        got facts that load
"
    );
}

#[test]
fn another_facts_error_fails_with_the_diagnostics_and_nothing_else_is_checked() {
    let block = block(&report(), 94);
    assert!(
        block.starts_with(
            "FAILED  tests/cli/assertions.policy:94  a facts error other than the one expected
    expect facts_error \"unknown field\"
        got other diagnostics:
"
        ),
        "{block}"
    );
    assert!(block.contains("missing fact `x` (money)"), "{block}");
    assert!(
        block.ends_with(
            "    expect SPLIT for enterprise.E1: 100万
        got no evaluation: the facts do not load
"
        ),
        "{block}"
    );
}

#[test]
fn a_total_takes_an_amount_and_a_payer_a_name() {
    let errors = |expect: &str| -> Vec<String> {
        let text = format!("test \"t\" {{\n  {expect}\n}}\n");
        policy_lang::syntax::parse(&text).err().unwrap_or_default().iter().map(|e| e.to_string()).collect()
    };
    assert_eq!(
        errors("expect total for enterprise.E1: not_applicable \"x\""),
        ["expected an amount such as `400万`, `up_to 200万`, `10万..50万` or `case_by_case`, found `not_applicable`"]
    );
    assert_eq!(errors("expect A for enterprise.E1: 5 payer 5"), ["expected a name, found `5`"]);
    assert_eq!(errors("expect total-1 for enterprise.E1: 5 payer city 2 trace \"x\""), Vec::<String>::new());
}
