//! The process's metrics, kept in atomics and written out in Prometheus' text format (0.0.4)
//! by `GET /metrics` ([`crate::ops`]). Written here rather than taken from a metrics crate: the
//! format is a few lines of text, and what is counted is fixed when the router is built.
//!
//! Labels are bounded by construction: requests are labelled by the route *template* they
//! matched (`/relations/{a}/{b}`, never the path a client sent), its method and status; a
//! request that matched no route counts under `route="unmatched"`. Nothing here names a user,
//! an organisation, a token or a query.
//!
//! Other parts feed it through [`Metrics`]' public fields and setters: the write path's appends
//! and commit latency (through `chancery_app::WriteObserver`), the answer cache's hits and
//! misses, sign-ins and sign-outs. What is read off the service when scraped (the cache's
//! size, how far the image may be behind a shared journal) is written by `crate::ops`.

mod histogram;
pub mod text;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::http::Method;

pub use histogram::{Histogram, LATENCY_BUCKETS};
pub use text::Exposition;

use crate::table::RouteSpec;

/// A count that only grows.
#[derive(Debug, Default)]
pub struct Counter(AtomicU64);

impl Counter {
    pub fn inc(&self) {
        self.add(1);
    }

    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// The label of a request that matched no route.
pub const UNMATCHED: &str = "unmatched";

/// Which of the declared routes a request matched, found once by the authorisation layer and
/// read by the outermost layer, which times the whole request.
#[derive(Clone, Copy, Debug)]
pub struct RouteIndex(pub usize);

/// Statuses 100–599, one counter each: a route's answers by status.
const STATUSES: usize = 500;

struct RouteMetrics {
    method: Method,
    path: &'static str,
    by_status: Box<[AtomicU64]>,
    latency: Histogram,
}

impl RouteMetrics {
    fn new(method: Method, path: &'static str) -> Self {
        RouteMetrics {
            method,
            path,
            by_status: (0..STATUSES).map(|_| AtomicU64::new(0)).collect(),
            latency: Histogram::new(LATENCY_BUCKETS),
        }
    }
}

/// Every metric of the process. One per server, shared through `AppState`.
pub struct Metrics {
    routes: Vec<RouteMetrics>,
    index: HashMap<(Method, &'static str), usize>,
    /// Acts appended to the journal by this process, and entries that failed.
    pub appends: Counter,
    pub append_failures: Counter,
    /// From submitting an act to the journal until its group commit is durable.
    pub commit_seconds: Histogram,
    /// Answers served from the answer cache, answers computed, and conditional requests
    /// answered `304 Not Modified`.
    pub cache_hits: Counter,
    pub cache_misses: Counter,
    /// Hits that waited for another reader computing the same answer (`cache::flight`).
    pub cache_waits: Counter,
    pub not_modified: Counter,
    /// Sign-ins that opened a session, refused ones, and sign-outs, as this server saw them.
    pub sign_ins: Counter,
    pub sign_in_failures: Counter,
    pub sign_outs: Counter,
}

impl Metrics {
    /// The registry for the routes `table` declares (the router's own list).
    pub fn new(table: &[RouteSpec]) -> Self {
        let mut routes: Vec<RouteMetrics> = table
            .iter()
            .map(|r| RouteMetrics::new(r.method.clone(), r.path))
            .collect();
        let index = table
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.method.clone(), r.path), i))
            .collect();
        routes.push(RouteMetrics::new(Method::GET, UNMATCHED));
        Metrics {
            routes,
            index,
            appends: Counter::default(),
            append_failures: Counter::default(),
            commit_seconds: Histogram::new(LATENCY_BUCKETS),
            cache_hits: Counter::default(),
            cache_misses: Counter::default(),
            cache_waits: Counter::default(),
            not_modified: Counter::default(),
            sign_ins: Counter::default(),
            sign_in_failures: Counter::default(),
            sign_outs: Counter::default(),
        }
    }

    /// The route a request matched (HEAD counts as the GET route that answers it).
    pub fn route_index(&self, method: &Method, template: &str) -> Option<RouteIndex> {
        let method = if *method == Method::HEAD {
            &Method::GET
        } else {
            method
        };
        self.index
            .get(&(method.clone(), template))
            .map(|i| RouteIndex(*i))
    }

    /// The template of a route found by [`Metrics::route_index`].
    pub fn template(&self, route: RouteIndex) -> Option<&'static str> {
        self.routes.get(route.0).map(|r| r.path)
    }

    /// One answered request: its route (`None`: it matched none), status and latency.
    pub fn observe(&self, route: Option<RouteIndex>, status: u16, took: Duration) {
        let i = route.map_or(self.routes.len() - 1, |r| r.0);
        let Some(r) = self.routes.get(i) else { return };
        if let Some(c) = usize::from(status)
            .checked_sub(100)
            .and_then(|s| r.by_status.get(s))
        {
            c.fetch_add(1, Ordering::Relaxed);
        }
        r.latency.observe(took);
    }

    /// Writes the request metrics and this registry's own counters into `out`.
    pub fn write(&self, out: &mut Exposition) {
        out.family(
            "chancery_http_requests_total",
            "counter",
            "Requests answered, by matched route template, method and status.",
        );
        for r in &self.routes {
            for (s, c) in r.by_status.iter().enumerate() {
                let n = c.load(Ordering::Relaxed);
                if n > 0 {
                    let status = (s + 100).to_string();
                    out.sample(
                        "chancery_http_requests_total",
                        &[
                            ("method", r.method.as_str()),
                            ("route", r.path),
                            ("status", &status),
                        ],
                        n,
                    );
                }
            }
        }
        out.family(
            "chancery_http_request_duration_seconds",
            "histogram",
            "Time from a request's arrival at the router to its answer, by route template.",
        );
        for r in &self.routes {
            if r.latency.count() > 0 {
                out.histogram(
                    "chancery_http_request_duration_seconds",
                    &[("method", r.method.as_str()), ("route", r.path)],
                    &r.latency,
                );
            }
        }
        let counters: [(&str, &str, &Counter); 9] = [
            (
                "chancery_journal_appends_total",
                "Acts this process appended to the journal (durable).",
                &self.appends,
            ),
            (
                "chancery_journal_append_failures_total",
                "Acts the journal failed to make durable.",
                &self.append_failures,
            ),
            (
                "chancery_cache_hits_total",
                "Answers served from the answer cache.",
                &self.cache_hits,
            ),
            (
                "chancery_cache_misses_total",
                "Cacheable answers that had to be computed.",
                &self.cache_misses,
            ),
            (
                "chancery_cache_waits_total",
                "Answers served from the cache after waiting for another reader computing them.",
                &self.cache_waits,
            ),
            (
                "chancery_cache_not_modified_total",
                "Conditional requests answered 304 Not Modified.",
                &self.not_modified,
            ),
            (
                "chancery_sign_ins_total",
                "Sign-ins that opened a session.",
                &self.sign_ins,
            ),
            (
                "chancery_sign_in_failures_total",
                "Sign-ins refused (wrong credentials or throttled).",
                &self.sign_in_failures,
            ),
            (
                "chancery_sign_outs_total",
                "Sessions ended by signing out.",
                &self.sign_outs,
            ),
        ];
        for (name, help, c) in counters {
            out.family(name, "counter", help);
            out.sample(name, &[], c.get());
        }
        out.family(
            "chancery_journal_commit_seconds",
            "histogram",
            "From submitting an act to the journal until its group commit was durable.",
        );
        out.histogram("chancery_journal_commit_seconds", &[], &self.commit_seconds);
    }
}

/// The write path reports here (see `chancery_app::WriteObserver`).
impl chancery_app::WriteObserver for Metrics {
    fn committed(&self, acts: u64, waited: Duration) {
        self.appends.add(acts);
        self.commit_seconds.observe(waited);
    }

    fn failed(&self, acts: u64) {
        self.append_failures.add(acts);
    }
}

#[cfg(test)]
mod tests;
