//! Every consular note worded through the messages: in English exactly the domain's note, in
//! Russian another sentence with no English word of it left; and the demo's issuance counts
//! the same way.

use chancery_app::Chancery;
use chancery_domain::consular::capacity::WaitsFor;
use chancery_domain::consular::said::{CapacityNote, Run, ScenarioNote, WaitsSkipped};
use chancery_domain::ids::MeasureId;
use chancery_domain::image::timeline::View;
use chancery_domain::vocab::ConsularService;
use chancery_domain::{CivilDate, Reader, StateCode};

use super::{capacity_note, issued, scenario_note};
use crate::web::{Ctx, Lang, Scope};

fn ctx(lang: Lang) -> Ctx {
    Ctx::new(CivilDate::from_days_since_epoch(0), None).scoped(Scope::PUBLIC.in_lang(lang))
}

fn measure() -> MeasureId {
    "r042".parse().expect("an id")
}

fn capacity_notes() -> Vec<CapacityNote> {
    vec![
        CapacityNote::LimitUnsized { measure: measure() },
        CapacityNote::LocalStaffHeld {
            limit: 0,
            measure: measure(),
            since: "2021-08-01".parse().expect("a date"),
        },
        CapacityNote::LocalStaffUnreported,
        CapacityNote::NoStaffFigure,
        CapacityNote::StaffFigureOld {
            days: 402,
            date: "2020-11".parse().expect("a date"),
        },
        CapacityNote::Unserved {
            per_week: 21,
            service: ConsularService::ImmigrantVisa,
        },
        CapacityNote::WaitsNotSimulated(WaitsSkipped::Budget {
            applicants: 4_512_345.4,
            left: 12_000.0,
        }),
        CapacityNote::WaitsNotSimulated(WaitsSkipped::Model(
            "demand of 9000000000 a week is beyond the model".into(),
        )),
    ]
}

fn scenario_notes() -> Vec<ScenarioNote> {
    vec![
        ScenarioNote::LiftUnsized { measure: measure() },
        ScenarioNote::LiftStillBound {
            measure: measure(),
            limit: 10,
            binding: 1,
        },
        ScenarioNote::OneReplication,
        ScenarioNote::LocalStaffHeld { change: 0, to: 4 },
        ScenarioNote::RampFromFullSupport,
        ScenarioNote::NoWaits,
        ScenarioNote::NoAppointments {
            run: Run::Baseline,
            closed: 1,
            weeks: 21,
        },
        ScenarioNote::Unbooked {
            run: Run::Scenario,
            service: ConsularService::NonimmigrantVisitor,
            weeks: 5,
        },
    ]
}

/// ASCII words of four letters or more: English left in a Russian sentence (ids and figures
/// are shorter or carry digits).
fn english_words(english: &str) -> Vec<String> {
    english
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(str::to_owned)
        .collect()
}

fn russian_of(english: &str, russian: &str) {
    assert!(!russian.contains("consular-said"), "{russian}");
    assert_ne!(english, russian);
    for w in english_words(english) {
        assert!(
            !russian.contains(&w),
            "`{w}` of {english:?} left in {russian:?}"
        );
    }
}

#[test]
fn every_note_reads_as_the_domains_in_english_and_in_russian_otherwise() {
    let (en, ru) = (ctx(Lang::En), ctx(Lang::Ru));
    for n in capacity_notes() {
        assert_eq!(capacity_note(&en, &n), n.english());
        let said = capacity_note(&ru, &n);
        if !matches!(n, CapacityNote::WaitsNotSimulated(WaitsSkipped::Model(_))) {
            russian_of(&n.english(), &said);
        }
    }
    for n in scenario_notes() {
        assert_eq!(scenario_note(&en, &n), n.english());
        russian_of(&n.english(), &scenario_note(&ru, &n));
    }
    let old = capacity_note(&ru, &capacity_notes()[4]);
    assert!(
        old.contains("им 402 дня (по состоянию на 2020-11)"),
        "{old}"
    );
    let unserved = capacity_note(&ru, &capacity_notes()[5]);
    assert!(
        unserved.contains("остаётся 21 заявитель в неделю"),
        "{unserved}"
    );
    let budget = capacity_note(&ru, &capacity_notes()[6]);
    assert!(
        budget.contains("около 4\u{a0}512\u{a0}345 заявителей"),
        "{budget}"
    );
    let weeks = scenario_note(&ru, &scenario_notes()[6]);
    assert!(
        weeks.starts_with("Базовый вариант: в 1 из 21 недели"),
        "{weeks}"
    );
}

#[test]
fn the_demos_issuance_counts_read_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
    let image = chancery.image();
    let us: StateCode = "US".parse().expect("a code");
    let rs: StateCode = "RU".parse().expect("a code");
    let mut seen = 0;
    for year in [2016, 2019, 2022, 2025] {
        let on = CivilDate::from_ymd(year, 6, 1).expect("a date");
        // The page's day: the posts' names are read as the record stands then.
        let [en, ru] = [Lang::En, Lang::Ru]
            .map(|l| Ctx::new(on, Some((us, rs))).scoped(Scope::PUBLIC.in_lang(l)));
        let cap = image
            .consular_capacity_for(
                us,
                rs,
                View::whole_record(on, Reader::Public),
                WaitsFor::None,
            )
            .expect("capacity");
        for post in cap.missions.iter().flat_map(|m| &m.posts) {
            for i in &post.issued {
                seen += 1;
                assert_eq!(issued(&en, &image, i), i.text);
                let said = issued(&ru, &image, i);
                assert!(said.starts_with("выдано за "), "{said}");
                // Sources are addresses, kept as recorded.
                let bare = |t: &str| i.sources.iter().fold(t.to_owned(), |t, s| t.replace(s, ""));
                russian_of(&bare(&i.text), &bare(&said));
            }
            for n in &post.notes_said {
                assert_eq!(capacity_note(&en, n), n.english());
            }
            assert_eq!(
                post.notes,
                post.notes_said
                    .iter()
                    .map(CapacityNote::english)
                    .collect::<Vec<_>>()
            );
        }
    }
    assert!(seen > 0, "the demo records issuance counts");
}
