//! Visibility: the rules that keep audiences nested, and the scoping of every query by reader.
//! The property test marks every act and checks no answer a reader gets carries the mark of an
//! act that reader may not see.

use std::collections::BTreeSet;

use chancery_domain::access::{Reader, Visibility};
use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::{Act, CivilDate, Image};
use chancery_generate::{generate, state_code, WorldSpec};
use proptest::prelude::*;
use serde_json::json;

use crate::common;
use common::{act, st};

fn base() -> Image {
    let mut image = Image::new();
    for (code, name) in [("AA", "A"), ("BB", "B"), ("CC", "C")] {
        record(
            &mut image,
            json!({"kind": "state_registered", "date": "2000", "state": code, "name": name}),
        );
    }
    image
}

/// Records the act `v`, which the rules must accept.
fn record(image: &mut Image, v: serde_json::Value) {
    image.record(&act(v), 0).unwrap();
}

fn post(id: &str, visibility: serde_json::Value) -> Act {
    act(json!({
        "kind": "post_opened", "date": "2010-01-01", "post": id, "sending": "AA", "host": "BB",
        "post_kind": "consulate", "name": id, "city": "X", "visibility": visibility
    }))
}

fn measure(id: &str, actor: &str, target: &str, answers: &[&str], vis: serde_json::Value) -> Act {
    act(json!({
        "kind": "measure_imposed", "date": "2012-01-01", "measure": id, "actor": actor,
        "target": target, "measure_kind": "travel_restriction", "answers": answers, "visibility": vis,
        "summary": "test"
    }))
}

fn code(image: &mut Image, a: &Act) -> String {
    image.record(a, 0).unwrap_err().code.to_string()
}

#[test]
fn internal_to_a_state_outside_the_relation_is_refused() {
    let mut image = base();
    let bad = post("p", json!({"internal": "CC"}));
    assert_eq!(code(&mut image, &bad), "visibility_outside_relation");
    let registered = act(
        json!({"kind": "state_registered", "date": "2000", "state": "DE", "name": "D", "visibility": "bilateral"}),
    );
    assert_eq!(code(&mut image, &registered), "visibility_outside_relation");
}

#[test]
fn an_act_about_a_thing_has_its_visibility_and_refers_only_to_what_its_readers_see() {
    let mut image = base();
    image.record(&post("p", json!("bilateral")), 0).unwrap();
    let closed = act(json!({
        "kind": "post_closed", "date": "2011-01-01", "post": "p", "by": "BB"
    }));
    assert_eq!(code(&mut image, &closed), "visibility_differs_from_subject");
    let mut internal = closed.clone();
    internal.envelope.visibility = Visibility::Internal(st("BB"));
    assert_eq!(
        code(&mut image, &internal),
        "visibility_differs_from_subject",
        "one side's hidden act cannot change a thing others see"
    );
    let mut bilateral = closed.clone();
    bilateral.envelope.visibility = Visibility::Bilateral;
    image.record(&bilateral, 0).unwrap();

    image
        .record(
            &measure("m1", "AA", "BB", &[], json!({"internal": "AA"})),
            0,
        )
        .unwrap();
    // A public answer would reveal AA's internal measure: to its readers there is no such
    // measure, and the refusal says no more than that.
    let answer = measure("m2", "BB", "AA", &["m1"], json!("public"));
    assert_eq!(code(&mut image, &answer), "unknown_measure");
}

#[test]
fn a_correction_keeps_the_visibility_it_corrects() {
    let mut image = base();
    let seq = image.record(&post("p", json!("public")), 0).unwrap();
    let mut fix = post("p", json!("bilateral"));
    fix.envelope.supersedes = Some(seq);
    assert_eq!(code(&mut image, &fix), "visibility_changed_by_correction");
    fix.envelope.visibility = Visibility::Public;
    image.record(&fix, 0).unwrap();
    // A public correction cannot even see a bilateral act: to it, the act does not exist.
    let hidden = image.record(&post("q", json!("bilateral")), 0).unwrap();
    let mut public_fix = post("q", json!("public"));
    public_fix.envelope.supersedes = Some(hidden);
    let e = image.record(&public_fix, 0).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_supersede");
    assert!(!e.message.contains("post_opened"), "{}", e.message);
}

#[test]
fn one_sides_hidden_acts_neither_block_nor_leak_into_the_others_public_ones() {
    let mut image = base();
    image.record(&post("p", json!("public")), 0).unwrap();
    // AA's internal cap on BB (a plan): BB's public arrivals are not checked against it.
    record(
        &mut image,
        json!({"kind": "measure_imposed", "date": "2010-06-01", "measure": "plan",
                "actor": "AA", "target": "BB", "measure_kind": "staff_cap",
                "summary": "internal plan", "magnitude": {"cap": 0},
                "visibility": {"internal": "AA"}}),
    );
    record(
        &mut image,
        json!({"kind": "post_opened", "date": "2010-01-01", "post": "b-emb",
                "sending": "BB", "host": "AA", "post_kind": "embassy", "name": "B in A",
                "city": "A"}),
    );
    let notified = act(
        json!({"kind": "member_notified", "date": "2011-01-01", "member": "m",
                              "post": "b-emb", "name": "Someone", "category": "diplomatic"}),
    );
    image.record(&notified, 0).unwrap();
    let arrived = act(json!({"kind": "member_arrived", "date": "2011-02-01", "member": "m"}));
    image
        .record(&arrived, 0)
        .expect("a public arrival is not refused by a cap only AA can see");
}

#[test]
fn each_reader_sees_only_its_audience() {
    let mut image = base();
    image.record(&post("open", json!("public")), 0).unwrap();
    image
        .record(&post("shared", json!("bilateral")), 0)
        .unwrap();
    image
        .record(&post("mine", json!({"internal": "AA"})), 0)
        .unwrap();
    let day: CivilDate = "2015-01-01".parse().unwrap();
    let posts = |reader| -> BTreeSet<String> {
        image
            .presence(st("AA"), st("BB"), View::new(day, u64::MAX, reader))
            .unwrap()
            .missions
            .iter()
            .flat_map(|m| m.posts.iter().map(|p| p.id.to_string()))
            .collect()
    };
    let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(posts(Reader::Public), set(&["open"]));
    assert_eq!(posts(Reader::Party(st("CC"))), set(&["open"]));
    assert_eq!(posts(Reader::Mediator), set(&["open", "shared"]));
    assert_eq!(posts(Reader::Party(st("BB"))), set(&["open", "shared"]));
    assert_eq!(
        posts(Reader::Party(st("AA"))),
        set(&["open", "shared", "mine"])
    );
    assert!(image.visible_to(6, Reader::Party(st("AA"))));
    assert!(!image.visible_to(6, Reader::Party(st("BB"))));
    assert!(image.visible_to(5, Reader::Mediator));
}

/// Which visibility to try first for each act of the generated world.
fn choices() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..4, 400)
}

fn readers() -> [Reader; 5] {
    [
        Reader::Public,
        Reader::Mediator,
        Reader::Party(state_code(0)),
        Reader::Party(state_code(1)),
        Reader::Party(state_code(2)),
    ]
}

/// Every `mark:N` in `text`.
fn marks(text: &str) -> BTreeSet<u64> {
    text.split("mark:")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// No answer carries an act its reader may not see: every act is recorded with a mark in its
    /// provenance, and the answers of presence, measures, talks, commitments, parity and chains
    /// for every reader are searched for marks of acts hidden from that reader.
    #[test]
    fn no_query_returns_an_act_its_reader_may_not_see(seed in 1u64..1000, picks in choices()) {
        let spec = WorldSpec { states: 3, years: 6, seed, start_year: 2000 };
        let mut image = Image::new();
        let mut hidden_somewhere = 0usize;
        for (n, mut a) in generate(&spec).enumerate() {
            let options = match image.relation_of(&a.body) {
                Some(k) => [
                    Visibility::Public,
                    Visibility::Bilateral,
                    Visibility::Internal(k.states().0),
                    Visibility::Internal(k.states().1),
                ],
                None => [Visibility::Public; 4],
            };
            let first = picks.get(n).copied().unwrap_or(0) as usize;
            a.envelope.external_ref = Some(format!("mark:{}", image.last_seq() + 1));
            // The first choice that the visibility rules accept; an act whose subject was
            // dropped is dropped in turn.
            for v in options.iter().cycle().skip(first).take(4) {
                a.envelope.visibility = *v;
                if image.record(&a, 0).is_ok() {
                    hidden_somewhere += usize::from(!v.is_public());
                    break;
                }
            }
        }
        prop_assert!(hidden_somewhere > 0, "the world must hide something");
        let (aa, ab) = (state_code(0), state_code(1));
        let def = Definition::default();
        let mut shown = 0usize;
        for reader in readers() {
            for day in [spec.mid_date(), spec.end_date()] {
                let view = View::new(day, u64::MAX, reader);
                let mut answers = String::new();
                for (x, y) in [(aa, ab), (aa, state_code(2)), (ab, state_code(2))] {
                    answers += &serde_json::to_string(&image.presence(x, y, view).unwrap()).unwrap();
                    answers += &serde_json::to_string(
                        &image.measures(x, y, view, MeasureFilter::Imposed).unwrap(),
                    ).unwrap();
                    answers += &serde_json::to_string(&image.talks(x, y, view).unwrap()).unwrap();
                    answers += &serde_json::to_string(&image.commitments(x, y, view).unwrap()).unwrap();
                    answers += &serde_json::to_string(&image.parity(x, y, view, &def).unwrap()).unwrap();
                    answers += &serde_json::to_string(&image.chains(x, y, view).unwrap()).unwrap();
                }
                let seen = marks(&answers);
                shown += seen.len();
                for seq in &seen {
                    prop_assert!(
                        image.visible_to(*seq, reader),
                        "{reader:?} was shown act #{seq}, which it may not see"
                    );
                }
            }
        }
        // The search must have something to search: answers do carry marks.
        prop_assert!(shown > 0, "no answer carried a mark");
    }
}

#[test]
fn visibility_survives_a_scenario_file_round_trip() {
    use chancery_domain::scenario::{Scenario, ScenarioAct};
    let mut image = base();
    let acts = vec![
        post("p", json!({"internal": "BB"})),
        act(
            json!({"kind": "post_closed", "date": "2011-01-01", "post": "p", "by": "BB",
                   "note": "closed quietly", "visibility": {"internal": "BB"}}),
        ),
        measure("m1", "AA", "BB", &[], json!("public")),
    ];
    for a in &acts {
        image.record(a, 0).unwrap();
    }
    let scenario = Scenario {
        relation: [st("AA"), st("BB")],
        title: None,
        description: None,
        acts: acts
            .iter()
            .map(|a| ScenarioAct {
                line: 0,
                act: a.clone(),
            })
            .collect(),
    };
    let text = scenario.to_toml();
    let back = Scenario::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let kept: Vec<Visibility> = back
        .acts
        .iter()
        .map(|a| a.act.envelope.visibility)
        .collect();
    assert_eq!(
        kept,
        vec![
            Visibility::Internal(st("BB")),
            Visibility::Internal(st("BB")),
            Visibility::Public
        ],
        "{text}"
    );
    assert_eq!(
        back.acts[1].act.envelope.note.as_deref(),
        Some("closed quietly")
    );
    assert_eq!(back.to_toml(), text);
}

#[test]
fn one_act_changes_the_consular_services_of_one_relation_only() {
    let mut image = base();
    image.record(&post("p", json!("public")), 0).unwrap();
    record(
        &mut image,
        json!({"kind": "post_opened", "date": "2010-01-01", "post": "c-in-a",
                "sending": "CC", "host": "AA", "post_kind": "embassy", "name": "C in A",
                "city": "A"}),
    );
    let across = act(
        json!({"kind": "consular_services_changed", "date": "2012-01-01",
                            "posts": ["p", "c-in-a"], "level": "none"}),
    );
    let e = image.record(&across, 0).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field),
        ("act_outside_relation", Some("posts"))
    );
    assert!(e.message.contains("AA, BB, CC"), "{}", e.message);
}

#[test]
fn talks_are_between_the_two_states_of_one_relation() {
    let mut image = base();
    let round = |parties: serde_json::Value, extra: serde_json::Value| {
        let mut body = json!({"kind": "round_held", "date": "2012-01-01", "round": "r1",
            "parties": parties, "venue_state": "CC", "outcome": "talked"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        act(body)
    };
    let three = round(json!(["AA", "BB", "CC"]), json!({}));
    let e = image.record(&three, 0).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field),
        ("act_outside_relation", Some("parties"))
    );
    let agreement = act(json!({"kind": "agreement_recorded", "date": "2012-01-01",
        "parties": ["AA", "BB", "CC"], "venue_state": "CC", "summary": "all three"}));
    assert_eq!(
        image.record(&agreement, 0).unwrap_err().code,
        "act_outside_relation"
    );
    // Cancelled by a state that was not at the table.
    let cancelled = act(
        json!({"kind": "round_cancelled", "date": "2012-01-01", "round": "r2",
        "parties": ["AA", "BB"], "venue_state": "BB", "cancelled_by": "CC", "outcome": "off"}),
    );
    let e = image.record(&cancelled, 0).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field),
        ("act_outside_relation", Some("cancelled_by"))
    );
    // A third state may host the talks of two others.
    image
        .record(&round(json!(["AA", "BB"]), json!({})), 0)
        .unwrap();
}

#[test]
fn heads_of_mission_are_public_and_a_commitment_lifts_only_measures_of_its_visibility() {
    let mut image = base();
    let hidden_head = act(json!({"kind": "agrement_requested", "date": "2012-01-01",
        "sending": "CC", "host": "AA", "person": "Someone", "visibility": {"internal": "AA"}}));
    assert_eq!(code(&mut image, &hidden_head), "visibility_must_be_public");
    image
        .record(&measure("pub", "AA", "BB", &[], json!("public")), 0)
        .unwrap();
    let promise = |vis: serde_json::Value| {
        act(
            json!({"kind": "commitment_made", "date": "2013-01-01", "commitment": "c1",
            "parties": ["AA", "BB"], "undertaken_by": ["AA"], "text": "lift it",
            "lifts": ["pub"], "visibility": vis}),
        )
    };
    assert_eq!(
        code(&mut image, &promise(json!("bilateral"))),
        "visibility_differs_from_subject",
        "kept, it would write into a public measure"
    );
    image.record(&promise(json!("public")), 0).unwrap();
}

/// Finding H1: an act naming no relation resolved to a public audience, so an act marked
/// internal was shown to everyone. Every act but a registration must belong to one relation
/// between two states, whatever its visibility; a name that is not recorded is refused as
/// unknown, exactly as the rules would.
#[test]
fn acts_of_no_relation_are_refused_whatever_their_visibility() {
    let mut image = base();
    image.record(&post("p", json!("public")), 0).unwrap();
    let before = image.last_seq();
    for vis in [
        json!("public"),
        json!("bilateral"),
        json!({"internal": "AA"}),
    ] {
        let bodies = [
            json!({"kind": "consular_services_changed", "date": "2011", "posts": [],
                   "level": "none", "visibility": vis}),
            json!({"kind": "round_held", "date": "2011", "round": "r", "parties": ["AA"],
                   "venue_state": "AA", "outcome": "o", "visibility": vis}),
            json!({"kind": "agreement_recorded", "date": "2011", "parties": ["AA"],
                   "venue_state": "AA", "summary": "s", "visibility": vis}),
        ];
        for body in bodies {
            let e = image.record(&act(body.clone()), 0).unwrap_err();
            assert_eq!(e.code.as_str(), "act_outside_relation", "{body}");
        }
        let unknown = act(json!({"kind": "consular_services_changed", "date": "2011",
            "posts": ["nosuch"], "level": "none", "visibility": vis}));
        let e = image.record(&unknown, 0).unwrap_err();
        assert_eq!((e.code.as_str(), e.field), ("unknown_post", Some("posts")));
        let twice = act(
            json!({"kind": "statement_recorded", "date": "2011", "by": "AA",
            "about": "AA", "summary": "s", "visibility": vis}),
        );
        assert_eq!(image.record(&twice, 0).unwrap_err().code, "same_state");
    }
    assert_eq!(image.last_seq(), before);
    // The same acts within a relation are recorded with the audience they ask for.
    let internal = act(json!({"kind": "consular_services_changed", "date": "2011",
        "posts": ["p"], "level": "none", "visibility": {"internal": "AA"}}));
    let e = image.record(&internal, 0).unwrap_err();
    assert_eq!(
        e.code, "visibility_differs_from_subject",
        "the post is public, so are acts about it"
    );
    let round = act(json!({"kind": "round_held", "date": "2011", "round": "r",
        "parties": ["AA", "BB"], "venue_state": "AA", "outcome": "o",
        "visibility": {"internal": "AA"}}));
    let seq = image.record(&round, 0).unwrap();
    assert!(!image.visible_to(seq, Reader::Public));
    assert!(image.visible_to(seq, Reader::Party(st("AA"))));
}
