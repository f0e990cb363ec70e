//! Results and diagnostics for people (tables, rendered diagnostics) and machines (JSON).

mod compact;
mod diagnostics;
mod escape;
mod json;
mod table;
mod words;

pub use diagnostics::{render_diagnostics, ErrorFormat};
pub use escape::{escape, escape_lines};
pub use table::{grid, table, table_in, terminal_width, write_table};
pub use words::{amendment_note, entitlement, kind, needs_text, value};

use crate::eval::{Evaluation, Total};
use json::{Report, WithProvenance};
use serde::Serialize;
use serde_json::Value;
use std::io::Write as _;

/// The evaluation as JSON: `{"as_of", "awards": [...], "not_applicable": [...], "excluded":
/// [...], "totals": {entity: {...}}, "warnings": [...]}`.
pub fn json(evaluation: &Evaluation<'_>) -> Value {
    serde_json::to_value(Report { evaluation, line: None }).unwrap_or(Value::Null)
}

/// [`json`], pretty-printed straight to `out` as it is serialized: no tree in memory, so a
/// fact set of many enterprises costs the size of its output, not several times that.
pub fn write_json(out: impl std::io::Write, evaluation: &Evaluation<'_>) -> std::io::Result<()> {
    write_json_with(out, evaluation, None::<&()>)
}

/// [`write_json`] with one more field last, `provenance`: where the answer comes from.
pub fn write_json_with(
    out: impl std::io::Write,
    evaluation: &Evaluation<'_>,
    provenance: Option<&impl Serialize>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    let report = Report { evaluation, line: None };
    match provenance {
        None => serde_json::to_writer_pretty(&mut out, &report),
        Some(p) => serde_json::to_writer_pretty(&mut out, &WithProvenance { report, provenance: p }),
    }
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One not-applicable entry of `evaluation` as JSON, as in [`json`]'s `not_applicable`:
/// `{"policy", "rule", "cite", "entity", "reason", "why"}`.
pub fn not_applicable_json(evaluation: &Evaluation<'_>, entry: &crate::eval::NotApplicable<'_>) -> Value {
    let reason = evaluation.reason(entry);
    serde_json::to_value(json::Entry(entry, evaluation.why(entry), &reason)).unwrap_or(Value::Null)
}

/// One entity's total as JSON: `{"owed", "ceiling", "case_by_case"}`, as in [`json`]'s `totals`.
pub fn total_json(total: &Total) -> Value {
    serde_json::to_value(json::TotalFields(total)).unwrap_or(Value::Null)
}

/// How much a batch result line says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every award with its trace (sentences and values) and every rule that did not pay,
    /// each with its reason as a sentence and as values: [`json`]'s object.
    #[default]
    Full,
    /// Every award with its steps as values, and the rules that did not pay grouped, named by
    /// their index in the IR, values only (`output::compact`).
    Compact,
    /// Awards and totals only (`json::write_lean`).
    Awards,
}

impl Detail {
    /// Whether evaluation must say why: traces and reasons (not for awards only).
    pub fn explains(self) -> bool {
        self != Detail::Awards
    }
}

/// One line of batch output appended to `out` (without its newline), with the input `line`
/// number, as compact text: [`json`]'s object, the compact line, or the awards-only line.
pub fn write_json_line(
    out: &mut Vec<u8>,
    evaluation: &Evaluation<'_>,
    line: u64,
    detail: Detail,
) -> serde_json::Result<()> {
    match detail {
        Detail::Full => json::write_full(out, evaluation, line),
        Detail::Compact => compact::write_compact(out, evaluation, line),
        Detail::Awards => json::write_lean(out, evaluation, line),
    }
}
