//! A store in memory that several journals may share, as several instances share one database:
//! for tests of what happens between instances (conflicts, catching up, a store that stops
//! answering) without a database server, and for tools that want a scratch journal.
//!
//! Not durable: everything is gone when the last handle is dropped.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::entry::Entry;
use crate::hash::Hash;
use crate::store::{check_append, Store, StoreError};

/// A handle on a shared in-memory store; clones share the same entries.
#[derive(Clone, Default)]
pub struct MemoryStore {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    appended: Condvar,
}

#[derive(Default)]
struct State {
    entries: Vec<Entry>,
    /// While set, every call fails as an unreachable database's would.
    unreachable: bool,
}

/// What an unreachable memory store answers.
#[derive(Debug, thiserror::Error)]
#[error("the in-memory store was made unreachable")]
struct Unreachable;

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Makes every handle's calls fail with [`StoreError::Unavailable`] (as a database that
    /// stopped would) until set reachable again.
    pub fn set_reachable(&self, reachable: bool) {
        self.lock().unreachable = !reachable;
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every critical section is a read or an all-or-nothing extend: poison is harmless.
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn reachable(&self) -> Result<MutexGuard<'_, State>, StoreError> {
        let state = self.lock();
        if state.unreachable {
            return Err(StoreError::Unavailable(Box::new(Unreachable)));
        }
        Ok(state)
    }
}

impl Store for MemoryStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        Ok(self.reachable()?.entries.last().map(|e| (e.seq, e.hash)))
    }

    fn append(&mut self, after: Option<(u64, Hash)>, entries: &[Entry]) -> Result<(), StoreError> {
        let mut state = self.reachable()?;
        let head = state.entries.last().map(|e| (e.seq, e.hash));
        check_append(head, after, entries)?;
        state.entries.extend_from_slice(entries);
        drop(state);
        self.shared.appended.notify_all();
        Ok(())
    }

    fn read(&mut self, after: u64, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let state = self.reachable()?;
        let from = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(state.entries.len());
        Ok(state.entries[from..].iter().take(limit).cloned().collect())
    }

    fn scan(
        &mut self,
        after: u64,
        f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // A snapshot, as a database's scan sees one, taken without holding the lock during `f`.
        for entry in self.read(after, usize::MAX)? {
            f(entry)?;
        }
        Ok(())
    }

    fn wait_for_append(&mut self, after: u64, timeout: Duration) -> Result<(), StoreError> {
        let deadline = Instant::now() + timeout;
        let mut state = self.reachable()?;
        while state.entries.len() as u64 <= after {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            state = self
                .shared
                .appended
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Ok(())
    }
}
