//! Writing a dataset as CSV or JSON, one row at a time, so that a file of millions of rows
//! never sits in memory (docs/data-export.md).
//!
//! CSV: a block of `# key: value` lines first (the first says how many lines the block has,
//! so a tool that cannot skip comments can skip that many lines), then the header row and the
//! rows (RFC 4180, via the csv crate). Text cells that a spreadsheet would read as a formula
//! are neutralised. JSON: one object `{"meta": {...}, "rows": [{...}, ...]}`.

use std::io::{self, Write};

use serde_json::Value;

use super::Meta;

/// CSV or JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// A cell as text a spreadsheet will not execute: text starting (after any leading
/// whitespace) with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
/// Numbers the export writes itself are left alone; a negative number is data, not a formula.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// One cell's CSV text: strings neutralised, arrays joined by "; ", objects as JSON text.
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => neutralise(s).into_owned(),
        Value::Array(items) => neutralise(
            &items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
        )
        .into_owned(),
        Value::Object(_) => neutralise(&v.to_string()).into_owned(),
    }
}

/// Writes one dataset: [`begin`](Self::begin), any number of [`row`](Self::row)s, then
/// [`finish`](Self::finish).
pub struct DataWriter<W: Write> {
    inner: Inner<W>,
    columns: Vec<&'static str>,
}

enum Inner<W: Write> {
    // Boxed: the csv writer carries its buffer inline.
    Csv(Box<csv::Writer<W>>),
    Json { out: W, first: bool },
}

impl<W: Write> DataWriter<W> {
    /// Writes the metadata (and the CSV header); `comments: false` leaves the `#` block out of
    /// a CSV file for tools that cannot skip it (the `.schema.json` download then carries it).
    pub fn begin(mut out: W, format: Format, meta: &Meta, comments: bool) -> io::Result<Self> {
        let columns: Vec<&'static str> = meta.columns.iter().map(|c| c.name).collect();
        let inner = match format {
            Format::Csv => {
                if comments {
                    out.write_all(comment_block(meta).as_bytes())?;
                }
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&columns)?;
                Inner::Csv(Box::new(w))
            }
            Format::Json => {
                out.write_all(b"{\"meta\":")?;
                serde_json::to_writer(&mut out, &meta.to_json())?;
                out.write_all(b",\"rows\":[")?;
                Inner::Json { out, first: true }
            }
        };
        Ok(DataWriter { inner, columns })
    }

    /// One row, its cells in the order of the columns.
    pub fn row(&mut self, cells: &[Value]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => {
                w.write_record(cells.iter().map(csv_cell))?;
            }
            Inner::Json { out, first } => {
                if !*first {
                    out.write_all(b",")?;
                }
                *first = false;
                let object: serde_json::Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect();
                serde_json::to_writer(&mut *out, &object)?;
            }
        }
        Ok(())
    }

    /// Ends the file and hands back the output.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            Inner::Csv(w) => w.into_inner().map_err(|e| e.into_error()),
            Inner::Json { mut out, .. } => {
                out.write_all(b"]}\n")?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

/// The CSV file's leading `# key: value` lines; the first counts them all.
fn comment_block(meta: &Meta) -> String {
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let mut lines = vec![
        format!("dataset: {}", meta.dataset.as_str()),
        format!("relation: {}", meta.scope),
        format!("as_of: {}", meta.as_of),
        format!(
            "known_through: {}",
            meta.known_through
                .map_or_else(|| "whole record".to_owned(), |s| s.to_string())
        ),
        format!("read_through: act {}", meta.read_through),
        format!("reader: {}", meta.reader),
        format!("generated_at: {}", meta.generated_at),
    ];
    if let Some(p) = &meta.parameters {
        lines.push(format!("parameters: {}", one_line(p)));
    }
    lines.push(format!("about: {}", one_line(&meta.about())));
    for c in meta.columns {
        lines.push(format!("column {}: {}", c.name, one_line(c.definition)));
    }
    let total = lines.len() + 1;
    let mut out = format!(
        "# chancery data export: the first {total} lines start with '#'; the header row follows\n"
    );
    for l in lines {
        out.push_str("# ");
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_the_rest_left_alone() {
        for risky in [
            "=1+1",
            "+7",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =HYPERLINK()",
        ] {
            assert!(neutralise(risky).starts_with('\''), "{risky:?}");
        }
        for safe in ["Lavrov", "1-2", "a=b", "", "'quoted"] {
            assert_eq!(neutralise(safe), safe);
        }
        assert_eq!(csv_cell(&serde_json::json!(-3)), "-3");
        assert_eq!(csv_cell(&serde_json::json!("-3")), "'-3");
        assert_eq!(csv_cell(&serde_json::json!(["a", "=b"])), "a; =b");
        assert_eq!(csv_cell(&serde_json::json!(["=a", "b"])), "'=a; b");
    }
}
