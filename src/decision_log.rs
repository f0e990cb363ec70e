//! The decision log: one JSON line per evaluated top-level entity — when, by which rules
//! (hash), on which facts (hash and text), what was awarded and the total — appended and
//! flushed before the answer leaves, so every award can be audited and reproduced.
//! [`replay`] evaluates a log again and names every difference.

use crate::eval::{Award, Evaluation, Total};
use crate::program::Program;
use crate::provenance::{sha256_hex, RulesHash, ENGINE};
use crate::t;
use crate::Error;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Mutex;

/// A log file opened for appending; shared by every request.
#[derive(Debug)]
pub struct DecisionLog {
    name: String,
    file: Mutex<std::fs::File>,
}

impl DecisionLog {
    /// Opens `path` for appending, creating it if need be.
    pub fn open(path: &Path) -> Result<DecisionLog, Error> {
        let name = path.display().to_string();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| Error::Io { path: name.clone(), message: crate::io::reason(&e) })?;
        Ok(DecisionLog { name, file: Mutex::new(file) })
    }

    /// Appends one line per top-level entity of `evaluation` and flushes them, in one write.
    pub fn record(&self, rules: &RulesHash, facts: &str, evaluation: &Evaluation<'_>) -> Result<(), Error> {
        let time = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let facts_sha256 = sha256_hex(facts.as_bytes());
        let mut text = String::new();
        for total in &evaluation.totals {
            let mut line = decision(evaluation, total);
            if let Value::Object(map) = &mut line {
                let mut head = Map::new();
                head.insert("time".into(), time.clone().into());
                head.insert("engine".into(), ENGINE.into());
                head.insert("rules_sha256".into(), rules.rules_sha256.clone().into());
                head.insert("facts_sha256".into(), facts_sha256.clone().into());
                head.insert("as_of".into(), evaluation.as_of.to_string().into());
                head.append(map);
                head.insert("facts".into(), facts.into());
                *map = head;
            }
            text.push_str(&line.to_string());
            text.push('\n');
        }
        let io = |e: std::io::Error| Error::Io { path: self.name.clone(), message: crate::io::reason(&e) };
        let mut file =
            self.file.lock().map_err(|_| io(std::io::Error::other(crate::io::Said(crate::t!("io-writer-failed")))))?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.flush().map_err(io)
    }
}

/// [`crate::batch::run`]'s output for JSON Lines, each decision logged before its line is
/// written: on one thread, in order, so the log and the output agree line for line.
#[cfg(feature = "batch")]
pub fn batch(
    program: &Program,
    rules: &RulesHash,
    log: &DecisionLog,
    mut input: impl BufRead,
    mut out: impl Write,
    options: &crate::batch::Options,
) -> Result<crate::batch::Summary, crate::batch::BatchError> {
    use crate::batch::{evaluate_line, read_line, write_result_line, BatchError};
    let mut summary = crate::batch::Summary::default();
    let mut number = 0;
    // Read, numbered and evaluated as `batch::run` does; only the order and the log differ.
    while let Some(line) = read_line(&mut input).map_err(|source| BatchError::Read { line: number, source })? {
        number += 1;
        if line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
            continue;
        }
        let mut text = Vec::new();
        let failed = evaluate_line(program, &line, number, options, |result| {
            if let (Ok(evaluation), Ok(line)) = (result, &line) {
                // The decision is logged before its answer is written, or not answered.
                log.record(rules, line, evaluation)
                    .map_err(|e| BatchError::Write(std::io::Error::other(crate::io::Said(e.to_string()))))?;
            }
            write_result_line(&mut text, result, number, options.detail);
            Ok(result.is_err())
        })?;
        summary.lines += 1;
        summary.failed += u64::from(failed);
        out.write_all(&text).map_err(BatchError::Write)?;
    }
    out.flush().map_err(BatchError::Write)?;
    Ok(summary)
}

/// What was decided for one top-level entity: its awards (traces left out: replay
/// reproduces them) and its total.
fn decision(evaluation: &Evaluation<'_>, total: &Total) -> Value {
    let prefix = format!("{}.", total.entity);
    let awards: Vec<Value> = evaluation
        .awards
        .iter()
        .filter(|a| *a.entity == *total.entity || a.entity.starts_with(&prefix))
        .map(award)
        .collect();
    json!({ "entity": total.entity, "awards": awards, "total": crate::output::total_json(total) })
}

fn award(award: &Award<'_>) -> Value {
    let mut value = serde_json::to_value(award).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("trace");
    }
    value
}

/// What a replay found.
#[derive(Debug, Default)]
pub struct Replay {
    /// Decisions read.
    pub decisions: usize,
    /// One paragraph per decision that came out differently (or could not be replayed).
    pub differences: Vec<String>,
    /// Decisions made by other rules than these (not a difference by itself).
    pub other_rules: usize,
}

/// Evaluates every decision in `log` again with `program` and compares awards and totals.
pub fn replay(program: &Program, log: impl BufRead) -> Result<Replay, std::io::Error> {
    let hash = RulesHash::of(program).rules_sha256;
    let mut report = Replay::default();
    // Each logged fact set's decisions, by top-level entity: a fact set logs one line per entity.
    let mut cache: HashMap<(String, String), Result<HashMap<String, Value>, String>> = HashMap::new();
    for (number, line) in log.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        report.decisions += 1;
        let at = t!("replay-line", line = (number + 1).to_string());
        let logged: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                report.differences.push(t!("replay-not-a-decision", at = at, error = e.to_string()));
                continue;
            }
        };
        let text = |key: &str| logged.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        let (facts, as_of, entity) = (text("facts"), text("as_of"), text("entity"));
        if text("rules_sha256") != hash {
            report.other_rules += 1;
        }
        if sha256_hex(facts.as_bytes()) != text("facts_sha256") {
            report.differences.push(t!("replay-facts-hash", at = at, entity = entity));
            continue;
        }
        let decisions =
            cache.entry((text("facts_sha256"), as_of.clone())).or_insert_with(|| decide(program, &facts, &as_of));
        let now = match decisions {
            Ok(decisions) => decisions
                .get(&entity)
                .cloned()
                .unwrap_or_else(|| json!({ "entity": entity, "awards": [], "total": null })),
            Err(message) => {
                report.differences.push(t!(
                    "replay-cannot-evaluate",
                    at = at,
                    entity = entity,
                    message = message.as_str()
                ));
                continue;
            }
        };
        let changes = compare(&logged, &now);
        if !changes.is_empty() {
            let head = t!("replay-changed-decision", at = at, entity = entity, as_of = as_of);
            report.differences.push(format!("{head}\n{}", changes.join("\n")));
        }
    }
    Ok(report)
}

/// What the logged facts decide now for each top-level entity, by its path.
fn decide(program: &Program, facts: &str, as_of: &str) -> Result<HashMap<String, Value>, String> {
    let day = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d")
        .map_err(|_| t!("replay-as-of-not-a-date", as_of = as_of))?;
    let facts = program
        .facts("logged facts", facts)
        .map_err(|e| e.0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))?;
    let evaluation = program.evaluate(&facts, day).map_err(|e| e.to_string())?;
    Ok(evaluation.totals.iter().map(|total| (total.entity.to_string(), decision(&evaluation, total))).collect())
}

/// Each award that appeared, disappeared or changed, and a changed total, one line each.
fn compare(logged: &Value, now: &Value) -> Vec<String> {
    let keyed = |v: &Value| -> BTreeMap<String, Value> {
        let field = |a: &Value, k: &str| a.get(k).map(|v| v.to_string()).unwrap_or_default();
        v.get("awards")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|a| {
                let key = ["policy", "rule", "entity", "year", "key"].map(|k| field(a, k)).join(" ");
                (key, a.clone())
            })
            .collect()
    };
    let (before, after) = (keyed(logged), keyed(now));
    let mut changes = Vec::new();
    for (key, award) in &before {
        match after.get(key) {
            None => {
                changes.push(format!("    {}", t!("replay-no-longer-awarded", key = key, award = award.to_string())))
            }
            Some(again) if again != award => {
                let (award, again) = (award.to_string(), again.to_string());
                let (logged, now) = (t!("replay-logged", award = award), t!("replay-now", again = again));
                changes.push(format!("    {}\n      {logged}\n      {now}", t!("replay-award-changed", key = key)))
            }
            Some(_) => {}
        }
    }
    for (key, award) in &after {
        if !before.contains_key(key) {
            changes.push(format!("    {}", t!("replay-newly-awarded", key = key, award = award.to_string())));
        }
    }
    if logged.get("total") != now.get("total") {
        let show = |v: &Value| v.get("total").map(Value::to_string).unwrap_or_default();
        changes.push(format!("    {}", t!("replay-total-changed", logged = show(logged), now = show(now))));
    }
    changes
}
