//! The server's log: `tracing` events to stderr. `CHANCERY_LOG` chooses what is logged (an
//! `EnvFilter`, e.g. `info`, `warn`, `chancery_server=debug`; `info` when unset) and
//! `CHANCERY_LOG_FORMAT=json` gives one JSON object a line instead of text. Nothing logged
//! carries a secret: requests name their method, route, status, latency and the principal's
//! organisation, never tokens, cookies, passwords or query strings.
//!
//! Lines go through [`LineBuffer`]: a `write(2)` per request line was a fifth of a cached
//! answer's cost under load.

mod buffer;
mod stamp;

use tracing_subscriber::EnvFilter;

pub use buffer::LineBuffer;

pub const LEVEL_VAR: &str = "CHANCERY_LOG";
pub const FORMAT_VAR: &str = "CHANCERY_LOG_FORMAT";

/// Writes out what the log holds when dropped: keep it until the process is about to end.
#[must_use = "dropping the guard is what writes the last lines out"]
pub struct Guard(Option<&'static LineBuffer>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(buffer) = self.0 {
            buffer.flush();
        }
    }
}

/// Installs the subscriber for this process (once; later calls change nothing and return a
/// guard that writes nothing). A filter that does not parse falls back to `info` and says so,
/// rather than leaving the server silent.
pub fn init() -> Guard {
    let (filter, bad) = match std::env::var(LEVEL_VAR) {
        Ok(spec) if !spec.trim().is_empty() => match EnvFilter::try_new(&spec) {
            Ok(filter) => (filter, None),
            Err(e) => (EnvFilter::new("info"), Some(format!("{spec}: {e}"))),
        },
        _ => (EnvFilter::new("info"), None),
    };
    let buffer = LineBuffer::stderr();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_timer(stamp::Stamp)
        .with_writer(buffer);
    let installed = if std::env::var(FORMAT_VAR).is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    if installed.is_err() {
        return Guard(None);
    }
    buffer.start_flushing();
    // A panic's message goes straight to stderr: what was logged before it goes first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        buffer.flush();
        previous(info);
    }));
    if let Some(bad) = bad {
        tracing::warn!("{LEVEL_VAR} is not a filter ({bad}); logging at info");
    }
    Guard(Some(buffer))
}
