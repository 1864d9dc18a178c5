//! The accounts store: organisations, users, API tokens, settings and the audit log, in SQLite
//! beside the journal (its own file, so the CLI can add users while the server runs).
//! Every write is one transaction with `synchronous=FULL`: acknowledged means on disk.
//! The audit log is bounded (see [`crate::audit`]): strings cut, repeated denials counted,
//! and a budget beyond which it counts in memory rather than writing.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::FromSql;
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::Serialize;

use crate::audit::{
    is_aggregated, AuditBudget, AuditCondition, AuditHealth, AuditWrite, Denial, Denials, Row,
    Unwritten, MAX_DETAIL,
};
use crate::model::{
    OrgId, OrgKind, OrgName, Organisation, ParseError, Role, TokenScope, User, Username,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("accounts store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

const SCHEMA: &str = "
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
";

/// One line of the audit log: who, when, from where, what, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    /// Microseconds since 1970 (UTC).
    pub at: i64,
    /// `user:NAME`, `token:ID (user NAME)` or `anonymous`.
    pub actor: String,
    pub org: Option<String>,
    /// The peer address.
    pub source: String,
    /// e.g. `login`, `login_failed`, `denied`, `record_act`, `user_added`.
    pub action: String,
    /// What it was about: a route, an act's seq, a username.
    pub target: String,
    pub outcome: String,
    pub detail: String,
}

impl AuditEntry {
    /// The `count=` an aggregate row (`denied_repeated`, `denied_flood`) carries in its detail;
    /// 0 where there is none. Readers tallying events need it because an aggregate row stands
    /// for many denials, written once.
    pub fn aggregated_count(&self) -> u64 {
        self.detail
            .split_whitespace()
            .find_map(|w| w.strip_prefix("count="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// How many denials the row accounts for: 1 for a `denied` row written in full, its count
    /// for an aggregate row, 0 for any other row.
    pub fn denials(&self) -> u64 {
        match self.action.as_str() {
            "denied" => 1,
            "denied_repeated" | "denied_flood" => self.aggregated_count(),
            _ => 0,
        }
    }
}

/// An audit entry about to be written (the store numbers it).
#[derive(Clone, Debug)]
pub struct NewAudit {
    pub at: i64,
    pub actor: String,
    pub org: Option<String>,
    pub source: String,
    pub action: &'static str,
    pub target: String,
    pub outcome: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: i64,
    pub username: Username,
    pub scope: TokenScope,
    pub label: String,
    pub revoked: bool,
}

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// Locked before `conn` wherever both are.
    audit: Mutex<AuditState>,
}

struct AuditState {
    budget: AuditBudget,
    denials: Denials,
    unwritten: Unwritten,
    condition: AuditCondition,
    reason: Option<String>,
}

fn kind_of(text: String) -> rusqlite::Result<OrgKind> {
    text.parse().map_err(|e: crate::model::ParseError| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn parse_col<T: std::str::FromStr>(text: String) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

const USER_COLUMNS: &str = "u.id, u.username, u.role, u.disabled, o.id, o.name, o.kind";

fn user_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        username: parse_col(row.get(1)?)?,
        role: parse_col(row.get(2)?)?,
        disabled: row.get(3)?,
        org: Organisation {
            id: parse_col(row.get(4)?)?,
            name: row.get(5)?,
            kind: kind_of(row.get(6)?)?,
        },
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

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        restrict_permissions(path);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // The CLI may add a user while the server writes an audit line.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        // Stores made before the column existed.
        let has_stamp: bool = conn.query_row(
            "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'sessions_after'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !has_stamp {
            conn.execute_batch(
                "ALTER TABLE users ADD COLUMN sessions_after INTEGER NOT NULL DEFAULT 0",
            )?;
        }
        Ok(Store {
            conn: Mutex::new(conn),
            path: path.to_owned(),
            audit: Mutex::new(AuditState {
                budget: AuditBudget::default(),
                denials: Denials::default(),
                unwritten: Unwritten::default(),
                condition: AuditCondition::Ok,
                reason: None,
            }),
        })
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    pub fn user_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
    }

    /// Adds an organisation. Its name is parsed here, where every organisation is created
    /// (the CLI and any future form), so no name with invisible formatting characters or
    /// control characters is ever stored.
    pub fn add_org(&self, org: &Organisation) -> Result<(), StoreError> {
        let _: OrgName = org.name.parse()?;
        let n = self.conn().execute(
            "INSERT OR IGNORE INTO orgs (id, name, kind) VALUES (?1, ?2, ?3)",
            params![org.id.as_str(), org.name, org.kind.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::Invalid(format!(
                "organisation: `{}` already exists",
                org.id
            )));
        }
        Ok(())
    }

    pub fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, name, kind FROM orgs WHERE id = ?1",
                [id.as_str()],
                |r| {
                    Ok(Organisation {
                        id: parse_col(r.get(0)?)?,
                        name: r.get(1)?,
                        kind: kind_of(r.get(2)?)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT id, name, kind FROM orgs ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Organisation {
                id: parse_col(r.get(0)?)?,
                name: r.get(1)?,
                kind: kind_of(r.get(2)?)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        if self.org(org)?.is_none() {
            return Err(StoreError::Invalid(format!(
                "organisation: `{org}` does not exist"
            )));
        }
        let conn = self.conn();
        let n = conn.execute(
            "INSERT OR IGNORE INTO users (username, org, role, password_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                username.as_str(),
                org.as_str(),
                role.as_str(),
                password_hash,
                now
            ],
        )?;
        if n == 0 {
            return Err(StoreError::Invalid(format!(
                "username: `{username}` is taken"
            )));
        }
        Ok(conn.last_insert_rowid())
    }

    /// A user and their password hash, by name.
    pub fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        self.user_with("u.password_hash", "u.username = ?1", username)
    }

    /// The user `filter` finds (a condition on `u` with `key` as `?1`), with one more of their
    /// columns that [`User`] does not carry.
    fn user_with<T: FromSql>(
        &self,
        column: &str,
        filter: &str,
        key: impl ToSql,
    ) -> Result<Option<(User, T)>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, {column} FROM users u JOIN orgs o ON o.id = u.org
                     WHERE {filter}"
                ),
                [key],
                |r| Ok((user_row(r)?, r.get(7)?)),
            )
            .optional()?)
    }

    pub fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS} FROM users u JOIN orgs o ON o.id = u.org WHERE u.id = ?1"
                ),
                [id],
                user_row,
            )
            .optional()?)
    }

    pub fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN orgs o ON o.id = u.org
             WHERE u.org = ?1 ORDER BY u.username"
        ))?;
        let rows = stmt.query_map([org.as_str()], user_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE users SET disabled = ?2 WHERE id = ?1",
            params![user, disabled],
        )?;
        Ok(())
    }

    /// Sets a new password hash and ends every session begun before `now` (in any process:
    /// the server checks this stamp on every request).
    /// Sets a password; the user's sessions before `now` end, and the clients it trusted are
    /// forgotten (whoever knew the old password must keep neither).
    pub fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE users SET password_hash = ?2, sessions_after = ?3 WHERE id = ?1",
            params![user, hash, now],
        )?;
        tx.execute("DELETE FROM trusted_clients WHERE user_id = ?1", [user])?;
        tx.commit()?;
        Ok(())
    }

    /// A user, and the instant before which their sessions are no longer valid: what every
    /// request with a session cookie asks, in one query.
    pub fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        self.user_with("u.sessions_after", "u.id = ?1", id)
    }

    pub fn add_token(
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
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// The live token with this digest, its id and its user.
    pub fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, t.id, t.scope FROM tokens t
                     JOIN users u ON u.id = t.user_id JOIN orgs o ON o.id = u.org
                     WHERE t.digest = ?1 AND t.revoked_at IS NULL"
                ),
                [digest],
                |r| Ok((r.get(7)?, user_row(r)?, parse_col(r.get(8)?)?)),
            )
            .optional()?)
    }

    pub fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT t.id, u.username, t.scope, t.label, t.revoked_at IS NOT NULL
             FROM tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TokenInfo {
                id: r.get(0)?,
                username: parse_col(r.get(1)?)?,
                scope: parse_col(r.get(2)?)?,
                label: r.get(3)?,
                revoked: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Revokes a token; false if there is no live token with that id.
    pub fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now],
        )? == 1)
    }

    /// Appends an audit row (its strings bounded), within the audit budget; a denial
    /// (`denied`, `login_failed`) is aggregated as by [`audit_denial`](Self::audit_denial).
    /// `Ok(0)` when it was counted rather than written (see
    /// [`audit_health`](Self::audit_health)); an error when the write failed (also counted,
    /// and reported by `audit_health`). Prefer [`record_audit`](Self::record_audit), which
    /// never fails its caller.
    pub fn append_audit(&self, e: &NewAudit) -> Result<i64, StoreError> {
        let aggregate = is_aggregated(e.action, e.outcome);
        Ok(self.record(e, aggregate)?.unwrap_or(0))
    }

    /// Records an audit event: written (strings bounded), or counted in memory if the log is
    /// at its budget or cannot write. A denial (`denied`, `login_failed`) or any refusal (an
    /// outcome other than `ok`) is aggregated as by [`audit_denial`](Self::audit_denial). Never an error: an audit failure must not fail
    /// the act it describes; it shows in [`audit_health`](Self::audit_health).
    pub fn record_audit(&self, e: &NewAudit) -> AuditWrite {
        let aggregate = is_aggregated(e.action, e.outcome);
        match self.record(e, aggregate) {
            Ok(Some(seq)) => AuditWrite::Written(seq),
            Ok(None) | Err(_) => AuditWrite::Counted,
        }
    }

    /// Records a denied request, whatever its action. The first [`DENIALS_IN_FULL_PER_KEY`]
    /// per (address, action, actor, organisation, outcome, reason) and minute are written in
    /// full, and at most [`DENIALS_IN_FULL_PER_MINUTE`] in all; the rest are counted and
    /// written as aggregate rows (`denied_repeated`, and one `denied_flood` for the smallest
    /// counts) when a later minute's event arrives, at [`flush_denials`](Self::flush_denials)
    /// or when the store is dropped. A flood costs a bounded number of rows per minute (at
    /// most 51, each of bounded size); every denial is counted.
    ///
    /// [`DENIALS_IN_FULL_PER_KEY`]: crate::audit::DENIALS_IN_FULL_PER_KEY
    /// [`DENIALS_IN_FULL_PER_MINUTE`]: crate::audit::DENIALS_IN_FULL_PER_MINUTE
    pub fn audit_denial(&self, e: &NewAudit) -> AuditWrite {
        match self.record(e, true) {
            Ok(Some(seq)) => AuditWrite::Written(seq),
            Ok(None) | Err(_) => AuditWrite::Counted,
        }
    }

    fn record(&self, e: &NewAudit, aggregate: bool) -> Result<Option<i64>, StoreError> {
        let mut st = self.audit_state();
        self.flush_due(&mut st, e.at);
        let row = Row::of(e);
        if aggregate {
            match st.denials.take(row) {
                Denial::Counted => Ok(None),
                Denial::InFull(row) => self.write_rows(&mut st, vec![row]),
            }
        } else {
            self.write_rows(&mut st, vec![row])
        }
    }

    /// Writes the aggregate rows of denials counted in minutes before `now`'s. The server
    /// calls it once a minute so a flood that stops is written without waiting for the next
    /// event.
    pub fn flush_denials(&self, now: i64) {
        let mut st = self.audit_state();
        self.flush_due(&mut st, now);
    }

    /// Whether the audit log is writing (for `/healthz`).
    pub fn audit_health(&self) -> AuditHealth {
        let st = self.audit_state();
        AuditHealth {
            condition: st.condition,
            unwritten: st.unwritten.total(),
            pending_denials: st.denials.pending(),
            reason: st.reason.clone(),
        }
    }

    /// Sets the audit log's budget (the default is [`AuditBudget::default`]).
    pub fn set_audit_budget(&self, budget: AuditBudget) {
        self.audit_state().budget = budget;
    }

    fn audit_state(&self) -> MutexGuard<'_, AuditState> {
        // Counters and a budget: nothing a panic could leave half-changed that matters more
        // than keeping the audit log going.
        self.audit.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn flush_due(&self, st: &mut AuditState, now: i64) {
        if st.denials.due(now) {
            let rows = st.denials.drain();
            // A failure is counted in `unwritten` and shown by `audit_health`.
            let _ = self.write_rows(st, rows);
        }
    }

    /// Why the audit log may not grow now, if it may not: the store at its size budget or
    /// the file system below its free-space reserve. A few system calls, no SQL.
    fn over_budget(&self, budget: &AuditBudget) -> Option<String> {
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

    /// Writes `rows` in one transaction, after a row telling what could not be written
    /// before, if anything. Over budget or failing, the rows are counted instead. The last
    /// row's sequence number if written.
    fn write_rows(&self, st: &mut AuditState, rows: Vec<Row>) -> Result<Option<i64>, StoreError> {
        if rows.is_empty() && st.unwritten.total() == 0 {
            return Ok(None);
        }
        if let Some(why) = self.over_budget(&st.budget) {
            st.unwritten.add(&rows);
            st.condition = AuditCondition::Full;
            st.reason = Some(why);
            return Ok(None);
        }
        let summary = st.unwritten.summary(rows.iter().map(|r| r.at).max());
        match self.insert_rows(summary.iter().chain(&rows)) {
            Ok(seq) => {
                st.unwritten.clear();
                st.condition = AuditCondition::Ok;
                st.reason = None;
                Ok(seq)
            }
            Err(e) => {
                st.unwritten.add(&rows);
                st.condition = AuditCondition::Failing;
                st.reason = Some(crate::audit::bound(&e.to_string(), MAX_DETAIL).into_owned());
                Err(e.into())
            }
        }
    }

    fn insert_rows<'a>(
        &self,
        rows: impl Iterator<Item = &'a Row>,
    ) -> Result<Option<i64>, rusqlite::Error> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut last = None;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO audit (at, actor, org, source, action, target, outcome, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for r in rows {
                stmt.execute(params![
                    r.at, r.actor, r.org, r.source, r.action, r.target, r.outcome, r.detail
                ])?;
                last = Some(tx.last_insert_rowid());
            }
        }
        tx.commit()?;
        Ok(last)
    }

    /// Audit entries after `after`, oldest first, at most `limit`.
    pub fn audit(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_of(None, after, limit)
    }

    /// Audit entries of one organisation's users (`Some`), or all of them (`None`).
    pub fn audit_of(
        &self,
        org: Option<&OrgId>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT seq, at, actor, org, source, action, target, outcome, detail FROM audit
             WHERE seq > ?1 AND (?3 IS NULL OR org = ?3) ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit, org.map(OrgId::as_str)], |r| {
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
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// For the append-only test: tries to change history the way an attacker with the
    /// application's connection would.
    #[cfg(test)]
    pub(crate) fn raw(&self) -> MutexGuard<'_, Connection> {
        self.conn()
    }
}

impl Drop for Store {
    /// Denials counted but not yet written are written on the way out (a clean shutdown
    /// loses no count), after what the log could not write before, if it now can.
    fn drop(&mut self) {
        let mut st = self.audit_state();
        let rows = st.denials.drain();
        let _ = self.write_rows(&mut st, rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{
        AGGREGATE_ROWS_PER_MINUTE, DENIALS_IN_FULL_PER_KEY, DENIALS_IN_FULL_PER_MINUTE, MAX_FIELD,
    };

    const MINUTE: i64 = 60_000_000;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("accounts.db")).unwrap();
        (dir, store)
    }

    /// The probe's request: `POST /admin/users/<60,000 × a>/disable` without credentials.
    fn denial(source: &str, at: i64) -> NewAudit {
        NewAudit {
            at,
            actor: "anonymous".into(),
            org: None,
            source: source.into(),
            action: "denied",
            target: format!("POST /admin/users/{}/disable", "a".repeat(60_000)),
            outcome: "401",
            detail: "sign in first".into(),
        }
    }

    /// Rows, bytes of text, and the denials they account for (1 per full row, `count=` of an
    /// aggregate row).
    fn tally(store: &Store) -> (usize, i64, u64) {
        let rows = store.audit(0, 100_000).unwrap();
        let bytes: i64 = store
            .raw()
            .query_row(
                "SELECT COALESCE(SUM(length(actor) + length(COALESCE(org, '')) + length(source)
                   + length(action) + length(target) + length(outcome) + length(detail)), 0)
                 FROM audit",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let denials = rows.iter().map(AuditEntry::denials).sum();
        (rows.len(), bytes, denials)
    }

    #[test]
    fn every_audited_string_is_bounded_whoever_writes_it() {
        let (_dir, store) = open();
        let long = "é".repeat(40_000);
        let seq = store
            .append_audit(&NewAudit {
                at: 1,
                actor: long.clone(),
                org: Some(long.clone()),
                source: long.clone(),
                action: "denied",
                target: format!("POST /admin/users/{}/disable", "a".repeat(60_000)),
                outcome: "401",
                detail: long.clone(),
            })
            .unwrap();
        assert!(seq > 0);
        let row = &store.audit(0, 10).unwrap()[0];
        for field in [
            &row.actor,
            row.org.as_ref().unwrap(),
            &row.source,
            &row.target,
        ] {
            assert!(field.len() <= MAX_FIELD + 24, "{}", field.len());
            assert!(field.contains("…(+"), "the cut is marked");
        }
        assert!(
            row.target.ends_with("…(+59770 bytes)"),
            "{}",
            &row.target[200..]
        );
        assert!(row.detail.len() <= MAX_DETAIL + 24);
    }

    /// The probe's flood: 20,000 anonymous denials with 60,000-byte paths from one address in
    /// one minute. Five are written in full and one aggregate row counts the rest: six rows of
    /// bounded size (before: 20,000 rows of 60 kB, 1.2 GB), and the counts add up.
    #[test]
    fn a_flood_from_one_address_costs_a_few_rows_and_every_denial_is_counted() {
        let (_dir, store) = open();
        for i in 0..20_000 {
            store.audit_denial(&denial("203.0.113.9", i * 2_000));
        }
        assert_eq!(store.audit_health().pending_denials, 19_995);
        store.flush_denials(MINUTE);
        let (rows, bytes, denials) = tally(&store);
        assert_eq!(rows, DENIALS_IN_FULL_PER_KEY as usize + 1);
        assert!(bytes < 4_000, "{bytes} bytes");
        assert_eq!(denials, 20_000);
        let agg = store.audit(0, 100).unwrap().pop().unwrap();
        assert_eq!(
            (agg.action.as_str(), agg.source.as_str()),
            ("denied_repeated", "203.0.113.9")
        );
        assert!(
            agg.detail.contains("action=denied count=19995"),
            "{}",
            agg.detail
        );
        assert_eq!(store.audit_health().pending_denials, 0);
    }

    /// The same flood from 1,000 addresses: 30 written in full in all, 20 aggregate rows for
    /// the addresses with the most, one `denied_flood` row for the others.
    #[test]
    fn a_flood_from_many_addresses_is_bounded_by_the_global_bound() {
        let (_dir, store) = open();
        for i in 0..20_000 {
            store.audit_denial(&denial(
                &format!("198.51.{}.{}", i % 1000 / 250, i % 250),
                i * 2_000,
            ));
        }
        store.flush_denials(MINUTE);
        let (rows, bytes, denials) = tally(&store);
        assert_eq!(
            rows,
            DENIALS_IN_FULL_PER_MINUTE as usize + AGGREGATE_ROWS_PER_MINUTE + 1
        );
        assert!(bytes < 30_000, "{bytes} bytes");
        assert_eq!(denials, 20_000);
        let flood = store.audit(0, 100).unwrap().pop().unwrap();
        assert_eq!(flood.action, "denied_flood");
        assert!(flood.detail.contains("addresses=980"), "{}", flood.detail);
        // A second minute of the same: the same bound again.
        for i in 0..20_000 {
            store.audit_denial(&denial(
                &format!("198.51.{}.{}", i % 1000 / 250, i % 250),
                MINUTE + i * 2_000,
            ));
        }
        store.flush_denials(2 * MINUTE);
        let (rows2, _, denials2) = tally(&store);
        assert_eq!(rows2, 2 * rows);
        assert_eq!(denials2, 40_000);
    }

    /// The server's existing path (`append_audit` with action `denied`, and `login_failed`)
    /// is aggregated too: the probe's 19,919 requests wrote 19,919 rows through it.
    #[test]
    fn denials_written_through_the_plain_append_are_aggregated_too() {
        let (_dir, store) = open();
        for i in 0..1_000 {
            assert!(store.append_audit(&denial("203.0.113.9", i)).is_ok());
            store.record_audit(&NewAudit {
                action: "login_failed",
                ..denial("203.0.113.9", i)
            });
        }
        store.flush_denials(MINUTE);
        let rows = store.audit(0, 100).unwrap();
        assert_eq!(rows.len(), 2 * (DENIALS_IN_FULL_PER_KEY as usize + 1));
        for action in ["denied", "login_failed"] {
            assert_eq!(rows.iter().filter(|r| r.action == action).count(), 5);
            let prefix = format!("action={action} count=995 in_full=5 ");
            assert!(
                rows.iter().any(|r| r.detail.starts_with(&prefix)),
                "{rows:?}"
            );
        }
    }

    #[test]
    fn counted_denials_are_written_when_the_next_minute_begins_or_on_drop() {
        let (dir, store) = open();
        for i in 0..10 {
            store.audit_denial(&denial("192.0.2.1", i));
        }
        assert_eq!(tally(&store).0, 5, "the rest wait for the minute's end");
        store.record_audit(&NewAudit {
            action: "login",
            ..denial("192.0.2.2", MINUTE + 1)
        });
        assert_eq!(
            tally(&store).2,
            10,
            "an event of a later minute writes them"
        );
        for i in 0..10 {
            store.audit_denial(&denial("192.0.2.1", 2 * MINUTE + i));
        }
        drop(store);
        let store = Store::open(&dir.path().join("accounts.db")).unwrap();
        assert_eq!(
            tally(&store).2,
            20,
            "dropping the store writes what it counted"
        );
    }

    /// At its budget the audit log stops writing, says so, and does not fail its callers;
    /// given room again it first writes what it could not.
    #[test]
    fn a_store_at_its_budget_reports_full_and_does_not_fail_the_caller() {
        let (_dir, store) = open();
        let before = tally(&store).0;
        store.set_audit_budget(AuditBudget {
            max_store_bytes: 1,
            ..AuditBudget::default()
        });
        let login = NewAudit {
            action: "login",
            ..denial("192.0.2.7", 5)
        };
        assert_eq!(store.record_audit(&login), AuditWrite::Counted);
        assert_eq!(
            store.append_audit(&login).unwrap(),
            0,
            "no error for the caller"
        );
        for i in 0..100 {
            store.audit_denial(&denial("192.0.2.8", 10 + i));
        }
        store.flush_denials(MINUTE);
        let health = store.audit_health();
        assert_eq!(health.condition, AuditCondition::Full);
        assert!(health.degraded());
        assert_eq!(health.unwritten, 102);
        assert!(health.reason.unwrap().contains("budget"));
        assert_eq!(tally(&store).0, before, "nothing written");
        // Users and tokens are not the audit log: they still work.
        assert!(store.set_setting("public_read", "on").is_ok());

        store.set_audit_budget(AuditBudget::default());
        assert!(matches!(store.record_audit(&login), AuditWrite::Written(_)));
        let health = store.audit_health();
        assert_eq!(
            (health.condition, health.unwritten),
            (AuditCondition::Ok, 0)
        );
        let rows = store.audit(0, 100).unwrap();
        let summary = &rows[rows.len() - 2];
        assert_eq!(summary.action, "audit_unwritten");
        assert!(
            summary
                .detail
                .contains("count=102 since=5 while the audit log was full or failing: denied=5 denied_repeated=95 login=2"),
            "{}",
            summary.detail
        );
    }

    #[test]
    fn a_free_space_reserve_stops_the_audit_log() {
        let (_dir, store) = open();
        store.set_audit_budget(AuditBudget {
            min_free_bytes: u64::MAX,
            ..AuditBudget::default()
        });
        assert_eq!(store.record_audit(&denial("x", 1)), AuditWrite::Counted);
        assert_eq!(store.audit_health().condition, AuditCondition::Full);
    }

    /// A write that fails (here SQLite's "database or disk is full", forced with a page
    /// limit) is counted and reported, not returned to the caller of `record_audit`.
    #[test]
    fn a_failing_write_is_reported_as_health_not_as_an_error() {
        let (_dir, store) = open();
        let pages: i64 = store
            .raw()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .raw()
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let mut counted = 0;
        for i in 0..200 {
            if store.record_audit(&NewAudit {
                action: "record_act",
                outcome: "ok",
                detail: "x".repeat(4000),
                ..denial("192.0.2.9", i)
            }) == AuditWrite::Counted
            {
                counted += 1;
            }
        }
        assert!(counted > 0);
        let health = store.audit_health();
        assert_eq!(health.condition, AuditCondition::Failing);
        assert!(health.reason.unwrap().contains("full"));
        assert_eq!(health.unwritten, counted);
        assert!(store
            .append_audit(&NewAudit {
                action: "record_act",
                outcome: "ok",
                detail: "x".repeat(4000),
                ..denial("y", 300)
            })
            .is_err());
        store
            .raw()
            .pragma_update(None, "max_page_count", 1_000_000)
            .unwrap();
        assert!(matches!(
            store.record_audit(&denial("z", 400)),
            AuditWrite::Written(_)
        ));
        assert_eq!(store.audit_health().condition, AuditCondition::Ok);
    }

    #[test]
    fn an_organisation_name_with_invisible_characters_is_refused_naming_the_field() {
        let (_dir, store) = open();
        let e = store
            .add_org(&Organisation {
                id: "evil".parse().unwrap(),
                name: "Ministry of \u{202E}sriaffA".into(),
                kind: OrgKind::Observer,
            })
            .unwrap_err();
        assert!(e.to_string().starts_with("name: "), "{e}");
        assert!(store.orgs().unwrap().is_empty());
    }
}
