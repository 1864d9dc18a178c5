//! chancery-domain's integration suites, in one test binary: one link instead of one per file,
//! which kept a clean CI build's disk use down (see chancery-server's suite). Filter by module:
//! `cargo test -p chancery-domain --test suite -- parity::`.

mod common;

mod alerts;
mod cases_faults;
mod chains;
mod check_all;
mod choices;
mod claims;
mod consular_capacity;
mod consular_cases;
mod consular_issuance;
mod consular_services;
mod demo;
mod demo_cases;
mod history;
mod import_regressions;
mod index;
mod kinds;
mod measure_attacks;
mod parity;
mod parity_consular_access;
mod plausibility;
mod precision;
mod properties;
mod queue;
mod queue_waits;
mod reciprocity_properties;
mod review2_attacks;
mod review3_consular;
mod review4_cases;
mod review5;
mod review6;
mod roadmap;
mod rules;
mod scenario_scale;
mod search;
mod staff;
mod talks_follow;
mod visibility;
mod withdrawal;
