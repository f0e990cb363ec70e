//! Parsing: source text → [`ast::File`]. A pure function of the text.
//!
//! pest finds the structure; `lower` turns its pairs into the owned tree and checks what
//! the grammar cannot say (a date that exists, a number that fits, a clause given twice).
//! Lowering collects every error it finds; pest itself stops at the first.

mod convert;
mod error;
mod expr;
mod keywords;
mod lower;
mod tokens;

pub use convert::{expect_in, expr_in, keyword_uses, translate, written_in, KeywordUse};
pub use error::SyntaxError;
pub use keywords::{duration_in, english, is_keyword, keyword_in, type_in, Keyword, Lang, KEYWORDS};
pub use tokens::{continues_word, doc_before, tokens, Token, TokenKind};

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

/// A file is parsed in pieces of about this many bytes, each cut after an item's closing
/// brace: pest keeps a queue of every token of its input (some 80 bytes per byte of a tier
/// table), so a piece at a time bounds that cost by the piece, not the file.
const PIECE: usize = 64 * 1024;

/// Parses one file. Returns the tree, or every syntax error found.
pub fn parse(text: &str) -> Result<ast::File, Vec<SyntaxError>> {
    check_nesting(text)?;
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for piece in pieces(text) {
        let offset = piece.start;
        // pest stops at the first error: the whole file then, so it is reported as ever.
        let Some(Ok(mut pairs)) = text.get(piece).map(|t| PolicyParser::parse(Rule::file, t)) else {
            return parse_whole(text);
        };
        let file = pairs.next().ok_or_else(|| vec![SyntaxError::empty_parse()])?;
        match expr::at_offset(offset, || lower::file(file)) {
            Ok(file) => items.extend(file.items),
            Err(found) => errors.extend(found),
        }
    }
    if errors.is_empty() {
        Ok(ast::File { items })
    } else {
        Err(errors)
    }
}

fn parse_whole(text: &str) -> Result<ast::File, Vec<SyntaxError>> {
    let mut pairs = PolicyParser::parse(Rule::file, text).map_err(|_| vec![detailed_error(Rule::file, text)])?;
    let file = pairs.next().ok_or_else(|| vec![SyntaxError::empty_parse()])?;
    lower::file(file)
}

/// `text` cut into pieces of at least [`PIECE`] bytes, each ending where a `}` closes
/// every bracket (the end of an item), the last one at the end of the text.
fn pieces(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    for token in tokens(text) {
        match token.kind {
            TokenKind::Punct('(' | '[' | '{') => depth += 1,
            TokenKind::Punct(c @ (')' | ']' | '}')) => {
                let at = token.range.start;
                depth = depth.saturating_sub(1);
                if c == '}' && depth == 0 && at + 1 - start >= PIECE {
                    pieces.push(start..at + 1);
                    start = at + 1;
                }
            }
            _ => {}
        }
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push(start..text.len());
    }
    pieces
}

/// Parses `text` again with pest's attempt tracking on, which finds where the text really
/// stopped. Tracking costs on every token, so the first, successful-path parse goes without.
fn detailed_error(start: Rule, text: &str) -> SyntaxError {
    // The switch is process-wide: it stays on while any thread's detailed parse runs.
    static DETAILED: std::sync::Mutex<usize> = std::sync::Mutex::new(0);
    let switch = |delta: isize| {
        let mut running = DETAILED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *running = running.saturating_add_signed(delta);
        pest::set_error_detail(*running > 0);
    };
    switch(1);
    let error = match PolicyParser::parse(start, text) {
        Err(e) => SyntaxError::from_pest(e, text),
        Ok(_) => SyntaxError::empty_parse(),
    };
    switch(-1);
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

/// Rejects, before pest sees them, brackets nested deeper than [`MAX_BRACKETS`] and what no
/// grammar accepts: full-width figures or punctuation (`１０００万`, `％`), dates in 年月日.
fn check_nesting(text: &str) -> Result<(), Vec<SyntaxError>> {
    let mut depth = 0usize;
    // Runs of tokens that are neither strings nor comments: where drafting phrases are looked
    // for. One pass over the tokens serves both checks.
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    for token in tokens(text) {
        match token.kind {
            TokenKind::Comment | TokenKind::Text { .. } => continue,
            TokenKind::Punct('(' | '[' | '{') => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    let span = (token.range.start, 1).into();
                    return Err(vec![SyntaxError::TooDeep { limit: MAX_BRACKETS, span }]);
                }
            }
            TokenKind::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        match code.last_mut() {
            Some(last) if last.end == token.range.start => last.end = token.range.end,
            _ => code.push(token.range),
        }
    }
    let drafting = SyntaxError::before_parsing(text, code);
    if drafting.is_empty() {
        Ok(())
    } else {
        Err(drafting)
    }
}
