//! Evaluation: a program and a fact set → awards with traces, and reasons for the rest.
//! Embedders call [`Program::evaluate`](crate::Program::evaluate), which runs it.
//!
//! Passes, in this order:
//! 1. **Outcomes.** For every entity (depth first, in file order) and every rule for its kind
//!    (in source order): the event must have happened and fall in the policy's window, every
//!    `when` must hold, and the ledger must not already hold a grant for the same thing (the
//!    same once-key, or the same year for a yearly rule); then the reward is computed and
//!    rounded once.
//! 2. **Once per owner** (`once per enterprise`, `… within enterprise`): of several records
//!    earning the same one-off in one run, the earliest event is paid.
//! 3. **Stacking** (就高不重复, `stacks::stack`): of a stack's awards for one item (and
//!    period), only the highest stays; an earlier grant under a member is topped up or
//!    refuses, as the stack says.
//! 4. **Count caps** (`pools::limits`): at most N awards per entity and period, ledger
//!    grants counted first.
//! 5. **Pools** (`pools::pools`): awards take the room left under every pool they belong
//!    to, served by event date and then evaluation order, narrowest pool first; ledger grants
//!    count in the year they were for.
//! 6. **Shares**: an award split between payers gets each payer's amount.
//!
//! No I/O here.

mod explain;
mod expr;
mod pools;
mod result;
mod stacks;

pub use crate::program::VersionRef;
pub use explain::{
    Counted, Exclusion, FactName, GrantRef, Grants, Paid, PoolStep, Read, Reads, Reason, Slice, SplitShare, Step,
    Trace, Why, WhyExcluded,
};
pub use result::{Award, EvalError, Evaluation, Excluded, Failed, Failure, NotApplicable, Op, PayerShare, Total};

use crate::amounts::{self, money};
use crate::facts::{Entity, Facts, Grant, Slot};
use crate::program::{Condition, Entitlement, InForce, Program, Reading, Rule, Shown, Since, TextRef, Value};
use crate::terms::Frequency;
use chrono::{Datelike, NaiveDate};
use expr::{Interp, Stop};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What a rule pays an entity, rounded: all an award needs but the entity's path. Made into
/// an award at once when no pass applies ([`passes_idle`]), else kept in a [`Candidate`].
#[derive(Debug)]
struct Paying {
    /// Index into `program.rules`.
    rule: usize,
    date: NaiveDate,
    /// The `once per` key's value, as the ledger writes it.
    key: Option<String>,
    award: Entitlement,
    trace: Vec<Step>,
    /// The amendment whose text judged the event; `None` for the original.
    version: Option<Since>,
}

/// An award before stacking and pools: what it pays, and the paths the passes group it by.
#[derive(Debug)]
struct Candidate<'p> {
    /// The paths of the entity and those containing it, outermost first.
    scopes: Scopes<'p>,
    paying: Paying,
}

/// The paths of an entity and of those containing it, outermost first, borrowed from the
/// facts: inline for the usual depth (an enterprise, its records, theirs, one more), so a
/// candidate allocates nothing for them.
type Scopes<'p> = smallvec::SmallVec<[&'p str; 4]>;

/// The passes read and lower a candidate's payment in place (`c.award`, `c.rule`).
impl std::ops::Deref for Candidate<'_> {
    type Target = Paying;

    fn deref(&self) -> &Paying {
        &self.paying
    }
}

impl std::ops::DerefMut for Candidate<'_> {
    fn deref_mut(&mut self) -> &mut Paying {
        &mut self.paying
    }
}

impl<'p> Candidate<'p> {
    /// The entity's own path.
    fn entity(&self) -> &'p str {
        self.scopes.last().copied().unwrap_or_default()
    }

    /// The year the award is for: its event's year.
    fn year(&self) -> i32 {
        self.date.year()
    }
}

/// The path of the entity `depth` levels below the top that contains `path`:
/// `enterprise.E1.drugs.D1` at depth 0 is `enterprise.E1`. Ids never hold a `.`.
fn scope_of(path: &str, depth: usize) -> Option<&str> {
    let take = 2 + 2 * depth;
    // Bytes, not `char` patterns: this runs for every award, and `.` is ASCII.
    let mut dots = path.bytes().enumerate().filter(|(_, b)| *b == b'.').map(|(i, _)| i);
    match dots.nth(take - 1) {
        Some(end) => path.get(..end),
        None => (path.bytes().filter(|b| *b == b'.').count() + 1 == take).then_some(path),
    }
}

/// Evaluates every rule against every entity of `facts` on the date `as_of`. With
/// `explain`, every award carries its trace and every rule that does not pay says why; an
/// awards-only run (population scale) skips both, and its awards and totals are the same.
pub(crate) fn evaluate<'p>(
    program: &'p Program,
    facts: &'p Facts,
    as_of: NaiveDate,
    explain: bool,
) -> Result<Evaluation<'p>, EvalError> {
    let mut evaluation = Evaluation::default();
    if explain {
        // Most rules do not pay most entities, and each says why: room for an entry a rule and
        // entity at the start, and for a few reasons each (two or three, in the bench's
        // census), rather than growing the lists four times over, copying them each time.
        let entries = program.rules.len() * facts.roots.len().max(1);
        evaluation.not_applicable.reserve(entries);
        evaluation.reasons.reserve(entries.min(MAX_RESERVED_ENTRIES) * REASONS_AN_ENTRY);
        evaluation.reads.reserve(entries.min(MAX_RESERVED_ENTRIES) * READS_AN_ENTRY);
    }
    evaluate_into(program, facts, as_of, explain, &mut evaluation)?;
    Ok(evaluation)
}

/// How many reasons a fresh evaluation makes room for, an entry.
const REASONS_AN_ENTRY: usize = 3;

/// How many facts read by false conditions a fresh evaluation makes room for, an entry (one
/// or two: most entries have a false condition, most conditions read one fact).
const READS_AN_ENTRY: usize = 2;

/// Past this many entries, a fresh evaluation's reasons grow as they come: a fact set of
/// thousands of enterprises would reserve megabytes it may not use.
const MAX_RESERVED_ENTRIES: usize = 1024;

/// [`evaluate`] into `out`, cleared first: its vectors keep their room, so a caller that
/// evaluates fact set after fact set (a batch worker) allocates for the results once. After
/// an error `out` is left empty.
pub(crate) fn evaluate_into<'p>(
    program: &'p Program,
    facts: &'p Facts,
    as_of: NaiveDate,
    explain: bool,
    out: &mut Evaluation<'p>,
) -> Result<(), EvalError> {
    out.clear();
    fill(program, facts, as_of, explain, passes_idle(program), out).inspect_err(|_| out.clear())
}

/// True when no pass after the outcomes can touch an award: no stack, no pool or count cap,
/// no rule paid once per owner. Then each outcome becomes its award at once, in the order
/// the passes would have kept (they only remove or lower awards, never reorder them).
fn passes_idle(program: &Program) -> bool {
    program.stacks.is_empty()
        && program.pools.is_empty()
        && program.rules.iter().all(|r| r.frequency != Frequency::Once || r.once_up == 0)
}

/// The entities from the top-level one down to the one being evaluated: inline for the usual
/// depth, so a fact set of one enterprise allocates nothing for it.
type Chain<'a> = smallvec::SmallVec<[&'a Entity; 4]>;

/// Evaluates into `out`; with `direct` (only when [`passes_idle`]), awards are made as the
/// outcomes come, with no list of candidates between.
fn fill<'p>(
    program: &'p Program,
    facts: &'p Facts,
    as_of: NaiveDate,
    explain: bool,
    direct: bool,
    out: &mut Evaluation<'p>,
) -> Result<(), EvalError> {
    let granted = ledger_by_rule(program, facts);
    // The awards and reasons go straight into `out`'s vectors, so they keep their room.
    let (awards, not_applicable) = (&mut out.awards, &mut out.not_applicable);
    let (reasons, reads) = (&mut out.reasons, &mut out.reads);
    let (shared, candidates) = (Vec::new(), Vec::new());
    let mut run =
        Run { program, as_of, explain, granted, candidates, direct, awards, not_applicable, reasons, reads, shared };
    let mut chain = Chain::new();
    for root in &facts.roots {
        chain.clear();
        chain.push(root);
        run.entity(&mut chain)?;
    }
    let mut candidates = run.candidates;
    // Made at once, the awards are done; else the candidates go through every pass.
    if !direct {
        once_per_owner(program, &mut candidates, out, explain);
        out.excluded.extend(stacks::stack(program, &facts.ledger, &mut candidates, explain)?);
        out.excluded.extend(pools::limits(program, &facts.ledger, &mut candidates)?);
        pools::pools(program, &facts.ledger, &mut candidates, explain)?;
        out.awards.extend(candidates.into_iter().map(|c| Award::new(program, c.entity(), c.paying)));
    }
    result::totals(&out.awards, facts, &mut out.totals)?;
    out.as_of = as_of;
    // `out` was cleared: most fact sets have no warning, and an empty copy still costs a call.
    if !facts.warnings.is_empty() {
        out.warnings.clone_from(&facts.warnings);
    }
    Ok(())
}

/// The ledger's grants by (rule, entity path), a one-off counted per owner under the owner's
/// path; `None` for an empty ledger (most fact sets), which then costs no map.
fn ledger_by_rule<'a>(program: &Program, facts: &'a Facts) -> Option<HashMap<(usize, &'a str), Vec<&'a Grant>>> {
    if facts.ledger.is_empty() {
        return None;
    }
    let mut granted: HashMap<(usize, &str), Vec<&Grant>> = HashMap::new();
    for grant in &facts.ledger {
        let Some((index, rule)) = grant.rule_index.and_then(|r| Some((r, program.rules.get(r)?))) else { continue };
        // A one-off counted per owner is filed under the owner's path.
        let depth = program.schema.depth(rule.kind).saturating_sub(rule.once_up);
        let scope = if rule.frequency == Frequency::Once { scope_of(&grant.entity, depth) } else { None };
        granted.entry((index, scope.unwrap_or(&grant.entity))).or_default().push(grant);
    }
    Some(granted)
}

/// `once per enterprise` (or `… within enterprise`): when several records of one owner earn
/// the same one-off in one run, the earliest event is paid (then the first evaluated), and
/// the others say so.
fn once_per_owner<'p>(
    program: &'p Program,
    candidates: &mut Vec<Candidate<'p>>,
    out: &mut Evaluation<'p>,
    explain: bool,
) {
    let per_owner =
        |c: &Candidate<'p>| program.rules.get(c.rule).filter(|r| r.frequency == Frequency::Once && r.once_up > 0);
    // Most runs have none: no map to make.
    if !candidates.iter().any(|c| per_owner(c).is_some()) {
        return;
    }
    let owner = |c: &Candidate<'p>| {
        let rule = per_owner(c)?;
        let depth = c.scopes.len().checked_sub(1 + rule.once_up)?;
        Some((c.rule, *c.scopes.get(depth)?, c.key.clone()))
    };
    let mut first: HashMap<(usize, &str, Option<String>), usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(id) = owner(c) {
            let earliest = first.entry(id).or_insert(i);
            if candidates.get(*earliest).is_some_and(|e| c.date < e.date) {
                *earliest = i;
            }
        }
    }
    if first.is_empty() {
        return;
    }
    let mut index = 0;
    candidates.retain(|c| {
        let i = index;
        index += 1;
        let Some(id) = owner(c) else { return true };
        let Some(&winner) = first.get(&id) else { return true };
        if winner == i {
            return true;
        }
        if explain {
            let (owner, key) = (&id.1, &id.2);
            let found = out.reasons.len();
            out.reasons.push(Reason::PaidToAnother { owner, key: key.clone() });
            let why = found..out.reasons.len();
            out.not_applicable.push(NotApplicable::new(program, c.rule, c.entity(), why, c.version));
        }
        false
    });
}

/// Evaluates one checked expression for the entity at `path` (e.g. `enterprise.E1.drugs.D1`):
/// the REPL's bare expressions. Returns the value and the trace of the steps that shaped it.
pub fn expression<'p>(
    program: &'p Program,
    facts: &'p Facts,
    path: &str,
    as_of: NaiveDate,
    expr: &'p crate::program::Expr,
) -> Result<(Value, Trace), NoValue<'p>> {
    let chain = chain_to(facts, path).ok_or_else(|| NoValue::NoEntity(path.to_string()))?;
    let mut interp = Interp {
        schema: &program.schema,
        schedules: &program.schedules,
        args: Vec::new(),
        chain: &chain,
        as_of,
        trace: Vec::new(),
        tracing: true,
        explain: true,
        reasons: Vec::new(),
    };
    match interp.eval(expr) {
        Ok(value) => Ok((value, Trace(interp.trace))),
        Err(Stop::NotApplicable) => Err(NoValue::NotApplicable(interp.reasons)),
        Err(Stop::Failed(failed)) => Err(NoValue::Failed(failed)),
    }
}

/// Why a bare expression has no value.
#[derive(Clone, Debug, PartialEq)]
pub enum NoValue<'p> {
    /// The facts hold no entity at the path given.
    NoEntity(String),
    /// A fact it reads is not given, or a table has no row for it: every reason.
    NotApplicable(Vec<Reason<'p>>),
    /// The arithmetic failed.
    Failed(Failed),
}

/// The entities from the top down to the one at `path`.
pub fn chain_to<'a>(facts: &'a Facts, path: &str) -> Option<Vec<&'a Entity>> {
    let mut chain: Vec<&Entity> =
        vec![facts.roots.iter().find(|r| path == &*r.path || path.starts_with(&format!("{}.", r.path)))?];
    while chain.last().is_some_and(|e| *e.path != *path) {
        let last = chain.last()?;
        let next = last.slots.iter().find_map(|slot| match slot {
            Slot::Children(children) => {
                children.iter().find(|c| path == &*c.path || path.starts_with(&format!("{}.", c.path)))
            }
            _ => None,
        })?;
        chain.push(next);
    }
    Some(chain)
}

/// One evaluation's walk over the entities: of the program and the facts (`'p`, which results
/// borrow their texts and entity paths from), into the evaluation's lists (`'o`).
struct Run<'p, 'o> {
    program: &'p Program,
    as_of: NaiveDate,
    /// Write traces and reasons (off for an awards-only run).
    explain: bool,
    /// The ledger by (rule, entity path); `None` when it is empty.
    granted: Option<HashMap<(usize, &'p str), Vec<&'p Grant>>>,
    candidates: Vec<Candidate<'p>>,
    /// Outcomes become awards at once (no pass can touch them: [`passes_idle`]).
    direct: bool,
    /// The awards made at once, when `direct`: the evaluation's own list.
    awards: &'o mut Vec<Award<'p>>,
    not_applicable: &'o mut Vec<NotApplicable<'p>>,
    /// The reasons of every entry in `not_applicable`, entry after entry.
    reasons: &'o mut Vec<Reason<'p>>,
    /// The facts each false condition read, reason after reason.
    reads: &'o mut Vec<Read<'p>>,
    /// Where the facts recent out-of-scope reasons read are, the last [`SHARED_READS`]: a
    /// policy's scope is false the same way for each of its rules and every entity of an
    /// enterprise, so those reasons share one run.
    shared: Vec<Reads>,
}

/// How many out-of-scope fact lists a run keeps to share (one per policy, and a few more).
const SHARED_READS: usize = 8;

impl<'p> Run<'p, '_> {
    /// Evaluates the rules for the last entity of `chain`, then its children.
    fn entity(&mut self, chain: &mut Chain<'p>) -> Result<(), EvalError> {
        let Some(&entity) = chain.last() else { return Ok(()) };
        let walk = self.program.walk(entity.kind);
        for &index in &walk.rules {
            if let Some(rule) = self.program.rules.get(index) {
                self.rule(index, rule, chain)?;
            }
        }
        for &list in &walk.lists {
            if let Some(Slot::Children(children)) = entity.slots.get(list) {
                for child in children {
                    chain.push(child);
                    self.entity(chain)?;
                    chain.pop();
                }
            }
        }
        Ok(())
    }

    fn rule(&mut self, index: usize, rule: &'p Rule, chain: &[&'p Entity]) -> Result<(), EvalError> {
        let entity = chain.last().map_or("", |e| &e.path);
        let (schema, as_of, explain) = (&self.program.schema, self.as_of, self.explain);
        let schedules = &self.program.schedules;
        // The evaluation's reasons, lent to the interpreter for the rule.
        let reasons = std::mem::take(self.reasons);
        let found = reasons.len();
        let mut interp = Interp {
            schema,
            schedules,
            args: Vec::new(),
            chain,
            as_of,
            trace: Vec::new(),
            tracing: false,
            explain,
            reasons,
        };
        let mut version = None;
        let outcome = self.outcome(index, rule, &mut interp, &mut version);
        *self.reasons = std::mem::take(&mut interp.reasons);
        match outcome {
            Ok((date, key, award)) => {
                // A rule that pays notes no reason (each entry's reasons are its own run).
                debug_assert_eq!(self.reasons.len(), found, "{} noted a reason and paid", rule.id);
                self.reasons.truncate(found);
                let mut trace = interp.trace;
                if let (Some(since), true) = (version, self.explain) {
                    trace.insert(0, Step::Version(self.program.version_ref(since)));
                }
                let rounding = self.program.policies.get(rule.policy).map(|p| p.rounding).unwrap_or_default();
                let rounded = award.map(|x| amounts::round(x, rounding));
                if self.explain {
                    if let Some((before, after)) = award.max().zip(rounded.max()).filter(|(b, a)| b != a) {
                        trace.push(Step::Round { rounding: amounts::rounding_name(rounding), before, after });
                    }
                }
                check_amount(&rounded).map_err(|detail| EvalError {
                    rule: rule.id.clone(),
                    entity: entity.to_string(),
                    detail,
                })?;
                let paying = Paying { rule: index, date, key, award: rounded, trace, version };
                // Made at once, an award needs only its entity's path: no scopes to build and drop.
                if self.direct {
                    self.awards.push(Award::new(self.program, entity, paying));
                } else {
                    let scopes = chain.iter().map(|e| &*e.path).collect();
                    self.candidates.push(Candidate { scopes, paying });
                }
                Ok(())
            }
            Err(Stop::NotApplicable) => {
                if self.explain {
                    let why = found..self.reasons.len();
                    self.not_applicable.push(NotApplicable::new(self.program, index, entity, why, version));
                }
                Ok(())
            }
            Err(Stop::Failed(detail)) => Err(EvalError { rule: rule.id.clone(), entity: entity.to_string(), detail }),
        }
    }

    /// The event date and the award before caps, or why there is none: when explaining,
    /// every reason that holds, the most informative first. The event date picks the text in
    /// force (`version`: the amendment it comes from, if any).
    fn outcome(
        &mut self,
        index: usize,
        rule: &'p Rule,
        interp: &mut Interp<'p, '_>,
        version: &mut Option<Since>,
    ) -> Result<(NaiveDate, Option<String>, Entitlement), Stop> {
        // Reasons go after those of the entries before (the evaluation's one list).
        let found = interp.reasons.len();
        // Whom the policy governs comes first: another city's rules say nothing else.
        for (index, condition) in rule.conditions.iter().enumerate().filter(|(_, c)| c.scope) {
            if !interp.holds(&condition.expr)? {
                if self.explain {
                    let policy = self.program.policies.get(rule.policy).map_or("", |p| &*p.id);
                    let (condition, reads) = (&*condition.text, self.scope_reads(interp, condition));
                    interp.reasons.push(Reason::OutOfScope { policy, condition, reads, index });
                }
                return Err(Stop::NotApplicable);
            }
        }
        // The checker requires `on`; a program built otherwise is judged on the evaluation date.
        let date = match rule.on.as_ref().map(|on| interp.event_date(on)) {
            None => Some(self.as_of),
            Some(Ok(d)) => Some(d),
            // Noted; what else is wanting is noted after.
            Some(Err(Stop::NotApplicable)) if self.explain => None,
            Some(Err(stop)) => return Err(stop),
        };
        let text = self.text(interp, rule, date, version)?;
        // False conditions go before the missing facts already noted (the order `informative`
        // gives, kept as it comes rather than sorted after).
        let mut false_conditions = 0;
        for (index, condition) in text.conditions.iter().enumerate().filter(|(_, c)| !c.scope) {
            match interp.holds(&condition.expr) {
                Ok(true) => continue,
                Err(Stop::Failed(failed)) => return Err(Stop::Failed(failed)),
                _ if !self.explain => return Err(Stop::NotApplicable),
                Ok(_) => {
                    let (condition, reads) = (&*condition.text, self.note_reads(interp, condition));
                    let reason = Reason::ConditionFalse { condition, reads, index };
                    interp.reasons.insert(found + false_conditions, reason);
                    false_conditions += 1;
                }
                // Its reasons are noted.
                Err(Stop::NotApplicable) => {}
            }
        }
        if let Some(outside) = date.and_then(|d| self.window(rule, d)) {
            if !self.explain {
                return Err(Stop::NotApplicable);
            }
            interp.reasons.push(outside);
        }
        let mine = interp.reasons.get_mut(found..).unwrap_or_default();
        let Some(date) = date.filter(|_| mine.is_empty()) else {
            // In order as noted (false conditions, what is wanting, the window): checked first.
            if !mine.is_sorted_by_key(informative) {
                mine.sort_by_key(informative);
            }
            return Err(Stop::NotApplicable);
        };
        let key = match &rule.once_per {
            Some(k) => Some(key_text(&interp.eval(k)?)),
            None => None,
        };
        self.not_granted_before(interp, index, rule, date, key.as_deref())?;
        interp.tracing = self.explain;
        let award = match interp.eval(text.reward)? {
            Value::Dec(x) => Entitlement::Exact(x),
            Value::Award(a) => a,
            _ => return Err(Stop::Failed(Failed::Internal("eval-internal-reward", String::new()))),
        };
        Ok((date, key, award))
    }

    /// The text in force on the event's date, or why none is. Without a date (its fact is
    /// missing) the original text is judged, so the reasons still say what else is wanting.
    fn text(
        &self,
        interp: &mut Interp<'p, '_>,
        rule: &'p Rule,
        date: Option<NaiveDate>,
        version: &mut Option<Since>,
    ) -> Result<TextRef<'p>, Stop> {
        let Some(date) = date else { return Ok(rule.original()) };
        match rule.in_force(date) {
            InForce::Text(since, text) => {
                *version = since;
                Ok(text)
            }
            InForce::Repealed(since) => {
                Err(interp.not_applicable(|| Reason::Repealed { version: self.program.version_ref(since), date }))
            }
            InForce::NotYet(since) => {
                Err(interp.not_applicable(|| Reason::NotYetAdded { version: self.program.version_ref(since), date }))
            }
        }
    }

    /// The facts an out-of-scope `condition` read, shared with an earlier reason that read
    /// the same values.
    fn scope_reads(&mut self, interp: &Interp<'p, '_>, condition: &'p Condition) -> Reads {
        let all = &*self.reads;
        let same = |known: &&Reads| {
            let known = known.of(all);
            known.len() == condition.reads.len()
                && known.iter().zip(&condition.reads).all(|(known, reading)| *known == read(interp, reading))
        };
        if let Some(known) = self.shared.iter().find(same) {
            return *known;
        }
        let reads = self.note_reads(interp, condition);
        if self.shared.len() == SHARED_READS {
            self.shared.remove(0);
        }
        self.shared.push(reads);
        reads
    }

    /// The facts a false `condition` read (found when the program was built), with their
    /// values, noted in the evaluation's reads.
    fn note_reads(&mut self, interp: &Interp<'p, '_>, condition: &'p Condition) -> Reads {
        let start = self.reads.len();
        self.reads.extend(condition.reads.iter().map(|reading| read(interp, reading)));
        Reads::new(start, self.reads.len())
    }

    /// An event that has not happened by the evaluation date, or falls outside the policy's
    /// window, earns nothing under it: the reason, if so.
    fn window(&self, rule: &Rule, date: NaiveDate) -> Option<Reason<'p>> {
        if date > self.as_of {
            return Some(Reason::NotYet { date, as_of: self.as_of });
        }
        let policy = self.program.policies.get(rule.policy)?;
        if let Some(effective) = policy.effective.filter(|from| date < *from) {
            return Some(Reason::BeforeEffective { date, policy: &policy.id, effective });
        }
        // The expiry as the latest amendment sets it (有效期延长至…), else the policy's own.
        if let Some(expires) = self.program.expires(rule.policy).filter(|until| date > *until) {
            return Some(Reason::AfterExpiry { date, policy: &policy.id, expires });
        }
        None
    }

    /// A one-off is paid once per entity (or owner) and key; a yearly award once per entity
    /// and year the grant is for — never judged by the date a grant was paid.
    fn not_granted_before(
        &self,
        interp: &mut Interp<'p, '_>,
        index: usize,
        rule: &Rule,
        date: NaiveDate,
        key: Option<&str>,
    ) -> Result<(), Stop> {
        let chain = interp.chain;
        let up = if rule.frequency == Frequency::Once { rule.once_up } else { 0 };
        let Some(scope) = chain.len().checked_sub(1 + up).and_then(|i| chain.get(i)) else { return Ok(()) };
        let Some(grants) = self.granted.as_ref().and_then(|g| g.get(&(index, &*scope.path))) else { return Ok(()) };
        let earlier =
            match rule.frequency {
                Frequency::Once => {
                    // The ledger's texts, borrowed: the grant's key is the rule's when it has one.
                    grants.iter().find(|g| key.is_none() || g.key.as_deref() == key).map(|g| Reason::PaidOnce {
                        key: key.and(g.key.as_deref()),
                        entity: (up > 0).then_some(g.entity.as_str()),
                        date: g.date,
                        amount: g.amount,
                        at: &g.at,
                    })
                }
                Frequency::Yearly => grants
                    .iter()
                    .find(|g| g.year == Some(date.year()))
                    .map(|g| Reason::PaidThisYear { year: date.year(), date: g.date, amount: g.amount, at: &g.at }),
                Frequency::EveryEvent => None,
            };
        earlier.map_or(Ok(()), |reason| Err(interp.not_applicable(|| reason)))
    }
}

/// The largest amount an award may reach: beyond it a decimal can no longer hold every fen
/// exactly, so a larger result is refused rather than rounded silently.
/// It is 10^20 yuan (一万亿亿), far above any budget.
const MAX_AMOUNT: Decimal = Decimal::from_parts(0x6310_0000, 0x6BC7_5E2D, 0x5, false, 0);

/// Refuses an award below zero (a formula such as `a - b` with a < b) or beyond [`MAX_AMOUNT`].
fn check_amount(award: &Entitlement) -> Result<(), Failed> {
    for bound in [award.min(), award.max()].into_iter().flatten() {
        // 0 ≤ bound ≤ its mantissa ≤ MAX_AMOUNT's: within bounds, without comparing scales.
        if (0..=MAX_AMOUNT.mantissa()).contains(&bound.mantissa()) {
            continue;
        }
        if bound.is_sign_negative() && !bound.is_zero() {
            return Err(Failed::BelowZero(money(bound)));
        }
        if bound > MAX_AMOUNT {
            return Err(Failed::TooLarge(money(bound), money(MAX_AMOUNT)));
        }
    }
    Ok(())
}

/// How a `once per` key is written in the ledger: an enum value by name (the checker wraps
/// it), a date as YYYY-MM-DD, a number as written.
fn key_text(value: &Value) -> String {
    match value {
        Value::Dec(d) => d.normalize().to_string(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => t.to_string(),
        Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// How informative a reason is, for ordering: a false condition says most, then a missing
/// fact or table row, then the dates.
fn informative(reason: &Reason<'_>) -> u8 {
    match reason {
        Reason::OutOfScope { .. } => 0,
        Reason::ConditionFalse { .. } => 1,
        Reason::FactMissing { .. }
        | Reason::NoRecords { .. }
        | Reason::NotInTable { .. }
        | Reason::NoTier { .. }
        | Reason::BelowFirstStep { .. } => 2,
        _ => 3,
    }
}

/// A fact's value (or its default), an aggregate's result; `None` when not given. The
/// checker placed every fact it reads, so each names an entity of the chain and a slot of it.
fn read<'p>(interp: &Interp<'p, '_>, reading: &'p Reading) -> Read<'p> {
    match reading {
        Reading::Field { up, slot, name, default } => {
            let entity = interp.chain.len().checked_sub(up + 1).and_then(|i| interp.chain.get(i));
            let value = entity.and_then(|entity| {
                let ty = interp.schema.kinds.get(entity.kind)?.fields.get(*slot)?.ty;
                match entity.slots.get(*slot)? {
                    Slot::Value(v) => Some(interp.schema.shown(v, ty)),
                    _ => default.as_deref().map(Shown::ByDefault),
                }
            });
            Read { fact: name, value }
        }
        Reading::Aggregate(expr, name) => {
            let (schema, chain, as_of) = (interp.schema, interp.chain, interp.as_of);
            let (schedules, args) = (interp.schedules, interp.args.clone());
            let mut again = Interp {
                schema,
                schedules,
                args,
                chain,
                as_of,
                trace: Vec::new(),
                tracing: false,
                explain: false,
                reasons: Vec::new(),
            };
            let value = again.eval(expr).ok().map(|v| schema.shown(&v, crate::program::Ty::Number));
            Read { fact: name, value }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Outcome = Result<(), String>;

    /// `rules/` with every pass made idle: its stacks, pools and caps gone, no rule paid once
    /// per owner; the outcomes and ledger checks unchanged.
    fn idle_program() -> Result<Program, String> {
        let paths = crate::policy_files(&["rules".into()]).map_err(|e| e.to_string())?;
        let mut sources = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            sources.push(crate::Source::new(path.display().to_string(), text));
        }
        let mut program = crate::compile(sources).map_err(|e| format!("{e:?}"))?.program;
        program.stacks.clear();
        program.pools.clear();
        for rule in &mut program.rules {
            rule.once_up = 0;
        }
        Ok(program)
    }

    /// Awards made at once give what the general path (candidates, then every pass) gives,
    /// in every field, on generated fact sets, explained and not.
    #[test]
    fn awards_made_at_once_equal_the_passes_on_generated_facts() -> Outcome {
        let program = idle_program()?;
        assert!(passes_idle(&program));
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
        let mut population = crate::population::Population::new(&program, 17);
        let mut awards = 0;
        for _ in 0..300 {
            let set = population.next_fact_set().to_string();
            let facts = program.facts("generated", &set).map_err(|e| format!("{e:?}"))?;
            for explain in [false, true] {
                let (mut general, mut direct) = (Evaluation::default(), Evaluation::default());
                let a = fill(&program, &facts, as_of, explain, false, &mut general);
                let b = fill(&program, &facts, as_of, explain, true, &mut direct);
                assert_eq!(format!("{a:?}"), format!("{b:?}"));
                assert_eq!(format!("{general:?}"), format!("{direct:?}"));
                awards += direct.awards.len();
            }
        }
        assert!(awards > 200, "the facts earn awards: {awards}");
        Ok(())
    }
}
