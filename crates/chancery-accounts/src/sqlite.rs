//! The accounts store's SQLite adapter: one file beside the journal (`<db>.accounts`), its own
//! so the CLI can add users while the server runs. Every write is one transaction with
//! `synchronous=FULL`: acknowledged means on disk. The audit log's append-only rule is the
//! file's own (triggers), whoever holds a connection.

mod transfer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::FromSql;
use rusqlite::{params, Connection, OptionalExtension, ToSql};

use crate::audit::{AuditBudget, Row};
use crate::model::{OrgId, Organisation, Role, TokenScope, User, Username};
use crate::port::{AccountsPort, SessionRow};
use crate::store::{AuditEntry, StoreError, TokenInfo};
use crate::transfer::{AccountsSnapshot, AuditPages, RowCounts};

/// The schema's versions, applied in order; each runs once, in a transaction with its
/// record in `migrations`. Version 1 is the schema as it was before versions were kept, written
/// so it also completes such a store (hence `IF NOT EXISTS`, and the column added in Rust).
const MIGRATIONS: [&str; 2] = [
    "
CREATE TABLE IF NOT EXISTS orgs (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, org TEXT NOT NULL REFERENCES orgs(id),
    role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, sessions_after INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL REFERENCES users(id),
    scope TEXT NOT NULL, label TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trusted_clients (
    user_id INTEGER NOT NULL REFERENCES users(id), client TEXT NOT NULL, last_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, client));
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
    org TEXT, source TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
    outcome TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
",
    // Sessions in the store, so every process sharing it knows them.
    "
CREATE TABLE sessions (
    digest TEXT PRIMARY KEY, user_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);
CREATE INDEX sessions_of_user ON sessions (user_id);
",
];

/// A SQLite accounts store: one connection writes, another reads (WAL lets them run at
/// once), so a request's token or session look-up never waits behind the audit log's fsync.
pub struct SqliteAccounts {
    conn: Mutex<Connection>,
    read: Mutex<Connection>,
    path: PathBuf,
}

/// Wraps a SQLite error as the port's error: the backend's type stays out of its shape.
fn db(e: rusqlite::Error) -> StoreError {
    StoreError::backend(e)
}

fn parse_col<T: std::str::FromStr>(idx: usize, text: String) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

const USER_COLUMNS: &str = "u.id, u.username, u.role, u.disabled, o.id, o.name, o.kind";

fn user_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        username: parse_col(1, row.get(1)?)?,
        role: parse_col(2, row.get(2)?)?,
        disabled: row.get(3)?,
        org: Organisation {
            id: parse_col(4, row.get(4)?)?,
            name: row.get(5)?,
            kind: parse_col(6, row.get(6)?)?,
        },
    })
}

fn org_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: parse_col(0, r.get(0)?)?,
        name: r.get(1)?,
        kind: parse_col(2, r.get(2)?)?,
    })
}

/// Password hashes and the audit log are for the server's user alone (the WAL and shared
/// memory files SQLite creates beside it take the same mode).
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Brings the schema to the last version, one transaction per version.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
    )?;
    let done: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM migrations",
        [],
        |r| r.get(0),
    )?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version <= done {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if version == 1 {
            // Stores made before the column existed.
            let has_stamp: bool = tx.query_row(
                "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'sessions_after'",
                [],
                |r| r.get::<_, i64>(0).map(|n| n > 0),
            )?;
            if !has_stamp {
                tx.execute_batch(
                    "ALTER TABLE users ADD COLUMN sessions_after INTEGER NOT NULL DEFAULT 0",
                )?;
            }
        }
        tx.execute(
            "INSERT INTO migrations (version, applied_at) VALUES (?1, strftime('%s', 'now'))",
            [version],
        )?;
        tx.commit()?;
    }
    Ok(())
}

impl SqliteAccounts {
    /// Opens (or creates) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteAccounts, StoreError> {
        let mut conn = Connection::open(path).map_err(db)?;
        restrict_permissions(path);
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(db)?;
        // The CLI may add a user while the server writes an audit line.
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db)?;
        migrate(&mut conn).map_err(db)?;
        let read = Connection::open(path).map_err(db)?;
        read.pragma_update(None, "query_only", true).map_err(db)?;
        read.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db)?;
        Ok(SqliteAccounts {
            conn: Mutex::new(conn),
            read: Mutex::new(read),
            path: path.to_owned(),
        })
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.read.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The schema version the store is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.reader()
            .query_row("SELECT MAX(version) FROM migrations", [], |r| r.get(0))
            .map_err(db)
    }

    /// The user `filter` finds (a condition on `u` with `key` as `?1`), with one more of their
    /// columns that [`User`] does not carry.
    fn user_with<T: FromSql>(
        &self,
        column: &str,
        filter: &str,
        key: impl ToSql,
    ) -> Result<Option<(User, T)>, StoreError> {
        // Cached statements: these run for every request that carries credentials, and
        // parsing the SQL again each time was a visible share of a write's cost.
        self.reader()
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, {column} FROM users u JOIN orgs o ON o.id = u.org
                 WHERE {filter}"
            ))
            .and_then(|mut stmt| stmt.query_row([key], |r| Ok((user_row(r)?, r.get(7)?))))
            .optional()
            .map_err(db)
    }
}

impl AccountsPort for SqliteAccounts {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.reader()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db)
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map_err(db)?;
        Ok(())
    }

    fn user_count(&self) -> Result<i64, StoreError> {
        self.reader()
            .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
            .map_err(db)
    }

    fn insert_org(&self, org: &Organisation) -> Result<bool, StoreError> {
        let n = self
            .conn()
            .execute(
                "INSERT OR IGNORE INTO orgs (id, name, kind) VALUES (?1, ?2, ?3)",
                params![org.id.as_str(), org.name, org.kind.to_string()],
            )
            .map_err(db)?;
        Ok(n == 1)
    }

    fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError> {
        self.reader()
            .query_row(
                "SELECT id, name, kind FROM orgs WHERE id = ?1",
                [id.as_str()],
                org_row,
            )
            .optional()
            .map_err(db)
    }

    fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare("SELECT id, name, kind FROM orgs ORDER BY id")
            .map_err(db)?;
        let rows = stmt.query_map([], org_row).map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    fn insert_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let conn = self.conn();
        let n = conn
            .execute(
                "INSERT OR IGNORE INTO users (username, org, role, password_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    username.as_str(),
                    org.as_str(),
                    role.as_str(),
                    password_hash,
                    now
                ],
            )
            .map_err(db)?;
        Ok((n == 1).then(|| conn.last_insert_rowid()))
    }

    fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        self.user_with("u.password_hash", "u.username = ?1", username)
    }

    fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        self.reader()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS} FROM users u JOIN orgs o ON o.id = u.org WHERE u.id = ?1"
                ),
                [id],
                user_row,
            )
            .optional()
            .map_err(db)
    }

    fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        self.user_with("u.sessions_after", "u.id = ?1", id)
    }

    fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {USER_COLUMNS} FROM users u JOIN orgs o ON o.id = u.org
                 WHERE u.org = ?1 ORDER BY u.username"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([org.as_str()], user_row).map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE users SET disabled = ?2 WHERE id = ?1",
                params![user, disabled],
            )
            .map_err(db)?;
        Ok(())
    }

    fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        tx.execute(
            "UPDATE users SET password_hash = ?2, sessions_after = ?3 WHERE id = ?1",
            params![user, hash, now],
        )
        .map_err(db)?;
        tx.execute("DELETE FROM trusted_clients WHERE user_id = ?1", [user])
            .map_err(db)?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user])
            .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn insert_token(
        &self,
        user: i64,
        digest: &str,
        scope: TokenScope,
        label: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO tokens (digest, user_id, scope, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![digest, user, scope.as_str(), label, now],
        )
        .map_err(db)?;
        Ok(conn.last_insert_rowid())
    }

    fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, t.id, t.scope FROM tokens t
                 JOIN users u ON u.id = t.user_id JOIN orgs o ON o.id = u.org
                 WHERE t.digest = ?1 AND t.revoked_at IS NULL"
            ))
            .and_then(|mut stmt| {
                stmt.query_row([digest], |r| {
                    Ok((r.get(7)?, user_row(r)?, parse_col(8, r.get(8)?)?))
                })
            })
            .optional()
            .map_err(db)
    }

    fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare(
                "SELECT t.id, u.username, t.scope, t.label, t.revoked_at IS NOT NULL
                 FROM tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TokenInfo {
                    id: r.get(0)?,
                    username: parse_col(1, r.get(1)?)?,
                    scope: parse_col(2, r.get(2)?)?,
                    label: r.get(3)?,
                    revoked: r.get(4)?,
                })
            })
            .map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute(
                "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, now],
            )
            .map_err(db)?
            == 1)
    }

    fn is_client_trusted(&self, user: i64, client: &str, since: i64) -> Result<bool, StoreError> {
        let n: i64 = self
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM trusted_clients WHERE user_id = ?1 AND client = ?2 AND last_at > ?3",
                params![user, client, since],
                |r| r.get(0),
            )
            .map_err(db)?;
        Ok(n > 0)
    }

    fn trust_client(
        &self,
        user: i64,
        client: &str,
        now: i64,
        keep: i64,
        forget_through: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        tx.execute(
            "INSERT INTO trusted_clients (user_id, client, last_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (user_id, client) DO UPDATE SET last_at = excluded.last_at",
            params![user, client, now],
        )
        .map_err(db)?;
        tx.execute(
            "DELETE FROM trusted_clients WHERE user_id = ?1 AND client NOT IN
               (SELECT client FROM trusted_clients WHERE user_id = ?1
                ORDER BY last_at DESC LIMIT ?2)",
            params![user, keep],
        )
        .map_err(db)?;
        tx.execute(
            "DELETE FROM trusted_clients WHERE user_id = ?1 AND last_at <= ?2",
            params![user, forget_through],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn insert_session(&self, s: &SessionRow) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO sessions (digest, user_id, created_at, last_seen) VALUES (?1, ?2, ?3, ?4)",
                params![s.digest, s.user, s.created, s.last_seen],
            )
            .map_err(db)?;
        Ok(())
    }

    fn session(&self, digest: &str) -> Result<Option<SessionRow>, StoreError> {
        self.reader()
            .prepare_cached(
                "SELECT digest, user_id, created_at, last_seen FROM sessions WHERE digest = ?1",
            )
            .and_then(|mut stmt| {
                stmt.query_row([digest], |r| {
                    Ok(SessionRow {
                        digest: r.get(0)?,
                        user: r.get(1)?,
                        created: r.get(2)?,
                        last_seen: r.get(3)?,
                    })
                })
            })
            .optional()
            .map_err(db)
    }

    fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE sessions SET last_seen = MAX(last_seen, ?2) WHERE digest = ?1",
                params![digest, now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn delete_session(&self, digest: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE digest = ?1", [digest])
            .map_err(db)?;
        Ok(())
    }

    fn delete_sessions_of(&self, user: i64) -> Result<usize, StoreError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE user_id = ?1", [user])
            .map_err(db)
    }

    fn delete_expired_sessions(
        &self,
        idle_through: i64,
        created_through: i64,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "DELETE FROM sessions WHERE last_seen <= ?1 OR created_at <= ?2",
                params![idle_through, created_through],
            )
            .map_err(db)?;
        Ok(())
    }

    fn append_audit(&self, rows: &[Row]) -> Result<Vec<i64>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        let mut seqs = Vec::with_capacity(rows.len());
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO audit (at, actor, org, source, action, target, outcome, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(db)?;
            for r in rows {
                stmt.execute(params![
                    r.at, r.actor, r.org, r.source, r.action, r.target, r.outcome, r.detail
                ])
                .map_err(db)?;
                seqs.push(tx.last_insert_rowid());
            }
        }
        tx.commit().map_err(db)?;
        Ok(seqs)
    }

    fn audit_of(
        &self,
        org: Option<&OrgId>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare(
                "SELECT seq, at, actor, org, source, action, target, outcome, detail FROM audit
                 WHERE seq > ?1 AND (?3 IS NULL OR org = ?3) ORDER BY seq LIMIT ?2",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map(params![after, limit, org.map(OrgId::as_str)], |r| {
                Ok(AuditEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    org: r.get(3)?,
                    source: r.get(4)?,
                    action: r.get(5)?,
                    target: r.get(6)?,
                    outcome: r.get(7)?,
                    detail: r.get(8)?,
                })
            })
            .map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    /// A few system calls, no SQL: the file and its WAL's sizes, and the file system's free
    /// space.
    fn audit_over_budget(&self, budget: &AuditBudget) -> Option<String> {
        let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let mut wal = self.path.as_os_str().to_owned();
        wal.push("-wal");
        let size = len(&self.path) + len(Path::new(&wal));
        if size >= budget.max_store_bytes {
            return Some(format!(
                "the accounts store is at its audit budget ({size} of {} bytes)",
                budget.max_store_bytes
            ));
        }
        #[cfg(unix)]
        if let Ok(fs) = rustix::fs::statvfs(&self.path) {
            let free = fs.f_bavail.saturating_mul(fs.f_frsize);
            if free < budget.min_free_bytes {
                return Some(format!(
                    "{free} bytes free on the accounts store's file system, below the {} kept \
                     for the journal",
                    budget.min_free_bytes
                ));
            }
        }
        None
    }

    fn row_counts(&self) -> Result<RowCounts, StoreError> {
        transfer::counts(&self.reader()).map_err(db)
    }

    fn snapshot(&self) -> Result<AccountsSnapshot, StoreError> {
        transfer::snapshot(&mut self.reader()).map_err(db)
    }

    fn import(
        &self,
        snapshot: &AccountsSnapshot,
        audit: &mut AuditPages<'_>,
    ) -> Result<(), StoreError> {
        transfer::import(&mut self.conn(), snapshot, audit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store written before versions were kept (no `migrations` table, no
    /// `sessions_after` column, no sessions) opens, keeps its rows, and is brought to the last
    /// version; opening it again changes nothing.
    #[test]
    fn a_store_from_before_migrations_opens_and_upgrades() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.accounts");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
                 CREATE TABLE users (
                     id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
                     org TEXT NOT NULL REFERENCES orgs(id), role TEXT NOT NULL,
                     password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
                     created_at INTEGER NOT NULL);
                 INSERT INTO orgs VALUES ('o', 'O', 'mediator');
                 INSERT INTO users (username, org, role, password_hash, created_at)
                     VALUES ('ann', 'o', 'editor', 'h', 0);",
            )
            .unwrap();
        }
        let store = SqliteAccounts::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let (ann, after) = store.user_and_sessions_after(1).unwrap().unwrap();
        assert_eq!((ann.username.as_str(), after), ("ann", 0));
        store
            .insert_session(&SessionRow {
                digest: "d".into(),
                user: ann.id,
                created: 1,
                last_seen: 1,
            })
            .unwrap();
        drop(store);
        let again = SqliteAccounts::open(&path).unwrap();
        assert_eq!(again.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert!(again.session("d").unwrap().is_some());
        let applied: i64 = again
            .conn()
            .query_row("SELECT COUNT(*) FROM migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(applied, MIGRATIONS.len() as i64, "each version once");
    }
}
