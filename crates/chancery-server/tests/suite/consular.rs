//! The consular API on the demo: services per post and service, read-only and authorised.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{get, get_with, post, start};
use serde_json::json;

#[test]
fn consular_services_are_served_per_post_and_service() {
    let server = start(true);
    let (status, body) =
        get(&server.url("/api/v1/relations/US/RU/consular/services?as_of=2022-01-01"));
    assert_eq!(status, 200, "{body}");
    let moscow = body["missions"]
        .as_array()
        .expect("missions")
        .iter()
        .flat_map(|m| m["posts"].as_array().expect("posts"))
        .find(|p| p["post"] == "us-embassy-moscow")
        .expect("Moscow listed");
    let iv = moscow["services"]
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["service"] == "immigrant_visa")
        .expect("immigrant visas listed");
    assert_eq!(iv["level"], "none");
    assert_eq!(iv["routed_to"][0]["city"], "Warsaw");
    assert!(iv["recorded_seq"].as_u64().is_some(), "{iv}");

    let (status, body) = get(&server.url("/api/v1/relations/US/XX/consular/services"));
    assert_eq!(status, 404, "{body}");
    let (status, body) =
        get(&server.url("/api/v1/relations/US/RU/consular/services?as_of=2022-13-01"));
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_parameter", "{body}");
    assert_eq!(body["error"]["details"]["parameter"], "as_of", "{body}");
}

#[test]
fn consular_services_need_read_access() {
    // A server without public read answers only signed-in readers.
    let server = common::start_with(true, false);
    let (status, _) = get(&server.url("/api/v1/relations/US/RU/consular/services"));
    assert_eq!(status, 401);
    let token = server.token_for("reader", "us-mfa", Role::Viewer, TokenScope::Read);
    let (status, body) = get_with(
        &server.url("/api/v1/relations/US/RU/consular/services"),
        &token,
    );
    assert_eq!(status, 200, "{body}");
}

/// The plain M/M/c simulation over HTTP agrees with the Erlang C figures it answers beside
/// them, is the same for the same seed, and names the field of a bad request.
#[test]
fn the_simulator_answers_mm_c_checkably() {
    let server = common::start_with(false, false);
    let url = server.url("/api/v1/consular/simulate");
    // About two million applicants: the domain's tests state 5% for runs of this size.
    let request = json!({"servers": 5, "arrival_rate_per_day": 40.0,
        "service_rate_per_day": 10.0, "days": 2500, "seed": 7, "replications": 20});
    // Reading is enough, and needed.
    let (status, _) = post(&url, None, &request);
    assert_eq!(status, 401);
    let token = server.token_for("reader", "us-mfa", Role::Viewer, TokenScope::Read);
    let (status, a) = post(&url, Some(&token), &request);
    assert_eq!(status, 200, "{a}");
    let simulated = a["wait_days"]["mean"].as_f64().expect("mean wait");
    let theory = a["theory"]["wait_days"]["mean"].as_f64().expect("Erlang C");
    assert!(
        (simulated - theory).abs() / theory < 0.05,
        "simulated {simulated} against Erlang C {theory}"
    );
    for key in ["p50", "p90"] {
        assert!(a["wait_days"][key].as_f64().is_some(), "{key}: {a}");
    }
    let rho = a["utilisation"].as_f64().expect("utilisation");
    assert!((rho - 0.8).abs() < 0.02, "{rho}");
    let (_, again) = post(&url, Some(&token), &request);
    assert_eq!(again["wait_days"], a["wait_days"], "same seed, same answer");

    let unstable = json!({"servers": 2, "arrival_rate_per_day": 5.0,
        "service_rate_per_day": 1.0, "days": 10});
    let (status, e) = post(&url, Some(&token), &unstable);
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["error"]["code"], "queue_unstable");
    let zero = json!({"servers": 0, "arrival_rate_per_day": 1.0,
        "service_rate_per_day": 1.0, "days": 10});
    let (status, e) = post(&url, Some(&token), &zero);
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["error"]["details"]["field"], "servers");
    let (status, e) = post(&url, Some(&token), &json!({"servers": 1}));
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (400, Some("invalid_json"))
    );
    let huge = json!({"servers": 1000, "arrival_rate_per_day": 900.0,
        "service_rate_per_day": 1.0, "days": 3660, "replications": 200});
    let (status, e) = post(&url, Some(&token), &huge);
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["error"]["code"], "queue_simulation_too_large");
}

/// A consular staff figure recorded by the sending state's ministry gives the post's capacity;
/// the same figure recorded by the other ministry is only its claim and changes nothing.
#[test]
fn capacity_follows_the_sending_states_staff_figure() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let acts = server.url("/api/v1/acts");
    let figure = |officers: u32| {
        json!({"kind": "consular_staff_reported", "date": "2019-06-03",
               "post": "us-embassy-moscow", "officers": officers, "local_staff": 40,
               "estimate": true, "sources": ["a test figure"]})
    };
    let visitor = || {
        let (status, c) =
            get(&server.url("/api/v1/relations/US/RU/consular/capacity?as_of=2019-06-05"));
        assert_eq!(status, 200, "{c}");
        c["missions"]
            .as_array()
            .expect("missions")
            .iter()
            .flat_map(|m| m["posts"].as_array().expect("posts"))
            .find(|p| p["post"] == "us-embassy-moscow")
            .and_then(|p| {
                p["services"]
                    .as_array()?
                    .iter()
                    .find(|s| s["service"] == "nonimmigrant_visitor")
                    .cloned()
            })
            .expect("Moscow's visitor visas")
    };
    assert!(
        visitor()["capacity_per_week"].is_null(),
        "no staff figure yet"
    );
    let (status, body) = post(&acts, Some(&ru), &figure(1));
    assert_eq!(status, 201, "{body}");
    assert!(
        visitor()["capacity_per_week"].is_null(),
        "a claim is no figure"
    );
    let (status, body) = post(&acts, Some(&us), &figure(10));
    assert_eq!(status, 201, "{body}");
    // 10 officers x 100 interviews (the default, an estimate with its sources) x full support
    // (40 local staff) x 5 working days (3-7 June 2019).
    let v = visitor();
    assert_eq!(v["capacity_per_week"], 5000.0, "{v}");
    assert_eq!(v["productivity_from"], "default");
}
