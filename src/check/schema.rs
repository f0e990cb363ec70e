//! `schema` blocks → [`Schema`]: names declared once, types known, each child kind owned
//! by exactly one parent.

use super::{CheckError, Diagnostics};
use crate::ast::{self, Spanned, TypeRef};
use crate::program::{EnumDef, FieldDef, KindDef, Schema, Ty};
use std::collections::HashMap;

/// Names the facts JSON uses for itself.
pub const RESERVED: &[&str] = &["as_of", "ledger", "id"];

const BUILTIN: &[(&str, Ty)] = &[
    ("money", Ty::Money),
    ("rate", Ty::Rate),
    ("number", Ty::Number),
    ("count", Ty::Count),
    ("date", Ty::Date),
    ("duration", Ty::Duration),
    ("bool", Ty::Bool),
    ("text", Ty::Text),
];

/// Builds the schema from every `schema` block of every file, in order.
pub fn build(blocks: &[(usize, &Spanned<ast::Schema>)], diags: &mut Diagnostics) -> Schema {
    let mut schema = Schema::default();
    let mut seen: HashMap<String, (usize, ast::Span)> = HashMap::new();

    // Pass 1: names of enums and kinds, so fields may refer to kinds declared later.
    let mut declared = Vec::new();
    for &(file, block) in blocks {
        for e in &block.enums {
            if declare(&mut seen, &e.name, "type", file, diags) {
                let mut variants: Vec<String> = Vec::new();
                for v in &e.variants {
                    if variants.contains(&v.node) {
                        diags.error(
                            file,
                            duplicate("enum value", &v.node, format!(" within `{}`", e.name.node), v.span, None),
                        );
                    } else {
                        variants.push(v.node.clone());
                    }
                }
                schema.enums.push(EnumDef { name: e.name.node.clone(), variants });
            }
        }
        for k in &block.entities {
            if RESERVED.contains(&k.name.as_str()) {
                diags.error(file, CheckError::Reserved { name: k.name.node.clone(), span: k.name.span.into() });
            }
            if declare(&mut seen, &k.name, "type", file, diags) {
                schema.kinds.push(KindDef { name: k.name.node.clone(), fields: Vec::new(), parent: None });
                declared.push((file, k));
            }
        }
    }

    // Pass 2: fields, now that every type name is known.
    let names: Vec<(usize, ast::Span)> = declared.iter().map(|(file, k)| (*file, k.name.span)).collect();
    for (kind_id, (file, decl)) in declared.into_iter().enumerate() {
        let mut fields: Vec<FieldDef> = Vec::new();
        for f in &decl.fields {
            if RESERVED.contains(&f.name.as_str()) {
                diags.error(file, CheckError::Reserved { name: f.name.node.clone(), span: f.name.span.into() });
                continue;
            }
            if fields.iter().any(|x| x.name == f.name.node) {
                let scope = format!(" within entity `{}`", decl.name.node);
                diags.error(file, duplicate("field", &f.name.node, scope, f.name.span, None));
                continue;
            }
            let Some(ty) = resolve_type(&schema, &f.ty, file, diags) else { continue };
            if let Ty::List(child) = ty {
                set_parent(&mut schema, child, kind_id, &f.ty, file, diags);
            }
            let default = super::defaults::field_default(&schema, kind_id, f, ty, file, diags);
            fields.push(FieldDef { name: f.name.node.clone(), ty, optional: f.optional, default });
        }
        if let Some(kind) = schema.kinds.get_mut(kind_id) {
            kind.fields = fields;
        }
    }
    cycles(&schema, &names, diags);
    schema
}

/// Warns of kinds that own each other (`a` lists `b`, `b` lists `a`): facts start from the
/// top-level kinds, so nothing reaches them and their rules never apply. Each kind is walked
/// once, so a long chain costs its length.
fn cycles(schema: &Schema, names: &[(usize, ast::Span)], diags: &mut Diagnostics) {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; schema.kinds.len()];
    for start in 0..schema.kinds.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(k) = at {
            match state.get(k) {
                Some(&UNSEEN) => {}
                Some(&ON_PATH) => {
                    let from = path.iter().position(|&p| p == k).unwrap_or(0);
                    report_cycle(schema, names, path.get(from..).unwrap_or_default(), diags);
                    break;
                }
                _ => break,
            }
            state.get_mut(k).into_iter().for_each(|s| *s = ON_PATH);
            path.push(k);
            at = schema.kinds.get(k).and_then(|d| d.parent);
        }
        for k in path {
            state.get_mut(k).into_iter().for_each(|s| *s = DONE);
        }
    }
}

fn report_cycle(schema: &Schema, names: &[(usize, ast::Span)], cycle: &[usize], diags: &mut Diagnostics) {
    let mut members: Vec<usize> = cycle.to_vec();
    members.sort_unstable();
    let quoted: Vec<String> =
        members.iter().filter_map(|&k| schema.kinds.get(k)).map(|k| format!("`{}`", k.name)).collect();
    let kinds = match quoted.split_last() {
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => return,
    };
    if let Some(&(file, span)) = members.first().and_then(|&k| names.get(k)) {
        diags.error(file, CheckError::EntityCycle { kinds, span: span.into() });
    }
}

/// Records a new top-level name; reports it if taken.
fn declare(
    seen: &mut HashMap<String, (usize, ast::Span)>,
    name: &ast::Ident,
    what: &str,
    file: usize,
    diags: &mut Diagnostics,
) -> bool {
    let builtin = BUILTIN.iter().any(|(b, _)| *b == name.node);
    match seen.get(&name.node) {
        Some(&(first_file, first)) => {
            let first = (first_file == file).then_some(first);
            diags.error(file, duplicate(what, &name.node, " across the schema".into(), name.span, first));
            false
        }
        None if builtin => {
            diags.error(file, duplicate(what, &name.node, " (it is a built-in type)".into(), name.span, None));
            false
        }
        None => {
            seen.insert(name.node.clone(), (file, name.span));
            true
        }
    }
}

pub(super) fn duplicate(
    what: &str,
    name: &str,
    scope: String,
    span: ast::Span,
    first: Option<ast::Span>,
) -> CheckError {
    CheckError::Duplicate {
        what: what.into(),
        name: name.into(),
        scope,
        span: span.into(),
        first: first.map(Into::into),
    }
}

fn resolve_type(schema: &Schema, ty: &Spanned<TypeRef>, file: usize, diags: &mut Diagnostics) -> Option<Ty> {
    let (name, list) = match &ty.node {
        TypeRef::Named(n) => (n, false),
        TypeRef::List(n) => (n, true),
    };
    if list {
        if let Some(k) = schema.kind_named(name) {
            return Some(Ty::List(k));
        }
    } else if let Some((_, t)) = BUILTIN.iter().find(|(b, _)| b == name) {
        return Some(*t);
    } else if let Some(e) = schema.enum_named(name) {
        return Some(Ty::Enum(e));
    }
    let candidates: Vec<&str> = if list {
        schema.kinds.iter().map(|k| k.name.as_str()).collect()
    } else {
        BUILTIN.iter().map(|(b, _)| *b).chain(schema.enums.iter().map(|e| e.name.as_str())).collect()
    };
    let mut help = super::suggest::help(name, candidates, if list { "entity kind" } else { "type" });
    if !list && schema.kind_named(name).is_some() {
        help = format!("`{name}` is an entity kind; a list of them is written `[{name}]`");
    }
    diags.error(file, CheckError::UnknownType { name: name.clone(), help, span: ty.span.into() });
    None
}

fn set_parent(
    schema: &mut Schema,
    child: usize,
    parent: usize,
    at: &Spanned<TypeRef>,
    file: usize,
    diags: &mut Diagnostics,
) {
    let parent_name = schema.kinds.get(parent).map(|k| k.name.clone()).unwrap_or_default();
    let Some(kind) = schema.kinds.get_mut(child) else { return };
    match kind.parent {
        None if child != parent => kind.parent = Some(parent),
        _ => {
            let first = kind.parent.and_then(|p| schema.kinds.get(p)).map_or(parent_name.clone(), |k| k.name.clone());
            let kind_name = schema.kinds.get(child).map(|k| k.name.clone()).unwrap_or_default();
            diags.error(
                file,
                CheckError::TwoParents { kind: kind_name, first, second: parent_name, span: at.span.into() },
            );
        }
    }
}
