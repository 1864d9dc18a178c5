//! The audit log's group commit: one writer thread takes every row queued since its last
//! commit and appends them in one transaction, so a burst of recorded acts costs one fsync
//! for all their audit rows, and whoever waits for a row's durability waits for the writer's
//! reply (async tasks without blocking a worker, threads by blocking), never on the disk.
//!
//! The budget and the health of the log are the writer's alone: it checks the budget before
//! each batch, counts what it cannot write, and writes the count (`audit_unwritten`) before
//! the next rows it can.

use std::future::poll_fn;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Poll, Waker};
use std::thread::JoinHandle;

use crate::audit::{bound, AuditBudget, AuditCondition, AuditWrite, Row, Unwritten, MAX_DETAIL};
use crate::port::AccountsPort;
use crate::store::StoreError;

/// The audit log's budget and whether it is writing: the writer's to change.
pub(crate) struct Health {
    pub budget: AuditBudget,
    pub unwritten: Unwritten,
    pub condition: AuditCondition,
    pub reason: Option<String>,
}

/// What became of one submission.
#[derive(Clone, Debug)]
enum Outcome {
    /// Written; the sequence number of its last row.
    Written(i64),
    /// Counted, not written: nothing to write, or the log at its budget.
    Counted,
    /// The write failed (counted too); why.
    Failed(String),
}

/// A submission to the audit log until it is durable (or counted).
#[must_use = "a row is durable only once its AuditPending resolves"]
pub struct AuditPending(State);

enum State {
    Ready(Outcome),
    Queued(Arc<Reply>),
}

/// Where the writer puts a submission's outcome. Waiting on it never panics, on a thread or
/// inside an async runtime (where a blocking wait holds up only its own worker, as the
/// inline write it replaces did), and an async waiter is woken.
#[derive(Default)]
struct Reply {
    slot: Mutex<Slot>,
    ready: Condvar,
}

#[derive(Default)]
struct Slot {
    outcome: Option<Outcome>,
    waker: Option<Waker>,
    /// A thread is blocked on `ready`: only then is it signalled (a system call, which an
    /// async waiter, the usual one, does not need).
    sleeping: bool,
}

impl Reply {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn send(&self, outcome: Outcome) {
        let mut slot = self.slot();
        if slot.outcome.is_none() {
            slot.outcome = Some(outcome);
        }
        let waker = slot.waker.take();
        let sleeping = std::mem::take(&mut slot.sleeping);
        drop(slot);
        if sleeping {
            self.ready.notify_all();
        }
        if let Some(w) = waker {
            w.wake();
        }
    }

    fn wait(&self) -> Outcome {
        let mut slot = self.slot();
        loop {
            if let Some(o) = slot.outcome.take() {
                return o;
            }
            slot.sleeping = true;
            slot = self.ready.wait(slot).unwrap_or_else(|p| p.into_inner());
        }
    }

    async fn wait_async(&self) -> Outcome {
        poll_fn(|cx| {
            let mut slot = self.slot();
            match slot.outcome.take() {
                Some(o) => Poll::Ready(o),
                None => {
                    slot.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }
}

/// The writer's end of a [`Reply`]: dropped unsent (a panic in the backend), it fails the
/// waiter rather than leaving it waiting for ever.
struct Sender(Option<Arc<Reply>>);

impl Sender {
    fn send(mut self, outcome: Outcome) {
        if let Some(reply) = self.0.take() {
            reply.send(outcome);
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        if let Some(reply) = self.0.take() {
            reply.send(stopped());
        }
    }
}

/// A writer that stopped (it panicked) dropped its senders unsent.
fn stopped() -> Outcome {
    Outcome::Failed("the audit log's writer stopped".to_owned())
}

impl AuditPending {
    /// Resolved at once: nothing was queued (a denial counted, not written).
    pub(crate) fn counted() -> AuditPending {
        AuditPending(State::Ready(Outcome::Counted))
    }

    fn outcome(self) -> Outcome {
        match self.0 {
            State::Ready(o) => o,
            State::Queued(reply) => reply.wait(),
        }
    }

    /// Blocks the thread until the row is durable or counted. On an async worker prefer
    /// [`wait_async`](Self::wait_async).
    pub fn wait(self) -> AuditWrite {
        write_of(self.outcome())
    }

    /// Waits without blocking a thread.
    pub async fn wait_async(self) -> AuditWrite {
        let outcome = match self.0 {
            State::Ready(o) => o,
            State::Queued(reply) => reply.wait_async().await,
        };
        write_of(outcome)
    }

    /// The last row's sequence number, `None` if counted, an error if the write failed.
    pub(crate) fn wait_result(self) -> Result<Option<i64>, StoreError> {
        match self.outcome() {
            Outcome::Written(seq) => Ok(Some(seq)),
            Outcome::Counted => Ok(None),
            Outcome::Failed(why) => Err(StoreError::AuditFailed(why)),
        }
    }
}

fn write_of(o: Outcome) -> AuditWrite {
    match o {
        Outcome::Written(seq) => AuditWrite::Written(seq),
        Outcome::Counted | Outcome::Failed(_) => AuditWrite::Counted,
    }
}

struct Submission {
    rows: Vec<Row>,
    reply: Sender,
}

#[derive(Default)]
struct Queue {
    waiting: Vec<Submission>,
    stopping: bool,
    /// The writer sleeps on `Shared::wake` with nothing queued: the submitter that finds it
    /// so (and clears it) wakes it, the others spare the system call.
    writer_asleep: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

impl Shared {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The writer thread and its queue.
pub(crate) struct AuditWriter {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

pub(crate) fn lock(health: &Mutex<Health>) -> MutexGuard<'_, Health> {
    // Counters and a budget: nothing a panic could leave half-changed that matters more
    // than keeping the audit log going.
    health.lock().unwrap_or_else(|p| p.into_inner())
}

impl AuditWriter {
    pub(crate) fn start(port: Arc<dyn AccountsPort>, health: Arc<Mutex<Health>>) -> AuditWriter {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let mine = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("audit-writer".to_owned())
            .spawn(move || run(&mine, port.as_ref(), &health))
            .ok();
        AuditWriter { shared, thread }
    }

    /// Queues rows to be written together in one transaction, after every row queued before.
    pub(crate) fn submit(&self, rows: Vec<Row>) -> AuditPending {
        if self.thread.is_none() {
            return AuditPending(State::Ready(Outcome::Failed(
                "the audit log's writer could not start".to_owned(),
            )));
        }
        let reply = Arc::new(Reply::default());
        let mut q = self.shared.queue();
        q.waiting.push(Submission {
            rows,
            reply: Sender(Some(Arc::clone(&reply))),
        });
        let asleep = std::mem::take(&mut q.writer_asleep);
        drop(q);
        if asleep {
            self.shared.wake.notify_one();
        }
        AuditPending(State::Queued(reply))
    }

    /// Writes what is queued and stops the thread.
    pub(crate) fn stop(&mut self) {
        self.shared.queue().stopping = true;
        self.shared.wake.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(shared: &Shared, port: &dyn AccountsPort, health: &Mutex<Health>) {
    loop {
        let batch = {
            let mut q = shared.queue();
            while q.waiting.is_empty() && !q.stopping {
                q.writer_asleep = true;
                q = shared.wake.wait(q).unwrap_or_else(|p| p.into_inner());
                q.writer_asleep = false;
            }
            if q.waiting.is_empty() {
                return;
            }
            std::mem::take(&mut q.waiting)
        };
        // A panic in the backend fails this batch's waiters (their senders are dropped), not
        // the writer: later rows are still written.
        let _ = catch_unwind(AssertUnwindSafe(|| commit(port, health, batch)));
    }
}

/// Writes one batch: after a row telling what could not be written before, if anything.
/// Over budget or failing, the rows are counted instead.
fn commit(port: &dyn AccountsPort, health: &Mutex<Health>, batch: Vec<Submission>) {
    let mut h = lock(health);
    let mut rows = Vec::new();
    let mut replies = Vec::with_capacity(batch.len());
    for s in batch {
        rows.extend(s.rows);
        replies.push((s.reply, rows.len()));
    }
    if rows.is_empty() && h.unwritten.total() == 0 {
        for (reply, _) in replies {
            reply.send(Outcome::Counted);
        }
        return;
    }
    if let Some(why) = port.audit_over_budget(&h.budget) {
        h.unwritten.add(&rows);
        h.condition = AuditCondition::Full;
        h.reason = Some(why);
        for (reply, _) in replies {
            reply.send(Outcome::Counted);
        }
        return;
    }
    let summary = h.unwritten.summary(rows.iter().map(|r| r.at).max());
    let first = usize::from(summary.is_some());
    let mut all = Vec::with_capacity(rows.len() + first);
    all.extend(summary);
    all.extend(rows);
    match port.append_audit(&all) {
        Ok(seqs) => {
            h.unwritten.clear();
            h.condition = AuditCondition::Ok;
            h.reason = None;
            let mut from = 0;
            for (reply, end) in replies {
                let outcome = match seqs.get(first + end.wrapping_sub(1)) {
                    Some(&seq) if end > from => Outcome::Written(seq),
                    _ => Outcome::Counted,
                };
                from = end;
                reply.send(outcome);
            }
        }
        Err(e) => {
            h.unwritten.add(&all[first..]);
            h.condition = AuditCondition::Failing;
            let why = bound(&e.to_string(), MAX_DETAIL).into_owned();
            h.reason = Some(why.clone());
            for (reply, _) in replies {
                reply.send(Outcome::Failed(why.clone()));
            }
        }
    }
}
