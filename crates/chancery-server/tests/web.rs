//! The web pages against the real server on the demo: key figures, links that keep the date,
//! forms that record or refuse, 404s, and snapshots of the charts.

#[allow(dead_code)] // the helpers are shared with tests/api.rs, which uses the rest
mod common;

use std::collections::BTreeSet;

use common::{start, Server, TOKEN};

const DATE: &str = "2018-01-01";

fn fetch(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn page(server: &Server, path: &str) -> String {
    let (status, body) = fetch(&server.url(path));
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

/// Every `href="..."` of a page, unescaped as far as the pages escape (`&amp;`).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

fn post_form(server: &Server, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> (u16, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut req = agent.post(&server.url("/acts/new"));
    for (k, v) in headers {
        req = req.set(k, v);
    }
    match req.send_form(fields) {
        Ok(r) => {
            let status = r.status();
            let location = r.header("location").unwrap_or("").to_owned();
            (
                status,
                if location.is_empty() {
                    r.into_string().unwrap_or_default()
                } else {
                    location
                },
            )
        }
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("POST /acts/new: {e}"),
    }
}

/// Every internal link carries a date: the page's own, or for the "one year earlier/later"
/// links, the date they travel to.
fn assert_dated(link: &str) {
    let ok = [DATE, "2017-01-01", "2019-01-01"]
        .iter()
        .any(|d| link.contains(&format!("as_of={d}")));
    assert!(ok, "link without the page's date: {link}");
}

fn last_seq(server: &Server) -> u64 {
    server.chancery.journal().last_seq()
}

#[test]
fn overview_shows_the_relation_at_a_glance() {
    let server = start(true);
    let html = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    for needle in [
        "United States – Russia",
        "Jon Huntsman",
        "Anatoly Antonov",
        ">455<",
        "R012",
        "Parity",
        "Normalisation index",
        "US Consulate General St Petersburg",
        "limited since 2017-12-11",
        "Latest round",
        "<svg",
        "<title id=\"chart-staff-title\">",
    ] {
        assert!(html.contains(needle), "overview lacks {needle:?}");
    }
    assert!(!html.contains("<script"), "pages carry no JavaScript");
}

#[test]
fn home_leads_to_the_demo_with_a_date_in_the_url() {
    let server = start(true);
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent.get(&server.url("/")).call().expect("GET /");
    assert_eq!(r.status(), 303);
    assert!(r.header("location").unwrap_or("").starts_with("/?as_of="));
    let r = agent
        .get(&server.url(&format!("/?as_of={DATE}")))
        .call()
        .expect("GET /?as_of");
    assert_eq!(
        r.header("location"),
        Some(format!("/relations/US/RU?as_of={DATE}").as_str())
    );
    // A page without a date is sent to the same page with one, so its address is a stable link.
    let r = agent
        .get(&server.url("/acts?kind=post_closed"))
        .call()
        .expect("GET /acts");
    assert_eq!(r.status(), 303);
    let location = r.header("location").unwrap_or("");
    assert!(
        location.starts_with("/acts?kind=post_closed&as_of="),
        "{location}"
    );
}

#[test]
fn every_internal_link_keeps_the_date_and_leads_somewhere() {
    let server = start(true);
    let overview = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    let mut seen = BTreeSet::new();
    let mut second = Vec::new();
    for link in links(&overview) {
        if !link.starts_with('/') || link == "/style.css" {
            continue;
        }
        assert_dated(&link);
        if seen.insert(link.clone()) {
            let html = page(&server, &link);
            second.push(html);
        }
    }
    assert!(
        seen.len() > 30,
        "the overview links to the facts ({} links)",
        seen.len()
    );
    // Two clicks away, the links still carry the date.
    for html in &second {
        for link in links(html) {
            if link.starts_with('/') && link != "/style.css" {
                assert!(link.contains("as_of="), "link without a date: {link}");
            }
        }
    }
}

#[test]
fn pages_for_each_kind_of_thing() {
    let server = start(true);
    let measure = page(
        &server,
        &format!("/relations/US/RU/measures/r012?as_of={DATE}"),
    );
    assert!(
        measure.contains("455")
            && measure.contains("Legal basis")
            && measure.contains("What it answers")
    );
    assert!(measure.contains("href=\"http"), "sources are links");
    let post = page(
        &server,
        "/relations/US/RU/posts/us-cg-st-petersburg?as_of=2018-06-01",
    );
    assert!(post.contains("closed since 2018-03"), "{post}");
    let person = page(
        &server,
        &format!("/relations/US/RU/people/Jon%20Huntsman?as_of={DATE}"),
    );
    assert!(person.contains("Head of mission of United States in Russia"));
    let late = "2025-12-01";
    let overview = page(&server, &format!("/relations/US/RU?as_of={late}"));
    let round = links(&overview)
        .into_iter()
        .find(|l| l.contains("/rounds/"))
        .expect("a round link");
    assert!(page(&server, &round).contains("Outcome"));
    let commitments: Vec<String> = links(&overview)
        .into_iter()
        .filter(|l| l.contains("/commitments/"))
        .collect();
    assert!(!commitments.is_empty(), "open commitments are listed");
    assert!(page(&server, &commitments[0]).contains("Status on"));
    let acts = page(
        &server,
        &format!("/acts?as_of={DATE}&kind=measure_imposed&actor=RU&q=455"),
    );
    assert!(acts.contains("R012"), "the filtered list finds the cap");
    assert!(!acts.contains("R005"), "and only matching acts");
    let act = page(&server, &format!("/acts/1?as_of={DATE}"));
    assert!(act.contains("state registered"));
}

#[test]
fn a_refused_act_is_shown_beside_its_field_and_records_nothing() {
    let server = start(true);
    let before = last_seq(&server);
    let (status, html) = post_form(
        &server,
        &[
            ("kind", "post_closed"),
            ("as_of", DATE),
            ("date", "2019-01-01"),
            ("post", "no-such-post"),
            ("by", "RU"),
            ("write_token", TOKEN),
        ],
        &[],
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("id=\"f-post-error\""),
        "the error sits beside the post field: {html}"
    );
    assert!(
        html.contains("value=\"no-such-post\""),
        "the submitted values are kept"
    );
    assert!(!html.contains(TOKEN), "the token is never echoed");
    assert_eq!(last_seq(&server), before);

    let (status, html) = post_form(
        &server,
        &[
            ("kind", "staffing_reported"),
            ("as_of", DATE),
            ("date", "2019-01-01"),
            ("sending", "US"),
            ("host", "RU"),
            ("value", "many"),
            ("bound", "exact"),
            ("counting", "all_staff"),
            ("write_token", TOKEN),
        ],
        &[],
    );
    assert_eq!(status, 422);
    assert!(html.contains("id=\"f-value-error\""), "{html}");
    assert_eq!(last_seq(&server), before);
}

#[test]
fn a_good_act_is_recorded_only_with_the_token_and_from_our_own_pages() {
    let server = start(true);
    let before = last_seq(&server);
    let fields = |token: &'static str| {
        vec![
            ("kind", "statement_recorded"),
            ("as_of", DATE),
            ("date", "2025-01-01"),
            ("by", "US"),
            ("about", "RU"),
            ("summary", "A statement <b>with markup</b>"),
            ("write_token", token),
        ]
    };
    let (status, html) = post_form(&server, &fields("wrong"), &[]);
    assert_eq!(status, 401);
    assert!(html.contains("id=\"f-write_token-error\""));
    assert_eq!(last_seq(&server), before);

    let (status, _) = post_form(&server, &fields(TOKEN), &[("Sec-Fetch-Site", "cross-site")]);
    assert_eq!(status, 403);
    let (status, _) = post_form(
        &server,
        &fields(TOKEN),
        &[("Origin", "https://elsewhere.example")],
    );
    assert_eq!(status, 403);
    assert_eq!(last_seq(&server), before);

    let (status, location) = post_form(
        &server,
        &fields(TOKEN),
        &[("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(status, 303, "{location}");
    assert_eq!(last_seq(&server), before + 1);
    assert_eq!(location, format!("/acts/{}?as_of=2025-01-01", before + 1));
    let act = page(&server, &location);
    assert!(
        act.contains("&lt;b&gt;with markup&lt;/b&gt;"),
        "user input is escaped"
    );
}

#[test]
fn unknown_pages_are_404_in_html_and_the_api_keeps_json() {
    let server = start(true);
    let r = ureq::get(&server.url("/no/such/page")).call();
    let Err(ureq::Error::Status(404, r)) = r else {
        panic!("expected 404")
    };
    assert!(r.content_type().starts_with("text/html"));
    let (status, body) = common::get(&server.url("/api/v1/no-such-route"));
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    for path in [
        format!("/relations/US/XX?as_of={DATE}"),
        format!("/relations/US/RU/measures/no-such?as_of={DATE}"),
        format!("/relations/US/RU/people/Nobody?as_of={DATE}"),
        format!("/acts/99999?as_of={DATE}"),
        format!("/acts/new?kind=no_such_kind&as_of={DATE}"),
    ] {
        assert_eq!(fetch(&server.url(&path)).0, 404, "{path}");
    }
    assert_eq!(
        fetch(&server.url("/relations/US/RU?as_of=yesterday")).0,
        400
    );
}

#[test]
fn every_kind_of_act_has_a_form() {
    let server = start(true);
    let kinds = page(&server, &format!("/acts/new?as_of={DATE}"));
    let forms: Vec<String> = links(&kinds)
        .into_iter()
        .filter(|l| l.contains("kind="))
        .collect();
    assert_eq!(forms.len(), 37);
    for link in forms {
        let html = page(&server, &link);
        assert!(
            html.contains("name=\"write_token\"") && html.contains("<label for=\"f-date\""),
            "{link}"
        );
    }
}

/// The charts of the overview, as served, are stable for a fixed date of the demo.
#[test]
fn chart_snapshots() {
    let server = start(true);
    let html = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    let charts: Vec<&str> = html
        .split("<svg")
        .skip(1)
        .filter_map(|rest| rest.split("</svg>").next())
        .collect();
    assert_eq!(charts.len(), 4);
    for (name, svg) in ["staffing", "posts", "measures", "index"]
        .iter()
        .zip(charts)
    {
        insta::assert_snapshot!(format!("chart_{name}"), format!("<svg{svg}</svg>"));
    }
}
