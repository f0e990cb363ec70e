//! A deterministic synthetic population: fact sets drawn from the schema itself, so every
//! kind, field and enum value the rules read appears, and the same seed always gives the
//! same enterprises. For benchmarks and `policy gen`.

use crate::program::{KindId, Program, Schema, Ty};
use serde_json::{json, Map, Value};

/// The cities the bundled policies govern, so scopes match as often as they miss.
const CITIES: [&str; 6] = ["changzhou", "wuxi", "suzhou", "chongqing", "nanjing", "other"];

/// Draws fact sets, one enterprise (with its products, projects… and a small ledger) each.
pub struct Population<'a> {
    program: &'a Program,
    rng: fastrand::Rng,
    next: u64,
}

impl<'a> Population<'a> {
    /// A population for `program`'s schema; the same seed gives the same fact sets.
    pub fn new(program: &'a Program, seed: u64) -> Self {
        Population { program, rng: fastrand::Rng::with_seed(seed), next: 0 }
    }

    /// The next fact set: `{"as_of": …, "<root kind>": [one entity], "ledger": […]}`.
    pub fn next_fact_set(&mut self) -> Value {
        self.next += 1;
        let schema = &self.program.schema;
        let mut set = Map::new();
        set.insert("as_of".into(), json!("2025-06-30"));
        let mut ledger = Vec::new();
        for (kind, def) in schema.roots() {
            let id = format!("E{}", self.next);
            let path = format!("{}.{id}", def.name);
            let entity = self.entity(schema, kind, &id, &path, 0, &mut ledger);
            set.insert(def.name.clone(), json!([entity]));
        }
        if !ledger.is_empty() {
            set.insert("ledger".into(), Value::Array(ledger));
        }
        Value::Object(set)
    }

    fn entity(
        &mut self,
        schema: &Schema,
        kind: KindId,
        id: &str,
        path: &str,
        depth: usize,
        ledger: &mut Vec<Value>,
    ) -> Value {
        let Some(def) = schema.kinds.get(kind) else { return Value::Null };
        let mut object = Map::new();
        object.insert("id".into(), json!(id));
        for field in &def.fields {
            // Optional facts are present two times in three, as in real applications.
            if field.optional && self.rng.u8(0..3) == 0 {
                continue;
            }
            let value = match field.ty {
                Ty::List(child) if depth < 3 => {
                    let n = self.rng.usize(0..3);
                    let children: Vec<Value> = (0..n)
                        .map(|i| {
                            let initial = field.name.chars().next().unwrap_or('X').to_ascii_uppercase();
                            let child_id = format!("{initial}{i}");
                            let child_path = format!("{path}.{}.{child_id}", field.name);
                            self.entity(schema, child, &child_id, &child_path, depth + 1, ledger)
                        })
                        .collect();
                    Value::Array(children)
                }
                Ty::List(_) => Value::Array(Vec::new()),
                ty => self.value(schema, ty, &field.name),
            };
            object.insert(field.name.clone(), value);
        }
        self.maybe_grant(kind, path, ledger);
        Value::Object(object)
    }

    fn value(&mut self, schema: &Schema, ty: Ty, name: &str) -> Value {
        match ty {
            // Log-uniform from 1万 to 100亿: amounts cross every threshold and cap in the seeds.
            Ty::Money => {
                let wan = 10f64.powf(self.rng.f64() * 6.0);
                json!(format!("{}万", (wan * 100.0).round() / 100.0))
            }
            Ty::Rate => json!(format!("{}%", self.rng.u32(0..=100))),
            Ty::Number => json!(self.rng.u32(0..1000)),
            Ty::Count => json!(self.rng.u32(0..8)),
            Ty::Date => {
                json!(format!("{}-{:02}-{:02}", self.rng.i32(2021..=2025), self.rng.u32(1..=12), self.rng.u32(1..=28)))
            }
            Ty::Duration => json!(format!("{} years", self.rng.u32(0..5))),
            Ty::Bool => json!(self.rng.bool()),
            Ty::Text if name == "name" => json!(format!("企业{}", self.next)),
            Ty::Text => json!("…"),
            Ty::Enum(e) => {
                let variants: Vec<&str> =
                    schema.enums.get(e).map_or(Vec::new(), |e| e.variants.iter().map(|v| &**v).collect());
                // The city enum draws from the cities the policies govern.
                let pool: Vec<&str> = if variants.contains(&"changzhou") { CITIES.to_vec() } else { variants };
                pool.get(self.rng.usize(0..pool.len().max(1))).map_or(Value::Null, |v| json!(v))
            }
            _ => Value::Null,
        }
    }

    /// One time in five, a prior grant of a rule for this entity, so ledgers are exercised.
    fn maybe_grant(&mut self, kind: KindId, path: &str, ledger: &mut Vec<Value>) {
        if self.rng.u8(0..5) != 0 {
            return;
        }
        let rules: Vec<_> = self.program.rules.iter().filter(|r| r.kind == kind).collect();
        if rules.is_empty() {
            return;
        }
        let Some(rule) = rules.get(self.rng.usize(0..rules.len())) else { return };
        let policy = self.program.policies.get(rule.policy).map_or("", |p| &*p.id);
        // A grant for one year is paid in that year or the next, as in life. (Drawn from the
        // amount, so that the stream of random numbers, and the populations, stay as they were.)
        let year = self.rng.i32(2022..=2024);
        let amount = self.rng.u32(1..200);
        let mut grant = json!({
            "policy": policy,
            "rule": rule.id,
            "entity": path,
            "year": year,
            "date": format!("{}-06-30", year + i32::from(amount % 2 == 0)),
            "amount": format!("{amount}万"),
        });
        if let (Some(_), Some(row)) = (&rule.once_per, grant.as_object_mut()) {
            row.insert("key".into(), json!(format!("K{}", amount % 3)));
        }
        ledger.push(grant);
    }
}
