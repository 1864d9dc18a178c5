//! The forms as a protocol officer uses them, against the real server on the demo: choices
//! drawn from the record and scoped to the user, only the kinds the role records, every fault
//! at once, an identifier made from the name, and a confirmation that links what was recorded.

use crate::common;

use chancery_accounts::Role;
use chancery_domain::act::{Kind, Subject};
use common::{browser_get, browser_post, signed_in, start, Server};
use serde_json::json;
use std::collections::BTreeSet;

const DATE: &str = "2025-06-01";

fn plant(server: &Server) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for a in [
        json!({"kind": "measure_imposed", "date": "2025-03-02", "measure": "hidus",
               "actor": "US", "target": "RU", "measure_kind": "visa_restriction",
               "summary": "secretus visa plan", "visibility": {"internal": "US"}}),
        json!({"kind": "post_opened", "date": "2025-03-03", "post": "hidru",
               "sending": "RU", "host": "US", "post_kind": "consulate",
               "name": "secretru consulate", "city": "Anchorage",
               "visibility": {"internal": "RU"}}),
    ] {
        let act = chancery_domain::Act::from_json(a).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap();
    }
}

/// The `<select>` of the field `id`, up to its end.
fn select<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<select id=\"{id}\""))
        .unwrap_or_else(|| panic!("no select #{id} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</select>").map_or(rest.len(), |e| e + 9)]
}

#[test]
fn a_form_offers_the_relations_things_the_user_may_see_and_nothing_else() {
    let server = start(true);
    plant(&server);
    let us = signed_in(&server, "usedit", "us-mfa", Role::Editor);
    let ru = signed_in(&server, "ruedit", "ru-mfa", Role::Editor);
    let path = format!("/acts/new?relation=US-RU&kind=measure_lifted&as_of={DATE}");
    let (status, html) = browser_get(&server, &path, &us);
    assert_eq!(status, 200, "{html}");
    let measures = select(&html, "f-measure");
    assert!(measures.contains("value=\"r012\""), "{measures}");
    assert!(
        measures.contains("secretus visa plan"),
        "its own internal measure: {measures}"
    );
    assert!(
        measures.contains("<optgroup label=\"Russia\">"),
        "grouped by state: {measures}"
    );
    let visibility = select(&html, "f-visibility");
    assert!(visibility.contains("value=\"internal:US\""), "{visibility}");
    assert!(!visibility.contains("internal:RU"), "{visibility}");
    assert!(
        !html.contains("secretru"),
        "never the other party's internal things"
    );

    let (_, html) = browser_get(&server, &path, &ru);
    assert!(
        !html.contains("secretus"),
        "never the other party's internal things"
    );
    let (_, html) = browser_get(
        &server,
        &format!("/acts/new?relation=US-RU&kind=post_closed&as_of={DATE}"),
        &ru,
    );
    let posts = select(&html, "f-post");
    assert!(posts.contains("secretru consulate") && posts.contains("us-embassy-moscow"));
    let by = select(&html, "f-by");
    assert!(
        by.contains("value=\"US\"") && by.contains("value=\"RU\""),
        "{by}"
    );
    assert!(by.contains("United States"), "states by name: {by}");

    // In Russian: the steps, the labels, the choices' words and the faults.
    let (status, html) = browser_get(
        &server,
        &format!("/acts/new?relation=US-RU&kind=staffing_reported&as_of={DATE}&lang=ru"),
        &us,
    );
    assert_eq!(status, 200);
    for words in [
        "Запись: ",
        "Аккредитующее государство",
        "Точность",
        "Записать",
    ] {
        assert!(html.contains(words), "{words}: {html}");
    }
    assert!(
        !html.contains(">about<"),
        "no code or English label in a Russian choice"
    );
    let (status, html) = browser_post(
        &server,
        "/acts/new?lang=ru",
        Some(&us),
        &[
            ("kind", "staffing_reported"),
            ("relation", "US-RU"),
            ("as_of", DATE),
            ("value", "много"),
        ],
        &[],
    );
    assert_eq!(status, 422);
    assert!(html.contains("«много» — не целое число"), "{html}");
    assert!(
        html.contains("ошибок нужно исправить") || html.contains("ошибки нужно исправить"),
        "{html}"
    );
}

#[test]
fn only_the_kinds_the_user_may_record_are_offered() {
    let server = start(true);
    let kinds = |cookie: &str| -> Vec<String> {
        let (status, html) = browser_get(&server, &format!("/acts/new?as_of={DATE}"), cookie);
        assert_eq!(status, 200, "{html}");
        html.split("kind=")
            .skip(1)
            .filter_map(|rest| rest.split(['&', '"']).next())
            .map(str::to_owned)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let expect = |f: &dyn Fn(Kind) -> bool| -> Vec<String> {
        Kind::ALL
            .iter()
            .filter(|k| f(**k))
            .map(|k| k.as_str().to_owned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let talks = |k: Kind| matches!(k.subject(), Subject::Talks | Subject::Commitment);
    let us_editor = signed_in(&server, "usedit", "us-mfa", Role::Editor);
    assert_eq!(
        kinds(&us_editor),
        expect(&|k| !talks(k) && k.subject() != Subject::State)
    );
    let negotiator = signed_in(&server, "neg", "us-mfa", Role::Negotiator);
    assert_eq!(kinds(&negotiator), expect(&talks));
    let mediator = common::login(&server, "editor", common::PASSWORD).expect("sign in");
    assert_eq!(
        kinds(&mediator),
        expect(&|k| !talks(k)),
        "mediators register states"
    );
    let observer = signed_in(&server, "obs", "observers", Role::Editor);
    assert!(kinds(&observer).is_empty());
    // A kind not offered is refused before it is filled, saying why.
    let (status, html) = browser_get(
        &server,
        &format!("/acts/new?relation=US-RU&kind=round_held&as_of={DATE}"),
        &us_editor,
    );
    assert_eq!(status, 403);
    assert!(html.contains("Your role does not record"), "{html}");
}

#[test]
fn every_fault_is_listed_at_once_beside_its_field_and_nothing_is_recorded() {
    let server = start(true);
    let before = server.chancery.journal().last_seq();
    let us = signed_in(&server, "usedit", "us-mfa", Role::Editor);
    let (status, html) = browser_post(
        &server,
        "/acts/new",
        Some(&us),
        &[
            ("kind", "post_opened"),
            ("relation", "US-RU"),
            ("as_of", DATE),
            ("name", "US Consulate General Novosibirsk"),
            ("post_kind", "palace"),
            ("date", "next spring"),
            ("visibility", "public"),
        ],
        &[],
    );
    assert_eq!(status, 422, "{html}");
    for (field, words) in [
        ("sending", "required"),
        ("host", "required"),
        ("post_kind", "choose one of"),
        ("city", "required"),
        ("date", "is not a date"),
    ] {
        let id = format!("id=\"f-{field}-error\"");
        let at = html
            .find(&id)
            .unwrap_or_else(|| panic!("no error for {field}: {html}"));
        let beside = &html[at..at + html[at..].find("</span>").unwrap()];
        assert!(beside.contains(words), "{field}: {beside}");
        assert!(
            html.contains(&format!("<a href=\"#f-{field}\">")),
            "summary links {field}"
        );
    }
    assert!(html.contains("5 faults"), "the summary counts them");
    assert!(
        html.contains("value=\"US Consulate General Novosibirsk\""),
        "what was typed is kept"
    );
    assert_eq!(server.chancery.journal().last_seq(), before);
}

#[test]
fn a_recorded_act_is_confirmed_with_its_identifier_and_links() {
    let server = start(true);
    let before = server.chancery.journal().last_seq();
    let us = signed_in(&server, "usedit", "us-mfa", Role::Editor);
    let fields = [
        ("kind", "post_opened"),
        ("relation", "US-RU"),
        ("as_of", DATE),
        ("post", ""),
        ("sending", "US"),
        ("host", "RU"),
        ("post_kind", "consulate_general"),
        ("name", "US Consulate General Novosibirsk"),
        ("city", "Novosibirsk"),
        ("date", "2025-05-01"),
        ("visibility", "public"),
    ];
    let (status, location) = browser_post(&server, "/acts/new", Some(&us), &fields, &[]);
    assert_eq!(status, 303, "{location}");
    let seq = before + 1;
    let id = "us-ru-us-consulate-general-novosibirsk";
    assert_eq!(
        location,
        format!("/acts/{seq}/recorded?made={id}&as_of={DATE}")
    );
    let (status, html) = browser_get(&server, &location, &us);
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("act #{seq}")), "{html}");
    assert!(
        html.contains(&format!("<code>{id}</code>")),
        "the identifier made: {html}"
    );
    assert!(
        html.contains(&format!("href=\"/acts/{seq}?as_of={DATE}\"")),
        "{html}"
    );
    let post = format!("/relations/US/RU/posts/{id}?as_of={DATE}");
    assert!(html.contains(&format!("href=\"{post}\"")), "{html}");
    let (status, page) = browser_get(&server, &post, &us);
    assert_eq!(status, 200);
    assert!(page.contains("US Consulate General Novosibirsk"));
    // The same name again: the next identifier is free.
    let (status, location) = browser_post(&server, "/acts/new", Some(&us), &fields, &[]);
    assert_eq!(status, 303, "{location}");
    assert!(location.contains(&format!("made={id}-2")), "{location}");
    // Another organisation may not see a confirmation of what it may not see.
    let internal = [
        ("kind", "statement_recorded"),
        ("relation", "US-RU"),
        ("as_of", DATE),
        ("by", "US"),
        ("about", "RU"),
        ("summary", "secretus statement"),
        ("date", "2025-05-02"),
        ("visibility", "internal:US"),
    ];
    let neg = signed_in(&server, "neg", "us-mfa", Role::Negotiator);
    let (status, location) = browser_post(&server, "/acts/new", Some(&neg), &internal, &[]);
    assert_eq!(status, 303, "{location}");
    let ru = signed_in(&server, "runeg", "ru-mfa", Role::Negotiator);
    let (status, html) = browser_get(&server, &location, &ru);
    assert_eq!(status, 404);
    assert!(!html.contains("secretus"));
}

/// A form that breaks two rules is refused with both, in the page's language: in Russian, each
/// beside its field with the treaty article as Russian lawyers cite it, and no English sentence
/// of either.
#[test]
fn a_russian_form_breaking_two_rules_shows_both_in_russian() {
    let server = start(true);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let notified = json!({"kind": "member_notified", "date": "2025-03-01", "member": "ru-m1",
        "post": "ru-embassy-washington", "name": "A. Diplomat", "category": "diplomatic"});
    rt.block_on(server.chancery.record_unchecked(
        chancery_domain::Act::from_json(notified).unwrap(),
        "test:plant",
    ))
    .unwrap();
    let before = server.chancery.journal().last_seq();
    let ru = signed_in(&server, "ruedit", "ru-mfa", Role::Editor);
    // Russia declaring its own diplomat persona non grata (only the receiving state may), on a
    // date before 1900 that is not confirmed.
    let fields = [
        ("kind", "member_declared_png"),
        ("relation", "US-RU"),
        ("as_of", DATE),
        ("member", "ru-m1"),
        ("by", "RU"),
        ("date", "1850-03-01"),
        ("visibility", "public"),
    ];
    let (status, html) = browser_post(&server, "/acts/new?lang=ru", Some(&ru), &fields, &[]);
    assert_eq!(status, 422, "{html}");
    let beside = |field: &str| {
        let id = format!("id=\"f-{field}-error\"");
        let at = html
            .find(&id)
            .unwrap_or_else(|| panic!("no error for {field}: {html}"));
        html[at..at + html[at..].find("</span>").unwrap()].to_owned()
    };
    let date = beside("date");
    assert!(
        date.contains("Акт датирован 1850-03-01, то есть ранее 1900 года"),
        "{date}"
    );
    let by = beside("by");
    assert!(
        by.contains(
            "Объявить сотрудника «ru-m1» представительства «ru-embassy-washington» персоной нон \
             грата может только государство пребывания — Соединённые Штаты, а не Россия \
             (ст. 9 ВКДС)."
        ),
        "{by}"
    );
    // The summary above the form lists both.
    let at = html.find("role=\"alert\"").expect("a summary");
    let summary = &html[at..at + html[at..].find("</ul>").expect("a list")];
    assert!(summary.contains("2 ошибки нужно исправить"), "{summary}");
    // The record's own English (measures' summaries) may be on the page; the faults are not.
    for english in [
        "is dated",
        "say so with",
        "persona non grata",
        "VCDR",
        "png_by_non_host",
        "implausible_date",
    ] {
        for text in [summary, &date, &by] {
            assert!(
                !text.contains(english),
                "«{english}» on a Russian page: {text}"
            );
        }
    }
    assert_eq!(
        server.chancery.journal().last_seq(),
        before,
        "nothing recorded"
    );

    // In English, the same form says both in the domain's words, each with its code.
    let (status, html) = browser_post(&server, "/acts/new", Some(&ru), &fields, &[]);
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("before 1900") && html.contains("[implausible_date]"),
        "{html}"
    );
    assert!(html.contains("(VCDR Art. 9) [png_by_non_host]"), "{html}");
}
