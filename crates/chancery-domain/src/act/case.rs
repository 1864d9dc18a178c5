//! Cases of a state's nationals in the other state: arrested, detained, dead or in need of
//! help (VCCR Art. 5(e), 36, 37). The sending state's ministry keeps the case file: what it
//! records is its own account, so every act here is that state's to record, and carries only
//! what the consular work needs (no names: a case id, a city, a short description).

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::ids::{CaseId, MeasureId, PostId, StateCode};
use crate::vocab::{CaseKind, CaseStep};

/// A case opened: whose national, held (or dead, or in need) where, since when (the act's date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseOpened {
    pub case: CaseId,
    /// The sending state: the national's.
    pub national_of: StateCode,
    /// The host state, where the national is.
    pub held_in: StateCode,
    pub case_kind: CaseKind,
    /// The city of the arrest, detention, death or emergency.
    pub city: String,
    /// The sending state's post whose consular district it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<PostId>,
    /// Kept minimal: what the consular work needs, no more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The case was publicly reported: only then may it be recorded public (with sources).
    #[serde(default, skip_serializing_if = "is_false")]
    pub public_report: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum CaseAct {
    #[serde(rename = "case_opened")]
    Opened(Box<CaseOpened>),
    /// A step in the case on the act's date.
    #[serde(rename = "case_step")]
    Step {
        case: CaseId,
        step: CaseStep,
        /// For `access_denied` only: the `consular_access_denied` measure it is, so that
        /// parity, chains and the roadmap see the denial.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
}

impl CaseAct {
    kind_of!(CaseAct: Opened => CaseOpened, Step => CaseStep);

    pub fn case(&self) -> &CaseId {
        match self {
            CaseAct::Opened(c) => &c.case,
            CaseAct::Step { case, .. } => case,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "case:{}", self.case())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            CaseAct::Opened(c) => vec![c.national_of, c.held_in],
            CaseAct::Step { .. } => Vec::new(),
        }
    }
}

pub(crate) const OPENED: &[Field] = field_table![
    new_id case, req national_of: State, req held_in: State, req case_kind: Choice(CaseKind),
    req city: Name, opt post: Id, opt description: Prose, opt public_report: Flag,
];
pub(crate) const STEP: &[Field] = field_table![
    req case: Id, req step: Choice(CaseStep), opt measure: Id, opt summary: Prose,
];
