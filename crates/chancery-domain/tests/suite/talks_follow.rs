//! Talks followed round by round, the negotiator's brief and the start page's relation lines,
//! on small hand-made histories where the right answer is plain.

use crate::common;
use common::{act, day, on, st, two_state_world};

use chancery_domain::alerts::Severity;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::{Image, Reader, RoundId};
use serde_json::json;

/// AA–BB: BB caps AA's embassy (2001), AA restricts BB's visas (2001-03); a round in 2002 where
/// BB promises to lift the cap by 2002-06 and AA to lift the visa restriction (no due date);
/// AA keeps its promise in 2002-04; BB does not.
fn world() -> Image {
    let mut image = two_state_world("");
    for v in [
        json!({"kind": "measure_imposed", "date": "2001-01-10", "measure": "cap1", "actor": "BB", "target": "AA",
               "measure_kind": "staff_cap", "summary": "cap on AA's embassy", "magnitude": {"cap": 5}}),
        json!({"kind": "measure_imposed", "date": "2001-03-01", "measure": "visa1", "actor": "AA", "target": "BB",
               "measure_kind": "visa_restriction", "summary": "visas for BB's diplomats"}),
        json!({"kind": "round_held", "date": "2002-01-15", "round": "r1", "parties": ["AA", "BB"],
               "venue_state": "BB", "venue": "B City", "level": "deputy ministers", "outcome": "two promises"}),
        json!({"kind": "commitment_made", "date": "2002-01-15", "commitment": "c-cap", "parties": ["AA", "BB"],
               "undertaken_by": ["BB"], "text": "Lift the cap", "round": "r1", "lifts": ["cap1"], "due": "2002-06"}),
        json!({"kind": "commitment_made", "date": "2002-01-15", "commitment": "c-visa", "parties": ["AA", "BB"],
               "undertaken_by": ["AA"], "text": "Lift the visa restriction", "round": "r1", "lifts": ["visa1"]}),
        json!({"kind": "commitment_kept", "date": "2002-04-01", "commitment": "c-visa", "evidence": "note"}),
        json!({"kind": "round_cancelled", "date": "2002-09-01", "round": "r2", "parties": ["AA", "BB"],
               "venue_state": "AA", "outcome": "called off"}),
    ] {
        image.record(&act(v), 0).unwrap();
    }
    image
}

#[test]
fn a_round_counts_what_became_of_its_commitments() {
    let image = world();
    let lines = image
        .round_lines(st("AA"), st("BB"), on("2002-10-01"))
        .unwrap();
    let ids: Vec<&str> = lines.iter().map(|l| l.round.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2"]);
    let t = lines[0].tally;
    assert_eq!((t.made, t.kept, t.open, t.overdue), (2, 1, 1, 1), "{t:?}");
    assert_eq!(lines[1].tally.made, 0);
    // Before the visa promise was kept, both are open and neither overdue.
    let t = image
        .round_lines(st("AA"), st("BB"), on("2002-02-01"))
        .unwrap()[0]
        .tally;
    assert_eq!((t.made, t.kept, t.open, t.overdue), (2, 0, 2, 0));
}

#[test]
fn a_round_lists_its_acts_and_its_commitments_acts() {
    let image = world();
    let r1: RoundId = "r1".parse().unwrap();
    let d = image
        .round_detail(st("AA"), st("BB"), &r1, on("2003-01-01"))
        .unwrap()
        .expect("the round is seen");
    // Acts 5.. of the world: 1-4 are states and embassies, then cap1 (5), visa1 (6), the round
    // (7), the two commitments (8, 9), the kept promise (10); the cancelled round (11) is not r1's.
    assert_eq!(d.acts, [7, 8, 9, 10]);
    assert_eq!(d.commitments.len(), 2);
    assert!(image
        .round_detail(
            st("AA"),
            st("BB"),
            &"nope".parse().unwrap(),
            on("2003-01-01")
        )
        .unwrap()
        .is_none());
    // Before the round, the round is not seen.
    assert!(image
        .round_detail(st("AA"), st("BB"), &r1, on("2002-01-01"))
        .unwrap()
        .is_none());
}

#[test]
fn the_brief_starts_from_the_last_round_held() {
    let image = world();
    let brief = image
        .brief(st("AA"), st("BB"), on("2002-10-01"), &Definition::default())
        .unwrap();
    let last = brief.last_round.as_ref().expect("a round was held");
    assert_eq!(
        last.id.as_str(),
        "r1",
        "the cancelled round is no starting point"
    );
    assert_eq!(brief.since, Some(day("2002-01-15")));
    // Owed: the cap, overdue since July.
    let owed: Vec<(&str, bool)> = brief
        .commitments
        .iter()
        .map(|c| (c.id.as_str(), c.overdue))
        .collect();
    assert_eq!(owed, [("c-cap", true)]);
    // Since the round: the promise kept (10) and the cancelled round (11); the round's own
    // day is the round.
    assert_eq!(brief.changes, [10, 11]);
    assert_eq!(brief.changes_total, 2);
    // The visa restriction was lifted since the round: parity moved on some dimension.
    assert!(!brief.parity_moved.is_empty(), "{:?}", brief.parity_moved);
    assert!(brief.parity_moved.iter().all(|d| d.before != d.after));
    // The roadmap's next step lifts the cap, the one measure in force.
    assert!(brief.roadmap_error.is_none());
    assert_eq!(brief.next_steps.len(), 1);
    assert_eq!(brief.next_steps[0].lift[0].id.as_str(), "cap1");
}

#[test]
fn a_brief_before_any_round_has_no_changes_to_list() {
    let image = world();
    let brief = image
        .brief(st("AA"), st("BB"), on("2001-12-31"), &Definition::default())
        .unwrap();
    assert!(brief.last_round.is_none());
    assert!(brief.changes.is_empty() && brief.parity_moved.is_empty());
    assert!(brief.commitments.is_empty());
}

#[test]
fn the_start_page_line_shows_the_index_a_year_apart_and_the_latest_round() {
    let image = world();
    let lines = image.relation_summaries(on("2002-10-01"));
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line.states, [st("AA"), st("BB")]);
    // The same figure as the overview's index on the day, against the same baseline.
    let series = image
        .normalisation_index(
            st("AA"),
            st("BB"),
            day("2002-10-01"),
            day("2002-10-01"),
            line.baseline,
            chancery_domain::reciprocity::index::Step::Month,
            on("2002-10-01"),
        )
        .unwrap();
    assert_eq!(line.index, Some(series.points[0].combined));
    // A year before, both measures stood; since, the visa restriction was lifted: thawing.
    let change = line.change.expect("a change");
    assert!(change > 0.0, "{line:?}");
    let round = line.latest_round.as_ref().expect("a round");
    assert_eq!((round.id.as_str(), round.status), ("r2", "cancelled"));
    // The line counts the relation's alerts: here the cap promise, overdue since its date.
    let alerts = image
        .alerts(st("AA"), st("BB"), on("2002-10-01"))
        .unwrap()
        .alerts;
    assert_eq!(line.alerts, alerts.len());
    assert!(
        alerts
            .iter()
            .any(|a| a.kind == chancery_domain::alerts::AlertKind::CommitmentOverdue),
        "{alerts:?}"
    );
    assert_eq!(line.most_severe, Some(Severity::Urgent));
}

#[test]
fn a_relation_is_listed_only_to_readers_who_see_an_act_of_it() {
    let mut image = two_state_world("");
    // A third state with an internal act only: the public does not see the relation AA–CC.
    image
        .record(
            &act(
                json!({"kind": "state_registered", "date": "2000", "state": "CC", "name": "Cland"}),
            ),
            0,
        )
        .unwrap();
    image
        .record(
            &act(json!({"kind": "measure_imposed", "date": "2001-01-10", "measure": "m-cc", "actor": "AA",
                        "target": "CC", "measure_kind": "other", "summary": "internal note",
                        "visibility": {"internal": "AA"}})),
            0,
        )
        .unwrap();
    let keys = |reader: Reader| {
        image
            .visible_relations(View::whole_record(day("2002-01-01"), reader))
            .into_iter()
            .map(|k| {
                let (a, b) = k.states();
                format!("{a}-{b}")
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(Reader::Public), ["AA-BB"]);
    assert_eq!(keys(Reader::Party(st("AA"))), ["AA-BB", "AA-CC"]);
    assert_eq!(keys(Reader::Party(st("CC"))), ["AA-BB"]);
    // Nothing is dated by 1999: no relation yet.
    assert!(image
        .visible_relations(View::whole_record(day("1999-01-01"), Reader::Public))
        .is_empty());
}

/// The baseline the start page computes for every relation (from each measure's fold) is the one
/// the measures' views give, which the overview used before: same scale on both pages.
#[test]
fn the_baseline_read_from_the_folds_equals_the_one_from_the_measure_views() {
    let image = common::demo();
    let (us, ru) = (common::us(), common::ru());
    for date in ["2012-06-01", "2017-09-01", "2021-01-01", "2025-12-01"] {
        for reader in [Reader::Public, Reader::Party(us), Reader::Rules] {
            let view = View::whole_record(day(date), reader);
            let everything = view.on(View::everything().as_of);
            let measures = image
                .measures(
                    us,
                    ru,
                    everything,
                    chancery_domain::query::MeasureFilter::Imposed,
                )
                .unwrap()
                .into_iter()
                .map(|m| m.date.earliest().min(m.effective.earliest()));
            let reports = [(us, ru), (ru, us)].into_iter().flat_map(|(s, h)| {
                image
                    .staffing_reports(s, h, everything)
                    .into_iter()
                    .map(|r| r.date.earliest())
            });
            let first = measures
                .chain(reports)
                .min()
                .expect("the demo has measures");
            let start = chancery_domain::CivilDate::from_ymd(first.ymd().0, 1, 1).unwrap();
            // A baseline on or after the day falls back to a year before it.
            let expected = if start >= day(date) {
                day(date).add_days(-365)
            } else {
                start
            };
            assert_eq!(
                image.default_baseline(us, ru, view),
                expected,
                "{date} {reader:?}"
            );
        }
    }
}
