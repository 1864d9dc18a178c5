//! Shared by the benchmarks: realistic payloads and scratch space on a real disk.

use chancery_journal::NewEntry;
use tempfile::TempDir;

/// About 200 bytes of canonical-looking JSON, the size of a typical act.
pub fn payload(n: u64) -> Vec<u8> {
    let mut json = format!(
        "{{\"act\":\"notification_of_arrival\",\"mission\":\"US-RU\",\"n\":{n},\"person\":\"P-{n:08}\",\"note\":\""
    );
    while json.len() < 198 {
        json.push('x');
    }
    json.push_str("\"}");
    json.into_bytes()
}

pub fn new_entry(n: u64) -> NewEntry {
    NewEntry {
        schema: 1,
        recorded_at_micros: 1_700_000_000_000_000 + n as i64,
        recorded_by: "bench".into(),
        payload: payload(n),
    }
}

/// Under `target/`, not `/tmp`: `/tmp` may be tmpfs, where fsync is free and figures lie.
pub fn scratch_dir() -> TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("scratch dir under target/")
}
