//! The other-language names the record holds for a person or a post, as a view sees them: for
//! the pages that show them beside the name.

use super::Names;
use crate::ids::{MissionKey, PostId, StateCode};
use crate::image::members::MemberEvent;
use crate::image::posts::PostEvent;
use crate::image::timeline::View;
use crate::image::Image;

impl Image {
    /// What `person` is called in other languages in the relation `a`–`b`: the first
    /// non-empty names recorded with them as a head of mission or chargé, else as a member of
    /// staff; empty when none is recorded or the view sees none.
    pub fn person_names(&self, a: StateCode, b: StateCode, person: &str, view: View) -> Names {
        for (sending, host) in [(a, b), (b, a)] {
            let Some(mission) = self.missions.get(&MissionKey { sending, host }) else {
                continue;
            };
            let head = view
                .filter(&mission.heads)
                .find(|e| e.ev.person == person && !e.ev.names.is_empty());
            if let Some(e) = head {
                return e.ev.names.clone();
            }
            for r in mission.members.iter().filter_map(|id| self.members.get(id)) {
                let found = view.filter(&r.events).find_map(|e| match &e.ev {
                    MemberEvent::Notified(info)
                        if info.name == person && !info.names.is_empty() =>
                    {
                        Some(info.names.clone())
                    }
                    _ => None,
                });
                if let Some(names) = found {
                    return names;
                }
            }
        }
        Names::default()
    }

    /// A post's name and its city's name in other languages, as the view sees its opening.
    pub fn post_names(&self, post: &PostId, view: View) -> (Names, Names) {
        self.posts
            .get(post)
            .and_then(|r| {
                view.filter(&r.events).find_map(|e| match &e.ev {
                    PostEvent::Opened(info) => Some((info.names.clone(), info.city_names.clone())),
                    _ => None,
                })
            })
            .unwrap_or_default()
    }
}
