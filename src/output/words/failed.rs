//! Why an evaluation could not finish (`eval::Failed`), in the reader's language.

use crate::eval::{Failed, Op};
use crate::t;
use std::fmt::{self, Display, Formatter};

impl Display for Failed {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let text = match self {
            Failed::Overflow { op, a, b } => {
                let op = match op {
                    Op::Arithmetic => "arithmetic",
                    Op::Product => "product",
                    Op::Sum => "sum",
                };
                t!("eval-overflow", op = op, a = a, b = b)
            }
            Failed::TotalOverflow => t!("eval-total-overflow"),
            Failed::GrantsOverflow => t!("eval-grants-overflow"),
            Failed::DivisionByZero(amount) => t!("eval-division-by-zero", amount = amount),
            Failed::Calendar(date, by) => {
                let by = crate::syntax::duration_in(*by, crate::i18n::lang());
                t!("eval-calendar", date = date.to_string(), by = by)
            }
            Failed::BelowZero(amount) => t!("eval-below-zero", amount = amount),
            Failed::TooLarge(amount, max) => t!("eval-too-large", amount = amount, max = max),
            // A key of the `eval-internal-` family is the whole message; any other names what
            // was expected.
            Failed::Internal(key, _) if key.starts_with("eval-internal-") => crate::i18n::message(key, &[]),
            Failed::Internal(expected, name) => {
                let expected = crate::i18n::message(expected, &[("name", name.as_str().into())]);
                t!("eval-internal", expected = expected)
            }
        };
        f.write_str(&text)
    }
}
