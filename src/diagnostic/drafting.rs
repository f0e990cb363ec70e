//! The way Chinese drafters write, read back into the language: `2025年3月1日`, `最高2000万元`,
//! `不超过`, `1亿元以上`, `（含）`, full-width `１０００`. Each is recognised where the text
//! stops parsing (or, for what no grammar accepts, before parsing), and answered with the
//! text to write instead, so a hint never fires for text the grammar takes.

use std::ops::Range;

/// Which drafting habit a hint answers; it decides the help's explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrase {
    /// `2025年3月1日` → `2025-03-01`.
    Date,
    /// `最高2000万元` → `max 2000万元`.
    Max,
    /// `不超过2000万元` → `up_to 2000万元` (an amount of at most).
    UpTo,
    /// `超过5亿` → `> 5亿` in a condition.
    Comparison,
    /// `1亿元以上` → `[1亿, ..)` as a tier.
    Bound,
    /// `（含）` → the square bracket on its side.
    Included,
    /// `30天` → `30 days`.
    Duration,
    /// `１０００`, `，`, `、` → `1000`, `,`, `,`.
    FullWidth,
}

impl Phrase {
    /// The message key suffix: `syntax-drafting-help-<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Phrase::Date => "date",
            Phrase::Max => "max",
            Phrase::UpTo => "up-to",
            Phrase::Comparison => "comparison",
            Phrase::Bound => "bound",
            Phrase::Included => "included",
            Phrase::Duration => "duration",
            Phrase::FullWidth => "full-width",
        }
    }
}

/// What to write instead of the text at `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The habit.
    pub phrase: Phrase,
    /// The bytes of the drafter's wording.
    pub range: Range<usize>,
    /// The text to write there.
    pub fix: String,
}

/// Where in a rule the wording stands, which decides what `超过` or `以上` mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Inside a `tiers` or `marginal` table: a bound of an interval.
    Tier,
    /// After `when`, `if`, `and`, `or`, `where`: a comparison.
    Condition,
    /// Anywhere else (a reward): an amount.
    Amount,
}

/// The ASCII a full-width or Chinese punctuation mark stands for in an expression.
pub fn ascii(c: char) -> Option<char> {
    match c {
        '、' | '，' => Some(','),
        '\u{3000}' => Some(' '),
        '。' => Some('.'),
        c => crate::amounts::full_width(c),
    }
}

/// Characters of a figure as written: digits, separators, the scales and `元`.
fn in_figure(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '_' | '.' | '万' | '亿' | '元')
}

/// `2000万元` → `2000万`: `元` after a scale says nothing the scale does not.
fn figure(text: &str) -> String {
    match text.strip_suffix('元') {
        Some(scaled) if scaled.ends_with(['万', '亿']) => scaled.to_string(),
        _ => text.to_string(),
    }
}

/// Words before a figure, the habit each is, and how it reads in each context.
const BEFORE: &[(&str, Reading)] = &[
    ("不超过", Reading::AtMost),
    ("不高于", Reading::AtMost),
    ("不低于", Reading::AtLeast),
    ("最高", Reading::Max),
    ("最多", Reading::Max),
    ("超过", Reading::Above),
    ("高于", Reading::Above),
    ("大于", Reading::Above),
    ("低于", Reading::Below),
    ("小于", Reading::Below),
    ("不满", Reading::Below),
    ("不足", Reading::Below),
    ("达到", Reading::AtLeast),
];

/// Words after a figure.
const AFTER: &[(&str, Reading)] = &[
    ("（含）以上", Reading::AtLeast),
    ("(含)以上", Reading::AtLeast),
    ("以上（含）", Reading::AtLeast),
    ("以上(含)", Reading::AtLeast),
    ("以上（不含）", Reading::Above),
    ("以上(不含)", Reading::Above),
    ("及以上", Reading::AtLeast),
    ("以上", Reading::AtLeast),
    ("（含）以下", Reading::AtMost),
    ("(含)以下", Reading::AtMost),
    ("以下（含）", Reading::AtMost),
    ("以下(含)", Reading::AtMost),
    ("以下（不含）", Reading::Below),
    ("以下(不含)", Reading::Below),
    ("及以下", Reading::AtMost),
    ("以下", Reading::AtMost),
    ("以内", Reading::AtMost),
];

/// Durations after a figure that no keyword set writes so: `30天` → `30 days` (`年`, `个月`
/// and `日` are the Chinese keywords' own units).
const UNITS: &[(&str, &str, &str)] = &[("天", "day", "days")];

/// What a word says about the figure beside it. Chinese law counts 以上、以下、以内 with the
/// figure itself and 超过、不满、低于 without it (《民法典》第一千二百五十九条).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// 最高: a ceiling on the amount.
    Max,
    /// 不超过, 以下, 以内: at most, the figure included.
    AtMost,
    /// 以上, 不低于, 达到: at least, the figure included.
    AtLeast,
    /// 超过, 高于: above, the figure excluded.
    Above,
    /// 不满, 低于: below, the figure excluded.
    Below,
}

impl Reading {
    /// The text to write for `reading` of `n` where it stands.
    fn fix(self, n: &str, context: Context) -> (Phrase, String) {
        match (self, context) {
            (Reading::Max, _) => (Phrase::Max, format!("max {n}")),
            (Reading::AtMost, Context::Amount) => (Phrase::UpTo, format!("up_to {n}")),
            (Reading::AtMost, Context::Tier) => (Phrase::Bound, format!("[0, {n}]")),
            (Reading::Below, Context::Tier) => (Phrase::Bound, format!("[0, {n})")),
            (Reading::AtLeast, Context::Tier) => (Phrase::Bound, format!("[{n}, ..)")),
            (Reading::Above, Context::Tier) => (Phrase::Bound, format!("({n}, ..)")),
            (Reading::AtMost, _) => (Phrase::Comparison, format!("<= {n}")),
            (Reading::Below, _) => (Phrase::Comparison, format!("< {n}")),
            (Reading::AtLeast, _) => (Phrase::Comparison, format!(">= {n}")),
            (Reading::Above, _) => (Phrase::Comparison, format!("> {n}")),
        }
    }
}

/// Hints for what no grammar accepts, found before parsing: dates in 年月日, `（含）`, and
/// runs of full-width or Chinese punctuation outside strings and comments. `code` is each
/// stretch of text outside strings and comments, as byte ranges of `text`.
pub fn scan(text: &str, code: impl IntoIterator<Item = Range<usize>>, context: impl Fn(usize) -> Context) -> Vec<Hint> {
    let mut hints = Vec::new();
    for range in code {
        let mut at = range.start;
        while at < range.end {
            let rest = text.get(at..range.end).unwrap_or_default();
            let Some(c) = rest.chars().next() else { break };
            // Every habit begins with a digit, a bracket before `含`, or a character past
            // ASCII (a word like `最高`, a full-width figure): most code is passed at once.
            if c.is_ascii() && !c.is_ascii_digit() && c != '(' {
                at += 1;
                continue;
            }
            let starts_figure = c.is_ascii_digit() && !text.get(..at).is_some_and(|b| b.ends_with(in_figure));
            let found = if starts_figure { date(text, at) } else { None };
            let found = found
                .or_else(|| figure_then_mark(text, at, &context))
                .or_else(|| included(text, at))
                .or_else(|| full_width_run(text, at, range.end));
            match found {
                Some(hint) => {
                    at = hint.range.end;
                    hints.push(hint);
                }
                None => at += c.len_utf8(),
            }
        }
    }
    hints
}

/// `1亿（含）以上` starting at `at`: a figure and a word whose brackets no grammar takes.
fn figure_then_mark(text: &str, at: usize, context: &impl Fn(usize) -> Context) -> Option<Hint> {
    let rest = text.get(at..)?;
    let bracketed =
        phrase(rest, Context::Amount).and_then(|h| rest.get(h.range)).is_some_and(|w| w.contains(['（', '(']));
    // Where the wording stands is worked out only for the rare text that needs it.
    if !bracketed {
        return None;
    }
    let hint = phrase(rest, context(at))?;
    Some(Hint { range: at + hint.range.start..at + hint.range.end, ..hint })
}

/// `2025年3月1日` starting at `at`.
fn date(text: &str, at: usize) -> Option<Hint> {
    let rest = text.get(at..)?;
    let mut parts = [0u32; 3];
    let mut len = 0;
    for (part, mark) in parts.iter_mut().zip(['年', '月', '日']) {
        let digits: String = rest.get(len..)?.chars().take_while(char::is_ascii_digit).collect();
        let after = rest.get(len + digits.len()..)?;
        if digits.is_empty() || digits.len() > 4 || !after.starts_with(mark) {
            return None;
        }
        *part = digits.parse().ok()?;
        len += digits.len() + mark.len_utf8();
    }
    let [y, m, d] = parts;
    let fix = format!("{y:04}-{m:02}-{d:02}");
    Some(Hint { phrase: Phrase::Date, range: at..at + len, fix })
}

/// `（含）` or `（不含）` at `at`: inside an interval `[1亿（含）, 5亿)`, the interval with the
/// square (included) or round (excluded) bracket on the mark's side; elsewhere the figure it
/// follows, to be bracketed so.
fn included(text: &str, at: usize) -> Option<Hint> {
    let marks = [("（含）", true), ("(含)", true), ("（不含）", false), ("(不含)", false)];
    let (mark, inclusive) = marks.into_iter().find(|(m, _)| text.get(at..).is_some_and(|r| r.starts_with(m)))?;
    let after = at + mark.len();
    let interval = || {
        let open = text.get(..at)?.rfind(['[', '('])?;
        let close = after + text.get(after..)?.find([']', ')'])?;
        let inner = text.get(open + 1..close)?;
        let (lower, upper) = inner.split_once([',', '，']).filter(|_| !inner.contains(['\n', '{', '}']))?;
        let lower_side = at < open + 1 + lower.len();
        let bracket = |i: usize| text.get(i..).and_then(|r| r.chars().next());
        let (mut left, mut right) = (bracket(open)?, bracket(close)?);
        match (lower_side, inclusive) {
            (true, true) => left = '[',
            (true, false) => left = '(',
            (false, true) => right = ']',
            (false, false) => right = ')',
        }
        let clean = |s: &str| marks.iter().fold(s.to_string(), |s, (m, _)| s.replace(m, "")).trim().to_string();
        let fix = format!("{left}{}, {}{right}", clean(lower), clean(upper));
        Some(Hint { phrase: Phrase::Included, range: open..close + right.len_utf8(), fix })
    };
    interval().or_else(|| {
        let before = text.get(..at)?;
        let n = before.len() - before.trim_end_matches(in_figure).len();
        Some(Hint { phrase: Phrase::Included, range: at - n..after, fix: figure(before.get(at - n..)?) })
    })
}

/// A run of full-width figures and punctuation at `at`, written in ASCII.
fn full_width_run(text: &str, at: usize, end: usize) -> Option<Hint> {
    let rest = text.get(at..end)?;
    // The scale or `元` after full-width figures is part of the figure to rewrite: `１亿` → `1亿`.
    let mut run = String::new();
    for c in rest.chars() {
        let after_figure = run.ends_with(|d: char| ascii(d).is_some_and(|a| a.is_ascii_digit()) || in_figure(d));
        if ascii(c).is_none() && !(after_figure && matches!(c, '万' | '亿' | '元')) {
            break;
        }
        run.push(c);
    }
    if run.is_empty() {
        return None;
    }
    let fix: String = run.chars().map(|c| ascii(c).unwrap_or(c)).collect();
    Some(Hint { phrase: Phrase::FullWidth, range: at..at + run.len(), fix })
}

/// The hint for the wording where parsing stopped at `pos`, if the text there is a drafting
/// habit: a word before or after a figure (`最高2000万元`, `1亿以上`, `超过 5亿`), or a
/// duration (`30天`).
pub fn at(text: &str, pos: usize, context: Context) -> Option<Hint> {
    // Back over the figure parsing stopped in or after, then over a word before it.
    let mut start = pos.min(text.len());
    while let Some(c) = text.get(..start).and_then(|b| b.chars().next_back()).filter(|c| in_figure(*c)) {
        start -= c.len_utf8();
    }
    let before = text.get(..start)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if let Some((word, _)) = BEFORE.iter().find(|(w, _)| trimmed.ends_with(w)) {
        start = trimmed.len() - word.len();
    }
    phrase(text.get(start..)?, context).map(|h| Hint { range: start + h.range.start..start + h.range.end, ..h })
}

/// The hint for `text` read from its start: `[word] figure [word or unit]`.
pub fn phrase(text: &str, context: Context) -> Option<Hint> {
    let (reading, mut at) = match BEFORE.iter().find(|(w, _)| text.starts_with(w)) {
        Some((word, reading)) => (Some(*reading), word.len()),
        None => (None, 0),
    };
    if reading.is_some() {
        let rest = text.get(at..)?;
        at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }
    let n_start = at;
    at += text.get(at..)?.chars().take_while(|c| in_figure(*c)).map(char::len_utf8).sum::<usize>();
    let n = figure(text.get(n_start..at)?);
    if n.is_empty() || !n.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = text.get(at..)?;
    let after = AFTER.iter().find(|(w, _)| rest.starts_with(w));
    let (phrase, fix, len) = match (reading, after) {
        (Some(reading), None) => {
            let (phrase, fix) = reading.fix(&n, context);
            (phrase, fix, at)
        }
        (None, Some((word, reading))) => {
            let (phrase, fix) = reading.fix(&n, context);
            (phrase, fix, at + word.len())
        }
        (None, None) => {
            let (unit, one, many) = UNITS.iter().find(|(u, _, _)| rest.starts_with(u))?;
            let fix = format!("{n} {}", if n == "1" { one } else { many });
            (Phrase::Duration, fix, at + unit.len())
        }
        (Some(_), Some(_)) => return None,
    };
    Some(Hint { phrase, range: 0..len, fix })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, context: Context) -> Option<(Phrase, String, &str)> {
        phrase(text, context).map(|h| (h.phrase, h.fix, text.get(h.range).unwrap_or_default()))
    }

    #[test]
    fn words_around_a_figure() {
        use Context::*;
        assert_eq!(fix("最高2000万元，", Amount), Some((Phrase::Max, "max 2000万".into(), "最高2000万元")));
        assert_eq!(fix("不超过 500万", Amount), Some((Phrase::UpTo, "up_to 500万".into(), "不超过 500万")));
        assert_eq!(fix("超过5亿 =>", Tier), Some((Phrase::Bound, "(5亿, ..)".into(), "超过5亿")));
        assert_eq!(fix("1亿元以上 =>", Tier), Some((Phrase::Bound, "[1亿, ..)".into(), "1亿元以上")));
        assert_eq!(fix("1亿以上（不含）", Tier), Some((Phrase::Bound, "(1亿, ..)".into(), "1亿以上（不含）")));
        assert_eq!(fix("不低于1亿", Condition), Some((Phrase::Comparison, ">= 1亿".into(), "不低于1亿")));
        assert_eq!(fix("不满50", Condition), Some((Phrase::Comparison, "< 50".into(), "不满50")));
        assert_eq!(fix("30天", Condition), Some((Phrase::Duration, "30 days".into(), "30天")));
        assert_eq!(fix("3年", Condition), None);
        assert_eq!(fix("2000万", Amount), None);
        assert_eq!(fix("最高", Amount), None);
    }

    #[test]
    fn before_parsing() {
        let text = "on 2025年3月1日 \"2025年3月1日\" [1亿（含）, 5亿) x １０００万 a、b 1亿（含）以上";
        let code = std::iter::once(0..text.len());
        let hints: Vec<(Phrase, String, &str)> = scan(text, code, |_| Context::Tier)
            .into_iter()
            .map(|h| (h.phrase, h.fix, text.get(h.range).unwrap_or_default()))
            .collect();
        let expected: Vec<(Phrase, String, &str)> = vec![
            (Phrase::Date, "2025-03-01".into(), "2025年3月1日"),
            (Phrase::Date, "2025-03-01".into(), "2025年3月1日"),
            (Phrase::Included, "[1亿, 5亿)".into(), "[1亿（含）, 5亿)"),
            (Phrase::FullWidth, "1000万".into(), "１０００万"),
            (Phrase::FullWidth, ",".into(), "、"),
            (Phrase::Bound, "[1亿, ..)".into(), "1亿（含）以上"),
        ];
        assert_eq!(hints, expected);
    }
}
