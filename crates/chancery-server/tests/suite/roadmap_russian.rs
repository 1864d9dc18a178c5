//! The sentences the domain says about a roadmap, a consular desk and a day the record's dates
//! cannot settle, on the demo's Russian pages: the Russian sentences, and none of the English.

use crate::common;

use chancery_accounts::{Role, TokenScope};
use common::{post, russian, start, visible};
use serde_json::json;

fn holds(text: &str, russian: &[&str], english: &[&str]) {
    for r in russian {
        assert!(text.contains(r), "no «{r}» on the page: {text}");
    }
    for e in english {
        assert!(!text.contains(e), "English «{e}» left on the page: {text}");
    }
}

#[test]
fn the_roadmap_explains_its_steps_in_russian() {
    let server = start(true);
    let text = visible(&russian(
        &server.url("/relations/US/RU/roadmap?as_of=2022-01-01"),
    ));
    holds(
        &text,
        &[
            "Шаг 1: ",
            " — снятие R",
            "Паритет меняется по показателям: ",
            "Генеральное консульство",
            "может возобновить работу после снятия меры",
            "в графе ответных мер",
        ],
        &[
            " lifts ",
            "Parity changes on",
            "No dimension of parity",
            "is the latest",
            "Unilateral:",
            "Comes after",
            "Assumed:",
            "Already covered",
            "answers graph",
            "may reopen",
            "may be returned",
            "is not a measure verdicts rest on",
            "Links lifted",
        ],
    );
}

#[test]
fn a_consular_desk_notes_its_figures_in_russian() {
    let server = start(true);
    let text = visible(&russian(
        &server.url("/relations/US/RU/consular?as_of=2022-01-01"),
    ));
    holds(
        &text,
        &[
            "данных о численности консульского персонала в записи нет: пропускная способность не рассчитана",
            "выдано за 2016: 136\u{a0}665; учтены: неиммиграционные визы всех категорий, средняя достоверность (источник: ",
            "совместный показатель; учтены также: Генеральное консульство США в Санкт-Петербурге",
        ],
        &[
            "local staff held to",
            "issued in ",
            "full support assumed",
            "no consular staff figure",
            "go unserved",
            "waits not simulated",
            "no source given",
            "together with",
            "confidence",
        ],
    );
}

#[test]
fn a_day_the_dates_cannot_settle_reads_in_russian() {
    let server = start(true);
    let text = visible(&russian(&server.url("/relations/US/RU?as_of=2021-04-10")));
    holds(
        &text,
        &["иначе John Sullivan — в должности и на месте, по событию от 2021-04"],
        &["иначе John Sullivan in post"],
    );
    let text = visible(&russian(
        &server.url("/relations/US/RU/posts/us-cg-vladivostok?as_of=2020-03-10"),
    ));
    holds(
        &text,
        &["на эту дату не установлено: открыто или работа приостановлена (дата события — 2020-03)"],
        &["uncertain on that day", "open or "],
    );
}

#[test]
fn a_scenario_and_its_post_read_in_russian() {
    let server = start(true);
    // Five local staff reported under the ban on local hires (R042, limit 0): held to none.
    let us = server.token_for("us-ed", "us-mfa", Role::Editor, TokenScope::Write);
    for act in [
        json!({"kind": "consular_staff_reported", "date": "2021-09-01",
               "post": "us-embassy-moscow", "officers": 10, "local_staff": 5,
               "estimate": true, "sources": ["a test figure"]}),
        json!({"kind": "consular_productivity_set", "date": "2021-09-01",
               "post": "us-embassy-moscow", "service": "emergency_citizen_services",
               "cases_per_officer_day": 50, "sources": ["a test figure"]}),
        json!({"kind": "consular_demand_reported", "date": "2021-09-01",
               "post": "us-embassy-moscow", "service": "emergency_citizen_services",
               "per_week": 900, "estimate": true, "sources": ["a test figure"]}),
    ] {
        let (status, body) = post(&server.url("/api/v1/acts"), Some(&us), &act);
        assert_eq!(status, 201, "{body}");
    }
    let text = visible(&russian(&server.url(
        "/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2021-10-01\
         &scenario=run&lift=r042&days=28&replications=1",
    )));
    holds(
        &text,
        &[
            "численность местного персонала — не более 0 согласно мере r042, действующей с 2021-08-01",
            "Пропускная способность в неделю = число консульских сотрудников",
            "один прогон: диапазона нет",
            "данные записи на 2021-10-01: консульских сотрудников — 10, местный персонал — 5 по сообщённым данным",
            "Модель книги записи запускается дважды",
        ],
        &[
            "local staff held to",
            "capacity per week =",
            "one replication",
            "figures of the record on",
            "the appointment-book model (queue::post)",
            "officer time =",
            "Poisson",
            "the book is filled by",
        ],
    );
}
