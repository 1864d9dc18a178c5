//! Blocking calls made from wherever the caller is.

/// rust-postgres's blocking client drives its connection on a runtime of its own, which tokio
/// refuses to start on a thread already running one (it panics): a call made on an async worker
/// (a write validated there, catching up with another instance first) runs on a scoped thread,
/// so the caller waits but nothing panics. Everywhere else (the journal's writer thread,
/// readers off the workers) it runs in place.
pub(crate) fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|scope| match scope.spawn(f).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}
