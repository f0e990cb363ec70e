//! `policy test`: runs the cases written next to the rules. Each test evaluates its facts on
//! its date and checks every `expect` against the award, exclusion or reason found.

use crate::amounts::money;
use crate::ast::{Outcome, TestFacts};
use crate::eval::Evaluation;
use crate::output::{render_diagnostics, ErrorFormat};
use crate::program::{EntitlementKind, Program, Test};
use serde::Serialize;
use std::path::Path;

/// The result of one test.
#[derive(Clone, Debug, Serialize)]
pub struct TestResult {
    /// The test's name as written.
    pub name: String,
    /// `file:line` of the test.
    pub at: String,
    /// One message per unmet expectation (or why the test could not run); empty if it passed.
    pub failures: Vec<String>,
}

impl TestResult {
    /// True when every expectation was met.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every test of the program, in source order.
pub fn run(program: &Program) -> Vec<TestResult> {
    program.tests.iter().map(|test| run_one(program, test)).collect()
}

/// Runs one test of the program (the REPL runs a test as soon as it is typed).
pub fn run_one(program: &Program, test: &Test) -> TestResult {
    let source = program.sources.get(test.source);
    let at = source.map_or(String::new(), |s| {
        let (line, _) = s.line_col(test.span.start);
        format!("{}:{line}", s.name)
    });
    let failures = match evaluate(program, test, source.map(|s| s.name.as_str()).unwrap_or("")) {
        Ok(evaluation) => test.expects.iter().filter_map(|e| check(program, &evaluation, e)).collect(),
        Err(why) => vec![why],
    };
    TestResult { name: test.name.clone(), at, failures }
}

/// Loads the test's facts and evaluates them on its date.
fn evaluate(program: &Program, test: &Test, file: &str) -> Result<Evaluation, String> {
    let (name, json) = match &test.facts {
        None => return Err("the test gives no `facts`".into()),
        Some(TestFacts::Inline(json)) => (format!("{file} (test facts)"), json.clone()),
        Some(TestFacts::File(path)) => {
            let full = Path::new(file).parent().unwrap_or(Path::new("")).join(path);
            let json = std::fs::read_to_string(&full).map_err(|e| format!("cannot read `{}`: {e}", full.display()))?;
            (full.display().to_string(), json)
        }
    };
    let facts = program.facts(&name, &json).map_err(|errors| render_diagnostics(&errors, ErrorFormat::Plain, false))?;
    let as_of = test.as_of.or(facts.as_of).ok_or("the test gives no `as_of`, and neither do its facts")?;
    program.evaluate(&facts, as_of).map_err(|e| e.to_string())
}

/// `None` when the expectation holds; otherwise what was expected and what happened.
fn check(program: &Program, evaluation: &Evaluation, expect: &crate::program::Expect) -> Option<String> {
    let rule = program.rules.get(expect.rule)?;
    let policy = program.policies.get(rule.policy).map_or("", |p| p.id.as_str());
    let matches = |p: &str, r: &str, e: &str| p == policy && r == rule.id && e == expect.entity;
    let award = evaluation.awards.iter().find(|a| matches(&a.policy, &a.rule, &a.entity));
    let not_applicable = evaluation.not_applicable.iter().find(|n| matches(&n.policy, &n.rule, &n.entity));
    let excluded = evaluation.excluded.iter().find(|x| matches(&x.policy, &x.rule, &x.entity));

    let held = match (&expect.outcome, award) {
        (Outcome::Exact(n), Some(a)) => a.kind == EntitlementKind::Exact && a.amount == Some(n.value),
        (Outcome::UpTo(n), Some(a)) => a.kind == EntitlementKind::UpTo && a.max == Some(n.value),
        (Outcome::Range(lo, hi), Some(a)) => {
            a.kind == EntitlementKind::Range && a.min == Some(lo.value) && a.max == Some(hi.value)
        }
        (Outcome::CaseByCase(max), Some(a)) => {
            a.kind == EntitlementKind::CaseByCase && a.max == max.as_ref().map(|m| m.value)
        }
        (Outcome::NotApplicable(text), _) => not_applicable.is_some_and(|n| n.reason.contains(text.as_str())),
        (Outcome::Excluded(text), _) => excluded.is_some_and(|x| x.reason.contains(text.as_str())),
        (_, None) => false,
    };
    if held {
        return None;
    }
    let got = match (award, not_applicable, excluded) {
        (Some(a), _, _) => {
            let amount = match a.kind {
                EntitlementKind::Exact => a.amount.map_or("?".into(), money),
                EntitlementKind::UpTo => format!("up_to {}", a.max.map_or("?".into(), money)),
                EntitlementKind::Range => {
                    format!("{}..{}", a.min.map_or("?".into(), money), a.max.map_or("?".into(), money))
                }
                EntitlementKind::CaseByCase => match a.max {
                    Some(m) => format!("case_by_case max {}", money(m)),
                    None => "case_by_case".into(),
                },
            };
            let trace: Vec<String> = a.trace.iter().map(|t| format!("\n        {t}")).collect();
            format!("an award of {amount}{}", trace.concat())
        }
        (None, Some(n), _) => format!("not applicable: {}", n.reason),
        (None, None, Some(x)) => format!("excluded: {}", x.reason),
        (None, None, None) => {
            format!("no outcome at all (is `{}` in the facts, and is `{}` for its kind?)", expect.entity, rule.id)
        }
    };
    Some(format!("expect {} for {}: {}\n    got {got}", rule.id, expect.entity, expect.outcome))
}

/// The rules no test names, as `policy.rule`.
pub fn uncovered(program: &Program) -> Vec<String> {
    let mut named = vec![false; program.rules.len()];
    for expect in program.tests.iter().flat_map(|t| &t.expects) {
        if let Some(flag) = named.get_mut(expect.rule) {
            *flag = true;
        }
    }
    program
        .rules
        .iter()
        .zip(named)
        .filter(|(_, named)| !named)
        .map(|(r, _)| format!("{}.{}", program.policies.get(r.policy).map_or("", |p| p.id.as_str()), r.id))
        .collect()
}

/// The human report: a line per test, failures in full, and `N passed, N failed` last.
pub fn report(results: &[TestResult]) -> String {
    let mut out = String::new();
    for r in results {
        let status = if r.passed() { "ok    " } else { "FAILED" };
        out.push_str(&format!("{status}  {}  {}\n", r.at, r.name));
        for failure in &r.failures {
            for line in failure.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    let passed = results.iter().filter(|r| r.passed()).count();
    out.push_str(&format!("{passed} passed, {} failed\n", results.len() - passed));
    out
}
