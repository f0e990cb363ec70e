//! The evaluation as a table for a terminal, laid out by comfy-table: columns aligned by
//! display width (Chinese text lines up), long cells wrapped to the terminal's width, every
//! cell escaped (see [`escape`]).

use super::escape;
use super::words::{entitlement, kind};
use crate::amounts::amount;
use crate::eval::{Evaluation, Reason};
use crate::t;
use comfy_table::{ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle};
use std::fmt::Write;

/// Renders awards (each with its trace), rules that did not apply, and totals, as wide as
/// they need.
pub fn table(evaluation: &Evaluation<'_>) -> String {
    table_in(evaluation, None)
}

/// [`table`] fitted to a terminal `width` columns wide (`None`: as wide as it needs).
pub fn table_in(evaluation: &Evaluation<'_>, width: Option<u16>) -> String {
    let mut out = String::new();
    let _ = write_to(&mut out, evaluation, width);
    out
}

/// [`table_in`], written to `out` a section at a time.
pub fn write_table(out: impl std::io::Write, evaluation: &Evaluation<'_>, width: Option<u16>) -> std::io::Result<()> {
    let mut out = Lines { out: std::io::BufWriter::new(out), error: None };
    let written = write_to(&mut out, evaluation, width);
    match (out.error.take(), written) {
        (Some(e), _) => Err(e),
        (None, Err(_)) => Err(std::io::Error::other(crate::io::Said(crate::t!("io-table-not-written")))),
        (None, Ok(())) => std::io::Write::flush(&mut out.out),
    }
}

/// The width a table on standard output should fit: `COLUMNS` when set, else the terminal's,
/// else `None` (output piped to a file or a program is never wrapped).
pub fn terminal_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c > 0);
    columns.or_else(|| terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| w).filter(|&w| w > 0))
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

fn write_to(out: &mut impl Write, evaluation: &Evaluation<'_>, width: Option<u16>) -> std::fmt::Result {
    writeln!(out, "{}\n", t!("table-as-of", date = evaluation.as_of.to_string()))?;
    if evaluation.awards.is_empty() {
        writeln!(out, "{}", t!("table-no-awards"))?;
    } else {
        let mut rows = vec![header(&["column-entity", "column-rule", "column-cite", "column-kind", "column-amount"])];
        for award in &evaluation.awards {
            rows.push(vec![
                award.entity.to_string(),
                award.rule.id.clone(),
                award.rule.cite.clone().unwrap_or_default(),
                kind(award.kind()),
                entitlement(&award.entitlement, amount),
            ]);
        }
        let rows = grid(&rows, width);
        let mut rows = rows.iter();
        for line in rows.next().into_iter().flatten() {
            writeln!(out, "{line}")?;
        }
        for (row, award) in rows.zip(&evaluation.awards) {
            for line in row {
                writeln!(out, "{line}")?;
            }
            for line in indented(&award.trace.lines(), width) {
                writeln!(out, "{line}")?;
            }
        }
    }
    if !evaluation.not_applicable.is_empty() {
        writeln!(out, "\n{}", t!("table-not-applicable"))?;
        let mut rows = vec![header(&["column-entity", "column-rule", "column-reason"])];
        // Rules of another city's policy say one thing about an enterprise, once per policy:
        // grouped by (enterprise, reason), in first-seen order, in one pass.
        let mut out_of_scope: Vec<(String, String, Vec<usize>)> = Vec::new();
        let mut group_of: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
        for n in &evaluation.not_applicable {
            let reason = evaluation.reason(n);
            if matches!(evaluation.why(n).0.first(), Some(Reason::OutOfScope { .. })) {
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
        rows.extend(
            out_of_scope
                .into_iter()
                .map(|(top, reason, rules)| vec![top, t!("table-rules", count = rules.len()), reason]),
        );
        write_lines(out, grid(&rows, width))?;
    }
    if !evaluation.excluded.is_empty() {
        writeln!(out, "\n{}", t!("table-excluded"))?;
        let mut rows = vec![header(&["column-entity", "column-rule", "column-reason"])];
        rows.extend(evaluation.excluded.iter().map(|x| vec![x.entity.to_string(), x.rule.id.clone(), x.reason()]));
        write_lines(out, grid(&rows, width))?;
    }
    for warning in &evaluation.warnings {
        writeln!(out, "\n{}", escape(&t!("table-warning", warning = warning)))?;
    }
    writeln!(out, "\n{}", t!("table-totals"))?;
    let mut rows = vec![header(&["column-entity", "column-owed", "column-ceiling", "column-case-by-case"])];
    rows.extend(evaluation.totals.iter().map(|t| {
        vec![
            t.entity.to_string(),
            amount(t.owed),
            t.ceiling.map_or_else(|| t!("total-unbounded"), amount),
            t.case_by_case.to_string(),
        ]
    }));
    write_lines(out, grid(&rows, width))
}

fn write_lines(out: &mut impl Write, rows: Vec<Vec<String>>) -> std::fmt::Result {
    for line in rows.iter().flatten() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The column headings, in the reader's language.
fn header(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|key| crate::i18n::message(key, &[])).collect()
}

/// Marks the line between two rows, so the lines of each row can be told apart; a control
/// character, so no escaped cell can hold it.
const ROW_BREAK: char = '\u{1}';

/// Rows of cells laid out as columns two spaces apart, each cell escaped, columns wrapped to
/// fit `width`: the lines of each row (a wrapped row has several). The first row is a row
/// like the others (the heading, when there is one).
pub fn grid(rows: &[Vec<String>], width: Option<u16>) -> Vec<Vec<String>> {
    let mut table = Table::new();
    table.load_style(
        TableStyle::new()
            .content_lines(ContentLineStyle::none().junction(' '))
            .row_separator(LineStyle::none().fill(ROW_BREAK).junction(ROW_BREAK)),
    );
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = width {
        table.set_width(width);
    }
    for row in rows {
        table.add_row(row.iter().map(|cell| escape(cell).into_owned()));
    }
    // A narrow column (a rule id, a kind, an amount) is kept whole; the wide ones wrap.
    let narrow = width.map_or(0, |w| w / 8);
    let widths = table.column_max_content_widths();
    for (column, content) in table.column_iter_mut().zip(widths) {
        column.set_padding((0, 1));
        if content <= narrow {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    let mut out = vec![Vec::new()];
    for line in table.lines() {
        if line.contains(ROW_BREAK) {
            out.push(Vec::new());
        } else if let Some(row) = out.last_mut() {
            row.push(line.trim_end().to_string());
        }
    }
    out.retain(|row| !row.is_empty());
    out
}

/// Lines under a row (a trace), indented four spaces, each escaped and wrapped to `width`
/// with its continuation indented the same.
fn indented(lines: &[String], width: Option<u16>) -> Vec<String> {
    let Some(width) = width else { return lines.iter().map(|line| format!("    {}", escape(line))).collect() };
    let mut table = Table::new();
    table.load_style(TableStyle::new());
    table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    for line in lines {
        table.add_row([escape(line).into_owned()]);
    }
    for column in table.column_iter_mut() {
        column.set_padding((4, 0));
    }
    table.lines().map(|line| line.trim_end().to_string()).collect()
}
