//! A normalisation roadmap: the measures in force, paired with their counter-measures and
//! unwound last-in-first-out as reciprocal steps, with the dependencies that practice imposes,
//! each step's effect on parity and on the index, and the commitments that already cover it.
//!
//! The method, in the words a negotiator can argue with:
//! 1. **Pairing.** Take the measure in force that was imposed last. Its step also lifts, if
//!    still in force, the measures it answered and the measures that answered it: a reciprocal
//!    step undoes a move and its answer together. Repeat with the latest measure not yet placed.
//! 2. **Order.** Steps come last-in-first-out: the most recent escalation is undone first.
//! 3. **Dependencies** move a step after the steps it needs, against the same mission:
//!    diplomatic visas before a staff cap is raised (new staff need visas to fill a higher cap);
//!    local hiring before consular service returns (consular sections run on local staff);
//!    premises before a closed post reopens.
//! 4. **Effect.** Each step's lifts are applied, hypothetically and cumulatively, the day after
//!    the roadmap's date; the dimensions of parity that change and the index are reported.
//!
//! Deterministic: ties are broken by journal order.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::act::MeasureAct;
use crate::act::{Act, ActBody, Envelope};
use crate::date::{CivilDate, ValidDate};
use crate::ids::{CommitmentId, MeasureId, StateCode};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::{MeasureFilter, MeasureView};
use crate::reciprocity::index::{restriction_on, weight, IndexError, SCALE};
use crate::reciprocity::parity::{Definition, Dimension};
use crate::vocab::{CommitmentStatus, MeasureKind};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roadmap {
    pub as_of: CivilDate,
    pub definition: Definition,
    /// How many measures are in force on `as_of`: every one is lifted by exactly one step.
    pub measures_in_force: usize,
    pub steps: Vec<RoadmapStep>,
    /// The method, in sentences.
    pub method: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoadmapStep {
    /// 1-based position in the roadmap.
    pub order: usize,
    pub lift: Vec<StepMeasure>,
    /// Orders of the steps that must come first.
    pub depends_on: Vec<usize>,
    pub effect: Effect,
    /// Commitments (not withdrawn) that promise to lift or ease a measure of this step.
    pub covered_by: Vec<Coverage>,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepMeasure {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub target: StateCode,
    pub kind: MeasureKind,
    pub effective: ValidDate,
    pub summary: String,
    /// The measures it answers (in whichever step they are lifted).
    pub answers: Vec<MeasureId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    pub commitment: CommitmentId,
    pub status: CommitmentStatus,
    /// `lifts` or `eases`.
    pub promise: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Effect {
    /// The parity dimensions this step changes, before and after.
    pub parity: Vec<DimensionChange>,
    /// Measures still in force after this step.
    pub measures_in_force_after: usize,
    /// The normalisation index after this and the earlier steps, against the roadmap's date
    /// (100 = as things stand; above 100 = thawing): combined and per side.
    pub index_combined: f64,
    pub index: BTreeMap<StateCode, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionChange {
    pub key: String,
    pub before: Dimension,
    pub after: Dimension,
}

pub const METHOD: &str = "Each step lifts the measure in force that was imposed last, together with the measures it answered and the measures that answered it, if they are still in force, so that a move and its answer are undone together; steps run last-in-first-out. A step moves after the steps it needs against the same mission: diplomatic visas before a staff cap is raised, local hiring before consular service returns, premises before a closed post reopens. Effects are computed by lifting each step's measures, cumulatively and hypothetically, the day after the roadmap's date.";

/// What a step needs first: (kind in this step, kind it waits for, why).
const NEEDS: &[(MeasureKind, &[MeasureKind], &str)] = &[
    (
        MeasureKind::StaffCap,
        &[MeasureKind::VisaRestriction],
        "diplomatic visas must be issued before a higher cap can be used",
    ),
    (
        MeasureKind::ConsularServiceRestriction,
        &[MeasureKind::LocalStaffLimit],
        "local hiring must return before consular service can",
    ),
    (
        MeasureKind::PostClosure,
        &[
            MeasureKind::PremisesAccessBarred,
            MeasureKind::PremisesSeized,
        ],
        "premises must be returned before a closed post can reopen",
    ),
];

fn step_measure(m: &MeasureView) -> StepMeasure {
    StepMeasure {
        id: m.id.clone(),
        external_ref: m.external_ref.clone(),
        actor: m.actor,
        target: m.target,
        kind: m.kind,
        effective: m.effective,
        summary: m.summary.clone(),
        answers: m.answers.clone(),
    }
}

fn name(m: &StepMeasure) -> String {
    m.external_ref.clone().unwrap_or_else(|| m.id.to_string())
}

impl Image {
    /// The roadmap for the relation `a`–`b` from `view.as_of`, from what `view` sees.
    pub fn roadmap(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        def: &Definition,
    ) -> Result<Roadmap, IndexError> {
        let as_of = view.as_of;
        let in_force = self.measures(a, b, view, MeasureFilter::InForce)?;
        let groups = pair_lifo(&in_force);
        let order = order_with_dependencies(&groups);
        let commitments = self.commitments(a, b, view)?;

        let next_day = ValidDate::day(as_of.add_days(1));
        let after_view = view.on(as_of.add_days(1));
        let mut copy = self.slice_for(a, b, view.reader);
        let mut before = copy.parity(a, b, after_view, def)?;
        let mut remaining = in_force.len();
        // Each step's index follows from these by subtracting the weights of what it lifts:
        // exact under the index's formula, and far cheaper than recomputing the series.
        let initial = restriction_on(self, a, b, view)?;
        let mut restriction = initial.clone();
        let position: BTreeMap<usize, usize> = order
            .iter()
            .enumerate()
            .map(|(pos, g)| (*g, pos + 1))
            .collect();
        let links = Links::new(&groups, &position);
        let mut steps = Vec::with_capacity(order.len());
        for (pos, &g) in order.iter().enumerate() {
            let group = &groups[g];
            for m in &group.measures {
                let lift = Act {
                    envelope: Envelope {
                        note: Some("roadmap step (hypothetical)".into()),
                        ..Envelope::on(next_day)
                    },
                    body: ActBody::Measure(MeasureAct::Lifted {
                        measure: m.id.clone(),
                        summary: None,
                    }),
                };
                // A measure in force on `as_of` can always be lifted the day after; a refusal
                // here would mean the image is inconsistent, so the step is reported unchanged.
                if copy.record(&lift, 0).is_ok() {
                    remaining -= 1;
                }
            }
            let after = copy.parity(a, b, after_view, def)?;
            let changes: Vec<DimensionChange> = before
                .dimensions
                .iter()
                .zip(after.dimensions.iter())
                .filter(|(x, y)| x != y)
                .map(|(x, y)| DimensionChange {
                    key: x.key.to_string(),
                    before: x.clone(),
                    after: y.clone(),
                })
                .collect();
            for m in &group.measures {
                if let Some(r) = restriction.get_mut(&m.target) {
                    *r = (*r - weight(m.kind)).max(0.0);
                }
            }
            let index: BTreeMap<StateCode, f64> = restriction
                .iter()
                .map(|(s, r)| {
                    let start = initial.get(s).copied().unwrap_or(*r);
                    (*s, round2(100.0 * (SCALE + start) / (SCALE + r)))
                })
                .collect();
            let index_combined = round2(index.values().product::<f64>().sqrt());
            let depends_on: Vec<usize> = group
                .needs
                .iter()
                .filter_map(|(dep, _)| position.get(dep).copied())
                .collect();
            let covered_by = coverage(&group.measures, &commitments);
            let explanation = explain(pos + 1, group, &changes, &covered_by, &position, &links);
            steps.push(RoadmapStep {
                order: pos + 1,
                lift: group.measures.clone(),
                depends_on,
                effect: Effect {
                    parity: changes,
                    measures_in_force_after: remaining,
                    index_combined,
                    index,
                },
                covered_by,
                explanation,
            });
            before = after;
        }
        Ok(Roadmap {
            as_of,
            definition: *def,
            measures_in_force: in_force.len(),
            steps,
            method: METHOD,
        })
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

struct Group {
    measures: Vec<StepMeasure>,
    /// (index of the group needed, why).
    needs: Vec<(usize, &'static str)>,
    /// Journal position of its latest measure, for deterministic ties.
    latest: (ValidDate, u64),
}

/// Pairs measures with what they answered and what answered them, latest first.
fn pair_lifo(in_force: &[MeasureView]) -> Vec<Group> {
    let mut order: Vec<&MeasureView> = in_force.iter().collect();
    order.sort_by_key(|m| std::cmp::Reverse((m.effective, m.recorded_seq)));
    let by_id: BTreeMap<&MeasureId, &MeasureView> = in_force.iter().map(|m| (&m.id, m)).collect();
    let mut placed: BTreeSet<&MeasureId> = BTreeSet::new();
    let mut groups = Vec::new();
    for m in order {
        if placed.contains(&m.id) {
            continue;
        }
        let mut members = vec![m];
        placed.insert(&m.id);
        for answered in &m.answers {
            if let Some(x) = by_id.get(answered) {
                if placed.insert(&x.id) {
                    members.push(x);
                }
            }
        }
        for other in in_force {
            if other.answers.contains(&m.id) && placed.insert(&other.id) {
                members.push(other);
            }
        }
        members.sort_by_key(|m| std::cmp::Reverse((m.effective, m.recorded_seq)));
        groups.push(Group {
            measures: members.iter().map(|m| step_measure(m)).collect(),
            needs: Vec::new(),
            latest: (m.effective, m.recorded_seq),
        });
    }
    for i in 0..groups.len() {
        let mut needs = Vec::new();
        for m in &groups[i].measures {
            for (kind, waits_for, why) in NEEDS {
                if m.kind != *kind {
                    continue;
                }
                for (j, other) in groups.iter().enumerate() {
                    let needed = other.measures.iter().any(|o| {
                        waits_for.contains(&o.kind) && (o.actor, o.target) == (m.actor, m.target)
                    });
                    if j != i && needed && !needs.iter().any(|(k, _)| *k == j) {
                        needs.push((j, *why));
                    }
                }
            }
        }
        groups[i].needs = needs;
    }
    groups
}

/// Last-in-first-out, except that a step waits for the steps it needs. A cycle of needs (two
/// steps each needing the other) is broken by taking the earlier step in LIFO order first.
fn order_with_dependencies(groups: &[Group]) -> Vec<usize> {
    let mut done = vec![false; groups.len()];
    let mut order = Vec::with_capacity(groups.len());
    while order.len() < groups.len() {
        let ready = (0..groups.len())
            .filter(|i| !done[*i])
            .find(|i| groups[*i].needs.iter().all(|(j, _)| done[*j]))
            .or_else(|| (0..groups.len()).find(|i| !done[*i]));
        let Some(i) = ready else { break };
        done[i] = true;
        order.push(i);
    }
    debug_assert!(groups.windows(2).all(|w| w[0].latest >= w[1].latest));
    order
}

fn coverage(
    measures: &[StepMeasure],
    commitments: &[crate::talks::CommitmentView],
) -> Vec<Coverage> {
    let mut out = Vec::new();
    for c in commitments {
        if c.status == CommitmentStatus::Withdrawn || c.status == CommitmentStatus::Kept {
            continue;
        }
        let lifts = measures.iter().any(|m| c.lifts.contains(&m.id));
        let eases = measures.iter().any(|m| c.eases.contains(&m.id));
        if lifts || eases {
            out.push(Coverage {
                commitment: c.id.clone(),
                status: c.status,
                promise: if lifts { "lifts" } else { "eases" },
            });
        }
    }
    out
}

/// Which step lifts each measure, who answered whom, and display names: for explanations that
/// point across steps.
struct Links {
    step_of: BTreeMap<MeasureId, usize>,
    answered_by: BTreeMap<MeasureId, Vec<(MeasureId, usize)>>,
    names: BTreeMap<MeasureId, String>,
}

impl Links {
    fn new(groups: &[Group], position: &BTreeMap<usize, usize>) -> Links {
        let mut links = Links {
            step_of: BTreeMap::new(),
            answered_by: BTreeMap::new(),
            names: BTreeMap::new(),
        };
        for (g, group) in groups.iter().enumerate() {
            let step = position.get(&g).copied().unwrap_or(0);
            for m in &group.measures {
                links.step_of.insert(m.id.clone(), step);
                links.names.insert(m.id.clone(), name(m));
                for answered in &m.answers {
                    links
                        .answered_by
                        .entry(answered.clone())
                        .or_default()
                        .push((m.id.clone(), step));
                }
            }
        }
        links
    }

    fn name(&self, id: &MeasureId) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

fn explain(
    order: usize,
    group: &Group,
    changes: &[DimensionChange],
    covered_by: &[Coverage],
    position: &BTreeMap<usize, usize>,
    links: &Links,
) -> String {
    let mut sides: BTreeMap<StateCode, Vec<String>> = BTreeMap::new();
    for m in &group.measures {
        sides.entry(m.actor).or_default().push(format!(
            "{} ({}, {})",
            name(m),
            m.kind.as_str().replace('_', " "),
            m.effective
        ));
    }
    let lifts: Vec<String> = sides
        .iter()
        .map(|(s, ms)| format!("{s} lifts {}", ms.join(", ")))
        .collect();
    let mut text = format!("Step {order}: {}.", lifts.join("; "));
    let first = &group.measures[0];
    let here: BTreeSet<&MeasureId> = group.measures.iter().map(|m| &m.id).collect();
    let mut elsewhere = Vec::new();
    for m in &group.measures {
        for answered in m.answers.iter().filter(|x| !here.contains(x)) {
            if let Some(step) = links.step_of.get(answered) {
                elsewhere.push(format!(
                    "{} answers {} (step {step})",
                    name(m),
                    links.name(answered)
                ));
            }
        }
        for (other, step) in links.answered_by.get(&m.id).into_iter().flatten() {
            if !here.contains(other) {
                elsewhere.push(format!(
                    "{} answered {} (step {step})",
                    links.name(other),
                    name(m)
                ));
            }
        }
    }
    if group.measures.len() == 1 && !elsewhere.is_empty() {
        text.push_str(&format!(
            " Its links are lifted in other steps: {}; it is the latest measure not yet placed, so it comes here.",
            elsewhere.join("; ")
        ));
    } else if group.measures.len() > 1 {
        text.push_str(&format!(
            " {} is the latest of these still in force; the others are the move it answered or the answers it drew, so they are undone together.",
            name(first)
        ));
    } else {
        text.push_str(&format!(
            " {} neither answers nor drew an answer still in force, so it is lifted on its own.",
            name(first)
        ));
    }
    let mut by_reason: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (dep, why) in &group.needs {
        if let Some(pos) = position.get(dep) {
            by_reason.entry(why).or_default().push(*pos);
        }
    }
    for (why, mut steps) in by_reason {
        steps.sort_unstable();
        let list: Vec<String> = steps.iter().map(usize::to_string).collect();
        let word = if steps.len() == 1 { "step" } else { "steps" };
        text.push_str(&format!(" Comes after {word} {}: {why}.", list.join(", ")));
    }
    if changes.is_empty() {
        text.push_str(" No dimension of parity changes with it alone.");
    } else {
        let labels: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
        text.push_str(&format!(" Parity changes on: {}.", labels.join(", ")));
    }
    for c in covered_by {
        text.push_str(&format!(
            " Already covered by commitment `{}` ({}), which {} it.",
            c.commitment,
            c.status.as_str().replace('_', " "),
            if c.promise == "lifts" {
                "promises to lift"
            } else {
                "promises to ease"
            }
        ));
    }
    text
}
