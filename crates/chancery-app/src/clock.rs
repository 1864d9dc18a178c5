//! The wall clock, read in one place: transaction times and "today" for the horizon check.

use std::time::{SystemTime, UNIX_EPOCH};

use chancery_domain::CivilDate;

pub fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

pub fn today() -> CivilDate {
    CivilDate::from_unix_micros(now_micros())
}
