//! Consular capacity from staffing on hand-made posts where the figures are obvious by hand:
//! officers x cases per officer-day x support from local staff x working days; a local-staff
//! ban cuts it, lifting the ban restores it; demand gives load and waits.

use chancery_domain::consular::capacity::{ConsularCapacity, ServiceCapacity};
use chancery_domain::image::timeline::View;
use chancery_domain::vocab::ConsularService as S;
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

/// The US and Russia (both in the holiday data), a US embassy with a consular section of two
/// officers and four local staff from 2019.
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
        json!({"kind": "consular_staff_reported", "date": "2019-01-01", "post": "us-emb",
               "officers": 2, "local_staff": 4}),
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

fn capacity(image: &Image, on: &str) -> ConsularCapacity {
    image
        .consular_capacity(st("US"), st("RU"), View::rules(day(on)))
        .unwrap()
}

fn service(
    c: &ConsularCapacity,
    post: &str,
    s: chancery_domain::vocab::ConsularService,
) -> ServiceCapacity {
    c.missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == post)
        .and_then(|p| p.services.iter().find(|x| x.service == s))
        .cloned()
        .unwrap_or_else(|| panic!("{post} {s}"))
}

#[test]
fn capacity_is_staff_times_productivity_times_working_days() {
    let image = world();
    // Week of Monday 2021-10-18: five working days (the 11th was Columbus Day). 2 officers x 100 x 1.0 x 5 = 1,000.
    let c = capacity(&image, "2021-10-20");
    let v = service(&c, "us-emb", S::NonimmigrantVisitor);
    assert_eq!(v.capacity_per_week, Some(1000.0));
    assert_eq!(v.productivity_from, "default");
    assert!(!v.default_sources.is_empty());
    // The week of 4 November (Russia's Unity Day, a Thursday): four days, 800.
    let c = capacity(&image, "2021-11-02");
    assert_eq!(
        service(&c, "us-emb", S::NonimmigrantVisitor).capacity_per_week,
        Some(800.0)
    );
    // No documented default for immigrant visas: not computed, never zero.
    assert_eq!(
        service(&c, "us-emb", S::ImmigrantVisa).capacity_per_week,
        None
    );
    // The Russian embassy has no staff figure: nothing computed, and it says so.
    let ru = c
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == "ru-emb")
        .unwrap();
    assert!(
        ru.notes
            .iter()
            .any(|n| n.contains("no consular staff figure")),
        "{:?}",
        ru.notes
    );
}

#[test]
fn a_local_staff_ban_cuts_capacity_and_lifting_it_restores_it() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2021-04-23", "measure": "ban",
               "actor": "RU", "target": "US", "measure_kind": "local_staff_limit",
               "summary": "no local staff", "magnitude": {"cap": 0},
               "effective": "2021-08-01"}),
    );
    let visitor = |image: &Image, on: &str| {
        service(&capacity(image, on), "us-emb", S::NonimmigrantVisitor).capacity_per_week
    };
    // Announced, not yet in force: full capacity.
    assert_eq!(visitor(&image, "2021-07-14"), Some(1000.0));
    // In force: no local staff, a quarter of the cases: 2 x 100 x 0.25 x 5 = 250.
    assert_eq!(visitor(&image, "2021-10-20"), Some(250.0));
    let c = capacity(&image, "2021-10-20");
    let post = &c.missions[0].posts[0];
    assert_eq!(post.staff.as_ref().unwrap().local_staff, Some(0));
    assert!(
        post.notes.iter().any(|n| n.contains("measure `ban`")),
        "{:?}",
        post.notes
    );
    rec(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2022-03-01", "measure": "ban"}),
    );
    assert_eq!(visitor(&image, "2022-03-16"), Some(1000.0));
    // A service the post no longer offers has no capacity.
    rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2022-04-01", "posts": ["us-emb"],
               "level": "none", "applies_to": ["nonimmigrant_visitor"]}),
    );
    assert_eq!(visitor(&image, "2022-04-13"), Some(0.0));
}

#[test]
fn demand_gives_load_and_waits_and_a_post_may_set_its_productivity() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "consular_demand_reported", "date": "2021-01-01", "post": "us-emb",
               "service": "nonimmigrant_visitor", "per_week": 500, "estimate": true}),
    );
    let v = service(
        &capacity(&image, "2021-10-20"),
        "us-emb",
        S::NonimmigrantVisitor,
    );
    assert_eq!(v.load, Some(0.5));
    // Requests come every day, appointments on working days only, and the 91 days from
    // 20 October hold Russia's New Year holidays: a week's wait at most for nine in ten.
    let w = v.waits.expect("waits simulated");
    assert!(w.p90.mean <= 7.0, "{w:?}");
    // The same demand at a quarter of the capacity: the book falls behind.
    rec(
        &mut image,
        json!({"kind": "consular_productivity_set", "date": "2021-01-01", "post": "us-emb",
               "service": "nonimmigrant_visitor", "cases_per_officer_day": 25}),
    );
    let v = service(
        &capacity(&image, "2021-10-20"),
        "us-emb",
        S::NonimmigrantVisitor,
    );
    assert_eq!(v.productivity_from, "post");
    assert_eq!(v.capacity_per_week, Some(250.0));
    assert_eq!(v.load, Some(2.0));
    let late = v.waits.expect("waits simulated");
    assert!(late.p90.mean > 20.0, "{late:?}");
    assert!(late.backlog_end.mean > 1000.0, "{late:?}");
}

#[test]
fn only_the_sending_state_reports_its_sections_figures_and_never_on_a_closed_post() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2022-01-01", "post": "us-emb", "by": "RU"}),
    );
    let e = image
        .record(
            &act(
                json!({"kind": "consular_staff_reported", "date": "2022-02-01",
                        "post": "us-emb", "officers": 3}),
            ),
            0,
        )
        .unwrap_err();
    assert_eq!(e.code.as_str(), "post_already_closed");
    let who =
        chancery_domain::act::ActBody::Post(chancery_domain::act::PostAct::ConsularStaffReported {
            post: "us-emb".parse().unwrap(),
            officers: 1,
            local_staff: None,
            estimate: false,
        });
    assert_eq!(image.acting_states(&who), vec![st("US")]);
}

/// The roadmap step and the what-if that lift a local-staff ban show the capacity it restores.
#[test]
fn lifting_the_ban_shows_its_consular_effect_in_the_roadmap_and_what_if() {
    use chancery_domain::reciprocity::parity::Definition;
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2021-04-23", "measure": "ban",
               "actor": "RU", "target": "US", "measure_kind": "local_staff_limit",
               "summary": "no local staff", "magnitude": {"cap": 0},
               "effective": "2021-08-01"}),
    );
    let view = View::rules(day("2021-10-19"));
    let roadmap = image
        .roadmap(st("US"), st("RU"), view, &Definition::default())
        .unwrap();
    let step = roadmap
        .steps
        .iter()
        .find(|s| s.lift.iter().any(|m| m.id.as_str() == "ban"))
        .expect("a step lifts the ban");
    let visitor = step
        .effect
        .consular
        .iter()
        .find(|c| c.post.as_str() == "us-emb" && c.service == S::NonimmigrantVisitor)
        .expect("the step changes Moscow's capacity");
    assert_eq!(
        (visitor.capacity_before, visitor.capacity_after),
        (Some(250.0), Some(1000.0))
    );
    let lift = act(json!({"kind": "measure_lifted", "date": "2021-10-19", "measure": "ban"}));
    let w = image
        .what_if(st("US"), st("RU"), view, &[lift], &Definition::default())
        .unwrap();
    let c = w
        .consular
        .iter()
        .find(|c| c.service == S::NonimmigrantVisitor)
        .expect("what-if shows the consular effect");
    assert_eq!(
        (c.capacity_before, c.capacity_after),
        (Some(250.0), Some(1000.0))
    );
}

/// A demand figure too large to simulate is not run: the waits are left out and a note says why.
#[test]
fn a_demand_too_large_to_simulate_is_said_not_run() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "consular_demand_reported", "date": "2021-01-01", "post": "us-emb",
               "service": "nonimmigrant_visitor", "per_week": 4000000000u64}),
    );
    let c = capacity(&image, "2021-10-20");
    let post = &c.missions[0].posts[0];
    assert!(post.services.iter().all(|s| s.waits.is_none()));
    assert!(
        post.notes
            .iter()
            .any(|n| n.starts_with("waits not simulated")),
        "{:?}",
        post.notes
    );
}

/// A sending state may keep its consular figures to its own ministry: its readers see the
/// capacity they give, the other party sees none of it.
#[test]
fn a_ministry_may_keep_its_consular_figures_internal() {
    use chancery_domain::Reader;
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "consular_staff_reported", "date": "2021-09-01", "post": "us-emb",
               "officers": 7, "local_staff": 14, "visibility": {"internal": "US"}}),
    ] {
        rec(&mut image, v);
    }
    let at = |reader| {
        let c = image
            .consular_capacity(
                st("US"),
                st("RU"),
                View::new(day("2021-10-20"), None, reader),
            )
            .unwrap();
        c.missions[0].posts[0].staff.as_ref().map(|s| s.officers)
    };
    assert_eq!(at(Reader::Party(st("US"))), Some(7));
    assert_eq!(at(Reader::Party(st("RU"))), None);
    assert_eq!(at(Reader::Public), None);
}
