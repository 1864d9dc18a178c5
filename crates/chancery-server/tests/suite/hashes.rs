//! Finding M1: a party's auditor read `hash(k)` and `prev_hash(k+2)` around the other party's
//! internal act k+1 and recovered it by trying guesses. Entries now commit to a salted digest
//! shown only to readers of the act; where a store still holds unsalted entries from before,
//! the hashes that could be used to test them are withheld.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use chancery_domain::{Act, Reader};
use chancery_journal::{entry_hash, from_hex, salted_entry_hash, GENESIS};
use chancery_server::Chancery;
use serde_json::json;

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

fn report(value: u32, visibility: serde_json::Value) -> Act {
    Act::from_json(
        json!({"kind": "staffing_reported", "date": "2025-05-01", "sending": "RU",
        "host": "US", "value": value, "bound": "exact", "counting": "all_staff",
        "visibility": visibility}),
    )
    .unwrap()
}

fn hash_field(item: &serde_json::Value, field: &str) -> [u8; 32] {
    from_hex(
        item[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field} in {item}")),
    )
    .unwrap()
}

#[test]
fn hashes_around_a_hidden_act_let_no_guess_be_tested() {
    let server = common::start(true);
    let k = run(server
        .chancery
        .record_unchecked(report(150, json!("public")), "test:plant"))
    .unwrap()
    .seq;
    // Russia's internal figure: the secret a US auditor tried to recover.
    let secret = report(147, json!({"internal": "RU"}));
    run(server
        .chancery
        .record_unchecked(secret.clone(), "test:plant"))
    .unwrap();
    run(server
        .chancery
        .record_unchecked(report(151, json!("public")), "test:plant"))
    .unwrap();

    let auditor = server.token_for("us-aud", "us-mfa", Role::Auditor, TokenScope::Read);
    let url = server.url(&format!("/api/v1/acts?after={}", k - 1));
    let (status, body) = common::get_with(&url, &auditor);
    assert_eq!(status, 200);
    let acts = body["acts"].as_array().unwrap();
    let seqs: Vec<u64> = acts.iter().map(|a| a["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [k, k + 2], "the hidden act is skipped");
    let (before, after) = (&acts[0], &acts[1]);
    let hash_k = hash_field(before, "hash");
    let hidden_hash = hash_field(after, "prev_hash");

    // The attacker's best guess: the exact payload, time and author of the hidden act.
    let stored = server.chancery.acts(k, 1).unwrap().remove(0);
    assert_eq!(stored.act, secret);
    let payload = serde_json::to_vec(&secret.to_json()).unwrap();
    let (at, by) = (stored.recorded_at_micros, &*stored.recorded_by.to_string());
    assert_ne!(
        entry_hash(&hash_k, k + 1, at, by, &payload),
        hidden_hash,
        "the old (unsalted) framing no longer matches"
    );
    assert_ne!(
        salted_entry_hash(&hash_k, &[0; 32], k + 1, at, by, &payload),
        hidden_hash,
        "without the salt, a perfect guess cannot be confirmed"
    );
    let salt = stored.salt.expect("new entries are salted");
    assert_eq!(
        salted_entry_hash(&hash_k, &salt, k + 1, at, by, &payload),
        hidden_hash,
        "the salt is what the guess lacks (and it is never shown to this auditor)"
    );
    assert!(!body.to_string().contains(&chancery_journal::to_hex(&salt)));

    // What the auditor is shown lets them check the acts they may see.
    let own = server.chancery.acts(k - 1, 1).unwrap().remove(0);
    let shown_payload = serde_json::to_vec(&before["act"]).unwrap();
    assert_eq!(
        salted_entry_hash(
            &hash_field(before, "prev_hash"),
            &hash_field(before, "salt"),
            k,
            own.recorded_at_micros,
            before["recorded_by"].as_str().unwrap(),
            &shown_payload
        ),
        hash_k,
        "a visible entry's hash checks out from what is shown"
    );
}

/// A store written before salts, holding an unsalted act hidden from the US: every hash that
/// is a function of it is withheld from a US auditor, until a hidden salted act cuts the
/// chain; a reader who sees everything gets every hash.
#[test]
fn unsalted_entries_from_before_keep_their_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let acts = [
        json!({"kind": "state_registered", "date": "2000", "state": "US", "name": "US"}),
        json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "RU"}),
        json!({"kind": "staffing_reported", "date": "2020-01-01", "sending": "RU", "host": "US",
               "value": 100, "bound": "exact", "counting": "all_staff"}),
        json!({"kind": "staffing_reported", "date": "2020-02-01", "sending": "RU", "host": "US",
               "value": 99, "bound": "exact", "counting": "all_staff",
               "visibility": {"internal": "RU"}}),
        json!({"kind": "staffing_reported", "date": "2020-03-01", "sending": "RU", "host": "US",
               "value": 98, "bound": "exact", "counting": "all_staff"}),
    ];
    {
        // The schema and hashing of the release before salts.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE journal (
                seq INTEGER PRIMARY KEY, recorded_at INTEGER NOT NULL,
                recorded_by TEXT NOT NULL, payload BLOB NOT NULL,
                prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
                hash BLOB NOT NULL CHECK (length(hash) = 32)) STRICT;",
        )
        .unwrap();
        let mut prev = GENESIS;
        for (i, act) in acts.iter().enumerate() {
            let seq = i as u64 + 1;
            let payload =
                serde_json::to_vec(&Act::from_json(act.clone()).unwrap().to_json()).unwrap();
            let hash = entry_hash(&prev, seq, 1_000, "seed", &payload);
            conn.execute(
                "INSERT INTO journal VALUES (?1, 1000, 'seed', ?2, ?3, ?4)",
                rusqlite::params![seq, payload, prev.to_vec(), hash.to_vec()],
            )
            .unwrap();
            prev = hash;
        }
    }
    let chancery = Chancery::open(&path, false).expect("an old store opens");
    let us = Reader::Party("US".parse().unwrap());
    let ru = Reader::Party("RU".parse().unwrap());
    assert_eq!(chancery.hashes_shown_after(ru), 0, "RU sees every act");
    assert_eq!(
        chancery.hashes_shown_after(us),
        u64::MAX,
        "after a hidden unsalted act, every later hash could test guesses about it"
    );
    run(chancery.record_unchecked(report(97, json!("public")), "test")).unwrap();
    assert_eq!(chancery.hashes_shown_after(us), u64::MAX);
    let cut = run(chancery.record_unchecked(report(96, json!({"internal": "RU"})), "test"))
        .unwrap()
        .seq;
    assert_eq!(
        chancery.hashes_shown_after(us),
        cut,
        "a hidden salted act cuts the chain of what the US could compute"
    );
    let report = chancery.journal().verify().unwrap();
    assert!(
        report.is_intact(),
        "old and new entries verify as one chain"
    );
}
