//! Parsing: literals, precedence, the canonical form, and round trips.

use policy_lang::ast::{BinOp, ExprKind, Literal, UnOp};
use policy_lang::syntax::{parse, parse_expr};
use pretty_assertions::assert_eq;
use rust_decimal::Decimal;

fn expr(text: &str) -> ExprKind {
    parse_expr(text).unwrap_or_else(|e| panic!("`{text}` does not parse: {e:?}")).node
}

/// The canonical form of an expression.
fn canon(text: &str) -> String {
    parse_expr(text).unwrap_or_else(|e| panic!("`{text}` does not parse: {e:?}")).to_string()
}

fn number(text: &str) -> Decimal {
    match expr(text) {
        ExprKind::Lit(Literal::Number(n)) => n.value,
        other => panic!("`{text}` is not a number: {other:?}"),
    }
}

#[test]
fn money_literals_scale_exactly() {
    assert_eq!(number("4_000_000"), Decimal::from(4_000_000));
    assert_eq!(number("400万"), Decimal::from(4_000_000));
    assert_eq!(number("400万元"), Decimal::from(4_000_000));
    assert_eq!(number("1.5亿"), Decimal::from(150_000_000));
    assert_eq!(number("0.5万"), Decimal::from(5_000));
}

#[test]
fn rates_are_fractions() {
    let rate = |t: &str| match expr(t) {
        ExprKind::Lit(Literal::Rate(r)) => r.fraction(),
        other => panic!("{other:?}"),
    };
    assert_eq!(rate("20%"), Some(Decimal::new(2, 1)));
    assert_eq!(rate("5‰"), Some(Decimal::new(5, 3)));
    assert_eq!(rate("1:1"), Some(Decimal::ONE));
    assert_eq!(rate("12.5%"), Some(Decimal::new(125, 3)));
}

#[test]
fn the_card_line_caps_the_share_not_the_base() {
    let ExprKind::Binary(BinOp::Max, share, cap) = expr("20% of rd_cost max 4_000_000") else { panic!("not a cap") };
    assert!(matches!(share.node, ExprKind::Binary(BinOp::Of, ..)));
    assert!(matches!(cap.node, ExprKind::Lit(Literal::Number(_))));
}

#[test]
fn precedence_reads_like_the_text() {
    // up_to covers the whole capped amount; `not` binds tighter than `and`.
    let ExprKind::Unary(UnOp::UpTo, inner) = expr("up_to 25% of x max 600万") else { panic!() };
    assert!(matches!(inner.node, ExprKind::Binary(BinOp::Max, ..)));
    assert_eq!(canon("not a and b"), "not a and b");
    assert_eq!(canon("not (a and b)"), "not (a and b)");
    assert_eq!(canon("a + b * c"), "a + b * c");
    assert_eq!(canon("(a + b) * c"), "(a + b) * c");
    assert_eq!(canon("5%..20% of salary max 200万"), "5%..20% of salary max 200万");
    assert_eq!(canon("a - (b - c)"), "a - (b - c)");
    assert_eq!(canon("(if a then 1 else 2) max 3"), "(if a then 1 else 2) max 3");
}

#[test]
fn canonical_form_of_every_construct() {
    for text in [
        "by phase { I => 100万, II | III => 250万, _ => 0 }",
        "tiers investment { [1亿, 5亿] => up_to 12% of equipment max 1000万, (5亿, ..) => case_by_case }",
        "marginal capital { [0, 1亿) => 1%, [1亿, ..) => 2% }",
        "steps items { 3 => 30万, 5 => 50万 }",
        "50万 per items",
        "10万..50万",
        "1:1 of funds max 1亿",
        "case_by_case uncapped",
        "case_by_case max 1亿",
        "phase in { II, III }",
        "enterprise.local and approved + 1 year <= as_of",
        "since + 30 days",
        "-rd_cost",
        "\"text with \\\" quote\"",
        "2023-11-08",
    ] {
        assert_eq!(canon(text), text);
    }
}

#[test]
fn printing_then_parsing_gives_the_same_tree() {
    for path in ["tests/diagnostics", "tests/cli", "rules", "rules/tests", "examples"] {
        let Ok(entries) = std::fs::read_dir(path) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "policy") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Ok(tree) = parse(&text) else { continue };
            let printed = tree.to_string();
            let reparsed = parse(&printed)
                .unwrap_or_else(|e| panic!("{}: canonical form does not parse: {e:?}\n{printed}", path.display()));
            assert_eq!(reparsed, tree, "{}", path.display());
        }
    }
}

#[test]
fn keywords_need_word_boundaries() {
    // `per_year_cap` must not read as the operator `per`, nor `order` as `or`.
    assert_eq!(canon("a per order"), "a per order");
    assert!(parse(
        "schema { entity e { x: money } }\npolicy p { }\nrule R for e { on as_of every_event reward x per_year_cap 5 }"
    )
    .is_ok());
}

#[test]
fn pathological_nesting_is_a_diagnostic_not_a_crash() {
    let header = "schema { entity e { x: money, b: bool } }\npolicy p { }\n";
    let cases = [
        (format!("rule R for e {{ reward {} }}", vec!["x"; 100_000].join(" + ")), 200),
        (format!("rule R for e {{ reward {}x{} }}", "(".repeat(100_000), ")".repeat(100_000)), 64),
        (format!("rule R for e {{ when {}b reward 1 }}", "not ".repeat(100_000)), 32),
    ];
    for (rule, limit) in cases {
        let errors = parse(&format!("{header}{rule}")).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].to_string(), format!("this is nested too deeply (the limit is {limit})"));
    }
    // Realistic depth stays well inside the limits.
    let wide = format!("rule R for e {{ reward {} }}", vec!["(x * 2 - x)"; 150].join(" + "));
    assert!(parse(&format!("{header}{wide}")).is_ok());
}

#[test]
fn trailing_text_after_an_expression_is_reported() {
    let errors = parse_expr("20% of x y").err().unwrap_or_default();
    assert_eq!(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(), ["unexpected text after the expression"]);
}

/// One keyword table serves the grammar, highlighting, completion and the formatter: each
/// `kw_x` rule accepts exactly the English word `x` and its Chinese word from the table.
#[test]
fn the_keyword_table_is_the_grammars() {
    let grammar = std::fs::read_to_string("grammar/policy.pest").unwrap();
    let mut rules: Vec<(String, Vec<String>)> = grammar
        .lines()
        .filter(|l| l.starts_with("kw_"))
        .map(|l| {
            let name = l.split_whitespace().next().unwrap_or_default().trim_start_matches("kw_").replace('_', " ");
            (name, l.split('"').skip(1).step_by(2).map(str::to_string).collect())
        })
        .collect();
    rules.sort();
    let mut table: Vec<(String, Vec<String>)> = policy_lang::syntax::KEYWORDS
        .iter()
        .map(|k| {
            // `years` also accepts `year`, as in `over 1 year`; `in total` is two keywords in
            // English, so its own rule accepts only the Chinese word.
            let also = if k.en == "years" { vec!["year".to_string()] } else { vec![] };
            let en = (!k.en.contains(' ')).then(|| k.en.to_string());
            let words = en.into_iter().chain(also).chain((!k.zh.is_empty()).then(|| k.zh.to_string()));
            (k.en.replace('_', " "), words.collect())
        })
        .collect();
    table.sort();
    assert_eq!(rules, table);
}

/// A test's inline facts are taken whole, up to the brace that closes them: braces and
/// escaped quotes inside strings do not end them, an unterminated string or object is an
/// error where the file ends.
#[test]
fn inline_test_facts_are_taken_whole() {
    use policy_lang::ast::{Item, TestFacts};
    let inline = |facts: &str| {
        let file = parse(&format!("test \"t\" {{\n  facts {facts}\n}}\n"))?;
        Ok(file.items.into_iter().find_map(|item| match item {
            Item::Test(test) => test.node.facts.map(|f| f.node),
            _ => None,
        }))
    };
    for json in [
        r#"{}"#,
        r#"{"enterprise": [{"id": "E1", "rd_cost": 100}]}"#,
        r#"{"a": "}{", "b": {"c": {"d": []}}}"#,
        r#"{"a": "say \"{\" \\", "b": "\\\\"}"#,
        r#"{"名称": "常州\u00e9", "x": "\\\"}"}"#,
    ] {
        let facts: Result<_, Vec<policy_lang::syntax::SyntaxError>> = inline(json);
        assert_eq!(facts.ok().flatten(), Some(TestFacts::Inline(json.to_string())), "{json}");
    }
    for broken in [r#"{"a": "}"#, r#"{"a": {"b": 1}"#, r#"{"a": "\"}"#, r#"{"a": "x\"#] {
        assert!(inline(broken).is_err(), "{broken}");
    }
}
