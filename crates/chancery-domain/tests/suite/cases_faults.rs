//! Faults left on nationals' cases by the fourth review: a denial measure withdrawn or
//! corrected under a case that names it, a denial known only as the ministry's own claim, and
//! a step dated to the month of the arrest.

use chancery_domain::access::Reader;
use chancery_domain::consular::cases::{ClockName, ClockStatus, ConsularCases, MeasureStanding};
use chancery_domain::image::timeline::{Through, View};
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

fn rec_as(image: &mut Image, v: Value, by: &str) -> u64 {
    image
        .record_by(&act(v.clone()), 0, Reader::Party(st(by)))
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn opened(case: &str, date: &str) -> Value {
    json!({"kind": "case_opened", "date": date, "case": case, "national_of": "US",
           "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
           "visibility": {"internal": "US"}})
}

fn step(case: &str, date: &str, s: &str) -> Value {
    json!({"kind": "case_step", "date": date, "case": case, "step": s,
           "visibility": {"internal": "US"}})
}

fn denial_step(case: &str, date: &str, measure: &str) -> Value {
    let mut s = step(case, date, "access_denied");
    s["measure"] = json!(measure);
    s
}

fn denial(measure: &str, date: &str) -> Value {
    json!({"kind": "measure_imposed", "date": date, "measure": measure, "actor": "RU",
           "target": "US", "measure_kind": "consular_access_denied",
           "summary": "consular access refused", "visibility": "bilateral"})
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

fn denial_standing(image: &Image, on: &str) -> Option<MeasureStanding> {
    let c = cases(image, on);
    let s = c.cases[0]
        .steps
        .iter()
        .find(|s| s.measure.is_some())
        .expect("the denial step");
    s.measure_standing
}

/// The host withdraws the denial a US case names: the withdrawal stands (refusing it would tell
/// the host the case exists), and the case says the measure it names is gone.
#[test]
fn withdrawn_denial_is_flagged_on_the_case_not_refused() {
    let mut image = world();
    let m = rec(&mut image, denial("m-denied", "2024-03-02"));
    rec(&mut image, opened("c1", "2024-03-01"));
    rec(&mut image, denial_step("c1", "2024-03-03", "m-denied"));
    assert_eq!(
        denial_standing(&image, "2024-04-01"),
        Some(MeasureStanding::OnRecord)
    );
    rec_as(
        &mut image,
        json!({"kind": "act_withdrawn", "date": "2024-04-02", "act": m,
               "reason": "recorded in error", "visibility": "bilateral"}),
        "RU",
    );
    assert_eq!(
        denial_standing(&image, "2024-04-10"),
        Some(MeasureStanding::Gone)
    );
    // A view known through the act before the withdrawal still has the measure.
    let before = image
        .consular_cases(
            st("US"),
            st("RU"),
            View::new(
                day("2024-04-10"),
                Through::Act(m + 2),
                Reader::Party(st("US")),
            ),
        )
        .unwrap();
    assert_eq!(
        before.cases[0].steps[0].measure_standing,
        Some(MeasureStanding::OnRecord)
    );
}

/// The host corrects its denial into another kind of measure: what the case names is no
/// longer a denial on record.
#[test]
fn denial_corrected_into_another_kind_is_flagged() {
    let mut image = world();
    let m = rec(&mut image, denial("m-denied", "2024-03-02"));
    rec(&mut image, opened("c1", "2024-03-01"));
    rec(&mut image, denial_step("c1", "2024-03-03", "m-denied"));
    let mut fix = denial("m-denied", "2024-03-02");
    fix["measure_kind"] = json!("travel_restriction");
    fix["supersedes"] = json!(m);
    rec_as(&mut image, fix, "RU");
    assert_eq!(
        denial_standing(&image, "2024-04-10"),
        Some(MeasureStanding::Gone)
    );
}

/// The US alone knows of the denial: it records it as its claim, and its case names the claim.
#[test]
fn denial_step_may_name_the_ministrys_own_claim() {
    let mut image = world();
    let mut claim = denial("m-claimed", "2024-03-02");
    claim["claimed_by"] = json!("US");
    claim["visibility"] = json!({"internal": "US"});
    rec_as(&mut image, claim, "US");
    rec(&mut image, opened("c1", "2024-03-01"));
    rec_as(
        &mut image,
        denial_step("c1", "2024-03-03", "m-claimed"),
        "US",
    );
    assert_eq!(
        denial_standing(&image, "2024-04-01"),
        Some(MeasureStanding::OwnClaim)
    );
}

/// Another party's claim, a claim of another kind or one against the wrong state is no ground
/// for a denial step.
#[test]
fn denial_step_refuses_claims_that_are_not_the_ministrys_denial() {
    let mut image = world();
    // The US claims a travel restriction of RU's: not a denial of access.
    let mut wrong_kind = denial("m-travel", "2024-03-02");
    wrong_kind["measure_kind"] = json!("travel_restriction");
    wrong_kind["claimed_by"] = json!("US");
    wrong_kind["visibility"] = json!({"internal": "US"});
    rec_as(&mut image, wrong_kind, "US");
    rec(&mut image, opened("c1", "2024-03-01"));
    let e = image
        .record_by(
            &act(denial_step("c1", "2024-03-03", "m-travel")),
            0,
            Reader::Party(st("US")),
        )
        .unwrap_err();
    assert_eq!(e.code.as_str(), "case_denial_needs_measure");
    // A claimed denial dated after the step.
    let mut later = denial("m-later", "2024-04-20");
    later["claimed_by"] = json!("US");
    later["visibility"] = json!({"internal": "US"});
    rec_as(&mut image, later, "US");
    let e = image
        .record_by(
            &act(denial_step("c1", "2024-03-03", "m-later")),
            0,
            Reader::Party(st("US")),
        )
        .unwrap_err();
    assert_eq!(e.code.as_str(), "case_denial_needs_measure");
}

/// The ministry withdraws its claim: the step that named it says the claim is gone.
#[test]
fn withdrawn_claim_is_flagged_on_the_case() {
    let mut image = world();
    let mut claim = denial("m-claimed", "2024-03-02");
    claim["claimed_by"] = json!("US");
    claim["visibility"] = json!({"internal": "US"});
    let c = rec_as(&mut image, claim, "US");
    rec(&mut image, opened("c1", "2024-03-01"));
    rec_as(
        &mut image,
        denial_step("c1", "2024-03-03", "m-claimed"),
        "US",
    );
    rec_as(
        &mut image,
        json!({"kind": "act_withdrawn", "date": "2024-04-02", "act": c,
               "reason": "recorded in error", "visibility": {"internal": "US"}}),
        "US",
    );
    assert_eq!(
        denial_standing(&image, "2024-04-10"),
        Some(MeasureStanding::Gone)
    );
}

/// A notification known only to the month of an arrest on 1 March may fall on or after the
/// arrest: recorded, and the clock is met (the month may run past the deadline: never `met`
/// on time for certain, never negative days).
#[test]
fn month_dated_step_in_the_arrest_month_is_accepted() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01"));
    rec(&mut image, step("c1", "2024-03", "consulate_notified"));
    let c = cases(&image, "2024-04-10");
    let k = c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == ClockName::ConsularNotification)
        .unwrap();
    // Notified some day in March, due by 4 March: on time or late, the record cannot tell.
    assert_eq!(k.status, ClockStatus::MetUncertain);
    assert!(k.days_passed >= 0);
    assert!(k.met_on.is_some());
}

/// A step known only to a month that ends by the deadline is met; one that begins after it,
/// late; and an opening known only to a month leaves a clock "uncertain" between the deadline
/// counted from its first day and the one from its last, never overdue before the latter.
#[test]
fn clocks_are_no_more_certain_than_the_dates_on_record() {
    let notification = |image: &Image, on: &str| {
        let c = cases(image, on);
        let k = c.cases[0]
            .clocks
            .iter()
            .find(|k| k.clock == ClockName::ConsularNotification)
            .cloned()
            .unwrap();
        k
    };
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-30"));
    rec(&mut image, step("c1", "2024-03", "consulate_notified"));
    assert_eq!(notification(&image, "2024-05-01").status, ClockStatus::Met);
    let mut image = world();
    rec(&mut image, opened("c1", "2024-02-20"));
    rec(&mut image, step("c1", "2024-03", "consulate_notified"));
    assert_eq!(
        notification(&image, "2024-05-01").status,
        ClockStatus::MetLate
    );

    let mut image = world();
    rec(&mut image, opened("c1", "2024-03"));
    let k = notification(&image, "2024-04-03");
    assert_eq!(k.status, ClockStatus::Uncertain);
    assert_eq!(
        (k.due_earliest, k.due),
        (Some(day("2024-03-04")), Some(day("2024-04-03")))
    );
    assert_eq!(
        notification(&image, "2024-04-04").status,
        ClockStatus::Overdue
    );
}

/// Opened on 5 March, a step known only to March may still be on or after the 5th.
#[test]
fn month_dated_step_around_a_precise_opening_is_accepted() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-05"));
    rec(&mut image, step("c1", "2024-03", "visit"));
    let c = cases(&image, "2024-04-10");
    assert_eq!(c.cases[0].steps.len(), 1);
    assert!(c.cases[0].clocks.iter().all(|k| k.days_passed >= 0));
}

/// A step whose whole period falls before the opening is still refused.
#[test]
fn step_certainly_before_the_opening_is_refused() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-05"));
    let e = image
        .record(&act(step("c1", "2024-02", "visit")), 0)
        .unwrap_err();
    assert_eq!(e.code.as_str(), "act_before_subject_exists");
    let e = image
        .record(&act(step("c1", "2024-03-04", "visit")), 0)
        .unwrap_err();
    assert_eq!(e.code.as_str(), "act_before_subject_exists");
}

/// The host disputes the claim the case rests on: the step says so; the case itself stays
/// internal and the dispute tells the host nothing of it.
#[test]
fn a_disputed_claim_is_labelled_on_the_step() {
    let mut image = world();
    let mut claim = denial("m-claimed", "2024-03-02");
    claim["claimed_by"] = json!("US");
    let c = rec_as(&mut image, claim, "US");
    rec(&mut image, opened("c1", "2024-03-01"));
    rec_as(
        &mut image,
        denial_step("c1", "2024-03-03", "m-claimed"),
        "US",
    );
    rec_as(
        &mut image,
        json!({"kind": "claim_disputed", "date": "2024-03-05", "claim": c,
               "reason": "access was offered", "visibility": "bilateral"}),
        "RU",
    );
    assert_eq!(
        denial_standing(&image, "2024-04-10"),
        Some(MeasureStanding::OwnClaimDisputed)
    );
}
