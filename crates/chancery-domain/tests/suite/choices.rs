//! What a form offers to choose: the relation's things a reader may see, and identifiers
//! proposed from names that avoid every one taken.

use chancery_domain::access::Reader;
use chancery_domain::image::timeline::View;
use chancery_domain::Image;
use serde_json::json;

use crate::common;
use common::{act, st};

fn image() -> Image {
    let mut image = Image::new();
    let mut record = |v: serde_json::Value| image.record(&act(v), 0).unwrap();
    for (code, name) in [("AA", "A"), ("BB", "B"), ("CC", "C")] {
        record(json!({"kind": "state_registered", "date": "2000", "state": code, "name": name}));
    }
    for (id, sending, host, vis) in [
        ("aa-embassy", "AA", "BB", json!("public")),
        ("aa-secret-annex", "AA", "BB", json!({"internal": "AA"})),
        ("bb-embassy", "BB", "AA", json!("bilateral")),
        ("aa-embassy-cc", "AA", "CC", json!("public")),
    ] {
        record(json!({
            "kind": "post_opened", "date": "2010-01-01", "post": id, "sending": sending,
            "host": host, "post_kind": "embassy", "name": format!("Embassy {id}"), "city": "X",
            "visibility": vis
        }));
    }
    record(json!({
        "kind": "measure_imposed", "date": "2012-01-01", "measure": "bb-cap", "actor": "BB",
        "target": "AA", "measure_kind": "staff_cap", "summary": "A cap", "magnitude": {"cap": 10}
    }));
    image
}

fn ids(choices: &[chancery_domain::choices::Choice]) -> Vec<&str> {
    choices.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn a_reader_is_offered_only_what_it_may_see_of_the_one_relation() {
    let image = image();
    let day = "2011-01-01".parse().unwrap();
    let (a, b) = (st("AA"), st("BB"));
    let of = |reader| {
        image
            .choices(a, b, View::whole_record(day, reader))
            .unwrap()
    };
    assert_eq!(ids(&of(Reader::Public).posts), ["aa-embassy"]);
    assert_eq!(
        ids(&of(Reader::Party(a)).posts),
        ["aa-embassy", "aa-secret-annex", "bb-embassy"],
        "its own internal post, the bilateral one, never the other relation's"
    );
    assert_eq!(
        ids(&of(Reader::Party(b)).posts),
        ["aa-embassy", "bb-embassy"]
    );
    assert_eq!(
        ids(&of(Reader::Mediator).posts),
        ["aa-embassy", "bb-embassy"]
    );
    let public = of(Reader::Public);
    assert_eq!(
        ids(&public.measures),
        ["bb-cap"],
        "a measure dated after the day still offered"
    );
    assert_eq!(public.measures[0].side, Some(b));
    assert_eq!(public.posts[0].name, "Embassy aa-embassy");
}

#[test]
fn a_relation_known_only_from_another_partys_internal_acts_is_not_listed() {
    let mut image = image();
    image
        .record(
            &act(json!({
                "kind": "post_opened", "date": "2010-01-01", "post": "bb-secret-in-cc",
                "sending": "BB", "host": "CC", "post_kind": "embassy", "name": "Secret",
                "city": "X", "visibility": {"internal": "BB"}
            })),
            0,
        )
        .unwrap();
    let pairs = |reader| -> Vec<(String, String)> {
        image
            .relations_seen_by(reader)
            .into_iter()
            .map(|k| (k.states().0.to_string(), k.states().1.to_string()))
            .collect()
    };
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(pairs(Reader::Mediator), [s("AA", "BB"), s("AA", "CC")]);
    assert_eq!(
        pairs(Reader::Party(st("BB"))),
        [s("AA", "BB"), s("AA", "CC"), s("BB", "CC")]
    );
}

#[test]
fn an_identifier_is_proposed_from_the_name_and_avoids_any_taken_one() {
    let mut image = image();
    let rel = (st("AA"), st("BB"));
    assert_eq!(
        image.propose_id(rel, "Consulate, Yekaterinburg"),
        "aa-bb-consulate-yekaterinburg"
    );
    // Taken by an internal post another reader cannot see: still avoided, as recording it
    // would be refused.
    image
        .record(
            &act(json!({
                "kind": "post_opened", "date": "2010-01-01", "post": "aa-bb-annex",
                "sending": "AA", "host": "BB", "post_kind": "embassy", "name": "Annex",
                "city": "X", "visibility": {"internal": "AA"}
            })),
            0,
        )
        .unwrap();
    assert_eq!(image.propose_id(rel, "Annex"), "aa-bb-annex-2");
    let long = "a very long name ".repeat(10);
    let id = image.propose_id(rel, &long);
    assert!(id.len() <= 64 && !id.ends_with('-'), "{id}");
    assert_eq!(image.propose_id(rel, "Посольство"), "aa-bb-posolstvo");
}
