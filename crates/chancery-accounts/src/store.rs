//! The accounts store: organisations, users, API tokens, settings and the audit log, in SQLite
//! beside the journal (its own file, so the CLI can add users while the server runs).
//! Every write is one transaction with `synchronous=FULL`: acknowledged means on disk.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{OrgId, OrgKind, Organisation, Role, TokenScope, User, Username};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("accounts store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
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
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
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

    pub fn add_org(&self, org: &Organisation) -> Result<(), StoreError> {
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
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN orgs o ON o.id = u.org
                     WHERE u.username = ?1"
                ),
                [username],
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
    pub fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE users SET password_hash = ?2, sessions_after = ?3 WHERE id = ?1",
            params![user, hash, now],
        )?;
        Ok(())
    }

    /// A user, and the instant before which their sessions are no longer valid: what every
    /// request with a session cookie asks, in one query.
    pub fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, u.sessions_after FROM users u JOIN orgs o ON o.id = u.org
                     WHERE u.id = ?1"
                ),
                [id],
                |r| Ok((user_row(r)?, r.get(7)?)),
            )
            .optional()?)
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

    pub fn append_audit(&self, e: &NewAudit) -> Result<i64, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO audit (at, actor, org, source, action, target, outcome, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![e.at, e.actor, e.org, e.source, e.action, e.target, e.outcome, e.detail],
        )?;
        Ok(conn.last_insert_rowid())
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
