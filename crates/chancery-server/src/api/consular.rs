//! Consular work: the services each post offers, service by service, as of a date.

use axum::extract::State;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::consular::services::ConsularServices;
use chancery_domain::image::timeline::View;

use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::relations::{date_param, query_error, state_code, PresenceParams};
use crate::state::AppState;

/// Both missions' posts with every service of the consular catalogue they give (VCCR Art. 5;
/// trade promotion and commercial services for trade representations): the level, whether it
/// comes from a change of every service of the post, since when, where applicants are routed,
/// the host measures that forced it, and the act it rests on. A service the record says nothing
/// of has no level ("not recorded").
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/consular/services",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), PresenceParams),
    responses(
        (status = 200, body = ConsularServices),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn services(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<ConsularServices>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    image
        .consular_services(a, b, view)
        .map(Json)
        .map_err(query_error)
}
