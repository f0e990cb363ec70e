//! A short, deterministic run of every fuzz target (`fuzz/`, policy_lang::fuzzing) in the
//! test suite: the repository's own files as seeds, then byte-level mutations of them.
//! Long runs use cargo-fuzz (see fuzz/README.md); any crash it finds becomes a seed here.

use policy_lang::fuzzing;

fn seeds(extensions: &[&str]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in [
        "rules",
        "rules/tests",
        "tests/cli",
        "tests/diagnostics",
        "tests/bad_inputs",
        "tests/repl",
        "examples",
        "fuzz/regressions",
    ] {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)) {
                out.push(std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no seeds for {extensions:?}");
    out
}

/// Seeds, then `rounds` mutations: flipped bytes, cut tails, spliced halves, inserted tokens.
fn run(target: fn(&[u8]), seeds: &[Vec<u8>], rounds: usize) {
    let mut rng = fastrand::Rng::with_seed(2024);
    for seed in seeds {
        target(seed);
    }
    const TOKENS: [&[u8]; 8] = [b"{", b"}", b"(", b"max ", b"..", b"\"", b"\xef\xbc\x91", b"1e999"];
    for _ in 0..rounds {
        let mut data = seeds[rng.usize(0..seeds.len())].clone();
        if data.is_empty() {
            continue;
        }
        match rng.u8(0..4) {
            0 => {
                let i = rng.usize(0..data.len());
                data[i] ^= 1 << rng.u8(0..8);
            }
            1 => data.truncate(rng.usize(0..data.len())),
            2 => {
                let other = &seeds[rng.usize(0..seeds.len())];
                let cut = rng.usize(0..data.len());
                data.truncate(cut);
                data.extend_from_slice(&other[other.len() / 2..]);
            }
            _ => {
                let i = rng.usize(0..data.len());
                let token = TOKENS[rng.usize(0..TOKENS.len())];
                data.splice(i..i, token.iter().copied());
            }
        }
        target(&data);
    }
}

#[test]
fn parse_round_trips_on_seeds_and_mutations() {
    run(fuzzing::parse, &seeds(&["policy"]), 300);
}

#[test]
fn check_never_panics_on_seeds_and_mutations() {
    run(fuzzing::check, &seeds(&["policy"]), 300);
}

#[test]
fn fmt_is_idempotent_on_seeds_and_mutations() {
    run(fuzzing::fmt, &seeds(&["policy"]), 150);
}

#[test]
fn facts_are_read_safely_on_seeds_and_mutations() {
    run(fuzzing::facts, &seeds(&["json"]), 300);
}

#[test]
fn generated_programs_evaluate_consistently() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..40 {
        let data: Vec<u8> = (0..8).map(|_| rng.u8(..)).collect();
        fuzzing::eval(&data);
    }
    fuzzing::eval(&[]);
    fuzzing::eval(&[255; 8]);
}

#[test]
fn drawn_ledgers_name_real_rules_with_huge_amounts_and_stay_consistent() {
    let loaded = policy_lang::compile(vec![policy_lang::Source::new("f.policy", fuzzing::FACTS_PROGRAM)]).unwrap();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut accepted, mut failed_exactly) = (0, 0);
    for _ in 0..400 {
        let data: Vec<u8> = (0..rng.usize(8..64)).map(|_| rng.u8(..)).collect();
        fuzzing::facts(&data);
        let text = fuzzing::ledgered_facts(&data);
        if let Ok(facts) = loaded.program.facts("f.json", &text) {
            accepted += 1;
            let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
            failed_exactly += usize::from(loaded.program.evaluate(&facts, day).is_err());
        }
    }
    // Most drawn fact sets load (some rows lack a key or name rule X, as real ledgers do), and
    // some hit the exact range's end: a located error, never a panic or a wrong amount.
    assert!(accepted > 100, "only {accepted} of 400 drawn fact sets loaded");
    assert!(failed_exactly > 0, "no drawn ledger reached the end of the exact range");
}
