//! The normalisation roadmap: every measure in force is lifted exactly once, dependencies come
//! first, the answer is deterministic, and lifting the steps in order leaves nothing in force.

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::{Act, CivilDate, Image, StateCode};
use proptest::prelude::*;
use serde_json::json;

mod common;
use common::{day, demo, ru, us};

/// Lifts every step's measures, in order, on a copy; returns how many remain in force.
fn unwind(image: &Image, a: StateCode, b: StateCode, as_of: CivilDate) -> usize {
    let roadmap = image
        .roadmap(a, b, View::rules(as_of), &Definition::default())
        .unwrap();
    let lifts: Vec<Act> = roadmap
        .steps
        .iter()
        .flat_map(|s| &s.lift)
        .map(|m| Act::from_json(json!({"kind": "measure_lifted", "date": as_of.add_days(1).to_string(), "measure": m.id})).unwrap())
        .collect();
    let after = image
        .with_hypothetical(a, b, chancery_domain::Reader::Rules, &lifts)
        .expect("every lift is valid");
    after
        .measures(a, b, View::rules(as_of.add_days(1)), MeasureFilter::InForce)
        .unwrap()
        .len()
}

#[test]
fn the_demo_roadmap_lifts_every_measure_in_force_once_and_respects_dependencies() {
    let image = demo();
    let as_of = day("2025-12-31");
    let roadmap = image
        .roadmap(us(), ru(), View::rules(as_of), &Definition::default())
        .unwrap();
    let in_force = image
        .measures(us(), ru(), View::rules(as_of), MeasureFilter::InForce)
        .unwrap();
    assert_eq!(roadmap.measures_in_force, in_force.len());
    let mut lifted: Vec<&str> = roadmap
        .steps
        .iter()
        .flat_map(|s| s.lift.iter().map(|m| m.id.as_str()))
        .collect();
    lifted.sort();
    let mut expected: Vec<&str> = in_force.iter().map(|m| m.id.as_str()).collect();
    expected.sort();
    assert_eq!(
        lifted, expected,
        "each measure in force is lifted exactly once"
    );
    for s in &roadmap.steps {
        assert!(
            s.depends_on.iter().all(|d| *d < s.order),
            "step {} depends on a later step",
            s.order
        );
        assert!(!s.explanation.is_empty());
    }
    assert_eq!(
        roadmap
            .steps
            .last()
            .map(|s| s.effect.measures_in_force_after),
        Some(0)
    );
    assert_eq!(unwind(&image, us(), ru(), as_of), 0);
    // Last in, first out: the first step holds the latest measure in force.
    let latest = in_force.iter().map(|m| m.effective).max().unwrap();
    assert!(roadmap.steps[0].lift.iter().any(|m| m.effective == latest));
    // The April 2021 answers are undone with the expulsion they answered (R036).
    let r036 = roadmap
        .steps
        .iter()
        .find(|s| {
            s.lift
                .iter()
                .any(|m| m.external_ref.as_deref() == Some("R036"))
        })
        .unwrap();
    assert!(r036.lift.len() > 1, "{:?}", r036.lift);
    // Index rises as steps lift measures.
    let first = roadmap.steps.first().unwrap().effect.index_combined;
    let last = roadmap.steps.last().unwrap().effect.index_combined;
    assert!(last > first && first >= 100.0, "{first} → {last}");
    assert_eq!(
        roadmap,
        image
            .roadmap(us(), ru(), View::rules(as_of), &Definition::default())
            .unwrap(),
        "deterministic"
    );
}

#[test]
fn a_staff_cap_waits_for_visas_and_a_closed_post_for_its_premises() {
    let mut image = Image::new();
    let acts = [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "A"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "B"}),
        // Latest first would lift the cap before the visa restriction; the cap must wait.
        json!({"kind": "measure_imposed", "date": "2010", "measure": "visas", "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "v"}),
        json!({"kind": "measure_imposed", "date": "2011", "measure": "cap", "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "c", "magnitude": {"cap": 5}}),
        json!({"kind": "measure_imposed", "date": "2012", "measure": "seize", "actor": "AA", "target": "BB", "measure_kind": "premises_seized", "summary": "s"}),
        json!({"kind": "measure_imposed", "date": "2013", "measure": "close", "actor": "AA", "target": "BB", "measure_kind": "post_closure", "summary": "p"}),
    ];
    for a in acts {
        image.record(&Act::from_json(a).unwrap(), 0).unwrap();
    }
    let aa: StateCode = "AA".parse().unwrap();
    let bb: StateCode = "BB".parse().unwrap();
    let roadmap = image
        .roadmap(
            aa,
            bb,
            View::rules(day("2020-01-01")),
            &Definition::default(),
        )
        .unwrap();
    let order: Vec<&str> = roadmap
        .steps
        .iter()
        .map(|s| s.lift[0].id.as_str())
        .collect();
    let pos = |id: &str| order.iter().position(|x| *x == id).unwrap();
    assert!(pos("visas") < pos("cap"), "{order:?}");
    assert!(pos("seize") < pos("close"), "{order:?}");
    let cap_step = &roadmap.steps[pos("cap")];
    assert_eq!(cap_step.depends_on, vec![pos("visas") + 1]);
    assert!(
        cap_step.explanation.contains("visas"),
        "{}",
        cap_step.explanation
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn lifting_every_step_in_order_leaves_nothing_in_force(seed in 0u64..1000, years in 2u16..6) {
        let spec = chancery_generate::WorldSpec { states: 4, years, seed, start_year: 2000 };
        let acts = chancery_generate::generate(&spec);
        let image = Image::replay(acts.enumerate().map(|(i, a)| (i as u64 + 1, 0, a))).unwrap();
        let (a, b) = chancery_generate::busiest_relation(&spec);
        let as_of = spec.end_date();
        prop_assert_eq!(unwind(&image, a, b, as_of), 0);
        let r = image.roadmap(a, b, View::rules(as_of), &Definition::default()).unwrap();
        let total: usize = r.steps.iter().map(|s| s.lift.len()).sum();
        prop_assert_eq!(total, r.measures_in_force);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// What-if works on a copy: whatever hypothetical acts are asked, accepted or refused, the
    /// image is unchanged.
    #[test]
    fn what_if_never_changes_the_image(picks in proptest::collection::vec((0usize..60, 0i32..400), 0..8)) {
        let image = demo();
        let before = image.clone();
        let measures = image.measures(us(), ru(), View::everything(), MeasureFilter::Imposed).unwrap();
        let acts: Vec<Act> = picks
            .iter()
            .map(|(i, days)| {
                let m = &measures[i % measures.len()];
                let date = day("2025-01-01").add_days(*days).to_string();
                Act::from_json(json!({"kind": "measure_lifted", "date": date, "measure": m.id})).unwrap()
            })
            .collect();
        let _ = image.what_if(us(), ru(), View::rules(day("2026-06-01")), &acts, &Definition::default());
        prop_assert_eq!(image, before);
    }
}
