//! Differential testing: the interpreter against a tiny reference evaluator, written here
//! directly on generated amount formulas, over random inputs biased to tier edges and caps.

use crate::common::date;
use policy_lang::{compile, Source};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A generated amount formula over one money fact `x` (yuan; bounds and caps in 万).
#[derive(Clone, Debug)]
enum Formula {
    /// `p% of x max cap`
    Share { percent: u32, cap: u32 },
    /// `tiers x { [0, a) => lo, [a, b] => p% of x, (b, ..) => hi }`
    Tiers { a: u32, b: u32, lo: u32, percent: u32, hi: u32 },
    /// `steps x { s1 => v1, s2 => v2 }` (highest reached pays; below s1 nothing)
    Steps { s1: u32, s2: u32, v1: u32, v2: u32 },
    /// `marginal x { [0, a) => p1%, [a, ..) => p2% }`
    Marginal { a: u32, p1: u32, p2: u32 },
}

fn wan(n: u32) -> Decimal {
    Decimal::from(n) * Decimal::from(10_000)
}

fn pct(p: u32) -> Decimal {
    Decimal::from(p) / Decimal::ONE_HUNDRED
}

impl Formula {
    fn source(&self) -> String {
        match *self {
            Formula::Share { percent, cap } => format!("{percent}% of x max {cap}万"),
            Formula::Tiers { a, b, lo, percent, hi } => {
                format!("tiers x {{ [0, {a}万) => {lo}万, [{a}万, {b}万] => {percent}% of x, ({b}万, ..) => {hi}万 }}")
            }
            Formula::Steps { s1, s2, v1, v2 } => format!("steps x {{ {s1}万 => {v1}万, {s2}万 => {v2}万 }}"),
            Formula::Marginal { a, p1, p2 } => format!("marginal x {{ [0, {a}万) => {p1}%, [{a}万, ..) => {p2}% }}"),
        }
    }

    /// What the text means, computed the obvious way: `None` when nothing is paid.
    fn reference(&self, x: Decimal) -> Option<Decimal> {
        match *self {
            Formula::Share { percent, cap } => Some((pct(percent) * x).min(wan(cap))),
            Formula::Tiers { a, b, lo, percent, hi } => Some(if x < wan(a) {
                wan(lo)
            } else if x <= wan(b) {
                pct(percent) * x
            } else {
                wan(hi)
            }),
            Formula::Steps { s1, s2, v1, v2 } => match x {
                x if x >= wan(s2) => Some(wan(v2)),
                x if x >= wan(s1) => Some(wan(v1)),
                _ => None,
            },
            Formula::Marginal { a, p1, p2 } => {
                let first = x.min(wan(a));
                let rest = (x - wan(a)).max(Decimal::ZERO);
                Some(pct(p1) * first + pct(p2) * rest)
            }
        }
    }

    /// The values where the formula changes: inputs are drawn around them.
    fn edges(&self) -> Vec<Decimal> {
        match *self {
            Formula::Share { percent, cap } if percent > 0 => vec![wan(cap) / pct(percent)],
            Formula::Share { .. } => vec![],
            Formula::Tiers { a, b, .. } => vec![wan(a), wan(b)],
            Formula::Steps { s1, s2, .. } => vec![wan(s1), wan(s2)],
            Formula::Marginal { a, .. } => vec![wan(a)],
        }
    }
}

fn formula() -> impl Strategy<Value = Formula> {
    prop_oneof![
        (0u32..=100, 1u32..5000).prop_map(|(percent, cap)| Formula::Share { percent, cap }),
        (1u32..5000, 0u32..5000, 0u32..500, 0u32..=100, 0u32..5000)
            .prop_map(|(a, d, lo, percent, hi)| Formula::Tiers { a, b: a + d, lo, percent, hi }),
        (1u32..5000, 1u32..5000, 0u32..500, 0u32..500).prop_map(|(s1, d, v1, v2)| Formula::Steps {
            s1,
            s2: s1 + d,
            v1,
            v2
        }),
        (1u32..5000, 0u32..=100, 0u32..=100).prop_map(|(a, p1, p2)| Formula::Marginal { a, p1, p2 }),
    ]
}

/// An input: anywhere, or exactly at an edge, or a fen either side of one.
fn input(f: &Formula, pick: u8, offset: i64, anywhere: u64) -> Decimal {
    let edges = f.edges();
    let fen = Decimal::new(offset.clamp(-1, 1), 2);
    match edges.get(usize::from(pick) % (edges.len() + 1)) {
        Some(edge) => (edge.round_dp(2) + fen).max(Decimal::ZERO),
        None => Decimal::new(i64::try_from(anywhere % 100_000_000_000).unwrap_or(0), 2),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_interpreter_agrees_with_the_reference_evaluator(f in formula(), picks in prop::collection::vec((any::<u8>(), -1i64..=1, any::<u64>()), 6)) {
        let source = format!(
            "schema {{ entity e {{ x: money }} }}\npolicy p {{ issued 2020-01-01 }}\nrule R for e {{ on as_of every_event reward {} }}\n",
            f.source()
        );
        let program = compile(vec![Source::new("d.policy", source.as_str())]).map(|l| l.program);
        prop_assert!(program.is_ok(), "{source}");
        let program = program.unwrap_or_else(|_| unreachable!());
        let xs: Vec<Decimal> = picks.iter().map(|&(p, o, a)| input(&f, p, o, a)).collect();
        let entities: Vec<String> = xs.iter().enumerate().map(|(i, x)| format!(r#"{{"id": "E{i}", "x": "{x}"}}"#)).collect();
        let facts = program.facts("d.json", &format!(r#"{{"e": [{}]}}"#, entities.join(","))).map_err(|e| format!("{e:?}"));
        prop_assert!(facts.is_ok(), "{facts:?}");
        let facts = facts.unwrap_or_default();
        let result = program.evaluate(&facts, date("2024-01-01"));
        prop_assert!(result.is_ok());
        let result = result.unwrap_or_else(|_| unreachable!());
        for (i, x) in xs.iter().enumerate() {
            let entity = format!("e.E{i}");
            let got = result.awards.iter().find(|a| *a.entity == *entity).and_then(|a| a.amount());
            let fen = |d: Decimal| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(got, f.reference(*x).map(fen), "{} at x = {}", f.source(), x);
        }
    }
}
