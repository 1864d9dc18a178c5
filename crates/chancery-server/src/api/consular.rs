//! Consular work: the services each post offers, service by service, as of a date; and the
//! queueing simulator, checkable against Erlang C.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::consular::capacity::ConsularCapacity;
use chancery_domain::consular::queue::error::QueueErrorView;
use chancery_domain::consular::queue::mmc::simulate as simulate_mmc;
use chancery_domain::consular::queue::{MmcAnswer, MmcParams, MmcRequest};
use chancery_domain::consular::scenario::{ScenarioAnswer, ScenarioError, ScenarioRequest};
use chancery_domain::consular::services::ConsularServices;
use chancery_domain::image::timeline::View;
use chancery_domain::PostId;

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

/// Simulations run at once; more are refused with 503 `busy`.
const MAX_SIMULATIONS: usize = 2;
pub(crate) static SIMULATIONS: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(MAX_SIMULATIONS);

/// M/M/c: `servers` officers, Poisson arrivals at `arrival_rate_per_day`, exponential service
/// at `service_rate_per_day` per officer, simulated for `days` with `replications` seeded runs
/// (`seed` 1 and 10 runs by default). The answer gives the simulated waits in days (mean, p50,
/// p90) and utilisation, with a band across replications and the Erlang C figures beside them,
/// so that anyone can check one against the other. Nothing is written: reading is enough.
#[utoipa::path(
    post,
    path = "/api/v1/consular/simulate",
    request_body = MmcRequest,
    responses(
        (status = 200, body = MmcAnswer),
        (status = 400, body = super::error::ErrorBody),
        (status = 422, body = super::error::ErrorBody)
    )
)]
pub async fn simulate(
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<MmcAnswer>, ApiError> {
    let body = body.map_err(super::extract::body_error)?;
    let request: MmcRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not an M/M/c request: {e}"),
        )
    })?;
    let params = MmcParams::new(&request).map_err(|e| {
        let view = QueueErrorView::from(&e);
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, view.code, view.message)
            .with_details(serde_json::json!({ "field": view.field }))
    })?;
    // Up to about a second of work each: off the async workers, and a few at a time, so that
    // a flood of simulations cannot take the machine from readers and writers.
    let Ok(permit) = SIMULATIONS.try_acquire() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::outcome::BUSY,
            format!("{MAX_SIMULATIONS} simulations are running: try again shortly"),
        ));
    };
    tokio::task::spawn_blocking(move || {
        let answer = simulate_mmc(&params);
        drop(permit);
        answer
    })
    .await
    .map(Json)
    .map_err(ApiError::internal)
}

/// Each post's consular capacity in the week holding the day: staff (held to any local-staff
/// limit in force), cases per officer-day (the post's, or a default with its sources),
/// working days, capacity per service, demand, load, and the waits the appointment-book model
/// gives, with the method and its assumptions.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/consular/capacity",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), PresenceParams),
    responses(
        (status = 200, body = ConsularCapacity),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)
    )
)]
pub async fn capacity(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<PresenceParams>,
) -> Result<Json<ConsularCapacity>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    // Waits are simulated (bounded per answer: consular::capacity::WAIT_BUDGET_APPLICANTS):
    // off the async workers, and no more at once than the simulate endpoint's limit.
    let permit = SIMULATIONS.acquire().await.map_err(ApiError::internal)?;
    tokio::task::spawn_blocking(move || {
        let answer = app.chancery.image().consular_capacity(a, b, view);
        drop(permit);
        answer
    })
    .await
    .map_err(ApiError::internal)?
    .map(Json)
    .map_err(query_error)
}

/// A scenario on one post: its figures as of the day (those the reader's view holds: never the
/// other party's internal figures), changed over time — officers or local staff ramping, a
/// local-staff limit lifted (`lift`), a demand shock — and the weekly waits, backlog and
/// capacity of the baseline and of the scenario side by side, with the method and every
/// assumption. Nothing is written: reading is enough.
#[utoipa::path(
    post,
    path = "/api/v1/relations/{a}/{b}/posts/{post}/consular/scenario",
    params(("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ("post" = String, Path, description = "The post's id")),
    request_body = ScenarioRequest,
    responses(
        (status = 200, body = ScenarioAnswer),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody),
        (status = 422, body = super::error::ErrorBody),
        (status = 503, body = super::error::ErrorBody, description = "`busy`: as many simulations as the server runs at once are running", headers(("Retry-After" = u32, description = "seconds to wait before asking again")))
    )
)]
pub async fn scenario(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b, post)): ApiPath<(String, String, String)>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<ScenarioAnswer>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let post: PostId = post
        .parse()
        .map_err(|_| ApiError::bad_parameter("post", format!("`{post}` is not a post id")))?;
    let body = body.map_err(super::extract::body_error)?;
    let request: ScenarioRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not a scenario: {e}"),
        )
    })?;
    let view = View::new(request.as_of.unwrap_or_else(today), None, who.reader());
    let Ok(permit) = SIMULATIONS.try_acquire() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::outcome::BUSY,
            format!("{MAX_SIMULATIONS} simulations are running: try again shortly"),
        ));
    };
    tokio::task::spawn_blocking(move || {
        let answer = app
            .chancery
            .image()
            .consular_scenario((a, b), &post, view, &request);
        drop(permit);
        answer
    })
    .await
    .map_err(ApiError::internal)?
    .map(Json)
    .map_err(scenario_error)
}

fn scenario_error(e: ScenarioError) -> ApiError {
    match e {
        ScenarioError::Query(q) => query_error(q),
        ScenarioError::UnknownPost(_) => {
            ApiError::new(StatusCode::NOT_FOUND, e.code(), e.to_string())
        }
        ScenarioError::Invalid { .. } => {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.code(), e.to_string())
                .with_details(serde_json::json!({ "field": e.field() }))
        }
    }
}
