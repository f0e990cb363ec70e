//! Population-scale evaluation: JSON Lines in (one fact set a line), JSON Lines out (one
//! result a line, in input order), on every core, in memory bounded by the lines in flight
//! ([`Options::chunk`]) whatever the number of lines.

use crate::facts::Facts;
use crate::io::not_utf8;
use crate::output;
use crate::program::Program;
use chrono::NaiveDate;
use crossbeam_utils::CachePadded;
use serde_json::json;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

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
    /// The most lines in flight at a time (read, being evaluated, or evaluated and waiting for
    /// the lines before them to be written): memory grows with it, not with the input.
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
/// `progress` is called with the number of lines written, as they are written.
pub fn run(
    program: &Program,
    input: impl BufRead,
    out: impl Write,
    options: &Options,
    progress: impl FnMut(u64),
) -> Result<Summary, BatchError> {
    run_until(program, input, out, options, progress, &AtomicBool::new(false))
}

/// [`run`], stopping early once `stop` is set: after the run of lines being written, so the
/// output holds whole lines only (for Ctrl-C).
pub fn run_until(
    program: &Program,
    mut input: impl BufRead,
    out: impl Write,
    options: &Options,
    progress: impl FnMut(u64),
    stop: &AtomicBool,
) -> Result<Summary, BatchError> {
    let mut number = 0;
    // Each line is read into the bytes of a line read before it, whose room has grown to a
    // line's size; the worker that reads its facts checks that it is UTF-8.
    let next = |slot: &mut Source<Vec<u8>>| loop {
        if slot.is_err() {
            *slot = Ok(Vec::new());
        }
        let Ok(bytes) = slot else { return Ok(None) };
        let Some(read) =
            read_line_into(&mut input, bytes).map_err(|source| BatchError::Read { line: number, source })?
        else {
            return Ok(None);
        };
        number += 1;
        match read {
            Err(why) => *slot = Err(why),
            // Blank lines are skipped but counted.
            Ok(()) if blank(bytes) => continue,
            Ok(()) => {}
        }
        return Ok(Some(number));
    };
    let facts = |line: &Source<Vec<u8>>, number: u64, facts: &mut Facts| {
        let line = line.as_ref().map_err(|why| vec![why.clone()])?;
        let line = std::str::from_utf8(line).map_err(|e| vec![not_utf8(e)])?;
        *facts = read_facts(program, line, number)?;
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
    // Each row is read into the record of a row read before it (`run_sets` refills the
    // sources of pieces written), whose buffers have grown to a row's size: no allocation,
    // copy or drop a row.
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
/// is given (the source of a set read before, whose room it may reuse) and gives its line
/// number (or why the input cannot be read on), `facts` reads one. The calling thread reads
/// runs of sets into pieces, hands each to the pool as soon as it is read, and writes the
/// pieces back in order as they come back: no step waits for a whole chunk, so no worker
/// idles at a chunk's end while another finishes its last piece.
fn run_sets<S: Send + Sync + Default + Held>(
    program: &Program,
    mut next: impl FnMut(&mut Source<S>) -> Result<Option<u64>, BatchError>,
    facts: impl Fn(&Source<S>, u64, &mut Facts) -> Result<(), Vec<String>> + Sync,
    mut out: impl Write,
    options: &Options,
    mut progress: impl FnMut(u64),
    stop: &AtomicBool,
) -> Result<Summary, BatchError> {
    let lines_in_flight = options.chunk.max(1);
    // Never more threads than lines at a time: a huge `--threads` on a small input is idle cost.
    let threads = options.threads.clamp(1, lines_in_flight);
    // A few pieces a worker in flight, so a worker done with one finds the next read.
    let most_in_flight = (threads * PIECES_A_WORKER).min(lines_in_flight);
    let most_per_piece = (lines_in_flight / most_in_flight).max(1);
    // A line's result may be a hundred bytes (awards only) or tens of kilobytes (explained),
    // its source a row of a few cells or a fact set of kilobytes: a piece is sized to the bytes
    // its lines are read from and written to, measured on each piece as it comes back, so
    // what is in flight stays in the cores' caches, not many megabytes touched once.
    let mut per_piece = most_per_piece.min(FIRST_PIECE_LINES);
    // The pool's threads write their sentences in the caller's language (an HTTP request's).
    let lang = crate::i18n::lang();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| crate::i18n::set_thread_lang(lang))
        .build()
        .map_err(|_| BatchError::Threads(options.threads))?;
    // Padded: two workers' lists side by side would share a cache line, each push on one
    // core taking the line from the other.
    let scratch: Vec<CachePadded<Mutex<Scratch>>> = (0..threads).map(|_| Default::default()).collect();
    let mut summary = Summary::default();
    let (returned, evaluated) = std::sync::mpsc::channel::<std::thread::Result<Piece<S>>>();
    // Pieces evaluated out of turn, until those before them are written; and pieces written,
    // whose sources and buffers the next runs of lines are read and written into.
    let mut waiting = std::collections::BTreeMap::new();
    let mut free: Vec<Piece<S>> = Vec::new();
    let (mut read, mut written) = (0, 0);
    // How reading ended: the input's end, or why it could not be read on.
    let mut ended = None;
    pool.in_place_scope(|scope| {
        loop {
            while ended.is_none() && read - written < most_in_flight && !summary.interrupted {
                let mut piece = free.pop().unwrap_or_default();
                let run = read_run(&mut next, per_piece, &mut piece.sources);
                // Reading stops at the input's end or at a failure; what was read whole before
                // a failure is still evaluated and written, and the failure returned after.
                if !matches!(run, Ok(false)) {
                    ended = Some(run);
                }
                if piece.sources.is_empty() {
                    free.push(piece);
                    break;
                }
                piece.order = read;
                read += 1;
                let (returned, facts, scratch) = (returned.clone(), &facts, &scratch);
                scope.spawn(move |_| {
                    let evaluated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        // Each worker its own, which only it locks (what a panic left is refilled).
                        let at = rayon::current_thread_index().unwrap_or(0);
                        let mut held = scratch.get(at).map(|s| s.lock().unwrap_or_else(PoisonError::into_inner));
                        let mut outside_the_pool = Scratch::default();
                        piece.evaluate(program, facts, options, held.as_deref_mut().unwrap_or(&mut outside_the_pool));
                        piece
                    }));
                    // The receiver outlives the scope, so this cannot fail.
                    let _ = returned.send(evaluated);
                });
            }
            if written == read || summary.interrupted {
                return Ok(());
            }
            // This thread holds a sender, so the channel never closes while a piece is out.
            let Ok(piece) = evaluated.recv() else { return Ok(()) };
            let piece = piece.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if let Some(per_line) = (piece.text.len() + piece.source_bytes).checked_div(piece.sources.len()) {
                per_piece = (PIECE_BYTES / per_line.max(1)).clamp(1, most_per_piece);
            }
            waiting.insert(piece.order, piece);
            while let Some(piece) = waiting.remove(&written) {
                piece.write(&mut out, &mut summary, stop)?;
                written += 1;
                free.push(piece);
                if summary.interrupted {
                    break;
                }
            }
            out.flush().map_err(BatchError::Write)?;
            progress(summary.lines);
        }
    })?;
    match ended {
        Some(Err(e)) if !summary.interrupted => Err(e),
        _ => Ok(summary),
    }
}

/// The bytes a fact set's source holds as read: with its result line's, what sizes a piece.
trait Held {
    fn held(&self) -> usize;
}

impl Held for Vec<u8> {
    fn held(&self) -> usize {
        self.len()
    }
}

impl Held for csv::ByteRecord {
    fn held(&self) -> usize {
        self.as_slice().len()
    }
}

/// Pieces in flight a worker.
const PIECES_A_WORKER: usize = 4;
/// The lines of the first pieces, read before a line's size in bytes is known.
const FIRST_PIECE_LINES: usize = 16;
/// About how many bytes a piece reads and writes: a fraction of a core's cache, and enough lines
/// of small results that handing a piece out costs little beside evaluating it.
const PIECE_BYTES: usize = 256 << 10;

/// A fact set's source as read (a line, a CSV row), or why it is not one.
type Source<S> = Result<S, String>;

/// Up to `size` fact sets from `next` into `run`, refilling the sets it holds (their room
/// kept) before adding more; whether the input ended (the sets read before a failure kept).
fn read_run<S: Default>(
    next: &mut impl FnMut(&mut Source<S>) -> Result<Option<u64>, BatchError>,
    size: usize,
    run: &mut Vec<(u64, Source<S>)>,
) -> Result<bool, BatchError> {
    for filled in 0..size {
        if filled == run.len() {
            run.push((0, Ok(S::default())));
        }
        let Some((number, source)) = run.get_mut(filled) else { break };
        match next(source) {
            Ok(Some(read)) => *number = read,
            ended => {
                run.truncate(filled);
                return ended.map(|_| true);
            }
        }
    }
    run.truncate(size);
    Ok(false)
}

/// A run of consecutive fact sets and their result lines: what one worker evaluates at a
/// time. Kept from one run to the next, its sources and text are refilled (and the worker's
/// [`Scratch`]), their room kept: reading, evaluating and writing a line allocate nothing
/// once the first pieces have grown to a line's size.
#[derive(Default)]
struct Piece<S> {
    /// Where the run stands in the input: pieces are written in this order.
    order: usize,
    /// Each set's line number and source.
    sources: Vec<(u64, Source<S>)>,
    /// The result lines, one after the other.
    text: Vec<u8>,
    /// How many of them are errors, not evaluations.
    failed: u64,
    /// The bytes its sources hold.
    source_bytes: usize,
}

/// What a worker reads and evaluates each fact set into, kept by the worker, not the piece: a
/// piece goes to whichever worker is free, and a fact set refilled, or an evaluation's lists
/// reused, on another core than the last line's are read from that core's cache and freed
/// across threads.
#[derive(Default)]
struct Scratch {
    /// The fact set each source is read into, one after the other.
    set: Facts,
    /// An evaluation's lists, emptied, lent to each set's evaluation in turn.
    spare: crate::Evaluation<'static>,
}

impl<S: Held> Piece<S> {
    /// Every source's result line into `text`.
    fn evaluate(
        &mut self,
        program: &Program,
        facts: &impl Fn(&Source<S>, u64, &mut Facts) -> Result<(), Vec<String>>,
        options: &Options,
        Scratch { set, spare }: &mut Scratch,
    ) {
        let Piece { sources, text, failed, source_bytes, .. } = self;
        text.clear();
        *failed = 0;
        *source_bytes = 0;
        for (at, (number, source)) in sources.iter().enumerate() {
            *source_bytes += source.as_ref().map_or(0, Held::held);
            let read = facts(source, *number, set);
            // The evaluation borrows this line's facts: it is recycled before the next line
            // refills them.
            let mut evaluation = std::mem::take(spare).recycle();
            let result = read.and_then(|()| evaluate(program, set, options, &mut evaluation));
            let result = result.as_ref().map(|()| &evaluation).map_err(Vec::as_slice);
            write_result_line(text, result, *number, options.detail);
            *failed += u64::from(result.is_err());
            *spare = evaluation.recycle();
            if at == 0 {
                // Room for the piece at the first line's length, and an eighth more: the
                // text grown by doubling copied itself a dozen times a piece.
                let first = text.len();
                text.reserve(first * (sources.len() - 1) + first * sources.len() / 8);
            }
        }
    }

    /// Writes the result lines, counting them, unless `stop` is set: all at once (on a
    /// terminal or a pipe, one write for the piece, not one a line).
    fn write(&self, out: &mut impl Write, summary: &mut Summary, stop: &AtomicBool) -> Result<(), BatchError> {
        if stop.load(Ordering::Relaxed) {
            summary.interrupted = true;
            return Ok(());
        }
        out.write_all(&self.text).map_err(BatchError::Write)?;
        summary.lines += self.sources.len() as u64;
        summary.failed += self.failed;
        Ok(())
    }
}

/// The next physical line without its line ending: `None` at the end of input; the line, or
/// why it is not one (not UTF-8, too long).
pub(crate) fn read_line(input: &mut impl BufRead) -> std::io::Result<Option<Result<String, String>>> {
    let mut bytes = Vec::new();
    Ok(read_line_into(input, &mut bytes)?
        .map(|read| read.and_then(|()| String::from_utf8(bytes).map_err(|e| not_utf8(e.utf8_error())))))
}

/// The next physical line's bytes without its line ending, into `bytes` (its room reused):
/// `None` at the end of input; why it is not a line if it is longer than the limit.
fn read_line_into(input: &mut impl BufRead, bytes: &mut Vec<u8>) -> std::io::Result<Option<Result<(), String>>> {
    bytes.clear();
    if std::io::Read::take(&mut *input, MAX_LINE_BYTES + 1).read_until(b'\n', bytes)? == 0 {
        return Ok(None);
    }
    if !bytes.ends_with(b"\n") && bytes.len() as u64 > MAX_LINE_BYTES {
        bytes.clear();
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
    Ok(Some(Ok(())))
}

/// Whether a line is white space only (`str::trim` would leave nothing), deciding at its
/// first character past ASCII white space: a fact set's `{` ends the question at once.
fn blank(line: &[u8]) -> bool {
    match line.trim_ascii_start().first() {
        None => true,
        Some(b) if b.is_ascii() && !char::from(*b).is_whitespace() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|l| l.trim().is_empty()),
    }
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
    use crate::output::Detail;
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
    fn a_line_is_blank_as_str_trim_says() {
        for line in ["", "  \t", "\u{3000}", " \u{3000}\u{85} ", "\u{b}", "\u{c}\r"] {
            assert!(blank(line.as_bytes()), "{line:?}");
        }
        for line in ["{}", " {", "\u{3000}x", "\u{a0}\u{3000}{", "\u{b}1"] {
            assert!(!blank(line.as_bytes()), "{line:?}");
        }
        // Not UTF-8 is not blank: it is that line's error.
        assert!(!blank(b" \xff"));
    }

    impl Held for String {
        fn held(&self) -> usize {
            self.len()
        }
    }

    /// A writer that counts the result lines written through it.
    struct Counting<'a>(&'a std::cell::Cell<usize>);

    impl Write for Counting<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + buf.iter().filter(|&&b| b == b'\n').count());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_lines_in_flight_never_pass_the_bound() {
        let loaded = compile(vec![Source::new("p.policy", RULE)]);
        let Some(program) = loaded.as_ref().ok().map(|l| &l.program) else { return assert!(loaded.is_ok()) };
        let total = 300;
        for (chunk, threads, detail) in [
            (1, 1, Detail::Full),
            (3, 2, Detail::Awards),
            (7, 3, Detail::Full),
            (64, 2, Detail::Full),
            (64, 1, Detail::Awards),
        ] {
            let options = Options { as_of: NaiveDate::from_ymd_opt(2025, 6, 30), threads, chunk, detail };
            let (written, mut read, mut most) = (std::cell::Cell::new(0), 0, 0);
            let next = |slot: &mut Result<String, String>| {
                if read == total {
                    return Ok(None);
                }
                read += 1;
                most = most.max(read - written.get());
                *slot = Ok(format!("{{\"enterprise\": [{{\"id\": \"E{read}\", \"rd_cost\": {read}00}}]}}"));
                Ok(Some(read as u64))
            };
            let facts = |line: &Result<String, String>, number: u64, facts: &mut Facts| {
                *facts = read_facts(program, line.as_deref().map_err(|why| vec![why.clone()])?, number)?;
                Ok(())
            };
            let summary = run_sets(program, next, facts, Counting(&written), &options, |_| {}, &AtomicBool::new(false));
            assert_eq!(summary.map(|s| s.lines).ok(), Some(total as u64), "chunk {chunk}, {threads} thread(s)");
            assert_eq!(written.get(), total);
            // The bound is reached, never passed.
            assert_eq!(most, chunk, "chunk {chunk}, {threads} thread(s)");
        }
    }

    #[test]
    fn a_read_error_comes_after_every_line_read_whole_before_it() {
        let loaded = compile(vec![Source::new("p.policy", RULE)]);
        let Some(program) = loaded.as_ref().ok().map(|l| &l.program) else { return assert!(loaded.is_ok()) };
        let lines: String =
            (1..=5).map(|i| format!("{{\"enterprise\": [{{\"id\": \"E{i}\", \"rd_cost\": {i}00}}]}}\n")).collect();
        for threads in [1, 2] {
            let options =
                Options { as_of: NaiveDate::from_ymd_opt(2025, 6, 30), threads, chunk: 64, detail: Detail::Awards };
            let input = std::io::BufReader::new(Failing(std::io::Cursor::new(lines.clone().into_bytes())));
            let mut out = Vec::new();
            let result = run(program, input, &mut out, &options, |_| {});
            assert!(matches!(result, Err(BatchError::Read { line: 5, .. })), "{result:?}");
            // Every line read whole is written, in order, though the last run of lines read
            // (line 5) never filled.
            let written = String::from_utf8(out).unwrap_or_default();
            let numbers: Vec<&str> = written.lines().filter_map(|l| l.rsplit("\"line\":").next()).collect();
            assert_eq!(numbers, ["1}", "2}", "3}", "4}", "5}"], "{written}");
        }
    }
}
