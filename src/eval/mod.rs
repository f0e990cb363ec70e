//! Evaluation: a program and a fact set → awards with traces, and reasons for the rest.
//! Embedders call [`Program::evaluate`](crate::Program::evaluate), which runs it.
//!
//! Four passes, in this order:
//! 1. **Outcomes.** For every entity (depth first, in file order) and every rule for its kind
//!    (in source order): the event must have happened and fall in the policy's window, every
//!    `when` must hold, a one-off must not be in the ledger already; then the reward is
//!    computed and rounded once.
//! 2. **Stacking** (就高不重复, `groups::stack`): of a stack's awards for one item, only the
//!    highest stays; the others are excluded, naming the winner.
//! 3. **Pools** (`groups::pools`): awards take the room left under every pool they belong
//!    to, served by event date and then evaluation order, narrowest pool first.
//! 4. **Shares**: an award split between payers gets each payer's amount.
//!
//! No I/O here.

mod expr;
mod groups;
mod result;

pub use result::{Award, EvalError, Evaluation, Excluded, NotApplicable, PayerShare, Total};

use crate::amounts::{self, money};
use crate::ast::Frequency;
use crate::facts::{Entity, Facts, Grant, Slot};
use crate::program::{Entitlement, Program, Rule, Value};
use chrono::{Datelike, NaiveDate};
use expr::{Interp, Stop};
use std::collections::HashMap;
use std::sync::Arc;

/// An award before stacking and pools.
#[derive(Debug)]
struct Candidate {
    /// Index into `program.rules`.
    rule: usize,
    /// The paths of the entity and those containing it, outermost first.
    scopes: Vec<Arc<str>>,
    date: NaiveDate,
    award: Entitlement,
    trace: Vec<String>,
}

impl Candidate {
    fn entity(&self) -> &str {
        self.scopes.last().map_or("", |s| s)
    }
}

/// Evaluates every rule against every entity of `facts` on the date `as_of`. With
/// `explain`, every award carries its trace and every rule that does not pay says why; an
/// awards-only run (population scale) skips both, and its awards and totals are the same.
pub(crate) fn evaluate(
    program: &Program,
    facts: &Facts,
    as_of: NaiveDate,
    explain: bool,
) -> Result<Evaluation, EvalError> {
    let mut granted: HashMap<(usize, &str), Vec<&Grant>> = HashMap::new();
    for grant in &facts.ledger {
        if let Some(rule) = grant.rule_index {
            granted.entry((rule, grant.entity.as_str())).or_default().push(grant);
        }
    }
    let mut run = Run { program, as_of, explain, granted, candidates: Vec::new(), not_applicable: Vec::new() };
    for root in &facts.roots {
        run.entity(&mut vec![root])?;
    }
    let Run { mut candidates, not_applicable, .. } = run;
    let excluded = groups::stack(program, &mut candidates);
    groups::pools(program, &facts.ledger, &mut candidates, explain);
    let awards: Vec<Award> = candidates.into_iter().map(|c| Award::new(program, c)).collect();
    let totals = result::totals(&awards, facts)?;
    Ok(Evaluation { as_of, awards, not_applicable, excluded, totals })
}

/// Evaluates one checked expression for the entity at `path` (e.g. `enterprise.E1.drugs.D1`):
/// the REPL's bare expressions. Returns the value and the trace of the steps that shaped it.
pub fn expression(
    program: &Program,
    facts: &Facts,
    path: &str,
    as_of: NaiveDate,
    expr: &crate::program::Expr,
) -> Result<(Value, Vec<String>), String> {
    let chain = chain_to(facts, path).ok_or_else(|| format!("no entity `{path}` in the facts"))?;
    let mut interp =
        Interp { schema: &program.schema, chain: &chain, as_of, trace: Vec::new(), tracing: true, explain: true };
    match interp.eval(expr) {
        Ok(value) => Ok((value, interp.trace)),
        Err(Stop::NotApplicable(reason) | Stop::Failed(reason)) => Err(reason),
    }
}

/// The entities from the top down to the one at `path`.
pub fn chain_to<'a>(facts: &'a Facts, path: &str) -> Option<Vec<&'a Entity>> {
    let mut chain: Vec<&Entity> =
        vec![facts.roots.iter().find(|r| path == &*r.path || path.starts_with(&format!("{}.", r.path)))?];
    while chain.last().is_some_and(|e| *e.path != *path) {
        let last = chain.last()?;
        let next = last.slots.iter().find_map(|slot| match slot {
            Slot::Children(children) => {
                children.iter().find(|c| path == &*c.path || path.starts_with(&format!("{}.", c.path)))
            }
            _ => None,
        })?;
        chain.push(next);
    }
    Some(chain)
}

struct Run<'a> {
    program: &'a Program,
    as_of: NaiveDate,
    /// Write traces and reasons (off for an awards-only run).
    explain: bool,
    /// The ledger by (rule, entity path).
    granted: HashMap<(usize, &'a str), Vec<&'a Grant>>,
    candidates: Vec<Candidate>,
    not_applicable: Vec<NotApplicable>,
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
        let entity = chain.last().map_or("", |e| &e.path);
        let (schema, as_of, explain) = (&self.program.schema, self.as_of, self.explain);
        let mut interp = Interp { schema, chain, as_of, trace: Vec::new(), tracing: false, explain };
        match self.outcome(index, rule, entity, &mut interp) {
            Ok((date, award)) => {
                let mut trace = interp.trace;
                let rounding = self.program.policies.get(rule.policy).map(|p| p.rounding).unwrap_or_default();
                let rounded = award.map(|x| amounts::round(x, rounding));
                if let (Some(before), Some(after), true) = (award.max(), rounded.max(), self.explain) {
                    if before != after {
                        trace.push(format!(
                            "round to {}: {} → {}",
                            amounts::rounding_name(rounding),
                            money(before),
                            money(after)
                        ));
                    }
                }
                let scopes = chain.iter().map(|e| e.path.clone()).collect();
                self.candidates.push(Candidate { rule: index, scopes, date, award: rounded, trace });
                Ok(())
            }
            Err(Stop::NotApplicable(reason)) => {
                if self.explain {
                    self.not_applicable.push(NotApplicable::new(self.program, rule, entity.to_string(), reason));
                }
                Ok(())
            }
            Err(Stop::Failed(message)) => Err(EvalError { rule: rule.id.clone(), entity: entity.to_string(), message }),
        }
    }

    /// The event date and the award before caps, or why there is none.
    fn outcome(
        &self,
        index: usize,
        rule: &Rule,
        entity: &str,
        interp: &mut Interp,
    ) -> Result<(NaiveDate, Entitlement), Stop> {
        // Whom the policy governs comes first: another city's rules say nothing else.
        for condition in rule.conditions.iter().filter(|c| c.scope) {
            if interp.eval(&condition.expr)? != Value::Bool(true) {
                let policy = self.program.policies.get(rule.policy).map_or("", |p| p.id.as_str());
                return Err(self.reason(|| {
                    let why = explain(interp, &condition.expr);
                    format!("outside the scope of policy `{policy}`: `{}` is false{why}", condition.text)
                }));
            }
        }
        let date = match &rule.on {
            Some(on) => match interp.eval(on)? {
                Value::Date(d) => d,
                _ => return Err(Stop::Failed("internal error: the event date is not a date".into())),
            },
            None => self.as_of,
        };
        self.window(rule, date)?;
        for condition in rule.conditions.iter().filter(|c| !c.scope) {
            if interp.eval(&condition.expr)? != Value::Bool(true) {
                return Err(self.reason(|| {
                    format!("condition `{}` is false{}", condition.text, explain(interp, &condition.expr))
                }));
            }
        }
        self.not_granted_before(index, rule, entity, date, interp)?;
        interp.tracing = self.explain;
        let award = match interp.eval(&rule.reward)? {
            Value::Dec(x) => Entitlement::Exact(x),
            Value::Award(a) => a,
            _ => return Err(Stop::Failed("internal error: the reward is not an amount".into())),
        };
        Ok((date, award))
    }

    /// Why a rule does not apply, written out only when explaining.
    fn reason(&self, reason: impl FnOnce() -> String) -> Stop {
        Stop::NotApplicable(if self.explain { reason() } else { String::new() })
    }

    /// An event that has not happened by the evaluation date, or falls outside the policy's
    /// window, earns nothing under it.
    fn window(&self, rule: &Rule, date: NaiveDate) -> Result<(), Stop> {
        if date > self.as_of {
            return Err(self.reason(|| format!("the event on {date} is after the evaluation date {}", self.as_of)));
        }
        let Some(policy) = self.program.policies.get(rule.policy) else { return Ok(()) };
        if let Some(from) = policy.effective.filter(|from| date < *from) {
            return Err(
                self.reason(|| format!("the event on {date} is before policy `{}` took effect on {from}", policy.id))
            );
        }
        if let Some(until) = policy.expires.filter(|until| date > *until) {
            return Err(
                self.reason(|| format!("the event on {date} is after policy `{}` expired on {until}", policy.id))
            );
        }
        Ok(())
    }

    /// A one-off is paid once per entity (and key); a yearly award once per entity and year.
    fn not_granted_before(
        &self,
        index: usize,
        rule: &Rule,
        entity: &str,
        date: NaiveDate,
        interp: &mut Interp,
    ) -> Result<(), Stop> {
        let Some(grants) = self.granted.get(&(index, entity)) else { return Ok(()) };
        let earlier = match rule.frequency {
            Some(Frequency::Once) => {
                let key = match &rule.once_per {
                    Some(k) => Some(key_text(&interp.eval(k)?)),
                    None => None,
                };
                let found = grants.iter().find(|g| key.is_none() || g.key == key);
                found.map(|g| {
                    let what = key.map_or(String::new(), |k| format!(" for `{k}`"));
                    format!("paid once only (一次性): already granted{what} on {} ({})", g.date, money(g.amount))
                })
            }
            Some(Frequency::Yearly) => grants.iter().find(|g| g.date.year() == date.year()).map(|g| {
                format!("paid once a year: already granted for {} on {} ({})", date.year(), g.date, money(g.amount))
            }),
            None => None,
        };
        earlier.map_or(Ok(()), |reason| Err(self.reason(|| reason)))
    }
}

/// How a `once per` key is written in the ledger: an enum value by name (the checker wraps
/// it), a date as YYYY-MM-DD, a number as written.
fn key_text(value: &Value) -> String {
    match value {
        Value::Dec(d) => d.normalize().to_string(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => t.to_string(),
        Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
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
        EnumName { value, .. } => collect_fields(value, out),
        Const(_) | AsOf | CaseByCase { .. } => {}
    }
}
