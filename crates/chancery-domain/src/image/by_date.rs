//! Acts in the order of their dates rather than of their recording, a page at a time, from the
//! image's per-act index: no act is decoded, and a page costs one pass over the index with a
//! heap of the page's size, whatever the journal's size.

use std::collections::BinaryHeap;

use crate::access::Reader;
use crate::ids::StateCode;
use crate::CivilDate;

use super::{ActIndex, Image};

/// Where a page of acts by date ends: the (first day of the) date and the act's number, so
/// acts of one day keep their recording order across pages.
pub type DateKey = (CivilDate, u64);

/// The states a list asks about, judged from the index alone so that acts which cannot match
/// are never read: an act done by or to a state belongs to a relation holding it, and an act
/// involving a state belongs to such a relation or names states beyond its own relation.
/// What passes is a candidate; the caller decides on the act itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartiesAsked {
    pub involves: Option<StateCode>,
    /// The actor and the target: the relation must hold both.
    pub actor: Option<StateCode>,
    pub target: Option<StateCode>,
}

impl PartiesAsked {
    fn may_match(&self, a: &ActIndex) -> bool {
        let holds = |s: StateCode| a.relation.is_some_and(|k| k.contains(s));
        self.actor.is_none_or(holds)
            && self.target.is_none_or(holds)
            && self
                .involves
                .is_none_or(|s| holds(s) || a.names_beyond_relation)
    }
}

impl Image {
    /// Up to `limit` acts `reader` may see, recorded by `end`, dated by `as_of` and of kind
    /// `kind` if one is given, ordered by date then number (`descending` reverses both),
    /// strictly after `after` in that order, among those that may concern `parties`.
    #[allow(clippy::too_many_arguments)] // each is a filter of the acts list
    pub fn seqs_by_date(
        &self,
        reader: Reader,
        descending: bool,
        after: Option<DateKey>,
        end: u64,
        as_of: CivilDate,
        kind: Option<&str>,
        parties: PartiesAsked,
        limit: usize,
    ) -> Vec<DateKey> {
        // Keys compared in the order asked: reversed for a descending list.
        let rank = |(date, seq): DateKey| {
            let day = i64::from(date.days_since_epoch());
            if descending {
                (-day, u64::MAX - seq)
            } else {
                (day, seq)
            }
        };
        let floor = after.map(rank);
        // The `limit` smallest ranks seen: a max-heap that drops its largest when full.
        let mut heap: BinaryHeap<((i64, u64), DateKey)> = BinaryHeap::with_capacity(limit + 1);
        for (i, a) in self.acts.iter().enumerate() {
            let seq = self.seq_base + 1 + u64::try_from(i).unwrap_or(u64::MAX);
            if seq > end
                || a.date > as_of
                || !reader.sees(a.audience)
                || kind.is_some_and(|k| a.kind != k)
                || !parties.may_match(a)
            {
                continue;
            }
            let key = (a.date, seq);
            let r = rank(key);
            if floor.is_some_and(|f| r <= f) {
                continue;
            }
            if heap.len() < limit {
                heap.push((r, key));
            } else if heap.peek().is_some_and(|(top, _)| r < *top) {
                heap.pop();
                heap.push((r, key));
            }
        }
        let mut page: Vec<((i64, u64), DateKey)> = heap.into_vec();
        page.sort_unstable();
        page.into_iter().map(|(_, k)| k).collect()
    }
}
