//! The start page, the talks of a relation, a round's page, a commitment's, the negotiator's
//! brief, and their API, against the real server on the demo.

use crate::common;

use common::{fetch, page, start, Server};

const LATE: &str = "2025-12-01";

fn json(server: &Server, path: &str) -> serde_json::Value {
    serde_json::from_str(&page(server, path)).expect("JSON")
}

#[test]
fn the_start_page_lists_the_relation_and_sorts_by_links() {
    let server = start(true);
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent.get(&server.url("/")).call().expect("GET /");
    assert_eq!(r.status(), 303, "a page without a date gets one");
    let html = page(&server, &format!("/?as_of={LATE}"));
    for needle in [
        "<h1>Relations</h1>",
        "United States – Russia",
        &format!("href=\"/relations/US/RU?as_of={LATE}\""),
        &format!("href=\"/?sort=index&amp;dir=asc&amp;as_of={LATE}\""),
        "Change over the year",
        "Open alerts",
        "Latest round",
        // The round cancelled in June 2025 is the latest.
        &format!("/relations/US/RU/rounds/moscow-2025-06?as_of={LATE}"),
        "(cancelled)",
    ] {
        assert!(html.contains(needle), "the start page lacks {needle:?}");
    }
    assert!(!html.contains("<script"));
    // Sorted by index, the heading says so and offers the other direction.
    let html = page(&server, &format!("/?sort=index&dir=asc&as_of={LATE}"));
    assert!(html.contains("aria-sort=\"ascending\""), "{html}");
    assert!(html.contains(&format!("/?sort=index&amp;dir=desc&amp;as_of={LATE}")));
    // An unknown column is the default order, not an error.
    page(&server, &format!("/?sort=nonsense&dir=up&as_of={LATE}"));
    // Before the record begins, nothing to list.
    let html = page(&server, "/?as_of=1990-01-01");
    assert!(
        html.contains("No relation with an act you may see"),
        "{html}"
    );
}

#[test]
fn the_talks_page_lists_every_round_with_its_commitments() {
    let server = start(true);
    let html = page(&server, &format!("/relations/US/RU/talks?as_of={LATE}"));
    for needle in [
        "Round of talks in Diriyah Palace, Riyadh, 2025-02-18",
        "Round of talks in Washington, 2017-07-17",
        "cancelled by the United States",
        "Under Secretary of State / Deputy Foreign Minister",
        &format!("/relations/US/RU/talks/brief?as_of={LATE}"),
    ] {
        assert!(html.contains(needle), "the talks page lacks {needle:?}");
    }
}

#[test]
fn a_round_links_its_commitments_and_acts_and_they_link_back() {
    let server = start(true);
    let round = format!("/relations/US/RU/rounds/istanbul-2025-04-10?as_of={LATE}");
    let html = page(&server, &round);
    assert!(html.contains("Round of talks in Russian consulate general, Istanbul, 2025-04-10"));
    // Commitments are headed by what was promised.
    assert!(html.contains("Diplomatic notes exchanged committing to unimpeded banking"));
    let commitment = format!("/relations/US/RU/commitments/istanbul-2025-banking?as_of={LATE}");
    assert!(html.contains(&commitment), "the round links its commitment");
    // Its acts: the round held and the commitments made there, each linked to its page.
    let act_links: Vec<&str> = html
        .split("href=\"/acts/")
        .skip(1)
        .filter_map(|s| s.split('?').next())
        .collect();
    assert!(act_links.len() >= 4, "{act_links:?}");
    let c = page(&server, &commitment);
    assert!(c.contains("<h1>Diplomatic notes exchanged committing to unimpeded banking"));
    assert!(c.contains(&round), "the commitment links its round");
    // The act of the round links back to the round.
    let first = act_links[0];
    let act = page(&server, &format!("/acts/{first}?as_of={LATE}"));
    assert!(
        act.contains(&format!(
            "/relations/US/RU/rounds/istanbul-2025-04-10?as_of={LATE}"
        )) || act.contains(&format!(
            "/relations/RU/US/rounds/istanbul-2025-04-10?as_of={LATE}"
        )),
        "act #{first} does not link its round"
    );
    // A round the record lacks delegations for says so, and an unknown round is a 404.
    let (status, _) = fetch(&server.url(&format!(
        "/relations/US/RU/rounds/no-such-round?as_of={LATE}"
    )));
    assert_eq!(status, 404);
}

#[test]
fn the_brief_lists_what_is_owed_what_changed_and_what_comes_next() {
    let server = start(true);
    let html = page(
        &server,
        &format!("/relations/US/RU/talks/brief?as_of={LATE}"),
    );
    for needle in [
        "Brief for the next round: United States – Russia",
        // The last round held is Istanbul, 10 April 2025 (June's was cancelled).
        "Round of talks in Russian consulate general, Istanbul, 2025-04-10",
        "Commitments owed",
        "Hold a third round on visas, embassy operations and property this autumn.",
        "What changed since the last round",
        "The roadmap's next steps",
        "Parity that moved since the last round",
    ] {
        assert!(html.contains(needle), "the brief lacks {needle:?}");
    }
    // In 2026 the autumn round is overdue.
    let html = page(&server, "/relations/US/RU/talks/brief?as_of=2026-01-15");
    assert!(
        html.contains("class=\"overdue\""),
        "no overdue commitment flagged"
    );
}

#[test]
fn the_api_answers_what_the_pages_show() {
    let server = start(true);
    let list = json(&server, &format!("/api/v1/relations?as_of={LATE}"));
    let rel = &list["relations"][0];
    assert_eq!(rel["states"], serde_json::json!(["RU", "US"]));
    assert!(rel["index"].is_number(), "{rel}");
    assert_eq!(rel["latest_round"]["id"], "moscow-2025-06");
    let talks = json(
        &server,
        &format!("/api/v1/relations/US/RU/talks?as_of={LATE}"),
    );
    let riyadh = talks["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| r["round"]["id"] == "riyadh-2025-02-18")
        .expect("Riyadh");
    assert_eq!(riyadh["tally"]["made"], 1);
    assert_eq!(riyadh["tally"]["kept"], 1);
    let round = json(
        &server,
        &format!("/api/v1/relations/US/RU/rounds/istanbul-2025-04-10?as_of={LATE}"),
    );
    assert!(
        round["acts"].as_array().is_some_and(|a| a.len() >= 4),
        "{round}"
    );
    let (status, body) = fetch(&server.url("/api/v1/relations/US/RU/rounds/nope?as_of=2025-01-01"));
    assert_eq!(status, 404);
    assert!(body.contains("unknown_round"), "{body}");
    let brief = json(
        &server,
        &format!("/api/v1/relations/US/RU/brief?as_of={LATE}"),
    );
    assert_eq!(brief["last_round"]["id"], "istanbul-2025-04-10");
    assert!(brief["commitments"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
}

#[test]
fn the_start_page_talks_and_brief_speak_russian() {
    let server = start(true);
    for (path, needle) in [
        (format!("/?as_of={LATE}&lang=ru"), "Изменение за год"),
        (
            format!("/relations/US/RU/talks?as_of={LATE}&lang=ru"),
            "Переговоры:",
        ),
        (
            format!("/relations/US/RU/rounds/istanbul-2025-04-10?as_of={LATE}&lang=ru"),
            "Принятые обязательства",
        ),
        (
            format!("/relations/US/RU/talks/brief?as_of={LATE}&lang=ru"),
            "Справка к следующему раунду",
        ),
    ] {
        let html = page(&server, &path);
        assert!(html.contains(needle), "{path} lacks {needle:?}");
    }
}
