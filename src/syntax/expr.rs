//! Expressions and literals: pest pairs → [`Expr`], with operator precedence from a Pratt
//! parser whose table follows [`crate::ast`]'s `prec` levels (loosest first):
//!
//! | level | operators |
//! |---|---|
//! | 1 | `up_to x` (prefix) |
//! | 2 | `x max cap` |
//! | 3 | `or` |
//! | 4 | `and` |
//! | 5 | `not x` (prefix) |
//! | 6 | `==` `!=` `<` `<=` `>` `>=`, `x in { … }` |
//! | 7 | `+` `-` |
//! | 8 | `*` `/` `of` `per` |
//! | 9 | `..` |
//! | 10 | `-x` (prefix) |
//! | 11 | `x default v` (postfix) |

use super::lower::{ident, string};
use super::{Rule, SyntaxError};
use crate::ast::*;
use chrono::NaiveDate;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

thread_local! {
    /// Where the piece being lowered starts in its file (see `syntax::parse`).
    static OFFSET: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `lower` with spans counted from `offset`: the text pest saw starts there in the file.
pub(super) fn at_offset<T>(offset: usize, lower: impl FnOnce() -> T) -> T {
    let before = OFFSET.replace(offset);
    let out = lower();
    OFFSET.set(before);
    out
}

/// The pair's span without the whitespace and comments pest lets trailing optional parts
/// swallow (`value x = 3` then `// note` on the next line: the comment is not part of `3`, and
/// `fmt` must not move it into the item).
pub(super) fn span_of(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    let offset = OFFSET.get();
    Span::new(offset + s.start(), offset + s.start() + code_len(pair))
}

/// How many bytes of the pair's text are code: up to its last inner pair's code when only
/// whitespace and comments follow that (a closing `}` does not), else the text less trailing
/// whitespace.
fn code_len(pair: &Pair<Rule>) -> usize {
    let text = pair.as_str();
    let start = pair.as_span().start();
    if let Some(last) = pair.clone().into_inner().last() {
        let end = last.as_span().start() - start + code_len(&last);
        if only_trivia(&text[end..]) {
            return end;
        }
    }
    text.trim_end().len()
}

/// True for text of whitespace and `//` comments only.
fn only_trivia(mut text: &str) -> bool {
    loop {
        text = text.trim_start();
        match text.strip_prefix("//") {
            Some(comment) => text = comment.split_once('\n').map_or("", |(_, rest)| rest),
            None => return text.is_empty(),
        }
    }
}

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::prefix(Rule::op_up_to))
            .op(Op::infix(Rule::op_max, Assoc::Left))
            .op(Op::infix(Rule::op_or, Assoc::Left))
            .op(Op::infix(Rule::op_and, Assoc::Left))
            .op(Op::prefix(Rule::op_not))
            .op(Op::infix(Rule::op_eq, Assoc::Left)
                | Op::infix(Rule::op_ne, Assoc::Left)
                | Op::infix(Rule::op_lt, Assoc::Left)
                | Op::infix(Rule::op_le, Assoc::Left)
                | Op::infix(Rule::op_gt, Assoc::Left)
                | Op::infix(Rule::op_ge, Assoc::Left)
                | Op::postfix(Rule::in_set))
            .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
            .op(Op::infix(Rule::op_mul, Assoc::Left)
                | Op::infix(Rule::op_div, Assoc::Left)
                | Op::infix(Rule::op_of, Assoc::Left)
                | Op::infix(Rule::op_per, Assoc::Left))
            .op(Op::infix(Rule::op_range, Assoc::Left))
            .op(Op::prefix(Rule::op_neg))
            .op(Op::postfix(Rule::op_default))
    })
}

/// How deep an expression tree may grow. Real provisions nest a handful of levels; the
/// limit keeps the recursive stages (check, eval, print, drop) far from the stack's end.
pub(super) const MAX_DEPTH: usize = 200;

/// How many prefix operators may follow one another (pest's Pratt parser recurses on them).
const MAX_PREFIX_RUN: usize = 32;

/// Lowers an `expr` pair (or any primary) to a tree, collecting errors.
pub(super) fn lower(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Expr {
    lower_deep(pair, errors).0
}

/// A node `depth` levels deep, or a placeholder and an error once it is too deep.
fn node(kind: ExprKind, span: Span, depth: usize, errors: &mut Vec<SyntaxError>) -> (Expr, usize) {
    if depth <= MAX_DEPTH {
        return (Spanned::new(kind, span), depth);
    }
    if !errors.iter().any(|e| matches!(e, SyntaxError::TooDeep { .. })) {
        errors.push(SyntaxError::TooDeep { limit: MAX_DEPTH, span: span.into() });
    }
    (Spanned::new(ExprKind::Lit(Literal::Bool(false)), span), 1)
}

/// Lowers an expression and returns the depth of its tree.
fn lower_deep(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> (Expr, usize) {
    if pair.as_rule() != Rule::expr {
        return primary(pair, errors);
    }
    let mut run = 0;
    for token in pair.clone().into_inner() {
        run = if matches!(token.as_rule(), Rule::op_up_to | Rule::op_not | Rule::op_neg) { run + 1 } else { 0 };
        if run > MAX_PREFIX_RUN {
            let span = span_of(&token);
            errors.push(SyntaxError::TooDeep { limit: MAX_PREFIX_RUN, span: span.into() });
            return (Spanned::new(ExprKind::Lit(Literal::Bool(false)), span), 1);
        }
    }
    // The Pratt closures all need the error list; a RefCell lets them share it.
    let errors = std::cell::RefCell::new(errors);
    let lowered = pratt()
        .map_primary(|p| primary(p, &mut errors.borrow_mut()))
        .map_prefix(|op, (rhs, depth)| {
            let span = span_of(&op).to(rhs.span);
            let op = match op.as_rule() {
                Rule::op_up_to => UnOp::UpTo,
                Rule::op_not => UnOp::Not,
                _ => UnOp::Neg,
            };
            node(ExprKind::Unary(op, Box::new(rhs)), span, depth + 1, &mut errors.borrow_mut())
        })
        .map_postfix(|(lhs, depth), op| {
            let span = lhs.span.to(span_of(&op));
            if op.as_rule() == Rule::op_default {
                let errors = &mut errors.borrow_mut();
                let value = default_value(op, errors)
                    .unwrap_or_else(|| Spanned::new(ExprKind::Lit(Literal::Bool(false)), span));
                return node(ExprKind::Default(Box::new(lhs), Box::new(value)), span, depth + 1, errors);
            }
            let set = op.into_inner().filter(|p| p.as_rule() == Rule::ident).map(ident).collect();
            node(ExprKind::In(Box::new(lhs), set), span, depth + 1, &mut errors.borrow_mut())
        })
        .map_infix(|(lhs, left_depth), op, (rhs, right_depth)| {
            let span = lhs.span.to(rhs.span);
            let op = match op.as_rule() {
                Rule::op_max => BinOp::Max,
                Rule::op_or => BinOp::Or,
                Rule::op_and => BinOp::And,
                Rule::op_eq => BinOp::Eq,
                Rule::op_ne => BinOp::Ne,
                Rule::op_lt => BinOp::Lt,
                Rule::op_le => BinOp::Le,
                Rule::op_gt => BinOp::Gt,
                Rule::op_ge => BinOp::Ge,
                Rule::op_range => BinOp::Range,
                Rule::op_add => BinOp::Add,
                Rule::op_sub => BinOp::Sub,
                Rule::op_mul => BinOp::Mul,
                Rule::op_div => BinOp::Div,
                Rule::op_of => BinOp::Of,
                _ => BinOp::Per,
            };
            let depth = 1 + left_depth.max(right_depth);
            node(ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span, depth, &mut errors.borrow_mut())
        })
        .parse(pair.into_inner());
    lowered
}

fn primary(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> (Expr, usize) {
    let span = span_of(&pair);
    // The deepest child seen while lowering this primary.
    let mut deepest = 0;
    let mut sub = |p: Pair<Rule>, errors: &mut Vec<SyntaxError>| {
        let (e, d) = lower_deep(p, errors);
        deepest = deepest.max(d);
        e
    };
    let kind = match pair.as_rule() {
        Rule::expr => return lower_deep(pair, errors),
        Rule::path => ExprKind::Path(pair.into_inner().map(ident).collect()),
        Rule::as_of => ExprKind::AsOf,
        Rule::call => {
            let mut inner = pair.into_inner();
            let name = inner.next().map(|p| p.into_inner().map(ident).collect()).unwrap_or_default();
            ExprKind::Call(name, inner.map(|p| sub(p, errors)).collect())
        }
        Rule::case_by_case => {
            ExprKind::CaseByCase { uncapped: pair.into_inner().any(|p| p.as_rule() == Rule::uncapped) }
        }
        Rule::aggregate => {
            let mut op = Spanned::new(AggOp::Count, span);
            let mut path = Vec::new();
            let mut filter = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::aggregate_op => {
                        let word = part.clone().into_inner().next().map(|kw| kw.as_rule());
                        op = Spanned::new(aggregate_op(word), span_of(&part));
                    }
                    Rule::path => path = part.into_inner().map(ident).collect(),
                    Rule::expr => filter = Some(sub(part, errors)),
                    _ => {}
                }
            }
            ExprKind::Aggregate(Box::new(Aggregate { op, path, filter }))
        }
        Rule::if_expr => {
            let parts: Vec<Box<Expr>> =
                pair.into_inner().filter(|p| p.as_rule() == Rule::expr).map(|p| Box::new(sub(p, errors))).collect();
            match <[Box<Expr>; 3]>::try_from(parts) {
                Ok([c, t, e]) => ExprKind::If(c, t, e),
                Err(_) => ExprKind::Lit(Literal::Bool(false)),
            }
        }
        Rule::by_table => {
            let (scrutinee, arms) = table(pair, errors, &mut sub);
            let arms = arms
                .into_iter()
                .map(|(key, value)| {
                    let parts: Vec<_> = key.into_inner().collect();
                    let wildcard = parts.iter().any(|p| p.as_rule() == Rule::wildcard);
                    let pattern = (!wildcard).then(|| parts.into_iter().map(ident).collect());
                    ByArm { pattern, value }
                })
                .collect();
            ExprKind::By(scrutinee, arms)
        }
        Rule::tiers_table | Rule::marginal_table => {
            let marginal = pair.as_rule() == Rule::marginal_table;
            let (scrutinee, arms) = table(pair, errors, &mut sub);
            let arms =
                arms.into_iter().map(|(key, value)| TierArm { interval: interval(key, errors), value }).collect();
            ExprKind::Tiers { marginal, scrutinee, arms }
        }
        Rule::steps_table => {
            let (scrutinee, arms) = table(pair, errors, &mut sub);
            let arms = arms
                .into_iter()
                .map(|(key, value)| {
                    let key_span = span_of(&key);
                    let threshold = number(key, errors);
                    StepArm { threshold: Spanned::new(threshold, key_span), value }
                })
                .collect();
            ExprKind::Steps(scrutinee, arms)
        }
        _ => ExprKind::Lit(literal(pair, errors)),
    };
    node(kind, span, deepest + 1, errors)
}

/// The aggregate its keyword names, in either language.
fn aggregate_op(keyword: Option<Rule>) -> AggOp {
    match keyword {
        Some(Rule::kw_sum) => AggOp::Sum,
        Some(Rule::kw_min) => AggOp::Min,
        Some(Rule::kw_max) => AggOp::Max,
        Some(Rule::kw_any) => AggOp::Any,
        Some(Rule::kw_all) => AggOp::All,
        _ => AggOp::Count,
    }
}

/// The value after `default` (in a schema field or after a fact): a literal, or an enum
/// value's name as a one-part path.
pub(super) fn default_value(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Option<Expr> {
    let value = pair.into_inner().find(|p| p.as_rule() == Rule::default_value)?;
    let span = span_of(&value);
    let inner = value.into_inner().next()?;
    let kind = match inner.as_rule() {
        Rule::ident => ExprKind::Path(vec![ident(inner)]),
        _ => ExprKind::Lit(literal(inner, errors)),
    };
    Some(Spanned::new(kind, span))
}

/// Splits `by|tiers|steps scrutinee { key => value, … }` into its scrutinee and arms,
/// lowering expressions with `sub`.
fn table<'i>(
    pair: Pair<'i, Rule>,
    errors: &mut Vec<SyntaxError>,
    sub: &mut impl FnMut(Pair<'i, Rule>, &mut Vec<SyntaxError>) -> Expr,
) -> (Box<Expr>, Vec<(Pair<'i, Rule>, Expr)>) {
    let span = span_of(&pair);
    let mut scrutinee = Spanned::new(ExprKind::Lit(Literal::Bool(false)), span);
    let mut arms = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::scrutinee => {
                if let Some(inner) = part.into_inner().next() {
                    scrutinee = sub(inner, errors);
                }
            }
            Rule::by_arm | Rule::tier_arm | Rule::step_arm => {
                let mut inner = part.into_inner();
                if let (Some(key), Some(value)) = (inner.next(), inner.next()) {
                    let value = sub(value, errors);
                    arms.push((key, value));
                }
            }
            _ => {}
        }
    }
    (Box::new(scrutinee), arms)
}

fn interval(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Spanned<Interval> {
    let span = span_of(&pair);
    let text = pair.as_str();
    let mut interval =
        Interval { lower: None, lower_closed: text.starts_with('['), upper: None, upper_closed: text.ends_with(']') };
    let mut bounds = Vec::new();
    for part in pair.into_inner().filter(|p| p.as_rule() == Rule::bound) {
        let negative = part.as_str().starts_with('-');
        // `..` has no number inside: no bound on that side.
        bounds.push(part.into_inner().next().map(|n| {
            let mut numeral = number(n, errors);
            if negative {
                numeral.value.set_sign_negative(true);
            }
            numeral
        }));
    }
    let mut bounds = bounds.into_iter();
    interval.lower = bounds.next().flatten();
    interval.upper = bounds.next().flatten();
    // An unbounded side is never closed: `[a, ..]` means the same as `[a, ..)`.
    interval.lower_closed &= interval.lower.is_some();
    interval.upper_closed &= interval.upper.is_some();
    Spanned::new(interval, span)
}

fn literal(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Literal {
    match pair.as_rule() {
        Rule::date => date(&pair, errors).map_or(Literal::Bool(false), Literal::Date),
        Rule::duration => duration(pair, errors).map_or(Literal::Bool(false), Literal::Duration),
        Rule::percent => Literal::Rate(Rate::Percent(first_decimal(&pair, errors))),
        Rule::per_mille => Literal::Rate(Rate::PerMille(first_decimal(&pair, errors))),
        Rule::ratio => {
            let mut parts = pair.clone().into_inner().map(|p| decimal(&p, errors));
            let (a, b) = (parts.next().unwrap_or_default(), parts.next().unwrap_or(Decimal::ONE));
            if b.is_zero() {
                errors.push(SyntaxError::ZeroRatio { text: pair.as_str().to_string(), span: span_of(&pair).into() });
            }
            Literal::Rate(Rate::Ratio(a, b))
        }
        Rule::string => Literal::Text(string(&pair)),
        Rule::boolean => Literal::Bool(pair.into_inner().next().is_some_and(|kw| kw.as_rule() == Rule::kw_true)),
        _ => Literal::Number(number(pair, errors)),
    }
}

fn first_decimal(pair: &Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Decimal {
    pair.clone().into_inner().next().map(|p| decimal(&p, errors)).unwrap_or_default()
}

/// `4_000_000` → 4000000. Too many digits is an error, never a silent rounding.
pub(super) fn decimal(pair: &Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Decimal {
    digits_value(pair.as_str()).unwrap_or_else(|| {
        errors.push(too_large(pair));
        Decimal::ZERO
    })
}

/// The exact value of digits written with `_` separators (or `,` in a test's `figure`), or
/// `None` when too many.
fn digits_value(text: &str) -> Option<Decimal> {
    let digits: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    Decimal::from_str_exact(&digits).ok()
}

fn too_large(pair: &Pair<Rule>) -> SyntaxError {
    SyntaxError::NumberTooLarge { text: pair.as_str().to_string(), span: span_of(pair).into() }
}

/// `3,000,000.5`: one to three digits, then commas every three (the fraction ungrouped).
fn in_threes(grouped: &str) -> bool {
    let whole = grouped.split('.').next().unwrap_or_default();
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// A `number`, `signed_number` or `figure` pair: value scaled by 万/亿, and how it was written.
pub(super) fn number(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Numeral {
    let negative = pair.as_str().starts_with('-');
    let whole = pair.clone();
    let mut numeral = Numeral { value: Decimal::ZERO, scale: Scale::One, yuan: false };
    let number = match pair.as_rule() {
        Rule::number => Some(pair),
        // A figure is a number, or grouped digits with their 万/亿/元 beside them.
        Rule::figure => match pair.clone().into_inner().next() {
            Some(n) if n.as_rule() == Rule::number => Some(n),
            Some(grouped) => {
                if !in_threes(grouped.as_str()) {
                    errors.push(SyntaxError::Grouping { text: pair.as_str().to_string(), span: span_of(&pair).into() });
                }
                Some(pair)
            }
            None => Some(pair),
        },
        _ => pair.into_inner().next(),
    };
    let Some(number) = number else { return numeral };
    // The digits are the number's text before its 万/亿/元 (they have no token of their own).
    let digits = number.as_str().trim_start_matches('-').split(['万', '亿', '元']).next().unwrap_or_default();
    numeral.value = digits_value(digits).unwrap_or_else(|| {
        errors.push(too_large(&number));
        Decimal::ZERO
    });
    for part in number.into_inner() {
        match part.as_rule() {
            Rule::scale => numeral.scale = if part.as_str() == "亿" { Scale::Yi } else { Scale::Wan },
            Rule::yuan => numeral.yuan = true,
            _ => {}
        }
    }
    numeral.value = numeral.value.checked_mul(numeral.scale.factor()).unwrap_or_else(|| {
        errors.push(too_large(&whole));
        Decimal::ZERO
    });
    if negative {
        numeral.value.set_sign_negative(true);
    }
    numeral
}

pub(super) fn date(pair: &Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(pair.as_str(), "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.push(SyntaxError::InvalidDate { text: pair.as_str().to_string(), span: span_of(pair).into() });
    }
    parsed
}

pub(super) fn duration(pair: Pair<Rule>, errors: &mut Vec<SyntaxError>) -> Option<Duration> {
    let mut count = 0u32;
    let mut unit = "";
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::integer => match u32::from_str(part.as_str()) {
                Ok(n) if n <= crate::dates::MAX_DURATION_COUNT => count = n,
                _ => {
                    errors.push(too_large(&part));
                    return None;
                }
            },
            Rule::duration_unit => unit = super::keywords::unit_in_english(part.as_str()),
            _ => {}
        }
    }
    crate::dates::duration(count, unit)
}
