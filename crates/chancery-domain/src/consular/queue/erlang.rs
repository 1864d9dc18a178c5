//! M/M/c theory: Poisson arrivals at rate lambda, exponential service at rate mu per server, c
//! servers, first come first served. Erlang C gives the probability that an arrival waits; the
//! wait in queue is then exponential with rate c*mu - lambda.

use super::error::{positive, QueueError};
use serde::{Deserialize, Serialize};

/// A stable M/M/c queue and its steady-state figures (time in the unit of the rates: days here).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Erlang {
    pub servers: u32,
    pub arrival_rate: f64,
    pub service_rate: f64,
    /// lambda / (c mu): the share of time a server is busy.
    pub utilisation: f64,
    /// C(c, a): the probability that an arrival has to wait.
    pub prob_wait: f64,
    /// Wq = C / (c mu - lambda).
    pub mean_wait: f64,
}

impl Erlang {
    /// Refuses c = 0, rates that are not finite and positive, and lambda >= c mu (no steady state).
    pub fn new(servers: u32, arrival_rate: f64, service_rate: f64) -> Result<Erlang, QueueError> {
        if servers == 0 {
            return Err(QueueError::out_of_range("servers", "at least 1", servers));
        }
        let lambda = positive("arrival_rate_per_day", arrival_rate)?;
        let mu = positive("service_rate_per_day", service_rate)?;
        let c = f64::from(servers);
        let rho = lambda / (c * mu);
        if rho >= 1.0 {
            return Err(QueueError::Unstable {
                field: "arrival_rate_per_day",
                rho,
            });
        }
        let prob_wait = erlang_c(servers, lambda / mu);
        Ok(Erlang {
            servers,
            arrival_rate: lambda,
            service_rate: mu,
            utilisation: rho,
            prob_wait,
            mean_wait: prob_wait / (c * mu - lambda),
        })
    }

    /// The rate of the exponential tail of the wait: c mu - lambda.
    fn decay(&self) -> f64 {
        f64::from(self.servers) * self.service_rate - self.arrival_rate
    }

    /// P(Wq > t) = C exp(-(c mu - lambda) t) for t >= 0.
    pub fn prob_wait_longer(&self, t: f64) -> f64 {
        if t < 0.0 {
            1.0
        } else {
            self.prob_wait * (-self.decay() * t).exp()
        }
    }

    /// The p-quantile of the wait in queue: zero when at least a share p does not wait at all
    /// (C <= 1 - p), else ln(C / (1 - p)) / (c mu - lambda).
    pub fn wait_quantile(&self, p: f64) -> f64 {
        let tail = 1.0 - p;
        if tail <= 0.0 {
            f64::INFINITY
        } else if self.prob_wait <= tail {
            0.0
        } else {
            (self.prob_wait / tail).ln() / self.decay()
        }
    }
}

/// Erlang B by the recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)): every term stays in
/// [0, 1], so it holds for thousands of servers where a^c / c! would overflow.
pub fn erlang_b(servers: u32, offered_load: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=servers {
        b = offered_load * b / (f64::from(k) + offered_load * b);
    }
    b
}

/// Erlang C from Erlang B: C = c B / (c - a (1 - B)), for offered load a = lambda/mu < c.
pub fn erlang_c(servers: u32, offered_load: f64) -> f64 {
    let b = erlang_b(servers, offered_load);
    let c = f64::from(servers);
    c * b / (c - offered_load * (1.0 - b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-12)
    }

    #[test]
    fn one_server_is_m_m_1() {
        // M/M/1: C = rho, Wq = rho / (mu - lambda).
        let q = Erlang::new(1, 3.0, 4.0).unwrap();
        assert!(close(q.prob_wait, 0.75, 1e-12));
        assert!(close(q.mean_wait, 0.75 / 1.0, 1e-12));
        // Median wait: P(W > t) = 0.75 e^{-t} = 0.5 -> t = ln 1.5.
        assert!(close(q.wait_quantile(0.5), 1.5f64.ln(), 1e-12));
    }

    #[test]
    fn two_servers_by_hand() {
        // c = 2, a = 1: B(2,1) = 1/5, C = 2 (1/5) / (2 - 4/5) = 1/3.
        assert!(close(erlang_b(2, 1.0), 0.2, 1e-12));
        assert!(close(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12));
    }

    #[test]
    fn published_table_value() {
        // The call-centre textbook case: 10 agents, offered load 8 Erlangs: C = 0.409 (to 3 d.p.).
        let c = erlang_c(10, 8.0);
        assert!((c - 0.4092).abs() < 5e-4, "{c}");
    }

    #[test]
    fn stable_for_many_servers() {
        let c = erlang_c(500, 480.0);
        assert!(c.is_finite() && c > 0.0 && c < 1.0, "{c}");
        let q = Erlang::new(1000, 990.0, 1.0).unwrap();
        assert!(q.mean_wait.is_finite());
    }

    #[test]
    fn quantile_is_zero_when_most_do_not_wait() {
        let q = Erlang::new(20, 10.0, 1.0).unwrap();
        assert!(q.prob_wait < 0.1);
        assert_eq!(q.wait_quantile(0.5), 0.0);
        assert_eq!(q.wait_quantile(0.9), 0.0);
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(Erlang::new(0, 1.0, 1.0).unwrap_err().field(), "servers");
        assert_eq!(
            Erlang::new(1, f64::NAN, 1.0).unwrap_err().field(),
            "arrival_rate_per_day"
        );
        assert_eq!(
            Erlang::new(1, 1.0, -1.0).unwrap_err().field(),
            "service_rate_per_day"
        );
        let e = Erlang::new(2, 2.0, 1.0).unwrap_err();
        assert_eq!(e.code(), "queue_unstable");
    }
}
