//! Dates the record finds implausible: an act long before its relation's record begins, or
//! before 1900, is most often a typing slip (1850 for 1985) that would stretch every chart and
//! every "since" back a century. Such a date stands only with the author's explicit
//! `date_confirmed`. Acts far in the future are refused outright by `rules::check_horizon`,
//! confirmed or not: a date there could block the other party's real acts.

use crate::access::Reader;
use crate::act::Act;
use crate::date::CivilDate;
use crate::ids::{MissionKey, RelationKey};
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};

use super::timeline::{Stamped, View};
use super::Image;

/// No act is dated before this year without confirmation, whatever its relation: modern
/// diplomatic records (and this one's sources) start well after it.
pub const PLAUSIBLE_FROM_YEAR: i32 = 1900;

/// How many years before the earliest act of its relation an act may be dated without
/// confirmation: room for a post opened, or a head of mission arrived, some years before the
/// record's first event, but not for a slip of decades.
pub const RECORD_LEAD_YEARS: i32 = 10;

/// The same day `years` later (28 February for 29 February in a year without one).
fn years_later(day: CivilDate, years: i32) -> CivilDate {
    let (y, m, d) = day.ymd();
    CivilDate::from_ymd(y + years, m, d)
        .or_else(|| CivilDate::from_ymd(y + years, m, 28))
        .unwrap_or(day)
}

/// The first day of the first event of `events` that `view` knows (timelines are sorted).
fn first_known<E>(events: &[Stamped<E>], view: View) -> Option<CivilDate> {
    events
        .iter()
        .find(|e| view.knows(e))
        .map(|e| e.date.earliest())
}

impl Image {
    /// Refuses, unless the act says `date_confirmed`, a date wholly before
    /// [`PLAUSIBLE_FROM_YEAR`] or wholly more than [`RECORD_LEAD_YEARS`] before the first
    /// event of the act's relation that its readers may see. A relation with nothing recorded
    /// yet has no beginning to compare with. Imprecise dates get the benefit of their whole
    /// period.
    pub(super) fn check_plausible_date(
        &self,
        act: &Act,
        reader: Reader,
    ) -> Result<(), RuleViolation> {
        if act.envelope.date_confirmed {
            return Ok(());
        }
        let date = act.envelope.date;
        let last_day = date.latest();
        let refuse = |why: String, said: RefusalSaid| {
            Err(RuleViolation::new(
                RuleCode::ImplausibleDate,
                format!(
                    "{} is dated {date}, {why}; if the date is right, say so with `date_confirmed`",
                    act.kind()
                ),
            )
            .field("date")
            .said(said))
        };
        let floor = CivilDate::from_ymd(PLAUSIBLE_FROM_YEAR, 1, 1);
        if floor.is_some_and(|floor| last_day < floor) {
            let said = RefusalSaid::DateBeforeYear {
                date,
                year: PLAUSIBLE_FROM_YEAR,
            };
            return refuse(format!("before {PLAUSIBLE_FROM_YEAR}"), said);
        }
        let Some(relation) = self.relation_of(&act.body).filter(|r| {
            let (a, b) = r.states();
            a != b
        }) else {
            return Ok(());
        };
        // An earliest event within the lead is enough: stop at the first one found, so the
        // usual act (dated after the record began) costs one look per timeline at most.
        let near = years_later(last_day, RECORD_LEAD_YEARS);
        let mut earliest: Option<CivilDate> = None;
        for day in self.first_events(relation, View::everything_for(reader)) {
            if day <= near {
                return Ok(());
            }
            earliest = Some(earliest.map_or(day, |e| e.min(day)));
        }
        match earliest {
            Some(first) => refuse(
                format!(
                    "more than {RECORD_LEAD_YEARS} years before the record of {relation} begins ({first})"
                ),
                RefusalSaid::DateBeforeRecord {
                    date,
                    years: RECORD_LEAD_YEARS,
                    first,
                },
            ),
            None => Ok(()),
        }
    }

    /// The first day of every timeline of `relation` that `view` knows anything of, lazily.
    fn first_events(
        &self,
        relation: RelationKey,
        view: View,
    ) -> impl Iterator<Item = CivilDate> + '_ {
        let (a, b) = relation.states();
        let missions = [(a, b), (b, a)]
            .into_iter()
            .filter_map(|(sending, host)| self.missions.get(&MissionKey { sending, host }));
        let of_missions = missions.flat_map(move |m| {
            let posts = m
                .posts
                .iter()
                .filter_map(move |id| first_known(&self.posts.get(id)?.events, view));
            let premises = m
                .premises
                .iter()
                .filter_map(move |id| first_known(&self.premises.get(id)?.events, view));
            let members = m
                .members
                .iter()
                .filter_map(move |id| first_known(&self.members.get(id)?.events, view));
            posts
                .chain(premises)
                .chain(first_known(&m.heads, view))
                .chain(first_known(&m.reports, view))
                .chain(members)
        });
        let of_relation = self
            .relations
            .get(&relation)
            .into_iter()
            .flat_map(move |r| {
                let measures = r
                    .measures
                    .iter()
                    .filter_map(move |id| first_known(&self.measures.get(id)?.events, view));
                let commitments = r
                    .commitments
                    .iter()
                    .filter_map(move |id| first_known(&self.commitments.get(id)?.events, view));
                measures
                    .chain(first_known(&r.talks, view))
                    .chain(commitments)
            });
        of_missions.chain(of_relation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_years_later_is_the_same_day_or_the_last_of_february() {
        let d = |y, m, d| CivilDate::from_ymd(y, m, d).unwrap();
        assert_eq!(years_later(d(2013, 4, 5), 10), d(2023, 4, 5));
        assert_eq!(years_later(d(2012, 2, 29), 10), d(2022, 2, 28));
    }
}
