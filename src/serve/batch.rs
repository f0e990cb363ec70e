//! `POST /v1/evaluate/batch`: JSON Lines in, JSON Lines out, streamed both ways through the
//! same runner as `policy eval --jsonl`, so a million fact sets need no more memory than a few.

use super::evaluate::{bad_query, parse_date};
use super::problem::{Problem, ProblemBody};
use super::state::App;
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use futures_util::TryStreamExt;
use serde::Deserialize;
use std::io::{Read, Write};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::io::{StreamReader, SyncIoBridge};
use utoipa::IntoParams;

/// `?as_of=…&detail=…` (or `awards_only=true`)
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// The evaluation date, YYYY-MM-DD; it wins over each line's own `as_of`; with neither,
    /// today (UTC).
    #[param(format = Date)]
    pub as_of: Option<String>,
    /// Awards and totals only, without traces or reasons (`--awards-only`; `detail=awards`).
    pub awards_only: Option<bool>,
    /// How much each result line says (`--detail`); `awards_only=true` means `awards`.
    #[param(inline)]
    pub detail: Option<Detail>,
}

/// How much each result line says: `full` (traces and reasons, as sentences and as values),
/// `compact` (steps and grouped reasons as values; the rules that did not pay named by their
/// index in `GET /v1/rules`, the IR's order), `awards`.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// Traces and reasons, as sentences and as values.
    Full,
    /// Steps and grouped reasons as values; rules named by their index in `GET /v1/rules`.
    Compact,
    /// Awards and totals only.
    Awards,
}

/// Evaluates one fact set a line; one result a line, in order, each with its `line` number. A
/// bad line gives `{"error": […], "line": n}` and the batch goes on. With a decision log, each
/// decision is logged before its line is sent.
#[utoipa::path(post, path = "/v1/evaluate/batch", tag = "evaluate", params(BatchQuery),
    request_body(content = String, content_type = "application/x-ndjson", description = "JSON Lines: one fact set a line"),
    responses(
        (status = 200, description = "JSON Lines: one result a line", body = String, content_type = "application/x-ndjson"),
        (status = 400, description = "The query cannot be read", body = ProblemBody),
    ))]
pub async fn evaluate_batch(
    State(app): State<Arc<App>>,
    query: Result<Query<BatchQuery>, QueryRejection>,
    body: Body,
) -> Result<Response, Problem> {
    let Query(query) = query.map_err(bad_query)?;
    // The date given wins over each line's own (`dates::evaluation_date`, as on the CLI).
    let as_of = query.as_of.as_deref().map(parse_date).transpose()?;
    let rules = app.current();
    let hash = rules.hash.rules_sha256.clone();
    let input = SyncIoBridge::new(StreamReader::new(body.into_data_stream().map_err(std::io::Error::other)));
    let input = Limited { inner: input, left: app.limits.batch_bytes };
    let detail = match (query.detail, query.awards_only) {
        (Some(Detail::Full), Some(true)) | (Some(Detail::Compact), Some(true)) => {
            return Err(Problem::new(axum::http::StatusCode::BAD_REQUEST, crate::t!("serve-detail-conflict")));
        }
        (Some(Detail::Awards), _) | (None, Some(true)) => crate::output::Detail::Awards,
        (Some(Detail::Compact), _) => crate::output::Detail::Compact,
        (Some(Detail::Full), _) | (None, _) => crate::output::Detail::Full,
    };
    let options = crate::batch::Options { as_of, threads: 1, chunk: 16, detail };
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let log = app.log.clone();
    // The batch's own thread writes its lines in the request's language.
    let lang = crate::i18n::lang();
    tokio::task::spawn_blocking(move || {
        crate::i18n::with_lang(lang, || {
            let out = Sender { tx: tx.clone(), buffer: Vec::new() };
            let input = std::io::BufReader::new(input);
            let stopped = match log {
                Some(log) => crate::decision_log::batch(&rules.program, &rules.hash, &log, input, out, &options)
                    .err()
                    .map(|e| e.to_string()),
                None => crate::batch::run(&rules.program, input, out, &options, |_| {}).err().map(|e| e.to_string()),
            };
            if let Some(e) = stopped {
                let line =
                    serde_json::json!({ "error": [crate::t!("serve-batch-stopped", reason = e)] }).to_string() + "\n";
                let _ = tx.blocking_send(Ok(Bytes::from(line)));
            }
        })
    });
    Response::builder()
        .header(CONTENT_TYPE, "application/x-ndjson")
        .header("x-policy-rules-sha256", hash)
        .body(Body::from_stream(ReceiverStream::new(rx)))
        .map_err(Problem::internal)
}

/// The request body, refused past the batch size limit.
struct Limited<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self
            .left
            .checked_sub(n as u64)
            .ok_or_else(|| std::io::Error::other(crate::io::Said(crate::t!("serve-batch-too-large"))))?;
        Ok(n)
    }
}

/// Results go to the response as they are written, a few kilobytes at a time.
struct Sender {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    buffer: Vec<u8>,
}

impl Write for Sender {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        if self.buffer.len() >= 8192 {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buffer));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::other(crate::io::Said(crate::t!("serve-client-gone"))))
    }
}
