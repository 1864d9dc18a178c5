//! The application core shared by the HTTP edge and the CLI: a journal and the memory image kept
//! in step with it.
//!
//! Concurrency: one `RwLock` guards the image. A write takes it exclusively to validate and
//! apply the act and to submit it to the journal, so journal order equals validation order; the
//! lock is released before waiting for durability, so the fsync of one group commit overlaps with
//! the validation of the next acts. Readers may therefore see an act a few milliseconds before it
//! is durable; it is acknowledged to its writer only once durable. If the journal fails, it
//! refuses every later write and the process must restart (replay then drops what never reached
//! the disk).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chancery_accounts::policy::{may_record, permission_to_record};
use chancery_accounts::{actor_org, OrgKind, Permission, Principal};
use chancery_domain::rules::check_horizon;
use chancery_domain::scenario::{Scenario, ScenarioError};
use chancery_domain::{Act, CivilDate, Image, Reader, RuleViolation, StateCode};
use chancery_journal::{Entry, IntegritySample, Journal, JournalError, NewEntry, StoreError};

/// The bundled US–Russia record, seeded into a new store unless asked not to.
pub const DEMO_SCENARIO: &str = include_str!("../../../data/scenarios/us-ru.toml");

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Rule(#[from] RuleViolation),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("journal: {0}")]
    Journal(#[from] JournalError),
    #[error("journal entry #{seq} cannot be read back: {message}")]
    Corrupt { seq: u64, message: String },
    #[error(
        "the journal assigned #{journal} where the image expected #{image}; restart to recover"
    )]
    OutOfStep { journal: u64, image: u64 },
    /// The author may not record this act (role, organisation or visibility).
    #[error("{0}")]
    Forbidden(String),
    /// The start-up check found the hash chain broken: the store is served read-only.
    #[error("the journal's hash chain is broken ({0}); the store is read-only until it is repaired or restored")]
    Damaged(String),
}

/// An act as stored: its journal stamps and the act itself.
#[derive(Clone, Debug)]
pub struct StoredAct {
    pub seq: u64,
    pub recorded_at_micros: i64,
    pub recorded_by: String,
    pub hash: [u8; 32],
    pub prev_hash: [u8; 32],
    /// The entry's salt (stores written before salts: `None`): shown only to readers of the
    /// act, it lets them check the entry's hash.
    pub salt: Option<[u8; 32]>,
    pub act: Act,
}

pub struct Chancery {
    image: RwLock<Image>,
    journal: Journal,
    failed: AtomicBool,
    /// What the start-up check found wrong with the hash chain, if anything.
    damaged: Option<String>,
    /// The last entry written without a salt (0: none): entries after it are all salted.
    last_unsalted: u64,
}

pub fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

pub fn today() -> CivilDate {
    CivilDate::from_unix_micros(now_micros())
}

fn decode(entry: &Entry) -> Result<Act, ServiceError> {
    let corrupt = |message: String| ServiceError::Corrupt {
        seq: entry.seq,
        message,
    };
    let value: serde_json::Value =
        serde_json::from_slice(&entry.payload).map_err(|e| corrupt(e.to_string()))?;
    // Stored acts were checked when recorded, maybe under older limits: read their shape only.
    Act::from_stored_json(value).map_err(|e| corrupt(e.message))
}

/// Rebuilds the image from the journal on two threads: one scans and decodes (JSON parsing is
/// most of the cost), the other folds; chunks pass through a bounded channel.
/// Acts numbered `before` and later are left out (`u64::MAX`: none).
fn replay(journal: &Journal, before: u64) -> Result<(Image, u64), ServiceError> {
    const CHUNK: usize = 4096;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(u64, i64, Act)>>(8);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<u64, ServiceError> {
            let mut last_unsalted = 0;
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut failure = None;
            let stopped = || StoreError::Aborted("replay stopped".into());
            let mut done = false;
            let scanned = journal.scan(0, &mut |entry| {
                if entry.seq >= before {
                    done = true;
                    return Err(stopped());
                }
                if entry.salt.is_none() {
                    last_unsalted = entry.seq;
                }
                match decode(&entry) {
                    Ok(act) => chunk.push((entry.seq, entry.recorded_at_micros, act)),
                    Err(e) => {
                        failure = Some(e);
                        return Err(stopped());
                    }
                }
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    tx.send(full).map_err(|_| stopped())?;
                }
                Ok(())
            });
            if let Some(e) = failure {
                return Err(e);
            }
            if !done {
                scanned?;
            }
            // The folding side stops early only on an error of its own, which it reports.
            let _ = tx.send(chunk);
            Ok(last_unsalted)
        });
        let image = Image::replay(rx.into_iter().flatten());
        let last_unsalted = reader.join().unwrap_or_else(|_| {
            Err(ServiceError::Corrupt {
                seq: 0,
                message: "the replay reader panicked".into(),
            })
        })?;
        image
            .map(|i| (i, last_unsalted))
            .map_err(|e| ServiceError::Corrupt {
                seq: e.seq,
                message: e.message,
            })
    })
}

impl Chancery {
    /// Opens the store at `path`, replaying its journal into the image. A new, empty store is
    /// seeded with the US–Russia demo when `seed_demo` is set.
    ///
    /// The hash chain is checked first (the head, the last thousand entries and a sample of
    /// the rest): a broken chain is served read-only, and [`damaged`](Self::damaged) says why.
    pub fn open(path: &Path, seed_demo: bool) -> Result<Chancery, ServiceError> {
        let journal = Journal::open_sqlite(path)?;
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
        };
        if seed_demo && chancery.journal.last_seq() == 0 {
            let scenario = Scenario::parse(DEMO_SCENARIO)?;
            chancery.import(&scenario, "seed:us-ru demo")?;
        }
        Ok(chancery)
    }

    pub fn image(&self) -> RwLockReadGuard<'_, Image> {
        // A panic while holding the lock leaves the image as it was before the act (record is
        // all-or-nothing), so a poisoned lock is still safe to read.
        self.image.read().unwrap_or_else(|e| e.into_inner())
    }

    fn entry(act: &Act, recorded_by: &str, at: i64) -> NewEntry {
        NewEntry {
            recorded_at_micros: at,
            recorded_by: recorded_by.to_owned(),
            payload: serde_json::to_vec(&act.to_json()).unwrap_or_default(),
        }
    }

    /// Records an act for a user or token, after checking that their role may record its kind
    /// and that their organisation may record it in that relation with that visibility (both
    /// decided against the image under the write lock, so they cannot race another write).
    pub async fn record_as(&self, act: Act, by: &Principal) -> Result<StoredAct, ServiceError> {
        let needed = permission_to_record(&act.body);
        let Some(user) = by.user().filter(|_| by.allows(needed, false)) else {
            return Err(ServiceError::Forbidden(format!(
                "{} may not record {}: it needs the {} role",
                by.actor(),
                act.kind(),
                if needed == Permission::RecordTalks {
                    "negotiator"
                } else {
                    "editor"
                }
            )));
        };
        let org = user.org.kind;
        // A correction comes from the organisation that recorded the act, or from a mediator,
        // who records for either side (and corrects what the operator's tools loaded): one
        // side cannot rewrite the other's record, and a wrong act of one side can be put right
        // by a neutral party when the other disputes it.
        if let Some(old) = act.envelope.supersedes {
            let original = self
                .acts(old.saturating_sub(1), 1)?
                .into_iter()
                .find(|a| a.seq == old);
            if let Some(original) = original {
                let mine = org == OrgKind::Mediator
                    || actor_org(&original.recorded_by) == Some(user.org.id.as_str());
                // A correction of a hidden act is refused by the rules as unknown instead.
                if !mine && self.image().visible_to(old, by.reader()) {
                    return Err(ServiceError::Forbidden(format!(
                        "act #{old} was recorded by another organisation: only it may correct it"
                    )));
                }
            }
        }
        let reader = by.reader();
        self.record_checked(act, &by.actor(), reader, |image, act| {
            // What the recorder may not see is unknown to it, before any other check speaks;
            // then where the act belongs (one relation, or a registration), before visibility
            // or permission is decided.
            image.check_named_visible(&act.body, reader)?;
            image.check_one_relation(&act.body)?;
            let belongs = image.belongs(act)?;
            let audience = image.audience_of(act)?;
            check_horizon(act, today())?;
            may_record(org, audience, belongs, &image.acting_states(&act.body))
                .map_err(|e| ServiceError::Forbidden(e.0))
        })
        .await
    }

    /// Validates and records one act on the operator's authority (tools and tests); the HTTP
    /// edge uses [`record_as`](Self::record_as). Returns once the act is durable.
    pub async fn record(&self, act: Act, recorded_by: &str) -> Result<StoredAct, ServiceError> {
        self.record_checked(act, recorded_by, Reader::Rules, |_, _| Ok(()))
            .await
    }

    async fn record_checked(
        &self,
        act: Act,
        recorded_by: &str,
        recorder: Reader,
        may: impl FnOnce(&Image, &Act) -> Result<(), ServiceError>,
    ) -> Result<StoredAct, ServiceError> {
        self.writable()?;
        let at = now_micros();
        let (pending, seq) = {
            let mut image = self.image.write().unwrap_or_else(|e| e.into_inner());
            may(&image, &act)?;
            let seq = image.record_by(&act, at, recorder)?;
            let pending = self.journal.submit(Self::entry(&act, recorded_by, at));
            if pending.first_seq() != seq {
                // The journal turned the entry away (it has failed) or numbered it otherwise:
                // take the act back out so that readers never see what was not recorded.
                image.unrecord_last(&act);
                self.failed.store(true, Ordering::SeqCst);
            }
            (pending, seq)
        };
        if pending.first_seq() != seq {
            let journal = pending.first_seq();
            return Err(match pending.wait_async().await {
                Err(e) => ServiceError::Journal(e),
                Ok(_) => ServiceError::OutOfStep {
                    journal,
                    image: seq,
                },
            });
        }
        let committed = match pending.wait_async().await {
            Ok(c) => c,
            Err(e) => {
                self.rebuild_after_failure();
                return Err(e.into());
            }
        };
        Ok(StoredAct {
            seq: committed.last_seq,
            recorded_at_micros: at,
            recorded_by: recorded_by.to_owned(),
            hash: committed.last_hash,
            prev_hash: [0; 32],
            salt: None,
            act,
        })
    }

    /// A write failed on disk: the journal then fails it and every later entry, while acts
    /// validated after it may already be in the image. Rebuilding the image from what reached
    /// the disk drops exactly those. The service stays marked failed until restarted.
    fn rebuild_after_failure(&self) {
        self.failed.store(true, Ordering::SeqCst);
        let mut image = self.image.write().unwrap_or_else(|e| e.into_inner());
        match replay(&self.journal, u64::MAX) {
            Ok((rebuilt, _)) => *image = rebuilt,
            Err(e) => eprintln!("chancery: cannot rebuild the image after a journal failure: {e}"),
        }
    }

    /// Why the store is read-only, if the start-up check found its hash chain broken.
    pub fn damaged(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    fn writable(&self) -> Result<(), ServiceError> {
        match &self.damaged {
            Some(why) => Err(ServiceError::Damaged(why.clone())),
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

    /// Imports a whole scenario all-or-nothing: every act is checked first against a copy of
    /// the image, then all are appended in one transaction. Returns the number of acts.
    pub fn import(&self, scenario: &Scenario, recorded_by: &str) -> Result<usize, ServiceError> {
        self.writable()?;
        let at = now_micros();
        let today = CivilDate::from_unix_micros(at);
        for (i, sa) in scenario.acts.iter().enumerate() {
            check_horizon(&sa.act, today).map_err(|v| ScenarioError {
                line: Some(sa.line),
                act: Some(i + 1),
                field: v.field.map(str::to_owned),
                code: v.code.into(),
                message: v.message,
            })?;
        }
        let mut image = self.image.write().unwrap_or_else(|e| e.into_inner());
        let (next, acts) = scenario.plan_import(&image, at)?;
        if acts.is_empty() {
            return Ok(0);
        }
        let entries = acts
            .iter()
            .map(|a| Self::entry(a, recorded_by, at))
            .collect();
        let pending = self.journal.submit_batch(entries);
        if pending.first_seq() != image.last_seq() + 1 {
            return Err(ServiceError::OutOfStep {
                journal: pending.first_seq(),
                image: image.last_seq() + 1,
            });
        }
        // Holding the lock while waiting keeps readers from seeing a half-imported relation;
        // imports are rare.
        if let Err(e) = pending.wait() {
            // Nothing of the import reached the image; the journal itself is now failed.
            self.failed.store(true, Ordering::SeqCst);
            return Err(e.into());
        }
        *image = next;
        Ok(acts.len())
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
        let at = now_micros();
        let mut image = self.image.write().unwrap_or_else(|e| e.into_inner());
        let mut batch = Vec::with_capacity(chunk);
        let mut first = image.last_seq() + 1;
        let mut total = 0;
        let flush = |batch: &mut Vec<NewEntry>, first: &mut u64| -> Result<(), ServiceError> {
            if batch.is_empty() {
                return Ok(());
            }
            let pending = self.journal.submit_batch(std::mem::take(batch));
            if pending.first_seq() != *first {
                return Err(ServiceError::OutOfStep {
                    journal: pending.first_seq(),
                    image: *first,
                });
            }
            *first += pending.count();
            pending.wait()?;
            Ok(())
        };
        for act in acts {
            if let Err(v) = image.record(&act, at) {
                flush(&mut batch, &mut first)?;
                return Err(v.into());
            }
            batch.push(Self::entry(&act, recorded_by, at));
            total += 1;
            if batch.len() >= chunk {
                flush(&mut batch, &mut first)?;
            }
        }
        flush(&mut batch, &mut first)?;
        Ok(total)
    }

    /// Acts `reader` may see with `seq > after`, at most `limit`, and the last seq examined
    /// (the next page starts after it, even when hidden acts were skipped).
    pub fn acts_for(
        &self,
        reader: Reader,
        after: u64,
        limit: usize,
    ) -> Result<(Vec<StoredAct>, u64), ServiceError> {
        let mut out = Vec::with_capacity(limit.min(1024));
        let mut cursor = after;
        let last = self.journal.last_seq();
        // Bounded: at most 8 pages of the journal per call however much is hidden.
        for _ in 0..8 {
            if out.len() >= limit || cursor >= last {
                break;
            }
            let chunk = self.acts(cursor, limit.max(64))?;
            let Some(end) = chunk.last().map(|a| a.seq) else {
                break;
            };
            let image = self.image();
            for a in chunk {
                cursor = a.seq;
                if image.visible_to(a.seq, reader) {
                    out.push(a);
                    if out.len() == limit {
                        break;
                    }
                }
            }
            if cursor < end && out.len() == limit {
                break;
            }
        }
        Ok((out, cursor))
    }

    /// Stored acts with `seq > after`, at most `limit`, whatever their visibility (tools).
    pub fn acts(&self, after: u64, limit: usize) -> Result<Vec<StoredAct>, ServiceError> {
        self.journal
            .read(after, limit)?
            .into_iter()
            .map(|e| {
                Ok(StoredAct {
                    act: decode(&e)?,
                    seq: e.seq,
                    recorded_at_micros: e.recorded_at_micros,
                    recorded_by: e.recorded_by,
                    hash: e.hash,
                    prev_hash: e.prev_hash,
                    salt: e.salt,
                })
            })
            .collect()
    }

    /// The stored acts with these sequence numbers, in journal order; numbers that name no act
    /// are left out. Consecutive numbers are read as one range: a thing's history (see
    /// `Image::post_history`) often comes in runs, and this keeps it to a few indexed reads.
    pub fn acts_at(&self, seqs: &[u64]) -> Result<Vec<StoredAct>, ServiceError> {
        let last = self.journal.last_seq();
        let mut wanted: Vec<u64> = seqs
            .iter()
            .copied()
            .filter(|s| (1..=last).contains(s))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        let mut rest = &wanted[..];
        while let Some(&start) = rest.first() {
            let run = rest
                .iter()
                .zip(start..)
                .take_while(|(seq, expected)| **seq == *expected)
                .count();
            out.extend(self.acts(start - 1, run)?);
            rest = &rest[run..];
        }
        Ok(out)
    }

    /// The relation `a`–`b` as a scenario file.
    pub fn export(&self, a: StateCode, b: StateCode) -> Result<String, ServiceError> {
        let mut acts = Vec::new();
        let mut failure = None;
        self.journal
            .scan(0, &mut |e| {
                match decode(&e) {
                    Ok(act) => acts.push((e.seq, act)),
                    Err(err) => {
                        failure = Some(err);
                        return Err(StoreError::Aborted("payload is not an act".into()));
                    }
                }
                Ok(())
            })
            .map_err(|e| failure.take().unwrap_or(ServiceError::Journal(e)))?;
        let image = self.image();
        let mut scenario = Scenario::from_journal(&image, a, b, &acts);
        let names: std::collections::BTreeMap<_, _> = image.states().into_iter().collect();
        scenario.title = Some(format!(
            "{} – {}",
            names.get(&a).map_or(a.as_str(), String::as_str),
            names.get(&b).map_or(b.as_str(), String::as_str)
        ));
        Ok(scenario.to_toml())
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }
}

/// Shared handle used by the HTTP edge.
pub type SharedChancery = Arc<Chancery>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_at_reads_exactly_the_acts_asked_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
        let last = chancery.journal().last_seq();
        assert!(last > 40, "the demo has more than 40 acts");
        let got = chancery
            .acts_at(&[40, 5, 1, 2, 3, 5, 0, last, last + 1, u64::MAX])
            .expect("read");
        let seqs: Vec<u64> = got.iter().map(|a| a.seq).collect();
        assert_eq!(seqs, [1, 2, 3, 5, 40, last]);
        let all = chancery
            .acts(0, usize::try_from(last).expect("fits"))
            .expect("read all");
        for a in &got {
            let same = &all[usize::try_from(a.seq - 1).expect("fits")];
            assert_eq!((a.hash, a.prev_hash), (same.hash, same.prev_hash));
            assert_eq!(a.act, same.act);
        }
        assert!(chancery.acts_at(&[]).expect("read none").is_empty());
    }
}
