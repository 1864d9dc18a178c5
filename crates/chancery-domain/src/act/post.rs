//! A post's life: opened, suspended, resumed, closed, reopened, and its consular services.

use serde::{Deserialize, Serialize};

use super::fields::{field_table, Field};
use super::is_false;
use super::kind::kind_of;
use crate::date::ValidDate;
use crate::ids::{MeasureId, PostId, StateCode};
use crate::names::Names;
use crate::vocab::{ConsularService, PostKind, ServiceLevel};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum PostAct {
    #[serde(rename = "post_opened")]
    Opened {
        post: PostId,
        sending: StateCode,
        host: StateCode,
        post_kind: PostKind,
        name: String,
        city: String,
        /// The post's name in other languages (`{ ru = "..." }`), where known.
        #[serde(default, skip_serializing_if = "Names::is_empty")]
        names: Names,
        /// The city's name in other languages, where known.
        #[serde(default, skip_serializing_if = "Names::is_empty")]
        city_names: Names,
        #[serde(default, skip_serializing_if = "is_false")]
        start_unknown: bool,
    },
    #[serde(rename = "post_suspended")]
    Suspended {
        post: PostId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    #[serde(rename = "post_resumed")]
    Resumed { post: PostId },
    #[serde(rename = "post_closed")]
    Closed {
        post: PostId,
        by: StateCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    /// A closed post opens again under its id, by consent of both states (VCCR Art. 4(1)),
    /// typically once the measure that closed it is lifted.
    #[serde(rename = "post_reopened")]
    Reopened {
        post: PostId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    /// The sending state's own decision on what its posts offer (a host's restriction of
    /// consular work is a measure, which `forced_by` may name). One act for several posts of
    /// one relation; for the services of `applies_to`, or every service when it is empty.
    #[serde(rename = "consular_services_changed")]
    ServicesChanged {
        posts: Vec<PostId>,
        level: ServiceLevel,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        services: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        applies_to: Vec<ConsularService>,
        /// Where applicants are sent instead (level `none` here): another post of the sending
        /// state, possibly in a third country.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        routed_to: Vec<RoutedTo>,
        /// Host measures that forced the change, when the sources say so.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        forced_by: Vec<MeasureId>,
    },
    /// The consular section's staff at a post: officers who take cases, and local staff who
    /// support them (sourced, or labelled an estimate).
    #[serde(rename = "consular_staff_reported")]
    ConsularStaffReported {
        post: PostId,
        officers: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        local_staff: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        estimate: bool,
    },
    /// Cases one officer handles in a working day for a service at a post, replacing the
    /// default (which carries its own sources).
    #[serde(rename = "consular_productivity_set")]
    ProductivitySet {
        post: PostId,
        service: ConsularService,
        cases_per_officer_day: u32,
    },
    /// Applicants asking for a service at a post per week (sourced, or labelled an estimate).
    #[serde(rename = "consular_demand_reported")]
    DemandReported {
        post: PostId,
        service: ConsularService,
        per_week: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        estimate: bool,
    },
    /// Documents one post, or several posts together, issued over a period, as published (an
    /// issuance statistic): a count of what was done, not of demand, since applicants refused,
    /// turned away or sent elsewhere are not in it. The act's date is when it was published.
    #[serde(rename = "consular_issuance_reported")]
    IssuanceReported {
        #[serde(deserialize_with = "non_empty")]
        posts: Vec<PostId>,
        /// The services the count covers together (nonimmigrant visas of every class, say): a
        /// count of "every service" could be compared with no capacity, so one is required.
        #[serde(deserialize_with = "non_empty")]
        applies_to: Vec<ConsularService>,
        period_start: ValidDate,
        /// The last part of the period; `None`: the period is `period_start`'s alone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period_end: Option<ValidDate>,
        issued: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        estimate: bool,
    },
}

/// A list that must name at least one item, refused when read.
fn non_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<T>::deserialize(d)?;
    if items.is_empty() {
        return Err(serde::de::Error::custom("must name at least one"));
    }
    Ok(items)
}

/// A place applicants are routed to: a city of a state, and the post there if the record holds
/// it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoutedTo {
    pub city: String,
    pub state: StateCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<PostId>,
}

impl PostAct {
    kind_of!(PostAct: Opened => PostOpened, Suspended => PostSuspended, Resumed => PostResumed,
        Closed => PostClosed, Reopened => PostReopened, ServicesChanged => ConsularServicesChanged,
        ConsularStaffReported => ConsularStaffReported, ProductivitySet => ConsularProductivitySet,
        DemandReported => ConsularDemandReported, IssuanceReported => ConsularIssuanceReported);

    pub(crate) fn write_subject(&self, w: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            PostAct::Opened { post, .. }
            | PostAct::Suspended { post, .. }
            | PostAct::Resumed { post }
            | PostAct::Closed { post, .. }
            | PostAct::Reopened { post, .. }
            | PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => write!(w, "post:{post}"),
            PostAct::ServicesChanged { posts, .. } | PostAct::IssuanceReported { posts, .. } => {
                w.write_str("posts:")?;
                posts.iter().try_for_each(|p| write!(w, "{p},"))
            }
        }
    }

    pub fn states_named(&self) -> Vec<StateCode> {
        match self {
            PostAct::Opened { sending, host, .. } => vec![*sending, *host],
            PostAct::Suspended { by, .. } | PostAct::Closed { by, .. } => vec![*by],
            PostAct::Resumed { .. }
            | PostAct::Reopened { .. }
            | PostAct::ServicesChanged { .. }
            | PostAct::ConsularStaffReported { .. }
            | PostAct::ProductivitySet { .. }
            | PostAct::DemandReported { .. }
            | PostAct::IssuanceReported { .. } => Vec::new(),
        }
    }
}

pub(crate) const OPENED: &[Field] = field_table![
    new_id post, req sending: State, req host: State, req post_kind: Choice(PostKind),
    req name: Name, req city: Name, opt start_unknown: Flag,
];
pub(crate) const SUSPENDED: &[Field] = field_table![req post: Id, req by: State, opt reason: Prose];
pub(crate) const RESUMED: &[Field] = field_table![req post: Id];
pub(crate) const CLOSED: &[Field] = field_table![
    req post: Id, req by: State, opt reason: Prose, opt measure: Id,
];
pub(crate) const REOPENED: &[Field] = field_table![req post: Id, opt measure: Id];
pub(crate) const SERVICES_CHANGED: &[Field] = field_table![
    req posts: Ids, req level: Choice(ServiceLevel), opt services: Prose,
    opt applies_to: Choices(ConsularService), opt routed_to: Places, opt forced_by: Ids,
];
pub(crate) const CONSULAR_STAFF: &[Field] = field_table![
    req post: Id, req officers: Count, opt local_staff: Count, opt estimate: Flag,
];
pub(crate) const PRODUCTIVITY: &[Field] = field_table![
    req post: Id, req service: Choice(ConsularService), req cases_per_officer_day: Count,
];
pub(crate) const DEMAND: &[Field] = field_table![
    req post: Id, req service: Choice(ConsularService), req per_week: Count, opt estimate: Flag,
];
pub(crate) const ISSUANCE: &[Field] = field_table![
    req posts: Ids, req applies_to: Choices(ConsularService), req period_start: Date,
    opt period_end: Date, req issued: Count, opt estimate: Flag,
];
