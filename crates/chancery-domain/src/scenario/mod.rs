//! Scenario files (docs/scenario-format.md): one relation's history as TOML, read with the line
//! and field of any fault, imported all-or-nothing, and written back in the same format.

use std::fmt;

use serde_json::{Map, Value};
use toml::{Spanned, Table};

use crate::act::StateAct;
use crate::act::{Act, ActBody, TextLimit};
use crate::ids::{RelationKey, StateCode};
use crate::image::Image;

mod migrate;

/// The format written; files of format 1 are read too ([`migrate`]).
pub const FORMAT: &str = "chancery-scenario/2";

/// The largest scenario file read, in bytes. Parsing holds the text, its TOML tree and the acts
/// in memory at once (several times the file's size), so a bound keeps a mistaken or hostile
/// file from exhausting memory. 64 MiB is about 100,000 acts of the demo's size; a longer
/// history is imported in several files. A caller reading from disk should check the size
/// before reading the file.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// What a file without `acts_count` is told: it still imports, but nothing shows it is whole.
pub const NO_COUNT_WARNING: &str = "this file does not say how many acts it holds \
(`acts_count = N` in the header); an export cut short cannot be detected";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub relation: [StateCode; 2],
    pub title: Option<String>,
    pub description: Option<String>,
    /// Acts in file order. `supersedes` (and a withdrawal's `act`) holds a 1-based position in
    /// this list.
    pub acts: Vec<ScenarioAct>,
}

/// A file read by [`Scenario::parse_with_warnings`]: the scenario, and what the reader should
/// be told although nothing was refused (a file that does not declare `acts_count`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub scenario: Scenario,
    pub warnings: Vec<String>,
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
    /// How many `[[act]]` tables the file holds: a file cut at an act boundary is still valid
    /// TOML, and only this tells it from a whole one.
    acts_count: Option<Spanned<usize>>,
    relation: Vec<String>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    act: Vec<Spanned<Table>>,
}

/// Line numbers of byte offsets in one text. Built once per file in one pass, then each lookup
/// is a binary search: finding each act's line by counting newlines from the start of the file
/// made a 50,000-act file take a minute to read.
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// The 1-based line holding byte `byte` (the last line for an offset past the end). It
    /// reads only the index, never the text: O(log lines).
    pub fn line(&self, byte: usize) -> usize {
        // Every line starting at or before `byte`: one more than the newlines before it.
        self.starts.partition_point(|start| *start <= byte)
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// The line, within `span` (an act, or the whole file for the header), where `field` is
/// written: its first key, so `scope.description` and `sources[3]` are found at `scope` and
/// `sources`. Only on the error path, once, so it may read the act's text.
fn field_line(
    text: &str,
    lines: &LineIndex,
    span: std::ops::Range<usize>,
    field: &str,
) -> Option<usize> {
    let key = field.split(['.', '[']).next()?;
    let body = text.get(span.clone())?;
    let table = format!("[act.{key}]");
    let mut offset = span.start;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with('=') {
            return Some(lines.line(offset));
        }
        if t.starts_with(&table) {
            return Some(lines.line(offset));
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
    /// Reads a scenario file's text. Refuses the first fault with its line and field. Drops
    /// the warnings: a tool that shows its user anything should call
    /// [`parse_with_warnings`](Self::parse_with_warnings).
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        Self::parse_with_warnings(text).map(|p| p.scenario)
    }

    /// Reads a scenario file's text, refusing the first fault with its line and field, and
    /// returns what the reader should be warned of: a file that does not declare `acts_count`
    /// ([`NO_COUNT_WARNING`]). Linear in the file's size.
    pub fn parse_with_warnings(text: &str) -> Result<Parsed, ScenarioError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(ScenarioError {
                line: None,
                act: None,
                field: None,
                code: "file_too_large".into(),
                message: format!(
                    "the file is {} bytes; a scenario file may hold at most {} MiB \
                     ({MAX_FILE_BYTES} bytes): import a longer history in several files",
                    text.len(),
                    MAX_FILE_BYTES >> 20
                ),
            });
        }
        let lines = LineIndex::new(text);
        let raw: RawScenario = toml::from_str(text).map_err(|e| ScenarioError {
            line: e.span().map(|s| lines.line(s.start)),
            act: None,
            field: None,
            code: "parse_error".into(),
            message: e.message().trim().to_owned(),
        })?;
        let header = |field: &str, message: String| ScenarioError {
            line: field_line(text, &lines, 0..text.len(), field),
            act: None,
            field: Some(field.into()),
            code: "parse_error".into(),
            message,
        };
        let format_1 = raw.format == migrate::FORMAT_1;
        if raw.format != FORMAT && !format_1 {
            return Err(header(
                "format",
                format!(
                    "expected \"{FORMAT}\" (or \"{}\", read and migrated), found \"{}\"",
                    migrate::FORMAT_1,
                    raw.format
                ),
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
        // The header is shown as the file's title: the same limits and characters as an act's.
        for (field, value, limit) in [
            ("title", &raw.title, TextLimit::NAME),
            ("description", &raw.description, TextLimit::NOTE),
        ] {
            if let Some(value) = value {
                limit
                    .check(field, value)
                    .map_err(|e| header(field, e.message))?;
            }
        }
        let mut warnings = Vec::new();
        match &raw.acts_count {
            // Checked before any act, so a cut file is reported as cut, not by whatever its
            // last act happens to lack.
            Some(declared) if *declared.get_ref() != raw.act.len() => {
                let declared_count = *declared.get_ref();
                return Err(ScenarioError {
                    line: Some(lines.line(declared.span().start)),
                    act: None,
                    field: Some("acts_count".into()),
                    code: "acts_count_mismatch".into(),
                    message: format!(
                        "the file declares acts_count = {declared_count} but holds {} [[act]] \
                         tables: it may have been cut short. If acts were added or removed on \
                         purpose, set acts_count to {}",
                        raw.act.len(),
                        raw.act.len()
                    ),
                });
            }
            Some(_) => {}
            None => warnings.push(NO_COUNT_WARNING.to_owned()),
        }
        // Format 1 needs to know which measures the file lifts before reading any of them.
        let lifted = if format_1 {
            let tables: Vec<Map<String, Value>> = raw
                .act
                .iter()
                .filter_map(
                    |t| match toml_to_json(toml::Value::Table(t.get_ref().clone())) {
                        Ok(Value::Object(m)) => Some(m),
                        _ => None,
                    },
                )
                .collect();
            migrate::lifted_measures(&tables)
        } else {
            Default::default()
        };
        let mut acts = Vec::with_capacity(raw.act.len());
        for (i, spanned) in raw.act.into_iter().enumerate() {
            let span = spanned.span();
            let line = lines.line(span.start);
            let fault = |field: Option<String>, code: &str, message: String| ScenarioError {
                line: field
                    .as_deref()
                    .and_then(|f| field_line(text, &lines, span.clone(), f))
                    .or(Some(line)),
                act: Some(i + 1),
                field,
                code: code.into(),
                message,
            };
            let mut json = toml_to_json(toml::Value::Table(spanned.into_inner()))
                .map_err(|m| fault(None, "invalid_act", m))?;
            if format_1 {
                if let Value::Object(map) = &mut json {
                    warnings.extend(migrate::act(map, &lifted, i + 1, line));
                }
            }
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
            if let Some(pos) = act.body.withdraws() {
                if pos == 0 || pos as usize > i {
                    return Err(fault(
                        Some("act".into()),
                        "invalid_withdrawal",
                        format!("act = {pos} must name an earlier act of this file (1 to {i})"),
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
        Ok(Parsed {
            scenario: Scenario {
                relation: [a, b],
                title: raw.title,
                description: raw.description,
                acts,
            },
            warnings,
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
        self.plan_import_reporting(image, recorded_at_micros, &|_, _| {})
    }

    /// [`Scenario::plan_import`], telling `progress` how many acts are checked out of how
    /// many, now and then: a file of a hundred thousand acts takes seconds.
    pub fn plan_import_reporting(
        &self,
        image: &Image,
        recorded_at_micros: i64,
        progress: &dyn Fn(usize, usize),
    ) -> Result<(Image, Vec<Act>), ScenarioError> {
        const EVERY: usize = 1024;
        let total = self.acts.len();
        let mut next = image.clone();
        let base = image.last_seq();
        let mut out = Vec::with_capacity(self.acts.len());
        for (i, sa) in self.acts.iter().enumerate() {
            let act = check_imported(
                &mut next,
                base,
                i,
                Some(sa.line),
                sa.act.clone(),
                recorded_at_micros,
            )?;
            out.push(act);
            if out.len().is_multiple_of(EVERY) {
                progress(out.len(), total);
            }
        }
        progress(total, total);
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
                ActBody::State(StateAct::Registered { state, .. }) => *state == a || *state == b,
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
            if let Some(withdrawn) = act.body.withdraws_mut() {
                // The withdrawn act is of the same relation, so it was kept before.
                match position.get(withdrawn) {
                    Some(pos) => *withdrawn = *pos,
                    None => continue,
                }
            }
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
    /// fields in the documented order, then provenance. The header declares `acts_count` right
    /// after `format`, so a copy cut anywhere after it is refused on import.
    pub fn to_toml(&self) -> String {
        let mut doc = Table::new();
        doc.insert("format".into(), FORMAT.into());
        doc.insert(
            "acts_count".into(),
            toml::Value::Integer(i64::try_from(self.acts.len()).unwrap_or(i64::MAX)),
        );
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

/// Checks the `i`th act (0-based) of an import against `image`, which holds the acts before
/// it, and records it there, exactly as [`Image::record`] records one act. `act` names earlier
/// acts of the import by their 1-based position in it (`supersedes`, a withdrawal's `act`):
/// the act returned names them by journal number, after `base`, as it goes into the journal.
/// A refusal carries the act's `line` and position, the field and the rule.
pub fn check_imported(
    image: &mut Image,
    base: u64,
    i: usize,
    line: Option<usize>,
    mut act: Act,
    recorded_at_micros: i64,
) -> Result<Act, ScenarioError> {
    act.envelope.supersedes = act.envelope.supersedes.map(|pos| base + pos);
    if let Some(pos) = act.body.withdraws_mut() {
        *pos += base;
    }
    image
        .record(&act, recorded_at_micros)
        .map_err(|v| ScenarioError {
            line,
            act: Some(i + 1),
            field: v.field.map(str::to_owned),
            code: v.code.into(),
            message: match v.article {
                Some(a) => format!("{} ({a})", v.message),
                None => v.message,
            },
        })?;
    Ok(act)
}

/// Renames the earlier acts `act` names (`supersedes`, a withdrawal's `act`) by `rename`, for
/// a file that names them otherwise than by position. On a name `rename` does not know,
/// returns the field and the number it holds.
pub fn rename_references(
    act: &mut Act,
    rename: impl Fn(u64) -> Option<u64>,
) -> Result<(), (&'static str, u64)> {
    if let Some(old) = act.envelope.supersedes {
        act.envelope.supersedes = Some(rename(old).ok_or(("supersedes", old))?);
    }
    if let Some(old) = act.body.withdraws_mut() {
        *old = rename(*old).ok_or(("act", *old))?;
    }
    Ok(())
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
format = "chancery-scenario/2"
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
    fn line_index_agrees_with_counting_newlines() {
        let naive = |text: &str, byte: usize| {
            text.as_bytes()[..byte.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1
        };
        for text in ["", "\n", "a", "a\n", "ab\r\ncd\n\n\nef", "й\nжж\n", SMALL] {
            let index = LineIndex::new(text);
            assert_eq!(index.lines(), naive(text, text.len()), "{text:?}");
            for byte in 0..=text.len() + 2 {
                assert_eq!(index.line(byte), naive(text, byte), "{text:?} at {byte}");
            }
        }
    }

    #[test]
    fn a_file_without_acts_count_reads_with_a_warning() {
        let p = Scenario::parse_with_warnings(SMALL).unwrap();
        assert_eq!(p.scenario.acts.len(), 3);
        assert_eq!(p.warnings, vec![NO_COUNT_WARNING.to_owned()]);
        let counted = SMALL.replace(
            "relation = [\"AA\", \"BB\"]",
            "acts_count = 3\nrelation = [\"AA\", \"BB\"]",
        );
        let p = Scenario::parse_with_warnings(&counted).unwrap();
        assert_eq!((p.scenario.acts.len(), p.warnings.len()), (3, 0));
        let e = Scenario::parse(&counted.replace("acts_count = 3", "acts_count = -3")).unwrap_err();
        assert_eq!((e.code.as_str(), e.line), ("parse_error", Some(3)), "{e}");
    }

    #[test]
    fn the_export_declares_its_count_right_after_the_format() {
        let s = Scenario::parse(SMALL).unwrap();
        let text = s.to_toml();
        let first: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .take(2)
            .collect();
        assert_eq!(
            first,
            ["format = \"chancery-scenario/2\"", "acts_count = 3"]
        );
        let back = Scenario::parse_with_warnings(&text).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    }

    #[test]
    fn header_texts_are_checked_like_acts() {
        let bad = SMALL.replace(
            "relation = [\"AA\", \"BB\"]",
            "relation = [\"AA\", \"BB\"]\ntitle = \"A\\u200B\"",
        );
        let e = Scenario::parse(&bad).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.line, e.field.as_deref()),
            ("parse_error", Some(4), Some("title")),
            "{e}"
        );
        assert!(e.message.contains("U+200B ZERO WIDTH SPACE"), "{e}");
    }

    #[test]
    fn a_planned_import_reports_every_act_checked_at_its_end() {
        let s = Scenario::parse(SMALL).unwrap();
        let seen = std::cell::RefCell::new(Vec::new());
        s.plan_import_reporting(&Image::new(), 0, &|done, total| {
            seen.borrow_mut().push((done, total))
        })
        .unwrap();
        let n = s.acts.len();
        assert_eq!(
            seen.into_inner(),
            [(n, n)],
            "fewer acts than a report's step"
        );
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
