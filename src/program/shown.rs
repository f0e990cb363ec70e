//! A value as people read it, kept as a value until it is written. A reason records the facts
//! its condition read for every rule and entity that does not pay, most of which no reader
//! ever sees as text (awards-only and compact lines, a table of one entity), so evaluation
//! keeps what showing needs (an enum value's name borrowed from the schema, not copied or
//! counted) and only output writes it.

use super::{Entitlement, Schema, Ty, Value};
use crate::dates::Duration;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::{self, Display, Formatter};
use std::sync::Arc;

/// A value and how it is written, needing no schema: what [`Schema::shown`] gives. Names
/// and defaults are the program's (`'p`), borrowed.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown<'p> {
    /// An amount of money, written in the caller's money style.
    Money(Decimal),
    /// A fraction, written as a percentage: `20%`.
    Rate(Decimal),
    /// Any other number: `4,999,999`.
    Number(Decimal),
    /// `true` or `false`.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// A span of months and days.
    Duration(Duration),
    /// Free text, written quoted as the language writes it.
    Text(Arc<str>),
    /// An enum value, by the schema's name for it.
    Name(&'p str),
    /// An enum value the schema has no name for, by its index (an engine bug, shown as is).
    Unnamed(usize),
    /// What a reward entitles to (boxed, as the range below: rare in a reason, and a reason
    /// is moved whole, so its largest value sets the size of every one).
    Award(Box<Entitlement>),
    /// `5%..20%`.
    RateRange(Box<(Decimal, Decimal)>),
    /// A fact not given, counted as its default, as written: `false by default`.
    ByDefault(&'p str),
}

impl Schema {
    /// A value of type `ty` kept for showing: a rate as a rate, an enum value by name.
    pub fn shown(&self, value: &Value, ty: Ty) -> Shown<'_> {
        match (value, ty) {
            (Value::Dec(d), Ty::Rate) => Shown::Rate(*d),
            (Value::Dec(d), Ty::Money) => Shown::Money(*d),
            (Value::Dec(d), _) => Shown::Number(*d),
            (Value::Bool(b), _) => Shown::Bool(*b),
            (Value::Date(d), _) => Shown::Date(*d),
            (Value::Duration(d), _) => Shown::Duration(*d),
            (Value::Text(t), _) => Shown::Text(t.clone()),
            (Value::Enum(i), Ty::Enum(e)) => match self.enums.get(e).and_then(|e| e.variants.get(*i)) {
                Some(name) => Shown::Name(name),
                None => Shown::Unnamed(*i),
            },
            (Value::Enum(i), _) => Shown::Unnamed(*i),
            (Value::Award(a), _) => Shown::Award(Box::new(a.clone())),
            (Value::RateRange(lo, hi), _) => Shown::RateRange(Box::new((*lo, *hi))),
        }
    }
}

impl Shown<'_> {
    /// As people read it, money written by `money` (the REPL adds the 万/亿 form).
    pub fn show(&self, money: impl Fn(Decimal) -> String) -> String {
        match self {
            Shown::Money(d) => money(*d),
            Shown::Award(a) => a.show(money),
            other => other.to_string(),
        }
    }
}

/// As a reason shows it: money as plain grouped digits (`4,999,999`).
impl Display for Shown<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let rate = crate::amounts::rate;
        match self {
            Shown::Money(d) | Shown::Number(d) => f.write_str(&crate::amounts::money(*d)),
            Shown::Rate(d) => f.write_str(&rate(*d)),
            Shown::Bool(b) => write!(f, "{b}"),
            Shown::Date(d) => write!(f, "{d}"),
            Shown::Duration(d) => write!(f, "{d}"),
            Shown::Text(t) => crate::ast::write_string(f, t),
            Shown::Name(name) => f.write_str(name),
            Shown::Unnamed(index) => write!(f, "{index}"),
            Shown::Award(a) => f.write_str(&a.show(crate::amounts::money)),
            Shown::RateRange(range) => write!(f, "{}..{}", rate(range.0), rate(range.1)),
            Shown::ByDefault(value) => write!(f, "{value} by default"),
        }
    }
}

/// Data, the same in every language: its text.
impl serde::Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::EnumDef;

    #[test]
    fn shown_as_schema_show_writes_it() {
        let schema = Schema {
            enums: vec![EnumDef {
                name: "phase".into(),
                variants: vec!["I".into(), "II".into()],
                label: None,
                variant_labels: vec![None, None],
            }],
            kinds: Vec::new(),
        };
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        let cases = [
            (Value::Dec(d("4999999")), Ty::Money, "4,999,999"),
            (Value::Dec(d("0.2")), Ty::Rate, "20%"),
            (Value::Dec(d("1200")), Ty::Count, "1,200"),
            (Value::Bool(false), Ty::Bool, "false"),
            (Value::Text("a \"b\"".into()), Ty::Text, "\"a \\\"b\\\"\""),
            (Value::Enum(1), Ty::Enum(0), "II"),
            (Value::Enum(7), Ty::Enum(0), "7"),
        ];
        for (value, ty, text) in cases {
            assert_eq!(schema.shown(&value, ty).to_string(), text);
            assert_eq!(schema.show(&value, ty, |m| format!("¥{m}")), text.replace("4,999,999", "¥4999999"));
        }
        assert_eq!(Shown::ByDefault("false").to_string(), "false by default");
    }
}
