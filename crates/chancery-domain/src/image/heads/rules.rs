//! The rules of head-of-mission acts, next to their fold.

use crate::access::Reader;
use crate::act::{HeadEvent, HeadOfMission};
use crate::ids::{MissionKey, RelationKey, StateCode};
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::{Image, ReplayError, Touched};
use crate::rules::RuleViolation;

use super::HeadAct;

impl SubjectRules for HeadOfMission {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Heads(MissionKey {
            sending: self.sending,
            host: self.host,
        })]
    }

    fn check(&self, image: &Image, _at: Checking) -> Result<(), RuleViolation> {
        image.pair(self.sending, self.host, "sending", "host")
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let m = image.mission_mut(self.sending, self.host);
        at.push(
            &mut m.heads,
            HeadAct {
                person: self.person.clone(),
                names: self.names.clone(),
                event: self.event.clone(),
            },
        );
        Ok(())
    }

    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        match self.event {
            HeadEvent::AgrementGranted | HeadEvent::AgrementRefused => vec![self.host],
            HeadEvent::CredentialsCopies | HeadEvent::CredentialsPresented => Vec::new(),
            _ => vec![self.sending],
        }
    }

    fn relation(&self, _image: &Image) -> Option<RelationKey> {
        by_states(self.states_named(), alone)
    }

    fn belongs_field(&self) -> &'static str {
        "host"
    }
}
