//! Review 6: scenarios on a post, attacked through `run_scenario` with hand-made figures whose
//! right answers are obvious. Each failing test names a finding; `holds_` tests what held.

use chancery_domain::access::Reader;
use chancery_domain::consular::capacity::LocalStaffLimitView;
use chancery_domain::consular::cases::{ClockName, ClockStatus};
use chancery_domain::consular::scenario::{
    run_scenario, DemandChange, PostFigures, ScenarioAnswer, ScenarioChange, ScenarioRequest,
    ServiceFigures, StaffRamp, SCENARIO_TOO_LARGE,
};
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::vocab::ConsularService;
use chancery_domain::Image;
use serde_json::json;

use crate::common;
use common::{act, day, st};

/// Ten officers, 2,000 visitor visa applicants a week at 100 cases per officer-day; local
/// staff as `local`, limits as given (measure id, figure).
fn post(local: Option<u32>, limits: &[(&str, u32)]) -> PostFigures {
    PostFigures {
        post: "us-embassy-moscow".parse().expect("a post id"),
        name: "Moscow".into(),
        pair: ("US".parse().expect("US"), "RU".parse().expect("RU")),
        as_of: "2021-06-01".parse().expect("a date"),
        officers: 10,
        local_staff_reported: local,
        limits: limits
            .iter()
            .map(|(m, limit)| LocalStaffLimitView {
                measure: m.parse().expect("a measure id"),
                limit: *limit,
                since: "2021-04-23".parse().expect("a date"),
            })
            .collect(),
        unsized_limits: Vec::new(),
        services: vec![ServiceFigures {
            service: ConsularService::NonimmigrantVisitor,
            cases_per_officer_day: 100,
            demand_per_week: 2000,
        }],
    }
}

fn request(lift: &[&str], changes: Vec<ScenarioChange>) -> ScenarioRequest {
    ScenarioRequest {
        as_of: None,
        days: 70,
        seed: 3,
        replications: 2,
        lift: lift.iter().map(|m| m.parse().expect("an id")).collect(),
        changes,
    }
}

fn last_p50(a: &ScenarioAnswer, scenario: bool) -> f64 {
    let run = if scenario { &a.scenario } else { &a.baseline };
    run.services[0]
        .waits_weekly
        .last()
        .map(|w| w.p50.mean)
        .unwrap_or(f64::NAN)
}

/// TRUTH (HIGH): with every officer gone nobody is given an appointment; the model counts the
/// unbooked requests in no week's waits, so the scenario reports a median wait of 0 days,
/// shorter than the baseline's, for a post that serves no one.
#[test]
fn a_scenario_with_no_officers_does_not_report_shorter_waits() {
    let gone = ScenarioChange::Officers(StaffRamp {
        to: 0,
        from_day: 0,
        over_days: 0,
    });
    let a = run_scenario(&post(Some(20), &[]), &request(&[], vec![gone])).expect("valid");
    assert_eq!(a.scenario.services[0].capacity_weekly[3], 0.0);
    let (base, scen) = (last_p50(&a, false), last_p50(&a, true));
    assert!(
        scen >= base
            || a.notes
                .iter()
                .any(|n| n.contains("unbooked") || n.contains("no appointment")),
        "no capacity at all, yet the scenario's median wait is {scen} days against the \
         baseline's {base}, and no note says requests went unbooked: {:?}",
        a.notes
    );
}

/// TRUTH (MED): local staff not reported and a limit of 5 in force for 10 officers (full
/// support needs 20): the limit is ignored (full support assumed), so lifting it changes
/// nothing and the baseline is as fast as a post with no limit.
#[test]
fn a_limit_binds_when_local_staff_are_not_reported() {
    let f = post(None, &[("cap5", 5)]);
    let a = run_scenario(&f, &request(&["cap5"], Vec::new())).expect("valid");
    let free = run_scenario(&post(None, &[]), &request(&[], Vec::new())).expect("valid");
    assert!(
        a.baseline.services[0].capacity_weekly[2] < free.baseline.services[0].capacity_weekly[2],
        "a limit of 5 local staff for 10 officers leaves the capacity of full support: {} a week",
        a.baseline.services[0].capacity_weekly[2]
    );
    assert_ne!(
        a.baseline.services[0].capacity_weekly, a.scenario.services[0].capacity_weekly,
        "lifting the limit changes nothing"
    );
}

/// TRUTH (LOW): two limits in force (0 and 10); lifting the looser leaves the other binding:
/// nothing changes, and nothing in the answer says so.
#[test]
fn a_lift_that_changes_nothing_says_so() {
    let f = post(Some(30), &[("ban", 0), ("cap10", 10)]);
    let a = run_scenario(&f, &request(&["cap10"], Vec::new())).expect("valid");
    assert_eq!(a.baseline, a.scenario, "the ban still binds");
    assert!(
        !a.notes.is_empty(),
        "the lift did nothing and no note says the ban still binds"
    );
}

/// TRUTH (LOW): a limit in force with no figure is not applied; lifting it is accepted and
/// silently does nothing.
#[test]
fn lifting_a_limit_with_no_figure_says_it_changes_nothing() {
    let mut f = post(Some(30), &[]);
    f.unsized_limits = vec!["r099".parse().expect("a measure id")];
    let a = run_scenario(&f, &request(&["r099"], Vec::new())).expect("valid");
    assert_eq!(a.baseline, a.scenario);
    assert!(
        !a.notes.is_empty(),
        "a lift of an unapplied limit is silent: {:?}",
        a.notes
    );
}

/// COST (LOW): changes are not counted: thousands of changes on one day are run, and each
/// held to a limit adds a note, so a 1 MB body answers with megabytes of notes.
#[test]
fn thousands_of_changes_are_refused() {
    let many: Vec<ScenarioChange> = (0..20_000)
        .map(|_| {
            ScenarioChange::LocalStaff(StaffRamp {
                to: 30,
                from_day: 0,
                over_days: 0,
            })
        })
        .collect();
    let r = run_scenario(&post(Some(0), &[("ban", 0)]), &request(&[], many));
    match r {
        Err(e) => assert_eq!(e.field(), "changes"),
        Ok(a) => panic!(
            "20,000 changes on one day run, with {} notes",
            a.notes.len()
        ),
    }
}

/// Holds: a demand shock in the billions, a huge factor, NaN-like values and a budget beyond
/// the limit are refused by field.
#[test]
fn holds_huge_demand_and_budget_are_refused() {
    let shock = |factor: Option<f64>, per_week: Option<f64>| {
        ScenarioChange::Demand(DemandChange {
            service: ConsularService::NonimmigrantVisitor,
            factor,
            per_week,
            from_day: 0,
            over_days: 0,
        })
    };
    let f = post(Some(20), &[]);
    for (c, field) in [
        (shock(None, Some(5e9)), "changes[0].per_week"),
        (shock(Some(1e6), None), "changes[0].factor"),
        (shock(Some(f64::NAN), None), "changes[0].factor"),
        (shock(None, Some(f64::INFINITY)), "changes[0].per_week"),
        (shock(Some(1.0), Some(1.0)), "changes[0]"),
        (shock(None, None), "changes[0]"),
    ] {
        let e = run_scenario(&f, &request(&[], vec![c])).expect_err("refused");
        assert_eq!(e.field(), field);
    }
    let mut r = request(&[], vec![shock(None, Some(9_000_000.0))]);
    r.days = 730;
    r.replications = 50;
    let e = run_scenario(&f, &r).expect_err("beyond the budget");
    assert_eq!(e.code(), SCENARIO_TOO_LARGE);
}

/// Holds (BAD INPUT): a scenario from the calendar's extremes (the last day a date may take, the
/// first) answers or is refused by field, without a panic.
#[test]
fn holds_a_scenario_at_the_calendars_extremes_does_not_panic() {
    for day in ["9999-12-31", "1000-01-01"] {
        let mut f = post(Some(20), &[]);
        f.as_of = day.parse().expect("a date");
        let mut r = request(&[], Vec::new());
        r.days = 730;
        let got = std::panic::catch_unwind(|| run_scenario(&f, &r).map(|a| a.days));
        assert!(got.is_ok(), "a scenario from {day} panics");
    }
}

/// TRUTH (MED): arrested on 1 March 2024, released some day in March (the day not on record),
/// no visit. On 10 March the national may still be held (a release on the 20th), so the access
/// clock may be overdue and live; it is called `stopped_or_missed` ("custody has ended",
/// history, never an alert), more certain than the release's date.
#[test]
fn a_release_known_to_a_month_not_yet_over_does_not_end_the_clock() {
    let access = access_clock("released", "2024-03-10");
    assert!(
        !matches!(
            access.status,
            ClockStatus::Stopped | ClockStatus::Missed | ClockStatus::StoppedOrMissed
        ),
        "on 10 March a release some day in March may be still to come, yet: {:?} (due {:?})",
        access.status,
        access.due
    );
}

/// TRUTH (HIGH): one officer with no local staff (25 cases a day) for 10,000 applicants a week:
/// the book fills beyond the model's lookahead (ten years) during the warm-up, so every
/// request from the day asked goes unbooked, is counted in no week's waits, and the baseline
/// reports a median wait of 0 days for a post eighty times over its capacity.
#[test]
fn an_overloaded_post_beyond_the_lookahead_does_not_report_no_wait() {
    let mut f = post(Some(0), &[]);
    f.officers = 1;
    f.services[0].demand_per_week = 10_000;
    let a = run_scenario(&f, &request(&[], Vec::new())).expect("valid");
    let base = last_p50(&a, false);
    assert!(
        base > 365.0,
        "a load of 80 and a median wait of {base} days in the last week"
    );
}

/// The access clock on `on` of a US national arrested in Moscow on 1 March 2024 with one step
/// `step` dated to March (the day not on record), as the US reads its own internal case.
fn access_clock(step: &str, on: &str) -> chancery_domain::consular::cases::CaseClock {
    let mut image = Image::new();
    let us = Reader::Party(st("US"));
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "case_opened", "date": "2024-03-01", "case": "c1", "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
               "visibility": {"internal": "US"}}),
        json!({"kind": "case_step", "date": "2024-03", "case": "c1", "step": step,
               "visibility": {"internal": "US"}}),
    ] {
        image
            .record_by(&act(v.clone()), 0, us)
            .unwrap_or_else(|e| panic!("{v}: {e}"));
    }
    let c = image
        .consular_cases(
            st("US"),
            st("RU"),
            View::new(day(on), Through::WholeRecord, us),
        )
        .expect("cases");
    c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == ClockName::ConsularAccess)
        .cloned()
        .expect("the access clock")
}

/// TRUTH (LOW): the same with a visit some day in March: on 10 March the visit may be still to
/// come and access overdue, yet the clock says met (`met_uncertain`: met, the time unsure),
/// never an alert.
#[test]
fn a_visit_known_to_a_month_not_yet_over_is_not_called_met() {
    let access = access_clock("visit", "2024-03-10");
    assert!(
        !matches!(access.status, ClockStatus::Met | ClockStatus::MetUncertain),
        "on 10 March a visit some day in March may be still to come, yet: {:?}",
        access.status
    );
}

/// TRUTH (LOW): with one replication (allowed: 1 to 50) every band is a point (10th = 90th
/// percentile = the mean), which the page draws as a range of width 0: a single draw shown as
/// a certainty, with nothing saying there is no band.
#[test]
fn one_replication_gives_no_band_presented_as_certain() {
    let mut f = post(Some(0), &[]);
    f.services[0].demand_per_week = 1500;
    let mut r = request(&[], Vec::new());
    r.replications = 1;
    let a = run_scenario(&f, &r).expect("valid");
    let w = a.baseline.services[0].waits_weekly[5];
    assert!(w.p50.mean > 0.0, "a post with waits: {w:?}");
    assert!(
        w.p50.p10 < w.p50.p90
            || a.notes
                .iter()
                .chain(&a.assumptions)
                .any(|n| n.contains("one replication") || n.contains("no band")),
        "one replication, a band of width 0 and no word of it: {w:?}"
    );
}

/// The access clock on `on` of a publicly reported arrest in Moscow some day in March 2024
/// (the day not reported), with no step reported.
fn reported_access_clock(on: &str) -> ClockStatus {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "case_opened", "date": "2024-03", "case": "c1", "national_of": "US",
               "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
               "public_report": true, "sources": ["a press report"], "visibility": "public"}),
    ] {
        image
            .record(&act(v.clone()), 0)
            .unwrap_or_else(|e| panic!("{v}: {e}"));
    }
    let c = image
        .consular_cases(
            st("US"),
            st("RU"),
            View::new(day(on), Through::WholeRecord, Reader::Public),
        )
        .expect("cases");
    c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == ClockName::ConsularAccess)
        .map(|k| k.status)
        .expect("the access clock")
}

/// TRUTH (MED): a public report's silence is `not_reported`, never overdue, once the deadline
/// has certainly passed; while the arrest's month leaves it open, the same silence is
/// `uncertain` ("may be overdue", an alert): less certain, yet more alarming.
#[test]
fn a_public_reports_silence_is_not_called_may_be_overdue() {
    let later = reported_access_clock("2024-04-20");
    assert_eq!(later, ClockStatus::NotReported);
    let within = reported_access_clock("2024-03-20");
    assert_ne!(
        within,
        ClockStatus::Uncertain,
        "silence of the sources on 20 March is 'may be overdue', on 20 April 'not reported'"
    );
}
