//! A relation's data as files for analysts (docs/data-export.md): measures, acts, presence,
//! parity, the index series and event data, each a table with defined columns, as of a date,
//! as known through a point of the journal, and scoped by the reader exactly as the JSON
//! answers are. Both edges (HTTP downloads, `chancery data`) write through here.
//!
//! The acts and events read the journal in bounded pages and hand each row to the writer as it
//! goes, so their memory does not grow with the journal; the others are answers of the image,
//! a few hundred rows at most.

mod columns;
pub mod write;

use std::io::Write;

use chancery_domain::date::format_timestamp;
use chancery_domain::eventdata::{self, Coding};
use chancery_domain::ids::RelationKey;
use chancery_domain::image::timeline::View;
use chancery_domain::query::{MeasureFilter, QueryError};
use chancery_domain::reciprocity::index::{self, IndexError, Step};
use chancery_domain::{CivilDate, Image, Reader, StateCode};
use serde_json::{json, Value};

use crate::{Chancery, ServiceError, StoredAct};
pub use columns::Column;
pub use write::{neutralise, DataWriter, Format};

/// Acts read from the journal per page: bounded, whatever the journal's size.
const PAGE: usize = 2_000;

macro_rules! datasets {
    ($($v:ident => $name:literal, $about:literal;)+) => {
        /// What can be downloaded about a relation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Dataset { $($v,)+ }

        impl Dataset {
            pub const ALL: &'static [Dataset] = &[$(Dataset::$v,)+];

            /// The name in URLs, file names and `chancery data`.
            pub fn as_str(self) -> &'static str {
                match self { $(Dataset::$v => $name,)+ }
            }

            /// What a row is, in one sentence.
            pub fn about(self) -> &'static str {
                match self { $(Dataset::$v => $about,)+ }
            }
        }
    };
}

datasets! {
    Measures => "measures", "One row per measure either state took against the other's missions by the as-of date, with its status on that date.";
    Acts => "acts", "One row per act of the relation dated on or before the as-of date, in the order recorded; the act itself in its flat JSON form.";
    DiplomaticList => "diplomatic_list", "One row per member of staff (and family member) of either mission on the list on the as-of date: category, arrival, status, and a persona non grata's deadline with the days left.";
    Presence => "presence", "One row per post of either side's mission on the as-of date, with its mission's head, vacancy and staff on record.";
    Parity => "parity", "One row per dimension of parity and side: what that side's missions get in the other state, and the verdict.";
    Index => "index", "One row per date of the series and side: the normalisation index (100 at the baseline) and what it rests on.";
    Events => "events", "One row per act coded as an event (CAMEO and PLOVER; docs/event-data.md), dated on or before the as-of date; acts that are not events and withdrawn acts are left out.";
}

impl Dataset {
    pub fn parse(s: &str) -> Option<Dataset> {
        Dataset::ALL.iter().copied().find(|d| d.as_str() == s)
    }

    pub fn columns(self) -> &'static [Column] {
        columns::of(self)
    }

    /// The file name a download suggests: `us-ru-measures-2024-01-01.csv`.
    pub fn file_name(self, a: StateCode, b: StateCode, as_of: CivilDate, f: Format) -> String {
        format!(
            "{}-{}-{}-{as_of}.{}",
            a.as_str().to_lowercase(),
            b.as_str().to_lowercase(),
            self.as_str(),
            f.extension()
        )
    }
}

/// What a download is asked for.
#[derive(Clone, Copy, Debug)]
pub struct DataRequest {
    pub a: StateCode,
    pub b: StateCode,
    pub as_of: CivilDate,
    pub known_through: Option<u64>,
    pub reader: Reader,
    /// For the index: the first date of the series (by default its baseline) and the step.
    pub from: Option<CivilDate>,
    pub step: Step,
}

impl DataRequest {
    fn view(&self) -> View {
        View::new(self.as_of, self.known_through, self.reader)
    }
}

/// What every file says about itself.
#[derive(Clone, Debug)]
pub struct Meta {
    pub dataset: Dataset,
    pub states: (StateCode, StateCode),
    pub as_of: CivilDate,
    pub known_through: Option<u64>,
    pub reader: String,
    pub generated_at: String,
    /// Parameters beyond the date (the index's range and step), in words.
    pub parameters: Option<String>,
    pub columns: &'static [Column],
}

impl Meta {
    pub fn to_json(&self) -> Value {
        json!({
            "dataset": self.dataset.as_str(),
            "about": self.dataset.about(),
            "relation": [self.states.0, self.states.1],
            "as_of": self.as_of.to_string(),
            "known_through": self.known_through,
            "reader": self.reader,
            "generated_at": self.generated_at,
            "parameters": self.parameters,
            "columns": self.columns.iter().map(|c| json!({"name": c.name, "definition": c.definition})).collect::<Vec<_>>(),
            "formula_injection": "text cells starting with = + - @ tab or carriage return (after spaces) are prefixed with ' in CSV files",
        })
    }
}

/// The reader a file was written for, in words (`public`, `party:US`, `mediator`, `operator`).
pub fn reader_name(r: Reader) -> String {
    match r {
        Reader::Rules => "operator (every act)".to_owned(),
        Reader::Public => "public".to_owned(),
        Reader::Party(s) => format!("party:{s}"),
        Reader::Mediator => "mediator".to_owned(),
        Reader::Within(a) => format!("within:{a:?}"),
    }
}

/// Why a dataset could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    List(#[from] chancery_domain::diplist::ListError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("writing the file failed: {0}")]
    Io(#[from] std::io::Error),
}

impl Chancery {
    /// The file's metadata, after checking the relation exists for this reader (so an edge can
    /// refuse before it starts a response).
    pub fn dataset_meta(
        &self,
        dataset: Dataset,
        req: &DataRequest,
        generated_at_micros: i64,
    ) -> Result<Meta, DataError> {
        let image = self.image();
        image.measures(req.a, req.b, req.view(), MeasureFilter::InForce)?;
        let parameters = if dataset == Dataset::Index {
            let (from, baseline) = index_range(&image, req);
            // Refused here, before a response starts, not after its first rows are sent.
            index::check_range(from, req.as_of, req.step)?;
            Some(format!(
                "from {from} to {} by {:?}, baseline {baseline}",
                req.as_of, req.step
            ))
        } else {
            None
        };
        Ok(Meta {
            dataset,
            states: (req.a, req.b),
            as_of: req.as_of,
            known_through: req.known_through,
            reader: reader_name(req.reader),
            generated_at: format_timestamp(generated_at_micros),
            parameters,
            columns: dataset.columns(),
        })
    }

    /// Writes `dataset` to `out` as `format` and returns `out`.
    pub fn write_dataset<W: Write>(
        &self,
        meta: &Meta,
        req: &DataRequest,
        format: Format,
        comments: bool,
        out: W,
    ) -> Result<W, DataError> {
        let mut w = DataWriter::begin(out, format, meta, comments)?;
        match meta.dataset {
            Dataset::Acts | Dataset::Events => self.journal_rows(meta.dataset, req, &mut w)?,
            d => {
                let rows = {
                    let image = self.image();
                    columns::image_rows(&image, d, req, index_range(&image, req))?
                };
                for r in &rows {
                    w.row(r)?;
                }
            }
        }
        Ok(w.finish()?)
    }

    /// The relation's acts (or events) from the journal, a bounded page at a time: the image
    /// names the relation's acts, so only those are read, and it is locked only while a page is
    /// filtered, never while rows are written.
    fn journal_rows<W: Write>(
        &self,
        dataset: Dataset,
        req: &DataRequest,
        w: &mut DataWriter<W>,
    ) -> Result<(), DataError> {
        let key = RelationKey::new(req.a, req.b);
        let end = self
            .journal()
            .committed_seq()
            .min(req.known_through.unwrap_or(u64::MAX));
        let seqs = self.image().relation_seqs(key, end);
        let mut rows: Vec<Vec<Value>> = Vec::with_capacity(PAGE);
        for chunk in seqs.chunks(PAGE) {
            let page = self.acts_at(chunk)?;
            {
                let image = self.image();
                for s in &page {
                    if let Some(row) = journal_row(&image, dataset, key, req, s) {
                        rows.push(row);
                    }
                }
            }
            for r in rows.drain(..) {
                w.row(&r)?;
            }
        }
        Ok(())
    }
}

/// The index series' first date and baseline.
fn index_range(image: &Image, req: &DataRequest) -> (CivilDate, CivilDate) {
    let baseline = image.default_baseline(req.a, req.b, req.view());
    let from = req.from.unwrap_or(baseline).min(req.as_of);
    (from, baseline.max(from))
}

/// One act's row, if the reader may see it and it is the relation's, dated by the as-of date.
fn journal_row(
    image: &Image,
    dataset: Dataset,
    key: RelationKey,
    req: &DataRequest,
    s: &StoredAct,
) -> Option<Vec<Value>> {
    if !image.visible_to(s.seq, req.reader)
        || s.act.envelope.date.earliest() > req.as_of
        || image.relation_of(&s.act.body) != Some(key)
    {
        return None;
    }
    let end = req.known_through.unwrap_or(u64::MAX);
    let withdrawn_by = image
        .withdrawn_by(s.seq)
        .filter(|w| *w <= end && image.visible_to(*w, req.reader));
    let dyad = image.dyad(&s.act);
    let env = &s.act.envelope;
    let source = dyad.map(|d| json!(d.source));
    let target = dyad.map(|d| json!(d.target));
    let joint = dyad.map(|d| json!(d.joint));
    let common = |v: Option<Value>| v.unwrap_or(Value::Null);
    match dataset {
        Dataset::Acts => Some(vec![
            json!(s.seq),
            json!(format_timestamp(s.recorded_at_micros)),
            json!(env.date.to_string()),
            json!(s.act.kind()),
            json!(s.act.body.which().label()),
            common(source),
            common(target),
            common(joint),
            json!(env.claimed_by),
            json!(env.confidence),
            json!(env.supersedes),
            json!(withdrawn_by),
            json!(env.external_ref),
            json!(s.act.to_json().to_string()),
        ]),
        Dataset::Events => {
            if withdrawn_by.is_some() {
                return None;
            }
            let Coding::Event(c) = eventdata::of_act(&s.act) else {
                return None;
            };
            let p = c.plover;
            Some(vec![
                json!(s.seq),
                json!(env.date.to_string()),
                common(source),
                common(target),
                common(joint),
                json!(s.act.kind()),
                json!(c.code),
                json!(c.name),
                json!(p.map(|p| p.event_type)),
                json!(p.and_then(|p| p.mode)),
                json!(p.and_then(|p| p.context)),
                json!(env.claimed_by),
                json!(env.confidence),
                json!(env.supersedes),
            ])
        }
        _ => None,
    }
}
