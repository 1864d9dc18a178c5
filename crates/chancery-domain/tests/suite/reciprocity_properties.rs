//! Properties of the roadmap and of claims on generated worlds and small hand-made histories
//! (issue "Measures as they really take and lose effect", Tests): after the roadmap nothing
//! standing is in force and no event was lifted; a step is unilateral only where the answers
//! graph leaves it no counterpart; claims never block the other party; replay equals record; no
//! answer inside an imprecise date is confident.

use std::collections::{BTreeMap, BTreeSet};

use chancery_domain::image::measures::MeasureStatus;
use chancery_domain::image::timeline::View;
use chancery_domain::query::{MeasureFilter, MeasureView};
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::reciprocity::roadmap::StepKind;
use chancery_domain::vocab::Character;
use chancery_domain::{Act, CivilDate, Image, Reader, StateCode};
use proptest::prelude::*;
use serde_json::json;

use crate::common;
use common::{act, day, st, two_state_world};

/// A generated world's journal, its image and its busiest relation.
fn world(seed: u64, years: u16) -> (Vec<Act>, Image, StateCode, StateCode, CivilDate) {
    let spec = chancery_generate::WorldSpec {
        states: 4,
        years,
        seed,
        start_year: 2000,
    };
    let acts: Vec<Act> = chancery_generate::generate(&spec).collect();
    let image = Image::replay(
        acts.iter()
            .cloned()
            .enumerate()
            .map(|(i, a)| (i as u64 + 1, 0, a)),
    )
    .unwrap();
    let (a, b) = chancery_generate::busiest_relation(&spec);
    (acts, image, a, b, spec.end_date())
}

/// A view as JSON with journal positions taken out: an image with claims interleaved numbers the
/// same acts differently.
fn json_of<T: serde::Serialize>(v: &T) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                o.retain(|k, _| {
                    !matches!(k.as_str(), "seq" | "recorded_seq" | "known_through_seq")
                });
                o.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(v).unwrap();
    strip(&mut v);
    v
}

/// Where two JSON values first differ, as a path and both sides, for a readable failure.
fn first_difference(l: &serde_json::Value, r: &serde_json::Value) -> String {
    use serde_json::Value::{Array, Object};
    match (l, r) {
        (Object(a), Object(b)) => a
            .iter()
            .find(|(k, x)| b.get(*k) != Some(*x))
            .map(|(k, x)| match b.get(k) {
                Some(y) => format!(".{k}{}", first_difference(x, y)),
                None => format!(".{k} only on the left"),
            })
            .unwrap_or_else(|| "keys only on the right".into()),
        (Array(a), Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| format!("[{i}]{}", first_difference(x, y)))
            .unwrap_or_default(),
        _ => format!(": {l} vs {r}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Lifting every step's measures in order leaves no standing measure in force, and no step
    /// lifts an event.
    #[test]
    fn the_roadmap_leaves_nothing_standing_and_lifts_no_event(seed in 0u64..1000, years in 2u16..6) {
        let (_, image, a, b, as_of) = world(seed, years);
        let roadmap = image.roadmap(a, b, View::rules(as_of), &Definition::default()).unwrap();
        let known = image.measures(a, b, View::rules(as_of), MeasureFilter::Imposed).unwrap();
        let mut current = image.clone();
        for step in &roadmap.steps {
            for m in &step.lift {
                let v = known.iter().find(|k| k.id == m.id).expect("a lifted measure is known");
                prop_assert_eq!(v.character, Character::Standing, "step {} lifts event {}", step.order, m.id);
            }
            let lifts: Vec<Act> = step
                .lift
                .iter()
                .map(|m| act(json!({"kind": "measure_lifted", "date": as_of.add_days(1).to_string(), "measure": m.id})))
                .collect();
            current = current
                .with_hypothetical(a, b, Reader::Rules, &lifts)
                .unwrap_or_else(|e| panic!("step {}: {e}", step.order));
        }
        let left = current.measures(a, b, View::rules(as_of.add_days(1)), MeasureFilter::InForce).unwrap();
        prop_assert!(left.is_empty(), "still in force: {:?}", left.iter().map(|m| &m.id).collect::<Vec<_>>());
    }

    /// A step is unilateral only if nothing of the other side that verdicts rest on, in force and
    /// connected to it through the answers graph, was left: every such measure is lifted in a
    /// reciprocal step. Every reciprocal step has measures of both actors.
    #[test]
    fn unilateral_steps_have_no_counterpart_left(seed in 0u64..1000, years in 2u16..6) {
        let (_, image, a, b, as_of) = world(seed, years);
        let roadmap = image.roadmap(a, b, View::rules(as_of), &Definition::default()).unwrap();
        let known = image.measures(a, b, View::rules(as_of), MeasureFilter::Imposed).unwrap();
        // Undirected answers graph over every measure the view knows.
        let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for m in &known {
            for x in &m.answers {
                edges.entry(m.id.as_str()).or_default().insert(x.as_str());
                edges.entry(x.as_str()).or_default().insert(m.id.as_str());
            }
        }
        let component = |start: &str| -> BTreeSet<String> {
            let mut seen: BTreeSet<String> = BTreeSet::from([start.to_string()]);
            let mut todo = vec![start.to_string()];
            while let Some(n) = todo.pop() {
                for next in edges.get(n.as_str()).into_iter().flatten() {
                    if seen.insert((*next).to_string()) {
                        todo.push((*next).to_string());
                    }
                }
            }
            seen
        };
        let kind_of: BTreeMap<&str, StepKind> = roadmap
            .steps
            .iter()
            .flat_map(|s| s.lift.iter().map(move |m| (m.id.as_str(), s.kind)))
            .collect();
        for step in &roadmap.steps {
            if step.kind == StepKind::Reciprocal {
                let actors: BTreeSet<StateCode> = step.lift.iter().map(|m| m.actor).collect();
                prop_assert_eq!(actors.len(), 2, "reciprocal step {} is one-sided", step.order);
            }
            if step.kind != StepKind::Unilateral {
                continue;
            }
            for m in &step.lift {
                for other in component(m.id.as_str()) {
                    let Some(v) = known.iter().find(|k| k.id.as_str() == other) else { continue };
                    if v.actor == m.actor || !v.in_force || !v.counts_in_verdicts {
                        continue;
                    }
                    prop_assert_eq!(
                        kind_of.get(other.as_str()).copied(),
                        Some(StepKind::Reciprocal),
                        "unilateral step {} lifts {} while {} of the other side is connected",
                        step.order, m.id, other
                    );
                }
            }
        }
    }

    /// Claims never block the other party: with claims of one party about the other's conduct
    /// interleaved at random, every act of the journal is still accepted in order, the image
    /// outside claims is the image without them, and replay equals record.
    #[test]
    fn claims_never_block_or_change_the_other_party(
        seed in 0u64..1000,
        years in 2u16..5,
        picks in proptest::collection::vec((0usize..10_000, 0usize..100, 0i32..2000, any::<bool>()), 1..12),
    ) {
        let (acts, plain, a, b, end) = world(seed, years);
        let mut at: BTreeMap<usize, Vec<(usize, i32, bool)>> = BTreeMap::new();
        for (pos, which, days, side) in picks {
            at.entry(pos % (acts.len() + 1)).or_default().push((which, days, side));
        }
        let start = day("2000-01-01");
        let mut with = Image::new();
        let mut journal: Vec<Act> = Vec::new();
        let mut claims = 0usize;
        let mut seq_of: Vec<u64> = Vec::new();
        for i in 0..=acts.len() {
            for &(which, days, side) in at.get(&i).into_iter().flatten() {
                let (by, other) = if side { (a, b) } else { (b, a) };
                let date = start.add_days(days).to_string();
                let claim = if which % 2 == 0 {
                    let ms: Vec<MeasureView> = with
                        .measures(a, b, View::everything(), MeasureFilter::Imposed)
                        .map(|ms| ms.into_iter().filter(|m| m.actor == other).collect())
                        .unwrap_or_default();
                    ms.get(which / 2 % ms.len().max(1)).map(|m| {
                        act(json!({"kind": "measure_lifted", "date": date, "measure": m.id, "claimed_by": by.to_string()}))
                    })
                } else {
                    let posts: Vec<String> = with
                        .presence(a, b, View::everything())
                        .map(|p| p.missions.into_iter().filter(|m| m.sending == by)
                            .flat_map(|m| m.posts.into_iter().map(|p| p.id.to_string())).collect())
                        .unwrap_or_default();
                    posts.get(which / 2 % posts.len().max(1)).map(|p| {
                        act(json!({"kind": "post_closed", "date": date, "post": p, "by": other.to_string(), "claimed_by": by.to_string()}))
                    })
                };
                // Claims the rules refuse as claims are simply left out.
                if let Some(c) = claim {
                    if with.record(&c, 0).is_ok() {
                        journal.push(c);
                        claims += 1;
                    }
                }
            }
            if let Some(x) = acts.get(i) {
                // A correction names the journal position of what it corrects; claims before it
                // move that position.
                let mut x = x.clone();
                if let Some(old) = x.envelope.supersedes {
                    x.envelope.supersedes = Some(seq_of[(old - 1) as usize]);
                }
                let r = with.record(&x, 0);
                if let Ok(seq) = r {
                    seq_of.push(seq);
                }
                prop_assert!(r.is_ok(), "act {} refused after {} claims: {:?}", i, claims, r.err().map(|e| e.to_string()));
                journal.push(x);
            }
        }
        let replayed = Image::replay(journal.into_iter().enumerate().map(|(i, x)| (i as u64 + 1, 0, x))).unwrap();
        prop_assert!(replayed == with, "replay differs from record");
        let span = end.days_since_epoch() - start.days_since_epoch();
        for k in 0..4 {
            let d = start.add_days(span * k / 3);
            let v = View::rules(d);
            for (what, left, right) in [
                ("measures", json_of(&with.measures(a, b, v, MeasureFilter::Imposed).unwrap()), json_of(&plain.measures(a, b, v, MeasureFilter::Imposed).unwrap())),
                ("presence", json_of(&with.presence(a, b, v).unwrap()), json_of(&plain.presence(a, b, v).unwrap())),
                ("parity", json_of(&with.parity(a, b, v, &Definition::default()).unwrap()), json_of(&plain.parity(a, b, v, &Definition::default()).unwrap())),
            ] {
                prop_assert!(left == right, "{} on {} with {} claims: first difference {}", what, d, claims, first_difference(&left, &right));
            }
        }
    }

    /// A measure effective on a month or a year is uncertain on every day of that period before
    /// its last, certain in force on the last, and not in force before it.
    #[test]
    fn no_answer_inside_an_imprecise_effective_date_is_confident(year in 2001i32..2020, month in 1u8..13, by_year in any::<bool>(), offset in 0i32..400) {
        let (date, first, last) = if by_year {
            (year.to_string(), day(&format!("{year}-01-01")), day(&format!("{year}-12-31")))
        } else {
            let first = day(&format!("{year}-{month:02}-01"));
            let next = if month == 12 { day(&format!("{}-01-01", year + 1)) } else { day(&format!("{year}-{:02}-01", month + 1)) };
            (format!("{year}-{month:02}"), first, next.add_days(-1))
        };
        let mut image = two_state_world("");
        image.record(&act(json!({"kind": "measure_imposed", "date": date, "measure": "m", "actor": "BB",
            "target": "AA", "measure_kind": "visa_restriction", "summary": "visas"})), 0).unwrap();
        let status = |d: CivilDate| {
            image.measures(st("AA"), st("BB"), View::rules(d), MeasureFilter::Imposed).unwrap()
                .into_iter().find(|m| m.id.as_str() == "m").map(|m| (m.status, m.in_force))
        };
        let len = last.days_since_epoch() - first.days_since_epoch();
        let inside = first.add_days(offset % len);
        prop_assert_eq!(status(inside), Some((MeasureStatus::Uncertain, false)), "on {}", inside);
        prop_assert_eq!(status(last), Some((MeasureStatus::InForce, true)), "on {}", last);
        let before = status(first.add_days(-1));
        prop_assert!(before.is_none_or(|(s, f)| s != MeasureStatus::InForce && !f), "before: {:?}", before);
    }
}
