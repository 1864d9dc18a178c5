//! Reciprocity over HTTP: escalation chains, parity, the roadmap, the index, what-if.

use axum::extract::State;

use super::extract::{ApiPath, ApiQuery};
use axum::http::StatusCode;
use axum::Json;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::chains::Chain;
use chancery_domain::reciprocity::index::{IndexError, IndexSeries, Step};
use chancery_domain::reciprocity::parity::{Definition, Parity, StaffDefinition};
use chancery_domain::reciprocity::roadmap::Roadmap;
use chancery_domain::reciprocity::whatif::{WhatIf, WhatIfFailure};
use chancery_domain::Act;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::error::ApiError;
use super::relations::{date_param, query_error, state_code};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::today;

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
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ChainsParams),
    responses((status = 200, body = ChainsBody), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn chains(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<ChainsParams>,
) -> Result<Json<ChainsBody>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let view = View::whole_record(
        date_param("as_of", params.as_of.as_deref())?.unwrap_or_else(today),
        who.reader(),
    );
    let chains = app
        .chancery
        .image()
        .chains(a, b, view)
        .map_err(query_error)?;
    Ok(Json(ChainsBody { chains }))
}

fn definition(staff: Option<&str>, include_io: Option<&str>) -> Result<Definition, ApiError> {
    let mut def = Definition::default();
    if let Some(s) = staff {
        def.staff = s
            .parse::<StaffDefinition>()
            .map_err(|e| ApiError::bad_parameter("staff", e))?;
    }
    if let Some(v) = include_io {
        def.include_io = match v {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            other => {
                return Err(ApiError::bad_parameter(
                    "include_io",
                    format!("`{other}` is not true or false"),
                ))
            }
        };
    }
    Ok(def)
}

fn index_error(e: IndexError) -> ApiError {
    match e {
        IndexError::Query(q) => query_error(q),
        other => ApiError::new(StatusCode::BAD_REQUEST, "invalid_range", other.to_string()),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParityParams {
    /// The day to answer for (YYYY-MM-DD); today when omitted.
    as_of: Option<String>,
    /// Which staff count: `all` (local hires included, the default) or `diplomatic`.
    staff: Option<String>,
    /// Whether missions to international organisations count (`true`, the default, or `false`).
    include_io: Option<String>,
    /// Whether verdicts may rest on facts reported with low confidence (`false`, the default,
    /// or `true`).
    include_low_confidence: Option<String>,
    /// A party (state code) whose claims about the other state's conduct, not disputed by it,
    /// count as if established; none by default.
    include_claims_of: Option<String>,
}

/// What verdicts may rest on, from the query.
fn verdicts(
    low: Option<&str>,
    claims_of: Option<&str>,
) -> Result<chancery_domain::image::timeline::Verdicts, ApiError> {
    let include_low_confidence = match low {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(ApiError::bad_parameter(
                "include_low_confidence",
                "expected `true` or `false`",
            ))
        }
    };
    let include_claims_of = claims_of
        .map(|c| state_code("include_claims_of", c))
        .transpose()?;
    Ok(chancery_domain::image::timeline::Verdicts {
        include_low_confidence,
        include_claims_of,
    })
}

/// Parity by dimension: what each side's mission gets in the other's territory, which side is
/// stricter and by how much, and the measures and reports behind each figure.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/parity",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ParityParams),
    responses((status = 200, body = Parity), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn parity(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ParityParams>,
) -> Result<Json<Parity>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", p.as_of.as_deref())?.unwrap_or_else(today);
    let def = definition(p.staff.as_deref(), p.include_io.as_deref())?;
    let v = verdicts(
        p.include_low_confidence.as_deref(),
        p.include_claims_of.as_deref(),
    )?;
    let parity = app
        .chancery
        .image()
        .parity(
            a,
            b,
            View::whole_record(as_of, who.reader()).with_verdicts(v),
            &def,
        )
        .map_err(query_error)?;
    Ok(Json(parity))
}

/// The normalisation roadmap from a date: reciprocal steps, last in first out, with
/// dependencies, effects and the commitments that cover them.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/roadmap",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), ParityParams),
    responses((status = 200, body = Roadmap), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn roadmap(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ParityParams>,
) -> Result<Json<Roadmap>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let as_of = date_param("as_of", p.as_of.as_deref())?.unwrap_or_else(today);
    let def = definition(p.staff.as_deref(), p.include_io.as_deref())?;
    let v = verdicts(
        p.include_low_confidence.as_deref(),
        p.include_claims_of.as_deref(),
    )?;
    let view = View::whole_record(as_of, who.reader()).with_verdicts(v);
    let chancery = app.chancery.clone();
    // Off the async workers: a roadmap replays lifts over a copy of the relation.
    let roadmap = tokio::task::spawn_blocking(move || chancery.image().roadmap(a, b, view, &def))
        .await
        .map_err(ApiError::internal)?
        .map_err(index_error)?;
    Ok(Json(roadmap))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndexParams {
    /// First day (YYYY-MM-DD); required.
    from: Option<String>,
    /// Last day (YYYY-MM-DD); today when omitted.
    to: Option<String>,
    /// The day the index is 100 (YYYY-MM-DD); `from` when omitted.
    baseline: Option<String>,
    /// `year` (default), `month`, or `Nd` for every N days.
    step: Option<String>,
}

/// The normalisation index over time against a baseline, per side and combined, with its
/// formula.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/index",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state"), IndexParams),
    responses((status = 200, body = IndexSeries), (status = 400, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody))
)]
pub async fn index(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<IndexParams>,
) -> Result<Json<IndexSeries>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let from = date_param("from", p.from.as_deref())?
        .ok_or_else(|| ApiError::bad_parameter("from", "required (YYYY-MM-DD)"))?;
    let to = date_param("to", p.to.as_deref())?.unwrap_or_else(today);
    let baseline = date_param("baseline", p.baseline.as_deref())?.unwrap_or(from);
    let step = match p.step.as_deref() {
        Some(s) => s
            .parse::<Step>()
            .map_err(|e| ApiError::bad_parameter("step", e))?,
        None => Step::Year,
    };
    let series = app
        .chancery
        .image()
        .normalisation_index(
            a,
            b,
            from,
            to,
            baseline,
            step,
            View::whole_record(to, who.reader()),
        )
        .map_err(index_error)?;
    Ok(Json(series))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WhatIfRequest {
    /// The day to compare on (YYYY-MM-DD).
    #[schema(value_type = String)]
    as_of: String,
    /// Hypothetical acts in their flat form (docs/scenario-format.md), applied in order.
    #[schema(value_type = Vec<Object>)]
    acts: Vec<serde_json::Value>,
    staff: Option<String>,
    include_io: Option<bool>,
}

/// What if: parity and index with hypothetical acts (impose or lift measures, change staff or
/// posts). Nothing is written to the journal.
#[utoipa::path(
    post,
    path = "/api/v1/relations/{a}/{b}/what-if",
    params(("a" = chancery_domain::StateCode, Path, description = "First state"), ("b" = chancery_domain::StateCode, Path, description = "Second state")),
    request_body = WhatIfRequest,
    responses((status = 200, body = WhatIf), (status = 400, body = super::error::ErrorBody), (status = 422, body = super::error::ErrorBody))
)]
pub async fn what_if(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<WhatIf>, ApiError> {
    let (a, b) = (state_code("a", &a)?, state_code("b", &b)?);
    let body = body.map_err(super::extract::body_error)?;
    let request: WhatIfRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not a what-if request: {e}"),
        )
    })?;
    let as_of = date_param("as_of", Some(&request.as_of))?.unwrap_or_else(today);
    let mut def = definition(request.staff.as_deref(), None)?;
    if let Some(io) = request.include_io {
        def.include_io = io;
    }
    // Each hypothetical act is validated on a copy of the relation: bound the work one request
    // may ask for.
    const MAX_ACTS: usize = 100;
    if request.acts.len() > MAX_ACTS {
        return Err(ApiError::bad_parameter(
            "acts",
            format!("at most {MAX_ACTS} hypothetical acts"),
        ));
    }
    let acts = request
        .acts
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            Act::from_json(v).map_err(|e| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_act",
                    format!("act {i}: {}", e.message),
                )
                .with_details(json!({ "act": i, "field": e.field }))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let view = View::whole_record(as_of, who.reader());
    let chancery = app.chancery.clone();
    // Off the async workers: a what-if replays rules over a copy of the relation.
    let answer =
        tokio::task::spawn_blocking(move || chancery.image().what_if(a, b, view, &acts, &def))
            .await
            .map_err(ApiError::internal)?
            .map_err(|e| {
                match e {
        WhatIfFailure::Refused(r) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            r.violation.code.as_str(),
            format!("hypothetical act {}: {}", r.index, r.violation.message),
        )
        .with_details(
            json!({ "act": r.index, "field": r.violation.field, "article": r.violation.article }),
        ),
        WhatIfFailure::Query(q) => index_error(q),
    }
            })?;
    Ok(Json(answer))
}
