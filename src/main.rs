//! `policy`: the command line over the library. Exit codes: 0 success, 1 the input has
//! errors (diagnostics on stderr), 2 the command line itself is wrong.

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use policy_lang::batch::BatchError;
use policy_lang::decision_log::DecisionLog;
use policy_lang::i18n::{self, Lang};
use policy_lang::output::{self, ErrorFormat};
use policy_lang::provenance::{Provenance, RulesHash};
use policy_lang::{t, Error, Loaded};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

mod cli_words;

/// mimalloc, not the system allocator: an explained evaluation makes a few small lists a rule
/// that does not pay, and mimalloc's per-thread pages make and free them in fewer
/// instructions, without the worker threads contending (docs/performance.md, "Explained
/// mode, seventh pass"). The library leaves the choice to whoever embeds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "policy", version, about = "Check and evaluate subsidy policies written in policy-lang")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human", global = true)]
    error_format: ErrorFormat,
    /// The language of messages: `zh` (中文) or `en`; without it, POLICY_LANG, LC_ALL,
    /// LC_MESSAGES or LANG decide, and English when none names a language we have.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// How amounts are shown: `yuan` (20,000,000) or `wan` (2000万元, 1.5亿元); JSON keeps
    /// the exact figure either way.
    #[arg(long, value_enum, default_value = "yuan", global = true)]
    amounts: Amounts,
}

#[derive(Clone, Copy, ValueEnum)]
enum Amounts {
    Yuan,
    Wan,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and type-check rule files (folders are searched for *.policy).
    Check {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also list the warnings the rules answer with `acknowledge`, with their reasons.
        #[arg(long)]
        show_acknowledged: bool,
    },
    /// Evaluate rules against a JSON fact set.
    Eval {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The facts: a JSON file, `-` for standard input, a folder of CSV files (one per
        /// entity kind, `<kind>.csv`, the owners' ids as columns; `ledger.csv`), an `.xlsx`
        /// workbook with a sheet per kind, or a population as one `.csv` file (one top-level
        /// entity a row, evaluated like --jsonl).
        #[arg(long)]
        facts: String,
        /// The evaluation date (YYYY-MM-DD); it wins over the facts' `as_of` (also on every line
        /// of --jsonl); without either, today (UTC).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// How to print the results: `table` (the default), `json`, `csv` (one row per award) or
        /// `xlsx` (the same rows as a workbook).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Show only this entity (e.g. `enterprise.E1`) and what it contains: every rule
        /// considered, why each did or did not pay, and the pool arithmetic.
        #[arg(long, value_name = "ENTITY")]
        explain: Option<String>,
        /// The facts are JSON Lines, one fact set a line; results are written one a line, in
        /// order (implied by a `.jsonl` or `.ndjson` file name). A bad line gives an error
        /// record with its line number. A reader that goes away (`| head`) ends the run
        /// quietly (exit 0); Ctrl-C finishes the line being written (exit 130).
        #[arg(long)]
        jsonl: bool,
        /// Worker threads for JSON Lines (default: every core). Never more than the cores
        /// there are, nor than the lines evaluated at a time (4,096).
        #[arg(long)]
        threads: Option<usize>,
        /// JSON Lines: awards and totals only, without traces or reasons (same amounts,
        /// several times faster and smaller).
        #[arg(long)]
        awards_only: bool,
        /// JSON Lines: how much each result says: `full` (traces and reasons, as sentences and as
        /// values), `compact` (steps and grouped reasons as values, the rules that did not pay
        /// named by their index in `compile --target json`) or `awards` (the same as --awards-only)
        #[arg(long, value_enum, conflicts_with = "awards_only")]
        detail: Option<Detail>,
        /// Append one JSON line per top-level entity (time, rules and facts hashes, awards,
        /// total, the facts) to FILE, flushed before the result is printed (JSON Lines: on
        /// one thread, each line logged before it is written).
        #[arg(long, value_name = "FILE")]
        decision_log: Option<PathBuf>,
    },
    /// List the facts each rule reads (conditions, event date, amount, once-key) and the
    /// ledger rows it counts: what to pull for 免申即享.
    FactsNeeded {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only this rule (`CZ-03-2a` or `changzhou_2023.CZ-03-2a`).
        #[arg(long)]
        rule: Option<String>,
        /// How to print the list: `table` (the default) or `json`.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Evaluate a decision log again with these rules; exit 1 if any decision comes out
    /// differently.
    Replay {
        /// The log written by `--decision-log`.
        log: PathBuf,
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Draw a synthetic population from the rules' schema: JSON Lines, one enterprise a line.
    Gen {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How many fact sets.
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// The same seed gives the same population.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Hand checked rules to other tools: `json` (the versioned IR) or `schema` (a JSON
    /// Schema of the facts the rules read).
    Compile {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// What to write: `json` (the versioned IR) or `schema` (a JSON Schema of the facts).
        #[arg(long, value_enum)]
        target: Target,
    },
    /// Lay out rule files canonically (comments kept); rewrites them unless --check or --diff.
    /// `--lang zh|en` writes the keywords in Chinese (`规则 … 适用于 …`) or English; without
    /// it a file keeps its own set (English if it mixes both).
    Fmt {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write nothing; exit 1 if any file is not formatted.
        #[arg(long)]
        check: bool,
        /// Write nothing; show what would change as a unified diff.
        #[arg(long)]
        diff: bool,
    },
    /// Draft and explore policies interactively (`:help` inside lists the commands).
    Repl {
        /// Rule files or folders to load first.
        paths: Vec<PathBuf>,
        /// A JSON fact set to read first.
        #[arg(long)]
        facts: Option<String>,
    },
    /// Serve the rules over HTTP (`/v1/evaluate`, `/v1/openapi.json`, …); `SIGHUP` or
    /// `POST /v1/reload` re-reads them.
    #[cfg(feature = "serve")]
    Serve {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to listen; port 0 takes a free port (the address is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The largest request body, in bytes.
        #[arg(long, default_value_t = 16 << 20)]
        max_body_bytes: usize,
        /// The most entities in one fact set.
        #[arg(long, default_value_t = 10_000)]
        max_entities: usize,
        /// The longest one request may evaluate for, in milliseconds.
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
        /// The largest batch body, in bytes.
        #[arg(long, default_value_t = 1 << 30)]
        max_batch_bytes: u64,
        /// Append one JSON line per top-level entity evaluated (batches too) to FILE, flushed
        /// before the answer (or the batch's line) is sent.
        #[arg(long, value_name = "FILE")]
        decision_log: Option<PathBuf>,
    },
    /// Run the test cases written next to the rules; the last line is `N passed, N failed`.
    Test {
        /// Rule files, or folders searched for *.policy.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How to print the results: `table` (the default) or `json`.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Also list the rules no test exercises, and fail if there are any.
        #[arg(long)]
        coverage: bool,
        /// Let tests read `facts "…"` files anywhere below this folder (by default a test's
        /// facts must be a regular file in the test file's own folder or below it).
        #[arg(long, value_name = "FOLDER")]
        facts_root: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Target {
    Json,
    Schema,
}

/// `--detail`: how much a JSON Lines result says ([`output::Detail`]).
#[derive(Clone, Copy, ValueEnum)]
enum Detail {
    Full,
    Compact,
    Awards,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    /// `eval` only: one row per award, with the rule's title and cite.
    Csv,
    /// `eval` only: the same rows as an Excel workbook (binary: redirect it to a file).
    Xlsx,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| t!("cli-not-a-language", text = text))
}

/// `--lang X` or `--lang=X` among the arguments, read before clap parses them.
fn lang_asked() -> Option<Lang> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1));
    flag.or_else(|| args.iter().find(|a| a.starts_with("--lang=")))
        .and_then(|a| Lang::parse(a.trim_start_matches("--lang=")))
}

/// The command line's help in the reader's language: English as the doc comments say it;
/// another language from `locales/<lang>/help.ftl` (`cli-about`, `cli-<command>-about`,
/// `cli-<command>-<argument>`, `cli-<global argument>`).
fn help_in_language(mut command: clap::Command) -> clap::Command {
    if i18n::lang() == Lang::En {
        return command;
    }
    let say = |key: &str| i18n::message(key, &[]);
    let usage =
        format!("{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}", say("cli-usage-heading"));
    let args = |prefix: String| {
        move |arg: clap::Arg| {
            let id = arg.get_id().as_str().replace('_', "-");
            let key = if arg.is_global_set() { format!("cli-{id}") } else { format!("{prefix}{id}") };
            let heading = if arg.is_positional() { "cli-arguments-heading" } else { "cli-options-heading" };
            // clap words possible values and defaults in English: the translated help says them.
            let arg = arg.help_heading(i18n::message(heading, &[])).hide_possible_values(true).hide_default_value(true);
            let arg = arg.long_help(None);
            // The placeholder of a value (`<FACTS>`) in the reader's words (`<事实>`).
            let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
            let arg = if takes_value { arg.value_name(say(&format!("cli-value-{id}"))) } else { arg };
            match arg.get_id().as_str() {
                "help" => arg.help(i18n::message("cli-help", &[])),
                "version" => arg.help(i18n::message("cli-version", &[])),
                _ if arg.get_help().is_some() => arg.help(i18n::message(&key, &[])),
                _ => arg,
            }
        }
    };
    command.build();
    let command = command
        .about(say("cli-about"))
        .help_template(&usage)
        .subcommand_help_heading(say("cli-commands-heading"))
        .subcommand_value_name(say("cli-value-command"))
        .mut_args(args("cli-".into()))
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            let about = if name == "help" { say("cli-help-command") } else { say(&format!("cli-{name}-about")) };
            let sub = sub.about(about).long_about(None).help_template(&usage).mut_args(args(format!("cli-{name}-")));
            usage_in_language(sub)
        });
    usage_in_language(command)
}

/// The usage line with clap's own placeholders in the reader's words: clap writes
/// `[OPTIONS]` and `<COMMAND>` itself, so the line it renders from the command (whose value
/// names are already translated) has them replaced and is given back as the usage.
fn usage_in_language(mut command: clap::Command) -> clap::Command {
    let rendered = command.render_usage().to_string();
    let Some(line) = rendered.strip_prefix("Usage: ") else { return command };
    let options = format!("[{}]", i18n::message("cli-value-options", &[]));
    let line = line.replacen("[OPTIONS]", &options, 1);
    command.override_usage(line)
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| t!("cli-not-a-date", text = s))
}

fn main() -> ExitCode {
    // The language is known before the arguments are parsed, so `--help` speaks it too.
    i18n::set_lang(lang_asked().unwrap_or_else(Lang::from_env));
    let matches = help_in_language(Cli::command()).try_get_matches().unwrap_or_else(|e| cli_words::exit(e));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| cli_words::exit(e));
    i18n::set_lang(cli.lang.unwrap_or_else(Lang::from_env));
    policy_lang::amounts::set_amount_style(match cli.amounts {
        Amounts::Yuan => policy_lang::amounts::AmountStyle::Yuan,
        Amounts::Wan => policy_lang::amounts::AmountStyle::Wan,
    });
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Repl { paths, facts } => repl(paths, facts, cli.error_format),
        // `--lang` given to `fmt` also names the keyword set to write; without it (the
        // environment aside) a file keeps its own.
        Command::Fmt { paths, check, diff } => fmt(&paths, check, diff, cli.lang),
        command => run(command),
    };
    let (diagnostics, code) = match result {
        Ok(warnings) => (warnings, ExitCode::SUCCESS),
        Err(errors) => (errors, ExitCode::FAILURE),
    };
    if diagnostics.is_empty() {
        return code;
    }
    // If even the diagnostics cannot be written, the exit code is all that is left to say it.
    let text = output::render_diagnostics(&diagnostics, cli.error_format, color);
    let mut stderr = std::io::stderr().lock();
    match stderr.write_all(text.as_bytes()).and_then(|()| stderr.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
        _ => code,
    }
}

/// The REPL reports its own errors and goes on; only a terminal it cannot use fails it.
fn repl(paths: Vec<PathBuf>, facts: Option<String>, errors: ErrorFormat) -> Result<Vec<Error>, Vec<Error>> {
    let options = policy_lang::repl::frontend::Options { paths, facts, errors };
    policy_lang::repl::frontend::run(options)
        .map(|()| Vec::new())
        .map_err(|message| vec![Error::Io { path: t!("io-terminal"), message }])
}

/// Runs a command; returns the warnings to show, or the errors.
fn run(command: Command) -> Result<Vec<Error>, Vec<Error>> {
    match command {
        Command::Test { paths, format, coverage, facts_root } => test(&paths, format, coverage, facts_root),
        Command::Compile { paths, target } => {
            let Loaded { program, warnings, .. } = policy_lang::load(&paths).map_err(|e| e.0)?;
            let out = match target {
                Target::Json => {
                    policy_lang::ir::write(&program, std::io::stdout().lock()).map_err(stdout_failed)?;
                    return Ok(warnings);
                }
                Target::Schema => policy_lang::ir::facts_schema(&program),
            };
            emit(&format!("{}\n", serde_json::to_string_pretty(&out).unwrap_or_default()))?;
            Ok(warnings)
        }
        // Run by `main`, which has what they need besides the command.
        Command::Repl { .. } | Command::Fmt { .. } => Ok(Vec::new()),
        #[cfg(feature = "serve")]
        Command::Serve { paths, addr, max_body_bytes, max_entities, timeout_ms, max_batch_bytes, decision_log } => {
            let limits = policy_lang::serve::Limits {
                body_bytes: max_body_bytes,
                entities: max_entities,
                time: std::time::Duration::from_millis(timeout_ms),
                batch_bytes: max_batch_bytes,
                ..policy_lang::serve::Limits::default()
            };
            policy_lang::serve::run(policy_lang::serve::Config { paths, addr, limits, decision_log })
        }
        Command::Check { paths, show_acknowledged } => {
            let Loaded { program, warnings, acknowledged } = policy_lang::load(&paths).map_err(|e| e.0)?;
            let mut summary = t!(
                "check-summary",
                files = program.sources.len(),
                policies = program.policies.len(),
                rules = program.rules.len(),
                warnings = warnings.iter().map(Error::count).sum::<usize>(),
            );
            if !acknowledged.is_empty() {
                summary += &t!("list-separator");
                summary += &t!("check-acknowledged", count = acknowledged.len());
            }
            for amendment in &program.amendments {
                note(&policy_lang::output::escape_lines(&policy_lang::output::amendment_note(&program, amendment)))?;
            }
            note(&format!("{summary}\n"))?;
            if show_acknowledged {
                note(&acknowledged.iter().map(acknowledged_line).collect::<String>())?;
            }
            Ok(warnings)
        }
        Command::Gen { paths, count, seed } => {
            let Loaded { program, warnings, .. } = policy_lang::load(&paths).map_err(|e| e.0)?;
            let mut population = policy_lang::population::Population::new(&program, seed);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for _ in 0..count {
                let line = serde_json::to_string(&population.next_fact_set()).unwrap_or_default();
                writeln!(out, "{line}").map_err(stdout_failed)?;
            }
            out.flush().map_err(stdout_failed)?;
            Ok(warnings)
        }
        Command::Replay { log, paths } => replay(&log, &paths),
        Command::FactsNeeded { paths, rule, format } => facts_needed(&paths, rule.as_deref(), format),
        Command::Eval { paths, facts, as_of, format, explain, jsonl, threads, awards_only, detail, decision_log } => {
            let detail = match (detail, awards_only) {
                (Some(Detail::Awards), _) | (None, true) => output::Detail::Awards,
                (Some(Detail::Compact), _) => output::Detail::Compact,
                (Some(Detail::Full) | None, _) => output::Detail::Full,
            };
            if jsonl || facts.ends_with(".jsonl") || facts.ends_with(".ndjson") || facts.ends_with(".csv") {
                return batch(&paths, &facts, as_of, threads, detail, decision_log);
            }
            if detail != output::Detail::Full && !awards_only {
                let mut command = help_in_language(Cli::command());
                cli_words::exit(command.error(clap::error::ErrorKind::ArgumentConflict, t!("cli-detail-for-jsonl")));
            }
            let Loaded { program, warnings, .. } = policy_lang::load(&paths).map_err(|e| e.0)?;
            let path = std::path::Path::new(&facts);
            let (name, text) = if path.is_dir() || facts.ends_with(".xlsx") {
                let json = if path.is_dir() {
                    policy_lang::tabular::facts_from_csv(&program, path)
                } else {
                    policy_lang::tabular::facts_from_xlsx(&program, path)
                };
                let json = json.map_err(|es| es.into_iter().map(Error::Table).collect::<Vec<_>>())?;
                (format!("{facts} (the tables as JSON)"), json)
            } else {
                policy_lang::read_input(&facts, policy_lang::MAX_FACTS_BYTES).map_err(|e| vec![e])?
            };
            let facts = program.facts(&name, &text).map_err(|e| e.0)?;
            let as_of = policy_lang::dates::evaluation_date(as_of, facts.as_of);
            let mut evaluation = program.evaluate(&facts, as_of).map_err(|e| vec![e])?;
            if let Some(path) = decision_log {
                let log = DecisionLog::open(&path).map_err(|e| vec![e])?;
                log.record(&RulesHash::of(&program), &text, &evaluation).map_err(|e| vec![e])?;
            }
            if let Some(entity) = explain {
                let known =
                    facts.roots.iter().any(|r| entity == *r.path || entity.starts_with(&format!("{}.", r.path)));
                if !known {
                    let roots: Vec<String> = facts.roots.iter().map(|r| format!("`{}`", r.path)).collect();
                    return Err(vec![Error::NoSuchEntity { entity, roots: roots.join(", ") }]);
                }
                evaluation = evaluation.only(&entity);
            }
            match format {
                Format::Json => {
                    let provenance = Provenance::new(&RulesHash::of(&program), Some(as_of));
                    output::write_json_with(std::io::stdout().lock(), &evaluation, Some(&provenance))
                        .map_err(stdout_failed)?
                }
                Format::Table => output::write_table(std::io::stdout().lock(), &evaluation, output::terminal_width())
                    .map_err(stdout_failed)?,
                Format::Csv => emit(
                    &policy_lang::tabular::awards_csv(&evaluation)
                        .map_err(|e| vec![Error::Io { path: t!("io-standard-output"), message: e.to_string() }])?,
                )?,
                Format::Xlsx => {
                    let out = |message: String| vec![Error::Io { path: t!("io-standard-output"), message }];
                    if std::io::stdout().is_terminal() {
                        return Err(out(t!("cli-workbook-to-terminal")));
                    }
                    let bytes = policy_lang::tabular::awards_xlsx(&evaluation).map_err(|e| out(e.to_string()))?;
                    let mut stdout = std::io::stdout().lock();
                    stdout.write_all(&bytes).and_then(|()| stdout.flush()).map_err(stdout_failed)?;
                }
            }
            Ok(warnings)
        }
    }
}

/// Prints what each rule (or the one asked for) reads; fails on an unknown rule.
fn facts_needed(paths: &[PathBuf], rule: Option<&str>, format: Format) -> Result<Vec<Error>, Vec<Error>> {
    csv_is_for_eval(format);
    let Loaded { program, warnings, .. } = policy_lang::load(paths).map_err(|e| e.0)?;
    let mut needs = policy_lang::needs::facts_needed(&program);
    if let Some(name) = rule {
        needs.retain(|n| n.is(name));
        if needs.is_empty() {
            eprintln!("{}", t!("facts-needed-no-rule", rule = name));
            return Err(warnings);
        }
    }
    match format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&needs).unwrap_or_default()))?,
        Format::Table | Format::Csv | Format::Xlsx => {
            for n in &needs {
                emit(&policy_lang::output::needs_text(n))?;
            }
        }
    }
    Ok(warnings)
}

/// `--format csv` and `xlsx` are usage errors anywhere but `eval`.
fn csv_is_for_eval(format: Format) {
    if matches!(format, Format::Csv | Format::Xlsx) {
        cli_words::exit(
            help_in_language(Cli::command()).error(clap::error::ErrorKind::InvalidValue, t!("cli-csv-for-eval")),
        );
    }
}

/// Re-evaluates a decision log; prints each difference, exit 1 if there is any.
fn replay(log: &std::path::Path, paths: &[PathBuf]) -> Result<Vec<Error>, Vec<Error>> {
    let Loaded { program, warnings, .. } = policy_lang::load(paths).map_err(|e| e.0)?;
    let io = |message: String| vec![Error::Io { path: log.display().to_string(), message }];
    let file = std::fs::File::open(log).map_err(|e| io(policy_lang::io_reason(&e)))?;
    let report = policy_lang::decision_log::replay(&program, std::io::BufReader::new(file))
        .map_err(|e| io(policy_lang::io_reason(&e)))?;
    for difference in &report.differences {
        emit(&format!("{difference}\n"))?;
    }
    let summary = t!(
        "replay-summary",
        decisions = report.decisions,
        different = report.differences.len(),
        other = report.other_rules
    );
    emit(&format!("{summary}\n"))?;
    if report.differences.is_empty() {
        Ok(warnings)
    } else {
        Err(warnings)
    }
}

/// Evaluates JSON Lines, streaming, on every core; exit 1 if any line failed.
fn batch(
    paths: &[PathBuf],
    facts: &str,
    as_of: Option<NaiveDate>,
    threads: Option<usize>,
    detail: output::Detail,
    decision_log: Option<PathBuf>,
) -> Result<Vec<Error>, Vec<Error>> {
    let Loaded { program, warnings, .. } = policy_lang::load(paths).map_err(|e| e.0)?;
    let io = |message: String| vec![Error::Io { path: facts.to_string(), message }];
    let input = policy_lang::open_stream(facts).map_err(|e| vec![e])?;
    let options =
        policy_lang::batch::Options { as_of, threads: policy_lang::batch::threads(threads), chunk: 4096, detail };
    // A spinner on a terminal, nothing when stderr is piped or redirected.
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(&t!(
                "batch-progress",
                spinner = "{spinner}",
                count = "{pos}",
                rate = "{per_sec}"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    // Ctrl-C: finish the line being written, so the output holds whole lines; a second one
    // stops at once.
    static STOP: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::Relaxed) {
            std::process::exit(130);
        }
    });
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let progress = |done| {
        if let Some(bar) = &bar {
            bar.set_position(done);
        }
    };
    let result = match decision_log {
        Some(_) if facts.ends_with(".csv") => return Err(io(t!("cli-decision-log-needs-jsonl"))),
        // Logged: one thread, so the log and the output agree line for line.
        Some(path) => {
            let log = DecisionLog::open(&path).map_err(|e| vec![e])?;
            let hash = RulesHash::of(&program);
            policy_lang::decision_log::batch(&program, &hash, &log, input, out, &options)
        }
        // A population as one CSV file, one enterprise a row.
        None if facts.ends_with(".csv") => {
            policy_lang::batch::run_csv(&program, input, facts, out, &options, progress, &STOP)
        }
        None => policy_lang::batch::run_until(&program, input, out, &options, progress, &STOP),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(summary) => summary,
        Err(BatchError::Write(e)) => return Err(stdout_failed(e)),
        // A header that does not fit is the file's own error, with its own help.
        Err(BatchError::Table(e)) => return Err(vec![Error::Table(e)]),
        Err(e) => return Err(io(e.to_string())),
    };
    let (lines, failed) = (summary.lines, summary.failed);
    let said = if summary.interrupted {
        t!("batch-summary-interrupted", lines = lines, failed = failed)
    } else {
        t!("batch-summary", lines = lines, failed = failed)
    };
    note(&format!("{said}\n"))?;
    if summary.interrupted {
        std::process::exit(130);
    }
    if summary.failed > 0 {
        return Err(warnings);
    }
    Ok(warnings)
}

/// Formats files; with --check or --diff only reports. Fails if a file does not parse, or
/// (with --check) is not formatted.
fn fmt(paths: &[PathBuf], check: bool, diff: bool, lang: Option<Lang>) -> Result<Vec<Error>, Vec<Error>> {
    let policy_lang::walk::Found { files, skipped } = policy_lang::walk::find(paths).map_err(|e| e.0)?;
    let mut errors = Vec::new();
    let mut unformatted = 0;
    for file in files {
        let name = file.display().to_string();
        let shown = output::escape(&name);
        let text = match policy_lang::read_text(&file, policy_lang::MAX_SOURCE_BYTES) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let formatted = match policy_lang::format::format_in(&text, lang) {
            Ok(f) => f,
            Err(policy_lang::format::FormatError::Syntax(es)) => {
                let source = policy_lang::Source::new(name, text);
                errors.extend(es.into_iter().map(|e| Error::Syntax(Box::new(policy_lang::Sourced::new(e, &source)))));
                continue;
            }
            Err(other) => {
                errors.push(Error::Io { path: name, message: other.to_string() });
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        unformatted += 1;
        if diff {
            let udiff = similar::TextDiff::from_lines(&text, &formatted);
            let udiff = udiff.unified_diff().header(&name, &format!("{name} (formatted)")).to_string();
            emit(&output::escape_lines(&udiff))?;
        } else if check {
            emit(&format!("{}\n", t!("fmt-not-formatted", file = shown.as_ref())))?;
        } else if let Err(e) = policy_lang::replace_file(&file, &formatted) {
            errors.push(e);
        } else {
            emit(&format!("{}\n", t!("fmt-formatted", file = shown.as_ref())))?;
        }
    }
    if !errors.is_empty() || (check && unformatted > 0) {
        return Err(skipped.into_iter().chain(errors).collect());
    }
    Ok(skipped)
}

/// Runs the tests; fails if any fails (or, with `--coverage`, if a rule is untested).
fn test(paths: &[PathBuf], format: Format, coverage: bool, root: Option<PathBuf>) -> Result<Vec<Error>, Vec<Error>> {
    csv_is_for_eval(format);
    let Loaded { program, warnings, .. } = policy_lang::load(paths).map_err(|e| e.0)?;
    let results = policy_lang::testing::run_with(&program, root.as_deref());
    let uncovered = if coverage { policy_lang::testing::uncovered(&program) } else { Vec::new() };
    let failed = results.iter().filter(|r| !r.passed()).count();
    match format {
        Format::Json => {
            let passed = results.len() - failed;
            let json =
                serde_json::json!({ "tests": results, "passed": passed, "failed": failed, "uncovered": uncovered });
            emit(&format!("{}\n", serde_json::to_string_pretty(&json).unwrap_or_default()))?;
        }
        Format::Table | Format::Csv | Format::Xlsx => {
            if coverage {
                let total = program.rules.len();
                let exercised = total - uncovered.len();
                emit(&format!("{}\n", t!("test-coverage", exercised = exercised, total = total)))?;
                for rule in &uncovered {
                    emit(&format!("    {}\n", t!("test-not-exercised", rule = rule)))?;
                }
            }
            emit(&policy_lang::testing::report(&results))?;
        }
    }
    if failed > 0 || !uncovered.is_empty() {
        return Err(warnings);
    }
    Ok(warnings)
}

/// Writes to standard output; every failure is an error (see [`stdout_failed`]).
fn emit(text: &str) -> Result<(), Vec<Error>> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(stdout_failed)
}

/// Writes to standard error (summaries and diagnostics).
/// `acknowledged rules/wuxi.policy:548:34 rule `WX-11a` (tier_overlap): tiers overlap at
/// exactly 5亿`, then the reason on the next line.
fn acknowledged_line(a: &policy_lang::Acknowledged) -> String {
    use miette::Diagnostic;
    let offset = a.warning.labels().and_then(|mut l| l.next()).map_or(0, |l| l.offset());
    let at = a.warning.file().map_or(String::new(), |f| {
        let (line, column) = f.line_col(offset);
        format!("{}:{line}:{column} ", f.name)
    });
    let code = a.warning.code().map(|c| c.to_string()).unwrap_or_default();
    let name = code.rsplit("::").next().unwrap_or_default();
    let reason = output::escape(&a.reason);
    let warning = output::escape(&a.warning.to_string()).into_owned();
    let said = t!("check-acknowledged-line", at = at, item = a.item.to_string(), name = name, warning = warning);
    format!("{said}\n    {}\n", t!("check-acknowledged-reason", reason = reason.as_ref()))
}

fn note(text: &str) -> Result<(), Vec<Error>> {
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes()).and_then(|()| err.flush()).map_err(|e| write_failed(&t!("io-standard-error"), e))
}

/// Standard output could not be written. A reader that went away (`| head -1`) has all it
/// wanted: the program ends at once, quietly and successfully, as Unix filters do.
fn stdout_failed(e: std::io::Error) -> Vec<Error> {
    write_failed(&t!("io-standard-output"), e)
}

fn write_failed(path: &str, e: std::io::Error) -> Vec<Error> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    vec![Error::Write { path: path.into(), message: policy_lang::io_reason(&e) }]
}
