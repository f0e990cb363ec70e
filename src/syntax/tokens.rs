//! The lexical layer: source text as a flat run of tokens with their byte ranges. This is the
//! one scanner outside pest: the parser's pre-checks (bracket depth, full-width figures, where
//! a piece may end), the formatter (where comments are), and the REPL's highlighting and
//! completion all read it, so they agree on where strings and comments begin and end.

use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Whitespace, line breaks included.
    Space,
    /// `// …` to the end of the line (the line break excluded).
    Comment,
    /// `"…"` with its quotes and escapes; `closed` is false when the text ends first.
    Text {
        /// Whether the closing quote was found.
        closed: bool,
    },
    /// A figure as written: `4_000_000`, `400万`, `12.5%`, `5‰`, `30元`, or a date `2027-12-31`.
    Number,
    /// A name or keyword, in the grammar's classes (Unicode XID, and `_`): `rd_cost`, `reward`,
    /// `研发投入`, `奖励`.
    Word,
    /// Any other single character: brackets, operators, `.`, and full-width punctuation.
    Punct(char),
}

/// A token and the bytes it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is, as byte offsets into the scanned text.
    pub range: Range<usize>,
}

impl Token {
    /// The token's text in `source` (the text it was scanned from).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.range.clone()).unwrap_or_default()
    }
}

/// True for a character that starts a name: the grammar's `XID_START | "_"`, full-width
/// forms (`ｘ`) excepted.
pub fn starts_word(c: char) -> bool {
    c == '_' || (!is_full_width(c) && pest::unicode::XID_START(c))
}

/// True for a character that continues a name (and ends a keyword if it does not follow):
/// the grammar's `ident_char`.
pub fn continues_word(c: char) -> bool {
    !is_full_width(c) && pest::unicode::XID_CONTINUE(c)
}

/// The grammar's `full_width`: the Halfwidth and Fullwidth Forms block.
fn is_full_width(c: char) -> bool {
    ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// The `///` lines just above the declaration whose name starts at `offset` (`/// 研发费用` over
/// `rd_cost: money`, or over `entity drug {`), joined by line breaks: the label a schema item
/// carries into the IR, the facts JSON Schema and the REPL. The name must open its line, after
/// at most `extend`, `enum` or `entity`, so a value listed after others on one line has none.
pub fn doc_before(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = before.get(line_start..)?;
    if !prefix.split_whitespace().all(|w| matches!(super::english(w), "extend" | "enum" | "entity")) {
        return None;
    }
    let above = before.get(..line_start)?;
    let doc: Vec<&str> = above
        .lines()
        .rev()
        .map(str::trim)
        .take_while(|l| l.starts_with("///"))
        .map(|l| l.trim_start_matches('/').trim())
        .collect();
    let label = doc.into_iter().rev().collect::<Vec<_>>().join("\n");
    (!label.trim().is_empty()).then_some(label)
}

/// Characters that continue a figure after its first digit: digits, `_` separators, the
/// decimal point, the Chinese scales and `元`, and the rate signs.
fn continues_number(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '_' | '.' | '万' | '亿' | '元' | '%' | '‰')
}

/// Walks `text` once, left to right, and yields every character in exactly one token.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        let end_while = |chars: &mut std::iter::Peekable<std::str::CharIndices>, keep: &dyn Fn(char) -> bool| {
            while chars.next_if(|(_, n)| keep(*n)).is_some() {}
            chars.peek().map_or(text.len(), |(i, _)| *i)
        };
        let kind = match c {
            c if c.is_whitespace() => {
                let end = end_while(&mut chars, &|n| n.is_whitespace());
                return Some(Token { kind: TokenKind::Space, range: at..end });
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                let end = end_while(&mut chars, &|n| n != '\n');
                return Some(Token { kind: TokenKind::Comment, range: at..end });
            }
            '"' => {
                let mut escaped = false;
                for (i, n) in chars.by_ref() {
                    match n {
                        '"' if !escaped => {
                            return Some(Token { kind: TokenKind::Text { closed: true }, range: at..i + 1 });
                        }
                        '\\' => escaped = !escaped,
                        _ => escaped = false,
                    }
                }
                return Some(Token { kind: TokenKind::Text { closed: false }, range: at..text.len() });
            }
            c if c.is_ascii_digit() => {
                let mut end = end_while(&mut chars, &continues_number);
                // A date: four digits, then `-MM-DD`.
                let rest = text.get(end..).unwrap_or_default().as_bytes();
                let is_date = end - at == 4
                    && rest.len() >= 6
                    && rest.first() == Some(&b'-')
                    && rest.get(3) == Some(&b'-')
                    && [1, 2, 4, 5].iter().all(|i| rest.get(*i).is_some_and(u8::is_ascii_digit));
                if is_date {
                    end += 6;
                    while chars.next_if(|(i, _)| *i < end).is_some() {}
                }
                TokenKind::Number.with(at..end)
            }
            c if starts_word(c) => {
                let end = end_while(&mut chars, &continues_word);
                TokenKind::Word.with(at..end)
            }
            c => TokenKind::Punct(c).with(at..at + c.len_utf8()),
        };
        Some(kind)
    })
}

impl TokenKind {
    fn with(self, range: Range<usize>) -> Token {
        Token { kind: self, range }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens(text).filter(|t| t.kind != TokenKind::Space).map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn every_byte_is_in_exactly_one_token() {
        let text = "rule A for d { reward 20% of x max 400万 // 注释 \"q\"\n on 2027-12-31 when s == \"a\\\"b\" }";
        let mut at = 0;
        for t in tokens(text) {
            assert_eq!(t.range.start, at, "{t:?}");
            at = t.range.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn strings_comments_numbers_and_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("reward 20% of rd_cost // max 1亿\n\"a // b\" 2027-12-31 5-3 （"),
            vec![
                (Word, "reward"),
                (Number, "20%"),
                (Word, "of"),
                (Word, "rd_cost"),
                (Comment, "// max 1亿"),
                (Text { closed: true }, "\"a // b\""),
                (Number, "2027-12-31"),
                (Number, "5"),
                (Punct('-'), "-"),
                (Number, "3"),
                (Punct('（'), "（"),
            ]
        );
        assert_eq!(kinds("\"open \\\" still"), vec![(Text { closed: false }, "\"open \\\" still")]);
    }

    #[test]
    fn doc_comments_above_a_name_are_its_label() {
        let text = "/// 药品\n/// 研发中\nentity drug {\n  /// 研发费用\n  rd_cost: money\n  // plain\n  x: money\n}\nenum p { a, b }";
        let at = |name: &str| text.find(name).unwrap_or_default();
        assert_eq!(doc_before(text, at("drug")).as_deref(), Some("药品\n研发中"));
        assert_eq!(doc_before(text, at("rd_cost")).as_deref(), Some("研发费用"));
        assert_eq!(doc_before(text, at("x:")), None);
        assert_eq!(doc_before(text, at("b }")), None);
    }

    #[test]
    fn chinese_words_are_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("奖励 20% 的 研发投入_2 最高 400万元 药品:"),
            vec![
                (Word, "奖励"),
                (Number, "20%"),
                (Word, "的"),
                (Word, "研发投入_2"),
                (Word, "最高"),
                (Number, "400万元"),
                (Word, "药品"),
                (Punct(':'), ":"),
            ]
        );
        // Full-width punctuation and figures are not part of a word.
        assert_eq!(kinds("阶段，"), vec![(Word, "阶段"), (Punct('，'), "，")]);
        assert_eq!(kinds("最高１"), vec![(Word, "最高"), (Punct('１'), "１")]);
    }
}
