use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

use super::*;

fn ids(text: &str) -> BTreeSet<String> {
    let resource = FluentResource::try_new(text.to_owned()).expect("message file parses");
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_file_parses_and_both_languages_have_the_same_messages() {
    for (area, en, ru) in FILES {
        let (en, ru) = (ids(en), ids(ru));
        let only_en: Vec<_> = en.difference(&ru).collect();
        let only_ru: Vec<_> = ru.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_ru.is_empty(),
            "{area}: only in English {only_en:?}, only in Russian {only_ru:?}"
        );
    }
}

#[test]
fn no_message_is_defined_twice() {
    let mut seen = BTreeSet::new();
    for (area, en, _) in FILES {
        for id in ids(en) {
            assert!(seen.insert(id.clone()), "{id} is defined again in {area}");
        }
    }
}

#[test]
fn every_vocabulary_code_has_a_label_in_both_languages() {
    let mut missing = Vec::new();
    let counting: Vec<&str> = chancery_domain::vocab::Counting::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let extra = [
        ("counting-long", counting.clone()),
        ("counting-short", counting),
        ("post-status", vec!["open", "suspended", "closed"]),
        (
            "premises-status",
            vec![
                "in_use",
                "access_barred",
                "seized",
                "returned",
                "released",
                "status_removed",
            ],
        ),
        ("round-status", vec!["held", "cancelled"]),
        (
            "parity",
            chancery_domain::reciprocity::parity::DIMENSION_KEYS.to_vec(),
        ),
        (
            "subject",
            vec![
                "act",
                "agreement",
                "case",
                "claim",
                "commitment",
                "measure",
                "member",
                "mission",
                "post",
                "premises",
                "round",
                "state",
                "statement",
            ],
        ),
        (
            "taken-by",
            chancery_domain::vocab::Capacity::ALL
                .iter()
                .map(|c| c.as_str())
                .collect(),
        ),
    ];
    for (prefix, codes) in vocabularies().into_iter().chain(extra) {
        for code in codes {
            for lang in Lang::ALL {
                let id = format!("{prefix}-{code}");
                if !has(lang, &id) {
                    missing.push(format!("{}: {id}", lang.code()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "labels missing: {missing:?}");
}

/// Every message id written as a literal in the pages' code (`t("…")`, `t_args("…"`,
/// `message(lang, "…"`) exists in both languages, so a typo fails here, not on a page.
#[test]
fn every_message_the_pages_ask_for_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut missing = Vec::new();
    let mut asked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source reads");
        for id in literal_ids(&text) {
            asked += 1;
            for lang in Lang::ALL {
                if !has(lang, &id) {
                    missing.push(format!("{} {}: {id}", file.display(), lang.code()));
                }
            }
        }
    }
    assert!(
        asked > 20,
        "the scan found only {asked} message ids: is it broken?"
    );
    assert!(missing.is_empty(), "messages missing: {missing:#?}");
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source dir reads") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn literal_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // rustfmt may break a call after its parenthesis: the id is the first string literal
    // after the opener, across whitespace.
    for opener in [".t(", "t_args(", "message(lang,", "tr(lang,"] {
        let mut rest = text;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            let Some(quoted) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = quoted.find('"') {
                let id = &quoted[..end];
                if !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    out.push(id.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn the_scan_reads_ids_across_a_line_break() {
    let ids = literal_ids("ctx.t_args(\n    \"age-days\",\n &[]) ctx.t(\"nav-acts\")");
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn every_message_file_is_loaded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in Lang::ALL {
        let mut on_disk: Vec<String> = std::fs::read_dir(dir.join(lang.code()))
            .expect("locales dir reads")
            .filter_map(|e| {
                let name = e.ok()?.file_name().into_string().ok()?;
                Some(name.strip_suffix(".ftl")?.to_owned())
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES
            .iter()
            .map(|(area, _, _)| (*area).to_owned())
            .collect();
        listed.sort();
        assert_eq!(on_disk, listed, "{}: files on disk and FILES", lang.code());
    }
}

#[test]
fn russian_numbers_take_their_plural_form() {
    let days = |n: i64| message(Lang::Ru, "days", &[("n", n.into())]);
    assert_eq!(days(1), "1 день");
    assert_eq!(days(2), "2 дня");
    assert_eq!(days(5), "5 дней");
    assert_eq!(days(11), "11 дней");
    assert_eq!(days(21), "21 день");
    assert_eq!(days(24), "24 дня");
    let en = |n: i64| message(Lang::En, "days", &[("n", n.into())]);
    assert_eq!(en(1), "1 day");
    assert_eq!(en(21), "21 days");
}

#[test]
fn a_missing_message_shows_its_id_and_a_russian_gap_falls_back_to_english() {
    assert_eq!(message(Lang::Ru, "no-such-message", &[]), "no-such-message");
    assert_eq!(label(Lang::Ru, "post-kind", "embassy"), "посольство");
    assert_eq!(label(Lang::En, "post-kind", "embassy"), "embassy");
}

#[test]
fn accept_language_picks_the_highest_weight_we_speak() {
    assert_eq!(
        Lang::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"),
        Some(Lang::Ru)
    );
    assert_eq!(Lang::negotiate("de-DE,en;q=0.5,ru;q=0.4"), Some(Lang::En));
    assert_eq!(Lang::negotiate("en;q=0.2, ru;q=0.9"), Some(Lang::Ru));
    assert_eq!(Lang::negotiate("ru;q=0, en;q=0.1"), Some(Lang::En));
    assert_eq!(Lang::negotiate("fr, de"), None);
    assert_eq!(
        Lang::negotiate("ru;q=2"),
        None,
        "a weight above 1 is malformed"
    );
    assert_eq!(Lang::negotiate("*"), None);
    assert_eq!(Lang::negotiate(""), None);
}

#[test]
fn the_switch_parameter_is_read_from_the_query() {
    assert_eq!(from_query(Some("as_of=2020-01-01&lang=ru")), Some(Lang::Ru));
    assert_eq!(from_query(Some("lang=EN")), Some(Lang::En));
    assert_eq!(from_query(Some("lang=xx")), None);
    assert_eq!(from_query(Some("slang=ru")), None);
    assert_eq!(from_query(None), None);
}

#[test]
fn statuses_the_domain_serialises_have_labels() {
    use chancery_domain::image::posts::{PostStatus, PremisesStatus};
    assert_eq!(
        label(
            Lang::En,
            "premises-status",
            &code_of(&PremisesStatus::StatusRemoved)
        ),
        "owned, diplomatic status removed"
    );
    assert_eq!(
        label(Lang::Ru, "post-status", &code_of(&PostStatus::Suspended)),
        "работа приостановлена"
    );
}
