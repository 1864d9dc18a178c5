//! Search through HTTP on the demo: a name typed in either script finds its person and post,
//! the page links each hit to its page, and bad queries are refused with a stable code.

use crate::common;

use serde_json::Value;

/// Percent-encodes a query value (the Cyrillic of a name) byte by byte.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn hits(server: &common::Server, q: &str) -> Vec<Value> {
    let (status, body) =
        common::get(&server.url(&format!("/api/v1/search?q={}&as_of=2025-06-01", enc(q))));
    assert_eq!(status, 200, "{q}: {body}");
    body["hits"].as_array().cloned().unwrap_or_default()
}

fn finds(hits: &[Value], kind: &str, title: &str) -> bool {
    hits.iter()
        .any(|h| h["kind"] == kind && h["title"] == title)
}

#[test]
fn names_are_found_in_either_script_through_the_api() {
    let server = common::start(true);
    for (q, kind, title) in [
        ("Салливан", "person", "John Sullivan"),
        ("Sullivan", "person", "John Sullivan"),
        ("Антонов", "person", "Anatoly Antonov"),
        ("Antonov", "person", "Anatoly Antonov"),
        ("Трейси", "person", "Lynne Tracy"),
        ("Екатеринбург", "post", "US Consulate General Yekaterinburg"),
        ("Посольство США", "post", "US Embassy Moscow"),
    ] {
        let h = hits(&server, q);
        assert!(finds(&h, kind, title), "{q} finds {title}: {h:?}");
    }
    let h = hits(&server, "Салливан");
    let sullivan = h.iter().find(|h| h["title"] == "John Sullivan").unwrap();
    assert_eq!(sullivan["names"]["ru"], "Джон Салливан");
    assert_eq!(
        sullivan["matched"], "prefix",
        "the recorded Russian name, from the start of a word"
    );
    assert_eq!(
        (sullivan["a"].as_str(), sullivan["b"].as_str()),
        (Some("US"), Some("RU"))
    );
}

#[test]
fn bad_queries_are_refused_with_a_code() {
    let server = common::start(true);
    let (status, body) = common::get(&server.url("/api/v1/search?q=%20&as_of=2025-06-01"));
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("query_empty"))
    );
    let long = "x".repeat(101);
    let (status, body) = common::get(&server.url(&format!("/api/v1/search?q={long}")));
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("query_too_long"))
    );
    let (status, _) = common::get(&server.url("/api/v1/search"));
    assert_eq!(status, 400, "q is required");
}

#[test]
fn the_search_page_links_each_hit_and_pages_show_both_scripts() {
    let server = common::start(true);
    let page = |path: &str| {
        ureq::get(&server.url(path))
            .call()
            .expect(path)
            .into_string()
            .unwrap()
    };
    let html = page(&format!("/search?q={}&as_of=2025-06-01", enc("Салливан")));
    assert!(
        html.contains("/relations/US/RU/people/John%20Sullivan?as_of=2025-06-01"),
        "the hit links to the person's page"
    );
    assert!(
        html.contains("lang=\"ru\""),
        "the Russian name is marked as Russian"
    );
    // Every page carries the search box.
    let overview = page("/relations/US/RU?as_of=2025-06-01");
    assert!(overview.contains("action=\"/search\""));
    // The person's and the post's pages show the other script beside the name.
    let person = page("/relations/US/RU/people/John%20Sullivan?as_of=2021-06-01");
    assert!(
        person.contains("Джон Салливан"),
        "the person page shows the Russian name"
    );
    let post = page("/relations/US/RU/posts/us-cg-vladivostok?as_of=2015-06-01");
    assert!(post.contains("Генеральное консульство США во Владивостоке"));
    assert!(post.contains("Владивосток"));
    // In Russian, the page's words are Russian.
    let ru = page(&format!(
        "/search?q={}&as_of=2025-06-01&lang=ru",
        enc("Sullivan")
    ));
    assert!(
        ru.contains("Поиск") && ru.contains("Лицо"),
        "the Russian page"
    );
}
