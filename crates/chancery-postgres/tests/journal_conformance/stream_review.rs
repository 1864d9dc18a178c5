//! Review of streamed appends over one PostgreSQL database shared by two instances, and a
//! connection killed in the middle of a stream.

use std::thread;
use std::time::Duration;

use chancery_journal::JournalError;

use crate::backends::{Backend, Postgres};
use crate::store_cases::new_entry;

/// Instance A streams; instance B's write waits for A's transaction, then is turned back
/// (A appended first), and B's next write lands after A's entries.
#[test]
fn another_instance_waits_for_a_stream_then_is_turned_back_cleanly() {
    let backend = Postgres::fresh();
    let (a, b) = (backend.journal(), backend.journal());
    a.submit(new_entry(1)).wait().unwrap();
    b.caught_up(1);

    let mut stream = a.stream_on(a.basis());
    for seq in 2..3000 {
        stream.push(new_entry(seq)).unwrap();
    }
    thread::scope(|scope| {
        let waiting = scope.spawn(|| b.submit(new_entry(9_000)).wait());
        thread::sleep(Duration::from_millis(300));
        assert!(!waiting.is_finished(), "B appended inside A's stream");
        let done = stream.finish().wait().unwrap();
        assert_eq!((done.first_seq, done.last_seq), (2, 2999));
        let outcome = waiting.join().unwrap();
        assert!(
            matches!(outcome, Err(JournalError::Conflict { head: 2999 })),
            "{outcome:?}"
        );
    });
    let next = b.submit(new_entry(9_001)).wait().unwrap();
    assert_eq!(next.first_seq, 3000);
    let report = a.verify().unwrap();
    assert!(report.is_intact() && report.entries == 3000, "{report:?}");
}

/// The importer beaten at its start (another instance appended after its basis): refused
/// with a conflict, nothing of it stored, and it carries on.
#[test]
fn a_stream_beaten_by_another_instance_is_refused_and_leaves_nothing() {
    let backend = Postgres::fresh();
    let (a, b) = (backend.journal(), backend.journal());
    a.submit(new_entry(1)).wait().unwrap();
    b.caught_up(1);
    let basis = a.basis();
    b.submit(new_entry(2)).wait().unwrap();

    let mut stream = a.stream_on(basis);
    assert_eq!(stream.first_seq(), 2);
    let mut closed = false;
    for seq in 2..10_000 {
        if stream.push(new_entry(seq)).is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed, "the writer stopped taking a beaten stream");
    let outcome = stream.finish().wait();
    assert!(
        matches!(outcome, Err(JournalError::Conflict { head: 2 })),
        "{outcome:?}"
    );
    assert_eq!(a.read(0, 100).unwrap().len(), 2);
    // Each carries on: A (which holds the turn) and B after it.
    assert_eq!(a.submit(new_entry(3)).wait().unwrap().first_seq, 3);
    b.caught_up(3);
    assert_eq!(b.submit(new_entry(4)).wait().unwrap().first_seq, 4);
    assert!(a.verify().unwrap().is_intact());
}

/// The writer's connection killed in the middle of a stream: `Unavailable`, nothing stored,
/// and the journal reconnects and takes the next write at the right seq.
#[test]
fn a_connection_killed_mid_stream_leaves_nothing_and_the_journal_reconnects() {
    let backend = Postgres::fresh();
    let journal = backend.journal();
    journal.submit(new_entry(1)).wait().unwrap();
    let mut stream = journal.stream_on(journal.basis());
    for seq in 2..3000 {
        stream.push(new_entry(seq)).unwrap();
    }
    let mut admin = backend.admin();
    let pid: i32 = admin
        .query_one(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()
               AND application_name = 'chancery-journal-writer'",
            &[],
        )
        .unwrap()
        .get(0);
    let killed: bool = admin
        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap()
        .get(0);
    assert!(killed);
    let mut closed = false;
    for seq in 3000..20_000 {
        if stream.push(new_entry(seq)).is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed);
    let outcome = stream.finish().wait();
    assert!(
        matches!(outcome, Err(JournalError::Unavailable(_))),
        "{outcome:?}"
    );
    let mut attempts = 0;
    let done = loop {
        attempts += 1;
        match journal.submit(new_entry(2)).wait() {
            Ok(done) => break done,
            Err(JournalError::Unavailable(_)) if attempts < 200 => {
                thread::sleep(Duration::from_millis(50));
            }
            Err(other) => panic!("after {attempts} attempts: {other}"),
        }
    };
    assert_eq!(done.first_seq, 2);
    let report = journal.verify().unwrap();
    assert!(report.is_intact() && report.entries == 2, "{report:?}");
}

/// An instance that stops in the middle of a stream (a process stopped with Ctrl-Z cannot
/// give its lock back, nor can its journal give the stream up): PostgreSQL ends its idle
/// session after `IDLE_IN_APPEND`, the other instance's write goes through, and the stream
/// learns it was cut off when it goes on, with nothing of it stored.
#[test]
fn a_stream_left_idle_on_the_server_does_not_hold_other_instances_for_ever() {
    use chancery_postgres::journal::IDLE_IN_APPEND;
    let backend = Postgres::fresh();
    let (a, b) = (backend.journal(), backend.journal());
    a.submit(new_entry(1)).wait().unwrap();
    b.caught_up(1);
    // The journal's own limit set beyond the server's, as if the process were frozen.
    let mut stream = a.stream_on_within(a.basis(), IDLE_IN_APPEND * 4);
    for seq in 2..3000 {
        stream.push(new_entry(seq)).unwrap();
    }
    let started = std::time::Instant::now();
    let (done, waited) = thread::scope(|scope| {
        let waiting = scope.spawn(|| b.submit(new_entry(9_000)).wait());
        let deadline = IDLE_IN_APPEND + Duration::from_secs(30);
        while !waiting.is_finished() && started.elapsed() < deadline {
            thread::sleep(Duration::from_millis(100));
        }
        assert!(
            waiting.is_finished(),
            "B still waits for A's idle transaction after {:?}",
            started.elapsed()
        );
        (waiting.join().unwrap(), started.elapsed())
    });
    assert!(
        waited >= IDLE_IN_APPEND / 2,
        "B waited for A first ({waited:?})"
    );
    assert_eq!(
        done.unwrap().first_seq,
        2,
        "B's write follows the last committed entry"
    );
    let mut closed = false;
    for seq in 3000..20_000 {
        if stream.push(new_entry(seq)).is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed, "A's stream is over");
    let outcome = stream.finish().wait();
    assert!(
        matches!(outcome, Err(JournalError::Unavailable(_))),
        "{outcome:?}"
    );
    assert_eq!(
        b.read(0, 100).unwrap().len(),
        2,
        "nothing of A's stream stored"
    );
}
