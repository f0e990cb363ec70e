//! The OpenAPI document, generated from the handlers' `#[utoipa::path]`s and the types below.
//! The evaluation is serialized by `output::json` (the CLI's JSON); these types describe it
//! for client generators in Java, Python and the rest.

use super::{batch, evaluate, info, problem};
use crate::provenance::{FileHash, Provenance, RulesHash};
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

/// `policy eval --format json`'s object, with provenance.
#[derive(ToSchema)]
#[allow(dead_code)] // a description, never built
pub struct EvaluationDoc {
    /// The date evaluated on, YYYY-MM-DD.
    as_of: String,
    /// What is paid (or may be granted).
    awards: Vec<AwardDoc>,
    /// Every rule that did not pay an entity of its kind, with the first reason.
    not_applicable: Vec<NotApplicableDoc>,
    /// Awards set aside by 就高不重复 or a count cap.
    excluded: Vec<ExcludedDoc>,
    /// What each top-level entity may receive in all, by entity path.
    totals: BTreeMap<String, TotalDoc>,
    /// Findings about the facts that do not stop evaluation.
    warnings: Vec<String>,
    /// The rules, date and engine that answered.
    provenance: Provenance,
}

/// One rule paying one entity. Money is a decimal string, exact to the fen.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct AwardDoc {
    policy: String,
    rule: String,
    cite: Option<String>,
    title: Option<String>,
    /// The amended text that judged the event; absent for the original text.
    version: Option<VersionDoc>,
    /// e.g. `enterprise.E1.drugs.D1`.
    entity: String,
    /// `exact`, `up_to`, `range` or `case_by_case`.
    kind: String,
    amount: Option<String>,
    min: Option<String>,
    max: Option<String>,
    /// `once`, `yearly` or `every_event`.
    frequency: String,
    event_date: String,
    /// The year the award is for.
    year: i32,
    key: Option<String>,
    /// How the amount came about, one step a line.
    trace: Vec<String>,
    shares: Vec<ShareDoc>,
}

/// A version of a rule: the amendment that gave it and the first day it applies.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct VersionDoc {
    /// The amendment's id, e.g. `changzhou_2025`.
    amendment: String,
    /// Its document number, e.g. `常政规〔2025〕2号`.
    document: Option<String>,
    /// YYYY-MM-DD.
    effective: String,
}

/// One payer's part of an award.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ShareDoc {
    payer: String,
    rate: Option<String>,
    amount: Option<String>,
}

/// A rule that did not pay an entity, and why.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct NotApplicableDoc {
    policy: String,
    rule: String,
    cite: Option<String>,
    /// The amended text that judged the entity; absent for the original text.
    version: Option<VersionDoc>,
    entity: String,
    reason: String,
}

/// An award set aside, naming what was paid instead.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ExcludedDoc {
    policy: String,
    rule: String,
    cite: Option<String>,
    entity: String,
    kind: String,
    max: Option<String>,
    reason: String,
    winner: Option<String>,
}

/// An entity's totals.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct TotalDoc {
    /// The sum of exact awards.
    owed: String,
    /// The sum of ceilings; `null` when a case-by-case award is uncapped.
    ceiling: Option<String>,
    /// How many awards are case by case.
    case_by_case: usize,
}

/// `/v1/why` and `/v1/why-not`: one rule's part in the evaluation.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WhyDoc {
    policy: String,
    rule: String,
    /// `/v1/why`: the rule's awards, with traces.
    awards: Option<Vec<AwardDoc>>,
    /// `/v1/why-not`: why it did not pay.
    not_applicable: Option<Vec<NotApplicableDoc>>,
    /// Its awards set aside.
    excluded: Vec<ExcludedDoc>,
    provenance: Provenance,
}

/// The whole API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "policy-lang",
        description = "Evaluate subsidy policies written in policy-lang: exact amounts, explained."
    ),
    paths(
        evaluate::evaluate,
        batch::evaluate_batch,
        evaluate::why,
        evaluate::why_not,
        info::check,
        info::rules,
        info::schema,
        info::facts_needed,
        info::reload,
        info::healthz,
        openapi,
    ),
    components(schemas(
        EvaluationDoc,
        AwardDoc,
        ShareDoc,
        VersionDoc,
        NotApplicableDoc,
        ExcludedDoc,
        TotalDoc,
        WhyDoc,
        Provenance,
        RulesHash,
        FileHash,
        crate::needs::RuleNeeds,
        crate::needs::FactRead,
        problem::ProblemBody,
        problem::Diagnostic,
        problem::Label,
    ))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "service",
    responses((status = 200, description = "OpenAPI 3.1", body = Object)))]
pub async fn openapi() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
