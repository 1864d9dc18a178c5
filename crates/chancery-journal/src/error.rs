//! Errors a journal caller can see.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::store::StoreError;
use crate::verify::ChainBreak;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// A read, scan or open failed; the journal itself is unaffected. Transparent, so the
    /// message is the store's own, which for a file names it and says what is wrong with it.
    #[error(transparent)]
    Store(#[from] StoreError),

    /// An append failed, so this submission (and every one queued or made after it) was not
    /// committed. The journal accepts nothing more: its seq counter ran ahead of the store, and
    /// only a restart, which rereads the head, puts them back in step.
    #[error("journal stopped accepting entries after a storage failure ({0}); restart to recover")]
    Failed(#[source] Arc<StoreError>),

    /// Another writer appended first (another instance over the same store), or an earlier
    /// submission this one was based on was turned back: nothing of this submission was
    /// stored. Catch up to entry `head`, validate again, and submit again.
    #[error("another writer appended first; the journal now ends at entry #{head}")]
    Conflict { head: u64 },

    /// The store is unreachable: this submission was not acknowledged (if it was in flight when
    /// the connection dropped, it may or may not have been stored: read the journal once the
    /// store answers). The journal reconnects by itself; until then writes are refused.
    #[error("the journal's store is unreachable ({0}); writes resume once it answers")]
    Unavailable(#[source] Arc<StoreError>),

    /// The writer thread ended without answering (it panicked). Whether this submission was
    /// committed is unknown until the journal is reopened and read.
    #[error("journal writer stopped; the outcome of this submission is unknown")]
    WriterStopped,

    #[error("a batch must hold at least one entry")]
    EmptyBatch,

    /// An [`AppendStream`](crate::AppendStream) was dropped before it was finished: nothing of
    /// it was stored.
    #[error("the append was abandoned before it was finished; nothing of it was stored")]
    Abandoned,

    /// A stream's next chunk did not come in time: the writer gave it up rather than keep
    /// every other writer waiting, and nothing of it was stored.
    #[error(
        "the append waited more than {} s for its next part while every other write waited \
         for it, so it was given up; nothing of it was stored: run it again",
        .0.as_secs()
    )]
    Stalled(std::time::Duration),

    #[error("could not start the journal writer thread")]
    Spawn(#[source] std::io::Error),

    /// Another process (or another journal in this process) has this store open, under this
    /// name or any other: a symlink or a hard link to the same file is the same store.
    #[error("the store {0} is in use by another process (is a server running on it?)")]
    Locked(StorePath),

    /// The store's file could not be opened or locked (missing directory, no permission...).
    #[error("could not open and lock the store {0}: {1}")]
    Lock(StorePath, #[source] std::io::Error),

    /// The operating system's random source failed, so new entries could not be salted; nothing
    /// was queued.
    #[error("could not draw random salts for new entries: {0}")]
    Entropy(#[source] getrandom::Error),

    /// [`Journal::check_integrity`](crate::Journal::check_integrity) found the hash chain broken.
    #[error("the journal's hash chain is broken: {0}")]
    Broken(ChainBreak),
}

impl JournalError {
    /// Whether the store could not be reached (a write turned back, or a read that failed for
    /// that reason): a passing condition, unlike a failed journal.
    pub fn is_unavailable(&self) -> bool {
        match self {
            JournalError::Unavailable(_) => true,
            JournalError::Store(e) => e.is_unavailable(),
            _ => false,
        }
    }
}

/// A store's file as the caller named it and, when that differs, what the name resolves to
/// (through symlinks and `..`), so a refusal says which file is really meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorePath {
    pub given: PathBuf,
    /// `None` when it is the same as `given` or could not be resolved.
    pub canonical: Option<PathBuf>,
}

impl StorePath {
    pub fn new(given: &std::path::Path) -> StorePath {
        let canonical = std::fs::canonicalize(given)
            .ok()
            .filter(|canonical| canonical != given);
        StorePath {
            given: given.to_path_buf(),
            canonical,
        }
    }
}

impl fmt::Display for StorePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.given.display())?;
        if let Some(canonical) = &self.canonical {
            write!(f, " (which is {})", canonical.display())?;
        }
        Ok(())
    }
}
