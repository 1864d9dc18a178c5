//! Fifth review on the real server over the demo: the US's internal case, its internal claim of
//! a denial naming it, and an internal issuance count must change nothing the host, a mediator
//! or the public can read (every page and answer byte for byte the same before and after);
//! `as_of` at the calendar's ends answers, never a server error.

use crate::binary;
use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{browser_get, get, signed_in, start, Server};
use serde_json::json;

const ON: &str = "as_of=2025-06-01";

fn plant(server: &Server) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for v in [
        json!({"kind": "measure_imposed", "date": "2025-05-21", "measure": "rv5-claimed",
               "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
               "summary": "rv5marker access refused", "claimed_by": "US",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_opened", "date": "2025-05-20", "case": "rv5case",
               "national_of": "US", "held_in": "RU", "case_kind": "arrest", "city": "Moscow",
               "post": "us-embassy-moscow", "description": "rv5marker arrest",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_step", "date": "2025-05-22", "case": "rv5case",
               "step": "access_denied", "measure": "rv5-claimed",
               "visibility": {"internal": "US"}}),
        json!({"kind": "consular_issuance_reported", "date": "2025-02-01",
               "posts": ["us-embassy-moscow"], "applies_to": ["nonimmigrant_visitor"],
               "period_start": "2024", "issued": 424242,
               "visibility": {"internal": "US"}}),
    ] {
        let act = chancery_domain::Act::from_json(v.clone()).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap_or_else(|e| panic!("{v}: {e:?}"));
    }
}

const PAGES: &[&str] = &[
    "/relations/US/RU",
    "/relations/US/RU/consular",
    "/relations/US/RU/posts/us-embassy-moscow",
    "/relations/US/RU/posts/us-embassy-moscow/consular",
    "/relations/US/RU/roadmap",
    "/relations/US/RU/measures/rv5-claimed",
];

const APIS: &[&str] = &[
    "/api/v1/relations/US/RU/alerts",
    "/api/v1/relations/US/RU/consular/cases",
    "/api/v1/relations/US/RU/consular/capacity",
    "/api/v1/relations/US/RU/parity",
    "/api/v1/relations/US/RU/parity?include_claims_of=US",
    "/api/v1/relations/US/RU/index",
    "/api/v1/relations/US/RU/roadmap",
    "/api/v1/relations/US/RU/claims",
    "/api/v1/relations/US/RU/measures",
];

fn with_day(path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{ON}")
}

/// What each reader reads, page by page and answer by answer.
fn snapshot(
    server: &Server,
    cookies: &[(&str, String)],
    tokens: &[(&str, String)],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in PAGES {
        let p = with_day(path);
        for (who, c) in cookies {
            let (status, body) = browser_get(server, &p, c);
            out.push((format!("{who} {p} {status}"), body));
        }
        let body = ureq::get(&server.url(&p))
            .call()
            .map(|r| r.into_string().unwrap_or_default())
            .unwrap_or_default();
        out.push((format!("public {p}"), body));
    }
    for path in APIS {
        let p = with_day(path);
        let (status, body) = get(&server.url(&p));
        out.push((format!("public {p} {status}"), body.to_string()));
        for (who, token) in tokens {
            let (status, body) = common::get_with(&server.url(&p), token);
            out.push((format!("{who} {p} {status}"), body.to_string()));
        }
    }
    out
}

/// The first line where two texts differ, for the message.
fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .find(|(x, y)| x != y)
        .map(|(x, y)| format!("before: {x}\nafter:  {y}"))
        .unwrap_or_else(|| format!("lengths {} and {}", a.len(), b.len()))
}

#[test]
fn holds_nothing_the_host_a_mediator_or_the_public_reads_changes_with_the_us_internal_case() {
    let server = start(true);
    let ru = signed_in(&server, "ru-v", "ru-mfa", Role::Viewer);
    let med = signed_in(&server, "m-v", "mediators", Role::Viewer);
    let cookies = [("RU", ru), ("mediator", med)];
    let tokens = [
        (
            "RU",
            server.token_for("ru-t", "ru-mfa", Role::Viewer, TokenScope::Read),
        ),
        (
            "mediator",
            server.token_for("m-t", "mediators", Role::Viewer, TokenScope::Read),
        ),
    ];
    let before = snapshot(&server, &cookies, &tokens);
    plant(&server);
    let after = snapshot(&server, &cookies, &tokens);
    // The plant is there for its ministry, and the pages compared are real answers.
    let us = server.token_for(
        "us-viewer",
        "us-mfa",
        Role::Viewer,
        chancery_accounts::TokenScope::Read,
    );
    for (path, want) in [("alerts", "rv5case"), ("consular/capacity", "424242")] {
        let url = server.url(&format!("/api/v1/relations/US/RU/{path}?{ON}"));
        let (_, body) = common::get_with(&url, &us);
        assert!(body.to_string().contains(want), "{path}: {body}");
    }
    assert!(before.iter().all(|(what, _)| !what.ends_with(" 500")));
    assert!(before[0].0.ends_with(" 200") && before[0].1.contains("Consular access"));
    for ((what, a), (_, b)) in before.iter().zip(&after) {
        assert!(
            !b.contains("rv5marker")
                && !b.contains("rv5case")
                && !b.contains("424242")
                && !b.contains("424,242"),
            "{what} shows the hidden case, claim or count"
        );
        assert!(a == b, "{what} differs:\n{}", first_difference(a, b));
    }
}

#[test]
fn holds_alerts_and_cases_at_the_calendar_ends_answer_without_a_server_error() {
    let server = start(true);
    plant(&server);
    let us = server.token_for(
        "us-viewer",
        "us-mfa",
        Role::Viewer,
        chancery_accounts::TokenScope::Read,
    );
    for on in ["1000-01-01", "0001-01-01", "9999-12-31", "10000-01-01"] {
        for path in ["alerts", "consular/cases", "consular/capacity", "parity"] {
            let url = server.url(&format!("/api/v1/relations/US/RU/{path}?as_of={on}"));
            let (status, body) = common::get_with(&url, &us);
            assert!(status < 500, "{path} as of {on}: {status} {body}");
        }
    }
    for through in [
        "0",
        "1",
        "18446744073709551615",
        "99999999999999999999",
        "-1",
        "x",
    ] {
        let url = server.url(&format!(
            "/api/v1/relations/US/RU/alerts?as_of=2025-06-01&known_through={through}"
        ));
        let (status, body) = common::get_with(&url, &us);
        assert!(status < 500, "known_through={through}: {status} {body}");
        assert!(!body.to_string().contains("rv5case") || through != "0");
    }
}

/// The demo's F003 (close to 190,000 visas in 2016) is a count of the four US posts in Russia
/// together. Moscow's desk lists it under "Issued, as published" in the same words as F001
/// (136,665 at Moscow alone): the reader is told Moscow issued 190,000, and 250,000 (F004). A
/// shared count must say it is of several posts together (and which).
#[test]
fn a_shared_issuance_count_says_on_the_desk_that_it_is_of_several_posts() {
    let server = start(true);
    let page = ureq::get(
        &server.url("/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2019-01-01"),
    )
    .call()
    .unwrap()
    .into_string()
    .unwrap();
    let items: Vec<&str> = page
        .split("<li>")
        .filter(|li| li.contains("issued in "))
        .map(|li| li.split("</li>").next().unwrap_or(li))
        .collect();
    assert!(
        items.iter().any(|li| li.contains("136,665")),
        "the desk lists the counts: {items:?}"
    );
    let shared: Vec<&&str> = items
        .iter()
        .filter(|li| li.contains("190,000") || li.contains("250,000") || li.contains("89,800"))
        .collect();
    assert_eq!(shared.len(), 3, "{items:?}");
    for li in shared {
        assert!(
            li.contains("together") || li.contains("Petersburg") || li.contains("us-cg-"),
            "a count of four posts shown as Moscow's own: {li}"
        );
    }
}

/// A US national arrested some day in 2024 (only the year on record), never notified: on
/// 3 January 2025 the notification may be almost a year overdue. The overview's Alerts box
/// labels the "may be overdue" alert "Soon:", as if the deadline were still ahead.
#[test]
fn a_clock_that_may_be_long_overdue_is_not_labelled_soon() {
    let server = start(true);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let v = json!({"kind": "case_opened", "date": "2024", "case": "rv5year",
        "national_of": "US", "held_in": "RU", "case_kind": "arrest", "city": "Moscow",
        "post": "us-embassy-moscow", "visibility": {"internal": "US"}});
    let act = chancery_domain::Act::from_json(v).unwrap();
    rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
        .unwrap();
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let (status, page) = browser_get(&server, "/relations/US/RU?as_of=2025-01-03", &us);
    assert_eq!(status, 200);
    let item = page
        .split("<li")
        .find(|li| li.contains("rv5year") && li.contains("may be overdue"))
        .unwrap_or_else(|| panic!("no 'may be overdue' alert for rv5year"));
    assert!(
        !item.contains("Soon:"),
        "a clock that may be a year overdue is labelled 'Soon:': {item}"
    );
}

/// `chancery consular cases` prints a step naming a denial known only as the US's own claim as
/// "(measure rv5-cli)", the same as a denial on record: the pages say the step rests on a claim
/// (`measure_standing`), the terminal does not.
#[test]
fn the_cli_says_when_a_denial_step_rests_on_a_claim() {
    use binary::{chancery, import, import_demo, text, write};
    let dir = tempfile::tempdir().unwrap();
    let db = import_demo(dir.path(), "s.db");
    let acts = "format = \"chancery-scenario/1\"\nrelation = [\"US\", \"RU\"]\n\n\
        [[act]]\nkind = \"measure_imposed\"\ndate = \"2025-05-21\"\nmeasure = \"rv5-cli\"\n\
        actor = \"RU\"\ntarget = \"US\"\nmeasure_kind = \"consular_access_denied\"\n\
        summary = \"access refused\"\nclaimed_by = \"US\"\n\n\
        [[act]]\nkind = \"case_opened\"\ndate = \"2025-05-20\"\ncase = \"rv5clicase\"\n\
        national_of = \"US\"\nheld_in = \"RU\"\ncase_kind = \"arrest\"\ncity = \"Moscow\"\n\
        post = \"us-embassy-moscow\"\nvisibility = { internal = \"US\" }\n\n\
        [[act]]\nkind = \"case_step\"\ndate = \"2025-05-22\"\ncase = \"rv5clicase\"\n\
        step = \"access_denied\"\nmeasure = \"rv5-cli\"\nvisibility = { internal = \"US\" }\n";
    let out = import(write(dir.path(), "case.toml", acts), &db);
    assert!(out.status.success(), "{}", text(&out).1);
    let out = chancery(&[
        "consular",
        "cases",
        "US",
        "RU",
        "--as-of",
        "2025-06-01",
        "--db",
        db.to_str().unwrap(),
    ]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.contains("(measure rv5-cli)"))
        .unwrap_or_else(|| panic!("no step naming the measure: {stdout}"));
    assert!(
        line.contains("claim"),
        "the step resting on a claim reads as a denial on record: {line}"
    );
}

fn public_page(server: &Server, path: &str) -> String {
    ureq::get(&server.url(path))
        .call()
        .unwrap()
        .into_string()
        .unwrap()
}

fn issued_items(page: &str) -> Vec<String> {
    page.split("<li>")
        .filter(|li| li.contains("issued in "))
        .map(|li| li.split("</li>").next().unwrap_or(li).to_owned())
        .collect()
}

/// St Petersburg's 732 (September 2017, immigrant visas included: F005) and Moscow's 136,665
/// (2016, nonimmigrant only: F001) read alike on the desks: what a count covers is not said, so
/// counts of different scope read as comparable.
#[test]
fn an_issuance_count_on_the_desk_says_what_it_counts() {
    let server = start(true);
    let page = public_page(
        &server,
        "/relations/US/RU/posts/us-cg-st-petersburg/consular?as_of=2017-12-01",
    );
    let items = issued_items(&page);
    let item = items
        .iter()
        .find(|li| li.contains("732"))
        .unwrap_or_else(|| panic!("no 732 on the desk: {items:?}"));
    assert!(
        item.to_lowercase().contains("immigrant"),
        "what the count covers is not said: {item}"
    );
}

/// "A count of the past stays true after the post closes": St Petersburg closed on 31 March
/// 2018; its desk as of 2019 should still list what it issued in September 2017.
#[test]
fn holds_a_closed_posts_desk_still_lists_what_it_issued() {
    let server = start(true);
    let page = public_page(
        &server,
        "/relations/US/RU/posts/us-cg-st-petersburg/consular?as_of=2019-01-01",
    );
    let items = issued_items(&page);
    assert!(items.iter().any(|li| li.contains("732")), "{items:?}");
}

/// The same year-dated case: the relation's desk says of Moscow "no clock overdue", while the
/// record cannot tell (the Alerts box says "may be overdue"). More certain than the record.
#[test]
fn the_relation_desk_does_not_say_no_clock_overdue_when_one_may_be() {
    let server = start(true);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let v = json!({"kind": "case_opened", "date": "2024", "case": "rv5year",
        "national_of": "US", "held_in": "RU", "case_kind": "arrest", "city": "Moscow",
        "post": "us-embassy-moscow", "visibility": {"internal": "US"}});
    let act = chancery_domain::Act::from_json(v).unwrap();
    rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
        .unwrap();
    let us = signed_in(&server, "us-v", "us-mfa", Role::Viewer);
    let (status, page) = browser_get(&server, "/relations/US/RU/consular?as_of=2025-01-03", &us);
    assert_eq!(status, 200);
    let line = page
        .split("<li")
        .find(|li| li.contains("us-embassy-moscow/consular") && li.contains("open case"))
        .unwrap_or_else(|| panic!("no line for Moscow"));
    assert!(
        !line.contains("no clock overdue"),
        "said with certainty: {line}"
    );
}
