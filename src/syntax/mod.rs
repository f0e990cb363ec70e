//! Parsing: source text → [`ast::File`]. A pure function of the text.
//!
//! pest finds the structure; `lower` turns its pairs into the owned tree and checks what
//! the grammar cannot say (a date that exists, a number that fits, a clause given twice).
//! Lowering collects every error it finds; pest itself stops at the first.

mod error;
mod expr;
mod lower;

pub use error::SyntaxError;

use crate::ast;
use pest::Parser as _;

/// The parser pest generates from the grammar. The module is private, so pest's `Rule` and
/// pairs never leave `syntax/`.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/policy.pest"]
    pub(super) struct PolicyParser;
}

use grammar::{PolicyParser, Rule};

/// How deeply brackets may nest before pest's recursive descent is at risk.
const MAX_BRACKETS: usize = 64;

/// Parses one file. Returns the tree, or every syntax error found.
pub fn parse(text: &str) -> Result<ast::File, Vec<SyntaxError>> {
    check_nesting(text)?;
    let mut pairs = PolicyParser::parse(Rule::file, text).map_err(|_| vec![detailed_error(Rule::file, text)])?;
    let file = pairs.next().ok_or_else(|| vec![SyntaxError::empty_parse()])?;
    lower::file(file)
}

/// Parses `text` again with pest's attempt tracking on, which finds where the text really
/// stopped. Tracking costs on every token, so the first, successful-path parse goes without.
fn detailed_error(start: Rule, text: &str) -> SyntaxError {
    pest::set_error_detail(true);
    let error = match PolicyParser::parse(start, text) {
        Err(e) => SyntaxError::from_pest(e, text),
        Ok(_) => SyntaxError::empty_parse(),
    };
    pest::set_error_detail(false);
    error
}

/// Parses a single expression (for the REPL and tests).
pub fn parse_expr(text: &str) -> Result<ast::Expr, Vec<SyntaxError>> {
    check_nesting(text)?;
    let mut pairs = PolicyParser::parse(Rule::expr, text).map_err(|_| vec![detailed_error(Rule::expr, text)])?;
    let pair = pairs.next().ok_or_else(|| vec![SyntaxError::empty_parse()])?;
    let end = pair.as_span().end();
    if text.get(end..).is_some_and(|rest| !rest.trim().is_empty()) {
        return Err(vec![SyntaxError::Trailing { span: (end, text.len() - end).into() }]);
    }
    let mut errors = Vec::new();
    let expr = expr::lower(pair, &mut errors);
    if errors.is_empty() {
        Ok(expr)
    } else {
        Err(errors)
    }
}

/// Parses a duration such as `3 years` or `30 days` (used for duration facts).
pub(crate) fn parse_duration(text: &str) -> Option<ast::Duration> {
    let mut pairs = PolicyParser::parse(Rule::duration, text.trim()).ok()?;
    let pair = pairs.next()?;
    if pair.as_str().len() != text.trim().len() {
        return None;
    }
    expr::duration(pair, &mut Vec::new())
}

/// Rejects brackets nested deeper than [`MAX_BRACKETS`] before pest recurses into them.
/// Brackets inside strings and comments do not count.
fn check_nesting(text: &str) -> Result<(), Vec<SyntaxError>> {
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, c)| *c == '/') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Err(vec![SyntaxError::TooDeep { limit: MAX_BRACKETS, span: (at, 1).into() }]);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
