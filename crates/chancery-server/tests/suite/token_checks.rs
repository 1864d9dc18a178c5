//! Bearer tokens confirmed live are not asked of the store on every request
//! (`chancery_accounts::TOKEN_RECHECK`): what that may and may not delay.

use std::time::{Duration, Instant};

use crate::common;

use chancery_accounts::{Accounts, Role, TokenScope, TOKEN_RECHECK};
use common::{browser_post, get_with, signed_in, start};

fn user_id(server: &common::Server, name: &str) -> i64 {
    server
        .accounts
        .store()
        .user_by_name(name)
        .unwrap()
        .unwrap()
        .0
        .id
}

#[test]
fn a_user_disabled_here_has_their_token_refused_at_its_next_request() {
    let server = start(true);
    let admin = signed_in(&server, "us-admin", "us-mfa", Role::Administrator);
    let token = server.token_for("us-script", "us-mfa", Role::Editor, TokenScope::Read);
    let url = server.url("/api/v1/acts?limit=1");
    assert_eq!(get_with(&url, &token).0, 200);
    assert_eq!(get_with(&url, &token).0, 200, "answered from the cache");
    let path = format!("/admin/users/{}/disable", user_id(&server, "us-script"));
    assert_eq!(browser_post(&server, &path, Some(&admin), &[], &[]).0, 303);
    assert_eq!(
        get_with(&url, &token).0,
        401,
        "refused at once, not after the recheck"
    );
}

#[test]
fn a_token_revoked_by_another_process_is_refused_within_the_recheck() {
    let server = start(true);
    let token = server.token_for("us-script", "us-mfa", Role::Editor, TokenScope::Read);
    let url = server.url("/api/v1/acts?limit=1");
    assert_eq!(get_with(&url, &token).0, 200);
    // The CLI, or another instance: its own accounts over the same store.
    let (elsewhere, _) =
        Accounts::open(&server.dir().join("test.db.accounts")).expect("second accounts");
    let id = elsewhere
        .store()
        .tokens()
        .unwrap()
        .into_iter()
        .find(|t| t.username.as_str() == "us-script")
        .expect("the script's token")
        .id;
    let revoked_at = Instant::now();
    assert!(elsewhere.revoke_token(id, 1).unwrap());
    // Generous against a slow machine: the bound is the recheck, the slack is the test's.
    let deadline = revoked_at + TOKEN_RECHECK + Duration::from_secs(10);
    loop {
        let status = get_with(&url, &token).0;
        if status == 401 {
            break;
        }
        assert_eq!(status, 200);
        assert!(
            Instant::now() < deadline,
            "a revoked token still accepted {:?} after its revocation",
            revoked_at.elapsed()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // And it stays refused: an unknown or revoked token is never kept.
    for _ in 0..3 {
        assert_eq!(get_with(&url, &token).0, 401);
    }
}
