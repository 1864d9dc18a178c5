//! The web pages against the real server on the demo: key figures, links that keep the date,
//! forms that record or refuse, 404s, and snapshots of the charts.

use crate::common;

use std::collections::BTreeSet;

use common::{fetch, page, start, Server};

const DATE: &str = "2018-01-01";

/// Every `href="..."` of a page, unescaped as far as the pages escape (`&amp;`).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
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

/// Parity's consular-access dimension is in words on the overview, with its notes: the clocks
/// come from the cases on the reader's record and are not compared.
#[test]
fn overview_shows_consular_access_parity_in_words() {
    let server = start(true);
    let html = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    for needle in [
        "Consular access to detained nationals",
        "denial of access by",
        "from the cases on your record",
        "the clocks are not compared",
    ] {
        assert!(html.contains(needle), "overview lacks {needle:?}");
    }
}

#[test]
fn home_lists_the_relations_with_a_date_in_the_url() {
    let server = start(true);
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent.get(&server.url("/")).call().expect("GET /");
    assert_eq!(r.status(), 303);
    assert!(r.header("location").unwrap_or("").starts_with("/?as_of="));
    // With a date, the start page: the US–Russia overview one click away.
    let r = agent
        .get(&server.url(&format!("/?as_of={DATE}")))
        .call()
        .expect("GET /?as_of");
    assert_eq!(r.status(), 200);
    let html = r.into_string().unwrap_or_default();
    assert!(html.contains(&format!("href=\"/relations/US/RU?as_of={DATE}\"")));
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
            // A feed is subscribed to and read on later days, so its link carries no date:
            // it answers for the day it is read.
            let feed = link.split('?').next().is_some_and(|p| p.ends_with(".atom"));
            if link.starts_with('/') && link != "/style.css" && !feed {
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
    assert!(person.contains("Head of mission of the United States in Russia"));
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
        &format!("/acts?as_of={DATE}&kind=measure_imposed&involves=RU&q=455"),
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
    let editor = common::login(&server, "editor", common::PASSWORD).expect("sign in");
    let (status, html) = common::browser_post(
        &server,
        "/acts/new",
        Some(&editor),
        &[
            ("kind", "post_closed"),
            ("as_of", DATE),
            ("date", "2019-01-01"),
            ("post", "no-such-post"),
            ("by", "RU"),
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
    // Beside the field, the message does not name the field again; the summary at the top
    // names it by its label and links to it.
    let beside = between(&html, "id=\"f-post-error\"", "</span>");
    assert!(
        beside.contains("`no-such-post` is not recorded") && beside.contains("[unknown_post]"),
        "{beside}"
    );
    assert!(!beside.contains("(field"), "{beside}");
    let summary = between(&html, "role=\"alert\"", "</div>");
    assert!(
        summary.contains("<a href=\"#f-post\">Post</a>: `no-such-post` is not recorded"),
        "{summary}"
    );
    assert!(!summary.contains("(field"), "{summary}");
    assert_eq!(last_seq(&server), before);

    let (status, html) = common::browser_post(
        &server,
        "/acts/new",
        Some(&editor),
        &[
            ("kind", "staffing_reported"),
            ("as_of", DATE),
            ("date", "2019-01-01"),
            ("sending", "US"),
            ("host", "RU"),
            ("value", "many"),
            ("bound", "exact"),
            ("counting", "all_staff"),
        ],
        &[],
    );
    assert_eq!(status, 422);
    assert!(html.contains("id=\"f-value-error\""), "{html}");
    assert_eq!(last_seq(&server), before);
}

/// The statement form's fields as a browser posts them.
fn statement_form(summary: &str) -> [(&'static str, &str); 6] {
    [
        ("kind", "statement_recorded"),
        ("as_of", DATE),
        ("date", "2025-01-01"),
        ("by", "US"),
        ("about", "RU"),
        ("summary", summary),
    ]
}

#[test]
fn a_good_act_is_recorded_only_when_signed_in_with_the_role_and_from_our_own_pages() {
    let server = start(true);
    let before = last_seq(&server);
    let fields = statement_form("A statement <b>with markup</b>");
    let (status, _) = common::browser_post(&server, "/acts/new", None, &fields, &[]);
    assert_eq!(status, 401, "signed out");
    let editor = common::login(&server, "editor", common::PASSWORD).expect("sign in");
    let (status, html) = common::browser_post(&server, "/acts/new", Some(&editor), &fields, &[]);
    assert_eq!(status, 403, "statements are the negotiators': {html}");
    assert!(html.contains("negotiator"), "the refusal says why: {html}");
    assert_eq!(last_seq(&server), before);

    let negotiator = common::signed_in(
        &server,
        "neg",
        "us-mfa",
        chancery_accounts::Role::Negotiator,
    );
    let origin = format!("http://{}", server.addr);
    for headers in [
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Origin", "https://elsewhere.example")],
        // No browser header at all, but the cookie: a forged request, refused.
        vec![("X-Nothing", "1")],
    ] {
        let (status, _) =
            common::browser_post(&server, "/acts/new", Some(&negotiator), &fields, &headers);
        assert_eq!(status, 403, "{headers:?}");
    }
    assert_eq!(last_seq(&server), before);

    let (status, location) = common::browser_post(
        &server,
        "/acts/new",
        Some(&negotiator),
        &fields,
        &[("Origin", &origin), ("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(status, 303, "{location}");
    assert_eq!(last_seq(&server), before + 1);
    // Post, redirect, get: a confirmation that links the act.
    assert_eq!(
        location,
        format!("/acts/{}/recorded?as_of=2025-01-01", before + 1)
    );
    let location = format!("/acts/{}?as_of=2025-01-01", before + 1);
    let (status, confirmation) =
        common::browser_get(&server, &location.replace("?", "/recorded?"), &negotiator);
    assert_eq!(status, 200);
    assert!(
        confirmation.contains(&format!("href=\"{location}\"")),
        "{confirmation}"
    );
    let act = page(&server, &location);
    assert!(
        act.contains("&lt;b&gt;with markup&lt;/b&gt;"),
        "user input is escaped"
    );
    assert!(
        !act.contains("user:neg"),
        "others are not told who recorded it"
    );
    let (_, own) = common::browser_get(&server, &location, &negotiator);
    assert!(
        own.contains("user:neg@us-mfa"),
        "its own organisation sees who recorded it"
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
    ] {
        assert_eq!(fetch(&server.url(&path)).0, 404, "{path}");
    }
    let editor = common::login(&server, "editor", common::PASSWORD).expect("sign in");
    let path = format!("/acts/new?kind=no_such_kind&as_of={DATE}");
    assert_eq!(common::browser_get(&server, &path, &editor).0, 404);
    assert_eq!(
        fetch(&server.url("/relations/US/RU?as_of=yesterday")).0,
        400
    );
}

#[test]
fn every_kind_of_act_has_a_form() {
    let server = start(true);
    let editor = common::login(&server, "editor", common::PASSWORD).expect("sign in");
    let negotiator = common::signed_in(
        &server,
        "medneg",
        "mediators",
        chancery_accounts::Role::Negotiator,
    );
    let mut offered = BTreeSet::new();
    for who in [&editor, &negotiator] {
        let (status, kinds) = common::browser_get(&server, &format!("/acts/new?as_of={DATE}"), who);
        assert_eq!(status, 200);
        let forms: Vec<String> = links(&kinds)
            .into_iter()
            .filter(|l| l.contains("kind="))
            .collect();
        for link in forms {
            let (status, html) = common::browser_get(&server, &link, who);
            assert_eq!(status, 200, "{link}");
            assert!(
                html.contains("<label for=\"f-date\"")
                    && html.contains("<label for=\"f-visibility\"")
                    && html.contains("<label for=\"f-date_confirmed\""),
                "{link}"
            );
            offered.insert(link);
        }
    }
    // One form per kind in the one list of kinds, between a mediator's editor and negotiator.
    assert_eq!(offered.len(), chancery_domain::act::Kind::ALL.len());
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

/// Text as maud writes it into a page.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The part of a page from `start` up to the next `end` (or the end of the page).
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &html[from..];
    let to = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    &rest[..to]
}

/// Every act the journal holds, as the service reads them.
fn all_acts(server: &Server) -> Vec<chancery_app::StoredAct> {
    let last = usize::try_from(last_seq(server)).expect("fits");
    server.chancery.acts(0, last).expect("read the journal")
}

#[test]
fn the_roadmap_page_sets_out_the_domains_steps_in_order() {
    let server = start(true);
    let day = "2025-12-31";
    let (status, api) =
        common::get(&server.url(&format!("/api/v1/relations/US/RU/roadmap?as_of={day}")));
    assert_eq!(status, 200);
    let steps = api["steps"].as_array().expect("steps");
    assert!(steps.len() > 10, "the demo's roadmap has many steps");
    let html = page(&server, &format!("/relations/US/RU/roadmap?as_of={day}"));
    let (_, in_force) = common::get(&server.url(&format!(
        "/api/v1/relations/US/RU/measures?in_force_on={day}"
    )));
    let in_force: Vec<&str> = in_force["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();

    let mut last_at = 0;
    for step in steps {
        let order = step["order"].as_u64().expect("order");
        let anchor = format!("<section class=\"step\" id=\"step-{order}\"");
        let at = html.find(&anchor).expect("a section per step");
        assert!(at > last_at, "step {order} comes after the one before it");
        last_at = at;
        let section = between(&html, &anchor, "<section class=\"step\"");
        let explanation = step["explanation"].as_str().expect("explanation");
        // The page reads the domain's sentence without its id ticks and snake-case labels.
        let read = explanation.replace('`', "").replace('_', " ");
        assert!(section.contains(&escaped(&read)), "step {order}");
        for m in step["lift"].as_array().expect("lift") {
            let id = m["id"].as_str().expect("id");
            assert!(
                in_force.contains(&id),
                "step {order} lifts {id}, in force on {day}"
            );
            assert!(
                section.contains(&format!("/relations/US/RU/measures/{id}?as_of={day}")),
                "step {order} links {id}"
            );
            let shown = m["external_ref"].as_str().unwrap_or(id);
            assert!(section.contains(&format!(">{shown}</a>")));
        }
        for dep in step["depends_on"].as_array().expect("depends_on") {
            assert!(
                section.contains(&format!("href=\"#step-{dep}\"")),
                "step {order} waits for step {dep}"
            );
        }
        for (state, index) in step["effect"]["index"].as_object().expect("index") {
            let name = if state == "US" {
                "United States'"
            } else {
                "Russia's"
            };
            let figure = format!(
                "{name} missions <strong>{:.1}</strong>",
                index.as_f64().expect("index")
            );
            assert!(section.contains(&figure), "step {order}: {figure}");
        }
        for change in step["effect"]["parity"].as_array().expect("parity") {
            let label = change["before"]["label"].as_str().expect("label");
            assert!(section.contains(&format!("<strong>{label}</strong>")));
        }
        for c in step["covered_by"].as_array().expect("covered_by") {
            let id = c["commitment"].as_str().expect("commitment");
            assert!(section.contains(&format!("/relations/US/RU/commitments/{id}?as_of={day}")));
        }
    }
    assert!(
        steps
            .iter()
            .any(|s| !s["covered_by"].as_array().expect("covered").is_empty()),
        "some step of the demo is covered by a commitment"
    );
    // The first step is reciprocal: the barred dachas and compounds of 2016-17 (R013 answering
    // R008), the latest pair with nothing it waits for.
    assert_eq!(steps[0]["kind"], "reciprocal");
    let first: Vec<&str> = steps[0]["lift"]
        .as_array()
        .expect("lift")
        .iter()
        .filter_map(|m| m["external_ref"].as_str())
        .collect();
    assert_eq!(first, ["R013", "R008"]);

    let overview = page(&server, &format!("/relations/US/RU?as_of={day}"));
    assert!(overview.contains(&format!("href=\"/relations/US/RU/roadmap?as_of={day}\"")));
    assert!(overview.contains(&format!("href=\"/relations/US/RU/what-if?as_of={day}\"")));
}

#[test]
fn what_if_lifting_the_2017_cap_changes_the_staff_cap_and_records_nothing() {
    let server = start(true);
    let before = last_seq(&server);
    let html = page(
        &server,
        &format!("/relations/US/RU/what-if?as_of={DATE}&lift=r012&go=compare"),
    );
    let (status, api) = common::post(
        &server.url("/api/v1/relations/US/RU/what-if"),
        None,
        &serde_json::json!({"as_of": DATE, "acts": [{"kind": "measure_lifted", "date": DATE, "measure": "r012"}]}),
    );
    assert_eq!(status, 200, "{api}");
    let changes = between(&html, "<h3>Dimensions that change</h3>", "</ul>");
    let changed: Vec<&str> = api["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    assert!(changed.contains(&"staff_cap"), "{changed:?}");
    assert!(
        changes.contains("<li>Staff cap</li>"),
        "the staff cap is among the dimensions that change: {changes}"
    );
    assert!(html.contains(
        "<tr class=\"changed\"><th scope=\"row\">Staff cap <span class=\"tag\">changed</span>"
    ));
    let us = api["index"]["index"]["US"].as_f64().expect("US index");
    assert!(us > 100.0, "lifting the cap eases the US mission");
    assert!(
        html.contains(&format!("<strong>{us:.1}</strong>")),
        "index {us}"
    );
    assert!(
        html.contains("type=\"checkbox\" id=\"lift-r012\" name=\"lift\" value=\"r012\" checked"),
        "the choice is kept in the form"
    );
    assert_eq!(last_seq(&server), before, "what-if records nothing");
}

#[test]
fn what_if_shows_the_rules_refusal_of_a_hypothetical_act() {
    let server = start(true);
    let before = last_seq(&server);
    let day = "2019-01-01";
    let (status, html) = fetch(&server.url(&format!(
        "/relations/US/RU/what-if?as_of={day}&kind=post_closed&go=fields"
    )));
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"post\"") && html.contains(&format!("value=\"{day}\"")),
        "choosing a kind draws its fields, dated on the page's day"
    );
    assert!(!html.contains("id=\"result\""), "nothing compared yet");

    let (status, html) = fetch(&server.url(&format!(
        "/relations/US/RU/what-if?as_of={day}&kind=post_closed&date={day}&post=us-cg-st-petersburg&by=RU&go=compare"
    )));
    assert_eq!(status, 422);
    let alert = between(&html, "role=\"alert\"", "</section>");
    assert!(
        alert.contains("post_already_closed") && alert.contains("cannot be closed"),
        "{alert}"
    );
    let (status, html) = fetch(&server.url(&format!(
        "/relations/US/RU/what-if?as_of={day}&lift=no-such-measure&go=compare"
    )));
    assert_eq!(status, 422);
    assert!(html.contains("Lifting no-such-measure"), "{html}");
    assert_eq!(last_seq(&server), before, "what-if records nothing");
}

/// The act numbers listed on an acts page, and its "next page" link.
fn listed(html: &str) -> (Vec<u64>, Option<String>) {
    let seqs = html
        .split("<td class=\"num\"><a href=\"/acts/")
        .skip(1)
        .filter_map(|rest| rest.split('?').next()?.parse().ok())
        .collect();
    let next = html
        .split("<a href=\"")
        .skip(1)
        .find(|rest| rest.contains("rel=\"next\""))
        .and_then(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"));
    (seqs, next)
}

#[test]
fn the_acts_list_pages_through_the_journal_with_its_filters() {
    let server = start(true);
    let day = "2026-01-01";
    let acts = all_acts(&server);
    for (query, keep) in [
        ("", (|_: &chancery_app::StoredAct| true) as fn(&_) -> bool),
        // Involves: a state the act names, or a state of its relation; every act of the demo
        // but a registration is of the US–RU relation.
        ("&involves=US", |a| {
            a.act.kind() != "state_registered"
                || a.act.body.states_named().iter().any(|s| s.as_str() == "US")
        }),
        ("&kind=measure_imposed&from=2017-01-01&to=2018-12-31", |a| {
            let d = a.act.envelope.date.to_string();
            a.act.kind() == "measure_imposed" && d.as_str() >= "2017" && d.as_str() < "2019"
        }),
    ] {
        let expected: Vec<u64> = acts.iter().filter(|a| keep(a)).map(|a| a.seq).collect();
        let mut seen = Vec::new();
        let mut next = Some(format!("/acts?as_of={day}{query}"));
        let mut pages = 0;
        while let Some(link) = next {
            assert!(link.contains(&format!("as_of={day}")), "{link}");
            for filter in query.split('&').filter(|f| !f.is_empty()) {
                assert!(link.contains(filter), "{link} keeps {filter}");
            }
            let (seqs, more) = listed(&page(&server, &link));
            assert!(seqs.len() <= 50, "a page shows at most 50 acts");
            seen.extend(seqs);
            next = more;
            pages += 1;
        }
        assert_eq!(seen, expected, "filters {query:?}");
        if expected.len() > 50 {
            assert!(pages > 1, "{query:?} takes more than one page");
        }
    }
    let (status, _) = fetch(&server.url(&format!("/acts?as_of={day}&after=minus-one")));
    assert_eq!(status, 400);
}

#[test]
fn known_through_shows_the_record_as_it_stood_after_an_act() {
    let server = start(true);
    let day = "2025-12-31";
    let r078 = all_acts(&server)
        .into_iter()
        .find(|a| {
            a.act.kind() == "measure_imposed"
                && a.act.envelope.external_ref.as_deref() == Some("R078")
        })
        .expect("R078 is in the demo")
        .seq;
    let through = r078 - 1;
    let now = page(&server, &format!("/relations/US/RU?as_of={day}"));
    let then = page(
        &server,
        &format!("/relations/US/RU?as_of={day}&known_through={through}"),
    );
    assert!(now.contains(">R078</a>"));
    assert!(!then.contains(">R078</a>"), "R078 was not yet recorded");
    assert!(then.contains(&format!("as recorded through act #{through}")));
    for link in links(&then) {
        if link.starts_with("/relations/US/RU/")
            && !link.contains("/roadmap")
            && !link.contains("/what-if")
        {
            assert!(link.contains(&format!("known_through={through}")), "{link}");
        }
    }
    let measure = format!("/relations/US/RU/measures/r078?as_of={day}");
    assert_eq!(fetch(&server.url(&measure)).0, 200);
    assert_eq!(
        fetch(&server.url(&format!("{measure}&known_through={through}"))).0,
        404
    );
    let post = page(
        &server,
        &format!("/relations/US/RU/posts/us-embassy-moscow?as_of={day}&known_through={through}"),
    );
    assert!(post.contains(&format!("as recorded through act #{through}")));
    assert_eq!(
        fetch(&server.url(&format!("/relations/US/RU?as_of={day}&known_through=x"))).0,
        400
    );
}

#[test]
fn a_posts_history_is_the_acts_about_it() {
    let server = start(true);
    let acts = all_acts(&server);
    let about = |kind: &str| {
        acts.iter()
            .find(|a| a.act.kind() == kind && a.act.body.subject() == "post:us-cg-st-petersburg")
            .unwrap_or_else(|| panic!("a {kind} act"))
            .seq
    };
    let html = page(
        &server,
        "/relations/US/RU/posts/us-cg-st-petersburg?as_of=2018-06-01",
    );
    let history = between(&html, "<h2>History</h2>", "</table>");
    let (opened, closed) = (about("post_opened"), about("post_closed"));
    for seq in [opened, closed] {
        assert!(
            history.contains(&format!("href=\"/acts/{seq}?as_of=2018-06-01\"")),
            "act #{seq} in {history}"
        );
    }
    let r012 = acts
        .iter()
        .find(|a| a.act.envelope.external_ref.as_deref() == Some("R012"))
        .expect("R012")
        .seq;
    assert!(
        !history.contains(&format!("/acts/{r012}?")),
        "not about this post"
    );
    let earlier = page(
        &server,
        "/relations/US/RU/posts/us-cg-st-petersburg?as_of=2017-01-01",
    );
    let history = between(&earlier, "<h2>History</h2>", "</table>");
    assert!(
        !history.contains(&format!("/acts/{closed}?")),
        "not yet closed in 2017"
    );
}

#[test]
fn a_post_open_before_the_record_begins_is_known_by_a_date_not_open_since_it() {
    let server = start(true);
    let (status, api) =
        common::get(&server.url(&format!("/api/v1/relations/US/RU/presence?as_of={DATE}")));
    assert_eq!(status, 200, "{api}");
    let html = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    let mut known_by = Vec::new();
    for post in api["missions"]
        .as_array()
        .expect("missions")
        .iter()
        .flat_map(|m| m["posts"].as_array().expect("posts"))
    {
        let field = |k: &str| post[k].as_str().unwrap_or_else(|| panic!("{k} of {post}"));
        let (name, status, since, opened) = (
            field("name"),
            field("status"),
            field("status_since"),
            field("opened"),
        );
        let row = between(&html, &format!(">{}</a>", escaped(name)), "</tr>");
        if post["start_unknown"] == true && since == opened {
            assert!(
                row.contains(&format!("{status}, known by {opened}")),
                "{row}"
            );
            assert!(!row.contains(&format!("since {opened}")), "{row}");
            known_by.push(name.to_owned());
        } else {
            assert!(row.contains(&format!("{status} since {since}")), "{row}");
        }
    }
    for name in [
        "US Embassy Moscow",
        "Russian Embassy Washington",
        "Russian Consulate General New York",
    ] {
        assert!(
            known_by.iter().any(|k| k == name),
            "{name} opened before the record: {known_by:?}"
        );
    }
    let post = page(
        &server,
        &format!("/relations/US/RU/posts/us-embassy-moscow?as_of={DATE}"),
    );
    assert!(post.contains("<dd>open, known by 2012"), "{post}");
    assert!(!post.contains("since 2012"), "{post}");
}

#[test]
fn names_counts_and_kinds_read_as_english() {
    let server = start(true);
    let overview = page(&server, &format!("/relations/US/RU?as_of={DATE}"));
    for needle in [
        "<h3>United States' missions in Russia</h3>",
        "<h3>Russia's missions in the United States</h3>",
        "<th scope=\"col\">United States' missions</th>",
        "<th scope=\"col\">Russia's missions</th>",
        "mission to an international organisation, New York",
    ] {
        assert!(overview.contains(needle), "overview lacks {needle:?}");
    }
    for wrong in [
        "States's",
        "Russia missions",
        " in United States",
        "mission to io",
    ] {
        assert!(!overview.contains(wrong), "overview says {wrong:?}");
    }
    let measure = page(
        &server,
        &format!("/relations/US/RU/measures/r012?as_of={DATE}"),
    );
    assert!(measure.contains("the missions of the United States"));
    let what_if = page(
        &server,
        &format!("/relations/US/RU/what-if?as_of={DATE}&lift=r012&go=compare"),
    );
    assert!(
        what_if.contains("1 hypothetical act applied"),
        "one act, singular"
    );
    assert!(what_if.contains("By Russia against the United States' missions"));
    assert!(what_if.contains("By the United States against Russia's missions"));

    // The acts list counts what it shows, singular for one.
    for (query, one) in [("&kind=state_registered&involves=US", true), ("", false)] {
        let html = page(&server, &format!("/acts?as_of={DATE}{query}"));
        let (seqs, _) = listed(&html);
        assert_eq!(seqs.len() == 1, one, "{query:?} lists {seqs:?}");
        let noun = if one { "act" } else { "acts" };
        assert!(
            html.contains(&format!("{} matching {noun} among", seqs.len())),
            "{query:?}"
        );
    }
}

#[test]
fn an_acts_page_shows_its_fields_by_their_labels_and_values_in_words() {
    let server = start(true);
    let acts = all_acts(&server);
    let report = acts
        .iter()
        .find(|a| {
            a.act.kind() == "staffing_reported"
                && a.act.to_json()["counting"] == "sending_state_staff"
        })
        .expect("a report counting sending-state staff");
    let html = page(&server, &format!("/acts/{}?as_of={DATE}", report.seq));
    for needle in [
        "<dt>Kind of act</dt><dd>staffing reported</dd>",
        "<dt>Sending state</dt>",
        "<dt>Counts</dt><dd>sending-state staff, no local hires</dd>",
        "<dt>Includes missions to international organisations</dt><dd>yes</dd>",
    ] {
        assert!(
            html.contains(needle),
            "the act's page lacks {needle:?}: {html}"
        );
    }
    for raw in ["sending_state_staff", "<dt>counting</dt>", "<dt>kind</dt>"] {
        assert!(!html.contains(raw), "the act's page shows {raw:?}");
    }
    let cap = acts
        .iter()
        .find(|a| {
            a.act.envelope.external_ref.as_deref() == Some("R012")
                && a.act.kind() == "measure_imposed"
        })
        .expect("R012");
    let html = page(&server, &format!("/acts/{}?as_of={DATE}", cap.seq));
    assert!(
        html.contains("<dt>Kind of measure</dt><dd>staff cap</dd>"),
        "{html}"
    );
    assert!(html.contains("<dt>Cap</dt><dd>455</dd>"), "{html}");
}

/// Pages and the API answer a failed journal alike: 503, a page that says the journal failed,
/// and none of the storage's own words (which may name paths).
#[test]
fn a_form_posted_after_the_journal_failed_answers_503_without_internal_text() {
    let server = start(true);
    let negotiator = common::signed_in(
        &server,
        "neg",
        "us-mfa",
        chancery_accounts::Role::Negotiator,
    );
    rusqlite::Connection::open(server.dir().join("test.db"))
        .expect("second connection")
        .execute_batch("CREATE TRIGGER broken BEFORE INSERT ON journal BEGIN SELECT RAISE(FAIL, 'disk on fire'); END;")
        .expect("install the failing trigger");
    let fields = statement_form("lost");
    for attempt in ["the failing write", "a write after it"] {
        let (status, html) =
            common::browser_post(&server, "/acts/new", Some(&negotiator), &fields, &[]);
        assert_eq!(status, 503, "{attempt}: {html}");
        assert!(html.contains("journal"), "{attempt}: says why: {html}");
        assert!(
            !html.contains("disk on fire") && !html.contains("SQLite") && !html.contains("test.db"),
            "{attempt}: no internal text: {html}"
        );
    }
}

/// A mission's staff figure is the latest under the widest counting, with its age; a count of
/// local staff after it is a sub-count, and a figure older than an expulsion says so.
#[test]
fn the_staff_figure_is_the_widest_count_with_its_age() {
    let server = start(true);
    let html = page(&server, "/relations/US/RU?as_of=2021-09-01");
    let staff: Vec<&str> = html
        .split("<dt>Staff</dt>")
        .skip(1)
        .filter_map(|rest| rest.split("</dd>").next())
        .collect();
    assert_eq!(staff.len(), 2);
    let (us, ru) = (staff[0], staff[1]);
    assert!(
        us.contains("<span class=\"figure\">about 120</span>") && us.contains("1 day old"),
        "{us}"
    );
    assert!(
        us.contains("sub-count: <strong>at least 182 let go</strong>")
            && us.contains("locally employed staff"),
        "{us}"
    );
    assert!(
        ru.contains("<span class=\"figure\">455</span>")
            && ru.contains("4 years old")
            && ru.contains("predates the expulsion of 60 on 2018-03-26 (R023)"),
        "{ru}"
    );
}

#[test]
fn a_ministrys_claim_is_shown_per_its_party_and_as_not_part_of_the_record() {
    let server = start(true);
    let empty = page(&server, "/relations/US/RU?as_of=2025-12-31");
    assert!(empty.contains("No claims on record"), "no claims yet");
    let us = server.token_for(
        "us-ed",
        "us-mfa",
        chancery_accounts::Role::Editor,
        chancery_accounts::TokenScope::Write,
    );
    // Lifting Russia's quota on official visitors (r039) is Russia's decision: the US
    // ministry's record of it is its claim.
    let lift =
        serde_json::json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &lift);
    assert_eq!(status, 201, "{body}");
    let seq = last_seq(&server);

    let overview = page(&server, "/relations/US/RU?as_of=2025-12-31");
    let claims = between(&overview, "id=\"claims\"", "</section>");
    for needle in [
        "2025-01-10",
        "per US",
        "A measure lifted",
        "measure r039",
        "open: not answered",
    ] {
        assert!(claims.contains(needle), "{needle} missing in {claims}");
    }
    assert!(!claims.contains("No claims on record"));

    let act = page(&server, &format!("/acts/{seq}?as_of=2025-12-31"));
    assert!(
        act.contains(&escaped(
            "A claim of the United States' ministry about Russia's conduct: not part of the record."
        )),
        "{act}"
    );
    assert!(act.contains("Not answered by the other party."), "{act}");
}

/// A claim that Russia imposed a measure names a measure that exists only in the claim: the
/// overview links the claim's act, not a measure page that cannot exist; and the view of a day
/// before the claimed act does not list it.
#[test]
fn a_claimed_imposition_links_its_act_and_stays_out_of_earlier_days() {
    let server = start(true);
    let us = server.token_for(
        "us-ed",
        "us-mfa",
        chancery_accounts::Role::Editor,
        chancery_accounts::TokenScope::Write,
    );
    let claim = serde_json::json!({"kind": "measure_imposed", "date": "2019-01-17",
        "measure": "us-ru-claimed-visit-cancelled", "actor": "RU", "target": "US",
        "measure_kind": "consular_access_denied", "summary": "a planned visit cancelled"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &claim);
    assert_eq!(status, 201, "{body}");
    let seq = last_seq(&server);
    let before = page(&server, "/relations/US/RU?as_of=2018-01-01");
    assert!(
        !before.contains("us-ru-claimed-visit-cancelled"),
        "a claim dated 2019 in the view of 2018"
    );
    let after = page(&server, "/relations/US/RU?as_of=2019-06-01");
    let claims = between(&after, "id=\"claims\"", "</section>");
    assert!(claims.contains("us-ru-claimed-visit-cancelled"), "{claims}");
    assert!(
        !claims.contains("/measures/us-ru-claimed-visit-cancelled"),
        "a link to a measure page that is not on record: {claims}"
    );
    assert!(claims.contains(&format!("/acts/{seq}")), "{claims}");
}
