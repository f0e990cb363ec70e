//! What an amendment does beyond a rule's text: a pool's money cap from its date (单个企业每年
//! 最高1亿元 调整为1.2亿元), and the policy's last day in force (有效期延长至…).

use super::AmendmentError;
use crate::ast::{self, Period};
use crate::check::{CheckError, Diagnostics};
use crate::program::{self, CapVersion, Measure, Schema, Since, Version};
use rust_decimal::Decimal;

/// A cap an amendment sets, kept until the pools are built.
pub(in crate::check) struct NewCap {
    pub file: usize,
    pub since: Since,
    pub policy: usize,
    /// The pool's id (`<rule>.per_year_cap` for a rule's own cap).
    pub pool: String,
    /// `per enterprise per year` as written; `None` for a `per_year_cap`.
    pub scope: Option<(String, Period)>,
    pub amount: Decimal,
    pub span: ast::Span,
}

/// Gives each pool the caps amendments set, in effective-date order (the order given).
/// An amendment changes the amount only: whom the cap is for and its period stay.
pub(in crate::check) fn apply(
    caps: Vec<NewCap>,
    pools: &mut [program::Pool],
    schema: &Schema,
    diags: &mut Diagnostics,
) {
    for cap in caps {
        let money = |p: &&mut program::Pool| matches!(p.measure, Measure::Money(_));
        let pool = pools.iter_mut().filter(|p| p.policy == cap.policy && p.id == cap.pool).find(money);
        let Some(pool) = pool else {
            let error = AmendmentError::NoCap { pool: cap.pool, span: cap.span.into() };
            diags.error(cap.file, CheckError::Amendment(error));
            continue;
        };
        if let Some((per, period)) = &cap.scope {
            let own = schema.kinds.get(pool.scope).map_or("", |k| k.name.as_str());
            if per != own || *period != pool.period {
                let error = AmendmentError::CapScope {
                    pool: cap.pool,
                    written: scope_text(per, *period),
                    was: scope_text(own, pool.period),
                    span: cap.span.into(),
                };
                diags.error(cap.file, CheckError::Amendment(error));
                continue;
            }
        }
        pool.versions.push(CapVersion { since: cap.since, cap: cap.amount });
    }
}

/// `per enterprise per year` as the rules write it, in the reader's keywords (`每 企业 每 年`).
fn scope_text(per: &str, period: crate::dates::Period) -> String {
    let word = |en| crate::syntax::keyword_in(en, crate::i18n::lang());
    let period = match period {
        crate::dates::Period::Year => format!("{} {}", word("per"), word("year")),
        crate::dates::Period::Years(n) => format!("{} {n} {}", word("over"), word("years")),
        crate::dates::Period::Total => word("in total").to_string(),
    };
    format!("{} {per} {period}", word("per"))
}

/// An amendment that sets the policy's expiry judges events from its date under the policy
/// as extended, so each rule in force gets a version from then with its text unchanged: the
/// trace and the JSON name the notice that kept the rule in force. Rules this amendment
/// changed, added or repealed already have theirs.
pub(super) fn extend(rules: &mut [program::Rule], policy: usize, since: Since) {
    for rule in rules.iter_mut().filter(|r| r.policy == policy && r.added != Some(since)) {
        let text = match rule.versions.last() {
            Some(v) if v.since == since => continue,
            Some(Version { text: None, .. }) => continue,
            Some(Version { text: Some(t), .. }) => t.clone(),
            None => super::text_of(rule),
        };
        rule.versions.push(Version { since, text: Some(text) });
    }
}
