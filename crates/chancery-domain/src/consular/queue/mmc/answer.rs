//! The answer to an M/M/c request: simulated figures (means across replications), their bands,
//! and Erlang C's figures beside them so that anyone can check one against the other.

use serde::{Deserialize, Serialize};

use crate::consular::queue::band::Band;
use crate::consular::queue::erlang::Erlang;
use crate::consular::queue::rng::derive_seed;

use super::params::MmcParams;
use super::sim::{replicate, Replication, Scratch};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitDays {
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
}

/// Steady-state M/M/c (Erlang C) for the same parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MmcTheory {
    pub wait_days: WaitDays,
    pub utilisation: f64,
    /// Erlang C: the probability of waiting at all.
    pub prob_wait: f64,
    pub method: String,
}

/// Each simulated figure across replications: mean and 10th–90th percentile band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MmcBands {
    pub wait_mean: Band,
    pub wait_p50: Band,
    pub wait_p90: Band,
    pub utilisation: Band,
    pub prob_wait: Band,
    pub arrivals: Band,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MmcAnswer {
    /// Simulated waits in queue (days from arrival to the start of service), each the mean of
    /// the replications' figures.
    pub wait_days: WaitDays,
    pub utilisation: f64,
    /// Share of applicants who waited at all.
    pub prob_wait: f64,
    /// Applicants simulated over all replications.
    pub arrivals: u64,
    pub replications: u32,
    pub seed: u64,
    pub bands: MmcBands,
    pub theory: MmcTheory,
    pub method: String,
    /// Whether the run is long enough for its figures to be compared with Erlang C's: the
    /// simulated days are at least 50 relaxation times 1 / (c mu (1 - sqrt(rho))^2) of the
    /// queue. A run from an empty system that is shorter shows waits still growing.
    pub steady_state_reached: bool,
}

impl MmcTheory {
    pub fn of(q: &Erlang) -> MmcTheory {
        MmcTheory {
            wait_days: WaitDays {
                mean: q.mean_wait,
                p50: q.wait_quantile(0.5),
                p90: q.wait_quantile(0.9),
            },
            utilisation: q.utilisation,
            prob_wait: q.prob_wait,
            method: "Erlang C: C(c,a) by the Erlang B recursion; Wq = C/(c mu - lambda); \
                     P(Wq > t) = C exp(-(c mu - lambda) t)"
                .to_owned(),
        }
    }
}

/// Runs every replication (seed of replication r: derived from `seed` and r) and summarises.
pub fn simulate(p: &MmcParams) -> MmcAnswer {
    let mut scratch = Scratch::default();
    let runs: Vec<Replication> = (0..p.replications())
        .map(|r| replicate(p, derive_seed(p.seed(), u64::from(r)), &mut scratch))
        .collect();
    let bands = MmcBands {
        wait_mean: Band::across(&runs, |r| r.mean_wait),
        wait_p50: Band::across(&runs, |r| r.p50_wait),
        wait_p90: Band::across(&runs, |r| r.p90_wait),
        utilisation: Band::across(&runs, |r| r.utilisation),
        prob_wait: Band::across(&runs, |r| r.prob_wait),
        arrivals: Band::across(&runs, |r| r.arrivals as f64),
    };
    let q = p.theory();
    let c_mu = f64::from(p.servers()) * p.service_rate();
    let relaxation = 1.0 / (c_mu * (1.0 - q.utilisation.sqrt()).powi(2));
    let steady = f64::from(p.days()) >= 50.0 * relaxation;
    MmcAnswer {
        wait_days: WaitDays {
            mean: bands.wait_mean.mean,
            p50: bands.wait_p50.mean,
            p90: bands.wait_p90.mean,
        },
        utilisation: bands.utilisation.mean,
        prob_wait: bands.prob_wait.mean,
        arrivals: runs.iter().map(|r| r.arrivals).sum(),
        replications: p.replications(),
        seed: p.seed(),
        bands,
        theory: MmcTheory::of(p.theory()),
        method: format!(
            "discrete-event simulation, FCFS, from an empty system, no warm-up discarded; \
             quantiles to 0.8% (log-linear histogram); figures are means across replications{}",
            if steady {
                ""
            } else {
                "; steady state not reached: the run is shorter than 50 relaxation times of the \
                 queue, so the simulated waits are below Erlang C's and not comparable with them"
            }
        ),
        steady_state_reached: steady,
    }
}
