//! The other party's answer to a claim. An act one ministry records about the other state's
//! conduct ("RU lifted X", "RU closed Y") is that ministry's claim (`claimed_by` in the
//! envelope): shown as "per US", never used to refuse, invalidate or overwrite the other
//! party's own acts. The other party may dispute it or confirm it.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::kind::kind_of;
use crate::ids::StateCode;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum ClaimAct {
    #[serde(rename = "claim_disputed")]
    Disputed {
        /// The journal sequence number of the claim (in a scenario file, its position).
        claim: u64,
        reason: String,
    },
    #[serde(rename = "claim_confirmed")]
    Confirmed { claim: u64 },
}

impl ClaimAct {
    kind_of!(ClaimAct: Disputed => ClaimDisputed, Confirmed => ClaimConfirmed);

    pub fn claim(&self) -> u64 {
        match self {
            ClaimAct::Disputed { claim, .. } | ClaimAct::Confirmed { claim } => *claim,
        }
    }

    pub(crate) fn claim_mut(&mut self) -> &mut u64 {
        match self {
            ClaimAct::Disputed { claim, .. } | ClaimAct::Confirmed { claim } => claim,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "claim:{}", self.claim())
    }

    /// An answer names no state: it belongs to the relation of the claim it answers.
    pub fn states_named(&self) -> Vec<StateCode> {
        Vec::new()
    }
}

pub(crate) const DISPUTED: &[Field] = field_table![req claim: Count, req reason: Prose];
pub(crate) const CONFIRMED: &[Field] = field_table![req claim: Count];
