//! `chancery migrate-store` as an operator moves a SQLite store to PostgreSQL: the real binary
//! throughout. After the move `chancery serve` on the database takes the old API tokens (and
//! not the revoked one), the old passwords and token ids, and serves the same audit log; the
//! sessions of the old store are over. A destination that is not empty is refused with
//! nothing written; a store without accounts moves too, and stays closed to anonymous readers.
//!
//! Against the PostgreSQL server named by CHANCERY_TEST_POSTGRES (each test in a fresh
//! database); they fail, naming it, without one.

use crate::binary;

use std::path::Path;
use std::process::Child;

use serde_json::{json, Value};

struct Served {
    child: Child,
    base: String,
    printed: Vec<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path, extra: &[&str]) -> Served {
    let (child, base, printed) = binary::serve(db, extra);
    Served {
        child,
        base,
        printed,
    }
}

/// Stops a server as an operator does before a move (SIGTERM), and waits for it.
fn stop(mut served: Served) {
    let term = std::process::Command::new("kill")
        .args(["-TERM", &served.child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(term.success());
    let status = served.child.wait().expect("wait for the server");
    assert!(status.success(), "chancery serve after SIGTERM: {status:?}");
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().redirects(0).build()
}

/// (status, body) of a request, whatever the status.
fn answer(r: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    match r {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("request: {e}"),
    }
}

/// Records a staffing report with `token`: the status and the body.
fn record(base: &str, token: &str, value: u64) -> (u16, Value) {
    let act = json!({"kind": "staffing_reported", "date": "2024-01-01", "sending": "US",
        "host": "RU", "value": value, "bound": "exact", "counting": "all_staff",
        "note": "before and after the move"});
    let (status, body) = answer(
        agent()
            .post(&format!("{base}/api/v1/acts"))
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(act),
    );
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// Signs in through the form as a browser on the site does: the session cookie, or the status.
fn sign_in(base: &str, username: &str, password: &str) -> Result<String, u16> {
    let r = agent()
        .post(&format!("{base}/login"))
        .set("Origin", base)
        .set("Sec-Fetch-Site", "same-origin")
        .send_form(&[
            ("username", username),
            ("password", password),
            ("next", "/"),
        ]);
    match r {
        Ok(r) if r.status() == 303 => r
            .all("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("chancery_session="))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
            .ok_or(0),
        Ok(r) => Err(r.status()),
        Err(ureq::Error::Status(code, _)) => Err(code),
        Err(e) => panic!("POST /login: {e}"),
    }
}

fn is_signed_in(base: &str, cookie: &str) -> bool {
    answer(
        agent()
            .get(&format!("{base}/account"))
            .set("Cookie", cookie)
            .call(),
    )
    .0 == 200
}

/// Every audit row the operator's auditor reads through the API, oldest first.
fn audit(base: &str, token: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    loop {
        let after = rows
            .last()
            .map_or(0, |r: &Value| r["seq"].as_i64().expect("seq"));
        let (status, body) = answer(
            agent()
                .get(&format!("{base}/api/v1/audit?after={after}&limit=1000"))
                .set("Authorization", &format!("Bearer {token}"))
                .call(),
        );
        assert_eq!(status, 200, "GET /api/v1/audit: {body}");
        let page: Value = serde_json::from_str(&body).expect("JSON");
        let entries = page["entries"].as_array().cloned().unwrap_or_default();
        if entries.is_empty() {
            return rows;
        }
        rows.extend(entries);
    }
}

/// `chancery user add NAME --org ORG --role ROLE`: the password printed once.
fn add_user(db: &str, name: &str, org: &str, role: &str) -> String {
    binary::shown_once(&binary::chancery_on(
        &["user", "add", name, "--org", org, "--role", role],
        db,
    ))
    .expect("the password is printed once")
}

/// `chancery token add NAME --scope SCOPE`: the token's id and its secret.
fn add_token(db: &str, name: &str, scope: &str) -> (String, String) {
    let out = binary::chancery_on(&["token", "add", name, "--scope", scope], db);
    let id = out
        .lines()
        .find_map(|l| l.strip_prefix("token "))
        .and_then(|l| l.split_whitespace().next())
        .expect("token ID for ...")
        .to_owned();
    (
        id,
        binary::shown_once(&out).expect("the token is printed once"),
    )
}

fn migrate(from: &str, to: &str) -> std::process::Output {
    binary::chancery(&["migrate-store", "--from", from, "--to", to, "--json"])
}

#[test]
fn a_sqlite_store_moves_to_postgres_and_its_tokens_passwords_and_audit_log_come_along() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old = dir.path().join("old.db");
    let old_db = old.to_str().expect("a UTF-8 path");
    let served = serve(&old, &[]);
    let password = add_user(old_db, "alice", "mediators", "editor");
    let (token_id, token) = add_token(old_db, "alice", "write");
    let (revoked_id, revoked) = add_token(old_db, "alice", "write");
    binary::chancery_on(&["token", "revoke", &revoked_id], old_db);
    add_user(old_db, "auditor", "operator", "auditor");
    let (_, reader) = add_token(old_db, "auditor", "read");
    let (status, body) = record(&served.base, &token, 1);
    assert_eq!(status, 201, "{body}");
    let seq = body["seq"].as_u64().expect("seq");
    let session = sign_in(&served.base, "alice", &password).expect("alice signs in");
    assert!(is_signed_in(&served.base, &session));
    let busy = migrate(old_db, dir.path().join("new.db").to_str().expect("UTF-8"));
    assert_eq!(busy.status.code(), Some(5), "not while a server runs on it");
    assert!(!dir.path().join("new.db").exists(), "nothing made");
    let before = audit(&served.base, &reader);
    assert!(
        before.iter().any(|r| r["action"] == "record_act")
            && before.iter().any(|r| r["action"] == "login")
            && before.iter().any(|r| r["action"] == "token_added"),
        "{before:#?}"
    );
    stop(served);

    let url = chancery_postgres::testing::fresh_database("migrate_store");
    let out = migrate(old_db, &url);
    let (stdout, stderr) = binary::text(&out);
    assert!(out.status.success(), "migrate-store: {stderr}");
    assert!(
        !stdout.contains(&token) && !stderr.contains(&token),
        "no secret is printed"
    );
    let report: Value = serde_json::from_str(&stdout).expect("--json");
    let accounts = &report["accounts"];
    assert_eq!(accounts["users"], 3, "admin, alice, auditor: {report}");
    assert_eq!(accounts["tokens"], 3, "{report}");
    assert!(
        accounts["sessions_not_copied"].as_i64() >= Some(1),
        "{report}"
    );
    assert_eq!(
        accounts["public_read_set_off"], false,
        "the demo's setting came along"
    );
    assert!(
        accounts["audit"].as_u64() >= Some(before.len() as u64),
        "{report}"
    );
    assert_eq!(report["entries"].as_u64(), Some(seq));

    let refused = migrate(old_db, &url);
    assert_eq!(refused.status.code(), Some(4), "a second copy into it");
    assert!(
        binary::text(&refused)
            .1
            .contains("migrate into an empty store"),
        "{}",
        binary::text(&refused).1
    );

    let served = serve(Path::new(&url), &[]);
    let (status, body) = record(&served.base, &token, 2);
    assert_eq!(status, 201, "the old token records: {body}");
    assert_eq!(body["seq"].as_u64(), Some(seq + 1));
    assert_eq!(record(&served.base, &revoked, 3).0, 401, "still revoked");
    assert!(
        !is_signed_in(&served.base, &session),
        "sessions do not move"
    );
    let again = sign_in(&served.base, "alice", &password).expect("the old password");
    assert!(is_signed_in(&served.base, &again));
    let after = audit(&served.base, &reader);
    assert_eq!(
        after[..before.len()],
        before[..],
        "every audit row, same number, same fields"
    );
    assert!(after[before.len()..]
        .iter()
        .all(|r| r["seq"].as_i64() > before.last().and_then(|l| l["seq"].as_i64())));

    // Ids mean what they meant: the token noted before the move is revoked by its id, and new
    // users and tokens get ids of their own.
    binary::chancery_on(&["token", "revoke", &token_id], &url);
    // Revoked by another process: the server's word that the token is live, from the request
    // above, may be reused for `TOKEN_RECHECK` and no longer (the bound the README states).
    std::thread::sleep(chancery_accounts::TOKEN_RECHECK);
    assert_eq!(
        record(&served.base, &token, 4).0,
        401,
        "revoked by its old id"
    );
    add_user(&url, "bob", "mediators", "editor");
    let (bob_id, bob) = add_token(&url, "bob", "write");
    assert!(
        bob_id.parse::<i64>().expect("an id") > revoked_id.parse::<i64>().expect("an id"),
        "{bob_id} after {revoked_id}"
    );
    assert_eq!(record(&served.base, &bob, 5).0, 201);
}

#[test]
fn a_destination_that_is_not_empty_is_refused_and_a_store_without_accounts_moves_closed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let old = binary::import_demo(dir.path(), "imported.db");
    let old_db = old.to_str().expect("a UTF-8 path");

    // Someone opened the new database's accounts already: its first administrator is there.
    let taken = chancery_postgres::testing::fresh_database("migrate_taken");
    binary::chancery_on(&["org", "list"], &taken);
    let refused = migrate(old_db, &taken);
    let (_, stderr) = binary::text(&refused);
    assert_eq!(refused.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("accounts store is not empty") && stderr.contains("users: 1"),
        "{stderr}"
    );
    let verified: Value =
        serde_json::from_str(&binary::chancery_on(&["verify", "--json"], &taken)).expect("JSON");
    assert_eq!(verified["entries"], 0, "no entry was copied");

    // The imported store has never had accounts: there are none to copy, and the copy says
    // public read is off, as the source meant.
    let url = chancery_postgres::testing::fresh_database("migrate_closed");
    let out = migrate(old_db, &url);
    let (stdout, stderr) = binary::text(&out);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("--json");
    assert_eq!(report["accounts"]["users"], 0, "{report}");
    assert_eq!(report["accounts"]["public_read_set_off"], true, "{report}");
    assert!(
        !dir.path().join("imported.db.accounts").exists(),
        "the source was only read"
    );
    let served = serve(Path::new(&url), &[]);
    assert!(
        served.printed.iter().any(|l| l.contains("public read off")),
        "{:?}",
        served.printed
    );
    let (status, _) = answer(
        agent()
            .get(&format!(
                "{}/api/v1/relations/US/RU/presence?as_of=2018-01-01",
                served.base
            ))
            .call(),
    );
    assert_eq!(
        status, 401,
        "closed to anonymous readers, as the source was"
    );
}

/// The journal entries the database at `url` holds (0 before its table exists).
fn entries_in(url: &str) -> i64 {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client
        .query_opt("SELECT count(*) FROM journal", &[])
        .ok()
        .flatten()
        .map_or(0, |r| r.get(0))
}

#[test]
fn a_copy_killed_halfway_is_known_for_what_it_is_and_never_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.db");
    let made = binary::chancery(&[
        "generate",
        "--states",
        "40",
        "--years",
        "30",
        "--seed",
        "3",
        "--db",
        big.to_str().expect("utf-8"),
    ]);
    assert!(made.status.success(), "{}", binary::text(&made).1);
    add_user(big.to_str().expect("utf-8"), "ann", "operator", "auditor");
    let url = chancery_postgres::testing::fresh_database("migrate_killed");
    let mut copying = std::process::Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args([
            "migrate-store",
            "--from",
            big.to_str().expect("utf-8"),
            "--to",
            &url,
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start migrate-store");
    // Killed once the journal is partly copied (the accounts went in first).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while entries_in(&url) == 0 {
        assert!(
            copying.try_wait().expect("poll").is_none(),
            "the copy ended before it could be cut off: make the source larger"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the journal copy never began"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    copying.kill().expect("SIGKILL migrate-store");
    copying.wait().expect("reap");

    // Not served, not verified as if whole, and a second copy says what to do.
    let serve = binary::chancery(&["serve", "--db", &url, "--addr", "127.0.0.1:0"]);
    let (_, said) = binary::text(&serve);
    assert_eq!(serve.status.code(), Some(6), "{said}");
    assert!(said.contains("did not finish"), "{said}");
    let verify = binary::chancery(&["verify", "--db", &url]);
    assert_eq!(verify.status.code(), Some(6), "{}", binary::text(&verify).1);
    let again = migrate(big.to_str().expect("utf-8"), &url);
    let (_, said) = binary::text(&again);
    assert_eq!(again.status.code(), Some(4), "{said}");
    assert!(
        said.contains("did not finish") && said.contains("dropdb"),
        "{said}"
    );

    // A copy that finishes is marked so, and serves.
    let whole = chancery_postgres::testing::fresh_database("migrate_whole");
    let done = migrate(big.to_str().expect("utf-8"), &whole);
    assert!(done.status.success(), "{}", binary::text(&done).1);
    let verify = binary::chancery(&["verify", "--db", &whole]);
    assert!(verify.status.success(), "{}", binary::text(&verify).1);
}
