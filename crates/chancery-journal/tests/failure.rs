//! A failed append: nothing of the batch is stored, and the journal refuses everything after.

mod common;

use chancery_journal::{Entry, Hash, Journal, JournalError, Store, StoreError};
use common::gated::{gated, Then};
use common::{act, temp_journal};

#[test]
fn a_batch_failing_mid_transaction_leaves_nothing_and_fails_the_journal() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    journal
        .submit_batch(vec![act(0, 0), act(0, 1)])
        .wait()
        .unwrap();

    // Sabotage the store from outside: the 2nd row of the next batch is refused after the
    // 1st went in, so only the transaction's rollback keeps the 1st out.
    let sabotage = rusqlite::Connection::open(&tmp.path).unwrap();
    sabotage
        .execute_batch(
            "CREATE TRIGGER refuse_4 BEFORE INSERT ON journal WHEN NEW.seq = 4
             BEGIN SELECT RAISE(ABORT, 'injected'); END",
        )
        .unwrap();

    let failed = journal.submit_batch(vec![act(1, 0), act(1, 1), act(1, 2)]);
    assert_eq!(failed.first_seq(), 3);
    assert!(matches!(failed.wait(), Err(JournalError::Failed(_))));

    let refused = journal.submit(act(2, 0));
    assert_eq!(refused.first_seq(), 0, "no seq is handed out once failed");
    assert!(matches!(refused.wait(), Err(JournalError::Failed(_))));

    assert_eq!(journal.committed_seq(), 2);
    assert_eq!(journal.read(0, 100).unwrap().len(), 2);
    drop(journal);

    // A restart rereads the head and carries on from the last committed entry.
    sabotage.execute_batch("DROP TRIGGER refuse_4").unwrap();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert_eq!(journal.last_seq(), 2);
    assert_eq!(journal.submit(act(3, 0)).wait().unwrap().first_seq, 3);
    assert!(journal.verify().unwrap().is_intact());
}

#[test]
fn a_failed_append_fails_waiters_in_flight_queued_and_later() {
    // The writer is held inside an append that will fail.
    let (journal, entered, release) = gated();

    let in_flight = journal.submit(act(0, 0));
    entered.recv().unwrap();
    // The writer is blocked inside append, so these can only be queued behind it.
    let queued: Vec<_> = (1..4).map(|n| journal.submit(act(0, n))).collect();
    assert_eq!(queued[2].first_seq(), 4);
    release.send(Then::Fail).unwrap();

    let cause = match in_flight.wait() {
        Err(JournalError::Failed(cause)) => cause,
        other => panic!("expected Failed, got {other:?}"),
    };
    assert!(matches!(*cause, StoreError::Backend(_)));
    for pending in queued {
        assert!(matches!(pending.wait(), Err(JournalError::Failed(_))));
    }
    assert!(matches!(
        journal.submit(act(0, 9)).wait(),
        Err(JournalError::Failed(_))
    ));
    assert_eq!(journal.committed_seq(), 0);
}

/// A store that panics on append, standing in for any bug on the writer thread.
struct PanickingStore;

impl Store for PanickingStore {
    fn head(&mut self) -> Result<Option<(u64, Hash)>, StoreError> {
        Ok(None)
    }

    fn append(
        &mut self,
        _after: Option<(u64, Hash)>,
        _entries: &[Entry],
    ) -> Result<(), StoreError> {
        panic!("injected writer panic");
    }

    fn read(&mut self, _after: u64, _limit: usize) -> Result<Vec<Entry>, StoreError> {
        Ok(Vec::new())
    }

    fn scan(
        &mut self,
        _after: u64,
        _f: &mut dyn FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        Ok(())
    }
}

#[test]
fn a_writer_panic_wakes_its_waiters_and_stops_the_journal() {
    let journal = Journal::open(PanickingStore, || {
        Ok(Box::new(PanickingStore) as Box<dyn Store>)
    })
    .unwrap();
    assert!(matches!(
        journal.submit(act(0, 0)).wait(),
        Err(JournalError::WriterStopped)
    ));
    assert!(matches!(
        journal.submit(act(0, 1)).wait(),
        Err(JournalError::WriterStopped)
    ));
    // Dropping a journal whose writer died must not hang or panic.
    drop(journal);
}
