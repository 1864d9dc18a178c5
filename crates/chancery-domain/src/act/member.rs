//! Members of staff: notified, arrived, declared persona non grata, departed.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::date::ValidDate;
use crate::ids::{MeasureId, MemberId, PostId, StateCode};
use crate::names::Names;
use crate::vocab::StaffCategory;

/// An arrival recorded although it breaks a cap in force, with the reason it is recorded anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub justification: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum MemberAct {
    #[serde(rename = "member_notified")]
    Notified {
        member: MemberId,
        post: PostId,
        name: String,
        /// The name in other languages (`{ ru = "..." }`), where known.
        #[serde(default, skip_serializing_if = "Names::is_empty")]
        names: Names,
        category: StaffCategory,
        #[serde(default, skip_serializing_if = "is_false")]
        start_unknown: bool,
        /// For category `family` (and only then): the member of staff whose household this
        /// person belongs to (VCDR Art. 37).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        family_of: Option<MemberId>,
    },
    #[serde(rename = "member_arrived")]
    Arrived {
        member: MemberId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        violation: Option<Violation>,
    },
    #[serde(rename = "member_declared_png")]
    DeclaredPng {
        member: MemberId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<ValidDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    #[serde(rename = "member_departed")]
    Departed { member: MemberId },
}

impl MemberAct {
    kind_of!(MemberAct: Notified => MemberNotified, Arrived => MemberArrived,
        DeclaredPng => MemberDeclaredPng, Departed => MemberDeparted);

    pub fn member(&self) -> &MemberId {
        match self {
            MemberAct::Notified { member, .. }
            | MemberAct::Arrived { member, .. }
            | MemberAct::DeclaredPng { member, .. }
            | MemberAct::Departed { member } => member,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "member:{}", self.member())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            MemberAct::DeclaredPng { by, .. } => vec![*by],
            MemberAct::Notified { .. } | MemberAct::Arrived { .. } | MemberAct::Departed { .. } => {
                Vec::new()
            }
        }
    }
}

pub(crate) const NOTIFIED: &[Field] = field_table![
    new_id member, req post: Id, req name: Name, req category: Choice(StaffCategory),
    opt start_unknown: Flag, opt family_of: Id,
];
pub(crate) const ARRIVED: &[Field] = field_table![
    req member: Id, opt "violation.justification": Prose,
];
pub(crate) const DECLARED_PNG: &[Field] = field_table![
    req member: Id, req by: State, opt deadline: Date, opt measure: Id,
];
pub(crate) const DEPARTED: &[Field] = field_table![req member: Id];
