//! Rounds of talks and the commitments made at them.

use axum::extract::State;

use super::extract::{ApiPath, ApiQuery};
use axum::http::StatusCode;
use axum::Json;
use chancery_domain::brief::Brief;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::relations::RelationSummary;
use chancery_domain::rounds::{RoundDetail, RoundLine};
use chancery_domain::talks::{CommitmentView, Talks};
use chancery_domain::RoundId;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::relations::{date_param, query_error, state_code};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::today;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfParams {
    /// The day to answer for (YYYY-MM-DD); today when omitted.
    as_of: Option<String>,
}

fn view(params: &AsOfParams, who: &Principal) -> Result<View, ApiError> {
    Ok(View::whole_record(
        date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today),
        who.reader(),
    ))
}

/// Rounds held or cancelled, with their agreements and commitments; other agreements and
/// statements.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/rounds",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), AsOfParams),
    responses((status = 200, body = Talks), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn rounds(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<Talks>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = view(&params, &who)?;
    let image = app.chancery.image();
    image.talks(a, b, view).map(Json).map_err(query_error)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CommitmentsBody {
    pub commitments: Vec<CommitmentView>,
}

/// Commitments with their status on the date, and whether they are overdue.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/commitments",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), AsOfParams),
    responses((status = 200, body = CommitmentsBody), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn commitments(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<CommitmentsBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = view(&params, &who)?;
    let image = app.chancery.image();
    let commitments = image.commitments(a, b, view).map_err(query_error)?;
    Ok(Json(CommitmentsBody { commitments }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RoundLinesBody {
    pub rounds: Vec<RoundLine>,
}

/// The relation's rounds by date, each with what became of the commitments made at it on the
/// day: made, kept, open (in progress included) and overdue.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/talks",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), AsOfParams),
    responses((status = 200, body = RoundLinesBody), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn round_lines(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<RoundLinesBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = view(&params, &who)?;
    let image = app.chancery.image();
    let rounds = image.round_lines(a, b, view).map_err(query_error)?;
    Ok(Json(RoundLinesBody { rounds }))
}

/// One round: venue, level, delegations, agenda, outcome, the commitments made at it as they
/// stand on the day, and the journal numbers of its acts (`GET /api/v1/acts?…`, the act pages).
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/rounds/{id}",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ("id" = String, Path, description = "The round's id"), AsOfParams),
    responses((status = 200, body = RoundDetail), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn round(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b, id)): ApiPath<(String, String, String)>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<RoundDetail>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let round: RoundId = id.parse().map_err(|e| ApiError::bad_parameter("id", e))?;
    let view = view(&params, &who)?;
    let image = app.chancery.image();
    image
        .round_detail(a, b, &round, view)
        .map_err(query_error)?
        .map(Json)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "unknown_round",
                format!("no round `{round}` in this relation as of {}", view.as_of),
            )
        })
}

/// A negotiator's brief for the next round, on the day: open and overdue commitments, the acts
/// since the last round held (journal numbers), the roadmap's first steps and the parity
/// dimensions that moved since that round, under the default definition (all staff, missions
/// to international organisations included).
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/brief",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), AsOfParams),
    responses((status = 200, body = Brief), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn brief(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<Brief>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = view(&params, &who)?;
    let chancery = app.chancery.clone();
    // Off the async workers: the roadmap inside replays lifts over a copy of the relation.
    tokio::task::spawn_blocking(move || chancery.image().brief(a, b, view, &Definition::default()))
        .await
        .map_err(ApiError::internal)?
        .map(Json)
        .map_err(query_error)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RelationsBody {
    pub as_of: chancery_domain::CivilDate,
    /// The relations of which the reader sees an act dated by the day, in code order.
    pub relations: Vec<RelationSummary>,
}

/// Every relation the reader sees, each with its normalisation index on the day and a year
/// before (the overview's baseline), its open alerts and its latest round: the start page's
/// table.
#[utoipa::path(
    get,
    path = "/api/v1/relations",
    params(AsOfParams),
    responses((status = 200, body = RelationsBody), (status = 400, body = super::error::ErrorBody))
)]
pub async fn relations(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiQuery(params): ApiQuery<AsOfParams>,
) -> Result<Json<RelationsBody>, ApiError> {
    let view = view(&params, &who)?;
    let chancery = app.chancery.clone();
    // Off the async workers: a large world has thousands of relations.
    let relations = crate::compute::off_workers(move || chancery.relation_summaries(view))
        .await
        .map_err(ApiError::internal)?
        .to_vec();
    Ok(Json(RelationsBody {
        as_of: view.as_of,
        relations,
    }))
}
