//! The journal: seq assignment, group commit, concurrent reads, verification.

use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::entry::{Entry, NewEntry};
use crate::error::JournalError;
use crate::hash::GENESIS;
use crate::notifier::Notifier;
use crate::pending::Pending;
use crate::readers::Readers;
use crate::sqlite::SqliteStore;
use crate::store::{Store, StoreError};
use crate::verify::{ChainVerifier, VerifyReport};
use crate::writer::{self, Shared, State, Submission};

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
    /// The writer first: its exit is what lets the notifier finish.
    threads: Vec<JoinHandle<()>>,
    /// For a journal in a file: an exclusive lock on `<file>.lock`, held while open, so that a
    /// second process (a CLI import beside a running server) cannot append behind its back.
    /// The OS releases it when the process dies, so a crash never leaves the store locked.
    _lock: Option<std::fs::File>,
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
        Ok(Journal {
            shared,
            readers: Readers::new(Box::new(open_reader)),
            threads: vec![writer_handle, notifier_handle],
            _lock: None,
        })
    }

    /// Opens (creating if needed) a journal in a SQLite file: one write connection, read
    /// connections opened as needed.
    ///
    /// Only one process may have a store open: a second one gets [`JournalError::Locked`].
    pub fn open_sqlite(path: &Path) -> Result<Journal, JournalError> {
        let lock = lock_store(path)?;
        let writer = SqliteStore::open(path)?;
        let reader_path = path.to_path_buf();
        let mut journal = Journal::open(writer, move || {
            Ok(Box::new(SqliteStore::open_reader(&reader_path)?) as Box<dyn Store>)
        })?;
        journal._lock = Some(lock);
        Ok(journal)
    }

    /// Assigns the next seq at once and queues the entry; never waits for the disk.
    ///
    /// Seqs follow the order in which submissions take the journal's internal lock. Callers
    /// that need seq order to match their own order (validate, then append) hold their own
    /// lock around `submit`; the wait for durability can happen outside it.
    pub fn submit(&self, entry: NewEntry) -> Pending {
        self.enqueue(vec![entry])
    }

    /// Queues entries under consecutive seqs, committed in one transaction: all durable or none.
    pub fn submit_batch(&self, entries: Vec<NewEntry>) -> Pending {
        if entries.is_empty() {
            return Pending::refused(JournalError::EmptyBatch);
        }
        self.enqueue(entries)
    }

    fn enqueue(&self, entries: Vec<NewEntry>) -> Pending {
        // usize -> u64 is lossless on every platform Rust supports.
        let count = entries.len() as u64;
        let (done, outcome) = oneshot::channel();
        let first_seq = {
            let mut queue = self.shared.lock();
            if let Some(refusal) = queue.state.refusal() {
                return Pending::refused(refusal);
            }
            let first_seq = queue.next_seq;
            queue.next_seq += count;
            queue.submissions.push_back(Submission {
                first_seq,
                entries,
                done,
            });
            first_seq
        };
        self.shared.wake_writer();
        Pending::queued(first_seq, count, outcome)
    }

    /// Entries with `seq > after`, in order, at most `limit`. Only committed entries are visible.
    pub fn read(&self, after: u64, limit: usize) -> Result<Vec<Entry>, JournalError> {
        Ok(self.readers.with(|store| store.read(after, limit))?)
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
    pub fn verify(&self) -> Result<VerifyReport, JournalError> {
        let mut verifier = ChainVerifier::new();
        self.scan(0, &mut |entry| {
            verifier.check(&entry);
            Ok(())
        })?;
        Ok(verifier.finish())
    }

    /// The last seq assigned, durable or not.
    pub fn last_seq(&self) -> u64 {
        self.shared.lock().next_seq - 1
    }

    /// The last seq known durable: every entry up to it can be read.
    pub fn committed_seq(&self) -> u64 {
        self.shared.committed_seq()
    }
}

fn lock_store(path: &Path) -> Result<std::fs::File, JournalError> {
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_path = std::path::PathBuf::from(lock_path);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(JournalError::Lock)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(JournalError::Lock(e)),
    }
}

impl Drop for Journal {
    /// Lets the writer commit everything already queued, then joins it, so no acknowledged
    /// submission is lost to an orderly shutdown.
    fn drop(&mut self) {
        {
            let mut queue = self.shared.lock();
            if matches!(queue.state, State::Open) {
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
