//! Proves a tier table's brackets neither overlap nor leave gaps, or says where they do.
//!
//! Wuxi 三（十一） writes "1亿元~5亿元" and "5亿元以上": read by PRC Civil Code art. 1259 both
//! include 5亿, so the brackets overlap at exactly that value. Such findings are warnings
//! about the text; the drafter keeps the literal reading and documents the choice.

use super::CheckError;
use crate::ast::{Interval, Numeral, Spanned};
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
        (Some(l), Some(h)) if l.value == h.value => format!("exactly {l}"),
        _ => {
            let i = Interval {
                lower: lo.at.cloned(),
                lower_closed: lo.closed,
                upper: hi.at.cloned(),
                upper_closed: hi.closed,
            };
            format!("every value in {i}")
        }
    }
}

/// Reports empty tiers (errors), overlaps and gaps (warnings). One sweep over the tiers
/// sorted by lower bound, so the cost is n log n: each tier is compared with the one before
/// it that reaches furthest, and an overlap is reported once per tier that has one.
pub fn analyse<'a>(tiers: impl Iterator<Item = &'a Spanned<Interval>>, findings: &mut Vec<CheckError>) {
    let mut valid = Vec::new();
    for (i, t) in tiers.enumerate() {
        if non_empty(lower(t), upper(t)) {
            valid.push((i, t));
        } else {
            findings.push(CheckError::EmptyTier { interval: t.node.to_string(), span: t.span.into() });
        }
    }
    valid.sort_by(|(_, a), (_, b)| cmp_lower(lower(a), lower(b)));
    let (mut overlaps, mut gaps) = (Vec::new(), Vec::new());
    let mut reach: Option<(usize, &Spanned<Interval>)> = None;
    for (i, t) in valid {
        if let Some((r, prev)) = reach {
            let hi = if cmp_upper(upper(prev), upper(t)) == Ordering::Less { upper(prev) } else { upper(t) };
            let gap_lo = Bound { at: upper(prev).at, closed: !upper(prev).closed };
            let gap_hi = Bound { at: lower(t).at, closed: !lower(t).closed };
            if non_empty(lower(t), hi) {
                // The tier listed later is the one that loses: it carries the warning.
                let (first, (later_index, later)) = if r < i { (prev, (i, t)) } else { (t, (r, prev)) };
                let at = show(lower(t), hi);
                let overlap = CheckError::TierOverlap { at, span: later.span.into(), other: first.span.into() };
                overlaps.push((later_index, overlap));
            } else if upper(prev).at.is_some() && non_empty(gap_lo, gap_hi) {
                gaps.push(CheckError::TierGap {
                    gap: show(gap_lo, gap_hi),
                    span: prev.span.into(),
                    next: t.span.into(),
                });
            }
        }
        if reach.is_none_or(|(_, r)| cmp_upper(upper(t), upper(r)) == Ordering::Greater) {
            reach = Some((i, t));
        }
    }
    overlaps.sort_by_key(|(later, _)| *later);
    findings.extend(overlaps.into_iter().map(|(_, e)| e));
    findings.extend(gaps);
}
