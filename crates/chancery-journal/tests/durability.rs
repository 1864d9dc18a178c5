//! What survives closing and reopening a journal file, and what verify catches in it.

mod common;

use chancery_journal::{BreakKind, ChainBreak};
use common::{act, tamper_payload, temp_journal, write_store};

#[test]
fn entries_survive_reopen_and_the_chain_continues() {
    let tmp = temp_journal();
    let before = {
        let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
        for n in 0..10 {
            journal.submit(act(0, n)).wait().unwrap();
        }
        journal.read(0, 100).unwrap()
    };

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert_eq!(journal.last_seq(), 10);
    assert_eq!(journal.read(0, 100).unwrap(), before);

    let committed = journal.submit(act(1, 0)).wait().unwrap();
    assert_eq!(committed.first_seq, 11);
    let after = journal.read(10, 1).unwrap();
    assert_eq!(after[0].prev_hash, before[9].hash);
    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.head, Some((11, committed.last_hash)));
}

/// A verification of 5000 entries reports progress along the way (every 4096 entries) and
/// once at the end with every entry read, out of what was committed when it began.
#[test]
fn verify_reports_its_progress_up_to_every_entry() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let pendings: Vec<_> = (0..5000).map(|n| journal.submit(act(0, n))).collect();
    for p in pendings {
        p.wait().unwrap();
    }
    let seen = std::cell::RefCell::new(Vec::new());
    let report = journal
        .verify_reporting(None, &|done, total| seen.borrow_mut().push((done, total)))
        .unwrap();
    assert!(report.is_intact());
    assert_eq!(seen.into_inner(), [(4096, 5000), (5000, 5000)]);
}

#[test]
fn dropping_the_journal_commits_what_was_queued() {
    let tmp = temp_journal();
    let pendings = {
        let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
        (0..500)
            .map(|n| journal.submit(act(0, n)))
            .collect::<Vec<_>>()
    };
    for (i, pending) in pendings.into_iter().enumerate() {
        assert_eq!(pending.wait().unwrap().first_seq, i as u64 + 1);
    }
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert_eq!(journal.last_seq(), 500);
    assert!(journal.verify().unwrap().is_intact());
}

#[test]
fn verify_reports_a_row_tampered_with_through_sql() {
    let tmp = temp_journal();
    write_store(&tmp.path, 10);
    tamper_payload(&tmp.path, 6);

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let report = journal.verify().unwrap();
    assert_eq!(
        report.first_break,
        Some(ChainBreak {
            seq: 6,
            kind: BreakKind::BadHash
        })
    );
    assert_eq!(report.entries, 10);
}

#[test]
fn verify_reports_a_deleted_row() {
    let tmp = temp_journal();
    write_store(&tmp.path, 10);
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    conn.execute("DELETE FROM journal WHERE seq = 4", [])
        .unwrap();
    drop(conn);

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let report = journal.verify().unwrap();
    assert_eq!(
        report.first_break,
        Some(ChainBreak {
            seq: 4,
            kind: BreakKind::Missing { found: 5 }
        })
    );
}

#[test]
fn a_store_is_open_in_one_journal_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("locked.db");
    let first = chancery_sqlite::open_journal(&path).expect("first opener");
    let second = chancery_sqlite::open_journal(&path);
    assert!(
        matches!(second, Err(chancery_journal::JournalError::Locked(_))),
        "a second opener must be refused"
    );
    drop(first);
    chancery_sqlite::open_journal(&path).expect("free again once the first is closed");
}
