//! Rounds of talks and the commitments made at them.

use axum::extract::State;

use super::extract::{ApiPath, ApiQuery};
use axum::Json;
use chancery_domain::image::timeline::View;
use chancery_domain::talks::{CommitmentView, Talks};
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
