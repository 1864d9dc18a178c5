//! As-of answers no more precise than their dates: which events of a timeline certainly, or only
//! possibly, happened by a view's date, and what existed before the record first names it.

use serde::Serialize;

use super::timeline::{Stamped, View};
use crate::date::{CivilDate, ValidDate};

/// How sure an as-of answer is. Dates keep the precision of their sources, so a day can fall
/// inside the period of an event (an absence dated "2021-04", asked about 10 April): whether the
/// event had happened by then is not known, and the answer says so rather than pick a side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Certainty {
    /// Every event behind the answer certainly happened by the date (or certainly not).
    #[default]
    Certain,
    /// An event dated by a period that holds the date may or may not have happened by then:
    /// the answer is one of two states (see `uncertain`).
    Uncertain,
    /// First on record after the date, recorded as existing before it (`start_unknown`): it
    /// existed then, its start not known.
    StartUnknown,
}

/// How much of a timeline a view sees, by how sure it is that each event had happened by the
/// view's date. Both are prefixes of the events the view knows, in timeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// Events that certainly happened by the date: up to the last one whose whole period ends
    /// by then (the timeline's order is the order things happened, so everything before it
    /// happened too).
    pub certain: usize,
    /// Events that may have happened by the date: those whose period begins by then.
    pub possible: usize,
    /// The first event counts only because it records something that existed at every earlier
    /// date the record covers (`start_unknown`).
    pub start_unknown: bool,
}

impl Split {
    /// Whether some event may or may not have happened by the date.
    pub fn pending(&self) -> bool {
        self.certain < self.possible
    }
}

impl View {
    /// The events the view knows (recorded, not corrected, visible), whatever their date.
    pub fn known<'a, E>(&self, events: &'a [Stamped<E>]) -> impl Iterator<Item = &'a Stamped<E>> {
        let view = *self;
        events.iter().filter(move |s| view.knows(s))
    }

    /// Splits a timeline at the view's date. `existed_before` says whether an event records
    /// something that existed before its date, on a date not known (a post opened with
    /// `start_unknown`); when the timeline's first known event does, it counts as having
    /// happened at every date from `record_start` (the first date the record covers) onward.
    pub fn split<E>(
        &self,
        events: &[Stamped<E>],
        record_start: Option<CivilDate>,
        existed_before: impl Fn(&E) -> bool,
    ) -> Split {
        let (mut certain, mut possible) = (0, 0);
        for (i, e) in self.known(events).enumerate() {
            if e.date.earliest() > self.as_of {
                break;
            }
            possible = i + 1;
            if e.date.latest() <= self.as_of {
                certain = i + 1;
            }
        }
        let first = self.known(events).next();
        // Existing before its date, it existed on every day of its own period too.
        let prior = first.is_some_and(|e| {
            existed_before(&e.ev) && record_start.is_some_and(|start| start <= self.as_of)
        });
        let mut start_unknown = false;
        if prior && certain == 0 {
            start_unknown = possible == 0;
            certain = 1;
            possible = possible.max(1);
        }
        Split {
            certain,
            possible,
            start_unknown,
        }
    }
}

/// What an uncertain answer would be otherwise: the other states the day may be in, in words,
/// and the date of the first event that may not have happened yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UncertainStatus {
    /// The other states the day may be in, if some or all of the events dated by a period
    /// holding the day had not yet happened ("open", "not yet open", "open or suspended" ...).
    pub otherwise: String,
    /// The date of the first such event (a month, a quarter, a year ...).
    pub pending: ValidDate,
    /// What `otherwise` says, each state as facts, for a page to word in its own language.
    #[serde(skip)]
    pub others: Vec<StateSaid>,
}

/// A state a post, premises, a member or a mission's head may be in on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateSaid {
    /// A post's status; none before it opened.
    Post(Option<super::posts::PostStatus>),
    /// Premises' status; none before they were acquired.
    Premises(Option<super::posts::PremisesStatus>),
    /// A member's status; none before the appointment was notified.
    Member(Option<super::members::MemberStatus>),
    /// Who heads the mission: the head in post (and whether away), else whether vacant; and a
    /// chargé d'affaires a.i. if one is named.
    Head {
        head: Option<(String, bool)>,
        vacant: bool,
        charge: Option<String>,
    },
}

impl StateSaid {
    pub fn english(&self) -> String {
        use super::members::MemberStatus;
        match self {
            StateSaid::Post(s) => s.map_or("not yet open".to_owned(), |s| s.to_string()),
            StateSaid::Premises(s) => s.map_or("not yet acquired".to_owned(), |s| s.to_string()),
            StateSaid::Member(s) => match s {
                None => "not yet notified",
                Some(MemberStatus::Notified) => "notified, not yet arrived",
                Some(MemberStatus::Arrived) => "arrived",
                Some(MemberStatus::DeclaredPng) => "declared persona non grata",
                Some(MemberStatus::Departed) => "departed",
            }
            .to_owned(),
            StateSaid::Head {
                head,
                vacant,
                charge,
            } => {
                let mut out = match head {
                    Some((p, true)) => format!("{p} in post, away"),
                    Some((p, false)) => format!("{p} in post and present"),
                    None if *vacant => "vacant".to_owned(),
                    None => "no head of mission on record".to_owned(),
                };
                if let Some(p) = charge {
                    out.push_str(&format!("; {p} chargé d'affaires a.i."));
                }
                out
            }
        }
    }
}

/// One as-of answer with how sure it is.
pub struct Settled<S> {
    /// The state once every event that may have happened by the date has (what the view sees).
    pub state: S,
    pub certainty: Certainty,
    pub uncertain: Option<UncertainStatus>,
}

/// Folds a timeline as of the view's date and says how sure the answer is. `fold(n)` folds the
/// first `n` events the view knows; `key` is what an answer is compared on (a status, who is
/// head); `words` says what the state is. `None` when nothing existed by then.
pub(crate) fn settle<E, S, K: PartialEq>(
    view: &View,
    events: &[Stamped<E>],
    split: Split,
    fold: impl Fn(usize) -> Option<S>,
    key: impl Fn(Option<&S>) -> K,
    words: impl Fn(Option<&S>) -> StateSaid,
) -> Option<Settled<S>> {
    let state = fold(split.possible)?;
    if split.start_unknown {
        return Some(Settled {
            state,
            certainty: Certainty::StartUnknown,
            uncertain: None,
        });
    }
    if !split.pending() {
        return Some(Settled {
            state,
            certainty: Certainty::Certain,
            uncertain: None,
        });
    }
    // Every number of the pending events may have happened by the date, in the record's
    // order: the answer is certain only if each gives the same state (an absence and a return
    // both dated "2021" leave "present" on either side, but "away" in between).
    let key_of_state = key(Some(&state));
    let mut others: Vec<(K, StateSaid)> = Vec::new();
    for n in split.certain..split.possible {
        let then = fold(n);
        let k = key(then.as_ref());
        if k != key_of_state && !others.iter().any(|(o, _)| *o == k) {
            others.push((k, words(then.as_ref())));
        }
    }
    if others.is_empty() {
        return Some(Settled {
            state,
            certainty: Certainty::Certain,
            uncertain: None,
        });
    }
    let pending = view.known(events).nth(split.certain).map(|e| e.date);
    Some(Settled {
        state,
        certainty: Certainty::Uncertain,
        uncertain: pending.map(|pending| {
            let others: Vec<StateSaid> = others.into_iter().map(|(_, w)| w).collect();
            UncertainStatus {
                otherwise: others
                    .iter()
                    .map(StateSaid::english)
                    .collect::<Vec<_>>()
                    .join(" or "),
                pending,
                others,
            }
        }),
    })
}

/// A post as the view sees it on its date, settled, with the split it was settled on: what
/// presence and parity both show (parity also folds the pending events for a range).
pub(crate) fn settled_post<'a>(
    id: &crate::ids::PostId,
    events: &'a [Stamped<super::posts::PostEvent>],
    view: &View,
    record_start: Option<CivilDate>,
) -> Option<(Settled<super::posts::PostState<'a>>, Split)> {
    let split = view.split(
        events,
        record_start,
        super::posts::PostEvent::existed_before,
    );
    let known = || view.known(events);
    settle(
        view,
        events,
        split,
        |n| super::posts::fold_post(id, known().take(n)).ok().flatten(),
        |s| s.map(|s| s.status),
        |s| StateSaid::Post(s.map(|s| s.status)),
    )
    .map(|settled| (settled, split))
}

/// Premises as the view sees them on its date, settled, with the split it was settled on.
pub(crate) fn settled_premises<'a>(
    id: &crate::ids::PremisesId,
    events: &'a [Stamped<super::posts::PremisesEvent>],
    view: &View,
    record_start: Option<CivilDate>,
) -> Option<(Settled<super::posts::PremisesState<'a>>, Split)> {
    let split = view.split(
        events,
        record_start,
        super::posts::PremisesEvent::existed_before,
    );
    let known = || view.known(events);
    settle(
        view,
        events,
        split,
        |n| {
            super::posts::fold_premises(id, known().take(n))
                .ok()
                .flatten()
        },
        |s| s.map(|s| s.status),
        |s| StateSaid::Premises(s.map(|s| s.status)),
    )
    .map(|settled| (settled, split))
}
