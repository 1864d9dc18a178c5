//! Throughput of the memory image on a synthetic world (DESIGN.md §2: "replaying millions of
//! acts takes seconds, and queries then never touch the disk").
//!
//! `cargo bench -p chancery-domain` uses the scale-test world, 200 states over 30 years (about
//! 2.2M acts); set `CHANCERY_BENCH_WORLD=50x10` (states x years) for a quick run. Whole-world
//! benches run ten single iterations each (flat sampling): an iteration takes seconds, and the
//! default linear sampling would run 55 of them.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::{Act, Image};
use chancery_generate::{busiest_relation, generate, state_code};
use common::world;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};

fn benches(c: &mut Criterion) {
    let spec = world();
    let started = Instant::now();
    let acts: Vec<Act> = generate(&spec).collect();
    eprintln!(
        "world {} states x {} years (seed {}): {} acts generated in {:.2?}",
        spec.states,
        spec.years,
        spec.seed,
        acts.len(),
        started.elapsed()
    );
    let journal: Vec<(u64, i64, Act)> = acts
        .iter()
        .cloned()
        .zip(1..)
        .map(|(act, seq)| (seq, 0, act))
        .collect();

    let mut whole = c.benchmark_group("world");
    whole
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(30))
        .throughput(Throughput::Elements(acts.len() as u64));
    // Start-up: acts already validated, timelines sorted once at the end.
    whole.bench_function("replay", |b| {
        b.iter_batched(
            || journal.clone(),
            |j| Image::replay(j).expect("a generated journal replays"),
            BatchSize::PerIteration,
        )
    });
    // Live recording: every act validated against the state at its date, then applied.
    whole.bench_function("record", |b| {
        b.iter_batched(
            Image::new,
            |mut image| {
                for act in &acts {
                    image.record(act, 0).expect("generated acts are valid");
                }
                image
            },
            BatchSize::PerIteration,
        )
    });
    whole.finish();

    let image = Image::replay(journal).expect("a generated journal replays");
    let mid = View::rules(spec.mid_date());
    let (a, b) = busiest_relation(&spec);
    // An ordinary relation for contrast: the first partner of the third state.
    let typical = (3..spec.states.max(3))
        .map(|j| (state_code(2), state_code(j)))
        .find(|(x, y)| {
            image
                .presence(*x, *y, mid)
                .is_ok_and(|p| !p.missions[0].posts.is_empty())
        });

    let mut queries = c.benchmark_group("query");
    queries
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    queries.bench_function("presence_busiest_mid", |bench| {
        bench.iter(|| {
            image
                .presence(a, b, black_box(mid))
                .expect("registered states")
        })
    });
    if let Some((x, y)) = typical {
        queries.bench_function("presence_typical_mid", |bench| {
            bench.iter(|| {
                image
                    .presence(x, y, black_box(mid))
                    .expect("registered states")
            })
        });
    }
    queries.bench_function("measures_in_force_busiest_mid", |bench| {
        bench.iter(|| {
            image
                .measures(a, b, black_box(mid), MeasureFilter::InForce)
                .expect("registered states")
        })
    });
    queries.finish();
    drop(image);

    // What replay from disk pays on top of `Image::replay`: one act in ten, spread over the world.
    let sample: Vec<&Act> = acts.iter().step_by(10).collect();
    let encoded: Vec<Vec<u8>> = sample
        .iter()
        .map(|act| serde_json::to_vec(&act.to_json()).expect("JSON values serialise"))
        .collect();
    let mut json = c.benchmark_group("json");
    json.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(sample.len() as u64));
    json.bench_function("decode", |bench| {
        bench.iter(|| {
            for bytes in &encoded {
                let value = serde_json::from_slice(bytes).expect("valid JSON");
                black_box(Act::from_json(value).expect("valid act"));
            }
        })
    });
    json.bench_function("encode", |bench| {
        bench.iter(|| {
            for act in &sample {
                black_box(serde_json::to_vec(&act.to_json()).expect("JSON values serialise"));
            }
        })
    });
    json.finish();
}

criterion_group!(domain, benches);
criterion_main!(domain);
