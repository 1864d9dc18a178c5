//! Answers no more precise than their dates: a day inside an imprecise period is "uncertain",
//! and what the record says existed before its first mention shows in earlier views.

use crate::common;

use chancery_domain::image::asof::Certainty;
use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use common::{on, st, two_state_world};

const HEAD: &str = r#"
[[act]]
kind = "hom_arrived"
date = "2015-03-01"
sending = "AA"
host = "BB"
person = "Ann Aland"
"#;

/// The issue's case: absent "2021-04", asked about 10 April. He may have left on the 22nd.
#[test]
fn a_head_absent_since_a_month_is_uncertain_inside_it_and_away_after() {
    let image = two_state_world(&format!(
        r#"{HEAD}
[[act]]
kind = "hom_absent"
date = "2021-04"
sending = "AA"
host = "BB"
person = "Ann Aland"
"#
    ));
    let aa = |date: &str| {
        image
            .presence(st("AA"), st("BB"), on(date))
            .unwrap()
            .missions[0]
            .clone()
    };
    let inside = aa("2021-04-10");
    assert_eq!(inside.head_certainty, Certainty::Uncertain);
    let u = inside.head_uncertain.expect("what it would be otherwise");
    assert_eq!(u.otherwise, "Ann Aland in post and present");
    assert_eq!(u.pending.to_string(), "2021-04");
    // On the month's last day the absence has certainly begun; before the month, certainly not.
    let after = aa("2021-04-30");
    assert_eq!(after.head_certainty, Certainty::Certain);
    assert!(after.head_of_mission.unwrap().absent_since.is_some());
    let before = aa("2021-03-31");
    assert_eq!(before.head_certainty, Certainty::Certain);
    assert!(before.head_of_mission.unwrap().absent_since.is_none());
}

/// A return recorded to the day, after an absence known to the month: by the return day the
/// absence certainly happened (the record's order is the order of events), so the answer is
/// certain again.
#[test]
fn a_precise_later_event_settles_an_imprecise_earlier_one() {
    let image = two_state_world(&format!(
        r#"{HEAD}
[[act]]
kind = "hom_absent"
date = "2021-04"
sending = "AA"
host = "BB"
person = "Ann Aland"

[[act]]
kind = "hom_returned"
date = "2021-04-20"
sending = "AA"
host = "BB"
person = "Ann Aland"
"#
    ));
    let m = &image
        .presence(st("AA"), st("BB"), on("2021-04-25"))
        .unwrap()
        .missions[0];
    assert_eq!(m.head_certainty, Certainty::Certain);
    assert!(m.head_of_mission.as_ref().unwrap().absent_since.is_none());
}

/// Suspended "2021" and the premises seized "2021-06": inside those periods, uncertain; the
/// status shown is the one once the event has happened, with the other beside it.
#[test]
fn posts_and_premises_changed_in_a_period_are_uncertain_inside_it() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_suspended"
date = "2021"
post = "aa-embassy"
by = "AA"

[[act]]
kind = "premises_acquired"
date = "2010-01-01"
premises = "aa-dacha"
post = "aa-embassy"
premises_kind = "compound"
name = "Dacha"
city = "B Town"

[[act]]
kind = "premises_seized"
date = "2022-06"
premises = "aa-dacha"
by = "BB"
"#,
    );
    let aa = |date: &str| {
        image
            .presence(st("AA"), st("BB"), on(date))
            .unwrap()
            .missions[0]
            .clone()
    };
    let m = aa("2021-07-01");
    let post = &m.posts[0];
    assert_eq!(post.certainty, Certainty::Uncertain);
    assert_eq!(post.status, PostStatus::Suspended);
    assert_eq!(post.uncertain.as_ref().unwrap().otherwise, "open");
    let m = aa("2022-06-15");
    assert_eq!(m.posts[0].certainty, Certainty::Certain);
    let dacha = m
        .premises
        .iter()
        .find(|p| p.id.as_str() == "aa-dacha")
        .unwrap();
    assert_eq!(dacha.certainty, Certainty::Uncertain);
    assert_eq!(dacha.status, PremisesStatus::Seized);
    assert_eq!(dacha.uncertain.as_ref().unwrap().otherwise, "in use");
}

/// A consulate first mentioned in 2016 but recorded as open before (`start_unknown`) is shown
/// in 2005 as open with its start unknown; before the record's first act (2000), not at all.
#[test]
fn what_existed_before_its_first_mention_shows_from_the_record_start() {
    let image = two_state_world(
        r#"
[[act]]
kind = "post_opened"
date = "2016-12-29"
start_unknown = true
post = "bb-cg"
sending = "BB"
host = "AA"
post_kind = "consulate_general"
name = "Bland CG"
city = "A Port"

[[act]]
kind = "hom_arrived"
date = "2008"
start_unknown = true
sending = "BB"
host = "AA"
person = "Bob Bland"
"#,
    );
    let bb = |date: &str| {
        image
            .presence(st("AA"), st("BB"), on(date))
            .unwrap()
            .missions[1]
            .clone()
    };
    let m = bb("2005-01-01");
    let cg = m
        .posts
        .iter()
        .find(|p| p.id.as_str() == "bb-cg")
        .expect("shown in 2005");
    assert_eq!(cg.status, PostStatus::Open);
    assert_eq!(cg.certainty, Certainty::StartUnknown);
    assert_eq!(m.head_of_mission.as_ref().unwrap().name, "Bob Bland");
    assert_eq!(m.head_certainty, Certainty::StartUnknown);
    // Within its own first year, a head who was there before it is certainly there.
    assert_eq!(bb("2008-03-01").head_certainty, Certainty::Certain);
    // On and after its first date it is simply open.
    let later = bb("2017-01-01");
    let cg = later
        .posts
        .iter()
        .find(|p| p.id.as_str() == "bb-cg")
        .unwrap();
    assert_eq!(cg.certainty, Certainty::Certain);
    // Before the record begins (the embassies, 2000-01-01) nothing is on record.
    let m = bb("1999-01-01");
    assert!(m.posts.is_empty() && m.head_of_mission.is_none());
}

/// Parity's head-of-mission dimension inside an absence's month: status `uncertain`, and the
/// two missions are not called equal.
#[test]
fn parity_of_heads_is_uncertain_inside_an_absence_period() {
    use chancery_domain::reciprocity::parity::{Definition, Outcome};
    let image = two_state_world(&format!(
        r#"{HEAD}
[[act]]
kind = "hom_arrived"
date = "2015-03-01"
sending = "BB"
host = "AA"
person = "Bob Bland"

[[act]]
kind = "hom_absent"
date = "2021-04"
sending = "AA"
host = "BB"
person = "Ann Aland"
"#
    ));
    let head = |date: &str| {
        let p = image
            .parity(st("AA"), st("BB"), on(date), &Definition::default())
            .unwrap();
        p.dimensions
            .into_iter()
            .find(|d| d.key == "head_of_mission")
            .unwrap()
    };
    let inside = head("2021-04-10");
    let aa = &inside.values[&st("AA")];
    assert_eq!(aa.status, Some("uncertain"));
    assert!(aa.text.starts_with("uncertain on that day"), "{}", aa.text);
    assert_ne!(inside.outcome, Outcome::Equal);
    assert_eq!(head("2021-03-31").outcome, Outcome::Equal);
    assert_eq!(head("2021-05-01").values[&st("AA")].status, Some("away"));
}

/// A chargé d'affaires while the head is in post and no absence is on record: the head is away
/// since a date nobody reported, in presence and in parity.
#[test]
fn a_charge_without_a_recorded_absence_leaves_the_absence_unknown() {
    use chancery_domain::reciprocity::parity::Definition;
    let image = two_state_world(&format!(
        r#"{HEAD}
[[act]]
kind = "charge_assumed"
date = "2019-02-01"
sending = "AA"
host = "BB"
person = "Carl Chargé"
"#
    ));
    let m = &image
        .presence(st("AA"), st("BB"), on("2019-03-01"))
        .unwrap()
        .missions[0];
    let h = m.head_of_mission.as_ref().unwrap();
    assert!(h.absence_unreported);
    assert_eq!(h.absent_since, None);
    let p = image
        .parity(st("AA"), st("BB"), on("2019-03-01"), &Definition::default())
        .unwrap();
    let d = p
        .dimensions
        .iter()
        .find(|d| d.key == "head_of_mission")
        .unwrap();
    let aa = &d.values[&st("AA")];
    assert_eq!((aa.status, aa.number()), (Some("away"), None));
    assert!(aa.text.contains("not reported"), "{}", aa.text);
}

/// Suspended "2021", resumed "2021-06", asked on 15 June: open before and after both, but
/// suspended in between, which the day may be. Not "open, certain".
#[test]
fn a_state_between_two_pending_events_keeps_the_day_uncertain() {
    use chancery_domain::reciprocity::parity::Definition;
    let image = two_state_world(
        r#"
[[act]]
kind = "post_suspended"
date = "2021"
post = "aa-embassy"
by = "AA"

[[act]]
kind = "post_resumed"
date = "2021-06"
post = "aa-embassy"
"#,
    );
    let m = &image
        .presence(st("AA"), st("BB"), on("2021-06-15"))
        .unwrap()
        .missions[0];
    let post = &m.posts[0];
    assert_eq!(post.status, PostStatus::Open);
    assert_eq!(post.certainty, Certainty::Uncertain);
    assert_eq!(post.uncertain.as_ref().unwrap().otherwise, "suspended");
    let p = image
        .parity(st("AA"), st("BB"), on("2021-06-15"), &Definition::default())
        .unwrap();
    let embassy = p
        .dimensions
        .iter()
        .find(|d| d.key == "posts_embassy")
        .unwrap();
    assert_eq!(embassy.values[&st("AA")].status, Some("uncertain"));
    assert!(embassy.values[&st("AA")].text.starts_with("0 to 1 open"));
    // Once June is over both have certainly happened.
    let m = &image
        .presence(st("AA"), st("BB"), on("2021-07-01"))
        .unwrap()
        .missions[0];
    assert_eq!(m.posts[0].certainty, Certainty::Certain);
}
