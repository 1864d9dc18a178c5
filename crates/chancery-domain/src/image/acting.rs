//! Whose decision an act records. A state's own decisions (the measures it imposes and lifts, a
//! post it suspends or closes, premises it bars, seizes or returns, a diplomat it declares
//! persona non grata, the lifts a kept commitment carries out) can only be its own to record, or
//! a mediator's: were the other party's ministry to record them, it could lift, pre-empt or
//! overwrite its counterpart's acts. Facts either side observes (a member's arrival, a head of
//! mission, a staffing figure, a round of talks) have no acting state here.

use crate::act::ActBody;
use crate::ids::StateCode;

use super::commitments::CommitmentEvent;
use super::posts::PostEvent;
use super::Image;

impl Image {
    /// The states whose decision `body` records (usually one; none for shared facts). Names
    /// that are not recorded contribute nothing: the rules refuse them as unknown.
    pub fn acting_states(&self, body: &ActBody) -> Vec<StateCode> {
        use ActBody as B;
        let actor_of = |m| self.measures.get(m).map(|r| r.actor);
        match body {
            B::PostSuspended { by, .. }
            | B::PostClosed { by, .. }
            | B::PremisesAccessBarred { by, .. }
            | B::PremisesSeized { by, .. }
            | B::MemberDeclaredPng { by, .. } => vec![*by],
            B::MeasureImposed(m) => vec![m.actor],
            B::MeasureLifted { measure, .. } => actor_of(measure).into_iter().collect(),
            // Resuming undoes a suspension: the suspending state's to decide.
            B::PostResumed { post } => self
                .posts
                .get(post)
                .and_then(|r| {
                    r.events
                        .iter()
                        .rev()
                        .filter(|e| e.superseded_by.is_none())
                        .find_map(|e| match e.ev {
                            PostEvent::Suspended { by, .. } => Some(by),
                            _ => None,
                        })
                })
                .into_iter()
                .collect(),
            // Only the host bars or seizes premises (`premises_action_by_non_host`), so only it
            // returns them.
            B::PremisesReturned { premises, .. } => self
                .premises
                .get(premises)
                .map(|r| r.host)
                .into_iter()
                .collect(),
            B::CommitmentKept { commitment, .. } => {
                let mut actors: Vec<StateCode> = self
                    .commitments
                    .get(commitment)
                    .and_then(|r| {
                        r.events.iter().find_map(|e| match &e.ev {
                            CommitmentEvent::Made(c) => Some(c),
                            _ => None,
                        })
                    })
                    .map(|c| c.lifts.iter().filter_map(actor_of).collect())
                    .unwrap_or_default();
                actors.sort_unstable();
                actors.dedup();
                actors
            }
            _ => Vec::new(),
        }
    }
}
