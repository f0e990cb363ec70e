//! Answers that are not results: the status and the same located diagnostics the CLI prints
//! with `--error-format json`. Bad input is a 4xx; only an engine bug is a 500.

use crate::output::{render_diagnostics, ErrorFormat};
use crate::Error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoResponses, ToSchema};

/// The body of every 4xx and 5xx answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// What went wrong, in one line.
    pub error: String,
    /// The diagnostics, located as `policy --error-format json` locates them.
    pub diagnostics: Vec<Diagnostic>,
}

/// One diagnostic: `policy --error-format json`'s object.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Diagnostic {
    /// `error`, `warning` or `advice`.
    pub severity: String,
    /// e.g. `facts::invalid`.
    pub code: Option<String>,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The file it points into (`body` for a request body).
    pub file: Option<String>,
    /// 1-based line of the first label.
    pub line: Option<usize>,
    /// 1-based column of the first label.
    pub column: Option<usize>,
    /// Every place it points at.
    pub labels: Vec<Label>,
}

/// A place a diagnostic points at.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Label {
    /// What is there.
    pub label: Option<String>,
    /// Byte offset into the file.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The diagnostics of `errors`, as `--error-format json` renders them.
pub fn diagnostics(errors: &[Error]) -> Vec<Diagnostic> {
    serde_json::from_str(&render_diagnostics(errors, ErrorFormat::Json, false)).unwrap_or_default()
}

/// A status and its body.
#[derive(Debug)]
pub struct Problem {
    /// 400, 413, 422, 503 or (an engine bug) 500.
    pub status: StatusCode,
    /// What to show.
    pub body: ProblemBody,
}

impl Problem {
    /// A problem with no diagnostics.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Problem {
        Problem { status, body: ProblemBody { error: error.into(), diagnostics: Vec::new() } }
    }

    /// A problem explained by diagnostics.
    pub fn located(status: StatusCode, error: impl Into<String>, errors: &[Error]) -> Problem {
        Problem { status, body: ProblemBody { error: error.into(), diagnostics: diagnostics(errors) } }
    }

    /// A bug in the engine (a panic in evaluation): never blamed on the input.
    pub fn internal(what: impl std::fmt::Display) -> Problem {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, crate::t!("serve-internal", what = what.to_string()))
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// The 4xx and 5xx answers of the endpoints that read a fact set, for the OpenAPI document.
#[derive(IntoResponses)]
#[allow(dead_code)] // a description, never built
pub enum FactsProblems {
    /// The body or the query cannot be read
    #[response(status = 400)]
    Unreadable(ProblemBody),
    /// The body or the number of entities is over the limit
    #[response(status = 413)]
    TooLarge(ProblemBody),
    /// The facts do not fit the schema (located diagnostics), or no such rule or entity
    #[response(status = 422)]
    Unfit(ProblemBody),
    /// The evaluation took longer than the time limit
    #[response(status = 503)]
    TooSlow(ProblemBody),
}
