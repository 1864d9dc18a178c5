//! Talks between the two states of a relation: rounds, agreements, statements.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::kind::kind_of;
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

impl TalksAct {
    kind_of!(TalksAct: RoundHeld => RoundHeld, RoundCancelled => RoundCancelled,
        Agreement => AgreementRecorded, Statement => StatementRecorded);

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

pub(crate) const ROUND_HELD: &[Field] = field_table![
    new_id round, req parties: States, req venue_state: State, opt venue: Name, opt level: Name,
    opt heads_of_delegation: Lines, opt agenda: Lines, req outcome: Prose,
];
pub(crate) const ROUND_CANCELLED: &[Field] = field_table![
    new_id round, req parties: States, req venue_state: State, opt cancelled_by: State,
    req outcome: Prose,
];
pub(crate) const AGREEMENT: &[Field] = field_table![
    req parties: States, req venue_state: State, opt round: Id, req summary: Prose,
];
pub(crate) const STATEMENT: &[Field] = field_table![
    req by: State, req about: State, req summary: Prose,
];
