//! Talks followed round by round: each round with what became of the commitments made at it,
//! and the acts behind a round (so its page can link them both ways).

use serde::Serialize;

use crate::ids::{RoundId, StateCode};
use crate::image::mission::TalkEvent;
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::talks::{CommitmentView, RoundView};
use crate::vocab::CommitmentStatus;

/// What became of the commitments made at a round, on the view's day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentTally {
    pub made: usize,
    pub kept: usize,
    /// Open or in progress (overdue ones included).
    pub open: usize,
    /// Open or in progress after every day of their due date.
    pub overdue: usize,
}

impl CommitmentTally {
    pub fn of<'a>(commitments: impl IntoIterator<Item = &'a CommitmentView>) -> Self {
        let mut t = CommitmentTally::default();
        for c in commitments {
            t.made += 1;
            match c.status {
                CommitmentStatus::Kept => t.kept += 1,
                CommitmentStatus::Open | CommitmentStatus::InProgress => t.open += 1,
                CommitmentStatus::Broken | CommitmentStatus::Withdrawn => {}
            }
            t.overdue += usize::from(c.overdue);
        }
        t
    }
}

/// A round with the commitments made at it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundLine {
    pub round: RoundView,
    pub tally: CommitmentTally,
}

/// One round in full: the round, its commitments as they stand, and the acts behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundDetail {
    pub round: RoundView,
    pub commitments: Vec<CommitmentView>,
    pub tally: CommitmentTally,
    /// Journal sequence numbers of the acts about the round (held or cancelled, agreements)
    /// and about its commitments (made, progress, kept), in journal order.
    pub acts: Vec<u64>,
}

impl Image {
    /// The relation's rounds by date, each with what became of its commitments.
    pub fn round_lines(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<Vec<RoundLine>, QueryError> {
        let talks = self.talks(a, b, view)?;
        let commitments = self.commitments(a, b, view)?;
        Ok(talks
            .rounds
            .into_iter()
            .map(|round| {
                let tally = CommitmentTally::of(
                    commitments
                        .iter()
                        .filter(|c| c.round.as_ref() == Some(&round.id)),
                );
                RoundLine { round, tally }
            })
            .collect())
    }

    /// One round of the relation, or `None` when the view does not see it.
    pub fn round_detail(
        &self,
        a: StateCode,
        b: StateCode,
        id: &RoundId,
        view: View,
    ) -> Result<Option<RoundDetail>, QueryError> {
        let talks = self.talks(a, b, view)?;
        let Some(round) = talks.rounds.into_iter().find(|r| &r.id == id) else {
            return Ok(None);
        };
        let commitments: Vec<CommitmentView> = self
            .commitments(a, b, view)?
            .into_iter()
            .filter(|c| c.round.as_ref() == Some(id))
            .collect();
        let mut acts: Vec<u64> = Vec::new();
        if let Some(rel) = self.relations.get(&crate::ids::RelationKey::new(a, b)) {
            acts.extend(view.filter(&rel.talks).filter_map(|e| {
                let about = match &e.ev {
                    TalkEvent::RoundHeld { round, .. }
                    | TalkEvent::RoundCancelled { round, .. } => Some(round),
                    TalkEvent::Agreement { round, .. } => round.as_ref(),
                    TalkEvent::Statement { .. } => None,
                };
                (about == Some(id)).then_some(e.seq)
            }));
        }
        for c in &commitments {
            if let Some(r) = self.commitments.get(&c.id) {
                acts.extend(view.filter(&r.events).map(|e| e.seq));
            }
        }
        acts.sort_unstable();
        acts.dedup();
        Ok(Some(RoundDetail {
            tally: CommitmentTally::of(&commitments),
            round,
            commitments,
            acts,
        }))
    }
}
