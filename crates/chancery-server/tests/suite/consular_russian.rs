//! The consular desks in Russian, chosen by `Accept-Language`, on the demo: headings, table
//! heads, services, levels and case clocks in Russian words, and no code of a vocabulary or
//! of the domain in the text a reader sees.

use crate::common;

use common::{russian, start, visible};

/// Codes that must never reach a reader as they are: services, levels, steps, clocks.
const CODES: &[&str] = &[
    "emergency_only",
    "nonimmigrant_visitor",
    "immigrant_visa",
    "emergency_citizen_services",
    "detainee_visits",
    "consulate_notified",
    "access_granted",
    "informed_of_consular_rights",
    "rights_information",
    "consular_access",
    "met_late",
    "not_reported",
    "embassy_office",
    "consulate_general",
];

fn no_codes(text: &str) {
    for code in CODES {
        assert!(!text.contains(code), "raw code {code} shown: {text}");
    }
}

#[test]
fn the_relations_desk_reads_in_russian() {
    let server = start(true);
    let html = russian(&server.url("/relations/US/RU/consular?as_of=2022-01-01"));
    assert!(html.contains(r#"<html lang="ru">"#));
    let text = visible(&html);
    for words in [
        "Консульский обзор",
        "Загранучреждения: направляющее государство",
        "Пропускная способность в неделю",
        "Срок ожидания записи на приём, дней",
        "иммиграционные визы",
        "услуги не оказываются",
        "Венской конвенции о консульских сношениях",
        "Дела граждан",
        "Методика",
    ] {
        assert!(text.contains(words), "the desk lacks {words:?}: {text}");
    }
    // The domain's own notes and method are English still (marked `lang="en"`), so only the
    // page's own words are checked here.
    for english in [
        "Consular desk",
        "Capacity a week",
        "Nationals' cases",
        "Services, capacity",
    ] {
        assert!(!text.contains(english), "English left: {english:?}");
    }
    no_codes(&text);
}

#[test]
fn a_posts_desk_reads_in_russian_with_its_chart_and_form() {
    let server = start(true);
    let html =
        russian(&server.url("/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2022-01-01"));
    let text = visible(&html);
    for words in [
        "Консульский обзор: US Embassy Moscow",
        "Услуги, пропускная способность и сроки ожидания",
        "Сроки ожидания в ближайшие недели",
        "Проверить сценарий",
        "Сравнить с зарегистрированными данными",
        "Объём услуг во времени",
        "Объём консульских услуг в учреждении US Embassy Moscow во времени",
        "иммиграционные визы: услуги не оказываются",
    ] {
        assert!(
            text.contains(words),
            "the post's desk lacks {words:?}: {text}"
        );
    }
    no_codes(&text);
}

#[test]
fn a_scenarios_faults_are_in_russian() {
    let server = start(true);
    let html = russian(&server.url(
        "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2022-01-01&officers_to=many&scenario=run",
    ));
    let text = visible(&html);
    assert!(text.contains("Ошибка: «many» — не целое число."), "{text}");
}

#[test]
fn nationals_cases_and_their_clocks_read_in_russian() {
    let server = start(true);
    let html = russian(
        &server.url("/relations/US/RU/posts/ru-embassy-washington/consular?as_of=2019-01-01"),
    );
    let text = visible(&html);
    for words in [
        "Дело ru-us-2018-07-washington: Арест",
        "Правовое основание",
        "Уведомление консульского учреждения",
        "Венской конвенции о консульских сношениях",
    ] {
        assert!(text.contains(words), "the cases lack {words:?}: {text}");
    }
    no_codes(&text);
}
