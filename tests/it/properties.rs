//! Properties over generated programs: printing then parsing gives the same tree, formatting
//! is idempotent, and a program evaluates alike from source and from its JSON IR.

use policy_lang::ast::*;
use policy_lang::ir;
use policy_lang::syntax::parse;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn sp<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

fn ident() -> impl Strategy<Value = Ident> {
    prop::sample::select(vec!["rd_cost", "phase", "x", "local", "items", "since", "研发投入", "阶段_2", "药品"])
        .prop_map(|s| sp(s.to_string()))
}

fn numeral() -> impl Strategy<Value = Numeral> {
    (0i64..10_000_000, 0u32..3, prop::sample::select(vec![Scale::One, Scale::Wan, Scale::Yi]), any::<bool>())
        .prop_map(|(n, dp, scale, yuan)| Numeral { value: Decimal::new(n, dp), scale, yuan })
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        numeral().prop_map(Literal::Number),
        (0i64..10_000, 0u32..3).prop_map(|(n, dp)| Literal::Rate(Rate::Percent(Decimal::new(n, dp)))),
        (0i64..1000).prop_map(|n| Literal::Rate(Rate::PerMille(Decimal::from(n)))),
        (1i64..5, 1i64..5).prop_map(|(a, b)| Literal::Rate(Rate::Ratio(Decimal::from(a), Decimal::from(b)))),
        any::<bool>().prop_map(Literal::Bool),
        "[a-z 常州万元]{0,8}".prop_map(Literal::Text),
        (2000i32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Literal::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())),
        (1u32..40).prop_map(|n| Literal::Duration(Duration { months: 12 * n, days: 0 })),
        (1u32..400).prop_map(|n| Literal::Duration(Duration { months: 0, days: n })),
    ]
}

fn interval() -> impl Strategy<Value = Spanned<Interval>> {
    (prop::option::of(numeral()), any::<bool>(), prop::option::of(numeral()), any::<bool>()).prop_map(
        |(lower, lower_closed, upper, upper_closed)| {
            let lower_closed = lower_closed && lower.is_some();
            let upper_closed = upper_closed && upper.is_some();
            sp(Interval { lower, lower_closed, upper, upper_closed })
        },
    )
}

fn binop() -> impl Strategy<Value = BinOp> {
    use BinOp::*;
    prop::sample::select(vec![Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Of, Per, Range, Max])
}

/// Expressions of every shape, typed or not: the printer and parser must agree on all.
fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        literal().prop_map(|l| sp(ExprKind::Lit(l))),
        prop::collection::vec(ident(), 1..3).prop_map(|p| sp(ExprKind::Path(p))),
        Just(sp(ExprKind::AsOf)),
        any::<bool>().prop_map(|uncapped| sp(ExprKind::CaseByCase { uncapped })),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        let variants = || prop::collection::vec(ident(), 1..3);
        prop_oneof![
            (prop::sample::select(vec![UnOp::Neg, UnOp::Not, UnOp::UpTo]), inner.clone())
                .prop_map(|(op, e)| sp(ExprKind::Unary(op, Box::new(e)))),
            (binop(), inner.clone(), inner.clone()).prop_map(|(op, a, b)| sp(ExprKind::Binary(
                op,
                Box::new(a),
                Box::new(b)
            ))),
            (inner.clone(), variants()).prop_map(|(e, set)| sp(ExprKind::In(Box::new(e), set))),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, t, e)| sp(ExprKind::If(
                Box::new(c),
                Box::new(t),
                Box::new(e)
            ))),
            (ident(), prop::collection::vec((prop::option::of(variants()), inner.clone()), 1..4)).prop_map(
                |(s, arms)| {
                    let arms = arms.into_iter().map(|(pattern, value)| ByArm { pattern, value }).collect();
                    sp(ExprKind::By(Box::new(sp(ExprKind::Path(vec![s]))), arms))
                }
            ),
            (any::<bool>(), ident(), prop::collection::vec((interval(), inner.clone()), 1..4)).prop_map(
                |(marginal, s, arms)| {
                    let arms = arms.into_iter().map(|(interval, value)| TierArm { interval, value }).collect();
                    sp(ExprKind::Tiers { marginal, scrutinee: Box::new(sp(ExprKind::Path(vec![s]))), arms })
                }
            ),
            (prop::collection::vec(ident(), 1..3), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(name, args)| sp(ExprKind::Call(name, args))),
            (aggregate_op(), prop::collection::vec(ident(), 1..4), prop::option::of(inner.clone())).prop_map(
                |(op, path, filter)| sp(ExprKind::Aggregate(Box::new(Aggregate { op: sp(op), path, filter })))
            ),
            (inner.clone(), default_value())
                .prop_map(|(fact, value)| sp(ExprKind::Default(Box::new(fact), Box::new(value)))),
            (inner.clone(), prop::collection::vec((numeral(), inner), 1..4)).prop_map(|(s, arms)| {
                let arms = arms.into_iter().map(|(t, value)| StepArm { threshold: sp(t), value }).collect();
                sp(ExprKind::Steps(Box::new(s), arms))
            }),
        ]
    })
}

fn aggregate_op() -> impl Strategy<Value = AggOp> {
    use AggOp::*;
    prop::sample::select(vec![Sum, Count, Min, Max, Any, All])
}

/// What `default` may be followed by: a literal, or an enum value's name.
fn default_value() -> impl Strategy<Value = Expr> {
    prop_oneof![literal().prop_map(|l| sp(ExprKind::Lit(l))), ident().prop_map(|name| sp(ExprKind::Path(vec![name]))),]
}

/// A schema whose fields may be optional and carry defaults.
fn schema_item() -> impl Strategy<Value = Item> {
    let ty = prop::sample::select(vec!["money", "count", "bool", "phase", "[drug]"]).prop_map(|t| {
        sp(match t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(kind) => TypeRef::List(kind.to_string()),
            None => TypeRef::Named(t.to_string()),
        })
    });
    let field = (ident(), any::<bool>(), ty, prop::option::of(default_value()))
        .prop_map(|(name, optional, ty, default)| sp(FieldDecl { name, optional, ty, default }));
    // `extend enum …` and `extend entity …` beside declarations.
    let enum_decl = (any::<bool>(), ident(), prop::collection::vec(ident(), 1..4))
        .prop_map(|(extend, name, variants)| sp(EnumDecl { extend, name, variants }));
    (prop::collection::vec(field, 0..5), any::<bool>(), prop::collection::vec(enum_decl, 0..3)).prop_map(
        |(fields, extend, enums)| {
            let entity = sp(EntityDecl { extend, name: sp("enterprise".to_string()), fields });
            Item::Schema(sp(Schema { enums, entities: vec![entity] }))
        },
    )
}

/// Every way a rule states how often it pays: `once`, `once per k`, `once per k within e`,
/// `yearly`, `every_event`.
fn frequency() -> impl Strategy<Value = (Frequency, Option<Expr>, Option<Ident>)> {
    prop_oneof![
        Just((Frequency::Once, None, None)),
        Just((Frequency::Yearly, None, None)),
        Just((Frequency::EveryEvent, None, None)),
        (expr(), prop::option::of(ident())).prop_map(|(key, within)| (Frequency::Once, Some(key), within)),
    ]
}

/// Text for strings, quotes and backslashes included so escaping is exercised.
fn text() -> impl Strategy<Value = String> {
    "[a-z 常州万\"\\\\]{0,8}"
}

/// `acknowledge tier_overlap "…"`, reasons with quotes and backslashes.
fn acknowledge() -> impl Strategy<Value = Spanned<Acknowledge>> {
    (prop::sample::select(vec!["tier_overlap", "tier_gap"]), text())
        .prop_map(|(warning, reason)| sp(Acknowledge { warning: sp(warning.to_string()), reason: sp(reason) }))
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        numeral().prop_map(Amount::Exact),
        numeral().prop_map(Amount::UpTo),
        (numeral(), numeral()).prop_map(|(lo, hi)| Amount::Range(lo, hi)),
        prop::option::of(numeral()).prop_map(Amount::CaseByCase),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    let clause = prop_oneof![
        (ident(), numeral()).prop_map(|(payer, share)| AwardClause::Payer(payer, share)),
        text().prop_map(|t| AwardClause::Trace(sp(t))),
    ];
    prop_oneof![
        (amount(), prop::collection::vec(clause, 0..3)).prop_map(|(amount, clauses)| Outcome::Award(amount, clauses)),
        text().prop_map(Outcome::NotApplicable),
        text().prop_map(Outcome::Excluded),
    ]
}

/// A test with every form of expectation.
fn test_item() -> impl Strategy<Value = Item> {
    let entity = prop::sample::select(vec!["enterprise.E1", "enterprise.E-2.drugs.D1"]).prop_map(|e| sp(e.to_string()));
    let expect = ("[A-Z]{2}-[0-9]{1,2}", entity.clone(), outcome())
        .prop_map(|(rule, entity, outcome)| sp(Expect { rule: sp(rule), entity, outcome }));
    let total = (entity, amount()).prop_map(|(entity, amount)| sp(ExpectTotal { entity, amount }));
    let lists = (
        prop::collection::vec(expect, 0..4),
        prop::collection::vec(total, 0..3),
        prop::collection::vec(text().prop_map(sp), 0..2),
    );
    (text(), lists).prop_map(|(name, (expects, totals, facts_errors))| {
        Item::Test(sp(Test {
            name: sp(name),
            as_of: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).map(sp),
            facts: Some(sp(TestFacts::File("facts.json".to_string()))),
            expects,
            totals,
            facts_errors,
        }))
    })
}

/// `value x = …` and `schedule x(p: phase, …) = …`.
fn schedule_item() -> impl Strategy<Value = Item> {
    let params = prop::collection::vec((ident(), ident()).prop_map(|(name, ty)| Param { name, ty }), 0..3);
    (ident(), prop::option::of(params), expr())
        .prop_map(|(name, params, body)| Item::Schedule(sp(Schedule { name, params, body })))
}

/// A rule built from generated expressions.
fn rule() -> impl Strategy<Value = Rule> {
    (
        "[A-Z]{2}-[0-9]{1,2}[a-c]?",
        ident(),
        prop::collection::vec(expr(), 0..3),
        expr(),
        prop::option::of(expr()),
        frequency(),
        prop::collection::vec(acknowledge(), 0..3),
    )
        .prop_map(|(id, entity, conditions, reward, on, (frequency, once_per, once_within), acknowledged)| Rule {
            id: sp(id),
            entity,
            cite: Some(sp("（三）第1段".to_string())),
            title: None,
            dept: None,
            conditions,
            on,
            reward: Some(reward),
            frequency: Some(sp(frequency)),
            once_within,
            once_per,
            per_year_cap: None,
            split: None,
            acknowledged,
        })
}

/// A pool's or stack's clause, which an amendment's `change` may hold (for the checker to
/// refuse).
fn group_clause() -> impl Strategy<Value = Spanned<GroupClause>> {
    let period = prop::sample::select(vec![Period::Year, Period::Years(3), Period::Total]);
    prop_oneof![
        prop::collection::vec("[A-Z]{2}-[0-9]{1,2}".prop_map(|r| sp(Member::Rule(r))), 1..3)
            .prop_map(GroupClause::Members),
        (numeral(), ident(), period.clone()).prop_map(|(amount, per, period)| GroupClause::Cap(Cap {
            amount,
            per,
            period
        })),
        (1u32..5, ident(), period, any::<bool>()).prop_map(|(count, per, period, highest)| {
            let choose = if highest { Choose::Highest } else { Choose::Earliest };
            GroupClause::Limit(Limit { count, per, period, choose })
        }),
        prop::sample::select(vec![Earlier::TopUp, Earlier::Refuse]).prop_map(GroupClause::Earlier),
    ]
    .prop_map(sp)
}

/// An amendment with every kind of change: clauses replaced (any of them, perhaps none),
/// a repeal, a new rule.
fn amendment_item() -> impl Strategy<Value = Item> {
    let replaced = (
        "[A-Z]{2}-[0-9]{1,2}",
        prop::option::of(text()),
        prop::collection::vec(expr(), 0..2),
        prop::option::of(expr()),
        prop::option::of(prop::collection::vec((ident(), prop::option::of(1u32..100)), 1..3)),
        prop::collection::vec(group_clause(), 0..2),
        prop::collection::vec(acknowledge(), 0..2),
    )
        .prop_map(|(id, cite, conditions, reward, split, group, acknowledged)| {
            let split = split.map(|shares| {
                sp(shares
                    .into_iter()
                    .map(|(payer, percent)| Share { payer, percent: percent.map(|p| sp(Decimal::from(p))) })
                    .collect())
            });
            let blank = sp(String::new());
            let rule = Box::new(Rule {
                id: sp(id),
                entity: blank,
                cite: cite.map(sp),
                title: None,
                dept: None,
                conditions,
                on: None,
                reward,
                frequency: None,
                once_within: None,
                once_per: None,
                per_year_cap: None,
                split,
                acknowledged,
            });
            Change::Change(rule, group)
        });
    let change = prop_oneof![
        replaced,
        "[A-Z]{2}-[0-9]{1,2}".prop_map(|id| Change::Repeal(sp(id))),
        rule().prop_map(|r| Change::Add(Box::new(sp(r)))),
    ];
    let effective = prop_oneof![
        Just(None),
        Just(Some(Effective::OnIssue)),
        (1u32..60).prop_map(|n| Some(Effective::AfterIssue(Duration { months: 0, days: n }))),
        Just(chrono::NaiveDate::from_ymd_opt(2025, 4, 1).map(Effective::On)),
    ];
    let expires =
        prop::option::of(Just(chrono::NaiveDate::from_ymd_opt(2027, 12, 31)).prop_filter_map("a date", |d| d));
    (prop::option::of(text()), effective, expires, prop::collection::vec(change, 0..4)).prop_map(
        |(document, effective, expires, changes)| {
            Item::Amendment(sp(Amendment {
                id: sp("p_2025".to_string()),
                policy: sp("p".to_string()),
                title: None,
                document: document.map(sp),
                issued: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).map(sp),
                effective: effective.map(sp),
                expires: expires.map(sp),
                changes: changes.into_iter().map(sp).collect(),
            }))
        },
    )
}

/// A file with a policy, rules built from generated expressions, perhaps an amendment, and a
/// test.
fn file() -> impl Strategy<Value = File> {
    let rule = rule().prop_map(|r| Item::Rule(Box::new(sp(r))));
    let schedules = prop::collection::vec(schedule_item(), 0..3);
    let parts = (schema_item(), prop::collection::vec(rule, 1..4), prop::option::of(amendment_item()), test_item());
    (parts, schedules).prop_map(|((schema, rules, amendment, test), schedules)| {
        let policy = Policy {
            id: sp("p".to_string()),
            title: Some(sp("示例".to_string())),
            issuer: None,
            document: None,
            issued: chrono::NaiveDate::from_ymd_opt(2023, 11, 8).map(sp),
            effective: Some(sp(Effective::AfterIssue(Duration { months: 0, days: 30 }))),
            expires: None,
            rounding: None,
            scope: Vec::new(),
        };
        let mut items = vec![schema, Item::Policy(sp(policy))];
        items.extend(schedules);
        items.extend(rules);
        items.extend(amendment);
        items.push(test);
        File { items }
    })
}

/// The IR's committed JSON Schema, which every generated program's IR must satisfy.
static IR_SCHEMA: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(crate::compile::ir_validator);

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn printing_then_parsing_gives_the_same_tree(file in file()) {
        let printed = file.to_string();
        let parsed = parse(&printed);
        prop_assert!(parsed.is_ok(), "does not parse:\n{printed}\n{parsed:?}");
        prop_assert_eq!(parsed.unwrap_or_default(), file);
    }

    #[test]
    fn formatting_twice_changes_nothing(file in file()) {
        let once = policy_lang::format::format(&file.to_string());
        prop_assert!(once.is_ok(), "{once:?}");
        let once = once.unwrap_or_default();
        prop_assert_eq!(policy_lang::format::format(&once).unwrap_or_default(), once);
    }

    /// Well-typed programs from a template: the IR satisfies its schema, reads back to itself,
    /// and gives the results the source gives.
    /// (`threshold` starts at 1: the tier `[0, threshold万)` is empty, an error, at 0.)
    #[test]
    fn the_ir_evaluates_as_the_source(rate in 1u32..100, cap in 1u64..10_000, threshold in 1u64..5000, cost in 0u64..100_000, amended in 1u32..3) {
        let source = format!(
            "schema {{ enum ph {{ a, b, c }} entity e {{ rd_cost: money, n: count, ph: ph, started: date, done?: bool, \
                bonus?: money default 1万, stage?: ph default b, items?: [item] }} entity item {{ cost?: money, big?: bool default false }} }}\n\
             policy p {{ issued 2023-01-01 }}\n\
             rule R for e {{ on as_of every_event when rd_cost >= {threshold}万 reward {rate}% of rd_cost max {cap}万 }}\n\
             rule S for e {{ on as_of every_event reward steps n {{ 1 => 10万, 3 => 30万 }} per_year_cap 35万 }}\n\
             rule T for e {{ on started + 2 years yearly reward tiers rd_cost {{ [0, {threshold}万) => 0, [{threshold}万, ..) => up_to {cap}万 }} }}\n\
             rule M for e {{ on as_of once reward marginal rd_cost {{ [0, 100万] => 10%, (100万, ..) => {rate}% }} }}\n\
             rule B for e {{ on as_of once per ph when ph in {{ a, b }} and not (started > as_of - 30 days) reward by ph {{ a => {cap}万, _ => 1万..{cap}万 }} }}\n\
             rule D for e {{ on as_of every_event when done == true or n != 2 reward if ph == c then case_by_case max {cap}万 else (rd_cost - 1万) * 2 / 4 + 5万 per n }}\n\
             pool P {{ members R, T cap {cap}万 per e per year }}\n\
             stack K {{ members B, D per e earlier top_up }}\n\
             rule G for e {{ on as_of every_event when any(items where not big) and stage != c reward {rate}% of sum(items.cost where cost >= {threshold}) + bonus + 1万 per (n default 0) }}\n\
             amendment p2 of p {{ effective 2024-01-0{amended} change R {{ reward {rate}% of rd_cost max {cap}万 + 1万 }} repeal S }}\n\
             schedule rate(x: money) = tiers x {{ [0, {threshold}万) => 10%, [{threshold}万, ..) => {rate}% }}\n\
             value cap = {cap}万\n\
             rule V for e {{ on as_of every_event reward rate(rd_cost) of rd_cost max cap }}\n"
        );
        // The same program with Chinese keywords.
        let chinese = policy_lang::format::format_in(&source, Some(policy_lang::syntax::Lang::Zh));
        prop_assert!(chinese.is_ok(), "{chinese:?}");
        let compile = |text: String| policy_lang::compile(vec![policy_lang::Source::new("p.policy", text)]).map(|l| l.program);
        let program = compile(source);
        prop_assert!(program.is_ok(), "{:?}", program.err());
        let program = program.unwrap_or_else(|_| unreachable!());
        let doc = ir::to_json(&program);
        let zh = compile(chinese.unwrap_or_default()).map(|p| ir::to_json(&p));
        prop_assert!(zh.as_ref().is_ok_and(|zh| *zh == doc), "the Chinese text's IR differs");
        crate::compile::assert_valid(&IR_SCHEMA, "generated", &doc);
        let loaded = ir::read(&doc.to_string());
        prop_assert!(loaded.is_ok());
        let loaded = loaded.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(ir::to_json(&loaded), doc);
        let facts = format!(
            r#"{{"e": [{{"id": "A", "rd_cost": {cost}, "n": 3, "ph": "a", "started": "2021-03-01", "done": true,
                        "items": [{{"id": "i", "cost": {cost}}}, {{"id": "j", "cost": {threshold}, "big": true}}]}},
                      {{"id": "B", "rd_cost": "{cost}万", "n": 1, "ph": "c", "started": "2023-12-20", "done": false}}]}}"#
        );
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let run = |p: &policy_lang::Program| {
            let facts = p.facts("f", &facts).map_err(|e| format!("{e:?}"))?;
            p.evaluate(&facts, day).map(|r| serde_json::to_string(&policy_lang::output::json(&r)).unwrap_or_default()).map_err(|e| e.to_string())
        };
        prop_assert_eq!(run(&program), run(&loaded));
    }
}

/// The amount of a test as read from `text`.
fn expected_amount(text: &str) -> Option<Amount> {
    let file = parse(&format!("test \"t\" {{\n  expect R for enterprise.E1: {text}\n}}\n")).ok()?;
    match file.items.first()? {
        Item::Test(t) => match &t.expects.first()?.outcome {
            Outcome::Award(amount, _) => Some(amount.clone()),
            _ => None,
        },
        _ => None,
    }
}

proptest! {
    /// Whatever amount `policy eval` prints (`3,000,000.5`, `up to 3,000,000`, `a – b`) reads
    /// back in a test as the same amount.
    #[test]
    fn amounts_as_eval_prints_them_read_back(a in numeral(), b in numeral()) {
        let (a, b) = (Numeral { yuan: false, ..a }, Numeral { yuan: false, ..b });
        let (x, y) = (policy_lang::amounts::money(a.value), policy_lang::amounts::money(b.value));
        prop_assert_eq!(expected_amount(&x), Some(Amount::Exact(a.clone())));
        prop_assert_eq!(expected_amount(&format!("up to {x}")), Some(Amount::UpTo(a.clone())));
        prop_assert_eq!(expected_amount(&format!("{x} – {y}")), Some(Amount::Range(a.clone(), b)));
        prop_assert_eq!(expected_amount(&format!("case by case, up to {x}")), Some(Amount::CaseByCase(Some(a))));
    }
}

#[test]
#[ignore = "prints samples of the generator, for a person to look at"]
fn show_samples() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::default();
    for _ in 0..3 {
        if let Ok(tree) = file().new_tree(&mut runner) {
            println!("{}\n-----", tree.current());
        }
    }
}

proptest! {
    // Each case formats a file four times over; fewer cases than the cheaper properties.
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Converting a file's keywords to Chinese and back is the identity on its text, its tree
    /// and its comments: zh → en → zh gives the Chinese text again, and en → zh → en the
    /// formatted English.
    #[test]
    fn chinese_and_english_keywords_convert_both_ways(file in file(), every in 2usize..6) {
        use policy_lang::format::format_in;
        use policy_lang::syntax::Lang;
        // A comment before every few lines, so that each must survive both conversions.
        let commented: String = file
            .to_string()
            .lines()
            .enumerate()
            .map(|(i, l)| if i % every == 0 { format!("// 注释 {i}\n{l}\n") } else { format!("{l}\n") })
            .collect();
        let en = format_in(&commented, Some(Lang::En));
        prop_assert!(en.is_ok(), "{en:?}");
        let en = en.unwrap_or_default();
        let zh = format_in(&en, Some(Lang::Zh)).unwrap_or_default();
        prop_assert_eq!(format_in(&zh, Some(Lang::En)).unwrap_or_default(), en.clone());
        prop_assert_eq!(format_in(&zh, Some(Lang::Zh)).unwrap_or_default(), zh.clone());
        // Left to itself, a Chinese file stays Chinese and an English one English.
        prop_assert_eq!(policy_lang::format::format(&zh).unwrap_or_default(), zh.clone());
        prop_assert_eq!(parse(&zh).unwrap_or_default(), file);
        prop_assert_eq!(zh.matches("// 注释").count(), commented.matches("// 注释").count());
    }
}
