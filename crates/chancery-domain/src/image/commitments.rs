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

/// Where an open commitment stands against its due date, which may be a period (a month, a
/// quarter, a season, a year): overdue only once the whole period has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DueStatus {
    /// Before the first day of the due period.
    NotYetDue,
    /// Within the due period: it may still be kept on time.
    Due,
    /// After the last day of the due period, neither kept nor closed.
    Overdue,
}

impl DueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DueStatus::NotYetDue => "not yet due",
            DueStatus::Due => "due",
            DueStatus::Overdue => "overdue",
        }
    }
}

impl CommitmentState<'_> {
    /// Against its due date on `on`, for a commitment still open or in progress with a due date.
    pub fn due_status(&self, on: CivilDate) -> Option<DueStatus> {
        if !matches!(
            self.status,
            CommitmentStatus::Open | CommitmentStatus::InProgress
        ) {
            return None;
        }
        let due = self.info.due?;
        Some(if on < due.earliest() {
            DueStatus::NotYetDue
        } else if on <= due.latest() {
            DueStatus::Due
        } else {
            DueStatus::Overdue
        })
    }

    /// Past its due date (every day of it) on `on` and neither kept nor closed otherwise.
    pub fn overdue(&self, on: CivilDate) -> bool {
        self.due_status(on) == Some(DueStatus::Overdue)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::act::CommitmentMade;

    fn state(due: &str, info: &CommitmentMade) -> DueStatus {
        let made = Stamped {
            date: "2025-01".parse().unwrap(),
            seq: 1,
            superseded_by: None,
            provenance: None,
            audience: crate::access::Audience::Public,
            ev: CommitmentEvent::Made(Box::new(info.clone())),
        };
        let mut info = info.clone();
        info.due = Some(due.parse().unwrap());
        let s = CommitmentState {
            made: &made,
            info: &info,
            status: CommitmentStatus::Open,
            status_since: made.date,
            evidence: None,
            last: &made,
        };
        s.due_status("2025-08-15".parse().unwrap()).unwrap()
    }

    /// Asked on 15 August 2025: a due period that holds the day is "due", never overdue.
    #[test]
    fn a_due_period_is_overdue_only_after_its_last_day() {
        let info: CommitmentMade = serde_json::from_value(serde_json::json!({
            "commitment": "c1", "parties": ["US", "RU"], "undertaken_by": ["US"], "text": "t"
        }))
        .unwrap();
        assert_eq!(state("2025-Q3", &info), DueStatus::Due);
        assert_eq!(state("summer 2025", &info), DueStatus::Due);
        assert_eq!(state("2025", &info), DueStatus::Due);
        assert_eq!(state("2025-08", &info), DueStatus::Due);
        assert_eq!(state("2025-Q2", &info), DueStatus::Overdue);
        assert_eq!(state("spring 2025", &info), DueStatus::Overdue);
        assert_eq!(state("2025-07", &info), DueStatus::Overdue);
        assert_eq!(state("autumn 2025", &info), DueStatus::NotYetDue);
        assert_eq!(state("2025-Q4", &info), DueStatus::NotYetDue);
    }
}
