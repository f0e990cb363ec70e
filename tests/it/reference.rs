//! `docs/reference.md` is checked: every ```policy block compiles together with the doc's
//! first block (the shared schema and policy header), gives the warnings its
//! `// warning:` lines name (none if it names none), and every `test` in it passes; every
//! ```policy-error block fails to compile with the diagnostics its `// error:` lines name;
//! every keyword of the language is shown; every example is laid out as `policy fmt` prints it
//! (unless its first line says why not).

use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{compile, testing, Source};

const DOC: &str = include_str!("../../docs/reference.md");

/// A fenced block: its info string (`policy`, `policy-error`), first line number, text.
struct Block {
    info: String,
    line: usize,
    text: String,
}

/// The fenced blocks whose info string starts with `policy`, in order.
fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in DOC.lines().enumerate() {
        // A fence is ``` at the start of a line and an info string without backticks (as in
        // CommonMark), so prose that quotes ```` ```policy ```` opens nothing.
        let fence = line.strip_prefix("```").filter(|info| !info.contains('`')).map(str::trim);
        match (&mut open, fence) {
            (None, Some(info)) => open = Some(Block { info: info.to_string(), line: i + 2, text: String::new() }),
            (Some(_), Some("")) => out.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    out.into_iter().filter(|b| b.info.starts_with("policy")).collect()
}

/// True when the block declares a policy of its own (a header example): it is then a file
/// of its own beside the shared one; otherwise its items join the shared policy's file.
fn has_own_policy(text: &str) -> bool {
    text.lines().any(|l| l.split_once(' ').is_some_and(|(w, _)| policy_lang::syntax::english(w) == "policy"))
}

/// The sources a block compiles as: the shared block and the example.
fn sources(shared: &str, block: &Block) -> Vec<Source> {
    let name = format!("docs/reference.md:{}", block.line);
    if has_own_policy(&block.text) {
        vec![Source::new("docs/reference.md (shared)", shared), Source::new(name, block.text.clone())]
    } else {
        vec![Source::new(name, format!("{shared}\n{}", block.text))]
    }
}

#[test]
fn every_example_compiles_and_its_tests_pass() {
    let all = blocks();
    let Some((shared, examples)) = all.split_first() else { panic!("docs/reference.md has no ```policy block") };
    assert_eq!(shared.info, "policy", "the first block is the shared schema and header");
    assert!(!shared.text.contains("test \""), "the shared block must hold no tests: they would run once per example");
    let (mut tests, mut failures) = (0, Vec::new());
    for block in examples.iter().filter(|b| b.info == "policy") {
        let loaded = match compile(sources(&shared.text, block)) {
            Ok(loaded) => loaded,
            Err(errors) => {
                let rendered = render_diagnostics(&errors.0, ErrorFormat::Plain, false);
                failures.push(format!("block at line {} does not compile:\n{rendered}", block.line));
                continue;
            }
        };
        let warned: Vec<&str> = comments(&block.text, "// warning:");
        let rendered = render_diagnostics(&loaded.warnings, ErrorFormat::Plain, false);
        if warned.is_empty() && !loaded.warnings.is_empty() {
            failures.push(format!("block at line {} gives warnings it does not announce:\n{rendered}", block.line));
        }
        for text in warned.iter().filter(|text| !rendered.contains(**text)) {
            failures.push(format!("block at line {}: no warning `{text}` in:\n{rendered}", block.line));
        }
        // In either keyword set: `test "…"` or `测试 "…"`, `rule …` or `规则 …`.
        let opens = |l: &str, keyword: &str, then: &str| {
            l.split_once(' ')
                .is_some_and(|(w, rest)| policy_lang::syntax::english(w) == keyword && rest.starts_with(then))
        };
        let written = block.text.lines().filter(|l| opens(l.trim_start(), "test", "\"")).count();
        let rules = block.text.lines().any(|l| opens(l, "rule", ""));
        assert!(written > 0 || !rules, "block at line {}: a rule example proves its figures with a `test`", block.line);
        let results = testing::run(&loaded.program);
        assert_eq!(results.len(), written, "block at line {}: tests found", block.line);
        tests += results.len();
        for result in results.iter().filter(|r| !r.passed()) {
            failures.push(format!("block at line {}:\n{}", block.line, testing::report(std::slice::from_ref(result))));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(tests >= 25, "the reference proves its figures with tests; found only {tests}");
}

/// Drafters copy the examples, so each is written as `policy fmt` lays it out.
#[test]
fn every_example_is_in_canonical_layout() {
    let canonical = |b: &&Block| b.info == "policy" && !b.text.starts_with("// not in canonical layout:");
    for block in blocks().iter().filter(canonical) {
        match policy_lang::format::format(&block.text) {
            Ok(formatted) => {
                assert_eq!(formatted, block.text, "block at line {} is not as `policy fmt` prints it", block.line)
            }
            Err(e) => panic!("block at line {} cannot be formatted: {e}", block.line),
        }
    }
}

#[test]
fn every_error_example_fails_as_it_says() {
    let all = blocks();
    let Some((shared, examples)) = all.split_first() else { panic!("docs/reference.md has no ```policy block") };
    let mut seen = 0;
    for block in examples.iter().filter(|b| b.info == "policy-error") {
        let expected = comments(&block.text, "// error:");
        assert!(!expected.is_empty(), "block at line {} says no `// error: …` to expect", block.line);
        let Err(errors) = compile(sources(&shared.text, block)) else {
            panic!("block at line {} compiles, but is marked policy-error", block.line)
        };
        let rendered = render_diagnostics(&errors.0, ErrorFormat::Plain, false);
        for text in expected {
            assert!(rendered.contains(text), "block at line {}: no `{text}` in:\n{rendered}", block.line);
        }
        seen += 1;
    }
    assert!(seen >= 3, "found only {seen} policy-error blocks");
}

/// What the block's `// error: …` or `// warning: …` lines say the diagnostics contain.
fn comments<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.lines().filter_map(|l| l.trim_start().strip_prefix(marker)).map(str::trim).collect()
}

/// The code in the doc: every fenced block and every inline `code` span.
fn code() -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in DOC.lines() {
        if line.starts_with("```") && !line.get(3..).unwrap_or("").contains('`') {
            fenced = !fenced;
        } else if fenced {
            out.push_str(line);
            out.push('\n');
        } else {
            out.extend(line.split('`').skip(1).step_by(2).map(|span| format!("{span}\n")));
        }
    }
    out
}

/// A keyword added to the language is a construct the reference must explain, in both
/// keyword sets.
#[test]
fn every_keyword_is_documented() {
    let code = code();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let shown = |k: &str| {
        code.match_indices(k).any(|(at, _)| {
            let before = code.get(..at).and_then(|s| s.chars().next_back());
            let after = code.get(at + k.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(word) && !after.is_some_and(word)
        })
    };
    let words = policy_lang::syntax::KEYWORDS.iter().flat_map(|k| [k.en, k.zh]).filter(|w| !w.is_empty());
    let missing: Vec<&str> = words.filter(|k| !shown(k)).collect();
    assert!(missing.is_empty(), "keywords with no example or mention in docs/reference.md: {missing:?}");
}
