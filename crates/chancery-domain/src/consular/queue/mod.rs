//! Queues at consular posts: M/M/c theory (Erlang C), a seeded discrete-event simulation of the
//! same M/M/c to check against it, and a day-slotted model of a post's appointment book (working
//! calendar, officers' schedule, service classes, demand shocks, routing), each run with
//! replications that give bands.
//!
//! Self-contained on purpose: nothing here knows about acts or the image, so the consular
//! capability can feed it whatever capacity and demand it derives from the record.

pub mod band;
pub mod erlang;
pub mod error;
pub mod histogram;
pub mod ln;
pub mod mmc;
pub mod post;
pub mod rng;

pub use band::Band;
pub use erlang::Erlang;
pub use error::QueueError;
pub use mmc::{MmcAnswer, MmcParams, MmcRequest};
pub use rng::Rng;
