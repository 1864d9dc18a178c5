//! What belongs to one mission (a sending state in a host state) or to one relation.

mod staffing_rules;
mod talks_rules;

use super::heads::HeadAct;
use super::timeline::Stamped;
use crate::ids::{CommitmentId, MeasureId, MemberId, PostId, PremisesId, RoundId, StateCode};
use crate::vocab::{Bound, Counting, StaffFigure};

/// An aggregate staffing figure as a source reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffingReport {
    pub posts: Vec<PostId>,
    pub value: u32,
    pub bound: Bound,
    pub counting: Counting,
    pub includes_io: bool,
    pub figure: StaffFigure,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissionRecord {
    /// In the order they were first recorded.
    pub posts: Vec<PostId>,
    pub premises: Vec<PremisesId>,
    pub members: Vec<MemberId>,
    pub heads: Vec<Stamped<HeadAct>>,
    pub reports: Vec<Stamped<StaffingReport>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TalkEvent {
    RoundHeld {
        round: RoundId,
        parties: Vec<StateCode>,
        venue_state: StateCode,
        venue: Option<String>,
        level: Option<String>,
        heads_of_delegation: Vec<String>,
        agenda: Vec<String>,
        outcome: String,
    },
    RoundCancelled {
        round: RoundId,
        parties: Vec<StateCode>,
        venue_state: StateCode,
        cancelled_by: Option<StateCode>,
        outcome: String,
    },
    Agreement {
        parties: Vec<StateCode>,
        venue_state: StateCode,
        round: Option<RoundId>,
        summary: String,
    },
    Statement {
        by: StateCode,
        summary: String,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationRecord {
    /// In the order they were first recorded.
    pub measures: Vec<MeasureId>,
    pub talks: Vec<Stamped<TalkEvent>>,
    /// In the order they were first recorded.
    pub commitments: Vec<CommitmentId>,
    /// Nationals' cases, in the order they were first recorded.
    pub cases: Vec<crate::ids::CaseId>,
}
