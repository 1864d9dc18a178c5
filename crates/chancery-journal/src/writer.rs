//! Group commit: one thread owns the store and appends whatever has queued up in one
//! transaction, so one fsync is shared by every submission that arrived while the last one ran.

use std::collections::VecDeque;
use std::mem;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use tokio::sync::oneshot;

use crate::entry::{Entry, NewEntry};
use crate::error::JournalError;
use crate::hash::{Hash, Salt};
use crate::notifier::Notifier;
use crate::pending::{Committed, Outcome};
use crate::store::{Store, StoreError};

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
    committed_seq: AtomicU64,
}

pub(crate) struct Queue {
    /// The seq the next submitted entry gets.
    pub(crate) next_seq: u64,
    pub(crate) submissions: VecDeque<Submission>,
    pub(crate) state: State,
}

pub(crate) enum State {
    Open,
    /// The journal is being dropped: the writer drains what is queued, then exits.
    Closing,
    /// An append failed; every later submission is refused with this cause.
    Failed(Arc<StoreError>),
    /// The writer exited without being asked to (a panic).
    Stopped,
}

pub(crate) struct Submission {
    pub(crate) first_seq: u64,
    pub(crate) entries: Vec<NewEntry>,
    /// One per entry, drawn before the submission was queued (see `Journal::enqueue`).
    pub(crate) salts: Vec<Salt>,
    pub(crate) done: oneshot::Sender<Outcome>,
}

impl Shared {
    pub(crate) fn new(head_seq: u64) -> Shared {
        Shared {
            queue: Mutex::new(Queue {
                next_seq: head_seq + 1,
                submissions: VecDeque::new(),
                state: State::Open,
            }),
            wake: Condvar::new(),
            committed_seq: AtomicU64::new(head_seq),
        }
    }

    /// Every critical section leaves the queue consistent before anything that could panic, so a
    /// poisoned lock still guards valid data and recovering it beats cascading the panic.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn wake_writer(&self) {
        self.wake.notify_one();
    }

    pub(crate) fn committed_seq(&self) -> u64 {
        self.committed_seq.load(Ordering::Acquire)
    }
}

impl State {
    /// Why a new submission must be turned away, if it must.
    pub(crate) fn refusal(&self) -> Option<JournalError> {
        match self {
            State::Open => None,
            State::Failed(cause) => Some(JournalError::Failed(Arc::clone(cause))),
            State::Closing | State::Stopped => Some(JournalError::WriterStopped),
        }
    }
}

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
    while take_group(&shared, &mut group) {
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

        let appended = store.append(&entries);
        entries.clear();
        match appended {
            Ok(()) => {
                head = (seq, prev);
                shared.committed_seq.store(seq, Ordering::Release);
                notifier.notify(mem::take(&mut acks));
            }
            Err(error) => {
                fail(&shared, error, acks.drain(..).map(|(done, _)| done));
                return;
            }
        }
    }
}

/// Waits for work and moves the next group into `group`. Returns false once closing and drained.
fn take_group(shared: &Shared, group: &mut Vec<Submission>) -> bool {
    let mut queue = shared.lock();
    while queue.submissions.is_empty() {
        if !matches!(queue.state, State::Open) {
            return false;
        }
        queue = shared
            .wake
            .wait(queue)
            .unwrap_or_else(PoisonError::into_inner);
    }
    let mut taken = 0;
    while let Some(next) = queue.submissions.pop_front() {
        if !group.is_empty() && taken + next.entries.len() > MAX_GROUP_ENTRIES {
            queue.submissions.push_front(next);
            break;
        }
        taken += next.entries.len();
        group.push(next);
    }
    true
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
            mem::take(&mut queue.submissions)
        };
        drop(orphans);
    }
}
