//! An act from the text of a form's fields, every fault at once. Serde stops at the first field
//! it cannot read and names it in a programmer's words; a form must say everything wrong with
//! what was typed, field by field, before the rules are asked. Each field is read by its
//! declared type ([`Kind::fields`] and the envelope's), so the form and the act cannot differ.

use serde_json::{Map, Value};

use super::fields::{Field, FieldType, ENVELOPE_FIELDS};
use super::kind::Kind;
use crate::date::ValidDate;
use crate::ids::StateCode;

/// What is wrong with the text of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A required field left empty.
    Required,
    /// Not a day, a month or a year.
    NotADate(String),
    /// Not two capital letters naming a state.
    NotAState(String),
    /// Not a whole number, zero or more.
    NotACount(String),
    /// Not one of the vocabulary's values.
    NotAChoice {
        given: String,
        allowed: Vec<&'static str>,
    },
    /// Not an identifier: `a-z`, `0-9` and `-`, at most 64.
    NotAnId(String),
    /// A line of places that is not `City, CC` or `City, CC, post-id`.
    NotAPlace { line: usize, given: String },
    /// Not `public`, `bilateral` or `internal:CC`.
    NotAVisibility(String),
}

impl std::fmt::Display for Fault {
    /// In plain English; pages put their own words in other languages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Required => f.write_str("required"),
            Fault::NotADate(s) => write!(
                f,
                "`{s}` is not a date: write a day (2017-07-28), a month (2017-07) or a year (2017)"
            ),
            Fault::NotAState(s) => write!(f, "`{s}` is not a state: two letters, e.g. US"),
            Fault::NotACount(s) => write!(f, "`{s}` is not a whole number"),
            Fault::NotAChoice { given, allowed } => {
                write!(
                    f,
                    "`{given}` is not a choice: choose one of {}",
                    allowed.join(", ")
                )
            }
            Fault::NotAnId(s) => write!(
                f,
                "`{s}` is not an identifier: small letters, digits and hyphens, at most 64"
            ),
            Fault::NotAPlace { line, given } => write!(
                f,
                "line {line}: `{given}` is not `City, CC` or `City, CC, post-id`"
            ),
            Fault::NotAVisibility(s) => write!(
                f,
                "`{s}` is not a visibility: choose public, bilateral or internal to one state"
            ),
        }
    }
}

/// A fault and the field it is in (`a.b` for a key of a nested table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldFault {
    pub field: &'static str,
    pub fault: Fault,
}

/// Every field a form for `kind` has: the kind's own, then the envelope's.
pub fn form_fields(kind: Kind) -> impl Iterator<Item = &'static Field> {
    kind.fields().iter().chain(ENVELOPE_FIELDS)
}

/// The act's flat JSON from the text of its fields (`value(name)`, empty or absent when not
/// filled in), or every fault found. A field with several values (a multiple choice) is given
/// as its values separated by new lines. Flags are on when `true` or `on`.
pub fn act_from_form<'a>(
    kind: Kind,
    value: impl Fn(&str) -> Option<&'a str>,
) -> Result<Value, Vec<FieldFault>> {
    let mut root = Map::new();
    root.insert("kind".into(), Value::String(kind.as_str().into()));
    let mut faults = Vec::new();
    for f in form_fields(kind) {
        let raw = value(f.name).map(str::trim).unwrap_or("");
        if raw.is_empty() {
            if f.required && f.ty != FieldType::Flag {
                faults.push(FieldFault {
                    field: f.name,
                    fault: Fault::Required,
                });
            }
            continue;
        }
        match read(f.ty, raw) {
            Ok(Some(v)) => put(&mut root, f.name, v),
            Ok(None) => {}
            Err(fault) => faults.push(FieldFault {
                field: f.name,
                fault,
            }),
        }
    }
    if faults.is_empty() {
        Ok(Value::Object(root))
    } else {
        Err(faults)
    }
}

fn put(root: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        Some((outer, inner)) => {
            let entry = root
                .entry(outer.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                m.insert(inner.to_owned(), value);
            }
        }
        None => {
            root.insert(name.to_owned(), value);
        }
    }
}

/// Items of a list field: separated by commas, spaces or lines.
fn items(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
}

fn state(raw: &str) -> Result<Value, Fault> {
    let up = raw.trim().to_uppercase();
    up.parse::<StateCode>()
        .map(|s| Value::String(s.to_string()))
        .map_err(|_| Fault::NotAState(raw.to_owned()))
}

fn id(raw: &str) -> Result<Value, Fault> {
    // Every slug type reads the same text; the post's stands for all of them.
    raw.parse::<crate::ids::PostId>()
        .map(|_| Value::String(raw.to_owned()))
        .map_err(|_| Fault::NotAnId(raw.to_owned()))
}

fn choice(v: super::fields::Vocabulary, raw: &str) -> Result<Value, Fault> {
    let allowed = v.values();
    if allowed.contains(&raw) {
        Ok(Value::String(raw.to_owned()))
    } else {
        Err(Fault::NotAChoice {
            given: raw.to_owned(),
            allowed,
        })
    }
}

/// Reads one field's text by its type; `None` when it adds nothing (a flag left off).
fn read(ty: FieldType, raw: &str) -> Result<Option<Value>, Fault> {
    let list = |each: &dyn Fn(&str) -> Result<Value, Fault>| {
        items(raw)
            .map(each)
            .collect::<Result<Vec<_>, _>>()
            .map(|v| Some(Value::Array(v)))
    };
    match ty {
        FieldType::Flag => Ok((raw == "true" || raw == "on").then_some(Value::Bool(true))),
        FieldType::Id => id(raw).map(Some),
        FieldType::Ids => list(&id),
        FieldType::State => state(raw).map(Some),
        FieldType::States => list(&state),
        FieldType::Name | FieldType::Prose => Ok(Some(Value::String(raw.to_owned()))),
        FieldType::Lines => Ok(Some(Value::Array(
            raw.lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ))),
        FieldType::Date => raw
            .parse::<ValidDate>()
            .map(|_| Some(Value::String(raw.to_owned())))
            .map_err(|_| Fault::NotADate(raw.to_owned())),
        FieldType::Count => raw
            .parse::<u64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| Fault::NotACount(raw.to_owned())),
        FieldType::Choice(v) => choice(v, raw).map(Some),
        FieldType::Choices(v) => list(&|s: &str| choice(v, s)),
        FieldType::Places => places(raw).map(Some),
        FieldType::Visibility => visibility(raw).map(Some),
    }
}

fn visibility(raw: &str) -> Result<Value, Fault> {
    match raw {
        "public" | "bilateral" => Ok(Value::String(raw.to_owned())),
        _ => match raw.strip_prefix("internal:").map(str::trim) {
            Some(s) => state(s)
                .map(|s| serde_json::json!({ "internal": s }))
                .map_err(|_| Fault::NotAVisibility(raw.to_owned())),
            None => Err(Fault::NotAVisibility(raw.to_owned())),
        },
    }
}

/// One place per line, `City, CC` or `City, CC, post-id`, as the act's `routed_to` objects.
fn places(raw: &str) -> Result<Value, Fault> {
    let mut out = Vec::new();
    for (n, line) in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let bad = || Fault::NotAPlace {
            line: n + 1,
            given: line.to_owned(),
        };
        let parts: Vec<&str> = line.split(',').map(str::trim).collect();
        let (city, st, post) = match parts[..] {
            [city, st] => (city, st, None),
            [city, st, post] => (city, st, Some(post)),
            _ => return Err(bad()),
        };
        let mut place = Map::new();
        place.insert("city".into(), Value::String(city.to_owned()));
        place.insert("state".into(), state(st).map_err(|_| bad())?);
        if let Some(p) = post {
            place.insert("post".into(), id(p).map_err(|_| bad())?);
        }
        out.push(Value::Object(place));
    }
    Ok(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(kind: Kind, pairs: &[(&str, &str)]) -> Result<Value, Vec<FieldFault>> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        act_from_form(kind, |k| map.get(k).copied())
    }

    fn faults(kind: Kind, pairs: &[(&str, &str)]) -> Vec<(&'static str, Fault)> {
        parse(kind, pairs)
            .expect_err("faults")
            .into_iter()
            .map(|f| (f.field, f.fault))
            .collect()
    }

    #[test]
    fn every_fault_is_reported_not_only_the_first() {
        let got = faults(
            Kind::StaffingReported,
            &[
                ("sending", "usa"),
                ("value", "many"),
                ("bound", "roughly"),
                ("date", "last spring"),
            ],
        );
        let fields: Vec<_> = got.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            ["sending", "host", "value", "bound", "counting", "date"]
        );
        assert_eq!(got[1].1, Fault::Required);
        assert_eq!(got[2].1, Fault::NotACount("many".into()));
        let Fault::NotAChoice { given, allowed } = &got[3].1 else {
            panic!("{:?}", got[3]);
        };
        assert_eq!(given, "roughly");
        assert!(allowed.contains(&"about"), "{allowed:?}");
        assert_eq!(got[5].1, Fault::NotADate("last spring".into()));
    }

    #[test]
    fn a_good_form_reads_as_the_act_it_names() {
        let json = parse(
            Kind::StaffingReported,
            &[
                ("sending", "us"),
                ("host", "RU"),
                ("value", "140"),
                ("bound", "about"),
                ("counting", "all_staff"),
                ("date", "2025-12-15"),
                ("sources", "one\n\n two "),
                ("visibility", "internal:us"),
                ("date_confirmed", ""),
            ],
        )
        .expect("reads");
        assert_eq!(json["sending"], "US");
        assert_eq!(json["value"], 140);
        assert_eq!(json["sources"], serde_json::json!(["one", "two"]));
        assert_eq!(json["visibility"], serde_json::json!({"internal": "US"}));
        assert!(json.get("date_confirmed").is_none());
        crate::Act::from_json(json).expect("the domain reads it");
    }

    #[test]
    fn lists_nested_keys_and_places() {
        let json = parse(
            Kind::MeasureImposed,
            &[
                ("measure", "r900"),
                ("actor", "RU"),
                ("target", "US"),
                ("measure_kind", "staff_cap"),
                ("summary", "A cap"),
                ("magnitude.cap", "455"),
                ("scope.posts", "us-embassy-moscow\nus-cg-vladivostok"),
                ("date", "2017-07-28"),
            ],
        )
        .expect("reads");
        assert_eq!(json["magnitude"]["cap"], 455);
        assert_eq!(json["scope"]["posts"][1], "us-cg-vladivostok");

        let got = faults(
            Kind::ConsularServicesChanged,
            &[
                ("posts", "us-embassy-moscow Bad_Id"),
                ("level", "none"),
                ("applies_to", "immigrant_visa, visas"),
                ("routed_to", "Warsaw, PL\nnowhere"),
                ("date", "2021-05"),
                ("visibility", "secret"),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("posts", Fault::NotAnId("Bad_Id".into())),
                (
                    "applies_to",
                    Fault::NotAChoice {
                        given: "visas".into(),
                        allowed: super::super::Vocabulary::ConsularService.values()
                    }
                ),
                (
                    "routed_to",
                    Fault::NotAPlace {
                        line: 2,
                        given: "nowhere".into()
                    }
                ),
                ("visibility", Fault::NotAVisibility("secret".into())),
            ]
        );
    }

    #[test]
    fn every_fault_says_what_to_do_in_words() {
        let f = Fault::NotAChoice {
            given: "x".into(),
            allowed: vec!["a", "b"],
        };
        assert_eq!(f.to_string(), "`x` is not a choice: choose one of a, b");
        assert_eq!(Fault::Required.to_string(), "required");
    }
}
