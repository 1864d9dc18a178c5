//! Commitments: made (usually at a round of talks), their progress, kept.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::kind::kind_of;
use crate::date::ValidDate;
use crate::ids::{CommitmentId, MeasureId, RoundId, StateCode};
use crate::parties::Parties;
use crate::vocab::CommitmentStatus;

/// What one or both parties undertook, usually at a round of talks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentMade {
    pub commitment: CommitmentId,
    /// The two states of the relation.
    pub parties: Parties,
    /// Who undertook it: one of the parties or both.
    pub undertaken_by: Vec<StateCode>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundId>,
    /// Measures to be lifted when the commitment is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifts: Vec<MeasureId>,
    /// Measures to be eased (recorded, not changed automatically).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eases: Vec<MeasureId>,
    /// Targets in words: "unimpeded banking for both missions", "a staff level of 300".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<ValidDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum CommitmentAct {
    #[serde(rename = "commitment_made")]
    Made(Box<CommitmentMade>),
    #[serde(rename = "commitment_status_changed")]
    StatusChanged {
        commitment: CommitmentId,
        status: CommitmentStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        evidence: Option<String>,
    },
    /// Records that a commitment was kept: every measure it promised to lift is lifted by this
    /// act, so the state changes with it.
    #[serde(rename = "commitment_kept")]
    Kept {
        commitment: CommitmentId,
        evidence: String,
    },
}

impl CommitmentAct {
    kind_of!(CommitmentAct: Made => CommitmentMade, StatusChanged => CommitmentStatusChanged,
        Kept => CommitmentKept);

    pub fn commitment(&self) -> &CommitmentId {
        match self {
            CommitmentAct::Made(c) => &c.commitment,
            CommitmentAct::StatusChanged { commitment, .. }
            | CommitmentAct::Kept { commitment, .. } => commitment,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "commitment:{}", self.commitment())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            CommitmentAct::Made(c) => c
                .parties
                .as_slice()
                .iter()
                .chain(&c.undertaken_by)
                .copied()
                .collect(),
            CommitmentAct::StatusChanged { .. } | CommitmentAct::Kept { .. } => Vec::new(),
        }
    }
}

pub(crate) const MADE: &[Field] = field_table![
    new_id commitment, req parties: States, req undertaken_by: States, req text: Prose,
    opt round: Id, opt lifts: Ids, opt eases: Ids, opt targets: Lines, opt due: Date,
];
pub(crate) const STATUS_CHANGED: &[Field] = field_table![
    req commitment: Id, req status: Choice(CommitmentStatus), opt evidence: Prose,
];
pub(crate) const KEPT: &[Field] = field_table![req commitment: Id, req evidence: Prose];
