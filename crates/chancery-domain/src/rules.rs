//! Refusals: every act that breaks a rule is refused with a stable code, the rule in words, the
//! treaty article where one applies, and the field at fault.

use crate::act::MeasureAct;
use std::fmt;

mod said;
pub use said::{RefusalSaid, Term, Thing};

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct RuleViolation {
    /// Stable code, e.g. `post_already_closed`.
    pub code: RuleCode,
    /// The rule and how this act breaks it, in a sentence.
    pub message: String,
    /// Treaty article, e.g. `VCDR Art. 9`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'static str>,
    /// The act's field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// What `message` says, with its facts, for pages that word it in their own language.
    /// Not serialised: the API's refusal stays as it was.
    #[serde(skip)]
    pub said: RefusalSaid,
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(article) = self.article {
            write!(f, " ({article})")?;
        }
        if let Some(field) = self.field {
            write!(f, " [field `{field}`]")?;
        }
        write!(f, " [{}]", self.code)
    }
}

impl RuleViolation {
    pub fn new(code: RuleCode, message: impl Into<String>) -> Self {
        RuleViolation {
            code,
            message: message.into(),
            article: None,
            field: None,
            said: RefusalSaid::Rule,
        }
    }

    pub fn said(mut self, said: RefusalSaid) -> Self {
        self.said = said;
        self
    }

    pub fn article(mut self, article: &'static str) -> Self {
        self.article = Some(article);
        self
    }

    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

macro_rules! rule_codes {
    ($($code:ident => $name:literal,)+) => {
        /// Why an act is refused: every code a [`RuleViolation`] can carry. Stable: clients and
        /// tests match on the snake_case name, which is also how it is serialised.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RuleCode {
            $($code,)+
        }

        impl RuleCode {
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$code,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$code => $name,)+
                }
            }
        }
    };
}

rule_codes! {
    UnknownState => "unknown_state",
    SameState => "same_state",
    DuplicateId => "duplicate_id",
    UnknownPost => "unknown_post",
    UnknownPremises => "unknown_premises",
    UnknownMember => "unknown_member",
    UnknownMeasure => "unknown_measure",
    UnknownRound => "unknown_round",
    PostNotOpen => "post_not_open",
    PostNotSuspended => "post_not_suspended",
    PostAlreadyClosed => "post_already_closed",
    PostNotInRelation => "post_not_in_relation",
    PremisesNotInUse => "premises_not_in_use",
    PremisesNotRestricted => "premises_not_restricted",
    PremisesAlreadyReleased => "premises_already_released",
    PremisesRestricted => "premises_restricted",
    PremisesStatusNotRemoved => "premises_status_not_removed",
    FamilyOfMismatch => "family_of_mismatch",
    PremisesActionByNonHost => "premises_action_by_non_host",
    MemberAlreadyArrived => "member_already_arrived",
    MemberNotOnStaff => "member_not_on_staff",
    PngByNonHost => "png_by_non_host",
    CapExceeded => "cap_exceeded",
    AgrementRefused => "agrement_refused",
    HeadAlreadyInPost => "head_already_in_post",
    NotHeadInPost => "not_head_in_post",
    HeadNotAbsent => "head_not_absent",
    HeadAlreadyAbsent => "head_already_absent",
    NotCharge => "not_charge",
    AnswersLaterAct => "answers_later_act",
    AnswersOwnSide => "answers_own_side",
    MeasureNeedsCap => "measure_needs_cap",
    MeasureAlreadyLifted => "measure_already_lifted",
    LiftBeforeImposition => "lift_before_imposition",
    EventNotLiftable => "event_not_liftable",
    DatesOutOfOrder => "dates_out_of_order",
    PostNotClosed => "post_not_closed",
    ClosureStillInForce => "closure_still_in_force",
    CharacterMismatch => "character_mismatch",
    CapacityMismatch => "capacity_mismatch",
    RoutedServiceOffered => "routed_service_offered",
    ReplacementsBarred => "replacements_barred",
    NotAClaim => "not_a_claim",
    UnknownClaim => "unknown_claim",
    ClaimAlreadyAnswered => "claim_already_answered",
    ScopeOutsideRelation => "scope_outside_relation",
    InvalidSupersede => "invalid_supersede",
    LaterActInvalidated => "later_act_invalidated",
    ActBeforeSubjectExists => "act_before_subject_exists",
    UnknownCommitment => "unknown_commitment",
    CommitmentClosed => "commitment_closed",
    CommitmentKeptNeedsAct => "commitment_kept_needs_act",
    UnknownCase => "unknown_case",
    CaseClosed => "case_closed",
    CaseDenialNeedsMeasure => "case_denial_needs_measure",
    CasePersonalData => "case_personal_data",
    LiftByNonActor => "lift_by_non_actor",
    VisibilityOutsideRelation => "visibility_outside_relation",
    ActOutsideRelation => "act_outside_relation",
    DateInFuture => "date_in_future",
    ImplausibleDate => "implausible_date",
    DuplicateEvent => "duplicate_event",
    DeadlineBeforeDate => "deadline_before_date",
    InvalidWithdrawal => "invalid_withdrawal",
    ActAlreadyWithdrawn => "act_already_withdrawn",
    WithdrawnActHasDependants => "withdrawn_act_has_dependants",
    VisibilityWiderThanSubject => "visibility_wider_than_subject",
    VisibilityChangedByCorrection => "visibility_changed_by_correction",
    VisibilityDiffersFromSubject => "visibility_differs_from_subject",
    VisibilityMustBePublic => "visibility_must_be_public",
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for RuleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleCode> for &str {
    fn eq(&self, other: &RuleCode) -> bool {
        *self == other.as_str()
    }
}

impl From<RuleCode> for String {
    fn from(code: RuleCode) -> String {
        code.as_str().to_owned()
    }
}

/// How far ahead of the day it is recorded a measure may be dated: a measure is often announced
/// to take effect later (a ban "from 1 August" notified in April).
pub const MEASURE_HORIZON_DAYS: i32 = 366;

/// Refuses an act dated after the day it is recorded (`today`), beyond a day's grace for time
/// zones; a measure may be announced up to [`MEASURE_HORIZON_DAYS`] ahead. Without it, a closure
/// dated 9999-12-31 would stand in the way of every real act on the post after it. Pure: the
/// caller passes the recording day.
pub fn check_horizon(act: &crate::Act, today: crate::CivilDate) -> Result<(), RuleViolation> {
    let ahead = if matches!(act.body, crate::ActBody::Measure(MeasureAct::Imposed(_))) {
        MEASURE_HORIZON_DAYS
    } else {
        1
    };
    let limit = today.add_days(ahead);
    let starts = act.envelope.date.earliest();
    if starts > limit {
        return Err(RuleViolation::new(
            RuleCode::DateInFuture,
            format!(
                "{} is dated {}, after {limit}: an act is recorded once it has happened{}",
                act.kind(),
                act.envelope.date,
                if ahead > 1 {
                    format!(", and a measure at most {ahead} days before it takes effect")
                } else {
                    String::new()
                }
            ),
        )
        .field("date")
        .said(RefusalSaid::ActInFuture {
            date: act.envelope.date,
            limit,
            measure_days: (ahead > 1).then_some(ahead),
        }));
    }
    // A measure's own dates are held to the same horizon, so that no far-off "effective" or
    // "deadline" keeps a measure announced for ever or stretches every chart; an expiry may lie
    // further ahead (a measure for five years), but not beyond fifty.
    let (effective, deadline, expires) = match &act.body {
        crate::ActBody::Measure(MeasureAct::Imposed(m)) => (m.effective, m.deadline, m.expires),
        crate::ActBody::Measure(MeasureAct::Amended(c) | MeasureAct::Eased(c)) => {
            (c.effective, c.deadline, c.expires)
        }
        _ => (None, None, None),
    };
    for (term, d, days) in [
        (Term::Effective, effective, MEASURE_HORIZON_DAYS),
        (Term::Deadline, deadline, MEASURE_HORIZON_DAYS),
        (Term::Expires, expires, 50 * 366),
    ] {
        let field = term.as_str();
        let Some(d) = d else { continue };
        let limit = today.add_days(days);
        if d.earliest() > limit {
            return Err(RuleViolation::new(
                RuleCode::DateInFuture,
                format!("{field} {d} is after {limit}: a measure's {field} is at most {days} days ahead of the day it is recorded"),
            )
            .field(field)
            .said(RefusalSaid::TermInFuture {
                term,
                date: d,
                limit,
                days,
            }));
        }
    }
    Ok(())
}

/// Refuses a deadline wholly before the act that sets it (a persona non grata given until a day
/// already past when declared; a measure whose deadline precedes it): most often a slip of a
/// year. Imprecise dates get the benefit of their whole period. `field` names the deadline.
pub fn check_deadline(
    act_date: crate::ValidDate,
    deadline: Option<crate::ValidDate>,
    field: &'static str,
) -> Result<(), RuleViolation> {
    match deadline {
        Some(deadline) if act_date.certainly_after(deadline) => Err(RuleViolation::new(
            RuleCode::DeadlineBeforeDate,
            format!("the deadline {deadline} is before the act's date {act_date}"),
        )
        .field(field)
        .said(RefusalSaid::DeadlineBeforeDate {
            deadline,
            date: act_date,
        })),
        _ => Ok(()),
    }
}
