//! Whose act an act records. A ministry records only what is its own state's to do, so that one
//! party can never lift, pre-empt, invalidate or overwrite the other's record (a mediator may
//! record for either side):
//!
//! - a state's decisions: the measures it imposes and lifts, a post it suspends or closes,
//!   premises it bars, seizes or returns, a diplomat it declares persona non grata, a statement
//!   it makes, talks it cancels, agrément it grants or refuses;
//! - a sending state's own mission: the posts it opens, the premises it acquires and gives up,
//!   the members it notifies and whose arrival and departure it notifies, its head of mission's
//!   appointment, arrival, absences and departure, its chargés d'affaires, its consular service
//!   levels and its staffing figures (a host's restriction of them is a measure);
//! - a commitment one state undertook, and what its undertakers do about it: progress,
//!   withdrawal (which closes it for good) and keeping it, with the states whose measures
//!   keeping it lifts; all on the commitment's latest terms.
//!
//! What happens between both, with both present (a round held, an agreement, credentials
//! presented, a commitment both made, one judged broken), either party may record.

use crate::access::Reader;
use crate::act::ActBody;
use crate::ids::{CommitmentId, MemberId, PostId, StateCode};

use super::posts::PostEvent;
use super::Image;

impl Image {
    /// The states whose act `body` records; a ministry may record it only if that is its own
    /// state alone. Empty for what either party may record. Names that are not recorded
    /// contribute nothing: the rules refuse them as unknown.
    pub fn acting_states(&self, body: &ActBody) -> Vec<StateCode> {
        let mut acting = super::subject::rules(body).acting(self);
        acting.sort_unstable();
        acting.dedup();
        acting
    }

    pub(in crate::image) fn sending_of_post(&self, p: &PostId) -> Option<StateCode> {
        self.posts.get(p).map(|r| r.sending)
    }

    pub(in crate::image) fn sending_of_member(&self, m: &MemberId) -> Option<StateCode> {
        self.members
            .get(m)
            .and_then(|r| self.sending_of_post(&r.post))
    }

    pub(in crate::image) fn measure_actor(
        &self,
        measure: &crate::ids::MeasureId,
    ) -> Option<StateCode> {
        self.measures.get(measure).map(|r| r.actor)
    }

    /// The state that closed `post`, by its latest closure on record.
    pub(in crate::image) fn closed_by(&self, post: &PostId) -> Option<StateCode> {
        self.posts.get(post).and_then(|r| {
            r.events
                .iter()
                .rev()
                .filter(|e| e.superseded_by.is_none())
                .find_map(|e| match e.ev {
                    PostEvent::Closed { by, .. } => Some(by),
                    _ => None,
                })
        })
    }

    /// The state whose suspension of `post` is the latest in force on record.
    pub(in crate::image) fn suspended_by(&self, post: &PostId) -> Option<StateCode> {
        self.posts.get(post).and_then(|r| {
            r.events
                .iter()
                .rev()
                .filter(|e| e.superseded_by.is_none())
                .find_map(|e| match e.ev {
                    PostEvent::Suspended { by, .. } => Some(by),
                    _ => None,
                })
        })
    }

    /// Who undertook a commitment, on its latest terms.
    pub(in crate::image) fn undertakers(&self, id: &CommitmentId) -> Vec<StateCode> {
        self.commitment_terms(id, Reader::Rules)
            .map(|c| c.undertaken_by.clone())
            .unwrap_or_default()
    }

    /// The states whose measures keeping a commitment lifts, on its latest terms.
    pub(in crate::image) fn commitment_lifts_actors(&self, id: &CommitmentId) -> Vec<StateCode> {
        self.commitment_terms(id, Reader::Rules)
            .map(|c| {
                c.lifts
                    .iter()
                    .filter_map(|m| self.measure_actor(m))
                    .collect()
            })
            .unwrap_or_default()
    }
}
