//! Civil dates and valid-time dates that carry their precision.
//!
//! Public records often give only a month or a year ("2014", "2020-03"). A [`ValidDate`] keeps that
//! precision so nothing downstream invents a day; for ordering it counts from the first day of its
//! period (see docs/scenario-format.md).

use std::fmt;
use std::num::NonZeroU8;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::iso8601::{Config, EncodedConfig, TimePrecision};
use time::format_description::well_known::Iso8601;
use time::{Date, Month, UtcDateTime};

/// A proleptic Gregorian calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct CivilDate(i32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid date: {reason}")]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

const MIN_YEAR: i32 = 1000;
const MAX_YEAR: i32 = 9999;

/// The Julian day number of 1970-01-01: the calendar crate counts days from there, we from 1970.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

fn month_of(month: u32) -> Option<Month> {
    u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
}

impl CivilDate {
    /// Builds a date from year, month and day, or `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        let date =
            Date::from_calendar_date(year, month_of(month)?, u8::try_from(day).ok()?).ok()?;
        Some(CivilDate(date.to_julian_day() - UNIX_EPOCH_JULIAN_DAY))
    }

    /// The calendar crate's date. Only days far outside the years any parser accepts (the crate
    /// stops at ±9999) fall beyond it; they read as its first or last day rather than panic.
    fn calendar(self) -> Date {
        let beyond = if self.0 < 0 { Date::MIN } else { Date::MAX };
        self.0
            .checked_add(UNIX_EPOCH_JULIAN_DAY)
            .and_then(|julian| Date::from_julian_day(julian).ok())
            .unwrap_or(beyond)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let (year, month, day) = self.calendar().to_calendar_date();
        (year, u32::from(u8::from(month)), u32::from(day))
    }

    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    pub fn from_days_since_epoch(days: i32) -> Self {
        CivilDate(days)
    }

    /// The UTC day of a Unix timestamp in microseconds.
    pub fn from_unix_micros(micros: i64) -> Self {
        let days = micros.div_euclid(86_400_000_000);
        CivilDate(days as i32)
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: CivilDate) -> i64 {
        i64::from(later.0) - i64::from(self.0)
    }

    pub fn add_days(self, days: i32) -> Self {
        CivilDate(self.0 + days)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for CivilDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match ValidDate::from_str(s)? {
            ValidDate {
                precision: Precision::Day,
                first,
            } => Ok(first),
            _ => Err(DateError {
                input: s.to_owned(),
                reason: "expected a full date YYYY-MM-DD",
            }),
        }
    }
}

/// Dates travel as their text, read back with the same parser (and errors) as any input.
macro_rules! serde_as_text {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}

serde_as_text!(CivilDate, ValidDate);

/// How much of a date the sources give.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    /// A meteorological season of the northern hemisphere: three whole months (see
    /// [`ValidDate::season`]).
    Season,
    /// A calendar quarter: three whole months from January, April, July or October.
    Quarter,
    Month,
    Day,
}

/// The meteorological seasons of the northern hemisphere, by the month each begins in. Winter is
/// named by the year it begins in: `winter 2025` is December 2025 to February 2026.
const SEASONS: [(&str, u32); 4] = [("spring", 3), ("summer", 6), ("autumn", 9), ("winter", 12)];

/// A valid-time date: a day, a month or a year, as precise as the sources allow.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ValidDate {
    first: CivilDate,
    precision: Precision,
}

impl ValidDate {
    pub fn day(date: CivilDate) -> Self {
        ValidDate {
            first: date,
            precision: Precision::Day,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        CivilDate::from_ymd(year, month, 1).map(|first| ValidDate {
            first,
            precision: Precision::Month,
        })
    }

    pub fn year(year: i32) -> Option<Self> {
        CivilDate::from_ymd(year, 1, 1).map(|first| ValidDate {
            first,
            precision: Precision::Year,
        })
    }

    /// A calendar quarter, 1 to 4.
    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        CivilDate::from_ymd(year, quarter * 3 - 2, 1).map(|first| ValidDate {
            first,
            precision: Precision::Quarter,
        })
    }

    /// A northern-hemisphere meteorological season by name (`spring`, `summer`, `autumn`,
    /// `winter`): March–May, June–August, September–November, December–February. Winter is
    /// named by the year it begins in.
    pub fn season(year: i32, name: &str) -> Option<Self> {
        let (_, month) = SEASONS.iter().find(|(n, _)| *n == name)?;
        CivilDate::from_ymd(year, *month, 1).map(|first| ValidDate {
            first,
            precision: Precision::Season,
        })
    }

    /// The first day of the period: the day the act counts from.
    pub fn earliest(self) -> CivilDate {
        self.first
    }

    /// The last day of the period.
    pub fn latest(self) -> CivilDate {
        let (year, month, _) = self.first.calendar().to_calendar_date();
        let months = |n: u8| {
            // The lengths of `n` months from the first, across a year's end (winter).
            (0..n)
                .map(|k| {
                    let index = u8::from(month) - 1 + k;
                    let (y, m) = (year + i32::from(index / 12), index % 12 + 1);
                    Month::try_from(m).map_or(30, |m| u16::from(m.length(y)))
                })
                .sum::<u16>()
        };
        let days = match self.precision {
            Precision::Day => 1,
            Precision::Month => months(1),
            Precision::Quarter | Precision::Season => months(3),
            Precision::Year => time::util::days_in_year(year),
        };
        self.first.add_days(i32::from(days) - 1)
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    /// True when `self` is certainly after `other`: every day of `self` follows every day of `other`.
    pub fn certainly_after(self, other: ValidDate) -> bool {
        self.earliest() > other.latest()
    }
}

impl PartialOrd for ValidDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ValidDate {
    /// Orders by first day; at the same first day the vaguer date sorts first, so that "2020"
    /// precedes "2020-01-01", which keeps the order total and stable.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.first
            .cmp(&other.first)
            .then(self.precision.cmp(&other.precision))
    }
}

impl fmt::Display for ValidDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, _) = self.first.ymd();
        match self.precision {
            Precision::Day => write!(f, "{}", self.first),
            Precision::Month => write!(f, "{y:04}-{m:02}"),
            Precision::Year => write!(f, "{y:04}"),
            Precision::Quarter => write!(f, "{y:04}-Q{}", (m - 1) / 3 + 1),
            Precision::Season => {
                let name = SEASONS
                    .iter()
                    .find(|(_, start)| *start == m)
                    .map_or("season", |(n, _)| n);
                write!(f, "{name} {y:04}")
            }
        }
    }
}

impl FromStr for ValidDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| DateError {
            input: s.to_owned(),
            reason,
        };
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if let Some((name, y)) = s.split_once(' ') {
            if !digits(y, 4) || !SEASONS.iter().any(|(n, _)| *n == name) {
                return Err(err(
                    "expected a season as `spring|summer|autumn|winter YYYY`",
                ));
            }
            let year = y.parse::<i32>().unwrap_or(0);
            return ValidDate::season(year, name).ok_or_else(|| err("year out of range 1000-9999"));
        }
        if let Some((y, q)) = s.split_once("-Q") {
            if !digits(y, 4) || !digits(q, 1) {
                return Err(err("expected a quarter as YYYY-Qn"));
            }
            let year = y.parse::<i32>().unwrap_or(0);
            return ValidDate::quarter(year, q.parse().unwrap_or(0))
                .ok_or_else(|| err("expected a quarter YYYY-Q1 to YYYY-Q4, year 1000-9999"));
        }
        let parts: Vec<&str> = s.split('-').collect();
        let shape_ok = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(err(
                "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or a season `summer YYYY`",
            ));
        }
        let num = |p: &str| p.parse::<u32>().unwrap_or(0);
        let year = num(parts[0]) as i32;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(err("year out of range 1000-9999"));
        }
        match parts.as_slice() {
            [_] => ValidDate::year(year).ok_or_else(|| err("no such year")),
            [_, m] => ValidDate::month(year, num(m)).ok_or_else(|| err("no such month")),
            [_, m, d] => CivilDate::from_ymd(year, num(m), num(d))
                .map(ValidDate::day)
                .ok_or_else(|| err("no such day")),
            _ => Err(err(
                "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or a season `summer YYYY`",
            )),
        }
    }
}

/// RFC 3339 as ISO 8601 with four-digit years, always six fractional digits and `Z`.
const RFC3339_MICROS: EncodedConfig = Config::DEFAULT
    .set_year_is_six_digits(false)
    .set_time_precision(TimePrecision::Second {
        decimal_digits: NonZeroU8::new(6),
    })
    .encode();

/// Formats Unix microseconds as an RFC 3339 UTC timestamp with microseconds.
///
/// Timestamps come from the recording clock; one outside years 0-9999 cannot be written in
/// RFC 3339, so it is shown as the raw count rather than a made-up instant.
pub fn format_timestamp(micros: i64) -> String {
    UtcDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|t| t.format(&Iso8601::<RFC3339_MICROS>).ok())
        .unwrap_or_else(|| format!("{micros} µs after 1970-01-01T00:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in ["2014", "2020-03", "2021-09-15", "2000-02-29"] {
            let d: ValidDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for s in [
            "2014-13",
            "2019-02-29",
            "14",
            "2014-1-01",
            "2014/01/01",
            "",
            "0999",
            "2014-00",
        ] {
            assert!(s.parse::<ValidDate>().is_err(), "{s} should be refused");
        }
    }

    #[test]
    fn periods_have_first_and_last_days() {
        let m: ValidDate = "2020-02".parse().unwrap();
        assert_eq!(m.earliest().to_string(), "2020-02-01");
        assert_eq!(m.latest().to_string(), "2020-02-29");
        let y: ValidDate = "2021".parse().unwrap();
        assert_eq!(y.latest().to_string(), "2021-12-31");
    }

    #[test]
    fn quarters_and_seasons_parse_print_and_span_three_months() {
        for (s, first, last) in [
            ("2025-Q1", "2025-01-01", "2025-03-31"),
            ("2025-Q3", "2025-07-01", "2025-09-30"),
            ("2024-Q4", "2024-10-01", "2024-12-31"),
            ("spring 2025", "2025-03-01", "2025-05-31"),
            ("summer 2025", "2025-06-01", "2025-08-31"),
            ("autumn 2025", "2025-09-01", "2025-11-30"),
            // Winter is named by the year it begins in, and ends in a leap February here.
            ("winter 2023", "2023-12-01", "2024-02-29"),
            ("winter 2024", "2024-12-01", "2025-02-28"),
        ] {
            let d: ValidDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
            assert_eq!(d.earliest().to_string(), first, "{s}");
            assert_eq!(d.latest().to_string(), last, "{s}");
        }
        for s in [
            "2025-Q0",
            "2025-Q5",
            "2025-Q",
            "25-Q1",
            "Summer 2025",
            "summer 25",
            "fall 2025",
            "summer  2025",
            "summer 0999",
        ] {
            assert!(s.parse::<ValidDate>().is_err(), "{s} should be refused");
        }
    }

    #[test]
    fn certainly_after_only_when_periods_do_not_overlap() {
        let sep: ValidDate = "2021-09".parse().unwrap();
        let mid: ValidDate = "2021-09-15".parse().unwrap();
        let oct: ValidDate = "2021-10-01".parse().unwrap();
        assert!(!mid.certainly_after(sep));
        assert!(!sep.certainly_after(mid));
        assert!(oct.certainly_after(sep));
        assert!(!sep.certainly_after(oct));
    }

    #[test]
    fn timestamps_format_in_utc() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            format_timestamp(1_700_000_000_123_456),
            "2023-11-14T22:13:20.123456Z"
        );
    }

    /// The edges the calendar crate must agree with: before 1970, the last representable
    /// instant and day, and a leap year's length.
    #[test]
    fn edges_match_the_hand_written_calendar_they_replaced() {
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59.999999Z");
        assert_eq!(
            format_timestamp(253_402_300_799_999_999),
            "9999-12-31T23:59:59.999999Z"
        );
        let last = CivilDate::from_ymd(9999, 12, 31).unwrap();
        assert_eq!(last.days_since_epoch(), 2_932_896);
        assert_eq!(last.to_string(), "9999-12-31");
        assert_eq!(
            CivilDate::from_ymd(1000, 1, 1).unwrap().days_since_epoch(),
            -354_285
        );
        let leap: ValidDate = "2000".parse().unwrap();
        assert_eq!(leap.earliest().days_until(leap.latest()), 365);
    }

    proptest! {
        #[test]
        fn civil_days_round_trip(days in -300_000i32..2_900_000) {
            let d = CivilDate(days);
            let (y, m, dd) = d.ymd();
            if (MIN_YEAR..=MAX_YEAR).contains(&y) {
                prop_assert_eq!(CivilDate::from_ymd(y, m, dd), Some(d));
                prop_assert_eq!(d.to_string().parse::<CivilDate>().unwrap(), d);
            }
        }
    }
}
