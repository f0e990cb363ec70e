//! Where typed input ends. An item (`rule … {`) goes on while it does not parse and more
//! text could help: its body has not opened or closed yet, or the parser stopped at the very
//! end (a string left open). So `rule R for drug` on one line and `{` on the next works, and
//! a mistake inside a rule is reported once the rule is closed. An expression goes on while
//! a bracket is open.

use crate::syntax::{self, continues_word, english, SyntaxError};

/// Words that start an item, in English (a Chinese keyword is read as its English word).
/// `rule`, `schema` and `policy` are reserved; `pool`, `stack` and `test` could also be field
/// names, so they start an item only when a name follows.
const RESERVED: [&str; 3] = ["schema", "policy", "rule"];
const SOFT: [&str; 3] = ["pool", "stack", "test"];

/// Infix words: after `test`, they make it a field in an expression (`test of x`).
const OPERATORS: [&str; 9] = ["of", "per", "max", "and", "or", "in", "then", "else", "up_to"];

/// True if `text` starts an item rather than an expression.
pub fn is_item(text: &str) -> bool {
    let text = skip_comments(text);
    let end = text.find(|c: char| !continues_word(c)).unwrap_or(text.len());
    let (word, rest) = text.split_at(end);
    let word = english(word);
    if RESERVED.contains(&word) {
        return true;
    }
    if !SOFT.contains(&word) {
        return false;
    }
    let rest = rest.trim_start();
    let next: String = rest.chars().take_while(|c| continues_word(*c)).collect();
    match rest.chars().next() {
        Some('"' | '{') => true,
        Some(c) if continues_word(c) => !OPERATORS.contains(&english(&next)),
        _ => false,
    }
}

/// True if `text` is the start of something longer (see the module's documentation).
pub fn needs_more(text: &str) -> bool {
    let (open, opened) = brackets(text);
    if !is_item(text) {
        return open > 0;
    }
    match syntax::parse(text) {
        Ok(_) => false,
        // Every item has a `{ … }` body, so one without a `{` yet is unfinished.
        Err(errors) => open > 0 || !opened || errors.iter().any(|e| at_end(e, text)),
    }
}

/// A parse error with nothing but blanks and comments after it: more text would help.
fn at_end(error: &SyntaxError, text: &str) -> bool {
    let SyntaxError::Unexpected { span, .. } = error else { return false };
    let rest = text.get(span.offset()..).unwrap_or_default();
    rest.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

/// Brackets opened and not closed, outside strings and comments, and whether any `{` was.
fn brackets(text: &str) -> (usize, bool) {
    let mut depth = 0usize;
    let mut braces = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.clone().next() == Some('/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                braces |= c == '{';
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (depth, braces)
}

/// `text` without the blank lines and `//` comments before its first word.
fn skip_comments(text: &str) -> &str {
    let mut rest = text.trim_start();
    while rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, after)| after).trim_start();
    }
    rest
}
