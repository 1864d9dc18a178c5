//! Fifth review: the nationals' cases, alerts, consular-access parity and issuance counts,
//! attacked as the other party, as an outsider, with bad input and for truth. A test named
//! `holds_...` checks something that holds; every other test fails on the code as reviewed and
//! names a fault to fix.

use chancery_domain::access::Reader;
use chancery_domain::alerts::{AlertKind, RelationAlerts};
use chancery_domain::consular::capacity::{ConsularCapacity, PostCapacity};
use chancery_domain::consular::cases::{ClockName, ClockStatus, ConsularCases, MeasureStanding};
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-cg", "sending": "US",
               "host": "RU", "post_kind": "consulate_general", "name": "US Consulate General",
               "city": "Vladivostok"}),
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

fn rec_as(image: &mut Image, v: Value, by: &str) -> u64 {
    image
        .record_by(&act(v.clone()), 0, Reader::Party(st(by)))
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn view(on: &str, reader: Reader) -> View {
    View::new(day(on), Through::WholeRecord, reader)
}

fn us() -> Reader {
    Reader::Party(st("US"))
}

fn ru() -> Reader {
    Reader::Party(st("RU"))
}

fn opened(case: &str, date: &str, visibility: Value) -> Value {
    json!({"kind": "case_opened", "date": date, "case": case, "national_of": "US",
           "held_in": "RU", "case_kind": "arrest", "city": "Moscow", "post": "us-emb",
           "visibility": visibility})
}

fn step(case: &str, date: &str, s: &str, visibility: Value) -> Value {
    json!({"kind": "case_step", "date": date, "case": case, "step": s,
           "visibility": visibility})
}

fn internal_us() -> Value {
    json!({"internal": "US"})
}

fn alerts(image: &Image, on: &str, reader: Reader) -> RelationAlerts {
    image.alerts(st("US"), st("RU"), view(on, reader)).unwrap()
}

fn cases(image: &Image, on: &str, reader: Reader) -> ConsularCases {
    image
        .consular_cases(st("US"), st("RU"), view(on, reader))
        .unwrap()
}

fn clock(c: &ConsularCases, name: ClockName) -> ClockStatus {
    c.cases[0]
        .clocks
        .iter()
        .find(|k| k.clock == name)
        .map(|k| k.status)
        .expect("the clock")
}

// ---- Alerts and clocks: truth -------------------------------------------------------------

/// A national arrested some day in March 2024 (the day is not on record), released on 20 March
/// without consular access. Custody ended: whether the access deadline passed first cannot be
/// told, but the national is no longer held, so nothing is pending. The clock is history (missed
/// or stopped, uncertain which), and no "may be overdue" alert should stand for ever after.
#[test]
fn released_national_with_month_dated_arrest_gives_no_alert_a_year_later() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03", internal_us()));
    rec(
        &mut image,
        step("c1", "2024-03-20", "released", internal_us()),
    );
    let c = cases(&image, "2025-03-01", us());
    assert_ne!(
        clock(&c, ClockName::ConsularAccess),
        ClockStatus::Uncertain,
        "custody ended: the clock is no longer running, so it cannot 'may be overdue'"
    );
    let a = alerts(&image, "2025-03-01", us());
    assert!(
        a.alerts.is_empty(),
        "a released national's case still alerts a year later: {:?}",
        a.alerts.iter().map(|x| &x.text).collect::<Vec<_>>()
    );
}

/// Arrested on 1 March 2024; access granted some day in March (the step is dated to the month).
/// On 10 March the record cannot tell whether access came by 5 March: the alert must not say
/// "overdue" as a certainty (urgent, days overdue counted), at most "may be overdue".
#[test]
fn month_dated_access_step_is_not_called_certainly_overdue_within_its_month() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01", internal_us()));
    rec(&mut image, step("c1", "2024-03", "visit", internal_us()));
    let a = alerts(&image, "2024-03-10", us());
    let access: Vec<_> = a
        .alerts
        .iter()
        .filter(|x| x.text.to_lowercase().contains("consular access"))
        .collect();
    assert!(
        access
            .iter()
            .all(|x| x.kind != AlertKind::ConsularClockOverdue),
        "a visit on record (dated to March) and still called certainly overdue on 10 March: {:?}",
        access.iter().map(|x| &x.text).collect::<Vec<_>>()
    );
}

/// `as_of` at the ends of the calendar, and a case opened on the calendar's last days: no
/// panic, no wrapped deadline.
#[test]
fn holds_alerts_at_the_calendar_extremes() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01", internal_us()));
    for on in ["1000-01-01", "9999-12-31"] {
        let _ = alerts(&image, on, us());
        let _ = cases(&image, on, us());
    }
    let late = image.record(&act(opened("c9", "9999-12-30", internal_us())), 0);
    if late.is_ok() {
        let a = alerts(&image, "9999-12-31", us());
        for x in a.alerts.iter().filter(|x| x.text.contains("c9")) {
            assert!(x.due >= day("9999-12-30"), "{x:?}");
        }
    }
}

// ---- Cases: outsider and other party ------------------------------------------------------

/// The US records, as its own claim internal to its ministry, a denial it alone knows of, and a
/// public case whose public step names it. A reader who may not see the claim (the public, the
/// host) is told the measure "is no longer on record (withdrawn or corrected)": a statement of
/// fact about something that never was on its record. The standing should be absent (or "not
/// on your record"), not `Gone`.
#[test]
fn holds_a_claim_hidden_from_the_reader_is_not_called_withdrawn_or_corrected() {
    let mut image = world();
    let mut claim = json!({"kind": "measure_imposed", "date": "2024-03-02",
        "measure": "m-claimed", "actor": "RU", "target": "US",
        "measure_kind": "consular_access_denied", "summary": "consular access refused",
        "visibility": {"internal": "US"}, "claimed_by": "US"});
    claim["claimed_by"] = json!("US");
    rec_as(&mut image, claim, "US");
    let mut case = opened("c1", "2024-03-01", json!("public"));
    case["public_report"] = json!(true);
    case["sources"] = json!(["https://example.org/report"]);
    rec_as(&mut image, case, "US");
    let mut s = step("c1", "2024-03-03", "access_denied", json!("public"));
    s["measure"] = json!("m-claimed");
    let recorded = image.record_by(&act(s), 0, us());
    if recorded.is_err() {
        // A public step may not name a measure internal to one ministry: nothing leaks.
        return;
    }
    for reader in [Reader::Public, ru()] {
        let c = cases(&image, "2024-04-10", reader);
        let Some(case) = c.cases.first() else {
            continue;
        };
        for st in &case.steps {
            assert_ne!(
                st.measure_standing,
                Some(MeasureStanding::Gone),
                "{reader:?} is told the measure was withdrawn or corrected"
            );
        }
    }
}

/// An internal case gives the host, a mediator and the public no alert and no case.
#[test]
fn holds_internal_case_gives_no_alert_to_others() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-01", internal_us()));
    for reader in [ru(), Reader::Public] {
        assert!(alerts(&image, "2024-03-20", reader).alerts.is_empty());
        assert!(cases(&image, "2024-03-20", reader).cases.is_empty());
    }
    assert!(!alerts(&image, "2024-03-20", us()).alerts.is_empty());
}

// ---- Issuance counts: bad input and truth -------------------------------------------------

fn capacity(image: &Image, on: &str, reader: Reader) -> ConsularCapacity {
    image
        .consular_capacity(st("US"), st("RU"), view(on, reader))
        .unwrap()
}

fn post<'a>(c: &'a ConsularCapacity, id: &str) -> &'a PostCapacity {
    c.missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == id)
        .unwrap_or_else(|| panic!("{id}"))
}

fn issuance(posts: &[&str], start: &str, issued: u64) -> Value {
    json!({"kind": "consular_issuance_reported", "date": "2017-08-21", "posts": posts,
           "applies_to": ["nonimmigrant_visitor"], "period_start": start, "issued": issued,
           "sources": ["https://example.org/a"]})
}

/// The same post twice in one count: the post shows the count twice, as if two counts agreed.
#[test]
fn an_issuance_naming_a_post_twice_is_refused() {
    let mut image = world();
    let r = image.record(&act(issuance(&["us-emb", "us-emb"], "2016", 1000)), 0);
    assert!(
        r.is_err(),
        "accepted; the post now shows {} counts",
        post(&capacity(&image, "2018-01-01", Reader::Rules), "us-emb")
            .issued
            .len()
    );
}

/// A count of what a post issued in years before it was opened (the post opened in 2000).
#[test]
fn an_issuance_for_a_period_before_the_post_opened_is_refused() {
    let mut image = world();
    let mut v = issuance(&["us-emb"], "1000", 5);
    v["period_end"] = json!("1999");
    let r = image.record(&act(v), 0);
    assert!(
        r.is_err(),
        "a count of 1000 to 1999 for a post opened in 2000"
    );
}

/// Counts beyond u32 are refused when read, not wrapped.
#[test]
fn holds_an_absurd_issuance_count_is_refused_not_wrapped() {
    let mut image = world();
    let parsed = chancery_domain::act::Act::from_json(issuance(&["us-emb"], "2016", 4_294_967_296));
    assert!(parsed.is_err());
    let r = image.record(&act(issuance(&["us-emb"], "2016", u64::from(u32::MAX))), 0);
    if r.is_ok() {
        let c = capacity(&image, "2018-01-01", Reader::Rules);
        assert!(post(&c, "us-emb").issued[0].text.contains("4,294,967,295"));
    }
}

/// A count the US keeps internal is not shown to the host.
#[test]
fn holds_an_internal_issuance_count_is_hidden_from_the_host() {
    let mut image = world();
    let mut v = issuance(&["us-emb"], "2016", 123_457);
    v["visibility"] = internal_us();
    rec_as(&mut image, v, "US");
    let seen = capacity(&image, "2018-01-01", ru());
    assert!(post(&seen, "us-emb").issued.is_empty());
    let json = serde_json::to_string(&seen).unwrap();
    assert!(!json.contains("123457") && !json.contains("123,457"));
    assert_eq!(
        post(&capacity(&image, "2018-01-01", us()), "us-emb")
            .issued
            .len(),
        1
    );
}

/// A count from a medium- or low-confidence source is shown as plain fact: the issuance view
/// carries neither the act's confidence nor says it in its text.
#[test]
fn an_issuance_count_shows_its_confidence() {
    let mut image = world();
    let mut v = issuance(&["us-emb"], "2016", 136_665);
    v["confidence"] = json!("low");
    rec(&mut image, v);
    let c = capacity(&image, "2018-01-01", Reader::Public);
    let shown = &post(&c, "us-emb").issued[0];
    let json = serde_json::to_value(shown).unwrap();
    assert!(
        json.get("confidence").is_some() || shown.text.contains("low"),
        "a low-confidence count shown without its confidence: {}",
        shown.text
    );
}

// ---- Closure voiding: the other party's act never vetoed by hidden figures ---------------

/// The US suspends its own post (internal to its ministry) for a day; the host then closes the
/// post with an earlier date. The closure must not be refused for the US's hidden suspension
/// (refusing it tells the host the suspension exists), as consular figures now are voided.
#[test]
fn holds_a_backdated_closure_is_not_vetoed_by_a_hidden_suspension() {
    let mut image = world();
    let r = image.record_by(
        &act(
            json!({"kind": "post_suspended", "date": "2021-06-01", "post": "us-cg",
                    "by": "US", "visibility": {"internal": "US"}}),
        ),
        0,
        us(),
    );
    if r.is_err() {
        // A suspension cannot be internal: nothing hidden to veto with.
        return;
    }
    let closed = image.record_by(
        &act(
            json!({"kind": "post_closed", "date": "2020-03-31", "post": "us-cg",
                    "by": "RU"}),
        ),
        0,
        ru(),
    );
    assert!(
        closed.is_ok(),
        "the host's closure is refused because of a suspension it cannot see: {closed:?}"
    );
}

// ---- The demo's issuance counts against figures.csv ---------------------------------------

/// figures.csv's rows recorded as `consular_issuance_reported`: (id, value, period, posts,
/// confidence).
fn figure_rows() -> Vec<(String, u32, String, Vec<String>, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sources/us-ru/figures.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[8] == "consular_issuance_reported")
        .map(|r| {
            (
                r[0].to_owned(),
                r[3].parse().unwrap(),
                r[4].to_owned(),
                r[5].split(' ').map(str::to_owned).collect(),
                r[11].to_owned(),
            )
        })
        .collect()
}

/// Each issuance count of the demo, as the public reads it after 2018, with the figures.csv row
/// whose value it carries (the seven values differ).
fn demo_counts() -> Vec<(
    String,
    chancery_domain::consular::issued::IssuedView,
    String,
)> {
    let image = common::demo();
    let rows = figure_rows();
    let c = capacity(&image, "2019-01-01", Reader::Public);
    c.missions
        .iter()
        .flat_map(|m| &m.posts)
        .flat_map(|p| {
            p.issued
                .iter()
                .map(|i| (p.post.as_str().to_owned(), i.clone()))
        })
        .map(|(post, i)| {
            let r = rows
                .iter()
                .find(|r| r.1 == i.issued)
                .map(|r| r.0.clone())
                .unwrap_or_default();
            (r, i, post)
        })
        .collect()
}

/// The demo's F001–F007 carry figures.csv's value, period and posts.
#[test]
fn holds_demo_issuance_counts_match_figures_csv() {
    let shown = demo_counts();
    let rows = figure_rows();
    assert_eq!(rows.len(), 7);
    assert!(
        shown.iter().all(|(r, _, _)| !r.is_empty()),
        "a count not in figures.csv"
    );
    for (id, value, period, posts, _) in &rows {
        let mine: Vec<_> = shown.iter().filter(|(r, _, _)| r == id).collect();
        assert_eq!(mine.len(), posts.len(), "{id}: shown at each of its posts");
        for (_, i, post) in mine {
            assert!(posts.contains(post), "{id} at {post}");
            assert_eq!(i.issued, *value, "{id}");
            let p = chancery_domain::consular::issued::period_words(i.period_start, i.period_end);
            assert_eq!(&p, period, "{id}");
        }
    }
}

/// Every one of F001–F007 is of medium or high confidence in figures.csv and the demo; the
/// public reading the count sees neither.
#[test]
fn demo_issuance_counts_show_their_confidence() {
    for (id, i, _) in demo_counts() {
        let json = serde_json::to_value(&i).unwrap();
        assert!(
            json.get("confidence").is_some(),
            "{id} shown without its confidence: {}",
            i.text
        );
    }
}

/// A count of what a post issued in a period wholly after it closed (closed 31 March 2020, a
/// count of 2021): a closed post issues nothing, so the count is of something else.
#[test]
fn an_issuance_for_a_period_after_the_post_closed_is_refused() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2020-03-31", "post": "us-cg", "by": "RU"}),
    );
    let mut v = issuance(&["us-cg"], "2021", 5_000);
    v["date"] = json!("2022-02-01");
    let r = image.record(&act(v), 0);
    assert!(
        r.is_err(),
        "a count of 2021 for a post closed since 2020-03-31"
    );
}

/// The same service listed twice in `applies_to`: shown twice.
#[test]
fn an_issuance_naming_a_service_twice_is_refused() {
    let mut image = world();
    let mut v = issuance(&["us-emb"], "2016", 1000);
    v["applies_to"] = json!(["nonimmigrant_visitor", "nonimmigrant_visitor"]);
    let r = image.record(&act(v), 0);
    assert!(r.is_err(), "accepted with a service listed twice");
}

/// Opened on 15 March; a release known only to the month ("2024-03", which may be on or after
/// the 15th) is accepted. The clocks then count from 1 March, before the arrest: negative days.
#[test]
fn a_month_dated_release_never_gives_negative_days() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-15", internal_us()));
    let released = image.record(&act(step("c1", "2024-03", "released", internal_us())), 0);
    if released.is_err() {
        return;
    }
    let c = cases(&image, "2024-06-01", us());
    for k in &c.cases[0].clocks {
        assert!(k.days_passed >= 0, "{:?}: {} days", k.clock, k.days_passed);
    }
}

/// F004: Yoder said the mission "did 250,000 visas in 2016", the class not given. F006 (class
/// not given either) lists every visa service, immigrant visas included; F004 lists only the
/// nonimmigrant ones, so the count reads as nonimmigrant visas, which its source does not say.
#[test]
fn demo_f004_whose_class_is_not_given_lists_every_visa_service_as_f006_does() {
    let text = common::demo_text();
    let scenario = chancery_domain::scenario::Scenario::parse(&text).unwrap();
    let services_of = |r: &str| -> String {
        let a = scenario
            .acts
            .iter()
            .find(|a| a.act.envelope.external_ref.as_deref() == Some(r))
            .unwrap_or_else(|| panic!("{r}"));
        serde_json::to_value(&a.act).unwrap()["applies_to"].to_string()
    };
    assert!(services_of("F006").contains("immigrant_visa\""));
    assert!(
        services_of("F004").contains("\"immigrant_visa\""),
        "F004 lists {}",
        services_of("F004")
    );
}

/// The host redates its denial measure to after the day of the US's internal step that names
/// it. Refusing the correction would tell the host a hidden case names its measure: it must be
/// accepted, whatever the case then says.
#[test]
fn holds_the_host_may_redate_its_denial_past_a_hidden_step_naming_it() {
    let mut image = world();
    let denial = json!({"kind": "measure_imposed", "date": "2024-03-02", "measure": "m-d",
        "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
        "summary": "consular access refused", "visibility": "bilateral"});
    let m = rec_as(&mut image, denial.clone(), "RU");
    rec(&mut image, opened("c1", "2024-03-01", internal_us()));
    let mut s = step("c1", "2024-03-03", "access_denied", internal_us());
    s["measure"] = json!("m-d");
    rec(&mut image, s);
    let mut later = denial;
    later["date"] = json!("2024-03-10");
    later["supersedes"] = json!(m);
    let r = image.record_by(&act(later), 0, ru());
    assert!(r.is_ok(), "the host's correction refused: {r:?}");
    // And the host's view of its own measure is the same as with no case at all.
    let c = cases(&image, "2024-04-01", us());
    assert_eq!(c.cases.len(), 1);
}

/// After the host redates its denial to after the step naming it (accepted, above), the step
/// still says its measure is "the host's measure, on record": the rule the step was recorded
/// under (a denial taken by the step's date) no longer holds, and the case should say so.
#[test]
fn a_step_naming_a_denial_redated_after_it_is_not_called_on_record() {
    let mut image = world();
    let denial = json!({"kind": "measure_imposed", "date": "2024-03-02", "measure": "m-d",
        "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
        "summary": "consular access refused", "visibility": "bilateral"});
    let m = rec_as(&mut image, denial.clone(), "RU");
    rec(&mut image, opened("c1", "2024-03-01", internal_us()));
    let mut s = step("c1", "2024-03-03", "access_denied", internal_us());
    s["measure"] = json!("m-d");
    rec(&mut image, s);
    let mut later = denial;
    later["date"] = json!("2024-03-10");
    later["supersedes"] = json!(m);
    rec_as(&mut image, later, "RU");
    let c = cases(&image, "2024-04-01", us());
    let standing = c.cases[0]
        .steps
        .iter()
        .find_map(|s| s.measure_standing)
        .expect("the denial step");
    assert_ne!(
        standing,
        MeasureStanding::OnRecord,
        "a denial now dated 10 March called the host's measure behind a step of 3 March"
    );
}

/// The US claims a denial of access; Russia, the host, confirms it. Parity still says the
/// denial is "claimed by US, not established" and does not count it: the host's own word on
/// its conduct is shown as less than it is.
#[test]
fn a_denial_the_host_confirmed_is_not_called_not_established() {
    use chancery_domain::reciprocity::parity::Definition;
    let mut image = world();
    let claim = json!({"kind": "measure_imposed", "date": "2024-03-02", "measure": "m-c",
        "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
        "summary": "consular access refused", "claimed_by": "US"});
    let c = rec_as(&mut image, claim, "US");
    rec_as(
        &mut image,
        json!({"kind": "claim_confirmed", "date": "2024-03-05", "claim": c}),
        "RU",
    );
    let d = image
        .parity(
            st("US"),
            st("RU"),
            view("2024-06-01", us()),
            &Definition::default(),
        )
        .unwrap()
        .dimensions
        .into_iter()
        .find(|d| d.key == "consular_access")
        .expect("consular_access");
    let notes = &d.values[&st("US")].notes;
    assert!(
        !notes.iter().any(|n| n.contains("not established")),
        "a confirmed denial called not established: {notes:?}"
    );
}

/// Arrested 15 March, visited 20 March; released some day in March (the day unknown). The
/// release may well be after the visit (31 March, say), yet the month-dated release is taken
/// before every precise step of the month and the visit then comes "after the release".
#[test]
fn a_month_dated_release_after_a_precise_visit_is_accepted() {
    let mut image = world();
    rec(&mut image, opened("c1", "2024-03-15", internal_us()));
    rec(&mut image, step("c1", "2024-03-20", "visit", internal_us()));
    let r = image.record(&act(step("c1", "2024-03", "released", internal_us())), 0);
    assert!(r.is_ok(), "refused: {r:?}");
}

/// A step dated in the year 9999: a release no one has seen yet. A case step is of the past:
/// the recording edge holds every act to the day it is recorded (`rules::check_horizon`, applied
/// by the application to every act before the image sees it; `Image::record` alone, as in these
/// tests, is the image's rules only).
#[test]
fn a_case_step_dated_9999_is_refused() {
    let step = act(step("c1", "9999-12-31", "released", internal_us()));
    let e = chancery_domain::rules::check_horizon(&step, day("2024-03-10")).unwrap_err();
    assert_eq!(e.code.as_str(), "date_in_future");
    let today = act(self::step("c1", "2024-03-10", "released", internal_us()));
    assert!(chancery_domain::rules::check_horizon(&today, day("2024-03-10")).is_ok());
}

/// A denial the host keeps internal to its ministry (if it may): the US's, a mediator's and the
/// public's parity are the same as without it, count and notes alike.
#[test]
fn holds_a_hosts_internal_denial_leaves_no_trace_in_others_parity() {
    use chancery_domain::reciprocity::parity::Definition;
    let dim = |image: &Image, reader: Reader| {
        let d = image
            .parity(
                st("US"),
                st("RU"),
                view("2024-06-01", reader),
                &Definition::default(),
            )
            .unwrap()
            .dimensions
            .into_iter()
            .find(|d| d.key == "consular_access")
            .expect("consular_access");
        serde_json::to_string(&d).unwrap()
    };
    let mut image = world();
    let before: Vec<String> = [us(), Reader::Public]
        .into_iter()
        .map(|r| dim(&image, r))
        .collect();
    let r = image.record_by(
        &act(
            json!({"kind": "measure_imposed", "date": "2024-03-02", "measure": "m-int",
            "actor": "RU", "target": "US", "measure_kind": "consular_access_denied",
            "summary": "refused", "visibility": {"internal": "RU"}}),
        ),
        0,
        ru(),
    );
    if r.is_err() {
        return;
    }
    let after: Vec<String> = [us(), Reader::Public]
        .into_iter()
        .map(|r| dim(&image, r))
        .collect();
    assert_eq!(before, after);
}
