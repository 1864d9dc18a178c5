//! Second outside review: one party still blocks or rewrites the other's record through acts
//! "either party may record" and through links to the other's measures.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{get_with, post, start, Server};
use serde_json::{json, Value};

fn record(server: &Server, token: &str, body: Value) -> (u16, Value) {
    post(&server.url("/api/v1/acts"), Some(token), &body)
}

fn day(days: i32) -> String {
    chancery_app::today().add_days(days).to_string()
}

fn seq_of(answer: &(u16, Value)) -> u64 {
    assert_eq!(answer.0, 201, "{}", answer.1);
    answer.1["seq"].as_u64().expect("seq")
}

/// Russia's ministry alone records a "joint" commitment that promises to lift a US measure.
/// The US never made it, cannot withdraw it (it is Russia's act, or both states' to change),
/// and it then holds the US's withdrawal of its own act recorded in error.
#[test]
fn a_joint_commitment_recorded_by_one_party_does_not_block_the_others_withdrawal() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-neg", "ru-mfa", Role::Negotiator, TokenScope::Write);
    let today = day(0);
    let m = seq_of(&record(
        &server,
        &us,
        json!({"kind": "measure_imposed", "date": today, "measure": "us-err", "actor": "US",
               "target": "RU", "measure_kind": "visa_restriction", "summary": "in error"}),
    ));
    let made_up = record(
        &server,
        &ru,
        json!({"kind": "commitment_made", "date": today, "commitment": "ru-made-up",
               "parties": ["US", "RU"], "undertaken_by": ["US", "RU"],
               "text": "the US will lift its visa restriction", "lifts": ["us-err"]}),
    );
    let withdrawn = record(
        &server,
        &us,
        json!({"kind": "act_withdrawn", "date": today, "act": m, "reason": "recorded in error"}),
    );
    assert_eq!(
        withdrawn.0, 201,
        "RU's commitment ({}: {}) blocks the US's withdrawal of its own act: {}",
        made_up.0, made_up.1, withdrawn.1
    );
}

/// The other side's answer holds a correction of the answered measure's date.
#[test]
fn the_other_partys_answer_does_not_block_a_correction() {
    let server = start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let ru = server.token_for("ru-ed", "ru-mfa", Role::Editor, TokenScope::Write);
    let m = seq_of(&record(
        &server,
        &us,
        json!({"kind": "measure_imposed", "date": day(-20), "measure": "us-misdated",
               "actor": "US", "target": "RU", "measure_kind": "visa_restriction",
               "summary": "dated wrongly"}),
    ));
    seq_of(&record(
        &server,
        &ru,
        json!({"kind": "measure_imposed", "date": day(-19), "measure": "ru-answer",
               "actor": "RU", "target": "US", "measure_kind": "visa_restriction",
               "summary": "answer", "answers": ["us-misdated"]}),
    ));
    let fixed = record(
        &server,
        &us,
        json!({"kind": "measure_imposed", "date": day(-5), "measure": "us-misdated",
               "actor": "US", "target": "RU", "measure_kind": "visa_restriction",
               "summary": "the right date", "supersedes": m}),
    );
    assert_eq!(fixed.0, 201, "{}", fixed.1);
    let (_, ms) = get_with(
        &server.url(&format!(
            "/api/v1/relations/US/RU/measures?as_of={}",
            day(0)
        )),
        &us,
    );
    assert!(ms.to_string().contains("us-misdated"), "{ms}");
}
