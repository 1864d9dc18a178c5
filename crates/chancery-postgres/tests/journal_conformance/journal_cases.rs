//! The journal over each store: what an instance relies on.

use std::thread;
use std::time::{Duration, Instant};

use crate::backends::Backend;
use crate::store_cases::{append_n, new_entry};

pub fn submissions_survive_dropping_and_reopening_the_journal<B: Backend>(backend: &B) {
    let committed = {
        let journal = backend.journal();
        let mut committed = Vec::new();
        for seq in 1..=10 {
            committed.push(journal.submit(new_entry(seq)).wait().unwrap());
        }
        committed
    };
    let journal = backend.journal();
    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, 10);
    let last = committed.last().unwrap();
    assert_eq!(report.head, Some((last.last_seq, last.last_hash)));
    let stored = journal.read(0, 100).unwrap();
    let payloads: Vec<_> = stored.iter().map(|e| e.payload.clone()).collect();
    let expected: Vec<_> = (1..=10).map(|seq| new_entry(seq).payload).collect();
    assert_eq!(payloads, expected);
    // And the reopened journal carries on from there.
    let next = journal.submit(new_entry(11)).wait().unwrap();
    assert_eq!(next.first_seq, 11);
}

/// `Journal::tail` hands over what another handle appended (another instance, in production),
/// whether it landed before the call or while it waited.
pub fn a_journal_tails_another_handles_appends<B: Backend>(backend: &B) {
    let journal = backend.journal();
    journal.submit(new_entry(1)).wait().unwrap();
    let mut other = backend.store();
    let before = append_n(other.as_mut(), 2);
    let timeout = Duration::from_secs(60);
    assert_eq!(journal.tail(1, 100, timeout).unwrap(), before);

    let (during, tailed) = thread::scope(|scope| {
        let appender = scope.spawn(|| {
            // Give the tail time to start waiting (if it has not, it finds the entry at once).
            thread::sleep(Duration::from_millis(200));
            append_n(other.as_mut(), 1)
        });
        let started = Instant::now();
        let tailed = journal.tail(3, 100, timeout).unwrap();
        assert!(
            started.elapsed() < timeout,
            "the tail slept through the append"
        );
        (appender.join().unwrap(), tailed)
    });
    assert_eq!(tailed, during);
    let none = journal.tail(4, 100, Duration::from_millis(100)).unwrap();
    assert_eq!(none, []);
}

/// An append streamed a chunk at a time (an import): committed whole when finished, nothing
/// of it stored when dropped half way, and other submissions wait for it rather than take
/// seqs in the middle of it.
pub fn a_streamed_append_is_all_or_nothing_and_others_wait<B: Backend>(backend: &B) {
    let journal = backend.journal();
    journal.submit(new_entry(1)).wait().unwrap();

    // Abandoned after more than one chunk went to the store.
    let mut stream = journal.stream_on(journal.basis());
    assert_eq!(stream.first_seq(), 2);
    for seq in 2..3000 {
        stream.push(new_entry(seq)).unwrap();
    }
    drop(stream);
    let after_abandon = journal.submit(new_entry(2)).wait().unwrap();
    assert_eq!(after_abandon.first_seq, 2);
    assert_eq!(journal.read(0, 10_000).unwrap().len(), 2);

    // Finished: every entry lands under consecutive seqs; a submission made meanwhile from
    // another thread waits for the stream and comes after it.
    let mut stream = journal.stream_on(journal.basis());
    assert_eq!(stream.first_seq(), 3);
    for seq in 3..2503 {
        stream.push(new_entry(seq)).unwrap();
    }
    let committed = thread::scope(|scope| {
        let waiting = scope.spawn(|| journal.submit(new_entry(2503)).wait().unwrap());
        thread::sleep(Duration::from_millis(50));
        assert!(
            !waiting.is_finished(),
            "a submission went in during a stream"
        );
        let streamed = stream.finish().wait().unwrap();
        assert_eq!((streamed.first_seq, streamed.last_seq), (3, 2502));
        waiting.join().unwrap()
    });
    assert_eq!(committed.first_seq, 2503);
    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, 2503);
    let payloads: Vec<_> = journal
        .read(0, 10_000)
        .unwrap()
        .into_iter()
        .map(|e| e.payload)
        .collect();
    let expected: Vec<_> = (1..=2503).map(|seq| new_entry(seq).payload).collect();
    assert_eq!(payloads, expected);

    // A stream based on a stale basis is refused before anything is pushed.
    let stale = chancery_journal::Basis {
        after: 1,
        ..journal.basis()
    };
    let mut refused = journal.stream_on(stale);
    assert_eq!(refused.first_seq(), 0);
    assert!(refused.push(new_entry(9)).is_err());
    let outcome = refused.finish().wait();
    assert!(
        matches!(
            outcome,
            Err(chancery_journal::JournalError::Conflict { head: 2503 })
        ),
        "{outcome:?}"
    );
}
