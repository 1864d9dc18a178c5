//! The normalisation index (DESIGN.md §4): one figure per side and date that says at a glance
//! whether a relation is thawing, against a baseline date.
//!
//! # Formula
//!
//! For the side of state `S` (S's missions in the other state `H`) on day `t`:
//!
//! ```text
//! R_S(t)     = Σ weight(kind) over the measures of H against S in force on t
//!              + 1 while S's mission has no head of mission present (post vacant, or head away)
//! index_S(t) = 100 × (K + R_S(baseline)) / (K + R_S(t)),   K = 10
//! combined(t) = √(index_A(t) × index_B(t))
//! ```
//!
//! with the weights of [`weight`]: staff_cap 3, local_staff_limit 3, post_closure 2,
//! premises_seized 2, visa_restriction 2, banking_restriction 2, premises_access_barred 1,
//! expulsion 1, travel_restriction 1, consular_service_restriction 1, official_visitor_quota 1,
//! other 0.5.
//!
//! Reading it: 100 at the baseline; below 100, the side's missions are more restricted than at
//! the baseline; above 100, less (thawing). Each side only moves the other way when a measure
//! against it is imposed or lifted or its head leaves or returns, so the index is monotone in
//! what happens: imposing never raises it, lifting never lowers it. `K` sets the scale and keeps
//! the ratio defined when nothing is in force: from a baseline with nothing in force, `K` points
//! of restriction (say a staff cap, a closure, a visa and a banking restriction, and an
//! expulsion) halve the index. The geometric mean makes the combined figure symmetric and keeps it
//! between the two sides. A standing measure counts from its effective date until it is lifted
//! or expires; an event (an expulsion, a summons) weighs for `EVENT_WINDOW_DAYS` (365) from its
//! date and is never "in force". The figure counts imprecise dates from their first day (an
//! expiry through its last); on a day inside such a date the answer also carries the range the
//! record allows (`restriction_range`, `index_range`): the points certainly and possibly in force.
//!
//! The same formula, with the weights, is returned in every answer ([`IndexSeries::formula`]) so
//! that it can be shown beside the figure.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::{CivilDate, ValidDate};
use crate::ids::{MissionKey, RelationKey, StateCode};
use crate::image::heads::HeadEvent;
pub use crate::image::measures::EVENT_WINDOW_DAYS;
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::MeasureKind;

/// The most points one series may have: enough for 5 years by day or 160 years by month.
pub const MAX_POINTS: usize = 2000;

/// Restriction points while a mission has no head of mission present.
pub const HEAD_ABSENT_WEIGHT: f64 = 1.0;

/// `K` of the formula: the restriction points that halve the index from a clean baseline. With
/// 1 instead, the first two measures would already take the index below 35, leaving the rest of
/// a long escalation squeezed into a few points near 0.
pub const SCALE: f64 = 10.0;

/// Restriction points of a measure in force, by kind: how much it hampers the mission. Caps and
/// local-hiring limits shape the whole mission (3); closures, seizures, visa and banking
/// restrictions take away a post, a building, staff renewal or the means to pay (2); the rest
/// hamper one activity (1); `other` is unclassified, so counts least (0.5).
pub fn weight(kind: MeasureKind) -> f64 {
    match kind {
        MeasureKind::StaffCap | MeasureKind::LocalStaffLimit => 3.0,
        MeasureKind::PostClosure
        | MeasureKind::PremisesSeized
        | MeasureKind::VisaRestriction
        | MeasureKind::BankingRestriction => 2.0,
        MeasureKind::PremisesAccessBarred
        | MeasureKind::Expulsion
        | MeasureKind::TravelRestriction
        | MeasureKind::ConsularServiceRestriction
        | MeasureKind::OfficialVisitorQuota
        | MeasureKind::ReplacementsBarred
        | MeasureKind::ConsularAccessDenied => 1.0,
        MeasureKind::Search | MeasureKind::RecallForConsultation | MeasureKind::Other => 0.5,
        MeasureKind::Summons => 0.25,
    }
}

/// The formula in words, with the weights in force: returned beside every series.
pub fn formula() -> String {
    let weights = MeasureKind::ALL
        .iter()
        .map(|k| format!("{k} {}", weight(*k)))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "R_S(t) = sum of the weights of the measures in force on day t that the other state has \
         taken against the missions of S, and of its events (an expulsion, a summons) for \
         {EVENT_WINDOW_DAYS} days from their date (weights: {weights}), plus {HEAD_ABSENT_WEIGHT} while \
         S's mission has no head of mission present (post vacant or head away). \
         index_S(t) = 100 × (K + R_S(baseline)) / (K + R_S(t)) with K = {SCALE}: 100 at the \
         baseline, below 100 more restricted than at the baseline, above 100 thawing; K points \
         of restriction halve it from a baseline with nothing in force. \
         combined(t) = √(index_A(t) × index_B(t)), the geometric mean of the two sides."
    )
}

/// The spacing of the points of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Step {
    /// The same day of each month (the last day of shorter months).
    Month,
    /// The same day of each year (28 February for 29 February in other years).
    Year,
    /// Every `n` days (`n` ≥ 1).
    Days(u32),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Month => f.write_str("month"),
            Step::Year => f.write_str("year"),
            Step::Days(n) => write!(f, "{n}d"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a step: use `month`, `year` or a number of days such as `7d`")]
pub struct StepError(pub String);

impl FromStr for Step {
    type Err = StepError;
    /// `month`, `year`, or `Nd` for every N days (N ≥ 1).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "month" => Ok(Step::Month),
            "year" => Ok(Step::Year),
            _ => s
                .strip_suffix('d')
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| *n >= 1)
                .map(Step::Days)
                .ok_or_else(|| StepError(s.to_owned())),
        }
    }
}

/// Why a series cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("the range is empty: `from` ({from}) is after `to` ({to})")]
    EmptyRange { from: CivilDate, to: CivilDate },
    #[error("a step of 0 days")]
    ZeroStep,
    #[error(
        "from {from} to {to} by {step} is more than {max} points: take a longer step or a shorter range"
    )]
    TooManyPoints {
        from: CivilDate,
        to: CivilDate,
        step: Step,
        max: usize,
    },
}

/// A normalisation index series for a relation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexSeries {
    /// The two states in the order asked.
    pub states: Vec<StateCode>,
    pub from: CivilDate,
    pub to: CivilDate,
    pub baseline: CivilDate,
    pub step: Step,
    /// Set when the question is "as known at" an earlier point of the journal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_through_seq: Option<u64>,
    /// The formula in words, to show beside the figure.
    pub formula: String,
    /// Restriction points by measure kind, and `head_of_mission_absent`.
    pub weights: BTreeMap<&'static str, f64>,
    /// By side: restriction points on the baseline date.
    pub baseline_restriction: BTreeMap<StateCode, f64>,
    pub points: Vec<IndexPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexPoint {
    pub date: CivilDate,
    /// By state: the index of that state's side (its missions in the other state).
    pub sides: BTreeMap<StateCode, SideIndex>,
    /// The geometric mean of the two sides.
    pub combined: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SideIndex {
    /// 100 at the baseline; below, more restricted; above, thawing. Rounded to 0.01.
    pub index: f64,
    /// R_S(t): restriction points on this date.
    pub restriction: f64,
    /// Measures of the other state against this side's missions in force on this date.
    pub measures_in_force: u32,
    /// Whether the side's mission had no head of mission present.
    pub head_absent: bool,
    /// When the day falls inside an imprecise date the figure depends on (a measure lifted
    /// "in 2021-08", a head away from "2021-04"): the restriction points certainly and possibly
    /// in force. `restriction` counts such dates from their first day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction_range: Option<[f64; 2]>,
    /// The index over that range, against the baseline's points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_range: Option<[f64; 2]>,
}

/// Restriction points of one side on one date.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Restriction {
    points: f64,
    measures: u32,
    head_absent: bool,
    /// The points certainly and possibly counted when dates the day falls inside are
    /// imprecise; both equal `points` otherwise.
    low: f64,
    high: f64,
}

/// Weight and count changes by day, sorted by day.
type Steps = Vec<(CivilDate, f64, i32)>;

/// One side's history as step changes, so that any number of dates is one sweep.
struct SideHistory {
    /// (day, weight delta, count delta), sorted by day: imprecise dates at their first day.
    measure_steps: Steps,
    /// The same, counting a measure only on the days it certainly bites ...
    certain_steps: Steps,
    /// ... and on every day it may bite.
    possible_steps: Steps,
    /// (day, head absent from that day on), sorted by day, each event at its date's first day
    /// and at its last.
    head_steps: [Vec<(CivilDate, bool)>; 2],
}

/// The running sums of `steps` on each of `dates` (sorted ascending).
fn sweep(steps: &Steps, dates: &[CivilDate]) -> Vec<(f64, i32)> {
    let mut i = 0;
    let (mut points, mut count) = (0.0, 0i32);
    dates
        .iter()
        .map(|t| {
            while let Some((day, w, n)) = steps.get(i) {
                if day > t {
                    break;
                }
                points += w;
                count += n;
                i += 1;
            }
            // Sums of multiples of 0.25 are exact in binary; the max only guards the sign.
            (f64::max(points, 0.0), count)
        })
        .collect()
}

/// Whether the head is absent on each of `dates` (sorted ascending).
fn sweep_heads(steps: &[(CivilDate, bool)], dates: &[CivilDate]) -> Vec<bool> {
    let mut j = 0;
    let mut absent = false;
    dates
        .iter()
        .map(|t| {
            while let Some((day, a)) = steps.get(j) {
                if day > t {
                    break;
                }
                absent = *a;
                j += 1;
            }
            absent
        })
        .collect()
}

impl SideHistory {
    /// Restriction on each of `dates`, which must be sorted ascending.
    fn at(&self, dates: &[CivilDate]) -> Vec<Restriction> {
        let central = sweep(&self.measure_steps, dates);
        let certain = sweep(&self.certain_steps, dates);
        let possible = sweep(&self.possible_steps, dates);
        let early = sweep_heads(&self.head_steps[0], dates);
        let late = sweep_heads(&self.head_steps[1], dates);
        let head = |absent: bool| if absent { HEAD_ABSENT_WEIGHT } else { 0.0 };
        (0..dates.len())
            .map(|i| {
                let (points, measures) = central[i];
                Restriction {
                    points: points + head(early[i]),
                    measures: u32::try_from(measures).unwrap_or(0),
                    head_absent: early[i],
                    low: certain[i].0 + head(early[i] && late[i]),
                    high: possible[i].0 + head(early[i] || late[i]),
                }
            })
            .collect()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Whether a series from `from` to `to` by `step` may be asked for: what an edge checks before
/// it starts a response it could not finish.
pub fn check_range(from: CivilDate, to: CivilDate, step: Step) -> Result<(), IndexError> {
    series_dates(from, to, step).map(|_| ())
}

/// The dates of a series, or why there would be too many.
fn series_dates(from: CivilDate, to: CivilDate, step: Step) -> Result<Vec<CivilDate>, IndexError> {
    if from > to {
        return Err(IndexError::EmptyRange { from, to });
    }
    let too_many = || IndexError::TooManyPoints {
        from,
        to,
        step,
        max: MAX_POINTS,
    };
    let (y, m, d) = from.ymd();
    let mut out = Vec::new();
    for k in 0.. {
        let date = match step {
            Step::Days(0) => return Err(IndexError::ZeroStep),
            Step::Days(n) => i32::try_from(i64::from(n) * k)
                .ok()
                .map(|days| from.add_days(days)),
            Step::Month => month_day(i64::from(y) * 12 + i64::from(m) - 1 + k, d),
            Step::Year => month_day((i64::from(y) + k) * 12 + i64::from(m) - 1, d),
        };
        match date {
            Some(date) if date <= to => {
                if out.len() == MAX_POINTS {
                    return Err(too_many());
                }
                out.push(date);
            }
            // Past `to`, or past the end of the calendar.
            _ => break,
        }
    }
    Ok(out)
}

/// Day `day` (or the month's last day) of the month numbered `months` since year 0.
fn month_day(months: i64, day: u32) -> Option<CivilDate> {
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month = u32::try_from(months.rem_euclid(12)).ok()? + 1;
    let last = ValidDate::month(year, month)?.latest().ymd().2;
    CivilDate::from_ymd(year, month, day.min(last))
}

impl Image {
    /// The normalisation index of the relation between `a` and `b` from `from` to `to` by
    /// `step`, against `baseline`, as `scope` knows the record (its transaction time and reader;
    /// its `as_of` is not used). See the module documentation for the formula.
    #[allow(clippy::too_many_arguments)] // each is a query parameter of the API
    pub fn normalisation_index(
        &self,
        a: StateCode,
        b: StateCode,
        from: CivilDate,
        to: CivilDate,
        baseline: CivilDate,
        step: Step,
        scope: View,
    ) -> Result<IndexSeries, IndexError> {
        self.check_relation(a, b, &scope.on(to))?;
        if let Some(by) = scope.verdicts.include_claims_of {
            let with = self.with_claims(a, b, scope.reader, by);
            return with.normalisation_index(
                a,
                b,
                from,
                to,
                baseline,
                step,
                scope.without_claims(),
            );
        }
        let dates = series_dates(from, to, step)?;
        let view = scope.on(View::everything().as_of);
        let mut per_side = BTreeMap::new();
        let mut baseline_restriction = BTreeMap::new();
        for (sending, host) in [(a, b), (b, a)] {
            let history = self.side_history(sending, host, view);
            let base = history.at(&[baseline])[0];
            baseline_restriction.insert(sending, base.points);
            per_side.insert(sending, (base, history.at(&dates)));
        }
        let points = dates
            .iter()
            .enumerate()
            .map(|(i, date)| {
                let sides: BTreeMap<StateCode, SideIndex> = per_side
                    .iter()
                    .map(|(state, (base, series))| {
                        let r = series[i];
                        let of = |points: f64| 100.0 * (SCALE + base.points) / (SCALE + points);
                        let uncertain = r.low != r.high;
                        (
                            *state,
                            SideIndex {
                                index: of(r.points),
                                restriction: r.points,
                                measures_in_force: r.measures,
                                head_absent: r.head_absent,
                                restriction_range: uncertain.then_some([r.low, r.high]),
                                index_range: uncertain
                                    .then(|| [round2(of(r.high)), round2(of(r.low))]),
                            },
                        )
                    })
                    .collect();
                let combined = sides.values().map(|s| s.index).product::<f64>().sqrt();
                IndexPoint {
                    date: *date,
                    sides: sides
                        .into_iter()
                        .map(|(k, mut s)| {
                            s.index = round2(s.index);
                            (k, s)
                        })
                        .collect(),
                    combined: round2(combined),
                }
            })
            .collect();
        let mut weights: BTreeMap<&'static str, f64> = MeasureKind::ALL
            .iter()
            .map(|k| (k.as_str(), weight(*k)))
            .collect();
        weights.insert("head_of_mission_absent", HEAD_ABSENT_WEIGHT);
        Ok(IndexSeries {
            states: vec![a, b],
            from,
            to,
            baseline,
            step,
            known_through_seq: scope.known_through.act(),
            formula: formula(),
            weights,
            baseline_restriction,
            points,
        })
    }

    /// The restrictions on the mission of `sending` in `host` as step changes over time. `view`
    /// sees every date, so only its transaction time matters.
    fn side_history(&self, sending: StateCode, host: StateCode, view: View) -> SideHistory {
        let (mut measure_steps, mut certain_steps, mut possible_steps) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut record_start: Option<Option<CivilDate>> = None;
        if let Some(rel) = self.relation_record(&RelationKey::new(sending, host)) {
            for id in &rel.measures {
                let Some(r) = self.measure_record(id) else {
                    continue;
                };
                if (r.actor, r.target) != (host, sending) {
                    continue;
                }
                let Some(s) = r.state(&view) else {
                    continue;
                };
                if !s.counts_for(view.verdicts) {
                    continue;
                }
                let w = weight(s.measure.measure_kind);
                // Events weigh for a window but are never "in force": they add no count.
                let n = i32::from(!s.is_event());
                // A span that ends before it starts (lifted before it bit) weighs nothing: its
                // steps would take the points of other measures away in between.
                let span = |steps: &mut Steps, start: CivilDate, end: Option<CivilDate>| {
                    if end.is_none_or(|e| e > start) {
                        steps.push((start, w, n));
                        steps.extend(end.map(|e| (e, -w, -n)));
                    }
                };
                let (start, end) = s.active_span();
                span(&mut measure_steps, start, end);
                let b = s.span_bounds();
                // Known only "in force by" its date: it may have stood since the record began.
                let possible_start = if s.measure.start_unknown {
                    let start = *record_start.get_or_insert_with(|| {
                        self.record_start(RelationKey::new(sending, host), &view)
                    });
                    start.map_or(b.start.0, |d| d.min(b.start.0))
                } else {
                    b.start.0
                };
                span(&mut possible_steps, possible_start, b.end.map(|e| e.1));
                span(&mut certain_steps, b.start.1, b.end.map(|e| e.0));
            }
        }
        for steps in [&mut measure_steps, &mut certain_steps, &mut possible_steps] {
            steps.sort_by_key(|(day, _, _)| *day);
        }

        // Whether a head is present, event by event. The timeline is sorted by date and was
        // validated, so following arrivals, absences, returns and departures is enough; before
        // the first of them nothing is known, which counts as present (no points).
        let mut head_steps = [Vec::new(), Vec::new()];
        let key = MissionKey { sending, host };
        if let Some(m) = self.mission_record(&key) {
            // (head, away, away known only through a chargé d'affaires)
            let mut head: Option<(&str, bool, bool)> = None;
            for e in view.filter(&m.heads) {
                let person = e.ev.person.as_str();
                let is_head = head.is_some_and(|(p, ..)| p == person);
                match e.ev.event {
                    HeadEvent::Arrived { .. } => head = Some((person, false, false)),
                    HeadEvent::Absent { .. } if is_head => head = Some((person, true, false)),
                    HeadEvent::Returned if is_head => head = Some((person, false, false)),
                    HeadEvent::Departed if is_head => head = None,
                    // A chargé while the head is in post: the head is away, for a period
                    // nobody reported (as the heads' fold reads it), until the chargé's
                    // duties end.
                    HeadEvent::ChargeAssumed => match head {
                        Some((p, false, _)) => head = Some((p, true, true)),
                        _ => continue,
                    },
                    HeadEvent::ChargeEnded => match head {
                        Some((p, true, true)) => head = Some((p, false, false)),
                        _ => continue,
                    },
                    _ => continue,
                }
                let absent = head.is_none_or(|(_, away, _)| away);
                // Each bound keeps the events' order: an event cannot come before the one
                // it follows (a return on the 25th after an absence "in April" is at the
                // absence's last day at the earliest, under the latest bound).
                for (steps, day) in head_steps
                    .iter_mut()
                    .zip([e.date.earliest(), e.date.latest()])
                {
                    let day = steps.last().map_or(day, |(prev, _)| day.max(*prev));
                    steps.push((day, absent));
                }
            }
        }
        SideHistory {
            measure_steps,
            certain_steps,
            possible_steps,
            head_steps,
        }
    }
}

impl Image {
    /// The baseline the overview's index and the roadmap share: 1 January of the year of the
    /// relation's first measure or staffing report the view knows (five years before the view's
    /// date if there is none, a year before if that is not earlier).
    pub fn default_baseline(&self, a: StateCode, b: StateCode, view: View) -> CivilDate {
        let as_of = view.as_of;
        let everything = view.on(View::everything().as_of);
        // The dates of what `measures` would list, read from each measure's fold without
        // building its view: the start page asks this of every relation of a large world.
        let known = self.check_relation(a, b, &everything).is_ok();
        let measures = [(a, b), (b, a)]
            .into_iter()
            .filter(|_| known)
            .flat_map(|(actor, target)| self.measure_states(actor, target, everything))
            .map(|(_, s)| {
                s.imposed
                    .date
                    .earliest()
                    .min(s.terms().effective.earliest())
            });
        // A timeline is ordered by date: its first report the view knows is its earliest.
        let reports = [(a, b), (b, a)].into_iter().filter_map(|(sending, host)| {
            self.missions
                .get(&MissionKey { sending, host })
                .and_then(|m| everything.filter(&m.reports).next())
                .map(|r| r.date.earliest())
        });
        let first = measures.chain(reports).min();
        let start = first
            .and_then(|d| CivilDate::from_ymd(d.ymd().0, 1, 1))
            .unwrap_or_else(|| as_of.add_days(-5 * 365));
        if start >= as_of {
            as_of.add_days(-365)
        } else {
            start
        }
    }
}

/// Restriction points per side on the view's date (the index's R).
pub(crate) fn restriction_on(
    image: &Image,
    a: StateCode,
    b: StateCode,
    view: View,
) -> Result<BTreeMap<StateCode, f64>, IndexError> {
    let day = view.as_of;
    let series = image.normalisation_index(a, b, day, day, day, Step::Days(1), view)?;
    Ok(series
        .points
        .first()
        .map(|p| p.sides.iter().map(|(s, v)| (*s, v.restriction)).collect())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> CivilDate {
        s.parse().unwrap()
    }

    #[test]
    fn steps_parse_and_print() {
        for s in ["month", "year", "7d", "1d"] {
            assert_eq!(s.parse::<Step>().unwrap().to_string(), s);
        }
        for bad in ["0d", "d", "weekly", "-1d", ""] {
            assert!(bad.parse::<Step>().is_err(), "{bad}");
        }
    }

    #[test]
    fn months_keep_the_day_or_take_the_last() {
        let dates = series_dates(d("2021-01-31"), d("2021-05-31"), Step::Month).unwrap();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "2021-01-31",
                "2021-02-28",
                "2021-03-31",
                "2021-04-30",
                "2021-05-31"
            ]
        );
        let years = series_dates(d("2020-02-29"), d("2024-03-01"), Step::Year).unwrap();
        assert_eq!(years.len(), 5);
        assert_eq!(years[1].to_string(), "2021-02-28");
        assert_eq!(years[4].to_string(), "2024-02-29");
    }

    #[test]
    fn bad_ranges_are_refused() {
        assert!(matches!(
            series_dates(d("2021-01-02"), d("2021-01-01"), Step::Year),
            Err(IndexError::EmptyRange { .. })
        ));
        assert_eq!(
            series_dates(d("2021-01-01"), d("2021-01-01"), Step::Days(0)),
            Err(IndexError::ZeroStep)
        );
        assert!(matches!(
            series_dates(d("2000-01-01"), d("2030-01-01"), Step::Days(1)),
            Err(IndexError::TooManyPoints {
                max: MAX_POINTS,
                ..
            })
        ));
        let most = series_dates(
            d("2000-01-01"),
            d("2000-01-01").add_days(1999),
            Step::Days(1),
        );
        assert_eq!(most.map(|v| v.len()), Ok(MAX_POINTS));
    }

    #[test]
    fn the_formula_names_every_weight() {
        let f = formula();
        for k in MeasureKind::ALL {
            assert!(f.contains(&format!("{k} {}", weight(*k))), "{k}");
        }
    }
}
