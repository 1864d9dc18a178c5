//! Review 9 (an outsider's and the other party's attack on the Russian pages and the lists):
//!
//! Review: the acts list and the acts API told any reader the journal's head ("of 237
//! recorded", `next_after: 237`), so a public reader learned that another party had recorded
//! internal acts after the last act they may see. And `after` at its largest made the list
//! panic. Both now answer from the last act the reader may see.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use serde_json::json;

#[test]
fn no_reader_learns_of_acts_recorded_out_of_their_sight() {
    let server = common::start(true);
    let answers = || {
        let (status, api) = common::get(&server.url("/api/v1/acts?after=200&limit=500"));
        assert_eq!(status, 200, "{api}");
        let page = common::page(&server, "/acts?as_of=2026-01-01&after=200");
        (
            api["next_after"].clone(),
            api["acts"].as_array().map(Vec::len),
            page,
        )
    };
    let before = answers();
    let ru = server.token_for("ru-neg", "ru-mfa", Role::Negotiator, TokenScope::Write);
    for i in 0..3 {
        let (status, body) = common::post(
            &server.url("/api/v1/acts"),
            Some(&ru),
            &json!({"kind": "statement_recorded", "date": "2025-10-01", "by": "RU",
                    "about": "US", "summary": format!("internal note {i}"),
                    "visibility": {"internal": "RU"}}),
        );
        assert_eq!(status, 201, "{body}");
    }
    let after = answers();
    assert_eq!(before.0, after.0, "next_after moved with hidden acts");
    assert_eq!(before.1, after.1);
    assert_eq!(before.2, after.2, "the acts list changed with hidden acts");
    assert!(!after.2.contains("internal note"));
}

#[test]
fn the_largest_after_is_an_answer_not_a_panic() {
    let server = common::start(true);
    let (status, body) = common::fetch(&server.url(&format!("/acts?after={}", u64::MAX)));
    assert!(status == 200 || status == 400, "{status}: {body}");
    let (status, body) = common::get(&server.url(&format!("/api/v1/acts?after={}", u64::MAX)));
    assert!(status == 200 || status == 400, "{status}: {body}");
}

/// Review: pages that find nothing said so in English on a Russian page.
#[test]
fn pages_that_find_nothing_say_so_in_the_readers_language() {
    let server = common::start(true);
    for (path, russian) in [
        ("/relations/US/RU/posts/nope", "Загранучреждения «nope»"),
        ("/relations/US/RU/measures/nope", "Меры «nope»"),
        ("/relations/US/RU/people/Nobody", "Лица по имени «Nobody»"),
        ("/relations/US/RU/rounds/nope", "Раунда переговоров «nope»"),
        ("/relations/US/RU/commitments/nope", "Обязательства «nope»"),
    ] {
        let (status, html) =
            common::fetch(&server.url(&format!("{path}?as_of=2025-01-01&lang=ru")));
        assert_eq!(status, 404, "{path}");
        assert!(html.contains(russian), "{path}: {html}");
        assert!(!html.contains("as of 2025"), "{path}: English left: {html}");
    }
}

/// Review: the what-if page's fields, their faults and its refusal were English on a Russian
/// page.
#[test]
fn the_what_if_form_speaks_the_readers_language() {
    let server = common::start(true);
    let base = "/relations/US/RU/what-if?as_of=2018-01-01&lang=ru&kind=staffing_reported";
    let html = common::page(&server, &format!("{base}&go=fields"));
    assert!(html.contains("Аккредитующее государство"), "{html}");
    let (status, html) = common::fetch(&server.url(&format!(
        "{base}&go=compare&sending=US&host=RU&value=%D0%BC%D0%BD%D0%BE%D0%B3%D0%BE&bound=exact&counting=all_staff"
    )));
    assert!(status == 200 || status == 422, "{status}");
    assert!(
        html.contains("Гипотетическую запись невозможно прочитать"),
        "{html}"
    );
    assert!(html.contains("«много» — не целое число"), "{html}");
    assert!(!html.contains("cannot be read"), "{html}");
    let (status, html) = common::fetch(
        &server.url("/relations/US/RU/what-if?as_of=2018-01-01&lang=ru&kind=bogus&go=fields"),
    );
    assert_eq!(status, 400);
    assert!(html.contains("Вида записи «bogus» не существует"), "{html}");
}
