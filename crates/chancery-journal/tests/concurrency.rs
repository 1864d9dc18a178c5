//! Many writers at once: every submission resolves and the chain stays dense and valid.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use chancery_journal::JournalError;
use common::{act, temp_journal};

const WRITERS: usize = 64;
const ACTS_PER_WRITER: usize = 40;

#[test]
fn sixty_four_concurrent_writers_get_a_dense_verified_chain() {
    let tmp = temp_journal();
    let journal = Arc::new(chancery_sqlite::open_journal(&tmp.path).unwrap());

    let threads: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                (0..ACTS_PER_WRITER)
                    .map(|n| {
                        let pending = journal.submit(act(writer, n));
                        let assigned = pending.first_seq();
                        let committed = pending.wait().expect("commit");
                        assert_eq!(committed.first_seq, assigned);
                        assert_eq!(committed.last_seq, assigned);
                        (committed.first_seq, (writer, n))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut acked: HashMap<u64, (usize, usize)> = HashMap::new();
    for thread in threads {
        for (seq, origin) in thread.join().unwrap() {
            assert!(acked.insert(seq, origin).is_none(), "seq {seq} given twice");
        }
    }

    let total = (WRITERS * ACTS_PER_WRITER) as u64;
    let mut seqs: Vec<u64> = acked.keys().copied().collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>());
    assert_eq!(journal.last_seq(), total);
    assert_eq!(journal.committed_seq(), total);

    let entries = journal.read(0, usize::MAX).unwrap();
    assert_eq!(entries.len() as u64, total);
    for (i, entry) in entries.iter().enumerate() {
        assert_eq!(entry.seq, i as u64 + 1);
        let (writer, n) = acked[&entry.seq];
        assert_eq!(entry.payload, act(writer, n).payload, "seq {}", entry.seq);
    }
    // Each writer's own acts appear in the order it submitted them.
    let mut last_n: HashMap<String, usize> = HashMap::new();
    for entry in &entries {
        let (_, n) = acked[&entry.seq];
        if let Some(prev) = last_n.insert(entry.recorded_by.clone(), n) {
            assert!(prev < n);
        }
    }

    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, total);
}

#[test]
fn a_batch_gets_consecutive_seqs_amid_concurrent_singles() {
    let tmp = temp_journal();
    let journal = Arc::new(chancery_sqlite::open_journal(&tmp.path).unwrap());
    let singles: Vec<_> = (0..8)
        .map(|writer| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                for n in 0..20 {
                    journal.submit(act(writer, n)).wait().unwrap();
                }
            })
        })
        .collect();
    let batch: Vec<_> = (0..100).map(|n| act(99, n)).collect();
    let committed = journal.submit_batch(batch).wait().unwrap();
    for thread in singles {
        thread.join().unwrap();
    }

    assert_eq!(committed.last_seq - committed.first_seq + 1, 100);
    let stored = journal
        .read(committed.first_seq - 1, 100)
        .unwrap()
        .into_iter()
        .map(|e| e.payload)
        .collect::<Vec<_>>();
    let expected = (0..100).map(|n| act(99, n).payload).collect::<Vec<_>>();
    assert_eq!(stored, expected);
    assert_eq!(stored.len(), 100);
    let last = journal.read(committed.last_seq - 1, 1).unwrap();
    assert_eq!(last[0].hash, committed.last_hash);
    assert!(journal.verify().unwrap().is_intact());
}

#[test]
fn an_empty_batch_is_refused() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let pending = journal.submit_batch(Vec::new());
    assert_eq!(pending.first_seq(), 0);
    assert!(matches!(pending.wait(), Err(JournalError::EmptyBatch)));
    assert_eq!(journal.last_seq(), 0);
    // Refusing it did not disturb the journal.
    assert_eq!(journal.submit(act(0, 0)).wait().unwrap().first_seq, 1);
}

#[test]
fn async_waiters_resolve_too() {
    let tmp = temp_journal();
    let journal = Arc::new(chancery_sqlite::open_journal(&tmp.path).unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let seqs = runtime.block_on(async {
        let tasks: Vec<_> = (0..16)
            .map(|n| journal.submit(act(0, n)).wait_async())
            .collect();
        let mut seqs = Vec::new();
        for task in tasks {
            seqs.push(task.await.unwrap().first_seq);
        }
        seqs
    });
    assert_eq!(seqs, (1..=16).collect::<Vec<_>>());
}
