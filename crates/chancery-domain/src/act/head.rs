//! A head of mission's life at one mission (agrément, appointment, arrival, credentials,
//! absence, departure) and chargés d'affaires a.i.: twelve kinds of act that share who, where
//! and one event.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::fields::{field_table, Field};
use super::kind::{kind_of, Kind};
use crate::ids::StateCode;
use crate::names::Names;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeadEvent {
    AgrementRequested,
    AgrementGranted,
    AgrementRefused,
    Appointed,
    Arrived { start_unknown: bool },
    CredentialsCopies,
    CredentialsPresented,
    Absent { reason: Option<String> },
    Returned,
    Departed,
    ChargeAssumed,
    ChargeEnded,
}

impl HeadEvent {
    kind_of!(HeadEvent: AgrementRequested => AgrementRequested, AgrementGranted => AgrementGranted,
        AgrementRefused => AgrementRefused, Appointed => HomAppointed, Arrived => HomArrived,
        CredentialsCopies => HomCredentialsCopies, CredentialsPresented => HomCredentialsPresented,
        Absent => HomAbsent, Returned => HomReturned, Departed => HomDeparted,
        ChargeAssumed => ChargeAssumed, ChargeEnded => ChargeEnded);

    /// The event of a kind that carries nothing but who and where.
    fn plain(kind: Kind) -> Option<HeadEvent> {
        Some(match kind {
            Kind::AgrementRequested => HeadEvent::AgrementRequested,
            Kind::AgrementGranted => HeadEvent::AgrementGranted,
            Kind::AgrementRefused => HeadEvent::AgrementRefused,
            Kind::HomAppointed => HeadEvent::Appointed,
            Kind::HomCredentialsCopies => HeadEvent::CredentialsCopies,
            Kind::HomCredentialsPresented => HeadEvent::CredentialsPresented,
            Kind::HomReturned => HeadEvent::Returned,
            Kind::HomDeparted => HeadEvent::Departed,
            Kind::ChargeAssumed => HeadEvent::ChargeAssumed,
            Kind::ChargeEnded => HeadEvent::ChargeEnded,
            _ => return None,
        })
    }
}

/// A head-of-mission act: who, at which mission, what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadOfMission {
    pub sending: StateCode,
    pub host: StateCode,
    pub person: String,
    /// The person's name in other languages (`{ ru = "..." }`), where known.
    pub names: Names,
    pub event: HeadEvent,
}

impl HeadOfMission {
    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(w, "mission:{}-{}", self.sending, self.host)
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        vec![self.sending, self.host]
    }
}

pub(crate) const PLAIN: &[Field] = field_table![
    req sending: State, req host: State, req person: Name,
];
pub(crate) const ARRIVED: &[Field] = field_table![
    req sending: State, req host: State, req person: Name, opt start_unknown: Flag,
];
pub(crate) const ABSENT: &[Field] = field_table![
    req sending: State, req host: State, req person: Name, opt reason: Prose,
];

// One serde type per shape, so that a stray key is refused with the list of that kind's keys,
// as when each kind was its own variant.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plain {
    sending: StateCode,
    host: StateCode,
    person: String,
    #[serde(default)]
    names: Names,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Arrival {
    sending: StateCode,
    host: StateCode,
    person: String,
    #[serde(default)]
    names: Names,
    #[serde(default)]
    start_unknown: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Absence {
    sending: StateCode,
    host: StateCode,
    person: String,
    #[serde(default)]
    names: Names,
    #[serde(default)]
    reason: Option<String>,
}

impl HeadOfMission {
    /// Reads the flat form of a `kind` of this subject (its `kind` key already read).
    pub(crate) fn from_map(
        kind: Kind,
        mut map: Map<String, Value>,
    ) -> Result<HeadOfMission, serde_json::Error> {
        map.remove("kind");
        let map = Value::Object(map);
        let at = |sending, host, person, names, event| HeadOfMission {
            sending,
            host,
            person,
            names,
            event,
        };
        Ok(match kind {
            Kind::HomArrived => {
                let a: Arrival = serde_json::from_value(map)?;
                let event = HeadEvent::Arrived {
                    start_unknown: a.start_unknown,
                };
                at(a.sending, a.host, a.person, a.names, event)
            }
            Kind::HomAbsent => {
                let a: Absence = serde_json::from_value(map)?;
                let event = HeadEvent::Absent { reason: a.reason };
                at(a.sending, a.host, a.person, a.names, event)
            }
            other => {
                let event = HeadEvent::plain(other).ok_or_else(|| {
                    serde::de::Error::custom(format!("`{other}` is not a head-of-mission act"))
                })?;
                let p: Plain = serde_json::from_value(map)?;
                at(p.sending, p.host, p.person, p.names, event)
            }
        })
    }
}

impl Serialize for HeadOfMission {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("HeadOfMission", 6)?;
        st.serialize_field("kind", self.event.kind().as_str())?;
        st.serialize_field("sending", &self.sending)?;
        st.serialize_field("host", &self.host)?;
        st.serialize_field("person", &self.person)?;
        if !self.names.is_empty() {
            st.serialize_field("names", &self.names)?;
        }
        match &self.event {
            HeadEvent::Arrived {
                start_unknown: true,
            } => st.serialize_field("start_unknown", &true)?,
            HeadEvent::Absent {
                reason: Some(reason),
            } => st.serialize_field("reason", reason)?,
            _ => {}
        }
        st.end()
    }
}
