//! Nationals' cases where people work and the relation's alerts, on the real server over the
//! demo: the alerts API, the post desk's cases section, the relation desk's line per post, the
//! post page's notice and the overview's box. Each ministry sees its own internal cases only;
//! the other party, a mediator and the public see none and no hint of them.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{browser_get, get, get_with, signed_in, start, Server};
use serde_json::json;

const ON: &str = "as_of=2025-06-01";

/// A US national arrested in Moscow in the US embassy's district, never notified nor visited;
/// a Russian national detained in New York, notified on time but not visited. Both internal
/// to the national's ministry.
fn plant(server: &Server) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for v in [
        json!({"kind": "case_opened", "date": "2025-05-20", "case": "deskcaseus",
               "national_of": "US", "held_in": "RU", "case_kind": "arrest", "city": "Moscow",
               "post": "us-embassy-moscow", "description": "markerus arrest",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_opened", "date": "2025-05-25", "case": "deskcaseru",
               "national_of": "RU", "held_in": "US", "case_kind": "detention",
               "city": "New York", "post": "ru-cg-new-york", "description": "markerru detention",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "case_step", "date": "2025-05-26", "case": "deskcaseru",
               "step": "consulate_notified", "summary": "markerru notified",
               "visibility": {"internal": "RU"}}),
    ] {
        let act = chancery_domain::Act::from_json(v).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap();
    }
}

/// The alerts about nationals' cases (the record's other alerts, about the demo's commitments,
/// vacancies and figures, are left to tests/desk.rs).
fn clocks(alerts: &serde_json::Value) -> Vec<serde_json::Value> {
    alerts["alerts"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .filter(|a| a["subject"]["type"] == "consular_clock")
        .cloned()
        .collect()
}

fn cases_of(alerts: &serde_json::Value) -> Vec<String> {
    clocks(alerts)
        .iter()
        .map(|a| a["subject"]["case"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn the_alerts_api_answers_each_reader_with_its_own_cases_only() {
    let server = start(true);
    plant(&server);
    let url = server.url(&format!("/api/v1/relations/US/RU/alerts?{ON}"));
    let us = server.token_for("us-viewer", "us-mfa", Role::Viewer, TokenScope::Read);
    let ru = server.token_for("ru-viewer", "ru-mfa", Role::Viewer, TokenScope::Read);
    let med = server.token_for("med-viewer", "mediators", Role::Viewer, TokenScope::Read);

    let (status, body) = get_with(&url, &us);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["as_of"], "2025-06-01");
    // Notification due by 23 May, access by 24 May: 9 and 8 days overdue on 1 June.
    assert_eq!(cases_of(&body), ["deskcaseus", "deskcaseus"], "{body}");
    let c = clocks(&body);
    assert_eq!(c[0]["kind"], "consular_clock_overdue");
    assert_eq!(c[0]["days_overdue"], 9);
    assert_eq!(c[0]["subject"]["post"], "us-embassy-moscow");
    assert_eq!(c[1]["days_overdue"], 8);

    let (status, body) = get_with(&url, &ru);
    assert_eq!(status, 200);
    // Notified on time: only access, due by 29 May.
    assert_eq!(cases_of(&body), ["deskcaseru"], "{body}");
    assert_eq!(clocks(&body)[0]["subject"]["clock"], "consular_access");

    for body in [get_with(&url, &med).1, get(&url).1] {
        assert!(clocks(&body).is_empty(), "{body}");
    }
    // The same errors as the relation's other routes.
    let (status, body) = get_with(&server.url("/api/v1/relations/US/ZZ/alerts"), &us);
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (404, json!("unknown_state"))
    );
    let (status, _) = get_with(
        &server.url("/api/v1/relations/US/RU/alerts?as_of=2025-13-01"),
        &us,
    );
    assert_eq!(status, 400);
    let (status, _) = get_with(&server.url("/api/v1/relations/US/US/alerts"), &us);
    assert_eq!(status, 400);
    let (status, _) = get_with(&url, "chy_made_up");
    assert_eq!(status, 401);
    let private = common::start_with(true, false);
    let (status, _) = get(&private.url("/api/v1/relations/US/RU/alerts"));
    assert_eq!(status, 401, "no public read: nobody is refused");
}

#[test]
fn the_post_desk_shows_its_cases_with_clocks_in_words_to_the_nationals_ministry_only() {
    let server = start(true);
    plant(&server);
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let ru = signed_in(&server, "ru-v", "ru-mfa", Role::Viewer);
    let desk = format!("/relations/US/RU/posts/us-embassy-moscow/consular?{ON}");

    let (status, page) = browser_get(&server, &desk, &us);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"cases\""), "the anchor");
    for want in [
        "Nationals' cases",
        "Case deskcaseus: Arrest",
        "markerus arrest",
        "Held",
        "Notification of the consulate",
        "Consular access to the national",
        "Consular Convention between the United States and the USSR",
        "VCCR Art. 36(1)(b)",
        "within 3 days, by 2025-05-23",
        "Overdue",
        "by 9 days",
        "<tr class=\"overdue\">",
        "<section class=\"panel overdue\"",
        "/acts/",
    ] {
        assert!(page.contains(want), "US desk lacks {want:?}");
    }
    assert!(!page.contains("deskcaseru") && !page.contains("markerru"));

    // The other party: the same post's desk says there is nothing, without a hint.
    let (status, page) = browser_get(&server, &desk, &ru);
    assert_eq!(status, 200);
    // It sees the demo's publicly reported cases of US nationals, and nothing of the hidden one.
    assert!(page.contains("Case us-ru-2022-02-moscow"), "{page}");
    for hidden in [
        "deskcaseus",
        "markerus",
        "Overdue",
        "class=\"overdue\"",
        "panel overdue",
    ] {
        assert!(!page.contains(hidden), "RU sees {hidden:?}");
    }
    // And the public.
    let body = ureq::get(&server.url(&desk))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(body.contains("Case us-ru-2022-02-moscow"), "{body}");
    assert!(!body.contains("markerus") && !body.contains("deskcaseus"));

    // The RU consulate's desk, to its ministry: notified on time, access running then overdue.
    let (_, page) = browser_get(
        &server,
        &format!("/relations/US/RU/posts/ru-cg-new-york/consular?{ON}"),
        &ru,
    );
    assert!(page.contains("Case deskcaseru: Detention"), "{page}");
    assert!(
        page.contains("Met") && page.contains("on day 1") && page.contains("markerru notified")
    );
}

#[test]
fn the_relation_desk_summarises_each_posts_cases_with_a_link_to_them() {
    let server = start(true);
    plant(&server);
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let ru = signed_in(&server, "ru-v", "ru-mfa", Role::Viewer);
    let desk = format!("/relations/US/RU/consular?{ON}");
    let (status, page) = browser_get(&server, &desk, &us);
    assert_eq!(status, 200);
    assert!(
        page.contains("/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2025-06-01#cases"),
        "{page}"
    );
    assert!(page.contains("1 open case") && page.contains("2 overdue clocks"));
    assert!(!page.contains("ru-cg-new-york/consular?as_of=2025-06-01#cases"));
    let (_, page) = browser_get(&server, &desk, &ru);
    assert!(page.contains("ru-cg-new-york/consular?as_of=2025-06-01#cases"));
    assert!(page.contains("1 overdue clock"));
    // The US embassy's summary holds only the demo's public cases, all ended by then.
    assert!(!page.contains("2 overdue clocks"), "{page}");
    let (_, page) = browser_get(
        &server,
        &desk,
        &signed_in(&server, "m", "mediators", Role::Viewer),
    );
    assert!(
        !page.contains("deskcase") && !page.contains("overdue clock"),
        "{page}"
    );
}

#[test]
fn the_post_page_and_the_overview_tell_the_nationals_ministry_of_overdue_clocks() {
    let server = start(true);
    plant(&server);
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let ru = signed_in(&server, "ru-v", "ru-mfa", Role::Viewer);
    let post = format!("/relations/US/RU/posts/us-embassy-moscow?{ON}");
    let (status, page) = browser_get(&server, &post, &us);
    assert_eq!(status, 200);
    assert!(page.contains("2 consular clocks overdue"), "{page}");
    assert!(page.contains("us-embassy-moscow/consular?as_of=2025-06-01#cases"));
    let (status, page) = browser_get(&server, &post, &ru);
    assert_eq!(status, 200);
    assert!(
        !page.contains("clocks overdue") && !page.contains("#cases"),
        "{page}"
    );
    // The day before the first deadline passed, no notice.
    let (_, page) = browser_get(
        &server,
        "/relations/US/RU/posts/us-embassy-moscow?as_of=2025-05-23",
        &us,
    );
    assert!(!page.contains("clocks overdue") && !page.contains("clock overdue"));

    let overview = format!("/relations/US/RU?{ON}");
    let (status, page) = browser_get(&server, &overview, &us);
    assert_eq!(status, 200);
    assert!(page.contains("id=\"alerts\""), "the box");
    assert!(page.contains("overdue by 9 days") && page.contains("deskcaseus"));
    assert!(page.contains("us-embassy-moscow/consular?as_of=2025-06-01#cases"));
    assert!(!page.contains("deskcaseru"));
    let (_, page) = browser_get(&server, &overview, &ru);
    assert!(page.contains("id=\"alerts\"") && page.contains("deskcaseru"));
    assert!(!page.contains("deskcaseus"));
    let (_, page) = browser_get(
        &server,
        &overview,
        &signed_in(&server, "m", "mediators", Role::Viewer),
    );
    // The box may hold the demo's own alerts (an agrément pending), never a ministry's case.
    assert!(!page.contains("deskcase"));
    let public = ureq::get(&server.url(&overview))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(!public.contains("deskcase"));
}

/// A step naming the host's denial of access links the measure while it stands; once the host
/// withdraws it, the desk says in words that the measure is gone instead of linking nowhere.
#[test]
fn the_post_desk_says_when_the_denial_a_step_names_is_gone() {
    let server = start(true);
    plant(&server);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let record = |v: serde_json::Value| {
        let act = chancery_domain::Act::from_json(v).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap()
            .seq
    };
    let denial = record(json!({"kind": "measure_imposed", "date": "2025-05-22",
        "measure": "ru-deskdenial", "actor": "RU", "target": "US",
        "measure_kind": "consular_access_denied", "summary": "access refused",
        "visibility": "bilateral"}));
    record(
        json!({"kind": "case_step", "date": "2025-05-23", "case": "deskcaseus",
        "step": "access_denied", "measure": "ru-deskdenial",
        "visibility": {"internal": "US"}}),
    );
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let desk = format!("/relations/US/RU/posts/us-embassy-moscow/consular?{ON}");
    let (_, page) = browser_get(&server, &desk, &us);
    assert!(
        page.contains("/measures/ru-deskdenial"),
        "linked while it stands"
    );
    record(
        json!({"kind": "act_withdrawn", "date": "2025-05-30", "act": denial,
        "reason": "recorded in error", "visibility": "bilateral"}),
    );
    let (_, page) = browser_get(&server, &desk, &us);
    assert!(
        page.contains("the measure it names is no longer on record"),
        "{page}"
    );
    assert!(
        !page.contains("/measures/ru-deskdenial"),
        "a link to nothing"
    );
}
