//! Parity of consular access to detained nationals: denials (the host's acts) decide; the
//! cases' access clocks are shown from the reader's record and never decide, and never tell of
//! a case the reader may not see.

use chancery_domain::access::Reader;
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::reciprocity::parity::{Definition, Dimension, Outcome};
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "ru-emb", "sending": "RU",
               "host": "US", "post_kind": "embassy", "name": "Russian Embassy",
               "city": "Washington"}),
    ] {
        rec(&mut image, v);
    }
    image
}

fn rec(image: &mut Image, v: Value) -> u64 {
    image
        .record(&act(v.clone()), 0)
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn denial(measure: &str, date: &str, actor: &str, target: &str) -> Value {
    json!({"kind": "measure_imposed", "date": date, "measure": measure, "actor": actor,
           "target": target, "measure_kind": "consular_access_denied",
           "summary": "consular access refused", "visibility": "bilateral"})
}

fn case(id: &str, national_of: &str, held_in: &str, date: &str) -> Value {
    json!({"kind": "case_opened", "date": date, "case": id, "national_of": national_of,
           "held_in": held_in, "case_kind": "arrest", "city": "somewhere",
           "visibility": {"internal": national_of}})
}

fn access(image: &Image, on: &str, reader: Reader) -> Dimension {
    access_in(image, View::new(day(on), Through::WholeRecord, reader))
}

fn access_in(image: &Image, view: View) -> Dimension {
    image
        .parity(st("US"), st("RU"), view, &Definition::default())
        .unwrap()
        .dimensions
        .into_iter()
        .find(|d| d.key == "consular_access")
        .expect("the consular_access dimension")
}

#[test]
fn the_host_with_more_denials_is_stricter() {
    let mut image = world();
    rec(&mut image, denial("d1", "2024-03-02", "RU", "US"));
    rec(&mut image, denial("d2", "2024-05-02", "RU", "US"));
    let d = access(&image, "2024-06-01", Reader::Party(st("US")));
    assert_eq!(d.outcome, Outcome::Stricter);
    assert_eq!(d.stricter, Some(st("RU")));
    assert_eq!(d.by_how_much, Some(2));
    assert_eq!(d.values[&st("US")].number(), Some(2));
    assert_eq!(d.values[&st("RU")].number(), Some(0));
    assert!(
        d.values[&st("US")].text.contains("latest 2024-05-02"),
        "{}",
        d.values[&st("US")].text
    );
    assert_eq!(d.basis.len(), 2);
    // Before the first denial the two sides are equal; denials stay counted afterwards.
    assert_eq!(
        access(&image, "2024-01-01", Reader::Party(st("US"))).outcome,
        Outcome::Equal
    );
    assert_eq!(
        access(&image, "2026-01-01", Reader::Party(st("US"))).by_how_much,
        Some(2)
    );
}

#[test]
fn low_confidence_denials_are_shown_not_counted() {
    let mut image = world();
    let mut d = denial("d1", "2024-03-02", "RU", "US");
    d["confidence"] = json!("low");
    rec(&mut image, d);
    let dim = access(&image, "2024-06-01", Reader::Party(st("US")));
    assert_eq!(dim.outcome, Outcome::Equal);
    assert!(dim.values[&st("US")]
        .notes
        .iter()
        .any(|n| n.contains("not counted") && n.contains("d1")));
}

#[test]
fn case_clocks_are_shown_from_the_readers_record_and_never_decide() {
    let mut image = world();
    // A US national arrested on 1 March with no access since: the access clock is overdue.
    rec(&mut image, case("c-us", "US", "RU", "2024-03-01"));
    let d = access(&image, "2024-06-01", Reader::Party(st("US")));
    assert_eq!(d.outcome, Outcome::Equal, "{}", d.comparison);
    let us = &d.values[&st("US")].notes;
    assert!(
        us.iter().any(
            |n| n.contains("from the cases on your record (1 of US") && n.contains("overdue 1")
        ),
        "{us:?}"
    );
    let ru = &d.values[&st("RU")].notes;
    assert!(ru.iter().any(|n| n.contains("not compared")), "{ru:?}");
}

/// RU's internal case changes nothing the US reads: neither the figures nor the notes.
#[test]
fn a_case_the_reader_may_not_see_leaves_no_trace() {
    let mut image = world();
    rec(&mut image, denial("d1", "2024-03-02", "RU", "US"));
    let before = access(&image, "2024-06-01", Reader::Party(st("US")));
    rec(&mut image, case("c-ru", "RU", "US", "2024-03-01"));
    let after = access(&image, "2024-06-01", Reader::Party(st("US")));
    assert_eq!(before, after);
    // RU sees its own.
    let ru = access(&image, "2024-06-01", Reader::Party(st("RU")));
    assert!(ru.values[&st("RU")]
        .notes
        .iter()
        .any(|n| n.contains("(1 of RU")));
}

/// A denial only the US claims is named apart, and counted when asked to include its claims.
#[test]
fn a_claimed_denial_counts_only_when_claims_are_asked_for() {
    let mut image = world();
    let mut c = denial("d-claimed", "2024-03-02", "RU", "US");
    c["claimed_by"] = json!("US");
    rec(&mut image, c);
    let us = Reader::Party(st("US"));
    let d = access(&image, "2024-06-01", us);
    assert_eq!(d.outcome, Outcome::Equal);
    assert!(d.values[&st("US")]
        .notes
        .iter()
        .any(|n| n.contains("1 more claimed by US")));
    let mut view = View::new(day("2024-06-01"), Through::WholeRecord, us);
    view.verdicts.include_claims_of = Some(st("US"));
    let d = access_in(&image, view);
    assert_eq!(d.stricter, Some(st("RU")));
}
