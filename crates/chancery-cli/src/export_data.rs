//! `chancery data`: a relation's data (or, for acts and events, every relation's) as CSV or JSON from a store, the same files the HTTP
//! downloads give (docs/data-export.md), in the view of the reader `--as` names.

use std::io::Write;
use std::path::PathBuf;

use chancery_app::datasets::{DataError, DataRequest, DataScope, Dataset, Format};
use chancery_app::{now_micros, today};
use chancery_domain::access::Reader;
use chancery_domain::reciprocity::index::Step;
use chancery_domain::{CivilDate, StateCode};

use super::{open_existing, parse_reader};
use crate::error::CliError;

#[derive(clap::Args)]
pub struct DataCommand {
    /// What to write: measures, acts, presence, diplomatic_list, parity, index or events (CAMEO and PLOVER).
    #[arg(value_parser = parse_dataset)]
    dataset: Dataset,
    /// One state of the relation (ISO 3166-1 alpha-2).
    #[arg(required_unless_present = "all")]
    a: Option<StateCode>,
    /// The other state.
    #[arg(required_unless_present = "all")]
    b: Option<StateCode>,
    /// Every relation the reader sees instead of one (acts and events only).
    #[arg(long, conflicts_with_all = ["a", "b"])]
    all: bool,
    #[arg(long, default_value = "csv", value_parser = parse_format)]
    format: Format,
    /// The day the data is as of (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    as_of: Option<CivilDate>,
    /// As the record stood after this journal sequence number.
    #[arg(long)]
    known_through: Option<u64>,
    /// Index only: the first date of the series; by default its baseline.
    #[arg(long)]
    from: Option<CivilDate>,
    /// Index only: year, month or <n>d.
    #[arg(long, default_value = "year")]
    step: Step,
    /// CSV only: leave out the leading `#` lines (see --schema).
    #[arg(long)]
    no_comments: bool,
    /// Write the file's metadata (columns and their definitions) as JSON instead of the file.
    #[arg(long)]
    schema: bool,
    /// Write here instead of to stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(
        long,
        env = "CHANCERY_DB",
        hide_env_values = true,
        default_value = "chancery.db"
    )]
    db: chancery_app::StoreLocation,
    /// Whose view: `operator` (every act), `public`, `mediator`, or a state's code.
    #[arg(long = "as", default_value = "operator", value_parser = parse_reader)]
    reader: Reader,
}

fn parse_dataset(s: &str) -> Result<Dataset, String> {
    Dataset::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Dataset::ALL.iter().map(|d| d.as_str()).collect();
        format!("`{s}`: expected one of {}", names.join(", "))
    })
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("`{s}`: expected csv or json"))
}

pub fn run(c: DataCommand) -> Result<(), crate::error::CliError> {
    let chancery = open_existing(&c.db)?;
    let scope = match (c.a, c.b) {
        (Some(a), Some(b)) => DataScope::Relation(a, b),
        // clap requires both states unless --all is given, and refuses them with it.
        _ => DataScope::Everything,
    };
    let req = DataRequest {
        scope,
        as_of: c.as_of.unwrap_or_else(today),
        known_through: c.known_through,
        reader: c.reader,
        from: c.from,
        step: c.step,
    };
    let meta = chancery
        .dataset_meta(c.dataset, &req, now_micros())
        .map_err(|e| match e {
            DataError::Query(q) => CliError::from(q),
            DataError::Index(i) => CliError::from(i),
            DataError::NeedsRelation(_) => CliError::Usage(e.to_string()),
            _ => CliError::from(e.to_string()),
        })?;
    let out: Box<dyn Write> = match &c.out {
        Some(path) => {
            Box::new(std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    if c.schema {
        serde_json::to_writer_pretty(&mut out, &meta.to_json()).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    } else {
        out = chancery
            .write_dataset(&meta, &req, c.format, !c.no_comments, out)
            .map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(())
}
