//! Results and diagnostics for people (tables, rendered diagnostics) and machines (JSON).

mod diagnostics;
mod table;

pub use diagnostics::{render_diagnostics, ErrorFormat};
pub use table::table;

use crate::eval::{Evaluation, Total};
use serde_json::{json, Map, Value};

/// The evaluation as JSON: `{"as_of", "awards": [...], "not_applicable": [...], "totals": {entity: {...}}}`.
pub fn json(evaluation: &Evaluation) -> Value {
    let mut value = serde_json::to_value(evaluation).unwrap_or(Value::Null);
    let totals: Map<String, Value> = evaluation.totals.iter().map(|t| (t.entity.clone(), total(t))).collect();
    if let Some(object) = value.as_object_mut() {
        object.insert("totals".into(), Value::Object(totals));
    }
    value
}

fn total(t: &Total) -> Value {
    json!({
        "owed": t.owed.to_string(),
        "ceiling": t.ceiling.map(|c| c.to_string()),
        "case_by_case": t.case_by_case,
    })
}
