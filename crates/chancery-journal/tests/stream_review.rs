//! Review of `Journal::stream_on`: how a stream ends, and what the journal is left in.
//!
//! Every wait that could hang is made on a helper thread and bounded by a timeout, so a hang
//! shows as a failed assertion instead of a stuck test run.

mod common;

use std::sync::mpsc;
use std::time::Duration;

use chancery_journal::{
    Entry, Hash, Journal, JournalError, MemoryStore, Pending, Store, StoreError,
};
use common::act;

const HANG: Duration = Duration::from_secs(5);

/// A memory store whose first `append` announces itself, waits for the test's go-ahead, then
/// answers `first` (or appends through, when `first` is `None`); `append_chunks` may fail
/// after its first chunk.
struct Gated {
    inner: MemoryStore,
    entered: Option<mpsc::Sender<()>>,
    release: Option<mpsc::Receiver<()>>,
    first: Option<fn() -> StoreError>,
    chunks_fail: Option<fn() -> StoreError>,
    chunks_panic: bool,
}

impl Gated {
    fn plain(inner: MemoryStore) -> Gated {
        Gated {
            inner,
            entered: None,
            release: None,
            first: None,
            chunks_fail: None,
            chunks_panic: false,
        }
    }
}

fn unavailable() -> StoreError {
    StoreError::Unavailable("connection reset (injected)".into())
}

impl Store for Gated {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        self.inner.head()
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        if let (Some(entered), Some(release)) = (self.entered.take(), self.release.take()) {
            let _ = entered.send(());
            let _ = release.recv();
            if let Some(first) = self.first.take() {
                return Err(first());
            }
        }
        self.inner.append(after, entries)
    }

    fn append_chunks(
        &mut self,
        after: Option<(u64, Hash)>,
        next: &mut (dyn FnMut() -> Result<Option<Vec<Entry>>, StoreError> + Send),
    ) -> Result<(), StoreError> {
        if self.chunks_panic {
            let _ = next()?;
            panic!("injected panic inside append_chunks");
        }
        if let Some(fail) = self.chunks_fail.take() {
            let _ = next()?;
            return Err(fail());
        }
        let mut all = Vec::new();
        while let Some(chunk) = next()? {
            all.extend(chunk);
        }
        self.inner.append(after, &all)
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        self.inner.read(after, limit)
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.inner.scan(after, f)
    }
}

fn open(store: Gated, readers: MemoryStore) -> Journal {
    Journal::open(store, move || {
        Ok(Box::new(readers.clone()) as Box<dyn Store>)
    })
    .unwrap()
}

/// Runs `f` on a thread and gives up after `HANG`, leaking the thread: for waits that hang.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(HANG).ok()
}

/// A stream queued behind a group whose append is turned back (here: the store became
/// unreachable): the stream is answered `Unavailable`, but `Queue::streaming` stays set, so
/// every later submission waits in `lock_between_streams` for ever.
#[test]
fn a_stream_turned_back_while_queued_does_not_block_later_submissions_unavailable() {
    let memory = MemoryStore::new();
    let (entered_tx, entered) = mpsc::channel();
    let (release, release_rx) = mpsc::channel();
    let store = Gated {
        entered: Some(entered_tx),
        release: Some(release_rx),
        first: Some(unavailable),
        ..Gated::plain(memory.clone())
    };
    let journal = std::sync::Arc::new(open(store, memory.clone()));

    // A submission whose append is in flight (held at the gate)...
    let ahead = journal.submit(act(0, 0));
    entered.recv().unwrap();
    // ... and a stream queued behind it.
    let mut stream = journal.stream_on(journal.basis());
    assert_eq!(stream.first_seq(), 2);
    // The append ahead fails: the journal turns back the group and everything queued.
    release.send(()).unwrap();
    assert!(matches!(ahead.wait(), Err(JournalError::Unavailable(_))));
    let mut closed = false;
    for i in 0..10_000 {
        if stream.push(act(1, i)).is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed, "the writer stopped taking the stream");
    let finished = stream.finish().wait();
    assert!(
        matches!(finished, Err(JournalError::Unavailable(_))),
        "{finished:?}"
    );

    // The journal reconnects (the store answers): a new submission must be taken.
    found_again(&journal);
    let j = std::sync::Arc::clone(&journal);
    let answer = bounded(move || j.submit(act(2, 0)).wait());
    assert!(
        answer.is_some(),
        "a submission after a turned-back stream hangs (Queue::streaming never cleared)"
    );
    let committed = answer.unwrap().unwrap();
    assert_eq!(committed.first_seq, 1);
}

/// The same with a conflict (another instance appended first) ahead of the queued stream.
#[test]
fn a_stream_turned_back_while_queued_does_not_block_later_submissions_conflict() {
    let memory = MemoryStore::new();
    let (entered_tx, entered) = mpsc::channel();
    let (release, release_rx) = mpsc::channel();
    let store = Gated {
        entered: Some(entered_tx),
        release: Some(release_rx),
        ..Gated::plain(memory.clone())
    };
    let journal = std::sync::Arc::new(open(store, memory.clone()));
    let other = open(Gated::plain(memory.clone()), memory.clone());

    let ahead = journal.submit(act(0, 0));
    entered.recv().unwrap();
    let mut stream = journal.stream_on(journal.basis());
    // Another instance appends first: the held append will conflict.
    other.submit(act(5, 0)).wait().unwrap();
    release.send(()).unwrap();
    assert!(matches!(ahead.wait(), Err(JournalError::Conflict { .. })));
    for i in 0..10_000 {
        if stream.push(act(1, i)).is_err() {
            break;
        }
    }
    let finished = stream.finish().wait();
    assert!(
        matches!(finished, Err(JournalError::Conflict { .. })),
        "{finished:?}"
    );

    let j = std::sync::Arc::clone(&journal);
    let answer = bounded(move || j.submit(act(2, 0)).wait());
    assert!(
        answer.is_some(),
        "a submission after a turned-back stream hangs (Queue::streaming never cleared)"
    );
    assert_eq!(answer.unwrap().unwrap().first_seq, 2);
}

/// Waits until the journal has found its store again. A caller refused `Unavailable` is
/// answered before the writer has looked at the store again; until it has, submissions are
/// refused `Unavailable` too (as they would be while any store is still down).
fn found_again(journal: &Journal) {
    let lost = std::time::Instant::now();
    while journal.is_reconnecting() {
        assert!(
            lost.elapsed() < Duration::from_secs(10),
            "the journal never found its store again"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The store becomes unreachable in the middle of a stream: the stream is answered
/// `Unavailable`, nothing of it is stored, and once the store answers the next submission
/// gets the seq after the head and the chain verifies.
#[test]
fn a_store_lost_mid_stream_leaves_nothing_and_the_journal_carries_on() {
    let memory = MemoryStore::new();
    let journal = std::sync::Arc::new(open(
        Gated {
            chunks_fail: Some(unavailable),
            ..Gated::plain(memory.clone())
        },
        memory.clone(),
    ));
    journal.submit(act(0, 0)).wait().unwrap();
    let mut stream = journal.stream_on(journal.basis());
    let mut closed = false;
    for i in 0..20_000 {
        if stream.push(act(1, i)).is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed);
    let finished = stream.finish().wait();
    assert!(
        matches!(finished, Err(JournalError::Unavailable(_))),
        "{finished:?}"
    );
    assert_eq!(journal.read(0, 100).unwrap().len(), 1);
    found_again(&journal);
    let j = std::sync::Arc::clone(&journal);
    let answer = bounded(move || j.submit(act(2, 0)).wait()).expect("no hang");
    assert_eq!(answer.unwrap().first_seq, 2);
    assert!(journal.verify().unwrap().is_intact());
}

/// The writer panics inside a stream: the stream's caller and a submitter waiting for the
/// stream to end are both answered (not left waiting).
#[test]
fn a_writer_panic_mid_stream_releases_the_stream_and_its_waiters() {
    let memory = MemoryStore::new();
    let journal = std::sync::Arc::new(open(
        Gated {
            chunks_panic: true,
            ..Gated::plain(memory.clone())
        },
        memory.clone(),
    ));
    let j = std::sync::Arc::clone(&journal);
    let waiter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        j.submit(act(3, 0)).wait()
    });
    let mut stream = journal.stream_on(journal.basis());
    for i in 0..20_000 {
        if stream.push(act(1, i)).is_err() {
            break;
        }
    }
    let finished = stream.finish().wait();
    assert!(
        matches!(finished, Err(JournalError::WriterStopped)),
        "{finished:?}"
    );
    let waited = bounded(move || waiter.join().unwrap()).expect("the waiter is released");
    assert!(
        matches!(waited, Err(JournalError::WriterStopped)),
        "{waited:?}"
    );
}

/// An empty stream, finished: `submit_batch(vec![])` is refused with `EmptyBatch`, but an empty
/// stream resolves `Ok` with a `Committed` whose `last_seq` is below its `first_seq`.
#[test]
fn an_empty_stream_is_answered_like_an_empty_batch() {
    let memory = MemoryStore::new();
    let journal = open(Gated::plain(memory.clone()), memory.clone());
    journal.submit(act(0, 0)).wait().unwrap();
    let stream = journal.stream_on(journal.basis());
    let pending: Pending = stream.finish();
    let outcome = pending.wait();
    assert!(
        matches!(outcome, Err(JournalError::EmptyBatch)),
        "an empty stream answered {outcome:?}"
    );
}

/// A stream based on a basis beyond the journal's last seq (the caller read another
/// instance's entries itself), abandoned: the journal should be quiescent again (nothing of
/// its own on its way), but `committed_seq` was never moved up to the basis, so
/// `quiescent_epoch` answers `None` and `caught_up` does nothing until this journal commits
/// something of its own.
#[test]
fn an_abandoned_stream_on_a_caught_up_basis_leaves_the_journal_quiescent() {
    let memory = MemoryStore::new();
    let a = open(Gated::plain(memory.clone()), memory.clone());
    let b = open(Gated::plain(memory.clone()), memory.clone());
    b.submit_batch(vec![act(1, 0), act(1, 1), act(1, 2)])
        .wait()
        .unwrap();
    assert_eq!(a.quiescent_epoch(), Some(0));
    let basis = chancery_journal::Basis {
        after: 3,
        ..a.basis()
    };
    let mut stream = a.stream_on(basis);
    assert_eq!(stream.first_seq(), 4);
    stream.push(act(0, 0)).unwrap();
    drop(stream);
    // Let the writer see the abandon.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        a.quiescent_epoch(),
        Some(0),
        "committed_seq {} vs last handed out {}",
        a.committed_seq(),
        a.last_seq()
    );
}

/// A stream whose caller stops pushing (a paused import) holds the store's write lock, and
/// on PostgreSQL every instance's appends: the writer gives it up once its next chunk is
/// overdue, keeps nothing of it, says why, and takes other submissions again.
#[test]
fn a_stream_that_stops_pushing_is_given_up_and_others_write_again() {
    let memory = MemoryStore::new();
    let journal = std::sync::Arc::new(open(Gated::plain(memory.clone()), memory.clone()));
    journal.submit(act(0, 0)).wait().unwrap();
    let stall = Duration::from_millis(100);
    let mut stream = journal.stream_on_within(journal.basis(), stall);
    // More than one chunk, so the writer has begun the store's transaction.
    let mut closed = false;
    for i in 0..1_500 {
        if stream.push(act(1, i)).is_err() {
            closed = true;
        }
    }
    assert!(!closed, "the writer takes chunks that come in time");
    // Another writer waits for the stream ...
    let j = std::sync::Arc::clone(&journal);
    let waiting = std::thread::spawn(move || j.submit(act(2, 0)).wait());
    // ... which stops pushing for longer than its limit.
    std::thread::sleep(stall * 5);
    let mut refused = false;
    for i in 1_500..4_000 {
        if stream.push(act(1, i)).is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "a stream given up takes nothing more");
    let finished = stream.finish().wait();
    match finished {
        Err(JournalError::Stalled(waited)) => assert_eq!(waited, stall),
        other => panic!("a stalled stream answered {other:?}"),
    }
    let other = bounded(move || waiting.join().unwrap()).expect("the waiting writer is answered");
    assert_eq!(
        other.unwrap().first_seq,
        2,
        "nothing of the stream took a seq"
    );
    let stored = journal.read(0, 100).unwrap();
    assert_eq!(stored.len(), 2, "only the two submissions are stored");
    assert!(journal.verify().unwrap().is_intact());
    assert!(
        !journal.has_failed(),
        "a stream given up does not fail the journal"
    );
}
