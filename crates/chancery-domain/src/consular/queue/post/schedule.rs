//! A figure that changes over time (officers on duty, demand per week): an initial value, then
//! changes, each reached at once or along a straight ramp ("30 local staff return over 90 days").

use serde::{Deserialize, Serialize};

use crate::consular::queue::error::QueueError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    pub initial: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// From day `from_day` the figure moves to `to`, reaching it after `over_days` days (0: at once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub from_day: u32,
    pub to: f64,
    #[serde(default)]
    pub over_days: u32,
}

impl Schedule {
    pub fn constant(value: f64) -> Schedule {
        Schedule {
            initial: value,
            changes: Vec::new(),
        }
    }

    /// Values must be finite and not negative; a change starts no earlier than the previous one
    /// ends, so ramps never overlap.
    pub fn check(&self, field: &'static str) -> Result<(), QueueError> {
        let bad = |message: String| QueueError::Invalid { field, message };
        if !(self.initial.is_finite() && self.initial >= 0.0) {
            return Err(bad(format!(
                "initial {} must be finite and >= 0",
                self.initial
            )));
        }
        let mut free_from = 0u64;
        for (i, c) in self.changes.iter().enumerate() {
            if !(c.to.is_finite() && c.to >= 0.0) {
                return Err(bad(format!(
                    "change {i}: `to` {} must be finite and >= 0",
                    c.to
                )));
            }
            if u64::from(c.from_day) < free_from {
                return Err(bad(format!(
                    "change {i} starts on day {} before the previous change ends (day {free_from})",
                    c.from_day
                )));
            }
            free_from = u64::from(c.from_day) + u64::from(c.over_days);
        }
        Ok(())
    }

    /// The value on each of days 0..len (a ramp moves a step each day and reaches `to` on day
    /// from_day + over_days).
    pub fn daily(&self, len: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(len);
        let mut value = self.initial;
        let mut changes = self.changes.iter().peekable();
        let mut ramp: Option<(f64, f64, u64, u64)> = None; // (from, to, start, over)
        for d in 0..len as u64 {
            while let Some(c) = changes.peek() {
                if u64::from(c.from_day) > d {
                    break;
                }
                ramp = Some((value, c.to, u64::from(c.from_day), u64::from(c.over_days)));
                changes.next();
            }
            if let Some((from, to, start, over)) = ramp {
                let done = d - start;
                if over == 0 || done >= over {
                    value = to;
                    ramp = None;
                } else {
                    value = from + (to - from) * done as f64 / over as f64;
                }
            }
            out.push(value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_then_a_ramp() {
        let s = Schedule {
            initial: 10.0,
            changes: vec![
                Change {
                    from_day: 2,
                    to: 4.0,
                    over_days: 0,
                },
                Change {
                    from_day: 4,
                    to: 7.0,
                    over_days: 3,
                },
            ],
        };
        s.check("officers").unwrap();
        assert_eq!(
            s.daily(9),
            vec![10.0, 10.0, 4.0, 4.0, 4.0, 5.0, 6.0, 7.0, 7.0]
        );
    }

    #[test]
    fn overlapping_or_negative_changes_are_refused() {
        let mut s = Schedule::constant(1.0);
        s.changes = vec![
            Change {
                from_day: 0,
                to: 2.0,
                over_days: 10,
            },
            Change {
                from_day: 5,
                to: 3.0,
                over_days: 0,
            },
        ];
        assert_eq!(s.check("officers").unwrap_err().field(), "officers");
        assert!(Schedule::constant(-1.0).check("officers").is_err());
    }
}
