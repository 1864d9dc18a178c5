//! What the write path tells an observer (the server's metrics): how many acts became durable
//! and how long their group commit took to say so, and how many the journal failed. The journal
//! itself knows nothing of it; the wait is timed here, around `Pending::wait_async`.

use std::time::Duration;

pub trait WriteObserver: Send + Sync {
    /// `acts` were appended and durable after `waited` (from submission to acknowledgement).
    fn committed(&self, acts: u64, waited: Duration);
    /// `acts` were submitted and failed to become durable.
    fn failed(&self, acts: u64);
}
