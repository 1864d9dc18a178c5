//! The journal: seq assignment, group commit, concurrent reads, verification.

use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::entry::{fresh_salts, Entry, NewEntry};
use crate::error::JournalError;
use crate::hash::{Hash, GENESIS};
use crate::notifier::Notifier;
use crate::pending::Pending;
use crate::readers::{OpenReader, Readers};
use crate::store::{Store, StoreError};
use crate::stream::{AppendStream, ChunkReceiver, CHUNKS_IN_FLIGHT, STREAM_STALL};
use crate::verify::{ChainVerifier, VerifyReport};
use crate::writer::{self, Shared, State, Submission};

/// How many entries a verification reads between two progress reports: often enough for a bar
/// to move smoothly, rarely enough to cost nothing beside hashing.
const PROGRESS_EVERY: u64 = 4096;

/// Chancery's append-only log of acts.
///
/// Writes go through one writer thread that owns the store and commits in groups; reads go
/// through separate connections, so a long replay never delays a commit (WAL lets them overlap).
/// `Journal` is `Sync`: share it behind an `Arc`.
///
/// If an append fails the journal stops accepting entries for good (see
/// [`JournalError::Failed`]); the process is expected to restart.
pub struct Journal {
    shared: Arc<Shared>,
    readers: Readers,
    /// The connection [`Journal::tail`] waits on, kept apart from the readers: a store that is
    /// told of appends (LISTEN) keeps its notifications on the connection that asked for them.
    listener: Readers,
    /// The writer first: its exit is what lets the notifier finish.
    threads: Vec<JoinHandle<()>>,
    /// Whatever the adapter needs held while the journal is open: for a SQLite file, an
    /// exclusive lock on the file itself (see chancery-sqlite's `lock.rs`), so that a second
    /// process (a CLI import beside a running server) cannot append behind its back.
    ///
    /// Declared last so it is dropped last: fields drop in declaration order after `drop`
    /// has joined the writer (which closes the write connection), so every connection is
    /// closed before the guard is (for SQLite: before the lock's descriptor is, so closing it
    /// cannot drop SQLite's POSIX locks).
    _guard: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl Journal {
    /// Opens a journal over `writer`, which it moves onto its writer thread, with `open_reader`
    /// to open read connections to the same data on demand.
    pub fn open<S, F>(mut writer: S, open_reader: F) -> Result<Journal, JournalError>
    where
        S: Store,
        F: Fn() -> Result<Box<dyn Store>, StoreError> + Send + Sync + 'static,
    {
        let head = writer.head()?.unwrap_or((0, GENESIS));
        let shared = Arc::new(Shared::new(head.0));
        let (notifier, notifier_handle) = Notifier::spawn().map_err(JournalError::Spawn)?;
        let thread_shared = Arc::clone(&shared);
        // If this spawn fails, the closure (and the notifier's sender in it) is dropped, so the
        // notifier thread ends on its own.
        let writer_handle = std::thread::Builder::new()
            .name("chancery-journal-writer".into())
            .spawn(move || writer::run(Box::new(writer), thread_shared, notifier, head))
            .map_err(JournalError::Spawn)?;
        let open_reader: Arc<OpenReader> = Arc::new(open_reader);
        let open_listener = Arc::clone(&open_reader);
        Ok(Journal {
            shared,
            readers: Readers::shared(open_reader),
            listener: Readers::shared(open_listener),
            threads: vec![writer_handle, notifier_handle],
            _guard: None,
        })
    }

    /// [`Journal::open`], holding `guard` until every connection is closed (see `_guard`).
    pub fn open_guarded<S, F>(
        writer: S,
        open_reader: F,
        guard: Box<dyn std::any::Any + Send + Sync>,
    ) -> Result<Journal, JournalError>
    where
        S: Store,
        F: Fn() -> Result<Box<dyn Store>, StoreError> + Send + Sync + 'static,
    {
        let mut journal = Journal::open(writer, open_reader)?;
        journal._guard = Some(guard);
        Ok(journal)
    }

    /// Assigns the next seq at once and queues the entry; never waits for the disk, but waits
    /// for an open stream ([`Journal::stream_on`]) to end.
    ///
    /// Seqs follow the order in which submissions take the journal's internal lock. Callers
    /// that need seq order to match their own order (validate, then append) hold their own
    /// lock around `submit`; the wait for durability can happen outside it.
    pub fn submit(&self, entry: NewEntry) -> Pending {
        self.enqueue(None, vec![entry])
    }

    /// Queues entries under consecutive seqs, committed in one transaction: all durable or none.
    pub fn submit_batch(&self, entries: Vec<NewEntry>) -> Pending {
        if entries.is_empty() {
            return Pending::refused(JournalError::EmptyBatch);
        }
        self.enqueue(None, entries)
    }

    /// Queues entries that were validated against the journal as it stood at `basis` (its
    /// epoch, and the last entry the caller had applied): refused at once with
    /// [`JournalError::Conflict`] when the journal has since moved on (another writer appended
    /// first, or earlier submissions were turned back), and by the store if another writer gets
    /// there before this group is appended.
    ///
    /// A `basis.after` beyond the last seq this journal handed out is the caller having caught
    /// up with another writer's entries (see [`Journal::tail`]): accepted when nothing of this
    /// journal's own is still on its way, so the next group continues from those entries.
    pub fn submit_on(&self, basis: Basis, entries: Vec<NewEntry>) -> Pending {
        if entries.is_empty() {
            return Pending::refused(JournalError::EmptyBatch);
        }
        self.enqueue(Some(basis), entries)
    }

    /// What a caller validating against this journal's state now bases its submission on:
    /// the current epoch and the last seq handed out.
    pub fn basis(&self) -> Basis {
        let queue = self.shared.lock();
        Basis {
            epoch: queue.epoch,
            after: queue.next_seq - 1,
        }
    }

    /// The current epoch and the seq from which the last turned-back submissions began: a
    /// caller that applied submissions of an earlier epoch ahead of durability takes back those
    /// numbered `turned_back_from` and later (they will never be stored), then catches up.
    pub fn epoch(&self) -> (u64, u64) {
        let queue = self.shared.lock();
        (queue.epoch, queue.turned_back_from)
    }

    /// The current epoch when nothing submitted is still on its way (every seq handed out is
    /// durable or was turned back), `None` otherwise: read in one critical section, so a caller
    /// that makes no submission meanwhile knows the store's entries beyond its own are others'.
    pub fn quiescent_epoch(&self) -> Option<u64> {
        let queue = self.shared.lock();
        queue
            .idle(self.shared.committed_seq())
            .then_some(queue.epoch)
    }

    /// The caller read every entry up to `seq` from the store (other writers', applied to its
    /// image): when nothing of this journal's own is on its way, its counters move up to them,
    /// so [`last_seq`](Self::last_seq) and [`committed_seq`](Self::committed_seq) speak for
    /// the store as read, not only for what this journal appended. An instance that only reads
    /// would otherwise count the record as it stood when it opened (and list, or keep answers
    /// for, nothing newer). The next append continues from the store's entry `seq`.
    pub fn caught_up(&self, seq: u64) {
        let mut queue = self.shared.lock();
        let last = queue.next_seq - 1;
        if queue.idle(self.shared.committed_seq()) && seq > last {
            queue.next_seq = seq + 1;
            self.shared.set_committed(seq);
        }
    }

    /// Opens an append made a chunk at a time, validated against the journal as it stood at
    /// `basis` (refused as [`Journal::submit_on`] would be): for an import too large to hold
    /// whole. Entries pushed are committed in one transaction when the stream is finished, or
    /// not at all. Until it ends, other submissions wait (see [`AppendStream`]).
    ///
    /// A stream whose next chunk does not come within [`STREAM_STALL`] is abandoned by the
    /// writer ([`JournalError::Stalled`]), so it cannot hold up other writers indefinitely.
    pub fn stream_on(&self, basis: Basis) -> AppendStream<'_> {
        self.stream_on_within(basis, STREAM_STALL)
    }

    /// [`stream_on`](Self::stream_on) with another limit on the wait for each chunk.
    pub fn stream_on_within(&self, basis: Basis, stall: Duration) -> AppendStream<'_> {
        let (done, outcome) = oneshot::channel();
        let (chunks, arriving) = mpsc::sync_channel(CHUNKS_IN_FLIGHT);
        let first_seq = {
            let mut queue = self.shared.lock_between_streams();
            if let Some(refusal) = queue.state.refusal() {
                return AppendStream::refused(refusal);
            }
            if let Err(refusal) = queue.take_basis(self.shared.committed_seq(), basis) {
                return AppendStream::refused(refusal);
            }
            let first_seq = queue.next_seq;
            queue.streaming = true;
            queue.submissions.push_back(Submission {
                first_seq,
                entries: Vec::new(),
                salts: Vec::new(),
                stream: Some(ChunkReceiver {
                    chunks: arriving,
                    stall,
                }),
                done,
            });
            first_seq
        };
        self.shared.wake_writer();
        AppendStream::open(first_seq, chunks, outcome)
    }

    fn enqueue(&self, basis: Option<Basis>, entries: Vec<NewEntry>) -> Pending {
        // Drawn here, before a seq is assigned, so a failure of the random source refuses this
        // submission alone instead of failing the journal on the writer thread.
        let salts = match fresh_salts(entries.len()) {
            Ok(salts) => salts,
            Err(e) => return Pending::refused(e),
        };
        // usize -> u64 is lossless on every platform Rust supports.
        let count = entries.len() as u64;
        let (done, outcome) = oneshot::channel();
        let first_seq = {
            let mut queue = self.shared.lock_between_streams();
            if let Some(refusal) = queue.state.refusal() {
                return Pending::refused(refusal);
            }
            if let Some(basis) = basis {
                if let Err(refusal) = queue.take_basis(self.shared.committed_seq(), basis) {
                    return Pending::refused(refusal);
                }
            }
            let first_seq = queue.next_seq;
            queue.next_seq += count;
            queue.submissions.push_back(Submission {
                first_seq,
                entries,
                salts,
                stream: None,
                done,
            });
            self.shared.wake_writer_after(queue);
            first_seq
        };
        Pending::queued(first_seq, count, outcome)
    }

    /// Entries with `seq > after`, in order, at most `limit`. Only committed entries are visible.
    pub fn read(&self, after: u64, limit: usize) -> Result<Vec<Entry>, JournalError> {
        Ok(self.readers.with(|store| store.read(after, limit))?)
    }

    /// Waits up to `timeout` for entries after `after` (appended by this journal or by another
    /// writer on the same store) and returns up to `limit` of them, in order; none when the
    /// wait ran out. Over a store that announces appends (PostgreSQL) it returns as soon as one
    /// lands; otherwise the store is polled, and `timeout` bounds how stale a caller can be.
    pub fn tail(
        &self,
        after: u64,
        limit: usize,
        timeout: std::time::Duration,
    ) -> Result<Vec<Entry>, JournalError> {
        if self.committed_seq() <= after {
            self.listener
                .with(|store| store.wait_for_append(after, timeout))?;
        }
        self.read(after, limit)
    }

    /// Streams every committed entry with `seq > after`, in order, to `f` (replay).
    pub fn scan(
        &self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), JournalError> {
        Ok(self.readers.with(|store| store.scan(after, f))?)
    }

    /// Recomputes every hash and checks every link, from the first entry to the last committed.
    ///
    /// What it detects, from the store alone: an entry whose contents were edited
    /// ([`BreakKind::BadHash`], or [`BreakKind::BadLink`] at the next entry if its hash was
    /// rewritten too), entries removed from the middle or reordered ([`BreakKind::Missing`],
    /// [`BreakKind::BadLink`]), a salt stripped to pass an entry off as an old unsalted one
    /// ([`BreakKind::UnsaltedAfterSalted`]), and the removal of entries this process committed
    /// ([`BreakKind::Truncated`]).
    ///
    /// What it cannot detect: removal of the last entries before this process opened the
    /// store, or a chain rewritten from some entry to the end by someone with write access
    /// (a hash chain alone proves consistency, not authenticity). Both leave a valid, shorter
    /// or different chain. Catching them needs a head recorded elsewhere: the report's
    /// [`VerifyReport::head`] is that value (its `Display` shows it in hex); record it out of
    /// the store's reach and check later with [`Journal::verify_against`].
    ///
    /// [`BreakKind::BadHash`]: crate::BreakKind::BadHash
    /// [`BreakKind::BadLink`]: crate::BreakKind::BadLink
    /// [`BreakKind::Missing`]: crate::BreakKind::Missing
    /// [`BreakKind::UnsaltedAfterSalted`]: crate::BreakKind::UnsaltedAfterSalted
    /// [`BreakKind::Truncated`]: crate::BreakKind::Truncated
    pub fn verify(&self) -> Result<VerifyReport, JournalError> {
        self.verify_reporting(None, &|_, _| {})
    }

    /// [`Journal::verify`], and also that the chain still holds entry `anchor.0` with hash
    /// `anchor.1`: a head recorded elsewhere earlier. Reports [`BreakKind::Truncated`] if the
    /// journal now ends before it and [`BreakKind::AnchorMismatch`] if that entry's hash
    /// changed (the chain was rewritten).
    ///
    /// [`BreakKind::Truncated`]: crate::BreakKind::Truncated
    /// [`BreakKind::AnchorMismatch`]: crate::BreakKind::AnchorMismatch
    pub fn verify_against(&self, anchor: (u64, Hash)) -> Result<VerifyReport, JournalError> {
        self.verify_reporting(Some(anchor), &|_, _| {})
    }

    /// [`Journal::verify`] (or [`Journal::verify_against`] with an anchor), telling `progress`
    /// how far it has read: entries checked and entries committed when it began. A scan of
    /// millions of entries takes a while, and whoever waits at a terminal wants to see it move.
    pub fn verify_reporting(
        &self,
        anchor: Option<(u64, Hash)>,
        progress: &dyn Fn(u64, u64),
    ) -> Result<VerifyReport, JournalError> {
        let mut verifier = match anchor {
            Some((seq, hash)) => ChainVerifier::with_anchor(seq, hash),
            None => ChainVerifier::new(),
        };
        // Read before the scan's snapshot is taken, so the snapshot holds at least this much.
        let total = self.committed_seq();
        verifier.expect_through(total);
        let mut done = 0u64;
        self.scan(0, &mut |entry| {
            verifier.check(&entry);
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                progress(done, total.max(done));
            }
            Ok(())
        })?;
        progress(done, total.max(done));
        Ok(verifier.finish())
    }

    /// A quick check of the chain, cheap enough for every start-up, where [`Journal::verify`]
    /// reads everything: the last `sample.tail` entries (the head included: its hash against
    /// its fields, and every link back from it), and `sample.spread` pairs of consecutive
    /// entries spread evenly over the rest (the first pair is entries 1 and 2, so the link to
    /// genesis is checked), each pair for both hashes, the link between them and no gap.
    /// The sample is deterministic: the same store is checked at the same places every time.
    ///
    /// Returns [`JournalError::Broken`] naming the first entry found at fault and how (hash
    /// mismatch, broken link, gap, stripped salt, or an end before the last committed entry);
    /// any other error is a storage failure naming the file. An edit outside the sample is
    /// left to the full [`Journal::verify`].
    pub fn check_integrity(
        &self,
        sample: IntegritySample,
    ) -> Result<IntegrityReport, JournalError> {
        let last = self.committed_seq();
        let mut report = IntegrityReport {
            head: None,
            entries_checked: 0,
        };
        for (first, through) in sample.windows(last) {
            let len = usize::try_from(through - first + 1).unwrap_or(usize::MAX);
            let entries = self.read(first - 1, len)?;
            let mut verifier = ChainVerifier::window(first, through);
            entries.iter().for_each(|entry| verifier.check(entry));
            let window = verifier.finish();
            if let Some(found) = window.first_break {
                return Err(JournalError::Broken(found));
            }
            report.entries_checked += window.entries;
            if through == last {
                report.head = window.head;
            }
        }
        Ok(report)
    }

    /// The last seq assigned, durable or not.
    pub fn last_seq(&self) -> u64 {
        self.shared.lock().next_seq - 1
    }

    /// The last seq known durable: every entry up to it can be read.
    pub fn committed_seq(&self) -> u64 {
        self.shared.committed_seq()
    }

    /// Returns once every entry up to `seq` is durable, or as soon as the journal cannot make
    /// them so for now (it has failed, stopped, lost its store and is reconnecting, or turned
    /// `seq` back): a
    /// reader that wants to see only durable entries waits here for the moment a group commit
    /// takes, then looks at [`committed_seq`](Self::committed_seq) again.
    pub async fn durable(&self, seq: u64) {
        loop {
            let told = self.shared.durable.notified();
            let mut told = std::pin::pin!(told);
            // Listening before looking: a commit between the look and the wait is not missed.
            told.as_mut().enable();
            // One look under the lock: a seq beyond the last assigned was turned back (or
            // never handed out) and will not become durable as this entry; a journal not open
            // (failed, stopped, closing, reconnecting) commits nothing for now.
            let hopeless = {
                let queue = self.shared.lock();
                queue.next_seq <= seq || !matches!(queue.state, State::Open)
            };
            if hopeless || self.committed_seq() >= seq {
                return;
            }
            told.await;
        }
    }

    /// Whether the journal refuses every write (an append failed, or the writer stopped), so
    /// entries submitted but not yet durable never will be.
    pub fn has_failed(&self) -> bool {
        // Reconnecting is not failed: the journal reopens by itself once the store answers.
        matches!(
            self.shared.lock().state,
            crate::writer::State::Failed(_) | crate::writer::State::Stopped
        )
    }
}

/// What a submission was validated against: see [`Journal::submit_on`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    pub epoch: u64,
    /// The last seq the caller had applied when it validated the entries.
    pub after: u64,
}

impl Journal {
    /// Whether the store is unreachable and the journal waiting to reach it again (writes are
    /// refused with [`JournalError::Unavailable`] meanwhile).
    pub fn is_reconnecting(&self) -> bool {
        matches!(self.shared.lock().state, State::Reconnecting(_))
    }
}

/// Where [`Journal::check_integrity`] looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntegritySample {
    /// How many of the last entries to check in full (with the link from the one before).
    pub tail: u64,
    /// How many pairs of consecutive entries to check, spread evenly over the rest.
    pub spread: u64,
}

impl Default for IntegritySample {
    /// The last 1,000 entries and 64 pairs: about 1,130 entries read, a few milliseconds.
    fn default() -> Self {
        IntegritySample {
            tail: 1000,
            spread: 64,
        }
    }
}

impl IntegritySample {
    /// Windows `(first, through)` of seqs to check, in order and disjoint, for a chain ending
    /// at `last`.
    fn windows(&self, last: u64) -> Vec<(u64, u64)> {
        if last == 0 {
            return Vec::new();
        }
        // The tail and the entry before it, whose hash then anchors the tail's first link.
        let tail_first = last.saturating_sub(self.tail).max(1);
        let mut windows = Vec::new();
        for i in 0..self.spread {
            // Evenly from 1 towards `last`; u128 so the product cannot overflow.
            let at = 1 + (u128::from(i) * u128::from(last) / u128::from(self.spread)) as u64;
            let pair = (at, at + 1);
            let before_tail = pair.1 < tail_first;
            let new = windows.last().is_none_or(|&(_, through)| pair.0 > through);
            if before_tail && new {
                windows.push(pair);
            }
        }
        windows.push((tail_first, last));
        windows
    }
}

/// What [`Journal::check_integrity`] looked at; it found nothing wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntegrityReport {
    /// The last entry's seq and hash, `None` for an empty journal.
    pub head: Option<(u64, Hash)>,
    pub entries_checked: u64,
}

impl Drop for Journal {
    /// Lets the writer commit everything already queued, then joins it, so no acknowledged
    /// submission is lost to an orderly shutdown.
    fn drop(&mut self) {
        {
            let mut queue = self.shared.lock();
            if matches!(queue.state, State::Open | State::Reconnecting(_)) {
                queue.state = State::Closing;
            }
        }
        self.shared.wake_writer();
        for thread in self.threads.drain(..) {
            // A panic there has already answered its waiters (see `WriterStopped`); re-raising
            // it here, possibly during another unwind, would only abort the process.
            let _ = thread.join();
        }
    }
}

// The server shares one journal across request handlers and awaits results on any task.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    const fn assert_send<T: Send>() {}
    assert_send_sync::<Journal>();
    assert_send_sync::<JournalError>();
    assert_send::<Pending>();
};

#[cfg(test)]
mod tests {
    use super::IntegritySample;

    #[test]
    fn sample_windows_are_ordered_disjoint_and_end_at_the_head() {
        let sample = IntegritySample::default();
        assert_eq!(sample.windows(0), []);
        assert_eq!(sample.windows(1), [(1, 1)]);
        assert_eq!(sample.windows(1000), [(1, 1000)]);
        // Pairs are dropped once they would reach the tail.
        assert_eq!(sample.windows(1001), [(1, 1001)]);
        for last in [1_100, 3_000, 1_000_000, 50_000_000] {
            let windows = sample.windows(last);
            assert_eq!(windows[0], (1, 2), "the link to genesis is always checked");
            assert_eq!(*windows.last().unwrap(), (last - 1000, last));
            assert!(windows.windows(2).all(|w| w[0].1 < w[1].0), "{windows:?}");
            let read: u64 = windows.iter().map(|(a, b)| b - a + 1).sum();
            assert!(read <= 1001 + 2 * 64, "{read}");
        }
        // Pairs spread over the whole chain, not bunched at its start.
        let windows = sample.windows(1_000_000);
        assert_eq!(windows.len(), 65);
        assert!(windows[63].0 > 980_000, "{:?}", windows[63]);
    }
}
