//! The rules of acts about commitments, next to the commitments' fold.

use crate::access::Reader;
use crate::act::CommitmentAct;
use crate::ids::{RelationKey, StateCode};
use crate::image::measures::MeasureEvent;
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::CommitmentStatus;

use super::{CommitmentEvent, CommitmentRecord};

impl SubjectRules for CommitmentAct {
    fn touched(&self, image: &Image, reader: Reader) -> Vec<Touched> {
        let commitment = self.commitment();
        let own = std::iter::once(Touched::Commitment(commitment.clone()));
        match self {
            // Keeping a commitment lifts the measures it promised to lift.
            CommitmentAct::Kept { .. } => own
                .chain(
                    image
                        .promised_lifts(commitment, reader)
                        .into_iter()
                        .map(Touched::Measure),
                )
                .collect(),
            CommitmentAct::Made(_) | CommitmentAct::StatusChanged { .. } => own.collect(),
        }
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        match self {
            CommitmentAct::Made(c) => image.check_commitment(c, at.correcting, at.reader),
            CommitmentAct::StatusChanged { commitment, .. } => image.commitment(commitment),
            CommitmentAct::Kept {
                commitment,
                evidence,
            } => {
                image.commitment(commitment)?;
                if evidence.trim().is_empty() {
                    return Err(RuleViolation::new(
                        RuleCode::CommitmentKeptNeedsAct,
                        "a kept commitment needs its evidence",
                    )
                    .field("evidence"));
                }
                Ok(())
            }
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        match self {
            CommitmentAct::Made(c) => {
                let relation = match c.parties.as_slice()[..] {
                    [x, y, ..] => RelationKey::new(x, y),
                    _ => {
                        return Err(ReplayError {
                            seq: at.seq,
                            message: "a commitment needs two parties".into(),
                        })
                    }
                };
                let record = image
                    .commitments
                    .entry(c.commitment.clone())
                    .or_insert_with(|| CommitmentRecord {
                        id: c.commitment.clone(),
                        relation,
                        events: Vec::new(),
                    });
                let fresh = record.events.is_empty();
                at.push(&mut record.events, CommitmentEvent::Made(c.clone()));
                if fresh {
                    image
                        .relation_mut(relation)
                        .commitments
                        .push(c.commitment.clone());
                }
            }
            CommitmentAct::StatusChanged {
                commitment,
                status,
                evidence,
            } => {
                at.push_to(
                    image.commitments.get_mut(commitment).map(|r| &mut r.events),
                    "commitment",
                    commitment,
                    CommitmentEvent::Status {
                        status: *status,
                        evidence: evidence.clone(),
                    },
                )?;
            }
            CommitmentAct::Kept {
                commitment,
                evidence,
            } => {
                let lifts = image.promised_lifts(commitment, at.reader);
                at.push_to(
                    image.commitments.get_mut(commitment).map(|r| &mut r.events),
                    "commitment",
                    commitment,
                    CommitmentEvent::Kept {
                        evidence: evidence.clone(),
                    },
                )?;
                for measure in &lifts {
                    at.push_to(
                        image.measures.get_mut(measure).map(|r| &mut r.events),
                        "measure",
                        measure,
                        MeasureEvent::Lifted {
                            summary: Some(format!("lifted as commitment `{commitment}` was kept")),
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    fn acting(&self, image: &Image) -> Vec<StateCode> {
        match self {
            // An undertaking of one state is that state's to record; one of both, either's.
            // (A correction is checked on its new terms, so it cannot hand one state's
            // promise to the other.)
            CommitmentAct::Made(c) => match c.undertaken_by[..] {
                [one] => vec![one],
                _ => Vec::new(),
            },
            CommitmentAct::StatusChanged {
                commitment, status, ..
            } => match status {
                CommitmentStatus::InProgress
                | CommitmentStatus::Withdrawn
                | CommitmentStatus::Kept => image.undertakers(commitment),
                CommitmentStatus::Open | CommitmentStatus::Broken => Vec::new(),
            },
            CommitmentAct::Kept { commitment, .. } => {
                let mut states = image.undertakers(commitment);
                states.extend(image.commitment_lifts_actors(commitment));
                states
            }
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            CommitmentAct::Made(c) => {
                let mut out: Vec<(Named<'_>, &'static str)> = Vec::new();
                out.extend(c.round.iter().map(|r| (Named::Round(r), "round")));
                out.extend(c.lifts.iter().map(|m| (Named::Measure(m), "lifts")));
                out.extend(c.eases.iter().map(|m| (Named::Measure(m), "eases")));
                out
            }
            CommitmentAct::StatusChanged { commitment, .. }
            | CommitmentAct::Kept { commitment, .. } => {
                vec![(Named::Commitment(commitment), "commitment")]
            }
        }
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            CommitmentAct::Made(_) => by_states(self.states_named(), alone),
            CommitmentAct::StatusChanged { commitment, .. }
            | CommitmentAct::Kept { commitment, .. } => {
                image.commitments.get(commitment).map(|r| r.relation)
            }
        }
    }

    fn belongs_field(&self) -> &'static str {
        match self {
            CommitmentAct::Made(_) => "parties",
            _ => "kind",
        }
    }

    fn one_relation_field(&self) -> &'static str {
        self.belongs_field()
    }
}
