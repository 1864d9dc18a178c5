//! Chancery over PostgreSQL: the adapters that let several instances share one journal and one
//! accounts store. SQLite stays the default, embedded backend; this crate is chosen by a
//! `postgres://` URL wherever a store is named (`--db`).
//!
//! Module map: `url` (telling a PostgreSQL URL from a path, and keeping its password out of
//! messages), `journal` (the journal's store: [`journal::PostgresStore`] and
//! [`journal::open_journal`]), `accounts` (the accounts store's adapter, its schema and
//! migrations, and opening accounts by location), `testing` (fresh databases for the suites,
//! behind the `testing` feature).

pub mod accounts;
pub mod journal;
mod runtime;
mod url;

#[cfg(feature = "testing")]
pub mod testing;

pub use url::{is_postgres_url, redacted};
