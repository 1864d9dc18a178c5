//! The HTTP JSON API under `/api/v1/`, described by the OpenAPI document it serves.

pub mod acts;
pub mod audit;
pub mod error;
pub mod extract;
pub mod reciprocity;
pub mod relations;
pub mod talks;

use std::sync::Arc;

use axum::extract::State;
use axum::http::Method;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chancery_accounts::{Accounts, Permission, Principal};

use crate::access::{
    authorize, security_headers, table_index, Access, AccessTable, RouteSpec, Routes,
};
use axum::{Extension, Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use chancery_app::Chancery;
use error::ApiError;

#[derive(Clone)]
pub struct AppState {
    pub chancery: Arc<Chancery>,
    pub accounts: Arc<Accounts>,
    /// Anyone may read public facts without signing in (pages and GET API).
    pub public_read: bool,
    /// Mark the session cookie `Secure` (when served over HTTPS, e.g. behind a TLS proxy).
    pub secure_cookies: bool,
    pub access: AccessTable,
    /// Password checks running at once: each Argon2id check takes 19 MiB and tens of
    /// milliseconds of a core, so a burst of sign-ins queues here instead of exhausting memory.
    pub login_slots: Arc<tokio::sync::Semaphore>,
    /// The `Host` and `Origin` values that are this site's (`--public-url`).
    pub site: crate::origin::Site,
}

impl AppState {
    pub fn new(chancery: Arc<Chancery>, accounts: Arc<Accounts>, public_read: bool) -> Self {
        AppState {
            chancery,
            accounts,
            public_read,
            secure_cookies: false,
            access: table_index(&route_table()),
            login_slots: Arc::new(tokio::sync::Semaphore::new(4)),
            site: crate::origin::Site::Local { https: false },
        }
    }
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
    paths(audit::list, relations::presence, relations::measures, relations::states, talks::rounds, talks::commitments, reciprocity::chains, reciprocity::parity, reciprocity::roadmap, reciprocity::index, reciprocity::what_if, acts::list, acts::record),
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

/// Every route with the access it needs: the router and the authorisation table are both
/// built from this one list.
pub fn routes() -> Routes {
    use Access::{Needs, Open, Record};
    const READ: Access = Access::Needs(Permission::Read);
    let r = Routes::default()
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
            "/api/v1/relations/{a}/{b}/rounds",
            READ,
            get(talks::rounds),
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
        .route(Method::GET, "/api/v1/acts", READ, get(acts::list))
        .route(Method::POST, "/api/v1/acts", Record, post(acts::record))
        .route(
            Method::GET,
            "/api/v1/audit",
            Needs(Permission::Audit),
            get(audit::list),
        );
    r.merge(crate::web::routes())
}

/// The declared routes (method, path, access): what the authorisation matrix test walks.
pub fn route_table() -> Vec<RouteSpec> {
    routes().into_parts().1
}

pub fn router(state: AppState) -> Router {
    let (router, _) = routes().into_parts();
    router
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authorize,
        ))
        // JSON under the API, an HTML page elsewhere.
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with("/api/") {
                not_found().await.into_response()
            } else {
                crate::web::not_found(uri).await
            }
        })
        .method_not_allowed_fallback(method_not_allowed)
        // 1 MiB: the largest act is a few kilobytes; a what-if request a few dozen acts.
        .layer(axum::extract::DefaultBodyLimit::max(1 << 20))
        .layer(axum::middleware::from_fn(crate::access::time_limit))
        .layer(axum::middleware::from_fn(security_headers))
        // Outermost: a request for another site's name is answered by nothing else.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::access::check_host,
        ))
        .with_state(state)
}
