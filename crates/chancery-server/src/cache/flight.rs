//! Readers who miss the same answer at the same time wait for the first of them to compute it.
//!
//! An act drops every kept answer. Without this, each of the readers asking for a page in the
//! moment after would compute it afresh, all at once: the world's start page takes over a
//! second to compute, and sixty-four readers computing it together each wait sixty-four times
//! as long. With it, the first reader of a key at a version of the image computes (it
//! "leads"); the others "follow": they wait until the leader is done, whatever became of it
//! (kept, refused, not cacheable, or its client gone), then look in the cache once. A follower
//! that still finds nothing computes the answer itself and never waits again, so an answer
//! that is not kept (a `404`, a response too large) is never computed in single file.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::sync::watch;

use super::Key;

#[derive(Default)]
pub struct Flights {
    running: Mutex<HashMap<Key, Flight>>,
    next_id: AtomicU64,
}

struct Flight {
    /// The version of the image its leader began at.
    head: u64,
    /// Which leader it is, so that a leader replaced by a newer one does not remove its entry.
    id: u64,
    /// Closed when the leader is done: its sender is dropped.
    done: watch::Receiver<()>,
}

/// What a reader who missed the cache is to do.
pub enum Turn<'a> {
    /// Compute the answer; others asking meanwhile wait until this is dropped.
    Lead(Lead<'a>),
    /// Wait until [`Follow::done`] returns, then look in the cache again.
    Follow(Follow),
}

pub struct Lead<'a> {
    flights: &'a Flights,
    key: Key,
    id: u64,
    /// Dropped after the entry is removed: a follower woken by it finds no flight left to wait
    /// for, and the answer already kept if it was.
    _done: watch::Sender<()>,
}

pub struct Follow(watch::Receiver<()>);

impl Follow {
    /// Returns once the leader is done (or gone).
    pub async fn done(mut self) {
        // Nothing is ever sent: the only news is the sender's drop, an `Err` here.
        while self.0.changed().await.is_ok() {}
    }
}

impl Flights {
    /// The turn of a reader who missed `key` at version `head` of the image. A reader who saw
    /// an older head than a running leader follows it too: the leader's answer is the newer.
    pub fn turn(&self, key: &Key, head: u64) -> Turn<'_> {
        let mut running = self.lock();
        if let Some(flight) = running.get(key) {
            if flight.head >= head {
                return Turn::Follow(Follow(flight.done.clone()));
            }
        }
        let (sender, done) = watch::channel(());
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        running.insert(key.clone(), Flight { head, id, done });
        Turn::Lead(Lead {
            flights: self,
            key: key.clone(),
            id,
            _done: sender,
        })
    }

    /// How many keys are being computed now.
    #[cfg(test)]
    fn running(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Flight>> {
        // The map is whole between statements: a panic elsewhere leaves it usable.
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Lead<'_> {
    fn drop(&mut self) {
        let mut running = self.flights.lock();
        if running.get(&self.key).is_some_and(|f| f.id == self.id) {
            running.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::cache::tests::key;

    fn lead(turn: Turn<'_>) -> Lead<'_> {
        match turn {
            Turn::Lead(lead) => lead,
            Turn::Follow(_) => panic!("expected to lead"),
        }
    }

    fn follow(turn: Turn<'_>) -> Follow {
        match turn {
            Turn::Follow(follow) => follow,
            Turn::Lead(_) => panic!("expected to follow"),
        }
    }

    #[tokio::test]
    async fn the_second_reader_of_a_key_waits_until_the_first_is_done() {
        let flights = Flights::default();
        let first = lead(flights.turn(&key("/a"), 7));
        // Another key, or the same key at a newer head, is not this computation.
        let other = lead(flights.turn(&key("/b"), 7));
        let second = follow(flights.turn(&key("/a"), 7));
        let stale = follow(flights.turn(&key("/a"), 6));
        let waiting = tokio::spawn(second.done());
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished(), "woken before the leader is done");
        drop(first);
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("woken when the leader is done")
            .expect("no panic");
        tokio::time::timeout(Duration::from_secs(5), stale.done())
            .await
            .expect("every follower is woken");
        assert_eq!(flights.running(), 1, "only /b is still computed");
        drop(other);
        assert_eq!(flights.running(), 0);
        // Done means gone: the next reader leads.
        drop(lead(flights.turn(&key("/a"), 7)));
    }

    #[tokio::test]
    async fn a_newer_head_gets_a_leader_of_its_own_and_the_old_one_leaves_it_in_place() {
        let flights = Flights::default();
        let old = lead(flights.turn(&key("/a"), 7));
        let new = lead(flights.turn(&key("/a"), 8));
        drop(old);
        assert_eq!(flights.running(), 1, "the newer leader's entry stays");
        let behind_new = follow(flights.turn(&key("/a"), 8));
        drop(new);
        tokio::time::timeout(Duration::from_secs(5), behind_new.done())
            .await
            .expect("woken by the leader it followed");
        assert_eq!(flights.running(), 0);
    }

    #[tokio::test]
    async fn a_leader_whose_request_is_dropped_mid_way_still_wakes_its_followers() {
        let flights = std::sync::Arc::new(Flights::default());
        let (started, mut has_started) = tokio::sync::mpsc::channel(1);
        let computing = {
            let flights = std::sync::Arc::clone(&flights);
            tokio::spawn(async move {
                let _lead = lead(flights.turn(&key("/a"), 1));
                started.send(()).await.expect("the test listens");
                std::future::pending::<()>().await;
            })
        };
        has_started.recv().await.expect("the leader started");
        let waiting = follow(flights.turn(&key("/a"), 1));
        computing.abort();
        tokio::time::timeout(Duration::from_secs(5), waiting.done())
            .await
            .expect("a cancelled leader wakes its followers");
        assert_eq!(flights.running(), 0);
    }
}
