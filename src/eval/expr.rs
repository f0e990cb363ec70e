//! The expression interpreter. Each step that shapes an amount writes a line of trace, so
//! every yuan of an award can be followed back to its clause.

mod aggregate;

use super::explain::{FactName, Reason, Slice, Step};
use super::{Failed, Op};
use crate::amounts::Interval;
use crate::amounts::{money, rate};
use crate::facts::{Entity, Slot};
use crate::program::{Arith, Compare, Entitlement, Expr, Schedule, Schema, Value};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::sync::Arc;

/// Why evaluation of a rule stopped short of an award.
#[derive(Debug)]
pub(super) enum Stop {
    /// The rule does not apply; why is in the interpreter's [`reasons`](Interp::reasons)
    /// (when explaining).
    NotApplicable,
    /// The evaluation cannot finish: a diagnostic of that kind.
    Failed(Failed),
}

type Result<T> = std::result::Result<T, Stop>;

/// Evaluates expressions of a program (`'p`: what reasons borrow their texts from) over the
/// entities of a fact set (`'f`).
pub(super) struct Interp<'p, 'f> {
    pub schema: &'p Schema,
    /// The program's `value`s and `schedule`s, which [`Expr::Call`] indexes.
    pub schedules: &'p [Schedule],
    /// The arguments of the schedule being evaluated, which [`Expr::Param`] reads.
    pub args: Vec<Value>,
    /// The entity the rule is for, preceded by those that contain it (outermost first).
    pub chain: &'f [&'p Entity],
    pub as_of: NaiveDate,
    /// The steps taken, when `tracing`.
    pub trace: Vec<Step>,
    /// Whether steps are written to `trace`.
    pub tracing: bool,
    /// Whether reasons for not applying are written out (an awards-only run skips them).
    pub explain: bool,
    /// Why the rule does not apply, as found, after any reasons before it: the evaluation's
    /// one list of reasons, lent for the rule (a list for each rule that does not pay, made
    /// and freed, was most of what explaining allocated).
    pub reasons: Vec<Reason<'p>>,
}

fn overflow(op: Op, a: impl std::fmt::Display, b: impl std::fmt::Display) -> Stop {
    Stop::Failed(Failed::Overflow { op, a: a.to_string(), b: b.to_string() })
}

impl<'p, 'f> Interp<'p, 'f> {
    /// The rule does not apply; the reason is noted only when explaining (an awards-only run
    /// spends nothing on it).
    pub(super) fn not_applicable(&mut self, reason: impl FnOnce() -> Reason<'p>) -> Stop {
        if self.explain {
            self.reasons.push(reason());
        }
        Stop::NotApplicable
    }

    #[inline]
    fn note(&mut self, line: impl FnOnce() -> Step) {
        if self.tracing {
            self.trace.push(line());
        }
    }

    /// Notes a step that says what the outcome rests on (a default used, the records counted):
    /// kept whenever explaining, so a condition that held only by them shows in the award's trace.
    #[inline]
    fn note_reading(&mut self, line: impl FnOnce() -> Step) {
        if self.tracing || self.explain {
            self.trace.push(line());
        }
    }

    pub fn eval(&mut self, expr: &'p Expr) -> Result<Value> {
        match expr {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Field { up, slot, name } => self.field(*up, *slot, name),
            Expr::AsOf => Ok(Value::Date(self.as_of)),
            Expr::Neg(x) => Ok(Value::Dec(-self.dec(x)?)),
            Expr::Not(x) => Ok(Value::Bool(!self.bool(x)?)),
            Expr::And(a, b) => Ok(Value::Bool(self.bool(a)? && self.bool(b)?)),
            Expr::Or(a, b) => Ok(Value::Bool(self.bool(a)? || self.bool(b)?)),
            Expr::If(c, t, f) => {
                if self.bool(c)? {
                    self.eval(t)
                } else {
                    self.eval(f)
                }
            }
            Expr::Arith(op, a, b) => {
                let (x, y) = (self.dec(a)?, self.dec(b)?);
                let result = match op {
                    Arith::Add => x.checked_add(y),
                    Arith::Sub => x.checked_sub(y),
                    Arith::Mul => x.checked_mul(y),
                    Arith::Div if y.is_zero() => return Err(Stop::Failed(Failed::DivisionByZero(money(x)))),
                    Arith::Div => x.checked_div(y),
                };
                result.map(Value::Dec).ok_or_else(|| overflow(Op::Arithmetic, money(x), money(y)))
            }
            Expr::Shift { date, by, negate } => {
                let d = self.date(date)?;
                let Value::Duration(by) = self.eval(by)? else { return Err(mistyped("eval-expected-duration")) };
                crate::dates::shift(d, by, *negate).map(Value::Date).ok_or(Stop::Failed(Failed::Calendar(d, by)))
            }
            Expr::Compare(..) | Expr::In(..) => self.bool(expr).map(Value::Bool),
            Expr::UpTo(x) => {
                let ceiling = match self.eval(x)? {
                    Value::Dec(d) | Value::Award(Entitlement::Exact(d) | Entitlement::Range(_, d)) => {
                        Entitlement::UpTo(d)
                    }
                    Value::Award(other) => other,
                    _ => return Err(mistyped("eval-expected-amount")),
                };
                self.note(|| Step::UpTo { ceiling: ceiling.max() });
                Ok(Value::Award(ceiling))
            }
            Expr::Of { rate: r, base, text, rate_text } => {
                let b = self.dec(base)?;
                match *self.operand(r)? {
                    Value::Dec(fraction) => {
                        let product =
                            fraction.checked_mul(b).ok_or_else(|| overflow(Op::Product, rate(fraction), money(b)))?;
                        self.note(|| Step::Of {
                            rate: rate_text.clone().unwrap_or_else(|| rate(fraction).into()),
                            base: text.clone(),
                            value: b,
                            result: product,
                        });
                        Ok(Value::Dec(product))
                    }
                    Value::RateRange(lo, hi) => {
                        let (l, h) = (lo.checked_mul(b), hi.checked_mul(b));
                        let (Some(l), Some(h)) = (l, h) else { return Err(overflow(Op::Product, rate(hi), money(b))) };
                        self.note(|| Step::RangeOf {
                            low_rate: lo,
                            high_rate: hi,
                            base: text.clone(),
                            low: l,
                            high: h,
                        });
                        Ok(Value::Award(Entitlement::Range(l, h)))
                    }
                    _ => Err(mistyped("eval-expected-rate")),
                }
            }
            Expr::Per { amount, count, text } => {
                let (a, n) = (self.dec(amount)?, self.dec(count)?);
                let product = a.checked_mul(n).ok_or_else(|| overflow(Op::Product, money(a), n))?;
                self.note(|| Step::Per { count: text.clone(), amount: a, times: n, result: product });
                Ok(Value::Dec(product))
            }
            Expr::Range(lo, hi) => match (self.eval(lo)?, self.eval(hi)?) {
                (Value::Dec(a), Value::Dec(b)) => {
                    let (a, b) = (a.min(b), a.max(b));
                    self.note(|| Step::Range { low: a, high: b });
                    Ok(Value::Award(Entitlement::Range(a, b)))
                }
                _ => Err(mistyped("eval-expected-two-amounts")),
            },
            Expr::RateRange(lo, hi) => {
                let (a, b) = (self.dec(lo)?, self.dec(hi)?);
                Ok(Value::RateRange(a.min(b), a.max(b)))
            }
            Expr::Max { amount, cap, .. } => {
                let value = self.eval(amount)?;
                let c = self.dec(cap)?;
                self.cap(value, c)
            }
            Expr::CaseByCase { uncapped } => {
                self.note(|| Step::CaseByCase { uncapped: *uncapped });
                Ok(Value::Award(Entitlement::CaseByCase { cap: None, uncapped: *uncapped }))
            }
            Expr::By { scrutinee, enum_id, table, arms, text } => {
                let Value::Enum(v) = self.eval(scrutinee)? else { return Err(mistyped("eval-expected-enum-value")) };
                let name = self.variant_name(*enum_id, v);
                match table.get(v).copied().flatten().and_then(|i| arms.get(i)) {
                    Some(arm) => {
                        let value = self.eval(arm)?;
                        self.note(|| Step::By {
                            table: text.clone(),
                            variant: name.clone(),
                            amount: match &value {
                                Value::Dec(d) => Some(*d),
                                _ => None,
                            },
                        });
                        Ok(value)
                    }
                    None => Err(self.not_applicable(|| Reason::NotInTable { table: text, variant: name })),
                }
            }
            Expr::Tiers { scrutinee, arms, text } => {
                let x = self.dec(scrutinee)?;
                match arms.iter().find(|(interval, _)| interval.contains(x)) {
                    Some((interval, arm)) => {
                        self.note(|| Step::Tier { table: text.clone(), value: x, tier: interval.to_string() });
                        self.eval(arm)
                    }
                    None => Err(self.not_applicable(|| Reason::NoTier { table: text, value: x })),
                }
            }
            Expr::Marginal { scrutinee, arms, text } => self.marginal(scrutinee, arms, text),
            Expr::Call { schedule, args, text } => self.call(*schedule, args, text),
            Expr::Param { index, .. } => {
                self.args.get(*index).cloned().ok_or_else(|| mistyped("eval-expected-argument"))
            }
            Expr::Aggregate(aggregate) => self.aggregate(aggregate),
            Expr::Default { fact, value, text } => {
                if let Some(name) = self.absent(fact) {
                    self.note_reading(|| Step::Default { fact: name.into(), value: text.clone() });
                    return Ok(value.clone());
                }
                self.eval(fact)
            }
            Expr::EnumName { value, enum_id } => {
                let Value::Enum(v) = self.eval(value)? else { return Err(mistyped("eval-expected-enum-value")) };
                Ok(Value::Text(self.variant_name(*enum_id, v)))
            }
            Expr::Steps { scrutinee, arms, text } => {
                let x = self.dec(scrutinee)?;
                match arms.iter().rev().find(|(threshold, _)| x >= *threshold) {
                    Some((threshold, arm)) => {
                        self.note(|| Step::Steps { table: text.clone(), value: x, threshold: *threshold });
                        self.eval(arm)
                    }
                    None => {
                        let first = arms.first().map_or(Decimal::ZERO, |(t, _)| *t);
                        Err(self.not_applicable(|| Reason::BelowFirstStep { table: text, value: x, first }))
                    }
                }
            }
        }
    }

    /// A schedule's body, evaluated with these arguments; the trace names the schedule.
    fn call(&mut self, index: usize, args: &'p [Expr], text: &std::sync::Arc<str>) -> Result<Value> {
        let Some(schedule) = self.schedules.get(index) else { return Err(mistyped("eval-expected-schedule")) };
        let values = args.iter().map(|a| self.eval(a)).collect::<Result<Vec<Value>>>()?;
        let outer = std::mem::replace(&mut self.args, values);
        let result = self.eval(&schedule.body);
        self.args = outer;
        let value = result?;
        self.note(|| Step::Schedule {
            call: text.clone(),
            value: schedule.params.is_none(),
            amount: match &value {
                Value::Dec(d) | Value::Award(Entitlement::Exact(d) | Entitlement::UpTo(d)) => Some(*d),
                _ => None,
            },
            up_to: matches!(value, Value::Award(Entitlement::UpTo(_))),
        });
        Ok(value)
    }

    /// The fact's name when `fact` reads a fact that is absent.
    fn absent<'e>(&self, fact: &'e Expr) -> Option<&'e str> {
        let Expr::Field { up, slot, name } = fact else { return None };
        let entity = self.chain.len().checked_sub(up + 1).and_then(|i| self.chain.get(i))?;
        matches!(entity.slots.get(*slot), Some(Slot::Missing)).then_some(name)
    }

    fn field(&mut self, up: usize, slot: usize, name: &'p str) -> Result<Value> {
        self.field_ref(up, slot, name).cloned()
    }

    /// A fact's value as the facts hold it.
    #[inline]
    fn field_ref(&mut self, up: usize, slot: usize, name: &'p str) -> Result<&'f Value> {
        let chain = self.chain;
        let entity = chain.len().checked_sub(up + 1).and_then(|i| chain.get(i));
        match entity.and_then(|e| e.slots.get(slot)) {
            Some(Slot::Value(v)) => Ok(v),
            Some(Slot::Missing) => Err(self.missing(up, name)),
            _ => Err(named_mistyped("eval-expected-value-for", name)),
        }
    }

    /// A fact not given: out of the way of [`Interp::field_ref`], which reads one for
    /// every operand, so that it stays a few loads and a branch.
    #[cold]
    #[inline(never)]
    fn missing(&mut self, up: usize, name: &'p str) -> Stop {
        self.not_applicable(|| Reason::FactMissing { fact: FactName::Written(name), up })
    }

    fn variant_name(&self, enum_id: usize, v: usize) -> Arc<str> {
        self.schema.enums.get(enum_id).and_then(|e| e.variants.get(v)).cloned().unwrap_or_else(|| v.to_string().into())
    }

    /// Whether a condition holds: true only for `true` (anything else, the checker permitting,
    /// does not hold), what `eval(e)? == Value::Bool(true)` says, without copying values.
    pub fn holds(&mut self, e: &'p Expr) -> Result<bool> {
        match e {
            Expr::Compare(..) | Expr::In(..) => self.bool(e),
            _ => self.with_value(e, |value| Ok(matches!(value, Value::Bool(true)))),
        }
    }

    /// `e`'s value, borrowed when it is a constant or a fact (most operands): what
    /// [`Interp::eval`] gives, without copying it.
    fn operand<'e>(&mut self, e: &'p Expr) -> Result<Cow<'e, Value>>
    where
        'p: 'e,
        'f: 'e,
    {
        match (self.in_place(e), e) {
            (Some(value), _) => value.map(Cow::Borrowed),
            (None, Expr::AsOf) => Ok(Cow::Owned(Value::Date(self.as_of))),
            (None, _) => self.eval(e).map(Cow::Owned),
        }
    }

    /// `e`'s value where it is held, when it is a constant or a fact; `None` when it must be
    /// computed.
    #[inline(always)]
    fn in_place<'e>(&mut self, e: &'p Expr) -> Option<Result<&'e Value>>
    where
        'p: 'e,
        'f: 'e,
    {
        match e {
            Expr::Const(v) => Some(Ok(v)),
            Expr::Field { up, slot, name } => Some(self.field_ref(*up, *slot, name)),
            _ => None,
        }
    }

    /// `take` of `e`'s value, read where it is held when a constant or a fact (a cap, a
    /// rate's base), else computed: no [`Cow`] between, as [`Interp::operand`] has
    /// (~35 instructions a read).
    fn with_value<T>(&mut self, e: &'p Expr, take: impl FnOnce(&Value) -> Result<T>) -> Result<T> {
        match self.in_place(e) {
            Some(value) => take(value?),
            None => take(&self.eval(e)?),
        }
    }

    fn dec(&mut self, e: &'p Expr) -> Result<Decimal> {
        self.with_value(e, |value| match value {
            Value::Dec(d) => Ok(*d),
            _ => Err(mistyped("eval-expected-number")),
        })
    }

    /// A condition's truth; comparisons read their operands in place.
    fn bool(&mut self, e: &'p Expr) -> Result<bool> {
        match e {
            Expr::Compare(op, a, b) => match (&**a, &**b) {
                // A fact against a constant (most conditions): both read where they are held.
                (Expr::Field { up, slot, name }, Expr::Const(y)) => compare(*op, self.field_ref(*up, *slot, name)?, y),
                _ => {
                    let (x, y) = (self.operand(a)?, self.operand(b)?);
                    compare(*op, &x, &y)
                }
            },
            Expr::In(x, set) => self.with_value(x, |value| match value {
                Value::Enum(v) => Ok(set.contains(v)),
                _ => Err(mistyped("eval-expected-enum-value")),
            }),
            _ => self.with_value(e, |value| match value {
                Value::Bool(b) => Ok(*b),
                _ => Err(mistyped("eval-expected-condition")),
            }),
        }
    }

    /// A rule's event date (its `on`); anything else is an engine bug.
    pub fn event_date(&mut self, e: &'p Expr) -> Result<NaiveDate> {
        self.with_value(e, |value| match value {
            Value::Date(d) => Ok(*d),
            _ => Err(Stop::Failed(Failed::Internal("eval-internal-event-date", String::new()))),
        })
    }

    fn date(&mut self, e: &'p Expr) -> Result<NaiveDate> {
        self.with_value(e, |value| match value {
            Value::Date(d) => Ok(*d),
            _ => Err(mistyped("eval-expected-date")),
        })
    }

    /// `value max cap`: the lesser of the two, for each bound of an award.
    fn cap(&mut self, value: Value, cap: Decimal) -> Result<Value> {
        let capped = match value {
            Value::Dec(x) => {
                let y = crate::amounts::min(x, cap);
                self.note(|| Step::Max { cap, before: x, after: y });
                return Ok(Value::Dec(y));
            }
            Value::Award(Entitlement::CaseByCase { cap: old, uncapped }) => {
                let new = old.map_or(cap, |o| crate::amounts::min(o, cap));
                self.note(|| Step::MaxCaseByCase { cap, at_most: new });
                Entitlement::CaseByCase { cap: Some(new), uncapped }
            }
            Value::Award(award) => {
                let capped = award.map(|x| crate::amounts::min(x, cap));
                if let (Some(before), Some(after)) = (award.max(), capped.max()) {
                    self.note(|| Step::Max { cap, before, after });
                }
                capped
            }
            _ => return Err(mistyped("eval-expected-amount")),
        };
        Ok(Value::Award(capped))
    }

    fn marginal(&mut self, scrutinee: &'p Expr, arms: &'p [(Interval, Expr)], text: &'p str) -> Result<Value> {
        let x = self.dec(scrutinee)?;
        let mut total = Decimal::ZERO;
        let mut slices = Vec::new();
        for (interval, arm) in arms {
            let lower = interval.lower.as_ref().map_or(Decimal::ZERO, |l| l.value);
            let upper = interval.upper.as_ref().map_or(x, |u| u.value.min(x));
            let portion = upper.checked_sub(lower).filter(|p| p.is_sign_positive() && !p.is_zero());
            let Some(portion) = portion else { continue };
            let r = self.dec(arm)?;
            let part = r.checked_mul(portion).ok_or_else(|| overflow(Op::Product, rate(r), money(portion)))?;
            total = total.checked_add(part).ok_or_else(|| overflow(Op::Sum, money(total), money(part)))?;
            slices.push(Slice { rate: r, portion });
        }
        self.note(|| Step::Marginal { table: text.into(), value: x, slices, total });
        Ok(Value::Dec(total))
    }
}

/// A bug: evaluation met a value the checker should have refused; `expected` is the
/// catalogue key of what it should have been.
fn mistyped(expected: &'static str) -> Stop {
    named_mistyped(expected, "")
}

/// As [`mistyped`], about a name (a fact, a list). Never taken on checked programs: kept
/// out of line.
#[cold]
#[inline(never)]
fn named_mistyped(expected: &'static str, name: &str) -> Stop {
    Stop::Failed(Failed::Internal(expected, name.to_string()))
}

fn compare(op: Compare, x: &Value, y: &Value) -> Result<bool> {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (x, y) {
        (Value::Dec(a), Value::Dec(b)) => Some(a.cmp(b)),
        (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
        (Value::Duration(a), Value::Duration(b)) => Some(a.cmp(b)),
        _ => None,
    };
    // Enum values (most conditions that are not ordered) compared here rather than
    // through `Value`'s derived equality, a call and a jump on each side's kind.
    let equal = || match (x, y) {
        (Value::Enum(a), Value::Enum(b)) => a == b,
        _ => x == y,
    };
    Ok(match (op, ordering) {
        (Compare::Eq, Some(o)) => o.is_eq(),
        (Compare::Ne, Some(o)) => o.is_ne(),
        (Compare::Eq, None) => equal(),
        (Compare::Ne, None) => !equal(),
        (Compare::Lt, Some(o)) => o == Ordering::Less,
        (Compare::Le, Some(o)) => o != Ordering::Greater,
        (Compare::Gt, Some(o)) => o == Ordering::Greater,
        (Compare::Ge, Some(o)) => o != Ordering::Less,
        _ => return Err(mistyped("eval-expected-comparable")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Duration;

    /// `==` and `!=` agree with `Value`'s own equality (which `compare` bypasses for ordered
    /// values and enum values): a number equals itself however many decimals it is written
    /// with, and values of different kinds are never equal.
    #[test]
    fn equality_agrees_with_the_values_own() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 6, d).map(Value::Date);
        let values: Vec<Value> = [
            Some(Value::Dec(Decimal::new(15, 1))),
            Some(Value::Dec(Decimal::new(1500, 3))),
            Some(Value::Dec(Decimal::new(-15, 1))),
            Some(Value::Dec(Decimal::ZERO)),
            day(1),
            day(2),
            Some(Value::Duration(Duration { months: 12, days: 0 })),
            Some(Value::Duration(Duration { months: 0, days: 365 })),
            Some(Value::Enum(0)),
            Some(Value::Enum(1)),
            Some(Value::Bool(true)),
            Some(Value::Bool(false)),
            Some(Value::Text("A".into())),
            Some(Value::Text("B".into())),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut equal_pairs = 0;
        for x in &values {
            for y in &values {
                let (eq, ne) = (compare(Compare::Eq, x, y), compare(Compare::Ne, x, y));
                assert!(matches!(eq, Ok(e) if e == (x == y)), "{x:?} == {y:?}");
                assert!(matches!(ne, Ok(n) if n == (x != y)), "{x:?} != {y:?}");
                equal_pairs += usize::from(x == y);
            }
        }
        // Each value equals itself, and 1.5 equals 1.500 both ways.
        assert_eq!(equal_pairs, values.len() + 2);
    }
}
