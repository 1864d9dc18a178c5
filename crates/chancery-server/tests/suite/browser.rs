//! The web pages in a real browser: starts the server on the demo and runs the headless-Chromium
//! suite `tests/browser/suite.mjs` (Node.js + playwright-core + Debian's Chromium) against it.
//! Screenshots of every page it checks land in `target/browser-screenshots/`.
//!
//! Missing tools fail the test, naming what to install: `scripts/install-test-deps` installs
//! Chromium and the suite's npm package. `CHROMIUM` may name another Chromium binary.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{start, PASSWORD};

/// Longer than the suite's own limit (180 s), so the suite reports a hang itself.
const TIMEOUT: Duration = Duration::from_secs(240);
const INSTALL: &str = "run scripts/install-test-deps from the repository root";

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// `<target>/browser-screenshots`, where `<target>` holds this test binary (`<target>/debug/deps/`).
fn screenshot_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the test binary lies in <target>/<profile>/deps");
    target.join("browser-screenshots")
}

/// Node's major version, or a panic naming how to get Node.js.
fn node_major() -> u32 {
    let out = Command::new("node")
        .arg("--version")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "the browser suite needs Node.js 20 or later, and `node` cannot be run ({e}): \
                 install it (Debian 13: apt-get install nodejs npm; Debian 12: from nodesource.com), \
                 then {INSTALL}"
            )
        });
    let version = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "`node --version` failed: {version}");
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("cannot read Node's version from {version:?}"))
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Reads a child's pipe to the end on a thread, so a chatty child never blocks on a full pipe.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes)
            .expect("read the suite's output");
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[test]
fn the_pages_in_headless_chromium() {
    let major = node_major();
    assert!(
        major >= 20,
        "the browser suite needs Node.js 20 or later (playwright-core), found {major}"
    );
    let dir = suite_dir();
    assert!(
        dir.join("node_modules/playwright-core/package.json")
            .is_file(),
        "{} is missing: {INSTALL} (or `npm ci` in {})",
        dir.join("node_modules/playwright-core").display(),
        dir.display()
    );
    let chromium = chromium();
    assert!(
        chromium.is_file(),
        "Chromium is missing at {}: {INSTALL} (it installs Debian's `chromium`), \
         or set CHROMIUM to a Chromium binary",
        chromium.display()
    );

    let _browser = common::one_browser_at_a_time();
    let server = start(true);
    let before = server.chancery.journal().last_seq();
    let shots = screenshot_dir();
    if shots.exists() {
        std::fs::remove_dir_all(&shots).expect("clear the old screenshots");
    }
    std::fs::create_dir_all(&shots).expect("create the screenshot directory");

    let started = Instant::now();
    let mut child = Command::new("node")
        .arg("suite.mjs")
        .arg(server.url(""))
        .arg("editor")
        .arg(PASSWORD)
        .arg(&shots)
        .current_dir(&dir)
        .env("CHROMIUM", &chromium)
        .env(
            "KINDS_OF_ACT",
            // The suite signs in as a mediator's editor, offered every kind but talks.
            chancery_domain::act::Kind::ALL
                .iter()
                .filter(|k| {
                    chancery_accounts::policy::permission_for(k.subject())
                        == chancery_accounts::Permission::RecordAct
                })
                .count()
                .to_string(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            child.kill().expect("stop the hung suite");
            child.wait().expect("reap the suite");
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (stdout, stderr) = (
        stdout.join().expect("stdout reader"),
        stderr.join().expect("stderr reader"),
    );
    println!("{stdout}");
    eprintln!("{stderr}");
    println!(
        "browser suite: {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );
    let Some(status) = status else {
        panic!("the browser suite did not finish within {TIMEOUT:?}");
    };
    assert!(
        status.success(),
        "the browser suite failed ({status}):\n{stderr}"
    );

    // What the suite did, seen from the server: exactly two acts recorded (the post opened by
    // choosing, the staffing report), and a screenshot of every page it checked.
    assert_eq!(
        server.chancery.journal().last_seq(),
        before + 2,
        "the suite records two acts and refuses the others"
    );
    let pngs = std::fs::read_dir(&shots)
        .expect("read the screenshot directory")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert!(pngs >= 15, "screenshots of the pages: {pngs}");
}
