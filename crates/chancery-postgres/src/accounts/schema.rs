//! The accounts store's schema on PostgreSQL: its own schema, `accounts`, so one database
//! holds the journal's tables and these side by side; versioned in `accounts.migrations`, each
//! version applied once in a transaction, under an advisory lock so instances starting
//! together do not race.

use postgres::Client;

/// Chosen once: the advisory lock every instance takes while migrating the accounts schema.
const MIGRATION_LOCK: i64 = 0x6368_616e_6163_6331; // "chanacc1"

/// The schema's versions, in order.
const MIGRATIONS: [&str; 1] = ["
CREATE TABLE accounts.orgs (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE accounts.users (
    id BIGSERIAL PRIMARY KEY, username TEXT NOT NULL UNIQUE,
    org TEXT NOT NULL REFERENCES accounts.orgs(id), role TEXT NOT NULL,
    password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL, sessions_after BIGINT NOT NULL DEFAULT 0);
CREATE TABLE accounts.tokens (
    id BIGSERIAL PRIMARY KEY, digest TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES accounts.users(id), scope TEXT NOT NULL,
    label TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT);
CREATE TABLE accounts.settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts.trusted_clients (
    user_id BIGINT NOT NULL REFERENCES accounts.users(id), client TEXT NOT NULL,
    last_at BIGINT NOT NULL, PRIMARY KEY (user_id, client));
CREATE TABLE accounts.sessions (
    digest TEXT PRIMARY KEY, user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL);
CREATE INDEX sessions_of_user ON accounts.sessions (user_id);
CREATE TABLE accounts.audit (
    seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, org TEXT,
    source TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
    outcome TEXT NOT NULL, detail TEXT NOT NULL);
CREATE FUNCTION accounts.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON accounts.audit
    FOR EACH ROW EXECUTE FUNCTION accounts.audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON accounts.audit
    FOR EACH STATEMENT EXECUTE FUNCTION accounts.audit_append_only();
"];

/// Brings the accounts schema to the last version.
pub(super) fn migrate(client: &mut Client) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS accounts;
         CREATE TABLE IF NOT EXISTS accounts.migrations (
             version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    let done: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM accounts.migrations",
            &[],
        )?
        .get(0);
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version <= done {
            continue;
        }
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO accounts.migrations (version) VALUES ($1)",
            &[&version],
        )?;
    }
    tx.commit()
}
