//! Review 4: attacks on nationals' cases (personal data, clocks, rule bypasses), each test the
//! right answer for one attack.

use chancery_domain::access::Reader;
use chancery_domain::consular::cases::{ClockName, ClockStatus, ConsularCases};
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

fn internal_us() -> Value {
    json!({"internal": "US"})
}

fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
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

fn opened(case: &str, date: &str) -> Value {
    json!({"kind": "case_opened", "date": date, "case": case, "national_of": "US",
           "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
           "visibility": internal_us()})
}

fn step(case: &str, date: &str, s: &str) -> Value {
    json!({"kind": "case_step", "date": date, "case": case, "step": s,
           "visibility": internal_us()})
}

fn cases(image: &Image, on: &str) -> ConsularCases {
    image
        .consular_cases(
            st("US"),
            st("RU"),
            View::new(day(on), Through::WholeRecord, Reader::Party(st("US"))),
        )
        .unwrap()
}

fn clock(image: &Image, on: &str, name: ClockName) -> (ClockStatus, i64) {
    let c = cases(image, on);
    let k = c.cases[0].clocks.iter().find(|k| k.clock == name).unwrap();
    (k.status, k.days_passed)
}

/// The host records a denial measure; the US names it in an internal `access_denied` step;
/// the host then withdraws its (bilateral) measure. Either the withdrawal is refused without a
/// word about the hidden case, or the case must not keep naming a withdrawn measure silently.
/// The host corrects its denial measure into another kind after the US named it: the case's
/// rule (the measure is a `consular_access_denied` of the host) no longer holds.
/// A notification known only to the month ("March 2024") for an arrest on 1 March cannot be
/// recorded at all (act_before_subject_exists), and it must not then be called `met` on time.
/// An arrest known only to the month ("March 2024"): a notification on a precise day of that
/// month must be recordable.
#[test]
fn r4_precise_step_in_an_imprecise_arrest_month_is_accepted() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03"));
    rec(&mut image, step("c1", "2024-03-20", "consulate_notified"));
    let (status, days) = clock(&image, "2024-04-10", ClockName::ConsularNotification);
    // Arrested between 1 and 20 March, due between 4 and 23 March: notified on the 20th may be
    // on time or late, and the clock says so rather than "met".
    assert_eq!(status, ClockStatus::MetUncertain);
    assert!(days >= 0);
}

/// A step dated to a month that begins before the case's (precise) opening: accepted or
/// refused, the clock must never show negative days passed.
#[test]
fn r4_imprecise_step_before_the_opening_day() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-05"));
    let r = image.record(&act(step("c1", "2024-03", "consulate_notified")), 0);
    if r.is_ok() {
        let (status, days) = clock(&image, "2024-04-10", ClockName::ConsularNotification);
        assert!(days >= 0, "days passed {days} (status {status:?})");
    }
}

/// The case opened with only a year ("2024": the arrest date unknown). The deadline runs from
/// 31 December, but the view on 10 January of the next year while nothing is recorded…
/// and before that day the clock must not be overdue; days passed must not be from 1 January
/// as if the arrest were known.
#[test]
fn r4_case_with_unknown_arrest_day_is_not_overdue_within_the_year() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024"));
    let (status, _) = clock(&image, "2024-06-01", ClockName::ConsularNotification);
    assert_ne!(status, ClockStatus::Overdue);
    // The case is in the view in June although its arrest may be in December.
    assert_eq!(cases(&image, "2024-06-01").cases.len(), 1);
}

/// A case id the other party may guess: RU opening its own case under an id the US took for an
/// internal case learns the US case exists (DuplicateId) — personal data by error code.
/// After `released`, nothing but `closed`: but a step dated *before* the release, recorded
/// afterwards, is still welcome (order of dates, not of recording).
#[test]
fn r4_backdated_visit_before_release_is_accepted_and_meets_access() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01"));
    rec(&mut image, step("c1", "2024-03-20", "released"));
    rec(&mut image, step("c1", "2024-03-04", "visit"));
    assert_eq!(
        clock(&image, "2024-04-01", ClockName::ConsularAccess).0,
        ClockStatus::Met
    );
    // A release inserted before an existing visit must be refused.
    let r = image.record(&act(step("c1", "2024-03-02", "released")), 0);
    assert!(r.is_err(), "release dated before a recorded visit accepted");
}

/// A denial step naming a measure imposed only after the step's date.
#[test]
fn r4_denial_names_a_measure_imposed_later() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2024-04-10", "measure": "m-denied",
               "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
               "summary": "consular access refused", "visibility": "bilateral"}),
    );
    rec(&mut image, opened("c1", "2024-03-01"));
    let mut s = step("c1", "2024-03-03", "access_denied");
    s["measure"] = json!("m-denied");
    assert!(
        image.record(&act(s), 0).is_err(),
        "a denial on 3 March names a measure that begins on 10 April"
    );
}

/// The host guesses a case id and records a step on it, as the app does for a party ministry
/// (its act about the US's case becomes its claim): a hidden case and no case at all must be
/// refused alike (same code, same field, same message but for the id).
#[test]
fn r4_step_on_hidden_case_and_on_no_case_are_refused_alike() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01"));
    let ru = Reader::Party(st("RU"));
    let probe = |image: &mut Image, case: &str, claimed: bool| {
        let mut v = json!({"kind": "case_step", "date": "2024-03-02", "case": case,
                           "step": "visit", "visibility": {"internal": "RU"}});
        if claimed {
            v["claimed_by"] = json!("RU");
        }
        let a = act(v);
        let acting = image.acting_states(&a.body);
        let e = image.record_by(&a, 0, ru).unwrap_err();
        (acting, e.code, e.field, e.to_string().replace(case, "X"))
    };
    // The app turns an act the party may not record into its claim when `acting` names the
    // other state: that decision is itself made on the hidden case.
    let hidden = probe(&mut image, "c1", true);
    let none = probe(&mut image, "c9", false);
    // (acting_states differs too: [US] vs [], but the app only uses it to mark a claim.)
    assert_eq!((hidden.1, hidden.2, &hidden.3), (none.1, none.2, &none.3));
}

/// The US ministry alone records a denial: the host's measure can only be the US's claim (the
/// app turns the other state's act into a claim). The denial step must be recordable.
/// A national released (and the case closed) after the notification deadline passed unmet: the
/// breach stays on record, but the case is no longer a live overdue clock for the alerts.
#[test]
fn r4_closed_case_is_not_overdue_forever() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01"));
    rec(&mut image, step("c1", "2024-03-20", "released"));
    rec(&mut image, step("c1", "2024-03-21", "closed"));
    let c = cases(&image, "2026-01-01");
    assert!(
        !c.cases[0].overdue,
        "a case closed in 2024 is still `overdue: true` in 2026: {:?}",
        c.cases[0]
            .clocks
            .iter()
            .map(|k| k.status)
            .collect::<Vec<_>>()
    );
}
