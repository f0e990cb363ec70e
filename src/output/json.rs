//! The one public JSON form of results: an evaluation, and each award, not-applicable entry
//! and exclusion in it (also served alone by `/v1/why` and written to the decision log).
//! Serialized straight from the values, no tree in between; amounts are decimal strings.

use crate::eval::{Award, Evaluation, Excluded, NotApplicable, Total, Why};
use crate::program::{EntitlementKind, RuleName};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

/// An evaluation: `{"as_of", "awards", "not_applicable", "excluded", "totals": {entity:
/// {...}}, "warnings"}`, then `line` (batch) and `provenance` when given.
pub(super) struct Report<'a> {
    pub evaluation: &'a Evaluation<'a>,
    pub line: Option<u64>,
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.fields(s, None::<&()>)
    }
}

impl Report<'_> {
    /// The report's fields, and `provenance` last when given.
    pub fn fields<S: Serializer, P: Serialize>(&self, s: S, provenance: Option<&P>) -> Result<S::Ok, S::Error> {
        let e = self.evaluation;
        let mut out = s.serialize_struct("Report", 8)?;
        out.serialize_field("as_of", &Text(e.as_of))?;
        out.serialize_field("awards", &e.awards)?;
        out.serialize_field("not_applicable", &Entries(e))?;
        out.serialize_field("excluded", &e.excluded)?;
        out.serialize_field("totals", &Totals(&e.totals))?;
        out.serialize_field("warnings", &e.warnings)?;
        if let Some(line) = self.line {
            out.serialize_field("line", &line)?;
        }
        if let Some(p) = provenance {
            out.serialize_field("provenance", p)?;
        }
        out.end()
    }
}

/// A report and, after its fields, `provenance`.
pub(super) struct WithProvenance<'a, P> {
    pub report: Report<'a>,
    pub provenance: &'a P,
}

impl<P: Serialize> Serialize for WithProvenance<'_, P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report.fields(s, Some(self.provenance))
    }
}

/// Totals keyed by entity: `{"enterprise.E1": {"owed", "ceiling", "case_by_case"}}`.
pub(super) struct Totals<'a>(pub &'a [Total<'a>]);

impl Serialize for Totals<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for t in self.0 {
            map.serialize_entry(&t.entity, &TotalFields(t))?;
        }
        map.end()
    }
}

pub(super) struct TotalFields<'a>(pub &'a Total<'a>);

impl Serialize for TotalFields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut out = s.serialize_struct("Total", 3)?;
        out.serialize_field("owed", &Text(t.owed))?;
        out.serialize_field("ceiling", &amount(t.ceiling))?;
        out.serialize_field("case_by_case", &t.case_by_case)?;
        out.end()
    }
}

/// `policy`, `rule`, `cite` and, for an amended text, `version`: how every result names its
/// rule.
fn rule_fields<S: SerializeStruct>(out: &mut S, rule: &RuleName) -> Result<(), S::Error> {
    out.serialize_field("policy", &rule.policy)?;
    out.serialize_field("rule", &rule.id)?;
    out.serialize_field("cite", &rule.cite)?;
    match &rule.version {
        Some(version) => out.serialize_field("version", version),
        None => out.skip_field("version"),
    }
}

/// `{"policy", "rule", "cite", "title", "entity", "kind", "amount", "min", "max",
/// "frequency", "event_date", "year", "key", "trace": [sentences], "steps": [values],
/// "shares"}`: `kind` to `max` say the entitlement, `amount` for `exact` awards only.
impl Serialize for Award<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Award", 16)?;
        rule_fields(&mut out, self.rule)?;
        out.serialize_field("title", &self.rule.title)?;
        out.serialize_field("entity", &self.entity)?;
        out.serialize_field("kind", &self.kind())?;
        out.serialize_field("amount", &amount(self.amount()))?;
        out.serialize_field("min", &amount(self.min()))?;
        out.serialize_field("max", &amount(self.max()))?;
        out.serialize_field("frequency", &self.rule.frequency)?;
        out.serialize_field("event_date", &Text(self.event_date))?;
        out.serialize_field("year", &self.year())?;
        out.serialize_field("key", &self.key)?;
        out.serialize_field("trace", &self.trace.lines())?;
        out.serialize_field("steps", &self.trace.0)?;
        out.serialize_field("shares", &self.shares)?;
        out.end()
    }
}

/// A not-applicable entry, its reasons and its sentence: `{"policy", "rule", "cite",
/// "entity", "reason": sentence, "why": [values]}`.
pub(super) struct Entry<'a>(pub &'a NotApplicable<'a>, pub Why<'a, 'a>, pub &'a str);

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Entry(na, why, reason) = self;
        let mut out = s.serialize_struct("NotApplicable", 6)?;
        rule_fields(&mut out, na.rule)?;
        out.serialize_field("entity", &na.entity)?;
        out.serialize_field("reason", reason)?;
        out.serialize_field("why", why)?;
        out.end()
    }
}

/// An evaluation's not-applicable entries, each sentence worded once: the same reasons recur
/// across rules and entities (a policy's scope is false for each of its rules, for every
/// entity), and wording them through the catalogue was most of the cost of an explained line.
struct Entries<'a>(&'a Evaluation<'a>);

/// How many distinct sentences [`Entries`] keeps at a time (one per policy out of scope, and
/// a few more).
const SENTENCES: usize = 8;

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut list = s.serialize_seq(Some(self.0.not_applicable.len()))?;
        each_entry(self.0, |entry| list.serialize_element(&entry))?;
        list.end()
    }
}

/// Hands each not-applicable entry of `e` to `f` with its sentence, worded once for the
/// reasons it shares with one of the last few entries worded.
fn each_entry<E>(e: &Evaluation<'_>, mut f: impl FnMut(Entry<'_>) -> Result<(), E>) -> Result<(), E> {
    let mut worded: Vec<(&NotApplicable<'_>, String)> = Vec::with_capacity(SENTENCES);
    let mut next = 0;
    for na in &e.not_applicable {
        let why = e.why(na);
        let same =
            |(known, _): &&(&NotApplicable<'_>, String)| e.why(known) == why && known.rule.version == na.rule.version;
        match worded.iter().find(same) {
            Some((_, sentence)) => f(Entry(na, why, sentence))?,
            None => {
                let sentence = e.reason(na);
                f(Entry(na, why, &sentence))?;
                // Round robin: the oldest sentence makes room.
                if worded.len() < SENTENCES {
                    worded.push((na, sentence));
                } else if let Some(slot) = worded.get_mut(next) {
                    *slot = (na, sentence);
                    next = (next + 1) % SENTENCES;
                }
            }
        }
    }
    Ok(())
}

/// A full batch line, byte for byte what [`Report`] serializes (tested equal), written
/// straight: its not-applicable entries are nearly all of its bytes, and their texts (rule,
/// cite, entity, sentence) need no escaping but for a quote, a backslash or a control
/// character; their reasons, and the awards and exclusions, go through serde.
pub(super) fn write_full(out: &mut Vec<u8>, e: &Evaluation<'_>, line: u64) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"as_of\":");
    date(out, e.as_of);
    out.extend_from_slice(b",\"awards\":");
    list(out, &e.awards)?;
    out.extend_from_slice(b",\"not_applicable\":[");
    let mut first = true;
    each_entry(e, |Entry(na, why, sentence)| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"policy\":");
        string(out, &na.rule.policy)?;
        out.extend_from_slice(b",\"rule\":");
        string(out, &na.rule.id)?;
        out.extend_from_slice(b",\"cite\":");
        match &na.rule.cite {
            Some(cite) => string(out, cite)?,
            None => out.extend_from_slice(b"null"),
        }
        if let Some(version) = &na.rule.version {
            out.extend_from_slice(b",\"version\":");
            serde_json::to_writer(&mut *out, version)?;
        }
        out.extend_from_slice(b",\"entity\":");
        string(out, na.entity)?;
        out.extend_from_slice(b",\"reason\":");
        string(out, sentence)?;
        out.extend_from_slice(b",\"why\":");
        serde_json::to_writer(&mut *out, &why)?;
        out.push(b'}');
        Ok(())
    })?;
    out.extend_from_slice(b"],\"excluded\":");
    list(out, &e.excluded)?;
    lean_tail(out, e, line)
}

/// `{"policy", "rule", "cite", "entity", "kind", "max", "reason": sentence, "why": value,
/// "winner"}`.
impl Serialize for Excluded<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Excluded", 9)?;
        rule_fields(&mut out, self.rule)?;
        out.serialize_field("entity", &self.entity)?;
        out.serialize_field("kind", &self.award.kind())?;
        out.serialize_field("max", &amount(self.award.max()))?;
        out.serialize_field("reason", &self.reason())?;
        out.serialize_field("why", &self.why.0)?;
        out.serialize_field("winner", &self.winner)?;
        out.end()
    }
}

/// An awards-only batch line, written straight as bytes (keys are constants; a string needs
/// escaping only if it holds a quote, a backslash or a control character), since it is most
/// of the cost of a population run: `{"as_of", "awards": [lean awards], "excluded",
/// "totals", "warnings", "line"}`, no `not_applicable` (awards-only evaluation has none).
/// Each award names its rule by `policy` and `rule` (and `version`) only: its cite, title and
/// frequency are the rule's, the same on every line, and not repeated a million times. An
/// award is `{"policy", "rule", "version"?, "entity", "kind", "amount"}` when `exact`, `"min",
/// "max"` in place of `amount` for the other kinds, then `"event_date", "year"`, and `"key"`
/// and `"shares"` when there are any.
pub(super) fn write_lean(out: &mut Vec<u8>, e: &Evaluation<'_>, line: u64) -> serde_json::Result<()> {
    lean_head(out, e, |_, _| Ok(()))?;
    out.extend_from_slice(b",\"excluded\":");
    list(out, &e.excluded)?;
    lean_tail(out, e, line)
}

/// `{"as_of", "awards": [...]`: how a lean (or compact) line begins, each award's lean fields
/// followed by what `more` adds to it (the compact line's steps).
pub(super) fn lean_head(
    out: &mut Vec<u8>,
    e: &Evaluation<'_>,
    more: impl Fn(&mut Vec<u8>, &Award<'_>) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"as_of\":");
    date(out, e.as_of);
    out.extend_from_slice(b",\"awards\":[");
    for (i, a) in e.awards.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        lean_award(out, a)?;
        more(out, a)?;
        out.push(b'}');
    }
    out.push(b']');
    Ok(())
}

/// An award's lean fields, its object left open: `{"policy", "rule", "version"?, "entity",
/// "kind", "amount" (or "min", "max"), "event_date", "year", "key"?, "shares"?`.
pub(super) fn lean_award(out: &mut Vec<u8>, a: &Award<'_>) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"policy\":");
    string(out, &a.rule.policy)?;
    out.extend_from_slice(b",\"rule\":");
    string(out, &a.rule.id)?;
    if let Some(version) = &a.rule.version {
        out.extend_from_slice(b",\"version\":");
        serde_json::to_writer(&mut *out, version)?;
    }
    out.extend_from_slice(b",\"entity\":");
    string(out, a.entity)?;
    out.extend_from_slice(kind_json(a.kind()));
    match a.amount() {
        Some(owed) => {
            out.extend_from_slice(b",\"amount\":");
            decimal(out, Some(owed));
        }
        None => {
            out.extend_from_slice(b",\"min\":");
            decimal(out, a.min());
            out.extend_from_slice(b",\"max\":");
            decimal(out, a.max());
        }
    }
    out.extend_from_slice(b",\"event_date\":");
    date(out, a.event_date);
    out.extend_from_slice(b",\"year\":");
    integer(out, a.year());
    if let Some(key) = &a.key {
        out.extend_from_slice(b",\"key\":");
        string(out, key)?;
    }
    if !a.shares.is_empty() {
        out.extend_from_slice(b",\"shares\":");
        serde_json::to_writer(&mut *out, &a.shares)?;
    }
    Ok(())
}

/// `,"totals": {…}, "warnings": […], "line": n}`: how every batch line ends.
pub(super) fn lean_tail(out: &mut Vec<u8>, e: &Evaluation<'_>, line: u64) -> serde_json::Result<()> {
    out.extend_from_slice(b",\"totals\":{");
    for (i, t) in e.totals.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, t.entity)?;
        out.extend_from_slice(b":{\"owed\":");
        decimal(out, Some(t.owed));
        out.extend_from_slice(b",\"ceiling\":");
        decimal(out, t.ceiling);
        out.extend_from_slice(b",\"case_by_case\":");
        integer(out, t.case_by_case);
        out.push(b'}');
    }
    out.extend_from_slice(b"},\"warnings\":");
    list(out, &e.warnings)?;
    out.extend_from_slice(b",\"line\":");
    integer(out, line);
    out.push(b'}');
    Ok(())
}

/// `,"kind":"exact"` and the like: the kind's JSON (its serde name) without serde.
fn kind_json(kind: EntitlementKind) -> &'static [u8] {
    match kind {
        EntitlementKind::Exact => b",\"kind\":\"exact\"",
        EntitlementKind::UpTo => b",\"kind\":\"up_to\"",
        EntitlementKind::Range => b",\"kind\":\"range\"",
        EntitlementKind::CaseByCase => b",\"kind\":\"case_by_case\"",
    }
}

/// A whole number as JSON (as serde_json writes it, through `itoa`).
fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A JSON list, `[]` written without serde when empty (as it is on most lines).
fn list<T: Serialize>(out: &mut Vec<u8>, items: &[T]) -> serde_json::Result<()> {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        Ok(())
    } else {
        serde_json::to_writer(out, items)
    }
}

/// A JSON string: copied as it is when nothing in it needs escaping, else through serde_json.
pub(super) fn string(out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    if plain(text.as_bytes()) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(out, text)
    }
}

/// Whether a JSON string holds these bytes as they are: no control character, quote or
/// backslash. Sixteen bytes at a time with no branch inside, which the compiler turns into
/// a few vector comparisons (a byte at a time was a twentieth of a full batch line's cost);
/// the last sixteen overlap the chunk before, and a shorter text is padded with spaces, so
/// no byte is looked at alone.
fn plain(bytes: &[u8]) -> bool {
    let clean = |chunk: &[u8; 16]| !chunk.iter().fold(false, |any, &b| any | (b < 0x20 || b == b'"' || b == b'\\'));
    let mut chunks = bytes.chunks_exact(16).map(|chunk| chunk.first_chunk::<16>());
    let last = match bytes.len().checked_sub(16) {
        Some(start) => bytes.get(start..).and_then(|tail| tail.first_chunk::<16>()).copied(),
        None => {
            let mut padded = [b' '; 16];
            padded.get_mut(..bytes.len()).map(|room| room.copy_from_slice(bytes)).map(|()| padded)
        }
    };
    chunks.all(|chunk| chunk.is_some_and(clean)) && last.is_some_and(|last| clean(&last))
}

/// An amount as a JSON string, or `null`.
pub(super) fn decimal(out: &mut Vec<u8>, d: Option<Decimal>) {
    match d {
        Some(d) => {
            let mut digits = itoa::Buffer::new();
            let parts = decimal_parts(d, &mut digits);
            out.reserve(parts.iter().map(|p| p.len()).sum::<usize>() + 2);
            out.push(b'"');
            parts.iter().for_each(|part| out.extend_from_slice(part));
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// A date as a JSON string.
pub(super) fn date(out: &mut Vec<u8>, d: NaiveDate) {
    let mut buffer = [0; 10];
    out.push(b'"');
    match date_bytes(d, &mut buffer) {
        Some(text) => out.extend_from_slice(text),
        None => out.extend_from_slice(d.to_string().as_bytes()),
    }
    out.push(b'"');
}

/// An amount as its exact decimal string (`"4000000.00"`), or `null`.
fn amount(d: Option<Decimal>) -> Option<Text<Decimal>> {
    d.map(Text)
}

/// A value written as its text (a decimal, a date), without an intermediate `String` and
/// without `core::fmt` (a third of the cost of a batch line went to formatting these).
struct Text<T>(T);

impl Serialize for Text<Decimal> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buffer = [0; DECIMAL_TEXT];
        s.serialize_str(decimal_text(self.0, &mut buffer))
    }
}

impl Serialize for Text<NaiveDate> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buffer = [0; 10];
        match date_text(self.0, &mut buffer) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(&self.0),
        }
    }
}

/// Room for any decimal's text: a sign, 29 digits, a point and a leading `0` beside 28
/// places.
const DECIMAL_TEXT: usize = 64;

/// `d` exactly as its `Display` writes it (every place of its scale kept: `"4.00"`, `"-0.5"`,
/// `"0"`), into `buffer`.
pub(super) fn decimal_text(d: Decimal, buffer: &mut [u8; DECIMAL_TEXT]) -> &str {
    std::str::from_utf8(decimal_bytes(d, buffer)).unwrap_or("0")
}

/// [`decimal_text`] as bytes (ASCII), for writers that need no `str`.
fn decimal_bytes(d: Decimal, buffer: &mut [u8; DECIMAL_TEXT]) -> &[u8] {
    let mut digits = itoa::Buffer::new();
    let mut len = 0;
    for part in decimal_parts(d, &mut digits) {
        if let Some(room) = buffer.get_mut(len..len + part.len()) {
            room.copy_from_slice(part);
            len += part.len();
        }
    }
    buffer.get(..len).unwrap_or_default()
}

/// `d`'s text in the pieces it is written in: the sign, the whole part (`0` if none), the
/// point, the zeros after it (`0.05`), the rest of the digits. Copied a piece at a time, not
/// a byte at a time.
fn decimal_parts(d: Decimal, digits: &mut itoa::Buffer) -> [&[u8]; 5] {
    const ZEROS: &[u8; 28] = b"0000000000000000000000000000";
    let scale = d.scale() as usize;
    // The mantissa's digits, two at a time (`itoa`, as serde_json writes numbers); in 64 bits
    // when it fits (every amount short of 1.8e19 units), as 128-bit division is slow.
    let mantissa = d.mantissa().unsigned_abs();
    let mantissa = match u64::try_from(mantissa) {
        Ok(small) => digits.format(small),
        Err(_) => digits.format(mantissa),
    }
    .as_bytes();
    let (whole, fraction) = mantissa.split_at(mantissa.len().saturating_sub(scale));
    let sign: &[u8] = if d.is_sign_negative() { b"-" } else { b"" };
    let whole: &[u8] = if whole.is_empty() { b"0" } else { whole };
    let point: &[u8] = if scale > 0 { b"." } else { b"" };
    let zeros = ZEROS.get(..scale - fraction.len()).unwrap_or_default();
    [sign, whole, point, zeros, fraction]
}

/// `YYYY-MM-DD` for years 0 to 9999 (what `Display` writes for them); `None` for others.
fn date_text(date: NaiveDate, buffer: &mut [u8; 10]) -> Option<&str> {
    std::str::from_utf8(date_bytes(date, buffer)?).ok()
}

/// [`date_text`] as bytes (ASCII).
fn date_bytes(date: NaiveDate, buffer: &mut [u8; 10]) -> Option<&[u8]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    *buffer = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(date.month() / 10),
        digit(date.month()),
        b'-',
        digit(date.day() / 10),
        digit(date.day()),
    ];
    Some(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_escaped_only_when_it_must_be() {
        let mut texts: Vec<String> =
            ["enterprise.E1", "常州", "a \"quote\"", "back\\slash", "tab\there", ""].map(String::from).into();
        // Each byte that must be escaped, at every place in a text up to three chunks long.
        let long = "常州市：第（六）条 enterprise.E1 rd_cost";
        for bad in ["\"", "\\", "\n", "\u{1f}"] {
            for at in (0..=long.len()).filter(|at| long.is_char_boundary(*at)) {
                texts.push(format!("{}{bad}{}", &long[..at], &long[at..]));
                texts.push(format!("{}{bad}", &long[..at]));
                texts.push(long[..at].to_string());
            }
        }
        texts.push(long.repeat(3));
        for text in &texts {
            let mut out = Vec::new();
            string(&mut out, text).unwrap_or_default();
            assert_eq!(String::from_utf8(out).unwrap_or_default(), serde_json::to_string(text).unwrap_or_default());
            let must = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            assert_eq!(plain(text.as_bytes()), !must, "{text:?}");
        }
    }

    #[test]
    fn a_full_line_is_what_the_report_serializes() {
        use crate::i18n::{with_lang, Lang};
        let (mut versions, mut escaped, mut lines) = (0, 0, 0);
        let mut compare = |e: &Evaluation<'_>, line: u64| {
            let mut fast = Vec::new();
            write_full(&mut fast, e, line).unwrap_or_default();
            let serde = serde_json::to_vec(&Report { evaluation: e, line: Some(line) }).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&serde));
            versions += e.not_applicable.iter().filter(|na| na.rule.version.is_some()).count();
            escaped += usize::from(fast.windows(2).any(|w| w == b"\\\""));
            lines += 1;
        };
        let dates = ["2020-06-30", "2023-06-30", "2025-06-30"].map(|d| d.parse().unwrap_or_default());
        // The bundled rules on generated enterprises; the sixth document's amended rules
        // (each not-applicable entry names the version that judged it) on their test facts.
        let (bundled, sixth) = (crate::load(&["rules".into()]), crate::load(&["rules".into(), "tests/sixth".into()]));
        let (Ok(bundled), Ok(sixth)) = (&bundled, &sixth) else { return assert!(bundled.is_ok() && sixth.is_ok()) };
        let mut population = crate::population::Population::new(&bundled.program, 4);
        let mut sets: Vec<String> = (0..40).map(|_| population.next_fact_set().to_string()).collect();
        // An id with a quote and a backslash: its entity path must be escaped.
        sets.push(sets.first().map(|s| s.replacen("\"id\":\"E1\"", r#""id":"E\"1\\""#, 1)).unwrap_or_default());
        let files = std::fs::read_dir("tests/sixth/facts").map(|d| d.flatten().map(|f| f.path()).collect::<Vec<_>>());
        let sixth_sets: Vec<String> =
            files.unwrap_or_default().iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
        for lang in [Lang::En, Lang::Zh] {
            with_lang(lang, || {
                for (program, sets) in [(&bundled.program, &sets), (&sixth.program, &sixth_sets)] {
                    for (n, set) in sets.iter().enumerate() {
                        let Ok(facts) = program.facts("set", set) else { continue };
                        for day in dates {
                            if let Ok(e) = program.evaluate(&facts, day) {
                                compare(&e, n as u64 + 1);
                            }
                        }
                    }
                }
            });
        }
        // Not vacuous: amended rules, and a text that had to be escaped, were written.
        assert!(lines > 200 && versions > 0 && escaped > 0, "{lines} lines, {versions} versions, {escaped} escaped");
    }

    #[test]
    fn a_kind_and_a_number_are_what_serde_writes() {
        use EntitlementKind::*;
        for kind in [Exact, UpTo, Range, CaseByCase] {
            let serde = format!(",\"kind\":{}", serde_json::to_string(&kind).unwrap_or_default());
            assert_eq!(kind_json(kind), serde.as_bytes());
        }
        let mut out = Vec::new();
        integer(&mut out, -2025i32);
        integer(&mut out, u64::MAX);
        assert_eq!(out, format!("{}{}", -2025, u64::MAX).into_bytes());
    }

    #[test]
    fn decimal_text_is_display() {
        let mut buffer = [0; DECIMAL_TEXT];
        let mut check = |d: Decimal| {
            assert_eq!(decimal_text(d, &mut buffer), d.to_string(), "{d:?}");
            let mut out = Vec::new();
            decimal(&mut out, Some(d));
            assert_eq!(out, format!("\"{d}\"").into_bytes(), "{d:?}");
        };
        for (m, scale) in [(0i64, 0), (0, 2), (5, 1), (-5, 1), (5, 3), (400, 2), (48577261, 2), (-1, 28), (7, 0)] {
            check(Decimal::new(m, scale));
        }
        check(Decimal::MAX);
        check(Decimal::MIN);
        check(-Decimal::new(0, 2));
        let mut n: i64 = 1;
        for scale in 0..=28 {
            n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            check(Decimal::new(n, scale));
            check(Decimal::from_i128_with_scale(i128::from(n) * 1_000_000_007, scale));
        }
    }

    #[test]
    fn date_text_is_display() {
        let mut buffer = [0; 10];
        for (y, m, d) in [(2025, 6, 30), (1, 1, 1), (9999, 12, 31), (2000, 2, 29)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(date_text(date, &mut buffer), Some(date.to_string().as_str()));
        }
        let far = NaiveDate::from_ymd_opt(12345, 1, 1).unwrap_or_default();
        assert_eq!(date_text(far, &mut buffer), None);
    }
}
