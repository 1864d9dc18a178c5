//! The server's log: `tracing` events to stderr. `CHANCERY_LOG` chooses what is logged (an
//! `EnvFilter`, e.g. `info`, `warn`, `chancery_server=debug`; `info` when unset) and
//! `CHANCERY_LOG_FORMAT=json` gives one JSON object a line instead of text. Nothing logged
//! carries a secret: requests name their method, route, status, latency and the principal's
//! organisation, never tokens, cookies, passwords or query strings.

use tracing_subscriber::EnvFilter;

pub const LEVEL_VAR: &str = "CHANCERY_LOG";
pub const FORMAT_VAR: &str = "CHANCERY_LOG_FORMAT";

/// Installs the subscriber for this process (once; later calls change nothing). A filter that
/// does not parse falls back to `info` and says so, rather than leaving the server silent.
pub fn init() {
    let (filter, bad) = match std::env::var(LEVEL_VAR) {
        Ok(spec) if !spec.trim().is_empty() => match EnvFilter::try_new(&spec) {
            Ok(filter) => (filter, None),
            Err(e) => (EnvFilter::new("info"), Some(format!("{spec}: {e}"))),
        },
        _ => (EnvFilter::new("info"), None),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = if std::env::var(FORMAT_VAR).is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    if installed.is_ok() {
        if let Some(bad) = bad {
            tracing::warn!("{LEVEL_VAR} is not a filter ({bad}); logging at info");
        }
    }
}
