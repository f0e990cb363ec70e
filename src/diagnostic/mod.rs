//! Glue between the stages' error types and miette.
//!
//! Stage errors are plain data with spans; the file they point into is attached once, at the
//! boundary, by [`Sourced`]. That keeps the checker and parser free of source-text plumbing.

pub mod drafting;
pub mod suggest;

use miette::{Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

impl Span {
    /// The span from byte `start` up to (not including) byte `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.end.saturating_sub(span.start)).into()
    }
}

/// A source file: its name (as given on the command line) and its text.
#[derive(Clone, Debug)]
pub struct Source {
    /// How diagnostics name the file: its path, or a label such as `facts.json`.
    pub name: String,
    /// The whole text; shared, so errors can carry it cheaply.
    pub text: Arc<str>,
}

impl Source {
    /// A file called `name` holding `text`; nothing is read from disk.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source { name: name.into(), text: text.into() }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset).unwrap_or(&self.text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// How many characters of a user's value a message quotes: a value pasted by mistake (a
/// 200 MB string) must not become 200 MB of diagnostics.
pub const QUOTE_CHARS: usize = 60;

/// `text` as messages quote it: whole when short, else its first [`QUOTE_CHARS`] characters
/// and how many more there are.
pub fn quote(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let (shown, rest) = text.split_at(cut);
            Cow::Owned(format!("{shown}… ({} more characters)", rest.chars().count()))
        }
    }
}

/// A kind of thing a message names (`rule`, `enum value`, `pool`), in the reader's language;
/// a word not in the list is shown as given.
pub fn noun(word: &str) -> String {
    let key = match word {
        "rule" => "noun-rule",
        "field" => "noun-field",
        "enum" => "noun-enum",
        "entity" => "noun-entity",
        "enum value" => "noun-enum-value",
        "table entry" => "noun-table-entry",
        "pool" => "noun-pool",
        "stack" => "noun-stack",
        "parameter" => "noun-parameter",
        "payer" => "noun-payer",
        "policy" => "noun-policy",
        "type" => "noun-type",
        "amendment" => "noun-amendment",
        "value" => "noun-value",
        "schedule" => "noun-schedule",
        _ => return word.to_string(),
    };
    crate::i18n::message(key, &[])
}

/// The plural of a kind of thing [`noun`] names (`policy` → `policies`), in the reader's
/// language; any other word with an `s`.
pub fn nouns(word: &str) -> String {
    let key = match word {
        "rule" => "nouns-rule",
        "field" => "nouns-field",
        "enum" => "nouns-enum",
        "entity" => "nouns-entity",
        "enum value" => "nouns-enum-value",
        "table entry" => "nouns-table-entry",
        "pool" => "nouns-pool",
        "stack" => "nouns-stack",
        "parameter" => "nouns-parameter",
        "payer" => "nouns-payer",
        "policy" => "nouns-policy",
        "type" => "nouns-type",
        "amendment" => "nouns-amendment",
        "value" => "nouns-value",
        "schedule" => "nouns-schedule",
        _ => return format!("{word}s"),
    };
    crate::i18n::message(key, &[])
}

/// `` `a`, `b` and `c` `` in the reader's language (`` `a`、`b` 和 `c` ``).
pub fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let t = |key| crate::i18n::message(key, &[]);
            format!("{}{}{last}", rest.join(&t("and-list-separator")), t("and-separator"))
        }
    }
}

/// A stage error together with the file it points into.
#[derive(Debug)]
pub struct Sourced<E> {
    /// The stage's error, with spans into `source`.
    pub error: E,
    /// The file the spans point into.
    pub source: Source,
    /// Notes in other files that belong to this error (the first definition of a name
    /// defined again here), each shown with its own file.
    pub related: Vec<Sourced<E>>,
}

impl<E> Sourced<E> {
    /// Attaches `source` to `error`, so it renders with the lines it points at.
    pub fn new(error: E, source: &Source) -> Self {
        Sourced { error, source: source.clone(), related: Vec::new() }
    }

    /// Adds a note in another file.
    pub fn with_related(mut self, related: impl IntoIterator<Item = Sourced<E>>) -> Self {
        self.related.extend(related);
        self
    }
}

impl<E: fmt::Display> fmt::Display for Sourced<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for Sourced<E> {}

impl<E: Diagnostic> Diagnostic for Sourced<E> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.error.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.error.labels()?;
        Some(Box::new(labels.map(|l| clip::label(&self.source.text, l))))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// miette shows a span with the whole lines around it and pads with `format!` widths, which
/// panic past column 65,535; a minified one-line file would also be printed whole. So a long
/// line is shown as a window around the span, and the header keeps the true line and column.
mod clip {
    use super::*;

    /// Lines longer than this (in bytes) are shown as a window.
    pub(super) const LONG_LINE: usize = 240;
    /// How much of a long line is shown either side of a span.
    const MARGIN: usize = 40;
    /// How much of a span on a long line is underlined.
    const MAX_LABEL: usize = 80;

    /// The start and end (before the newline) of the line holding byte `at`.
    fn line_bounds(text: &str, at: usize) -> (usize, usize) {
        let start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        let end = text.get(at..).and_then(|t| t.find('\n')).map_or(text.len(), |i| at + i);
        (start, end)
    }

    fn floor(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn ceil(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// True when some line from the one holding `from` to the one holding `to` is long.
    fn any_long(text: &str, from: usize, to: usize) -> bool {
        let (start, _) = line_bounds(text, from);
        let (_, end) = line_bounds(text, to);
        text.get(start..end).unwrap_or_default().split('\n').any(|l| l.len() > LONG_LINE)
    }

    /// A label starting on a long line ends on it, within [`MAX_LABEL`]; one crossing a long
    /// line ends with its first line.
    pub(super) fn label(text: &str, l: LabeledSpan) -> LabeledSpan {
        let at = l.offset().min(text.len());
        if !any_long(text, at, at + l.len()) {
            return l;
        }
        let (start, end) = line_bounds(text, at);
        let cap = if end - start > LONG_LINE { MAX_LABEL } else { usize::MAX };
        let len = ceil(text, at + l.len().min(end - at).min(cap)) - at;
        let label = l.label().map(String::from);
        match l.primary() {
            true => LabeledSpan::new_primary_with_span(label, (at, len)),
            false => LabeledSpan::new_with_span(label, (at, len)),
        }
    }

    impl SourceCode for Source {
        fn read_span<'a>(
            &'a self,
            span: &SourceSpan,
            before: usize,
            after: usize,
        ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
            let text: &'a str = &self.text;
            let at = span.offset().min(text.len());
            let end = (at + span.len()).min(text.len());
            let (line_start, line_end) = line_bounds(text, at);
            let neighbours = line_bounds(text, line_start.saturating_sub(1)).0..line_bounds(text, end + 1).1;
            let contents = if !any_long(text, neighbours.start, neighbours.end) {
                let inner = text.read_span(span, before, after)?;
                (inner.data(), *inner.span(), inner.line(), inner.column())
            } else {
                let (from, to) = match (before, after) {
                    (0, 0) => (at, end),
                    _ if line_end - line_start > LONG_LINE => {
                        (at.saturating_sub(MARGIN).max(line_start), (end + MARGIN).min(line_end))
                    }
                    _ => (line_start, line_bounds(text, end).1),
                };
                let (from, to) = (floor(text, from), ceil(text, to.max(from)));
                let data = text.get(from..to).unwrap_or_default().as_bytes();
                let line = text.get(..line_start).unwrap_or_default().matches('\n').count();
                (data, SourceSpan::from((from, to - from)), line, from.saturating_sub(line_start))
            };
            let (data, span, line, column) = contents;
            let named = MietteSpanContents::new_named(self.name.clone(), data, span, line, column, line + 1);
            Ok(Box::new(named.with_language("policy")))
        }
    }
}
