//! The HTTP JSON API under `/api/v1/`, described by the OpenAPI document it serves.

pub mod acts;
pub mod alerts;
pub mod audit;
pub mod cases;
pub mod consular;
pub mod error;
pub mod export;
pub mod extract;
pub mod reciprocity;
pub mod relations;
pub mod search;
pub mod talks;

use axum::extract::State;
use axum::http::Method;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chancery_accounts::{Permission, Principal};

use crate::state::AppState;
use crate::table::{Access, Routes};
use axum::{Extension, Json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use error::ApiError;

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
    paths(audit::list, relations::presence, relations::measures, relations::claims, consular::services, consular::capacity, consular::scenario, consular::simulate, relations::states, talks::rounds, talks::commitments, talks::round_lines, talks::round, talks::brief, talks::relations, reciprocity::chains, reciprocity::parity, reciprocity::roadmap, reciprocity::index, reciprocity::what_if, acts::list, acts::record, cases::cases, search::search, alerts::alerts, alerts::all, alerts::relation_feed, alerts::all_feed, export::download, export::download_all),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /healthz`: 200 while the process can serve and record (`ok`, or `degraded: …` while
/// the audit log is full or failing: acts are still recorded, audit events only counted);
/// 503 once a write failed to reach the journal (the process must restart) or when the
/// start-up check found the hash chain broken.
///
/// Counts and reasons are for auditors: anyone may ask whether the service is healthy, but
/// how much an attack cost the audit log, or why it cannot write, is not theirs to know.
async fn healthz(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
) -> Result<String, ApiError> {
    if app.chancery.failed() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_failed",
            "a write failed to reach the journal; restart the server",
        ));
    }
    if let Some(why) = app.chancery.damaged() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_damaged",
            format!("the journal's hash chain is broken ({why}); reads are served, writes refused"),
        ));
    }
    let audit = app.accounts.audit_health();
    if audit.degraded() && !who.allows(Permission::Audit, false) {
        return Ok("degraded: audit_degraded; acts are still recorded".into());
    }
    if audit.degraded() {
        return Ok(format!(
            "degraded: audit_degraded ({:?}): {} audit events counted but not written{}; acts are still recorded",
            audit.condition,
            audit.unwritten,
            audit.reason.map(|r| format!(" ({r})")).unwrap_or_default()
        ));
    }
    Ok("ok".into())
}

async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}

/// The API's routes with the access each needs (the pages add theirs in `crate::router`).
pub fn routes() -> Routes<AppState> {
    use Access::{Needs, Open, Record};
    const READ: Access = Access::Needs(Permission::Read);
    Routes::default()
        .route(Method::GET, "/healthz", Open, get(healthz))
        .route(Method::GET, "/api/v1/openapi.json", Open, get(openapi))
        .route(Method::GET, "/api/v1/states", READ, get(relations::states))
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/presence",
            READ,
            get(relations::presence),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/measures",
            READ,
            get(relations::measures),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/claims",
            READ,
            get(relations::claims),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/consular/services",
            READ,
            get(consular::services),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/consular/capacity",
            READ,
            get(consular::capacity),
        )
        // A scenario writes nothing: reading is enough.
        .route(
            Method::POST,
            "/api/v1/relations/{a}/{b}/posts/{post}/consular/scenario",
            READ,
            post(consular::scenario),
        )
        // A simulation writes nothing: reading is enough.
        .route(
            Method::POST,
            "/api/v1/consular/simulate",
            READ,
            post(consular::simulate),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/rounds",
            READ,
            get(talks::rounds),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/rounds/{id}",
            READ,
            get(talks::round),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/talks",
            READ,
            get(talks::round_lines),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/brief",
            READ,
            get(talks::brief),
        )
        .route(
            Method::GET,
            "/api/v1/relations",
            READ,
            get(talks::relations),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/chains",
            READ,
            get(reciprocity::chains),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/parity",
            READ,
            get(reciprocity::parity),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/roadmap",
            READ,
            get(reciprocity::roadmap),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/index",
            READ,
            get(reciprocity::index),
        )
        // What-if writes nothing: reading is enough.
        .route(
            Method::POST,
            "/api/v1/relations/{a}/{b}/what-if",
            READ,
            post(reciprocity::what_if),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/commitments",
            READ,
            get(talks::commitments),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/consular/cases",
            READ,
            get(cases::cases),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/alerts",
            READ,
            get(alerts::alerts),
        )
        .route(
            Method::GET,
            "/api/v1/relations/{a}/{b}/export/{file}",
            READ,
            get(export::download),
        )
        .route(
            Method::GET,
            "/api/v1/export/{file}",
            READ,
            get(export::download_all),
        )
        .route(Method::GET, "/api/v1/alerts", READ, get(alerts::all))
        .route(Method::GET, "/api/v1/search", READ, get(search::search))
        .route(Method::GET, "/api/v1/acts", READ, get(acts::list))
        .route(Method::POST, "/api/v1/acts", Record, post(acts::record))
        .route(
            Method::GET,
            "/api/v1/audit",
            Needs(Permission::Audit),
            get(audit::list),
        )
}
