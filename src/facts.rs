//! Fact sets: JSON → entities whose fields sit in the slots the checker assigned.
//!
//! The JSON is an object keyed by the schema's top-level entity kinds, each a list of
//! objects with an `id` and the kind's fields; child lists nest inside their owner. An
//! optional `as_of` date sets the evaluation date, and an optional `ledger` lists the grants
//! already paid (for caps over time and one-off rewards). Facts are checked with the same care
//! as rules: every error names its JSON path, and a missing fact is never read as zero.
//!
//! ```json
//! { "as_of": "2024-06-30",
//!   "enterprise": [ { "id": "E1", "name": "…", "drugs": [ { "id": "D1", "rd_cost": "3000万" } ] } ],
//!   "ledger": [ { "policy": "changzhou_2023", "rule": "CZ-03-1a", "entity": "enterprise.E1.drugs.D1",
//!                 "year": 2023, "key": "I", "date": "2024-03-01", "amount": "100万" } ] }
//! ```
//!
//! A ledger row says what a grant was *for* — `year` (a 2023 grant paid in 2024 is for 2023)
//! and, for `once per` rules, `key` — besides the `date` it was paid, the `amount`, and
//! optionally `payers` (each payer's part) and `issuer`/`level` tags for grants under
//! policies that are not loaded (pools claim them with `grants issuer "…"`). A row that lacks
//! what a rule or pool must match it by is an error, never skipped; a row nothing counts is
//! a warning.
//!
//! ```json
//! ```

use crate::diagnostic::quote;
use crate::diagnostic::suggest::help as suggest_help;
use crate::program::{FieldDef, KindId, Program, Schema, Ty, Value};
use crate::t;
use chrono::NaiveDate;
use miette::{Diagnostic, SourceSpan};
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use thiserror::Error;

/// A checked fact set.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// The facts' own evaluation date (`"as_of"`), if they give one.
    pub as_of: Option<NaiveDate>,
    /// Top-level entities, in file order.
    pub roots: Vec<Entity>,
    /// Grants already made, in file order.
    pub ledger: Vec<Grant>,
    /// Findings that do not stop evaluation: ledger rows nothing counts.
    pub warnings: Vec<String>,
}

/// A grant already made: one-off and yearly rules are not paid again for what it was for,
/// pools count it in the period it was for, and stacks top up against it.
#[derive(Clone, Debug)]
pub struct Grant {
    /// Where the row is in the facts, e.g. `$.ledger[3]`, for messages.
    pub at: String,
    /// The policy it was granted under.
    pub policy: String,
    /// The rule that granted it; may be absent for a policy that is not loaded.
    pub rule: Option<String>,
    /// The rule's index in the program, when its policy is loaded.
    pub rule_index: Option<usize>,
    /// The entity's path, as results name it: `enterprise.E1.drugs.D1`.
    pub entity: String,
    /// The year the grant is for (a 2023 grant is often paid in 2024): yearly rules and
    /// per-year pools go by this, never by the payment date.
    pub year: Option<i32>,
    /// The event's key for `once per <key>` rules (e.g. the phase).
    pub key: Option<String>,
    /// The date it was paid.
    pub date: NaiveDate,
    /// What was paid; pools subtract it from the room left.
    pub amount: Decimal,
    /// Who paid which part, when the row says (两级财政).
    pub payers: Vec<(String, Decimal)>,
    /// The issuing government, for grants under policies that are not encoded (`苏州市`).
    pub issuer: Option<String>,
    /// The level of government that paid (`city`, `district`).
    pub level: Option<String>,
}

impl Grant {
    /// True when the pool counts this grant: it was paid under one of the pool's rules, or it
    /// carries every tag of one of the pool's `grants` members.
    pub fn counts_in(&self, pool: &crate::program::Pool) -> bool {
        self.rule_index.is_some_and(|r| pool.members.contains(&r))
            || pool.grants.iter().any(|tags| {
                let is = |want: &Option<String>, have: Option<&str>| want.as_deref().is_none_or(|w| Some(w) == have);
                is(&tags.policy, Some(&self.policy))
                    && is(&tags.issuer, self.issuer.as_deref())
                    && is(&tags.level, self.level.as_deref())
            })
    }
}

/// One entity: its id, a path naming it in results, and its fields by slot.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Its entity kind.
    pub kind: KindId,
    /// The `id` the facts give it, unique among its siblings.
    pub id: Arc<str>,
    /// `enterprise.E1.drugs.D1`
    pub path: Arc<str>,
    /// Its fields, in the order of [`KindDef::fields`](crate::program::KindDef::fields).
    pub slots: Vec<Slot>,
}

/// One field of an entity.
#[derive(Clone, Debug)]
pub enum Slot {
    /// An optional fact not given.
    Missing,
    /// A fact, typed as the schema says.
    Value(Value),
    /// A list field's child entities, in file order.
    Children(Vec<Entity>),
}

/// A fact set that does not fit the schema, or is not JSON.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum FactsError {
    /// `{"enterprise": [` (cut off)
    #[error("{}", t!("facts-json", message = .message))]
    #[diagnostic(code(facts::json), help("{}", t!("facts-json-help", line = .line.to_string(), column = .column.to_string())))]
    Json {
        /// serde_json's message.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// Where the JSON stops making sense.
        #[label("{}", t!("syntax-unexpected-label"))]
        span: SourceSpan,
    },

    /// `"rd_cost": true` where money is expected
    #[error("{path}: {message}")]
    #[diagnostic(code(facts::invalid), help("{help}"))]
    Invalid {
        /// The JSON path of the value, e.g. `$.enterprise[0].rd_cost`.
        path: String,
        /// What is wrong with it.
        message: String,
        /// How to fix it: the expected form, or did-you-mean.
        help: String,
    },
}

/// Reads and checks a fact set. Returns every error found.
///
/// The text is read once, straight into the entities' slots: a serde seed per entity kind
/// takes each value as the schema types it, so no JSON tree is built for entities, and a
/// JSON path (`$.enterprise[0].rd_cost`) is written out only for an error.
pub fn parse(text: &str, program: &Program) -> Result<Facts, Vec<FactsError>> {
    // A byte-order mark is how some editors start UTF-8; it is not part of the JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = Reader::new(program, "$");
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let facts = Expect(Document(&mut reader))
        .deserialize(&mut deserializer)
        .and_then(|facts| deserializer.end().map(|()| facts))
        .map_err(|e| vec![json_error(&e, text)])?;
    if reader.errors.is_empty() {
        Ok(facts)
    } else {
        Err(reader.errors)
    }
}

/// One top-level entity from a row of text cells (a CSV population, one fact set a row),
/// without JSON: each cell is read as its fact's type says (a number from its text, never a
/// float), an empty cell (or a column left out) is a fact not given, as a key left out of
/// JSON is, and a list fact's cell holds the children as JSON (`[{"id": "D1", "rd_cost":
/// "3000万"}]`, `[]` for none). `cells` pairs each cell with
/// its fact's slot; errors name the column (`rd_cost: expected money, found "x"`).
///
/// The fact set is written into `facts`, whose lists (its root and the root's slots) are
/// refilled rather than allocated again when it holds the row before: a population run reads
/// a million rows into one. After an error `facts` holds no entity.
pub fn row_into<'c>(
    program: &Program,
    kind: KindId,
    id: &[u8],
    cells: impl IntoIterator<Item = (usize, &'c [u8])>,
    facts: &mut Facts,
) -> Result<(), Vec<FactsError>> {
    let schema = &program.schema;
    facts.as_of = None;
    facts.ledger.clear();
    facts.warnings.clear();
    facts.roots.truncate(1);
    let Some(def) = schema.kinds.get(kind) else {
        facts.roots.clear();
        return Ok(());
    };
    let mut reader = Reader::new(program, "");
    reader.entities = 1;
    // The row before's slots, emptied; which of them a cell gives (most kinds have a few
    // dozen facts at most: no allocation for that).
    let mut slots = facts.roots.pop().map(|root| root.slots).unwrap_or_default();
    slots.clear();
    slots.resize_with(def.fields.len(), || Slot::Missing);
    let mut given: smallvec::SmallVec<[bool; 64]> = smallvec::smallvec![false; def.fields.len()];
    for (i, cell) in cells {
        let (Some(slot), Some(given), Some(field)) = (slots.get_mut(i), given.get_mut(i), def.fields.get(i)) else {
            continue;
        };
        *given = true;
        let cell = match std::str::from_utf8(cell) {
            Ok(cell) => cell.trim(),
            Err(e) => {
                let message = t!("facts-cell-not-utf8", at = e.valid_up_to().to_string());
                reader.within(&field.name, |r| r.invalid_here(message, t!("facts-cell-not-utf8-help")));
                *slot = Slot::Missing;
                continue;
            }
        };
        // The usual cell, a value of its type, is read without pushing its column on the path:
        // the path is wanted only by an error, or by a list's children for theirs.
        *slot = match (field.ty, cell.is_empty()) {
            (_, true) => reader.within(&field.name, |r| r.absent(field)),
            (Ty::List(child), _) => reader.within(&field.name, |r| r.children(child, cell)),
            (ty, _) => match typed(schema, &cell_value(ty, cell), ty) {
                Ok(value) => Slot::Value(value),
                Err((message, help)) => reader.within(&field.name, |r| {
                    r.invalid_here(message, help);
                    Slot::Missing
                }),
            },
        };
    }
    for ((slot, field), _) in slots.iter_mut().zip(&def.fields).zip(&given).filter(|(_, given)| !**given) {
        reader.at.push(Seg::Field(&field.name));
        *slot = reader.absent(field);
        reader.at.pop();
    }
    let id = match std::str::from_utf8(id) {
        Ok(id) => entity_id(Some(Raw::Text(Cow::Borrowed(id.trim())))),
        Err(e) => Err((t!("facts-cell-not-utf8", at = e.valid_up_to().to_string()), t!("facts-cell-not-utf8-help"))),
    };
    let id = id.map_err(|(message, help)| reader.invalid("id", message, help));
    match id {
        Ok(id) if reader.errors.is_empty() => {
            let mut entity = Entity { kind, id, path: Arc::default(), slots };
            // Not `format!`, nor a `String` copied into the `Arc`: a million rows pay for them.
            let mut path: smallvec::SmallVec<[u8; 128]> = smallvec::SmallVec::new();
            path.extend_from_slice(def.name.as_bytes());
            path.push(b'.');
            path.extend_from_slice(entity.id.as_bytes());
            let path = std::str::from_utf8(&path).map_or_else(|_| Arc::default(), Arc::from);
            place(schema, &mut entity, path);
            facts.roots.push(entity);
            Ok(())
        }
        _ => Err(reader.errors),
    }
}

/// A cell as the value its type reads: a number or a boolean where one is expected and
/// written (`是`/`否` too), text otherwise, so the error says what the cell holds.
fn cell_value(ty: Ty, text: &str) -> Raw<'_> {
    match (ty, text) {
        (Ty::Number | Ty::Count, _) if serde_json::Number::from_str(text).is_ok() => Raw::Number(text.to_string()),
        (Ty::Bool, "true" | "TRUE" | "是") => Raw::Bool(true),
        (Ty::Bool, "false" | "FALSE" | "否") => Raw::Bool(false),
        _ => Raw::Text(Cow::Borrowed(text)),
    }
}

/// With `arbitrary_precision`, serde_json hands a number over as a one-entry map under this
/// private key, holding the number's exact text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A key given twice in one object is an error (serde_json would silently keep the last),
/// since a fact stated twice is a fact in doubt.
fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(t!("facts-duplicate-key", key = quote(key).to_string()))
}

/// Reads any JSON value as a tree, a key given twice in one object being an error: for the
/// small parts of a fact set (`as_of`, the ledger) and for values skipped after an error.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Json;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Json;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::from(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::String(s))
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN {
                let digits: String = map.next_value()?;
                return serde_json::from_str(&digits).map_err(A::Error::custom);
            }
            if object.contains_key(&key) {
                return Err(duplicate(&key));
            }
            let value = map.next_value_seed(Strict)?;
            object.insert(key, value);
        }
        Ok(Json::Object(object))
    }
}

/// An object's key, borrowed from the text unless it holds escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
    }
}

/// A JSON value where a fact is expected: a scalar as written (a number as its text), a list
/// or an object only as what it is, its content checked as JSON and dropped.
enum Raw<'de> {
    Null,
    Bool(bool),
    Number(String),
    Text(Cow<'de, str>),
    List,
    Object,
}

impl Raw<'_> {
    /// The value in words, for error messages.
    fn describe(&self) -> String {
        match self {
            Raw::Null => t!("facts-null"),
            Raw::Bool(b) => format!("`{b}`"),
            Raw::Number(n) => format!("`{n}`"),
            Raw::Text(s) => format!("\"{}\"", quote(s)),
            Raw::List => t!("facts-a-list"),
            Raw::Object => t!("facts-an-object"),
        }
    }
}

impl<'j> From<&'j Json> for Raw<'j> {
    fn from(json: &'j Json) -> Self {
        match json {
            Json::Null => Raw::Null,
            Json::Bool(b) => Raw::Bool(*b),
            Json::Number(n) => Raw::Number(n.to_string()),
            Json::String(s) => Raw::Text(Cow::Borrowed(s)),
            Json::Array(_) => Raw::List,
            Json::Object(_) => Raw::Object,
        }
    }
}

/// What a reader does with each shape of JSON value it may meet. By default an object or a
/// list is checked as JSON and then given to [`Shape::other`] as what it is.
trait Shape<'de>: Sized {
    type Value;
    /// A value of a shape the reader does not read further.
    fn other(self, raw: Raw<'de>) -> Self::Value;
    /// An object, its first key already read (`None` for `{}`).
    fn object<A: MapAccess<'de>>(self, first: Option<Cow<'de, str>>, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        let mut key = first;
        while let Some(k) = key {
            if keys.contains(&k) {
                return Err(duplicate(&k));
            }
            map.next_value_seed(Strict)?;
            keys.push(k);
            key = map.next_key_seed(Key)?;
        }
        Ok(self.other(Raw::Object))
    }
    /// A list.
    fn list<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element_seed(Strict)?.is_some() {}
        Ok(self.other(Raw::List))
    }
}

/// Reads one JSON value as its [`Shape`] says.
struct Expect<S>(S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Expect<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for Expect<S> {
    type Value = S::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Number(n.to_string())))
    }
    fn visit_u64<E>(self, n: u64) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Number(n.to_string())))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Text(Cow::Borrowed(s))))
    }
    fn visit_str<E>(self, s: &str) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Text(Cow::Owned(s.to_string()))))
    }
    fn visit_string<E>(self, s: String) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Text(Cow::Owned(s))))
    }
    fn visit_unit<E>(self) -> Result<S::Value, E> {
        Ok(self.0.other(Raw::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Value, A::Error> {
        self.0.list(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S::Value, A::Error> {
        let first = map.next_key_seed(Key)?;
        if first.as_deref() == Some(NUMBER_TOKEN) {
            let digits: String = map.next_value()?;
            return Ok(self.0.other(Raw::Number(digits)));
        }
        self.0.object(first, map)
    }
}

/// Any value, as [`Raw`].
struct AnyValue;

impl<'de> Shape<'de> for AnyValue {
    type Value = Raw<'de>;
    fn other(self, raw: Raw<'de>) -> Raw<'de> {
        raw
    }
}

fn json_error(e: &serde_json::Error, text: &str) -> FactsError {
    let (line, column) = (e.line(), e.column());
    let offset: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>() + column.saturating_sub(1);
    FactsError::Json { message: json_words(e), line, column, span: (offset.min(text.len()), 0).into() }
}

/// serde_json's message without its place (the help gives line and column), in the reader's
/// language: a syntax error by its kind, our own (a duplicate key) as written.
fn json_words(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line").next().unwrap_or(&message);
    match message {
        "EOF while parsing a list" => t!("facts-json-eof-list"),
        "EOF while parsing an object" => t!("facts-json-eof-object"),
        "EOF while parsing a string" => t!("facts-json-eof-string"),
        "EOF while parsing a value" => t!("facts-json-eof-value"),
        "expected `:`" => t!("facts-json-expected-colon"),
        "expected `,` or `]`" => t!("facts-json-expected-list-comma"),
        "expected `,` or `}`" => t!("facts-json-expected-object-comma"),
        "expected ident" => t!("facts-json-expected-ident"),
        "expected value" => t!("facts-json-expected-value"),
        "expected `\"`" => t!("facts-json-expected-quote"),
        "invalid escape" => t!("facts-json-invalid-escape"),
        "invalid number" => t!("facts-json-invalid-number"),
        "number out of range" => t!("facts-json-number-out-of-range"),
        "invalid unicode code point" => t!("facts-json-invalid-code-point"),
        "control character (\\u0000-\\u001F) found while parsing a string" => t!("facts-json-control-character"),
        "key must be a string" => t!("facts-json-key-not-string"),
        "lone leading surrogate in hex escape" => t!("facts-json-lone-surrogate"),
        "unexpected end of hex escape" => t!("facts-json-hex-escape-end"),
        "trailing comma" => t!("facts-json-trailing-comma"),
        "trailing characters" => t!("facts-json-trailing-characters"),
        "recursion limit exceeded" => t!("facts-json-too-deep"),
        // serde_json's own words stand in English; another language says them itself.
        _ if crate::i18n::lang() == crate::i18n::Lang::En => message.to_string(),
        "invalid value: expected key to be a number in quotes" => t!("facts-json-numeric-key"),
        "float key must be finite (got NaN or +/-inf)" => t!("facts-json-float-key"),
        _ if e.is_io() => {
            e.io_error_kind().map_or_else(|| t!("io-os-unknown"), |kind| crate::io::reason(&std::io::Error::from(kind)))
        }
        // serde's own words for a value of the wrong shape (`invalid type: …`), said plainly.
        _ if SERDE_SHAPE.iter().any(|start| message.starts_with(start)) => t!("facts-json-shape"),
        // Our own messages (a duplicate key) are already in the reader's language.
        _ => message.to_string(),
    }
}

/// How serde's own messages about a value of the wrong shape begin.
const SERDE_SHAPE: [&str; 7] = [
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
    "unknown variant ",
    "unknown field ",
    "missing field ",
    "duplicate field ",
];

/// The most entities one fact set may hold; a population that large streams as JSON Lines
/// (`policy eval --jsonl`), one enterprise a line, in bounded memory.
pub const MAX_ENTITIES: usize = 1_000_000;

/// One step of the JSON path to the value being read.
enum Seg<'a> {
    /// A top-level key (an entity kind).
    Root(&'a str),
    /// A fact of an entity.
    Field(&'a str),
    /// An item of a list.
    Index(usize),
}

struct Reader<'a> {
    schema: &'a Schema,
    program: &'a Program,
    errors: Vec<FactsError>,
    /// Entities read so far, against [`MAX_ENTITIES`].
    entities: usize,
    /// Where the value being read is; written out as `$.enterprise[0].rd_cost` for an error.
    at: Vec<Seg<'a>>,
    /// The path of an entity whose top-level owner is not yet read ([`place`] names it).
    unplaced: Arc<str>,
    /// How a path starts: `$` for a JSON document; nothing for a row, whose paths start
    /// with the column (`rd_cost`, `drugs[0].rd_cost`).
    top: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader whose paths start with `top`: `$` for a JSON document, nothing for a row.
    fn new(program: &'a Program, top: &'static str) -> Self {
        let schema = &program.schema;
        // `Arc::default()` shares one empty string: a reader a row allocates nothing for it.
        Reader { schema, program, errors: Vec::new(), entities: 0, at: Vec::new(), unplaced: Arc::default(), top }
    }

    fn invalid(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        self.errors.push(FactsError::Invalid { path: path.to_string(), message: message.into(), help: help.into() });
    }

    /// `read`, with the path at the field `name`.
    fn within<T>(&mut self, name: &'a str, read: impl FnOnce(&mut Self) -> T) -> T {
        self.at.push(Seg::Field(name));
        let value = read(self);
        self.at.pop();
        value
    }

    /// An error about the value being read.
    fn invalid_here(&mut self, message: impl Into<String>, help: impl Into<String>) {
        let path = self.path();
        self.invalid(&path, message, help);
    }

    /// The JSON path of the value being read.
    fn path(&self) -> String {
        use std::fmt::Write;
        let mut path = String::from(self.top);
        for seg in &self.at {
            let _ = match seg {
                Seg::Root(key) => write!(path, ".{}", quote(key)),
                Seg::Field(name) if path.is_empty() => write!(path, "{name}"),
                Seg::Field(name) => write!(path, ".{name}"),
                Seg::Index(i) => write!(path, "[{i}]"),
            };
        }
        path
    }

    /// A fact not given (or `null`): missing if optional, an error if not.
    fn absent(&mut self, field: &FieldDef) -> Slot {
        if !field.optional {
            let help = t!("facts-missing-help", field = &field.name);
            let message = t!("facts-missing", field = &field.name, ty = self.schema.type_word(&field.ty));
            self.invalid_here(message, help);
        }
        Slot::Missing
    }

    /// A list fact's children written as JSON in one cell.
    fn children(&mut self, kind: KindId, cell: &str) -> Slot {
        let mut deserializer = serde_json::Deserializer::from_str(cell);
        let list = Entities { reader: &mut *self, kind, root: None };
        match Expect(list).deserialize(&mut deserializer).and_then(|list| deserializer.end().map(|()| list)) {
            Ok(children) => Slot::Children(children.unwrap_or_default()),
            Err(e) => {
                let help = t!("facts-cell-list-help", column = e.column().to_string());
                self.invalid_here(t!("facts-cell-list", message = json_words(&e)), help);
                Slot::Missing
            }
        }
    }

    /// Puts the errors an entity's keys gave (`parts`: where each key's errors start, and its
    /// rank) in the order they are reported whatever the order of the keys: unknown keys
    /// first, then the facts in the schema's order.
    fn in_order(&mut self, start: usize, mut parts: Vec<(usize, usize)>) {
        if parts.is_sorted_by_key(|&(_, rank)| rank) {
            return;
        }
        let mut tail = self.errors.split_off(start.min(self.errors.len()));
        let mut pieces = Vec::with_capacity(parts.len());
        while let Some((from, rank)) = parts.pop() {
            pieces.push((rank, tail.split_off(from.saturating_sub(start).min(tail.len()))));
        }
        pieces.reverse();
        pieces.sort_by_key(|&(rank, _)| rank);
        self.errors.extend(tail);
        self.errors.extend(pieces.into_iter().flat_map(|(_, piece)| piece));
    }

    /// `"2024-06-30"`, for `as_of` and the ledger.
    fn date(&mut self, json: &Json, path: &str) -> Option<NaiveDate> {
        date(&Raw::from(json)).map_err(|(message, help)| self.invalid(path, message, help)).ok()
    }

    /// A fact of type `ty` in the ledger.
    fn value(&mut self, json: &Json, ty: Ty, path: &str) -> Option<Value> {
        typed(self.schema, &Raw::from(json), ty).map_err(|(message, help)| self.invalid(path, message, help)).ok()
    }
}

/// The whole fact set: an object keyed by the top-level kinds, `as_of` and `ledger`.
struct Document<'r, 'a>(&'r mut Reader<'a>);

impl<'de> Shape<'de> for Document<'_, '_> {
    type Value = Facts;

    fn other(self, raw: Raw<'de>) -> Facts {
        let roots: Vec<String> = self.0.schema.roots().map(|(_, k)| format!("\"{}\"", k.name)).collect();
        self.0.invalid(
            "$",
            t!("facts-expected", expected = t!("facts-an-object"), found = raw.describe()),
            t!("facts-document-help", roots = roots.join(", ")),
        );
        Facts::default()
    }

    fn object<A: MapAccess<'de>>(self, first: Option<Cow<'de, str>>, mut map: A) -> Result<Facts, A::Error> {
        let reader = self.0;
        let schema = reader.schema;
        let mut facts = Facts::default();
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        let mut key = first;
        while let Some(k) = key {
            if keys.contains(&k) {
                return Err(duplicate(&k));
            }
            let path = || format!("$.{}", quote(&k));
            if k == "as_of" {
                let json = map.next_value_seed(Strict)?;
                facts.as_of = reader.date(&json, &path());
            } else if k == "ledger" {
                let json = map.next_value_seed(Strict)?;
                facts.ledger = reader.ledger(&json, &path(), &mut facts.warnings);
            } else if let Some((kind, def)) = schema.roots().find(|(_, def)| def.name == k) {
                reader.at.push(Seg::Root(&def.name));
                let list = Entities { reader: &mut *reader, kind, root: Some(&def.name) };
                let entities = map.next_value_seed(Expect(list))?;
                reader.at.pop();
                facts.roots.extend(entities.unwrap_or_default());
            } else {
                let names: Vec<&str> =
                    schema.roots().map(|(_, k)| k.name.as_str()).chain(["as_of", "ledger"]).collect();
                reader.invalid(
                    &path(),
                    t!("facts-unknown-key", key = quote(&k).to_string()),
                    suggest_help(&k, names, "top-level key"),
                );
                map.next_value_seed(Strict)?;
            }
            keys.push(k);
            key = map.next_key_seed(Key)?;
        }
        Ok(facts)
    }
}

/// A list of entities of one kind: `None` for `null` where a fact may be absent.
struct Entities<'r, 'a> {
    reader: &'r mut Reader<'a>,
    kind: KindId,
    /// For a top-level list, its key: its entities are named from it once read.
    root: Option<&'a str>,
}

impl<'de> Shape<'de> for Entities<'_, '_> {
    type Value = Option<Vec<Entity>>;

    fn other(self, raw: Raw<'de>) -> Option<Vec<Entity>> {
        if matches!(raw, Raw::Null) && self.root.is_none() {
            return None;
        }
        self.reader.invalid_here(
            t!("facts-expected", expected = t!("facts-entity-list"), found = raw.describe()),
            t!("facts-entity-list-help"),
        );
        Some(Vec::new())
    }

    fn list<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Self { reader, kind, root } = self;
        let mut entities = Vec::new();
        for index in 0.. {
            reader.at.push(Seg::Index(index));
            let item = seq.next_element_seed(EntitySeed { reader: &mut *reader, kind })?;
            reader.at.pop();
            match item {
                None => break,
                Some(None) => {}
                Some(Some(mut entity)) => {
                    if let Some(root) = root {
                        let path = format!("{root}.{}", entity.id);
                        place(reader.schema, &mut entity, path.into());
                    }
                    entities.push(entity);
                }
            }
        }
        // Ids name entities in every result, so two alike in one list would be ambiguous.
        let mut seen = std::collections::HashSet::new();
        for (i, entity) in entities.iter().enumerate() {
            // Most lists are short: comparing with the ones before costs less than hashing.
            let again = match entities.get(..i) {
                Some(before) if entities.len() <= 16 => before.iter().any(|e| e.id == entity.id),
                _ => !seen.insert(&entity.id),
            };
            if again {
                let message = t!("facts-duplicate-id", id = quote(&entity.id).to_string());
                reader.invalid_here(message, t!("facts-duplicate-id-help"));
            }
        }
        Ok(Some(entities))
    }
}

/// Names an entity and its children by path (`enterprise.E1.drugs.D1`) once its owners are
/// read: in JSON an entity's `id` may come after its children.
fn place(schema: &Schema, entity: &mut Entity, path: Arc<str>) {
    if let Some(def) = schema.kinds.get(entity.kind) {
        for (slot, field) in entity.slots.iter_mut().zip(&def.fields) {
            if let Slot::Children(children) = slot {
                for child in children {
                    let inner = format!("{path}.{}.{}", field.name, child.id);
                    place(schema, child, inner.into());
                }
            }
        }
    }
    entity.path = path;
}

/// One entity, counted against [`MAX_ENTITIES`].
struct EntitySeed<'r, 'a> {
    reader: &'r mut Reader<'a>,
    kind: KindId,
}

impl<'de> DeserializeSeed<'de> for EntitySeed<'_, '_> {
    type Value = Option<Entity>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Entity>, D::Error> {
        self.reader.entities += 1;
        if self.reader.entities == MAX_ENTITIES + 1 {
            let message = t!("facts-too-many", limit = MAX_ENTITIES.to_string());
            self.reader.invalid_here(message, t!("facts-too-many-help"));
        }
        if self.reader.entities > MAX_ENTITIES {
            Strict.deserialize(d)?;
            return Ok(None);
        }
        Expect(self).deserialize(d)
    }
}

impl<'de> Shape<'de> for EntitySeed<'_, '_> {
    type Value = Option<Entity>;

    fn other(self, raw: Raw<'de>) -> Option<Entity> {
        let name = self.reader.schema.kinds.get(self.kind).map_or("", |def| def.name.as_str());
        self.reader.invalid_here(
            t!("facts-expected", expected = t!("facts-an-object"), found = raw.describe()),
            t!("facts-entity-help", kind = name),
        );
        None
    }

    fn object<A: MapAccess<'de>>(self, first: Option<Cow<'de, str>>, mut map: A) -> Result<Option<Entity>, A::Error> {
        let Self { reader, kind } = self;
        let schema = reader.schema;
        let Some(def) = schema.kinds.get(kind) else { return Ok(None) };
        let (errors_before, counted) = (reader.errors.len(), reader.entities);
        let mut id = None;
        let mut slots: Vec<Option<Slot>> = std::iter::repeat_with(|| None).take(def.fields.len()).collect();
        let mut unknown: Vec<Cow<'de, str>> = Vec::new();
        // Where each key's errors start, and its rank in the order errors are reported.
        let mut parts = Vec::new();
        // Facts mostly come in the schema's order, so the one after the last is tried first.
        let mut next_field = 0;
        let mut key = first;
        while let Some(k) = key {
            let before = reader.errors.len();
            let mut rank = 0;
            if k == "id" {
                if id.is_some() {
                    return Err(duplicate(&k));
                }
                id = Some(map.next_value_seed(Expect(AnyValue))?);
            } else if let Some((i, (slot, field))) =
                field_named(def, &k, next_field).and_then(|i| Some((i, (slots.get_mut(i)?, def.fields.get(i)?))))
            {
                next_field = i + 1;
                if slot.is_some() {
                    return Err(duplicate(&k));
                }
                reader.at.push(Seg::Field(&field.name));
                *slot = Some(match field.ty {
                    Ty::List(child) => {
                        let list = Entities { reader: &mut *reader, kind: child, root: None };
                        match map.next_value_seed(Expect(list))? {
                            Some(children) => Slot::Children(children),
                            None => reader.absent(field),
                        }
                    }
                    ty => match map.next_value_seed(Expect(AnyValue))? {
                        Raw::Null => reader.absent(field),
                        raw => match typed(schema, &raw, ty) {
                            Ok(value) => Slot::Value(value),
                            Err((message, help)) => {
                                reader.invalid_here(message, help);
                                Slot::Missing
                            }
                        },
                    },
                });
                reader.at.pop();
                rank = i + 1;
            } else {
                if unknown.contains(&k) {
                    return Err(duplicate(&k));
                }
                let help = suggest_help(&k, def.fields.iter().map(|f| f.name.as_str()), "field");
                let message = t!("facts-unknown-field", entity = &def.name, name = quote(&k).to_string());
                reader.invalid(&format!("{}.{}", reader.path(), quote(&k)), message, help);
                map.next_value_seed(Strict)?;
                unknown.push(k);
            }
            if reader.errors.len() > before {
                parts.push((before, rank));
            }
            key = map.next_key_seed(Key)?;
        }
        let id = match entity_id(id) {
            Ok(id) => id,
            Err((message, help)) => {
                // An entity without a usable id is reported for that alone, as if unread.
                reader.errors.truncate(errors_before);
                reader.entities = counted;
                reader.invalid(&format!("{}.id", reader.path()), message, help);
                return Ok(None);
            }
        };
        for (i, (slot, field)) in slots.iter_mut().zip(&def.fields).enumerate() {
            if slot.is_none() {
                let before = reader.errors.len();
                reader.at.push(Seg::Field(&field.name));
                *slot = Some(reader.absent(field));
                reader.at.pop();
                if reader.errors.len() > before {
                    parts.push((before, i + 1));
                }
            }
        }
        reader.in_order(errors_before, parts);
        let slots = slots.into_iter().map(|slot| slot.unwrap_or(Slot::Missing)).collect();
        Ok(Some(Entity { kind, id, path: reader.unplaced.clone(), slots }))
    }
}

/// The slot of the fact called `name`, looking from `guess` on first (facts mostly come in
/// the schema's order, some left out).
fn field_named(def: &crate::program::KindDef, name: &str, guess: usize) -> Option<usize> {
    let after = def.fields.get(guess..).and_then(|rest| rest.iter().position(|f| f.name == name));
    after.map(|i| guess + i).or_else(|| def.fields.get(..guess)?.iter().position(|f| f.name == name))
}

/// An entity's `id`: a non-empty string without `.`, or a whole number.
fn entity_id(raw: Option<Raw>) -> Result<Arc<str>, (String, String)> {
    match raw {
        Some(Raw::Text(s)) if !s.is_empty() && !s.contains('.') => Ok(Arc::from(&*s)),
        Some(Raw::Number(n)) if whole(&n) => Ok(Arc::from(n.as_str())),
        Some(Raw::Text(s)) if s.contains('.') => {
            Err((t!("facts-id-dot", id = quote(&s).to_string()), t!("facts-id-dot-help")))
        }
        Some(Raw::Number(n)) => {
            Err((t!("facts-id-not-whole", id = quote(&n).to_string()), t!("facts-id-not-whole-help")))
        }
        other => {
            let found = other.map_or_else(|| t!("facts-nothing"), |raw| raw.describe());
            Err((t!("facts-id-expected", found = found), t!("facts-id-expected-help")))
        }
    }
}

/// A fact of type `ty`, or what is wrong with it (the message and the help).
fn typed(schema: &Schema, raw: &Raw, ty: Ty) -> Result<Value, (String, String)> {
    let value = match (ty, raw) {
        (Ty::Money, _) => money(raw).map(Value::Dec),
        (Ty::Rate, _) => rate(raw).map(Value::Dec),
        (Ty::Number, Raw::Number(n)) => number(n).map(Value::Dec),
        (Ty::Count, Raw::Number(n)) => {
            number(n).filter(|d| d.fract().is_zero() && !d.is_sign_negative()).map(Value::Dec)
        }
        (Ty::Date, _) => return date(raw).map(Value::Date),
        (Ty::Bool, Raw::Bool(b)) => Some(Value::Bool(*b)),
        (Ty::Text, Raw::Text(s)) => Some(Value::Text(Arc::from(&**s))),
        (Ty::Duration, Raw::Text(s)) => crate::dates::parse_duration(s).map(Value::Duration),
        (Ty::Enum(e), Raw::Text(s)) => match schema.enums.get(e) {
            Some(def) => match def.variants.iter().position(|v| **v == *s) {
                Some(i) => Some(Value::Enum(i)),
                None => {
                    let help = suggest_help(s, def.variants.iter().map(|v| &**v), "value");
                    return Err((
                        t!("facts-unknown-variant", name = quote(s).to_string(), enum_name = &def.name),
                        help,
                    ));
                }
            },
            None => None,
        },
        _ => None,
    };
    match value {
        None => {
            let (expected, help) = expectation(ty, schema);
            Err((t!("facts-expected", expected = expected, found = raw.describe()), help))
        }
        Some(Value::Dec(d)) if ty == Ty::Money && d.is_sign_negative() => {
            Err((t!("facts-negative", found = d.to_string()), t!("facts-negative-help")))
        }
        Some(value) => Ok(value),
    }
}

/// `YYYY-MM-DD` as chrono's `%Y-%m-%d` reads it; the usual ten-figure form without
/// chrono's format machinery, which was a tenth of reading a fact set.
fn calendar_date(text: &str) -> Option<NaiveDate> {
    let figures = |range: std::ops::Range<usize>| {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten()
    };
    let plain = text.len() == 10 && text.get(4..5) == Some("-") && text.get(7..8) == Some("-");
    match (plain, figures(0..4), figures(5..7), figures(8..10)) {
        (true, Some(year), Some(month), Some(day)) => NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day),
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
    }
}

/// A calendar date, `"YYYY-MM-DD"`.
fn date(raw: &Raw) -> Result<NaiveDate, (String, String)> {
    match raw {
        Raw::Text(s) => calendar_date(s),
        _ => None,
    }
    .ok_or_else(|| (t!("facts-expected", expected = t!("facts-a-date"), found = raw.describe()), t!("facts-date-help")))
}

impl Reader<'_> {
    fn ledger(&mut self, json: &Json, path: &str, warnings: &mut Vec<String>) -> Vec<Grant> {
        let Json::Array(items) = json else {
            self.invalid(
                path,
                t!("facts-expected", expected = t!("facts-grant-list"), found = describe(json)),
                t!("facts-ledger-help"),
            );
            return Vec::new();
        };
        let grants: Vec<Grant> =
            items.iter().enumerate().filter_map(|(i, item)| self.grant(item, &format!("{path}[{i}]"))).collect();
        for grant in &grants {
            self.what_it_is_for(grant, warnings);
        }
        grants
    }

    /// A row must say what it is for wherever that decides a match: the year for yearly rules
    /// and pools per year, the key for `once per` rules. A row nothing counts is a warning.
    fn what_it_is_for(&mut self, grant: &Grant, warnings: &mut Vec<String>) {
        let program = self.program;
        let rule = grant.rule_index.and_then(|r| program.rules.get(r));
        if grant.year.is_none() {
            let by_year = program.pools.iter().find(|p| p.period != crate::dates::Period::Total && grant.counts_in(p));
            let needs = match (rule, by_year) {
                (Some(r), _) if r.frequency == crate::terms::Frequency::Yearly => {
                    Some(t!("facts-yearly-rule", rule = &r.id))
                }
                (_, Some(pool)) => Some(t!("facts-yearly-pool", pool = &pool.id)),
                _ => None,
            };
            if let Some(needs) = needs {
                self.invalid(
                    &format!("{}.year", grant.at),
                    t!("facts-missing-year", needs = needs),
                    t!("facts-missing-year-help"),
                );
            }
        }
        if let (Some(r), None) = (rule, &grant.key) {
            if r.frequency == crate::terms::Frequency::Once && r.once_per.is_some() {
                self.invalid(
                    &format!("{}.key", grant.at),
                    t!("facts-missing-key", rule = &r.id),
                    t!("facts-missing-key-help"),
                );
            }
        }
        if rule.is_none() && !program.pools.iter().any(|p| grant.counts_in(p)) {
            warnings.push(t!("facts-grant-not-counted", at = &grant.at, policy = quote(&grant.policy).to_string()));
        }
    }

    fn grant(&mut self, json: &Json, path: &str) -> Option<Grant> {
        let Json::Object(map) = json else {
            self.invalid(
                path,
                t!("facts-expected", expected = t!("facts-a-grant"), found = describe(json)),
                t!("facts-grant-help"),
            );
            return None;
        };
        const FIELDS: [&str; 10] =
            ["policy", "rule", "entity", "year", "key", "date", "amount", "payers", "issuer", "level"];
        for key in map.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
            self.invalid(
                &format!("{path}.{}", quote(key)),
                t!("facts-grant-no-field", key = quote(key).to_string()),
                suggest_help(key, FIELDS, "field"),
            );
        }
        let mut text = |field: &str, required: bool| match map.get(field) {
            Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
            None | Some(Json::Null) if !required => None,
            other => {
                let found = other.map_or_else(|| t!("facts-nothing"), describe);
                self.invalid(
                    &format!("{path}.{field}"),
                    t!("facts-expected", expected = t!("facts-text"), found = found),
                    t!("facts-grant-field-help", field = field),
                );
                None
            }
        };
        let (policy, entity) = (text("policy", true), text("entity", true));
        let (rule, issuer, level) = (text("rule", false), text("issuer", false), text("level", false));
        let date = match map.get("date") {
            Some(d) => self.date(d, &format!("{path}.date")),
            None => {
                self.invalid(&format!("{path}.date"), t!("facts-missing-date"), t!("facts-missing-date-help"));
                None
            }
        };
        let year = map.get("year").filter(|y| !y.is_null()).and_then(|y| self.year(y, &format!("{path}.year")));
        let amount = map.get("amount").and_then(|a| self.value(a, Ty::Money, &format!("{path}.amount")));
        if map.get("amount").is_none() {
            self.invalid(&format!("{path}.amount"), t!("facts-missing-amount"), t!("facts-missing-amount-help"));
        }
        let key = match map.get("key") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        };
        let payers = map.get("payers").map(|p| self.payers(p, &format!("{path}.payers"))).unwrap_or_default();
        let (policy, entity, date, Some(Value::Dec(amount))) = (policy?, entity?, date?, amount) else {
            return None;
        };
        if !payers.is_empty() {
            let sum = payers.iter().try_fold(Decimal::ZERO, |sum, (_, part)| sum.checked_add(*part));
            if sum != Some(amount) {
                self.invalid(
                    &format!("{path}.payers"),
                    t!(
                        "facts-payers-sum",
                        sum = sum.map_or_else(|| t!("facts-too-much"), |s| s.to_string()),
                        amount = amount.to_string()
                    ),
                    t!("facts-payers-sum-help"),
                );
            }
        }
        let rule_index = match self.program.policies.iter().position(|p| *p.id == *policy) {
            None => None,
            Some(p) => {
                let Some(rule) = &rule else {
                    self.invalid(
                        &format!("{path}.rule"),
                        t!("facts-missing-rule", policy = quote(&policy).to_string()),
                        t!("facts-missing-rule-help"),
                    );
                    return None;
                };
                let index = self.program.rules.iter().position(|r| r.policy == p && r.id == *rule);
                if index.is_none() {
                    let ids = self.program.rules.iter().filter(|r| r.policy == p).map(|r| r.id.as_str());
                    self.invalid(
                        &format!("{path}.rule"),
                        t!("facts-no-rule", policy = quote(&policy).to_string(), rule = quote(rule).to_string()),
                        suggest_help(rule, ids, "rule"),
                    );
                }
                index
            }
        };
        Some(Grant {
            at: path.to_string(),
            policy,
            rule,
            rule_index,
            entity,
            year,
            key,
            date,
            amount,
            payers,
            issuer,
            level,
        })
    }

    /// `"year": 2023` (or `"2023"`): the year a grant is for.
    fn year(&mut self, json: &Json, path: &str) -> Option<i32> {
        let text = match json {
            Json::Number(n) => n.to_string(),
            Json::String(s) => s.clone(),
            _ => String::new(),
        };
        let year = text.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
        if year.is_none() {
            self.invalid(
                path,
                t!("facts-expected", expected = t!("facts-a-year"), found = describe(json)),
                t!("facts-year-help"),
            );
        }
        year
    }

    /// `"payers": { "city": "50万", "district": "50万" }`
    fn payers(&mut self, json: &Json, path: &str) -> Vec<(String, Decimal)> {
        let Json::Object(map) = json else {
            self.invalid(
                path,
                t!("facts-expected", expected = t!("facts-payers"), found = describe(json)),
                t!("facts-payers-help"),
            );
            return Vec::new();
        };
        map.iter()
            .filter_map(|(payer, part)| match self.value(part, Ty::Money, &format!("{path}.{payer}")) {
                Some(Value::Dec(d)) => Some((payer.clone(), d)),
                _ => None,
            })
            .collect()
    }
}

/// A JSON number, exactly, from its text (serde_json's `arbitrary_precision`), never an f64.
fn number(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

/// True for a JSON number written as a whole number (`12`, `-3`), the only numbers that
/// serve as ids: `1.5` would read as the path `enterprise.1.5`, and `1e3` is not `1000`'s text.
fn whole(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Money from a number or a string such as `"1200万"`, `"1.5亿"`, `"400万元"`, `"4,000,000"`.
fn money(raw: &Raw) -> Option<Decimal> {
    match raw {
        Raw::Number(n) => number(n),
        Raw::Text(s) => parse_money(s),
        _ => None,
    }
}

/// Parses written money: digits with optional `_` or `,` grouping, then `万`/`亿`, then `元`.
/// Commas group thousands only (`4,000,000`): `1,5` or `1.234,56` are refused, not read as 15 or
/// 1.23456 — a comma elsewhere is a decimal comma or a typing slip, and guessing would pay the
/// wrong amount.
pub fn parse_money(text: &str) -> Option<Decimal> {
    // The usual cell, `1234567.89`, has nothing for the steps below to take off.
    if let Some(plain) = plain_decimal(text) {
        return Some(plain);
    }
    let ascii = ascii_figures(text);
    let s = ascii.trim();
    let s = s.strip_suffix('元').unwrap_or(s);
    let (digits, factor) = if let Some(d) = s.strip_suffix('万') {
        (d, Some(Decimal::from(10_000)))
    } else if let Some(d) = s.strip_suffix('亿') {
        (d, Some(Decimal::from(100_000_000)))
    } else {
        (s, None)
    };
    let digits = digits.trim();
    if digits.contains(',') && !grouped_in_thousands(digits) {
        return None;
    }
    let digits: Cow<str> = if digits.contains(['_', ',']) {
        digits.chars().filter(|c| !matches!(c, '_' | ',')).collect()
    } else {
        Cow::Borrowed(digits)
    };
    if digits.is_empty() || digits.starts_with('+') {
        return None;
    }
    let value = plain_decimal(&digits).or_else(|| Decimal::from_str_exact(&digits).ok())?;
    factor.map_or(Some(value), |factor| value.checked_mul(factor))
}

/// `1234567.89`, the usual cell: ASCII digits with at most one point inside them, 19 digits
/// at most (so within 64 bits), read straight into a mantissa and scale, as
/// `Decimal::from_str_exact` reads them but without its general machinery. `None` for
/// anything else.
fn plain_decimal(digits: &str) -> Option<Decimal> {
    let (whole, fraction) = match digits.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (digits, ""),
    };
    if whole.is_empty() || whole.len() + fraction.len() > 19 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let scale = u32::try_from(fraction.len()).ok()?;
    Some(crate::amounts::unsigned(mantissa, scale))
}

/// True when every comma in `digits` separates groups of three in the whole part:
/// `-1,234,567.5` yes; `1,5`, `12,34,567`, `1.234,56`, `,123` no.
fn grouped_in_thousands(digits: &str) -> bool {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut groups = whole.strip_prefix('-').unwrap_or(whole).split(',');
    let first = groups.next().unwrap_or_default();
    !fraction.contains(',') && (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Full-width figures and punctuation (`１２００万`, `２５％`, `，`) as their ASCII forms: what
/// they mean is not in doubt, so facts typed on a Chinese keyboard are read as written.
fn ascii_figures(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| crate::amounts::full_width(c).is_none()) {
        return Cow::Borrowed(text);
    }
    text.chars().map(|c| crate::amounts::full_width(c).unwrap_or(c)).collect()
}

/// A rate from a fraction (`0.25`) or a string (`"25%"`, `"5‰"`).
fn rate(raw: &Raw) -> Option<Decimal> {
    match raw {
        Raw::Number(n) => number(n),
        Raw::Text(s) => {
            let ascii = ascii_figures(s);
            let s = ascii.trim();
            if let Some(p) = s.strip_suffix('%') {
                Decimal::from_str_exact(p.trim()).ok()?.checked_div(Decimal::ONE_HUNDRED)
            } else if let Some(p) = s.strip_suffix('‰') {
                Decimal::from_str_exact(p.trim()).ok()?.checked_div(Decimal::ONE_THOUSAND)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn expectation(ty: Ty, schema: &Schema) -> (String, String) {
    match ty {
        Ty::Money => (t!("facts-money"), t!("facts-money-help")),
        Ty::Rate => (t!("facts-a-rate"), t!("facts-rate-help")),
        Ty::Number => (t!("facts-a-number"), t!("facts-number-help")),
        Ty::Count => (t!("facts-a-count"), t!("facts-count-help")),
        Ty::Bool => (t!("facts-a-bool"), t!("facts-bool-help")),
        Ty::Text => (t!("facts-text"), t!("facts-text-help")),
        Ty::Duration => (t!("facts-a-duration"), t!("facts-duration-help")),
        Ty::Enum(_) => (t!("facts-an-enum-value", name = schema.type_name(&ty)), t!("facts-enum-help")),
        _ => (t!("facts-a-value"), t!("facts-value-help")),
    }
}

/// A JSON value in words, for error messages.
fn describe(json: &Json) -> String {
    Raw::from(json).describe()
}

#[cfg(test)]
mod tests {
    use super::{calendar_date, parse_money, plain_decimal};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    /// The plain reading gives what `Decimal::from_str_exact` gives, to the bit, or leaves the
    /// text to it.
    #[test]
    fn plain_decimals_read_as_rust_decimal_reads_them() {
        let mut rng = fastrand::Rng::with_seed(14);
        let mut texts: Vec<String> = ["0", "007", "0.10", "1.", ".5", "1.2.3", "-1", "12a", "", "9999999999999999999"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        texts.push("18446744073709551615".into());
        for _ in 0..20_000 {
            let digits: String = (0..rng.usize(1..22)).map(|_| char::from(b'0' + rng.u8(0..10))).collect();
            let point = rng.usize(0..=digits.len());
            texts.push(match rng.u8(0..3) {
                0 => digits,
                _ => {
                    let (whole, fraction) = digits.split_at(point);
                    format!("{whole}.{fraction}")
                }
            });
        }
        for text in &texts {
            if let Some(plain) = plain_decimal(text) {
                let exact = Decimal::from_str_exact(text).map(|d| d.serialize());
                assert_eq!(Ok(plain.serialize()), exact, "{text}");
            }
        }
        assert!(plain_decimal("2428863.03").is_some() && plain_decimal("12345678901234567890").is_none());
    }

    #[test]
    fn commas_group_thousands_or_the_money_is_refused() {
        let d = |s: &str| Decimal::from_str_exact(s).ok();
        assert_eq!(parse_money("4,000,000"), d("4000000"));
        assert_eq!(parse_money("1,234.5万"), d("12345000"));
        assert_eq!(parse_money("-1,000"), d("-1000"));
        assert_eq!(parse_money("４，０００，０００元"), d("4000000"));
        assert_eq!(parse_money("4_000_000"), d("4000000"));
        // A decimal comma or a slip: refused, never read as 15, 123456 or 1.23456.
        for text in ["1,5", "12,34,56", "1.234,56", ",123", "1,000,00", "1,0000万"] {
            assert_eq!(parse_money(text), None, "{text}");
        }
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2024-06-30",
            "2024-02-29",
            "2023-02-29",
            "2023-02-30",
            "2024-13-01",
            "2024-00-10",
            "0000-01-01",
            "9999-12-31",
            "2024-6-30",
            "2024-06-3",
            "+2024-06-30",
            "2024/06/30",
            "2024-06-30 ",
            " 2024-06-30",
            "２０２４-06-30",
            "20240630",
            "2024-06-3x",
            "",
            "-024-06-30",
        ] {
            assert_eq!(calendar_date(text), NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text:?}");
        }
    }
}
