//! Which days a post receives applicants for interviews: not its weekend, not its holidays.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    fn index(self) -> u32 {
        self as u32
    }
}

/// Day 0 of the simulation falls on `first_weekday`; `holidays` are day numbers (0-based, may
/// lie beyond the simulated days, where appointments are still booked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Calendar {
    #[serde(default = "monday")]
    pub first_weekday: Weekday,
    #[serde(default = "saturday_sunday")]
    pub weekend: Vec<Weekday>,
    #[serde(default)]
    pub holidays: Vec<u32>,
}

fn monday() -> Weekday {
    Weekday::Monday
}

fn saturday_sunday() -> Vec<Weekday> {
    vec![Weekday::Saturday, Weekday::Sunday]
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            first_weekday: monday(),
            weekend: saturday_sunday(),
            holidays: Vec::new(),
        }
    }
}

impl Calendar {
    /// Working or not for each of days 0..len.
    pub fn working_days(&self, len: usize) -> Vec<bool> {
        let mut weekend = [false; 7];
        for w in &self.weekend {
            weekend[w.index() as usize] = true;
        }
        let first = self.first_weekday.index() as usize;
        let mut days: Vec<bool> = (0..len).map(|d| !weekend[(first + d) % 7]).collect();
        for &h in &self.holidays {
            if let Some(day) = days.get_mut(h as usize) {
                *day = false;
            }
        }
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekends_and_holidays_are_closed() {
        let c = Calendar {
            first_weekday: Weekday::Thursday,
            holidays: vec![1, 500],
            ..Calendar::default()
        };
        // Thu, Fri (holiday), Sat, Sun, Mon.
        assert_eq!(c.working_days(5), vec![true, false, false, false, true]);
    }
}
