//! The consular queueing core: the M/M/c simulator against Erlang C, determinism, and the post
//! model on hand-made posts where capacity and waits are obvious.

use chancery_domain::consular::queue::mmc::{simulate, MmcParams, MmcRequest};

fn request(servers: u32, lambda: f64, mu: f64, days: u32, seed: u64, reps: u32) -> MmcRequest {
    MmcRequest {
        servers,
        arrival_rate_per_day: lambda,
        service_rate_per_day: mu,
        days,
        seed,
        replications: reps,
    }
}

/// Stated tolerance: the simulated mean wait, the 90th percentile and the share who wait are
/// within 5% of Erlang C (relative; 0.01 absolute for the share), for runs of about two million
/// applicants over 20 replications. Chosen runs: the mean of 20 replications has a standard error
/// of 1-2% here, so 5% is about three standard errors and also bounds the start-up bias.
#[test]
fn simulator_agrees_with_erlang_c() {
    // (c, lambda, mu): rho = 0.5, 0.7, 0.8, 0.9.
    let cases = [
        (1, 50.0, 100.0, 2_000),
        (2, 70.0, 50.0, 1_400),
        (5, 40.0, 10.0, 2_500),
        (20, 180.0, 10.0, 600),
    ];
    for (c, lambda, mu, days) in cases {
        let p = MmcParams::new(&request(c, lambda, mu, days, 2026, 20)).unwrap();
        let a = simulate(&p);
        let t = &a.theory;
        let rel = |sim: f64, th: f64| (sim - th).abs() / th;
        // The standard error of the replications' mean, reported to show the tolerance is earned.
        let se = (a.bands.wait_mean.p90 - a.bands.wait_mean.p10) / 2.563 / 20f64.sqrt();
        assert!(
            rel(a.wait_days.mean, t.wait_days.mean) < 0.05,
            "c={c} rho={}: mean wait {} vs Erlang C {} (se {se})",
            t.utilisation,
            a.wait_days.mean,
            t.wait_days.mean
        );
        assert!(
            (a.prob_wait - t.prob_wait).abs() < 0.01,
            "c={c}: P(wait>0) {} vs {}",
            a.prob_wait,
            t.prob_wait
        );
        assert!(
            rel(a.wait_days.p90, t.wait_days.p90) < 0.05,
            "c={c}: p90 {} vs {}",
            a.wait_days.p90,
            t.wait_days.p90
        );
        assert!(
            (a.utilisation - t.utilisation).abs() < 0.01,
            "c={c}: utilisation {} vs {}",
            a.utilisation,
            t.utilisation
        );
        if t.wait_days.p50 == 0.0 {
            // At rho = 0.5 with one server C = 0.5 exactly, so the median sits on the edge of
            // the atom at zero: near zero is all that can be asked.
            assert!(a.wait_days.p50 < 0.05 * t.wait_days.mean, "c={c}");
        } else {
            assert!(rel(a.wait_days.p50, t.wait_days.p50) < 0.05, "c={c}");
        }
    }
}

#[test]
fn same_seed_same_answer_other_seed_other_samples() {
    let p = |seed| MmcParams::new(&request(3, 25.0, 10.0, 200, seed, 5)).unwrap();
    let a = simulate(&p(9));
    let b = simulate(&p(9));
    let c = simulate(&p(10));
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_ne!(a.wait_days.mean, c.wait_days.mean);
    assert_ne!(a.arrivals, c.arrivals);
    // Replications differ from one another.
    assert!(a.bands.wait_mean.p10 < a.bands.wait_mean.p90);
}

#[test]
fn answer_has_the_documented_shape() {
    let p = MmcParams::new(&request(1, 1.0, 2.0, 30, 1, 2)).unwrap();
    let v = serde_json::to_value(simulate(&p)).unwrap();
    for key in ["mean", "p50", "p90"] {
        assert!(v["wait_days"][key].is_number(), "{key}");
        assert!(v["theory"]["wait_days"][key].is_number(), "{key}");
    }
    assert!(v["utilisation"].is_number());
    assert!(v["bands"]["wait_mean"]["p10"].is_number());
}
