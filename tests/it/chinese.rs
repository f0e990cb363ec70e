//! Output in Chinese (`--lang zh`): no English word is left but the ids the drafter chose;
//! tables fit the terminal with Chinese ids; amounts in 万/亿; the English help is the doc
//! comments' own words.

use crate::common::{beside, policy};
use policy_lang::i18n::{with_lang, Lang};
use policy_lang::output::ErrorFormat;
use policy_lang::repl::{Config, Session};
use policy_lang::syntax::{is_keyword, tokens, TokenKind};
use std::collections::BTreeSet;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

fn run(args: &[&str], columns: Option<&str>) -> (String, String) {
    let (stdout, stderr, code) = run_any(args, columns);
    assert_eq!(code, Some(0), "policy {args:?}: {stdout}{stderr}");
    (stdout, stderr)
}

/// `policy args…`, whatever its exit: stdout, stderr and the exit code.
pub(crate) fn run_any(args: &[&str], columns: Option<&str>) -> (String, String, Option<i32>) {
    let mut command = policy();
    command.args(args);
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let out = command.output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

/// ASCII words: runs of letters, digits and `_`, starting with a letter.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// The words the drafter chose: the names in the rules (every word that is not a keyword),
/// the words of their text literals (cites, titles, test names), of the facts (ids, enum
/// values, keys) and of the file names.
pub(crate) fn drafters_words(files: &[&Path]) -> BTreeSet<String> {
    let mut chosen = BTreeSet::new();
    for file in files {
        // Lossy: a bad input (GBK) is read for its ASCII words all the same.
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        chosen.extend(words(&file.display().to_string()).map(String::from));
        if file.extension().is_some_and(|e| e == "json") {
            chosen.extend(words(&text).map(String::from));
            continue;
        }
        for token in tokens(&text) {
            let said = token.text(&text);
            match token.kind {
                TokenKind::Word if !is_keyword(said) => chosen.extend(words(said).map(String::from)),
                TokenKind::Text { .. } => chosen.extend(words(said).map(String::from)),
                _ => {}
            }
        }
    }
    chosen
}

/// Files below `dir` ending in `ext`.
fn files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> =
        walk(Path::new(dir)).into_iter().filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    found.sort();
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The English words in `output` that the drafter did not choose. Quoted source (`` `…` ``),
/// REPL commands and flags (`:why`, `--rule`), placeholders (`<file>`, unless `strict`: the
/// command line's own are translated) and the few names every language writes the same
/// (JSON, Ctrl-C, YYYY-MM-DD, policy-lang) are not words.
pub(crate) fn english_words(output: &str, chosen: &BTreeSet<String>, strict: bool) -> BTreeSet<String> {
    const NAMES: &[&str] = &[
        "JSON", "Lines", "Schema", "CSV", "HTTP", "Ctrl", "C", "D", "YYYY", "MM", "DD", "policy", "lang", "ASCII",
        "UTC", "UTF", "GBK", // File name extensions.
        "csv", "xlsx", // The commands, as typed.
        "check", "eval", "facts", "needed", "replay", "gen", "compile", "fmt", "repl", "serve", "test", "help",
    ];
    let mut found = BTreeSet::new();
    for line in output.lines() {
        // Outside backticks only: the even pieces.
        for piece in line.split('`').step_by(2) {
            let mut rest = piece;
            while let Some(at) = rest.find(|c: char| c.is_ascii_alphabetic()) {
                let before = rest[..at].chars().next_back();
                let tail = &rest[at..];
                let len = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(tail.len());
                let word = &tail[..len];
                let placeholder = !strict && matches!(before, Some('<' | '['));
                let command = placeholder || matches!(before, Some(':' | '-' | '\\'));
                let in_word = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                if !command && !in_word && !chosen.contains(word) && !NAMES.contains(&word) {
                    found.insert(format!("{word}  (in: {line})"));
                }
                rest = &tail[len..];
            }
        }
    }
    found
}

#[test]
fn chinese_output_has_no_english_word_but_the_drafters_ids() {
    let mut inputs = files("rules", "policy");
    inputs.extend(files("examples", "json"));
    inputs.extend(files("examples", "policy"));
    inputs.extend(files("tests/cli", "policy"));
    inputs.extend(files("tests/cli", "json"));
    let refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let chosen = drafters_words(&refs);
    let mut outputs = Vec::new();
    // The seed rules on the bundled fact sets, and each Chinese-keyword example on its own.
    for facts in files("examples", "json") {
        let rules = facts.with_extension("policy");
        let rules = if rules.exists() { rules.display().to_string() } else { "rules/".to_string() };
        let facts = facts.display().to_string();
        for amounts in ["yuan", "wan"] {
            let args =
                ["--lang", "zh", "--amounts", amounts, "eval", &rules, "--facts", &facts, "--as-of", "2025-06-30"];
            outputs.push(run(&args, None).0);
        }
    }
    outputs.push(run(&["--lang", "zh", "test", "--facts-root", ".", "--coverage", "rules/"], None).0);
    // `check`: the summary and the amendment notes (the warnings are diagnostics, worded apart).
    let (_, check) = run(&["--lang", "zh", "check", "rules/"], None);
    outputs.extend(
        check
            .lines()
            .filter(|l| l.starts_with("已检查") || l.starts_with("注") || l.starts_with("  "))
            .map(String::from),
    );
    outputs.push(run(&["--lang", "zh", "--help"], None).0);
    outputs.push(run(&["--lang", "zh", "eval", "--help"], None).0);
    outputs.push(with_lang(Lang::Zh, repl_session));
    outputs.extend(runtime_outputs());
    let found: BTreeSet<String> = outputs.iter().flat_map(|o| english_words(o, &chosen, true)).collect();
    assert!(
        found.is_empty(),
        "English words in --lang zh output:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Stacks, pools, a count cap and earlier grants in a table and with --explain; what rules
/// need; a failing test; a replay that differs; a syntax error; clap's usage errors.
fn runtime_outputs() -> Vec<String> {
    let ledger = ["tests/cli/ledger.policy", "--facts", "tests/cli/ledger.json"];
    let mut outputs = vec![
        run(&[&["--lang", "zh", "eval"], &ledger[..]].concat(), None).0,
        run(&[&["--lang", "zh", "eval"], &ledger[..], &["--explain", "enterprise.E1"]].concat(), None).0,
    ];
    for rules in ["rules/", "examples/zh/", "tests/cli/ledger.policy"] {
        outputs.push(run(&["--lang", "zh", "facts-needed", rules], None).0);
    }
    let failing = run_any(&["--lang", "zh", "test", "tests/cli/demo.policy", "tests/cli/failing_tests.policy"], None);
    assert_eq!(failing.2, Some(1), "{}", failing.0);
    outputs.push(failing.0);
    outputs.push(replayed_in_chinese());
    // A diagnostic's first line is its code (`syntax::unexpected`), an id like rustc's.
    let (_, syntax, _) = run_any(&["--lang", "zh", "check", "tests/cli/syntax_error.policy"], None);
    assert!(syntax.contains("`当`") && syntax.contains("`每年`"), "{syntax}");
    outputs.extend(syntax.lines().filter(|l| !l.contains("::")).map(String::from));
    for usage in USAGE_ERRORS {
        let (_, stderr, code) = run_any(&[&["--lang", "zh"], *usage].concat(), None);
        assert_eq!(code, Some(2), "{usage:?}: {stderr}");
        outputs.push(stderr);
    }
    outputs
}

/// Usage errors clap finds (and one of ours).
const USAGE_ERRORS: &[&[&str]] = &[
    &["eval"],
    &["eval", "--bogus"],
    &["eval", "rules/", "--facts", "f.json", "--format", "nope"],
    &["eval", "rules/", "--facts", "f.json", "--as-of", "2024-13-01"],
    &["evl"],
    &[],
    &["facts-needed", "rules/", "--format", "csv"],
];

/// `policy --lang zh replay` of a decision log against rules that now pay differently. The
/// logged and the new award are quoted as the log holds them (JSON: data, not words), so
/// they are left out of the scan.
fn replayed_in_chinese() -> String {
    let dir = std::env::temp_dir().join(format!("policy-zh-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("decisions.jsonl");
    let _ = std::fs::remove_file(&log);
    let log = log.display().to_string();
    let eval = ["eval", "tests/cli/ledger.policy", "--facts", "tests/cli/ledger.json", "--decision-log", &log];
    run(&eval, None);
    let rules = std::fs::read_to_string("tests/cli/ledger.policy").unwrap().replace("20% of rd_cost", "10% of rd_cost");
    let changed = dir.join("ledger.policy");
    std::fs::write(&changed, rules).unwrap();
    let (out, _, code) = run_any(&["--lang", "zh", "replay", &log, &changed.display().to_string()], None);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("有变化") && out.contains("已重放 3 项决定"), "{out}");
    out.lines()
        .map(|line| match line.find(['{', '"']) {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a Chinese reader sees of stacks, pools and earlier grants, of a syntax error and of
/// a usage error, each kept beside its input.
#[test]
fn runtime_words_in_chinese_snapshots() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ledger.json");
    let args = ["--lang", "zh", "eval", "tests/cli/ledger.policy", "--facts", "tests/cli/ledger.json"];
    let table = run(&args, None).0;
    assert!(table.contains("共 2 笔，首笔为 enterprise.E1 的 p.LOW，2024-01-10 发放，$.ledger[0]"), "{table}");
    assert!(table.contains("条件 `ok 且 x > 10万` 不成立"), "{table}");
    beside(&facts, || insta::assert_snapshot!("ledger.json.zh", table));
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ledger.policy");
    let needs = run(&["--lang", "zh", "facts-needed", "tests/cli/ledger.policy", "--rule", "FIFTH"], None).0;
    beside(&rules, || insta::assert_snapshot!("ledger.policy.needs.zh", needs));
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/syntax_error.policy");
    let (_, syntax, _) =
        run_any(&["--lang", "zh", "--error-format", "plain", "check", "tests/cli/syntax_error.policy"], None);
    beside(&bad, || insta::assert_snapshot!("syntax_error.policy.zh", syntax));
    let usage: Vec<String> = USAGE_ERRORS
        .iter()
        .map(|args| {
            format!("$ policy --lang zh {}\n{}", args.join(" "), run_any(&[&["--lang", "zh"], *args].concat(), None).1)
        })
        .collect();
    beside(&rules, || insta::assert_snapshot!("usage_errors.zh", usage.join("\n")));
}

/// Every Chinese diagnostic snapshot (`foo.policy.zh.snap` beside each case in
/// `tests/diagnostics/` and `tests/bad_inputs/`) has no English word in its messages, labels
/// and helps but the ids the drafter chose in the case and the files it is read with. The
/// snapshots are the real output (the snapshot tests compare them), so the scan is of what a
/// reader sees, wrapped lines joined.
#[test]
fn chinese_diagnostics_have_no_english_word_but_the_drafters_ids() {
    let mut found = BTreeSet::new();
    let mut scanned = 0;
    for dir in ["tests/diagnostics", "tests/bad_inputs"] {
        for snap in files(dir, "snap") {
            let Some(case) = snap.to_str().and_then(|s| s.strip_suffix(".zh.snap")) else { continue };
            let case = std::path::PathBuf::from(case);
            assert!(case.exists(), "{}: no case beside it", snap.display());
            let text = std::fs::read_to_string(&case).unwrap_or_default();
            let mut inputs: Vec<std::path::PathBuf> =
                text.lines().map_while(|l| l.strip_prefix("// with ")).map(Into::into).collect();
            if case.extension().is_some_and(|e| e == "json") {
                inputs.push("tests/cli/demo.policy".into());
            }
            inputs.push(case.clone());
            let refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
            let chosen = drafters_words(&refs);
            let snapshot = std::fs::read_to_string(&snap).unwrap();
            for said in said_lines(&snapshot) {
                let english = english_words(&said, &chosen, true);
                found.extend(english.into_iter().map(|w| format!("{}: {w}", snap.display())));
            }
            scanned += 1;
        }
    }
    assert!(scanned > 90, "only {scanned} Chinese snapshots found");
    assert!(
        found.is_empty(),
        "English words in Chinese diagnostics:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// What a rendered diagnostic says in words: each message, help and label, a wrapped one
/// joined again; not the quoted source, the frame around it, the codes, or the bad-inputs
/// harness's `accepted:` lines.
fn said_lines(snapshot: &str) -> Vec<String> {
    let body = snapshot.splitn(3, "---\n").nth(2).unwrap_or_default();
    let mut said: Vec<String> = Vec::new();
    let mut joining = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        let message = ["x ", "! ", "> ", "help: "].iter().find_map(|m| line.strip_prefix("  ")?.strip_prefix(m));
        if let Some(text) = message {
            said.push(text.to_string());
            joining = true;
        } else if let (true, Some(more)) =
            (joining, line.strip_prefix("  | ").or_else(|| line.strip_prefix("        ")))
        {
            if let Some(last) = said.last_mut() {
                last.push(' ');
                last.push_str(more.trim());
            }
        } else if let Some((_, label)) = trimmed.strip_prefix(':').and_then(|l| l.split_once("`-- ")) {
            said.push(label.to_string());
            joining = false;
        } else {
            // Source lines, the frame, codes; miette's own word for a related note in another
            // file (`Advice: check::first_definition`) is the renderer's, not the catalogue's.
            joining = false;
        }
    }
    said
}

/// A REPL session on the bundled rules and an example, in the current language.
fn repl_session() -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let mut session = Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None });
    let mut out = session.load(vec!["rules/".into()]).text;
    for line in [
        ":help",
        ":facts examples/wuxi_innovative_drug.json",
        ":as_of 2025-06-30",
        ":focus",
        ":rules",
        ":eval enterprise.WXINNO",
        ":why WX-03-1",
        ":why-not WX-10",
        ":why-not CZ-03-2a",
        ":type",
    ] {
        out.push_str(&session.handle(line).text);
    }
    out
}

#[test]
fn the_repl_answers_in_chinese() {
    let out = with_lang(Lang::Zh, repl_session);
    assert!(out.contains("已载入 11 个文件：5 项政策"), "{out}");
    assert!(out.contains("列出命令"), "{out}");
    assert!(out.contains("评估日 2025-06-30（由 :as_of 设定）"), "{out}");
    assert!(out.contains("政策  "), "the :rules heading: {out}");
    assert!(out.contains("（封顶）"), "{out}");
}

#[test]
fn tables_fit_80_and_40_columns_with_chinese_ids() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/chinese_ids.json");
    for columns in ["80", "40"] {
        let args = [
            "--lang",
            "zh",
            "--amounts",
            "wan",
            "eval",
            "tests/cli/demo.policy",
            "--facts",
            "tests/cli/chinese_ids.json",
        ];
        let (table, _) = run(&args, Some(columns));
        let width: usize = columns.parse().unwrap();
        for line in table.lines() {
            assert!(line.width() <= width, "wider than {width}: {line:?}");
            assert!(!line.contains(['\u{1b}', '\r']), "a raw control character: {line:?}");
        }
        assert!(table.contains("江苏恒瑞"), "{table}");
        beside(&facts, || insta::assert_snapshot!(format!("chinese_ids.json.{columns}"), table));
    }
    // Piped without COLUMNS, nothing is wrapped: one line per row, as before.
    let (wide, _) = run(&["eval", "tests/cli/demo.policy", "--facts", "tests/cli/chinese_ids.json"], None);
    let row = wide.lines().find(|l| l.starts_with("enterprise.江苏恒瑞医药股份有限公司.drugs.注射用卡瑞利珠单抗"));
    assert!(row.is_some_and(|row| row.ends_with("CZ-03-1b  （三）第1段(b)  exact         4,000,000")), "{wide}");
}

#[test]
fn amounts_in_wan_and_yuan() {
    let args = |lang: &'static str, amounts: &'static str| {
        ["--lang", lang, "--amounts", amounts, "eval", "tests/cli/demo.policy", "--facts", "tests/cli/chinese_ids.json"]
    };
    let (zh_wan, _) = run(&args("zh", "wan"), None);
    assert!(zh_wan.contains("最高 400万元：600万元 → 400万元（封顶）"), "{zh_wan}");
    assert!(zh_wan.contains("960万元"), "{zh_wan}");
    let (zh_yuan, _) = run(&args("zh", "yuan"), None);
    assert!(zh_yuan.contains("最高 4,000,000元：6,000,000元 → 4,000,000元（封顶）"), "{zh_yuan}");
    let (en_wan, _) = run(&args("en", "wan"), None);
    assert!(en_wan.contains("max 400万元: 600万元 → 400万元 (capped)"), "{en_wan}");
    let (en, _) = run(&args("en", "yuan"), None);
    assert!(en.contains("max 4,000,000: 6,000,000 → 4,000,000 (capped)"), "{en}");
    // JSON keeps the exact figure whatever the display.
    let json = |amounts| {
        run(
            &[
                "--amounts",
                amounts,
                "eval",
                "tests/cli/demo.policy",
                "--facts",
                "tests/cli/chinese_ids.json",
                "--format",
                "json",
            ],
            None,
        )
        .0
    };
    let (yuan, wan) = (json("yuan"), json("wan"));
    assert!(wan.contains("\"owed\": \"9600000.00\""), "{wan}");
    let owed = |j: &str| j.lines().find(|l| l.contains("\"owed\"")).map(String::from);
    assert_eq!(owed(&yuan), owed(&wan));
}

#[test]
fn the_english_help_says_what_the_doc_comments_say() {
    let mut help = run(&["--help"], None).0;
    for sub in ["check", "eval", "facts-needed", "replay", "gen", "compile", "fmt", "repl", "serve", "test"] {
        help += &run(&[sub, "--help"], None).0;
    }
    let catalogue = std::fs::read_to_string("locales/en/help.ftl").unwrap();
    for line in catalogue.lines().filter(|l| l.starts_with("cli-") && !l.contains("-heading")) {
        let (key, text) = line.split_once(" = ").unwrap();
        if ["cli-help", "cli-version", "cli-help-command"].contains(&key) {
            continue;
        }
        assert!(help.contains(text), "`{key}` is not what `policy --help` says: {text}");
    }
    let zh = run(&["--lang", "zh", "eval", "--help"], None).0;
    assert!(zh.contains("用法: policy eval") && zh.contains("按一组 JSON 事实评估规则"), "{zh}");
}

/// `Accept-Language: zh` over the real loopback socket: the reasons and traces a response
/// carries are in Chinese, what `policy --lang zh eval --format json` writes; without it,
/// English; amounts stay exact.
#[cfg(feature = "serve")]
#[test]
fn the_server_answers_in_the_language_asked_for() {
    use crate::serve::Server;
    let server = Server::start(&["rules/"]);
    let facts = std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap();
    let ask = |path: &str, lang: Option<&str>| {
        let mut request = ureq::post(&format!("{}{path}", server.url));
        if let Some(lang) = lang {
            request = request.set("Accept-Language", lang);
        }
        let text = request.send_string(&facts).unwrap().into_string().unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    let zh = ask("/v1/evaluate", Some("zh-CN,zh;q=0.9,en;q=0.8"));
    let cli = run(
        &["--lang", "zh", "eval", "rules/", "--facts", "examples/changzhou_device_maker.json", "--format", "json"],
        None,
    )
    .0;
    let cli: serde_json::Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(zh["awards"], cli["awards"]);
    assert_eq!(zh["not_applicable"], cli["not_applicable"]);
    let trace = zh["awards"][1]["trace"].to_string();
    assert!(trace.contains("（封顶）") && trace.contains("2,000,000元"), "{trace}");
    let en = ask("/v1/evaluate", None);
    assert!(en["awards"][1]["trace"].to_string().contains("(capped)"), "{en}");
    assert_eq!(zh["totals"], en["totals"], "amounts are data, the same in every language");
    let why_not = ask("/v1/why-not?rule=CZ-03-2a", Some("zh"));
    assert!(why_not["not_applicable"].to_string().contains("不成立"), "{why_not}");
    // A batch's lines too, though they are evaluated on the batch's own threads.
    let line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&facts).unwrap()).unwrap();
    let batch = ureq::post(&format!("{}/v1/evaluate/batch", server.url))
        .set("Accept-Language", "zh")
        .send_string(&format!("{line}\n"))
        .unwrap()
        .into_string()
        .unwrap();
    assert!(batch.contains("（封顶）"), "{batch}");
}

/// The REPL session the README shows in Chinese, as the terminal shows it (prompts and
/// inputs, then each answer).
fn readme_session() -> String {
    with_lang(Lang::Zh, || {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        let mut session = Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None });
        let mut out = "$ cargo run -- repl --lang zh tests/repl/demo.policy --facts tests/repl/demo.json\n".to_string();
        out += &policy_lang::t!("repl-banner");
        out.push('\n');
        out += &session.load(vec!["tests/repl/demo.policy".into()]).text;
        out += &session.load_facts("tests/repl/demo.json").text;
        for line in ["20% of 3000万", ":why-not RD", ":set enterprise.E1.rd_cost = 2000万", ":why RD"] {
            out += &format!("policy> {line}\n");
            out += &session.handle(line).text;
        }
        out
    })
}

#[test]
fn the_readme_shows_a_chinese_session_and_table_from_real_runs() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let session = readme_session();
    assert!(readme.contains(&session), "README.md should show this session:\n{session}");
    let args = [
        "--lang",
        "zh",
        "--amounts",
        "wan",
        "eval",
        "rules/",
        "--facts",
        "examples/changzhou_device_maker.json",
        "--as-of",
        "2025-06-30",
        "--explain",
        "enterprise.CZMED.devices.DEV-ENDO",
    ];
    let table = run(&args, None).0;
    assert!(readme.contains(&table), "README.md should show this table:\n{table}");
    // A `check` diagnostic in Chinese, and the same one flag away in English.
    let case = "tests/diagnostics/drafting_max.policy";
    let check = |lang: &str| {
        let out = policy().args(["--lang", lang, "check", case]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let zh = format!("$ policy --lang zh check {case}\n{}", check("zh"));
    assert!(readme.contains(&zh), "README.md should show this diagnostic:\n{zh}");
    assert!(check("en").contains("is the policy text's wording; the rules write `max 2000万`"));
}

/// A REPL answer in Chinese: the value and its type in the reader's words (`否 : 是否`,
/// `30 日 : 期限`, `最高 …`), as the English session shows `false : bool`.
#[test]
fn repl_values_and_types_are_in_the_readers_words() {
    let answers = with_lang(Lang::Zh, || {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        let mut session = Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None });
        session.load(vec!["tests/repl/demo.policy".into()]);
        ["1 > 2", "30 日", "6 个月", "不超过 20万", "20%", "5%..10%"].map(|line| session.handle(line).text)
    });
    let first_lines: Vec<&str> = answers.iter().map(|a| a.lines().next().unwrap_or_default()).collect();
    assert_eq!(
        first_lines,
        [
            "否 : 是否",
            "30 日 : 期限",
            "6 个月 : 期限",
            "最高 20万元（200,000.00元） : 奖励",
            "20% : 比率",
            "5%..10% : 比率区间"
        ]
    );
}
