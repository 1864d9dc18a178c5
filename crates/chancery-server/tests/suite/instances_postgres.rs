//! Several `chancery serve` instances over one PostgreSQL database, as a ministry runs them
//! behind a load balancer: concurrent writers on both end with every acknowledged act on both
//! and one head hash; SIGKILL of one instance under load loses nothing acknowledged; the
//! database stopped and started again under load gives 503 while it is down, and the instances
//! recover by themselves with nothing acknowledged lost.
//!
//! Against a real PostgreSQL: the first two tests on the server named by
//! CHANCERY_TEST_POSTGRES (each in a fresh database); the third on a private server of its own
//! (scripts/test-postgres), since it stops it. They fail, naming what is missing, without one.

use crate::binary;

use std::collections::HashMap;
use std::path::Path;
use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Instance {
    child: Child,
    base: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(url: &str) -> Instance {
    let (child, base, _) = binary::serve(Path::new(url), &[]);
    Instance { child, base }
}

/// What the writers saw: acknowledged (seq, value) pairs, and answers by status.
#[derive(Default)]
struct Tally {
    acked: Mutex<Vec<(u64, u64)>>,
    statuses: Mutex<HashMap<u16, u64>>,
}

/// `n` writers per base URL, each posting staffing reports with values unique to it until
/// `stop`; every 201 is recorded with its seq.
fn writers(
    bases: &[String],
    n: usize,
    token: &str,
    stop: &Arc<AtomicBool>,
    tally: &Arc<Tally>,
) -> Vec<std::thread::JoinHandle<()>> {
    let next = Arc::new(AtomicU64::new(1));
    let mut threads = Vec::new();
    for base in bases {
        for _ in 0..n {
            let (base, token, stop, tally, next) = (
                base.clone(),
                token.to_owned(),
                stop.clone(),
                tally.clone(),
                next.clone(),
            );
            threads.push(std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .timeout(Duration::from_secs(10))
                    .build();
                while !stop.load(Ordering::Relaxed) {
                    let value = next.fetch_add(1, Ordering::Relaxed);
                    let act = json!({"kind": "staffing_reported", "date": "2024-01-01",
                        "sending": "US", "host": "RU", "value": value, "bound": "exact",
                        "counting": "all_staff", "note": "instances test"});
                    let answer = agent
                        .post(&format!("{base}/api/v1/acts"))
                        .set("Authorization", &format!("Bearer {token}"))
                        .send_json(act);
                    let status = match answer {
                        Ok(r) => {
                            let body: Value = r.into_json().expect("json");
                            let seq = body["seq"].as_u64().expect("seq");
                            tally.acked.lock().expect("lock").push((seq, value));
                            201
                        }
                        Err(ureq::Error::Status(code, _)) => code,
                        // The instance is gone (killed): this writer stops.
                        Err(ureq::Error::Transport(_)) => break,
                    };
                    *tally
                        .statuses
                        .lock()
                        .expect("lock")
                        .entry(status)
                        .or_default() += 1;
                    if status != 201 {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            }));
        }
    }
    threads
}

/// Every act an instance serves, seq → the staffing value (None for other acts).
fn stored(base: &str) -> HashMap<u64, Option<u64>> {
    let mut all = HashMap::new();
    let mut after = 0;
    loop {
        let body: Value = ureq::get(&format!("{base}/api/v1/acts?after={after}&limit=1000"))
            .call()
            .expect("list acts")
            .into_json()
            .expect("json");
        let page = body["acts"].as_array().cloned().unwrap_or_default();
        let Some(last) = page.last() else { break };
        after = last["seq"].as_u64().expect("seq");
        for a in &page {
            all.insert(a["seq"].as_u64().expect("seq"), a["act"]["value"].as_u64());
        }
    }
    all
}

/// Waits until `base` serves at least `seq` acts.
fn wait_for(base: &str, seq: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while stored(base).keys().max().copied().unwrap_or(0) < seq {
        assert!(
            Instant::now() < deadline,
            "{base} never caught up to #{seq}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn assert_all_acknowledged_on(base: &str, acked: &[(u64, u64)]) {
    let on = stored(base);
    for (seq, value) in acked {
        assert_eq!(
            on.get(seq),
            Some(&Some(*value)),
            "{base}: acknowledged act #{seq} lost or changed"
        );
    }
}

/// `chancery verify` against the database: intact, and the head it reports.
fn verified_head(url: &str) -> String {
    let out = binary::chancery_on(&["verify", "--json"], url);
    let report: Value = serde_json::from_str(&out).expect("verify --json");
    report["head"].to_string()
}

#[test]
fn two_instances_written_at_once_hold_the_same_record_and_survive_a_sigkill() {
    let url = chancery_postgres::testing::fresh_database("instances");
    let a = serve(&url);
    let mut b = serve(&url);
    let token = binary::writer_token(&url);
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let threads = writers(&[a.base.clone(), b.base.clone()], 16, &token, &stop, &tally);
    let deadline = Instant::now() + Duration::from_secs(60);
    while tally.acked.lock().expect("lock").len() < 1_000 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // One instance dies under load; the other goes on taking writes.
    b.child.kill().expect("SIGKILL instance b");
    b.child.wait().expect("reap b");
    let before = tally.acked.lock().expect("lock").len();
    while tally.acked.lock().expect("lock").len() < before + 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    threads.into_iter().for_each(|t| t.join().expect("writer"));
    let acked = tally.acked.lock().expect("lock").clone();
    let statuses = tally.statuses.lock().expect("lock").clone();
    assert!(
        acked.len() >= 1_000,
        "too few writes to test anything: {statuses:?}"
    );
    assert!(
        statuses.keys().all(|s| *s == 201 || *s == 503),
        "only 201s, and 503 busy when beaten too often: {statuses:?}"
    );
    let mut seqs: Vec<u64> = acked.iter().map(|(s, _)| *s).collect();
    seqs.sort_unstable();
    seqs.dedup();
    assert_eq!(seqs.len(), acked.len(), "no seq acknowledged twice");

    // A restarted instance replays, then serves the same record as the one that lived.
    let b = serve(&url);
    let last = *seqs.last().expect("acts");
    wait_for(&b.base, last);
    assert_all_acknowledged_on(&a.base, &acked);
    assert_all_acknowledged_on(&b.base, &acked);
    assert_eq!(
        stored(&a.base),
        stored(&b.base),
        "both instances serve one record"
    );
    assert_ne!(
        verified_head(&url),
        "null",
        "the chain verifies and has a head"
    );
    eprintln!(
        "{} acknowledged acts on both instances; answers {statuses:?}",
        acked.len()
    );
}

#[test]
fn a_write_on_one_instance_shows_on_the_other_within_moments() {
    let url = chancery_postgres::testing::fresh_database("instances_read");
    let a = serve(&url);
    let b = serve(&url);
    let token = binary::writer_token(&url);
    let act = json!({"kind": "staffing_reported", "date": "2024-01-01", "sending": "US",
        "host": "RU", "value": 4242, "bound": "exact", "counting": "all_staff", "note": "seen?"});
    let body: Value = ureq::post(&format!("{}/api/v1/acts", a.base))
        .set("Authorization", &format!("Bearer {token}"))
        .send_json(act)
        .expect("recorded on a")
        .into_json()
        .expect("json");
    let seq = body["seq"].as_u64().expect("seq");
    let started = Instant::now();
    wait_for(&b.base, seq);
    assert_eq!(stored(&b.base).get(&seq), Some(&Some(4242)));
    eprintln!("seen on the other instance after {:?}", started.elapsed());
}

fn ready(base: &str) -> u16 {
    match ureq::get(&format!("{base}/readyz")).call() {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("{base}/readyz: {e}"),
    }
}

/// A PostgreSQL server of this test's own, so it can be stopped and started again without
/// disturbing the other suites' server. Stopped when dropped.
struct PrivateServer {
    dir: tempfile::TempDir,
}

impl PrivateServer {
    fn script() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/test-postgres")
    }

    fn command(&self, what: &str) -> std::process::Command {
        let mut command = std::process::Command::new(Self::script());
        command.arg(what).env("CHANCERY_PG_DIR", self.dir.path());
        command
    }

    fn run(&self, what: &str) -> String {
        let out = self
            .command(what)
            .output()
            .expect("run scripts/test-postgres");
        assert!(
            out.status.success(),
            "scripts/test-postgres {what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Starts the server; its URL.
    fn start() -> (PrivateServer, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        // Run as root, the script hands the cluster to the `postgres` user, who must be able
        // to reach it.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod temp dir");
        let server = PrivateServer { dir };
        let line = server.run("start");
        let url = line
            .trim()
            .strip_prefix("export CHANCERY_TEST_POSTGRES=")
            .unwrap_or_else(|| panic!("scripts/test-postgres start printed {line:?}"))
            .to_owned();
        (server, url)
    }
}

impl Drop for PrivateServer {
    fn drop(&mut self) {
        let _ = self.command("stop").output();
    }
}

#[test]
fn the_database_stopped_under_load_gives_503_and_the_instances_recover_by_themselves() {
    let (server, url) = PrivateServer::start();
    let a = serve(&url);
    let b = serve(&url);
    let token = binary::writer_token(&url);
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let threads = writers(&[a.base.clone(), b.base.clone()], 4, &token, &stop, &tally);
    let acked = || tally.acked.lock().expect("lock").len();
    let busy = || {
        tally
            .statuses
            .lock()
            .expect("lock")
            .get(&503)
            .copied()
            .unwrap_or(0)
    };
    let wait_until = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done() {
            assert!(
                Instant::now() < deadline,
                "{what}: {:?}",
                tally.statuses.lock().expect("lock")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_until("writes before the stop", &|| acked() >= 300);
    // Monitoring's token, used before the outage; and a reader's token never used before it.
    binary::chancery_on(
        &[
            "user",
            "add",
            "prometheus",
            "--org",
            "operator",
            "--role",
            "auditor",
        ],
        &url,
    );
    let monitoring = binary::shown_once(&binary::chancery_on(
        &["token", "add", "prometheus", "--scope", "read"],
        &url,
    ))
    .expect("the token is printed once");
    let unseen = binary::shown_once(&binary::chancery_on(
        &["token", "add", "prometheus", "--scope", "read"],
        &url,
    ))
    .expect("the token is printed once");
    let metrics = || {
        ureq::get(&format!("{}/metrics", a.base))
            .set("Authorization", &format!("Bearer {monitoring}"))
            .call()
            .map(|r| r.status())
            .unwrap_or_else(|e| match e {
                ureq::Error::Status(s, _) => s,
                other => panic!("GET /metrics: {other}"),
            })
    };
    assert_eq!(metrics(), 200, "scraped before the stop");

    server.run("stop");
    let busy_before = busy();
    // While the database is down every write is refused as busy, not lost and not a 401.
    wait_until("503s while the database is down", &|| {
        busy() >= busy_before + 20
    });
    let acked_while_down = acked();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        acked(),
        acked_while_down,
        "nothing is acknowledged while the database is down"
    );
    // A page asked with credentials that cannot be checked says so, in a page, not a sign-in
    // form or a refusal.
    match ureq::get(&format!("{}/", a.base))
        .set("Authorization", &format!("Bearer {unseen}"))
        .call()
    {
        Err(ureq::Error::Status(503, r)) => {
            assert!(r.header("retry-after").is_some(), "a 503 page says when");
            let page = r.into_string().expect("page");
            assert!(page.contains("accounts store cannot be reached"), "{page}");
        }
        other => panic!("a page while the database is down: {other:?}"),
    }
    // An instance that cannot know it is in step stops calling itself ready.
    wait_until("/readyz 503 while the database is down", &|| {
        ready(&a.base) == 503
    });
    // Monitoring goes on through the outage: the store confirmed its token before it, well
    // within `chancery_accounts::TOKEN_OUTAGE_GRACE`, but longer ago than a recheck.
    std::thread::sleep(chancery_accounts::TOKEN_RECHECK);
    assert_eq!(metrics(), 200, "scraped while the database is down");
    // ... and for monitoring alone: the same token reads no part of the record meanwhile.
    match ureq::get(&format!("{}/api/v1/acts?limit=1", a.base))
        .set("Authorization", &format!("Bearer {monitoring}"))
        .call()
    {
        Err(ureq::Error::Status(503, _)) => {}
        other => panic!("the record with a token not checked: {other:?}"),
    }

    server.run("start");
    wait_until("writes after the database came back", &|| {
        acked() >= acked_while_down + 300
    });
    wait_until("/readyz 200 again", &|| {
        ready(&a.base) == 200 && ready(&b.base) == 200
    });
    stop.store(true, Ordering::Relaxed);
    threads.into_iter().for_each(|t| t.join().expect("writer"));

    let acked = tally.acked.lock().expect("lock").clone();
    let statuses = tally.statuses.lock().expect("lock").clone();
    assert!(
        statuses.keys().all(|s| *s == 201 || *s == 503),
        "only 201, and 503 while the database was down: {statuses:?}"
    );
    let last = acked.iter().map(|(s, _)| *s).max().expect("acts");
    wait_for(&a.base, last);
    wait_for(&b.base, last);
    assert_all_acknowledged_on(&a.base, &acked);
    assert_all_acknowledged_on(&b.base, &acked);
    assert_eq!(
        stored(&a.base),
        stored(&b.base),
        "both instances serve one record"
    );
    assert_ne!(
        verified_head(&url),
        "null",
        "the chain verifies and has a head"
    );
    eprintln!(
        "{} acknowledged acts across a database restart; answers {statuses:?}",
        acked.len()
    );

    // Signing in while the database is down is 503 (not a wrong password, and not counted
    // against the account); restarted while nobody asked, the first sign-in and the first
    // write after it are answered, not failed on connections that died while idle.
    let password = binary::shown_once(&binary::chancery_on(
        &[
            "user",
            "add",
            "reader",
            "--org",
            "mediators",
            "--role",
            "viewer",
        ],
        &url,
    ))
    .expect("a password shown once");
    let sign_in = |base: &str| {
        let agent = ureq::AgentBuilder::new().redirects(0).build();
        match agent
            .post(&format!("{base}/login"))
            .set("Origin", base)
            .set("Sec-Fetch-Site", "same-origin")
            .send_form(&[("username", "reader"), ("password", &password)])
        {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(code, _)) => code,
            Err(e) => panic!("{base}/login: {e}"),
        }
    };
    assert_eq!(sign_in(&a.base), 303, "signed in before the stop");
    server.run("stop");
    for _ in 0..8 {
        assert_eq!(
            sign_in(&a.base),
            503,
            "signing in while the database is down"
        );
    }
    server.run("start");
    assert_eq!(sign_in(&b.base), 303, "the first sign-in after the restart");
    let act = json!({"kind": "staffing_reported", "date": "2024-01-01", "sending": "US",
        "host": "RU", "value": 7, "bound": "exact", "counting": "all_staff"});
    let first = ureq::post(&format!("{}/api/v1/acts", a.base))
        .set("Authorization", &format!("Bearer {token}"))
        .send_json(act);
    assert!(
        first.is_ok(),
        "the first write after the restart: {first:?}"
    );
    assert_eq!(sign_in(&a.base), 303, "eight refusals counted nothing");
}

#[test]
fn instances_started_at_once_on_a_new_database_seed_it_once_and_all_serve() {
    let url = chancery_postgres::testing::fresh_database("instances_start");
    // As a supervisor starts them: at the same moment, on a database nobody has opened.
    let starting: Vec<_> = (0..3)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || binary::serve(Path::new(&url), &[]))
        })
        .collect();
    // Every join first, so those that did start are stopped (dropped) if one did not.
    let joined: Vec<_> = starting.into_iter().map(|t| t.join()).collect();
    let started: Vec<(Instance, Vec<String>)> = joined
        .into_iter()
        .filter_map(Result::ok)
        .map(|(child, base, printed)| (Instance { child, base }, printed))
        .collect();
    assert_eq!(started.len(), 3, "every instance started");
    let shown = started
        .iter()
        .filter(|(_, printed)| printed.iter().any(|l| l.contains("password shown once")))
        .count();
    assert_eq!(shown, 1, "one first administrator, its password shown once");
    let records: Vec<_> = started.iter().map(|(i, _)| stored(&i.base)).collect();
    assert!(!records[0].is_empty(), "the demo was seeded");
    assert!(
        records.iter().all(|r| *r == records[0]),
        "every instance serves the one record, seeded once: {:?}",
        records.iter().map(HashMap::len).collect::<Vec<_>>()
    );
    let out = binary::chancery_on(&["verify", "--json"], &url);
    let report: Value = serde_json::from_str(&out).expect("verify --json");
    assert_eq!(
        report["entries"].as_u64(),
        Some(records[0].len() as u64),
        "the journal holds the demo once: {report}"
    );
}

/// `chancery serve` on the database with its stderr kept, to read what it said on the way out.
fn serve_keeping_stderr(url: &str, addr: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args(["serve", "--db", url, "--addr", addr])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start chancery serve")
}

fn waited(child: std::process::Child) -> (std::process::ExitStatus, String) {
    let out = child.wait_with_output().expect("wait");
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_instance_on_the_database_stops_cleanly_whether_told_to_or_unable_to_listen() {
    let url = chancery_postgres::testing::fresh_database("instances_stop");
    let a = serve(&url);
    // Its address is taken: the second one says so and exits 1, closing its connections to
    // the database without a panic.
    let taken = a.base.trim_start_matches("http://");
    let (status, said) = waited(serve_keeping_stderr(&url, taken));
    assert_eq!(status.code(), Some(1), "{said}");
    assert!(said.contains(taken), "names the address: {said}");
    assert!(!said.contains("panicked"), "{said}");

    // SIGTERM: it finishes and exits 0, its connections closed off the async runtime.
    let mut b = serve_keeping_stderr(&url, "127.0.0.1:0");
    // Listening: its signal handlers are in place.
    let stdout = b.stdout.take().expect("stdout");
    let listening = std::io::BufRead::lines(std::io::BufReader::new(stdout))
        .map_while(Result::ok)
        .any(|line| line.contains("listening on"));
    assert!(listening, "b never listened");
    let term = std::process::Command::new("kill")
        .args(["-TERM", &b.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(term.success());
    let (status, said) = waited(b);
    assert!(
        status.success(),
        "exit status after SIGTERM: {status:?}: {said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn a_database_a_command_filled_stays_closed_to_anonymous_readers() {
    let url = chancery_postgres::testing::fresh_database("instances_closed");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = binary::write(dir.path(), "record.toml", binary::DEMO);
    let imported = binary::import(&file, &url);
    assert!(imported.status.success(), "{}", binary::text(&imported).1);
    let (child, base, printed) = binary::serve(Path::new(&url), &[]);
    let _instance = Instance { child, base };
    assert!(
        printed.iter().any(|l| l.contains("public read off")),
        "an imported record is not the demo: {printed:?}"
    );
    match ureq::get(&format!("{}/api/v1/acts", _instance.base)).call() {
        Err(ureq::Error::Status(401, _)) => {}
        other => panic!("an anonymous read of a closed store: {other:?}"),
    }
    let orgs = binary::chancery_on(&["org", "list"], &url);
    assert!(
        !orgs.contains("us-mfa"),
        "no demo organisations added: {orgs}"
    );
}
