//! Server-side render time of the web pages.
//!
//! - `overview demo DATE`: the relation overview on the demo (target: under 20 ms);
//! - `overview world AA-AB`: the overview of the busiest relation of the scale-test world, 200
//!   states over 30 years (target: under 100 ms). The world is generated and replayed in memory
//!   once, which takes several seconds; set `CHANCERY_BENCH_WORLD=50x10` (states x years) for a
//!   quick run, or `CHANCERY_BENCH_WORLD=none` to leave it out;
//! - `page ...`: whole requests for the other pages of the demo through the router (no network):
//!   routing, the journal reads a page makes, rendering;
//! - `desk world ...`: the busiest relation's diplomatic list (rendered) and alerts, and every
//!   relation's alerts (computed), on the scale-test world (target: under 100 ms);
//! - `page diplomatic list`, `page alerts ...`, `page search`, `page overview in Russian`: the
//!   desks of the demo as whole requests (target: under 20 ms);
//! - `home demo DATE` and `home world DATE`: the start page (every relation with its index on the
//!   day and a year before, alerts, latest round), rendered from the image, on the demo (target:
//!   under 20 ms) and on the scale-test world's ~4,000 relations (target: under 100 ms);
//! - `consular desk ...`: the relation's consular desk and a post's, rendered from the image
//!   (target: under 20 ms), on the demo as it is (no staff or demand figure, so nothing is
//!   simulated) and with staff and demand recorded at five posts, three services each, so that
//!   every one of them runs the appointment-book simulation.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use chancery_domain::{CivilDate, Image, StateCode};
use chancery_generate::{busiest_relation, generate, WorldSpec};
use chancery_server::web::{
    render_desk, render_diplomatic_list, render_home, render_overview, render_post_desk, Ctx, Sort,
};
use chancery_server::{router, AppState, Chancery};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use tower::ServiceExt;

/// The world to measure, from `CHANCERY_BENCH_WORLD` (`STATESxYEARS`, or `none`).
fn world() -> Option<WorldSpec> {
    let mut spec = WorldSpec::default();
    match std::env::var("CHANCERY_BENCH_WORLD").as_deref() {
        Err(_) => {}
        Ok("none") => return None,
        Ok(v) => match v
            .split_once('x')
            .and_then(|(s, y)| Some((s.parse().ok()?, y.parse().ok()?)))
        {
            Some((states, years)) => {
                spec.states = states;
                spec.years = years;
            }
            None => eprintln!(
                "CHANCERY_BENCH_WORLD={v}: expected STATESxYEARS (e.g. 50x10) or none; using the default"
            ),
        },
    }
    Some(spec)
}

fn overview_demo(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("bench.db"), true).expect("open demo");
    let (us, ru): (StateCode, StateCode) = ("US".parse().expect("US"), "RU".parse().expect("RU"));
    for date in ["2018-01-01", "2025-06-01"] {
        let as_of: CivilDate = date.parse().expect("date");
        c.bench_function(&format!("overview demo {date}"), |b| {
            b.iter(|| {
                // As a request does: read the image, render to a string.
                let ctx = Ctx::new(as_of, Some((us, ru)));
                let page = render_overview(&chancery.image(), &ctx, us, ru).expect("page");
                black_box(page.into_string())
            })
        });
    }
}

fn overview_world(c: &mut Criterion) {
    let Some(spec) = world() else {
        eprintln!("CHANCERY_BENCH_WORLD=none: the world's overview is not measured");
        return;
    };
    let started = Instant::now();
    let journal = generate(&spec).zip(1..).map(|(act, seq)| (seq, 0, act));
    let image = Image::replay(journal).expect("a generated journal replays");
    eprintln!(
        "world {} states x {} years: {} acts generated and replayed in {:.2?}",
        spec.states,
        spec.years,
        image.last_seq(),
        started.elapsed()
    );
    let (a, b) = busiest_relation(&spec);
    let mut group = c.benchmark_group("overview world");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for (label, as_of) in [("mid", spec.mid_date()), ("end", spec.end_date())] {
        group.bench_function(format!("{a}-{b} {label} {as_of}"), |bench| {
            bench.iter(|| {
                let ctx = Ctx::new(as_of, Some((a, b)));
                let page = render_overview(&image, &ctx, a, b).expect("page");
                black_box(page.into_string())
            })
        });
    }
    group.finish();
    // The desks of the busiest relation: its diplomatic list (both missions), and its alerts and
    // every relation's, as the alerts pages compute them before drawing a list.
    let mut group = c.benchmark_group("desk world");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let as_of = spec.end_date();
    let ctx = Ctx::new(as_of, Some((a, b)));
    group.bench_function(format!("diplomatic list {a}-{b} {as_of}"), |bench| {
        bench.iter(|| {
            let page = render_diplomatic_list(&image, &ctx, None, None).expect("page");
            black_box(page.into_string())
        })
    });
    group.bench_function(format!("alerts {a}-{b} {as_of}"), |bench| {
        bench.iter(|| black_box(image.alerts(a, b, ctx.view()).expect("alerts")))
    });
    group.bench_function(format!("alerts all {as_of}"), |bench| {
        bench.iter(|| black_box(image.alerts_all(ctx.view())))
    });
    group.finish();
    let mut group = c.benchmark_group("home world");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let as_of = spec.end_date();
    let ctx = Ctx::new(as_of, None);
    let lines = image.relation_summaries(ctx.view());
    eprintln!("home world: {} relations on {as_of}", lines.len());
    // After a write, the first reader computes the lines; the others are served them kept.
    group.bench_function(format!("{as_of} first after a write"), |bench| {
        bench.iter(|| {
            let lines = image.relation_summaries(ctx.view());
            black_box(render_home(&image, &ctx, Sort::default(), &lines).into_string())
        })
    });
    group.bench_function(format!("{as_of} kept"), |bench| {
        bench.iter(|| black_box(render_home(&image, &ctx, Sort::default(), &lines).into_string()))
    });
    group.finish();
}

fn home_demo(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("bench.db"), true).expect("open demo");
    for date in ["2018-01-01", "2025-06-01"] {
        let ctx = Ctx::new(date.parse().expect("date"), None);
        c.bench_function(&format!("home demo {date}"), |b| {
            b.iter(|| {
                // As a request does: the kept lines (computed on the first), then the page.
                let lines = chancery.relation_summaries(ctx.view());
                black_box(
                    render_home(&chancery.image(), &ctx, Sort::default(), &lines).into_string(),
                )
            })
        });
    }
}

fn pages_demo(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Arc::new(Chancery::open(&dir.path().join("bench.db"), true).expect("demo"));
    let (accounts, _) =
        chancery_accounts::Accounts::open(&dir.path().join("bench.db.accounts")).expect("accounts");
    // Public read, as the demo serves: the pages as an anonymous reader sees them. Without the
    // answer cache, which would answer every iteration but the first: these measure the pages;
    // `cached` below measures the cache.
    let mut state = AppState::new(chancery, Arc::new(accounts), true);
    let cached = router(state.clone());
    state.cache = Arc::new(chancery_server::cache::AnswerCache::new(0));
    let app = router(state);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for (name, path) in [
        ("roadmap", "/relations/US/RU/roadmap?as_of=2025-12-31"),
        (
            "what-if",
            "/relations/US/RU/what-if?as_of=2018-01-01&lift=r012&go=compare",
        ),
        (
            "post",
            "/relations/US/RU/posts/us-cg-st-petersburg?as_of=2025-12-31",
        ),
        ("acts", "/acts?as_of=2025-12-31"),
        ("home", "/?as_of=2025-12-01&sort=index&dir=desc"),
        ("talks", "/relations/US/RU/talks?as_of=2025-12-01"),
        (
            "round",
            "/relations/US/RU/rounds/istanbul-2025-04-10?as_of=2025-12-01",
        ),
        ("brief", "/relations/US/RU/talks/brief?as_of=2025-12-01"),
        (
            "acts filtered",
            "/acts?as_of=2025-12-31&kind=measure_imposed&q=consulate",
        ),
        (
            "diplomatic list",
            "/relations/US/RU/diplomatic-list?as_of=2025-06-01",
        ),
        (
            "diplomatic list post",
            "/relations/US/RU/posts/us-embassy-moscow/diplomatic-list?as_of=2025-06-01",
        ),
        (
            "alerts relation",
            "/relations/US/RU/alerts?as_of=2025-06-01",
        ),
        ("alerts all", "/alerts?as_of=2025-06-01"),
        (
            "alerts feed",
            "/relations/US/RU/alerts.atom?as_of=2025-06-01",
        ),
        (
            "search",
            "/search?q=%D0%A1%D0%B0%D0%BB%D0%BB%D0%B8%D0%B2%D0%B0%D0%BD&as_of=2025-06-01",
        ),
        (
            "overview in Russian",
            "/relations/US/RU?as_of=2025-06-01&lang=ru",
        ),
    ] {
        page(c, &rt, &app, &format!("page {name}"), path);
    }
    // Whole requests answered from the answer cache, through every layer.
    for (name, path) in [
        ("overview", "/relations/US/RU?as_of=2025-06-01"),
        (
            "presence API",
            "/api/v1/relations/US/RU/presence?as_of=2025-12-31",
        ),
    ] {
        page(c, &rt, &cached, &format!("cached {name}"), path);
    }
}

/// Benchmarks GET `path` through `app` as a whole request.
fn page<App>(c: &mut Criterion, rt: &tokio::runtime::Runtime, app: &App, name: &str, path: &str)
where
    App: tower::Service<Request<Body>, Response = axum::response::Response> + Clone,
    App::Error: std::fmt::Debug,
{
    {
        c.bench_function(name, |b| {
            b.iter(|| {
                // A browser always sends Host; the server answers only its own (origin.rs).
                let request = Request::get(path)
                    .header("host", "localhost")
                    .body(Body::empty())
                    .expect("request");
                let response = rt.block_on(app.clone().oneshot(request)).expect("response");
                assert!(response.status().is_success(), "{path}");
                black_box(response)
            })
        });
    }
}

/// Staff and demand at the busiest posts of both sides, as their ministries would record them.
fn busy_posts() -> Vec<chancery_domain::Act> {
    let posts = [
        "us-embassy-moscow",
        "us-cg-yekaterinburg",
        "us-cg-vladivostok",
        "ru-embassy-washington",
        "ru-cg-houston",
    ];
    let services = [
        "nonimmigrant_visitor",
        "nonimmigrant_student_exchange",
        "nonimmigrant_work",
    ];
    let mut acts = Vec::new();
    for post in posts {
        acts.push(
            serde_json::json!({"kind": "consular_staff_reported", "date": "2019-06-03",
            "post": post, "officers": 12, "local_staff": 30, "estimate": true,
            "sources": ["bench figure"]}),
        );
        for (i, service) in services.iter().enumerate() {
            acts.push(serde_json::json!({"kind": "consular_demand_reported",
                "date": "2019-06-03", "post": post, "service": service,
                "per_week": 1500 + 500 * i, "estimate": true, "sources": ["bench figure"]}));
        }
    }
    acts.into_iter()
        .map(|v| chancery_domain::Act::from_json(v).expect("a bench act"))
        .collect()
}

fn consular_desk(c: &mut Criterion) {
    let (us, ru): (StateCode, StateCode) = ("US".parse().expect("US"), "RU".parse().expect("RU"));
    let as_of: CivilDate = "2019-06-05".parse().expect("date");
    for busy in [false, true] {
        let dir = tempfile::tempdir().expect("temp dir");
        let chancery = Chancery::open(&dir.path().join("bench.db"), true).expect("open demo");
        let label = if busy {
            chancery
                .record_all(busy_posts(), "bench", 100)
                .expect("record the figures");
            "busy"
        } else {
            "demo"
        };
        let ctx = Ctx::new(as_of, Some((us, ru)));
        c.bench_function(&format!("consular desk {label} relation {as_of}"), |b| {
            b.iter(|| {
                black_box(
                    render_desk(&chancery.image(), &ctx)
                        .expect("page")
                        .into_string(),
                )
            })
        });
        c.bench_function(&format!("consular desk {label} post {as_of}"), |b| {
            b.iter(|| {
                let page =
                    render_post_desk(&chancery.image(), &ctx, "us-embassy-moscow").expect("page");
                black_box(page.into_string())
            })
        });
    }
}

criterion_group!(
    benches,
    overview_demo,
    home_demo,
    pages_demo,
    consular_desk,
    overview_world
);
criterion_main!(benches);
