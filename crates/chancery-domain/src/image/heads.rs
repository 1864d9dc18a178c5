//! Heads of mission: agrément, appointment, arrival, credentials, absence, departure; chargés
//! d'affaires a.i.; and the vacancy that a departure leaves.

mod rules;

use std::collections::BTreeMap;

use super::timeline::Stamped;
use crate::date::ValidDate;
use crate::rules::{RuleCode, RuleViolation};

pub use crate::act::HeadEvent;

/// An event about a named person at one mission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadAct {
    pub person: String,
    pub names: crate::names::Names,
    pub event: HeadEvent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agrement {
    Requested,
    Granted,
    Refused,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadInPost<'a> {
    pub person: &'a str,
    pub since: ValidDate,
    pub copies_presented: Option<ValidDate>,
    pub credentials_presented: Option<ValidDate>,
    /// Away (recalled for consultations) since this date.
    pub absent_since: Option<ValidDate>,
    /// Away since a date nobody reported: a chargé d'affaires a.i. took charge while the head
    /// was in post and no absence was recorded (VCDR Art. 19: a chargé acts while the head is
    /// unable to). Ends with the head's return or the chargé's end.
    pub absence_unreported: bool,
}

impl HeadInPost<'_> {
    /// Away, whether or not the absence was reported.
    pub fn away(&self) -> bool {
        self.absent_since.is_some() || self.absence_unreported
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HeadState<'a> {
    pub head: Option<HeadInPost<'a>>,
    pub charge: Option<(&'a str, ValidDate)>,
    /// Set when a head departed and nobody has arrived since.
    pub vacant_since: Option<ValidDate>,
    pub agrement: BTreeMap<&'a str, (Agrement, ValidDate)>,
    pub appointed: BTreeMap<&'a str, ValidDate>,
}

impl HeadEvent {
    /// An arrival recorded with `start_unknown`: the head was in post before its date.
    pub fn existed_before(&self) -> bool {
        matches!(
            self,
            HeadEvent::Arrived {
                start_unknown: true
            }
        )
    }
}

/// Who heads the mission and whether they are there: what an as-of answer is compared on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing<'a> {
    pub head: Option<&'a str>,
    pub head_absent: bool,
    pub charge: Option<&'a str>,
    pub vacant: bool,
}

impl<'a> HeadState<'a> {
    pub fn standing(&self) -> Standing<'a> {
        Standing {
            head: self.head.as_ref().map(|h| h.person),
            head_absent: self.head.as_ref().is_some_and(HeadInPost::away),
            charge: self.charge.map(|(p, _)| p),
            vacant: self.head.is_none() && self.vacant_since.is_some(),
        }
    }

    /// The standing as an as-of answer says it ("Sergey Kislyak in post and present").
    pub fn said(&self) -> super::asof::StateSaid {
        super::asof::StateSaid::Head {
            head: self.head.as_ref().map(|h| (h.person.to_owned(), h.away())),
            vacant: self.head.is_none() && self.vacant_since.is_some(),
            charge: self.charge.map(|(p, _)| p.to_owned()),
        }
    }
}

pub(crate) fn fold_heads<'a>(
    mission: &str,
    events: impl Iterator<Item = &'a Stamped<HeadAct>>,
) -> Result<HeadState<'a>, (u64, RuleViolation)> {
    let mut s = HeadState::default();
    // Agrément granted for each person's pending appointment: a second grant before a new
    // request or the head's departure is the same event recorded twice.
    let mut granted: BTreeMap<&'a str, ValidDate> = BTreeMap::new();
    for e in events {
        let person = e.ev.person.as_str();
        let err = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let head_is = |s: &HeadState<'a>| s.head.as_ref().is_some_and(|h| h.person == person);
        let not_head = || {
            err(
                RuleCode::NotHeadInPost,
                format!(
                    "{person} is not head of the {mission} mission on {}",
                    e.date
                ),
            )
        };
        match &e.ev.event {
            HeadEvent::AgrementRequested => {
                // Asking again does not undo the host's refusal: only its grant does, or the
                // sending state could appoint over a refusal by renewing its request.
                if !matches!(s.agrement.get(person), Some((Agrement::Refused, _))) {
                    s.agrement.insert(person, (Agrement::Requested, e.date));
                }
                granted.remove(person);
            }
            HeadEvent::AgrementGranted => {
                if let Some(when) = granted.get(person) {
                    return Err(err(
                        RuleCode::DuplicateEvent,
                        format!(
                            "agrément for {person} at the {mission} mission was already granted on {when}"
                        ),
                    ));
                }
                granted.insert(person, e.date);
                s.agrement.insert(person, (Agrement::Granted, e.date));
            }
            HeadEvent::AgrementRefused => {
                s.agrement.insert(person, (Agrement::Refused, e.date));
            }
            HeadEvent::Appointed | HeadEvent::Arrived { .. } => {
                if let Some((Agrement::Refused, when)) = s.agrement.get(person) {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::AgrementRefused,
                            format!(
                                "{person} cannot head the {mission} mission: agrément was refused on {when}"
                            ),
                        )
                        .article("VCDR Art. 4"),
                    ));
                }
                if e.ev.event == HeadEvent::Appointed {
                    s.appointed.insert(person, e.date);
                    continue;
                }
                if let Some(h) = &s.head {
                    return Err(err(
                        RuleCode::HeadAlreadyInPost,
                        format!(
                            "{person} cannot arrive as head of the {mission} mission on {}: {} has been head since {}",
                            e.date, h.person, h.since
                        ),
                    ));
                }
                s.head = Some(HeadInPost {
                    person,
                    since: e.date,
                    copies_presented: None,
                    credentials_presented: None,
                    absent_since: None,
                    absence_unreported: false,
                });
                s.charge = None;
                s.vacant_since = None;
            }
            HeadEvent::CredentialsCopies | HeadEvent::CredentialsPresented => {
                let Some(h) = s.head.as_mut().filter(|h| h.person == person) else {
                    return Err(not_head());
                };
                let (slot, what) = if e.ev.event == HeadEvent::CredentialsCopies {
                    (&mut h.copies_presented, "copies of credentials")
                } else {
                    (&mut h.credentials_presented, "credentials")
                };
                if let Some(when) = slot {
                    return Err(err(
                        RuleCode::DuplicateEvent,
                        format!(
                            "{person} already presented {what} at the {mission} mission on {when}, in this posting"
                        ),
                    ));
                }
                *slot = Some(e.date);
            }
            HeadEvent::Absent { .. } => {
                let Some(h) = s.head.as_mut().filter(|h| h.person == person) else {
                    return Err(not_head());
                };
                if h.away() {
                    return Err(err(
                        RuleCode::HeadAlreadyAbsent,
                        format!("{person} is already away from the {mission} mission"),
                    ));
                }
                h.absent_since = Some(e.date);
            }
            HeadEvent::Returned => {
                let Some(h) = s.head.as_mut().filter(|h| h.person == person) else {
                    return Err(not_head());
                };
                if !h.away() {
                    return Err(err(
                        RuleCode::HeadNotAbsent,
                        format!("{person} cannot return on {}: not away", e.date),
                    ));
                }
                h.absent_since = None;
                h.absence_unreported = false;
                s.charge = None;
            }
            HeadEvent::Departed => {
                if !head_is(&s) {
                    return Err(not_head());
                }
                s.head = None;
                s.vacant_since = Some(e.date);
                granted.remove(person);
            }
            HeadEvent::ChargeAssumed => {
                // A chargé while the head is in post and not recorded away: the head is away
                // for a period nobody reported, so the record says so rather than refuse the
                // chargé (the sources often name the chargé and not the head's absence).
                if let Some(h) = s.head.as_mut().filter(|h| !h.away()) {
                    h.absence_unreported = true;
                }
                s.charge = Some((person, e.date));
            }
            HeadEvent::ChargeEnded => {
                if s.charge.is_none_or(|(p, _)| p != person) {
                    return Err(err(
                        RuleCode::NotCharge,
                        format!(
                            "{person} is not chargé d'affaires of the {mission} mission on {}",
                            e.date
                        ),
                    ));
                }
                s.charge = None;
                // An absence known only through the chargé ends with the chargé's duties.
                if let Some(h) = s.head.as_mut() {
                    h.absence_unreported = false;
                }
            }
        }
    }
    Ok(s)
}
