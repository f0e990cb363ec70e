//! `acknowledge <warning> "reason"`: a warning the text itself gives rise to, answered in the
//! rule, pool or stack it is about. While that item is checked, the warnings it names are set
//! aside with their reasons instead of being reported; one it names that does not occur is a
//! warning of its own (the text changed, or the name is wrong).

use super::{suggest, CheckError, Diagnostics};
use crate::ast::{self, Span, Spanned};
use crate::t;

/// A warning set aside by an `acknowledge`, with the reason written beside it.
#[derive(Debug, Clone)]
pub(crate) struct Acknowledged {
    /// The warning as it would have been reported.
    pub warning: CheckError,
    /// The reason, as written.
    pub reason: String,
    /// The rule, pool or stack: "rule `WX-11a`".
    pub item: String,
}

/// One `acknowledge` of the item being checked, and whether a warning has met it.
#[derive(Debug)]
struct Answer {
    warning: String,
    reason: String,
    span: Span,
    used: bool,
}

/// The item being checked and its `acknowledge`s.
#[derive(Debug)]
pub(super) struct Answering {
    file: usize,
    item: String,
    answers: Vec<Answer>,
    /// The warnings the item gave that no `acknowledge` names, for the help.
    unanswered: Vec<String>,
}

impl Diagnostics {
    /// Until [`Diagnostics::answered`], warnings that `acknowledged` names are set aside.
    /// `item` names the rule, pool or stack in messages: "rule `WX-11a`".
    pub(super) fn answering(&mut self, file: usize, item: String, acknowledged: &[Spanned<ast::Acknowledge>]) {
        let mut answers = Vec::new();
        for a in acknowledged {
            let name = &a.warning.node;
            if CheckError::ACKNOWLEDGEABLE.contains(&name.as_str()) {
                let (warning, reason) = (name.clone(), a.reason.node.clone());
                answers.push(Answer { warning, reason, span: a.span, used: false });
            } else {
                let help = suggest::help(name, CheckError::ACKNOWLEDGEABLE.iter().copied(), "warning");
                self.error(file, CheckError::UnknownWarning { name: name.clone(), help, span: a.warning.span.into() });
            }
        }
        self.answering = Some(Box::new(Answering { file, item, answers, unanswered: Vec::new() }));
    }

    /// Ends [`Diagnostics::answering`]: an `acknowledge` that met no warning is reported.
    pub(super) fn answered(&mut self) {
        let Some(done) = self.answering.take() else { return };
        for answer in done.answers.into_iter().filter(|a| !a.used) {
            let help = match done.unanswered.as_slice() {
                [] => t!("check-acknowledged-absent-remove"),
                found => {
                    let names: Vec<String> = found.iter().map(|n| format!("`{n}`")).collect();
                    t!("check-acknowledged-absent-others", names = names.join(&t!("list-separator")))
                }
            };
            let error = CheckError::AcknowledgedAbsent {
                warning: answer.warning,
                item: done.item.clone(),
                help,
                span: answer.span.into(),
            };
            self.error(done.file, error);
        }
    }

    /// Takes `error` aside if the item being checked acknowledges it; otherwise hands it back.
    pub(super) fn set_aside(&mut self, file: usize, error: CheckError) -> Option<CheckError> {
        let Some(answering) = self.answering.as_mut().filter(|a| a.file == file) else { return Some(error) };
        let Some(name) = error.warning_name() else { return Some(error) };
        let Some(answer) = answering.answers.iter_mut().find(|a| a.warning == name) else {
            if !answering.unanswered.contains(&name) {
                answering.unanswered.push(name);
            }
            return Some(error);
        };
        answer.used = true;
        let reason = answer.reason.clone();
        self.acknowledged.push((file, Acknowledged { warning: error, reason, item: answering.item.clone() }));
        None
    }
}
