//! The plain M/M/c queue simulated, to be checked against Erlang C: a request, its validated
//! parameters, one seeded replication, and the answer across replications beside the theory.

mod answer;
mod params;
mod sim;

pub use answer::{simulate, MmcAnswer, MmcBands, MmcTheory, WaitDays};
pub use params::{MmcParams, MmcRequest, MAX_EXPECTED_ARRIVALS};
pub use sim::{replicate, Replication, Scratch};
