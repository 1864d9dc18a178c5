//! Helpers shared by the integration tests.

// Each test binary compiles this module and uses a different subset of it.
#![allow(dead_code)]

use std::path::PathBuf;

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
        recorded_at_micros: 1_700_000_000_000_000 + n as i64,
        recorded_by: format!("writer-{writer}"),
        payload: format!("{{\"writer\":{writer},\"n\":{n}}}").into_bytes(),
    }
}
