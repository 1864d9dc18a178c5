//! A mission's staffing figure as one side reported it.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::Kind;
use crate::ids::{PostId, StateCode};
use crate::vocab::{Bound, Counting, StaffFigure};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum StaffingAct {
    #[serde(rename = "staffing_reported")]
    Reported {
        sending: StateCode,
        host: StateCode,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        posts: Vec<PostId>,
        value: u32,
        bound: Bound,
        counting: Counting,
        #[serde(default, skip_serializing_if = "is_false")]
        includes_io: bool,
        /// Absent (a headcount) in every act written before the field existed, so their
        /// canonical form, and hash, is unchanged.
        #[serde(default, skip_serializing_if = "StaffFigure::is_headcount")]
        figure: StaffFigure,
    },
}

impl StaffingAct {
    pub fn kind(&self) -> Kind {
        match self {
            StaffingAct::Reported { .. } => Kind::StaffingReported,
        }
    }

    /// The mission reported on: (sending, host).
    pub fn mission(&self) -> (StateCode, StateCode) {
        match self {
            StaffingAct::Reported { sending, host, .. } => (*sending, *host),
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        let (sending, host) = self.mission();
        write!(w, "mission:{sending}-{host}")
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        let (sending, host) = self.mission();
        vec![sending, host]
    }
}

pub(crate) const REPORTED: &[Field] = field_table![
    req sending: State, req host: State, opt posts: Ids, req value: Count, req bound: Choice(Bound),
    req counting: Choice(Counting), opt includes_io: Flag, opt figure: Choice(StaffFigure),
];
