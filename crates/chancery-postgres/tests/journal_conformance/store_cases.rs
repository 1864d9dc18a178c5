//! The port's contract, case by case, over two handles on one store.

use std::thread;
use std::time::{Duration, Instant};

use chancery_journal::{Entry, Hash, NewEntry, Store, StoreError, GENESIS};

use crate::backends::Backend;

/// The head a chained batch continues, as its append names it.
pub fn after_of(entries: &[Entry]) -> Option<(u64, Hash)> {
    entries
        .first()
        .filter(|e| e.seq > 1)
        .map(|e| (e.seq - 1, e.prev_hash))
}

pub fn new_entry(seq: u64) -> NewEntry {
    NewEntry {
        // Payload format versions from both ends of the range, so the column round-trips.
        schema: if seq.is_multiple_of(2) { u16::MAX } else { 1 },
        recorded_at_micros: 1_700_000_000_000_000 + seq as i64,
        recorded_by: "clerk".into(),
        payload: format!("{{\"seq\":{seq}}}").into_bytes(),
    }
}

/// `n` salted entries continuing `head`.
pub fn chain_after(head: Option<(u64, Hash)>, n: u64) -> Vec<Entry> {
    let (mut seq, mut prev) = head.unwrap_or((0, GENESIS));
    (0..n)
        .map(|_| {
            seq += 1;
            let entry = Entry::chain(new_entry(seq), seq, prev, [seq as u8; 32]);
            prev = entry.hash;
            entry
        })
        .collect()
}

/// Appends `n` entries after the store's head through `store`.
pub fn append_n(store: &mut dyn Store, n: u64) -> Vec<Entry> {
    let batch = chain_after(store.head().unwrap(), n);
    store.append(after_of(&batch), &batch).unwrap();
    batch
}

fn scan_all(store: &mut dyn Store, after: u64) -> Vec<Entry> {
    let mut scanned = Vec::new();
    store
        .scan(after, &mut |entry| {
            scanned.push(entry);
            Ok(())
        })
        .unwrap();
    scanned
}

pub fn appended_entries_read_and_scan_back<B: Backend>(backend: &B) {
    let (mut a, mut b) = (backend.store(), backend.store());
    assert_eq!(a.head().unwrap(), None);
    let entries = append_n(a.as_mut(), 5);
    for store in [&mut a, &mut b] {
        assert_eq!(store.head().unwrap(), Some((5, entries[4].hash)));
        assert_eq!(store.read(0, 100).unwrap(), entries);
        assert_eq!(scan_all(store.as_mut(), 1), entries[1..]);
    }
    // The second handle continues where the first stopped.
    let more = append_n(b.as_mut(), 3);
    assert_eq!(a.read(5, 100).unwrap(), more);
    assert!(a.read(0, 100).unwrap().iter().all(Entry::hash_matches));
}

pub fn an_append_after_a_moved_head_is_refused_and_changes_nothing<B: Backend>(backend: &B) {
    let (mut a, mut b) = (backend.store(), backend.store());
    let first = append_n(a.as_mut(), 2);
    // B read the head at 2; A appends before B does.
    let b_head = b.head().unwrap();
    let a_more = append_n(a.as_mut(), 1);
    let stale = chain_after(b_head, 1);
    let refused = b.append(after_of(&stale), &stale);
    assert!(
        matches!(
            refused,
            Err(StoreError::Conflict {
                expected: 2,
                head: 3
            })
        ),
        "{refused:?}"
    );
    // The right seq after a head with another hash: a fork, refused alike.
    let forked = chain_after(Some((3, [9; 32])), 1);
    let refused = b.append(after_of(&forked), &forked);
    assert!(
        matches!(
            refused,
            Err(StoreError::Conflict {
                expected: 3,
                head: 3
            })
        ),
        "{refused:?}"
    );
    // A store that was never written to, as far as B knows.
    let refused = b.append(None, &chain_after(None, 1));
    assert!(
        matches!(
            refused,
            Err(StoreError::Conflict {
                expected: 0,
                head: 3
            })
        ),
        "{refused:?}"
    );
    let stored: Vec<Entry> = first.into_iter().chain(a_more).collect();
    assert_eq!(a.read(0, 100).unwrap(), stored);
    // B, refused, is not stuck: from the new head its append goes in.
    let from_head = append_n(b.as_mut(), 1);
    assert_eq!(a.read(3, 100).unwrap(), from_head);
}

pub fn a_batch_that_is_not_a_chain_is_refused<B: Backend>(backend: &B) {
    let mut store = backend.store();
    let first = append_n(store.as_mut(), 2);
    let head = store.head().unwrap();

    let mut unlinked = chain_after(head, 3);
    unlinked[1].prev_hash = [9; 32];
    let refused = store.append(head, &unlinked);
    assert!(
        matches!(refused, Err(StoreError::BatchNotChained { seq: 4 })),
        "{refused:?}"
    );

    let mut gap = chain_after(head, 3);
    gap.remove(1);
    let refused = store.append(head, &gap);
    assert!(
        matches!(refused, Err(StoreError::BatchNotChained { seq: 5 })),
        "{refused:?}"
    );
    assert_eq!(store.read(0, 100).unwrap(), first);
    assert_eq!(store.head().unwrap(), head);
}

pub fn reads_and_scans_respect_their_bounds<B: Backend>(backend: &B) {
    let mut store = backend.store();
    assert_eq!(store.read(0, 10).unwrap(), []);
    assert_eq!(scan_all(store.as_mut(), 0), []);
    let entries = append_n(store.as_mut(), 6);
    assert_eq!(store.read(2, 2).unwrap(), entries[2..4]);
    assert_eq!(store.read(0, 0).unwrap(), []);
    assert_eq!(store.read(6, 10).unwrap(), []);
    assert_eq!(store.read(5, usize::MAX).unwrap(), entries[5..]);
    assert_eq!(store.read(u64::MAX, usize::MAX).unwrap(), []);
    assert_eq!(scan_all(store.as_mut(), 4), entries[4..]);
    assert_eq!(scan_all(store.as_mut(), 6), []);
    assert_eq!(scan_all(store.as_mut(), u64::MAX), []);
}

pub fn a_scan_stops_at_its_callbacks_error<B: Backend>(backend: &B) {
    let mut store = backend.store();
    let entries = append_n(store.as_mut(), 5);
    let mut seen = 0;
    let result = store.scan(0, &mut |entry| {
        seen += 1;
        match entry.seq {
            3 => Err(StoreError::Aborted("enough".into())),
            _ => Ok(()),
        }
    });
    assert!(matches!(result, Err(StoreError::Aborted(_))), "{result:?}");
    assert_eq!(seen, 3);
    // The handle is usable afterwards: the aborted scan left nothing open.
    assert_eq!(scan_all(store.as_mut(), 0), entries);
    append_n(store.as_mut(), 1);
}

/// A scan sees the store as it was when it began, however long it runs and whatever another
/// handle appends meanwhile; and it streams more entries than one fetch holds.
pub fn a_scan_streams_one_snapshot<B: Backend>(backend: &B) {
    let (mut a, mut b) = (backend.store(), backend.store());
    let entries = append_n(a.as_mut(), 2_500);
    let mut seen = Vec::new();
    a.scan(0, &mut |entry| {
        if entry.seq == 1 {
            append_n(b.as_mut(), 10);
        }
        seen.push(entry.seq);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, (1..=2_500).collect::<Vec<_>>());
    assert_eq!(a.read(2_499, 100).unwrap().len(), 11);
    assert_eq!(entries.len(), 2_500);
}

pub fn waiting_returns_when_another_handle_appends<B: Backend>(backend: &B) {
    let (mut waiter, mut appender) = (backend.store(), backend.store());
    append_n(appender.as_mut(), 1);
    let timeout = Duration::from_secs(60);
    thread::scope(|scope| {
        scope.spawn(|| {
            // Give the waiter time to start waiting (if it has not, it sees the head instead).
            thread::sleep(Duration::from_millis(200));
            append_n(appender.as_mut(), 1);
        });
        let started = Instant::now();
        waiter.wait_for_append(1, timeout).unwrap();
        assert!(started.elapsed() < timeout, "waited for the whole timeout");
    });
    assert_eq!(waiter.head().unwrap().map(|(seq, _)| seq), Some(2));
    // An entry already there: no wait at all.
    let started = Instant::now();
    waiter.wait_for_append(1, timeout).unwrap();
    assert!(started.elapsed() < timeout);
}

pub fn waiting_returns_at_the_timeout_when_nothing_lands<B: Backend>(backend: &B) {
    let mut store = backend.store();
    append_n(store.as_mut(), 2);
    let timeout = Duration::from_millis(300);
    for _ in 0..2 {
        let started = Instant::now();
        store.wait_for_append(2, timeout).unwrap();
        assert!(started.elapsed() >= timeout, "returned before the timeout");
    }
    assert_eq!(store.head().unwrap().map(|(seq, _)| seq), Some(2));
}

pub fn appends_survive_closing_and_reopening<B: Backend>(backend: &B) {
    let entries = {
        let mut store = backend.store();
        let mut entries = append_n(store.as_mut(), 3);
        entries.extend(append_n(store.as_mut(), 1));
        entries
    };
    let mut reopened = backend.store();
    assert_eq!(reopened.read(0, 100).unwrap(), entries);
    assert_eq!(reopened.head().unwrap(), Some((4, entries[3].hash)));
}

pub fn an_unsalted_entry_cannot_follow_a_salted_one<B: Backend>(backend: &B) {
    let mut store = backend.store();
    let legacy = Entry::chain_legacy(new_entry(1), 1, GENESIS);
    store.append(None, std::slice::from_ref(&legacy)).unwrap();
    let salted = append_n(store.as_mut(), 1);
    let head = store.head().unwrap();
    let (seq, prev) = head.unwrap();

    let unsalted = Entry::chain_legacy(new_entry(seq + 1), seq + 1, prev);
    let refused = store.append(head, std::slice::from_ref(&unsalted));
    assert!(
        matches!(&refused, Err(StoreError::Backend(e)) if e.to_string().contains("unsalted")),
        "{refused:?}"
    );
    // Nor inside a batch, behind a salted entry of the same batch.
    let mut batch = chain_after(head, 1);
    let after_salted = Entry::chain_legacy(new_entry(seq + 2), seq + 2, batch[0].hash);
    batch.push(after_salted);
    let refused = store.append(head, &batch);
    assert!(
        matches!(&refused, Err(StoreError::Backend(_))),
        "{refused:?}"
    );

    assert_eq!(store.head().unwrap(), head);
    let stored = store.read(0, 10).unwrap();
    assert_eq!(stored, [legacy, salted[0].clone()]);
    assert_eq!(stored[0].salt, None);
}

/// The journal never updates or deletes an entry; what stops someone else depends on the
/// store. PostgreSQL refuses both (triggers). A SQLite file can be edited by whoever may write
/// it, so there what holds is that `verify` reports the entry edited or missing.
pub fn an_edit_behind_the_journals_back_is_refused_or_detected<B: Backend>(backend: &B) {
    let journal = backend.journal();
    journal
        .submit_batch((1..=4).map(new_entry).collect())
        .wait()
        .unwrap();
    drop(journal);

    let edited = backend.edit_payload(2);
    let journal = backend.journal();
    let report = journal.verify().unwrap();
    if B::REFUSES_EDITS {
        let refused = edited.expect_err("an UPDATE went through");
        assert!(refused.contains("append-only"), "{refused}");
        let refused = backend.delete_entry(3).expect_err("a DELETE went through");
        assert!(refused.contains("append-only"), "{refused}");
        assert!(journal.verify().unwrap().is_intact());
        assert_eq!(journal.read(0, 10).unwrap().len(), 4);
    } else {
        edited.unwrap();
        let found = report.first_break.expect("the edit went unnoticed");
        assert_eq!(found.seq, 2, "{found:?}");
        drop(journal);
        backend.delete_entry(3).unwrap();
        let report = backend.journal().verify().unwrap();
        assert_eq!(report.first_break.map(|b| b.seq), Some(2));
    }
}

/// Hands `chunks` to `append_chunks` one at a time, then ends (or, with `fail_after`, answers
/// an error after that many chunks, as a caller abandoning the append does).
fn append_in_chunks(
    store: &mut dyn Store,
    after: Option<(u64, Hash)>,
    chunks: Vec<Vec<Entry>>,
    fail_after: Option<usize>,
) -> Result<(), StoreError> {
    let mut chunks = chunks.into_iter().enumerate();
    store.append_chunks(after, &mut move || match chunks.next() {
        Some((i, _)) if Some(i) == fail_after => Err(StoreError::Aborted("abandoned".into())),
        Some((_, chunk)) => Ok(Some(chunk)),
        None => Ok(None),
    })
}

pub fn an_append_in_chunks_is_all_or_nothing<B: Backend>(backend: &B) {
    let (mut a, mut b) = (backend.store(), backend.store());
    let first = append_n(a.as_mut(), 2);
    let head = a.head().unwrap();
    let batch = chain_after(head, 25);
    let chunks: Vec<Vec<Entry>> = batch.chunks(10).map(<[Entry]>::to_vec).collect();

    // Abandoned after two chunks had been inserted: nothing of it is kept.
    let refused = append_in_chunks(a.as_mut(), head, chunks.clone(), Some(2));
    assert!(
        matches!(&refused, Err(StoreError::Aborted(e)) if e.to_string() == "abandoned"),
        "{refused:?}"
    );
    assert_eq!(b.read(0, 100).unwrap(), first);
    assert_eq!(b.head().unwrap(), head);

    // A chunk that does not continue the one before it: refused, nothing kept.
    let mut broken = chunks.clone();
    broken[1][0].prev_hash = [7; 32];
    let refused = append_in_chunks(a.as_mut(), head, broken, None);
    assert!(
        matches!(refused, Err(StoreError::BatchNotChained { seq: 13 })),
        "{refused:?}"
    );
    assert_eq!(b.head().unwrap(), head);

    // After a moved head: a conflict before anything is asked of the caller.
    let stale = append_in_chunks(b.as_mut(), Some((1, first[0].hash)), chunks.clone(), None);
    assert!(
        matches!(
            stale,
            Err(StoreError::Conflict {
                expected: 1,
                head: 2
            })
        ),
        "{stale:?}"
    );
    // A beaten writer may be given the next turn (PostgreSQL): B, which will not append,
    // lets it go, as the journal's writer does when it has nothing to append.
    b.yield_turn().unwrap();

    // Whole: every chunk lands, readable from the other handle, and the store carries on.
    append_in_chunks(a.as_mut(), head, chunks, None).unwrap();
    let stored: Vec<Entry> = first.into_iter().chain(batch).collect();
    assert_eq!(b.read(0, 100).unwrap(), stored);
    assert_eq!(b.head().unwrap(), Some((27, stored[26].hash)));
    let more = append_n(b.as_mut(), 1);
    assert_eq!(a.read(27, 10).unwrap(), more);
}
