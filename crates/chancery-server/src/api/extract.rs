//! Extractors whose rejections use the API's error envelope instead of axum's plain text, so a
//! script always gets `{"error": {"code", "message", "details"}}`.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::error::ApiError;

/// Query-string parameters; a malformed one is a 400 `invalid_parameter`.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(t)| ApiQuery(t))
            .map_err(|e| {
                ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", e.body_text())
                    .with_details(json!({ "in": "query" }))
            })
    }
}

/// Path segments; a malformed one (e.g. not UTF-8) is a 400 `invalid_parameter`.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| ApiPath(t))
            .map_err(|e| {
                ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", e.body_text())
                    .with_details(json!({ "in": "path" }))
            })
    }
}

/// A body rejected before any handler saw it: too large, or unreadable.
pub fn body_error(e: axum::extract::rejection::BytesRejection) -> ApiError {
    let status = e.status();
    let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "payload_too_large"
    } else {
        "invalid_body"
    };
    ApiError::new(status, code, e.body_text())
}
