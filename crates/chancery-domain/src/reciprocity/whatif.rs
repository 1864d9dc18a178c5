//! "What if": apply hypothetical acts to a copy of one relation's slice of the image, never to
//! the journal, and answer questions on the copy.

use serde::Serialize;

use crate::act::Act;
use crate::ids::{RelationKey, StateCode};
use crate::image::Image;
use crate::rules::RuleViolation;

/// A hypothetical act that the rules refuse, by its position in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("hypothetical act {index}: {violation}")]
pub struct WhatIfError {
    /// 0-based position of the refused act.
    pub index: usize,
    pub violation: RuleViolation,
}

impl Image {
    /// A copy holding only what the relation `a`–`b` needs: the states, its posts, premises,
    /// members, missions, measures, talks and commitments, and the act index (for corrections).
    /// Copying one relation keeps a what-if cheap in a world of thousands.
    pub fn slice(&self, a: StateCode, b: StateCode) -> Image {
        let key = RelationKey::new(a, b);
        let in_pair = |s: StateCode, h: StateCode| RelationKey::new(s, h) == key;
        let mut out = Image::default();
        out.states = self.states.clone();
        out.rounds = self.rounds.clone();
        out.copy_act_index_from(self);
        out.posts = self
            .posts
            .iter()
            .filter(|(_, r)| in_pair(r.sending, r.host))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.premises = self
            .premises
            .iter()
            .filter(|(_, r)| in_pair(r.sending, r.host))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.members = self
            .members
            .iter()
            .filter(|(_, r)| out.posts.contains_key(&r.post))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.measures = self
            .measures
            .iter()
            .filter(|(_, r)| in_pair(r.actor, r.target))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.commitments = self
            .commitments
            .iter()
            .filter(|(_, r)| r.relation == key)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.missions = self
            .missions
            .iter()
            .filter(|(k, _)| in_pair(k.sending, k.host))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        out.relations = self
            .relations
            .iter()
            .filter(|(k, _)| **k == key)
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        out
    }

    /// The relation's slice with `acts` recorded in order, each checked by the rules as if it
    /// were real. The image itself is untouched.
    pub fn with_hypothetical(
        &self,
        a: StateCode,
        b: StateCode,
        acts: &[Act],
    ) -> Result<Image, WhatIfError> {
        let mut copy = self.slice(a, b);
        for (index, act) in acts.iter().enumerate() {
            copy.record(act, 0)
                .map_err(|violation| WhatIfError { index, violation })?;
        }
        Ok(copy)
    }
}
