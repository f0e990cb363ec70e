//! The parse stage's error type.

use super::{is_keyword, tokens, Rule, TokenKind};
use crate::diagnostic::drafting::{self, Context, Phrase};
use crate::diagnostic::quote;
use crate::t;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Something in the text that is not a well-formed policy file. Messages, labels and help are
/// looked up in `locales/<lang>/diagnostics.ftl` when shown, in the reader's language.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum SyntaxError {
    /// `rule X for drug { reward 20% of }`: the text stops making sense at one point.
    #[error("{}", t!("syntax-unexpected", expected = .expected, found = .found))]
    #[diagnostic(code(syntax::unexpected), help("{help}"))]
    Unexpected {
        /// What could come here, in words.
        expected: String,
        /// What stands here instead, in words.
        found: String,
        /// A hint for the likely fix.
        help: String,
        /// Where parsing stopped.
        #[label("{}", t!("syntax-unexpected-label"))]
        span: SourceSpan,
    },

    /// `issued 2023-02-30`
    #[error("{}", t!("syntax-invalid-date", text = quote(.text).to_string()))]
    #[diagnostic(code(syntax::invalid_date), help("{}", t!("syntax-invalid-date-help")))]
    InvalidDate {
        /// The date as written.
        text: String,
        /// The date.
        #[label("{}", t!("syntax-invalid-date-label"))]
        span: SourceSpan,
    },

    /// `reward 99999999999999999999999999999亿`
    #[error("{}", t!("syntax-number-too-large", text = quote(.text).to_string()))]
    #[diagnostic(code(syntax::number_too_large), help("{}", t!("syntax-number-too-large-help")))]
    NumberTooLarge {
        /// The number as written.
        text: String,
        /// The number.
        #[label("{}", t!("syntax-number-too-large-label"))]
        span: SourceSpan,
    },

    /// `expect R for enterprise.E1: 3,00,000`
    #[error("{}", t!("syntax-digit-grouping", text = quote(.text).to_string()))]
    #[diagnostic(code(syntax::digit_grouping), help("{}", t!("syntax-digit-grouping-help")))]
    Grouping {
        /// The amount as written.
        text: String,
        /// The amount.
        #[label("{}", t!("syntax-digit-grouping-label"))]
        span: SourceSpan,
    },

    /// `rule A for x { cite "a" cite "b" }`
    #[error("{}", t!("syntax-duplicate-clause", what = .what))]
    #[diagnostic(code(syntax::duplicate_clause), help("{}", t!("syntax-duplicate-clause-help", what = .what)))]
    Duplicate {
        /// The clause keyword, e.g. `cite`.
        what: String,
        /// The second clause.
        #[label("{}", t!("syntax-duplicate-clause-label", what = .what))]
        span: SourceSpan,
        /// The first.
        #[label("{}", t!("syntax-duplicate-clause-first"))]
        first: SourceSpan,
    },

    /// `rule A for x { cite "a" }` with no `reward`
    #[error("{}", t!("syntax-missing-reward", rule = quote(.rule).to_string()))]
    #[diagnostic(code(syntax::missing_reward), help("{}", t!("syntax-missing-reward-help")))]
    MissingReward {
        /// The rule's id.
        rule: String,
        /// The rule.
        #[label("{}", t!("syntax-missing-reward-label"))]
        span: SourceSpan,
    },

    /// `1:0`
    #[error("{}", t!("syntax-zero-ratio", text = quote(.text).to_string()))]
    #[diagnostic(code(syntax::zero_ratio), help("{}", t!("syntax-zero-ratio-help")))]
    ZeroRatio {
        /// The ratio as written.
        text: String,
        /// The ratio.
        #[label("{}", t!("syntax-unexpected-label"))]
        span: SourceSpan,
    },

    /// `reward 20％ of x max １０００万元`: full-width figures or punctuation outside strings
    #[error("{}", t!("syntax-full-width", found = .found))]
    #[diagnostic(code(syntax::full_width), help("{}", t!("syntax-full-width-help", ascii = .ascii)))]
    FullWidth {
        /// The characters found (a run of them).
        found: String,
        /// The ASCII they stand for.
        ascii: String,
        /// Where they are.
        #[label("{}", t!("syntax-write", fix = .ascii))]
        span: SourceSpan,
    },

    /// `on 2025年3月1日`, `最高2000万元`, `1亿元以上 => …`, `[1亿（含）, 5亿)`: the policy text's
    /// own wording where the rules write something else.
    #[error("{}", t!("syntax-drafting", found = quote(.found).to_string(), fix = .fix))]
    #[diagnostic(code(syntax::drafting), help("{}", drafting_help(*.phrase, .fix)))]
    Drafting {
        /// Which habit it is.
        phrase: Phrase,
        /// The wording as written.
        found: String,
        /// What to write instead.
        fix: String,
        /// The wording.
        #[label("{}", t!("syntax-write", fix = .fix))]
        span: SourceSpan,
    },

    /// `((((((…))))))` nested hundreds deep, or thousands of operators in a row
    #[error("{}", t!("syntax-too-deep", limit = *.limit))]
    #[diagnostic(code(syntax::too_deep), help("{}", t!("syntax-too-deep-help")))]
    TooDeep {
        /// The deepest nesting (or longest run of operators) allowed.
        limit: usize,
        /// Where the limit is passed.
        #[label("{}", t!("syntax-too-deep-label"))]
        span: SourceSpan,
    },

    /// An expression followed by text that is not part of it (REPL input).
    #[error("{}", t!("syntax-trailing"))]
    #[diagnostic(code(syntax::trailing), help("{}", t!("syntax-trailing-help")))]
    Trailing {
        /// The trailing text.
        #[label("{}", t!("syntax-trailing-label"))]
        span: SourceSpan,
    },

    /// Never expected: pest accepted the text but produced no tree.
    #[error("{}", t!("syntax-internal"))]
    #[diagnostic(code(syntax::internal))]
    Internal,
}

/// The help for a drafting habit: what the language writes, and why.
fn drafting_help(phrase: Phrase, fix: &str) -> String {
    match phrase {
        Phrase::Date => t!("syntax-drafting-date"),
        Phrase::Max => t!("syntax-drafting-max"),
        Phrase::UpTo => t!("syntax-drafting-up-to"),
        Phrase::Comparison => t!("syntax-drafting-comparison"),
        Phrase::Bound => t!("syntax-drafting-bound"),
        Phrase::Included => t!("syntax-drafting-included"),
        Phrase::Duration => t!("syntax-drafting-duration"),
        Phrase::FullWidth => t!("syntax-full-width-help", ascii = fix),
    }
}

/// Where in the text `pos` stands: inside a `tiers` or `marginal` table, in a condition, or
/// elsewhere (an amount). Worked out from the tokens before it, only when a hint needs it.
fn context_at(text: &str, pos: usize) -> Context {
    // Each open `{`, `[` or `(` and whether it belongs to a table of tiers.
    let mut open: Vec<bool> = Vec::new();
    let (mut table_named, mut condition) = (false, false);
    for token in tokens(text).take_while(|t| t.range.start < pos) {
        match token.kind {
            TokenKind::Punct('{' | '[' | '(') => open.push(table_named || open.last() == Some(&true)),
            TokenKind::Punct('}' | ']' | ')') => {
                open.pop();
            }
            TokenKind::Word => {
                let word = token.text(text);
                table_named = matches!(word, "tiers" | "marginal") || (table_named && !is_keyword(word));
                if is_keyword(word) {
                    condition = matches!(word, "when" | "if" | "and" | "or" | "not" | "where");
                }
            }
            _ => {}
        }
    }
    match (open.last(), condition) {
        (Some(true), _) => Context::Tier,
        (_, true) => Context::Condition,
        _ => Context::Amount,
    }
}

impl SyntaxError {
    pub(super) fn empty_parse() -> Self {
        SyntaxError::Internal
    }

    /// The diagnostic for a drafting habit found in `text`.
    fn drafting(text: &str, hint: drafting::Hint) -> Self {
        let found = text.get(hint.range.clone()).unwrap_or_default().to_string();
        let span = (hint.range.start, hint.range.len()).into();
        match hint.phrase {
            Phrase::FullWidth => SyntaxError::FullWidth { found, ascii: hint.fix, span },
            phrase => SyntaxError::Drafting { phrase, found, fix: hint.fix, span },
        }
    }

    /// What no grammar accepts, found before parsing: dates in 年月日, `（含）`, full-width
    /// figures and punctuation in `code`, the runs of text outside strings and comments (the
    /// first 20).
    pub(super) fn before_parsing(text: &str, code: Vec<std::ops::Range<usize>>) -> Vec<Self> {
        let hints = drafting::scan(text, code, |pos| context_at(text, pos));
        hints.into_iter().take(20).map(|hint| SyntaxError::drafting(text, hint)).collect()
    }

    /// Converts pest's error into ours, naming the expected tokens in words.
    pub(super) fn from_pest(error: pest::error::Error<Rule>, text: &str) -> Self {
        let mut start = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        let mut expected: Vec<String> = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                positives.iter().map(|r| describe(*r).to_string()).collect()
            }
            pest::error::ErrorVariant::CustomError { .. } => vec![],
        };
        // pest reports where the last item began; its attempts know how far the text really
        // went, and which tokens (`{`, `:`…) would have let it go on.
        if let Some(attempts) = error.parse_attempts().filter(|a| a.max_position > start) {
            // pest does not export its token type; its Display is the literal itself.
            let tokens = attempts.expected_tokens().into_iter().map(|t| t.to_string()).filter_map(|t| {
                // Whitespace, the BOM and `//` can follow anything: naming them says nothing.
                let filler = t.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') || t == "//";
                let literal = !filler && !t.contains("..") && t != "BUILTIN_RULE";
                literal.then(|| format!("`{t}`"))
            });
            let rules = attempts.call_stacks.iter().filter_map(|c| c.parent).map(|r| describe(r).to_string());
            let further: Vec<String> = tokens.chain(rules).filter(|e| e != "text").collect();
            if !further.is_empty() {
                start = attempts.max_position;
                expected = further;
            }
        }
        if let Some(hint) = drafting::at(text, start, context_at(text, start)) {
            return SyntaxError::drafting(text, hint);
        }
        let found = found_at(text, start);
        let len = match found.as_str() {
            END => 0,
            _ => text.get(start..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8),
        };
        expected.sort_unstable();
        expected.dedup();
        // Everything that can start an operand, listed one by one, reads worse than its name.
        if expected.iter().any(|e| e == "a name") && expected.iter().any(|e| e == "a number") {
            let operand_starts = [
                "`-`",
                "`as_of`",
                "`by`",
                "`case_by_case`",
                "`if`",
                "`marginal`",
                "`not`",
                "`steps`",
                "`tiers`",
                "`true` or `false`",
                "`up_to`",
                "a date (YYYY-MM-DD)",
                "a name",
                "a number",
                "a quoted string",
                "a rate such as `20%`",
                "a duration such as `30 days`",
            ];
            expected.retain(|e| !operand_starts.contains(&e.as_str()) && e != "an expression");
            expected.insert(0, "an expression".to_string());
        }
        let expected: Vec<String> = expected.iter().map(|e| expected_in_words(e)).collect();
        let expected = match expected.as_slice() {
            [] => t!("syntax-something-else"),
            [one] => one.to_string(),
            [init @ .., last] => {
                format!("{}{}{last}", init.join(&t!("list-separator")), t!("or-separator"))
            }
        };
        let help = if found == END {
            t!("syntax-ends-early")
        } else if let Some(hint) = super::keywords::separation_hint(text, start) {
            hint
        } else {
            t!("syntax-could-not-continue", found = in_words(&found))
        };
        let found = in_words(&found);
        SyntaxError::Unexpected { expected, found, help, span: (start, len).into() }
    }
}

/// The end of the text, as [`found_at`] says it (before [`in_words`]).
const END: &str = "end of file";

/// A phrase of [`found_at`] in the reader's language; the text found, quoted, stays as it is.
fn in_words(phrase: &str) -> String {
    plain(phrase).map_or_else(|| phrase.to_string(), |key| crate::i18n::message(key, &[]))
}

/// The catalogue's key for a phrase that names no keyword (`a name`, `end of file`).
fn plain(phrase: &str) -> Option<&'static str> {
    Some(match phrase {
        END => "syntax-end-of-file",
        "a line break" => "syntax-line-break",
        "an expression" => "syntax-an-expression",
        "a name" => "syntax-a-name",
        "a number" => "syntax-a-number",
        "an operator" => "syntax-an-operator",
        "a quoted string" => "syntax-a-string",
        "a date (YYYY-MM-DD)" => "syntax-a-date",
        "a clause" => "syntax-a-clause",
        _ => return None,
    })
}

/// A phrase of [`describe`] in the reader's language; a keyword or a choice of keywords
/// (`` `a`, `b` or `c` ``) in the reader's keywords, joined in words.
fn expected_in_words(phrase: &str) -> String {
    if let Some(key) = plain(phrase) {
        return crate::i18n::message(key, &[]);
    }
    let key = match phrase {
        "`change`, `repeal`, `rule` or the amendment's `document` or `effective`" => "syntax-amendment-entry",
        "a field such as `rd_cost: money`" => "syntax-a-field",
        "a type such as `money` or `[drug]`" => "syntax-a-type",
        "a rule id such as `CZ-03-1b`" => "syntax-a-rule-id",
        "a rounding mode" => "syntax-a-rounding-mode",
        "a tag such as `issuer \"苏州市\"` or `level district`" => "syntax-a-tag",
        "a table entry such as `I => 100万`" => "syntax-a-table-entry",
        "a tier such as `[1亿, 5亿] => …`" => "syntax-a-tier",
        "a bound (a number or `..`)" => "syntax-a-bound",
        "a step such as `3 => 30万`" => "syntax-a-step",
        "a duration such as `30 days`" => "syntax-a-duration",
        "a rate such as `20%`" => "syntax-a-rate",
        "a parameter such as `p: phase`" => "syntax-a-parameter",
        "a schedule such as `clinical_cap(phase)`" => "syntax-a-schedule",
        "a value such as `0`, `false` or an enum value" => "syntax-a-default-value",
        "a payer such as `city 50%`" => "syntax-a-payer",
        "a rule id or `policy <id>`" => "syntax-a-member",
        "a JSON object" => "syntax-a-json-object",
        "an entity such as `enterprise.E1`" => "syntax-an-entity",
        "an amount such as `400万`, `up_to 200万`, `10万..50万` or `case_by_case`" => "syntax-an-amount",
        "an amount such as `300万` or `3,000,000`" => "syntax-a-figure",
        "an outcome such as `400万`, `up_to 200万` or `not_applicable \"…\"`" => "syntax-an-outcome",
        // Phrases of keywords that are not one keyword each.
        "`N days after issue`" => "expected-after-issue",
        "`per year`, `over N years` or `in total`" => "expected-period",
        "`per <entity>`" => "expected-scope",
        "`up to`" => "expected-up-to",
        "`case by case`" => "expected-case-by-case",
        _ => return keywords_in(phrase),
    };
    crate::i18n::message(key, &[])
}

/// `` `once`, `yearly` or `every_event` `` (or `` `in { … }` ``) with each keyword in the
/// reader's language and the choice's separators the reader's.
fn keywords_in(phrase: &str) -> String {
    let lang = crate::i18n::lang();
    let words: Vec<String> = phrase
        .split('`')
        .enumerate()
        .map(|(i, piece)| match i % 2 {
            1 => {
                let words: Vec<&str> = piece.split(' ').map(|w| super::keywords::keyword_in(w, lang)).collect();
                format!("`{}`", words.join(" "))
            }
            _ => piece.replace(", ", &t!("syntax-choice-separator")).replace(" or ", &t!("syntax-choice-or")),
        })
        .collect();
    words.concat()
}

/// What stands at `pos`, in words.
fn found_at(text: &str, pos: usize) -> String {
    let rest = text.get(pos..).unwrap_or("");
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).take(20).collect();
    if word.is_empty() {
        if rest.is_empty() {
            END.to_string()
        } else {
            "a line break".to_string()
        }
    } else {
        format!("`{word}`")
    }
}

/// A grammar rule in the words a drafter knows.
fn describe(r: Rule) -> &'static str {
    match r {
        Rule::EOI => "end of file",
        Rule::schema | Rule::kw_schema => "`schema`",
        Rule::policy | Rule::kw_policy => "`policy`",
        Rule::rule | Rule::kw_rule => "`rule`",
        Rule::amendment | Rule::kw_amendment => "`amendment`",
        Rule::amendment_entry => "`change`, `repeal`, `rule` or the amendment's `document` or `effective`",
        Rule::change | Rule::kw_change => "`change`",
        Rule::repeal | Rule::kw_repeal => "`repeal`",
        Rule::enum_decl | Rule::kw_enum => "`enum`",
        Rule::entity_decl | Rule::kw_entity => "`entity`",
        Rule::field_decl => "a field such as `rd_cost: money`",
        Rule::type_ref | Rule::list_type => "a type such as `money` or `[drug]`",
        Rule::ident | Rule::path => "a name",
        Rule::rule_id => "a rule id such as `CZ-03-1b`",
        Rule::kw_for => "`for`",
        Rule::title | Rule::kw_title => "`title`",
        Rule::issuer | Rule::kw_issuer => "`issuer`",
        Rule::document | Rule::kw_document => "`document`",
        Rule::issued | Rule::kw_issued => "`issued`",
        Rule::effective | Rule::kw_effective => "`effective`",
        Rule::expires | Rule::kw_expires => "`expires`",
        Rule::rounding | Rule::kw_rounding => "`rounding`",
        Rule::rounding_unit => "`yuan`, `jiao` or `fen`",
        Rule::rounding_mode => "a rounding mode",
        Rule::on_issue | Rule::kw_on_issue => "`on_issue`",
        Rule::after_issue => "`N days after issue`",
        Rule::kw_after => "`after`",
        Rule::kw_issue => "`issue`",
        Rule::cite | Rule::kw_cite => "`cite`",
        Rule::dept | Rule::kw_dept => "`dept`",
        Rule::when_clause | Rule::kw_when => "`when`",
        Rule::on_clause | Rule::kw_on => "`on`",
        Rule::reward | Rule::kw_reward => "`reward`",
        Rule::frequency | Rule::kw_once | Rule::kw_yearly | Rule::kw_every_event => "`once`, `yearly` or `every_event`",
        Rule::within | Rule::kw_within => "`within`",
        Rule::grants | Rule::kw_grants => "`grants`",
        Rule::grant_tag | Rule::kw_level => "a tag such as `issuer \"苏州市\"` or `level district`",
        Rule::limit | Rule::kw_limit => "`limit`",
        Rule::kw_choose => "`choose`",
        Rule::choice | Rule::kw_highest | Rule::kw_earliest => "`highest` or `earliest`",
        Rule::earlier | Rule::kw_earlier => "`earlier`",
        Rule::kw_top_up | Rule::kw_refuse => "`top_up` or `refuse`",
        Rule::per_year_cap | Rule::kw_per_year_cap => "`per_year_cap`",
        Rule::expr | Rule::scrutinee => "an expression",
        Rule::op_up_to | Rule::kw_up_to => "`up_to`",
        Rule::op_not | Rule::kw_not => "`not`",
        Rule::op_neg => "`-`",
        Rule::op_max
        | Rule::op_or
        | Rule::op_and
        | Rule::op_eq
        | Rule::op_ne
        | Rule::op_le
        | Rule::op_ge
        | Rule::op_lt
        | Rule::op_gt
        | Rule::op_range
        | Rule::op_add
        | Rule::op_sub
        | Rule::op_mul
        | Rule::op_div
        | Rule::op_of
        | Rule::op_per
        | Rule::kw_max
        | Rule::kw_or
        | Rule::kw_and
        | Rule::kw_of
        | Rule::kw_per => "an operator",
        Rule::in_set | Rule::kw_in => "`in { … }`",
        Rule::if_expr | Rule::kw_if => "`if`",
        Rule::kw_then => "`then`",
        Rule::kw_else => "`else`",
        Rule::by_table | Rule::kw_by => "`by`",
        Rule::by_arm | Rule::pattern | Rule::wildcard => "a table entry such as `I => 100万`",
        Rule::tiers_table | Rule::kw_tiers => "`tiers`",
        Rule::marginal_table | Rule::kw_marginal => "`marginal`",
        Rule::tier_arm | Rule::interval => "a tier such as `[1亿, 5亿] => …`",
        Rule::bound => "a bound (a number or `..`)",
        Rule::steps_table | Rule::kw_steps => "`steps`",
        Rule::step_arm => "a step such as `3 => 30万`",
        Rule::case_by_case | Rule::kw_case_by_case => "`case_by_case`",
        Rule::uncapped | Rule::kw_uncapped => "`uncapped`",
        Rule::as_of | Rule::kw_as_of => "`as_of`",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::duration | Rule::duration_unit => "a duration such as `30 days`",
        Rule::percent | Rule::per_mille | Rule::ratio => "a rate such as `20%`",
        Rule::number | Rule::signed_number | Rule::decimal | Rule::digits | Rule::integer => "a number",
        Rule::scale | Rule::yuan => "`万`, `亿` or `元`",
        Rule::string | Rule::string_inner => "a quoted string",
        Rule::boolean | Rule::kw_true | Rule::kw_false => "`true` or `false`",
        Rule::extend | Rule::kw_extend => "`extend`",
        Rule::value_def | Rule::kw_value => "`value`",
        Rule::schedule_def | Rule::kw_schedule => "`schedule`",
        Rule::param => "a parameter such as `p: phase`",
        Rule::call => "a schedule such as `clinical_cap(phase)`",
        Rule::optional => "`?`",
        Rule::field_default | Rule::op_default | Rule::kw_default => "`default`",
        Rule::default_value => "a value such as `0`, `false` or an enum value",
        // Where an aggregate may start, any expression may: one word for both.
        Rule::aggregate | Rule::aggregate_op => "an expression",
        Rule::kw_sum | Rule::kw_count | Rule::kw_min | Rule::kw_any | Rule::kw_all => {
            "`sum`, `count`, `min`, `max`, `any` or `all`"
        }
        Rule::kw_where => "`where`",
        Rule::split | Rule::kw_split => "`split`",
        Rule::share => "a payer such as `city 50%`",
        Rule::pool | Rule::kw_pool => "`pool`",
        Rule::stack | Rule::kw_stack => "`stack`",
        Rule::members | Rule::kw_members => "`members`",
        Rule::member | Rule::whole_policy => "a rule id or `policy <id>`",
        Rule::cap | Rule::kw_cap => "`cap`",
        Rule::period | Rule::per_year | Rule::over_years | Rule::in_total | Rule::kw_in_total => {
            "`per year`, `over N years` or `in total`"
        }
        Rule::kw_year | Rule::kw_years => "`year`",
        Rule::kw_over => "`over`",
        Rule::kw_total => "`total`",
        Rule::scope => "`per <entity>`",
        Rule::pool_clause | Rule::stack_clause | Rule::test_clause => "a clause",
        Rule::test | Rule::kw_test => "`test`",
        Rule::scope_entry | Rule::kw_scope => "`scope`",
        Rule::test_as_of => "`as_of`",
        Rule::test_facts | Rule::kw_facts => "`facts`",
        Rule::json_object | Rule::json_string => "a JSON object",
        Rule::expect | Rule::kw_expect => "`expect`",
        Rule::entity_path => "an entity such as `enterprise.E1`",
        Rule::expect_facts_error | Rule::kw_facts_error => "`facts_error`",
        Rule::expect_total => "`total`",
        Rule::amount => "an amount such as `400万`, `up_to 200万`, `10万..50万` or `case_by_case`",
        Rule::award_clause => "`payer` or `trace`",
        Rule::expect_payer | Rule::kw_payer => "`payer`",
        Rule::expect_trace | Rule::kw_trace => "`trace`",
        Rule::acknowledge | Rule::kw_acknowledge => "`acknowledge`",
        Rule::figure | Rule::grouped => "an amount such as `300万` or `3,000,000`",
        Rule::kw_up | Rule::kw_to => "`up to`",
        Rule::kw_case => "`case by case`",
        Rule::outcome
        | Rule::expect_award
        | Rule::expect_exact
        | Rule::expect_up_to
        | Rule::expect_range
        | Rule::expect_cbc
        | Rule::expect_na
        | Rule::expect_excluded
        | Rule::kw_not_applicable
        | Rule::kw_excluded => "an outcome such as `400万`, `up_to 200万` or `not_applicable \"…\"`",
        Rule::file
        | Rule::keyword
        | Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::item
        | Rule::schema_item
        | Rule::policy_entry
        | Rule::rule_clause
        | Rule::prefix
        | Rule::postfix
        | Rule::infix
        | Rule::primary
        | Rule::literal
        | Rule::ident_char
        | Rule::full_width => "text",
    }
}
