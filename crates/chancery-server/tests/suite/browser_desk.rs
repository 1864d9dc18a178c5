//! The diplomatic list and the alerts in headless Chromium (`tests/browser/desk.mjs`): a member
//! declared persona non grata, planted in the demo, shows a deadline passed on the list, and an
//! alert appears the day before its deadline, turns overdue after it and clears on departure.
//! Needs what `browser.rs` needs (Node.js, playwright-core, Chromium).

use crate::common;

use std::path::Path;
use std::process::Command;

use common::start;
use serde_json::json;

#[test]
fn a_deadline_passed_on_the_list_and_an_alert_appearing_and_clearing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core/package.json")
            .is_file(),
        "playwright-core is missing: run scripts/install-test-deps"
    );
    let _browser = common::one_browser_at_a_time();
    let server = start(true);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for a in [
        json!({"kind": "member_notified", "date": "2025-01-05", "member": "dana-planted",
               "post": "us-embassy-moscow", "name": "Dana Planted", "category": "diplomatic"}),
        json!({"kind": "member_arrived", "date": "2025-01-06", "member": "dana-planted"}),
        json!({"kind": "member_declared_png", "date": "2025-05-01", "member": "dana-planted",
               "by": "RU", "deadline": "2025-05-08"}),
        json!({"kind": "member_departed", "date": "2025-05-12", "member": "dana-planted"}),
    ] {
        let act = chancery_domain::Act::from_json(a).unwrap();
        rt.block_on(server.chancery.record_unchecked(act, "test:plant"))
            .unwrap();
    }
    let shots = std::env::temp_dir().join(format!("desk-shots-{}", std::process::id()));
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let out = Command::new("node")
        .arg("desk.mjs")
        .arg(server.url(""))
        .arg(&shots)
        .current_dir(&dir)
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node (the browser suite needs Node.js 20 or later)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the desk suite failed:\n{stdout}");
}
