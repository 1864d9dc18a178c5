//! Read connections, kept apart from the writer so reads never queue behind a commit.

use std::sync::{Arc, Mutex, PoisonError};

use crate::store::{Store, StoreError};

/// Opens a fresh read connection to the journal's store.
pub(crate) type OpenReader = dyn Fn() -> Result<Box<dyn Store>, StoreError> + Send + Sync;

/// Idle connections beyond this are closed rather than kept: enough for a few concurrent
/// requests without hoarding file handles after a burst.
const MAX_IDLE: usize = 8;

/// A small pool: a reader is taken for one call and put back, opened on demand when none is idle.
pub(crate) struct Readers {
    idle: Mutex<Vec<Box<dyn Store>>>,
    open: Arc<OpenReader>,
}

impl Readers {
    pub(crate) fn shared(open: Arc<OpenReader>) -> Readers {
        Readers {
            idle: Mutex::new(Vec::new()),
            open,
        }
    }

    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let idle = self.lock_idle().pop();
        let mut reader = match idle {
            Some(reader) => reader,
            None => (self.open)()?,
        };
        // The lock is not held during `f`: a long scan must not stall other readers.
        let result = f(reader.as_mut());
        // A connection that lost its store is closed rather than handed to the next caller.
        let broken = matches!(&result, Err(e) if e.is_unavailable());
        let mut idle = self.lock_idle();
        if idle.len() < MAX_IDLE && !broken {
            idle.push(reader);
        }
        result
    }

    /// The pool is a plain Vec that no panic can leave half-updated, so poison is harmless.
    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Box<dyn Store>>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
