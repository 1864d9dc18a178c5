//! A relation's alerts for the reader: what needs attention on the day, most urgent first.
//! Derived from answers the reader may already see, so scoped exactly as they are (a case
//! internal to one ministry alerts that ministry only).

use axum::extract::State;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::alerts::{AllAlerts, RelationAlerts};
use chancery_domain::image::timeline::View;

use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::relations::{date_param, query_error, state_code, PresenceParams};
use crate::state::AppState;

/// The relation's alerts visible to the reader on the day, most urgent first (`urgent`, then
/// `warning`, then `notice`): consular clocks (`consular_clock_overdue`, `_due`,
/// `_may_be_overdue`), a persona non grata's departure (`png_departure_overdue`, `_due`,
/// `_may_be_overdue`), commitments (`commitment_overdue`, `commitment_due`), a head of
/// mission's vacancy with its age (`head_of_mission_vacant`), agrément pending beyond the comity
/// norm of about 30 days (`agrement_pending`), caps exceeded by the record
/// (`cap_exceeded`, `cap_may_be_exceeded`), measures taking effect or expiring within 30 days
/// (`measure_takes_effect_soon`, `measure_expires_soon`) and a headline staffing figure older
/// than a year (`staff_figure_stale`). Each has a subject, a date, its age or days overdue, and a
/// sentence in English.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/alerts",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), PresenceParams),
    responses(
        (status = 200, body = RelationAlerts),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn alerts(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<RelationAlerts>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    image.alerts(a, b, view).map(Json).map_err(query_error)
}

/// The reader's alerts across every relation they have any in (relations with none left
/// out), each relation's most urgent first. The same kinds as a relation's alerts.
#[utoipa::path(
    get,
    path = "/api/v1/alerts",
    params(PresenceParams),
    responses(
        (status = 200, body = AllAlerts),
        (status = 400, body = super::error::ErrorBody)
    )
)]
pub async fn all(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<AllAlerts>, ApiError> {
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    // Every relation: a second on a 200-state world, off the async workers and in its turn.
    let chancery = app.chancery.clone();
    let all = crate::compute::off_workers(move || chancery.image().alerts_all(view))
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(all))
}

/// The relation's alerts as an Atom 1.0 feed (RFC 4287) for feed readers: one entry per alert,
/// with a stable id (a `tag:` URI from the alert's subject and kind) and a link to the page
/// where it is handled. Scoped like the page: the signed-in organisation's view, or a bearer
/// token's (`Authorization: Bearer <token>`), or public facts. For today unless `as_of` is
/// given. Served by the pages (`crate::web`); described here so the document lists it.
#[utoipa::path(
    get,
    path = "/relations/{a}/{b}/alerts.atom",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ("as_of" = Option<String>, Query, description = "The day (YYYY-MM-DD); today when absent")),
    responses(
        (status = 200, description = "An Atom feed", body = String, content_type = "application/atom+xml"),
        (status = 400, description = "A bad date", content_type = "text/html"),
        (status = 404, description = "No such relation", content_type = "text/html")
    )
)]
#[allow(dead_code)]
fn relation_feed() {}

/// Every relation's alerts the reader has, as one Atom 1.0 feed (see the relation's feed).
#[utoipa::path(
    get,
    path = "/alerts.atom",
    params(("as_of" = Option<String>, Query, description = "The day (YYYY-MM-DD); today when absent")),
    responses(
        (status = 200, description = "An Atom feed", body = String, content_type = "application/atom+xml"),
        (status = 400, description = "A bad date", content_type = "text/html")
    )
)]
#[allow(dead_code)]
fn all_feed() {}
