//! Attacks on the model of measures (an outside review of measures as they take and lose
//! effect): each test states the right answer for a way the record could be bent.

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::index::Step;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-embassy",
               "sending": "AA", "host": "BB", "post_kind": "embassy", "name": "Aland Embassy",
               "city": "B City"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "bb-embassy",
               "sending": "BB", "host": "AA", "post_kind": "embassy", "name": "Bland Embassy",
               "city": "A City"}),
    ] {
        image.record(&act(v), 0).expect("world builds");
    }
    image
}

fn rec(image: &mut Image, v: Value) -> Result<u64, String> {
    image
        .record(&act(v), 0)
        .map_err(|e| format!("{}: {}", e.code.as_str(), e.message))
}

fn restriction(image: &Image, side: &str, on: &str) -> f64 {
    let d = day(on);
    let s = image
        .normalisation_index(
            st("AA"),
            st("BB"),
            d,
            d,
            day("2019-01-01"),
            Step::Days(1),
            View::rules(d),
        )
        .unwrap();
    s.points[0].sides[&st(side)].restriction
}

fn parity_json(image: &Image, on: &str) -> Value {
    serde_json::to_value(
        image
            .parity(
                st("AA"),
                st("BB"),
                View::rules(day(on)),
                &Definition::default(),
            )
            .unwrap(),
    )
    .unwrap()
}

fn dimension<'a>(p: &'a Value, key: &str) -> &'a Value {
    p["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .unwrap()
}

/// A stage that sets `magnitude` without `cap` keeps the cap's ceiling.
#[test]
fn amending_a_cap_cannot_drop_its_ceiling() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "cap",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
        "magnitude": {"cap": 10}}),
    )
    .unwrap();
    let amended = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2020-02-01",
        "measure": "cap", "summary": "60 people must leave", "magnitude": {"persons": 60}}),
    );
    let p = parity_json(&image, "2020-03-01");
    let cap = &dimension(&p, "staff_cap")["values"]["AA"];
    assert!(
        amended.is_err() || !cap.to_string().contains("no cap"),
        "a staff cap amended to state the persons affected reads as `no cap`: {cap}"
    );
}

/// lifting (or letting expire) a measure before the day it bites makes the index count
/// negative restriction for the days in between.
#[test]
fn lifting_before_it_bites_never_gives_negative_restriction() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "m",
        "effective": "2020-06-01"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2020-03-01", "measure": "m"}),
    )
    .unwrap();
    let r = restriction(&image, "AA", "2020-04-01");
    assert!(r >= 0.0, "restriction on AA on 2020-04-01 is {r}");
}

#[test]
fn an_expiry_amended_before_the_effective_day_is_refused_or_harmless() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "m",
        "effective": "2020-06-01"}),
    )
    .unwrap();
    let amended = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2020-02-01",
        "measure": "m", "summary": "lapses", "expires": "2020-03-01"}),
    );
    let r = restriction(&image, "AA", "2020-04-01");
    assert!(
        amended.is_err() || r >= 0.0,
        "accepted ({amended:?}) and restriction on AA on 2020-04-01 is {r}"
    );
}

/// A cap "at parity" with no published figure and no report is still a cap in parity.
#[test]
fn a_cap_at_parity_is_a_cap_in_parity() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "par",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "at parity",
        "cap_at_parity": true}),
    )
    .unwrap();
    let p = parity_json(&image, "2020-03-01");
    let cap = &dimension(&p, "staff_cap")["values"]["AA"];
    assert!(
        !cap.to_string().contains("no cap"),
        "AA's mission is capped at parity, parity says: {cap}"
    );
}

/// A stage cannot move a measure's scope to posts outside the target's missions.
#[test]
fn a_stage_cannot_scope_the_measure_to_the_actors_own_posts() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "c",
        "actor": "BB", "target": "AA", "measure_kind": "post_closure", "summary": "close",
        "scope": {"posts": ["aa-embassy"]}}),
    )
    .unwrap();
    let amended = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2020-02-01",
        "measure": "c", "summary": "now its own embassy", "scope": {"posts": ["bb-embassy"]}}),
    );
    assert!(
        amended.is_err(),
        "BB's closure of AA's post re-scoped to BB's own embassy was accepted"
    );
}

/// The other party cannot block the withdrawal of an act recorded in error by answering it;
/// its answer then names the withdrawn measure apart.
#[test]
fn the_other_partys_answer_does_not_block_a_withdrawal() {
    let mut image = world();
    let m1 = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01",
        "measure": "m1", "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
        "summary": "recorded in error"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-02", "measure": "m2",
        "actor": "AA", "target": "BB", "measure_kind": "visa_restriction",
        "summary": "AA answers", "answers": ["m1"]}),
    )
    .unwrap();
    let w = rec(
        &mut image,
        json!({"kind": "act_withdrawn", "date": "2020-01-03", "act": m1,
        "reason": "never happened"}),
    );
    assert!(w.is_ok(), "BB cannot withdraw its own erroneous act: {w:?}");
    let views = image
        .measures(
            st("AA"),
            st("BB"),
            View::rules(day("2020-02-01")),
            MeasureFilter::Imposed,
        )
        .unwrap();
    let m2 = views
        .iter()
        .find(|m| m.id.as_str() == "m2")
        .expect("m2 stands");
    assert!(m2.answers.is_empty(), "{:?}", m2.answers);
    assert_eq!(m2.answers_withdrawn.len(), 1);
    assert!(views.iter().all(|m| m.id.as_str() != "m1"));
}

/// a measure uncertain on the roadmap's day is left out of the roadmap, and is in force
/// once the roadmap has run.
#[test]
fn a_roadmap_leaves_nothing_in_force_a_month_later() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "m",
        "effective": "2020-06"}),
    )
    .unwrap();
    let r = image
        .roadmap(
            st("AA"),
            st("BB"),
            View::rules(day("2020-06-15")),
            &Definition::default(),
        )
        .unwrap();
    let lifted: usize = r.steps.iter().map(|s| s.lift.len()).sum();
    let known = image
        .measures(
            st("AA"),
            st("BB"),
            View::rules(day("2020-07-15")),
            MeasureFilter::InForce,
        )
        .unwrap();
    assert!(
        lifted > 0 || known.is_empty(),
        "roadmap of 2020-06-15 lifts nothing; in force on 2020-07-15: {:?}",
        known.iter().map(|m| m.id.to_string()).collect::<Vec<_>>()
    );
}

/// An event is not amended (its stages would rewrite what it was), nor given standing terms.
#[test]
fn an_event_is_not_amended_into_a_cap() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "x",
        "actor": "BB", "target": "AA", "measure_kind": "expulsion", "summary": "2 expelled",
        "magnitude": {"persons": 2}}),
    )
    .unwrap();
    let amended = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2020-02-01",
        "measure": "x", "summary": "x", "expires": "2021-01-01", "limits": {"diplomatic": 1}}),
    );
    assert!(amended.is_err(), "an expulsion took an expiry and a limit");
}

/// lifting a measure before it bites is recorded as "lifted", with no warning that it
/// never took effect; and a lift dated before `effective` should at least be a stage
/// (cancelled), not a lifting that the index counts.
#[test]
fn a_measure_lifted_before_it_bites_never_counted_in_force() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "m",
        "effective": "2020-06-01", "magnitude": {"cap": 5}}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2020-03-01", "measure": "m"}),
    )
    .unwrap();
    // After the lifting and after the cancelled effective date: nothing.
    for d in ["2020-04-01", "2020-07-01"] {
        let r = restriction(&image, "AA", d);
        assert_eq!(r, 0.0, "restriction on AA on {d}");
    }
}

/// a stage recorded later that moves `effective` would rewrite the index's past: the
/// measure was in force, and every as-of view before the stage says so. It is refused, and the
/// index of that past stays as it was.
#[test]
fn a_later_stage_does_not_rewrite_the_index_history() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2019-01-01", "measure": "cap",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
        "magnitude": {"cap": 10}}),
    )
    .unwrap();
    let before = restriction(&image, "AA", "2020-01-01");
    let moved = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2022-01-01", "measure": "cap",
        "summary": "suspended until 2023", "effective": "2023-01-01"}),
    );
    assert!(
        moved
            .as_ref()
            .is_err_and(|e| e.starts_with("dates_out_of_order")),
        "{moved:?}"
    );
    let in_force_2020 = image
        .measures(
            st("AA"),
            st("BB"),
            View::rules(day("2020-01-01")),
            MeasureFilter::InForce,
        )
        .unwrap()
        .len();
    assert_eq!(in_force_2020, 1, "as of 2020 the cap is in force");
    assert_eq!(restriction(&image, "AA", "2020-01-01"), before);
}

/// A closure measure naming a post already closed is refused.
#[test]
fn a_measure_closing_an_already_closed_post_is_refused() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2020-01-01", "post": "aa-embassy",
        "by": "BB"}),
    )
    .unwrap();
    let again = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-06-01",
        "measure": "c", "actor": "BB", "target": "AA", "measure_kind": "post_closure",
        "summary": "close it again", "scope": {"posts": ["aa-embassy"]}}),
    );
    assert!(again.is_err(), "accepted: {again:?}");
}

/// an announced measure (taken, not yet biting) is absent from the roadmap, which then
/// claims to unwind everything while the measure bites after it.
#[test]
fn the_roadmap_shows_announced_measures() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "ban",
        "actor": "BB", "target": "AA", "measure_kind": "local_staff_limit", "summary": "ban",
        "magnitude": {"cap": 0}, "effective": "2020-08-01"}),
    )
    .unwrap();
    let r = image
        .roadmap(
            st("AA"),
            st("BB"),
            View::rules(day("2020-05-01")),
            &Definition::default(),
        )
        .unwrap();
    let text = serde_json::to_string(&r).unwrap();
    assert!(
        text.contains("\"ban\""),
        "the announced ban is nowhere in the roadmap"
    );
}

/// The acting ministry does not choose a capacity that contradicts the act: a host's cap
/// recorded as `sending_state` (the actor is the host) or `private` would vanish from parity.
#[test]
fn a_host_cannot_label_its_own_cap_as_the_sending_states() {
    for capacity in ["sending_state", "private"] {
        let mut image = world();
        let r = rec(
            &mut image,
            json!({"kind": "measure_imposed", "date": "2020-01-01",
            "measure": "cap", "actor": "BB", "target": "AA", "measure_kind": "staff_cap",
            "summary": "cap of 5", "magnitude": {"cap": 5}, "capacity": capacity}),
        );
        assert!(
            r.as_ref()
                .is_err_and(|e| e.starts_with("capacity_mismatch")),
            "{capacity}: {r:?}"
        );
    }
    // A court, a local authority or a legislature does not cap a mission either.
    let mut image = world();
    let court = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01",
        "measure": "cap", "actor": "BB", "target": "AA", "measure_kind": "staff_cap",
        "summary": "cap of 5", "magnitude": {"cap": 5}, "capacity": "court"}),
    );
    assert!(court.is_err_and(|e| e.starts_with("capacity_mismatch")));
    // A cap reported with low confidence is recorded; parity shows it, as not counted.
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01",
        "measure": "cap", "actor": "BB", "target": "AA", "measure_kind": "staff_cap",
        "summary": "cap of 5", "magnitude": {"cap": 5}, "confidence": "low"}),
    )
    .unwrap();
    let p = parity_json(&image, "2020-03-01");
    let aa = dimension(&p, "staff_cap")["values"]["AA"].to_string();
    assert!(
        aa.contains("also in force, not counted: cap (reported with low confidence)"),
        "{aa}"
    );
    // Presence lists it among the caps in force, saying why parity does not count it.
    let presence = image
        .presence(st("AA"), st("BB"), View::rules(day("2020-03-01")))
        .unwrap();
    let caps = &presence.missions[0].caps;
    assert_eq!(caps.len(), 1, "{caps:?}");
    assert_eq!(
        caps[0].not_counted.as_deref(),
        Some("reported with low confidence")
    );
}

/// A commitment cannot promise to lift an event: it could never be kept.
#[test]
fn a_commitment_cannot_promise_to_lift_an_event() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "x",
        "actor": "BB", "target": "AA", "measure_kind": "expulsion", "summary": "expelled"}),
    )
    .unwrap();
    let made = rec(
        &mut image,
        json!({"kind": "commitment_made", "date": "2020-02-01",
        "commitment": "c", "parties": ["AA", "BB"], "undertaken_by": ["BB"], "lifts": ["x"],
        "text": "BB lifts the expulsion"}),
    );
    assert!(
        made.is_err(),
        "a promise that can never be kept was accepted"
    );
}

/// A measure known only to be in force by a date is uncertain before it, from the day the
/// relation's record begins, and absent before: the record says nothing of 1850.
#[test]
fn a_measure_of_unknown_start_is_uncertain_only_within_the_record() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2010-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction",
        "summary": "in force by 2010", "start_unknown": true}),
    )
    .unwrap();
    let listed = |on: &str| {
        image
            .measures(
                st("AA"),
                st("BB"),
                View::rules(day(on)),
                MeasureFilter::Imposed,
            )
            .unwrap()
            .into_iter()
            .map(|m| format!("{} {:?}", m.id, m.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(listed("2005-06-01"), ["m Uncertain"]);
    assert!(
        listed("1999-06-01").is_empty(),
        "{:?}",
        listed("1999-06-01")
    );
    assert_eq!(listed("2010-06-01"), ["m InForce"]);
}

fn side(image: &Image, side: &str, on: &str) -> Value {
    let d = day(on);
    let s = image
        .normalisation_index(
            st("AA"),
            st("BB"),
            d,
            d,
            day("2019-01-01"),
            Step::Days(1),
            View::rules(d),
        )
        .unwrap();
    serde_json::to_value(&s.points[0].sides[&st(side)]).unwrap()
}

/// A measure lifted before it bit takes nothing away from the others in between.
#[test]
fn a_measure_lifted_before_it_bites_leaves_the_others_counted() {
    let mut image = world();
    for v in [
        json!({"kind": "measure_imposed", "date": "2019-06-01", "measure": "standing",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "s"}),
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "m",
        "effective": "2020-06-01"}),
        json!({"kind": "measure_lifted", "date": "2020-03-01", "measure": "m"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    for on in ["2020-02-01", "2020-04-01", "2020-07-01"] {
        assert_eq!(restriction(&image, "AA", on), 2.0, "on {on}");
    }
}

/// Inside an imprecise date the index gives the range the record allows, not one figure as if
/// certain; outside it, one figure.
#[test]
fn the_index_gives_a_range_inside_an_imprecise_date() {
    let mut image = world();
    for v in [
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
        "magnitude": {"cap": 10}}),
        json!({"kind": "measure_lifted", "date": "2021-08", "measure": "m"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let inside = side(&image, "AA", "2021-08-10");
    assert_eq!(inside["restriction_range"], json!([0.0, 3.0]), "{inside}");
    let range = inside["index_range"].as_array().unwrap();
    assert!(range[0].as_f64() < range[1].as_f64(), "{inside}");
    for on in ["2021-07-31", "2021-09-01"] {
        let outside = side(&image, "AA", on);
        assert!(outside.get("restriction_range").is_none(), "{outside}");
    }
    assert_eq!(restriction(&image, "AA", "2021-07-31"), 3.0);
    assert_eq!(restriction(&image, "AA", "2021-09-01"), 0.0);
}
