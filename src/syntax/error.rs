//! The parse stage's error type.

use super::Rule;
use crate::diagnostic::quote;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Something in the text that is not a well-formed policy file.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq)]
pub enum SyntaxError {
    /// `rule X for drug { reward 20% of }`: the text stops making sense at one point.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(syntax::unexpected), help("{help}"))]
    Unexpected {
        /// What could come here, in words.
        expected: String,
        /// What stands here instead, in words.
        found: String,
        /// A hint for the likely fix.
        help: String,
        /// Where parsing stopped.
        #[label("here")]
        span: SourceSpan,
    },

    /// `issued 2023-02-30`
    #[error("`{}` is not a calendar date", quote(.text))]
    #[diagnostic(code(syntax::invalid_date), help("write a date that exists, as YYYY-MM-DD"))]
    InvalidDate {
        /// The date as written.
        text: String,
        /// The date.
        #[label("no such date")]
        span: SourceSpan,
    },

    /// `reward 99999999999999999999999999999亿`
    #[error("number `{}` is too large", quote(.text))]
    #[diagnostic(
        code(syntax::number_too_large),
        help("amounts must stay below 79,228,162,514,264,337,593,543,950,335 with 28 significant digits")
    )]
    NumberTooLarge {
        /// The number as written.
        text: String,
        /// The number.
        #[label("does not fit an exact decimal")]
        span: SourceSpan,
    },

    /// `expect R for enterprise.E1: 3,00,000`
    #[error("`{}` is not grouped in threes", crate::diagnostic::quote(.text))]
    #[diagnostic(
        code(syntax::digit_grouping),
        help("write the amount as `policy eval` prints it, commas between groups of three digits (`300,000`), or without commas (`300000`, `30万`)")
    )]
    Grouping {
        /// The amount as written.
        text: String,
        /// The amount.
        #[label("commas here must stand every three digits")]
        span: SourceSpan,
    },

    /// `rule A for x { cite "a" cite "b" }`
    #[error("`{what}` is given twice")]
    #[diagnostic(code(syntax::duplicate_clause), help("keep one `{what}` and delete the other"))]
    Duplicate {
        /// The clause keyword, e.g. `cite`.
        what: String,
        /// The second clause.
        #[label("second `{what}`")]
        span: SourceSpan,
        /// The first.
        #[label("first given here")]
        first: SourceSpan,
    },

    /// `rule A for x { cite "a" }` with no `reward`
    #[error("rule `{}` has no `reward` clause", quote(.rule))]
    #[diagnostic(
        code(syntax::missing_reward),
        help("add a `reward` line, e.g. `reward 20% of rd_cost max 400万`, or `reward case_by_case`")
    )]
    MissingReward {
        /// The rule's id.
        rule: String,
        /// The rule.
        #[label("this rule pays nothing")]
        span: SourceSpan,
    },

    /// `1:0`
    #[error("ratio `{}` divides by zero", quote(.text))]
    #[diagnostic(code(syntax::zero_ratio), help("the second figure of a ratio must not be 0"))]
    ZeroRatio {
        /// The ratio as written.
        text: String,
        /// The ratio.
        #[label("here")]
        span: SourceSpan,
    },

    /// `reward 20％ of x max １０００万元`: full-width figures or punctuation outside strings
    #[error("full-width `{found}` in the rules")]
    #[diagnostic(
        code(syntax::full_width),
        help("write `{ascii}` instead: figures, operators and brackets are written in ASCII (１０００万 → 1000万); Chinese text belongs in strings and comments")
    )]
    FullWidth {
        /// The character found.
        found: char,
        /// The ASCII character it stands for.
        ascii: char,
        /// Where it is.
        #[label("write `{ascii}`")]
        span: SourceSpan,
    },

    /// `((((((…))))))` nested hundreds deep, or thousands of operators in a row
    #[error("this is nested too deeply (the limit is {limit})")]
    #[diagnostic(code(syntax::too_deep), help("split the expression, or write it with fewer levels of nesting"))]
    TooDeep {
        /// The deepest nesting (or longest run of operators) allowed.
        limit: usize,
        /// Where the limit is passed.
        #[label("too deep here")]
        span: SourceSpan,
    },

    /// An expression followed by text that is not part of it (REPL input).
    #[error("unexpected text after the expression")]
    #[diagnostic(code(syntax::trailing), help("remove it, or join the parts with an operator"))]
    Trailing {
        /// The trailing text.
        #[label("not part of the expression")]
        span: SourceSpan,
    },

    /// Never expected: pest accepted the text but produced no tree.
    #[error("internal error: the parser produced no tree")]
    #[diagnostic(code(syntax::internal))]
    Internal,
}

impl SyntaxError {
    pub(super) fn empty_parse() -> Self {
        SyntaxError::Internal
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
        let found = found_at(text, start);
        let len = match found.as_str() {
            "end of file" => 0,
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
        let expected = match expected.as_slice() {
            [] => "something else".to_string(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        };
        let help = if found == "end of file" {
            "the file ends too early: is a `}` or a value missing?".to_string()
        } else if let Some(hint) = super::keywords::separation_hint(text, start) {
            hint
        } else {
            format!("the parser could not continue at {found}")
        };
        SyntaxError::Unexpected { expected, found, help, span: (start, len).into() }
    }
}

/// What stands at `pos`, in words.
fn found_at(text: &str, pos: usize) -> String {
    let rest = text.get(pos..).unwrap_or("");
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).take(20).collect();
    if word.is_empty() {
        if rest.is_empty() {
            "end of file".to_string()
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
        Rule::period | Rule::per_year | Rule::over_years | Rule::in_total | Rule::kw_in_total => "`per year`, `over N years` or `in total`",
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
