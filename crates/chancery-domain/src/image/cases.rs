//! Cases of nationals held, dead or in need in the other state: opened, then steps in the
//! order they happened. A closed case takes no step; a national released or exchanged takes
//! only `closed`. The clocks on a case are `crate::consular::cases`.

mod rules;

use super::timeline::Stamped;
use crate::act::CaseOpened;
use crate::ids::{CaseId, MeasureId, RelationKey};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::CaseStep;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseEvent {
    Opened(Box<CaseOpened>),
    Step {
        step: CaseStep,
        measure: Option<MeasureId>,
        summary: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub relation: RelationKey,
    pub events: Vec<Stamped<CaseEvent>>,
}

/// A case as its events fold: the opening and the steps in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseState<'a> {
    pub opened: &'a Stamped<CaseEvent>,
    pub info: &'a CaseOpened,
    pub steps: Vec<&'a Stamped<CaseEvent>>,
}

impl CaseState<'_> {
    /// The steps with what they are, in the order they happened.
    pub fn step_list(&self) -> impl Iterator<Item = (CaseStep, &Stamped<CaseEvent>)> {
        self.steps.iter().filter_map(|e| match &e.ev {
            CaseEvent::Step { step, .. } => Some((*step, *e)),
            CaseEvent::Opened(_) => None,
        })
    }
}

pub(crate) fn fold_case<'a>(
    id: &CaseId,
    events: impl Iterator<Item = &'a Stamped<CaseEvent>>,
) -> Result<Option<CaseState<'a>>, (u64, RuleViolation)> {
    let mut state: Option<CaseState<'a>> = None;
    // The step after which the case takes no other (or only `closed`).
    let mut ended: Option<(CaseStep, &'a Stamped<CaseEvent>)> = None;
    for e in events {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let Some(s) = state.as_mut() else {
            if let CaseEvent::Opened(info) = &e.ev {
                state = Some(CaseState {
                    opened: e,
                    info,
                    steps: Vec::new(),
                });
                continue;
            }
            return Err(refuse(
                RuleCode::ActBeforeSubjectExists,
                format!("case `{id}` is not yet opened on {}", e.date),
            ));
        };
        let step = match &e.ev {
            CaseEvent::Opened(_) => {
                return Err(refuse(
                    RuleCode::DuplicateId,
                    format!("case `{id}` is already recorded"),
                ))
            }
            CaseEvent::Step { step, .. } => *step,
        };
        if let Some((last, at)) = ended {
            if last == CaseStep::Closed || step != CaseStep::Closed {
                let (seq, v) = refuse(
                    RuleCode::CaseClosed,
                    format!(
                        "case `{id}` was {last} on {}: only `closed` may follow a release or exchange, and nothing a closing",
                        at.date
                    ),
                );
                return Err((seq, v.field("step")));
            }
        }
        if step.ends_custody() {
            ended = Some((step, e));
        }
        s.steps.push(e);
    }
    Ok(state)
}
