//! Parity's sentences in Russian, on the demo: the overview's parity table, the negotiator's
//! brief and the what-if comparison say each figure, caveat and comparison in Russian, and none
//! of the English sentences the API gives for the same day reaches the Russian page (while the
//! English page shows them as it always has).

use crate::common;

use common::{fetch, get, start, visible, Server};

fn text_of(server: &Server, path: &str) -> String {
    let (status, html) = fetch(&server.url(path));
    assert_eq!(status, 200, "GET {path}: {html}");
    visible(&html)
}

/// The English parity sentences of the day, as the API gives them: the definition, every
/// figure and caveat, every comparison.
fn english(server: &Server, as_of: &str) -> Vec<String> {
    let (status, p) = get(&server.url(&format!("/api/v1/relations/US/RU/parity?as_of={as_of}")));
    assert_eq!(status, 200, "{p}");
    let mut out = vec![p["definition"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned()];
    for d in p["dimensions"].as_array().into_iter().flatten() {
        out.extend(d["comparison"].as_str().map(str::to_owned));
        for v in d["values"].as_object().into_iter().flat_map(|m| m.values()) {
            out.extend(v["text"].as_str().map(str::to_owned));
            out.extend(
                v["notes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|n| n.as_str().map(str::to_owned)),
            );
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    out
}

/// The English page shows at least `least` of the day's sentences; the Russian one none of
/// them, and says parity in Russian.
fn check(server: &Server, path: &str, sentences: &[String], least: usize) {
    let sep = if path.contains('?') { '&' } else { '?' };
    let en = text_of(server, &format!("{path}{sep}lang=en"));
    let shown: Vec<&String> = sentences
        .iter()
        .filter(|s| en.contains(s.as_str()))
        .collect();
    assert!(
        shown.len() >= least,
        "{path}: the English page shows only {shown:?}"
    );
    let ru = text_of(server, &format!("{path}{sep}lang=ru"));
    let left: Vec<&String> = sentences
        .iter()
        .filter(|s| ru.contains(s.as_str()))
        .collect();
    assert!(left.is_empty(), "{path}: the Russian page keeps {left:#?}");
    for english in [
        " is stricter: ",
        "not comparable: ",
        "equal: the ",
        " staff (",
    ] {
        assert!(
            !ru.contains(english),
            "{path}: the Russian page says {english:?}"
        );
    }
    assert!(
        ["строже государство", "несопоставимо: ", "равные условия: "]
            .iter()
            .any(|w| ru.contains(w)),
        "{path}: no Russian comparison in {ru}"
    );
}

#[test]
fn the_overview_says_parity_in_russian() {
    let server = start(true);
    let day = "2022-01-01";
    let sentences = english(&server, day);
    check(
        &server,
        &format!("/relations/US/RU?as_of={day}"),
        &sentences,
        20,
    );
    let ru = text_of(&server, &format!("/relations/US/RU?as_of={day}&lang=ru"));
    for words in [
        "весь персонал, включая местный; представительства при международных организациях учитываются",
        "сотрудник",
        "представительство государства",
    ] {
        assert!(ru.contains(words), "the Russian overview lacks {words:?}");
    }
}

#[test]
fn the_what_if_comparison_says_parity_in_russian() {
    let server = start(true);
    let day = "2018-01-01";
    let mut sentences = english(&server, day);
    // What if the 2017 cap were lifted: the staff cap changes, so the "after" column differs
    // from the record's.
    let path = format!("/relations/US/RU/what-if?as_of={day}&lift=r012&go=compare");
    let en = text_of(&server, &format!("{path}&lang=en"));
    assert!(
        en.contains("no cap"),
        "the what-if shows the cap lifted: {en}"
    );
    sentences.push("no cap".to_owned());
    check(&server, &path, &sentences, 20);
    let ru = text_of(&server, &format!("{path}&lang=ru"));
    assert!(
        ru.contains("потолка нет"),
        "the Russian what-if lacks the lifted cap"
    );
}

#[test]
fn the_brief_says_the_parity_that_moved_in_russian() {
    let server = start(true);
    let day = "2026-12-01";
    let path = format!("/relations/US/RU/talks/brief?as_of={day}");
    let en = text_of(&server, &format!("{path}&lang=en"));
    let sentences = english(&server, day);
    let moved: Vec<&String> = sentences
        .iter()
        .filter(|s| en.contains(s.as_str()))
        .collect();
    assert!(
        !moved.is_empty(),
        "the brief of {day} shows no parity that moved: {en}"
    );
    check(&server, &path, &sentences, 1);
}
