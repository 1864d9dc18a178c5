//! Scenario files (docs/scenario-format.md): one relation's history as TOML, read with the line
//! and field of any fault, imported all-or-nothing, and written back in the same format.

use std::fmt;

use serde_json::{Map, Value};
use toml::{Spanned, Table};

use crate::act::{Act, ActBody};
use crate::ids::{RelationKey, StateCode};
use crate::image::Image;

pub const FORMAT: &str = "chancery-scenario/1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub relation: [StateCode; 2],
    pub title: Option<String>,
    pub description: Option<String>,
    /// Acts in file order. `supersedes` holds a 1-based position in this list.
    pub acts: Vec<ScenarioAct>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioAct {
    /// 1-based line of the act's `[[act]]` header (0 when built in memory).
    pub line: usize,
    pub act: Act,
}

/// A fault in a scenario file, located by line and field. The caller adds the file name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    pub line: Option<usize>,
    /// 1-based position of the act in the file.
    pub act: Option<usize>,
    pub field: Option<String>,
    /// Stable code: `parse_error`, `invalid_act`, `outside_relation`, or a rule code.
    pub code: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(act) = self.act {
            write!(f, "act {act}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    format: String,
    relation: Vec<String>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    act: Vec<Spanned<Table>>,
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The line, within an act's span, where `field` (its first dotted part) is written.
fn field_line(text: &str, span: std::ops::Range<usize>, field: &str) -> Option<usize> {
    let key = field.split('.').next()?;
    let body = text.get(span.clone())?;
    let mut offset = span.start;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with('=') {
            return Some(line_of(text, offset));
        }
        if t.starts_with(&format!("[act.{key}]")) {
            return Some(line_of(text, offset));
        }
        offset += line.len();
    }
    None
}

fn toml_to_json(v: toml::Value) -> Result<Value, String> {
    Ok(match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => {
            return Err(format!(
                "dates are written as quoted strings: \"{d}\", not {d}"
            ))
        }
        toml::Value::Array(a) => {
            Value::Array(a.into_iter().map(toml_to_json).collect::<Result<_, _>>()?)
        }
        toml::Value::Table(t) => Value::Object(
            t.into_iter()
                .map(|(k, v)| Ok((k, toml_to_json(v)?)))
                .collect::<Result<Map<_, _>, String>>()?,
        ),
    })
}

impl Scenario {
    /// Reads a scenario file's text. Refuses the first fault with its line and field.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let raw: RawScenario = toml::from_str(text).map_err(|e| ScenarioError {
            line: e.span().map(|s| line_of(text, s.start)),
            act: None,
            field: None,
            code: "parse_error".into(),
            message: e.message().trim().to_owned(),
        })?;
        let header = |field: &str, message: String| ScenarioError {
            line: field_line(text, 0..text.len(), field),
            act: None,
            field: Some(field.into()),
            code: "parse_error".into(),
            message,
        };
        if raw.format != FORMAT {
            return Err(header(
                "format",
                format!("expected \"{FORMAT}\", found \"{}\"", raw.format),
            ));
        }
        let relation: Vec<StateCode> = raw
            .relation
            .iter()
            .map(|s| s.parse())
            .collect::<Result<_, _>>()
            .map_err(|e: crate::ids::IdError| header("relation", e.to_string()))?;
        let [a, b] = relation[..] else {
            return Err(header(
                "relation",
                "a relation names exactly two states".into(),
            ));
        };
        if a == b {
            return Err(header(
                "relation",
                "a relation needs two different states".into(),
            ));
        }
        let mut acts = Vec::with_capacity(raw.act.len());
        for (i, spanned) in raw.act.into_iter().enumerate() {
            let span = spanned.span();
            let line = line_of(text, span.start);
            let fault = |field: Option<String>, code: &str, message: String| ScenarioError {
                line: field
                    .as_deref()
                    .and_then(|f| field_line(text, span.clone(), f))
                    .or(Some(line)),
                act: Some(i + 1),
                field,
                code: code.into(),
                message,
            };
            let json = toml_to_json(toml::Value::Table(spanned.into_inner()))
                .map_err(|m| fault(None, "invalid_act", m))?;
            let act = Act::from_json(json)
                .map_err(|e| fault(e.field.clone(), "invalid_act", e.message))?;
            if let Some(pos) = act.envelope.supersedes {
                if pos == 0 || pos as usize > i {
                    return Err(fault(
                        Some("supersedes".into()),
                        "invalid_supersede",
                        format!(
                            "supersedes = {pos} must name an earlier act of this file (1 to {i})"
                        ),
                    ));
                }
            }
            if let Some(s) = act
                .body
                .states_named()
                .into_iter()
                .find(|s| *s != a && *s != b)
            {
                return Err(fault(
                    None,
                    "outside_relation",
                    format!("the act names {s}, which is not part of the relation {a}–{b}"),
                ));
            }
            acts.push(ScenarioAct { line, act });
        }
        Ok(Scenario {
            relation: [a, b],
            title: raw.title,
            description: raw.description,
            acts,
        })
    }

    /// Checks every act against `image` plus the acts before it, all-or-nothing. On success
    /// returns the image with the acts applied and the acts as they go into the journal
    /// (`supersedes` turned into journal sequence numbers).
    pub fn plan_import(
        &self,
        image: &Image,
        recorded_at_micros: i64,
    ) -> Result<(Image, Vec<Act>), ScenarioError> {
        let mut next = image.clone();
        let base = image.last_seq();
        let mut out = Vec::with_capacity(self.acts.len());
        for (i, sa) in self.acts.iter().enumerate() {
            let mut act = sa.act.clone();
            act.envelope.supersedes = act.envelope.supersedes.map(|pos| base + pos);
            next.record(&act, recorded_at_micros)
                .map_err(|v| ScenarioError {
                    line: Some(sa.line),
                    act: Some(i + 1),
                    field: v.field.map(str::to_owned),
                    code: v.code.into(),
                    message: match v.article {
                        Some(a) => format!("{} ({a})", v.message),
                        None => v.message,
                    },
                })?;
            out.push(act);
        }
        Ok((next, out))
    }

    /// Builds a scenario from journal acts `(seq, act)`, in order, keeping those of the relation
    /// `a`–`b` (`image` tells which relation an act about a post, member or measure belongs to).
    /// A correction whose original was not kept becomes a plain act.
    pub fn from_journal(
        image: &Image,
        a: StateCode,
        b: StateCode,
        acts: &[(u64, Act)],
    ) -> Scenario {
        let wanted = RelationKey::new(a, b);
        let mut position = std::collections::HashMap::new();
        let mut out = Vec::new();
        for (seq, act) in acts {
            let keep = match &act.body {
                ActBody::StateRegistered { state, .. } => *state == a || *state == b,
                body => image.relation_of(body) == Some(wanted),
            };
            if !keep {
                continue;
            }
            let mut act = act.clone();
            act.envelope.supersedes = act
                .envelope
                .supersedes
                .and_then(|s| position.get(&s).copied());
            out.push(ScenarioAct { line: 0, act });
            position.insert(*seq, out.len() as u64);
        }
        Scenario {
            relation: [a, b],
            title: None,
            description: None,
            acts: out,
        }
    }

    /// Writes the scenario as TOML: header, then each act with `kind` and `date` first, its own
    /// fields in the documented order, then provenance.
    pub fn to_toml(&self) -> String {
        let mut doc = Table::new();
        doc.insert("format".into(), FORMAT.into());
        doc.insert(
            "relation".into(),
            toml::Value::Array(self.relation.iter().map(|s| s.as_str().into()).collect()),
        );
        if let Some(t) = &self.title {
            doc.insert("title".into(), t.as_str().into());
        }
        if let Some(d) = &self.description {
            doc.insert("description".into(), d.as_str().into());
        }
        let acts: Vec<toml::Value> = self
            .acts
            .iter()
            .map(|sa| toml::Value::Table(act_table(&sa.act)))
            .collect();
        doc.insert("act".into(), toml::Value::Array(acts));
        let body = toml::to_string(&doc).unwrap_or_default();
        format!("# Chancery scenario file: see docs/scenario-format.md\n{body}")
    }
}

fn act_table(act: &Act) -> Table {
    let mut out = Table::new();
    let body = toml::Value::try_from(&act.body).unwrap_or(toml::Value::Table(Table::new()));
    let toml::Value::Table(mut body) = body else {
        return out;
    };
    if let Some(kind) = body.remove("kind") {
        out.insert("kind".into(), kind);
    }
    out.insert("date".into(), act.envelope.date.to_string().into());
    let envelope = toml::Value::try_from(&act.envelope).unwrap_or(toml::Value::Table(Table::new()));
    // Scalars before sub-tables, so that `[act.scope]` headers do not swallow later keys.
    let (tables, scalars): (Vec<_>, Vec<_>) = body.into_iter().partition(|(_, v)| v.is_table());
    out.extend(scalars);
    if let toml::Value::Table(env) = envelope {
        out.extend(env.into_iter().filter(|(k, _)| k != "date"));
    }
    out.extend(tables);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
format = "chancery-scenario/1"
relation = ["AA", "BB"]

[[act]]
kind = "state_registered"
date = "2000"
state = "AA"
name = "Aland"

[[act]]
kind = "state_registered"
date = "2000"
state = "BB"
name = "Bland"

[[act]]
kind = "post_opened"
date = "2001-05"
post = "aa-embassy"
sending = "AA"
host = "BB"
post_kind = "embassy"
name = "Embassy of Aland"
city = "Bcity"
sources = ["https://example.org/a"]
"#;

    #[test]
    fn reads_acts_with_their_lines() {
        let s = Scenario::parse(SMALL).unwrap();
        assert_eq!(s.acts.len(), 3);
        assert_eq!(s.acts[2].line, 17);
    }

    #[test]
    fn names_the_line_and_field_of_a_bad_date() {
        let bad = SMALL.replace("date = \"2001-05\"", "date = \"2001-13\"");
        let e = Scenario::parse(&bad).unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(19), Some("date")),
            "{e}"
        );
    }

    #[test]
    fn refuses_unquoted_dates_and_truncated_files() {
        let bad = SMALL.replace("date = \"2001-05\"", "date = 2001-05-01");
        let e = Scenario::parse(&bad).unwrap_err();
        assert!(e.message.contains("quoted"), "{e}");
        let cut = &SMALL[..SMALL.len() - 30];
        let e = Scenario::parse(cut).unwrap_err();
        assert_eq!(e.code, "parse_error", "{e}");
        assert!(e.line.is_some());
    }

    #[test]
    fn refuses_states_outside_the_relation() {
        let bad = SMALL.replace("host = \"BB\"", "host = \"CC\"");
        let e = Scenario::parse(&bad).unwrap_err();
        assert_eq!(e.code, "outside_relation");
    }

    #[test]
    fn import_is_all_or_nothing_and_names_the_rule() {
        let bad = format!(
            "{SMALL}\n[[act]]\nkind = \"post_resumed\"\ndate = \"2002\"\npost = \"aa-embassy\"\n"
        );
        let s = Scenario::parse(&bad).unwrap();
        let image = Image::new();
        let e = s.plan_import(&image, 0).unwrap_err();
        assert_eq!((e.code.as_str(), e.act), ("post_not_suspended", Some(4)));
        assert_eq!(image, Image::new());
    }

    #[test]
    fn export_of_an_import_round_trips() {
        let s = Scenario::parse(SMALL).unwrap();
        let (image, acts) = s.plan_import(&Image::new(), 0).unwrap();
        let journal: Vec<(u64, Act)> = acts
            .into_iter()
            .enumerate()
            .map(|(i, a)| (i as u64 + 1, a))
            .collect();
        let a: StateCode = "AA".parse().unwrap();
        let b: StateCode = "BB".parse().unwrap();
        let text = Scenario::from_journal(&image, a, b, &journal).to_toml();
        let again = Scenario::parse(&text).unwrap();
        let acts1: Vec<&Act> = s.acts.iter().map(|x| &x.act).collect();
        let acts2: Vec<&Act> = again.acts.iter().map(|x| &x.act).collect();
        assert_eq!(acts1, acts2);
    }
}
