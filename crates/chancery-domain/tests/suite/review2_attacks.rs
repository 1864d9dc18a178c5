//! Second outside review of the model of measures: each test states the right answer for a
//! way the record could be bent after the first review's fixes (one party holding the other's
//! corrections, withdrawn or foreign measures cited, capacities that hide a host's measure,
//! roadmaps of past days, parity and the index inside imprecise dates).

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::index::Step;
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

fn side(image: &Image, side: &str, on: &str) -> Value {
    let d = day(on);
    let s = image
        .normalisation_index(
            st("AA"),
            st("BB"),
            d,
            d,
            day("2001-01-01"),
            Step::Days(1),
            View::rules(d),
        )
        .unwrap();
    serde_json::to_value(&s.points[0].sides[&st(side)]).unwrap()
}

/// BB's m1 (recorded in error), AA's m2 answering it, then BB withdraws m1.
fn withdrawn_and_answered(image: &mut Image) -> u64 {
    let m1 = rec(
        image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m1",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
        "summary": "recorded in error"}),
    )
    .unwrap();
    rec(
        image,
        json!({"kind": "measure_imposed", "date": "2020-01-02", "measure": "m2",
        "actor": "AA", "target": "BB", "measure_kind": "visa_restriction",
        "summary": "AA answers", "answers": ["m1"]}),
    )
    .unwrap();
    rec(
        image,
        json!({"kind": "act_withdrawn", "date": "2020-01-03", "act": m1,
        "reason": "never happened"}),
    )
    .unwrap();
    m1
}

/// Once withdrawn ("this never happened"), a measure cannot be answered anew: the rules look
/// the answered id up in the map of records, which keeps withdrawn ones, and skip the date
/// check because no event is known.
#[test]
fn a_new_measure_cannot_answer_a_withdrawn_measure() {
    let mut image = world();
    withdrawn_and_answered(&mut image);
    let r = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-02-01", "measure": "m3",
        "actor": "AA", "target": "BB", "measure_kind": "travel_restriction",
        "summary": "answers what never happened", "answers": ["m1"]}),
    );
    assert!(
        r.as_ref().is_err_and(|e| e.starts_with("unknown_measure")),
        "an answer to a withdrawn measure was accepted: {r:?}"
    );
}

/// The same through a stage of a standing measure.
#[test]
fn a_stage_cannot_answer_a_withdrawn_measure() {
    let mut image = world();
    withdrawn_and_answered(&mut image);
    let r = rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2020-02-01", "measure": "m2",
        "summary": "now also answers what never happened", "answers": ["m1"]}),
    );
    assert!(
        r.as_ref().is_err_and(|e| e.starts_with("unknown_measure")),
        "a stage answering a withdrawn measure was accepted: {r:?}"
    );
}

/// The other party's answer must not block a correction of the answered measure's date any
/// more than its withdrawal: BB dated m1 wrongly; AA's answer m2 (dated the next day) makes
/// BB's correction of its own act impossible (`answers_later_act`).
#[test]
fn the_other_partys_answer_does_not_block_a_correction_of_the_date() {
    let mut image = world();
    let m1 = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m1",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
        "summary": "dated wrongly"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-02", "measure": "m2",
        "actor": "AA", "target": "BB", "measure_kind": "visa_restriction",
        "summary": "AA answers", "answers": ["m1"]}),
    )
    .unwrap();
    let fixed = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-03-01", "measure": "m1",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
        "summary": "the right date", "supersedes": m1}),
    );
    assert!(
        fixed.is_ok(),
        "BB's correction of its own act is blocked by AA's answer: {fixed:?}"
    );
}

/// A measure known only to be in force by a date is "uncertain" in the list of measures back
/// to the record's start; the index must not then give a confident figure on those days.
#[test]
fn the_index_is_uncertain_where_a_start_unknown_measure_is() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2010-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction",
        "summary": "in force by 2010", "start_unknown": true}),
    )
    .unwrap();
    let listed = image
        .measures(
            st("AA"),
            st("BB"),
            View::rules(day("2005-06-01")),
            MeasureFilter::Imposed,
        )
        .unwrap();
    assert_eq!(format!("{:?}", listed[0].status), "Uncertain");
    let s = side(&image, "AA", "2005-06-01");
    assert!(
        !s["restriction_range"].is_null(),
        "the measures list says uncertain on 2005-06-01, the index is confident: {s}"
    );
}

/// A head away from "2021-04" (imprecise) and back on 2021-04-25: from May on the head is
/// certainly present, and the index's range must close.
#[test]
fn the_index_range_closes_after_an_imprecise_absence_ends() {
    let mut image = world();
    for v in [
        json!({"kind": "hom_arrived", "date": "2005-01-01", "sending": "AA", "host": "BB",
        "person": "Ann"}),
        json!({"kind": "hom_absent", "date": "2021-04", "sending": "AA", "host": "BB",
        "person": "Ann"}),
        json!({"kind": "hom_returned", "date": "2021-04-25", "sending": "AA", "host": "BB",
        "person": "Ann"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let s = side(&image, "AA", "2022-01-01");
    assert!(
        s["restriction_range"].is_null() && !s["head_absent"].as_bool().unwrap(),
        "eight months after the head came back the index still allows an absence: {s}"
    );
}

/// Barring access to the other's premises is the host's public act like a closure or a
/// seizure; labelled a private body's, it would silently leave every verdict.
#[test]
fn a_premises_bar_cannot_be_labelled_private() {
    let mut image = world();
    let r = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "bar",
        "actor": "BB", "target": "AA", "measure_kind": "premises_access_barred",
        "summary": "access barred", "capacity": "private"}),
    );
    assert!(
        r.as_ref()
            .is_err_and(|e| e.starts_with("capacity_mismatch")),
        "{r:?}"
    );
}

fn staff_cap_dimension(image: &Image, on: &str) -> Value {
    let p = serde_json::to_value(
        image
            .parity(
                st("AA"),
                st("BB"),
                View::rules(day(on)),
                &chancery_domain::reciprocity::parity::Definition::default(),
            )
            .unwrap(),
    )
    .unwrap();
    p["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "staff_cap")
        .unwrap()
        .clone()
}

/// A cap "at parity" stands at the other mission's latest headcount; when that headcount is an
/// unconfirmed (low-confidence) report, verdicts must not rest on it by default, as they do not
/// rest on a low-confidence measure.
#[test]
fn a_cap_at_parity_does_not_rest_on_a_low_confidence_headcount() {
    let mut image = world();
    for v in [
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "aa-cap",
        "actor": "AA", "target": "BB", "measure_kind": "staff_cap", "summary": "12",
        "magnitude": {"cap": 12}}),
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "bb-par",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "at parity",
        "cap_at_parity": true}),
        json!({"kind": "staffing_reported", "date": "2020-02-01", "sending": "BB",
        "host": "AA", "posts": [], "value": 5, "bound": "exact", "counting": "all_staff",
        "confidence": "low"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let with_low = staff_cap_dimension(&image, "2020-03-01");
    let text = with_low.to_string();
    assert!(
        !text.contains("capped at 5") && !text.contains("\"value\":5") || text.contains("low"),
        "parity rests AA's cap on an unconfirmed headcount of BB's mission: {with_low:#}"
    );
}

/// A closure of the other's post cites a measure: any measure on record will do, even one the
/// other state took. AA closes BB's embassy "under" BB's own measure, and BB can then no longer
/// withdraw its act recorded in error: AA's closure holds it.
#[test]
fn a_closure_cannot_cite_the_other_states_measure_and_hold_its_withdrawal() {
    let mut image = world();
    let m1 = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m1",
        "actor": "BB", "target": "AA", "measure_kind": "visa_restriction",
        "summary": "recorded in error"}),
    )
    .unwrap();
    let closed = rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2020-02-01", "post": "bb-embassy", "by": "AA",
        "measure": "m1"}),
    );
    let withdrawn = rec(
        &mut image,
        json!({"kind": "act_withdrawn", "date": "2020-03-01", "act": m1,
        "reason": "never happened"}),
    );
    assert!(
        closed.is_err() || withdrawn.is_ok(),
        "AA's closure citing BB's measure was accepted ({closed:?}) and holds BB's withdrawal: {withdrawn:?}"
    );
}

/// A closure cannot cite a measure withdrawn as never having happened.
#[test]
fn a_closure_cannot_cite_a_withdrawn_measure() {
    let mut image = world();
    withdrawn_and_answered(&mut image);
    let closed = rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2020-02-01", "post": "aa-embassy", "by": "BB",
        "measure": "m1"}),
    );
    assert!(
        closed
            .as_ref()
            .is_err_and(|e| e.starts_with("unknown_measure")),
        "{closed:?}"
    );
}

/// Only the receiving state caps a mission or declares its members persona non grata (VCDR
/// Art. 9, 11): recorded as a local authority's or a court's, the host's own cap or expulsion
/// leaves every verdict.
#[test]
fn a_host_cannot_label_its_cap_or_expulsion_a_local_authoritys() {
    let mut image = world();
    let cap = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "cap",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
        "magnitude": {"cap": 3}, "capacity": "local_authority"}),
    );
    let png = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "png",
        "actor": "BB", "target": "AA", "measure_kind": "expulsion", "summary": "png",
        "capacity": "court"}),
    );
    let seized = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "seized",
        "actor": "BB", "target": "AA", "measure_kind": "premises_seized", "summary": "seized",
        "capacity": "local_authority"}),
    );
    assert!(
        cap.is_err() && png.is_err() && seized.is_err(),
        "cap as a local authority's: {cap:?}; expulsion as a court's: {png:?}; seizure as a local authority's: {seized:?}"
    );
}

/// A commitment cannot promise to lift a measure withdrawn as never having happened.
#[test]
fn a_commitment_cannot_promise_to_lift_a_withdrawn_measure() {
    let mut image = world();
    withdrawn_and_answered(&mut image);
    let c = rec(
        &mut image,
        json!({"kind": "commitment_made", "date": "2020-02-01", "commitment": "c1",
        "parties": ["AA", "BB"], "undertaken_by": ["BB"], "text": "lift m1", "lifts": ["m1"]}),
    );
    assert!(
        c.as_ref().is_err_and(|e| e.starts_with("unknown_measure")),
        "{c:?}"
    );
}

/// An internal measure's identifier is an oracle: the other party, recording its own internal
/// measure under the same slug, is told `duplicate_id`, and so learns that a measure it may not
/// see exists under that name.
/// Lifting a private bank's closure of accounts (recorded, not counted) changes no figure and
/// no verdict; the roadmap still says "parity changes on: banking" because the note that lists
/// it apart went away. (The demo's step "US lifts R057" reads so.)
#[test]
fn a_step_that_changes_only_a_note_does_not_change_parity() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "bank",
        "actor": "BB", "target": "AA", "measure_kind": "banking_restriction",
        "summary": "a private bank closes the accounts", "capacity": "private"}),
    )
    .unwrap();
    let r = image
        .roadmap(
            st("AA"),
            st("BB"),
            View::rules(day("2020-06-01")),
            &chancery_domain::reciprocity::parity::Definition::default(),
        )
        .unwrap();
    let r = serde_json::to_value(&r).unwrap();
    for step in r["steps"].as_array().unwrap() {
        for change in step["effect"]["parity"].as_array().unwrap() {
            let (b, a) = (&change["before"], &change["after"]);
            let figures = |d: &Value| {
                (
                    d["outcome"].clone(),
                    d["stricter"].clone(),
                    d["values"]["AA"]["number"].clone(),
                    d["values"]["BB"]["number"].clone(),
                    d["values"]["AA"]["text"].clone(),
                    d["values"]["BB"]["text"].clone(),
                )
            };
            assert_ne!(
                figures(b),
                figures(a),
                "step {} lists `{}` as changed though no figure or verdict changes",
                step["order"],
                change["key"]
            );
        }
    }
}

/// A cap "at parity" stands at the other mission's headcount: a report for one of its posts
/// (a consulate's staff) is not the mission's headcount, and must not set the cap.
#[test]
fn a_cap_at_parity_is_not_set_by_one_posts_headcount() {
    let mut image = world();
    for v in [
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "bb-consulate",
        "sending": "BB", "host": "AA", "post_kind": "consulate", "name": "Bland Consulate",
        "city": "A Port"}),
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "bb-par",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "at parity",
        "cap_at_parity": true}),
        json!({"kind": "staffing_reported", "date": "2020-02-01", "sending": "BB",
        "host": "AA", "posts": ["bb-consulate"], "value": 3, "bound": "exact",
        "counting": "all_staff"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let d = staff_cap_dimension(&image, "2020-03-01");
    assert_ne!(
        d["values"]["AA"]["number"],
        json!(3),
        "AA's whole mission is capped at the staff of one consulate of BB's: {d:#}"
    );
}

/// A commitment cannot promise to lift an event; correcting the promised measure into an event
/// gets round that, and leaves a commitment that can never be kept.
#[test]
fn a_promised_measure_cannot_be_corrected_into_an_event() {
    let mut image = world();
    let m = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction", "summary": "m"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "commitment_made", "date": "2020-02-01", "commitment": "c1",
        "parties": ["AA", "BB"], "undertaken_by": ["BB"], "text": "lift m", "lifts": ["m"]}),
    )
    .unwrap();
    let corrected = rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction", "summary": "m",
        "character": "event", "supersedes": m}),
    );
    assert!(
        corrected.is_err(),
        "a measure promised lifted became an event: {corrected:?}"
    );
}

fn parity_dimension(image: &Image, on: &str, key: &str) -> Value {
    let p = serde_json::to_value(
        image
            .parity(
                st("AA"),
                st("BB"),
                View::rules(day(on)),
                &chancery_domain::reciprocity::parity::Definition::default(),
            )
            .unwrap(),
    )
    .unwrap();
    p["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .unwrap()
        .clone()
}

/// "Announced, not yet in force" is its own state, shown as such everywhere: between the
/// decision and the day a ban bites, parity reads "no limit" with not a word of it (the demo's
/// R042 on 2021-05-01 reads so).
#[test]
fn parity_shows_an_announced_ban() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "ban",
        "actor": "BB", "target": "AA", "measure_kind": "local_staff_limit",
        "summary": "no local staff from June", "magnitude": {"cap": 0},
        "effective": "2020-06-01"}),
    )
    .unwrap();
    let d = parity_dimension(&image, "2020-03-01", "local_staff");
    assert!(
        d["values"]["AA"].to_string().contains("announced"),
        "the ban announced for 2020-06-01 is not shown on 2020-03-01: {d:#}"
    );
}

/// A head away from "2021-04" is uncertain on 10 April; the head-of-mission verdict must not
/// then say that mission "is without its head" (the demo's US side on 2021-04-10 reads so).
#[test]
fn the_head_verdict_does_not_state_an_uncertain_absence_as_fact() {
    let mut image = world();
    for v in [
        json!({"kind": "hom_arrived", "date": "2005-01-01", "sending": "AA", "host": "BB",
        "person": "Ann"}),
        json!({"kind": "hom_arrived", "date": "2005-01-01", "sending": "BB", "host": "AA",
        "person": "Bob"}),
        json!({"kind": "hom_absent", "date": "2021-03-20", "sending": "BB", "host": "AA",
        "person": "Bob"}),
        json!({"kind": "hom_absent", "date": "2021-04", "sending": "AA", "host": "BB",
        "person": "Ann"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let d = parity_dimension(&image, "2021-04-10", "head_of_mission");
    assert_eq!(d["values"]["AA"]["status"], "uncertain", "{d:#}");
    let comparison = d["comparison"].as_str().unwrap();
    assert!(
        !comparison.contains("the BB and the AA mission is without its head")
            && !comparison.contains("the AA and the BB mission is without its head"),
        "an uncertain absence is stated as fact: {comparison}"
    );
}

/// The roadmap lists announced measures (they would bite after it), but today's index does
/// not count them; each step's index is today's minus the weights it lifts, so lifting an
/// announced measure takes the points of measures still in force away. (The demo's roadmap of
/// 2021-06-01: "RU lifts R042 ... No dimension of parity changes ... index after 75.6 (+7.7)".)
#[test]
fn lifting_an_announced_measure_in_the_roadmap_does_not_move_todays_index() {
    let mut image = world();
    for v in [
        json!({"kind": "measure_imposed", "date": "2019-01-01", "measure": "now",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction", "summary": "now"}),
        json!({"kind": "measure_imposed", "date": "2020-01-15", "measure": "later",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "later",
        "magnitude": {"cap": 5}, "effective": "2020-06-01"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let r = image
        .roadmap(
            st("AA"),
            st("BB"),
            View::rules(day("2020-03-01")),
            &chancery_domain::reciprocity::parity::Definition::default(),
        )
        .unwrap();
    let r = serde_json::to_value(&r).unwrap();
    let mut previous = 0.0;
    for step in r["steps"].as_array().unwrap() {
        let change = step["effect"]["index_change"]["AA"].as_f64().unwrap();
        let lifts: Vec<String> = step["lift"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                m["measure"]["id"]
                    .as_str()
                    .or(m["id"].as_str())
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        if lifts.iter().any(|id| id == "later") {
            assert_eq!(
                change, previous,
                "lifting the announced cap moves AA's index today: {step:#}"
            );
        }
        previous = change;
    }
}

/// A roadmap of a past day lifts each measure the day after, on a copy that holds the whole
/// record: a measure with a later stage or a later real lifting cannot be lifted there, the
/// refusal is ignored, and the roadmap ends with the measure still standing while its index
/// already took its weight away. (The demo's roadmap of 2021-06-01 ends with one measure in
/// force: R042, whose later stage holds the hypothetical lifting.)
#[test]
fn a_past_roadmap_unwinds_measures_that_later_changed() {
    let mut image = world();
    for v in [
        json!({"kind": "measure_imposed", "date": "2019-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction", "summary": "m"}),
        json!({"kind": "measure_amended", "date": "2020-05-01", "measure": "m",
        "summary": "tightened", "magnitude": {"km": 25}}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let r = image
        .roadmap(
            st("AA"),
            st("BB"),
            View::rules(day("2020-03-01")),
            &chancery_domain::reciprocity::parity::Definition::default(),
        )
        .unwrap();
    let r = serde_json::to_value(&r).unwrap();
    let last = r["steps"].as_array().unwrap().last().expect("a step");
    assert_eq!(
        last["effect"]["measures_in_force_after"],
        json!(0),
        "the roadmap's last step leaves a measure standing: {last:#}"
    );
}

/// Before the day a measure is known to be in force by (`start_unknown`), the list of measures
/// says "uncertain"; parity says "none in force" with not a word of it.
#[test]
fn parity_is_not_confident_where_a_start_unknown_measure_may_be_in_force() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2010-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction",
        "summary": "in force by 2010", "start_unknown": true}),
    )
    .unwrap();
    let d = parity_dimension(&image, "2005-06-01", "travel");
    let aa = d["values"]["AA"].to_string();
    assert!(
        aa.contains("uncertain") || d["outcome"] != "equal",
        "parity is confident on 2005-06-01: {d:#}"
    );
}

/// Inside an imprecise expiry ("2020-06") a measure is uncertain; parity must say so rather
/// than count it, or drop it, as if certain.
#[test]
fn parity_is_not_confident_inside_an_imprecise_expiry() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2020-01-01", "measure": "m",
        "actor": "BB", "target": "AA", "measure_kind": "travel_restriction",
        "summary": "lapses in June", "expires": "2020-06"}),
    )
    .unwrap();
    let d = parity_dimension(&image, "2020-06-15", "travel");
    assert!(
        d["values"]["AA"].to_string().contains("uncertain"),
        "parity is confident on 2020-06-15: {d:#}"
    );
}

/// A chargé d'affaires with no absence on record shows the head away, its start unknown
/// (`absence_unreported`); the index, which follows only recorded absences, counts the head
/// present and gives one confident figure.
#[test]
fn the_index_follows_an_absence_known_only_through_a_charge() {
    let mut image = world();
    for v in [
        json!({"kind": "hom_arrived", "date": "2005-01-01", "sending": "AA", "host": "BB",
        "person": "Ann"}),
        json!({"kind": "charge_assumed", "date": "2020-03-01", "sending": "AA", "host": "BB",
        "person": "Carl"}),
    ] {
        rec(&mut image, v).unwrap();
    }
    let head = parity_dimension(&image, "2020-04-01", "head_of_mission");
    assert_ne!(head["values"]["AA"]["status"], "present", "{head:#}");
    let s = side(&image, "AA", "2020-04-01");
    assert!(
        s["head_absent"].as_bool().unwrap() || !s["restriction_range"].is_null(),
        "the head is away (a chargé acts) and the index counts the head present: {s}"
    );
}
