//! What only a database shared by several instances can show.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use chancery_journal::{Journal, JournalError, StoreError};
use chancery_postgres::journal::PostgresStore;

use crate::backends::{Backend, Postgres};
use crate::store_cases::{append_n, chain_after, new_entry};

const SUBMITTERS_PER_JOURNAL: usize = 4;
const SUBMISSIONS_EACH: usize = 40;

/// Two journals over one database, each with concurrent submitters: the store turns back
/// whichever append comes second, so every submission is either committed or answered
/// `Conflict`, nothing forks, and neither journal gives up.
#[test]
fn two_journals_race_without_forking_or_failing() {
    let backend = Postgres::fresh();
    let journals = [backend.journal(), backend.journal()];
    let committed = std::sync::Mutex::new(BTreeSet::new());
    let conflicts = AtomicUsize::new(0);
    thread::scope(|scope| {
        for (j, journal) in journals.iter().enumerate() {
            for w in 0..SUBMITTERS_PER_JOURNAL {
                let (committed, conflicts) = (&committed, &conflicts);
                scope.spawn(move || {
                    for n in 0..SUBMISSIONS_EACH {
                        let tag = (j * 1000 + w) * 1000 + n;
                        match journal.submit(new_entry(tag as u64)).wait() {
                            Ok(done) => {
                                let fresh = committed.lock().unwrap().insert(done.first_seq);
                                assert!(fresh, "seq {} committed twice", done.first_seq);
                            }
                            Err(JournalError::Conflict { .. }) => {
                                conflicts.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(other) => panic!("journal {j} failed: {other}"),
                        }
                    }
                });
            }
        }
    });
    let committed = committed.into_inner().unwrap();
    let total = 2 * SUBMITTERS_PER_JOURNAL * SUBMISSIONS_EACH;
    assert_eq!(committed.len() + conflicts.load(Ordering::Relaxed), total);
    assert!(journals.iter().all(|j| !j.has_failed()));
    // What was acknowledged is exactly what is stored, densely numbered.
    let stored = journals[0].read(0, usize::MAX).unwrap();
    assert_eq!(
        stored.iter().map(|e| e.seq).collect::<BTreeSet<_>>(),
        committed
    );
    assert_eq!(
        committed.iter().copied().max(),
        Some(committed.len() as u64)
    );
    for journal in &journals {
        let report = journal.verify().unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.entries, committed.len() as u64);
    }

    // A caller that validated against the journal's basis after a conflict gets in: at most
    // one more conflict (the one that tells this journal the other moved on), then a commit.
    for journal in &journals {
        let mut tries = 0;
        let done = loop {
            tries += 1;
            match journal
                .submit_on(journal.basis(), vec![new_entry(0)])
                .wait()
            {
                Ok(done) => break done,
                Err(JournalError::Conflict { .. }) if tries == 1 => {}
                Err(other) => panic!("after {tries} tries: {other}"),
            }
        };
        assert_eq!(journal.committed_seq(), done.last_seq);
    }
    let heads: Vec<_> = journals
        .iter()
        .map(|j| {
            j.read(0, usize::MAX)
                .unwrap()
                .last()
                .map(|e| (e.seq, e.hash))
        })
        .collect();
    assert_eq!(heads[0], heads[1]);
    assert_eq!(
        heads[0].map(|(seq, _)| seq),
        Some(committed.len() as u64 + 2)
    );
}

/// The writer's connection killed while an append waits inside its transaction: that
/// submission is answered `Unavailable` (not `Failed`), and the journal reconnects by itself
/// and takes writes again.
#[test]
fn a_killed_connection_turns_writes_back_until_the_journal_reconnects() {
    let backend = Postgres::fresh();
    let journal = backend.journal();
    journal.submit(new_entry(1)).wait().unwrap();

    // Hold the table so the next append blocks inside its transaction, after its lock.
    let mut admin = backend.admin();
    let mut blocker = admin.transaction().unwrap();
    blocker
        .batch_execute("LOCK TABLE journal IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let in_flight = journal.submit(new_entry(2));
    let writer_pid = wait_for_blocked_writer(&backend);
    let mut killer = backend.admin();
    let killed: bool = killer
        .query_one("SELECT pg_terminate_backend($1)", &[&writer_pid])
        .unwrap()
        .get(0);
    assert!(killed);
    blocker.rollback().unwrap();

    let outcome = in_flight.wait();
    assert!(
        matches!(&outcome, Err(JournalError::Unavailable(_))),
        "{outcome:?}"
    );
    assert!(!journal.has_failed());

    // The writer reconnects within its retry interval; submissions meanwhile are turned back
    // as unavailable, never failed.
    let mut attempts = 0;
    let done = loop {
        attempts += 1;
        match journal.submit(new_entry(3)).wait() {
            Ok(done) => break done,
            Err(JournalError::Unavailable(_)) if attempts < 200 => {
                thread::sleep(Duration::from_millis(50));
            }
            Err(other) => panic!("after {attempts} attempts: {other}"),
        }
    };
    assert_eq!(done.first_seq, 2, "the killed append must not have landed");
    let report = journal.verify().unwrap();
    assert!(report.is_intact() && report.entries == 2, "{report:?}");
}

/// The pid of the journal writer's connection once it waits for a lock.
fn wait_for_blocked_writer(backend: &Postgres) -> i32 {
    let mut admin = backend.admin();
    for _ in 0..600 {
        let row = admin
            .query_opt(
                "SELECT pid FROM pg_stat_activity
                 WHERE datname = current_database()
                   AND application_name = 'chancery-journal-writer'
                   AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap();
        if let Some(row) = row {
            return row.get(0);
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!("the journal's writer never blocked on the held table");
}

/// Instances starting together over an empty database: one migrates, the others find the
/// schema there, and every one opens.
#[test]
fn instances_starting_together_migrate_once() {
    let backend = Postgres {
        url: chancery_postgres::testing::fresh_database("journal_migrate"),
    };
    let url = &backend.url;
    thread::scope(|scope| {
        let opened: Vec<_> = (0..6)
            .map(|_| scope.spawn(|| PostgresStore::open(url).map(drop)))
            .collect();
        for open in opened {
            open.join().unwrap().unwrap();
        }
    });
    let mut admin = backend.admin();
    let versions: Vec<i32> = admin
        .query(
            "SELECT version FROM chancery_migrations WHERE component = 'journal' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(versions, [1]);
}

/// TRUNCATE would empty the journal in one statement, past any row trigger.
#[test]
fn truncating_the_journal_is_refused() {
    let backend = Postgres::fresh();
    backend.journal().submit(new_entry(1)).wait().unwrap();
    let refused = backend.admin().batch_execute("TRUNCATE journal");
    let message = refused
        .expect_err("TRUNCATE went through")
        .as_db_error()
        .map(|db| db.message().to_owned());
    assert!(message.is_some_and(|m| m.contains("append-only")));
    assert_eq!(backend.journal().read(0, 10).unwrap().len(), 1);
}

/// A password in the URL never reaches a message, even when connecting fails.
#[test]
fn errors_never_show_the_password() {
    let url = "postgres://chancery:s3cret-pw@127.0.0.1:1/journal";
    let error = match PostgresStore::open(url) {
        Ok(_) => panic!("connected to port 1"),
        Err(error) => error,
    };
    assert!(matches!(error, StoreError::Unavailable(_)), "{error:?}");
    let shown = format!("{error} / {error:?}");
    assert!(!shown.contains("s3cret-pw"), "{shown}");
    assert!(shown.contains("chancery:***@127.0.0.1:1"), "{shown}");
    let journal: Result<Journal, _> = chancery_postgres::journal::open_journal(url);
    let shown = journal
        .err()
        .map(|e| format!("{e} / {e:?}"))
        .unwrap_or_default();
    assert!(!shown.is_empty() && !shown.contains("s3cret-pw"), "{shown}");
}

/// A writer that skips the advisory lock (raw SQL, another tool) and takes the next seq while
/// an append waits on it: the append is refused as a conflict, which the journal recovers
/// from, not as a failure.
#[test]
fn a_seq_taken_behind_the_lock_is_a_conflict() {
    let backend = Postgres::fresh();
    let mut store = backend.store();
    let first = append_n(store.as_mut(), 1);
    let head = store.head().unwrap();
    let ours = chain_after(head, 1);
    let theirs = chain_after(head, 1);

    let mut admin = backend.admin();
    let mut sneaky = admin.transaction().unwrap();
    let salt: &[u8] = &theirs[0].salt.unwrap();
    sneaky
        .execute(
            "INSERT INTO journal (seq, recorded_at, recorded_by, payload, prev_hash, hash, salt)
             VALUES (2, 0, 'raw', '\\x7b7d', $1, $2, $3)",
            &[&first[0].hash.as_slice(), &theirs[0].hash.as_slice(), &salt],
        )
        .unwrap();
    let refused = thread::scope(|scope| {
        let append = scope.spawn(|| store.append(head, &ours));
        wait_for_blocked_writer(&backend);
        sneaky.commit().unwrap();
        append.join().unwrap()
    });
    assert!(
        matches!(
            refused,
            Err(StoreError::Conflict {
                expected: 1,
                head: 2
            })
        ),
        "{refused:?}"
    );
    // The handle is usable: it appends after the new head.
    append_n(store.as_mut(), 1);
    assert_eq!(store.head().unwrap().map(|(seq, _)| seq), Some(3));
}
