//! `schema` blocks → [`Schema`]: names declared once, types known, each child kind owned
//! by exactly one parent.

use super::{CheckError, Diagnostics};
use crate::ast::{self, Spanned, TypeRef};
use crate::diagnostic::{and_list, noun};
use crate::program::{EnumDef, FieldDef, KindDef, Schema, Ty};
use crate::t;
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

/// A type name already taken, and by what.
#[derive(Clone, Copy)]
enum Taken {
    Enum(usize),
    Kind(usize),
}

/// Where each name of one namespace was first defined: file and span.
type Seen<K> = HashMap<K, (usize, ast::Span)>;

/// An enum's or entity's body to add to what is declared: its file, the enum or kind it
/// adds to, the declaration, and whether clashes inside it go unreported (a declaration
/// repeated by mistake, already reported once as a whole).
type Body<'a, T> = (usize, usize, &'a Spanned<T>, bool);

/// Builds the schema from every `schema` block of every file, in order: first what the
/// blocks declare, then what they `extend`, so an extension may stand in any file.
pub fn build(texts: &[&str], blocks: &[(usize, &Spanned<ast::Schema>)], diags: &mut Diagnostics) -> Schema {
    // The `///` lines above a name in its file: the item's label.
    let label =
        |file: usize, name: &ast::Ident| texts.get(file).and_then(|t| crate::syntax::doc_before(t, name.span.start));
    let mut schema = Schema::default();
    let mut seen: Seen<String> = HashMap::new();
    let mut taken: HashMap<String, Taken> = HashMap::new();
    let mut enum_bodies: Vec<Body<ast::EnumDecl>> = Vec::new();
    let mut kind_bodies: Vec<Body<ast::EntityDecl>> = Vec::new();
    let mut names: Vec<(usize, ast::Span)> = Vec::new();

    // Pass 1: names of enums and kinds, so fields may refer to kinds declared later. A name
    // declared again is one error; its body is still read as an extension, so that rules
    // using what it adds do not fail after it (no cascade).
    for &(file, block) in blocks {
        for e in block.enums.iter().filter(|e| !e.extend) {
            let other = matches!(taken.get(&e.name.node), Some(Taken::Kind(_)));
            match declare(&mut seen, &e.name, ("enum", other), file, diags).then_some(schema.enums.len()) {
                Some(id) => {
                    schema.enums.push(EnumDef {
                        name: e.name.node.clone(),
                        variants: Vec::new(),
                        label: label(file, &e.name),
                        variant_labels: Vec::new(),
                    });
                    taken.insert(e.name.node.clone(), Taken::Enum(id));
                    enum_bodies.push((file, id, e, false));
                }
                None => {
                    if let Some(&Taken::Enum(id)) = taken.get(&e.name.node) {
                        enum_bodies.push((file, id, e, true));
                    }
                }
            }
        }
        for k in block.entities.iter().filter(|k| !k.extend) {
            if RESERVED.contains(&k.name.as_str()) {
                diags.error(file, CheckError::Reserved { name: k.name.node.clone(), span: k.name.span.into() });
            }
            let other = matches!(taken.get(&k.name.node), Some(Taken::Enum(_)));
            match declare(&mut seen, &k.name, ("entity", other), file, diags).then_some(schema.kinds.len()) {
                Some(id) => {
                    schema.kinds.push(KindDef {
                        name: k.name.node.clone(),
                        fields: Vec::new(),
                        parent: None,
                        label: label(file, &k.name),
                    });
                    taken.insert(k.name.node.clone(), Taken::Kind(id));
                    names.push((file, k.name.span));
                    kind_bodies.push((file, id, k, false));
                }
                None => {
                    if let Some(&Taken::Kind(id)) = taken.get(&k.name.node) {
                        kind_bodies.push((file, id, k, true));
                    }
                }
            }
        }
    }
    // Extensions, now that every declared name is known.
    for &(file, block) in blocks {
        for e in block.enums.iter().filter(|e| e.extend) {
            match schema.enum_named(&e.name) {
                Some(id) => enum_bodies.push((file, id, e, false)),
                None => unknown_extension(&schema, "enum", &e.name, file, diags),
            }
        }
        for k in block.entities.iter().filter(|k| k.extend) {
            match schema.kind_named(&k.name) {
                Some(id) => kind_bodies.push((file, id, k, false)),
                None => unknown_extension(&schema, "entity", &k.name, file, diags),
            }
        }
    }

    let mut variants_seen: Seen<(usize, String)> = HashMap::new();
    for (file, id, decl, quiet) in enum_bodies {
        for v in &decl.variants {
            let key = (id, v.node.clone());
            if let Some(&first) = variants_seen.get(&key) {
                if !quiet {
                    let help = unique("enum value", Scope::Within(&decl.name.node));
                    diags.error(file, defined_twice("enum value", &v.node, help, file, v.span, first));
                }
                continue;
            }
            variants_seen.insert(key, (file, v.span));
            if let Some(def) = schema.enums.get_mut(id) {
                def.variants.push(v.node.as_str().into());
                def.variant_labels.push(label(file, v));
            }
        }
    }

    // Pass 2: fields, now that every type name is known.
    let mut fields_seen: Seen<(usize, String)> = HashMap::new();
    for (file, kind_id, decl, quiet) in kind_bodies {
        for f in &decl.fields {
            if RESERVED.contains(&f.name.as_str()) {
                diags.error(file, CheckError::Reserved { name: f.name.node.clone(), span: f.name.span.into() });
                continue;
            }
            let key = (kind_id, f.name.node.clone());
            if let Some(&first) = fields_seen.get(&key) {
                if !quiet {
                    let help = unique("field", Scope::Entity(&decl.name.node));
                    diags.error(file, defined_twice("field", &f.name.node, help, file, f.name.span, first));
                }
                continue;
            }
            fields_seen.insert(key, (file, f.name.span));
            if decl.extend && !f.optional {
                let ty = match &f.ty.node {
                    TypeRef::Named(n) => n.clone(),
                    TypeRef::List(n) => format!("[{n}]"),
                };
                let (kind, field) = (decl.name.node.clone(), f.name.node.clone());
                diags.error(file, CheckError::RequiredExtension { kind, field, ty, span: f.name.span.into() });
            }
            let Some(ty) = resolve_type(&schema, &f.ty, file, diags) else { continue };
            if let Ty::List(child) = ty {
                set_parent(&mut schema, child, kind_id, &f.ty, file, diags);
            }
            let default = super::defaults::field_default(&schema, kind_id, f, ty, file, diags);
            if let Some(kind) = schema.kinds.get_mut(kind_id) {
                let label = label(file, &f.name);
                kind.fields.push(FieldDef { name: f.name.node.clone(), ty, optional: f.optional, default, label });
            }
        }
    }
    cycles(&schema, &names, diags);
    schema
}

/// A keyword (`enum`, `entity`) as the reader's keyword set writes it, for a help that
/// shows source to write.
fn keyword(en: &str) -> &str {
    crate::syntax::keyword_in(en, crate::i18n::lang())
}

fn unknown_extension(schema: &Schema, what: &str, name: &ast::Ident, file: usize, diags: &mut Diagnostics) {
    let help = match what {
        "enum" => super::suggest::help(name, schema.enums.iter().map(|e| e.name.as_str()), "enum"),
        _ => super::suggest::help(name, schema.kinds.iter().map(|k| k.name.as_str()), "entity kind"),
    };
    let help = t!(
        "check-unknown-extension-help",
        suggestion = help,
        noun = noun(what),
        keyword = keyword(what),
        name = &name.node
    );
    diags.error(
        file,
        CheckError::UnknownExtension { what: what.into(), name: name.node.clone(), help, span: name.span.into() },
    );
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
    if quoted.is_empty() {
        return;
    }
    let kinds = and_list(&quoted);
    if let Some(&(file, span)) = members.first().and_then(|&k| names.get(k)) {
        diags.error(file, CheckError::EntityCycle { kinds, span: span.into() });
    }
}

/// Records a new type name (`what` is `enum` or `entity`, and whether the name is taken by
/// the other of the two); reports it if taken.
fn declare(
    seen: &mut Seen<String>,
    name: &ast::Ident,
    (what, other): (&str, bool),
    file: usize,
    diags: &mut Diagnostics,
) -> bool {
    let builtin = BUILTIN.iter().any(|(b, _)| *b == name.node);
    match seen.get(&name.node) {
        Some(&first) => {
            let help = match other {
                true => t!("check-enum-entity-names-help"),
                false => t!("check-declared-once-help", what = keyword(what), name = &name.node),
            };
            diags.error(file, defined_twice(what, &name.node, help, file, name.span, first));
            false
        }
        None if builtin => {
            diags.error(file, duplicate("type", &name.node, Scope::BuiltIn, name.span, None));
            false
        }
        None => {
            seen.insert(name.node.clone(), (file, name.span));
            true
        }
    }
}

/// Where a name must be unique, as a duplicate's help says it.
#[derive(Clone, Copy)]
pub(super) enum Scope<'a> {
    /// Within a named enum or schedule: `` within `city` ``.
    Within(&'a str),
    /// Within an entity's fields.
    Entity(&'a str),
    /// Across every file loaded.
    Files,
    /// Within one policy.
    Policy,
    /// Within one `by` table.
    Table,
    /// Within one `split`.
    Split,
    /// Beside the built-in types.
    BuiltIn,
}

/// The usual help for a duplicate: names of `what`s must be unique within `scope`.
pub(super) fn unique(what: &str, scope: Scope) -> String {
    let what = crate::diagnostic::nouns(what);
    match scope {
        Scope::Within(name) => t!("check-unique-within", what = what, name = name),
        Scope::Entity(name) => t!("check-unique-entity", what = what, name = name),
        Scope::Files => t!("check-unique-files", what = what),
        Scope::Policy => t!("check-unique-policy", what = what),
        Scope::Table => t!("check-unique-table", what = what),
        Scope::Split => t!("check-unique-split", what = what),
        Scope::BuiltIn => t!("check-unique-builtin", what = what),
    }
}

/// A name defined twice in one file: the second place, and the first when known.
pub(super) fn duplicate(what: &str, name: &str, scope: Scope, span: ast::Span, first: Option<ast::Span>) -> CheckError {
    CheckError::Duplicate {
        what: what.into(),
        name: name.into(),
        help: unique(what, scope),
        span: span.into(),
        first: first.map(Into::into),
        first_elsewhere: None,
    }
}

/// A name defined twice, in `file` at `span` and first at `first` (a file and span): one
/// error pointing at both, in one file or across two.
pub(super) fn defined_twice(
    what: &str,
    name: &str,
    help: String,
    file: usize,
    span: ast::Span,
    first: (usize, ast::Span),
) -> CheckError {
    let (first_file, first_span) = first;
    CheckError::Duplicate {
        what: what.into(),
        name: name.into(),
        help,
        span: span.into(),
        first: (first_file == file).then_some(first_span.into()),
        first_elsewhere: (first_file != file).then_some((first_file, first_span.into())),
    }
}

pub(super) fn resolve_type(schema: &Schema, ty: &Spanned<TypeRef>, file: usize, diags: &mut Diagnostics) -> Option<Ty> {
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
        help = t!("check-list-of-kind-help", name = name);
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
