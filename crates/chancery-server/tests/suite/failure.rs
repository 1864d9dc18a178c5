//! When the journal cannot store a write, the image must not keep it, the error must say the
//! journal failed, and the service must report itself unhealthy until restarted.

use chancery_domain::image::timeline::View;
use chancery_domain::{Act, CivilDate};
use chancery_server::{Chancery, ServiceError};
use serde_json::json;

fn statement(summary: &str) -> Act {
    Act::from_json(json!({"kind": "statement_recorded", "date": "2026-01-01", "by": "US", "about": "RU", "summary": summary}))
        .expect("a valid act")
}

#[test]
fn a_write_the_journal_cannot_store_leaves_no_trace_in_the_image() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fail.db");
    // Opening seeds the demo synchronously, so it happens outside the runtime.
    let chancery = Chancery::open(&path, true).expect("open with the demo");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(check(&chancery, &path));
}

async fn check(chancery: &Chancery, path: &std::path::Path) {
    let before = chancery.image().clone();
    let ok = chancery
        .record_unchecked(statement("recorded"), "test")
        .await
        .expect("a healthy journal records");
    assert_eq!(ok.seq, before.last_seq() + 1);

    // Storage starts failing: every insert into the journal is refused by SQLite.
    let conn = rusqlite::Connection::open(path).expect("second connection");
    conn.execute_batch("CREATE TRIGGER broken BEFORE INSERT ON journal BEGIN SELECT RAISE(FAIL, 'disk on fire'); END;")
        .expect("install the failing trigger");
    let after_ok = chancery.image().clone();

    let first = chancery.record_unchecked(statement("lost 1"), "test").await;
    assert!(matches!(first, Err(ServiceError::Journal(_))), "{first:?}");
    let second = chancery.record_unchecked(statement("lost 2"), "test").await;
    assert!(second.is_err(), "the journal stays failed");
    assert!(chancery.failed(), "the service reports the failure");

    let image = chancery.image().clone();
    let day: CivilDate = "2026-06-01".parse().expect("date");
    let us = "US".parse().expect("code");
    let ru = "RU".parse().expect("code");
    let statements: Vec<String> = image
        .talks(us, ru, View::rules(day))
        .expect("talks")
        .statements
        .into_iter()
        .map(|s| s.summary)
        .collect();
    assert!(statements.contains(&"recorded".to_owned()));
    assert!(
        !statements.iter().any(|s| s.starts_with("lost")),
        "{statements:?}"
    );
    assert!(
        image == after_ok,
        "the image is exactly what reached the disk"
    );
}

/// The review's follow-up to L3: an entry deleted from the middle of the journal, or one whose
/// payload cannot be read, stopped the server from starting at all. Now the record up to it is
/// served read-only, the reason says where the journal stops (and not where the store is),
/// and every write is refused.
#[test]
fn a_missing_or_unreadable_entry_serves_what_precedes_it_read_only() {
    for (what, damage) in [
        ("deleted", "DELETE FROM journal WHERE seq = 40"),
        (
            "unreadable",
            "UPDATE journal SET payload = CAST('not json' AS BLOB) WHERE seq = 40",
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("damaged.db");
        let whole = Chancery::open(&path, true).expect("open with the demo");
        let last = whole.journal().last_seq();
        assert!(last > 40);
        drop(whole);
        rusqlite::Connection::open(&path)
            .expect("open the file")
            .execute_batch(damage)
            .expect(what);
        let chancery = Chancery::open(&path, false).expect("a damaged store still opens");
        let why = chancery.damaged().expect("it is marked damaged").to_owned();
        assert!(why.contains("shown up to act #39"), "{what}: {why}");
        assert!(
            !why.contains(dir.path().to_str().unwrap()),
            "the reason reaches clients: no path in it: {why}"
        );
        assert_eq!(chancery.image().last_seq(), 39, "{what}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let refused =
            runtime.block_on(chancery.record_unchecked(statement("after the damage"), "test"));
        assert!(
            matches!(refused, Err(ServiceError::Damaged(_))),
            "{what}: {refused:?}"
        );
    }
}

/// A panic under the write lock once an act is in the image but not in the journal: the next
/// to take the lock rebuilds the image from the journal, the service reports itself failed,
/// and writes are refused until a restart.
#[test]
fn a_panic_while_recording_rebuilds_the_image_from_the_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = std::sync::Arc::new(
        Chancery::open(&dir.path().join("panic.db"), true).expect("open with the demo"),
    );
    let before = chancery.image().clone();
    let panicking = std::thread::spawn({
        let chancery = chancery.clone();
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("runtime");
            let summary = "a statement recorded when a bug strikes";
            chancery_app::testing::panic_when_recording(summary);
            let act = statement(summary);
            runtime.block_on(chancery.record_unchecked(act, "test"))
        }
    })
    .join();
    assert!(panicking.is_err(), "the injected panic happened");

    assert!(
        *chancery.image() == before,
        "the half-recorded act is gone: the image is the journal's"
    );
    assert!(chancery.failed(), "the service reports the failure");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let refused = runtime.block_on(chancery.record_unchecked(statement("after the panic"), "test"));
    assert!(matches!(refused, Err(ServiceError::Failed)), "{refused:?}");
    assert_eq!(chancery.image().last_seq(), before.last_seq());
}

/// A writer whose act is submitted, but not yet durable, when another writer panics under the
/// lock is still told its act is recorded: the rebuilt image must hold it, or it would be
/// acknowledged and yet invisible until a restart. And the first write after the panic is
/// refused, not only the later ones.
#[test]
fn an_act_in_flight_when_another_panics_is_in_the_rebuilt_image() {
    for round in 0..20 {
        let dir = tempfile::tempdir().expect("temp dir");
        let chancery = std::sync::Arc::new(
            Chancery::open(&dir.path().join("in-flight.db"), true).expect("open with the demo"),
        );
        let summary = format!("round {round}: a bug strikes");
        chancery_app::testing::panic_when_recording(&summary);
        let write = |act: Act| {
            let chancery = chancery.clone();
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .build()
                    .expect("runtime")
                    .block_on(chancery.record_unchecked(act, "test"))
            })
        };
        let in_flight = write(statement("in flight"));
        let panicking = write(statement(&summary));
        let in_flight = in_flight.join().expect("no panic in the first writer");
        assert!(panicking.join().is_err(), "the injected panic happened");
        let after = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(chancery.record_unchecked(statement("after the panic"), "test"));
        assert!(
            matches!(after, Err(ServiceError::Failed)),
            "round {round}: {after:?}"
        );
        if let Ok(stored) = in_flight {
            let image = chancery.image();
            assert!(
                image.visible_to(stored.seq, chancery_domain::Reader::Rules),
                "round {round}: act #{} acknowledged but not in the rebuilt image (image ends at {})",
                stored.seq,
                image.last_seq()
            );
        }
    }
}
