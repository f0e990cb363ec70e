//! Messages in the reader's language: one Fluent catalogue per language under `locales/`
//! (`locales/en/*.ftl`, `locales/zh/*.ftl`), compiled into the binary, looked up by key.
//!
//! The language is chosen once by the program (the CLI's `--lang`, else `POLICY_LANG`, `LC_ALL`,
//! `LC_MESSAGES`, `LANG`) and may be overridden for one thread's work (a test, one HTTP request)
//! with [`with_lang`]. A library user who sets nothing gets English.
//!
//! Arguments are text or counts, never amounts: Fluent formats numbers through `f64`, so money
//! and rates are formatted by `amounts` first and passed as text ([`Arg`] has no `From<Decimal>`).

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps every argument in bidi isolation marks by default; in a terminal, a
        // JSON field or a test snapshot they are invisible noise.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language messages are written in, and the keyword set a policy file is written in
/// (`syntax::Lang` is this one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The catalogue's folder name under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// `en`, `zh`, or a locale such as `zh_CN.UTF-8` / `en-US`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::Zh),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for: the first of `POLICY_LANG`, `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and non-empty decides (as POSIX orders them);
    /// a language without a catalogue means English.
    pub fn from_env() -> Lang {
        ["POLICY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.trim().is_empty())
            .and_then(|value| Lang::parse(&value))
            .unwrap_or(Lang::En)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Zh => langid!("zh"),
        }
    }

    fn from_u8(n: u8) -> Lang {
        if n == 1 {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The program's language (set once by the CLI); threads without an override use it.
static PROGRAM_LANG: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the program's language (the CLI, at start).
pub fn set_lang(lang: Lang) {
    PROGRAM_LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in on this thread now.
pub fn lang() -> Lang {
    THREAD_LANG.with(Cell::get).unwrap_or_else(|| Lang::from_u8(PROGRAM_LANG.load(Ordering::Relaxed)))
}

/// Sets this thread's language for the rest of its life (a worker thread started for one
/// caller's work, e.g. a batch's pool).
pub fn set_thread_lang(lang: Lang) {
    THREAD_LANG.with(|cell| cell.set(Some(lang)));
}

/// Runs `work` with messages in `lang` on this thread, then restores what was there.
/// Restored on unwinding too, so a panicking request cannot leave its language behind on a
/// server's worker thread.
pub fn with_lang<T>(lang: Lang, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LANG.with(|cell| cell.set(self.0));
        }
    }
    let _restore = Restore(THREAD_LANG.with(|cell| cell.replace(Some(lang))));
    work()
}

/// One argument of a message: text (already formatted, amounts included) or a count (for
/// plural forms).
#[derive(Clone, Debug)]
pub enum Arg {
    /// Text, amounts already formatted.
    Text(String),
    /// A count, for plural forms.
    Count(u64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(n)
    }
}

/// The message `key` in the current language, with its arguments.
///
/// A key missing from the current language falls back to English; a key missing everywhere
/// gives the key itself (a test keeps every key used in `src/` present in every catalogue, so
/// this is for a library user's typo, not a panic).
pub fn message(key: &str, args: &[(&str, Arg)]) -> String {
    message_in(lang(), key, args)
}

/// The message `key` in `lang`.
pub fn message_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            (Cow::Owned((*name).to_string()), value)
        })
        .collect();
    let args = (!args.is_empty()).then_some(&args);
    // Straight to the language's catalogue, then English: what `try_lookup_complete` does for
    // the two languages there are, without negotiating the language again for each message.
    let lookup = |lang: Lang| LOCALES.lookup_single_language(&lang.id(), key, args).ok();
    lookup(lang).or_else(|| if lang == Lang::En { None } else { lookup(Lang::En) }).unwrap_or_else(|| key.to_string())
}

/// `t!("key")` or `t!("key", name = value, …)`: the message in the current language. Values are
/// text or counts ([`Arg`]).
#[macro_export]
macro_rules! t {
    ($key:literal $(,)?) => {
        $crate::i18n::message($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_the_language() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-Hans"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
    }

    #[test]
    fn a_thread_override_is_scoped() {
        assert_eq!(with_lang(Lang::Zh, lang), Lang::Zh);
        let inner = with_lang(Lang::Zh, || with_lang(Lang::En, lang));
        assert_eq!(inner, Lang::En);
        assert_eq!(lang(), Lang::from_u8(PROGRAM_LANG.load(Ordering::Relaxed)));
    }

    #[test]
    fn messages_take_counts_and_text() {
        let one = message_in(Lang::En, "check-acknowledged", &[("count", Arg::from(1usize))]);
        assert_eq!(one, "1 warning acknowledged");
        let two = message_in(Lang::En, "check-acknowledged", &[("count", Arg::from(2usize))]);
        assert_eq!(two, "2 warnings acknowledged");
        let zh = message_in(Lang::Zh, "check-acknowledged", &[("count", Arg::from(2usize))]);
        assert_eq!(zh, "已确认 2 个警告");
        assert_eq!(message_in(Lang::En, "list-separator", &[]), ", ");
        assert_eq!(message_in(Lang::Zh, "list-separator", &[]), "，");
    }

    #[test]
    fn an_unknown_key_is_itself() {
        assert_eq!(message_in(Lang::Zh, "no-such-message", &[]), "no-such-message");
    }
}
