//! The authorisation matrix: every route the router declares (walked from `route_table()`, not
//! a list kept here) × every role of every kind of organisation × public, bilateral and
//! internal acts. No principal is let through a route its role does not allow, and no answer
//! carries a fact its organisation may not see, including pages addressed by the id of an
//! object that belongs to another organisation.

use crate::common;

use chancery_accounts::policy::Permission;
use chancery_accounts::{Role, TokenScope};
use chancery_server::route_table;
use chancery_server::table::Access;
use common::{start, Server, ORGS};
use serde_json::json;

/// Secret facts planted in the demo: a marker in their text (not in their ids, which a 404
/// page may echo from the URL), and who may see it.
struct Planted {
    marker: &'static str,
    /// Organisations (by id) whose users may see it; mediators see bilateral acts.
    seen_by: &'static [&'static str],
}

const PLANTED: [Planted; 5] = [
    Planted {
        marker: "secretbilateral",
        seen_by: &["us-mfa", "ru-mfa", "mediators"],
    },
    Planted {
        marker: "secretus",
        seen_by: &["us-mfa"],
    },
    Planted {
        marker: "secretru",
        seen_by: &["ru-mfa"],
    },
    // The cases' ids, never in a URL the matrix asks for: what an alert about a case names.
    Planted {
        marker: "hidcaseus",
        seen_by: &["us-mfa"],
    },
    Planted {
        marker: "hidcaseru",
        seen_by: &["ru-mfa"],
    },
];

fn plant(server: &Server) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let acts = [
        // A member of each side's embassy, internal to their own ministry, declared persona
        // non grata with a deadline passed by 1 June: on the diplomatic list and in the alerts
        // of their own ministry alone (the marker is in the name, never in a URL).
        json!({"kind": "member_notified", "date": "2025-01-05", "member": "hidmemus",
               "post": "us-embassy-moscow", "name": "secretus member", "category": "diplomatic",
               "visibility": {"internal": "US"}}),
        json!({"kind": "member_arrived", "date": "2025-01-06", "member": "hidmemus",
               "visibility": {"internal": "US"}}),
        json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "hidmemus",
               "by": "RU", "deadline": "2025-05-08", "visibility": {"internal": "US"}}),
        json!({"kind": "member_notified", "date": "2025-01-05", "member": "hidmemru",
               "post": "ru-embassy-washington", "name": "secretru member",
               "category": "diplomatic", "visibility": {"internal": "RU"}}),
        json!({"kind": "member_arrived", "date": "2025-01-06", "member": "hidmemru",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "hidmemru",
               "by": "US", "deadline": "2025-05-08", "visibility": {"internal": "RU"}}),
        // Nationals' cases, internal to the national's ministry, each with a step; planted
        // first so that the last act planted stays the one `concrete` counts back from.
        json!({"kind": "case_opened", "date": "2025-02-01", "case": "hidcaseus",
               "national_of": "US", "held_in": "RU", "case_kind": "detention",
               "city": "Moscow", "description": "secretus detention",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_step", "date": "2025-02-02", "case": "hidcaseus",
               "step": "consulate_notified", "summary": "secretus notified",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_opened", "date": "2025-02-01", "case": "hidcaseru",
               "national_of": "RU", "held_in": "US", "case_kind": "arrest",
               "city": "Anchorage", "description": "secretru arrest",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "case_step", "date": "2025-02-03", "case": "hidcaseru",
               "step": "visit", "summary": "secretru visit",
               "visibility": {"internal": "RU"}}),
        // A round and a commitment internal to Russia's ministry: the talks, round, commitment
        // and brief pages and their API are addressed by the id `hidru`.
        json!({"kind": "round_held", "date": "2025-02-20", "round": "hidru",
               "parties": ["US", "RU"], "venue_state": "RU", "venue": "secretru venue",
               "heads_of_delegation": ["secretru delegate"], "outcome": "secretru outcome",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "commitment_made", "date": "2025-02-20", "commitment": "hidru",
               "parties": ["US", "RU"], "undertaken_by": ["RU"], "round": "hidru",
               "text": "secretru promise", "visibility": {"internal": "RU"}}),
        // A member of staff internal to RU, named in both scripts: search must not find them
        // for anyone else.
        json!({"kind": "member_notified", "date": "2025-02-04", "member": "hidmemberru",
               "post": "ru-embassy-washington", "name": "Ivan secretru Petrovsky",
               "names": {"ru": "Иван Петровский"}, "category": "diplomatic",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "measure_imposed", "date": "2025-03-01", "measure": "hidbil",
               "actor": "US", "target": "RU", "measure_kind": "travel_restriction",
               "summary": "secretbilateral travel rule", "external_ref": "secretbilateral",
               "visibility": "bilateral"}),
        json!({"kind": "measure_imposed", "date": "2025-03-02", "measure": "hidus",
               "actor": "US", "target": "RU", "measure_kind": "visa_restriction",
               "summary": "secretus visa plan", "external_ref": "secretus",
               "visibility": {"internal": "US"}}),
        json!({"kind": "post_opened", "date": "2025-03-03", "post": "hidru",
               "sending": "RU", "host": "US", "post_kind": "consulate",
               "name": "secretru consulate", "city": "Anchorage", "external_ref": "secretru",
               "visibility": {"internal": "RU"}}),
    ];
    let mut last = 0;
    for a in acts {
        let act = chancery_domain::Act::from_json(a).unwrap();
        last = rt
            .block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap()
            .seq;
    }
    last
}

/// (name, role, organisation, token): who sends a request.
type Principal = (String, Option<Role>, Option<&'static str>, Option<String>);

/// A concrete URL for a declared path: parameters filled with the planted ids, so that pages
/// addressed by another organisation's object ids are tried too.
fn concrete(path: &str, seq: u64) -> Vec<String> {
    let base = path
        .replace("{a}", "US")
        .replace("{b}", "RU")
        .replace("{name}", "hidus")
        .replace("{post}", "{id}")
        .replace("{user}", "1");
    let mut out = Vec::new();
    // A download: every dataset in both formats, and a schema.
    if base.contains("{file}") {
        for d in chancery_app::datasets::Dataset::ALL {
            for ext in ["csv", "json", "schema.json"] {
                out.push(format!(
                    "{}?as_of=2025-06-01",
                    base.replace("{file}", &format!("{}.{ext}", d.as_str()))
                ));
            }
        }
        return out;
    }
    for id in ["hidbil", "hidus", "hidru"] {
        out.push(
            base.replace("{id}", id)
                .replace("{seq}", &(seq - 2 + out.len() as u64).to_string()),
        );
    }
    out.dedup();
    out.into_iter()
        .map(|p| {
            if p.contains('?') {
                p
            } else if p.ends_with("/search") {
                // Words every planted fact holds, and a name typed in the other script.
                format!("{p}?as_of=2025-06-01&q=secret")
            } else {
                format!("{p}?as_of=2025-06-01")
            }
        })
        .collect()
}

struct Answer {
    status: u16,
    body: String,
    location: String,
}

fn send(server: &Server, method: &str, url: &str, token: Option<&str>) -> Answer {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut req = agent.request(method, &server.url(url));
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let result = if method == "GET" {
        req.call()
    } else if url.starts_with("/api/") {
        // A public staffing report in the relation: any party's or mediator's editor may
        // record it; for what-if and a scenario, a valid request.
        if url.contains("what-if") {
            req.send_json(json!({"as_of": "2025-06-01", "acts": []}))
        } else if url.contains("/consular/scenario") {
            req.send_json(json!({"as_of": "2025-06-01", "days": 14, "replications": 1}))
        } else {
            req.send_json(json!({"kind": "staffing_reported", "date": "2025-05-01",
                "sending": "US", "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"}))
        }
    } else {
        req.send_form(&[
            ("kind", "staffing_reported"),
            ("date", "2025-05-01"),
            ("sending", "US"),
            ("host", "RU"),
            ("value", "100"),
            ("bound", "exact"),
            ("counting", "all_staff"),
        ])
    };
    let r = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    Answer {
        status: r.status(),
        location: r.header("location").unwrap_or("").to_owned(),
        body: r.into_string().unwrap_or_default(),
    }
}

/// Refused by the authorisation layer: 401/403, or for a page asked for by GET, the redirect
/// to the sign-in form (a POST that ends a session also leads there, by design).
fn denied(method: &str, a: &Answer) -> bool {
    a.status == 401
        || a.status == 403
        || (method == "GET" && a.status == 303 && a.location.starts_with("/login"))
}

fn role_allows(role: Option<Role>, access: Access, public_read: bool) -> bool {
    match (role, access) {
        (_, Access::Open) => true,
        (None, Access::Needs(Permission::Read)) => public_read,
        (None, _) => false,
        (Some(_), Access::SignedIn) => true,
        (Some(r), Access::Needs(p)) => r.may(p),
        (Some(r), Access::Record) => r.may(Permission::RecordAct) || r.may(Permission::RecordTalks),
        // Only the operator's own administrators and auditors; no organisation here is it.
        (Some(_), Access::Operator) => false,
    }
}

#[test]
fn no_route_lets_a_principal_past_its_role_or_shows_what_its_organisation_may_not_see() {
    let server = start(true);
    let seq = plant(&server);
    let table = route_table();
    assert!(
        table.len() >= 20,
        "the router declares its routes: {}",
        table.len()
    );
    // Principals: nobody, and every role of every organisation, each with a write token.
    let mut principals: Vec<Principal> = vec![("anonymous".into(), None, None, None)];
    for (org, _) in ORGS {
        for role in chancery_accounts::model::ROLES {
            let name = format!("{org}-{}", role.as_str());
            let token = server.token_for(&name, org, role, TokenScope::Write);
            principals.push((name, Some(role), Some(org), Some(token)));
        }
    }
    let mut checked = 0;
    let mut leaks_possible = 0;
    for route in &table {
        if route.path == "/logout" {
            // Ends the session it is sent with; tokens have none. Covered in sessions tests.
            continue;
        }
        for url in concrete(route.path, seq) {
            for (name, role, org, token) in &principals {
                let answer = send(&server, route.method.as_str(), &url, token.as_deref());
                let may = role_allows(*role, route.access, true);
                if !may {
                    assert!(
                        denied(route.method.as_str(), &answer),
                        "{name} got {} from {} {url}, which its role may not use",
                        answer.status,
                        route.method
                    );
                } else {
                    assert!(
                        !(answer.status == 401
                            || route.method == axum::http::Method::GET
                                && answer.status == 303
                                && answer.location.starts_with("/login")),
                        "{name} was refused {} {url}: {}",
                        route.method,
                        answer.status
                    );
                }
                for p in &PLANTED {
                    let allowed = org.is_some_and(|o| p.seen_by.contains(&o));
                    if !allowed {
                        leaks_possible += 1;
                        assert!(
                            !answer.body.contains(p.marker),
                            "{name} saw `{}` in {} {url} ({})",
                            p.marker,
                            route.method,
                            answer.status
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} requests");
    assert!(leaks_possible > 0);
}

#[test]
fn the_planted_facts_do_reach_those_who_may_see_them() {
    // Guards the matrix against passing because nothing was ever shown.
    let server = start(true);
    plant(&server);
    let us = server.token_for("us-viewer", "us-mfa", Role::Viewer, TokenScope::Read);
    let med = server.token_for("med-viewer", "mediators", Role::Viewer, TokenScope::Read);
    let measures = "/api/v1/relations/US/RU/measures";
    let body = send(&server, "GET", measures, Some(&us)).body;
    assert!(body.contains("secretus") && body.contains("secretbilateral"));
    assert!(!body.contains("secretru"));
    let body = send(&server, "GET", measures, Some(&med)).body;
    assert!(body.contains("secretbilateral") && !body.contains("secretus"));
    // The downloads: the acts and measures files as the JSON answers.
    // The whole record's acts as one relation's: each reader its own.
    let whole = ["acts.csv", "acts.json"].map(|f| format!("/api/v1/export/{f}?as_of=2025-06-01"));
    let relation = ["acts.csv", "acts.json", "measures.csv", "measures.json"]
        .map(|f| format!("/api/v1/relations/US/RU/export/{f}?as_of=2025-06-01"));
    for url in whole.iter().chain(&relation) {
        let file = url;
        let body = send(&server, "GET", url, Some(&us)).body;
        assert!(
            body.contains("secretus") && body.contains("secretbilateral"),
            "{file}"
        );
        assert!(!body.contains("secretru"), "{file}");
        let body = send(&server, "GET", url, Some(&med)).body;
        assert!(body.contains("secretbilateral"), "{file}");
        assert!(
            !body.contains("secretus") && !body.contains("secretru"),
            "{file}"
        );
    }
    let cases = "/api/v1/relations/US/RU/consular/cases?as_of=2025-06-01";
    let ru = server.token_for("ru-viewer", "ru-mfa", Role::Viewer, TokenScope::Read);
    let body = send(&server, "GET", cases, Some(&us)).body;
    assert!(body.contains("secretus detention") && body.contains("secretus notified"));
    assert!(!body.contains("secretru"), "{body}");
    let body = send(&server, "GET", cases, Some(&ru)).body;
    assert!(
        body.contains("secretru arrest") && !body.contains("secretus"),
        "{body}"
    );
    let body = send(&server, "GET", cases, Some(&med)).body;
    assert!(!body.contains("secret"), "{body}");
    // Each case has a clock overdue on 1 June (US: access; RU: notification): an alert for the
    // national's ministry alone.
    let alerts = "/api/v1/relations/US/RU/alerts?as_of=2025-06-01";
    let body = send(&server, "GET", alerts, Some(&us)).body;
    assert!(
        body.contains("hidcaseus") && body.contains("consular_clock_overdue"),
        "{body}"
    );
    assert!(!body.contains("hidcaseru"), "{body}");
    let body = send(&server, "GET", alerts, Some(&ru)).body;
    assert!(
        body.contains("hidcaseru") && !body.contains("hidcaseus"),
        "{body}"
    );
    let body = send(&server, "GET", alerts, Some(&med)).body;
    assert!(
        !body.contains("hidcase") && !body.contains("secret"),
        "{body}"
    );
    // The members planted reach their own ministry's diplomatic list, alerts and feeds.
    for (url, marker) in [
        (
            "/relations/US/RU/diplomatic-list?as_of=2025-06-01",
            "secretus member",
        ),
        (
            "/relations/US/RU/alerts?as_of=2025-06-01",
            "secretus member",
        ),
        (
            "/relations/US/RU/alerts.atom?as_of=2025-06-01",
            "secretus member",
        ),
        ("/alerts.atom?as_of=2025-06-01", "secretus member"),
        ("/api/v1/alerts?as_of=2025-06-01", "png_departure_overdue"),
    ] {
        let body = send(&server, "GET", url, Some(&us)).body;
        assert!(
            body.contains(marker) && !body.contains("secretru"),
            "{url}: {body}"
        );
        let body = send(&server, "GET", url, Some(&med)).body;
        assert!(!body.contains("secret"), "{url}: {body}");
    }
    // Search finds RU's internal member, in either script, for RU alone.
    for q in [
        "secret",
        "%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D1%81%D0%BA%D0%B8%D0%B9",
        "Petrovskiy",
    ] {
        let url = format!("/api/v1/search?q={q}&as_of=2025-06-01");
        assert!(
            send(&server, "GET", &url, Some(&ru))
                .body
                .contains("secretru Petrovsky"),
            "{q}"
        );
        for other in [&us, &med] {
            let body = send(&server, "GET", &url, Some(other)).body;
            assert!(!body.contains("Petrovsky"), "{q}: {body}");
        }
    }
    let body = send(
        &server,
        "GET",
        "/search?q=secret&as_of=2025-06-01",
        Some(&us),
    )
    .body;
    assert!(
        body.contains("secretus") && !body.contains("secretru"),
        "{body}"
    );
    let overview = "/relations/US/RU?as_of=2025-06-01";
    assert!(send(&server, "GET", overview, Some(&us))
        .body
        .contains("hidcaseus"));
    assert!(send(&server, "GET", overview, Some(&ru))
        .body
        .contains("hidcaseru"));
    // The internal round and promise: on Russia's talks pages and brief, on nobody else's.
    for path in [
        "/relations/US/RU/talks?as_of=2025-06-01",
        "/relations/US/RU/rounds/hidru?as_of=2025-06-01",
        "/relations/US/RU/commitments/hidru?as_of=2025-06-01",
        "/relations/US/RU/talks/brief?as_of=2025-06-01",
        "/api/v1/relations/US/RU/brief?as_of=2025-06-01",
    ] {
        let body = send(&server, "GET", path, Some(&ru)).body;
        assert!(body.contains("secretru"), "{path}: {body}");
        for who in [&us, &med] {
            assert!(
                !send(&server, "GET", path, Some(who))
                    .body
                    .contains("secretru"),
                "{path}"
            );
        }
    }
    let page = send(
        &server,
        "GET",
        "/relations/US/RU/measures/hidus?as_of=2025-06-01",
        Some(&us),
    );
    assert_eq!(page.status, 200);
    let page = send(
        &server,
        "GET",
        "/relations/US/RU/measures/hidus?as_of=2025-06-01",
        Some(&med),
    );
    assert_eq!(
        page.status, 404,
        "another organisation's object is not found, not forbidden"
    );
}

#[test]
fn without_public_read_anonymous_readers_are_refused_everywhere_but_open_routes() {
    let server = common::start_with(true, false);
    for route in route_table() {
        if route.method != axum::http::Method::GET {
            continue;
        }
        let url = concrete(route.path, 10).remove(0);
        let a = send(&server, "GET", &url, None);
        if route.access == Access::Open {
            assert!(!denied("GET", &a), "{url}: {}", a.status);
        } else {
            assert!(denied("GET", &a), "{url} answered {} to nobody", a.status);
        }
    }
}

#[test]
fn organisations_record_only_in_their_own_relations_and_visibility() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let post = |token: &str, body: serde_json::Value| {
        common::post(&server.url("/api/v1/acts"), Some(token), &body)
    };
    let report = |vis: serde_json::Value| {
        json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US", "host": "RU",
               "value": 100, "bound": "exact", "counting": "all_staff", "visibility": vis})
    };
    assert_eq!(post(&us, report(json!({"internal": "US"}))).0, 201);
    let (status, body) = post(&us, report(json!({"internal": "RU"})));
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    let negotiation = json!({"kind": "statement_recorded", "date": "2025-05-02", "by": "US",
                             "about": "RU", "summary": "talks"});
    assert_eq!(
        post(&us, negotiation.clone()).0,
        403,
        "talks are the negotiators'"
    );
    let neg = server.token_for("us-neg", "us-mfa", Role::Negotiator, TokenScope::Write);
    assert_eq!(post(&neg, negotiation).0, 201);
    let read_only = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Read);
    assert_eq!(
        post(&read_only, report(json!("public"))).0,
        403,
        "a read token"
    );
    assert_eq!(post("chy_made_up", report(json!("public"))).0, 401);
    // A ministry may not register (or rename) states: that concerns every relation.
    let state =
        json!({"kind": "state_registered", "date": "2025-01-01", "state": "FR", "name": "France"});
    assert_eq!(post(&us, state.clone()).0, 403);
    assert_eq!(post(common::TOKEN, state).0, 201, "a mediator's editor may");
    // Every refusal is on record for the auditors: the operator's see everything...
    let op: chancery_accounts::Username = "op-aud".parse().unwrap();
    server
        .accounts
        .add_user(
            &op,
            &"operator".parse().unwrap(),
            Role::Auditor,
            Some(common::PASSWORD),
            0,
        )
        .unwrap();
    let operator = server
        .accounts
        .add_token(&op, TokenScope::Read, "t", 0)
        .unwrap()
        .1;
    let (status, log) = common::get_with(&server.url("/api/v1/audit?limit=1000"), &operator);
    assert_eq!(status, 200);
    let entries = log["entries"].as_array().unwrap();
    assert!(entries
        .iter()
        .any(|e| e["action"] == "denied" && e["outcome"] == "401"));
    assert!(entries.iter().any(|e| e["action"] == "record_act"
        && e["outcome"] == "denied"
        && e["actor"].as_str().unwrap().contains("us-ed")));
    assert!(entries
        .iter()
        .any(|e| e["action"] == "record_act" && e["outcome"] == "ok"));
    // ...a ministry's auditors only their own organisation's.
    let auditor = server.token_for("aud", "us-mfa", Role::Auditor, TokenScope::Read);
    let (_, log) = common::get_with(&server.url("/api/v1/audit?limit=1000"), &auditor);
    let mine = log["entries"].as_array().unwrap();
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|e| e["org"] == "us-mfa"), "{mine:?}");
    let (status, _) = common::get_with(&server.url("/api/v1/audit"), &us);
    assert_eq!(status, 403, "editors do not read the audit log");
}

#[test]
fn what_if_and_the_roadmap_know_only_what_the_reader_may_see() {
    let server = start(true);
    plant(&server);
    let what_if = |token: Option<&str>, measure: &str| {
        let body = json!({"as_of": "2025-06-01", "acts": [
            {"kind": "measure_lifted", "date": "2025-06-01", "measure": measure}]});
        let url = server.url("/api/v1/relations/US/RU/what-if");
        let mut req = ureq::post(&url);
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        match req.send_json(body) {
            Ok(r) => (r.status(), r.into_string().unwrap()),
            Err(ureq::Error::Status(c, r)) => (c, r.into_string().unwrap()),
            Err(e) => panic!("{e}"),
        }
    };
    // To someone who may not see it, a hidden measure answers exactly as one that does not exist.
    let (hidden_status, hidden) = what_if(None, "hidus");
    let (absent_status, absent) = what_if(None, "nosuchmeasure");
    assert_eq!(hidden_status, absent_status);
    assert_eq!(
        hidden.replace("hidus", "X"),
        absent.replace("nosuchmeasure", "X"),
        "the refusal tells nothing of the hidden measure"
    );
    let us = server.token_for("us-reader", "us-mfa", Role::Viewer, TokenScope::Read);
    let (status, body) = what_if(Some(&us), "hidus");
    assert_eq!(
        status, 200,
        "the US may lift its own internal measure in a what-if: {body}"
    );
    // The roadmap a public reader gets does not change when hidden acts are recorded.
    let fresh = start(true);
    let roadmap =
        |s: &Server| common::get(&s.url("/api/v1/relations/US/RU/roadmap?as_of=2025-06-01")).1;
    assert_eq!(roadmap(&server), roadmap(&fresh));
}

#[test]
fn recording_tells_nothing_of_what_the_recorder_may_not_see() {
    let server = start(true);
    plant(&server);
    let fr_org = chancery_accounts::Organisation {
        id: "fr-mfa".parse().unwrap(),
        name: "France".into(),
        kind: "party:FR".parse().unwrap(),
    };
    server.accounts.store().add_org(&fr_org).unwrap();
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let send = |token: &str, body: serde_json::Value| {
        common::post(&server.url("/api/v1/acts"), Some(token), &body)
    };
    // The same request about a hidden thing and about a thing that does not exist: the same
    // answer, whatever the visibility asked for.
    for visibility in [
        json!("public"),
        json!({"internal": "RU"}),
        json!("bilateral"),
    ] {
        let about = |post: &str| {
            json!({"kind": "post_closed", "date": "2025-07-01", "post": post, "by": "RU",
                   "visibility": visibility.clone()})
        };
        // `hidru` is RU's internal post: the US may not see it.
        let (s3, b3) = send(&us, about("hidru"));
        let (s4, b4) = send(&us, about("nosuchpost"));
        assert_eq!(s3, s4, "{visibility}");
        assert_eq!(
            b3.to_string().replace("hidru", "X"),
            b4.to_string().replace("nosuchpost", "X"),
            "{visibility}"
        );
    }
    // A public report may not name a hidden post: unknown to the US, which cannot see it; too
    // wide for RU, which can.
    let report = json!({"kind": "staffing_reported", "date": "2025-07-02", "sending": "RU",
        "host": "US", "value": 5, "bound": "exact", "counting": "all_staff",
        "posts": ["hidru"]});
    let (status, body) = send(&us, report.clone());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("unknown_post"))
    );
    let (status, body) = send(&ru, report);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("visibility_wider_than_subject")),
        "{body}"
    );
}

#[test]
fn only_the_recording_organisation_corrects_an_act_and_authors_are_not_shown_to_others() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let report = json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US",
        "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &report);
    assert_eq!(status, 201, "{body}");
    let seq = body["seq"].as_u64().unwrap();
    let mut fix = report.clone();
    fix["value"] = json!(0);
    fix["supersedes"] = json!(seq);
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&ru), &fix);
    assert_eq!(status, 403, "RU cannot rewrite the US's act: {body}");
    fix["value"] = json!(101);
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &fix);
    assert_eq!(status, 201, "the US corrects its own act: {body}");
    let after = seq - 1;
    let list = |token: &str| {
        common::get_with(&server.url(&format!("/api/v1/acts?after={after}")), token).1
    };
    assert!(list(&us)["acts"][0]["recorded_by"]
        .as_str()
        .is_some_and(|b| b.contains("us-ed@us-mfa")));
    assert!(
        list(&ru)["acts"][0].get("recorded_by").is_none(),
        "other organisations do not see who"
    );
    let (_, anonymous) = common::get(&server.url(&format!("/api/v1/acts?after={after}")));
    assert!(anonymous["acts"][0].get("recorded_by").is_none());
    // Auditors see their own organisation's authors; only the operator's see everyone's.
    let ru_auditor = server.token_for("ru-aud", "ru-mfa", Role::Auditor, TokenScope::Read);
    let us_auditor = server.token_for("us-aud", "us-mfa", Role::Auditor, TokenScope::Read);
    let operator_auditor = server.token_for("op-aud", "operator", Role::Auditor, TokenScope::Read);
    assert!(
        list(&ru_auditor)["acts"][0].get("recorded_by").is_none(),
        "the other ministry's auditor does not learn the US user's name"
    );
    for auditor in [&us_auditor, &operator_auditor] {
        assert!(list(auditor)["acts"][0]["recorded_by"]
            .as_str()
            .is_some_and(|b| b.contains("us-ed@us-mfa")));
    }
}

/// Acts that belong to no relation between two states (no post named, one party, a state and
/// itself), with every visibility, sent by every role of every organisation: none is recorded,
/// and none ever reaches an anonymous reader. Finding H1: such acts resolved to a public
/// audience and skipped the recording policy, so an internal act was published.
#[test]
fn acts_without_a_relation_are_refused_for_every_role_and_visibility() {
    let server = start(true);
    let bodies = [
        json!({"kind": "consular_services_changed", "date": "2025-05-01", "posts": [],
               "level": "emergency_only", "services": "norelationmarker"}),
        json!({"kind": "round_held", "date": "2025-05-01", "round": "norel-round",
               "parties": ["US"], "venue_state": "US", "outcome": "norelationmarker"}),
        json!({"kind": "round_held", "date": "2025-05-01", "round": "norel-round2",
               "parties": ["US", "US"], "venue_state": "US", "outcome": "norelationmarker"}),
        json!({"kind": "agreement_recorded", "date": "2025-05-01", "parties": ["RU"],
               "venue_state": "RU", "summary": "norelationmarker"}),
        json!({"kind": "statement_recorded", "date": "2025-05-01", "by": "US", "about": "US",
               "summary": "norelationmarker"}),
    ];
    let visibilities = [
        json!("public"),
        json!("bilateral"),
        json!({"internal": "US"}),
        json!({"internal": "RU"}),
    ];
    let before = server.chancery.journal().last_seq();
    let mut tried = 0;
    for (org, _) in ORGS {
        for role in chancery_accounts::model::ROLES {
            let name = format!("{org}-{}", role.as_str());
            let token = server.token_for(&name, org, role, TokenScope::Write);
            for body in &bodies {
                for vis in &visibilities {
                    let mut act = body.clone();
                    act["visibility"] = vis.clone();
                    let (status, answer) =
                        common::post(&server.url("/api/v1/acts"), Some(&token), &act);
                    assert!(
                        status == 403 || status == 422,
                        "{name} recorded {act} ({status}): {answer}"
                    );
                    if status == 422 {
                        let code = answer["error"]["code"].as_str().unwrap_or("");
                        assert!(
                            code == "act_outside_relation" || code == "same_state",
                            "{name}: {act}: {answer}"
                        );
                    }
                    tried += 1;
                }
            }
        }
    }
    assert_eq!(tried, ORGS.len() * 5 * bodies.len() * visibilities.len());
    assert_eq!(
        server.chancery.journal().last_seq(),
        before,
        "nothing recorded"
    );
    let (_, acts) = common::get(&server.url(&format!("/api/v1/acts?after={before}")));
    assert!(!acts.to_string().contains("norelationmarker"));
}

/// A national's case through the API: the national's ministry records it internal to itself;
/// published without a public report it is refused; the other party may neither record on the
/// US's case (it does not exist for it) nor open one about a US national.
#[test]
fn a_case_is_recorded_by_the_nationals_ministry_and_kept_internal() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let post = |token: &str, body: serde_json::Value| {
        common::post(&server.url("/api/v1/acts"), Some(token), &body)
    };
    let opened = |vis: serde_json::Value| {
        json!({"kind": "case_opened", "date": "2025-05-01", "case": "api-case",
               "national_of": "US", "held_in": "RU", "case_kind": "detention",
               "city": "Moscow", "visibility": vis})
    };
    let (status, body) = post(&us, opened(json!("public")));
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "case_personal_data", "{body}");
    assert_eq!(post(&us, opened(json!({"internal": "US"}))).0, 201);
    let (status, body) = post(&ru, opened(json!({"internal": "RU"})));
    assert!(status == 403 || status == 422, "{status} {body}");
    let step = json!({"kind": "case_step", "date": "2025-05-02", "case": "api-case",
                      "step": "visit", "visibility": {"internal": "RU"}});
    let (status, body) = post(&ru, step);
    assert_eq!(body["error"]["code"], "unknown_case", "{status} {body}");
}
