//! Evaluation: a program and a fact set → awards with traces, and reasons for the rest.
//!
//! For every entity (depth first, in file order) and every rule for its kind (in source
//! order): the event date must fall in the policy's window, every `when` must hold, then the
//! reward is computed, capped per year if the rule says so, and rounded once. No I/O here.

mod expr;
mod result;

pub use result::{Award, EvalError, Evaluation, NotApplicable, Total};

use crate::amounts::{self, money};
use crate::facts::{Entity, Facts, Slot};
use crate::program::{Entitlement, Program, Rule, Value};
use chrono::{Datelike, NaiveDate};
use expr::{Interp, Stop};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Evaluates every rule against every entity of `facts` on the date `as_of`.
pub fn evaluate(program: &Program, facts: &Facts, as_of: NaiveDate) -> Result<Evaluation, EvalError> {
    let mut run = Run { program, as_of, out: Evaluation { as_of, ..Evaluation::default() }, used: HashMap::new() };
    for root in &facts.roots {
        run.entity(&mut vec![root])?;
    }
    run.out.totals = result::totals(&run.out.awards, facts)?;
    Ok(run.out)
}

struct Run<'a> {
    program: &'a Program,
    as_of: NaiveDate,
    out: Evaluation,
    /// What each `per_year_cap` has already paid: (rule index, top-level entity, year).
    used: HashMap<(usize, String, i32), Decimal>,
}

impl<'a> Run<'a> {
    /// Evaluates the rules for the last entity of `chain`, then its children.
    fn entity(&mut self, chain: &mut Vec<&'a Entity>) -> Result<(), EvalError> {
        let Some(&entity) = chain.last() else { return Ok(()) };
        for (index, rule) in self.program.rules.iter().enumerate() {
            if rule.kind == entity.kind {
                self.rule(index, rule, chain)?;
            }
        }
        for slot in &entity.slots {
            if let Slot::Children(children) = slot {
                for child in children {
                    chain.push(child);
                    self.entity(chain)?;
                    chain.pop();
                }
            }
        }
        Ok(())
    }

    fn rule(&mut self, index: usize, rule: &Rule, chain: &[&Entity]) -> Result<(), EvalError> {
        let entity = chain.last().map_or("", |e| &e.path).to_string();
        let fail = |message: String| EvalError { rule: rule.id.clone(), entity: entity.clone(), message };
        let mut interp =
            Interp { schema: &self.program.schema, chain, as_of: self.as_of, trace: Vec::new(), tracing: false };
        match self.outcome(rule, &mut interp) {
            Ok((date, award)) => {
                let (award, trace) = self.finish(index, rule, chain, date, award, interp.trace);
                self.out.awards.push(Award::new(self.program, rule, entity, date, award, trace));
                Ok(())
            }
            Err(Stop::NotApplicable(reason)) => {
                self.out.not_applicable.push(NotApplicable::new(self.program, rule, entity, reason));
                Ok(())
            }
            Err(Stop::Failed(message)) => Err(fail(message)),
        }
    }

    /// The event date and the award before caps and rounding, or why there is none.
    fn outcome(&self, rule: &Rule, interp: &mut Interp) -> Result<(NaiveDate, Entitlement), Stop> {
        let date = match &rule.on {
            Some(on) => match interp.eval(on)? {
                Value::Date(d) => d,
                _ => return Err(Stop::Failed("internal error: the event date is not a date".into())),
            },
            None => self.as_of,
        };
        self.window(rule, date)?;
        for condition in &rule.conditions {
            if interp.eval(&condition.expr)? != Value::Bool(true) {
                return Err(Stop::NotApplicable(format!(
                    "condition `{}` is false{}",
                    condition.text,
                    explain(interp, &condition.expr)
                )));
            }
        }
        interp.tracing = true;
        let award = match interp.eval(&rule.reward)? {
            Value::Dec(x) => Entitlement::Exact(x),
            Value::Award(a) => a,
            _ => return Err(Stop::Failed("internal error: the reward is not an amount".into())),
        };
        Ok((date, award))
    }

    /// An event that has not happened by the evaluation date, or falls outside the policy's
    /// window, earns nothing under it.
    fn window(&self, rule: &Rule, date: NaiveDate) -> Result<(), Stop> {
        if date > self.as_of {
            return Err(Stop::NotApplicable(format!(
                "the event on {date} is after the evaluation date {}",
                self.as_of
            )));
        }
        let Some(policy) = self.program.policies.get(rule.policy) else { return Ok(()) };
        if let Some(from) = policy.effective.filter(|from| date < *from) {
            return Err(Stop::NotApplicable(format!(
                "the event on {date} is before policy `{}` took effect on {from}",
                policy.id
            )));
        }
        if let Some(until) = policy.expires.filter(|until| date > *until) {
            return Err(Stop::NotApplicable(format!(
                "the event on {date} is after policy `{}` expired on {until}",
                policy.id
            )));
        }
        Ok(())
    }

    /// Applies the rule's per-year cap, then rounds once.
    fn finish(
        &mut self,
        index: usize,
        rule: &Rule,
        chain: &[&Entity],
        date: NaiveDate,
        award: Entitlement,
        mut trace: Vec<String>,
    ) -> (Entitlement, Vec<String>) {
        let award = match &rule.per_year_cap {
            Some(cap) => self.per_year_cap(index, cap, chain, date, award, &mut trace),
            None => award,
        };
        let rounding = self.program.policies.get(rule.policy).map(|p| p.rounding).unwrap_or_default();
        let rounded = award.map(|x| amounts::round(x, rounding));
        if rounded != award {
            if let (Some(before), Some(after)) = (award.max(), rounded.max()) {
                trace.push(format!(
                    "round to {}: {} → {}",
                    amounts::rounding_name(rounding),
                    money(before),
                    money(after)
                ));
            }
        }
        (rounded, trace)
    }

    /// Cuts the award to the room left under the rule's cap for this top-level entity and
    /// year; awards are served in evaluation order (entities in file order, depth first).
    fn per_year_cap(
        &mut self,
        index: usize,
        cap: &crate::program::Expr,
        chain: &[&Entity],
        date: NaiveDate,
        award: Entitlement,
        trace: &mut Vec<String>,
    ) -> Entitlement {
        let mut interp =
            Interp { schema: &self.program.schema, chain, as_of: self.as_of, trace: Vec::new(), tracing: false };
        let Ok(Value::Dec(cap)) = interp.eval(cap) else { return award };
        let top = chain.first().map_or(String::new(), |e| e.path.to_string());
        let used = self.used.entry((index, top.clone(), date.year())).or_default();
        let already = *used;
        let room = cap.checked_sub(already).unwrap_or_default().max(Decimal::ZERO);
        let capped = match &award {
            Entitlement::CaseByCase { cap: c, uncapped } => {
                Entitlement::CaseByCase { cap: Some(c.map_or(room, |c| c.min(room))), uncapped: *uncapped }
            }
            other => other.map(|x| x.min(room)),
        };
        *used = already.saturating_add(capped.max().unwrap_or(room));
        let outcome = if capped == award {
            "within the cap".to_string()
        } else {
            format!("cut to {}", capped.max().map_or("?".into(), money))
        };
        trace.push(format!(
            "per_year_cap {} for {top} in {}: {} already awarded, room {} → {outcome}",
            money(cap),
            date.year(),
            money(already),
            money(room)
        ));
        capped
    }
}

/// The facts a failed condition read, e.g. ` (annual_service = 4,999,999)`.
fn explain(interp: &Interp, condition: &crate::program::Expr) -> String {
    let mut reads = Vec::new();
    collect_fields(condition, &mut reads);
    let shown: Vec<String> = reads
        .into_iter()
        .filter_map(|(up, slot, name)| {
            let entity = interp.chain.len().checked_sub(up + 1).and_then(|i| interp.chain.get(i))?;
            let ty = interp.schema.kinds.get(entity.kind)?.fields.get(slot)?.ty;
            let value = match entity.slots.get(slot)? {
                Slot::Value(v) => show(interp, ty, v),
                _ => "not given".into(),
            };
            Some(format!("{name} = {value}"))
        })
        .collect();
    if shown.is_empty() {
        String::new()
    } else {
        format!(" ({})", shown.join(", "))
    }
}

fn show(interp: &Interp, ty: crate::program::Ty, value: &Value) -> String {
    match (value, ty) {
        (Value::Dec(d), crate::program::Ty::Rate) => amounts::rate(*d),
        (Value::Dec(d), _) => money(*d),
        (Value::Bool(b), _) => b.to_string(),
        (Value::Date(d), _) => d.to_string(),
        (Value::Duration(d), _) => d.to_string(),
        (Value::Text(t), _) => format!("\"{t}\""),
        (Value::Enum(i), crate::program::Ty::Enum(e)) => {
            interp.schema.enums.get(e).and_then(|e| e.variants.get(*i)).cloned().unwrap_or_else(|| i.to_string())
        }
        (other, _) => format!("{other:?}"),
    }
}

fn collect_fields(e: &crate::program::Expr, out: &mut Vec<(usize, usize, std::sync::Arc<str>)>) {
    use crate::program::Expr::*;
    match e {
        Field { up, slot, name } => {
            if !out.iter().any(|(u, s, _)| u == up && s == slot) {
                out.push((*up, *slot, name.clone()));
            }
        }
        Neg(a) | Not(a) | UpTo(a) | In(a, _) => collect_fields(a, out),
        Arith(_, a, b) | Compare(_, a, b) | And(a, b) | Or(a, b) | Range(a, b) | RateRange(a, b) => {
            collect_fields(a, out);
            collect_fields(b, out);
        }
        Shift { date, by, .. } => {
            collect_fields(date, out);
            collect_fields(by, out);
        }
        If(c, t, f) => {
            collect_fields(c, out);
            collect_fields(t, out);
            collect_fields(f, out);
        }
        Of { rate, base, .. } => {
            collect_fields(rate, out);
            collect_fields(base, out);
        }
        Per { amount, count, .. } | Max { amount, cap: count, .. } => {
            collect_fields(amount, out);
            collect_fields(count, out);
        }
        By { scrutinee, .. } | Tiers { scrutinee, .. } | Marginal { scrutinee, .. } | Steps { scrutinee, .. } => {
            collect_fields(scrutinee, out)
        }
        Const(_) | AsOf | CaseByCase { .. } => {}
    }
}
