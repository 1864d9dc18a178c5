//! A relation's alerts for the reader: what needs attention on the day, most urgent first.
//! Derived from answers the reader may already see, so scoped exactly as they are (a case
//! internal to one ministry alerts that ministry only).

use axum::extract::State;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::alerts::RelationAlerts;
use chancery_domain::image::timeline::View;

use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::relations::{date_param, query_error, state_code, PresenceParams};
use crate::state::AppState;

/// The relation's alerts visible to the reader on the day, most urgent first:
/// `consular_clock_overdue` (a national's case clock past its treaty deadline while the
/// national is held; `urgent`) and `consular_clock_due` (its last day on time is the day or the
/// next; `warning`). A clock met, missed (custody ended after the deadline) or "without
/// delay" gives none.
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
