//! Text from users made safe for a terminal. Entity ids, JSON keys, cites and source text are
//! the user's; printed raw, an ANSI or OSC escape recolours or retitles the terminal, a CR
//! overwrites the line (forging a table row), and a bidi override reorders what follows.
//! Every human output passes user text through [`escape`]; JSON output is left to serde.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character (C0, DEL, C1) and bidi override or isolate
/// (U+202A–U+202E, U+2066–U+2069) written as a visible escape: `\n`, `\r`, `\t`, else
/// `\u{1b}`. Text without any is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] for text of several lines: each line escaped, the line breaks kept.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && unsafe_char(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

/// True for what must not reach a terminal raw.
fn unsafe_char(c: char) -> bool {
    c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}
