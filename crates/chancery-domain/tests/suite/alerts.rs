//! A relation's alerts on hand-made histories: a consular clock gives an alert on the first
//! day after its deadline and not the day before, is "due" on its last day or the day before,
//! gives none once met, missed or without a fixed deadline, and none to a reader who may not
//! see the case. Most urgent first.

use chancery_domain::access::Reader;
use chancery_domain::alerts::{AlertKind, AlertSubject, RelationAlerts, Severity};
use chancery_domain::consular::cases::ClockName;
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

/// The US and Russia (a treaty: notification within 3 days, access within 4) with a US
/// embassy in Moscow; and France, with no treaty.
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

fn rec(image: &mut Image, v: Value) {
    image
        .record(&act(v.clone()), 0)
        .unwrap_or_else(|e| panic!("{v}: {e}"));
}

/// A US national arrested in Moscow on `date`, internal to the US ministry.
fn arrest(image: &mut Image, case: &str, date: &str) {
    rec(
        image,
        json!({"kind": "case_opened", "date": date, "case": case, "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
               "visibility": {"internal": "US"}}),
    );
}

fn step(image: &mut Image, case: &str, date: &str, step: &str) {
    rec(
        image,
        json!({"kind": "case_step", "date": date, "case": case, "step": step,
               "visibility": {"internal": "US"}}),
    );
}

fn alerts_as(image: &Image, on: &str, reader: Reader) -> RelationAlerts {
    image
        .alerts(
            st("US"),
            st("RU"),
            View::new(day(on), Through::WholeRecord, reader),
        )
        .unwrap()
}

fn alerts(image: &Image, on: &str) -> RelationAlerts {
    alerts_as(image, on, Reader::Party(st("US")))
}

/// (kind, clock, days overdue) of each alert, in order.
fn summary(a: &RelationAlerts) -> Vec<(AlertKind, ClockName, u32)> {
    a.alerts
        .iter()
        .map(|x| match &x.subject {
            AlertSubject::ConsularClock { clock, .. } => (x.kind, *clock, x.days_overdue),
            other => panic!("not a clock: {other:?}"),
        })
        .collect()
}

const OVERDUE: AlertKind = AlertKind::ConsularClockOverdue;
const DUE: AlertKind = AlertKind::ConsularClockDue;
const NOTIFICATION: ClockName = ClockName::ConsularNotification;
const ACCESS: ClockName = ClockName::ConsularAccess;

#[test]
fn a_clock_is_overdue_from_the_day_after_its_bound_and_not_before() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03-01");
    // Day 1: nothing due yet (notification by 4 March, access by 5 March).
    assert!(alerts(&image, "2024-03-02").alerts.is_empty());
    // 3 March: notification due tomorrow.
    assert_eq!(
        summary(&alerts(&image, "2024-03-03")),
        [(DUE, NOTIFICATION, 0)]
    );
    // 4 March, day 3: notification's last day on time, access's eve; none overdue.
    assert_eq!(
        summary(&alerts(&image, "2024-03-04")),
        [(DUE, NOTIFICATION, 0), (DUE, ACCESS, 0)]
    );
    // 5 March, day 4: notification overdue by a day, first; access due today.
    let on5 = alerts(&image, "2024-03-05");
    assert_eq!(
        summary(&on5),
        [(OVERDUE, NOTIFICATION, 1), (DUE, ACCESS, 0)]
    );
    let first = &on5.alerts[0];
    assert_eq!(first.severity, Severity::Urgent);
    assert_eq!(first.due, day("2024-03-04"));
    assert_eq!(first.subject.post().map(|p| p.as_str()), Some("us-emb"));
    assert!(
        first.text.contains("overdue by 1 day") && first.text.contains("c1"),
        "{}",
        first.text
    );
    assert_eq!(on5.alerts[1].severity, Severity::Warning);
    assert_eq!(on5.as_of, day("2024-03-05"));
    // 7 March: both overdue, the longer first.
    assert_eq!(
        summary(&alerts(&image, "2024-03-07")),
        [(OVERDUE, NOTIFICATION, 3), (OVERDUE, ACCESS, 2)]
    );
}

#[test]
fn a_met_clock_gives_no_alert() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03-01");
    step(&mut image, "c1", "2024-03-02", "consulate_notified");
    step(&mut image, "c1", "2024-03-06", "visit");
    // Access was met late, notification on time: neither is an alert afterwards.
    assert!(alerts(&image, "2024-03-10").alerts.is_empty());
    // On access's last day on time, before the late visit: only its "due" alert.
    assert_eq!(summary(&alerts(&image, "2024-03-05")), [(DUE, ACCESS, 0)]);
}

#[test]
fn a_missed_clock_is_history_not_an_alert() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03-01");
    step(&mut image, "c1", "2024-03-09", "released");
    assert_eq!(summary(&alerts(&image, "2024-03-08")).len(), 2);
    assert!(alerts(&image, "2024-03-09").alerts.is_empty());
}

#[test]
fn the_other_party_the_public_and_a_mediator_get_no_alert_of_an_internal_case() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03-01");
    assert_eq!(alerts(&image, "2024-03-10").alerts.len(), 2);
    for reader in [Reader::Party(st("RU")), Reader::Public, Reader::Mediator] {
        assert!(
            alerts_as(&image, "2024-03-10", reader).alerts.is_empty(),
            "{reader:?}"
        );
    }
}

#[test]
fn an_arrest_dated_by_month_is_overdue_only_after_the_months_last_day_plus_the_bound() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03");
    assert!(!summary(&alerts(&image, "2024-04-03")).contains(&(OVERDUE, NOTIFICATION, 0)));
    // Between the deadline counted from 1 March and the one from 31 March, the record cannot
    // tell: "may be overdue", a warning, never "overdue".
    let between = alerts(&image, "2024-04-03");
    assert!(!between.alerts.is_empty());
    for a in &between.alerts {
        assert_eq!(a.kind, AlertKind::ConsularClockMayBeOverdue, "{}", a.text);
        assert_eq!(a.severity, Severity::Warning);
    }
    assert!(
        between.alerts[0]
            .text
            .contains("between 2024-03-04 and 2024-04-03"),
        "{}",
        between.alerts[0].text
    );
    assert_eq!(
        summary(&alerts(&image, "2024-04-04"))[0],
        (OVERDUE, NOTIFICATION, 1)
    );
}

#[test]
fn without_a_treaty_no_clock_has_a_deadline_so_none_alerts() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "case_opened", "date": "2024-03-01", "case": "fr1", "national_of": "FR",
               "held_in": "RU", "case_kind": "detention", "city": "Moscow",
               "visibility": {"internal": "FR"}}),
    );
    let a = image
        .alerts(
            st("FR"),
            st("RU"),
            View::new(
                day("2025-01-01"),
                Through::WholeRecord,
                Reader::Party(st("FR")),
            ),
        )
        .unwrap();
    assert!(a.alerts.is_empty(), "{:?}", a.alerts);
}

#[test]
fn longer_overdue_cases_come_first_and_an_unknown_state_is_an_error() {
    let mut image = world();
    arrest(&mut image, "later", "2024-03-03");
    arrest(&mut image, "earlier", "2024-03-01");
    let a = alerts(&image, "2024-03-20");
    let cases: Vec<&str> = a
        .alerts
        .iter()
        .map(|x| match &x.subject {
            AlertSubject::ConsularClock { case, .. } => case.as_str(),
            other => panic!("not a clock: {other:?}"),
        })
        .collect();
    assert_eq!(cases, ["earlier", "earlier", "later", "later"]);
    assert!(image
        .alerts(
            st("US"),
            st("ZZ"),
            View::new(
                day("2024-03-20"),
                Through::WholeRecord,
                Reader::Party(st("US"))
            ),
        )
        .is_err());
}

#[test]
fn alerts_serialise_with_snake_case_kinds_and_a_tagged_subject() {
    let mut image = world();
    arrest(&mut image, "c1", "2024-03-01");
    let v = serde_json::to_value(alerts(&image, "2024-03-05")).unwrap();
    assert_eq!(v["as_of"], "2024-03-05");
    assert_eq!(v["alerts"][0]["kind"], "consular_clock_overdue");
    assert_eq!(v["alerts"][0]["severity"], "urgent");
    assert_eq!(v["alerts"][0]["subject"]["type"], "consular_clock");
    assert_eq!(v["alerts"][0]["subject"]["case"], "c1");
    assert_eq!(v["alerts"][0]["subject"]["clock"], "consular_notification");
    assert_eq!(v["alerts"][0]["subject"]["post"], "us-emb");
    assert_eq!(v["alerts"][1]["kind"], "consular_clock_due");
}
