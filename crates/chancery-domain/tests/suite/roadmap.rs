//! The normalisation roadmap: every measure in force is lifted exactly once, dependencies come
//! first, the answer is deterministic, and lifting the steps in order leaves nothing in force.

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::reciprocity::roadmap::StepKind;
use chancery_domain::vocab::Character;
use chancery_domain::{Act, CivilDate, Image, StateCode};
use proptest::prelude::*;
use serde_json::json;

use crate::common;
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
    // Last in, first out among the reciprocal steps: the first step is reciprocal and holds the
    // latest measure any reciprocal step lifts.
    let reciprocal: Vec<_> = roadmap
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Reciprocal)
        .collect();
    // latest measure any reciprocal step lifts, after only what it needs.
    let latest = reciprocal
        .iter()
        .flat_map(|s| s.lift.iter().map(|m| m.date))
        .max()
        .unwrap();
    let first = roadmap
        .steps
        .iter()
        .find(|s| s.lift.iter().any(|m| m.date == latest))
        .unwrap();
    let mut needed: Vec<usize> = first.depends_on.clone();
    let mut i = 0;
    while i < needed.len() {
        for d in roadmap.steps[needed[i] - 1].depends_on.clone() {
            if !needed.contains(&d) {
                needed.push(d);
            }
        }
        i += 1;
    }
    needed.sort_unstable();
    assert_eq!(needed, (1..first.order).collect::<Vec<_>>());
    // A unilateral step comes after every reciprocal one unless a reciprocal step needs it.
    for (k, s) in roadmap.steps.iter().enumerate() {
        if s.kind != StepKind::Reciprocal {
            let later_reciprocal = roadmap.steps[k + 1..]
                .iter()
                .filter(|t| t.kind == StepKind::Reciprocal);
            for t in later_reciprocal {
                assert!(t.depends_on.contains(&s.order) || t.depends_on.iter().any(|d| roadmap.steps[d - 1].depends_on.contains(&s.order)),
                    "step {} is unilateral and comes before reciprocal step {} that does not need it", s.order, t.order);
            }
        }
    }
    // Expulsions are events: they happened and no step lifts one (R036 among them).
    let known = image
        .measures(us(), ru(), View::rules(as_of), MeasureFilter::Imposed)
        .unwrap();
    for m in roadmap.steps.iter().flat_map(|s| &s.lift) {
        let v = known.iter().find(|x| x.id == m.id).unwrap();
        assert_eq!(v.character, Character::Standing, "{}", m.id);
    }
    assert!(known
        .iter()
        .any(|m| m.external_ref.as_deref() == Some("R036") && m.character == Character::Event));
    // The barred dachas and compounds of 2016-17 are undone together (R008 and its answer R013).
    let r013 = roadmap
        .steps
        .iter()
        .find(|s| {
            s.lift
                .iter()
                .any(|m| m.external_ref.as_deref() == Some("R013"))
        })
        .unwrap();
    assert!(r013
        .lift
        .iter()
        .any(|m| m.external_ref.as_deref() == Some("R008")));
    assert_eq!(r013.kind, StepKind::Reciprocal);
    // Index rises as steps lift measures, on the overview's scale: from today's figure.
    let first = roadmap.steps.first().unwrap().effect.index_combined;
    let last = roadmap.steps.last().unwrap().effect.index_combined;
    assert!(
        last > first && first >= roadmap.index_now,
        "{} → {first} → {last}",
        roadmap.index_now
    );
    let overview = image
        .normalisation_index(
            us(),
            ru(),
            as_of,
            as_of,
            roadmap.baseline,
            chancery_domain::reciprocity::index::Step::Days(1),
            View::rules(as_of),
        )
        .unwrap();
    assert_eq!(overview.points[0].combined, roadmap.index_now);
    assert_eq!(
        roadmap.steps[0].effect.index_change_combined,
        ((first - roadmap.index_now) * 100.0).round() / 100.0
    );
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

/// The roadmap grows with the measures in force, not with their square: one editor recording
/// many measures must not make every reader's answer explode (each step once carried every
/// dimension's whole basis).
#[test]
fn the_roadmap_grows_linearly_with_the_measures_in_force() {
    let size = |n: usize| {
        let mut image = Image::new();
        for a in [
            json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "A"}),
            json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "B"}),
        ] {
            image.record(&Act::from_json(a).unwrap(), 0).unwrap();
        }
        for i in 0..n {
            let m = json!({"kind": "measure_imposed", "date": "2010-01-01", "measure": format!("t{i}"),
                "actor": "BB", "target": "AA", "measure_kind": "travel_restriction", "summary": "t"});
            image.record(&Act::from_json(m).unwrap(), 0).unwrap();
        }
        let aa: StateCode = "AA".parse().unwrap();
        let bb: StateCode = "BB".parse().unwrap();
        let r = image
            .roadmap(
                aa,
                bb,
                View::rules(day("2020-01-01")),
                &Definition::default(),
            )
            .unwrap();
        assert_eq!(r.steps.len(), n);
        serde_json::to_string(&r).unwrap().len()
    };
    let (small, large) = (size(40), size(160));
    assert!(
        large < small * 6,
        "4 times the measures gave {large} bytes against {small}: more than linear"
    );
}
