//! Typing aggregates over child records: `sum(trials.rd_cost where phase in { I, II })`,
//! `count(approvals)`, `min`/`max`, `any`/`all`. Inside `where` (and for the summed field)
//! the child record is the current entity, so bare names are its fields and its owners are
//! reached by their paths, as in a rule `for` the child.

use super::expr::{is_quantity, Context};
use super::narrow::Narrowing;
use super::{suggest, CheckError};
use crate::ast::{self, AggOp};
use crate::program::{Aggregate, Expr, KindId, Ty, Value};
use crate::t;

impl Context<'_> {
    pub(super) fn aggregate(&mut self, aggregate: &ast::Aggregate) -> (Expr, Ty) {
        let op = aggregate.op.node;
        let (list_parts, field) = match aggregate.path.as_slice() {
            [list @ .., field] if op.takes_field() && !list.is_empty() => (list, Some(field)),
            parts => (parts, None),
        };
        let error = (Expr::Const(Value::Bool(false)), Ty::Error);
        // `count(trials.rd_cost)`: a field where the records are counted.
        if let (false, [first, _, ..]) = (op.takes_field(), list_parts) {
            if self.ancestor_named(&first.node).is_none() {
                let help = t!("check-aggregate-records-help", op = op.name(), list = &first.node);
                self.form(aggregate, t!("check-aggregate-records"), help);
                return error;
            }
        }
        let Some((up, list, child)) = self.list(list_parts) else { return error };
        let list_text: Vec<&str> = list_parts.iter().map(|p| p.node.as_str()).collect();
        let list_text = list_text.join(".");
        let example = |ty: fn(Ty) -> bool, or: &str| {
            let fields = self.schema.kinds.get(child).map(|k| k.fields.as_slice()).unwrap_or_default();
            fields.iter().find(|f| ty(f.ty)).map_or(or.to_string(), |f| f.name.clone())
        };
        if op.takes_field() && field.is_none() {
            let field = example(is_quantity, "amount");
            let help = t!("check-aggregate-field-help", op = op.name(), list = &list_text, field = field);
            self.form(aggregate, t!("check-aggregate-field"), help);
            return error;
        }
        if op == AggOp::All && aggregate.filter.is_none() {
            let condition = example(|t| t == Ty::Bool, "completed");
            let help = t!("check-aggregate-condition-help", list = &list_text, condition = condition);
            self.form(aggregate, t!("check-aggregate-condition"), help);
            return error;
        }
        // The child record is the current entity for its field and the filter; the rule's
        // conditions say nothing of its facts, so a `by` table there names every value.
        let outer = std::mem::replace(&mut self.kind, child);
        let narrowing = self.narrowing.take();
        self.narrowing = narrowing.as_ref().map(|_| Narrowing::of(&self.kind_name(child), []));
        let field = field.map(|f| self.taken(op, f));
        let filter = aggregate.filter.as_ref().map(|f| self.require(f, &[Ty::Bool], &t!("context-where-filter")));
        self.kind = outer;
        self.narrowing = narrowing;
        let ty = match (&field, op) {
            (Some((_, ty)), _) => *ty,
            (None, AggOp::Count) => Ty::Count,
            (None, _) => Ty::Bool,
        };
        let ir = Aggregate {
            op,
            up,
            list,
            kind: child,
            field: field.map(|(ir, _)| ir),
            filter,
            text: words(aggregate).into(),
            list_text: list_text.into(),
        };
        (Expr::Aggregate(Box::new(ir)), ty)
    }

    /// Reports an aggregate that does not name what it takes.
    fn form(&mut self, aggregate: &ast::Aggregate, problem: String, help: String) {
        let op = aggregate.op.node.name().into();
        self.error(CheckError::AggregateForm { op, problem, help, span: aggregate.op.span.into() });
    }

    /// Resolves the list (`trials`, `enterprise.trials`): how many steps up its holder is,
    /// its slot, and the kind of its records.
    fn list(&mut self, parts: &[ast::Ident]) -> Option<(usize, usize, KindId)> {
        let (kind, up, slot) = self.resolve(parts)?;
        let def = self.schema.kinds.get(kind)?;
        let field = def.fields.get(slot)?;
        if let Ty::List(child) = field.ty {
            return Some((up, slot, child));
        }
        let lists: Vec<&str> =
            def.fields.iter().filter(|f| matches!(f.ty, Ty::List(_))).map(|f| f.name.as_str()).collect();
        let name = parts.last().map_or(String::new(), |p| p.node.clone());
        let help = match lists.is_empty() {
            true => t!("check-no-lists-help", entity = &def.name),
            false => suggest::help(&name, lists, "list"),
        };
        let found = self.name(field.ty);
        let span = parts.last().map(|p| p.span).unwrap_or_default();
        self.error(CheckError::NotAList { name, found, help, span: span.into() });
        None
    }

    /// The child's field taken by `sum`, `min` or `max`: money, a number or a count.
    fn taken(&mut self, op: AggOp, field: &ast::Ident) -> (Expr, Ty) {
        let e = ast::Spanned::new(ast::ExprKind::Path(vec![field.clone()]), field.span);
        let (ir, ty) = self.infer(&e);
        if !(is_quantity(ty) || ty == Ty::Error) {
            let help = t!("check-aggregate-taken-help", op = op.name());
            let context = t!("context-aggregate-field", op = op.name());
            self.expected(&e, &context, &t!("type-quantity"), ty, &help);
            return (ir, Ty::Error);
        }
        (ir, ty)
    }
}

/// The aggregate in words, for traces and reasons: `sum of trials.rd_cost where phase in { I, II }`.
fn words(aggregate: &ast::Aggregate) -> String {
    let path: Vec<&str> = aggregate.path.iter().map(|p| p.node.as_str()).collect();
    let filter = aggregate.filter.as_ref().map_or(String::new(), |f| format!(" where {f}"));
    format!("{} of {}{filter}", aggregate.op.node.name(), path.join("."))
}
