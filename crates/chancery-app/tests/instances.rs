//! Two instances over one store (the in-memory store several journals share, standing in for a
//! PostgreSQL database): concurrent writers on both end with every acknowledged act on both and
//! one chain; a write beaten by the other instance is judged again against the record as it
//! then stands, exactly as if it had come second on one instance; a store that stops answering
//! turns writes back, and the instance takes the turned-back act out of its image.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chancery_app::{Chancery, ServiceError, StoreLocation};
use chancery_domain::Act;
use chancery_journal::{Journal, MemoryStore, Store};
use serde_json::json;

fn instance(store: &MemoryStore) -> Arc<Chancery> {
    let reader = store.clone();
    let journal = Journal::open(store.clone(), move || {
        Ok(Box::new(reader.clone()) as Box<dyn Store>)
    })
    .expect("journal");
    tailing(Chancery::with_journal(journal, true, false).expect("instance"))
}

/// An instance over a PostgreSQL database (`chancery_postgres::testing::fresh_database`).
fn instance_on(url: &str) -> Arc<Chancery> {
    tailing(Chancery::open(StoreLocation::parse(url), false).expect("instance over PostgreSQL"))
}

fn tailing(chancery: Chancery) -> Arc<Chancery> {
    let chancery = Arc::new(chancery);
    chancery.spawn_tailer().expect("tailer");
    chancery
}

fn state(code: &str) -> Act {
    Act::from_json(
        json!({"kind": "state_registered", "date": "2000", "state": code,
                          "name": format!("State {code}"), "sources": ["test"]}),
    )
    .expect("act")
}

fn statement(by: &str, about: &str, n: usize) -> Act {
    Act::from_json(
        json!({"kind": "statement_recorded", "date": "2025-05-01", "by": by,
                          "about": about, "summary": format!("statement {n}"),
                          "sources": ["test"]}),
    )
    .expect("act")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Waits until `chancery` holds `seq` acts (its tailer catches up), failing after 10 s.
fn wait_for(chancery: &Chancery, seq: u64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while chancery.image().last_seq() < seq {
        assert!(Instant::now() < deadline, "never caught up to #{seq}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every act in the image, as JSON with its seq, for comparing two images.
fn acts_of(chancery: &Chancery) -> Vec<(u64, String)> {
    chancery
        .acts(0, usize::MAX)
        .expect("acts")
        .into_iter()
        .map(|a| (a.seq, a.act.to_json().to_string()))
        .collect()
}

#[test]
fn concurrent_writers_on_two_instances_end_with_the_same_record() {
    let store = MemoryStore::new();
    concurrent_writers_end_with_the_same_record(instance(&store), instance(&store));
}

#[test]
fn concurrent_writers_on_two_instances_over_postgres_end_with_the_same_record() {
    let url = chancery_postgres::testing::fresh_database("app_instances");
    concurrent_writers_end_with_the_same_record(instance_on(&url), instance_on(&url));
}

#[test]
fn over_postgres_a_write_beaten_by_the_other_instance_is_judged_against_what_it_recorded() {
    let url = chancery_postgres::testing::fresh_database("app_beaten");
    beaten_write_is_judged_again(instance_on(&url), instance_on(&url));
}

fn concurrent_writers_end_with_the_same_record(a: Arc<Chancery>, b: Arc<Chancery>) {
    let rt = runtime();
    rt.block_on(async {
        a.record_unchecked(state("FR"), "test").await.expect("FR");
        a.record_unchecked(state("DE"), "test").await.expect("DE");
    });
    let mut threads = Vec::new();
    for (i, chancery) in [&a, &b, &a, &b].into_iter().enumerate() {
        let chancery = Arc::clone(chancery);
        threads.push(std::thread::spawn(move || {
            let rt = runtime();
            (0..25)
                .map(|n| {
                    let (by, about) = if i % 2 == 0 {
                        ("FR", "DE")
                    } else {
                        ("DE", "FR")
                    };
                    let act = statement(by, about, i * 100 + n);
                    rt.block_on(chancery.record_unchecked(act, "test"))
                        .expect("every write lands, after validating again if beaten")
                        .seq
                })
                .collect::<Vec<_>>()
        }));
    }
    let mut seqs: Vec<u64> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("writer"))
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (3..=102).collect::<Vec<_>>(), "dense, each once");
    wait_for(&a, 102);
    wait_for(&b, 102);
    assert_eq!(acts_of(&a), acts_of(&b), "both images hold the same record");
    let (ra, rb) = (
        a.journal().verify().expect("a"),
        b.journal().verify().expect("b"),
    );
    assert!(ra.is_intact() && rb.is_intact());
    assert_eq!(ra.head, rb.head, "one head hash");
}

#[test]
fn a_write_beaten_by_the_other_instance_is_judged_against_what_it_recorded() {
    let store = MemoryStore::new();
    beaten_write_is_judged_again(instance(&store), instance(&store));
}

fn beaten_write_is_judged_again(a: Arc<Chancery>, b: Arc<Chancery>) {
    let rt = runtime();
    rt.block_on(a.record_unchecked(state("FR"), "test"))
        .expect("A registers France");
    // B has not caught up yet (or has: either way the record holds France when B's act is
    // judged): registering France again is refused by the rule, not by a conflict.
    let second = rt.block_on(b.record_unchecked(state("FR"), "test"));
    match second {
        Err(ServiceError::Rule(v)) => assert_eq!(v.code.as_str(), "duplicate_id"),
        other => panic!("expected the rule's refusal, got {other:?}"),
    }
    assert_eq!(b.image().last_seq(), 1);
    assert_eq!(acts_of(&a), acts_of(&b));
}

#[test]
fn a_store_that_stops_answering_turns_writes_back_and_the_image_takes_them_out() {
    let store = MemoryStore::new();
    let a = instance(&store);
    let rt = runtime();
    rt.block_on(a.record_unchecked(state("FR"), "test"))
        .expect("FR");
    store.set_reachable(false);
    let refused = rt.block_on(a.record_unchecked(state("DE"), "test"));
    assert!(
        matches!(&refused, Err(ServiceError::Journal(e)) if e.is_unavailable()),
        "{refused:?}"
    );
    assert_eq!(
        a.image().last_seq(),
        1,
        "the turned-back act is not in the image"
    );
    assert!(
        !a.failed(),
        "the service waits for the store; it has not failed"
    );
    store.set_reachable(true);
    let deadline = Instant::now() + Duration::from_secs(10);
    let landed = loop {
        match rt.block_on(a.record_unchecked(state("DE"), "test")) {
            Ok(stored) => break stored,
            Err(ServiceError::Journal(e)) if e.is_unavailable() => {
                assert!(Instant::now() < deadline, "writes never resumed");
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(landed.seq, 2);
    assert!(a.journal().verify().expect("verify").is_intact());
}

#[test]
fn an_instance_that_only_reads_lists_what_the_other_recorded() {
    let store = MemoryStore::new();
    let (writer, reader) = (instance(&store), instance(&store));
    let rt = runtime();
    for code in ["FR", "DE", "IT"] {
        rt.block_on(writer.record_unchecked(state(code), "test"))
            .expect("recorded on the writer");
    }
    wait_for(&reader, 3);
    // The list, the acts by number, and the journal's own count all speak for the store as
    // read, not only for what this instance appended (nothing).
    let (listed, _) = reader
        .acts_for(
            chancery_domain::Reader::Public,
            0,
            10,
            None,
            &Default::default(),
        )
        .expect("list");
    assert_eq!(listed.iter().map(|a| a.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(reader.acts_at(&[2, 3]).expect("by number").len(), 2);
    assert_eq!(reader.journal().committed_seq(), 3);
    // And it writes on from there.
    rt.block_on(reader.record_unchecked(state("ES"), "test"))
        .expect("recorded on the reader");
    wait_for(&writer, 4);
    assert_eq!(acts_of(&writer), acts_of(&reader));
}
