//! 中文: Chinese names and the Chinese keyword set, from the scanner to `policy test`.

use crate::cli::{policy, text};
use policy_lang::format::format_in;
use policy_lang::syntax::{expr_in, parse, Lang};
use policy_lang::{ir, Source};

/// Every `.policy` file under `dir`, sorted, with its text.
fn policy_files(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = dirs.pop() {
        for path in std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "policy") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The IR of the files, each converted by `convert`.
fn ir_of(files: &[(String, String)], convert: impl Fn(&str) -> String) -> serde_json::Value {
    let sources = files.iter().map(|(name, text)| Source::new(name.clone(), convert(text))).collect();
    let loaded = policy_lang::compile(sources).unwrap_or_else(|e| panic!("{:?}", e.0));
    ir::to_json(&loaded.program)
}

#[test]
fn the_chinese_example_passes_its_tests() {
    let out = policy(&["test", "--coverage", "examples/zh/"], None);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("6 passed, 0 failed"), "{}", text(&out.stdout));
}

/// The example is written in Chinese keywords, formatted; in English it is the same program.
#[test]
fn the_chinese_example_is_formatted_and_means_the_same_in_english() {
    let files = policy_files("examples/zh");
    assert_eq!(files.len(), 2);
    for (name, text) in &files {
        assert_eq!(&format_in(text, None).unwrap(), text, "{name} is not formatted in Chinese");
        assert!(text.contains("规则 ") || text.contains("测试 "), "{name}");
    }
    let english = ir_of(&files, |t| format_in(t, Some(Lang::En)).unwrap());
    assert_eq!(ir_of(&files, str::to_string), english);
    assert!(format_in(&files[0].1, Some(Lang::En)).unwrap().contains("rule 苏-四-三 for 年度报告 {"));
}

/// Every seed file converts to Chinese and back to its formatted English with every comment
/// kept, and all of them together compile to the same IR in either keyword set.
#[test]
fn every_seed_file_converts_to_chinese_and_back() {
    let files = policy_files("rules");
    for (name, text) in &files {
        let en = format_in(text, None).unwrap();
        let zh = format_in(text, Some(Lang::Zh)).unwrap();
        assert_eq!(format_in(&zh, Some(Lang::En)).unwrap(), en, "{name}");
        assert_eq!(format_in(&zh, None).unwrap(), zh, "{name}: a Chinese file stays Chinese");
        assert_eq!(zh.matches("//").count(), en.matches("//").count(), "{name}: a comment was lost");
        assert_eq!(parse(&zh).unwrap(), parse(text).unwrap(), "{name}");
    }
    let zh = ir_of(&files, |t| format_in(t, Some(Lang::Zh)).unwrap());
    assert_eq!(zh, ir_of(&files, str::to_string));
}

#[test]
fn the_cli_converts_a_file_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.policy");
    let english = "rule A for enterprise {\n  cite \"一\"\n  when total > 0 // 注释\n  on as_of\n  reward 20% of total max 100万\n  once\n}\n";
    std::fs::write(&path, english).unwrap();
    let file = path.display().to_string();
    let out = policy(&["fmt", "--lang", "zh", &file], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // `total` is a field here, not the keyword, so it stays as written.
    let chinese = "规则 A 适用于 enterprise {\n  依据 \"一\"\n  当 total > 0  // 注释\n  发生于 评估日\n  奖励 20% 的 total 最高 100万\n  一次性\n}\n";
    assert_eq!(std::fs::read_to_string(&path).unwrap(), chinese);
    assert_eq!(policy(&["fmt", "--check", &file], None).status.code(), Some(0), "a Chinese file stays Chinese");
    assert_eq!(policy(&["fmt", "--lang", "en", &file], None).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), english.replace("0 // 注释", "0  // 注释"));
    assert_eq!(policy(&["fmt", "--lang", "fr", &file], None).status.code(), Some(2));
}

/// A file that mixes the sets is kept in English unless a set is asked for.
#[test]
fn a_mixed_file_is_formatted_in_english() {
    let mixed = "规则 A 适用于 e { on as_of reward 1万 一次性 }\n";
    assert_eq!(format_in(mixed, None).unwrap(), "rule A for e {\n  on as_of\n  reward 1万\n  once\n}\n");
    assert_eq!(
        format_in(mixed, Some(Lang::Zh)).unwrap(),
        "规则 A 适用于 e {\n  发生于 评估日\n  奖励 1万\n  一次性\n}\n"
    );
}

/// Chinese names everywhere a name goes: kinds, fields, enum values, ids, facts' keys and
/// values, durations in Chinese units.
#[test]
fn chinese_names_from_schema_to_facts() {
    let rules = "模式 { 枚举 阶段 { 一期, 二期 } 实体 企业 { 研发投入: money, 阶段: 阶段, 成立日期: date } }\n\
                 政策 试点 { 印发 2024-01-01 施行 30 日 后于 发布 }\n\
                 规则 研发-1 适用于 企业 { 发生于 成立日期 + 1 年 当 阶段 属于 { 二期 } 奖励 20% 的 研发投入 最高 100万 一次性 }\n";
    let facts = r#"{"企业": [{"id": "甲", "研发投入": "300万", "阶段": "二期", "成立日期": "2024-03-01"}]}"#;
    let program = policy_lang::compile(vec![Source::new("试点.policy", rules)]).unwrap().program;
    let facts = program.facts("事实.json", facts).unwrap();
    let result = program.evaluate(&facts, crate::common::date("2025-06-30")).unwrap();
    let json = serde_json::to_string(&policy_lang::output::json(&result)).unwrap();
    assert!(json.contains("\"企业.甲\"") && json.contains("\"研发-1\"") && json.contains("600000"), "{json}");
    // The policy took effect 30 days after 2024-01-01 (on 2024-01-31); the event is 2025-03-01.
    assert!(!json.contains("took effect"), "{json}");
}

#[test]
fn a_keyword_written_against_a_name_is_explained() {
    let help = |text: &str| match parse(text) {
        Err(errors) => {
            errors.iter().map(|e| format!("{e} / {:?}", miette::Diagnostic::help(e).map(|h| h.to_string()))).collect()
        }
        Ok(_) => String::new(),
    };
    let glued = help("规则 A 适用于 企业 { 奖励研发投入 }");
    assert!(glued.contains("`奖励研发投入` reads as one name") && glued.contains("`奖励 研发投入`"), "{glued}");
    let before = help("规则 A 适用于 企业 { 当 阶段属于 { 一期 } 奖励 1万 }");
    assert!(before.contains("`阶段属于` reads as one name") && before.contains("`阶段 属于`"), "{before}");
    // A full-width figure after a Chinese name is reported as such, not read into the name.
    let full_width = help("规则 A 适用于 企业 { 奖励 研发投入１０００万 }");
    assert!(full_width.contains("full-width `１０００万`"), "{full_width}");
    // With the space, both parse.
    assert!(parse("规则 A 适用于 企业 { 当 阶段 属于 { 一期 } 奖励 研发投入 }").is_ok());
}

#[test]
fn expressions_quoted_for_a_chinese_reader() {
    assert_eq!(expr_in("20% of rd_cost max 100万", Lang::Zh), "20% 的 rd_cost 最高 100万");
    assert_eq!(expr_in("sum(items.cost where ok) per count", Lang::Zh), "总和(items.cost 其中 ok) 每 count");
    assert_eq!(expr_in("not an expression {", Lang::Zh), "not an expression {");
}

#[test]
fn the_repl_highlights_and_completes_chinese() {
    let mut s = policy_lang::repl::Session::new(policy_lang::repl::Config {
        errors: policy_lang::output::ErrorFormat::Plain,
        color: false,
        today: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
        width: None,
    });
    s.handle(":load examples/zh/jiangsu_2018.policy");
    let shown = s.highlight("奖励 5% 的 研发费用加计扣除额");
    assert!(shown.starts_with("\x1b[1;34m奖励\x1b[0m") && shown.contains("\x1b[1;34m的\x1b[0m"), "{shown:?}");
    assert!(!shown.contains("m研发费用加计扣除额"), "{shown:?}");
    let complete = |s: &policy_lang::repl::Session, line: &str| s.complete(line, line.len()).1;
    assert_eq!(complete(&s, "研发"), ["研发费用加计扣除额"]);
    assert_eq!(complete(&s, "奖"), ["奖励"]);
    assert_eq!(complete(&s, "企业.城"), ["企业.城市"]);
    assert_eq!(complete(&s, "x == 连云"), ["连云港"]);
    assert_eq!(complete(&s, "x == 连"), ["连云港", "连续"]);
    // A Chinese item is an item: it goes on over several lines.
    assert!(s.handle("规则 R 适用于 年度报告 {").text.is_empty());
    assert_eq!(complete(&s, "  当 研"), ["研发费用加计扣除额"]);
}

/// The facts JSON Schema names Chinese kinds and fields as they are, and a real validator
/// follows its `$ref`s to them: it accepts the example's facts and rejects a wrong value.
#[test]
fn the_facts_schema_of_chinese_names_validates() {
    let files = policy_files("examples/zh");
    let sources = files.iter().map(|(name, text)| Source::new(name.clone(), text.clone())).collect();
    let program = policy_lang::compile(sources).unwrap().program;
    let schema = ir::facts_schema(&program);
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("not a valid JSON Schema: {e}"));
    let facts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/zh/jiangsu_2018.json").unwrap()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&facts).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for bad in [
        r#"{"企业": [{"id": "甲", "名称": "某企业", "城市": "杭州", "生物医药": true}]}"#,
        r#"{"企业": [{"id": "甲", "名称": "某企业", "城市": "南京", "生物医药": "是"}]}"#,
        r#"{"企业": [{"id": "甲", "名称": "某企业", "城市": "南京", "生物医药": true, "年度报告": [{"id": "1", "期末": "2023年"}]}]}"#,
    ] {
        let instance: serde_json::Value = serde_json::from_str(bad).unwrap();
        assert!(!validator.is_valid(&instance), "accepted: {bad}");
    }
}

/// Every output names Chinese entities and rules as they are: JSON, CSV.
#[test]
fn outputs_carry_chinese_names() {
    let args = ["eval", "examples/zh/", "--facts", "examples/zh/jiangsu_2018.json", "--as-of", "2024-06-30"];
    let json = policy(&[&args[..], &["--format", "json"]].concat(), None);
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let shown = doc.to_string();
    assert!(shown.contains("\"企业.南京药企.年度报告.2022年度\"") && shown.contains("\"苏-四-三\""), "{shown}");
    let csv = policy(&[&args[..], &["--format", "csv"]].concat(), None);
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    assert!(text(&csv.stdout).contains("企业.南京药企.年度报告.2022年度,江苏2018,苏-四-三,"), "{}", text(&csv.stdout));
}

/// Rounding words, duration units and base types have Chinese names too, and convert with the
/// keywords: every rounding unit and mode, both ways, to the same tree.
#[test]
fn rounding_words_units_and_types_convert() {
    let units = ["yuan", "jiao", "fen"];
    let modes = ["half_away_from_zero", "half_even", "down", "up"];
    for (unit, mode) in units.iter().flat_map(|u| modes.iter().map(move |m| (u, m))) {
        let en = format!(
            "schema {{\n  entity e {{\n    a: money\n    b: duration\n  }}\n}}\n\npolicy p {{\n  issued 2024-01-01\n  effective 1 month after issue\n  rounding {unit} {mode}\n}}\n\nschedule s(x: rate) = x of 1万\n"
        );
        let zh = format_in(&en, Some(Lang::Zh)).unwrap();
        assert!(!zh.contains(unit) && !zh.contains(mode) && zh.contains("a: 金额") && zh.contains("x: 比率"), "{zh}");
        assert!(zh.contains("施行 1 个月 后于 发布"), "{zh}");
        assert_eq!(parse(&zh).unwrap(), parse(&en).unwrap());
        assert_eq!(format_in(&zh, Some(Lang::En)).unwrap(), en);
    }
}
