//! `chancery migrate-store --from SRC --to DST`: copies a store (journal and accounts) into an
//! empty one, usually a SQLite file into PostgreSQL, and verifies the copy's hash chain from
//! its first entry to its last against the source's head.
//!
//! Entries are copied as they are stored (seq, time, author, payload, its format version,
//! salt, hashes), never re-hashed: the copy is the same chain, so a head recorded from the
//! source (`chancery verify`) still anchors it.

use chancery_app::StoreLocation;
use chancery_journal::{Entry, Hash, Store, StoreError};

use crate::progress::Progress;
use crate::CliError;

/// Entries per transaction of the copy: large enough that commits cost little, small enough
/// that memory stays bounded whatever the journal's size.
const CHUNK: usize = 4096;

/// What a migration copied: the journal's entries and its head.
#[derive(Debug, serde::Serialize)]
pub struct Migrated {
    pub entries: u64,
    pub head: Option<String>,
}

/// Opens the destination's journal store for raw appends, refusing one that holds entries.
fn empty_destination(to: &StoreLocation) -> Result<Box<dyn Store>, CliError> {
    let mut store: Box<dyn Store> = match to {
        StoreLocation::Sqlite(path) => {
            if path.exists() {
                return Err(CliError::Refused(format!(
                    "{}: the destination exists; migrate into a new file or an empty database",
                    path.display()
                )));
            }
            Box::new(chancery_sqlite::SqliteStore::open(path).map_err(|e| store_error(to, e))?)
        }
        StoreLocation::Postgres(url) => Box::new(
            chancery_postgres::journal::PostgresStore::open(url).map_err(|e| store_error(to, e))?,
        ),
    };
    if let Some((seq, _)) = store.head().map_err(|e| store_error(to, e))? {
        return Err(CliError::Refused(format!(
            "{to}: the destination's journal already holds {seq} entries; migrate into an empty store"
        )));
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

/// Copies the journal of `from` into the empty store at `to`, then verifies the copy end to
/// end and checks that it ends at the source's head.
pub fn migrate_journal(from: &StoreLocation, to: &StoreLocation) -> Result<Migrated, CliError> {
    if from == to {
        return Err(CliError::Usage(
            "--from and --to name the same store".into(),
        ));
    }
    let source = from
        .open_journal()
        .map_err(|e| CliError::service(from, e.into()))?;
    let total = source.committed_seq();
    let mut destination = empty_destination(to)?;
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
    Ok(Migrated {
        entries: report.entries,
        head: report
            .head
            .map(|(seq, hash)| format!("{seq}:{}", chancery_journal::to_hex(&hash))),
    })
}
