//! The one list of kinds ([`Kind::ALL`]) and each kind's declared fields agree with what acts
//! read and write, and with the documentation.

use chancery_domain::act::{Field, FieldType, Kind, ENVELOPE_FIELDS};
use chancery_domain::Act;
use serde_json::{json, Map, Value};

fn example(f: &Field) -> Value {
    match f.ty {
        FieldType::Id => json!("x-1"),
        FieldType::Ids => json!(["x-1", "x-2"]),
        FieldType::State => json!("US"),
        FieldType::States => json!(["US", "RU"]),
        FieldType::Name => json!("A name"),
        FieldType::Prose => json!("Some words."),
        FieldType::Lines => json!(["one", "two"]),
        FieldType::Date => json!("2018-03"),
        FieldType::Count => json!(3),
        FieldType::Flag => json!(true),
        FieldType::Choice(v) => json!(v.values()[0]),
        FieldType::Choices(v) => json!([v.values()[0]]),
        FieldType::Places => json!([{"city": "Warsaw", "state": "PL"}]),
        FieldType::Visibility => json!("bilateral"),
    }
}

fn put(map: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        Some((outer, inner)) => {
            let table = map
                .entry(outer)
                .or_insert_with(|| Value::Object(Map::new()));
            table.as_object_mut().unwrap().insert(inner.into(), value);
        }
        None => {
            map.insert(name.into(), value);
        }
    }
}

/// The act of `kind` with its required fields, or with every field it declares.
fn act_of(kind: Kind, all: bool) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("kind".into(), json!(kind.as_str()));
    for f in kind.fields().iter().chain(ENVELOPE_FIELDS) {
        if all || f.required {
            put(&mut map, f.name, example(f));
        }
    }
    map
}

#[test]
fn every_kind_reads_and_writes_the_fields_it_declares() {
    for &kind in Kind::ALL {
        for all in [false, true] {
            let map = act_of(kind, all);
            let act = Act::from_json(Value::Object(map.clone()))
                .unwrap_or_else(|e| panic!("{kind}: {e} ({:?})", e.field));
            assert_eq!(act.body.which(), kind);
            assert_eq!(act.to_json(), Value::Object(map), "{kind}");
        }
    }
}

#[test]
fn every_required_field_is_required() {
    for &kind in Kind::ALL {
        for f in kind.fields().iter().filter(|f| f.required) {
            let mut map = act_of(kind, true);
            map.remove(f.name);
            let e = Act::from_json(Value::Object(map)).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(f.name), "{kind}: {e}");
        }
    }
}

#[test]
fn kinds_are_named_once() {
    for (i, kind) in Kind::ALL.iter().enumerate() {
        assert_eq!(Kind::parse(kind.as_str()), Some(*kind));
        assert!(!Kind::ALL[..i].contains(kind));
        assert!(!kind.label().is_empty());
    }
}

#[test]
fn every_kind_and_its_fields_are_documented() {
    let docs = include_str!("../../../../docs/scenario-format.md");
    for kind in Kind::ALL {
        assert!(
            docs.contains(&format!("`{kind}`")),
            "{kind} is not documented in docs/scenario-format.md"
        );
        for f in kind.fields() {
            let key = f.name.rsplit('.').next().unwrap_or(f.name);
            assert!(
                docs.contains(&format!("`{key}")) || docs.contains(&format!("{key} =")),
                "{kind}: field {} is not documented",
                f.name
            );
        }
    }
}
