//! Parity by dimension (DESIGN.md §4): small hand-made histories whose answer is obvious, the
//! symmetry of the answer under swapping the two states, and facts of the US–Russia demo checked
//! against data/sources/us-ru/timeline.md.

use std::sync::OnceLock;

use chancery_domain::image::timeline::{Verdicts, View};
use chancery_domain::query::QueryError;
use chancery_domain::reciprocity::parity::{
    BasisKind, Definition, Dimension, Outcome, Parity, StaffDefinition,
    AGREMENT_WITHHELD_AFTER_DAYS,
};
use chancery_domain::vocab::Bound;
use chancery_domain::{CivilDate, Image, StateCode};
use chancery_generate::{generate, state_code, WorldSpec};
use proptest::prelude::*;

use crate::common;
use common::{day, on, st, two_state_world};

// ---- helpers ----

fn parity(image: &Image, date: &str, def: Definition) -> Parity {
    image.parity(st("AA"), st("BB"), on(date), &def).unwrap()
}

fn dim<'a>(p: &'a Parity, key: &str) -> &'a Dimension {
    p.dimensions
        .iter()
        .find(|d| d.key == key)
        .unwrap_or_else(|| panic!("no dimension {key}"))
}

fn diplomatic(include_io: bool) -> Definition {
    Definition {
        staff: StaffDefinition::Diplomatic,
        include_io,
    }
}

const CAP_BB_AT_10: &str = r#"
[[act]]
kind = "measure_imposed"
date = "2010-03-01"
measure = "cap-10"
actor = "AA"
target = "BB"
measure_kind = "staff_cap"
summary = "AA caps BB's mission at 10"
magnitude = { cap = 10 }
external_ref = "T001"
"#;

// ---- small histories ----

#[test]
fn a_cap_on_one_side_only_makes_its_host_stricter() {
    let image = two_state_world(CAP_BB_AT_10);
    let p = parity(&image, "2011-01-01", Definition::default());
    let cap = dim(&p, "staff_cap");
    assert_eq!(cap.outcome, Outcome::Stricter);
    assert_eq!(cap.stricter, Some(st("AA")));
    let bb = &cap.values[&st("BB")];
    assert!(bb.is_known());
    assert_eq!(bb.number(), Some(10));
    assert_eq!(bb.status, Some("capped"));
    // No cap is known, and is no number at all, certainly not 0.
    let aa = &cap.values[&st("AA")];
    assert!(aa.is_known());
    assert_eq!(aa.number(), None);
    assert_eq!(aa.status, Some("none"));
    // The measure behind the figure, with its outside reference.
    assert_eq!(cap.basis.len(), 1);
    assert_eq!(cap.basis[0].kind, BasisKind::Measure);
    assert_eq!(cap.basis[0].id.as_deref(), Some("cap-10"));
    assert_eq!(cap.basis[0].external_ref.as_deref(), Some("T001"));
    assert_eq!(cap.basis[0].mission, st("BB"));

    // Before the cap, both sides are equal.
    let before = parity(&image, "2010-02-28", Definition::default());
    assert_eq!(dim(&before, "staff_cap").outcome, Outcome::Equal);
    assert_eq!(dim(&before, "staff_cap").stricter, None);
}

#[test]
fn the_tighter_of_two_caps_is_the_stricter_and_by_how_much_is_the_gap() {
    let image = two_state_world(&format!(
        "{CAP_BB_AT_10}{}",
        r#"
[[act]]
kind = "measure_imposed"
date = "2010-04-01"
measure = "cap-25"
actor = "BB"
target = "AA"
measure_kind = "staff_cap"
summary = "BB caps AA's mission at 25"
magnitude = { cap = 25 }
answers = ["cap-10"]
"#
    ));
    let cap = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "staff_cap",
    )
    .clone();
    assert_eq!(cap.stricter, Some(st("AA")));
    assert_eq!(cap.by_how_much, Some(15));
}

#[test]
fn a_lifted_measure_is_no_longer_in_force() {
    let image = two_state_world(&format!(
        "{CAP_BB_AT_10}{}",
        r#"
[[act]]
kind = "measure_lifted"
date = "2012-01-01"
measure = "cap-10"
"#
    ));
    assert_eq!(
        dim(
            &parity(&image, "2011-12-31", Definition::default()),
            "staff_cap"
        )
        .stricter,
        Some(st("AA"))
    );
    assert_eq!(
        dim(
            &parity(&image, "2012-01-01", Definition::default()),
            "staff_cap"
        )
        .outcome,
        Outcome::Equal
    );
}

#[test]
fn unknown_staff_stays_unknown_and_is_never_zero() {
    let image = two_state_world("");
    let p = parity(&image, "2011-01-01", Definition::default());
    let staff = dim(&p, "staff");
    for v in staff.values.values() {
        assert!(!v.is_known());
        assert_eq!(v.number(), None);
        assert!(v.text.starts_with("unknown"), "{}", v.text);
    }
    assert_eq!(staff.outcome, Outcome::NotComparable);
    assert_eq!(staff.stricter, None);
    let json = serde_json::to_value(staff).unwrap();
    assert_eq!(json["values"]["AA"]["known"], false);
    assert!(json["values"]["AA"]["number"].is_null());
}

const REPORTS: &str = r#"
[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "AA"
host = "BB"
posts = []
value = 100
bound = "exact"
counting = "all_staff"
includes_io = false

[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "AA"
host = "BB"
posts = []
value = 20
bound = "exact"
counting = "diplomatic"
includes_io = false

[[act]]
kind = "staffing_reported"
date = "2010-07"
sending = "BB"
host = "AA"
posts = []
value = 80
bound = "about"
counting = "all_staff"
includes_io = false

[[act]]
kind = "staffing_reported"
date = "2010-07"
sending = "BB"
host = "AA"
posts = []
value = 30
bound = "exact"
counting = "diplomatic"
includes_io = false
"#;

#[test]
fn the_definition_picks_the_report_that_counts_what_it_counts() {
    let image = two_state_world(REPORTS);
    let all = parity(&image, "2011-01-01", Definition::default());
    let staff = dim(&all, "staff");
    assert_eq!(staff.values[&st("AA")].number(), Some(100));
    assert_eq!(staff.values[&st("BB")].number(), Some(80));
    assert_eq!(staff.values[&st("BB")].bound, Some(Bound::About));
    // BB's mission is the smaller: AA, its host, has treated it more strictly.
    assert_eq!(staff.stricter, Some(st("AA")));
    assert_eq!(staff.by_how_much, Some(20));
    assert_eq!(all.definition.staff, StaffDefinition::All);
    assert!(staff.definition.contains("all staff"));

    let dip = parity(&image, "2011-01-01", diplomatic(true));
    let staff = dim(&dip, "staff");
    assert_eq!(staff.values[&st("AA")].number(), Some(20));
    assert_eq!(staff.values[&st("BB")].number(), Some(30));
    assert_eq!(staff.stricter, Some(st("BB")));
    assert_eq!(staff.by_how_much, Some(10));
    assert!(staff.definition.contains("diplomatic"));
    assert_eq!(staff.basis.len(), 2);
    assert!(staff.basis.iter().all(|b| b.kind == BasisKind::Report));
}

/// The staff figure states its age, and a cap below it that took effect since marks it as
/// predating that cap, with the bound, and brings the cap into the basis.
#[test]
fn the_staff_figure_states_its_age_and_the_cap_it_predates() {
    let cap_aa_at_50 = r#"
[[act]]
kind = "measure_imposed"
date = "2010-09-01"
measure = "cap-50"
actor = "BB"
target = "AA"
measure_kind = "staff_cap"
summary = "BB caps AA's mission at 50"
magnitude = { cap = 50 }
external_ref = "T050"
"#;
    let image = two_state_world(&format!("{REPORTS}{cap_aa_at_50}"));
    let p = parity(&image, "2011-01-01", Definition::default());
    let aa = &dim(&p, "staff").values[&st("AA")];
    assert!(
        aa.text.contains("reported 2010-06, 6 months old"),
        "{}",
        aa.text
    );
    assert!(
        aa.notes.iter().any(|n| n
            == "predates the 50 cap in force since 2010-09-01 (T050): at most 50 all staff since"),
        "{:?}",
        aa.notes
    );
    assert!(dim(&p, "staff")
        .basis
        .iter()
        .any(|b| b.kind == BasisKind::Measure && b.external_ref.as_deref() == Some("T050")));
    // Before the cap took effect the figure predates nothing.
    let before = parity(&image, "2010-08-01", Definition::default());
    assert!(dim(&before, "staff").values[&st("AA")].notes.is_empty());
}

#[test]
fn figures_whose_ranges_overlap_are_not_compared() {
    let image = two_state_world(
        r#"
[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "AA"
host = "BB"
posts = []
value = 50
bound = "more_than"
counting = "all_staff"
includes_io = false

[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "BB"
host = "AA"
posts = []
value = 80
bound = "exact"
counting = "all_staff"
includes_io = false
"#,
    );
    let staff = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "staff",
    )
    .clone();
    assert_eq!(staff.outcome, Outcome::NotComparable);
    assert_eq!(staff.stricter, None);
    assert!(staff.comparison.contains("overlap"), "{}", staff.comparison);
}

#[test]
fn a_report_that_counts_io_missions_against_the_definition_is_noted_and_not_compared() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "bb-mission-io"
sending = "BB"
host = "AA"
post_kind = "mission_to_io"
name = "Bland Mission to the Organisation"
city = "A City"

[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "BB"
host = "AA"
posts = []
value = 200
bound = "exact"
counting = "diplomatic"
includes_io = true

[[act]]
kind = "staffing_reported"
date = "2010-06"
sending = "AA"
host = "BB"
posts = []
value = 20
bound = "exact"
counting = "diplomatic"
includes_io = false
"#,
    );
    // With IO missions: BB's figure matches; AA has no IO mission, so its figure matches too.
    let with = dim(&parity(&image, "2011-01-01", diplomatic(true)), "staff").clone();
    assert_eq!(with.stricter, Some(st("BB")));
    assert!(with.values[&st("BB")].notes.is_empty());
    // Without: BB's only figure counts its IO mission; shown, noted, not compared.
    let without = dim(&parity(&image, "2011-01-01", diplomatic(false)), "staff").clone();
    let bb = &without.values[&st("BB")];
    assert_eq!(bb.number(), Some(200));
    assert!(
        bb.notes
            .iter()
            .any(|n| n.contains("international organisations")),
        "{:?}",
        bb.notes
    );
    assert_eq!(without.outcome, Outcome::NotComparable);
}

#[test]
fn without_a_report_individuals_on_record_are_a_lower_bound() {
    let image = two_state_world(
        r#"
[[act]]
kind = "member_notified"
date = "2005-01-01"
member = "aa-dip-1"
post = "aa-embassy"
name = "A. One"
category = "diplomatic"

[[act]]
kind = "member_arrived"
date = "2005-02-01"
member = "aa-dip-1"

[[act]]
kind = "member_notified"
date = "2005-01-01"
member = "aa-local-1"
post = "aa-embassy"
name = "B. Local"
category = "locally_employed"

[[act]]
kind = "member_arrived"
date = "2005-02-01"
member = "aa-local-1"
"#,
    );
    let all = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "staff",
    )
    .clone();
    let aa = &all.values[&st("AA")];
    assert_eq!(
        (aa.is_known(), aa.number(), aa.bound),
        (true, Some(2), Some(Bound::AtLeast))
    );
    assert!(all.basis.iter().any(|b| b.kind == BasisKind::Member));
    let dip = dim(&parity(&image, "2011-01-01", diplomatic(true)), "staff").clone();
    assert_eq!(dip.values[&st("AA")].number(), Some(1));
    // BB has nothing on record: unknown, so nothing is compared.
    assert!(!dip.values[&st("BB")].is_known());
    assert_eq!(dip.stricter, None);
}

#[test]
fn closing_a_consulate_makes_the_host_stricter_on_consular_posts() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "aa-cg"
sending = "AA"
host = "BB"
post_kind = "consulate_general"
name = "Aland CG"
city = "B Port"

[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "bb-cg"
sending = "BB"
host = "AA"
post_kind = "consulate_general"
name = "Bland CG"
city = "A Port"

[[act]]
kind = "measure_imposed"
date = "2015-05-01"
measure = "close-aa-cg"
actor = "BB"
target = "AA"
measure_kind = "post_closure"
summary = "BB withdraws consent for AA's consulate"
scope = { posts = ["aa-cg"] }

[[act]]
kind = "post_closed"
date = "2015-05-01"
post = "aa-cg"
by = "BB"
measure = "close-aa-cg"
"#,
    );
    let before = parity(&image, "2015-04-30", Definition::default());
    assert_eq!(dim(&before, "posts_consular").outcome, Outcome::Equal);
    let after = parity(&image, "2015-05-01", Definition::default());
    let posts = dim(&after, "posts_consular");
    assert_eq!(posts.stricter, Some(st("BB")));
    assert_eq!(posts.by_how_much, Some(1));
    assert_eq!(posts.values[&st("AA")].number(), Some(0));
    assert!(posts.values[&st("AA")].is_known());
    assert!(posts
        .basis
        .iter()
        .any(|b| b.id.as_deref() == Some("aa-cg") && b.summary.contains("close-aa-cg")));
    assert_eq!(dim(&after, "posts_embassy").outcome, Outcome::Equal);
}

/// A post recorded with `start_unknown` existed before its first date on record: from the
/// record's start it counts as open, flagged, and not as "maybe".
#[test]
fn a_post_first_on_record_later_with_an_unknown_start_counts_as_open_from_the_record_start() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "aa-cg"
sending = "AA"
host = "BB"
post_kind = "consulate_general"
name = "Aland CG"
city = "B Port"

[[act]]
kind = "post_opened"
date = "2012-01-01"
start_unknown = true
post = "bb-cg"
sending = "BB"
host = "AA"
post_kind = "consulate_general"
name = "Bland CG"
city = "A Port"
"#,
    );
    let posts = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "posts_consular",
    )
    .clone();
    let bb = &posts.values[&st("BB")];
    assert_eq!((bb.number(), bb.bound), (Some(1), None));
    assert!(
        bb.notes.iter().any(|n| n.contains("start unknown")),
        "{:?}",
        bb.notes
    );
    assert_eq!(posts.outcome, Outcome::Equal);
    // Before the record's first act (2000-01-01) the record says nothing of either post.
    let before = dim(
        &parity(&image, "1999-06-01", Definition::default()),
        "posts_consular",
    )
    .clone();
    assert!(!before.values[&st("BB")].is_known());
}

/// A closure dated only "2021-04", asked about 10 April: the post may be open or closed, so
/// the count is a range with the `uncertain` status, and the comparison is not confident.
#[test]
fn a_closure_dated_by_month_makes_the_count_a_range_inside_that_month() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "aa-cg"
sending = "AA"
host = "BB"
post_kind = "consulate_general"
name = "Aland CG"
city = "B Port"

[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "bb-cg"
sending = "BB"
host = "AA"
post_kind = "consulate_general"
name = "Bland CG"
city = "A Port"

[[act]]
kind = "post_closed"
date = "2021-04"
post = "aa-cg"
by = "BB"
"#,
    );
    let inside = dim(
        &parity(&image, "2021-04-10", Definition::default()),
        "posts_consular",
    )
    .clone();
    let aa = &inside.values[&st("AA")];
    assert_eq!(aa.status, Some("uncertain"));
    assert!(aa.text.starts_with("0 to 1 open"), "{}", aa.text);
    assert_ne!(inside.outcome, Outcome::Stricter);
    let after = dim(
        &parity(&image, "2021-05-01", Definition::default()),
        "posts_consular",
    )
    .clone();
    assert_eq!(after.values[&st("AA")].status, None);
    assert_eq!(after.values[&st("AA")].number(), Some(0));
    assert_eq!(after.outcome, Outcome::Stricter);
}

#[test]
fn a_local_staff_ban_is_a_known_zero_and_no_limit_is_no_number() {
    let image = two_state_world(
        r#"
[[act]]
kind = "measure_imposed"
date = "2010-03-01"
measure = "no-locals"
actor = "BB"
target = "AA"
measure_kind = "local_staff_limit"
summary = "BB bans local hiring by AA's mission"
magnitude = { cap = 0 }
"#,
    );
    let local = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "local_staff",
    )
    .clone();
    let aa = &local.values[&st("AA")];
    assert_eq!(
        (aa.is_known(), aa.number(), aa.status),
        (true, Some(0), Some("banned"))
    );
    let bb = &local.values[&st("BB")];
    assert_eq!(
        (bb.is_known(), bb.number(), bb.status),
        (true, None, Some("none"))
    );
    assert_eq!(local.stricter, Some(st("BB")));
}

#[test]
fn measures_are_counted_per_kind_and_the_host_with_more_is_stricter() {
    let image = two_state_world(
        r#"
[[act]]
kind = "measure_imposed"
date = "2010-03-01"
measure = "travel-1"
actor = "AA"
target = "BB"
measure_kind = "travel_restriction"
summary = "25-mile rule"

[[act]]
kind = "measure_imposed"
date = "2010-03-01"
measure = "travel-2"
actor = "AA"
target = "BB"
measure_kind = "travel_restriction"
summary = "notice of travel"

[[act]]
kind = "measure_imposed"
date = "2010-03-01"
measure = "travel-3"
actor = "BB"
target = "AA"
measure_kind = "travel_restriction"
summary = "mirror rule"
"#,
    );
    let travel = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "travel",
    )
    .clone();
    assert_eq!(travel.values[&st("BB")].number(), Some(2));
    assert_eq!(travel.values[&st("AA")].number(), Some(1));
    assert_eq!(travel.stricter, Some(st("AA")));
    assert_eq!(travel.by_how_much, Some(1));
    assert_eq!(travel.basis.len(), 3);
}

#[test]
fn premises_seized_by_the_host_make_it_stricter() {
    let image = two_state_world(
        r#"
[[act]]
kind = "premises_acquired"
date = "2000-01-01"
premises = "aa-dacha"
post = "aa-embassy"
premises_kind = "residence"
name = "Dacha"
city = "B City"

[[act]]
kind = "premises_acquired"
date = "2000-01-01"
premises = "bb-chancery"
post = "bb-embassy"
premises_kind = "chancery"
name = "Chancery"
city = "A City"

[[act]]
kind = "premises_seized"
date = "2010-08-01"
premises = "aa-dacha"
by = "BB"
"#,
    );
    let premises = dim(
        &parity(&image, "2011-01-01", Definition::default()),
        "premises_usable",
    )
    .clone();
    assert_eq!(premises.stricter, Some(st("BB")));
    assert_eq!(premises.by_how_much, Some(1));
    assert_eq!(premises.values[&st("AA")].number(), Some(0));
    assert_eq!(premises.values[&st("BB")].number(), Some(1));
    assert!(premises
        .basis
        .iter()
        .any(|b| b.kind == BasisKind::Premises && b.id.as_deref() == Some("aa-dacha")));
}

const HEADS: &str = r#"
[[act]]
kind = "hom_arrived"
date = "2005-01-01"
sending = "AA"
host = "BB"
person = "Ann Ambassador"

[[act]]
kind = "hom_arrived"
date = "2005-01-01"
sending = "BB"
host = "AA"
person = "Bob Ambassador"

[[act]]
kind = "hom_departed"
date = "2010-01-01"
sending = "AA"
host = "BB"
person = "Ann Ambassador"

[[act]]
kind = "agrement_requested"
date = "2010-02-01"
sending = "AA"
host = "BB"
person = "Carl Candidate"
"#;

#[test]
fn a_vacancy_is_the_hosts_doing_only_when_it_withholds_agrement() {
    let image = two_state_world(HEADS);
    // Requested a month ago: an ordinary wait, not the host's doing.
    let early = dim(
        &parity(&image, "2010-03-01", Definition::default()),
        "head_of_mission",
    )
    .clone();
    let aa = &early.values[&st("AA")];
    assert_eq!((aa.status, aa.number()), (Some("vacant"), Some(59)));
    assert_eq!(early.outcome, Outcome::NotComparable);
    // Pending for more than 90 days: withheld, the host is stricter.
    let late = dim(
        &parity(&image, "2010-06-01", Definition::default()),
        "head_of_mission",
    )
    .clone();
    assert_eq!(late.stricter, Some(st("BB")));
    assert!(
        late.comparison.contains("Carl Candidate"),
        "{}",
        late.comparison
    );
    assert_eq!(late.values[&st("BB")].status, Some("in_post"));
    assert!(late
        .explanation
        .contains(&format!("{AGREMENT_WITHHELD_AFTER_DAYS} days")));
    // Both in post: equal.
    let both = dim(
        &parity(&image, "2006-01-01", Definition::default()),
        "head_of_mission",
    )
    .clone();
    assert_eq!(both.outcome, Outcome::Equal);
}

#[test]
fn known_through_hides_acts_recorded_later() {
    let image = two_state_world(CAP_BB_AT_10);
    let last = image.last_seq();
    let then = View::new(
        "2011-01-01".parse().unwrap(),
        last - 1,
        chancery_domain::Reader::Rules,
    );
    let p = image
        .parity(st("AA"), st("BB"), then, &Definition::default())
        .unwrap();
    assert_eq!(p.known_through_seq, Some(last - 1));
    assert_eq!(dim(&p, "staff_cap").outcome, Outcome::Equal);
}

#[test]
fn a_relation_needs_two_registered_states() {
    let image = two_state_world("");
    let def = Definition::default();
    assert_eq!(
        image.parity(st("AA"), st("AA"), on("2011-01-01"), &def),
        Err(QueryError::SameState(st("AA")))
    );
    assert_eq!(
        image.parity(st("AA"), st("ZZ"), on("2011-01-01"), &def),
        Err(QueryError::UnknownState(st("ZZ")))
    );
}

#[test]
fn every_dimension_has_a_stable_key_and_a_definition() {
    let image = two_state_world(REPORTS);
    let p = parity(&image, "2011-01-01", Definition::default());
    let keys: Vec<&str> = p.dimensions.iter().map(|d| d.key).collect();
    assert_eq!(
        keys,
        [
            "staff",
            "posts_embassy",
            "posts_consular",
            "posts_cultural",
            "posts_io",
            "premises_usable",
            "local_staff",
            "staff_cap",
            "travel",
            "diplomatic_visas",
            "consular_service",
            "visa_services",
            "consular_access",
            "banking",
            "official_visitors",
            "head_of_mission"
        ]
    );
    for d in &p.dimensions {
        assert!(
            !d.definition.is_empty() && !d.explanation.is_empty(),
            "{}",
            d.key
        );
        assert_eq!(d.values.len(), 2, "{}", d.key);
        // `stricter` is set exactly when the outcome says so.
        assert_eq!(
            d.stricter.is_some(),
            d.outcome == Outcome::Stricter,
            "{}",
            d.key
        );
        for v in d.values.values() {
            assert!(
                v.is_known() || v.number().is_none(),
                "{}: unknown with a number",
                d.key
            );
        }
    }
}

// ---- symmetry ----

fn demo() -> &'static Image {
    static DEMO: OnceLock<Image> = OnceLock::new();
    DEMO.get_or_init(common::demo)
}

/// A small generated world: 6 states over 8 years, every kind of fact in play.
fn small_world() -> &'static (WorldSpec, Image) {
    static WORLD: OnceLock<(WorldSpec, Image)> = OnceLock::new();
    WORLD.get_or_init(|| {
        let spec = WorldSpec {
            states: 6,
            years: 8,
            seed: 7,
            start_year: 2000,
        };
        let acts = generate(&spec).zip(1..).map(|(act, seq)| (seq, 0, act));
        (
            spec,
            Image::replay(acts).expect("a generated journal replays"),
        )
    })
}

fn definition_strategy() -> impl Strategy<Value = Definition> {
    (any::<bool>(), any::<bool>()).prop_map(|(dip, include_io)| Definition {
        staff: if dip {
            StaffDefinition::Diplomatic
        } else {
            StaffDefinition::All
        },
        include_io,
    })
}

fn assert_symmetric(image: &Image, a: StateCode, b: StateCode, view: View, def: &Definition) {
    // Asked as known before both states were registered, both orders must refuse alike.
    let (ab, ba) = match (image.parity(a, b, view, def), image.parity(b, a, view, def)) {
        (Ok(ab), Ok(ba)) => (ab, ba),
        (Err(_), Err(_)) => return,
        (x, y) => panic!("one order answers, the other refuses: {x:?} / {y:?}"),
    };
    assert_eq!(ab.states, vec![a, b]);
    assert_eq!(ba.states, vec![b, a]);
    assert_eq!(ab.dimensions.len(), ba.dimensions.len());
    for (x, y) in ab.dimensions.iter().zip(&ba.dimensions) {
        // Same values per state, same stricter side, same everything.
        assert_eq!(
            x, y,
            "dimension {} differs between ({a}, {b}) and ({b}, {a})",
            x.key
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn parity_is_symmetric_on_the_demo(
        days in 0i32..(13 * 365),
        def in definition_strategy(),
        known in prop::option::of(1u64..200),
    ) {
        let as_of = "2013-01-01".parse::<CivilDate>().unwrap().add_days(days);
        let view = View::new(as_of, known.unwrap_or(u64::MAX), chancery_domain::Reader::Rules);
        assert_symmetric(demo(), st("US"), st("RU"), view, &def);
    }

    #[test]
    fn parity_is_symmetric_on_a_generated_world(
        days in 0i32..(8 * 365),
        pair in (0u16..6, 0u16..6).prop_filter("two states", |(i, j)| i != j),
        def in definition_strategy(),
    ) {
        let (spec, image) = small_world();
        let view = View::rules(spec.start_date().add_days(days));
        assert_symmetric(image, state_code(pair.0), state_code(pair.1), view, &def);
    }
}

// ---- the demo, against data/sources/us-ru/timeline.md ----

fn demo_parity(date: &str, def: Definition) -> Parity {
    demo().parity(st("US"), st("RU"), on(date), &def).unwrap()
}

#[test]
fn demo_2018_the_us_mission_is_capped_at_455_and_the_russian_is_not() {
    // Timeline §1, 2017: Russia caps the US mission at 455 from 1 Sep 2017 [R012].
    let p = demo_parity("2018-01-01", Definition::default());
    let cap = dim(&p, "staff_cap");
    assert_eq!(cap.values[&st("US")].number(), Some(455));
    assert_eq!(cap.values[&st("US")].status, Some("capped"));
    assert_eq!(cap.values[&st("RU")].number(), None);
    assert!(cap.values[&st("RU")].is_known());
    assert_eq!(cap.stricter, Some(st("RU")));
    assert!(cap
        .basis
        .iter()
        .any(|b| b.external_ref.as_deref() == Some("R012")));
    // Timeline §3: from 2 Sep 2017 each side had three consulates.
    let consular = dim(&p, "posts_consular");
    assert_eq!(consular.values[&st("US")].number(), Some(3));
    assert_eq!(consular.values[&st("RU")].number(), Some(3));
    assert_eq!(consular.outcome, Outcome::Equal);
}

#[test]
fn demo_2018_the_us_staff_figure_predates_the_cap_and_says_so() {
    let p = demo_parity("2018-01-01", Definition::default());
    let us = &dim(&p, "staff").values[&st("US")];
    assert!(us.is_known());
    assert!(
        us.notes.iter().any(|n| n.contains("455")),
        "the cap imposed after the figure should be noted: {:?}",
        us.notes
    );
    // Timeline §2: no all-staff figure for the Russian missions.
    let ru = &dim(&p, "staff").values[&st("RU")];
    assert!(!ru.is_known());
    assert_eq!(ru.number(), None);
}

#[test]
fn demo_2021_09_local_staff_banned_for_the_us_mission_unrestricted_for_the_russian() {
    // Timeline §1, 2021: a limit of 0 local staff for the US [R044], in effect 1 Aug [R049].
    let p = demo_parity("2021-09-01", Definition::default());
    let local = dim(&p, "local_staff");
    let us = &local.values[&st("US")];
    assert_eq!(
        (us.is_known(), us.number(), us.status),
        (true, Some(0), Some("banned"))
    );
    let ru = &local.values[&st("RU")];
    assert_eq!(
        (ru.is_known(), ru.number(), ru.status),
        (true, None, Some("none"))
    );
    assert_eq!(local.stricter, Some(st("RU")));
    // The travel agreement's denunciation [R040] and the official-visit quota [R039] are in force
    // against the US; of the US visa measures against Russia only R032 bites yet: R050's
    // diplomats must leave by 3 Sep 2021 and R051's by 30 Jan 2022, when those take effect.
    assert_eq!(dim(&p, "travel").stricter, Some(st("RU")));
    assert_eq!(dim(&p, "official_visitors").stricter, Some(st("RU")));
    assert_eq!(dim(&p, "diplomatic_visas").stricter, Some(st("US")));
    assert_eq!(
        dim(&p, "diplomatic_visas").values[&st("RU")].number(),
        Some(1)
    );
    let later = demo_parity("2021-09-04", Definition::default());
    assert_eq!(
        dim(&later, "diplomatic_visas").values[&st("RU")].number(),
        Some(2)
    );
}

#[test]
fn demo_2021_09_the_us_mission_is_down_to_emergency_services() {
    // Timeline §4: from 1 Aug 2021 the embassy offers emergency services only.
    let p = demo_parity("2021-09-01", Definition::default());
    let consular = dim(&p, "consular_service");
    assert_eq!(consular.values[&st("US")].status, Some("emergency_only"));
    // No Russian service level on record: unknown, not compared.
    assert!(!consular.values[&st("RU")].is_known());
    assert_eq!(consular.outcome, Outcome::NotComparable);
}

#[test]
fn demo_2025_11_the_us_post_is_vacant_and_darchiev_is_in_post() {
    // Timeline §5: Tracy left 27 Jun 2025, post vacant; Darchiev in post since 26 Mar 2025.
    let p = demo_parity("2025-11-01", Definition::default());
    let head = dim(&p, "head_of_mission");
    let us = &head.values[&st("US")];
    assert_eq!(us.status, Some("vacant"));
    assert!(us.text.contains("2025-06-27"), "{}", us.text);
    assert_eq!(us.number(), Some(127));
    let ru = &head.values[&st("RU")];
    assert_eq!(ru.status, Some("in_post"));
    assert!(ru.text.contains("Darchiev"), "{}", ru.text);
    // The record has an agrément request for Norland (Feb 2025, low confidence [R067]) that was
    // never granted. A verdict rests on it only when low-confidence facts are asked for; the
    // vacancy alone, a sending state's own matter, makes nobody stricter.
    assert_eq!(head.stricter, None);
    assert!(!head
        .basis
        .iter()
        .any(|b| b.external_ref.as_deref() == Some("R067")));
    let image = demo();
    let with_low = image
        .parity(
            st("US"),
            st("RU"),
            View::rules(day("2025-11-01")).with_verdicts(Verdicts {
                include_low_confidence: true,
                ..Verdicts::default()
            }),
            &Definition::default(),
        )
        .unwrap();
    let head = dim(&with_low, "head_of_mission");
    assert_eq!(head.stricter, Some(st("RU")));
    assert!(
        head.comparison.contains("low-confidence report only"),
        "{}",
        head.comparison
    );
    let norland = head
        .basis
        .iter()
        .find(|b| b.external_ref.as_deref() == Some("R067"))
        .expect("the agrément request is in the basis");
    assert_eq!(
        norland.confidence,
        Some(chancery_domain::vocab::Confidence::Low)
    );
}

#[test]
fn demo_2025_11_banking_and_visas_weigh_on_the_russian_missions() {
    // Timeline §1, 2022: accounts of the Russian consulates closed [R057] by a private bank,
    // not the US government: shown, never counted; visa rules [R053, R078] are the government's.
    let p = demo_parity("2025-11-01", Definition::default());
    let banking = dim(&p, "banking");
    assert_eq!(banking.values[&st("RU")].number(), Some(0));
    assert_eq!(banking.stricter, None);
    assert!(
        banking.values[&st("RU")]
            .notes
            .iter()
            .any(|n| n.contains("R057") && n.contains("private")),
        "{:?}",
        banking.values[&st("RU")].notes
    );
    assert_eq!(dim(&p, "diplomatic_visas").stricter, Some(st("US")));
    // Timeline §3: by 2021 the US had no working consulate left but Yekaterinburg (formally open)
    // while Russia kept New York and Houston. Vladivostok the US suspended itself: not a
    // Russian measure, so it counts as open in the verdict and the two sides are level.
    let consular = dim(&p, "posts_consular");
    assert_eq!(consular.values[&st("RU")].number(), Some(2));
    assert_eq!(consular.values[&st("US")].number(), Some(1));
    assert_eq!(consular.stricter, None);
    assert!(
        consular.values[&st("US")]
            .notes
            .iter()
            .any(|n| n.contains("by US itself")),
        "{:?}",
        consular.values[&st("US")].notes
    );
}

#[test]
fn demo_diplomatic_definition_uses_the_2021_russian_figure_only_with_io_missions() {
    // Timeline §2: "about 200 Russian diplomats in the US including the UN mission" (Oct 2021).
    let with_io = demo_parity("2022-01-01", diplomatic(true));
    let ru = &dim(&with_io, "staff").values[&st("RU")];
    assert_eq!((ru.number(), ru.bound), (Some(200), Some(Bound::About)));
    assert!(ru.notes.is_empty(), "{:?}", ru.notes);
    let without = demo_parity("2022-01-01", diplomatic(false));
    let staff = dim(&without, "staff");
    assert!(!staff.values[&st("RU")].notes.is_empty());
    assert_eq!(staff.outcome, Outcome::NotComparable);
    assert!(!without.definition.include_io);
}

/// A cultural institute is a post of its own kind: its closure by the host makes that host
/// stricter on cultural institutes, and moves neither the embassy nor the consular count.
#[test]
fn a_cultural_institute_is_counted_apart_from_diplomatic_and_consular_posts() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2005-01-01"
post = "aa-institute"
sending = "AA"
host = "BB"
post_kind = "cultural_institute"
name = "Aland Institute"
city = "B Port"

[[act]]
kind = "post_opened"
date = "2005-01-01"
post = "bb-institute"
sending = "BB"
host = "AA"
post_kind = "cultural_institute"
name = "Bland Institute"
city = "A Port"

[[act]]
kind = "post_closed"
date = "2018-06-01"
post = "aa-institute"
by = "BB"
"#,
    );
    let p = parity(&image, "2019-01-01", Definition::default());
    let cultural = dim(&p, "posts_cultural");
    assert_eq!(cultural.values[&st("AA")].number(), Some(0));
    assert_eq!(cultural.values[&st("BB")].number(), Some(1));
    assert_eq!(cultural.stricter, Some(st("BB")));
    for key in ["posts_embassy", "posts_consular"] {
        assert_eq!(dim(&p, key).outcome, Outcome::Equal, "{key}");
    }
    assert_eq!(
        dim(&p, "posts_consular").values[&st("AA")].number(),
        Some(0)
    );
}
