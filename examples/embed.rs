//! Embedding policy-lang in another Rust program:
//!
//! 1. [`run`]: load and check rules once, evaluate a fact set, and walk the awards with their
//!    traces.
//! 2. [`run_many`]: one loaded program, many fact sets (here every `*.json` beside the one
//!    given), each on its own date. A `Program` is immutable: load it once and share it.
//!    Its evaluations borrow its rules' names and the facts' entity paths (`Evaluation<'p>`),
//!    so they live no longer than either; keep an evaluation's JSON (`output::json`) to keep
//!    it longer.
//! 3. [`reload_from_ir`]: save the checked program as its JSON IR and load that instead of the
//!    source, as a service that never sees `.policy` files would. The awards are the same.
//! 4. [`summary`]: what else an evaluation says: awards by kind, payers' shares, awards set
//!    aside by 就高不重复 with the award that won, rules that did not apply and why, totals.
//!
//!     cargo run --example embed -- rules/ examples/changzhou_device_maker.json

use policy_lang::facts::Facts;
use policy_lang::ir::{self, IrError};
use policy_lang::output::{self, render_diagnostics, ErrorFormat};
use policy_lang::{load, Award, Entitlement, EntitlementKind, Error, Evaluation, Program};
use std::path::{Path, PathBuf};

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let rules = args.next().unwrap_or_else(|| "rules".into());
    let facts = args.next().unwrap_or_else(|| "examples/changzhou_device_maker.json".into());
    match demo(&rules, &facts) {
        Ok(report) => {
            print!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(Failure::Diagnostics(errors)) => {
            eprint!("{}", render_diagnostics(&errors, ErrorFormat::Human, false));
            std::process::ExitCode::FAILURE
        }
        Err(Failure::Ir(error)) => {
            eprintln!("{:?}", miette::Report::new(error));
            std::process::ExitCode::FAILURE
        }
    }
}

/// What can stop an embedding: the library's diagnostics (every one found), or an IR that
/// does not load. Both are types to match on, not strings.
#[derive(Debug)]
enum Failure {
    Diagnostics(Vec<Error>),
    Ir(IrError),
}

impl From<Vec<Error>> for Failure {
    fn from(errors: Vec<Error>) -> Self {
        Failure::Diagnostics(errors)
    }
}

impl From<IrError> for Failure {
    fn from(error: IrError) -> Self {
        Failure::Ir(error)
    }
}

/// The four parts in turn, as one report.
fn demo(rules: &str, facts_path: &str) -> Result<String, Failure> {
    let mut out = run(rules, facts_path)?;

    let program = load_rules(rules)?;
    let folder = Path::new(facts_path).parent().unwrap_or(Path::new("."));
    let paths = fact_sets(folder)?;
    out.push_str(&format!("\none program, {} fact sets:\n", paths.len()));
    let sets = read_all(&program, &paths)?;
    let evaluations = run_many(&program, &sets)?;
    for (path, evaluation) in &evaluations {
        out.push_str(&format!("{} (as of {}):\n", path.display(), evaluation.as_of));
        out.push_str(&summary(evaluation));
    }

    let reloaded = reload_from_ir(&program)?;
    let sets_again = read_all(&reloaded, &paths)?;
    let again = run_many(&reloaded, &sets_again)?;
    let same = evaluations.iter().zip(&again).all(|((_, a), (_, b))| output::json(a) == output::json(b));
    out.push_str(&format!(
        "\nloaded from the JSON IR ({} rules, no source): {}\n",
        reloaded.rules.len(),
        if same { "the same awards, traces and totals for every fact set" } else { "DIFFERENT results" }
    ));
    Ok(out)
}

/// Returns one line per award, each followed by its trace.
fn run(rules: &str, facts_path: &str) -> Result<String, Vec<Error>> {
    // 1. Load and check the rules (all errors at once; warnings come back with the program).
    let program = load_rules(rules)?;

    // 2. Read a fact set against the program's schema, and 3. evaluate it.
    let facts = read_file(&program, Path::new(facts_path))?;
    let result = evaluate(&program, &facts)?;

    // 4. Walk the awards and their traces.
    let mut out = String::new();
    for award in &result.awards {
        out.push_str(&format!(
            "{} {} [{}] {}\n",
            award.entity,
            award.rule.id,
            award.rule.cite.as_deref().unwrap_or("-"),
            amount(award)
        ));
        for step in &award.trace {
            out.push_str(&format!("    {step}\n"));
        }
    }
    for total in &result.totals {
        out.push_str(&format!("{}: owed {}\n", total.entity, total.owed));
    }
    Ok(out)
}

/// Loads and checks every `.policy` file under `rules`. Warnings (overlapping tiers, say)
/// come back beside the program; a service would log them.
fn load_rules(rules: &str) -> Result<Program, Vec<Error>> {
    let loaded = load(&[PathBuf::from(rules)]).map_err(|e| e.0)?;
    Ok(loaded.program)
}

/// Reads one fact set against the program's schema.
fn read_file(program: &Program, path: &Path) -> Result<Facts, Vec<Error>> {
    let name = path.display().to_string();
    let json =
        std::fs::read_to_string(path).map_err(|e| vec![Error::Io { path: name.clone(), message: e.to_string() }])?;
    program.facts(&name, &json).map_err(|e| e.0)
}

/// Evaluates a fact set on its own date (`as_of` in the JSON), or today.
fn evaluate<'p>(program: &'p Program, facts: &'p Facts) -> Result<Evaluation<'p>, Vec<Error>> {
    let as_of = facts.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    program.evaluate(facts, as_of).map_err(|e| vec![e])
}

/// The `*.json` files in `folder`, in name order.
fn fact_sets(folder: &Path) -> Result<Vec<PathBuf>, Vec<Error>> {
    let io = |e: std::io::Error| vec![Error::Io { path: folder.display().to_string(), message: e.to_string() }];
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads every fact set for the one program. A bad fact set does not stop the others: the
/// errors of all of them come back together.
fn read_all(program: &Program, paths: &[PathBuf]) -> Result<Vec<(PathBuf, Facts)>, Vec<Error>> {
    let mut sets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_file(program, path) {
            Ok(facts) => sets.push((path.clone(), facts)),
            Err(es) => errors.extend(es),
        }
    }
    if errors.is_empty() {
        Ok(sets)
    } else {
        Err(errors)
    }
}

/// Evaluates every fact set with the one program; each evaluation borrows its facts.
fn run_many<'p>(
    program: &'p Program,
    sets: &'p [(PathBuf, Facts)],
) -> Result<Vec<(&'p Path, Evaluation<'p>)>, Vec<Error>> {
    sets.iter().map(|(path, facts)| Ok((path.as_path(), evaluate(program, facts)?))).collect()
}

/// The program as versioned JSON IR, loaded back: what a service would ship instead of the
/// source. Here it goes through a string; in practice, a file (`policy compile --target json`).
fn reload_from_ir(program: &Program) -> Result<Program, IrError> {
    let text: String = ir::to_json(program).to_string();
    ir::read(&text)
}

/// An award's amount as its kind allows: owed, a ceiling, a range, or case by case.
fn amount(award: &Award<'_>) -> String {
    match award.entitlement {
        Entitlement::Exact(x) => format!("{x}"),
        Entitlement::UpTo(x) => format!("up to {x}"),
        Entitlement::Range(lo, hi) => format!("{lo}..{hi}"),
        Entitlement::CaseByCase { .. } => "case by case".into(),
    }
}

/// Everything but the traces: awards counted by kind, payers' shares, exclusions with their
/// winners, rules that did not apply (and one reason), and the totals.
fn summary(evaluation: &Evaluation<'_>) -> String {
    let count = |kind: EntitlementKind| evaluation.awards.iter().filter(|a| a.kind() == kind).count();
    let mut out = format!(
        "  {} awards ({} owed, {} up to, {} range, {} case by case), {} set aside, {} not applicable\n",
        evaluation.awards.len(),
        count(EntitlementKind::Exact),
        count(EntitlementKind::UpTo),
        count(EntitlementKind::Range),
        count(EntitlementKind::CaseByCase),
        evaluation.excluded.len(),
        evaluation.not_applicable.len(),
    );
    for award in evaluation.awards.iter().filter(|a| !a.shares.is_empty()) {
        for share in &award.shares {
            let part = share.amount.map_or("share not stated".to_string(), |a| a.to_string());
            out.push_str(&format!("  {} {}: {} pays {part}\n", award.entity, award.rule.id, share.payer));
        }
    }
    for excluded in &evaluation.excluded {
        let winner = excluded.winner.as_ref().map_or("a count cap".to_string(), ToString::to_string);
        out.push_str(&format!("  set aside: {} {}, {winner} wins\n", excluded.entity, excluded.rule.id));
    }
    if let Some(first) = evaluation.not_applicable.first() {
        out.push_str(&format!(
            "  not applicable, e.g. {} for {}: {}\n",
            first.rule.id,
            first.entity,
            evaluation.reason(first)
        ));
    }
    for total in &evaluation.totals {
        let ceiling = total.ceiling.map_or("unbounded".to_string(), |c| c.to_string());
        out.push_str(&format!(
            "  {}: owed {}, ceiling {ceiling}, {} case by case\n",
            total.entity, total.owed, total.case_by_case
        ));
    }
    out
}

#[test]
fn embedding_evaluates_the_bundled_example() {
    let report = run("rules", "examples/changzhou_device_maker.json").unwrap_or_default();
    assert!(
        report.contains("enterprise.CZMED.devices.DEV-ENDO CZ-03-2a [（三）第2段(a)] up to 2000000.00\n"),
        "{report}"
    );
    assert!(report.contains("    max 2,000,000: 3,000,000 → 2,000,000 (capped)\n"), "{report}");
    assert!(report.contains("enterprise.CZMED: owed 1000000.00"), "{report}");
}

// In a test a panic is how a failed step reports itself.
#[test]
#[allow(clippy::panic)]
fn one_program_evaluates_every_fact_set_and_its_ir_agrees() {
    let program = load_rules("rules").unwrap_or_else(|e| panic!("{e:?}"));
    let paths = fact_sets(Path::new("examples")).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(paths.len() >= 3, "{paths:?}");
    let sets = read_all(&program, &paths).unwrap_or_else(|e| panic!("{e:?}"));

    // (a) One program, many fact sets: each agrees with evaluating it alone.
    let many = run_many(&program, &sets).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(many.len(), paths.len());
    for (path, evaluation) in &many {
        assert!(!evaluation.awards.is_empty(), "{} pays nothing", path.display());
        let facts = read_file(&program, path).unwrap_or_else(|e| panic!("{e:?}"));
        let alone = evaluate(&program, &facts).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(output::json(evaluation), output::json(&alone), "{}", path.display());
    }
    let changzhou = many.iter().find(|(p, _)| p.ends_with("changzhou_device_maker.json"));
    let owed = changzhou.and_then(|(_, e)| e.totals.first()).map(|t| t.owed.to_string());
    assert_eq!(owed.as_deref(), Some("1000000.00"));

    // (b) The IR loads without the source and gives the same awards, traces and totals.
    let reloaded = reload_from_ir(&program).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(reloaded.rules.len(), program.rules.len());
    let sets_again = read_all(&reloaded, &paths).unwrap_or_else(|e| panic!("{e:?}"));
    let again = run_many(&reloaded, &sets_again).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again.len(), many.len());
    for ((path, a), (_, b)) in many.iter().zip(&again) {
        assert_eq!(output::json(a), output::json(b), "{}", path.display());
    }

    // (c) The demo as a whole runs, walks exclusions, and reports the agreement.
    let report = demo("rules", "examples/changzhou_device_maker.json").unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.contains("the same awards, traces and totals for every fact set"), "{report}");
    assert!(report.contains("set aside: enterprise.WXINNO.drugs.FSMP-701 WX-03-5a, wuxi.WX-10"), "{report}");
}
