//! A figure across replications: its mean and the 10th–90th percentile band.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Band {
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
}

impl Band {
    /// From one value per replication; `scratch` is sorted in place (the caller's buffer, so
    /// that bands over long weekly series allocate nothing per figure). Empty input gives zeros.
    pub fn of(scratch: &mut [f64]) -> Band {
        if scratch.is_empty() {
            return Band {
                mean: 0.0,
                p10: 0.0,
                p90: 0.0,
            };
        }
        scratch.sort_by(f64::total_cmp);
        let mean = scratch.iter().sum::<f64>() / scratch.len() as f64;
        Band {
            mean,
            p10: percentile_sorted(scratch, 0.10),
            p90: percentile_sorted(scratch, 0.90),
        }
    }

    /// Builds a band from values produced by `f` for each replication result.
    pub fn across<T>(results: &[T], mut f: impl FnMut(&T) -> f64) -> Band {
        let mut v: Vec<f64> = results.iter().map(&mut f).collect();
        Band::of(&mut v)
    }
}

/// Linear interpolation between closest ranks (Hyndman & Fan type 7, the spreadsheet default).
pub fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_of_one_to_eleven() {
        let mut v: Vec<f64> = (1..=11).rev().map(f64::from).collect();
        let b = Band::of(&mut v);
        assert_eq!(b.mean, 6.0);
        assert_eq!(b.p10, 2.0);
        assert_eq!(b.p90, 10.0);
    }

    #[test]
    fn band_of_a_single_value_is_that_value() {
        assert_eq!(
            Band::of(&mut [3.5]),
            Band {
                mean: 3.5,
                p10: 3.5,
                p90: 3.5
            }
        );
    }
}
