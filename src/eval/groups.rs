//! The passes over all awards at once: stacking (就高不重复) and pools (caps over groups of
//! rules, per entity and period, counting the ledger).

use super::{Candidate, Excluded};
use crate::amounts::money;
use crate::ast::Period;
use crate::facts::Grant;
use crate::program::{Entitlement, Pool, Program};
use chrono::Datelike;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// Orders awards for 就高: by ceiling, an unbounded case-by-case award highest.
fn rank(award: &Entitlement) -> (bool, Decimal) {
    match award.max() {
        Some(max) => (false, max),
        None => (true, Decimal::ZERO),
    }
}

/// Keeps, for each stack and item, only the highest award; returns the others.
pub(super) fn stack(program: &Program, candidates: &mut Vec<Candidate>) -> Vec<Excluded> {
    let mut losers: HashMap<usize, Excluded> = HashMap::new();
    for stack in &program.stacks {
        let mut items: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, c) in candidates.iter().enumerate() {
            if stack.members.contains(&c.rule) && !losers.contains_key(&i) {
                if let Some(scope) = c.scopes.get(stack.depth) {
                    items.entry(scope).or_default().push(i);
                }
            }
        }
        for (item, group) in items {
            // The highest wins; between equals, the one evaluated first.
            let winner = group.iter().copied().reduce(|best, i| {
                let (a, b) = (candidates.get(best), candidates.get(i));
                match (a, b) {
                    (Some(a), Some(b)) if rank(&b.award).cmp(&rank(&a.award)) == Ordering::Greater => i,
                    _ => best,
                }
            });
            let Some(winner) = winner.and_then(|w| candidates.get(w)) else { continue };
            let won_rule = program.rules.get(winner.rule);
            let policy = |r: usize| {
                program.rules.get(r).and_then(|r| program.policies.get(r.policy)).map_or("", |p| p.id.as_str())
            };
            for &i in &group {
                let Some(loser) = candidates.get(i) else { continue };
                if std::ptr::eq(loser, winner) {
                    continue;
                }
                let reason = format!(
                    "就高不重复 (stack {}): {}.{} pays more for {item} ({} against {})",
                    stack.id,
                    policy(winner.rule),
                    won_rule.map_or("", |r| r.id.as_str()),
                    bound(&winner.award),
                    bound(&loser.award)
                );
                losers.insert(i, Excluded::new(program, loser, reason, winner));
            }
        }
    }
    let mut index = 0;
    let mut excluded: Vec<(usize, Excluded)> = losers.into_iter().collect();
    excluded.sort_by_key(|(i, _)| *i);
    candidates.retain(|_| {
        let keep = excluded.binary_search_by_key(&index, |(i, _)| *i).is_err();
        index += 1;
        keep
    });
    excluded.into_iter().map(|(_, e)| e).collect()
}

fn bound(award: &Entitlement) -> String {
    match award.max() {
        Some(max) if award.amount().is_some() => money(max),
        Some(max) => format!("up to {}", money(max)),
        None => "case by case, unbounded".into(),
    }
}

/// What a pool has paid, per entity it is kept for and per year.
type Usage = HashMap<(usize, String), BTreeMap<i32, Decimal>>;

/// The entity a path belongs to at `depth` levels below the top: `enterprise.E1.drugs.D1`
/// at depth 0 is `enterprise.E1`.
fn scope_of(path: &str, depth: usize) -> Option<String> {
    let parts: Vec<&str> = path.split('.').collect();
    let take = 2 + 2 * depth;
    (parts.len() >= take).then(|| parts.iter().take(take).copied().collect::<Vec<_>>().join("."))
}

/// The years a pool's period covers, for an award in `year`.
fn years(period: Period, year: i32) -> (i32, i32) {
    match period {
        Period::Year => (year, year),
        Period::Years(n) => (year - i32::try_from(n).unwrap_or(1).max(1) + 1, year),
        Period::Total => (i32::MIN, i32::MAX),
    }
}

fn period_text(period: Period, year: i32) -> String {
    match period {
        Period::Year => format!("in {year}"),
        Period::Years(n) => format!("in {}–{year}", years(Period::Years(n), year).0),
        Period::Total => "in total".into(),
    }
}

/// Cuts each award to the room left in every pool it belongs to. Awards are served by event
/// date, then in evaluation order; within one award the narrowest pool (deepest entity)
/// binds first. Each award books its ceiling; a case-by-case award is capped at the room
/// but books nothing, since its amount is not known until it is granted (and ledgered).
pub(super) fn pools(program: &Program, ledger: &[Grant], candidates: &mut [Candidate], explain: bool) {
    if program.pools.is_empty() {
        return;
    }
    let mut of_rule: HashMap<usize, Vec<usize>> = HashMap::new();
    for (p, pool) in program.pools.iter().enumerate() {
        for &rule in &pool.members {
            of_rule.entry(rule).or_default().push(p);
        }
    }
    for pools in of_rule.values_mut() {
        pools.sort_by_key(|&p| (std::cmp::Reverse(program.pools.get(p).map_or(0, |x| x.depth)), p));
    }

    let mut used: Usage = HashMap::new();
    let mut from_ledger: Usage = HashMap::new();
    for grant in ledger {
        let Some(rule) = grant.rule_index else { continue };
        for &p in of_rule.get(&rule).into_iter().flatten() {
            let Some(scope) = program.pools.get(p).and_then(|pool| scope_of(&grant.entity, pool.depth)) else {
                continue;
            };
            for usage in [&mut used, &mut from_ledger] {
                *usage.entry((p, scope.clone())).or_default().entry(grant.date.year()).or_default() += grant.amount;
            }
        }
    }

    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates.get(i).map(|c| c.date));
    for i in order {
        let Some(candidate) = candidates.get_mut(i) else { continue };
        let year = candidate.date.year();
        let mut award = candidate.award.clone();
        for &p in of_rule.get(&candidate.rule).into_iter().flatten() {
            let Some(pool) = program.pools.get(p) else { continue };
            let Some(scope) = candidate.scopes.get(pool.depth).map(|s| s.to_string()) else { continue };
            let (from, to) = years(pool.period, year);
            let sum = |usage: &Usage| -> Decimal {
                usage
                    .get(&(p, scope.clone()))
                    .map_or(Decimal::ZERO, |by_year| by_year.range(from..=to).map(|(_, d)| *d).sum())
            };
            let (already, ledgered) = (sum(&used), sum(&from_ledger));
            let room = (pool.cap - already).max(Decimal::ZERO);
            let capped = cap_award(&award, room);
            if explain {
                candidate.trace.push(pool_line(pool, &scope, year, already, ledgered, room, &award, &capped));
            }
            award = capped;
        }
        if award.kind() != crate::program::EntitlementKind::CaseByCase {
            let booked = award.max().unwrap_or_default();
            for &p in of_rule.get(&candidate.rule).into_iter().flatten() {
                let Some(scope) = program.pools.get(p).and_then(|pool| candidate.scopes.get(pool.depth)) else {
                    continue;
                };
                *used.entry((p, scope.to_string())).or_default().entry(year).or_default() += booked;
            }
        }
        candidate.award = award;
    }
}

fn cap_award(award: &Entitlement, room: Decimal) -> Entitlement {
    match award {
        Entitlement::CaseByCase { cap, uncapped } => {
            Entitlement::CaseByCase { cap: Some(cap.map_or(room, |c| c.min(room))), uncapped: *uncapped }
        }
        other => other.map(|x| x.min(room)),
    }
}

#[allow(clippy::too_many_arguments)] // one line of trace, from the parts it names
fn pool_line(
    pool: &Pool,
    scope: &str,
    year: i32,
    already: Decimal,
    ledgered: Decimal,
    room: Decimal,
    before: &Entitlement,
    after: &Entitlement,
) -> String {
    let name = if pool.implicit { "per_year_cap".to_string() } else { format!("pool {}", pool.id) };
    let from_ledger =
        if ledgered.is_zero() { String::new() } else { format!(" (of which {} in the ledger)", money(ledgered)) };
    let outcome = if after == before {
        "within the cap".to_string()
    } else {
        format!("cut to {}", after.max().map_or("?".into(), money))
    };
    format!(
        "{name} {} for {scope} {}: {} already awarded{from_ledger}, room {} → {outcome}",
        money(pool.cap),
        period_text(pool.period, year),
        money(already),
        money(room)
    )
}
