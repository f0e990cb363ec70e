//! One-line helpers: a shared test schema, and `eval_one` to evaluate a reward on one entity.

use chrono::NaiveDate;
use policy_lang::{compile, Award, Evaluation, Source};
use rust_decimal::Decimal;

/// A schema and policy header that the amount tests share.
pub const PRELUDE: &str = r#"
schema {
  enum phase { preclinical, I, II, III }
  enum level { national, provincial }
  entity enterprise {
    rd_cost?: money
    capital?: money
    investment?: money
    equipment?: money
    funds?: money
    salary?: money
    items?: count
    level?: level
    phase?: phase
    local?: bool
    since?: date
    event?: date
    drugs: [drug]
  }
  entity drug {
    phase: phase
    rd_cost: money
    approved: date
  }
}
policy test {
  issued 2023-01-01
  effective on_issue
  expires 2025-12-31
}
"#;

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|_| panic!("bad decimal in test: {s}"))
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date in test: {s}"))
}

/// `value` (a program, a fact set) kept for the rest of the test run: an evaluation borrows
/// its program's names and its facts' entity paths, and the helpers here hand back the
/// evaluation alone.
pub fn kept<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// Evaluates `rules` (after the prelude) against `facts` on 2024-06-30.
pub fn run(rules: &str, facts: &str) -> Evaluation<'static> {
    run_on(rules, facts, "2024-06-30")
}

/// Evaluates `rules` (after the prelude) against `facts` on the date `as_of`.
pub fn run_on(rules: &str, facts: &str, as_of: &str) -> Evaluation<'static> {
    let source = Source::new("test.policy", format!("{PRELUDE}{rules}"));
    let program = kept(compile(vec![source]).unwrap_or_else(|e| panic!("rules do not compile: {e:#?}")).program);
    let facts = kept(program.facts("facts.json", facts).unwrap_or_else(|e| panic!("facts rejected: {e:#?}")));
    program.evaluate(facts, date(as_of)).unwrap_or_else(|e| panic!("evaluation failed: {e}"))
}

/// One enterprise `E1` with the given JSON fields (no drugs).
pub fn enterprise(fields: &str) -> String {
    let sep = if fields.trim().is_empty() { "" } else { ", " };
    format!(r#"{{"enterprise": [{{"id": "E1", "drugs": []{sep}{fields}}}]}}"#)
}

/// A rule's clauses with the date and frequency every rule must state, where the test does
/// not state its own: judged on the evaluation date, paying every time (no ledger involved).
pub fn stated(clauses: &str) -> String {
    let words: Vec<&str> = clauses.split_whitespace().collect();
    let on = if words.contains(&"on") { "" } else { "on as_of\n  " };
    let often =
        if words.iter().any(|w| ["once", "yearly", "every_event"].contains(w)) { "" } else { "\n  every_event" };
    format!("{on}{clauses}{often}")
}

/// The single outcome of `reward <amount>` (with extra clauses) for an enterprise with
/// `fields`: the award, or why there is none.
pub fn outcome(clauses: &str, fields: &str) -> Result<Award<'static>, String> {
    let result = run(&format!("rule R for enterprise {{\n  {}\n}}\n", stated(clauses)), &enterprise(fields));
    match (result.awards.as_slice(), result.not_applicable.as_slice()) {
        ([award], []) => Ok(award.clone()),
        ([], [na]) => Err(result.reason(na)),
        _ => panic!("expected exactly one outcome, got {result:#?}"),
    }
}

/// The award for `reward <amount>`, failing the test if the rule does not apply.
pub fn award(amount: &str, fields: &str) -> Award<'static> {
    outcome(&format!("reward {amount}"), fields).unwrap_or_else(|why| panic!("not applicable: {why}"))
}

/// Why `reward <amount>` does not apply.
pub fn reason(clauses: &str, fields: &str) -> String {
    match outcome(clauses, fields) {
        Ok(award) => panic!("expected no award, got {award:#?}"),
        Err(why) => why,
    }
}

/// Runs `assert` with insta writing its snapshot beside `input` (`foo.policy` →
/// `foo.policy.snap`), as starlark keeps a case and its golden together.
pub fn beside(input: &std::path::Path, assert: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(input.parent().unwrap_or(input));
    settings.set_prepend_module_to_snapshot(false);
    settings.remove_snapshot_suffix();
    settings.set_omit_expression(true);
    settings.bind(assert);
}

/// `dir/foo.policy` → `foo.policy`: the name of a snapshot kept beside its input.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string()
}

/// The `policy` binary, with its messages in English whatever the developer's locale (a test
/// that wants Chinese says `--lang zh` or sets `POLICY_LANG` itself), and its tables as wide
/// as they need whatever `COLUMNS` the shell exports.
pub fn policy() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_policy"));
    command.env("POLICY_LANG", "en").env_remove("COLUMNS");
    command
}
