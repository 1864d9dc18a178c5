//! Lists of acts say what each act is about in words: a post's history, a round's acts and the
//! brief's changes name posts, missions, statements and measures, never the journal's subject
//! keys (`posts:us-embassy-moscow,`, `statement:RU`), in both languages.

use crate::common;

/// Every subject key's prefix, as `ActBody::subject` writes it, followed by its id.
const KEYS: &[&str] = &[
    "state:",
    "post:",
    "posts:",
    "premises:",
    "member:",
    "mission:",
    "measure:",
    "round:",
    "agreement:",
    "statement:",
    "commitment:",
    "act:",
    "claim:",
    "case:",
];

/// The keys the text of `html` holds (tags and attributes left out: links carry ids).
fn keys_in(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .filter(|w| {
            KEYS.iter().any(|k| {
                w.strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn lists_of_acts_name_what_each_act_is_about() {
    let server = common::start(true);
    let post = "/relations/US/RU/posts/us-embassy-moscow?as_of=2025-12-31";
    let brief = "/relations/US/RU/talks/brief?as_of=2025-12-01";
    let round = "/relations/US/RU/rounds/istanbul-2025-04-10?as_of=2025-12-01";
    for path in [post, brief, round] {
        for lang in ["en", "ru"] {
            let html = common::page(&server, &format!("{path}&lang={lang}"));
            assert_eq!(keys_in(&html), Vec::<String>::new(), "{path} in {lang}");
        }
    }

    // The post's history names the posts a change of consular service covered, each in both
    // scripts where the record has them, linked to its page.
    let en = common::page(&server, &format!("{post}&lang=en"));
    assert!(
        en.contains(">US Consulate General Vladivostok</a>"),
        "a post in a history is a link with its name"
    );
    let ru = common::page(&server, &format!("{post}&lang=ru"));
    assert!(ru.contains("Генеральное консульство США во Владивостоке"));

    // The brief's changes: a statement by a state, a measure by its reference, a mission.
    let en = common::page(&server, &format!("{brief}&lang=en"));
    assert!(en.contains("Statement by Russia"), "{en}");
    assert!(en.contains("Measure <a href=\"/relations/US/RU/measures/r078"));
    let ru = common::page(&server, &format!("{brief}&lang=ru"));
    assert!(ru.contains("Заявление стороны:"));
    assert!(ru.contains("Мера <a href=\"/relations/US/RU/measures/r078"));
    // A head of mission's act gives the person's name in both scripts.
    assert!(
        ru.contains("Александр Дарчиев"),
        "the head's Russian name is shown"
    );
}

#[test]
fn the_key_detector_finds_keys() {
    assert_eq!(
        keys_in(
            "<td>posts:us-embassy-moscow,</td><td>statement:RU — x</td><a href=\"post:x\">y</a>"
        ),
        vec!["posts:us-embassy-moscow,", "statement:RU"]
    );
    assert!(keys_in("<p>Note: the act: see below</p>").is_empty());
}

/// The roadmap says which commitments already promise a step by their text, not their
/// identifiers, and in Russian who lifts what without a verb to agree with a plural name.
#[test]
fn the_roadmap_names_commitments_by_their_text() {
    let server = common::start(true);
    for lang in ["en", "ru"] {
        let html = common::page(
            &server,
            &format!("/relations/US/RU/roadmap?as_of=2025-12-31&lang={lang}"),
        );
        assert!(
            !html.contains(">istanbul-2025-property-roadmap<"),
            "{lang}: a commitment shown by its identifier"
        );
        assert!(
            html.contains("Draft a roadmap on Russia&#39;s demand")
                || html.contains("Draft a roadmap on Russia's demand"),
            "{lang}: the commitment's text"
        );
    }
    let ru = common::page(&server, "/relations/US/RU/roadmap?as_of=2025-12-31&lang=ru");
    assert!(ru.contains("Соединённые Штаты: снятие"));
    assert!(!ru.contains("Штаты снимает"));
}
