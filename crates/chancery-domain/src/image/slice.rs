//! One relation's slice of the image, copied for a what-if (crate::reciprocity::whatif): the
//! image builds it, since only the image knows its maps.

use std::collections::HashMap;
use std::hash::Hash;

use crate::access::Reader;
use crate::ids::{MissionKey, RelationKey, StateCode};

use super::Image;

impl Image {
    /// A copy holding only what the relation `a`–`b` needs: the states, its posts, premises,
    /// members, missions, measures, talks and commitments; its numbering continues the image's, but
    /// it cannot correct an act recorded before it (`invalid_supersede`).
    /// Copying one relation keeps a what-if cheap in a world of thousands.
    pub fn slice(&self, a: StateCode, b: StateCode) -> Image {
        let key = RelationKey::new(a, b);
        let mut out = Image {
            states: self.states.clone(),
            rounds: self.rounds.clone(),
            ..Image::default()
        };
        out.continue_numbering_of(self);
        // Walk the relation's own indexes (its two missions and its relation record), so the
        // cost follows the relation's size, not the world's.
        let mission_keys = [
            MissionKey {
                sending: a,
                host: b,
            },
            MissionKey {
                sending: b,
                host: a,
            },
        ];
        for (key, mission) in mission_keys
            .iter()
            .filter_map(|k| self.missions.get(k).map(|m| (k, m)))
        {
            out.missions.insert(*key, mission.clone());
            copy_listed(&self.posts, &mission.posts, &mut out.posts);
            copy_listed(&self.premises, &mission.premises, &mut out.premises);
            copy_listed(&self.members, &mission.members, &mut out.members);
        }
        if let Some(rel) = self.relations.get(&key) {
            out.relations.insert(key, rel.clone());
            copy_listed(&self.measures, &rel.measures, &mut out.measures);
            copy_listed(&self.commitments, &rel.commitments, &mut out.commitments);
            copy_listed(&self.cases, &rel.cases, &mut out.cases);
        }
        out
    }

    /// The relation's slice as `reader` sees it: events `reader` may not see are left out, and
    /// the rest count as public inside the copy, which only this reader's question uses. So
    /// hypothetical acts are checked against, and answers built from, what the reader may see.
    pub(crate) fn slice_for(&self, a: StateCode, b: StateCode, reader: Reader) -> Image {
        let mut copy = self.slice(a, b);
        // Rounds are indexed by the act that created them, which the copy no longer holds.
        copy.rounds.retain(|_, seq| self.visible_to(*seq, reader));
        copy.restrict_to(reader);
        copy
    }
}

impl Image {
    /// Forgets every event dated after `day` (valid time): a hypothetical act dated the day
    /// after then meets the record as it stood, not stages and liftings still to come.
    pub(crate) fn truncate_after(&mut self, day: crate::date::CivilDate) {
        self.retain_timelines(|t| t.keep_through(day));
    }
}

/// Copies into `to` the records of `from` that `ids` lists; an id without a record is skipped.
fn copy_listed<K: Clone + Eq + Hash, R: Clone>(
    from: &HashMap<K, R>,
    ids: &[K],
    to: &mut HashMap<K, R>,
) {
    to.extend(
        ids.iter()
            .filter_map(|id| from.get(id).map(|r| (id.clone(), r.clone()))),
    );
}
