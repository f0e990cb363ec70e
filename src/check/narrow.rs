//! What a rule's conditions leave possible for its enum facts, so that a `by` table needs
//! arms only for those: `when phase in { I, II, III }` then `by phase { I => …, II => …,
//! III => … }` is complete although `phase` also has `preclinical`.
//!
//! Only what the conditions certainly say counts: `in`, `==` and `!=` against a value, joined
//! by `and` and `or`. Anything else says nothing, so the table must cover every value. A fact
//! is known by its path, the rule's own kind left out (`drug.phase` is `phase` in a rule for
//! `drug`).

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

/// The values the conditions of a rule `for` the kind `own` allow its enum facts.
#[derive(Clone, Debug, Default)]
pub(super) struct Narrowing {
    own: String,
    facts: Facts,
}

/// For each enum fact (by [`key`]) the values allowed.
#[derive(Clone, Debug, Default)]
struct Facts(HashMap<String, Allowed>);

/// A fact's path as a key: `drug.phase` and `phase` are one fact in a rule for `drug`.
fn key(fact: &Expr, own: &str) -> Option<String> {
    let ExprKind::Path(parts) = &fact.node else { return None };
    let parts = match parts.split_first() {
        Some((first, rest)) if first.node == own && !rest.is_empty() => rest,
        _ => parts.as_slice(),
    };
    Some(parts.iter().map(|p| p.node.as_str()).collect::<Vec<_>>().join("."))
}

impl Narrowing {
    /// What all of `conditions` of a rule for the kind `own` together allow.
    pub fn of<'a>(own: &str, conditions: impl IntoIterator<Item = &'a Expr>) -> Narrowing {
        let facts = conditions.into_iter().map(|c| condition(c, own)).fold(Facts::default(), Facts::and);
        Narrowing { own: own.to_string(), facts }
    }

    /// Whether `fact` (a path) may have the value `variant`.
    pub fn allows(&self, fact: &Expr, variant: &str) -> bool {
        let Some(fact) = key(fact, &self.own) else { return true };
        match self.facts.0.get(&fact) {
            None => true,
            Some(Allowed::Only(set)) => set.contains(variant),
            Some(Allowed::AllBut(set)) => !set.contains(variant),
        }
    }
}

impl Facts {
    fn and(mut self, other: Facts) -> Facts {
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
    fn or(mut self, mut other: Facts) -> Facts {
        let joined = self.0.drain().filter_map(|(fact, mine)| Some((fact.clone(), mine.or(other.0.remove(&fact)?))));
        Facts(joined.collect())
    }
}

/// What one condition says about the enum facts it tests.
fn condition(e: &Expr, own: &str) -> Facts {
    let one = |fact: &Expr, allowed: Allowed| match key(fact, own) {
        Some(fact) => Facts(HashMap::from([(fact, allowed)])),
        None => Facts::default(),
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
            named(value).map_or_else(Facts::default, |v| one(fact, Allowed::Only(v)))
        }
        ExprKind::Binary(BinOp::Ne, fact, value) => {
            named(value).map_or_else(Facts::default, |v| one(fact, Allowed::AllBut(v)))
        }
        ExprKind::Binary(BinOp::And, a, b) => condition(a, own).and(condition(b, own)),
        ExprKind::Binary(BinOp::Or, a, b) => condition(a, own).or(condition(b, own)),
        // `not` is exact only over a single test: `not (phase in { I })`.
        ExprKind::Unary(UnOp::Not, inner) => match &inner.node {
            ExprKind::In(..) | ExprKind::Binary(BinOp::Eq | BinOp::Ne, ..) => {
                Facts(condition(inner, own).0.into_iter().map(|(fact, allowed)| (fact, allowed.not())).collect())
            }
            _ => Facts::default(),
        },
        _ => Facts::default(),
    }
}
