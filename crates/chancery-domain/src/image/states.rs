//! Registered states: a name per state, over time. Registering one concerns every relation.

use crate::access::Reader;
use crate::act::StateAct;
use crate::ids::{RelationKey, StateCode};
use crate::names::Names;
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};

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
            .field("state")
            .said(RefusalSaid::StateAlreadyRegistered { state: *state }));
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

#[cfg(test)]
mod tests {
    use crate::act::Act;
    use crate::image::Image;
    use serde_json::json;

    fn registered(acts: &[serde_json::Value]) -> Image {
        let mut image = Image::new();
        for v in acts {
            let act = Act::from_json(v.clone()).unwrap();
            image.record(&act, 0).unwrap();
        }
        image
    }

    #[test]
    fn a_state_is_named_in_a_language_it_has_a_name_in_else_by_its_registered_name() {
        let image = registered(&[
            json!({"kind": "state_registered", "date": "2000", "state": "RU", "name": "Russia",
                   "names": {"ru": "Россия"}}),
            json!({"kind": "state_registered", "date": "2000", "state": "FR", "name": "France"}),
        ]);
        let (ru, fr) = ("RU".parse().unwrap(), "FR".parse().unwrap());
        assert_eq!(image.state_name(ru, "ru").as_deref(), Some("Россия"));
        assert_eq!(image.state_name(ru, "en").as_deref(), Some("Russia"));
        assert_eq!(image.state_name(fr, "ru").as_deref(), Some("France"));
        assert_eq!(image.state_name("US".parse().unwrap(), "ru"), None);
        assert_eq!(
            image.states_in("ru"),
            vec![(fr, "France".to_owned()), (ru, "Россия".to_owned())]
        );
        // The registered names stay what the API and English pages show.
        assert_eq!(
            image.states(),
            vec![(fr, "France".to_owned()), (ru, "Russia".to_owned())]
        );
    }

    #[test]
    fn a_blank_or_badly_tagged_name_is_refused() {
        for names in [json!({"ru": " "}), json!({"russian": "Россия"})] {
            let v = json!({"kind": "state_registered", "date": "2000", "state": "RU",
                           "name": "Russia", "names": names});
            assert!(Act::from_json(v).is_err(), "{names}");
        }
    }
}
