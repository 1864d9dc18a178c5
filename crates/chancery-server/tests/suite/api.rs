//! The HTTP contract that users' scripts rely on, against the real server and the demo.

use crate::common;

use common::{get, post, start, TOKEN};
use serde_json::{json, Value};

fn mission<'a>(presence: &'a Value, sending: &str) -> &'a Value {
    presence["missions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["sending"] == sending))
        .unwrap_or_else(|| panic!("no mission of {sending} in {presence}"))
}

fn post_status<'a>(m: &'a Value, id: &str) -> &'a str {
    m["posts"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == id))
        .and_then(|p| p["status"].as_str())
        .unwrap_or_else(|| panic!("no post {id}"))
}

#[test]
fn healthz_answers() {
    let s = start(false);
    let r = ureq::get(&s.url("/healthz")).call().expect("healthz");
    assert_eq!(r.status(), 200);
}

#[test]
fn presence_on_2018_01_01_shows_the_455_cap_and_the_closed_san_francisco_consulate() {
    let s = start(true);
    let (status, p) = get(&s.url("/api/v1/relations/US/RU/presence?as_of=2018-01-01"));
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["as_of"], "2018-01-01");
    let us = mission(&p, "US");
    assert_eq!(us["host"], "RU");
    let caps: Vec<i64> = us["caps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["cap"].as_i64())
        .collect();
    assert!(caps.contains(&455), "caps {caps:?}");
    assert_eq!(post_status(us, "us-embassy-moscow"), "open");
    assert_eq!(post_status(us, "us-cg-st-petersburg"), "open");
    assert_eq!(us["head_of_mission"]["name"], "Jon Huntsman");
    let ru = mission(&p, "RU");
    assert_eq!(post_status(ru, "ru-cg-san-francisco"), "closed");
    assert_eq!(ru["head_of_mission"]["name"], "Anatoly Antonov");
    for key in ["id", "name", "kind", "city", "status", "external_ref"] {
        assert!(us["posts"][0].get(key).is_some(), "post lacks {key}");
    }
}

#[test]
fn presence_shows_vacancies_with_their_start() {
    let s = start(true);
    let (_, p) = get(&s.url("/api/v1/relations/RU/US/presence?as_of=2025-01-01"));
    let ru = mission(&p, "RU");
    assert_eq!(ru["head_of_mission"], Value::Null);
    assert_eq!(ru["vacant_since"], "2024-10-05");
    let (_, p) = get(&s.url("/api/v1/relations/US/RU/presence?as_of=2025-11-01"));
    assert_eq!(mission(&p, "US")["vacant_since"], "2025-06-27");
}

#[test]
fn measures_in_force_follow_the_date() {
    let s = start(true);
    // The 455 cap was ordered on 28 Jul 2017 to be met by 1 Sep: announced, then in force.
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/measures?in_force_on=2017-08-01"));
    assert_eq!(status, 200);
    let refs: Vec<&str> = body["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["external_ref"].as_str())
        .collect();
    assert!(!refs.contains(&"R012"), "{refs:?}");
    let (_, listed) = get(&s.url("/api/v1/relations/US/RU/measures?as_of=2017-08-01"));
    let r012 = listed["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["external_ref"] == "R012")
        .expect("R012 is on record by then");
    assert_eq!(r012["status"], "announced");
    assert_eq!(r012["effective"], "2017-09-01");
    let (_, body) = get(&s.url("/api/v1/relations/US/RU/measures?in_force_on=2017-09-01"));
    let refs: Vec<&str> = body["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["external_ref"].as_str())
        .collect();
    assert!(refs.contains(&"R012"), "{refs:?}");
    assert!(
        !refs.contains(&"R023"),
        "the Skripal expulsions are in 2018: {refs:?}"
    );
    let m = body["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["external_ref"] == "R016");
    assert!(m.is_none(), "R016 is dated 2017-08-31");
    let (_, all) = get(&s.url("/api/v1/relations/US/RU/measures"));
    let r016 = all["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["external_ref"] == "R016")
        .expect("R016");
    assert_eq!(r016["answers"], json!(["r012"]));
    for key in [
        "id",
        "external_ref",
        "actor",
        "target",
        "kind",
        "effective",
        "lifted",
        "answers",
    ] {
        assert!(r016.get(key).is_some(), "measure lacks {key}");
    }
}

#[test]
fn bad_parameters_get_the_error_envelope() {
    let s = start(true);
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/presence?as_of=2018-02-30"));
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_parameter");
    assert_eq!(body["error"]["details"]["parameter"], "as_of");
    let (status, body) = get(&s.url("/api/v1/relations/US/XX/presence"));
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "unknown_state");
    let (status, body) = get(&s.url("/api/v1/acts?limit=0"));
    assert_eq!(status, 400);
    assert_eq!(body["error"]["details"]["parameter"], "limit");
}

#[test]
fn recording_an_act_needs_the_token_and_passes_the_rules() {
    let s = start(true);
    let before = s.chancery.image().last_seq();
    let close = json!({"kind": "post_closed", "date": "2018-04-01", "post": "us-cg-st-petersburg", "by": "RU"});
    let (status, body) = post(&s.url("/api/v1/acts"), None, &close);
    assert_eq!(status, 401, "{body}");
    let (status, _) = post(&s.url("/api/v1/acts"), Some("wrong"), &close);
    assert_eq!(status, 401);

    let (status, body) = post(&s.url("/api/v1/acts"), Some(TOKEN), &close);
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "post_already_closed");
    assert!(body["error"]["details"]["article"]
        .as_str()
        .unwrap_or("")
        .contains("VCDR"));
    assert_eq!(
        s.chancery.image().last_seq(),
        before,
        "a refused act leaves the journal untouched"
    );

    let (status, body) = post(
        &s.url("/api/v1/acts"),
        Some(TOKEN),
        &json!({"kind": "post_closed", "date": "2018-04", "post": "us-cg-st-petersburg"}),
    );
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "invalid_act");
    assert_eq!(body["error"]["details"]["field"], "by");

    let lift = json!({"kind": "measure_lifted", "date": "2026-01-15", "measure": "r012", "sources": ["https://example.org/hypothetical"], "note": "test"});
    let (status, body) = post(&s.url("/api/v1/acts"), Some(TOKEN), &lift);
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["seq"].as_u64(), Some(before + 1));
    assert_eq!(
        body["recorded_by"]
            .as_str()
            .map(|b| b.starts_with("token:")),
        Some(true)
    );

    let (_, acts) = get(&s.url(&format!("/api/v1/acts?after={before}&limit=10")));
    let acts = acts["acts"].as_array().unwrap();
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["act"]["kind"], "measure_lifted");
    assert!(acts[0].get("hash").is_none(), "hashes are for auditors");
    let auditor = s.token_for(
        "auditor",
        "mediators",
        chancery_accounts::Role::Auditor,
        chancery_accounts::TokenScope::Read,
    );
    let (_, audited) = common::get_with(
        &s.url(&format!("/api/v1/acts?after={before}&limit=10")),
        &auditor,
    );
    assert_eq!(audited["acts"][0]["hash"].as_str().map(str::len), Some(64));

    let (_, m) = get(&s.url("/api/v1/relations/US/RU/measures?in_force_on=2026-02-01"));
    assert!(
        m["measures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["id"] != "r012"),
        "lifted cap no longer in force"
    );
}

#[test]
fn answering_a_later_measure_is_refused() {
    let s = start(true);
    let act = json!({"kind": "measure_imposed", "date": "2016-01-01", "measure": "test-early", "actor": "US", "target": "RU",
        "measure_kind": "other", "summary": "answers a 2017 measure", "answers": ["r012"]});
    let (status, body) = post(&s.url("/api/v1/acts"), Some(TOKEN), &act);
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "answers_later_act");
}

#[test]
fn unknown_routes_get_the_error_envelope() {
    let s = start(false);
    let (status, body) = get(&s.url("/api/v1/nothing"));
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
}

#[test]
fn openapi_document_matches_its_snapshot() {
    let s = start(false);
    let (status, doc) = get(&s.url("/api/v1/openapi.json"));
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("openapi", doc);
}

#[test]
fn rounds_and_commitments_of_the_2025_talks() {
    let s = start(true);
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/rounds?as_of=2025-12-31"));
    assert_eq!(status, 200, "{body}");
    let rounds = body["rounds"].as_array().unwrap();
    let cancelled = rounds
        .iter()
        .find(|r| r["status"] == "cancelled")
        .expect("the cancelled Moscow round");
    assert_eq!(cancelled["cancelled_by"], "US");
    assert_eq!(cancelled["provenance"]["external_ref"], "R076");
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/commitments?as_of=2026-01-15"));
    assert_eq!(status, 200);
    let third = body["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "third-round-autumn-2025")
        .expect("R079");
    assert_eq!(
        (third["status"].as_str(), third["overdue"].as_bool()),
        (Some("open"), Some(true))
    );
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/commitments?as_of=2025-13-01"));
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("invalid_parameter"))
    );
}

#[test]
fn chains_follow_the_answers_links() {
    let s = start(true);
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/chains?as_of=2025-12-31"));
    assert_eq!(status, 200, "{body}");
    let chains = body["chains"].as_array().unwrap();
    let r036 = chains
        .iter()
        .find(|c| c["start"]["external_ref"] == "R036")
        .expect("the April 2021 chain");
    let refs: Vec<&str> = r036["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["external_ref"].as_str())
        .collect();
    // The local-staff ban is one measure (R042) whatever its stages (R044, R049).
    assert_eq!(refs.len(), 6, "{refs:?}");
    for r in ["R037", "R042"] {
        assert!(refs.contains(&r), "{r} answers R036: {refs:?}");
    }
    assert!(!refs.contains(&"R049"), "{refs:?}");
    assert!(r036["measures"][0].get("id").is_some());
}

fn dimension<'a>(parity: &'a Value, key: &str) -> &'a Value {
    parity["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .unwrap_or_else(|| panic!("no {key}"))
}

#[test]
fn parity_on_2018_01_01_shows_russia_stricter_on_the_cap_and_is_symmetric() {
    let s = start(true);
    let (status, p) =
        get(&s.url("/api/v1/relations/US/RU/parity?as_of=2018-01-01&staff=all&include_io=true"));
    assert_eq!(status, 200, "{p}");
    let cap = dimension(&p, "staff_cap");
    assert_eq!(cap["stricter"], "RU");
    assert_eq!(cap["values"]["US"]["number"], 455);
    assert!(cap["basis"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["external_ref"] == "R012"));
    assert_eq!(p["definition"]["staff"], "all");
    let (_, swapped) =
        get(&s.url("/api/v1/relations/RU/US/parity?as_of=2018-01-01&staff=all&include_io=true"));
    assert_eq!(
        p["dimensions"], swapped["dimensions"],
        "parity does not depend on the order of A and B"
    );
    let (status, body) = get(&s.url("/api/v1/relations/US/RU/parity?staff=some"));
    assert_eq!(
        (status, body["error"]["details"]["parameter"].as_str()),
        (400, Some("staff"))
    );
}

#[test]
fn roadmap_index_and_what_if() {
    let s = start(true);
    let (status, r) = get(&s.url("/api/v1/relations/US/RU/roadmap?as_of=2025-12-31"));
    assert_eq!(status, 200, "{r}");
    let steps = r["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    for key in ["order", "lift", "depends_on", "effect", "explanation"] {
        assert!(steps[0].get(key).is_some(), "step lacks {key}");
    }
    let (status, idx) =
        get(&s.url("/api/v1/relations/US/RU/index?from=2013-01-01&to=2025-01-01&step=year"));
    assert_eq!(status, 200, "{idx}");
    let points = idx["points"].as_array().unwrap();
    assert_eq!(points.len(), 13);
    assert_eq!(points[0]["combined"].as_f64(), Some(100.0));
    assert!(
        points[12]["combined"].as_f64().unwrap() < 100.0,
        "relations worsened 2013-2025"
    );
    assert!(idx["formula"].as_str().is_some_and(|f| !f.is_empty()));
    let (status, _) = get(&s.url("/api/v1/relations/US/RU/index"));
    assert_eq!(status, 400);

    let before = s.chancery.image().last_seq();
    let lift = json!({"as_of": "2026-01-10", "acts": [{"kind": "measure_lifted", "date": "2026-01-05", "measure": "r012"}]});
    let (status, w) = post(&s.url("/api/v1/relations/US/RU/what-if"), None, &lift);
    assert_eq!(status, 200, "{w}");
    assert!(
        w["changed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "staff_cap"),
        "{}",
        w["changed"]
    );
    assert!(
        w["index"]["index"]["US"].as_f64().unwrap() > 100.0,
        "lifting the cap eases the US mission"
    );
    assert_eq!(
        s.chancery.image().last_seq(),
        before,
        "what-if writes nothing"
    );
    let bad = json!({"as_of": "2026-01-10", "acts": [{"kind": "post_closed", "date": "2026-01-05", "post": "us-cg-st-petersburg", "by": "RU"}]});
    let (status, e) = post(&s.url("/api/v1/relations/US/RU/what-if"), None, &bad);
    assert_eq!(
        (
            status,
            e["error"]["code"].as_str(),
            e["error"]["details"]["act"].as_u64()
        ),
        (422, Some("post_already_closed"), Some(0))
    );
}

#[test]
fn every_rejection_uses_the_error_envelope() {
    let s = start(false);
    for (path, status) in [
        ("/api/v1/acts?limit=abc", 400),
        ("/api/v1/acts?after=-1", 400),
        ("/api/v1/acts?limit=99999999999999999999999", 400),
        ("/api/v1/relations/US/RU/presence?known_through=x", 400),
        ("/api/v1/relations/%FF/RU/presence", 400),
    ] {
        let (got, body) = get(&s.url(path));
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(body["error"]["code"], "invalid_parameter", "{path}: {body}");
    }
    let r = ureq::delete(&s.url("/api/v1/acts")).call();
    let Err(ureq::Error::Status(405, r)) = r else {
        panic!("DELETE should be 405")
    };
    let body: Value = r.into_json().expect("json body");
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[test]
fn transaction_time_hides_what_was_not_yet_recorded() {
    let s = start(true);
    let (status, body) =
        get(&s.url("/api/v1/relations/US/RU/presence?as_of=2018-01-01&known_through=0"));
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("unknown_state")),
        "{body}"
    );
    let (_, all) = get(&s.url("/api/v1/relations/US/RU/measures?in_force_on=2021-09-01"));
    let r042 = all["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["external_ref"] == "R042")
        .expect("R042");
    let seq = r042["recorded_seq"].as_u64().unwrap();
    let (_, before) = get(&s.url(&format!(
        "/api/v1/relations/US/RU/measures?in_force_on=2021-09-01&known_through={}",
        seq - 1
    )));
    let refs: Vec<&str> = before["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["external_ref"].as_str())
        .collect();
    assert!(
        !refs.contains(&"R042"),
        "not yet recorded at #{}: {refs:?}",
        seq - 1
    );
    assert!(refs.contains(&"R012"));
}

/// The body limit, checked on the router itself: over the network the 413 races the upload.
#[tokio::test]
async fn a_body_over_the_limit_is_413_in_the_envelope() {
    use tower::ServiceExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let (chancery, accounts) = crate::common::in_process_store(dir.path(), "limit", false).await;
    let org = chancery_accounts::OPERATOR_ORG.parse().unwrap();
    let ed: chancery_accounts::Username = "ed".parse().unwrap();
    accounts
        .add_user(&ed, &org, chancery_accounts::Role::Editor, None, 0)
        .expect("editor");
    let (_, token) = accounts
        .add_token(&ed, chancery_accounts::TokenScope::Write, "t", 0)
        .expect("token");
    let app = chancery_server::router(chancery_server::AppState::new(
        chancery,
        std::sync::Arc::new(accounts),
        false,
    ));
    let big = vec![b'x'; 3 * 1024 * 1024];
    let request = axum::http::Request::post("/api/v1/acts")
        .header("host", "127.0.0.1")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(big))
        .expect("request");
    let response = app.oneshot(request).await.expect("a response");
    assert_eq!(response.status(), 413);
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    let body: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(body["error"]["code"], "payload_too_large");
}
