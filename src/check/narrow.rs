//! What a rule's conditions leave possible for its enum facts, so that a `by` table needs
//! arms only for those: `when phase in { I, II, III }` then `by phase { I => …, II => …,
//! III => … }` is complete although `phase` also has `preclinical`.
//!
//! Only what the conditions certainly say counts: `in`, `==` and `!=` against a value, joined
//! by `and` and `or`. Anything else says nothing, so the table must cover every value.

use crate::ast::{BinOp, Expr, ExprKind, UnOp};
use std::collections::{BTreeSet, HashMap};

/// The values a fact may still have.
#[derive(Clone, Debug, PartialEq)]
enum Allowed {
    /// Only these.
    Only(BTreeSet<String>),
    /// Any but these.
    AllBut(BTreeSet<String>),
}

impl Allowed {
    fn and(self, other: Allowed) -> Allowed {
        use Allowed::*;
        match (self, other) {
            (Only(a), Only(b)) => Only(a.intersection(&b).cloned().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => Only(a.difference(&b).cloned().collect()),
            (AllBut(a), AllBut(b)) => AllBut(a.union(&b).cloned().collect()),
        }
    }

    fn or(self, other: Allowed) -> Allowed {
        use Allowed::*;
        match (self, other) {
            (Only(a), Only(b)) => Only(a.union(&b).cloned().collect()),
            (Only(a), AllBut(b)) | (AllBut(b), Only(a)) => AllBut(b.difference(&a).cloned().collect()),
            (AllBut(a), AllBut(b)) => AllBut(a.intersection(&b).cloned().collect()),
        }
    }

    fn not(self) -> Allowed {
        match self {
            Allowed::Only(a) => Allowed::AllBut(a),
            Allowed::AllBut(a) => Allowed::Only(a),
        }
    }
}

/// For each enum fact (by its path as written) the values the conditions allow.
#[derive(Clone, Debug, Default)]
pub(super) struct Narrowing(HashMap<String, Allowed>);

impl Narrowing {
    /// What all of `conditions` together allow.
    pub fn of<'a>(conditions: impl IntoIterator<Item = &'a Expr>) -> Narrowing {
        conditions.into_iter().map(condition).fold(Narrowing::default(), Narrowing::and)
    }

    /// Whether `fact` (a path as written) may have the value `variant`.
    pub fn allows(&self, fact: &str, variant: &str) -> bool {
        match self.0.get(fact) {
            None => true,
            Some(Allowed::Only(set)) => set.contains(variant),
            Some(Allowed::AllBut(set)) => !set.contains(variant),
        }
    }

    fn and(mut self, other: Narrowing) -> Narrowing {
        for (fact, allowed) in other.0 {
            let joined = match self.0.remove(&fact) {
                Some(mine) => mine.and(allowed),
                None => allowed,
            };
            self.0.insert(fact, joined);
        }
        self
    }

    /// A fact one side leaves free is free after `or`.
    fn or(mut self, mut other: Narrowing) -> Narrowing {
        let joined = self.0.drain().filter_map(|(fact, mine)| Some((fact.clone(), mine.or(other.0.remove(&fact)?))));
        Narrowing(joined.collect())
    }
}

/// What one condition says about the enum facts it tests.
fn condition(e: &Expr) -> Narrowing {
    let one = |fact: &Expr, allowed: Allowed| match fact.node {
        ExprKind::Path(_) => Narrowing(HashMap::from([(fact.to_string(), allowed)])),
        _ => Narrowing::default(),
    };
    let named = |value: &Expr| match &value.node {
        ExprKind::Path(parts) => match parts.as_slice() {
            [one] => Some(BTreeSet::from([one.node.clone()])),
            _ => None,
        },
        _ => None,
    };
    match &e.node {
        ExprKind::In(fact, set) => one(fact, Allowed::Only(set.iter().map(|v| v.node.clone()).collect())),
        ExprKind::Binary(BinOp::Eq, fact, value) => {
            named(value).map_or_else(Narrowing::default, |v| one(fact, Allowed::Only(v)))
        }
        ExprKind::Binary(BinOp::Ne, fact, value) => {
            named(value).map_or_else(Narrowing::default, |v| one(fact, Allowed::AllBut(v)))
        }
        ExprKind::Binary(BinOp::And, a, b) => condition(a).and(condition(b)),
        ExprKind::Binary(BinOp::Or, a, b) => condition(a).or(condition(b)),
        // `not` is exact only over a single test: `not (phase in { I })`.
        ExprKind::Unary(UnOp::Not, inner) => match &inner.node {
            ExprKind::In(..) | ExprKind::Binary(BinOp::Eq | BinOp::Ne, ..) => {
                Narrowing(condition(inner).0.into_iter().map(|(fact, allowed)| (fact, allowed.not())).collect())
            }
            _ => Narrowing::default(),
        },
        _ => Narrowing::default(),
    }
}
