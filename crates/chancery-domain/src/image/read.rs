//! What code outside the image (reciprocity) reads of it: one record at a time, by key. The
//! image's maps stay its own business, so how they are kept can change without touching the
//! questions asked of them.

use crate::ids::{MeasureId, MemberId, MissionKey, PostId, PremisesId, RelationKey};

use super::measures::MeasureRecord;
use super::members::MemberRecord;
use super::mission::{MissionRecord, RelationRecord};
use super::posts::{PostRecord, PremisesRecord};
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
}
