//! The acts export read back (`chancery data acts --all --format csv`, docs/data-export.md):
//! one row per act in journal order, the act itself in its flat JSON form in the `act` column.
//! Read a row at a time, so a file of a million acts is never held whole. The export names
//! earlier acts (`supersedes`, a withdrawal's `act`) by their journal number in the store it
//! came from; each is turned into its position in the file, which must hold it.

use std::io::Read;

use chancery_domain::scenario::{rename_references, ScenarioError};
use chancery_domain::Act;

use super::Incoming;

/// The first line of a CSV export with its `#` block; a file without the block starts with
/// the header row, whose first column is `seq`.
const CSV_BANNER: &str = "# chancery data export";

/// What a file to import holds, told from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// A scenario file (TOML, docs/scenario-format.md).
    Scenario,
    /// The acts export as CSV.
    ActsCsv,
}

impl ImportFormat {
    pub fn sniff(start: &[u8]) -> ImportFormat {
        let start = String::from_utf8_lossy(start);
        let start = start.trim_start_matches('\u{feff}');
        if start.starts_with(CSV_BANNER) || start.starts_with("seq,") {
            ImportFormat::ActsCsv
        } else {
            ImportFormat::Scenario
        }
    }
}

/// The rows of an acts export, as acts to import.
pub struct ActsCsv<R: Read> {
    rows: csv::Reader<R>,
    record: csv::StringRecord,
    seq_column: usize,
    act_column: usize,
    /// The journal number each row had in its store, in file order (strictly increasing), so a
    /// reference is found by binary search: eight bytes an act.
    seqs: Vec<u64>,
    failed: bool,
}

fn fault(
    line: Option<u64>,
    act: Option<usize>,
    field: Option<&str>,
    code: &str,
    message: String,
) -> ScenarioError {
    ScenarioError {
        line: line.map(|l| l as usize),
        act,
        field: field.map(str::to_owned),
        code: code.into(),
        message,
    }
}

impl<R: Read> ActsCsv<R> {
    /// Reads the `#` block and the header row, which must name the `seq` and `act` columns.
    pub fn new(input: R) -> Result<ActsCsv<R>, ScenarioError> {
        let mut rows = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(input);
        let header = rows.headers().map_err(|e| {
            fault(
                e.position().map(|p| p.line()),
                None,
                None,
                "parse_error",
                e.to_string(),
            )
        })?;
        let column = |name: &str| {
            header.iter().position(|h| h == name).ok_or_else(|| {
                fault(
                    header.position().map(|p| p.line()),
                    None,
                    Some(name),
                    "parse_error",
                    format!("the header row has no `{name}` column: this is not an acts export (`chancery data acts --all --format csv`)"),
                )
            })
        };
        let (seq_column, act_column) = (column("seq")?, column("act")?);
        Ok(ActsCsv {
            rows,
            record: csv::StringRecord::new(),
            seq_column,
            act_column,
            seqs: Vec::new(),
            failed: false,
        })
    }

    fn read(&mut self) -> Option<Result<Incoming, ScenarioError>> {
        let n = self.seqs.len() + 1;
        match self.rows.read_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                return Some(Err(fault(
                    line,
                    Some(n),
                    None,
                    "parse_error",
                    e.to_string(),
                )));
            }
        }
        let line = self.record.position().map(|p| p.line());
        let cell = |column: usize| self.record.get(column).unwrap_or("");
        let Ok(seq) = cell(self.seq_column).parse::<u64>() else {
            return Some(Err(fault(
                line,
                Some(n),
                Some("seq"),
                "parse_error",
                format!("`{}` is not an act number", cell(self.seq_column)),
            )));
        };
        if let Some(last) = self.seqs.last().filter(|last| **last >= seq) {
            return Some(Err(fault(
                line,
                Some(n),
                Some("seq"),
                "parse_error",
                format!("act {seq} comes after act {last}: the rows must be in the order recorded, as the export writes them"),
            )));
        }
        let json = match serde_json::from_str(cell(self.act_column)) {
            Ok(json) => json,
            Err(e) => {
                return Some(Err(fault(
                    line,
                    Some(n),
                    Some("act"),
                    "invalid_act",
                    format!("the act is not JSON: {e}"),
                )))
            }
        };
        let mut act = match Act::from_json(json) {
            Ok(act) => act,
            Err(e) => {
                let field = e.field.map(|f| format!("act.{f}"));
                return Some(Err(fault(
                    line,
                    Some(n),
                    field.as_deref(),
                    "invalid_act",
                    e.message,
                )));
            }
        };
        let seqs = &self.seqs;
        let position = |old: u64| seqs.binary_search(&old).ok().map(|i| i as u64 + 1);
        if let Err((field, old)) = rename_references(&mut act, position) {
            return Some(Err(fault(
                line,
                Some(n),
                Some(field),
                "unknown_reference",
                format!("{field} = {old} names act {old} of the exported record, which is not an earlier row of this file (an export written for a reader who may not see it, or cut short?): import an export of the whole record"),
            )));
        }
        self.seqs.push(seq);
        Some(Ok(Incoming {
            line: line.map(|l| l as usize),
            act,
        }))
    }
}

impl<R: Read> Iterator for ActsCsv<R> {
    type Item = Result<Incoming, ScenarioError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let item = self.read();
        self.failed = matches!(item, Some(Err(_)));
        item
    }
}
