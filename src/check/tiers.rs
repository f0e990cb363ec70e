//! Proves a tier table's brackets neither overlap nor leave gaps, or says where they do.
//!
//! Wuxi 三（十一） writes "1亿元~5亿元" and "5亿元以上": read by PRC Civil Code art. 1259 both
//! include 5亿, so the brackets overlap at exactly that value. Such findings are warnings
//! about the text; the drafter keeps the literal reading and documents the choice.
//!
//! Over a `count` only whole numbers occur, so `[1, 1]`, `[2, 3]` and `[4, ..)` leave no gap:
//! each bound is first moved to the whole number it admits (`(1, 4)` is `[2, 3]`).

use super::CheckError;
use crate::ast::{Interval, Numeral, Scale, Spanned};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A bound: the numeral (None = unbounded) and whether it is included.
#[derive(Clone, Copy)]
struct Bound<'a> {
    at: Option<&'a Numeral>,
    closed: bool,
}

/// Orders lower bounds: -∞ first; at equal values a closed bound starts earlier.
fn cmp_lower(a: Bound, b: Bound) -> Ordering {
    match (a.at, b.at) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(x), Some(y)) => x.value.cmp(&y.value).then(b.closed.cmp(&a.closed)),
    }
}

/// Orders upper bounds: +∞ last; at equal values a closed bound ends later.
fn cmp_upper(a: Bound, b: Bound) -> Ordering {
    match (a.at, b.at) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Greater,
        (_, None) => Ordering::Less,
        (Some(x), Some(y)) => x.value.cmp(&y.value).then(a.closed.cmp(&b.closed)),
    }
}

fn lower(i: &Interval) -> Bound<'_> {
    Bound { at: i.lower.as_ref(), closed: i.lower_closed }
}

fn upper(i: &Interval) -> Bound<'_> {
    Bound { at: i.upper.as_ref(), closed: i.upper_closed }
}

/// True when `lo..hi` (as lower and upper bounds) contains at least one value.
fn non_empty(lo: Bound, hi: Bound) -> bool {
    match (lo.at, hi.at) {
        (Some(l), Some(h)) => l.value < h.value || (l.value == h.value && lo.closed && hi.closed),
        _ => true,
    }
}

fn show(lo: Bound, hi: Bound) -> String {
    match (lo.at, hi.at) {
        (Some(l), Some(h)) if l.value == h.value => crate::t!("tier-exactly", value = l.to_string()),
        _ => {
            let i = Interval {
                lower: lo.at.cloned(),
                lower_closed: lo.closed,
                upper: hi.at.cloned(),
                upper_closed: hi.closed,
            };
            crate::t!("tier-every-value-in", interval = i.to_string())
        }
    }
}

/// The interval as the whole numbers it holds: each finite bound moved inward to the nearest
/// whole number and closed (`(1, 4)` → `[2, 3]`, `[0.5, 2.5]` → `[1, 2]`).
fn whole_numbers(i: &Interval) -> Interval {
    let inward = |n: &Numeral, closed: bool, up: bool| {
        let v = n.value;
        let edge = if up { v.ceil() } else { v.floor() };
        match (closed, edge == v) {
            // A closed whole bound stays as written.
            (true, true) => n.clone(),
            // An open whole bound moves one past itself; a fraction to the whole number inside.
            (false, true) => Numeral {
                value: if up { v.checked_add(Decimal::ONE) } else { v.checked_sub(Decimal::ONE) }.unwrap_or(v),
                scale: Scale::One,
                yuan: false,
            },
            (_, false) => Numeral { value: edge, scale: Scale::One, yuan: false },
        }
    };
    Interval {
        lower: i.lower.as_ref().map(|n| inward(n, i.lower_closed, true)),
        lower_closed: i.lower.is_some(),
        upper: i.upper.as_ref().map(|n| inward(n, i.upper_closed, false)),
        upper_closed: i.upper.is_some(),
    }
}

/// The interval as read: as written, or as the whole numbers it holds.
fn read(i: &Interval, whole: bool) -> Cow<'_, Interval> {
    if whole {
        Cow::Owned(whole_numbers(i))
    } else {
        Cow::Borrowed(i)
    }
}

/// Reports empty tiers (errors), overlaps and gaps (warnings). One sweep over the tiers
/// sorted by lower bound, so the cost is n log n: each tier is compared with the one before
/// it that reaches furthest, and an overlap is reported once per tier that has one.
/// With `whole`, the value is a count: every tier, and every gap, is read as the whole numbers
/// it holds.
pub fn analyse<'a>(tiers: impl Iterator<Item = &'a Spanned<Interval>>, whole: bool, findings: &mut Vec<CheckError>) {
    let mut valid: Vec<(usize, Cow<Interval>, &Spanned<Interval>)> = Vec::new();
    for (i, t) in tiers.enumerate() {
        let values = read(&t.node, whole);
        if non_empty(lower(&values), upper(&values)) {
            valid.push((i, values, t));
        } else {
            findings.push(CheckError::EmptyTier { interval: t.node.to_string(), span: t.span.into() });
        }
    }
    valid.sort_by(|(_, a, _), (_, b, _)| cmp_lower(lower(a), lower(b)));
    let (mut overlaps, mut gaps) = (Vec::new(), Vec::new());
    let mut reach: Option<(usize, &Interval, &Spanned<Interval>)> = None;
    for (i, values, t) in &valid {
        let (i, t, values) = (*i, *t, values.as_ref());
        if let Some((r, prev, prev_tier)) = reach {
            let hi = if cmp_upper(upper(prev), upper(values)) == Ordering::Less { upper(prev) } else { upper(values) };
            if non_empty(lower(values), hi) {
                // The tier listed later is the one that loses: it carries the warning.
                let (first, (later_index, later)) = if r < i { (prev_tier, (i, t)) } else { (t, (r, prev_tier)) };
                let at = show(lower(values), hi);
                let overlap = CheckError::TierOverlap { at, span: later.span.into(), other: first.span.into() };
                overlaps.push((later_index, overlap));
            } else if prev.upper.is_some() {
                let gap = Interval {
                    lower: prev.upper.clone(),
                    lower_closed: !prev.upper_closed,
                    upper: values.lower.clone(),
                    upper_closed: !values.lower_closed,
                };
                let gap = read(&gap, whole);
                if non_empty(lower(&gap), upper(&gap)) {
                    let gap = show(lower(&gap), upper(&gap));
                    gaps.push(CheckError::TierGap { gap, span: prev_tier.span.into(), next: t.span.into() });
                }
            }
        }
        if reach.is_none_or(|(_, r, _)| cmp_upper(upper(values), upper(r)) == Ordering::Greater) {
            reach = Some((i, values, t));
        }
    }
    overlaps.sort_by_key(|(later, _)| *later);
    findings.extend(overlaps.into_iter().map(|(_, e)| e));
    findings.extend(gaps);
}
