//! Aggregates over child records. Each record of the list is evaluated as the current entity
//! (its owners above it, as in a rule `for` the child): the filter decides whether it counts,
//! and the trace names every record counted with its value. A record whose summed fact is
//! absent makes the aggregate not applicable — never a silent 0 — unless the field has a
//! default.

use super::{mistyped, named_mistyped, overflow, Interp, Result};
use crate::amounts::money;
use crate::eval::explain::{Counted, FactName, Reason, Step};
use crate::eval::Op;
use crate::facts::{Entity, Slot};
use crate::program::{Aggregate, Expr, Value};
use crate::terms::AggOp;
use rust_decimal::Decimal;

impl<'p, 'f> Interp<'p, 'f> {
    pub(super) fn aggregate(&mut self, aggregate: &'p Aggregate) -> Result<Value> {
        let owners = self.chain.len().checked_sub(aggregate.up).ok_or_else(|| mistyped("eval-expected-list-holder"))?;
        let records = self.records(aggregate, owners)?;
        let mut chain: Vec<&'p Entity> = self.chain.get(..owners).unwrap_or_default().to_vec();
        // The records counted are kept only to be shown; an awards-only run keeps the figures.
        let shown = self.tracing || self.explain;
        let (mut counted, mut passed) = (Vec::new(), 0usize);
        let (mut sum, mut least, mut most) = (Decimal::ZERO, None::<Decimal>, None::<Decimal>);
        for record in records {
            chain.push(record);
            let found = self.reasons.len();
            let taken = self.record(aggregate, &chain);
            chain.pop();
            if taken.is_err() {
                self.name_record_facts(found, aggregate, record);
            }
            let Some(c) = taken? else { continue };
            passed += 1;
            if let Some(v) = c.value {
                sum = sum.checked_add(v).ok_or_else(|| overflow(Op::Sum, money(sum), money(v)))?;
                least = Some(least.map_or(v, |l| l.min(v)));
                most = Some(most.map_or(v, |m| m.max(v)));
            }
            if shown {
                counted.push(c);
            }
        }
        let (total, holds) = match aggregate.op {
            AggOp::Sum => (Some(sum), None),
            AggOp::Count => (Some(Decimal::from(passed)), None),
            AggOp::Min => (least, None),
            AggOp::Max => (most, None),
            AggOp::Any => (None, Some(passed > 0)),
            AggOp::All => (None, Some(passed == records.len())),
        };
        let value = match (total, holds) {
            (Some(t), _) => Value::Dec(t),
            (None, Some(h)) => Value::Bool(h),
            (None, None) => {
                return Err(self.not_applicable(|| Reason::NoRecords { aggregate: &aggregate.text }));
            }
        };
        self.note_reading(|| Step::Aggregate {
            aggregate: aggregate.text.clone(),
            records: records.len(),
            counted,
            total,
            holds,
        });
        Ok(value)
    }

    /// The list's records; an absent list is a missing fact like any other.
    fn records(&mut self, aggregate: &'p Aggregate, owners: usize) -> Result<&'p [Entity]> {
        let holder = owners
            .checked_sub(1)
            .and_then(|i| self.chain.get(i))
            .ok_or_else(|| mistyped("eval-expected-list-holder"))?;
        match holder.slots.get(aggregate.list) {
            Some(Slot::Children(records)) => Ok(records),
            Some(Slot::Missing) => {
                let up = aggregate.up;
                Err(self.not_applicable(|| Reason::FactMissing { fact: FactName::Written(&aggregate.list_text), up }))
            }
            _ => Err(named_mistyped("eval-expected-list", &aggregate.list_text)),
        }
    }

    /// The record at the end of `chain`, if it passes the filter, with the value taken of it.
    fn record(&mut self, aggregate: &'p Aggregate, chain: &[&'p Entity]) -> Result<Option<Counted>> {
        let (schema, schedules, args) = (self.schema, self.schedules, self.args.clone());
        let (as_of, explain, reasons) = (self.as_of, self.explain, std::mem::take(&mut self.reasons));
        let mut record =
            Interp { schema, schedules, args, chain, as_of, trace: Vec::new(), tracing: false, explain, reasons };
        let counted = record.counted(aggregate);
        self.reasons = record.reasons;
        counted
    }

    /// [`Interp::record`], by the interpreter of the record itself.
    fn counted(&mut self, aggregate: &'p Aggregate) -> Result<Option<Counted>> {
        if let Some(filter) = &aggregate.filter {
            if !self.bool(filter)? {
                return Ok(None);
            }
        }
        let (value, by_default) = match &aggregate.field {
            None => (None, false),
            Some(Expr::Default { fact, value: Value::Dec(d), .. }) if self.absent(fact).is_some() => (Some(*d), true),
            Some(field) => (Some(self.dec(field)?), false),
        };
        let id = self.chain.last().map_or_else(|| "".into(), |e| e.id.clone());
        Ok(Some(Counted { record: id, value, by_default }))
    }
}

impl<'p> Interp<'p, '_> {
    /// A record's missing facts, in the reasons found since `found`, named by its list and id
    /// (`trials[T2].rd_cost`): bare names in an aggregate are the record's own fields; an
    /// owner's fact keeps its path.
    fn name_record_facts(&mut self, found: usize, aggregate: &'p Aggregate, record: &'p Entity) {
        for reason in self.reasons.iter_mut().skip(found) {
            if let Reason::FactMissing { fact, up } = reason {
                match *fact {
                    FactName::Written(field) if !field.contains('.') => {
                        *fact = FactName::Record { list: &aggregate.list_text, id: &record.id, field };
                        *up = 0;
                    }
                    // An owner's fact: `up` counted from the record, made relative to the rule's entity.
                    _ => *up = (*up + aggregate.up).saturating_sub(1),
                }
            }
        }
    }
}
