//! Review 4: the consular desk pages with hostile names, cities and routed-to cities.

use crate::common;

use common::start;
use serde_json::json;

#[test]
fn r4_desk_pages_escape_names_and_cities() {
    let server = start(true);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let x = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    let a = json!({"kind": "post_opened", "date": "2020-01-01", "post": "xss-post",
                   "sending": "US", "host": "RU", "post_kind": "consulate",
                   "name": format!("Consulate {x}"), "city": format!("City {x}")});
    let act = chancery_domain::Act::from_json(a).unwrap();
    rt.block_on(server.chancery.record_unchecked(act, "test:xss"))
        .unwrap();
    for path in [
        "/relations/US/RU/consular?as_of=2022-01-01",
        "/relations/US/RU/posts/xss-post/consular?as_of=2022-01-01",
        "/relations/US/RU/posts/%3Cscript%3Ealert(1)%3C%2Fscript%3E/consular",
        "/relations/US/RU/posts/%3Cimg%20src=x%3E/consular",
    ] {
        let body = ureq::get(&server.url(path))
            .call()
            .map(|r| r.into_string().unwrap_or_default())
            .unwrap_or_else(|e| match e {
                ureq::Error::Status(_, r) => r.into_string().unwrap_or_default(),
                e => format!("{e}"),
            });
        assert!(
            body.contains("xss-post") || body.contains("script") || body.contains("img"),
            "{path}: {body}"
        );
        for raw in ["<script>alert(1)", "<img src=x"] {
            assert!(!body.contains(raw), "{path}: unescaped {raw}");
        }
    }
}
