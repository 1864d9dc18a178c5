//! Review 7: the desks of issue 13 (alerts, feeds, diplomatic lists, start page, talks, forms,
//! search, exports) attacked as the other party, an outsider and a flood. `holds_` tests record
//! what held; the others are findings now fixed, each named by what it checks.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{start, Server};
use serde_json::{json, Value};

/// (status, body text) of a GET with an optional bearer token.
fn fetch(server: &Server, path: &str, token: Option<&str>) -> (u16, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut req = agent.get(&server.url(path));
    match token {
        Some(t) if t.contains('=') => req = req.set("Cookie", t),
        Some(t) => req = req.set("Authorization", &format!("Bearer {t}")),
        None => {}
    }
    match req.call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

fn plant(server: &Server, acts: &[Value]) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut last = 0;
    for a in acts {
        let act = chancery_domain::Act::from_json(a.clone()).expect("a valid act");
        last = rt
            .block_on(server.chancery.record_unchecked(act, "test:plant"))
            .expect("planted")
            .seq;
    }
    last
}

/// Lines that legitimately differ between two fetches (generation times, CSRF tokens).
fn normalise(body: &str) -> String {
    let mut body = body.to_owned();
    while let Some(i) = body.find("\"generated_at\":\"") {
        let start = i + "\"generated_at\":\"".len();
        let end = start + body[start..].find('"').unwrap_or(0);
        body.replace_range(i..=end, "");
    }
    body.lines()
        .filter(|l| !(l.contains("generated") || l.contains("<updated>") || l.contains("csrf")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Russia's internal acts: a member declared persona non grata by the US with a deadline
/// passed, a round later than any other, a commitment overdue, a vacancy-making post.
fn russian_internal() -> Vec<Value> {
    let v = json!({"internal": "RU"});
    vec![
        json!({"kind": "member_notified", "date": "2025-01-05", "member": "hidmemru",
               "post": "ru-embassy-washington", "name": "Zed Hidden", "category": "diplomatic",
               "visibility": v}),
        json!({"kind": "member_arrived", "date": "2025-01-06", "member": "hidmemru",
               "visibility": v}),
        json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "hidmemru",
               "by": "US", "deadline": "2025-05-08", "visibility": v}),
        json!({"kind": "round_held", "date": "2026-11-20", "round": "hidround",
               "parties": ["US", "RU"], "venue_state": "RU", "venue": "Hidden venue",
               "heads_of_delegation": ["Hidden delegate"], "outcome": "Hidden outcome",
               "visibility": v}),
        json!({"kind": "commitment_made", "date": "2026-11-20", "commitment": "hidcommit",
               "parties": ["US", "RU"], "undertaken_by": ["RU"], "round": "hidround",
               "due": "2026-11-25", "text": "Hidden promise", "visibility": v}),
    ]
}

/// The routes the desks added, with parameters that name nothing planted.
fn desk_routes() -> Vec<String> {
    let mut r: Vec<String> = [
        "/?as_of=2026-12-01",
        "/?sort=alerts&dir=desc&as_of=2026-12-01",
        "/?sort=round&as_of=2026-12-01",
        "/api/v1/relations",
        "/alerts?as_of=2026-12-01",
        "/alerts.atom?as_of=2026-12-01",
        "/api/v1/alerts?as_of=2026-12-01",
        "/relations/US/RU/alerts?as_of=2026-12-01",
        "/relations/US/RU/alerts.atom?as_of=2026-12-01",
        "/api/v1/relations/US/RU/alerts?as_of=2026-12-01",
        "/relations/US/RU/diplomatic-list?as_of=2025-06-01",
        "/relations/US/RU/diplomatic-list?as_of=2025-06-01&mission=RU",
        "/relations/US/RU/posts/ru-embassy-washington/diplomatic-list?as_of=2025-06-01",
        "/relations/US/RU/talks?as_of=2026-12-01",
        "/relations/US/RU/talks/brief?as_of=2026-12-01",
        "/api/v1/relations/US/RU/rounds",
        "/api/v1/relations/US/RU/talks",
        "/api/v1/relations/US/RU/brief",
        "/api/v1/relations/US/RU/commitments",
        "/search?q=hid&as_of=2026-12-01",
        "/search?q=z&as_of=2026-12-01",
        "/api/v1/search?q=z",
        "/api/v1/search?q=e",
        "/api/v1/search?q=hidden",
        "/api/v1/acts?actor=RU&order=date_desc&limit=5",
        "/api/v1/acts?target=US&order=date_desc&limit=5",
        "/api/v1/acts?involves=RU&order=date_asc&after_date=2025-01-01&limit=5",
        "/acts?actor=RU&order=date_desc&as_of=2026-12-01",
        "/acts/new?relation=US-RU&kind=member_arrived&as_of=2026-12-01",
        "/acts/new?relation=US-RU&kind=commitment_made&as_of=2026-12-01",
        "/acts/new?relation=US-RU&kind=round_held&as_of=2026-12-01",
        "/acts/new?relation=US-RU&kind=member_declared_png&as_of=2026-12-01",
        "/acts/new?relation=US/RU&kind=member_arrived",
        "/acts/new?relation=US-RU&kind=commitment_kept",
        "/acts/new?relation=US-RU&kind=round_held&name=Hidden+venue",
        "/relations/US/RU?as_of=2026-12-01",
        "/relations/US/RU?lang=ru&as_of=2026-12-01",
        // Addressed by the planted ids: the same "not found" before and after.
        "/relations/US/RU/people/Zed%20Hidden?as_of=2026-12-01",
        "/relations/US/RU/rounds/hidround?as_of=2026-12-01",
        "/relations/US/RU/commitments/hidcommit?as_of=2026-12-01",
        "/api/v1/relations/US/RU/rounds/hidround",
        "/acts/new?relation=US-RU&kind=member_arrived&member=hidmemru&as_of=2026-12-01",
        "/acts/new?relation=US-RU&kind=commitment_kept&commitment=hidcommit&as_of=2026-12-01",
        "/api/v1/search?q=Zed",
        "/search?q=hidmemru&as_of=2026-12-01",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in chancery_app::datasets::Dataset::ALL {
        for ext in ["csv", "json", "schema.json"] {
            r.push(format!(
                "/api/v1/relations/US/RU/export/{}.{ext}?as_of=2026-12-01",
                d.as_str()
            ));
        }
    }
    r
}

/// Holds (OTHER PARTY): every desk route (start page and its sorts, alerts and their feeds,
/// diplomatic lists, talks, rounds and brief, search in pages and API, acts by actor, target
/// and date, the forms with their selects and proposed ids, every export in CSV, JSON and
/// schema) answers the US, a mediator, a US editor and the public byte for byte the same
/// (generation times aside) before and after Russia records internal acts: a member declared
/// persona non grata with a deadline passed, the latest round of the relation and a
/// commitment overdue. Russia's own ministry sees them (the plant is not vacuous). Then the
/// same acts made bilateral change nothing for the public or an observer (a mediator sees
/// them).
#[test]
fn holds_desk_routes_answer_the_same_with_and_without_another_partys_internal_acts() {
    let server = start(true);
    let us = server.token_for("us-viewer", "us-mfa", Role::Viewer, TokenScope::Read);
    let med = server.token_for("med-viewer", "mediators", Role::Viewer, TokenScope::Read);
    let used = server.token_for("us-editor", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-viewer", "ru-mfa", Role::Viewer, TokenScope::Read);
    let usc = common::signed_in(&server, "us-viewer", "us-mfa", Role::Viewer);
    let medc = common::signed_in(&server, "med-viewer", "mediators", Role::Viewer);
    let usedc = common::signed_in(&server, "us-editor", "us-mfa", Role::Editor);
    let who: [(&str, Option<&str>, Option<&str>); 4] = [
        ("public", None, None),
        ("us", Some(&us), Some(&usc)),
        ("med", Some(&med), Some(&medc)),
        ("used", Some(&used), Some(&usedc)),
    ];
    let routes = desk_routes();
    let answers = || {
        let mut out = Vec::new();
        for (name, token, cookie) in who {
            for r in &routes {
                let t = if r.starts_with("/api/") {
                    token
                } else {
                    cookie
                };
                let (status, body) = fetch(&server, r, t);
                out.push((name, r.clone(), status, normalise(&body)));
            }
        }
        out
    };
    let before = answers();
    plant(&server, &russian_internal());
    let after = answers();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "{} {} changed with Russia's internal acts", b.0, b.1);
    }
    let (_, alerts) = fetch(
        &server,
        "/api/v1/relations/US/RU/alerts?as_of=2026-12-01",
        Some(&ru),
    );
    assert!(
        alerts.contains("Zed Hidden") && alerts.contains("hidcommit"),
        "{alerts}"
    );
    let (_, lines) = fetch(&server, "/api/v1/relations", Some(&ru));
    assert!(lines.contains("hidround"), "{lines}");
    // The same acts made bilateral (other ids) reach neither the public nor an observer.
    let obs = server.token_for("obs-viewer", "observers", Role::Viewer, TokenScope::Read);
    let obsc = common::signed_in(&server, "obs-viewer", "observers", Role::Viewer);
    let outsiders: [(&str, Option<&str>, Option<&str>); 2] = [
        ("public", None, None),
        ("observer", Some(&obs), Some(&obsc)),
    ];
    let seen = || {
        let mut out = Vec::new();
        for (name, token, cookie) in outsiders {
            for r in &routes {
                let t = if r.starts_with("/api/") {
                    token
                } else {
                    cookie
                };
                let (status, body) = fetch(&server, r, t);
                out.push((name, r.clone(), status, normalise(&body)));
            }
        }
        out
    };
    let before = seen();
    let bilateral: Vec<Value> = russian_internal()
        .into_iter()
        .map(|mut a| {
            a["visibility"] = json!("bilateral");
            let text = a.to_string().replace("hid", "bil");
            serde_json::from_str(&text).unwrap()
        })
        .collect();
    plant(&server, &bilateral);
    let after = seen();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "{} {} changed with bilateral acts", b.0, b.1);
    }
    let (_, lines) = fetch(
        &server,
        "/api/v1/relations/US/RU/alerts?as_of=2026-12-01",
        Some(&med),
    );
    assert!(lines.contains("bilcommit"), "{lines}");
}

fn feed_entry_ids(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            e.children()
                .find(|c| c.has_tag_name("id"))
                .and_then(|c| c.text())
                .map(str::to_owned)
        })
        .collect()
}

/// Holds (FEED): the feeds parse as XML and each entry's id (subject key and kind) is unique in
/// its feed, though the US mission in Moscow has two alerts (vacancy and stale figure).
#[test]
fn holds_atom_entry_ids_are_unique_within_a_feed() {
    let server = start(true);
    for path in [
        "/relations/US/RU/alerts.atom?as_of=2026-12-01",
        "/alerts.atom?as_of=2026-12-01",
    ] {
        let (status, xml) = fetch(&server, path, None);
        assert_eq!(status, 200, "{path}: {xml}");
        let ids = feed_entry_ids(&xml);
        let mut seen = std::collections::BTreeSet::new();
        let dups: Vec<&String> = ids.iter().filter(|i| !seen.insert(i.as_str())).collect();
        assert!(dups.is_empty(), "{path}: entries share ids {dups:?}\n{xml}");
    }
}

/// The cells of a CSV text (RFC 4180), `#` comment lines skipped.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let body: String = text
        .split_inclusive('\n')
        .skip_while(|l| l.starts_with('#'))
        .collect();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = body.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// Holds (BAD INPUT): names and summaries a spreadsheet would run (`=`, `+`, `-`, `@`, tab,
/// CR, after spaces) come out of every CSV download with a leading `'`.
#[test]
fn holds_formula_like_text_is_neutralised_in_every_csv() {
    let server = start(true);
    let risky = [
        "=HYPERLINK(\"http://x\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "  =1",
        "\u{a0}@x",
    ];
    let mut acts = Vec::new();
    for (i, name) in risky.iter().enumerate() {
        acts.push(json!({"kind": "member_notified", "date": "2025-01-05",
            "member": format!("risky{i}"), "post": "us-embassy-moscow", "name": name,
            "category": "diplomatic"}));
    }
    acts.push(
        json!({"kind": "measure_imposed", "date": "2025-03-01", "measure": "riskym",
        "actor": "US", "target": "RU", "measure_kind": "travel_restriction",
        "summary": "=1+1", "external_ref": "@x", "note": "\t=1\n=2"}),
    );
    plant(&server, &acts);
    for d in chancery_app::datasets::Dataset::ALL {
        let path = format!(
            "/api/v1/relations/US/RU/export/{}.csv?as_of=2025-06-01",
            d.as_str()
        );
        let (status, text) = fetch(&server, &path, None);
        assert_eq!(status, 200, "{path}: {text}");
        for row in csv_cells(&text) {
            for cell in row {
                let t = cell.trim_start_matches([' ', '\u{a0}']);
                let number = t.parse::<f64>().is_ok();
                assert!(
                    number || !t.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{path}: a live cell {cell:?}"
                );
            }
        }
    }
}

/// FEED (MED): the alerts page's Atom link pins the page's date: the page always has `as_of`
/// (a page without one redirects to today's), and `preamble` links
/// `/relations/US/RU/alerts.atom?as_of=<that day>`. A reader who subscribes from the page gets a
/// feed frozen on that day: deadlines never come due, new alerts never appear, cleared ones
/// never clear. The feed is meant to be subscribed to ("readers subscribe"); its link should
/// carry no date (the feed answers for today without one). Same for `/alerts`.
#[test]
fn the_alerts_pages_feed_link_does_not_freeze_the_feed_on_the_pages_day() {
    let server = start(true);
    for path in [
        "/relations/US/RU/alerts?as_of=2026-12-01",
        "/alerts?as_of=2026-12-01",
    ] {
        let (status, html) = fetch(&server, path, None);
        assert_eq!(status, 200, "{path}");
        let at = html
            .find("application/atom+xml\" href=\"")
            .expect("a feed link");
        let href = &html[at..][..html[at..].find("\">").unwrap()];
        assert!(!href.contains("as_of="), "{path}: the feed link is {href}");
    }
}

/// The text a reader sees: tags and their attributes dropped.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_style = false;
    for (i, c) in html.char_indices() {
        match c {
            '<' => {
                in_tag = true;
                in_style = html[i..].starts_with("<style")
                    || html[i..].starts_with("<script")
                    || (in_style
                        && !html[i..].starts_with("</style")
                        && !html[i..].starts_with("</script"));
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag && !in_style => out.push(c),
            _ => {}
        }
    }
    out
}

fn snake_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            w.contains('_')
                && w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && !w.ends_with('_')
        })
        .map(str::to_owned)
        .collect()
}

/// WORDS (MED): the negotiator's brief shows the roadmap's next steps in the domain's English
/// prose with a raw parity key: "… Parity changes on: premises_usable. Already covered by
/// commitment istanbul-…", on the English page and the same English sentence with the same
/// key on the Russian one (`/relations/US/RU/talks/brief?lang=ru`). The issue: "Words, not
/// codes: every code shown on a page has a human label, in both languages" (the label exists:
/// `parity-premises_usable` = "Premises usable" / "Используемые объекты").
#[test]
fn the_brief_shows_no_raw_parity_keys_and_speaks_russian_in_russian() {
    let server = start(true);
    for lang in ["en", "ru"] {
        let path = format!("/relations/US/RU/talks/brief?as_of=2026-12-01&lang={lang}");
        let (status, html) = fetch(&server, &path, None);
        assert_eq!(status, 200, "{path}");
        let text = visible_text(&html);
        let raw = snake_words(&text);
        assert!(raw.is_empty(), "{path} shows {raw:?}");
        if lang == "ru" {
            assert!(
                !text.contains("Parity changes on"),
                "{path} speaks English in its steps"
            );
        }
    }
}

/// PLURAL (LOW): the Russian refusal of a long search reads "Запрос длиной 101 знаков"
/// (`search-error-query_too_long` has no plural selector): 101 and 121 take "знак", 102–104
/// "знака". Every other counted message checked selects its form.
#[test]
fn the_russian_refusal_of_a_long_query_agrees_with_its_number() {
    let server = start(true);
    for (n, want) in [(101, "101 знак"), (102, "102 знака")] {
        let path = format!("/search?q={}&as_of=2026-12-01&lang=ru", "a".repeat(n));
        let (_, html) = fetch(&server, &path, None);
        let text = visible_text(&html);
        let at = text
            .find("длиной")
            .unwrap_or_else(|| panic!("no refusal for {n} letters"));
        let said: String = text[at..].chars().take(30).collect();
        assert!(
            said.contains(want) && !said.contains(&format!("{want}ов")),
            "{n} letters: {said:?}"
        );
    }
}

/// Holds (FEED): names with `<`, `&`, quotes and `]]>` are escaped in the Atom feeds, which
/// parse as XML and give the name back as written.
#[test]
fn holds_atom_escapes_names() {
    let server = start(true);
    let name = "A<b>&amp; \"q\" 'x' ]]> Z";
    plant(
        &server,
        &[
            json!({"kind": "member_notified", "date": "2025-01-05", "member": "xmlname",
               "post": "us-embassy-moscow", "name": name, "category": "diplomatic"}),
            json!({"kind": "member_arrived", "date": "2025-01-06", "member": "xmlname"}),
            json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "xmlname",
               "by": "RU", "deadline": "2025-05-08"}),
        ],
    );
    for path in [
        "/relations/US/RU/alerts.atom?as_of=2025-06-01",
        "/alerts.atom?as_of=2025-06-01",
    ] {
        let (status, xml) = fetch(&server, path, None);
        assert_eq!(status, 200);
        let doc = roxmltree::Document::parse(&xml).expect("the feed parses");
        assert!(
            doc.descendants()
                .filter_map(|n| n.text())
                .any(|t| t.contains(name)),
            "{path}: the name is not given back: {xml}"
        );
    }
}

/// The confirmation page reads the identifiers made from its URL: it says only those the act
/// names, so a link passed around cannot confirm an id nothing made.
#[test]
fn the_confirmation_page_confirms_only_what_the_act_made() {
    let server = start(true);
    let cookie = common::signed_in(&server, "us-ed", "us-mfa", Role::Editor);
    let (status, html) = fetch(
        &server,
        "/acts/1/recorded?as_of=2026-12-01&made=us-ru-invented-by-a-link",
        Some(&cookie),
    );
    assert_eq!(status, 200);
    assert!(
        !visible_text(&html).contains("us-ru-invented-by-a-link"),
        "the page confirms an id from its URL"
    );
}

/// (status, body) of a GET with request headers.
fn fetch_with(server: &Server, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut req = agent.get(&server.url(path));
    for (name, value) in headers {
        req = req.set(name, value);
    }
    match req.call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {path}: {e}"),
    }
}

/// Russia's embassy in Washington is without an ambassador from Antonov's departure
/// (2024-10-05) to his successor's arrival: an alert about a mission, which has no name of
/// its own on record.
const VACANCY_DAY: &str = "2024-12-01";

#[test]
fn a_russian_alert_about_a_mission_words_the_mission_never_its_key() {
    let server = start(true);
    for path in [
        format!("/relations/US/RU/alerts?as_of={VACANCY_DAY}&lang=ru"),
        format!("/alerts?as_of={VACANCY_DAY}&lang=ru"),
    ] {
        let (status, html) = fetch(&server, &path, None);
        assert_eq!(status, 200, "{path}");
        let text = visible_text(&html);
        assert!(
            text.contains("остаётся без главы"),
            "{path}: no vacancy in Russian in {text}"
        );
        assert!(!text.contains("mission/"), "{path}: a raw key in {text}");
    }
}

#[test]
fn the_alerts_pages_say_each_alert_in_russian_where_they_said_it_in_english() {
    let server = start(true);
    let path = format!("/relations/US/RU/alerts?as_of={VACANCY_DAY}");
    let (_, english) = fetch(&server, &path, None);
    let english = visible_text(&english);
    assert!(
        english.contains("has had no head of mission since 2024-10-05"),
        "{english}"
    );
    let (_, russian) = fetch(&server, &format!("{path}&lang=ru"), None);
    let russian = visible_text(&russian);
    assert!(!russian.contains("has had no head of mission"), "{russian}");
    assert!(
        russian.contains("остаётся без главы с 2024-10-05"),
        "{russian}"
    );
}

/// The feed's language: from `lang`, the cookie or `Accept-Language`, as the pages take it.
#[test]
fn the_alerts_feeds_speak_the_language_the_reader_asks_for() {
    let server = start(true);
    for feed in [
        format!("/relations/US/RU/alerts.atom?as_of={VACANCY_DAY}"),
        format!("/alerts.atom?as_of={VACANCY_DAY}"),
    ] {
        let (_, english) = fetch(&server, &feed, None);
        assert!(english.contains("xml:lang=\"en\""), "{english}");
        assert!(english.contains("has had no head of mission"), "{english}");
        for (path, headers) in [
            (format!("{feed}&lang=ru"), vec![]),
            (feed.clone(), vec![("Cookie", "chancery_lang=ru")]),
            (
                feed.clone(),
                vec![("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")],
            ),
        ] {
            let (status, xml) = fetch_with(&server, &path, &headers);
            assert_eq!(status, 200, "{path} {headers:?}");
            let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
            let root = doc.root_element();
            assert_eq!(
                root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
                Some("ru"),
                "{path} {headers:?}"
            );
            let text_of = |name: &str| -> Vec<String> {
                root.descendants()
                    .filter(|n| n.tag_name().name() == name)
                    .filter_map(|n| n.text().map(str::to_owned))
                    .collect()
            };
            let titles = text_of("title");
            assert!(titles[0].starts_with("Предупреждения"), "{titles:?}");
            assert!(
                titles
                    .iter()
                    .any(|t| t.contains("Пост главы миссии вакантен")),
                "{titles:?}"
            );
            let summaries = text_of("summary");
            assert!(
                summaries.iter().any(|s| s.contains("остаётся без главы")),
                "{summaries:?}"
            );
            assert!(
                !summaries.iter().any(|s| s.contains("has had no head")),
                "{summaries:?}"
            );
            let links: Vec<&str> = root
                .descendants()
                .filter(|n| n.tag_name().name() == "link")
                .filter_map(|n| n.attribute("href"))
                .collect();
            assert!(
                links.iter().all(|l| l.contains("lang=ru")),
                "an entry opens the page in the feed's language: {links:?}"
            );
        }
    }
}

#[test]
fn the_russian_alerts_page_links_the_russian_feed() {
    let server = start(true);
    let (_, html) = fetch(
        &server,
        &format!("/relations/US/RU/alerts?as_of={VACANCY_DAY}&lang=ru"),
        None,
    );
    let at = html
        .find("application/atom+xml\" href=\"")
        .expect("a feed link");
    let href = &html[at..][..html[at..].find("\">").expect("the link ends")];
    assert!(href.contains("alerts.atom?lang=ru"), "{href}");
}

/// A person the record names in Russian too is named so in a Russian alert, with the name as
/// recorded beside it: the chargé d'affaires of the US embassy after Sullivan left.
#[test]
fn a_russian_alert_names_people_in_russian_where_the_record_does() {
    let server = start(true);
    let path = "/relations/US/RU/alerts?as_of=2022-11-01";
    let (_, english) = fetch(&server, path, None);
    assert!(
        visible_text(&english).contains("Elizabeth Rood is chargé d'affaires a.i."),
        "{english}"
    );
    let (_, russian) = fetch(&server, &format!("{path}&lang=ru"), None);
    let russian = visible_text(&russian);
    assert!(
        russian.contains("временный поверенный в делах — Элизабет Руд / Elizabeth Rood"),
        "{russian}"
    );
}

/// A member of Russia's embassy declared persona non grata with a deadline given as a month.
fn png_by_month() -> Vec<Value> {
    vec![
        json!({"kind": "member_notified", "date": "2026-01-05", "member": "monthpng",
               "post": "ru-embassy-washington", "name": "Ivan Monthly", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": "2026-01-06", "member": "monthpng"}),
        json!({"kind": "member_declared_png", "date": "2026-08-01", "member": "monthpng",
               "by": "US", "deadline": "2026-09"}),
    ]
}

/// A deadline of "2026-09" may be the 1st or the 30th: the alert and the diplomatic list give
/// the days left and overdue from both ends, in both languages.
#[test]
fn a_deadline_given_as_a_month_counts_its_days_from_both_ends() {
    let server = start(true);
    plant(&server, &png_by_month());
    let list = "/relations/US/RU/posts/ru-embassy-washington/diplomatic-list";
    for (day, english, russian) in [
        (
            "2026-08-20",
            "12 to 41 days left",
            "осталось от 12 до 41 дня",
        ),
        (
            "2026-10-03",
            "deadline passed 3 to 32 days ago",
            "срок истёк от 3 до 32 дней назад",
        ),
    ] {
        let (status, page) = fetch(&server, &format!("{list}?as_of={day}"), None);
        assert_eq!(status, 200);
        assert!(visible_text(&page).contains(english), "{day}: {page}");
        let (_, page) = fetch(&server, &format!("{list}?as_of={day}&lang=ru"), None);
        assert!(visible_text(&page).contains(russian), "{day}: {page}");
    }
    let alerts = "/relations/US/RU/alerts";
    for (day, english, russian) in [
        (
            "2026-08-20",
            "12 to 41 days left",
            "до конца срока: от 12 до 41 дня",
        ),
        (
            "2026-09-15",
            "which may have passed (15 days left to 14 days overdue)",
            "до последнего возможного дня срока: 15 дней, с первого возможного дня прошло: 14 дней",
        ),
        (
            "2026-10-03",
            "passed 3 to 32 days ago",
            "истёк от 3 до 32 дней назад",
        ),
    ] {
        let (_, page) = fetch(&server, &format!("{alerts}?as_of={day}"), None);
        assert!(visible_text(&page).contains(english), "{day}: {page}");
        let (_, page) = fetch(&server, &format!("{alerts}?as_of={day}&lang=ru"), None);
        assert!(visible_text(&page).contains(russian), "{day}: {page}");
    }
}

/// The overview's box of alerts speaks the page's language too: agrément for Norland pending
/// since February 2025.
#[test]
fn the_overviews_alerts_box_speaks_russian_on_a_russian_page() {
    let server = start(true);
    let path = "/relations/US/RU?as_of=2025-07-01";
    let (_, english) = fetch(&server, path, None);
    let english = visible_text(&english);
    assert!(
        english.contains("Agrément for Richard Norland"),
        "{english}"
    );
    let (_, russian) = fetch(&server, &format!("{path}&lang=ru"), None);
    let russian = visible_text(&russian);
    assert!(
        russian.contains("Агреман на главу представительства государства Соединённые Штаты"),
        "{russian}"
    );
    assert!(!russian.contains("Agrément for"), "{russian}");
}
