//! The sentences the domain says about a roadmap, a consular desk and a day the record's dates
//! cannot settle, on the demo's Russian pages: the Russian sentences, and none of the English.

#[allow(dead_code)] // the helpers are shared with the other server tests
mod common;

use common::start;

fn russian(url: &str) -> String {
    let r = match ureq::get(url)
        .set("Accept-Language", "ru-RU,ru;q=0.9")
        .call()
    {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            panic!("GET {url}: {code} {}", r.into_string().unwrap_or_default())
        }
        Err(e) => panic!("GET {url}: {e}"),
    };
    r.into_string().unwrap_or_default()
}

/// The text a reader sees: the body without its tags.
fn visible(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    maud_unescaped(&out)
}

/// The few entities maud writes for text.
fn maud_unescaped(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

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
