//! Diagnostics are a product: each case file in `tests/diagnostics/` is checked and its
//! rendered diagnostics (plain, no colour) are compared with a reviewed snapshot kept beside
//! it (`foo.policy` → `foo.policy.snap`), so a case and its expectation are read together. A
//! case is rendered again in Chinese beside it (`foo.policy.zh.snap`). A
//! case whose first lines say `// with rules/schema.policy` is checked after those files, for
//! diagnostics that span two files.

use policy_lang::i18n::{with_lang, Lang};
use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{compile, Source};

fn diagnostics(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let name = format!("tests/diagnostics/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or("?"));
    let mut sources: Vec<Source> = text
        .lines()
        .map_while(|l| l.strip_prefix("// with "))
        .map(|with| Source::new(with, std::fs::read_to_string(with).unwrap_or_default()))
        .collect();
    sources.push(Source::new(name, text));
    let errors = match compile(sources) {
        Ok(loaded) => loaded.warnings,
        Err(errors) => errors.0,
    };
    assert!(!errors.is_empty(), "{} produced no diagnostic", path.display());
    render_diagnostics(&errors, ErrorFormat::Plain, false)
}

/// Each case in English (`foo.policy.snap`) and in Chinese (`foo.policy.zh.snap`).
#[test]
fn every_diagnostic_case_matches_its_snapshot() {
    insta::glob!("../diagnostics", "*.policy", |path| {
        let name = crate::common::file_name(path);
        let en = with_lang(Lang::En, || diagnostics(path));
        let zh = with_lang(Lang::Zh, || diagnostics(path));
        crate::common::beside(path, || {
            insta::assert_snapshot!(name.clone(), en);
            insta::assert_snapshot!(format!("{name}.zh"), zh);
        });
    });
}

#[test]
fn the_checker_reports_every_error_not_just_the_first() {
    let text = std::fs::read_to_string("tests/diagnostics/many_errors.policy").unwrap_or_default();
    let errors = compile(vec![Source::new("many.policy", text)]).err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn json_diagnostics_carry_file_line_and_column() {
    let source = Source::new(
        "x.policy",
        "schema { entity e { a: money } }\npolicy p { }\nrule R for e { on as_of every_event\n  reward a + b\n}\n",
    );
    let errors = compile(vec![source]).err().map(|e| e.0).unwrap_or_default();
    let json: serde_json::Value =
        serde_json::from_str(&render_diagnostics(&errors, ErrorFormat::Json, false)).unwrap_or_default();
    assert_eq!(json[0]["code"], "check::unknown_field");
    assert_eq!(json[0]["file"], "x.policy");
    assert_eq!((json[0]["line"].as_u64(), json[0]["column"].as_u64()), (Some(4), Some(14)));
    assert_eq!(json[0]["help"], "fields here: `a`");
}

/// Files are parsed side by side: their syntax errors still come in the files' order, each
/// at its own line, worded in the caller's language (what a file ends before is named as it
/// is parsed).
#[test]
fn syntax_errors_come_in_the_files_order_in_the_callers_language() {
    // More files than cores, of different lengths so they finish out of order.
    let sources: Vec<Source> = (0..9)
        .map(|i| Source::new(format!("f{i}.policy"), format!("{}rule R{i} for e {{\n", "\n".repeat((9 - i) * 40))))
        .collect();
    let mut messages = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        let errors = with_lang(lang, || compile(sources.clone())).err().map(|e| e.0).unwrap_or_default();
        let json: serde_json::Value =
            serde_json::from_str(&with_lang(lang, || render_diagnostics(&errors, ErrorFormat::Json, false)))
                .unwrap_or_default();
        let found: Vec<(String, u64)> = json
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| (d["file"].as_str().unwrap_or_default().to_string(), d["line"].as_u64().unwrap_or_default()))
            .collect();
        let expected: Vec<(String, u64)> = (0..9).map(|i| (format!("f{i}.policy"), (9 - i) as u64 * 40 + 2)).collect();
        assert_eq!(found, expected);
        messages.push(json.as_array().into_iter().flatten().map(|d| d["message"].to_string()).collect::<Vec<_>>());
    }
    // Every file's message in the caller's language, whichever thread parsed it: the words
    // a parse names (what was found, the keywords expected) too.
    assert!(messages[0].iter().all(|m| m.contains("end of file") && m.contains("`reward`")), "{messages:?}");
    assert!(messages[1].iter().all(|m| m.contains("文件末尾") && m.contains("`奖励`")), "{messages:?}");
}
