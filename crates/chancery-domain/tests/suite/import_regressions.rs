//! Regressions from the outside probe of scenario import and act reading: a file cut at an act
//! boundary, unbounded texts, invisible and bidirectional characters. Each test uses only
//! `Scenario::parse`, `Scenario::to_toml` and `Act::from_json`, so it runs unchanged against the
//! code before the fixes, where it fails.

use chancery_domain::scenario::{Scenario, ScenarioAct};
use chancery_domain::Act;
use serde_json::{json, Value};

use crate::common;
use common::{act, demo_text, st};

/// A small relation, exported as the exporter writes it.
fn exported() -> String {
    let acts = [
        json!({"kind": "state_registered", "date": "2000", "state": "AA", "name": "Aland"}),
        json!({"kind": "state_registered", "date": "2000", "state": "BB", "name": "Bland"}),
        json!({"kind": "post_opened", "date": "2001", "post": "aa-embassy", "sending": "AA",
               "host": "BB", "post_kind": "embassy", "name": "Embassy of Aland", "city": "Bcity"}),
        json!({"kind": "statement_recorded", "date": "2002", "by": "AA", "about": "BB",
               "summary": "first"}),
        json!({"kind": "statement_recorded", "date": "2003", "by": "BB", "about": "AA",
               "summary": "second"}),
    ];
    Scenario {
        relation: [st("AA"), st("BB")],
        title: Some("Aland – Bland".into()),
        description: None,
        acts: acts
            .into_iter()
            .map(|v| ScenarioAct {
                line: 0,
                act: act(v),
            })
            .collect(),
    }
    .to_toml()
}

#[test]
fn an_export_cut_at_an_act_boundary_is_refused_naming_the_count_and_its_line() {
    let text = exported();
    assert!(Scenario::parse(&text).is_ok(), "the whole export reads");
    // Keep the first three acts: the cut falls exactly before the fourth `[[act]]` header, so
    // what remains is valid TOML of three whole acts.
    let fourth = text.match_indices("[[act]]").nth(3).unwrap().0;
    let cut = &text[..fourth];
    let e = Scenario::parse(cut).expect_err("a cut export must not import");
    assert_eq!(e.code, "acts_count_mismatch", "{e}");
    assert_eq!(e.field.as_deref(), Some("acts_count"), "{e}");
    let count_line = text
        .lines()
        .position(|l| l.starts_with("acts_count"))
        .unwrap()
        + 1;
    assert_eq!(e.line, Some(count_line), "{e}");
    assert!(
        e.message.contains("acts_count = 5") && e.message.contains("holds 3"),
        "{e}"
    );
    // And cut after the header, before any act.
    let e = Scenario::parse(&text[..text.find("[[act]]").unwrap()]).unwrap_err();
    assert_eq!(e.code, "acts_count_mismatch", "{e}");
}

#[test]
fn the_demo_declares_its_count_and_a_wrong_count_is_refused() {
    let text = demo_text();
    let s = Scenario::parse(&text).unwrap_or_else(|e| panic!("us-ru.toml: {e}"));
    let declared = format!("acts_count = {}", s.acts.len());
    assert!(
        text.lines().any(|l| l == declared),
        "the demo says `{declared}`"
    );
    let edited = text.replacen(&declared, "acts_count = 172", 1);
    let e = Scenario::parse(&edited).unwrap_err();
    assert_eq!((e.code.as_str(), e.line), ("acts_count_mismatch", Some(2)));
}

/// The API's body cap (1 MiB) let a single 1 MB name through, and import had no cap at all.
#[test]
fn texts_longer_than_their_field_allows_are_refused_naming_field_and_limit() {
    let huge = "x".repeat(10 << 20);
    let base = json!({"kind": "state_registered", "date": "2000", "state": "AA"});
    for (field, limit, long) in [
        ("name", 200, "n".repeat(201)),
        ("name", 200, huge.clone()),
        ("note", 10_000, "n".repeat(10_001)),
        ("external_ref", 100, "R".repeat(101)),
    ] {
        let mut v = base.clone();
        v["name"] = json!("Aland");
        v[field] = json!(long);
        let Err(e) = Act::from_json(v) else {
            panic!("{field}: {} characters accepted", long.len())
        };
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(
            e.message.contains(&format!("at most {limit}")),
            "{field}: {}",
            e.message
        );
    }
    // The limits are in characters: 200 Cyrillic letters (400 bytes) are a valid name.
    let mut v = base.clone();
    v["name"] = json!("Ж".repeat(200));
    assert!(Act::from_json(v).is_ok());
    // Each source, and the number of sources.
    let mut v = base.clone();
    v["name"] = json!("Aland");
    v["sources"] = json!(["https://a.example", "s".repeat(2_001)]);
    let e = Act::from_json(v.clone()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("sources[1]"), "{}", e.message);
    v["sources"] = json!(vec!["https://a.example"; 51]);
    let e = Act::from_json(v).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("sources"), "{}", e.message);
    // Nested fields are named by their path.
    let e = Act::from_json(json!({
        "kind": "measure_imposed", "date": "2017", "measure": "r012", "actor": "AA",
        "target": "BB", "measure_kind": "other", "summary": "s",
        "scope": {"description": "d".repeat(2_001)}
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("scope.description"));
}

#[test]
fn a_scenario_with_a_huge_text_is_refused_at_its_line() {
    let text = exported().replacen(
        "summary = \"first\"",
        &format!("summary = \"{}\"", "y".repeat(1 << 20)),
        1,
    );
    // Not `unwrap_err`: on failure it would print the megabyte.
    let Err(e) = Scenario::parse(&text) else {
        panic!("a 1 MiB summary was accepted")
    };
    assert_eq!(
        (e.code.as_str(), e.act, e.field.as_deref()),
        ("invalid_act", Some(4), Some("summary")),
        "{}",
        e.message
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("summary = \"yyy"))
        .unwrap()
        + 1;
    assert_eq!(e.line, Some(line));
}

#[test]
fn a_scenario_file_over_the_size_cap_is_refused_before_it_is_parsed() {
    // A note per act keeps every act valid; the file as a whole is too large.
    let mut text = String::from("format = \"chancery-scenario/1\"\nrelation = [\"AA\", \"BB\"]\n");
    let note = "z".repeat(9_000);
    while text.len() <= 64 << 20 {
        text.push_str(&format!(
            "\n[[act]]\nkind = \"state_registered\"\ndate = \"2000\"\nstate = \"AA\"\n\
             name = \"A\"\nnote = \"{note}\"\n"
        ));
    }
    let Err(e) = Scenario::parse(&text) else {
        panic!("a file over 64 MiB was accepted")
    };
    assert_eq!(e.code, "file_too_large", "{e}");
    assert!(e.message.contains("64 MiB"), "{e}");
}

/// `Consulate \u202egnp.exe\u202c` displays as "Consulate exe.png".
#[test]
fn bidi_controls_and_invisible_characters_are_refused_naming_field_and_code_point() {
    let e = Act::from_json(json!({
        "kind": "post_opened", "date": "2001", "post": "aa-consulate", "sending": "AA",
        "host": "BB", "post_kind": "consulate", "name": "Consulate \u{202e}gnp.exe\u{202c}",
        "city": "Bcity"
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("name"));
    assert!(
        e.message.contains("U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{}",
        e.message
    );
    for (field, value, code_point) in [
        ("city", "Mos\u{200b}cow", "U+200B"),
        ("person", "\u{feff}John Tefft", "U+FEFF"),
        ("note", "a\u{2066}b", "U+2066"),
        ("summary", "a\u{200f}b", "U+200F"),
        ("reason", "a\u{61c}b", "U+061C"),
        ("name", "a\u{180e}b", "U+180E"),
        ("name", "two\nlines", "U+000A"),
        ("note", "bell\u{7}", "U+0007"),
        ("external_ref", "R\u{2060}1", "U+2060"),
    ] {
        let mut v = json!({"kind": "hom_absent", "date": "2001", "sending": "AA", "host": "BB",
                           "person": "John Tefft"});
        v[field] = json!(value);
        let e = Act::from_json(v).expect_err(field);
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(e.message.contains(code_point), "{field}: {}", e.message);
    }
    // Line breaks and tabs are prose, and allowed there.
    let ok = act(
        json!({"kind": "hom_absent", "date": "2001", "sending": "AA", "host": "BB",
                        "person": "John Tefft", "reason": "recalled\n\tfor consultations",
                        "note": "line one\r\nline two"}),
    );
    assert_eq!(ok.kind(), "hom_absent");
}

#[test]
fn a_scenario_with_a_bidi_control_is_refused_at_the_line_of_the_field() {
    let text = exported().replacen(
        "name = \"Embassy of Aland\"",
        "name = \"Embassy \\u202Egnp.exe\"",
        1,
    );
    let e = Scenario::parse(&text).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.act, e.field.as_deref()),
        ("invalid_act", Some(3), Some("name")),
        "{e}"
    );
    let line = text.lines().position(|l| l.contains("u202E")).unwrap() + 1;
    assert_eq!(e.line, Some(line), "{e}");
    assert!(
        e.to_string().contains("U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{e}"
    );
}

#[test]
fn every_text_of_the_demo_fits_its_limits() {
    let text = demo_text();
    let s = Scenario::parse(&text).unwrap_or_else(|e| panic!("us-ru.toml: {e}"));
    // Margin: every act would still be accepted with each of its texts twice as long.
    for sa in &s.acts {
        let mut v = sa.act.to_json();
        double_strings(&mut v, "");
        if let Err(e) = Act::from_json(v) {
            panic!("line {}: {e:?}", sa.line);
        }
    }
}

/// Doubles every free text (not identifiers, dates or enumerated values, which must stay valid).
fn double_strings(v: &mut Value, key: &str) {
    const FREE: &[&str] = &[
        "name",
        "city",
        "person",
        "venue",
        "level",
        "heads_of_delegation",
        "summary",
        "reason",
        "services",
        "stated_reason",
        "legal_basis",
        "outcome",
        "evidence",
        "text",
        "targets",
        "agenda",
        "description",
        "justification",
        "sources",
        "note",
    ];
    match v {
        // `level` is also an enumerated value (`emergency_only`), which must stay as it is.
        Value::String(s) if FREE.contains(&key) && (key != "level" || s.contains(' ')) => {
            *s = s.repeat(2)
        }
        Value::Array(items) => items.iter_mut().for_each(|i| double_strings(i, key)),
        Value::Object(m) => m.iter_mut().for_each(|(k, v)| double_strings(v, k)),
        _ => {}
    }
}
