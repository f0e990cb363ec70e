//! Population-scale evaluation: JSON Lines in (one fact set a line), JSON Lines out (one
//! result a line, in input order), on every core, in memory bounded by the chunk size
//! whatever the number of lines.

use crate::output;
use crate::program::Program;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::json;
use std::io::{BufRead, Write};

/// How a batch runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The evaluation date for lines whose facts give no `as_of`.
    pub as_of: NaiveDate,
    /// Worker threads (1 evaluates on the calling thread).
    pub threads: usize,
    /// Lines read, evaluated and written at a time; memory grows with it, not with the input.
    pub chunk: usize,
    /// Traces and not-applicable reasons in each result (off: awards and totals only, much
    /// faster and smaller, the same amounts).
    pub explain: bool,
}

/// What a batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines evaluated.
    pub lines: u64,
    /// Lines whose facts were rejected or whose evaluation failed (their output line says why).
    pub failed: u64,
}

/// Why a batch stopped before the end of its input.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BatchError {
    /// The input or output could not be read or written.
    #[error("cannot read or write the batch: {0}")]
    #[diagnostic(code(batch::io))]
    Io(#[from] std::io::Error),
    /// The thread pool could not be built.
    #[error("cannot start {0} worker threads")]
    #[diagnostic(code(batch::threads))]
    Threads(usize),
}

/// Evaluates every line of `input`, writing one JSON result per line to `output` in input
/// order. A bad line does not stop the batch: its result line carries `"error"` instead.
/// `progress` is called with the number of lines done after each chunk.
pub fn run(
    program: &Program,
    input: impl BufRead,
    mut out: impl Write,
    options: &Options,
    mut progress: impl FnMut(u64),
) -> Result<Summary, BatchError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .map_err(|_| BatchError::Threads(options.threads))?;
    let mut summary = Summary::default();
    let mut lines = input.lines();
    let chunk_size = options.chunk.max(1);
    loop {
        let mut chunk = Vec::with_capacity(chunk_size);
        for line in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                chunk.push(line);
            }
            if chunk.len() == chunk_size {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let first = summary.lines;
        let results: Vec<(bool, String)> = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(i, line)| evaluate_line(program, line, first + i as u64 + 1, options))
                .collect()
        });
        for (ok, text) in results {
            summary.lines += 1;
            summary.failed += u64::from(!ok);
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
        progress(summary.lines);
    }
    out.flush()?;
    Ok(summary)
}

/// One line's result as compact JSON, and whether it succeeded.
fn evaluate_line(program: &Program, line: &str, number: u64, options: &Options) -> (bool, String) {
    let name = format!("line {number}");
    let result = program
        .facts(&name, line)
        .map_err(|errors| errors.0.iter().map(|e| e.to_string()).collect::<Vec<_>>())
        .and_then(|facts| {
            let day = facts.as_of.unwrap_or(options.as_of);
            let result =
                if options.explain { program.evaluate(&facts, day) } else { program.evaluate_awards(&facts, day) };
            result.map_err(|e| vec![e.to_string()])
        });
    match result {
        Ok(evaluation) => (true, output::json_line(&evaluation, number)),
        Err(errors) => (false, json!({ "error": errors, "line": number }).to_string()),
    }
}
