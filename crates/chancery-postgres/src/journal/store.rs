//! [`PostgresStore`]: the journal's store in one PostgreSQL table, shared by every instance
//! over the same database.

use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config, IsolationLevel, NoTls, Row, Statement};

use crate::runtime::off_runtime;
use chancery_journal::{check_append, check_chunk, Entry, Hash, Salt, Store, StoreError};

use super::errors::{connecting, from_pg};
use super::schema;

/// The channel appends are announced on, with the last appended seq as the payload.
const CHANNEL: &str = "chancery_journal";

/// The longest an append's transaction may sit idle on the server (between its statements)
/// before PostgreSQL ends the session: longer than the journal's own limit on a stream's
/// pauses ([`chancery_journal::STREAM_STALL`]), which a live process enforces itself.
pub const IDLE_IN_APPEND: std::time::Duration = std::time::Duration::from_secs(15);

/// Chosen once: the advisory lock every appender holds from reading the head to commit, so the
/// head it checks cannot move before its rows are in.
const APPEND_LOCK: i64 = 0x6368_616e_6a6e_6c61; // "chanjnla"

/// Rows a scan holds at a time: memory stays bounded however long the journal.
const SCAN_CHUNK: i32 = 1024;

/// How long connecting may take when the URL does not say: without a bound, a writer
/// reconnecting to a host that drops packets would hang instead of retrying.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

const HEAD: &str = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1";
const COLUMNS: &str = "seq, recorded_at, recorded_by, payload, prev_hash, hash, salt, schema";
/// One statement for the whole batch (arrays, one element per entry), which also announces the
/// new head: the notification is delivered at commit, never for a rolled-back append.
const INSERT: &str = "
    WITH appended AS (
        INSERT INTO journal (seq, recorded_at, recorded_by, payload, prev_hash, hash, salt, schema)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bytea[], $5::bytea[],
                             $6::bytea[], $7::bytea[], $8::int[])
        RETURNING seq)
    SELECT pg_notify('chancery_journal', (SELECT max(seq) FROM appended)::text)";

/// Whether a handle appends (and so migrates and commits durably) or only reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Writer,
    Reader,
}

impl Role {
    /// Shown in `pg_stat_activity`, so an operator can tell an instance's connections apart.
    fn application_name(self) -> &'static str {
        match self {
            Role::Writer => "chancery-journal-writer",
            Role::Reader => "chancery-journal-reader",
        }
    }

    /// Set on every new connection. The writer's commits must be durable when `append`
    /// returns whatever the server's or the role's default says; a reader cannot write at all.
    fn session(self) -> &'static str {
        match self {
            Role::Writer => "SET synchronous_commit = on",
            Role::Reader => "SET default_transaction_read_only = on",
        }
    }
}

/// A journal stored in one PostgreSQL table, `journal`, which any number of instances share:
/// appends are serialised by an advisory lock and checked against the head inside it, and
/// announced with `NOTIFY`, so [`Store::wait_for_append`] returns as soon as another instance
/// appends.
///
/// A connection that dies is dropped, and the next call connects again: the journal's writer
/// keeps calling [`Store::head`] until the server answers.
pub struct PostgresStore {
    config: Config,
    /// The URL without its password: the only form of it that may reach a message.
    shown: String,
    role: Role,
    conn: Option<Conn>,
    /// Whether this session holds the appenders' lock as the next turn of a writer that was
    /// beaten (see `append`). Dropping the connection frees it.
    holding_turn: bool,
}

/// Opens readers of one database (see [`PostgresStore::reader_factory`]).
pub(crate) struct ReaderFactory {
    config: Config,
    shown: String,
}

impl ReaderFactory {
    pub(crate) fn reader(&self) -> Result<PostgresStore, StoreError> {
        let mut store = PostgresStore {
            config: self.config.clone(),
            shown: self.shown.clone(),
            role: Role::Reader,
            conn: None,
            holding_turn: false,
        };
        off_runtime(|| store.connected().map(|_| ()))?;
        Ok(store)
    }
}

/// A live connection with the statements prepared on it.
struct Conn {
    client: Client,
    head: Statement,
    read: Statement,
    scan: Statement,
    insert: Statement,
    /// Whether this connection has run `LISTEN` (a new connection has not).
    listening: bool,
}

/// The connection is closed off the async runtime: whoever drops the last journal may be an
/// async worker (a server stopping), where closing a blocking client would panic.
impl Drop for PostgresStore {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            off_runtime(move || drop(conn));
        }
    }
}

impl PostgresStore {
    /// Connects as a writer, bringing the database's journal schema up to date.
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        off_runtime(|| PostgresStore::open_here(url))
    }

    fn open_here(url: &str) -> Result<PostgresStore, StoreError> {
        let mut store = PostgresStore::configure(url, Role::Writer)?;
        let mut client = store
            .config
            .connect(NoTls)
            .map_err(|e| connecting(e, &store.shown))?;
        schema::migrate(&mut client)
            .map_err(from_pg)?
            .map_err(|newer| {
                StoreError::Setup(format!(
                    "{}: the journal's schema is at version {newer}, newer than this binary \
                 knows ({}): upgrade Chancery",
                    store.shown,
                    schema::LATEST
                ))
            })?;
        store.conn = Some(store.prepare(client)?);
        Ok(store)
    }

    /// Takes the appenders' lock for this session (see `append`); a failure drops the
    /// connection, which frees anything it held.
    fn hold_turn(&mut self) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        match conn
            .client
            .batch_execute(&format!("SELECT pg_advisory_lock({APPEND_LOCK})"))
        {
            Ok(()) => self.holding_turn = true,
            Err(_) => self.conn = None,
        }
    }

    /// Lets the turn go, if this session holds it.
    fn release_turn(&mut self) {
        if !self.holding_turn {
            return;
        }
        self.holding_turn = false;
        if let Some(conn) = self.conn.as_mut() {
            if conn
                .client
                .batch_execute(&format!("SELECT pg_advisory_unlock({APPEND_LOCK})"))
                .is_err()
            {
                self.conn = None;
            }
        }
    }

    /// Connects as a reader of a journal a writer has already set up; it cannot append.
    pub fn open_reader(url: &str) -> Result<PostgresStore, StoreError> {
        let mut store = PostgresStore::configure(url, Role::Reader)?;
        off_runtime(|| store.connected().map(|_| ()))?;
        Ok(store)
    }

    /// What opens readers of the same database, without parsing its URL again.
    pub(crate) fn reader_factory(&self) -> ReaderFactory {
        let mut config = self.config.clone();
        config.application_name(Role::Reader.application_name());
        ReaderFactory {
            config,
            shown: self.shown.clone(),
        }
    }

    fn configure(url: &str, role: Role) -> Result<PostgresStore, StoreError> {
        let shown = crate::redacted(url);
        let mut config: Config = url.parse().map_err(|e| {
            StoreError::Setup(format!("{shown} is not a usable PostgreSQL URL: {e}"))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name(role.application_name());
        Ok(PostgresStore {
            config,
            shown,
            role,
            conn: None,
            holding_turn: false,
        })
    }

    /// The live connection, connecting first if there is none or it has closed.
    fn connected(&mut self) -> Result<&mut Conn, StoreError> {
        if self
            .conn
            .as_ref()
            .is_some_and(|conn| conn.client.is_closed())
        {
            self.conn = None;
        }
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => {
                let client = self
                    .config
                    .connect(NoTls)
                    .map_err(|e| connecting(e, &self.shown))?;
                self.prepare(client)?
            }
        };
        Ok(self.conn.insert(conn))
    }

    /// The session settings of this handle's role, and its statements.
    fn prepare(&self, mut client: Client) -> Result<Conn, StoreError> {
        client.batch_execute(self.role.session()).map_err(from_pg)?;
        Ok(Conn {
            head: client.prepare(HEAD).map_err(from_pg)?,
            read: client
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2"
                ))
                .map_err(from_pg)?,
            scan: client
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM journal WHERE seq > $1 ORDER BY seq"
                ))
                .map_err(from_pg)?,
            insert: client.prepare(INSERT).map_err(from_pg)?,
            client,
            listening: false,
        })
    }

    /// Runs `op` on the connection; if the connection turns out to be dead, drops it so the
    /// next call connects again. With `retry`, an idempotent `op` that found a connection
    /// left over from before dead runs once more on a new one: a server restart or an idle
    /// timeout then costs the caller nothing.
    fn with<T>(
        &mut self,
        retry: bool,
        mut op: impl FnMut(&mut Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let reused = self.conn.is_some();
        let result = op(self.connected()?);
        match result {
            Err(e) if e.is_unavailable() => {
                self.conn = None;
                if retry && reused {
                    let again = op(self.connected()?);
                    if matches!(&again, Err(e) if e.is_unavailable()) {
                        self.conn = None;
                    }
                    return again;
                }
                Err(e)
            }
            other => other,
        }
    }
}

impl Conn {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        let row = self.client.query_opt(&self.head, &[]).map_err(from_pg)?;
        row.map(|row| {
            let seq: i64 = row.try_get(0).map_err(from_pg)?;
            Ok((from_sql_seq(seq)?, hash_column(&row, 1, seq)?))
        })
        .transpose()
    }

    /// The append's transaction: BEGIN and the lock in one round trip, the head, the rows and
    /// the announcement in one statement, then COMMIT.
    ///
    /// Every instance's appends wait while one holds the lock, so the server ends a session
    /// that sits idle inside this transaction for longer than [`IDLE_IN_APPEND`] (a process
    /// stopped or frozen mid-append, which cannot give the lock back itself): the lock goes
    /// with it, and nothing of the append is kept.
    fn begin_append(&mut self) -> Result<(), StoreError> {
        let begun = self
            .client
            .batch_execute(&format!(
                "BEGIN; SET LOCAL idle_in_transaction_session_timeout = {}; \
                 SELECT pg_advisory_xact_lock({APPEND_LOCK})",
                IDLE_IN_APPEND.as_millis()
            ))
            .map_err(from_pg);
        if matches!(&begun, Err(e) if !e.is_unavailable()) {
            // BEGIN may have run before the lock failed (a statement timeout, say).
            let _ = self.client.batch_execute("ROLLBACK");
        }
        begun
    }

    fn append_locked(
        &mut self,
        after: Option<(u64, Hash)>,
        entries: &[Entry],
    ) -> Result<(), StoreError> {
        let head = self.head()?;
        check_append(head, after, entries)?;
        self.insert_rows(after, entries)?;
        // With `synchronous_commit = on`, COMMIT answers once the commit record is flushed.
        self.client.batch_execute("COMMIT").map_err(from_pg)
    }

    /// [`Store::append_chunks`] inside the append's transaction (begun, lock held): the head
    /// checked once, each chunk inserted as it comes, one COMMIT. The advisory lock is held
    /// throughout, so other instances' appends wait for it (they are not refused).
    fn append_chunks_locked(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        let head = self.head()?;
        check_append(head, after, &[])?;
        let mut last = after;
        while let Some(chunk) = next()? {
            let before = last;
            last = check_chunk(last, &chunk)?;
            self.insert_rows(before, &chunk)?;
        }
        self.client.batch_execute("COMMIT").map_err(from_pg)
    }

    /// Inserts `entries` (checked to follow `after`) in one statement. A seq already taken
    /// (by a writer that skipped the lock) rolls the transaction back and answers a conflict.
    fn insert_rows(
        &mut self,
        after: Option<(u64, Hash)>,
        entries: &[Entry],
    ) -> Result<(), StoreError> {
        let mut seqs = Vec::with_capacity(entries.len());
        for entry in entries {
            seqs.push(to_sql_seq(entry.seq)?);
        }
        let recorded_at: Vec<i64> = entries.iter().map(|e| e.recorded_at_micros).collect();
        let recorded_by: Vec<&str> = entries.iter().map(|e| e.recorded_by.as_str()).collect();
        let payloads: Vec<&[u8]> = entries.iter().map(|e| e.payload.as_slice()).collect();
        let prev_hashes: Vec<&[u8]> = entries.iter().map(|e| e.prev_hash.as_slice()).collect();
        let hashes: Vec<&[u8]> = entries.iter().map(|e| e.hash.as_slice()).collect();
        let salts: Vec<Option<&[u8]>> = entries
            .iter()
            .map(|e| e.salt.as_ref().map(|salt| salt.as_slice()))
            .collect();
        let schemas: Vec<i32> = entries.iter().map(|e| i32::from(e.schema)).collect();
        let inserted = self.client.execute(
            &self.insert,
            &[
                &seqs,
                &recorded_at,
                &recorded_by,
                &payloads,
                &prev_hashes,
                &hashes,
                &salts,
                &schemas,
            ],
        );
        if let Err(error) = inserted {
            if error.code() != Some(&SqlState::UNIQUE_VIOLATION) {
                return Err(from_pg(error));
            }
            // Only a writer that skipped the advisory lock (another tool, raw SQL) can have
            // taken these seqs since the head was read: still another writer first, so a
            // conflict the journal recovers from, not a failure that stops it.
            self.client.batch_execute("ROLLBACK").map_err(from_pg)?;
            let head = self.head()?;
            return Err(StoreError::Conflict {
                expected: after.map_or(0, |(seq, _)| seq),
                head: head.map_or(0, |(seq, _)| seq),
            });
        }
        Ok(())
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .client
            .query(&self.read, &[&after_bound(after), &sql_limit])
            .map_err(from_pg)?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Streams through a portal, `SCAN_CHUNK` rows at a time, in one REPEATABLE READ
    /// transaction: one snapshot for the whole scan, however many appends land meanwhile.
    fn scan(
        &mut self,
        after: u64,
        delivered: &mut bool,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(from_pg)?;
        let portal = tx
            .bind(&self.scan, &[&after_bound(after)])
            .map_err(from_pg)?;
        loop {
            let rows = tx.query_portal(&portal, SCAN_CHUNK).map_err(from_pg)?;
            for row in &rows {
                *delivered = true;
                // An error from `f` drops `tx`, which rolls back.
                f(entry_from_row(row)?)?;
            }
            if rows.len() < SCAN_CHUNK as usize {
                break;
            }
        }
        tx.commit().map_err(from_pg)
    }

    /// LISTEN first, then look at the head, then wait: an append committed between the two
    /// looks is either seen by the head or announced to this connection, never missed.
    fn wait_for_append(&mut self, after: u64, deadline: Instant) -> Result<(), StoreError> {
        if !self.listening {
            self.client
                .batch_execute(&format!("LISTEN {CHANNEL}"))
                .map_err(from_pg)?;
            self.listening = true;
        }
        // What queued since the last wait is covered by the head read next.
        {
            let mut notifications = self.client.notifications();
            let mut queued = notifications.iter();
            while queued.next().map_err(from_pg)?.is_some() {}
        }
        if self.head()?.is_some_and(|(seq, _)| seq > after) {
            return Ok(());
        }
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(());
            }
            let mut notifications = self.client.notifications();
            // `None`: the time ran out, or the server closed the connection (which the next
            // call finds and reconnects).
            let Some(first) = notifications
                .timeout_iter(deadline - now)
                .next()
                .map_err(from_pg)?
            else {
                return Ok(());
            };
            let mut newest = announced(first.payload());
            let mut queued = notifications.iter();
            while let Some(next) = queued.next().map_err(from_pg)? {
                newest = newest.max(announced(next.payload()));
            }
            if newest > after {
                return Ok(());
            }
        }
    }
}

/// The seq a notification announces; a payload that is not one counts as "something may have
/// landed", so the caller reads rather than sleeping through it.
fn announced(payload: &str) -> u64 {
    payload.parse().unwrap_or(u64::MAX)
}

impl PostgresStore {
    /// Runs `append` inside the append's transaction (begun, lock taken) and ends the
    /// transaction whatever it answers, taking or letting go of the writers' turn.
    fn in_append(
        &mut self,
        append: impl FnOnce(&mut Conn) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // Nothing has reached the server if BEGIN fails, so that step alone may be retried
        // on a new connection; everything after it runs on the connection that began.
        self.with(true, Conn::begin_append)?;
        let Some(conn) = self.conn.as_mut() else {
            return Err(StoreError::Setup(
                "the connection vanished after BEGIN".into(),
            ));
        };
        let result = append(conn);
        let conflict = matches!(result, Err(StoreError::Conflict { .. }));
        match &result {
            Err(error) if error.is_unavailable() => self.conn = None,
            // A refused append (a conflict, a trigger, a stream its caller abandoned) leaves
            // the transaction open or aborted: end it, so the lock is released and the
            // connection can be used again. (After a seq collision it is already ended; a
            // second ROLLBACK only draws a warning.)
            Err(_) => {
                if let Err(e) = conn.client.batch_execute("ROLLBACK") {
                    self.conn = None;
                    let e = from_pg(e);
                    if e.is_unavailable() {
                        return Err(e);
                    }
                }
            }
            Ok(()) => {}
        }
        if conflict {
            // Beaten: take the next turn, so that the other writer's stream of appends
            // cannot beat this one forever while it validates its acts again. A session
            // lock on the appenders' key: their next append waits until this writer
            // appends again, or yields the turn (see `Store::yield_turn`).
            self.hold_turn();
        } else if result.is_ok() {
            self.release_turn();
        }
        result
    }
}

impl Store for PostgresStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        off_runtime(move || self.with(true, Conn::head))
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        off_runtime(move || self.in_append(|conn| conn.append_locked(after, entries)))
    }

    fn append_chunks(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        off_runtime(move || self.in_append(|conn| conn.append_chunks_locked(after, next)))
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        off_runtime(move || self.with(true, |conn| conn.read(after, limit)))
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut delivered = false;
        let result = self.with(false, |conn| conn.scan(after, &mut delivered, f));
        match result {
            // A connection found dead before any entry was passed on: scanning again on a new
            // one cannot hand `f` an entry twice.
            Err(e) if e.is_unavailable() && !delivered => {
                self.with(false, |conn| conn.scan(after, &mut delivered, f))
            }
            other => other,
        }
    }

    fn yield_turn(&mut self) -> Result<(), StoreError> {
        off_runtime(move || {
            self.release_turn();
            Ok(())
        })
    }

    fn wait_for_append(&mut self, after: u64, timeout: Duration) -> Result<(), StoreError> {
        off_runtime(move || {
            let deadline = Instant::now() + timeout;
            self.with(true, |conn| conn.wait_for_append(after, deadline))
        })
    }
}

fn entry_from_row(row: &Row) -> Result<Entry, StoreError> {
    let seq: i64 = row.try_get(0).map_err(from_pg)?;
    Ok(Entry {
        seq: from_sql_seq(seq)?,
        recorded_at_micros: row.try_get(1).map_err(from_pg)?,
        recorded_by: row.try_get(2).map_err(from_pg)?,
        payload: row.try_get(3).map_err(from_pg)?,
        prev_hash: hash_column(row, 4, seq)?,
        hash: hash_column(row, 5, seq)?,
        salt: salt_column(row, 6, seq)?,
        schema: schema_column(row, 7, seq)?,
    })
}

fn schema_column(row: &Row, index: usize, seq: i64) -> Result<u16, StoreError> {
    let schema: i32 = row.try_get(index).map_err(from_pg)?;
    u16::try_from(schema).map_err(|_| StoreError::Malformed {
        seq,
        reason: "schema is not a u16",
    })
}

fn hash_column(row: &Row, index: usize, seq: i64) -> Result<Hash, StoreError> {
    let bytes: &[u8] = row.try_get(index).map_err(from_pg)?;
    Hash::try_from(bytes).map_err(|_| StoreError::Malformed {
        seq,
        reason: "hash is not 32 bytes",
    })
}

/// NULL for a v1 entry, else exactly 32 bytes.
fn salt_column(row: &Row, index: usize, seq: i64) -> Result<Option<Salt>, StoreError> {
    let bytes: Option<&[u8]> = row.try_get(index).map_err(from_pg)?;
    bytes
        .map(|bytes| {
            Salt::try_from(bytes).map_err(|_| StoreError::Malformed {
                seq,
                reason: "salt is neither NULL nor 32 bytes",
            })
        })
        .transpose()
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
