//! Review: the acts list and the acts API told any reader the journal's head ("of 237
//! recorded", `next_after: 237`), so a public reader learned that another party had recorded
//! internal acts after the last act they may see. And `after` at its largest made the list
//! panic. Both now answer from the last act the reader may see.

#[allow(dead_code)]
mod common;

use chancery_accounts::{Role, TokenScope};
use serde_json::json;

#[test]
fn no_reader_learns_of_acts_recorded_out_of_their_sight() {
    let server = common::start(true);
    let answers = || {
        let (status, api) = common::get(&server.url("/api/v1/acts?after=200&limit=500"));
        assert_eq!(status, 200, "{api}");
        let page = common::page(&server, "/acts?as_of=2026-01-01&after=200");
        (
            api["next_after"].clone(),
            api["acts"].as_array().map(Vec::len),
            page,
        )
    };
    let before = answers();
    let ru = server.token_for("ru-neg", "ru-mfa", Role::Negotiator, TokenScope::Write);
    for i in 0..3 {
        let (status, body) = common::post(
            &server.url("/api/v1/acts"),
            Some(&ru),
            &json!({"kind": "statement_recorded", "date": "2025-10-01", "by": "RU",
                    "about": "US", "summary": format!("internal note {i}"),
                    "visibility": {"internal": "RU"}}),
        );
        assert_eq!(status, 201, "{body}");
    }
    let after = answers();
    assert_eq!(before.0, after.0, "next_after moved with hidden acts");
    assert_eq!(before.1, after.1);
    assert_eq!(before.2, after.2, "the acts list changed with hidden acts");
    assert!(!after.2.contains("internal note"));
}

#[test]
fn the_largest_after_is_an_answer_not_a_panic() {
    let server = common::start(true);
    let (status, body) = common::fetch(&server.url(&format!("/acts?after={}", u64::MAX)));
    assert!(status == 200 || status == 400, "{status}: {body}");
    let (status, body) = common::get(&server.url(&format!("/api/v1/acts?after={}", u64::MAX)));
    assert!(status == 200 || status == 400, "{status}: {body}");
}
