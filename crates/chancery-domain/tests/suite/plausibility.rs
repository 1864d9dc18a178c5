//! Plausible dates and the same event twice (issue 11 §10), on small hand-made histories.

use crate::common;

use chancery_domain::{Image, RuleViolation};
use common::act;
use serde_json::{json, Value};

/// AA and BB registered in 2000; AA's embassy in BB opened on 2000-01-01, with premises and one
/// diplomat.
fn world() -> Image {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
        json!({"kind": "premises_acquired", "date": "2000-01-01", "premises": "chancery",
               "post": "aa-emb", "premises_kind": "chancery", "name": "Chancery", "city": "Bcity"}),
        json!({"kind": "member_notified", "date": "2010-01-01", "member": "d1", "post": "aa-emb",
               "name": "One", "category": "diplomatic"}),
    ] {
        image.record(&act(a), 0).expect("world builds");
    }
    image
}

fn record(image: &mut Image, v: Value) -> u64 {
    image
        .record(&act(v.clone()), 0)
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn refused(image: &mut Image, v: Value) -> RuleViolation {
    let before = image.clone();
    let err = image.record(&act(v), 0).expect_err("should be refused");
    assert_eq!(*image, before, "a refused act leaves the image untouched");
    err
}

fn with_confirmation(mut v: Value) -> Value {
    v["date_confirmed"] = json!(true);
    v
}

fn consulate(date: &str) -> Value {
    json!({"kind": "post_opened", "date": date, "post": "aa-cg", "sending": "AA", "host": "BB",
           "post_kind": "consulate_general", "name": "Consulate", "city": "Ccity"})
}

#[test]
fn a_measure_dated_1850_needs_a_confirmation() {
    let mut image = world();
    let measure = json!({"kind": "measure_imposed", "date": "1850-03-01", "measure": "m1",
                         "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
                         "summary": "visas"});
    let e = refused(&mut image, measure.clone());
    assert_eq!(e.code.as_str(), "implausible_date");
    assert_eq!(e.field, Some("date"));
    assert!(e.message.contains("1850-03-01"), "{}", e.message);
    assert!(e.message.contains("date_confirmed"), "{}", e.message);
    record(&mut image, with_confirmation(measure));
}

#[test]
fn before_1900_needs_a_confirmation_even_in_an_empty_relation() {
    let mut image = Image::new();
    let e = refused(
        &mut image,
        json!({"kind": "state_registered", "date": "1899", "state": "AA", "name": "Aland"}),
    );
    assert_eq!(e.code.as_str(), "implausible_date");
    // A year is plausible if any of it is: 1900 is.
    record(
        &mut image,
        json!({"kind": "state_registered", "date": "1900", "state": "AA", "name": "Aland"}),
    );
}

#[test]
fn long_before_the_record_begins_needs_a_confirmation() {
    let mut image = world();
    // The record of AA–BB begins on 2000-01-01: 1989 is more than ten years before it.
    let e = refused(&mut image, consulate("1989-12-31"));
    assert_eq!(e.code.as_str(), "implausible_date");
    assert!(e.message.contains("2000-01-01"), "{}", e.message);
    // Ten years before is not.
    let mut within = world();
    record(&mut within, consulate("1990-01-01"));
    record(&mut image, with_confirmation(consulate("1989-12-31")));
}

#[test]
fn an_imprecise_date_is_plausible_if_any_day_of_it_is() {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-06-15", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy", "city": "Bcity"}),
    ] {
        record(&mut image, a);
    }
    refused(&mut image, consulate("1990-06-14"));
    record(&mut image, consulate("1990-06"));
}

#[test]
fn the_first_act_of_a_relation_has_nothing_to_compare_with() {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
    ] {
        record(&mut image, a);
    }
    // Registrations belong to no relation, so AA–BB has no record yet.
    record(&mut image, consulate("1950-06-01"));
}

#[test]
fn a_hidden_act_does_not_set_where_the_record_begins() {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2020-01-01", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy", "city": "Bcity",
               "visibility": {"internal": "AA"}}),
    ] {
        record(&mut image, a);
    }
    // To the public, AA–BB has nothing recorded: a public post opened in 1990 is plausible,
    // and its refusal would tell of the hidden one.
    record(&mut image, consulate("1990-01-01"));
}

fn head(kind: &str, date: &str, person: &str) -> Value {
    json!({"kind": kind, "date": date, "sending": "AA", "host": "BB", "person": person})
}

#[test]
fn agrement_granted_twice_is_refused_naming_the_first_grant() {
    let mut image = world();
    record(&mut image, head("agrement_requested", "2011-01-01", "Ann"));
    record(&mut image, head("agrement_granted", "2011-02-01", "Ann"));
    let e = refused(&mut image, head("agrement_granted", "2011-03-01", "Ann"));
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2011-02-01"), "{}", e.message);
    // Another person's agrément is another event.
    record(&mut image, head("agrement_granted", "2011-03-01", "Bob"));
    // After Ann's posting ends, a new appointment gets its own agrément.
    record(&mut image, head("hom_arrived", "2011-04-01", "Ann"));
    record(&mut image, head("hom_departed", "2014-04-01", "Ann"));
    record(&mut image, head("agrement_granted", "2018-01-01", "Ann"));
}

#[test]
fn credentials_and_copies_presented_twice_in_one_posting_are_refused() {
    let mut image = world();
    record(&mut image, head("hom_arrived", "2011-04-01", "Ann"));
    record(
        &mut image,
        head("hom_credentials_copies", "2011-04-02", "Ann"),
    );
    let e = refused(
        &mut image,
        head("hom_credentials_copies", "2011-04-03", "Ann"),
    );
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2011-04-02"), "{}", e.message);
    record(
        &mut image,
        head("hom_credentials_presented", "2011-05-01", "Ann"),
    );
    let e = refused(
        &mut image,
        head("hom_credentials_presented", "2012-05-01", "Ann"),
    );
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2011-05-01"), "{}", e.message);
    // A second posting presents credentials again.
    record(&mut image, head("hom_departed", "2014-04-01", "Ann"));
    record(&mut image, head("hom_arrived", "2016-04-01", "Ann"));
    record(
        &mut image,
        head("hom_credentials_presented", "2016-05-01", "Ann"),
    );
}

#[test]
fn an_earlier_duplicate_is_refused_too() {
    // Recorded out of order: the second presentation dated before the first is the duplicate.
    let mut image = world();
    record(&mut image, head("hom_arrived", "2011-04-01", "Ann"));
    record(
        &mut image,
        head("hom_credentials_presented", "2011-05-01", "Ann"),
    );
    let e = refused(
        &mut image,
        head("hom_credentials_presented", "2011-04-20", "Ann"),
    );
    assert_eq!(e.code.as_str(), "later_act_invalidated");
    assert!(e.message.contains("2011-04-20"), "{}", e.message);
}

#[test]
fn closing_a_closed_post_is_refused_with_or_without_a_measure() {
    let mut image = world();
    record(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2015-01-01", "measure": "m1", "actor": "BB",
               "target": "AA", "measure_kind": "post_closure", "summary": "closure"}),
    );
    record(
        &mut image,
        json!({"kind": "post_closed", "date": "2015-03-01", "post": "aa-emb", "by": "BB",
               "measure": "m1"}),
    );
    for again in [
        json!({"kind": "post_closed", "date": "2016-01-01", "post": "aa-emb", "by": "BB",
               "measure": "m1"}),
        json!({"kind": "post_closed", "date": "2016-01-01", "post": "aa-emb", "by": "AA"}),
    ] {
        let e = refused(&mut image, again);
        assert_eq!(e.code.as_str(), "post_already_closed");
        assert!(e.message.contains("2015-03-01"), "{}", e.message);
    }
}

#[test]
fn premises_barred_or_seized_when_already_so_are_refused() {
    let mut image = world();
    let bar = |date: &str| {
        json!({"kind": "premises_access_barred", "date": date,
                                   "premises": "chancery", "by": "BB"})
    };
    let seize = |date: &str| {
        json!({"kind": "premises_seized", "date": date,
                                     "premises": "chancery", "by": "BB"})
    };
    record(&mut image, bar("2016-12-29"));
    let e = refused(&mut image, bar("2017-01-05"));
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2016-12-29"), "{}", e.message);
    // Seizing barred premises is a new event; seizing them again is not.
    record(&mut image, seize("2017-06-01"));
    let e = refused(&mut image, seize("2017-07-01"));
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2017-06-01"), "{}", e.message);
}

#[test]
fn a_member_declared_persona_non_grata_twice_is_refused() {
    let mut image = world();
    let png = |date: &str| {
        json!({"kind": "member_declared_png", "date": date, "member": "d1",
                                   "by": "BB"})
    };
    record(&mut image, png("2013-05-14"));
    let e = refused(&mut image, png("2013-05-20"));
    assert_eq!(e.code.as_str(), "duplicate_event");
    assert!(e.message.contains("2013-05-14"), "{}", e.message);
    assert_eq!(e.article, Some("VCDR Art. 9"));
}

#[test]
fn a_persona_non_grata_deadline_before_the_declaration_is_refused() {
    let mut image = world();
    let png = |deadline: &str| {
        json!({"kind": "member_declared_png", "date": "2013-05-14",
                                       "member": "d1", "by": "BB", "deadline": deadline})
    };
    let e = refused(&mut image, png("2013-05-01"));
    assert_eq!(e.code.as_str(), "deadline_before_date");
    assert_eq!(e.field, Some("deadline"));
    // The same month may be the same day or after it.
    record(&mut image, png("2013-05"));
}
