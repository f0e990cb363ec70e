//! Keywords as the grammar reads them, and text rewritten from one keyword set to the other:
//! `policy fmt --lang`, and output that quotes an expression to a Chinese reader. A word is
//! taken for a keyword only where the grammar parses it as one, so a field called `total`, a
//! string or a comment is never touched.

use super::grammar::{PolicyParser, Rule};
use super::keywords::{self, Keyword, Lang};
use super::{parse_whole, pieces, SyntaxError};
use pest::Parser as _;

/// A keyword as the grammar read it: where it is written and its row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordUse {
    /// Its bytes in the text.
    pub range: (usize, usize),
    /// Its two spellings.
    pub keyword: &'static Keyword,
    /// The set it is written in.
    pub lang: Lang,
}

/// Every keyword of a file that parses, in order, as the grammar finds them: a word is one
/// only where the grammar reads it as one (a field may be called `total`), and never inside a
/// string, a comment or a test's JSON. Base types where a type goes (`money`, `金额`),
/// rounding words (`fen`, `分`) and duration units (`days`, `日`) count as keywords here,
/// and `in total` as the one word `累计`.
pub fn keyword_uses(text: &str) -> Result<Vec<KeywordUse>, Vec<SyntaxError>> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        let offset = piece.start;
        let Some(Ok(pairs)) = text.get(piece).map(|t| PolicyParser::parse(Rule::file, t)) else {
            return parse_whole(text).map(|_| Vec::new());
        };
        pairs.for_each(|pair| walk_keywords(pair, offset, &mut out));
    }
    Ok(out)
}

/// The keywords of `pair`, at `offset` in the text it was parsed from.
fn walk_keywords(pair: pest::iterators::Pair<Rule>, offset: usize, out: &mut Vec<KeywordUse>) {
    fn walk(pair: pest::iterators::Pair<Rule>, offset: usize, out: &mut Vec<KeywordUse>) {
        let (text, span) = (pair.as_str(), pair.as_span());
        // pest names a rule by its Debug form, which is the grammar's name for it.
        let name = format!("{:?}", pair.as_rule());
        let keyword = match pair.as_rule() {
            Rule::in_total => keywords::by_english("in total"),
            Rule::duration_unit => keywords::DURATION_UNITS.iter().find(|u| u.en == text || u.zh == text),
            Rule::rounding_unit | Rule::rounding_mode => {
                keywords::ROUNDING.iter().find(|r| r.en == text || r.zh == text)
            }
            _ => name.strip_prefix("kw_").and_then(keywords::by_english),
        };
        // A base type where a type goes: a field's (`研发投入: 金额`) or a parameter's.
        let type_name = match pair.as_rule() {
            Rule::type_ref => pair.clone().into_inner().next().filter(|p| p.as_rule() == Rule::ident),
            Rule::param => pair.clone().into_inner().nth(1),
            _ => None,
        };
        if let Some(ty) = type_name {
            if let Some(keyword) = keywords::TYPES.iter().find(|t| t.en == ty.as_str() || t.zh == ty.as_str()) {
                let lang = if ty.as_str() == keyword.zh { Lang::Zh } else { Lang::En };
                let span = ty.as_span();
                out.push(KeywordUse { range: (offset + span.start(), offset + span.end()), keyword, lang });
            }
            return;
        }
        match keyword {
            Some(keyword) => {
                let lang = if text == keyword.zh { Lang::Zh } else { Lang::En };
                out.push(KeywordUse { range: (offset + span.start(), offset + span.end()), keyword, lang });
            }
            None => pair.into_inner().for_each(|inner| walk(inner, offset, out)),
        }
    }
    walk(pair, offset, out);
}

/// The keyword set `text` is written in: Chinese if every keyword that has a Chinese word is
/// written in Chinese, English otherwise (a mixed file stays English). Types are left out.
pub fn written_in(uses: &[KeywordUse]) -> Lang {
    // Base types do not count: a Chinese file may well keep `money`.
    let counted = uses.iter().filter(|u| !u.keyword.zh.is_empty() && !keywords::TYPES.contains(u.keyword));
    let mut chinese = counted.map(|u| u.lang == Lang::Zh).peekable();
    if chinese.peek().is_some() && chinese.all(|zh| zh) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// `text` with every keyword written in `lang`; the rest (names, comments, layout) as it was.
pub fn translate(text: &str, lang: Lang) -> Result<String, Vec<SyntaxError>> {
    Ok(rewrite(text, &keyword_uses(text)?, lang))
}

/// An expression as printed (`20% of rd_cost max 100万`) with its keywords in `lang`
/// (`20% 的 rd_cost 最高 100万`), for output that quotes the rules to a reader of that
/// language; text that is not an expression is returned as it is.
pub fn expr_in(text: &str, lang: Lang) -> String {
    parsed_in(&[Rule::expr], text, lang).unwrap_or_else(|| text.to_string())
}

/// A test's `expect` line as printed (`expect CZ-05 for enterprise.E1: up_to 25万`) with its
/// keywords in `lang` (`期望 CZ-05 适用于 enterprise.E1: 不超过 25万`), for `policy test`'s
/// report; text that is not one is returned as it is.
pub fn expect_in(text: &str, lang: Lang) -> String {
    let rules = [Rule::expect_total, Rule::expect, Rule::expect_facts_error];
    parsed_in(&rules, text, lang).unwrap_or_else(|| text.to_string())
}

/// `text` with its keywords in `lang`, if the first of `rules` to read it reads all of it.
fn parsed_in(rules: &[Rule], text: &str, lang: Lang) -> Option<String> {
    rules.iter().find_map(|&start| {
        let pairs = PolicyParser::parse(start, text).ok().filter(|p| p.as_str().len() == text.len())?;
        let mut uses = Vec::new();
        pairs.for_each(|pair| walk_keywords(pair, 0, &mut uses));
        Some(rewrite(text, &uses, lang))
    })
}

/// `text` with the keywords at `uses` written in `lang`.
fn rewrite(text: &str, uses: &[KeywordUse], lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for u in uses {
        let (start, end) = u.range;
        out.push_str(text.get(at..start).unwrap_or_default());
        let written = text.get(start..end).unwrap_or_default();
        // A word already in the set stays as written (`year` and `years` are both English).
        out.push_str(if u.lang == lang { written } else { u.keyword.word(lang) });
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}
