//! Each kind of alert the record gives, on a hand-made history where the answer is obvious:
//! AA's embassy in BB, a diplomat declared persona non grata with a deadline of 10 March 2011,
//! a commitment due in June 2011, a cap, a vacancy, agrément asked and unanswered, a measure
//! announced and one expiring, an old staffing figure, and BB's internal acts AA never sees.

use super::*;
use crate::access::Reader;
use crate::alerts::RelationAlerts;
use crate::image::timeline::Through;
use crate::scenario::Scenario;

const HEAD: &str = r#"
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
"#;

const PNG: &str = r#"
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
"#;

fn world(acts: &str) -> Image {
    let s = Scenario::parse(&format!("{HEAD}{acts}")).unwrap_or_else(|e| panic!("{e}"));
    s.plan_import(&Image::new(), 0)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn st(s: &str) -> StateCode {
    s.parse().unwrap()
}

fn alerts_as(image: &Image, on: &str, reader: Reader) -> RelationAlerts {
    let view = View::new(on.parse().unwrap(), Through::WholeRecord, reader);
    image.alerts(st("AA"), st("BB"), view).unwrap()
}

fn kinds(image: &Image, on: &str) -> Vec<AlertKind> {
    alerts_as(image, on, Reader::Party(st("AA")))
        .alerts
        .iter()
        .map(|a| a.kind)
        .collect()
}

#[test]
fn a_persona_non_grata_is_due_until_the_deadline_overdue_after_and_clears_on_departure() {
    let image = world(PNG);
    assert_eq!(kinds(&image, "2011-02-28"), []);
    let due = alerts_as(&image, "2011-03-09", Reader::Public);
    assert_eq!(due.alerts.len(), 1);
    assert_eq!(due.alerts[0].kind, AlertKind::PngDepartureDue);
    assert_eq!(due.alerts[0].severity, Severity::Warning);
    assert!(
        due.alerts[0].text.contains("1 day left"),
        "{}",
        due.alerts[0].text
    );
    let late = alerts_as(&image, "2011-03-13", Reader::Public);
    assert_eq!(late.alerts[0].kind, AlertKind::PngDepartureOverdue);
    assert_eq!(late.alerts[0].severity, Severity::Urgent);
    assert_eq!(late.alerts[0].days_overdue, 3);
    assert_eq!(late.alerts[0].key(), "member/d1/png_departure_overdue");
    let gone = world(&format!(
        "{PNG}\n[[act]]\nkind = \"member_departed\"\ndate = \"2011-03-12\"\nmember = \"d1\"\n"
    ));
    assert_eq!(kinds(&gone, "2011-03-11"), [AlertKind::PngDepartureOverdue]);
    assert_eq!(kinds(&gone, "2011-03-13"), []);
}

#[test]
fn a_commitment_is_due_inside_its_period_and_overdue_after_until_kept() {
    let acts = r#"
[[act]]
kind = "commitment_made"
date = "2011-01-15"
commitment = "c1"
parties = ["AA", "BB"]
undertaken_by = ["BB"]
text = "return the dacha"
due = "2011-06"
"#;
    let image = world(acts);
    assert_eq!(kinds(&image, "2011-05-31"), []);
    assert_eq!(kinds(&image, "2011-06-15"), [AlertKind::CommitmentDue]);
    let a = alerts_as(&image, "2011-07-03", Reader::Public);
    assert_eq!(a.alerts[0].kind, AlertKind::CommitmentOverdue);
    assert_eq!(a.alerts[0].days_overdue, 3);
    let kept = world(&format!(
        "{acts}\n[[act]]\nkind = \"commitment_kept\"\ndate = \"2011-07-01\"\ncommitment = \"c1\"\nevidence = \"handed back\"\n"
    ));
    assert_eq!(kinds(&kept, "2011-07-03"), []);
}

#[test]
fn a_vacancy_shows_its_age_and_agrement_pending_beyond_the_norm_is_an_alert() {
    let acts = r#"
[[act]]
kind = "hom_arrived"
date = "2005-01-01"
sending = "AA"
host = "BB"
person = "Old Head"

[[act]]
kind = "hom_departed"
date = "2011-01-01"
sending = "AA"
host = "BB"
person = "Old Head"

[[act]]
kind = "agrement_requested"
date = "2011-01-10"
sending = "AA"
host = "BB"
person = "New Head"
"#;
    let image = world(acts);
    let on_norm = alerts_as(&image, "2011-02-09", Reader::Public);
    assert_eq!(
        on_norm.alerts.iter().map(|a| a.kind).collect::<Vec<_>>(),
        [AlertKind::HeadOfMissionVacant]
    );
    assert_eq!(on_norm.alerts[0].days_overdue, 39);
    let after = kinds(&image, "2011-02-10");
    assert!(after.contains(&AlertKind::AgrementPending), "{after:?}");
    let granted = world(&format!(
        "{acts}\n[[act]]\nkind = \"agrement_granted\"\ndate = \"2011-02-01\"\nsending = \"AA\"\nhost = \"BB\"\nperson = \"New Head\"\n"
    ));
    assert!(!kinds(&granted, "2011-03-01").contains(&AlertKind::AgrementPending));
}

#[test]
fn a_cap_exceeded_by_the_members_on_record_is_urgent() {
    let acts = format!(
        "{PNG}{}",
        r#"
[[act]]
kind = "member_notified"
date = "2010-02-01"
member = "d2"
post = "aa-embassy"
name = "Boris Attache"
category = "diplomatic"

[[act]]
kind = "member_arrived"
date = "2010-02-10"
member = "d2"

[[act]]
kind = "measure_imposed"
date = "2010-06-01"
measure = "cap-1"
actor = "BB"
target = "AA"
measure_kind = "staff_cap"
summary = "a cap of one diplomat"
counting = "diplomatic"
magnitude = { cap = 1 }
"#
    );
    let image = world(&acts);
    let a = alerts_as(&image, "2010-07-01", Reader::Public);
    assert_eq!(a.alerts.len(), 1, "{:?}", a.alerts);
    assert_eq!(a.alerts[0].kind, AlertKind::CapExceeded);
    assert!(
        a.alerts[0].text.contains("(2, counted as diplomatic)"),
        "{}",
        a.alerts[0].text
    );
}

#[test]
fn measures_taking_effect_or_expiring_within_the_window_are_notices() {
    let acts = r#"
[[act]]
kind = "measure_imposed"
date = "2011-01-01"
measure = "m1"
actor = "BB"
target = "AA"
measure_kind = "travel_restriction"
summary = "notice of travel"
effective = "2011-02-01"
expires = "2011-06-30"
"#;
    let image = world(acts);
    assert_eq!(kinds(&image, "2010-12-31"), []);
    assert_eq!(
        kinds(&image, "2011-01-05"),
        [AlertKind::MeasureTakesEffectSoon]
    );
    assert_eq!(kinds(&image, "2011-03-01"), []);
    assert_eq!(kinds(&image, "2011-06-01"), [AlertKind::MeasureExpiresSoon]);
    assert_eq!(kinds(&image, "2011-07-01"), []);
}

#[test]
fn a_headline_figure_older_than_a_year_is_a_notice() {
    let acts = r#"
[[act]]
kind = "staffing_reported"
date = "2010-01-01"
sending = "AA"
host = "BB"
value = 100
bound = "exact"
counting = "all_staff"
"#;
    let image = world(acts);
    assert_eq!(kinds(&image, "2011-01-01"), []);
    assert_eq!(kinds(&image, "2011-01-02"), [AlertKind::StaffFigureStale]);
}

#[test]
fn the_other_partys_internal_acts_give_no_alert_and_alerts_all_lists_the_relation() {
    let acts = r#"
[[act]]
kind = "member_notified"
date = "2010-01-01"
member = "bb-1"
post = "bb-embassy"
name = "Hidden Person"
category = "diplomatic"
visibility = { internal = "BB" }

[[act]]
kind = "member_arrived"
date = "2010-01-02"
member = "bb-1"
visibility = { internal = "BB" }

[[act]]
kind = "member_declared_png"
date = "2011-03-01"
member = "bb-1"
by = "AA"
deadline = "2011-03-05"
visibility = { internal = "BB" }
"#;
    let image = world(acts);
    assert_eq!(kinds(&image, "2011-03-10"), []);
    let bb = alerts_as(&image, "2011-03-10", Reader::Party(st("BB")));
    assert_eq!(bb.alerts.len(), 1);
    let view = |r| View::new("2011-03-10".parse().unwrap(), Through::WholeRecord, r);
    assert_eq!(image.alerts_all(view(Reader::Party(st("AA")))).count(), 0);
    let all = image.alerts_all(view(Reader::Party(st("BB"))));
    assert_eq!(all.count(), 1);
    assert_eq!(
        (all.relations[0].a, all.relations[0].b),
        (st("AA"), st("BB"))
    );
}

const PNG_BY_MONTH: &str = r#"
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
date = "2011-08-01"
member = "d1"
by = "BB"
deadline = "2011-09"
"#;

fn only(image: &Image, on: &str) -> Alert {
    let mut alerts = alerts_as(image, on, Reader::Public).alerts;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    alerts.remove(0)
}

/// A deadline of "2011-09" may be the 1st or the 30th: the alert warns from its first possible
/// day, calls it overdue only after its last, and gives every count as the range both ends give.
#[test]
fn a_persona_non_grata_deadline_dated_by_a_month_is_judged_by_both_ends() {
    let image = world(PNG_BY_MONTH);
    let before = only(&image, "2011-08-20");
    assert_eq!(before.kind, AlertKind::PngDepartureDue);
    assert_eq!(before.due, "2011-09-01".parse().unwrap());
    assert!(
        before.text.contains("12 to 41 days left"),
        "{}",
        before.text
    );

    let first = only(&image, "2011-09-01");
    assert_eq!(first.kind, AlertKind::PngDepartureDue);
    assert!(first.text.contains("0 to 29 days left"), "{}", first.text);

    let inside = only(&image, "2011-09-15");
    assert_eq!(inside.kind, AlertKind::PngDepartureMayBeOverdue);
    assert_eq!(inside.due, "2011-09-01".parse().unwrap());
    assert_eq!(inside.days_overdue, 0);
    assert!(
        inside.text.contains("15 days left to 14 days overdue"),
        "{}",
        inside.text
    );

    let last = only(&image, "2011-09-30");
    assert_eq!(last.kind, AlertKind::PngDepartureMayBeOverdue);

    let after = only(&image, "2011-10-03");
    assert_eq!(after.kind, AlertKind::PngDepartureOverdue);
    assert_eq!(after.days_overdue, 3);
    assert!(
        after.text.contains("passed 3 to 32 days ago"),
        "{}",
        after.text
    );
}

/// A precise deadline still gives one figure: the ranges appear only when the ends differ.
#[test]
fn a_persona_non_grata_deadline_on_a_day_keeps_one_figure() {
    let image = world(PNG);
    assert!(only(&image, "2011-03-05")
        .text
        .ends_with("must leave by 2011-03-10: 5 days left."));
    assert!(only(&image, "2011-03-10")
        .text
        .ends_with("today is the last day."));
    assert!(only(&image, "2011-03-12")
        .text
        .ends_with("passed 2 days ago."));
}

/// A head of mission who left "in January" leaves a vacancy whose age is known only between
/// two figures: counted from 31 January and from 1 January.
#[test]
fn a_vacancy_from_a_month_gives_its_age_as_a_range() {
    let acts = r#"
[[act]]
kind = "hom_arrived"
date = "2005-01-01"
sending = "AA"
host = "BB"
person = "Old Head"

[[act]]
kind = "hom_departed"
date = "2011-01"
sending = "AA"
host = "BB"
person = "Old Head"
"#;
    let image = world(acts);
    let vacancy = only(&image, "2011-03-01");
    assert_eq!(vacancy.kind, AlertKind::HeadOfMissionVacant);
    assert_eq!(vacancy.due, "2011-01-01".parse().unwrap());
    assert_eq!(vacancy.days_overdue, 29);
    assert!(
        vacancy.text.contains("since 2011-01 (29 to 59 days)"),
        "{}",
        vacancy.text
    );
}
