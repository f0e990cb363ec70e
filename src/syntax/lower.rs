//! pest pairs → items of the owned tree.

use super::expr::{self, span_of};
use super::{Rule, SyntaxError};
use crate::ast::*;
use pest::iterators::Pair;

type Errors = Vec<SyntaxError>;

pub(super) fn file(pair: Pair<Rule>) -> Result<File, Errors> {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for pair in pair.into_inner() {
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::schema => items.push(Item::Schema(Spanned::new(schema(pair, &mut errors), span))),
            Rule::policy => items.push(Item::Policy(Spanned::new(policy(pair, &mut errors), span))),
            Rule::amendment => items.push(Item::Amendment(Spanned::new(amendment(pair, &mut errors), span))),
            Rule::rule => items.push(Item::Rule(Box::new(Spanned::new(rule(pair, &mut errors), span)))),
            Rule::pool => items.push(Item::Pool(Spanned::new(pool(pair, &mut errors), span))),
            Rule::stack => items.push(Item::Stack(Spanned::new(stack(pair, &mut errors), span))),
            Rule::test => items.push(Item::Test(Spanned::new(test(pair, &mut errors), span))),
            Rule::value_def | Rule::schedule_def => {
                // The pair's span runs on over the comments after the body (its expression's
                // repetitions skip them); the item ends where its expression does.
                let schedule = schedule(pair, &mut errors);
                let span = Span::new(span.start, schedule.body.span.end.max(span.start));
                items.push(Item::Schedule(Spanned::new(schedule, span)))
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(File { items })
    } else {
        Err(errors)
    }
}

pub(super) fn ident(pair: Pair<Rule>) -> Ident {
    Spanned::new(pair.as_str().to_string(), span_of(&pair))
}

fn schema(pair: Pair<Rule>, errors: &mut Errors) -> Schema {
    let mut schema = Schema::default();
    for item in pair.into_inner() {
        let span = span_of(&item);
        let which = item.as_rule();
        let mut inner = item.into_inner().peekable();
        let extend = inner.next_if(|p| p.as_rule() == Rule::extend).is_some();
        let mut inner = inner.filter(|p| !matches!(p.as_rule(), Rule::kw_enum | Rule::kw_entity));
        let Some(name) = inner.next().map(ident) else { continue };
        match which {
            Rule::enum_decl => {
                let variants = inner.map(ident).collect();
                schema.enums.push(Spanned::new(EnumDecl { extend, name, variants }, span));
            }
            Rule::entity_decl => {
                let fields = inner.map(|f| field(f, errors)).collect();
                schema.entities.push(Spanned::new(EntityDecl { extend, name, fields }, span));
            }
            _ => {}
        }
    }
    schema
}

/// `value NAME = expr` or `schedule NAME(p: type, …) = expr`.
fn schedule(pair: Pair<Rule>, errors: &mut Errors) -> Schedule {
    let is_value = pair.as_rule() == Rule::value_def;
    let mut name = Spanned::new(String::new(), span_of(&pair));
    let mut params = Vec::new();
    let mut body = Spanned::new(ExprKind::Lit(Literal::Bool(false)), span_of(&pair));
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = ident(part),
            Rule::param => {
                let mut idents = part.into_inner().map(ident);
                if let (Some(name), Some(mut ty)) = (idents.next(), idents.next()) {
                    ty.node = super::keywords::type_in_english(&ty.node).to_string();
                    params.push(Param { name, ty });
                }
            }
            Rule::expr => body = expr::lower(part, errors),
            _ => {}
        }
    }
    Schedule { name, params: (!is_value).then_some(params), body }
}

fn field(pair: Pair<Rule>, errors: &mut Errors) -> Spanned<FieldDecl> {
    let span = span_of(&pair);
    let mut name = Spanned::new(String::new(), span);
    let mut optional = false;
    let mut default = None;
    let mut ty = Spanned::new(TypeRef::Named(String::new()), span);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => name = ident(part),
            Rule::optional => optional = true,
            Rule::field_default => default = expr::default_value(part, errors),
            Rule::type_ref => {
                let ty_span = span_of(&part);
                ty = match part.into_inner().next() {
                    Some(list) if list.as_rule() == Rule::list_type => {
                        let inner = list.into_inner().last().map(|p| p.as_str().to_string()).unwrap_or_default();
                        Spanned::new(TypeRef::List(inner), ty_span)
                    }
                    Some(named) => {
                        let name = super::keywords::type_in_english(named.as_str());
                        Spanned::new(TypeRef::Named(name.to_string()), ty_span)
                    }
                    None => ty,
                };
            }
            _ => {}
        }
    }
    Spanned::new(FieldDecl { name, optional, ty, default }, span)
}

/// Stores a clause once; a second occurrence is an error pointing at both.
fn set_once<T>(slot: &mut Option<Spanned<T>>, value: Spanned<T>, what: &str, errors: &mut Errors) {
    match slot {
        Some(first) => errors.push(SyntaxError::Duplicate {
            what: what.to_string(),
            span: value.span.into(),
            first: first.span.into(),
        }),
        None => *slot = Some(value),
    }
}

/// The value pair of a clause such as `cite "…"`: its last child.
fn clause_value(pair: Pair<Rule>) -> Option<Pair<Rule>> {
    pair.into_inner().last()
}

fn string_clause(pair: Pair<Rule>) -> Spanned<String> {
    let span = span_of(&pair);
    Spanned::new(clause_value(pair).map(|p| string(&p)).unwrap_or_default(), span)
}

/// The text of a string literal with its escapes resolved.
pub(super) fn string(pair: &Pair<Rule>) -> String {
    let raw = pair.as_str();
    let inner = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn date_clause(pair: Pair<Rule>, errors: &mut Errors) -> Option<Spanned<chrono::NaiveDate>> {
    let span = span_of(&pair);
    let value = clause_value(pair)?;
    expr::date(&value, errors).map(|d| Spanned::new(d, span))
}

fn policy(pair: Pair<Rule>, errors: &mut Errors) -> Policy {
    let mut inner = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_policy);
    let id = inner.next().map(ident).unwrap_or_else(|| Spanned::new(String::new(), Span::default()));
    let mut policy = Policy {
        id,
        title: None,
        issuer: None,
        document: None,
        issued: None,
        effective: None,
        expires: None,
        rounding: None,
        scope: Vec::new(),
    };
    for entry in inner {
        let span = span_of(&entry);
        match entry.as_rule() {
            Rule::title => set_once(&mut policy.title, string_clause(entry), "title", errors),
            Rule::issuer => set_once(&mut policy.issuer, string_clause(entry), "issuer", errors),
            Rule::document => set_once(&mut policy.document, string_clause(entry), "document", errors),
            Rule::issued => {
                if let Some(d) = date_clause(entry, errors) {
                    set_once(&mut policy.issued, d, "issued", errors);
                }
            }
            Rule::expires => {
                if let Some(d) = date_clause(entry, errors) {
                    set_once(&mut policy.expires, d, "expires", errors);
                }
            }
            Rule::effective => {
                if let Some(e) = effective(entry, errors) {
                    set_once(&mut policy.effective, Spanned::new(e, span), "effective", errors);
                }
            }
            Rule::scope_entry => {
                if let Some(e) = clause_value(entry) {
                    policy.scope.push(expr::lower(e, errors));
                }
            }
            Rule::rounding => set_once(&mut policy.rounding, Spanned::new(rounding(entry), span), "rounding", errors),
            _ => {}
        }
    }
    policy
}

fn effective(pair: Pair<Rule>, errors: &mut Errors) -> Option<Effective> {
    let value = clause_value(pair)?;
    match value.as_rule() {
        Rule::on_issue => Some(Effective::OnIssue),
        Rule::after_issue => {
            let duration = value.into_inner().find(|p| p.as_rule() == Rule::duration)?;
            expr::duration(duration, errors).map(Effective::AfterIssue)
        }
        Rule::date => expr::date(&value, errors).map(Effective::On),
        _ => None,
    }
}

fn rounding(pair: Pair<Rule>) -> Rounding {
    let mut rounding = Rounding::default();
    for part in pair.into_inner() {
        match (part.as_rule(), super::keywords::rounding_in_english(part.as_str())) {
            (Rule::rounding_unit, "yuan") => rounding.unit = RoundingUnit::Yuan,
            (Rule::rounding_unit, "jiao") => rounding.unit = RoundingUnit::Jiao,
            (Rule::rounding_unit, _) => rounding.unit = RoundingUnit::Fen,
            (Rule::rounding_mode, "half_even") => rounding.mode = RoundingMode::HalfEven,
            (Rule::rounding_mode, "down") => rounding.mode = RoundingMode::Down,
            (Rule::rounding_mode, "up") => rounding.mode = RoundingMode::Up,
            (Rule::rounding_mode, _) => rounding.mode = RoundingMode::HalfAwayFromZero,
            _ => {}
        }
    }
    rounding
}

fn rule(pair: Pair<Rule>, errors: &mut Errors) -> Rule_ {
    let span = span_of(&pair);
    let mut inner = pair.into_inner().filter(|p| !matches!(p.as_rule(), Rule::kw_rule | Rule::kw_for));
    let blank = || Spanned::new(String::new(), span);
    let id = inner.next().map(ident).unwrap_or_else(blank);
    let entity = inner.next().map(ident).unwrap_or_else(blank);
    let rule = clauses(id, entity, inner, errors);
    if rule.reward.is_none() {
        errors.push(SyntaxError::MissingReward { rule: rule.id.node.clone(), span: rule.id.span.into() });
    }
    rule
}

/// A rule's clauses, each kind at most once (every `when` kept): a whole rule's, or those an
/// amendment's `change` replaces.
fn clauses<'i>(id: Ident, entity: Ident, inner: impl Iterator<Item = Pair<'i, Rule>>, errors: &mut Errors) -> Rule_ {
    let mut rule = Rule_ {
        id,
        entity,
        cite: None,
        title: None,
        dept: None,
        conditions: Vec::new(),
        on: None,
        reward: None,
        frequency: None,
        once_per: None,
        once_within: None,
        per_year_cap: None,
        split: None,
        acknowledged: Vec::new(),
    };
    let mut reward: Option<Spanned<Expr>> = None;
    let mut on: Option<Spanned<Expr>> = None;
    let mut cap: Option<Spanned<Expr>> = None;
    for clause in inner {
        let clause_span = span_of(&clause);
        match clause.as_rule() {
            Rule::cite => set_once(&mut rule.cite, string_clause(clause), "cite", errors),
            Rule::title => set_once(&mut rule.title, string_clause(clause), "title", errors),
            Rule::dept => set_once(&mut rule.dept, string_clause(clause), "dept", errors),
            Rule::when_clause => {
                if let Some(e) = clause_value(clause) {
                    rule.conditions.push(expr::lower(e, errors));
                }
            }
            Rule::on_clause => {
                if let Some(e) = clause_value(clause) {
                    set_once(&mut on, Spanned::new(expr::lower(e, errors), clause_span), "on", errors);
                }
            }
            Rule::reward => {
                if let Some(e) = clause_value(clause) {
                    set_once(&mut reward, Spanned::new(expr::lower(e, errors), clause_span), "reward", errors);
                }
            }
            Rule::per_year_cap => {
                if let Some(e) = clause_value(clause) {
                    set_once(&mut cap, Spanned::new(expr::lower(e, errors), clause_span), "per_year_cap", errors);
                }
            }
            Rule::frequency => {
                let mut parts = clause.into_inner();
                let frequency = match parts.next().map(|p| p.as_rule()) {
                    Some(Rule::kw_yearly) => Frequency::Yearly,
                    Some(Rule::kw_every_event) => Frequency::EveryEvent,
                    _ => Frequency::Once,
                };
                if rule.frequency.is_none() {
                    for part in parts {
                        match part.as_rule() {
                            Rule::expr => rule.once_per = Some(expr::lower(part, errors)),
                            Rule::within => rule.once_within = part.into_inner().last().map(ident),
                            _ => {}
                        }
                    }
                }
                set_once(&mut rule.frequency, Spanned::new(frequency, clause_span), "frequency", errors);
            }
            Rule::split => {
                let shares = clause
                    .clone()
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::share)
                    .map(|p| share(p, errors))
                    .collect();
                set_once(&mut rule.split, Spanned::new(shares, clause_span), "split", errors);
            }
            Rule::acknowledge => rule.acknowledged.extend(acknowledge(clause)),
            _ => {}
        }
    }
    rule.reward = reward.map(|r| r.node);
    rule.on = on.map(|o| o.node);
    rule.per_year_cap = cap.map(|c| c.node);
    rule
}

/// `acknowledge tier_overlap "reason"`
fn acknowledge(pair: Pair<Rule>) -> Option<Spanned<Acknowledge>> {
    let span = span_of(&pair);
    let mut parts = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_acknowledge);
    let warning = ident(parts.next()?);
    let reason = parts.next()?;
    let reason = Spanned::new(string(&reason), span_of(&reason));
    Some(Spanned::new(Acknowledge { warning, reason }, span))
}

fn amendment(pair: Pair<Rule>, errors: &mut Errors) -> Amendment {
    let span = span_of(&pair);
    let mut inner = pair.into_inner().filter(|p| !matches!(p.as_rule(), Rule::kw_amendment | Rule::kw_of));
    let blank = || Spanned::new(String::new(), span);
    let id = inner.next().map(ident).unwrap_or_else(blank);
    let policy = inner.next().map(ident).unwrap_or_else(blank);
    let mut amendment = Amendment {
        id,
        policy,
        title: None,
        document: None,
        issued: None,
        effective: None,
        expires: None,
        changes: Vec::new(),
    };
    for entry in inner {
        let span = span_of(&entry);
        match entry.as_rule() {
            Rule::title => set_once(&mut amendment.title, string_clause(entry), "title", errors),
            Rule::document => set_once(&mut amendment.document, string_clause(entry), "document", errors),
            Rule::issued => {
                if let Some(d) = date_clause(entry, errors) {
                    set_once(&mut amendment.issued, d, "issued", errors);
                }
            }
            Rule::effective => {
                if let Some(e) = effective(entry, errors) {
                    set_once(&mut amendment.effective, Spanned::new(e, span), "effective", errors);
                }
            }
            Rule::expires => {
                if let Some(d) = date_clause(entry, errors) {
                    set_once(&mut amendment.expires, d, "expires", errors);
                }
            }
            Rule::change => {
                let mut parts = entry.into_inner().filter(|p| p.as_rule() != Rule::kw_change);
                let Some(id) = parts.next().map(ident) else { continue };
                let entity = Spanned::new(String::new(), id.span);
                let (group, own): (Vec<_>, Vec<_>) =
                    parts.partition(|p| matches!(p.as_rule(), Rule::members | Rule::cap | Rule::limit | Rule::earlier));
                let group = group.into_iter().filter_map(|p| group_clause(p, errors)).collect();
                let change = Change::Change(Box::new(clauses(id, entity, own.into_iter(), errors)), group);
                amendment.changes.push(Spanned::new(change, span));
            }
            Rule::repeal => {
                if let Some(id) = entry.into_inner().find(|p| p.as_rule() == Rule::rule_id).map(ident) {
                    amendment.changes.push(Spanned::new(Change::Repeal(id), span));
                }
            }
            Rule::rule => {
                let rule = Box::new(Spanned::new(rule(entry, errors), span));
                amendment.changes.push(Spanned::new(Change::Add(rule), span));
            }
            _ => {}
        }
    }
    amendment
}

fn share(pair: Pair<Rule>, errors: &mut Errors) -> Share {
    let mut parts = pair.into_inner();
    let payer = parts.next().map(ident).unwrap_or_default();
    let percent = parts.next().map(|p| {
        let span = span_of(&p);
        let value = p.into_inner().next().map(|d| expr::decimal(&d, errors)).unwrap_or_default();
        Spanned::new(value, span)
    });
    Share { payer, percent }
}

fn members(pair: Pair<Rule>) -> Vec<Spanned<Member>> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::member)
        .filter_map(|m| {
            let span = span_of(&m);
            let inner = m.into_inner().next()?;
            let member = match inner.as_rule() {
                Rule::whole_policy => Member::Policy(inner.into_inner().last()?.as_str().to_string()),
                Rule::grants => Member::Grants(grant_tags(inner)),
                _ => Member::Rule(inner.as_str().to_string()),
            };
            Some(Spanned::new(member, span))
        })
        .collect()
}

/// `grants issuer "苏州市" level district`: the tags, each at most once (the last wins).
fn grant_tags(pair: Pair<Rule>) -> GrantTags {
    let mut tags = GrantTags::default();
    for tag in pair.into_inner().filter(|p| p.as_rule() == Rule::grant_tag) {
        let mut parts = tag.into_inner();
        let (Some(kw), Some(value)) = (parts.next(), parts.next()) else { continue };
        match kw.as_rule() {
            Rule::kw_policy => tags.policy = Some(value.as_str().to_string()),
            Rule::kw_issuer => tags.issuer = Some(string(&value)),
            _ => tags.level = Some(value.as_str().to_string()),
        }
    }
    tags
}

fn pool(pair: Pair<Rule>, errors: &mut Errors) -> Pool {
    let mut inner = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_pool);
    let id = inner.next().map(ident).unwrap_or_default();
    let mut pool =
        Pool { id, cite: None, title: None, members: Vec::new(), cap: None, limit: None, acknowledged: Vec::new() };
    let mut members_at: Option<Spanned<()>> = None;
    for clause in inner {
        let span = span_of(&clause);
        match clause.as_rule() {
            Rule::cite => set_once(&mut pool.cite, string_clause(clause), "cite", errors),
            Rule::title => set_once(&mut pool.title, string_clause(clause), "title", errors),
            Rule::acknowledge => pool.acknowledged.extend(acknowledge(clause)),
            Rule::members => {
                set_once(&mut members_at, Spanned::new((), span), "members", errors);
                pool.members.extend(members(clause));
            }
            Rule::cap => {
                if let Some(cap) = cap(clause, errors) {
                    set_once(&mut pool.cap, Spanned::new(cap, span), "cap", errors);
                }
            }
            Rule::limit => {
                if let Some(limit) = limit(clause) {
                    set_once(&mut pool.limit, Spanned::new(limit, span), "limit", errors);
                }
            }
            _ => {}
        }
    }
    pool
}

/// A pool's or stack's clause met where a rule's is expected.
fn group_clause(pair: Pair<Rule>, errors: &mut Errors) -> Option<Spanned<GroupClause>> {
    let span = span_of(&pair);
    let clause = match pair.as_rule() {
        Rule::members => GroupClause::Members(members(pair)),
        Rule::cap => GroupClause::Cap(cap(pair, errors)?),
        Rule::limit => GroupClause::Limit(limit(pair)?),
        _ => GroupClause::Earlier(earlier(&pair)),
    };
    Some(Spanned::new(clause, span))
}

/// `earlier top_up` or `earlier refuse`.
fn earlier(pair: &Pair<Rule>) -> Earlier {
    let top_up = pair.clone().into_inner().any(|p| p.as_rule() == Rule::kw_top_up);
    if top_up {
        Earlier::TopUp
    } else {
        Earlier::Refuse
    }
}

fn cap(pair: Pair<Rule>, errors: &mut Errors) -> Option<Cap> {
    let mut amount = None;
    let mut per = None;
    let mut period = Period::Year;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::number => amount = Some(expr::number(part, errors)),
            Rule::ident => per = Some(ident(part)),
            Rule::period => period = period_of(part),
            _ => {}
        }
    }
    Some(Cap { amount: amount?, per: per?, period })
}

fn period_of(pair: Pair<Rule>) -> Period {
    match pair.into_inner().next() {
        Some(p) if p.as_rule() == Rule::over_years => {
            let n = p.into_inner().find(|i| i.as_rule() == Rule::integer);
            Period::Years(n.and_then(|n| n.as_str().parse().ok()).unwrap_or(0))
        }
        Some(p) if p.as_rule() == Rule::in_total => Period::Total,
        _ => Period::Year,
    }
}

fn limit(pair: Pair<Rule>) -> Option<Limit> {
    let (mut count, mut per, mut period, mut choose) = (None, None, Period::Year, Choose::Earliest);
    for part in pair.into_inner() {
        match part.as_rule() {
            // A count beyond u32 is no real limit; saturate rather than fail.
            Rule::integer => count = Some(part.as_str().parse().unwrap_or(u32::MAX)),
            Rule::ident => per = Some(ident(part)),
            Rule::period => period = period_of(part),
            Rule::choice => {
                let highest = part.into_inner().next().is_some_and(|kw| kw.as_rule() == Rule::kw_highest);
                choose = if highest { Choose::Highest } else { Choose::Earliest };
            }
            _ => {}
        }
    }
    Some(Limit { count: count?, per: per?, period, choose })
}

fn stack(pair: Pair<Rule>, errors: &mut Errors) -> Stack {
    let mut inner = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_stack);
    let id = inner.next().map(ident).unwrap_or_default();
    let mut stack = Stack {
        id,
        cite: None,
        title: None,
        members: Vec::new(),
        per: None,
        period: None,
        earlier: None,
        acknowledged: Vec::new(),
    };
    let mut per: Option<Spanned<String>> = None;
    for clause in inner {
        match clause.as_rule() {
            Rule::cite => set_once(&mut stack.cite, string_clause(clause), "cite", errors),
            Rule::title => set_once(&mut stack.title, string_clause(clause), "title", errors),
            Rule::acknowledge => stack.acknowledged.extend(acknowledge(clause)),
            Rule::members => stack.members.extend(members(clause)),
            Rule::scope => {
                for part in clause.into_inner() {
                    match part.as_rule() {
                        Rule::ident => set_once(&mut per, ident(part), "per", errors),
                        Rule::period => stack.period = Some(Spanned::new(period_of(part.clone()), span_of(&part))),
                        _ => {}
                    }
                }
            }
            Rule::earlier => {
                let span = span_of(&clause);
                set_once(&mut stack.earlier, Spanned::new(earlier(&clause), span), "earlier", errors);
            }
            _ => {}
        }
    }
    stack.per = per;
    stack
}

fn test(pair: Pair<Rule>, errors: &mut Errors) -> Test {
    let mut inner = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_test);
    let name = inner.next().map(|p| Spanned::new(string(&p), span_of(&p))).unwrap_or_default();
    let mut test =
        Test { name, as_of: None, facts: None, expects: Vec::new(), totals: Vec::new(), facts_errors: Vec::new() };
    for clause in inner {
        let span = span_of(&clause);
        match clause.as_rule() {
            Rule::test_as_of => {
                if let Some(d) = date_clause(clause, errors) {
                    set_once(&mut test.as_of, d, "as_of", errors);
                }
            }
            Rule::test_facts => {
                let Some(value) = clause_value(clause) else { continue };
                let facts = match value.as_rule() {
                    Rule::json_object => TestFacts::Inline(value.as_str().to_string()),
                    _ => TestFacts::File(string(&value)),
                };
                set_once(&mut test.facts, Spanned::new(facts, span), "facts", errors);
            }
            Rule::expect => {
                if let Some(expect) = expect(clause, errors) {
                    test.expects.push(Spanned::new(expect, span));
                }
            }
            Rule::expect_total => {
                if let Some(total) = expect_total(clause, errors) {
                    test.totals.push(Spanned::new(total, span));
                }
            }
            Rule::expect_facts_error => test.facts_errors.push(string_clause(clause)),
            _ => {}
        }
    }
    test
}

fn expect(pair: Pair<Rule>, errors: &mut Errors) -> Option<Expect> {
    let mut rule = None;
    let mut entity = None;
    let mut outcome = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::rule_id => rule = Some(ident(part)),
            Rule::entity_path => entity = Some(entity_path(&part)),
            Rule::outcome => {
                let inner = part.into_inner().next()?;
                let text = inner.clone().into_inner().find(|p| p.as_rule() == Rule::string).map(|p| string(&p));
                outcome = match inner.as_rule() {
                    Rule::expect_na => text.map(Outcome::NotApplicable),
                    Rule::expect_excluded => text.map(Outcome::Excluded),
                    _ => expect_award(inner, errors),
                };
            }
            _ => {}
        }
    }
    Some(Expect { rule: rule?, entity: entity?, outcome: outcome? })
}

fn entity_path(pair: &Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span_of(pair))
}

/// `100万 payer city 60万 trace "capped"`: the amount, then each clause in order.
fn expect_award(pair: Pair<Rule>, errors: &mut Errors) -> Option<Outcome> {
    let mut expected = None;
    let mut clauses = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::amount => expected = amount(part, errors),
            Rule::expect_payer => {
                let mut inner = part.into_inner().filter(|p| p.as_rule() != Rule::kw_payer);
                let payer = inner.next().map(ident);
                let share = inner.next().map(|n| expr::number(n, errors));
                clauses.extend(payer.zip(share).map(|(p, n)| AwardClause::Payer(p, n)));
            }
            Rule::expect_trace => {
                let text = part.into_inner().find(|p| p.as_rule() == Rule::string);
                clauses.extend(text.map(|t| AwardClause::Trace(Spanned::new(string(&t), span_of(&t)))));
            }
            _ => {}
        }
    }
    Some(Outcome::Award(expected?, clauses))
}

/// `400万`, `up_to 200万`, `10万..50万`, `case_by_case [max 1亿]`, or as `eval` prints them:
/// `3,000,000`, `up to 3,000,000`, `4,000,000 – 8,000,000`, `case by case, up to 1,000,000`.
fn amount(pair: Pair<Rule>, errors: &mut Errors) -> Option<Amount> {
    let inner = pair.into_inner().next()?;
    let kind = inner.as_rule();
    let mut numbers = inner.into_inner().filter(|p| p.as_rule() == Rule::figure).map(|n| expr::number(n, errors));
    match kind {
        Rule::expect_exact => numbers.next().map(Amount::Exact),
        Rule::expect_up_to => numbers.next().map(Amount::UpTo),
        Rule::expect_range => numbers.next().zip(numbers.next()).map(|(lo, hi)| Amount::Range(lo, hi)),
        _ => Some(Amount::CaseByCase(numbers.next())),
    }
}

fn expect_total(pair: Pair<Rule>, errors: &mut Errors) -> Option<ExpectTotal> {
    let mut entity = None;
    let mut expected = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::entity_path => entity = Some(entity_path(&part)),
            Rule::amount => expected = amount(part, errors),
            _ => {}
        }
    }
    Some(ExpectTotal { entity: entity?, amount: expected? })
}

/// The AST's rule, named apart from pest's `Rule` enum.
type Rule_ = crate::ast::Rule;
