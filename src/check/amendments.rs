//! Amendments: `amendment NAME of POLICY { change … repeal … rule … }` checked against the
//! policy it amends, and turned into dated versions of its rules.
//!
//! Amendments apply in effective-date order, each on top of the text the earlier ones left,
//! so a chain of them reads as the documents do. A version keeps its rule's index: pools,
//! stacks and the ledger count awards under every version against the same rule.

mod caps;
mod error;

pub(super) use caps::{apply as apply_caps, NewCap};
pub use error::AmendmentError;

use super::narrow::Narrowing;
use super::schema::Scope;
use super::{expr, pools, CheckError, Diagnostics};
use crate::ast::{self, Effective, Spanned};
use crate::diagnostic::{noun, suggest, Source};
use crate::program::{self, Amended, How, Schema, Since, Text, Ty};
use crate::t;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What amending needs from the rest of the check.
pub(super) struct Amend<'a> {
    pub schema: &'a Schema,
    pub policies: &'a [program::Policy],
    /// Each policy's `scope` conditions, as written.
    pub scopes: &'a [&'a [ast::Expr]],
    /// The pools and stacks written for each policy (policy, `pool` or `stack`, id), so that
    /// changing one is told it is not a rule.
    pub groups: Vec<(usize, &'static str, &'a str)>,
    /// The values and schedules rules may use.
    pub names: &'a super::schedules::Names,
    /// The policy each file declares, so a file's own values come first.
    pub file_policies: &'a [Option<String>],
}

/// What amending builds as it goes: the rules (versions added, new rules appended), the new
/// rules' caps, which amendment changed which rule on which date, and the amendments done.
struct Built<'a, 'r> {
    files: &'a [(Source, ast::File)],
    rules: &'r mut Vec<program::Rule>,
    caps: &'r mut Vec<(usize, Decimal)>,
    /// (rule, date) → the first change's file, amendment and span.
    firsts: HashMap<(usize, NaiveDate), (usize, String, ast::Span)>,
    done: Vec<program::Amendment>,
    /// The `when`s as written of each changed rule's latest text, for the `by` tables of
    /// later changes (`narrow.rs`).
    whens: HashMap<usize, Vec<&'a ast::Expr>>,
    /// The caps amendments set, for the pools built after them.
    new_caps: Vec<NewCap>,
}

impl<'a> Built<'a, '_> {
    /// The `when`s as written of the text rule `index` has now: those of the last `change`
    /// that replaced them, else the rule's own.
    fn whens(&self, index: usize) -> Vec<&'a ast::Expr> {
        if let Some(whens) = self.whens.get(&index) {
            return whens.clone();
        }
        let Some(rule) = self.rules.get(index) else { return Vec::new() };
        let same = |r: &Spanned<ast::Rule>| r.span.start == rule.span.start && r.span.end == rule.span.end;
        let items = self.files.get(rule.source).map_or(&[][..], |(_, f)| f.items.as_slice());
        let written = items.iter().find_map(|item| match item {
            ast::Item::Rule(r) => same(r).then_some(&***r),
            ast::Item::Amendment(a) => a.changes.iter().find_map(|c| match &c.node {
                ast::Change::Add(r) if same(r) => Some(&r.node),
                _ => None,
            }),
            _ => None,
        });
        written.map_or_else(Vec::new, |r| r.conditions.iter().collect())
    }
}

/// One amendment as written, its file and its checked header.
struct Written<'a> {
    file: usize,
    ast: &'a Spanned<ast::Amendment>,
    policy: usize,
    effective: NaiveDate,
}

impl Amend<'_> {
    /// Checks every amendment of `files`, adds versions to `rules` and the rules amendments
    /// add (with their `per_year_cap`s in `caps`), and files holding only amendments take the
    /// policy they amend (for their tests). Returns the amendments in effective-date order,
    /// and the caps they set, for [`apply_caps`] once the pools are built.
    pub fn all(
        &self,
        files: &[(Source, ast::File)],
        rules: &mut Vec<program::Rule>,
        caps: &mut Vec<(usize, Decimal)>,
        policy_of_files: &mut [Option<usize>],
        diags: &mut Diagnostics,
    ) -> (Vec<program::Amendment>, Vec<NewCap>) {
        let mut written = Vec::new();
        let mut ids: HashMap<&str, (usize, ast::Span)> = HashMap::new();
        for (file, (_, parsed)) in files.iter().enumerate() {
            for item in &parsed.items {
                let ast::Item::Amendment(a) = item else { continue };
                if let Some((first_file, first)) = ids.insert(&a.id.node, (file, a.id.span)) {
                    let first = (first_file == file).then_some(first);
                    let error = super::schema::duplicate("amendment", &a.id.node, Scope::Files, a.id.span, first);
                    diags.error(file, error);
                    continue;
                }
                if let Some(w) = self.header(file, a, diags) {
                    if let Some(slot) = policy_of_files.get_mut(file).filter(|p| p.is_none()) {
                        *slot = Some(w.policy);
                    }
                    written.push(w);
                }
            }
        }
        written.sort_by_key(|w| w.effective);
        let mut built = Built {
            files,
            rules,
            caps,
            firsts: HashMap::new(),
            done: Vec::new(),
            whens: HashMap::new(),
            new_caps: Vec::new(),
        };
        for w in written {
            let since = Since { amendment: built.done.len(), effective: w.effective };
            let changes =
                w.ast.changes.iter().filter_map(|change| self.change(&w, since, change, &mut built, diags)).collect();
            let a = &w.ast.node;
            let expires = a.expires.as_ref().map(|d| d.node);
            if expires.is_some() {
                caps::extend(built.rules, w.policy, since);
            }
            let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.node.clone());
            built.done.push(program::Amendment {
                id: a.id.node.clone(),
                policy: w.policy,
                title: text(&a.title),
                document: text(&a.document),
                issued: a.issued.as_ref().map(|d| d.node),
                effective: w.effective,
                expires,
                changes,
            });
        }
        (built.done, built.new_caps)
    }

    /// The policy amended and the date, or the errors that leave it unchecked.
    fn header<'a>(&self, file: usize, a: &'a Spanned<ast::Amendment>, diags: &mut Diagnostics) -> Option<Written<'a>> {
        let Some(policy) = self.policies.iter().position(|p| *p.id == *a.policy.node) else {
            let help = suggest::help(&a.policy.node, self.policies.iter().map(|p| &*p.id), "policy");
            let error = AmendmentError::UnknownPolicy {
                amendment: a.id.node.clone(),
                policy: a.policy.node.clone(),
                help,
                span: a.policy.span.into(),
            };
            diags.error(file, CheckError::Amendment(error));
            return None;
        };
        let issued = a.issued.as_ref().map(|d| d.node);
        let effective = match a.effective.as_ref().map(|e| &e.node) {
            Some(Effective::On(d)) => Some(*d),
            Some(Effective::AfterIssue(by)) => issued.and_then(|i| super::after_issue(i, *by)),
            Some(Effective::OnIssue) | None => issued,
        };
        let Some(effective) = effective else {
            let error = AmendmentError::NoDate { amendment: a.id.node.clone(), span: a.id.span.into() };
            diags.error(file, CheckError::Amendment(error));
            return None;
        };
        let own = self.policies.get(policy).and_then(|p| p.effective.map(|d| (p, d)));
        if let Some((p, policy_effective)) = own.filter(|(_, d)| effective < *d) {
            let at = a.effective.as_ref().map_or(a.id.span, |e| e.span);
            let error = AmendmentError::BeforePolicy {
                amendment: a.id.node.clone(),
                effective,
                policy: p.id.to_string(),
                policy_effective,
                span: at.into(),
            };
            diags.error(file, CheckError::Amendment(error));
        }
        let ends = a.expires.as_ref().zip(self.policies.get(policy).and_then(|p| p.effective.map(|d| (p, d))));
        if let Some((expires, (p, policy_effective))) = ends.filter(|(e, (_, d))| e.node < *d) {
            let error = AmendmentError::ExpiresBeforePolicy {
                amendment: a.id.node.clone(),
                expires: expires.node,
                policy: p.id.to_string(),
                policy_effective,
                span: expires.span.into(),
            };
            diags.error(file, CheckError::Amendment(error));
        }
        Some(Written { file, ast: a, policy, effective })
    }

    fn change<'a>(
        &self,
        w: &Written<'a>,
        since: Since,
        change: &'a Spanned<ast::Change>,
        built: &mut Built<'a, '_>,
        diags: &mut Diagnostics,
    ) -> Option<Amended> {
        let file = w.file;
        let (id, verb) = match &change.node {
            ast::Change::Add(r) => return self.add(w, since, r, built, diags),
            ast::Change::Change(r, group) if self.is_pool(w.policy, &r.id.node) => {
                return self.pool(w, since, r, group, built, diags)
            }
            ast::Change::Change(r, _) => (&r.id, "change"),
            ast::Change::Repeal(id) => (id, "repeal"),
        };
        let index = self.find(w, id, verb, built.rules, diags)?;
        let whens = built.whens(index);
        let rule = built.rules.get_mut(index)?;
        let earlier = built.firsts.get(&(index, since.effective)).filter(|(_, name, _)| *name != w.ast.id.node);
        if let Some((first_file, first_amendment, first)) = earlier {
            let error = AmendmentError::SameDate {
                rule: rule.id.clone(),
                first_amendment: first_amendment.clone(),
                amendment: w.ast.id.node.clone(),
                effective: since.effective,
                span: change.span.into(),
                first: (*first_file == file).then_some((*first).into()),
            };
            diags.error(file, CheckError::Amendment(error));
            return None;
        }
        built.firsts.insert((index, since.effective), (file, w.ast.id.node.clone(), change.span));
        let previous = match rule.versions.last() {
            Some(program::Version { text: None, since: repealed }) => {
                let error = AmendmentError::Repealed {
                    rule: rule.id.clone(),
                    repealed_by: built.done.get(repealed.amendment).map_or(&w.ast.id.node, |a| &a.id).clone(),
                    effective: repealed.effective,
                    span: id.span.into(),
                };
                diags.error(file, CheckError::Amendment(error));
                return None;
            }
            Some(program::Version { text: Some(t), .. }) => t.clone(),
            None => text_of(rule),
        };
        let (text, how) = match &change.node {
            ast::Change::Change(clauses, group) => {
                for clause in group {
                    let error = AmendmentError::NotARuleClause {
                        clause: clause.keyword().into(),
                        rule: rule.id.clone(),
                        span: clause.span.into(),
                    };
                    diags.error(file, CheckError::Amendment(error));
                }
                let whens = if clauses.conditions.is_empty() { whens } else { clauses.conditions.iter().collect() };
                let item = t!("check-item-amended-rule", id = &rule.id, amendment = &w.ast.id.node);
                diags.answering(file, item, &clauses.acknowledged);
                let (text, mut replaced) = self.replace(w, rule, previous, clauses, &whens, diags);
                diags.answered();
                let cap = clauses.per_year_cap.as_ref();
                if let Some((c, amount)) = cap.and_then(|c| Some((c, pools::fixed_amount(c, file, diags)?))) {
                    let pool = format!("{}.per_year_cap", rule.id);
                    let policy = w.policy;
                    built.new_caps.push(NewCap { file, since, policy, pool, scope: None, amount, span: c.span });
                    replaced.push("per_year_cap".into());
                }
                built.whens.insert(index, whens);
                (Some(text), How::Replaced(replaced))
            }
            _ => (None, How::Repealed),
        };
        rule.versions.push(program::Version { since, text });
        Some(Amended { rule: rule.id.clone(), how })
    }

    /// Whether `id` is a pool of policy `policy`.
    fn is_pool(&self, policy: usize, id: &str) -> bool {
        self.groups.iter().any(|&(p, what, name)| p == policy && what == "pool" && name == id)
    }

    /// `change POOL { cap 1.2亿 per enterprise per year }`: the pool's money cap from the date;
    /// any other clause is refused.
    fn pool(
        &self,
        w: &Written,
        since: Since,
        written: &ast::Rule,
        group: &[Spanned<ast::GroupClause>],
        built: &mut Built,
        diags: &mut Diagnostics,
    ) -> Option<Amended> {
        let pool = &written.id.node;
        let refuse = |clause: &str, span: ast::Span, diags: &mut Diagnostics| {
            let error = AmendmentError::PoolClause { clause: clause.into(), pool: pool.clone(), span: span.into() };
            diags.error(w.file, CheckError::Amendment(error));
        };
        let spans = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.span);
        let own = [
            ("cite", spans(&written.cite)),
            ("title", spans(&written.title)),
            ("dept", spans(&written.dept)),
            ("when", written.conditions.first().map(|e| e.span)),
            ("on", written.on.as_ref().map(|e| e.span)),
            ("reward", written.reward.as_ref().map(|e| e.span)),
            ("frequency", written.frequency.as_ref().map(|f| f.span)),
            ("per_year_cap", written.per_year_cap.as_ref().map(|e| e.span)),
            ("split", written.split.as_ref().map(|s| s.span)),
        ];
        for (clause, span) in own {
            if let Some(span) = span {
                refuse(clause, span, diags);
            }
        }
        let mut amount = None;
        for clause in group {
            match &clause.node {
                ast::GroupClause::Cap(cap) => {
                    let scope = Some((cap.per.node.clone(), cap.period));
                    let (file, policy, value) = (w.file, w.policy, cap.amount.value);
                    let new =
                        NewCap { file, since, policy, pool: pool.clone(), scope, amount: value, span: clause.span };
                    built.new_caps.push(new);
                    amount = Some(value);
                }
                other => refuse(other.keyword(), clause.span, diags),
            }
        }
        let how = amount.map_or(How::Replaced(Vec::new()), How::Cap);
        Some(Amended { rule: pool.clone(), how })
    }

    /// The rule `id` of the amended policy (one an earlier amendment added included).
    fn find(
        &self,
        w: &Written,
        id: &ast::Ident,
        verb: &str,
        rules: &[program::Rule],
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let of_policy = || rules.iter().filter(|r| r.policy == w.policy);
        if let Some(index) = rules.iter().position(|r| r.policy == w.policy && r.id == id.node) {
            return Some(index);
        }
        let help = match self.groups.iter().find(|(policy, _, name)| *policy == w.policy && *name == id.node) {
            Some((_, "pool", _)) => t!("check-amendment-pool-help", pool = &id.node, verb = verb),
            Some((_, what, _)) => t!("check-amendment-group-help", name = &id.node, what = noun(what)),
            None => suggest::help(&id.node, of_policy().map(|r| r.id.as_str()), "rule"),
        };
        let error = AmendmentError::UnknownRule {
            rule: id.node.clone(),
            policy: w.ast.policy.node.clone(),
            verb: verb.to_string(),
            help,
            span: id.span.into(),
        };
        diags.error(w.file, CheckError::Amendment(error));
        None
    }

    /// `change RULE { … }`: the previous text with the clauses given replaced, and their
    /// names. `on` and the frequency stay as first written; a `per_year_cap` is its pool's
    /// (see [`NewCap`]).
    fn replace(
        &self,
        w: &Written,
        rule: &program::Rule,
        mut text: Text,
        clauses: &ast::Rule,
        whens: &[&ast::Expr],
        diags: &mut Diagnostics,
    ) -> (Text, Vec<String>) {
        let fixed = [
            ("on", clauses.on.as_ref().map(|e| e.span), t!("check-amendment-on-why")),
            ("frequency", clauses.frequency.as_ref().map(|f| f.span), t!("check-amendment-frequency-why")),
        ];
        for (clause, span, why) in fixed {
            let Some(span) = span else { continue };
            let help = t!("check-amendment-fixed-help", why = why, rule = &rule.id);
            let error =
                AmendmentError::Clause { clause: clause.into(), rule: rule.id.clone(), help, span: span.into() };
            diags.error(w.file, CheckError::Amendment(error));
        }
        let mut replaced = Vec::new();
        let mut set = |slot: &mut Option<String>, value: &Option<Spanned<String>>, name: &str| {
            if let Some(v) = value {
                *slot = Some(v.node.clone());
                replaced.push(name.to_string());
            }
        };
        set(&mut text.cite, &clauses.cite, "cite");
        set(&mut text.title, &clauses.title, "title");
        set(&mut text.dept, &clauses.dept, "dept");
        let scope = self.scopes.get(rule.policy).copied().unwrap_or_default();
        let own = self.schema.kinds.get(rule.kind).map_or("", |k| k.name.as_str());
        let narrowing = Some(Narrowing::of(own, scope.iter().chain(whens.iter().copied())));
        let at = super::Defined::in_file(self.names, self.file_policies, w.file);
        let mut cx = expr::Context {
            schema: self.schema,
            kind: rule.kind,
            file: w.file,
            diags,
            narrowing,
            names: at.names,
            policy: at.policy,
            params: None,
        };
        if !clauses.conditions.is_empty() {
            text.conditions.retain(|c| c.scope);
            text.conditions.extend(clauses.conditions.iter().map(|c| {
                program::Condition::new(c.to_string().into(), cx.require(c, &[Ty::Bool], "a `when` condition"), false)
            }));
            replaced.push("when".into());
        }
        if let Some(reward) = &clauses.reward {
            text.reward = cx.require(reward, &[Ty::Money, Ty::Award], "a reward");
            replaced.push("reward".into());
        }
        if let Some(split) = &clauses.split {
            text.split = pools::split(split, w.file, diags);
            replaced.push("split".into());
        }
        (text, replaced)
    }

    /// `rule NEW for … { … }`: a new rule of the amended policy, in force from the date.
    fn add(
        &self,
        w: &Written,
        since: Since,
        r: &Spanned<ast::Rule>,
        built: &mut Built,
        diags: &mut Diagnostics,
    ) -> Option<Amended> {
        if let Some(taken) = built.rules.iter().find(|x| x.policy == w.policy && x.id == r.id.node) {
            let error = AmendmentError::RuleExists {
                rule: r.id.node.clone(),
                policy: w.ast.policy.node.clone(),
                span: r.id.span.into(),
                first: (taken.source == w.file).then_some(taken.span.into()),
            };
            diags.error(w.file, CheckError::Amendment(error));
            return None;
        }
        let scope = self.scopes.get(w.policy).copied().unwrap_or_default();
        diags.answering(w.file, t!("check-item-rule", id = &r.id.node), &r.acknowledged);
        let at = super::Defined::in_file(self.names, self.file_policies, w.file);
        let rule = super::rule(r, w.policy, scope, w.file, self.schema, at, diags);
        diags.answered();
        let mut rule = rule?;
        rule.added = Some(since);
        let cap = r.per_year_cap.as_ref().and_then(|c| pools::fixed_amount(c, w.file, diags));
        built.caps.extend(cap.map(|c| (built.rules.len(), c)));
        built.rules.push(rule);
        Some(Amended { rule: r.id.node.clone(), how: How::Added })
    }
}

/// A rule's own clauses, as the text a first amendment starts from.
fn text_of(rule: &program::Rule) -> Text {
    Text {
        cite: rule.cite.clone(),
        title: rule.title.clone(),
        dept: rule.dept.clone(),
        conditions: rule.conditions.clone(),
        reward: rule.reward.clone(),
        split: rule.split.clone(),
    }
}
