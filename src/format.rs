//! `policy fmt`: one canonical layout, comments kept.
//!
//! The layout comes from the tree alone (`ast::Item::lines`), so formatting is idempotent.
//! Comments are put back by position: a comment on its own line goes before the line that
//! follows it in the source; a comment after code stays at the end of that code's line. The
//! result is parsed again and must give the same tree, or nothing is written.
//!
//! The layout is made in English and then written in the file's keyword set (or the one
//! asked for, `policy fmt --lang zh|en`) word for word from the keyword table, so both sets
//! share one layout and converting a file changes nothing but its keywords.

use crate::ast::{self, ExprKind, Line, Span};
use crate::syntax::{self, Lang, SyntaxError};
use miette::Diagnostic;
use thiserror::Error;
use unicode_width::UnicodeWidthStr;

/// Why a file was not formatted.
#[derive(Debug, Error, Diagnostic)]
pub enum FormatError {
    /// The file does not parse; fix the syntax first.
    #[error("{}", crate::t!("fmt-does-not-parse"))]
    #[diagnostic(code(fmt::syntax))]
    Syntax(Vec<SyntaxError>),
    /// Never expected: the formatted text parses to a different tree. Nothing is written.
    #[error("{}", crate::t!("fmt-changed"))]
    #[diagnostic(code(fmt::changed), help("{}", crate::t!("fmt-changed-help")))]
    Changed,
}

/// A comment in the source: where it is, its text, and whether code precedes it on its line.
struct Comment<'a> {
    start: usize,
    text: &'a str,
    trailing: bool,
    /// A blank line follows it before the next code or comment.
    blank_after: bool,
}

/// Formats a whole file, in the keyword set it is written in (English if mixed).
pub fn format(source: &str) -> Result<String, FormatError> {
    format_in(source, None)
}

/// Formats a whole file, its keywords in `lang`, or in the set it is written in if `None`.
pub fn format_in(source: &str, lang: Option<Lang>) -> Result<String, FormatError> {
    let file = syntax::parse(source).map_err(FormatError::Syntax)?;
    let comments = comments(source, &raw_spans(&file));
    let mut out = String::new();
    let mut next = comments.iter().peekable();
    for (i, item) in file.items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let span = item.span();
        // Comments before the item, on lines of their own.
        while let Some(c) = next.next_if(|c| c.start < span.start) {
            out.push_str(c.text);
            out.push('\n');
            if c.blank_after {
                out.push('\n');
            }
        }
        let mut inner = Vec::new();
        // Inside the item, or after its last code on the same line (`value x = 3 // note`).
        let on_last_line = |c: &Comment| c.trailing && !source[span.end..c.start].contains('\n');
        while let Some(c) = next.next_if(|c| c.start < span.end || on_last_line(c)) {
            inner.push(c);
        }
        for line in place(lines(item), &inner) {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    let rest: Vec<&Comment> = next.collect();
    if !rest.is_empty() && !out.is_empty() {
        out.push('\n');
    }
    for c in rest {
        out.push_str(c.text);
        out.push('\n');
    }
    let lang = match lang {
        Some(lang) => lang,
        None => syntax::written_in(&syntax::keyword_uses(source).map_err(FormatError::Syntax)?),
    };
    if lang != Lang::En {
        out = syntax::translate(&out, lang).map_err(|_| FormatError::Changed)?;
    }
    // The safety net: the formatted file must mean exactly what the original meant.
    match syntax::parse(&out) {
        Ok(again) if again == file => Ok(out),
        _ => Err(FormatError::Changed),
    }
}

/// An item's lines, with a long `reward` table broken into one arm per line.
fn lines(item: &ast::Item) -> Vec<Line> {
    let mut lines = item.lines();
    if let ast::Item::Rule(rule) = item {
        if let Some(reward) = &rule.reward {
            if let Some(at) = lines
                .iter()
                .position(|l| l.text.starts_with("  reward ") && l.span.is_some_and(|s| s.start == reward.span.start))
            {
                if lines.get(at).is_some_and(|l| l.text.width() > 100) {
                    if let Some(broken) = broken_table(reward) {
                        lines.splice(at..=at, broken);
                    }
                }
            }
        }
    }
    lines
}

/// `reward tiers x {` / one arm a line / `  }`, for a reward that is a table (perhaps
/// under `up_to`).
fn broken_table(reward: &ast::Expr) -> Option<Vec<Line>> {
    let (prefix, capped) = match &reward.node {
        ExprKind::Unary(ast::UnOp::UpTo, inner) => ("up_to ", inner.as_ref()),
        _ => ("", reward),
    };
    // `tiers … { … } max 6000万`: the cap follows the closing brace.
    let (table, suffix) = match &capped.node {
        ExprKind::Binary(ast::BinOp::Max, table, cap) => (table.as_ref(), format!(" max {cap}")),
        _ => (capped, String::new()),
    };
    let (head, arms): (String, Vec<(String, Span)>) = match &table.node {
        ExprKind::By(s, arms) => (
            format!("by {}", scrutinee(s)),
            arms.iter()
                .map(|a| {
                    let key = a
                        .pattern
                        .as_ref()
                        .map_or("_".to_string(), |v| v.iter().map(|i| i.node.as_str()).collect::<Vec<_>>().join(" | "));
                    (format!("{key} => {}", a.value), a.value.span)
                })
                .collect(),
        ),
        ExprKind::Tiers { marginal, scrutinee: s, arms } => (
            format!("{} {}", if *marginal { "marginal" } else { "tiers" }, scrutinee(s)),
            arms.iter()
                .map(|a| (format!("{} => {}", a.interval.node, a.value), a.interval.span.to(a.value.span)))
                .collect(),
        ),
        ExprKind::Steps(s, arms) => (
            format!("steps {}", scrutinee(s)),
            arms.iter()
                .map(|a| (format!("{} => {}", a.threshold.node, a.value), a.threshold.span.to(a.value.span)))
                .collect(),
        ),
        _ => return None,
    };
    let mut out = vec![Line {
        text: format!("  reward {prefix}{head} {{"),
        span: Some(Span::new(reward.span.start, reward.span.start)),
    }];
    out.extend(arms.into_iter().map(|(text, span)| Line { text: format!("    {text},"), span: Some(span) }));
    out.push(Line { text: format!("  }}{suffix}"), span: Some(Span::new(reward.span.end, reward.span.end)) });
    Some(out)
}

fn scrutinee(e: &ast::Expr) -> String {
    match e.node {
        ExprKind::Path(_) | ExprKind::Aggregate(_) => e.to_string(),
        _ => format!("({e})"),
    }
}

/// Interleaves an item's comments with its lines.
fn place(lines: Vec<Line>, comments: &[&Comment]) -> Vec<String> {
    let mut before: Vec<Vec<&str>> = vec![Vec::new(); lines.len() + 1];
    let mut after: Vec<Vec<&str>> = vec![Vec::new(); lines.len()];
    for c in comments {
        if c.trailing {
            // The line whose source holds the comment, else the last one ending before it.
            let holding = lines.iter().position(|l| l.span.is_some_and(|s| s.start <= c.start && c.start <= s.end));
            let ending = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.span.is_some_and(|s| s.end <= c.start))
                .max_by_key(|(_, l)| l.span.map(|s| s.end))
                .map(|(i, _)| i);
            if let Some(slot) = holding.or(ending).and_then(|i| after.get_mut(i)) {
                slot.push(c.text);
                continue;
            }
        }
        // The line that follows the comment most closely in the source.
        let following = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.span.is_some_and(|s| s.start >= c.start))
            .min_by_key(|(_, l)| l.span.map(|s| s.start))
            .map(|(i, _)| i);
        if let Some(slot) = before.get_mut(following.unwrap_or(lines.len())) {
            slot.push(c.text);
        }
    }
    // Trailing comments on consecutive lines line up in one column.
    let width = |i: usize| lines.get(i).map_or(0, |l| l.text.width());
    let mut column = vec![0; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run_end = (i..lines.len()).find(|&j| after.get(j).is_none_or(|c| c.is_empty())).unwrap_or(lines.len());
        let widest = (i..run_end).map(width).max().unwrap_or(0);
        column.iter_mut().take(run_end).skip(i).for_each(|c| *c = widest);
        i = run_end.max(i + 1);
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut indent: String = line.text.chars().take_while(|c| *c == ' ').collect();
        // A comment just before a closing brace belongs to the block it closes.
        if line.text.trim_start().starts_with('}') {
            indent.push_str("  ");
        }
        for c in before.get(i).into_iter().flatten() {
            out.push(format!("{indent}{c}"));
        }
        let trailing = after.get(i).map(|cs| cs.join(" ")).unwrap_or_default();
        if trailing.is_empty() {
            out.push(line.text.clone());
        } else {
            let pad = column.get(i).copied().unwrap_or(0).saturating_sub(line.text.width()) + 2;
            out.push(format!("{}{}{trailing}", line.text, " ".repeat(pad)));
        }
    }
    out.extend(before.last().into_iter().flatten().map(|c| format!("  {c}")));
    out
}

/// Text printed as written, where `//` is not a comment: a test's inline facts (raw JSON) and
/// the entity paths of its `expect` lines (`enterprise.A//B` is one path).
fn raw_spans(file: &ast::File) -> Vec<Span> {
    let mut raw = Vec::new();
    for item in &file.items {
        if let ast::Item::Test(t) = item {
            raw.extend(t.facts.as_ref().filter(|f| matches!(f.node, ast::TestFacts::Inline(_))).map(|f| f.span));
            raw.extend(t.expects.iter().map(|e| e.node.entity.span));
        }
    }
    raw
}

/// The first comment in `range` of `source`, if any.
fn first_comment(source: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let offset = range.start;
    syntax::tokens(source.get(range)?)
        .find(|t| t.kind == syntax::TokenKind::Comment)
        .map(|t| t.range.start + offset..t.range.end + offset)
}

/// Every `// …` comment outside strings and `raw` spans, in order. A "comment" that starts
/// inside a raw span is code; the scan resumes where the span ends.
fn comments<'a>(source: &'a str, raw: &[Span]) -> Vec<Comment<'a>> {
    syntax::tokens(source)
        .filter(|t| t.kind == syntax::TokenKind::Comment)
        .map(|t| t.range)
        .filter_map(|range| match raw.iter().find(|r| r.start <= range.start && range.start < r.end) {
            Some(r) => first_comment(source, r.end.max(range.start)..range.end),
            None => Some(range),
        })
        .filter_map(|range| {
            let (start, end) = (range.start, range.end);
            let line_start = source.get(..start).and_then(|r| r.rfind('\n')).map_or(0, |n| n + 1);
            let trailing = source.get(line_start..start).is_some_and(|t| !t.trim().is_empty());
            let blank_after = source
                .get(end..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t', '\r'])
                .strip_prefix('\n')
                .is_some_and(|r| r.trim_start_matches([' ', '\t', '\r', '\u{3000}']).starts_with('\n'));
            let text = source.get(range)?.trim_end();
            Some(Comment { start, text, trailing, blank_after })
        })
        .collect()
}
