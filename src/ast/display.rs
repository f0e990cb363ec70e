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
    pub const ATOM: u8 = 11;
}

impl BinOp {
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

    pub fn precedence(self) -> u8 {
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
    pub fn precedence(self) -> u8 {
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
            ExprKind::Unary(op, inner) => {
                f.write_str(match op {
                    UnOp::Neg => "-",
                    UnOp::Not => "not ",
                    UnOp::UpTo => "up_to ",
                })?;
                operand(f, inner, op.precedence())
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let p = op.precedence();
                operand(f, lhs, p)?;
                match op {
                    BinOp::Range => f.write_str("..")?,
                    _ => write!(f, " {} ", op.symbol())?,
                }
                operand(f, rhs, p + 1)
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
        }
    }
}

fn write_scrutinee(f: &mut Formatter<'_>, scrutinee: &Expr) -> fmt::Result {
    match scrutinee.node {
        ExprKind::Path(_) => write!(f, "{scrutinee}"),
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

impl Display for File {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            match item {
                Item::Schema(s) => s.node.fmt(f)?,
                Item::Policy(p) => p.node.fmt(f)?,
                Item::Rule(r) => r.node.fmt(f)?,
                Item::Pool(p) => p.node.fmt(f)?,
                Item::Stack(s) => s.node.fmt(f)?,
                Item::Test(t) => t.node.fmt(f)?,
            }
        }
        Ok(())
    }
}

impl Display for Schema {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("schema {\n")?;
        for e in &self.enums {
            write!(f, "  enum {} {{ ", e.name.node)?;
            write_joined(f, e.variants.iter().map(|v| &v.node), ", ")?;
            f.write_str(" }\n")?;
        }
        for entity in &self.entities {
            writeln!(f, "  entity {} {{", entity.name.node)?;
            for field in &entity.fields {
                let mark = if field.optional { "?" } else { "" };
                let ty = match &field.ty.node {
                    TypeRef::Named(n) => n.clone(),
                    TypeRef::List(n) => format!("[{n}]"),
                };
                writeln!(f, "    {}{mark}: {ty}", field.name.node)?;
            }
            f.write_str("  }\n")?;
        }
        f.write_str("}\n")
    }
}

impl Display for Policy {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "policy {} {{", self.id.node)?;
        for (key, value) in [("title", &self.title), ("issuer", &self.issuer), ("document", &self.document)] {
            if let Some(v) = value {
                write!(f, "  {key} ")?;
                write_string(f, v)?;
                f.write_char('\n')?;
            }
        }
        if let Some(d) = &self.issued {
            writeln!(f, "  issued {}", d.format("%Y-%m-%d"))?;
        }
        if let Some(e) = &self.effective {
            match &e.node {
                Effective::OnIssue => f.write_str("  effective on_issue\n")?,
                Effective::AfterIssue(d) => writeln!(f, "  effective {d} after issue")?,
                Effective::On(d) => writeln!(f, "  effective {}", d.format("%Y-%m-%d"))?,
            }
        }
        if let Some(d) = &self.expires {
            writeln!(f, "  expires {}", d.format("%Y-%m-%d"))?;
        }
        if let Some(r) = &self.rounding {
            writeln!(f, "  rounding {} {}", r.unit.name(), r.mode.name())?;
        }
        f.write_str("}\n")
    }
}

impl RoundingUnit {
    pub fn name(self) -> &'static str {
        match self {
            RoundingUnit::Yuan => "yuan",
            RoundingUnit::Jiao => "jiao",
            RoundingUnit::Fen => "fen",
        }
    }
}

impl RoundingMode {
    pub fn name(self) -> &'static str {
        match self {
            RoundingMode::HalfAwayFromZero => "half_away_from_zero",
            RoundingMode::HalfEven => "half_even",
            RoundingMode::Down => "down",
            RoundingMode::Up => "up",
        }
    }
}

impl Display for Rule {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "rule {} for {} {{", self.id.node, self.entity.node)?;
        for (key, value) in [("cite", &self.cite), ("title", &self.title), ("dept", &self.dept)] {
            if let Some(v) = value {
                write!(f, "  {key} ")?;
                write_string(f, v)?;
                f.write_char('\n')?;
            }
        }
        for c in &self.conditions {
            writeln!(f, "  when {c}")?;
        }
        if let Some(on) = &self.on {
            writeln!(f, "  on {on}")?;
        }
        if let Some(reward) = &self.reward {
            writeln!(f, "  reward {reward}")?;
        }
        if let Some(cap) = &self.per_year_cap {
            writeln!(f, "  per_year_cap {cap}")?;
        }
        if let Some(split) = &self.split {
            f.write_str("  split ")?;
            for (i, share) in split.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(&share.payer)?;
                if let Some(p) = &share.percent {
                    write!(f, " {}%", p.normalize())?;
                }
            }
            f.write_char('\n')?;
        }
        match (self.frequency.as_ref().map(|s| s.node), &self.once_per) {
            (Some(Frequency::Once), Some(key)) => writeln!(f, "  once per {key}")?,
            (Some(Frequency::Once), None) => f.write_str("  once\n")?,
            (Some(Frequency::Yearly), _) => f.write_str("  yearly\n")?,
            (None, _) => {}
        }
        f.write_str("}\n")
    }
}

/// `cite`, `title` and `members` lines shared by pools and stacks.
fn write_header(
    f: &mut Formatter<'_>,
    cite: &Option<Spanned<String>>,
    title: &Option<Spanned<String>>,
    members: &[Spanned<Member>],
) -> fmt::Result {
    for (key, value) in [("cite", cite), ("title", title)] {
        if let Some(v) = value {
            write!(f, "  {key} ")?;
            write_string(f, v)?;
            f.write_char('\n')?;
        }
    }
    if !members.is_empty() {
        f.write_str("  members ")?;
        let names = members.iter().map(|m| match &m.node {
            Member::Rule(r) => r.clone(),
            Member::Policy(p) => format!("policy {p}"),
        });
        write_joined(f, names, ", ")?;
        f.write_char('\n')?;
    }
    Ok(())
}

impl Display for Pool {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "pool {} {{", self.id.node)?;
        write_header(f, &self.cite, &self.title, &self.members)?;
        if let Some(cap) = &self.cap {
            writeln!(f, "  cap {} per {} {}", cap.amount, cap.per.node, cap.period)?;
        }
        f.write_str("}\n")
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

impl Display for Stack {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "stack {} {{", self.id.node)?;
        write_header(f, &self.cite, &self.title, &self.members)?;
        if let Some(per) = &self.per {
            writeln!(f, "  per {}", per.node)?;
        }
        f.write_str("}\n")
    }
}

impl Display for Test {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("test ")?;
        write_string(f, &self.name)?;
        f.write_str(" {\n")?;
        if let Some(d) = &self.as_of {
            writeln!(f, "  as_of {}", d.format("%Y-%m-%d"))?;
        }
        match self.facts.as_ref().map(|x| &x.node) {
            Some(TestFacts::Inline(json)) => writeln!(f, "  facts {json}")?,
            Some(TestFacts::File(path)) => {
                f.write_str("  facts ")?;
                write_string(f, path)?;
                f.write_char('\n')?;
            }
            None => {}
        }
        for e in &self.expects {
            writeln!(f, "  expect {} for {}: {}", e.rule.node, e.entity.node, e.outcome)?;
        }
        f.write_str("}\n")
    }
}

impl Display for Outcome {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Exact(n) => write!(f, "{n}"),
            Outcome::UpTo(n) => write!(f, "up_to {n}"),
            Outcome::Range(lo, hi) => write!(f, "{lo}..{hi}"),
            Outcome::CaseByCase(None) => f.write_str("case_by_case"),
            Outcome::CaseByCase(Some(max)) => write!(f, "case_by_case max {max}"),
            Outcome::NotApplicable(reason) => {
                f.write_str("not_applicable ")?;
                write_string(f, reason)
            }
            Outcome::Excluded(reason) => {
                f.write_str("excluded ")?;
                write_string(f, reason)
            }
        }
    }
}
