//! Search: a name found in either script, ranked, and scoped by the reader like every query.

use chancery_domain::access::Reader;
use chancery_domain::image::timeline::View;
use chancery_domain::search::{HitKind, MatchKind, SearchError, MAX_HITS, MAX_QUERY_CHARS};
use chancery_domain::Image;
use serde_json::json;

use crate::common;
use common::{act, day, demo, st};

fn today() -> View {
    View::whole_record(day("2025-06-01"), Reader::Public)
}

fn titles(image: &Image, q: &str, view: View) -> Vec<(HitKind, String, MatchKind)> {
    image
        .search(q, view)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.kind, h.title, h.matched))
        .collect()
}

#[test]
fn a_name_is_found_in_either_script() {
    let image = demo();
    for (q, want) in [
        ("Салливан", "John Sullivan"),
        ("Sullivan", "John Sullivan"),
        ("Антонов", "Anatoly Antonov"),
        ("antonov", "Anatoly Antonov"),
        ("Хантсман", "Jon Huntsman"),
        ("Трейси", "Lynne Tracy"),
        ("Теффт", "John Tefft"),
        ("Кисляк", "Sergey Kislyak"),
        ("Sergei Kislyak", "Sergey Kislyak"),
    ] {
        let hits = titles(&image, q, today());
        assert!(
            hits.iter()
                .any(|(k, t, _)| *k == HitKind::Person && t == want),
            "{q} should find {want}: {hits:?}"
        );
    }
    let posts = titles(&image, "Владивосток", today());
    assert!(
        posts
            .iter()
            .any(|(k, t, _)| *k == HitKind::Post && t.contains("Vladivostok")),
        "{posts:?}"
    );
}

#[test]
fn exact_before_prefix_before_text_before_transliteration() {
    let image = demo();
    let hits = titles(&image, "John Sullivan", today());
    assert_eq!(hits[0].1, "John Sullivan");
    assert_eq!(hits[0].2, MatchKind::Exact);
    let hits = titles(&image, "Sull", today());
    assert_eq!(hits[0].2, MatchKind::Prefix, "{hits:?}");
    let ranks: Vec<MatchKind> = titles(&image, "Fogle", today())
        .iter()
        .map(|h| h.2)
        .collect();
    assert!(ranks.contains(&MatchKind::Text), "{ranks:?}");
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
}

#[test]
fn queries_are_bounded() {
    let image = demo();
    assert_eq!(image.search("   ", today()), Err(SearchError::Empty));
    let long = "a".repeat(MAX_QUERY_CHARS + 1);
    assert_eq!(
        image.search(&long, today()),
        Err(SearchError::TooLong(MAX_QUERY_CHARS + 1))
    );
    let all = image.search("Russia", today()).unwrap();
    assert!(all.hits.len() <= MAX_HITS);
}

#[test]
fn what_a_reader_may_not_see_is_not_found() {
    let mut image = common::two_state_world("");
    image
        .record(
            &act(
                json!({"kind": "member_notified", "date": "2010-01-01", "member": "m1",
                "post": "aa-embassy", "name": "Ivan Petrov", "names": {"ru": "Иван Петров"},
                "category": "diplomatic", "visibility": {"internal": "AA"}}),
            ),
            0,
        )
        .unwrap();
    let on = day("2011-01-01");
    let seen = |reader| {
        image
            .search("Петров", View::whole_record(on, reader))
            .unwrap()
            .hits
            .len()
    };
    assert_eq!(seen(Reader::Party(st("AA"))), 1);
    assert_eq!(seen(Reader::Party(st("BB"))), 0);
    assert_eq!(seen(Reader::Public), 0);
    assert_eq!(seen(Reader::Mediator), 0);
    // Before the notification's date, not even its own ministry finds it.
    let before = View::whole_record(day("2009-01-01"), Reader::Party(st("AA")));
    assert!(image.search("Petrov", before).unwrap().hits.is_empty());
}

#[test]
fn other_script_names_are_returned_and_matched() {
    let mut image = common::two_state_world("");
    image
        .record(
            &act(
                json!({"kind": "hom_arrived", "date": "2010-01-01", "sending": "BB",
                "host": "AA", "person": "Sergey Lavrov", "names": {"ru": "Сергей Лавров"}}),
            ),
            0,
        )
        .unwrap();
    let view = View::whole_record(day("2011-01-01"), Reader::Public);
    let r = image.search("Сергей Лавров", view).unwrap();
    assert_eq!(r.hits.len(), 1);
    let hit = &r.hits[0];
    assert_eq!(
        (hit.kind, hit.title.as_str()),
        (HitKind::Person, "Sergey Lavrov")
    );
    assert_eq!(hit.matched, MatchKind::Exact);
    assert_eq!(hit.names.get("ru"), Some("Сергей Лавров"));
    assert_eq!(hit.matched_text.as_deref(), Some("Сергей Лавров"));
}
