//! Fixtures the domain's integration tests share: the two-state test world AA–BB, the US–Russia
//! demo, and short ways to write codes, dates and acts.

// Every test crate compiles this module for itself and uses only part of it.
#![allow(dead_code)]

use chancery_domain::image::timeline::View;
use chancery_domain::scenario::Scenario;
use chancery_domain::{Act, CivilDate, Image, StateCode};

/// The scenario header of the relation AA–BB with both states registered in 2000.
const TWO_STATES: &str = r#"
format = "chancery-scenario/1"
relation = ["AA", "BB"]

[[act]]
kind = "state_registered"
date = "2000"
state = "AA"
name = "Aland"

[[act]]
kind = "state_registered"
date = "2000"
state = "BB"
name = "Bland"
"#;

/// An embassy of each state in the other, opened on 2000-01-01 (follows [`TWO_STATES`]).
const TWO_EMBASSIES: &str = r#"
[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "aa-embassy"
sending = "AA"
host = "BB"
post_kind = "embassy"
name = "Aland Embassy"
city = "B City"

[[act]]
kind = "post_opened"
date = "2000-01-01"
post = "bb-embassy"
sending = "BB"
host = "AA"
post_kind = "embassy"
name = "Bland Embassy"
city = "A City"
"#;

/// Imports a scenario file's text into an empty image, panicking with the parser's message.
pub fn import(text: &str) -> Image {
    let scenario = Scenario::parse(text).unwrap_or_else(|e| panic!("{e}"));
    scenario
        .plan_import(&Image::new(), 0)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

/// AA and BB registered, then `acts` (TOML `[[act]]` tables).
pub fn two_states(acts: &str) -> Image {
    import(&format!("{TWO_STATES}{acts}"))
}

/// AA and BB registered, each with an embassy in the other, then `acts` (TOML `[[act]]` tables).
pub fn two_state_world(acts: &str) -> Image {
    import(&format!("{TWO_STATES}{TWO_EMBASSIES}{acts}"))
}

/// The text of the US–Russia demo scenario, data/scenarios/us-ru.toml.
pub fn demo_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/scenarios/us-ru.toml"
    ))
    .expect("demo file")
}

/// The US–Russia demo scenario, imported.
pub fn demo() -> Image {
    let text = demo_text();
    let scenario = Scenario::parse(&text).unwrap_or_else(|e| panic!("us-ru.toml: {e}"));
    scenario
        .plan_import(&Image::new(), 0)
        .unwrap_or_else(|e| panic!("us-ru.toml: {e}"))
        .0
}

pub fn st(code: &str) -> StateCode {
    code.parse().unwrap()
}

pub fn us() -> StateCode {
    st("US")
}

pub fn ru() -> StateCode {
    st("RU")
}

pub fn day(date: &str) -> CivilDate {
    date.parse().unwrap()
}

/// The rules' view (everything recorded) as of `date`.
pub fn on(date: &str) -> View {
    View::rules(day(date))
}

pub fn act(v: serde_json::Value) -> Act {
    Act::from_json(v).unwrap_or_else(|e| panic!("{e:?}"))
}
