//! "Did you mean …?" for unknown names.

/// The help line for an unknown `name` among `candidates`: the closest one, or the list.
pub fn help<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, what: &str) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => format!("there are no {}", plural(what)),
        None if candidates.len() <= 12 => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            format!("{} here: {}", plural(what), list.join(", "))
        }
        None => format!("none of the {} {} is close to `{name}`", candidates.len(), plural(what)),
    }
}

/// `policy` → `policies`, `field` → `fields`.
fn plural(word: &str) -> String {
    match word.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{word}s"),
    }
}
