//! `policy serve`: the rules as an HTTP service (feature `serve`), for platforms in other
//! languages. One module per concern: [`state`] (the rules and their reload), [`evaluate`]
//! (a fact set → the CLI's JSON), [`batch`] (JSON Lines, streamed), [`info`] (rules, schema,
//! check, reload, health), [`problem`] (4xx answers with located diagnostics) and
//! [`openapi`] (the generated document).

pub mod batch;
pub mod evaluate;
pub mod info;
pub mod lang;
pub mod openapi;
pub mod problem;
pub mod state;

use crate::decision_log::DecisionLog;
use crate::Error;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use state::{App, Rules};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What one request may ask for.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest body of a single request, in bytes.
    pub body_bytes: usize,
    /// The most entities (children included) in one fact set.
    pub entities: usize,
    /// The longest one request may evaluate for (batches excepted).
    pub time: Duration,
    /// The largest batch body, in bytes.
    pub batch_bytes: u64,
    /// Evaluations run at once (default: the cores); more wait their turn within `time`,
    /// so a flood queues instead of starving every request of CPU.
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits { body_bytes: 16 << 20, entities: 10_000, time: Duration::from_secs(10), batch_bytes: 1 << 30, workers }
    }
}

/// How `policy serve` runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Rule files and folders, read at start and on every reload.
    pub paths: Vec<PathBuf>,
    /// Where to listen; port 0 takes any free port (the bound address is printed).
    pub addr: SocketAddr,
    /// What one request may ask for.
    pub limits: Limits,
    /// Where to append a line per decision, if anywhere.
    pub decision_log: Option<PathBuf>,
}

/// Every endpoint over one [`App`].
pub fn router(app: Arc<App>) -> Router {
    let body_limit = app.limits.body_bytes;
    Router::new()
        .route("/v1/evaluate", post(evaluate::evaluate))
        .route("/v1/evaluate/batch", post(batch::evaluate_batch))
        .route("/v1/why", post(evaluate::why))
        .route("/v1/why-not", post(evaluate::why_not))
        .route("/v1/check", post(info::check))
        .route("/v1/rules", get(info::rules))
        .route("/v1/schema", get(info::schema))
        .route("/v1/facts-needed", get(info::facts_needed))
        .route("/v1/openapi.json", get(openapi::openapi))
        .route("/v1/reload", post(info::reload))
        .route("/healthz", get(info::healthz))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn(lang::in_language))
        .with_state(app)
}

/// Loads the rules, listens, prints `listening on http://ADDR` on standard output, and serves
/// until Ctrl-C. `SIGHUP` reloads the rules as `POST /v1/reload` does.
pub fn run(config: Config) -> Result<Vec<Error>, Vec<Error>> {
    let io = |message: String| vec![Error::Io { path: config.addr.to_string(), message }];
    let loaded = crate::load(&config.paths).map_err(|e| e.0)?;
    let hash = crate::provenance::RulesHash::of(&loaded.program);
    let rules = Rules { program: loaded.program, hash };
    let log = config.decision_log.as_deref().map(DecisionLog::open).transpose().map_err(|e| vec![e])?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| io(crate::io::reason(&e)))?;
    let app = Arc::new(App::new(config.paths.clone(), rules, config.limits.clone(), log.map(Arc::new)));
    let warnings = loaded.warnings;
    eprint!("{}", crate::output::render_diagnostics(&warnings, crate::output::ErrorFormat::Plain, false));
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|e| io(crate::io::reason(&e)))?;
        let bound = listener.local_addr().map_err(|e| io(crate::io::reason(&e)))?;
        println!("listening on http://{bound}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        tokio::spawn(reload_on_hangup(app.clone()));
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| io(crate::io::reason(&e)))
    })?;
    Ok(Vec::new())
}

/// `kill -HUP`: reload, and say on standard error what happened.
async fn reload_on_hangup(app: Arc<App>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            return eprintln!("SIGHUP cannot be caught here; reload with POST /v1/reload");
        };
        while hangups.recv().await.is_some() {
            match app.reload().await {
                Ok(rules) => eprintln!("reloaded: rules {}", rules.hash.rules_sha256),
                Err(problem) => eprintln!("not reloaded: {}", problem.body.error),
            }
        }
    }
    #[cfg(not(unix))]
    drop(app);
}
