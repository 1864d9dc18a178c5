//! The rules of acts about measures, next to the measures' fold.

use crate::access::Reader;
use crate::act::MeasureAct;
use crate::ids::{RelationKey, StateCode};
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::RuleViolation;

use super::{MeasureEvent, MeasureRecord};

impl SubjectRules for MeasureAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Measure(self.measure().clone())]
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        match self {
            MeasureAct::Imposed(m) => image.check_measure(m, at.date, at.correcting, at.reader),
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => {
                image.check_measure_change(c, at.date, at.reader)
            }
            MeasureAct::Lifted { measure, .. } => {
                image.live_measure(measure, "measure", at.reader).map(drop)
            }
        }
    }

    fn moves_record(&self, image: &Image) -> bool {
        match self {
            MeasureAct::Imposed(m) => image
                .measures
                .get(&m.measure)
                .is_some_and(|r| (r.actor, r.target) != (m.actor, m.target)),
            MeasureAct::Amended(_) | MeasureAct::Eased(_) | MeasureAct::Lifted { .. } => false,
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        match self {
            MeasureAct::Imposed(m) => {
                let record =
                    image
                        .measures
                        .entry(m.measure.clone())
                        .or_insert_with(|| MeasureRecord {
                            id: m.measure.clone(),
                            actor: m.actor,
                            target: m.target,
                            events: Vec::new(),
                        });
                let fresh = record.events.is_empty();
                at.push(&mut record.events, MeasureEvent::Imposed(m.clone()));
                if fresh {
                    image
                        .relation_mut(RelationKey::new(m.actor, m.target))
                        .measures
                        .push(m.measure.clone());
                }
            }
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => {
                let ev = if matches!(self, MeasureAct::Eased(_)) {
                    MeasureEvent::Eased(c.clone())
                } else {
                    MeasureEvent::Amended(c.clone())
                };
                at.push_to(
                    image.measures.get_mut(&c.measure).map(|r| &mut r.events),
                    "measure",
                    &c.measure,
                    ev,
                )?;
            }
            MeasureAct::Lifted { measure, summary } => {
                at.push_to(
                    image.measures.get_mut(measure).map(|r| &mut r.events),
                    "measure",
                    measure,
                    MeasureEvent::Lifted {
                        summary: summary.clone(),
                    },
                )?;
            }
        }
        Ok(())
    }

    fn acting(&self, image: &Image) -> Vec<StateCode> {
        match self {
            MeasureAct::Imposed(m) => vec![m.actor],
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => {
                image.measure_actor(&c.measure).into_iter().collect()
            }
            MeasureAct::Lifted { measure, .. } => {
                image.measure_actor(measure).into_iter().collect()
            }
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            MeasureAct::Imposed(m) => {
                let mut out: Vec<(Named<'_>, &'static str)> = Vec::new();
                out.extend(m.answers.iter().map(|a| (Named::Measure(a), "answers")));
                out.extend(
                    m.scope
                        .posts
                        .iter()
                        .map(|p| (Named::Post(p), "scope.posts")),
                );
                out.extend(
                    m.scope
                        .premises
                        .iter()
                        .map(|p| (Named::Premises(p), "scope.premises")),
                );
                out.extend(
                    m.scope
                        .members
                        .iter()
                        .map(|p| (Named::Member(p), "scope.members")),
                );
                out
            }
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => {
                let mut out: Vec<(Named<'_>, &'static str)> =
                    vec![(Named::Measure(&c.measure), "measure")];
                out.extend(c.answers.iter().map(|a| (Named::Measure(a), "answers")));
                if let Some(scope) = &c.scope {
                    out.extend(scope.posts.iter().map(|p| (Named::Post(p), "scope.posts")));
                    out.extend(
                        scope
                            .premises
                            .iter()
                            .map(|p| (Named::Premises(p), "scope.premises")),
                    );
                    out.extend(
                        scope
                            .members
                            .iter()
                            .map(|p| (Named::Member(p), "scope.members")),
                    );
                }
                out
            }
            MeasureAct::Lifted { measure, .. } => vec![(Named::Measure(measure), "measure")],
        }
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            MeasureAct::Imposed(_) => by_states(self.states_named(), alone),
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => image
                .measures
                .get(&c.measure)
                .map(|r| RelationKey::new(r.actor, r.target)),
            MeasureAct::Lifted { measure, .. } => image
                .measures
                .get(measure)
                .map(|r| RelationKey::new(r.actor, r.target)),
        }
    }

    fn belongs_field(&self) -> &'static str {
        match self {
            MeasureAct::Imposed(_) => "target",
            MeasureAct::Amended(_) | MeasureAct::Eased(_) | MeasureAct::Lifted { .. } => "kind",
        }
    }
}
