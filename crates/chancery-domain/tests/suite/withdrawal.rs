//! Withdrawing an act recorded in error (issue 11 §10): "this never happened", distinct from
//! lifting a measure. Small hand-made histories where the right answer is obvious.

use crate::common;

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::scenario::Scenario;
use chancery_domain::{Image, Reader, RuleViolation};
use common::{act, day, st};
use serde_json::{json, Value};

/// AA and BB registered (acts 1, 2), AA's embassy in BB opened (act 3).
fn world() -> Image {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
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

fn withdraw(n: u64) -> Value {
    json!({"kind": "act_withdrawn", "date": "2020-01-01", "act": n,
           "reason": "recorded in error: no such decision"})
}

fn measure(id: &str, actor: &str, target: &str, answers: &[&str]) -> Value {
    json!({"kind": "measure_imposed", "date": "2016-12-29", "measure": id, "actor": actor,
           "target": target, "measure_kind": "visa_restriction", "summary": "visas",
           "answers": answers})
}

fn measure_ids(image: &Image, view: View) -> Vec<String> {
    image
        .measures(st("AA"), st("BB"), view, MeasureFilter::Imposed)
        .unwrap()
        .into_iter()
        .map(|m| m.id.to_string())
        .collect()
}

#[test]
fn a_withdrawn_measure_is_in_no_view_but_views_known_earlier_still_show_it() {
    let mut image = world();
    let m = record(&mut image, measure("m1", "BB", "AA", &[]));
    let now = View::rules(day("2021-01-01"));
    assert_eq!(measure_ids(&image, now), ["m1"]);
    let w = record(&mut image, withdraw(m));
    assert_eq!(image.withdrawn_by(m), Some(w));
    assert!(
        measure_ids(&image, now).is_empty(),
        "as if it never happened"
    );
    // Not lifted: it is not in force either, and was never imposed in today's record.
    let in_force = image
        .measures(st("AA"), st("BB"), now, MeasureFilter::InForce)
        .unwrap();
    assert!(in_force.is_empty());
    // As known before the withdrawal, the measure stands.
    let then = View::new(day("2021-01-01"), m, Reader::Rules);
    assert_eq!(measure_ids(&image, then), ["m1"]);
    // Replay gives the same image.
    let journal: Vec<_> = [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
        measure("m1", "BB", "AA", &[]),
        withdraw(m),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, v)| (i as u64 + 1, 0, act(v)))
    .collect();
    assert_eq!(Image::replay(journal).unwrap(), image);
}

#[test]
fn withdrawing_twice_or_withdrawing_nothing_is_refused() {
    let mut image = world();
    let m = record(&mut image, measure("m1", "BB", "AA", &[]));
    let w = record(&mut image, withdraw(m));
    let e = refused(&mut image, withdraw(m));
    assert_eq!(e.code.as_str(), "act_already_withdrawn");
    assert!(e.message.contains(&format!("#{w}")), "{}", e.message);
    assert_eq!(e.field, Some("act"));
    for bad in [99, w, 1] {
        // Nothing there; a withdrawal; a state's registration.
        let e = refused(&mut image, withdraw(bad));
        assert_eq!(e.code.as_str(), "invalid_withdrawal", "{bad}: {e}");
    }
    // A withdrawn act cannot be corrected back into the record.
    let mut again = act(measure("m1", "BB", "AA", &[]));
    again.envelope.supersedes = Some(m);
    let e = image.record(&again, 0).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_supersede");
}

#[test]
fn a_post_with_staff_notified_to_it_cannot_be_withdrawn_until_they_are() {
    let mut image = world();
    let d1 = record(
        &mut image,
        json!({"kind": "member_notified", "date": "2010-01-01", "member": "d1", "post": "aa-emb",
               "name": "One", "category": "diplomatic"}),
    );
    let e = refused(&mut image, withdraw(3));
    assert_eq!(e.code.as_str(), "withdrawn_act_has_dependants");
    assert!(e.message.contains(&format!("act #{d1}")), "{}", e.message);
    assert!(e.message.contains("member `d1`"), "{}", e.message);
    record(&mut image, withdraw(d1));
    record(&mut image, withdraw(3));
    let presence = image
        .presence(st("AA"), st("BB"), View::rules(day("2021-01-01")))
        .unwrap();
    assert!(presence.missions.iter().all(|m| m.posts.is_empty()));
}

#[test]
fn a_later_event_of_the_same_thing_blocks_its_withdrawal() {
    let mut image = world();
    let closed = record(
        &mut image,
        json!({"kind": "post_closed", "date": "2018-03-31", "post": "aa-emb", "by": "BB"}),
    );
    let e = refused(&mut image, withdraw(3));
    assert_eq!(e.code.as_str(), "withdrawn_act_has_dependants");
    assert!(
        e.message.contains(&format!("act #{closed}")),
        "{}",
        e.message
    );
    // The closure itself may go: the post is open again, as if never closed.
    record(&mut image, withdraw(closed));
    let presence = image
        .presence(st("AA"), st("BB"), View::rules(day("2021-01-01")))
        .unwrap();
    let posts = &presence.missions[0].posts;
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].status.to_string(), "open");
}

#[test]
fn a_measure_answered_or_promised_lifted_can_still_be_withdrawn() {
    let mut image = world();
    let m1 = record(&mut image, measure("m1", "BB", "AA", &[]));
    // The other side's answer is its own act: it does not hold BB's correction of its record.
    record(&mut image, measure("m2", "AA", "BB", &["m1"]));
    record(&mut image, withdraw(m1));
    assert_eq!(
        measure_ids(&image, View::rules(day("2021-01-01"))),
        vec!["m2".to_owned()]
    );
    // Nor does a commitment to lift it, which either party may record.
    let m3 = record(&mut image, measure("m3", "BB", "AA", &[]));
    record(
        &mut image,
        json!({"kind": "commitment_made", "date": "2017-01-01", "commitment": "c",
               "parties": ["AA", "BB"], "undertaken_by": ["BB"], "lifts": ["m3"],
               "text": "BB lifts m3"}),
    );
    record(&mut image, withdraw(m3));
    // Keeping the promise later lifts nothing that is gone, and is not refused.
    record(
        &mut image,
        json!({"kind": "commitment_kept", "date": "2020-01-02", "commitment": "c",
               "evidence": "announced"}),
    );
}

#[test]
fn a_corrected_act_is_withdrawn_through_its_correction() {
    let mut image = world();
    let m = record(&mut image, measure("m1", "BB", "AA", &[]));
    let mut fixed = act(measure("m1", "BB", "AA", &[]));
    fixed.envelope.supersedes = Some(m);
    fixed.envelope.note = Some("date fixed".into());
    let c = image.record(&fixed, 0).unwrap();
    let e = refused(&mut image, withdraw(m));
    assert_eq!(e.code.as_str(), "invalid_withdrawal");
    assert!(e.message.contains(&format!("act #{c}")), "{}", e.message);
    record(&mut image, withdraw(c));
    assert!(measure_ids(&image, View::rules(day("2021-01-01"))).is_empty());
}

#[test]
fn a_withdrawal_keeps_the_visibility_of_what_it_withdraws() {
    let mut image = world();
    let mut hidden = measure("m1", "BB", "AA", &[]);
    hidden["visibility"] = json!({"internal": "BB"});
    let m = record(&mut image, hidden);
    // A public withdrawal would tell everyone of an act they never saw: it names, to them,
    // nothing.
    let e = refused(&mut image, withdraw(m));
    assert_eq!(e.code.as_str(), "invalid_withdrawal");
    let mut internal = withdraw(m);
    internal["visibility"] = json!({"internal": "BB"});
    record(&mut image, internal);
}

#[test]
fn a_scenario_file_withdraws_by_position() {
    let file = r#"
format = "chancery-scenario/1"
relation = ["AA", "BB"]

[[act]]
kind = "state_registered"
date = "2000"
state = "AA"
name = "Aland"

[[act]]
kind = "state_registered"
date = "2000"
state = "BB"
name = "Bland"

[[act]]
kind = "measure_imposed"
date = "2016-12-29"
measure = "m1"
actor = "BB"
target = "AA"
measure_kind = "visa_restriction"
summary = "visas"

[[act]]
kind = "act_withdrawn"
date = "2017-01-02"
act = 3
reason = "no such decision: a misread report"
"#;
    let scenario = Scenario::parse(file).unwrap();
    // Imported after other acts, positions become sequence numbers.
    let mut base = Image::new();
    record(
        &mut base,
        json!({"kind": "state_registered", "date": "2000", "state": "FR", "name": "France"}),
    );
    let (image, acts) = scenario.plan_import(&base, 0).unwrap();
    assert_eq!(acts[3].body.withdraws(), Some(base.last_seq() + 3));
    assert!(measure_ids(&image, View::rules(day("2021-01-01"))).is_empty());
    // A position not before the withdrawal is refused.
    let e = Scenario::parse(&file.replace("act = 3", "act = 4")).unwrap_err();
    assert_eq!(e.code, "invalid_withdrawal");
}

#[test]
fn an_export_keeps_the_withdrawal_and_imports_alike() {
    let acts: Vec<Value> = vec![
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        measure("m1", "BB", "AA", &[]),
        measure("m2", "BB", "AA", &[]),
        withdraw(3),
    ];
    let mut image = Image::new();
    let mut journal = Vec::new();
    for v in acts {
        let a = act(v);
        let seq = image.record(&a, 0).unwrap();
        journal.push((seq, a));
    }
    let text = Scenario::from_journal(&image, st("AA"), st("BB"), &journal).to_toml();
    assert!(text.contains("act_withdrawn"), "{text}");
    let (imported, _) = Scenario::parse(&text)
        .unwrap()
        .plan_import(&Image::new(), 0)
        .unwrap();
    let now = View::rules(day("2021-01-01"));
    assert_eq!(measure_ids(&imported, now), ["m2"]);
    assert_eq!(measure_ids(&imported, now), measure_ids(&image, now));
}
