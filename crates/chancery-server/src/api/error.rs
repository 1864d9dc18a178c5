//! The one mapping from failures to HTTP responses: `{"error": {"code", "message", "details"}}`
//! with stable snake_case codes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

use crate::service::ServiceError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Value,
}

/// The error envelope, for the OpenAPI document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `post_already_closed`, `invalid_parameter`.
    pub code: String,
    pub message: String,
    /// Where the fault is: the field, the treaty article, the parameter.
    #[schema(value_type = Object)]
    pub details: Value,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: Value::Null,
        }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    pub fn bad_parameter(name: &str, message: impl std::fmt::Display) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("{name}: {message}"),
        )
        .with_details(json!({ "parameter": name }))
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in, or send `Authorization: Bearer <token>`",
        )
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        // The message goes to the operator's terminal, not to the client: it may name paths.
        eprintln!("chancery: internal error: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server could not complete the request",
        )
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Rule(v) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, v.code.as_str(), v.message.clone())
                .with_details(json!({ "article": v.article, "field": v.field })),
            ServiceError::Scenario(s) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario", s.to_string())
                .with_details(json!({ "line": s.line, "act": s.act, "field": s.field, "rule": s.code })),
            ServiceError::Journal(chancery_journal::JournalError::Failed(_))
            | ServiceError::OutOfStep { .. } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "journal_failed",
                "the journal stopped accepting writes after a storage failure; the server must be restarted",
            ),
            ServiceError::Forbidden(why) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", why),
            ServiceError::Damaged(why) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "journal_damaged",
                format!("the journal's hash chain is broken ({why}); the store is read-only until it is repaired or restored"),
            ),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message, "details": self.details } });
        (self.status, Json(body)).into_response()
    }
}
