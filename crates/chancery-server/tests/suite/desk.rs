//! The diplomatic list, the alerts across relations and the Atom feeds on the real server over
//! the demo with one member declared persona non grata: the pages, `GET /api/v1/alerts`, the
//! feeds read back by an XML parser and checked for RFC 4287's required elements.

use crate::common;

use common::{get, start, Server};
use serde_json::json;

fn plant(server: &Server) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for a in [
        json!({"kind": "member_notified", "date": "2025-01-05", "member": "dana-planted",
               "post": "us-embassy-moscow", "name": "Dana <Planted> & Co", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": "2025-01-06", "member": "dana-planted"}),
        json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "dana-planted",
               "by": "RU", "deadline": "2025-05-08"}),
    ] {
        let act = chancery_domain::Act::from_json(a).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap();
    }
}

/// Status, content type and body of a GET, whatever the status.
fn text(url: &str) -> (u16, String, String) {
    let r = match ureq::get(url).call() {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{url}: {e}"),
    };
    let status = r.status();
    let ctype = r.header("content-type").unwrap_or_default().to_owned();
    (status, ctype, r.into_string().unwrap_or_default())
}

#[test]
fn the_diplomatic_list_shows_the_deadline_passed_and_the_alerts_api_lists_it() {
    let server = start(true);
    plant(&server);
    let (status, _, page) = text(
        &server.url("/relations/US/RU/posts/us-embassy-moscow/diplomatic-list?as_of=2025-05-10"),
    );
    assert_eq!(status, 200);
    assert!(page.contains("Dana &lt;Planted&gt; &amp; Co"), "{page}");
    assert!(page.contains("deadline passed 2 days ago"), "{page}");
    assert!(
        !page.contains(">declared_png") && !page.contains("declared_png<"),
        "a raw code shows: {page}"
    );
    let (status, _, both) =
        text(&server.url("/relations/US/RU/diplomatic-list?as_of=2025-05-10&mission=RU"));
    assert_eq!(status, 200);
    assert!(!both.contains("Dana"), "only Russia's mission: {both}");
    let (status, _, _) =
        text(&server.url("/relations/US/RU/posts/nowhere/diplomatic-list?as_of=2025-05-10"));
    assert_eq!(status, 404);

    let (status, body) = get(&server.url("/api/v1/alerts?as_of=2025-05-10"));
    assert_eq!(status, 200);
    let rel = &body["relations"][0];
    assert_eq!(
        (rel["a"].as_str(), rel["b"].as_str()),
        (Some("RU"), Some("US")),
        "{body}"
    );
    let png: Vec<_> = rel["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "png_departure_overdue")
        .collect();
    assert_eq!(png.len(), 1, "{body}");
    assert_eq!(png[0]["severity"], "urgent");
    assert_eq!(png[0]["days_overdue"], 2);
    assert_eq!(png[0]["subject"]["member"], "dana-planted");
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

#[test]
fn the_atom_feeds_parse_as_atom_with_the_required_elements() {
    let server = start(true);
    plant(&server);
    for path in [
        "/relations/US/RU/alerts.atom?as_of=2025-05-10",
        "/alerts.atom?as_of=2025-05-10",
    ] {
        let (status, ctype, xml) = text(&server.url(path));
        assert_eq!(status, 200, "{path}");
        assert!(ctype.starts_with("application/atom+xml"), "{ctype}");
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}\n{xml}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );

        for required in ["id", "title", "updated", "author"] {
            assert!(
                child(feed, required).is_some(),
                "{path}: no feed {required}"
            );
        }
        assert!(feed
            .children()
            .any(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self")));
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert!(!entries.is_empty(), "{path}: no entries");
        let mut ids = std::collections::BTreeSet::new();
        for e in &entries {
            for required in ["id", "title", "updated", "link"] {
                assert!(
                    child(*e, required).is_some(),
                    "{path}: an entry without {required}"
                );
            }
            assert!(
                ids.insert(child(*e, "id").unwrap().text().unwrap_or("").to_owned()),
                "ids repeat"
            );
            let href = child(*e, "link").unwrap().attribute("href").unwrap();
            assert!(href.starts_with("http://"), "{href}");
        }
        let png = entries
            .iter()
            .find(|e| {
                child(**e, "summary")
                    .and_then(|s| s.text())
                    .is_some_and(|t| t.contains("Dana <Planted> & Co"))
            })
            .unwrap_or_else(|| panic!("{path}: the member's entry\n{xml}"));
        assert_eq!(
            child(*png, "id").unwrap().text(),
            Some("tag:chancery.invalid,2026:alert/RU-US/member/dana-planted/png_departure_overdue")
        );
    }
}
