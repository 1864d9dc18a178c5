//! A connection's limits in time, kept by a watchdog that looks every so often (a quarter of the
//! shorter limit) at counters the connection only ever increments.
//!
//! - idle: nothing read or written for the idle timeout;
//! - slow headers: the server has waited for a request's headers for the header timeout. The
//!   wait starts when the connection opens and each time no answer is left on its way; a
//!   request ends it when hyper hands it over (its headers are in), and its answer is on its
//!   way until hyper lets go of the answer's body, which it does once the body is sent. A byte
//!   does not reset the clock.
//!
//! The clock is the watchdog's: it sees a wait begin at its next look, so a limit is enforced
//! within half of it of time. hyper's header read timer, which this replaces, set and cleared a
//! timer for every request, and the idle check read the clock on every read and write: a
//! request now costs a few uncontended atomic increments.

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

/// What the connection counts, for its watchdog.
#[derive(Default)]
pub struct Watch {
    /// Reads and writes that moved bytes.
    moves: AtomicU64,
    /// Requests handed over.
    began: AtomicU64,
    /// Answers sent (or given up with the connection).
    ended: AtomicU64,
}

impl Watch {
    /// Bytes moved on the connection.
    pub fn moved(&self) {
        self.moves.fetch_add(1, Ordering::Relaxed);
    }

    /// A request's headers are in.
    pub fn request_began(&self) {
        self.began.fetch_add(1, Ordering::Release);
    }

    /// `body`, counted as sent when hyper lets go of it.
    pub fn answer(self: &Arc<Self>, body: Body) -> Answer {
        Answer {
            body,
            watch: Arc::clone(self),
        }
    }
}

/// The connection's limits: `Watch`'s counters as last seen, and when each last changed.
pub struct Watchdog {
    watch: Arc<Watch>,
    header_timeout: Duration,
    idle_timeout: Duration,
    moves: u64,
    moved_at: Instant,
    ended: u64,
    /// Since when the server has waited for headers, as first seen; `None`: an answer was on
    /// its way at the last look.
    waiting_since: Option<Instant>,
}

impl Watchdog {
    pub fn new(
        watch: Arc<Watch>,
        header_timeout: Duration,
        idle_timeout: Duration,
        opened: Instant,
    ) -> Watchdog {
        Watchdog {
            watch,
            header_timeout,
            idle_timeout,
            moves: 0,
            moved_at: opened,
            ended: 0,
            waiting_since: Some(opened),
        }
    }

    /// How often to look: a limit is then noticed within a quarter of it of the watchdog's
    /// seeing it start.
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
        // `ended` before `began`: a request that begins between the two reads is counted as on
        // its way, never as a wait.
        let ended = self.watch.ended.load(Ordering::Acquire);
        let began = self.watch.began.load(Ordering::Acquire);
        if began != ended {
            self.waiting_since = None;
        } else if ended != self.ended || self.waiting_since.is_none() {
            // An answer was sent since the last look: the wait began after it.
            self.waiting_since = Some(now);
        }
        self.ended = ended;
        match self.waiting_since {
            Some(since) if now.saturating_duration_since(since) >= self.header_timeout => {
                Some(Verdict::SlowHeaders)
            }
            _ => None,
        }
    }
}

/// An answer's body that counts its answer sent when hyper drops it, which it does once the
/// body is sent, or when the connection ends first.
pub struct Answer {
    body: Body,
    watch: Arc<Watch>,
}

impl Drop for Answer {
    fn drop(&mut self) {
        self.watch.ended.fetch_add(1, Ordering::Release);
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
        let watch = Arc::new(Watch::default());
        let opened = Instant::now();
        let dog = Watchdog::new(Arc::clone(&watch), HEADERS, IDLE, opened);
        (watch, dog, opened)
    }

    fn at(opened: Instant, secs: u64) -> Instant {
        opened + Duration::from_secs(secs)
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
    fn the_header_clock_stops_while_an_answer_is_on_its_way_and_starts_again_after_it() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        let answer = watch.answer(Body::empty());
        // However long the answer takes to send (the idle limit watches a stuck one).
        for s in [5, 20, 40] {
            watch.moved();
            assert_eq!(dog.look(at(t, s)), None, "at {s} s");
        }
        drop(answer);
        watch.moved();
        assert_eq!(dog.look(at(t, 41)), None);
        watch.moved();
        assert_eq!(dog.look(at(t, 50)), None);
        watch.moved();
        assert_eq!(dog.look(at(t, 51)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn an_answer_sent_between_two_looks_starts_the_wait_again() {
        let (watch, mut dog, t) = dog();
        assert_eq!(dog.look(at(t, 8)), None);
        watch.request_began();
        drop(watch.answer(Body::empty()));
        assert_eq!(dog.look(at(t, 9)), None);
        assert_eq!(dog.look(at(t, 18)), None);
        assert_eq!(dog.look(at(t, 19)), Some(Verdict::SlowHeaders));
    }

    #[test]
    fn a_pipelined_request_keeps_the_clock_stopped_until_every_answer_is_sent() {
        let (watch, mut dog, t) = dog();
        watch.request_began();
        let first = watch.answer(Body::empty());
        watch.request_began();
        drop(first);
        assert_eq!(dog.look(at(t, 30)), None);
        drop(watch.answer(Body::empty()));
        assert_eq!(dog.look(at(t, 31)), None);
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
