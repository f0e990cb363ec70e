//! Syntax highlighting for the line being edited: keywords, numbers and amounts, strings,
//! comments, and the command word of a `:` line. Only ANSI colours are added, so the
//! display width stays the same, as rustyline requires.

const KEYWORD: &str = "\x1b[1;34m";
const NUMBER: &str = "\x1b[33m";
const STRING: &str = "\x1b[32m";
const COMMENT: &str = "\x1b[90m";
const COMMAND: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

// Words coloured as keywords: the language's, one list (`syntax::KEYWORDS`).
use crate::syntax::KEYWORDS;

/// `line` with colours.
pub fn highlight(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with(':') {
        let lead = line.len() - trimmed.len();
        let end = trimmed.find(char::is_whitespace).map_or(line.len(), |i| lead + i);
        let (command, rest) = line.split_at(end);
        return format!("{COMMAND}{command}{RESET}{rest}");
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token_end = |chars: &mut std::iter::Peekable<std::str::CharIndices>, keep: &dyn Fn(char) -> bool| {
            while let Some(&(_, next)) = chars.peek() {
                if !keep(next) {
                    break;
                }
                chars.next();
            }
            chars.peek().map_or(line.len(), |(i, _)| *i)
        };
        if c == '/' && chars.peek().is_some_and(|(_, n)| *n == '/') {
            out.push_str(&paint(COMMENT, line.get(at..).unwrap_or_default()));
            break;
        }
        if c == '"' {
            let mut end = line.len();
            let mut escaped = false;
            for (i, next) in chars.by_ref() {
                if next == '"' && !escaped {
                    end = i + 1;
                    break;
                }
                escaped = next == '\\' && !escaped;
            }
            out.push_str(&paint(STRING, line.get(at..end).unwrap_or_default()));
            continue;
        }
        if c.is_ascii_digit() {
            let end = token_end(&mut chars, &|n| n.is_ascii_digit() || "_.-万亿元%‰".contains(n));
            out.push_str(&paint(NUMBER, line.get(at..end).unwrap_or_default()));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let end = token_end(&mut chars, &|n| n.is_ascii_alphanumeric() || n == '_');
            let word = line.get(at..end).unwrap_or_default();
            if KEYWORDS.contains(&word) {
                out.push_str(&paint(KEYWORD, word));
            } else {
                out.push_str(word);
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn paint(colour: &str, text: &str) -> String {
    format!("{colour}{text}{RESET}")
}
