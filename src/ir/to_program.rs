//! IR → program: every name is resolved again (a kind, a field, an enum value, a rule), so
//! a hand-edited or foreign IR that names something absent is refused, not evaluated.

use super::types as ir;
use super::IrError;
use crate::amounts;
use crate::diagnostic::Span;
use crate::program::{
    Amended, Amendment, CapVersion, Condition, EnumDef, FieldDef, How, KindDef, Measure, Policy, Pool, Program, Rule,
    Schedule, Schema, Share, Since, Stack, Text, Ty, Version,
};
use crate::{dates, terms};
use expr::{literal, Reader};
use std::collections::HashMap;

mod expr;

type Result<T> = std::result::Result<T, IrError>;

fn bad<T>(what: String) -> Result<T> {
    Err(IrError::Inconsistent(what))
}

/// The program an IR describes.
pub(super) fn program(ir: ir::Program) -> Result<Program> {
    let schema = schema(&ir.schema)?;
    let schedules = schedules(&schema, &ir.schedules)?;
    let policies: Vec<Policy> = ir.policies.iter().map(policy).collect();
    let policy_index = |id: &str, of: &str| match policies.iter().position(|p| *p.id == *id) {
        Some(i) => Ok(i),
        None => bad(format!("{of} belongs to policy `{id}`, which the IR does not declare")),
    };
    let amendments = ir
        .amendments
        .iter()
        .map(|a| amendment(a, policy_index(&a.policy, &format!("amendment `{}`", a.id))?))
        .collect::<Result<Vec<_>>>()?;
    let mut rules = Vec::with_capacity(ir.rules.len());
    let mut rule_index: HashMap<(&str, &str), usize> = HashMap::new();
    for r in &ir.rules {
        if rule_index.insert((&r.policy, &r.id), rules.len()).is_some() {
            return bad(format!("rule `{}.{}` is declared twice", r.policy, r.id));
        }
        rules.push(rule(&schema, &schedules, r, policy_index(&r.policy, &format!("rule `{}`", r.id))?, &amendments)?);
    }
    let members = |refs: &[ir::RuleRef], of: &str| {
        refs.iter()
            .map(|m| match rule_index.get(&(m.policy.as_str(), m.rule.as_str())) {
                Some(&i) => Ok(i),
                None => bad(format!("{of} names rule `{}.{}`, which the IR does not declare", m.policy, m.rule)),
            })
            .collect::<Result<Vec<usize>>>()
    };
    let scope = |name: &str, of: &str| match schema.kind_named(name) {
        Some(k) => Ok(k),
        None => bad(format!("{of} is counted per `{name}`, an entity the IR does not declare")),
    };
    let mut pools = Vec::with_capacity(ir.pools.len());
    for p in &ir.pools {
        let of = format!("pool `{}`", p.id);
        let scope = scope(&p.per, &of)?;
        let policy = policy_index(&p.policy, &of)?;
        pools.push(Pool {
            id: p.id.clone(),
            policy,
            cite: p.cite.clone(),
            title: p.title.clone(),
            members: members(&p.members, &of)?,
            scope,
            depth: schema.depth(scope),
            period: period(p.period),
            measure: match &p.cap {
                ir::Cap::Money(m) => Measure::Money(m.money),
                ir::Cap::Awards(limit) => Measure::Count {
                    count: limit.awards,
                    choose: match limit.choose {
                        ir::Choose::Highest => terms::Choose::Highest,
                        ir::Choose::Earliest => terms::Choose::Earliest,
                    },
                },
            },
            grants: p
                .grants
                .iter()
                .map(|g| terms::GrantTags {
                    policy: g.policy.clone(),
                    issuer: g.issuer.clone(),
                    level: g.level.clone(),
                })
                .collect(),
            implicit: p.implicit,
            versions: p
                .versions
                .iter()
                .map(|v| match amendments.iter().position(|a| a.id == v.amendment && a.policy == policy) {
                    Some(i) => Ok(CapVersion {
                        since: Since {
                            amendment: i,
                            effective: amendments.get(i).map(|a| a.effective).unwrap_or_default(),
                        },
                        cap: v.cap.money,
                    }),
                    None => bad(format!(
                        "{of} names amendment `{}`, which the IR does not declare for its policy",
                        v.amendment
                    )),
                })
                .collect::<Result<Vec<_>>>()?,
        });
    }
    let mut stacks = Vec::with_capacity(ir.stacks.len());
    for s in &ir.stacks {
        let of = format!("stack `{}`", s.id);
        let scope = scope(&s.per, &of)?;
        stacks.push(Stack {
            id: s.id.clone(),
            policy: policy_index(&s.policy, &of)?,
            cite: s.cite.clone(),
            members: members(&s.members, &of)?,
            scope,
            depth: schema.depth(scope),
            period: period(s.period),
            earlier: match s.earlier {
                ir::Earlier::TopUp => terms::Earlier::TopUp,
                ir::Earlier::Refuse => terms::Earlier::Refuse,
            },
        });
    }
    Ok(Program {
        schema,
        policies,
        rules,
        amendments,
        pools,
        stacks,
        schedules,
        tests: Vec::new(),
        sources: Vec::new(),
        names: Default::default(),
        version_names: Default::default(),
        walks: Default::default(),
    })
}

fn schema(ir: &ir::Schema) -> Result<Schema> {
    let kind_id = |name: &str| ir.entities.iter().position(|k| k.name == name);
    let enums: Vec<EnumDef> = ir
        .enums
        .iter()
        .map(|e| EnumDef {
            name: e.name.clone(),
            variants: e.values.iter().map(|v| v.as_str().into()).collect(),
            label: e.label.clone(),
            variant_labels: e.values.iter().map(|v| e.value_labels.get(v).cloned()).collect(),
        })
        .collect();
    let mut kinds = Vec::with_capacity(ir.entities.len());
    for (i, k) in ir.entities.iter().enumerate() {
        if kind_id(&k.name) != Some(i) {
            return bad(format!("entity `{}` is declared twice", k.name));
        }
        let parent = match &k.owner {
            None => None,
            Some(owner) => match kind_id(owner) {
                Some(p) => Some(p),
                None => return bad(format!("entity `{}` is owned by `{owner}`, which is not declared", k.name)),
            },
        };
        let mut fields = Vec::with_capacity(k.fields.len());
        for f in &k.fields {
            let unknown = |what: &str, name: &str| {
                bad(format!("field `{}.{}` is of {what} `{name}`, which is not declared", k.name, f.name))
            };
            let ty = match (&f.ty, value_type(&enums, &f.ty)) {
                (_, Some(ty)) => ty,
                (ir::Type::List(name), None) => match kind_id(name) {
                    Some(c) => Ty::List(c),
                    None => return unknown("entity", name),
                },
                (ir::Type::Enum(name), None) => return unknown("enum", name),
                // Every other type is a value type.
                (_, None) => return unknown("type", "?"),
            };
            let default = match &f.default {
                None => None,
                Some(value) => match literal(value, &enums) {
                    Some(v) => Some(v),
                    None => return bad(format!("field `{}.{}` has a default that is not a literal", k.name, f.name)),
                },
            };
            fields.push(FieldDef { name: f.name.clone(), ty, optional: f.optional, default, label: f.label.clone() });
        }
        kinds.push(KindDef { name: k.name.clone(), fields, parent, label: k.label.clone() });
    }
    let schema = Schema { enums, kinds };
    owners(&schema)?;
    Ok(schema)
}

/// Each kind's owner is the kind whose list holds it. (Kinds that own each other in a cycle
/// are only a warning in the source, so the IR may hold them too.)
fn owners(schema: &Schema) -> Result<()> {
    for (id, kind) in schema.kinds.iter().enumerate() {
        for field in &kind.fields {
            if let Ty::List(child) = field.ty {
                if schema.kinds.get(child).and_then(|c| c.parent) != Some(id) {
                    return bad(format!(
                        "field `{}.{}` lists entities that `{}` does not own",
                        kind.name, field.name, kind.name
                    ));
                }
            }
        }
    }
    Ok(())
}

fn policy(p: &ir::Policy) -> Policy {
    Policy {
        id: p.id.as_str().into(),
        title: p.title.clone(),
        issuer: p.issuer.clone(),
        document: p.document.clone(),
        issued: p.issued,
        effective: p.effective,
        expires: p.expires,
        rounding: amounts::Rounding {
            unit: match p.rounding.unit {
                ir::RoundingUnit::Yuan => amounts::RoundingUnit::Yuan,
                ir::RoundingUnit::Jiao => amounts::RoundingUnit::Jiao,
                ir::RoundingUnit::Fen => amounts::RoundingUnit::Fen,
            },
            mode: match p.rounding.mode {
                ir::RoundingMode::HalfAwayFromZero => amounts::RoundingMode::HalfAwayFromZero,
                ir::RoundingMode::HalfEven => amounts::RoundingMode::HalfEven,
                ir::RoundingMode::Down => amounts::RoundingMode::Down,
                ir::RoundingMode::Up => amounts::RoundingMode::Up,
            },
        },
    }
}

fn period(p: ir::Period) -> dates::Period {
    match p {
        ir::Period::Year => dates::Period::Year,
        ir::Period::Years(n) => dates::Period::Years(n),
        ir::Period::Total => dates::Period::Total,
    }
}

fn amendment(a: &ir::Amendment, policy: usize) -> Result<Amendment> {
    let changes = a
        .changes
        .iter()
        .map(|c| Amended {
            rule: c.rule.clone(),
            how: match &c.how {
                ir::How::Replaced(clauses) => How::Replaced(clauses.clone()),
                ir::How::Repealed => How::Repealed,
                ir::How::Added => How::Added,
                ir::How::Cap(cap) => How::Cap(cap.money),
            },
        })
        .collect();
    Ok(Amendment {
        id: a.id.clone(),
        policy,
        title: a.title.clone(),
        document: a.document.clone(),
        issued: a.issued,
        effective: a.effective,
        expires: a.expires,
        changes,
    })
}

/// The amendment named `id` of the rule's policy, and its date.
fn since(amendments: &[Amendment], id: &str, r: &ir::Rule, policy: usize) -> Result<Since> {
    match amendments.iter().position(|a| a.id == id && a.policy == policy) {
        Some(i) => Ok(Since { amendment: i, effective: amendments.get(i).map(|a| a.effective).unwrap_or_default() }),
        None => bad(format!("rule `{}` names amendment `{id}`, which the IR does not declare for its policy", r.id)),
    }
}

fn rule(
    schema: &Schema,
    schedules: &[Schedule],
    r: &ir::Rule,
    policy: usize,
    amendments: &[Amendment],
) -> Result<Rule> {
    let Some(kind) = schema.kind_named(&r.entity) else {
        return bad(format!("rule `{}` pays `{}`, an entity the IR does not declare", r.id, r.entity));
    };
    let reader = Reader { schema, chain: schema.ancestry(kind), rule: &r.id, schedules, params: &[] };
    let Some(once_up) = reader.up(&r.once_for) else {
        return bad(format!(
            "rule `{}` counts its one-offs for `{}`, which does not own `{}`",
            r.id, r.once_for, r.entity
        ));
    };
    let conditions = |conditions: &[ir::Condition]| {
        conditions
            .iter()
            .map(|c| Ok(Condition::new(c.text.as_str().into(), reader.expr(&c.expr)?, c.scope)))
            .collect::<Result<Vec<_>>>()
    };
    let shares = |split: &[ir::Share]| split.iter().map(|s| Share { payer: s.payer.clone(), rate: s.rate }).collect();
    let mut versions = Vec::with_capacity(r.versions.len());
    for v in &r.versions {
        let since = since(amendments, &v.amendment, r, policy)?;
        if versions.last().is_some_and(|last: &Version| last.since.effective > since.effective) {
            return bad(format!("rule `{}` lists its versions out of date order", r.id));
        }
        let text = match &v.text {
            None => None,
            Some(t) => Some(Text {
                cite: t.cite.clone(),
                title: t.title.clone(),
                dept: t.dept.clone(),
                conditions: conditions(&t.conditions)?,
                reward: reader.expr(&t.reward)?,
                split: shares(&t.split),
            }),
        };
        versions.push(Version { since, text });
    }
    let added = r.added_by.as_ref().map(|id| since(amendments, id, r, policy)).transpose()?;
    Ok(Rule {
        id: r.id.clone(),
        policy,
        kind,
        cite: r.cite.clone(),
        title: r.title.clone(),
        dept: r.dept.clone(),
        conditions: conditions(&r.conditions)?,
        on: r.on.as_ref().map(|e| reader.expr(e)).transpose()?,
        reward: reader.expr(&r.reward)?,
        frequency: match r.frequency {
            ir::Frequency::Once => terms::Frequency::Once,
            ir::Frequency::Yearly => terms::Frequency::Yearly,
            ir::Frequency::EveryEvent => terms::Frequency::EveryEvent,
        },
        once_per: r.once_per.as_ref().map(|e| reader.expr(e)).transpose()?,
        once_up,
        split: shares(&r.split),
        source: 0,
        span: Span::default(),
        versions,
        added,
    })
}

/// The values and schedules, each reading only those before it (so no call loops), nested
/// no deeper than the checker allows.
fn schedules(schema: &Schema, ir: &[ir::Schedule]) -> Result<Vec<Schedule>> {
    let mut out: Vec<Schedule> = Vec::with_capacity(ir.len());
    let mut nesting = Vec::with_capacity(ir.len());
    for s in ir {
        let params = match &s.params {
            None => None,
            Some(ps) => Some(
                ps.iter()
                    .map(|p| match value_type(&schema.enums, &p.ty) {
                        Some(ty) => Ok((p.name.clone(), ty)),
                        None => bad(format!("parameter `{}` of `{}` has a type that is not declared", p.name, s.name)),
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        let what = format!("schedule `{}`", s.name);
        let reader = Reader {
            schema,
            chain: Vec::new(),
            rule: &what,
            schedules: &out,
            params: params.as_deref().unwrap_or_default(),
        };
        let body = reader.expr(&s.body)?;
        nesting.push(body.nesting(&nesting) + 1);
        if nesting.last().is_some_and(|&n| n > crate::program::MAX_NESTING) {
            return bad(format!("{what} uses schedules nested too deep"));
        }
        // The body's type matters only to the checker, which an IR program has left behind.
        out.push(Schedule { name: s.name.clone(), policy: s.policy.clone(), params, body, ty: Ty::Error });
    }
    Ok(out)
}

/// A parameter's type: a base type or one of `enums`, never a list.
fn value_type(enums: &[EnumDef], ty: &ir::Type) -> Option<Ty> {
    Some(match ty {
        ir::Type::Money => Ty::Money,
        ir::Type::Rate => Ty::Rate,
        ir::Type::Number => Ty::Number,
        ir::Type::Count => Ty::Count,
        ir::Type::Date => Ty::Date,
        ir::Type::Duration => Ty::Duration,
        ir::Type::Bool => Ty::Bool,
        ir::Type::Text => Ty::Text,
        ir::Type::Enum(name) => Ty::Enum(enums.iter().position(|e| e.name == *name)?),
        ir::Type::List(_) => return None,
    })
}
