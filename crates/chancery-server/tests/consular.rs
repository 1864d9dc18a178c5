//! The consular API on the demo: services per post and service, read-only and authorised.

#[allow(dead_code)]
mod common;

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
