//! The rules a `test` names. They resolve like pool members (`pools.rs`); a name that
//! resolves nowhere is then explained by what was loaded: the rules there are, that the rule
//! is written but did not check, or that no rules were loaded at all.

use super::error::GroupError;
use super::pools::Index;
use super::{suggest, CheckError, Diagnostics};
use crate::ast::{self, Spanned};
use crate::program;
use crate::t;
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
    let test = index.test(&elsewhere(index, t, policy), policy, file, &mut found);
    for (f, e) in found.items {
        match e {
            // The rule is written but did not check; its own errors say why.
            CheckError::Group(GroupError::UnknownRule { name, .. }) if unchecked.contains(name.as_str()) => {}
            CheckError::Group(GroupError::UnknownRule { name, span, .. }) if policy.is_none() => {
                diags.error(f, outside_policy(index, name, span));
            }
            CheckError::Group(GroupError::UnknownRule { name, policy, help, span })
                if !index.rules.iter().any(|r| index.policies.get(r.policy).is_some_and(|p| *p.id == *policy)) =>
            {
                let help = match index.rules.is_empty() {
                    true => help,
                    false => t!("check-test-policy-no-rules-help", policy = &policy),
                };
                diags.error(f, CheckError::Group(GroupError::UnknownRule { name, policy, help, span }));
            }
            e => diags.error(f, e),
        }
    }
    test
}

/// `t` with each bare rule id that its own policy lacks, but exactly one other policy has,
/// written out as `policy.RULE`: a test (in the REPL, say) may name any rule loaded.
fn elsewhere(index: &Index, t: &Spanned<ast::Test>, policy: Option<usize>) -> Spanned<ast::Test> {
    let mut t = t.clone();
    let Some(own) = policy else { return t };
    for e in &mut t.node.expects {
        let id = &e.node.rule.node;
        if index.rules.iter().any(|r| r.policy == own && r.id == *id) {
            continue;
        }
        let mut others = index.rules.iter().filter(|r| r.id == *id);
        if let (Some(r), None) = (others.next(), others.next()) {
            if let Some(p) = index.policies.get(r.policy) {
                e.node.rule.node = format!("{}.{}", p.id, r.id);
            }
        }
    }
    t
}

/// A bare rule id in a file of tests names the one loaded rule that has it.
fn outside_policy(index: &Index, name: String, span: miette::SourceSpan) -> CheckError {
    let policy_of = |r: &program::Rule| index.policies.get(r.policy).map_or("?", |p| &*p.id);
    let owners: Vec<String> =
        index.rules.iter().filter(|r| r.id == name).map(|r| format!("`{}.{}`", policy_of(r), r.id)).collect();
    let loaded = index.rules.len();
    let (found, help) = if owners.len() > 1 {
        let choices = owners.join(&t!("or-separator"));
        (t!("check-test-rule-many", count = owners.len()), t!("check-test-rule-many-help", choices = choices))
    } else if loaded == 0 {
        (t!("check-test-rule-none-loaded"), t!("check-test-rule-none-loaded-help"))
    } else {
        let ids = index.rules.iter().map(|r| r.id.as_str());
        (t!("check-test-rule-not-loaded", count = loaded), suggest::help(&name, ids, "rule"))
    };
    CheckError::TestRule { name, found, help, span }
}
