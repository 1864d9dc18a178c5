//! Measures: taken once, then amended or eased in stages, lifted at most once. A standing
//! measure is in force from the day it bites until it is lifted or expires; an event happens on
//! its date and is never in force.

mod life;
mod rules;

use super::timeline::{Stamped, View};
use crate::act::{MeasureChange, MeasureImposed};
use crate::date::CivilDate;
use crate::ids::{MeasureId, StateCode};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::Character;

pub use life::{MeasureStatus, Terms, EVENT_WINDOW_DAYS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeasureEvent {
    Imposed(Box<MeasureImposed>),
    Amended(Box<MeasureChange>),
    Eased(Box<MeasureChange>),
    Lifted { summary: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureRecord {
    pub id: MeasureId,
    pub actor: StateCode,
    pub target: StateCode,
    pub events: Vec<Stamped<MeasureEvent>>,
}

/// A measure as a view sees it on its date: as first taken, its later stages, its terms now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureState<'a> {
    pub imposed: &'a Stamped<MeasureEvent>,
    /// As first taken; [`MeasureState::terms`] has the terms after the stages.
    pub measure: &'a MeasureImposed,
    /// Amendments and easings the view sees, in date order.
    pub stages: Vec<&'a Stamped<MeasureEvent>>,
    pub lifted: Option<&'a Stamped<MeasureEvent>>,
    /// The day the view asks about.
    pub as_of: CivilDate,
    /// Seen only because it is known to have been in force by a later date ("start unknown").
    pub before_first_known: bool,
}

impl MeasureState<'_> {
    /// In force on the view's day: effective, neither lifted nor expired, and certainly so.
    pub fn in_force(&self) -> bool {
        self.status() == MeasureStatus::InForce
    }

    pub fn character(&self) -> Character {
        self.measure.character()
    }

    pub fn is_event(&self) -> bool {
        self.character() == Character::Event
    }
}

fn violation(seq: u64, code: RuleCode, message: String) -> Result<(), (u64, RuleViolation)> {
    Err((seq, RuleViolation::new(code, message).field("measure")))
}

pub(crate) fn fold_measure<'a>(
    id: &MeasureId,
    as_of: CivilDate,
    events: impl Iterator<Item = &'a Stamped<MeasureEvent>>,
) -> Result<Option<MeasureState<'a>>, (u64, RuleViolation)> {
    let mut state: Option<MeasureState<'a>> = None;
    for e in events {
        match (&e.ev, state.as_mut()) {
            (MeasureEvent::Imposed(m), None) => {
                state = Some(MeasureState {
                    imposed: e,
                    measure: m,
                    stages: Vec::new(),
                    lifted: None,
                    as_of,
                    before_first_known: false,
                })
            }
            (MeasureEvent::Imposed(_), Some(_)) => violation(
                e.seq,
                RuleCode::DuplicateId,
                format!("measure `{id}` is already recorded"),
            )?,
            (_, None) => violation(
                e.seq,
                RuleCode::LiftBeforeImposition,
                format!(
                    "measure `{id}` cannot be changed or lifted on {}: it is not yet taken then",
                    e.date
                ),
            )?,
            (_, Some(s)) if s.lifted.is_some() => {
                let l = s.lifted.map(|l| l.date.to_string()).unwrap_or_default();
                violation(
                    e.seq,
                    RuleCode::MeasureAlreadyLifted,
                    format!("measure `{id}` was already lifted on {l}"),
                )?
            }
            (MeasureEvent::Lifted { .. } | MeasureEvent::Eased(_) | MeasureEvent::Amended(_), Some(s))
                if s.is_event() =>
            {
                violation(
                    e.seq,
                    RuleCode::EventNotLiftable,
                    format!(
                        "measure `{id}` is an event ({}): it happened on {} and cannot be amended, eased or lifted (correct the act if its facts were wrong); record its standing consequence (replacements barred, positions abolished) as a measure of its own and lift that",
                        s.measure.measure_kind, s.imposed.date
                    ),
                )?
            }
            (MeasureEvent::Amended(_) | MeasureEvent::Eased(_), Some(s)) => s.stages.push(e),
            (MeasureEvent::Lifted { .. }, Some(s)) => s.lifted = Some(e),
        }
    }
    Ok(state)
}

impl MeasureRecord {
    /// Whether `view` knows any act of it: false once it is withdrawn (or hidden) for that view,
    /// although the image keeps it for views known earlier.
    pub fn known_to(&self, view: &View) -> bool {
        self.events.iter().any(|e| view.knows(e))
    }

    /// The measure as a view sees it; `None` if not yet taken then (or, for one known only to
    /// have been in force by a date, before the record could know it).
    pub fn state(&self, view: &View) -> Option<MeasureState<'_>> {
        let seen = fold_measure(&self.id, view.as_of, view.filter(&self.events))
            .ok()
            .flatten();
        if seen.is_some() {
            return seen;
        }
        // Known only "in force by" its date: earlier views see it with its start unknown.
        let first = self.events.iter().find(|e| view.knows(e))?;
        match &first.ev {
            MeasureEvent::Imposed(m) if m.start_unknown => Some(MeasureState {
                imposed: first,
                measure: m,
                stages: Vec::new(),
                lifted: None,
                as_of: view.as_of,
                before_first_known: true,
            }),
            _ => None,
        }
    }
}
