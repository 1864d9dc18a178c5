//! The journal's SQLite adapter: the default, embedded store, one file per journal.
//!
//! Module map: `journal` (the [`Store`](chancery_journal::Store) over one SQLite table, its
//! schema and migrations, and how SQLite's errors become the port's), `lock` (one process per
//! file). [`open_journal`] puts them together.

mod journal;
mod lock;

use std::path::Path;

use chancery_journal::{Journal, JournalError, Store};

pub use journal::SqliteStore;

/// Opens (creating if needed) a journal in a SQLite file: one write connection, read
/// connections opened as needed.
///
/// Only one process may have a store open: a second one, or a second journal in this
/// process, gets [`JournalError::Locked`], whatever name (symlink, hard link) it uses.
/// A store written before salts is migrated (a nullable `salt` column) and stays verifiable.
/// An unreadable, corrupt or truncated file gives a
/// [`StoreError::File`](chancery_journal::StoreError::File) naming it.
pub fn open_journal(path: &Path) -> Result<Journal, JournalError> {
    // Before SQLite opens the file: the lock also creates it, owner-only. Declared first so
    // it is dropped last if anything below fails.
    let lock = lock::lock_store(path)?;
    let writer = SqliteStore::open(path)?;
    let reader_path = path.to_path_buf();
    Journal::open_guarded(
        writer,
        move || Ok(Box::new(SqliteStore::open_reader(&reader_path)?) as Box<dyn Store>),
        Box::new(lock),
    )
}
