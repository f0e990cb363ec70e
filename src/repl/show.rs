//! How the REPL shows things: money with its 万/亿 short form (values and awards are shown
//! by [`crate::program::Schema::show`] with it), and the
//! `:rules`, `:schema` and `:show` listings.

use super::{Output, Session};
use crate::amounts::group_digits;
use crate::program::Ty;
use crate::t;
use rust_decimal::Decimal;

/// Money in full to the fen, after its exact 万/亿 form when there is one:
/// `600万 (6,000,000.00)`, `1.5亿 (150,000,000.00)`, `1,234.56`; in Chinese with 元:
/// `600万元（6,000,000.00元）`.
pub fn money(amount: Decimal) -> String {
    let mut full = amount.normalize();
    if full.scale() < 2 {
        full.rescale(2);
    }
    let text = full.to_string();
    let full = match text.strip_prefix('-') {
        Some(digits) => format!("-{}", group_digits(digits, ',')),
        None => group_digits(&text, ','),
    };
    let yuan = if crate::i18n::lang() == crate::i18n::Lang::Zh { "元" } else { "" };
    match crate::amounts::wan(amount) {
        Some(short) if yuan.is_empty() => format!("{short} ({full})"),
        Some(short) => format!("{short}元（{full}元）"),
        None => format!("{full}{yuan}"),
    }
}

impl Session {
    /// `:rules`: policy, id, kind, cite and title of every rule.
    pub(super) fn rules(&self) -> Output {
        if self.program.rules.is_empty() {
            return Output::done(t!("repl-no-rules-yet"));
        }
        let heading =
            ["repl-column-policy", "repl-column-rule", "repl-column-for", "repl-column-cite", "repl-column-title"];
        let mut rows = vec![heading.map(|key| crate::i18n::message(key, &[])).to_vec()];
        for rule in &self.program.rules {
            rows.push(vec![
                self.program.policies.get(rule.policy).map_or(String::new(), |p| p.id.to_string()),
                rule.id.clone(),
                self.schema().kinds.get(rule.kind).map_or(String::new(), |k| k.name.clone()),
                rule.cite.clone().unwrap_or_default(),
                rule.title.clone().unwrap_or_default(),
            ]);
        }
        Output::done(columns(&rows, self.config.width))
    }

    /// `:schema`: enums, then each kind with its fields, as the language writes them, each
    /// under its `///` label.
    pub(super) fn schema_listing(&self) -> Output {
        let schema = self.schema();
        if schema.kinds.is_empty() && schema.enums.is_empty() {
            return Output::done(t!("repl-no-schema-yet"));
        }
        let mut out = String::new();
        for e in &schema.enums {
            doc(&mut out, "", e.label.as_deref());
            if e.variant_labels.iter().all(Option::is_none) {
                out.push_str(&format!("enum {} {{ {} }}\n", e.name, e.variants.join(", ")));
                continue;
            }
            out.push_str(&format!("enum {} {{\n", e.name));
            for (variant, label) in e.variants.iter().zip(&e.variant_labels) {
                doc(&mut out, "  ", label.as_deref());
                out.push_str(&format!("  {variant},\n"));
            }
            out.push_str("}\n");
        }
        for (kind, def) in schema.kinds.iter().enumerate() {
            let owner = def.parent.and_then(|p| schema.kinds.get(p)).map(|parent| {
                let list = parent.fields.iter().find(|f| f.ty == Ty::List(kind)).map_or("", |f| f.name.as_str());
                format!("   // {}", t!("repl-schema-listed-in", list = format!("{}.{list}", parent.name)))
            });
            out.push('\n');
            doc(&mut out, "", def.label.as_deref());
            out.push_str(&format!("entity {} {{{}\n", def.name, owner.unwrap_or_default()));
            for field in &def.fields {
                let optional = if field.optional { "?" } else { "" };
                let default = field
                    .default
                    .as_ref()
                    .map_or(String::new(), |d| format!(" default {}", schema.show(d, field.ty, money)));
                doc(&mut out, "  ", field.label.as_deref());
                out.push_str(&format!("  {}{optional}: {}{default}\n", field.name, schema.type_name(&field.ty)));
            }
            out.push_str("}\n");
        }
        Output::done(in_reader_keywords(out.trim_start()))
    }

    /// `:show <rule>`: where the rule is and what it cites, then its text with the comments
    /// written just above it (where the rules explain the reading chosen).
    pub(super) fn show_rule(&self, name: &str) -> Output {
        if name.is_empty() {
            return Output::failed(t!(
                "repl-usage",
                usage = format!(":show {}", super::commands::placeholders("<rule>"))
            ));
        }
        let index = match self.find_rule(name) {
            Ok(index) => index,
            Err(failed) => return failed,
        };
        let Some(rule) = self.program.rules.get(index) else { return Output::failed(t!("repl-no-such-rule")) };
        let Some(source) = self.program.sources.get(rule.source) else {
            return Output::failed(t!("repl-source-not-kept"));
        };
        let text = &source.text;
        let start = text.get(..rule.span.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        let mut from = start;
        while let Some(above) = text.get(..from.saturating_sub(1)).filter(|_| from > 0) {
            let line_start = above.rfind('\n').map_or(0, |i| i + 1);
            let line = above.get(line_start..).unwrap_or_default();
            if !line.trim_start().starts_with("//") {
                break;
            }
            from = line_start;
        }
        let (line, _) = source.line_col(rule.span.start);
        let policy = self.program.policies.get(rule.policy);
        // The citation first: the document and its clause, then where the text is.
        let mut cited: Vec<String> =
            policy.and_then(|p| p.document.clone().or_else(|| p.title.clone())).into_iter().collect();
        cited.extend(rule.cite.clone());
        let cited = if cited.is_empty() { String::new() } else { format!("{} — ", cited.join(" ")) };
        let policy = policy.map_or("?", |p| &*p.id);
        let header = format!("// {cited}{}:{line}, policy {policy}", source.name);
        let body = text.get(from..rule.span.end).unwrap_or_default();
        Output::done(format!("{header}\n{body}"))
    }
}

/// An item's label as the schema writes it: a `///` line for each of its lines.
fn doc(out: &mut String, indent: &str, label: Option<&str>) {
    for line in label.into_iter().flat_map(str::lines) {
        out.push_str(&format!("{indent}/// {line}\n"));
    }
}

/// Rows as aligned columns (by display width, so Chinese lines up), header first, as
/// `policy eval`'s table lays them out.
pub fn columns(rows: &[Vec<String>], width: Option<u16>) -> String {
    crate::output::grid(rows, width).into_iter().flatten().map(|line| line + "\n").collect()
}

/// Schema text (`entity enterprise { rd_cost: money }`) in the reader's keywords and type
/// names (`实体 enterprise { rd_cost: 金额 }`), as `policy fmt --lang` writes them; as it is
/// if it does not read as a schema.
fn in_reader_keywords(text: &str) -> String {
    let lang = crate::i18n::lang();
    let wrapped = format!("schema {{\n{text}}}\n");
    let Ok(translated) = crate::syntax::translate(&wrapped, lang) else { return text.to_string() };
    let body = translated.split_once('\n').map(|(_, rest)| rest).unwrap_or_default();
    body.strip_suffix("}\n").unwrap_or(body).to_string()
}
