//! Events on a timeline, stamped with both clocks, and the filter that picks what a view sees.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::access::{Audience, Reader};
use crate::date::{CivilDate, ValidDate};
use crate::vocab::Confidence;

/// Where a fact comes from: kept beside every event so views can show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provenance {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_ref: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An event with its valid date, the journal sequence number that recorded it, and the sequence
/// number of the correction that superseded it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamped<E> {
    pub date: ValidDate,
    pub seq: u64,
    pub superseded_by: Option<u64>,
    /// `None` when the act carried no provenance at all (saves memory on large synthetic worlds).
    pub provenance: Option<Arc<Provenance>>,
    /// Who may see the event: the act's visibility, resolved against its relation.
    pub audience: Audience,
    pub ev: E,
}

impl<E> Stamped<E> {
    pub fn external_ref(&self) -> Option<&str> {
        self.provenance.as_deref()?.external_ref.as_deref()
    }
}

/// How much of the record a view knows (transaction time): all of it, or what was recorded
/// through one act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Through {
    WholeRecord,
    Act(u64),
}

impl Through {
    /// Whether act `seq` was recorded within what this knows.
    pub fn includes(self, seq: u64) -> bool {
        match self {
            Through::WholeRecord => true,
            Through::Act(last) => seq <= last,
        }
    }

    /// The last act known, unless it is the whole record.
    pub fn act(self) -> Option<u64> {
        match self {
            Through::WholeRecord => None,
            Through::Act(last) => Some(last),
        }
    }
}

/// An act number: the record through that act. The largest number stands for the whole record,
/// as it always has, so a request that names it is answered as before.
impl From<u64> for Through {
    fn from(last: u64) -> Through {
        if last == u64::MAX {
            Through::WholeRecord
        } else {
            Through::Act(last)
        }
    }
}

/// `None`: the whole record.
impl From<Option<u64>> for Through {
    fn from(last: Option<u64>) -> Through {
        last.map_or(Through::WholeRecord, Through::from)
    }
}

/// What verdicts may rest on. By default: the host government's own measures against the
/// other state's missions, not symbolic, not low-confidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verdicts {
    /// Count facts reported with low confidence too.
    #[serde(default)]
    pub include_low_confidence: bool,
    /// Count this party's claims about the other state's conduct as if established (those
    /// the other party has not disputed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_claims_of: Option<crate::ids::StateCode>,
}

/// Which events a question sees: those in effect by `as_of` (valid time) among those recorded up
/// to `known_through` (transaction time) and not corrected by then, that `reader` may see.
///
/// Every query goes through a view, so a reader's scope applies to every answer built from the
/// image: a hidden event is as absent as one not yet recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    pub as_of: CivilDate,
    pub known_through: Through,
    pub reader: Reader,
    /// What verdicts (parity, index, roadmap) may rest on; other answers ignore it.
    pub verdicts: Verdicts,
}

impl View {
    pub fn new(as_of: CivilDate, known_through: impl Into<Through>, reader: Reader) -> Self {
        View {
            as_of,
            known_through: known_through.into(),
            reader,
            verdicts: Verdicts::default(),
        }
    }

    /// What `reader` may see of the whole record as it stands, as of `as_of`.
    pub fn whole_record(as_of: CivilDate, reader: Reader) -> Self {
        View::new(as_of, Through::WholeRecord, reader)
    }

    /// Everything recorded so far, as of `as_of`, as the rules see it (every visibility).
    /// For validation, tools and tests; a person's question needs [`View::new`] with their reader.
    pub fn rules(as_of: CivilDate) -> Self {
        View::whole_record(as_of, Reader::Rules)
    }

    /// Every recorded event whatever its date: what validation checks a whole timeline against.
    pub fn everything() -> Self {
        View::rules(CivilDate::from_days_since_epoch(i32::MAX))
    }

    /// Every recorded event `reader` may see, whatever its date.
    pub(crate) fn everything_for(reader: Reader) -> Self {
        View {
            reader,
            ..View::everything()
        }
    }

    /// The same view, with verdicts resting on what `verdicts` allows.
    pub fn with_verdicts(self, verdicts: Verdicts) -> Self {
        View { verdicts, ..self }
    }

    /// The same view, counting no party's claims (for a copy where they are already recorded).
    pub fn without_claims(self) -> Self {
        View {
            verdicts: Verdicts {
                include_claims_of: None,
                ..self.verdicts
            },
            ..self
        }
    }

    /// The same reader and transaction time, on another day.
    pub fn on(self, as_of: CivilDate) -> Self {
        View { as_of, ..self }
    }

    pub fn knows<E>(&self, s: &Stamped<E>) -> bool {
        self.known_through.includes(s.seq)
            && s.superseded_by
                .is_none_or(|by| !self.known_through.includes(by))
            && self.reader.sees(s.audience)
    }

    pub fn sees<E>(&self, s: &Stamped<E>) -> bool {
        s.date.earliest() <= self.as_of && self.knows(s)
    }

    /// Whether a verdict may rest on the event: not low-confidence, unless asked.
    pub fn weighs<E>(&self, s: &Stamped<E>) -> bool {
        self.verdicts.include_low_confidence
            || s.provenance.as_deref().and_then(|p| p.confidence) != Some(Confidence::Low)
    }

    pub fn filter<'a, E>(&self, events: &'a [Stamped<E>]) -> impl Iterator<Item = &'a Stamped<E>> {
        let view = *self;
        events.iter().filter(move |s| view.sees(s))
    }
}

fn order_key<E>(s: &Stamped<E>) -> (ValidDate, u64) {
    (s.date, s.seq)
}

/// Inserts keeping the timeline ordered by (valid date, seq); returns the index used.
pub(crate) fn insert_sorted<E>(events: &mut Vec<Stamped<E>>, s: Stamped<E>) -> usize {
    let key = order_key(&s);
    let at = events.partition_point(|e| order_key(e) <= key);
    events.insert(at, s);
    at
}

/// Sorts a timeline built by appending (replay): the same order `insert_sorted` keeps.
pub(crate) fn sort_timeline<E>(events: &mut [Stamped<E>]) {
    events.sort_by_key(order_key);
}

/// Removes the event recorded by `seq` (used to undo a tentative insertion).
pub(crate) fn remove_seq<E>(events: &mut Vec<Stamped<E>>, seq: u64) {
    events.retain(|e| e.seq != seq);
}

/// Marks the events of `old` as corrected by `new`; returns how many were marked.
pub(crate) fn mark_superseded<E>(events: &mut [Stamped<E>], old: u64, new: u64) -> usize {
    let mut n = 0;
    for e in events.iter_mut().filter(|e| e.seq == old) {
        e.superseded_by = Some(new);
        n += 1;
    }
    n
}

/// Reverts `mark_superseded` (used when a correction is refused).
pub(crate) fn unmark_superseded<E>(events: &mut [Stamped<E>], new: u64) {
    for e in events.iter_mut().filter(|e| e.superseded_by == Some(new)) {
        e.superseded_by = None;
    }
}
