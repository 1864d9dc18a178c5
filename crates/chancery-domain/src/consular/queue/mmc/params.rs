//! The M/M/c request as it arrives, and the parameters once checked: only [`MmcParams`] can be
//! simulated, and it can only be built through [`MmcParams::new`].

use serde::{Deserialize, Serialize};

use crate::consular::queue::erlang::Erlang;
use crate::consular::queue::error::{within, QueueError};

/// Bound on arrival_rate_per_day x days x replications, so that one request cannot keep a server
/// busy for minutes (50 million applicants take about a second here).
pub const MAX_EXPECTED_ARRIVALS: u64 = 50_000_000;

/// `POST /api/v1/consular/simulate`: c servers, Poisson arrivals, exponential service, times in
/// days. `seed` defaults to 1 and `replications` to 10.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MmcRequest {
    /// Number of servers (officers, windows): 1 to 1000.
    pub servers: u32,
    /// Applicants arriving per day (lambda), finite and above 0.
    pub arrival_rate_per_day: f64,
    /// Applicants one server serves per day (mu), finite and above 0.
    pub service_rate_per_day: f64,
    /// Simulated days: 1 to 3660.
    pub days: u32,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Independent runs with seeds derived from `seed`: 1 to 200.
    #[serde(default = "default_replications")]
    pub replications: u32,
}

fn default_seed() -> u64 {
    1
}

fn default_replications() -> u32 {
    10
}

/// A request that passed every check, with its steady-state theory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmcParams {
    theory: Erlang,
    days: u32,
    seed: u64,
    replications: u32,
}

impl MmcParams {
    pub fn new(r: &MmcRequest) -> Result<MmcParams, QueueError> {
        within("servers", r.servers, 1, 1000, "from 1 to 1000")?;
        let days = within("days", r.days, 1, 3660, "from 1 to 3660")?;
        let replications = within("replications", r.replications, 1, 200, "from 1 to 200")?;
        let theory = Erlang::new(r.servers, r.arrival_rate_per_day, r.service_rate_per_day)?;
        let expected = r.arrival_rate_per_day * f64::from(days) * f64::from(replications);
        if expected > MAX_EXPECTED_ARRIVALS as f64 {
            return Err(QueueError::TooLarge {
                field: "arrival_rate_per_day",
                expected,
                limit: MAX_EXPECTED_ARRIVALS,
            });
        }
        Ok(MmcParams {
            theory,
            days,
            seed: r.seed,
            replications,
        })
    }

    pub fn theory(&self) -> &Erlang {
        &self.theory
    }
    pub fn servers(&self) -> u32 {
        self.theory.servers
    }
    pub fn arrival_rate(&self) -> f64 {
        self.theory.arrival_rate
    }
    pub fn service_rate(&self) -> f64 {
        self.theory.service_rate
    }
    pub fn days(&self) -> u32 {
        self.days
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn replications(&self) -> u32 {
        self.replications
    }
}

impl TryFrom<&MmcRequest> for MmcParams {
    type Error = QueueError;
    fn try_from(r: &MmcRequest) -> Result<Self, QueueError> {
        MmcParams::new(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> MmcRequest {
        MmcRequest {
            servers: 2,
            arrival_rate_per_day: 10.0,
            service_rate_per_day: 8.0,
            days: 100,
            seed: 1,
            replications: 5,
        }
    }

    fn field_of(f: impl FnOnce(&mut MmcRequest)) -> (&'static str, &'static str) {
        let mut r = ok();
        f(&mut r);
        let e = MmcParams::new(&r).unwrap_err();
        (e.field(), e.code())
    }

    #[test]
    fn each_refusal_names_its_field() {
        assert!(MmcParams::new(&ok()).is_ok());
        assert_eq!(field_of(|r| r.servers = 0).0, "servers");
        assert_eq!(field_of(|r| r.servers = 1001).0, "servers");
        assert_eq!(field_of(|r| r.days = 0).0, "days");
        assert_eq!(field_of(|r| r.days = 3661).0, "days");
        assert_eq!(field_of(|r| r.replications = 0).0, "replications");
        assert_eq!(field_of(|r| r.replications = 201).0, "replications");
        assert_eq!(
            field_of(|r| r.arrival_rate_per_day = f64::INFINITY).0,
            "arrival_rate_per_day"
        );
        assert_eq!(
            field_of(|r| r.service_rate_per_day = 0.0).0,
            "service_rate_per_day"
        );
        assert_eq!(
            field_of(|r| r.arrival_rate_per_day = 16.0),
            ("arrival_rate_per_day", "queue_unstable")
        );
        assert_eq!(
            field_of(|r| {
                r.servers = 1000;
                r.arrival_rate_per_day = 100_000.0;
                r.service_rate_per_day = 1000.0;
                r.days = 3660;
                r.replications = 200;
            }),
            ("arrival_rate_per_day", "queue_simulation_too_large")
        );
    }

    #[test]
    fn unknown_fields_are_refused_and_defaults_apply() {
        let e = serde_json::from_str::<MmcRequest>(
            r#"{"servers":1,"arrival_rate_per_day":1,"service_rate_per_day":2,"days":5,"sed":3}"#,
        );
        assert!(e.is_err());
        let r: MmcRequest = serde_json::from_str(
            r#"{"servers":1,"arrival_rate_per_day":1,"service_rate_per_day":2,"days":5}"#,
        )
        .unwrap();
        assert_eq!((r.seed, r.replications), (1, 10));
    }
}
