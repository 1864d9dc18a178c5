//! One party can never lift, pre-empt, invalidate or overwrite the other party's acts (finding
//! M2 of the outside probe), and acts that name no relation are refused (H1).

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{get, get_with, post, start, Server};
use serde_json::{json, Value};

fn record(server: &Server, token: &str, body: Value) -> (u16, Value) {
    post(&server.url("/api/v1/acts"), Some(token), &body)
}

fn code(answer: &(u16, Value)) -> (u16, String) {
    (
        answer.0,
        answer.1["error"]["code"].as_str().unwrap_or("").to_owned(),
    )
}

/// A day `days` after today, as the API expects it.
fn day(days: i32) -> String {
    let today = chancery_app::today();
    today.add_days(days).to_string()
}

#[test]
fn a_ministry_cannot_lift_record_or_pre_empt_the_other_states_decisions() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let before = server.chancery.journal().last_seq();

    // Lifting Russia's 2021 quota on official visitors (demo r039) is Russia's decision: what
    // the US ministry records of it is its claim, kept apart from the record.
    let lift = json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039"});
    let claim = record(&server, &us, lift.clone());
    assert_eq!(claim.0, 201, "{}", claim.1);
    // A measure of Russia's recorded by the US ministry, and Russia's consulate in Houston
    // closed in Russia's name: claims too.
    let theirs = json!({"kind": "measure_imposed", "date": "2025-01-10", "measure": "fake-ru",
        "actor": "RU", "target": "US", "measure_kind": "expulsion", "summary": "made up"});
    assert_eq!(record(&server, &us, theirs).0, 201);
    let in_their_name = json!({"kind": "post_closed", "date": "2025-01-10",
        "post": "ru-cg-houston", "by": "RU"});
    assert_eq!(record(&server, &us, in_their_name).0, 201);
    // Claiming for the other party is refused.
    let for_them = json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r039",
        "claimed_by": "RU"});
    assert_eq!(
        code(&record(&server, &us, for_them)),
        (403, "forbidden".into())
    );
    // The claims are listed per US; none changed the record.
    let (_, claims) = get(&server.url("/api/v1/relations/US/RU/claims"));
    let listed: Vec<(&str, &str, &str)> = claims["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["by"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or(""),
                c["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("US", "measure_lifted", "open"),
            ("US", "measure_imposed", "open"),
            ("US", "post_closed", "open")
        ]
    );
    let (_, m) = get(&server.url("/api/v1/relations/US/RU/measures?in_force_on=2025-02-01"));
    assert!(m.to_string().contains("\"r039\""), "r039 is still in force");
    assert!(
        !m.to_string().contains("fake-ru"),
        "a claimed measure is no measure"
    );
    let claimed = before + 3;
    assert_eq!(server.chancery.journal().last_seq(), claimed);
    // The US, as host, closing it far ahead, which would block every real act on it.
    let far = json!({"kind": "post_closed", "date": "9999-12-31", "post": "ru-cg-houston",
        "by": "US"});
    assert_eq!(
        code(&record(&server, &us, far)),
        (422, "date_in_future".into())
    );
    let next_month = json!({"kind": "post_closed", "date": day(30), "post": "ru-cg-houston",
        "by": "US"});
    assert_eq!(
        code(&record(&server, &us, next_month)),
        (422, "date_in_future".into()),
        "a closure is recorded once it has happened"
    );
    assert_eq!(
        server.chancery.journal().last_seq(),
        claimed,
        "nothing of the above was recorded"
    );

    // Russia's own acts then go through: its suspension of its consulate, and it is not
    // blocked by anything the US tried.
    let suspend = json!({"kind": "post_suspended", "date": day(0), "post": "ru-cg-houston",
        "by": "RU", "reason": "staff shortage"});
    let answer = record(&server, &ru, suspend);
    assert_eq!(answer.0, 201, "{}", answer.1);
    // Resuming is the suspending state's decision: the US can only claim it happened.
    let resume = json!({"kind": "post_resumed", "date": day(0), "post": "ru-cg-houston"});
    let claim = record(&server, &us, resume.clone());
    assert_eq!(claim.0, 201, "{}", claim.1);
    let (_, p) = get(&server.url(&format!(
        "/api/v1/relations/US/RU/presence?as_of={}",
        day(0)
    )));
    assert!(
        p.to_string().contains("suspended"),
        "the post stays suspended: {p}"
    );
    // A US act dated before it that would make it invalid is refused, not the Russian act.
    let before_it = json!({"kind": "post_closed", "date": day(-2), "post": "ru-cg-houston",
        "by": "US"});
    let (status, body) = record(&server, &us, before_it);
    assert_eq!(status, 422, "{body}");
    let (_, measures) = get(&server.url(&format!(
        "/api/v1/relations/US/RU/presence?as_of={}",
        day(0)
    )));
    assert!(
        measures.to_string().contains("ru-cg-houston"),
        "the post is still on record"
    );
    // Its own measures are Russia's to lift; a mediator may record either side's decisions.
    assert_eq!(record(&server, &ru, lift.clone()).0, 201);
    let med_lift = json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r061"});
    let answer = record(&server, common::TOKEN, med_lift);
    assert!(
        answer.0 == 201 || answer.0 == 422,
        "a mediator is not forbidden: {}",
        answer.1
    );
    assert_ne!(answer.0, 403);
    // A measure may be announced ahead, within a year.
    let announced = json!({"kind": "measure_imposed", "date": day(60), "measure": "us-ahead",
        "actor": "US", "target": "RU", "measure_kind": "travel_restriction",
        "summary": "announced for later"});
    assert_eq!(record(&server, &us, announced).0, 201);
    let too_far = json!({"kind": "measure_imposed", "date": day(400), "measure": "us-far",
        "actor": "US", "target": "RU", "measure_kind": "travel_restriction",
        "summary": "too far ahead"});
    assert_eq!(
        code(&record(&server, &us, too_far)),
        (422, "date_in_future".into())
    );
}

#[test]
fn a_scenario_dated_far_ahead_is_refused_at_its_line() {
    let server = start(false);
    let text = r#"format = "chancery-scenario/1"
relation = ["AA", "BB"]

[[act]]
kind = "state_registered"
date = "2000-01-01"
state = "AA"
name = "A"

[[act]]
kind = "state_registered"
date = "9999-01-01"
state = "BB"
name = "B"
"#;
    let scenario = chancery_domain::scenario::Scenario::parse(text).expect("parses");
    let err = server
        .chancery
        .import(&scenario, "test")
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("line 10") && message.contains("date_in_future"),
        "{message}"
    );
    assert_eq!(server.chancery.journal().last_seq(), 0, "all or nothing");
}

/// Each ministry records its own missions: the other party cannot open, staff, release, or
/// report on them, nor close for both a commitment both undertook; what both do together either
/// may record.
#[test]
fn a_ministry_cannot_record_the_other_states_missions_or_close_a_joint_undertaking() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let us_neg = server.token_for("us-neg", "us-mfa", Role::Negotiator, TokenScope::Write);
    let ru_neg = server.token_for("ru-neg", "ru-mfa", Role::Negotiator, TokenScope::Write);
    let today = day(0);
    let forbidden = (403, "forbidden".to_owned());

    // Russia notifies a member of its embassy: its own act.
    let notified = json!({"kind": "member_notified", "date": today, "member": "ru-m1",
        "post": "ru-embassy-washington", "name": "A. Diplomat", "category": "diplomatic"});
    let answer = record(&server, &ru, notified);
    assert_eq!(answer.0, 201, "{}", answer.1);

    let theirs = [
        // Members of Russia's mission filling its cap, arriving or leaving in its name.
        json!({"kind": "member_notified", "date": today, "member": "ru-fake",
            "post": "ru-embassy-washington", "name": "Made Up", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": today, "member": "ru-m1"}),
        json!({"kind": "member_departed", "date": today, "member": "ru-m1"}),
        // Its posts, premises, services and figures.
        json!({"kind": "post_opened", "date": today, "post": "ru-cg-fake", "sending": "RU",
            "host": "US", "post_kind": "consulate_general", "name": "Fake", "city": "Miami"}),
        json!({"kind": "premises_acquired", "date": today, "premises": "ru-fake-house",
            "post": "ru-embassy-washington", "premises_kind": "residence", "name": "House",
            "city": "Washington"}),
        // Releasing premises the US seized would erase the seizure.
        json!({"kind": "premises_released", "date": today, "premises": "ru-cg-sf-chancery"}),
        json!({"kind": "consular_services_changed", "date": today,
            "posts": ["ru-embassy-washington"], "level": "none"}),
        json!({"kind": "staffing_reported", "date": today, "sending": "RU", "host": "US",
            "value": 9999, "bound": "exact", "counting": "all_staff"}),
        // Its head of mission.
        json!({"kind": "hom_departed", "date": today, "sending": "RU", "host": "US",
            "person": "Alexander Darchiev"}),
        json!({"kind": "hom_appointed", "date": today, "sending": "RU", "host": "US",
            "person": "Someone Else"}),
        // A statement in Russia's name.
        json!({"kind": "statement_recorded", "date": today, "by": "RU", "about": "US",
            "summary": "words put in Russia's mouth"}),
    ];
    for body in &theirs {
        let token = if body["kind"] == "statement_recorded" {
            &us_neg
        } else {
            &us
        };
        // Recorded as the US's claim about Russia, never as Russia's act.
        let answer = record(&server, token, body.clone());
        assert_eq!(answer.0, 201, "{body}: {}", answer.1);
        let seq = answer.1["seq"].as_u64().expect("seq");
        let (_, act) = get_with(
            &server.url(&format!("/api/v1/acts?after={}&limit=1", seq - 1)),
            &us,
        );
        assert_eq!(act["acts"][0]["act"]["claimed_by"], "US", "{act}");
    }
    // None of them changed Russia's mission: no fake post or member, Darchiev still in post.
    let (_, p) = get(&server.url(&format!("/api/v1/relations/US/RU/presence?as_of={today}")));
    let text = p.to_string();
    assert!(
        !text.contains("ru-cg-fake") && !text.contains("ru-fake"),
        "{text}"
    );
    assert!(text.contains("Alexander Darchiev"), "{text}");
    // A promise in Russia's name, first recorded as the US's own and then corrected to be
    // Russia's (the review's way to lift r012 through a kept commitment), is Russia's either way.
    let in_their_name = json!({"kind": "commitment_made", "date": today, "commitment": "ru-fake",
        "parties": ["US", "RU"], "undertaken_by": ["RU"], "lifts": ["r012"],
        "text": "Russia lifts the cap"});
    assert_eq!(
        record(&server, &us_neg, in_their_name.clone()).0,
        201,
        "a claim"
    );
    let own = json!({"kind": "commitment_made", "date": today, "commitment": "us-own",
        "parties": ["US", "RU"], "undertaken_by": ["US"], "text": "x"});
    let answer = record(&server, &us_neg, own);
    assert_eq!(answer.0, 201, "{}", answer.1);
    let own_seq = answer.1["seq"].as_u64().expect("seq");
    let mut corrected = in_their_name.clone();
    corrected["commitment"] = json!("us-own");
    corrected["supersedes"] = json!(own_seq);
    assert_eq!(code(&record(&server, &us_neg, corrected)), forbidden);
    // Made joint by a correction, it is still withdrawn by both, not by one.
    let mut joint = json!({"kind": "commitment_made", "date": today, "commitment": "us-own",
        "parties": ["US", "RU"], "undertaken_by": ["US", "RU"], "text": "x"});
    joint["supersedes"] = json!(own_seq);
    let answer = record(&server, &us_neg, joint);
    assert_eq!(answer.0, 201, "{}", answer.1);
    let withdraw_joint = json!({"kind": "commitment_status_changed", "date": today,
        "commitment": "us-own", "status": "withdrawn"});
    assert_eq!(code(&record(&server, &us_neg, withdraw_joint)), forbidden);
    let before = server.chancery.journal().last_seq();
    // Both ambassadors' return was undertaken by both: one side cannot withdraw it for both.
    let withdraw = json!({"kind": "commitment_status_changed", "date": today,
        "commitment": "geneva-2021-ambassadors-return", "status": "withdrawn"});
    let answer = record(&server, &us_neg, withdraw);
    assert_eq!(code(&answer), forbidden, "{}", answer.1);
    assert!(answer.1.to_string().contains("mediator"), "{}", answer.1);
    assert_eq!(
        server.chancery.journal().last_seq(),
        before,
        "nothing of the above was recorded"
    );

    // What is the US's own, or what both take part in, the US records.
    let ours = [
        json!({"kind": "member_declared_png", "date": today, "member": "ru-m1", "by": "US"}),
        json!({"kind": "commitment_made", "date": today, "commitment": "ru-promise",
            "parties": ["US", "RU"], "undertaken_by": ["RU"],
            "text": "Russia will issue visas to US diplomats within 30 days."}),
        json!({"kind": "commitment_status_changed", "date": today,
            "commitment": "ru-promise", "status": "broken"}),
    ];
    let mut seqs = Vec::new();
    // Russia's promise is Russia's to record (the US recording it was refused above); the US
    // may then judge it broken.
    for (body, token) in ours.iter().zip([&us, &ru_neg, &us_neg]) {
        let answer = record(&server, token, body.clone());
        assert_eq!(answer.0, 201, "{body}: {}", answer.1);
        seqs.push(answer.1["seq"].as_u64().expect("seq"));
    }
    // Russia disputes the "broken": it cannot rewrite the US's act, a mediator can.
    let correction = json!({"kind": "commitment_status_changed", "date": today,
        "commitment": "ru-promise", "status": "open", "supersedes": seqs[2],
        "evidence": "the visas were issued on time"});
    assert_eq!(
        code(&record(&server, &ru_neg, correction.clone())),
        forbidden
    );
    let mediator = server.token_for("med-neg", "mediators", Role::Negotiator, TokenScope::Write);
    let answer = record(&server, &mediator, correction);
    assert_eq!(answer.0, 201, "{}", answer.1);
    // Progress on and withdrawal of Russia's promise are Russia's: the US's word on them is
    // its claim, which does not stop Russia's own.
    let progress = json!({"kind": "commitment_status_changed", "date": today,
        "commitment": "ru-promise", "status": "in_progress"});
    assert_eq!(record(&server, &us_neg, progress.clone()).0, 201);
    assert_eq!(record(&server, &ru_neg, progress).0, 201);
    // Russia still records its member's departure after the declaration.
    let departed = json!({"kind": "member_departed", "date": today, "member": "ru-m1"});
    let answer = record(&server, &ru, departed);
    assert_eq!(answer.0, 201, "{}", answer.1);
}

/// An act recorded in error is withdrawn by the organisation that recorded it or by a
/// mediator: never by the other party (which would erase what it recorded), an observer, or a
/// role that could not have recorded it. Its page then says when and why it went.
#[test]
fn an_act_is_withdrawn_by_its_recorder_or_a_mediator_only() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let us_neg = server.token_for("us-neg", "us-mfa", Role::Negotiator, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let mediator = server.token_for("med-ed", "mediators", Role::Editor, TokenScope::Write);
    let observer = server.token_for("obs-ed", "observers", Role::Editor, TokenScope::Write);
    let today = day(0);
    let seq_of = |answer: (u16, Value)| {
        assert_eq!(answer.0, 201, "{}", answer.1);
        answer.1["seq"].as_u64().expect("seq")
    };
    let measure = |id: &str| {
        json!({"kind": "measure_imposed", "date": today, "measure": id, "actor": "US",
               "target": "RU", "measure_kind": "visa_restriction", "summary": "entered twice"})
    };
    let withdraw = |n: u64| {
        json!({"kind": "act_withdrawn", "date": today, "act": n,
               "reason": "the same decision was recorded twice"})
    };
    let m1 = seq_of(record(&server, &us, measure("us-twice-1")));
    let m2 = seq_of(record(&server, &us, measure("us-twice-2")));
    let forbidden = (403, "forbidden".to_owned());
    for token in [&ru, &observer, &us_neg] {
        assert_eq!(code(&record(&server, token, withdraw(m1))), forbidden);
    }
    // What the operator's tools loaded (the demo) is a mediator's to withdraw.
    assert_eq!(code(&record(&server, &us, withdraw(5))), forbidden);
    let w = seq_of(record(&server, &us, withdraw(m1)));
    seq_of(record(&server, &mediator, withdraw(m2)));
    assert_eq!(
        code(&record(&server, &us, withdraw(m1))),
        (422, "act_already_withdrawn".to_owned())
    );

    // Gone from the record as it stands; the acts list says by which act.
    let (_, measures) = get_with(
        &server.url(&format!("/api/v1/relations/US/RU/measures?as_of={today}")),
        &us,
    );
    assert!(!measures.to_string().contains("us-twice-1"), "{measures}");
    let (status, acts) = get_with(
        &server.url(&format!("/api/v1/acts?after={}&limit=1", m1 - 1)),
        &ru,
    );
    assert_eq!(status, 200);
    assert_eq!(acts["acts"][0]["withdrawn_by"], json!(w), "{acts}");
    let cookie = common::signed_in(&server, "ru-viewer", "ru-mfa", Role::Viewer);
    let path = format!("/acts/{m1}?as_of={today}");
    let (status, page) = common::browser_get(&server, &path, &cookie);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("(withdrawn)"), "{page}");
    assert!(page.contains(&format!("act #{w}")), "{page}");
    assert!(
        page.contains("the same decision was recorded twice"),
        "{page}"
    );
}

/// Reopening a post is the closing state's act: what the other ministry records of it is its
/// claim, which neither reopens the post nor holds the closer's withdrawal of its own act.
#[test]
fn the_other_party_cannot_reopen_a_post_or_hold_the_closers_withdrawal() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let today = day(0);
    let status = |as_of: &str, post: &str| -> String {
        let (_, p) = get(&server.url(&format!("/api/v1/relations/US/RU/presence?as_of={as_of}")));
        p["missions"]
            .as_array()
            .expect("missions")
            .iter()
            .flat_map(|m| m["posts"].as_array().expect("posts"))
            .find(|x| x["id"] == post)
            .map(|x| x["status"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    // The US closed Russia's consulate-general in San Francisco in 2017 (demo r016).
    let reopen = json!({"kind": "post_reopened", "date": today, "post": "ru-cg-san-francisco"});
    let claim = record(&server, &ru, reopen);
    assert_eq!(claim.0, 201, "{}", claim.1);
    assert_eq!(
        status(&today, "ru-cg-san-francisco"),
        "closed",
        "a claim reopened the post"
    );

    // The US closes its own consulate-general in Yekaterinburg; Russia's "reopening" is a
    // claim, and the US withdraws its closure all the same.
    let close = json!({"kind": "post_closed", "date": today, "post": "us-cg-yekaterinburg",
        "by": "US"});
    let closed = record(&server, &us, close);
    assert_eq!(closed.0, 201, "{}", closed.1);
    let reopen = json!({"kind": "post_reopened", "date": today, "post": "us-cg-yekaterinburg"});
    assert_eq!(record(&server, &ru, reopen).0, 201);
    let withdraw = json!({"kind": "act_withdrawn", "date": today,
        "act": closed.1["seq"].as_u64().expect("seq"), "reason": "recorded in error"});
    let withdrawn = record(&server, &us, withdraw);
    assert_eq!(withdrawn.0, 201, "{}", withdrawn.1);
    assert_eq!(status(&today, "us-cg-yekaterinburg"), "open");
    let (_, claims) = get(&server.url("/api/v1/relations/US/RU/claims"));
    let kinds: Vec<(&str, &str)> = claims["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["by"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(kinds, [("RU", "post_reopened"), ("RU", "post_reopened")]);
}
