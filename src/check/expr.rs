//! Typing expressions: [`ast::Expr`] → [`Expr`] with names resolved, or diagnostics.
//!
//! A failed subexpression has type [`Ty::Error`], which every context accepts, so one
//! mistake is reported once rather than at every enclosing operator.

use super::narrow::Narrowing;
use super::schedules::{self, Found, Names};
use super::{suggest, tiers, CheckError, Diagnostics};
use crate::ast::{self, BinOp, ExprKind, Literal, Span, UnOp};
use crate::diagnostic::and_list;
use crate::program::{Arith, Compare, Expr, KindId, Schema, Ty, Value};
use crate::t;
use std::sync::Arc;

pub(super) struct Context<'a> {
    pub schema: &'a Schema,
    /// The entity kind the rule is `for`.
    pub kind: KindId,
    pub file: usize,
    pub diags: &'a mut Diagnostics,
    /// The values and schedules a name may stand for.
    pub names: &'a Names,
    /// The policy of the expression's file: its own values come first.
    pub policy: Option<&'a str>,
    /// In a schedule's body: its name and parameters, the only names it may read.
    pub params: Option<(&'a str, &'a [(String, Ty)])>,
    /// The values the rule's conditions leave to its enum facts: a `by` table must cover
    /// those. `None` for a lone expression (the REPL's), tried on one record at a time, where
    /// a value the table leaves out is reported by evaluation instead.
    pub narrowing: Option<Narrowing>,
}

/// Money, numbers and counts: what a bare literal such as `400万` may become.
pub(super) fn is_quantity(ty: Ty) -> bool {
    matches!(ty, Ty::Money | Ty::Number | Ty::Count | Ty::Literal)
}

/// The common type of two operands of an arithmetic or comparison operator.
fn unify_numeric(a: Ty, b: Ty) -> Option<Ty> {
    match (a, b) {
        (a, b) if a == b && (is_quantity(a) || a == Ty::Rate) => Some(a),
        (Ty::Literal, t) | (t, Ty::Literal) if is_quantity(t) => Some(t),
        _ => None,
    }
}

/// The common type of two branches (`if`, table arms): money lifts into an award.
fn join(a: Ty, b: Ty) -> Option<Ty> {
    match (a, b) {
        (Ty::Error, t) | (t, Ty::Error) => Some(t),
        (a, b) if a == b => Some(a),
        (Ty::Literal, t) | (t, Ty::Literal) if is_quantity(t) => Some(t),
        (Ty::Award, Ty::Money | Ty::Literal) | (Ty::Money | Ty::Literal, Ty::Award) => Some(Ty::Award),
        _ => None,
    }
}

impl Context<'_> {
    pub(super) fn error(&mut self, error: CheckError) {
        self.diags.error(self.file, error);
    }

    pub(super) fn name(&self, ty: Ty) -> String {
        match ty {
            Ty::Money => t!("type-money"),
            Ty::Text => t!("type-text"),
            Ty::Bool => t!("type-bool"),
            Ty::Literal | Ty::Number => t!("type-number"),
            Ty::Rate => t!("type-rate"),
            Ty::Count => t!("type-count"),
            Ty::Date => t!("type-date"),
            Ty::Duration => t!("type-duration"),
            Ty::Enum(_) => t!("type-enum", name = self.schema.type_name(&ty)),
            Ty::Award => t!("type-award"),
            other => t!("type-other", name = self.schema.type_name(&other)),
        }
    }

    /// Checks `e` and requires one of `allowed` (a literal passes for money, number, count;
    /// money passes for an award).
    pub fn require(&mut self, e: &ast::Expr, allowed: &[Ty], context: &str) -> Expr {
        let (ir, ty) = self.infer(e);
        let ok = ty == Ty::Error
            || allowed.contains(&ty)
            || (ty == Ty::Literal && allowed.iter().any(|t| is_quantity(*t)))
            || (ty == Ty::Money && allowed.contains(&Ty::Award));
        if !ok {
            let expected: Vec<String> = allowed.iter().map(|t| self.name(*t)).collect();
            let help = match (allowed.first(), ty) {
                (Some(Ty::Bool), Ty::Enum(_)) => t!("check-compare-enum-help"),
                (Some(Ty::Bool), _) => t!("check-comparison-help"),
                (Some(Ty::Money), Ty::Rate) => t!("check-rate-base-help"),
                (Some(Ty::Money), Ty::RateRange) => t!("check-rate-range-base-help"),
                _ => t!("check-expression-of-type-help", types = expected.join(&t!("or-separator"))),
            };
            self.error(CheckError::Expected {
                context: context.into(),
                expected: expected.join(&t!("or-separator")),
                found: self.name(ty),
                help,
                span: e.span.into(),
            });
        }
        ir
    }

    /// Infers an expression's type, for a lone expression outside any rule.
    pub fn infer_public(&mut self, e: &ast::Expr) -> (Expr, Ty) {
        self.infer(e)
    }

    /// Checks the key of `once per <key>`: any single value (a category, a date, a number).
    pub fn key(&mut self, e: &ast::Expr) -> Expr {
        let (ir, ty) = self.infer(e);
        if matches!(ty, Ty::Award | Ty::RateRange | Ty::List(_)) {
            let help = t!("help-once-per-key");
            self.expected(e, &t!("context-once-per-key"), &t!("type-single-value"), ty, &help);
        }
        match ty {
            Ty::Enum(enum_id) => Expr::EnumName { value: Box::new(ir), enum_id },
            _ => ir,
        }
    }

    pub(super) fn infer(&mut self, e: &ast::Expr) -> (Expr, Ty) {
        match &e.node {
            ExprKind::Lit(lit) => literal(lit),
            ExprKind::Path(parts) => self.named(parts),
            ExprKind::Call(name, args) => self.call(e, name, args),
            ExprKind::AsOf => (Expr::AsOf, Ty::Date),
            ExprKind::Unary(op, inner) => self.unary(*op, inner),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r),
            ExprKind::In(inner, set) => {
                let (ir, ty) = self.infer(inner);
                let Ty::Enum(id) = ty else {
                    if ty != Ty::Error {
                        let help = t!("check-in-enum-help");
                        self.expected(inner, &t!("context-in-left"), &t!("type-an-enum"), ty, &help);
                    }
                    return (Expr::Const(Value::Bool(false)), Ty::Bool);
                };
                let variants = set.iter().filter_map(|v| self.variant(id, v)).collect();
                (Expr::In(Box::new(ir), variants), Ty::Bool)
            }
            ExprKind::If(c, t, f) => {
                let c = self.require(c, &[Ty::Bool], &t!("context-if-condition"));
                let (t_ir, t_ty) = self.infer(t);
                let (f_ir, f_ty) = self.infer(f);
                let ty = self.join_or_report(t_ty, f_ty, f, &t!("context-else-branch"));
                (Expr::If(Box::new(c), Box::new(t_ir), Box::new(f_ir)), ty)
            }
            ExprKind::By(scrutinee, arms) => self.by(e, scrutinee, arms),
            ExprKind::Tiers { marginal, scrutinee, arms } => self.tiers(*marginal, scrutinee, arms),
            ExprKind::Steps(scrutinee, arms) => self.steps(scrutinee, arms),
            ExprKind::CaseByCase { uncapped } => (Expr::CaseByCase { uncapped: *uncapped }, Ty::Award),
            ExprKind::Aggregate(aggregate) => self.aggregate(aggregate),
            ExprKind::Default(fact, value) => self.default(fact, value),
        }
    }

    pub(super) fn expected(&mut self, e: &ast::Expr, context: &str, expected: &str, found: Ty, help: &str) {
        self.error(CheckError::Expected {
            context: context.into(),
            expected: expected.into(),
            found: self.name(found),
            help: help.into(),
            span: e.span.into(),
        });
    }

    fn join_or_report(&mut self, first: Ty, next: Ty, at: &ast::Expr, what: &str) -> Ty {
        join(first, next).unwrap_or_else(|| {
            let expected = self.name(first);
            self.expected(at, what, &expected, next, &t!("help-same-branch-type"));
            Ty::Error
        })
    }

    // -------------------------------------------------------------- names

    /// A dotted name as written, and where.
    fn dotted(parts: &[ast::Ident]) -> (String, Span) {
        let text = parts.iter().map(|p| p.node.as_str()).collect::<Vec<_>>().join(".");
        let span =
            parts.first().map(|p| p.span).unwrap_or_default().to(parts.last().map(|p| p.span).unwrap_or_default());
        (text, span)
    }

    /// A name several policies define, written without the policy.
    fn ambiguous(&mut self, name: String, choices: &[String], span: Span) -> (Expr, Ty) {
        let help = t!("check-ambiguous-policies-help", choices = choices.join(&t!("or-separator")));
        self.error(CheckError::Ambiguous { name, help, span: span.into() });
        (Expr::Const(Value::Bool(false)), Ty::Error)
    }

    /// A name: a schedule's parameter, a fact, or a value (`city_cap`, `wuxi.city_cap`).
    fn named(&mut self, parts: &[ast::Ident]) -> (Expr, Ty) {
        if let Some((schedule, params)) = self.params {
            if let [one] = parts {
                if let Some((index, (name, ty))) = params.iter().enumerate().find(|(_, (n, _))| *n == one.node) {
                    return (Expr::Param { index, name: name.as_str().into() }, *ty);
                }
            }
            if let Some(value) = self.value(parts) {
                return value;
            }
            let (name, span) = Self::dotted(parts);
            let fix = match params.is_empty() {
                true => t!("check-reads-facts-schedule", schedule = schedule, name = &name),
                false => t!("check-reads-facts-parameter", schedule = schedule, name = &name),
            };
            let suggestion = suggest::help(&name, params.iter().map(|(n, _)| n.as_str()), "parameter");
            let help = t!("check-reads-facts-help", suggestion = suggestion, fix = fix);
            self.error(CheckError::ReadsFacts { name, schedule: schedule.into(), help, span: span.into() });
            return (Expr::Const(Value::Bool(false)), Ty::Error);
        }
        let is_field = match parts {
            [one] => self.schema.kinds.get(self.kind).is_some_and(|k| k.field(&one.node).is_some()),
            [owner, _] => self.ancestor_named(&owner.node).is_some(),
            _ => true,
        };
        if is_field {
            if let ([one], Found::One(_, s)) = (parts, self.names.find(parts, self.policy)) {
                let policy = s.policy.clone().unwrap_or_else(|| t!("check-placeholder-policy"));
                let help = t!(
                    "check-field-and-value-help",
                    name = &one.node,
                    kind = self.kind_name(self.kind),
                    policy = policy
                );
                self.error(CheckError::Ambiguous { name: one.node.clone(), help, span: one.span.into() });
            }
            return self.path(parts);
        }
        self.value(parts).unwrap_or_else(|| self.path(parts))
    }

    /// A `value` (or a schedule written without its arguments), if `parts` names one.
    fn value(&mut self, parts: &[ast::Ident]) -> Option<(Expr, Ty)> {
        let (text, span) = Self::dotted(parts);
        match self.names.find(parts, self.policy) {
            Found::None => None,
            Found::Ambiguous(choices) => Some(self.ambiguous(text, &choices, span)),
            Found::One(index, s) if s.params.is_none() => {
                Some((Expr::Call { schedule: index, args: Vec::new(), text: text.into() }, s.ty))
            }
            Found::One(_, s) => {
                self.error(schedules::arity(s, self.schema, 0, span));
                Some((Expr::Const(Value::Bool(false)), Ty::Error))
            }
        }
    }

    /// `clinical_cap(phase_completed)`: each argument checked against its parameter's type.
    fn call(&mut self, e: &ast::Expr, name: &[ast::Ident], args: &[ast::Expr]) -> (Expr, Ty) {
        let (text, span) = Self::dotted(name);
        let failed = (Expr::Const(Value::Bool(false)), Ty::Error);
        let (index, schedule) = match self.names.find(name, self.policy) {
            Found::One(index, s) => (index, s),
            Found::Ambiguous(choices) => return self.ambiguous(text, &choices, span),
            Found::None => {
                let last = name.last().map_or("", |n| n.node.as_str());
                let help = schedules::unknown_help(last, self.names);
                self.error(CheckError::UnknownSchedule { name: text, help, span: span.into() });
                return failed;
            }
        };
        let Some(params) = &schedule.params else {
            self.error(CheckError::ValueCalled { name: text, span: e.span.into() });
            return failed;
        };
        if params.len() != args.len() {
            self.error(schedules::arity(schedule, self.schema, args.len(), e.span));
            return failed;
        }
        let (ty, params) = (schedule.ty, params.clone());
        let typed = args.iter().zip(&params).map(|(arg, (param, ty))| self.argument(arg, param, *ty, &text)).collect();
        (Expr::Call { schedule: index, args: typed, text: e.to_string().into() }, ty)
    }

    /// An argument for a parameter of type `ty`; a bare enum value (`II`) is one of its values.
    fn argument(&mut self, arg: &ast::Expr, param: &str, ty: Ty, schedule: &str) -> Expr {
        if ty == Ty::Error {
            return self.infer(arg).0;
        }
        if let (Ty::Enum(id), ExprKind::Path(parts)) = (ty, &arg.node) {
            let def = self.schema.enums.get(id);
            if let [one] = parts.as_slice() {
                if let Some(v) = def.and_then(|e| e.variants.iter().position(|v| **v == *one.node)) {
                    return Expr::Const(Value::Enum(v));
                }
            }
        }
        self.require(arg, &[ty], &t!("context-argument", param = param, schedule = schedule))
    }

    fn path(&mut self, parts: &[ast::Ident]) -> (Expr, Ty) {
        match self.fact(parts) {
            Some((field, ty, Some(default))) => (self.defaulted(field, ty, default), ty),
            Some((field, ty, None)) => (field, ty),
            None => (Expr::Const(Value::Bool(false)), Ty::Error),
        }
    }

    /// A fact read as written (`field` or `owner.field`): the field, its type and the
    /// schema's default for it. A list is not a fact (it has no single value).
    pub(super) fn fact(&mut self, parts: &[ast::Ident]) -> Option<(Expr, Ty, Option<Value>)> {
        let (kind, up, slot) = self.resolve(parts)?;
        let def = self.schema.kinds.get(kind)?.fields.get(slot)?;
        if let Ty::List(child) = def.ty {
            let (name, kind) = (def.name.clone(), self.kind_name(child));
            let span = parts.last().map(|p| p.span).unwrap_or_default();
            self.error(CheckError::ListValue { name, kind, span: span.into() });
            return None;
        }
        let text: Vec<&str> = parts.iter().map(|p| p.node.as_str()).collect();
        Some((Expr::Field { up, slot, name: text.join(".").into() }, def.ty, def.default.clone()))
    }

    /// Resolves `field` or `owner.field` to the kind holding it, how many steps up that is,
    /// and the field's slot, reporting names that resolve to nothing.
    pub(super) fn resolve(&mut self, parts: &[ast::Ident]) -> Option<(KindId, usize, usize)> {
        match parts {
            [field] => self.slot(self.kind, field).map(|slot| (self.kind, 0, slot)),
            [owner, field] => match self.ancestor_named(&owner.node) {
                Some((kind, up)) => self.slot(kind, field).map(|slot| (kind, up, slot)),
                None => {
                    let here = self.kind_name(self.kind);
                    let mut help = t!("check-bad-path-help", kind = &here);
                    if self.schema.kinds.get(self.kind).is_some_and(|k| k.field(&owner.node).is_some()) {
                        help = t!("check-bad-path-field-help", name = &owner.node, kind = &here);
                    }
                    self.error(CheckError::BadPath {
                        name: owner.node.clone(),
                        entity: here,
                        help,
                        span: owner.span.into(),
                    });
                    None
                }
            },
            _ => {
                let span = parts
                    .first()
                    .map(|p| p.span)
                    .unwrap_or_default()
                    .to(parts.last().map(|p| p.span).unwrap_or_default());
                let here = self.kind_name(self.kind);
                self.error(CheckError::BadPath {
                    name: parts.iter().map(|p| p.node.as_str()).collect::<Vec<_>>().join("."),
                    entity: here,
                    help: t!("check-bad-path-form-help"),
                    span: span.into(),
                });
                None
            }
        }
    }

    pub(super) fn kind_name(&self, kind: KindId) -> String {
        self.schema.kinds.get(kind).map(|k| k.name.clone()).unwrap_or_default()
    }

    /// The entity named `name` among the rule's entity and those that contain it, with the
    /// number of steps up.
    pub(super) fn ancestor_named(&self, name: &str) -> Option<(KindId, usize)> {
        let mut kind = self.kind;
        for up in 0..=self.schema.kinds.len() {
            let def = self.schema.kinds.get(kind)?;
            if def.name == name {
                return Some((kind, up));
            }
            kind = def.parent?;
        }
        None
    }

    /// The slot of the field `ident` of `kind`, or an error with did-you-mean.
    fn slot(&mut self, kind: KindId, ident: &ast::Ident) -> Option<usize> {
        let def = self.schema.kinds.get(kind)?;
        let slot = def.field(&ident.node);
        if slot.is_none() {
            let help = suggest::help(&ident.node, def.fields.iter().map(|f| f.name.as_str()), "field");
            self.error(CheckError::UnknownField {
                name: ident.node.clone(),
                entity: def.name.clone(),
                help,
                span: ident.span.into(),
            });
        }
        slot
    }

    /// Resolves `ident` as a value of enum `id`.
    pub(super) fn variant(&mut self, id: usize, ident: &ast::Ident) -> Option<usize> {
        let def = self.schema.enums.get(id)?;
        let found = def.variants.iter().position(|v| **v == *ident.node);
        if found.is_none() {
            let help = suggest::help(&ident.node, def.variants.iter().map(|v| &**v), "value");
            self.error(CheckError::UnknownVariant {
                name: ident.node.clone(),
                enum_name: def.name.clone(),
                help,
                span: ident.span.into(),
            });
        }
        found
    }

    // -------------------------------------------------------------- operators

    fn unary(&mut self, op: UnOp, inner: &ast::Expr) -> (Expr, Ty) {
        match op {
            UnOp::Not => (Expr::Not(Box::new(self.require(inner, &[Ty::Bool], &t!("context-not-operand")))), Ty::Bool),
            UnOp::UpTo => {
                let ir = self.require(inner, &[Ty::Money, Ty::Award], &t!("context-up-to-amount"));
                (Expr::UpTo(Box::new(ir)), Ty::Award)
            }
            UnOp::Neg => {
                let (ir, ty) = self.infer(inner);
                if !(is_quantity(ty) || matches!(ty, Ty::Rate | Ty::Error)) {
                    let (context, expected) = (t!("context-neg-operand"), t!("type-signed"));
                    self.expected(inner, &context, &expected, ty, &t!("check-negate-help"));
                }
                (Expr::Neg(Box::new(ir)), ty)
            }
        }
    }

    fn binary(&mut self, op: BinOp, l: &ast::Expr, r: &ast::Expr) -> (Expr, Ty) {
        match op {
            BinOp::And | BinOp::Or => {
                let what = t!("context-operand-of", op = op.symbol());
                let (a, b) = (self.require(l, &[Ty::Bool], &what), self.require(r, &[Ty::Bool], &what));
                let ir = if op == BinOp::And {
                    Expr::And(Box::new(a), Box::new(b))
                } else {
                    Expr::Or(Box::new(a), Box::new(b))
                };
                (ir, Ty::Bool)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => self.compare(op, l, r),
            _ => {
                let (a, ta) = self.infer(l);
                let (b, tb) = self.infer(r);
                if ta == Ty::Error || tb == Ty::Error {
                    return (Expr::Const(Value::Bool(false)), Ty::Error);
                }
                match self.operator_type(op, ta, tb) {
                    Some(ty) => (build(op, a, b, l, r, ta), ty),
                    None => {
                        self.operands(op, ta, tb, l, r);
                        (Expr::Const(Value::Bool(false)), Ty::Error)
                    }
                }
            }
        }
    }

    /// The result type of an arithmetic operator, or `None` if the operands don't fit.
    fn operator_type(&self, op: BinOp, a: Ty, b: Ty) -> Option<Ty> {
        use Ty::*;
        let scalar = |t: Ty| matches!(t, Number | Count | Literal);
        match op {
            BinOp::Add | BinOp::Sub => match (a, b) {
                (Date, Duration) => Some(Date),
                _ => unify_numeric(a, b),
            },
            BinOp::Mul => match (a, b) {
                (Money, t) | (t, Money) if scalar(t) => Some(Money),
                (Count, Count) => Some(Count),
                _ if scalar(a) && scalar(b) => Some(unify_numeric(a, b).unwrap_or(Number)),
                _ => None,
            },
            BinOp::Div => match (a, b) {
                (Money, Money) => Some(Number),
                (Money, t) if scalar(t) => Some(Money),
                (Literal, Literal) => Some(Literal),
                _ if scalar(a) && scalar(b) => Some(Number),
                _ => None,
            },
            BinOp::Of => match (a, b) {
                (Rate, Money | Literal) => Some(Money),
                (Rate, Number | Count) => Some(Number),
                (RateRange, Money | Literal) => Some(Award),
                _ => None,
            },
            BinOp::Per => match (a, b) {
                (Money | Literal, t) if scalar(t) => Some(Money),
                _ => None,
            },
            BinOp::Range => match (a, b) {
                (Money | Literal, Money | Literal) => Some(Award),
                (Rate, Rate) => Some(RateRange),
                _ => None,
            },
            BinOp::Max => match (a, b) {
                (Money | Literal, Money | Literal) => Some(Money),
                (Award, Money | Literal) => Some(Award),
                _ => None,
            },
            _ => None,
        }
    }

    fn operands(&mut self, op: BinOp, a: Ty, b: Ty, l: &ast::Expr, r: &ast::Expr) {
        let help = match (op, a, b) {
            (BinOp::Mul, Ty::Rate, _) | (BinOp::Mul, _, Ty::Rate) => t!("check-share-help"),
            (BinOp::Of, _, _) => t!("check-of-help"),
            (BinOp::Max, _, _) => t!("check-max-help"),
            (BinOp::Per, _, _) => t!("check-per-help"),
            (BinOp::Range, _, _) => t!("check-range-help"),
            (BinOp::Add | BinOp::Sub, Ty::Money, Ty::Count | Ty::Number)
            | (BinOp::Add | BinOp::Sub, Ty::Count | Ty::Number, Ty::Money) => t!("check-money-plus-count-help"),
            _ => t!("check-no-combine-help", op = op.symbol(), left = self.name(a), right = self.name(b)),
        };
        self.error(CheckError::Operands {
            op: op.symbol().into(),
            left: self.name(a),
            right: self.name(b),
            help,
            left_span: l.span.into(),
            right_span: r.span.into(),
        });
    }

    fn compare(&mut self, op: BinOp, l: &ast::Expr, r: &ast::Expr) -> (Expr, Ty) {
        let cmp = match op {
            BinOp::Eq => Compare::Eq,
            BinOp::Ne => Compare::Ne,
            BinOp::Lt => Compare::Lt,
            BinOp::Le => Compare::Le,
            BinOp::Gt => Compare::Gt,
            _ => Compare::Ge,
        };
        let (a, ta) = self.infer(l);
        // `phase == III`: a bare name beside an enum is one of its values.
        if let (Ty::Enum(id), ExprKind::Path(parts), Compare::Eq | Compare::Ne) = (ta, &r.node, cmp) {
            if let [ident] = parts.as_slice() {
                let b =
                    self.variant(id, ident).map_or(Expr::Const(Value::Bool(false)), |v| Expr::Const(Value::Enum(v)));
                return (Expr::Compare(cmp, Box::new(a), Box::new(b)), Ty::Bool);
            }
        }
        // `phse == I` with `phse` unknown: `I` is likely a value, so it is not looked up as a
        // field (one error, not two).
        if let (Ty::Error, ExprKind::Path(parts)) = (ta, &r.node) {
            if parts.len() == 1 {
                return (Expr::Const(Value::Bool(false)), Ty::Bool);
            }
        }
        let (b, tb) = self.infer(r);
        let ordered =
            unify_numeric(ta, tb).is_some() || matches!((ta, tb), (Ty::Date, Ty::Date) | (Ty::Duration, Ty::Duration));
        let equatable = ta == tb && matches!(ta, Ty::Bool | Ty::Text | Ty::Enum(_));
        let fits =
            ta == Ty::Error || tb == Ty::Error || ordered || (equatable && matches!(cmp, Compare::Eq | Compare::Ne));
        if !fits {
            self.operands(op, ta, tb, l, r);
        }
        (Expr::Compare(cmp, Box::new(a), Box::new(b)), Ty::Bool)
    }

    // -------------------------------------------------------------- tables

    fn by(&mut self, whole: &ast::Expr, scrutinee: &ast::Expr, arms: &[ast::ByArm]) -> (Expr, Ty) {
        let (s, ty) = self.infer(scrutinee);
        let Ty::Enum(id) = ty else {
            if ty != Ty::Error {
                let context = t!("context-value-after", what = "by");
                self.expected(scrutinee, &context, &t!("type-an-enum"), ty, &t!("check-by-enum-help"));
            }
            return (Expr::Const(Value::Bool(false)), Ty::Error);
        };
        let n = self.schema.enums.get(id).map_or(0, |e| e.variants.len());
        let mut table: Vec<Option<usize>> = vec![None; n];
        let mut first_at: Vec<Option<Span>> = vec![None; n];
        let mut irs = Vec::new();
        let mut result = Ty::Error;
        for (i, arm) in arms.iter().enumerate() {
            let (ir, t) = self.infer(&arm.value);
            result =
                if i == 0 { t } else { self.join_or_report(result, t, &arm.value, &t!("context-this-table-entry")) };
            irs.push(ir);
            match &arm.pattern {
                None => table.iter_mut().filter(|slot| slot.is_none()).for_each(|slot| *slot = Some(i)),
                Some(variants) => {
                    for v in variants {
                        let Some(index) = self.variant(id, v) else { continue };
                        match (table.get_mut(index), first_at.get_mut(index)) {
                            (Some(slot @ None), Some(at)) => {
                                *slot = Some(i);
                                *at = Some(v.span);
                            }
                            _ => {
                                let first = first_at.get(index).copied().flatten();
                                self.error(super::schema::duplicate(
                                    "table entry",
                                    &v.node,
                                    super::schema::Scope::Table,
                                    v.span,
                                    first,
                                ));
                            }
                        }
                    }
                }
            }
        }
        self.exhaustive(whole, scrutinee, id, &table);
        let text = scrutinee.to_string().into();
        (Expr::By { scrutinee: Box::new(s), enum_id: id, table, arms: irs, text }, result)
    }

    /// A `by` table names every value of its enum that the rule's conditions allow, or has
    /// `_`: otherwise a record with a value left out would find no amount and the rule would
    /// quietly not apply to it.
    fn exhaustive(&mut self, table: &ast::Expr, scrutinee: &ast::Expr, id: usize, arms_of: &[Option<usize>]) {
        let (Some(def), Some(narrowing)) = (self.schema.enums.get(id), &self.narrowing) else { return };
        let (listed, missing): (Vec<_>, Vec<_>) = def
            .variants
            .iter()
            .zip(arms_of)
            .filter(|(v, _)| narrowing.allows(scrutinee, v))
            .partition(|(_, arm)| arm.is_some());
        let listed: Vec<&str> = listed.into_iter().map(|(v, _)| &**v).collect();
        let missing: Vec<&str> = missing.into_iter().map(|(v, _)| &**v).collect();
        if missing.is_empty() {
            return;
        }
        let missing_text = and_list(&missing.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>());
        let arms: Vec<String> = missing.iter().map(|v| format!("`{v} => …`")).collect();
        let arms = arms.join(&t!("list-separator"));
        let help = match listed.is_empty() {
            true => t!("check-missing-variants-help", arms = arms),
            false => t!(
                "check-missing-variants-when-help",
                arms = arms,
                scrutinee = scrutinee.to_string(),
                listed = listed.join(", ")
            ),
        };
        self.error(CheckError::MissingVariants {
            missing: missing_text,
            enum_name: def.name.clone(),
            help,
            span: table.span.into(),
        });
    }

    fn numeric_scrutinee(&mut self, scrutinee: &ast::Expr, what: &str) -> (Expr, Ty) {
        let (s, ty) = self.infer(scrutinee);
        if !(is_quantity(ty) || ty == Ty::Error) {
            let help = t!("check-brackets-help", what = what);
            let context = t!("context-value-after", what = what);
            self.expected(scrutinee, &context, &t!("type-quantity"), ty, &help);
        }
        (s, if ty == Ty::Literal { Ty::Money } else { ty })
    }

    fn tiers(&mut self, marginal: bool, scrutinee: &ast::Expr, arms: &[ast::TierArm]) -> (Expr, Ty) {
        let what = if marginal { "marginal" } else { "tiers" };
        let (s, scrutinee_ty) = self.numeric_scrutinee(scrutinee, what);
        let mut findings = Vec::new();
        tiers::analyse(arms.iter().map(|a| &a.interval), scrutinee_ty == Ty::Count, &mut findings);
        for finding in findings {
            self.error(finding);
        }
        let mut irs = Vec::new();
        let mut result = Ty::Error;
        for (i, arm) in arms.iter().enumerate() {
            if marginal {
                irs.push((
                    arm.interval.node.clone(),
                    self.require(&arm.value, &[Ty::Rate], &t!("context-marginal-rate")),
                ));
                continue;
            }
            let (ir, t) = self.infer(&arm.value);
            result = if i == 0 { t } else { self.join_or_report(result, t, &arm.value, &t!("context-this-tier")) };
            irs.push((arm.interval.node.clone(), ir));
        }
        let text: Arc<str> = scrutinee.to_string().into();
        if marginal {
            (Expr::Marginal { scrutinee: Box::new(s), arms: irs, text }, scrutinee_ty)
        } else {
            (Expr::Tiers { scrutinee: Box::new(s), arms: irs, text }, result)
        }
    }

    fn steps(&mut self, scrutinee: &ast::Expr, arms: &[ast::StepArm]) -> (Expr, Ty) {
        let (s, _) = self.numeric_scrutinee(scrutinee, "steps");
        let mut irs = Vec::new();
        let mut result = Ty::Error;
        let mut previous = None;
        for (i, arm) in arms.iter().enumerate() {
            let threshold = arm.threshold.value;
            if previous.is_some_and(|p| threshold <= p) {
                self.error(CheckError::StepsOrder { span: arm.threshold.span.into() });
            }
            previous = Some(threshold);
            let (ir, t) = self.infer(&arm.value);
            result = if i == 0 { t } else { self.join_or_report(result, t, &arm.value, &t!("context-this-step")) };
            irs.push((threshold, ir));
        }
        (Expr::Steps { scrutinee: Box::new(s), arms: irs, text: scrutinee.to_string().into() }, result)
    }
}

pub(super) fn literal(lit: &Literal) -> (Expr, Ty) {
    let (value, ty) = match lit {
        Literal::Number(n) => (Value::Dec(n.value), if n.yuan { Ty::Money } else { Ty::Literal }),
        Literal::Rate(r) => (Value::Dec(r.fraction().unwrap_or_default()), Ty::Rate),
        Literal::Date(d) => (Value::Date(*d), Ty::Date),
        Literal::Duration(d) => (Value::Duration(*d), Ty::Duration),
        Literal::Text(s) => (Value::Text(s.as_str().into()), Ty::Text),
        Literal::Bool(b) => (Value::Bool(*b), Ty::Bool),
    };
    (Expr::Const(value), ty)
}

/// An operand as the trace names it: `rd_cost`, or `(operating_cost - outsourced_cost)`.
fn operand_text(e: &ast::Expr) -> String {
    match e.node {
        ExprKind::Lit(_) | ExprKind::Path(_) | ExprKind::AsOf | ExprKind::Aggregate(_) | ExprKind::Default(..) => {
            e.to_string()
        }
        _ => format!("({e})"),
    }
}

/// The typed node for an arithmetic operator whose operand types were accepted.
fn build(op: BinOp, a: Expr, b: Expr, l: &ast::Expr, r: &ast::Expr, left_ty: Ty) -> Expr {
    let (a, b) = (Box::new(a), Box::new(b));
    match op {
        BinOp::Add | BinOp::Sub if left_ty == Ty::Date => Expr::Shift { date: a, by: b, negate: op == BinOp::Sub },
        BinOp::Add => Expr::Arith(Arith::Add, a, b),
        BinOp::Sub => Expr::Arith(Arith::Sub, a, b),
        BinOp::Mul => Expr::Arith(Arith::Mul, a, b),
        BinOp::Div => Expr::Arith(Arith::Div, a, b),
        BinOp::Of => {
            let rate_text = matches!(l.node, ExprKind::Lit(Literal::Rate(_))).then(|| l.to_string().into());
            Expr::Of { rate: a, base: b, text: operand_text(r).into(), rate_text }
        }
        BinOp::Per => Expr::Per { amount: a, count: b, text: operand_text(r).into() },
        BinOp::Range if left_ty == Ty::Rate => Expr::RateRange(a, b),
        BinOp::Range => Expr::Range(a, b),
        _ => Expr::Max { amount: a, cap: b, text: format!("{l} max {r}").into() },
    }
}
