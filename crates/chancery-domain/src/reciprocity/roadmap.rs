//! A normalisation roadmap: the standing measures in force, grouped into reciprocal steps along
//! the answers graph and unwound last-in-first-out, with the dependencies that practice imposes,
//! each step's effect on parity and on the index, and the commitments that already cover it.
//!
//! The method, in the words a negotiator can argue with:
//! 1. **Pairing.** Take the standing measure in force that was taken last. Its step also lifts
//!    the measures in force it answered and the answers it drew. If that leaves the step with
//!    one side only while the answers graph (through any measures, events and lifted ones
//!    included) connects it to measures of the other side still in force, the nearest of those
//!    joins the step, so that both sides give something. Repeat with the latest measure not yet
//!    placed.
//! 2. **Order.** Reciprocal steps come last-in-first-out: the most recent escalation is undone
//!    first. Measures with no counterpart in force come after them, labelled unilateral, and
//!    last the measures verdicts do not rest on (a private body's, a local authority's, a
//!    symbolic or low-confidence one), labelled as such.
//! 3. **Dependencies** bring forward, just before a step, the steps it needs against the same
//!    mission:
//!    diplomatic visas before a staff cap is raised (new staff need visas to fill a higher cap);
//!    local hiring before consular service returns (consular sections run on local staff);
//!    premises before a closed post reopens.
//! 4. **Effect.** Each step's liftings are applied, hypothetically and cumulatively, the day
//!    after the roadmap's date, with what they let happen (a post closed under a lifted measure
//!    reopens, premises barred or seized under it are returned), stated as assumptions. Events
//!    (expulsions, summonses) are never lifted: they happened; their standing consequences are
//!    measures of their own. The index is on the overview's scale (the same baseline), with the
//!    change from today beside it.
//!
//! Deterministic: ties are broken by journal order.

mod said;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::act::MeasureAct;
use crate::act::{Act, ActBody, Envelope};
use crate::consular::capacity::WaitsFor;
use crate::date::{CivilDate, ValidDate};
use crate::ids::{CommitmentId, MeasureId, RelationKey, StateCode};
use crate::image::measures::MeasureStatus;
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::{MeasureFilter, MeasureView};
use crate::reciprocity::consequences::{Assumption, AssumptionSaid};
use crate::reciprocity::consular_effects::{consular_changes, ConsularChange};
use crate::reciprocity::index::{weight, IndexError, Step, SCALE};
use crate::reciprocity::parity::{Definition, Dimension};
use crate::vocab::{Capacity, CommitmentStatus, Confidence, MeasureKind};

pub use said::{CoverSaid, LiftedSaid, LinkSaid, Need, ParitySaid, SideSaid, StepSaid, WhySaid};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roadmap {
    pub as_of: CivilDate,
    pub definition: Definition,
    /// How many standing measures are in force, announced or uncertain on `as_of`: every one is
    /// lifted by exactly one step. Events are never counted: they are not in force.
    pub measures_in_force: usize,
    /// The index's baseline: the overview's, so that the figures share its scale.
    pub baseline: CivilDate,
    /// The index on `as_of`, against `baseline`: combined and per side.
    pub index_now: f64,
    pub index_now_by_side: BTreeMap<StateCode, f64>,
    pub steps: Vec<RoadmapStep>,
    /// The method, in sentences.
    pub method: &'static str,
}

/// Why a step is where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StepKind {
    /// Both sides lift something.
    Reciprocal,
    /// One side only: nothing of the other side in force is connected to it.
    Unilateral,
    /// Measures verdicts do not rest on: not the host government's, symbolic, or
    /// low-confidence. Listed so that nothing in force is hidden.
    NotReciprocity,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoadmapStep {
    /// 1-based position in the roadmap.
    pub order: usize,
    pub kind: StepKind,
    pub lift: Vec<StepMeasure>,
    /// Orders of the steps that must come first.
    pub depends_on: Vec<usize>,
    /// What the liftings are assumed to let happen.
    pub assumptions: Vec<Assumption>,
    pub effect: Effect,
    /// Commitments (not withdrawn) that promise to lift or ease a measure of this step.
    pub covered_by: Vec<Coverage>,
    pub explanation: String,
    /// What `explanation` says, for a page to word in its own language.
    #[serde(skip)]
    pub said: StepSaid,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepMeasure {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub target: StateCode,
    pub kind: MeasureKind,
    /// When it was taken.
    pub date: ValidDate,
    pub effective: ValidDate,
    pub summary: String,
    pub capacity: Capacity,
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
    /// Consular capacity and median waits this step changes at the posts (only for a relation
    /// whose record holds a consular staff figure).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consular: Vec<ConsularChange>,
    /// Standing measures still in force after this step.
    pub measures_in_force_after: usize,
    /// The normalisation index after this and the earlier steps, on the overview's scale (100
    /// at the roadmap's baseline; above 100 = less restricted): combined and per side.
    pub index_combined: f64,
    pub index: BTreeMap<StateCode, f64>,
    /// The change from the index on the roadmap's date: combined and per side.
    pub index_change_combined: f64,
    pub index_change: BTreeMap<StateCode, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionChange {
    pub key: String,
    /// Before and after, without their basis (see parity for the acts behind the figures).
    pub before: Dimension,
    pub after: Dimension,
}

pub const METHOD: &str = "Each step lifts the standing measure in force that was taken last, together with the measures in force it answered and the answers it drew; if that leaves one side only while the answers graph connects it to measures of the other side still in force, the nearest of those joins the step, so that both sides give something. Reciprocal steps run last-in-first-out; measures with no counterpart in force follow, labelled unilateral; last come measures verdicts do not rest on (not the host government's, symbolic or low-confidence). The steps a step needs against the same mission come just before it: diplomatic visas before a staff cap is raised, local hiring before consular service returns, premises before a closed post reopens. Events (expulsions, summonses) are never lifted. Effects are computed by lifting each step's measures, cumulatively and hypothetically, the day after the roadmap's date, assuming that posts closed and premises barred or seized under a lifted measure reopen and are returned; the index is on the overview's scale, against the same baseline.";

/// What a step needs first: (kind in this step, kind it waits for, why).
const NEEDS: &[(MeasureKind, &[MeasureKind], Need)] = &[
    (
        MeasureKind::StaffCap,
        &[MeasureKind::VisaRestriction],
        Need::Visas,
    ),
    (
        MeasureKind::ConsularServiceRestriction,
        &[MeasureKind::LocalStaffLimit],
        Need::LocalHiring,
    ),
    (
        MeasureKind::PostClosure,
        &[
            MeasureKind::PremisesAccessBarred,
            MeasureKind::PremisesSeized,
        ],
        Need::Premises,
    ),
];

fn step_measure(m: &MeasureView) -> StepMeasure {
    StepMeasure {
        id: m.id.clone(),
        external_ref: m.external_ref.clone(),
        actor: m.actor,
        target: m.target,
        kind: m.kind,
        date: m.date,
        effective: m.effective,
        summary: m.summary.clone(),
        capacity: m.capacity,
        answers: m.answers.clone(),
    }
}

fn name(m: &StepMeasure) -> String {
    m.external_ref.clone().unwrap_or_else(|| m.id.to_string())
}

/// Whether verdicts rest on the measure under the view's options.
fn weighs(m: &MeasureView, view: &View) -> bool {
    m.capacity == Capacity::HostGovernment
        && !m.symbolic
        && (view.verdicts.include_low_confidence || m.confidence != Some(Confidence::Low))
}

/// A dimension as a step's change shows it: figures and verdict, not the acts behind them,
/// which parity gives. Each step carrying every basis made the roadmap grow with the square of
/// the measures in force.
pub(crate) fn without_basis(d: &Dimension) -> Dimension {
    Dimension {
        basis: Vec::new(),
        ..d.clone()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
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
        if let Some(by) = view.verdicts.include_claims_of {
            self.check_relation(a, b, &view)?;
            let with = self.with_claims(a, b, view.reader, by);
            return with.roadmap(a, b, view.without_claims(), def);
        }
        let as_of = view.as_of;
        let known = self.measures(a, b, view, MeasureFilter::Imposed)?;
        // What stands on the day and what is announced or uncertain then: all of it would be
        // in force after the last step otherwise. Events are never here.
        let in_force: Vec<MeasureView> = known
            .iter()
            .filter(|m| {
                matches!(
                    m.status,
                    MeasureStatus::InForce | MeasureStatus::Announced | MeasureStatus::Uncertain
                )
            })
            .cloned()
            .collect();
        let groups = pair_reciprocal(&known, &in_force, &view);
        let order = order_with_dependencies(&groups);
        let commitments = self.commitments(a, b, view)?;

        let baseline = self.default_baseline(a, b, view);
        let series = self.normalisation_index(a, b, as_of, as_of, baseline, Step::Days(1), view)?;
        let base = series.baseline_restriction.clone();
        let initial: BTreeMap<StateCode, f64> = series
            .points
            .first()
            .map(|p| p.sides.iter().map(|(s, v)| (*s, v.restriction)).collect())
            .unwrap_or_default();
        let index_of = |restriction: &BTreeMap<StateCode, f64>| -> BTreeMap<StateCode, f64> {
            restriction
                .iter()
                .map(|(s, r)| {
                    let b = base.get(s).copied().unwrap_or(0.0);
                    (*s, round2(100.0 * (SCALE + b) / (SCALE + r)))
                })
                .collect()
        };
        let combined =
            |index: &BTreeMap<StateCode, f64>| round2(index.values().product::<f64>().sqrt());
        let index_now_by_side = index_of(&initial);
        let index_now = combined(&index_now_by_side);

        let next_day = ValidDate::day(as_of.add_days(1));
        let after_view = view.on(as_of.add_days(1));
        let mut copy = self.slice_for(a, b, view.reader);
        // The steps are taken the day after `as_of`, on the record as it stood: later stages,
        // liftings and closures would refuse them.
        copy.truncate_after(as_of);
        let mut before = copy.parity(a, b, after_view, def)?;
        let consular = copy.has_consular_figures(RelationKey::new(a, b));
        let mut capacity_before = if consular {
            Some(copy.consular_capacity_for(a, b, after_view, WaitsFor::None)?)
        } else {
            None
        };
        let mut remaining = in_force.len();
        // Each step's index follows by subtracting the weights of what it lifts: exact under
        // the index's formula, and far cheaper than recomputing the series.
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
            let mut assumptions = Vec::new();
            for m in &group.measures {
                let lift = Act {
                    envelope: Envelope {
                        note: Some("roadmap step (hypothetical)".into()),
                        ..Envelope::on(next_day)
                    },
                    body: ActBody::Measure(MeasureAct::Lifted {
                        measure: m.measure.id.clone(),
                        summary: None,
                    }),
                };
                // What the lifting lets happen, seen on the record just before it.
                let follows = copy.consequences_of_lifting(&m.measure.id, after_view, next_day);
                // A measure in force on `as_of` can always be lifted the day after; a refusal
                // here would mean the image is inconsistent, so the step is reported unchanged.
                match copy.record(&lift, 0) {
                    Ok(_) => {
                        remaining -= 1;
                        for (act, assumption) in follows {
                            if copy.record(&act, 0).is_ok() {
                                assumptions.push(assumption);
                            }
                        }
                    }
                    // Not expected on a record cut at `as_of`; said rather than hidden.
                    Err(e) => assumptions.push(Assumption::new(
                        m.measure.id.clone(),
                        "lift_refused",
                        m.measure.id.to_string(),
                        AssumptionSaid::LiftRefused {
                            measure: name(&m.measure),
                            code: e.code,
                        },
                    )),
                }
            }
            let after = copy.parity(a, b, after_view, def)?;
            let changes: Vec<DimensionChange> = before
                .dimensions
                .iter()
                .zip(after.dimensions.iter())
                .filter(|(x, y)| y.changed_from(x))
                .map(|(x, y)| DimensionChange {
                    key: x.key.to_string(),
                    before: without_basis(x),
                    after: without_basis(y),
                })
                .collect();
            let mut consular_change = Vec::new();
            if let Some(cap0) = &capacity_before {
                let cap1 = copy.consular_capacity_for(a, b, after_view, WaitsFor::None)?;
                consular_change = consular_changes(cap0, &cap1);
                capacity_before = Some(cap1);
            }
            for m in group.measures.iter().filter(|m| m.counted_now) {
                if let Some(r) = restriction.get_mut(&m.measure.target) {
                    *r = (*r - weight(m.measure.kind)).max(0.0);
                }
            }
            let index = index_of(&restriction);
            let index_combined = combined(&index);
            let index_change: BTreeMap<StateCode, f64> = index
                .iter()
                .map(|(s, v)| {
                    (
                        *s,
                        round2(v - index_now_by_side.get(s).copied().unwrap_or(*v)),
                    )
                })
                .collect();
            let depends_on: Vec<usize> = group
                .needs
                .iter()
                .filter_map(|(dep, _)| position.get(dep).copied())
                .collect();
            let lift: Vec<StepMeasure> = group.measures.iter().map(|m| m.measure.clone()).collect();
            let covered_by = coverage(&lift, &commitments);
            let said = explain(
                pos + 1,
                group,
                &changes,
                &covered_by,
                &assumptions,
                &position,
                &links,
            );
            steps.push(RoadmapStep {
                order: pos + 1,
                kind: group.kind,
                lift,
                depends_on,
                assumptions,
                effect: Effect {
                    parity: changes,
                    consular: consular_change,
                    measures_in_force_after: remaining,
                    index_combined,
                    index,
                    index_change_combined: round2(index_combined - index_now),
                    index_change,
                },
                covered_by,
                explanation: said.english(),
                said,
            });
            before = after;
        }
        Ok(Roadmap {
            as_of,
            definition: *def,
            measures_in_force: in_force.len(),
            baseline,
            index_now,
            index_now_by_side,
            steps,
            method: METHOD,
        })
    }
}

struct Member {
    measure: StepMeasure,
    /// Today's index counts it: it weighs and is not merely announced, so lifting it takes its
    /// weight off. Lifting an announced measure keeps today's figure and stops it biting later.
    counted_now: bool,
}

struct Group {
    measures: Vec<Member>,
    kind: StepKind,
    /// A member of the other side joined through the answers graph, not a direct answer.
    joined: Option<MeasureId>,
    /// (index of the group needed, why).
    needs: Vec<(usize, Need)>,
}

/// The answers graph over every measure the view knows, undirected.
fn neighbours(known: &[MeasureView]) -> BTreeMap<&MeasureId, Vec<&MeasureId>> {
    let mut adj: BTreeMap<&MeasureId, Vec<&MeasureId>> = BTreeMap::new();
    let ids: BTreeSet<&MeasureId> = known.iter().map(|m| &m.id).collect();
    for m in known {
        for a in m.answers.iter().filter(|a| ids.contains(a)) {
            adj.entry(&m.id).or_default().push(a);
            adj.entry(a).or_default().push(&m.id);
        }
    }
    adj
}

/// The measures reachable from `from`, nearest first (breadth-first; ties in the order the
/// graph lists them).
fn by_distance<'a>(
    from: &'a MeasureId,
    adj: &BTreeMap<&'a MeasureId, Vec<&'a MeasureId>>,
) -> Vec<&'a MeasureId> {
    let mut seen: BTreeSet<&MeasureId> = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    let mut out = Vec::new();
    while let Some(id) = queue.pop_front() {
        for next in adj.get(id).into_iter().flatten() {
            if seen.insert(next) {
                out.push(*next);
                queue.push_back(next);
            }
        }
    }
    out
}

/// Groups the standing measures in force into steps (see the module's method).
fn pair_reciprocal(known: &[MeasureView], in_force: &[MeasureView], view: &View) -> Vec<Group> {
    let adj = neighbours(known);
    let mut order: Vec<&MeasureView> = in_force.iter().collect();
    order.sort_by_key(|m| std::cmp::Reverse((m.date, m.recorded_seq)));
    let by_id: BTreeMap<&MeasureId, &MeasureView> = in_force.iter().map(|m| (&m.id, m)).collect();
    let mut placed: BTreeSet<&MeasureId> = BTreeSet::new();
    let mut reciprocal = Vec::new();
    let mut unilateral = Vec::new();
    let mut apart = Vec::new();
    let member = |m: &MeasureView| Member {
        measure: step_measure(m),
        counted_now: weighs(m, view) && m.status != MeasureStatus::Announced,
    };
    for m in order.iter().copied() {
        if placed.contains(&m.id) {
            continue;
        }
        placed.insert(&m.id);
        if !weighs(m, view) {
            apart.push(Group {
                measures: vec![member(m)],
                kind: StepKind::NotReciprocity,
                joined: None,
                needs: Vec::new(),
            });
            continue;
        }
        let mut members = vec![m];
        let candidates = |x: &MeasureView| by_id.get(&x.id).is_some_and(|x| weighs(x, view));
        for answered in &m.answers {
            if let Some(x) = by_id.get(answered) {
                if candidates(x) && placed.insert(&x.id) {
                    members.push(x);
                }
            }
        }
        for other in in_force {
            if other.answers.contains(&m.id) && candidates(other) && placed.insert(&other.id) {
                members.push(other);
            }
        }
        let mut joined = None;
        if members.iter().all(|x| x.actor == m.actor) {
            let nearest = by_distance(&m.id, &adj).into_iter().find_map(|id| {
                let x = by_id.get(id)?;
                (x.actor != m.actor && !placed.contains(&x.id) && weighs(x, view)).then_some(*x)
            });
            if let Some(x) = nearest {
                placed.insert(&x.id);
                joined = Some(x.id.clone());
                members.push(x);
            }
        }
        members.sort_by_key(|m| std::cmp::Reverse((m.date, m.recorded_seq)));
        let two_sided = members.iter().any(|x| x.actor != m.actor);
        let group = Group {
            measures: members.iter().map(|x| member(x)).collect(),
            kind: if two_sided {
                StepKind::Reciprocal
            } else {
                StepKind::Unilateral
            },
            joined,
            needs: Vec::new(),
        };
        if two_sided {
            reciprocal.push(group);
        } else {
            unilateral.push(group);
        }
    }
    let mut groups = reciprocal;
    groups.extend(unilateral);
    groups.extend(apart);
    for i in 0..groups.len() {
        let mut needs = Vec::new();
        for m in &groups[i].measures {
            let m = &m.measure;
            for (kind, waits_for, why) in NEEDS {
                if m.kind != *kind {
                    continue;
                }
                for (j, other) in groups.iter().enumerate() {
                    let needed = other.measures.iter().any(|o| {
                        waits_for.contains(&o.measure.kind)
                            && (o.measure.actor, o.measure.target) == (m.actor, m.target)
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

/// In the groups' order, except that a step's needs come just before it (depth first, in the
/// groups' order), so that a step pulls forward only what it waits for. A cycle of needs is
/// broken where it closes.
fn order_with_dependencies(groups: &[Group]) -> Vec<usize> {
    fn visit(i: usize, groups: &[Group], state: &mut [u8], order: &mut Vec<usize>) {
        // 0 unvisited, 1 in progress (a cycle closes here), 2 placed.
        if state[i] != 0 {
            return;
        }
        state[i] = 1;
        let mut needs: Vec<usize> = groups[i].needs.iter().map(|(j, _)| *j).collect();
        needs.sort_unstable();
        for j in needs {
            visit(j, groups, state, order);
        }
        state[i] = 2;
        order.push(i);
    }
    let mut state = vec![0u8; groups.len()];
    let mut order = Vec::with_capacity(groups.len());
    for i in 0..groups.len() {
        visit(i, groups, &mut state, &mut order);
    }
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
            for m in group.measures.iter().map(|m| &m.measure) {
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
    assumptions: &[Assumption],
    position: &BTreeMap<usize, usize>,
    links: &Links,
) -> StepSaid {
    let measures: Vec<&StepMeasure> = group.measures.iter().map(|m| &m.measure).collect();
    let mut sides: BTreeMap<StateCode, Vec<LiftedSaid>> = BTreeMap::new();
    for m in &measures {
        sides.entry(m.actor).or_default().push(LiftedSaid {
            name: name(m),
            kind: m.kind,
            effective: m.effective,
        });
    }
    let first = measures[0];
    let here: BTreeSet<&MeasureId> = measures.iter().map(|m| &m.id).collect();
    let mut elsewhere = Vec::new();
    for m in &measures {
        for answered in m.answers.iter().filter(|x| !here.contains(x)) {
            if let Some(step) = links.step_of.get(answered) {
                elsewhere.push(LinkSaid::Answers {
                    measure: name(m),
                    answered: links.name(answered),
                    step: *step,
                });
            }
        }
        for (other, step) in links.answered_by.get(&m.id).into_iter().flatten() {
            if !here.contains(other) {
                elsewhere.push(LinkSaid::AnsweredBy {
                    answer: links.name(other),
                    measure: name(m),
                    step: *step,
                });
            }
        }
    }
    let why = match group.kind {
        StepKind::NotReciprocity => WhySaid::NotReciprocity {
            measure: name(first),
            capacity: first.capacity,
            actor: first.actor,
        },
        StepKind::Unilateral => WhySaid::Unilateral {
            measure: name(first),
        },
        StepKind::Reciprocal => match &group.joined {
            Some(j) => WhySaid::Joined {
                latest: name(first),
                joined: links.name(j),
            },
            None => WhySaid::Latest {
                latest: name(first),
            },
        },
    };
    let mut by_reason: BTreeMap<Need, Vec<usize>> = BTreeMap::new();
    for (dep, why) in &group.needs {
        if let Some(pos) = position.get(dep) {
            by_reason.entry(*why).or_default().push(*pos);
        }
    }
    let needs = by_reason
        .into_iter()
        .map(|(why, mut steps)| {
            steps.sort_unstable();
            (why, steps)
        })
        .collect();
    StepSaid {
        order,
        sides: sides
            .into_iter()
            .map(|(actor, measures)| SideSaid { actor, measures })
            .collect(),
        why,
        links: elsewhere,
        needs,
        assumptions: assumptions.iter().map(|a| a.said.clone()).collect(),
        // The dimension's label, not its key: this sentence is read by people.
        parity: changes
            .iter()
            .map(|c| ParitySaid {
                key: c.before.key,
                label: c.before.label,
            })
            .collect(),
        covered: covered_by
            .iter()
            .map(|c| CoverSaid {
                commitment: c.commitment.clone(),
                status: c.status,
                lifts: c.promise == "lifts",
            })
            .collect(),
    }
}
