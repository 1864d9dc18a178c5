//! Faults for tests (the `testing` feature only): a panic where a bug would leave half an act in
//! the image, to check that the image is rebuilt from the journal. The fault is armed by the test
//! in its own process, never by anything a request carries, so a binary built with the feature
//! (as `cargo test` builds the server's) cannot be made to panic from outside.

use std::sync::Mutex;

use chancery_domain::Act;

static ARMED: Mutex<Option<String>> = Mutex::new(None);

/// The next act recorded with this summary panics under the write lock once it is in the image
/// and before it is submitted to the journal: the half-recorded act a bug would leave. Keyed by
/// summary so that tests running side by side in one process do not trip each other.
pub fn panic_when_recording(summary: &str) {
    *ARMED.lock().unwrap_or_else(|e| e.into_inner()) = Some(summary.to_owned());
}

pub(crate) fn maybe_panic(act: &Act) {
    let mut armed = ARMED.lock().unwrap_or_else(|e| e.into_inner());
    // Unarmed (nearly always): no need to serialise the act to look at it.
    let Some(summary) = armed.as_deref() else {
        return;
    };
    let hit = act.to_json()["summary"] == summary;
    if hit {
        *armed = None;
        drop(armed);
        panic!("chancery-app testing: panic under the write lock");
    }
}
