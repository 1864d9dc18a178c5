//! Measures one state takes against the other's missions, and their lifting.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::date::ValidDate;
use crate::ids::{MeasureId, MemberId, PostId, PremisesId, StateCode};
use crate::vocab::{Counting, MeasureKind};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scope {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<PostId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub premises: Vec<PremisesId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Scope {
    pub fn is_empty(&self) -> bool {
        *self == Scope::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Magnitude {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub km: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitors: Option<u32>,
}

impl Magnitude {
    pub fn is_empty(&self) -> bool {
        *self == Magnitude::default()
    }
}

/// A measure as imposed: boxed in [`MeasureAct`] because it is much larger than other acts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureImposed {
    pub measure: MeasureId,
    pub actor: StateCode,
    pub target: StateCode,
    pub measure_kind: MeasureKind,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<ValidDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ValidDate>,
    #[serde(default, skip_serializing_if = "Scope::is_empty")]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Magnitude::is_empty")]
    pub magnitude: Magnitude,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting: Option<Counting>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub includes_io: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<MeasureId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum MeasureAct {
    #[serde(rename = "measure_imposed")]
    Imposed(Box<MeasureImposed>),
    #[serde(rename = "measure_lifted")]
    Lifted {
        measure: MeasureId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
}

impl MeasureAct {
    kind_of!(MeasureAct: Imposed => MeasureImposed, Lifted => MeasureLifted);

    pub fn measure(&self) -> &MeasureId {
        match self {
            MeasureAct::Imposed(m) => &m.measure,
            MeasureAct::Lifted { measure, .. } => measure,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "measure:{}", self.measure())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            MeasureAct::Imposed(m) => vec![m.actor, m.target],
            MeasureAct::Lifted { .. } => Vec::new(),
        }
    }
}

pub(crate) const IMPOSED: &[Field] = field_table![
    new_id measure, req actor: State, req target: State, req measure_kind: Choice(MeasureKind),
    req summary: Prose, opt announced: Date, opt deadline: Date, opt "scope.posts": Ids,
    opt "scope.premises": Ids, opt "scope.members": Ids, opt "scope.description": Prose,
    opt "magnitude.cap": Count, opt "magnitude.persons": Count, opt "magnitude.km": Count,
    opt "magnitude.days": Count, opt "magnitude.visitors": Count, opt counting: Choice(Counting),
    opt includes_io: Flag, opt legal_basis: Name, opt stated_reason: Prose, opt answers: Ids,
];
pub(crate) const LIFTED: &[Field] = field_table![req measure: Id, opt summary: Prose];
