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

// ---- The post model: hand-made posts where capacity and waits are obvious. ----

use chancery_domain::consular::queue::post::{
    replicate_posts, simulate_posts, Calendar, Change, ClassAnswer, ClassDemand, PostModel,
    PostModelRequest, PostScratch, PostSpec, Route, Schedule, ServiceClass,
};
use proptest::prelude::*;

/// One post, one class: `officers` x 20 interviews a day (20 minutes each in 400 minutes) x 5
/// days a week, `demand` applicants a week, over `days`.
fn one_post(officers: Schedule, demand: Schedule, days: u32) -> PostModelRequest {
    PostModelRequest {
        days,
        seed: 7,
        replications: 10,
        min_lead_days: 1,
        measure_from_day: 0,
        classes: vec![ServiceClass {
            name: "visitor".into(),
            service_minutes: 20.0,
            no_show: 0.0,
        }],
        posts: vec![PostSpec {
            name: "moscow".into(),
            calendar: Calendar::default(),
            officers,
            minutes_per_officer_day: 400.0,
            demand_per_week: vec![ClassDemand {
                class: "visitor".into(),
                per_week: demand,
            }],
        }],
        routes: vec![],
    }
}

fn visitor(r: &PostModelRequest) -> ClassAnswer {
    let a = simulate_posts(&PostModel::new(r).unwrap());
    a.posts[0].classes[0].clone()
}

fn step(from_day: u32, to: f64, over_days: u32) -> Change {
    Change {
        from_day,
        to,
        over_days,
    }
}

#[test]
fn ample_capacity_means_no_wait_beyond_the_lead_and_the_weekend() {
    // 200 interviews a week for 100 applicants: each gets the next working day.
    let v = visitor(&one_post(
        Schedule::constant(2.0),
        Schedule::constant(100.0),
        364,
    ));
    assert!(v.wait_days.p90.mean <= 3.0, "{:?}", v.wait_days);
    assert!(v.wait_days.mean.mean < 2.0, "{:?}", v.wait_days);
    assert!(v.backlog_end.mean < 60.0, "{:?}", v.backlog_end);
    assert!(v.next_available_days.p90 <= 3.0);
    assert!(
        (v.utilisation.mean - 0.5).abs() < 0.03,
        "{:?}",
        v.utilisation
    );
    assert!((v.arrivals.mean - 5200.0).abs() < 200.0, "{:?}", v.arrivals);
}

#[test]
fn demand_above_capacity_grows_the_backlog_by_the_difference() {
    // 300 a week for 200 interviews: the backlog grows by about 100 a week.
    let v = visitor(&one_post(
        Schedule::constant(2.0),
        Schedule::constant(300.0),
        364,
    ));
    let b = &v.backlog_weekly;
    assert_eq!(b.len(), 52);
    let slope = (b[51].mean - b[11].mean) / 40.0;
    assert!(
        (slope - 100.0).abs() < 5.0,
        "backlog grows by {slope} a week"
    );
    assert!(v.utilisation.mean > 0.99, "{:?}", v.utilisation);
    // The next appointment is the backlog's worth of weeks away (plus the weekend's days).
    let weeks = v.backlog_end.mean / 200.0;
    assert!(
        (v.next_available_days.mean - 7.0 * weeks).abs() < 4.0,
        "{} vs {}",
        v.next_available_days.mean,
        7.0 * weeks
    );
}

#[test]
fn cutting_officers_raises_waits_and_a_ramp_of_returning_staff_lowers_them() {
    let demand = Schedule::constant(180.0);
    let full = visitor(&one_post(Schedule::constant(2.0), demand.clone(), 280));
    let cut = Schedule {
        initial: 2.0,
        changes: vec![step(56, 1.0, 0)],
    };
    let cut_run = visitor(&one_post(cut.clone(), demand.clone(), 280));
    // "Staff return over 90 days": from day 140 back to 3 officers (with the backlog to clear).
    let mut ramp = cut.clone();
    ramp.changes.push(step(140, 3.0, 90));
    let ramp_run = visitor(&one_post(ramp, demand, 280));
    assert!(cut_run.wait_days.mean.mean > 3.0 * full.wait_days.mean.mean);
    assert!(cut_run.next_available_days.mean > full.next_available_days.mean + 20.0);
    assert!(ramp_run.wait_days.mean.mean < cut_run.wait_days.mean.mean);
    assert!(ramp_run.next_available_days.mean < cut_run.next_available_days.mean / 2.0);
    assert!(ramp_run.backlog_end.mean < cut_run.backlog_end.mean / 2.0);
}

#[test]
fn a_demand_shock_shows_in_the_weekly_backlog() {
    let shock = Schedule {
        initial: 100.0,
        changes: vec![step(70, 400.0, 0), step(140, 100.0, 0)],
    };
    let v = visitor(&one_post(Schedule::constant(2.0), shock, 280));
    let b = &v.backlog_weekly;
    // Weeks 10-19 take 400 a week for 200 interviews: ~200 more a week, then it drains.
    assert!(b[8].mean < 60.0);
    assert!(b[19].mean > 1500.0, "{}", b[19].mean);
    assert!(b[39].mean < b[19].mean);
}

#[test]
fn holidays_and_weekends_give_no_appointments() {
    let mut r = one_post(Schedule::constant(2.0), Schedule::constant(100.0), 28);
    // Close every weekday of the first two weeks: nobody is seen before day 14.
    r.posts[0].calendar.holidays = (0..14).collect();
    let v = visitor(&r);
    assert!(v.backlog_weekly[0].mean > 80.0);
    assert!(v.backlog_weekly[1].mean > 180.0);
    assert!(v.backlog_weekly[3].mean < 60.0);
}

#[test]
fn routing_moves_a_class_to_another_post() {
    let mut r = one_post(Schedule::constant(2.0), Schedule::constant(100.0), 140);
    let mut warsaw = r.posts[0].clone();
    warsaw.name = "warsaw".into();
    r.posts.push(warsaw);
    r.routes.push(Route {
        class: "visitor".into(),
        from: "moscow".into(),
        to: "warsaw".into(),
        share: 1.0,
        from_day: 0,
        until_day: None,
    });
    let a = simulate_posts(&PostModel::new(&r).unwrap());
    assert_eq!(a.posts[0].classes[0].arrivals.mean, 0.0);
    let w = &a.posts[1].classes[0];
    assert!((w.arrivals.mean - 4000.0).abs() < 200.0, "{:?}", w.arrivals);
    r.routes[0].to = "astana".into();
    assert_eq!(PostModel::new(&r).unwrap_err().field(), "routes");
}

#[test]
fn no_shows_lose_their_slots() {
    let mut r = one_post(Schedule::constant(2.0), Schedule::constant(100.0), 364);
    r.classes[0].no_show = 0.2;
    let v = visitor(&r);
    let seen = v.served.mean / (v.served.mean + v.no_shows.mean);
    assert!((seen - 0.8).abs() < 0.02, "{seen}");
    assert!((v.utilisation.mean - 0.4).abs() < 0.03);
}

#[test]
fn post_model_is_deterministic_per_seed() {
    let r = one_post(Schedule::constant(2.0), Schedule::constant(250.0), 140);
    let m = PostModel::new(&r).unwrap();
    assert_eq!(simulate_posts(&m), simulate_posts(&m));
    let mut other = r.clone();
    other.seed = 8;
    assert_ne!(
        simulate_posts(&m).posts[0].classes[0].arrivals,
        simulate_posts(&PostModel::new(&other).unwrap()).posts[0].classes[0].arrivals
    );
}

#[test]
fn post_model_refusals_name_the_field() {
    let ok = one_post(Schedule::constant(2.0), Schedule::constant(100.0), 140);
    let field = |f: &dyn Fn(&mut PostModelRequest)| {
        let mut r = ok.clone();
        f(&mut r);
        PostModel::new(&r).unwrap_err().field()
    };
    assert_eq!(field(&|r| r.days = 0), "days");
    assert_eq!(
        field(&|r| r.classes[0].service_minutes = 0.0),
        "service_minutes"
    );
    assert_eq!(field(&|r| r.classes[0].no_show = 1.5), "no_show");
    assert_eq!(field(&|r| r.posts[0].officers.initial = -1.0), "officers");
    assert_eq!(
        field(&|r| r.posts[0].demand_per_week[0].class = "nope".into()),
        "demand_per_week"
    );
    assert_eq!(
        field(&|r| r.posts[0].demand_per_week[0].per_week.initial = 1e9),
        "demand_per_week"
    );
    let json = r#"{"days":5,"classes":[],"posts":[],"extra":1}"#;
    assert!(serde_json::from_str::<PostModelRequest>(json).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Everyone who asked is served, missed their slot, or still waits: nobody is lost; waits
    /// are not negative and no class uses more than the post's minutes.
    #[test]
    fn applicants_are_conserved(
        officers in 0.0f64..4.0,
        cut in 0.0f64..4.0,
        demand in 0.0f64..600.0,
        short_share in 0.0f64..1.0,
        no_show in 0.0f64..0.5,
        lead in 0u32..3,
        days in 7u32..200,
        seed in any::<u64>(),
    ) {
        let mut r = one_post(
            Schedule { initial: officers, changes: vec![step(days / 2, cut, 10)] },
            Schedule::constant(demand * (1.0 - short_share)),
            days,
        );
        r.seed = seed;
        r.replications = 1;
        r.min_lead_days = lead;
        r.classes[0].no_show = no_show;
        r.classes.push(ServiceClass { name: "passport".into(), service_minutes: 7.5, no_show: 0.0 });
        r.posts[0].demand_per_week.push(ClassDemand {
            class: "passport".into(),
            per_week: Schedule::constant(demand * short_share),
        });
        let m = PostModel::new(&r).unwrap();
        let runs = replicate_posts(&m, 0, &mut PostScratch::default());
        let post = &runs[0];
        prop_assert!(post.utilisation <= 1.0 + 1e-9);
        for c in &post.classes {
            prop_assert_eq!(c.served + c.no_shows + c.backlog_end, c.arrivals);
            prop_assert!(c.mean_wait >= f64::from(lead) || c.arrivals == c.unbooked);
            prop_assert!(c.p50_wait <= c.p90_wait);
            prop_assert!(c.utilisation >= 0.0);
            prop_assert!(c.backlog_weekly.iter().all(|&b| b >= 0.0));
        }
    }

    #[test]
    fn mmc_waits_are_not_negative_and_utilisation_at_most_one(
        servers in 1u32..30,
        rho in 0.05f64..0.95,
        days in 1u32..30,
        seed in any::<u64>(),
    ) {
        let mu = 10.0;
        let lambda = rho * f64::from(servers) * mu;
        let p = MmcParams::new(&request(servers, lambda, mu, days, seed, 2)).unwrap();
        let a = simulate(&p);
        prop_assert!(a.wait_days.mean >= 0.0 && a.wait_days.p50 >= 0.0);
        prop_assert!(a.wait_days.p50 <= a.wait_days.p90 * 1.0000001);
        prop_assert!(a.utilisation <= 1.0 && a.utilisation >= 0.0);
        prop_assert!((0.0..=1.0).contains(&a.prob_wait));
    }
}

/// The example in docs/consular-queue.md: Moscow cut to emergency staffing, then a return ramp, with
/// immigrant visas routed to Warsaw.
const EXAMPLE: &str = r#"{
  "days": 364, "seed": 42, "replications": 20,
  "classes": [
    {"name": "visitor", "service_minutes": 10, "no_show": 0.1},
    {"name": "immigrant", "service_minutes": 30}
  ],
  "posts": [
    {"name": "moscow",
     "calendar": {"first_weekday": "wednesday", "holidays": [4, 5, 125]},
     "officers": {"initial": 14, "changes": [{"from_day": 90, "to": 3},
                                            {"from_day": 200, "to": 13, "over_days": 90}]},
     "minutes_per_officer_day": 360,
     "demand_per_week": [
       {"class": "visitor", "per_week": {"initial": 1500}},
       {"class": "immigrant", "per_week": {"initial": 200}}]},
    {"name": "warsaw", "officers": {"initial": 4}, "minutes_per_officer_day": 360,
     "demand_per_week": [{"class": "visitor", "per_week": {"initial": 500}}]}
  ],
  "routes": [{"class": "immigrant", "from": "moscow", "to": "warsaw", "share": 1, "from_day": 90}]
}"#;

#[test]
fn the_documented_example_runs() {
    let r: PostModelRequest = serde_json::from_str(EXAMPLE).unwrap();
    let a = simulate_posts(&PostModel::new(&r).unwrap());
    let moscow = &a.posts[0].classes;
    let warsaw = &a.posts[1].classes;
    // Immigrant visas go to Warsaw from day 90: 90 days of Moscow's demand stay in Moscow.
    assert!((moscow[1].arrivals.mean - 200.0 * 90.0 / 7.0).abs() < 150.0);
    assert!(warsaw[1].arrivals.mean > 2.5 * moscow[1].arrivals.mean);
    // The cut leaves Moscow with a backlog that grows by about 960 a week (15,000 minutes of
    // visitors a week for 5,400) until the ramp, which then clears it.
    let weekly: Vec<f64> = moscow[0].backlog_weekly.iter().map(|b| b.mean).collect();
    let peak = weekly.iter().copied().fold(0.0, f64::max);
    assert!(weekly[10] < 500.0 && peak > 15_000.0, "{weekly:?}");
    assert!(
        (weekly[25] - weekly[15] - 9600.0).abs() < 500.0,
        "{weekly:?}"
    );
    assert!(moscow[0].backlog_end.mean < peak / 2.0);
}
