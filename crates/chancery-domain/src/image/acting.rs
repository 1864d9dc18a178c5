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

use crate::act::ActBody;
use crate::act::{
    CommitmentAct, MeasureAct, MemberAct, PostAct, PremisesAct, StaffingAct, StateAct, TalksAct,
};
use crate::ids::{CommitmentId, MemberId, PostId, StateCode};
use crate::image::heads::HeadEvent;
use crate::vocab::CommitmentStatus;

use super::posts::PostEvent;
use super::Image;

impl Image {
    /// The states whose act `body` records; a ministry may record it only if that is its own
    /// state alone. Empty for what either party may record. Names that are not recorded
    /// contribute nothing: the rules refuse them as unknown.
    pub fn acting_states(&self, body: &ActBody) -> Vec<StateCode> {
        use ActBody as B;
        let sending_of_post = |p: &PostId| self.posts.get(p).map(|r| r.sending);
        let sending_of_member =
            |m: &MemberId| self.members.get(m).and_then(|r| sending_of_post(&r.post));
        let mut acting: Vec<StateCode> = match body {
            B::State(StateAct::Registered { .. }) => Vec::new(),
            B::Post(PostAct::Suspended { by, .. })
            | B::Post(PostAct::Closed { by, .. })
            | B::Premises(PremisesAct::AccessBarred { by, .. })
            | B::Premises(PremisesAct::Seized { by, .. })
            | B::Member(MemberAct::DeclaredPng { by, .. })
            | B::Talks(TalksAct::Statement { by, .. }) => vec![*by],
            B::Post(PostAct::Opened { sending, .. })
            | B::Staffing(StaffingAct::Reported { sending, .. }) => vec![*sending],
            B::Post(PostAct::ServicesChanged { posts, .. }) => {
                posts.iter().filter_map(sending_of_post).collect()
            }
            B::Premises(PremisesAct::Acquired { post, .. })
            | B::Member(MemberAct::Notified { post, .. }) => {
                sending_of_post(post).into_iter().collect()
            }
            B::Member(MemberAct::Arrived { member, .. })
            | B::Member(MemberAct::Departed { member }) => {
                sending_of_member(member).into_iter().collect()
            }
            B::Premises(PremisesAct::Released { premises }) => self
                .premises
                .get(premises)
                .map(|r| r.sending)
                .into_iter()
                .collect(),
            // Only the host bars or seizes premises (`premises_action_by_non_host`), so only it
            // returns them.
            B::Premises(PremisesAct::Returned { premises, .. }) => self
                .premises
                .get(premises)
                .map(|r| r.host)
                .into_iter()
                .collect(),
            B::Measure(MeasureAct::Imposed(m)) => vec![m.actor],
            B::Measure(MeasureAct::Lifted { measure, .. }) => {
                self.measure_actor(measure).into_iter().collect()
            }
            // Resuming undoes a suspension: the suspending state's to decide.
            B::Post(PostAct::Resumed { post }) => self.suspended_by(post).into_iter().collect(),
            B::Talks(TalksAct::RoundCancelled { cancelled_by, .. }) => {
                cancelled_by.iter().copied().collect()
            }
            B::Talks(TalksAct::RoundHeld { .. }) | B::Talks(TalksAct::Agreement { .. }) => {
                Vec::new()
            }
            // An undertaking of one state is that state's to record; one of both, either's.
            // (A correction is checked on its new terms, so it cannot hand one state's
            // promise to the other.)
            B::Commitment(CommitmentAct::Made(c)) => match c.undertaken_by[..] {
                [one] => vec![one],
                _ => Vec::new(),
            },
            B::Commitment(CommitmentAct::StatusChanged {
                commitment, status, ..
            }) => match status {
                CommitmentStatus::InProgress
                | CommitmentStatus::Withdrawn
                | CommitmentStatus::Kept => self.undertakers(commitment),
                CommitmentStatus::Open | CommitmentStatus::Broken => Vec::new(),
            },
            B::Commitment(CommitmentAct::Kept { commitment, .. }) => {
                let mut states = self.undertakers(commitment);
                states.extend(self.commitment_lifts_actors(commitment));
                states
            }
            other => match other.head_of_mission() {
                Some(h) => match h.event {
                    HeadEvent::AgrementGranted | HeadEvent::AgrementRefused => vec![h.host],
                    HeadEvent::CredentialsCopies | HeadEvent::CredentialsPresented => Vec::new(),
                    _ => vec![h.sending],
                },
                None => Vec::new(),
            },
        };
        acting.sort_unstable();
        acting.dedup();
        acting
    }

    fn measure_actor(&self, measure: &crate::ids::MeasureId) -> Option<StateCode> {
        self.measures.get(measure).map(|r| r.actor)
    }

    /// The state whose suspension of `post` is the latest in force on record.
    fn suspended_by(&self, post: &PostId) -> Option<StateCode> {
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
    fn undertakers(&self, id: &CommitmentId) -> Vec<StateCode> {
        self.commitment_terms(id)
            .map(|c| c.undertaken_by.clone())
            .unwrap_or_default()
    }

    /// The states whose measures keeping a commitment lifts, on its latest terms.
    fn commitment_lifts_actors(&self, id: &CommitmentId) -> Vec<StateCode> {
        self.commitment_terms(id)
            .map(|c| {
                c.lifts
                    .iter()
                    .filter_map(|m| self.measure_actor(m))
                    .collect()
            })
            .unwrap_or_default()
    }
}
