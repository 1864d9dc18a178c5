//! `Journal::durable`: a reader waits for an entry's group commit, and no longer than that; a
//! journal that cannot commit does not keep it waiting.

mod common;

use std::sync::mpsc;
use std::time::Duration;

use chancery_journal::{Entry, Hash, Journal, Store, StoreError};
use chancery_sqlite::SqliteStore;
use common::act;

/// What the gated store does with the append it holds once the test lets it go.
enum Then {
    Commit,
    Fail,
    /// The store stops answering (a database gone): the journal reconnects.
    Vanish,
}

/// A store whose appends each wait for the test's go-ahead, then do as told.
struct GatedStore {
    inner: SqliteStore,
    entered: mpsc::Sender<()>,
    release: mpsc::Receiver<Then>,
    gone: bool,
}

#[derive(Debug)]
struct Gone;

impl std::fmt::Display for Gone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the store is gone")
    }
}

impl std::error::Error for Gone {}

impl Store for GatedStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        if self.gone {
            return Err(StoreError::Unavailable(Box::new(Gone)));
        }
        self.inner.head()
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        let _ = self.entered.send(());
        match self.release.recv() {
            Ok(Then::Commit) => self.inner.append(after, entries),
            Ok(Then::Vanish) => {
                self.gone = true;
                Err(StoreError::Unavailable(Box::new(Gone)))
            }
            Ok(Then::Fail) | Err(_) => Err(StoreError::Backend("refused by the test".into())),
        }
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

fn gated() -> (Journal, mpsc::Receiver<()>, mpsc::Sender<Then>) {
    let (entered, entered_rx) = mpsc::channel();
    let (release, release_rx) = mpsc::channel();
    let store = GatedStore {
        inner: SqliteStore::open_in_memory().expect("a store"),
        entered,
        release: release_rx,
        gone: false,
    };
    let journal = Journal::open(store, || {
        Ok(Box::new(SqliteStore::open_in_memory()?) as Box<dyn Store>)
    })
    .expect("a journal");
    (journal, entered_rx, release)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime")
}

#[test]
fn a_reader_waits_for_the_commit_and_is_told_at_once() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    // Nothing to wait for: seq 0 is durable from the start.
    rt.block_on(journal.durable(0));
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let waited = rt.block_on(async {
        tokio::time::timeout(Duration::from_millis(50), journal.durable(1)).await
    });
    assert!(waited.is_err(), "told before the entry is durable");
    let committer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        release.send(Then::Commit).expect("the store listens");
        release
    });
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told once the entry is durable");
    });
    assert!(journal.committed_seq() >= 1);
    assert_eq!(pending.wait().expect("committed").first_seq, 1);
    drop(committer.join());
}

#[test]
fn a_journal_that_fails_does_not_keep_its_readers_waiting() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let failer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        release.send(Then::Fail).expect("the store listens");
    });
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told when the journal fails");
    });
    assert!(journal.has_failed());
    assert_eq!(journal.committed_seq(), 0, "nothing durable");
    assert!(pending.wait().is_err());
    failer.join().expect("no panic");
}

#[test]
fn a_journal_that_loses_its_store_does_not_keep_its_readers_waiting() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let vanisher = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        release.send(Then::Vanish).expect("the store listens");
        release
    });
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told when the journal loses its store");
    });
    assert!(pending.wait().is_err());
    assert!(journal.is_reconnecting());
    assert_eq!(journal.committed_seq(), 0, "nothing durable");
    drop(vanisher.join());
}
