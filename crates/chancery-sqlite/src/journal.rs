//! The SQLite adapter: the default, embedded store.
//!
//! Schema history: the `salt` column (nullable, 32 bytes) was added for salted (v2) entries;
//! stores created before it are migrated by [`SqliteStore::open`] with `ALTER TABLE ... ADD
//! COLUMN`, which leaves every old row with a NULL salt (a v1 entry, verified as such). The
//! `schema` column (the payload's format version) came next, every older row reading as 1.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Row, TransactionBehavior};

use chancery_journal::{
    check_append, check_chunk, Entry, FileProblem, Hash, Salt, Store, StoreError,
};

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS journal (
        seq         INTEGER PRIMARY KEY,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT    NOT NULL,
        payload     BLOB    NOT NULL,
        prev_hash   BLOB    NOT NULL CHECK (length(prev_hash) = 32),
        hash        BLOB    NOT NULL CHECK (length(hash) = 32),
        salt        BLOB             CHECK (salt IS NULL OR length(salt) = 32),
        schema      INTEGER NOT NULL DEFAULT 1 CHECK (schema BETWEEN 1 AND 65535)
    ) STRICT";

/// The migration of a store created before salts. Nullable, so existing rows stay as they were.
const ADD_SALT: &str =
    "ALTER TABLE journal ADD COLUMN salt BLOB CHECK (salt IS NULL OR length(salt) = 32)";

/// The migration of a store created before payload versions: every old row reads as version 1.
const ADD_SCHEMA: &str = "ALTER TABLE journal ADD COLUMN schema INTEGER NOT NULL DEFAULT 1 \
                          CHECK (schema BETWEEN 1 AND 65535)";

/// Once a salted entry is stored, an unsalted one after it can only come from an older binary
/// run on an upgraded store (or from someone stripping salts); refuse it at the source, since
/// verify would report the chain broken from there. Costs new writes nothing: their salt is not
/// NULL, so the subquery (one primary-key lookup anyway) is not evaluated.
const SALTED_STAYS_SALTED: &str = "
    CREATE TRIGGER IF NOT EXISTS journal_salted_stays_salted
    BEFORE INSERT ON journal
    WHEN NEW.salt IS NULL
     AND (SELECT salt FROM journal ORDER BY seq DESC LIMIT 1) IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'an unsalted (v1) entry cannot follow a salted one'); END";

const HEAD: &str = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1";
const INSERT: &str = "INSERT INTO journal
                      (seq, recorded_at, recorded_by, payload, prev_hash, hash, salt, schema)
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const READ: &str = "SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash, salt, schema
                    FROM journal WHERE seq > ?1 ORDER BY seq LIMIT ?2";
const SCAN: &str = "SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash, salt, schema
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
    /// The file, to name it in errors; `None` in memory.
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Opens (creating if needed) a journal file for writing, migrating an older schema.
    ///
    /// The file, and the `-wal` and `-shm` files SQLite creates beside it, are readable and
    /// writable by their owner only: the record may hold facts internal to one ministry.
    /// An error about the file itself (not a database, corrupt, unreadable) names it.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        make_private(path);
        let mut conn = Connection::open(path).map_err(|e| on_file(path, e.into()))?;
        prepare_writer(&mut conn).map_err(|e| on_file(path, e))?;
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens an existing journal file for reading only, e.g. as one of a journal's readers.
    ///
    /// `query_only` makes an accidental `append` through a reader fail instead of racing the
    /// writer. WAL mode is a property of the file, already set by [`SqliteStore::open`].
    pub fn open_reader(path: &Path) -> Result<SqliteStore, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = || -> Result<Connection, Fault> {
            let conn = Connection::open_with_flags(path, flags)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "query_only", true)?;
            Ok(conn)
        };
        let conn = open().map_err(|e| on_file(path, e))?;
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A private, non-durable journal, for tests. No other connection can see it.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open_in_memory().map_err(from_sqlite)?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn, path: None })
    }

    /// Turns an error about the file into one that names it.
    fn describe(&self, error: Fault) -> StoreError {
        match &self.path {
            Some(path) => on_file(path, error),
            None => error.into(),
        }
    }

    fn append_entries(
        &mut self,
        after: Option<(u64, Hash)>,
        entries: &[Entry],
    ) -> Result<(), Fault> {
        if entries.is_empty() {
            return Ok(());
        }
        // IMMEDIATE takes the write lock up front, so the head read below cannot go stale
        // before the inserts: a second writer on the same file is refused, not interleaved.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_append(head(&tx)?, after, entries).map_err(Fault::Store)?;
        insert_entries(&tx, entries)?;
        // Dropping `tx` on any error above rolls back: all or none.
        tx.commit()?;
        Ok(())
    }

    /// [`Store::append_chunks`] in one IMMEDIATE transaction: the file's write lock is held
    /// from the head check to the commit, and the pages written meanwhile go to the WAL, not
    /// to memory.
    fn append_chunk_entries(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), Fault> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_append(head(&tx)?, after, &[]).map_err(Fault::Store)?;
        let mut last = after;
        while let Some(chunk) = next().map_err(Fault::Store)? {
            last = check_chunk(last, &chunk).map_err(Fault::Store)?;
            insert_entries(&tx, &chunk)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn read_entries(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, Fault> {
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

    fn scan_entries(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), Fault> {
        // One statement is one read transaction: the scan sees a single snapshot even while
        // the writer appends. It also holds back WAL checkpoints until it ends.
        let mut stmt = self.conn.prepare_cached(SCAN)?;
        let mut rows = stmt.query(params![after_bound(after)])?;
        while let Some(row) = rows.next()? {
            f(entry_from_row(row)?).map_err(Fault::Store)?;
        }
        Ok(())
    }
}

/// WAL, full sync, and the current schema, on the write connection.
fn prepare_writer(conn: &mut Connection) -> Result<(), Fault> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Setup(format!(
            "could not enable WAL mode: journal_mode is {mode:?}"
        ))
        .into());
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    migrate(conn)
}

/// Creates the table, or brings an older one up to date, in one transaction: a second opener
/// racing this one (possible with [`SqliteStore::open`] used without the journal's lock) waits,
/// then finds the column there.
fn migrate(conn: &mut Connection) -> Result<(), Fault> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA)?;
    let has_salt: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('journal') WHERE name = 'salt')",
        [],
        |row| row.get(0),
    )?;
    if !has_salt {
        tx.execute_batch(ADD_SALT)?;
    }
    let has_schema: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('journal') WHERE name = 'schema')",
        [],
        |row| row.get(0),
    )?;
    if !has_schema {
        tx.execute_batch(ADD_SCHEMA)?;
    }
    tx.execute_batch(SALTED_STAYS_SALTED)?;
    tx.commit()?;
    Ok(())
}

/// Gives a SQLite error about the file itself the file's name and a plain statement of the
/// problem; "journal storage" alone left an operator guessing which file and why.
fn on_file(path: &Path, error: Fault) -> StoreError {
    match error {
        Fault::Sqlite(source) => match file_problem(&source) {
            Some(problem) => StoreError::File {
                path: path.to_path_buf(),
                problem,
                source: Box::new(source),
            },
            None => from_sqlite(source),
        },
        Fault::Store(error) => error,
    }
}

/// What the adapter's own functions fail with: SQLite's error, kept whole until the port's
/// boundary decides whether it is about the file, or already the port's.
pub(crate) enum Fault {
    Sqlite(rusqlite::Error),
    Store(StoreError),
}

impl From<rusqlite::Error> for Fault {
    fn from(error: rusqlite::Error) -> Fault {
        Fault::Sqlite(error)
    }
}

impl From<StoreError> for Fault {
    fn from(error: StoreError) -> Fault {
        Fault::Store(error)
    }
}

impl From<Fault> for StoreError {
    fn from(fault: Fault) -> StoreError {
        match fault {
            Fault::Sqlite(error) => from_sqlite(error),
            Fault::Store(error) => error,
        }
    }
}

/// SQLite's errors as the port's: kept whole as the source, so nothing of SQLite's message is
/// lost, behind a variant that names no backend.
pub(crate) fn from_sqlite(error: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(error))
}

/// The file-level problem behind a SQLite error, if it is one (not, say, a SQL error).
fn file_problem(error: &rusqlite::Error) -> Option<FileProblem> {
    use rusqlite::ErrorCode as Code;
    let rusqlite::Error::SqliteFailure(failure, _) = error else {
        return None;
    };
    Some(match failure.code {
        Code::NotADatabase => FileProblem::NotADatabase,
        Code::DatabaseCorrupt => FileProblem::Corrupt,
        Code::CannotOpen => FileProblem::CannotOpen,
        Code::PermissionDenied => FileProblem::PermissionDenied,
        Code::ReadOnly => FileProblem::ReadOnly,
        Code::SystemIoFailure => FileProblem::Io,
        Code::DiskFull => FileProblem::DiskFull,
        Code::FileLockingProtocolFailed | Code::DatabaseBusy | Code::DatabaseLocked => {
            FileProblem::Locking
        }
        _ => return None,
    })
}

/// Makes the store's files owner-only before SQLite opens them.
///
/// A missing file is created empty with mode 0600 (SQLite takes an empty file as a new
/// database): created by SQLite it would get 0644 under the usual umask, readable by anyone
/// until a later chmod. SQLite creates `-wal` and `-shm` with the database file's mode, so they
/// follow; ones left by an older version are tightened here. Failures are left for SQLite's
/// open to report (with the file's name), or ignored for a file this user does not own.
///
/// Only files that do not yet exist are opened here (`create_new`), and closed at once: closing
/// a descriptor of a file SQLite has open in this process would drop SQLite's POSIX locks on it.
fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        // SQLite names its side files after the resolved path (it follows symlinks).
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        for suffix in ["", "-wal", "-shm"] {
            let mut file = real.clone().into_os_string();
            file.push(suffix);
            let file = PathBuf::from(file);
            // Only regular files: never chmod whatever a planted symlink points to.
            let Ok(meta) = std::fs::symlink_metadata(&file) else {
                continue;
            };
            if meta.is_file() && meta.permissions().mode() & 0o777 != 0o600 {
                let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
}

impl Store for SqliteStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        head(&self.conn).map_err(|e| self.describe(e))
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        self.append_entries(after, entries)
            .map_err(|e| self.describe(e))
    }

    fn append_chunks(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        self.append_chunk_entries(after, next)
            .map_err(|e| self.describe(e))
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        self.read_entries(after, limit)
            .map_err(|e| self.describe(e))
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.scan_entries(after, f).map_err(|e| self.describe(e))
    }
}

fn insert_entries(conn: &Connection, entries: &[Entry]) -> Result<(), Fault> {
    let mut insert = conn.prepare_cached(INSERT)?;
    for entry in entries {
        insert.execute(params![
            to_sql_seq(entry.seq)?,
            entry.recorded_at_micros,
            entry.recorded_by,
            entry.payload,
            entry.prev_hash,
            entry.hash,
            entry.salt,
            entry.schema,
        ])?;
    }
    Ok(())
}

fn head(conn: &Connection) -> Result<Option<(u64, Hash)>, Fault> {
    let mut stmt = conn.prepare_cached(HEAD)?;
    let mut rows = stmt.query([])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let seq: i64 = row.get(0)?;
    Ok(Some((from_sql_seq(seq)?, hash_column(row, 1, seq)?)))
}

fn entry_from_row(row: &Row<'_>) -> Result<Entry, Fault> {
    let seq: i64 = row.get(0)?;
    Ok(Entry {
        seq: from_sql_seq(seq)?,
        recorded_at_micros: row.get(1)?,
        recorded_by: row.get(2)?,
        payload: row.get(3)?,
        prev_hash: hash_column(row, 4, seq)?,
        hash: hash_column(row, 5, seq)?,
        salt: salt_column(row, 6, seq)?,
        schema: row.get(7)?,
    })
}

/// NULL for a v1 entry, else exactly 32 bytes.
fn salt_column(row: &Row<'_>, index: usize, seq: i64) -> Result<Option<Salt>, StoreError> {
    let value = row.get_ref(index).map_err(from_sqlite)?;
    if matches!(value, rusqlite::types::ValueRef::Null) {
        return Ok(None);
    }
    let malformed = StoreError::Malformed {
        seq,
        reason: "salt is neither NULL nor a 32-byte blob",
    };
    match value.as_blob() {
        Ok(blob) => Salt::try_from(blob).map(Some).map_err(|_| malformed),
        Err(_) => Err(malformed),
    }
}

/// Copies a hash straight from SQLite's buffer: no intermediate allocation per row.
fn hash_column(row: &Row<'_>, index: usize, seq: i64) -> Result<Hash, StoreError> {
    let malformed = StoreError::Malformed {
        seq,
        reason: "hash is not a 32-byte blob",
    };
    match row.get_ref(index).map_err(from_sqlite)?.as_blob() {
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
    use chancery_journal::{NewEntry, GENESIS};

    /// The head a chained batch continues, as its append names it.
    fn after_of(entries: &[Entry]) -> Option<(u64, Hash)> {
        entries
            .first()
            .filter(|e| e.seq > 1)
            .map(|e| (e.seq - 1, e.prev_hash))
    }

    fn chain_after(head: Option<(u64, Hash)>, n: u64) -> Vec<Entry> {
        let (mut seq, mut prev) = head.unwrap_or((0, GENESIS));
        (0..n)
            .map(|_| {
                seq += 1;
                let new = NewEntry {
                    schema: 1,
                    recorded_at_micros: 1_700_000_000_000_000 + seq as i64,
                    recorded_by: "clerk".into(),
                    payload: format!("{{\"seq\":{seq}}}").into_bytes(),
                };
                let entry = Entry::chain(new, seq, prev, [seq as u8; 32]);
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
        store.append(after_of(&entries), &entries).unwrap();

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
        store.append(None, &chain_after(None, 5)).unwrap();
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
        store.append(after_of(&first), &first).unwrap();
        // The third row of the next batch is refused after two rows went in.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER refuse_5 BEFORE INSERT ON journal WHEN NEW.seq = 5
                 BEGIN SELECT RAISE(ABORT, 'injected'); END",
            )
            .unwrap();
        let batch = chain_after(store.head().unwrap(), 4);
        assert!(matches!(
            store.append(after_of(&batch), &batch),
            Err(StoreError::Backend(_))
        ));
        assert_eq!(store.head().unwrap(), Some((2, first[1].hash)));
        assert_eq!(store.read(0, 100).unwrap(), first);
    }

    #[test]
    fn refuses_a_batch_that_does_not_continue_the_chain() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let first = chain_after(None, 2);
        store.append(after_of(&first), &first).unwrap();

        // A second writer that read the same head and appended first: seqs collide.
        let stale = chain_after(Some((1, first[0].hash)), 1);
        assert!(matches!(
            store.append(after_of(&stale), &stale),
            Err(StoreError::Conflict {
                expected: 1,
                head: 2
            })
        ));

        // The right seq after a head with another hash: a fork, refused alike.
        let forked = chain_after(Some((2, [9; 32])), 1);
        assert!(matches!(
            store.append(after_of(&forked), &forked),
            Err(StoreError::Conflict {
                expected: 2,
                head: 2
            })
        ));

        let mut unlinked = chain_after(store.head().unwrap(), 2);
        unlinked[1].prev_hash = [9; 32];
        assert!(matches!(
            store.append(after_of(&unlinked), &unlinked),
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
        assert!(reader.append(None, &chain_after(None, 1)).is_err());
        assert_eq!(reader.head().unwrap(), None);
    }

    /// Applies `update` to a one-entry store with its constraints off (STRICT and CHECK guard
    /// the table, but a file can be edited by anyone) and checks that reading reports entry 1
    /// malformed instead of panicking.
    fn read_reports_malformed_after(update: &str) {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.append(None, &chain_after(None, 1)).unwrap();
        store
            .conn
            .execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {update}"))
            .unwrap();
        assert!(matches!(
            store.read(0, 10),
            Err(StoreError::Malformed { seq: 1, .. })
        ));
    }

    #[test]
    fn malformed_rows_are_reported_not_panicked_on() {
        read_reports_malformed_after("UPDATE journal SET hash = x'00' WHERE seq = 1;");
    }

    #[test]
    fn salts_round_trip_and_legacy_rows_read_as_unsalted() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let legacy = Entry::chain_legacy(
            NewEntry {
                schema: 1,
                recorded_at_micros: 1,
                recorded_by: "old".into(),
                payload: b"{}".to_vec(),
            },
            1,
            GENESIS,
        );
        store.append(None, std::slice::from_ref(&legacy)).unwrap();
        let salted = chain_after(store.head().unwrap(), 2);
        store.append(after_of(&salted), &salted).unwrap();
        let read = store.read(0, 10).unwrap();
        assert_eq!(read[0], legacy);
        assert_eq!(read[0].salt, None);
        assert_eq!(read[1..], salted);
        assert!(read.iter().all(Entry::hash_matches));
    }

    /// An older binary on an upgraded store would append unsalted entries after salted ones,
    /// which verify reports as a broken chain: the store refuses them instead.
    #[test]
    fn an_unsalted_entry_cannot_follow_a_salted_one() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.append(None, &chain_after(None, 1)).unwrap();
        let (seq, prev) = store.head().unwrap().unwrap();
        let legacy = Entry::chain_legacy(
            NewEntry {
                schema: 1,
                recorded_at_micros: 1,
                recorded_by: "old".into(),
                payload: b"{}".to_vec(),
            },
            seq + 1,
            prev,
        );
        let refused = store.append(Some((seq, prev)), &[legacy]);
        assert!(
            matches!(&refused, Err(StoreError::Backend(e)) if e.to_string().contains("unsalted")),
            "{refused:?}"
        );
        assert_eq!(store.head().unwrap(), Some((seq, prev)));
    }

    #[test]
    fn a_malformed_salt_is_reported() {
        read_reports_malformed_after("UPDATE journal SET salt = x'0102' WHERE seq = 1;");
    }

    /// Opening migrates twice without complaint: the migration is idempotent.
    #[test]
    fn reopening_a_current_store_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let entries = chain_after(None, 3);
        SqliteStore::open(&path)
            .unwrap()
            .append(after_of(&entries), &entries)
            .unwrap();
        let mut again = SqliteStore::open(&path).unwrap();
        assert_eq!(again.read(0, 10).unwrap(), entries);
    }

    /// A store written before payload versions opens, gains the column, and reads as version 1;
    /// a version written now reads back as written.
    #[test]
    fn a_store_from_before_payload_versions_reads_as_version_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY, recorded_at INTEGER NOT NULL,
                    recorded_by TEXT NOT NULL, payload BLOB NOT NULL,
                    prev_hash BLOB NOT NULL, hash BLOB NOT NULL, salt BLOB) STRICT",
            )
            .unwrap();
            let old = &chain_after(None, 1)[0];
            conn.execute(
                "INSERT INTO journal VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    1,
                    old.recorded_at_micros,
                    old.recorded_by,
                    old.payload,
                    old.prev_hash,
                    old.hash,
                    old.salt
                ],
            )
            .unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.read(0, 10).unwrap()[0].schema, 1);
        let mut next = chain_after(store.head().unwrap(), 1);
        next[0].schema = 7;
        store.append(after_of(&next), &next).unwrap();
        assert_eq!(store.read(1, 10).unwrap()[0].schema, 7);
    }
}
