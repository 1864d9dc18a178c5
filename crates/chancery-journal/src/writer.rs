//! Group commit: one thread owns the store and appends whatever has queued up in one
//! transaction, so one fsync is shared by every submission that arrived while the last one ran.

use std::collections::VecDeque;
use std::mem;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::entry::{Entry, NewEntry};
use crate::error::JournalError;
use crate::hash::{Hash, Salt, GENESIS};
use crate::notifier::{Acks, Notifier};
use crate::pending::{Committed, Outcome};
use crate::store::{Store, StoreError};
use crate::stream::{Chunk, ChunkReceiver};
use std::sync::mpsc::RecvTimeoutError;

/// Upper bound on entries per transaction, so one commit's latency (and the memory held for it)
/// stays bounded under a burst. A single larger batch still goes whole: atomicity wins.
pub(crate) const MAX_GROUP_ENTRIES: usize = 4096;

/// State shared by submitters and the writer thread.
///
/// Seq assignment and queueing happen under one lock, so the queue is always in seq order and the
/// writer can hash it front to back without sorting.
pub(crate) struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    /// Submitters waiting for an open stream to end (see `Queue::streaming`).
    stream_ended: Condvar,
    committed_seq: AtomicU64,
    /// Told whenever `committed_seq` moves or the journal stops taking writes (failed,
    /// stopped, reconnecting), for those awaiting an entry's durability (`Journal::durable`).
    pub(crate) durable: tokio::sync::Notify,
}

pub(crate) struct Queue {
    /// The seq the next submitted entry gets.
    pub(crate) next_seq: u64,
    pub(crate) submissions: VecDeque<Submission>,
    pub(crate) state: State,
    /// Bumped each time submissions are turned back (another writer appended first, or the
    /// store became unreachable): a submission based on an earlier epoch was validated against a
    /// state the store no longer continues, and is refused.
    pub(crate) epoch: u64,
    /// From this seq on, the submissions of the epochs before `epoch` were turned back: what a
    /// caller that applied them ahead of durability must take back.
    pub(crate) turned_back_from: u64,
    /// An append made a chunk at a time is queued or under way: how many entries it will hold
    /// is unknown, so no later seq can be handed out until it ends (`next_seq` stays at its
    /// first seq meanwhile) and other submissions wait.
    pub(crate) streaming: bool,
    /// The writer is asleep on `Shared::wake` with nothing queued: the one submitter that
    /// finds it so (and clears it) wakes it. A wake-up is a system call; one per submission
    /// was a fifth of the server's system calls under write load.
    pub(crate) writer_asleep: bool,
}

pub(crate) enum State {
    Open,
    /// The journal is being dropped: the writer drains what is queued, then exits.
    Closing,
    /// An append failed; every later submission is refused with this cause.
    Failed(Arc<StoreError>),
    /// The writer exited without being asked to (a panic).
    Stopped,
    /// The store is unreachable: submissions are refused with this cause until the writer
    /// reaches it again, then the journal reopens by itself.
    Reconnecting(Arc<StoreError>),
}

pub(crate) struct Submission {
    pub(crate) first_seq: u64,
    pub(crate) entries: Vec<NewEntry>,
    /// One per entry, drawn before the submission was queued (see `Journal::enqueue`).
    pub(crate) salts: Vec<Salt>,
    /// For an append made a chunk at a time, where its chunks arrive (`entries` is then empty).
    pub(crate) stream: Option<ChunkReceiver>,
    pub(crate) done: oneshot::Sender<Outcome>,
}

/// The reason a stream's caller dropped it before finishing: an abandoned append, not a
/// failure of the store.
#[derive(Debug, thiserror::Error)]
#[error("the append was abandoned by its caller")]
struct Abandoned;

/// The reason the writer gave a stream up: its next chunk did not come within this long.
#[derive(Debug, thiserror::Error)]
#[error("the append's next part did not come within {0:?}")]
struct Stalled(std::time::Duration);

impl Shared {
    pub(crate) fn new(head_seq: u64) -> Shared {
        Shared {
            queue: Mutex::new(Queue {
                next_seq: head_seq + 1,
                submissions: VecDeque::new(),
                state: State::Open,
                epoch: 0,
                turned_back_from: 0,
                streaming: false,
                writer_asleep: false,
            }),
            wake: Condvar::new(),
            stream_ended: Condvar::new(),
            committed_seq: AtomicU64::new(head_seq),
            durable: tokio::sync::Notify::new(),
        }
    }

    /// Every critical section leaves the queue consistent before anything that could panic, so a
    /// poisoned lock still guards valid data and recovering it beats cascading the panic.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The queue's lock, once no stream is open: what a submission that takes seqs needs.
    pub(crate) fn lock_between_streams(&self) -> MutexGuard<'_, Queue> {
        let mut queue = self.lock();
        while queue.streaming {
            queue = self
                .stream_ended
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
        queue
    }

    /// The open stream ended; the next seq to hand out follows `head`.
    fn end_stream(&self, head: u64) {
        let mut queue = self.lock();
        queue.streaming = false;
        queue.next_seq = head + 1;
        drop(queue);
        self.stream_ended.notify_all();
    }

    pub(crate) fn wake_writer(&self) {
        self.wake.notify_one();
    }

    /// Wakes the writer if `queue` (just given work, its lock still held) says it sleeps; the
    /// lock is released first, so the writer does not wake into a held lock.
    pub(crate) fn wake_writer_after(&self, mut queue: MutexGuard<'_, Queue>) {
        let asleep = std::mem::take(&mut queue.writer_asleep);
        drop(queue);
        if asleep {
            self.wake.notify_one();
        }
    }

    pub(crate) fn committed_seq(&self) -> u64 {
        self.committed_seq.load(Ordering::Acquire)
    }

    /// Entries up to `seq` are known durable though this journal did not append them (a
    /// caller read them from the store); only while nothing of its own is on its way.
    pub(crate) fn set_committed(&self, seq: u64) {
        self.publish_committed(seq);
    }

    /// Entries up to `seq` are durable: said to readers, and to those awaiting it.
    fn publish_committed(&self, seq: u64) {
        self.committed_seq.store(seq, Ordering::Release);
        self.durable.notify_waiters();
    }
}

impl Queue {
    /// Nothing submitted is on its way: every seq handed out is durable or was turned back.
    pub(crate) fn idle(&self, committed_seq: u64) -> bool {
        self.submissions.is_empty() && !self.streaming && committed_seq == self.next_seq - 1
    }

    /// Refuses a submission validated against `basis` when the journal has moved on since
    /// (see `Journal::submit_on`); otherwise places the next seq after `basis.after`.
    pub(crate) fn take_basis(
        &mut self,
        committed_seq: u64,
        basis: crate::journal::Basis,
    ) -> Result<(), JournalError> {
        let last = self.next_seq - 1;
        if basis.epoch != self.epoch
            || basis.after < last
            || (basis.after > last && !self.idle(committed_seq))
        {
            return Err(JournalError::Conflict { head: last });
        }
        self.next_seq = basis.after + 1;
        Ok(())
    }
}

impl State {
    /// Why a new submission must be turned away, if it must.
    pub(crate) fn refusal(&self) -> Option<JournalError> {
        match self {
            State::Open => None,
            State::Failed(cause) => Some(JournalError::Failed(Arc::clone(cause))),
            State::Reconnecting(cause) => Some(JournalError::Unavailable(Arc::clone(cause))),
            State::Closing | State::Stopped => Some(JournalError::WriterStopped),
        }
    }
}

/// How long the writer waits between attempts to reach an unreachable store.
const RECONNECT_EVERY: Duration = Duration::from_millis(250);

/// How long a turned-back writer keeps the turn its store gave it (see `Store::yield_turn`)
/// while its callers validate their acts again; past it, with nothing to append, it lets go.
const TURN_HELD: Duration = Duration::from_millis(100);

/// The writer thread's body. `head` is the store's last (seq, hash) when the journal opened.
pub(crate) fn run(
    mut store: Box<dyn Store>,
    shared: Arc<Shared>,
    notifier: Notifier,
    mut head: (u64, Hash),
) {
    let _stop = StopOnExit(&shared);
    let mut group = Vec::new();
    let mut entries = Vec::new();
    let mut acks = Vec::new();
    let mut holding_turn = false;
    loop {
        match take_group(&shared, &mut group, holding_turn.then_some(TURN_HELD)) {
            Taken::Group => {}
            Taken::Closed => break,
            Taken::Idle => {
                holding_turn = false;
                if let Err(e) = store.yield_turn() {
                    if !lose_store(&shared, e, head.0 + 1, std::iter::empty()) {
                        return;
                    }
                    reconnect(&shared, store.as_mut(), &mut head);
                }
                continue;
            }
        }
        let first_seq = group.first().map_or(head.0 + 1, |s| s.first_seq);
        // The caller caught up with entries another writer appended: continue from theirs.
        if first_seq > head.0 + 1 {
            match entry_hash_at(store.as_mut(), first_seq - 1) {
                Ok(Some(hash)) => head = (first_seq - 1, hash),
                Ok(None) => {
                    // The store ends before what the caller caught up with: it moved under us.
                    let waiters = group.drain(..).map(|s| s.done);
                    match turn_back(&shared, store.as_mut(), first_seq, waiters) {
                        Some(new_head) => head = new_head,
                        None => reconnect(&shared, store.as_mut(), &mut head),
                    }
                    continue;
                }
                Err(error) => {
                    let waiters: Vec<_> = group.drain(..).map(|s| s.done).collect();
                    if !lose_store(&shared, error, first_seq, waiters.into_iter()) {
                        return;
                    }
                    reconnect(&shared, store.as_mut(), &mut head);
                    continue;
                }
            }
        }
        let streamed = group.first().is_some_and(|s| s.stream.is_some());
        if streamed {
            let Some(submission) = group.pop() else {
                continue;
            };
            let (appended, last) = append_stream(store.as_mut(), submission, head, &mut acks);
            let ok = appended.is_ok();
            shared.end_stream(if ok { last.0 } else { head.0 });
            match appended {
                Ok(()) => {
                    head = last;
                    shared.publish_committed(last.0);
                    notifier.notify(mem::take(&mut acks));
                }
                Err(StoreError::Aborted(why)) if why.is::<Abandoned>() || why.is::<Stalled>() => {
                    // `head` may have moved up to a caught-up basis: it is the store's.
                    shared.publish_committed(head.0);
                    let stalled = why.downcast_ref::<Stalled>().map(|s| s.0);
                    for (done, _) in acks.drain(..) {
                        let _ = done.send(Err(match stalled {
                            Some(waited) => JournalError::Stalled(waited),
                            None => JournalError::Abandoned,
                        }));
                    }
                }
                Err(error) => match settle(&shared, store.as_mut(), &mut head, error, &mut acks) {
                    Settled::Beaten => holding_turn = true,
                    Settled::Reconnected => {}
                    Settled::Failed => return,
                },
            }
            continue;
        }
        let (mut seq, mut prev) = head;
        for submission in group.drain(..) {
            debug_assert_eq!(submission.first_seq, seq + 1, "queue out of seq order");
            let first_seq = seq + 1;
            debug_assert_eq!(submission.entries.len(), submission.salts.len());
            for (new, salt) in submission.entries.into_iter().zip(submission.salts) {
                seq += 1;
                let entry = Entry::chain(new, seq, prev, salt);
                prev = entry.hash;
                entries.push(entry);
            }
            let committed = Committed {
                first_seq,
                last_seq: seq,
                last_hash: prev,
            };
            acks.push((submission.done, committed));
        }

        let after = (head.0 > 0).then_some(head);
        let appended = store.append(after, &entries);
        entries.clear();
        match appended {
            Ok(()) => {
                holding_turn = false;
                head = (seq, prev);
                shared.publish_committed(seq);
                notifier.notify(mem::take(&mut acks));
            }
            Err(error) => match settle(&shared, store.as_mut(), &mut head, error, &mut acks) {
                Settled::Beaten => holding_turn = true,
                Settled::Reconnected => {}
                Settled::Failed => return,
            },
        }
    }
}

/// What became of the journal after an append failed.
enum Settled {
    /// Another writer appended first: the waiters were turned back, the head reread.
    Beaten,
    /// The store was unreachable: the waiters were turned back, and it answers again.
    Reconnected,
    /// The journal failed for good: the writer exits.
    Failed,
}

/// Answers the waiters of an append that failed with `error` and brings the journal back in
/// step with the store (or fails it).
fn settle(
    shared: &Shared,
    store: &mut dyn Store,
    head: &mut (u64, Hash),
    error: StoreError,
    acks: &mut Acks,
) -> Settled {
    let waiters = acks.drain(..).map(|(done, _)| done);
    if let StoreError::Conflict { .. } = error {
        match turn_back(shared, store, head.0 + 1, waiters) {
            Some(new_head) => *head = new_head,
            None => reconnect(shared, store, head),
        }
        return Settled::Beaten;
    }
    if !lose_store(shared, error, head.0 + 1, waiters) {
        return Settled::Failed;
    }
    reconnect(shared, store, head);
    Settled::Reconnected
}

/// Appends a stream's chunks as they arrive, chaining each entry after the last, in one
/// transaction of the store's. Returns the store's answer and the last entry chained (the
/// new head if the answer is `Ok`); the stream's waiter is pushed onto `acks`.
fn append_stream(
    store: &mut dyn Store,
    submission: Submission,
    head: (u64, Hash),
    acks: &mut Acks,
) -> (Result<(), StoreError>, (u64, Hash)) {
    let Submission {
        first_seq,
        stream,
        done,
        ..
    } = submission;
    let mut last = head;
    let appended = match stream {
        Some(chunks) => {
            let chained = &mut last;
            let ChunkReceiver { chunks, stall } = chunks;
            let mut next = move || match chunks.recv_timeout(stall) {
                Ok(Chunk::Entries(news, salts)) => {
                    let mut entries = Vec::with_capacity(news.len());
                    for (new, salt) in news.into_iter().zip(salts) {
                        let entry = Entry::chain(new, chained.0 + 1, chained.1, salt);
                        *chained = (entry.seq, entry.hash);
                        entries.push(entry);
                    }
                    Ok(Some(entries))
                }
                Ok(Chunk::End) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => {
                    Err(StoreError::Aborted(Box::new(Abandoned)))
                }
                Err(RecvTimeoutError::Timeout) => {
                    Err(StoreError::Aborted(Box::new(Stalled(stall))))
                }
            };
            let after = (head.0 > 0).then_some(head);
            // The closure (and the chunks' receiver with it) is dropped when this returns, so a
            // caller still pushing learns at once that nothing more is taken.
            store.append_chunks(after, &mut next)
        }
        None => Ok(()),
    };
    let committed = Committed {
        first_seq,
        last_seq: last.0,
        last_hash: last.1,
    };
    acks.push((done, committed));
    (appended, last)
}

/// The hash of entry `seq`, if the store holds it.
fn entry_hash_at(store: &mut dyn Store, seq: u64) -> Result<Option<Hash>, StoreError> {
    Ok(store
        .read(seq - 1, 1)?
        .into_iter()
        .find(|e| e.seq == seq)
        .map(|e| e.hash))
}

/// Another writer appended first: answers the group from `from` and everything queued with
/// [`JournalError::Conflict`], starts a new epoch, and continues from the store's head, which
/// it returns. `None` when the head cannot be read (the store is then being reconnected).
fn turn_back(
    shared: &Shared,
    store: &mut dyn Store,
    from: u64,
    in_flight: impl Iterator<Item = oneshot::Sender<Outcome>>,
) -> Option<(u64, Hash)> {
    let head = store.head();
    let (new_head, state) = match head {
        Ok(h) => (Some(h.unwrap_or((0, GENESIS))), None),
        Err(e) => (None, Some(Arc::new(e))),
    };
    let queued = {
        let mut queue = shared.lock();
        queue.epoch += 1;
        queue.turned_back_from = from;
        if let Some((seq, _)) = new_head {
            queue.next_seq = seq + 1;
            shared.publish_committed(seq);
        }
        if let Some(cause) = &state {
            if matches!(queue.state, State::Open) {
                queue.state = State::Reconnecting(Arc::clone(cause));
            }
        }
        queue.streaming = false;
        mem::take(&mut queue.submissions)
    };
    shared.stream_ended.notify_all();
    shared.durable.notify_waiters();
    let head_seq = new_head.map_or(from - 1, |(seq, _)| seq);
    for done in in_flight.chain(queued.into_iter().map(|s| s.done)) {
        let refusal = match &state {
            None => JournalError::Conflict { head: head_seq },
            Some(cause) => JournalError::Unavailable(Arc::clone(cause)),
        };
        let _ = done.send(Err(refusal));
    }
    new_head
}

/// An append or read failed. An unreachable store turns back the group from `from` and the
/// queue (their outcome is unknown to their callers: the store may have committed the group
/// before the connection dropped) and sets the journal reconnecting: returns true. Any other
/// failure fails the journal for good: returns false.
fn lose_store(
    shared: &Shared,
    error: StoreError,
    from: u64,
    in_flight: impl Iterator<Item = oneshot::Sender<Outcome>>,
) -> bool {
    if !error.is_unavailable() {
        fail(shared, error, in_flight);
        return false;
    }
    let cause = Arc::new(error);
    let queued = {
        let mut queue = shared.lock();
        queue.epoch += 1;
        queue.turned_back_from = from;
        if matches!(queue.state, State::Open) {
            queue.state = State::Reconnecting(Arc::clone(&cause));
        }
        queue.streaming = false;
        mem::take(&mut queue.submissions)
    };
    shared.stream_ended.notify_all();
    shared.durable.notify_waiters();
    for done in in_flight.chain(queued.into_iter().map(|s| s.done)) {
        let _ = done.send(Err(JournalError::Unavailable(Arc::clone(&cause))));
    }
    true
}

/// While the journal is reconnecting: tries the store until it answers (or the journal is
/// closing), then reopens the journal at the store's head, whatever landed meanwhile.
fn reconnect(shared: &Shared, store: &mut dyn Store, head: &mut (u64, Hash)) {
    loop {
        {
            let queue = shared.lock();
            if !matches!(queue.state, State::Reconnecting(_)) {
                return;
            }
        }
        match store.head() {
            Ok(found) => {
                *head = found.unwrap_or((0, GENESIS));
                let mut queue = shared.lock();
                queue.next_seq = head.0 + 1;
                shared.publish_committed(head.0);
                if matches!(queue.state, State::Reconnecting(_)) {
                    queue.state = State::Open;
                }
                return;
            }
            Err(e) if e.is_unavailable() => std::thread::sleep(RECONNECT_EVERY),
            Err(e) => {
                fail(shared, e, std::iter::empty());
                return;
            }
        }
    }
}

/// What `take_group` found.
enum Taken {
    Group,
    /// Nothing arrived within the wait it was given.
    Idle,
    /// Closing, and everything queued is drained.
    Closed,
}

/// Waits for work (at most `wait`, when given) and moves the next group into `group`.
fn take_group(shared: &Shared, group: &mut Vec<Submission>, wait: Option<Duration>) -> Taken {
    let mut queue = shared.lock();
    let deadline = wait.map(|w| std::time::Instant::now() + w);
    while queue.submissions.is_empty() {
        if !matches!(queue.state, State::Open | State::Reconnecting(_)) {
            return Taken::Closed;
        }
        queue.writer_asleep = true;
        queue = match deadline {
            None => shared
                .wake
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner),
            Some(deadline) => {
                let now = std::time::Instant::now();
                if now >= deadline {
                    queue.writer_asleep = false;
                    return Taken::Idle;
                }
                shared
                    .wake
                    .wait_timeout(queue, deadline - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
        queue.writer_asleep = false;
    }
    let mut taken = 0;
    let mut next_seq = None;
    while let Some(next) = queue.submissions.pop_front() {
        // A group is one unbroken run of seqs: a caller that caught up with another writer's
        // entries starts a new one, from which the writer rereads the head.
        let gap = next_seq.is_some_and(|seq| next.first_seq != seq);
        // A stream is appended alone, in a transaction of its own.
        let stream = next.stream.is_some();
        if gap || (!group.is_empty() && (stream || taken + next.entries.len() > MAX_GROUP_ENTRIES))
        {
            queue.submissions.push_front(next);
            break;
        }
        next_seq = Some(next.first_seq + next.entries.len() as u64);
        taken += next.entries.len();
        group.push(next);
        if stream {
            break;
        }
    }
    Taken::Group
}

/// Marks the journal failed and answers every waiter, in flight or queued, with the cause.
///
/// Refusing everything afterwards is deliberate: seqs were handed out past the store's head, and
/// retrying would either leave holes or reuse seqs callers already saw. A restart rereads the head.
fn fail(
    shared: &Shared,
    error: StoreError,
    in_flight: impl Iterator<Item = oneshot::Sender<Outcome>>,
) {
    let cause = Arc::new(error);
    let queued = {
        let mut queue = shared.lock();
        queue.state = State::Failed(Arc::clone(&cause));
        mem::take(&mut queue.submissions)
    };
    shared.durable.notify_waiters();
    let waiters = in_flight.chain(queued.into_iter().map(|s| s.done));
    for done in waiters {
        let _ = done.send(Err(JournalError::Failed(Arc::clone(&cause))));
    }
}

/// Runs however the writer exits, panics included: refuses further submissions and drops the
/// queued ones' senders, so their waiters wake with `WriterStopped` instead of hanging forever.
struct StopOnExit<'a>(&'a Shared);

impl Drop for StopOnExit<'_> {
    fn drop(&mut self) {
        let orphans = {
            let mut queue = self.0.lock();
            if matches!(queue.state, State::Open) {
                queue.state = State::Stopped;
            }
            // Submitters waiting for a stream to end must not wait for ever: they are refused.
            queue.streaming = false;
            mem::take(&mut queue.submissions)
        };
        self.0.stream_ended.notify_all();
        self.0.durable.notify_waiters();
        drop(orphans);
    }
}
