//! The accounts half of `chancery migrate-store`: organisations, users (password hashes,
//! disabled, `sessions_after`), API tokens (digests), trusted browsers, settings and the audit
//! log, copied with their ids and sequence numbers into an empty accounts store in one
//! transaction, then compared with the source: every table's count, every row of the small
//! tables, and the audit log row for row.
//!
//! Sessions are not copied: a session copied would be live on the old store and the new one
//! at once, and a move is the moment to end them. Users sign in again on the new store; the
//! command says so.

use std::sync::Arc;

use chancery_accounts::transfer::{AccountsSnapshot, RowCounts};
use chancery_accounts::{AccountsPort, AuditEntry, SqliteAccounts, StoreError};
use chancery_app::StoreLocation;

use crate::progress::Progress;
use crate::CliError;

/// Audit rows per page, read from the source and compared: memory stays bounded whatever the
/// log's size.
const PAGE: u32 = 1000;

/// The setting `chancery serve` reads to tell a new shared database (to seed the demo into,
/// publicly readable) from one already set up.
const PUBLIC_READ: &str = "public_read";

/// The setting that marks a store as a copy: `incomplete: …` from the moment the accounts are
/// in (the same transaction) until the journal is copied and verified, then `complete: …`. A
/// copy cut off (a kill, a crash, a lost connection) is known by it: `chancery serve` refuses
/// to serve it, and `migrate-store` says how to discard it.
pub const MIGRATION: &str = "migration";

/// The marker's value while the copy from `from` is under way.
pub fn incomplete_marker(from: &StoreLocation) -> String {
    format!("incomplete: copying from {from}")
}

/// What the store's marker says, if it is a copy that did not finish.
fn unfinished_copy(port: &dyn AccountsPort) -> Option<String> {
    port.setting(MIGRATION)
        .ok()
        .flatten()
        .filter(|v| v.starts_with("incomplete"))
}

/// What to do about a store that holds an unfinished copy.
pub fn discard_advice(to: &StoreLocation) -> String {
    match to {
        StoreLocation::Sqlite(path) => format!(
            "delete {} and {}.accounts, then run migrate-store again",
            path.display(),
            path.display()
        ),
        StoreLocation::Postgres(_) => {
            "drop the database and create it again (dropdb, createdb), then run migrate-store again"
                .to_owned()
        }
    }
}

/// The refusal of a destination holding a copy that did not finish, as its marker (and what
/// else is known of it) says.
pub fn unfinished_destination(to: &StoreLocation, marker: &str) -> CliError {
    CliError::Refused(format!(
        "{to}: the destination holds a copy that did not finish ({marker}); {}",
        discard_advice(to)
    ))
}

/// Marks the copy at `to` finished: its journal is copied and verified.
pub fn mark_complete(from: &StoreLocation, to: &StoreLocation) -> Result<(), CliError> {
    let dest = port(to, true)?
        .ok_or_else(|| CliError::Internal(format!("{to}: the accounts copy is gone")))?;
    let at = chancery_domain::CivilDate::from_unix_micros(chancery_app::now_micros());
    dest.set_setting(MIGRATION, &format!("complete: copied from {from} on {at}"))
        .map_err(|e| store_error(to, e))
}

/// The marker of an unfinished copy at `to`, if its accounts store exists and holds one
/// (looking creates nothing).
pub fn unfinished_copy_at(to: &StoreLocation) -> Option<String> {
    unfinished_copy(port(to, false).ok().flatten()?.as_ref())
}

/// What the accounts copy holds: rows per table, and what it left out or added.
#[derive(Debug, serde::Serialize)]
pub struct CopiedAccounts {
    pub orgs: i64,
    pub users: i64,
    pub tokens: i64,
    pub trusted_clients: i64,
    pub settings: i64,
    pub audit: i64,
    /// Live at the source, not copied: their users sign in again.
    pub sessions_not_copied: i64,
    /// `public_read = off` written into a PostgreSQL copy whose source had the setting unset
    /// (which reads as off): unset, `chancery serve` would take the database for a new demo
    /// store and open it to anonymous readers.
    pub public_read_set_off: bool,
}

fn store_error(at: impl std::fmt::Display, e: StoreError) -> CliError {
    match e {
        StoreError::NotEmpty(_) => CliError::Refused(format!("{at}: {e}")),
        _ => CliError::Internal(format!("{at}: {e}")),
    }
}

/// The accounts store of `at` as a bare port: no first administrator is made in an empty one
/// (it must stay empty to take a copy) and no audit writer runs. `None` for a SQLite store
/// whose accounts file does not exist and `create` is false: nothing to copy, and the
/// source is not to be changed by looking.
fn port(at: &StoreLocation, create: bool) -> Result<Option<Arc<dyn AccountsPort>>, CliError> {
    match at {
        StoreLocation::Sqlite(path) => {
            let path = crate::accounts::accounts_path(path).map_err(CliError::Internal)?;
            if !create && !path.exists() {
                return Ok(None);
            }
            let port = SqliteAccounts::open(&path).map_err(|e| store_error(path.display(), e))?;
            Ok(Some(Arc::new(port)))
        }
        StoreLocation::Postgres(url) => chancery_postgres::accounts::open_port(url)
            .map(Some)
            .map_err(|e| store_error(at, e)),
    }
}

/// Opens the destination's accounts store, refusing one that holds any row.
pub fn empty_destination(to: &StoreLocation) -> Result<Arc<dyn AccountsPort>, CliError> {
    let dest = port(to, true)?
        .ok_or_else(|| CliError::Internal(format!("{to}: no accounts store was made")))?;
    let held = dest.row_counts().map_err(|e| store_error(to, e))?;
    if let Some(marker) = unfinished_copy(dest.as_ref()) {
        return Err(unfinished_destination(to, &marker));
    }
    if !held.is_empty() {
        return Err(CliError::Refused(format!(
            "{to}: the destination's accounts store is not empty ({}); migrate into an empty store",
            held.describe()
        )));
    }
    Ok(dest)
}

/// The source's audit rows after `after`, up to the snapshot's last.
fn page(
    port: Option<&dyn AccountsPort>,
    after: i64,
    through: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    let Some(port) = port else {
        return Ok(Vec::new());
    };
    let mut rows = port.audit_of(None, after, PAGE)?;
    rows.retain(|r| r.seq <= through);
    Ok(rows)
}

/// Copies the accounts of `from` into `dest` (the empty store at `to`) in one transaction,
/// then verifies the copy through a new handle, as a server would read it.
pub fn copy(
    from: &StoreLocation,
    to: &StoreLocation,
    dest: &dyn AccountsPort,
) -> Result<CopiedAccounts, CliError> {
    let source = port(from, false)?;
    let source = source.as_deref();
    let mut snapshot = match source {
        Some(s) => s.snapshot().map_err(|e| store_error(from, e))?,
        None => AccountsSnapshot::default(),
    };
    // The copy is marked unfinished in the transaction that writes it (and verified with it).
    snapshot.settings.retain(|(key, _)| key != MIGRATION);
    snapshot
        .settings
        .push((MIGRATION.to_owned(), incomplete_marker(from)));
    snapshot.settings.sort();
    snapshot.counts.settings = i64::try_from(snapshot.settings.len()).unwrap_or(i64::MAX);
    let through = snapshot.audit_through;
    let total = u64::try_from(snapshot.counts.audit).unwrap_or(0);
    let bar = Progress::start("copying the audit log");
    let mut copied = 0u64;
    dest.import(&snapshot, &mut |after| {
        // Named, or the failure would read as the destination's.
        let rows = page(source, after, through)
            .map_err(|e| StoreError::Invalid(format!("reading the source {from}: {e}")))?;
        copied += rows.len() as u64;
        bar.update(copied, total.max(copied));
        Ok(rows)
    })
    .map_err(|e| store_error(to, e))?;
    drop(bar);

    let committed = |e| crate::migrate::incomplete(e, to, "the accounts are copied");
    let copy = port(to, true)
        .and_then(|p| {
            p.ok_or_else(|| CliError::Internal(format!("{to}: the accounts copy is gone")))
        })
        .map_err(committed)?;
    verify(to, source, &snapshot, copy.as_ref()).map_err(committed)?;

    let public_read_set_off = matches!(to, StoreLocation::Postgres(_))
        && !snapshot.settings.iter().any(|(key, _)| key == PUBLIC_READ);
    if public_read_set_off {
        copy.set_setting(PUBLIC_READ, "off")
            .map_err(|e| committed(store_error(to, e)))?;
    }
    let c = snapshot.counts;
    Ok(CopiedAccounts {
        orgs: c.orgs,
        users: c.users,
        tokens: c.tokens,
        trusted_clients: c.trusted_clients,
        settings: c.settings,
        audit: c.audit,
        sessions_not_copied: c.sessions,
        public_read_set_off,
    })
}

/// Fails, naming the first table (and row) where the copy differs from the source's snapshot.
fn verify(
    to: &StoreLocation,
    source: Option<&dyn AccountsPort>,
    snapshot: &AccountsSnapshot,
    copy: &dyn AccountsPort,
) -> Result<(), CliError> {
    let broken = |what: String| {
        CliError::Broken(format!(
            "{to}: the accounts copy does not match the source: {what}"
        ))
    };
    let copied = copy.snapshot().map_err(|e| store_error(to, e))?;
    let expected = RowCounts {
        sessions: 0,
        ..snapshot.counts
    };
    let counts: Vec<String> = expected
        .tables()
        .iter()
        .zip(copied.counts.tables())
        .filter(|((_, source), (_, copy))| source != copy)
        .map(|((table, source), (_, copy))| {
            format!("{table}: {source} rows expected, {copy} in the copy")
        })
        .collect();
    if !counts.is_empty() {
        return Err(broken(counts.join("; ")));
    }
    let rows = [
        first_difference("orgs", &snapshot.orgs, &copied.orgs, |o| o.id.clone()),
        first_difference("users", &snapshot.users, &copied.users, |u| {
            u.id.to_string()
        }),
        first_difference("tokens", &snapshot.tokens, &copied.tokens, |t| {
            t.id.to_string()
        }),
        first_difference(
            "trusted_clients",
            &snapshot.trusted_clients,
            &copied.trusted_clients,
            |c| format!("of user {}", c.user_id),
        ),
        first_difference("settings", &snapshot.settings, &copied.settings, |s| {
            s.0.clone()
        }),
    ];
    if let Some(what) = rows.into_iter().flatten().next() {
        return Err(broken(what));
    }
    audit_difference(source, copy, snapshot.audit_through)
        .map_err(|e| store_error(to, e))?
        .map_or(Ok(()), |what| Err(broken(what)))
}

/// Where two lists of rows first differ, named by `key` (never by a row's content: a hash or
/// a digest is not for messages).
fn first_difference<T: PartialEq>(
    table: &str,
    source: &[T],
    copy: &[T],
    key: impl Fn(&T) -> String,
) -> Option<String> {
    let at = source
        .iter()
        .zip(copy)
        .position(|(a, b)| a != b)
        .or((source.len() != copy.len()).then(|| source.len().min(copy.len())))?;
    let row = source
        .get(at)
        .or(copy.get(at))
        .map(&key)
        .unwrap_or_default();
    Some(format!("{table}: the row {row} differs"))
}

/// The first audit row that differs between the source and the copy (up to `through`), and
/// which of its fields.
fn audit_difference(
    source: Option<&dyn AccountsPort>,
    copy: &dyn AccountsPort,
    through: i64,
) -> Result<Option<String>, StoreError> {
    let mut after = 0;
    loop {
        let theirs = page(source, after, through)?;
        let ours = page(Some(copy), after, through)?;
        for i in 0..theirs.len().max(ours.len()) {
            let found = match (theirs.get(i), ours.get(i)) {
                (Some(a), Some(b)) if a == b => continue,
                (Some(a), Some(b)) if a.seq == b.seq => {
                    format!("audit row #{}: {} differ", a.seq, fields_differing(a, b))
                }
                (Some(a), Some(b)) if a.seq < b.seq => {
                    format!("audit row #{} is missing from the copy", a.seq)
                }
                (_, Some(b)) => format!("audit row #{} is in the copy, not at the source", b.seq),
                (Some(a), None) => format!("audit row #{} is missing from the copy", a.seq),
                (None, None) => continue,
            };
            return Ok(Some(found));
        }
        match theirs.last() {
            Some(last) => after = last.seq,
            None => return Ok(None),
        }
    }
}

fn fields_differing(a: &AuditEntry, b: &AuditEntry) -> String {
    let fields = [
        ("at", a.at != b.at),
        ("actor", a.actor != b.actor),
        ("org", a.org != b.org),
        ("source", a.source != b.source),
        ("action", a.action != b.action),
        ("target", a.target != b.target),
        ("outcome", a.outcome != b.outcome),
        ("detail", a.detail != b.detail),
    ];
    let names: Vec<&str> = fields
        .iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| *name)
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference_is_named_by_its_key() {
        let a = [1, 2, 3];
        assert_eq!(first_difference("t", &a, &a, |n| n.to_string()), None);
        assert_eq!(
            first_difference("t", &a, &[1, 5, 3], |n| n.to_string()).as_deref(),
            Some("t: the row 2 differs")
        );
        assert_eq!(
            first_difference("t", &a, &[1, 2], |n| n.to_string()).as_deref(),
            Some("t: the row 3 differs")
        );
        assert_eq!(
            first_difference("t", &[1], &[1, 9], |n| n.to_string()).as_deref(),
            Some("t: the row 9 differs")
        );
    }
}
