//! Reading files of format 1. Format 2 changed what two things mean: a measure's `deadline` is
//! the day it bites (format 1 counted every measure from its `date`), and an expulsion is an
//! event that is never lifted (format 1 let it be lifted like any measure). A format-1 act is
//! rewritten to say in format 2 what it said in format 1, with a warning wherever that is a
//! guess the reader should check.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::vocab::{Character, MeasureKind};

pub const FORMAT_1: &str = "chancery-scenario/1";

/// Measures a format-1 file lifts, or promises in a commitment to lift or ease, read before any
/// act is migrated: format 2 refuses either for an event.
pub(super) fn lifted_measures(acts: &[Map<String, Value>]) -> HashSet<String> {
    let mut out = HashSet::new();
    for a in acts {
        match a.get("kind").and_then(Value::as_str) {
            Some("measure_lifted") => {
                out.extend(a.get("measure").and_then(Value::as_str).map(str::to_owned));
            }
            Some("commitment_made") => {
                for field in ["lifts", "eases"] {
                    let named = a.get(field).and_then(Value::as_array).into_iter().flatten();
                    out.extend(named.filter_map(Value::as_str).map(str::to_owned));
                }
            }
            _ => {}
        }
    }
    out
}

/// Rewrites one format-1 act in place; returns what the reader should check.
pub(super) fn act(
    act: &mut Map<String, Value>,
    lifted: &HashSet<String>,
    position: usize,
    line: usize,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if act.get("kind").and_then(Value::as_str) != Some("measure_imposed") {
        return warnings;
    }
    let id = act
        .get("measure")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned();
    let at = format!("act {position} (line {line}, measure `{id}`)");
    let kind = act
        .get("measure_kind")
        .cloned()
        .and_then(|k| serde_json::from_value::<MeasureKind>(k).ok());
    let event = kind.is_some_and(|k| k.default_character() == Character::Event);
    if event && lifted.contains(&id) {
        act.insert(
            "character".into(),
            Value::from(Character::Standing.as_str()),
        );
        warnings.push(format!(
            "{at}: a {} is an event in format 2 and is never lifted, but this file lifts it \
             (or promises to); it is kept as a standing measure. If the lifting undid a standing consequence \
             (replacements barred, positions abolished), record that consequence as a measure \
             of its own and lift it instead",
            kind.map_or("measure", MeasureKind::as_str)
        ));
    }
    if !event && act.contains_key("deadline") && !act.contains_key("effective") {
        if let Some(date) = act.get("date").cloned() {
            let deadline = act
                .get("deadline")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            act.insert("effective".into(), date.clone());
            warnings.push(format!(
                "{at}: format 1 counted it in force from its date, {}; format 2 would count it \
                 from its deadline, {deadline}. Kept in force from its date (`effective` set); \
                 if it only bit at the deadline, remove `effective`",
                date.as_str().unwrap_or("")
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("a test literal is an object"),
        }
    }

    #[test]
    fn a_deadline_keeps_its_format_1_meaning_with_a_warning() {
        let mut a = obj(
            json!({"kind": "measure_imposed", "date": "2017-07-28", "measure": "cap",
            "measure_kind": "staff_cap", "deadline": "2017-09-01"}),
        );
        let w = act(&mut a, &HashSet::new(), 3, 40);
        assert_eq!(a["effective"], json!("2017-07-28"));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("act 3 (line 40, measure `cap`)"), "{}", w[0]);
    }

    #[test]
    fn a_lifted_expulsion_stays_standing_and_an_unlifted_one_becomes_an_event() {
        let lifted: HashSet<String> = ["x".to_owned()].into();
        let mut a = obj(
            json!({"kind": "measure_imposed", "date": "2020", "measure": "x",
            "measure_kind": "expulsion", "deadline": "2020-02"}),
        );
        let w = act(&mut a, &lifted, 1, 1);
        assert_eq!(a["character"], json!("standing"));
        assert!(
            !a.contains_key("effective"),
            "an event's deadline is not when it bites"
        );
        assert_eq!(w.len(), 1);
        let mut b = obj(
            json!({"kind": "measure_imposed", "date": "2020", "measure": "y",
            "measure_kind": "expulsion"}),
        );
        assert!(act(&mut b, &lifted, 2, 2).is_empty());
        assert!(!b.contains_key("character"));
    }

    #[test]
    fn a_promise_to_lift_or_ease_counts_as_lifting() {
        let acts = [
            obj(json!({"kind": "measure_lifted", "measure": "a"})),
            obj(json!({"kind": "commitment_made", "lifts": ["b"], "eases": ["c"]})),
            obj(json!({"kind": "commitment_kept", "commitment": "k"})),
        ];
        let mut got: Vec<String> = lifted_measures(&acts).into_iter().collect();
        got.sort();
        assert_eq!(got, ["a", "b", "c"]);
    }

    #[test]
    fn other_acts_are_untouched() {
        let mut a = obj(json!({"kind": "post_closed", "date": "2020", "post": "p", "by": "AA"}));
        let before = a.clone();
        assert!(act(&mut a, &HashSet::new(), 1, 1).is_empty());
        assert_eq!(a, before);
    }
}
