//! Measures: imposed once, lifted at most once, in force in between.

mod rules;

use super::timeline::{Stamped, View};
use crate::act::MeasureImposed;
use crate::ids::{MeasureId, StateCode};
use crate::rules::{RuleCode, RuleViolation};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeasureEvent {
    Imposed(Box<MeasureImposed>),
    Lifted { summary: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureRecord {
    pub id: MeasureId,
    pub actor: StateCode,
    pub target: StateCode,
    pub events: Vec<Stamped<MeasureEvent>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureState<'a> {
    pub imposed: &'a Stamped<MeasureEvent>,
    pub measure: &'a MeasureImposed,
    pub lifted: Option<&'a Stamped<MeasureEvent>>,
}

impl MeasureState<'_> {
    pub fn in_force(&self) -> bool {
        self.lifted.is_none()
    }
}

pub(crate) fn fold_measure<'a>(
    id: &MeasureId,
    events: impl Iterator<Item = &'a Stamped<MeasureEvent>>,
) -> Result<Option<MeasureState<'a>>, (u64, RuleViolation)> {
    let mut state: Option<MeasureState<'a>> = None;
    for e in events {
        match (&e.ev, state.as_mut()) {
            (MeasureEvent::Imposed(m), None) => {
                state = Some(MeasureState {
                    imposed: e,
                    measure: m,
                    lifted: None,
                })
            }
            (MeasureEvent::Imposed(_), Some(_)) => {
                return Err((
                    e.seq,
                    RuleViolation::new(
                        RuleCode::DuplicateId,
                        format!("measure `{id}` is already recorded"),
                    ),
                ))
            }
            (MeasureEvent::Lifted { .. }, None) => {
                return Err((
                    e.seq,
                    RuleViolation::new(
                        RuleCode::LiftBeforeImposition,
                        format!(
                            "measure `{id}` cannot be lifted on {}: it is not yet imposed then",
                            e.date
                        ),
                    ),
                ))
            }
            (MeasureEvent::Lifted { .. }, Some(s)) => {
                if let Some(l) = s.lifted {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::MeasureAlreadyLifted,
                            format!("measure `{id}` was already lifted on {}", l.date),
                        ),
                    ));
                }
                s.lifted = Some(e);
            }
        }
    }
    Ok(state)
}

impl MeasureRecord {
    /// The measure as a view sees it; `None` if not yet imposed then.
    pub fn state(&self, view: &View) -> Option<MeasureState<'_>> {
        fold_measure(&self.id, view.filter(&self.events))
            .ok()
            .flatten()
    }
}
