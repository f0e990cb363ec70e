//! `POST /v1/evaluate`, `/v1/why` and `/v1/why-not`: a fact set in the body, the answer
//! `policy eval --format json` gives, with provenance.

use super::openapi::{EvaluationDoc, WhyDoc};
use super::problem::{FactsProblems, Problem};
use super::state::{App, Rules};
use crate::facts::{Entity, Facts, Slot};
use crate::provenance::Provenance;
use crate::t;
use crate::{Error, Evaluation};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;
use utoipa::IntoParams;

/// The name request bodies go by in diagnostics.
pub const BODY: &str = "body";

/// `?as_of=…&explain=…`
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluateQuery {
    /// The evaluation date, YYYY-MM-DD; it wins over the facts' `as_of`; with neither, today (UTC).
    #[param(format = Date)]
    pub as_of: Option<String>,
    /// Only this entity (e.g. `enterprise.E1`) and what it contains, as `--explain` shows it.
    pub explain: Option<String>,
}

/// `?rule=…&entity=…&as_of=…`
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WhyQuery {
    /// The rule's id, e.g. `CZ-03-2a`; `policy.rule` when two policies share the id.
    pub rule: String,
    /// The entity, e.g. `enterprise.E1.drugs.D1` (and what it contains); default: all.
    pub entity: Option<String>,
    /// The evaluation date, YYYY-MM-DD; it wins over the facts' `as_of`; with neither, today (UTC).
    #[param(format = Date)]
    pub as_of: Option<String>,
}

/// A fact set read and evaluated by one version of the rules (whose names the evaluation
/// borrows).
pub struct Evaluated<'r> {
    /// The rules that answered.
    pub rules: &'r Rules,
    /// The date evaluated on.
    pub as_of: NaiveDate,
    /// The result (only `explain`'s entity when one was asked for).
    pub evaluation: Evaluation<'r>,
}

impl Evaluated<'_> {
    /// `policy eval --format json`'s object, with `provenance`.
    pub fn json(&self) -> Value {
        let mut json = crate::output::json(&self.evaluation);
        Provenance::new(&self.rules.hash, Some(self.as_of)).attach(&mut json);
        json
    }
}

/// Evaluates the fact set in `body` within the request's limits, and makes the `answer` of
/// it there too (off the async threads, while the rules it borrows are held).
pub async fn evaluate_body<T: Send + 'static>(
    app: &App,
    body: Result<Bytes, BytesRejection>,
    as_of: Option<&str>,
    explain: Option<String>,
    answer: impl FnOnce(Evaluated<'_>) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let text = body_text(body)?;
    let as_of = as_of.map(parse_date).transpose()?;
    let rules = app.current();
    let max_entities = app.limits.entities;
    let log = app.log.clone();
    let work = move || -> Result<T, Problem> {
        let facts = rules
            .program
            .facts(BODY, &text)
            .map_err(|e| Problem::located(StatusCode::UNPROCESSABLE_ENTITY, t!("serve-facts-misfit"), &e))?;
        let count = count_entities(&facts);
        if count > max_entities {
            return Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                t!("serve-too-many-entities", count = count.to_string(), max = max_entities.to_string()),
            ));
        }
        let as_of = crate::dates::evaluation_date(as_of, facts.as_of);
        let evaluation = rules
            .program
            .evaluate(&facts, as_of)
            .map_err(|e| Problem::located(StatusCode::UNPROCESSABLE_ENTITY, t!("serve-not-exact"), &[e]))?;
        if let Some(log) = log {
            log.record(&rules.hash, &text, &evaluation).map_err(|e| {
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, t!("serve-not-logged", reason = e.to_string()))
            })?;
        }
        let evaluation = match explain {
            Some(entity) => {
                known_entity(&facts, &entity).map_err(|e| {
                    Problem::located(StatusCode::UNPROCESSABLE_ENTITY, t!("serve-no-such-entity"), &[e])
                })?;
                evaluation.only(&entity)
            }
            None => evaluation,
        };
        answer(Evaluated { rules: &rules, as_of, evaluation })
    };
    within(app, work).await
}

/// Runs CPU work off the async threads, in the request's language, at most `workers` at once,
/// answering 503 if waiting for a turn and working outlast the time limit. Work cut off by
/// the limit still holds its turn until it ends, so abandoned work cannot pile up.
pub async fn within<T: Send + 'static>(
    app: &App,
    work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let limit = app.limits.time;
    let too_slow =
        || Problem::new(StatusCode::SERVICE_UNAVAILABLE, t!("serve-too-slow", ms = limit.as_millis().to_string()));
    let lang = crate::i18n::lang();
    let turn = async {
        let permit = app.workers.clone().acquire_owned().await.map_err(Problem::internal)?;
        tokio::task::spawn_blocking(move || {
            let answer = crate::i18n::with_lang(lang, work);
            drop(permit);
            answer
        })
        .await
        .map_err(Problem::internal)?
    };
    tokio::time::timeout(limit, turn).await.unwrap_or_else(|_| Err(too_slow()))
}

/// `YYYY-MM-DD`, or a 400 saying so.
pub fn parse_date(text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Problem::new(StatusCode::BAD_REQUEST, t!("serve-bad-as-of", text = text)))
}

/// A malformed query string, as a 400.
pub fn bad_query(e: QueryRejection) -> Problem {
    let said = match crate::i18n::lang() {
        // The query parser's own words are English: shown to English readers only.
        crate::i18n::Lang::En => format!("{}: {}", t!("serve-bad-query"), e.body_text()),
        _ => t!("serve-bad-query"),
    };
    Problem::new(StatusCode::BAD_REQUEST, said)
}

/// A request body as text, or the 400 or 413 saying why it is not.
pub fn body_text(body: Result<Bytes, BytesRejection>) -> Result<String, Problem> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(e.status(), t!("serve-body-too-large")),
        status => Problem::new(status, t!("serve-body-unreadable")),
    })?;
    String::from_utf8(body.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to().to_string();
        Problem::new(StatusCode::BAD_REQUEST, t!("serve-body-not-utf8", at = at))
    })
}

/// The 422 for a rule name that names no loaded rule.
pub fn no_such_rule(name: &str) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, t!("serve-no-such-rule", name = name))
}

/// Every entity in the facts, children included.
fn count_entities(facts: &Facts) -> usize {
    fn count(entity: &Entity) -> usize {
        let children = entity.slots.iter().map(|slot| match slot {
            Slot::Children(list) => list.iter().map(count).sum(),
            Slot::Missing | Slot::Value(_) => 0,
        });
        1 + children.sum::<usize>()
    }
    facts.roots.iter().map(count).sum()
}

/// The entity `--explain` would accept: a top-level entity or a path inside one.
pub fn known_entity(facts: &Facts, entity: &str) -> Result<(), Error> {
    let known = facts.roots.iter().any(|r| entity == &*r.path || entity.starts_with(&format!("{}.", r.path)));
    if known {
        return Ok(());
    }
    let roots: Vec<String> = facts.roots.iter().map(|r| format!("`{}`", r.path)).collect();
    Err(Error::NoSuchEntity { entity: entity.to_string(), roots: roots.join(", ") })
}

/// Evaluates a fact set: the JSON `policy eval --format json` prints, with `provenance`.
#[utoipa::path(
    post, path = "/v1/evaluate", tag = "evaluate", params(EvaluateQuery),
    request_body(content = Object, content_type = "application/json",
        description = "A fact set, as `policy eval --facts` reads it"),
    responses(
        (status = 200, description = "The evaluation", body = EvaluationDoc),
        FactsProblems,
    )
)]
pub async fn evaluate(
    State(app): State<Arc<App>>,
    query: Result<Query<EvaluateQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, Problem> {
    let Query(query) = query.map_err(bad_query)?;
    let json = evaluate_body(&app, body, query.as_of.as_deref(), query.explain, |e| Ok(e.json())).await?;
    Ok(Json(json))
}

/// The awards a rule gives (with traces) and those set aside, for one entity.
#[utoipa::path(
    post, path = "/v1/why", tag = "evaluate", params(WhyQuery),
    request_body(content = Object, content_type = "application/json", description = "A fact set"),
    responses(
        (status = 200, description = "The rule's awards and exclusions", body = WhyDoc),
        FactsProblems,
    )
)]
pub async fn why(
    State(app): State<Arc<App>>,
    query: Result<Query<WhyQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, Problem> {
    explain_rule(&app, query, body, false).await
}

/// Why a rule did not pay: the reason for each entity, and the exclusions.
#[utoipa::path(
    post, path = "/v1/why-not", tag = "evaluate", params(WhyQuery),
    request_body(content = Object, content_type = "application/json", description = "A fact set"),
    responses(
        (status = 200, description = "The rule's reasons and exclusions", body = WhyDoc),
        FactsProblems,
    )
)]
pub async fn why_not(
    State(app): State<Arc<App>>,
    query: Result<Query<WhyQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, Problem> {
    explain_rule(&app, query, body, true).await
}

/// `why` and `why-not`: one rule's part in the evaluation, for one entity.
async fn explain_rule(
    app: &App,
    query: Result<Query<WhyQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
    not: bool,
) -> Result<Json<Value>, Problem> {
    let Query(query) = query.map_err(bad_query)?;
    let answer = move |evaluated: Evaluated<'_>| {
        let (index, policy, rule) = find_rule(evaluated.rules, &query.rule)?;
        let e = &evaluated.evaluation;
        let mine = |name: &crate::program::RuleName| name.index == index;
        let excluded: Vec<_> = e.excluded.iter().filter(|x| mine(x.rule)).collect();
        let mut json = if not {
            let reasons: Vec<_> = e
                .not_applicable
                .iter()
                .filter(|n| mine(n.rule))
                .map(|n| crate::output::not_applicable_json(e, n))
                .collect();
            serde_json::json!({ "policy": policy, "rule": rule, "not_applicable": reasons, "excluded": excluded })
        } else {
            let awards: Vec<_> = e.awards.iter().filter(|a| mine(a.rule)).collect();
            serde_json::json!({ "policy": policy, "rule": rule, "awards": awards, "excluded": excluded })
        };
        Provenance::new(&evaluated.rules.hash, Some(evaluated.as_of)).attach(&mut json);
        Ok(json)
    };
    let (as_of, entity) = (query.as_of.clone(), query.entity.clone());
    Ok(Json(evaluate_body(app, body, as_of.as_deref(), entity, answer).await?))
}

/// The rule `CZ-03-2a` or `changzhou_2023.CZ-03-2a` names: its index, policy and id.
fn find_rule(rules: &Rules, name: &str) -> Result<(usize, String, String), Problem> {
    let program = &rules.program;
    let policy_of =
        |r: &crate::program::Rule| program.policies.get(r.policy).map(|p| p.id.to_string()).unwrap_or_default();
    let found: Vec<(usize, String, String)> = program
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (i, policy_of(r), r.id.clone()))
        .filter(|(_, p, r)| r == name || format!("{p}.{r}") == name)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(no_such_rule(name)),
        many => {
            let names: Vec<String> = many.iter().map(|(_, p, r)| format!("`{p}.{r}`")).collect();
            Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("serve-ambiguous-rule", name = name, rules = names.join(&t!("list-separator"))),
            ))
        }
    }
}
