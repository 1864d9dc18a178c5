//! Questions about a relation as of a date.

use axum::extract::State;

use super::extract::{ApiPath, ApiQuery};
use axum::Json;
use chancery_domain::image::claims::ClaimView;
use chancery_domain::image::timeline::View;
use chancery_domain::query::{MeasureFilter, MeasureView, Presence, QueryError};
use chancery_domain::{CivilDate, StateCode};
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::today;

pub(super) fn state_code(name: &str, raw: &str) -> Result<StateCode, ApiError> {
    raw.parse().map_err(|e| ApiError::bad_parameter(name, e))
}

pub(super) fn date_param(name: &str, raw: Option<&str>) -> Result<Option<CivilDate>, ApiError> {
    raw.map(|s| {
        s.parse::<CivilDate>()
            .map_err(|e| ApiError::bad_parameter(name, e))
    })
    .transpose()
}

pub(super) fn query_error(e: QueryError) -> ApiError {
    match e {
        QueryError::UnknownState(_) => ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "unknown_state",
            e.to_string(),
        ),
        QueryError::SameState(_) => ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "same_state",
            e.to_string(),
        ),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PresenceParams {
    /// The day to answer for (YYYY-MM-DD); today when omitted.
    pub(super) as_of: Option<String>,
    /// Answer as the record stood after this journal sequence number (transaction time).
    pub(super) known_through: Option<u64>,
}

/// Each side's posts, premises, staff, caps, head of mission or vacancy, as of a date.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/presence",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), PresenceParams),
    responses(
        (status = 200, body = Presence),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn presence(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<Presence>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    image.presence(a, b, view).map(Json).map_err(query_error)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeasuresParams {
    /// Only measures in force on this day (YYYY-MM-DD); every recorded measure when omitted.
    in_force_on: Option<String>,
    /// Every measure taken by this day (YYYY-MM-DD), with its status on that day (announced,
    /// in force, uncertain, expired, lifted, or happened for an event). Ignored with
    /// `in_force_on`.
    as_of: Option<String>,
    /// Answer as the record stood after this journal sequence number (transaction time).
    known_through: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MeasuresBody {
    pub measures: Vec<MeasureView>,
}

/// Measures of both sides of a relation, in the order they were taken, each with its life
/// (taken, effective, stages, expiry, lifting), its status on the day asked, and whether
/// verdicts rest on it.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/measures",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), MeasuresParams),
    responses(
        (status = 200, body = MeasuresBody),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn measures(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<MeasuresParams>,
) -> Result<Json<MeasuresBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let in_force_on = date_param("in_force_on", params.in_force_on.as_deref())?;
    let as_of = date_param("as_of", params.as_of.as_deref())?;
    let (as_of, filter) = match (in_force_on, as_of) {
        (Some(d), _) => (d, MeasureFilter::InForce),
        (None, Some(d)) => (d, MeasureFilter::Imposed),
        (None, None) => (View::everything().as_of, MeasureFilter::Imposed),
    };
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    let measures = image.measures(a, b, view, filter).map_err(query_error)?;
    Ok(Json(MeasuresBody { measures }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimsParams {
    /// Answer as the record stood after this journal sequence number (transaction time).
    known_through: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClaimsBody {
    pub claims: Vec<ClaimView>,
}

/// What each party's ministry claims about the other state's conduct ("per US"), with the other
/// party's answer: kept apart from the record, never used to refuse or overwrite its acts.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/claims",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ClaimsParams),
    responses(
        (status = 200, body = ClaimsBody),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn claims(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<ClaimsParams>,
) -> Result<Json<ClaimsBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = View::new(View::everything().as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    // Asked about an unknown pair, the answer is the same 404 as for its measures.
    image
        .measures(a, b, view, MeasureFilter::Imposed)
        .map_err(query_error)?;
    Ok(Json(ClaimsBody {
        claims: image.claims(a, b, view),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StateItem {
    pub code: StateCode,
    pub name: String,
    /// The state's name in other languages, by language tag, where recorded.
    pub names: chancery_domain::names::Names,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatesBody {
    pub states: Vec<StateItem>,
}

/// Registered states.
#[utoipa::path(get, path = "/api/v1/states", responses((status = 200, body = StatesBody)))]
pub async fn states(State(app): State<AppState>) -> Json<StatesBody> {
    let states = app
        .chancery
        .image()
        .state_names()
        .map(|(code, n)| StateItem {
            code,
            name: n.name.clone(),
            names: n.names.clone(),
        })
        .collect();
    Json(StatesBody { states })
}
