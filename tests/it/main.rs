//! The integration tests: one binary, one module per stage.

// In tests a panic is how an assertion fails, and indexing a known result is the clearest read.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod aggregates;
mod amendments;
mod as_of;
mod bad_inputs;
mod baseline;
mod batch;
mod check;
mod checks;
mod chinese;
mod chinese_errors;
mod cli;
mod common;
mod compile;
mod decision_log;
mod differential;
mod escape;
mod eval;
mod extend;
mod facts;
mod features;
mod format;
mod fuzz_smoke;
mod groups;
mod hardening;
mod history;
mod i18n;
mod io;
mod labels;
mod needs;
mod properties;
mod provenance;
mod reference;
mod repl;
mod schedules;
#[cfg(feature = "serve")]
mod serve;
mod sixth;
mod syntax;
mod tabular;
mod testing;
mod zh;
