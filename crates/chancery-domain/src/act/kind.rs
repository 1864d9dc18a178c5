//! The one list of kinds of act. Everything that must cover every kind (parsing, policy, the
//! forms, the docs test) iterates [`Kind::ALL`] or matches on [`Kind`], so a new kind is a new
//! line here plus its subject's variant and rules (ARCHITECTURE.md, "Adding a kind of act").

use super::fields::Field;
use super::{
    case, claim, commitment, head, measure, member, post, premises, staffing, state, talks,
    withdrawal,
};

/// What an act is about: each subject is one variant of [`crate::ActBody`], with its own type,
/// fold and rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    State,
    Post,
    Premises,
    Member,
    HeadOfMission,
    Staffing,
    Measure,
    Talks,
    Commitment,
    /// An act recorded in error, withdrawn.
    Withdrawal,
    Claim,
    /// A case of a national arrested, detained, dead or in need in the other state.
    Case,
}

macro_rules! kinds {
    ($($kind:ident => $name:literal, $subject:ident, $fields:expr, $label:literal;)+) => {
        /// A kind of act, as named in the `kind` key of its JSON form.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($kind,)+
        }

        impl Kind {
            /// Every kind, in the order of docs/scenario-format.md.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)+];

            /// The names `kind` may take, for the message that refuses another.
            pub(crate) const NAMES: &'static [&'static str] = &[$($name,)+];

            /// The snake_case name used in files, the API and the journal.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$kind => $name,)+
                }
            }

            pub fn subject(self) -> Subject {
                match self {
                    $(Kind::$kind => Subject::$subject,)+
                }
            }

            /// The kind's own fields in the order forms show them (the envelope's follow).
            pub fn fields(self) -> &'static [Field] {
                match self {
                    $(Kind::$kind => $fields,)+
                }
            }

            /// What happened, in words: "A post opened".
            pub fn label(self) -> &'static str {
                match self {
                    $(Kind::$kind => $label,)+
                }
            }
        }
    };
}

kinds! {
    StateRegistered => "state_registered", State, state::REGISTERED, "A state is registered";
    PostOpened => "post_opened", Post, post::OPENED, "A post opened";
    PostSuspended => "post_suspended", Post, post::SUSPENDED, "A post suspended";
    PostResumed => "post_resumed", Post, post::RESUMED, "A post resumed";
    PostClosed => "post_closed", Post, post::CLOSED, "A post closed";
    PostReopened => "post_reopened", Post, post::REOPENED, "A closed post reopened";
    ConsularServicesChanged => "consular_services_changed", Post, post::SERVICES_CHANGED, "Consular services changed";
    ConsularStaffReported => "consular_staff_reported", Post, post::CONSULAR_STAFF, "Consular staff at a post reported";
    ConsularProductivitySet => "consular_productivity_set", Post, post::PRODUCTIVITY, "Consular productivity set for a post";
    ConsularDemandReported => "consular_demand_reported", Post, post::DEMAND, "Demand for a consular service reported";
    ConsularIssuanceReported => "consular_issuance_reported", Post, post::ISSUANCE, "Consular issuances over a period reported";
    PremisesAcquired => "premises_acquired", Premises, premises::ACQUIRED, "Premises acquired";
    PremisesAccessBarred => "premises_access_barred", Premises, premises::BY_HOST, "Access to premises barred";
    PremisesSeized => "premises_seized", Premises, premises::BY_HOST, "Premises seized";
    PremisesReturned => "premises_returned", Premises, premises::RETURNED, "Premises returned";
    PremisesReleased => "premises_released", Premises, premises::RELEASED, "Premises released";
    PremisesStatusRemoved => "premises_status_removed", Premises, premises::BY_HOST, "Diplomatic status of premises removed";
    PremisesStatusRestored => "premises_status_restored", Premises, premises::RETURNED, "Diplomatic status of premises restored";
    MemberNotified => "member_notified", Member, member::NOTIFIED, "A member of staff notified";
    MemberArrived => "member_arrived", Member, member::ARRIVED, "A member arrived";
    MemberDeclaredPng => "member_declared_png", Member, member::DECLARED_PNG, "A member declared persona non grata";
    MemberDeparted => "member_departed", Member, member::DEPARTED, "A member departed";
    AgrementRequested => "agrement_requested", HeadOfMission, head::PLAIN, "Agrément requested";
    AgrementGranted => "agrement_granted", HeadOfMission, head::PLAIN, "Agrément granted";
    AgrementRefused => "agrement_refused", HeadOfMission, head::PLAIN, "Agrément refused";
    HomAppointed => "hom_appointed", HeadOfMission, head::PLAIN, "Head of mission appointed";
    HomArrived => "hom_arrived", HeadOfMission, head::ARRIVED, "Head of mission arrived";
    HomCredentialsCopies => "hom_credentials_copies", HeadOfMission, head::PLAIN, "Copies of credentials presented";
    HomCredentialsPresented => "hom_credentials_presented", HeadOfMission, head::PLAIN, "Credentials presented";
    HomAbsent => "hom_absent", HeadOfMission, head::ABSENT, "Head of mission absent (recalled)";
    HomReturned => "hom_returned", HeadOfMission, head::PLAIN, "Head of mission returned";
    HomDeparted => "hom_departed", HeadOfMission, head::PLAIN, "Head of mission departed";
    ChargeAssumed => "charge_assumed", HeadOfMission, head::PLAIN, "Chargé d'affaires assumed charge";
    ChargeEnded => "charge_ended", HeadOfMission, head::PLAIN, "Chargé d'affaires ended";
    StaffingReported => "staffing_reported", Staffing, staffing::REPORTED, "Staffing reported";
    MeasureImposed => "measure_imposed", Measure, measure::IMPOSED, "A measure imposed";
    MeasureAmended => "measure_amended", Measure, measure::CHANGED, "A measure amended";
    MeasureEased => "measure_eased", Measure, measure::CHANGED, "A measure eased";
    MeasureLifted => "measure_lifted", Measure, measure::LIFTED, "A measure lifted";
    RoundHeld => "round_held", Talks, talks::ROUND_HELD, "A round of talks held";
    RoundCancelled => "round_cancelled", Talks, talks::ROUND_CANCELLED, "A round of talks cancelled";
    AgreementRecorded => "agreement_recorded", Talks, talks::AGREEMENT, "An agreement recorded";
    StatementRecorded => "statement_recorded", Talks, talks::STATEMENT, "A statement recorded";
    CommitmentMade => "commitment_made", Commitment, commitment::MADE, "A commitment made";
    CommitmentStatusChanged => "commitment_status_changed", Commitment, commitment::STATUS_CHANGED, "A commitment's status changed";
    CommitmentKept => "commitment_kept", Commitment, commitment::KEPT, "A commitment kept";
    ActWithdrawn => "act_withdrawn", Withdrawal, withdrawal::WITHDRAWN, "An act withdrawn (recorded in error)";
    ClaimDisputed => "claim_disputed", Claim, claim::DISPUTED, "A claim of the other party disputed";
    ClaimConfirmed => "claim_confirmed", Claim, claim::CONFIRMED, "A claim of the other party confirmed";
    CaseOpened => "case_opened", Case, case::OPENED, "A case of a national opened";
    CaseStep => "case_step", Case, case::STEP, "A step in a national's case";
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Read as serde reads an enum's tag, so a bad `kind` is refused in the words it always was.
impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Kind;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("variant identifier")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Kind, E> {
                Kind::parse(v).ok_or_else(|| E::unknown_variant(v, Kind::NAMES))
            }
        }
        d.deserialize_identifier(Visitor)
    }
}

/// A subject's `pub fn kind(&self) -> Kind`, from each variant's kind:
/// `kind_of!(PostAct: Opened => PostOpened, Closed => PostClosed);` matches
/// `PostAct::Opened { .. }` to `Kind::PostOpened` and so on.
macro_rules! kind_of {
    ($subject:ident: $($variant:ident => $kind:ident),+ $(,)?) => {
        pub fn kind(&self) -> $crate::act::kind::Kind {
            match self {
                $($subject::$variant { .. } => $crate::act::kind::Kind::$kind,)+
            }
        }
    };
}
pub(crate) use kind_of;
