//! Hand-made histories where the right answer is obvious: AA's embassy in BB with a diplomat
//! declared persona non grata, a member whose arrival is dated by a month, a cap of one, and a
//! member BB's ministry recorded internally that AA must never see.

use super::*;
use crate::access::Reader;
use crate::image::timeline::Through;
use crate::scenario::Scenario;

const WORLD: &str = r#"
format = "chancery-scenario/1"
relation = ["AA", "BB"]

[[act]]
kind = "state_registered"
date = "2000"
state = "AA"
name = "Aland"

[[act]]
kind = "state_registered"
date = "2000"
state = "BB"
name = "Bland"

[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "aa-embassy"
sending = "AA"
host = "BB"
post_kind = "embassy"
name = "Aland Embassy"
city = "B City"

[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "bb-embassy"
sending = "BB"
host = "AA"
post_kind = "embassy"
name = "Bland Embassy"
city = "A City"

[[act]]
kind = "member_notified"
date = "2010-01-01"
member = "d1"
post = "aa-embassy"
name = "Anna Diplomat"
category = "diplomatic"

[[act]]
kind = "member_arrived"
date = "2010-01-10"
member = "d1"

[[act]]
kind = "member_declared_png"
date = "2011-03-01"
member = "d1"
by = "BB"
deadline = "2011-03-10"

[[act]]
kind = "member_notified"
date = "2010-02-01"
member = "d2"
post = "aa-embassy"
name = "Boris Attache"
category = "diplomatic"

[[act]]
kind = "member_arrived"
date = "2011-03"
member = "d2"

[[act]]
kind = "measure_imposed"
date = "2011-01-01"
measure = "cap-1"
actor = "BB"
target = "AA"
measure_kind = "staff_cap"
summary = "a cap of one diplomat"
counting = "diplomatic"
magnitude = { cap = 1 }

[[act]]
kind = "member_notified"
date = "2010-01-01"
member = "bb-secret"
post = "bb-embassy"
name = "Hidden Person"
category = "diplomatic"
visibility = { internal = "BB" }
"#;

fn world(extra: &str) -> Image {
    let s = Scenario::parse(&format!("{WORLD}{extra}")).unwrap_or_else(|e| panic!("{e}"));
    s.plan_import(&Image::new(), 0)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn st(s: &str) -> StateCode {
    s.parse().unwrap()
}

fn list_as(image: &Image, on: &str, reader: Reader) -> DiplomaticList {
    let view = View::new(on.parse().unwrap(), Through::WholeRecord, reader);
    image
        .diplomatic_list(st("AA"), st("BB"), None, None, view)
        .unwrap()
}

fn aa_mission(l: &DiplomaticList) -> &MissionList {
    l.missions.iter().find(|m| m.sending == st("AA")).unwrap()
}

fn member<'a>(m: &'a MissionList, id: &str) -> &'a ListedMember {
    m.members.iter().find(|x| x.id.as_str() == id).unwrap()
}

#[test]
fn a_persona_non_grata_counts_down_to_the_deadline_then_is_overdue_until_departure() {
    let image = world("");
    let before = list_as(&image, "2011-03-09", Reader::Party(st("AA")));
    let png = member(aa_mission(&before), "d1")
        .persona_non_grata
        .clone()
        .unwrap();
    assert_eq!((png.standing, png.days_left), (Deadline::Running, Some(1)));
    let last = list_as(&image, "2011-03-10", Reader::Party(st("AA")));
    let png = member(aa_mission(&last), "d1")
        .persona_non_grata
        .clone()
        .unwrap();
    assert_eq!((png.standing, png.days_left), (Deadline::Running, Some(0)));
    let after = list_as(&image, "2011-03-12", Reader::Party(st("AA")));
    let d1 = member(aa_mission(&after), "d1");
    assert_eq!(d1.status, MemberStatus::DeclaredPng);
    let png = d1.persona_non_grata.clone().unwrap();
    assert_eq!((png.standing, png.days_left), (Deadline::Overdue, Some(-2)));
    // Still present: a persona non grata is here until the departure is recorded.
    assert_eq!(
        d1.present,
        Range {
            at_least: 1,
            at_most: 1
        }
    );

    let gone = world(
        r#"
[[act]]
kind = "member_departed"
date = "2011-03-11"
member = "d1"
"#,
    );
    let l = list_as(&gone, "2011-03-12", Reader::Party(st("AA")));
    let d1 = member(aa_mission(&l), "d1");
    assert_eq!(d1.status, MemberStatus::Departed);
    assert_eq!(
        d1.persona_non_grata.as_ref().unwrap().standing,
        Deadline::Left
    );
    assert_eq!(
        d1.departed.map(|d| d.to_string()),
        Some("2011-03-11".into())
    );
    assert_eq!(d1.present, Range::default());
}

#[test]
fn an_arrival_dated_by_a_month_is_uncertain_inside_it_and_counts_as_a_range() {
    let image = world("");
    let l = list_as(&image, "2011-03-05", Reader::Party(st("AA")));
    let m = aa_mission(&l);
    let d2 = member(m, "d2");
    assert_eq!(d2.certainty, Certainty::Uncertain);
    assert_eq!(
        d2.present,
        Range {
            at_least: 0,
            at_most: 1
        }
    );
    let dip = m
        .totals
        .iter()
        .find(|t| t.category == StaffCategory::Diplomatic)
        .unwrap();
    assert_eq!(
        dip.present,
        Range {
            at_least: 1,
            at_most: 2
        }
    );
    assert_eq!(dip.present.to_string(), "1–2");
    // A cap of one: one diplomat certainly present, a second possibly.
    assert_eq!(m.limits.len(), 1);
    assert_eq!(m.limits[0].breach, Breach::MayBeBreached);
    // After the month: certain, and the cap is breached.
    let l = list_as(&image, "2011-04-01", Reader::Party(st("AA")));
    let m = aa_mission(&l);
    assert_eq!(member(m, "d2").certainty, Certainty::Certain);
    assert_eq!(
        m.limits[0].counted,
        Range {
            at_least: 2,
            at_most: 2
        }
    );
    assert_eq!(m.limits[0].breach, Breach::Breached);
}

#[test]
fn before_a_cap_bites_there_is_no_limit_and_before_notification_no_member() {
    let image = world("");
    let l = list_as(&image, "2010-01-05", Reader::Party(st("AA")));
    let m = aa_mission(&l);
    assert!(m.limits.is_empty());
    let ids: Vec<&str> = m.members.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["d1"]);
    assert_eq!(member(m, "d1").status, MemberStatus::Notified);
    assert_eq!(member(m, "d1").present, Range::default());
}

#[test]
fn the_other_partys_internal_record_never_shows() {
    let image = world("");
    let as_aa = list_as(&image, "2012-01-01", Reader::Party(st("AA")));
    let bb = as_aa
        .missions
        .iter()
        .find(|m| m.sending == st("BB"))
        .unwrap();
    assert!(bb.members.is_empty());
    let as_bb = list_as(&image, "2012-01-01", Reader::Party(st("BB")));
    let bb = as_bb
        .missions
        .iter()
        .find(|m| m.sending == st("BB"))
        .unwrap();
    assert_eq!(bb.members.len(), 1);
    let public = list_as(&image, "2012-01-01", Reader::Public);
    assert!(public
        .missions
        .iter()
        .all(|m| m.members.iter().all(|x| x.id.as_str() != "bb-secret")));
}

#[test]
fn a_posts_list_is_its_mission_only_and_an_unknown_post_is_refused() {
    let image = world("");
    let view = View::new(
        "2012-01-01".parse().unwrap(),
        Through::WholeRecord,
        Reader::Public,
    );
    let post: PostId = "aa-embassy".parse().unwrap();
    let l = image
        .diplomatic_list(st("AA"), st("BB"), None, Some(&post), view)
        .unwrap();
    assert_eq!(l.missions.len(), 1);
    assert_eq!(l.missions[0].sending, st("AA"));
    let nowhere: PostId = "nowhere".parse().unwrap();
    assert_eq!(
        image.diplomatic_list(st("AA"), st("BB"), None, Some(&nowhere), view),
        Err(ListError::UnknownPost(nowhere))
    );
    // A post of the other mission, asked with a sending state, is not that mission's.
    assert!(matches!(
        image.diplomatic_list(st("AA"), st("BB"), Some(st("BB")), Some(&post), view),
        Err(ListError::UnknownPost(_))
    ));
    assert_eq!(
        image.diplomatic_list(st("AA"), st("BB"), Some(st("CC")), None, view),
        Err(ListError::NotAParty(st("CC")))
    );
}

#[test]
fn a_deadline_dated_by_a_month_may_have_passed_inside_it() {
    let d: ValidDate = "2011-03".parse().unwrap();
    let on = |s: &str| s.parse::<CivilDate>().unwrap();
    assert_eq!(
        deadline_standing(Some(d), false, on("2011-03-01")).0,
        Deadline::Running
    );
    assert_eq!(
        deadline_standing(Some(d), false, on("2011-03-15")).0,
        Deadline::MayHavePassed
    );
    assert_eq!(
        deadline_standing(Some(d), false, on("2011-04-01")).0,
        Deadline::Overdue
    );
    assert_eq!(
        deadline_standing(Some(d), true, on("2011-04-01")).0,
        Deadline::Left
    );
    assert_eq!(
        deadline_standing(None, false, on("2011-04-01")).0,
        Deadline::NoDeadline
    );
}
