//! One rule, one enterprise at a time, in one process: policy-lang's public API beside an
//! enum-AST walker over `Decimal` (the floor for an interpreter), cel (`cel-interpreter`) and
//! Rhai. The rule is Changzhou's R&D subsidy in shape (`benches/openfisca/rd_subsidy.policy`):
//! 20% of the R&D cost, at most 400万, to the fen. Each engine compiles the rule once and then
//! evaluates it for a new fact each time, as a population run does; the facts are already
//! parsed (reading them is measured in docs/performance.md). cel and Rhai compute in `f64`:
//! they are here for speed, not for exactness.
//!
//!     cargo bench --bench peers
//!
//! `cargo bench --bench peers -- --profile` runs only `evaluate_awards_into`, 64 times over
//! the facts, without timing: a short run to count its instructions under callgrind.
//!
//! `evaluate_awards_into` is the same evaluation into one `Evaluation` kept between calls, as a
//! batch worker runs it. Prints nanoseconds per evaluation (the fastest of several timed
//! rounds, steadier than the mean on a shared machine) and the ratios the issue asks about.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use chrono::NaiveDate;
use policy_lang::{compile, Program, Source};
use rust_decimal::{Decimal, RoundingStrategy};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The allocator the `policy` binary uses (as in `benches/evaluate.rs`), so the figures are
/// the binary's; the peers run under it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// R&D costs, in yuan and fen, some past the cap: the facts each evaluation is given in turn.
fn costs() -> Vec<Decimal> {
    let mut seed: u64 = 2;
    (0..1024)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            Decimal::new(i64::try_from((seed >> 33) % 5_000_000_000).unwrap_or(0), 2)
        })
        .collect()
}

/// The enum-AST walker: what an interpreter without explanations, checks or results to build
/// costs at least.
enum Expr {
    Fact(usize),
    Lit(Decimal),
    Mul(Box<Expr>, Box<Expr>),
    Min(Box<Expr>, Box<Expr>),
}

fn walk(e: &Expr, facts: &[Decimal]) -> Option<Decimal> {
    Some(match e {
        Expr::Fact(i) => *facts.get(*i)?,
        Expr::Lit(d) => *d,
        Expr::Mul(a, b) => walk(a, facts)?.checked_mul(walk(b, facts)?)?,
        Expr::Min(a, b) => walk(a, facts)?.min(walk(b, facts)?),
    })
}

/// Runs `f` over every input, in rounds of about 50 ms; the fastest round's time per call.
fn time<'a, T>(inputs: &'a [T], mut f: impl FnMut(&'a T) -> Decimal) -> f64 {
    let mut per_round = 1;
    loop {
        let started = Instant::now();
        for _ in 0..per_round {
            for input in inputs {
                black_box(f(black_box(input)));
            }
        }
        if started.elapsed() > Duration::from_millis(50) {
            break;
        }
        per_round *= 2;
    }
    let calls = (per_round * inputs.len()) as f64;
    (0..15)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..per_round {
                for input in inputs {
                    black_box(f(black_box(input)));
                }
            }
            started.elapsed().as_nanos() as f64 / calls
        })
        .fold(f64::INFINITY, f64::min)
}

fn policy_program() -> Program {
    let text = std::fs::read_to_string("benches/openfisca/rd_subsidy.policy").expect("the rule");
    compile(vec![Source::new("rd_subsidy.policy", text)]).expect("compiles").program
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or `--test` run (cargo test --benches) has
    // nothing to do here.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let costs = costs();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let fen = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);

    let rule = Expr::Min(
        Box::new(Expr::Mul(Box::new(Expr::Lit(Decimal::new(20, 2))), Box::new(Expr::Fact(0)))),
        Box::new(Expr::Lit(Decimal::new(4_000_000, 0))),
    );
    let walker = time(&costs, |c| fen(walk(&rule, &[*c]).unwrap()));

    let program = policy_program();
    // The facts as the reader leaves them, one fact set per cost (reading is not timed).
    let facts: Vec<_> = costs
        .iter()
        .map(|c| program.facts("bench", &format!(r#"{{"enterprise": [{{"id": "E1", "rd_cost": {c}}}]}}"#)).unwrap())
        .collect();
    let amount = |e: policy_lang::Evaluation| e.awards.first().and_then(|a| a.amount()).unwrap();
    // The same answers as the walker, to the fen.
    for (c, f) in costs.iter().zip(&facts) {
        assert_eq!(amount(program.evaluate_awards(f, as_of).unwrap()), fen(walk(&rule, &[*c]).unwrap()));
    }
    if std::env::args().any(|a| a == "--profile") {
        let mut reused = policy_lang::Evaluation::default();
        for _ in 0..64 {
            for f in &facts {
                program.evaluate_awards_into(f, as_of, &mut reused).unwrap();
                black_box(&reused);
            }
        }
        return;
    }
    let awards = time(&facts, |f| amount(program.evaluate_awards(f, as_of).unwrap()));
    let explained = time(&facts, |f| amount(program.evaluate(f, as_of).unwrap()));
    // One evaluation refilled call after call, as a batch worker does: no result to drop.
    let mut reused = policy_lang::Evaluation::default();
    let into = time(&facts, |f| {
        program.evaluate_awards_into(f, as_of, &mut reused).unwrap();
        reused.awards.first().and_then(|a| a.amount()).unwrap()
    });

    let cel_program = cel_interpreter::Program::compile("rd_cost * 0.2 < 4000000.0 ? rd_cost * 0.2 : 4000000.0")
        .expect("cel compiles");
    let root = cel_interpreter::Context::default();
    let cel = time(&costs, |c| {
        let mut context = root.new_inner_scope();
        context.add_variable_from_value("rd_cost", f64::try_from(*c).unwrap());
        match cel_program.execute(&context).unwrap() {
            cel_interpreter::Value::Float(x) => Decimal::try_from(x).unwrap(),
            other => panic!("{other:?}"),
        }
    });

    let engine = rhai::Engine::new();
    let ast =
        engine.compile("let x = rd_cost * 0.2; if x < 4000000.0 { x } else { 4000000.0 }").expect("rhai compiles");
    let mut scope = rhai::Scope::new();
    let rhai = time(&costs, |c| {
        scope.clear();
        scope.push("rd_cost", f64::try_from(*c).unwrap());
        Decimal::try_from(engine.eval_ast_with_scope::<f64>(&mut scope, &ast).unwrap()).unwrap()
    });

    println!("one rule (20% of rd_cost, at most 400万), ns per evaluation, fastest of 15 rounds:");
    for (name, ns) in [
        ("enum-AST walker, Decimal", walker),
        ("cel-interpreter (f64)", cel),
        ("Rhai (f64)", rhai),
        ("policy-lang evaluate_awards", awards),
        ("policy-lang evaluate_awards_into", into),
        ("policy-lang evaluate (explained)", explained),
    ] {
        println!("  {name:<34} {ns:>8.1} ns");
    }
    println!(
        "policy-lang awards-only: {:.1}× the walker (goal ≤ 3×), {:.2}× cel's time (goal ≤ 0.5×), {:.2}× Rhai's",
        awards / walker,
        awards / cel,
        awards / rhai
    );
    println!(
        "policy-lang awards-only, one evaluation reused: {:.1}× the walker (goal ≤ 3×), {:.2}× cel's time (goal ≤ 0.5×)",
        into / walker,
        into / cel
    );
    println!("policy-lang explained: {:.1}× the walker, {:.2}× cel's time", explained / walker, explained / cel);
}
