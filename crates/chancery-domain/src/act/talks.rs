//! Talks between the two states of a relation: rounds, agreements, statements.

use serde::{Deserialize, Serialize};

use super::fields::{new_id, opt, req, Field, FieldType as T};
use super::kind::Kind;
use crate::ids::{RoundId, StateCode};
use crate::parties::Parties;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum TalksAct {
    #[serde(rename = "round_held")]
    RoundHeld {
        round: RoundId,
        parties: Parties,
        venue_state: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        venue: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        level: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        heads_of_delegation: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        agenda: Vec<String>,
        outcome: String,
    },
    #[serde(rename = "round_cancelled")]
    RoundCancelled {
        round: RoundId,
        parties: Parties,
        venue_state: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cancelled_by: Option<StateCode>,
        outcome: String,
    },
    #[serde(rename = "agreement_recorded")]
    Agreement {
        parties: Parties,
        venue_state: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        round: Option<RoundId>,
        summary: String,
    },
    #[serde(rename = "statement_recorded")]
    Statement {
        by: StateCode,
        about: StateCode,
        summary: String,
    },
}

const PARTIES: Field = req("parties", T::States);
const VENUE_STATE: Field = req("venue_state", T::State);

impl TalksAct {
    pub fn kind(&self) -> Kind {
        match self {
            TalksAct::RoundHeld { .. } => Kind::RoundHeld,
            TalksAct::RoundCancelled { .. } => Kind::RoundCancelled,
            TalksAct::Agreement { .. } => Kind::AgreementRecorded,
            TalksAct::Statement { .. } => Kind::StatementRecorded,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            TalksAct::RoundHeld { round, .. } | TalksAct::RoundCancelled { round, .. } => {
                write!(w, "round:{round}")
            }
            TalksAct::Agreement { parties, .. } => write!(w, "agreement:{parties:?}"),
            TalksAct::Statement { by, .. } => write!(w, "statement:{by}"),
        }
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            TalksAct::RoundHeld { parties, .. } | TalksAct::Agreement { parties, .. } => {
                parties.to_vec()
            }
            TalksAct::RoundCancelled {
                parties,
                cancelled_by,
                ..
            } => parties
                .as_slice()
                .iter()
                .copied()
                .chain(*cancelled_by)
                .collect(),
            TalksAct::Statement { by, about, .. } => vec![*by, *about],
        }
    }
}

pub(crate) const ROUND_HELD: &[Field] = &[
    new_id("round"),
    PARTIES,
    VENUE_STATE,
    opt("venue", T::Name),
    opt("level", T::Name),
    opt("heads_of_delegation", T::Lines),
    opt("agenda", T::Lines),
    req("outcome", T::Prose),
];
pub(crate) const ROUND_CANCELLED: &[Field] = &[
    new_id("round"),
    PARTIES,
    VENUE_STATE,
    opt("cancelled_by", T::State),
    req("outcome", T::Prose),
];
pub(crate) const AGREEMENT: &[Field] = &[
    PARTIES,
    VENUE_STATE,
    opt("round", T::Id),
    req("summary", T::Prose),
];
pub(crate) const STATEMENT: &[Field] = &[
    req("by", T::State),
    req("about", T::State),
    req("summary", T::Prose),
];
