//! An append too large to hold at once (an import), handed to the writer a chunk at a time
//! and committed in one transaction: all or nothing, with memory bounded by a few chunks.

use std::marker::PhantomData;
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::entry::{fresh_salts, NewEntry};
use crate::error::JournalError;
use crate::hash::Salt;
use crate::pending::{Outcome, Pending};

/// Entries per chunk: large enough that a chunk is one cheap statement, small enough that a
/// few in flight are a few megabytes.
pub(crate) const CHUNK_ENTRIES: usize = 1024;

/// Chunks that may wait for the writer: the caller runs ahead of the store by this much at
/// most, then waits.
pub(crate) const CHUNKS_IN_FLIGHT: usize = 4;

/// What the caller hands the writer thread.
pub(crate) enum Chunk {
    /// Entries to append, each with its salt.
    Entries(Vec<NewEntry>, Vec<Salt>),
    /// Everything was handed over: commit. A sender dropped without this abandons the append.
    End,
}

/// How long the writer waits for a stream's next chunk before it abandons the stream: the
/// store's write lock (PostgreSQL's append lock, shared by every instance) is held while a
/// stream is open, so a caller that stops pushing (a paused terminal, a stuck disk) must not
/// hold up every other writer for longer than this. An import produces a chunk in a few
/// milliseconds.
pub const STREAM_STALL: Duration = Duration::from_secs(10);

/// The writer's end of a stream, queued as a submission.
pub(crate) struct ChunkReceiver {
    pub(crate) chunks: Receiver<Chunk>,
    /// The longest wait for the next chunk ([`STREAM_STALL`] unless a test says otherwise).
    pub(crate) stall: Duration,
}

/// The caller's end of an append made a chunk at a time ([`crate::Journal::stream_on`]).
///
/// Nothing is visible to readers, nor durable, until [`AppendStream::finish`]'s [`Pending`]
/// resolves `Ok`; dropping the stream before `finish` abandons it and the store keeps nothing
/// of it. While a stream is open the journal appends nothing else: other submissions wait for
/// it to end (the store's write lock, or PostgreSQL's append lock, is held throughout). So a
/// stream must be finished or dropped, never leaked (`mem::forget` blocks the journal), and its
/// holder must not submit on the same thread while it is open. An empty stream, finished, is
/// refused like an empty batch.
#[must_use = "a stream dropped without `finish` is abandoned"]
pub struct AppendStream<'j> {
    state: StreamState,
    buffer: Vec<NewEntry>,
    pushed: u64,
    /// Borrows the journal, so it cannot be dropped (and its writer joined, which waits for
    /// the stream to end) while the stream is open.
    _journal: PhantomData<&'j ()>,
}

enum StreamState {
    Open {
        first_seq: u64,
        chunks: SyncSender<Chunk>,
        outcome: oneshot::Receiver<Outcome>,
    },
    /// Refused before it began, or a chunk could not be salted: nothing is appended.
    Refused(JournalError),
    /// The writer stopped taking chunks (the store failed, or another writer appended first):
    /// `finish` tells why.
    Closed {
        first_seq: u64,
        outcome: oneshot::Receiver<Outcome>,
    },
}

/// [`AppendStream::push`] could not hand the entry on: the append will not be committed, and
/// [`AppendStream::finish`] says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the journal stopped taking this append; finish it to learn why")]
pub struct StreamClosed;

impl AppendStream<'_> {
    pub(crate) fn open(
        first_seq: u64,
        chunks: SyncSender<Chunk>,
        outcome: oneshot::Receiver<Outcome>,
    ) -> Self {
        AppendStream {
            state: StreamState::Open {
                first_seq,
                chunks,
                outcome,
            },
            buffer: Vec::with_capacity(CHUNK_ENTRIES),
            pushed: 0,
            _journal: PhantomData,
        }
    }

    pub(crate) fn refused(error: JournalError) -> Self {
        AppendStream {
            state: StreamState::Refused(error),
            buffer: Vec::new(),
            pushed: 0,
            _journal: PhantomData,
        }
    }

    /// The seq the first entry gets, or 0 when the stream was refused outright.
    pub fn first_seq(&self) -> u64 {
        match &self.state {
            StreamState::Open { first_seq, .. } | StreamState::Closed { first_seq, .. } => {
                *first_seq
            }
            StreamState::Refused(_) => 0,
        }
    }

    /// How many entries were pushed so far.
    pub fn pushed(&self) -> u64 {
        self.pushed
    }

    /// Adds an entry; waits when the writer is `CHUNKS_IN_FLIGHT` chunks behind.
    pub fn push(&mut self, entry: NewEntry) -> Result<(), StreamClosed> {
        if !matches!(self.state, StreamState::Open { .. }) {
            return Err(StreamClosed);
        }
        self.buffer.push(entry);
        self.pushed += 1;
        if self.buffer.len() >= CHUNK_ENTRIES {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the rest to the writer and asks it to commit; the [`Pending`] resolves once the
    /// whole append is durable, or with why it was not.
    pub fn finish(mut self) -> Pending {
        // A failed flush leaves the stream closed or refused; the outcome says why.
        let _ = self.flush();
        let count = self.pushed;
        if count == 0 && matches!(self.state, StreamState::Open { .. }) {
            // Like an empty batch: refused, and dropping the sender ends the stream unwritten.
            return Pending::refused(JournalError::EmptyBatch);
        }
        match std::mem::replace(
            &mut self.state,
            StreamState::Refused(JournalError::EmptyBatch),
        ) {
            StreamState::Open {
                first_seq,
                chunks,
                outcome,
            } => {
                // A writer that already stopped listening answers through `outcome`.
                let _ = chunks.send(Chunk::End);
                Pending::queued(first_seq, count, outcome)
            }
            StreamState::Closed { first_seq, outcome } => {
                Pending::queued(first_seq, count, outcome)
            }
            StreamState::Refused(error) => Pending::refused(error),
        }
    }

    fn flush(&mut self) -> Result<(), StreamClosed> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let salts = match fresh_salts(self.buffer.len()) {
            Ok(salts) => salts,
            Err(error) => {
                // Dropping the sender abandons what was handed over.
                self.state = StreamState::Refused(error);
                return Err(StreamClosed);
            }
        };
        let entries = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_ENTRIES));
        let StreamState::Open { chunks, .. } = &self.state else {
            return Err(StreamClosed);
        };
        if chunks.send(Chunk::Entries(entries, salts)).is_ok() {
            return Ok(());
        }
        let closed = std::mem::replace(
            &mut self.state,
            StreamState::Refused(JournalError::EmptyBatch),
        );
        if let StreamState::Open {
            first_seq, outcome, ..
        } = closed
        {
            self.state = StreamState::Closed { first_seq, outcome };
        }
        Err(StreamClosed)
    }
}
