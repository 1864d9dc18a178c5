//! Graceful shutdown of the real `chancery serve`: SIGTERM while 16 writers append; the
//! process stops taking connections, lets the requests in flight finish, and exits 0; every
//! act it acknowledged with 201 is in the store when it is opened again.

use crate::binary;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chancery_server::Chancery;
use serde_json::{json, Value};

const WRITERS: usize = 16;

#[cfg(unix)]
#[test]
fn sigterm_finishes_acknowledged_writes_and_exits_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shutdown.db");
    let (mut child, base, _) = binary::serve(&db, &[]);
    let token = binary::writer_token(db.to_str().expect("a UTF-8 path"));
    let ready = ureq::get(&format!("{base}/readyz")).call().expect("readyz");
    assert_eq!(ready.into_string().expect("text"), "ready");

    let acked: Arc<Mutex<Vec<(u64, u64)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (acked, stop, base, token) =
                (acked.clone(), stop.clone(), base.clone(), token.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .timeout(Duration::from_secs(30))
                    .build();
                for i in 0u64.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let value = (w as u64) * 1_000_000 + i;
                    let act = json!({"kind": "staffing_reported", "date": "2024-01-01",
                        "sending": "US", "host": "RU", "value": value, "bound": "exact",
                        "counting": "all_staff", "note": "shutdown test"});
                    match agent
                        .post(&format!("{base}/api/v1/acts"))
                        .set("Authorization", &format!("Bearer {token}"))
                        .send_json(act)
                    {
                        Ok(r) => {
                            assert_eq!(r.status(), 201);
                            let body: Value = r.into_json().expect("json");
                            let seq = body["seq"].as_u64().expect("seq");
                            acked.lock().expect("lock").push((seq, value));
                        }
                        // Shutting down: connections are refused or closed from now on.
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();

    while acked.lock().expect("lock").len() < 200 {
        std::thread::sleep(Duration::from_millis(10));
    }
    let term = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(term.success());
    // A hung shutdown fails the test rather than hanging it.
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chancery serve did not exit after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().expect("writer thread");
    }
    assert!(status.success(), "exit status after SIGTERM: {status:?}");

    let acked = acked.lock().expect("lock").clone();
    let store = Chancery::open(&db, false).expect("reopen the store");
    let mut stored = std::collections::HashMap::new();
    let mut after = 0;
    loop {
        let page = store.acts(after, 1000).expect("read acts");
        let Some(last) = page.last() else { break };
        after = last.seq;
        for a in page {
            stored.insert(a.seq, a.act.to_json()["value"].as_u64());
        }
    }
    for (seq, value) in &acked {
        assert_eq!(
            stored.get(seq),
            Some(&Some(*value)),
            "acknowledged act #{seq} lost or changed"
        );
    }
    eprintln!(
        "{} acknowledged acts, all in the store after SIGTERM",
        acked.len()
    );
}
