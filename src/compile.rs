//! Compilers: checked rules handed to other tools.
//!
//! * [`to_ir`] / [`from_ir`]: the checked program as versioned JSON (see `docs/IR.md`). A
//!   program loaded from its IR evaluates exactly as the source it came from.
//! * [`facts_schema`]: a JSON Schema (draft 2020-12) of the facts the rules expect, so other
//!   tools can validate input before calling us.

use crate::program::{Program, Schema, Ty};
use miette::Diagnostic;
use serde_json::{json, Map, Value};
use std::io::Write as _;
use thiserror::Error;

/// The IR's `format` field.
pub const IR_FORMAT: &str = "policy-lang/ir";
/// The IR's `version` field. Bumped on any change a reader must know about.
pub const IR_VERSION: u64 = 3;

/// An IR document that cannot be loaded.
#[derive(Debug, Error, Diagnostic)]
pub enum IrError {
    /// Not JSON, or not the shape of a program.
    #[error("the IR is not readable: {0}")]
    #[diagnostic(code(ir::unreadable), help("load a file written by `policy compile --target json`"))]
    Unreadable(String),
    /// `{"format": "something-else", …}`
    #[error("this is not policy-lang IR (format `{0}`)")]
    #[diagnostic(code(ir::format), help("the IR's `format` field is `policy-lang/ir`"))]
    Format(String),
    /// An IR written by a newer (or older) policy-lang.
    #[error("IR version {found} cannot be read; this policy-lang reads version {expected}")]
    #[diagnostic(code(ir::version), help("compile the rules again with this version of policy-lang"))]
    Version {
        /// The version the IR declares.
        found: u64,
        /// The version this build reads, [`IR_VERSION`].
        expected: u64,
    },
    /// Indices that point nowhere (a hand-edited or corrupted IR).
    #[error("the IR is inconsistent: {0}")]
    #[diagnostic(code(ir::inconsistent), help("compile the rules again rather than editing the IR"))]
    Inconsistent(String),
}

/// The IR document: serialized straight from the program, never through a `Value` tree,
/// which for 100k rules would take gigabytes.
#[derive(serde::Serialize)]
struct Envelope<'a> {
    format: &'a str,
    version: u64,
    program: &'a Program,
    /// Derived, for readers: the facts each rule reads (ignored when loading).
    facts_needed: Vec<crate::needs::RuleNeeds>,
}

/// The IR's header, read before its body so a foreign or newer file is named as such.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    format: Value,
    #[serde(default)]
    version: Value,
}

/// The IR's body.
#[derive(serde::Deserialize)]
struct Body {
    program: Program,
}

fn envelope(program: &Program) -> Envelope<'_> {
    Envelope { format: IR_FORMAT, version: IR_VERSION, program, facts_needed: crate::needs::facts_needed(program) }
}

/// The program as versioned JSON.
pub fn to_ir(program: &Program) -> Value {
    serde_json::to_value(envelope(program)).unwrap_or(Value::Null)
}

/// Writes the IR, pretty-printed and ending in a newline, as `policy compile` does: the
/// same text as `to_ir`, written as it is made.
pub fn write_ir(program: &Program, out: impl std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &envelope(program))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Loads a program from its IR.
pub fn from_ir(text: &str) -> Result<Program, IrError> {
    let unreadable = |e: serde_json::Error| IrError::Unreadable(e.to_string());
    let header: Header = serde_json::from_str(text).map_err(unreadable)?;
    let format = header.format.as_str().unwrap_or("");
    if format != IR_FORMAT {
        return Err(IrError::Format(format.to_string()));
    }
    let version = header.version.as_u64().unwrap_or(0);
    if version != IR_VERSION {
        return Err(IrError::Version { found: version, expected: IR_VERSION });
    }
    let program = serde_json::from_str::<Body>(text).map_err(unreadable)?.program;
    validate(&program)?;
    Ok(program)
}

/// Every index in the program points at something.
fn validate(program: &Program) -> Result<(), IrError> {
    let kinds = program.schema.kinds.len();
    let bad = |what: String| Err(IrError::Inconsistent(what));
    for kind in &program.schema.kinds {
        if kind.parent.is_some_and(|p| p >= kinds) {
            return bad(format!("entity `{}` has an owner that does not exist", kind.name));
        }
        for field in &kind.fields {
            match field.ty {
                Ty::List(k) if k >= kinds => return bad(format!("field `{}` lists an unknown entity", field.name)),
                Ty::Enum(e) if e >= program.schema.enums.len() => {
                    return bad(format!("field `{}` has an unknown enum", field.name));
                }
                _ => {}
            }
        }
    }
    for rule in &program.rules {
        if rule.kind >= kinds || rule.policy >= program.policies.len() {
            return bad(format!("rule `{}` names an unknown entity or policy", rule.id));
        }
        let exprs = rule.conditions.iter().map(|c| &c.expr).chain(&rule.on).chain([&rule.reward]).chain(&rule.once_per);
        if exprs.into_iter().any(|e| calls_beyond(e, program.schedules.len())) {
            return bad(format!("rule `{}` calls a schedule that does not exist", rule.id));
        }
    }
    // A schedule calls only those listed before it, so no call loops, and not too deep.
    let mut nesting = Vec::new();
    for (i, schedule) in program.schedules.iter().enumerate() {
        if calls_beyond(&schedule.body, i) {
            return bad(format!("schedule `{}` calls itself or one listed after it", schedule.name));
        }
        nesting.push(schedule.body.nesting(&nesting) + 1);
        if nesting.last().is_some_and(|&n| n > crate::program::MAX_NESTING) {
            return bad(format!("schedule `{}` uses schedules nested too deep", schedule.name));
        }
    }
    let rules = program.rules.len();
    for (what, id, members, scope) in program
        .pools
        .iter()
        .map(|p| ("pool", &p.id, &p.members, p.scope))
        .chain(program.stacks.iter().map(|s| ("stack", &s.id, &s.members, s.scope)))
    {
        if members.iter().any(|&m| m >= rules) || scope >= kinds {
            return bad(format!("{what} `{id}` names an unknown rule or entity"));
        }
    }
    Ok(())
}

/// True if `e` calls a schedule at index `limit` or beyond.
fn calls_beyond(e: &crate::program::Expr, limit: usize) -> bool {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        if let crate::program::Expr::Call { schedule, .. } = e {
            if *schedule >= limit {
                return true;
            }
        }
        stack.extend(e.children());
    }
    false
}

/// A JSON Schema (draft 2020-12) of the fact sets this program reads.
pub fn facts_schema(program: &Program) -> Value {
    let schema = &program.schema;
    let mut defs = Map::new();
    defs.insert(
        "money".into(),
        json!({
            "description": "yuan: a number, or a string such as \"1200万\", \"1.5亿\", \"4,000,000\"",
            "oneOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9][0-9_,]*(\\.[0-9]+)?\\s*(万|亿)?元?\\s*$" }
            ]
        }),
    );
    defs.insert(
        "rate".into(),
        json!({
            "description": "a fraction (0.25), or a string such as \"25%\" or \"5‰\"",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*(%|‰)\\s*$" }
            ]
        }),
    );
    defs.insert(
        "date".into(),
        json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
    );
    defs.insert(
        "duration".into(),
        json!({ "type": "string", "pattern": "^\\s*[0-9]+\\s*(years?|months?|days?)\\s*$" }),
    );
    defs.insert(
        "id".into(),
        json!({
            "description": "names the entity in results; unique within its list",
            "oneOf": [ { "type": "string", "minLength": 1, "pattern": "^[^.]+$" }, { "type": "integer" } ]
        }),
    );
    defs.insert(
        "grant".into(),
        json!({
            "description": "a grant already paid",
            "type": "object",
            "description": "A grant already made. `year` (the year it is for, not the year paid) is required for rules paid yearly and pools counted per year; `key` for `once per` rules; `rule` when the policy is loaded.",
            "properties": {
                "policy": { "type": "string", "minLength": 1, "description": "the policy it was granted under" },
                "rule": { "type": "string", "minLength": 1, "description": "the rule it was granted under" },
                "entity": { "type": "string", "minLength": 1, "description": "the entity's path, e.g. enterprise.E1.drugs.D1" },
                "year": {
                    "anyOf": [{ "type": "integer", "minimum": 1000, "maximum": 9999 }, { "type": "string", "pattern": "^[0-9]{4}$" }],
                    "description": "the year the grant is for"
                },
                "key": { "type": ["string", "number", "boolean", "null"], "description": "what a `once per` grant was for" },
                "date": { "$ref": "#/$defs/date", "description": "the date it was paid" },
                "amount": { "$ref": "#/$defs/money" },
                "payers": { "type": "object", "additionalProperties": { "$ref": "#/$defs/money" }, "description": "each payer's part" },
                "issuer": { "type": "string", "description": "the issuing government, for policies not loaded (苏州市)" },
                "level": { "type": "string", "description": "the level that paid (city, district)" }
            },
            "required": ["policy", "entity", "date", "amount"],
            "additionalProperties": false
        }),
    );
    for e in &schema.enums {
        defs.insert(format!("enum.{}", e.name), json!({ "enum": e.variants }));
    }
    for kind in &schema.kinds {
        defs.insert(format!("entity.{}", kind.name), entity_schema(schema, kind));
    }
    let mut properties = Map::new();
    properties.insert("as_of".into(), json!({ "$ref": "#/$defs/date" }));
    properties.insert("ledger".into(), json!({ "type": "array", "items": { "$ref": "#/$defs/grant" } }));
    for (_, kind) in schema.roots() {
        properties.insert(
            kind.name.clone(),
            json!({ "type": "array", "items": { "$ref": format!("#/$defs/entity.{}", kind.name) } }),
        );
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "facts for policy-lang rules",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "$defs": defs,
    })
}

fn entity_schema(schema: &Schema, kind: &crate::program::KindDef) -> Value {
    let mut properties = Map::new();
    properties.insert("id".into(), json!({ "$ref": "#/$defs/id" }));
    let mut required = vec![Value::from("id")];
    for field in &kind.fields {
        let ty = match field.ty {
            Ty::Money => json!({ "$ref": "#/$defs/money" }),
            Ty::Rate => json!({ "$ref": "#/$defs/rate" }),
            Ty::Number => json!({ "type": "number" }),
            Ty::Count => json!({ "type": "integer", "minimum": 0 }),
            Ty::Date => json!({ "$ref": "#/$defs/date" }),
            Ty::Duration => json!({ "$ref": "#/$defs/duration" }),
            Ty::Bool => json!({ "type": "boolean" }),
            Ty::Text => json!({ "type": "string" }),
            Ty::Enum(e) => {
                json!({ "$ref": format!("#/$defs/enum.{}", schema.enums.get(e).map_or("", |e| e.name.as_str())) })
            }
            Ty::List(k) => json!({
                "type": "array",
                "items": { "$ref": format!("#/$defs/entity.{}", schema.kinds.get(k).map_or("", |k| k.name.as_str())) }
            }),
            _ => json!({}),
        };
        let ty = if field.optional { json!({ "anyOf": [ty, { "type": "null" }] }) } else { ty };
        if !field.optional {
            required.push(Value::from(field.name.clone()));
        }
        properties.insert(field.name.clone(), ty);
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}
