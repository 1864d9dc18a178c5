//! The access log of the real `chancery serve`: one line per request naming its method, route
//! template, the principal's organisation, status and latency, and never a token or a query;
//! the lines held in memory (`logging::LineBuffer`) are written out when it stops.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::binary;

#[test]
fn every_request_has_its_line_and_the_last_ones_are_written_on_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    // A new store: seeded with the demo and its organisations.
    let db = dir.path().join("log.db");
    let mut server = Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args(["serve", "--addr", "127.0.0.1:0", "--public-read", "--db"])
        .arg(&db)
        .env("CHANCERY_LOG", "info")
        .env_remove("CHANCERY_LOG_FORMAT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chancery serve");
    let mut stderr = server.stderr.take().expect("stderr");
    let said = std::thread::spawn(move || {
        let mut all = String::new();
        stderr.read_to_string(&mut all).expect("read stderr");
        all
    });
    let stdout = server.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let base = lines
        .by_ref()
        .find_map(|l| {
            l.split("listening on ").nth(1).map(|r| {
                r.split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('/')
                    .to_owned()
            })
        })
        .expect("chancery serve printed its address");
    // Drained, so the server never writes to a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    // Users and tokens are added with the CLI while the server runs.
    let token = binary::writer_token(db.to_str().unwrap());

    let presence = format!("{base}/api/v1/relations/US/RU/presence?as_of=2025-12-31");
    // The second is answered from the cache.
    for _ in 0..2 {
        assert_eq!(ureq::get(&presence).call().unwrap().status(), 200);
    }
    // The token's second request is answered at the edge (its token confirmed moments ago,
    // its answer kept): its line names the organisation too.
    for _ in 0..2 {
        let signed_in = ureq::get(&presence)
            .set("Authorization", &format!("Bearer {token}"))
            .call()
            .unwrap();
        assert_eq!(signed_in.status(), 200);
    }
    let Err(ureq::Error::Status(401, _)) = ureq::post(&format!("{base}/api/v1/acts"))
        .set("content-type", "application/json")
        .send_string("{}")
    else {
        panic!("an anonymous write is refused");
    };

    let term = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(term.success());
    assert!(server.wait().expect("wait").success());
    let said = said.join().expect("stderr reader");

    let answered: Vec<&str> = said.lines().filter(|l| l.contains(" answered ")).collect();
    assert_eq!(answered.len(), 5, "{said}");
    let route = "route=\"/api/v1/relations/{a}/{b}/presence\"";
    for line in &answered[..4] {
        assert!(
            line.contains("method=GET") && line.contains(route),
            "{line}"
        );
        assert!(
            line.contains("status=200") && line.contains("latency_us="),
            "{line}"
        );
    }
    assert!(!answered[0].contains("org="), "{}", answered[0]);
    assert!(!answered[1].contains("org="), "{}", answered[1]);
    assert!(answered[2].contains("org=\"mediators\""), "{}", answered[2]);
    assert!(answered[3].contains("org=\"mediators\""), "{}", answered[3]);
    assert!(
        answered[4].contains("method=POST") && answered[4].contains("status=401"),
        "{}",
        answered[4]
    );
    // What a refusal logs names the request it refused.
    assert!(
        said.lines().any(
            |l| l.contains("request{method=POST route=\"/api/v1/acts\"}") && l.contains("refused")
        ),
        "{said}"
    );
    assert!(!said.contains(&token), "a token in the log: {said}");
    assert!(!said.contains("as_of="), "a query in the log: {said}");
}
