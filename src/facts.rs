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
use crate::program::{KindId, Program, Schema, Ty, Value};
use chrono::NaiveDate;
use miette::{Diagnostic, SourceSpan};
use rust_decimal::Decimal;
use serde_json::Value as Json;
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
    #[error("facts are not valid JSON: {message}")]
    #[diagnostic(code(facts::json), help("fix the JSON at line {line}, column {column}"))]
    Json {
        /// serde_json's message.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// Where the JSON stops making sense.
        #[label("here")]
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
pub fn parse(text: &str, program: &Program) -> Result<Facts, Vec<FactsError>> {
    // A byte-order mark is how some editors start UTF-8; it is not part of the JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let json = strict_json(text).map_err(|e| vec![json_error(&e, text)])?;
    let mut reader = Reader { schema: &program.schema, program, errors: Vec::new(), entities: 0 };
    let facts = reader.document(&json);
    if reader.errors.is_empty() {
        Ok(facts)
    } else {
        Err(reader.errors)
    }
}

/// Parses JSON like `serde_json::from_str`, but a key given twice in one object is an error
/// (serde_json would silently keep the last), since a fact stated twice is a fact in doubt.
fn strict_json(text: &str) -> Result<Json, serde_json::Error> {
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::fmt;

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
                // With `arbitrary_precision`, serde_json hands a number over as a one-entry
                // map under this private key, holding the number's exact text.
                if key == "$serde_json::private::Number" {
                    let digits: String = map.next_value()?;
                    return serde_json::from_str(&digits).map_err(A::Error::custom);
                }
                if object.contains_key(&key) {
                    return Err(A::Error::custom(format!("duplicate key `{}`", quote(&key))));
                }
                let value = map.next_value_seed(Strict)?;
                object.insert(key, value);
            }
            Ok(Json::Object(object))
        }
    }

    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Strict.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

fn json_error(e: &serde_json::Error, text: &str) -> FactsError {
    let (line, column) = (e.line(), e.column());
    let offset: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>() + column.saturating_sub(1);
    let message = e.to_string();
    let message = message.split(" at line").next().unwrap_or(&message).to_string();
    FactsError::Json { message, line, column, span: (offset.min(text.len()), 0).into() }
}

/// The most entities one fact set may hold; a population that large streams as JSON Lines
/// (`policy eval --jsonl`), one enterprise a line, in bounded memory.
pub const MAX_ENTITIES: usize = 1_000_000;

struct Reader<'a> {
    schema: &'a Schema,
    program: &'a Program,
    errors: Vec<FactsError>,
    /// Entities read so far, against [`MAX_ENTITIES`].
    entities: usize,
}

impl Reader<'_> {
    fn invalid(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        self.errors.push(FactsError::Invalid { path: path.to_string(), message: message.into(), help: help.into() });
    }

    fn document(&mut self, json: &Json) -> Facts {
        let mut facts = Facts::default();
        let Json::Object(map) = json else {
            let roots: Vec<String> = self.schema.roots().map(|(_, k)| format!("\"{}\"", k.name)).collect();
            self.invalid(
                "$",
                format!("expected an object, found {}", describe(json)),
                format!("write {{ {}: [ … ] }}", roots.join(", ")),
            );
            return facts;
        };
        for (key, value) in map {
            let path = format!("$.{}", quote(key));
            if key == "as_of" {
                facts.as_of = self.date(value, &path);
                continue;
            }
            if key == "ledger" {
                facts.ledger = self.ledger(value, &path, &mut facts.warnings);
                continue;
            }
            let Some((kind, _)) = self.schema.roots().find(|(_, k)| k.name == *key) else {
                let names: Vec<&str> =
                    self.schema.roots().map(|(_, k)| k.name.as_str()).chain(["as_of", "ledger"]).collect();
                self.invalid(&path, format!("unknown key `{}`", quote(key)), suggest_help(key, names, "top-level key"));
                continue;
            };
            facts.roots.extend(self.list(value, kind, &path, key));
        }
        facts
    }

    fn list(&mut self, json: &Json, kind: KindId, path: &str, parent_path: &str) -> Vec<Entity> {
        let Json::Array(items) = json else {
            self.invalid(
                path,
                format!("expected a list of entities, found {}", describe(json)),
                "write [ { \"id\": \"…\", … } ]",
            );
            return Vec::new();
        };
        let entities: Vec<Entity> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.entity(item, kind, &format!("{path}[{i}]"), parent_path))
            .collect();
        // Ids name entities in every result, so two alike in one list would be ambiguous.
        let mut seen = std::collections::HashSet::new();
        for entity in &entities {
            if !seen.insert(&entity.id) {
                let message = format!("two entities in this list have the id `{}`", quote(&entity.id));
                self.invalid(path, message, "give every entity in a list its own id");
            }
        }
        entities
    }

    fn entity(&mut self, json: &Json, kind: KindId, path: &str, parent_path: &str) -> Option<Entity> {
        self.entities += 1;
        if self.entities == MAX_ENTITIES + 1 {
            let message = format!("more than {MAX_ENTITIES} entities in one fact set");
            self.invalid(
                path,
                message,
                "give a large population as JSON Lines, one fact set a line (`policy eval --jsonl`)",
            );
        }
        if self.entities > MAX_ENTITIES {
            return None;
        }
        let def = self.schema.kinds.get(kind)?;
        let Json::Object(map) = json else {
            self.invalid(
                path,
                format!("expected an object, found {}", describe(json)),
                format!("write one `{}` as {{ \"id\": \"…\", … }}", def.name),
            );
            return None;
        };
        let id_path = format!("{path}.id");
        let id: Arc<str> = match map.get("id") {
            Some(Json::String(s)) if !s.is_empty() && !s.contains('.') => s.as_str().into(),
            Some(Json::Number(n)) if whole(n) => n.to_string().into(),
            Some(Json::String(s)) if s.contains('.') => {
                let message = format!("the id \"{}\" contains `.`, which separates the parts of a path", quote(s));
                self.invalid(&id_path, message, "write the id without `.`, e.g. \"E1_5\" for \"E1.5\"");
                return None;
            }
            Some(Json::Number(n)) => {
                self.invalid(
                    &id_path,
                    format!("the id `{}` is not written as a whole number", quote(&n.to_string())),
                    "write a numeric id as a whole number, or as a string without `.` (e.g. \"1_5\")",
                );
                return None;
            }
            other => {
                let found = other.map_or("nothing".to_string(), describe);
                self.invalid(
                    &id_path,
                    format!("expected an id (a non-empty string without `.`), found {found}"),
                    "give every entity an `id`, e.g. \"E1\"",
                );
                return None;
            }
        };
        let entity_path: Arc<str> = format!("{parent_path}.{id}").into();
        for key in map.keys().filter(|k| *k != "id" && def.field(k).is_none()) {
            let help = suggest_help(key, def.fields.iter().map(|f| f.name.as_str()), "field");
            let message = format!("`{}` has no field `{}`", def.name, quote(key));
            self.invalid(&format!("{path}.{}", quote(key)), message, help);
        }
        let mut slots = Vec::with_capacity(def.fields.len());
        for field in &def.fields {
            let field_path = format!("{path}.{}", field.name);
            let slot = match map.get(&field.name) {
                None | Some(Json::Null) if field.optional => Slot::Missing,
                None | Some(Json::Null) => {
                    let help = format!(
                        "give `{}` a value, or declare it optional (`{}?: …`) in the schema",
                        field.name, field.name
                    );
                    self.invalid(
                        &field_path,
                        format!("missing fact `{}` ({})", field.name, self.schema.type_name(&field.ty)),
                        help,
                    );
                    Slot::Missing
                }
                Some(value) => match field.ty {
                    Ty::List(child) => {
                        Slot::Children(self.list(value, child, &field_path, &format!("{entity_path}.{}", field.name)))
                    }
                    ty => self.value(value, ty, &field_path).map_or(Slot::Missing, Slot::Value),
                },
            };
            slots.push(slot);
        }
        Some(Entity { kind, id, path: entity_path, slots })
    }

    fn value(&mut self, json: &Json, ty: Ty, path: &str) -> Option<Value> {
        let value = match (ty, json) {
            (Ty::Money, _) => money(json).map(Value::Dec),
            (Ty::Rate, _) => rate(json).map(Value::Dec),
            (Ty::Number, Json::Number(n)) => number(n).map(Value::Dec),
            (Ty::Count, Json::Number(n)) => {
                number(n).filter(|d| d.fract().is_zero() && !d.is_sign_negative()).map(Value::Dec)
            }
            (Ty::Date, _) => return self.date(json, path).map(Value::Date),
            (Ty::Bool, Json::Bool(b)) => Some(Value::Bool(*b)),
            (Ty::Text, Json::String(s)) => Some(Value::Text(s.as_str().into())),
            (Ty::Duration, Json::String(s)) => crate::dates::parse_duration(s).map(Value::Duration),
            (Ty::Enum(e), Json::String(s)) => {
                let def = self.schema.enums.get(e)?;
                match def.variants.iter().position(|v| v == s) {
                    Some(i) => Some(Value::Enum(i)),
                    None => {
                        let help = suggest_help(s, def.variants.iter().map(String::as_str), "value");
                        self.invalid(path, format!("`{}` is not a value of enum `{}`", quote(s), def.name), help);
                        return None;
                    }
                }
            }
            _ => None,
        };
        if value.is_none() {
            let (expected, help) = expectation(ty, self.schema);
            self.invalid(path, format!("expected {expected}, found {}", describe(json)), help);
        }
        if let (Some(Value::Dec(d)), Ty::Money) = (&value, ty) {
            if d.is_sign_negative() {
                self.invalid(path, format!("money cannot be negative, found {d}"), "amounts in facts are zero or more");
                return None;
            }
        }
        value
    }

    fn ledger(&mut self, json: &Json, path: &str, warnings: &mut Vec<String>) -> Vec<Grant> {
        let Json::Array(items) = json else {
            self.invalid(
                path,
                format!("expected a list of grants, found {}", describe(json)),
                "write [ { \"policy\": …, \"rule\": …, \"entity\": …, \"year\": …, \"date\": …, \"amount\": … } ]",
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
                    Some(format!("rule `{}` pays once a year", r.id))
                }
                (_, Some(pool)) => Some(format!("pool `{}` counts grants per year", pool.id)),
                _ => None,
            };
            if let Some(needs) = needs {
                self.invalid(
                    &format!("{}.year", grant.at),
                    format!("missing the year the grant is for: {needs}"),
                    "give `\"year\": 2023`, the year the grant is for (not the year it was paid)",
                );
            }
        }
        if let (Some(r), None) = (rule, &grant.key) {
            if r.frequency == crate::terms::Frequency::Once && r.once_per.is_some() {
                self.invalid(
                    &format!("{}.key", grant.at),
                    format!("missing the key: rule `{}` pays once per value, so the grant must say which", r.id),
                    "give `\"key\"`: the value the grant was for, e.g. the phase (\"III\") or the variety's name",
                );
            }
        }
        if rule.is_none() && !program.pools.iter().any(|p| grant.counts_in(p)) {
            warnings.push(format!(
                "{}: a grant under `{}`, which is not loaded, counts in no pool; it is not taken into account",
                grant.at,
                quote(&grant.policy)
            ));
        }
    }

    fn grant(&mut self, json: &Json, path: &str) -> Option<Grant> {
        let Json::Object(map) = json else {
            self.invalid(
                path,
                format!("expected a grant, found {}", describe(json)),
                "a grant is an object with policy, rule, entity, year, date, amount",
            );
            return None;
        };
        const FIELDS: [&str; 10] =
            ["policy", "rule", "entity", "year", "key", "date", "amount", "payers", "issuer", "level"];
        for key in map.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
            self.invalid(
                &format!("{path}.{}", quote(key)),
                format!("a grant has no field `{}`", quote(key)),
                suggest_help(key, FIELDS, "field"),
            );
        }
        let mut text = |field: &str, required: bool| match map.get(field) {
            Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
            None | Some(Json::Null) if !required => None,
            other => {
                let found = other.map_or("nothing".to_string(), describe);
                self.invalid(
                    &format!("{path}.{field}"),
                    format!("expected text, found {found}"),
                    format!("give the grant's `{field}`"),
                );
                None
            }
        };
        let (policy, entity) = (text("policy", true), text("entity", true));
        let (rule, issuer, level) = (text("rule", false), text("issuer", false), text("level", false));
        let date = match map.get("date") {
            Some(d) => self.date(d, &format!("{path}.date")),
            None => {
                self.invalid(&format!("{path}.date"), "missing date", "give the date the grant was paid");
                None
            }
        };
        let year = map.get("year").filter(|y| !y.is_null()).and_then(|y| self.year(y, &format!("{path}.year")));
        let amount = map.get("amount").and_then(|a| self.value(a, Ty::Money, &format!("{path}.amount")));
        if map.get("amount").is_none() {
            self.invalid(&format!("{path}.amount"), "missing amount", "give the amount paid");
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
                    format!(
                        "the payers' parts add up to {}, not the amount {amount}",
                        sum.map_or("too much".into(), |s| s.to_string())
                    ),
                    "give each payer's part so that they add up to `amount`",
                );
            }
        }
        let rule_index = match self.program.policies.iter().position(|p| p.id == policy) {
            None => None,
            Some(p) => {
                let Some(rule) = &rule else {
                    self.invalid(
                        &format!("{path}.rule"),
                        format!(
                            "missing the rule: policy `{}` is loaded, so the grant must name its rule",
                            quote(&policy)
                        ),
                        "give `\"rule\"`, the id of the rule the grant was made under",
                    );
                    return None;
                };
                let index = self.program.rules.iter().position(|r| r.policy == p && r.id == *rule);
                if index.is_none() {
                    let ids = self.program.rules.iter().filter(|r| r.policy == p).map(|r| r.id.as_str());
                    self.invalid(
                        &format!("{path}.rule"),
                        format!("policy `{}` has no rule `{}`", quote(&policy), quote(rule)),
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
                format!("expected a year, found {}", describe(json)),
                "write the year as a number, e.g. 2023",
            );
        }
        year
    }

    /// `"payers": { "city": "50万", "district": "50万" }`
    fn payers(&mut self, json: &Json, path: &str) -> Vec<(String, Decimal)> {
        let Json::Object(map) = json else {
            self.invalid(
                path,
                format!("expected payers, found {}", describe(json)),
                "write { \"city\": …, \"district\": … }",
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

    fn date(&mut self, json: &Json, path: &str) -> Option<NaiveDate> {
        let parsed = json.as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        if parsed.is_none() {
            self.invalid(
                path,
                format!("expected a date, found {}", describe(json)),
                "write a calendar date as \"YYYY-MM-DD\"",
            );
        }
        parsed
    }
}

/// A JSON number, exactly: serde_json keeps its text (arbitrary_precision), never an f64.
fn number(n: &serde_json::Number) -> Option<Decimal> {
    let text = n.to_string();
    Decimal::from_str_exact(&text).ok().or_else(|| Decimal::from_scientific(&text).ok())
}

/// True for a JSON number written as a whole number (`12`, `-3`), the only numbers that
/// serve as ids: `1.5` would read as the path `enterprise.1.5`, and `1e3` is not `1000`'s text.
fn whole(n: &serde_json::Number) -> bool {
    let text = n.to_string();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Money from a number or a string such as `"1200万"`, `"1.5亿"`, `"400万元"`, `"4,000,000"`.
pub(crate) fn money(json: &Json) -> Option<Decimal> {
    match json {
        Json::Number(n) => number(n),
        Json::String(s) => parse_money(s),
        _ => None,
    }
}

/// Parses written money: digits with optional `_` or `,` grouping, then `万`/`亿`, then `元`.
pub fn parse_money(text: &str) -> Option<Decimal> {
    let ascii = ascii_figures(text);
    let s = ascii.trim();
    let s = s.strip_suffix('元').unwrap_or(s);
    let (digits, factor) = if let Some(d) = s.strip_suffix('万') {
        (d, Decimal::from(10_000))
    } else if let Some(d) = s.strip_suffix('亿') {
        (d, Decimal::from(100_000_000))
    } else {
        (s, Decimal::ONE)
    };
    let digits: String = digits.trim().chars().filter(|c| !matches!(c, '_' | ',')).collect();
    if digits.is_empty() || digits.starts_with('+') {
        return None;
    }
    Decimal::from_str_exact(&digits).ok()?.checked_mul(factor)
}

/// Full-width figures and punctuation (`１２００万`, `２５％`, `，`) as their ASCII forms: what
/// they mean is not in doubt, so facts typed on a Chinese keyboard are read as written.
fn ascii_figures(text: &str) -> String {
    text.chars().map(|c| crate::amounts::full_width(c).unwrap_or(c)).collect()
}

/// A rate from a fraction (`0.25`) or a string (`"25%"`, `"5‰"`).
fn rate(json: &Json) -> Option<Decimal> {
    match json {
        Json::Number(n) => number(n),
        Json::String(s) => {
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
    let (what, help) = match ty {
        Ty::Money => ("money", "write a number (30000000) or a string such as \"3000万\""),
        Ty::Rate => ("a rate", "write a fraction (0.25) or a string such as \"25%\""),
        Ty::Number => ("a number", "write a JSON number"),
        Ty::Count => ("a count", "write a whole number, 0 or more"),
        Ty::Bool => ("true or false", "write true or false"),
        Ty::Text => ("text", "write a JSON string"),
        Ty::Duration => ("a duration", "write a string such as \"3 years\" or \"30 days\""),
        Ty::Enum(_) => ("one of the enum's values", "write the value as a string"),
        _ => ("a value", "see the schema"),
    };
    let what = match ty {
        Ty::Enum(_) => format!("a value of enum `{}`", schema.type_name(&ty)),
        _ => what.to_string(),
    };
    (what, help.to_string())
}

/// A JSON value in words, for error messages.
fn describe(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("`{b}`"),
        Json::Number(n) => format!("`{n}`"),
        Json::String(s) => format!("\"{}\"", quote(s)),
        Json::Array(_) => "a list".into(),
        Json::Object(_) => "an object".into(),
    }
}
