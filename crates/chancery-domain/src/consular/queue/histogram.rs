//! Quantiles of waits without storing every wait: a log-linear histogram in the manner of HDR
//! histograms, keyed on the bits of the f64 (exponent and the top mantissa bits), so a sample
//! costs a shift and an increment and the memory is fixed whatever the number of applicants.

/// Mantissa bits kept per binary order of magnitude: bins are 2^-7 (0.8%) wide relative to
/// their value, the precision of the quantiles reported.
const SUB_BITS: u32 = 7;
/// Waits below 2^MIN_EXP days (about 7 ms) count as the smallest positive bin; above 2^MAX_EXP
/// days (about 2.9 million years) as the largest.
const MIN_EXP: i32 = -33;
const MAX_EXP: i32 = 30;
const BINS: usize = ((MAX_EXP - MIN_EXP) as usize) << SUB_BITS;

fn key(x: f64) -> u64 {
    x.to_bits() >> (52 - SUB_BITS)
}

/// Waits (non-negative): exact zeros, positive waits by bin, and the exact sum for the mean.
#[derive(Clone, Debug)]
pub struct WaitHistogram {
    zeros: u64,
    count: u64,
    sum: f64,
    bins: Vec<u64>,
    base: u64,
}

impl Default for WaitHistogram {
    fn default() -> Self {
        Self::new()
    }
}

impl WaitHistogram {
    pub fn new() -> Self {
        WaitHistogram {
            zeros: 0,
            count: 0,
            sum: 0.0,
            bins: vec![0; BINS],
            base: key(2f64.powi(MIN_EXP)),
        }
    }

    pub fn clear(&mut self) {
        self.zeros = 0;
        self.count = 0;
        self.sum = 0.0;
        self.bins.fill(0);
    }

    #[inline]
    pub fn record(&mut self, wait: f64) {
        self.count += 1;
        if wait <= 0.0 {
            self.zeros += 1;
            return;
        }
        self.sum += wait;
        let i = key(wait).saturating_sub(self.base) as usize;
        self.bins[i.min(BINS - 1)] += 1;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum / self.count as f64
        }
    }

    /// The share of samples above zero.
    pub fn share_positive(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            (self.count - self.zeros) as f64 / self.count as f64
        }
    }

    /// The p-quantile: the smallest value with at least a share p at or below it (zero while the
    /// zeros cover p), reported as the middle of its bin.
    pub fn quantile(&self, p: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let rank = ((p * self.count as f64).ceil() as u64).clamp(1, self.count);
        if rank <= self.zeros {
            return 0.0;
        }
        let mut seen = self.zeros;
        for (i, &n) in self.bins.iter().enumerate() {
            seen += n;
            if seen >= rank {
                let lo = f64::from_bits((self.base + i as u64) << (52 - SUB_BITS));
                let hi = f64::from_bits((self.base + i as u64 + 1) << (52 - SUB_BITS));
                return 0.5 * (lo + hi);
            }
        }
        f64::from_bits((self.base + BINS as u64) << (52 - SUB_BITS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_within_the_bin_precision() {
        let mut h = WaitHistogram::new();
        for i in 1..=1000 {
            h.record(f64::from(i) / 10.0);
        }
        for (p, exact) in [(0.5, 50.0), (0.9, 90.0), (0.1, 10.0)] {
            let q = h.quantile(p);
            assert!((q - exact).abs() / exact < 0.01, "p{p}: {q} vs {exact}");
        }
        assert!((h.mean() - 50.05).abs() < 1e-9);
    }

    #[test]
    fn zeros_hold_the_low_quantiles() {
        let mut h = WaitHistogram::new();
        for _ in 0..60 {
            h.record(0.0);
        }
        for _ in 0..40 {
            h.record(2.0);
        }
        assert_eq!(h.quantile(0.5), 0.0);
        assert_eq!(h.quantile(0.6), 0.0);
        assert!((h.quantile(0.61) - 2.0).abs() < 0.02);
        assert!((h.share_positive() - 0.4).abs() < 1e-12);
    }

    proptest::proptest! {
        /// Every quantile is within the bin precision of the exact one (the smallest sample with
        /// at least a share p at or below it).
        #[test]
        fn quantiles_match_sorting(
            mut waits in proptest::collection::vec(
                proptest::prop_oneof![proptest::strategy::Just(0.0), 1e-6f64..1e4],
                1..400,
            ),
            p in 0.01f64..1.0,
        ) {
            let mut h = WaitHistogram::new();
            for &w in &waits {
                h.record(w);
            }
            waits.sort_by(f64::total_cmp);
            let rank = ((p * waits.len() as f64).ceil() as usize).clamp(1, waits.len());
            let exact = waits[rank - 1];
            let got = h.quantile(p);
            proptest::prop_assert!((got - exact).abs() <= exact * 0.008, "{} vs {}", got, exact);
            let mean = waits.iter().sum::<f64>() / waits.len() as f64;
            proptest::prop_assert!((h.mean() - mean).abs() <= 1e-9 * mean.max(1.0));
        }
    }

    #[test]
    fn extremes_do_not_panic() {
        let mut h = WaitHistogram::new();
        h.record(1e-300);
        h.record(1e300);
        h.record(f64::MAX);
        assert!(h.quantile(1.0) > 1e8);
        assert!(h.quantile(0.1) > 0.0);
    }
}
