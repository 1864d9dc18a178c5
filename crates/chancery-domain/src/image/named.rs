//! A thing's name as recorded, for lists that say in words what an act is about.

use super::cases::CaseEvent;
use super::commitments::CommitmentEvent;
use super::members::MemberEvent;
use super::posts::{PostEvent, PremisesEvent};
use super::timeline::{Stamped, View};
use super::Image;
use crate::act::About;

/// The first event of a timeline the view knows: one thing has one audience, so a thing the
/// reader may not see has none.
fn first<'a, E>(events: &'a [Stamped<E>], view: &View) -> Option<&'a Stamped<E>> {
    events.iter().find(|s| view.knows(*s))
}

impl Image {
    /// The name `about` was recorded under, as the view knows it: a post's, premises' or
    /// member's name, a measure's external reference, a commitment's text, a case's city.
    /// `None` for what has no recorded name (a state, a mission: the page names those) and for
    /// what the view does not know.
    pub fn named(&self, about: About<'_>, view: &View) -> Option<String> {
        match about {
            About::Post(id) => first(&self.posts.get(id)?.events, view).and_then(|s| match &s.ev {
                PostEvent::Opened(info) => Some(info.name.clone()),
                _ => None,
            }),
            About::Premises(id) => {
                first(&self.premises.get(id)?.events, view).and_then(|s| match &s.ev {
                    PremisesEvent::Acquired(info) => Some(info.name.clone()),
                    _ => None,
                })
            }
            About::Member(id) => {
                first(&self.members.get(id)?.events, view).and_then(|s| match &s.ev {
                    MemberEvent::Notified(info) => Some(info.name.clone()),
                    _ => None,
                })
            }
            About::Measure(id) => first(&self.measures.get(id)?.events, view)
                .and_then(|s| s.provenance.as_ref()?.external_ref.clone()),
            About::Commitment(id) => {
                first(&self.commitments.get(id)?.events, view).and_then(|s| match &s.ev {
                    CommitmentEvent::Made(c) => Some(c.text.clone()),
                    _ => None,
                })
            }
            About::Case(id) => first(&self.cases.get(id)?.events, view).and_then(|s| match &s.ev {
                CaseEvent::Opened(c) => Some(c.city.clone()),
                _ => None,
            }),
            About::State(_)
            | About::Posts(_)
            | About::Mission { .. }
            | About::Round(_)
            | About::Agreement(_)
            | About::Statement(_)
            | About::Withdrawn(_)
            | About::Claim(_) => None,
        }
    }
}
