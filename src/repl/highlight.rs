//! Syntax highlighting for the line being edited: keywords, numbers and amounts, strings,
//! comments, and the command word of a `:` line. Only ANSI colours are added, so the
//! display width stays the same, as rustyline requires.

const KEYWORD: &str = "\x1b[1;34m";
const NUMBER: &str = "\x1b[33m";
const STRING: &str = "\x1b[32m";
const COMMENT: &str = "\x1b[90m";
const COMMAND: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

use crate::syntax::{is_keyword, tokens, TokenKind};

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
    for token in tokens(line) {
        let text = token.text(line);
        let colour = match token.kind {
            TokenKind::Comment => Some(COMMENT),
            TokenKind::Text { .. } => Some(STRING),
            TokenKind::Number => Some(NUMBER),
            TokenKind::Word if is_keyword(text) => Some(KEYWORD),
            TokenKind::Word | TokenKind::Space | TokenKind::Punct(_) => None,
        };
        match colour {
            Some(colour) => out.push_str(&format!("{colour}{text}{RESET}")),
            None => out.push_str(text),
        }
    }
    out
}
