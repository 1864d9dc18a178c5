//! Registering a state.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::kind::Kind;
use crate::ids::StateCode;
use crate::names::Names;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum StateAct {
    #[serde(rename = "state_registered")]
    Registered {
        state: StateCode,
        name: String,
        /// The state's name in other languages (`{ ru = "Россия" }`), where known: pages in
        /// those languages name the state so. Absent in journals recorded before it existed.
        #[serde(default, skip_serializing_if = "Names::is_empty")]
        names: Names,
    },
}

impl StateAct {
    pub fn kind(&self) -> Kind {
        match self {
            StateAct::Registered { .. } => Kind::StateRegistered,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            StateAct::Registered { state, .. } => write!(w, "state:{state}"),
        }
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            StateAct::Registered { state, .. } => vec![*state],
        }
    }
}

pub(crate) const REGISTERED: &[Field] = field_table![req state: State, req name: Name];
