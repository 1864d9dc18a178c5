//! Published issuance counts (`consular_issuance_reported`) on a hand-made pair of posts: shown
//! beside capacity with their period and source, shared counts named as shared, never taken
//! for demand; a count published before its period ends, a period ending before it starts,
//! posts of two relations and empty lists are refused.

use chancery_domain::act::Act;
use chancery_domain::consular::capacity::{ConsularCapacity, PostCapacity};
use chancery_domain::image::timeline::View;
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

/// The US and Russia, a US embassy and consulate in Russia and a Russian embassy in the US,
/// all open from 2000; and France, with a US embassy there (another relation).
fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "United States"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia"}),
        json!({"kind": "state_registered", "date": "2000", "state": "FR", "name": "France"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-emb", "sending": "US",
               "host": "RU", "post_kind": "embassy", "name": "US Embassy", "city": "Moscow"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-cg", "sending": "US",
               "host": "RU", "post_kind": "consulate_general", "name": "US Consulate General",
               "city": "Vladivostok"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "us-paris", "sending": "US",
               "host": "FR", "post_kind": "embassy", "name": "US Embassy Paris",
               "city": "Paris"}),
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

/// The rule code the act is refused with, and the field it names.
fn refused(image: &mut Image, v: Value) -> (String, Option<String>) {
    let e = image.record(&act(v.clone()), 0).expect_err(&v.to_string());
    (e.code.as_str().to_owned(), e.field.map(str::to_owned))
}

fn post<'a>(c: &'a ConsularCapacity, id: &str) -> &'a PostCapacity {
    c.missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == id)
        .unwrap_or_else(|| panic!("{id}"))
}

fn capacity(image: &Image, on: &str) -> ConsularCapacity {
    image
        .consular_capacity(st("US"), st("RU"), View::rules(day(on)))
        .unwrap()
}

const NIV: [&str; 3] = [
    "nonimmigrant_visitor",
    "nonimmigrant_student_exchange",
    "nonimmigrant_work",
];

#[test]
fn a_count_shows_beside_capacity_with_its_period_and_source_and_is_not_demand() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2017-08-21", "posts": ["us-emb"],
               "applies_to": NIV, "period_start": "2016", "issued": 136_665,
               "sources": ["https://example.org/state-dept-figures"]}),
    );
    // Before it was published, the record does not know it.
    assert!(post(&capacity(&image, "2017-08-01"), "us-emb")
        .issued
        .is_empty());
    let c = capacity(&image, "2017-09-01");
    let emb = post(&c, "us-emb");
    assert_eq!(emb.issued.len(), 1);
    let i = &emb.issued[0];
    assert_eq!(i.issued, 136_665);
    assert_eq!(i.period_start.to_string(), "2016");
    assert_eq!(i.period_end.to_string(), "2016");
    assert!(i.with_posts.is_empty());
    assert_eq!(
        i.text,
        "issued in 2016: 136,665 nonimmigrant visas (visitors, students and exchange visitors, \
         temporary workers) (source: https://example.org/state-dept-figures)"
    );
    // An issuance count is not demand: no service gains a demand figure, load or wait.
    assert!(emb
        .services
        .iter()
        .all(|s| s.demand.is_none() && s.load.is_none() && s.waits.is_none()));
    // The consulate has no count of its own.
    assert!(post(&c, "us-cg").issued.is_empty());
}

#[test]
fn a_count_of_several_posts_together_is_shown_as_shared_on_each() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-08-31",
               "posts": ["us-emb", "us-cg"], "applies_to": NIV, "period_start": "2018-07",
               "issued": 8000, "estimate": true}),
    );
    let c = capacity(&image, "2018-09-03");
    let emb = &post(&c, "us-emb").issued[0];
    assert_eq!(emb.with_posts.len(), 1);
    assert_eq!(emb.with_posts[0].as_str(), "us-cg");
    let cg = &post(&c, "us-cg").issued[0];
    assert_eq!(cg.with_posts[0].as_str(), "us-emb");
    assert_eq!(
        cg.text,
        "issued in 2018-07: 8,000 nonimmigrant visas (visitors, students and exchange visitors, \
         temporary workers) (estimate), together with us-emb (no source given)"
    );
}

#[test]
fn a_fiscal_year_is_a_period_from_its_first_month_to_its_last() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-10-01",
               "posts": ["us-emb", "us-cg"], "applies_to": ["nonimmigrant_visitor"],
               "period_start": "2017-10", "period_end": "2018-09", "issued": 89_800}),
    );
    let c = capacity(&image, "2018-10-01");
    assert!(post(&c, "us-emb").issued[0]
        .text
        .starts_with("issued in 2017-10 to 2018-09: 89,800"));
    // Published two days before the fiscal year ended, it is refused: not a year's count.
    let (code, field) = refused(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-09-28",
               "posts": ["us-emb"], "applies_to": ["nonimmigrant_visitor"],
               "period_start": "2017-10", "period_end": "2018-09", "issued": 89_800}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("dates_out_of_order", Some("period_end"))
    );
}

#[test]
fn a_count_of_the_past_may_be_published_after_the_post_closed() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2018-03-31", "post": "us-cg", "by": "RU"}),
    );
    rec(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-10-02",
               "posts": ["us-emb", "us-cg"], "applies_to": NIV, "period_start": "2016",
               "issued": 250_000}),
    );
    // A staffing figure for the closed post is still refused: it would be of the present.
    let (code, _) = refused(
        &mut image,
        json!({"kind": "consular_staff_reported", "date": "2018-10-02", "post": "us-cg",
               "officers": 1}),
    );
    assert_eq!(code, "post_already_closed");
}

#[test]
fn a_count_published_before_its_period_ends_is_refused() {
    let mut image = world();
    // A year's count published in its own June is a running total or a plan.
    let (code, field) = refused(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2019-06-01", "posts": ["us-emb"],
               "applies_to": NIV, "period_start": "2019", "issued": 200_000}),
    );
    assert_eq!(code, "dates_out_of_order");
    assert_eq!(field.as_deref(), Some("period_start"));
    let (code, field) = refused(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-06-01", "posts": ["us-emb"],
               "applies_to": NIV, "period_start": "2017-10", "period_end": "2018-09",
               "issued": 1}),
    );
    assert_eq!(code, "dates_out_of_order");
    assert_eq!(field.as_deref(), Some("period_end"));
    // Published in the period's last month: the order is not certain, so it is accepted.
    rec(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2018-09", "posts": ["us-emb"],
               "applies_to": NIV, "period_start": "2017-10", "period_end": "2018-09",
               "issued": 1}),
    );
}

#[test]
fn a_period_ending_before_it_starts_is_refused() {
    let mut image = world();
    let (code, field) = refused(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2020", "posts": ["us-emb"],
               "applies_to": NIV, "period_start": "2018-09", "period_end": "2017-10",
               "issued": 1}),
    );
    assert_eq!(code, "dates_out_of_order");
    assert_eq!(field.as_deref(), Some("period_end"));
}

#[test]
fn posts_of_two_relations_are_refused() {
    let mut image = world();
    let (code, field) = refused(
        &mut image,
        json!({"kind": "consular_issuance_reported", "date": "2017", "posts": ["us-emb", "us-paris"],
               "applies_to": NIV, "period_start": "2016", "issued": 1}),
    );
    // Caught by the check every act of one relation passes, before the posts' own.
    assert_eq!(code, "act_outside_relation");
    assert_eq!(field.as_deref(), Some("posts"));
}

#[test]
fn a_count_must_name_its_posts_and_its_services() {
    for (v, field) in [
        (
            json!({"kind": "consular_issuance_reported", "date": "2017", "posts": [],
                   "applies_to": NIV, "period_start": "2016", "issued": 1}),
            "posts",
        ),
        (
            json!({"kind": "consular_issuance_reported", "date": "2017", "posts": ["us-emb"],
                   "applies_to": [], "period_start": "2016", "issued": 1}),
            "applies_to",
        ),
    ] {
        let e = Act::from_json(v.clone()).expect_err(&v.to_string());
        assert_eq!(e.field.as_deref(), Some(field), "{e:?}");
        assert!(e.message.contains("at least one"), "{e:?}");
    }
}

#[test]
fn the_count_is_the_sending_states_to_report() {
    let image = world();
    let who = act(json!({"kind": "consular_issuance_reported", "date": "2017",
                         "posts": ["us-emb"], "applies_to": NIV, "period_start": "2016",
                         "issued": 1}));
    assert_eq!(image.acting_states(&who.body), vec![st("US")]);
}

#[test]
fn a_post_or_a_service_listed_twice_is_refused() {
    let mut image = world();
    for (field, posts, services) in [
        ("posts", json!(["us-emb", "us-cg", "us-emb"]), json!(NIV)),
        (
            "applies_to",
            json!(["us-emb"]),
            json!(["immigrant_visa", "nonimmigrant_work", "immigrant_visa"]),
        ),
    ] {
        let got = refused(
            &mut image,
            json!({"kind": "consular_issuance_reported", "date": "2017", "posts": posts,
                   "applies_to": services, "period_start": "2016", "issued": 1}),
        );
        assert_eq!(got, ("duplicate_event".to_owned(), Some(field.to_owned())));
    }
}

/// The count for a period: the post opened in 2000, closed on 31 March 2018, reopened in 2021.
fn count(period: (&str, &str), published: &str) -> Value {
    json!({"kind": "consular_issuance_reported", "date": published, "posts": ["us-cg"],
           "applies_to": NIV, "period_start": period.0, "period_end": period.1, "issued": 7})
}

#[test]
fn a_period_wholly_outside_the_posts_open_life_is_refused() {
    let mut image = world();
    let got = refused(&mut image, count(("1998", "1999-12"), "2017"));
    assert_eq!(
        got,
        (
            "act_before_subject_exists".to_owned(),
            Some("period_end".to_owned())
        )
    );
    // Open on its first day: it may have issued that day.
    rec(&mut image, count(("1999", "2000-01-01"), "2017"));
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2018-03-31", "post": "us-cg", "by": "RU"}),
    );
    rec(
        &mut image,
        json!({"kind": "post_reopened", "date": "2021-06-01", "post": "us-cg"}),
    );
    let got = refused(&mut image, count(("2019", "2020"), "2022"));
    assert_eq!(
        got,
        (
            "post_already_closed".to_owned(),
            Some("period_start".to_owned())
        )
    );
    // A period the post was open in for a part is a count of that part.
    rec(&mut image, count(("2018-01", "2018-06"), "2022"));
    rec(&mut image, count(("2021-06", "2021-12"), "2022"));
}

/// The US's count of 2019 for its consulate, then Russia's closure recorded later with the date
/// 2018-03-31: the closure stands (a count never vetoes the other side's act) and the count it
/// covers is void, as consular figures are.
#[test]
fn a_backdated_closure_voids_a_count_recorded_before_it() {
    let mut image = world();
    rec(&mut image, count(("2019", "2019"), "2020-02"));
    rec(&mut image, count(("2017", "2017"), "2020-02"));
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2018-03-31", "post": "us-cg", "by": "RU"}),
    );
    let c = capacity(&image, "2021-01-01");
    let shown: Vec<String> = post(&c, "us-cg")
        .issued
        .iter()
        .map(|i| i.period_start.to_string())
        .collect();
    assert_eq!(shown, ["2017"]);
}

/// Russia closes the consulate and later reopens it; the US publishes a count of the reopened
/// months; Russia then withdraws its reopening as recorded in error. The withdrawal stands (the
/// count is no veto on the other side's act) and the count, now of months the post was closed
/// in, is void.
#[test]
fn a_withdrawn_reopening_voids_the_count_that_rested_on_it() {
    let mut image = world();
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2018-03-31", "post": "us-cg", "by": "RU"}),
    );
    let reopened = rec(
        &mut image,
        json!({"kind": "post_reopened", "date": "2021-06-01", "post": "us-cg"}),
    );
    rec(&mut image, count(("2021-07", "2021-12"), "2022"));
    assert_eq!(
        post(&capacity(&image, "2022-02-01"), "us-cg").issued.len(),
        1
    );
    rec(
        &mut image,
        json!({"kind": "act_withdrawn", "date": "2022-01-15", "act": reopened,
               "reason": "recorded in error"}),
    );
    assert!(post(&capacity(&image, "2022-02-01"), "us-cg")
        .issued
        .is_empty());
}
