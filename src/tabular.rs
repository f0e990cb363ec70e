//! Tables in and out, for spreadsheets and data teams: facts from CSV files (one per entity
//! kind, `<kind>.csv`, with the owners' ids as columns) or an Excel workbook (one sheet per
//! kind), and awards to CSV or a workbook (one row per award, with the rule's title and cite).
//! Decimals stay exact both ways.

use crate::eval::Evaluation;
use crate::facts::FactsError;
use crate::program::{KindId, Program, Ty};
use crate::t;
use miette::Diagnostic;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use thiserror::Error;

/// A CSV file that cannot become facts.
#[derive(Debug, Error, Diagnostic)]
pub enum TableError {
    /// Not readable as CSV or as a workbook.
    #[error("{}", t!("table-unreadable", file = .file, message = .message))]
    #[diagnostic(code(table::unreadable), help("{}", t!("table-unreadable-help")))]
    Csv {
        /// The file.
        file: String,
        /// The csv reader's message, with the line.
        message: String,
    },
    /// A header that is neither `id`, an owner's id column, nor a fact of the kind.
    #[error("{}", t!("table-column", file = .file, column = .column, kind = .kind))]
    #[diagnostic(code(table::column), help("{}", column_help(.owners, .facts)))]
    Column {
        /// The file.
        file: String,
        /// The header.
        column: String,
        /// The entity kind of the file.
        kind: String,
        /// The owners' id columns.
        owners: String,
        /// The kind's facts.
        facts: String,
    },
    /// `drug.csv` line 4 names enterprise `E9`, which `enterprise.csv` does not have.
    #[error("{}", t!("table-owner", file = .file, line = .line.to_string(), owner = .owner))]
    #[diagnostic(code(table::owner), help("{}", t!("table-owner-help")))]
    Orphan {
        /// The file.
        file: String,
        /// The 1-based line of the row.
        line: u64,
        /// The owner's ids, e.g. `enterprise E9`.
        owner: String,
    },
}

/// Which columns a file may have: a top-level kind's file (a population) has no owners.
fn column_help(owners: &str, facts: &str) -> String {
    match owners {
        "" => t!("table-column-help-top", facts = facts),
        _ => t!("table-column-help", owners = owners, facts = facts),
    }
}

/// One row: its line, its owners' ids (top first), its own id and its cells.
struct Row {
    line: u64,
    owners: Vec<String>,
    id: String,
    cells: Map<String, Value>,
}

/// A CSV file or a worksheet, as text: how messages name it, its header, its rows with
/// their line numbers.
struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

/// Reads `<kind>.csv` for each kind (and `ledger.csv`) in `dir` as a facts JSON document,
/// to be read by [`Program::facts`] like any other.
pub fn facts_from_csv(program: &Program, dir: &Path) -> Result<String, Vec<TableError>> {
    let mut tables = HashMap::new();
    let names = program.schema.kinds.iter().map(|k| k.name.as_str()).chain(["ledger"]);
    for name in names {
        let file = dir.join(format!("{name}.csv"));
        if file.exists() {
            tables.insert(name.to_string(), csv_table(&file).map_err(|e| vec![e])?);
        }
    }
    facts_from_tables(program, &tables)
}

/// Reads an Excel workbook, one sheet per entity kind (named as the kind) and a `ledger`
/// sheet, as a facts JSON document. Numbers are read back in their shortest exact form, so
/// `1500.5` stays `1500.5`; dates become `YYYY-MM-DD`.
pub fn facts_from_xlsx(program: &Program, file: &Path) -> Result<String, Vec<TableError>> {
    use calamine::Reader;
    // calamine's reasons are English only: another language names the failure instead.
    let error = |e: &dyn std::fmt::Display| {
        let message = match crate::i18n::lang() {
            crate::i18n::Lang::En => e.to_string(),
            _ => t!("table-workbook-unreadable"),
        };
        vec![TableError::Csv { file: file.display().to_string(), message }]
    };
    let mut book = calamine::open_workbook_auto(file).map_err(|e| error(&e))?;
    let mut tables = HashMap::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| error(&e))?;
        let first = range.start().map_or(0, |(row, _)| row);
        let mut rows =
            (1u64 + u64::from(first)..).zip(range.rows().map(|r| r.iter().map(cell_text).collect::<Vec<_>>()));
        let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
        let file = t!("table-sheet", file = file.display().to_string(), sheet = sheet.as_str());
        tables.insert(sheet, Table { file, headers, rows: rows.collect() });
    }
    facts_from_tables(program, &tables)
}

/// A population as one CSV file, one top-level entity a row, each row its own fact set
/// (what `policy eval --facts population.csv` streams, like JSON Lines): the header names
/// `id` and the kind's facts; a list fact's cell holds its children as JSON
/// (`[{"id": "D1", "rd_cost": "3000万"}]`, `[]` for none); an empty cell, or a column left
/// out, is a fact not given. Rows are read straight into entities (no JSON text in between).
pub struct Population {
    kind: KindId,
    /// The column of `id`.
    id: usize,
    /// The slot of each column's fact (`None` for `id`).
    slots: Vec<Option<usize>>,
}

impl Population {
    /// The columns of `file` (for messages) from its header: the kind is the top-level kind
    /// the file is named after (`enterprise.csv`), else the schema's only one.
    pub fn new(program: &Program, file: &str, header: &csv::StringRecord) -> Result<Self, TableError> {
        let schema = &program.schema;
        let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let roots: Vec<(KindId, &crate::program::KindDef)> = schema.roots().collect();
        let found = roots.iter().find(|(_, def)| def.name == stem).or(match roots.as_slice() {
            [only] => Some(only),
            _ => None,
        });
        let names = || roots.iter().map(|(_, def)| format!("`{}`", def.name)).collect::<Vec<_>>().join(", ");
        let Some(&(kind, def)) = found else {
            let message = t!("table-population-kind", kinds = names());
            return Err(TableError::Csv { file: file.to_string(), message });
        };
        let mut slots = Vec::with_capacity(header.len());
        let mut id = None;
        for (i, column) in header.iter().enumerate() {
            let column = column.trim_start_matches('\u{FEFF}').trim();
            let slot = def.field(column);
            if column == "id" {
                id = Some(i);
            } else if slot.is_none() {
                let facts: Vec<String> = def.fields.iter().map(|f| format!("`{}`", f.name)).collect();
                return Err(TableError::Column {
                    file: file.to_string(),
                    column: column.to_string(),
                    kind: def.name.clone(),
                    owners: String::new(),
                    facts: facts.join(", "),
                });
            }
            slots.push(slot);
        }
        let Some(id) = id else {
            let message = t!("table-no-id-column", kind = def.name.as_str());
            return Err(TableError::Csv { file: file.to_string(), message });
        };
        Ok(Population { kind, id, slots })
    }

    /// One row's fact set, from the row's bytes, into `facts` (the row before's, refilled:
    /// [`crate::facts::row_into`]): each cell is checked for UTF-8 as it is read, not the
    /// whole record first and then again cell by cell.
    pub fn facts_into(
        &self,
        program: &Program,
        row: &csv::ByteRecord,
        facts: &mut crate::facts::Facts,
    ) -> Result<(), Vec<FactsError>> {
        let cells = self.slots.iter().zip(row).filter_map(|(slot, cell)| slot.map(|slot| (slot, cell)));
        crate::facts::row_into(program, self.kind, row.get(self.id).unwrap_or_default(), cells, facts)
    }
}

/// A worksheet cell as the text a CSV file would hold.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) => cell.as_date().map(|d| d.to_string()).unwrap_or_else(|| cell.to_string()),
        Data::Error(e) => e.to_string(),
    }
}

fn csv_table(file: &Path) -> Result<Table, TableError> {
    let mut reader = csv::Reader::from_path(file).map_err(|e| csv_error(file, e))?;
    let headers = reader.headers().map_err(|e| csv_error(file, e))?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, e))?;
        rows.push((record.position().map_or(0, |p| p.line()), record.iter().map(String::from).collect()));
    }
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Table { file: name, headers, rows })
}

/// Tables named by entity kind (and `ledger`) as a facts JSON document.
fn facts_from_tables(program: &Program, tables: &HashMap<String, Table>) -> Result<String, Vec<TableError>> {
    let mut errors = Vec::new();
    let mut rows: HashMap<KindId, Vec<Row>> = HashMap::new();
    for (kind, def) in program.schema.kinds.iter().enumerate() {
        if let Some(table) = tables.get(&def.name) {
            match read_kind(program, kind, table) {
                Ok(read) => drop(rows.insert(kind, read)),
                Err(e) => errors.push(e),
            }
        }
    }
    let mut used: HashMap<KindId, Vec<bool>> = rows.iter().map(|(k, r)| (*k, vec![false; r.len()])).collect();
    let mut facts = Map::new();
    for (kind, def) in program.schema.roots() {
        let list = build(program, &rows, &mut used, kind, &[]);
        facts.insert(def.name.clone(), Value::Array(list));
    }
    for (kind, flags) in &used {
        let file = program.schema.kinds.get(*kind).and_then(|d| tables.get(&d.name)).map_or("", |t| t.file.as_str());
        for (row, _) in rows.get(kind).into_iter().flatten().zip(flags).filter(|(_, used)| !**used) {
            let chain = program.schema.ancestry(*kind);
            let names = chain.iter().rev().filter_map(|k| program.schema.kinds.get(*k)).map(|k| k.name.as_str());
            let owner: Vec<String> = names.zip(&row.owners).map(|(n, id)| format!("{n} `{id}`")).collect();
            errors.push(TableError::Orphan { file: file.to_string(), line: row.line, owner: owner.join(", ") });
        }
    }
    if let Some(ledger) = tables.get("ledger") {
        facts.insert("ledger".into(), Value::Array(read_ledger(ledger)));
    }
    if errors.is_empty() {
        Ok(Value::Object(facts).to_string())
    } else {
        Err(errors)
    }
}

/// The entities of `kind` under the owner at `path` (ids from the top), children included.
fn build(
    program: &Program,
    rows: &HashMap<KindId, Vec<Row>>,
    used: &mut HashMap<KindId, Vec<bool>>,
    kind: KindId,
    path: &[String],
) -> Vec<Value> {
    let Some(def) = program.schema.kinds.get(kind) else { return Vec::new() };
    let mut out = Vec::new();
    for (index, row) in rows.get(&kind).into_iter().flatten().enumerate() {
        if row.owners != path {
            continue;
        }
        if let Some(flag) = used.get_mut(&kind).and_then(|f| f.get_mut(index)) {
            *flag = true;
        }
        let mut entity = Map::new();
        entity.insert("id".into(), row.id.clone().into());
        entity.extend(row.cells.clone());
        let mut inner = path.to_vec();
        inner.push(row.id.clone());
        for field in &def.fields {
            if let Ty::List(child) = field.ty {
                entity.insert(field.name.clone(), Value::Array(build(program, rows, used, child, &inner)));
            }
        }
        out.push(Value::Object(entity));
    }
    out
}

fn csv_error(file: &Path, e: csv::Error) -> TableError {
    TableError::Csv { file: file.display().to_string(), message: csv_reason(&e) }
}

/// Why CSV could not be read, in the reader's language: English keeps the csv reader's own
/// words; another language says it from the error's kind and line.
pub(crate) fn csv_reason(e: &csv::Error) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return e.to_string();
    }
    let line = e.position().map_or(0, csv::Position::line).to_string();
    let (kind, expected, found, reason) = match e.kind() {
        csv::ErrorKind::Io(io) => ("io", 0, 0, crate::io::reason(io)),
        csv::ErrorKind::Utf8 { .. } => ("utf8", 0, 0, String::new()),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => ("unequal", *expected_len, *len, String::new()),
        _ => ("other", 0, 0, String::new()),
    };
    let (expected, found) = (expected.to_string(), found.to_string());
    t!("table-csv", kind = kind, line = line, expected = expected, found = found, reason = reason)
}

fn read_kind(program: &Program, kind: KindId, table: &Table) -> Result<Vec<Row>, TableError> {
    let schema = &program.schema;
    let Some(def) = schema.kinds.get(kind) else { return Ok(Vec::new()) };
    let owners: Vec<String> = schema
        .ancestry(kind)
        .iter()
        .skip(1)
        .rev()
        .filter_map(|k| schema.kinds.get(*k))
        .map(|k| k.name.clone())
        .collect();
    for column in &table.headers {
        let known = column == "id" || owners.contains(column) || def.field(column).is_some();
        if !known {
            let facts: Vec<String> =
                def.fields.iter().filter(|f| !matches!(f.ty, Ty::List(_))).map(|f| format!("`{}`", f.name)).collect();
            let owner_list: Vec<String> = owners.iter().map(|o| format!("`{o}`")).collect();
            return Err(TableError::Column {
                file: table.file.clone(),
                column: column.clone(),
                kind: def.name.clone(),
                owners: owner_list.join(", "),
                facts: facts.join(", "),
            });
        }
    }
    let mut rows = Vec::new();
    for (line, cells) in &table.rows {
        let mut row =
            Row { line: *line, owners: vec![String::new(); owners.len()], id: String::new(), cells: Map::new() };
        for (column, cell) in table.headers.iter().zip(cells) {
            if column == "id" {
                row.id = cell.clone();
            } else if let Some(slot) = owners.iter().position(|o| o == column).and_then(|i| row.owners.get_mut(i)) {
                *slot = cell.clone();
            } else if let Some(field) = def.field(column).and_then(|i| def.fields.get(i)) {
                if !cell.trim().is_empty() {
                    row.cells.insert(column.clone(), cell_value(field.ty, cell));
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// A cell as the facts reader wants it: numbers and booleans as JSON numbers and booleans
/// (numbers keep their exact text), everything else as text. A cell that is not what its
/// type needs stays text, and the facts reader says what is wrong with it.
fn cell_value(ty: Ty, cell: &str) -> Value {
    let text = cell.trim();
    match ty {
        Ty::Number | Ty::Count => Number::from_str(text).map_or_else(|_| text.into(), Value::Number),
        Ty::Bool => match text {
            "true" | "TRUE" | "是" => Value::Bool(true),
            "false" | "FALSE" | "否" => Value::Bool(false),
            _ => text.into(),
        },
        _ => text.into(),
    }
}

/// The `ledger` table: `policy`, `rule`, `entity`, `year`, `key`, `date`, `amount`,
/// `issuer`, `level`, and `payers.<payer>` columns for each payer's part.
fn read_ledger(table: &Table) -> Vec<Value> {
    let mut rows = Vec::new();
    for (_, cells) in &table.rows {
        let mut row = Map::new();
        let mut payers = Map::new();
        for (column, cell) in table.headers.iter().zip(cells).filter(|(_, c)| !c.trim().is_empty()) {
            let cell = cell.trim();
            if let Some(payer) = column.strip_prefix("payers.") {
                payers.insert(payer.to_string(), cell.into());
            } else if column == "year" {
                row.insert(column.clone(), Number::from_str(cell).map_or_else(|_| cell.into(), Value::Number));
            } else {
                row.insert(column.clone(), cell.into());
            }
        }
        if !payers.is_empty() {
            row.insert("payers".into(), Value::Object(payers));
        }
        rows.push(Value::Object(row));
    }
    rows
}

/// The columns of the awards table; the last three name the amended text that judged the
/// award (empty for the original), as the JSON's `version` does.
///
/// The same in every language, like JSON's keys, and so are the codes in the cells (`exact`,
/// `yearly`): spreadsheet formulas and SQL loaders key on them, and the language may come
/// from `LANG` rather than a flag, so a Chinese locale must not rename a pipeline's columns.
/// The sentences a reader wants in Chinese are in `--format table` and JSON's `trace`.
const AWARD_COLUMNS: [&str; 17] = [
    "entity",
    "policy",
    "rule",
    "title",
    "cite",
    "kind",
    "amount",
    "min",
    "max",
    "frequency",
    "event_date",
    "year",
    "key",
    "payers",
    "version",
    "version_document",
    "version_effective",
];

/// The money columns (`amount`, `min`, `max`), which a spreadsheet should see as numbers.
const MONEY_COLUMNS: [usize; 3] = [6, 7, 8];

/// One row per award, as text: who, which rule (with title and cite), the kind and the
/// amounts as exact decimals, the date and year, each payer's part, and the version.
fn award_rows(evaluation: &Evaluation<'_>) -> Vec<[String; 17]> {
    let dec = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    evaluation
        .awards
        .iter()
        .map(|a| {
            let payers: Vec<String> = a.shares.iter().map(|s| format!("{}={}", s.payer, dec(s.amount))).collect();
            let version = a.rule.version.as_ref();
            [
                a.entity.to_string(),
                a.rule.policy.clone(),
                a.rule.id.clone(),
                a.rule.title.clone().unwrap_or_default(),
                a.rule.cite.clone().unwrap_or_default(),
                a.kind().to_string(),
                dec(a.amount()),
                dec(a.min()),
                dec(a.max()),
                a.rule.frequency.to_string(),
                a.event_date.to_string(),
                a.year().to_string(),
                a.key.clone().unwrap_or_default(),
                payers.join("; "),
                version.map(|v| v.amendment.clone()).unwrap_or_default(),
                version.and_then(|v| v.document.clone()).unwrap_or_default(),
                version.map(|v| v.effective.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The awards as CSV, one row per award: who, which rule (with title and cite), the kind
/// and the amounts as exact decimals, the date and year, each payer's part, and the
/// amendment whose text judged it.
pub fn awards_csv(evaluation: &Evaluation<'_>) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(AWARD_COLUMNS)?;
    for row in award_rows(evaluation) {
        out.write_record(row)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The awards as an Excel workbook, one row per award. A money cell is a number when the
/// spreadsheet's number holds the decimal exactly (always, for amounts in fen below 10¹³),
/// and the decimal's text otherwise, so nothing is rounded on the way.
pub fn awards_xlsx(evaluation: &Evaluation<'_>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("awards")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    for (col, name) in (0u16..).zip(AWARD_COLUMNS) {
        sheet.write_string_with_format(0, col, name, &bold)?;
    }
    for (row, cells) in (1u32..).zip(award_rows(evaluation)) {
        for (col, cell) in (0u16..).zip(cells) {
            match exact_number(&cell).filter(|_| MONEY_COLUMNS.contains(&usize::from(col))) {
                Some(number) => drop(sheet.write_number_with_format(row, col, number, &money)?),
                None if cell.is_empty() => {}
                None => drop(sheet.write_string(row, col, &cell)?),
            }
        }
    }
    book.save_to_buffer()
}

/// The spreadsheet number for a decimal's text, if it holds the decimal exactly: at most 15
/// significant figures (what a spreadsheet shows), parsed from the text (no arithmetic), and
/// kept only if its shortest form reads back as the same decimal.
fn exact_number(text: &str) -> Option<f64> {
    let decimal = rust_decimal::Decimal::from_str(text).ok()?;
    if decimal.normalize().mantissa().unsigned_abs() >= 1_000_000_000_000_000 {
        return None;
    }
    let number: f64 = text.parse().ok()?;
    let back = rust_decimal::Decimal::from_str(&number.to_string()).ok()?;
    (back == decimal).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::exact_number;

    #[test]
    fn money_is_a_number_only_when_the_number_is_exact() {
        assert_eq!(exact_number("2000000.00"), Some(2_000_000.0));
        assert_eq!(exact_number("1234.56"), Some(1234.56));
        // 17 significant figures: a spreadsheet number would round it, so it stays text.
        assert_eq!(exact_number("123456789012345.67"), None);
        assert_eq!(exact_number("up_to"), None);
    }
}
