//! `policy fmt`: one canonical layout, comments kept, idempotent, meaning unchanged.

use policy_lang::format::format;
use pretty_assertions::assert_eq;

fn fmt(text: &str) -> String {
    format(text).unwrap_or_else(|e| panic!("does not format: {e:?}"))
}

#[test]
fn comments_stay_where_they_were_written() {
    let messy = r#"// 常州 header comment

policy p {   // the policy
  issued   2023-11-08
}
schema { enum phase { I, II,   III }  entity e { x: money // R&D
 y?: phase } }
// about R
rule R for e {
    // 最高 only on the cap
    reward 20%   of x max 400万
  cite "一"   // the clause
}
// the end
"#;
    let expected = r#"// 常州 header comment

policy p {  // the policy
  issued 2023-11-08
}

schema {
  enum phase { I, II, III }

  entity e {
    x: money  // R&D
    y?: phase
  }
}

// about R
rule R for e {
  cite "一"  // the clause
  // 最高 only on the cap
  reward 20% of x max 400万
}

// the end
"#;
    assert_eq!(fmt(messy), expected);
    assert_eq!(fmt(expected), expected);
}

#[test]
fn long_reward_tables_break_one_arm_a_line_and_keep_arm_comments() {
    let text = "schema { entity e { investment: money, equipment: money } }\npolicy p { }\nrule R for e {\n  reward tiers investment { [5000万, 1亿) => 0, [1亿, 5亿] => up_to 12% of equipment max 1000万, // the formula tier\n (5亿, ..) => case_by_case }\n}\n";
    let expected = "schema {\n  entity e {\n    investment: money\n    equipment: money\n  }\n}\n\npolicy p {\n}\n\nrule R for e {\n  reward tiers investment {\n    [5000万, 1亿) => 0,\n    [1亿, 5亿] => up_to 12% of equipment max 1000万,  // the formula tier\n    (5亿, ..) => case_by_case,\n  }\n}\n";
    assert_eq!(fmt(text), expected);
    assert_eq!(fmt(expected), expected);
}

#[test]
fn clarifying_parentheses_are_kept_for_and_inside_or() {
    let text = "schema { entity e { a: bool, b: bool, c: bool } }\npolicy p { }\nrule R for e {\n  when a or b and c\n  reward 1\n}\n";
    assert!(fmt(text).contains("  when a or (b and c)\n"), "{}", fmt(text));
}

/// Every `.policy` file of the repository, except the deliberately broken diagnostic cases.
fn repository_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["rules", "rules/tests", "tests/cli", "tests/diagnostics", "tests/repl"] {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "policy") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if policy_lang::syntax::parse(&text).is_ok() {
                    out.push((path.display().to_string(), text));
                }
            }
        }
    }
    out
}

#[test]
fn formatting_is_idempotent_on_every_file() {
    for (name, text) in repository_files() {
        let once = fmt(&text);
        assert_eq!(fmt(&once), once, "{name}");
    }
}

#[test]
fn every_policy_file_in_rules_and_tests_is_formatted() {
    for (name, text) in repository_files() {
        assert_eq!(fmt(&text), text, "{name} is not formatted: run `policy fmt {name}`");
    }
}

#[test]
fn fmt_check_and_diff_report_without_writing() {
    let dir = std::env::temp_dir().join(format!("policy-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let file = dir.join("x.policy");
    let messy = "policy p {   issued 2023-11-08 }\n";
    std::fs::write(&file, messy).unwrap_or_default();
    let run = |args: &[&str]| crate::common::policy().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    let check = run(&["fmt", "--check", &path]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&check.stdout), format!("not formatted: {path}\n"));
    let diff = run(&["fmt", "--diff", &path]);
    assert!(String::from_utf8_lossy(&diff.stdout)
        .contains("-policy p {   issued 2023-11-08 }\n+policy p {\n+  issued 2023-11-08\n+}\n"));
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), messy, "--check and --diff write nothing");
    assert_eq!(run(&["fmt", &path]).status.code(), Some(0));
    assert_eq!(run(&["fmt", "--check", &path]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_comment_before_a_closing_brace_stays_inside_its_block() {
    let source = "schema { entity e { a: money } }\npolicy p { }\nrule R for e {\n  on as_of\n  reward a\n  every_event\n  // closing remark\n}\n";
    let formatted = fmt(source);
    assert!(formatted.contains("  every_event\n  // closing remark\n}\n"), "{formatted}");
    assert_eq!(fmt(&formatted), formatted);
}

#[test]
fn a_comment_after_a_value_or_schedule_stays_outside_it() {
    // A multi-line schedule body used to swallow the doc comment of the item after it.
    let source = "schedule a(x: number) =\n  if x > 1 then 2\n  else 3\n\n/// Doc of b.\nschedule b(x: number) = x * 3 // trailing\n// before c\nvalue c = 4\n";
    let formatted = fmt(source);
    assert_eq!(
        formatted,
        "schedule a(x: number) = if x > 1 then 2 else 3\n\n/// Doc of b.\nschedule b(x: number) = x * 3  // trailing\n\n// before c\nvalue c = 4\n"
    );
    assert_eq!(fmt(&formatted), formatted);
}
