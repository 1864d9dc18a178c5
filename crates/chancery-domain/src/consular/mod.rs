//! Consular and commercial work: the services each post offers over time.

pub mod services;
