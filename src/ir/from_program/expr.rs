//! Expressions, program → IR. The program keeps a literal as a bare decimal; its unit comes
//! from where it stands (`400万` beside `rd_cost` is money, `3` beside `trials` a count).

use super::super::types as ir;
use super::{enum_name, variant};
use crate::amounts::Interval;
use crate::program::{Arith, Compare, Entitlement, Expr, KindId, Program, Ty, Value};
use crate::terms::AggOp;
use rust_decimal::Decimal;

pub(super) fn money(m: Decimal) -> ir::Money {
    ir::Money { money: m, unit: ir::MoneyUnit::Yuan }
}

/// A decimal with the unit its place gives it.
fn amount(d: Decimal, ty: Ty) -> ir::Amount {
    match ty {
        Ty::Money | Ty::Award => ir::Amount::Money(money(d)),
        Ty::Rate | Ty::RateRange => ir::Amount::Rate(ir::RateValue { rate: d }),
        Ty::Count => ir::Amount::Count(ir::CountValue { count: d }),
        _ => ir::Amount::Number(ir::NumberValue { number: d }),
    }
}

/// A type that says what a literal beside it is (a bare literal or an error says nothing).
fn known(ty: Ty) -> Option<Ty> {
    (!matches!(ty, Ty::Literal | Ty::Error)).then_some(ty)
}

/// Writes one rule's expressions, whose facts are read from the rule's entity (`chain[0]`)
/// and its owners.
pub(super) struct Writer<'a> {
    pub(super) program: &'a Program,
    pub(super) chain: Vec<KindId>,
    /// In a schedule's body: its parameters.
    pub(super) params: &'a [(String, Ty)],
}

impl Writer<'_> {
    fn field(&self, up: usize, slot: usize) -> Option<&crate::program::FieldDef> {
        self.chain.get(up).and_then(|&k| self.program.schema.kinds.get(k)).and_then(|k| k.fields.get(slot))
    }

    /// The type an expression gives, as far as the IR needs it: `Literal` when only its
    /// context can tell.
    pub(super) fn ty(&self, e: &Expr) -> Ty {
        let first_known = |a: Ty, b: Ty| known(a).or(known(b)).unwrap_or(Ty::Literal);
        match e {
            Expr::Const(v) => match v {
                Value::Dec(_) | Value::Enum(_) => Ty::Literal,
                Value::Bool(_) => Ty::Bool,
                Value::Date(_) => Ty::Date,
                Value::Duration(_) => Ty::Duration,
                Value::Text(_) => Ty::Text,
                Value::Award(_) => Ty::Award,
                Value::RateRange(..) => Ty::RateRange,
            },
            Expr::Field { up, slot, .. } => self.field(*up, *slot).map_or(Ty::Error, |f| f.ty),
            Expr::AsOf | Expr::Shift { .. } => Ty::Date,
            Expr::Neg(x) => self.ty(x),
            Expr::Not(_) | Expr::Compare(..) | Expr::And(..) | Expr::Or(..) | Expr::In(..) => Ty::Bool,
            Expr::UpTo(_) | Expr::Range(..) | Expr::CaseByCase { .. } => Ty::Award,
            Expr::Arith(op, a, b) => {
                let (a, b) = (self.ty(a), self.ty(b));
                match op {
                    Arith::Add | Arith::Sub => first_known(a, b),
                    Arith::Mul if a == Ty::Money || b == Ty::Money => Ty::Money,
                    Arith::Mul => first_known(a, b),
                    Arith::Div => match (a, b) {
                        (Ty::Money, Ty::Money) => Ty::Number,
                        (Ty::Money, _) => Ty::Money,
                        (Ty::Literal, Ty::Literal) => Ty::Literal,
                        _ => Ty::Number,
                    },
                }
            }
            Expr::If(_, a, b) => first_known(self.ty(a), self.ty(b)),
            Expr::By { arms, .. } => self.arms_ty(arms.iter()),
            Expr::Tiers { arms, .. } => self.arms_ty(arms.iter().map(|(_, e)| e)),
            Expr::Steps { arms, .. } => self.arms_ty(arms.iter().map(|(_, e)| e)),
            Expr::Marginal { scrutinee, .. } => known(self.ty(scrutinee)).unwrap_or(Ty::Money),
            Expr::Of { base, rate, .. } => match (self.ty(rate), self.ty(base)) {
                (Ty::RateRange, _) => Ty::Award,
                (_, Ty::Number | Ty::Count) => Ty::Number,
                _ => Ty::Money,
            },
            Expr::Per { .. } => Ty::Money,
            Expr::RateRange(..) => Ty::RateRange,
            Expr::Max { amount, .. } => match self.ty(amount) {
                Ty::Award => Ty::Award,
                _ => Ty::Money,
            },
            Expr::EnumName { .. } => Ty::Text,
            Expr::Param { index, .. } => self.params.get(*index).map_or(Ty::Error, |(_, ty)| *ty),
            Expr::Call { schedule, .. } => match self.program.schedules.get(*schedule) {
                Some(s) => {
                    let params = s.params.as_deref().unwrap_or_default();
                    Writer { program: self.program, chain: Vec::new(), params }.ty(&s.body)
                }
                None => Ty::Error,
            },
            Expr::Default { fact, .. } => self.ty(fact),
            Expr::Aggregate(a) => match (a.op, &a.field) {
                (AggOp::Count, _) => Ty::Count,
                (AggOp::Any | AggOp::All, _) => Ty::Bool,
                (_, Some(field)) => self.records(a).ty(field),
                (_, None) => Ty::Number,
            },
        }
    }

    /// The writer for an aggregate's record: its kind, then the list's holder and owners.
    fn records(&self, a: &crate::program::Aggregate) -> Writer<'_> {
        let mut chain = vec![a.kind];
        chain.extend(self.chain.get(a.up..).unwrap_or_default());
        Writer { program: self.program, chain, params: self.params }
    }

    fn fact(&self, e: &Expr) -> ir::Fact {
        match self.expr(e, Ty::Error) {
            ir::Expr::Fact(f) => f,
            _ => ir::Fact { fact: String::new(), of: None },
        }
    }

    fn aggregate(&self, a: &crate::program::Aggregate) -> ir::Expr {
        let holder = self.chain.get(a.up).and_then(|&k| self.program.schema.kinds.get(k));
        let list = ir::Fact {
            fact: holder.and_then(|k| k.fields.get(a.list)).map_or_else(String::new, |f| f.name.clone()),
            of: (a.up > 0).then(|| holder.map_or_else(String::new, |k| k.name.clone())),
        };
        let records = self.records(a);
        let field = a.field.as_ref().map(|f| records.boxed(f, records.ty(f)));
        let take = match a.op {
            AggOp::Sum => ir::Aggregation::Sum,
            AggOp::Count => ir::Aggregation::Count,
            AggOp::Min => ir::Aggregation::Min,
            AggOp::Max => ir::Aggregation::Max,
            AggOp::Any => ir::Aggregation::Any,
            AggOp::All => ir::Aggregation::All,
        };
        let filter = a.filter.as_ref().map(|f| records.boxed(f, Ty::Bool));
        ir::Expr::Op(ir::Op::Aggregate { take, list, field, filter, text: a.text.to_string() })
    }

    fn arms_ty<'e>(&self, mut arms: impl Iterator<Item = &'e Expr>) -> Ty {
        arms.find_map(|e| known(self.ty(e))).unwrap_or(Ty::Literal)
    }

    fn boxed(&self, e: &Expr, want: Ty) -> Box<ir::Expr> {
        Box::new(self.expr(e, want))
    }

    /// The IR of `e`, where `want` is the type its place calls for (the unit of a literal).
    pub(super) fn expr(&self, e: &Expr, want: Ty) -> ir::Expr {
        match e {
            Expr::Const(v) => self.value(v, want),
            Expr::Field { up, slot, name } => ir::Expr::Fact(ir::Fact {
                fact: self.field(*up, *slot).map_or_else(|| name.to_string(), |f| f.name.clone()),
                of: name.split_once('.').map(|(owner, _)| owner.to_string()),
            }),
            Expr::AsOf => ir::Expr::Op(ir::Op::AsOf),
            Expr::Neg(x) => ir::Expr::Op(ir::Op::Neg { arg: self.boxed(x, want) }),
            Expr::Not(x) => ir::Expr::Op(ir::Op::Not { arg: self.boxed(x, Ty::Bool) }),
            Expr::UpTo(x) => ir::Expr::Op(ir::Op::UpTo { arg: self.boxed(x, Ty::Money) }),
            Expr::Arith(op, a, b) => self.arith(*op, a, b, want),
            Expr::Shift { date, by, negate } => {
                let (date, by) = (self.boxed(date, Ty::Date), self.boxed(by, Ty::Duration));
                ir::Expr::Op(if *negate { ir::Op::DateSub { date, by } } else { ir::Op::DateAdd { date, by } })
            }
            Expr::Compare(op, a, b) => {
                let (ta, tb) = (self.ty(a), self.ty(b));
                let left = self.boxed(a, known(tb).unwrap_or(Ty::Number));
                let right = self.boxed(b, known(ta).unwrap_or(Ty::Number));
                ir::Expr::Op(match op {
                    Compare::Eq => ir::Op::Eq { left, right },
                    Compare::Ne => ir::Op::Ne { left, right },
                    Compare::Lt => ir::Op::Lt { left, right },
                    Compare::Le => ir::Op::Le { left, right },
                    Compare::Gt => ir::Op::Gt { left, right },
                    Compare::Ge => ir::Op::Ge { left, right },
                })
            }
            Expr::And(a, b) => {
                ir::Expr::Op(ir::Op::And { left: self.boxed(a, Ty::Bool), right: self.boxed(b, Ty::Bool) })
            }
            Expr::Or(a, b) => {
                ir::Expr::Op(ir::Op::Or { left: self.boxed(a, Ty::Bool), right: self.boxed(b, Ty::Bool) })
            }
            Expr::In(x, values) => {
                let id = match self.ty(x) {
                    Ty::Enum(id) => id,
                    _ => usize::MAX,
                };
                ir::Expr::Op(ir::Op::In {
                    value: self.boxed(x, Ty::Enum(id)),
                    name: enum_name(self.program, id),
                    values: values.iter().map(|&v| variant(self.program, id, v)).collect(),
                })
            }
            Expr::If(c, a, b) => {
                let want = known(self.ty(a)).or(known(self.ty(b))).unwrap_or(want);
                ir::Expr::Op(ir::Op::If {
                    cond: self.boxed(c, Ty::Bool),
                    then: self.boxed(a, want),
                    otherwise: self.boxed(b, want),
                })
            }
            Expr::By { scrutinee, enum_id, table, arms, text } => {
                let want = known(self.arms_ty(arms.iter())).unwrap_or(want);
                let arms = arms
                    .iter()
                    .enumerate()
                    .map(|(i, arm)| ir::ByArm {
                        values: (table.iter().enumerate())
                            .filter(|(_, a)| **a == Some(i))
                            .map(|(v, _)| variant(self.program, *enum_id, v))
                            .collect(),
                        then: self.expr(arm, want),
                    })
                    .collect();
                ir::Expr::Op(ir::Op::By {
                    value: self.boxed(scrutinee, Ty::Enum(*enum_id)),
                    name: enum_name(self.program, *enum_id),
                    text: text.to_string(),
                    arms,
                })
            }
            Expr::Tiers { scrutinee, arms, text } => {
                let want = known(self.arms_ty(arms.iter().map(|(_, e)| e))).unwrap_or(want);
                let (value, arms) = self.tiers(scrutinee, arms, want);
                ir::Expr::Op(ir::Op::Tiers { value, text: text.to_string(), arms })
            }
            Expr::Marginal { scrutinee, arms, text } => {
                let (value, arms) = self.tiers(scrutinee, arms, Ty::Rate);
                ir::Expr::Op(ir::Op::Marginal { value, text: text.to_string(), arms })
            }
            Expr::Steps { scrutinee, arms, text } => {
                let want = known(self.arms_ty(arms.iter().map(|(_, e)| e))).unwrap_or(want);
                let bound = known(self.ty(scrutinee)).unwrap_or(Ty::Money);
                ir::Expr::Op(ir::Op::Steps {
                    value: self.boxed(scrutinee, bound),
                    text: text.to_string(),
                    arms: arms
                        .iter()
                        .map(|(threshold, e)| ir::Step { from: amount(*threshold, bound), then: self.expr(e, want) })
                        .collect(),
                })
            }
            Expr::Of { rate, base, text, rate_text } => {
                let base_want = known(self.ty(base)).unwrap_or(if want == Ty::Number { want } else { Ty::Money });
                ir::Expr::Op(ir::Op::Of {
                    rate: self.boxed(rate, Ty::Rate),
                    base: self.boxed(base, base_want),
                    text: text.to_string(),
                    rate_text: rate_text.as_ref().map(|t| t.to_string()),
                })
            }
            Expr::Per { amount, count, text } => ir::Expr::Op(ir::Op::Per {
                amount: self.boxed(amount, Ty::Money),
                count: self.boxed(count, known(self.ty(count)).unwrap_or(Ty::Count)),
                text: text.to_string(),
            }),
            Expr::Range(lo, hi) => {
                ir::Expr::Op(ir::Op::Range { low: self.boxed(lo, Ty::Money), high: self.boxed(hi, Ty::Money) })
            }
            Expr::RateRange(lo, hi) => {
                ir::Expr::Op(ir::Op::RateRange { low: self.boxed(lo, Ty::Rate), high: self.boxed(hi, Ty::Rate) })
            }
            Expr::Max { amount, cap, text } => ir::Expr::Op(ir::Op::Max {
                amount: self.boxed(amount, Ty::Money),
                cap: self.boxed(cap, Ty::Money),
                text: text.to_string(),
            }),
            Expr::CaseByCase { uncapped } => ir::Expr::Op(ir::Op::CaseByCase { uncapped: *uncapped }),
            Expr::Aggregate(a) => self.aggregate(a),
            Expr::Param { name, .. } => ir::Expr::Op(ir::Op::Param { name: name.to_string() }),
            Expr::Call { schedule, args, text } => {
                let s = self.program.schedules.get(*schedule);
                let params = s.and_then(|s| s.params.as_deref()).unwrap_or_default();
                ir::Expr::Op(ir::Op::Call {
                    schedule: s.map(|s| s.name.clone()).unwrap_or_default(),
                    policy: s.and_then(|s| s.policy.clone()),
                    args: args
                        .iter()
                        .enumerate()
                        .map(|(i, a)| self.expr(a, params.get(i).map_or(Ty::Literal, |(_, ty)| *ty)))
                        .collect(),
                    text: text.to_string(),
                })
            }
            Expr::Default { fact, value, .. } => ir::Expr::Op(ir::Op::Default {
                fact: self.fact(fact),
                value: Box::new(self.value(value, self.ty(fact))),
            }),
            Expr::EnumName { value, enum_id } => ir::Expr::Op(ir::Op::EnumName {
                value: self.boxed(value, Ty::Enum(*enum_id)),
                name: enum_name(self.program, *enum_id),
            }),
        }
    }

    fn arith(&self, op: Arith, a: &Expr, b: &Expr, want: Ty) -> ir::Expr {
        let (ta, tb) = (self.ty(a), self.ty(b));
        let (wa, wb) = match op {
            Arith::Add | Arith::Sub => (known(tb).unwrap_or(want), known(ta).unwrap_or(want)),
            // `rd_cost * 2`: beside money a literal is a plain number.
            Arith::Mul => {
                let beside = |other: Ty, fallback: Ty| match other {
                    Ty::Money => Ty::Number,
                    t => known(t).unwrap_or(fallback),
                };
                (beside(tb, want), beside(ta, Ty::Number))
            }
            Arith::Div => (
                match tb {
                    Ty::Money => Ty::Money,
                    t if known(t).is_some() => Ty::Number,
                    _ => want,
                },
                Ty::Number,
            ),
        };
        let (left, right) = (self.boxed(a, wa), self.boxed(b, wb));
        ir::Expr::Op(match op {
            Arith::Add => ir::Op::Add { left, right },
            Arith::Sub => ir::Op::Sub { left, right },
            Arith::Mul => ir::Op::Mul { left, right },
            Arith::Div => ir::Op::Div { left, right },
        })
    }

    /// A tier table's scrutinee and arms; the bounds take the scrutinee's unit.
    fn tiers(&self, scrutinee: &Expr, arms: &[(Interval, Expr)], want: Ty) -> (Box<ir::Expr>, Vec<ir::Tier>) {
        let bound = known(self.ty(scrutinee)).unwrap_or(Ty::Money);
        let arms = arms
            .iter()
            .map(|(interval, e)| ir::Tier {
                from: interval.lower.as_ref().map(|n| amount(n.value, bound)),
                from_included: interval.lower_closed,
                to: interval.upper.as_ref().map(|n| amount(n.value, bound)),
                to_included: interval.upper_closed,
                text: interval.to_string(),
                then: self.expr(e, want),
            })
            .collect();
        (self.boxed(scrutinee, bound), arms)
    }

    pub(super) fn value(&self, v: &Value, want: Ty) -> ir::Expr {
        match v {
            Value::Dec(d) => ir::Expr::Amount(amount(*d, want)),
            Value::Bool(b) => ir::Expr::Bool(ir::BoolValue { bool: *b }),
            Value::Date(d) => ir::Expr::Date(ir::DateValue { date: *d }),
            Value::Duration(d) => {
                ir::Expr::Duration(ir::DurationValue { duration: ir::Duration { months: d.months, days: d.days } })
            }
            Value::Text(t) => ir::Expr::Text(ir::TextValue { text: t.to_string() }),
            Value::Enum(i) => {
                let id = match want {
                    Ty::Enum(id) => id,
                    _ => usize::MAX,
                };
                ir::Expr::Enum(ir::EnumValue {
                    name: enum_name(self.program, id),
                    value: variant(self.program, id, *i),
                })
            }
            // The checker never writes an award or a rate range as a constant; should one
            // appear, it is written as the expression that makes it.
            Value::RateRange(lo, hi) => ir::Expr::Op(ir::Op::RateRange {
                low: Box::new(ir::Expr::Amount(amount(*lo, Ty::Rate))),
                high: Box::new(ir::Expr::Amount(amount(*hi, Ty::Rate))),
            }),
            Value::Award(a) => award(a),
        }
    }
}

fn award(a: &Entitlement) -> ir::Expr {
    let m = |d: Decimal| Box::new(ir::Expr::Amount(ir::Amount::Money(money(d))));
    match a {
        Entitlement::Exact(x) => ir::Expr::Amount(ir::Amount::Money(money(*x))),
        Entitlement::UpTo(x) => ir::Expr::Op(ir::Op::UpTo { arg: m(*x) }),
        Entitlement::Range(lo, hi) => ir::Expr::Op(ir::Op::Range { low: m(*lo), high: m(*hi) }),
        Entitlement::CaseByCase { cap: None, uncapped } => ir::Expr::Op(ir::Op::CaseByCase { uncapped: *uncapped }),
        Entitlement::CaseByCase { cap: Some(cap), uncapped } => ir::Expr::Op(ir::Op::Max {
            amount: Box::new(ir::Expr::Op(ir::Op::CaseByCase { uncapped: *uncapped })),
            cap: m(*cap),
            text: String::new(),
        }),
    }
}
