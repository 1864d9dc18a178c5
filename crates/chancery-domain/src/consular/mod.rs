//! Consular and commercial work: the services each post offers over time, the posts' working
//! calendars, and the queueing core (theory and simulation of applicants waiting for
//! appointments, independent of the rest of the domain).

pub mod calendar;
pub mod capacity;
pub mod cases;
pub mod issued;
pub mod queue;
pub mod said;
pub mod scenario;
pub mod services;
