//! Keeping the image in step with a journal that other writers append to (several instances
//! over one PostgreSQL database).
//!
//! Two things move the journal under an instance: another instance's appends, which this one
//! applies as it learns of them (the tailer, and every write before it validates); and the
//! journal turning back submissions (another writer got there first, or the store became
//! unreachable). Acts are applied to the image before they are durable (see `chancery.rs`),
//! so turned-back acts must be taken back out of the image, newest first, before anything else
//! is applied: `in_flight` keeps them for that.
//!
//! Everything here runs under the image's write lock, so the image, `in_flight` and `epoch`
//! change together.

use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use chancery_domain::{Act, Image};

use crate::replay::{decode, replay};
use crate::{Chancery, ServiceError};

/// Entries read from the journal per step of a catch-up.
const CATCH_UP_CHUNK: usize = 4096;
/// How long the tailer waits on the store before looking again: over PostgreSQL a NOTIFY wakes
/// it at once, so this bounds staleness only when notifications are lost.
pub const TAIL_POLL: Duration = Duration::from_millis(500);

/// An act applied to the image and submitted, not yet known durable.
pub(crate) struct InFlight {
    pub(crate) seq: u64,
    pub(crate) act: Act,
}

/// The acts on their way to the store, in seq order, and the journal epoch the image is in
/// step with.
#[derive(Default)]
pub(crate) struct Sync {
    in_flight: Mutex<Vec<InFlight>>,
    /// The journal's epoch (see `Journal::epoch`) the image reflects.
    epoch: Mutex<u64>,
    /// When the image was last known to hold everything the store held (a tail or catch-up
    /// that found nothing more): what `/readyz` and the metrics report as staleness.
    in_step_at: Mutex<Option<Instant>>,
}

impl Sync {
    pub(crate) fn push(&self, seq: u64, act: Act) {
        lock(&self.in_flight).push(InFlight { seq, act });
    }

    /// The act numbered `seq` is durable: it will never be taken back.
    pub(crate) fn committed(&self, seq: u64) {
        lock(&self.in_flight).retain(|f| f.seq != seq);
    }

    pub(crate) fn mark_in_step(&self) {
        *lock(&self.in_step_at) = Some(Instant::now());
    }

    pub(crate) fn in_step_at(&self) -> Option<Instant> {
        *lock(&self.in_step_at)
    }

    /// The journal epoch the image is in step with: what a submission is based on.
    pub(crate) fn epoch(&self) -> u64 {
        *lock(&self.epoch)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Each critical section is one push, retain, read or swap: poison cannot leave it torn.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Chancery {
    /// Brings the image in step with the journal, under the write lock: takes back what the
    /// journal turned back, then applies what other writers appended. Called before every
    /// write is validated and by the tailer.
    pub(crate) fn align(&self, image: &mut Image) -> Result<(), ServiceError> {
        loop {
            if !self.take_back(image) {
                // The image holds an act this instance did not submit above the turned-back
                // ones: it cannot be unwound act by act.
                return self.reload(image);
            }
            // Others' entries may be applied only when nothing of this instance's own is on its
            // way (what is, either lands, and the image already holds it, or is turned back and
            // taken back first), and only if nothing was turned back since `take_back` looked.
            // While the write lock is held no new submission can be made, so this holds until
            // the catch-up is done.
            match self.journal().quiescent_epoch() {
                Some(epoch) if epoch == self.sync.epoch() => return self.catch_up(image),
                Some(_) => continue,
                None => return Ok(()),
            }
        }
    }

    /// Takes back, newest first, the acts the journal turned back since the image was last in
    /// step with it. False when the image's top is not those acts (it must be rebuilt).
    fn take_back(&self, image: &mut Image) -> bool {
        let (epoch, turned_back_from) = self.journal().epoch();
        let mut seen = lock(&self.sync.epoch);
        if *seen == epoch {
            return true;
        }
        *seen = epoch;
        let mut in_flight = lock(&self.sync.in_flight);
        let mut unwound = true;
        while turned_back_from > 0 && image.last_seq() >= turned_back_from {
            match in_flight.pop() {
                Some(last) if last.seq == image.last_seq() => image.unrecord_last(&last.act),
                _ => {
                    unwound = false;
                    break;
                }
            }
        }
        // What is left was committed before the turn-back.
        in_flight.clear();
        unwound
    }

    /// Applies every entry the store holds beyond the image.
    fn catch_up(&self, image: &mut Image) -> Result<(), ServiceError> {
        loop {
            let entries = self.journal().read(image.last_seq(), CATCH_UP_CHUNK)?;
            if entries.is_empty() {
                self.journal().caught_up(image.last_seq());
                self.sync.mark_in_step();
                return Ok(());
            }
            for entry in &entries {
                let act = decode(entry)?;
                // Validated when it was recorded, against the same acts before it: a refusal
                // here means rules that differ between instances' versions. The record wins:
                // rebuild from it, as a restart would.
                if let Err(v) = image.record(&act, entry.recorded_at_micros) {
                    tracing::warn!(seq = entry.seq, rule = v.code.as_str(), "an act another instance recorded does not pass this instance's rules; rebuilding the image from the journal");
                    return self.reload(image);
                }
            }
        }
    }

    /// Replaces the image by a replay of the journal, without failing the service.
    fn reload(&self, image: &mut Image) -> Result<(), ServiceError> {
        let (replayed, _) = replay(self.journal(), u64::MAX)?;
        *image = replayed;
        lock(&self.sync.in_flight).clear();
        self.journal().caught_up(image.last_seq());
        self.sync.mark_in_step();
        Ok(())
    }

    /// How long since the image was last known to hold everything in the store; `None` before
    /// the first time. Over SQLite (one process) the image is always in step.
    pub fn staleness(&self) -> Option<Duration> {
        if !self.shared {
            return Some(Duration::ZERO);
        }
        self.sync.in_step_at().map(|at| at.elapsed())
    }

    /// Starts the thread that applies other instances' appends as they land, for a store other
    /// processes write to. It holds only a weak reference: it ends when the service is dropped.
    pub fn spawn_tailer(self: &Arc<Self>) -> std::io::Result<Option<std::thread::JoinHandle<()>>> {
        if !self.shared {
            return Ok(None);
        }
        let weak: Weak<Chancery> = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("chancery-tailer".into())
            .spawn(move || tail(weak))
            .map(Some)
    }
}

/// How often the tailer repeats that it cannot read the store: every half second would be
/// thousands of lines an hour of one outage.
const TAIL_COMPLAINT_EVERY: Duration = Duration::from_secs(30);

fn tail(weak: Weak<Chancery>) {
    // Since when the store has not answered, and when that was last said.
    let mut failing: Option<(Instant, Instant)> = None;
    loop {
        let Some(chancery) = weak.upgrade() else {
            return;
        };
        let after = chancery.image().last_seq();
        match chancery.journal().tail(after, 1, TAIL_POLL) {
            Ok(new) => {
                if let Some((since, _)) = failing.take() {
                    tracing::info!(after = ?since.elapsed(), "the journal's store answers again");
                }
                if new.is_empty() {
                    chancery.sync.mark_in_step();
                } else {
                    let mut image = chancery.image_mut();
                    if let Err(e) = chancery.align(&mut image) {
                        tracing::warn!(error = %e, "could not apply other instances' acts; retrying");
                    }
                }
            }
            Err(e) => {
                let now = Instant::now();
                match &mut failing {
                    None => {
                        tracing::warn!(error = %e, "cannot read the journal's store; retrying every {TAIL_POLL:?}");
                        failing = Some((now, now));
                    }
                    Some((since, said)) if now.duration_since(*said) >= TAIL_COMPLAINT_EVERY => {
                        tracing::warn!(error = %e, for_ = ?since.elapsed(), "the journal's store still does not answer; retrying");
                        *said = now;
                    }
                    Some(_) => {}
                }
                drop(chancery);
                std::thread::sleep(TAIL_POLL);
            }
        }
    }
}
