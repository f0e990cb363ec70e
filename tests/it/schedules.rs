//! Named values and schedules (可参照上述政策执行 / 按前款标准): defined once, used by several
//! rules, so that the copies cannot drift.

use crate::common::{date, run};
use policy_lang::ir;
use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{compile, Source};

/// 常政规〔2023〕5号（六）第2段 and 第3段 state one standard twice: "最高按照设备投入的 12%予以奖励，
/// 单个项目最高 1000 万元". `rules/changzhou_2023.policy` defines it once.
#[test]
fn changzhous_two_industrialisation_clauses_share_one_schedule() {
    let loaded = policy_lang::load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}"));
    let schedule = loaded.program.schedules.iter().find(|s| s.name == "equipment_award");
    assert_eq!(schedule.and_then(|s| s.policy.as_deref()), Some("changzhou_2023"));
    let facts = r#"{"enterprise": [{"id": "P", "name": "p", "unit_type": "enterprise", "local": true,
      "city": "changzhou", "biomedical": true, "listed": false, "projects": [
        {"id": "DRUG", "name": "d", "project_type": "industrialization", "product_kind": "drug",
         "registered_locally": true, "industrialized_locally": true, "registered_on": "2024-03-01",
         "total_investment": "3亿", "equipment_investment": "1亿"},
        {"id": "DEVICE", "name": "v", "project_type": "industrialization", "product_kind": "device",
         "device_class": "III", "registered_locally": true, "industrialized_locally": true,
         "registered_on": "2024-03-01", "total_investment": "8000万", "equipment_investment": "2000万"}]}]}"#;
    let facts = loaded.program.facts("facts.json", facts).unwrap_or_else(|e| panic!("{e:?}"));
    let result = loaded.program.evaluate(&facts, date("2024-06-30")).unwrap_or_else(|e| panic!("{e}"));
    for (rule, ceiling, named) in [
        ("CZ-06-2", "10000000.00", "schedule equipment_award(equipment_investment) = up to 10,000,000"),
        ("CZ-06-3", "2400000.00", "schedule equipment_award(equipment_investment) = up to 2,400,000"),
    ] {
        let award = result.awards.iter().find(|a| a.rule.id == rule).unwrap_or_else(|| panic!("{rule} pays"));
        assert_eq!(award.max().map(|m| m.to_string()).as_deref(), Some(ceiling), "{rule}");
        assert!(award.trace.lines().iter().any(|l| l == named), "{rule}: {:#?}", award.trace.lines());
    }
}

#[test]
fn a_value_is_an_amount_any_rule_may_use() {
    let rules = "value city_cap = 400万\nrule R for enterprise { on as_of every_event reward rd_cost max city_cap }\n";
    let result = run(rules, &crate::common::enterprise(r#""rd_cost": "500万""#));
    let award = result.awards.first().unwrap_or_else(|| panic!("no award"));
    assert_eq!(award.amount().map(|a| a.to_string()).as_deref(), Some("4000000.00"));
    assert!(award.trace.lines().contains(&"value city_cap = 4,000,000".to_string()), "{:#?}", award.trace.lines());
}

#[test]
fn a_schedule_takes_enum_values_and_amounts() {
    let rules = "schedule clinical_cap(p: phase) = by p { I => 100万, II => 200万, III => 400万, _ => 0 }\n";
    // A bare value of the parameter's enum is one of its values.
    let direct = format!("{rules}rule R for enterprise {{ on as_of every_event reward clinical_cap(II) }}\n");
    let award = run(&direct, &crate::common::enterprise("")).awards.into_iter().next();
    assert_eq!(award.and_then(|a| a.amount()).map(|a| a.to_string()).as_deref(), Some("2000000.00"));
    let by_fact = format!(
        "{rules}rule R for enterprise {{ on as_of every_event reward 20% of rd_cost max clinical_cap(phase) }}\n"
    );
    let result = run(&by_fact, &crate::common::enterprise(r#""rd_cost": "3000万", "phase": "III""#));
    assert_eq!(result.awards.first().and_then(|a| a.amount()).map(|a| a.to_string()).as_deref(), Some("4000000.00"));
    // A fact the argument reads that is absent: the rule does not apply, and says which fact.
    let missing = run(&by_fact, &crate::common::enterprise(r#""rd_cost": "3000万""#));
    assert!(missing.not_applicable.first().is_some_and(|na| missing.reason(na).contains("phase")), "{missing:#?}");
}

#[test]
fn values_may_use_values_defined_before_them() {
    let rules = "value base = 100万\nvalue total_cap = base * 3\nrule R for enterprise { on as_of every_event reward total_cap }\n";
    let result = run(rules, &crate::common::enterprise(""));
    assert_eq!(result.awards.first().and_then(|a| a.amount()).map(|a| a.to_string()).as_deref(), Some("3000000.00"));
}

fn two_policies(third: &str) -> Result<policy_lang::Loaded, policy_lang::Errors> {
    let schema = "schema { entity enterprise { rd_cost: money } }\n";
    let a = "policy a { issued 2024-01-01 }\nvalue cap = 100万\n";
    let b = "policy b { issued 2024-01-01 }\nvalue cap = 200万\n";
    compile(vec![
        Source::new("schema.policy", schema),
        Source::new("a.policy", a),
        Source::new("b.policy", b),
        Source::new("c.policy", format!("policy c {{ issued 2024-01-01 }}\n{third}")),
    ])
}

#[test]
fn a_name_two_policies_define_is_qualified_by_the_policy() {
    let qualified = two_policies("rule R for enterprise { on as_of every_event reward rd_cost max b.cap }\n");
    let program = qualified.unwrap_or_else(|e| panic!("{e:?}")).program;
    let facts =
        program.facts("f", r#"{"enterprise": [{"id": "E", "rd_cost": "1000万"}]}"#).unwrap_or_else(|e| panic!("{e:?}"));
    let result = program.evaluate(&facts, date("2024-06-30")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(result.awards.first().and_then(|a| a.amount()).map(|a| a.to_string()).as_deref(), Some("2000000.00"));

    let bare = two_policies("rule R for enterprise { on as_of every_event reward rd_cost max cap }\n");
    let errors = bare.err().map(|e| e.0).unwrap_or_default();
    let text = render_diagnostics(&errors, ErrorFormat::Plain, false);
    assert_eq!(errors.len(), 1, "{text}");
    assert!(text.contains("`cap` is ambiguous") && text.contains("write `a.cap` or `b.cap`"), "{text}");

    // A policy's own definition comes first.
    let own =
        two_policies("value cap = 300万\nrule R for enterprise { on as_of every_event reward rd_cost max cap }\n");
    assert!(own.is_ok(), "{:?}", own.err());
}

#[test]
fn the_ir_carries_schedules_and_refuses_a_call_that_loops() {
    let loaded = policy_lang::load(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = ir::to_json(&loaded.program);
    let schedules = doc["program"]["schedules"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = schedules.iter().filter_map(|s| s["name"].as_str()).collect();
    assert!(names.contains(&"equipment_award") && names.contains(&"fixed_asset_support"), "{names:?}");
    let read = ir::read(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ir::to_json(&read), doc, "the IR of the program read is the IR it came from");
    // A hand-edited IR whose schedule calls itself would never finish: it is refused.
    let mut looping = doc.clone();
    let index = names.iter().position(|n| *n == "equipment_award").unwrap_or_default();
    looping["program"]["schedules"][index]["body"] = serde_json::json!({"op": "call", "schedule": "equipment_award", "policy": "changzhou_2023", "args": [], "text": "loop"});
    assert!(matches!(ir::read(&looping.to_string()), Err(ir::IrError::Inconsistent(_))));
    // A rule's call names the schedule by policy and name.
    let cz = doc["program"]["rules"].as_array().into_iter().flatten().find(|r| r["id"] == "CZ-06-2").cloned();
    let call = &cz.unwrap_or_default()["reward"]["arms"][0]["then"];
    assert_eq!((call["op"].as_str(), call["schedule"].as_str()), (Some("call"), Some("equipment_award")), "{call}");
}

#[test]
fn schedules_that_use_schedules_nest_only_so_deep() {
    // v1 uses v0, v2 uses v1, …: evaluation recurses once per level, so the chain is bounded.
    let chain = |n: usize| {
        let mut text = String::from("schema { entity e { x: money } }\npolicy p { issued 2024-01-01 }\nvalue v0 = 1\n");
        for i in 1..n {
            text.push_str(&format!("value v{i} = v{} + 1\n", i - 1));
        }
        text.push_str(&format!("rule R for e {{ on as_of once reward x max v{} }}\n", n - 1));
        compile(vec![Source::new("chain.policy", text)])
    };
    assert!(chain(policy_lang::program::MAX_NESTING).is_ok());
    let errors = chain(10_000).err().map(|e| e.0).unwrap_or_default();
    let text = render_diagnostics(&errors, ErrorFormat::Plain, false);
    assert!(text.contains("`v8` uses schedules nested more than 8 deep"), "{text}");
    // v8 … v9999, ten shown and the rest counted; the rule using v9999 adds nothing.
    assert!(text.contains("and 9982 more `check::schedule_nesting`"), "{text}");
    assert_eq!(errors.len(), 11, "{text}");
}
