//! The relations a reader can see, each summed up in one line for a start page: the
//! normalisation index on the day and a year before, the open alerts, the latest round.
//!
//! A ministry with many relations (the 200-state world has about 4,000) asks this on every visit
//! to `/`, so each line is cheap: the index is computed at exactly two dates (the day and a year
//! before) from one sweep of each side's history, not as a monthly series; the baseline is the
//! overview's (`Image::default_baseline`, read from each measure's first event rather than a full
//! measure view), so the figure equals the overview's; the latest round is the last round event of
//! the relation's talks timeline, which is sorted by date. The baseline's first staffing report is
//! the first the view knows on each mission's ordered timeline, not a view of every report.
//!
//! Measured (`benches/web.rs`, release, a shared 2-core machine): the demo's start page renders in
//! about 0.07–0.09 ms; the 200-state world's 4,079 relations in about 350 ms (from 2.2 s before
//! the baseline stopped building measure and report views), above the 100 ms target. What is left
//! is per relation (about 85 µs): each side's history folds every measure of the relation, and the
//! alerts read its cases. The next step, not taken here: keep the lines per image (by
//! `last_seq`, reader and day), or compute them only for the page of rows shown.

use serde::Serialize;

use crate::alerts::Severity;
use crate::date::{CivilDate, ValidDate};
use crate::ids::{MissionKey, RelationKey, RoundId, StateCode};
use crate::image::mission::TalkEvent;
use crate::image::timeline::{Stamped, View};
use crate::image::Image;
use crate::reciprocity::index::Step;

/// How far back the "change" column looks.
pub const CHANGE_DAYS: u16 = 365;

/// One relation on the start page.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelationSummary {
    /// The two states, in code order.
    pub states: [StateCode; 2],
    /// The combined normalisation index on the day (100 at `baseline`), when it can be computed.
    pub index: Option<f64>,
    /// The combined index a year before the day, against the same baseline.
    pub index_year_before: Option<f64>,
    /// `index - index_year_before`: above 0, thawing over the year.
    pub change: Option<f64>,
    /// The index's baseline: the overview's.
    pub baseline: CivilDate,
    /// Open alerts the reader may see (see `Image::alerts`).
    pub alerts: usize,
    /// The most urgent of them.
    pub most_severe: Option<Severity>,
    /// The last round of talks held or cancelled by the day.
    pub latest_round: Option<LatestRound>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LatestRound {
    pub id: RoundId,
    pub date: ValidDate,
    /// `held` or `cancelled`.
    pub status: &'static str,
}

fn seen<E>(view: &View, events: Option<&Vec<Stamped<E>>>) -> bool {
    events.is_some_and(|e| view.filter(e).next().is_some())
}

impl Image {
    /// The relations of which the view sees at least one act dated by its day, between states
    /// the view knows, in code order.
    pub fn visible_relations(&self, view: View) -> Vec<RelationKey> {
        let mut keys: Vec<RelationKey> = self
            .relations
            .keys()
            .copied()
            .chain(
                self.missions
                    .keys()
                    .map(|m| RelationKey::new(m.sending, m.host)),
            )
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.retain(|k| {
            let (a, b) = k.states();
            self.check_relation(a, b, &view).is_ok() && self.relation_seen(*k, &view)
        });
        keys
    }

    /// Whether the view sees any act of the relation dated by its day; stops at the first.
    fn relation_seen(&self, key: RelationKey, view: &View) -> bool {
        let (a, b) = key.states();
        if let Some(rel) = self.relations.get(&key) {
            if view.filter(&rel.talks).next().is_some()
                || rel
                    .measures
                    .iter()
                    .any(|id| seen(view, self.measures.get(id).map(|r| &r.events)))
                || rel
                    .commitments
                    .iter()
                    .any(|id| seen(view, self.commitments.get(id).map(|r| &r.events)))
                || rel
                    .cases
                    .iter()
                    .any(|id| seen(view, self.cases.get(id).map(|r| &r.events)))
            {
                return true;
            }
        }
        [(a, b), (b, a)].into_iter().any(|(sending, host)| {
            self.missions
                .get(&MissionKey { sending, host })
                .is_some_and(|m| {
                    view.filter(&m.heads).next().is_some()
                        || view.filter(&m.reports).next().is_some()
                        || m.posts
                            .iter()
                            .any(|id| seen(view, self.posts.get(id).map(|r| &r.events)))
                        || m.members
                            .iter()
                            .any(|id| seen(view, self.members.get(id).map(|r| &r.events)))
                })
        })
    }

    /// The last round held or cancelled by the view's day.
    pub fn latest_round(&self, key: RelationKey, view: View) -> Option<LatestRound> {
        let rel = self.relations.get(&key)?;
        view.filter(&rel.talks)
            .filter_map(|e| match &e.ev {
                TalkEvent::RoundHeld { round, .. } => Some((round, e.date, "held")),
                TalkEvent::RoundCancelled { round, .. } => Some((round, e.date, "cancelled")),
                _ => None,
            })
            .last()
            .map(|(id, date, status)| LatestRound {
                id: id.clone(),
                date,
                status,
            })
    }

    /// One line per relation the view sees (see the module documentation for the cost).
    pub fn relation_summaries(&self, view: View) -> Vec<RelationSummary> {
        self.visible_relations(view)
            .into_iter()
            .map(|key| self.relation_summary(key, view))
            .collect()
    }

    /// The line of one relation; `key` must be one the view sees.
    pub fn relation_summary(&self, key: RelationKey, view: View) -> RelationSummary {
        let (a, b) = key.states();
        let as_of = view.as_of;
        let baseline = self.default_baseline(a, b, view);
        let before = as_of.add_days(-i32::from(CHANGE_DAYS));
        // Two points: a year before and the day.
        let series = self
            .normalisation_index(
                a,
                b,
                before,
                as_of,
                baseline,
                Step::Days(u32::from(CHANGE_DAYS)),
                view,
            )
            .ok();
        let at = |d: CivilDate| {
            series
                .as_ref()
                .and_then(|s| s.points.iter().find(|p| p.date == d))
                .map(|p| p.combined)
        };
        let (index, index_year_before) = (at(as_of), at(before));
        let alerts = self
            .alerts(a, b, view)
            .map(|r| r.alerts)
            .unwrap_or_default();
        RelationSummary {
            states: [a, b],
            index,
            index_year_before,
            change: index
                .zip(index_year_before)
                .map(|(now, then)| ((now - then) * 100.0).round() / 100.0),
            baseline,
            alerts: alerts.len(),
            most_severe: alerts.iter().map(|x| x.severity).min(),
            latest_round: self.latest_round(key, view),
        }
    }
}
