//! chancery-server's integration suites, in one test binary. Each file was its own binary, and
//! every one linked the whole server (about 70 MB each): 41 of them filled a CI machine's disk
//! while linking. One binary links once; tests run as before, two at a time, and are filtered by
//! module (`cargo test -p chancery-server --test suite -- api::`).

mod binary;
mod common;

mod access;
mod access_log;
mod act_lines;
mod api;
mod both_scripts;
mod browser;
mod browser_desk;
mod cache;
mod cases_alerts;
mod cli;
mod cli_interface;
mod consular;
mod consular_pages;
mod consular_russian;
mod consular_scenario;
mod crash;
mod desk;
mod edge;
mod failure;
mod flood;
mod form_faults_scope;
mod forms;
mod hashes;
mod instances_postgres;
mod languages;
mod migrate_store;
mod names;
mod ops;
mod parity_russian;
mod parties;
mod review2_parties;
mod review4_desk;
mod review5;
mod review6;
mod review7;
mod review9;
mod roadmap_russian;
mod russian_names;
mod search;
mod sessions;
mod shutdown;
mod talks;
mod token_checks;
mod web;
