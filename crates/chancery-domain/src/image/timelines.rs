//! The image's timelines as one collection: [`Touched`] names one of them, and the two
//! functions here are the only places that know which map holds which, so sorting, correcting,
//! taking back and restricting are each written once, for every kind of timeline.

use crate::access::{Audience, Reader};
use crate::date::CivilDate;

use super::timeline::{mark_superseded, remove_seq, sort_timeline, unmark_superseded, Stamped};
use super::{Image, Touched};

/// What the image does to any timeline, whatever its events.
pub(super) trait SeqTimeline {
    fn mark_superseded(&mut self, old: u64, new: u64);
    /// Removes the events of act `seq` and the marks it put on the act it corrected.
    fn take_back(&mut self, seq: u64);
    fn sort(&mut self);
    /// Keeps what `reader` sees, made public; whether anything is left.
    fn keep_seen_by(&mut self, reader: Reader) -> bool;
    /// Drops the events dated certainly after `day`; false when none is left.
    fn keep_through(&mut self, day: CivilDate) -> bool;
}

impl<E> SeqTimeline for Vec<Stamped<E>> {
    fn mark_superseded(&mut self, old: u64, new: u64) {
        mark_superseded(self, old, new);
    }

    fn take_back(&mut self, seq: u64) {
        remove_seq(self, seq);
        unmark_superseded(self, seq);
    }

    fn sort(&mut self) {
        sort_timeline(self);
    }

    fn keep_seen_by(&mut self, reader: Reader) -> bool {
        self.retain(|e| reader.sees(e.audience));
        for e in self.iter_mut() {
            e.audience = Audience::Public;
        }
        !self.is_empty()
    }

    fn keep_through(&mut self, day: CivilDate) -> bool {
        self.retain(|e| e.date.earliest() <= day);
        !self.is_empty()
    }
}

impl Image {
    /// The timeline `t` names, if it is recorded.
    pub(super) fn timeline_mut(&mut self, t: &Touched) -> Option<&mut dyn SeqTimeline> {
        Some(match t {
            Touched::State(c) => self.states.get_mut(c)?,
            Touched::Post(id) => &mut self.posts.get_mut(id)?.events,
            Touched::Premises(id) => &mut self.premises.get_mut(id)?.events,
            Touched::Member(id) => &mut self.members.get_mut(id)?.events,
            Touched::Heads(k) => &mut self.missions.get_mut(k)?.heads,
            Touched::Reports(k) => &mut self.missions.get_mut(k)?.reports,
            Touched::Measure(id) => &mut self.measures.get_mut(id)?.events,
            Touched::Talks(k) => &mut self.relations.get_mut(k)?.talks,
            Touched::Commitment(id) => &mut self.commitments.get_mut(id)?.events,
            Touched::Case(id) => &mut self.cases.get_mut(id)?.events,
        })
    }

    /// Runs `f` on every timeline; the records whose only timeline `f` leaves without events
    /// (`f` returns false) are dropped. States, missions and relations are kept: they hold more
    /// than one timeline or are referred to by others.
    pub(super) fn retain_timelines(&mut self, mut f: impl FnMut(&mut dyn SeqTimeline) -> bool) {
        for t in self.states.values_mut() {
            f(t);
        }
        self.posts.retain(|_, r| f(&mut r.events));
        self.premises.retain(|_, r| f(&mut r.events));
        self.members.retain(|_, r| f(&mut r.events));
        self.measures.retain(|_, r| f(&mut r.events));
        self.commitments.retain(|_, r| f(&mut r.events));
        self.cases.retain(|_, r| f(&mut r.events));
        for m in self.missions.values_mut() {
            f(&mut m.heads);
            f(&mut m.reports);
        }
        for r in self.relations.values_mut() {
            f(&mut r.talks);
        }
    }

    pub(super) fn for_each_timeline(
        &mut self,
        touched: &[Touched],
        mut f: impl FnMut(&mut dyn SeqTimeline),
    ) {
        for t in touched {
            if let Some(timeline) = self.timeline_mut(t) {
                f(timeline);
            }
        }
    }
}
