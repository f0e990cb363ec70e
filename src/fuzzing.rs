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

/// A small program every fact set below is read against: a money pool, a stack with history,
/// a count cap and a pool that claims grants of other policies by tag.
pub const FACTS_PROGRAM: &str = r#"
schema {
  enum phase { I, II, III }
  entity enterprise { rd_cost?: money, rate?: rate, n?: count, day?: date, phase?: phase, items: [item] }
  entity item { amount: money, phase?: phase }
}
policy p { issued 2020-01-01 }
rule A for enterprise { every_event on day reward 20% of rd_cost max by phase { I => 100万, II | III => 200万 } per_year_cap 300万 }
rule B for item { on as_of every_event reward steps enterprise.n { 1 => 10万, 3 => 30万 } }
rule C for item { on as_of every_event reward up_to enterprise.rate of amount max 50万 }
pool P { members A, B, C  cap 500万 per enterprise per year }
rule D for item { on as_of reward amount once per phase within enterprise }
stack S { members B, C  per item per year  earlier top_up }
pool L { members B, C, D  limit 2 per enterprise per year choose highest }
pool T { members A, D, grants issuer "苏州市"  cap 1亿 per enterprise per year }
"#;

/// Arbitrary JSON as facts: read against a fixed program and, if accepted, evaluated. Bytes
/// that are not JSON become a fact set with a ledger drawn from them instead.
pub fn facts(data: &[u8]) {
    let drawn;
    let text = match std::str::from_utf8(data) {
        Ok(text) if text.trim_start().starts_with('{') => text,
        _ => {
            drawn = ledgered_facts(data);
            drawn.as_str()
        }
    };
    let Ok(loaded) = compile(vec![Source::new("facts.policy", FACTS_PROGRAM)]) else {
        panic!("the fuzzing program does not compile")
    };
    let Ok(facts) = loaded.program.facts("fuzz.json", text) else { return };
    let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default();
    if let Ok(result) = loaded.program.evaluate(&facts, day) {
        let (p, t): (&[&str], &[&str]) = (&["A", "B", "C"], &["A", "D"]);
        awards_are_consistent(&result, &[(p, 5_000_000), (t, 100_000_000)], &[(&["B", "C", "D"], 2)]);
    }
}

/// A fact set whose ledger names the program's real rules and pools, with amounts from
/// nothing to far beyond the exact range, years, keys and tags drawn from the bytes.
pub fn ledgered_facts(data: &[u8]) -> String {
    /// One of `options`, chosen by `n` (the options are never empty).
    fn pick<'a>(options: &[&'a str], n: usize) -> &'a str {
        options.get(n % options.len().max(1)).copied().unwrap_or_default()
    }
    const AMOUNTS: [&str; 8] = [
        "0",
        "0.005",
        "1",
        "300万",
        "100000000000000000000",
        "50000000000000000000000000000",
        "79228162514264337593543950335",
        "1.5亿",
    ];
    // Now and then a row a real ledger gets wrong: an unknown rule, a missing key.
    const RULES: [&str; 4] = ["A", "B", "C", "D"];
    let byte = |i: usize| usize::from(data.get(i).copied().unwrap_or(0));
    let rows: Vec<String> = data
        .chunks(4)
        .take(16)
        .enumerate()
        .map(|(i, c)| {
            let at = |j: usize| usize::from(c.get(j).copied().unwrap_or(0));
            let rule = if at(0) == 255 { "X" } else { pick(&RULES, at(0)) };
            let entity = if rule == "A" { "enterprise.E1".to_string() } else { format!("enterprise.E1.items.I{}", at(1) % 3) };
            let year = 2021 + at(1) % 5;
            let key = if at(2) % 31 == 30 { "null" } else { pick(&["\"I\"", "\"II\""], at(2)) };
            let tag = if at(2) % 2 == 0 { r#", "issuer": "苏州市""# } else { "" };
            let policy = if at(3) % 5 == 0 { "other" } else { "p" };
            format!(
                r#"{{"policy": "{policy}", "rule": "{rule}", "entity": "{entity}", "year": {year}, "key": {key}, "date": "{year}-12-31", "amount": "{}"{tag}}}"#,
                pick(&AMOUNTS, at(3) + i)
            )
        })
        .collect();
    let items: Vec<String> = (0..3)
        .map(|i| {
            format!(
                r#"{{"id": "I{i}", "amount": "{}万", "phase": "{}"}}"#,
                byte(i) * 7,
                pick(&["I", "II", "III"], byte(i + 3))
            )
        })
        .collect();
    format!(
        r#"{{"enterprise": [{{"id": "E1", "rd_cost": "{}万", "rate": "{}%", "n": {}, "day": "2024-0{}-01", "phase": "II", "items": [{}]}}], "ledger": [{}]}}"#,
        byte(6) * 100,
        byte(7) % 101,
        byte(8) % 5,
        1 + byte(9) % 6,
        items.join(", "),
        rows.join(", ")
    )
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
         rule A for enterprise {{ on as_of every_event when rd_cost >= {threshold}万 reward {rate}% of rd_cost max {cap}万 }}\n\
         rule B for enterprise {{ on as_of every_event reward tiers capital {{ [0, {low}万) => 1万, [{low}万, {high}万] => up_to 3% of capital, ({high}万, ..) => case_by_case }} }}\n\
         rule C for drug {{ on as_of every_event reward steps enterprise.n {{ 1 => 10万, 4 => 40万 }} }}\n\
         rule D for drug {{ on as_of every_event reward 10万..{cap}万 }}\n\
         rule E for drug {{ on as_of every_event when rd_cost > {minus}万 reward up_to {rate}% of (rd_cost - rd_cost / {divisor}) + (rd_cost - {minus}万) / 2 max {cap}万 }}\n\
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
            let cap = i64::try_from(pool_cap * 10_000).unwrap_or(i64::MAX);
            awards_are_consistent(&result, &[(&["A", "B", "C", "D", "E"], cap)], &[]);
        }
    }
}

/// min ≤ max, owed amounts equal their bounds, nothing negative; each money pool's members
/// book no more than its cap per enterprise and year (ledger grants only lower the room), and
/// each count cap's members pay no more awards than it allows.
fn awards_are_consistent(result: &crate::Evaluation<'_>, pools: &[(&[&str], i64)], limits: &[(&[&str], usize)]) {
    use rust_decimal::Decimal;
    type PerYear = std::collections::HashMap<(String, i32), (Decimal, usize)>;
    let per_year = |members: &[&str]| {
        let mut booked = PerYear::new();
        for a in result.awards.iter().filter(|a| members.contains(&a.rule.id.as_str())) {
            let top = a.entity.split('.').take(2).collect::<Vec<_>>().join(".");
            let entry = booked.entry((top, a.year())).or_default();
            if a.kind() != crate::EntitlementKind::CaseByCase {
                entry.0 += a.max().unwrap_or_default();
            }
            entry.1 += 1;
        }
        booked
    };
    for a in &result.awards {
        if let (Some(min), Some(max)) = (a.min(), a.max()) {
            assert!(min <= max, "min above max: {a:?}");
            assert!(!min.is_sign_negative() || min.is_zero(), "a negative award: {a:?}");
        }
        if let Some(amount) = a.amount() {
            assert_eq!(Some(amount), a.max(), "an owed amount unlike its bound: {a:?}");
        }
        if let Some(max) = a.max() {
            assert!(!max.is_sign_negative() || max.is_zero(), "a negative award: {a:?}");
        }
    }
    for (members, cap) in pools {
        for ((entity, year), (total, _)) in per_year(members) {
            assert!(total <= Decimal::from(*cap), "pool exceeded for {entity} in {year}: {total} > {cap}");
        }
    }
    for (members, most) in limits {
        for ((entity, year), (_, count)) in per_year(members) {
            assert!(count <= *most, "count cap exceeded for {entity} in {year}: {count} > {most}");
        }
    }
}
