//! The one mapping from failures of the application core to HTTP outcomes (status, stable
//! snake_case code, a message safe to show), shared by the API, which answers it as
//! `{"error": {"code", "message", "details"}}`, and the pages, which render it as a page
//! (`crate::web::PageError`). Nothing here names a path or an internal error: those go to the
//! operator's log.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use chancery_app::ServiceError;

/// What a request comes to when it fails.
#[derive(Debug)]
pub struct Outcome {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Value,
}

impl Outcome {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Outcome {
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
        Outcome::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("{name}: {message}"),
        )
        .with_details(json!({ "parameter": name }))
    }

    pub fn unauthorized() -> Self {
        Outcome::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in, or send `Authorization: Bearer <token>`",
        )
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        // The message goes to the operator's terminal, not to the client: it may name paths.
        tracing::error!(error = %e, "internal error");
        Outcome::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server could not complete the request",
        )
    }
}

impl From<ServiceError> for Outcome {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Rule(v) => Outcome::new(StatusCode::UNPROCESSABLE_ENTITY, v.code.as_str(), v.message.clone())
                .with_details(json!({ "article": v.article, "field": v.field })),
            ServiceError::Scenario(s) => Outcome::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario", s.to_string())
                .with_details(json!({ "line": s.line, "act": s.act, "field": s.field, "rule": s.code })),
            ServiceError::Journal(chancery_journal::JournalError::Failed(_))
            | ServiceError::OutOfStep { .. }
            | ServiceError::Failed => Outcome::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "journal_failed",
                "the journal stopped accepting writes after a storage failure; the server must be restarted",
            ),
            ServiceError::Forbidden(why) => Outcome::new(StatusCode::FORBIDDEN, "forbidden", why),
            ServiceError::Damaged(why) => Outcome::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "journal_damaged",
                format!("the journal's hash chain is broken ({why}); the store is read-only until it is repaired or restored"),
            ),
            other => Outcome::internal(other),
        }
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message, "details": self.details } });
        (self.status, Json(body)).into_response()
    }
}
