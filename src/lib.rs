#![warn(missing_docs)]
//! policy-lang: an exact, explainable language for government subsidy policies.
//!
//! Policies are written as rules that read like the text they encode, checked against a
//! schema of facts, and evaluated against the facts of real enterprises. Every amount is an
//! exact decimal, and every award comes with a trace that explains it.
//!
//! The whole pipeline, from source text to explained awards:
//!
//! ```
//! use policy_lang::{compile, Source};
//!
//! # fn main() -> miette::Result<()> {
//! let rules = r#"
//!     schema {
//!       entity enterprise { rd_cost: money }
//!     }
//!     policy demo { issued 2024-01-01 }
//!     rule R1 for enterprise {
//!       cite "第一条"
//!       on as_of
//!       reward 20% of rd_cost max 4_000_000 per_year_cap 10_000_000
//!       yearly
//!     }
//! "#;
//! let program = compile(vec![Source::new("demo.policy", rules)])?.program;
//! let facts = program.facts("facts.json", r#"{"enterprise": [{"id": "E1", "rd_cost": "3000万"}]}"#)?;
//! let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default();
//! let result = program.evaluate(&facts, as_of)?;
//!
//! let award = &result.awards[0];
//! assert_eq!(award.amount().map(|a| a.to_string()).as_deref(), Some("4000000.00"));
//! assert_eq!(award.trace.lines(), [
//!     "20% of rd_cost: 20% × 30,000,000 = 6,000,000",
//!     "max 4,000,000: 6,000,000 → 4,000,000 (capped)",
//!     "per_year_cap 10,000,000 for enterprise.E1 in 2024: 0 already awarded, room 10,000,000 → within the cap",
//! ]);
//! # Ok(())
//! # }
//! ```
//!
//! Load once, evaluate many: a [`Program`] is immutable, so one loaded program serves any
//! number of fact sets (and threads). `examples/embed.rs` shows a whole embedding.
//!
//! # Loading the IR instead of source
//!
//! A checked program saves as versioned JSON ([`ir::to_json`], described in `docs/IR.md`)
//! and loads again without its source or the checker ([`ir::read`]). It evaluates
//! exactly as the source does:
//!
//! ```
//! use policy_lang::{compile, ir, output, Source};
//!
//! # fn main() -> miette::Result<()> {
//! let rules = r#"
//!     schema { entity enterprise { rd_cost: money } }
//!     policy demo { issued 2024-01-01 }
//!     rule R1 for enterprise { on as_of yearly reward up_to 20% of rd_cost max 400万 }
//! "#;
//! let program = compile(vec![Source::new("demo.policy", rules)])?.program;
//! let text = ir::to_json(&program).to_string(); // store it, ship it
//! let loaded = ir::read(&text)?;                // no source, no checking
//!
//! let json = r#"{"enterprise": [{"id": "E1", "rd_cost": "1000万"}]}"#;
//! let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default();
//! // Each program reads the facts against its own schema; an evaluation borrows them.
//! let (facts, loaded_facts) = (program.facts("facts.json", json)?, loaded.facts("facts.json", json)?);
//! let from_source = program.evaluate(&facts, as_of)?;
//! let from_ir = loaded.evaluate(&loaded_facts, as_of)?;
//!
//! assert_eq!(output::json(&from_source), output::json(&from_ir));
//! assert_eq!(from_ir.awards[0].kind().to_string(), "up_to");
//! assert_eq!(from_ir.awards[0].max().map(|m| m.to_string()).as_deref(), Some("2000000.00"));
//! # Ok(())
//! # }
//! ```
//!
//! # Modules
//!
//! The stages, data flowing one way (a module uses those before it, never after):
//!
//! | module | in → out | error |
//! |---|---|---|
//! | [`syntax`] | text → [`ast`], a tree with spans whose `Display` is the canonical form | [`SyntaxError`](syntax::SyntaxError) |
//! | [`check`] | trees → [`program`], the checked IR: names resolved, types settled | [`CheckError`](check::CheckError) |
//! | [`facts`] | JSON → entities, checked against the schema, numbers read exactly | [`FactsError`](facts::FactsError) |
//! | [`eval`] | program + facts → [`Evaluation`]: awards, traces, reasons, totals | [`EvalError`](eval::EvalError) |
//! | [`output`] | evaluations → tables and JSON; errors → rendered diagnostics | – |
//!
//! Beside them: [`ir`] (the versioned JSON IR, its JSON Schema, and a JSON Schema of the facts),
//! [`format`](mod@format) (the canonical layout, comments kept), [`testing`] (the `test`
//! items written next to rules), [`diagnostic`] (attaching source files to errors),
//! [`amounts`] (showing and rounding money), [`repl`], [`batch`] (JSON Lines at scale),
//! [`population`] (synthetic fact sets), [`walk`] (finding `.policy` files without
//! following links), [`provenance`] (hashes of the rules in every answer),
//! [`decision_log`] (an audit line per decision, and its replay), [`needs`] (the facts each
//! rule reads), [`tabular`] (facts from CSV and workbooks, awards to CSV and workbooks). Every
//! input is read by [`read_input`] (bounded, regular files only).
//!
//! The entry points are here: [`compile()`] and [`load`] (source → [`Loaded`]),
//! [`Program::facts`] and [`Program::evaluate`]. They fail with an [`Error`](enum@Error) per
//! problem, by stage, and the calls that can find many at once return them all as
//! [`Errors`]. The IR and the formatter have errors of their own
//! ([`IrError`](ir::IrError), [`FormatError`](format::FormatError)). Bad input is an
//! error, never a panic: the crate denies `unwrap`, `expect`, `panic!` and slice indexing.

pub mod amounts;
pub mod ast;
#[cfg(feature = "batch")]
pub mod batch;
pub mod check;
pub mod dates;
pub mod decision_log;
pub mod diagnostic;
pub mod eval;
pub mod facts;
pub mod format;
pub mod fuzzing;
pub mod i18n;
mod io;
pub mod ir;
pub mod needs;
pub mod output;
pub mod population;
pub mod program;
pub mod provenance;
pub mod repl;
#[cfg(feature = "serve")]
pub mod serve;
pub mod syntax;
pub mod tabular;
pub mod terms;
pub mod testing;
pub mod walk;

pub use diagnostic::{Source, Sourced};
pub use eval::{Award, Evaluation, NotApplicable, Total};
pub use io::{
    open_stream, read_input, read_stream, read_text, reason as io_reason, replace_file, MAX_FACTS_BYTES,
    MAX_SOURCE_BYTES,
};
pub use program::{Entitlement, EntitlementKind, Program};

use chrono::NaiveDate;
use miette::Diagnostic;
use std::path::PathBuf;
use thiserror::Error;

/// Anything that can go wrong, by stage. Every variant renders as a miette diagnostic.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// Text that is not a well-formed policy file, with the file it is in.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(Box<Sourced<syntax::SyntaxError>>),
    /// Rules that do not check (or a warning about them), with the file they are in.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(Box<Sourced<check::CheckError>>),
    /// A fact set that does not fit the schema, with its text.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Facts(Box<Sourced<facts::FactsError>>),
    /// Arithmetic that cannot be done exactly, naming the rule and entity.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(eval::EvalError),
    /// `--explain enterprise.E9` when the facts have no such entity.
    #[error("{}", t!("eval-unknown-entity", entity = diagnostic::quote(.entity).to_string()))]
    #[diagnostic(code(eval::unknown_entity), help("{}", t!("eval-unknown-entity-help", roots = .roots)))]
    NoSuchEntity {
        /// The path asked for.
        entity: String,
        /// The top-level entities the facts do have, for the help.
        roots: String,
    },
    /// The diagnostics past the first [`MAX_PER_CODE`] of one code in one file, counted.
    #[error("{}", t!("diagnostics-omitted", more = *.more, code = .code, file = .file))]
    #[diagnostic(
        code(diagnostics::omitted),
        severity(Advice),
        help("{}", t!("diagnostics-omitted-help", count = MAX_PER_CODE))
    )]
    Omitted {
        /// The code repeated.
        code: String,
        /// The file it was found in.
        file: String,
        /// How many were left out.
        more: usize,
        /// Whether those left out are warnings.
        warnings: bool,
    },

    /// CSV files that cannot become facts.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Table(tabular::TableError),
    /// A file or folder that cannot be read.
    #[error("{}", t!("io-read", path = .path, message = .message))]
    #[diagnostic(code(io::read), help("{}", t!("io-read-help")))]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        message: String,
    },
    /// Output that cannot be written (a full disk, a closed file).
    #[error("{}", t!("io-write", path = .path, message = .message))]
    #[diagnostic(code(io::write), help("{}", t!("io-write-help")))]
    Write {
        /// Where the output was going: a path, or `standard output`.
        path: String,
        /// The operating system's reason.
        message: String,
    },
    /// A file or folder passed over while searching a folder (a symbolic link, a loop).
    #[error("{}", t!("io-skipped", path = .path, reason = .reason))]
    #[diagnostic(code(io::skipped), severity(Warning))]
    Skipped {
        /// The path passed over.
        path: String,
        /// Why it was not read.
        reason: String,
    },
}

impl Error {
    /// True for findings that do not stop the program from running: a diagnostic of
    /// severity `Warning`, or a count of left-out warnings.
    pub fn is_warning(&self) -> bool {
        match self {
            Error::Omitted { warnings, .. } => *warnings,
            _ => self.severity() == Some(miette::Severity::Warning),
        }
    }

    /// How many findings this stands for: the count left out for [`Error::Omitted`], else 1.
    pub fn count(&self) -> usize {
        match self {
            Error::Omitted { more, .. } => *more,
            _ => 1,
        }
    }

    /// The file the diagnostic points into, if any.
    pub fn file(&self) -> Option<&Source> {
        match self {
            Error::Syntax(s) => Some(&s.source),
            Error::Check(s) => Some(&s.source),
            Error::Facts(s) => Some(&s.source),
            Error::Eval(_)
            | Error::Io { .. }
            | Error::Write { .. }
            | Error::Skipped { .. }
            | Error::NoSuchEntity { .. }
            | Error::Omitted { .. }
            | Error::Table(_) => None,
        }
    }
}

/// Every error found in one go: each stage collects all it can before giving up.
#[derive(Debug, Error)]
#[error("{} error(s)", .0.len())]
pub struct Errors(pub Vec<Error>);

impl Diagnostic for Errors {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.0.iter().map(|e| e as &dyn Diagnostic)))
    }
}

impl std::ops::Deref for Errors {
    type Target = [Error];
    fn deref(&self) -> &[Error] {
        &self.0
    }
}

/// At most this many diagnostics of one code are kept per file. A generated file can hold a
/// million copies of one fault; its report stays readable and its memory bounded.
pub const MAX_PER_CODE: usize = 10;

/// Keeps the first [`MAX_PER_CODE`] diagnostics of each code in each file and appends one
/// [`Error::Omitted`] per code that had more.
pub fn cap(errors: Vec<Error>) -> Vec<Error> {
    let mut counts: Vec<((String, String), usize, bool)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut kept = Vec::new();
    for error in errors {
        let file = error.file().map(|s| s.name.clone()).unwrap_or_default();
        let key = (file, error.code().map(|c| c.to_string()).unwrap_or_default());
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            counts.push((key, 0, error.is_warning()));
            counts.len() - 1
        });
        let Some((_, seen, _)) = counts.get_mut(slot) else { continue };
        *seen += 1;
        if *seen <= MAX_PER_CODE {
            kept.push(error);
        }
    }
    let omitted = counts.into_iter().filter(|(_, n, _)| *n > MAX_PER_CODE);
    kept.extend(omitted.map(|((file, code), n, warnings)| Error::Omitted {
        code,
        file,
        more: n - MAX_PER_CODE,
        warnings,
    }));
    kept
}

/// A checked program and the warnings found while checking it (errors are the `Err` side of
/// [`compile()`] and [`load`]).
#[derive(Debug)]
pub struct Loaded {
    /// The checked program: evaluate it as often as you like.
    pub program: Program,
    /// Findings that do not stop evaluation (overlapping or gapped tiers); each is an
    /// [`Error::Check`] whose [`Error::is_warning`] is true.
    pub warnings: Vec<Error>,
    /// Warnings the source answers with `acknowledge`: kept apart, not printed.
    pub acknowledged: Vec<Acknowledged>,
}

/// A warning that a rule, pool or stack answers with `acknowledge <warning> "reason"`.
#[derive(Debug)]
pub struct Acknowledged {
    /// The warning, with the file it is in.
    pub warning: Error,
    /// The rule, pool or stack it is about: "rule `WX-11a`".
    pub item: String,
    /// The reason written beside it.
    pub reason: String,
}

/// Parses and checks source files together. Returns every error (and warning) found, in the
/// sources' order. Several files are parsed side by side, on short-lived threads up to one a
/// core, the calling thread among them.
pub fn compile(sources: Vec<Source>) -> Result<Loaded, Errors> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    let files = parse_each(&sources);
    for (source, file) in sources.into_iter().zip(files) {
        match file {
            Ok(file) => parsed.push((source, file)),
            Err(es) => errors.extend(es.into_iter().map(|e| Error::Syntax(Box::new(Sourced::new(e, &source))))),
        }
    }
    match check::check(&parsed) {
        Ok(loaded) if errors.is_empty() => Ok(loaded),
        Ok(_) => Err(Errors(cap(errors))),
        Err(Errors(found)) => {
            // The checker's counts of what it left out come last.
            let (notes, found): (Vec<Error>, Vec<Error>) =
                found.into_iter().partition(|e| matches!(e, Error::Omitted { .. }));
            errors.extend(found);
            let mut errors = cap(errors);
            errors.extend(notes);
            Err(Errors(errors))
        }
    }
}

/// Each source parsed, in the sources' order. Parsing is most of loading and files parse
/// independently, so they are shared among as many threads as the machine has cores, the
/// largest files first, the calling thread taking its turn.
fn parse_each(sources: &[Source]) -> Vec<Result<ast::File, Vec<syntax::SyntaxError>>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(sources.len());
    let mut order: Vec<(usize, &Source)> = sources.iter().enumerate().collect();
    order.sort_by_key(|(_, source)| std::cmp::Reverse(source.text.len()));
    let next = AtomicUsize::new(0);
    let lang = i18n::lang();
    // Parses the next file not yet taken until none is left, writing messages in the
    // caller's language.
    let work = || {
        i18n::with_lang(lang, || {
            let mut done = Vec::new();
            while let Some(&(at, source)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                done.push((at, syntax::parse(&source.text)));
            }
            done
        })
    };
    let mut parsed = std::thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().stack_size(PARSE_STACK).spawn_scoped(scope, work).ok())
            .collect();
        let mut parsed = work();
        for helper in helpers {
            parsed.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        parsed
    });
    // Every file was taken by exactly one thread: back in the sources' order.
    parsed.sort_unstable_by_key(|(at, _)| *at);
    parsed.into_iter().map(|(_, file)| file).collect()
}

/// A parsing thread's stack: a main thread's, as deep nesting within the limits needs.
const PARSE_STACK: usize = 8 << 20;

/// The `.policy` files named by `paths`: files as given, folders searched recursively in
/// name order (links not followed; [`walk::find`] also says what was skipped).
pub fn policy_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Errors> {
    walk::find(paths).map(|found| found.files)
}

/// Reads `.policy` files (folders are searched recursively, in name order) and compiles them.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, Errors> {
    let walk::Found { files, skipped } = walk::find(paths)?;
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for file in files {
        match read_text(&file, MAX_SOURCE_BYTES) {
            Ok(text) => sources.push(Source::new(file.display().to_string(), text)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    match compile(sources) {
        Ok(mut loaded) => {
            loaded.warnings.splice(0..0, skipped);
            Ok(loaded)
        }
        Err(Errors(errors)) => Err(Errors(skipped.into_iter().chain(errors).collect())),
    }
}

impl Program {
    /// Reads a JSON fact set against this program's schema; `name` labels its diagnostics.
    pub fn facts(&self, name: &str, json: &str) -> Result<facts::Facts, Errors> {
        facts::parse(json, self).map_err(|errors| {
            let source = Source::new(name, json);
            Errors(cap(errors.into_iter().map(|e| Error::Facts(Box::new(Sourced::new(e, &source)))).collect()))
        })
    }

    /// Evaluates every rule against every entity, on the date `as_of`. The evaluation
    /// borrows the program's names and the facts' entity paths.
    pub fn evaluate<'p>(&'p self, facts: &'p facts::Facts, as_of: NaiveDate) -> Result<Evaluation<'p>, Error> {
        eval::evaluate(self, facts, as_of, true).map_err(Error::Eval)
    }

    /// Evaluates for the awards alone, as population-scale runs want: the same awards,
    /// amounts and totals as [`Program::evaluate`], without traces, and with no entries for
    /// the rules that do not apply (so nothing is spent explaining them).
    pub fn evaluate_awards<'p>(&'p self, facts: &'p facts::Facts, as_of: NaiveDate) -> Result<Evaluation<'p>, Error> {
        eval::evaluate(self, facts, as_of, false).map_err(Error::Eval)
    }

    /// [`Program::evaluate`] into an evaluation kept between calls, as a batch worker
    /// evaluates: `out` is cleared and refilled, its lists keeping their room (every award's
    /// trace and every reason are still made afresh). After an error `out` is empty. To
    /// refill one fact set between calls, [`Evaluation::recycle`] the evaluation first.
    pub fn evaluate_into<'p>(
        &'p self,
        facts: &'p facts::Facts,
        as_of: NaiveDate,
        out: &mut Evaluation<'p>,
    ) -> Result<(), Error> {
        eval::evaluate_into(self, facts, as_of, true, out).map_err(Error::Eval)
    }

    /// [`Program::evaluate_awards`] into an evaluation kept between calls: `out` is cleared
    /// and refilled, its lists keeping their room, so evaluating one fact set after another
    /// (a population) allocates for the results once. After an error `out` is empty.
    pub fn evaluate_awards_into<'p>(
        &'p self,
        facts: &'p facts::Facts,
        as_of: NaiveDate,
        out: &mut Evaluation<'p>,
    ) -> Result<(), Error> {
        eval::evaluate_into(self, facts, as_of, false, out).map_err(Error::Eval)
    }
}
