//! Diagnostics for people (`human`, coloured when the terminal allows; `plain`, ASCII
//! without colour, for logs and tests) and for tools (`json`, one object per diagnostic).

use super::escape_lines;
use crate::{t, Error};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, Severity};
use serde_json::{json, Value};
use std::borrow::Cow;

/// How diagnostics are rendered (`--error-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ErrorFormat {
    /// For people at a terminal: source excerpts, Unicode, colour if asked for.
    Human,
    /// For logs and tests: source excerpts, ASCII only, no colour.
    Plain,
    /// For tools: a JSON array, one object per diagnostic with file, line, column and labels.
    Json,
}

/// Renders diagnostics; `color` applies to `human` only. User text quoted in them (names,
/// values, source lines) is escaped ([`escape_lines`]); a diagnostic that needs escaping is
/// shown without colour, since the escaping cannot tell the colours from the user's bytes.
pub fn render_diagnostics(errors: &[Error], format: ErrorFormat, color: bool) -> String {
    match format {
        ErrorFormat::Json => {
            let list: Vec<Value> = errors.iter().map(to_json).collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        ErrorFormat::Human | ErrorFormat::Plain => {
            let plain = render(
                errors,
                if format == ErrorFormat::Human { GraphicalTheme::unicode_nocolor() } else { GraphicalTheme::none() },
            );
            match escape_lines(&plain) {
                Cow::Borrowed(_) if format == ErrorFormat::Human && color => render(errors, GraphicalTheme::unicode()),
                Cow::Borrowed(_) => plain,
                Cow::Owned(escaped) => escaped,
            }
        }
    }
}

fn render(errors: &[Error], theme: GraphicalTheme) -> String {
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for error in errors {
        if render_one(&handler, &mut out, error).is_err() {
            out.push_str(&format!("{error}\n"));
        }
    }
    out
}

/// One diagnostic, then its related notes the way miette lays them out, but introduced by a
/// word in the reader's language: miette writes a fixed English `Advice: ` before each.
fn render_one(handler: &GraphicalReportHandler, out: &mut String, diagnostic: &dyn Diagnostic) -> std::fmt::Result {
    handler.render_report(out, &Unrelated(diagnostic))?;
    for note in diagnostic.related().into_iter().flatten() {
        let word = match note.severity() {
            Some(Severity::Error) | None => t!("diagnostics-related-error"),
            Some(Severity::Warning) => t!("diagnostics-related-warning"),
            Some(Severity::Advice) => t!("diagnostics-related-advice"),
        };
        out.push('\n');
        out.push_str(&word);
        render_one(handler, out, note)?;
    }
    Ok(())
}

/// A diagnostic without its related notes, which [`render_one`] renders itself.
struct Unrelated<'a>(&'a dyn Diagnostic);

impl std::fmt::Debug for Unrelated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl std::fmt::Display for Unrelated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for Unrelated<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl Diagnostic for Unrelated<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.code()
    }
    fn severity(&self) -> Option<Severity> {
        self.0.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.help()
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.url()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.0.diagnostic_source()
    }
}

fn to_json(error: &Error) -> Value {
    let severity = match error.severity() {
        Some(Severity::Warning) => "warning",
        Some(Severity::Advice) => "advice",
        _ => "error",
    };
    let source = error.file();
    let labels: Vec<Value> = error
        .labels()
        .into_iter()
        .flatten()
        .map(|label| {
            let (line, column) = source.map_or((0, 0), |s| s.line_col(label.offset()));
            json!({ "label": label.label(), "offset": label.offset(), "length": label.len(), "line": line, "column": column })
        })
        .collect();
    let first = labels.first();
    // Notes in other files (the first definition of a name defined again): file and place.
    let related: Vec<Value> = match error {
        Error::Check(c) => c
            .related
            .iter()
            .flat_map(|r| {
                let labels = r.error.labels().into_iter().flatten();
                labels.map(|l| {
                    let (line, column) = r.source.line_col(l.offset());
                    json!({ "message": r.error.to_string(), "file": r.source.name, "line": line, "column": column, "label": l.label() })
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    json!({
        "severity": severity,
        "code": error.code().map(|c| c.to_string()),
        "message": error.to_string(),
        "help": error.help().map(|h| h.to_string()),
        "file": source.map(|s| s.name.clone()),
        "line": first.and_then(|l| l.get("line")).cloned(),
        "column": first.and_then(|l| l.get("column")).cloned(),
        "labels": labels,
        "related": related,
    })
}
