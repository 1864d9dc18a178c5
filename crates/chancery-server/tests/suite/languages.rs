//! The pages' language against the real server: `Accept-Language` chooses it, the switch's
//! `?lang=` overrides it and leaves a cookie that keeps it, and every page says which headers
//! it varies by.

use crate::common;

use common::start;

struct Answer {
    status: u16,
    body: String,
    set_cookie: Vec<String>,
    vary: Vec<String>,
}

fn fetch(url: &str, headers: &[(&str, &str)]) -> Answer {
    let mut req = ureq::get(url);
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let r = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {url}: {e}"),
    };
    let all = |name: &str| -> Vec<String> { r.all(name).into_iter().map(str::to_owned).collect() };
    let (set_cookie, vary) = (all("set-cookie"), all("vary"));
    Answer {
        status: r.status(),
        set_cookie,
        vary,
        body: r.into_string().unwrap_or_default(),
    }
}

const PAGE: &str = "/relations/US/RU?as_of=2018-01-01";

#[test]
fn english_by_default_russian_when_the_browser_asks_for_it() {
    let server = start(true);
    let en = fetch(&server.url(PAGE), &[]);
    assert_eq!(en.status, 200);
    assert!(
        en.body.contains(r#"<html lang="en">"#),
        "{}",
        &en.body[..200]
    );
    assert!(en.body.contains(">Overview<"));

    let ru = fetch(
        &server.url(PAGE),
        &[("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")],
    );
    assert_eq!(ru.status, 200);
    assert!(ru.body.contains(r#"<html lang="ru">"#));
    assert!(ru.body.contains(">Обзор<"), "the navigation is in Russian");
    assert!(ru.body.contains("Показаны сведения на"));
    assert!(
        ru.set_cookie.is_empty(),
        "the browser's own choice is not stored: {:?}",
        ru.set_cookie
    );
    for answer in [&en, &ru] {
        assert!(
            answer
                .vary
                .iter()
                .any(|v| v.contains("accept-language") && v.contains("cookie")),
            "pages vary by the headers that choose their language: {:?}",
            answer.vary
        );
    }
}

#[test]
fn the_switch_overrides_the_browser_and_its_cookie_keeps_the_choice() {
    let server = start(true);
    let switched = fetch(
        &server.url(&format!("{PAGE}&lang=ru")),
        &[("Accept-Language", "en")],
    );
    assert!(switched.body.contains(r#"<html lang="ru">"#));
    let cookie = switched
        .set_cookie
        .iter()
        .find(|c| c.starts_with("chancery_lang=ru"))
        .unwrap_or_else(|| panic!("the switch leaves a cookie: {:?}", switched.set_cookie));
    assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"));

    let later = fetch(
        &server.url(PAGE),
        &[("Accept-Language", "en"), ("Cookie", "chancery_lang=ru")],
    );
    assert!(
        later.body.contains(r#"<html lang="ru">"#),
        "the cookie outweighs the browser"
    );

    let back = fetch(
        &server.url(&format!("{PAGE}&lang=en")),
        &[("Cookie", "chancery_lang=ru")],
    );
    assert!(
        back.body.contains(r#"<html lang="en">"#),
        "the switch outweighs the cookie"
    );
    assert!(back
        .set_cookie
        .iter()
        .any(|c| c.starts_with("chancery_lang=en")));
}

#[test]
fn the_switch_links_to_this_page_in_the_other_language_and_keeps_the_date() {
    let server = start(true);
    let en = fetch(&server.url(PAGE), &[]);
    assert!(
        en.body.contains(r#"href="?lang=ru&amp;as_of=2018-01-01""#),
        "the switch keeps the date"
    );
    assert!(en
        .body
        .contains(r#"<span aria-current="true" lang="en">English</span>"#));
}

#[test]
fn an_unknown_language_is_english_and_sets_nothing() {
    let server = start(true);
    let answer = fetch(
        &server.url(&format!("{PAGE}&lang=xx")),
        &[("Accept-Language", "de, fr;q=0.5")],
    );
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains(r#"<html lang="en">"#));
    assert!(answer.set_cookie.is_empty());
}

#[test]
fn the_api_answers_alike_whatever_the_language() {
    let server = start(true);
    let url = server.url("/api/v1/relations/US/RU/presence?as_of=2018-01-01");
    let en = fetch(&url, &[]);
    let ru = fetch(&format!("{url}&lang=ru"), &[("Accept-Language", "ru")]);
    assert_eq!(en.status, 200);
    assert_eq!(en.body, ru.body);
    assert!(ru.set_cookie.is_empty());
}

/// The page's visible text: tags and the contents of `<style>`, `<script>` and `<svg>` out.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let skip_to = ["<style", "<svg", "<script"]
            .iter()
            .find(|t| tag.starts_with(**t))
            .map(|t| format!("</{}>", &t[1..]));
        rest = match skip_to {
            Some(end) => tag.find(&end).map_or("", |i| &tag[i + end.len()..]),
            None => tag.find('>').map_or("", |i| &tag[i + 1..]),
        };
        out.push(' ');
    }
    out.push_str(rest);
    out
}

#[test]
fn the_overview_in_russian_shows_labels_never_codes() {
    let server = start(true);
    for date in ["2018-01-01", "2022-06-01", "2025-06-01"] {
        let page = fetch(
            &server.url(&format!("/relations/US/RU?as_of={date}")),
            &[("Accept-Language", "ru")],
        );
        assert_eq!(page.status, 200);
        let text = visible_text(&page.body);
        let words: std::collections::BTreeSet<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        for (vocabulary, codes) in chancery_server::web::i18n::vocabularies() {
            for code in codes.iter().filter(|c| c.contains('_')) {
                assert!(
                    !words.contains(code),
                    "{date}: the raw code `{code}` of {vocabulary} is shown"
                );
            }
        }
        for heading in [
            "Представительства",
            "Паритет",
            "Переговоры",
            "Индекс нормализации",
        ] {
            assert!(text.contains(heading), "{date}: no “{heading}”");
        }
    }
}
