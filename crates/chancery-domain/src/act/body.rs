//! [`ActBody`]: what happened, one variant per subject. The JSON form stays flat
//! (`{"kind": "hom_arrived", "sending": ..}`): `kind` picks the subject in [`Kind`], and the
//! subject's own serde type reads the rest.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::commitment::CommitmentAct;
use super::head::HeadOfMission;
use super::kind::{Kind, Subject};
use super::measure::MeasureAct;
use super::member::MemberAct;
use super::post::PostAct;
use super::premises::PremisesAct;
use super::staffing::StaffingAct;
use super::state::StateAct;
use super::talks::TalksAct;
use crate::ids::StateCode;

/// What happened. Field names are those of docs/scenario-format.md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActBody {
    State(StateAct),
    Post(PostAct),
    Premises(PremisesAct),
    Member(MemberAct),
    HeadOfMission(HeadOfMission),
    Staffing(StaffingAct),
    Measure(MeasureAct),
    Talks(TalksAct),
    Commitment(CommitmentAct),
}

impl ActBody {
    /// Reads an act's flat form without its envelope keys.
    pub(crate) fn from_map(map: Map<String, Value>) -> Result<ActBody, serde_json::Error> {
        let kind = match map.get("kind") {
            Some(k) => Kind::deserialize(k)?,
            None => return Err(serde::de::Error::missing_field("kind")),
        };
        fn read<T: serde::de::DeserializeOwned>(
            map: Map<String, Value>,
        ) -> Result<T, serde_json::Error> {
            serde_json::from_value(Value::Object(map))
        }
        Ok(match kind.subject() {
            Subject::State => ActBody::State(read(map)?),
            Subject::Post => ActBody::Post(read(map)?),
            Subject::Premises => ActBody::Premises(read(map)?),
            Subject::Member => ActBody::Member(read(map)?),
            Subject::HeadOfMission => ActBody::HeadOfMission(HeadOfMission::from_map(kind, map)?),
            Subject::Staffing => ActBody::Staffing(read(map)?),
            Subject::Measure => ActBody::Measure(read(map)?),
            Subject::Talks => ActBody::Talks(read(map)?),
            Subject::Commitment => ActBody::Commitment(read(map)?),
        })
    }

    pub fn which(&self) -> Kind {
        match self {
            ActBody::State(StateAct::Registered { .. }) => Kind::StateRegistered,
            ActBody::Post(p) => match p {
                PostAct::Opened { .. } => Kind::PostOpened,
                PostAct::Suspended { .. } => Kind::PostSuspended,
                PostAct::Resumed { .. } => Kind::PostResumed,
                PostAct::Closed { .. } => Kind::PostClosed,
                PostAct::ServicesChanged { .. } => Kind::ConsularServicesChanged,
            },
            ActBody::Premises(p) => match p {
                PremisesAct::Acquired { .. } => Kind::PremisesAcquired,
                PremisesAct::AccessBarred { .. } => Kind::PremisesAccessBarred,
                PremisesAct::Seized { .. } => Kind::PremisesSeized,
                PremisesAct::Returned { .. } => Kind::PremisesReturned,
                PremisesAct::Released { .. } => Kind::PremisesReleased,
            },
            ActBody::Member(m) => match m {
                MemberAct::Notified { .. } => Kind::MemberNotified,
                MemberAct::Arrived { .. } => Kind::MemberArrived,
                MemberAct::DeclaredPng { .. } => Kind::MemberDeclaredPng,
                MemberAct::Departed { .. } => Kind::MemberDeparted,
            },
            ActBody::HeadOfMission(h) => h.event.kind(),
            ActBody::Staffing(StaffingAct::Reported { .. }) => Kind::StaffingReported,
            ActBody::Measure(m) => match m {
                MeasureAct::Imposed(_) => Kind::MeasureImposed,
                MeasureAct::Lifted { .. } => Kind::MeasureLifted,
            },
            ActBody::Talks(t) => match t {
                TalksAct::RoundHeld { .. } => Kind::RoundHeld,
                TalksAct::RoundCancelled { .. } => Kind::RoundCancelled,
                TalksAct::Agreement { .. } => Kind::AgreementRecorded,
                TalksAct::Statement { .. } => Kind::StatementRecorded,
            },
            ActBody::Commitment(c) => match c {
                CommitmentAct::Made(_) => Kind::CommitmentMade,
                CommitmentAct::StatusChanged { .. } => Kind::CommitmentStatusChanged,
                CommitmentAct::Kept { .. } => Kind::CommitmentKept,
            },
        }
    }

    pub fn kind(&self) -> &'static str {
        self.which().as_str()
    }

    /// Writes what the act is about (`post:us-embassy-moscow`): a correction must keep it.
    fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            ActBody::State(StateAct::Registered { state, .. }) => write!(w, "state:{state}"),
            ActBody::Post(p) => match p {
                PostAct::Opened { post, .. }
                | PostAct::Suspended { post, .. }
                | PostAct::Resumed { post }
                | PostAct::Closed { post, .. } => write!(w, "post:{post}"),
                PostAct::ServicesChanged { posts, .. } => {
                    w.write_str("posts:")?;
                    posts.iter().try_for_each(|p| write!(w, "{p},"))
                }
            },
            ActBody::Premises(
                PremisesAct::Acquired { premises, .. }
                | PremisesAct::AccessBarred { premises, .. }
                | PremisesAct::Seized { premises, .. }
                | PremisesAct::Returned { premises, .. }
                | PremisesAct::Released { premises },
            ) => write!(w, "premises:{premises}"),
            ActBody::Member(
                MemberAct::Notified { member, .. }
                | MemberAct::Arrived { member, .. }
                | MemberAct::DeclaredPng { member, .. }
                | MemberAct::Departed { member },
            ) => write!(w, "member:{member}"),
            ActBody::HeadOfMission(HeadOfMission { sending, host, .. })
            | ActBody::Staffing(StaffingAct::Reported { sending, host, .. }) => {
                write!(w, "mission:{sending}-{host}")
            }
            ActBody::Measure(MeasureAct::Imposed(m)) => write!(w, "measure:{}", m.measure),
            ActBody::Measure(MeasureAct::Lifted { measure, .. }) => write!(w, "measure:{measure}"),
            ActBody::Talks(t) => match t {
                TalksAct::RoundHeld { round, .. } | TalksAct::RoundCancelled { round, .. } => {
                    write!(w, "round:{round}")
                }
                TalksAct::Agreement { parties, .. } => write!(w, "agreement:{parties:?}"),
                TalksAct::Statement { by, .. } => write!(w, "statement:{by}"),
            },
            ActBody::Commitment(c) => match c {
                CommitmentAct::Made(c) => write!(w, "commitment:{}", c.commitment),
                CommitmentAct::StatusChanged { commitment, .. }
                | CommitmentAct::Kept { commitment, .. } => write!(w, "commitment:{commitment}"),
            },
        }
    }

    /// What the act is about, e.g. `post:us-embassy-moscow`.
    pub fn subject(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_subject(&mut s);
        s
    }

    /// A hash of [`subject`](Self::subject) computed without allocating: the memory image keeps
    /// one per act, so replay of millions of acts must not build strings for it.
    pub fn subject_hash(&self) -> u64 {
        struct HashWriter(std::collections::hash_map::DefaultHasher);
        impl std::fmt::Write for HashWriter {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                std::hash::Hasher::write(&mut self.0, s.as_bytes());
                Ok(())
            }
        }
        let mut w = HashWriter(std::collections::hash_map::DefaultHasher::new());
        let _ = self.write_subject(&mut w);
        std::hash::Hasher::finish(&w.0)
    }

    /// The head-of-mission act, if this is one.
    pub fn head_of_mission(&self) -> Option<&HeadOfMission> {
        match self {
            ActBody::HeadOfMission(h) => Some(h),
            _ => None,
        }
    }

    /// The states an act names as parties (venues of talks excepted): a scenario file for a
    /// relation may only name its two states.
    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            ActBody::State(StateAct::Registered { state, .. }) => vec![*state],
            ActBody::Post(p) => match p {
                PostAct::Opened { sending, host, .. } => vec![*sending, *host],
                PostAct::Suspended { by, .. } | PostAct::Closed { by, .. } => vec![*by],
                PostAct::Resumed { .. } | PostAct::ServicesChanged { .. } => Vec::new(),
            },
            ActBody::Premises(p) => match p {
                PremisesAct::AccessBarred { by, .. } | PremisesAct::Seized { by, .. } => {
                    vec![*by]
                }
                PremisesAct::Acquired { .. }
                | PremisesAct::Returned { .. }
                | PremisesAct::Released { .. } => Vec::new(),
            },
            ActBody::Member(m) => match m {
                MemberAct::DeclaredPng { by, .. } => vec![*by],
                MemberAct::Notified { .. }
                | MemberAct::Arrived { .. }
                | MemberAct::Departed { .. } => Vec::new(),
            },
            ActBody::HeadOfMission(HeadOfMission { sending, host, .. })
            | ActBody::Staffing(StaffingAct::Reported { sending, host, .. }) => {
                vec![*sending, *host]
            }
            ActBody::Measure(MeasureAct::Imposed(m)) => vec![m.actor, m.target],
            ActBody::Measure(MeasureAct::Lifted { .. }) => Vec::new(),
            ActBody::Talks(t) => match t {
                TalksAct::RoundHeld { parties, .. } | TalksAct::Agreement { parties, .. } => {
                    parties.clone()
                }
                TalksAct::RoundCancelled {
                    parties,
                    cancelled_by,
                    ..
                } => parties.iter().copied().chain(*cancelled_by).collect(),
                TalksAct::Statement { by, about, .. } => vec![*by, *about],
            },
            ActBody::Commitment(c) => match c {
                CommitmentAct::Made(c) => {
                    c.parties.iter().chain(&c.undertaken_by).copied().collect()
                }
                CommitmentAct::StatusChanged { .. } | CommitmentAct::Kept { .. } => Vec::new(),
            },
        }
    }
}

impl Serialize for ActBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ActBody::State(a) => a.serialize(s),
            ActBody::Post(a) => a.serialize(s),
            ActBody::Premises(a) => a.serialize(s),
            ActBody::Member(a) => a.serialize(s),
            ActBody::HeadOfMission(a) => a.serialize(s),
            ActBody::Staffing(a) => a.serialize(s),
            ActBody::Measure(a) => a.serialize(s),
            ActBody::Talks(a) => a.serialize(s),
            ActBody::Commitment(a) => a.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ActBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ActBody, D::Error> {
        let map = Map::deserialize(d)?;
        ActBody::from_map(map).map_err(serde::de::Error::custom)
    }
}
