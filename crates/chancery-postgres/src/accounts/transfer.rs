//! The PostgreSQL store read whole and written whole, for a move between stores
//! (`chancery_accounts::transfer`).

use chancery_accounts::store::{AuditEntry, StoreError};
use chancery_accounts::transfer::{
    not_empty, AccountsSnapshot, AuditPages, OrgRow, RowCounts, TokenRow, TrustedClientRow, UserRow,
};
use postgres::{GenericClient, IsolationLevel};

use super::db;

const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM accounts.orgs),
    (SELECT COUNT(*) FROM accounts.users), (SELECT COUNT(*) FROM accounts.tokens),
    (SELECT COUNT(*) FROM accounts.trusted_clients), (SELECT COUNT(*) FROM accounts.settings),
    (SELECT COUNT(*) FROM accounts.sessions), (SELECT COUNT(*) FROM accounts.audit)";

pub(super) fn counts(c: &mut impl GenericClient) -> Result<RowCounts, StoreError> {
    let r = c.query_one(COUNTS, &[]).map_err(db)?;
    Ok(RowCounts {
        orgs: r.get(0),
        users: r.get(1),
        tokens: r.get(2),
        trusted_clients: r.get(3),
        settings: r.get(4),
        sessions: r.get(5),
        audit: r.get(6),
    })
}

/// In one repeatable-read transaction, so the counts and the rows are of one moment. Text is
/// ordered by bytes (`COLLATE "C"`), as SQLite orders it, so two backends list alike.
pub(super) fn snapshot(c: &mut postgres::Client) -> Result<AccountsSnapshot, StoreError> {
    let mut tx = c
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(db)?;
    let orgs = tx
        .query(
            "SELECT id, name, kind FROM accounts.orgs ORDER BY id COLLATE \"C\"",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| OrgRow {
            id: r.get(0),
            name: r.get(1),
            kind: r.get(2),
        })
        .collect();
    let users = tx
        .query(
            "SELECT id, username, org, role, password_hash, disabled, created_at, sessions_after
             FROM accounts.users ORDER BY id",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| UserRow {
            id: r.get(0),
            username: r.get(1),
            org: r.get(2),
            role: r.get(3),
            password_hash: r.get(4),
            disabled: r.get(5),
            created_at: r.get(6),
            sessions_after: r.get(7),
        })
        .collect();
    let tokens = tx
        .query(
            "SELECT id, digest, user_id, scope, label, created_at, revoked_at
             FROM accounts.tokens ORDER BY id",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| TokenRow {
            id: r.get(0),
            digest: r.get(1),
            user_id: r.get(2),
            scope: r.get(3),
            label: r.get(4),
            created_at: r.get(5),
            revoked_at: r.get(6),
        })
        .collect();
    let trusted_clients = tx
        .query(
            "SELECT user_id, client, last_at FROM accounts.trusted_clients
             ORDER BY user_id, client COLLATE \"C\"",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| TrustedClientRow {
            user_id: r.get(0),
            client: r.get(1),
            last_at: r.get(2),
        })
        .collect();
    let settings = tx
        .query(
            "SELECT key, value FROM accounts.settings ORDER BY key COLLATE \"C\"",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let counts = counts(&mut tx)?;
    let audit_through: i64 = tx
        .query_one("SELECT COALESCE(MAX(seq), 0) FROM accounts.audit", &[])
        .map_err(db)?
        .get(0);
    tx.commit().map_err(db)?;
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

/// Writes one page of audit rows in one statement (a round trip per page, not per row).
fn insert_audit_page(
    tx: &mut postgres::Transaction<'_>,
    page: &[AuditEntry],
) -> Result<(), StoreError> {
    let column = |f: fn(&AuditEntry) -> String| page.iter().map(f).collect::<Vec<_>>();
    let seq: Vec<i64> = page.iter().map(|r| r.seq).collect();
    let at: Vec<i64> = page.iter().map(|r| r.at).collect();
    let org: Vec<Option<String>> = page.iter().map(|r| r.org.clone()).collect();
    tx.execute(
        "INSERT INTO accounts.audit (seq, at, actor, org, source, action, target, outcome, detail)
         SELECT * FROM unnest($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                              $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[])",
        &[
            &seq,
            &at,
            &column(|r| r.actor.clone()),
            &org,
            &column(|r| r.source.clone()),
            &column(|r| r.action.clone()),
            &column(|r| r.target.clone()),
            &column(|r| r.outcome.clone()),
            &column(|r| r.detail.clone()),
        ],
    )
    .map_err(db)?;
    Ok(())
}

/// One transaction, the tables locked against other writers (an instance started on the
/// database too early) from the emptiness check to the commit; a failure anywhere, a source
/// page that cannot be read included, leaves the store as it was. The id sequences are moved
/// past the ids written, or the next user, token or audit row would take an id the copy holds.
pub(super) fn import(
    c: &mut postgres::Client,
    s: &AccountsSnapshot,
    audit: &mut AuditPages<'_>,
) -> Result<(), StoreError> {
    let mut tx = c.transaction().map_err(db)?;
    tx.batch_execute(
        "LOCK TABLE accounts.orgs, accounts.users, accounts.tokens, accounts.trusted_clients,
                    accounts.settings, accounts.sessions, accounts.audit IN EXCLUSIVE MODE",
    )
    .map_err(db)?;
    let held = counts(&mut tx)?;
    if !held.is_empty() {
        return Err(not_empty(&held));
    }
    for o in &s.orgs {
        tx.execute(
            "INSERT INTO accounts.orgs (id, name, kind) VALUES ($1, $2, $3)",
            &[&o.id, &o.name, &o.kind],
        )
        .map_err(db)?;
    }
    for u in &s.users {
        tx.execute(
            "INSERT INTO accounts.users (id, username, org, role, password_hash, disabled,
                                         created_at, sessions_after)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &u.id,
                &u.username,
                &u.org,
                &u.role,
                &u.password_hash,
                &u.disabled,
                &u.created_at,
                &u.sessions_after,
            ],
        )
        .map_err(db)?;
    }
    for t in &s.tokens {
        tx.execute(
            "INSERT INTO accounts.tokens (id, digest, user_id, scope, label, created_at,
                                          revoked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &t.id,
                &t.digest,
                &t.user_id,
                &t.scope,
                &t.label,
                &t.created_at,
                &t.revoked_at,
            ],
        )
        .map_err(db)?;
    }
    for trusted in &s.trusted_clients {
        tx.execute(
            "INSERT INTO accounts.trusted_clients (user_id, client, last_at) VALUES ($1, $2, $3)",
            &[&trusted.user_id, &trusted.client, &trusted.last_at],
        )
        .map_err(db)?;
    }
    for (key, value) in &s.settings {
        tx.execute(
            "INSERT INTO accounts.settings (key, value) VALUES ($1, $2)",
            &[key, value],
        )
        .map_err(db)?;
    }
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
        insert_audit_page(&mut tx, &page)?;
        after = last;
    }
    tx.batch_execute(
        "SELECT setval(pg_get_serial_sequence('accounts.users', 'id'),
                       COALESCE((SELECT MAX(id) FROM accounts.users), 0) + 1, false);
         SELECT setval(pg_get_serial_sequence('accounts.tokens', 'id'),
                       COALESCE((SELECT MAX(id) FROM accounts.tokens), 0) + 1, false);
         SELECT setval(pg_get_serial_sequence('accounts.audit', 'seq'),
                       COALESCE((SELECT MAX(seq) FROM accounts.audit), 0) + 1, false);",
    )
    .map_err(db)?;
    tx.commit().map_err(db)
}
