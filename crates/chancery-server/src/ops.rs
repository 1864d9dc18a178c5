//! What an operator's tools ask of a running server: `/readyz` (should a load balancer send it
//! work?) and `/metrics` (Prometheus' text format). `/healthz` (is it alive and sound?) is the
//! API's (`crate::api`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::metrics::{text::CONTENT_TYPE, Exposition};
use crate::state::AppState;
use crate::table::{Access, Routes};

/// How long an instance over a shared journal may go without being known to hold everything
/// the store holds before it stops calling itself ready. The tailer looks at least every
/// `chancery_app::TAIL_POLL` (0.5 s) and is woken at once by a notification, so an instance
/// that can reach its store is never near this; one that cannot is out of step and says so.
pub const STALENESS_BOUND: Duration = Duration::from_secs(5);

/// Whether this server should be sent work. It listens only once its image is replayed, so
/// what can still make it unready is a shutdown under way (it finishes what it has and takes
/// nothing new), or, for an instance over a shared journal, an image not known to be in step
/// with the store for longer than [`STALENESS_BOUND`] (an instance with a journal of its own is
/// always in step).
#[derive(Debug, Default)]
pub struct Readiness {
    draining: AtomicBool,
}

impl Readiness {
    /// A shutdown began: `/readyz` answers 503 from now on.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Why not ready, given how long since the image was last known in step with the journal
    /// (`Chancery::staleness`).
    fn why_not(&self, staleness: Option<Duration>) -> Option<&'static str> {
        if self.draining.load(Ordering::SeqCst) {
            Some("shutting down")
        } else if staleness.is_none_or(|s| s > STALENESS_BOUND) {
            Some("not in step with the journal's store (it cannot be reached, or the tailer is behind)")
        } else {
            None
        }
    }
}

/// `GET /readyz`: `200 ready` while the server takes work; `503` with one line of why not:
/// shutting down, out of step with a shared journal, or the store failed (a write did not reach the journal: reads
/// would go on, but the instance must restart). A broken hash chain still serves reads, so it
/// is ready (`/healthz` says what is wrong). Says nothing a public `/healthz` does not.
async fn readyz(State(app): State<AppState>) -> Response {
    // Taking the image finds a panic a writer left behind (and fails the store), which the
    // flag alone would not show until the next request that reads.
    drop(app.chancery.image());
    let why = if app.chancery.failed() {
        Some("the store failed")
    } else {
        app.readiness.why_not(app.chancery.staleness())
    };
    match why {
        None => (StatusCode::OK, "ready").into_response(),
        Some(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {why}")).into_response(),
    }
}

/// `GET /metrics`: every metric in Prometheus' text format, for the operator's scraper.
async fn metrics(State(app): State<AppState>) -> Response {
    let mut out = Exposition::default();
    app.metrics.write(&mut out);
    let usage = app.cache.usage();
    let gauges: [(&str, &str, u64); 4] = [
        (
            "chancery_cache_entries",
            "Answers the answer cache holds.",
            usage.entries as u64,
        ),
        (
            "chancery_cache_bytes",
            "Bytes the answer cache holds (keys, headers and bodies).",
            usage.bytes as u64,
        ),
        (
            "chancery_cache_budget_bytes",
            "The most the answer cache may hold.",
            usage.budget as u64,
        ),
        (
            "chancery_image_acts",
            "The last act the memory image holds.",
            app.chancery.image().last_seq(),
        ),
    ];
    for (name, help, v) in gauges {
        out.family(name, "gauge", help);
        out.sample(name, &[], v);
    }
    out.family(
        "chancery_cache_evictions_total",
        "counter",
        "Answers dropped from the answer cache to keep within its budget.",
    );
    out.sample("chancery_cache_evictions_total", &[], usage.evictions);
    let staleness = app.chancery.staleness();
    out.family(
        "chancery_journal_staleness_seconds",
        "gauge",
        "Seconds since the image was last known to hold every act in the journal's store: 0 over a journal of this process's own; over a shared one, how far behind other instances' writes it may be (+Inf before the first time).",
    );
    out.gauge(
        "chancery_journal_staleness_seconds",
        &[],
        staleness.map_or(f64::INFINITY, |s| s.as_secs_f64()),
    );
    out.family("chancery_ready", "gauge", "1 while /readyz answers 200.");
    let ready = !app.chancery.failed() && app.readiness.why_not(staleness).is_none();
    out.sample("chancery_ready", &[], u64::from(ready));
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], out.finish()).into_response()
}

pub fn routes() -> Routes<AppState> {
    Routes::default()
        .route(Method::GET, "/readyz", Access::Open, get(readyz))
        .route(Method::GET, "/metrics", Access::Operator, get(metrics))
}
