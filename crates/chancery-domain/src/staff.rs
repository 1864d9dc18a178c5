//! What a staffing figure means on a given day: which report is a mission's headline figure, how
//! old it is, and whether something that must have changed it has happened since.
//!
//! Caps are read only as [`CapView`]s (what `presence` shows in force), and the events that
//! thin a mission as [`StaffEvent`]s, so the measure model can change behind these two types.

use serde::Serialize;

use crate::date::{CivilDate, Precision, ValidDate};
use crate::ids::MeasureId;
use crate::query::{CapView, MeasureView, ReportView};
use crate::vocab::{Bound, Counting, MeasureKind, StaffCategory, StaffFigure};

/// How wide a counting definition is: the headline is the latest report under the widest
/// definition reported. `all_staff` contains every other; `sending_state_staff` contains
/// `diplomatic`, `administrative_technical` and `service` (ranked in that order, the categories
/// of VCDR Art. 1). `diplomatic` ranks above `locally_employed` although neither contains the
/// other: local hires are what a ban removes and never describe the sending state's own
/// presence, so a local-staff count is a sub-count whenever anything else is reported.
pub fn breadth(c: Counting) -> u8 {
    match c {
        Counting::AllStaff => 5,
        Counting::SendingStateStaff => 4,
        Counting::Diplomatic => 3,
        Counting::AdministrativeTechnical => 2,
        Counting::Service => 1,
        Counting::LocallyEmployed => 0,
    }
}

/// Whether everyone counted under `narrow` is also counted under `wide`: only then does a cap
/// under `wide` bound a figure under `narrow`.
pub fn contains(wide: (Counting, bool), narrow: (Counting, bool)) -> bool {
    let io_ok = wide.1 || !narrow.1;
    io_ok
        && StaffCategory::ALL
            .iter()
            .all(|&c| !narrow.0.counts(c) || wide.0.counts(c))
}

/// Whether some staff are counted under both definitions: a cap or a ban on people a figure
/// does not count cannot have changed it.
fn overlap(a: Counting, b: Counting) -> bool {
    StaffCategory::ALL
        .iter()
        .any(|&c| a.counts(c) && b.counts(c))
}

/// The smallest headcount a reported figure allows ("about" is read as the figure itself, as
/// parity reads it).
fn least(value: u32, bound: Bound) -> u32 {
    match bound {
        Bound::Exact | Bound::About | Bound::AtLeast => value,
        Bound::MoreThan => value.saturating_add(1),
        Bound::AtMost => 0,
    }
}

/// An event that removes members of a mission on one day (an expulsion of `persons`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffEvent {
    pub measure: MeasureId,
    pub external_ref: Option<String>,
    pub date: ValidDate,
    pub persons: u32,
}

/// The expulsions among `measures` (the host's measures against one mission) that say how many
/// people had to leave.
pub fn expulsions(measures: &[MeasureView]) -> Vec<StaffEvent> {
    measures
        .iter()
        .filter(|m| m.kind == MeasureKind::Expulsion)
        .filter_map(|m| {
            let persons = m.magnitude.persons.filter(|n| *n > 0)?;
            Some(StaffEvent {
                measure: m.id.clone(),
                external_ref: m.external_ref.clone(),
                date: m.effective,
                persons,
            })
        })
        .collect()
}

/// A cap a report certainly exceeds although the cap was in force before the report's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AboveCap {
    pub measure: MeasureId,
    pub external_ref: Option<String>,
    pub cap: u32,
    pub counting: Counting,
    pub includes_io: bool,
}

/// What kind of event a figure predates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PredatedEvent {
    /// A cap below the figure that took effect after it was reported.
    LowerCap,
    /// A limit of zero on locally employed staff.
    LocalStaffBan,
    /// An expulsion of a number of members.
    Expulsion,
}

/// An event after a figure's date, on or before the view's date, that must have changed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Predates {
    pub event: PredatedEvent,
    pub measure: MeasureId,
    pub external_ref: Option<String>,
    /// When the cap took effect or the expulsion happened.
    pub since: ValidDate,
    /// For a cap or a ban: the most staff it allows, under `counting`.
    pub at_most: Option<u32>,
    /// For a cap or a ban: what it counts, which may not be what the figure counts.
    pub counting: Option<Counting>,
    /// For a cap or a ban: whether it counts everyone the figure counts, so that `at_most`
    /// bounds the figure's own definition.
    pub bounds_figure: bool,
    /// For an expulsion: how many had to leave.
    pub persons: Option<u32>,
    /// False when the report's period and the event's date overlap (a figure "2017-07" and a
    /// cap from 28 July 2017): the figure may predate it, the record cannot say.
    pub certain: bool,
}

/// Days from the last day of the report's period to `as_of`: the figure is at least this old;
/// 0 while its period has not ended.
pub fn age_days(date: ValidDate, as_of: CivilDate) -> i64 {
    date.latest().days_until(as_of).max(0)
}

/// The tightest cap in force since before the report's first day that the report's lowest
/// reading exceeds, under a counting that contains the report's. A cap in force on the view's
/// day and already on the report's was in force on the report's day too; a cap lifted since is
/// not in `caps`, so only a view on the report's date shows that one. A cap from the report's
/// own day is not counted: the report may describe the mission just before it.
pub fn above_cap(r: &ReportView, caps: &[CapView]) -> Option<AboveCap> {
    if !r.figure.is_headcount() {
        return None;
    }
    caps.iter()
        .filter(|c| c.since.latest() < r.date.earliest())
        .filter(|c| contains((c.counting, c.includes_io), (r.counting, r.includes_io)))
        .filter(|c| least(r.value, r.bound) > c.cap)
        .min_by_key(|c| c.cap)
        .map(|c| AboveCap {
            measure: c.measure.clone(),
            external_ref: c.external_ref.clone(),
            cap: c.cap,
            counting: c.counting,
            includes_io: c.includes_io,
        })
}

/// The caps in force and the expulsions after the report that must have changed it, by date. A
/// cap is one only if it is below the figure and counts some of the same people; an expulsion,
/// unless the figure counts local hires only (expelled members are sent staff). "After" is
/// "possibly after" (not certainly in force on the report's first day), marked `certain: false`
/// when the dates overlap, so that every cap below a figure is either predated or exceeded
/// ([`above_cap`]), never silently neither.
pub fn predates(r: &ReportView, caps: &[CapView], events: &[StaffEvent]) -> Vec<Predates> {
    // Staff let go stay let go: nothing later changes that figure.
    if !r.figure.is_headcount() {
        return Vec::new();
    }
    // An event on the report's own day may come before or after what the report counted.
    let after = |d: ValidDate| d.latest() >= r.date.earliest();
    let certain = |d: ValidDate| d.earliest() > r.date.latest();
    let mut out: Vec<Predates> = caps
        .iter()
        .filter(|c| after(c.since) && c.cap < r.value && overlap(c.counting, r.counting))
        .map(|c| Predates {
            event: if c.cap == 0 && c.counting == Counting::LocallyEmployed {
                PredatedEvent::LocalStaffBan
            } else {
                PredatedEvent::LowerCap
            },
            measure: c.measure.clone(),
            external_ref: c.external_ref.clone(),
            since: c.since,
            at_most: Some(c.cap),
            counting: Some(c.counting),
            bounds_figure: contains((c.counting, c.includes_io), (r.counting, r.includes_io)),
            persons: None,
            certain: certain(c.since),
        })
        .collect();
    if r.counting != Counting::LocallyEmployed {
        out.extend(events.iter().filter(|e| after(e.date)).map(|e| Predates {
            event: PredatedEvent::Expulsion,
            measure: e.measure.clone(),
            external_ref: e.external_ref.clone(),
            since: e.date,
            at_most: None,
            counting: None,
            bounds_figure: false,
            persons: Some(e.persons),
            certain: certain(e.date),
        }));
    }
    out.sort_by_key(|p| p.since);
    out
}

/// What the headline rule reads of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// For the whole mission (no posts named).
    pub whole: bool,
    pub counting: Counting,
    pub figure: StaffFigure,
}

/// The headline figure and the sub-counts among reports with `keys` (in the view's order: by
/// date, then as recorded), as indices. The headline is a whole-mission headcount under the
/// widest counting reported, the latest of those; the sub-counts are the latest report of every
/// other counting for the whole mission, then the latest of every counting for some posts only,
/// if it is later than the headline (a later figure for the whole mission already covers those
/// posts). A report for some posts is never the headline: it says nothing of the rest of the
/// mission; nor is a figure of staff let go, which comes after the headcounts, grouped the same
/// way.
pub fn pick(keys: &[Key]) -> (Option<usize>, Vec<usize>) {
    let headline = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.whole && k.figure.is_headcount())
        .max_by_key(|(i, k)| (breadth(k.counting), *i))
        .map(|(i, _)| i);
    // The latest of each group (whole mission or not, counting, figure), headline's left out.
    let mut latest: Vec<usize> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if headline.is_some_and(|h| keys[h] == *k || (!k.whole && i < h)) {
            continue;
        }
        match latest.iter_mut().find(|j| keys[**j] == *k) {
            Some(j) => *j = i,
            None => latest.push(i),
        }
    }
    latest.sort_by_key(|&i| {
        let k = keys[i];
        (
            !k.figure.is_headcount(),
            !k.whole,
            std::cmp::Reverse(breadth(k.counting)),
        )
    });
    (headline, latest)
}

/// A figure's age in words, from its date and [`age_days`]: days under two months, then months
/// under two years, then years; "reported within 2021-08" while its month or year has not ended.
pub fn age_text(date: ValidDate, age_days: i64) -> String {
    if age_days == 0 && date.precision() != Precision::Day {
        return format!("reported within {date}");
    }
    days_text(age_days)
}

fn days_text(days: i64) -> String {
    match days {
        0 => "reported that day".to_owned(),
        1 => "1 day old".to_owned(),
        d if d < 61 => format!("{d} days old"),
        d if d < 730 => format!("{} months old", d * 12 / 365),
        d => format!("{} years old", d / 365),
    }
}

/// A predating event in words, with the bound a cap implies: "predates the 455 cap in force
/// since 2017-09-01 (R012): at most 455 (all staff) since".
pub fn predates_text(p: &Predates) -> String {
    let by = p.external_ref.as_deref().unwrap_or(p.measure.as_str());
    let verb = if p.certain { "predates" } else { "may predate" };
    match (p.event, p.at_most, p.counting) {
        (PredatedEvent::Expulsion, _, _) => format!(
            "{verb} the expulsion of {} on {} ({by})",
            p.persons.unwrap_or(0),
            p.since
        ),
        (PredatedEvent::LocalStaffBan, _, _) => format!(
            "{verb} the ban on local staff in force since {} ({by}): no local staff since",
            p.since
        ),
        (_, Some(cap), Some(counting)) => format!(
            "{verb} the {cap} cap in force since {} ({by}): at most {cap} {} since{}",
            p.since,
            counting.as_str().replace('_', " "),
            if p.bounds_figure {
                ""
            } else {
                ", under that cap's counting, not this figure's"
            }
        ),
        _ => format!("{verb} {by}, in force since {}", p.since),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_definitions_contain_narrower_ones() {
        use Counting::*;
        assert!(contains((AllStaff, false), (SendingStateStaff, false)));
        assert!(contains((SendingStateStaff, false), (Diplomatic, false)));
        assert!(contains((AllStaff, false), (LocallyEmployed, false)));
        assert!(!contains(
            (SendingStateStaff, false),
            (LocallyEmployed, false)
        ));
        assert!(!contains((Diplomatic, false), (SendingStateStaff, false)));
        // A figure counting a UN mission is not bounded by a cap that leaves it out.
        assert!(!contains((AllStaff, false), (AllStaff, true)));
        assert!(contains((AllStaff, true), (AllStaff, false)));
    }

    #[test]
    fn breadth_orders_every_definition_once() {
        let mut ranks: Vec<u8> = Counting::ALL.iter().map(|c| breadth(*c)).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), Counting::ALL.len());
        assert!(breadth(Counting::AllStaff) > breadth(Counting::SendingStateStaff));
        assert!(breadth(Counting::Diplomatic) > breadth(Counting::LocallyEmployed));
    }

    #[test]
    fn ages_read_in_days_months_then_years() {
        assert_eq!(days_text(0), "reported that day");
        assert_eq!(days_text(45), "45 days old");
        assert_eq!(days_text(200), "6 months old");
        assert_eq!(days_text(4 * 365 + 1), "4 years old");
        let month: ValidDate = "2021-08".parse().unwrap();
        let day = |s: &str| s.parse::<CivilDate>().unwrap();
        let age = |on: &str| age_text(month, age_days(month, day(on)));
        assert_eq!(age("2021-08-15"), "reported within 2021-08");
        assert_eq!(age("2021-09-10"), "10 days old");
    }

    #[test]
    fn the_least_reading_of_a_figure() {
        assert_eq!(least(10, Bound::MoreThan), 11);
        assert_eq!(least(10, Bound::AtMost), 0);
        assert_eq!(least(10, Bound::About), 10);
    }
}
