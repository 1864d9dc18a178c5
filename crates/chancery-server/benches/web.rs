//! Server-side render time of the relation overview on the demo (target: under 20 ms).

use std::hint::black_box;

use chancery_domain::{CivilDate, StateCode};
use chancery_server::web::render_overview;
use chancery_server::Chancery;
use criterion::{criterion_group, criterion_main, Criterion};

fn overview(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("bench.db"), true).expect("open demo");
    let (us, ru): (StateCode, StateCode) = ("US".parse().expect("US"), "RU".parse().expect("RU"));
    for date in ["2018-01-01", "2025-06-01"] {
        let as_of: CivilDate = date.parse().expect("date");
        c.bench_function(&format!("overview {date}"), |b| {
            b.iter(|| {
                // As a request does: read the image, render to a string.
                let page = render_overview(&chancery.image(), us, ru, as_of).expect("page");
                black_box(page.into_string())
            })
        });
    }
}

criterion_group!(benches, overview);
criterion_main!(benches);
