//! "Did you mean …?" for unknown names.

use crate::diagnostic::{quote, QUOTE_CHARS};
use crate::t;

/// The help line for an unknown `name` among `candidates`: the closest one, or the list.
pub fn help<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, what: &str) -> String {
    // A name that is the policy text's own wording (`不超过500万元` read as one Chinese name).
    let drafted = super::drafting::phrase(name, super::drafting::Context::Amount);
    if let Some(hint) = drafted.filter(|h| h.range.end == name.len()) {
        return t!("suggest-drafted", name = quote(name).to_string(), fix = hint.fix);
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // A name longer than any quoted is no typo, and comparing it would cost its length squared.
    let best = candidates
        .iter()
        .filter(|_| name.len() <= 4 * QUOTE_CHARS)
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => t!("suggest-did-you-mean", name = quote(c).to_string()),
        None if candidates.is_empty() => t!("suggest-none", what = plural(what)),
        None if candidates.len() <= 12 => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{}`", quote(c))).collect();
            t!("suggest-list", what = plural(what), list = list.join(&t!("list-separator")))
        }
        None => t!("suggest-far", count = candidates.len(), what = plural(what), name = quote(name).to_string()),
    }
}

/// `policy` → `policies`, `field` → `fields`, `key` → `keys`; in the reader's language.
fn plural(word: &str) -> String {
    let translated = match word {
        "command" => t!("noun-commands"),
        "entity kind" => t!("noun-entity-kinds"),
        "enum" => t!("noun-enums"),
        "field" => t!("noun-fields"),
        "list" => t!("noun-lists"),
        "parameter" => t!("noun-parameters"),
        "payer" => t!("noun-payers"),
        "policy" => t!("noun-policies"),
        "rule" => t!("noun-rules"),
        "schedule or value" => t!("noun-schedules-or-values"),
        "value" => t!("noun-values"),
        "warning" => t!("noun-warnings"),
        "type" => t!("noun-types"),
        "top-level key" => t!("noun-top-level-keys"),
        _ => String::new(),
    };
    if !translated.is_empty() {
        return translated;
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{word}s"),
    }
}
