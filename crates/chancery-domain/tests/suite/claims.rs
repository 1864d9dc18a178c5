//! Claims (issue "Measures as they really take and lose effect", §7): what one ministry records
//! about the other state's conduct is its claim, shown "per US", never used to refuse,
//! invalidate or overwrite the other party's own acts, and open to the other's answer.

use chancery_domain::image::claims::ClaimStatus;
use chancery_domain::image::measures::MeasureStatus;
use chancery_domain::image::timeline::{Verdicts, View};
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::{Act, Image};
use serde_json::json;

use crate::common;
use common::{act, day, demo, ru, us};

fn status_of(image: &Image, id: &str, date: &str) -> MeasureStatus {
    image
        .measures(us(), ru(), View::rules(day(date)), MeasureFilter::Imposed)
        .unwrap()
        .into_iter()
        .find(|m| m.id.as_str() == id)
        .unwrap()
        .status
}

fn replayed(image: &Image, acts: &[Act]) -> Image {
    let base = demo();
    let n = base.last_seq();
    let mut all: Vec<(u64, i64, Act)> = Vec::new();
    let text = common::demo_text();
    let scenario = chancery_domain::scenario::Scenario::parse(&text).unwrap();
    let (_, journal) = scenario.plan_import(&Image::new(), 0).unwrap();
    for (i, a) in journal.into_iter().enumerate() {
        all.push((i as u64 + 1, 0, a));
    }
    for (i, a) in acts.iter().enumerate() {
        all.push((n + i as u64 + 1, 0, a.clone()));
    }
    let r = Image::replay(all).unwrap();
    assert_eq!(&r, image, "replay equals record");
    r
}

#[test]
fn a_claim_about_the_other_side_never_changes_or_blocks_its_record() {
    let mut image = demo();
    // The US ministry claims Russia lifted its quota on official visitors (r039).
    let claim = act(
        json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039",
        "claimed_by": "US", "sources": ["US MFA statement"]}),
    );
    let seq = image.record(&claim, 0).unwrap();
    assert_eq!(
        status_of(&image, "r039", "2025-02-01"),
        MeasureStatus::InForce
    );
    let claims = image.claims(us(), ru(), View::rules(day("2025-02-01")));
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (claims[0].seq, claims[0].by, claims[0].status),
        (seq, us(), ClaimStatus::Open)
    );
    // Russia's own acts go through as if the claim did not exist: its own lifting later...
    let own = act(json!({"kind": "measure_lifted", "date": "2025-03-01", "measure": "r039"}));
    image.record(&own, 0).unwrap();
    assert_eq!(
        status_of(&image, "r039", "2025-03-02"),
        MeasureStatus::Lifted
    );
    // ... and a claim that Russia closed a US post changes nothing of the post.
    let closed = act(
        json!({"kind": "post_closed", "date": "2025-01-12", "post": "us-embassy-moscow",
        "by": "RU", "claimed_by": "US"}),
    );
    image.record(&closed, 0).unwrap();
    let p = image
        .presence(us(), ru(), View::rules(day("2025-02-01")))
        .unwrap();
    let embassy = p
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|x| x.id.as_str() == "us-embassy-moscow")
        .unwrap();
    assert_eq!(embassy.status.to_string(), "open");
    // Russia disputes the closure claim; the lifting claim stays open.
    let dispute = act(
        json!({"kind": "claim_disputed", "date": "2025-01-20", "claim": seq + 2,
        "reason": "the embassy works"}),
    );
    image.record(&dispute, 0).unwrap();
    let claims = image.claims(us(), ru(), View::rules(day("2025-02-01")));
    assert_eq!(
        claims.iter().map(|c| c.status).collect::<Vec<_>>(),
        [ClaimStatus::Open, ClaimStatus::Disputed]
    );
    let again = act(json!({"kind": "claim_confirmed", "date": "2025-01-21", "claim": seq + 2}));
    assert_eq!(
        image.record(&again, 0).unwrap_err().code.as_str(),
        "claim_already_answered"
    );
    replayed(&image, &[claim, own, closed, dispute]);
}

#[test]
fn verdicts_count_a_partys_claims_only_when_asked() {
    let mut image = demo();
    let claim = act(
        json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039",
        "claimed_by": "US"}),
    );
    image.record(&claim, 0).unwrap();
    let view = View::rules(day("2025-06-01"));
    let quota = |v: View| {
        image
            .parity(us(), ru(), v, &Definition::default())
            .unwrap()
            .dimensions
            .into_iter()
            .find(|d| d.key == "official_visitors")
            .unwrap()
    };
    assert_eq!(quota(view).values[&us()].number(), Some(1));
    let with = view.with_verdicts(Verdicts {
        include_claims_of: Some(us()),
        ..Verdicts::default()
    });
    assert_eq!(quota(with).values[&us()].number(), Some(0));
    let p = image
        .parity(us(), ru(), with, &Definition::default())
        .unwrap();
    assert_eq!(p.claims_of, Some(us()));
    // Russia's claims change nothing here: it made none.
    let theirs = view.with_verdicts(Verdicts {
        include_claims_of: Some(ru()),
        ..Verdicts::default()
    });
    assert_eq!(quota(theirs).values[&us()].number(), Some(1));
}

#[test]
fn a_party_cannot_claim_its_own_acts_or_what_either_party_records() {
    let mut image = demo();
    for (a, why) in [
        (
            json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r078", "claimed_by": "US"}),
            "the US's own measure",
        ),
        (
            json!({"kind": "agreement_recorded", "date": "2025-01-10", "parties": ["US", "RU"], "venue_state": "TR", "summary": "s", "claimed_by": "US"}),
            "a joint act",
        ),
        (
            json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039", "claimed_by": "RU"}),
            "Russia's own measure",
        ),
    ] {
        let e = image.record(&act(a), 0).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field),
            ("not_a_claim", Some("claimed_by")),
            "{why}"
        );
    }
}
