//! Commitments made at talks: open until kept, broken or withdrawn; overdue when past due.

mod rules;

use super::timeline::Stamped;
use crate::act::CommitmentMade;
use crate::date::{CivilDate, ValidDate};
use crate::ids::{CommitmentId, RelationKey};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::CommitmentStatus;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitmentEvent {
    Made(Box<CommitmentMade>),
    Status {
        status: CommitmentStatus,
        evidence: Option<String>,
    },
    Kept {
        evidence: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentRecord {
    pub id: CommitmentId,
    pub relation: RelationKey,
    pub events: Vec<Stamped<CommitmentEvent>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentState<'a> {
    pub made: &'a Stamped<CommitmentEvent>,
    pub info: &'a CommitmentMade,
    pub status: CommitmentStatus,
    pub status_since: ValidDate,
    pub evidence: Option<&'a str>,
    /// The latest act that changed the status (for its sources).
    pub last: &'a Stamped<CommitmentEvent>,
}

impl CommitmentState<'_> {
    /// Past its due date (every day of it) on `on` and neither kept nor closed otherwise.
    pub fn overdue(&self, on: CivilDate) -> bool {
        matches!(
            self.status,
            CommitmentStatus::Open | CommitmentStatus::InProgress
        ) && self.info.due.is_some_and(|due| due.latest() < on)
    }
}

fn terminal(status: CommitmentStatus) -> bool {
    matches!(status, CommitmentStatus::Kept | CommitmentStatus::Withdrawn)
}

pub(crate) fn fold_commitment<'a>(
    id: &CommitmentId,
    events: impl Iterator<Item = &'a Stamped<CommitmentEvent>>,
) -> Result<Option<CommitmentState<'a>>, (u64, RuleViolation)> {
    let mut state: Option<CommitmentState<'a>> = None;
    for e in events {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let Some(s) = state.as_mut() else {
            if let CommitmentEvent::Made(info) = &e.ev {
                state = Some(CommitmentState {
                    made: e,
                    info,
                    status: CommitmentStatus::Open,
                    status_since: e.date,
                    evidence: None,
                    last: e,
                });
                continue;
            }
            return Err(refuse(
                RuleCode::ActBeforeSubjectExists,
                format!("commitment `{id}` is not yet made on {}", e.date),
            ));
        };
        let (status, evidence) = match &e.ev {
            CommitmentEvent::Made(_) => {
                return Err(refuse(
                    RuleCode::DuplicateId,
                    format!("commitment `{id}` is already recorded"),
                ))
            }
            CommitmentEvent::Status { status, evidence } => {
                if *status == CommitmentStatus::Kept {
                    return Err(refuse(
                        RuleCode::CommitmentKeptNeedsAct,
                        format!("commitment `{id}` is marked kept with a commitment_kept act, which records what it promised"),
                    ));
                }
                (*status, evidence.as_deref())
            }
            CommitmentEvent::Kept { evidence } => (CommitmentStatus::Kept, Some(evidence.as_str())),
        };
        if terminal(s.status) {
            return Err(refuse(
                RuleCode::CommitmentClosed,
                format!(
                    "commitment `{id}` was {} on {}; its status cannot change on {}",
                    s.status, s.status_since, e.date
                ),
            ));
        }
        s.status = status;
        s.status_since = e.date;
        s.evidence = evidence;
        s.last = e;
    }
    Ok(state)
}
