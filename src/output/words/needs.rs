//! What a rule needs from the facts, in words (`policy facts-needed`): each rule, the facts it
//! reads, the ledger rows it counts. Ids, fields and JSON keys stay as written; the words
//! around them, the base types and the parts of a rule are the reader's.

use crate::needs::{LedgerNeed, RuleNeeds};
use crate::t;
use std::fmt::{self, Display, Formatter};
use unicode_width::UnicodeWidthStr;

/// ``grants of `CZ-05`: `policy`, `rule`, `entity`, `date`, `amount`, `year` ``.
impl Display for LedgerNeed {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            LedgerNeed::Own { rule, fields } => {
                let fields: Vec<String> = fields.iter().map(|field| format!("`{field}`")).collect();
                t!("needs-ledger-own", rule = rule, fields = fields.join(&t!("list-separator")))
            }
            LedgerNeed::Pool { pool, per, tagged } => {
                let tags = if *tagged { t!("needs-ledger-pool-tags") } else { String::new() };
                t!("needs-ledger-pool", pool = pool, per = per, tags = tags)
            }
            LedgerNeed::Stack { stack, per } => t!("needs-ledger-stack", stack = stack, per = per),
        })
    }
}

/// One rule's needs as `policy facts-needed` lists them:
///
/// ```text
/// changzhou_2023.CZ-01a (for each platform)
///     enterprise.city?                         city         condition
///     platform.established_on?                 date         on
///     ledger: grants of `CZ-01a`: `policy`, `rule`, `entity`, `date`, `amount`
/// ```
pub fn needs_text(needs: &RuleNeeds) -> String {
    let (policy, rule, entity) = (needs.policy.as_str(), needs.rule.as_str(), needs.entity.as_str());
    let mut text = t!("needs-rule", policy = policy, rule = rule, entity = entity);
    text.push('\n');
    let lang = crate::i18n::lang();
    for f in &needs.facts {
        let name = format!("{}.{}{}", f.entity, f.field, if f.optional { "?" } else { "" });
        let ty = crate::syntax::type_in(&f.ty, lang);
        let via: Vec<String> = f.via.iter().map(|v| via(v)).collect();
        let via = via.join(&t!("list-separator"));
        text.push_str(&format!("    {}{} {}{} {via}\n", name, pad(&name, 40), ty, pad(ty, 12)));
    }
    for row in &needs.ledger {
        text.push_str(&format!("    {}\n", t!("needs-ledger", row = row.to_string())));
    }
    text
}

/// Spaces that fill `text` to `width` columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    " ".repeat(width.saturating_sub(text.width()))
}

/// The part of a rule that reads a fact: `condition`, `on`, `reward`, `once_per`.
fn via(part: &str) -> String {
    match part {
        "condition" => t!("needs-via-condition"),
        "on" => t!("needs-via-on"),
        "reward" => t!("needs-via-reward"),
        "once_per" => t!("needs-via-once-per"),
        other => other.to_string(),
    }
}
