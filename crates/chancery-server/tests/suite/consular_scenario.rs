//! Scenarios on a recorded post over HTTP: Moscow under the local-staff ban (R042, in force from
//! 1 Aug 2021), emergency services only, with test figures recorded by the US ministry.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{get, post, start};
use serde_json::{json, Value};

const SCENARIO: &str = "/api/v1/relations/US/RU/posts/us-embassy-moscow/consular/scenario";

/// 10 officers, no local staff left, 50 emergency cases an officer-day: 10 x 0.25 x 50 = 125 a
/// working day under the ban, for 900 requests a week. `visibility` of the figures as given.
fn record_figures(server: &common::Server, visibility: Value) {
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let acts = server.url("/api/v1/acts");
    let with = |mut act: Value| {
        act["visibility"] = visibility.clone();
        act
    };
    for act in [
        json!({"kind": "consular_staff_reported", "date": "2021-09-01",
               "post": "us-embassy-moscow", "officers": 10, "local_staff": 0,
               "estimate": true, "sources": ["a test figure"]}),
        json!({"kind": "consular_productivity_set", "date": "2021-09-01",
               "post": "us-embassy-moscow", "service": "emergency_citizen_services",
               "cases_per_officer_day": 50, "sources": ["a test figure"]}),
        json!({"kind": "consular_demand_reported", "date": "2021-09-01",
               "post": "us-embassy-moscow", "service": "emergency_citizen_services",
               "per_week": 900, "estimate": true, "sources": ["a test figure"]}),
    ] {
        let (status, body) = post(&acts, Some(&us), &with(act));
        assert_eq!(status, 201, "{body}");
    }
}

fn last_median(run: &Value) -> f64 {
    run["services"][0]["waits_weekly"]
        .as_array()
        .and_then(|w| w.last())
        .and_then(|w| w["p50"]["mean"].as_f64())
        .unwrap_or_else(|| panic!("weekly waits: {run}"))
}

#[test]
fn lifting_the_ban_with_thirty_local_staff_back_lowers_the_waits() {
    let server = start(true);
    record_figures(&server, json!("public"));
    let request = json!({"as_of": "2021-10-01", "days": 140, "replications": 4, "lift": ["r042"],
        "changes": [{"local_staff": {"to": 30, "over_days": 90}}]});
    let (status, a) = post(&server.url(SCENARIO), None, &request);
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["baseline"]["local_staff_limit"], 0, "{a}");
    assert!(a["scenario"]["local_staff_limit"].is_null(), "{a}");
    assert_eq!(a["baseline"]["services"][0]["capacity_weekly"][10], 625.0);
    // 30 local staff for 10 officers: full support, 2,500 a week.
    assert_eq!(a["scenario"]["services"][0]["capacity_weekly"][18], 2500.0);
    let (base, scen) = (last_median(&a["baseline"]), last_median(&a["scenario"]));
    assert!(
        base > 50.0 && scen < 5.0,
        "baseline {base}, scenario {scen}"
    );
    assert!(a["method"]
        .as_str()
        .is_some_and(|m| m.contains("same seed")));

    // The ban still binds unless lifted; a lift of anything else is refused by name.
    let (status, e) = post(
        &server.url(SCENARIO),
        None,
        &json!({"as_of": "2021-10-01", "days": 14, "lift": ["r012"]}),
    );
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["error"]["code"], "scenario_lift_not_a_limit");
    assert_eq!(e["error"]["details"]["field"], "lift[0]");
    let (status, e) = post(
        &server.url(SCENARIO),
        None,
        &json!({"as_of": "2021-10-01", "days": 14, "replications": 500}),
    );
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["error"]["details"]["field"], "replications");
    let (status, e) = post(
        &server.url("/api/v1/relations/US/RU/posts/no-such-post/consular/scenario"),
        None,
        &json!({"as_of": "2021-10-01"}),
    );
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (404, Some("unknown_post"))
    );
    let (status, e) = post(&server.url(SCENARIO), None, &json!({"dayz": 3}));
    assert_eq!(status, 400, "{e}");
}

#[test]
fn the_other_partys_internal_figures_do_not_feed_a_scenario() {
    let server = start(true);
    record_figures(&server, json!({"internal": "US"}));
    let request = json!({"as_of": "2021-10-01", "days": 14, "replications": 1});
    let us = server.token_for("us-viewer", "us-mfa", Role::Viewer, TokenScope::Read);
    let ru = server.token_for("ru-viewer", "ru-mfa", Role::Viewer, TokenScope::Read);
    let (status, a) = post(&server.url(SCENARIO), Some(&us), &request);
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["baseline"]["officers"], 10);
    for token in [Some(ru.as_str()), None] {
        let (status, e) = post(&server.url(SCENARIO), token, &request);
        assert_eq!(status, 422, "{e}");
        assert_eq!(e["error"]["code"], "scenario_no_figures", "{e}");
    }
}

#[test]
fn the_capacity_answer_gives_weekly_waits_after_a_warm_up() {
    let server = start(true);
    record_figures(&server, json!("public"));
    let (status, c) =
        get(&server.url("/api/v1/relations/US/RU/consular/capacity?as_of=2021-10-01"));
    assert_eq!(status, 200, "{c}");
    let moscow = c["missions"]
        .as_array()
        .expect("missions")
        .iter()
        .flat_map(|m| m["posts"].as_array().expect("posts"))
        .find(|p| p["post"] == "us-embassy-moscow")
        .expect("Moscow");
    let waits = moscow["services"]
        .as_array()
        .expect("services")
        .iter()
        .find_map(|s| (s["service"] == "emergency_citizen_services").then(|| s["waits"].clone()))
        .expect("emergency services");
    let weekly = waits["weekly"].as_array().expect("weekly waits");
    assert_eq!(weekly.len(), 13, "{waits}");
    // 900 a week for 625 places, and 91 days of it before the day asked: a long wait from the
    // first week on.
    let first = weekly[0]["p50"]["mean"].as_f64().expect("median");
    assert!(first > 30.0, "{first}");
    assert!(c["method"].as_str().is_some_and(|m| m.contains("warm-up")));
}

fn page(server: &common::Server, path: &str) -> String {
    let r = ureq::get(&server.url(path)).call().expect("a page");
    assert_eq!(r.status(), 200);
    r.into_string().expect("html")
}

#[test]
fn the_post_desk_charts_waits_and_compares_a_scenario_without_javascript() {
    let server = start(true);
    record_figures(&server, json!("public"));
    let desk = "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2021-10-01";
    let html = page(&server, desk);
    assert!(html.contains("Waits over the coming weeks"), "{html}");
    assert!(
        html.contains("id=\"waits-chart-desc\""),
        "a text alternative"
    );
    assert!(html.contains("Days to an appointment"), "an axis label");
    assert!(html.contains("emergency help to nationals, median") || html.contains(", median"));
    assert!(html.contains("<form method=\"get\""), "a GET form");
    assert!(!html.contains("<script"), "no JavaScript");
    assert!(
        !html.contains("The record and the scenario"),
        "nothing run yet"
    );

    let run = format!(
        "{desk}&scenario=run&lift=r042&local_staff_to=30&local_staff_over_days=90&days=140&replications=2"
    );
    let html = page(&server, &run);
    assert!(html.contains("The record and the scenario"), "{html}");
    assert!(html.contains("id=\"scenario-chart-desc\""));
    assert!(html.contains("625 → 2500"), "capacity before and after");
    assert!(
        html.contains("<option value=\"r042\" selected>"),
        "the form keeps what was asked, as a choice among the limits in force: {html}"
    );
    assert!(
        html.contains("R042: "),
        "the limit is offered by its reference and summary, not a typed id"
    );

    let html = page(
        &server,
        &format!("{desk}&scenario=run&local_staff_to=thirty"),
    );
    assert!(
        html.contains("id=\"local_staff_to-error\"")
            && html.contains("“thirty” is not a whole number."),
        "{html}"
    );
    let html = page(&server, &format!("{desk}&scenario=run&lift=a&lift=b"));
    assert!(html.contains("The form could not be read"), "{html}");
    let html = page(&server, &format!("{desk}&scenario=run&lift=r012"));
    assert!(html.contains("id=\"lift-error\""), "{html}");
    assert!(html.contains("is not a local-staff limit in force against this post"));
    assert!(!html.contains("The record and the scenario"));
}
