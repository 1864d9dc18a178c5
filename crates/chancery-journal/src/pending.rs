//! The caller's handle on a submission until it is durable.

use tokio::sync::oneshot;

use crate::error::JournalError;
use crate::hash::Hash;

/// Where a submission landed once durable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Committed {
    pub first_seq: u64,
    pub last_seq: u64,
    /// Hash of the entry at `last_seq`.
    pub last_hash: Hash,
}

pub(crate) type Outcome = Result<Committed, JournalError>;

/// A submission with its seqs assigned, not yet known durable.
///
/// A `oneshot` channel serves both worlds: threads block on it, async tasks await it, and the
/// writer thread never has to know which.
#[must_use = "an entry is durable only once its Pending resolves to Ok"]
#[derive(Debug)]
pub struct Pending {
    first_seq: u64,
    count: u64,
    state: State,
}

#[derive(Debug)]
enum State {
    Queued(oneshot::Receiver<Outcome>),
    Refused(JournalError),
}

impl Pending {
    pub(crate) fn queued(first_seq: u64, count: u64, rx: oneshot::Receiver<Outcome>) -> Pending {
        Pending {
            first_seq,
            count,
            state: State::Queued(rx),
        }
    }

    /// A submission turned away before any seq was assigned.
    pub(crate) fn refused(error: JournalError) -> Pending {
        Pending {
            first_seq: 0,
            count: 0,
            state: State::Refused(error),
        }
    }

    /// The seq assigned to the first entry, or 0 when the submission was refused outright
    /// (seqs start at 1, so 0 is never a real one).
    pub fn first_seq(&self) -> u64 {
        self.first_seq
    }

    /// How many seqs were assigned (0 when refused).
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Blocks the current thread until the submission is durable or has failed.
    ///
    /// # Panics
    ///
    /// Inside an async runtime (tokio forbids blocking there); use [`Pending::wait_async`].
    pub fn wait(self) -> Outcome {
        match self.state {
            State::Queued(rx) => rx
                .blocking_recv()
                .unwrap_or(Err(JournalError::WriterStopped)),
            State::Refused(error) => Err(error),
        }
    }

    /// Waits without blocking a thread.
    pub async fn wait_async(self) -> Outcome {
        match self.state {
            State::Queued(rx) => rx.await.unwrap_or(Err(JournalError::WriterStopped)),
            State::Refused(error) => Err(error),
        }
    }
}
