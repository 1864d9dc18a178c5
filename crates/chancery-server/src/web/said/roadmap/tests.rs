//! Every roadmap sentence worded through the messages: in English exactly the domain's
//! `explanation` and assumption `text`, in Russian other sentences, free of the English
//! template's words and of message ids.

use std::collections::BTreeMap;

use chancery_domain::ids::{CommitmentId, MeasureId, PostId, PremisesId};
use chancery_domain::names::Names as OtherNames;
use chancery_domain::reciprocity::consequences::AssumptionSaid;
use chancery_domain::reciprocity::roadmap::{
    CoverSaid, LiftedSaid, LinkSaid, Need, ParitySaid, SideSaid, StepSaid, WhySaid,
};
use chancery_domain::rules::RuleCode;
use chancery_domain::vocab::{Capacity, CommitmentStatus, MeasureKind};
use chancery_domain::{CivilDate, StateCode};

use super::{assumption, method, step};
use crate::web::pages::Names;
use crate::web::{Ctx, Lang, Scope};

fn ctx(lang: Lang) -> Ctx {
    Ctx::new(CivilDate::from_days_since_epoch(0), None).scoped(Scope::PUBLIC.in_lang(lang))
}

fn st(s: &str) -> StateCode {
    s.parse().expect("a state code")
}

fn names() -> Names {
    BTreeMap::from([
        (st("US"), "Соединённые Штаты".to_owned()),
        (st("RU"), "Россия".to_owned()),
    ])
}

fn assumptions() -> Vec<AssumptionSaid> {
    let measure: MeasureId = "m9".parse().expect("an id");
    vec![
        AssumptionSaid::PostReopened {
            post: "ru-cg-sf".parse::<PostId>().expect("an id"),
            name: "Consulate General in San Francisco".into(),
            names: OtherNames::from_pairs([("ru", "Генеральное консульство в Сан-Франциско")])
                .expect("names"),
            measure: measure.clone(),
        },
        AssumptionSaid::PremisesReturned {
            premises: "ru-killenworth".parse::<PremisesId>().expect("an id"),
            name: "Killenworth".into(),
            measure,
        },
        AssumptionSaid::LiftRefused {
            measure: "R062".into(),
            code: RuleCode::ALL[0],
        },
    ]
}

/// Steps between them holding every variant of every part.
fn steps() -> Vec<StepSaid> {
    let lifted = |name: &str, kind| LiftedSaid {
        name: name.into(),
        kind,
        effective: "2017-09-01".parse().expect("a date"),
    };
    let whys = vec![
        WhySaid::Latest {
            latest: "R063".into(),
        },
        WhySaid::Joined {
            latest: "R063".into(),
            joined: "R050".into(),
        },
        WhySaid::Unilateral {
            measure: "R070".into(),
        },
        WhySaid::NotReciprocity {
            measure: "R071".into(),
            capacity: Capacity::HostGovernment,
            actor: st("US"),
        },
        WhySaid::NotReciprocity {
            measure: "R072".into(),
            capacity: Capacity::LocalAuthority,
            actor: st("RU"),
        },
    ];
    whys.into_iter()
        .enumerate()
        .map(|(i, why)| {
            let full = i % 2 == 0;
            StepSaid {
                order: i + 1,
                sides: vec![
                    SideSaid {
                        actor: st("RU"),
                        measures: vec![
                            lifted("R062", MeasureKind::StaffCap),
                            lifted("R064", MeasureKind::PostClosure),
                        ],
                    },
                    SideSaid {
                        actor: st("US"),
                        measures: vec![lifted("R063", MeasureKind::ConsularServiceRestriction)],
                    },
                ],
                why,
                links: if full {
                    vec![
                        LinkSaid::Answers {
                            measure: "R063".into(),
                            answered: "R040".into(),
                            step: 4,
                        },
                        LinkSaid::AnsweredBy {
                            answer: "R080".into(),
                            measure: "R062".into(),
                            step: 5,
                        },
                    ]
                } else {
                    Vec::new()
                },
                needs: if full {
                    vec![
                        (Need::Visas, vec![2]),
                        (Need::LocalHiring, vec![2, 3]),
                        (Need::Premises, vec![4]),
                    ]
                } else {
                    Vec::new()
                },
                assumptions: if full { assumptions() } else { Vec::new() },
                parity: if full {
                    vec![
                        ParitySaid {
                            key: "staff_cap",
                            label: "Staff cap",
                        },
                        ParitySaid {
                            key: "posts_consular",
                            label: "Consular posts open",
                        },
                    ]
                } else {
                    Vec::new()
                },
                covered: if full {
                    vec![
                        CoverSaid {
                            commitment: "c-1".parse::<CommitmentId>().expect("an id"),
                            status: CommitmentStatus::InProgress,
                            lifts: true,
                        },
                        CoverSaid {
                            commitment: "c-2".parse::<CommitmentId>().expect("an id"),
                            status: CommitmentStatus::Open,
                            lifts: false,
                        },
                    ]
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// The words (ASCII letters, four or more) of an English sentence, less those the record
/// gives (references, names as recorded).
fn english_words(english: &str) -> Vec<String> {
    const RECORDED: &[&str] = &["Killenworth", "Consulate", "General", "Francisco"];
    english
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4 && !RECORDED.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn english_is_the_domains_explanation() {
    let en = ctx(Lang::En);
    for s in steps() {
        assert_eq!(step(&en, &names(), &s), s.english());
    }
    for a in assumptions() {
        assert_eq!(assumption(&en, &a), a.english());
    }
    assert_eq!(method(&en), chancery_domain::reciprocity::roadmap::METHOD);
    let ru = method(&ctx(Lang::Ru));
    for w in english_words(chancery_domain::reciprocity::roadmap::METHOD) {
        assert!(!ru.contains(&w), "`{w}` left in {ru}");
    }
}

#[test]
fn russian_is_russian_throughout() {
    let ru = ctx(Lang::Ru);
    for s in steps() {
        let said = step(&ru, &names(), &s);
        assert!(
            said.starts_with(&format!("Шаг {}: Россия — снятие R062 (", s.order)),
            "{said}"
        );
        assert!(!said.contains("roadmap-said"), "{said}");
        for w in english_words(&s.english()) {
            assert!(!said.contains(&w), "`{w}` left in {said}");
        }
    }
    let full = &steps()[0];
    let said = step(&ru, &names(), full);
    for part in [
        "Мера R063 — последняя из этих действующих мер",
        "R063 — ответ на R040 (шаг 4); R080 — ответ на R062 (шаг 5).",
        "Следует после шага 2: прежде чем воспользоваться повышенным потолком",
        "Следует после шагов 2, 3: консульское обслуживание",
        "Допущение: Генеральное консульство в Сан-Франциско может возобновить работу после снятия меры m9",
        "Паритет меняется по показателям: Потолок численности персонала, Открытые консульские учреждения.",
        "Уже предусмотрено обязательством c-1 (выполняется), в котором обещано снятие мер этого шага.",
    ] {
        assert!(said.contains(part), "no «{part}» in {said}");
    }
    let host = step(&ru, &names(), &steps()[3]);
    assert!(
        host.contains("мера символическая или малодостоверная")
            && host.contains("уступкой государства Соединённые Штаты"),
        "{host}"
    );
    for a in assumptions() {
        let said = assumption(&ru, &a);
        for w in english_words(&a.english()) {
            assert!(!said.contains(&w), "`{w}` left in {said}");
        }
    }
}

#[test]
fn the_demos_roadmaps_read_as_the_domain_says_them() {
    use chancery_app::Chancery;
    use chancery_domain::image::timeline::View;
    use chancery_domain::reciprocity::parity::Definition;
    use chancery_domain::Reader;

    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
    let image = chancery.image();
    let (en, ru) = (ctx(Lang::En), ctx(Lang::Ru));
    let mut steps = 0;
    for year in [2017, 2018, 2022, 2026] {
        let on = CivilDate::from_ymd(year, 1, 1).expect("a date");
        let roadmap = image
            .roadmap(
                st("US"),
                st("RU"),
                View::whole_record(on, Reader::Public),
                &Definition::default(),
            )
            .expect("a roadmap");
        for s in &roadmap.steps {
            steps += 1;
            assert_eq!(step(&en, &names(), &s.said), s.explanation);
            for (a, said) in s.assumptions.iter().zip(&s.said.assumptions) {
                assert_eq!(assumption(&en, said), a.text);
            }
            let russian = step(&ru, &names(), &s.said);
            // Measures and posts are named as recorded; only the template's words must go.
            for w in [
                "lifts",
                "Parity",
                "Assumed",
                "Comes",
                "answers graph",
                "latest",
                "covered",
            ] {
                assert!(!russian.contains(w), "`{w}` left in {russian}");
            }
        }
    }
    assert!(steps > 10, "the demo's roadmaps have steps: {steps}");
}
