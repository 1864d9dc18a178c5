//! Measures one state takes against the other's missions: taken on a date, effective when they
//! bite, amended or eased in stages, lifted or expired. Events (an expulsion, a summons) happen
//! on their date and are never in force nor lifted.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::date::ValidDate;
use crate::ids::{MeasureId, MemberId, PostId, PremisesId, StateCode};
use crate::vocab::{Capacity, Character, Counting, MeasureKind};

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

/// A cap's limits per counting definition ("7 diplomats, 25 administrative and technical staff,
/// 19 local staff"): each is compared with the record and each is a figure of parity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Limits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_staff: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sending_state_staff: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diplomatic: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrative_technical: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locally_employed: Option<u32>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }

    /// Each limit set, by what it counts.
    pub fn each(&self) -> Vec<(Counting, u32)> {
        [
            (Counting::AllStaff, self.all_staff),
            (Counting::SendingStateStaff, self.sending_state_staff),
            (Counting::Diplomatic, self.diplomatic),
            (
                Counting::AdministrativeTechnical,
                self.administrative_technical,
            ),
            (Counting::Service, self.service),
            (Counting::LocallyEmployed, self.locally_employed),
        ]
        .into_iter()
        .filter_map(|(c, v)| Some((c, v?)))
        .collect()
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
    /// When it was first announced, if before the act's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<ValidDate>,
    /// When it bites, if later than the act's date; by default the deadline, else the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<ValidDate>,
    /// The date by which the target must comply (a cap met, a post vacated, staff gone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ValidDate>,
    /// When it lapses by its own terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<ValidDate>,
    /// Known only to be in force by this date (its start is not reported): it counts from
    /// here, and before it the answer is uncertain.
    #[serde(default, skip_serializing_if = "is_false")]
    pub start_unknown: bool,
    /// `event` or `standing`; by default, what its kind is ([`MeasureKind::default_character`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character: Option<Character>,
    /// Who took it, in what capacity; by default the actor's government.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// A gesture without practical effect on the mission (a street renamed): weighs nothing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub symbolic: bool,
    #[serde(default, skip_serializing_if = "Scope::is_empty")]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Magnitude::is_empty")]
    pub magnitude: Magnitude,
    /// A cap's limits per category, beside or instead of `magnitude.cap`.
    #[serde(default, skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// A cap demanded "at parity": no published figure; it is the other mission's size under
    /// the cap's counting, as the record knows it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cap_at_parity: bool,
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

impl MeasureImposed {
    /// A measure with nothing said beyond who took it, against whom, what and in a sentence.
    pub fn new(
        measure: MeasureId,
        actor: StateCode,
        target: StateCode,
        measure_kind: MeasureKind,
        summary: String,
    ) -> Self {
        MeasureImposed {
            measure,
            actor,
            target,
            measure_kind,
            summary,
            announced: None,
            effective: None,
            deadline: None,
            expires: None,
            start_unknown: false,
            character: None,
            capacity: None,
            symbolic: false,
            scope: Scope::default(),
            magnitude: Magnitude::default(),
            limits: Limits::default(),
            cap_at_parity: false,
            counting: None,
            includes_io: false,
            legal_basis: None,
            stated_reason: None,
            answers: Vec::new(),
        }
    }

    pub fn character(&self) -> Character {
        self.character
            .unwrap_or_else(|| self.measure_kind.default_character())
    }

    pub fn capacity(&self) -> Capacity {
        self.capacity.unwrap_or(Capacity::HostGovernment)
    }

    /// What a cap (or a bar on replacements) counts when its act does not say: local staff for
    /// a local-staff limit, the sending state's own staff for a bar on replacements (local
    /// hires replace nobody expelled), all staff for a staff cap.
    pub fn counting_or_default(&self) -> Counting {
        self.counting.unwrap_or(match self.measure_kind {
            MeasureKind::LocalStaffLimit => Counting::LocallyEmployed,
            MeasureKind::ReplacementsBarred => Counting::SendingStateStaff,
            _ => Counting::AllStaff,
        })
    }
}

/// A stage of a measure: its terms changed from the act's date (amended), or part of it lifted
/// (eased). Fields left out keep their earlier value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureChange {
    pub measure: MeasureId,
    pub summary: String,
    /// A new date on which the measure bites (postponed or brought forward).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<ValidDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ValidDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<ValidDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magnitude: Option<Magnitude>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting: Option<Counting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Measures of the other side this stage answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<MeasureId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum MeasureAct {
    #[serde(rename = "measure_imposed")]
    Imposed(Box<MeasureImposed>),
    #[serde(rename = "measure_amended")]
    Amended(Box<MeasureChange>),
    #[serde(rename = "measure_eased")]
    Eased(Box<MeasureChange>),
    #[serde(rename = "measure_lifted")]
    Lifted {
        measure: MeasureId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
}

impl MeasureAct {
    kind_of!(MeasureAct: Imposed => MeasureImposed, Amended => MeasureAmended,
        Eased => MeasureEased, Lifted => MeasureLifted);

    pub fn measure(&self) -> &MeasureId {
        match self {
            MeasureAct::Imposed(m) => &m.measure,
            MeasureAct::Amended(c) | MeasureAct::Eased(c) => &c.measure,
            MeasureAct::Lifted { measure, .. } => measure,
        }
    }

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "measure:{}", self.measure())
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            MeasureAct::Imposed(m) => vec![m.actor, m.target],
            MeasureAct::Amended(_) | MeasureAct::Eased(_) | MeasureAct::Lifted { .. } => Vec::new(),
        }
    }
}

pub(crate) const IMPOSED: &[Field] = field_table![
    new_id measure, req actor: State, req target: State, req measure_kind: Choice(MeasureKind),
    req summary: Prose, opt announced: Date, opt effective: Date, opt deadline: Date,
    opt expires: Date, opt start_unknown: Flag, opt character: Choice(Character),
    opt capacity: Choice(Capacity), opt symbolic: Flag, opt "scope.posts": Ids,
    opt "scope.premises": Ids, opt "scope.members": Ids, opt "scope.description": Prose,
    opt "magnitude.cap": Count, opt "magnitude.persons": Count, opt "magnitude.km": Count,
    opt "magnitude.days": Count, opt "magnitude.visitors": Count,
    opt "limits.all_staff": Count, opt "limits.sending_state_staff": Count,
    opt "limits.diplomatic": Count, opt "limits.administrative_technical": Count,
    opt "limits.service": Count, opt "limits.locally_employed": Count, opt cap_at_parity: Flag,
    opt counting: Choice(Counting), opt includes_io: Flag, opt legal_basis: Name,
    opt stated_reason: Prose, opt answers: Ids,
];
/// Amended or eased.
pub(crate) const CHANGED: &[Field] = field_table![
    req measure: Id, req summary: Prose, opt effective: Date, opt deadline: Date,
    opt expires: Date, opt "scope.posts": Ids, opt "scope.premises": Ids, opt "scope.members": Ids,
    opt "scope.description": Prose, opt "magnitude.cap": Count, opt "magnitude.persons": Count,
    opt "magnitude.km": Count, opt "magnitude.days": Count, opt "magnitude.visitors": Count,
    opt "limits.all_staff": Count, opt "limits.sending_state_staff": Count,
    opt "limits.diplomatic": Count, opt "limits.administrative_technical": Count,
    opt "limits.service": Count, opt "limits.locally_employed": Count,
    opt counting: Choice(Counting), opt legal_basis: Name, opt answers: Ids,
];
pub(crate) const LIFTED: &[Field] = field_table![req measure: Id, opt summary: Prose];
