//! `value` and `schedule` items → [`Schedule`]s, each typed once where it is defined, and the
//! table rules look their names up in.
//!
//! A body reads only its parameters and `as_of` (a value reads nothing), so it means the same
//! in every rule that uses it. Bodies are checked in load order and may use the values and
//! schedules defined before them, which also rules out a schedule that calls itself.

use super::{expr, suggest, CheckError, Diagnostics};
use crate::ast::{self, Spanned};
use crate::program::{Schedule, Schema, Ty};
use crate::t;
use std::collections::HashMap;

use crate::program::MAX_NESTING;

/// The values and schedules defined so far, by name.
#[derive(Default)]
pub(crate) struct Names {
    /// In definition order; an [`crate::program::Expr::Call`] indexes it.
    pub list: Vec<Schedule>,
    /// How deep each one's uses of schedules nest, itself included.
    nesting: Vec<usize>,
    /// Name → its definitions (one per policy that defines it).
    by_name: HashMap<String, Vec<usize>>,
}

/// What a name (or `policy.name`) stands for.
pub(super) enum Found<'a> {
    /// One definition.
    One(usize, &'a Schedule),
    /// Several policies define it, and none is the reader's own: the qualified names.
    Ambiguous(Vec<String>),
    /// Nothing of that name.
    None,
}

impl Names {
    /// The names of a checked program (the REPL checks expressions against it).
    pub fn of(list: &[Schedule]) -> Names {
        let mut names = Names::default();
        for s in list {
            names.push(s.clone());
        }
        names
    }

    fn push(&mut self, schedule: Schedule) {
        self.by_name.entry(schedule.name.clone()).or_default().push(self.list.len());
        self.nesting.push(self.nesting_of(&schedule.body) + 1);
        self.list.push(schedule);
    }

    /// How deep the uses of schedules in `body` nest.
    fn nesting_of(&self, body: &crate::program::Expr) -> usize {
        body.nesting(&self.nesting)
    }

    /// `name` as read in `policy` (the reader's own definition first), or `owner.name`.
    pub fn find(&self, parts: &[ast::Ident], policy: Option<&str>) -> Found<'_> {
        let (owner, name) = match parts {
            [name] => (None, name),
            [owner, name] => (Some(owner.node.as_str()), name),
            _ => return Found::None,
        };
        let defs: Vec<usize> = self.by_name.get(&name.node).cloned().unwrap_or_default();
        let of = |p: Option<&str>| defs.iter().copied().find(|&i| self.policy_of(i) == p);
        let found = match (owner, defs.as_slice()) {
            (Some(owner), _) => of(Some(owner)),
            (None, [only]) => Some(*only),
            (None, _) => of(policy),
        };
        match (found, owner) {
            (Some(i), _) => self.list.get(i).map_or(Found::None, |s| Found::One(i, s)),
            (None, None) if defs.len() > 1 => Found::Ambiguous(
                defs.iter()
                    .filter_map(|&i| self.list.get(i))
                    .map(|s| format!("`{}.{}`", s.policy.as_deref().unwrap_or("?"), s.name))
                    .collect(),
            ),
            _ => Found::None,
        }
    }

    fn policy_of(&self, i: usize) -> Option<&str> {
        self.list.get(i).and_then(|s| s.policy.as_deref())
    }

    /// Every name defined, for did-you-mean.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// `clinical_cap(p: phase)`, as help shows a schedule; a value is its name.
pub(super) fn signature(s: &Schedule, schema: &Schema) -> String {
    match &s.params {
        None => s.name.clone(),
        Some(params) => {
            let params: Vec<String> = params.iter().map(|(n, t)| format!("{n}: {}", schema.type_word(t))).collect();
            format!("{}({})", s.name, params.join(", "))
        }
    }
}

/// Checks every `value` and `schedule` of every file, in load order. `policies[file]` is the
/// id of the file's policy, which qualifies the names it defines.
pub(super) fn build(
    files: &[(crate::Source, ast::File)],
    policies: &[Option<String>],
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Names {
    let mut names = Names::default();
    let mut seen: HashMap<(Option<String>, String), (usize, ast::Span)> = HashMap::new();
    for (file, (_, parsed)) in files.iter().enumerate() {
        let policy = policies.get(file).cloned().flatten();
        for item in &parsed.items {
            let ast::Item::Schedule(s) = item else { continue };
            let what = if s.params.is_some() { "schedule" } else { "value" };
            let key = (policy.clone(), s.name.node.clone());
            if let Some(&first) = seen.get(&key) {
                let help = t!("check-defined-once-help", name = &s.name.node);
                diags.error(file, super::schema::defined_twice(what, &s.name.node, help, file, s.name.span, first));
                continue;
            }
            seen.insert(key, (file, s.name.span));
            let schedule = define(s, policy.clone(), schema, &names, file, diags);
            if names.nesting_of(&schedule.body) >= MAX_NESTING {
                let error =
                    CheckError::TooNested { name: s.name.node.clone(), limit: MAX_NESTING, span: s.name.span.into() };
                // Kept, so that its uses are not also reported; the program is not returned.
                diags.error(file, error);
            }
            names.push(schedule);
        }
    }
    names
}

fn define(
    s: &Spanned<ast::Schedule>,
    policy: Option<String>,
    schema: &Schema,
    names: &Names,
    file: usize,
    diags: &mut Diagnostics,
) -> Schedule {
    let params = s.params.as_ref().map(|params| {
        let mut typed: Vec<(String, Ty)> = Vec::new();
        let mut at: HashMap<&str, ast::Span> = HashMap::new();
        for p in params {
            if let Some(&first) = at.get(p.name.node.as_str()) {
                let scope = super::schema::Scope::Within(&s.name.node);
                diags.error(file, super::schema::duplicate("parameter", &p.name.node, scope, p.name.span, Some(first)));
            }
            at.insert(&p.name.node, p.name.span);
            let ty = Spanned::new(ast::TypeRef::Named(p.ty.node.clone()), p.ty.span);
            let ty = super::schema::resolve_type(schema, &ty, file, diags).unwrap_or(Ty::Error);
            typed.push((p.name.node.clone(), ty));
        }
        typed
    });
    let mut cx = expr::Context {
        schema,
        // Typed once for every use: a `by` table over a parameter names every value (or `_`).
        narrowing: Some(super::narrow::Narrowing::of("", std::iter::empty())),
        kind: usize::MAX,
        file,
        diags,
        names,
        policy: policy.as_deref(),
        params: Some((&s.name.node, params.as_deref().unwrap_or_default())),
    };
    let (body, ty) = cx.infer_public(&s.body);
    Schedule { name: s.name.node.clone(), policy, params, body, ty }
}

/// The help for an unknown schedule: did-you-mean, or how to define one.
pub(super) fn unknown_help(name: &str, names: &Names) -> String {
    if names.list.is_empty() {
        return t!("check-no-schedule-help", name = name);
    }
    suggest::help(name, names.names(), "schedule or value")
}

/// Reports a call to a name that is not a schedule of that many arguments.
pub(super) fn arity(s: &Schedule, schema: &Schema, found: usize, span: ast::Span) -> CheckError {
    let expected = s.params.as_ref().map_or(0, Vec::len);
    CheckError::Arity {
        name: s.name.clone(),
        expected: t!("check-arguments", count = expected),
        found: if found == 0 { t!("check-arguments-none") } else { t!("check-arguments-given", count = found) },
        signature: signature(s, schema),
        span: span.into(),
    }
}
