//! `chancery migrate-store --from SRC --to DST`: copies a store (journal and accounts) into an
//! empty one, usually a SQLite file into PostgreSQL, and verifies the copy: the accounts table
//! by table and the audit log row for row (see `migrate_accounts`), the journal's hash chain
//! from its first entry to its last against the source's head.
//!
//! Entries are copied as they are stored (seq, time, author, payload, its format version,
//! salt, hashes), never re-hashed: the copy is the same chain, so a head recorded from the
//! source (`chancery verify`) still anchors it.
//!
//! Both halves of the destination are checked empty before anything is written. The accounts
//! go first, in one transaction: should the copy fail, the destination holds nothing and the
//! command may simply be run again. Past that (the accounts' verification, the journal, which
//! goes in chunks) a failure says the destination must be discarded.

use chancery_app::StoreLocation;
use chancery_journal::{Entry, Hash, Store, StoreError};

use crate::migrate_accounts::{self, CopiedAccounts};
use crate::progress::Progress;
use crate::CliError;

/// Entries per transaction of the copy: large enough that commits cost little, small enough
/// that memory stays bounded whatever the journal's size.
const CHUNK: usize = 4096;

/// What a migration copied: the journal's entries and its head, and the accounts.
#[derive(Debug, serde::Serialize)]
pub struct Migrated {
    pub entries: u64,
    pub head: Option<String>,
    pub accounts: CopiedAccounts,
}

/// Copies the store at `from` (journal and accounts) into the empty store at `to`, verifying
/// each half.
pub fn migrate_store(from: &StoreLocation, to: &StoreLocation) -> Result<Migrated, CliError> {
    if from == to {
        return Err(CliError::Usage(
            "--from and --to name the same store".into(),
        ));
    }
    if !from.exists() {
        return Err(CliError::NotFound(format!("{from}: no store there")));
    }
    // Held to the end: on SQLite it is the store's lock, so no server writes the source meanwhile.
    let source = from
        .open_journal()
        .map_err(|e| CliError::service(from, e.into()))?;
    // Checked before either half is opened, as opening makes the file: a SQLite destination
    // must be a new file (so its journal is empty), a database's journal must be empty.
    let journal_checked = match to {
        StoreLocation::Sqlite(path) if path.exists() => {
            return Err(match migrate_accounts::unfinished_copy_at(to) {
                Some(marker) => migrate_accounts::unfinished_destination(to, &marker),
                None => CliError::Refused(format!(
                    "{}: the destination exists; migrate into a new file or an empty database",
                    path.display()
                )),
            });
        }
        StoreLocation::Sqlite(_) => None,
        StoreLocation::Postgres(_) => Some(empty_destination(to)?),
    };
    let accounts_to = migrate_accounts::empty_destination(to)?;
    let accounts = migrate_accounts::copy(from, to, accounts_to.as_ref())?;
    drop(accounts_to);
    let (entries, head) = match journal_checked {
        Some(journal_to) => Ok(journal_to),
        None => empty_destination(to),
    }
    .and_then(|journal_to| migrate_journal(from, &source, to, journal_to))
    .map_err(|e| {
        incomplete(
            e,
            to,
            "the accounts are copied, the journal is not (or not whole)",
        )
    })?;
    migrate_accounts::mark_complete(from, to)
        .map_err(|e| incomplete(e, to, "the accounts and the journal are copied and verified, but the copy is still marked unfinished"))?;
    Ok(Migrated {
        entries,
        head,
        accounts,
    })
}

/// `e`, followed by what the destination at `to` now holds and what to do about it: it is not
/// empty any more, so the command would refuse it.
pub(crate) fn incomplete(e: CliError, to: &StoreLocation, holds: &str) -> CliError {
    let add = |m: String| {
        format!(
            "{m}\n  {to}: {holds}; discard the destination (the file and its .accounts, or the \
             database's tables) before running again"
        )
    };
    match e {
        CliError::Internal(m) => CliError::Internal(add(m)),
        CliError::Usage(m) => CliError::Usage(add(m)),
        CliError::NotFound(m) => CliError::NotFound(add(m)),
        CliError::Refused(m) => CliError::Refused(add(m)),
        CliError::Busy(m) => CliError::Busy(add(m)),
        CliError::Broken(m) => CliError::Broken(add(m)),
    }
}

/// Opens the destination's journal store for raw appends, refusing one that holds entries.
fn empty_destination(to: &StoreLocation) -> Result<Box<dyn Store>, CliError> {
    let mut store: Box<dyn Store> = match to {
        StoreLocation::Sqlite(path) => {
            Box::new(chancery_sqlite::SqliteStore::open(path).map_err(|e| store_error(to, e))?)
        }
        StoreLocation::Postgres(url) => Box::new(
            chancery_postgres::journal::PostgresStore::open(url).map_err(|e| store_error(to, e))?,
        ),
    };
    if let Some((seq, _)) = store.head().map_err(|e| store_error(to, e))? {
        return Err(match migrate_accounts::unfinished_copy_at(to) {
            Some(marker) => migrate_accounts::unfinished_destination(
                to,
                &format!("{marker}; its journal reached entry {seq}"),
            ),
            None => CliError::Refused(format!(
                "{to}: the destination's journal already holds {seq} entries; migrate into an empty store"
            )),
        });
    }
    Ok(store)
}

fn store_error(at: &StoreLocation, e: StoreError) -> CliError {
    if e.is_unavailable() {
        CliError::Busy(format!("{at}: {e}"))
    } else {
        CliError::Internal(format!("{at}: {e}"))
    }
}

/// Copies the journal `source` (at `from`) into `destination`, the empty journal store at
/// `to`, then verifies the copy end to end and checks that it ends at the source's head:
/// the entries and the head (`SEQ:HEX`).
fn migrate_journal(
    from: &StoreLocation,
    source: &chancery_journal::Journal,
    to: &StoreLocation,
    mut destination: Box<dyn Store>,
) -> Result<(u64, Option<String>), CliError> {
    let total = source.committed_seq();
    let bar = Progress::start("copying the journal");
    let mut chunk: Vec<Entry> = Vec::with_capacity(CHUNK);
    let mut after: Option<(u64, Hash)> = None;
    let mut copied = 0u64;
    let mut flush = |chunk: &mut Vec<Entry>, after: &mut Option<(u64, Hash)>| {
        if let Some(last) = chunk.last() {
            let head = (last.seq, last.hash);
            destination.append(*after, chunk)?;
            *after = Some(head);
            chunk.clear();
        }
        Ok::<(), StoreError>(())
    };
    source
        .scan(0, &mut |entry| {
            chunk.push(entry);
            copied += 1;
            if chunk.len() == CHUNK {
                flush(&mut chunk, &mut after)?;
                bar.update(copied, total.max(copied));
            }
            Ok(())
        })
        .map_err(|e| CliError::service(to, e.into()))?;
    flush(&mut chunk, &mut after).map_err(|e| store_error(to, e))?;
    drop(bar);
    drop(destination);

    // Read back through a journal over the destination, as a server on it would.
    let copy = to
        .open_journal()
        .map_err(|e| CliError::service(to, e.into()))?;
    let report = copy.verify().map_err(|e| CliError::service(to, e.into()))?;
    if let Some(found) = report.first_break {
        return Err(CliError::Broken(format!(
            "{to}: the copy's chain is broken: {found}"
        )));
    }
    let source_head = source
        .verify()
        .map_err(|e| CliError::service(from, e.into()))?;
    if let Some(found) = source_head.first_break {
        return Err(CliError::Broken(format!(
            "{from}: the source's own chain is broken ({found}); the copy holds it as it is"
        )));
    }
    if report.head != source_head.head || report.entries != source_head.entries {
        return Err(CliError::Broken(format!(
            "{to}: the copy ends at {:?} after {} entries, the source at {:?} after {}",
            report.head.map(|(s, _)| s),
            report.entries,
            source_head.head.map(|(s, _)| s),
            source_head.entries
        )));
    }
    Ok((
        report.entries,
        report
            .head
            .map(|(seq, hash)| format!("{seq}:{}", chancery_journal::to_hex(&hash))),
    ))
}

/// What the command prints without `--json`.
pub fn summary(from: &StoreLocation, to: &StoreLocation, m: &Migrated) -> String {
    let a = &m.accounts;
    let mut out = format!(
        "{to}: accounts copied from {from} and verified row for row: {} organisations, {} users, \
         {} API tokens, {} trusted browsers, {} settings, {} audit rows\n",
        a.orgs, a.users, a.tokens, a.trusted_clients, a.settings, a.audit
    );
    out.push_str(&format!(
        "  sessions are not copied ({} at the source): everyone signs in again on the new store\n",
        a.sessions_not_copied
    ));
    if a.public_read_set_off {
        out.push_str(
            "  public read: off, now written down (the source left it unset, which means off), so \
             `chancery serve` does not take the database for a new demo store\n",
        );
    }
    out.push_str(&format!(
        "{to}: {} entries copied from {from}; the copy's chain verifies and ends at the source's head {}\n",
        m.entries,
        m.head.as_deref().unwrap_or("(empty)")
    ));
    out
}
