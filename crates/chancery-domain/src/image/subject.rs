//! What the image needs of each subject's acts. Each subject implements [`SubjectRules`] next
//! to its fold (posts.rs, members.rs, heads.rs ...), so a new kind of act in an existing
//! subject is added to that subject's type and rules and to the kinds list, nowhere else; the
//! image dispatches on the subject only.

use std::sync::Arc;

use crate::access::{Audience, Reader};
use crate::act::ActBody;
use crate::date::ValidDate;
use crate::ids::{MemberId, MissionKey, PostId, PremisesId, RelationKey, StateCode};
use crate::rules::RuleViolation;

use super::mission::{MissionRecord, RelationRecord};
use super::timeline::{insert_sorted, Provenance, Stamped};
use super::visibility::Named;
use super::{Image, ReplayError, Touched};

pub(super) trait SubjectRules {
    /// The timelines the act writes to, so that a refused act can be taken back out. `reader`
    /// is who validation runs as (see `Image::record_by`).
    fn touched(&self, image: &Image, reader: Reader) -> Vec<Touched>;

    /// The rules that look across entities, against the state at the act's valid date as
    /// `at.reader` sees it. Rules on one entity's own life cycle live in its fold.
    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation>;

    /// Whether a correction would move the record it corrects to another post, mission or
    /// pair of states: records are filed under what their creating act says.
    fn moves_record(&self, _image: &Image) -> bool {
        false
    }

    /// Writes the act's events into the timelines. Fails only if the act names something that
    /// does not exist (checked beforehand when recording; a corrupt journal on replay).
    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError>;

    /// The states whose act this records (see acting.rs); empty for what either party may
    /// record. Names that are not recorded contribute nothing.
    fn acting(&self, image: &Image) -> Vec<StateCode>;

    /// Everything the act names that it does not itself create, with the field that names it.
    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        Vec::new()
    }

    /// The relation the act belongs to, from the states it names or from what it is about.
    fn relation(&self, image: &Image) -> Option<RelationKey>;

    /// The field named when the act belongs to no relation of two different states.
    fn belongs_field(&self) -> &'static str {
        "kind"
    }

    /// The field named when the act concerns more than one relation.
    fn one_relation_field(&self) -> &'static str {
        "kind"
    }
}

pub(super) fn rules(body: &ActBody) -> &dyn SubjectRules {
    match body {
        ActBody::State(a) => a,
        ActBody::Post(a) => a,
        ActBody::Premises(a) => a,
        ActBody::Member(a) => a,
        ActBody::HeadOfMission(a) => a,
        ActBody::Staffing(a) => a,
        ActBody::Measure(a) => a,
        ActBody::Talks(a) => a,
        ActBody::Commitment(a) => a,
        ActBody::Withdrawal(a) => a,
        ActBody::Claim(a) => a,
        ActBody::Case(a) => a,
    }
}

/// What a rule check runs against besides the image: the same three facts for every subject.
#[derive(Clone, Copy)]
pub(super) struct Checking {
    /// Who validation runs as (see `Image::record_by`).
    pub(super) reader: Reader,
    /// The act's valid date: cross-entity rules look at the state on that day.
    pub(super) date: ValidDate,
    /// Whether the act supersedes an earlier one, whose ids are then already recorded.
    pub(super) correcting: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Keep timelines sorted as we go (live recording).
    Sorted,
    /// Append and sort once at the end (replay).
    Append,
}

/// Where and how an act's events are written: its number, date, provenance and audience.
pub(super) struct Placing {
    pub(super) seq: u64,
    pub(super) date: ValidDate,
    pub(super) provenance: Option<Arc<Provenance>>,
    pub(super) audience: Audience,
    pub(super) mode: Mode,
    /// Who the act is placed as seen by: its audience when recorded, every act on replay.
    pub(super) reader: Reader,
}

impl Placing {
    pub(super) fn push<E>(&self, events: &mut Vec<Stamped<E>>, ev: E) {
        let s = Stamped {
            date: self.date,
            seq: self.seq,
            superseded_by: None,
            provenance: self.provenance.clone(),
            audience: self.audience,
            ev,
        };
        match self.mode {
            Mode::Sorted => {
                insert_sorted(events, s);
            }
            Mode::Append => events.push(s),
        }
    }

    /// Appends to the timeline of a record that must already exist; `events` is its lookup.
    pub(super) fn push_to<E>(
        &self,
        events: Option<&mut Vec<Stamped<E>>>,
        what: &str,
        id: &dyn std::fmt::Display,
        ev: E,
    ) -> Result<(), ReplayError> {
        self.push(events.ok_or_else(|| self.missing(what, id))?, ev);
        Ok(())
    }

    pub(super) fn missing(&self, what: &str, id: &dyn std::fmt::Display) -> ReplayError {
        ReplayError {
            seq: self.seq,
            message: format!("{what} `{id}` is not recorded"),
        }
    }
}

/// The relation of an act from the states it names: the first two if they differ, or, when
/// it names one state (or one twice), what `lone` says.
pub(super) fn by_states(
    states: Vec<StateCode>,
    lone: impl FnOnce(StateCode) -> Option<RelationKey>,
) -> Option<RelationKey> {
    match states[..] {
        [x, y, ..] if x != y => Some(RelationKey::new(x, y)),
        [x, ..] => lone(x),
        [] => None,
    }
}

/// The relation of a state named alone (or twice): its own pair, which no rule accepts.
pub(super) fn alone(x: StateCode) -> Option<RelationKey> {
    Some(RelationKey::new(x, x))
}

impl Image {
    /// The mission of `sending` in `host`, created empty by the first act that files under it.
    pub(super) fn mission_mut(
        &mut self,
        sending: StateCode,
        host: StateCode,
    ) -> &mut MissionRecord {
        self.missions
            .entry(MissionKey { sending, host })
            .or_default()
    }

    /// The relation's lists, created empty by the first act that files under it.
    pub(super) fn relation_mut(&mut self, key: RelationKey) -> &mut RelationRecord {
        self.relations.entry(key).or_default()
    }

    /// The sending and host states of a post that must already be recorded.
    pub(super) fn mission_of_post(
        &self,
        post: &PostId,
        at: &Placing,
    ) -> Result<(StateCode, StateCode), ReplayError> {
        self.posts
            .get(post)
            .map(|p| (p.sending, p.host))
            .ok_or_else(|| at.missing("post", post))
    }

    pub(super) fn post_relation(&self, p: &PostId) -> Option<RelationKey> {
        self.posts
            .get(p)
            .map(|r| RelationKey::new(r.sending, r.host))
    }

    pub(super) fn premises_relation(&self, p: &PremisesId) -> Option<RelationKey> {
        self.premises
            .get(p)
            .map(|r| RelationKey::new(r.sending, r.host))
    }

    pub(super) fn member_relation(&self, m: &MemberId) -> Option<RelationKey> {
        self.members
            .get(m)
            .and_then(|r| self.post_relation(&r.post))
    }
}
