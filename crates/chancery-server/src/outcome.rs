//! The one mapping from failures of the application core to HTTP outcomes (status, stable
//! snake_case code, a message safe to show), shared by the API, which answers it as
//! `{"error": {"code", "message", "details"}}`, and the pages, which render it as a page
//! (`crate::web::PageError`). Nothing here names a path or an internal error: those go to the
//! operator's log.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use chancery_app::ServiceError;

/// The code of a refusal because too much is under way at once; answered with `Retry-After`.
pub const BUSY: &str = "busy";
/// How long a `busy` client is told to wait.
pub const BUSY_RETRY_SECONDS: u32 = 5;

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
            // Passing conditions: the store reconnects by itself, and a contended record moves
            // on within moments. Told when to come back, a client need not guess.
            ServiceError::Journal(j) if j.is_unavailable() => Outcome::new(
                StatusCode::SERVICE_UNAVAILABLE,
                BUSY,
                "the journal's store cannot be reached just now; the write was not acknowledged (if it was in flight it may have been recorded: read the record before writing it again)",
            ),
            ServiceError::Contended | ServiceError::Journal(chancery_journal::JournalError::Conflict { .. }) => Outcome::new(
                StatusCode::SERVICE_UNAVAILABLE,
                BUSY,
                "other instances were recording at the same moment; the act was not recorded: try again",
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
        // A `busy` refusal passes within seconds (a download or a search finishes); a client
        // told when to come back need not guess. Other 503s wait for an operator.
        if self.code == BUSY {
            let retry = [(header::RETRY_AFTER, BUSY_RETRY_SECONDS.to_string())];
            return (self.status, retry, Json(body)).into_response();
        }
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_refusal_says_when_to_come_back_and_a_broken_journal_does_not() {
        let busy = Outcome::new(StatusCode::SERVICE_UNAVAILABLE, BUSY, "later").into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            busy.headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.as_bytes()),
            Some(BUSY_RETRY_SECONDS.to_string().as_bytes())
        );
        let failed = Outcome::from(ServiceError::Failed).into_response();
        assert_eq!(failed.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(failed.headers().get(header::RETRY_AFTER).is_none());
    }
}
