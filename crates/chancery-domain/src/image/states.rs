//! Registered states: a name per state, over time. Registering one concerns every relation.

use crate::access::Reader;
use crate::act::StateAct;
use crate::ids::{RelationKey, StateCode};
use crate::rules::{RuleCode, RuleViolation};

use super::subject::{Checking, Placing, SubjectRules};
use super::{Image, ReplayError, Touched};

impl SubjectRules for StateAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        let StateAct::Registered { state, .. } = self;
        vec![Touched::State(*state)]
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        let StateAct::Registered { state, .. } = self;
        if image.states.contains_key(state) && !at.correcting {
            return Err(RuleViolation::new(
                RuleCode::DuplicateId,
                format!("state {state} is already registered"),
            )
            .field("state"));
        }
        Ok(())
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let StateAct::Registered { state, name } = self;
        at.push(image.states.entry(*state).or_default(), name.clone());
        Ok(())
    }

    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        Vec::new()
    }

    fn relation(&self, _image: &Image) -> Option<RelationKey> {
        None
    }
}
