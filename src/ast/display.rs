//! The canonical form of a tree: what `Display` prints parses back to an equal tree.

use super::*;
use std::fmt::{self, Display, Formatter, Write};

/// Binding strength of operators, loosest first; the parser's Pratt table follows it.
pub(crate) mod prec {
    pub const UP_TO: u8 = 1;
    pub const MAX: u8 = 2;
    pub const OR: u8 = 3;
    pub const AND: u8 = 4;
    pub const NOT: u8 = 5;
    pub const CMP: u8 = 6;
    pub const ADD: u8 = 7;
    pub const MUL: u8 = 8;
    pub const RANGE: u8 = 9;
    pub const NEG: u8 = 10;
    pub const DEFAULT: u8 = 11;
    pub const ATOM: u8 = 12;
}

impl BinOp {
    /// The operator as written in the canonical form.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Of => "of",
            BinOp::Per => "per",
            BinOp::Range => "..",
            BinOp::Max => "max",
        }
    }

    /// How tightly it binds (higher binds tighter); the Pratt table in `syntax/expr.rs` agrees.
    pub(crate) fn precedence(self) -> u8 {
        match self {
            BinOp::Max => prec::MAX,
            BinOp::Or => prec::OR,
            BinOp::And => prec::AND,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => prec::CMP,
            BinOp::Add | BinOp::Sub => prec::ADD,
            BinOp::Mul | BinOp::Div | BinOp::Of | BinOp::Per => prec::MUL,
            BinOp::Range => prec::RANGE,
        }
    }
}

impl UnOp {
    /// How tightly it binds, on the same scale as [`BinOp::precedence`].
    pub(crate) fn precedence(self) -> u8 {
        match self {
            UnOp::UpTo => prec::UP_TO,
            UnOp::Not => prec::NOT,
            UnOp::Neg => prec::NEG,
        }
    }
}

impl ExprKind {
    fn precedence(&self) -> u8 {
        match self {
            ExprKind::Unary(op, _) => op.precedence(),
            ExprKind::Binary(op, ..) => op.precedence(),
            ExprKind::In(..) => prec::CMP,
            ExprKind::Default(..) => prec::DEFAULT,
            // `if … else x` swallows everything after it, so it binds loosest of all.
            ExprKind::If(..) => 0,
            // `case_by_case` followed by `uncapped` would change meaning if an operator
            // followed it directly; printing it as an atom is fine because no operator does.
            _ => prec::ATOM,
        }
    }
}

/// Prints `expr`, in parentheses when it binds looser than `min`.
fn operand(f: &mut Formatter<'_>, expr: &Expr, min: u8) -> fmt::Result {
    if expr.node.precedence() < min {
        write!(f, "({expr})")
    } else {
        write!(f, "{expr}")
    }
}

impl Display for Spanned<ExprKind> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.node.fmt(f)
    }
}

impl Display for ExprKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ExprKind::Lit(lit) => lit.fmt(f),
            ExprKind::Path(parts) => write_joined(f, parts.iter().map(|p| &p.node), "."),
            ExprKind::AsOf => f.write_str("as_of"),
            ExprKind::Call(name, args) => {
                write_joined(f, name.iter().map(|p| &p.node), ".")?;
                f.write_str("(")?;
                write_joined(f, args.iter(), ", ")?;
                f.write_str(")")
            }
            ExprKind::Unary(op, inner) => {
                f.write_str(match op {
                    UnOp::Neg => "-",
                    UnOp::Not => "not ",
                    UnOp::UpTo => "up_to ",
                })?;
                operand(f, inner, op.precedence())
            }
            ExprKind::Binary(op, lhs, rhs) => {
                // `a or (b and c)`: not needed by the grammar, but drafters read it more surely.
                let p = op.precedence();
                let p = if *op == BinOp::Or { prec::AND + 1 } else { p };
                operand(f, lhs, p)?;
                match op {
                    BinOp::Range => f.write_str("..")?,
                    _ => write!(f, " {} ", op.symbol())?,
                }
                operand(f, rhs, if *op == BinOp::Or { p } else { p + 1 })
            }
            ExprKind::In(lhs, set) => {
                operand(f, lhs, prec::CMP + 1)?;
                f.write_str(" in { ")?;
                write_joined(f, set.iter().map(|v| &v.node), ", ")?;
                f.write_str(" }")
            }
            ExprKind::If(c, t, e) => write!(f, "if {c} then {t} else {e}"),
            ExprKind::By(scrutinee, arms) => {
                f.write_str("by ")?;
                write_scrutinee(f, scrutinee)?;
                write_arms(f, arms.iter().map(|arm| (ByPattern(&arm.pattern), &arm.value)))
            }
            ExprKind::Tiers { marginal, scrutinee, arms } => {
                f.write_str(if *marginal { "marginal " } else { "tiers " })?;
                write_scrutinee(f, scrutinee)?;
                write_arms(f, arms.iter().map(|arm| (&arm.interval.node, &arm.value)))
            }
            ExprKind::Steps(scrutinee, arms) => {
                f.write_str("steps ")?;
                write_scrutinee(f, scrutinee)?;
                write_arms(f, arms.iter().map(|arm| (&arm.threshold.node, &arm.value)))
            }
            ExprKind::CaseByCase { uncapped: false } => f.write_str("case_by_case"),
            ExprKind::CaseByCase { uncapped: true } => f.write_str("case_by_case uncapped"),
            ExprKind::Aggregate(aggregate) => {
                write!(f, "{}(", aggregate.op.name())?;
                write_joined(f, aggregate.path.iter().map(|p| &p.node), ".")?;
                if let Some(filter) = &aggregate.filter {
                    write!(f, " where {filter}")?;
                }
                f.write_str(")")
            }
            ExprKind::Default(fact, value) => {
                operand(f, fact, prec::DEFAULT)?;
                f.write_str(" default ")?;
                operand(f, value, prec::ATOM)
            }
        }
    }
}

fn write_scrutinee(f: &mut Formatter<'_>, scrutinee: &Expr) -> fmt::Result {
    match scrutinee.node {
        ExprKind::Path(_) | ExprKind::Aggregate(_) => write!(f, "{scrutinee}"),
        _ => write!(f, "({scrutinee})"),
    }
}

fn write_arms<'a, K: Display>(f: &mut Formatter<'_>, arms: impl Iterator<Item = (K, &'a Expr)>) -> fmt::Result {
    f.write_str(" { ")?;
    for (i, (key, value)) in arms.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{key} => {value}")?;
    }
    f.write_str(" }")
}

struct ByPattern<'a>(&'a Option<Vec<Ident>>);

impl Display for ByPattern<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("_"),
            Some(variants) => write_joined(f, variants.iter().map(|v| &v.node), " | "),
        }
    }
}

fn write_joined<T: Display>(f: &mut Formatter<'_>, items: impl Iterator<Item = T>, sep: &str) -> fmt::Result {
    for (i, item) in items.enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        item.fmt(f)?;
    }
    Ok(())
}

impl Display for Interval {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char(if self.lower_closed { '[' } else { '(' })?;
        match &self.lower {
            Some(n) => n.fmt(f)?,
            None => f.write_str("..")?,
        }
        f.write_str(", ")?;
        match &self.upper {
            Some(n) => n.fmt(f)?,
            None => f.write_str("..")?,
        }
        f.write_char(if self.upper_closed { ']' } else { ')' })
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Number(n) => n.fmt(f),
            Literal::Rate(r) => r.fmt(f),
            Literal::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Literal::Duration(d) => d.fmt(f),
            Literal::Text(s) => write_string(f, s),
            Literal::Bool(b) => b.fmt(f),
        }
    }
}

impl Display for Numeral {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let scaled = self.value.checked_div(self.scale.factor()).unwrap_or(self.value);
        if self.value.is_sign_negative() {
            f.write_char('-')?;
        }
        f.write_str(&group_digits(&scaled.abs().normalize().to_string()))?;
        match self.scale {
            Scale::One => {}
            Scale::Wan => f.write_char('万')?,
            Scale::Yi => f.write_char('亿')?,
        }
        if self.yuan {
            f.write_char('元')?;
        }
        Ok(())
    }
}

/// `4000000` → `4_000_000`; numbers of four digits or fewer stay as they are.
fn group_digits(plain: &str) -> String {
    let int_len = plain.split('.').next().map_or(0, str::len);
    if int_len <= 4 {
        plain.to_string()
    } else {
        crate::amounts::group_digits(plain, '_')
    }
}

impl Display for Rate {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Rate::Percent(p) => write!(f, "{}%", p.normalize()),
            Rate::PerMille(p) => write!(f, "{}‰", p.normalize()),
            Rate::Ratio(a, b) => write!(f, "{}:{}", a.normalize(), b.normalize()),
        }
    }
}

pub(crate) fn write_string(f: &mut impl Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

// ------------------------------------------------------------------ items
//
// Items print as lines, each tagged with the span of the source it stands for, so the
// formatter can put every comment back beside the line it belongs to.

/// One line of canonical output and the source it came from.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The line as printed, indented.
    pub text: String,
    /// The source the line stands for, so comments can be put back beside it.
    pub span: Option<Span>,
}

impl Line {
    fn new(text: impl Into<String>, span: impl Into<Option<Span>>) -> Self {
        Line { text: text.into(), span: span.into() }
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::new();
    let _ = write_string(&mut out, s);
    out
}

/// `  key "value"` lines for the string clauses that are present.
fn string_lines(out: &mut Vec<Line>, clauses: [(&str, &Option<Spanned<String>>); 3]) {
    for (key, value) in clauses {
        if let Some(v) = value {
            out.push(Line::new(format!("  {key} {}", quoted(v)), v.span));
        }
    }
}

fn date(d: &chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl Item {
    /// The item's canonical lines.
    pub(crate) fn lines(&self) -> Vec<Line> {
        match self {
            Item::Schema(s) => schema_lines(s),
            Item::Policy(p) => policy_lines(p),
            Item::Amendment(a) => amendment_lines(a),
            Item::Rule(r) => rule_lines(r),
            Item::Pool(p) => pool_lines(p),
            Item::Stack(s) => stack_lines(s),
            Item::Test(t) => test_lines(t),
            Item::Schedule(s) => vec![Line::new(s.to_string(), s.span)],
        }
    }

    /// Where the item was written, from its keyword to its closing brace.
    pub fn span(&self) -> Span {
        match self {
            Item::Schema(s) => s.span,
            Item::Policy(p) => p.span,
            Item::Amendment(a) => a.span,
            Item::Rule(r) => r.span,
            Item::Pool(p) => p.span,
            Item::Stack(s) => s.span,
            Item::Test(t) => t.span,
            Item::Schedule(s) => s.span,
        }
    }
}

fn schema_lines(s: &Spanned<Schema>) -> Vec<Line> {
    let mut out = vec![Line::new("schema {", Span::new(s.span.start, s.span.start))];
    for (i, e) in s.enums.iter().enumerate() {
        if i > 0 {
            out.push(Line::new("", None));
        }
        let variants: Vec<&str> = e.variants.iter().map(|v| v.node.as_str()).collect();
        let extend = if e.extend { "extend " } else { "" };
        let one_line = format!("  {extend}enum {} {{ {} }}", e.name.node, variants.join(", "));
        if unicode_width::UnicodeWidthStr::width(one_line.as_str()) <= 100 {
            out.push(Line::new(one_line, e.span));
            continue;
        }
        // A long enum: one value a line, so each keeps its comment.
        out.push(Line::new(format!("  {extend}enum {} {{", e.name.node), Span::new(e.span.start, e.name.span.end)));
        out.extend(e.variants.iter().map(|v| Line::new(format!("    {},", v.node), v.span)));
        out.push(Line::new("  }", Span::new(e.span.end, e.span.end)));
    }
    for (i, entity) in s.entities.iter().enumerate() {
        if i > 0 || !s.enums.is_empty() {
            out.push(Line::new("", None));
        }
        let open = Span::new(entity.span.start, entity.name.span.end);
        let extend = if entity.extend { "extend " } else { "" };
        out.push(Line::new(format!("  {extend}entity {} {{", entity.name.node), open));
        for field in &entity.fields {
            let mark = if field.optional { "?" } else { "" };
            let ty = match &field.ty.node {
                TypeRef::Named(n) => n.clone(),
                TypeRef::List(n) => format!("[{n}]"),
            };
            let default = field.default.as_ref().map_or(String::new(), |d| format!(" default {d}"));
            out.push(Line::new(format!("    {}{mark}: {ty}{default}", field.name.node), field.span));
        }
        out.push(Line::new("  }", Span::new(entity.span.end, entity.span.end)));
    }
    out.push(Line::new("}", Span::new(s.span.end, s.span.end)));
    out
}

/// `value city_cap = 1000万`, `schedule clinical_cap(p: phase) = by p { … }`: one line.
impl Display for Schedule {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.params {
            None => write!(f, "value {}", self.name.node)?,
            Some(params) => {
                write!(f, "schedule {}(", self.name.node)?;
                write_joined(f, params.iter().map(|p| format!("{}: {}", p.name.node, p.ty.node)), ", ")?;
                f.write_str(")")?;
            }
        }
        write!(f, " = {}", self.body)
    }
}

fn policy_lines(p: &Spanned<Policy>) -> Vec<Line> {
    let mut out = vec![Line::new(format!("policy {} {{", p.id.node), Span::new(p.span.start, p.id.span.end))];
    string_lines(&mut out, [("title", &p.title), ("issuer", &p.issuer), ("document", &p.document)]);
    if let Some(d) = &p.issued {
        out.push(Line::new(format!("  issued {}", date(d)), d.span));
    }
    if let Some(e) = &p.effective {
        out.push(Line::new(format!("  {}", effective_text(&e.node)), e.span));
    }
    if let Some(d) = &p.expires {
        out.push(Line::new(format!("  expires {}", date(d)), d.span));
    }
    if let Some(r) = &p.rounding {
        out.push(Line::new(format!("  rounding {} {}", r.unit.name(), r.mode.name()), r.span));
    }
    for scope in &p.scope {
        out.push(Line::new(format!("  scope {scope}"), scope.span));
    }
    out.push(Line::new("}", Span::new(p.span.end, p.span.end)));
    out
}

fn rule_lines(r: &Spanned<Rule>) -> Vec<Line> {
    let mut out = vec![Line::new(
        format!("rule {} for {} {{", r.id.node, r.entity.node),
        Span::new(r.span.start, r.entity.span.end),
    )];
    clause_lines(&mut out, r);
    out.push(Line::new("}", Span::new(r.span.end, r.span.end)));
    out
}

/// The lines of a rule's clauses, indented one level.
fn clause_lines(out: &mut Vec<Line>, r: &Rule) {
    string_lines(out, [("cite", &r.cite), ("title", &r.title), ("dept", &r.dept)]);
    for c in &r.conditions {
        out.push(Line::new(format!("  when {c}"), c.span));
    }
    if let Some(on) = &r.on {
        out.push(Line::new(format!("  on {on}"), on.span));
    }
    if let Some(reward) = &r.reward {
        out.push(Line::new(format!("  reward {reward}"), reward.span));
    }
    if let Some(cap) = &r.per_year_cap {
        out.push(Line::new(format!("  per_year_cap {cap}"), cap.span));
    }
    if let Some(split) = &r.split {
        let shares: Vec<String> = split
            .iter()
            .map(|s| match &s.percent {
                Some(p) => format!("{} {}%", s.payer.node, p.normalize()),
                None => s.payer.node.clone(),
            })
            .collect();
        out.push(Line::new(format!("  split {}", shares.join(", ")), split.span));
    }
    if let Some(frequency) = &r.frequency {
        let text = match (frequency.node, &r.once_per) {
            (Frequency::Once, Some(key)) => match &r.once_within {
                Some(kind) => format!("  once per {key} within {}", kind.node),
                None => format!("  once per {key}"),
            },
            (Frequency::Once, None) => "  once".to_string(),
            (Frequency::Yearly, _) => "  yearly".to_string(),
            (Frequency::EveryEvent, _) => "  every_event".to_string(),
        };
        out.push(Line::new(text, frequency.span));
    }
    acknowledge_lines(out, &r.acknowledged);
}

fn amendment_lines(a: &Spanned<Amendment>) -> Vec<Line> {
    let head = format!("amendment {} of {} {{", a.id.node, a.policy.node);
    let mut out = vec![Line::new(head, Span::new(a.span.start, a.policy.span.end))];
    string_lines(&mut out, [("title", &a.title), ("document", &a.document), ("", &None)]);
    if let Some(d) = &a.issued {
        out.push(Line::new(format!("  issued {}", date(d)), d.span));
    }
    if let Some(e) = &a.effective {
        out.push(Line::new(format!("  {}", effective_text(&e.node)), e.span));
    }
    if let Some(d) = &a.expires {
        out.push(Line::new(format!("  expires {}", date(d)), d.span));
    }
    let nested = |lines: Vec<Line>| lines.into_iter().map(|l| Line::new(format!("  {}", l.text), l.span));
    for change in &a.changes {
        let span = change.span;
        match &change.node {
            Change::Change(rule, group) => {
                out.push(Line::new(format!("  change {} {{", rule.id.node), Span::new(span.start, rule.id.span.end)));
                let mut body = Vec::new();
                clause_lines(&mut body, rule);
                body.extend(group.iter().map(|c| Line::new(format!("  {}", c.node), c.span)));
                out.extend(nested(body));
                out.push(Line::new("  }", Span::new(span.end, span.end)));
            }
            Change::Repeal(id) => out.push(Line::new(format!("  repeal {}", id.node), span)),
            Change::Add(rule) => out.extend(nested(rule_lines(rule))),
        }
    }
    out.push(Line::new("}", Span::new(a.span.end, a.span.end)));
    out
}

/// `effective on_issue`, `effective 30 days after issue`, `effective 2024-01-01`.
fn effective_text(e: &Effective) -> String {
    match e {
        Effective::OnIssue => "effective on_issue".to_string(),
        Effective::AfterIssue(d) => format!("effective {d} after issue"),
        Effective::On(d) => format!("effective {}", date(d)),
    }
}

/// `cite`, `title` and `members` lines shared by pools and stacks.
fn group_lines(
    out: &mut Vec<Line>,
    cite: &Option<Spanned<String>>,
    title: &Option<Spanned<String>>,
    members: &[Spanned<Member>],
) {
    string_lines(out, [("cite", cite), ("title", title), ("", &None)]);
    if let (Some(first), Some(last)) = (members.first(), members.last()) {
        out.push(Line::new(format!("  members {}", members_text(members)), first.span.to(last.span)));
    }
}

/// `CZ-03-1a, wuxi.WX-10, policy wuxi, grants issuer "苏州市"`
fn members_text(members: &[Spanned<Member>]) -> String {
    let names: Vec<String> = members
        .iter()
        .map(|m| match &m.node {
            Member::Rule(r) => r.clone(),
            Member::Policy(p) => format!("policy {p}"),
            Member::Grants(tags) => format!("grants {tags}"),
        })
        .collect();
    names.join(", ")
}

/// `1000万 per enterprise per year`
impl Display for Cap {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {} {}", self.amount, self.per.node, self.period)
    }
}

/// `2 per enterprise in total choose highest`
impl Display for Limit {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {} {} choose {}", self.count, self.per.node, self.period, self.choose)
    }
}

impl Display for GroupClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            GroupClause::Members(m) => write!(f, "members {}", members_text(m)),
            GroupClause::Cap(c) => write!(f, "cap {c}"),
            GroupClause::Limit(l) => write!(f, "limit {l}"),
            GroupClause::Earlier(e) => write!(f, "earlier {e}"),
        }
    }
}

fn pool_lines(p: &Spanned<Pool>) -> Vec<Line> {
    let mut out = vec![Line::new(format!("pool {} {{", p.id.node), Span::new(p.span.start, p.id.span.end))];
    group_lines(&mut out, &p.cite, &p.title, &p.members);
    if let Some(cap) = &p.cap {
        out.push(Line::new(format!("  cap {}", cap.node), cap.span));
    }
    if let Some(limit) = &p.limit {
        out.push(Line::new(format!("  limit {}", limit.node), limit.span));
    }
    acknowledge_lines(&mut out, &p.acknowledged);
    out.push(Line::new("}", Span::new(p.span.end, p.span.end)));
    out
}

/// `acknowledge tier_overlap "…"`, last in a rule, pool or stack, in the order written.
fn acknowledge_lines(out: &mut Vec<Line>, acknowledged: &[Spanned<Acknowledge>]) {
    for a in acknowledged {
        out.push(Line::new(format!("  acknowledge {} {}", a.warning.node, quoted(&a.reason.node)), a.span));
    }
}

fn stack_lines(s: &Spanned<Stack>) -> Vec<Line> {
    let mut out = vec![Line::new(format!("stack {} {{", s.id.node), Span::new(s.span.start, s.id.span.end))];
    group_lines(&mut out, &s.cite, &s.title, &s.members);
    if let Some(per) = &s.per {
        let (period, span) = match &s.period {
            Some(p) => (format!(" {}", p.node), per.span.to(p.span)),
            None => (String::new(), per.span),
        };
        out.push(Line::new(format!("  per {}{period}", per.node), span));
    }
    if let Some(earlier) = &s.earlier {
        out.push(Line::new(format!("  earlier {}", earlier.node), earlier.span));
    }
    acknowledge_lines(&mut out, &s.acknowledged);
    out.push(Line::new("}", Span::new(s.span.end, s.span.end)));
    out
}

fn test_lines(t: &Spanned<Test>) -> Vec<Line> {
    let mut out = vec![Line::new(format!("test {} {{", quoted(&t.name)), Span::new(t.span.start, t.name.span.end))];
    if let Some(d) = &t.as_of {
        out.push(Line::new(format!("  as_of {}", date(d)), d.span));
    }
    if let Some(facts) = &t.facts {
        let text = match &facts.node {
            TestFacts::Inline(json) => format!("  facts {json}"),
            TestFacts::File(path) => format!("  facts {}", quoted(path)),
        };
        out.push(Line::new(text, facts.span));
    }
    for e in &t.facts_errors {
        out.push(Line::new(format!("  expect facts_error {}", quoted(e)), e.span));
    }
    for e in &t.expects {
        out.push(Line::new(format!("  expect {} for {}: {}", e.rule.node, e.entity.node, e.outcome), e.span));
    }
    for e in &t.totals {
        out.push(Line::new(format!("  expect total for {}: {}", e.entity.node, e.amount), e.span));
    }
    out.push(Line::new("}", Span::new(t.span.end, t.span.end)));
    out
}

impl Display for Item {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{}", line.text)?;
        }
        Ok(())
    }
}

impl Display for File {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            item.fmt(f)?;
        }
        Ok(())
    }
}

impl RoundingUnit {
    /// The unit as written after `rounding`.
    pub fn name(self) -> &'static str {
        match self {
            RoundingUnit::Yuan => "yuan",
            RoundingUnit::Jiao => "jiao",
            RoundingUnit::Fen => "fen",
        }
    }
}

impl RoundingMode {
    /// The mode as written after `rounding`.
    pub fn name(self) -> &'static str {
        match self {
            RoundingMode::HalfAwayFromZero => "half_away_from_zero",
            RoundingMode::HalfEven => "half_even",
            RoundingMode::Down => "down",
            RoundingMode::Up => "up",
        }
    }
}

impl Display for GrantTags {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = &self.policy {
            parts.push(format!("policy {p}"));
        }
        if let Some(i) = &self.issuer {
            parts.push(format!("issuer {}", quoted(i)));
        }
        if let Some(l) = &self.level {
            parts.push(format!("level {l}"));
        }
        f.write_str(&parts.join(" "))
    }
}

impl Display for Choose {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Choose::Highest => "highest",
            Choose::Earliest => "earliest",
        })
    }
}

impl Display for Earlier {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Earlier::TopUp => "top_up",
            Earlier::Refuse => "refuse",
        })
    }
}

impl Display for Frequency {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Once => "once",
            Frequency::Yearly => "yearly",
            Frequency::EveryEvent => "every_event",
        })
    }
}

impl Display for Period {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year => f.write_str("per year"),
            Period::Years(n) => write!(f, "over {n} years"),
            Period::Total => f.write_str("in total"),
        }
    }
}

impl Display for Outcome {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Award(amount, clauses) => {
                write!(f, "{amount}")?;
                clauses.iter().try_for_each(|c| write!(f, " {c}"))
            }
            Outcome::NotApplicable(reason) => write!(f, "not_applicable {}", quoted(reason)),
            Outcome::Excluded(reason) => write!(f, "excluded {}", quoted(reason)),
        }
    }
}

impl Display for Amount {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Exact(n) => write!(f, "{n}"),
            Amount::UpTo(n) => write!(f, "up_to {n}"),
            Amount::Range(lo, hi) => write!(f, "{lo}..{hi}"),
            Amount::CaseByCase(None) => f.write_str("case_by_case"),
            Amount::CaseByCase(Some(max)) => write!(f, "case_by_case max {max}"),
        }
    }
}

impl Display for AwardClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            AwardClause::Payer(payer, share) => write!(f, "payer {} {share}", payer.node),
            AwardClause::Trace(text) => write!(f, "trace {}", quoted(text)),
        }
    }
}
