//! Waits week by week and the warm-up, on one hand-made post where the answer is obvious:
//! 0.5 officers x 400 minutes / 20-minute cases = 10 interviews a working day, 50 a week.

use chancery_domain::consular::queue::post::{
    simulate_posts, Calendar, ClassAnswer, ClassDemand, PostModel, PostModelRequest, PostSpec,
    Schedule, ServiceClass,
};

fn post(per_week: f64, days: u32, measure_from_day: u32, seed: u64) -> PostModelRequest {
    PostModelRequest {
        days,
        seed,
        replications: 10,
        min_lead_days: 1,
        measure_from_day,
        classes: vec![ServiceClass {
            name: "visitor".into(),
            service_minutes: 20.0,
            no_show: 0.0,
        }],
        posts: vec![PostSpec {
            name: "p".into(),
            calendar: Calendar::default(),
            officers: Schedule::constant(0.5),
            minutes_per_officer_day: 400.0,
            demand_per_week: vec![ClassDemand {
                class: "visitor".into(),
                per_week: Schedule::constant(per_week),
            }],
        }],
        routes: vec![],
    }
}

fn visitor(r: &PostModelRequest) -> ClassAnswer {
    let a = simulate_posts(&PostModel::new(r).expect("a valid post"));
    a.posts[0].classes[0].clone()
}

#[test]
fn no_demand_means_no_wait_in_any_week() {
    let v = visitor(&post(0.0, 70, 0, 1));
    assert_eq!(v.waits_weekly.len(), 10);
    for w in &v.waits_weekly {
        assert_eq!((w.requests.mean, w.p50.p90, w.p90.p90), (0.0, 0.0, 0.0));
    }
}

#[test]
fn demand_far_over_capacity_makes_waits_grow_week_by_week() {
    // 150 a week for 50 places: each week adds about two weeks of backlog.
    let v = visitor(&post(150.0, 84, 0, 1));
    let p50: Vec<f64> = v.waits_weekly.iter().map(|w| w.p50.mean).collect();
    assert_eq!(p50.len(), 12);
    for pair in p50.windows(2) {
        assert!(pair[1] > pair[0], "waits must grow: {p50:?}");
    }
    // Week 10's requests wait about 2 x 10 weeks = 140 days; allow the noise of the draws.
    assert!((110.0..170.0).contains(&p50[10]), "{p50:?}");
    for w in &v.waits_weekly {
        assert!(w.p10_le_p90(), "{w:?}");
    }
}

#[test]
fn a_warm_up_makes_an_overloaded_posts_first_week_longer_than_an_empty_book() {
    let empty = visitor(&post(150.0, 28, 0, 1));
    // The same 28 counted days after 91 days of the same demand.
    let warm = visitor(&post(150.0, 91 + 28, 91, 1));
    assert_eq!(warm.waits_weekly.len(), 4);
    let (e, w) = (
        empty.waits_weekly[0].p50.mean,
        warm.waits_weekly[0].p50.mean,
    );
    assert!(w > e + 100.0, "warm {w} vs empty {e}");
    // Only counted requests are counted.
    assert!(
        (warm.arrivals.mean - 600.0).abs() < 60.0,
        "{:?}",
        warm.arrivals
    );
    // The backlog counts the warm-up's applicants still waiting.
    assert!(warm.backlog_weekly[0].mean > empty.backlog_weekly[0].mean + 100.0);
}

#[test]
fn a_post_under_capacity_is_unchanged_by_the_warm_up() {
    let warm = visitor(&post(30.0, 91 + 28, 91, 1));
    for w in &warm.waits_weekly {
        assert!(w.p90.mean <= 4.0, "{w:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_answer_and_another_seed_another() {
    let a = simulate_posts(&PostModel::new(&post(60.0, 91, 28, 5)).expect("valid"));
    let b = simulate_posts(&PostModel::new(&post(60.0, 91, 28, 5)).expect("valid"));
    let c = simulate_posts(&PostModel::new(&post(60.0, 91, 28, 6)).expect("valid"));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn measuring_from_beyond_the_last_day_is_refused_naming_the_field() {
    let e = PostModel::new(&post(10.0, 28, 28, 1)).unwrap_err();
    assert_eq!(e.field(), "measure_from_day");
    assert_eq!(e.code(), "queue_parameter_out_of_range");
}

trait Ordered {
    fn p10_le_p90(&self) -> bool;
}

impl Ordered for chancery_domain::consular::queue::post::WeekWaits {
    fn p10_le_p90(&self) -> bool {
        self.p50.p10 <= self.p50.p90
            && self.p90.p10 <= self.p90.p90
            && self.p50.mean <= self.p90.mean
    }
}
