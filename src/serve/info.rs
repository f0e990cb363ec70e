//! The endpoints about the rules rather than facts: list, schema, check, reload, health.

use super::evaluate::{bad_query, body_text, no_such_rule, within};
use super::problem::{diagnostics, Diagnostic, Problem, ProblemBody};
use super::state::App;
use crate::provenance::Provenance;
use crate::{Error, Source};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// A loaded policy document.
#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyInfo {
    /// e.g. `changzhou_2023`.
    pub id: String,
    /// The document's title.
    pub title: Option<String>,
    /// 发文机关.
    pub issuer: Option<String>,
    /// 文号.
    pub document: Option<String>,
    /// First day in force, YYYY-MM-DD.
    pub effective: Option<String>,
    /// Last day in force, YYYY-MM-DD.
    pub expires: Option<String>,
}

/// A loaded rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct RuleInfo {
    /// Its policy's id.
    pub policy: String,
    /// Its id, e.g. `CZ-03-2a`.
    pub id: String,
    /// A one-line summary.
    pub title: Option<String>,
    /// The clause it encodes.
    pub cite: Option<String>,
    /// The entity kind it pays, e.g. `drug`.
    pub entity: String,
    /// `once`, `yearly` or `every_event`.
    pub frequency: String,
}

/// `GET /v1/rules`.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesAnswer {
    /// The policies, in load order, as in the IR: a compact batch line (`detail=compact`)
    /// names a policy by its index here.
    pub policies: Vec<PolicyInfo>,
    /// Every rule, in load order (files by name, rules in source order), as in the IR: a
    /// compact batch line names a rule that did not pay by its index here.
    pub rules: Vec<RuleInfo>,
    /// The rules' hashes and the engine.
    pub provenance: Provenance,
}

/// The policies and rules being served.
#[utoipa::path(get, path = "/v1/rules", tag = "rules", responses((status = 200, body = RulesAnswer)))]
pub async fn rules(State(app): State<Arc<App>>) -> Json<RulesAnswer> {
    let rules = app.current();
    let program = &rules.program;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let policies = program
        .policies
        .iter()
        .enumerate()
        .map(|(i, p)| PolicyInfo {
            id: p.id.to_string(),
            title: p.title.clone(),
            issuer: p.issuer.clone(),
            document: p.document.clone(),
            effective: date(p.effective),
            // As the latest amendment extends it (有效期延长至…), if one does.
            expires: date(program.expires(i)),
        })
        .collect();
    let list = program
        .rules
        .iter()
        .map(|r| RuleInfo {
            policy: program.policies.get(r.policy).map(|p| p.id.to_string()).unwrap_or_default(),
            id: r.id.clone(),
            title: r.title.clone(),
            cite: r.cite.clone(),
            entity: program.schema.kinds.get(r.kind).map(|k| k.name.clone()).unwrap_or_default(),
            frequency: serde_json::to_value(r.frequency)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        })
        .collect();
    Json(RulesAnswer { policies, rules: list, provenance: Provenance::new(&rules.hash, None) })
}

/// The JSON Schema (draft 2020-12) of the facts the rules read: `policy compile --target schema`.
#[utoipa::path(get, path = "/v1/schema", tag = "rules",
    responses((status = 200, description = "A JSON Schema", body = Object)))]
pub async fn schema(State(app): State<Arc<App>>) -> Json<Value> {
    Json(crate::ir::facts_schema(&app.current().program))
}

/// `GET /healthz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// The rules being served.
    pub rules_sha256: String,
}

/// The server is up, and which rules it serves.
#[utoipa::path(get, path = "/healthz", tag = "service", responses((status = 200, body = Health)))]
pub async fn healthz(State(app): State<Arc<App>>) -> Json<Health> {
    Json(Health { status: "ok".into(), rules_sha256: app.current().hash.rules_sha256.clone() })
}

/// `POST /v1/reload`'s answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reloaded {
    /// The rules now served.
    pub provenance: Provenance,
}

/// Re-reads the rule files; swaps them in only if they check clean (warnings allowed).
#[utoipa::path(post, path = "/v1/reload", tag = "service", responses(
    (status = 200, description = "The new rules are served", body = Reloaded),
    (status = 422, description = "The rules on disk do not check; the old ones are still served", body = ProblemBody),
))]
pub async fn reload(State(app): State<Arc<App>>) -> Result<Json<Reloaded>, Problem> {
    let rules = app.reload().await?;
    Ok(Json(Reloaded { provenance: Provenance::new(&rules.hash, None) }))
}

/// `?name=…&alone=…`
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// The file's name in diagnostics; a loaded file of the same name is replaced by the body.
    pub name: Option<String>,
    /// Check the source by itself, without the loaded rules (default: with them, so the
    /// shared schema is in scope).
    pub alone: Option<bool>,
}

/// `POST /v1/check`'s answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckAnswer {
    /// No errors (warnings allowed).
    pub ok: bool,
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
    /// Every finding, as `policy check --error-format json` gives it.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a policy source, as an editor or web form would: diagnostics as JSON.
#[utoipa::path(post, path = "/v1/check", tag = "rules", params(CheckQuery),
    request_body(content = String, content_type = "text/plain", description = "policy-lang source text"),
    responses(
        (status = 200, description = "The findings (`ok` false when there are errors)", body = CheckAnswer),
        (status = 400, description = "The body is not UTF-8 text", body = ProblemBody),
        (status = 413, description = "The body is over the limit", body = ProblemBody),
        (status = 503, description = "Over the time limit", body = ProblemBody),
    ))]
pub async fn check(
    State(app): State<Arc<App>>,
    query: Result<Query<CheckQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CheckAnswer>, Problem> {
    let Query(query) = query.map_err(bad_query)?;
    let text = body_text(body)?;
    let name = query.name.unwrap_or_else(|| "input.policy".into());
    let mut sources: Vec<Source> = if query.alone.unwrap_or(false) {
        Vec::new()
    } else {
        app.current().program.sources.iter().filter(|s| s.name != name).cloned().collect()
    };
    sources.push(Source::new(name, text));
    let found: Vec<Error> = within(&app, move || {
        Ok(match crate::compile(sources) {
            Ok(loaded) => loaded.warnings,
            Err(errors) => errors.0,
        })
    })
    .await?;
    let warnings = found.iter().filter(|e| e.is_warning()).count();
    let errors = found.len() - warnings;
    Ok(Json(CheckAnswer { ok: errors == 0, errors, warnings, diagnostics: diagnostics(&found) }))
}

/// `?rule=…`
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeedsQuery {
    /// Only this rule (`CZ-03-2a` or `changzhou_2023.CZ-03-2a`); default: every rule.
    pub rule: Option<String>,
}

/// The facts each rule reads and the ledger rows it counts: `policy facts-needed`.
#[utoipa::path(get, path = "/v1/facts-needed", tag = "rules", params(NeedsQuery), responses(
    (status = 200, description = "One entry per rule, in source order", body = Vec<crate::needs::RuleNeeds>),
    (status = 400, description = "The query cannot be read", body = ProblemBody),
    (status = 422, description = "No such rule", body = ProblemBody),
))]
pub async fn facts_needed(
    State(app): State<Arc<App>>,
    query: Result<Query<NeedsQuery>, QueryRejection>,
) -> Result<Json<Vec<crate::needs::RuleNeeds>>, Problem> {
    let Query(query) = query.map_err(bad_query)?;
    let mut needs = crate::needs::facts_needed(&app.current().program);
    if let Some(name) = query.rule {
        needs.retain(|n| n.is(&name));
        if needs.is_empty() {
            return Err(no_such_rule(&name));
        }
    }
    Ok(Json(needs))
}
