//! Registered states: a name per state, over time. Registering one concerns every relation.

use crate::access::Reader;
use crate::act::StateAct;
use crate::ids::{RelationKey, StateCode};
use crate::names::Names;
use crate::rules::{RuleCode, RuleViolation};

use super::subject::{Checking, Placing, SubjectRules};
use super::{Image, ReplayError, Touched};

/// What a state is called: the name it registered, and its names in other languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateName {
    pub name: String,
    pub names: Names,
}

impl StateName {
    /// The name in `lang` (an exact tag: `ru`), else the registered one: a page never shows a
    /// code where a name is known.
    pub fn in_lang(&self, lang: &str) -> &str {
        self.names.get(lang).unwrap_or(&self.name)
    }
}

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
        let StateAct::Registered { state, name, names } = self;
        let registered = StateName {
            name: name.clone(),
            names: names.clone(),
        };
        at.push(image.states.entry(*state).or_default(), registered);
        Ok(())
    }

    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        Vec::new()
    }

    fn relation(&self, _image: &Image) -> Option<RelationKey> {
        None
    }
}
