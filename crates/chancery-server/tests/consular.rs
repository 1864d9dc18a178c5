//! The consular API on the demo: services per post and service, read-only and authorised.

#[allow(dead_code)]
mod common;

use chancery_accounts::{Role, TokenScope};
use common::{get, get_with, start};

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
