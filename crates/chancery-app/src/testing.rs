//! Faults for tests (the `testing` feature only): a panic where a bug would leave half an act in
//! the image, to check that the image is rebuilt from the journal.

use chancery_domain::Act;

/// A statement with this summary panics under the write lock once it is in the image and before
/// it is submitted to the journal: the half-recorded act a bug would leave.
pub const PANIC_SUMMARY: &str = "chancery-app testing: panic under the write lock";

pub(crate) fn maybe_panic(act: &Act) {
    if act.to_json()["summary"] == PANIC_SUMMARY {
        panic!("{PANIC_SUMMARY}");
    }
}
