//! Registering a state.

use serde::{Deserialize, Serialize};

use super::fields::{req, Field, FieldType as T};
use crate::ids::StateCode;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum StateAct {
    #[serde(rename = "state_registered")]
    Registered { state: StateCode, name: String },
}

pub(crate) const REGISTERED: &[Field] = &[req("state", T::State), req("name", T::Name)];
