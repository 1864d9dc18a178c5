//! [`ActBody`]: what happened, one variant per subject. The JSON form stays flat
//! (`{"kind": "hom_arrived", "sending": ..}`): `kind` picks the subject in [`Kind`], and the
//! subject's own serde type reads the rest.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::case::CaseAct;
use super::claim::ClaimAct;
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
use super::withdrawal::WithdrawalAct;
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
    Withdrawal(WithdrawalAct),
    Claim(ClaimAct),
    Case(CaseAct),
}

impl ActBody {
    /// Reads an act's flat form without its envelope keys.
    /// Reads the body from its flat form by reference: the caller keeps the map, which the
    /// error path searches for the field at fault (a copy of it per act cost every write).
    pub(crate) fn from_map(map: &Map<String, Value>) -> Result<ActBody, serde_json::Error> {
        let kind = match map.get("kind") {
            Some(k) => Kind::deserialize(k)?,
            None => return Err(serde::de::Error::missing_field("kind")),
        };
        fn read<T: serde::de::DeserializeOwned>(
            map: &Map<String, Value>,
        ) -> Result<T, serde_json::Error> {
            T::deserialize(map)
        }
        Ok(match kind.subject() {
            Subject::State => ActBody::State(read(map)?),
            Subject::Post => ActBody::Post(read(map)?),
            Subject::Premises => ActBody::Premises(read(map)?),
            Subject::Member => ActBody::Member(read(map)?),
            Subject::HeadOfMission => {
                ActBody::HeadOfMission(HeadOfMission::from_map(kind, map.clone())?)
            }
            Subject::Staffing => ActBody::Staffing(read(map)?),
            Subject::Measure => ActBody::Measure(read(map)?),
            Subject::Talks => ActBody::Talks(read(map)?),
            Subject::Commitment => ActBody::Commitment(read(map)?),
            Subject::Withdrawal => ActBody::Withdrawal(read(map)?),
            Subject::Claim => ActBody::Claim(read(map)?),
            Subject::Case => ActBody::Case(read(map)?),
        })
    }

    pub fn which(&self) -> Kind {
        match self {
            ActBody::State(a) => a.kind(),
            ActBody::Post(a) => a.kind(),
            ActBody::Premises(a) => a.kind(),
            ActBody::Member(a) => a.kind(),
            ActBody::HeadOfMission(a) => a.event.kind(),
            ActBody::Staffing(a) => a.kind(),
            ActBody::Measure(a) => a.kind(),
            ActBody::Talks(a) => a.kind(),
            ActBody::Commitment(a) => a.kind(),
            ActBody::Withdrawal(a) => a.kind(),
            ActBody::Claim(a) => a.kind(),
            ActBody::Case(a) => a.kind(),
        }
    }

    pub fn kind(&self) -> &'static str {
        self.which().as_str()
    }

    /// Writes what the act is about (`post:us-embassy-moscow`): a correction must keep it.
    fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            ActBody::State(a) => a.write_subject(w),
            ActBody::Post(a) => a.write_subject(w),
            ActBody::Premises(a) => a.write_subject(w),
            ActBody::Member(a) => a.write_subject(w),
            ActBody::HeadOfMission(a) => a.write_subject(w),
            ActBody::Staffing(a) => a.write_subject(w),
            ActBody::Measure(a) => a.write_subject(w),
            ActBody::Talks(a) => a.write_subject(w),
            ActBody::Commitment(a) => a.write_subject(w),
            ActBody::Withdrawal(a) => a.write_subject(w),
            ActBody::Claim(a) => a.write_subject(w),
            ActBody::Case(a) => a.write_subject(w),
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

    /// The sequence number of the act this one withdraws, if it is a withdrawal.
    pub fn withdraws(&self) -> Option<u64> {
        match self {
            ActBody::Withdrawal(w) => Some(w.act()),
            _ => None,
        }
    }

    /// The claim this one answers, if it disputes or confirms one.
    pub fn answers_claim(&self) -> Option<u64> {
        match self {
            ActBody::Claim(c) => Some(c.claim()),
            _ => None,
        }
    }

    /// The earlier act this one names by number, to renumber (scenario files count by
    /// position): the act a withdrawal withdraws, the claim an answer answers.
    pub(crate) fn withdraws_mut(&mut self) -> Option<&mut u64> {
        match self {
            ActBody::Withdrawal(w) => Some(w.act_mut()),
            ActBody::Claim(c) => Some(c.claim_mut()),
            _ => None,
        }
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
            ActBody::State(a) => a.states_named(),
            ActBody::Post(a) => a.states_named(),
            ActBody::Premises(a) => a.states_named(),
            ActBody::Member(a) => a.states_named(),
            ActBody::HeadOfMission(a) => a.states_named(),
            ActBody::Staffing(a) => a.states_named(),
            ActBody::Measure(a) => a.states_named(),
            ActBody::Talks(a) => a.states_named(),
            ActBody::Commitment(a) => a.states_named(),
            ActBody::Withdrawal(a) => a.states_named(),
            ActBody::Claim(a) => a.states_named(),
            ActBody::Case(a) => a.states_named(),
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
            ActBody::Withdrawal(a) => a.serialize(s),
            ActBody::Claim(a) => a.serialize(s),
            ActBody::Case(a) => a.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ActBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ActBody, D::Error> {
        let map = Map::deserialize(d)?;
        ActBody::from_map(&map).map_err(serde::de::Error::custom)
    }
}
