//! The rules of talks (rounds, agreements, statements), next to the relations that file them.

use crate::access::Reader;
use crate::act::TalksAct;
use crate::ids::{RelationKey, StateCode};
use crate::image::checks::unknown;
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::parties::Parties;
use crate::rules::{RuleCode, RuleViolation};

use super::TalkEvent;

/// Talks are filed under the relation of their first two parties (or the venue state).
fn talks_key(parties: &Parties, venue_state: StateCode) -> RelationKey {
    if let Some(relation) = parties.relation() {
        return relation;
    }
    match parties.as_slice() {
        [a, b, ..] => RelationKey::new(*a, *b),
        [a] => RelationKey::new(*a, venue_state),
        [] => RelationKey::new(venue_state, venue_state),
    }
}

impl TalksAct {
    fn filed_under(&self) -> RelationKey {
        match self {
            TalksAct::RoundHeld {
                parties,
                venue_state,
                ..
            }
            | TalksAct::RoundCancelled {
                parties,
                venue_state,
                ..
            }
            | TalksAct::Agreement {
                parties,
                venue_state,
                ..
            } => talks_key(parties, *venue_state),
            TalksAct::Statement { by, about, .. } => RelationKey::new(*by, *about),
        }
    }
}

impl SubjectRules for TalksAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Talks(self.filed_under())]
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        match self {
            TalksAct::RoundHeld { round, parties, .. }
            | TalksAct::RoundCancelled { round, parties, .. } => {
                if image.rounds.contains_key(round) && !at.correcting {
                    return Err(RuleViolation::new(
                        RuleCode::DuplicateId,
                        format!("round `{round}` is already recorded"),
                    )
                    .field("round"));
                }
                image.parties(parties)
            }
            TalksAct::Agreement { parties, round, .. } => {
                image.parties(parties)?;
                match round {
                    Some(r) if !image.rounds.contains_key(r) => {
                        Err(unknown(RuleCode::UnknownRound, "round", r))
                    }
                    _ => Ok(()),
                }
            }
            TalksAct::Statement { by, about, .. } => image.pair(*by, *about, "by", "about"),
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let ev = match self {
            TalksAct::RoundHeld {
                round,
                parties,
                venue_state,
                venue,
                level,
                heads_of_delegation,
                agenda,
                outcome,
            } => {
                image.rounds.entry(round.clone()).or_insert(at.seq);
                TalkEvent::RoundHeld {
                    round: round.clone(),
                    parties: parties.to_vec(),
                    venue_state: *venue_state,
                    venue: venue.clone(),
                    level: level.clone(),
                    heads_of_delegation: heads_of_delegation.clone(),
                    agenda: agenda.clone(),
                    outcome: outcome.clone(),
                }
            }
            TalksAct::RoundCancelled {
                round,
                parties,
                venue_state,
                cancelled_by,
                outcome,
            } => {
                image.rounds.entry(round.clone()).or_insert(at.seq);
                TalkEvent::RoundCancelled {
                    round: round.clone(),
                    parties: parties.to_vec(),
                    venue_state: *venue_state,
                    cancelled_by: *cancelled_by,
                    outcome: outcome.clone(),
                }
            }
            TalksAct::Agreement {
                parties,
                venue_state,
                round,
                summary,
            } => TalkEvent::Agreement {
                parties: parties.to_vec(),
                venue_state: *venue_state,
                round: round.clone(),
                summary: summary.clone(),
            },
            TalksAct::Statement { by, summary, .. } => TalkEvent::Statement {
                by: *by,
                summary: summary.clone(),
            },
        };
        let r = image.relation_mut(self.filed_under());
        at.push(&mut r.talks, ev);
        Ok(())
    }

    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        match self {
            TalksAct::RoundCancelled { cancelled_by, .. } => cancelled_by.iter().copied().collect(),
            TalksAct::Statement { by, .. } => vec![*by],
            TalksAct::RoundHeld { .. } | TalksAct::Agreement { .. } => Vec::new(),
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            TalksAct::Agreement { round, .. } => {
                round.iter().map(|r| (Named::Round(r), "round")).collect()
            }
            _ => Vec::new(),
        }
    }

    fn relation(&self, _image: &Image) -> Option<RelationKey> {
        by_states(self.states_named(), alone)
    }

    fn belongs_field(&self) -> &'static str {
        match self {
            TalksAct::Statement { .. } => "about",
            _ => "parties",
        }
    }

    fn one_relation_field(&self) -> &'static str {
        match self {
            TalksAct::RoundCancelled { .. } => "cancelled_by",
            TalksAct::RoundHeld { .. } | TalksAct::Agreement { .. } => "parties",
            TalksAct::Statement { .. } => "kind",
        }
    }
}
