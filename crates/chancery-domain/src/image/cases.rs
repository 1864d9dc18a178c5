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
    // Steps the timeline puts before the opening: a vaguer date sorts first ("2024-03" before
    // "2024-03-01"), so a step known only to the arrest's month comes first although it may
    // fall on or after the arrest. Kept until the opening, then taken in order after it.
    let mut early: Vec<&'a Stamped<CaseEvent>> = Vec::new();
    let mut events = events;
    while let Some(e) = early_first(&mut early, state.is_some(), &mut events) {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let Some(s) = state.as_mut() else {
            if let CaseEvent::Opened(info) = &e.ev {
                // Only a step whose whole period precedes the opening is certainly before it.
                if let Some(before) = early.iter().find(|b| e.date.certainly_after(b.date)) {
                    return Err((
                        before.seq,
                        RuleViolation::new(
                            RuleCode::ActBeforeSubjectExists,
                            format!("case `{id}` is not yet opened on {}", before.date),
                        ),
                    ));
                }
                state = Some(CaseState {
                    opened: e,
                    info,
                    steps: Vec::new(),
                });
                continue;
            }
            early.push(e);
            continue;
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
            // A step that may fall on or before the release (a release known only to the month
            // of a precise visit) is not after it.
            let after = e.date.certainly_after(at.date) || last == CaseStep::Closed;
            if after && (last == CaseStep::Closed || step != CaseStep::Closed) {
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
    match (early.first(), &state) {
        (Some(e), None) => Err((
            e.seq,
            RuleViolation::new(
                RuleCode::ActBeforeSubjectExists,
                format!("case `{id}` is not yet opened on {}", e.date),
            ),
        )),
        _ => Ok(state),
    }
}

/// The next event to fold: once the case is open, the steps held back before it (in their
/// order), then the rest of the timeline.
fn early_first<'a, I: Iterator<Item = &'a Stamped<CaseEvent>>>(
    early: &mut Vec<&'a Stamped<CaseEvent>>,
    open: bool,
    events: &mut I,
) -> Option<&'a Stamped<CaseEvent>> {
    if open && !early.is_empty() {
        return Some(early.remove(0));
    }
    events.next()
}
