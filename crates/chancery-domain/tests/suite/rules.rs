//! Validation rules on small hand-made histories where the right answer is obvious.

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::Reader;
use chancery_domain::{Act, CivilDate, Image, RuleViolation, StateCode};
use serde_json::{json, Value};

fn act(v: Value) -> Act {
    Act::from_json(v).expect("well-formed act")
}

fn aa() -> StateCode {
    "AA".parse().unwrap()
}
fn bb() -> StateCode {
    "BB".parse().unwrap()
}

/// Two states; AA has an embassy in BB with two diplomats notified.
fn world() -> Image {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-emb", "sending": "AA", "host": "BB",
               "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
        json!({"kind": "member_notified", "date": "2010-01-01", "member": "d1", "post": "aa-emb", "name": "One", "category": "diplomatic"}),
        json!({"kind": "member_notified", "date": "2010-01-01", "member": "d2", "post": "aa-emb", "name": "Two", "category": "diplomatic"}),
    ] {
        image.record(&act(a), 0).expect("world builds");
    }
    image
}

fn refused(image: &mut Image, v: Value) -> RuleViolation {
    let before = image.clone();
    let err = image.record(&act(v), 0).expect_err("should be refused");
    assert_eq!(
        *image, before,
        "a refused act must leave the image untouched"
    );
    err
}

#[test]
fn closing_a_closed_post_is_refused_with_the_article() {
    let mut image = world();
    image
        .record(
            &act(
                json!({"kind": "post_closed", "date": "2015-03-01", "post": "aa-emb", "by": "BB"}),
            ),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "post_closed", "date": "2016", "post": "aa-emb", "by": "BB"}),
    );
    assert_eq!(e.code.as_str(), "post_already_closed");
    assert!(e.article.unwrap_or("").contains("VCDR Art. 2"));
}

#[test]
fn an_earlier_act_that_would_invalidate_a_later_one_is_refused() {
    let mut image = world();
    image
        .record(&act(json!({"kind": "post_suspended", "date": "2015-03-01", "post": "aa-emb", "by": "AA"})), 0)
        .unwrap();
    // Closing on 2015-01-01 would leave the later suspension acting on a closed post.
    let e = refused(
        &mut image,
        json!({"kind": "post_closed", "date": "2015-01-01", "post": "aa-emb", "by": "BB"}),
    );
    assert_eq!(e.code.as_str(), "later_act_invalidated");
    assert!(e.message.contains("#6"), "{}", e.message);
}

#[test]
fn png_only_for_members_on_staff_and_only_by_the_host() {
    let mut image = world();
    let e = refused(
        &mut image,
        json!({"kind": "member_declared_png", "date": "2012", "member": "nobody", "by": "BB"}),
    );
    assert_eq!(e.code.as_str(), "unknown_member");
    let e = refused(
        &mut image,
        json!({"kind": "member_declared_png", "date": "2012", "member": "d1", "by": "AA"}),
    );
    assert_eq!(
        (e.code.as_str(), e.article),
        ("png_by_non_host", Some("VCDR Art. 9"))
    );
    image
        .record(
            &act(json!({"kind": "member_departed", "date": "2011-06-01", "member": "d1"})),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "member_declared_png", "date": "2012-01-01", "member": "d1", "by": "BB"}),
    );
    assert_eq!(
        (e.code.as_str(), e.article),
        ("member_not_on_staff", Some("VCDR Art. 9"))
    );
    // Before the departure the same declaration is fine only if it does not contradict it:
    // a PNG on 2011-01-01 followed by the recorded departure is a consistent history.
    image
        .record(&act(json!({"kind": "member_declared_png", "date": "2011-01-01", "member": "d1", "by": "BB", "deadline": "2011-01-08"})), 0)
        .unwrap();
}

#[test]
fn an_arrival_over_a_cap_is_refused_unless_recorded_as_a_violation() {
    let mut image = world();
    image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2009", "measure": "cap1", "actor": "BB", "target": "AA",
                        "measure_kind": "staff_cap", "summary": "one person", "magnitude": {"cap": 1}})),
            0,
        )
        .unwrap();
    image
        .record(
            &act(json!({"kind": "member_arrived", "date": "2010-02-01", "member": "d1"})),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "member_arrived", "date": "2010-03-01", "member": "d2"}),
    );
    assert_eq!(
        (e.code.as_str(), e.article),
        ("cap_exceeded", Some("VCDR Art. 11"))
    );
    let e = refused(
        &mut image,
        json!({"kind": "member_arrived", "date": "2010-03-01", "member": "d2", "violation": {"justification": " "}}),
    );
    assert_eq!(e.field, Some("violation.justification"));
    image
        .record(
            &act(json!({"kind": "member_arrived", "date": "2010-03-01", "member": "d2",
                        "violation": {"justification": "arrived before the cap was notified to us"}})),
            0,
        )
        .unwrap();
    let p = image
        .presence(
            aa(),
            bb(),
            View::rules("2010-04-01".parse::<CivilDate>().unwrap()),
        )
        .unwrap();
    assert_eq!(p.missions[0].staff.individuals.total, 2);
    assert_eq!(p.missions[0].caps[0].cap, 1);
}

#[test]
fn a_lifted_cap_no_longer_binds() {
    let mut image = world();
    for a in [
        json!({"kind": "measure_imposed", "date": "2009", "measure": "cap1", "actor": "BB", "target": "AA",
               "measure_kind": "staff_cap", "summary": "one person", "magnitude": {"cap": 1}}),
        json!({"kind": "member_arrived", "date": "2010-02-01", "member": "d1"}),
        json!({"kind": "measure_lifted", "date": "2010-02-15", "measure": "cap1"}),
        json!({"kind": "member_arrived", "date": "2010-03-01", "member": "d2"}),
    ] {
        image.record(&act(a), 0).unwrap();
    }
    let e = refused(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2011", "measure": "cap1"}),
    );
    assert_eq!(e.code.as_str(), "measure_already_lifted");
}

#[test]
fn a_measure_can_only_answer_an_earlier_measure_of_the_other_side() {
    let mut image = world();
    image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2021-09", "measure": "m1", "actor": "BB", "target": "AA",
                        "measure_kind": "visa_restriction", "summary": "visas"})),
            0,
        )
        .unwrap();
    let answer = |date: &str, actor: &str, target: &str, id: &str| {
        json!({"kind": "measure_imposed", "date": date, "measure": id, "actor": actor, "target": target,
               "measure_kind": "expulsion", "summary": "answer", "answers": ["m1"]})
    };
    let e = refused(&mut image, answer("2021-08-31", "AA", "BB", "m2"));
    assert_eq!(e.code.as_str(), "answers_later_act");
    let e = refused(&mut image, answer("2021-12-01", "BB", "AA", "m2"));
    assert_eq!(e.code.as_str(), "answers_own_side");
    // Same month, day unknown: the order is not certain, so it is accepted.
    image
        .record(&act(answer("2021-09-15", "AA", "BB", "m2")), 0)
        .unwrap();
    let e = refused(
        &mut image,
        answer("2022", "AA", "BB", "m3").tap_answers("ghost"),
    );
    assert_eq!(e.code.as_str(), "unknown_measure");
}

trait TapAnswers {
    fn tap_answers(self, id: &str) -> Value;
}
impl TapAnswers for Value {
    fn tap_answers(mut self, id: &str) -> Value {
        self["answers"] = json!([id]);
        self
    }
}

#[test]
fn a_cap_needs_its_ceiling() {
    let mut image = world();
    let e = refused(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2009", "measure": "cap1", "actor": "BB", "target": "AA",
               "measure_kind": "staff_cap", "summary": "cap"}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("measure_needs_cap", Some("magnitude.cap"))
    );
}

/// The review's F4: the sending state released premises the host had seized, which ended the
/// seizure without the host (and could be backdated over it). The host returns them first.
#[test]
fn seized_premises_are_returned_before_they_are_released() {
    let mut image = world();
    for a in [
        json!({"kind": "premises_acquired", "date": "2001-01-01", "premises": "house", "post": "aa-emb",
               "premises_kind": "residence", "name": "House", "city": "Bcity"}),
        json!({"kind": "premises_seized", "date": "2016-12-29", "premises": "house", "by": "BB"}),
    ] {
        image.record(&act(a), 0).expect("recorded");
    }
    let release =
        |date: &str| json!({"kind": "premises_released", "date": date, "premises": "house"});
    let e = refused(&mut image, release("2017-06-01"));
    assert_eq!((e.code.as_str(), e.field), ("premises_restricted", None));
    assert!(
        e.message.contains("seized since 2016-12-29"),
        "{}",
        e.message
    );
    image
        .record(
            &act(json!({"kind": "premises_returned", "date": "2018-01-01", "premises": "house"})),
            0,
        )
        .expect("returned by the host");
    image
        .record(&act(release("2018-02-01")), 0)
        .expect("then released");
}

/// The host strips premises of their diplomatic status: they stay the sending state's (neither
/// seized nor barred, still releasable by it), lose inviolability, and only the host does it and
/// undoes it.
#[test]
fn premises_stripped_of_diplomatic_status_stay_owned_until_the_status_is_restored() {
    use chancery_domain::image::posts::PremisesStatus;
    let mut image = world();
    image
        .record(
            &act(json!({"kind": "premises_acquired", "date": "2001-01-01", "premises": "school", "post": "aa-emb",
                        "premises_kind": "annex", "name": "School", "city": "Bcity"})),
            0,
        )
        .unwrap();
    let strip = |by: &str, date: &str| json!({"kind": "premises_status_removed", "date": date, "premises": "school", "by": by});
    let restore = |date: &str| json!({"kind": "premises_status_restored", "date": date, "premises": "school"});
    let e = refused(&mut image, strip("AA", "2022-03-01"));
    assert_eq!(
        (e.code.as_str(), e.field),
        ("premises_action_by_non_host", Some("by"))
    );
    let e = refused(&mut image, restore("2022-03-01"));
    assert_eq!(e.code.as_str(), "premises_status_not_removed");
    image.record(&act(strip("BB", "2022-03-01")), 0).unwrap();
    let status = |image: &Image, date: &str| {
        image
            .presence(aa(), bb(), View::rules(date.parse::<CivilDate>().unwrap()))
            .unwrap()
            .missions[0]
            .premises[0]
            .status
    };
    assert_eq!(status(&image, "2022-04-01"), PremisesStatus::StatusRemoved);
    let e = refused(&mut image, strip("BB", "2022-05-01"));
    assert_eq!(e.code.as_str(), "premises_not_in_use");
    // No longer protected, they may now be seized; here the host gives the status back instead.
    image.record(&act(restore("2023-01-01")), 0).unwrap();
    assert_eq!(status(&image, "2023-02-01"), PremisesStatus::InUse);
    // Parity counts stripped premises as restricted by the host.
    image.record(&act(strip("BB", "2024-01-01")), 0).unwrap();
    for a in [
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "bb-emb", "sending": "BB", "host": "AA",
               "post_kind": "embassy", "name": "Embassy of Bland", "city": "Acity"}),
        json!({"kind": "premises_acquired", "date": "2001-01-01", "premises": "bb-house", "post": "bb-emb",
               "premises_kind": "residence", "name": "House", "city": "Acity"}),
    ] {
        image.record(&act(a), 0).unwrap();
    }
    let p = image
        .parity(
            aa(),
            bb(),
            View::rules("2024-02-01".parse::<CivilDate>().unwrap()),
            &chancery_domain::reciprocity::parity::Definition::default(),
        )
        .unwrap();
    let premises = p
        .dimensions
        .iter()
        .find(|d| d.key == "premises_usable")
        .unwrap();
    assert_eq!(premises.stricter, Some(bb()));
    assert!(premises.values[&aa()]
        .text
        .contains("stripped of diplomatic status"));
    // The sending state may still sell or give them up.
    image
        .record(
            &act(json!({"kind": "premises_released", "date": "2024-06-01", "premises": "school"})),
            0,
        )
        .expect("still the sending state's to release");
}

#[test]
fn heads_of_mission_follow_agrement_arrival_and_departure() {
    let mut image = world();
    let hom = |kind: &str, date: &str, person: &str| json!({"kind": kind, "date": date, "sending": "AA", "host": "BB", "person": person});
    image
        .record(&act(hom("agrement_refused", "2011-01-01", "X")), 0)
        .unwrap();
    let e = refused(&mut image, hom("hom_arrived", "2011-02-01", "X"));
    assert_eq!(
        (e.code.as_str(), e.article),
        ("agrement_refused", Some("VCDR Art. 4"))
    );
    // The review's F3: asking again does not lift the host's refusal; its grant does.
    image
        .record(&act(hom("agrement_requested", "2011-02-10", "X")), 0)
        .unwrap();
    let e = refused(&mut image, hom("hom_appointed", "2011-02-20", "X"));
    assert_eq!(e.code.as_str(), "agrement_refused");
    image
        .record(&act(hom("hom_arrived", "2011-03-01", "Y")), 0)
        .unwrap();
    let e = refused(&mut image, hom("hom_arrived", "2011-04-01", "Z"));
    assert_eq!(e.code.as_str(), "head_already_in_post");
    // A chargé while the head is in post and no absence is on record: the head was away for a
    // period nobody reported. Allowed, with the absence left unknown, until the chargé ends.
    image
        .record(&act(hom("charge_assumed", "2011-04-01", "C")), 0)
        .unwrap();
    let head_on = |image: &Image, date: &str| {
        image
            .presence(aa(), bb(), View::rules(date.parse::<CivilDate>().unwrap()))
            .unwrap()
            .missions[0]
            .clone()
    };
    let m = head_on(&image, "2011-04-15");
    let h = m.head_of_mission.as_ref().unwrap();
    assert!(h.absence_unreported && h.absent_since.is_none());
    assert_eq!(m.charge_d_affaires.as_ref().unwrap().name, "C");
    // Recording the absence now would say it began after the chargé took over: refused.
    let e = refused(&mut image, hom("hom_absent", "2011-04-20", "Y"));
    assert_eq!(e.code.as_str(), "head_already_absent");
    image
        .record(&act(hom("charge_ended", "2011-05-01", "C")), 0)
        .unwrap();
    let m = head_on(&image, "2011-05-02");
    assert!(!m.head_of_mission.as_ref().unwrap().absence_unreported);
    assert!(m.charge_d_affaires.is_none());
    image
        .record(&act(hom("hom_departed", "2012-06-01", "Y")), 0)
        .unwrap();
    image
        .record(&act(hom("charge_assumed", "2012-06-01", "C")), 0)
        .unwrap();
    let p = image
        .presence(
            aa(),
            bb(),
            View::rules("2012-07-01".parse::<CivilDate>().unwrap()),
        )
        .unwrap();
    let m = &p.missions[0];
    assert!(m.head_of_mission.is_none());
    assert_eq!(
        m.vacant_since.map(|d| d.to_string()).as_deref(),
        Some("2012-06-01")
    );
    assert_eq!(m.vacant_days, Some(30));
    assert_eq!(
        m.charge_d_affaires.as_ref().map(|c| c.name.as_str()),
        Some("C")
    );
}

#[test]
fn a_correction_replaces_the_act_it_supersedes_but_history_remembers() {
    let mut image = world();
    let seq = image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2015-05-01", "measure": "m1", "actor": "BB", "target": "AA",
                        "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": 10}})),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "post_closed", "date": "2016", "post": "aa-emb", "by": "BB", "supersedes": seq}),
    );
    assert_eq!(e.code.as_str(), "invalid_supersede");
    let fixed = image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2015-06-01", "measure": "m1", "actor": "BB", "target": "AA",
                        "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": 12}, "supersedes": seq})),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2015", "measure": "m1", "actor": "BB", "target": "AA",
               "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": 1}, "supersedes": seq}),
    );
    assert_eq!(
        e.code, "invalid_supersede",
        "an act is corrected once; correct the correction instead"
    );
    let day = |d: &str| d.parse::<CivilDate>().unwrap();
    let now = image
        .measures(
            aa(),
            bb(),
            View::rules(day("2015-12-31")),
            MeasureFilter::InForce,
        )
        .unwrap();
    assert_eq!(now[0].magnitude.cap, Some(12));
    let then = image
        .measures(
            aa(),
            bb(),
            View::new(day("2015-12-31"), fixed - 1, Reader::Rules),
            MeasureFilter::InForce,
        )
        .unwrap();
    assert_eq!(
        then[0].magnitude.cap,
        Some(10),
        "as known before the correction"
    );
    let early = image
        .measures(
            aa(),
            bb(),
            View::rules(day("2015-05-15")),
            MeasureFilter::InForce,
        )
        .unwrap();
    assert!(early.is_empty(), "the corrected date applies");
}

#[test]
fn acts_about_unregistered_states_or_one_state_twice_are_refused() {
    let mut image = world();
    let e = refused(
        &mut image,
        json!({"kind": "post_opened", "date": "2001", "post": "x", "sending": "AA", "host": "CC", "post_kind": "embassy", "name": "x", "city": "x"}),
    );
    assert_eq!((e.code.as_str(), e.field), ("unknown_state", Some("host")));
    let e = refused(
        &mut image,
        json!({"kind": "post_opened", "date": "2001", "post": "x", "sending": "AA", "host": "AA", "post_kind": "embassy", "name": "x", "city": "x"}),
    );
    assert_eq!(e.code.as_str(), "same_state");
    let e = refused(
        &mut image,
        json!({"kind": "member_notified", "date": "1999", "member": "d9", "post": "aa-emb", "name": "Early", "category": "service"}),
    );
    assert_eq!(e.code.as_str(), "post_not_open");
}

#[test]
fn every_rule_code_used_is_documented() {
    let source = [
        include_str!("../../src/image/checks.rs"),
        include_str!("../../src/image/posts.rs"),
        include_str!("../../src/image/posts/post_rules.rs"),
        include_str!("../../src/image/posts/premises_rules.rs"),
        include_str!("../../src/image/members.rs"),
        include_str!("../../src/image/members/rules.rs"),
        include_str!("../../src/image/heads.rs"),
        include_str!("../../src/image/plausibility.rs"),
        include_str!("../../src/image/withdrawal.rs"),
        include_str!("../../src/image/measures.rs"),
        include_str!("../../src/image/mod.rs"),
        include_str!("../../src/image/claims.rs"),
        include_str!("../../src/image/commitments.rs"),
        include_str!("../../src/image/commitments/rules.rs"),
        include_str!("../../src/image/cases.rs"),
        include_str!("../../src/image/cases/rules.rs"),
        include_str!("../../src/image/mission/staffing_rules.rs"),
        include_str!("../../src/image/mission/talks_rules.rs"),
        include_str!("../../src/image/states.rs"),
        include_str!("../../src/image/visibility.rs"),
        include_str!("../../src/rules.rs"),
    ]
    .concat();
    let docs = include_str!("../../../../docs/scenario-format.md");
    for code in chancery_domain::rules::RuleCode::ALL {
        assert!(
            source.contains(&format!("RuleCode::{code:?},"))
                || source.contains(&format!("RuleCode::{code:?})")),
            "{code} is listed but never used"
        );
        assert!(
            docs.contains(code.as_str()),
            "{code} is not documented in docs/scenario-format.md"
        );
    }
}

#[test]
fn keeping_a_commitment_lifts_what_it_promised() {
    let mut image = world();
    let day = |d: &str| d.parse::<CivilDate>().unwrap();
    for a in [
        json!({"kind": "measure_imposed", "date": "2009", "measure": "cap1", "actor": "BB", "target": "AA",
               "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": 5}}),
        json!({"kind": "round_held", "date": "2012-03-01", "round": "r1", "parties": ["AA", "BB"], "venue_state": "BB", "outcome": "talked"}),
    ] {
        image.record(&act(a), 0).unwrap();
    }
    let e = refused(
        &mut image,
        json!({"kind": "commitment_made", "date": "2012-03-01", "commitment": "c1", "parties": ["AA", "BB"],
               "undertaken_by": ["AA"], "text": "lift the cap", "lifts": ["cap1"]}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("lift_by_non_actor", Some("lifts"))
    );
    image
        .record(
            &act(json!({"kind": "commitment_made", "date": "2012-03-01", "commitment": "c1", "parties": ["AA", "BB"],
                        "undertaken_by": ["BB"], "text": "lift the cap", "round": "r1", "lifts": ["cap1"], "due": "2012-06"})),
            0,
        )
        .unwrap();
    let status = |image: &Image, d: &str| {
        let c = image.commitments(aa(), bb(), View::rules(day(d))).unwrap();
        (c[0].status.as_str().to_owned(), c[0].overdue)
    };
    assert_eq!(status(&image, "2012-06-30"), ("open".into(), false));
    assert_eq!(
        status(&image, "2012-07-01"),
        ("open".into(), true),
        "past due and not kept"
    );
    let e = refused(
        &mut image,
        json!({"kind": "commitment_status_changed", "date": "2012-08-01", "commitment": "c1", "status": "kept"}),
    );
    assert_eq!(e.code.as_str(), "commitment_kept_needs_act");
    image
        .record(&act(json!({"kind": "commitment_kept", "date": "2012-09-01", "commitment": "c1", "evidence": "note of 1 Sep"})), 0)
        .unwrap();
    assert_eq!(status(&image, "2012-09-02"), ("kept".into(), false));
    let in_force = |d: &str| {
        image
            .measures(aa(), bb(), View::rules(day(d)), MeasureFilter::InForce)
            .unwrap()
            .len()
    };
    assert_eq!(
        (in_force("2012-08-31"), in_force("2012-09-01")),
        (1, 0),
        "keeping it lifted the cap"
    );
    let talks = image
        .talks(aa(), bb(), View::rules(day("2013-01-01")))
        .unwrap();
    assert_eq!(talks.rounds[0].commitments.len(), 1);
    let mut again = image.clone();
    let e = refused(
        &mut again,
        json!({"kind": "commitment_status_changed", "date": "2013", "commitment": "c1", "status": "broken"}),
    );
    assert_eq!(e.code.as_str(), "commitment_closed");
    let e = refused(
        &mut again,
        json!({"kind": "measure_lifted", "date": "2013", "measure": "cap1"}),
    );
    assert_eq!(e.code.as_str(), "measure_already_lifted");
}

#[test]
fn a_commitment_cannot_be_kept_before_the_measure_it_lifts_exists() {
    let mut image = world();
    image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2015", "measure": "m1", "actor": "BB", "target": "AA",
                        "measure_kind": "other", "summary": "x"})),
            0,
        )
        .unwrap();
    image
        .record(
            &act(json!({"kind": "commitment_made", "date": "2014", "commitment": "c1", "parties": ["AA", "BB"],
                        "undertaken_by": ["BB", "AA"], "text": "lift m1", "lifts": ["m1"]})),
            0,
        )
        .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "commitment_kept", "date": "2014-06-01", "commitment": "c1", "evidence": "x"}),
    );
    assert_eq!(e.code.as_str(), "lift_before_imposition");
}

#[test]
fn a_correction_cannot_close_a_cycle_or_move_a_measure_after_its_answers() {
    let mut image = world();
    let measure = |id: &str, actor: &str, target: &str, date: &str, answers: Value| {
        json!({"kind": "measure_imposed", "date": date, "measure": id, "actor": actor, "target": target,
               "measure_kind": "other", "summary": id, "answers": answers})
    };
    let m1 = image
        .record(&act(measure("m1", "BB", "AA", "2020-01-01", json!([]))), 0)
        .unwrap();
    image
        .record(
            &act(measure("m2", "AA", "BB", "2020-01-01", json!(["m1"]))),
            0,
        )
        .unwrap();
    let mut cycle = measure("m1", "BB", "AA", "2020-01-01", json!(["m2"]));
    cycle["supersedes"] = json!(m1);
    let e = refused(&mut image, cycle);
    assert_eq!(
        (e.code.as_str(), e.field),
        ("answers_later_act", Some("answers"))
    );
    // Moving the measure after the other side's answer is BB's correction of its own record:
    // AA's answer does not hold it; the answer is flagged as dated before what it answers.
    let mut later = measure("m1", "BB", "AA", "2020-03-01", json!([]));
    later["supersedes"] = json!(m1);
    image.record(&act(later), 0).unwrap();
    let views = image
        .measures(
            "AA".parse::<StateCode>().unwrap(),
            "BB".parse::<StateCode>().unwrap(),
            View::rules("2020-06-01".parse::<CivilDate>().unwrap()),
            MeasureFilter::Imposed,
        )
        .unwrap();
    let m2 = views.iter().find(|m| m.id.as_str() == "m2").unwrap();
    assert_eq!(m2.answers_later.len(), 1, "{:?}", m2.answers_later);
}

#[test]
fn a_measure_cannot_fall_due_bite_or_lapse_before_it_is_taken() {
    let base = [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "A"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "B"}),
    ];
    let refused = |extra: serde_json::Value| {
        let mut image = Image::new();
        for a in &base {
            image
                .record(&Act::from_json(a.clone()).unwrap(), 0)
                .unwrap();
        }
        let mut m = json!({"kind": "measure_imposed", "date": "2021-04-23", "measure": "m",
            "actor": "AA", "target": "BB", "measure_kind": "visa_restriction", "summary": "s"});
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        image
            .record(&Act::from_json(m).unwrap(), 0)
            .err()
            .map(|v| (v.code.as_str().to_owned(), v.field))
    };
    assert_eq!(
        refused(json!({"deadline": "2021-04-01"})),
        Some(("deadline_before_date".into(), Some("deadline")))
    );
    assert_eq!(
        refused(json!({"effective": "2020"})),
        Some(("dates_out_of_order".into(), Some("effective")))
    );
    assert_eq!(
        refused(json!({"effective": "2021-08-01", "expires": "2021-06-01"})),
        Some(("dates_out_of_order".into(), Some("expires")))
    );
    // A deadline inside the month of an imprecise date gets the benefit of the doubt.
    assert_eq!(refused(json!({"deadline": "2021-04"})), None);
    assert_eq!(
        refused(json!({"effective": "2021-08-01", "expires": "2022"})),
        None
    );
}

/// A member's family (VCDR Art. 37): recorded as `family` of a member of staff, never counted as
/// staff (presence, caps, parity), not declared persona non grata, and their departure with the
/// expelled diplomat leaves the staff count where the diplomat's own departure put it.
#[test]
fn family_are_never_staff_and_their_departure_is_not_a_staff_departure() {
    let mut image = world();
    let notified = |member: &str, category: &str, family_of: Option<&str>| {
        let mut v = json!({"kind": "member_notified", "date": "2010-02-01", "member": member,
                           "post": "aa-emb", "name": member, "category": category});
        if let Some(of) = family_of {
            v["family_of"] = json!(of);
        }
        v
    };
    let e = refused(&mut image, notified("s1", "family", None));
    assert_eq!(
        (e.code.as_str(), e.field),
        ("family_of_mismatch", Some("family_of"))
    );
    let e = refused(&mut image, notified("s1", "diplomatic", Some("d1")));
    assert_eq!(e.code.as_str(), "family_of_mismatch");
    let e = refused(&mut image, notified("s1", "family", Some("nobody")));
    assert_eq!(
        (e.code.as_str(), e.field),
        ("unknown_member", Some("family_of"))
    );
    image
        .record(&act(notified("s1", "family", Some("d1"))), 0)
        .unwrap();
    let e = refused(&mut image, notified("s2", "family", Some("s1")));
    assert_eq!(e.code.as_str(), "family_of_mismatch");

    // A cap of 2 on all staff: d1, d2 and d1's spouse all arrive, since family are not staff.
    image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2010-03-01", "measure": "cap2", "actor": "BB",
                        "target": "AA", "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": 2}})),
            0,
        )
        .unwrap();
    for m in ["d1", "d2", "s1"] {
        image
            .record(
                &act(json!({"kind": "member_arrived", "date": "2010-04-01", "member": m})),
                0,
            )
            .unwrap_or_else(|e| panic!("{m}: {e:?}"));
    }
    let staff = |image: &Image, date: &str| {
        image
            .presence(aa(), bb(), View::rules(date.parse::<CivilDate>().unwrap()))
            .unwrap()
            .missions[0]
            .staff
            .individuals
            .clone()
    };
    let s = staff(&image, "2010-05-01");
    assert_eq!((s.total, s.family), (2, 1));
    assert!(!s
        .by_category
        .contains_key(&chancery_domain::vocab::StaffCategory::Family));

    // The spouse is not declared persona non grata; the diplomat is, and both leave.
    let e = refused(
        &mut image,
        json!({"kind": "member_declared_png", "date": "2013-01-01", "member": "s1", "by": "BB"}),
    );
    assert_eq!(
        (e.code.as_str(), e.article),
        ("member_not_on_staff", Some("VCDR Art. 9, 37"))
    );
    for a in [
        json!({"kind": "member_declared_png", "date": "2013-01-01", "member": "d1", "by": "BB"}),
        json!({"kind": "member_departed", "date": "2013-01-10", "member": "d1"}),
        json!({"kind": "member_departed", "date": "2013-01-10", "member": "s1"}),
    ] {
        image.record(&act(a), 0).unwrap();
    }
    let s = staff(&image, "2013-02-01");
    assert_eq!((s.total, s.family), (1, 0));
    let p = image
        .parity(
            aa(),
            bb(),
            View::rules("2013-02-01".parse::<CivilDate>().unwrap()),
            &chancery_domain::reciprocity::parity::Definition::default(),
        )
        .unwrap();
    let staff = p.dimensions.iter().find(|d| d.key == "staff").unwrap();
    assert_eq!(staff.values[&aa()].number(), Some(1));
}

#[test]
fn a_bar_on_replacements_stops_arrivals_until_it_is_lifted() {
    let mut image = world();
    let rec = |image: &mut Image, v: serde_json::Value| image.record(&act(v), 0);
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2011-01-01", "measure": "bar",
        "actor": "BB", "target": "AA", "measure_kind": "replacements_barred",
        "summary": "the expelled may not be replaced"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "member_notified", "date": "2011-02-01", "member": "n1",
        "post": "aa-emb", "name": "New Diplomat", "category": "diplomatic"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "member_notified", "date": "2011-02-01", "member": "l1",
        "post": "aa-emb", "name": "Local Hire", "category": "locally_employed"}),
    )
    .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "member_arrived", "date": "2011-03-01", "member": "n1"}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("replacements_barred", Some("member"))
    );
    // Local hires replace nobody expelled: the bar counts the sending state's own staff.
    rec(
        &mut image,
        json!({"kind": "member_arrived", "date": "2011-03-01", "member": "l1"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2011-04-01", "measure": "bar"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "member_arrived", "date": "2011-04-02", "member": "n1"}),
    )
    .unwrap();
}

/// What an outside review found in the first cut of the measure model: each refused now.
#[test]
fn measures_cannot_be_relabelled_rewritten_or_reopened_around_their_rules() {
    let mut image = world();
    let rec = |image: &mut Image, v: serde_json::Value| image.record(&act(v), 0);
    // A cap is never an event.
    let e = refused(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2011-01-01",
        "measure": "c", "actor": "BB", "target": "AA", "measure_kind": "staff_cap",
        "summary": "cap", "magnitude": {"cap": 10}, "character": "event"}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("character_mismatch", Some("character"))
    );
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2011-01-01", "measure": "c",
        "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
        "magnitude": {"cap": 10}}),
    )
    .unwrap();
    // A stage giving only `persons` keeps the ceiling.
    rec(
        &mut image,
        json!({"kind": "measure_amended", "date": "2011-02-01", "measure": "c",
        "summary": "60 must leave", "magnitude": {"persons": 60}}),
    )
    .unwrap();
    let m = image
        .measures(
            aa(),
            bb(),
            View::rules("2011-03-01".parse().unwrap()),
            MeasureFilter::InForce,
        )
        .unwrap();
    assert_eq!(
        (m[0].magnitude.cap, m[0].magnitude.persons),
        (Some(10), Some(60))
    );
    // A stage cannot move the day a measure that already bit took effect.
    let e = refused(
        &mut image,
        json!({"kind": "measure_amended", "date": "2012-01-01",
        "measure": "c", "summary": "postponed", "effective": "2013-01-01"}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("dates_out_of_order", Some("effective"))
    );
    // A post closed under a measure reopens only once the measure is lifted, and the closure
    // is the closing state's to undo.
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2012-01-01", "measure": "shut",
        "actor": "BB", "target": "AA", "measure_kind": "post_closure", "summary": "closed",
        "scope": {"posts": ["aa-emb"]}}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2012-01-02", "post": "aa-emb",
        "by": "BB", "measure": "shut"}),
    )
    .unwrap();
    let e = refused(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2012-02-01",
        "measure": "shut2", "actor": "BB", "target": "AA", "measure_kind": "post_closure",
        "summary": "closed again", "scope": {"posts": ["aa-emb"]}}),
    );
    assert_eq!(
        (e.code.as_str(), e.field),
        ("duplicate_event", Some("scope.posts"))
    );
    let reopen = json!({"kind": "post_reopened", "date": "2012-03-01", "post": "aa-emb"});
    assert_eq!(image.acting_states(&act(reopen.clone()).body), vec![bb()]);
    let e = refused(&mut image, reopen.clone());
    assert_eq!(
        (e.code.as_str(), e.field),
        ("closure_still_in_force", Some("post"))
    );
    rec(
        &mut image,
        json!({"kind": "measure_lifted", "date": "2012-02-15", "measure": "shut"}),
    )
    .unwrap();
    rec(&mut image, reopen).unwrap();
}

#[test]
fn a_measures_own_dates_are_held_to_the_horizon() {
    let today: CivilDate = "2025-01-01".parse().unwrap();
    let measure = |extra: Value| {
        let mut m = json!({"kind": "measure_imposed", "date": "2024-12-01", "measure": "m",
            "actor": "BB", "target": "AA", "measure_kind": "visa_restriction", "summary": "s"});
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        chancery_domain::rules::check_horizon(&act(m), today)
            .err()
            .map(|v| (v.code.as_str(), v.field))
    };
    assert_eq!(
        measure(json!({"effective": "9999-12-31"})),
        Some(("date_in_future", Some("effective")))
    );
    assert_eq!(
        measure(json!({"deadline": "2030"})),
        Some(("date_in_future", Some("deadline")))
    );
    assert_eq!(
        measure(json!({"expires": "2199"})),
        Some(("date_in_future", Some("expires")))
    );
    assert_eq!(
        measure(json!({"effective": "2025-06-01", "expires": "2030-01-01"})),
        None
    );
}
