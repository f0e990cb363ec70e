//! clap's own words in the reader's language: a usage error (`error: unexpected argument …`,
//! `[possible values: …]`, `Usage: …`, `For more information, try '--help'.`) worded through
//! `locales/<lang>/runtime.ftl` from the error's kind and context. Part of the binary
//! (`main.rs`), not the library. English is clap's own rendering, untouched.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use policy_lang::i18n::{self, Lang};
use policy_lang::t;

/// Prints `error` in the reader's language and exits as clap would (help and version are
/// printed by clap itself: their text is already the reader's).
pub fn exit(error: clap::Error) -> ! {
    let shown_by_clap = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if i18n::lang() == Lang::En || shown_by_clap {
        error.exit();
    }
    let Some(message) = message(&error) else { framed(&error) };
    let mut out = t!("clap-error", message = message);
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage =
            usage.strip_prefix("Usage:").map_or(usage.clone(), |rest| format!("{}:{rest}", t!("cli-usage-heading")));
        out += &format!("\n\n{usage}");
    }
    out += &format!("\n\n{}\n", t!("clap-try-help"));
    eprint!("{out}");
    std::process::exit(error.exit_code());
}

/// An error of a kind [`message`] does not word (one of ours, made with a message from the
/// catalogue): clap's rendering with its frame (`error:`, the closing hint) in the reader's
/// words.
fn framed(error: &clap::Error) -> ! {
    let text = error.render().to_string();
    let text = text.strip_prefix("error: ").map_or(text.clone(), |rest| t!("clap-error", message = rest));
    let text = text.replace("\nUsage:", &format!("\n{}:", t!("cli-usage-heading")));
    eprint!("{}", text.replace("For more information, try '--help'.", &t!("clap-try-help")));
    std::process::exit(error.exit_code());
}

/// The error's message (and its tips) in the reader's language, or `None` for a kind this
/// does not word (clap's English then stands).
fn message(error: &clap::Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => t!("clap-unknown-argument", arg = arg?),
        ErrorKind::InvalidSubcommand => {
            t!("clap-unknown-subcommand", subcommand = text(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(ContextKind::InvalidArg).iter().map(|a| format!("\n  {a}")).collect();
            t!("clap-missing-arguments", arguments = missing.concat())
        }
        ErrorKind::MissingSubcommand => {
            let command = text(ContextKind::InvalidSubcommand)?;
            let valid: Vec<String> = list(ContextKind::ValidSubcommand).iter().map(|s| quoted(s)).collect();
            let valid = valid.join(&t!("list-separator"));
            format!(
                "{}\n  {}",
                t!("clap-missing-subcommand", command = command),
                t!("clap-subcommands", subcommands = valid)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, text(ContextKind::InvalidValue)?);
            let mut out = if value.is_empty() {
                t!("clap-value-required", arg = arg)
            } else {
                t!("clap-invalid-value", arg = arg, value = value)
            };
            if let Some(source) = std::error::Error::source(error) {
                out += &t!("clap-because", reason = source.to_string());
            }
            let valid: Vec<String> = list(ContextKind::ValidValue).iter().map(|s| quoted(s)).collect();
            if !valid.is_empty() {
                out += &format!("\n  {}", t!("clap-possible-values", values = valid.join(&t!("list-separator"))));
            }
            out
        }
        ErrorKind::ArgumentConflict => match error.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if Some(prior) != arg.as_ref() => {
                t!("clap-conflict", arg = arg?, prior = prior.as_str())
            }
            _ => t!("clap-used-twice", arg = arg?),
        },
        ErrorKind::TooManyValues => {
            t!("clap-too-many-values", arg = arg?, value = text(ContextKind::InvalidValue)?)
        }
        _ => return None,
    };
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(|kind| match error.get(kind) {
            Some(ContextValue::String(one)) => vec![one.clone()],
            Some(ContextValue::Strings(many)) => many.clone(),
            _ => Vec::new(),
        })
        .find(|similar| !similar.is_empty());
    if let Some(similar) = suggested {
        let similar: Vec<String> = similar.iter().map(|s| quoted(s)).collect();
        message += &format!("\n\n  {}", t!("clap-did-you-mean", similar = similar.join(&t!("list-separator"))));
    } else if error.get(ContextKind::Suggested).is_some() && error.kind() == ErrorKind::UnknownArgument {
        // clap's one tip for an unknown argument: how to pass it as a value.
        let arg = text(ContextKind::InvalidArg).unwrap_or_default();
        message += &format!("\n\n  {}", t!("clap-pass-as-value", arg = arg));
    }
    Some(message)
}

/// A value the reader types (`--format`, `json`), set off as the rest of the output sets off
/// what is typed: in backticks.
fn quoted(text: &str) -> String {
    format!("`{text}`")
}
