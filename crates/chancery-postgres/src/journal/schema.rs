//! The journal's schema on PostgreSQL, versioned in `chancery_migrations` under the component
//! `journal`: each version is applied once, all in one transaction, under an advisory lock, so
//! instances starting together over an empty database do not race to create it.

use postgres::Client;

/// Chosen once: the advisory lock every instance takes while migrating the journal's schema.
const MIGRATION_LOCK: i64 = 0x6368_616e_6a6e_6c6d; // "chanjnlm"

/// The component this module's rows in `chancery_migrations` belong to.
const COMPONENT: &str = "journal";

/// The schema's versions, in order; an applied version is never edited, only followed.
const MIGRATIONS: [&str; 1] = ["
CREATE TABLE journal (
    seq         BIGINT   PRIMARY KEY CHECK (seq > 0),
    recorded_at BIGINT   NOT NULL,
    recorded_by TEXT     NOT NULL,
    payload     BYTEA    NOT NULL,
    prev_hash   BYTEA    NOT NULL CHECK (length(prev_hash) = 32),
    hash        BYTEA    NOT NULL CHECK (length(hash) = 32),
    salt        BYTEA             CHECK (salt IS NULL OR length(salt) = 32),
    -- The payload's format version, a u16: INTEGER, since SMALLINT stops at 32767.
    schema      INTEGER  NOT NULL DEFAULT 1 CHECK (schema BETWEEN 1 AND 65535)
);

-- Once a salted entry is stored, an unsalted one after it can only come from someone stripping
-- salts (or a tool writing the old framing): verify would report the chain broken from there, so
-- refuse it at the source, as the SQLite store does. Rows earlier in the same INSERT are visible
-- to the lookup, so a batch cannot slip one past either.
CREATE FUNCTION journal_salted_stays_salted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT salt FROM journal WHERE seq < NEW.seq ORDER BY seq DESC LIMIT 1) IS NOT NULL THEN
        RAISE EXCEPTION 'an unsalted (v1) entry cannot follow a salted one'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_salted_stays_salted BEFORE INSERT ON journal
    FOR EACH ROW WHEN (NEW.salt IS NULL) EXECUTE FUNCTION journal_salted_stays_salted();

-- Append-only: corrections and withdrawals are new acts, never edits.
CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_no_update_or_delete BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
"];

/// Brings the journal's schema to the last version, in one transaction. `Ok(Err(version))`:
/// the database is at a later version than this binary knows, and nothing was changed.
pub(super) fn migrate(client: &mut Client) -> Result<Result<(), i32>, postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS chancery_migrations (
             component  TEXT        NOT NULL,
             version    INT         NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
             PRIMARY KEY (component, version))",
    )?;
    let done: i32 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM chancery_migrations WHERE component = $1",
            &[&COMPONENT],
        )?
        .get(0);
    if done > LATEST {
        return Ok(Err(done));
    }
    for (version, sql) in (1..).zip(MIGRATIONS) {
        if version <= done {
            continue;
        }
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO chancery_migrations (component, version) VALUES ($1, $2)",
            &[&COMPONENT, &version],
        )?;
    }
    tx.commit()?;
    Ok(Ok(()))
}

/// The schema version this binary brings a store to.
pub(super) const LATEST: i32 = MIGRATIONS.len() as i32;
