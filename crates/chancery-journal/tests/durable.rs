//! `Journal::durable`: a reader waits for an entry's group commit, and no longer than that; a
//! journal that cannot commit does not keep it waiting.

mod common;

use std::time::Duration;

use common::act;
use common::gated::{gated, Then};

/// Tells the gated store, a moment from now, how its append ends; the thread hands the sender
/// back so the store never sees it dropped.
fn release_soon(
    release: std::sync::mpsc::Sender<Then>,
    then: Then,
) -> std::thread::JoinHandle<std::sync::mpsc::Sender<Then>> {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        release.send(then).expect("the store listens");
        release
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime")
}

#[test]
fn a_reader_waits_for_the_commit_and_is_told_at_once() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    // Nothing to wait for: seq 0 is durable from the start.
    rt.block_on(journal.durable(0));
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let waited = rt.block_on(async {
        tokio::time::timeout(Duration::from_millis(50), journal.durable(1)).await
    });
    assert!(waited.is_err(), "told before the entry is durable");
    let committer = release_soon(release, Then::Commit);
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told once the entry is durable");
    });
    assert!(journal.committed_seq() >= 1);
    assert_eq!(pending.wait().expect("committed").first_seq, 1);
    drop(committer.join());
}

#[test]
fn a_journal_that_fails_does_not_keep_its_readers_waiting() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let failer = release_soon(release, Then::Fail);
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told when the journal fails");
    });
    assert!(journal.has_failed());
    assert_eq!(journal.committed_seq(), 0, "nothing durable");
    assert!(pending.wait().is_err());
    failer.join().expect("no panic");
}

#[test]
fn a_journal_that_loses_its_store_does_not_keep_its_readers_waiting() {
    let (journal, entered, release) = gated();
    let rt = runtime();
    let pending = journal.submit(act(0, 0));
    entered.recv().expect("the writer is inside the append");
    let vanisher = release_soon(release, Then::Vanish);
    rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), journal.durable(1))
            .await
            .expect("told when the journal loses its store");
    });
    assert!(pending.wait().is_err());
    assert!(journal.is_reconnecting());
    assert_eq!(journal.committed_seq(), 0, "nothing durable");
    drop(vanisher.join());
}
