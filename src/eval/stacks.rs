//! Stacking (就高不重复): of a stack's awards for one item and period only the highest is
//! paid, and an earlier grant under a member is topped up or refuses the rest.

use super::explain::{Exclusion, Grants, Paid, Step};
use super::pools::{add, grant_name, rank, rule_name};
use super::{Candidate, EvalError, Excluded};
use crate::dates::Period;
use crate::facts::Grant;
use crate::program::{Program, Stack};
use crate::terms::Earlier;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Keeps, for each stack, item and period, only the highest award; an earlier grant under a
/// member for the same item is topped up to it (补差) or refuses it, as the stack says.
/// Returns the awards set aside.
pub(super) fn stack<'p>(
    program: &'p Program,
    ledger: &[Grant],
    candidates: &mut Vec<Candidate<'p>>,
    explain: bool,
) -> Result<Vec<Excluded<'p>>, EvalError> {
    let mut losers: HashMap<usize, Excluded> = HashMap::new();
    for stack in &program.stacks {
        let mut items: BTreeMap<(&str, i32), Vec<usize>> = BTreeMap::new();
        for (i, c) in candidates.iter().enumerate() {
            if stack.members.contains(&c.rule) && !losers.contains_key(&i) {
                if let Some(scope) = c.scopes.get(stack.depth) {
                    let year = if stack.period == Period::Year { c.year() } else { 0 };
                    items.entry((*scope, year)).or_default().push(i);
                }
            }
        }
        if items.is_empty() {
            continue;
        }
        // The members' earlier grants, by the item they were for.
        let mut history: HashMap<&str, Vec<&Grant>> = HashMap::new();
        for g in ledger.iter().filter(|g| g.rule_index.is_some_and(|r| stack.members.contains(&r))) {
            if let Some(item) = super::scope_of(&g.entity, stack.depth) {
                history.entry(item).or_default().push(g);
            }
        }
        for ((item, year), group) in items {
            let listed = |rule: usize| stack.members.iter().position(|&m| m == rule).unwrap_or(usize::MAX);
            // The highest wins; between equals, the member listed first in the stack, then the
            // record evaluated first.
            let key = |i: usize| {
                candidates.get(i).map(|c| (rank(&c.award), std::cmp::Reverse(listed(c.rule)), std::cmp::Reverse(i)))
            };
            let Some(winner) = group.iter().copied().max_by_key(|&i| key(i)) else { continue };
            let Some(won) = candidates.get(winner) else { continue };
            for &i in &group {
                let Some(loser) = candidates.get(i) else { continue };
                if i == winner {
                    continue;
                }
                let reason = Exclusion::Outranked {
                    stack: stack.id.clone(),
                    winner: rule_name(program, won.rule),
                    item: item.to_string(),
                    won: won.award.clone(),
                    lost: loser.award.clone(),
                    tie: rank(&loser.award) == rank(&won.award),
                };
                let name = Paid::Award { rule: rule_name(program, won.rule), entity: won.entity().to_string() };
                losers.insert(i, Excluded::new(program, loser, reason, Some(name)));
            }
            let earlier: Vec<&Grant> = history
                .get(item)
                .into_iter()
                .flatten()
                .copied()
                .filter(|g| stack.period == Period::Total || g.year == Some(year))
                .collect();
            let Some(first) = earlier.first() else { continue };
            let granted = earlier.iter().try_fold(Decimal::ZERO, |sum, g| add(sum, g.amount, &stack.id))?;
            match against_earlier(stack, won, granted, first, earlier.len()) {
                Err(reason) => {
                    let grant = Paid::Grant(grant_name(first));
                    let set_aside = Excluded::new(program, won, *reason, Some(grant));
                    losers.insert(winner, set_aside);
                }
                Ok(trace) => {
                    if let Some(c) = candidates.get_mut(winner) {
                        let topped = c.award.map(|x| (x - granted).max(Decimal::ZERO));
                        if explain {
                            c.trace.push(trace);
                        }
                        c.award = topped;
                    }
                }
            }
        }
    }
    if losers.is_empty() {
        return Ok(Vec::new());
    }
    let mut excluded: Vec<(usize, Excluded)> = losers.into_iter().collect();
    excluded.sort_by_key(|(i, _)| *i);
    let mut index = 0;
    candidates.retain(|_| {
        let keep = excluded.binary_search_by_key(&index, |(i, _)| *i).is_err();
        index += 1;
        keep
    });
    Ok(excluded.into_iter().map(|(_, e)| e).collect())
}

/// What an earlier grant of `granted` in all does to the stack's winner: the step that tops
/// it up (补差), or why it is set aside.
fn against_earlier(
    stack: &Stack,
    won: &Candidate<'_>,
    granted: Decimal,
    first: &Grant,
    count: usize,
) -> Result<Step, Box<Exclusion>> {
    let grants = Grants { first: grant_name(first), count };
    let max = won.award.max();
    let refused = match stack.earlier {
        Earlier::Refuse => true,
        Earlier::TopUp => max.is_some_and(|max| max <= granted),
    };
    if refused {
        return Err(Box::new(Exclusion::EarlierGrant {
            stack: stack.id.clone(),
            earlier: stack.earlier,
            granted,
            grants,
            max,
        }));
    }
    Ok(Step::TopUp { stack: stack.id.clone(), granted, grants, up_to: max })
}
