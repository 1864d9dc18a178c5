//! Members of staff: notified, arrived, declared persona non grata, departed.

mod rules;

use serde::Serialize;

use super::timeline::Stamped;
use crate::date::ValidDate;
use crate::ids::{MeasureId, MemberId, PostId, StateCode};
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};
use crate::vocab::StaffCategory;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberInfo {
    pub post: PostId,
    pub name: String,
    pub names: crate::names::Names,
    pub category: StaffCategory,
    pub start_unknown: bool,
    /// Family of this member of staff (category `family`, VCDR Art. 37).
    pub family_of: Option<MemberId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberEvent {
    Notified(MemberInfo),
    Arrived {
        violation: Option<String>,
    },
    DeclaredPng {
        by: StateCode,
        deadline: Option<ValidDate>,
        measure: Option<MeasureId>,
    },
    Departed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRecord {
    pub id: MemberId,
    pub post: PostId,
    pub events: Vec<Stamped<MemberEvent>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MemberStatus {
    Notified,
    Arrived,
    DeclaredPng,
    Departed,
}

impl MemberStatus {
    /// On the staff: appointment notified or arrived, and neither declared nor gone.
    pub(crate) fn on_staff(self) -> bool {
        matches!(self, MemberStatus::Notified | MemberStatus::Arrived)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberState<'a> {
    pub info: &'a MemberInfo,
    pub status: MemberStatus,
    pub status_since: ValidDate,
    /// Present in the host state: arrived and not departed (a PNG'd member is present until the
    /// departure is recorded).
    pub present: bool,
    pub png_deadline: Option<ValidDate>,
}

pub(crate) fn fold_member<'a>(
    id: &MemberId,
    events: impl Iterator<Item = &'a Stamped<MemberEvent>>,
) -> Result<Option<MemberState<'a>>, (u64, RuleViolation)> {
    use MemberStatus as S;
    let mut state: Option<MemberState<'a>> = None;
    for e in events {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let Some(s) = state.as_mut() else {
            if let MemberEvent::Notified(info) = &e.ev {
                state = Some(MemberState {
                    info,
                    status: S::Notified,
                    status_since: e.date,
                    present: false,
                    png_deadline: None,
                });
                continue;
            }
            return Err(refuse(
                RuleCode::ActBeforeSubjectExists,
                format!("member `{id}` is not yet notified on {}", e.date),
            ));
        };
        match &e.ev {
            MemberEvent::Notified(_) => {
                return Err(refuse(
                    RuleCode::DuplicateId,
                    format!("member `{id}` is already recorded"),
                ))
            }
            MemberEvent::Arrived { .. } => {
                if s.status != S::Notified {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::MemberAlreadyArrived,
                            format!(
                                "member `{id}` cannot arrive on {}: status is {:?} since {}",
                                e.date, s.status, s.status_since
                            ),
                        )
                        .article("VCDR Art. 10")
                        .said(RefusalSaid::MemberCannotArrive {
                            member: id.clone(),
                            date: e.date,
                            since: s.status_since,
                        }),
                    ));
                }
                s.status = S::Arrived;
                s.present = true;
            }
            MemberEvent::DeclaredPng { deadline, .. } => {
                if s.status == S::DeclaredPng {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::DuplicateEvent,
                            format!(
                                "member `{id}` was already declared persona non grata on {}",
                                s.status_since
                            ),
                        )
                        .article("VCDR Art. 9")
                        .said(RefusalSaid::AlreadyPng {
                            member: id.clone(),
                            since: s.status_since,
                        }),
                    ));
                }
                if s.info.category == StaffCategory::Family {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::MemberNotOnStaff,
                            format!(
                                "member `{id}` cannot be declared persona non grata on {}: family of a member of staff, not staff; record their departure",
                                e.date
                            ),
                        )
                        .article("VCDR Art. 9, 37")
                        .said(RefusalSaid::FamilyNotStaff {
                            member: id.clone(),
                            date: e.date,
                        }),
                    ));
                }
                if !s.status.on_staff() {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::MemberNotOnStaff,
                            format!(
                                "member `{id}` cannot be declared persona non grata on {}: not on the staff (status {:?} since {})",
                                e.date, s.status, s.status_since
                            ),
                        )
                        .article("VCDR Art. 9")
                        .said(RefusalSaid::NotOnStaff {
                            member: id.clone(),
                            date: e.date,
                            since: s.status_since,
                        }),
                    ));
                }
                s.status = S::DeclaredPng;
                s.png_deadline = *deadline;
            }
            MemberEvent::Departed => {
                if s.status == S::Departed {
                    return Err(refuse(
                        RuleCode::MemberNotOnStaff,
                        format!("member `{id}` already departed on {}", s.status_since),
                    ));
                }
                s.status = S::Departed;
                s.present = false;
            }
        }
        s.status_since = e.date;
    }
    Ok(state)
}
