//! Replay speed: streaming a million ~200-byte acts, as a restart does to rebuild the memory
//! image, with and without recomputing the hash chain.

mod support;

use std::path::Path;
use std::time::Duration;

use chancery_journal::{fresh_salt, Entry, Store, GENESIS};
use chancery_sqlite::SqliteStore;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rusqlite::Connection;
use support::{new_entry, scratch_dir};

const ENTRIES: u64 = 1_000_000;
const FILL_BATCH: u64 = 10_000;

/// Fills the file through the store directly: the journal's group commit adds nothing to a
/// bulk load, and this keeps setup to a few seconds.
fn fill(path: &Path) {
    let mut store = SqliteStore::open(path).unwrap();
    let mut prev = GENESIS;
    let mut batch = Vec::with_capacity(FILL_BATCH as usize);
    for seq in 1..=ENTRIES {
        let entry = Entry::chain(new_entry(seq), seq, prev, fresh_salt().unwrap());
        prev = entry.hash;
        batch.push(entry);
        if batch.len() as u64 == FILL_BATCH {
            let head = store.head().unwrap();
            store.append(head, &batch).unwrap();
            batch.clear();
        }
    }
    let head = store.head().unwrap();
    store.append(head, &batch).unwrap();
}

fn replay(c: &mut Criterion) {
    let dir = scratch_dir();
    let path = dir.path().join("replay.sqlite");
    fill(&path);
    let journal = chancery_sqlite::open_journal(&path).unwrap();

    let mut group = c.benchmark_group("replay_1M");
    group.throughput(Throughput::Elements(ENTRIES));

    group.bench_function("raw_rusqlite_row_walk", |b| {
        let conn = Connection::open(&path).unwrap();
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached("SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash FROM journal ORDER BY seq")
                .unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut bytes = 0;
            while let Some(row) = rows.next().unwrap() {
                bytes += row.get_ref(3).unwrap().as_blob().unwrap().len();
            }
            bytes
        })
    });

    group.bench_function("journal_scan", |b| {
        b.iter(|| {
            let mut count = 0u64;
            journal
                .scan(0, &mut |_entry| {
                    count += 1;
                    Ok(())
                })
                .unwrap();
            assert_eq!(count, ENTRIES);
        })
    });

    group.bench_function("journal_verify", |b| {
        b.iter(|| assert!(journal.verify().unwrap().is_intact()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    targets = replay
}
criterion_main!(benches);
