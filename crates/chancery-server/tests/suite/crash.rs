//! Acknowledged writes survive a crash: the real `chancery serve` is killed with SIGKILL while
//! 64 writers append; after a restart every acknowledged act is there and the chain verifies.

use crate::binary;

use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WRITERS: usize = 64;

struct Running {
    child: Child,
    base: String,
    /// The first administrator's one-time password, printed by a new store.
    admin_password: Option<String>,
}

/// Starts `chancery serve` on a free port and reads its address (and a new store's
/// administrator password) from stdout.
fn serve(db: &std::path::Path) -> Running {
    let (child, base, printed) = binary::serve(db, &[]);
    Running {
        child,
        base,
        admin_password: binary::shown_once(&printed.join("\n")),
    }
}

fn acts_after(base: &str, after: u64) -> Vec<Value> {
    let body: Value = ureq::get(&format!("{base}/api/v1/acts?after={after}&limit=1000"))
        .call()
        .expect("list acts")
        .into_json()
        .expect("json");
    body["acts"].as_array().cloned().unwrap_or_default()
}

#[test]
fn acknowledged_acts_survive_sigkill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("crash.db");
    let mut first = serve(&db);
    assert!(
        first
            .admin_password
            .as_deref()
            .is_some_and(|p| p.len() >= 12),
        "a new store prints its administrator's password once"
    );
    // Users and tokens are added with the CLI while the server runs.
    let token = binary::writer_token(db.to_str().expect("a UTF-8 path"));

    let acked: Arc<Mutex<Vec<(u64, u32)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (acked, stop, base, token) = (acked.clone(), stop.clone(), first.base.clone(), token.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
                for i in 0u32.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let value = (w as u32) * 1_000_000 + i;
                    let act = json!({"kind": "staffing_reported", "date": "2024-01-01", "sending": "US", "host": "RU",
                        "value": value, "bound": "exact", "counting": "all_staff", "note": "crash test"});
                    match agent
                        .post(&format!("{base}/api/v1/acts"))
                        .set("Authorization", &format!("Bearer {token}"))
                        .send_json(act)
                    {
                        Ok(r) => {
                            let body: Value = r.into_json().expect("json");
                            let seq = body["seq"].as_u64().expect("seq");
                            acked.lock().expect("lock").push((seq, value));
                        }
                        // The server was killed: every request from now on fails.
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.lock().expect("lock").len() < 2_000 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    first.child.kill().expect("SIGKILL the server");
    first.child.wait().expect("reap");
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().expect("writer thread");
    }
    let acked = acked.lock().expect("lock").clone();
    assert!(
        acked.len() >= 100,
        "too few acknowledged writes to test anything: {}",
        acked.len()
    );

    let mut second = serve(&db);
    assert!(
        second.admin_password.is_none(),
        "the password is printed only once"
    );
    let mut stored = std::collections::HashMap::new();
    let mut after = 0;
    loop {
        let page = acts_after(&second.base, after);
        let Some(last) = page.last() else { break };
        after = last["seq"].as_u64().expect("seq");
        for a in &page {
            stored.insert(a["seq"].as_u64().expect("seq"), a["act"]["value"].as_u64());
        }
    }
    second.child.kill().expect("stop second server");
    second.child.wait().expect("reap");
    for (seq, value) in &acked {
        assert_eq!(
            stored.get(seq),
            Some(&Some(u64::from(*value))),
            "acknowledged act #{seq} lost or changed"
        );
    }

    let verify = binary::chancery(&["verify", "--db", db.to_str().expect("a UTF-8 path")]);
    assert!(
        verify.status.success(),
        "verify: {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    eprintln!(
        "{} acknowledged acts survived SIGKILL; {} acts stored",
        acked.len(),
        stored.len()
    );
}
