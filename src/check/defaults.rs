//! Defaults for absent facts (含视同通过, 未提供的视为否): `employees default 0` where a fact
//! is read, and `deemed_passed?: bool default false` in the schema. Either way the read
//! becomes an [`Expr::Default`], so evaluation and the trace treat them alike. Absent still
//! means "not applicable" wherever no default is written.

use super::expr::{is_quantity, literal, Context};
use super::{CheckError, Diagnostics};
use crate::ast::{self, ExprKind};
use crate::program::{Expr, Schema, Ty, Value};
use crate::t;

impl Context<'_> {
    /// `fact default value`: the fact must be a field read, the value a literal of its type.
    pub(super) fn default(&mut self, fact: &ast::Expr, value: &ast::Expr) -> (Expr, Ty) {
        let ExprKind::Path(parts) = &fact.node else {
            let (ir, ty) = self.infer(fact);
            if ty != Ty::Error {
                self.error(CheckError::DefaultNotFact { span: fact.span.into() });
            }
            return (ir, Ty::Error);
        };
        // A default written where the fact is read takes the place of the schema's.
        let Some((field, ty, _)) = self.fact(parts) else { return (Expr::Const(Value::Bool(false)), Ty::Error) };
        match self.constant(value, ty, &t!("context-default-of", name = fact.to_string())) {
            Some(v) => (self.defaulted(field, ty, v), ty),
            None => (field, ty),
        }
    }

    /// A field read that gives `value` when the fact is absent.
    pub(super) fn defaulted(&self, field: Expr, ty: Ty, value: Value) -> Expr {
        let text = self.schema.show(&value, ty, crate::amounts::money).into();
        Expr::Default { fact: Box::new(field), value, text }
    }

    /// The literal `value` as a value of type `ty`, or an error naming `what` it is.
    fn constant(&mut self, value: &ast::Expr, ty: Ty, what: &str) -> Option<Value> {
        let found = match &value.node {
            ExprKind::Path(parts) => match (ty, parts.as_slice()) {
                (Ty::Enum(id), [ident]) => return self.variant(id, ident).map(Value::Enum),
                _ => t!("found-a-name"),
            },
            ExprKind::Lit(lit) => {
                let (ir, found) = literal(lit);
                let fits = found == ty || (found == Ty::Literal && is_quantity(ty));
                match ir {
                    Expr::Const(Value::Dec(d))
                        if fits && ty == Ty::Count && (d.fract() != 0.into() || d < 0.into()) =>
                    {
                        t!("found-not-a-count")
                    }
                    Expr::Const(v) if fits => return Some(v),
                    _ => self.name(found),
                }
            }
            _ => t!("found-an-expression"),
        };
        let example = match ty {
            Ty::Bool => "`default false`".to_string(),
            Ty::Enum(id) => {
                let first = self.schema.enums.get(id).and_then(|e| e.variants.first()).map_or("…", |v| &**v);
                format!("`default {first}`")
            }
            Ty::Date => "`default 2025-01-01`".to_string(),
            Ty::Rate => "`default 0%`".to_string(),
            Ty::Text => "`default \"\"`".to_string(),
            _ => "`default 0`".to_string(),
        };
        self.error(CheckError::Expected {
            context: what.into(),
            expected: self.name(ty),
            found,
            help: t!("check-default-literal-help", example = example),
            span: value.span.into(),
        });
        None
    }
}

/// The schema's default for a field of type `ty`, checked: a literal of its type, on an
/// optional field (a required one is never absent).
pub(super) fn field_default(
    schema: &Schema,
    kind: usize,
    decl: &ast::FieldDecl,
    ty: Ty,
    file: usize,
    diags: &mut Diagnostics,
) -> Option<Value> {
    let value = decl.default.as_ref()?;
    let names = super::schedules::Names::default();
    let mut cx = Context { schema, kind, file, diags, narrowing: None, names: &names, policy: None, params: None };
    if !decl.optional {
        cx.error(CheckError::DefaultRequired { name: decl.name.node.clone(), span: value.span.into() });
        return None;
    }
    cx.constant(value, ty, &t!("context-default-of", name = &decl.name.node))
}
