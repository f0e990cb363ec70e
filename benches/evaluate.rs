//! The figures of docs/performance.md: parse + check of all rules/, evaluation per
//! enterprise (interpreter against the hand-written baseline, same 16 rules, same parsed
//! facts), and batch throughput on 1 and 2 threads.
//!
//!     cargo bench --bench evaluate
//!
//! `cargo bench --bench evaluate -- --profile explained` (or `explained-reused`, `awards`,
//! `awards-reused`, `baseline`) runs only that evaluation of the 16 rules, 20 times over the
//! 1000 enterprises, untimed: a short run to count its instructions under callgrind. A count
//! after it (`--profile explained 2000`) runs that many rounds instead: long enough for
//! `perf record` to sample.
//!
//! `--sets N` (with either) draws N enterprises rather than 1 000: `--sets 100` keeps their
//! facts in the caches nearer the core, to tell memory stalls from instructions.
//!
//! `cargo bench --bench evaluate -- --ratios` prints the ratios, each measured by
//! turns in the same rounds (steadier than criterion's one-after-the-other on a shared machine).
//!
//! `cargo bench --bench evaluate -- --census` counts what an explained evaluation of the 16
//! rules makes for each enterprise: awards, not-applicable entries, reasons by kind (each
//! entry and reason holds names, and every name held costs).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod baseline;

/// The allocator the `policy` binary uses, so the figures are the binary's (the baseline
/// allocates too, and runs under the same).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use policy_lang::population::Population;
use policy_lang::{compile, facts::Facts, Evaluation, Program, Source};
use std::hint::black_box;

fn sources() -> Vec<Source> {
    policy_lang::policy_files(&["rules".into()])
        .expect("rules/")
        .into_iter()
        .map(|p| Source::new(p.display().to_string(), std::fs::read_to_string(&p).expect("read")))
        .collect()
}

/// The 16 baseline rules (and the pool over two of them) cut from the Changzhou file.
fn subset(sources: &[Source]) -> Vec<Source> {
    let text = &sources.iter().find(|s| s.name.ends_with("changzhou_2023.policy")).expect("changzhou").text;
    let block = |start: &str| {
        let i = text.find(start).unwrap_or_else(|| panic!("{start}"));
        let j = text[i..].find("\n}\n").expect("end") + i + 3;
        text[i..j].to_string()
    };
    let mut out = block("policy changzhou_2023 {");
    // The file's schedules (one line each), which its rules may call.
    for line in text.lines().filter(|l| l.starts_with("schedule ")) {
        out.push_str(line);
        out.push('\n');
    }
    for id in baseline::RULES {
        out.push_str(&block(&format!("rule {id} for ")));
    }
    out.push_str(&block("pool CZ-03-1c {"));
    let schema = sources.iter().find(|s| s.name.ends_with("schema.policy")).expect("schema").clone();
    vec![schema, Source::new("subset.policy", out)]
}

/// Generated enterprises, all in Changzhou, parsed once.
fn population(program: &Program, n: usize) -> Vec<Facts> {
    let mut p = Population::new(program, 5);
    (0..n)
        .map(|_| {
            let mut set = p.next_fact_set();
            set["enterprise"][0]["city"] = "changzhou".into();
            program.facts("generated", &set.to_string()).expect("valid facts")
        })
        .collect()
}

/// What every measurement here evaluates: the 16 rules and the baseline made from them, all of
/// `rules/`, and the 1 000 generated enterprises, on one date.
struct Fixture {
    /// `rules/`, as read.
    all: Vec<Source>,
    /// The 16 rules.
    program: Program,
    /// All of `rules/`.
    full: Program,
    facts: Vec<Facts>,
    hand: baseline::Baseline,
    as_of: NaiveDate,
}

/// The enterprises the fixture draws unless `--sets` says otherwise: their facts outgrow the
/// caches nearer the core; `--sets 100` keeps them there.
const SETS: usize = 1000;

fn fixture() -> Fixture {
    fixture_of(SETS)
}

/// The fixture with `sets` enterprises.
fn fixture_of(sets: usize) -> Fixture {
    let all = sources();
    let program = compile(subset(&all)).expect("subset compiles").program;
    let full = compile(all.clone()).expect("rules compile").program;
    let facts = population(&full, sets);
    let hand = baseline::Baseline::new(&program);
    Fixture { all, program, full, facts, hand, as_of: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap() }
}

fn benches(c: &mut Criterion) {
    let Fixture { all, program, full, facts, hand, as_of } = fixture();

    c.bench_function("parse+check all rules/", |b| {
        b.iter_batched(|| all.clone(), |s| black_box(compile(s).expect("compiles")), BatchSize::SmallInput)
    });

    let mut group = c.benchmark_group("evaluate 1000 enterprises, 16 Changzhou rules");
    group.throughput(Throughput::Elements(facts.len() as u64));
    group.bench_function("interpreter, explained (traces, reasons)", |b| {
        b.iter(|| facts.iter().map(|f| program.evaluate(f, as_of).expect("evaluates").awards.len()).sum::<usize>())
    });
    group.bench_function("interpreter, awards only (what the baseline computes)", |b| {
        b.iter(|| {
            facts.iter().map(|f| program.evaluate_awards(f, as_of).expect("evaluates").awards.len()).sum::<usize>()
        })
    });
    group.bench_function("interpreter, awards only, one evaluation reused (as a batch worker)", |b| {
        let mut reused = Evaluation::default();
        b.iter(|| {
            let count = |f| {
                program.evaluate_awards_into(f, as_of, &mut reused).expect("evaluates");
                reused.awards.len()
            };
            facts.iter().map(count).sum::<usize>()
        })
    });
    group.bench_function("hand-written baseline", |b| {
        b.iter(|| facts.iter().map(|f| hand.evaluate(f, as_of).len()).sum::<usize>())
    });
    group.finish();

    let mut gen = Population::new(&full, 9);
    let lines: String = (0..4000).map(|_| format!("{}\n", gen.next_fact_set())).collect();
    let mut group = c.benchmark_group("batch: 4000 JSON lines, all 101 rules");
    group.throughput(Throughput::Elements(4000));
    group.sample_size(10);
    use policy_lang::output::Detail;
    for (threads, detail) in [(1, Detail::Full), (2, Detail::Full), (1, Detail::Awards), (2, Detail::Awards)] {
        let what = if detail == Detail::Full { "explained" } else { "awards only" };
        group.bench_function(format!("{threads} thread(s), {what}"), |b| {
            // The output kept between runs, as a file's pages or a pipe's buffer are: a vector
            // grown from nothing each run would time its own doubling (an explained run writes
            // ~100 MB) on the calling thread.
            let mut out = Vec::new();
            b.iter(|| {
                let options = policy_lang::batch::Options { as_of: Some(as_of), threads, chunk: 4096, detail };
                out.clear();
                policy_lang::batch::run(&full, lines.as_bytes(), &mut out, &options, |_| {}).expect("runs");
                out.len()
            })
        });
    }
    group.finish();
}

/// The evaluations `--profile` and `--ratios` run, named as `--profile` takes them.
#[derive(Clone, Copy)]
enum Mode {
    Baseline,
    Awards,
    AwardsReused,
    Explained,
    ExplainedReused,
}

impl Mode {
    const ALL: [Mode; 5] = [Mode::Baseline, Mode::Awards, Mode::AwardsReused, Mode::Explained, Mode::ExplainedReused];

    fn name(self) -> &'static str {
        match self {
            Mode::Baseline => "baseline",
            Mode::Awards => "awards",
            Mode::AwardsReused => "awards-reused",
            Mode::Explained => "explained",
            Mode::ExplainedReused => "explained-reused",
        }
    }

    /// Evaluates `f` this way, into `kept` when the mode reuses an evaluation (as a batch
    /// worker keeps one): the number of awards.
    #[inline]
    fn run<'p>(
        self,
        program: &'p Program,
        hand: &baseline::Baseline,
        f: &'p Facts,
        as_of: NaiveDate,
        kept: &mut Evaluation<'p>,
    ) -> usize {
        match self {
            Mode::Baseline => hand.evaluate(f, as_of).len(),
            Mode::Awards => program.evaluate_awards(f, as_of).expect("evaluates").awards.len(),
            Mode::AwardsReused => {
                program.evaluate_awards_into(f, as_of, kept).expect("evaluates");
                kept.awards.len()
            }
            Mode::Explained => program.evaluate(f, as_of).expect("evaluates").awards.len(),
            Mode::ExplainedReused => {
                program.evaluate_into(f, as_of, kept).expect("evaluates");
                kept.awards.len()
            }
        }
    }
}

/// `--profile MODE [ROUNDS]`: the one evaluation, untimed, for callgrind.
fn profile(what: &str, rounds: usize, sets: usize) {
    let names = Mode::ALL.map(Mode::name).join("|");
    let mode = Mode::ALL.into_iter().find(|m| m.name() == what);
    let mode = mode.unwrap_or_else(|| panic!("--profile {names}, not {what}"));
    let Fixture { program, facts, hand, as_of, .. } = fixture_of(sets);
    profiled(mode, rounds, &program, &hand, &facts, as_of);
}

/// The evaluations alone (`--toggle-collect='evaluate::profiled'` counts only them).
#[inline(never)]
fn profiled(
    mode: Mode,
    rounds: usize,
    program: &Program,
    hand: &baseline::Baseline,
    facts: &[Facts],
    as_of: NaiveDate,
) {
    let mut kept = Evaluation::default();
    for _ in 0..rounds {
        for f in facts {
            black_box(mode.run(program, hand, f, as_of, &mut kept));
        }
    }
}

criterion_group!(evaluate, benches);

/// `--census`: per enterprise, the awards, not-applicable entries and reasons (by kind) an
/// explained evaluation makes, and the facts its false conditions read.
fn census(sets: usize) {
    use policy_lang::eval::Reason;
    let Fixture { program, facts, as_of, .. } = fixture_of(sets);
    let (mut awards, mut entries, mut reads) = (0, 0, 0);
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    // Entries by how many reasons each gives.
    let mut sizes = std::collections::BTreeMap::<usize, usize>::new();
    for f in &facts {
        let evaluation = program.evaluate(f, as_of).expect("evaluates");
        awards += evaluation.awards.len();
        entries += evaluation.not_applicable.len();
        for entry in &evaluation.not_applicable {
            *sizes.entry(evaluation.why(entry).0.len()).or_default() += 1;
        }
        for reason in &evaluation.reasons {
            // The variant's name, as Debug writes it.
            let kind = format!("{reason:?}").split([' ', '(']).next().unwrap_or_default().to_string();
            *reasons.entry(kind).or_default() += 1;
            if let Reason::ConditionFalse { reads: held, .. } | Reason::OutOfScope { reads: held, .. } = reason {
                reads += held.len();
            }
        }
    }
    let per = |n: usize| n as f64 / facts.len() as f64;
    println!("{} enterprises, 16 Changzhou rules, explained, per enterprise:", facts.len());
    println!("  awards {:.2}, not-applicable entries {:.2}", per(awards), per(entries));
    println!("  reasons {:.2}:", per(reasons.values().sum()));
    for (kind, n) in &reasons {
        println!("    {kind:<20} {:.2}", per(*n));
    }
    println!("  facts read by false conditions {:.2}", per(reads));
    let sizes: Vec<String> = sizes.iter().map(|(n, count)| format!("{n}: {:.2}", per(*count))).collect();
    println!("  entries by their number of reasons: {}", sizes.join(", "));
}

/// `--ratios`: the ratios the issue asks about, each measured by turns in the same rounds
/// (the baseline, then each interpreter mode, then again), the fastest round of each kept. On
/// a shared machine whose speed drifts from one second to the next, criterion's figures, taken
/// one benchmark after the other, can be a factor apart; rounds by turns share the drift.
fn ratios(sets: usize) {
    use std::time::Instant;
    let Fixture { program, full, facts, hand, as_of, .. } = fixture_of(sets);
    // One evaluation kept for each mode, as a batch worker keeps one.
    let mut kept = Mode::ALL.map(|_| Evaluation::default());
    let mut fastest = Mode::ALL.map(|_| f64::INFINITY);
    for _ in 0..40 {
        for ((mode, best), kept) in Mode::ALL.into_iter().zip(&mut fastest).zip(&mut kept) {
            let started = Instant::now();
            for f in &facts {
                black_box(mode.run(&program, &hand, f, as_of, kept));
            }
            *best = best.min(started.elapsed().as_secs_f64() * 1e6 / facts.len() as f64);
        }
    }
    let [base, awards, into, explained, explained_into] = fastest;
    println!("16 Changzhou rules, {} enterprises, µs an enterprise, fastest of 40 rounds by turns:", facts.len());
    println!("  hand-written baseline            {base:6.2}");
    println!("  awards only                      {awards:6.2}  {:.2}× (goal ≤ 1.2×)", awards / base);
    println!("  awards only, evaluation reused   {into:6.2}  {:.2}×", into / base);
    println!("  explained                        {explained:6.2}  {:.2}× (goal ≤ 1.5×)", explained / base);
    println!("  explained, evaluation reused     {explained_into:6.2}  {:.2}×", explained_into / base);

    let mut gen = Population::new(&full, 9);
    let lines: String = (0..8000).map(|_| format!("{}\n", gen.next_fact_set())).collect();
    let mut out = Vec::new();
    use policy_lang::output::Detail;
    for detail in [Detail::Full, Detail::Awards] {
        let mut fastest = [f64::INFINITY; 2];
        for _ in 0..7 {
            for (threads, best) in [1, 2].into_iter().zip(fastest.iter_mut()) {
                let options = policy_lang::batch::Options { as_of: Some(as_of), threads, chunk: 4096, detail };
                out.clear();
                let started = Instant::now();
                policy_lang::batch::run(&full, lines.as_bytes(), &mut out, &options, |_| {}).expect("runs");
                *best = best.min(started.elapsed().as_secs_f64());
            }
        }
        let what = if detail == Detail::Full { "explained" } else { "awards only" };
        let [one, two] = fastest;
        println!(
            "batch, 8000 lines, all 101 rules, {what}: 1 thread {one:.3} s, 2 threads {two:.3} s: {:.2}× (goal ≥ 1.8×)",
            one / two
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sets = args.iter().position(|a| a == "--sets").and_then(|at| args.get(at + 1)?.parse().ok());
    let sets = sets.unwrap_or(SETS).max(1);
    if let Some(at) = args.iter().position(|a| a == "--profile") {
        let what = args.get(at + 1).map_or("explained", String::as_str);
        let rounds = args.get(at + 2).and_then(|n| n.parse().ok()).unwrap_or(20);
        return profile(what, rounds, sets);
    }
    if args.iter().any(|a| a == "--census") {
        return census(sets);
    }
    if args.iter().any(|a| a == "--ratios") {
        return ratios(sets);
    }
    evaluate();
    Criterion::default().configure_from_args().final_summary();
}
