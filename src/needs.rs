//! What each rule reads from the facts — through its conditions (and its policy's scope), its
//! event date, its amount and its once-key — and which ledger rows it and its pools and
//! stacks count. A data team pulling facts for 免申即享 pulls exactly these.

use crate::program::{Expr, KindId, Program, Rule};
use crate::terms::Frequency;
use serde::Serialize;
use std::collections::BTreeSet;

/// One fact a rule reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct FactRead {
    /// The entity kind holding it, e.g. `enterprise` (the rule's own kind or an owner).
    pub entity: String,
    /// The field, e.g. `rd_investment`.
    pub field: String,
    /// Its type, as the schema writes it.
    #[serde(rename = "type")]
    pub ty: String,
    /// When absent, the rule does not apply (rather than the facts being refused).
    pub optional: bool,
    /// Which parts of the rule read it: `condition`, `on`, `reward`, `once_per`.
    #[cfg_attr(feature = "serve", schema(value_type = Vec<String>))]
    pub via: Vec<&'static str>,
}

/// What one rule needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct RuleNeeds {
    /// The policy's id.
    pub policy: String,
    /// The rule's id.
    pub rule: String,
    /// The entity kind it pays.
    pub entity: String,
    /// The facts it reads, in schema order (owners first).
    pub facts: Vec<FactRead>,
    /// The ledger rows it counts, and the fields they must carry.
    #[cfg_attr(feature = "serve", schema(value_type = Vec<String>))]
    pub ledger: Vec<LedgerNeed>,
}

/// Ledger rows a rule counts; worded by `output` (serialized as those words): ``grants of
/// `CZ-05`: `policy`, `rule`, `entity`, `date`, `amount`, `year` ``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerNeed {
    /// The rule's own grants, each row carrying these fields.
    Own {
        /// The rule's id.
        rule: String,
        /// The fields a row carries (`policy`, `rule`, …, and `key` or `year`).
        fields: Vec<&'static str>,
    },
    /// A pool's: its members' grants per scope, with the year.
    Pool {
        /// The pool's id.
        pool: String,
        /// The entity kind whose room it is.
        per: String,
        /// The pool counts grants under other policies by their tags.
        tagged: bool,
    },
    /// A stack's: its members' earlier grants per scope.
    Stack {
        /// The stack's id.
        stack: String,
        /// The entity kind whose items it weighs.
        per: String,
    },
}

impl Serialize for LedgerNeed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl RuleNeeds {
    /// True when `name` names this rule: `CZ-03-2a` or `changzhou_2023.CZ-03-2a`.
    pub fn is(&self, name: &str) -> bool {
        self.rule == name
            || name.strip_prefix(self.policy.as_str()).and_then(|r| r.strip_prefix('.')) == Some(&self.rule)
    }
}

/// What every rule needs, in source order.
pub fn facts_needed(program: &Program) -> Vec<RuleNeeds> {
    program.rules.iter().enumerate().map(|(index, rule)| rule_needs(program, index, rule)).collect()
}

fn rule_needs(program: &Program, index: usize, rule: &Rule) -> RuleNeeds {
    let schema = &program.schema;
    let chain = schema.ancestry(rule.kind);
    let mut reads: BTreeSet<(usize, KindId, usize, &'static str)> = BTreeSet::new();
    let mut part = |expr: &Expr, via: &'static str| {
        fields(expr, &chain, &mut |kind, slot| {
            // Owners first, then the rule's own kind, then the records its aggregates read.
            reads.insert((schema.depth(kind), kind, slot, via));
        })
    };
    // Every version's text: an event's date decides which one reads the facts.
    for text in rule.texts() {
        for condition in text.conditions {
            part(&condition.expr, "condition");
        }
        part(text.reward, "reward");
    }
    if let Some(on) = &rule.on {
        part(on, "on");
    }
    if let Some(key) = &rule.once_per {
        part(key, "once_per");
    }
    let mut facts: Vec<FactRead> = Vec::new();
    for (_, kind, slot, via) in reads {
        let Some((kind, field)) = schema.kinds.get(kind).and_then(|k| k.fields.get(slot).map(|f| (k, f))) else {
            continue;
        };
        match facts.iter_mut().find(|f| f.entity == kind.name && f.field == field.name) {
            Some(read) if !read.via.contains(&via) => read.via.push(via),
            Some(_) => {}
            None => facts.push(FactRead {
                entity: kind.name.clone(),
                field: field.name.clone(),
                ty: schema.type_name(&field.ty),
                optional: field.optional,
                via: vec![via],
            }),
        }
    }
    let policy = program.policies.get(rule.policy).map(|p| p.id.to_string()).unwrap_or_default();
    let kind = |k: usize| program.schema.kinds.get(k).map_or(String::new(), |k| k.name.clone());
    RuleNeeds {
        ledger: ledger(program, index, rule, &kind),
        policy,
        rule: rule.id.clone(),
        entity: kind(rule.kind),
        facts,
    }
}

/// The ledger rows a rule counts: its own grants (by frequency), its pools' and stacks'.
fn ledger(program: &Program, index: usize, rule: &Rule, kind: &dyn Fn(usize) -> String) -> Vec<LedgerNeed> {
    let mut rows = Vec::new();
    let own = match (rule.frequency, rule.once_per.is_some()) {
        (Frequency::Once, true) => Some(Some("key")),
        (Frequency::Once, false) => Some(None),
        (Frequency::Yearly, _) => Some(Some("year")),
        (Frequency::EveryEvent, _) => None,
    };
    if let Some(extra) = own {
        let fields = ["policy", "rule", "entity", "date", "amount"].into_iter().chain(extra).collect();
        rows.push(LedgerNeed::Own { rule: rule.id.clone(), fields });
    }
    for pool in program.pools.iter().filter(|p| p.members.contains(&index)) {
        let (pool, per, tagged) = (pool.id.to_string(), kind(pool.scope), !pool.grants.is_empty());
        rows.push(LedgerNeed::Pool { pool, per, tagged });
    }
    for stack in program.stacks.iter().filter(|s| s.members.contains(&index)) {
        rows.push(LedgerNeed::Stack { stack: stack.id.to_string(), per: kind(stack.scope) });
    }
    rows
}

/// Calls `read(kind, slot)` for every field `expr` reads; `chain` is the current entity's
/// kind and its owners' (an aggregate's records are the current entity inside it). A
/// schedule's body reads only its parameters: the facts are in the call's arguments.
fn fields(expr: &Expr, chain: &[KindId], read: &mut dyn FnMut(KindId, usize)) {
    match expr {
        Expr::Field { up, slot, .. } => {
            if let Some(kind) = chain.get(*up) {
                read(*kind, *slot);
            }
        }
        Expr::Aggregate(aggregate) => {
            let Some(holder) = chain.get(aggregate.up) else { return };
            read(*holder, aggregate.list);
            let records: Vec<KindId> = std::iter::once(aggregate.kind)
                .chain(chain.get(aggregate.up..).unwrap_or_default().iter().copied())
                .collect();
            for part in aggregate.field.iter().chain(&aggregate.filter) {
                fields(part, &records, read);
            }
        }
        _ => expr.children().into_iter().for_each(|e| fields(e, chain, read)),
    }
}
