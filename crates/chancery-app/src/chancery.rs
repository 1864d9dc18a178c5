//! The store: a journal and the memory image kept in step with it.
//!
//! Concurrency: one `RwLock` guards the image. A write takes it exclusively to validate and
//! apply the act and to submit it to the journal, so journal order equals validation order; the
//! lock is released before waiting for durability, so the fsync of one group commit overlaps with
//! the validation of the next acts. Readers may therefore see an act a few milliseconds before it
//! is durable; it is acknowledged to its writer only once durable. If the journal fails, it
//! refuses every later write and the process must restart (replay then drops what never reached
//! the disk).
//!
//! A panic under the write lock (a bug) may leave half an act in the image: the lock is then
//! poisoned, and whoever takes it next rebuilds the image from the journal and marks the
//! service failed, so reads go on from the record and writes wait for a restart.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chancery_accounts::RecordedBy;
use chancery_domain::image::check_all::same_fault;
use chancery_domain::rules::check_horizon;
use chancery_domain::scenario::Scenario;
use chancery_domain::{Act, Image, Reader, RuleViolation};
use chancery_journal::{Basis, IntegritySample, Journal, JournalError, NewEntry};

use crate::clock::{now_micros, today};
use crate::replay::replay;
use crate::{ServiceError, StoreLocation};

/// How many times a write beaten by another instance is validated again and resubmitted before
/// it is refused as busy: each retry follows an act that did land, so the record moves on.
const ATTEMPTS: usize = 16;

/// Who the seeded demo's acts are recorded by.
pub const DEMO_SEEDER: &str = "seed:us-ru demo";

/// The bundled US–Russia record, seeded into a new store unless asked not to.
pub const DEMO_SCENARIO: &str = include_str!("../../../data/scenarios/us-ru.toml");

/// An act as stored: its journal stamps and the act itself.
#[derive(Clone, Debug)]
pub struct StoredAct {
    pub seq: u64,
    pub recorded_at_micros: i64,
    pub recorded_by: RecordedBy,
    pub hash: [u8; 32],
    pub prev_hash: [u8; 32],
    /// The entry's salt (stores written before salts: `None`): shown only to readers of the
    /// act, it lets them check the entry's hash.
    pub salt: Option<[u8; 32]>,
    pub act: Act,
}

pub struct Chancery {
    image: RwLock<Image>,
    pub(crate) journal: Journal,
    failed: AtomicBool,
    /// What the start-up check found wrong with the hash chain, if anything.
    damaged: Option<String>,
    /// The last entry written without a salt (0: none): entries after it are all salted.
    last_unsalted: u64,
    /// The start page's lines, kept until the next act (`summaries.rs`).
    pub(crate) summaries: crate::summaries::Summaries,
    /// Changes whenever the image does (an act applied, taken back or caught up with): what
    /// answers kept for later are keyed by. Not the last seq: an act taken back and another
    /// applied in its place leave the same last seq over a different image.
    version: AtomicU64,
    /// Acts on their way to the store, and the journal epoch the image is in step with
    /// (`sync.rs`).
    pub(crate) sync: crate::sync::Sync,
    /// Whether other processes may append to the store (PostgreSQL): the image is then kept in
    /// step by the tailer and before every write.
    pub(crate) shared: bool,
    /// Told of every recorded act's commit (the server's metrics), once set.
    observer: OnceLock<Arc<dyn crate::WriteObserver>>,
}

/// The image under its write lock; dropping it moves [`Chancery::version`] on when the image
/// may have changed, before the lock is released, so a reader under the read lock always sees a
/// version that matches the image.
pub(crate) struct ImageWrite<'a> {
    guard: RwLockWriteGuard<'a, Image>,
    version: &'a AtomicU64,
}

impl Deref for ImageWrite<'_> {
    type Target = Image;
    fn deref(&self) -> &Image {
        &self.guard
    }
}

impl DerefMut for ImageWrite<'_> {
    fn deref_mut(&mut self) -> &mut Image {
        &mut self.guard
    }
}

impl Drop for ImageWrite<'_> {
    fn drop(&mut self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }
}

impl Chancery {
    /// Opens the store at `path`, replaying its journal into the image. A new, empty store is
    /// seeded with the US–Russia demo when `seed_demo` is set.
    ///
    /// The hash chain is checked first (the head, the last thousand entries and a sample of
    /// the rest): a broken chain is served read-only, and [`damaged`](Self::damaged) says why.
    pub fn open(
        location: impl Into<StoreLocation>,
        seed_demo: bool,
    ) -> Result<Chancery, ServiceError> {
        let location = location.into();
        Chancery::with_journal(location.open_journal()?, location.is_shared(), seed_demo)
    }

    /// Opens the service over a journal already open: `shared` when other processes may append
    /// to its store (the image is then kept in step with them: see `sync.rs`).
    pub fn with_journal(
        journal: Journal,
        shared: bool,
        seed_demo: bool,
    ) -> Result<Chancery, ServiceError> {
        // The store's path is not part of the reason: the reason reaches HTTP clients.
        let mut damaged = match journal.check_integrity(IntegritySample::default()) {
            Ok(_) => None,
            Err(JournalError::Broken(found)) => Some(found.to_string()),
            Err(e) => return Err(e.into()),
        };
        let (image, last_unsalted) = match replay(&journal, u64::MAX) {
            Ok(replayed) => replayed,
            // An entry that is missing or cannot be read: what precedes it is still the
            // record, served read-only, rather than no record at all.
            Err(ServiceError::Corrupt { seq, message }) if seq > 0 => {
                let (image, last_unsalted) = replay(&journal, seq)?;
                let why = format!(
                    "the journal cannot be replayed at entry #{seq} ({message}); the record is shown up to act #{}",
                    image.last_seq()
                );
                damaged = Some(match damaged {
                    Some(found) => format!("{found}; {why}"),
                    None => why,
                });
                (image, last_unsalted)
            }
            Err(e) => return Err(e),
        };
        let chancery = Chancery {
            image: RwLock::new(image),
            journal,
            failed: AtomicBool::new(false),
            damaged,
            last_unsalted,
            summaries: Default::default(),
            observer: OnceLock::new(),
            version: AtomicU64::new(0),
            sync: Default::default(),
            shared,
        };
        chancery.sync.mark_in_step();
        if seed_demo && chancery.journal.last_seq() == 0 {
            let scenario = Scenario::parse(DEMO_SCENARIO)?;
            if let Err(e) = chancery.import(&scenario, DEMO_SEEDER) {
                // Another instance over the same store seeded it first (its acts landed before
                // this import was checked, which then refuses them as duplicates, or after,
                // which turns this one back): the store is no longer new, so take what it
                // holds. Only a store still empty makes the failure this instance's own.
                let mut image = chancery.image_mut();
                chancery.align(&mut image)?;
                if image.last_seq() == 0 {
                    return Err(e);
                }
                tracing::info!("another instance seeded the store first");
            }
        }
        Ok(chancery)
    }

    /// Whether the store's record begins with the seeded demo (what a new demo store holds,
    /// as opposed to one a command imported, generated or copied into).
    pub fn holds_the_seeded_demo(&self) -> Result<bool, ServiceError> {
        Ok(self
            .acts(0, 1)?
            .first()
            .is_some_and(|a| a.recorded_by.to_string() == DEMO_SEEDER))
    }

    pub fn image(&self) -> RwLockReadGuard<'_, Image> {
        if let Ok(image) = self.image.read() {
            return image;
        }
        // The poisoned read guard is gone by now; taking the write lock rebuilds the image the
        // panic may have left half-changed.
        drop(self.image_mut());
        self.image.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The image for a write. A poisoned lock means a panic while an act was being applied:
    /// the image may hold part of it, so it is rebuilt from the journal before anyone uses it.
    pub(crate) fn image_mut(&self) -> ImageWrite<'_> {
        let guard = match self.image.write() {
            Ok(image) => image,
            Err(poisoned) => {
                let mut image = poisoned.into_inner();
                self.rebuild(&mut image, "a panic while an act was being recorded");
                self.image.clear_poison();
                image
            }
        };
        ImageWrite {
            guard,
            version: &self.version,
        }
    }

    /// Reports every act recorded from now on to `observer` (once: a later call is ignored).
    pub fn observe_writes(&self, observer: Arc<dyn crate::WriteObserver>) {
        let _ = self.observer.set(observer);
    }

    /// A number that changes whenever the image does: answers computed under one
    /// [`image`](Self::image) read guard with the version read under it may be kept for as long
    /// as the version stays the same.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Replaces the image by what the journal holds and marks the service failed: whatever
    /// went wrong, the image may have held what never reached the disk.
    ///
    /// Called under the write lock, so nothing new is submitted meanwhile; acts submitted
    /// before it may still be on their way to the disk, and their writers will be told they are
    /// recorded, so the replay waits for them first. A replay that fails or panics leaves the
    /// service failed and is not retried by every later reader.
    fn rebuild(&self, image: &mut Image, cause: &str) {
        self.failed.store(true, Ordering::SeqCst);
        self.settle_in_flight();
        let replayed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            replay(&self.journal, u64::MAX)
        }));
        match replayed {
            Ok(Ok((rebuilt, _))) => {
                tracing::error!(
                    cause,
                    acts = rebuilt.last_seq(),
                    "image rebuilt from the journal; writes are refused until a restart"
                );
                *image = rebuilt;
            }
            Ok(Err(e)) => {
                tracing::error!(cause, error = %e, "cannot rebuild the image from the journal")
            }
            Err(_) => tracing::error!(cause, "rebuilding the image from the journal panicked"),
        }
    }

    /// Waits (a bounded while) until every entry already submitted is durable or has failed.
    fn settle_in_flight(&self) {
        let submitted = self.journal.last_seq();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while self.journal.committed_seq() < submitted
            && !self.journal.has_failed()
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    pub(crate) fn entry(act: &Act, recorded_by: &RecordedBy, at: i64) -> NewEntry {
        NewEntry {
            schema: crate::replay::ACT_SCHEMA,
            recorded_at_micros: at,
            recorded_by: recorded_by.to_string(),
            payload: serde_json::to_vec(&act.to_json()).unwrap_or_default(),
        }
    }

    /// Validates and records one act on the operator's authority, without asking whether
    /// anyone may: for tests and benchmarks only (the `testing` feature), so no request handler
    /// can reach it; requests record through [`record_as`](Self::record_as). Returns once the
    /// act is durable.
    #[cfg(feature = "testing")]
    pub async fn record_unchecked(
        &self,
        act: Act,
        recorded_by: &str,
    ) -> Result<StoredAct, ServiceError> {
        let by = RecordedBy::parse(recorded_by);
        self.record_checked(act, by, Reader::Rules, |_, _| Ok(()), None)
            .await
    }

    pub(crate) async fn record_checked(
        &self,
        act: Act,
        recorded_by: RecordedBy,
        recorder: Reader,
        may: impl Fn(&Image, &Act) -> Result<(), ServiceError>,
        mut every_fault: Option<&mut Vec<RuleViolation>>,
    ) -> Result<StoredAct, ServiceError> {
        let mut beaten = 0;
        loop {
            match self
                .record_once(
                    &act,
                    &recorded_by,
                    recorder,
                    &may,
                    every_fault.as_deref_mut(),
                )
                .await
            {
                // Another instance appended first: what it recorded may change the verdict, so
                // the act is judged again against the record as it now stands.
                Err(ServiceError::Journal(JournalError::Conflict { .. })) if beaten < ATTEMPTS => {
                    beaten += 1;
                    tracing::debug!(
                        beaten,
                        kind = act.kind(),
                        "beaten by another writer; validating again"
                    );
                }
                Err(ServiceError::Journal(JournalError::Conflict { .. })) => {
                    return Err(ServiceError::Contended)
                }
                Ok(stored) => return Ok(StoredAct { act, ..stored }),
                Err(e) => return Err(e),
            }
        }
    }

    /// One attempt: validate against the image in step with the journal, apply, submit, wait.
    async fn record_once(
        &self,
        act: &Act,
        recorded_by: &RecordedBy,
        recorder: Reader,
        may: &impl Fn(&Image, &Act) -> Result<(), ServiceError>,
        every_fault: Option<&mut Vec<RuleViolation>>,
    ) -> Result<StoredAct, ServiceError> {
        self.writable()?;
        let at = now_micros();
        let submitted = {
            let mut image = self.image_mut();
            // Taking the lock may itself have found a panic and failed the service.
            self.writable()?;
            self.align(&mut image)?;
            let basis = Basis {
                epoch: self.sync.epoch(),
                after: image.last_seq(),
            };
            let checked = may(&image, act).and_then(|()| Ok(image.record_by(act, at, recorder)?));
            let seq = match checked {
                Ok(seq) => seq,
                Err(e) => {
                    // Read under the same lock as the refusal, so every fault is of one image.
                    if let (ServiceError::Rule(first), Some(every)) = (&e, every_fault) {
                        *every = faults_of(&mut image, act, recorder, first);
                    }
                    return Err(e);
                }
            };
            #[cfg(feature = "testing")]
            crate::testing::maybe_panic(act);
            let pending = self
                .journal
                .submit_on(basis, vec![Self::entry(act, recorded_by, at)]);
            let journal_seq = pending.first_seq();
            if journal_seq != seq {
                // Turned away at once (the journal moved on, is reconnecting or has failed):
                // take the act back out so that readers never see what was not recorded.
                image.unrecord_last(act);
                Err((pending, journal_seq, seq))
            } else {
                self.sync.push(seq, act.clone());
                Ok((pending, seq))
            }
        };
        let (pending, seq) = match submitted {
            Ok(submitted) => submitted,
            Err((pending, journal_seq, seq)) => {
                return Err(match pending.wait_async().await {
                    Err(e) => self.journal_refused(e),
                    Ok(_) => ServiceError::OutOfStep {
                        journal: journal_seq,
                        image: seq,
                    },
                })
            }
        };
        let waiting = std::time::Instant::now();
        let outcome = pending.wait_async().await;
        if let Some(o) = self.observer.get() {
            match &outcome {
                Ok(_) => o.committed(1, waiting.elapsed()),
                Err(_) => o.failed(1),
            }
        }
        let committed = match outcome {
            Ok(c) => c,
            Err(e @ (JournalError::Conflict { .. } | JournalError::Unavailable(_))) => {
                // Turned back: take it (and whatever was applied on top of it) out of the image
                // now, so that no reader sees it in the meantime.
                self.take_back_turned_back();
                return Err(self.journal_refused(e));
            }
            Err(e) => {
                self.rebuild_after_failure();
                return Err(e.into());
            }
        };
        self.sync.committed(seq);
        // The store took it on the head this image was built to: in step as of now.
        self.sync.mark_in_step();
        tracing::info!(seq = committed.last_seq, kind = act.kind(), "act recorded");
        Ok(StoredAct {
            seq: committed.last_seq,
            recorded_at_micros: at,
            recorded_by: recorded_by.clone(),
            hash: committed.last_hash,
            prev_hash: [0; 32],
            salt: None,
            act: act.clone(),
        })
    }

    /// Brings the image in step at once after a write was turned back, so that no reader sees
    /// the turned-back act in the meantime.
    fn take_back_turned_back(&self) {
        let mut image = self.image_mut();
        if let Err(e) = self.align(&mut image) {
            tracing::warn!(error = %e, "could not bring the image in step after a turned-back write");
        }
    }

    /// A journal's refusal as the service's: a failed journal fails the service.
    pub(crate) fn journal_refused(&self, e: JournalError) -> ServiceError {
        match e {
            // Refused, cut off, or a stream given up: the journal carries on, and so does
            // the service.
            JournalError::Conflict { .. }
            | JournalError::Unavailable(_)
            | JournalError::Stalled(_)
            | JournalError::Abandoned => e.into(),
            other => {
                self.failed.store(true, Ordering::SeqCst);
                other.into()
            }
        }
    }

    /// A write failed on disk: the journal then fails it and every later entry, while acts
    /// validated after it may already be in the image. Rebuilding the image from what reached
    /// the disk drops exactly those. The service stays marked failed until restarted.
    fn rebuild_after_failure(&self) {
        let mut image = self.image_mut();
        self.rebuild(&mut image, "a journal failure");
    }

    /// Why the store is read-only, if the start-up check found its hash chain broken.
    pub fn damaged(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    pub(crate) fn writable(&self) -> Result<(), ServiceError> {
        match &self.damaged {
            Some(why) => Err(ServiceError::Damaged(why.clone())),
            None if self.failed() => Err(ServiceError::Failed),
            None => Ok(()),
        }
    }

    /// Whether the journal's hashes of an act may be shown to `reader` (an auditor) without
    /// letting them test guesses about an act they may not see. Salted entries commit to a
    /// secret salt, so hashes around a hidden salted act reveal nothing. Entries written
    /// before salts do not: after an unsalted act hidden from the reader, every later hash is a
    /// function of that act the reader could evaluate, until a hidden salted act cuts the
    /// chain of what they can compute. Those hashes are withheld.
    ///
    /// Returns the act number after which hashes may be shown to `reader` (0: all of them).
    pub fn hashes_shown_after(&self, reader: Reader) -> u64 {
        if self.last_unsalted == 0 {
            return 0;
        }
        let image = self.image();
        let hidden = |s: &u64| !image.visible_to(*s, reader);
        if !(1..=self.last_unsalted).any(|s| hidden(&s)) {
            return 0;
        }
        (self.last_unsalted + 1..=image.last_seq())
            .find(hidden)
            .unwrap_or(u64::MAX)
    }

    /// True once a write failed to reach the journal: the image may then hold acts that are
    /// not durable, and the process must restart (replay rebuilds the image from the journal).
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    /// Records many acts, each validated, committed in transactions of `chunk` acts. Not atomic
    /// as a whole (a refusal keeps the chunks before it): for bulk loads such as `generate`.
    pub fn record_all(
        &self,
        acts: impl IntoIterator<Item = Act>,
        recorded_by: &str,
        chunk: usize,
    ) -> Result<usize, ServiceError> {
        self.writable()?;
        let by = RecordedBy::parse(recorded_by);
        let at = now_micros();
        let mut image = self.image_mut();
        self.align(&mut image)?;
        let epoch = self.sync.epoch();
        let mut batch = Vec::with_capacity(chunk);
        let mut first = image.last_seq() + 1;
        let mut total = 0;
        let flush = |batch: &mut Vec<NewEntry>, first: &mut u64| -> Result<(), ServiceError> {
            if batch.is_empty() {
                return Ok(());
            }
            let basis = Basis {
                epoch,
                after: *first - 1,
            };
            let pending = self.journal.submit_on(basis, std::mem::take(batch));
            if pending.first_seq() != *first {
                return Err(ServiceError::OutOfStep {
                    journal: pending.first_seq(),
                    image: *first,
                });
            }
            *first += pending.count();
            let committed = pending.wait()?;
            tracing::debug!(last = committed.last_seq, "bulk chunk committed");
            Ok(())
        };
        for act in acts {
            if let Err(v) = image.record(&act, at) {
                flush(&mut batch, &mut first)?;
                return Err(v.into());
            }
            batch.push(Self::entry(&act, &by, at));
            total += 1;
            if batch.len() >= chunk {
                flush(&mut batch, &mut first)?;
            }
        }
        flush(&mut batch, &mut first)?;
        Ok(total)
    }
    pub fn journal(&self) -> &Journal {
        &self.journal
    }
}

/// Every fault of a refused act, the refusal first: then the recording day's horizon, then
/// every rule of the image (see `Image::check_all`), each fault once.
fn faults_of(
    image: &mut Image,
    act: &Act,
    recorder: Reader,
    first: &RuleViolation,
) -> Vec<RuleViolation> {
    let mut all = vec![first.clone()];
    let more = check_horizon(act, today())
        .err()
        .into_iter()
        .chain(image.check_all(act, recorder));
    for v in more {
        if !all.iter().any(|w| same_fault(w, &v)) {
            all.push(v);
        }
    }
    all
}
