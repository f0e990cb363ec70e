//! A new city's policy as one new file beside `rules/`, unchanged: its `schema` block extends
//! the shared schema (a new `city`, a new field on `enterprise`, a new entity kind), and its
//! rules read what it adds.

use crate::common::date;
use policy_lang::output::{render_diagnostics, ErrorFormat};
use policy_lang::{compile, policy_files, Loaded, Source};

/// 杭州市人民政府办公厅《关于加快生物医药产业高质量发展若干措施的通知》(2022-10-15), on
/// clinical-trial services: "对于获得药物临床试验资质的医疗机构，每年为本市企业提供临床试验服务
/// 项目达到5、15、30项以上的，分别给予牵头单位最高不超过100万元、200万元、300万元的资助，分别给予
/// 参与单位最高不超过50万元、100万元、150万元的资助。"
const HANGZHOU: &str = r#"
schema {
  extend enum city { hangzhou }
  extend entity enterprise {
    trial_service_years?: [trial_service_year]
  }
  entity trial_service_year {
    period_end: date
    lead_projects: count          // 作为牵头单位为本市企业提供的临床试验服务项目
    participant_projects: count   // 作为参与单位提供的项目
  }
}

policy hangzhou_2022 {
  title "关于加快生物医药产业高质量发展若干措施的通知"
  issuer "杭州市人民政府办公厅"
  issued 2022-10-15
  effective on_issue
  scope enterprise.city == hangzhou
}

// 达到5、15、30项以上 … 分别给予牵头单位 … 参与单位: one table of thresholds, two columns.
schedule trial_service(n: count, lead: bool) =
  if lead then steps n { 5 => 100万, 15 => 200万, 30 => 300万 }
  else steps n { 5 => 50万, 15 => 100万, 30 => 150万 }

rule HZ-07a for trial_service_year {
  cite "七 牵头单位"
  when enterprise.clinical_trial_institution
  on period_end
  reward up_to trial_service(lead_projects, true)
  yearly
}

rule HZ-07b for trial_service_year {
  cite "七 参与单位"
  when enterprise.clinical_trial_institution
  on period_end
  reward up_to trial_service(participant_projects, false)
  yearly
}
"#;

const FACTS: &str = r#"{"enterprise": [{
  "id": "ZJU1", "name": "某医院", "unit_type": "hospital", "local": true, "city": "hangzhou",
  "biomedical": true, "listed": false, "clinical_trial_institution": true,
  "trial_service_years": [
    {"id": "Y2023", "period_end": "2023-12-31", "lead_projects": 16, "participant_projects": 6},
    {"id": "Y2024", "period_end": "2024-12-31", "lead_projects": 4, "participant_projects": 30}
  ]
}]}"#;

fn rules_and(extra: &str) -> Result<Loaded, policy_lang::Errors> {
    let paths = policy_files(&["rules".into()]).unwrap_or_else(|e| panic!("{e:?}"));
    let mut sources: Vec<Source> = paths
        .iter()
        .map(|p| Source::new(p.display().to_string(), std::fs::read_to_string(p).unwrap_or_default()))
        .collect();
    sources.push(Source::new("hangzhou_2022.policy", extra));
    compile(sources)
}

#[test]
fn a_new_citys_file_extends_the_shared_schema_and_checks_clean() {
    let alone = rules_and("").unwrap_or_else(|e| panic!("{e:?}"));
    let loaded =
        rules_and(HANGZHOU).unwrap_or_else(|e| panic!("{}", render_diagnostics(&e, ErrorFormat::Plain, false)));
    assert_eq!(loaded.warnings.len(), alone.warnings.len(), "the extension adds no warning");
    let schema = &loaded.program.schema;
    let city = schema.enums.iter().find(|e| e.name == "city").map(|e| e.variants.clone()).unwrap_or_default();
    assert_eq!(city.last().map(|v| &**v), Some("hangzhou"), "the new value comes after the declared ones");
    let enterprise = schema.kind_named("enterprise").and_then(|k| schema.kinds.get(k));
    assert!(enterprise.is_some_and(|k| k.field("trial_service_years").is_some() && k.field("listed").is_some()));
    let year = schema.kind_named("trial_service_year");
    assert_eq!(year.and_then(|k| schema.kinds.get(k)).and_then(|k| k.parent), schema.kind_named("enterprise"));
}

#[test]
fn the_extended_schema_evaluates_the_new_rules_and_leaves_the_others_alone() {
    let loaded = rules_and(HANGZHOU).unwrap_or_else(|e| panic!("{e:?}"));
    let facts = loaded.program.facts("facts.json", FACTS).unwrap_or_else(|e| panic!("{e:?}"));
    let result = loaded.program.evaluate(&facts, date("2025-06-30")).unwrap_or_else(|e| panic!("{e}"));
    let mut paid: Vec<(String, String, String)> = result
        .awards
        .iter()
        .map(|a| (a.rule.id.clone(), a.entity.to_string(), a.max().map(|m| m.to_string()).unwrap_or_default()))
        .collect();
    paid.sort();
    let expected = [
        // 16 lead projects reach 15: 最高200万; 6 participant projects reach 5: 最高50万.
        ("HZ-07a", "enterprise.ZJU1.trial_service_years.Y2023", "2000000.00"),
        ("HZ-07b", "enterprise.ZJU1.trial_service_years.Y2023", "500000.00"),
        // 30 participant projects: 最高150万; 4 lead projects reach no step.
        ("HZ-07b", "enterprise.ZJU1.trial_service_years.Y2024", "1500000.00"),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(r, e, m)| (r.to_string(), e.to_string(), m.to_string())).collect();
    assert_eq!(paid, expected, "only Hangzhou's rules pay a Hangzhou unit");
    let lead = result.awards.iter().find(|a| a.rule.id == "HZ-07a").map(|a| a.trace.lines()).unwrap_or_default();
    assert!(
        lead.iter().any(|l| l == "schedule trial_service(lead_projects, true) = 2,000,000"),
        "the trace names the schedule: {lead:#?}"
    );
}

#[test]
fn the_new_file_prints_and_parses_back_to_the_same_tree() {
    let file = policy_lang::syntax::parse(HANGZHOU).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(policy_lang::syntax::parse(&file.to_string()).ok(), Some(file));
    let once = policy_lang::format::format(HANGZHOU).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(once.contains("  extend enum city { hangzhou }\n"), "{once}");
    assert!(once.contains("\nschedule trial_service(n: count, lead: bool) = if lead then steps n"), "{once}");
    assert_eq!(policy_lang::format::format(&once).ok(), Some(once));
}

#[test]
fn declaring_the_shared_schema_again_is_one_error_per_name_pointing_at_both_files() {
    // The same file with `extend` left out: `city` and `enterprise` are declared twice.
    let repeated = HANGZHOU.replace("extend enum", "enum").replace("extend entity", "entity");
    let errors = rules_and(&repeated).err().map(|e| e.0).unwrap_or_default();
    let text = render_diagnostics(&errors, ErrorFormat::Plain, false);
    assert_eq!(errors.len(), 2, "one error each for `city` and `enterprise`, and no cascade:\n{text}");
    assert!(text.contains("defined again here") && text.contains("defined here first"), "{text}");
    assert!(text.contains("rules/schema.policy:43:8") && text.contains("write\n        `extend enum city"), "{text}");
    // For tools, the first definition is a related place in its own file.
    let json: serde_json::Value =
        serde_json::from_str(&render_diagnostics(&errors, ErrorFormat::Json, false)).unwrap_or_default();
    let related = &json[0]["related"][0];
    assert_eq!((related["file"].as_str(), related["line"].as_u64()), (Some("rules/schema.policy"), Some(43)), "{json}");
    assert_eq!(related["label"], "defined here first");
}

#[test]
fn extending_what_no_file_declares_suggests_the_name_meant() {
    let typo = HANGZHOU.replace("extend enum city", "extend enum cities");
    let errors = rules_and(&typo).err().map(|e| e.0).unwrap_or_default();
    let text = render_diagnostics(&errors, ErrorFormat::Plain, false);
    assert!(text.contains("cannot extend unknown enum `cities`") && text.contains("did you mean `city`?"), "{text}");
}
