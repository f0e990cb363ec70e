//! Tables in and out: facts from CSV files evaluate exactly as the same facts in JSON, and
//! awards come out as CSV rows with exact decimals.

use policy_lang::program::{Program, Ty};
use pretty_assertions::assert_eq;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Output;

fn policy(args: &[&str]) -> Output {
    crate::common::policy().args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

/// One table per kind: its headers in first-seen order, and its rows.
type Tables = BTreeMap<String, (Vec<String>, Vec<BTreeMap<String, String>>)>;

/// A JSON fact set as one table per kind, the owners' ids as columns.
fn tables(program: &Program, facts: &Value) -> Tables {
    fn cell(v: &Value) -> String {
        v.as_str().map_or_else(|| v.to_string(), String::from)
    }
    fn walk(program: &Program, kind: &str, list: &Value, owners: &[(String, String)], tables: &mut Tables) {
        let def = program.schema.kind_named(kind).and_then(|k| program.schema.kinds.get(k)).unwrap();
        for entity in list.as_array().into_iter().flatten() {
            let mut row: BTreeMap<String, String> = owners.iter().cloned().collect();
            let (headers, rows) = tables.entry(kind.to_string()).or_default();
            for (o, _) in owners {
                if !headers.contains(o) {
                    headers.push(o.clone());
                }
            }
            let mut children = Vec::new();
            for (key, value) in entity.as_object().into_iter().flatten() {
                match def.field(key).map(|i| def.fields[i].ty) {
                    Some(Ty::List(child)) => children.push((program.schema.kinds[child].name.clone(), value.clone())),
                    _ => {
                        if !headers.contains(key) {
                            headers.push(key.clone());
                        }
                        row.insert(key.clone(), cell(value));
                    }
                }
            }
            rows.push(row);
            let mut inner = owners.to_vec();
            inner.push((kind.to_string(), cell(&entity["id"])));
            for (child, list) in children {
                walk(program, &child, &list, &inner, tables);
            }
        }
    }
    let mut tables = Tables::new();
    for (kind, _) in program.schema.roots() {
        let name = &program.schema.kinds[kind].name;
        walk(program, name, &facts[name], &[], &mut tables);
    }
    tables
}

/// Writes the tables as `<kind>.csv` files.
fn write_csv(tables: Tables, dir: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (kind, (headers, rows)) in tables {
        let mut out = csv::Writer::from_path(format!("{dir}/{kind}.csv")).unwrap();
        out.write_record(&headers).unwrap();
        for row in rows {
            out.write_record(headers.iter().map(|h| row.get(h).cloned().unwrap_or_default())).unwrap();
        }
        out.flush().unwrap();
    }
}

/// Writes the tables as a workbook as a person would type it: numbers as numbers, dates as
/// dates, true and false as booleans, the rest (ids, `1500万`) as text.
fn write_xlsx(tables: Tables, file: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (kind, (headers, rows)) in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&kind).unwrap();
        for (col, header) in (0u16..).zip(&headers) {
            sheet.write_string(0, col, header).unwrap();
        }
        for (r, row) in (1u32..).zip(rows) {
            for (col, header) in (0u16..).zip(&headers) {
                let cell = row.get(header).cloned().unwrap_or_default();
                let date = chrono::NaiveDate::parse_from_str(&cell, "%Y-%m-%d").ok();
                if cell.is_empty() {
                } else if let (Some(d), true) = (date, cell.len() == 10) {
                    use chrono::Datelike;
                    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                        .unwrap();
                    sheet.write_datetime_with_format(r, col, &day, &date_format).unwrap();
                } else if let (Ok(n), false) =
                    (cell.parse::<f64>(), header == "id" || kind == "enterprise" && header == "name")
                {
                    sheet.write_number(r, col, n).unwrap();
                } else if cell == "true" || cell == "false" {
                    sheet.write_boolean(r, col, cell == "true").unwrap();
                } else {
                    sheet.write_string(r, col, &cell).unwrap();
                }
            }
        }
    }
    book.save(file).unwrap();
}

/// Each example, written as tables by `write` (to the path it is given), evaluates exactly as
/// its JSON does.
fn every_example_evaluates_the_same_from(write: fn(Tables, &str), path: fn(&str) -> String) {
    let program = policy_lang::load(&["rules/".into()]).unwrap().program;
    for example in ["changzhou_device_maker", "chongqing_cro_cdmo", "wuxi_innovative_drug"] {
        let file = format!("examples/{example}.json");
        let facts: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let tables_at = path(example);
        write(tables(&program, &facts), &tables_at);
        let as_of = facts["as_of"].as_str().unwrap();
        let from_json = policy(&["eval", "rules/", "--facts", &file, "--format", "json", "--as-of", as_of]);
        let from_tables = policy(&["eval", "rules/", "--facts", &tables_at, "--format", "json", "--as-of", as_of]);
        assert_eq!(from_tables.status.code(), Some(0), "{example}: {}", String::from_utf8_lossy(&from_tables.stderr));
        assert_eq!(
            String::from_utf8_lossy(&from_tables.stdout),
            String::from_utf8_lossy(&from_json.stdout),
            "{example}"
        );
    }
}

#[test]
fn every_example_evaluates_the_same_from_a_workbook() {
    every_example_evaluates_the_same_from(write_xlsx, |e| format!("{}/{e}.xlsx", env!("CARGO_TARGET_TMPDIR")));
}

#[test]
fn every_example_evaluates_the_same_from_csv_files() {
    every_example_evaluates_the_same_from(write_csv, |e| format!("{}/csv_{e}", env!("CARGO_TARGET_TMPDIR")));
}

#[test]
fn awards_come_out_one_row_each_with_title_cite_and_exact_amounts() {
    let json = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "json"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    let out = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().take(6).collect::<Vec<_>>(), ["entity", "policy", "rule", "title", "cite", "kind"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let awards = json["awards"].as_array().unwrap();
    assert_eq!(rows.len(), awards.len());
    for (row, award) in rows.iter().zip(awards) {
        assert_eq!(&row[2], award["rule"].as_str().unwrap());
        assert_eq!(&row[3], award["title"].as_str().unwrap_or(""));
        assert_eq!(&row[4], award["cite"].as_str().unwrap_or(""));
        assert_eq!(&row[8], award["max"].as_str().unwrap_or(""), "the ceiling, as exact as in JSON");
    }
}

#[test]
fn a_bad_column_or_an_orphan_row_is_named_with_its_file_and_line() {
    let dir = format!("{}/csv_bad", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(format!("{dir}/enterprise.csv"), "id,name,citty\nE1,甲,changzhou\n").unwrap();
    let out = policy(&["eval", "rules/", "--facts", &dir, "--error-format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("column `citty` is not a fact of `enterprise`") && stderr.contains("`city`"), "{stderr}");
    std::fs::write(format!("{dir}/enterprise.csv"), "id,name\nE1,甲\n").unwrap();
    std::fs::write(format!("{dir}/device.csv"), "enterprise,id,name,device_class\nE1,D1,仪,III\nE9,D2,仪,III\n")
        .unwrap();
    let out = policy(&["eval", "rules/", "--facts", &dir, "--error-format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("device.csv line 3: its owner enterprise `E9`"), "{stderr}");
}

#[test]
fn awards_come_out_as_a_workbook_with_exact_numbers_for_money() {
    let out = policy(&["eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(out.stdout)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut book.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let (strings, sheet) = (read("xl/sharedStrings.xml"), read("xl/worksheets/sheet1.xml"));
    assert!(strings.contains("CZ-03-2a") && strings.contains("（三）第2段(a)"), "rule ids and cites are in the sheet");
    // CZ-03-2a's ceiling, 2000000.00, is a number cell holding exactly 2000000.
    assert!(sheet.contains("<v>2000000</v>"), "{sheet}");
}
