//! Every alert sentence worded through the messages: in English exactly the domain's `text`
//! (so every argument reaches its message), in Russian another sentence, free of the English
//! template's words and of message ids.

use crate::web::said::english_words::{self, latin_words};
use std::collections::BTreeSet;

use chancery_app::Chancery;
use chancery_domain::alerts::{Alert, AlertSaid, CaseSaid, DaySpan, MemberSaid, PngSaid};
use chancery_domain::consular::cases::ClockName;
use chancery_domain::diplist::Range;
use chancery_domain::image::timeline::View;
use chancery_domain::vocab::{CaseKind, Counting, StaffCategory};
use chancery_domain::{CivilDate, Image, Reader, StateCode};
use chancery_generate::{generate, WorldSpec};

use super::{alert, Record};
use crate::web::pages::{names, Names};
use crate::web::{Ctx, Lang, Scope};

fn ctx(lang: Lang) -> Ctx {
    Ctx::new(CivilDate::from_days_since_epoch(0), None).scoped(Scope::PUBLIC.in_lang(lang))
}

fn st(s: &str) -> StateCode {
    s.parse().expect("a state code")
}

fn day(s: &str) -> CivilDate {
    s.parse().expect("a date")
}

/// Every alert the readers have, on the first of every `step`-th month from `from` to `to`.
fn alerts_over(
    image: &Image,
    readers: &[Reader],
    (from, to): (i32, i32),
    step: usize,
) -> Vec<(StateCode, StateCode, Alert)> {
    let mut out = Vec::new();
    for year in from..=to {
        for month in (1..=12).step_by(step) {
            let Some(on) = CivilDate::from_ymd(year, month, 1) else {
                continue;
            };
            for reader in readers {
                let all = image.alerts_all(View::whole_record(on, *reader));
                out.extend(
                    all.relations
                        .into_iter()
                        .flat_map(|r| r.alerts.into_iter().map(move |x| (r.a, r.b, x))),
                );
            }
        }
    }
    out.sort_by(|x, y| x.2.text.cmp(&y.2.text));
    out.dedup_by(|x, y| x.2.text == y.2.text);
    out
}

/// The words of the English messages' text, outside placeables.
fn template_words() -> BTreeSet<String> {
    english_words::template_words(include_str!("../../../../locales/en/phrases-alerts.ftl"))
}

/// The record's own text in a sentence (names, a commitment's words, a measure's summary,
/// ids), which stays as recorded in any language.
fn record_words(s: &AlertSaid, names: &Names) -> BTreeSet<String> {
    let case = |c: &CaseSaid| format!("{} {}", c.case, c.city);
    let png = |p: &PngSaid| format!("{} {}", p.member.name, p.member.post);
    let text = match s {
        AlertSaid::ClockOverdue { case: c, .. }
        | AlertSaid::ClockDue { case: c, .. }
        | AlertSaid::ClockMayBeOverdue { case: c, .. } => case(c),
        AlertSaid::PngOverdue { png: p, .. }
        | AlertSaid::PngDue { png: p, .. }
        | AlertSaid::PngMayBeOverdue { png: p, .. } => png(p),
        AlertSaid::CapByMembers { measure, .. } | AlertSaid::HeadlineAboveCap { measure, .. } => {
            measure.to_string()
        }
        AlertSaid::CommitmentOverdue { text, .. } | AlertSaid::CommitmentDue { text, .. } => {
            text.clone()
        }
        AlertSaid::Vacant {
            charge_d_affaires, ..
        } => charge_d_affaires.clone().unwrap_or_default(),
        AlertSaid::StaffFigureStale { .. } => String::new(),
        AlertSaid::AgrementPending { person, .. } => person.clone(),
        AlertSaid::MeasureTakesEffect { summary, .. }
        | AlertSaid::MeasureExpires { summary, .. } => summary.clone(),
    };
    let mut words = latin_words(&text);
    for name in names.values() {
        words.extend(latin_words(name));
    }
    words
}

/// A sentence to check, the English the domain gave it, and its relation.
type Case = (AlertSaid, String, (StateCode, StateCode));

/// Each sentence checked in both languages; the faults found, one line each.
fn faults(cases: &[Case], image: &Image, names: &Names) -> Vec<String> {
    let template = template_words();
    let (en, ru) = (ctx(Lang::En), ctx(Lang::Ru));
    let view = View::whole_record(day("2100-01-01"), Reader::Mediator);
    let mut faults = Vec::new();
    for (s, text, relation) in cases {
        let record = Record {
            states: names,
            image,
            relation: *relation,
            view,
        };
        let worded = alert(&en, &record, s);
        if worded != *text {
            faults.push(format!("en: {worded:?} is not {text:?}"));
        }
        let russian = alert(&ru, &record, s);
        if russian == *text || russian.contains('{') || russian.contains("alert-said") {
            faults.push(format!("ru: {russian:?} is not a Russian sentence"));
        }
        let allowed = record_words(s, names);
        let english_left: Vec<String> = latin_words(&russian)
            .into_iter()
            .filter(|w| template.contains(w) && !allowed.contains(w))
            .collect();
        if !english_left.is_empty() {
            faults.push(format!("ru: {russian:?} keeps {english_left:?}"));
        }
        if !russian.chars().any(|c| ('а'..='я').contains(&c)) {
            faults.push(format!("ru: {russian:?} has no Cyrillic"));
        }
    }
    faults
}

fn check(alerts: &[(StateCode, StateCode, Alert)], image: &Image) {
    let cases: Vec<Case> = alerts
        .iter()
        .map(|(a, b, x)| (x.said.clone(), x.text.clone(), (*a, *b)))
        .collect();
    let faults = faults(&cases, image, &names(image, crate::web::Lang::En));
    assert!(faults.is_empty(), "{faults:#?}");
}

fn kinds(alerts: &[(StateCode, StateCode, Alert)]) -> BTreeSet<&'static str> {
    alerts.iter().map(|(_, _, x)| x.kind.as_str()).collect()
}

#[test]
fn every_alert_of_the_demo_is_worded_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
    let image = chancery.image();
    // Each party sees its own internal acts' alerts too.
    let mut readers = vec![Reader::Public, Reader::Mediator];
    readers.extend(image.states().into_iter().map(|(s, _)| Reader::Party(s)));
    let alerts = alerts_over(&image, &readers, (2013, 2026), 1);
    // The demo gives vacancies, persona non grata departures, caps, commitments, measures and
    // consular clocks: a test that saw a handful would prove little.
    assert!(kinds(&alerts).len() >= 6, "{:?}", kinds(&alerts));
    check(&alerts, &image);
}

#[test]
fn every_alert_of_a_generated_world_is_worded_in_both_languages() {
    let spec = WorldSpec {
        states: 8,
        years: 12,
        seed: 7,
        start_year: 2000,
    };
    let journal = generate(&spec).zip(1..).map(|(act, seq)| (seq, 0, act));
    let image = Image::replay(journal).expect("a generated journal replays");
    // A generated world records nothing internal: the mediator sees every relation's alerts.
    let alerts = alerts_over(&image, &[Reader::Mediator], (2000, 2011), 3);
    assert!(!alerts.is_empty(), "the world gives alerts");
    check(&alerts, &image);
}

/// One of each sentence, with imprecise dates and both choices of every switch, so a sentence
/// the demo never says is checked too.
fn samples() -> Vec<AlertSaid> {
    let case = CaseSaid {
        case: "case-1".parse().expect("an id"),
        kind: CaseKind::Arrest,
        city: "Yekaterinburg".to_owned(),
        date: "2020-03".parse().expect("a date"),
    };
    let png = PngSaid {
        member: MemberSaid {
            name: "Anna Petrova".to_owned(),
            category: StaffCategory::AdministrativeTechnical,
            sending: st("RU"),
            post: "ru-embassy-washington".parse().expect("an id"),
        },
        by: st("US"),
        declared: "2017-08-01".parse().expect("a date"),
        deadline: "2017-09".parse().expect("a date"),
    };
    let mut out = Vec::new();
    for clock in [
        ClockName::RightsInformation,
        ClockName::ConsularNotification,
        ClockName::ConsularAccess,
    ] {
        out.push(AlertSaid::ClockOverdue {
            clock,
            late: 3,
            case: case.clone(),
            due: day("2020-04-03"),
        });
        for tomorrow in [true, false] {
            out.push(AlertSaid::ClockDue {
                clock,
                tomorrow,
                case: case.clone(),
            });
        }
        out.push(AlertSaid::ClockMayBeOverdue {
            clock,
            case: case.clone(),
            earliest: day("2020-03-04"),
            due: day("2020-04-03"),
        });
    }
    for (least, most) in [(1, 1), (3, 32), (0, 29), (2, 21)] {
        let span = DaySpan { least, most };
        out.push(AlertSaid::PngOverdue {
            png: png.clone(),
            late: span,
        });
        out.push(AlertSaid::PngDue {
            png: png.clone(),
            left: span,
        });
        out.push(AlertSaid::Vacant {
            sending: st("RU"),
            host: st("US"),
            since: "2024-10".parse().expect("a date"),
            age: span,
            charge_d_affaires: (least > 1).then(|| "Andrei Ivanov".to_owned()),
        });
    }
    out.push(AlertSaid::PngDue {
        png: png.clone(),
        left: DaySpan::exact(0),
    });
    out.push(AlertSaid::PngMayBeOverdue {
        png,
        left: 15,
        late: 14,
    });
    for may in [true, false] {
        out.push(AlertSaid::CapByMembers {
            sending: st("RU"),
            host: st("US"),
            counted: Range {
                at_least: 455,
                at_most: 460,
            },
            counting: Counting::SendingStateStaff,
            may,
            cap: 455,
            since: "2017-09-01".parse().expect("a date"),
            measure: "us-cap-2017".parse().expect("an id"),
        });
    }
    let by = vec![st("US"), st("RU")];
    out.push(AlertSaid::CommitmentOverdue {
        by: by.clone(),
        late: 21,
        text: "return the dacha".to_owned(),
        due: "2011-06".parse().expect("a date"),
    });
    out.push(AlertSaid::CommitmentDue {
        by,
        due: "2011-06".parse().expect("a date"),
        text: "return the dacha".to_owned(),
    });
    out.push(AlertSaid::HeadlineAboveCap {
        sending: st("RU"),
        host: st("US"),
        date: "2018".parse().expect("a date"),
        value: 500,
        cap: 455,
        measure: "us-cap-2017".parse().expect("an id"),
    });
    out.push(AlertSaid::StaffFigureStale {
        sending: st("US"),
        host: st("RU"),
        value: 120,
        date: "2019-06".parse().expect("a date"),
        age: 401,
        on: day("2020-08-05"),
    });
    for age in [31, 42, 45] {
        out.push(AlertSaid::AgrementPending {
            person: "Lynne Tracy".to_owned(),
            sending: st("US"),
            host: st("RU"),
            since: "2022-10-01".parse().expect("a date"),
            age,
            norm: 30,
        });
    }
    out.push(AlertSaid::MeasureTakesEffect {
        actor: st("US"),
        target: st("RU"),
        effective: "2017-09".parse().expect("a date"),
        summary: "close the consulate".to_owned(),
    });
    out.push(AlertSaid::MeasureExpires {
        actor: st("RU"),
        target: st("US"),
        expires: "2018-03-31".parse().expect("a date"),
        summary: "a cap of 455".to_owned(),
    });
    out
}

/// Which sentence a value is: a new variant fails to compile here until it has a sample.
fn variant(s: &AlertSaid) -> usize {
    match s {
        AlertSaid::ClockOverdue { .. } => 0,
        AlertSaid::ClockDue { .. } => 1,
        AlertSaid::ClockMayBeOverdue { .. } => 2,
        AlertSaid::PngOverdue { .. } => 3,
        AlertSaid::PngDue { .. } => 4,
        AlertSaid::PngMayBeOverdue { .. } => 5,
        AlertSaid::CapByMembers { .. } => 6,
        AlertSaid::CommitmentOverdue { .. } => 7,
        AlertSaid::CommitmentDue { .. } => 8,
        AlertSaid::Vacant { .. } => 9,
        AlertSaid::HeadlineAboveCap { .. } => 10,
        AlertSaid::StaffFigureStale { .. } => 11,
        AlertSaid::AgrementPending { .. } => 12,
        AlertSaid::MeasureTakesEffect { .. } => 13,
        AlertSaid::MeasureExpires { .. } => 14,
    }
}

#[test]
fn every_sentence_is_worded_in_both_languages_with_imprecise_dates() {
    let samples = samples();
    let seen: BTreeSet<usize> = samples.iter().map(variant).collect();
    assert_eq!(seen, (0..15).collect(), "a sentence without a sample");
    let cases: Vec<Case> = samples
        .iter()
        .map(|s| (s.clone(), s.english(), (st("US"), st("RU"))))
        .collect();
    let names: Names = [
        (st("US"), "United States".to_owned()),
        (st("RU"), "Russia".to_owned()),
    ]
    .into_iter()
    .collect();
    let faults = faults(&cases, &Image::new(), &names);
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn russian_counts_of_days_take_their_plural_forms() {
    let ru = ctx(Lang::Ru);
    let (names, image) = (Names::new(), Image::new());
    let record = Record {
        states: &names,
        image: &image,
        relation: (st("US"), st("RU")),
        view: View::whole_record(day("2025-01-01"), Reader::Public),
    };
    let vacant = |least, most| {
        alert(
            &ru,
            &record,
            &AlertSaid::Vacant {
                sending: st("RU"),
                host: st("US"),
                since: "2024-10".parse().expect("a date"),
                age: DaySpan { least, most },
                charge_d_affaires: None,
            },
        )
    };
    assert!(vacant(1, 1).contains("(1 день)"), "{}", vacant(1, 1));
    assert!(vacant(3, 3).contains("(3 дня)"), "{}", vacant(3, 3));
    assert!(vacant(5, 5).contains("(5 дней)"), "{}", vacant(5, 5));
    assert!(
        vacant(3, 21).contains("от 3 до 21 дня"),
        "{}",
        vacant(3, 21)
    );
    assert!(
        vacant(3, 32).contains("от 3 до 32 дней"),
        "{}",
        vacant(3, 32)
    );
}
