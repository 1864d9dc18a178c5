//! Withdrawing an act recorded in error: "this never happened". Unlike lifting a measure or
//! closing a post, which record what a state did, a withdrawal records that the journal was
//! wrong; the withdrawn act then counts in no view that knows of the withdrawal.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::kind::kind_of;
use crate::ids::StateCode;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum WithdrawalAct {
    #[serde(rename = "act_withdrawn")]
    Withdrawn {
        /// The journal sequence number of the act withdrawn (in a scenario file, its 1-based
        /// position in the file, as for `supersedes`).
        act: u64,
        /// Why the act was recorded in error: required, since the act disappears from every
        /// view and this is what remains of it.
        reason: String,
    },
}

impl WithdrawalAct {
    kind_of!(WithdrawalAct: Withdrawn => ActWithdrawn);

    /// The act withdrawn.
    pub fn act(&self) -> u64 {
        let WithdrawalAct::Withdrawn { act, .. } = self;
        *act
    }

    pub(crate) fn act_mut(&mut self) -> &mut u64 {
        let WithdrawalAct::Withdrawn { act, .. } = self;
        act
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "act:{}", self.act())
    }

    /// A withdrawal names no state: it belongs to the relation of the act it withdraws.
    pub fn states_named(&self) -> Vec<StateCode> {
        Vec::new()
    }
}

pub(crate) const WITHDRAWN: &[Field] = field_table![req act: Count, req reason: Prose];
