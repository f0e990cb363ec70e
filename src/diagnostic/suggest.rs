//! "Did you mean …?" for unknown names.

use crate::diagnostic::{quote, QUOTE_CHARS};

/// The help line for an unknown `name` among `candidates`: the closest one, or the list.
pub fn help<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, what: &str) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // A name longer than any quoted is no typo, and comparing it would cost its length squared.
    let best = candidates
        .iter()
        .filter(|_| name.len() <= 4 * QUOTE_CHARS)
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!("did you mean `{}`?", quote(c)),
        None if candidates.is_empty() => format!("there are no {}", plural(what)),
        None if candidates.len() <= 12 => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{}`", quote(c))).collect();
            format!("{} here: {}", plural(what), list.join(", "))
        }
        None => format!("none of the {} {} is close to `{}`", candidates.len(), plural(what), quote(name)),
    }
}

/// `policy` → `policies`, `field` → `fields`, `key` → `keys`.
fn plural(word: &str) -> String {
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{word}s"),
    }
}
