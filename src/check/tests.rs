//! The rules a `test` names. They resolve like pool members (`groups.rs`); a name that
//! resolves nowhere is then explained by what was loaded: the rules there are, that the rule
//! is written but did not check, or that no rules were loaded at all.

use super::error::GroupError;
use super::groups::Index;
use super::{suggest, CheckError, Diagnostics};
use crate::ast::{self, Spanned};
use crate::program;
use std::collections::HashSet;

/// Checks test `t` of `file` (in `policy`, if the file has one). `unchecked` holds the ids
/// of the rules written in the source that did not check.
pub(super) fn test(
    index: &Index,
    t: &Spanned<ast::Test>,
    policy: Option<usize>,
    file: usize,
    unchecked: &HashSet<&str>,
    diags: &mut Diagnostics,
) -> program::Test {
    let mut found = Diagnostics::default();
    let test = index.test(t, policy, file, &mut found);
    for (f, e) in found.items {
        match e {
            // The rule is written but did not check; its own errors say why.
            CheckError::Group(GroupError::UnknownRule { name, .. }) if unchecked.contains(name.as_str()) => {}
            CheckError::Group(GroupError::UnknownRule { name, span, .. }) if policy.is_none() => {
                diags.error(f, outside_policy(index, name, span));
            }
            e => diags.error(f, e),
        }
    }
    test
}

/// A bare rule id in a file of tests names the one loaded rule that has it.
fn outside_policy(index: &Index, name: String, span: miette::SourceSpan) -> CheckError {
    let policy_of = |r: &program::Rule| index.policies.get(r.policy).map_or("?", |p| p.id.as_str());
    let owners: Vec<String> =
        index.rules.iter().filter(|r| r.id == name).map(|r| format!("`{}.{}`", policy_of(r), r.id)).collect();
    let loaded = index.rules.len();
    let (found, help) = if owners.len() > 1 {
        (format!("names rules of {} policies", owners.len()), format!("say which: {}", owners.join(" or ")))
    } else if loaded == 0 {
        (
            "names no rule: no rules are loaded".to_string(),
            "give the rule files as well as the tests, e.g. `policy test rules/ tests/`".to_string(),
        )
    } else {
        let ids = index.rules.iter().map(|r| r.id.as_str());
        (format!("names no rule among the {loaded} rule(s) loaded"), suggest::help(&name, ids, "rule"))
    };
    CheckError::TestRule { name, found, help, span }
}
