//! What an operator's tools ask of a running server: `/readyz` (should a load balancer send it
//! work?) and `/metrics` (Prometheus' text format). `/healthz` (is it alive and sound?) is the
//! API's (`crate::api`).

use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::metrics::{text::CONTENT_TYPE, Exposition};
use crate::state::AppState;
use crate::table::{Access, Routes};

/// Whether this server should be sent work. It listens only once its image is replayed, so
/// what can still make it unready is a shutdown under way (it finishes what it has and takes
/// nothing new), or, for an instance that tails a shared journal, not tailing it: whoever runs
/// the tailer reports that with [`Readiness::set_tailing`] (an instance with a journal of its
/// own is always tailing).
#[derive(Debug)]
pub struct Readiness {
    draining: AtomicBool,
    tailing: AtomicBool,
}

impl Default for Readiness {
    fn default() -> Self {
        Readiness {
            draining: AtomicBool::new(false),
            tailing: AtomicBool::new(true),
        }
    }
}

impl Readiness {
    /// A shutdown began: `/readyz` answers 503 from now on.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn set_tailing(&self, tailing: bool) {
        self.tailing.store(tailing, Ordering::SeqCst);
    }

    fn why_not(&self) -> Option<&'static str> {
        if self.draining.load(Ordering::SeqCst) {
            Some("shutting down")
        } else if !self.tailing.load(Ordering::SeqCst) {
            Some("not tailing the journal")
        } else {
            None
        }
    }
}

/// `GET /readyz`: `200 ready` while the server takes work; `503` with one line of why not:
/// shutting down, not tailing, or the store failed (a write did not reach the journal: reads
/// would go on, but the instance must restart). A broken hash chain still serves reads, so it
/// is ready (`/healthz` says what is wrong). Says nothing a public `/healthz` does not.
async fn readyz(State(app): State<AppState>) -> Response {
    // Taking the image finds a panic a writer left behind (and fails the store), which the
    // flag alone would not show until the next request that reads.
    drop(app.chancery.image());
    let why = if app.chancery.failed() {
        Some("the store failed")
    } else {
        app.readiness.why_not()
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
    out.family("chancery_ready", "gauge", "1 while /readyz answers 200.");
    let ready = !app.chancery.failed() && app.readiness.why_not().is_none();
    out.sample("chancery_ready", &[], u64::from(ready));
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], out.finish()).into_response()
}

pub fn routes() -> Routes<AppState> {
    Routes::default()
        .route(Method::GET, "/readyz", Access::Open, get(readyz))
        .route(Method::GET, "/metrics", Access::Operator, get(metrics))
}
