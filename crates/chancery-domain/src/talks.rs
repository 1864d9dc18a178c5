//! Talks as of a date: rounds (held or cancelled) with what was agreed, statements, and
//! commitments with where each stands.

use serde::Serialize;

use crate::date::ValidDate;
use crate::ids::{CommitmentId, MeasureId, RoundId, StateCode};
use crate::image::commitments::fold_commitment;
use crate::image::mission::TalkEvent;
use crate::image::timeline::{Provenance, View};
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::CommitmentStatus;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub id: RoundId,
    pub date: ValidDate,
    /// `held` or `cancelled`.
    pub status: &'static str,
    pub parties: Vec<StateCode>,
    pub venue_state: StateCode,
    pub venue: Option<String>,
    pub level: Option<String>,
    pub heads_of_delegation: Vec<String>,
    pub agenda: Vec<String>,
    pub outcome: String,
    pub cancelled_by: Option<StateCode>,
    /// Agreements (notes exchanged, understandings) recorded at this round.
    pub agreements: Vec<AgreementView>,
    /// Commitments made at this round.
    pub commitments: Vec<CommitmentId>,
    pub provenance: Option<Provenance>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementView {
    pub date: ValidDate,
    pub summary: String,
    pub round: Option<RoundId>,
    pub provenance: Option<Provenance>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementView {
    pub date: ValidDate,
    pub by: StateCode,
    pub summary: String,
    pub provenance: Option<Provenance>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Talks {
    pub rounds: Vec<RoundView>,
    /// Agreements not tied to a recorded round (a summit, a phone call).
    pub agreements: Vec<AgreementView>,
    pub statements: Vec<StatementView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentView {
    pub id: CommitmentId,
    pub made: ValidDate,
    pub round: Option<RoundId>,
    pub parties: Vec<StateCode>,
    pub undertaken_by: Vec<StateCode>,
    pub text: String,
    pub lifts: Vec<MeasureId>,
    pub eases: Vec<MeasureId>,
    pub targets: Vec<String>,
    pub due: Option<ValidDate>,
    pub status: CommitmentStatus,
    pub status_since: ValidDate,
    /// Open or in progress after every day of its due date.
    pub overdue: bool,
    /// For an open or in-progress commitment with a due date: `not_yet_due`, `due` (within the
    /// due period, which may be a month, quarter, season or year) or `overdue`.
    pub due_status: Option<crate::image::commitments::DueStatus>,
    pub evidence: Option<String>,
    /// Where the commitment comes from.
    pub provenance: Option<Provenance>,
    /// Where its current status comes from.
    pub status_provenance: Option<Provenance>,
}

impl Image {
    /// Rounds, agreements and statements of the relation that the view sees, by date.
    pub fn talks(&self, a: StateCode, b: StateCode, view: View) -> Result<Talks, QueryError> {
        let key = self.check_relation(a, b, &view)?;
        let mut talks = Talks {
            rounds: Vec::new(),
            agreements: Vec::new(),
            statements: Vec::new(),
        };
        let Some(rel) = self.relations.get(&key) else {
            return Ok(talks);
        };
        let provenance = |p: &Option<std::sync::Arc<Provenance>>| p.as_deref().cloned();
        for e in view.filter(&rel.talks) {
            match &e.ev {
                TalkEvent::RoundHeld {
                    round,
                    parties,
                    venue_state,
                    venue,
                    level,
                    heads_of_delegation,
                    agenda,
                    outcome,
                } => talks.rounds.push(RoundView {
                    id: round.clone(),
                    date: e.date,
                    status: "held",
                    parties: parties.clone(),
                    venue_state: *venue_state,
                    venue: venue.clone(),
                    level: level.clone(),
                    heads_of_delegation: heads_of_delegation.clone(),
                    agenda: agenda.clone(),
                    outcome: outcome.clone(),
                    cancelled_by: None,
                    agreements: Vec::new(),
                    commitments: Vec::new(),
                    provenance: provenance(&e.provenance),
                }),
                TalkEvent::RoundCancelled {
                    round,
                    parties,
                    venue_state,
                    cancelled_by,
                    outcome,
                } => talks.rounds.push(RoundView {
                    id: round.clone(),
                    date: e.date,
                    status: "cancelled",
                    parties: parties.clone(),
                    venue_state: *venue_state,
                    venue: None,
                    level: None,
                    heads_of_delegation: Vec::new(),
                    agenda: Vec::new(),
                    outcome: outcome.clone(),
                    cancelled_by: *cancelled_by,
                    agreements: Vec::new(),
                    commitments: Vec::new(),
                    provenance: provenance(&e.provenance),
                }),
                TalkEvent::Agreement { round, summary, .. } => {
                    let agreement = AgreementView {
                        date: e.date,
                        summary: summary.clone(),
                        round: round.clone(),
                        provenance: provenance(&e.provenance),
                    };
                    match talks
                        .rounds
                        .iter_mut()
                        .find(|r| Some(&r.id) == round.as_ref())
                    {
                        Some(r) => r.agreements.push(agreement),
                        None => talks.agreements.push(agreement),
                    }
                }
                TalkEvent::Statement { by, summary } => talks.statements.push(StatementView {
                    date: e.date,
                    by: *by,
                    summary: summary.clone(),
                    provenance: provenance(&e.provenance),
                }),
            }
        }
        for c in self.commitments(a, b, view)? {
            if let Some(r) = talks
                .rounds
                .iter_mut()
                .find(|r| Some(&r.id) == c.round.as_ref())
            {
                r.commitments.push(c.id);
            }
        }
        Ok(talks)
    }

    /// Commitments of the relation that the view sees, with their status on `view.as_of`.
    pub fn commitments(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<Vec<CommitmentView>, QueryError> {
        let key = self.check_relation(a, b, &view)?;
        let Some(rel) = self.relations.get(&key) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<CommitmentView> = rel
            .commitments
            .iter()
            .filter_map(|id| {
                let r = self.commitments.get(id)?;
                let s = fold_commitment(id, view.filter(&r.events)).ok().flatten()?;
                Some(CommitmentView {
                    id: id.clone(),
                    made: s.made.date,
                    round: s.info.round.clone(),
                    parties: s.info.parties.to_vec(),
                    undertaken_by: s.info.undertaken_by.clone(),
                    text: s.info.text.clone(),
                    lifts: s.info.lifts.clone(),
                    eases: s.info.eases.clone(),
                    targets: s.info.targets.clone(),
                    due: s.info.due,
                    status: s.status,
                    status_since: s.status_since,
                    overdue: s.overdue(view.as_of),
                    due_status: s.due_status(view.as_of),
                    evidence: s.evidence.map(str::to_owned),
                    provenance: s.made.provenance.as_deref().cloned(),
                    status_provenance: s.last.provenance.as_deref().cloned(),
                })
            })
            .collect();
        out.sort_by_key(|c| c.made);
        Ok(out)
    }
}
