//! The message catalogues (`locales/<lang>/*.ftl`): every message exists in every language with
//! the same arguments, and every key the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id → the `$arguments` it uses, for one `.ftl` file.
fn messages(path: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let starts_message = line.starts_with(|c: char| c.is_ascii_alphabetic()) && line.contains('=');
        if starts_message {
            let id = line.split('=').next().unwrap_or_default().trim().to_string();
            assert!(out.insert(id.clone(), BTreeSet::new()).is_none(), "{}: `{id}` twice", path.display());
            current = Some(id);
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(id) = &current {
            let vars = out.entry(id.clone()).or_default();
            for piece in line.split('$').skip(1) {
                let name: String =
                    piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
                vars.insert(name);
            }
        }
    }
    out
}

fn catalogue(lang: &str) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let dir = Path::new("locales").join(lang);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, messages(&path));
        }
    }
    assert!(!files.is_empty(), "no catalogue in {}", dir.display());
    files
}

#[test]
fn every_message_exists_in_every_language_with_the_same_arguments() {
    let en = catalogue("en");
    let zh = catalogue("zh");
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        zh.keys().collect::<Vec<_>>(),
        "the same files in locales/en and locales/zh"
    );
    for (file, en_messages) in &en {
        let zh_messages = &zh[file];
        let missing: Vec<_> = en_messages.keys().filter(|k| !zh_messages.contains_key(*k)).collect();
        let extra: Vec<_> = zh_messages.keys().filter(|k| !en_messages.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{file}: missing in zh {missing:?}, only in zh {extra:?}");
        for (id, args) in en_messages {
            assert_eq!(args, &zh_messages[id], "{file}: `{id}` takes different arguments in en and zh");
        }
    }
}

/// The keys in `t!("…"` calls under `src/`.
fn keys_used(dir: &Path, out: &mut BTreeSet<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            keys_used(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            // `t!("key"`, not the tail of `format!("…` or `print!("…`.
            for (at, _) in text.match_indices("t!(\"") {
                let before = text[..at].chars().next_back();
                let line = text[..at].rsplit('\n').next().unwrap_or_default();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || line.trim_start().starts_with("//") {
                    continue;
                }
                let key = text[at + 4..].split('"').next().unwrap_or_default();
                out.insert((path.display().to_string(), key.to_string()));
            }
        }
    }
}

#[test]
fn every_key_the_code_asks_for_is_in_the_catalogue() {
    let defined: BTreeSet<String> = catalogue("en").into_values().flat_map(|m| m.into_keys()).collect();
    let mut used = BTreeSet::new();
    keys_used(Path::new("src"), &mut used);
    assert!(!used.is_empty(), "no t!(…) found: the scan is wrong");
    let missing: Vec<_> = used.iter().filter(|(_, key)| !defined.contains(key)).collect();
    assert!(missing.is_empty(), "keys used but not defined in locales/en: {missing:?}");
}

#[test]
fn the_language_comes_from_the_flag_or_the_environment() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = crate::common::policy();
        command.env_remove("POLICY_LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
        command.args(args).envs(env.iter().copied());
        let out = command.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let check = ["check", "rules/"];
    assert!(run(&check, &[]).starts_with("checked 11 file(s): 5 policies"));
    assert!(run(&check, &[("LANG", "zh_CN.UTF-8")]).starts_with("已检查 11 个文件：5 项政策"));
    // LC_ALL wins over LANG, as POSIX orders them; the flag wins over both.
    assert!(run(&check, &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C.UTF-8")]).starts_with("checked"));
    assert!(run(&["--lang", "zh", "check", "rules/"], &[("LC_ALL", "en_US.UTF-8")]).starts_with("已检查"));
    assert!(run(&["check", "rules/", "--lang", "en"], &[("POLICY_LANG", "zh")]).starts_with("checked"));
}
