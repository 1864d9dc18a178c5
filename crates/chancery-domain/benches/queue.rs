//! The consular queueing core: the M/M/c simulator on about a million applicants, and a busy
//! post (10,000 applicants a week in four classes, a staff cut, a return ramp and a demand
//! shock) over a year with 20 replications. Target: the post year in well under a second.
//! scripts/bench-queue-vs-simpy compares the M/M/c case with SimPy.

use std::hint::black_box;
use std::time::Duration;

use chancery_domain::consular::queue::mmc::{simulate, MmcParams, MmcRequest};
use chancery_domain::consular::queue::post::{
    simulate_posts, Calendar, Change, ClassDemand, PostModel, PostModelRequest, PostSpec, Schedule,
    ServiceClass,
};
use chancery_domain::consular::scenario::{
    run_scenario, DemandChange, PostFigures, ScenarioChange, ScenarioRequest, ServiceFigures,
    StaffRamp,
};
use chancery_domain::vocab::ConsularService;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// rho = 1000 / (20 x 55) = 0.91, about a million applicants in one replication.
fn million() -> MmcParams {
    let r = MmcRequest {
        servers: 20,
        arrival_rate_per_day: 1000.0,
        service_rate_per_day: 55.0,
        days: 1000,
        seed: 1,
        replications: 1,
    };
    MmcParams::new(&r).expect("valid M/M/c")
}

fn class(name: &str, minutes: f64, no_show: f64) -> ServiceClass {
    ServiceClass {
        name: name.into(),
        service_minutes: minutes,
        no_show,
    }
}

fn demand(class: &str, per_week: f64, changes: Vec<Change>) -> ClassDemand {
    ClassDemand {
        class: class.into(),
        per_week: Schedule {
            initial: per_week,
            changes,
        },
    }
}

/// 10,000 applicants a week needing about 113,500 officer-minutes: 57 officers at 400 minutes
/// a day; cut to 40 on day 90, 30 staff (officer-equivalents) back over 90 days from day 180,
/// and students doubling for ten weeks from day 200.
pub fn busy_post() -> PostModel {
    let r = PostModelRequest {
        days: 365,
        seed: 1,
        replications: 20,
        min_lead_days: 1,
        measure_from_day: 0,
        classes: vec![
            class("visitor", 10.0, 0.1),
            class("student", 15.0, 0.05),
            class("immigrant", 30.0, 0.02),
            class("passport", 8.0, 0.05),
        ],
        posts: vec![PostSpec {
            name: "busy".into(),
            calendar: Calendar {
                holidays: vec![0, 6, 53, 128, 200, 310],
                ..Calendar::default()
            },
            officers: Schedule {
                initial: 57.0,
                changes: vec![
                    Change {
                        from_day: 90,
                        to: 40.0,
                        over_days: 0,
                    },
                    Change {
                        from_day: 180,
                        to: 70.0,
                        over_days: 90,
                    },
                ],
            },
            minutes_per_officer_day: 400.0,
            demand_per_week: vec![
                demand("visitor", 6000.0, vec![]),
                demand(
                    "student",
                    1500.0,
                    vec![
                        Change {
                            from_day: 200,
                            to: 3000.0,
                            over_days: 0,
                        },
                        Change {
                            from_day: 270,
                            to: 1500.0,
                            over_days: 0,
                        },
                    ],
                ),
                demand("immigrant", 500.0, vec![]),
                demand("passport", 2000.0, vec![]),
            ],
        }],
        routes: vec![],
    };
    PostModel::new(&r).expect("valid post model")
}

/// A recorded post as the scenario reads it: 30 officers with full local support, 10,000
/// applicants a week in four services (about 60,000 officer-minutes a week of 72,000).
fn busy_figures() -> PostFigures {
    let service = |service, cases_per_officer_day, demand_per_week| ServiceFigures {
        service,
        cases_per_officer_day,
        demand_per_week,
    };
    PostFigures {
        post: "busy".parse().expect("a post id"),
        name: "Busy".into(),
        pair: ("US".parse().expect("US"), "RU".parse().expect("RU")),
        as_of: "2026-01-05".parse().expect("a date"),
        officers: 30,
        local_staff_reported: Some(60),
        limits: vec![],
        unsized_limits: vec![],
        services: vec![
            service(ConsularService::NonimmigrantVisitor, 100, 6000),
            service(ConsularService::NonimmigrantStudentExchange, 100, 1500),
            service(ConsularService::ImmigrantVisa, 30, 500),
            service(ConsularService::PassportsCitizenship, 60, 2000),
        ],
    }
}

/// A year, 20 replications: officers cut to 20 on day 90, 35 back over 90 days from day 180,
/// students doubling from day 200; baseline and scenario with their warm-ups.
fn busy_scenario() -> ScenarioRequest {
    ScenarioRequest {
        as_of: None,
        days: 365,
        seed: 1,
        replications: 20,
        lift: vec![],
        changes: vec![
            ScenarioChange::Officers(StaffRamp {
                to: 20,
                from_day: 90,
                over_days: 0,
            }),
            ScenarioChange::Officers(StaffRamp {
                to: 35,
                from_day: 180,
                over_days: 90,
            }),
            ScenarioChange::Demand(DemandChange {
                service: ConsularService::NonimmigrantStudentExchange,
                factor: Some(2.0),
                per_week: None,
                from_day: 200,
                over_days: 0,
            }),
        ],
    }
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("queue");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let p = million();
    let n = simulate(&p).arrivals;
    g.throughput(Throughput::Elements(n));
    g.bench_function("mmc_1m_applicants", |b| b.iter(|| simulate(black_box(&p))));
    let post = busy_post();
    let answer = simulate_posts(&post);
    let arrivals: f64 = answer.posts[0]
        .classes
        .iter()
        .map(|c| c.arrivals.mean)
        .sum();
    g.throughput(Throughput::Elements((arrivals * 20.0) as u64));
    g.bench_function("busy_post_year_x20", |b| {
        b.iter(|| simulate_posts(black_box(&post)))
    });
    let (figures, request) = (busy_figures(), busy_scenario());
    run_scenario(&figures, &request).expect("the busy scenario is within its bounds");
    // 10,000 a week x (91 + 365) days / 7 x 20 replications x 2 runs, and the students' shock.
    g.throughput(Throughput::Elements(26_000_000));
    g.measurement_time(Duration::from_secs(12));
    g.bench_function("busy_post_scenario_year_x20", |b| {
        b.iter(|| run_scenario(black_box(&figures), black_box(&request)))
    });
    g.finish();
}

criterion_group!(queue, benches);
criterion_main!(queue);
