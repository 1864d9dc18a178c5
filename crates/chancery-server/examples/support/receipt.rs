//! The answer the yardstick examples give a write: Chancery's receipt in shape and size, so
//! that what HTTP costs a write is measured with an answer of the same length.

use std::fmt::Display;

use axum::http::{header, StatusCode};

/// A receipt as the handler answers it.
pub type Receipt = (StatusCode, [(header::HeaderName, &'static str); 1], String);

/// `201` with a receipt for `seq` and `hash` (64 hexadecimal digits); its timestamp and
/// recorder are fixed strings of the length Chancery's have.
pub fn receipt(seq: u64, hash: impl Display) -> Receipt {
    (
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        format!(
            "{{\"seq\":{seq},\"recorded_at\":\"2026-12-06T20:00:00.000000Z\",\
             \"recorded_by\":\"user:loader\",\"hash\":\"{hash}\"}}"
        ),
    )
}
