//! Acts: everything that happens, as recorded in the journal (DESIGN.md §2).
//!
//! An [`Act`] is the envelope every act shares (valid date, sources, confidence ...) plus an
//! [`ActBody`] that says what happened. The JSON form is flat: `{"kind": ..., "date": ..., <body
//! fields>, <envelope fields>}`; docs/scenario-format.md documents it.

mod about;
mod body;
pub mod case;
pub mod claim;
pub mod commitment;
pub mod fields;
pub mod form;
pub mod head;
mod kind;
pub mod measure;
pub mod member;
pub mod post;
pub mod premises;
pub mod staffing;
pub mod state;
pub mod talks;
pub mod withdrawal;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::access::Visibility;
use crate::date::ValidDate;
use crate::vocab::Confidence;

pub use about::About;
pub use body::ActBody;
pub use case::{CaseAct, CaseOpened};
pub use claim::ClaimAct;
pub use commitment::{CommitmentAct, CommitmentMade};
pub use fields::{Field, FieldType, Vocabulary, ENVELOPE_FIELDS};
pub use head::{HeadEvent, HeadOfMission};
pub use kind::{Kind, Subject};
pub use measure::{Limits, Magnitude, MeasureAct, MeasureChange, MeasureImposed, Scope};
pub use member::{MemberAct, Violation};
pub use post::{PostAct, RoutedTo};
pub use premises::PremisesAct;
pub use staffing::StaffingAct;
pub use state::StateAct;
pub use talks::TalksAct;
pub use withdrawal::WithdrawalAct;

fn is_false(b: &bool) -> bool {
    !*b
}

/// The fields every act carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Valid time: when the act took effect.
    pub date: ValidDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The journal sequence number of the act this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<u64>,
    /// Who may see the act; public unless said otherwise.
    #[serde(default, skip_serializing_if = "Visibility::is_public")]
    pub visibility: Visibility,
    /// The author confirms a date the rules find implausible (long before the relation's
    /// record begins, or before 1900): see `image/plausibility.rs`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_confirmed: bool,
    /// The party whose ministry claims this about the other state's conduct ("per US"): a
    /// claim is shown, never folded into the record, so it never refuses, invalidates or
    /// overwrites the other party's own acts (see `image/claims.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<crate::ids::StateCode>,
}

impl Envelope {
    /// An act on `date` with nothing else said: public, unsourced, correcting nothing.
    pub fn on(date: ValidDate) -> Self {
        Envelope {
            date,
            sources: Vec::new(),
            confidence: None,
            external_ref: None,
            note: None,
            supersedes: None,
            visibility: Visibility::default(),
            date_confirmed: false,
            claimed_by: None,
        }
    }
}

const ENVELOPE_KEYS: &[&str] = &[
    "date",
    "sources",
    "confidence",
    "external_ref",
    "note",
    "supersedes",
    "visibility",
    "date_confirmed",
    "claimed_by",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Act {
    #[serde(flatten)]
    pub envelope: Envelope,
    #[serde(flatten)]
    pub body: ActBody,
}

/// Why a JSON value could not be read as an act. `field` is the offending key where known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ActParseError {
    pub field: Option<String>,
    pub message: String,
}

/// How long a text field may be and whether it may break lines. Defined once here and applied
/// by [`Act::from_json`], so the API, the forms, what-if and scenario files refuse the same
/// things. Lengths are in characters, not bytes, so a Russian name has the room of an English
/// one. The longest values of the US–Russia record (a 498-character note, a 421-character
/// summary, a 184-character source) fit several times over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextLimit {
    pub max_chars: usize,
    /// Whether line feeds and tabs are allowed (prose), or the field is one line (a name).
    pub multiline: bool,
}

impl TextLimit {
    /// Names of states, posts, premises, people, cities, venues; also every identifier, date
    /// and enumerated value (which their own types bound much more tightly).
    pub const NAME: TextLimit = TextLimit {
        max_chars: 200,
        multiline: false,
    };
    /// Prose: summaries, reasons, outcomes, evidence, one source.
    pub const TEXT: TextLimit = TextLimit {
        max_chars: 2_000,
        multiline: true,
    };
    /// The note an author attaches to an act (conflicting accounts, caveats).
    pub const NOTE: TextLimit = TextLimit {
        max_chars: 10_000,
        multiline: true,
    };
    /// A row reference in the author's own table (`R027`).
    pub const EXTERNAL_REF: TextLimit = TextLimit {
        max_chars: 100,
        multiline: false,
    };

    /// The limit of a field, by its key (for a path such as `scope.description` or
    /// `sources[2]`, the last key). A key not listed is an identifier, a date, an enumerated
    /// value or an unknown field, which gets [`TextLimit::NAME`].
    pub fn of(field: &str) -> TextLimit {
        let key = field.rsplit('.').next().unwrap_or(field);
        let key = key.split('[').next().unwrap_or(key);
        match key {
            "note" => TextLimit::NOTE,
            "external_ref" => TextLimit::EXTERNAL_REF,
            "sources" | "reason" | "services" | "summary" | "stated_reason" | "legal_basis"
            | "outcome" | "evidence" | "text" | "targets" | "agenda" | "description"
            | "justification" => TextLimit::TEXT,
            _ => TextLimit::NAME,
        }
    }

    /// Refuses a value that is too long or holds a character no act may hold
    /// ([`crate::text::forbidden_char`]), naming `field`.
    pub fn check(self, field: &str, value: &str) -> Result<(), ActParseError> {
        // Counting stops just past the limit, so a 10 MB string costs no more than a short one.
        if value.chars().nth(self.max_chars).is_some() {
            return Err(ActParseError {
                field: Some(field.to_owned()),
                message: format!(
                    "is {} characters long; at most {} are allowed here",
                    value.chars().count(),
                    self.max_chars
                ),
            });
        }
        match crate::text::forbidden_char(value, self.multiline) {
            Some(f) => Err(ActParseError {
                field: Some(field.to_owned()),
                message: f.to_string(),
            }),
            None => Ok(()),
        }
    }
}

/// At most this many entries in an act's `sources`.
pub const MAX_SOURCES: usize = 50;

/// Checks every string of an act's JSON form against [`TextLimit::of`] its key, before serde
/// reads it: one walk covers every kind and field, including fields added later, and refuses a
/// huge value before it is copied. `path` is the prefix of nested keys (`scope.`).
fn check_texts(map: &Map<String, Value>, path: &str) -> Result<(), ActParseError> {
    for (key, value) in map {
        let field = format!("{path}{key}");
        check_text_value(&field, value)?;
    }
    Ok(())
}

fn check_text_value(field: &str, value: &Value) -> Result<(), ActParseError> {
    match value {
        Value::String(s) => TextLimit::of(field).check(field, s),
        Value::Array(items) => {
            if field == "sources" && items.len() > MAX_SOURCES {
                return Err(ActParseError {
                    field: Some(field.to_owned()),
                    message: format!(
                        "lists {} sources; at most {MAX_SOURCES} are allowed",
                        items.len()
                    ),
                });
            }
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| check_text_value(&format!("{field}[{i}]"), item))
        }
        Value::Object(inner) => check_texts(inner, &format!("{field}.")),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Refuses a state code that ISO 3166-1 does not assign (`UK`), naming the field and the code
/// to use ([`crate::iso3166`]). Input only, like the text checks: an act recorded before this
/// rule replays as it was. Fields are found from the kind's field list, so a new state field
/// is covered by declaring it; a value of the wrong shape is left to serde to refuse.
fn check_state_codes(map: &Map<String, Value>) -> Result<(), ActParseError> {
    let refuse = |field: &str, code: &str| match crate::iso3166::refusal(code) {
        Some(message) => Err(ActParseError {
            field: Some(field.to_owned()),
            message,
        }),
        None => Ok(()),
    };
    let check = |field: &str, value: Option<&Value>| match value {
        Some(Value::String(code)) => refuse(field, code),
        Some(Value::Array(items)) => items.iter().enumerate().try_for_each(|(i, item)| {
            item.as_str()
                .map_or(Ok(()), |code| refuse(&format!("{field}[{i}]"), code))
        }),
        _ => Ok(()),
    };
    if let Some(Value::Object(v)) = map.get("visibility") {
        check("visibility.internal", v.get("internal"))?;
    }
    let Some(kind) = map
        .get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::parse)
    else {
        return Ok(());
    };
    for field in kind.fields() {
        if !matches!(field.ty, FieldType::State | FieldType::States) {
            continue;
        }
        let value = match field.name.split_once('.') {
            Some((table, key)) => map.get(table).and_then(|t| t.get(key)),
            None => map.get(field.name),
        };
        check(field.name, value)?;
    }
    Ok(())
}

impl Act {
    /// Reads an act from its flat JSON form, naming the field at fault on error.
    ///
    /// The envelope and the body are read separately so that both can refuse unknown keys
    /// (serde cannot combine `flatten` with `deny_unknown_fields`). Every string is checked
    /// against the field limits and for invisible or control characters first ([`TextLimit`]),
    /// and every state code against ISO 3166-1 ([`crate::iso3166`]).
    pub fn from_json(value: Value) -> Result<Act, ActParseError> {
        if let Value::Object(map) = &value {
            check_texts(map, "")?;
            check_state_codes(map)?;
        }
        Act::from_stored_json(value)
    }

    /// Reads an act already in the journal: the shape only, without the text checks of
    /// [`Act::from_json`]. Those checks apply to what is recorded from now on; an act recorded
    /// before them (or before a limit was lowered) must still replay, since replay does not
    /// validate (ARCHITECTURE.md).
    pub fn from_stored_json(value: Value) -> Result<Act, ActParseError> {
        let Value::Object(mut map) = value else {
            return Err(ActParseError {
                field: None,
                message: "an act must be an object (a table)".into(),
            });
        };
        let Some(kind) = map.get("kind") else {
            return Err(ActParseError {
                field: Some("kind".into()),
                message: "missing field `kind`".into(),
            });
        };
        // The envelope is read before the kind, as it always was, so an act wrong in both is
        // refused for its envelope.
        let kind = Kind::deserialize(kind).map_err(|e| named_error("kind", e.to_string()));
        let mut envelope = Map::new();
        for key in ENVELOPE_KEYS {
            if let Some(v) = map.remove(*key) {
                envelope.insert((*key).to_owned(), v);
            }
        }
        let envelope: Envelope =
            serde_path_to_error::deserialize(Value::Object(envelope)).map_err(field_error)?;
        kind?;
        let body = match ActBody::from_map(&map) {
            Ok(body) => body,
            Err(e) => {
                let mut error = named_error("", e.to_string());
                if error.field.is_none() {
                    error.field = culprit(&map);
                }
                return Err(error);
            }
        };
        Ok(Act { envelope, body })
    }

    /// The flat JSON form, keys sorted: canonical, so it is what the journal stores and hashes.
    pub fn to_json(&self) -> Value {
        // Serialising plain data structures into a Value cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    pub fn kind(&self) -> &'static str {
        self.body.kind()
    }
}

/// Serde loses the path inside internally tagged enums, so a bad value (a negative cap) comes
/// back without its field. On the error path only, this finds it by elimination: the key (or
/// the key inside a table, as `magnitude.cap`) without which the act reads, or whose absence is
/// the only remaining complaint.
fn culprit(body: &Map<String, Value>) -> Option<String> {
    let read = ActBody::from_map;
    for (key, value) in body.iter().filter(|(k, _)| *k != "kind") {
        if let Value::Object(inner) = value {
            for sub in inner.keys() {
                let mut trimmed = body.clone();
                if let Some(Value::Object(table)) = trimmed.get_mut(key) {
                    table.remove(sub);
                }
                if read(&trimmed).is_ok() {
                    return Some(format!("{key}.{sub}"));
                }
            }
        }
        let mut without = body.clone();
        without.remove(key);
        match read(&without) {
            Ok(_) => return Some(key.clone()),
            Err(e) if e.to_string().contains(&format!("missing field `{key}`")) => {
                return Some(key.clone())
            }
            Err(_) => {}
        }
    }
    None
}

/// Names the field at fault: the path serde was reading, or the key an unknown/missing-field
/// message names (those are reported at the enclosing object).
fn field_error(e: serde_path_to_error::Error<serde_json::Error>) -> ActParseError {
    let path = e.path().to_string();
    named_error(&path, e.into_inner().to_string())
}

/// [`field_error`] for a body: serde reads it through its subject's tagged enum, which loses
/// the path, so only the message can name the field ([`culprit`] finds the others).
fn named_error(path: &str, message: String) -> ActParseError {
    let named = ["unknown field `", "missing field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| {
            let start = message.find(prefix)? + prefix.len();
            let len = message[start..].find('`')?;
            Some(message[start..start + len].to_owned())
        });
    let field = match (path, named) {
        (".", n) | ("", n) => n,
        (p, Some(n)) => Some(format!("{p}.{n}")),
        (p, None) => Some(p.to_owned()),
    };
    let message = if message.contains("unknown variant") && field.is_none() {
        format!("{message} (in `kind` or an enumerated field)")
    } else {
        message
    };
    ActParseError { field, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_flat_act_and_writes_it_back() {
        let v = json!({
            "kind": "post_closed", "date": "2018-03-31", "post": "us-cg-st-petersburg",
            "by": "RU", "measure": "r027", "external_ref": "R027", "sources": ["https://a.example"],
            "confidence": "high"
        });
        let act = Act::from_json(v.clone()).unwrap();
        assert_eq!(act.kind(), "post_closed");
        assert_eq!(act.envelope.external_ref.as_deref(), Some("R027"));
        assert_eq!(act.to_json(), v);
    }

    #[test]
    fn names_unknown_and_missing_fields() {
        let e = Act::from_json(
            json!({"kind": "post_resumed", "date": "2018", "post": "x", "colour": 1}),
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("colour"));
        let e = Act::from_json(json!({"kind": "post_resumed", "date": "2018"})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("post"));
        let e = Act::from_json(json!({"kind": "post_resumed", "post": "x"})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("date"));
        let e = Act::from_json(json!({"kind": "post_exploded", "date": "2018"})).unwrap_err();
        assert!(e.message.contains("unknown variant"), "{}", e.message);
    }

    #[test]
    fn names_a_bad_value_inside_a_table_or_a_field() {
        let base = json!({
            "kind": "measure_imposed", "date": "2017", "measure": "r012", "actor": "RU",
            "target": "US", "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"cap": -1}
        });
        let e = Act::from_json(base.clone()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("magnitude.cap"), "{}", e.message);
        let mut bad_actor = base;
        bad_actor["magnitude"] = json!({"cap": 455});
        bad_actor["actor"] = json!("Russia");
        let e = Act::from_json(bad_actor).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("actor"), "{}", e.message);
    }

    #[test]
    fn each_field_has_its_limit() {
        assert_eq!(TextLimit::of("name"), TextLimit::NAME);
        assert_eq!(TextLimit::of("post"), TextLimit::NAME);
        assert_eq!(TextLimit::of("note"), TextLimit::NOTE);
        assert_eq!(TextLimit::of("external_ref"), TextLimit::EXTERNAL_REF);
        assert_eq!(TextLimit::of("sources[3]"), TextLimit::TEXT);
        assert_eq!(TextLimit::of("scope.description"), TextLimit::TEXT);
        assert_eq!(TextLimit::of("violation.justification"), TextLimit::TEXT);
        assert_eq!(TextLimit::of("agenda[0]"), TextLimit::TEXT);
        assert_eq!(TextLimit::of("heads_of_delegation[0]"), TextLimit::NAME);
        let e = TextLimit::NAME.check("name", &"x".repeat(201)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"));
        assert_eq!(
            e.message,
            "is 201 characters long; at most 200 are allowed here"
        );
        assert!(TextLimit::NAME.check("name", &"x".repeat(200)).is_ok());
    }

    #[test]
    fn stored_acts_replay_without_the_text_checks() {
        // Recorded before the limits existed: refused as new input, still read from the journal.
        let v = json!({"kind": "state_registered", "date": "2000", "state": "AA",
                       "name": "A\u{200b}", "note": "n".repeat(20_000)});
        assert!(Act::from_json(v.clone()).is_err());
        let act = Act::from_stored_json(v).unwrap();
        assert_eq!(act.kind(), "state_registered");
        // The shape is still checked.
        let e =
            Act::from_stored_json(json!({"kind": "state_registered", "date": "2000"})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("state"));
    }

    #[test]
    fn state_codes_not_in_iso_3166_are_refused_with_a_hint() {
        let e = Act::from_json(
            json!({"kind": "state_registered", "date": "2000", "state": "UK",
                                      "name": "United Kingdom"}),
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("state"));
        assert!(e.message.contains("use GB"), "{}", e.message);
        let e = Act::from_json(json!({
            "kind": "post_closed", "date": "2018", "post": "p", "by": "EL"
        }))
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("by"));
        assert!(e.message.contains("use GR"), "{}", e.message);
        let e = Act::from_json(json!({
            "kind": "post_resumed", "date": "2018", "post": "p", "visibility": {"internal": "UK"}
        }))
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("visibility.internal"));
        // Kosovo's user-assigned code is accepted, and the journal still replays an old `UK`.
        let kosovo = json!({"kind": "state_registered", "date": "2008", "state": "XK",
                            "name": "Kosovo"});
        assert!(Act::from_json(kosovo).is_ok());
        let old = json!({"kind": "state_registered", "date": "2000", "state": "UK", "name": "UK"});
        assert!(Act::from_stored_json(old).is_ok());
    }

    #[test]
    fn measures_read_nested_scope_and_magnitude() {
        let act = Act::from_json(json!({
            "kind": "measure_imposed", "date": "2017-07-28", "measure": "r012", "actor": "RU",
            "target": "US", "measure_kind": "staff_cap", "summary": "cap",
            "magnitude": {"cap": 455, "persons": 755}, "scope": {"description": "all posts"}
        }))
        .unwrap();
        let ActBody::Measure(MeasureAct::Imposed(m)) = &act.body else {
            panic!("not a measure")
        };
        assert_eq!(m.magnitude.cap, Some(455));
        let e = Act::from_json(json!({
            "kind": "measure_imposed", "date": "2017", "measure": "r012", "actor": "RU",
            "target": "US", "measure_kind": "staff_cap", "summary": "cap", "magnitude": {"kg": 1}
        }))
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("kg"));
    }

    #[test]
    fn an_act_wrong_in_envelope_and_kind_is_refused_for_its_envelope() {
        let e = Act::from_json(serde_json::json!({"kind": "post_exploded"})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("date"));
        assert_eq!(e.message, "missing field `date`");
    }
}
