//! What an operator's tools ask: `/metrics` (the operator's administrators and auditors only,
//! in Prometheus' text format, labelled by route template) and `/readyz`.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::start;
use serde_json::json;

fn get(url: &str, token: Option<&str>) -> (u16, String, String) {
    let mut req = ureq::get(url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let r = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {url}: {e}"),
    };
    let ct = r.header("content-type").unwrap_or("").to_owned();
    (r.status(), ct, r.into_string().unwrap_or_default())
}

#[test]
fn metrics_are_the_operators_alone() {
    let server = start(true);
    let url = server.url("/metrics");
    assert_eq!(get(&url, None).0, 401, "nobody");
    for (name, org, role) in [
        ("us-aud", "us-mfa", Role::Auditor),
        ("us-admin", "us-mfa", Role::Administrator),
        ("med-aud", "mediators", Role::Auditor),
        ("op-viewer", "operator", Role::Viewer),
        ("op-editor", "operator", Role::Editor),
    ] {
        let token = server.token_for(name, org, role, TokenScope::Write);
        assert_eq!(get(&url, Some(&token)).0, 403, "{name}");
    }
    for (name, role) in [("op-aud", Role::Auditor), ("op-admin", Role::Administrator)] {
        let token = server.token_for(name, "operator", role, TokenScope::Write);
        let (status, content_type, _) = get(&url, Some(&token));
        assert_eq!(status, 200, "{name}");
        assert_eq!(content_type, "text/plain; version=0.0.4; charset=utf-8");
    }
}

#[test]
fn metrics_count_requests_by_template_writes_and_the_cache() {
    let server = start(true);
    let token = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    for _ in 0..3 {
        get(
            &server.url("/api/v1/relations/US/RU/presence?as_of=2025-12-31"),
            Some(&token),
        );
    }
    get(&server.url("/no/such/page"), None);
    let act = json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US",
                     "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&token), &act);
    assert_eq!(status, 201, "{body}");
    let text = server.metrics_text();
    let value = |line: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(line))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no `{line}` in\n{text}"))
    };
    assert_eq!(
        value("chancery_http_requests_total{method=\"GET\",route=\"/api/v1/relations/{a}/{b}/presence\",status=\"200\"}"),
        3.0
    );
    assert_eq!(
        value(
            "chancery_http_requests_total{method=\"POST\",route=\"/api/v1/acts\",status=\"201\"}"
        ),
        1.0
    );
    assert_eq!(
        value("chancery_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"),
        1.0
    );
    assert_eq!(
        value("chancery_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/relations/{a}/{b}/presence\"}"),
        3.0
    );
    assert_eq!(value("chancery_journal_appends_total "), 1.0);
    assert_eq!(value("chancery_journal_commit_seconds_count "), 1.0);
    assert_eq!(value("chancery_cache_hits_total "), 2.0);
    assert!(value("chancery_cache_misses_total ") >= 1.0);
    assert!(value("chancery_cache_entries ") >= 1.0);
    // Over a journal of its own the image is always in step.
    assert_eq!(value("chancery_journal_staleness_seconds "), 0.0);
    assert_eq!(value("chancery_ready "), 1.0);
    // Templates, never what a client sent; no organisation, user or secret.
    for leak in ["US/RU", "no/such", "us-mfa", "us-ed", &token, common::TOKEN] {
        assert!(!text.contains(leak), "/metrics shows `{leak}`");
    }
}

#[test]
fn readyz_says_ready_and_nothing_more() {
    let server = start(true);
    let (status, _, body) = get(&server.url("/readyz"), None);
    assert_eq!((status, body.as_str()), (200, "ready"));
    let page = "/relations/US/RU?as_of=2025-12-31";
    assert_eq!(get(&server.url(page), None).0, 200);

    // A panic while an act is recorded fails the store: not ready, and nothing is answered
    // from the cache any more (the image was rebuilt from the journal).
    let summary = "a statement recorded when a bug strikes";
    chancery_app::testing::panic_when_recording(summary);
    let act = chancery_domain::Act::from_json(json!({"kind": "statement_recorded",
        "date": "2026-01-01", "by": "US", "about": "RU", "summary": summary}))
    .expect("a valid act");
    let chancery = server.chancery.clone();
    let panicked = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(chancery.record_unchecked(act, "test"))
    })
    .join();
    assert!(panicked.is_err(), "the injected panic happened");
    let (status, _, body) = get(&server.url("/readyz"), None);
    assert_eq!(
        (status, body.as_str()),
        (503, "not ready: the store failed")
    );
    let (status, _, _) = get(&server.url(page), None);
    assert_eq!(status, 200, "reads go on");
}

#[test]
fn metrics_count_sign_ins_failures_and_sign_outs() {
    let server = start(true);
    let cookie = common::signed_in(&server, "alice", "us-mfa", Role::Viewer);
    assert!(common::login(&server, "alice", "not her password").is_err());
    let (status, _) = common::browser_post(&server, "/logout", Some(&cookie), &[], &[]);
    assert_eq!(status, 303);
    let text = server.metrics_text();
    for line in [
        "chancery_sign_ins_total 1\n",
        "chancery_sign_in_failures_total 1\n",
        "chancery_sign_outs_total 1\n",
    ] {
        assert!(text.contains(line), "no `{line}` in\n{text}");
    }
}
