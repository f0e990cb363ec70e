//! Glue between the stages' error types and miette.
//!
//! Stage errors are plain data with spans; the file they point into is attached once, at the
//! boundary, by [`Sourced`]. That keeps the checker and parser free of source-text plumbing.

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

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

    /// The miette view of this file.
    pub(crate) fn named(&self) -> NamedSource<Arc<str>> {
        NamedSource::new(&self.name, self.text.clone()).with_language("policy")
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset).unwrap_or(&self.text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// A stage error together with the file it points into.
#[derive(Debug)]
pub struct Sourced<E> {
    /// The stage's error, with spans into `source`.
    pub error: E,
    /// The file the spans point into.
    pub source: Source,
    named: NamedSource<Arc<str>>,
}

impl<E> Sourced<E> {
    /// Attaches `source` to `error`, so it renders with the lines it points at.
    pub fn new(error: E, source: &Source) -> Self {
        Sourced { error, named: source.named(), source: source.clone() }
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
        self.error.labels()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.named)
    }
}
