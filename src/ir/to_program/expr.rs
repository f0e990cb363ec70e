//! Expressions, IR → program: facts, enum values and enums resolved by name against the
//! rule's entity and its owners.

use super::super::types as ir;
use super::{bad, Result};
use crate::amounts::{Interval, Numeral, Scale};
use crate::dates;
use crate::program::{Aggregate, Arith, Compare, EnumDef, Expr, KindId, Schedule, Schema, Ty, Value};
use crate::terms::AggOp;
use rust_decimal::Decimal;

/// The decimal of an amount, whatever its unit.
fn dec(a: &ir::Amount) -> Decimal {
    match a {
        ir::Amount::Money(m) => m.money,
        ir::Amount::Rate(r) => r.rate,
        ir::Amount::Count(c) => c.count,
        ir::Amount::Number(n) => n.number,
    }
}

/// A literal's value (a default's), or `None` for anything else.
pub(super) fn literal(e: &ir::Expr, enums: &[EnumDef]) -> Option<Value> {
    Some(match e {
        ir::Expr::Amount(a) => Value::Dec(dec(a)),
        ir::Expr::Bool(b) => Value::Bool(b.bool),
        ir::Expr::Date(d) => Value::Date(d.date),
        ir::Expr::Duration(d) => Value::Duration(dates::Duration { months: d.duration.months, days: d.duration.days }),
        ir::Expr::Text(t) => Value::Text(t.text.as_str().into()),
        ir::Expr::Enum(v) => {
            let def = enums.iter().find(|e| e.name == v.name)?;
            Value::Enum(def.variants.iter().position(|x| **x == *v.value)?)
        }
        ir::Expr::Fact(_) | ir::Expr::Op(_) => return None,
    })
}

/// A tier's interval. The bounds' written scale (`5亿`, `100万元`) comes from the tier's
/// text, so the trace shows the tier as written; a text that does not parse shows plain
/// figures.
fn interval(t: &ir::Tier) -> Interval {
    let inner = t.text.get(1..t.text.len().saturating_sub(1)).unwrap_or("");
    let mut written = inner.split(", ");
    let mut bound = |a: &Option<ir::Amount>| {
        let token = written.next().unwrap_or("");
        a.as_ref().map(|a| {
            let yuan = token.ends_with('元');
            let figure = token.trim_end_matches('元');
            let scale = match figure.chars().last() {
                Some('亿') => Scale::Yi,
                Some('万') => Scale::Wan,
                _ => Scale::One,
            };
            Numeral { value: dec(a), scale, yuan }
        })
    };
    let lower = bound(&t.from);
    let upper = bound(&t.to);
    Interval { lower, lower_closed: t.from_included, upper, upper_closed: t.to_included }
}

/// Reads one rule's expressions: facts are resolved against the rule's entity (`chain[0]`)
/// and its owners.
pub(super) struct Reader<'a> {
    pub(super) schema: &'a Schema,
    pub(super) chain: Vec<KindId>,
    pub(super) rule: &'a str,
    /// The schedules a call may name.
    pub(super) schedules: &'a [Schedule],
    /// In a schedule's body: its parameters.
    pub(super) params: &'a [(String, Ty)],
}

impl Reader<'_> {
    /// How many levels above the rule's entity the entity `name` is.
    pub(super) fn up(&self, name: &str) -> Option<usize> {
        self.chain.iter().position(|&k| self.schema.kinds.get(k).is_some_and(|k| k.name == name))
    }

    fn enum_id(&self, name: &str) -> Result<usize> {
        match self.schema.enum_named(name) {
            Some(e) => Ok(e),
            None => bad(format!("rule `{}` uses enum `{name}`, which is not declared", self.rule)),
        }
    }

    fn variant(&self, id: usize, value: &str) -> Result<usize> {
        let def = self.schema.enums.get(id);
        match def.and_then(|e| e.variants.iter().position(|v| **v == *value)) {
            Some(i) => Ok(i),
            None => bad(format!(
                "rule `{}` uses `{value}`, which is not a value of `{}`",
                self.rule,
                def.map_or("", |e| e.name.as_str())
            )),
        }
    }

    fn boxed(&self, e: &ir::Expr) -> Result<Box<Expr>> {
        self.expr(e).map(Box::new)
    }

    fn pair(&self, a: &ir::Expr, b: &ir::Expr) -> Result<(Box<Expr>, Box<Expr>)> {
        Ok((self.boxed(a)?, self.boxed(b)?))
    }

    fn fact(&self, f: &ir::Fact) -> Result<Expr> {
        let up = match &f.of {
            None => Some(0),
            Some(of) => self.up(of),
        };
        let kind = up.and_then(|up| self.chain.get(up)).and_then(|&k| self.schema.kinds.get(k));
        let slot = kind.and_then(|k| k.field(&f.fact));
        match (up, slot) {
            (Some(up), Some(slot)) => {
                let name = f.of.as_ref().map_or_else(|| f.fact.clone(), |of| format!("{of}.{}", f.fact));
                Ok(Expr::Field { up, slot, name: name.into() })
            }
            _ => bad(format!(
                "rule `{}` reads `{}` of `{}`, which its entity and owners do not have",
                self.rule,
                f.fact,
                f.of.as_deref().unwrap_or("its entity")
            )),
        }
    }

    pub(super) fn expr(&self, e: &ir::Expr) -> Result<Expr> {
        use ir::Op;
        let constant = |v: Value| Ok(Expr::Const(v));
        let op = match e {
            ir::Expr::Amount(a) => return constant(Value::Dec(dec(a))),
            ir::Expr::Bool(b) => return constant(Value::Bool(b.bool)),
            ir::Expr::Date(d) => return constant(Value::Date(d.date)),
            ir::Expr::Duration(d) => {
                return constant(Value::Duration(dates::Duration { months: d.duration.months, days: d.duration.days }))
            }
            ir::Expr::Text(t) => return constant(Value::Text(t.text.as_str().into())),
            ir::Expr::Enum(v) => return constant(Value::Enum(self.variant(self.enum_id(&v.name)?, &v.value)?)),
            ir::Expr::Fact(f) => return self.fact(f),
            ir::Expr::Op(op) => op,
        };
        let arith = |op: Arith, l, r| self.pair(l, r).map(|(a, b)| Expr::Arith(op, a, b));
        let compare = |op: Compare, l, r| self.pair(l, r).map(|(a, b)| Expr::Compare(op, a, b));
        let text = |t: &String| -> std::sync::Arc<str> { t.as_str().into() };
        Ok(match op {
            Op::AsOf => Expr::AsOf,
            Op::Neg { arg } => Expr::Neg(self.boxed(arg)?),
            Op::Not { arg } => Expr::Not(self.boxed(arg)?),
            Op::UpTo { arg } => Expr::UpTo(self.boxed(arg)?),
            Op::Add { left, right } => arith(Arith::Add, left, right)?,
            Op::Sub { left, right } => arith(Arith::Sub, left, right)?,
            Op::Mul { left, right } => arith(Arith::Mul, left, right)?,
            Op::Div { left, right } => arith(Arith::Div, left, right)?,
            Op::DateAdd { date, by } => Expr::Shift { date: self.boxed(date)?, by: self.boxed(by)?, negate: false },
            Op::DateSub { date, by } => Expr::Shift { date: self.boxed(date)?, by: self.boxed(by)?, negate: true },
            Op::Eq { left, right } => compare(Compare::Eq, left, right)?,
            Op::Ne { left, right } => compare(Compare::Ne, left, right)?,
            Op::Lt { left, right } => compare(Compare::Lt, left, right)?,
            Op::Le { left, right } => compare(Compare::Le, left, right)?,
            Op::Gt { left, right } => compare(Compare::Gt, left, right)?,
            Op::Ge { left, right } => compare(Compare::Ge, left, right)?,
            Op::And { left, right } => self.pair(left, right).map(|(a, b)| Expr::And(a, b))?,
            Op::Or { left, right } => self.pair(left, right).map(|(a, b)| Expr::Or(a, b))?,
            Op::In { value, name, values } => {
                let id = self.enum_id(name)?;
                let values = values.iter().map(|v| self.variant(id, v)).collect::<Result<_>>()?;
                Expr::In(self.boxed(value)?, values)
            }
            Op::If { cond, then, otherwise } => Expr::If(self.boxed(cond)?, self.boxed(then)?, self.boxed(otherwise)?),
            Op::By { value, name, text: written, arms } => {
                let enum_id = self.enum_id(name)?;
                let n = self.schema.enums.get(enum_id).map_or(0, |e| e.variants.len());
                let mut table = vec![None; n];
                for (i, arm) in arms.iter().enumerate() {
                    for v in &arm.values {
                        match table.get_mut(self.variant(enum_id, v)?) {
                            Some(slot @ None) => *slot = Some(i),
                            _ => return bad(format!("rule `{}`: `{v}` is in two arms of a `by` table", self.rule)),
                        }
                    }
                }
                let arms = arms.iter().map(|a| self.expr(&a.then)).collect::<Result<_>>()?;
                Expr::By { scrutinee: self.boxed(value)?, enum_id, table, arms, text: text(written) }
            }
            Op::Tiers { value, text: written, arms } => {
                Expr::Tiers { scrutinee: self.boxed(value)?, arms: self.tiers(arms)?, text: text(written) }
            }
            Op::Marginal { value, text: written, arms } => {
                Expr::Marginal { scrutinee: self.boxed(value)?, arms: self.tiers(arms)?, text: text(written) }
            }
            Op::Steps { value, text: written, arms } => Expr::Steps {
                scrutinee: self.boxed(value)?,
                arms: arms.iter().map(|s| Ok((dec(&s.from), self.expr(&s.then)?))).collect::<Result<_>>()?,
                text: text(written),
            },
            Op::Of { rate, base, text: written, rate_text } => Expr::Of {
                rate: self.boxed(rate)?,
                base: self.boxed(base)?,
                text: text(written),
                rate_text: rate_text.as_ref().map(text),
            },
            Op::Per { amount, count, text: written } => {
                Expr::Per { amount: self.boxed(amount)?, count: self.boxed(count)?, text: text(written) }
            }
            Op::Range { low, high } => self.pair(low, high).map(|(a, b)| Expr::Range(a, b))?,
            Op::RateRange { low, high } => self.pair(low, high).map(|(a, b)| Expr::RateRange(a, b))?,
            Op::Max { amount, cap, text: written } => {
                Expr::Max { amount: self.boxed(amount)?, cap: self.boxed(cap)?, text: text(written) }
            }
            Op::CaseByCase { uncapped } => Expr::CaseByCase { uncapped: *uncapped },
            Op::EnumName { value, name } => Expr::EnumName { value: self.boxed(value)?, enum_id: self.enum_id(name)? },
            Op::Param { name } => match self.params.iter().position(|(p, _)| p == name) {
                Some(index) => Expr::Param { index, name: name.as_str().into() },
                None => return bad(format!("{} reads `{name}`, which is not a parameter of it", self.rule)),
            },
            Op::Call { schedule, policy, args, text: written } => {
                let found = self.schedules.iter().position(|s| s.name == *schedule && s.policy == *policy);
                let Some(index) = found else {
                    return bad(format!("{} uses `{schedule}`, which is not a schedule listed before it", self.rule));
                };
                let wanted = self.schedules.get(index).and_then(|s| s.params.as_ref()).map_or(0, Vec::len);
                if args.len() != wanted {
                    return bad(format!("{} gives `{schedule}` {} arguments for {wanted}", self.rule, args.len()));
                }
                let args = args.iter().map(|a| self.expr(a)).collect::<Result<Vec<_>>>()?;
                Expr::Call { schedule: index, args, text: text(written) }
            }
            Op::Aggregate { take, list, field, filter, text: written } => {
                self.aggregate(*take, list, field, filter, written)?
            }
            Op::Default { fact, value } => {
                let fact = self.fact(fact)?;
                let Some(value) = literal(value, &self.schema.enums) else {
                    return bad(format!("rule `{}` has a default that is not a literal", self.rule));
                };
                let ty = match &fact {
                    Expr::Field { up, slot, .. } => self.field_type(*up, *slot),
                    _ => None,
                };
                let text = ty
                    .map_or_else(|| format!("{value:?}"), |ty| self.schema.show(&value, ty, crate::amounts::money))
                    .into();
                Expr::Default { fact: Box::new(fact), value, text }
            }
        })
    }

    fn field_type(&self, up: usize, slot: usize) -> Option<Ty> {
        let kind = self.chain.get(up).and_then(|&k| self.schema.kinds.get(k))?;
        kind.fields.get(slot).map(|f| f.ty)
    }

    /// An aggregate: the list resolved like any fact, its field and filter read with the
    /// record as the current entity.
    fn aggregate(
        &self,
        take: ir::Aggregation,
        list: &ir::Fact,
        field: &Option<Box<ir::Expr>>,
        filter: &Option<Box<ir::Expr>>,
        text: &str,
    ) -> Result<Expr> {
        let Expr::Field { up, slot, name } = self.fact(list)? else {
            return bad(format!("rule `{}` aggregates over something that is not a list", self.rule));
        };
        let Some(Ty::List(kind)) = self.field_type(up, slot) else {
            return bad(format!("rule `{}` aggregates over `{name}`, which is not a list", self.rule));
        };
        let mut chain = vec![kind];
        chain.extend(self.chain.get(up..).unwrap_or_default());
        let records =
            Reader { schema: self.schema, chain, rule: self.rule, schedules: self.schedules, params: self.params };
        let op = match take {
            ir::Aggregation::Sum => AggOp::Sum,
            ir::Aggregation::Count => AggOp::Count,
            ir::Aggregation::Min => AggOp::Min,
            ir::Aggregation::Max => AggOp::Max,
            ir::Aggregation::Any => AggOp::Any,
            ir::Aggregation::All => AggOp::All,
        };
        if op.takes_field() != field.is_some() {
            return bad(format!("rule `{}`: `{text}` takes a field only for sum, min and max", self.rule));
        }
        Ok(Expr::Aggregate(Box::new(Aggregate {
            op,
            up,
            list: slot,
            kind,
            field: field.as_deref().map(|f| records.expr(f)).transpose()?,
            filter: filter.as_deref().map(|f| records.expr(f)).transpose()?,
            text: text.into(),
            list_text: name,
        })))
    }

    fn tiers(&self, arms: &[ir::Tier]) -> Result<Vec<(Interval, Expr)>> {
        arms.iter().map(|t| Ok((interval(t), self.expr(&t.then)?))).collect()
    }
}
