//! The journal's PostgreSQL adapter: several Chancery instances over one database share one
//! journal. Each appends through the same store-side check (an advisory lock, the head read
//! under it, [`check_append`](chancery_journal::check_append)), so the loser of a race gets a
//! conflict instead of a fork, and each hears of the others' appends by `LISTEN`/`NOTIFY`.
//!
//! Module map: `store` ([`PostgresStore`]), `schema` (the table, its triggers and versioned
//! migrations), `errors` (PostgreSQL's errors as the port's). [`open_journal`] puts them
//! together.

pub(crate) mod errors;
mod schema;
mod store;

use chancery_journal::{Journal, JournalError, Store};

pub use store::{PostgresStore, IDLE_IN_APPEND};

/// Opens the journal in the PostgreSQL database at `url` (a `postgres://` URL), creating or
/// migrating its schema: one write connection, read connections opened as needed.
///
/// Unlike a SQLite file, the database is not locked to one process: other instances may open
/// it too, and the store turns back whichever append comes second
/// ([`JournalError::Conflict`]). Messages name the URL without its password.
pub fn open_journal(url: &str) -> Result<Journal, JournalError> {
    let writer = PostgresStore::open(url)?;
    let readers = writer.reader_factory();
    Journal::open(writer, move || {
        Ok(Box::new(readers.reader()?) as Box<dyn Store>)
    })
}
