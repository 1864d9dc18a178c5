//! The HTTP JSON API under `/api/v1/`, described by the OpenAPI document it serves.

pub mod acts;
pub mod auth;
pub mod error;
pub mod extract;
pub mod reciprocity;
pub mod relations;
pub mod talks;

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::service::Chancery;
use auth::WriteToken;
use error::ApiError;

#[derive(Clone)]
pub struct AppState {
    pub chancery: Arc<Chancery>,
    /// `None` disables every write (no token was configured).
    pub write_token: Option<WriteToken>,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Chancery API", description = "Presence, measures and the journal of acts for a pair of states. Errors: {\"error\": {\"code\", \"message\", \"details\"}} with stable snake_case codes."),
    paths(relations::presence, relations::measures, relations::states, talks::rounds, talks::commitments, reciprocity::chains, reciprocity::parity, reciprocity::roadmap, reciprocity::index, reciprocity::what_if, acts::list, acts::record),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /healthz`: 200 while the process can serve and record; 503 once a write failed to
/// reach the journal (the process must restart).
async fn healthz(State(app): State<AppState>) -> Result<&'static str, ApiError> {
    if app.chancery.failed() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_failed",
            "a write failed to reach the journal; restart the server",
        ));
    }
    Ok("ok")
}

async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/states", get(relations::states))
        .route(
            "/api/v1/relations/{a}/{b}/presence",
            get(relations::presence),
        )
        .route(
            "/api/v1/relations/{a}/{b}/measures",
            get(relations::measures),
        )
        .route("/api/v1/relations/{a}/{b}/rounds", get(talks::rounds))
        .route("/api/v1/relations/{a}/{b}/chains", get(reciprocity::chains))
        .route("/api/v1/relations/{a}/{b}/parity", get(reciprocity::parity))
        .route(
            "/api/v1/relations/{a}/{b}/roadmap",
            get(reciprocity::roadmap),
        )
        .route("/api/v1/relations/{a}/{b}/index", get(reciprocity::index))
        .route(
            "/api/v1/relations/{a}/{b}/what-if",
            post(reciprocity::what_if),
        )
        .route(
            "/api/v1/relations/{a}/{b}/commitments",
            get(talks::commitments),
        )
        .route("/api/v1/acts", get(acts::list).post(acts::record))
        .merge(crate::web::routes())
        // JSON under the API, an HTML page elsewhere.
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with("/api/") {
                not_found().await.into_response()
            } else {
                crate::web::not_found(uri).await
            }
        })
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}
