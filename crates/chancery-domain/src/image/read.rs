//! What code outside the image (reciprocity) reads of it: one record at a time, by key. The
//! image's maps stay its own business, so how they are kept can change without touching the
//! questions asked of them.

use crate::date::CivilDate;
use crate::ids::{MeasureId, MemberId, MissionKey, PostId, PremisesId, RelationKey};

use super::measures::MeasureRecord;
use super::members::MemberRecord;
use super::mission::{MissionRecord, RelationRecord};
use super::posts::{PostRecord, PremisesRecord};
use super::timeline::View;
use super::Image;

impl Image {
    pub(crate) fn post_record(&self, id: &PostId) -> Option<&PostRecord> {
        self.posts.get(id)
    }

    pub(crate) fn premises_record(&self, id: &PremisesId) -> Option<&PremisesRecord> {
        self.premises.get(id)
    }

    pub(crate) fn member_record(&self, id: &MemberId) -> Option<&MemberRecord> {
        self.members.get(id)
    }

    pub(crate) fn measure_record(&self, id: &MeasureId) -> Option<&MeasureRecord> {
        self.measures.get(id)
    }

    pub(crate) fn mission_record(&self, key: &MissionKey) -> Option<&MissionRecord> {
        self.missions.get(key)
    }

    pub(crate) fn relation_record(&self, key: &RelationKey) -> Option<&RelationRecord> {
        self.relations.get(key)
    }

    /// The first date the record of the relation between `a` and `b` covers, as the view knows
    /// it: the earliest date of any post, premises, member, head-of-mission event or measure of
    /// either side. What was recorded as existing before its first date (`start_unknown`) is
    /// shown as existing back to here, and no further: before it the record says nothing.
    pub(crate) fn record_start(&self, key: RelationKey, view: &View) -> Option<CivilDate> {
        fn first<E>(
            view: &View,
            events: Option<&Vec<super::timeline::Stamped<E>>>,
        ) -> Option<CivilDate> {
            events
                .and_then(|e| view.known(e).next())
                .map(|e| e.date.earliest())
        }
        let (a, b) = key.states();
        let missions = [(a, b), (b, a)]
            .into_iter()
            .filter_map(|(sending, host)| self.missions.get(&MissionKey { sending, host }));
        let mut earliest: Option<CivilDate> = None;
        let mut see = |d: Option<CivilDate>| {
            if let Some(d) = d {
                earliest = Some(earliest.map_or(d, |e| e.min(d)));
            }
        };
        for m in missions {
            for id in &m.posts {
                see(first(view, self.posts.get(id).map(|r| &r.events)));
            }
            for id in &m.premises {
                see(first(view, self.premises.get(id).map(|r| &r.events)));
            }
            for id in &m.members {
                see(first(view, self.members.get(id).map(|r| &r.events)));
            }
            see(first(view, Some(&m.heads)));
        }
        for id in self
            .relations
            .get(&key)
            .map_or(&[][..], |r| &r.measures[..])
        {
            see(first(view, self.measures.get(id).map(|r| &r.events)));
        }
        earliest
    }

    /// Every relation the image holds a mission or a relation's record of, in code order:
    /// whether a reader sees anything of one is for the views asked of it to say.
    pub(crate) fn relation_keys(&self) -> Vec<RelationKey> {
        let mut keys: Vec<RelationKey> = self
            .missions
            .keys()
            .map(|k| RelationKey::new(k.sending, k.host))
            .chain(self.relations.keys().copied())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}
