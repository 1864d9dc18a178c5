//! Reciprocity queries (DESIGN.md §4): parity on the US–Russia demo and on the busiest relation
//! of the scale-test world (200 states over 30 years, about 2.2M acts), and the normalisation
//! index over the whole 30 years of that relation.
//!
//! Setup generates and replays the world once (several seconds); set `CHANCERY_BENCH_WORLD=50x10`
//! (states x years) for a quick run.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::index::Step;
use chancery_domain::reciprocity::parity::{Definition, StaffDefinition};
use chancery_domain::scenario::Scenario;
use chancery_domain::{CivilDate, Image, StateCode};
use chancery_generate::{busiest_relation, generate};
use common::world;
use criterion::{criterion_group, criterion_main, Criterion};

fn demo() -> Image {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/scenarios/us-ru.toml"
    ))
    .expect("demo file");
    let scenario = Scenario::parse(&text).expect("the demo parses");
    scenario
        .plan_import(&Image::new(), 0)
        .expect("the demo imports")
        .0
}

const DIPLOMATIC: Definition = Definition {
    staff: StaffDefinition::Diplomatic,
    include_io: false,
};

fn benches(c: &mut Criterion) {
    let us: StateCode = "US".parse().expect("a state code");
    let ru: StateCode = "RU".parse().expect("a state code");
    let image = demo();
    let on = View::rules("2021-09-01".parse().expect("a date"));

    let mut group = c.benchmark_group("reciprocity_demo");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("parity_us_ru_2021_09", |b| {
        b.iter(|| {
            image
                .parity(us, ru, black_box(on), &Definition::default())
                .expect("registered states")
        })
    });
    group.bench_function("roadmap_us_ru_2025_12_31", |b| {
        let on: CivilDate = "2025-12-31".parse().expect("a date");
        b.iter(|| {
            image
                .roadmap(us, ru, black_box(View::rules(on)), &Definition::default())
                .expect("registered states")
        })
    });
    group.bench_function("index_us_ru_2013_2025_monthly", |b| {
        let from: CivilDate = "2013-01-01".parse().expect("a date");
        let to: CivilDate = "2025-12-01".parse().expect("a date");
        b.iter(|| {
            image
                .normalisation_index(
                    us,
                    ru,
                    black_box(from),
                    to,
                    from,
                    Step::Month,
                    View::everything(),
                )
                .expect("a valid range")
        })
    });
    group.finish();
    drop(image);

    let spec = world();
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
    let mid = View::rules(spec.mid_date());
    let end = View::rules(spec.end_date());
    let measures = image
        .measures(a, b, end, chancery_domain::query::MeasureFilter::Imposed)
        .map_or(0, |m| m.len());
    eprintln!("busiest relation {a}-{b}: {measures} measures over the history");

    let mut group = c.benchmark_group("reciprocity_world");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let all_staff = Definition::default();
    // No diplomatic-staff reports in the generated world: the individuals on record are counted.
    for (name, on, def) in [
        ("parity_busiest_mid_all_staff", mid, &all_staff),
        ("parity_busiest_mid_diplomatic", mid, &DIPLOMATIC),
        ("parity_busiest_end_all_staff", end, &all_staff),
    ] {
        group.bench_function(name, |bench| {
            bench.iter(|| {
                image
                    .parity(a, b, black_box(on), def)
                    .expect("registered states")
            })
        });
    }
    group.bench_function("roadmap_busiest_end", |bench| {
        bench.iter(|| {
            image
                .roadmap(a, b, black_box(end), &all_staff)
                .expect("registered states")
        })
    });
    let (from, to) = (spec.start_date(), spec.end_date());
    for (name, step) in [
        ("index_busiest_30y_yearly", Step::Year),
        ("index_busiest_30y_monthly", Step::Month),
    ] {
        group.bench_function(name, |bench| {
            bench.iter(|| {
                image
                    .normalisation_index(a, b, black_box(from), to, from, step, View::everything())
                    .expect("a valid range")
            })
        });
    }
    group.finish();
}

criterion_group!(reciprocity, benches);
criterion_main!(reciprocity);
