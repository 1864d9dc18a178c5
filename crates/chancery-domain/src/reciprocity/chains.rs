//! Escalation chains (DESIGN.md §4): the graph of "answers" links between the measures of a
//! relation, its chains, and one measure's lineage.
//!
//! A measure's `answers` name earlier measures of the other side. Seen from a [`View`], the
//! measures of a relation and those links form a graph; a **chain** is one connected component of
//! it with at least one link. A measure that answers nothing and that nothing answers is not a
//! chain: listing every isolated measure as a "chain of one" would drown the escalations a reader
//! is looking for, and those measures are already in the relation's measure listing.
//!
//! Recording refuses an answer to a certainly later measure (`answers_later_act`), so the graph
//! is meant to be acyclic. These walks do not rely on it: every walk is iterative and marks what
//! it has visited, and the longest-path count breaks any cycle it meets deterministically, so a
//! corrupt or unexpected journal gives a finite, stable answer rather than a hang or a stack
//! overflow on a long chain.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use crate::date::ValidDate;
use crate::ids::{MeasureId, RelationKey, StateCode};
use crate::image::measures::{MeasureState, MeasureStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::MeasureKind;

/// One escalation chain: measures linked by "answers", whichever way round.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Chain {
    /// The earliest measure that answers nothing in the chain: where the escalation began.
    pub start: ChainEnd,
    /// The latest measure of the chain.
    pub last: ChainEnd,
    /// Measures on the longest path of answers from a root (A, B answering A, A answering B: 3).
    pub length: usize,
    /// Measures in the chain.
    pub steps: usize,
    /// Measures of the chain in force on the view's date.
    pub in_force: usize,
    /// `in_force / steps`, from 0.0 (all lifted) to 1.0 (nothing lifted).
    pub in_force_share: f64,
    /// Per state of the relation, in the order asked: measures it took in this chain.
    pub sides: Vec<SideCount>,
    /// Every measure of the chain, by effective date (then order of recording).
    pub measures: Vec<ChainMeasure>,
}

/// The first or last measure of a chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainEnd {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub kind: MeasureKind,
    pub effective: ValidDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainMeasure {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub kind: MeasureKind,
    pub effective: ValidDate,
    pub lifted: Option<ValidDate>,
    pub in_force: bool,
    /// Where it stands on the view's day (an event has `happened`).
    pub status: MeasureStatus,
    /// The measures of this chain it answers. A measure the view does not see (imposed after the
    /// view's date, or not yet recorded) is left out, as it is from the chain.
    pub answers: Vec<MeasureId>,
    /// Measures on the longest path of answers from a root to this one: 1 for a measure that
    /// answers nothing, 2 for a direct answer to one ... The chain's `length` is the highest.
    pub level: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SideCount {
    pub state: StateCode,
    pub measures: usize,
    pub in_force: usize,
}

/// What a measure answers and what answers it, transitively.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lineage {
    /// The measure asked about (`depth` 0).
    pub measure: LineageMeasure,
    /// Measures it answers, directly (`depth` 1) or through others; nearest first.
    pub ancestors: Vec<LineageMeasure>,
    /// Measures that answer it, directly (`depth` 1) or through others; nearest first.
    pub descendants: Vec<LineageMeasure>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineageMeasure {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub kind: MeasureKind,
    pub effective: ValidDate,
    pub lifted: Option<ValidDate>,
    pub in_force: bool,
    /// Where it stands on the view's day (an event has `happened`).
    pub status: MeasureStatus,
    /// The fewest answer links between this measure and the one asked about.
    pub depth: usize,
}

/// A measure the view sees.
struct Node<'a> {
    id: &'a MeasureId,
    state: MeasureState<'a>,
}

impl Node<'_> {
    /// The order measures are listed in: effective date, then order of recording, then id, so
    /// that the output never depends on hash-map order.
    fn key(&self) -> (ValidDate, u64, &MeasureId) {
        (self.state.imposed.date, self.state.imposed.seq, self.id)
    }

    fn external_ref(&self) -> Option<String> {
        self.state.imposed.external_ref().map(str::to_owned)
    }

    fn end(&self) -> ChainEnd {
        ChainEnd {
            id: self.id.clone(),
            external_ref: self.external_ref(),
            actor: self.state.measure.actor,
            kind: self.state.measure.measure_kind,
            effective: self.state.imposed.date,
        }
    }

    fn lineage(&self, depth: usize) -> LineageMeasure {
        LineageMeasure {
            id: self.id.clone(),
            external_ref: self.external_ref(),
            actor: self.state.measure.actor,
            kind: self.state.measure.measure_kind,
            effective: self.state.terms().effective,
            lifted: self.state.lifted.map(|l| l.date),
            in_force: self.state.in_force(),
            status: self.state.status(),
            depth,
        }
    }
}

/// The answers graph of one relation as a view sees it. Nodes are indexed in [`Node::key`]
/// order, so iterating by index is iterating by date.
struct Graph<'a> {
    nodes: Vec<Node<'a>>,
    /// `answers[i]`: the nodes node `i` answers, ascending, without repeats or self-links.
    answers: Vec<Vec<usize>>,
    /// `answered_by[i]`: the nodes that answer node `i`, ascending.
    answered_by: Vec<Vec<usize>>,
}

impl<'a> Graph<'a> {
    fn build(image: &'a Image, key: RelationKey, view: &View) -> Self {
        let ids = image
            .relations
            .get(&key)
            .map_or(&[][..], |r| &r.measures[..]);
        let mut nodes: Vec<Node<'a>> = ids
            .iter()
            .filter_map(|id| {
                let record = image.measure_record(id)?;
                Some(Node {
                    id: &record.id,
                    state: record.state(view)?,
                })
            })
            .collect();
        image.drop_before_record(&mut nodes, key, view, |n| n.state.before_first_known);
        nodes.sort_by(|x, y| x.key().cmp(&y.key()));
        // The relation lists each measure once; should it not, equal ids have equal keys and
        // sit side by side after the sort.
        nodes.dedup_by(|x, y| x.id == y.id);

        let index: HashMap<&MeasureId, usize> =
            nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let mut answers = Vec::with_capacity(nodes.len());
        let mut answered_by = vec![Vec::new(); nodes.len()];
        for (i, node) in nodes.iter().enumerate() {
            // Links to measures the view does not see are dropped: the chain is what was known
            // and in effect then. A self-link (impossible when recorded: an answer must be the
            // other side's) would only make a node its own ancestor, so it is ignored too.
            let mut targets: Vec<usize> = node
                .state
                .measure
                .answers
                .iter()
                .filter_map(|a| index.get(a).copied())
                .filter(|&j| j != i)
                .collect();
            targets.sort_unstable();
            targets.dedup();
            for &j in &targets {
                // Pushed in ascending `i`, so each list ends up sorted.
                answered_by[j].push(i);
            }
            answers.push(targets);
        }
        Graph {
            nodes,
            answers,
            answered_by,
        }
    }

    fn position(&self, id: &MeasureId) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// For each node, the measures on the longest path of answers from a root ending at it.
    ///
    /// Kahn's topological order: a node is settled once everything it answers is. If nodes are
    /// left unsettled with nothing ready, the rest contains a cycle (which recording should have
    /// made impossible); the earliest of them is then settled counting only what is settled
    /// already, which drops the cycle's back link and keeps the result finite and deterministic.
    fn levels(&self) -> Vec<usize> {
        let n = self.nodes.len();
        let mut waiting: Vec<usize> = self.answers.iter().map(Vec::len).collect();
        let mut ready: VecDeque<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
        let mut level = vec![0; n];
        let mut settled = vec![false; n];
        let mut earliest_unsettled = 0;
        for _ in 0..n {
            let next = loop {
                match ready.pop_front() {
                    Some(i) if settled[i] => continue,
                    Some(i) => break Some(i),
                    None => break None,
                }
            };
            let i = match next {
                Some(i) => i,
                None => {
                    while earliest_unsettled < n && settled[earliest_unsettled] {
                        earliest_unsettled += 1;
                    }
                    if earliest_unsettled == n {
                        break;
                    }
                    earliest_unsettled
                }
            };
            settled[i] = true;
            level[i] = 1 + self.answers[i]
                .iter()
                .filter(|&&j| settled[j])
                .map(|&j| level[j])
                .max()
                .unwrap_or(0);
            for &k in &self.answered_by[i] {
                waiting[k] = waiting[k].saturating_sub(1);
                if waiting[k] == 0 && !settled[k] {
                    ready.push_back(k);
                }
            }
        }
        level
    }

    /// The connected components with at least one link, each ascending, in order of their
    /// earliest node.
    fn components(&self) -> Vec<Vec<usize>> {
        let n = self.nodes.len();
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        let mut queue = VecDeque::new();
        for first in 0..n {
            if seen[first] || (self.answers[first].is_empty() && self.answered_by[first].is_empty())
            {
                continue;
            }
            seen[first] = true;
            queue.push_back(first);
            let mut component = Vec::new();
            while let Some(i) = queue.pop_front() {
                component.push(i);
                for &j in self.answers[i].iter().chain(&self.answered_by[i]) {
                    if !seen[j] {
                        seen[j] = true;
                        queue.push_back(j);
                    }
                }
            }
            component.sort_unstable();
            out.push(component);
        }
        out
    }

    /// Breadth-first from `from` along `edges`: every node reached, with the fewest links to it,
    /// nearest first (then by date).
    fn reach(&self, from: usize, edges: &[Vec<usize>]) -> Vec<(usize, usize)> {
        let mut seen = vec![false; self.nodes.len()];
        seen[from] = true;
        let mut queue = VecDeque::from([(from, 0)]);
        let mut out = Vec::new();
        while let Some((i, depth)) = queue.pop_front() {
            for &j in &edges[i] {
                if !seen[j] {
                    seen[j] = true;
                    out.push((j, depth + 1));
                    queue.push_back((j, depth + 1));
                }
            }
        }
        out.sort_unstable_by_key(|&(j, depth)| (depth, j));
        out
    }

    /// The chain of one component, with the index of its start (for ordering chains).
    fn chain(
        &self,
        component: &[usize],
        levels: &[usize],
        sides: [StateCode; 2],
    ) -> (usize, Chain) {
        // Components are never empty; indices come from `components`, so they are in range.
        let first = component.first().copied().unwrap_or(0);
        let last = component.last().copied().unwrap_or(0);
        let start = component
            .iter()
            .copied()
            .find(|&i| self.answers[i].is_empty())
            .unwrap_or(first);
        let measures: Vec<ChainMeasure> = component
            .iter()
            .map(|&i| {
                let node = &self.nodes[i];
                ChainMeasure {
                    id: node.id.clone(),
                    external_ref: node.external_ref(),
                    actor: node.state.measure.actor,
                    kind: node.state.measure.measure_kind,
                    effective: node.state.terms().effective,
                    lifted: node.state.lifted.map(|l| l.date),
                    in_force: node.state.in_force(),
                    status: node.state.status(),
                    answers: self.answers[i]
                        .iter()
                        .map(|&j| self.nodes[j].id.clone())
                        .collect(),
                    level: levels[i],
                }
            })
            .collect();
        let steps = measures.len();
        let in_force = measures.iter().filter(|m| m.in_force).count();
        let chain = Chain {
            start: self.nodes[start].end(),
            last: self.nodes[last].end(),
            length: measures.iter().map(|m| m.level).max().unwrap_or(0),
            steps,
            in_force,
            in_force_share: if steps == 0 {
                0.0
            } else {
                in_force as f64 / steps as f64
            },
            sides: sides
                .iter()
                .map(|&state| SideCount {
                    state,
                    measures: measures.iter().filter(|m| m.actor == state).count(),
                    in_force: measures
                        .iter()
                        .filter(|m| m.actor == state && m.in_force)
                        .count(),
                })
                .collect(),
            measures,
        };
        (start, chain)
    }
}

impl Image {
    /// The escalation chains of the relation between `a` and `b` as the view sees them: among
    /// the measures imposed by `view.as_of` and known through `view.known_through`, every
    /// connected group linked by "answers" (isolated measures are not chains), ordered by the
    /// date of the measure that started each.
    pub fn chains(&self, a: StateCode, b: StateCode, view: View) -> Result<Vec<Chain>, QueryError> {
        self.check_relation(a, b, &view)?;
        let graph = Graph::build(self, RelationKey::new(a, b), &view);
        let levels = graph.levels();
        let mut chains: Vec<(usize, Chain)> = graph
            .components()
            .iter()
            .map(|c| graph.chain(c, &levels, [a, b]))
            .collect();
        // Node order is date order, so ordering by the start's index orders by start date, with
        // the same tie-breaks as everywhere else.
        chains.sort_by_key(|(start, _)| *start);
        Ok(chains.into_iter().map(|(_, c)| c).collect())
    }

    /// What `measure` answers and what answers it, transitively, as the view sees them; `None`
    /// if the view does not see the measure (unknown, not yet imposed, not yet recorded).
    pub fn lineage(&self, measure: &MeasureId, view: View) -> Option<Lineage> {
        let record = self.measure_record(measure)?;
        let graph = Graph::build(self, RelationKey::new(record.actor, record.target), &view);
        let me = graph.position(measure)?;
        let list = |reached: Vec<(usize, usize)>| {
            reached
                .into_iter()
                .map(|(i, depth)| graph.nodes[i].lineage(depth))
                .collect()
        };
        Some(Lineage {
            measure: graph.nodes[me].lineage(0),
            ancestors: list(graph.reach(me, &graph.answers)),
            descendants: list(graph.reach(me, &graph.answered_by)),
        })
    }
}
