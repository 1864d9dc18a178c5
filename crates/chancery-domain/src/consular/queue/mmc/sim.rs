//! One replication of M/M/c, first come first served.
//!
//! With identical servers and FCFS, the next applicant always goes to the server that frees up
//! first, so the only future events that matter are the c departure times: they are kept in a
//! binary min-heap (a fixed array of c times, reused), and each arrival pops the earliest,
//! starts at max(arrival, free), and pushes its departure. No allocation per event.

use crate::consular::queue::histogram::WaitHistogram;
use crate::consular::queue::rng::Rng;

use super::params::MmcParams;

/// Buffers reused across replications.
#[derive(Debug, Default)]
pub struct Scratch {
    free_at: Vec<f64>,
    waits: WaitHistogram,
}

/// The figures of one replication (waits in days).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Replication {
    pub arrivals: u64,
    pub mean_wait: f64,
    pub p50_wait: f64,
    pub p90_wait: f64,
    /// Share of arrivals that waited at all.
    pub prob_wait: f64,
    /// Busy server-time inside [0, days) over c x days.
    pub utilisation: f64,
}

/// Arrivals in [0, days) are simulated from an empty system; each one's wait counts even when
/// it is served after the horizon. No warm-up is discarded: the start-up bias (an empty system
/// waits less) shrinks as 1/days and is inside the tolerance the tests state.
pub fn replicate(p: &MmcParams, seed: u64, scratch: &mut Scratch) -> Replication {
    let mut rng = Rng::new(seed);
    let c = p.servers() as usize;
    let (lambda, mu, horizon) = (p.arrival_rate(), p.service_rate(), f64::from(p.days()));
    scratch.free_at.clear();
    scratch.free_at.resize(c, 0.0);
    scratch.waits.clear();
    let heap = &mut scratch.free_at[..];
    let waits = &mut scratch.waits;
    let mut busy = 0.0;
    let mut t = 0.0;
    loop {
        t += rng.exponential(lambda);
        if t >= horizon {
            break;
        }
        let start = if heap[0] > t { heap[0] } else { t };
        let end = start + rng.exponential(mu);
        waits.record(start - t);
        if start < horizon {
            busy += end.min(horizon) - start;
        }
        heap[0] = end;
        sift_down(heap);
    }
    Replication {
        arrivals: waits.count(),
        mean_wait: waits.mean(),
        p50_wait: waits.quantile(0.5),
        p90_wait: waits.quantile(0.9),
        prob_wait: waits.share_positive(),
        utilisation: busy / (c as f64 * horizon),
    }
}

/// Restores the min-heap after the root grew.
#[inline]
fn sift_down(h: &mut [f64]) {
    let n = h.len();
    let mut i = 0;
    let x = h[0];
    loop {
        let l = 2 * i + 1;
        if l >= n {
            break;
        }
        let r = l + 1;
        let m = if r < n && h[r] < h[l] { r } else { l };
        if h[m] >= x {
            break;
        }
        h[i] = h[m];
        i = m;
    }
    h[i] = x;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sift_down_keeps_the_minimum_on_top() {
        let mut rng = Rng::new(3);
        let mut h = vec![0.0; 37];
        for _ in 0..10_000 {
            h[0] += rng.exponential(1.0);
            sift_down(&mut h);
            let min = h.iter().copied().fold(f64::INFINITY, f64::min);
            assert_eq!(h[0], min);
        }
    }
}
