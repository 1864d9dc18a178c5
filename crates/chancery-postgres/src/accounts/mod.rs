//! The accounts store on PostgreSQL: the [`AccountsPort`] that lets several instances share
//! organisations, users, tokens, sessions and the audit log. Tables live in the `accounts`
//! schema (see `schema.rs`), so the journal's URL can hold them too.
//!
//! Two connections, each behind a mutex: one for the audit log's writer thread (its group
//! commits), one for everything else (a few small questions per request), so a token look-up
//! never waits behind an audit commit. A connection the server closed is opened again on the
//! next call.

mod off_runtime;
mod schema;
mod transfer;

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chancery_accounts::audit::{AuditBudget, Row};
use chancery_accounts::model::ParseError;
use chancery_accounts::store::{AuditEntry, StoreError, TokenInfo};
use chancery_accounts::transfer::{AccountsSnapshot, AuditPages, RowCounts};
use chancery_accounts::{
    AccountsPort, OrgId, Organisation, Role, SessionRow, TokenScope, User, Username,
};
use postgres::{Client, NoTls};

/// How long a measured database size stands for the audit budget: the size is one query, not
/// worth asking before every batch.
const SIZE_FRESH_FOR: Duration = Duration::from_secs(5);

/// A PostgreSQL accounts store.
pub struct PgAccounts {
    /// Kept to reconnect; a secret when it carries a password, so never shown.
    url: String,
    client: Mutex<Client>,
    audit: Mutex<Client>,
    size: Mutex<Option<(Instant, u64)>>,
}

/// The server's own words (e.g. `FATAL 28P01: password authentication failed …`), as the
/// journal's errors give them: rust-postgres's short text alone is `db error`.
fn db(e: postgres::Error) -> StoreError {
    StoreError::backend(crate::journal::errors::Described::new(e))
}

fn parse<T: std::str::FromStr<Err = ParseError>>(s: String) -> Result<T, StoreError> {
    Ok(s.parse()?)
}

const USER_COLUMNS: &str = "u.id, u.username, u.role, u.disabled, o.id, o.name, o.kind";
const USER_FROM: &str = "accounts.users u JOIN accounts.orgs o ON o.id = u.org";

fn user_of(r: &postgres::Row) -> Result<User, StoreError> {
    Ok(User {
        id: r.get(0),
        username: parse(r.get(1))?,
        role: parse(r.get(2))?,
        disabled: r.get(3),
        org: Organisation {
            id: parse(r.get(4))?,
            name: r.get(5),
            kind: parse(r.get(6))?,
        },
    })
}

fn org_of(r: &postgres::Row) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: parse(r.get(0))?,
        name: r.get(1),
        kind: parse(r.get(2))?,
    })
}

/// How long connecting may take, and any one statement, unless the URL says otherwise: every
/// request that carries credentials waits on this store, so a database that hangs (rather than
/// refusing connections) must cost a bounded wait and a `503`, not a thread per request held
/// until the database comes back.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
const STATEMENT_TIMEOUT_MS: u32 = 10_000;

fn open_connection(url: &str) -> Result<Client, postgres::Error> {
    let mut config: postgres::Config = url.parse()?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    // A peer that vanished without closing is noticed within about a minute, not hours.
    config.keepalives(true);
    config.keepalives_idle(std::time::Duration::from_secs(30));
    config.application_name("chancery accounts");
    let mut client = config.connect(NoTls)?;
    client.batch_execute(&format!("SET statement_timeout = {STATEMENT_TIMEOUT_MS}"))?;
    Ok(client)
}

impl PgAccounts {
    /// Connects to the database at `url` and brings the accounts schema up to date. An error
    /// never quotes the URL (it may carry a password).
    pub fn connect(url: &str) -> Result<PgAccounts, StoreError> {
        let mut client = open_connection(url).map_err(db)?;
        schema::migrate(&mut client).map_err(db)?;
        let audit = open_connection(url).map_err(db)?;
        Ok(PgAccounts {
            url: url.to_owned(),
            client: Mutex::new(client),
            audit: Mutex::new(audit),
            size: Mutex::new(None),
        })
    }

    /// The connection for all but audit appends, opened again if the server closed it.
    fn client(&self) -> Result<MutexGuard<'_, Client>, StoreError> {
        self.reopened(&self.client)
    }

    fn reopened<'a>(&self, m: &'a Mutex<Client>) -> Result<MutexGuard<'a, Client>, StoreError> {
        let mut c = m.lock().unwrap_or_else(|p| p.into_inner());
        if c.is_closed() {
            *c = open_connection(&self.url).map_err(db)?;
        }
        Ok(c)
    }

    /// A read, asked again once on a new connection when the one it used turns out to have
    /// been closed (the database restarted since it was last used): a read changes nothing, so
    /// asking again is safe, and the first request after a restart is not failed for a socket
    /// that died while idle.
    fn read_opt(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Option<postgres::Row>, StoreError> {
        let mut client = self.client()?;
        match client.query_opt(sql, params) {
            Err(_) if client.is_closed() => {
                *client = open_connection(&self.url).map_err(db)?;
                client.query_opt(sql, params).map_err(db)
            }
            answered => answered.map_err(db),
        }
    }

    /// The schema version the store is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .client()?
            .query_one("SELECT MAX(version) FROM accounts.migrations", &[])
            .map_err(db)?
            .get(0))
    }

    fn user_where(
        &self,
        filter: &str,
        key: &(dyn postgres::types::ToSql + Sync),
    ) -> Result<Option<(User, postgres::Row)>, StoreError> {
        let row = self.read_opt(
            &format!(
                "SELECT {USER_COLUMNS}, u.password_hash, u.sessions_after FROM {USER_FROM} WHERE {filter}"
            ),
            &[key],
        )?;
        row.map(|r| Ok((user_of(&r)?, r))).transpose()
    }
}

impl AccountsPort for PgAccounts {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .read_opt(
                "SELECT value FROM accounts.settings WHERE key = $1",
                &[&key],
            )?
            .map(|r| r.get(0)))
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "INSERT INTO accounts.settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map_err(db)?;
        Ok(())
    }

    fn user_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .client()?
            .query_one("SELECT COUNT(*) FROM accounts.users", &[])
            .map_err(db)?
            .get(0))
    }

    fn insert_org(&self, org: &Organisation) -> Result<bool, StoreError> {
        let n = self
            .client()?
            .execute(
                "INSERT INTO accounts.orgs (id, name, kind) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&org.id.as_str(), &org.name, &org.kind.to_string()],
            )
            .map_err(db)?;
        Ok(n == 1)
    }

    fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError> {
        self.client()?
            .query_opt(
                "SELECT id, name, kind FROM accounts.orgs WHERE id = $1",
                &[&id.as_str()],
            )
            .map_err(db)?
            .map(|r| org_of(&r))
            .transpose()
    }

    fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        self.client()?
            .query("SELECT id, name, kind FROM accounts.orgs ORDER BY id", &[])
            .map_err(db)?
            .iter()
            .map(org_of)
            .collect()
    }

    fn insert_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(self
            .client()?
            .query_opt(
                "INSERT INTO accounts.users (username, org, role, password_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id",
                &[
                    &username.as_str(),
                    &org.as_str(),
                    &role.as_str(),
                    &password_hash,
                    &now,
                ],
            )
            .map_err(db)?
            .map(|r| r.get(0)))
    }

    fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        Ok(self
            .user_where("u.username = $1", &username)?
            .map(|(u, r)| (u, r.get(7))))
    }

    fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        Ok(self.user_where("u.id = $1", &id)?.map(|(u, _)| u))
    }

    fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        Ok(self
            .user_where("u.id = $1", &id)?
            .map(|(u, r)| (u, r.get(8))))
    }

    fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError> {
        self.client()?
            .query(
                &format!(
                    "SELECT {USER_COLUMNS} FROM {USER_FROM} WHERE u.org = $1 ORDER BY u.username"
                ),
                &[&org.as_str()],
            )
            .map_err(db)?
            .iter()
            .map(user_of)
            .collect()
    }

    fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "UPDATE accounts.users SET disabled = $2 WHERE id = $1",
                &[&user, &disabled],
            )
            .map_err(db)?;
        Ok(())
    }

    fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        let mut c = self.client()?;
        let mut tx = c.transaction().map_err(db)?;
        tx.execute(
            "UPDATE accounts.users SET password_hash = $2, sessions_after = $3 WHERE id = $1",
            &[&user, &hash, &now],
        )
        .map_err(db)?;
        tx.execute(
            "DELETE FROM accounts.trusted_clients WHERE user_id = $1",
            &[&user],
        )
        .map_err(db)?;
        tx.execute("DELETE FROM accounts.sessions WHERE user_id = $1", &[&user])
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
        Ok(self
            .client()?
            .query_one(
                "INSERT INTO accounts.tokens (digest, user_id, scope, label, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&digest, &user, &scope.as_str(), &label, &now],
            )
            .map_err(db)?
            .get(0))
    }

    fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError> {
        self.read_opt(
            &format!(
                "SELECT {USER_COLUMNS}, t.id, t.scope FROM accounts.tokens t
                 JOIN accounts.users u ON u.id = t.user_id
                 JOIN accounts.orgs o ON o.id = u.org
                 WHERE t.digest = $1 AND t.revoked_at IS NULL"
            ),
            &[&digest],
        )?
        .map(|r| Ok((r.get(7), user_of(&r)?, parse(r.get(8))?)))
        .transpose()
    }

    fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        self.client()?
            .query(
                "SELECT t.id, u.username, t.scope, t.label, t.revoked_at IS NOT NULL
                 FROM accounts.tokens t JOIN accounts.users u ON u.id = t.user_id ORDER BY t.id",
                &[],
            )
            .map_err(db)?
            .iter()
            .map(|r| {
                Ok(TokenInfo {
                    id: r.get(0),
                    username: parse(r.get(1))?,
                    scope: parse(r.get(2))?,
                    label: r.get(3),
                    revoked: r.get(4),
                })
            })
            .collect()
    }

    fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        Ok(self
            .client()?
            .execute(
                "UPDATE accounts.tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                &[&id, &now],
            )
            .map_err(db)?
            == 1)
    }

    fn is_client_trusted(&self, user: i64, client: &str, since: i64) -> Result<bool, StoreError> {
        Ok(self
            .read_opt(
                "SELECT EXISTS (SELECT 1 FROM accounts.trusted_clients
                 WHERE user_id = $1 AND client = $2 AND last_at > $3)",
                &[&user, &client, &since],
            )?
            .is_some_and(|r| r.get(0)))
    }

    fn trust_client(
        &self,
        user: i64,
        client: &str,
        now: i64,
        keep: i64,
        forget_through: i64,
    ) -> Result<(), StoreError> {
        let mut c = self.client()?;
        let mut tx = c.transaction().map_err(db)?;
        tx.execute(
            "INSERT INTO accounts.trusted_clients (user_id, client, last_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, client) DO UPDATE SET last_at = excluded.last_at",
            &[&user, &client, &now],
        )
        .map_err(db)?;
        tx.execute(
            "DELETE FROM accounts.trusted_clients WHERE user_id = $1 AND client NOT IN
               (SELECT client FROM accounts.trusted_clients WHERE user_id = $1
                ORDER BY last_at DESC LIMIT $2)",
            &[&user, &keep],
        )
        .map_err(db)?;
        tx.execute(
            "DELETE FROM accounts.trusted_clients WHERE user_id = $1 AND last_at <= $2",
            &[&user, &forget_through],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn insert_session(&self, s: &SessionRow) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "INSERT INTO accounts.sessions (digest, user_id, created_at, last_seen)
                 VALUES ($1, $2, $3, $4)",
                &[&s.digest, &s.user, &s.created, &s.last_seen],
            )
            .map_err(db)?;
        Ok(())
    }

    fn session(&self, digest: &str) -> Result<Option<SessionRow>, StoreError> {
        Ok(self
            .read_opt(
                "SELECT digest, user_id, created_at, last_seen FROM accounts.sessions
                 WHERE digest = $1",
                &[&digest],
            )?
            .map(|r| SessionRow {
                digest: r.get(0),
                user: r.get(1),
                created: r.get(2),
                last_seen: r.get(3),
            }))
    }

    fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "UPDATE accounts.sessions SET last_seen = GREATEST(last_seen, $2)
                 WHERE digest = $1",
                &[&digest, &now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn delete_session(&self, digest: &str) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "DELETE FROM accounts.sessions WHERE digest = $1",
                &[&digest],
            )
            .map_err(db)?;
        Ok(())
    }

    fn delete_sessions_of(&self, user: i64) -> Result<usize, StoreError> {
        let n = self
            .client()?
            .execute("DELETE FROM accounts.sessions WHERE user_id = $1", &[&user])
            .map_err(db)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn delete_expired_sessions(
        &self,
        idle_through: i64,
        created_through: i64,
    ) -> Result<(), StoreError> {
        self.client()?
            .execute(
                "DELETE FROM accounts.sessions WHERE last_seen <= $1 OR created_at <= $2",
                &[&idle_through, &created_through],
            )
            .map_err(db)?;
        Ok(())
    }

    fn append_audit(&self, rows: &[Row]) -> Result<Vec<i64>, StoreError> {
        let mut c = self.reopened(&self.audit)?;
        let mut tx = c.transaction().map_err(db)?;
        let insert = tx
            .prepare(
                "INSERT INTO accounts.audit (at, actor, org, source, action, target, outcome, detail)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq",
            )
            .map_err(db)?;
        let mut seqs = Vec::with_capacity(rows.len());
        for r in rows {
            let seq: i64 = tx
                .query_one(
                    &insert,
                    &[
                        &r.at, &r.actor, &r.org, &r.source, &r.action, &r.target, &r.outcome,
                        &r.detail,
                    ],
                )
                .map_err(db)?
                .get(0);
            seqs.push(seq);
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
        let org = org.map(OrgId::as_str);
        let limit = i64::from(limit);
        Ok(self
            .client()?
            .query(
                "SELECT seq, at, actor, org, source, action, target, outcome, detail
                 FROM accounts.audit WHERE seq > $1 AND ($3::TEXT IS NULL OR org = $3)
                 ORDER BY seq LIMIT $2",
                &[&after, &limit, &org],
            )
            .map_err(db)?
            .iter()
            .map(|r| AuditEntry {
                seq: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                org: r.get(3),
                source: r.get(4),
                action: r.get(5),
                target: r.get(6),
                outcome: r.get(7),
                detail: r.get(8),
            })
            .collect())
    }

    /// The database's size against the budget's store size (measured at most every
    /// [`SIZE_FRESH_FOR`]). The server's free disk is not visible to a client: the database's
    /// operator keeps that reserve.
    fn audit_over_budget(&self, budget: &AuditBudget) -> Option<String> {
        let mut cached = self.size.lock().unwrap_or_else(|p| p.into_inner());
        let size = match *cached {
            Some((at, size)) if at.elapsed() < SIZE_FRESH_FOR => size,
            _ => {
                let size = self
                    .client()
                    .ok()?
                    .query_one("SELECT pg_database_size(current_database())", &[])
                    .ok()?
                    .get::<_, i64>(0);
                let size = u64::try_from(size).unwrap_or(0);
                *cached = Some((Instant::now(), size));
                size
            }
        };
        (size >= budget.max_store_bytes).then(|| {
            format!(
                "the accounts database is at its audit budget ({size} of {} bytes)",
                budget.max_store_bytes
            )
        })
    }

    fn row_counts(&self) -> Result<RowCounts, StoreError> {
        transfer::counts(&mut *self.client()?)
    }

    fn snapshot(&self) -> Result<AccountsSnapshot, StoreError> {
        transfer::snapshot(&mut *self.client()?)
    }

    fn import(
        &self,
        snapshot: &AccountsSnapshot,
        audit: &mut AuditPages<'_>,
    ) -> Result<(), StoreError> {
        transfer::import(&mut *self.client()?, snapshot, audit)
    }
}

/// The accounts store in the database at `url`, as a bare port whose every call leaves the
/// async runtime: no audit writer, no first administrator (what copies a store needs, as they
/// would write into it).
pub fn open_port(url: &str) -> Result<std::sync::Arc<dyn AccountsPort>, StoreError> {
    let port = crate::runtime::off_runtime(|| PgAccounts::connect(url))?;
    Ok(std::sync::Arc::new(off_runtime::OffRuntime::new(port)))
}

/// Opens the accounts store at `location`: a `postgres://` URL (its `accounts` schema), or the
/// path of a SQLite file. What the CLI's and the server's `--db` lead to.
pub fn open_store(location: &str) -> Result<chancery_accounts::Store, StoreError> {
    if crate::is_postgres_url(location) {
        Ok(chancery_accounts::Store::new(open_port(location)?))
    } else {
        chancery_accounts::Store::open(std::path::Path::new(location))
    }
}

/// [`chancery_accounts::Accounts`] over the store at `location` (see [`open_store`]), with a
/// first administrator if it has no user yet (returned once, as
/// [`Accounts::open`](chancery_accounts::Accounts::open) does).
pub fn open_accounts(
    location: &str,
    lifetimes: chancery_accounts::Lifetimes,
) -> Result<
    (
        chancery_accounts::Accounts,
        Option<chancery_accounts::Bootstrap>,
    ),
    chancery_accounts::AccountsError,
> {
    chancery_accounts::Accounts::with_store(open_store(location)?, lifetimes)
}
