//! The storage port: all the journal asks of a database.

use std::error::Error as StdError;

use crate::entry::Entry;
use crate::hash::{Hash, GENESIS};

/// Durable, ordered storage of entries.
///
/// Deliberately small so that another adapter (PostgreSQL) needs nothing but these four methods.
/// Adapters store entries as given: the journal, not the store, assigns seqs and computes hashes.
/// `Send + 'static` so a store can be moved onto the writer thread; not `Sync`, because a database
/// connection is used by one thread at a time.
pub trait Store: Send + 'static {
    /// The last entry's seq and hash, or `None` when the store is empty.
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError>;

    /// Appends entries atomically (all or none) and returns only once they are durable.
    ///
    /// Adapters must refuse a batch that does not continue the stored chain (first seq is not
    /// head + 1, or its `prev_hash` is not the head's hash): that is how two writers pointed at
    /// the same database are caught instead of silently forking the chain.
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError>;

    /// Entries with `seq > after`, in order, at most `limit`.
    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError>;

    /// Streams every entry with `seq > after`, in order, to `f`, without holding them all.
    ///
    /// An error returned by `f` stops the scan and is returned as is; wrap a caller's own error
    /// in [`StoreError::Aborted`].
    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// The store's file itself is at fault (not a database, corrupt, truncated, unreadable,
    /// disk full): names the file and says what is wrong in an operator's words, then SQLite's.
    #[error("store {}: {problem} (SQLite: {source})", path.display())]
    File {
        path: std::path::PathBuf,
        problem: FileProblem,
        source: rusqlite::Error,
    },

    /// For adapters other than SQLite, which live outside this enum's knowledge.
    #[error("storage backend")]
    Backend(#[source] Box<dyn StdError + Send + Sync>),

    /// The batch does not continue the stored chain: most likely another writer got there first.
    #[error("append does not continue the chain: store head is seq {head_seq}, batch starts at seq {batch_seq}")]
    NotContinuous { head_seq: u64, batch_seq: u64 },

    /// The batch's first `prev_hash` is not the stored head's hash.
    #[error(
        "append does not continue the chain: prev_hash of seq {seq} is not the stored head's hash"
    )]
    PrevHashMismatch { seq: u64 },

    /// Entries inside one batch are not consecutive or not linked to each other.
    #[error("batch is not a chain: entry {seq} does not follow its predecessor")]
    BatchNotChained { seq: u64 },

    /// A stored row cannot be an entry (e.g. a hash that is not 32 bytes).
    #[error("stored entry {seq} is malformed: {reason}")]
    Malformed { seq: i64, reason: &'static str },

    /// A seq beyond what the store can represent (SQLite integers are signed).
    #[error("seq {0} is out of the store's range")]
    SeqOutOfRange(u64),

    /// The database could not be put in write-ahead-log mode, so readers would block the writer.
    #[error("could not enable WAL mode: journal_mode is {0:?}")]
    WalUnavailable(String),

    /// A [`Store::scan`] callback stopped the scan with its own error.
    #[error("scan aborted by its callback")]
    Aborted(#[source] Box<dyn StdError + Send + Sync>),
}

/// What is wrong with a store's file, as SQLite reports it, in words an operator can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileProblem {
    /// The header is not SQLite's: another kind of file, or its first page was overwritten.
    NotADatabase,
    /// Pages are missing or malformed: the file was truncated or damaged.
    Corrupt,
    /// The file or its directory cannot be opened.
    CannotOpen,
    PermissionDenied,
    ReadOnly,
    /// The operating system failed a read or write (including reading past a truncated end).
    Io,
    DiskFull,
    /// The file's locks could not be taken or are held by a connection that does not let go.
    Locking,
}

impl FileProblem {
    /// The file-level problem behind a SQLite error, if it is one (not, say, a SQL error).
    pub(crate) fn of(error: &rusqlite::Error) -> Option<FileProblem> {
        use rusqlite::ErrorCode as Code;
        let rusqlite::Error::SqliteFailure(failure, _) = error else {
            return None;
        };
        Some(match failure.code {
            Code::NotADatabase => FileProblem::NotADatabase,
            Code::DatabaseCorrupt => FileProblem::Corrupt,
            Code::CannotOpen => FileProblem::CannotOpen,
            Code::PermissionDenied => FileProblem::PermissionDenied,
            Code::ReadOnly => FileProblem::ReadOnly,
            Code::SystemIoFailure => FileProblem::Io,
            Code::DiskFull => FileProblem::DiskFull,
            Code::FileLockingProtocolFailed | Code::DatabaseBusy | Code::DatabaseLocked => {
                FileProblem::Locking
            }
            _ => return None,
        })
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileProblem::NotADatabase => {
                "the file is not a journal database, or its header was overwritten"
            }
            FileProblem::Corrupt => "the database file is corrupt or truncated",
            FileProblem::CannotOpen => {
                "the file cannot be opened (does its directory exist, and may this user open it?)"
            }
            FileProblem::PermissionDenied => "permission denied",
            FileProblem::ReadOnly => "the file or its directory is read-only",
            FileProblem::Io => {
                "a disk read or write failed (the file may be truncated, or the disk failing)"
            }
            FileProblem::DiskFull => "the disk is full",
            FileProblem::Locking => {
                "the file's locks could not be taken (another program holds it)"
            }
        })
    }
}

/// Checks that `entries` extend the chain ending at `head`; adapters call this inside their append
/// transaction, after reading the head under the write lock.
pub fn check_continues(head: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
    let (mut seq, mut hash) = head.unwrap_or((0, GENESIS));
    for (i, entry) in entries.iter().enumerate() {
        let linked = entry.seq == seq.wrapping_add(1) && entry.prev_hash == hash;
        if !linked {
            return Err(match i {
                0 if entry.seq != seq.wrapping_add(1) => StoreError::NotContinuous {
                    head_seq: seq,
                    batch_seq: entry.seq,
                },
                0 => StoreError::PrevHashMismatch { seq: entry.seq },
                _ => StoreError::BatchNotChained { seq: entry.seq },
            });
        }
        (seq, hash) = (entry.seq, entry.hash);
    }
    Ok(())
}

/// Lets a boxed store stand wherever a store is expected (e.g. a reader factory's output).
impl<S: Store + ?Sized> Store for Box<S> {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        (**self).head()
    }

    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        (**self).append(entries)
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        (**self).read(after, limit)
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        (**self).scan(after, f)
    }
}
