//! The SQLite store read whole and written whole, for a move between stores
//! ([`crate::transfer`]).

use rusqlite::{params, Connection, TransactionBehavior};

use super::db;
use crate::store::StoreError;
use crate::transfer::{
    not_empty, AccountsSnapshot, AuditPages, OrgRow, RowCounts, TokenRow, TrustedClientRow, UserRow,
};

pub(super) fn counts(conn: &Connection) -> rusqlite::Result<RowCounts> {
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM orgs), (SELECT COUNT(*) FROM users),
                (SELECT COUNT(*) FROM tokens), (SELECT COUNT(*) FROM trusted_clients),
                (SELECT COUNT(*) FROM settings), (SELECT COUNT(*) FROM sessions),
                (SELECT COUNT(*) FROM audit)",
        [],
        |r| {
            Ok(RowCounts {
                orgs: r.get(0)?,
                users: r.get(1)?,
                tokens: r.get(2)?,
                trusted_clients: r.get(3)?,
                settings: r.get(4)?,
                sessions: r.get(5)?,
                audit: r.get(6)?,
            })
        },
    )
}

/// Every row of `sql`, each made by `row`.
fn all<T>(
    conn: &Connection,
    sql: &str,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], row)?;
    rows.collect()
}

/// In one read transaction, so the counts and the rows are of one moment (SQLite's ordering
/// is by bytes, as PostgreSQL's `COLLATE "C"`, so two backends list alike).
pub(super) fn snapshot(conn: &mut Connection) -> rusqlite::Result<AccountsSnapshot> {
    let tx = conn.transaction()?;
    let orgs = all(&tx, "SELECT id, name, kind FROM orgs ORDER BY id", |r| {
        Ok(OrgRow {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
        })
    })?;
    let users = all(
        &tx,
        "SELECT id, username, org, role, password_hash, disabled, created_at, sessions_after
         FROM users ORDER BY id",
        |r| {
            Ok(UserRow {
                id: r.get(0)?,
                username: r.get(1)?,
                org: r.get(2)?,
                role: r.get(3)?,
                password_hash: r.get(4)?,
                disabled: r.get(5)?,
                created_at: r.get(6)?,
                sessions_after: r.get(7)?,
            })
        },
    )?;
    let tokens = all(
        &tx,
        "SELECT id, digest, user_id, scope, label, created_at, revoked_at FROM tokens ORDER BY id",
        |r| {
            Ok(TokenRow {
                id: r.get(0)?,
                digest: r.get(1)?,
                user_id: r.get(2)?,
                scope: r.get(3)?,
                label: r.get(4)?,
                created_at: r.get(5)?,
                revoked_at: r.get(6)?,
            })
        },
    )?;
    let trusted_clients = all(
        &tx,
        "SELECT user_id, client, last_at FROM trusted_clients ORDER BY user_id, client",
        |r| {
            Ok(TrustedClientRow {
                user_id: r.get(0)?,
                client: r.get(1)?,
                last_at: r.get(2)?,
            })
        },
    )?;
    let settings = all(&tx, "SELECT key, value FROM settings ORDER BY key", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    let counts = counts(&tx)?;
    let audit_through =
        tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM audit", [], |r| r.get(0))?;
    tx.commit()?;
    Ok(AccountsSnapshot {
        orgs,
        users,
        tokens,
        trusted_clients,
        settings,
        counts,
        audit_through,
    })
}

/// One immediate transaction: no other writer gets in between the emptiness check and the
/// commit, and a failure anywhere (a source page that cannot be read included) leaves the
/// store as it was. Explicit ids move SQLite's counters by themselves: a rowid table takes the
/// largest id plus one, and the audit log's AUTOINCREMENT records the largest number written.
pub(super) fn import(
    conn: &mut Connection,
    s: &AccountsSnapshot,
    audit: &mut AuditPages<'_>,
) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let held = counts(&tx).map_err(db)?;
    if !held.is_empty() {
        return Err(not_empty(&held));
    }
    for o in &s.orgs {
        tx.execute(
            "INSERT INTO orgs (id, name, kind) VALUES (?1, ?2, ?3)",
            params![o.id, o.name, o.kind],
        )
        .map_err(db)?;
    }
    for u in &s.users {
        tx.execute(
            "INSERT INTO users (id, username, org, role, password_hash, disabled, created_at,
                                sessions_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                u.id,
                u.username,
                u.org,
                u.role,
                u.password_hash,
                u.disabled,
                u.created_at,
                u.sessions_after
            ],
        )
        .map_err(db)?;
    }
    for t in &s.tokens {
        tx.execute(
            "INSERT INTO tokens (id, digest, user_id, scope, label, created_at, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                t.id,
                t.digest,
                t.user_id,
                t.scope,
                t.label,
                t.created_at,
                t.revoked_at
            ],
        )
        .map_err(db)?;
    }
    for c in &s.trusted_clients {
        tx.execute(
            "INSERT INTO trusted_clients (user_id, client, last_at) VALUES (?1, ?2, ?3)",
            params![c.user_id, c.client, c.last_at],
        )
        .map_err(db)?;
    }
    for (key, value) in &s.settings {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![key, value],
        )
        .map_err(db)?;
    }
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO audit (seq, at, actor, org, source, action, target, outcome, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(db)?;
        let mut after = 0;
        loop {
            let page = audit(after)?;
            let Some(last) = page.last().map(|r| r.seq) else {
                break;
            };
            if last <= after {
                return Err(StoreError::Invalid(format!(
                    "audit log: the source's page after #{after} did not move forward"
                )));
            }
            for r in &page {
                insert
                    .execute(params![
                        r.seq, r.at, r.actor, r.org, r.source, r.action, r.target, r.outcome,
                        r.detail
                    ])
                    .map_err(db)?;
            }
            after = last;
        }
    }
    tx.commit().map_err(db)
}
