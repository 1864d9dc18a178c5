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
