//! Escalation chains and lineage: hand-made histories where the answer is obvious, the US–Russia
//! demo against its sources, random answer graphs, and a long generated history.

use std::collections::{BTreeMap, BTreeSet};

use chancery_domain::image::timeline::View;
use chancery_domain::query::{MeasureFilter, QueryError};
use chancery_domain::reciprocity::chains::{Chain, Lineage, LineageMeasure};
use chancery_domain::{CivilDate, Image, MeasureId, StateCode, ValidDate};
use chancery_generate::{busiest_relation, generate, WorldSpec};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common;
use common::{act, demo, on, ru, us};

fn aa() -> StateCode {
    "AA".parse().unwrap()
}
fn bb() -> StateCode {
    "BB".parse().unwrap()
}
fn id(s: &str) -> MeasureId {
    s.parse().unwrap()
}
fn later() -> View {
    on("2099-12-31")
}

/// Two registered states and nothing else.
fn world() -> Image {
    let mut image = Image::new();
    for v in [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
    ] {
        image.record(&act(v), 0).expect("world builds");
    }
    image
}

/// [`world`], then `acts` recorded in order.
fn world_with(acts: Vec<Value>) -> Image {
    let mut image = world();
    record_all(&mut image, acts);
    image
}

fn imposed(date: &str, measure: &str, actor: &str, answers: &[&str]) -> Value {
    let target = if actor == "AA" { "BB" } else { "AA" };
    json!({"kind": "measure_imposed", "date": date, "measure": measure, "actor": actor,
           "target": target, "measure_kind": "visa_restriction", "summary": measure,
           "external_ref": measure.to_uppercase(), "answers": answers})
}

fn lifted(date: &str, measure: &str) -> Value {
    json!({"kind": "measure_lifted", "date": date, "measure": measure})
}

fn record_all(image: &mut Image, acts: Vec<Value>) -> Vec<u64> {
    acts.into_iter()
        .map(|v| {
            let text = v.to_string();
            image
                .record(&act(v), 0)
                .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        })
        .collect()
}

fn ids(chain: &Chain) -> Vec<&str> {
    chain.measures.iter().map(|m| m.id.as_str()).collect()
}

/// Ancestors and descendants as `id:depth`, in the order given.
fn lineage_ids(l: &Lineage) -> (Vec<String>, Vec<String>) {
    let f = |v: &[LineageMeasure]| -> Vec<String> {
        v.iter().map(|m| format!("{}:{}", m.id, m.depth)).collect()
    };
    (f(&l.ancestors), f(&l.descendants))
}

/// BB acts, AA answers, BB answers back; the first is lifted later.
fn alternating() -> Image {
    world_with(vec![
        imposed("2020-01-01", "m1", "BB", &[]),
        imposed("2020-02-01", "m2", "AA", &["m1"]),
        imposed("2020-03-01", "m3", "BB", &["m2"]),
        lifted("2020-06-01", "m1"),
    ])
}

#[test]
fn an_alternating_chain_of_three_with_one_lifted() {
    let image = alternating();
    let chains = image.chains(aa(), bb(), later()).unwrap();
    assert_eq!(chains.len(), 1);
    let c = &chains[0];
    assert_eq!(ids(c), ["m1", "m2", "m3"]);
    assert_eq!((c.length, c.steps, c.in_force), (3, 3, 2));
    assert!((c.in_force_share - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(c.start.id.as_str(), "m1");
    assert_eq!(c.start.external_ref.as_deref(), Some("M1"));
    assert_eq!(c.last.id.as_str(), "m3");
    let sides: Vec<_> = c
        .sides
        .iter()
        .map(|s| (s.state.as_str(), s.measures, s.in_force))
        .collect();
    assert_eq!(sides, [("AA", 1, 1), ("BB", 2, 1)], "in the order asked");
    let levels: Vec<usize> = c.measures.iter().map(|m| m.level).collect();
    assert_eq!(levels, [1, 2, 3]);
    assert_eq!(c.measures[0].lifted, Some("2020-06-01".parse().unwrap()));
    assert!(!c.measures[0].in_force);
    assert_eq!(c.measures[2].answers, [id("m2")]);

    // The same question, the other way round: same chain, sides in the new order.
    let flipped = image.chains(bb(), aa(), later()).unwrap();
    assert_eq!(ids(&flipped[0]), ids(c));
    assert_eq!(flipped[0].sides[0].state, bb());

    // Before the lift, everything is in force; before m3, the chain is two long.
    let before_lift = image.chains(aa(), bb(), on("2020-05-31")).unwrap();
    assert_eq!((before_lift[0].length, before_lift[0].in_force), (3, 3));
    assert_eq!(before_lift[0].in_force_share, 1.0);
    let before_m3 = image.chains(aa(), bb(), on("2020-02-15")).unwrap();
    assert_eq!(ids(&before_m3[0]), ["m1", "m2"]);
    assert_eq!(before_m3[0].length, 2);
    // Before any answer there is no chain: a lone measure is not one.
    assert!(image
        .chains(aa(), bb(), on("2020-01-15"))
        .unwrap()
        .is_empty());
    // As known through act #4 (m2 recorded, m3 not yet), whatever the date.
    let known = View {
        known_through: 4.into(),
        ..later()
    };
    assert_eq!(
        ids(&image.chains(aa(), bb(), known).unwrap()[0]),
        ["m1", "m2"]
    );
}

#[test]
fn the_json_shape() {
    let image = alternating();
    let chains = image.chains(aa(), bb(), later()).unwrap();
    let v = serde_json::to_value(&chains[0]).unwrap();
    assert_eq!(
        v["start"],
        json!({"id": "m1", "external_ref": "M1", "actor": "BB", "kind": "visa_restriction", "effective": "2020-01-01"})
    );
    assert_eq!(v["length"], 3);
    assert_eq!(v["steps"], 3);
    assert_eq!(v["in_force"], 2);
    assert_eq!(
        v["sides"][1],
        json!({"state": "BB", "measures": 2, "in_force": 1})
    );
    assert_eq!(
        v["measures"][0],
        json!({"id": "m1", "external_ref": "M1", "actor": "BB", "kind": "visa_restriction",
               "effective": "2020-01-01", "lifted": "2020-06-01", "in_force": false,
               "status": "lifted", "answers": [], "level": 1})
    );
    let l = serde_json::to_value(image.lineage(&id("m2"), later()).unwrap()).unwrap();
    assert_eq!(l["measure"]["depth"], 0);
    assert_eq!(l["ancestors"][0]["id"], "m1");
    assert_eq!(l["descendants"][0]["id"], "m3");
}

#[test]
fn two_independent_chains_and_a_lone_measure() {
    let image = world_with(vec![
        // Recorded out of date order on purpose: the output is by date.
        imposed("2021-05-01", "n1", "AA", &[]),
        imposed("2021-05-03", "n2", "BB", &["n1"]),
        imposed("2020-01-01", "m1", "BB", &[]),
        imposed("2020-01-02", "m2", "AA", &["m1"]),
        imposed("2020-06-01", "lone", "AA", &[]),
    ]);
    let chains = image.chains(aa(), bb(), later()).unwrap();
    let all: Vec<Vec<&str>> = chains.iter().map(ids).collect();
    assert_eq!(all, [vec!["m1", "m2"], vec!["n1", "n2"]]);
    assert!(chains.iter().all(|c| c.length == 2 && c.steps == 2));
    let l = image.lineage(&id("lone"), later()).unwrap();
    assert!(l.ancestors.is_empty() && l.descendants.is_empty());
}

#[test]
fn a_measure_answering_two_merges_them_into_one_chain() {
    let image = world_with(vec![
        imposed("2020-01-01", "x", "BB", &[]),
        imposed("2020-02-01", "y", "BB", &[]),
        imposed("2020-03-01", "z", "AA", &["y", "x"]),
        imposed("2020-04-01", "w", "BB", &["z"]),
    ]);
    let chains = image.chains(aa(), bb(), later()).unwrap();
    assert_eq!(chains.len(), 1);
    let c = &chains[0];
    assert_eq!(ids(c), ["x", "y", "z", "w"]);
    assert_eq!((c.length, c.steps), (3, 4));
    assert_eq!(c.start.id.as_str(), "x", "the earliest of the two roots");
    assert_eq!(c.measures[2].answers, [id("x"), id("y")], "in date order");
    let l = image.lineage(&id("w"), later()).unwrap();
    assert_eq!(
        lineage_ids(&l).0,
        ["z:1", "x:2", "y:2"],
        "nearest first, then by date"
    );
}

#[test]
fn lineage_of_the_middle_of_a_chain() {
    let image = world_with(vec![
        imposed("2020-01-01", "m1", "BB", &[]),
        imposed("2020-02-01", "m2", "AA", &["m1"]),
        imposed("2020-03-01", "m3", "BB", &["m2"]),
        imposed("2020-04-01", "m4", "AA", &["m3"]),
        imposed("2020-05-01", "m5", "BB", &["m4"]),
        imposed("2020-05-02", "side", "BB", &["m2"]),
        lifted("2020-07-01", "m4"),
    ]);
    let l = image.lineage(&id("m3"), later()).unwrap();
    assert_eq!(l.measure.id.as_str(), "m3");
    assert_eq!(l.measure.depth, 0);
    let (anc, desc) = lineage_ids(&l);
    assert_eq!(anc, ["m2:1", "m1:2"]);
    assert_eq!(desc, ["m4:1", "m5:2"]);
    assert!(!l.descendants[0].in_force, "m4 was lifted");
    assert_eq!(l.descendants[0].external_ref.as_deref(), Some("M4"));

    let (_, desc) = lineage_ids(&image.lineage(&id("m2"), later()).unwrap());
    assert_eq!(desc, ["m3:1", "side:1", "m4:2", "m5:3"]);

    // The view applies: in March m4 and m5 do not exist yet, and m5 is unknown in March.
    let (_, desc) = lineage_ids(&image.lineage(&id("m3"), on("2020-03-15")).unwrap());
    assert!(desc.is_empty());
    assert!(image.lineage(&id("m5"), on("2020-03-15")).is_none());
    assert!(image.lineage(&id("ghost"), later()).is_none());
}

#[test]
fn a_relation_needs_two_registered_states() {
    let image = world();
    assert_eq!(
        image.chains(aa(), aa(), later()),
        Err(QueryError::SameState(aa()))
    );
    let zz: StateCode = "ZZ".parse().unwrap();
    assert_eq!(
        image.chains(aa(), zz, later()),
        Err(QueryError::UnknownState(zz))
    );
    assert_eq!(image.chains(aa(), bb(), later()), Ok(Vec::new()));
}

/// With imprecise dates "not certainly later" is not transitive: m-day answers a month, which
/// answers a later day in that month. Each link is allowed; the ancestor is later than its
/// descendant. The chain still starts at the root, which here is also the latest measure.
#[test]
fn imprecise_dates_can_put_an_ancestor_after_its_descendant() {
    let image = world_with(vec![
        imposed("2021-04-20", "c", "BB", &[]),
        imposed("2021-04", "b", "AA", &["c"]),
        imposed("2021-04-01", "a", "BB", &["b"]),
    ]);
    let l = image.lineage(&id("a"), later()).unwrap();
    assert_eq!(lineage_ids(&l).0, ["b:1", "c:2"]);
    assert!(l.ancestors[1]
        .effective
        .certainly_after(l.measure.effective));

    let chains = image.chains(aa(), bb(), later()).unwrap();
    let c = &chains[0];
    assert_eq!(
        ids(c),
        ["b", "a", "c"],
        "by first day, the vaguer date first"
    );
    assert_eq!(c.start.id.as_str(), "c");
    assert_eq!(c.length, 3);
    // On 10 April, c has not taken effect: b's link to it is not part of that day's picture.
    let early = image.chains(aa(), bb(), on("2021-04-10")).unwrap();
    assert_eq!(ids(&early[0]), ["b", "a"]);
    assert_eq!(early[0].start.id.as_str(), "b");
}

/// The rules refuse a correction that would close a cycle of answers. Replay does not validate,
/// though, so a journal written by a faulty or foreign writer could still hold one: the walks
/// must finish on it and give a stable answer.
#[test]
fn a_cycle_is_refused_when_recorded_and_survived_when_replayed() {
    let mut image = world();
    let seqs = record_all(
        &mut image,
        vec![
            imposed("2020-01-01", "m1", "BB", &[]),
            imposed("2020-01-01", "m2", "AA", &["m1"]),
        ],
    );
    let mut fix = imposed("2020-01-01", "m1", "BB", &["m2"]);
    fix["supersedes"] = json!(seqs[0]);
    let refused = image
        .record(&act(fix.clone()), 0)
        .expect_err("the rules refuse a cycle");
    assert_eq!(refused.code, "answers_later_act");

    let journal = vec![
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        imposed("2020-01-01", "m1", "BB", &[]),
        imposed("2020-01-01", "m2", "AA", &["m1"]),
        fix,
    ];
    let image = Image::replay(
        journal
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, 0, act(v))),
    )
    .expect("replay does not validate");
    let chains = image.chains(aa(), bb(), later()).unwrap();
    assert_eq!(chains.len(), 1);
    assert_eq!(chains[0].steps, 2);
    assert!(chains[0].length <= 2);
    let l = image.lineage(&id("m1"), later()).unwrap();
    let (anc, desc) = lineage_ids(&l);
    assert_eq!(
        (anc, desc),
        (vec!["m2:1".to_string()], vec!["m2:1".to_string()])
    );
    assert_eq!(chains, image.chains(aa(), bb(), later()).unwrap());
}

/// A chain thousands of answers long: iterative walks, no deep recursion.
#[test]
fn a_very_long_chain() {
    const N: usize = 3000;
    let mut image = world();
    let start = "2000-01-01".parse::<CivilDate>().unwrap();
    for i in 0..N {
        let date = start.add_days(i as i32).to_string();
        let actor = if i % 2 == 0 { "BB" } else { "AA" };
        let prev = format!("m{}", i.wrapping_sub(1));
        let answers: Vec<&str> = if i == 0 { vec![] } else { vec![&prev] };
        image
            .record(&act(imposed(&date, &format!("m{i}"), actor, &answers)), 0)
            .unwrap();
    }
    let chains = image.chains(aa(), bb(), later()).unwrap();
    assert_eq!(chains.len(), 1);
    assert_eq!((chains[0].length, chains[0].steps), (N, N));
    let l = image.lineage(&id(&format!("m{}", N - 1)), later()).unwrap();
    assert_eq!(l.ancestors.len(), N - 1);
    assert_eq!(l.ancestors.last().map(|m| m.depth), Some(N - 1));
    let l = image.lineage(&id("m0"), later()).unwrap();
    assert_eq!(l.descendants.len(), N - 1);
}

// ---- the demo ----

/// The `responds_to` column of data/sources/us-ru/measures.csv, written down: (row, answers).
const RESPONDS_TO: [(&str, &str); 18] = [
    ("R006", "R005"),
    ("R009", "R007"),
    ("R012", "R007"),
    ("R013", "R008"),
    ("R016", "R012"),
    ("R026", "R023"),
    ("R027", "R024"),
    ("R037", "R036"),
    ("R038", "R036"),
    ("R039", "R036"),
    ("R040", "R036"),
    ("R042", "R036"),
    ("R044", "R036"),
    ("R049", "R036"),
    ("R054", "R051"),
    ("R055", "R051"),
    ("R058", "R056"),
    ("R063", "R062"),
];

/// [`RESPONDS_TO`] as a set of owned pairs, to compare with what the demo or the file gives.
fn responds_to() -> BTreeSet<(String, String)> {
    RESPONDS_TO
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn refs(chain: &Chain) -> BTreeSet<&str> {
    chain
        .measures
        .iter()
        .filter_map(|m| m.external_ref.as_deref())
        .collect()
}

fn chain_with<'a>(chains: &'a [Chain], r: &str) -> &'a Chain {
    chains
        .iter()
        .find(|c| refs(c).contains(r))
        .unwrap_or_else(|| panic!("no chain contains {r}"))
}

#[test]
fn the_demo_chains_match_the_sources() {
    let image = demo();
    let chains = image.chains(us(), ru(), on("2025-12-31")).unwrap();

    // Every link of the sources that is a measure in the demo is a link of a chain.
    let linked: BTreeSet<(String, String)> = chains
        .iter()
        .flat_map(|c| {
            let by_id: BTreeMap<&MeasureId, &str> = c
                .measures
                .iter()
                .filter_map(|m| Some((&m.id, m.external_ref.as_deref()?)))
                .collect();
            c.measures
                .iter()
                .flat_map(|m| {
                    let from = m.external_ref.clone().unwrap_or_default();
                    m.answers
                        .iter()
                        .filter_map(|a| by_id.get(a))
                        .map(move |to| (from.clone(), to.to_string()))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let expected = responds_to();
    // R009 "answers" R007 in the sources, but it is Putin's decision not to retaliate: the demo
    // records it as a statement, not a measure, so it is in no chain. Every other link must be
    // there, and nothing else.
    let missing: Vec<_> = expected.difference(&linked).collect();
    let extra: Vec<_> = linked.difference(&expected).collect();
    assert!(extra.is_empty(), "links not in the sources: {extra:?}");
    // R044 and R049 are the later stages of one decision, the local-staff ban of R042: their
    // link to R036 is R042's, so they are no measures of their own.
    assert!(
        missing
            .iter()
            .all(|(from, _)| ["R009", "R044", "R049"].contains(&from.as_str())),
        "links of the sources missing: {missing:?}"
    );

    // US expels 10 (April 2021); Russia answers five times: one decision counts once.
    let c = chain_with(&chains, "R036");
    assert_eq!(
        refs(c),
        BTreeSet::from(["R036", "R037", "R038", "R039", "R040", "R042"])
    );
    assert_eq!(c.start.external_ref.as_deref(), Some("R036"));
    assert_eq!(c.start.actor, us());
    assert_eq!(c.last.external_ref.as_deref(), Some("R042"));
    assert_eq!((c.length, c.steps), (2, 6));
    let sides: Vec<_> = c.sides.iter().map(|s| (s.state, s.measures)).collect();
    assert_eq!(sides, [(us(), 1), (ru(), 5)]);

    // The closure of the compounds: R007 → R012 (the cap) → R016 (closures), three long.
    let c = chain_with(&chains, "R012");
    assert!(refs(c).is_superset(&BTreeSet::from(["R007", "R012", "R016"])));
    assert_eq!(c.start.external_ref.as_deref(), Some("R007"));
    assert_eq!(c.length, 3);

    let c = chain_with(&chains, "R023");
    assert_eq!(refs(c), BTreeSet::from(["R023", "R026"]));

    // Ordered by start date.
    let starts: Vec<ValidDate> = chains.iter().map(|c| c.start.effective).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    // No measure in two chains.
    let mut seen = BTreeSet::new();
    for c in &chains {
        for m in &c.measures {
            assert!(seen.insert(m.id.clone()), "{} twice", m.id);
        }
    }

    // Lineage of R012: it answers R007 and is answered by R016.
    let r012 = chain_with(&chains, "R012")
        .measures
        .iter()
        .find(|m| m.external_ref.as_deref() == Some("R012"))
        .map(|m| m.id.clone())
        .unwrap();
    let l = image.lineage(&r012, on("2025-12-31")).unwrap();
    let names = |v: &[LineageMeasure]| -> Vec<(String, usize)> {
        v.iter()
            .map(|m| (m.external_ref.clone().unwrap_or_default(), m.depth))
            .collect()
    };
    assert_eq!(names(&l.ancestors), [("R007".to_string(), 1)]);
    assert_eq!(names(&l.descendants), [("R016".to_string(), 1)]);
}

/// Cross-checks the table above against the sources in data/sources/us-ru/measures.csv.
#[test]
fn the_written_down_links_are_those_of_the_sources() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sources/us-ru/measures.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let from_file: BTreeSet<(String, String)> = reader
        .deserialize::<SourceRow>()
        .flat_map(|row| {
            let row = row.unwrap_or_else(|e| panic!("{path}: {e}"));
            row.responds_to
                .split([';', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|to| (row.id.clone(), to.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    let written = responds_to();
    assert_eq!(from_file, written);
}

/// The columns of measures.csv that the cross-check reads; the others are ignored.
#[derive(serde::Deserialize)]
struct SourceRow {
    id: String,
    responds_to: String,
}

// ---- random answer graphs ----

/// When a step happens: about three days after the step before (so most answers come after what
/// they answer and are accepted), give or take a fortnight (so some are refused as answering a
/// later act, and acts are often recorded out of date order), as precise as `precision` says.
#[derive(Clone, Copy, Debug)]
struct When {
    drift: i32,
    precision: u8,
}

/// `k` in a step picks among the measures recorded so far, the most recent first, wrapping
/// around, so that links land on measures that exist.
#[derive(Clone, Debug)]
enum Step {
    /// A new measure by AA (`by_aa`) or BB, answering the other side's measures picked.
    Impose {
        by_aa: bool,
        when: When,
        answers: Vec<usize>,
    },
    Lift {
        k: usize,
        when: When,
    },
    /// Re-records a measure's imposition with new `answers`, same date, superseding it: the one
    /// way to give an older measure a new link.
    Correct {
        k: usize,
        answers: Vec<usize>,
    },
}

fn when(precise: bool) -> impl Strategy<Value = When> {
    (-15i32..=15, 0u8..10).prop_map(move |(drift, p)| When {
        drift,
        precision: if precise { 9 } else { p },
    })
}

fn date_of(step: usize, when: When) -> String {
    let day = "2020-01-01"
        .parse::<CivilDate>()
        .unwrap()
        .add_days(3 * step as i32 + when.drift);
    let (y, m, _) = day.ymd();
    match when.precision {
        0 => format!("{y:04}"),
        1..=2 => format!("{y:04}-{m:02}"),
        _ => day.to_string(),
    }
}

fn step(precise: bool) -> impl Strategy<Value = Step> {
    let answers = proptest::collection::vec(0usize..4, 0..3);
    prop_oneof![
        6 => (any::<bool>(), when(precise), answers.clone())
            .prop_map(|(by_aa, when, answers)| Step::Impose { by_aa, when, answers }),
        1 => (0usize..8, when(precise)).prop_map(|(k, when)| Step::Lift { k, when }),
        1 => (0usize..8, answers).prop_map(|(k, answers)| Step::Correct { k, answers }),
    ]
}

/// Whether every date is a day, the steps, and the date of the view asked (days from the start).
fn history() -> impl Strategy<Value = (bool, Vec<Step>, i32)> {
    any::<bool>().prop_flat_map(|precise| {
        (
            Just(precise),
            proptest::collection::vec(step(precise), 0..60),
            0i32..200,
        )
    })
}

/// A measure recorded so far: its id, side, and the act and date of its standing imposition.
struct Recorded {
    id: String,
    by_aa: bool,
    seq: u64,
    date: String,
}

fn pick(list: &[&Recorded], k: usize) -> Option<String> {
    (!list.is_empty()).then(|| list[list.len() - 1 - k % list.len()].id.clone())
}

fn measure_json(id: &str, by_aa: bool, date: &str, answers: &[String]) -> Value {
    let (actor, target) = if by_aa { ("AA", "BB") } else { ("BB", "AA") };
    json!({"kind": "measure_imposed", "date": date, "measure": id, "actor": actor,
           "target": target, "measure_kind": "travel_restriction", "summary": "x",
           "answers": answers})
}

/// Records the steps; the rules refuse some of them, which is fine.
fn build(steps: &[Step]) -> Image {
    let mut image = world();
    let mut recorded: Vec<Recorded> = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        let answers_of = |by_aa: bool, ks: &[usize]| -> Vec<String> {
            let theirs: Vec<&Recorded> = recorded.iter().filter(|r| r.by_aa != by_aa).collect();
            ks.iter().filter_map(|&k| pick(&theirs, k)).collect()
        };
        let all: Vec<&Recorded> = recorded.iter().collect();
        let (v, target) = match s {
            Step::Impose {
                by_aa,
                when,
                answers,
            } => {
                let id = format!("m{n}");
                let v = measure_json(
                    &id,
                    *by_aa,
                    &date_of(n, *when),
                    &answers_of(*by_aa, answers),
                );
                (v, None)
            }
            Step::Lift { k, when } => {
                let Some(id) = pick(&all, *k) else { continue };
                (lifted(&date_of(n, *when), &id), None)
            }
            Step::Correct { k, answers } => {
                let Some(at) =
                    (!recorded.is_empty()).then(|| recorded.len() - 1 - k % recorded.len())
                else {
                    continue;
                };
                let r = &recorded[at];
                let mut v = measure_json(&r.id, r.by_aa, &r.date, &answers_of(r.by_aa, answers));
                v["supersedes"] = json!(r.seq);
                (v, Some(at))
            }
        };
        if let Ok(seq) = image.record(&act(v), 0) {
            match (s, target) {
                (Step::Impose { by_aa, when, .. }, _) => recorded.push(Recorded {
                    id: format!("m{n}"),
                    by_aa: *by_aa,
                    seq,
                    date: date_of(n, *when),
                }),
                (Step::Correct { .. }, Some(at)) => recorded[at].seq = seq,
                _ => {}
            }
        }
    }
    image
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chains_and_lineage_hold_on_random_answer_graphs((precise, steps, as_of) in history()) {
        let image = build(&steps);
        let as_of = "2020-01-01".parse::<CivilDate>().unwrap().add_days(as_of);
        for view in [View::rules(as_of), later()] {
            let chains = image.chains(aa(), bb(), view).unwrap();
            prop_assert_eq!(&chains, &image.chains(bb(), aa(), view).unwrap().into_iter().map(|mut c| { c.sides.reverse(); c }).collect::<Vec<_>>());
            let mut chain_of: BTreeMap<MeasureId, usize> = BTreeMap::new();
            for (n, c) in chains.iter().enumerate() {
                prop_assert!(c.steps >= 2);
                prop_assert_eq!(c.steps, c.measures.len());
                prop_assert!(c.length >= 2 && c.length <= c.steps, "{:?}", c);
                prop_assert!(c.in_force <= c.steps);
                prop_assert!((0.0..=1.0).contains(&c.in_force_share));
                prop_assert_eq!(c.sides.iter().map(|s| s.measures).sum::<usize>(), c.steps);
                prop_assert_eq!(c.sides.iter().map(|s| s.in_force).sum::<usize>(), c.in_force);
                prop_assert!(c.measures.windows(2).all(|w| w[0].effective <= w[1].effective));
                prop_assert_eq!(c.measures.iter().map(|m| m.level).max(), Some(c.length));
                prop_assert_eq!(&c.last.id, &c.measures[c.steps - 1].id);
                let members: BTreeSet<&MeasureId> = c.measures.iter().map(|m| &m.id).collect();
                prop_assert!(members.contains(&c.start.id));
                for m in &c.measures {
                    prop_assert!(chain_of.insert(m.id.clone(), n).is_none(), "{} in two chains", m.id);
                    prop_assert!(m.answers.iter().all(|a| members.contains(a)));
                    prop_assert!(m.level >= 1 && m.level <= c.length);
                }
            }
            let starts: Vec<ValidDate> = chains.iter().map(|c| c.start.effective).collect();
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));

            for m in image.measures(aa(), bb(), View::everything(), MeasureFilter::Imposed).unwrap() {
                let mid = m.id;
                let Some(l) = image.lineage(&mid, view) else {
                    prop_assert!(!chain_of.contains_key(&mid));
                    continue;
                };
                let me = l.measure.effective;
                let related: Vec<_> = l.ancestors.iter().chain(&l.descendants).collect();
                // Lineage stays within the measure's chain, and only a chained measure has one.
                prop_assert_eq!(related.is_empty(), !chain_of.contains_key(&mid));
                for r in &related {
                    prop_assert_eq!(chain_of.get(&r.id), chain_of.get(&mid));
                    prop_assert!(r.depth >= 1);
                }
                prop_assert!(l.ancestors.windows(2).all(|w| w[0].depth <= w[1].depth));
                prop_assert!(l.descendants.windows(2).all(|w| w[0].depth <= w[1].depth));
                for a in &l.ancestors {
                    prop_assert!(a.id != mid);
                    // An answer never answers a certainly later act; transitively that holds
                    // only when every date is a day (see the imprecise-dates test above).
                    if a.depth == 1 || precise {
                        prop_assert!(!a.effective.certainly_after(me), "{} after {}", a.id, mid);
                    }
                }
                for d in &l.descendants {
                    if d.depth == 1 || precise {
                        prop_assert!(!me.certainly_after(d.effective), "{} after {}", mid, d.id);
                    }
                }
            }
        }
    }
}

// ---- a long generated history ----

fn generated_chains(spec: &WorldSpec) -> (Image, StateCode, StateCode) {
    let acts = generate(spec)
        .enumerate()
        .map(|(i, act)| (i as u64 + 1, 0, act));
    let image = Image::replay(acts).expect("generated journal replays");
    let (a, b) = busiest_relation(spec);
    (image, a, b)
}

fn check_generated(image: &Image, a: StateCode, b: StateCode, view: View) -> Vec<Chain> {
    let chains = image.chains(a, b, view).unwrap();
    for c in &chains {
        assert!(c.length >= 2 && c.length <= c.steps);
    }
    chains
}

#[test]
fn the_busiest_generated_relation_has_long_chains() {
    let spec = WorldSpec {
        states: 4,
        years: 30,
        ..Default::default()
    };
    let (image, a, b) = generated_chains(&spec);
    let chains = check_generated(&image, a, b, View::rules(spec.end_date()));
    assert!(!chains.is_empty());
    assert!(chains.iter().any(|c| c.length >= 3), "an escalation");
}
