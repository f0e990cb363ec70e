//! The facts JSON Schema: what a fact set must look like for these rules, so other tools
//! can validate input before calling us.

use crate::program::{Program, Schema, Ty};
use serde_json::{json, Map, Value};

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
        defs.insert(format!("enum.{}", e.name), labelled(json!({ "enum": e.variants }), e.label.as_deref()));
    }
    for kind in &schema.kinds {
        defs.insert(format!("entity.{}", kind.name), labelled(entity_schema(schema, kind), kind.label.as_deref()));
    }
    let mut properties = Map::new();
    properties.insert("as_of".into(), json!({ "$ref": "#/$defs/date" }));
    properties.insert("ledger".into(), json!({ "type": "array", "items": { "$ref": "#/$defs/grant" } }));
    for (_, kind) in schema.roots() {
        properties
            .insert(kind.name.clone(), json!({ "type": "array", "items": { "$ref": def_ref("entity", &kind.name) } }));
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
                json!({ "$ref": def_ref("enum", schema.enums.get(e).map_or("", |e| e.name.as_str())) })
            }
            Ty::List(k) => json!({
                "type": "array",
                "items": { "$ref": def_ref("entity", schema.kinds.get(k).map_or("", |k| k.name.as_str())) }
            }),
            _ => json!({}),
        };
        let mut ty = if field.optional { json!({ "anyOf": [ty, { "type": "null" }] }) } else { ty };
        if let (Some(default), Some(map)) = (&field.default, ty.as_object_mut()) {
            map.insert("default".into(), default_json(schema, field.ty, default));
        }
        if !field.optional {
            required.push(Value::from(field.name.clone()));
        }
        properties.insert(field.name.clone(), labelled(ty, field.label.as_deref()));
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

/// `schema` with an item's `///` label: its first line as the `title`, the whole as the
/// `description`, as editors that read JSON Schema show them.
fn labelled(mut schema: Value, label: Option<&str>) -> Value {
    if let (Some(label), Some(map)) = (label, schema.as_object_mut()) {
        map.insert("title".into(), Value::from(label.lines().next().unwrap_or_default()));
        map.insert("description".into(), Value::from(label));
    }
    schema
}

/// A field's default as the facts would give it: a number, `true`/`false`, a date, an enum
/// value's name.
fn default_json(schema: &Schema, ty: Ty, value: &crate::program::Value) -> Value {
    use crate::program::Value as V;
    match value {
        V::Dec(d) => serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null),
        V::Bool(b) => Value::Bool(*b),
        V::Date(d) => Value::String(d.to_string()),
        V::Duration(d) => Value::String(d.to_string()),
        V::Text(t) => Value::String(t.to_string()),
        V::Enum(_) => Value::String(schema.show(value, ty, crate::amounts::money)),
        _ => Value::Null,
    }
}

/// `#/$defs/entity.企业` as a URI reference may hold it: a name's bytes other than ASCII
/// letters, digits, `-`, `.` and `_` percent-encoded (`entity.%E4%BC%81%E4%B8%9A`), which a
/// validator decodes back to the `$defs` key.
fn def_ref(prefix: &str, name: &str) -> String {
    let mut out = format!("#/$defs/{prefix}.");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
