//! The answer cache: a read's answer kept by everything that shapes it, until the record moves.
//!
//! The memory image changes only when an act is recorded, so an answer (an API document or a
//! page) is a function of its route, path and query, who reads it (their audience and what
//! their role offers), the page's language, the day (pages and alerts default to today), and
//! the image. [`Key`] holds all of it but the image; each shard remembers the version of the
//! image (`Chancery::version`, which grows with every write lock taken: an act recorded,
//! refused or taken back, a rebuild) its entries were computed at, its "head", and drops them
//! all when it sees a newer one. A write is acknowledged only after it changed the version, so
//! the very next read computes afresh.
//!
//! Only the routes [`layer::cacheable`] lists are kept (none that sets a cookie, reads the
//! audit log, or streams a download), only `200` answers without `Set-Cookie`, and only when
//! the record did not move while the answer was computed and everything in the image is durable
//! ([`layer`]). Answers carry a strong `ETag` (a hash of the body: see [`validators`]) and a
//! request whose `If-None-Match` names it is answered `304`.
//!
//! Memory is bounded by a byte budget over keys, headers and bodies. Each shard keeps two
//! generations: new and recently used entries in the young one; when it is full, the old one is
//! dropped and the young one becomes old, and a hit in the old one moves the entry back. A
//! flood of distinct queries thus evicts, but never grows the cache past its budget.
//!
//! Readers who miss the same key at once are answered by one computation ([`flight`]).
//!
//! Most hits are found at the edge, before routing ([`layer::kept`]), each kept answer naming
//! the route it was computed by so its reader can be authorised for it there.

mod flight;
mod key;
pub mod layer;
pub mod validators;

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::HeaderMap;

pub use flight::Turn;
pub use key::{Key, Viewer};

/// The default budget, in bytes.
pub const DEFAULT_BUDGET: usize = 64 << 20;
/// Few shards: a lock is held for a hash lookup only, and each shard's generations must hold
/// the largest pages (the 200-state world's start page is 1.2 MB).
const SHARDS: usize = 4;
/// What an entry costs beyond its bytes: the maps' slots, the `Arc`, the header map.
const OVERHEAD: usize = 256;

/// One kept answer: always a `200`.
#[derive(Debug)]
pub struct Answer {
    /// The route it was computed by: what a reader found before routing is authorised for.
    pub route: crate::metrics::RouteIndex,
    /// Every header it is answered with, its validator and caching headers included.
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The strong validator, quoted as it goes in the `ETag` header.
    pub etag: String,
}

impl Answer {
    fn cost(&self, key: &Key) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len())
            .sum();
        key.bytes() + headers + self.body.len() + self.etag.len() + OVERHEAD
    }
}

#[derive(Default)]
struct Generation {
    entries: HashMap<Key, Arc<Answer>>,
    bytes: usize,
}

impl Generation {
    fn remove(&mut self, key: &Key) -> Option<Arc<Answer>> {
        let answer = self.entries.remove(key)?;
        self.bytes = self.bytes.saturating_sub(answer.cost(key));
        Some(answer)
    }
}

#[derive(Default)]
struct Shard {
    /// The version of the image every entry here was computed at.
    head: u64,
    young: Generation,
    old: Generation,
}

impl Shard {
    fn bytes(&self) -> usize {
        self.young.bytes + self.old.bytes
    }

    fn entries(&self) -> usize {
        self.young.entries.len() + self.old.entries.len()
    }

    /// Drops everything if the record moved past this shard's head. `false` when the caller
    /// saw an older head than the shard's: its answer is out of date.
    fn at(&mut self, head: u64) -> bool {
        if head > self.head {
            self.young = Generation::default();
            self.old = Generation::default();
            self.head = head;
        }
        head == self.head
    }
}

pub struct AnswerCache {
    shards: Box<[Mutex<Shard>]>,
    hasher: std::collections::hash_map::RandomState,
    /// Each generation of a shard holds at most this many bytes.
    generation_budget: usize,
    /// The largest answer kept.
    max_answer: usize,
    bytes: AtomicUsize,
    entries: AtomicUsize,
    evictions: AtomicU64,
    flights: flight::Flights,
}

/// What the cache holds, for `/metrics`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub entries: usize,
    pub bytes: usize,
    pub budget: usize,
    pub evictions: u64,
}

impl AnswerCache {
    /// A cache of at most `budget` bytes; 0 keeps nothing.
    pub fn new(budget: usize) -> Self {
        let generation_budget = budget / SHARDS / 2;
        AnswerCache {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            hasher: std::collections::hash_map::RandomState::new(),
            generation_budget,
            // An answer may fill at most half a generation, so one cannot empty a shard.
            max_answer: generation_budget / 2,
            bytes: AtomicUsize::new(0),
            entries: AtomicUsize::new(0),
            evictions: AtomicU64::new(0),
            flights: flight::Flights::default(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.max_answer > 0
    }

    /// Whether an answer of `len` body bytes may be kept at all.
    pub fn fits(&self, len: usize) -> bool {
        len.saturating_add(OVERHEAD) <= self.max_answer
    }

    fn shard(&self, key: &Key) -> std::sync::MutexGuard<'_, Shard> {
        let n = usize::try_from(self.hasher.hash_one(key)).unwrap_or(0) % self.shards.len();
        // A panic while holding a shard leaves maps that are still whole: keep using them.
        self.shards[n].lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer kept for `key` at `head`, if any.
    pub fn get(&self, key: &Key, head: u64) -> Option<Arc<Answer>> {
        let mut shard = self.shard(key);
        let before = (shard.bytes(), shard.entries());
        if !shard.at(head) {
            return None;
        }
        let found = if let Some(a) = shard.young.entries.get(key) {
            Some(Arc::clone(a))
        } else if let Some(a) = shard.old.remove(key) {
            // Used again: back into the young generation.
            self.insert(&mut shard, key.clone(), Arc::clone(&a));
            Some(a)
        } else {
            None
        };
        self.account(&shard, before);
        found
    }

    /// Whether a reader who missed `key` at `head` computes it or waits for the reader who
    /// already does ([`flight`]).
    pub fn turn(&self, key: &Key, head: u64) -> Turn<'_> {
        self.flights.turn(key, head)
    }

    /// Keeps `answer` for `key`, computed at `head`.
    pub fn put(&self, key: Key, head: u64, answer: Arc<Answer>) {
        if !self.enabled() || answer.cost(&key) > self.max_answer {
            return;
        }
        let mut shard = self.shard(&key);
        let before = (shard.bytes(), shard.entries());
        if shard.at(head) {
            shard.old.remove(&key);
            shard.young.remove(&key);
            self.insert(&mut shard, key, answer);
        }
        self.account(&shard, before);
    }

    fn insert(&self, shard: &mut Shard, key: Key, answer: Arc<Answer>) {
        let cost = answer.cost(&key);
        if shard.young.bytes + cost > self.generation_budget {
            let dropped = std::mem::take(&mut shard.old);
            self.evictions
                .fetch_add(dropped.entries.len() as u64, Ordering::Relaxed);
            shard.old = std::mem::take(&mut shard.young);
        }
        shard.young.bytes += cost;
        shard.young.entries.insert(key, answer);
    }

    /// Brings the totals in step with what one shard's change did.
    fn account(&self, shard: &Shard, (bytes, entries): (usize, usize)) {
        let (now_bytes, now_entries) = (shard.bytes(), shard.entries());
        if now_bytes >= bytes {
            self.bytes.fetch_add(now_bytes - bytes, Ordering::Relaxed);
        } else {
            self.bytes.fetch_sub(bytes - now_bytes, Ordering::Relaxed);
        }
        if now_entries >= entries {
            self.entries
                .fetch_add(now_entries - entries, Ordering::Relaxed);
        } else {
            self.entries
                .fetch_sub(entries - now_entries, Ordering::Relaxed);
        }
    }

    pub fn usage(&self) -> Usage {
        Usage {
            entries: self.entries.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            budget: self.generation_budget * 2 * self.shards.len(),
            evictions: self.evictions.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests;
