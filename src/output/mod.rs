//! Results and diagnostics for people (tables, rendered diagnostics) and machines (JSON).

mod diagnostics;
mod escape;
mod table;
mod words;

pub use diagnostics::{render_diagnostics, ErrorFormat};
pub use escape::{escape, escape_lines};
pub use table::{table, write_table};
pub use words::amendment_note;

use crate::eval::{Evaluation, Total};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::Value;
use std::io::Write as _;

/// The evaluation as JSON: `{"as_of", "awards": [...], "not_applicable": [...], "excluded":
/// [...], "totals": {entity: {...}}, "warnings": [...]}`.
pub fn json(evaluation: &Evaluation) -> Value {
    serde_json::to_value(Report { evaluation, line: None }).unwrap_or(Value::Null)
}

/// [`json`], pretty-printed straight to `out` as it is serialized: no tree in memory, so a
/// fact set of many enterprises costs the size of its output, not several times that.
pub fn write_json(out: impl std::io::Write, evaluation: &Evaluation) -> std::io::Result<()> {
    write_json_with(out, evaluation, None::<&()>)
}

/// [`write_json`] with one more field last, `provenance`: where the answer comes from.
pub fn write_json_with(
    out: impl std::io::Write,
    evaluation: &Evaluation,
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

/// A report and, after its fields, `provenance`.
struct WithProvenance<'a, P> {
    report: Report<'a>,
    provenance: &'a P,
}

impl<P: Serialize> Serialize for WithProvenance<'_, P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report.fields(s, Some(self.provenance))
    }
}

/// One line of batch output: [`json`]'s object with the input `line` number, as compact text.
pub fn json_line(evaluation: &Evaluation, line: u64) -> String {
    serde_json::to_string(&Report { evaluation, line: Some(line) }).unwrap_or_default()
}

/// The shape of a JSON result, serialized straight from the evaluation (no tree in between).
struct Report<'a> {
    evaluation: &'a Evaluation,
    line: Option<u64>,
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.fields(s, None::<&()>)
    }
}

impl Report<'_> {
    /// The report's fields, and `provenance` last when given.
    fn fields<S: Serializer, P: Serialize>(&self, s: S, provenance: Option<&P>) -> Result<S::Ok, S::Error> {
        let e = self.evaluation;
        let mut out = s.serialize_struct("Report", 8)?;
        out.serialize_field("as_of", &e.as_of.to_string())?;
        out.serialize_field("awards", &e.awards)?;
        out.serialize_field("not_applicable", &e.not_applicable)?;
        out.serialize_field("excluded", &e.excluded)?;
        out.serialize_field("totals", &Totals(&e.totals))?;
        out.serialize_field("warnings", &e.warnings)?;
        if let Some(line) = self.line {
            out.serialize_field("line", &line)?;
        }
        if let Some(p) = provenance {
            out.serialize_field("provenance", p)?;
        }
        out.end()
    }
}

/// Totals keyed by entity: `{"enterprise.E1": {"owed", "ceiling", "case_by_case"}}`.
struct Totals<'a>(&'a [Total]);

impl Serialize for Totals<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for t in self.0 {
            map.serialize_entry(&t.entity, &TotalFields(t))?;
        }
        map.end()
    }
}

struct TotalFields<'a>(&'a Total);

impl Serialize for TotalFields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut out = s.serialize_struct("Total", 3)?;
        out.serialize_field("owed", &t.owed.to_string())?;
        out.serialize_field("ceiling", &t.ceiling.map(|c| c.to_string()))?;
        out.serialize_field("case_by_case", &t.case_by_case)?;
        out.end()
    }
}
