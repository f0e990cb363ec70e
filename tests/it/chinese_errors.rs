//! The surfaces a Chinese reader meets when something goes wrong, run through the real binary
//! with `--lang zh`: a file that is not there, a folder where a file belongs, a bad CSV, an
//! overflow, a duplicate definition's note, a fact of the wrong type, every `--help` and the
//! usage errors. No English word may be left but what the user typed (paths, ids) and the
//! few technical tokens every language writes the same (see [`english_words`]).
//!
//! Also: the Chinese helps show their examples in Chinese keywords, and each example parses.

use crate::chinese::{drafters_words, english_words, run_any};
use policy_lang::i18n::{message_in, Lang};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A folder of its own for this test's files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("policy-zh-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const RULES: &str = "schema {
  entity enterprise {
    rd_cost: money
    items: count
  }
}

policy p {
  issued 2023-01-01
}

rule BIG for enterprise {
  on as_of
  every_event
  reward rd_cost * 79228162514264337593543950335
}
";

/// `--lang zh` with `args`, failing with `code`: what it printed, the paths it was given
/// taken out (they are the user's), and each diagnostic's code (`io::read`) left out (a
/// code is an id, as rustc's are).
fn failing(args: &[&str], code: i32) -> String {
    let (stdout, stderr, exit) = run_any(&[&["--lang", "zh"], args].concat(), None);
    assert_eq!(exit, Some(code), "{args:?}: {stdout}{stderr}");
    let mut said = stdout + &stderr;
    for arg in args.iter().filter(|a| a.contains('/') || a.contains('.')) {
        said = said.replace(arg, "");
    }
    let code = |word: &str| match word.contains("::") {
        // `提示：check::first_definition` keeps its word.
        true => word.split_once('：').map_or("", |(before, _)| before).to_string(),
        false => word.to_string(),
    };
    // A source excerpt (` 4 │ extend enum …`) is the user's text.
    let source = |l: &&str| l.split_once('│').is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok());
    let lines = said.lines().filter(|l| !source(l));
    lines.map(|l| l.split(' ').map(code).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

#[test]
fn chinese_errors_and_help_have_no_english_word_but_what_the_user_typed() {
    let scratch = Scratch::new("errors");
    let rules = scratch.write("overflow.policy", RULES);
    let facts = scratch.write("facts.json", r#"{"enterprise": [{"id": "E1", "rd_cost": 2, "items": 1}]}"#);
    let mistyped = scratch.write("mistyped.json", r#"{"enterprise": [{"id": "E1", "items": 1}]}"#);
    let csv = Scratch::new("csv");
    csv.write("enterprise.csv", "id,rd_cost,items\nE1,3,1\nE2,4,5,6\n");
    let csv_dir = csv.0.display().to_string();
    let population = csv.write("population.csv", "name,rd_cost\nE1,3\n");
    let folder = scratch.0.display().to_string();
    let mut outputs = vec![
        failing(&["check", "not-there.policy"], 1),
        failing(&["eval", &rules, "--facts", "not-there.json"], 1),
        // A folder where a file belongs: the system's own refusal, and ours.
        failing(&["replay", &folder, &rules], 1),
        failing(&["eval", &rules, "--facts", &folder, "--jsonl"], 1),
        failing(&["eval", &rules, "--facts", &csv_dir], 1),
        failing(&["eval", &rules, "--facts", &population], 1),
        failing(&["eval", &rules, "--facts", &facts, "--as-of", "2024-01-01"], 1),
        failing(&["eval", &rules, "--facts", &mistyped, "--as-of", "2024-01-01"], 1),
        failing(&["check", "rules/schema.policy", "tests/diagnostics/extend_twice.policy"], 1),
        failing(&["eval", &rules, "--facts", &facts, "--detail", "compact"], 2),
        failing(&["eval", &rules, "--facts"], 2),
        failing(&["check"], 2),
    ];
    let overflow = &outputs[6];
    assert!(overflow.contains("的运算结果") && !overflow.contains("overflows"), "{overflow}");
    assert!(outputs[7].contains("（金额）"), "{}", outputs[7]);
    assert!(outputs[8].contains("\n提示"), "{}", outputs[8]);
    let subcommands = ["check", "eval", "facts-needed", "replay", "gen", "compile", "fmt", "repl", "serve", "test"];
    for sub in [None].into_iter().chain(subcommands.map(Some)) {
        let args: Vec<&str> = sub.into_iter().chain(["--help"]).collect();
        let (help, _, code) = run_any(&[&["--lang", "zh"], &args[..]].concat(), None);
        assert_eq!(code, Some(0), "{args:?}");
        // Every argument has its help: no empty line under an argument.
        assert!(!help.contains("...\n          \n"), "{args:?}: {help}");
        outputs.push(help);
    }
    let twice = ["rules/schema.policy", "tests/diagnostics/extend_twice.policy"].map(Path::new);
    let chosen = drafters_words(&[&[Path::new(&rules)], &twice[..]].concat());
    let found: BTreeSet<String> = outputs.iter().flat_map(|o| english_words(o, &chosen, true)).collect();
    let said = outputs.join("\n");
    assert!(!said.contains("Advice") && !said.contains("os error"), "{said}");
    assert!(
        found.is_empty(),
        "English words in --lang zh errors and help:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The example in each Chinese help (`如 …`/`例如 …`) in backticks: written in Chinese
/// keywords, and parsing where it is pasted. Each key comes with the file around its
/// examples (`{}` is where one goes).
const EXAMPLES: &[(&str, &str)] = &[
    ("syntax-a-field", "模式 { 实体 企业 { {} } }"),
    ("syntax-a-type", "模式 { 实体 药品 { 名称: 文本 } 实体 企业 { 字段: {} } }"),
    ("syntax-a-duration", "规则 R 适用于 企业 { 发生于 评估日 一次性 当 评估日 <= 成立日 + {} 奖励 1万 }"),
    ("syntax-drafting-duration", "规则 R 适用于 企业 { 发生于 评估日 一次性 当 评估日 <= 成立日 + {} 奖励 1万 }"),
    ("syntax-an-amount", "规则 R 适用于 企业 { 发生于 评估日 一次性 奖励 {} }"),
    ("syntax-missing-reward-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 {} }"),
    ("check-max-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 奖励 {} }"),
    ("check-rate-base-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 奖励 {} }"),
    ("check-comparison-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 当 {} 奖励 1万 }"),
    ("check-compare-enum-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 当 {} 奖励 1万 }"),
    ("check-default-not-fact-help", "规则 R 适用于 企业 { 发生于 评估日 一次性 奖励 1万 每 {} }"),
    ("check-no-frequency-help", "规则 R 适用于 企业 { 发生于 评估日 {} 奖励 1万 }"),
    ("check-pool-cap-help", "限额 P { 包括 R {} }"),
    ("check-stack-earlier-help", "就高 S { 包括 R, Q 每 企业 {} }"),
    ("syntax-a-tag", "就高 S { 包括 R, 已获资助 {} 每 企业 }"),
    ("syntax-a-payer", "规则 R 适用于 企业 { 发生于 评估日 一次性 奖励 1万 分担 {}, 区 50% }"),
];

#[test]
fn chinese_helps_show_examples_in_chinese_keywords_that_parse() {
    let english: BTreeSet<&str> = policy_lang::syntax::KEYWORDS.iter().map(|k| k.en).collect();
    for (key, around) in EXAMPLES {
        let help = message_in(Lang::Zh, key, &[]);
        let examples: Vec<&str> = help.split('`').skip(1).step_by(2).collect();
        assert!(!examples.is_empty(), "{key}: no example in {help}");
        for example in examples {
            let words = example.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            let english_words: Vec<&str> = words.filter(|w| english.contains(w)).collect();
            assert!(english_words.is_empty(), "{key}: `{example}` has English keywords {english_words:?}");
            // A bare keyword (`奖励`) or a placeholder (`<事实>`) is named, not pasted.
            if example.contains('<') || !example.contains(' ') && !example.contains(':') {
                continue;
            }
            let file = around.replacen("{}", example, 1);
            let parsed = policy_lang::syntax::parse(&file);
            assert!(parsed.is_ok(), "{key}: `{example}` does not parse in `{file}`: {parsed:?}");
        }
    }
}

/// The HTTP service's problems, asked for in Chinese over the real loopback socket: each bad
/// request's `error` line and its diagnostics have no English word but what the request
/// carried; the same request without `Accept-Language` is answered in English.
#[cfg(feature = "serve")]
#[test]
fn the_servers_problems_are_in_the_language_asked_for() {
    use crate::serve::{answer, Server};
    let server = Server::start(&["rules/", "--max-entities", "2", "--max-body-bytes", "4000"]);
    let ask = |path: &str, body: &[u8], lang: Option<&str>| {
        let mut request = ureq::post(&format!("{}{path}", server.url));
        if let Some(lang) = lang {
            request = request.set("Accept-Language", lang);
        }
        answer(request.send_bytes(body))
    };
    let enterprise = |id: &str| {
        format!(
            r#"{{"id": "{id}", "name": "x", "unit_type": "enterprise", "local": true, "biomedical": true, "listed": false}}"#
        )
    };
    let one = format!(r#"{{"enterprise": [{}]}}"#, enterprise("E1"));
    let one = one.as_bytes();
    let three = format!(r#"{{"enterprise": [{}, {}, {}]}}"#, enterprise("E1"), enterprise("E2"), enterprise("E3"));
    let mistyped = br#"{"enterprise": [{"id": "E1", "registered_capital": "a lot"}]}"#;
    let requests: Vec<(&str, Vec<u8>, u16)> = vec![
        ("/v1/evaluate", b"{\"enterprise\": [{\"id\": \"\xff\"}]}".to_vec(), 400),
        ("/v1/evaluate", vec![b' '; 5000], 413),
        ("/v1/evaluate", mistyped.to_vec(), 422),
        ("/v1/evaluate", three.into_bytes(), 413),
        ("/v1/evaluate?as_of=tomorrow", one.to_vec(), 400),
        ("/v1/evaluate?explain=enterprise.NOPE", one.to_vec(), 422),
        ("/v1/why?rule=NOPE", one.to_vec(), 422),
        ("/v1/evaluate/batch?awards_only=maybe", one.to_vec(), 400),
        ("/v1/evaluate/batch?detail=full&awards_only=true", one.to_vec(), 400),
        ("/v1/check", b"rule \xff".to_vec(), 400),
    ];
    let mut said = Vec::new();
    for (path, body, status) in &requests {
        let (zh_status, zh) = ask(path, body, Some("zh-CN,zh;q=0.9"));
        let (en_status, en) = ask(path, body, None);
        assert_eq!((zh_status, en_status), (*status, *status), "{path}: {zh} {en}");
        let zh: serde_json::Value = serde_json::from_str(&zh).unwrap_or_else(|e| panic!("{path}: {e}: {zh}"));
        let en: serde_json::Value = serde_json::from_str(&en).unwrap_or_else(|e| panic!("{path}: {e}: {en}"));
        assert_ne!(zh["error"], en["error"], "{path}: the same words in both languages");
        let mut text = zh["error"].as_str().unwrap_or_else(|| panic!("{path}: no error line: {zh}")).to_string();
        for d in zh["diagnostics"].as_array().into_iter().flatten() {
            for part in ["message", "help"] {
                text += &format!("\n{}", d[part].as_str().unwrap_or_default());
            }
        }
        said.push(text);
    }
    let facts = [
        "enterprise",
        "registered_capital",
        "name",
        "unit_type",
        "local",
        "biomedical",
        "listed",
        "NOPE",
        "tomorrow",
        "as_of",
        "detail",
        "awards_only",
        "true",
    ];
    let mut chosen = drafters_words(&[Path::new("rules/schema.policy")]);
    chosen.extend(facts.map(String::from));
    let found: BTreeSet<String> = said.iter().flat_map(|s| english_words(s, &chosen, true)).collect();
    assert!(
        found.is_empty(),
        "English in the server's Chinese problems:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
    let all = said.join("\n");
    assert!(all.contains("请求正文不是 UTF-8 文本") && all.contains("每个请求最多 2 个"), "{all}");
}
