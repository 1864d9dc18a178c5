//! A negotiator's brief for the next round of a relation: what is owed (open and overdue
//! commitments), what happened since the last round held, the roadmap's next steps, and the
//! parity dimensions that read differently now than on the day of that round.

use serde::Serialize;

use crate::date::CivilDate;
use crate::ids::{MissionKey, RelationKey, StateCode};
use crate::image::timeline::{Stamped, View};
use crate::image::Image;
use crate::query::QueryError;
use crate::reciprocity::parity::Definition;
use crate::reciprocity::roadmap::{DimensionChange, RoadmapStep};
use crate::talks::{CommitmentView, RoundView};
use crate::vocab::CommitmentStatus;

/// How many of the roadmap's steps the brief shows.
pub const NEXT_STEPS: usize = 3;

/// The most acts "since the last round" the brief lists; more are counted, not listed.
pub const MAX_CHANGES: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Brief {
    pub as_of: CivilDate,
    pub states: [StateCode; 2],
    /// The last round held by the day (a cancelled round is no starting point).
    pub last_round: Option<RoundView>,
    /// The day after which "since the last round" counts: the last day of the round's date.
    pub since: Option<CivilDate>,
    /// Open and in-progress commitments, overdue first, then by due date.
    pub commitments: Vec<CommitmentView>,
    /// Journal sequence numbers of the acts dated after `since` up to the day (at most
    /// [`MAX_CHANGES`], the latest kept), in journal order; empty without a last round.
    pub changes: Vec<u64>,
    /// How many such acts there are in all.
    pub changes_total: usize,
    /// The roadmap's first steps from the day.
    pub next_steps: Vec<RoadmapStep>,
    /// Why there are no steps, when the roadmap cannot be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roadmap_error: Option<String>,
    /// Parity dimensions that read differently on the day than on the last round's day.
    pub parity_moved: Vec<DimensionChange>,
}

fn seqs_after<E>(view: &View, after: CivilDate, events: &[Stamped<E>], out: &mut Vec<u64>) {
    out.extend(
        view.filter(events)
            .filter(|e| e.date.earliest() > after)
            .map(|e| e.seq),
    );
}

impl Image {
    /// The acts of the relation dated after `after` (by their first day) up to the view's day,
    /// that the view sees, in journal order.
    pub fn relation_acts_after(&self, key: RelationKey, after: CivilDate, view: View) -> Vec<u64> {
        let mut out = Vec::new();
        let (a, b) = key.states();
        for (sending, host) in [(a, b), (b, a)] {
            let Some(m) = self.missions.get(&MissionKey { sending, host }) else {
                continue;
            };
            seqs_after(&view, after, &m.heads, &mut out);
            seqs_after(&view, after, &m.reports, &mut out);
            for r in m.posts.iter().filter_map(|id| self.posts.get(id)) {
                seqs_after(&view, after, &r.events, &mut out);
            }
            for r in m.premises.iter().filter_map(|id| self.premises.get(id)) {
                seqs_after(&view, after, &r.events, &mut out);
            }
            for r in m.members.iter().filter_map(|id| self.members.get(id)) {
                seqs_after(&view, after, &r.events, &mut out);
            }
        }
        if let Some(rel) = self.relations.get(&key) {
            seqs_after(&view, after, &rel.talks, &mut out);
            for r in rel.measures.iter().filter_map(|id| self.measures.get(id)) {
                seqs_after(&view, after, &r.events, &mut out);
            }
            for r in rel
                .commitments
                .iter()
                .filter_map(|id| self.commitments.get(id))
            {
                seqs_after(&view, after, &r.events, &mut out);
            }
            for r in rel.cases.iter().filter_map(|id| self.cases.get(id)) {
                seqs_after(&view, after, &r.events, &mut out);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The brief for the next round of `a`–`b` on the view's day.
    pub fn brief(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        def: &Definition,
    ) -> Result<Brief, QueryError> {
        let talks = self.talks(a, b, view)?;
        let last_round = talks.rounds.into_iter().rev().find(|r| r.status == "held");
        let since = last_round.as_ref().map(|r| r.date.latest());
        let mut commitments: Vec<CommitmentView> = self
            .commitments(a, b, view)?
            .into_iter()
            .filter(|c| {
                matches!(
                    c.status,
                    CommitmentStatus::Open | CommitmentStatus::InProgress
                )
            })
            .collect();
        commitments.sort_by_key(|c| (!c.overdue, c.due.is_none(), c.due, c.made));
        let (mut changes, mut parity_moved) = (Vec::new(), Vec::new());
        if let Some(since) = since.filter(|d| *d < view.as_of) {
            changes = self.relation_acts_after(RelationKey::new(a, b), since, view);
            let then = self.parity(a, b, view.on(since), def)?;
            let now = self.parity(a, b, view, def)?;
            for d in &now.dimensions {
                if let Some(before) = then.dimensions.iter().find(|x| x.key == d.key) {
                    if d.changed_from(before) {
                        parity_moved.push(DimensionChange {
                            key: d.key.to_owned(),
                            before: crate::reciprocity::roadmap::without_basis(before),
                            after: crate::reciprocity::roadmap::without_basis(d),
                        });
                    }
                }
            }
        }
        let changes_total = changes.len();
        if changes.len() > MAX_CHANGES {
            changes.drain(..changes.len() - MAX_CHANGES);
        }
        let (next_steps, roadmap_error) = match self.roadmap(a, b, view, def) {
            Ok(r) => (r.steps.into_iter().take(NEXT_STEPS).collect(), None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        Ok(Brief {
            as_of: view.as_of,
            states: [a, b],
            last_round,
            since,
            commitments,
            changes,
            changes_total,
            next_steps,
            roadmap_error,
            parity_moved,
        })
    }
}
