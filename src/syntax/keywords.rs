//! The language's keywords, in one table of English and Chinese words: the grammar's `kw_*`
//! rules accept either word of their row, highlighting and completion offer both, and
//! `policy fmt --lang zh` writes the Chinese one. A test holds the table equal to the grammar.
//!
//! Separation: a keyword ends where a name could not go on, in either language. Chinese is
//! written without spaces, but `奖励研发投入` is one name, as `rewardrd_cost` would be, so a
//! keyword and a name are separated by a space (or a bracket, operator or other punctuation):
//! `奖励 研发投入`, `20% 的 研发投入`, `阶段 属于 { 一期, 二期 }`.

/// A keyword's two spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// As the English keyword set writes it, which is also its grammar rule's name (`kw_…`).
    /// `in total` is a phrase of two keywords in English and one word in Chinese (`累计`);
    /// its rule `kw_in_total` accepts the Chinese word only.
    pub en: &'static str,
    /// As the Chinese keyword set writes it; empty for the few words that exist only so that
    /// English `eval` output can be pasted into a test (`up to`, `case by case`).
    pub zh: &'static str,
}

const fn kw(en: &'static str, zh: &'static str) -> Keyword {
    Keyword { en, zh }
}

/// Every keyword, sorted by its English word. Chosen so that a Chinese file reads like the
/// policy text in the same word order: `规则 CZ-05 适用于 企业 { 当 … 奖励 20% 的 研发投入
/// 最高 100万 一次性 }`.
pub const KEYWORDS: &[Keyword] = &[
    kw("acknowledge", "确认"),
    kw("after", "后于"),
    kw("all", "全部"),
    kw("amendment", "修订"),
    kw("and", "且"),
    kw("any", "任一"),
    kw("as_of", "评估日"),
    kw("by", "按"),
    kw("cap", "上限"),
    kw("case", ""),
    kw("case_by_case", "一事一议"),
    kw("change", "修改"),
    kw("choose", "择"),
    kw("cite", "依据"),
    kw("count", "数量"),
    kw("default", "默认"),
    kw("dept", "责任单位"),
    kw("document", "文号"),
    kw("earlier", "此前已获"),
    kw("earliest", "时间最早"),
    kw("effective", "施行"),
    kw("else", "否则"),
    kw("entity", "实体"),
    kw("enum", "枚举"),
    kw("every_event", "每次"),
    kw("excluded", "排除"),
    kw("expect", "期望"),
    kw("expires", "有效期至"),
    kw("extend", "扩展"),
    kw("facts", "事实"),
    kw("facts_error", "事实错误"),
    kw("false", "否"),
    kw("for", "适用于"),
    kw("grants", "已获资助"),
    kw("highest", "金额最高"),
    kw("if", "如果"),
    kw("in", "属于"),
    kw("in total", "累计"),
    kw("issue", "发布"),
    kw("issued", "印发"),
    kw("issuer", "发文机关"),
    kw("level", "层级"),
    kw("limit", "限项"),
    kw("marginal", "超额累进"),
    kw("max", "最高"),
    kw("members", "包括"),
    kw("min", "最低"),
    kw("not", "非"),
    kw("not_applicable", "不适用"),
    kw("of", "的"),
    kw("on", "发生于"),
    kw("on_issue", "发布之日"),
    kw("once", "一次性"),
    kw("or", "或"),
    kw("over", "连续"),
    kw("payer", "出资方"),
    kw("per", "每"),
    kw("per_year_cap", "年度上限"),
    kw("policy", "政策"),
    kw("pool", "限额"),
    kw("refuse", "不予重复"),
    kw("repeal", "废止"),
    kw("reward", "奖励"),
    kw("rounding", "舍入"),
    kw("rule", "规则"),
    kw("schedule", "标准表"),
    kw("schema", "模式"),
    kw("scope", "适用范围"),
    kw("split", "分担"),
    kw("stack", "就高"),
    kw("steps", "阶梯"),
    kw("sum", "总和"),
    kw("test", "测试"),
    kw("then", "则"),
    kw("tiers", "分档"),
    kw("title", "标题"),
    kw("to", ""),
    kw("top_up", "补差"),
    kw("total", "合计"),
    kw("trace", "说明"),
    kw("true", "是"),
    kw("uncapped", "上不封顶"),
    kw("up", ""),
    kw("up_to", "不超过"),
    kw("value", "标准"),
    kw("when", "当"),
    kw("where", "其中"),
    kw("within", "在"),
    kw("year", "年"),
    kw("yearly", "每年"),
    kw("years", "年"),
];

/// The units of a duration (`30 days`, `30 日`), which are words of the grammar but not
/// keywords: a field may be called `days`.
pub const DURATION_UNITS: &[Keyword] = &[
    kw("day", "日"),
    kw("days", "日"),
    kw("month", "个月"),
    kw("months", "个月"),
    kw("year", "年"),
    kw("years", "年"),
];

/// The words of `rounding fen half_away_from_zero` (`舍入 分 四舍五入`): units, then modes.
pub const ROUNDING: &[Keyword] = &[
    kw("yuan", "元"),
    kw("jiao", "角"),
    kw("fen", "分"),
    kw("half_away_from_zero", "四舍五入"),
    kw("half_even", "银行家舍入"),
    kw("down", "去尾"),
    kw("up", "进一"),
];

/// A rounding word in English (`分` → `fen`), as the lowering reads it.
pub fn rounding_in_english(word: &str) -> &str {
    ROUNDING.iter().find(|r| r.zh == word).map_or(word, |r| r.en)
}

/// The base types of a field or parameter (`研发投入: 金额`). They are names, not keywords
/// (an enum value may be called `text`), read as the English name where a type goes.
pub const TYPES: &[Keyword] = &[
    kw("bool", "是否"),
    kw("count", "计数"),
    kw("date", "日期"),
    kw("duration", "期限"),
    kw("money", "金额"),
    kw("number", "数值"),
    kw("rate", "比率"),
    kw("text", "文本"),
];

/// The types only a value has, never a field (what `20%..30% of x` or `up_to 20万` is), named
/// when a message or the REPL shows a value's type.
const VALUE_TYPES: &[Keyword] = &[kw("award", "奖励"), kw("rate range", "比率区间")];

/// A type's name in `lang` (`money` → `金额`, `award` → `奖励`); any other name as it is.
pub fn type_in(name: &str, lang: Lang) -> &str {
    TYPES.iter().chain(VALUE_TYPES).find(|t| t.en == name || t.zh == name).map_or(name, |t| t.word(lang))
}

/// A type's name in English (`金额` → `money`); any other name as it is.
pub fn type_in_english(name: &str) -> &str {
    TYPES.iter().find(|t| t.zh == name).map_or(name, |t| t.en)
}

/// The keyword set a file is written in is a language of the messages too: English
/// (`rule … for … { when … reward … }`) or Chinese (`规则 … 适用于 … { 当 … 奖励 … }`).
pub use crate::i18n::Lang;

impl Keyword {
    /// The word in `lang`; the English one where there is no Chinese one.
    pub fn word(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh if !self.zh.is_empty() => self.zh,
            _ => self.en,
        }
    }
}

/// The keyword whose English word is `en`, written in `lang` (`max` → `最高`); `en` itself
/// when it is not a keyword. For output that writes a keyword (a test's `expect` line, the
/// keywords a syntax error expected).
pub fn keyword_in(en: &str, lang: Lang) -> &str {
    by_english(en).map_or(en, |k| k.word(lang))
}

/// The row whose English word is `en`.
pub fn by_english(en: &str) -> Option<&'static Keyword> {
    KEYWORDS.binary_search_by(|k| k.en.cmp(en)).ok().and_then(|i| KEYWORDS.get(i))
}

/// The English word of `word` in either language (`奖励` → `reward`), for code that reads
/// a keyword's text; `年` reads as `year`.
pub fn english(word: &str) -> &str {
    KEYWORDS.iter().find(|k| k.zh == word).map_or(word, |k| k.en)
}

/// A duration as the rules write it in `lang` (`30 days`, `30 日`; `1 个月 + 5 日`).
pub fn duration_in(d: crate::dates::Duration, lang: Lang) -> String {
    if lang == Lang::En {
        return d.to_string();
    }
    let unit = |n: u32, en: &str| {
        let word = DURATION_UNITS.iter().find(|u| u.en == en).map_or(en, |u| u.word(lang));
        format!("{n} {word}")
    };
    match (d.months, d.days) {
        (0, days) => unit(days, "day"),
        (m, 0) if m % 12 == 0 => unit(m / 12, "year"),
        (m, 0) => unit(m, "month"),
        (m, days) => format!("{} + {}", unit(m, "month"), unit(days, "day")),
    }
}

/// A duration's unit in English (`日` → `day`), as `dates::duration` reads it.
pub fn unit_in_english(unit: &str) -> &str {
    DURATION_UNITS.iter().find(|u| u.zh == unit).map_or(unit, |u| u.en)
}

/// True for a word the grammar reserves in either language.
pub fn is_keyword(word: &str) -> bool {
    by_english(word).is_some() || KEYWORDS.iter().any(|k| k.zh == word)
}

/// The keyword a run of Chinese text starts with when no space follows it (`奖励研发投入`
/// starts with `奖励`), longest first: the help for a name that swallowed its keyword.
pub fn glued(word: &str) -> Option<&'static Keyword> {
    KEYWORDS
        .iter()
        .filter(|k| !k.zh.is_empty() && word.len() > k.zh.len() && word.starts_with(k.zh))
        .max_by_key(|k| k.zh.len())
}

/// Help for a parse that stopped at `at` because a Chinese keyword was written against a
/// name, so that both read as one name: `奖励研发投入` (the keyword first) or `阶段属于 {`
/// (the keyword last, in the word before).
pub fn separation_hint(text: &str, at: usize) -> Option<String> {
    use super::tokens::continues_word;
    let after = text.get(at..)?;
    let word_after: &str = after.get(..after.find(|c: char| !continues_word(c)).unwrap_or(after.len()))?;
    if let Some(k) = glued(word_after) {
        let rest = word_after.get(k.zh.len()..)?;
        return Some(crate::t!("syntax-glued-after", word = word_after, keyword = k.zh, rest = rest));
    }
    let before = text.get(..at)?.trim_end();
    let start = before.char_indices().rev().find(|(_, c)| !continues_word(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word_before = before.get(start..)?;
    // A one-character keyword at the end of a name (`目的`) is more likely the name's own.
    let k = KEYWORDS
        .iter()
        .filter(|k| k.zh.chars().count() > 1 && word_before.len() > k.zh.len() && word_before.ends_with(k.zh))
        .max_by_key(|k| k.zh.len())?;
    let name = word_before.get(..word_before.len() - k.zh.len())?;
    Some(crate::t!("syntax-glued-before", word = word_before, name = name, keyword = k.zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_each_chinese_word_has_one_meaning() {
        assert!(KEYWORDS.windows(2).all(|w| w.first().map(|k| k.en) < w.last().map(|k| k.en)));
        for k in KEYWORDS.iter().filter(|k| !k.zh.is_empty()) {
            let same: Vec<&str> = KEYWORDS.iter().filter(|o| o.zh == k.zh).map(|o| o.en).collect();
            assert!(same.len() == 1 || same == ["year", "years"], "{} is the Chinese of {same:?}", k.zh);
        }
    }

    #[test]
    fn words_in_either_language() {
        assert_eq!(english("奖励"), "reward");
        assert_eq!(english("rd_cost"), "rd_cost");
        assert!(is_keyword("适用于") && is_keyword("for") && !is_keyword("研发投入"));
        assert_eq!(by_english("max").map(|k| k.word(Lang::Zh)), Some("最高"));
        assert_eq!(by_english("up").map(|k| k.word(Lang::Zh)), Some("up"));
        assert_eq!(glued("奖励研发投入").map(|k| k.en), Some("reward"));
        assert_eq!(glued("每年度").map(|k| k.en), Some("yearly"));
        assert_eq!(glued("奖励"), None);
    }
}
