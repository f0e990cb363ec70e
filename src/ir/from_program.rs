//! Program → IR: indices become names, and every literal takes its unit from where it
//! stands (the program keeps only the decimal; `400万` beside `rd_cost` is money).

use super::types as ir;
use crate::program::{KindId, Program, Ty};
use crate::{amounts, dates, terms};
use expr::{money, Writer};
use serde::ser::{Serialize, SerializeStruct, Serializer};

mod expr;

/// The program as an IR document, with the facts each rule needs beside it.
pub(super) fn document(program: &Program) -> ir::Document {
    ir::Document {
        format: super::FORMAT.into(),
        version: super::VERSION,
        program: ir::Program {
            schema: schema(program),
            policies: program.policies.iter().map(policy).collect(),
            rules: program.rules.iter().map(|r| rule(program, r)).collect(),
            pools: program.pools.iter().map(|p| pool(program, p)).collect(),
            stacks: program.stacks.iter().map(|s| stack(program, s)).collect(),
            amendments: program.amendments.iter().map(|a| amendment(program, a)).collect(),
            schedules: program.schedules.iter().map(|s| schedule(program, s)).collect(),
        },
        facts_needed: crate::needs::facts_needed(program).iter().map(needs).collect(),
    }
}

/// The same document as [`document`], serialized item by item: only one rule's IR exists at
/// a time, so writing a large program costs little beyond the program itself. The tests hold
/// the two to the same text.
pub(super) struct Streamed<'a>(pub &'a Program);

/// A sequence serialized from a fresh iterator.
struct Seq<F>(F);

impl<F: Fn() -> I, I: Iterator<Item = T>, T: Serialize> Serialize for Seq<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let program = self.0;
        let facts_needed = crate::needs::facts_needed(program);
        let mut doc = s.serialize_struct("Document", 4)?;
        doc.serialize_field("format", super::FORMAT)?;
        doc.serialize_field("version", &super::VERSION)?;
        doc.serialize_field("program", &Body(program))?;
        doc.serialize_field("facts_needed", &Seq(|| facts_needed.iter().map(needs)))?;
        doc.end()
    }
}

/// `program` of [`Streamed`].
struct Body<'a>(&'a Program);

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let program = self.0;
        let mut body = s.serialize_struct("Program", 7)?;
        body.serialize_field("schema", &schema(program))?;
        body.serialize_field("policies", &Seq(|| program.policies.iter().map(policy)))?;
        body.serialize_field("rules", &Seq(|| program.rules.iter().map(|r| rule(program, r))))?;
        body.serialize_field("pools", &Seq(|| program.pools.iter().map(|p| pool(program, p))))?;
        body.serialize_field("stacks", &Seq(|| program.stacks.iter().map(|st| stack(program, st))))?;
        if program.amendments.is_empty() {
            body.skip_field("amendments")?;
        } else {
            body.serialize_field("amendments", &Seq(|| program.amendments.iter().map(|a| amendment(program, a))))?;
        }
        if program.schedules.is_empty() {
            body.skip_field("schedules")?;
        } else {
            body.serialize_field("schedules", &Seq(|| program.schedules.iter().map(|sc| schedule(program, sc))))?;
        }
        body.end()
    }
}

fn kind_name(program: &Program, kind: KindId) -> String {
    program.schema.kinds.get(kind).map(|k| k.name.clone()).unwrap_or_default()
}

fn enum_name(program: &Program, id: usize) -> String {
    program.schema.enums.get(id).map(|e| e.name.clone()).unwrap_or_default()
}

/// The name of value `index` of enum `id`; the index itself if either is unknown, which the
/// reader then refuses as inconsistent.
fn variant(program: &Program, id: usize, index: usize) -> String {
    program
        .schema
        .enums
        .get(id)
        .and_then(|e| e.variants.get(index))
        .map_or_else(|| index.to_string(), |v| v.to_string())
}

fn schema(program: &Program) -> ir::Schema {
    let s = &program.schema;
    let enums = s
        .enums
        .iter()
        .map(|e| ir::Enum {
            name: e.name.clone(),
            values: e.variants.iter().map(|v| v.to_string()).collect(),
            label: e.label.clone(),
            value_labels: e
                .variants
                .iter()
                .zip(&e.variant_labels)
                .filter_map(|(v, label)| Some((v.to_string(), label.clone()?)))
                .collect(),
        })
        .collect();
    let entities = s
        .kinds
        .iter()
        .map(|k| ir::Entity {
            name: k.name.clone(),
            owner: k.parent.map(|p| kind_name(program, p)),
            fields: k
                .fields
                .iter()
                .map(|f| ir::Field {
                    name: f.name.clone(),
                    ty: field_type(program, f.ty),
                    optional: f.optional,
                    default: f
                        .default
                        .as_ref()
                        .map(|v| Writer { program, chain: Vec::new(), params: &[] }.value(v, f.ty)),
                    label: f.label.clone(),
                })
                .collect(),
            label: k.label.clone(),
        })
        .collect();
    ir::Schema { enums, entities }
}

fn field_type(program: &Program, ty: Ty) -> ir::Type {
    match ty {
        Ty::Money => ir::Type::Money,
        Ty::Rate => ir::Type::Rate,
        Ty::Count => ir::Type::Count,
        Ty::Date => ir::Type::Date,
        Ty::Duration => ir::Type::Duration,
        Ty::Bool => ir::Type::Bool,
        Ty::Text => ir::Type::Text,
        Ty::Enum(e) => ir::Type::Enum(enum_name(program, e)),
        Ty::List(k) => ir::Type::List(kind_name(program, k)),
        // A declared field is never an award, a rate range, a bare literal or an error.
        Ty::Number | Ty::Award | Ty::RateRange | Ty::Literal | Ty::Error => ir::Type::Number,
    }
}

fn policy(p: &crate::program::Policy) -> ir::Policy {
    ir::Policy {
        id: p.id.to_string(),
        title: p.title.clone(),
        issuer: p.issuer.clone(),
        document: p.document.clone(),
        issued: p.issued,
        effective: p.effective,
        expires: p.expires,
        rounding: ir::Rounding {
            unit: match p.rounding.unit {
                amounts::RoundingUnit::Yuan => ir::RoundingUnit::Yuan,
                amounts::RoundingUnit::Jiao => ir::RoundingUnit::Jiao,
                amounts::RoundingUnit::Fen => ir::RoundingUnit::Fen,
            },
            mode: match p.rounding.mode {
                amounts::RoundingMode::HalfAwayFromZero => ir::RoundingMode::HalfAwayFromZero,
                amounts::RoundingMode::HalfEven => ir::RoundingMode::HalfEven,
                amounts::RoundingMode::Down => ir::RoundingMode::Down,
                amounts::RoundingMode::Up => ir::RoundingMode::Up,
            },
        },
    }
}

fn policy_id(program: &Program, index: usize) -> String {
    program.policies.get(index).map(|p| p.id.to_string()).unwrap_or_default()
}

fn rule(program: &Program, r: &crate::program::Rule) -> ir::Rule {
    let w = Writer { program, chain: program.schema.ancestry(r.kind), params: &[] };
    ir::Rule {
        policy: policy_id(program, r.policy),
        id: r.id.clone(),
        entity: kind_name(program, r.kind),
        cite: r.cite.clone(),
        title: r.title.clone(),
        dept: r.dept.clone(),
        conditions: conditions(&w, &r.conditions),
        on: r.on.as_ref().map(|e| w.expr(e, Ty::Date)),
        reward: w.expr(&r.reward, Ty::Money),
        frequency: match r.frequency {
            terms::Frequency::Once => ir::Frequency::Once,
            terms::Frequency::Yearly => ir::Frequency::Yearly,
            terms::Frequency::EveryEvent => ir::Frequency::EveryEvent,
        },
        once_per: r.once_per.as_ref().map(|e| w.expr(e, Ty::Literal)),
        once_for: w.chain.get(r.once_up).map(|&k| kind_name(program, k)).unwrap_or_default(),
        split: shares(&r.split),
        versions: r
            .versions
            .iter()
            .map(|v| ir::Version {
                amendment: amendment_id(program, v.since.amendment),
                text: v.text.as_ref().map(|t| ir::Text {
                    cite: t.cite.clone(),
                    title: t.title.clone(),
                    dept: t.dept.clone(),
                    conditions: conditions(&w, &t.conditions),
                    reward: w.expr(&t.reward, Ty::Money),
                    split: shares(&t.split),
                }),
            })
            .collect(),
        added_by: r.added.map(|since| amendment_id(program, since.amendment)),
    }
}

fn conditions(w: &Writer, conditions: &[crate::program::Condition]) -> Vec<ir::Condition> {
    conditions
        .iter()
        .map(|c| ir::Condition { text: c.text.to_string(), scope: c.scope, expr: w.expr(&c.expr, Ty::Bool) })
        .collect()
}

fn shares(split: &[crate::program::Share]) -> Vec<ir::Share> {
    split.iter().map(|s| ir::Share { payer: s.payer.clone(), rate: s.rate }).collect()
}

fn amendment_id(program: &Program, index: usize) -> String {
    program.amendments.get(index).map(|a| a.id.clone()).unwrap_or_default()
}

fn amendment(program: &Program, a: &crate::program::Amendment) -> ir::Amendment {
    use crate::program::How;
    ir::Amendment {
        policy: policy_id(program, a.policy),
        id: a.id.clone(),
        title: a.title.clone(),
        document: a.document.clone(),
        issued: a.issued,
        effective: a.effective,
        expires: a.expires,
        changes: a
            .changes
            .iter()
            .map(|c| ir::Amended {
                rule: c.rule.clone(),
                how: match &c.how {
                    How::Replaced(clauses) => ir::How::Replaced(clauses.clone()),
                    How::Repealed => ir::How::Repealed,
                    How::Added => ir::How::Added,
                    How::Cap(cap) => ir::How::Cap(money(*cap)),
                },
            })
            .collect(),
    }
}

fn members(program: &Program, members: &[usize]) -> Vec<ir::RuleRef> {
    members
        .iter()
        .map(|&m| {
            let rule = program.rules.get(m);
            ir::RuleRef {
                policy: rule.map(|r| policy_id(program, r.policy)).unwrap_or_default(),
                rule: rule.map(|r| r.id.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

fn period(period: dates::Period) -> ir::Period {
    match period {
        dates::Period::Year => ir::Period::Year,
        dates::Period::Years(n) => ir::Period::Years(n),
        dates::Period::Total => ir::Period::Total,
    }
}

fn pool(program: &Program, p: &crate::program::Pool) -> ir::Pool {
    ir::Pool {
        policy: policy_id(program, p.policy),
        id: p.id.to_string(),
        cite: p.cite.clone(),
        title: p.title.clone(),
        members: members(program, &p.members),
        per: kind_name(program, p.scope),
        period: period(p.period),
        cap: match p.measure {
            crate::program::Measure::Money(m) => ir::Cap::Money(money(m)),
            crate::program::Measure::Count { count, choose } => ir::Cap::Awards(ir::AwardLimit {
                awards: count,
                choose: match choose {
                    terms::Choose::Highest => ir::Choose::Highest,
                    terms::Choose::Earliest => ir::Choose::Earliest,
                },
            }),
        },
        grants: p
            .grants
            .iter()
            .map(|g| ir::GrantTags { policy: g.policy.clone(), issuer: g.issuer.clone(), level: g.level.clone() })
            .collect(),
        implicit: p.implicit,
        versions: p
            .versions
            .iter()
            .map(|v| ir::CapVersion { amendment: amendment_id(program, v.since.amendment), cap: money(v.cap) })
            .collect(),
    }
}

fn stack(program: &Program, s: &crate::program::Stack) -> ir::Stack {
    ir::Stack {
        policy: policy_id(program, s.policy),
        id: s.id.clone(),
        cite: s.cite.clone(),
        members: members(program, &s.members),
        per: kind_name(program, s.scope),
        period: period(s.period),
        earlier: match s.earlier {
            terms::Earlier::TopUp => ir::Earlier::TopUp,
            terms::Earlier::Refuse => ir::Earlier::Refuse,
        },
    }
}

fn needs(n: &crate::needs::RuleNeeds) -> ir::RuleNeeds {
    ir::RuleNeeds {
        policy: n.policy.clone(),
        rule: n.rule.clone(),
        entity: n.entity.clone(),
        facts: n
            .facts
            .iter()
            .map(|f| ir::FactRead {
                entity: f.entity.clone(),
                field: f.field.clone(),
                ty: f.ty.clone(),
                optional: f.optional,
                via: f.via.iter().map(|v| v.to_string()).collect(),
            })
            .collect(),
        // The IR is the same whatever language the messages are in.
        ledger: n.ledger.iter().map(|row| crate::i18n::with_lang(crate::i18n::Lang::En, || row.to_string())).collect(),
    }
}

fn schedule(program: &Program, s: &crate::program::Schedule) -> ir::Schedule {
    let params = s.params.as_deref().unwrap_or_default();
    let w = Writer { program, chain: Vec::new(), params };
    ir::Schedule {
        name: s.name.clone(),
        policy: s.policy.clone(),
        params: s.params.as_ref().map(|ps| {
            ps.iter().map(|(name, ty)| ir::Param { name: name.clone(), ty: field_type(program, *ty) }).collect()
        }),
        body: w.expr(&s.body, w.ty(&s.body)),
    }
}
