//! Pools (caps over groups of rules), stacks (就高不重复) and funding splits: the items that name other rules. Checked after
//! every file's rules, because members may name rules of other policies.

use super::error::GroupError;
use super::schema::Scope;
use super::{suggest, CheckError, Diagnostics};
use crate::ast::{self, ExprKind, Literal, Member, Period, Spanned};
use crate::program::{self, KindId, Measure, Schema, Share};
use crate::t;
use rust_decimal::Decimal;

/// The rules and policies checked so far, for resolving members.
pub(super) struct Index<'a> {
    pub schema: &'a Schema,
    pub policies: &'a [program::Policy],
    pub rules: &'a [program::Rule],
}

fn error(diags: &mut Diagnostics, file: usize, e: GroupError) {
    diags.error(file, CheckError::Group(e));
}

impl Index<'_> {
    fn policy_named(&self, name: &str) -> Option<usize> {
        self.policies.iter().position(|p| *p.id == *name)
    }

    fn rule(&self, policy: usize, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.policy == policy && r.id == id)
    }

    fn kind_name(&self, kind: KindId) -> String {
        self.schema.kinds.get(kind).map(|k| k.name.clone()).unwrap_or_default()
    }

    /// Resolves `CZ-03-1a`, `wuxi.WX-10` and `policy wuxi` to rule indices.
    fn members(&self, members: &[Spanned<Member>], policy: usize, file: usize, diags: &mut Diagnostics) -> Vec<usize> {
        let mut out = Vec::new();
        for m in members {
            match &m.node {
                Member::Grants(_) => {}
                Member::Policy(name) => match self.policy_named(name) {
                    Some(p) => out.extend(self.rules.iter().enumerate().filter(|(_, r)| r.policy == p).map(|(i, _)| i)),
                    None => {
                        let help = suggest::help(name, self.policies.iter().map(|p| &*p.id), "policy");
                        error(diags, file, GroupError::UnknownPolicy { name: name.clone(), help, span: m.span.into() });
                    }
                },
                Member::Rule(name) => {
                    let qualified = name.split_once('.').and_then(|(p, r)| Some((self.policy_named(p)?, r)));
                    // Outside any policy (a file of tests), a bare id names the one rule that has it.
                    let unique = || {
                        let mut all = self.rules.iter().enumerate().filter(|(_, r)| r.id == *name).map(|(i, _)| i);
                        all.next().filter(|_| all.next().is_none())
                    };
                    let found = self
                        .rule(policy, name)
                        .or_else(|| qualified.and_then(|(p, r)| self.rule(p, r)))
                        .or_else(|| (policy == usize::MAX).then(unique).flatten());
                    match found {
                        Some(i) if !out.contains(&i) => out.push(i),
                        Some(_) => {}
                        None => {
                            let (p, r) = qualified.unwrap_or((policy, name.as_str()));
                            let ids = self.rules.iter().filter(|x| x.policy == p).map(|x| x.id.as_str());
                            let help = suggest::help(r, ids, "rule");
                            let policy_name = self.policies.get(p).map(|x| x.id.to_string()).unwrap_or_default();
                            error(
                                diags,
                                file,
                                GroupError::UnknownRule {
                                    name: r.to_string(),
                                    policy: policy_name,
                                    help,
                                    span: m.span.into(),
                                },
                            );
                        }
                    }
                }
            }
        }
        out
    }

    /// The kind named by `per`, checked to contain every member's entity.
    fn scope(
        &self,
        what: &str,
        group: &str,
        per: &ast::Ident,
        members: &[usize],
        file: usize,
        diags: &mut Diagnostics,
    ) -> Option<KindId> {
        let Some(scope) = self.schema.kind_named(&per.node) else {
            let help = suggest::help(&per.node, self.schema.kinds.iter().map(|k| k.name.as_str()), "entity kind");
            diags.error(file, CheckError::UnknownEntity { name: per.node.clone(), help, span: per.span.into() });
            return None;
        };
        let mut ok = true;
        for &m in members {
            let Some(rule) = self.rules.get(m) else { continue };
            if !self.schema.contains(scope, rule.kind) {
                ok = false;
                error(
                    diags,
                    file,
                    GroupError::Scope {
                        what: what.into(),
                        group: group.into(),
                        scope: per.node.clone(),
                        rule: rule.id.clone(),
                        kind: self.kind_name(rule.kind),
                        root: self.kind_name(self.schema.root(rule.kind)),
                        span: per.span.into(),
                    },
                );
            }
        }
        ok.then_some(scope)
    }

    /// A pool: one program pool for its `cap` and one for its `limit`, sharing the members.
    pub fn pool(
        &self,
        p: &Spanned<ast::Pool>,
        policy: usize,
        file: usize,
        diags: &mut Diagnostics,
    ) -> Vec<program::Pool> {
        let members = self.members(&p.members, policy, file, diags);
        let grants: Vec<ast::GrantTags> = p
            .members
            .iter()
            .filter_map(|m| match &m.node {
                Member::Grants(tags) => Some(tags.clone()),
                _ => None,
            })
            .collect();
        let missing = |clause: &str, help: &str| GroupError::Missing {
            what: "pool".into(),
            group: p.id.node.clone(),
            clause: clause.into(),
            help: help.into(),
            span: p.id.span.into(),
        };
        if p.members.is_empty() {
            error(diags, file, missing("members", &t!("check-pool-members-help")));
        }
        if p.cap.is_none() && p.limit.is_none() {
            error(diags, file, missing("cap", &t!("check-pool-cap-help")));
        }
        let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.node.clone());
        let mut out = Vec::new();
        let mut add = |per: &ast::Ident, period: Period, span: ast::Span, measure, diags: &mut Diagnostics| {
            if period == Period::Years(0) {
                error(diags, file, GroupError::EmptyPeriod { span: span.into() });
            }
            let scope = self.scope("pool", &p.id, per, &members, file, diags)?;
            out.push(program::Pool {
                id: p.id.node.clone(),
                policy,
                cite: text(&p.cite),
                title: text(&p.title),
                members: members.clone(),
                scope,
                depth: self.schema.depth(scope),
                period,
                measure,
                grants: grants.clone(),
                implicit: false,
                versions: Vec::new(),
            });
            Some(())
        };
        if let Some(cap) = &p.cap {
            add(&cap.per, cap.period, cap.span, Measure::Money(cap.amount.value), diags);
        }
        if let Some(limit) = &p.limit {
            if limit.count == 0 {
                error(diags, file, GroupError::ZeroLimit { span: limit.span.into() });
            }
            let measure = Measure::Count { count: limit.count, choose: limit.choose };
            add(&limit.per, limit.period, limit.span, measure, diags);
        }
        out
    }

    pub fn stack(
        &self,
        s: &Spanned<ast::Stack>,
        policy: usize,
        file: usize,
        diags: &mut Diagnostics,
    ) -> Option<program::Stack> {
        let members = self.members(&s.members, policy, file, diags);
        if s.members.is_empty() {
            error(
                diags,
                file,
                GroupError::Missing {
                    what: "stack".into(),
                    group: s.id.node.clone(),
                    clause: "members".into(),
                    help: t!("check-stack-members-help"),
                    span: s.id.span.into(),
                },
            );
        }
        let scope = match &s.per {
            Some(per) => self.scope("stack", &s.id, per, &members, file, diags)?,
            None => {
                let kinds: Vec<KindId> = members.iter().filter_map(|&m| self.rules.get(m)).map(|r| r.kind).collect();
                let first = *kinds.first()?;
                if let Some(&other) = kinds.iter().find(|&&k| k != first) {
                    let span = s
                        .members
                        .first()
                        .map_or(s.id.span, |m| m.span)
                        .to(s.members.last().map_or(s.id.span, |m| m.span));
                    error(
                        diags,
                        file,
                        GroupError::StackKinds {
                            group: s.id.node.clone(),
                            first: self.kind_name(first),
                            second: self.kind_name(other),
                            span: span.into(),
                        },
                    );
                    return None;
                }
                first
            }
        };
        for m in &s.members {
            if let Member::Grants(_) = m.node {
                error(diags, file, GroupError::GrantsInStack { span: m.span.into() });
            }
        }
        let period = match &s.period {
            Some(p) if matches!(p.node, Period::Years(_)) => {
                error(diags, file, GroupError::StackPeriod { span: p.span.into() });
                Period::Total
            }
            Some(p) => p.node,
            None => Period::Total,
        };
        let Some(earlier) = &s.earlier else {
            let help = t!("check-stack-earlier-help");
            let missing = GroupError::Missing {
                what: "stack".into(),
                group: s.id.node.clone(),
                clause: "earlier".into(),
                help,
                span: s.id.span.into(),
            };
            error(diags, file, missing);
            return None;
        };
        Some(program::Stack {
            id: s.id.node.clone(),
            policy,
            cite: s.cite.as_ref().map(|c| c.node.clone()),
            members,
            scope,
            depth: self.schema.depth(scope),
            period,
            earlier: earlier.node,
        })
    }
}

impl Index<'_> {
    /// A test with each `expect` resolved to a rule (of this file's policy, or `policy.rule`).
    pub fn test(
        &self,
        t: &Spanned<ast::Test>,
        policy: Option<usize>,
        file: usize,
        diags: &mut Diagnostics,
    ) -> program::Test {
        let expects = t
            .expects
            .iter()
            .filter_map(|e| {
                let member = [Spanned::new(Member::Rule(e.rule.node.clone()), e.rule.span)];
                let rule = *self.members(&member, policy.unwrap_or(usize::MAX), file, diags).first()?;
                Some(program::Expect { rule, entity: e.entity.node.clone(), outcome: e.outcome.clone(), span: e.span })
            })
            .collect();
        program::Test {
            name: t.name.node.clone(),
            source: file,
            span: t.span,
            as_of: t.as_of.as_ref().map(|d| d.node),
            facts: t.facts.as_ref().map(|f| f.node.clone()),
            expects,
        }
    }
}

/// A rule's `per_year_cap`, as the pool it stands for: this rule alone, per top-level entity.
pub(super) fn implicit_pool(schema: &Schema, index: usize, rule: &program::Rule, cap: Decimal) -> program::Pool {
    let scope = schema.root(rule.kind);
    program::Pool {
        id: format!("{}.per_year_cap", rule.id),
        policy: rule.policy,
        cite: rule.cite.clone(),
        title: None,
        members: vec![index],
        scope,
        depth: 0,
        period: Period::Year,
        measure: Measure::Money(cap),
        grants: Vec::new(),
        implicit: true,
        versions: Vec::new(),
    }
}

/// The amount of a cap, which must be written as a number.
pub(super) fn fixed_amount(e: &ast::Expr, file: usize, diags: &mut Diagnostics) -> Option<Decimal> {
    match &e.node {
        ExprKind::Lit(Literal::Number(n)) => Some(n.value),
        _ => {
            error(diags, file, GroupError::NotFixed { span: e.span.into() });
            None
        }
    }
}

/// `split city 50%, district 50%`: every share given and adding up to 100%, or none given.
pub(super) fn split(shares: &Spanned<Vec<ast::Share>>, file: usize, diags: &mut Diagnostics) -> Vec<Share> {
    let given: Vec<Decimal> = shares.iter().filter_map(|s| s.percent.as_ref().map(|p| p.node)).collect();
    let mut seen: Vec<&str> = Vec::new();
    for s in shares.iter() {
        if seen.contains(&s.payer.as_str()) {
            diags.error(file, super::schema::duplicate("payer", &s.payer, Scope::Split, s.payer.span, None));
        }
        seen.push(&s.payer);
    }
    let total: Decimal = given.iter().sum();
    if !given.is_empty() && (given.len() != shares.len() || total != Decimal::ONE_HUNDRED) {
        error(diags, file, GroupError::Shares { total: total.normalize().to_string(), span: shares.span.into() });
    }
    shares
        .iter()
        .map(|s| Share {
            payer: s.payer.node.clone(),
            rate: s.percent.as_ref().and_then(|p| p.node.checked_div(Decimal::ONE_HUNDRED)).map(|r| r.normalize()),
        })
        .collect()
}
