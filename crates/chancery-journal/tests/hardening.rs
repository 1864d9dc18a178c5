//! Regression tests for the outside security probe's findings on the journal (M1, M6, L1, L3).
//! Each one reproduces the attack or the failure as the probe described it.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chancery_journal::{
    entry_hash, link_hash, salted_entry_hash, BreakKind, ChainBreak, Entry, IntegritySample,
    JournalError, StoreError, GENESIS,
};
use common::{act, child_test, tamper_payload, temp_journal, write_store};

/// M1: an auditor shown `hash(k)` and `hash(k+1)` (as `prev_hash(k+2)`) of a hidden act k+1
/// guesses its payload, time and author and checks the guess by recomputing the hash. With a
/// secret per-entry salt no computation from those public values matches.
#[test]
fn a_hidden_entry_cannot_be_confirmed_from_its_neighbours_hashes() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    for n in 0..3 {
        journal.submit(act(0, n)).wait().unwrap();
    }
    let entries = journal.read(0, 10).unwrap();
    let (visible, hidden, next) = (&entries[0], &entries[1], &entries[2]);
    assert_eq!(next.prev_hash, hidden.hash, "what the auditor is shown");

    // The auditor's best guess is exactly right, and it still cannot be confirmed.
    let guess = entry_hash(
        &visible.hash,
        hidden.seq,
        hidden.recorded_at_micros,
        &hidden.recorded_by,
        &hidden.payload,
    );
    assert_ne!(
        guess, next.prev_hash,
        "the hidden entry's hash is computable from public values and its contents"
    );
    // Nor does any salt the auditor can make up.
    for salt in [[0; 32], [0xff; 32], visible.salt.unwrap()] {
        let guess = salted_entry_hash(
            &visible.hash,
            &salt,
            hidden.seq,
            hidden.recorded_at_micros,
            &hidden.recorded_by,
            &hidden.payload,
        );
        assert_ne!(guess, next.prev_hash);
    }

    // A reader allowed to see the entry is given its salt and checks its hash.
    let salt = hidden.salt.expect("new entries are salted");
    let checked = salted_entry_hash(
        &hidden.prev_hash,
        &salt,
        hidden.seq,
        hidden.recorded_at_micros,
        &hidden.recorded_by,
        &hidden.payload,
    );
    assert_eq!(checked, hidden.hash);
    assert!(hidden.hash_matches());
    // One who may not see it can be given its digest: it checks the link across the hidden
    // entry without learning anything testable about the contents.
    let digest = hidden.digest().unwrap();
    assert_eq!(link_hash(&visible.hash, &digest), next.prev_hash);
    // Salts are fresh per entry.
    assert_ne!(visible.salt, hidden.salt);
    assert_ne!(hidden.salt, next.salt);
}

/// M6: a symlink to the live store is another name for the same file; it must not get a lock
/// of its own.
#[test]
fn a_symlink_to_an_open_store_is_refused() {
    let tmp = temp_journal();
    let _live = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let alias = tmp.path.with_file_name("alias.sqlite");
    std::os::unix::fs::symlink(&tmp.path, &alias).unwrap();
    let second = chancery_sqlite::open_journal(&alias);
    assert!(
        matches!(second, Err(JournalError::Locked(..))),
        "opened through a symlink: {:?}",
        second.as_ref().err()
    );
    // The refusal names the name given and the file it really is.
    let message = second.err().unwrap().to_string();
    let real = std::fs::canonicalize(&tmp.path).unwrap();
    assert!(
        message.contains(&alias.display().to_string())
            && message.contains(&real.display().to_string()),
        "{message}"
    );
}

/// A refused second opener in the same process leaves the live journal working, and the store
/// is free under any name once the live journal is closed.
#[test]
fn a_refused_alias_leaves_the_live_journal_alone() {
    let tmp = temp_journal();
    let live = chancery_sqlite::open_journal(&tmp.path).unwrap();
    live.submit(act(0, 0)).wait().unwrap();
    let alias = tmp.path.with_file_name("alias.sqlite");
    std::os::unix::fs::symlink(&tmp.path, &alias).unwrap();
    for _ in 0..3 {
        assert!(matches!(
            chancery_sqlite::open_journal(&alias),
            Err(JournalError::Locked(..))
        ));
        assert!(matches!(
            chancery_sqlite::open_journal(&tmp.path),
            Err(JournalError::Locked(..))
        ));
    }
    live.submit(act(0, 1)).wait().unwrap();
    assert!(live.verify().unwrap().is_intact());
    drop(live);

    let again = chancery_sqlite::open_journal(&alias).expect("free once closed");
    assert_eq!(again.last_seq(), 2);
}

/// M6: a hard link is the same inode under another name (and would even get a WAL of its own).
#[test]
fn a_hard_link_to_an_open_store_is_refused() {
    let tmp = temp_journal();
    let _live = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let alias = tmp.path.with_file_name("alias.sqlite");
    std::fs::hard_link(&tmp.path, &alias).unwrap();
    let second = chancery_sqlite::open_journal(&alias);
    assert!(
        matches!(second, Err(JournalError::Locked(..))),
        "opened through a hard link: {:?}",
        second.as_ref().err()
    );
}

/// Set in a child's environment to the alias it should try to open.
const ALIAS_CHILD_ENV: &str = "CHANCERY_JOURNAL_ALIAS_CHILD";

/// M6 across processes, as the probe did it: a second process (a CLI beside a running server)
/// opens the store through a symlink or a hard link while this one holds it.
#[test]
fn another_process_cannot_open_a_held_store_through_an_alias() {
    let tmp = temp_journal();
    let _live = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let symlink = tmp.path.with_file_name("symlink.sqlite");
    let hard_link = tmp.path.with_file_name("hardlink.sqlite");
    std::os::unix::fs::symlink(&tmp.path, &symlink).unwrap();
    std::fs::hard_link(&tmp.path, &hard_link).unwrap();
    for alias in [&tmp.path, &symlink, &hard_link] {
        let output = child_test("alias_child", ALIAS_CHILD_ENV, alias)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("child: locked"),
            "{}: child said {stdout}",
            alias.display()
        );
    }
}

#[test]
#[ignore = "child process of another_process_cannot_open_a_held_store_through_an_alias"]
fn alias_child() {
    let Some(path) = std::env::var_os(ALIAS_CHILD_ENV) else {
        return;
    };
    match chancery_sqlite::open_journal(path.as_ref()) {
        Err(JournalError::Locked(..)) => println!("child: locked"),
        Err(other) => println!("child: other error: {other}"),
        Ok(_) => println!("child: opened"),
    }
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// L1: every file the journal creates is readable and writable by its owner only, so no other
/// local user can read the record or hold a lock that blocks the server.
#[test]
fn every_file_of_a_fresh_store_is_private() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    journal.submit(act(0, 0)).wait().unwrap();
    let dir = tmp.path.parent().unwrap();
    let mut names = Vec::new();
    for file in std::fs::read_dir(dir).unwrap() {
        let file = file.unwrap();
        names.push(file.file_name().to_string_lossy().into_owned());
        assert_eq!(
            mode_of(&file.path()),
            0o600,
            "{} is not private",
            file.path().display()
        );
    }
    names.sort();
    // The WAL and shared-memory files exist while the store is open after a write.
    assert!(
        names.contains(&"journal.sqlite-wal".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"journal.sqlite-shm".to_owned()),
        "{names:?}"
    );
}

/// A store's open or verify error must say which file and what is wrong with it.
fn assert_names_path_and(message: &str, path: &Path, problem: &str) {
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(problem), "{message}");
}

/// L3: a store truncated to half its size: the error names the file and what is wrong with it.
#[test]
fn a_truncated_store_is_reported_with_its_path_and_problem() {
    let tmp = temp_journal();
    write_store(&tmp.path, 2000);
    let len = std::fs::metadata(&tmp.path).unwrap().len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&tmp.path)
        .unwrap();
    file.set_len(len / 2).unwrap();
    drop(file);

    let message = match chancery_sqlite::open_journal(&tmp.path) {
        Err(e) => e.to_string(),
        Ok(journal) => match journal.verify() {
            Err(e) => e.to_string(),
            Ok(report) => panic!("a truncated store opened and verified: {report:?}"),
        },
    };
    assert_names_path_and(&message, &tmp.path, "truncated");
}

/// L3: a store whose header was overwritten is not a database any more; say so and name it.
#[test]
fn an_overwritten_store_is_reported_with_its_path_and_problem() {
    let tmp = temp_journal();
    write_store(&tmp.path, 10);
    let mut bytes = std::fs::read(&tmp.path).unwrap();
    bytes[..64].fill(b'X');
    std::fs::write(&tmp.path, &bytes).unwrap();

    let message = match chancery_sqlite::open_journal(&tmp.path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a store with a garbage header opened"),
    };
    assert_names_path_and(&message, &tmp.path, "not a database");
}

/// The schema and hashing before salts, exactly as the old code wrote them.
const OLD_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS journal (
        seq         INTEGER PRIMARY KEY,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT    NOT NULL,
        payload     BLOB    NOT NULL,
        prev_hash   BLOB    NOT NULL CHECK (length(prev_hash) = 32),
        hash        BLOB    NOT NULL CHECK (length(hash) = 32)
    ) STRICT";

/// Writes `n` v1 entries with raw SQL, as a store written before salts.
fn write_old_store(path: &Path, n: usize) -> Vec<[u8; 32]> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(OLD_SCHEMA).unwrap();
    let mut prev = GENESIS;
    let mut hashes = Vec::new();
    for i in 0..n {
        let new = act(9, i);
        let seq = i as u64 + 1;
        let hash = entry_hash(
            &prev,
            seq,
            new.recorded_at_micros,
            &new.recorded_by,
            &new.payload,
        );
        conn.execute(
            "INSERT INTO journal (seq, recorded_at, recorded_by, payload, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                seq as i64,
                new.recorded_at_micros,
                new.recorded_by,
                new.payload,
                prev,
                hash
            ],
        )
        .unwrap();
        hashes.push(hash);
        prev = hash;
    }
    hashes
}

/// A store written before salts opens (migrated), keeps its entries and hashes, carries on
/// with salted entries, and verifies as one chain.
#[test]
fn a_store_from_before_salts_is_migrated_and_verifies() {
    let tmp = temp_journal();
    let old_hashes = write_old_store(&tmp.path, 3);
    // The old file was created by SQLite under the usual umask, readable by others.
    std::fs::set_permissions(&tmp.path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert_eq!(mode_of(&tmp.path), 0o600, "an old store is made private");
    assert_eq!(journal.last_seq(), 3);
    for n in 0..2 {
        journal.submit(act(0, n)).wait().unwrap();
    }
    let entries = journal.read(0, 10).unwrap();
    assert_eq!(entries.len(), 5);
    let stored: Vec<_> = entries[..3].iter().map(|e| e.hash).collect();
    assert_eq!(stored, old_hashes);
    assert!(entries[..3].iter().all(|e| e.salt.is_none()));
    assert!(entries[3..].iter().all(|e| e.salt.is_some()));
    assert_eq!(entries[3].prev_hash, old_hashes[2]);

    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report}");
    assert_eq!(
        (report.entries, report.head),
        (5, Some((5, entries[4].hash)))
    );
    journal.check_integrity(IntegritySample::default()).unwrap();
    drop(journal);

    // Reopening a migrated store migrates nothing again and still verifies.
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert!(journal.verify().unwrap().is_intact());
}

/// An unsalted entry after salted ones, as stripping a salt and rehashing the old way makes:
/// self-consistent, linked, and still reported.
#[test]
fn a_stripped_salt_in_a_store_is_reported() {
    let tmp = temp_journal();
    write_store(&tmp.path, 4);
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    let last = read_entry(&conn, 4);
    let forged = Entry::chain_legacy(
        chancery_journal::NewEntry {
            schema: 1,
            recorded_at_micros: last.recorded_at_micros,
            recorded_by: last.recorded_by.clone(),
            payload: last.payload.clone(),
        },
        4,
        last.prev_hash,
    );
    conn.execute(
        "UPDATE journal SET salt = NULL, hash = ?1 WHERE seq = 4",
        [forged.hash],
    )
    .unwrap();
    drop(conn);

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let expected = ChainBreak {
        seq: 4,
        kind: BreakKind::UnsaltedAfterSalted,
    };
    assert_eq!(journal.verify().unwrap().first_break, Some(expected));
    assert!(matches!(
        journal.check_integrity(IntegritySample::default()),
        Err(JournalError::Broken(found)) if found == expected
    ));
}

fn read_entry(conn: &rusqlite::Connection, seq: i64) -> Entry {
    conn.query_row(
        "SELECT seq, recorded_at, recorded_by, payload, prev_hash, hash FROM journal WHERE seq = ?1",
        [seq],
        |row| {
            Ok(Entry {
                seq: row.get::<_, i64>(0)? as u64,
                recorded_at_micros: row.get(1)?,
                recorded_by: row.get(2)?,
                payload: row.get(3)?,
                schema: 1,
                prev_hash: row.get(4)?,
                hash: row.get(5)?,
                salt: None,
            })
        },
    )
    .unwrap()
}

/// L3: the server started on a journal `verify` reports broken. The start-up check catches an
/// entry edited with raw SQL, naming its seq and the problem.
#[test]
fn the_start_up_check_catches_a_tampered_entry() {
    let tmp = temp_journal();
    write_store(&tmp.path, 3000);
    {
        let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
        let report = journal.check_integrity(IntegritySample::default()).unwrap();
        assert_eq!(report.head.map(|(seq, _)| seq), Some(3000));
        assert!(report.entries_checked > 1000 && report.entries_checked < 1200);
    }
    // In the tail: the last thousand entries are checked in full.
    tamper_payload(&tmp.path, 2500);
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let error = journal
        .check_integrity(IntegritySample::default())
        .unwrap_err();
    assert!(
        matches!(
            error,
            JournalError::Broken(ChainBreak {
                seq: 2500,
                kind: BreakKind::BadHash
            })
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("#2500") && message.contains("altered"),
        "{message}"
    );
}

/// The first entries are always in the sample (the link to genesis), as are pairs spread over
/// the rest; a gap there is reported as one. What the sample misses, `verify` still finds.
#[test]
fn the_start_up_check_samples_the_whole_chain() {
    let tmp = temp_journal();
    write_store(&tmp.path, 3000);
    tamper_payload(&tmp.path, 1);
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert!(matches!(
        journal.check_integrity(IntegritySample::default()),
        Err(JournalError::Broken(ChainBreak {
            seq: 1,
            kind: BreakKind::BadHash
        }))
    ));
    drop(journal);

    let tmp = temp_journal();
    write_store(&tmp.path, 3000);
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    conn.execute("DELETE FROM journal WHERE seq = 2", [])
        .unwrap();
    // Entry 3 falls between sampled pairs (1, 2) and (47, 48) of 3,000.
    tamper_payload(&tmp.path, 3);
    drop(conn);
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert!(matches!(
        journal.check_integrity(IntegritySample::default()),
        Err(JournalError::Broken(ChainBreak {
            seq: 2,
            kind: BreakKind::Missing { found: 3 }
        }))
    ));
    let only_tail = IntegritySample {
        tail: 10,
        spread: 0,
    };
    journal
        .check_integrity(only_tail)
        .expect("the tail is intact");
    assert!(!journal.verify().unwrap().is_intact());
}

#[test]
fn the_start_up_check_passes_an_empty_or_small_journal() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let report = journal.check_integrity(IntegritySample::default()).unwrap();
    assert_eq!((report.head, report.entries_checked), (None, 0));
    journal.submit(act(0, 0)).wait().unwrap();
    let report = journal.check_integrity(IntegritySample::default()).unwrap();
    assert_eq!(report.entries_checked, 1);
    assert_eq!(report.head.map(|(seq, _)| seq), Some(1));
}

/// L3: deleting the last entries leaves a valid chain. Entries this process committed are
/// missed at once; after a restart only a head recorded elsewhere shows the loss.
#[test]
fn a_removed_tail_is_caught_against_a_recorded_head() {
    let tmp = temp_journal();
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    journal
        .submit_batch((0..10).map(|n| act(0, n)).collect())
        .wait()
        .unwrap();
    let recorded = journal.verify().unwrap().head.unwrap();
    assert_eq!(recorded.0, 10);

    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    conn.execute("DELETE FROM journal WHERE seq > 8", [])
        .unwrap();
    let truncated = Some(ChainBreak {
        seq: 10,
        kind: BreakKind::Truncated { last: 8 },
    });
    assert_eq!(journal.verify().unwrap().first_break, truncated);
    assert!(matches!(
        journal.check_integrity(IntegritySample::default()),
        Err(JournalError::Broken(found)) if Some(found) == truncated
    ));
    drop(journal);

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    assert!(
        journal.verify().unwrap().is_intact(),
        "inherent: nothing in the store says there were ten"
    );
    assert_eq!(
        journal.verify_against(recorded).unwrap().first_break,
        truncated
    );
    let hash_at_8 = journal.read(7, 1).unwrap()[0].hash;
    assert!(journal.verify_against((8, hash_at_8)).unwrap().is_intact());
    assert_eq!(
        journal.verify_against((8, [7; 32])).unwrap().first_break,
        Some(ChainBreak {
            seq: 8,
            kind: BreakKind::AnchorMismatch
        })
    );
}

/// A storage error that is not about the file says what SQLite said (it used to say only
/// "journal storage").
#[test]
fn a_storage_error_says_what_sqlite_said() {
    let tmp = temp_journal();
    write_store(&tmp.path, 10);
    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    conn.execute_batch("DROP TABLE journal").unwrap();
    drop(conn);
    let error = journal.read(0, 10).unwrap_err();
    assert!(error.to_string().contains("no such table"), "{error}");
    assert!(matches!(error, JournalError::Store(StoreError::Backend(_))));
}

/// Set in a child's environment to a store it should open with plain SQLite, read, and close.
const SQLITE_CHILD_ENV: &str = "CHANCERY_JOURNAL_SQLITE_CHILD";

/// A same-process opener refused on an alias must not open and close a descriptor of the live
/// store: closing any descriptor of a file drops every POSIX lock this process holds on it,
/// SQLite's included. Seen from another process: a SQLite connection that finds no other
/// connection's lock believes it is the last, checkpoints on close and deletes the WAL the live
/// journal is using.
#[test]
fn a_refused_alias_keeps_the_live_stores_sqlite_locks() {
    let tmp = temp_journal();
    let live = chancery_sqlite::open_journal(&tmp.path).unwrap();
    live.submit(act(0, 0)).wait().unwrap();
    let mut wal = tmp.path.clone().into_os_string();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    assert!(wal.exists());

    let hard_link = tmp.path.with_file_name("hardlink.sqlite");
    std::fs::hard_link(&tmp.path, &hard_link).unwrap();
    assert!(matches!(
        chancery_sqlite::open_journal(&hard_link),
        Err(JournalError::Locked(..))
    ));

    let output = child_test("sqlite_child", SQLITE_CHILD_ENV, &tmp.path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("child: read"), "child said {stdout}");
    assert!(
        wal.exists(),
        "another process took the live store for unused and removed its WAL"
    );
    live.submit(act(0, 1)).wait().unwrap();
    assert!(live.verify().unwrap().is_intact());
}

#[test]
#[ignore = "child process of a_refused_alias_keeps_the_live_stores_sqlite_locks"]
fn sqlite_child() {
    let Some(path) = std::env::var_os(SQLITE_CHILD_ENV) else {
        return;
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM journal", [], |row| row.get(0))
        .unwrap();
    drop(conn);
    println!("child: read {count}");
}
