//! Reading a scenario file is linear in its size. Each act's line used to be found by counting
//! newlines from the start of the file, so a 10,000-act file took 2.6 s to read, 20,000 took
//! 10 s and 50,000 took 67 s (release build). Lines now come from one index built per file.
//!
//! The timings themselves: `cargo test --release -p chancery-domain --test scenario_scale --
//! --ignored --nocapture`.

use std::fmt::Write;
use std::time::Instant;

use chancery_domain::scenario::{LineIndex, Scenario};
use chancery_domain::Image;

/// A relation of `n` valid acts, about 150 bytes each, as a scenario file.
fn file(n: usize) -> String {
    let mut s = format!(
        "format = \"chancery-scenario/1\"\nacts_count = {n}\nrelation = [\"AA\", \"BB\"]\n\n"
    );
    s.push_str("[[act]]\nkind = \"state_registered\"\ndate = \"2000\"\nstate = \"AA\"\nname = \"Aland\"\n\n");
    s.push_str("[[act]]\nkind = \"state_registered\"\ndate = \"2000\"\nstate = \"BB\"\nname = \"Bland\"\n\n");
    for i in 2..n {
        let _ = write!(
            s,
            "[[act]]\nkind = \"statement_recorded\"\ndate = \"2001\"\nby = \"AA\"\nabout = \"BB\"\n\
             summary = \"statement {i}\"\nsources = [\"https://example.org/{i}\"]\n\n"
        );
    }
    s
}

/// A line lookup reads only the index (`LineIndex::line` is not given the text), a binary search
/// over line starts, so finding every act's line costs O(acts × log lines) instead of
/// O(acts × file size). The index is right for every act of a large file.
#[test]
fn line_lookups_are_binary_searches_over_an_index_built_once() {
    let text = file(50_000);
    let index = LineIndex::new(&text);
    let lines = text.lines().count();
    assert_eq!(
        index.lines(),
        lines + 1,
        "a trailing newline opens one more line"
    );
    // Offsets of every `[[act]]` header: each must land on its own line, found from the index.
    let mut previous = 0;
    for (n, (offset, _)) in text.match_indices("[[act]]").enumerate() {
        let line = index.line(offset);
        assert!(line > previous, "act {n}");
        previous = line;
    }
    assert_eq!(index.line(0), 1);
    assert_eq!(index.line(text.len()), lines + 1);
}

/// A 50,000-act file reads whole, each act at its own line. (That it reads in linear time is
/// the line index's doing, tested above; the timings are measured by the ignored test below,
/// never asserted: a loaded machine must not fail a test.)
#[test]
fn a_50_000_act_file_reads_with_every_line_right() {
    let text = file(50_000);
    let parsed = Scenario::parse_with_warnings(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.scenario.acts.len(), 50_000);
    assert!(parsed.warnings.is_empty());
    assert_eq!(parsed.scenario.acts[49_999].line, text.lines().count() - 7);
}

#[test]
#[ignore = "timings: run in release with --ignored --nocapture"]
fn timings() {
    for n in [10_000, 20_000, 50_000] {
        let text = file(n);
        let started = Instant::now();
        let s = Scenario::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let parse = started.elapsed();
        let started = Instant::now();
        let planned = s.plan_import(&Image::new(), 0);
        let import = started.elapsed();
        assert!(planned.is_ok());
        // The probe's case: the first act is refused (its date is not a date).
        let bad = text.replacen("date = \"2000\"", "date = \"2000-13\"", 1);
        let started = Instant::now();
        let refused = Scenario::parse(&bad);
        let reject = started.elapsed();
        assert!(refused.is_err());
        println!(
            "{n} acts, {} MB: parse {parse:.2?}, plan_import {import:.2?}, refuse act 1 {reject:.2?}",
            text.len() / 1_000_000
        );
    }
}
