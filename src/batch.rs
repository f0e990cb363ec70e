//! Population-scale evaluation: JSON Lines in (one fact set a line), JSON Lines out (one
//! result a line, in input order), on every core, in memory bounded by the chunk size
//! whatever the number of lines.

use crate::facts::Facts;
use crate::io::not_utf8;
use crate::output;
use crate::program::Program;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::json;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// The longest line read: one fact set is a few kilobytes; a line this long is a mistake
/// (or hostile input), reported as that line's error rather than held in memory.
pub const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

/// How a batch runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The evaluation date given for the run (`--as-of`); it wins over each line's own
    /// `as_of` ([`crate::dates::evaluation_date`]).
    pub as_of: Option<NaiveDate>,
    /// Worker threads evaluating; the calling thread reads and writes beside them.
    pub threads: usize,
    /// Lines read, evaluated and written at a time (one chunk is read while the one before is
    /// evaluated); memory grows with it, not with the input.
    pub chunk: usize,
    /// How much each result line says: everything (traces and reasons, as sentences and
    /// values), compact (values, not-applicable rules grouped), or awards and totals only
    /// (much faster and smaller, the same amounts).
    pub detail: output::Detail,
}

/// What a batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines evaluated (blank lines are not counted).
    pub lines: u64,
    /// Lines whose facts were rejected or whose evaluation failed (their output line says why).
    pub failed: u64,
    /// True if the batch stopped early because it was asked to (Ctrl-C).
    pub interrupted: bool,
}

/// Why a batch stopped before the end of its input.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BatchError {
    /// The input could not be read.
    #[error("{}", crate::t!("batch-read", line = .line.to_string(), reason = crate::io::reason(.source)))]
    #[diagnostic(code(batch::read))]
    Read {
        /// The last line read whole.
        line: u64,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A CSV population's header does not fit the schema.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Table(crate::tabular::TableError),
    /// The output could not be written (a full disk, a reader that went away).
    #[error("{}", crate::t!("batch-write", reason = crate::io::reason(.0)))]
    #[diagnostic(code(batch::write))]
    Write(std::io::Error),
    /// The thread pool could not be built.
    #[error("{}", crate::t!("batch-threads", count = .0.to_string()))]
    #[diagnostic(code(batch::threads))]
    Threads(usize),
}

/// The worker threads to use: the number asked for (else every core), but no more than the
/// cores there are, since more threads than cores only add switching. Never 0.
pub fn threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    asked.unwrap_or(cores).clamp(1, cores)
}

/// Evaluates every line of `input`, writing one JSON result per line to `output` in input
/// order. A bad line (not JSON, not UTF-8, too long, facts that do not fit) does not stop
/// the batch: its result line carries `"error"` and its physical `"line"` number instead.
/// Blank lines are skipped but counted, so numbers match an editor's.
/// `progress` is called with the number of lines done after each chunk.
pub fn run(
    program: &Program,
    input: impl BufRead,
    out: impl Write,
    options: &Options,
    progress: impl FnMut(u64),
) -> Result<Summary, BatchError> {
    run_until(program, input, out, options, progress, &AtomicBool::new(false))
}

/// [`run`], stopping early once `stop` is set: after the line being written, so the output
/// holds whole lines only (for Ctrl-C).
pub fn run_until(
    program: &Program,
    mut input: impl BufRead,
    out: impl Write,
    options: &Options,
    progress: impl FnMut(u64),
    stop: &AtomicBool,
) -> Result<Summary, BatchError> {
    let mut number = 0;
    let next = |slot: &mut Result<String, String>| loop {
        let Some(line) = read_line(&mut input).map_err(|source| BatchError::Read { line: number, source })? else {
            return Ok(None);
        };
        number += 1;
        // Blank lines are skipped but counted.
        if line.as_ref().map_or(true, |l| !l.trim().is_empty()) {
            *slot = line;
            return Ok(Some(number));
        }
    };
    let facts = |line: &Result<String, String>, number: u64, facts: &mut Facts| {
        *facts = line.as_ref().map_err(|why| vec![why.clone()]).and_then(|line| read_facts(program, line, number))?;
        Ok(())
    };
    run_sets(program, next, facts, out, options, progress, stop)
}

/// A population as one CSV file (`tabular::Population`: one top-level entity a row, the
/// header naming the facts), evaluated like JSON Lines: one result line a row, numbered by
/// the row's line in the file. Rows are read straight into entities, never as JSON.
pub fn run_csv(
    program: &Program,
    input: impl BufRead,
    file: &str,
    out: impl Write,
    options: &Options,
    progress: impl FnMut(u64),
    stop: &AtomicBool,
) -> Result<Summary, BatchError> {
    let mut reader = csv::Reader::from_reader(input);
    let header = reader.headers().map_err(|e| csv_failed(e, 0))?.clone();
    let population = crate::tabular::Population::new(program, file, &header).map_err(BatchError::Table)?;
    let mut line = 1;
    // Each row is read into the record of the row a chunk before it (`run_sets` refills its
    // chunks), whose buffers have grown to a row's size: no allocation, copy or drop a row.
    // Bytes, not a `StringRecord`: each cell is checked for UTF-8 as it is read
    // (`tabular::Population::facts`).
    let next = |slot: &mut Result<csv::ByteRecord, String>| {
        if slot.is_err() {
            *slot = Ok(csv::ByteRecord::new());
        }
        let Ok(record) = slot else { return Ok(None) };
        match reader.read_byte_record(record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                line = record.position().map_or(line + 1, csv::Position::line);
                Ok(Some(line))
            }
            // A row that is not CSV (a cell too many) is that row's error.
            Err(e) if !matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                line = e.position().map_or(line + 1, csv::Position::line);
                *slot = Err(crate::tabular::csv_reason(&e));
                Ok(Some(line))
            }
            Err(e) => Err(csv_failed(e, line)),
        }
    };
    let facts = |row: &Result<csv::ByteRecord, String>, _, facts: &mut Facts| match row {
        Ok(row) => population
            .facts_into(program, row, facts)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect()),
        Err(why) => Err(vec![why.clone()]),
    };
    run_sets(program, next, facts, out, options, progress, stop)
}

fn csv_failed(e: csv::Error, line: u64) -> BatchError {
    let source = match e.kind() {
        csv::ErrorKind::Io(_) => match e.into_kind() {
            csv::ErrorKind::Io(source) => source,
            other => std::io::Error::other(format!("{other:?}")),
        },
        _ => std::io::Error::other(crate::io::Said(crate::tabular::csv_reason(&e))),
    };
    BatchError::Read { line, source }
}

/// The batch runner whatever the input: `next` reads each fact set's source into the slot it
/// is given (the source of a set read a chunk before, whose room it may reuse) and gives its
/// line number (or why the input cannot be read on), `facts` reads one; a chunk of them at a
/// time is evaluated on the pool, written in order, while the next is read (two chunks of
/// sources refilled in turn, and one chunk of results being written).
fn run_sets<S: Send + Sync + Default>(
    program: &Program,
    mut next: impl FnMut(&mut Source<S>) -> Result<Option<u64>, BatchError>,
    facts: impl Fn(&Source<S>, u64, &mut Facts) -> Result<(), Vec<String>> + Sync,
    mut out: impl Write,
    options: &Options,
    mut progress: impl FnMut(u64),
    stop: &AtomicBool,
) -> Result<Summary, BatchError> {
    let chunk_size = options.chunk.max(1);
    // Never more threads than lines at a time: a huge `--threads` on a small input is idle cost.
    let threads = options.threads.clamp(1, chunk_size);
    // The pool's threads write their sentences in the caller's language (an HTTP request's).
    let lang = crate::i18n::lang();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| crate::i18n::set_thread_lang(lang))
        .build()
        .map_err(|_| BatchError::Threads(options.threads))?;
    let mut summary = Summary::default();
    let (mut chunk, mut spare) = (Vec::new(), Vec::new());
    let mut at_end = read_chunk(&mut next, chunk_size, &mut chunk)?;
    // The results of the chunk before, not yet written; and those of the chunk before it,
    // written, whose buffers the next chunk's results are written into (an explained chunk's
    // are a hundred megabytes: made afresh, every page of them would be faulted in again).
    let (mut done, mut free): (Vec<Piece>, Vec<Piece>) = (Vec::new(), Vec::new());
    loop {
        // The pool evaluates this chunk while this thread writes the results of the one before
        // and reads the next into the chunk before's sources: with one worker, reading and
        // evaluating still use two cores.
        let mut pieces = std::mem::take(&mut free);
        let mut written = Ok(());
        let mut read = Ok(true);
        pool.in_place_scope(|s| {
            if !chunk.is_empty() {
                s.spawn(|_| evaluate_chunk(program, &chunk, &facts, options, threads, &mut pieces));
            }
            written = write_pieces(&done, &mut out, &mut summary, stop);
            if !at_end && written.is_ok() && !summary.interrupted {
                read = read_chunk(&mut next, chunk_size, &mut spare);
            } else {
                spare.clear();
            }
        });
        written?;
        if summary.interrupted {
            break;
        }
        if !done.is_empty() {
            progress(summary.lines);
        }
        if chunk.is_empty() {
            break;
        }
        free = std::mem::replace(&mut done, pieces);
        std::mem::swap(&mut chunk, &mut spare);
        match read {
            Ok(ended) => at_end = ended,
            // What was read whole before the failure is written first, as when reading and
            // evaluating took turns.
            Err(e) => {
                write_pieces(&done, &mut out, &mut summary, stop)?;
                return Err(e);
            }
        }
    }
    Ok(summary)
}

/// A fact set's source as read (a line, a CSV row), or why it is not one.
type Source<S> = Result<S, String>;

/// Up to `size` fact sets from `next` into `chunk`, refilling the sets it holds (their room
/// kept) before adding more; whether the input ended.
fn read_chunk<S: Default>(
    next: &mut impl FnMut(&mut Source<S>) -> Result<Option<u64>, BatchError>,
    size: usize,
    chunk: &mut Vec<(u64, Source<S>)>,
) -> Result<bool, BatchError> {
    for filled in 0..size {
        if filled == chunk.len() {
            chunk.push((0, Ok(S::default())));
        }
        let Some((number, source)) = chunk.get_mut(filled) else { break };
        match next(source) {
            Ok(Some(read)) => *number = read,
            ended => {
                chunk.truncate(filled);
                return ended.map(|_| true);
            }
        }
    }
    chunk.truncate(size);
    Ok(false)
}

/// One chunk's result lines, in order, in a few pieces evaluated in parallel: each worker
/// writes a run of lines into one buffer (no allocation per line). `pieces` holds the
/// buffers of a chunk written before, refilled (their room kept), and as many as the chunk
/// needs after.
fn evaluate_chunk<T: Sync>(
    program: &Program,
    chunk: &[(u64, T)],
    facts: &(impl Fn(&T, u64, &mut Facts) -> Result<(), Vec<String>> + Sync),
    options: &Options,
    threads: usize,
    pieces: &mut Vec<Piece>,
) {
    let per_piece = chunk.len().div_ceil(threads * 4).max(1);
    pieces.resize_with(chunk.len().div_ceil(per_piece), Piece::default);
    chunk.par_chunks(per_piece).zip(pieces.par_iter_mut()).for_each(|(sets, piece)| {
        piece.text.clear();
        piece.ends.clear();
        piece.ends.reserve(sets.len());
        // One fact set and one evaluation refilled line after line: their lists are
        // allocated once a piece (the evaluation, which borrows a line's facts, is recycled
        // before the next line refills them).
        let (mut set, mut spare) = (Facts::default(), crate::Evaluation::default());
        for (number, source) in sets {
            let read = facts(source, *number, &mut set);
            let mut evaluation = std::mem::take(&mut spare).recycle();
            let result = read.and_then(|()| evaluate(program, &set, options, &mut evaluation));
            let result = result.as_ref().map(|()| &evaluation).map_err(Vec::as_slice);
            write_result_line(&mut piece.text, result, *number, options.detail);
            piece.ends.push((piece.text.len(), result.is_ok()));
            spare = evaluation.recycle();
            if piece.ends.len() == 1 {
                // Room for the piece at the first line's length, and an eighth more: the
                // text grown by doubling copied itself a dozen times a piece.
                let first = piece.text.len();
                piece.text.reserve(first * (sets.len() - 1) + first * sets.len() / 8);
            }
        }
    });
}

/// Writes result lines in order, counting them, until `stop` is set (then after a whole line).
fn write_pieces(
    pieces: &[Piece],
    out: &mut impl Write,
    summary: &mut Summary,
    stop: &AtomicBool,
) -> Result<(), BatchError> {
    'pieces: for piece in pieces {
        let mut start = 0;
        for &(end, ok) in &piece.ends {
            if stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                break 'pieces;
            }
            summary.lines += 1;
            summary.failed += u64::from(!ok);
            out.write_all(piece.text.get(start..end).unwrap_or_default()).map_err(BatchError::Write)?;
            start = end;
        }
    }
    out.flush().map_err(BatchError::Write)
}

/// The next physical line without its line ending: `None` at the end of input; the line, or
/// why it is not one (not UTF-8, too long).
pub(crate) fn read_line(input: &mut impl BufRead) -> std::io::Result<Option<Result<String, String>>> {
    let mut bytes = Vec::new();
    if std::io::Read::take(&mut *input, MAX_LINE_BYTES + 1).read_until(b'\n', &mut bytes)? == 0 {
        return Ok(None);
    }
    if !bytes.ends_with(b"\n") && bytes.len() as u64 > MAX_LINE_BYTES {
        // Pass over the rest of the line, a bounded piece at a time.
        loop {
            let mut rest = Vec::new();
            if std::io::Read::take(&mut *input, 1 << 16).read_until(b'\n', &mut rest)? == 0 || rest.ends_with(b"\n") {
                break;
            }
        }
        return Ok(Some(Err(format!("the line is longer than the limit of {} MiB", MAX_LINE_BYTES >> 20))));
    }
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    Ok(Some(String::from_utf8(bytes).map_err(|e| not_utf8(e.utf8_error()))))
}

/// One line's evaluation, or why there is none (the line, its facts or the arithmetic),
/// handed to `answer`: the evaluation borrows the line's facts, which live only this call.
pub(crate) fn evaluate_line<R>(
    program: &Program,
    line: &Result<String, String>,
    number: u64,
    options: &Options,
    answer: impl FnOnce(Result<&crate::Evaluation<'_>, &[String]>) -> R,
) -> R {
    let facts = match line.as_ref().map_err(|why| vec![why.clone()]).and_then(|line| read_facts(program, line, number))
    {
        Ok(facts) => facts,
        Err(errors) => return answer(Err(&errors)),
    };
    let mut evaluation = crate::Evaluation::default();
    match evaluate(program, &facts, options, &mut evaluation) {
        Ok(()) => answer(Ok(&evaluation)),
        Err(errors) => answer(Err(&errors)),
    }
}

/// A line's facts, or every error in them.
fn read_facts(program: &Program, line: &str, number: u64) -> Result<Facts, Vec<String>> {
    let name = format!("line {number}");
    program.facts(&name, line).map_err(|errors| errors.0.iter().map(|e| e.to_string()).collect())
}

/// One fact set's evaluation, on its date, into `out`.
fn evaluate<'p>(
    program: &'p Program,
    facts: &'p Facts,
    options: &Options,
    out: &mut crate::Evaluation<'p>,
) -> Result<(), Vec<String>> {
    let day = crate::dates::evaluation_date(options.as_of, facts.as_of);
    let explain = options.detail.explains();
    crate::eval::evaluate_into(program, facts, day, explain, out).map_err(|e| vec![e.to_string()])
}

/// Result lines written by one worker: their text, one after the other, and where each ends
/// and whether it is an evaluation (not an error).
#[derive(Default)]
struct Piece {
    text: Vec<u8>,
    ends: Vec<(usize, bool)>,
}

/// A line's result as compact JSON and its newline, appended to `out`: the evaluation (as
/// `detail` says), or `{"error": […], "line": n}`.
pub(crate) fn write_result_line(
    out: &mut Vec<u8>,
    result: Result<&crate::Evaluation<'_>, &[String]>,
    number: u64,
    detail: output::Detail,
) {
    let start = out.len();
    let written = match result {
        Ok(evaluation) => output::write_json_line(out, evaluation, number, detail),
        Err(errors) => serde_json::to_writer(&mut *out, &json!({ "error": errors, "line": number })),
    };
    // Results are strings, numbers and lists: writing them to memory does not fail, but
    // were it to, the line would be left empty rather than half written.
    if written.is_err() {
        out.truncate(start);
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Source};

    /// Input that fails once its lines are read, as a disk or a pipe can.
    struct Failing(std::io::Cursor<Vec<u8>>);

    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("the disk went away")),
                n => Ok(n),
            }
        }
    }

    const RULE: &str = "schema {\n  entity enterprise {\n    rd_cost: money\n  }\n}\n\
        policy p {\n  issued 2023-01-01\n  effective on_issue\n}\n\
        rule R for enterprise {\n  cite \"c\"\n  on as_of\n  reward 20% of rd_cost\n  every_event\n}\n";

    #[test]
    fn a_read_error_comes_after_every_whole_chunk_read_before_it() {
        let loaded = compile(vec![Source::new("p.policy", RULE)]);
        let Some(program) = loaded.as_ref().ok().map(|l| &l.program) else { return assert!(loaded.is_ok()) };
        let lines: String =
            (1..=5).map(|i| format!("{{\"enterprise\": [{{\"id\": \"E{i}\", \"rd_cost\": {i}00}}]}}\n")).collect();
        for threads in [1, 2] {
            let options = Options {
                as_of: NaiveDate::from_ymd_opt(2025, 6, 30),
                threads,
                chunk: 2,
                detail: crate::output::Detail::Awards,
            };
            let input = std::io::BufReader::new(Failing(std::io::Cursor::new(lines.clone().into_bytes())));
            let mut out = Vec::new();
            let result = run(program, input, &mut out, &options, |_| {});
            assert!(matches!(result, Err(BatchError::Read { line: 5, .. })), "{result:?}");
            // Lines 1–4 (two whole chunks) are written, in order; line 5's chunk never ended.
            let written = String::from_utf8(out).unwrap_or_default();
            let numbers: Vec<&str> = written.lines().filter_map(|l| l.rsplit("\"line\":").next()).collect();
            assert_eq!(numbers, ["1}", "2}", "3}", "4}"], "{written}");
        }
    }
}
