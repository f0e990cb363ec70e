//! `///` labels on schema items reach the JSON IR (and come back from it), the facts JSON
//! Schema as `title`/`description`, and the REPL's `:schema`. The schema is kept here, not in
//! a file: `policy fmt` writes an enum on one line, which a value's own label does not survive.

use chrono::NaiveDate;
use policy_lang::ir::{self, facts_schema};
use policy_lang::output::ErrorFormat;
use policy_lang::repl::{Config, Session};
use policy_lang::{compile, Program, Source};

const TEXT: &str = r#"// `///` labels on schema items: carried into the IR, the facts JSON Schema and the REPL.
schema {
  /// 临床阶段
  enum phase {
    /// 临床前研究
    preclinical,
    I,
  }

  /// 企业（申报单位）
  /// 以统一社会信用代码区分
  entity enterprise {
    /// 研发费用
    rd_cost: money
    phase: phase
  }
}
"#;

fn program() -> Program {
    compile(vec![Source::new("labels.policy", TEXT)]).unwrap_or_else(|e| panic!("{e:?}")).program
}

#[test]
fn labels_are_kept_in_the_ir_and_read_back() {
    let json = ir::to_json(&program());
    let schema = &json["program"]["schema"];
    assert_eq!(schema["enums"][0]["label"], "临床阶段");
    assert_eq!(schema["enums"][0]["value_labels"], serde_json::json!({"preclinical": "临床前研究"}));
    assert_eq!(schema["entities"][0]["label"], "企业（申报单位）\n以统一社会信用代码区分");
    assert_eq!(schema["entities"][0]["fields"][0]["label"], "研发费用");
    assert!(schema["entities"][0]["fields"][1].get("label").is_none(), "a field without `///` has no label");
    let again = ir::read(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ir::to_json(&again), json);
}

#[test]
fn labels_are_titles_and_descriptions_in_the_facts_schema() {
    let schema = facts_schema(&program());
    let enterprise = &schema["$defs"]["entity.enterprise"];
    assert_eq!(enterprise["title"], "企业（申报单位）");
    assert_eq!(enterprise["description"], "企业（申报单位）\n以统一社会信用代码区分");
    assert_eq!(enterprise["properties"]["rd_cost"]["title"], "研发费用");
    assert_eq!(schema["$defs"]["enum.phase"]["title"], "临床阶段");
}

#[test]
fn the_repl_schema_listing_shows_labels() {
    let today = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let mut session = Session::new(Config { errors: ErrorFormat::Plain, color: false, today, width: None });
    for line in TEXT.lines() {
        session.handle(line);
    }
    let listing = session.handle(":schema").text;
    let expected = "/// 临床阶段\nenum phase {\n  /// 临床前研究\n  preclinical,\n  I,\n}\n\n\
                    /// 企业（申报单位）\n/// 以统一社会信用代码区分\nentity enterprise {\n  /// 研发费用\n  rd_cost: money\n  phase: phase\n}\n";
    assert_eq!(listing, expected);
}
