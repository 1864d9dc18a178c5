//! The audit log over HTTP, for auditors.

use axum::extract::State;
use axum::Json;
use chancery_accounts::AuditEntry;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::extract::ApiQuery;
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Entries with a sequence number greater than this (default 0).
    after: Option<i64>,
    /// At most this many (default 100, at most 1000).
    limit: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditBody {
    pub entries: Vec<AuditEntry>,
}

/// The audit log, oldest first: every sign-in, failed sign-in, denied request and write, with
/// who, when, from where and what. Auditors only, and an auditor sees the entries of their own
/// organisation's users; the operator organisation's auditors see all, anonymous ones included.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    params(AuditParams),
    responses((status = 200, body = AuditBody), (status = 400, body = super::error::ErrorBody), (status = 401, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody)),
    security(("bearer" = []))
)]
pub async fn list(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> Result<Json<AuditBody>, ApiError> {
    let limit = p.limit.unwrap_or(100);
    if limit == 0 || limit > 1000 {
        return Err(ApiError::bad_parameter(
            "limit",
            "must be between 1 and 1000",
        ));
    }
    let after = p.after.unwrap_or(0);
    let org = who
        .user()
        .map(|u| u.org.id.clone())
        .filter(|o| o.as_str() != chancery_accounts::OPERATOR_ORG);
    let accounts = app.accounts.clone();
    let entries =
        tokio::task::spawn_blocking(move || accounts.store().audit_of(org.as_ref(), after, limit))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
    Ok(Json(AuditBody { entries }))
}
