//! Premises: acquired, barred or seized by the host, returned, stripped of their diplomatic
//! status and given it back, released.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::ids::{MeasureId, PostId, PremisesId, StateCode};
use crate::vocab::PremisesKind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum PremisesAct {
    #[serde(rename = "premises_acquired")]
    Acquired {
        premises: PremisesId,
        post: PostId,
        premises_kind: PremisesKind,
        name: String,
        city: String,
        #[serde(default, skip_serializing_if = "is_false")]
        start_unknown: bool,
    },
    #[serde(rename = "premises_access_barred")]
    AccessBarred {
        premises: PremisesId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    #[serde(rename = "premises_seized")]
    Seized {
        premises: PremisesId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    #[serde(rename = "premises_returned")]
    Returned {
        premises: PremisesId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    #[serde(rename = "premises_released")]
    Released { premises: PremisesId },
    /// The host no longer treats the premises as diplomatic premises (VCDR Art. 1(i), 22): they
    /// stay the sending state's property, neither seized nor barred, but lose inviolability.
    #[serde(rename = "premises_status_removed")]
    StatusRemoved {
        premises: PremisesId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    /// The host treats them as diplomatic premises again: undoes `premises_status_removed`.
    #[serde(rename = "premises_status_restored")]
    StatusRestored {
        premises: PremisesId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
}

impl PremisesAct {
    kind_of!(PremisesAct: Acquired => PremisesAcquired, AccessBarred => PremisesAccessBarred,
        Seized => PremisesSeized, Returned => PremisesReturned, Released => PremisesReleased,
        StatusRemoved => PremisesStatusRemoved, StatusRestored => PremisesStatusRestored);

    pub fn premises(&self) -> &PremisesId {
        match self {
            PremisesAct::Acquired { premises, .. }
            | PremisesAct::AccessBarred { premises, .. }
            | PremisesAct::Seized { premises, .. }
            | PremisesAct::Returned { premises, .. }
            | PremisesAct::StatusRemoved { premises, .. }
            | PremisesAct::StatusRestored { premises, .. }
            | PremisesAct::Released { premises } => premises,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "premises:{}", self.premises())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            PremisesAct::AccessBarred { by, .. }
            | PremisesAct::Seized { by, .. }
            | PremisesAct::StatusRemoved { by, .. } => vec![*by],
            PremisesAct::Acquired { .. }
            | PremisesAct::Returned { .. }
            | PremisesAct::StatusRestored { .. }
            | PremisesAct::Released { .. } => Vec::new(),
        }
    }
}

pub(crate) const ACQUIRED: &[Field] = field_table![
    new_id premises, req post: Id, req premises_kind: Choice(PremisesKind), req name: Name,
    req city: Name, opt start_unknown: Flag,
];
/// Barred, seized, or stripped of diplomatic status.
pub(crate) const BY_HOST: &[Field] = field_table![req premises: Id, req by: State, opt measure: Id];
pub(crate) const RETURNED: &[Field] = field_table![req premises: Id, opt measure: Id];
pub(crate) const RELEASED: &[Field] = field_table![req premises: Id];
