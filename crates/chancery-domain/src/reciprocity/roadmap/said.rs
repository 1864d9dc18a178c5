//! What a roadmap step's explanation says, as facts a page words in its own language;
//! [`StepSaid::english`] is the step's `explanation`, as the API and the command line give it.

use crate::date::ValidDate;
use crate::ids::{CommitmentId, StateCode};
use crate::reciprocity::consequences::AssumptionSaid;
use crate::vocab::{Capacity, CommitmentStatus, MeasureKind};

/// A measure the step lifts: its reference (or id), kind and effective date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiftedSaid {
    pub name: String,
    pub kind: MeasureKind,
    pub effective: ValidDate,
}

/// What one side lifts in the step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideSaid {
    pub actor: StateCode,
    pub measures: Vec<LiftedSaid>,
}

/// Why the step holds what it holds; measures by reference (or id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhySaid {
    /// Verdicts do not rest on the measure: not the host government's, or symbolic or
    /// low-confidence when it is.
    NotReciprocity {
        measure: String,
        capacity: Capacity,
        actor: StateCode,
    },
    Unilateral {
        measure: String,
    },
    /// `joined`, of the other side, was joined to the latest measure through the answers graph.
    Joined {
        latest: String,
        joined: String,
    },
    /// The latest measure with the move it answered and the answers it drew.
    Latest {
        latest: String,
    },
}

/// A link of the answers graph to a measure lifted in another step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkSaid {
    /// `measure`, lifted here, answers `answered`, lifted in `step`.
    Answers {
        measure: String,
        answered: String,
        step: usize,
    },
    /// `answer`, lifted in `step`, answered `measure`, lifted here.
    AnsweredBy {
        answer: String,
        measure: String,
        step: usize,
    },
}

/// Why a step waits for another against the same mission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// A staff cap waits for diplomatic visas.
    Visas,
    /// Consular service waits for local hiring.
    LocalHiring,
    /// A post's reopening waits for its premises.
    Premises,
}

impl Need {
    pub fn english(self) -> &'static str {
        match self {
            Need::Visas => "diplomatic visas must be issued before a higher cap can be used",
            Need::LocalHiring => "local hiring must return before consular service can",
            Need::Premises => "premises must be returned before a closed post can reopen",
        }
    }
}

/// A parity dimension the step changes: its key and its English label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParitySaid {
    pub key: &'static str,
    pub label: &'static str,
}

/// A commitment that already promises to lift (or ease) a measure of the step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverSaid {
    pub commitment: CommitmentId,
    pub status: CommitmentStatus,
    /// Lifts; otherwise eases.
    pub lifts: bool,
}

/// A step's explanation, sentence by sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepSaid {
    pub order: usize,
    pub sides: Vec<SideSaid>,
    pub why: WhySaid,
    pub links: Vec<LinkSaid>,
    /// The reasons it waits, each with the (sorted) steps it waits for.
    pub needs: Vec<(Need, Vec<usize>)>,
    pub assumptions: Vec<AssumptionSaid>,
    pub parity: Vec<ParitySaid>,
    pub covered: Vec<CoverSaid>,
}

fn spaced(code: &str) -> String {
    code.replace('_', " ")
}

impl StepSaid {
    pub fn english(&self) -> String {
        let lifts: Vec<String> = self
            .sides
            .iter()
            .map(|s| {
                let ms: Vec<String> = s
                    .measures
                    .iter()
                    .map(|m| format!("{} ({}, {})", m.name, spaced(m.kind.as_str()), m.effective))
                    .collect();
                format!("{} lifts {}", s.actor, ms.join(", "))
            })
            .collect();
        let mut text = format!("Step {}: {}.", self.order, lifts.join("; "));
        text.push_str(&self.why.english());
        if !self.links.is_empty() {
            let links: Vec<String> = self.links.iter().map(LinkSaid::english).collect();
            text.push_str(&format!(
                " Links lifted in other steps: {}.",
                links.join("; ")
            ));
        }
        for (need, steps) in &self.needs {
            let list: Vec<String> = steps.iter().map(usize::to_string).collect();
            let word = if steps.len() == 1 { "step" } else { "steps" };
            text.push_str(&format!(
                " Comes after {word} {}: {}.",
                list.join(", "),
                need.english()
            ));
        }
        for a in &self.assumptions {
            text.push_str(&format!(" Assumed: {}.", a.english()));
        }
        if self.parity.is_empty() {
            text.push_str(" No dimension of parity changes with it alone.");
        } else {
            let labels: Vec<&str> = self.parity.iter().map(|p| p.label).collect();
            text.push_str(&format!(" Parity changes on: {}.", labels.join(", ")));
        }
        for c in &self.covered {
            text.push_str(&format!(
                " Already covered by commitment `{}` ({}), which {} it.",
                c.commitment,
                spaced(c.status.as_str()),
                if c.lifts {
                    "promises to lift"
                } else {
                    "promises to ease"
                }
            ));
        }
        text
    }
}

impl WhySaid {
    /// The sentence, with its leading space.
    fn english(&self) -> String {
        match self {
            WhySaid::NotReciprocity {
                measure,
                capacity,
                actor,
            } => format!(
                " {measure} is not a measure verdicts rest on ({}{}): it is listed so that nothing in force is hidden, and lifting it is no concession of {actor}.",
                spaced(capacity.as_str()),
                if *capacity == Capacity::HostGovernment {
                    ", symbolic or low-confidence"
                } else {
                    ""
                },
            ),
            WhySaid::Unilateral { measure } => format!(
                " Unilateral: nothing of the other side still in force is connected to {measure} through the answers graph, so it comes after the reciprocal steps unless one needs it."
            ),
            WhySaid::Joined { latest, joined } => format!(
                " {latest} is the latest measure not yet placed; {joined} joins it as the nearest measure of the other side in force that the answers graph connects to it, so that both sides give something."
            ),
            WhySaid::Latest { latest } => format!(
                " {latest} is the latest of these still in force; the others are the move it answered or the answers it drew, so they are undone together."
            ),
        }
    }
}

impl LinkSaid {
    pub fn english(&self) -> String {
        match self {
            LinkSaid::Answers {
                measure,
                answered,
                step,
            } => format!("{measure} answers {answered} (step {step})"),
            LinkSaid::AnsweredBy {
                answer,
                measure,
                step,
            } => format!("{answer} answered {measure} (step {step})"),
        }
    }
}
