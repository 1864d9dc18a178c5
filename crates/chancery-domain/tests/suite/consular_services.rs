//! Consular services per post and service of the catalogue, over time: levels, routing to
//! another post, the host measures that forced a cut, and what the record does not say.

use chancery_domain::consular::services::ServiceView;
use chancery_domain::image::timeline::View;
use chancery_domain::vocab::{ConsularService as S, ServiceLevel};
use chancery_domain::Image;
use serde_json::{json, Value};

use crate::common;
use common::{act, day, st};

fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "CC", "name": "Cland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-embassy",
               "sending": "AA", "host": "BB", "post_kind": "embassy", "name": "Aland Embassy",
               "city": "B City"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-cg",
               "sending": "AA", "host": "BB", "post_kind": "consulate_general",
               "name": "Aland CG", "city": "B Port"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "bb-embassy",
               "sending": "BB", "host": "AA", "post_kind": "embassy", "name": "Bland Embassy",
               "city": "A City"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-in-cc",
               "sending": "AA", "host": "CC", "post_kind": "embassy", "name": "Aland in Cland",
               "city": "C City"}),
        json!({"kind": "measure_imposed", "date": "2017-07-28", "measure": "cap",
               "actor": "BB", "target": "AA", "measure_kind": "staff_cap", "summary": "cap",
               "magnitude": {"cap": 100}}),
    ] {
        image.record(&act(v), 0).expect("world builds");
    }
    image
}

fn rec(image: &mut Image, v: Value) -> Result<u64, (String, Option<&'static str>)> {
    image
        .record(&act(v), 0)
        .map_err(|e| (e.code.as_str().to_owned(), e.field))
}

fn service(
    image: &Image,
    on: &str,
    post: &str,
    s: chancery_domain::vocab::ConsularService,
) -> ServiceView {
    let all = image
        .consular_services(st("AA"), st("BB"), View::rules(day(on)))
        .unwrap();
    all.missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == post)
        .and_then(|p| p.services.iter().find(|x| x.service == s))
        .cloned()
        .unwrap_or_else(|| panic!("{post} {s} listed"))
}

#[test]
fn services_change_one_by_one_and_post_wide() {
    let mut image = world();
    // Nothing recorded: not recorded, never "none".
    assert_eq!(
        service(&image, "2016-01-01", "aa-embassy", S::ImmigrantVisa).level,
        None
    );
    rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2017-01-01",
        "posts": ["aa-embassy", "aa-cg"], "level": "full"}),
    )
    .unwrap();
    rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2017-08-23",
        "posts": ["aa-embassy", "aa-cg"], "level": "none",
        "applies_to": ["nonimmigrant_visitor", "nonimmigrant_work"],
        "services": "visitor and work visas suspended", "forced_by": ["cap"]}),
    )
    .unwrap();
    let visitor = service(&image, "2017-09-01", "aa-cg", S::NonimmigrantVisitor);
    assert_eq!(visitor.level, Some(ServiceLevel::None));
    assert!(!visitor.post_wide);
    assert_eq!(visitor.forced_by[0].as_str(), "cap");
    let passports = service(&image, "2017-09-01", "aa-cg", S::PassportsCitizenship);
    assert_eq!(passports.level, Some(ServiceLevel::Full));
    assert!(passports.post_wide);
    // Before the cut, as of its eve, visitor visas were full.
    assert_eq!(
        service(&image, "2017-08-22", "aa-cg", S::NonimmigrantVisitor).level,
        Some(ServiceLevel::Full)
    );
    // Routed to the sending state's embassy in a third country.
    rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2021-10-21",
        "posts": ["aa-embassy"], "level": "none", "applies_to": ["immigrant_visa"],
        "routed_to": [{"city": "C City", "state": "CC", "post": "aa-in-cc"}]}),
    )
    .unwrap();
    let iv = service(&image, "2022-01-01", "aa-embassy", S::ImmigrantVisa);
    assert_eq!(iv.routed_to[0].city, "C City");
    // A change of every service resets the single ones.
    rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2023-01-01",
        "posts": ["aa-embassy"], "level": "limited"}),
    )
    .unwrap();
    let iv = service(&image, "2023-02-01", "aa-embassy", S::ImmigrantVisa);
    assert_eq!(
        (iv.level, iv.post_wide),
        (Some(ServiceLevel::Limited), true)
    );
    assert!(iv.routed_to.is_empty());
    // A closed post offers nothing.
    rec(
        &mut image,
        json!({"kind": "post_closed", "date": "2024-01-01", "post": "aa-cg", "by": "BB"}),
    )
    .unwrap();
    assert_eq!(
        service(&image, "2024-02-01", "aa-cg", S::PassportsCitizenship).level,
        Some(ServiceLevel::None)
    );
}

#[test]
fn routing_and_forcing_follow_the_rules() {
    let mut image = world();
    // Routed elsewhere while still offered here.
    let offered = rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2021-10-21",
        "posts": ["aa-embassy"], "level": "limited", "applies_to": ["immigrant_visa"],
        "routed_to": [{"city": "C City", "state": "CC"}]}),
    );
    assert_eq!(
        offered.unwrap_err(),
        ("routed_service_offered".to_owned(), Some("routed_to"))
    );
    // Routed to the other state's post.
    let theirs = rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2021-10-21",
        "posts": ["aa-embassy"], "level": "none", "applies_to": ["immigrant_visa"],
        "routed_to": [{"city": "A City", "state": "AA", "post": "bb-embassy"}]}),
    );
    assert_eq!(
        theirs.unwrap_err(),
        ("post_not_in_relation".to_owned(), Some("routed_to"))
    );
    // Forced by a measure of its own side.
    rec(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2018-01-01", "measure": "mine",
        "actor": "AA", "target": "BB", "measure_kind": "visa_restriction", "summary": "x"}),
    )
    .unwrap();
    let own = rec(
        &mut image,
        json!({"kind": "consular_services_changed", "date": "2021-10-21",
        "posts": ["aa-embassy"], "level": "none", "forced_by": ["mine"]}),
    );
    assert_eq!(
        own.unwrap_err(),
        ("scope_outside_relation".to_owned(), Some("forced_by"))
    );
    // An unknown service is refused when the act is read.
    let parsed: Result<chancery_domain::Act, _> = serde_json::from_value(json!({
        "kind": "consular_services_changed", "date": "2021-10-21", "posts": ["aa-embassy"],
        "level": "none", "applies_to": ["tourism"]}));
    assert!(parsed.is_err());
}

/// The demo's consular history (timeline section 4), service by service.
#[test]
fn the_demos_consular_history_follows_its_sources() {
    let image = common::demo();
    let at = |on: &str, post: &str, s| {
        let all = image
            .consular_services(common::us(), common::ru(), View::rules(day(on)))
            .unwrap();
        all.missions
            .iter()
            .flat_map(|m| &m.posts)
            .find(|p| p.post.as_str() == post)
            .and_then(|p| p.services.iter().find(|x| x.service == s))
            .cloned()
            .unwrap_or_else(|| panic!("{post} {s} on {on}"))
    };
    let level = |on: &str, post: &str, s| at(on, post, s).level;
    // 23 Aug 2017: nonimmigrant visas suspended at every US post, forced by the cap (R014).
    let v = at("2017-08-25", "us-cg-yekaterinburg", S::NonimmigrantVisitor);
    assert_eq!(v.level, Some(ServiceLevel::None));
    assert_eq!(v.forced_by[0].as_str(), "r012");
    // 1 Sep: Moscow resumes at reduced volume; the consulates only on 11 Dec (R021).
    assert_eq!(
        level("2017-10-01", "us-embassy-moscow", S::NonimmigrantVisitor),
        Some(ServiceLevel::Limited)
    );
    assert_eq!(
        level(
            "2017-10-01",
            "us-cg-vladivostok",
            S::NonimmigrantStudentExchange
        ),
        Some(ServiceLevel::None)
    );
    assert_eq!(
        level(
            "2018-01-10",
            "us-cg-vladivostok",
            S::NonimmigrantStudentExchange
        ),
        Some(ServiceLevel::Limited)
    );
    // St Petersburg closed on 31 Mar 2018 (R027): nothing offered.
    assert_eq!(
        level("2018-06-01", "us-cg-st-petersburg", S::PassportsCitizenship),
        Some(ServiceLevel::None)
    );
    // May 2021: emergency services; no visitor visas even in the temporary restoration (R045).
    assert_eq!(
        level("2021-06-01", "us-embassy-moscow", S::NonimmigrantVisitor),
        Some(ServiceLevel::None)
    );
    assert_eq!(
        level("2021-06-01", "us-embassy-moscow", S::ImmigrantVisa),
        Some(ServiceLevel::Limited)
    );
    // From 21 Oct 2021 immigrant visas are processed in Warsaw (R053).
    let iv = at("2022-01-01", "us-embassy-moscow", S::ImmigrantVisa);
    assert_eq!(iv.level, Some(ServiceLevel::None));
    assert_eq!(iv.routed_to[0].city, "Warsaw");
    // From 6 Sep 2025 nonimmigrant visas in Warsaw or Astana (R078).
    let niv = at("2025-10-01", "us-embassy-moscow", S::NonimmigrantWork);
    let cities: Vec<&str> = niv.routed_to.iter().map(|r| r.city.as_str()).collect();
    assert_eq!(cities, ["Warsaw", "Astana"]);
    // Seattle stops receiving the public on 26 Mar 2018; the embassy serves the West Coast.
    let seattle = at("2018-03-28", "ru-cg-seattle", S::PassportsCitizenship);
    assert_eq!(seattle.level, Some(ServiceLevel::None));
    assert_eq!(
        seattle.routed_to[0].post.as_ref().map(|p| p.as_str()),
        Some("ru-embassy-washington")
    );
    // Russia's posts in the US say nothing service by service before then: not recorded.
    assert_eq!(level("2016-01-01", "ru-cg-houston", S::ImmigrantVisa), None);
}

/// Parity's visa classes: what each mission offers at its open posts, routing named.
#[test]
fn parity_counts_the_visa_classes_each_mission_offers() {
    use chancery_domain::reciprocity::parity::Definition;
    let image = common::demo();
    let p = serde_json::to_value(
        image
            .parity(
                common::us(),
                common::ru(),
                View::rules(day("2025-10-01")),
                &Definition::default(),
            )
            .unwrap(),
    )
    .unwrap();
    let d = p["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "visa_services")
        .expect("visa classes in parity");
    let us = d["values"]["US"]["text"].as_str().unwrap();
    assert!(us.contains("routed to Warsaw (PL), Astana (KZ)"), "{us}");
    // Russia's posts in the US say nothing service by service: unknown, never "none".
    assert_eq!(d["values"]["RU"]["known"], false, "{d}");
}
