//! Import of the acts export: equal to recording the same acts one by one, all or nothing,
//! and a refusal names the line, the act, the field and the rule.

use chancery_app::datasets::{DataRequest, DataScope, Dataset, Format};
use chancery_app::import::acts_file::{ActsCsv, ImportFormat};
use chancery_app::import::Incoming;
use chancery_app::Chancery;
use chancery_domain::reciprocity::index::Step;
use chancery_domain::scenario::ScenarioError;
use chancery_domain::{CivilDate, Reader};
use chancery_generate::{generate, WorldSpec};

/// A small generated world, recorded act by act (each validated by `Image::record`).
fn world(dir: &tempfile::TempDir, name: &str) -> Chancery {
    let chancery = Chancery::open(&dir.path().join(name), false).expect("store");
    let spec = WorldSpec {
        states: 4,
        years: 6,
        seed: 7,
        ..WorldSpec::default()
    };
    chancery
        .record_all(generate(&spec), "generate", 500)
        .expect("the generated world records");
    chancery
}

fn export(chancery: &Chancery, dataset: Dataset, scope: DataScope) -> String {
    let req = DataRequest {
        scope,
        as_of: "2100-01-01".parse::<CivilDate>().expect("date"),
        known_through: None,
        reader: Reader::Rules,
        from: None,
        step: Step::Year,
    };
    let meta = chancery.dataset_meta(dataset, &req, 0).expect("meta");
    let out = chancery
        .write_dataset(&meta, &req, Format::Csv, true, Vec::new())
        .expect("written");
    String::from_utf8(out).expect("UTF-8")
}

/// A file's text without what differs between two stores holding the same acts: when the
/// file was written and when each act was recorded.
fn comparable(text: &str) -> Vec<String> {
    let mut rows = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let header = rows.headers().expect("header").clone();
    let recorded_at = header.iter().position(|h| h == "recorded_at");
    rows.records()
        .map(|r| {
            let r = r.expect("row");
            r.iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != recorded_at)
                .map(|(_, cell)| cell)
                .collect::<Vec<_>>()
                .join("\u{1f}")
        })
        .collect()
}

fn import_text(chancery: &Chancery, text: &str) -> Result<usize, String> {
    assert_eq!(ImportFormat::sniff(text.as_bytes()), ImportFormat::ActsCsv);
    let mut rows = ActsCsv::new(text.as_bytes()).map_err(|e| e.to_string())?;
    chancery
        .import_acts(&mut rows, "import:test", &|_| {})
        .map_err(|e| e.to_string())
}

#[test]
fn importing_the_export_equals_recording_act_by_act() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = world(&dir, "a.db");
    let text = export(&original, Dataset::Acts, DataScope::Everything);
    let copy = Chancery::open(&dir.path().join("b.db"), false).expect("store");
    let n = import_text(&copy, &text).expect("imported");
    assert_eq!(n as u64, original.image().last_seq());
    assert!(
        text.contains("supersedes"),
        "the world exercises corrections"
    );

    // The journal holds the same acts, in the same order, with the same references.
    let acts = |c: &Chancery| -> Vec<serde_json::Value> {
        c.acts(0, usize::MAX)
            .expect("acts")
            .into_iter()
            .map(|s| s.act.to_json())
            .collect()
    };
    assert_eq!(acts(&copy), acts(&original));
    // And the image answers alike: every act's derived columns (relation, sides, withdrawal),
    // and each relation's presence and measures.
    assert_eq!(
        comparable(&export(&copy, Dataset::Acts, DataScope::Everything)),
        comparable(&text)
    );
    let image = original.image();
    let relations: Vec<_> = image
        .relations_seen_by(Reader::Rules)
        .into_iter()
        .take(3)
        .collect();
    drop(image);
    assert!(!relations.is_empty());
    for key in relations {
        let (a, b) = key.states();
        for d in [
            Dataset::Presence,
            Dataset::Measures,
            Dataset::DiplomaticList,
        ] {
            let scope = DataScope::Relation(a, b);
            assert_eq!(
                comparable(&export(&copy, d, scope)),
                comparable(&export(&original, d, scope)),
                "{d:?} of {a}-{b}"
            );
        }
    }
}

#[test]
fn a_bad_last_act_refuses_the_whole_import_naming_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = world(&dir, "a.db");
    let mut text = export(&original, Dataset::Acts, DataScope::Everything);
    let rows = original.image().last_seq();
    // A post resumed that was never suspended: well formed, refused by a rule.
    let bad = format!(
        "{},2026-01-01T00:00:00Z,2001,post_resumed,,,,,,,,,,\"{{\"\"kind\"\":\"\"post_resumed\"\",\"\"date\"\":\"\"2001\"\",\"\"post\"\":\"\"no-such-post\"\"}}\"\n",
        rows + 1
    );
    text.push_str(&bad);
    let last_line = text.lines().count();
    let store = dir.path().join("b.db");
    let copy = Chancery::open(&store, false).expect("store");
    let e = import_text(&copy, &text).expect_err("refused");
    let expected = format!("line {last_line}: act {}: field `post`: ", rows + 1);
    assert!(e.starts_with(&expected), "{e}\nexpected {expected}");
    assert!(e.ends_with("[unknown_post]"), "{e}");
    assert_eq!(copy.image().last_seq(), 0, "nothing reached the image");
    assert_eq!(copy.journal().last_seq(), 0, "nothing reached the journal");
    drop(copy);
    let reopened = Chancery::open(&store, false).expect("store");
    assert_eq!(reopened.journal().last_seq(), 0, "nothing on disk");
}

#[test]
fn references_are_renumbered_into_a_store_that_already_holds_acts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = world(&dir, "a.db");
    let text = export(&original, Dataset::Acts, DataScope::Everything);
    // The demo's acts come first, so every act imported lands at a later number.
    let demo = Chancery::open(&dir.path().join("b.db"), true).expect("demo");
    let base = demo.image().last_seq();
    import_text(&demo, &text).expect("imported");
    let before = original.acts(0, usize::MAX).expect("acts");
    let after = demo.acts(base, usize::MAX).expect("acts");
    assert_eq!(before.len(), after.len());
    let mut corrections = 0;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.seq, b.seq + base);
        assert_eq!(
            a.act.envelope.supersedes,
            b.act.envelope.supersedes.map(|s| s + base)
        );
        corrections += usize::from(b.act.envelope.supersedes.is_some());
    }
    assert!(corrections > 0, "the world exercises corrections");
}

#[test]
fn a_file_without_an_earlier_act_it_names_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = world(&dir, "a.db");
    let text = export(&original, Dataset::Acts, DataScope::Everything);
    let corrected = original
        .acts(0, usize::MAX)
        .expect("acts")
        .into_iter()
        .find_map(|s| s.act.envelope.supersedes)
        .expect("a correction");
    // Drop the corrected act's row: the correction then names an act the file lacks.
    let cut: String = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with(&format!("{corrected},")))
        .collect();
    let copy = Chancery::open(&dir.path().join("b.db"), false).expect("store");
    let e = import_text(&copy, &cut).expect_err("refused");
    assert!(e.contains("field `supersedes`"), "{e}");
    assert!(e.ends_with("[unknown_reference]"), "{e}");
    assert_eq!(copy.journal().last_seq(), 0);
}

#[test]
fn an_unreadable_row_names_its_line_and_stops_the_reading() {
    let text = "seq,act\n1,\"{\"\"kind\"\":\"\"state_registered\"\",\"\"date\"\":\"\"2000\"\",\"\"state\"\":\"\"AA\"\",\"\"name\"\":\"\"A\"\"}\"\n2,not json\n3,{}\n";
    let rows: Vec<Result<Incoming, ScenarioError>> =
        ActsCsv::new(text.as_bytes()).expect("header").collect();
    assert_eq!(rows.len(), 2, "nothing is read after a fault");
    assert_eq!(rows[0].as_ref().map(|i| i.line), Ok(Some(2)));
    let e = rows[1].as_ref().expect_err("not JSON");
    assert_eq!(
        (e.line, e.act, e.field.as_deref(), e.code.as_str()),
        (Some(3), Some(2), Some("act"), "invalid_act")
    );
}
