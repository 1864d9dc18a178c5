//! The bundled US–Russia demo imports cleanly, and its answers match the sources
//! (data/sources/us-ru/timeline.md), checked by hand and written down here.

use chancery_domain::query::MeasureFilter;
use chancery_domain::scenario::Scenario;
use chancery_domain::{Image, StateCode};

use crate::common;
use common::{demo, demo_text, on, ru, us};

#[test]
fn demo_imports() {
    let image = demo();
    assert!(image.last_seq() > 150);
}

fn status_of(image: &Image, a: StateCode, b: StateCode, date: &str, post: &str) -> String {
    let p = image.presence(a, b, on(date)).unwrap();
    p.missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.id.as_str() == post)
        .map(|p| p.status.to_string())
        .unwrap_or_else(|| "absent".into())
}

#[test]
fn every_row_of_the_measures_table_is_in_the_demo() {
    let text = demo_text();
    let scenario = Scenario::parse(&text).unwrap();
    let refs: std::collections::BTreeSet<String> = scenario
        .acts
        .iter()
        .filter_map(|a| a.act.envelope.external_ref.clone())
        .collect();
    for n in 1..=80 {
        let r = format!("R{n:03}");
        assert!(refs.contains(&r), "{r} is missing from the demo");
    }
    let unsourced: Vec<usize> = scenario
        .acts
        .iter()
        .filter(|a| a.act.envelope.sources.is_empty())
        .map(|a| a.line)
        .collect();
    assert!(
        unsourced.is_empty(),
        "acts without sources at lines {unsourced:?}"
    );
}

#[test]
fn imprecise_dates_keep_their_precision() {
    let text = demo_text();
    let scenario = Scenario::parse(&text).unwrap();
    let date_of = |r: &str| {
        scenario
            .acts
            .iter()
            .find(|a| a.act.envelope.external_ref.as_deref() == Some(r))
            .map(|a| a.act.envelope.date.to_string())
    };
    assert_eq!(date_of("R003").as_deref(), Some("2014"));
    assert_eq!(date_of("R031").as_deref(), Some("2020-03"));
    assert_eq!(date_of("R032").as_deref(), Some("2020-12"));
    assert_eq!(date_of("R051").as_deref(), Some("2021-09"));
}

#[test]
fn the_455_cap_is_in_force_on_2018_01_01_against_the_us_mission() {
    let image = demo();
    let p = image.presence(us(), ru(), on("2018-01-01")).unwrap();
    let us_in_ru = &p.missions[0];
    assert_eq!((us_in_ru.sending, us_in_ru.host), (us(), ru()));
    assert!(us_in_ru
        .caps
        .iter()
        .any(|c| c.cap == 455 && c.external_ref.as_deref() == Some("R012")));
    assert!(
        p.missions[1].caps.is_empty(),
        "the US set no cap on the Russian mission"
    );
    let before = image.presence(us(), ru(), on("2017-07-27")).unwrap();
    assert!(
        before.missions[0].caps.is_empty(),
        "no cap before 28 Jul 2017"
    );
}

#[test]
fn consulate_closures_follow_the_record() {
    let image = demo();
    assert_eq!(
        status_of(&image, us(), ru(), "2018-03-28", "us-cg-st-petersburg"),
        "open"
    );
    assert_eq!(
        status_of(&image, us(), ru(), "2018-04-01", "us-cg-st-petersburg"),
        "closed"
    );
    assert_eq!(
        status_of(&image, us(), ru(), "2017-08-30", "ru-cg-san-francisco"),
        "open"
    );
    assert_eq!(
        status_of(&image, us(), ru(), "2017-09-03", "ru-cg-san-francisco"),
        "closed"
    );
    assert_eq!(
        status_of(&image, us(), ru(), "2018-04-03", "ru-cg-seattle"),
        "closed"
    );
    // From 2 Sep 2017 each side had three consulates (timeline.md §3).
    let p = image.presence(us(), ru(), on("2017-09-10")).unwrap();
    for m in &p.missions {
        let consulates = m
            .posts
            .iter()
            .filter(|p| {
                p.kind == chancery_domain::vocab::PostKind::ConsulateGeneral
                    && p.status.to_string() != "closed"
            })
            .count();
        assert_eq!(consulates, 3, "{} consulates in {}", m.sending, m.host);
    }
}

#[test]
fn heads_of_mission_and_vacancies_match_the_timeline() {
    let image = demo();
    let us_in_ru = |d: &str| image.presence(us(), ru(), on(d)).unwrap().missions[0].clone();
    assert_eq!(
        us_in_ru("2014-06-01")
            .vacant_since
            .map(|v| v.to_string())
            .as_deref(),
        Some("2014-02-26")
    );
    assert_eq!(
        us_in_ru("2015-01-01")
            .head_of_mission
            .map(|h| h.name)
            .as_deref(),
        Some("John Tefft")
    );
    assert_eq!(
        us_in_ru("2022-10-01")
            .charge_d_affaires
            .map(|c| c.name)
            .as_deref(),
        Some("Elizabeth Rood")
    );
    let ru_in_us = image
        .presence(us(), ru(), on("2025-07-01"))
        .unwrap()
        .missions[1]
        .clone();
    let darchiev = ru_in_us.head_of_mission.expect("Darchiev in post");
    assert_eq!(darchiev.name, "Alexander Darchiev");
    assert_eq!(
        darchiev
            .credentials_presented
            .map(|d| d.to_string())
            .as_deref(),
        Some("2025-06-11")
    );
}

#[test]
fn the_local_staff_ban_is_one_measure_in_force_from_1_august_2021() {
    // R042 (decree, 23 Apr), R044 (list, limit 0, 14 May) and R049 (enforced from 1 Aug) are
    // the stages of one decision (timeline §1, 2021).
    use chancery_domain::image::measures::MeasureStatus;
    use chancery_domain::vocab::MeasureKind;
    let image = demo();
    let bans = |day: &str| {
        image
            .measures(us(), ru(), on(day), MeasureFilter::Imposed)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == MeasureKind::LocalStaffLimit)
            .collect::<Vec<_>>()
    };
    let after = bans("2021-09-01");
    assert_eq!(after.len(), 1, "one decision, one measure");
    let ban = &after[0];
    assert_eq!(ban.external_ref.as_deref(), Some("R042"));
    assert_eq!(ban.status, MeasureStatus::InForce);
    assert_eq!(ban.effective.to_string(), "2021-08-01");
    assert_eq!(ban.magnitude.cap, Some(0));
    let stages: Vec<Option<&str>> = ban
        .stages
        .iter()
        .map(|s| s.external_ref.as_deref())
        .collect();
    assert_eq!(stages, [Some("R044"), Some("R049")]);
    // Between the decree and 1 August it is announced, not in force.
    let may = bans("2021-05-20");
    assert_eq!(may[0].status, MeasureStatus::Announced);
    assert!(image
        .measures(us(), ru(), on("2021-07-31"), MeasureFilter::InForce)
        .unwrap()
        .iter()
        .all(|m| m.kind != MeasureKind::LocalStaffLimit));
    assert!(bans("2021-04-01").is_empty());
}

#[test]
fn events_are_never_in_force_and_the_others_acts_are_labelled() {
    use chancery_domain::image::measures::MeasureStatus;
    use chancery_domain::vocab::{Capacity, Character};
    let image = demo();
    let all = image
        .measures(us(), ru(), on("2025-12-31"), MeasureFilter::Imposed)
        .unwrap();
    let by_ref = |r: &str| {
        all.iter()
            .find(|m| m.external_ref.as_deref() == Some(r))
            .unwrap_or_else(|| panic!("{r}"))
    };
    // The 2013 expulsion of a third secretary happened; it is not in force in 2025 (R001).
    assert_eq!(by_ref("R001").character, Character::Event);
    assert_eq!(by_ref("R001").status, MeasureStatus::Happened);
    // The recommendation that the ambassador go home ended with his return (R038, R048).
    assert_eq!(by_ref("R038").status, MeasureStatus::Happened);
    // Two street renamings by city governments, symbolic (R022, R059); a private bank (R057).
    for r in ["R022", "R059"] {
        assert_eq!(by_ref(r).capacity, Capacity::LocalAuthority, "{r}");
        assert!(by_ref(r).symbolic && !by_ref(r).counts_in_verdicts, "{r}");
    }
    assert_eq!(by_ref("R057").capacity, Capacity::Private);
    assert!(!by_ref("R057").counts_in_verdicts);
    let in_force = image
        .measures(us(), ru(), on("2025-12-31"), MeasureFilter::InForce)
        .unwrap();
    assert!(in_force.iter().all(|m| m.character == Character::Standing));
}

#[test]
fn the_2025_talks_and_what_became_of_their_commitments() {
    let image = demo();
    let talks = image.talks(us(), ru(), on("2025-12-31")).unwrap();
    let rounds: Vec<(String, &str)> = talks
        .rounds
        .iter()
        .map(|r| (r.date.to_string(), r.status))
        .collect();
    for expected in [
        ("2025-02-18", "held"),
        ("2025-02-27", "held"),
        ("2025-04-10", "held"),
        ("2025-06-16", "cancelled"),
    ] {
        assert!(
            rounds
                .iter()
                .any(|(d, s)| d == expected.0 && *s == expected.1),
            "{expected:?} in {rounds:?}"
        );
    }
    let cancelled = talks
        .rounds
        .iter()
        .find(|r| r.status == "cancelled")
        .unwrap();
    assert_eq!(
        cancelled.cancelled_by,
        Some(us()),
        "cancelled at the US side's initiative, per the Russian MFA (R076)"
    );
    let istanbul2 = talks
        .rounds
        .iter()
        .find(|r| r.date.to_string() == "2025-04-10")
        .unwrap();
    assert_eq!(
        istanbul2.agreements.len(),
        2,
        "banking notes and the property roadmap (R073, R074)"
    );
    assert_eq!(istanbul2.commitments.len(), 3);

    let status = |d: &str, id: &str| {
        let cs = image.commitments(us(), ru(), on(d)).unwrap();
        let c = cs
            .iter()
            .find(|c| c.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id}"));
        (c.status.as_str().to_owned(), c.overdue)
    };
    assert_eq!(
        status("2025-03-01", "riyadh-2025-teams"),
        ("kept".into(), false)
    );
    assert_eq!(
        status("2025-12-31", "istanbul-2025-banking"),
        ("open".into(), false)
    );
    assert_eq!(
        status("2025-10-01", "istanbul-2025-property-roadmap"),
        ("open".into(), false)
    );
    assert_eq!(
        status("2025-12-31", "istanbul-2025-property-roadmap"),
        ("broken".into(), false)
    );
    assert_eq!(
        status("2025-12-31", "third-round-autumn-2025"),
        ("open".into(), false)
    );
    assert_eq!(
        status("2026-01-01", "third-round-autumn-2025"),
        ("open".into(), true),
        "never held: overdue after 2025"
    );
    assert_eq!(
        status("2021-07-01", "geneva-2021-ambassadors-return"),
        ("kept".into(), false)
    );
}

#[test]
fn replaying_the_demo_gives_the_image_recording_built() {
    let text = demo_text();
    let scenario = Scenario::parse(&text).unwrap();
    let (recorded, acts) = scenario.plan_import(&Image::new(), 7).unwrap();
    let replayed = Image::replay(
        acts.into_iter()
            .enumerate()
            .map(|(i, a)| (i as u64 + 1, 7, a)),
    )
    .unwrap();
    assert_eq!(recorded, replayed);
}

#[test]
fn the_staff_figure_shown_is_for_the_whole_mission_when_there_is_one() {
    let image = demo();
    let p = image.presence(us(), ru(), on("2021-01-01")).unwrap();
    let report = p.missions[0].staff.headline.as_ref().expect("a figure");
    assert!(
        report.posts.is_empty(),
        "the Dec 2020 figure covers two consulates only: {report:?}"
    );
    let p = image.presence(us(), ru(), on("2021-11-01")).unwrap();
    let report = p.missions[0].staff.headline.as_ref().expect("a figure");
    assert_eq!(
        (report.value, report.date.to_string()),
        (120, "2021-10".to_owned()),
        "about 120 in Oct 2021 (timeline.md §2)"
    );
}

/// Russia's four consulates-general, first named in 2016–2017 but open long before the record
/// (`start_unknown`), are open in 2014 with their start unknown, and parity counts them as open,
/// not as "maybe".
#[test]
fn russias_consulates_exist_from_the_record_start() {
    use chancery_domain::image::asof::Certainty;
    use chancery_domain::reciprocity::parity::Definition;
    let image = demo();
    let p = image.presence(us(), ru(), on("2014-06-01")).unwrap();
    let ru_in_us = p.missions.iter().find(|m| m.sending == ru()).unwrap();
    let consulates: Vec<_> = ru_in_us
        .posts
        .iter()
        .filter(|p| p.kind == chancery_domain::vocab::PostKind::ConsulateGeneral)
        .collect();
    assert_eq!(consulates.len(), 4, "{consulates:?}");
    assert!(consulates
        .iter()
        .all(|p| p.certainty == Certainty::StartUnknown && p.status.to_string() == "open"));
    let parity = image
        .parity(us(), ru(), on("2014-06-01"), &Definition::default())
        .unwrap();
    let consular = parity
        .dimensions
        .iter()
        .find(|d| d.key == "posts_consular")
        .unwrap();
    assert_eq!(consular.values[&ru()].number(), Some(4));
    assert_eq!(consular.values[&ru()].bound, None);
    // Pages label dimensions by key in each language: the list they check is the one parity
    // reports.
    let keys: std::collections::BTreeSet<&str> = parity.dimensions.iter().map(|d| d.key).collect();
    let listed: std::collections::BTreeSet<&str> =
        chancery_domain::reciprocity::parity::DIMENSION_KEYS
            .iter()
            .copied()
            .collect();
    assert_eq!(keys, listed, "parity's dimensions and DIMENSION_KEYS");
    // Before the record begins (2008), nothing is on record.
    let before = image.presence(us(), ru(), on("2007-01-01")).unwrap();
    assert!(before.missions.iter().all(|m| m.posts.is_empty()));
}

/// The columns of data/sources/us-ru/figures.csv the cross-check reads.
#[derive(serde::Deserialize)]
struct FigureRow {
    id: String,
    value: String,
    period: String,
    posts: String,
    recorded_as: String,
}

/// Every figure the sources table says is recorded as an issuance count is in the demo, with
/// its value, period and posts; and no issuance count of the demo lacks its row.
#[test]
fn the_demos_issuance_counts_are_those_of_the_figures_table() {
    use chancery_domain::act::{ActBody, PostAct};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sources/us-ru/figures.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<FigureRow> = reader
        .deserialize()
        .map(|r| r.unwrap_or_else(|e| panic!("{path}: {e}")))
        .filter(|r: &FigureRow| r.recorded_as == "consular_issuance_reported")
        .collect();
    assert_eq!(rows.len(), 7);
    let scenario = Scenario::parse(&demo_text()).unwrap();
    let counts: Vec<_> = scenario
        .acts
        .iter()
        .filter_map(|a| match &a.act.body {
            ActBody::Post(PostAct::IssuanceReported {
                posts,
                period_start,
                period_end,
                issued,
                ..
            }) => Some((
                a.act.envelope.external_ref.clone().unwrap_or_default(),
                (posts, period_start, period_end, issued),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), rows.len());
    for row in &rows {
        let (_, (posts, start, end, issued)) = counts
            .iter()
            .find(|(r, _)| *r == row.id)
            .unwrap_or_else(|| panic!("{} is missing from the demo", row.id));
        assert_eq!(issued.to_string(), row.value, "{}", row.id);
        let period = match end {
            Some(end) => format!("{start} to {end}"),
            None => start.to_string(),
        };
        assert_eq!(period, row.period, "{}", row.id);
        let names: Vec<&str> = posts.iter().map(|p| p.as_str()).collect();
        assert_eq!(names.join(" "), row.posts, "{}", row.id);
    }
}

/// The capacity answer shows the counts beside capacity, with their period and source, and a
/// count of several posts as shared; none of them becomes demand.
#[test]
fn the_capacity_answer_shows_what_the_us_posts_issued() {
    let image = demo();
    let c = image
        .consular_capacity(us(), ru(), on("2018-10-03"))
        .unwrap();
    let moscow = c
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == "us-embassy-moscow")
        .unwrap();
    let texts: Vec<&str> = moscow.issued.iter().map(|i| i.text.as_str()).collect();
    assert!(
        texts.contains(
            &"issued in 2016: 136,665 nonimmigrant visas of every class, medium confidence (source: https://www.roundnews.com/world/international/6474-non-immigrant-visas-suspended-temporarily-by-the-u-s-embassy-in-russia.html)"
        ),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with(
            "issued in 2017-09 to 2018-08: 89,800 nonimmigrant visas of every \
                 class, together with us-cg-st-petersburg, us-cg-yekaterinburg and \
                 us-cg-vladivostok, medium confidence (source: "
        )),
        "{texts:#?}"
    );
    // The 2016 counts of all four posts together: two accounts that disagree (F003, F004),
    // each shown with its source.
    let shared_2016 = moscow
        .issued
        .iter()
        .filter(|i| i.period_start.to_string() == "2016" && i.with_posts.len() == 3)
        .count();
    assert_eq!(shared_2016, 2);
    assert!(moscow.services.iter().all(|s| s.demand.is_none()));
}

/// Every other-language name in the demo is a row of data/sources/us-ru/names.csv, which names
/// the page it was read on: names are facts, sourced like the rest.
#[test]
fn the_demos_other_script_names_are_those_of_the_names_table() {
    use chancery_domain::act::{MemberAct, PostAct, StateAct};
    use chancery_domain::names::Names;
    use chancery_domain::ActBody;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sources/us-ru/names.csv"
    );
    let mut table = std::collections::BTreeSet::new();
    for row in csv::Reader::from_path(path).unwrap().records() {
        let row = row.unwrap();
        assert!(row[5].starts_with("https://"), "{row:?} names its page");
        table.insert((
            row[1].to_owned(),
            row[2].to_owned(),
            row[3].to_owned(),
            row[4].to_owned(),
        ));
    }
    let scenario = Scenario::parse(&demo_text()).unwrap();
    let mut used = std::collections::BTreeSet::new();
    let mut check = |of: &str, english: &str, names: &Names, line: usize| {
        for (lang, name) in names.iter() {
            let key = (
                of.to_owned(),
                english.to_owned(),
                lang.to_string(),
                name.to_owned(),
            );
            assert!(
                table.contains(&key),
                "line {line}: {key:?} is not in names.csv"
            );
            used.insert(key);
        }
    };
    for a in &scenario.acts {
        match &a.act.body {
            ActBody::HeadOfMission(h) => check("person", &h.person, &h.names, a.line),
            ActBody::Member(MemberAct::Notified { name, names, .. }) => {
                check("person", name, names, a.line)
            }
            ActBody::Post(PostAct::Opened {
                post,
                city,
                names,
                city_names,
                ..
            }) => {
                check("post", post.as_str(), names, a.line);
                check("city", city, city_names, a.line);
            }
            ActBody::State(StateAct::Registered { name, names, .. }) => {
                check("state", name, names, a.line)
            }
            _ => {}
        }
    }
    assert_eq!(used, table, "every row of names.csv is used by the demo");
}
