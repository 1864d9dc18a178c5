//! States named in the page's language, and the acts pages and error pages in Russian, against
//! the real server on the demo: the overview names the United States and Russia as the demo
//! records them in Russian; the acts list and an act's page keep no English label; a state
//! registered without Russian names (as journals were written before the field) still loads
//! and is named by its registered name; an error page speaks Russian.

use crate::common;

use common::{post, start, TOKEN};
use serde_json::json;

const DATE: &str = "2025-06-01";

/// (status, body) of a GET in Russian, chosen by `Accept-Language` as a browser would.
fn russian(url: &str) -> (u16, String) {
    match ureq::get(url)
        .set("Accept-Language", "ru-RU,ru;q=0.9")
        .call()
    {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn russian_page(url: &str) -> String {
    let (status, body) = russian(url);
    assert_eq!(status, 200, "GET {url}: {body}");
    body
}

/// The labels of the acts pages as English pages show them, each as the whole text of an
/// element (`>Kind<`), so record text quoted in a cell (written in English) does not count.
const ENGLISH_LABELS: &[&str] = &[
    ">Acts<",
    "Acts dated on or before",
    "in the order they were recorded",
    "aria-label=\"Filter acts\"",
    ">Kind<",
    ">any<",
    ">From<",
    ">To<",
    ">Text<",
    ">Filter<",
    ">Clear<",
    "matching act",
    "among acts",
    ">Date<",
    ">States<",
    ">What<",
    ">Ref.<",
    "aria-label=\"Pages\"",
    ">First page<",
    ">Next page<",
    "Continue searching",
    "Act #",
    ">Recorded<",
    ">Kind of act<",
    ">State<",
    ">Name<",
    ">Sources<",
    ">Note<",
    ">Visibility<",
    ">public<",
    "Other acts of this kind",
    ">link<",
    "state registered",
    "measure imposed",
];

fn assert_no_english(page: &str, what: &str) {
    let left: Vec<&&str> = ENGLISH_LABELS
        .iter()
        .filter(|l| page.contains(**l))
        .collect();
    assert!(left.is_empty(), "{what} keeps English labels {left:?}");
}

#[test]
fn the_overview_in_russian_names_the_states_in_russian() {
    let server = start(true);
    let ru = russian_page(&server.url(&format!("/relations/US/RU?as_of={DATE}")));
    assert!(ru.contains("Соединённые Штаты"), "{ru}");
    assert!(ru.contains("Россия"), "{ru}");
    // The heading names the relation by the states' names, not by the English ones.
    let title = ru.split("<title>").nth(1).unwrap_or_default();
    let title = title.split("</title>").next().unwrap_or_default();
    assert!(
        title.contains("Соединённые Штаты") && title.contains("Россия"),
        "{title}"
    );
    assert!(
        !title.contains("United States") && !title.contains("Russia"),
        "{title}"
    );

    // In English the states keep their registered names.
    let (_, en) = common::fetch(&server.url(&format!("/relations/US/RU?as_of={DATE}")));
    assert!(en.contains("United States") && en.contains("Russia"));
    assert!(!en.contains("Соединённые Штаты"));

    // The API lists the names beside the registered one.
    let (status, states) = common::get(&server.url("/api/v1/states"));
    assert_eq!(status, 200);
    let us = states["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "US")
        .unwrap()
        .clone();
    assert_eq!(us["name"], "United States");
    assert_eq!(us["names"]["ru"], "Соединённые Штаты");
}

#[test]
fn the_acts_list_and_an_acts_page_in_russian_keep_no_english_label() {
    let server = start(true);
    let list = russian_page(&server.url(&format!("/acts?as_of={DATE}")));
    assert!(list.contains("<h1>Записи</h1>"), "{list}");
    assert!(
        list.contains("Найдено 50 записей в диапазоне № 1–50"),
        "{list}"
    );
    assert!(list.contains("Государство зарегистрировано"), "{list}");
    // The state filters name the states in Russian.
    assert!(list.contains(">Соединённые Штаты</option>"), "{list}");
    // So does the column of the states each act names.
    assert!(list.contains("<td>Соединённые Штаты</td>"), "{list}");
    assert!(!list.contains("<td>US</td>"), "{list}");
    // What an act is about, without the English key of its subject.
    assert!(!list.contains("state:US"), "{list}");
    assert_no_english(&list, "the acts list");

    // Act 1 registers the United States: its fields by their Russian labels, the state by its
    // Russian name, and its Russian name under the language it is written in.
    let act = russian_page(&server.url(&format!("/acts/1?as_of={DATE}")));
    assert!(
        act.contains("<h1>Запись № 1: Государство зарегистрировано</h1>"),
        "{act}"
    );
    assert!(act.contains("<dt>Вид записи</dt>"), "{act}");
    assert!(act.contains("<dd>Соединённые Штаты</dd>"), "{act}");
    assert!(act.contains("<dt>Написание (ru)</dt>"), "{act}");
    assert!(act.contains("Другие записи этого вида"), "{act}");
    assert_no_english(&act, "an act's page");

    // A measure: its kind and its vocabulary by their labels, never the codes.
    let measures = russian_page(&server.url(&format!("/acts?kind=measure_imposed&as_of={DATE}")));
    assert!(measures.contains("Найдено"), "{measures}");
    let seq = measures
        .split("href=\"/acts/")
        .nth(1)
        .and_then(|s| s.split('?').next())
        .expect("a measure's act");
    let measure = russian_page(&server.url(&format!("/acts/{seq}?as_of={DATE}")));
    assert_no_english(&measure, "a measure's page");
    for code in ["measure_imposed", "expulsion", "all_staff", "bilateral"] {
        let shown = format!("<dd>{code}</dd>");
        assert!(
            !measure.contains(&shown),
            "{code} shown as a code: {measure}"
        );
    }

    // The English pages read as they did.
    let (_, en) = common::fetch(&server.url(&format!("/acts/1?as_of={DATE}")));
    assert!(en.contains("<h1>Act #1: state registered</h1>"), "{en}");
    assert!(en.contains("<dd>US</dd>"), "{en}");
    let (_, en) = common::fetch(&server.url(&format!("/acts?as_of={DATE}")));
    assert!(en.contains("<td>US</td>"), "{en}");
    // What an act is about, in words (the subject's key is never shown): the state's name,
    // once.
    assert!(en.contains("<td>United States</td>"), "{en}");
    assert!(!en.contains("state:US"), "{en}");
    assert!(en.contains("50 matching acts among acts #1–#50 of"), "{en}");
}

#[test]
fn a_state_registered_without_names_still_loads_and_keeps_its_name() {
    let server = start(true);
    // The shape every journal holds from before the field: no `names`.
    let (status, body) = post(
        &server.url("/api/v1/acts"),
        Some(TOKEN),
        &json!({"kind": "state_registered", "date": "2008", "state": "FR", "name": "France"}),
    );
    assert_eq!(status, 201, "{body}");
    let (_, states) = common::get(&server.url("/api/v1/states"));
    let fr = states["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "FR")
        .unwrap()
        .clone();
    assert_eq!(fr["name"], "France");
    assert_eq!(fr["names"], json!({}));
    // A Russian page has no Russian name for it: it shows the registered one, never the code.
    let list = russian_page(&server.url(&format!("/acts?as_of={DATE}")));
    assert!(list.contains(">France</option>"), "{list}");
    assert!(list.contains(">Россия</option>"), "{list}");

    let image = server.chancery.image();
    assert_eq!(
        image.state_name("FR".parse().unwrap(), "ru").as_deref(),
        Some("France")
    );
    assert_eq!(
        image.state_name("RU".parse().unwrap(), "ru").as_deref(),
        Some("Россия")
    );
    drop(image);

    // Replay reads a journal's act as stored, without the input checks: the old shape too.
    let stored = chancery_domain::Act::from_stored_json(
        json!({"kind": "state_registered", "date": "2008", "state": "FR", "name": "France"}),
    )
    .expect("an act stored before `names` reads");
    let mut image = chancery_domain::Image::new();
    image.record(&stored, 0).expect("and replays");
    assert_eq!(
        image.states_in("ru"),
        vec![("FR".parse().unwrap(), "France".to_owned())]
    );
    assert_eq!(
        stored.to_json()["names"],
        serde_json::Value::Null,
        "and is stored as it was"
    );
}

#[test]
fn error_pages_speak_russian() {
    let server = start(true);
    let (status, body) = russian(&server.url("/no-such-page"));
    assert_eq!(status, 404);
    assert!(body.contains("Не найдено"), "{body}");
    assert!(
        body.contains("Страницы по адресу /no-such-page нет."),
        "{body}"
    );
    assert!(!body.contains("There is no page"), "{body}");
    assert!(!body.contains("Not found"), "{body}");

    let (status, body) = russian(&server.url(&format!("/acts/999999?as_of={DATE}")));
    assert_eq!(status, 404);
    assert!(body.contains("Записи № 999999 нет."), "{body}");
    assert!(!body.contains("no act #"), "{body}");

    let (status, body) = russian(&server.url(&format!("/acts?order=sideways&as_of={DATE}")));
    assert_eq!(status, 400);
    assert!(body.contains("Неверный запрос"), "{body}");
    assert!(
        body.contains("Порядок «sideways» для списка записей не предусмотрен."),
        "{body}"
    );
    assert!(!body.contains("is not an order"), "{body}");

    let (status, body) = russian(&server.url(&format!("/relations/XX1/RU?as_of={DATE}")));
    assert_eq!(status, 404);
    assert!(
        body.contains("«XX1» не является кодом государства"),
        "{body}"
    );
    assert!(!body.contains("is not a state code"), "{body}");
    for page in ["roadmap", "what-if"] {
        let (status, body) =
            russian(&server.url(&format!("/relations/XX1/RU/{page}?as_of={DATE}")));
        assert_eq!(status, 404, "{page}");
        assert!(
            body.contains("«XX1» не является кодом государства"),
            "{page}: {body}"
        );
    }

    let (status, body) = russian(&server.url(&format!("/relations/US/FR?as_of={DATE}")));
    assert_eq!(status, 404);
    assert!(
        body.contains("Государство с кодом FR не зарегистрировано."),
        "{body}"
    );
    assert!(!body.contains("is not registered"), "{body}");

    // A refusal of the layer before the pages: recording without signing in.
    let refused = match ureq::post(&server.url("/acts/new"))
        .set("Accept-Language", "ru")
        .send_form(&[("kind", "state_registered")])
    {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("POST /acts/new: {e}"),
    };
    let (status, body) = refused;
    assert!(status == 401 || status == 403, "{status}: {body}");
    assert!(body.contains("Нет доступа"), "{body}");
    assert!(
        body.contains("Войдите в систему") || body.contains("Запрос с другого сайта отклонён"),
        "{body}"
    );
    assert!(!body.contains("sign in, or send"), "{body}");
    assert!(!body.contains("cross-origin request refused"), "{body}");

    // In English, as before.
    let (status, body) = common::fetch(&server.url("/no-such-page"));
    assert_eq!(status, 404);
    assert!(
        body.contains("There is no page at /no-such-page."),
        "{body}"
    );
}
