//! Why a queue cannot be computed or simulated: each error names the input field at fault and a
//! stable snake_case code, like the domain's rule violations.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueueError {
    /// A number outside its allowed range (or not finite).
    #[error("`{field}` must be {expected}, got {got}")]
    OutOfRange {
        field: &'static str,
        expected: &'static str,
        got: String,
    },
    /// Arrivals at or above what the servers can serve: no steady state, waits grow without bound.
    #[error(
        "the queue is unstable: utilisation lambda/(c*mu) = {rho:.4} must be below 1 \
         (raise `servers` or `service_rate_per_day`, or lower `{field}`)"
    )]
    Unstable { field: &'static str, rho: f64 },
    /// A request that would keep the server busy for too long.
    #[error(
        "`{field}`: {expected:.0} expected arrivals over all days and replications, above \
         the limit of {limit}"
    )]
    TooLarge {
        field: &'static str,
        expected: f64,
        limit: u64,
    },
    /// A reference to something the model does not hold (a post, a class).
    #[error("`{field}`: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

impl QueueError {
    pub fn out_of_range(field: &'static str, expected: &'static str, got: impl ToString) -> Self {
        QueueError::OutOfRange {
            field,
            expected,
            got: got.to_string(),
        }
    }

    /// The input field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            QueueError::OutOfRange { field, .. }
            | QueueError::Unstable { field, .. }
            | QueueError::TooLarge { field, .. }
            | QueueError::Invalid { field, .. } => field,
        }
    }

    /// Stable code for clients and tests to match on.
    pub fn code(&self) -> &'static str {
        match self {
            QueueError::OutOfRange { .. } => "queue_parameter_out_of_range",
            QueueError::Unstable { .. } => "queue_unstable",
            QueueError::TooLarge { .. } => "queue_simulation_too_large",
            QueueError::Invalid { .. } => "queue_model_invalid",
        }
    }
}

/// The serialised form of a [`QueueError`], for an HTTP edge to answer with.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueErrorView {
    pub code: &'static str,
    pub field: &'static str,
    pub message: String,
}

impl From<&QueueError> for QueueErrorView {
    fn from(e: &QueueError) -> Self {
        QueueErrorView {
            code: e.code(),
            field: e.field(),
            message: e.to_string(),
        }
    }
}

/// A finite number strictly above zero.
pub(crate) fn positive(field: &'static str, x: f64) -> Result<f64, QueueError> {
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(QueueError::out_of_range(field, "finite and above 0", x))
    }
}

/// A probability in [0, 1].
pub(crate) fn probability(field: &'static str, x: f64) -> Result<f64, QueueError> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(QueueError::out_of_range(field, "between 0 and 1", x))
    }
}

/// An integer in an inclusive range; `expected` spells the range for the message.
pub(crate) fn within<T: PartialOrd + ToString + Copy>(
    field: &'static str,
    x: T,
    lo: T,
    hi: T,
    expected: &'static str,
) -> Result<T, QueueError> {
    if x >= lo && x <= hi {
        Ok(x)
    } else {
        Err(QueueError::out_of_range(field, expected, x))
    }
}
