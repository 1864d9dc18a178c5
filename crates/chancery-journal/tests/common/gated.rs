//! A store that holds each append until the test lets it go, then does as told: for tests
//! that need the writer provably inside an append.

use std::sync::mpsc;

use chancery_journal::{Entry, Hash, Journal, Store, StoreError};
use chancery_sqlite::SqliteStore;

/// What the gated store does with the append it holds once the test lets it go.
pub enum Then {
    Commit,
    Fail,
    /// The store stops answering (a database gone): the journal reconnects.
    Vanish,
}

/// A store whose appends each wait for the test's go-ahead, then do as told.
pub struct GatedStore {
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

/// A journal over a gated store in memory, the channel that says the writer entered an
/// append, and the one that lets it go.
pub fn gated() -> (Journal, mpsc::Receiver<()>, mpsc::Sender<Then>) {
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
