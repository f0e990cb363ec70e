//! The rules being served and how they are replaced. A request takes one `Arc` of the
//! current rules at its start and keeps it to the end, so a reload never mixes versions.

use super::problem::Problem;
use super::Limits;
use crate::decision_log::DecisionLog;
use crate::program::Program;
use crate::provenance::RulesHash;
use arc_swap::ArcSwap;
use axum::http::StatusCode;
use std::path::PathBuf;
use std::sync::Arc;

/// One loaded version of the rules.
#[derive(Debug)]
pub struct Rules {
    /// The checked program.
    pub program: Program,
    /// Its hashes, computed once.
    pub hash: RulesHash,
}

impl Rules {
    /// Loads and checks the rules at `paths`; warnings do not stop it, errors do.
    pub fn load(paths: &[PathBuf]) -> Result<Rules, crate::Errors> {
        let loaded = crate::load(paths)?;
        let hash = RulesHash::of(&loaded.program);
        Ok(Rules { program: loaded.program, hash })
    }
}

/// Everything a handler needs.
pub struct App {
    /// The rule files and folders, re-read on reload.
    pub paths: Vec<PathBuf>,
    /// The current rules, swapped whole.
    pub rules: ArcSwap<Rules>,
    /// What one request may ask for.
    pub limits: Limits,
    /// Where each decision is appended before it is answered.
    pub log: Option<Arc<DecisionLog>>,
    /// One permit per evaluation that may run at once.
    pub workers: Arc<tokio::sync::Semaphore>,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
}

impl App {
    /// Serves `rules`, reloading from `paths`.
    pub fn new(paths: Vec<PathBuf>, rules: Rules, limits: Limits, log: Option<Arc<DecisionLog>>) -> App {
        let workers = Arc::new(tokio::sync::Semaphore::new(limits.workers.max(1)));
        App { paths, rules: ArcSwap::from_pointee(rules), limits, log, workers, reloading: tokio::sync::Mutex::new(()) }
    }

    /// The rules a new request is answered by, to its end.
    pub fn current(&self) -> Arc<Rules> {
        self.rules.load_full()
    }

    /// Re-reads the rules and swaps them in if they check clean (warnings allowed);
    /// otherwise keeps serving the old ones and says why.
    pub async fn reload(&self) -> Result<Arc<Rules>, Problem> {
        let _one = self.reloading.lock().await;
        let paths = self.paths.clone();
        let loaded = tokio::task::spawn_blocking(move || Rules::load(&paths)).await.map_err(Problem::internal)?;
        match loaded {
            Ok(rules) => {
                let rules = Arc::new(rules);
                self.rules.store(rules.clone());
                Ok(rules)
            }
            Err(errors) => {
                Err(Problem::located(StatusCode::UNPROCESSABLE_ENTITY, crate::t!("serve-reload-failed"), &errors))
            }
        }
    }
}
