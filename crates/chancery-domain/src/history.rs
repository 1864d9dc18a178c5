//! Which acts make up the history of one thing: the journal sequence numbers behind the events
//! a view sees on a post's timeline, or behind the events that name a person in a relation.
//!
//! Every event on a timeline is stamped with the act that recorded it, so a page can fetch
//! exactly these acts from the journal instead of scanning it: the cost follows the size of the
//! thing's history, not the size of the journal.

use crate::ids::{MissionKey, PostId, RelationKey, StateCode};
use crate::image::members::MemberEvent;
use crate::image::mission::TalkEvent;
use crate::image::posts::PremisesEvent;
use crate::image::timeline::{Stamped, View};
use crate::image::Image;

fn seqs<'a, E: 'a>(view: View, events: &'a [Stamped<E>]) -> impl Iterator<Item = u64> + 'a {
    view.filter(events).map(|e| e.seq)
}

fn sorted(mut out: Vec<u64>) -> Vec<u64> {
    out.sort_unstable();
    out.dedup();
    out
}

impl Image {
    /// The acts about post `post` that the view sees, in journal order: its own events (opening,
    /// suspension, closure, consular service), every event of the premises acquired for it, and
    /// the notification of each member assigned to it. A member's later movements belong to the
    /// member, not to the post: on a large mission they would drown the post's own history.
    pub fn post_history(&self, post: &PostId, view: View) -> Vec<u64> {
        let Some(record) = self.posts.get(post) else {
            return Vec::new();
        };
        let mut out: Vec<u64> = seqs(view, &record.events).collect();
        let key = MissionKey {
            sending: record.sending,
            host: record.host,
        };
        let Some(mission) = self.missions.get(&key) else {
            return sorted(out);
        };
        for r in mission
            .premises
            .iter()
            .filter_map(|id| self.premises.get(id))
        {
            let for_this_post = r
                .events
                .iter()
                .any(|e| matches!(&e.ev, PremisesEvent::Acquired(info) if &info.post == post));
            if for_this_post {
                out.extend(seqs(view, &r.events));
            }
        }
        for r in mission
            .members
            .iter()
            .filter_map(|id| self.members.get(id))
            .filter(|r| &r.post == post)
        {
            out.extend(
                view.filter(&r.events)
                    .filter(|e| matches!(e.ev, MemberEvent::Notified(_)))
                    .map(|e| e.seq),
            );
        }
        sorted(out)
    }

    /// The acts of the relation `a`–`b` that name `person` and that the view sees, in journal
    /// order: head-of-mission and chargé acts at either mission, every act about a member of
    /// staff notified under that name, and rounds of talks where they headed a delegation.
    pub fn person_history(&self, a: StateCode, b: StateCode, person: &str, view: View) -> Vec<u64> {
        let mut out = Vec::new();
        for (sending, host) in [(a, b), (b, a)] {
            let Some(mission) = self.missions.get(&MissionKey { sending, host }) else {
                continue;
            };
            out.extend(
                view.filter(&mission.heads)
                    .filter(|e| e.ev.person == person)
                    .map(|e| e.seq),
            );
            for r in mission.members.iter().filter_map(|id| self.members.get(id)) {
                let named = r
                    .events
                    .iter()
                    .any(|e| matches!(&e.ev, MemberEvent::Notified(info) if info.name == person));
                if named {
                    out.extend(seqs(view, &r.events));
                }
            }
        }
        if let Some(rel) = self.relations.get(&RelationKey::new(a, b)) {
            out.extend(
                view.filter(&rel.talks)
                    .filter(|e| match &e.ev {
                        TalkEvent::RoundHeld {
                            heads_of_delegation,
                            ..
                        } => heads_of_delegation.iter().any(|h| h == person),
                        _ => false,
                    })
                    .map(|e| e.seq),
            );
        }
        sorted(out)
    }
}
