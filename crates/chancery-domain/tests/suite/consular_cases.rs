//! Nationals' cases on hand-made histories: the steps a case may take, the clocks at exactly a
//! treaty's bound (US–Russia: notification within 3 days, access within 4), "without delay"
//! elsewhere, a denial of access that must be a measure, and cases kept from the other party.

use chancery_domain::access::Reader;
use chancery_domain::consular::cases::{ClockName, ClockStatus, ConsularCases};
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::rules::RuleCode;
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

const US: Value = Value::Null;

fn internal_us() -> Value {
    json!({"internal": "US"})
}

/// The US and Russia with a US embassy in Moscow; and France, for a pair with no treaty.
fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "state_registered", "date": "2000", "state": "FR", "name": "France"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
    ] {
        rec(&mut image, v);
    }
    image
}

fn rec(image: &mut Image, v: Value) -> u64 {
    try_rec(image, v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn try_rec(image: &mut Image, v: Value) -> Result<u64, chancery_domain::RuleViolation> {
    image.record(&act(v), 0)
}

/// A US national arrested in Moscow on 1 March 2024, internal to the US ministry.
fn arrest(image: &mut Image, case: &str) {
    rec(
        image,
        json!({"kind": "case_opened", "date": "2024-03-01", "case": case, "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
               "visibility": internal_us()}),
    );
}

fn step(image: &mut Image, case: &str, date: &str, step: &str) {
    rec(
        image,
        json!({"kind": "case_step", "date": date, "case": case, "step": step,
               "visibility": internal_us()}),
    );
}

fn cases(image: &Image, on: &str, reader: Reader) -> ConsularCases {
    image
        .consular_cases(
            st("US"),
            st("RU"),
            View::new(day(on), Through::WholeRecord, reader),
        )
        .unwrap()
}

fn clock(image: &Image, on: &str, name: ClockName) -> (ClockStatus, i64) {
    let c = cases(image, on, Reader::Party(st("US")));
    let k = c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == name)
        .unwrap_or_else(|| panic!("no clock {name:?}"));
    (k.status, k.days_passed)
}

#[test]
fn notification_is_overdue_only_after_the_third_day() {
    let mut image = world();
    arrest(&mut image, "c1");
    let n = ClockName::ConsularNotification;
    assert_eq!(clock(&image, "2024-03-01", n), (ClockStatus::Running, 0));
    // Day 3 (4 March): still within "one to three days".
    assert_eq!(clock(&image, "2024-03-04", n), (ClockStatus::Running, 3));
    // Day 4: overdue.
    assert_eq!(clock(&image, "2024-03-05", n), (ClockStatus::Overdue, 4));
    let c = cases(&image, "2024-03-05", Reader::Party(st("US")));
    assert!(c.cases[0].overdue);
    assert_eq!(c.treaty.map(|t| t.notification_days), Some(3));
}

#[test]
fn notification_on_the_third_day_is_on_time_and_on_the_fourth_late() {
    let mut image = world();
    arrest(&mut image, "c1");
    step(&mut image, "c1", "2024-03-04", "consulate_notified");
    let n = ClockName::ConsularNotification;
    assert_eq!(clock(&image, "2024-03-10", n), (ClockStatus::Met, 3));
    let mut late = world();
    arrest(&mut late, "c2");
    step(&mut late, "c2", "2024-03-05", "consulate_notified");
    assert_eq!(clock(&late, "2024-03-10", n), (ClockStatus::MetLate, 4));
    // On day 3 the late act is still to come: the clock runs.
    assert_eq!(clock(&late, "2024-03-04", n), (ClockStatus::Running, 3));
}

#[test]
fn access_is_due_within_four_days_by_a_grant_or_a_visit() {
    let mut image = world();
    arrest(&mut image, "c1");
    let a = ClockName::ConsularAccess;
    assert_eq!(clock(&image, "2024-03-05", a), (ClockStatus::Running, 4));
    assert_eq!(clock(&image, "2024-03-06", a), (ClockStatus::Overdue, 5));
    step(&mut image, "c1", "2024-03-05", "visit");
    assert_eq!(clock(&image, "2024-03-06", a), (ClockStatus::Met, 4));
}

#[test]
fn a_release_within_the_bound_stops_the_clock() {
    let mut image = world();
    arrest(&mut image, "c1");
    step(&mut image, "c1", "2024-03-02", "released");
    let n = ClockName::ConsularNotification;
    assert_eq!(clock(&image, "2024-04-01", n), (ClockStatus::Stopped, 1));
    // Released after the bound, never notified: the breach stays on record as missed, no
    // longer a live (overdue) clock.
    let mut late = world();
    arrest(&mut late, "c2");
    step(&mut late, "c2", "2024-03-09", "released");
    assert_eq!(clock(&late, "2024-04-01", n), (ClockStatus::Missed, 8));
}

#[test]
fn without_a_treaty_notification_is_without_delay_and_never_overdue() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "case_opened", "date": "2024-03-01", "case": "f1", "national_of": "FR",
               "held_in": "RU", "case_kind": "detention", "city": "Kazan",
               "visibility": {"internal": "FR"}}),
    );
    let c = image
        .consular_cases(
            st("FR"),
            st("RU"),
            View::new(
                day("2024-06-01"),
                Through::WholeRecord,
                Reader::Party(st("FR")),
            ),
        )
        .unwrap();
    assert!(c.treaty.is_none());
    let k = &c.cases[0].clocks;
    let n = k
        .iter()
        .find(|k| k.clock == ClockName::ConsularNotification)
        .unwrap();
    assert!(n.without_delay);
    assert_eq!(n.bound_days, None);
    assert_eq!(n.status, ClockStatus::Running);
    assert_eq!(n.days_passed, 92);
    assert!(!c.cases[0].overdue);
}

#[test]
fn a_death_has_a_notification_clock_and_an_emergency_none() {
    let mut image = world();
    for (case, kind) in [("d1", "death"), ("e1", "emergency")] {
        rec(
            &mut image,
            json!({"kind": "case_opened", "date": "2024-03-01", "case": case,
                   "national_of": "US", "held_in": "RU", "case_kind": kind, "city": "Sochi",
                   "visibility": internal_us()}),
        );
    }
    let c = cases(&image, "2024-03-20", Reader::Party(st("US")));
    let clocks: Vec<Vec<ClockName>> = c
        .cases
        .iter()
        .map(|c| c.clocks.iter().map(|k| k.clock).collect())
        .collect();
    assert_eq!(clocks, vec![vec![ClockName::ConsularNotification], vec![]]);
}

#[test]
fn cases_are_invisible_to_the_other_party_and_the_public() {
    let mut image = world();
    arrest(&mut image, "c1");
    assert_eq!(
        cases(&image, "2024-03-05", Reader::Party(st("US")))
            .cases
            .len(),
        1
    );
    assert!(cases(&image, "2024-03-05", Reader::Party(st("RU")))
        .cases
        .is_empty());
    assert!(cases(&image, "2024-03-05", Reader::Public).cases.is_empty());
    assert!(cases(&image, "2024-03-05", Reader::Mediator)
        .cases
        .is_empty());
}

#[test]
fn a_case_is_internal_unless_publicly_reported_with_sources() {
    let mut image = world();
    let opened = |visibility: Value, public_report: bool, sources: Value| {
        json!({"kind": "case_opened", "date": "2024-03-01", "case": "p1", "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "visibility": visibility,
               "public_report": public_report, "sources": sources})
    };
    for (visibility, report, sources) in [
        (US, false, json!([])),
        (json!("public"), true, json!([])),
        (json!("bilateral"), true, json!(["https://example.org/a"])),
        (json!({"internal": "RU"}), false, json!([])),
    ] {
        let mut v = opened(visibility, report, sources);
        if v["visibility"].is_null() {
            v.as_object_mut().unwrap().remove("visibility");
        }
        let e = try_rec(&mut image, v.clone()).expect_err(&v.to_string());
        assert_eq!(e.code, RuleCode::CasePersonalData, "{v}");
        assert_eq!(e.field, Some("visibility"));
    }
    rec(
        &mut image,
        opened(json!("public"), true, json!(["https://example.org/a"])),
    );
    assert_eq!(cases(&image, "2024-03-05", Reader::Public).cases.len(), 1);
}

#[test]
fn nothing_follows_a_closing_and_only_closing_a_release() {
    let mut image = world();
    arrest(&mut image, "c1");
    step(&mut image, "c1", "2024-03-02", "charged");
    step(&mut image, "c1", "2024-05-01", "exchanged");
    let refused = |image: &mut Image, date: &str, s: &str| {
        try_rec(
            image,
            json!({"kind": "case_step", "date": date, "case": "c1", "step": s,
                   "visibility": internal_us()}),
        )
        .expect_err(s)
        .code
    };
    assert_eq!(
        refused(&mut image, "2024-05-02", "visit"),
        RuleCode::CaseClosed
    );
    step(&mut image, "c1", "2024-05-03", "closed");
    assert_eq!(
        refused(&mut image, "2024-05-04", "closed"),
        RuleCode::CaseClosed
    );
    // A step dated before the case opened.
    assert_eq!(
        refused(&mut image, "2024-02-01", "charged"),
        RuleCode::ActBeforeSubjectExists
    );
    // An unknown case.
    let e = try_rec(
        &mut image,
        json!({"kind": "case_step", "date": "2024-03-02", "case": "nope", "step": "visit",
               "visibility": internal_us()}),
    )
    .unwrap_err();
    assert_eq!(e.code, RuleCode::UnknownCase);
}

#[test]
fn a_denial_of_access_names_the_hosts_measure() {
    let mut image = world();
    arrest(&mut image, "c1");
    let denied = |measure: Option<&str>| {
        let mut v = json!({"kind": "case_step", "date": "2024-03-03", "case": "c1",
                           "step": "access_denied", "visibility": internal_us()});
        if let Some(m) = measure {
            v["measure"] = json!(m);
        }
        v
    };
    let e = try_rec(&mut image, denied(None)).unwrap_err();
    assert_eq!(
        (e.code, e.field),
        (RuleCode::CaseDenialNeedsMeasure, Some("measure"))
    );
    // A measure of another kind is not a denial.
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2024-03-03", "measure": "m-travel",
               "actor": "RU", "target": "US", "measure_kind": "travel_restriction",
               "summary": "travel notice"}),
    );
    let e = try_rec(&mut image, denied(Some("m-travel"))).unwrap_err();
    assert_eq!(e.code, RuleCode::CaseDenialNeedsMeasure);
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2024-03-03", "measure": "m-denied",
               "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
               "summary": "consular access to a detained national refused"}),
    );
    rec(&mut image, denied(Some("m-denied")));
    // Only a denial names a measure.
    let e = try_rec(
        &mut image,
        json!({"kind": "case_step", "date": "2024-03-04", "case": "c1", "step": "visit",
               "measure": "m-denied", "visibility": internal_us()}),
    )
    .unwrap_err();
    assert_eq!(e.code, RuleCode::CaseDenialNeedsMeasure);
    let c = cases(&image, "2024-03-10", Reader::Party(st("US")));
    assert_eq!(
        c.cases[0].steps[0].measure.as_ref().map(|m| m.as_str()),
        Some("m-denied")
    );
    // A denial does not meet the access clock.
    let k = c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == ClockName::ConsularAccess)
        .unwrap();
    assert_eq!(k.status, ClockStatus::Overdue);
}

#[test]
fn a_post_must_be_the_nationals_states_in_the_host() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "ru-emb", "sending": "RU",
               "host": "US", "post_kind": "embassy", "name": "Russian Embassy",
               "city": "Washington"}),
    );
    let e = try_rec(
        &mut image,
        json!({"kind": "case_opened", "date": "2024-03-01", "case": "c1", "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "ru-emb",
               "visibility": internal_us()}),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field),
        (RuleCode::PostNotInRelation, Some("post"))
    );
}

/// Replay equals record for cases; a step withdrawn counts no more (the clock runs again); a
/// corrected opening keeps its case; a case with steps cannot be withdrawn before them.
#[test]
fn cases_replay_withdraw_and_correct_like_every_record() {
    let mut image = world();
    let mut journal: Vec<Value> = vec![
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "state_registered", "date": "2000", "state": "FR", "name": "France"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
    ];
    let opened = json!({"kind": "case_opened", "date": "2024-03-01", "case": "c1",
                        "national_of": "US", "held_in": "RU", "case_kind": "arrest",
                        "city": "Moscow", "visibility": internal_us()});
    let opened_seq = rec(&mut image, opened.clone());
    journal.push(opened);
    let notified = json!({"kind": "case_step", "date": "2024-03-02", "case": "c1",
                          "step": "consulate_notified", "visibility": internal_us()});
    let step_seq = rec(&mut image, notified.clone());
    journal.push(notified);
    let n = ClockName::ConsularNotification;
    assert_eq!(clock(&image, "2024-03-10", n).0, ClockStatus::Met);
    // The case cannot go while its step stands.
    let withdraw = |seq: u64| {
        json!({"kind": "act_withdrawn", "date": "2024-03-10", "act": seq,
               "reason": "recorded in error", "visibility": internal_us()})
    };
    assert!(try_rec(&mut image, withdraw(opened_seq)).is_err());
    rec(&mut image, withdraw(step_seq));
    journal.push(withdraw(step_seq));
    assert_eq!(clock(&image, "2024-03-10", n).0, ClockStatus::Overdue);
    let corrected = json!({"kind": "case_opened", "date": "2024-03-01", "case": "c1",
                           "national_of": "US", "held_in": "RU", "case_kind": "detention",
                           "city": "Moscow", "supersedes": opened_seq,
                           "visibility": internal_us()});
    rec(&mut image, corrected.clone());
    journal.push(corrected);
    let c = cases(&image, "2024-03-10", Reader::Party(st("US")));
    assert_eq!(c.cases.len(), 1);
    assert_eq!(
        c.cases[0].case_kind,
        chancery_domain::vocab::CaseKind::Detention
    );
    let replayed = Image::replay(
        journal
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, 0, act(v))),
    )
    .unwrap();
    assert_eq!(replayed, image);
}
