//! The API's error envelope: [`ApiError`] is the shared [`Outcome`](crate::outcome::Outcome),
//! which answers as `{"error": {"code", "message", "details"}}`; these types describe that
//! envelope in the OpenAPI document.

use serde::Serialize;
use serde_json::Value;

pub use crate::outcome::Outcome as ApiError;

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
