//! The post model as it arrives (JSON or TOML); [`super::PostModel::new`] checks it.

use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::schedule::Schedule;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostModelRequest {
    /// Simulated days (requests are made on days 0..days): 1 to 3660.
    pub days: u32,
    #[serde(default = "one")]
    pub seed: u64,
    /// 1 to 200.
    #[serde(default = "ten")]
    pub replications: u32,
    /// The earliest appointment is this many days after the request (0: the same day).
    #[serde(default = "one_u32")]
    pub min_lead_days: u32,
    /// Requests on days before this one fill the appointment book but are not counted: a
    /// warm-up, so that the waits are those of an applicant asking on this day at a post already
    /// busy, not at one whose book is empty. Below `days`; 0 (the default) counts every day.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub measure_from_day: u32,
    pub classes: Vec<ServiceClass>,
    pub posts: Vec<PostSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

fn one() -> u64 {
    1
}
fn one_u32() -> u32 {
    1
}
fn is_zero(x: &u32) -> bool {
    *x == 0
}
fn ten() -> u32 {
    10
}

/// A kind of case (visitor visa, student visa, immigrant visa, passport...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceClass {
    pub name: String,
    /// Officer minutes one case takes (an interview and its paperwork).
    pub service_minutes: f64,
    /// Probability that a booked applicant does not come: the slot is lost.
    #[serde(default)]
    pub no_show: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostSpec {
    pub name: String,
    #[serde(default)]
    pub calendar: Calendar,
    /// Officers interviewing on a working day (fractional during a ramp: capacity is counted in
    /// minutes). Local staff who take cases count here in officer-equivalents.
    pub officers: Schedule,
    /// Minutes of cases one officer handles in a working day.
    pub minutes_per_officer_day: f64,
    /// Applicants asking for each class per week (requests come on every calendar day).
    pub demand_per_week: Vec<ClassDemand>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassDemand {
    pub class: String,
    pub per_week: Schedule,
}

/// A share of one class's demand at `from` sent to `to` (e.g. immigrant visas to Warsaw), on
/// days from_day..until_day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Route {
    pub class: String,
    pub from: String,
    pub to: String,
    pub share: f64,
    #[serde(default)]
    pub from_day: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_day: Option<u32>,
}
