//! `Image::check_all`: every rule an act breaks at once, the refusal recording gives first.

use crate::common;

use chancery_domain::rules::{RefusalSaid, RuleCode};
use chancery_domain::{Image, Reader};
use common::act;
use serde_json::{json, Value};

/// AA and BB registered in 2000; AA's embassy in BB opened on 2000-01-01.
fn world() -> Image {
    let mut image = Image::new();
    for a in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2000-01-01", "post": "aa-emb", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
    ] {
        image.record(&act(a), 0).expect("world builds");
    }
    image
}

/// A measure dated 1850 (implausible without a confirmation) whose scope names a post that is
/// not recorded: two rules broken.
fn two_faults() -> Value {
    json!({"kind": "measure_imposed", "date": "1850-03-01", "measure": "m1", "actor": "BB",
           "target": "AA", "measure_kind": "visa_restriction", "summary": "visas",
           "scope": {"posts": ["aa-nowhere"]}})
}

#[test]
fn an_act_breaking_two_rules_gets_both_the_refusal_first() {
    let mut image = world();
    let before = image.clone();
    let a = act(two_faults());
    let all = image.check_all(&a, Reader::Rules);
    assert_eq!(image, before, "checking leaves the image as it was");
    let codes: Vec<RuleCode> = all.iter().map(|v| v.code).collect();
    assert_eq!(
        codes,
        [RuleCode::ImplausibleDate, RuleCode::UnknownPost],
        "{all:?}"
    );
    // The first is what recording refuses, word for word.
    let refused = image.record(&a, 0).expect_err("refused");
    assert_eq!(all[0], refused);
    // Each says its facts, for a page to word in its own language.
    assert!(
        matches!(*all[0].said, RefusalSaid::DateBeforeYear { year: 1900, .. }),
        "{:?}",
        all[0].said
    );
    assert_eq!(
        *all[1].said,
        RefusalSaid::Unknown {
            id: "aa-nowhere".into()
        }
    );
    assert_eq!(all[1].field, Some("scope.posts"));
}

#[test]
fn the_same_fault_found_twice_is_said_once() {
    let mut image = world();
    // An unknown post is unknown to the names' check and to the rules at the act's date alike.
    let a = act(
        json!({"kind": "post_suspended", "date": "2020-01-01", "post": "aa-nowhere",
                       "by": "AA"}),
    );
    let all = image.check_all(&a, Reader::Rules);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].code, RuleCode::UnknownPost);
}

#[test]
fn an_act_that_may_be_recorded_has_no_fault_and_is_not_recorded() {
    let mut image = world();
    let before = image.clone();
    let a = act(
        json!({"kind": "post_suspended", "date": "2020-01-01", "post": "aa-emb",
                       "by": "AA"}),
    );
    assert!(image.check_all(&a, Reader::Rules).is_empty());
    assert_eq!(image, before);
    image.record(&a, 0).expect("recorded");
}
