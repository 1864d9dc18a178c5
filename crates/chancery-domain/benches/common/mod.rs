//! What both benches share: the size of the synthetic world, from `CHANCERY_BENCH_WORLD`.

use chancery_generate::WorldSpec;

/// The scale-test world unless `CHANCERY_BENCH_WORLD=STATESxYEARS` asks for another size; a
/// value that does not parse is reported and ignored rather than failing a long bench run.
pub fn world() -> WorldSpec {
    let mut spec = WorldSpec::default();
    if let Ok(v) = std::env::var("CHANCERY_BENCH_WORLD") {
        let parsed = v
            .split_once('x')
            .and_then(|(s, y)| Some((s.parse().ok()?, y.parse().ok()?)));
        match parsed {
            Some((states, years)) => {
                spec.states = states;
                spec.years = years;
            }
            None => eprintln!(
                "CHANCERY_BENCH_WORLD={v}: expected STATESxYEARS, e.g. 50x10; using the default"
            ),
        }
    }
    spec
}
