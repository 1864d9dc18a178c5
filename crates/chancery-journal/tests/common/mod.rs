//! Helpers shared by the integration tests.

// Each test binary compiles this module and uses a different subset of it.
#![allow(dead_code)]

pub mod gated;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use chancery_journal::NewEntry;
use tempfile::TempDir;

/// A fresh directory for a journal file, removed when dropped.
pub struct TempJournal {
    _dir: TempDir,
    pub path: PathBuf,
}

pub fn temp_journal() -> TempJournal {
    let dir = tempfile::tempdir().expect("create temp dir");
    let path = dir.path().join("journal.sqlite");
    TempJournal { _dir: dir, path }
}

/// An act whose payload names who submitted it, so tests can tell entries apart.
pub fn act(writer: usize, n: usize) -> NewEntry {
    NewEntry {
        schema: 1,
        recorded_at_micros: 1_700_000_000_000_000 + n as i64,
        recorded_by: format!("writer-{writer}"),
        payload: format!("{{\"writer\":{writer},\"n\":{n}}}").into_bytes(),
    }
}

/// A store at `path` holding `n` acts of writer 0, written in one batch and closed again.
pub fn write_store(path: &Path, n: usize) {
    let journal = chancery_sqlite::open_journal(path).unwrap();
    journal
        .submit_batch((0..n).map(|i| act(0, i)).collect())
        .wait()
        .unwrap();
}

/// Rewrites entry `seq`'s payload with raw SQL, behind the journal's back, as someone with
/// write access to the file could.
pub fn tamper_payload(path: &Path, seq: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let changed = conn
        .execute(
            "UPDATE journal SET payload = CAST('{\"forged\":true}' AS BLOB) WHERE seq = ?1",
            [seq],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

/// This test binary, told to run only the ignored test `name` with `var` set to `value`: how a
/// test starts a second process on the same store.
pub fn child_test(name: &str, var: &str, value: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([name, "--exact", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(var, value);
    command
}
