//! The data downloads over the demo: read back with a CSV parser, formula-like text
//! neutralised, and each reader's files holding only what that reader may see.

use chancery_app::datasets::{DataRequest, DataScope, Dataset, Format};
use chancery_app::Chancery;
use chancery_domain::reciprocity::index::Step;
use chancery_domain::{Act, CivilDate, Reader, StateCode};
use serde_json::json;

fn state(s: &str) -> StateCode {
    s.parse().expect("state code")
}

/// The demo with one public measure whose summary a spreadsheet would run, and one act
/// internal to each party's ministry.
fn demo() -> (tempfile::TempDir, Chancery) {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("d.db"), true).expect("demo store");
    let acts = [
        json!({"kind": "measure_imposed", "date": "2023-06-01", "measure": "formula",
               "actor": "RU", "target": "US", "measure_kind": "other",
               "summary": "=HYPERLINK(\"http://evil\",\"click\")", "confidence": "high"}),
        json!({"kind": "member_notified", "date": "2023-05-01", "member": "m-smith",
               "post": "us-embassy-moscow", "name": "@John Smith", "category": "diplomatic"}),
        json!({"kind": "statement_recorded", "date": "2023-06-02", "by": "US", "about": "RU", "summary": "US internal note",
               "visibility": {"internal": "US"}}),
        json!({"kind": "statement_recorded", "date": "2023-06-03", "by": "RU", "about": "US", "summary": "RU internal note",
               "visibility": {"internal": "RU"}}),
    ];
    let acts: Vec<Act> = acts
        .into_iter()
        .map(|v| Act::from_json(v).expect("valid act"))
        .collect();
    chancery.record_all(acts, "test", 10).expect("recorded");
    (dir, chancery)
}

fn download(chancery: &Chancery, d: Dataset, reader: Reader, f: Format) -> String {
    let req = DataRequest {
        scope: DataScope::Relation(state("US"), state("RU")),
        as_of: "2024-01-01".parse::<CivilDate>().expect("date"),
        known_through: None,
        reader,
        from: None,
        step: Step::Year,
    };
    let meta = chancery.dataset_meta(d, &req, 0).expect("meta");
    let out = chancery
        .write_dataset(&meta, &req, f, true, Vec::new())
        .expect("written");
    String::from_utf8(out).expect("UTF-8")
}

/// The rows of a CSV download, read as any CSV reader that skips `#` lines would.
fn rows(csv_text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(csv_text.as_bytes());
    let header = r.headers().expect("header").clone();
    let rows = r.records().map(|r| r.expect("a CSV row")).collect();
    (header, rows)
}

#[test]
fn csv_reads_back_with_formula_like_text_neutralised() {
    let (_dir, chancery) = demo();
    let text = download(&chancery, Dataset::Measures, Reader::Public, Format::Csv);
    let (header, rows) = rows(&text);
    let summary = header
        .iter()
        .position(|h| h == "summary")
        .expect("summary column");
    let id = header.iter().position(|h| h == "id").expect("id column");
    let planted = rows
        .iter()
        .find(|r| &r[id] == "formula")
        .expect("the planted measure");
    assert_eq!(&planted[summary], "'=HYPERLINK(\"http://evil\",\"click\")");
    assert!(rows.len() > 20, "the demo's measures");
    // The comment block says how many lines it has, so a tool can skip exactly that many.
    let first = text.lines().next().expect("a first line");
    let n: usize = first
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a count");
    assert!(text.lines().take(n).all(|l| l.starts_with('#')));
    assert!(text.lines().nth(n).expect("header").starts_with("id,"));
    for key in [
        "# as_of: 2024-01-01",
        "# known_through: whole record",
        "# reader: public",
        "# generated_at: ",
    ] {
        assert!(text.contains(key), "{key}");
    }
}

#[test]
fn every_dataset_in_both_formats_has_its_columns() {
    let (_dir, chancery) = demo();
    for d in Dataset::ALL {
        let text = download(&chancery, *d, Reader::Public, Format::Csv);
        let (header, rows) = rows(&text);
        let names: Vec<&str> = d.columns().iter().map(|c| c.name).collect();
        assert_eq!(header.iter().collect::<Vec<_>>(), names, "{d:?}");
        assert!(!rows.is_empty(), "{d:?} has rows on the demo");
        let json: serde_json::Value =
            serde_json::from_str(&download(&chancery, *d, Reader::Public, Format::Json))
                .expect("JSON");
        assert_eq!(json["meta"]["as_of"], "2024-01-01");
        assert_eq!(
            json["meta"]["columns"].as_array().map(Vec::len),
            Some(names.len())
        );
        assert_eq!(
            json["rows"].as_array().map(Vec::len),
            Some(rows.len()),
            "{d:?}"
        );
    }
}

#[test]
fn internal_acts_reach_only_their_own_ministry() {
    let (_dir, chancery) = demo();
    for (reader, sees, hidden) in [
        (Reader::Party(state("US")), "US internal", "RU internal"),
        (Reader::Party(state("RU")), "RU internal", "US internal"),
        (Reader::Mediator, "", "internal note"),
        (Reader::Public, "", "internal note"),
    ] {
        for d in [Dataset::Acts, Dataset::Events] {
            for f in [Format::Csv, Format::Json] {
                let text = download(&chancery, d, reader, f);
                assert!(!text.contains(hidden), "{reader:?} {d:?}");
                if d == Dataset::Acts && !sees.is_empty() {
                    assert!(text.contains(sees), "{reader:?} {d:?}");
                }
            }
        }
    }
}

#[test]
fn events_carry_codes_and_the_acting_state() {
    let (_dir, chancery) = demo();
    let (header, rows) = rows(&download(
        &chancery,
        Dataset::Events,
        Reader::Public,
        Format::Csv,
    ));
    let col = |n: &str| header.iter().position(|h| h == n).expect(n);
    // The demo's first measure: Russia declares a US diplomat persona non grata.
    let png = rows
        .iter()
        .find(|r| &r[col("kind")] == "measure_imposed" && &r[col("date")] == "2013-05-14")
        .expect("the expulsion of May 2013");
    assert_eq!((&png[col("source")], &png[col("target")]), ("RU", "US"));
    assert_eq!(&png[col("cameo_code")], "174");
    assert_eq!(&png[col("plover_event_type")], "COERCE");
    let formula = rows
        .iter()
        .find(|r| &r[col("kind")] == "measure_imposed" && &r[col("date")] == "2023-06-01")
        .expect("the planted measure");
    assert_eq!(
        (&formula[col("source")], &formula[col("target")]),
        ("RU", "US")
    );
    assert!(rows.iter().all(|r| !r[col("cameo_code")].is_empty()));
}

/// A relation's acts are found from the image's index, not by reading the journal: for every
/// relation of the record, the index names exactly the acts a full read of the journal
/// assigns to it, in journal order, and up to any sequence number asked.
#[test]
fn the_relation_index_names_the_acts_a_journal_read_finds() {
    let (_dir, chancery) = demo();
    let image = chancery.image();
    let all = chancery.acts(0, 100_000).expect("every act");
    let mut relations: Vec<_> = all
        .iter()
        .filter_map(|a| image.relation_of(&a.act.body))
        .collect();
    relations.sort_unstable();
    relations.dedup();
    assert!(!relations.is_empty());
    let last = all.last().map(|a| a.seq).expect("acts");
    for key in relations {
        for through in [last, last / 2] {
            let scanned: Vec<u64> = all
                .iter()
                .filter(|a| a.seq <= through && image.relation_of(&a.act.body) == Some(key))
                .map(|a| a.seq)
                .collect();
            assert_eq!(
                image.relation_seqs(key, through),
                scanned,
                "{key:?} through {through}"
            );
        }
    }
}

/// An index series too long to give is refused when the file's metadata is made, before a
/// response could start, not after the first rows.
#[test]
fn an_index_file_too_long_is_refused_before_it_starts() {
    let (_dir, chancery) = demo();
    let req = DataRequest {
        scope: DataScope::Relation(state("US"), state("RU")),
        as_of: "2024-01-01".parse::<CivilDate>().expect("date"),
        known_through: None,
        reader: Reader::Public,
        from: Some("1900-01-01".parse::<CivilDate>().expect("date")),
        step: Step::Days(1),
    };
    let refused = chancery.dataset_meta(Dataset::Index, &req, 0);
    assert!(
        matches!(
            refused,
            Err(chancery_app::datasets::DataError::Index(
                chancery_domain::reciprocity::index::IndexError::TooManyPoints { .. }
            ))
        ),
        "{refused:?}"
    );
    let fine = DataRequest {
        step: Step::Year,
        ..req
    };
    assert!(chancery.dataset_meta(Dataset::Index, &fine, 0).is_ok());
}

/// The whole record's acts and events: every relation's rows the reader may see (and the
/// states' registrations among the acts), each
/// relation's the same as its own file; the datasets that are one relation's answers are
/// refused for the whole record, naming why.
#[test]
fn the_whole_record_holds_every_relations_acts_and_the_registrations() {
    let (_dir, chancery) = demo();
    // A second relation, so the whole record is more than the demo's.
    let acts = [
        json!({"kind": "state_registered", "date": "2008", "state": "FR", "name": "France",
               "sources": ["test"]}),
        json!({"kind": "measure_imposed", "date": "2023-07-01", "measure": "fr-ban",
               "actor": "FR", "target": "US", "measure_kind": "other",
               "summary": "a French measure", "confidence": "high"}),
    ]
    .map(|v| Act::from_json(v).expect("valid act"));
    chancery
        .record_all(acts.to_vec(), "test", 10)
        .expect("recorded");
    let as_of = "2024-01-01".parse::<CivilDate>().expect("date");
    let relation_file = |d: Dataset, reader: Reader, a: &str, b: &str| {
        let req = DataRequest {
            scope: DataScope::Relation(state(a), state(b)),
            as_of,
            known_through: None,
            reader,
            from: None,
            step: Step::Year,
        };
        let meta = chancery.dataset_meta(d, &req, 0).expect("meta");
        let out = chancery
            .write_dataset(&meta, &req, Format::Csv, true, Vec::new())
            .expect("written");
        rows(&String::from_utf8(out).expect("UTF-8")).1
    };
    let whole = |d: Dataset, reader: Reader| {
        let req = DataRequest {
            scope: DataScope::Everything,
            as_of,
            known_through: None,
            reader,
            from: None,
            step: Step::Year,
        };
        let meta = chancery.dataset_meta(d, &req, 0).expect("meta");
        let out = chancery
            .write_dataset(&meta, &req, Format::Csv, true, Vec::new())
            .expect("written");
        String::from_utf8(out).expect("UTF-8")
    };
    for d in [Dataset::Acts, Dataset::Events] {
        for reader in [Reader::Public, Reader::Party(state("RU")), Reader::Rules] {
            let (header, all) = rows(&whole(d, reader));
            assert_eq!(header.get(0), Some("seq"));
            // The states' registrations belong to no relation: the whole record's acts hold
            // them besides the relations' (so the file imports back).
            let kind = header.iter().position(|h| h == "kind").expect("kind");
            let (registrations, all): (Vec<_>, Vec<_>) = all
                .into_iter()
                .partition(|r| &r[kind] == "state_registered");
            assert_eq!(
                registrations.is_empty(),
                d == Dataset::Events,
                "{d:?} for {reader:?}"
            );
            // Both relations' files, in journal order: the rest of the whole record's.
            let mut both = relation_file(d, reader, "US", "RU");
            let french = relation_file(d, reader, "FR", "US");
            assert!(!french.is_empty() || d == Dataset::Events);
            both.extend(french);
            both.sort_by_key(|r| r.get(0).and_then(|s| s.parse::<u64>().ok()));
            assert_eq!(all, both, "{d:?} for {reader:?}");
        }
    }
    let text = whole(Dataset::Acts, Reader::Public);
    assert!(text.contains("# relation: all relations"), "{text}");
    assert!(!text.contains("US internal note") && !text.contains("RU internal note"));
    for d in [
        Dataset::Measures,
        Dataset::Presence,
        Dataset::Parity,
        Dataset::Index,
    ] {
        let req = DataRequest {
            scope: DataScope::Everything,
            as_of,
            known_through: None,
            reader: Reader::Public,
            from: None,
            step: Step::Year,
        };
        assert!(matches!(
            chancery.dataset_meta(d, &req, 0),
            Err(chancery_app::datasets::DataError::NeedsRelation(_))
        ));
    }
}

/// A file is the record through the act it names: acts recorded after the file was begun
/// (while a long download is written) are in neither its rows nor its answers, and the file
/// says which act it was read through.
#[test]
fn a_file_names_the_act_it_was_read_through_and_holds_nothing_later() {
    let (_dir, chancery) = demo();
    let req = DataRequest {
        scope: DataScope::Relation(state("US"), state("RU")),
        as_of: "2024-01-01".parse::<CivilDate>().expect("date"),
        known_through: None,
        reader: Reader::Public,
        from: None,
        step: Step::Year,
    };
    // The last act a public reader may see: the demo ends with acts internal to a ministry,
    // which the file must not reveal by naming the journal's head.
    let top = chancery.image().last_seq();
    let head = chancery
        .image()
        .last_seq_visible_to(Reader::Public, u64::MAX);
    assert!(head > 0 && head <= top);
    let metas: Vec<_> = [Dataset::Acts, Dataset::Measures]
        .into_iter()
        .map(|d| chancery.dataset_meta(d, &req, 0).expect("meta"))
        .collect();
    assert!(metas.iter().all(|m| m.read_through == head));
    let later = Act::from_json(json!({"kind": "measure_imposed", "date": "2023-07-01",
        "measure": "recorded-meanwhile", "actor": "US", "target": "RU", "measure_kind": "other",
        "summary": "recorded while the file was written", "confidence": "high"}))
    .expect("valid act");
    chancery.record_all([later], "test", 1).expect("recorded");
    assert_eq!(chancery.image().last_seq(), top + 1);
    for meta in &metas {
        let out = chancery
            .write_dataset(meta, &req, Format::Csv, true, Vec::new())
            .expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            text.contains(&format!("# read_through: act {head}\n")),
            "{}",
            &text[..400.min(text.len())]
        );
        assert!(
            !text.contains("recorded-meanwhile"),
            "{} holds an act recorded after it was begun",
            meta.dataset.as_str()
        );
    }
    // A file begun now holds it.
    let now = chancery
        .dataset_meta(Dataset::Measures, &req, 0)
        .expect("meta");
    let out = chancery
        .write_dataset(&now, &req, Format::Csv, true, Vec::new())
        .expect("written");
    assert!(String::from_utf8(out)
        .expect("UTF-8")
        .contains("recorded-meanwhile"));
}
