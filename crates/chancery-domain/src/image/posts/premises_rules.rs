//! The rules of acts about premises, next to the premises' fold.

use crate::access::Reader;
use crate::act::PremisesAct;
use crate::ids::{RelationKey, StateCode};
use crate::image::checks::{dup, unknown};
use crate::image::subject::{by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};

use super::{PremisesEvent, PremisesInfo, PremisesRecord};

impl SubjectRules for PremisesAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Premises(self.premises().clone())]
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        let known = |premises: &crate::ids::PremisesId| {
            image
                .premises
                .get(premises)
                .ok_or_else(|| unknown(RuleCode::UnknownPremises, "premises", premises))
        };
        match self {
            PremisesAct::Acquired { premises, post, .. } => {
                if image.premises.contains_key(premises) && !at.correcting {
                    return Err(dup(crate::rules::Thing::Premises, premises, "premises"));
                }
                image.post_usable_on(post, at.date, at.reader)
            }
            PremisesAct::AccessBarred {
                premises,
                by,
                measure,
            }
            | PremisesAct::Seized {
                premises,
                by,
                measure,
            }
            | PremisesAct::StatusRemoved {
                premises,
                by,
                measure,
            } => {
                let r = known(premises)?;
                if *by != r.host {
                    return Err(RuleViolation::new(
                        RuleCode::PremisesActionByNonHost,
                        format!("only the host state {} can bar access to, seize or remove the diplomatic status of premises `{premises}` (not {by})", r.host),
                    )
                    .article("VCDR Art. 22")
                    .field("by"));
                }
                image.cited_measure(measure.as_ref(), r.sending, r.host, at.reader)
            }
            PremisesAct::Returned { premises, measure }
            | PremisesAct::StatusRestored { premises, measure } => {
                let r = known(premises)?;
                image.cited_measure(measure.as_ref(), r.sending, r.host, at.reader)
            }
            PremisesAct::Released { premises } => known(premises).map(drop),
        }
    }

    fn moves_record(&self, image: &Image) -> bool {
        match self {
            PremisesAct::Acquired { premises, post, .. } => {
                image.premises.get(premises).is_some_and(|r| {
                    image
                        .posts
                        .get(post)
                        .is_none_or(|p| (p.sending, p.host) != (r.sending, r.host))
                })
            }
            _ => false,
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let premises = self.premises();
        if let PremisesAct::Acquired {
            post,
            premises_kind,
            name,
            city,
            start_unknown,
            ..
        } = self
        {
            let (sending, host) = image.mission_of_post(post, at)?;
            let record = image
                .premises
                .entry(premises.clone())
                .or_insert_with(|| PremisesRecord {
                    id: premises.clone(),
                    sending,
                    host,
                    events: Vec::new(),
                });
            let fresh = record.events.is_empty();
            at.push(
                &mut record.events,
                PremisesEvent::Acquired(PremisesInfo {
                    post: post.clone(),
                    kind: *premises_kind,
                    name: name.clone(),
                    city: city.clone(),
                    start_unknown: *start_unknown,
                }),
            );
            if fresh {
                let m = image.mission_mut(sending, host);
                m.premises.push(premises.clone());
            }
            return Ok(());
        }
        let events = &mut image
            .premises
            .get_mut(premises)
            .ok_or_else(|| at.missing("premises", premises))?
            .events;
        let ev = match self {
            PremisesAct::AccessBarred { by, measure, .. } => PremisesEvent::AccessBarred {
                by: *by,
                measure: measure.clone(),
            },
            PremisesAct::Seized { by, measure, .. } => PremisesEvent::Seized {
                by: *by,
                measure: measure.clone(),
            },
            PremisesAct::Returned { measure, .. } => PremisesEvent::Returned {
                measure: measure.clone(),
            },
            PremisesAct::Released { .. } => PremisesEvent::Released,
            PremisesAct::StatusRemoved { by, measure, .. } => PremisesEvent::StatusRemoved {
                by: *by,
                measure: measure.clone(),
            },
            PremisesAct::StatusRestored { measure, .. } => PremisesEvent::StatusRestored {
                measure: measure.clone(),
            },
            PremisesAct::Acquired { .. } => return Ok(()),
        };
        at.push(events, ev);
        Ok(())
    }

    fn acting(&self, image: &Image) -> Vec<StateCode> {
        let premises = image.premises.get(self.premises());
        match self {
            PremisesAct::AccessBarred { by, .. }
            | PremisesAct::Seized { by, .. }
            | PremisesAct::StatusRemoved { by, .. } => vec![*by],
            PremisesAct::Acquired { post, .. } => image.sending_of_post(post).into_iter().collect(),
            PremisesAct::Released { .. } => premises.map(|r| r.sending).into_iter().collect(),
            // Only the host bars or seizes premises (`premises_action_by_non_host`), so only it
            // returns them.
            PremisesAct::Returned { .. } | PremisesAct::StatusRestored { .. } => {
                premises.map(|r| r.host).into_iter().collect()
            }
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            PremisesAct::Acquired { post, .. } => vec![(Named::Post(post), "post")],
            PremisesAct::AccessBarred {
                premises, measure, ..
            }
            | PremisesAct::Seized {
                premises, measure, ..
            }
            | PremisesAct::StatusRemoved {
                premises, measure, ..
            }
            | PremisesAct::StatusRestored { premises, measure }
            | PremisesAct::Returned { premises, measure } => {
                std::iter::once((Named::Premises(premises), "premises"))
                    .chain(measure.iter().map(|m| (Named::Measure(m), "measure")))
                    .collect()
            }
            PremisesAct::Released { premises } => vec![(Named::Premises(premises), "premises")],
        }
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            PremisesAct::Acquired { post, .. } => image.post_relation(post),
            PremisesAct::Returned { premises, .. }
            | PremisesAct::StatusRestored { premises, .. }
            | PremisesAct::Released { premises } => image.premises_relation(premises),
            PremisesAct::AccessBarred { premises, .. }
            | PremisesAct::Seized { premises, .. }
            | PremisesAct::StatusRemoved { premises, .. } => {
                by_states(self.states_named(), |_| image.premises_relation(premises))
            }
        }
    }
}
