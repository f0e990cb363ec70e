//! The IR: checked rules handed to other tools.
//!
//! * [`write`](fn@write) / [`to_json`] / [`read`]: the checked program as versioned JSON of its own
//!   types ([`types`], described in `docs/IR.md`): names rather than indices, amounts with
//!   their unit, no spans. A program read from its IR evaluates exactly as its source.
//! * [`schema`]: the JSON Schema of the IR, derived from [`types`] (`docs/ir.schema.json`).
//! * [`facts_schema`]: a JSON Schema of the facts the rules expect, so other tools can
//!   validate input before calling us.

mod facts_schema;
mod from_program;
mod to_program;
pub mod types;

pub use facts_schema::facts_schema;

use crate::program::Program;
use miette::Diagnostic;
use serde_json::Value;
use std::io::Write as _;
use thiserror::Error;

/// The IR's `format` field.
pub const FORMAT: &str = "policy-lang/ir";
/// The IR's `version` field. Bumped on any change a reader must know about. Versions 1 and
/// 2 were serde dumps of the engine's internal program; 3 is the first of its own types.
pub const VERSION: u64 = 3;

/// An IR document that cannot be read.
#[derive(Debug, Error, Diagnostic)]
pub enum IrError {
    /// Not JSON, or not the shape of the IR: `{"format": "policy-lang/ir", "version": 3}`.
    #[error("the IR is not readable: {0}")]
    #[diagnostic(
        code(ir::unreadable),
        help("load a file written by `policy compile --target json`; `docs/ir.schema.json` says where a document departs from the IR")
    )]
    Unreadable(String),
    /// `{"format": "something-else", …}`
    #[error("this is not policy-lang IR (format `{0}`)")]
    #[diagnostic(code(ir::format), help("the IR's `format` field is `policy-lang/ir`"))]
    Format(String),
    /// `{"format": "policy-lang/ir", "version": 2, …}`: written before the IR had types of
    /// its own.
    #[error("IR version {found} was a dump of policy-lang's internals and is no longer read; this policy-lang reads version {expected}")]
    #[diagnostic(
        code(ir::old_version),
        help("compile the rules again from their source: `policy compile --target json <rule paths>`")
    )]
    Old {
        /// The version the IR declares, 1 or 2.
        found: u64,
        /// The version this build reads, [`VERSION`].
        expected: u64,
    },
    /// An IR written by a newer policy-lang.
    #[error("IR version {found} cannot be read; this policy-lang reads version {expected}")]
    #[diagnostic(code(ir::version), help("compile the rules again with this version of policy-lang"))]
    Version {
        /// The version the IR declares.
        found: u64,
        /// The version this build reads, [`VERSION`].
        expected: u64,
    },
    /// A name that points nowhere: `{"fact": "rd_cost"}` in a rule whose entity has no
    /// `rd_cost` (a hand-edited or corrupted IR).
    #[error("the IR is inconsistent: {0}")]
    #[diagnostic(code(ir::inconsistent), help("compile the rules again rather than editing the IR"))]
    Inconsistent(String),
}

/// The program as an IR document.
pub fn document(program: &Program) -> types::Document {
    from_program::document(program)
}

/// The program as versioned JSON.
pub fn to_json(program: &Program) -> Value {
    serde_json::to_value(document(program)).unwrap_or(Value::Null)
}

/// Writes the IR, pretty-printed and ending in a newline, as `policy compile` does: the
/// same text as [`to_json`], each rule written as it is converted.
pub fn write(program: &Program, out: impl std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &from_program::Streamed(program))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The IR's header, read before its body so a foreign, older or newer file is named as such.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    format: Value,
    #[serde(default)]
    version: Value,
}

/// How deeply the IR may nest: an expression as deep as the parser allows (200 levels) with
/// a table at each level, and the envelope around it. serde_json's own limit (128) is too
/// shallow for what we write, so it is lifted and this one kept instead.
const MAX_NESTING: usize = 1024;

/// The deepest nesting of arrays and objects in `text`, counted outside strings.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Parses `text` as `T` without serde_json's recursion limit (see [`MAX_NESTING`]).
fn parse<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, IrError> {
    let unreadable = |e: serde_json::Error| IrError::Unreadable(e.to_string());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer).map_err(unreadable)?;
    deserializer.end().map_err(unreadable)?;
    Ok(value)
}

/// The stack `read` runs on: enough for [`MAX_NESTING`] levels in a debug build (about 30 MB
/// at 1000 levels), whatever stack the caller has. It is reserved, not used, until needed.
const READ_STACK: usize = 128 << 20;

/// Reads a program from its IR, resolving every name. The reading runs on a thread of its
/// own with a deep stack, so an IR as deep as any the engine writes never overflows the
/// caller's.
pub fn read(text: &str) -> Result<Program, IrError> {
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new().name("ir-read".into()).stack_size(READ_STACK);
        match reader.spawn_scoped(scope, || read_here(text)) {
            Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: read on this one, which suffices for any IR of real rules.
            Err(_) => read_here(text),
        }
    })
}

fn read_here(text: &str) -> Result<Program, IrError> {
    let deepest = nesting(text);
    if deepest > MAX_NESTING {
        return Err(IrError::Unreadable(format!(
            "it nests {deepest} levels deep; the IR never nests beyond {MAX_NESTING}"
        )));
    }
    let header: Header = parse(text)?;
    let format = header.format.as_str().unwrap_or("");
    if format != FORMAT {
        return Err(IrError::Format(format.to_string()));
    }
    match header.version.as_u64().unwrap_or(0) {
        VERSION => {}
        found @ (1 | 2) => return Err(IrError::Old { found, expected: VERSION }),
        found => return Err(IrError::Version { found, expected: VERSION }),
    }
    let document: types::Document = parse(text)?;
    to_program::program(document.program)
}

/// The JSON Schema (draft 2020-12) of the IR, derived from its types; `docs/ir.schema.json`
/// is this, committed.
pub fn schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().for_serialize().into_generator();
    generator.into_root_schema_for::<types::Document>().to_value()
}
