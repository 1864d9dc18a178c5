//! Append throughput: what group commit buys over one fsync per act, measured against raw
//! batched SQLite inserts with the same pragmas and the same batch size.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rusqlite::{params, Connection};
use support::{new_entry, payload, scratch_dir};

const WRITERS: u64 = 64;

/// (a) Baseline: the floor of what SQLite can do with 64 rows per fsynced transaction.
fn raw_batched_insert(c: &mut Criterion, group_name: &str) {
    let dir = scratch_dir();
    let mut conn = Connection::open(dir.path().join("raw.sqlite")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch(
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, recorded_at INTEGER NOT NULL,
         recorded_by TEXT NOT NULL, payload BLOB NOT NULL, prev_hash BLOB NOT NULL,
         hash BLOB NOT NULL) STRICT",
    )
    .unwrap();
    let body = payload(0);
    let mut seq: i64 = 0;

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Elements(WRITERS));
    group.bench_function("a_raw_sqlite_64_rows_per_tx", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let tx = conn.transaction().unwrap();
                {
                    let mut insert = tx
                        .prepare_cached("INSERT INTO journal VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                        .unwrap();
                    for _ in 0..WRITERS {
                        seq += 1;
                        insert
                            .execute(params![seq, seq, "bench", body, [0u8; 32], [0u8; 32]])
                            .unwrap();
                    }
                }
                tx.commit().unwrap();
            }
            start.elapsed()
        })
    });
    group.finish();
}

/// (b) The journal under load: 64 threads, each submitting and waiting in a loop.
fn journal_64_writers(c: &mut Criterion, group_name: &str) {
    let dir = scratch_dir();
    let journal =
        Arc::new(chancery_sqlite::open_journal(&dir.path().join("group.sqlite")).unwrap());

    let mut group = c.benchmark_group(group_name);
    // One iteration is one act from each writer.
    group.throughput(Throughput::Elements(WRITERS));
    group.bench_function("b_journal_64_writers", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            std::thread::scope(|scope| {
                for _ in 0..WRITERS {
                    scope.spawn(|| {
                        for n in 0..iters {
                            journal.submit(new_entry(n)).wait().unwrap();
                        }
                    });
                }
            });
            start.elapsed()
        })
    });
    group.finish();
}

/// (c) No concurrency to group: every act pays its own fsync.
fn journal_one_writer(c: &mut Criterion, group_name: &str) {
    let dir = scratch_dir();
    let journal = chancery_sqlite::open_journal(&dir.path().join("single.sqlite")).unwrap();

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Elements(1));
    let mut n = 0;
    group.bench_function("c_journal_1_writer", |b| {
        b.iter(|| {
            n += 1;
            journal.submit(new_entry(n)).wait().unwrap()
        })
    });
    group.finish();
}

fn append(c: &mut Criterion) {
    raw_batched_insert(c, "append");
    journal_64_writers(c, "append");
    journal_one_writer(c, "append");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    targets = append
}
criterion_main!(benches);
