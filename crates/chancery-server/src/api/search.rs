//! Search across the people, posts, measures, rounds and commitments the reader may see, a
//! name found whichever script or common romanisation it is typed in (`Салливан` finds John
//! Sullivan). Scoped by the domain like every query: what the reader may not see is not found.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::image::timeline::View;
use chancery_domain::search::SearchResults;
use serde::Deserialize;
use serde_json::json;

use super::error::ApiError;
use super::extract::ApiQuery;
use super::relations::date_param;
use crate::state::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to find: a name, an id or words of a summary, in Latin or Cyrillic letters (at
    /// most 100 characters).
    q: String,
    /// The day to answer for (YYYY-MM-DD): things recorded as existing by then; today when
    /// omitted.
    as_of: Option<String>,
    /// Answer as the record stood after this journal sequence number (transaction time).
    known_through: Option<u64>,
}

/// People, posts, measures, rounds and commitments matching `q`, best first (at most 50):
/// `exact` (the whole name or id, ignoring case and accents), `prefix` (the start of the name
/// or of a word of it), `text` (inside a summary, an outcome or a commitment's text), then
/// `transliteration` (the same words in another script or romanisation: Салливан, Sullivan).
/// Each hit names the relation and the id of its page. `query_empty` and `query_too_long`
/// (400) refuse a blank or over-long query.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    params(SearchParams),
    responses(
        (status = 200, body = SearchResults),
        (status = 400, body = super::error::ErrorBody)
    )
)]
pub async fn search(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<SearchResults>, ApiError> {
    let as_of = date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today);
    let view = View::new(as_of, params.known_through, who.reader());
    let image = app.chancery.image();
    image.search(&params.q, view).map(Json).map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, e.code(), e.to_string())
            .with_details(json!({ "parameter": "q" }))
    })
}
