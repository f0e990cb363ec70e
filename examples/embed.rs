//! Embedding policy-lang in another Rust program: load and check rules once, evaluate a
//! fact set, and walk the awards with their traces.
//!
//!     cargo run --example embed -- rules/ examples/changzhou_device_maker.json

use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{load, EntitlementKind};
use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let rules = args.next().unwrap_or_else(|| "rules".into());
    let facts = args.next().unwrap_or_else(|| "examples/changzhou_device_maker.json".into());
    match run(&rules, &facts) {
        Ok(report) => {
            print!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!("{}", render_diagnostics(&errors, ErrorFormat::Human, false));
            std::process::ExitCode::FAILURE
        }
    }
}

/// Returns one line per award, each followed by its trace.
fn run(rules: &str, facts_path: &str) -> Result<String, Vec<policy_lang::Error>> {
    // 1. Load and check the rules (all errors at once; warnings come back with the program).
    let loaded = load(&[PathBuf::from(rules)]).map_err(|e| e.0)?;
    let program = loaded.program;

    // 2. Read a fact set against the program's schema.
    let json = std::fs::read_to_string(facts_path)
        .map_err(|e| vec![policy_lang::Error::Io { path: facts_path.into(), message: e.to_string() }])?;
    let facts = program.facts(facts_path, &json).map_err(|e| e.0)?;

    // 3. Evaluate on the facts' own date (or pick one).
    let as_of = facts.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let result = program.evaluate(&facts, as_of).map_err(|e| vec![e])?;

    // 4. Walk the awards and their traces.
    let mut out = String::new();
    for award in &result.awards {
        let amount = match award.kind {
            EntitlementKind::Exact => format!("{}", award.amount.unwrap_or_default()),
            EntitlementKind::UpTo => format!("up to {}", award.max.unwrap_or_default()),
            EntitlementKind::Range => format!("{}..{}", award.min.unwrap_or_default(), award.max.unwrap_or_default()),
            EntitlementKind::CaseByCase => "case by case".into(),
        };
        out.push_str(&format!(
            "{} {} [{}] {}\n",
            award.entity,
            award.rule,
            award.cite.as_deref().unwrap_or("-"),
            amount
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
