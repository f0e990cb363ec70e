//! Bare expressions and `:type`: checked as if written in a rule for the focused entity's
//! kind, then evaluated on that entity (or, with no facts, on an entity with no facts given,
//! so `20% of 3000万` still has a value).

use super::{show, Output, Session};
use crate::facts::{Entity, Facts, Slot};
use crate::program::{KindId, Ty};
use crate::{Error, Source, Sourced};

/// The name diagnostics give a typed expression.
const INPUT: &str = "<input>";

/// The path of the stand-in entity used when there are no facts.
const NO_FACTS: &str = "(no facts)";

impl Session {
    /// Evaluates an expression: `value : type`, then the steps of its trace.
    pub(super) fn expression(&mut self, text: &str) -> Output {
        let (kind, path) = match self.target() {
            Ok(target) => target,
            Err(failed) => return failed,
        };
        let (ir, ty) = match self.check_expr(text, kind) {
            Ok(checked) => checked,
            Err(failed) => return failed,
        };
        let as_of = self.as_of();
        // Outlives the result, whose reasons may name a record of it.
        let standing_in;
        let result = match (&self.facts, &path) {
            (Some(facts), Some(path)) => crate::eval::expression(&self.program, facts, path, as_of, &ir),
            _ => {
                standing_in = stand_in(&self.program.schema, kind);
                crate::eval::expression(&self.program, &standing_in, NO_FACTS, as_of, &ir)
            }
        };
        match result {
            Ok((value, trace)) => {
                // Text may hold control characters: shown escaped, as every human output shows it.
                let shown = crate::output::value(&self.program.schema.shown(&value, ty), show::money);
                let mut out = format!("{} : {}\n", crate::output::escape(&shown), self.type_name(ty));
                for step in &trace {
                    out.push_str(&format!("    {step}\n"));
                }
                Output::done(out)
            }
            Err(reason) => match path {
                Some(path) => Output::failed(crate::t!("repl-no-value-for", path = path, reason = reason.to_string())),
                None => Output::failed(crate::t!("repl-no-value", reason = reason.to_string())),
            },
        }
    }

    /// `:type <expr>`: the type, without evaluating.
    pub(super) fn type_of(&self, text: &str) -> Output {
        if text.trim().is_empty() {
            let usage = format!(":type {}", super::commands::placeholders("<expression>"));
            return Output::failed(crate::t!("repl-usage", usage = usage));
        }
        let kind = match self.target() {
            Ok((kind, _)) => kind,
            Err(failed) => return failed,
        };
        match self.check_expr(text, kind) {
            Ok((_, ty)) => Output::done(self.type_name(ty)),
            Err(failed) => failed,
        }
    }

    /// Parses and checks `text` for entities of `kind`; errors point into `text`.
    fn check_expr(&self, text: &str, kind: KindId) -> Result<(crate::program::Expr, Ty), Output> {
        let source = Source::new(INPUT, text);
        let ast = crate::syntax::parse_expr(text).map_err(|errors| {
            let errors: Vec<Error> =
                errors.into_iter().map(|e| Error::Syntax(Box::new(Sourced::new(e, &source)))).collect();
            Output::failed(self.diagnostics(&errors))
        })?;
        let (ir, ty) = crate::check::expression(&self.program, kind, &ast).map_err(|errors| {
            let errors: Vec<Error> =
                errors.into_iter().map(|e| Error::Check(Box::new(Sourced::new(e, &source)))).collect();
            Output::failed(self.diagnostics(&errors))
        })?;
        if ty == Ty::Error {
            // The checker names unknown fields of a kind; with no schema there is no kind.
            return Err(Output::failed(match self.program.schema.kinds.get(kind) {
                Some(_) => crate::t!("repl-no-type"),
                None => crate::t!("repl-no-schema-names"),
            }));
        }
        Ok((ir, ty))
    }

    fn type_name(&self, ty: Ty) -> String {
        self.program.schema.type_word(&ty)
    }
}

/// Facts holding one entity of `kind` with no facts given: expressions that read none
/// evaluate, and those that do say which fact is missing.
fn stand_in(schema: &crate::program::Schema, kind: KindId) -> Facts {
    let fields = schema.kinds.get(kind).map_or(&[][..], |k| k.fields.as_slice());
    let slots = fields
        .iter()
        .map(|f| match f.ty {
            Ty::List(_) => Slot::Children(Vec::new()),
            _ => Slot::Missing,
        })
        .collect();
    let entity = Entity { kind, id: NO_FACTS.into(), path: NO_FACTS.into(), slots };
    Facts { as_of: None, roots: vec![entity], ledger: Vec::new(), warnings: Vec::new() }
}
