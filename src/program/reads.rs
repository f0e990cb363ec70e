//! What a condition reads, found once when the program is built: a false condition's reason
//! shows each fact it read, for every rule and entity it is false for, and walking the
//! expression for them each time was a good part of explaining.

use super::{Condition, Expr};
use std::sync::Arc;

/// A fact (or aggregate) a condition reads, which its not-applicable reason shows.
#[derive(Clone, Debug)]
pub enum Reading {
    /// A fact of the entity `up` levels above, and its default's text when it has one.
    Field {
        /// Hops up the entity tree.
        up: usize,
        /// The fact's slot.
        slot: usize,
        /// The fact as written.
        name: Arc<str>,
        /// The default as written, when an absent fact counts as it.
        default: Option<Arc<str>>,
    },
    /// An aggregate over child records (the whole [`Expr::Aggregate`]), and its words.
    Aggregate(Expr, Arc<str>),
}

impl Condition {
    /// A condition, and the facts its reason shows should it be false.
    pub fn new(text: Arc<str>, expr: Expr, scope: bool) -> Condition {
        let mut reads = Vec::new();
        collect(&expr, &mut reads);
        Condition { text, expr, scope, reads }
    }
}

/// Each fact once (by entity and slot), in the order written.
fn collect(e: &Expr, out: &mut Vec<Reading>) {
    use Expr::*;
    let mut field = |up: usize, slot: usize, name: &Arc<str>, default: Option<&Arc<str>>| {
        if !out.iter().any(|r| matches!(r, Reading::Field { up: u, slot: s, .. } if *u == up && *s == slot)) {
            out.push(Reading::Field { up, slot, name: name.clone(), default: default.cloned() });
        }
    };
    match e {
        Field { up, slot, name } => field(*up, *slot, name, None),
        Default { fact, text, .. } => match fact.as_ref() {
            Field { up, slot, name } => field(*up, *slot, name, Some(text)),
            other => collect(other, out),
        },
        Aggregate(aggregate) => out.push(Reading::Aggregate(e.clone(), aggregate.text.clone())),
        Neg(a) | Not(a) | UpTo(a) | In(a, _) => collect(a, out),
        Arith(_, a, b) | Compare(_, a, b) | And(a, b) | Or(a, b) | Range(a, b) | RateRange(a, b) => {
            collect(a, out);
            collect(b, out);
        }
        Shift { date, by, .. } => {
            collect(date, out);
            collect(by, out);
        }
        If(c, t, f) => {
            collect(c, out);
            collect(t, out);
            collect(f, out);
        }
        Of { rate, base, .. } => {
            collect(rate, out);
            collect(base, out);
        }
        Per { amount, count, .. } | Max { amount, cap: count, .. } => {
            collect(amount, out);
            collect(count, out);
        }
        By { scrutinee, .. } | Tiers { scrutinee, .. } | Marginal { scrutinee, .. } | Steps { scrutinee, .. } => {
            collect(scrutinee, out)
        }
        EnumName { value, .. } => collect(value, out),
        Call { args, .. } => args.iter().for_each(|arg| collect(arg, out)),
        Const(_) | AsOf | CaseByCase { .. } | Param { .. } => {}
    }
}
