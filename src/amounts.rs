//! Showing and rounding amounts. Rounding happens once per award, explicitly.

use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::atomic::{AtomicBool, Ordering};

/// `6000000` → `6,000,000`; `300000.03` → `300,000.03`.
pub fn money(value: Decimal) -> String {
    let plain = value.normalize().to_string();
    match plain.strip_prefix('-') {
        Some(digits) => format!("-{}", group_digits(digits, ',')),
        None => group_digits(&plain, ','),
    }
}

/// How amounts are shown to people (`--amounts`); data (JSON, the IR, `expect` lines) always
/// keeps the exact figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AmountStyle {
    /// `20,000,000` (`20,000,000元` in Chinese): the default.
    #[default]
    Yuan,
    /// `2000万元`, `1.5亿元`, `3,500元`: as policy text writes them.
    Wan,
}

/// The program's amount style (set once by the CLI).
static AMOUNT_STYLE: AtomicBool = AtomicBool::new(false);

/// Sets how amounts are shown to people (the CLI, at start).
pub fn set_amount_style(style: AmountStyle) {
    AMOUNT_STYLE.store(style == AmountStyle::Wan, Ordering::Relaxed);
}

/// How amounts are shown to people now.
pub fn amount_style() -> AmountStyle {
    if AMOUNT_STYLE.load(Ordering::Relaxed) {
        AmountStyle::Wan
    } else {
        AmountStyle::Yuan
    }
}

/// An amount as a person reads it, in the program's [`AmountStyle`] and language: the one
/// formatter every sentence and table uses. `20,000,000` (English) or `20,000,000元` (Chinese);
/// with `--amounts wan`, `2000万元`, `1.5亿元`, `3,500元`, `1,234,567.89元`.
pub fn amount(value: Decimal) -> String {
    match amount_style() {
        AmountStyle::Wan => format!("{}元", wan(value).unwrap_or_else(|| money(value))),
        AmountStyle::Yuan if crate::i18n::lang() == crate::i18n::Lang::Zh => format!("{}元", money(value)),
        AmountStyle::Yuan => money(value),
    }
}

/// The 万/亿 form of a whole number of 万: `6000000` → `600万`, `150000000` → `1.5亿`
/// (1.5亿 reads better than 15000万); `None` below 1万 or for anything else (`1,234,567.89`
/// is clearer as it is than as 123.456789万).
pub fn wan(value: Decimal) -> Option<String> {
    let whole_wan = value.checked_rem(Scale::Wan.factor()).is_some_and(|r| r.is_zero());
    if value.abs() < Scale::Wan.factor() || !whole_wan {
        return None;
    }
    let scale = if value.abs() >= Scale::Yi.factor() { Scale::Yi } else { Scale::Wan };
    let figure = value.checked_div(scale.factor())?.normalize();
    Some(format!("{figure}{}", if scale == Scale::Yi { '亿' } else { '万' }))
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
    if let Some(rounded) = round_small(value, rounding) {
        return rounded;
    }
    // Rescaling shows every result with the same number of places: 4000000.00, not 4000000.
    let mut rounded = value.round_dp_with_strategy(rounding.unit.scale(), strategy(rounding.mode));
    rounded.rescale(rounding.unit.scale());
    rounded
}

/// `rust_decimal`'s name for a rounding mode.
fn strategy(mode: RoundingMode) -> RoundingStrategy {
    match mode {
        RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Down => RoundingStrategy::ToZero,
        RoundingMode::Up => RoundingStrategy::AwayFromZero,
    }
}

/// [`round`] for the usual award, zero or more with a mantissa within 64 bits, in plain
/// integer arithmetic: `rust_decimal`'s general 96-bit path costs several times as much, and
/// every award is rounded. `None` for anything else, which takes the general path.
fn round_small(value: Decimal, rounding: Rounding) -> Option<Decimal> {
    if value.is_sign_negative() {
        return None;
    }
    let mantissa = u64::try_from(value.mantissa()).ok()?;
    let (from, to) = (value.scale(), rounding.unit.scale());
    let kept = match from.checked_sub(to) {
        // Fewer places than the unit: written out to the unit's places, as `rescale` does.
        None => mantissa.checked_mul(pow10(to - from)?)?,
        Some(dropped) => {
            let unit = pow10(dropped)?;
            let (kept, rest) = (mantissa / unit, mantissa % unit);
            // `rest` against what is left to the next unit, so nothing overflows.
            let up = match rounding.mode {
                RoundingMode::HalfAwayFromZero => rest >= unit - rest,
                RoundingMode::HalfEven => rest > unit - rest || (rest == unit - rest && kept % 2 == 1),
                RoundingMode::Down => false,
                RoundingMode::Up => rest > 0,
            };
            kept + u64::from(up)
        }
    };
    Some(unsigned(kept, to))
}

/// 10^0 to 10^19: every power of ten within 64 bits.
const POWERS_OF_TEN: [u64; 20] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
    100_000_000_000_000_000,
    1_000_000_000_000_000_000,
    10_000_000_000_000_000_000,
];

/// 10^`n`, when it fits in 64 bits (what `10u64.checked_pow(n)` gives): one look-up, not a
/// loop of multiplications, for the integer paths that scale every award.
fn pow10(n: u32) -> Option<u64> {
    POWERS_OF_TEN.get(usize::try_from(n).ok()?).copied()
}

/// `mantissa` × 10^-`scale`, built from its parts: the integer paths here and in the facts
/// reader end with it, sparing `rust_decimal`'s general constructors.
pub(crate) fn unsigned(mantissa: u64, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa as u32, (mantissa >> 32) as u32, 0, false, scale)
}

/// `a.min(b)` for amounts: compared as integers at the larger scale when both are zero or
/// more with mantissas within 64 bits, which spares `rust_decimal`'s general comparison (a
/// cap is applied to nearly every award).
pub fn min(a: Decimal, b: Decimal) -> Decimal {
    let scale = a.scale().max(b.scale());
    let at_scale = |d: Decimal| {
        let mantissa = u64::try_from(d.mantissa()).ok()?;
        // Within 64 bits times 10^19 at most: within 128 bits.
        Some(u128::from(mantissa) * u128::from(pow10(scale - d.scale())?))
    };
    match (at_scale(a), at_scale(b)) {
        (Some(x), Some(y)) if x > y => b,
        (Some(_), Some(_)) => a,
        _ => a.min(b),
    }
}

/// How a rounding is named in traces: `fen, half away from zero`.
pub fn rounding_name(rounding: Rounding) -> String {
    format!("{}, {}", rounding.unit.name(), rounding.mode.name().replace('_', " "))
}

/// How money results are rounded: once, at the end, to a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rounding {
    /// The smallest unit kept.
    pub unit: RoundingUnit,
    /// Which way halves (or all fractions) go.
    pub mode: RoundingMode,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { unit: RoundingUnit::Fen, mode: RoundingMode::HalfAwayFromZero }
    }
}

/// The unit an amount is rounded to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RoundingUnit {
    /// 元: whole yuan.
    Yuan,
    /// 角: tenths of a yuan.
    Jiao,
    /// 分: hundredths of a yuan, the default.
    Fen,
}

impl RoundingUnit {
    /// Decimal places kept.
    pub fn scale(self) -> u32 {
        match self {
            RoundingUnit::Yuan => 0,
            RoundingUnit::Jiao => 1,
            RoundingUnit::Fen => 2,
        }
    }
}

/// How a rounding treats what lies beyond the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RoundingMode {
    /// 四舍五入: halves go up; the default.
    HalfAwayFromZero,
    /// Banker's rounding: halves go to the even neighbour.
    HalfEven,
    /// Truncate: never pay more than the formula.
    Down,
    /// Round any fraction up.
    Up,
}

/// A numeric literal: its exact value and how it was written.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Numeral {
    /// The exact value, scale applied (`400万` → 4000000).
    pub value: Decimal,
    /// The written scale, kept for printing back; not compared by `==`.
    pub scale: Scale,
    /// Written with `元`: money, not a bare number.
    pub yuan: bool,
}

impl PartialEq for Numeral {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.yuan == other.yuan
    }
}

/// The Chinese scale a number was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scale {
    /// No scale: `4_000_000`.
    One,
    /// 万 = 10⁴
    Wan,
    /// 亿 = 10⁸
    Yi,
}

impl Scale {
    /// What the written figure is multiplied by.
    pub fn factor(self) -> Decimal {
        match self {
            Scale::One => Decimal::ONE,
            Scale::Wan => Decimal::from(10_000),
            Scale::Yi => Decimal::from(100_000_000),
        }
    }
}

/// A tier's range of values. `None` bounds are unbounded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// The lower bound; `None` for `..`.
    pub lower: Option<Numeral>,
    /// `[`: the lower bound itself is in the tier (以上, 含).
    pub lower_closed: bool,
    /// The upper bound; `None` for `..`.
    pub upper: Option<Numeral>,
    /// `]`: the upper bound itself is in the tier (以下, 含).
    pub upper_closed: bool,
}

impl Interval {
    /// True if `x` falls in the tier, bounds included or not as written.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match &self.lower {
            None => true,
            Some(l) if self.lower_closed => x >= l.value,
            Some(l) => x > l.value,
        };
        let below = match &self.upper {
            None => true,
            Some(u) if self.upper_closed => x <= u.value,
            Some(u) => x < u.value,
        };
        above && below
    }
}

/// The ASCII character a full-width one (U+FF01–U+FF5E: `１`, `％`, `（`…) stands for.
pub fn full_width(c: char) -> Option<char> {
    let code = u32::from(c);
    (0xFF01..=0xFF5E).contains(&code).then(|| char::from_u32(code - 0xFEE0)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn pow10_is_checked_pow() {
        for n in 0..=40 {
            assert_eq!(pow10(n), 10u64.checked_pow(n), "10^{n}");
        }
    }

    /// The integer path of `round` and `min` gives what `rust_decimal` gives, to the bit
    /// (scale included: `4000000.00`, not `4000000`), for every unit and mode.
    #[test]
    fn integer_rounding_and_min_agree_with_rust_decimal() {
        let mut rng = fastrand::Rng::with_seed(14);
        let units = [RoundingUnit::Yuan, RoundingUnit::Jiao, RoundingUnit::Fen];
        let modes = [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven, RoundingMode::Down, RoundingMode::Up];
        let mut values: Vec<Decimal> =
            ["0", "0.005", "0.015", "0.025", "2.5", "3.5", "0.125", "99.995", "-0.005"].iter().map(|t| d(t)).collect();
        values.extend([Decimal::MAX, Decimal::MIN, Decimal::from(u64::MAX), Decimal::new(i64::MAX, 0)]);
        for _ in 0..20_000 {
            let mantissa = match rng.u8(0..3) {
                0 => i128::from(rng.u32(..)),
                1 => i128::from(rng.u64(..)),
                _ => i128::from(rng.u64(..)) * i128::from(rng.u32(..)),
            };
            let sign = if rng.u8(0..8) == 0 { -1 } else { 1 };
            values.push(Decimal::from_i128_with_scale(sign * mantissa, rng.u32(0..=28)));
        }
        for (i, &value) in values.iter().enumerate() {
            for (unit, mode) in units.iter().flat_map(|u| modes.iter().map(move |m| (*u, *m))) {
                let mut slow = value.round_dp_with_strategy(unit.scale(), strategy(mode));
                slow.rescale(unit.scale());
                let fast = round(value, Rounding { unit, mode });
                assert_eq!(fast.serialize(), slow.serialize(), "{value} to {unit:?}, {mode:?}");
            }
            let other = values.get(i / 2).copied().unwrap_or_default();
            for (a, b) in [(value, other), (other, value), (value, value.round_dp(1))] {
                assert_eq!(min(a, b).serialize(), a.min(b).serialize(), "min({a}, {b})");
            }
        }
    }

    #[test]
    fn wan_is_exact_or_nothing() {
        assert_eq!(wan(d("20000000")).as_deref(), Some("2000万"));
        assert_eq!(wan(d("150000000")).as_deref(), Some("1.5亿"));
        assert_eq!(wan(d("123450000")).as_deref(), Some("1.2345亿"));
        assert_eq!(wan(d("-30000")).as_deref(), Some("-3万"));
        assert_eq!(wan(d("3500")), None);
        assert_eq!(wan(d("1234567.89")), None);
    }

    #[test]
    fn an_amount_reads_in_the_language_and_style() {
        assert_eq!(with_lang(Lang::En, || amount(d("20000000.00"))), "20,000,000");
        assert_eq!(with_lang(Lang::Zh, || amount(d("20000000.00"))), "20,000,000元");
    }
}
