//! The history of a post or a person read from the image's timelines equals what a scan of every
//! act of the demo finds, at several dates and as known through an earlier act.

use chancery_domain::act::{MemberAct, PostAct, PremisesAct, TalksAct};
use std::collections::BTreeSet;

use chancery_domain::image::timeline::View;
use chancery_domain::scenario::Scenario;
use chancery_domain::{Act, ActBody, CivilDate, Image, PostId, StateCode};
use serde_json::json;

use crate::common;
use common::demo_text;

/// The demo, plus members of staff (the demo records none) with a correction among them, so
/// that members' acts and corrected acts are part of what is compared.
fn demo() -> (Image, Vec<Act>) {
    let text = demo_text();
    let (mut image, mut acts) = Scenario::parse(&text)
        .unwrap()
        .plan_import(&Image::new(), 0)
        .unwrap();
    let first = acts.len() as u64 + 1;
    let extra = [
        json!({"kind": "member_notified", "date": "2015-03-01", "member": "us-m-1", "post": "us-embassy-moscow", "name": "Jane Roe", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": "2015-04-01", "member": "us-m-1"}),
        json!({"kind": "member_notified", "date": "2015-05-01", "member": "ru-m-1", "post": "ru-embassy-washington", "name": "Ivan Petrov", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": "2015-04-02", "member": "us-m-1", "supersedes": first + 1}),
        json!({"kind": "member_declared_png", "date": "2016-12-29", "member": "ru-m-1", "by": "US"}),
        json!({"kind": "member_departed", "date": "2017-01-01", "member": "ru-m-1"}),
        json!({"kind": "member_notified", "date": "2015-06-01", "member": "us-m-2", "post": "us-cg-yekaterinburg", "name": "Jane Roe", "category": "diplomatic"}),
    ];
    for value in extra {
        let act = Act::from_json(value).unwrap();
        image.record(&act, 0).unwrap();
        acts.push(act);
    }
    (image, acts)
}

fn code(s: &str) -> StateCode {
    s.parse().unwrap()
}

/// The acts a view sees, by seq: dated by `view.as_of`, recorded by `view.known_through`, and
/// not corrected by then.
fn visible(acts: &[Act], view: View) -> Vec<(u64, &Act)> {
    let known: Vec<(u64, &Act)> = (1..)
        .zip(acts)
        .filter(|(seq, _)| view.known_through.includes(*seq))
        .collect();
    let superseded: BTreeSet<u64> = known
        .iter()
        .filter_map(|(_, a)| a.envelope.supersedes)
        .collect();
    known
        .into_iter()
        .filter(|(seq, a)| a.envelope.date.earliest() <= view.as_of && !superseded.contains(seq))
        .collect()
}

fn scan_post(acts: &[Act], post: &str, view: View) -> Vec<u64> {
    let all: Vec<(u64, &Act)> = (1..).zip(acts).collect();
    let premises: BTreeSet<String> = all
        .iter()
        .filter_map(|(_, a)| match &a.body {
            ActBody::Premises(PremisesAct::Acquired {
                premises, post: p, ..
            }) if p.as_str() == post => Some(format!("premises:{premises}")),
            _ => None,
        })
        .collect();
    visible(acts, view)
        .into_iter()
        .filter(|(_, a)| match &a.body {
            ActBody::Post(
                PostAct::ServicesChanged { posts, .. } | PostAct::IssuanceReported { posts, .. },
            ) => posts.iter().any(|p| p.as_str() == post),
            ActBody::Member(MemberAct::Notified { post: p, .. }) => p.as_str() == post,
            body => {
                let subject = body.subject();
                subject == format!("post:{post}") || premises.contains(&subject)
            }
        })
        .map(|(seq, _)| seq)
        .collect()
}

fn scan_person(acts: &[Act], person: &str, view: View) -> Vec<u64> {
    let members: BTreeSet<String> = acts
        .iter()
        .filter_map(|a| match &a.body {
            ActBody::Member(MemberAct::Notified { member, name, .. }) if name == person => {
                Some(format!("member:{member}"))
            }
            _ => None,
        })
        .collect();
    visible(acts, view)
        .into_iter()
        .filter(|(_, a)| match &a.body {
            ActBody::Talks(TalksAct::RoundHeld {
                heads_of_delegation,
                ..
            }) => heads_of_delegation.iter().any(|h| h == person),
            body => {
                body.head_of_mission().is_some_and(|h| h.person == person)
                    || members.contains(&body.subject())
            }
        })
        .map(|(seq, _)| seq)
        .collect()
}

fn views(acts: &[Act]) -> Vec<View> {
    let half = acts.len() as u64 / 2;
    ["2014-01-01", "2018-01-01", "2021-09-01", "2026-01-01"]
        .iter()
        .flat_map(|d| {
            let as_of: CivilDate = d.parse().unwrap();
            [
                View::rules(as_of),
                View::new(as_of, half, chancery_domain::Reader::Rules),
            ]
        })
        .collect()
}

#[test]
fn post_history_is_what_a_scan_of_every_act_finds() {
    let (image, acts) = demo();
    let posts: BTreeSet<String> = acts
        .iter()
        .filter_map(|a| match &a.body {
            ActBody::Post(PostAct::Opened { post, .. }) => Some(post.to_string()),
            _ => None,
        })
        .collect();
    assert!(posts.len() > 5, "the demo has posts on both sides");
    let mut longest = 0;
    for post in &posts {
        let id: PostId = post.parse().unwrap();
        for view in views(&acts) {
            let got = image.post_history(&id, view);
            assert_eq!(got, scan_post(&acts, post, view), "{post} {view:?}");
            longest = longest.max(got.len());
        }
    }
    assert!(longest >= 3, "some post has a history beyond its opening");
    let none: PostId = "no-such-post".parse().unwrap();
    assert!(image
        .post_history(&none, View::rules("2026-01-01".parse().unwrap()))
        .is_empty());
}

#[test]
fn person_history_is_what_a_scan_of_every_act_finds() {
    let (image, acts) = demo();
    let mut people: BTreeSet<String> = acts
        .iter()
        .filter_map(|a| match &a.body {
            ActBody::Member(MemberAct::Notified { name, .. }) => Some(name.clone()),
            ActBody::Talks(TalksAct::RoundHeld {
                heads_of_delegation,
                ..
            }) => heads_of_delegation.first().cloned(),
            body => body.head_of_mission().map(|h| h.person.to_owned()),
        })
        .collect();
    people.insert("Nobody On Record".into());
    assert!(people.contains("Jon Huntsman") && people.contains("Jane Roe"));
    for person in &people {
        for view in views(&acts) {
            assert_eq!(
                image.person_history(code("US"), code("RU"), person, view),
                scan_person(&acts, person, view),
                "{person} {view:?}"
            );
        }
    }
    let huntsman = image.person_history(
        code("RU"),
        code("US"),
        "Jon Huntsman",
        View::rules("2020-01-01".parse().unwrap()),
    );
    assert!(
        huntsman.len() >= 3,
        "appointed, arrived, credentials, departed: {huntsman:?}"
    );
    let at = |d: &str| View::rules(d.parse().unwrap());
    let roe = image.person_history(code("US"), code("RU"), "Jane Roe", at("2016-01-01"));
    assert_eq!(
        roe.len(),
        3,
        "two notifications and the corrected arrival, not the arrival it replaced: {roe:?}"
    );
    let moscow: PostId = "us-embassy-moscow".parse().unwrap();
    let first_member = acts.len() as u64 - 6;
    assert!(image
        .post_history(&moscow, at("2016-01-01"))
        .contains(&first_member));
}
