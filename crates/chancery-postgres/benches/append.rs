//! Durable appends on PostgreSQL: 64 threads, each submitting an act and waiting for it in a
//! loop, through `Journal` (group commit, the advisory lock, the head check, NOTIFY).
//! `scripts/bench-postgres` runs it beside `pgbench` inserting one row per transaction into a
//! table of the same shape, on the same server, in the same run.
//!
//! Needs `CHANCERY_TEST_POSTGRES` (see `scripts/test-postgres`); each run uses a fresh database.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chancery_journal::NewEntry;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const WRITERS: u64 = 64;

/// About 200 bytes of canonical-looking JSON, the size of a typical act (as the journal's own
/// benchmarks use).
fn payload(n: u64) -> Vec<u8> {
    let mut json = format!(
        "{{\"act\":\"notification_of_arrival\",\"mission\":\"US-RU\",\"n\":{n},\"person\":\"P-{n:08}\",\"note\":\""
    );
    while json.len() < 198 {
        json.push('x');
    }
    json.push_str("\"}");
    json.into_bytes()
}

fn new_entry(n: u64) -> NewEntry {
    NewEntry {
        schema: 1,
        recorded_at_micros: 1_700_000_000_000_000 + n as i64,
        recorded_by: "bench".into(),
        payload: payload(n),
    }
}

fn journal_64_writers(c: &mut Criterion) {
    let url = chancery_postgres::testing::fresh_database("bench_append");
    let journal = Arc::new(chancery_postgres::journal::open_journal(&url).unwrap());

    let mut group = c.benchmark_group("postgres_append");
    // One iteration is one act from each writer.
    group.throughput(Throughput::Elements(WRITERS));
    group.bench_function("journal_64_writers", |b| {
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

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    targets = journal_64_writers
}
criterion_main!(benches);
