//! Staff figures with their age and meaning (issue 11 §9), on small hand-made histories: which
//! report is the headline, how old it is, what it predates, and a report above a cap in force.

use crate::common;

use chancery_domain::query::MissionPresence;
use chancery_domain::staff::PredatedEvent;
use chancery_domain::vocab::{Counting, StaffFigure};
use common::{demo, on, ru, st, two_state_world, us};

fn report(date: &str, value: u32, bound: &str, counting: &str, posts: &str) -> String {
    format!(
        r#"
[[act]]
kind = "staffing_reported"
date = "{date}"
sending = "AA"
host = "BB"
posts = [{posts}]
value = {value}
bound = "{bound}"
counting = "{counting}"
"#
    )
}

fn cap(id: &str, date: &str, kind: &str, cap: u32, counting: &str) -> String {
    format!(
        r#"
[[act]]
kind = "measure_imposed"
date = "{date}"
measure = "{id}"
actor = "BB"
target = "AA"
measure_kind = "{kind}"
summary = "a cap"
counting = "{counting}"
magnitude = {{ cap = {cap} }}
"#
    )
}

fn expulsion(id: &str, date: &str, persons: u32) -> String {
    format!(
        r#"
[[act]]
kind = "measure_imposed"
date = "{date}"
measure = "{id}"
actor = "BB"
target = "AA"
measure_kind = "expulsion"
summary = "members expelled"
magnitude = {{ persons = {persons} }}
"#
    )
}

/// AA's mission in BB as of `date`, after `acts`.
fn aa_in_bb(acts: &[String], date: &str) -> MissionPresence {
    let image = two_state_world(&acts.concat());
    let p = image.presence(st("AA"), st("BB"), on(date)).unwrap();
    p.missions.into_iter().next().expect("AA's mission")
}

#[test]
fn a_later_local_staff_count_is_a_sub_count_not_the_headline() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 300, "exact", "all_staff", ""),
            report("2012-06-01", 10, "exact", "locally_employed", ""),
        ],
        "2013-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert_eq!((h.value, h.counting), (300, Counting::AllStaff));
    assert_eq!(m.staff.sub_counts.len(), 1);
    assert_eq!(m.staff.sub_counts[0].value, 10);
    assert_eq!(m.staff.sub_counts[0].counting, Counting::LocallyEmployed);
}

#[test]
fn the_headline_is_the_widest_definition_then_the_latest() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 80, "exact", "sending_state_staff", ""),
            report("2011-01-01", 60, "exact", "sending_state_staff", ""),
            report("2012-01-01", 40, "exact", "diplomatic", ""),
        ],
        "2013-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert_eq!((h.value, h.counting), (60, Counting::SendingStateStaff));
    let subs: Vec<(u32, Counting)> = m
        .staff
        .sub_counts
        .iter()
        .map(|r| (r.value, r.counting))
        .collect();
    assert_eq!(subs, vec![(40, Counting::Diplomatic)]);
}

#[test]
fn a_figure_for_some_posts_is_never_the_headline() {
    let m = aa_in_bb(
        &[report(
            "2012-01-01",
            10,
            "exact",
            "all_staff",
            "\"aa-embassy\"",
        )],
        "2013-01-01",
    );
    assert!(m.staff.headline.is_none());
    assert_eq!(m.staff.sub_counts.len(), 1);
    assert_eq!(m.staff.sub_counts[0].posts.len(), 1);
}

#[test]
fn a_figure_for_some_posts_older_than_the_headline_is_not_shown() {
    let m = aa_in_bb(
        &[
            report("2011-01-01", 10, "exact", "diplomatic", "\"aa-embassy\""),
            report("2012-01-01", 300, "exact", "all_staff", ""),
            report("2012-06-01", 12, "exact", "diplomatic", "\"aa-embassy\""),
        ],
        "2013-01-01",
    );
    let subs: Vec<u32> = m.staff.sub_counts.iter().map(|r| r.value).collect();
    assert_eq!(subs, vec![12]);
}

#[test]
fn a_cap_from_the_reports_own_day_may_be_predated_and_is_not_exceeded() {
    let m = aa_in_bb(
        &[
            cap("cap-1", "2011-01-01", "staff_cap", 100, "all_staff"),
            report("2011-01-01", 120, "exact", "all_staff", ""),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert!(h.above_cap.is_none());
    assert_eq!(h.predates.len(), 1);
    assert!(!h.predates[0].certain);
}

#[test]
fn the_headline_carries_its_age_from_the_end_of_its_period() {
    let m = aa_in_bb(
        &[report("2010-06", 300, "about", "all_staff", "")],
        "2010-07-10",
    );
    // 30 June to 10 July.
    assert_eq!(m.staff.headline.expect("a headline").age_days, 10);
}

#[test]
fn a_figure_before_a_lower_cap_predates_it_with_the_bound() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 1210, "exact", "all_staff", ""),
            cap("cap-1", "2011-09-01", "staff_cap", 455, "all_staff"),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert_eq!(h.predates.len(), 1, "{:?}", h.predates);
    let p = &h.predates[0];
    assert_eq!(p.event, PredatedEvent::LowerCap);
    assert_eq!((p.at_most, p.bounds_figure), (Some(455), true));
    assert_eq!(p.since.to_string(), "2011-09-01");
    assert!(p.certain);
    assert!(h.above_cap.is_none());
}

#[test]
fn a_cap_above_the_figure_or_before_it_is_not_predated() {
    let m = aa_in_bb(
        &[
            cap("cap-1", "2009-01-01", "staff_cap", 500, "all_staff"),
            report("2010-01-01", 400, "exact", "all_staff", ""),
            cap("cap-2", "2011-01-01", "staff_cap", 450, "all_staff"),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert!(h.predates.is_empty(), "{:?}", h.predates);
    assert!(h.above_cap.is_none());
}

#[test]
fn a_cap_on_other_people_neither_bounds_nor_predates() {
    // A local-staff limit says nothing of a count of diplomats.
    let m = aa_in_bb(
        &[
            report("2010-01-01", 50, "exact", "diplomatic", ""),
            cap(
                "lim-1",
                "2011-01-01",
                "local_staff_limit",
                0,
                "locally_employed",
            ),
        ],
        "2012-01-01",
    );
    assert!(m.staff.headline.expect("a headline").predates.is_empty());
}

#[test]
fn a_figure_before_a_local_staff_ban_predates_it() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 300, "exact", "all_staff", ""),
            cap(
                "ban",
                "2011-08-01",
                "local_staff_limit",
                0,
                "locally_employed",
            ),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert_eq!(h.predates.len(), 1);
    assert_eq!(h.predates[0].event, PredatedEvent::LocalStaffBan);
    assert!(
        !h.predates[0].bounds_figure,
        "the ban does not bound all staff"
    );
}

#[test]
fn a_figure_before_an_expulsion_predates_it_unless_it_counts_local_staff_only() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 300, "exact", "all_staff", ""),
            report("2010-01-01", 100, "exact", "locally_employed", ""),
            expulsion("exp-1", "2011-03-01", 35),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("a headline");
    assert_eq!(h.predates.len(), 1);
    assert_eq!(h.predates[0].event, PredatedEvent::Expulsion);
    assert_eq!(h.predates[0].persons, Some(35));
    assert!(m.staff.sub_counts[0].predates.is_empty());
}

#[test]
fn an_expulsion_after_the_view_date_is_not_predated() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 300, "exact", "all_staff", ""),
            expulsion("exp-1", "2011-03-01", 35),
        ],
        "2011-01-01",
    );
    assert!(m.staff.headline.expect("a headline").predates.is_empty());
}

#[test]
fn a_report_above_a_cap_in_force_is_recorded_and_flagged() {
    let m = aa_in_bb(
        &[
            cap("cap-1", "2010-01-01", "staff_cap", 100, "all_staff"),
            report("2011-01-01", 120, "exact", "all_staff", ""),
        ],
        "2012-01-01",
    );
    let h = m.staff.headline.expect("the report is recorded");
    assert_eq!(h.value, 120);
    let above = h.above_cap.expect("flagged");
    assert_eq!((above.measure.as_str(), above.cap), ("cap-1", 100));
}

#[test]
fn a_report_not_certainly_above_or_under_a_wider_count_is_not_flagged() {
    // "At most 150" may be under the cap; 120 sending-state staff say nothing of a cap on
    // diplomats, which counts fewer people.
    let m = aa_in_bb(
        &[
            cap("cap-1", "2010-01-01", "staff_cap", 100, "all_staff"),
            cap("cap-2", "2010-01-01", "staff_cap", 30, "diplomatic"),
            report("2011-01-01", 150, "at_most", "all_staff", ""),
            report("2011-01-01", 120, "exact", "sending_state_staff", ""),
        ],
        "2012-01-01",
    );
    assert!(m.staff.headline.expect("a headline").above_cap.is_none());
    let sub = &m.staff.sub_counts[0];
    assert_eq!(sub.counting, Counting::SendingStateStaff);
    assert_eq!(
        sub.above_cap.as_ref().map(|c| c.cap),
        Some(100),
        "sending-state staff are all staff: the all-staff cap bounds them"
    );
}

fn let_go(date: &str, value: u32, counting: &str) -> String {
    report(date, value, "exact", counting, "").replace(
        "kind = \"staffing_reported\"",
        "kind = \"staffing_reported\"\nfigure = \"let_go\"",
    )
}

#[test]
fn staff_let_go_are_a_sub_count_and_never_the_headline() {
    let m = aa_in_bb(
        &[
            report("2010-01-01", 300, "exact", "all_staff", ""),
            let_go("2011-01-01", 182, "locally_employed"),
            cap("cap-1", "2011-06-01", "staff_cap", 100, "all_staff"),
        ],
        "2012-01-01",
    );
    assert_eq!(m.staff.headline.as_ref().map(|h| h.value), Some(300));
    let sub = &m.staff.sub_counts[0];
    assert_eq!((sub.value, sub.figure), (182, StaffFigure::LetGo));
    assert!(sub.predates.is_empty() && sub.above_cap.is_none());

    let alone = aa_in_bb(&[let_go("2011-01-01", 182, "all_staff")], "2012-01-01");
    assert!(alone.staff.headline.is_none());
    assert_eq!(alone.staff.sub_counts.len(), 1);
}

#[test]
fn a_headcount_carries_no_figure_field_in_its_canonical_form() {
    let image = two_state_world(&let_go("2011-01-01", 5, "all_staff"));
    let p = image
        .presence(st("AA"), st("BB"), on("2012-01-01"))
        .unwrap();
    assert_eq!(p.missions[0].staff.sub_counts[0].figure, StaffFigure::LetGo);
    let act = common::act(serde_json::json!({
        "kind": "staffing_reported", "date": "2011", "sending": "AA", "host": "BB",
        "value": 5, "bound": "exact", "counting": "all_staff",
    }));
    let json = act.to_json().to_string();
    assert!(!json.contains("figure"), "{json}");
}

#[test]
fn the_demo_headline_is_never_a_local_staff_count() {
    let image = demo();
    for date in ["2021-08-01", "2021-09-01", "2022-01-01", "2025-01-01"] {
        let p = image.presence(us(), ru(), on(date)).unwrap();
        let h = p.missions[0].staff.headline.as_ref().expect("a figure");
        assert_eq!(h.counting, Counting::AllStaff, "{date}: {h:?}");
    }
}

#[test]
fn the_demo_2017_figures_predate_the_455_cap() {
    let image = demo();
    let p = image.presence(us(), ru(), on("2018-01-01")).unwrap();
    let h = p.missions[0].staff.headline.as_ref().expect("a figure");
    assert_eq!(h.value, 1210);
    assert!(
        h.predates
            .iter()
            .any(|p| p.at_most == Some(455) && p.event == PredatedEvent::LowerCap),
        "{:?}",
        h.predates
    );
}
