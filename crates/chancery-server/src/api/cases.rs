//! Nationals' cases of a relation (arrest, detention, death, emergency) with their steps and
//! clocks, as the reader may see them: a case internal to one ministry is not shown to the
//! other party, the public or a mediator (the domain scopes the view).

use axum::extract::State;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::consular::cases::ConsularCases;
use chancery_domain::image::timeline::View;

use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::relations::{date_param, query_error, state_code, PresenceParams};
use crate::state::AppState;

/// The relation's cases of nationals visible to the reader, opened by the day, with their
/// steps and clocks on that day: VCCR Art. 36(1)(b) "without delay" (no fixed bound, days
/// passed shown) and a treaty's deadlines where one binds the pair (US–Russia: notification
/// within 3 days, access within 4, the range's upper bound read as the deadline), each `met`,
/// `met_late`, `running`, `overdue` or `stopped`.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/consular/cases",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), PresenceParams),
    responses(
        (status = 200, body = ConsularCases),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn cases(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<ConsularCases>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    image
        .consular_cases(a, b, view)
        .map(Json)
        .map_err(query_error)
}
