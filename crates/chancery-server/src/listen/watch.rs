//! A connection's limits in time, kept by a watchdog that looks every so often (a quarter of the
//! shorter limit) at what the connection counts.
//!
//! - idle: nothing read or written for the idle timeout;
//! - slow headers: the server has waited for a request's headers for the header timeout. The
//!   wait starts when the connection opens and each time no answer is left on its way; a
//!   request ends it when hyper hands it over (its headers are in). Its answer is on its way
//!   until it is all written to the socket: hyper lets go of an answer's body once the last of
//!   it is in hyper's own buffer, which may still hold most of it for a slow reader, and calls
//!   the socket's flush once that buffer is empty; an answer counts as sent at the first flush
//!   after its body was let go of, as hyper's own header timer started after that flush. A byte
//!   does not reset the clock.
//!
//! hyper's header read timer, which this replaces, set and cleared a timer for every request,
//! and the idle check read the clock on every read and write: a request now costs a few
//! uncontended atomic increments and one clock read when its answer is written out. An idle
//! connection is closed within a quarter of the shorter limit after its limit.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};

/// Why the watchdog closes a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing read or written for the idle timeout.
    Idle,
    /// A request's headers did not all arrive within the header timeout.
    SlowHeaders,
}

/// What the connection counts, for its watchdog. The connection and its watchdog run on one
/// task, so these are atomics only to be shared, never raced.
pub struct Watch {
    opened: Instant,
    /// Reads and writes that moved bytes.
    moves: AtomicU64,
    /// Requests handed over.
    began: AtomicU64,
    /// Answers whose bodies hyper let go of.
    let_go: AtomicU64,
    /// Answers written out: `let_go` as of the last flush.
    ended: AtomicU64,
    /// Milliseconds after `opened` when `ended` last grew.
    ended_at_ms: AtomicU64,
}

impl Watch {
    pub fn new(opened: Instant) -> Arc<Watch> {
        Arc::new(Watch {
            opened,
            moves: AtomicU64::new(0),
            began: AtomicU64::new(0),
            let_go: AtomicU64::new(0),
            ended: AtomicU64::new(0),
            ended_at_ms: AtomicU64::new(0),
        })
    }

    /// Bytes moved on the connection.
    pub fn moved(&self) {
        self.moves.fetch_add(1, Ordering::Relaxed);
    }

    /// A request's headers are in.
    pub fn request_began(&self) {
        self.began.fetch_add(1, Ordering::Relaxed);
    }

    /// `body`, counted as let go of when hyper drops it.
    pub fn answer(self: &Arc<Self>, body: Body) -> Answer {
        Answer {
            body,
            watch: Arc::clone(self),
        }
    }

    /// The socket was flushed: every body let go of before it is written out.
    pub fn flushed(&self) {
        self.flushed_with(Instant::now);
    }

    /// [`flushed`](Self::flushed) with the clock given, read only if an answer ended.
    fn flushed_with(&self, now: impl FnOnce() -> Instant) {
        let let_go = self.let_go.load(Ordering::Relaxed);
        if let_go != self.ended.load(Ordering::Relaxed) {
            let ms = now().saturating_duration_since(self.opened).as_millis();
            self.ended_at_ms
                .store(u64::try_from(ms).unwrap_or(u64::MAX), Ordering::Relaxed);
            self.ended.store(let_go, Ordering::Relaxed);
        }
    }

    /// Since when the server has waited for headers, or `None` if an answer is on its way.
    fn waiting_since(&self) -> Option<Instant> {
        let ended = self.ended.load(Ordering::Relaxed);
        let began = self.began.load(Ordering::Relaxed);
        (began == ended)
            .then(|| self.opened + Duration::from_millis(self.ended_at_ms.load(Ordering::Relaxed)))
    }
}

/// The connection's limits, and when bytes last moved as far as it has seen.
pub struct Watchdog {
    watch: Arc<Watch>,
    header_timeout: Duration,
    idle_timeout: Duration,
    moves: u64,
    moved_at: Instant,
}

impl Watchdog {
    pub fn new(watch: Arc<Watch>, header_timeout: Duration, idle_timeout: Duration) -> Watchdog {
        let moved_at = watch.opened;
        Watchdog {
            watch,
            header_timeout,
            idle_timeout,
            moves: 0,
            moved_at,
        }
    }

    /// How often to look: a limit is then noticed within a quarter of it.
    pub fn period(&self) -> Duration {
        (self.idle_timeout.min(self.header_timeout) / 4).max(Duration::from_millis(50))
    }

    /// Looks at the counters at `now`: whether the connection has outlived a limit.
    pub fn look(&mut self, now: Instant) -> Option<Verdict> {
        let moves = self.watch.moves.load(Ordering::Relaxed);
        if moves != self.moves {
            self.moves = moves;
            self.moved_at = now;
        }
        if now.saturating_duration_since(self.moved_at) >= self.idle_timeout {
            return Some(Verdict::Idle);
        }
        match self.watch.waiting_since() {
            Some(since) if now.saturating_duration_since(since) >= self.header_timeout => {
                Some(Verdict::SlowHeaders)
            }
            _ => None,
        }
    }
}

/// An answer's body that counts itself let go of when hyper drops it: once its last bytes are
/// in hyper's buffer, or when the connection ends first.
pub struct Answer {
    body: Body,
    watch: Arc<Watch>,
}

impl Drop for Answer {
    fn drop(&mut self) {
        self.watch.let_go.fetch_add(1, Ordering::Relaxed);
    }
}

impl http_body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: Duration = Duration::from_secs(10);
    const IDLE: Duration = Duration::from_secs(60);

    fn dog() -> (Arc<Watch>, Watchdog, Instant) {
        let opened = Instant::now();
        let watch = Watch::new(opened);
        let dog = Watchdog::new(Arc::clone(&watch), HEADERS, IDLE);
        (watch, dog, opened)
    }

    fn at(opened: Instant, secs: u64) -> Instant {
        opened + Duration::from_secs(secs)
    }

    /// hyper writes the answer out and flushes the socket at `when`.
    fn written_out(watch: &Watch, when: Instant) {
        watch.flushed_with(|| when);
    }

    #[test]
    fn a_connection_that_never_sends_its_headers_is_cut_off_bytes_or_not() {
        let (watch, mut dog, t) = dog();
        for s in 1..10 {
            watch.moved();
            assert_eq!(dog.look(at(t, s)), None, "at {s} s");
        }
        watch.moved();
        assert_eq!(dog.look(at(t, 10)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn the_header_clock_stops_until_the_answer_is_written_out_and_starts_at_once_after() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        let answer = watch.answer(Body::empty());
        watch.moved();
        assert_eq!(dog.look(at(t, 5)), None);
        // hyper has the whole body in its buffer, and writes it to a slow reader.
        drop(answer);
        for s in [20, 40] {
            watch.moved();
            assert_eq!(dog.look(at(t, s)), None, "at {s} s");
        }
        written_out(&watch, at(t, 41));
        watch.moved();
        assert_eq!(dog.look(at(t, 50)), None);
        watch.moved();
        assert_eq!(dog.look(at(t, 51)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn a_flush_before_the_body_is_let_go_of_does_not_end_the_answer() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        let answer = watch.answer(Body::empty());
        written_out(&watch, at(t, 1));
        watch.moved();
        assert_eq!(dog.look(at(t, 30)), None);
        drop(answer);
        written_out(&watch, at(t, 31));
        // A later flush with nothing new let go of keeps the time the answer ended.
        written_out(&watch, at(t, 35));
        watch.moved();
        assert_eq!(dog.look(at(t, 41)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn a_pipelined_request_keeps_the_clock_stopped_until_every_answer_is_written_out() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        let first = watch.answer(Body::empty());
        watch.request_began();
        drop(first);
        written_out(&watch, at(t, 20));
        watch.moved();
        assert_eq!(dog.look(at(t, 30)), None);
        drop(watch.answer(Body::empty()));
        written_out(&watch, at(t, 31));
        watch.moved();
        assert_eq!(dog.look(at(t, 40)), None);
        assert_eq!(dog.look(at(t, 41)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn a_connection_where_nothing_moves_is_idle_even_mid_answer() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        watch.moved();
        assert_eq!(dog.look(at(t, 1)), None);
        assert_eq!(dog.look(at(t, 60)), None);
        assert_eq!(dog.look(at(t, 61)), Some(Verdict::Idle));
    }
}
