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
        .record(statement("recorded"), "test")
        .await
        .expect("a healthy journal records");
    assert_eq!(ok.seq, before.last_seq() + 1);

    // Storage starts failing: every insert into the journal is refused by SQLite.
    let conn = rusqlite::Connection::open(path).expect("second connection");
    conn.execute_batch("CREATE TRIGGER broken BEFORE INSERT ON journal BEGIN SELECT RAISE(FAIL, 'disk on fire'); END;")
        .expect("install the failing trigger");
    let after_ok = chancery.image().clone();

    let first = chancery.record(statement("lost 1"), "test").await;
    assert!(matches!(first, Err(ServiceError::Journal(_))), "{first:?}");
    let second = chancery.record(statement("lost 2"), "test").await;
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
