//! Entry points for fuzzers (`fuzz/`, run with cargo-fuzz) and for the smoke run in the test
//! suite: each takes arbitrary bytes, must never panic, and checks what must hold of any
//! input it accepts. A violated property panics, which is what a fuzzer reports.

#![allow(clippy::panic)] // a fuzz target reports a broken property by panicking

use crate::{compile, format, syntax, Source};

/// Text → tree → canonical text → the same tree.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(tree) = syntax::parse(text) else { return };
    let printed = tree.to_string();
    match syntax::parse(&printed) {
        Ok(again) if again == tree => {}
        other => panic!("the canonical form does not parse back to the same tree:\n{printed}\n{other:?}"),
    }
}

/// Parse and check: any text gets a program or diagnostics, never a panic.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = compile(vec![Source::new("fuzz.policy", text)]);
}

/// `fmt` is idempotent and never changes the meaning.
pub fn fmt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(once) = format::format(text) else { return };
    match format::format(&once) {
        Ok(twice) if twice == once => {}
        other => panic!("formatting twice changed the text:\n{once}\n{other:?}"),
    }
    if syntax::parse(&once).ok() != syntax::parse(text).ok() {
        panic!("formatting changed the tree:\n{text}\n---\n{once}");
    }
}

/// A small program every fact set below is read against.
const FACTS_PROGRAM: &str = r#"
schema {
  enum phase { I, II, III }
  entity enterprise { rd_cost?: money, rate?: rate, n?: count, day?: date, phase?: phase, items: [item] }
  entity item { amount: money, phase?: phase }
}
policy p { issued 2020-01-01 }
rule A for enterprise { on day reward 20% of rd_cost max by phase { I => 100万, II | III => 200万 } per_year_cap 300万 }
rule B for item { reward steps enterprise.n { 1 => 10万, 3 => 30万 } }
rule C for item { reward up_to enterprise.rate of amount max 50万 }
pool P { members A, B, C  cap 500万 per enterprise per year }
"#;

/// Arbitrary JSON as facts: read against a fixed program and, if accepted, evaluated.
pub fn facts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(loaded) = compile(vec![Source::new("facts.policy", FACTS_PROGRAM)]) else {
        panic!("the fuzzing program does not compile")
    };
    let Ok(facts) = loaded.program.facts("fuzz.json", text) else { return };
    let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default();
    if let Ok(result) = loaded.program.evaluate(&facts, day) {
        awards_are_consistent(&result, &[("P", 5_000_000)]);
    }
}

/// A well-typed program made from the bytes (rates, caps, thresholds, tiers, subtraction and
/// division, a divisor that may be zero), evaluated on a population drawn from the same
/// bytes: awards must be consistent and within pools.
pub fn eval(data: &[u8]) {
    let byte = |i: usize| u64::from(data.get(i).copied().unwrap_or(0));
    let (rate, cap, threshold, low) = (byte(0) % 101, 1 + byte(1) * 10, byte(2) * 5, 1 + byte(3) * 10);
    let high = low + 1 + byte(4) * 100;
    let pool_cap = 1 + byte(5) * 20;
    // `x - x / d` is never negative for d ≥ 1; d = 0 must be a division error, not a panic.
    let (divisor, minus) = (byte(6) % 10, byte(7) * 10);
    let program = format!(
        "schema {{\n  entity enterprise {{ rd_cost?: money, n?: count, capital?: money, drugs: [drug] }}\n  entity drug {{ rd_cost: money }}\n}}\n\
         policy p {{ issued 2020-01-01 }}\n\
         rule A for enterprise {{ when rd_cost >= {threshold}万 reward {rate}% of rd_cost max {cap}万 }}\n\
         rule B for enterprise {{ reward tiers capital {{ [0, {low}万) => 1万, [{low}万, {high}万] => up_to 3% of capital, ({high}万, ..) => case_by_case }} }}\n\
         rule C for drug {{ reward steps enterprise.n {{ 1 => 10万, 4 => 40万 }} }}\n\
         rule D for drug {{ reward 10万..{cap}万 }}\n\
         rule E for drug {{ when rd_cost > {minus}万 reward up_to {rate}% of (rd_cost - rd_cost / {divisor}) + (rd_cost - {minus}万) / 2 max {cap}万 }}\n\
         pool P {{ members A, B, C, D, E  cap {pool_cap}万 per enterprise per year }}\n"
    );
    let loaded = match compile(vec![Source::new("generated.policy", program.as_str())]) {
        Ok(l) => l,
        Err(e) => panic!("a generated program does not compile:\n{program}\n{e:?}"),
    };
    let seed = data.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let mut population = crate::population::Population::new(&loaded.program, seed);
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    for _ in 0..4 {
        let set = population.next_fact_set().to_string();
        let facts = match loaded.program.facts("generated.json", &set) {
            Ok(f) => f,
            Err(e) => panic!("generated facts are rejected:\n{set}\n{e:?}"),
        };
        if let Ok(result) = loaded.program.evaluate(&facts, day) {
            awards_are_consistent(&result, &[("P", i64::try_from(pool_cap * 10_000).unwrap_or(i64::MAX))]);
        }
    }
}

/// min ≤ max, owed amounts equal their bounds, nothing negative, and the pool's members
/// (every rule of the fuzzing programs) book no more than its cap per enterprise and year.
fn awards_are_consistent(result: &crate::Evaluation, pools: &[(&str, i64)]) {
    use rust_decimal::Decimal;
    let mut booked = std::collections::HashMap::<(String, i32), Decimal>::new();
    for a in &result.awards {
        if let (Some(min), Some(max)) = (a.min, a.max) {
            assert!(min <= max, "min above max: {a:?}");
            assert!(!min.is_sign_negative() || min.is_zero(), "a negative award: {a:?}");
        }
        if let Some(amount) = a.amount {
            assert_eq!(Some(amount), a.max, "an owed amount unlike its bound: {a:?}");
        }
        if let Some(max) = a.max {
            assert!(!max.is_sign_negative() || max.is_zero(), "a negative award: {a:?}");
        }
        if a.kind != crate::EntitlementKind::CaseByCase {
            let top = a.entity.split('.').take(2).collect::<Vec<_>>().join(".");
            let year = chrono::Datelike::year(&a.event_date);
            *booked.entry((top, year)).or_default() += a.max.unwrap_or_default();
        }
    }
    for (_, cap) in pools {
        for ((entity, year), total) in &booked {
            assert!(*total <= Decimal::from(*cap), "pool exceeded for {entity} in {year}: {total} > {cap}");
        }
    }
}
