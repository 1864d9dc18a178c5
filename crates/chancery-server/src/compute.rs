//! Answers over every relation (the start page, every relation's alerts, as a page, a feed and
//! in the API, and the API's relation list) computed off the async workers, as many at once
//! as the machine has cores.
//!
//! A page of the 200-state world can take a second of one core to compute, under the image's
//! read lock. Run unbounded, sixty-four readers asking for different days at once each take
//! sixty-four times as long, every one of them past its time limit; a writer, waiting for the
//! read locks to clear, is held behind all of them, and so is every reader that comes after the
//! writer (the lock lets a waiting writer go first). Measured with `scripts/load-churn`
//! (`LOAD_VARY=1`, the world's start page): one act recorded in twenty seconds. Bounded, each
//! computation runs at full speed in its turn (the semaphore is fair: first come, first
//! served), a writer waits for at most one computation per core, and a request whose time runs
//! out while it waits for its turn is dropped before it costs anything.
//!
//! Only these take turns: they read the image alone (a stalled database cannot hold a turn)
//! and each costs about as much as the others, so none waits long behind a cheaper one. A
//! relation's pages, which cost milliseconds and some of which read the journal, do not
//! queue behind them; a flood of those shares the cores as before.
//!
//! The bound is the process's, not a server's: it stands for the cores, which every server in
//! the process (the test suites start many) shares.

use std::sync::{Arc, LazyLock};

use tokio::sync::Semaphore;
use tokio::task::JoinError;

static TURNS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(cores())));

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Runs `work` on the blocking pool once one of the process's turns is free; the turn is held
/// until `work` returns, even if the request that asked for it is gone by then.
pub async fn off_workers<T, F>(work: F) -> Result<T, JoinError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let turn = Arc::clone(&TURNS).acquire_owned().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_run_at_once_than_there_are_turns() {
        // Other tests may hold turns meanwhile: that only lowers what this one gets.
        let turns = cores();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let works: Vec<_> = (0..turns * 4)
            .map(|_| {
                let (running, most) = (Arc::clone(&running), Arc::clone(&most));
                tokio::spawn(off_workers(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for work in works {
            work.await.expect("no panic").expect("ran");
        }
        let most = most.load(Ordering::SeqCst);
        assert!(most >= 1 && most <= turns, "{most} at once, {turns} turns");
    }
}
