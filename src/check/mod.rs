//! Checking: parsed files → a [`Program`], or every error found. Embedders reach it through
//! [`crate::compile()`], which parses and checks in one call.
//!
//! Order: the schema (from all files), then each file's policy header, then its rules. Names
//! are resolved and types settled here, so evaluation never meets an unknown name or a
//! mistyped value. All errors are collected; warnings travel with a successful program.

mod error;
mod expr;
mod groups;
mod schema;
mod suggest;
mod tests;
mod tiers;

pub use error::CheckError;

use crate::ast::{self, Effective, Spanned};
use crate::diagnostic::Source;
use crate::program::{self, Condition, Program, Schema, Ty};
use std::collections::HashMap;

/// Errors and warnings, each with the index of the file it is about.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    /// In the order found; the `usize` indexes the files passed to [`check`].
    pub items: Vec<(usize, CheckError)>,
    /// How many of each code each file gave, and whether they are warnings: past
    /// [`crate::MAX_PER_CODE`] they are counted, not kept, so a million alike cost nothing.
    counts: HashMap<(usize, String), (usize, bool)>,
}

/// Diagnostics counted but not kept: file, code, how many, whether they are warnings.
pub(crate) type Omitted = Vec<(usize, String, usize, bool)>;

impl Diagnostics {
    fn error(&mut self, file: usize, error: CheckError) {
        let code = miette::Diagnostic::code(&error).map(|c| c.to_string()).unwrap_or_default();
        let (seen, warning) = self.counts.entry((file, code)).or_insert((0, error.is_warning()));
        *seen += 1;
        *warning &= error.is_warning();
        if *seen <= crate::MAX_PER_CODE {
            self.items.push((file, error));
        }
    }

    /// The codes that had more than [`crate::MAX_PER_CODE`] in a file, in file and code order.
    pub fn omitted(&self) -> Omitted {
        let mut out: Omitted = self
            .counts
            .iter()
            .filter(|(_, (n, _))| *n > crate::MAX_PER_CODE)
            .map(|((file, code), (n, warning))| (*file, code.clone(), n - crate::MAX_PER_CODE, *warning))
            .collect();
        out.sort();
        out
    }

    fn has_errors(&self) -> bool {
        self.items.iter().any(|(_, e)| !e.is_warning())
    }
}

/// A checked program with the warnings found on the way.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The program, ready to evaluate.
    pub program: Program,
    /// Tier overlaps and gaps, each with the index of its file.
    pub warnings: Vec<(usize, CheckError)>,
    /// Warnings counted past the first few of their code in a file.
    pub omitted: Omitted,
}

/// Checks parsed files together: they share one schema.
pub(crate) fn check(files: &[(Source, ast::File)]) -> Result<Checked, Diagnostics> {
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
    let schema = schema::build(&blocks, &mut diags);

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
                ast::Item::Schema(_) | ast::Item::Pool(_) | ast::Item::Stack(_) | ast::Item::Test(_) => {}
                ast::Item::Policy(p) => {
                    if policy_of_file.is_some() {
                        diags.error(file, CheckError::SecondPolicy { span: p.id.span.into() });
                        continue;
                    }
                    if let Some(&(first_file, first)) = policy_ids.get(&p.id.node) {
                        let first = (first_file == file).then_some(first);
                        diags.error(
                            file,
                            schema::duplicate("policy", &p.id.node, " across all files".into(), p.id.span, first),
                        );
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
                        diags.error(
                            file,
                            schema::duplicate("rule", &r.id.node, " within a policy".into(), r.id.span, Some(first)),
                        );
                    }
                    let scope = scopes.get(policy).copied().unwrap_or_default();
                    if let Some(rule) = rule(r, policy, scope, file, &schema, &mut diags) {
                        let cap = r.per_year_cap.as_ref().and_then(|c| groups::fixed_amount(c, file, &mut diags));
                        caps.extend(cap.map(|c| (rules.len(), c)));
                        rules.push(rule);
                    }
                }
            }
        }
        policy_of_files.push(policy_of_file);
    }

    // Pools and stacks, now that every policy's rules are known.
    let mut pools: Vec<program::Pool> =
        caps.into_iter().filter_map(|(i, cap)| Some(groups::implicit_pool(&schema, i, rules.get(i)?, cap))).collect();
    let mut stacks = Vec::new();
    let mut tests = Vec::new();
    let index = groups::Index { schema: &schema, policies: &policies, rules: &rules };
    // Rules written but not checked (an unknown entity, a missing schema): a test naming one
    // is not told the rule does not exist.
    let checked: std::collections::HashSet<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let unchecked: std::collections::HashSet<&str> = files
        .iter()
        .flat_map(|(_, f)| &f.items)
        .filter_map(|item| match item {
            ast::Item::Rule(r) => Some(r.id.node.as_str()),
            _ => None,
        })
        .filter(|id| !checked.contains(id))
        .collect();
    for (file, (_, parsed)) in files.iter().enumerate() {
        let mut ids: HashMap<(&str, &str), ast::Span> = HashMap::new();
        for item in &parsed.items {
            if let ast::Item::Test(t) = item {
                let policy = policy_of_files.get(file).copied().flatten();
                tests.push(tests::test(&index, t, policy, file, &unchecked, &mut diags));
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
                diags.error(file, schema::duplicate(what, &id.node, " within a policy".into(), id.span, Some(first)));
            }
            match item {
                ast::Item::Pool(p) => pools.extend(index.pool(p, policy, file, &mut diags)),
                ast::Item::Stack(s) => stacks.extend(index.stack(s, policy, file, &mut diags)),
                _ => {}
            }
        }
    }

    if diags.has_errors() {
        return Err(diags);
    }
    let sources = files.iter().map(|(s, _)| s.clone()).collect();
    let omitted = diags.omitted();
    let program = Program { schema, policies, rules, pools, stacks, tests, sources };
    Ok(Checked { program, warnings: diags.items, omitted })
}

fn policy(p: &Spanned<ast::Policy>, file: usize, diags: &mut Diagnostics) -> program::Policy {
    let issued = p.issued.as_ref().map(|d| d.node);
    let effective = match p.effective.as_ref().map(|e| (&e.node, e.span)) {
        None | Some((Effective::OnIssue, _)) => issued,
        Some((Effective::On(d), _)) => Some(*d),
        Some((Effective::AfterIssue(by), span)) => match issued {
            Some(issued) => crate::dates::shift(issued, *by, false),
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
        id: p.id.node.clone(),
        title: text(&p.title),
        issuer: text(&p.issuer),
        document: text(&p.document),
        issued,
        effective,
        expires,
        rounding: p.rounding.as_ref().map(|r| r.node).unwrap_or_default(),
    }
}

/// The help when a rule names an entity kind and no schema declares any.
const NO_SCHEMA: &str = "no schema is loaded: check this file together with the file that declares \
`schema { entity … }` (e.g. `policy check rules/`), and fix that file's errors first";

fn rule(
    r: &Spanned<ast::Rule>,
    policy: usize,
    scope: &[ast::Expr],
    file: usize,
    schema: &Schema,
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
    let mut cx = expr::Context { schema, kind, file, diags };
    let scope = scope.iter().map(|c| (c, true, "the policy's `scope`"));
    let own = r.conditions.iter().map(|c| (c, false, "a `when` condition"));
    let conditions = scope
        .chain(own)
        .map(|(c, scope, what)| Condition { text: c.to_string().into(), expr: cx.require(c, &[Ty::Bool], what), scope })
        .collect();
    let on = r.on.as_ref().map(|e| cx.require(e, &[Ty::Date], "the event date after `on`"));
    let reward = r.reward.as_ref().map(|e| cx.require(e, &[Ty::Money, Ty::Award], "a reward"))?;
    let once_per = r.once_per.as_ref().map(|e| cx.key(e));
    let split = r.split.as_ref().map(|s| groups::split(s, file, diags)).unwrap_or_default();
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
        frequency: r.frequency.as_ref().map(|f| f.node),
        once_per,
        split,
        source: file,
        span: r.span,
    })
}

pub use suggest::help as suggest_help;

/// Checks one expression as if written in a rule `for` entities of `kind` (the REPL's bare
/// expressions and `:type`). Returns the typed expression and its type, or every error.
pub fn expression(
    schema: &Schema,
    kind: program::KindId,
    e: &ast::Expr,
) -> Result<(program::Expr, Ty), Vec<CheckError>> {
    let mut diags = Diagnostics::default();
    let mut cx = expr::Context { schema, kind, file: 0, diags: &mut diags };
    let (ir, ty) = cx.infer_public(e);
    let errors: Vec<CheckError> = diags.items.into_iter().map(|(_, e)| e).filter(|e| !e.is_warning()).collect();
    if errors.is_empty() {
        Ok((ir, if ty == Ty::Literal { Ty::Number } else { ty }))
    } else {
        Err(errors)
    }
}
