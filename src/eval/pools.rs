//! The passes that cap awards over groups of rules: count caps (最多申报N项) and money pools
//! (单个企业每年最高…), per entity and period. Each consults the ledger: what was granted
//! before counts in the period it was *for*. The helpers here serve stacking too.

use super::explain::{Exclusion, GrantRef, PoolStep, Step};
use super::{Candidate, EvalError, Excluded};
use crate::dates::Period;
use crate::facts::Grant;
use crate::program::{Entitlement, EntitlementKind, Measure, Pool, Program};
use crate::terms::Choose;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Orders awards for 就高: by ceiling, an unbounded case-by-case award highest.
pub(super) fn rank(award: &Entitlement) -> (bool, Decimal) {
    match award.max() {
        Some(max) => (false, max),
        None => (true, Decimal::ZERO),
    }
}

/// `policy.rule`, as results name a rule.
pub(super) fn rule_name(program: &Program, rule: usize) -> String {
    let r = program.rules.get(rule);
    let policy = r.and_then(|r| program.policies.get(r.policy)).map_or("", |p| &*p.id);
    format!("{policy}.{}", r.map_or("", |r| r.id.as_str()))
}

/// A grant as results name it: `wuxi.WX-10 on enterprise.E1.drugs.D1, paid 2024-03-01 ($.ledger[0])`.
pub(super) fn grant_name(g: &Grant) -> GrantRef {
    let rule = format!("{}.{}", g.policy, g.rule.as_deref().unwrap_or("?"));
    GrantRef { rule, entity: g.entity.clone(), date: g.date, at: g.at.clone() }
}

/// Sums amounts exactly, or says which rule's pass overflowed.
pub(super) fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EvalError> {
    a.checked_add(b).ok_or_else(|| EvalError {
        rule: what.to_string(),
        entity: String::new(),
        detail: super::Failed::GrantsOverflow,
    })
}

/// True when a period holding `year` (for an award in `award_year`) counts a grant for `grant_year`.
pub(super) fn in_period(period: Period, award_year: i32, grant_year: Option<i32>) -> bool {
    let (from, to) = period.years(award_year);
    match grant_year {
        Some(y) => (from..=to).contains(&y),
        // The facts reader requires the year wherever a period needs it.
        None => period == Period::Total,
    }
}

/// Count caps (最多申报N项): each pool with a `limit` keeps at most N awards per entity and
/// period, ledger grants counted first, choosing the rest as the pool says. Returns the
/// awards set aside.
pub(super) fn limits<'p>(
    program: &'p Program,
    ledger: &[Grant],
    candidates: &mut Vec<Candidate<'p>>,
) -> Result<Vec<Excluded<'p>>, EvalError> {
    // Most programs have no count cap: nothing to make or drop.
    if !program.pools.iter().any(|pool| matches!(pool.measure, Measure::Count { .. })) {
        return Ok(Vec::new());
    }
    let mut dropped: BTreeMap<usize, Excluded> = BTreeMap::new();
    for pool in &program.pools {
        let Measure::Count { count, choose } = pool.measure else { continue };
        let mut order: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates.get(i).is_some_and(|c| pool.members.contains(&c.rule)) && !dropped.contains_key(&i))
            .collect();
        if order.is_empty() {
            continue;
        }
        let by_date = |i: &usize| candidates.get(*i).map(|c| c.date);
        match choose {
            Choose::Earliest => order.sort_by_key(by_date),
            Choose::Highest => {
                order.sort_by_key(|i| (std::cmp::Reverse(candidates.get(*i).map(|c| rank(&c.award))), by_date(i)))
            }
        }
        // The years of the grants the pool counts, and of the awards it keeps, per entity.
        let mut granted: HashMap<&str, Vec<Option<i32>>> = HashMap::new();
        for g in ledger.iter().filter(|g| g.counts_in(pool)) {
            if let Some(scope) = super::scope_of(&g.entity, pool.depth) {
                granted.entry(scope).or_default().push(g.year);
            }
        }
        let mut kept: HashMap<&str, Vec<i32>> = HashMap::new();
        for i in order {
            let Some(c) = candidates.get(i) else { continue };
            // Each entity at the pool's depth keeps its own count.
            let Some(&scope) = c.scopes.get(pool.depth) else { continue };
            let year = c.year();
            let counted = |years: &[Option<i32>]| years.iter().filter(|&&y| in_period(pool.period, year, y)).count();
            let from_ledger = granted.get(scope).map_or(0, |years| counted(years));
            let from_run = kept
                .get(scope)
                .map_or(0, |years| years.iter().filter(|&&y| in_period(pool.period, year, Some(y))).count());
            if from_ledger + from_run < count as usize {
                kept.entry(scope).or_default().push(year);
                continue;
            }
            let reason = Exclusion::CountCap {
                pool: pool.id.clone(),
                count,
                scope: scope.to_string(),
                period: pool.period,
                year,
                choose,
                ledgered: from_ledger,
                kept: from_run,
            };
            dropped.insert(i, Excluded::new(program, c, reason, None));
        }
    }
    if dropped.is_empty() {
        return Ok(Vec::new());
    }
    let mut index = 0;
    candidates.retain(|_| {
        let keep = !dropped.contains_key(&index);
        index += 1;
        keep
    });
    Ok(dropped.into_values().collect())
}

/// What a money pool has paid, per entity it is kept for and per year the grant was for.
type Usage<'a> = HashMap<(usize, &'a str), BTreeMap<i32, Decimal>>;

/// Cuts each award to the room left in every pool it belongs to. Awards are served by event
/// date, then in evaluation order; within one award the narrowest pool (deepest entity)
/// binds first. Each award books its ceiling; a case-by-case award is capped at the room
/// but books nothing, since its amount is not known until it is granted (and ledgered).
/// Ledger grants count in the year they were for.
pub(super) fn pools(
    program: &Program,
    ledger: &[Grant],
    candidates: &mut [Candidate<'_>],
    explain: bool,
) -> Result<(), EvalError> {
    let money_pools: Vec<(usize, &Pool, Decimal)> = program
        .pools
        .iter()
        .enumerate()
        .filter_map(|(p, pool)| match pool.measure {
            Measure::Money(cap) => Some((p, pool, cap)),
            Measure::Count { .. } => None,
        })
        .collect();
    // Nothing to cap unless an award belongs to a money pool.
    if !candidates.iter().any(|c| money_pools.iter().any(|(_, pool, _)| pool.members.contains(&c.rule))) {
        return Ok(());
    }
    let mut of_rule: HashMap<usize, Vec<(usize, &Pool, Decimal)>> = HashMap::new();
    for &(p, pool, cap) in &money_pools {
        for &rule in &pool.members {
            of_rule.entry(rule).or_default().push((p, pool, cap));
        }
    }
    for pools in of_rule.values_mut() {
        pools.sort_by_key(|&(p, pool, _)| (std::cmp::Reverse(pool.depth), p));
    }

    // Pool names, shared by every step that names them.
    let names: Vec<Arc<str>> =
        if explain { program.pools.iter().map(|p| Arc::from(p.id.as_str())).collect() } else { Vec::new() };
    let mut used: Usage<'_> = HashMap::new();
    let mut from_ledger: Usage<'_> = HashMap::new();
    for grant in ledger {
        for &(p, pool, _) in &money_pools {
            if !grant.counts_in(pool) {
                continue;
            }
            let Some(scope) = super::scope_of(&grant.entity, pool.depth) else { continue };
            // A grant without a year can only count in a pool `in total` (the facts reader
            // requires the year for the others); it is filed where no year range reaches.
            let year = grant.year.unwrap_or(i32::MIN);
            for usage in [&mut used, &mut from_ledger] {
                let slot = usage.entry((p, scope)).or_default().entry(year).or_default();
                *slot = add(*slot, grant.amount, &pool.id)?;
            }
        }
    }

    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates.get(i).map(|c| c.date));
    for i in order {
        let Some(candidate) = candidates.get_mut(i) else { continue };
        let year = candidate.year();
        let mut award = candidate.award.clone();
        for &(p, pool, own) in of_rule.get(&candidate.rule).into_iter().flatten() {
            let Some(&scope) = candidate.scopes.get(pool.depth) else { continue };
            // The cap in force on the event's date: an amendment may have raised it.
            let (cap, since) = match pool.measure_on(candidate.date) {
                (Measure::Money(cap), since) => (cap, since),
                (Measure::Count { .. }, _) => (own, None),
            };
            let (from, to) = pool.period.years(year);
            let sum = |usage: &Usage<'_>| -> Result<Decimal, EvalError> {
                let by_year = usage.get(&(p, scope));
                by_year
                    .into_iter()
                    .flat_map(|y| y.range(from..=to))
                    .try_fold(Decimal::ZERO, |s, (_, d)| add(s, *d, &pool.id))
            };
            let (already, ledgered) = (sum(&used)?, sum(&from_ledger)?);
            let room = cap.checked_sub(already).unwrap_or(Decimal::ZERO).max(Decimal::ZERO);
            let capped = cap_award(&award, room);
            if explain {
                let cut_to = (capped != award).then(|| capped.max()).flatten();
                candidate.trace.push(Step::Pool(PoolStep {
                    pool: names.get(p).cloned().unwrap_or_default(),
                    implicit: pool.implicit,
                    cap,
                    scope: Arc::from(scope),
                    period: pool.period,
                    year,
                    already,
                    ledgered,
                    room,
                    cut_to,
                    version: since.map(|s| program.version_ref(s)),
                }));
            }
            award = capped;
        }
        if award.kind() != EntitlementKind::CaseByCase {
            let booked = award.max().unwrap_or_default();
            for &(p, pool, _) in of_rule.get(&candidate.rule).into_iter().flatten() {
                let Some(&scope) = candidate.scopes.get(pool.depth) else { continue };
                let slot = used.entry((p, scope)).or_default().entry(year).or_default();
                *slot = add(*slot, booked, &pool.id)?;
            }
        }
        candidate.award = award;
    }
    Ok(())
}

fn cap_award(award: &Entitlement, room: Decimal) -> Entitlement {
    match award {
        Entitlement::CaseByCase { cap, uncapped } => {
            Entitlement::CaseByCase { cap: Some(cap.map_or(room, |c| c.min(room))), uncapped: *uncapped }
        }
        other => other.map(|x| x.min(room)),
    }
}
