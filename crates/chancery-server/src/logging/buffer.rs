//! Log lines kept in memory and written out in batches by a thread of their own.
//!
//! - A line at `info` or below joins the batch; a thread writes the batch when it passes
//!   [`WAKE_AT`] bytes, and at least every [`FLUSH_EVERY`], so a quiet server's lines still
//!   show within a tenth of a second.
//! - A warning or an error is written at once, after the batch before it: what needs an
//!   operator is never held back, and the lines keep their order.
//! - When the batch is full ([`LIMIT`]: the writer thread is starved, or stderr is slow), the
//!   line that does not fit is written at once, with the batch before it, by the request that
//!   logs it. That slows requests down to what a write per line costs, which is what the log
//!   cost before it was buffered; dropping the line instead would lose the access log exactly
//!   when the server is under the most load, and growing the batch would let a stuck stderr
//!   take the process's memory.
//! - [`LineBuffer::flush`] writes what is held: on shutdown (the guard `logging::init`
//!   returns) and before a panic's message. A process killed outright loses at most the lines
//!   of the last [`FLUSH_EVERY`].

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tracing::{Level, Metadata};
use tracing_subscriber::fmt::MakeWriter;

/// The longest a line at `info` waits before it is written.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);
/// A batch this large wakes the writer thread before its time (a few milliseconds of lines
/// under load).
const WAKE_AT: usize = 64 << 10;
/// The most a batch holds: about a tenth of a second of request lines at 100,000 a second.
const LIMIT: usize = 1 << 20;

pub struct LineBuffer {
    /// Lines not yet written, whole lines only.
    pending: Mutex<Vec<u8>>,
    /// Held while a batch is written, so batches leave in the order they were taken.
    sink: Mutex<Sink>,
    /// The writer thread waits here until a batch passes `wake_at` (or its time is up).
    wake: Condvar,
    /// Whether a writer thread runs: without one, every line is written at once.
    batching: AtomicBool,
    wake_at: usize,
    limit: usize,
}

struct Sink {
    out: Box<dyn Write + Send>,
    /// The batch being written; swapped with `pending`, so neither is allocated again.
    spare: Vec<u8>,
}

/// A panic elsewhere while a lock was held leaves whole lines behind it: keep logging.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl LineBuffer {
    /// The process's buffer over stderr. It lives as long as the process: the writer thread
    /// and the panic hook hold it.
    pub fn stderr() -> &'static LineBuffer {
        Box::leak(Box::new(LineBuffer::new(std::io::stderr(), WAKE_AT, LIMIT)))
    }

    fn new(out: impl Write + Send + 'static, wake_at: usize, limit: usize) -> LineBuffer {
        LineBuffer {
            pending: Mutex::new(Vec::with_capacity(wake_at)),
            sink: Mutex::new(Sink {
                out: Box::new(out),
                spare: Vec::with_capacity(wake_at),
            }),
            wake: Condvar::new(),
            batching: AtomicBool::new(false),
            wake_at,
            limit,
        }
    }

    /// Starts the writer thread. Until it runs (or if it cannot be started), every line is
    /// written at once.
    pub fn start_flushing(&'static self) {
        let started = std::thread::Builder::new()
            .name("log-writer".into())
            .spawn(move || loop {
                {
                    let pending = lock(&self.pending);
                    if pending.len() < self.wake_at {
                        let _ = self.wake.wait_timeout(pending, FLUSH_EVERY);
                    }
                }
                self.flush();
            });
        self.batching.store(started.is_ok(), Ordering::Release);
    }

    /// Writes out every line held, in order.
    pub fn flush(&self) {
        self.write_through(&[]);
    }

    fn push(&self, line: &[u8]) {
        if self.batching.load(Ordering::Acquire) {
            let mut pending = lock(&self.pending);
            if pending.len() + line.len() <= self.limit {
                let before = pending.len();
                pending.extend_from_slice(line);
                // Once per batch: a wake-up is a system call.
                if before < self.wake_at && pending.len() >= self.wake_at {
                    self.wake.notify_one();
                }
                return;
            }
        }
        self.write_through(line);
    }

    /// Writes the batch held, then `line`.
    fn write_through(&self, line: &[u8]) {
        let mut sink = lock(&self.sink);
        let Sink { out, spare } = &mut *sink;
        std::mem::swap(&mut *lock(&self.pending), spare);
        // A failing stderr has nowhere to be reported; the lines are lost either way.
        let _ = out.write_all(spare);
        let _ = out.write_all(line);
        let _ = out.flush();
        spare.clear();
    }
}

/// One line being written by the formatter (it writes each event whole, with one `write_all`).
pub struct Line {
    buffer: &'static LineBuffer,
    at_once: bool,
}

impl Write for Line {
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        if self.at_once {
            self.buffer.write_through(line);
        } else {
            self.buffer.push(line);
        }
        Ok(line.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for &'static LineBuffer {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line {
            buffer: self,
            at_once: false,
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> Line {
        Line {
            buffer: self,
            // Levels grow with verbosity: these are WARN and ERROR.
            at_once: *meta.level() <= Level::WARN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// What a buffer wrote, shared with the test.
    #[derive(Clone, Default)]
    struct Written(Arc<Mutex<Vec<u8>>>);

    impl Write for Written {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            lock(&self.0).extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Written {
        fn text(&self) -> String {
            String::from_utf8(lock(&self.0).clone()).unwrap()
        }
    }

    /// A buffer whose writer thread never runs, so the test decides when lines are written.
    fn batching(wake_at: usize, limit: usize) -> (&'static LineBuffer, Written) {
        let written = Written::default();
        let buffer = Box::leak(Box::new(LineBuffer::new(written.clone(), wake_at, limit)));
        buffer.batching.store(true, Ordering::Release);
        (buffer, written)
    }

    fn log(buffer: &'static LineBuffer, line: &str) {
        buffer.make_writer().write_all(line.as_bytes()).unwrap();
    }

    #[test]
    fn info_lines_wait_for_a_flush_and_keep_their_order() {
        let (buffer, written) = batching(1 << 10, 1 << 20);
        log(buffer, "one\n");
        log(buffer, "two\n");
        assert_eq!(written.text(), "");
        buffer.flush();
        assert_eq!(written.text(), "one\ntwo\n");
        buffer.flush();
        assert_eq!(written.text(), "one\ntwo\n");
    }

    #[test]
    fn a_warning_is_written_at_once_after_the_lines_before_it() {
        let (buffer, written) = batching(1 << 10, 1 << 20);
        let subscriber = tracing_subscriber::fmt()
            .without_time()
            .with_target(false)
            .with_writer(buffer)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("answered");
            assert_eq!(written.text(), "");
            tracing::warn!("warned");
            assert_eq!(written.text(), " INFO answered\n WARN warned\n");
            tracing::error!("failed");
        });
        assert_eq!(
            written.text(),
            " INFO answered\n WARN warned\nERROR failed\n"
        );
    }

    #[test]
    fn a_full_batch_is_written_by_the_line_that_does_not_fit() {
        let (buffer, written) = batching(8, 10);
        log(buffer, "12345\n");
        assert_eq!(written.text(), "");
        log(buffer, "67890\n");
        assert_eq!(written.text(), "12345\n67890\n");
        assert!(lock(&buffer.pending).is_empty());
    }

    #[test]
    fn without_a_writer_thread_every_line_is_written_at_once() {
        let written = Written::default();
        let buffer = Box::leak(Box::new(LineBuffer::new(written.clone(), 1 << 10, 1 << 20)));
        log(buffer, "one\n");
        assert_eq!(written.text(), "one\n");
    }

    #[test]
    fn the_writer_thread_writes_a_batch_without_being_asked() {
        let written = Written::default();
        let buffer = Box::leak(Box::new(LineBuffer::new(written.clone(), 1 << 10, 1 << 20)));
        buffer.start_flushing();
        log(buffer, "later\n");
        // No time limit asserted: the thread writes it within FLUSH_EVERY, and the test only
        // waits for it.
        while written.text().is_empty() {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(written.text(), "later\n");
    }
}
