//! Finding L4: bidirectional-override and zero-width characters were accepted in names and
//! shown raw (`Consulate \u{202e}gnp.exe\u{202c}`), and look-alike names passed unnoticed.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use serde_json::json;

#[test]
fn invisible_characters_are_refused_naming_the_field_and_look_alikes_are_marked() {
    let server = common::start(true);
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    let post = |name: &str, id: &str| {
        json!({"kind": "post_opened", "date": "2025-01-01", "post": id, "sending": "US",
               "host": "RU", "post_kind": "consulate", "name": name, "city": "Kazan"})
    };
    for bad in [
        "Consulate \u{202e}gnp.exe\u{202c}",
        "Consu\u{200b}late",
        "Consulate\u{2066}",
    ] {
        let (status, body) =
            common::post(&server.url("/api/v1/acts"), Some(&us), &post(bad, "bidi"));
        assert_eq!(status, 422, "{bad:?}: {body}");
        assert!(
            body.to_string().contains("name") && body.to_string().contains("U+"),
            "the refusal names the field and the character: {body}"
        );
    }
    // "Mоscow" with a Cyrillic о: recorded (it may be a real name), but marked wherever shown.
    let (status, body) = common::post(
        &server.url("/api/v1/acts"),
        Some(&us),
        &post("Consulate General Mоscow", "lookalike"),
    );
    assert_eq!(status, 201, "{body}");
    let page = ureq::get(&server.url("/relations/US/RU/posts/lookalike?as_of=2025-06-01"))
        .call()
        .expect("post page")
        .into_string()
        .unwrap();
    assert!(
        page.contains("mixed scripts") && page.contains("Latin and Cyrillic"),
        "the look-alike is marked on the post page"
    );
    let overview = ureq::get(&server.url("/relations/US/RU?as_of=2025-06-01"))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(overview.contains("mixed scripts"), "and on the overview");
    let genuine = common::post(
        &server.url("/api/v1/acts"),
        Some(&us),
        &post("Генеральное консульство", "cyrillic"),
    );
    assert_eq!(genuine.0, 201);
    let page = ureq::get(&server.url("/relations/US/RU/posts/cyrillic?as_of=2025-06-01"))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(
        !page.contains("mixed scripts"),
        "a name in one script is not marked"
    );
}
