//! Sixteen Changzhou provisions written by hand in plain Rust with `Decimal`: the yardstick
//! the interpreter is measured against (benches/evaluate.rs), and checked to give the
//! interpreter's results (tests/it/baseline.rs). Same facts in (already parsed), same
//! awards out; field slots are resolved once, by name, as a hand-written engine would.
#![allow(dead_code, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, Months, NaiveDate};
use policy_lang::facts::{Entity, Facts, Grant, Slot};
use policy_lang::program::{Program, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The rules the baseline covers (and the pool CZ-03-1c over the first two).
pub const RULES: [&str; 16] = [
    "CZ-01a", "CZ-01b", "CZ-02", "CZ-03-1a", "CZ-03-1b", "CZ-03-2a", "CZ-03-2b", "CZ-03-3", "CZ-05", "CZ-06-2",
    "CZ-06-3", "CZ-06-4a", "CZ-08", "CZ-09", "CZ-11a", "CZ-11b",
];

/// One outcome: rule, entity path, kind, and the bounds (min, max) in fen-rounded yuan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Outcome {
    pub rule: String,
    pub entity: String,
    pub kind: &'static str,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

/// Field slots and enum indices, looked up once.
pub struct Baseline {
    slots: HashMap<(&'static str, &'static str), usize>,
    variants: HashMap<(&'static str, &'static str), usize>,
    kinds: HashMap<&'static str, usize>,
    effective: NaiveDate,
    expires: NaiveDate,
}

fn wan(n: i64) -> Decimal {
    Decimal::from(n * 10_000)
}

fn pct(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// Whether the ledger already holds a grant of (rule, entity[, key]).
type Once<'a> = dyn Fn(&str, &str, Option<&str>) -> bool + 'a;
/// Records an outcome: rule, entity, event date, kind, min, max, and the key of a one-off
/// counted across the enterprise (CZ-08: once per product name within the enterprise).
type Push<'a> =
    dyn FnMut(&'static str, &str, NaiveDate, &'static str, Option<Decimal>, Option<Decimal>, Option<String>) + 'a;

struct Raw {
    order: usize,
    rule: &'static str,
    entity: String,
    top: String,
    date: NaiveDate,
    kind: &'static str,
    min: Option<Decimal>,
    max: Option<Decimal>,
    once_key: Option<String>,
}

impl Baseline {
    pub fn new(program: &Program) -> Baseline {
        let schema = &program.schema;
        let mut slots = HashMap::new();
        let mut kinds = HashMap::new();
        let fields: &[(&str, &[&str])] = &[
            (
                "enterprise",
                &[
                    "city",
                    "local",
                    "clinical_trial_institution",
                    "recommended_by_authority",
                    "hq_parent_category",
                    "regional_hq_established_on",
                    "local_output_value",
                    "paid_in_capital",
                    "glp_gcp_first_on",
                    "glp_gcp_items",
                    "cnas_first_on",
                ],
            ),
            (
                "platform",
                &[
                    "level",
                    "new_in_city",
                    "established_on",
                    "platform_type",
                    "upper_level_approved_on",
                    "upper_level_funds_received",
                    "independent_legal_person",
                    "in_key_zone",
                    "recognized_on",
                    "new_rd_equipment_investment",
                ],
            ),
            (
                "project",
                &[
                    "project_type",
                    "key_special_level",
                    "filed_with_city_on",
                    "product_kind",
                    "device_class",
                    "registered_locally",
                    "industrialized_locally",
                    "registered_on",
                    "total_investment",
                    "equipment_investment",
                ],
            ),
            (
                "drug",
                &[
                    "category",
                    "transformed_locally",
                    "phase_entered",
                    "phase_entered_on",
                    "phase_completed",
                    "phase_completed_on",
                    "rd_cost_verified",
                    "consistency_pass_rank",
                    "consistency_passed_on",
                ],
            ),
            (
                "device",
                &[
                    "device_class",
                    "registered_on",
                    "rd_cost_verified",
                    "innovative_review_level",
                    "innovative_review_on",
                ],
            ),
            ("annual_report", &["innovative_trial_service_amount", "period_end"]),
            ("certification", &["product_kind", "device_class", "obtained_on", "product_name"]),
            ("glp_gcp_item", &["obtained_on"]),
        ];
        for (kind, names) in fields {
            let k = schema.kind_named(kind).expect("kind");
            kinds.insert(*kind, k);
            for name in *names {
                let slot = schema.kinds[k].field(name).unwrap_or_else(|| panic!("{kind}.{name}"));
                slots.insert((*kind, *name), slot);
            }
        }
        let mut variants = HashMap::new();
        for e in &schema.enums {
            for (i, v) in e.variants.iter().enumerate() {
                let (e, v): (&'static str, &'static str) =
                    (Box::leak(e.name.clone().into_boxed_str()), Box::leak(v.to_string().into_boxed_str()));
                variants.insert((e, v), i);
            }
        }
        let policy = program.policies.iter().find(|p| &*p.id == "changzhou_2023").expect("policy");
        Baseline {
            slots,
            variants,
            kinds,
            effective: policy.effective.expect("effective"),
            expires: policy.expires.expect("expires"),
        }
    }

    fn get<'e>(&self, e: &'e Entity, kind: &'static str, field: &'static str) -> Option<&'e Value> {
        match e.slots.get(self.slots[&(kind, field)])? {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }
    fn dec(&self, e: &Entity, k: &'static str, f: &'static str) -> Option<Decimal> {
        match self.get(e, k, f)? {
            Value::Dec(d) => Some(*d),
            _ => None,
        }
    }
    fn flag(&self, e: &Entity, k: &'static str, f: &'static str) -> Option<bool> {
        match self.get(e, k, f)? {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn date(&self, e: &Entity, k: &'static str, f: &'static str) -> Option<NaiveDate> {
        match self.get(e, k, f)? {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    /// The enum value's name index, compared against `variant` of enum `en`.
    fn is(
        &self,
        e: &Entity,
        k: &'static str,
        f: &'static str,
        en: &'static str,
        variant: &'static str,
    ) -> Option<bool> {
        match self.get(e, k, f)? {
            Value::Enum(i) => Some(*i == self.variants[&(en, variant)]),
            _ => None,
        }
    }
    fn one_of(
        &self,
        e: &Entity,
        k: &'static str,
        f: &'static str,
        en: &'static str,
        vs: &[&'static str],
    ) -> Option<bool> {
        match self.get(e, k, f)? {
            Value::Enum(i) => Some(vs.iter().any(|v| *i == self.variants[&(en, *v)])),
            _ => None,
        }
    }
    fn phase(&self, e: &Entity, f: &'static str) -> Option<&'static str> {
        match self.get(e, "drug", f)? {
            Value::Enum(i) => ["I", "II", "III"].into_iter().find(|v| *i == self.variants[&("phase", *v)]),
            _ => None,
        }
    }

    fn in_window(&self, date: NaiveDate, as_of: NaiveDate) -> bool {
        date <= as_of && date >= self.effective && date <= self.expires
    }

    /// Evaluates the sixteen rules for every top-level entity of `facts`.
    pub fn evaluate(&self, facts: &Facts, as_of: NaiveDate) -> Vec<Outcome> {
        let mut granted: HashMap<(&str, &str), Vec<&Grant>> = HashMap::new();
        for g in facts.ledger.iter().filter(|g| g.policy == "changzhou_2023") {
            let rule = g.rule.as_deref().unwrap_or("");
            // CZ-08 is once per product name within the enterprise: filed under the enterprise.
            let path = if rule == "CZ-08" {
                g.entity.match_indices('.').nth(1).map_or(&*g.entity, |(i, _)| &g.entity[..i])
            } else {
                &g.entity
            };
            granted.entry((rule, path)).or_default().push(g);
        }
        let mut raw = Vec::new();
        for top in &facts.roots {
            self.enterprise(top, as_of, &granted, &mut raw);
        }
        self.pools(raw, &facts.ledger)
    }

    fn enterprise(
        &self,
        e: &Entity,
        as_of: NaiveDate,
        granted: &HashMap<(&str, &str), Vec<&Grant>>,
        raw: &mut Vec<Raw>,
    ) {
        // scope enterprise.city == changzhou
        if self.is(e, "enterprise", "city", "city", "changzhou") != Some(true) {
            return;
        }
        let top = e.path.to_string();
        let once = |rule: &str, path: &str, key: Option<&str>| {
            granted.get(&(rule, path)).is_some_and(|gs| gs.iter().any(|g| key.is_none() || g.key.as_deref() == key))
        };
        let mut push = |rule: &'static str, path: &str, date, kind, min, max, once_key| {
            let order = raw.len();
            raw.push(Raw { order, rule, entity: path.to_string(), top: top.clone(), date, kind, min, max, once_key });
        };
        let local = self.flag(e, "enterprise", "local");
        // CZ-06-4a (enterprise, event = as_of)
        (|| {
            if !self.in_window(as_of, as_of) {
                return None;
            }
            let parent = self.one_of(
                e,
                "enterprise",
                "hq_parent_category",
                "parent_category",
                &["fortune_global_500", "china_pharma_top100", "listed_biopharma"],
            )?;
            if !parent {
                return None;
            }
            let since = self.date(e, "enterprise", "regional_hq_established_on")?;
            if since.checked_add_months(Months::new(12))? > as_of {
                return None;
            }
            if self.dec(e, "enterprise", "local_output_value")? < Decimal::from(1_500_000_000) {
                return None;
            }
            if once("CZ-06-4a", &e.path, None) {
                return None;
            }
            let amount = (pct(2) * self.dec(e, "enterprise", "paid_in_capital")?).min(wan(3000));
            push("CZ-06-4a", &e.path, as_of, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
        // CZ-11a
        (|| {
            let date = self.date(e, "enterprise", "glp_gcp_first_on")?;
            if !self.in_window(date, as_of) || once("CZ-11a", &e.path, None) {
                return None;
            }
            // The items certified or filed on the first date, counted from the records.
            let Slot::Children(items) = e.slots.get(self.slots[&("enterprise", "glp_gcp_items")])? else { return None };
            let first = items.iter().filter(|i| self.date(i, "glp_gcp_item", "obtained_on") == Some(date)).count();
            let n = Decimal::from(first);
            let amount = if n >= Decimal::from(5) {
                wan(50)
            } else if n >= Decimal::from(3) {
                wan(30)
            } else {
                return None;
            };
            push("CZ-11a", &e.path, date, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
        // CZ-11b
        (|| {
            let date = self.date(e, "enterprise", "cnas_first_on")?;
            if !self.in_window(date, as_of) || once("CZ-11b", &e.path, None) {
                return None;
            }
            push("CZ-11b", &e.path, date, "exact", Some(wan(50)), Some(wan(50)), None);
            Some(())
        })();
        for slot in &e.slots {
            let Slot::Children(children) = slot else { continue };
            for c in children {
                let kind = self.kinds.iter().find(|(_, k)| **k == c.kind).map(|(n, _)| *n);
                match kind {
                    Some("platform") => self.platform(c, as_of, &once, &mut push),
                    Some("project") => self.project(c, as_of, &once, &mut push),
                    Some("drug") => self.drug(c, as_of, &once, &mut push),
                    Some("device") => self.device(c, as_of, &once, &mut push),
                    Some("annual_report") => self.annual_report(e, c, as_of, granted, &mut push),
                    Some("certification") if local == Some(true) => self.certification(c, as_of, &once, &mut push),
                    Some("certification") => {}
                    _ => {}
                }
            }
        }
    }

    fn platform(&self, p: &Entity, as_of: NaiveDate, once: &Once, push: &mut Push) {
        (|| {
            if !self.is(p, "platform", "level", "admin_level", "national")?
                || !self.flag(p, "platform", "new_in_city")?
            {
                return None;
            }
            let date = self.date(p, "platform", "established_on")?;
            if !self.in_window(date, as_of) || once("CZ-01a", &p.path, None) {
                return None;
            }
            push("CZ-01a", &p.path, date, "up_to", Some(Decimal::ZERO), Some(wan(1000)), None);
            Some(())
        })();
        (|| {
            if self.is(p, "platform", "platform_type", "platform_type", "public_service")? {
                return None;
            }
            let national = self.is(p, "platform", "level", "admin_level", "national")?;
            let provincial = self.is(p, "platform", "level", "admin_level", "provincial")?;
            if !national && !provincial {
                return None;
            }
            let date = self.date(p, "platform", "upper_level_approved_on")?;
            if !self.in_window(date, as_of) || once("CZ-01b", &p.path, None) {
                return None;
            }
            let cap = if national { wan(10_000) } else { wan(5000) };
            let amount = self.dec(p, "platform", "upper_level_funds_received")?.min(cap);
            push("CZ-01b", &p.path, date, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
        (|| {
            if !self.is(p, "platform", "platform_type", "platform_type", "public_service")?
                || !self.flag(p, "platform", "new_in_city")?
                || !self.flag(p, "platform", "independent_legal_person")?
                || !self.flag(p, "platform", "in_key_zone")?
            {
                return None;
            }
            let date = self.date(p, "platform", "recognized_on")?;
            if !self.in_window(date, as_of) || once("CZ-09", &p.path, None) {
                return None;
            }
            let max = (pct(30) * self.dec(p, "platform", "new_rd_equipment_investment")?).min(wan(2000));
            push("CZ-09", &p.path, date, "up_to", Some(Decimal::ZERO), Some(max), None);
            Some(())
        })();
    }

    fn project(&self, p: &Entity, as_of: NaiveDate, once: &Once, push: &mut Push) {
        (|| {
            if !self.is(p, "project", "project_type", "project_type", "research")?
                || !self.one_of(p, "project", "key_special_level", "admin_level", &["national", "provincial"])?
            {
                return None;
            }
            let date = self.date(p, "project", "filed_with_city_on")?;
            if !self.in_window(date, as_of) || once("CZ-02", &p.path, None) {
                return None;
            }
            push("CZ-02", &p.path, date, "range", Some(wan(50)), Some(wan(100)), None);
            Some(())
        })();
        for (rule, kind, device, lo, hi) in
            [("CZ-06-2", "drug", false, wan(10_000), wan(50_000)), ("CZ-06-3", "device", true, wan(5000), wan(10_000))]
        {
            (|| {
                if !self.is(p, "project", "project_type", "project_type", "industrialization")?
                    || !self.is(p, "project", "product_kind", "product_kind", kind)?
                {
                    return None;
                }
                if device && !self.is(p, "project", "device_class", "device_class", "III")? {
                    return None;
                }
                if !self.flag(p, "project", "registered_locally")?
                    || !self.flag(p, "project", "industrialized_locally")?
                {
                    return None;
                }
                let date = self.date(p, "project", "registered_on")?;
                if !self.in_window(date, as_of) || once(rule, &p.path, None) {
                    return None;
                }
                let investment = self.dec(p, "project", "total_investment")?;
                if investment >= lo && investment <= hi {
                    let max = (pct(12) * self.dec(p, "project", "equipment_investment")?).min(wan(1000));
                    push(rule, &p.path, date, "up_to", Some(Decimal::ZERO), Some(max), None);
                } else if investment > hi {
                    push(rule, &p.path, date, "case_by_case", None, None, None);
                }
                Some(())
            })();
        }
    }

    fn drug(&self, d: &Entity, as_of: NaiveDate, once: &Once, push: &mut Push) {
        (|| {
            if !self.is(d, "drug", "category", "drug_category", "innovative_drug")?
                || !self.flag(d, "drug", "transformed_locally")?
            {
                return None;
            }
            let phase = self.phase(d, "phase_entered")?;
            let date = self.date(d, "drug", "phase_entered_on")?;
            if !self.in_window(date, as_of) || once("CZ-03-1a", &d.path, Some(phase)) {
                return None;
            }
            let amount = match phase {
                "I" => wan(100),
                "II" => wan(150),
                _ => wan(250),
            };
            push("CZ-03-1a", &d.path, date, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
        (|| {
            if !self.one_of(d, "drug", "category", "drug_category", &["innovative_drug", "improved_new_drug"])?
                || !self.flag(d, "drug", "transformed_locally")?
            {
                return None;
            }
            let phase = self.phase(d, "phase_completed")?;
            let date = self.date(d, "drug", "phase_completed_on")?;
            if !self.in_window(date, as_of) || once("CZ-03-1b", &d.path, Some(phase)) {
                return None;
            }
            let cap = match phase {
                "I" => wan(100),
                "II" => wan(200),
                _ => wan(400),
            };
            let amount = (pct(20) * self.dec(d, "drug", "rd_cost_verified")?).min(cap);
            push("CZ-03-1b", &d.path, date, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
        (|| {
            if !self.is(d, "drug", "category", "drug_category", "generic_drug")?
                || self.dec(d, "drug", "consistency_pass_rank")? != Decimal::ONE
            {
                return None;
            }
            let date = self.date(d, "drug", "consistency_passed_on")?;
            if !self.in_window(date, as_of) || once("CZ-03-3", &d.path, None) {
                return None;
            }
            let amount = (pct(20) * self.dec(d, "drug", "rd_cost_verified")?).min(wan(400));
            push("CZ-03-3", &d.path, date, "exact", Some(amount), Some(amount), None);
            Some(())
        })();
    }

    fn device(&self, d: &Entity, as_of: NaiveDate, once: &Once, push: &mut Push) {
        (|| {
            if !self.is(d, "device", "device_class", "device_class", "III")? {
                return None;
            }
            let date = self.date(d, "device", "registered_on")?;
            if !self.in_window(date, as_of) || once("CZ-03-2a", &d.path, None) {
                return None;
            }
            let max = (pct(20) * self.dec(d, "device", "rd_cost_verified")?).min(wan(200));
            push("CZ-03-2a", &d.path, date, "up_to", Some(Decimal::ZERO), Some(max), None);
            Some(())
        })();
        (|| {
            if !self.is(d, "device", "device_class", "device_class", "III")?
                || !self.one_of(d, "device", "innovative_review_level", "review_level", &["national", "provincial"])?
            {
                return None;
            }
            let date = self.date(d, "device", "innovative_review_on")?;
            if !self.in_window(date, as_of) || once("CZ-03-2b", &d.path, None) {
                return None;
            }
            push("CZ-03-2b", &d.path, date, "up_to", Some(Decimal::ZERO), Some(wan(100)), None);
            Some(())
        })();
    }

    fn annual_report(
        &self,
        e: &Entity,
        r: &Entity,
        as_of: NaiveDate,
        granted: &HashMap<(&str, &str), Vec<&Grant>>,
        push: &mut Push,
    ) {
        (|| {
            if !self.flag(e, "enterprise", "clinical_trial_institution")?
                || !self.flag(e, "enterprise", "local")?
                || !self.flag(e, "enterprise", "recommended_by_authority")?
            {
                return None;
            }
            let amount = self.dec(r, "annual_report", "innovative_trial_service_amount")?;
            if amount < wan(500) {
                return None;
            }
            let date = self.date(r, "annual_report", "period_end")?;
            let paid =
                granted.get(&("CZ-05", &*r.path)).is_some_and(|gs| gs.iter().any(|g| g.year == Some(date.year())));
            if !self.in_window(date, as_of) || paid {
                return None;
            }
            let max = (pct(5) * amount).min(wan(200));
            push("CZ-05", &r.path, date, "up_to", Some(Decimal::ZERO), Some(max), None);
            Some(())
        })();
    }

    fn certification(&self, c: &Entity, as_of: NaiveDate, once: &Once, push: &mut Push) {
        (|| {
            let drug = self.is(c, "certification", "product_kind", "product_kind", "drug")?;
            let device = self.is(c, "certification", "product_kind", "product_kind", "device")?;
            // `device_class` is read only for devices, as the rule's `or` short-circuits.
            if !(drug || device && self.is(c, "certification", "device_class", "device_class", "III")?) {
                return None;
            }
            let date = self.date(c, "certification", "obtained_on")?;
            // once per product_name within enterprise: ledger grants are filed under the enterprise.
            let name = match self.get(c, "certification", "product_name")? {
                Value::Text(t) => t.to_string(),
                _ => return None,
            };
            let top = c.path.split('.').take(2).collect::<Vec<_>>().join(".");
            if !self.in_window(date, as_of) || once("CZ-08", &top, Some(&name)) {
                return None;
            }
            push("CZ-08", &c.path, date, "range", Some(wan(10)), Some(wan(50)), Some(name));
            Some(())
        })();
    }

    /// Rounding, then the pool CZ-03-1c and the yearly caps, served by event date then order.
    fn pools(&self, mut raw: Vec<Raw>, ledger: &[Grant]) -> Vec<Outcome> {
        let fen = |d: Decimal| {
            let mut r = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            r.rescale(2);
            r
        };
        for r in &mut raw {
            r.min = r.min.map(fen);
            r.max = r.max.map(fen);
        }
        // Of several records of one enterprise earning a one-off for the same key, the
        // earliest event is paid (then the first evaluated).
        let mut first: HashMap<(&str, String, String), (NaiveDate, usize)> = HashMap::new();
        for r in &raw {
            if let Some(key) = &r.once_key {
                let best = first.entry((r.rule, r.top.clone(), key.clone())).or_insert((r.date, r.order));
                *best = (*best).min((r.date, r.order));
            }
        }
        let first: HashMap<(&str, String, String), usize> = first.into_iter().map(|(k, (_, o))| (k, o)).collect();
        raw.retain(|r| {
            r.once_key.as_ref().is_none_or(|k| first.get(&(r.rule, r.top.clone(), k.clone())) == Some(&r.order))
        });
        let caps: [(&str, &[&str], Decimal); 4] = [
            ("CZ-03-1c", &["CZ-03-1a", "CZ-03-1b"], wan(1000)),
            ("CZ-03-2a", &["CZ-03-2a"], wan(300)),
            ("CZ-03-3", &["CZ-03-3"], wan(1000)),
            ("CZ-08", &["CZ-08"], wan(200)),
        ];
        let mut used: HashMap<(&str, String, i32), Decimal> = HashMap::new();
        for g in ledger.iter().filter(|g| g.policy == "changzhou_2023") {
            for (pool, members, _) in &caps {
                if members.contains(&g.rule.as_deref().unwrap_or("")) {
                    let top = g.entity.split('.').take(2).collect::<Vec<_>>().join(".");
                    *used.entry((pool, top, g.year.unwrap_or(i32::MIN))).or_default() += g.amount;
                }
            }
        }
        let mut order: Vec<usize> = (0..raw.len()).collect();
        order.sort_by_key(|&i| (raw[i].date, raw[i].order));
        for i in order {
            let r = &mut raw[i];
            for (pool, members, cap) in &caps {
                if !members.contains(&r.rule) {
                    continue;
                }
                let key = (*pool, r.top.clone(), r.date.year());
                let room = (*cap - used.get(&key).copied().unwrap_or_default()).max(Decimal::ZERO);
                r.min = r.min.map(|m| m.min(room));
                r.max = Some(r.max.map_or(room, |m| m.min(room)));
                if r.kind != "case_by_case" {
                    *used.entry(key).or_default() += r.max.unwrap_or_default();
                }
            }
        }
        raw.into_iter()
            .map(|r| Outcome { rule: r.rule.to_string(), entity: r.entity, kind: r.kind, min: r.min, max: r.max })
            .collect()
    }
}
