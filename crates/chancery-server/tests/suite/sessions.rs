//! Sessions over HTTP against the real server: fixation, logout, revocation, disabled users,
//! login CSRF, throttling with one generic message, cookie attributes and security headers.
//! (Idle and absolute expiry are tested beside the session store, with a controlled clock.)

use crate::common;

use chancery_accounts::Role;
use common::{browser_get, browser_post, login, signed_in, start, PASSWORD};

fn is_signed_in(server: &common::Server, cookie: &str) -> bool {
    browser_get(server, "/account", cookie).0 == 200
}

#[test]
fn a_session_id_planted_before_login_is_never_the_one_after() {
    let server = start(true);
    let planted =
        "chancery_session=0000000000000000000000000000000000000000000000000000000000000000";
    assert!(!is_signed_in(&server, planted));
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent
        .post(&server.url("/login"))
        .set("Origin", &format!("http://{}", server.addr))
        .set("Sec-Fetch-Site", "same-origin")
        .set("Cookie", planted)
        .send_form(&[
            ("username", "editor"),
            ("password", PASSWORD),
            ("next", "/"),
        ])
        .expect("login");
    assert_eq!(r.status(), 303);
    let set = r.header("set-cookie").expect("a new cookie").to_owned();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let fresh = set.split(';').next().unwrap().to_owned();
    assert_ne!(fresh, planted);
    assert!(is_signed_in(&server, &fresh));
    assert!(!is_signed_in(&server, planted));
}

#[test]
fn logout_ends_the_session_and_revoke_ends_them_all() {
    let server = start(true);
    let first = login(&server, "editor", PASSWORD).unwrap();
    let second = login(&server, "editor", PASSWORD).unwrap();
    assert_ne!(first, second, "every login gets its own id");
    let (status, location) = browser_post(&server, "/logout", Some(&first), &[], &[]);
    assert_eq!((status, location.as_str()), (303, "/login"));
    assert!(!is_signed_in(&server, &first));
    assert!(is_signed_in(&server, &second), "other sessions live on");

    let third = login(&server, "editor", PASSWORD).unwrap();
    let (status, _) = browser_post(&server, "/account/sessions/revoke", Some(&second), &[], &[]);
    assert_eq!(status, 303);
    assert!(!is_signed_in(&server, &second));
    assert!(
        !is_signed_in(&server, &third),
        "revoke ends every session of the user"
    );
}

#[test]
fn administrators_manage_their_own_organisation_only() {
    let server = start(true);
    let admin = signed_in(&server, "us-admin", "us-mfa", Role::Administrator);
    let user_named = |name: &str| {
        server
            .accounts
            .store()
            .user_by_name(name)
            .unwrap()
            .unwrap()
            .0
    };
    let disable = |id: i64| {
        let path = format!("/admin/users/{id}/disable");
        browser_post(&server, &path, Some(&admin), &[], &[])
    };
    let (status, html) = browser_post(
        &server,
        "/admin/users",
        Some(&admin),
        &[("username", "new-viewer"), ("role", "viewer")],
        &[],
    );
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("new-viewer"));
    let added = user_named("new-viewer");
    assert_eq!(
        added.org.id.as_str(),
        "us-mfa",
        "added to the admin's own organisation"
    );
    // The password is shown once, in the page; the user can sign in with it.
    let password = html
        .split("<code>")
        .nth(1)
        .and_then(|rest| rest.split("</code>").next())
        .expect("the one-time password");
    let viewer = login(&server, "new-viewer", password).expect("the shown password works");

    // A user of another organisation is not found, and stays enabled.
    let other = signed_in(&server, "ru-ed", "ru-mfa", Role::Editor);
    let ru = user_named("ru-ed");
    let (status, _) = disable(ru.id);
    assert_eq!(status, 404);
    assert!(is_signed_in(&server, &other));

    let (status, _) = disable(added.id);
    assert_eq!(status, 303);
    assert!(
        !is_signed_in(&server, &viewer),
        "disabling ends the user's sessions"
    );
    assert_eq!(login(&server, "new-viewer", password), Err(401));
    // A viewer may not manage users.
    let ru_admin_page = browser_get(&server, "/admin/users", &other);
    assert_eq!(ru_admin_page.0, 403);
}

#[test]
fn a_cross_origin_login_is_refused_and_failures_say_the_same_thing() {
    let server = start(true);
    let fields = [
        ("username", "editor"),
        ("password", PASSWORD),
        ("next", "/"),
    ];
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Sec-Fetch-Site", "cross-site")],
    ] {
        let (status, _) = browser_post(&server, "/login", None, &fields, &headers);
        assert_eq!(status, 403, "{headers:?}");
    }
    let (status, unknown) = browser_post(
        &server,
        "/login",
        None,
        &[
            ("username", "nobody"),
            ("password", "whatever it is"),
            ("next", "/"),
        ],
        &[],
    );
    assert_eq!(status, 401);
    let (_, wrong) = browser_post(
        &server,
        "/login",
        None,
        &[
            ("username", "editor"),
            ("password", "not the password"),
            ("next", "/"),
        ],
        &[],
    );
    let message = |html: &str| {
        html.split("role=\"alert\">")
            .nth(1)
            .map(|s| s.split('<').next().unwrap_or("").to_owned())
    };
    assert_eq!(message(&unknown), message(&wrong));
    assert!(message(&unknown).is_some());
    for _ in 0..5 {
        browser_post(
            &server,
            "/login",
            None,
            &[
                ("username", "editor"),
                ("password", "guess guess guess"),
                ("next", "/"),
            ],
            &[],
        );
    }
    let (status, throttled) = browser_post(&server, "/login", None, &fields, &[]);
    assert_eq!(status, 401, "throttled even with the right password");
    assert_eq!(
        message(&throttled),
        message(&wrong),
        "and with the same message"
    );
    // Failures are audited, with the reason only the log tells.
    let log = server.accounts.store().audit(0, 1000).unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "login_failed" && e.detail.contains("throttled")));
    assert!(log
        .iter()
        .any(|e| e.action == "denied" && e.outcome == "403"));
}

#[test]
fn an_open_redirect_after_login_is_not_possible() {
    let server = start(true);
    for next in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "/ok\nSet-Cookie: x=1",
    ] {
        let (status, location) = browser_post(
            &server,
            "/login",
            None,
            &[
                ("username", "editor"),
                ("password", PASSWORD),
                ("next", next),
            ],
            &[],
        );
        assert_eq!((status, location.as_str()), (303, "/"), "{next}");
    }
}

#[test]
fn a_read_token_cannot_end_its_users_sessions() {
    let server = start(true);
    let session = login(&server, "editor", PASSWORD).unwrap();
    let reader = server.token_for(
        "editor",
        "mediators",
        Role::Editor,
        chancery_accounts::TokenScope::Read,
    );
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let status = match agent
        .post(&server.url("/account/sessions/revoke"))
        .set("Authorization", &format!("Bearer {reader}"))
        .call()
    {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(c, _)) => c,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(status, 403);
    assert!(is_signed_in(&server, &session));
}

#[test]
fn every_response_carries_the_security_headers() {
    let server = start(true);
    for path in [
        "/relations/US/RU?as_of=2018-01-01",
        "/api/v1/states",
        "/login",
        "/no/such/page",
    ] {
        let r = match ureq::get(&server.url(path)).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{path}: {e}"),
        };
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"),
            "{csp}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("same-origin"), "{path}");
    }
}

#[test]
fn changing_ones_password_ends_the_other_sessions_and_keeps_this_one() {
    let server = start(true);
    let here = login(&server, "editor", PASSWORD).unwrap();
    let elsewhere = login(&server, "editor", PASSWORD).unwrap();
    let new = "another long passphrase";
    let (status, _) = browser_post(
        &server,
        "/account/password",
        Some(&here),
        &[("current", "not it at all"), ("new", new)],
        &[],
    );
    assert_eq!(status, 422);
    assert!(
        is_signed_in(&server, &elsewhere),
        "a refused change ends nothing"
    );
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let r = agent
        .post(&server.url("/account/password"))
        .set("Origin", &format!("http://{}", server.addr))
        .set("Sec-Fetch-Site", "same-origin")
        .set("Cookie", &here)
        .send_form(&[("current", PASSWORD), ("new", new)])
        .expect("change");
    assert_eq!(r.status(), 200);
    let renewed = r
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a new session for this browser")
        .to_owned();
    assert!(!is_signed_in(&server, &elsewhere));
    assert!(!is_signed_in(&server, &here), "the old id ends too");
    assert!(is_signed_in(&server, &renewed));
    assert_eq!(login(&server, "editor", PASSWORD), Err(401));
    assert!(login(&server, "editor", new).is_ok());
    let log = server.accounts.store().audit(0, 1000).unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "password_changed" && e.outcome == "ok"));
}
