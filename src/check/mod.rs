//! Checking: parsed files → a [`Program`], or every error found. Embedders reach it through
//! [`crate::compile()`], which parses and checks in one call.
//!
//! Order: the schema (from all files), then each file's policy header, then its rules. Names
//! are resolved and types settled here, so evaluation never meets an unknown name or a
//! mistyped value. All errors are collected; warnings travel with a successful program.

mod acknowledge;
mod aggregate;
mod amendments;
mod defaults;
mod error;
mod expr;
mod narrow;
mod pools;
mod schedules;
mod schema;
use crate::diagnostic::suggest;
use crate::t;
mod tests;
mod tiers;

pub(crate) use acknowledge::Acknowledged;
pub use amendments::AmendmentError;
pub use error::{CheckError, GroupError, TimingError};

use crate::ast::{self, Effective, ExprKind, Spanned};
use crate::diagnostic::{Source, Sourced};
use crate::program::{self, Condition, Program, Schema, Ty};
use crate::{Error, Errors, Loaded};
use schema::Scope;
use std::collections::HashMap;

/// Errors and warnings, each with the index of the file it is about.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    /// In the order found; the `usize` indexes the files passed to [`check`].
    pub items: Vec<(usize, CheckError)>,
    /// How many of each code each file gave, and whether they are warnings: past
    /// [`crate::MAX_PER_CODE`] they are counted, not kept, so a million alike cost nothing.
    counts: HashMap<(usize, String), (usize, bool)>,
    /// The `acknowledge`s of the rule, pool or stack being checked.
    answering: Option<Box<acknowledge::Answering>>,
    /// Warnings an `acknowledge` set aside, each with the index of its file.
    pub acknowledged: Vec<(usize, Acknowledged)>,
}

impl Diagnostics {
    fn error(&mut self, file: usize, error: CheckError) {
        let Some(error) = self.set_aside(file, error) else { return };
        let code = miette::Diagnostic::code(&error).map(|c| c.to_string()).unwrap_or_default();
        let (seen, warning) = self.counts.entry((file, code)).or_insert((0, error.is_warning()));
        *seen += 1;
        *warning &= error.is_warning();
        if *seen <= crate::MAX_PER_CODE {
            self.items.push((file, error));
        }
    }

    /// Each diagnostic with the file it points into, in the order found; then, per code that
    /// had more than [`crate::MAX_PER_CODE`] in a file, one note counting the rest (in file
    /// and code order). Beside them, the warnings set aside by an `acknowledge`.
    fn sourced(self, files: &[(Source, ast::File)]) -> (Vec<Error>, Vec<crate::Acknowledged>) {
        let source = |file: usize| files.get(file).map(|(s, _)| s);
        let unknown = Source::new("?", "");
        let mut omitted: Vec<(usize, String, usize, bool)> = self
            .counts
            .into_iter()
            .filter(|(_, (n, _))| *n > crate::MAX_PER_CODE)
            .map(|((file, code), (n, warnings))| (file, code, n - crate::MAX_PER_CODE, warnings))
            .collect();
        omitted.sort();
        let notes = omitted.into_iter().map(|(file, code, more, warnings)| {
            let file = source(file).map_or("?", |s| s.name.as_str()).to_string();
            Error::Omitted { code, file, more, warnings }
        });
        let sourced = |file: usize, e: CheckError| {
            // A name defined again here and first in another file: the first shown in its file.
            let first = match &e {
                CheckError::Duplicate { name, first_elsewhere: Some((at, span)), .. } => {
                    let note = CheckError::FirstDefinition { name: name.clone(), span: *span };
                    Some(Sourced::new(note, source(*at).unwrap_or(&unknown)))
                }
                _ => None,
            };
            Error::Check(Box::new(Sourced::new(e, source(file).unwrap_or(&unknown)).with_related(first)))
        };
        let acknowledged = self
            .acknowledged
            .into_iter()
            .map(|(file, a)| crate::Acknowledged { warning: sourced(file, a.warning), item: a.item, reason: a.reason })
            .collect();
        (self.items.into_iter().map(|(file, e)| sourced(file, e)).chain(notes).collect(), acknowledged)
    }

    fn has_errors(&self) -> bool {
        self.items.iter().any(|(_, e)| !e.is_warning())
    }
}

/// Checks parsed files together: they share one schema. The program comes with the warnings
/// found on the way; errors (and the warnings beside them) are the `Err` side.
pub(crate) fn check(files: &[(Source, ast::File)]) -> Result<Loaded, Errors> {
    let mut diags = Diagnostics::default();
    let blocks: Vec<(usize, &Spanned<ast::Schema>)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, (_, f))| {
            f.items.iter().filter_map(move |item| match item {
                ast::Item::Schema(s) => Some((i, s)),
                _ => None,
            })
        })
        .collect();
    let texts: Vec<&str> = files.iter().map(|(source, _)| &*source.text).collect();
    let schema = schema::build(&texts, &blocks, &mut diags);
    // Each file's policy id, which qualifies the values and schedules the file defines.
    let policy_ids_of_files: Vec<Option<String>> = files
        .iter()
        .map(|(_, f)| {
            f.items.iter().find_map(|item| match item {
                ast::Item::Policy(p) => Some(p.id.node.clone()),
                _ => None,
            })
        })
        .collect();
    let names = schedules::build(files, &policy_ids_of_files, &schema, &mut diags);

    let mut policies = Vec::new();
    let mut rules = Vec::new();
    let mut caps = Vec::new();
    let mut policy_of_files = Vec::new();
    let mut scopes: Vec<&[ast::Expr]> = Vec::new();
    let mut policy_ids: HashMap<String, (usize, ast::Span)> = HashMap::new();
    for (file, (_, parsed)) in files.iter().enumerate() {
        let mut policy_of_file = None;
        let mut rule_ids: HashMap<&str, ast::Span> = HashMap::new();
        for item in &parsed.items {
            match item {
                ast::Item::Schema(_)
                | ast::Item::Amendment(_)
                | ast::Item::Pool(_)
                | ast::Item::Stack(_)
                | ast::Item::Test(_)
                | ast::Item::Schedule(_) => {}
                ast::Item::Policy(p) => {
                    if policy_of_file.is_some() {
                        diags.error(file, CheckError::SecondPolicy { span: p.id.span.into() });
                        continue;
                    }
                    if let Some(&first) = policy_ids.get(&p.id.node) {
                        let help = schema::unique("policy", Scope::Files);
                        diags.error(file, schema::defined_twice("policy", &p.id.node, help, file, p.id.span, first));
                    }
                    policy_ids.insert(p.id.node.clone(), (file, p.id.span));
                    policy_of_file = Some(policies.len());
                    policies.push(policy(p, file, &mut diags));
                    scopes.push(&p.scope);
                }
                ast::Item::Rule(r) => {
                    let Some(policy) = policy_of_file else {
                        diags.error(file, CheckError::NoPolicy { rule: r.id.node.clone(), span: r.id.span.into() });
                        continue;
                    };
                    if let Some(first) = rule_ids.insert(&r.id.node, r.id.span) {
                        diags.error(file, schema::duplicate("rule", &r.id.node, Scope::Policy, r.id.span, Some(first)));
                    }
                    let scope = scopes.get(policy).copied().unwrap_or_default();
                    diags.answering(file, t!("check-item-rule", id = &r.id.node), &r.acknowledged);
                    let at = Defined::in_file(&names, &policy_ids_of_files, file);
                    if let Some(rule) = rule(r, policy, scope, file, &schema, at, &mut diags) {
                        let cap = r.per_year_cap.as_ref().and_then(|c| pools::fixed_amount(c, file, &mut diags));
                        caps.extend(cap.map(|c| (rules.len(), c)));
                        rules.push(rule);
                    }
                    diags.answered();
                }
            }
        }
        policy_of_files.push(policy_of_file);
    }

    // Amendments, now that every policy and its rules are known.
    let groups = files
        .iter()
        .zip(&policy_of_files)
        .filter_map(|((_, parsed), policy)| Some((parsed, (*policy)?)))
        .flat_map(|(parsed, policy)| {
            parsed.items.iter().filter_map(move |item| match item {
                ast::Item::Pool(p) => Some((policy, "pool", p.id.node.as_str())),
                ast::Item::Stack(s) => Some((policy, "stack", s.id.node.as_str())),
                _ => None,
            })
        })
        .collect();
    let amend = amendments::Amend {
        schema: &schema,
        policies: &policies,
        scopes: &scopes,
        groups,
        names: &names,
        file_policies: &policy_ids_of_files,
    };
    let (amendments, new_caps) = amend.all(files, &mut rules, &mut caps, &mut policy_of_files, &mut diags);

    // Pools and stacks, now that every policy's rules are known.
    let mut pools: Vec<program::Pool> =
        caps.into_iter().filter_map(|(i, cap)| Some(pools::implicit_pool(&schema, i, rules.get(i)?, cap))).collect();
    let mut stacks = Vec::new();
    let mut tests = Vec::new();
    let index = pools::Index { schema: &schema, policies: &policies, rules: &rules };
    // Rules written but not checked (an unknown entity, a missing schema): a test naming one
    // is not told the rule does not exist.
    let checked: std::collections::HashSet<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let unchecked: std::collections::HashSet<&str> = files
        .iter()
        .flat_map(|(_, f)| &f.items)
        .flat_map(|item| match item {
            ast::Item::Rule(r) => vec![r.id.node.as_str()],
            ast::Item::Amendment(a) => a
                .changes
                .iter()
                .filter_map(|c| match &c.node {
                    ast::Change::Add(r) => Some(r.id.node.as_str()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .filter(|id| !checked.contains(id))
        .collect();
    for (file, (_, parsed)) in files.iter().enumerate() {
        let mut ids: HashMap<(&str, &str), ast::Span> = HashMap::new();
        for item in &parsed.items {
            if let ast::Item::Test(t) = item {
                let policy = policy_of_files.get(file).copied().flatten();
                let test = tests::test(&index, t, policy, file, &unchecked, &mut diags);
                payers(&test, &rules, file, &mut diags);
                tests.push(program::TestCase {
                    test,
                    totals: t.totals.iter().map(|e| e.node.clone()).collect(),
                    facts_errors: t.facts_errors.iter().map(|e| e.node.clone()).collect(),
                });
                continue;
            }
            let (what, id) = match item {
                ast::Item::Pool(p) => ("pool", &p.id),
                ast::Item::Stack(s) => ("stack", &s.id),
                _ => continue,
            };
            let Some(policy) = policy_of_files.get(file).copied().flatten() else {
                diags.error(file, CheckError::NoPolicy { rule: id.node.clone(), span: id.span.into() });
                continue;
            };
            if let Some(first) = ids.insert((what, &id.node), id.span) {
                diags.error(file, schema::duplicate(what, &id.node, Scope::Policy, id.span, Some(first)));
            }
            match item {
                ast::Item::Pool(p) => {
                    diags.answering(file, t!("check-item-pool", id = &p.id.node), &p.acknowledged);
                    pools.extend(index.pool(p, policy, file, &mut diags));
                }
                ast::Item::Stack(s) => {
                    diags.answering(file, t!("check-item-stack", id = &s.id.node), &s.acknowledged);
                    stacks.extend(index.stack(s, policy, file, &mut diags));
                }
                _ => {}
            }
            diags.answered();
        }
    }

    amendments::apply_caps(new_caps, &mut pools, &schema, &mut diags);

    if diags.has_errors() {
        return Err(Errors(diags.sourced(files).0));
    }
    let sources = files.iter().map(|(s, _)| s.clone()).collect();
    let schedules = names.list;
    let program = Program {
        schema,
        policies,
        rules,
        amendments,
        pools,
        stacks,
        schedules,
        tests,
        sources,
        names: Default::default(),
        version_names: Default::default(),
        walks: Default::default(),
    };
    let (warnings, acknowledged) = diags.sourced(files);
    Ok(Loaded { program, warnings, acknowledged })
}

/// Every `payer` a test expects a share from is one its rule's `split` names, so a typo is
/// found here rather than as a failing test.
fn payers(test: &program::Test, rules: &[program::Rule], file: usize, diags: &mut Diagnostics) {
    for expect in &test.expects {
        let (Some(rule), ast::Outcome::Award(_, clauses)) = (rules.get(expect.rule), &expect.outcome) else { continue };
        for clause in clauses {
            let ast::AwardClause::Payer(payer, _) = clause else { continue };
            if rule.split.iter().any(|s| s.payer == payer.node) {
                continue;
            }
            let help = if rule.split.is_empty() {
                t!("check-no-split-help", rule = &rule.id)
            } else {
                suggest::help(payer, rule.split.iter().map(|s| s.payer.as_str()), "payer")
            };
            let error = GroupError::UnknownPayer {
                payer: payer.node.clone(),
                rule: rule.id.clone(),
                help,
                span: payer.span.into(),
            };
            diags.error(file, CheckError::Group(error));
        }
    }
}

fn policy(p: &Spanned<ast::Policy>, file: usize, diags: &mut Diagnostics) -> program::Policy {
    let issued = p.issued.as_ref().map(|d| d.node);
    let effective = match p.effective.as_ref().map(|e| (&e.node, e.span)) {
        None | Some((Effective::OnIssue, _)) => issued,
        Some((Effective::On(d), _)) => Some(*d),
        Some((Effective::AfterIssue(by), span)) => match issued {
            // 自印发之日起30日后施行, counted as the Civil Code counts periods (art. 201): the day of
            // issue is not counted, the 30 days end on day 30, and the text applies from the
            // day after. Issued 2022-03-01 → days end 03-31 → in force 2022-04-01.
            Some(issued) => after_issue(issued, *by),
            None => {
                diags.error(file, CheckError::NoIssueDate { policy: p.id.node.clone(), span: span.into() });
                None
            }
        },
    };
    let expires = p.expires.as_ref().map(|d| d.node);
    if let (Some(from), Some(to), Some(at)) = (effective, expires, p.expires.as_ref()) {
        if to < from {
            diags.error(
                file,
                CheckError::PolicyDates {
                    policy: p.id.node.clone(),
                    effective: from.to_string(),
                    expires: to.to_string(),
                    span: at.span.into(),
                },
            );
        }
    }
    let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.node.clone());
    program::Policy {
        id: p.id.node.as_str().into(),
        title: text(&p.title),
        issuer: text(&p.issuer),
        document: text(&p.document),
        issued,
        effective,
        expires,
        rounding: p.rounding.as_ref().map(|r| r.node).unwrap_or_default(),
    }
}

/// The first day in force of a text that takes effect a period after issue, the day of issue
/// not counted (Civil Code art. 201).
fn after_issue(issued: chrono::NaiveDate, by: ast::Duration) -> Option<chrono::NaiveDate> {
    crate::dates::shift(issued, by, false).and_then(|end| end.succ_opt())
}

/// The help when a rule names an entity kind and no schema declares any.
const NO_SCHEMA: &str = "no schema is loaded: check this file together with the file that declares \
`schema { entity … }` (e.g. `policy check rules/`), and fix that file's errors first";

/// The values and schedules a rule may use, and its policy's id (whose own come first).
#[derive(Clone, Copy)]
pub(super) struct Defined<'a> {
    names: &'a schedules::Names,
    policy: Option<&'a str>,
}

impl<'a> Defined<'a> {
    /// What a rule written in `file` may use; `policies` holds each file's policy id.
    fn in_file(names: &'a schedules::Names, policies: &'a [Option<String>], file: usize) -> Self {
        Defined { names, policy: policies.get(file).and_then(|p| p.as_deref()) }
    }
}

fn rule(
    r: &Spanned<ast::Rule>,
    policy: usize,
    scope: &[ast::Expr],
    file: usize,
    schema: &Schema,
    at: Defined,
    diags: &mut Diagnostics,
) -> Option<program::Rule> {
    let Some(kind) = schema.kind_named(&r.entity.node) else {
        let help = match schema.kinds.is_empty() {
            true => NO_SCHEMA.to_string(),
            false => suggest::help(&r.entity.node, schema.kinds.iter().map(|k| k.name.as_str()), "entity kind"),
        };
        diags.error(file, CheckError::UnknownEntity { name: r.entity.node.clone(), help, span: r.entity.span.into() });
        return None;
    };
    let narrowing = Some(narrow::Narrowing::of(&r.entity.node, scope.iter().chain(&r.conditions)));
    let names = at.names;
    let mut cx = expr::Context { schema, kind, file, diags, narrowing, names, policy: at.policy, params: None };
    let (in_scope, when) = (t!("context-scope"), t!("context-when"));
    let scope = scope.iter().map(|c| (c, true, in_scope.as_str()));
    let own = r.conditions.iter().map(|c| (c, false, when.as_str()));
    let conditions = scope
        .chain(own)
        .map(|(c, scope, what)| Condition::new(c.to_string().into(), cx.require(c, &[Ty::Bool], what), scope))
        .collect();
    let on = r.on.as_ref().map(|e| cx.require(e, &[Ty::Date], &t!("context-on-date")));
    let reward = r.reward.as_ref().map(|e| cx.require(e, &[Ty::Money, Ty::Award], &t!("context-reward")))?;
    let (once_per, once_up) = once_scope(r, kind, &mut cx);
    let frequency = match &r.frequency {
        Some(f) => Some(f.node),
        None => {
            let error = TimingError::NoFrequency { rule: r.id.node.clone(), span: r.id.span.into() };
            cx.diags.error(file, CheckError::Timing(error));
            None
        }
    };
    if r.on.is_none() {
        let error = TimingError::NoEventDate { rule: r.id.node.clone(), span: r.id.span.into() };
        cx.diags.error(file, CheckError::Timing(error));
    }
    let split = r.split.as_ref().map(|s| pools::split(s, file, diags)).unwrap_or_default();
    let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.node.clone());
    Some(program::Rule {
        id: r.id.node.clone(),
        policy,
        kind,
        cite: text(&r.cite),
        title: text(&r.title),
        dept: text(&r.dept),
        conditions,
        on,
        reward,
        // With no frequency the program is not returned (an error is recorded); keeping the
        // rule spares pools and tests that name it a cascade of "no such rule".
        frequency: frequency.unwrap_or(crate::ast::Frequency::Once),
        once_per,
        once_up,
        split,
        source: file,
        span: r.span,
        versions: Vec::new(),
        added: None,
    })
}

/// What a one-off is counted per: the key (if any) and how many levels above the rule's
/// entity the count is kept. `once per enterprise` names an owner kind, so no key is left;
/// `once per variety within enterprise` keeps the key and counts it across the owner.
fn once_scope(r: &ast::Rule, kind: program::KindId, cx: &mut expr::Context) -> (Option<program::Expr>, usize) {
    let ancestry = cx.schema.ancestry(kind);
    let up_to = |name: &str| ancestry.iter().position(|&k| cx.schema.kinds.get(k).is_some_and(|k| k.name == name));
    let Some(key) = &r.once_per else { return (None, 0) };
    if let ExprKind::Path(parts) = &key.node {
        if let ([only], None) = (parts.as_slice(), &r.once_within) {
            if let Some(up) = up_to(&only.node) {
                return (None, up);
            }
        }
    }
    let up = match &r.once_within {
        None => 0,
        Some(within) => up_to(&within.node).unwrap_or_else(|| {
            let owners: Vec<String> =
                ancestry.iter().filter_map(|&k| cx.schema.kinds.get(k).map(|k| format!("`{}`", k.name))).collect();
            let error = TimingError::NotAnOwner {
                name: within.node.clone(),
                kind: r.entity.node.clone(),
                owners: owners.join(&t!("list-separator")),
                span: within.span.into(),
            };
            cx.diags.error(cx.file, CheckError::Timing(error));
            0
        }),
    };
    (Some(cx.key(key)), up)
}

/// Checks one expression as if written in a rule `for` entities of `kind` (the REPL's bare
/// expressions and `:type`), with the program's values and schedules. Returns the typed
/// expression and its type, or every error.
pub fn expression(
    program: &Program,
    kind: program::KindId,
    e: &ast::Expr,
) -> Result<(program::Expr, Ty), Vec<CheckError>> {
    let mut diags = Diagnostics::default();
    let names = schedules::Names::of(&program.schedules);
    let schema = &program.schema;
    let (names, narrowing) = (&names, None);
    let mut cx =
        expr::Context { schema, kind, file: 0, diags: &mut diags, narrowing, names, policy: None, params: None };
    let (ir, ty) = cx.infer_public(e);
    let errors: Vec<CheckError> = diags.items.into_iter().map(|(_, e)| e).filter(|e| !e.is_warning()).collect();
    if errors.is_empty() {
        Ok((ir, if ty == Ty::Literal { Ty::Number } else { ty }))
    } else {
        Err(errors)
    }
}
