//! Errors a journal caller can see.

use std::sync::Arc;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// A read, scan or open failed; the journal itself is unaffected.
    #[error("journal storage")]
    Store(#[from] StoreError),

    /// An append failed, so this submission (and every one queued or made after it) was not
    /// committed. The journal accepts nothing more: its seq counter ran ahead of the store, and
    /// only a restart, which rereads the head, puts them back in step.
    #[error("journal stopped accepting entries after a storage failure; restart to recover")]
    Failed(#[source] Arc<StoreError>),

    /// The writer thread ended without answering (it panicked). Whether this submission was
    /// committed is unknown until the journal is reopened and read.
    #[error("journal writer stopped; the outcome of this submission is unknown")]
    WriterStopped,

    #[error("a batch must hold at least one entry")]
    EmptyBatch,

    #[error("could not start the journal writer thread")]
    Spawn(#[source] std::io::Error),

    /// Another process has this store open (a server, or another command).
    #[error("the store {} is in use by another process (is a server running on it?)", .0.display())]
    Locked(std::path::PathBuf),

    #[error("could not lock the store")]
    Lock(#[source] std::io::Error),
}
