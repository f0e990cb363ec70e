//! The evaluation as a table for a terminal. Columns are aligned by display width, so
//! Chinese text lines up.

use super::escape;
use crate::amounts::money;
use crate::eval::{Evaluation, Reason};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Renders awards (each with its trace), rules that did not apply, and totals.
pub fn table(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let _ = write_to(&mut out, evaluation);
    out
}

/// [`table`], written to `out` line by line as it is made, so a large evaluation's table is
/// never held whole in memory.
pub fn write_table(out: impl std::io::Write, evaluation: &Evaluation) -> std::io::Result<()> {
    let mut out = Lines { out: std::io::BufWriter::new(out), error: None };
    let written = write_to(&mut out, evaluation);
    match (out.error.take(), written) {
        (Some(e), _) => Err(e),
        (None, Err(_)) => Err(std::io::Error::other("the table could not be written")),
        (None, Ok(())) => std::io::Write::flush(&mut out.out),
    }
}

/// Text to an `io::Write`, keeping the first I/O error (a `fmt::Write` can only say it failed).
struct Lines<W: std::io::Write> {
    out: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> Write for Lines<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error.get_or_insert(e);
            std::fmt::Error
        })
    }
}

fn write_to(out: &mut impl Write, evaluation: &Evaluation) -> std::fmt::Result {
    writeln!(out, "as of {}\n", evaluation.as_of)?;
    if evaluation.awards.is_empty() {
        out.write_str("no awards\n")?;
    } else {
        let mut rows = vec![header(&["entity", "rule", "cite", "kind", "amount"])];
        let mut traces = Vec::new();
        for award in &evaluation.awards {
            rows.push(vec![
                award.entity.to_string(),
                award.rule.id.clone(),
                award.rule.cite.clone().unwrap_or_default(),
                award.kind().to_string(),
                award.entitlement.show(money),
            ]);
            traces.push(&award.trace);
        }
        let widths = widths(&rows);
        let mut lines = rows.iter().map(|r| line(r, &widths));
        if let Some(head) = lines.next() {
            writeln!(out, "{head}")?;
        }
        for (row, trace) in lines.zip(traces) {
            writeln!(out, "{row}")?;
            for step in trace.iter() {
                writeln!(out, "    {}", escape(&step.to_string()))?;
            }
        }
    }
    if !evaluation.not_applicable.is_empty() {
        out.write_str("\nnot applicable\n")?;
        let mut rows = vec![header(&["entity", "rule", "reason"])];
        // Rules of another city's policy say one thing about an enterprise, once per policy:
        // grouped by (enterprise, reason), in first-seen order, in one pass.
        let mut out_of_scope: Vec<(String, String, Vec<usize>)> = Vec::new();
        let mut group_of: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
        for n in &evaluation.not_applicable {
            let reason = n.reason();
            if matches!(n.why.0.first(), Some(Reason::OutOfScope { .. })) {
                let top = n.entity.split('.').take(2).collect::<Vec<_>>().join(".");
                let next = out_of_scope.len();
                let group = *group_of.entry((top.clone(), reason.clone())).or_insert(next);
                match out_of_scope.get_mut(group) {
                    Some((_, _, rules)) if !rules.contains(&n.rule.index) => rules.push(n.rule.index),
                    Some(_) => {}
                    None => out_of_scope.push((top, reason, vec![n.rule.index])),
                }
            } else {
                rows.push(vec![n.entity.to_string(), n.rule.id.clone(), reason]);
            }
        }
        rows.extend(out_of_scope.into_iter().map(|(top, reason, rules)| {
            let count = if rules.len() == 1 { "1 rule".to_string() } else { format!("{} rules", rules.len()) };
            vec![top, count, reason]
        }));
        let widths = widths(&rows);
        for r in &rows {
            writeln!(out, "{}", line(r, &widths))?;
        }
    }
    if !evaluation.excluded.is_empty() {
        out.write_str("\nexcluded (就高不重复, count caps)\n")?;
        let mut rows = vec![header(&["entity", "rule", "reason"])];
        rows.extend(evaluation.excluded.iter().map(|x| vec![x.entity.to_string(), x.rule.id.clone(), x.reason()]));
        let widths = widths(&rows);
        for r in &rows {
            writeln!(out, "{}", line(r, &widths))?;
        }
    }
    for warning in &evaluation.warnings {
        writeln!(out, "\nwarning: {warning}")?;
    }
    out.write_str("\ntotals\n")?;
    let mut rows = vec![header(&["entity", "owed", "ceiling", "case by case"])];
    rows.extend(evaluation.totals.iter().map(|t| {
        vec![t.entity.clone(), money(t.owed), t.ceiling.map_or("unbounded".into(), money), t.case_by_case.to_string()]
    }));
    let widths = widths(&rows);
    for r in &rows {
        writeln!(out, "{}", line(r, &widths))?;
    }
    Ok(())
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_uppercase()).collect()
}

fn widths(rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| escape(s).width()).max().unwrap_or(0)).collect()
}

/// One row, each cell escaped (see [`escape`]) and padded to its column's width.
fn line(row: &[String], widths: &[usize]) -> String {
    let mut out = String::new();
    for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
        let cell = escape(cell);
        if i + 1 == row.len() {
            out.push_str(&cell);
        } else {
            out.push_str(&cell);
            out.push_str(&" ".repeat(width.saturating_sub(cell.width()) + 2));
        }
    }
    out.trim_end().to_string()
}
