//! Working days of a post: weekends, and the public holidays of the states whose calendars it
//! keeps, as data with their legal source.
//!
//! A post closes on the host's public holidays and on the sending state's (US missions publish
//! one holiday schedule of both American and local holidays, e.g. the US Embassy in Moscow's
//! "Holiday Schedule" page); that is the assumption [`working_days`] makes, and it says so.
//! States whose holidays are not in the data count weekends only, and the answer says which.
//! Days a government moves by decree (Russia's yearly transfers of days off) are not modelled.

use serde::Serialize;

use crate::date::CivilDate;
use crate::ids::StateCode;

/// Monday 0 … Sunday 6. 1970-01-01, day 0, was a Thursday.
pub fn weekday(d: CivilDate) -> u32 {
    u32::try_from((d.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
}

/// Where a state's holidays come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidaySource {
    pub state: &'static str,
    pub law: &'static str,
    /// The first year the rule holds in this form.
    pub from_year: i32,
}

pub const SOURCES: &[HolidaySource] = &[
    HolidaySource {
        state: "RU",
        law: "Labour Code of the Russian Federation, Art. 112 (as amended by Federal Law 35-FZ of 23 April 2012): 1-6 and 8 January (New Year holidays), 7 January, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November",
        from_year: 2013,
    },
    HolidaySource {
        state: "US",
        law: "5 U.S.C. 6103(a), with the Saturday/Sunday rule of 6103(b) and Executive Order 11582: New Year's Day, Birthday of Martin Luther King Jr. (third Monday of January), Washington's Birthday (third Monday of February), Memorial Day (last Monday of May), Juneteenth (19 June, from 2021), Independence Day, Labor Day (first Monday of September), Columbus Day (second Monday of October), Veterans Day, Thanksgiving (fourth Thursday of November), Christmas Day",
        from_year: 1986,
    },
];

fn day(y: i32, m: u32, d: u32) -> Option<CivilDate> {
    CivilDate::from_ymd(y, m, d)
}

/// The `n`th (1-based) `wd` weekday of a month; `n = 0` for the last.
fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<CivilDate> {
    if n == 0 {
        let next = if m == 12 {
            day(y + 1, 1, 1)
        } else {
            day(y, m + 1, 1)
        }?;
        let last = next.add_days(-1);
        let back = (weekday(last) + 7 - wd) % 7;
        return Some(last.add_days(-i32::try_from(back).ok()?));
    }
    let first = day(y, m, 1)?;
    let ahead = (wd + 7 - weekday(first)) % 7;
    Some(first.add_days(i32::try_from(ahead + 7 * (n - 1)).ok()?))
}

/// A fixed-date federal holiday on a weekend is observed on the Friday before or the Monday
/// after (5 U.S.C. 6103(b)).
fn observed(d: CivilDate) -> CivilDate {
    match weekday(d) {
        5 => d.add_days(-1),
        6 => d.add_days(1),
        _ => d,
    }
}

/// A state's public holidays in `year`, or `None` when the data does not cover it.
pub fn public_holidays(state: StateCode, year: i32) -> Option<Vec<CivilDate>> {
    let source = SOURCES.iter().find(|s| s.state == state.as_str())?;
    if year < source.from_year {
        return None;
    }
    let mut out: Vec<CivilDate> = match source.state {
        "RU" => [
            (1, 1),
            (1, 2),
            (1, 3),
            (1, 4),
            (1, 5),
            (1, 6),
            (1, 7),
            (1, 8),
            (2, 23),
            (3, 8),
            (5, 1),
            (5, 9),
            (6, 12),
            (11, 4),
        ]
        .iter()
        .filter_map(|(m, d)| day(year, *m, *d))
        .flat_map(|d| {
            // Art. 112 part 2: a holiday outside the January days falling on a Saturday or a
            // Sunday moves to the next working day (the January days are moved by decree,
            // which is not modelled).
            let moved = match (d.ymd().1, weekday(d)) {
                (1, _) => None,
                (_, 5) => Some(d.add_days(2)),
                (_, 6) => Some(d.add_days(1)),
                _ => None,
            };
            std::iter::once(d).chain(moved)
        })
        .collect(),
        "US" => {
            let mut fixed = vec![(1, 1), (7, 4), (11, 11), (12, 25)];
            if year >= 2021 {
                fixed.push((6, 19));
            }
            let mut v: Vec<CivilDate> = fixed
                .iter()
                .filter_map(|(m, d)| day(year, *m, *d).map(observed))
                .collect();
            v.extend(
                [
                    (1, 0, 3),
                    (2, 0, 3),
                    (5, 0, 0),
                    (9, 0, 1),
                    (10, 0, 2),
                    (11, 3, 4),
                ]
                .iter()
                .filter_map(|(m, wd, n)| nth_weekday(year, *m, *wd, *n)),
            );
            v
        }
        _ => return None,
    };
    out.sort();
    out.dedup();
    Some(out)
}

/// Working days of a post of `sending` in `host` from `from` to `to` (both included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkingDays {
    pub days: u32,
    /// Weekdays lost to public holidays.
    pub holidays: u32,
    /// States whose holidays the data does not hold for some year of the range: only weekends
    /// were taken off for them.
    pub calendars_missing: Vec<StateCode>,
}

pub fn working_days(
    sending: StateCode,
    host: StateCode,
    from: CivilDate,
    to: CivilDate,
) -> WorkingDays {
    let mut holidays: Vec<CivilDate> = Vec::new();
    let mut missing = Vec::new();
    let (first, last) = (from.ymd().0, to.ymd().0);
    for state in [host, sending] {
        // The next year too: a New Year's Day on a Saturday is observed on 31 December.
        for year in first..=last.saturating_add(1) {
            match public_holidays(state, year) {
                Some(days) => holidays.extend(days),
                None if year > last => {}
                None => {
                    if !missing.contains(&state) {
                        missing.push(state);
                    }
                }
            }
        }
    }
    holidays.sort();
    holidays.dedup();
    let (mut days, mut off) = (0u32, 0u32);
    let mut d = from;
    while d <= to {
        if weekday(d) < 5 {
            if holidays.binary_search(&d).is_ok() {
                off += 1;
            } else {
                days += 1;
            }
        }
        d = d.add_days(1);
    }
    WorkingDays {
        days,
        holidays: off,
        calendars_missing: missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> CivilDate {
        s.parse().expect("a day")
    }

    fn st(s: &str) -> StateCode {
        s.parse().expect("a code")
    }

    #[test]
    fn weekdays_are_counted_from_a_known_thursday() {
        assert_eq!(weekday(d("1970-01-01")), 3);
        assert_eq!(weekday(d("2025-09-06")), 5, "a Saturday");
        assert_eq!(weekday(d("2021-08-02")), 0, "a Monday");
    }

    #[test]
    fn us_holidays_follow_the_statute() {
        let h = public_holidays(st("US"), 2021).unwrap();
        let has = |s: &str| h.contains(&d(s));
        assert!(has("2021-01-18"), "King's birthday, third Monday");
        assert!(has("2021-05-31"), "Memorial Day, last Monday");
        assert!(
            has("2021-06-18"),
            "Juneteenth on a Saturday, observed Friday"
        );
        assert!(
            has("2021-07-05"),
            "Independence Day on a Sunday, observed Monday"
        );
        assert!(has("2021-11-25"), "Thanksgiving, fourth Thursday");
        assert!(
            has("2021-12-24"),
            "Christmas on a Saturday, observed Friday"
        );
        assert_eq!(h.len(), 11);
        assert!(!public_holidays(st("US"), 2020)
            .unwrap()
            .contains(&d("2020-06-19")));
        // New Year's Day 2022 fell on a Saturday: observed on Friday 31 December 2021.
        let w = working_days(st("US"), st("US"), d("2021-12-27"), d("2021-12-31"));
        assert_eq!((w.days, w.holidays), (4, 1));
    }

    #[test]
    fn russian_holidays_follow_the_labour_code() {
        let h = public_holidays(st("RU"), 2022).unwrap();
        // Fourteen days, and the Mondays after 1 May and 12 June, both Sundays (Art. 112
        // part 2).
        assert_eq!(h.len(), 16);
        assert!(h.contains(&d("2022-05-02")));
        assert!(h.contains(&d("2022-06-13")));
        assert!(h.contains(&d("2022-06-12")));
        assert_eq!(
            public_holidays(st("RU"), 2012),
            None,
            "before the rule in this form"
        );
        assert_eq!(public_holidays(st("PL"), 2022), None, "not in the data");
    }

    #[test]
    fn a_week_loses_weekends_and_both_calendars_holidays() {
        // Mon 1 Nov 2021 to Sun 7 Nov: Russia's 4 November falls on the Thursday.
        let w = working_days(st("US"), st("RU"), d("2021-11-01"), d("2021-11-07"));
        assert_eq!((w.days, w.holidays), (4, 1));
        // Thanksgiving week for a US post in Russia.
        let w = working_days(st("US"), st("RU"), d("2021-11-22"), d("2021-11-28"));
        assert_eq!((w.days, w.holidays), (4, 1));
        let w = working_days(st("US"), st("PL"), d("2021-11-22"), d("2021-11-28"));
        assert_eq!(w.calendars_missing, vec![st("PL")]);
    }
}
