//! Typing aggregates over child records: `sum(trials.rd_cost where phase in { I, II })`,
//! `count(approvals)`, `min`/`max`, `any`/`all`. Inside `where` (and for the summed field)
//! the child record is the current entity, so bare names are its fields and its owners are
//! reached by their paths, as in a rule `for` the child.

use super::expr::{is_quantity, Context};
use super::{suggest, CheckError};
use crate::ast::{self, AggOp};
use crate::program::{Aggregate, Expr, KindId, Ty, Value};

impl Context<'_> {
    pub(super) fn aggregate(&mut self, aggregate: &ast::Aggregate) -> (Expr, Ty) {
        let op = aggregate.op.node;
        let (list_parts, field) = match aggregate.path.as_slice() {
            [list @ .., field] if op.takes_field() && !list.is_empty() => (list, Some(field)),
            parts => (parts, None),
        };
        if let Some(problem) = self.form(aggregate, field.is_some()) {
            self.error(problem);
            return (Expr::Const(Value::Bool(false)), Ty::Error);
        }
        let Some((up, list, child)) = self.list(list_parts) else {
            return (Expr::Const(Value::Bool(false)), Ty::Error);
        };
        // The child record is the current entity for its field and the filter.
        let outer = std::mem::replace(&mut self.kind, child);
        let field = field.map(|f| self.taken(op, f));
        let filter = aggregate.filter.as_ref().map(|f| self.require(f, &[Ty::Bool], "the `where` filter"));
        self.kind = outer;
        let ty = match (&field, op) {
            (Some((_, ty)), _) => *ty,
            (None, AggOp::Count) => Ty::Count,
            (None, _) => Ty::Bool,
        };
        let list_text: Vec<&str> = list_parts.iter().map(|p| p.node.as_str()).collect();
        let ir = Aggregate {
            op,
            up,
            list,
            kind: child,
            field: field.map(|(ir, _)| ir),
            filter,
            text: words(aggregate).into(),
            list_text: list_text.join(".").into(),
        };
        (Expr::Aggregate(Box::new(ir)), ty)
    }

    /// Whether the aggregate names what it takes: a field for `sum`/`min`/`max`, the records
    /// for `count`/`any`/`all` (and a condition for `all`).
    fn form(&self, aggregate: &ast::Aggregate, has_field: bool) -> Option<CheckError> {
        let op = aggregate.op.node;
        let path: Vec<&str> = aggregate.path.iter().map(|p| p.node.as_str()).collect();
        let path = path.join(".");
        let span = aggregate.op.span.into();
        let (problem, help) = if op.takes_field() && !has_field {
            (
                "needs a field of the records".to_string(),
                format!("name the field taken of each record: `{}({path}.rd_cost)`", op.name()),
            )
        } else if op == AggOp::All && aggregate.filter.is_none() {
            (
                "needs a condition".to_string(),
                format!("say what every record must meet: `all({path} where completed)`"),
            )
        } else {
            return None;
        };
        Some(CheckError::AggregateForm { op: op.name().into(), problem, help, span })
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
        let lists = def.fields.iter().filter(|f| matches!(f.ty, Ty::List(_))).map(|f| f.name.as_str());
        let name = parts.last().map_or(String::new(), |p| p.node.clone());
        let help = match suggest::help(&name, lists, "list") {
            help if help.starts_with("there are no") => {
                format!("`{}` has no list of records; declare one, e.g. `trials: [clinical_trial]`", def.name)
            }
            help => help,
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
            let help = format!("`{}` takes money, a number or a count of each record; to count records write `count(…)`", op.name());
            self.expected(&e, &format!("the field of `{}`", op.name()), "money, a number or a count", ty, &help);
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
