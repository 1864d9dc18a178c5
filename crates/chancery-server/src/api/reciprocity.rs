//! Reciprocity over HTTP: escalation chains, parity, the roadmap, the index, what-if.

use axum::extract::{Path, Query, State};
use axum::Json;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::chains::Chain;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::relations::{date_param, query_error, state_code};
use super::AppState;
use crate::service::today;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChainsParams {
    /// The day to answer for (YYYY-MM-DD); today when omitted.
    as_of: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChainsBody {
    pub chains: Vec<Chain>,
}

/// Escalation chains: measures linked by "answers", with how much of each is still in force.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/chains",
    params(("a" = String, Path, description = "First state"), ("b" = String, Path, description = "Second state"), ChainsParams),
    responses((status = 200, body = ChainsBody), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn chains(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Query(params): Query<ChainsParams>,
) -> Result<Json<ChainsBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = View::as_of(date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today));
    let chains = app
        .chancery
        .image()
        .chains(a, b, view)
        .map_err(query_error)?;
    Ok(Json(ChainsBody { chains }))
}
