//! Showing and rounding amounts. Rounding happens once per award, explicitly.

use crate::ast::{Rounding, RoundingMode};
use rust_decimal::{Decimal, RoundingStrategy};

/// `6000000` → `6,000,000`; `300000.03` → `300,000.03`.
pub fn money(value: Decimal) -> String {
    let plain = value.normalize().to_string();
    match plain.strip_prefix('-') {
        Some(digits) => format!("-{}", group_digits(digits, ',')),
        None => group_digits(&plain, ','),
    }
}

/// Groups the whole part of an unsigned decimal in threes: `4000000.5` → `4,000,000.5`.
pub fn group_digits(plain: &str, separator: char) -> String {
    let (int, frac) = plain.split_once('.').map_or((plain, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A fraction as a percentage: `0.2` → `20%`.
pub fn rate(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => fraction.normalize().to_string(),
    }
}

/// Rounds as the policy says (default: to the fen, half away from zero).
pub fn round(value: Decimal, rounding: Rounding) -> Decimal {
    let strategy = match rounding.mode {
        RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Down => RoundingStrategy::ToZero,
        RoundingMode::Up => RoundingStrategy::AwayFromZero,
    };
    // Rescaling shows every result with the same number of places: 4000000.00, not 4000000.
    let mut rounded = value.round_dp_with_strategy(rounding.unit.scale(), strategy);
    rounded.rescale(rounding.unit.scale());
    rounded
}

/// How a rounding is named in traces: `fen, half away from zero`.
pub fn rounding_name(rounding: Rounding) -> String {
    format!("{}, {}", rounding.unit.name(), rounding.mode.name().replace('_', " "))
}
