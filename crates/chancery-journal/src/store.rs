//! The storage port: all the journal asks of a database.

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use crate::entry::Entry;
use crate::hash::{Hash, GENESIS};

/// Durable, ordered storage of entries.
///
/// Deliberately small, so that each backend (SQLite, PostgreSQL) is one adapter crate. The store
/// is the **sequence authority**: an append names the head it expects (`after`), and the store,
/// under its own write lock, appends only if its head is still that one; otherwise it writes
/// nothing and answers [`StoreError::Conflict`] with its head. Two writers (two processes, two
/// instances over one database) therefore never fork the chain or reuse a seq: the loser learns
/// the new head and starts again from it. Hashes are computed by the journal, not the store.
///
/// `Send + 'static` so a store can be moved onto the writer thread; not `Sync`, because a
/// database connection is used by one thread at a time.
pub trait Store: Send + 'static {
    /// The last entry's seq and hash, or `None` when the store is empty.
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError>;

    /// Appends `entries` atomically (all or none) after the head `after` (`None`: an empty
    /// store), returning only once they are durable.
    ///
    /// Adapters read their head under their write lock and refuse with
    /// [`StoreError::Conflict`] when it is not `after` (see [`check_append`]); a batch whose
    /// entries do not continue `after` and each other is a caller's bug, refused as
    /// [`StoreError::BatchNotChained`].
    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError>;

    /// Appends, atomically (all or none) after the head `after`, the entries `next` hands
    /// over a chunk at a time until it answers `None`; returns only once they are durable.
    ///
    /// For an append too large to hold at once (an import of a million acts): the store keeps
    /// one transaction open across the chunks, so memory is bounded by a chunk while the
    /// result is still all or nothing. An error from `next` (the caller abandoned the append)
    /// rolls everything back and is returned as is. Chunks must continue `after` and each
    /// other, as [`Store::append`]'s batch must ([`check_chunk`]).
    ///
    /// The default gathers every chunk and makes one [`Store::append`]: right for stores held
    /// in memory anyway, not for a database.
    fn append_chunks(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        let mut all = Vec::new();
        while let Some(chunk) = next()? {
            all.extend(chunk);
        }
        self.append(after, &all)
    }

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

    /// Returns once the store may hold an entry after `after`, or when `timeout` has passed,
    /// whichever is first; the caller then reads. A store that is told of appends by others
    /// (PostgreSQL's LISTEN/NOTIFY) returns as soon as one lands; the default polls the head,
    /// so the bound on staleness is the polling interval.
    fn wait_for_append(&mut self, after: u64, timeout: Duration) -> Result<(), StoreError> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.head()?.is_some_and(|(seq, _)| seq > after) {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(());
            }
            std::thread::sleep(POLL.min(deadline - now));
        }
    }

    /// Called by the writer when, after being turned back, it had nothing more to append for a
    /// moment. A store that gave a turned-back writer the next turn (so that another writer's
    /// stream of appends cannot beat it forever) lets the turn go here; it also lets it go after
    /// the writer's next successful append. The default has no turns to give.
    fn yield_turn(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// How often [`Store::wait_for_append`]'s default looks at the head.
const POLL: Duration = Duration::from_millis(20);

/// Why a store operation failed, in words that name no backend: each adapter maps its driver's
/// errors onto these, keeping the driver's error as the source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another writer appended first: the store's head is not the one the append expected.
    /// Nothing was written; start again from `head`.
    #[error("another writer appended first: the append expected the journal to end at entry #{expected}, it ends at #{head}")]
    Conflict { expected: u64, head: u64 },

    /// The store cannot be reached now (connection refused or lost, server shutting down).
    /// Whether an append in flight was committed is unknown until the store answers again.
    #[error("the journal's store is unreachable: {0}")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),

    /// The store's file itself is at fault (not a database, corrupt, truncated, unreadable,
    /// disk full): names the file and says what is wrong in an operator's words, then the
    /// backend's.
    #[error("store {}: {problem} ({source})", path.display())]
    File {
        path: std::path::PathBuf,
        problem: FileProblem,
        source: Box<dyn StdError + Send + Sync>,
    },

    /// The store could not be prepared for use (a mode it needs, a schema migration).
    #[error("the journal's store could not be set up: {0}")]
    Setup(String),

    /// Any other failure the backend reported (a refused statement, a constraint).
    #[error("the journal's store failed: {0}")]
    Backend(#[source] Box<dyn StdError + Send + Sync>),

    /// Entries inside one batch are not consecutive or not linked to each other, or the first
    /// does not continue the head the append names: a bug in the caller.
    #[error("batch is not a chain: entry {seq} does not follow its predecessor")]
    BatchNotChained { seq: u64 },

    /// A stored row cannot be an entry (e.g. a hash that is not 32 bytes).
    #[error("stored entry {seq} is malformed: {reason}")]
    Malformed { seq: i64, reason: &'static str },

    /// A seq beyond what the store can represent (its integers are signed).
    #[error("seq {0} is out of the store's range")]
    SeqOutOfRange(u64),

    /// A [`Store::scan`] callback stopped the scan with its own error.
    #[error("scan aborted by its callback")]
    Aborted(#[source] Box<dyn StdError + Send + Sync>),
}

impl StoreError {
    /// Whether the store may answer again later (so a writer should wait and reconnect rather
    /// than give up for good).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// What is wrong with a store's file, in words an operator can act on (adapters over files
/// map their driver's codes onto these).
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

/// Checks an append against the store's head, read under the store's write lock: `after` must be
/// the head (else [`StoreError::Conflict`]) and `entries` must continue it and each other (else
/// [`StoreError::BatchNotChained`]). Adapters call this inside their append transaction.
pub fn check_append(
    head: Option<(u64, Hash)>,
    after: Option<(u64, Hash)>,
    entries: &[Entry],
) -> Result<(), StoreError> {
    if head != after {
        return Err(StoreError::Conflict {
            expected: after.map_or(0, |(seq, _)| seq),
            head: head.map_or(0, |(seq, _)| seq),
        });
    }
    let (mut seq, mut hash) = after.unwrap_or((0, GENESIS));
    for entry in entries {
        if entry.seq != seq.wrapping_add(1) || entry.prev_hash != hash {
            return Err(StoreError::BatchNotChained { seq: entry.seq });
        }
        (seq, hash) = (entry.seq, entry.hash);
    }
    Ok(())
}

/// Checks that `chunk` continues `last` (the (seq, hash) of the entry before it, `None` for an
/// empty store) and itself, and returns the (seq, hash) it ends at: what adapters call on each
/// chunk of [`Store::append_chunks`] once the head was checked.
pub fn check_chunk(
    last: Option<(u64, Hash)>,
    chunk: &[Entry],
) -> Result<Option<(u64, Hash)>, StoreError> {
    check_append(last, last, chunk)?;
    Ok(chunk.last().map(|e| (e.seq, e.hash)).or(last))
}

/// Lets a boxed store stand wherever a store is expected (e.g. a reader factory's output).
impl<S: Store + ?Sized> Store for Box<S> {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        (**self).head()
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        (**self).append(after, entries)
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        (**self).read(after, limit)
    }

    fn append_chunks(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        (**self).append_chunks(after, next)
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        (**self).scan(after, f)
    }

    fn wait_for_append(&mut self, after: u64, timeout: Duration) -> Result<(), StoreError> {
        (**self).wait_for_append(after, timeout)
    }

    fn yield_turn(&mut self) -> Result<(), StoreError> {
        (**self).yield_turn()
    }
}
