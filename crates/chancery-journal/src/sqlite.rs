//! The SQLite adapter: the default, embedded store.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Row, TransactionBehavior};

use crate::entry::Entry;
use crate::hash::Hash;
use crate::store::{check_continues, Store, StoreError};

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS journal (
        seq         INTEGER PRIMARY KEY,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT    NOT NULL,
        payload     BLOB    NOT NULL,
        prev_hash   BLOB    NOT NULL CHECK (length(prev_hash) = 32),
        hash        BLOB    NOT NULL CHECK (length(hash) = 32)
    ) STRICT";

const HEAD: &str = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1";
const INSERT: &str = "INSERT INTO journal (seq, recorded_at, recorded_by, payload, prev_hash, hash)
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const READ: &str = "SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash
                    FROM journal WHERE seq > ?1 ORDER BY seq LIMIT ?2";
const SCAN: &str = "SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash
                    FROM journal WHERE seq > ?1 ORDER BY seq";

/// How long a connection waits for another one's lock (a checkpoint, a second process) before
/// giving up. WAL keeps such waits rare; this only absorbs the occasional one.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A journal stored in one SQLite table.
///
/// Files are in WAL mode with `synchronous=FULL`: a commit is fsynced before `append` returns,
/// and readers on other connections see a consistent snapshot while the writer appends.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) a journal file for writing.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        // The record may hold facts internal to one ministry: readable by the server's user only
        // (SQLite gives the WAL and shared-memory files the same mode).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::WalUnavailable(mode));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore { conn })
    }

    /// Opens an existing journal file for reading only, e.g. as one of a journal's readers.
    ///
    /// `query_only` makes an accidental `append` through a reader fail instead of racing the
    /// writer. WAL mode is a property of the file, already set by [`SqliteStore::open`].
    pub fn open_reader(path: &Path) -> Result<SqliteStore, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(SqliteStore { conn })
    }

    /// A private, non-durable journal, for tests. No other connection can see it.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore { conn })
    }
}

impl Store for SqliteStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        head(&self.conn)
    }

    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        // IMMEDIATE takes the write lock up front, so the head read below cannot go stale
        // before the inserts: a second writer on the same file is refused, not interleaved.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_continues(head(&tx)?, entries)?;
        {
            let mut insert = tx.prepare_cached(INSERT)?;
            for entry in entries {
                insert.execute(params![
                    to_sql_seq(entry.seq)?,
                    entry.recorded_at_micros,
                    entry.recorded_by,
                    entry.payload,
                    entry.prev_hash,
                    entry.hash,
                ])?;
            }
        }
        // Dropping `tx` on any error above rolls back: all or none.
        tx.commit()?;
        Ok(())
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(READ)?;
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(params![after_bound(after), sql_limit])?;
        // `limit` may be a "no limit" usize::MAX; do not trust it as a capacity.
        let mut entries = Vec::with_capacity(limit.min(1024));
        while let Some(row) = rows.next()? {
            entries.push(entry_from_row(row)?);
        }
        Ok(entries)
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // One statement is one read transaction: the scan sees a single snapshot even while
        // the writer appends. It also holds back WAL checkpoints until it ends.
        let mut stmt = self.conn.prepare_cached(SCAN)?;
        let mut rows = stmt.query(params![after_bound(after)])?;
        while let Some(row) = rows.next()? {
            f(entry_from_row(row)?)?;
        }
        Ok(())
    }
}

fn head(conn: &Connection) -> Result<Option<(u64, Hash)>, StoreError> {
    let mut stmt = conn.prepare_cached(HEAD)?;
    let mut rows = stmt.query([])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let seq: i64 = row.get(0)?;
    Ok(Some((from_sql_seq(seq)?, hash_column(row, 1, seq)?)))
}

fn entry_from_row(row: &Row<'_>) -> Result<Entry, StoreError> {
    let seq: i64 = row.get(0)?;
    Ok(Entry {
        seq: from_sql_seq(seq)?,
        recorded_at_micros: row.get(1)?,
        recorded_by: row.get(2)?,
        payload: row.get(3)?,
        prev_hash: hash_column(row, 4, seq)?,
        hash: hash_column(row, 5, seq)?,
    })
}

/// Copies a hash straight from SQLite's buffer: no intermediate allocation per row.
fn hash_column(row: &Row<'_>, index: usize, seq: i64) -> Result<Hash, StoreError> {
    let malformed = StoreError::Malformed {
        seq,
        reason: "hash is not a 32-byte blob",
    };
    match row.get_ref(index)?.as_blob() {
        Ok(blob) => Hash::try_from(blob).map_err(|_| malformed),
        Err(_) => Err(malformed),
    }
}

fn to_sql_seq(seq: u64) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::SeqOutOfRange(seq))
}

fn from_sql_seq(seq: i64) -> Result<u64, StoreError> {
    u64::try_from(seq)
        .ok()
        .filter(|&seq| seq > 0)
        .ok_or(StoreError::Malformed {
            seq,
            reason: "seq is not positive",
        })
}

/// No stored seq exceeds `i64::MAX`, so clamping keeps "after" meaning "nothing beyond".
fn after_bound(after: u64) -> i64 {
    i64::try_from(after).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::NewEntry;
    use crate::hash::GENESIS;

    fn chain_after(head: Option<(u64, Hash)>, n: u64) -> Vec<Entry> {
        let (mut seq, mut prev) = head.unwrap_or((0, GENESIS));
        (0..n)
            .map(|_| {
                seq += 1;
                let new = NewEntry {
                    recorded_at_micros: 1_700_000_000_000_000 + seq as i64,
                    recorded_by: "clerk".into(),
                    payload: format!("{{\"seq\":{seq}}}").into_bytes(),
                };
                let entry = Entry::chain(new, seq, prev);
                prev = entry.hash;
                entry
            })
            .collect()
    }

    #[test]
    fn round_trips_entries() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        assert_eq!(store.head().unwrap(), None);
        let entries = chain_after(None, 5);
        store.append(&entries).unwrap();

        assert_eq!(store.head().unwrap(), Some((5, entries[4].hash)));
        assert_eq!(store.read(0, 100).unwrap(), entries);
        assert_eq!(store.read(2, 2).unwrap(), entries[2..4]);
        assert_eq!(store.read(5, 10).unwrap(), []);
        assert_eq!(store.read(u64::MAX, usize::MAX).unwrap(), []);

        let mut scanned = Vec::new();
        store
            .scan(1, &mut |entry| {
                scanned.push(entry);
                Ok(())
            })
            .unwrap();
        assert_eq!(scanned, entries[1..]);
    }

    #[test]
    fn scan_stops_at_the_callbacks_error() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.append(&chain_after(None, 5)).unwrap();
        let mut seen = 0;
        let result = store.scan(0, &mut |entry| {
            seen += 1;
            match entry.seq {
                3 => Err(StoreError::Aborted("enough".into())),
                _ => Ok(()),
            }
        });
        assert!(matches!(result, Err(StoreError::Aborted(_))));
        assert_eq!(seen, 3);
    }

    #[test]
    fn failure_mid_batch_rolls_back_the_whole_batch() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let first = chain_after(None, 2);
        store.append(&first).unwrap();
        // The third row of the next batch is refused after two rows went in.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER refuse_5 BEFORE INSERT ON journal WHEN NEW.seq = 5
                 BEGIN SELECT RAISE(ABORT, 'injected'); END",
            )
            .unwrap();
        let batch = chain_after(store.head().unwrap(), 4);
        assert!(matches!(store.append(&batch), Err(StoreError::Sqlite(_))));
        assert_eq!(store.head().unwrap(), Some((2, first[1].hash)));
        assert_eq!(store.read(0, 100).unwrap(), first);
    }

    #[test]
    fn refuses_a_batch_that_does_not_continue_the_chain() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let first = chain_after(None, 2);
        store.append(&first).unwrap();

        // A second writer that read the same head and appended first: seqs collide.
        let stale = chain_after(Some((1, first[0].hash)), 1);
        assert!(matches!(
            store.append(&stale),
            Err(StoreError::NotContinuous {
                head_seq: 2,
                batch_seq: 2
            })
        ));

        let forked = chain_after(Some((2, [9; 32])), 1);
        assert!(matches!(
            store.append(&forked),
            Err(StoreError::PrevHashMismatch { seq: 3 })
        ));

        let mut unlinked = chain_after(store.head().unwrap(), 2);
        unlinked[1].prev_hash = [9; 32];
        assert!(matches!(
            store.append(&unlinked),
            Err(StoreError::BatchNotChained { seq: 4 })
        ));
        assert_eq!(store.read(0, 100).unwrap(), first);
    }

    #[test]
    fn file_is_in_wal_mode_with_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("j.sqlite")).unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        let sync: i64 = store
            .conn
            .pragma_query_value(None, "synchronous", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "FULL");
    }

    #[test]
    fn readers_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        SqliteStore::open(&path).unwrap();
        let mut reader = SqliteStore::open_reader(&path).unwrap();
        assert!(reader.append(&chain_after(None, 1)).is_err());
        assert_eq!(reader.head().unwrap(), None);
    }

    #[test]
    fn malformed_rows_are_reported_not_panicked_on() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.append(&chain_after(None, 1)).unwrap();
        // STRICT and CHECK guard the table, but a file can be edited by anyone: drop them.
        store
            .conn
            .execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE journal SET hash = x'00' WHERE seq = 1;",
            )
            .unwrap();
        assert!(matches!(
            store.read(0, 10),
            Err(StoreError::Malformed { seq: 1, .. })
        ));
    }
}
