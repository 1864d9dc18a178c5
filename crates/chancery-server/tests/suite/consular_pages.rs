//! The consular desk pages against the real server on the demo: services in words with their
//! routing and measures, capacity and waits from a recorded staff figure and demand with the
//! method beside the waits, the post's chart of levels, links that keep the date, and access.

use crate::common;

use chancery_accounts::{Permission, Role, TokenScope};
use chancery_server::table::Access;
use common::{fetch, page, post, start};
use serde_json::json;

fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// The row of the table whose header cell is `service` within the section of `post`.
fn row<'a>(html: &'a str, post: &str, service: &str) -> &'a str {
    let from = html
        .find(&format!("id=\"post-{post}\""))
        .unwrap_or_else(|| panic!("no section for {post}"));
    let section = &html[from..];
    let section = &section[..section.find("</section>").unwrap_or(section.len())];
    let at = section
        .find(&format!("<th scope=\"row\">{service}</th>"))
        .unwrap_or_else(|| panic!("no row {service:?} for {post}"));
    let rest = &section[at..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[test]
fn the_desk_shows_each_posts_services_in_words_with_routing_and_measures() {
    let server = start(true);
    let html = page(&server, "/relations/US/RU/consular?as_of=2022-01-01");
    assert!(
        html.contains("Consular desk: United States – Russia"),
        "{html}"
    );
    assert!(html.contains("United States' missions in Russia"));
    assert!(html.contains("Russia's missions in the United States"));
    // Immigrant visas moved to Warsaw in October 2021.
    let iv = row(&html, "us-embassy-moscow", "immigrant visas");
    assert!(iv.contains("<strong>none</strong>"), "{iv}");
    assert!(iv.contains("applicants go to Warsaw (PL)"), "{iv}");
    let moscow = row(&html, "us-embassy-moscow", "nonimmigrant visas: visitors");
    assert!(
        moscow.contains(">R042</a>"),
        "the measure by its reference: {moscow}"
    );
    // Words, never the catalogue's or the vocabulary's codes.
    for code in [
        "immigrant_visa",
        "nonimmigrant_visitor",
        "emergency_only",
        "emergency_citizen_services",
    ] {
        assert!(!html.contains(&format!(">{code}")), "raw code {code} shown");
    }
    // The demo holds no consular staff figure: capacity is not made up.
    assert!(
        html.contains("no consular staff figure on record"),
        "{html}"
    );
    assert!(html.contains("id=\"method\""));
    // The overview leads here, and every link of the desk keeps the date and leads somewhere.
    let overview = page(&server, "/relations/US/RU?as_of=2022-01-01");
    assert!(overview.contains("href=\"/relations/US/RU/consular?as_of=2022-01-01\""));
    for link in links(&html) {
        if !link.starts_with('/') || link == "/style.css" {
            continue;
        }
        assert!(
            link.contains("as_of=2022-01-01"),
            "link without the date: {link}"
        );
        page(&server, &link);
    }
}

#[test]
fn a_posts_desk_charts_its_service_levels_over_time() {
    let server = start(true);
    let html = page(
        &server,
        "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2022-01-01",
    );
    assert!(html.contains("Consular desk: US Embassy Moscow"), "{html}");
    let svg = html
        .split("<svg")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("the chart is drawn");
    assert!(
        svg.contains("Consular service levels at US Embassy Moscow over time"),
        "{svg}"
    );
    assert!(svg.contains("immigrant visas: none"), "{svg}");
    // The post's page links to its desk.
    let post_page = page(
        &server,
        "/relations/US/RU/posts/us-embassy-moscow?as_of=2022-01-01",
    );
    assert!(post_page
        .contains("href=\"/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2022-01-01\""));
    let (status, _) =
        fetch(&server.url("/relations/US/RU/posts/no-such-post/consular?as_of=2022-01-01"));
    assert_eq!(status, 404);
    let (status, _) = fetch(&server.url("/relations/US/XX/consular?as_of=2022-01-01"));
    assert_eq!(status, 404);
}

/// 10 officers with 40 local staff at 100 interviews a day (the default) over the 5 working
/// days of 3–7 June 2019 give 5000 a week; 6000 applicants a week load it at 1.2, and the
/// waits are given with their method beside them.
#[test]
fn capacity_demand_load_and_waits_from_the_record() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let acts = server.url("/api/v1/acts");
    for act in [
        json!({"kind": "consular_staff_reported", "date": "2019-06-03",
               "post": "us-embassy-moscow", "officers": 10, "local_staff": 40,
               "estimate": true, "sources": ["a test figure"]}),
        json!({"kind": "consular_demand_reported", "date": "2019-06-03",
               "post": "us-embassy-moscow", "service": "nonimmigrant_visitor",
               "per_week": 6000, "estimate": true, "sources": ["a test figure"]}),
    ] {
        let (status, body) = post(&acts, Some(&us), &act);
        assert_eq!(status, 201, "{body}");
    }
    let html = page(&server, "/relations/US/RU/consular?as_of=2019-06-05");
    let visitor = row(&html, "us-embassy-moscow", "nonimmigrant visas: visitors");
    assert!(visitor.contains(">5000<"), "{visitor}");
    // Moscow's services were limited then: the section's capacity is an upper bound.
    assert!(
        visitor.contains("at most: the service is limited"),
        "{visitor}"
    );
    assert!(
        visitor.contains("100 per officer-day, default estimate"),
        "{visitor}"
    );
    assert!(visitor.contains("6000"), "{visitor}");
    assert!(visitor.contains("1.20"), "{visitor}");
    assert!(visitor.contains("class=\"num stricter\""), "{visitor}");
    // The relation's desk leaves the simulation to each post's desk.
    assert!(
        visitor.contains("simulated on the post's own desk"),
        "{visitor}"
    );
    let post_html = page(
        &server,
        "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2019-06-05",
    );
    let visitor = row(
        &post_html,
        "us-embassy-moscow",
        "nonimmigrant visas: visitors",
    );
    assert!(visitor.contains("median "), "{visitor}");
    assert!(visitor.contains("method: simulated"), "{visitor}");
    assert!(
        visitor.contains("appointment"),
        "the method's words: {visitor}"
    );
    assert!(html.contains("10 officers, 40 local staff"), "{html}");
    // One service: the section's load is the service's.
    assert!(html.contains("Section load"), "{html}");
    // Under the 2021 local-staff ban (R042) the same figure's local staff are held to 0 and an
    // officer does a quarter of a day's cases.
    let banned = page(&server, "/relations/US/RU/consular?as_of=2021-09-06");
    let moscow = banned
        .split("id=\"post-us-embassy-moscow\"")
        .nth(1)
        .and_then(|s| s.split("</dl>").next())
        .expect("Moscow listed");
    assert!(moscow.contains("0 local staff (reported 40)"), "{moscow}");
    assert!(moscow.contains("0.25 of a full day"), "{moscow}");
    assert!(moscow.contains(">R042</a>"), "{moscow}");
    // A closed post is one line, not a table of "none".
    let closed = page(&server, "/relations/US/RU/consular?as_of=2019-06-05");
    let st_pete = closed
        .split("id=\"post-us-cg-st-petersburg\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("St Petersburg listed");
    assert!(
        st_pete.contains("Closed: it offers no service."),
        "{st_pete}"
    );
    assert!(!st_pete.contains("<table"), "{st_pete}");
    // A service without demand says so rather than showing a wait.
    let student = row(
        &html,
        "us-embassy-moscow",
        "nonimmigrant visas: students and exchange",
    );
    assert!(student.contains("no demand on record"), "{student}");
}

#[test]
fn the_desks_need_read_access() {
    let table = chancery_server::route_table();
    for path in [
        "/relations/{a}/{b}/consular",
        "/relations/{a}/{b}/posts/{id}/consular",
    ] {
        let route = table
            .iter()
            .find(|r| r.path == path)
            .unwrap_or_else(|| panic!("{path} is routed"));
        assert_eq!(route.access, Access::Needs(Permission::Read), "{path}");
    }
    // Without public read, a signed-out reader is sent to sign in.
    let server = common::start_with(true, false);
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let status = match agent
        .get(&server.url("/relations/US/RU/consular?as_of=2022-01-01"))
        .call()
    {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("{e}"),
    };
    assert!(
        (300..400).contains(&status),
        "redirected to sign in: {status}"
    );
}

/// The demo's published issuance counts (data/sources/us-ru/figures.csv F001) show on the
/// post's desk, said to be counts of documents issued, not demand.
#[test]
fn a_posts_desk_shows_its_published_issuance_counts() {
    let server = start(true);
    let html = page(
        &server,
        "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2018-01-01",
    );
    let at = html
        .find("Issued, as published")
        .unwrap_or_else(|| panic!("no issuance counts on the desk: {html}"));
    let list = &html[at..];
    let list = &list[..list.find("</ul>").unwrap_or(list.len())];
    assert!(list.contains("not demand"), "{list}");
    assert!(list.contains("136,665"), "{list}");
}
