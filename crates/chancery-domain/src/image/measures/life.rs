//! The life of a measure on a given day: announced, in force, uncertain, expired, lifted; or,
//! for an event, happened. And which measures a verdict (parity, index, roadmap) may rest on.

use serde::{Deserialize, Serialize};

use super::{MeasureEvent, MeasureState};
use crate::act::{Limits, Magnitude, MeasureChange, Scope};
use crate::date::{CivilDate, ValidDate};
use crate::ids::MeasureId;
use crate::image::timeline::Verdicts;
use crate::vocab::{Capacity, Confidence, Counting};

/// Where a measure stands on the day asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MeasureStatus {
    /// Taken or announced, not yet biting.
    Announced,
    InForce,
    /// The day falls inside an imprecise date the answer depends on (effective "2021-08",
    /// asked for 10 August), or before a date by which it is only known to be in force.
    Uncertain,
    /// Lapsed by its own terms.
    Expired,
    Lifted,
    /// An event (expulsion, summons ...): it happened; its effect lives in the record's state.
    Happened,
}

impl MeasureStatus {
    /// In words, for pages and the CLI.
    pub fn words(self) -> &'static str {
        match self {
            MeasureStatus::Announced => "announced, not yet in force",
            MeasureStatus::InForce => "in force",
            MeasureStatus::Uncertain => "uncertain on that day",
            MeasureStatus::Expired => "expired",
            MeasureStatus::Lifted => "lifted",
            MeasureStatus::Happened => "happened (an event; never in force)",
        }
    }
}

/// A measure's terms as they stand after the stages the view sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms<'a> {
    pub effective: ValidDate,
    pub deadline: Option<ValidDate>,
    pub expires: Option<ValidDate>,
    pub scope: &'a Scope,
    /// Merged field by field over the stages: a stage that says only `persons` keeps the cap.
    pub magnitude: Magnitude,
    pub limits: Limits,
    pub counting: Counting,
    pub summary: &'a str,
}

/// When a measure bites, each end as (earliest, latest) possible day: see
/// [`MeasureState::span_bounds`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanBounds {
    pub start: (CivilDate, CivilDate),
    /// `None` while it is neither lifted nor set to expire.
    pub end: Option<(CivilDate, CivilDate)>,
}

/// How long an event weighs in the normalisation index after its date, in days.
pub const EVENT_WINDOW_DAYS: i32 = 365;

impl<'a> MeasureState<'a> {
    fn changes(&self) -> impl Iterator<Item = &'a MeasureChange> + '_ {
        self.stages.iter().filter_map(|e| match &e.ev {
            MeasureEvent::Amended(c) | MeasureEvent::Eased(c) => Some(&**c),
            _ => None,
        })
    }

    /// The terms after every stage the view sees (a later stage overrides an earlier one).
    pub fn terms(&self) -> Terms<'a> {
        let m = self.measure;
        let mut t = Terms {
            effective: m.effective.or(m.deadline).unwrap_or(self.imposed.date),
            deadline: m.deadline,
            expires: m.expires,
            scope: &m.scope,
            magnitude: m.magnitude.clone(),
            limits: m.limits.clone(),
            counting: m.counting_or_default(),
            summary: &m.summary,
        };
        let stages: Vec<&'a MeasureChange> = self.changes().collect();
        for c in stages {
            if let Some(d) = c.deadline {
                t.deadline = Some(d);
                if m.effective.is_none() && c.effective.is_none() {
                    t.effective = d;
                }
            }
            if let Some(d) = c.effective {
                t.effective = d;
            }
            if let Some(d) = c.expires {
                t.expires = Some(d);
            }
            if let Some(s) = &c.scope {
                t.scope = s;
            }
            if let Some(x) = &c.magnitude {
                let g = &mut t.magnitude;
                g.persons = x.persons.or(g.persons);
                g.cap = x.cap.or(g.cap);
                g.km = x.km.or(g.km);
                g.days = x.days.or(g.days);
                g.visitors = x.visitors.or(g.visitors);
            }
            if let Some(x) = &c.limits {
                let l = &mut t.limits;
                l.all_staff = x.all_staff.or(l.all_staff);
                l.sending_state_staff = x.sending_state_staff.or(l.sending_state_staff);
                l.diplomatic = x.diplomatic.or(l.diplomatic);
                l.administrative_technical =
                    x.administrative_technical.or(l.administrative_technical);
                l.service = x.service.or(l.service);
                l.locally_employed = x.locally_employed.or(l.locally_employed);
            }
            if let Some(x) = c.counting {
                t.counting = x;
            }
            t.summary = &c.summary;
        }
        t
    }

    /// Every limit of a cap in force on its latest terms: `magnitude.cap` under its counting,
    /// then the per-category limits.
    pub fn caps(&self) -> Vec<(Counting, u32)> {
        let t = self.terms();
        let mut out: Vec<(Counting, u32)> = t
            .magnitude
            .cap
            .map(|c| (t.counting, c))
            .into_iter()
            .collect();
        out.extend(t.limits.each());
        out
    }

    /// The measures of the other side it answers, its stages' included.
    pub fn answers(&self) -> Vec<&'a MeasureId> {
        let mut out: Vec<&'a MeasureId> = self.measure.answers.iter().collect();
        for c in self.changes() {
            out.extend(c.answers.iter());
        }
        out
    }

    /// Where it stands on the view's day.
    pub fn status(&self) -> MeasureStatus {
        let day = self.as_of;
        if self.is_event() {
            return MeasureStatus::Happened;
        }
        if self.before_first_known {
            return MeasureStatus::Uncertain;
        }
        if let Some(l) = self.lifted {
            // The view sees a lifting dated on or before the day; inside an imprecise date of
            // lifting, it may not have happened yet.
            return if l.date.latest() <= day {
                MeasureStatus::Lifted
            } else {
                MeasureStatus::Uncertain
            };
        }
        let t = self.terms();
        if let Some(x) = t.expires {
            if x.latest() < day {
                return MeasureStatus::Expired;
            }
            if x.earliest() < day {
                return MeasureStatus::Uncertain;
            }
        }
        if day < t.effective.earliest() {
            MeasureStatus::Announced
        } else if day < t.effective.latest() && t.effective.latest() != t.effective.earliest() {
            MeasureStatus::Uncertain
        } else {
            MeasureStatus::InForce
        }
    }

    /// The days on which it bites, as the whole record knows it (not only up to the view's
    /// day): from its effective day until the day before it is lifted or expires. Events weigh
    /// for [`EVENT_WINDOW_DAYS`] from their date. Imprecise dates count from their first day
    /// (a lapse, from the day after its last); [`Self::span_bounds`] gives the range.
    pub fn active_span(&self) -> (CivilDate, Option<CivilDate>) {
        if self.is_event() {
            let start = self.imposed.date.earliest();
            return (start, Some(start.add_days(EVENT_WINDOW_DAYS)));
        }
        let t = self.terms();
        let mut end = self.lifted.map(|l| l.date.earliest());
        if let Some(x) = t.expires {
            let lapse = x.latest().add_days(1);
            end = Some(end.map_or(lapse, |e| e.min(lapse)));
        }
        (t.effective.earliest(), end)
    }

    /// The span's ends as ranges when its dates are imprecise: it certainly bites from
    /// `start.1` until the day before `end.0`, and may from `start.0` until the day before
    /// `end.1`. An end is the first day it no longer bites; a measure stands through its day of
    /// expiry.
    pub fn span_bounds(&self) -> SpanBounds {
        let bounds = |d: ValidDate| (d.earliest(), d.latest());
        if self.is_event() {
            let (a, b) = bounds(self.imposed.date);
            return SpanBounds {
                start: (a, b),
                end: Some((a.add_days(EVENT_WINDOW_DAYS), b.add_days(EVENT_WINDOW_DAYS))),
            };
        }
        let t = self.terms();
        let mut end = self.lifted.map(|l| bounds(l.date));
        if let Some(x) = t.expires {
            let lapse = (x.earliest().add_days(1), x.latest().add_days(1));
            end = Some(end.map_or(lapse, |(a, b)| (a.min(lapse.0), b.min(lapse.1))));
        }
        SpanBounds {
            start: bounds(t.effective),
            end,
        }
    }

    /// Whether a verdict may rest on it under `v`: taken by the host government in that
    /// capacity, not symbolic, and not low-confidence unless asked.
    pub fn counts_for(&self, v: Verdicts) -> bool {
        self.measure.capacity() == Capacity::HostGovernment
            && !self.measure.symbolic
            && (v.include_low_confidence || !self.low_confidence())
    }

    /// Why a verdict may not rest on it under `v`, in words; `None` when it may.
    pub fn not_counted_because(&self, v: Verdicts) -> Option<String> {
        let capacity = self.measure.capacity();
        if capacity != Capacity::HostGovernment {
            Some(format!(
                "taken in the capacity of {}, not by the host government",
                capacity.as_str().replace('_', " ")
            ))
        } else if self.measure.symbolic {
            Some("symbolic".to_owned())
        } else if !v.include_low_confidence && self.low_confidence() {
            Some("reported with low confidence".to_owned())
        } else {
            None
        }
    }

    pub fn low_confidence(&self) -> bool {
        self.imposed
            .provenance
            .as_deref()
            .and_then(|p| p.confidence)
            == Some(Confidence::Low)
    }
}
