//! A post's appointment book simulated day by day: a working calendar, officers on duty that
//! change over time (cuts, ramps), service classes with their own demand (and shocks), service
//! time and no-shows, and routing of a share of a class's demand to another post.
//!
//! Day-slotted on purpose: appointments are given in whole days, so the simulation keeps each
//! day's remaining interview minutes and needs no event heap at all.

mod answer;
mod calendar;
mod model;
mod request;
mod schedule;
mod sim;

pub use answer::{
    method as model_method, simulate_posts, ClassAnswer, PostAnswer, PostModelAnswer, WaitBands,
    WeekWaits,
};
pub use calendar::{Calendar, Weekday};
pub use model::{PostModel, LOOKAHEAD_DAYS};
pub use request::{ClassDemand, PostModelRequest, PostSpec, Route, ServiceClass};
pub use schedule::{Change, Schedule};
pub use sim::{replicate_posts, ClassRun, PostRun, PostScratch, WeekRun};
