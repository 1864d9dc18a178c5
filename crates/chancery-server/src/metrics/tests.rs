use std::time::Duration;

use axum::http::Method;

use super::*;
use crate::table::{Access, RouteSpec};

fn registry() -> Metrics {
    Metrics::new(&[
        RouteSpec {
            method: Method::GET,
            path: "/relations/{a}/{b}",
            access: Access::Open,
        },
        RouteSpec {
            method: Method::POST,
            path: "/api/v1/acts",
            access: Access::Record,
        },
    ])
}

fn text(m: &Metrics) -> String {
    let mut out = Exposition::default();
    m.write(&mut out);
    out.finish()
}

#[test]
fn requests_are_counted_by_template_method_and_status() {
    let m = registry();
    let overview = m.route_index(&Method::GET, "/relations/{a}/{b}");
    // HEAD is answered by the GET route, and counts under it.
    assert_eq!(
        m.route_index(&Method::HEAD, "/relations/{a}/{b}")
            .map(|r| r.0),
        overview.map(|r| r.0)
    );
    assert!(m.route_index(&Method::GET, "/api/v1/acts").is_none());
    m.observe(overview, 200, Duration::from_micros(300));
    m.observe(overview, 200, Duration::from_millis(30));
    m.observe(overview, 404, Duration::from_millis(2));
    m.observe(None, 404, Duration::from_millis(1));
    let t = text(&m);
    assert!(t.contains(
        "chancery_http_requests_total{method=\"GET\",route=\"/relations/{a}/{b}\",status=\"200\"} 2\n"
    ));
    assert!(t.contains(
        "chancery_http_requests_total{method=\"GET\",route=\"/relations/{a}/{b}\",status=\"404\"} 1\n"
    ));
    assert!(t.contains(
        "chancery_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"
    ));
    // Routes nobody asked for print nothing.
    assert!(!t.contains("route=\"/api/v1/acts\""));
}

#[test]
fn a_histogram_is_cumulative_with_sum_and_count() {
    let m = registry();
    let r = m.route_index(&Method::GET, "/relations/{a}/{b}");
    m.observe(r, 200, Duration::from_micros(300));
    m.observe(r, 200, Duration::from_millis(30));
    m.observe(r, 200, Duration::from_secs(20));
    let t = text(&m);
    let line = |le: &str| {
        format!("chancery_http_request_duration_seconds_bucket{{method=\"GET\",route=\"/relations/{{a}}/{{b}}\",le=\"{le}\"}}")
    };
    assert!(t.contains(&format!("{} 1\n", line("0.0005"))), "{t}");
    assert!(t.contains(&format!("{} 1\n", line("0.025"))), "{t}");
    assert!(t.contains(&format!("{} 2\n", line("0.05"))), "{t}");
    assert!(t.contains(&format!("{} 2\n", line("10"))), "{t}");
    assert!(t.contains(&format!("{} 3\n", line("+Inf"))), "{t}");
    assert!(t.contains(
        "chancery_http_request_duration_seconds_count{method=\"GET\",route=\"/relations/{a}/{b}\"} 3\n"
    ));
    assert!(t.contains(
        "chancery_http_request_duration_seconds_sum{method=\"GET\",route=\"/relations/{a}/{b}\"} 20.0303\n"
    ));
}

#[test]
fn every_family_is_declared_once_before_its_samples() {
    let m = registry();
    chancery_app::WriteObserver::committed(&m, 2, Duration::from_millis(3));
    let t = text(&m);
    for family in [
        "chancery_http_requests_total",
        "chancery_journal_appends_total",
        "chancery_journal_commit_seconds",
    ] {
        assert_eq!(
            t.matches(&format!("# TYPE {family} ")).count(),
            1,
            "{family}"
        );
    }
    assert!(t.contains("chancery_journal_appends_total 2\n"));
    assert!(t.contains("chancery_journal_commit_seconds_count 1\n"));
    // Every sample line names a declared family.
    let declared: Vec<&str> = t
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split(' ').next())
        .collect();
    for line in t.lines().filter(|l| !l.starts_with('#')) {
        let name = line.split(['{', ' ']).next().unwrap_or("");
        assert!(
            declared.iter().any(|f| name == *f
                || name
                    .strip_prefix(f)
                    .is_some_and(|rest| { matches!(rest, "_bucket" | "_sum" | "_count") })),
            "{line}"
        );
    }
}

#[test]
fn label_values_are_escaped() {
    let mut out = Exposition::default();
    out.sample("x", &[("route", "a\"b\\c\nd")], 1);
    assert_eq!(out.finish(), "x{route=\"a\\\"b\\\\c\\nd\"} 1\n");
}
