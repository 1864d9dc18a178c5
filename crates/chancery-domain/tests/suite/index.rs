//! The normalisation index (DESIGN.md §4): 100 at the baseline, down when a measure is imposed,
//! up when one is lifted, the combined figure between the two sides, and the US–Russia demo
//! falling below 100 from 2013 to 2025.

use chancery_domain::image::timeline::View;
use chancery_domain::query::QueryError;
use chancery_domain::reciprocity::index::{
    formula, weight, IndexError, IndexSeries, Step, HEAD_ABSENT_WEIGHT, MAX_POINTS, SCALE,
};
use chancery_domain::vocab::MeasureKind;
use chancery_domain::Image;

use crate::common;
use common::{day, demo, st, two_state_world, two_states};

/// AA and BB with an embassy each; AA caps BB's mission in 2010 and lifts the cap in 2014; BB
/// restricts AA's travel from 2012.
fn world() -> Image {
    two_state_world(
        r#"
[[act]]
kind = "measure_imposed"
date = "2010-03"
measure = "cap"
actor = "AA"
target = "BB"
measure_kind = "staff_cap"
summary = "AA caps BB's mission"
magnitude = { cap = 10 }

[[act]]
kind = "measure_imposed"
date = "2012-06-15"
measure = "travel"
actor = "BB"
target = "AA"
measure_kind = "travel_restriction"
summary = "BB restricts travel"
answers = ["cap"]

[[act]]
kind = "measure_lifted"
date = "2014-01-01"
measure = "cap"
"#,
    )
}

/// The documented formula, rounded as the answer is: 100 × (K + R(baseline)) / (K + R(t)).
fn expected(at_baseline: f64, now: f64) -> f64 {
    (100.0 * (SCALE + at_baseline) / (SCALE + now) * 100.0).round() / 100.0
}

fn series(image: &Image, from: &str, to: &str, baseline: &str, step: Step) -> IndexSeries {
    image
        .normalisation_index(
            st("AA"),
            st("BB"),
            day(from),
            day(to),
            day(baseline),
            step,
            View::everything(),
        )
        .unwrap()
}

fn side(s: &IndexSeries, date: &str, state: &str) -> f64 {
    s.points
        .iter()
        .find(|p| p.date == day(date))
        .unwrap_or_else(|| panic!("no point on {date}"))
        .sides[&st(state)]
        .index
}

#[test]
fn the_index_is_100_at_the_baseline() {
    let image = world();
    for baseline in ["2005-01-01", "2011-01-01", "2013-01-01", "2016-01-01"] {
        let s = series(&image, baseline, baseline, baseline, Step::Year);
        let p = &s.points[0];
        assert_eq!(p.combined, 100.0, "{baseline}");
        for side in p.sides.values() {
            assert_eq!(side.index, 100.0, "{baseline}");
        }
    }
}

#[test]
fn imposing_lowers_the_index_and_lifting_raises_it() {
    let image = world();
    let s = series(&image, "2009-01-01", "2015-01-01", "2009-01-01", Step::Year);
    let cap = weight(MeasureKind::StaffCap);
    let travel = weight(MeasureKind::TravelRestriction);
    // BB's missions: capped from March 2010 to 2014.
    assert_eq!(side(&s, "2009-01-01", "BB"), 100.0);
    assert_eq!(side(&s, "2011-01-01", "BB"), expected(0.0, cap));
    assert_eq!(side(&s, "2011-01-01", "BB"), 76.92);
    assert_eq!(side(&s, "2015-01-01", "BB"), 100.0);
    // AA's missions: travel restricted from mid-2012, never lifted.
    assert_eq!(side(&s, "2012-01-01", "AA"), 100.0);
    assert_eq!(side(&s, "2013-01-01", "AA"), expected(0.0, travel));
    assert_eq!(side(&s, "2015-01-01", "AA"), expected(0.0, travel));
    assert!(side(&s, "2013-01-01", "AA") < 100.0);

    // Against a baseline inside the cap, its lifting is a thaw: above 100.
    let thaw = series(&image, "2011-01-01", "2015-01-01", "2011-01-01", Step::Year);
    assert_eq!(side(&thaw, "2011-01-01", "BB"), 100.0);
    assert_eq!(side(&thaw, "2015-01-01", "BB"), expected(cap, 0.0));
    assert!(side(&thaw, "2015-01-01", "BB") > 100.0);
    let restriction = thaw.points.last().unwrap().sides[&st("BB")].restriction;
    assert_eq!(restriction, 0.0);
    assert_eq!(
        thaw.baseline_restriction[&st("BB")],
        weight(MeasureKind::StaffCap)
    );
}

#[test]
fn the_combined_index_is_the_geometric_mean_between_the_sides() {
    let image = world();
    let s = series(
        &image,
        "2009-01-01",
        "2016-01-01",
        "2009-01-01",
        Step::Month,
    );
    assert_eq!(s.points.len(), 7 * 12 + 1);
    for p in &s.points {
        let (lo, hi) = p.sides.values().fold((f64::MAX, f64::MIN), |(lo, hi), s| {
            (lo.min(s.index), hi.max(s.index))
        });
        assert!(lo <= p.combined && p.combined <= hi, "{}: {:?}", p.date, p);
        let mean = p.sides.values().map(|s| s.index).product::<f64>().sqrt();
        assert!((mean - p.combined).abs() <= 0.01, "{}", p.date);
    }
    // 2013: BB side 100 × 10/13, AA side 100 × 10/11: combined √(76.92 × 90.91) ≈ 83.62.
    let p = s
        .points
        .iter()
        .find(|p| p.date == day("2013-01-01"))
        .unwrap();
    assert_eq!(p.combined, 83.62);
}

#[test]
fn the_index_does_not_depend_on_the_order_of_the_states() {
    let image = world();
    let ab = series(
        &image,
        "2009-01-01",
        "2016-01-01",
        "2010-01-01",
        Step::Month,
    );
    let ba = image
        .normalisation_index(
            st("BB"),
            st("AA"),
            day("2009-01-01"),
            day("2016-01-01"),
            day("2010-01-01"),
            Step::Month,
            View::everything(),
        )
        .unwrap();
    assert_eq!(ab.points, ba.points);
    assert_eq!(ab.baseline_restriction, ba.baseline_restriction);
}

#[test]
fn a_vacant_head_of_mission_counts() {
    let image = two_states(
        r#"
[[act]]
kind = "hom_arrived"
date = "2005-01-01"
sending = "AA"
host = "BB"
person = "Ann"

[[act]]
kind = "hom_departed"
date = "2010-01-01"
sending = "AA"
host = "BB"
person = "Ann"

[[act]]
kind = "hom_arrived"
date = "2011-01-01"
sending = "AA"
host = "BB"
person = "Ada"
"#,
    );
    let s = series(&image, "2009-01-01", "2012-01-01", "2009-01-01", Step::Year);
    let at = |date| s.points.iter().find(|p| p.date == day(date)).unwrap().sides[&st("AA")].clone();
    assert!(!at("2009-01-01").head_absent);
    assert!(at("2010-01-01").head_absent);
    assert_eq!(at("2010-01-01").restriction, HEAD_ABSENT_WEIGHT);
    assert_eq!(at("2010-01-01").index, expected(0.0, HEAD_ABSENT_WEIGHT));
    assert_eq!(at("2012-01-01").index, 100.0);
}

#[test]
fn known_through_replays_what_was_known() {
    let image = world();
    // Before the lifting was recorded, the cap was still in force in 2015.
    let then = image
        .normalisation_index(
            st("AA"),
            st("BB"),
            day("2015-01-01"),
            day("2015-01-01"),
            day("2009-01-01"),
            Step::Year,
            View::new(
                day("2030-01-01"),
                image.last_seq() - 1,
                chancery_domain::Reader::Rules,
            ),
        )
        .unwrap();
    assert_eq!(
        then.points[0].sides[&st("BB")].index,
        expected(0.0, weight(MeasureKind::StaffCap))
    );
    assert_eq!(then.known_through_seq, Some(image.last_seq() - 1));
}

#[test]
fn the_formula_is_returned_beside_the_figures() {
    let image = world();
    let s = series(&image, "2009-01-01", "2010-01-01", "2009-01-01", Step::Year);
    assert_eq!(s.formula, formula());
    assert!(s
        .formula
        .contains("index_S(t) = 100 × (K + R_S(baseline)) / (K + R_S(t)) with K = 10"));
    assert_eq!(s.weights["staff_cap"], 3.0);
    assert_eq!(s.weights["head_of_mission_absent"], HEAD_ABSENT_WEIGHT);
    assert_eq!(s.weights.len(), MeasureKind::ALL.len() + 1);
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["step"], "year");
    assert!(json["points"][0]["sides"]["AA"]["index"].is_number());
}

#[test]
fn bad_questions_are_refused_with_a_reason() {
    let image = world();
    let ask = |from: &str, to: &str, step| {
        image.normalisation_index(
            st("AA"),
            st("BB"),
            day(from),
            day(to),
            day(from),
            step,
            View::everything(),
        )
    };
    assert!(matches!(
        ask("2015-01-01", "2014-01-01", Step::Year),
        Err(IndexError::EmptyRange { .. })
    ));
    assert_eq!(
        ask("2015-01-01", "2016-01-01", Step::Days(0)),
        Err(IndexError::ZeroStep)
    );
    let too_many = ask("1990-01-01", "2020-01-01", Step::Days(1)).unwrap_err();
    assert!(matches!(
        too_many,
        IndexError::TooManyPoints {
            max: MAX_POINTS,
            ..
        }
    ));
    assert!(too_many.to_string().contains("2000"), "{too_many}");
    assert_eq!(
        image.normalisation_index(
            st("AA"),
            st("ZZ"),
            day("2015-01-01"),
            day("2016-01-01"),
            day("2015-01-01"),
            Step::Year,
            View::everything()
        ),
        Err(IndexError::Query(QueryError::UnknownState(st("ZZ"))))
    );
}

#[test]
fn demo_relations_worsened_from_2013_to_2025() {
    let image = demo();
    let s = image
        .normalisation_index(
            st("US"),
            st("RU"),
            day("2013-01-01"),
            day("2025-01-01"),
            day("2013-01-01"),
            Step::Year,
            View::everything(),
        )
        .unwrap();
    assert_eq!(s.points.len(), 13);
    assert_eq!(s.points[0].combined, 100.0);
    let last = s.points.last().unwrap();
    assert!(last.combined < 100.0, "{last:?}");
    for state in ["US", "RU"] {
        assert!(last.sides[&st(state)].index < 100.0, "{state}: {last:?}");
    }
    // After the 2017 cap and closures relations are well below the 2013 level, and the 2021
    // round (expulsions, the local-staff ban, visas) takes them below half of it.
    let at = |date: &str| {
        s.points
            .iter()
            .find(|p| p.date == day(date))
            .unwrap()
            .combined
    };
    assert!(at("2018-01-01") < 75.0, "{}", at("2018-01-01"));
    assert!(at("2022-01-01") < 50.0, "{}", at("2022-01-01"));
    assert!(at("2022-01-01") < at("2018-01-01"));
}
