//! `:eval`, `:why` and `:why-not`: the whole evaluation, and one rule's part in it. Each
//! evaluates afresh, so the answer always reflects the current rules, facts and date.

use super::{show, Output, Session};
use crate::program::{Rule, RuleName};
use crate::{t, Evaluation};

impl Session {
    /// `:eval [entity]`: the table `policy eval` prints.
    pub(super) fn eval(&self, entity: Option<&str>) -> Output {
        match self.evaluation(entity) {
            Ok(evaluation) => Output::done(crate::output::table_in(&evaluation, self.config.width)),
            Err(failed) => failed,
        }
    }

    /// `:why <rule> [entity]`: each award of the rule with its trace.
    pub(super) fn why(&self, args: &[&str]) -> Output {
        let (index, rule, evaluation) = match self.rule_and_evaluation(args) {
            Ok(found) => found,
            Err(failed) => return failed,
        };
        let mine = |name: &RuleName| name.index == index;
        let mut out = self.heading(rule);
        let mut paid = 0;
        for award in evaluation.awards.iter().filter(|a| mine(a.rule)) {
            paid += 1;
            let award_text = crate::output::entitlement(&award.entitlement, show::money);
            out.push_str(&t!("repl-entity-says", entity = award.entity.to_string(), text = award_text));
            out.push('\n');
            for step in &award.trace {
                out.push_str(&format!("    {step}\n"));
            }
        }
        for excluded in evaluation.excluded.iter().filter(|x| mine(x.rule)) {
            paid += 1;
            out.push_str(&excluded_line(excluded));
        }
        let others = evaluation.not_applicable.iter().filter(|n| mine(n.rule)).count();
        let scope = args.get(1).map_or(String::new(), |e| format!(" {e}"));
        if paid == 0 && others == 0 {
            out.push_str(&self.none_of_kind(rule, args.get(1).copied()));
        } else if paid == 0 {
            out.push_str(&t!("repl-paid-nothing", rule = rule.id.as_str(), scope = scope));
            out.push('\n');
        } else if others > 0 {
            out.push_str(&t!("repl-not-applicable-to-others", count = others, rule = rule.id.as_str(), scope = scope));
            out.push('\n');
        }
        Output::done(out)
    }

    /// `:why-not <rule> [entity]`: the reason for each entity the rule did not pay.
    pub(super) fn why_not(&self, args: &[&str]) -> Output {
        let (index, rule, evaluation) = match self.rule_and_evaluation(args) {
            Ok(found) => found,
            Err(failed) => return failed,
        };
        let mine = |name: &RuleName| name.index == index;
        let mut out = self.heading(rule);
        let before = out.len();
        for na in evaluation.not_applicable.iter().filter(|n| mine(n.rule)) {
            out.push_str(&t!("repl-entity-says", entity = na.entity.to_string(), text = evaluation.reason(na)));
            out.push('\n');
        }
        for excluded in evaluation.excluded.iter().filter(|x| mine(x.rule)) {
            out.push_str(&excluded_line(excluded));
        }
        for award in evaluation.awards.iter().filter(|a| mine(a.rule)) {
            let award_text = crate::output::entitlement(&award.entitlement, show::money);
            let entity = award.entity.to_string();
            out.push_str(&t!("repl-it-applies", entity = entity, award = award_text, rule = rule.id.as_str()));
            out.push('\n');
        }
        if out.len() == before {
            out.push_str(&self.none_of_kind(rule, args.get(1).copied()));
        }
        Output::done(out)
    }

    /// The evaluation, limited to an entity when one is given.
    fn evaluation(&self, entity: Option<&str>) -> Result<Evaluation<'_>, Output> {
        let facts = self.need_facts()?;
        if let Some(entity) = entity {
            self.known_entity(facts, entity)?;
        }
        let evaluation =
            self.program.evaluate(facts, self.as_of()).map_err(|e| Output::failed(self.diagnostics(&[e])))?;
        Ok(match entity {
            Some(entity) => evaluation.only(entity),
            None => evaluation,
        })
    }

    /// The rule `args` names (its index and itself) and the evaluation for its entity.
    fn rule_and_evaluation(&self, args: &[&str]) -> Result<(usize, &Rule, Evaluation<'_>), Output> {
        let name = args.first().copied().unwrap_or_default();
        let index = self.find_rule(name)?;
        let rule = self.program.rules.get(index).ok_or_else(|| Output::failed(t!("repl-no-rule-bare", name = name)))?;
        Ok((index, rule, self.evaluation(args.get(1).copied())?))
    }

    /// `CZ-03-1b （三）第1段(b) title`: the first line of `:why` and `:why-not`.
    fn heading(&self, rule: &Rule) -> String {
        let cite = rule.cite.as_ref().map_or(String::new(), |c| format!(" {c}"));
        let title = rule.title.as_ref().map_or(String::new(), |t| format!(" {t}"));
        format!("{}{cite}{title}\n", rule.id)
    }

    /// Why a rule has no outcome at all: nothing of its kind to apply to.
    fn none_of_kind(&self, rule: &Rule, entity: Option<&str>) -> String {
        let kind = self.schema().kinds.get(rule.kind).map_or("?", |k| k.name.as_str());
        let under = entity.map_or(String::new(), |e| t!("repl-none-of-kind-under", entity = e));
        format!("{}\n", t!("repl-none-of-kind", kind = kind, under = under, rule = rule.id.as_str()))
    }
}

/// `enterprise.E1: excluded: 就高不重复 …`
fn excluded_line(excluded: &crate::eval::Excluded<'_>) -> String {
    format!("{}\n", t!("repl-excluded", entity = excluded.entity.to_string(), reason = excluded.reason()))
}
