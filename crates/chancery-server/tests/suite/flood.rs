//! Finding H2: anonymous requests with 60,000-byte paths each appended a whole, fsynced audit
//! row; a flood grew the accounts store by 1.2 GB in seconds and, on a small disk, stopped the
//! journal. Denials now cost bounded disk per minute and stay countable, and a full audit log
//! never stops acts from being recorded.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;

use chancery_accounts::{audit, AuditBudget, Role, TokenScope};
use serde_json::json;

/// Sends `count` anonymous POSTs with a 60,000-byte path over one keep-alive connection.
fn flood(addr: std::net::SocketAddr, count: usize) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    let path = format!("/admin/users/{}/disable", "a".repeat(60_000));
    let request = format!("POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    let mut answer = vec![0u8; 64 * 1024];
    for _ in 0..count {
        stream.write_all(request.as_bytes()).expect("send");
        // One answer per request (small: a redirect or a refusal page); read until its end.
        let mut got = Vec::new();
        loop {
            let n = stream.read(&mut answer).expect("read");
            assert!(n > 0, "the server closed the connection");
            got.extend_from_slice(&answer[..n]);
            if let Some(head_end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&got[..head_end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                if got.len() >= head_end + 4 + length {
                    assert!(head.starts_with("http/1.1 4"), "{head}");
                    break;
                }
            }
        }
    }
}

fn audit_rows(server: &common::Server) -> Vec<chancery_accounts::AuditEntry> {
    server
        .accounts
        .store()
        .audit_of(None, 0, 1_000_000)
        .unwrap()
}

/// The audit rows after the first `before`, once the minute's aggregates are written.
fn rows_since(server: &common::Server, before: usize) -> Vec<chancery_accounts::AuditEntry> {
    server.accounts.flush_audit(i64::MAX);
    audit_rows(server).split_off(before)
}

#[test]
fn a_flood_of_refused_requests_costs_bounded_disk_and_every_denial_is_counted() {
    let server = common::start(true);
    let before = audit_rows(&server).len();
    let size = |s: &common::Server| {
        let db = s.dir().join("test.db.accounts");
        ["", "-wal"]
            .iter()
            .map(|suffix| {
                let mut p = db.as_os_str().to_owned();
                p.push(suffix);
                std::fs::metadata(p).map_or(0, |m| m.len())
            })
            .sum::<u64>()
    };
    let size_before = size(&server);
    const SENT: usize = 1_500;
    flood(server.addr, SENT);
    let new = rows_since(&server, before);
    assert!(
        new.len() <= 40,
        "{} rows for {SENT} denials from one address",
        new.len()
    );
    for row in &new {
        assert!(
            row.target.len() <= 300 && row.detail.len() <= 4_096,
            "an audited string is bounded: {} bytes",
            row.target.len()
        );
    }
    let counted: u64 = new.iter().map(chancery_accounts::AuditEntry::denials).sum();
    assert_eq!(counted, SENT as u64, "every denial is counted");
    let grown = size(&server).saturating_sub(size_before);
    assert!(
        grown < 1 << 20,
        "the accounts store grew by {grown} bytes for {SENT} requests of 60 kB"
    );
}

#[test]
fn a_full_audit_log_does_not_stop_acts_and_shows_on_healthz() {
    let server = common::start(true);
    let (status, body) = common::get(&server.url("/healthz"));
    assert_eq!(status, 200, "{body}");
    server.accounts.set_audit_budget(AuditBudget {
        max_store_bytes: 1,
        min_free_bytes: 0,
    });
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let report = json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US",
        "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &report);
    assert_eq!(status, 201, "the act is recorded: {body}");
    let health = ureq::get(&server.url("/healthz")).call().expect("healthz");
    assert_eq!(health.status(), 200);
    let text = health.into_string().unwrap();
    assert_eq!(
        text, "degraded: audit_degraded; acts are still recorded",
        "anonymous readers learn that it is degraded, not what it counted or why"
    );
    let auditor = server.token_for("op-aud", "operator", Role::Auditor, TokenScope::Read);
    let detailed = ureq::get(&server.url("/healthz"))
        .set("Authorization", &format!("Bearer {auditor}"))
        .call()
        .expect("healthz")
        .into_string()
        .unwrap();
    assert!(
        detailed.starts_with("degraded: audit_degraded (Full): 1 audit events counted"),
        "{detailed}"
    );
}

/// The minute of the clock now, as the audit log counts minutes.
fn minute_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 60)
}

/// The review's follow-up to H2: a signed-in editor's refused acts were written one full row
/// each (the error message, up to 4 kB), as fast as the editor could send them. Refusals are
/// now aggregated like denials, whatever their action, and every one stays counted.
#[test]
fn a_flood_of_refused_acts_is_aggregated_and_counted() {
    let server = common::start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let before = audit_rows(&server).len();
    let started = minute_now();
    const SENT: u64 = 400;
    for i in 0..SENT {
        // A different unknown post each time: a different message, so a different key.
        let closure = json!({"kind": "post_closed", "date": "2025-01-10",
            "post": format!("no-such-post-{i}"), "by": "US", "reason": "x".repeat(1_900)});
        let (status, _) = common::post(&server.url("/api/v1/acts"), Some(&us), &closure);
        assert_eq!(status, 422);
    }
    let new = rows_since(&server, before);
    // Aggregation is per minute of the clock: a slow machine may send the flood across a
    // minute's end, and each minute may write its own rows in full and its aggregates.
    let minutes = minute_now() - started + 1;
    let per_minute =
        u64::from(audit::DENIALS_IN_FULL_PER_MINUTE) + audit::AGGREGATE_ROWS_PER_MINUTE as u64 + 1;
    assert!(
        (new.len() as u64) <= minutes * per_minute,
        "{} rows for {SENT} refused acts over {minutes} minute(s)",
        new.len()
    );
    let counted: u64 = new
        .iter()
        .map(|r| match r.action.as_str() {
            "record_act" => 1,
            "denied_repeated" if r.detail.starts_with("action=record_act ") => r.aggregated_count(),
            "denied_flood" => r.aggregated_count(),
            _ => 0,
        })
        .sum();
    assert_eq!(counted, SENT, "every refusal is counted");
    // Bodies refused before they are acts are audited as refused acts too.
    let before_unparsed = audit_rows(&server).len();
    let (status, _) = common::post(
        &server.url("/api/v1/acts"),
        Some(&us),
        &json!({"kind": "measure_lifted", "date": "2025-01-10", "measure": "r1", "bogus": 1}),
    );
    assert_eq!(status, 422);
    let row = audit_rows(&server)
        .into_iter()
        .nth(before_unparsed)
        .expect("the refusal is audited");
    assert_eq!(
        (
            row.action.as_str(),
            row.outcome.as_str(),
            row.target.as_str()
        ),
        ("record_act", "refused", "(not an act)")
    );
    assert!(row.detail.starts_with("invalid_act: "), "{}", row.detail);
    // What succeeds is written in full, one row each.
    let report = json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "US",
        "host": "RU", "value": 100, "bound": "exact", "counting": "all_staff"});
    let (status, body) = common::post(&server.url("/api/v1/acts"), Some(&us), &report);
    assert_eq!(status, 201, "{body}");
    let last = audit_rows(&server).pop().expect("a row");
    assert_eq!(
        (last.action.as_str(), last.outcome.as_str()),
        ("record_act", "ok")
    );
}
