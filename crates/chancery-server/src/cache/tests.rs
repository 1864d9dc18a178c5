use axum::http::{HeaderMap, Uri};

use super::*;
use crate::metrics::RouteIndex;
use chancery_domain::CivilDate;

/// The key of an anonymous reader's `path` (shared with `flight`'s tests).
pub(super) fn key(path: &str) -> Key {
    let uri: Uri = path.parse().unwrap();
    Key::new(
        &uri,
        &HeaderMap::new(),
        Viewer::Anonymous,
        None,
        CivilDate::from_unix_micros(0),
    )
}

fn answer(body: &str) -> Arc<Answer> {
    Arc::new(Answer {
        route: RouteIndex(0),
        headers: HeaderMap::new(),
        body: Bytes::from(body.to_owned()),
        etag: validators::etag_of(body.as_bytes()),
    })
}

#[test]
fn an_answer_is_kept_until_the_head_moves() {
    let cache = AnswerCache::new(1 << 20);
    cache.put(key("/a"), 7, answer("seven"));
    assert_eq!(cache.get(&key("/a"), 7).unwrap().body, "seven");
    assert!(cache.get(&key("/b"), 7).is_none());
    // The record moved: what was computed before is gone, and stays gone.
    assert!(cache.get(&key("/a"), 8).is_none());
    assert!(cache.get(&key("/a"), 7).is_none());
    // An answer computed at an older head than the shard has seen is not kept.
    cache.put(key("/a"), 7, answer("late"));
    assert!(cache.get(&key("/a"), 8).is_none());
    assert_eq!(cache.usage().entries, 0);
}

#[test]
fn a_flood_of_distinct_queries_stays_within_the_budget() {
    let budget = 256 << 10;
    let cache = AnswerCache::new(budget);
    let body = "x".repeat(1000);
    for i in 0..10_000 {
        cache.put(key(&format!("/a?q={i}")), 1, answer(&body));
        assert!(
            cache.usage().bytes <= budget,
            "after {i}: {:?}",
            cache.usage()
        );
    }
    let usage = cache.usage();
    assert!(usage.entries > 0 && usage.entries < 10_000, "{usage:?}");
    assert!(usage.evictions > 0);
    // The newest are still there.
    assert!(cache.get(&key("/a?q=9999"), 1).is_some());
}

#[test]
fn a_used_entry_outlives_unused_ones() {
    let budget = 64 << 10;
    let cache = AnswerCache::new(budget);
    let body = "x".repeat(100);
    cache.put(key("/hot"), 1, answer(&body));
    for i in 0..5_000 {
        cache.put(key(&format!("/cold?{i}")), 1, answer(&body));
        assert!(cache.get(&key("/hot"), 1).is_some(), "evicted after {i}");
    }
}

#[test]
fn an_answer_too_large_is_not_kept_and_no_budget_keeps_nothing() {
    let cache = AnswerCache::new(64 << 10);
    assert!(!cache.fits(64 << 10));
    cache.put(key("/big"), 1, answer(&"x".repeat(64 << 10)));
    assert!(cache.get(&key("/big"), 1).is_none());
    let none = AnswerCache::new(0);
    assert!(!none.enabled());
    none.put(key("/a"), 1, answer("a"));
    assert!(none.get(&key("/a"), 1).is_none());
}
