//! Every parity sentence worded through the messages: in English exactly the domain's text (so
//! every argument reaches its message), in Russian another sentence, free of the English
//! template's words and of message ids.

use crate::web::said::english_words::{self, latin_words};
use std::collections::{BTreeMap, BTreeSet};

use chancery_app::Chancery;
use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::parity::{
    Charge, ClaimSaid, ClocksSaid, ComparisonSaid, Definition, Dimension, NotCounted, NoteSaid,
    Outcome, Parity, StaffDefinition, Value, ValueSaid, WhyNot,
};
use chancery_domain::staff::{PredatedEvent, Predates};
use chancery_domain::vocab::{Bound, Capacity, ConsularService, Counting, ServiceLevel};
use chancery_domain::{CivilDate, Image, Reader, StateCode, ValidDate};
use chancery_generate::{generate, WorldSpec};

use super::{comparison, definition, notes, value, Words};
use crate::web::pages::{names, Names};
use crate::web::{Ctx, Lang, Scope};

fn ctx(lang: Lang) -> Ctx {
    Ctx::new(CivilDate::from_days_since_epoch(0), None).scoped(Scope::PUBLIC.in_lang(lang))
}

fn st(s: &str) -> StateCode {
    s.parse().expect("a state code")
}

fn date(s: &str) -> ValidDate {
    s.parse().expect("a date")
}

/// The words of the English messages' text, outside placeables.
fn template_words() -> BTreeSet<String> {
    english_words::template_words(include_str!("../../../../locales/en/phrases-parity.ftl"))
}

/// The record's own text a sentence quotes (measure labels, names of people and posts, a
/// status the record words), which stays as recorded in any language: the quoted strings of
/// its structure.
fn record_words(said: &str, names: &Names) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for (i, part) in said.split('"').enumerate() {
        if i % 2 == 1 {
            words.extend(latin_words(part));
        }
    }
    for name in names.values() {
        words.extend(latin_words(name));
    }
    words
}

struct Checker {
    template: BTreeSet<String>,
    en: Ctx,
    ru: Ctx,
    faults: Vec<String>,
    /// How many sentences were checked.
    seen: usize,
}

impl Checker {
    fn new() -> Self {
        Checker {
            template: template_words(),
            en: ctx(Lang::En),
            ru: ctx(Lang::Ru),
            faults: Vec::new(),
            seen: 0,
        }
    }

    /// One sentence: its English wording against the domain's, its Russian one on its own.
    fn sentence(&mut self, english: &str, worded: &str, russian: &str, said: &str, names: &Names) {
        self.seen += 1;
        if worded != english {
            self.faults
                .push(format!("en: {worded:?} is not {english:?}"));
        }
        if russian == english || russian.contains('{') || russian.contains("parity-") {
            self.faults
                .push(format!("ru: {russian:?} is not a Russian sentence"));
        }
        let allowed = record_words(said, names);
        let left: Vec<String> = latin_words(russian)
            .into_iter()
            .filter(|w| self.template.contains(w) && !allowed.contains(w))
            .collect();
        if !left.is_empty() {
            self.faults.push(format!("ru: {russian:?} keeps {left:?}"));
        }
        if !russian.chars().any(|c| ('а'..='я').contains(&c)) {
            self.faults.push(format!("ru: {russian:?} has no Cyrillic"));
        }
    }

    fn value(&mut self, v: &Value, names: &Names) {
        let (en, ru) = (value(&self.en, names, v), value(&self.ru, names, v));
        self.sentence(&v.text, &en, &ru, &format!("{:?}", v.said), names);
        let (en, ru) = (notes(&self.en, names, v), notes(&self.ru, names, v));
        if en.len() != v.notes.len() {
            self.faults.push(format!("{:?}: notes {en:?}", v.notes));
        }
        for ((text, (en, ru)), said) in v.notes.iter().zip(en.iter().zip(&ru)).zip(&v.notes_said) {
            self.sentence(text, en, ru, &format!("{said:?}"), names);
        }
    }

    fn dimension(&mut self, d: &Dimension, names: &Names) {
        for v in d.values.values() {
            self.value(v, names);
        }
        let (en, ru) = (
            comparison(&self.en, names, d),
            comparison(&self.ru, names, d),
        );
        let said = format!("{:?} {:?}", d.said, d.values);
        self.sentence(&d.comparison, &en, &ru, &said, names);
    }

    fn parity(&mut self, p: &Parity, names: &Names) {
        let def = &p.definition;
        let (en, ru) = (
            definition(&self.en, def.staff, def.include_io),
            definition(&self.ru, def.staff, def.include_io),
        );
        self.sentence(&def.text, &en, &ru, "", names);
        for d in &p.dimensions {
            self.dimension(d, names);
        }
    }

    fn done(self, at_least: usize) {
        assert!(self.faults.is_empty(), "{:#?}", self.faults);
        assert!(self.seen >= at_least, "only {} sentences seen", self.seen);
    }
}

/// Parity of every relation among `states` on the first of every `step`-th month, under both
/// staff definitions.
fn check_over(image: &Image, readers: &[Reader], (from, to): (i32, i32), step: usize) -> Checker {
    let names = names(image, crate::web::i18n::Lang::En);
    let states: Vec<StateCode> = image.states().into_iter().map(|(s, _)| s).collect();
    let mut checker = Checker::new();
    let mut seen = BTreeSet::new();
    for year in from..=to {
        for month in (1..=12).step_by(step) {
            let Some(on) = CivilDate::from_ymd(year, month, 1) else {
                continue;
            };
            for reader in readers {
                for (i, a) in states.iter().enumerate() {
                    for b in &states[i + 1..] {
                        for staff in [StaffDefinition::All, StaffDefinition::Diplomatic] {
                            let def = Definition {
                                staff,
                                include_io: staff == StaffDefinition::All,
                            };
                            let view = View::whole_record(on, *reader);
                            let Ok(p) = image.parity(*a, *b, view, &def) else {
                                continue;
                            };
                            // The same answer on another day is checked once.
                            let key: Vec<String> =
                                p.dimensions.iter().map(|d| d.comparison.clone()).collect();
                            if seen.insert(key) {
                                checker.parity(&p, &names);
                            }
                        }
                    }
                }
            }
        }
    }
    checker
}

#[test]
fn every_parity_sentence_of_the_demo_is_worded_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
    let image = chancery.image();
    let mut readers = vec![Reader::Public, Reader::Mediator];
    readers.extend(image.states().into_iter().map(|(s, _)| Reader::Party(s)));
    check_over(&image, &readers, (2013, 2026), 2).done(200);
}

#[test]
fn every_parity_sentence_of_a_generated_world_is_worded_in_both_languages() {
    let spec = WorldSpec {
        states: 4,
        years: 10,
        seed: 7,
        start_year: 2000,
    };
    let journal = generate(&spec).zip(1..).map(|(act, seq)| (seq, 0, act));
    let image = Image::replay(journal).expect("a generated journal replays");
    check_over(&image, &[Reader::Mediator], (2000, 2009), 4).done(200);
}

/// One of each figure, with both choices of every switch, so one the demo never says is
/// checked too.
fn sample_values() -> Vec<ValueSaid> {
    let charge = Some(Charge {
        person: "Andrei Ivanov".to_owned(),
        since: date("2024-10"),
    });
    let mut out = vec![
        ValueSaid::StaffAtLeast {
            n: 21,
            counting: Counting::Diplomatic,
        },
        ValueSaid::StaffUnknown {
            counting: Counting::SendingStateStaff,
        },
        ValueSaid::PostsUnknown,
        ValueSaid::PremisesUnknown,
        ValueSaid::AtParityUnknown {
            host: st("US"),
            counting: Counting::AllStaff,
            since: date("2017-09-01"),
        },
        ValueSaid::NoLimit,
        ValueSaid::NoCap,
        ValueSaid::NoneInForce,
        ValueSaid::InForce {
            n: 12,
            measures: vec!["us-travel-1 (R1)".to_owned(), "us-travel-2".to_owned()],
            more: 2,
        },
        ValueSaid::VisaClasses {
            offered: 2,
            of: 5,
            not: vec![
                (ConsularService::ImmigrantVisa, vec![]),
                (
                    ConsularService::NonimmigrantWork,
                    vec![("Warsaw".to_owned(), st("PL"))],
                ),
            ],
        },
        ValueSaid::VisaClassesUnknown {
            offered: 1,
            of: 5,
            unknown: vec![ConsularService::DiplomaticOfficial],
        },
        ValueSaid::NoConsularPost,
        ValueSaid::ServiceLevel {
            level: ServiceLevel::EmergencyOnly,
            at: "Embassy Moscow".to_owned(),
        },
        ValueSaid::ServiceUnknown { open: 3 },
        ValueSaid::HeadUnknown {
            charge: charge.clone(),
        },
        ValueSaid::HeadAwayUnreported {
            person: "Anatoly Antonov".to_owned(),
            charge: charge.clone(),
        },
        ValueSaid::HeadInPost {
            person: "Lynne Tracy".to_owned(),
            since: date("2023-01"),
            credentials: Some(date("2023-02-03")),
        },
        ValueSaid::HeadAway {
            person: "Anatoly Antonov".to_owned(),
            since: date("2021-04-20"),
            days: 42,
            charge: charge.clone(),
        },
        ValueSaid::HeadVacant {
            since: date("2024-10"),
            days: 1,
            charge: None,
        },
        ValueSaid::HeadUncertain {
            otherwise: "vacant".to_owned(),
            then: Box::new(ValueSaid::HeadVacant {
                since: date("2024-10"),
                days: 3,
                charge,
            }),
            pending: date("2024-Q4"),
        },
    ];
    for bound in Bound::ALL {
        out.push(ValueSaid::StaffReported {
            bound: *bound,
            value: 455,
            counting: Counting::AllStaff,
            date: date("2017-09-01"),
            age_days: 400,
        });
    }
    for (maybe, suspended, closed) in [(0, 0, 0), (2, 1, 3)] {
        out.push(ValueSaid::Posts {
            open: 4,
            maybe,
            suspended,
            closed,
        });
    }
    for stripped in [0, 2] {
        out.push(ValueSaid::Premises {
            usable: 3,
            barred: 1,
            seized: 2,
            stripped,
            host: st("US"),
        });
    }
    for (banned, includes_io, also) in [
        (false, false, vec![]),
        (true, true, vec![(7, Counting::Diplomatic)]),
    ] {
        out.push(ValueSaid::Capped {
            cap: if banned { 0 } else { 455 },
            counting: Counting::LocallyEmployed,
            includes_io,
            since: date("2017-09-01"),
            banned,
            also,
        });
    }
    for (since, latest) in [
        (None, None),
        (
            CivilDate::from_ymd(2013, 1, 1),
            Some((date("2020-03"), "ru-denial-1 (C4)".to_owned())),
        ),
    ] {
        out.push(ValueSaid::Denials {
            n: 3,
            host: st("RU"),
            since,
            latest,
        });
    }
    out
}

fn sample_notes() -> Vec<NoteSaid> {
    let mut out = vec![
        NoteSaid::AlsoReported {
            date: date("2017"),
            figures: vec![(Bound::About, 450), (Bound::Exact, 460)],
        },
        NoteSaid::AboveCap {
            cap: 455,
            by: "R012".to_owned(),
        },
        NoteSaid::LowerBound,
        NoteSaid::BasisLists { listed: 20, of: 31 },
        NoteSaid::PostUncertain {
            name: "Consulate General in Seattle".to_owned(),
            status: PostStatus::Closed,
            otherwise: "open".to_owned(),
            pending: date("2018-Q1"),
        },
        NoteSaid::PremisesUncertain {
            name: "Killenworth".to_owned(),
            status: PremisesStatus::AccessBarred,
            otherwise: "in use".to_owned(),
            pending: date("2016-12"),
        },
        NoteSaid::OwnClosure {
            n: 2,
            sending: st("US"),
            host: st("RU"),
        },
        NoteSaid::MeasuresOfKind { n: 3 },
        NoteSaid::Announced {
            measure: "us-cap-2".to_owned(),
            effective: date("2017-09-01"),
        },
        NoteSaid::DatedByPeriod {
            measure: "ru-denial-2".to_owned(),
        },
        NoteSaid::NoCases {
            sending: st("US"),
            host: st("RU"),
        },
        NoteSaid::CasesOwn { sending: st("RU") },
        NoteSaid::UnreportedLevels { n: 2 },
    ];
    for n in [1, 3] {
        out.push(NoteSaid::BeforeRecord { n });
    }
    for (counts, includes) in [(true, false), (false, true)] {
        out.push(NoteSaid::IoMismatch { counts, includes });
    }
    for known_by in [None, Some(date("2019"))] {
        out.push(NoteSaid::UncertainNotCounted {
            measure: "us-travel-3".to_owned(),
            known_by,
        });
    }
    for why in [
        NotCounted::Capacity(Capacity::Court),
        NotCounted::Symbolic,
        NotCounted::LowConfidence,
    ] {
        out.push(NoteSaid::InForceNotCounted {
            measure: "us-bank-1".to_owned(),
            why,
        });
        out.push(NoteSaid::OnRecordNotCounted {
            measure: "ru-denial-3".to_owned(),
            why,
        });
    }
    for claim in [ClaimSaid::Open, ClaimSaid::Disputed, ClaimSaid::Confirmed] {
        out.push(NoteSaid::MoreClaims {
            n: 2,
            claim,
            by: st("US"),
            host: st("RU"),
        });
    }
    for (uncertain, not_reported) in [(0, 0), (2, 1)] {
        out.push(NoteSaid::Clocks {
            cases: 5,
            sending: st("US"),
            host: st("RU"),
            clocks: ClocksSaid {
                met: 1,
                met_late: 1,
                overdue: 0,
                missed: 1,
                uncertain,
                not_reported,
            },
        });
    }
    for (days, low_confidence) in [(None, false), (Some(120), true)] {
        out.push(NoteSaid::Agrement {
            person: "John Sullivan".to_owned(),
            date: date("2019-10"),
            days,
            low_confidence,
        });
    }
    let predates = Predates {
        event: PredatedEvent::LowerCap,
        measure: "us-cap-1".parse().expect("an id"),
        external_ref: Some("R012".to_owned()),
        since: date("2017-09-01"),
        certain: true,
        at_most: Some(455),
        counting: Some(Counting::SendingStateStaff),
        bounds_figure: false,
        persons: None,
    };
    for p in [
        predates.clone(),
        Predates {
            event: PredatedEvent::Expulsion,
            persons: Some(35),
            certain: false,
            ..predates.clone()
        },
        Predates {
            event: PredatedEvent::LocalStaffBan,
            ..predates.clone()
        },
        Predates {
            at_most: None,
            ..predates
        },
    ] {
        out.push(NoteSaid::Predates(p));
    }
    out
}

fn sample_why_nots() -> Vec<WhyNot> {
    let (us, ru) = (st("US"), st("RU"));
    vec![
        WhyNot::BothUnknown(ru, us),
        WhyNot::Unknown(us),
        WhyNot::NotDefinition(ru),
        WhyNot::RangesOverlap,
        WhyNot::IoNotBilateral,
        WhyNot::PremisesUncertain(vec![ru]),
        WhyNot::PremisesUncertain(vec![ru, us]),
        WhyNot::BothWithholdAgrement,
        WhyNot::HeadAbsent {
            without: vec![ru],
            uncertain: vec![],
        },
        WhyNot::HeadAbsent {
            without: vec![ru, us],
            uncertain: vec![us],
        },
        WhyNot::AtParityNoFigure {
            capped: ru,
            other: us,
        },
        WhyNot::CountDifferent {
            states: [ru, us],
            countings: [
                vec![Counting::Diplomatic, Counting::Service],
                vec![Counting::AllStaff],
            ],
        },
        WhyNot::DifferentWays {
            states: [ru, us],
            limits: vec![
                (Counting::Diplomatic, 7, 9),
                (Counting::AdministrativeTechnical, 30, 25),
            ],
        },
    ]
}

/// A dimension saying `said` of two sample figures.
fn sample_dimension(said: ComparisonSaid) -> Dimension {
    let mut values = BTreeMap::new();
    values.insert(st("RU"), Value::known(Some(3), ValueSaid::NoneInForce));
    values.insert(
        st("US"),
        Value::known(
            Some(4),
            ValueSaid::InForce {
                n: 4,
                measures: vec!["ru-travel-1".to_owned()],
                more: 3,
            },
        ),
    );
    Dimension {
        key: "travel",
        label: "Travel rules",
        explanation: "",
        definition: String::new(),
        comparison: said.english(&values),
        values,
        outcome: Outcome::NotComparable,
        stricter: None,
        by_how_much: None,
        basis: Vec::new(),
        said,
    }
}

#[test]
fn every_kind_of_parity_sentence_is_worded_in_both_languages() {
    let names = Names::from([
        (st("US"), "United States".to_owned()),
        (st("RU"), "Russia".to_owned()),
        (st("PL"), "Poland".to_owned()),
    ]);
    let mut checker = Checker::new();
    for said in sample_values() {
        checker.value(&Value::known(None, said), &names);
    }
    let mut v = Value::known(None, ValueSaid::NoCap);
    for n in sample_notes() {
        v.note(n);
    }
    checker.value(&v, &names);
    let mut comparisons = vec![
        ComparisonSaid::Equal {
            states: [st("RU"), st("US")],
        },
        ComparisonSaid::NotComparable(sample_why_nots()),
    ];
    for (why, low_confidence_only) in [
        (vec![], false),
        (
            vec![NoteSaid::Agrement {
                person: "John Sullivan".to_owned(),
                date: date("2019-10"),
                days: None,
                low_confidence: false,
            }],
            true,
        ),
    ] {
        comparisons.push(ComparisonSaid::Stricter {
            host: st("RU"),
            worse: st("US"),
            better: st("RU"),
            why,
            low_confidence_only,
        });
    }
    for said in comparisons {
        checker.dimension(&sample_dimension(said), &names);
    }
    for why in sample_why_nots() {
        let d = sample_dimension(ComparisonSaid::NotComparable(vec![why]));
        checker.dimension(&d, &names);
    }
    for staff in [StaffDefinition::All, StaffDefinition::Diplomatic] {
        for include_io in [true, false] {
            let english = Definition { staff, include_io }.describe();
            let en = definition(&checker.en, staff, include_io);
            let ru = definition(&checker.ru, staff, include_io);
            checker.sentence(&english, &en, &ru, "", &names);
        }
    }
    checker.done(90);
}

#[test]
fn russian_plurals_agree_with_their_numbers() {
    let ru = ctx(Lang::Ru);
    let names = Names::new();
    let w = Words {
        ctx: &ru,
        names: &names,
    };
    let staff = |bound, value| {
        w.value(&ValueSaid::StaffReported {
            bound,
            value,
            counting: Counting::AllStaff,
            date: date("2017-09-01"),
            age_days: 0,
        })
    };
    assert!(staff(Bound::Exact, 455).starts_with("455 сотрудников ("));
    assert!(staff(Bound::Exact, 21).starts_with("21 сотрудник ("));
    assert!(staff(Bound::Exact, 3).starts_with("3 сотрудника ("));
    assert!(staff(Bound::About, 21).starts_with("около 21 сотрудника ("));
    assert!(staff(Bound::AtLeast, 455).starts_with("не менее 455 сотрудников ("));
    let in_force = |n| {
        w.value(&ValueSaid::InForce {
            n,
            measures: vec!["m".to_owned()],
            more: 0,
        })
    };
    assert_eq!(in_force(1), "действует 1 мера: m");
    assert_eq!(in_force(3), "действуют 3 меры: m");
    assert_eq!(in_force(11), "действуют 11 мер: m");
    assert_eq!(w.days(1), "1 день");
    assert_eq!(w.days(22), "22 дня");
    assert_eq!(w.days(90), "90 дней");
}
