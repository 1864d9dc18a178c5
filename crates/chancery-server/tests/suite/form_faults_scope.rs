//! Review of "every fault at once": a form's refusals are the rules as the act's audience sees
//! the record, so they are only spoken once the user is allowed to record for that audience.
//! Before, a date past the horizon was refused before permission was decided, and the form
//! then listed every fault as Russia's ministry would see them: a US editor asking for an act
//! internal to Russia read Russia's internal measure, and `supersedes` told the kind of any
//! hidden act.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{browser_post, signed_in};
use serde_json::json;

#[test]
fn a_form_never_speaks_of_what_its_user_may_not_see() {
    let server = common::start(true);
    let us_token = server.token_for("us-api", "us-mfa", Role::Editor, TokenScope::Write);
    let ru_token = server.token_for("ru-api", "ru-mfa", Role::Editor, TokenScope::Write);
    // A US member, public; Russia's internal bar on replacements at that post.
    let (status, body) = common::post(
        &server.url("/api/v1/acts"),
        Some(&us_token),
        &json!({"kind": "member_notified", "date": "2025-03-01", "member": "us-m-smith",
                "post": "us-embassy-moscow", "name": "J. Smith", "category": "diplomatic"}),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = common::post(
        &server.url("/api/v1/acts"),
        Some(&ru_token),
        &json!({"kind": "measure_imposed", "date": "2025-04-01", "measure": "ru-secret-bar",
                "actor": "RU", "target": "US", "measure_kind": "replacements_barred",
                "summary": "secret bar", "scope": {"posts": ["us-embassy-moscow"]},
                "visibility": {"internal": "RU"}}),
    );
    assert_eq!(status, 201, "{body}");
    let hidden = body["seq"].as_u64().expect("seq");

    let us = signed_in(&server, "us-form", "us-mfa", Role::Editor);
    let observer = signed_in(&server, "obs-form", "observers", Role::Editor);
    for (who, cookie, visibility, extra) in [
        ("US editor", &us, "internal:RU", None),
        ("US editor", &us, "internal:RU", Some(hidden.to_string())),
        ("observer", &observer, "bilateral", Some(hidden.to_string())),
    ] {
        for lang in ["en", "ru"] {
            let mut fields = vec![
                ("kind", "member_arrived".to_owned()),
                ("relation", "US-RU".to_owned()),
                ("member", "us-m-smith".to_owned()),
                // Past the horizon: a rule refusal of its own.
                ("date", "2099-06-01".to_owned()),
                ("visibility", visibility.to_owned()),
            ];
            if let Some(seq) = &extra {
                fields.push(("supersedes", seq.clone()));
            }
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, html) = browser_post(
                &server,
                &format!("/acts/new?lang={lang}"),
                Some(cookie),
                &fields,
                &[],
            );
            assert_ne!(status, 201, "{who} {visibility} {lang}: recorded");
            for secret in [
                "ru-secret-bar",
                "secret bar",
                "measure_imposed",
                "replacements",
            ] {
                assert!(
                    !html.contains(secret),
                    "{who} asking for {visibility} ({lang}) reads {secret:?}: {html}"
                );
            }
            assert!(
                !html.contains("меры") || !html.contains("запрещает замену"),
                "{who} ({lang}) reads the bar in Russian"
            );
        }
    }
}
