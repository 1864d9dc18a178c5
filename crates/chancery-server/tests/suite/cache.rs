//! The answer cache as readers meet it: each organisation gets its own answer to the same URL,
//! each language its own page, a write shows in the very next read, and `If-None-Match` is
//! answered 304 only while the answer is unchanged.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{start, Server};
use serde_json::json;

struct Got {
    status: u16,
    etag: String,
    cache_control: String,
    body: String,
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Got {
    let mut req = ureq::get(&server.url(path));
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let r = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    Got {
        status: r.status(),
        etag: r.header("etag").unwrap_or("").to_owned(),
        cache_control: r.header("cache-control").unwrap_or("").to_owned(),
        body: r.into_string().unwrap_or_default(),
    }
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// A member of `post` notified and arrived, internal to `state`'s ministry, recorded by `token`.
fn notify_internal(server: &Server, token: &str, state: &str, post: &str, member: &str) {
    let notified = json!({"kind": "member_notified", "date": "2025-01-05", "member": member,
                     "post": post, "name": format!("{member} person"), "category": "diplomatic",
                     "visibility": {"internal": state}});
    let arrived = json!({"kind": "member_arrived", "date": "2025-01-06", "member": member,
                         "visibility": {"internal": state}});
    for act in [notified, arrived] {
        let (status, body) = common::post(&server.url("/api/v1/acts"), Some(token), &act);
        assert_eq!(status, 201, "{body}");
    }
}

#[test]
fn two_organisations_asking_the_same_url_each_get_their_own_answer() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    notify_internal(&server, &us, "US", "us-embassy-moscow", "qqsecretus");
    notify_internal(&server, &ru, "RU", "ru-embassy-washington", "qqsecretru");
    for path in [
        "/relations/US/RU/diplomatic-list?as_of=2025-06-01",
        "/api/v1/acts?after=0&limit=1000",
    ] {
        // Each asks twice, in turn: a second ask is answered from the cache, and must still be
        // the asker's own.
        for round in 0..2 {
            let us_answer = get(&server, path, &[("Authorization", &bearer(&us))]);
            let ru_answer = get(&server, path, &[("Authorization", &bearer(&ru))]);
            let public = get(&server, path, &[]);
            for a in [&us_answer, &ru_answer, &public] {
                assert_eq!(a.status, 200, "{path}: {}", a.body);
            }
            assert!(
                us_answer.body.contains("qqsecretus"),
                "{path} round {round}"
            );
            assert!(
                !us_answer.body.contains("qqsecretru"),
                "{path} round {round}"
            );
            assert!(
                ru_answer.body.contains("qqsecretru"),
                "{path} round {round}"
            );
            assert!(
                !ru_answer.body.contains("qqsecretus"),
                "{path} round {round}"
            );
            assert!(!public.body.contains("qqsecret"), "{path} round {round}");
            assert_ne!(us_answer.etag, ru_answer.etag);
        }
    }
    let hits = server
        .metrics_text()
        .lines()
        .find_map(|l| l.strip_prefix("chancery_cache_hits_total "))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0);
    assert!(
        hits >= 6,
        "the second round was answered from the cache: {hits}"
    );
}

#[test]
fn each_language_gets_its_own_page() {
    let server = start(true);
    let path = "/relations/US/RU?as_of=2025-06-01";
    for _ in 0..2 {
        let en = get(&server, path, &[("Accept-Language", "en")]);
        let ru = get(&server, path, &[("Accept-Language", "ru")]);
        let ru_cookie = get(&server, path, &[("Cookie", "chancery_lang=ru")]);
        assert!(en.body.contains("<html lang=\"en\""), "{}", &en.body[..200]);
        assert!(ru.body.contains("<html lang=\"ru\""), "{}", &ru.body[..200]);
        assert_eq!(ru.etag, ru_cookie.etag);
        assert_ne!(en.etag, ru.etag);
    }
}

#[test]
fn a_write_shows_in_the_very_next_read_and_validators_follow_it() {
    let server = start(true);
    let path = "/api/v1/relations/US/RU/measures?as_of=2025-12-31";
    let first = get(&server, path, &[]);
    assert_eq!(first.status, 200);
    assert_eq!(first.etag.len(), 34, "a strong, quoted tag: {}", first.etag);
    assert_eq!(first.cache_control, "private, no-cache");
    // Asked again with its tag: unchanged, 304 with the same tag and caching headers.
    let again = get(&server, path, &[("If-None-Match", &first.etag)]);
    assert_eq!(again.status, 304);
    assert_eq!(again.etag, first.etag);
    assert_eq!(again.cache_control, "private, no-cache");
    assert!(again.body.is_empty());
    // `*` and lists naming it too; a tag it does not name gets the whole answer.
    assert_eq!(get(&server, path, &[("If-None-Match", "*")]).status, 304);
    let listed = format!("\"nope\", {}", first.etag);
    assert_eq!(
        get(&server, path, &[("If-None-Match", &listed)]).status,
        304
    );
    assert_eq!(
        get(&server, path, &[("If-None-Match", "\"nope\"")]).status,
        200
    );

    let act = json!({"kind": "measure_imposed", "date": "2025-11-01", "measure": "cachetest",
                     "actor": "RU", "target": "US", "measure_kind": "travel_restriction",
                     "summary": "a measure recorded between two reads"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(common::TOKEN), &act);
    assert_eq!(status, 201, "{body}");
    let next = get(&server, path, &[("If-None-Match", &first.etag)]);
    assert_eq!(next.status, 200, "the old tag no longer matches");
    assert!(
        next.body.contains("cachetest"),
        "the very next read shows the act"
    );
    assert_ne!(next.etag, first.etag);
    assert_eq!(
        get(&server, path, &[("If-None-Match", &next.etag)]).status,
        304
    );
}

#[test]
fn signed_in_readers_answers_are_not_stored_by_browsers() {
    let server = start(true);
    let token = server.token_for("viewer", "us-mfa", Role::Viewer, TokenScope::Read);
    let path = "/api/v1/relations/US/RU/presence?as_of=2025-12-31";
    let got = get(&server, path, &[("Authorization", &bearer(&token))]);
    assert_eq!(got.status, 200);
    assert_eq!(got.cache_control, "private, no-store");
    let again = get(
        &server,
        path,
        &[
            ("Authorization", &bearer(&token)),
            ("If-None-Match", &got.etag),
        ],
    );
    assert_eq!(again.status, 304);
}

#[test]
fn what_is_not_kept_is_answered_afresh() {
    let server = start(true);
    // The sign-in page sets no cookie but is not on the list; the audit log grows with every
    // request; neither carries a validator.
    let login = get(&server, "/login", &[]);
    assert_eq!(login.status, 200);
    assert!(login.etag.is_empty());
    let auditor = server.token_for("op-aud", "operator", Role::Auditor, TokenScope::Read);
    let audit = get(
        &server,
        "/api/v1/audit",
        &[("Authorization", &bearer(&auditor))],
    );
    assert_eq!(audit.status, 200);
    assert!(audit.etag.is_empty());
    // Errors are never kept.
    let missing = get(&server, "/relations/US/XX?as_of=2025-01-01", &[]);
    assert_ne!(missing.status, 200);
    assert!(missing.etag.is_empty());
}

/// The value of a counter on `/metrics`.
fn counter(server: &Server, name: &str) -> u64 {
    let text = server.metrics_text();
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

#[test]
fn readers_arriving_together_after_an_act_share_one_computation() {
    let server = start(true);
    let token = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let path = "/relations/US/RU?as_of=2025-06-01";
    assert_eq!(get(&server, path, &[]).status, 200);
    let act = json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US",
                     "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&token), &act);
    assert_eq!(status, 201, "{body}");
    let misses = counter(&server, "chancery_cache_misses_total");
    let hits = counter(&server, "chancery_cache_hits_total");
    let readers = 32;
    let start_line = std::sync::Barrier::new(readers);
    let bodies: Vec<Got> = std::thread::scope(|s| {
        let asks: Vec<_> = (0..readers)
            .map(|_| {
                s.spawn(|| {
                    start_line.wait();
                    get(&server, path, &[])
                })
            })
            .collect();
        asks.into_iter()
            .map(|a| a.join().expect("a reader"))
            .collect()
    });
    assert!(bodies.iter().all(|b| b.status == 200));
    assert!(
        bodies.iter().all(|b| b.etag == bodies[0].etag),
        "every reader got the same page"
    );
    assert_eq!(
        counter(&server, "chancery_cache_misses_total") - misses,
        1,
        "one reader computed the page; the others waited for it or found it kept"
    );
    assert_eq!(
        counter(&server, "chancery_cache_hits_total") - hits,
        readers as u64 - 1
    );
}

/// Kept answers are found before the request is routed, and given only to readers the access
/// table lets read the route they were computed by. Two answers are planted, as if kept for
/// anonymous readers: one of the operator's audit log, one of a relation's presence while
/// public reading is off. Neither reaches an anonymous reader, who is refused as if nothing
/// were kept; the presence a signed-in reader asks for is computed and kept as usual.
#[test]
fn a_kept_answer_reaches_only_readers_the_table_lets_read_its_route() {
    use axum::http::{HeaderMap, HeaderValue, Uri};
    use chancery_server::cache::{Answer, Key, Viewer};
    use std::sync::{Arc, Mutex};

    let shared = Arc::new(Mutex::new(None));
    let server = common::start_configured(true, false, Default::default(), {
        let shared = Arc::clone(&shared);
        move |state| *shared.lock().unwrap() = Some(state.clone())
    });
    let state = shared.lock().unwrap().take().expect("the server's state");
    let host = server.addr.to_string();
    let plant = |method_path: &str, route: &str| {
        let uri: Uri = method_path.parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_str(&host).unwrap());
        let key = Key::new(
            &uri,
            &headers,
            Viewer::Anonymous,
            None,
            chancery_app::today(),
        );
        let route = state
            .metrics
            .route_index(&axum::http::Method::GET, route)
            .expect("a declared route");
        let body = format!("planted for {method_path}");
        let answer = Answer {
            route,
            headers: HeaderMap::new(),
            etag: chancery_server::cache::validators::etag_of(body.as_bytes()),
            body: body.into(),
        };
        state
            .cache
            .put(key, state.chancery.version(), Arc::new(answer));
    };
    let presence = "/api/v1/relations/US/RU/presence?as_of=2025-12-31";
    plant("/api/v1/audit", "/api/v1/audit");
    plant(presence, "/api/v1/relations/{a}/{b}/presence");
    for path in ["/api/v1/audit", presence] {
        let got = get(&server, path, &[]);
        assert_eq!(got.status, 401, "{path}: {}", got.body);
        assert!(!got.body.contains("planted"), "{path}: {}", got.body);
    }
    // A reader the table lets in is answered, and then from what was kept for them.
    let token = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let first = get(&server, presence, &[("authorization", &bearer(&token))]);
    assert_eq!(first.status, 200, "{}", first.body);
    let hits = counter(&server, "chancery_cache_hits_total");
    let again = get(&server, presence, &[("authorization", &bearer(&token))]);
    assert_eq!((again.status, &again.etag), (200, &first.etag));
    assert_eq!(again.body, first.body);
    assert_eq!(counter(&server, "chancery_cache_hits_total"), hits + 1);
}

/// A `HEAD` has no body, whether the answer is kept or not (axum's method router strips it on
/// the full path). Over HTTP/1 hyper drops a body anyway; the service itself (what tests,
/// benches and any other server see) does not depend on that.
#[tokio::test]
async fn a_head_has_no_body_whether_its_answer_is_kept_or_not() {
    use tower::ServiceExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let (chancery, accounts) = common::in_process_store(dir.path(), "head", true).await;
    let app = chancery_server::router(chancery_server::AppState::new(
        chancery,
        std::sync::Arc::new(accounts),
        true,
    ));
    let path = "/api/v1/relations/US/RU/presence?as_of=2018-01-01";
    let ask = |method: &str| {
        axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("host", "127.0.0.1")
            .body(axum::body::Body::empty())
            .expect("request")
    };
    let body = |r: axum::response::Response| async move {
        axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .expect("body")
            .len()
    };
    // Not kept yet: the full path answers HEAD, without a body.
    let first_head = app.clone().oneshot(ask("HEAD")).await.unwrap();
    assert_eq!(first_head.status(), 200);
    assert_eq!(body(first_head).await, 0, "full path HEAD");
    // Kept by a GET; the next HEAD is found at the edge.
    let got = app.clone().oneshot(ask("GET")).await.unwrap();
    assert_eq!(got.status(), 200);
    assert!(body(got).await > 0);
    let head = app.clone().oneshot(ask("HEAD")).await.unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        body(head).await,
        0,
        "a HEAD answered at the edge carries a body"
    );
}

/// The key puts a query's parameters in order by name, but handlers read decoded names: `as_of`
/// and `as%5Fof` are one name to the what-if page (which takes the first) and would be two to
/// the key. A crafted order must not have its answer kept for readers of another order, who
/// would then get a page for another date.
#[test]
fn parameters_spelt_differently_are_not_reordered_into_another_query() {
    let server = start(true);
    let crafted = "/relations/US/RU/what-if?as_of=2024-06-01&as%5Fof=2020-01-01";
    let plain = "/relations/US/RU/what-if?as%5Fof=2020-01-01&as_of=2024-06-01";
    let c = get(&server, crafted, &[]);
    assert_eq!(c.status, 200, "{}", c.body);
    let p = get(&server, plain, &[]);
    assert_eq!(p.status, 200, "{}", p.body);
    // The plain order's first `as_of` is 2020-01-01: its page is not the crafted one's.
    assert_ne!(
        p.etag, c.etag,
        "{plain} was answered with the page kept for {crafted}"
    );
}

/// Every answer carries the security headers, the 421 of the host check included.
#[test]
fn a_misdirected_request_carries_the_security_headers() {
    let server = start(true);
    let r = match ureq::get(&server.url("/api/v1/states"))
        .set("host", "evil.example")
        .call()
    {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(r.status(), 421);
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r.header("content-security-policy").is_some());
}
