//! Consular and commercial work: the services each post offers over time.

pub mod calendar;
pub mod services;
