//! `policy test`: runs the cases written next to the rules. Each test evaluates its facts on
//! its date and checks every `expect` against the award, exclusion or reason found, every
//! `expect total` against the sum of an entity's awards, and every `expect facts_error`
//! against the diagnostics of facts that must not load.

use crate::amounts::money;
use crate::ast::{Amount, AwardClause, ExpectTotal, Outcome, TestFacts};
use crate::eval::{Award, Evaluation, Total};
use crate::facts::Facts;
use crate::i18n::{with_lang, Lang};
use crate::io::{read_text, MAX_FACTS_BYTES};
use crate::output::{escape, render_diagnostics, ErrorFormat};
use crate::program::{Entitlement, Program, RuleName, Test, TestCase};
use crate::t;
use chrono::NaiveDate;
use rust_decimal::Decimal;
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

/// Runs every test of the program, in source order; each test's `facts "…"` file must be in
/// its own folder or below it.
pub fn run(program: &Program) -> Vec<TestResult> {
    run_with(program, None)
}

/// [`run`]; with a `root`, a test's facts files may be anywhere below that folder instead.
pub fn run_with(program: &Program, root: Option<&Path>) -> Vec<TestResult> {
    program.tests.iter().map(|case| run_one(program, case, root)).collect()
}

/// Runs one test of the program (the REPL runs a test as soon as it is typed).
pub fn run_one(program: &Program, case: &TestCase, root: Option<&Path>) -> TestResult {
    let test = &case.test;
    let source = program.sources.get(test.source);
    let at = source.map_or(String::new(), |s| {
        let (line, _) = s.line_col(test.span.start);
        format!("{}:{line}", s.name)
    });
    let loaded = load(program, test, source.map(|s| s.name.as_str()).unwrap_or(""), root);
    // The evaluation borrows the facts loaded.
    let evaluated = loaded.as_ref().map(|(facts, as_of)| program.evaluate(facts, *as_of));
    let failures = match (evaluated, case.facts_errors.is_empty()) {
        (Ok(Ok(evaluation)), true) => {
            let rules = test.expects.iter().filter_map(|e| check(program, &evaluation, e));
            rules.chain(case.totals.iter().filter_map(|t| check_total(&evaluation, t))).collect()
        }
        (Ok(Ok(_)), false) => case
            .facts_errors
            .iter()
            .map(|text| {
                format!(
                    "{}\n    {}",
                    expect_line(format!("expect facts_error {text:?}")),
                    t!("test-got-facts-that-load")
                )
            })
            .collect(),
        (Ok(Err(e)), _) => vec![e.to_string()],
        (Err(NotRun::Facts(errors)), false) => facts_errors(program, case, errors),
        (Err(NotRun::Facts(errors)), true) => vec![render_diagnostics(errors, ErrorFormat::Plain, false)],
        (Err(NotRun::Other(why)), _) => vec![why.clone()],
    };
    TestResult { name: test.name.clone(), at, failures }
}

/// Why a test could not be evaluated: its facts did not load (what `expect facts_error`
/// looks for), or anything else.
enum NotRun {
    /// The facts were read but do not load: their diagnostics.
    Facts(Vec<crate::Error>),
    /// No facts, a file that cannot be read, no date, an arithmetic error.
    Other(String),
}

impl From<String> for NotRun {
    fn from(why: String) -> Self {
        NotRun::Other(why)
    }
}

impl From<&str> for NotRun {
    fn from(why: &str) -> Self {
        NotRun::Other(why.to_string())
    }
}

/// The facts did not load, as expected: each text must be in their diagnostics, and the
/// test's other expectations cannot be checked without an evaluation.
fn facts_errors(program: &Program, case: &TestCase, errors: &[crate::Error]) -> Vec<String> {
    let rendered = render_diagnostics(errors, ErrorFormat::Plain, false);
    let diagnostics: String = rendered.lines().map(|l| format!("\n        {l}").trim_end().to_string()).collect();
    let missing = case
        .facts_errors
        .iter()
        .filter(|text| !in_any_language(|| render_diagnostics(errors, ErrorFormat::Plain, false), text))
        .map(|text| {
            let expect = expect_line(format!("expect facts_error {text:?}"));
            format!("{expect}\n    {}{diagnostics}", t!("test-got-other-diagnostics"))
        });
    let rules = case.test.expects.iter().map(|e| {
        let rule = program.rules.get(e.rule).map_or("", |r| r.id.as_str());
        expect_line(format!("expect {rule} for {}: {}", e.entity, e.outcome))
    });
    let totals = case.totals.iter().map(|t| expect_line(format!("expect total for {}: {}", t.entity.node, t.amount)));
    let unchecked = rules.chain(totals).map(|e| format!("{e}\n    {}", t!("test-got-no-evaluation")));
    missing.chain(unchecked).collect()
}

/// Loads the test's facts, and the date to evaluate them on.
fn load(program: &Program, test: &Test, file: &str, root: Option<&Path>) -> Result<(Facts, NaiveDate), NotRun> {
    let (name, json) = match &test.facts {
        None => return Err(t!("test-no-facts").into()),
        Some(TestFacts::Inline(json)) => (format!("{file} (test facts)"), json.clone()),
        Some(TestFacts::File(path)) => {
            let folder = Path::new(file).parent().unwrap_or(Path::new(""));
            let full = folder.join(path);
            confined(root.unwrap_or(folder), &full, path)?;
            let json = read_text(&full, MAX_FACTS_BYTES).map_err(|e| e.to_string())?;
            (full.display().to_string(), json)
        }
    };
    let facts = program.facts(&name, &json).map_err(|errors| NotRun::Facts(errors.0))?;
    // The test's date wins over its facts' (as `dates::evaluation_date` decides), but a test
    // must not depend on the day it runs: with neither, it is an error rather than today.
    let as_of = test.as_of.or(facts.as_of).ok_or_else(|| t!("test-no-as-of"))?;
    Ok((facts, as_of))
}

/// Refuses a facts file outside `folder` (the test file's, or the one the user named): tests
/// from elsewhere must not read, and echo in their report, any file the user can read.
fn confined(folder: &Path, full: &Path, written: &str) -> Result<(), String> {
    let outside = || {
        format!(
            "cannot read `{written}`: a test's facts must be in the folder `{}` or below it (`policy test --facts-root <folder>` widens it)",
            folder.display()
        )
    };
    let folder = std::fs::canonicalize(if folder.as_os_str().is_empty() { Path::new(".") } else { folder });
    let real = std::fs::canonicalize(full);
    match (folder, real) {
        (Ok(folder), Ok(real)) if real.starts_with(&folder) => Ok(()),
        (Ok(_), Ok(_)) => Err(outside()),
        // Not there: say so plainly, unless the path plainly leaves the folder.
        _ if Path::new(written).is_absolute() || written.split(['/', '\\']).any(|part| part == "..") => Err(outside()),
        _ => Ok(()),
    }
}

/// `None` when the expectation holds; otherwise what was expected and what happened.
fn check(program: &Program, evaluation: &Evaluation<'_>, expect: &crate::program::Expect) -> Option<String> {
    let rule = program.rules.get(expect.rule)?;
    let matches = |r: &RuleName, e: &str| r.index == expect.rule && e == expect.entity;
    let award = evaluation.awards.iter().find(|a| matches(a.rule, a.entity));
    let not_applicable = evaluation.not_applicable.iter().find(|n| matches(n.rule, n.entity));
    let excluded = evaluation.excluded.iter().find(|x| matches(x.rule, x.entity));

    let held = match (&expect.outcome, award) {
        (Outcome::Award(amount, _), Some(a)) => award_is(amount, a),
        (Outcome::NotApplicable(text), _) => {
            not_applicable.is_some_and(|n| in_any_language(|| evaluation.reason(n), text))
        }
        (Outcome::Excluded(text), _) => excluded.is_some_and(|x| in_any_language(|| x.reason(), text)),
        (Outcome::Award(..), None) => false,
    };
    let expected = expect_line(format!("expect {} for {}: {}", rule.id, expect.entity, expect.outcome));
    if held {
        let (Outcome::Award(_, clauses), Some(a)) = (&expect.outcome, award) else { return None };
        let unmet: Vec<String> = clauses
            .iter()
            .filter_map(|c| unmet(c, a))
            .map(|got| format!("\n    {}", t!("test-got", got = got)))
            .collect();
        return (!unmet.is_empty()).then(|| format!("{expected}{}", unmet.concat()));
    }
    let got = match (award, not_applicable, excluded) {
        (Some(a), _, _) => {
            // As an `expect` would write it, in the reader's keywords.
            let word = |en| crate::syntax::keyword_in(en, crate::i18n::lang());
            let amount = match a.entitlement {
                Entitlement::Exact(x) => money(x),
                Entitlement::UpTo(x) => format!("{} {}", word("up_to"), money(x)),
                Entitlement::Range(lo, hi) => format!("{}..{}", money(lo), money(hi)),
                Entitlement::CaseByCase { cap: Some(m), .. } => {
                    format!("{} {} {}", word("case_by_case"), word("max"), money(m))
                }
                Entitlement::CaseByCase { cap: None, .. } => word("case_by_case").to_string(),
            };
            let trace: Vec<String> = a.trace.iter().map(|t| format!("\n        {t}")).collect();
            format!("{}{}", t!("test-an-award-of", amount = amount), trace.concat())
        }
        (None, Some(n), _) => t!("test-not-applicable", reason = evaluation.reason(n)),
        (None, None, Some(x)) => t!("test-excluded", reason = x.reason()),
        (None, None, None) => t!("test-no-outcome-for-rule", entity = expect.entity.as_str(), rule = rule.id.as_str()),
    };
    Some(format!("{expected}\n    {}", t!("test-got", got = got)))
}

/// True when the award is of this kind and amount.
fn award_is(amount: &Amount, a: &Award<'_>) -> bool {
    match (amount, &a.entitlement) {
        (Amount::Exact(n), Entitlement::Exact(x)) | (Amount::UpTo(n), Entitlement::UpTo(x)) => n.value == *x,
        (Amount::Range(lo, hi), Entitlement::Range(l, h)) => lo.value == *l && hi.value == *h,
        (Amount::CaseByCase(max), Entitlement::CaseByCase { cap, .. }) => max.as_ref().map(|m| m.value) == *cap,
        _ => false,
    }
}

/// `None` when the clause holds of the award; otherwise what the award shows instead.
fn unmet(clause: &AwardClause, award: &Award<'_>) -> Option<String> {
    match clause {
        AwardClause::Payer(payer, share) => {
            let found = award.shares.iter().find(|s| s.payer == payer.node);
            if found.is_some_and(|s| s.amount == Some(share.value)) {
                return None;
            }
            let shares: Vec<String> = award
                .shares
                .iter()
                .map(|s| match (s.rate, s.amount) {
                    (Some(rate), Some(amount)) => {
                        format!("{} {} = {}", s.payer, crate::amounts::rate(rate), money(amount))
                    }
                    (Some(rate), None) => format!("{} {}", s.payer, crate::amounts::rate(rate)),
                    (None, _) => t!("split-share-not-stated", payer = s.payer.to_string()),
                })
                .collect();
            // The checker makes sure the split names the payer; an amount may still be unknown.
            Some(match found.and_then(|s| s.amount) {
                Some(amount) => t!(
                    "test-a-share-of",
                    amount = money(amount),
                    payer = payer.node.as_str(),
                    shares = shares.join(&t!("clause-separator"))
                ),
                None => {
                    t!("test-no-amount-for", payer = payer.node.as_str(), shares = shares.join(&t!("clause-separator")))
                }
            })
        }
        AwardClause::Trace(text) => {
            if award.trace.iter().any(|step| in_any_language(|| step.to_string(), text)) {
                return None;
            }
            let lines: String = award.trace.iter().map(|l| format!("\n        {l}")).collect();
            Some(format!("{}{lines}", t!("test-no-trace-line", text = format!("{:?}", text.node))))
        }
    }
}

/// `None` when the entity's total is as expected; otherwise what it is.
fn check_total(evaluation: &Evaluation<'_>, expect: &ExpectTotal) -> Option<String> {
    let expected = expect_line(format!("expect total for {}: {}", expect.entity.node, expect.amount));
    let total = match total_of(evaluation, &expect.entity) {
        Ok(total) => total,
        Err(why) => return Some(format!("{expected}\n    {}", t!("test-got", got = why))),
    };
    let ceiling_is = |n: Decimal| total.ceiling == Some(n);
    let held = match &expect.amount {
        Amount::Exact(n) => total.owed == n.value && ceiling_is(n.value) && total.case_by_case == 0,
        Amount::UpTo(n) => ceiling_is(n.value),
        Amount::Range(lo, hi) => total.owed == lo.value && ceiling_is(hi.value),
        Amount::CaseByCase(max) => total.case_by_case > 0 && max.as_ref().is_none_or(|m| ceiling_is(m.value)),
    };
    if held {
        return None;
    }
    let ceiling = total.ceiling.map_or_else(|| t!("total-unbounded"), money);
    let got = t!("test-total", owed = money(total.owed), ceiling = ceiling, case_by_case = total.case_by_case);
    Some(format!("{expected}\n    {}", t!("test-got", got = got)))
}

/// An entity's total: the evaluation's own for a top-level entity; below that, its awards
/// and its children's added up the way `eval` adds a top-level total (owed, ceiling, how
/// many case by case), since `eval` keeps totals for top-level entities only.
fn total_of<'a>(evaluation: &Evaluation<'a>, entity: &'a str) -> Result<Total<'a>, String> {
    if let Some(total) = evaluation.totals.iter().find(|t| t.entity == entity) {
        return Ok(total.clone());
    }
    let mine = evaluation.only(entity);
    if mine.awards.is_empty() && mine.not_applicable.is_empty() && mine.excluded.is_empty() {
        return Err(t!("test-no-outcome", entity = entity));
    }
    let mut total = Total::empty(entity);
    for award in &mine.awards {
        total.add(award).map_err(|e| e.to_string())?;
    }
    Ok(total)
}

/// The rules no test names, as `policy.rule`.
pub fn uncovered(program: &Program) -> Vec<String> {
    let mut named = vec![false; program.rules.len()];
    for expect in program.tests.iter().flat_map(|t| &t.test.expects) {
        if let Some(flag) = named.get_mut(expect.rule) {
            *flag = true;
        }
    }
    program
        .rules
        .iter()
        .zip(named)
        .filter(|(_, named)| !named)
        .map(|(r, _)| format!("{}.{}", program.policies.get(r.policy).map_or("", |p| &*p.id), r.id))
        .collect()
}

/// The human report: a line per test, failures in full, and `N passed, N failed` last.
pub fn report(results: &[TestResult]) -> String {
    let mut out = String::new();
    for r in results {
        let status = if r.passed() { t!("test-ok") } else { t!("test-failed") };
        out.push_str(&format!("{status}  {}  {}\n", escape(&r.at), escape(&r.name)));
        for failure in &r.failures {
            for line in failure.lines() {
                out.push_str(&format!("    {}\n", escape(line)));
            }
        }
    }
    let passed = results.iter().filter(|r| r.passed()).count();
    out.push_str(&t!("test-summary", passed = passed, failed = results.len() - passed));
    out.push('\n');
    out
}

/// True when `text` is in what `words` says in any language: an `expect` written in English
/// or in Chinese holds whichever language the report is in.
fn in_any_language(words: impl Fn() -> String, text: &str) -> bool {
    Lang::ALL.iter().any(|&lang| with_lang(lang, &words).contains(text))
}

/// An `expect` line as the report quotes it, in the reader's keywords (`期望 … 适用于 …`).
fn expect_line(line: String) -> String {
    match crate::i18n::lang() {
        Lang::En => line,
        lang => crate::syntax::expect_in(&line, lang),
    }
}
