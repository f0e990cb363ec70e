//! The bad-inputs corpus (tests/bad_inputs/): every file gets its expected outcome — a
//! diagnostic with a location, or, where the meaning is not in doubt (a BOM, CRLF,
//! full-width figures in facts), acceptance. Nothing panics. Rules (`.policy`) are checked;
//! facts (`.json`) are read against tests/cli/demo.policy. Each file's expected outcome is
//! the snapshot beside it (`truncated.json` → `truncated.json.snap`), and again in Chinese
//! (`truncated.json.zh.snap`).

use policy_lang::i18n::{with_lang, Lang};
use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{load, read_text, Error, MAX_FACTS_BYTES};
use std::path::Path;

/// The outcome in words: what was accepted, or the rendered diagnostics.
fn outcome(path: &Path) -> (String, Vec<Error>) {
    let is_rules = path.extension().is_some_and(|e| e == "policy");
    let errors = if is_rules {
        match load(&[path.to_path_buf()]) {
            Ok(loaded) => return (format!("accepted: {} rule(s)\n", loaded.program.rules.len()), loaded.warnings),
            Err(errors) => errors.0,
        }
    } else {
        let program = load(&["tests/cli/demo.policy".into()]).unwrap_or_else(|e| panic!("{e:?}")).program;
        let read = read_text(path, MAX_FACTS_BYTES).map_err(|e| vec![e]);
        match read.and_then(|json| program.facts(&path.display().to_string(), &json).map_err(|e| e.0)) {
            Ok(facts) => {
                let as_of = facts.as_of.unwrap_or_default();
                let result = program.evaluate(&facts, as_of).unwrap_or_else(|e| panic!("{e}"));
                let awards: Vec<String> = result
                    .awards
                    .iter()
                    .map(|a| format!("{} {} {:?} {:?}", a.rule.id, a.entity, a.kind(), a.max().map(|m| m.to_string())))
                    .collect();
                return (format!("accepted: {}\n", awards.join("; ")), Vec::new());
            }
            Err(errors) => errors,
        }
    };
    (render_diagnostics(&errors, ErrorFormat::Plain, false), errors)
}

#[test]
fn every_bad_input_gets_its_expected_outcome() {
    insta::glob!("../bad_inputs", "*.{json,policy}", |path| {
        // Named from the crate root, so snapshots do not depend on where the checkout is.
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path);
        let (en, _) = with_lang(Lang::En, || outcome(relative));
        let (zh, _) = with_lang(Lang::Zh, || outcome(relative));
        let name = crate::common::file_name(path);
        crate::common::beside(path, || {
            insta::assert_snapshot!(name.clone(), en);
            insta::assert_snapshot!(format!("{name}.zh"), zh);
        });
    });
}

#[test]
fn every_diagnostic_names_a_location() {
    let inputs = std::fs::read_dir("tests/bad_inputs").into_iter().flatten().flatten();
    for entry in inputs.filter(|e| e.path().extension().is_some_and(|x| x != "snap")) {
        let (_, errors) = outcome(&entry.path());
        let json: serde_json::Value =
            serde_json::from_str(&render_diagnostics(&errors, ErrorFormat::Json, false)).unwrap_or_default();
        for e in json.as_array().into_iter().flatten() {
            let located = e["line"].is_u64()
                || e["message"].as_str().is_some_and(|m| m.starts_with("$") || m.starts_with("cannot read `"));
            assert!(located, "{}: no location in {e}", entry.path().display());
        }
    }
}
