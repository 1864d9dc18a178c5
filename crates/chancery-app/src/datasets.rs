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

    /// Whether the dataset can be written for the whole record, every relation at once: the
    /// datasets read from the journal (acts, events); the others are one relation's answers.
    pub fn spans_relations(self) -> bool {
        matches!(self, Dataset::Acts | Dataset::Events)
    }

    /// The file name a download suggests: `us-ru-measures-2024-01-01.csv`, or for the whole
    /// record `all-events-2024-01-01.csv`.
    pub fn file_name(self, scope: DataScope, as_of: CivilDate, f: Format) -> String {
        let whose = match scope {
            DataScope::Relation(a, b) => format!(
                "{}-{}",
                a.as_str().to_lowercase(),
                b.as_str().to_lowercase()
            ),
            DataScope::Everything => "all".to_owned(),
        };
        format!("{whose}-{}-{as_of}.{}", self.as_str(), f.extension())
    }
}

/// Whose data a file holds: one relation's, or every relation the reader sees (acts and events
/// only: see [`Dataset::spans_relations`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataScope {
    Relation(StateCode, StateCode),
    Everything,
}

impl std::fmt::Display for DataScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataScope::Relation(a, b) => write!(f, "{a}-{b}"),
            DataScope::Everything => f.write_str("all relations"),
        }
    }
}

/// What a download is asked for.
#[derive(Clone, Copy, Debug)]
pub struct DataRequest {
    pub scope: DataScope,
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
    pub scope: DataScope,
    pub as_of: CivilDate,
    pub known_through: Option<u64>,
    /// The last act the file reads: of the acts recorded when the file was begun (or through
    /// `known_through`, if earlier), the last one the reader may see (never the journal's head,
    /// which would tell them that acts hidden from them were recorded). Rows are written from
    /// the record through it, so acts recorded while a long file is written are left out, and
    /// the file says what it shows.
    pub read_through: u64,
    pub reader: String,
    pub generated_at: String,
    /// Parameters beyond the date (the index's range and step), in words.
    pub parameters: Option<String>,
    pub columns: &'static [Column],
}

impl Meta {
    /// What a row is, for this file's scope: a whole-record file holds every relation's.
    pub fn about(&self) -> String {
        let about = self.dataset.about();
        match self.scope {
            DataScope::Relation(..) => about.to_owned(),
            DataScope::Everything => {
                about.replace("of the relation", "of every relation the reader may see")
            }
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "dataset": self.dataset.as_str(),
            "about": self.about(),
            "relation": match self.scope {
                DataScope::Relation(a, b) => json!([a, b]),
                DataScope::Everything => json!("all"),
            },
            "as_of": self.as_of.to_string(),
            "known_through": self.known_through,
            "read_through": self.read_through,
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
    #[error("`{0}` is one relation's data: name the relation (only acts and events span every relation)")]
    NeedsRelation(&'static str),
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
        let read_through =
            image.last_seq_visible_to(req.reader, req.known_through.unwrap_or(u64::MAX));
        let parameters = match req.scope {
            DataScope::Everything if !dataset.spans_relations() => {
                return Err(DataError::NeedsRelation(dataset.as_str()))
            }
            DataScope::Everything => None,
            DataScope::Relation(a, b) => {
                image.measures(a, b, req.view(), MeasureFilter::InForce)?;
                if dataset == Dataset::Index {
                    let (from, baseline) = index_range(&image, a, b, req);
                    // Refused here, before a response starts, not after its first rows.
                    index::check_range(from, req.as_of, req.step)?;
                    Some(format!(
                        "from {from} to {} by {:?}, baseline {baseline}",
                        req.as_of, req.step
                    ))
                } else {
                    None
                }
            }
        };
        Ok(Meta {
            dataset,
            scope: req.scope,
            as_of: req.as_of,
            known_through: req.known_through,
            read_through,
            reader: reader_name(req.reader),
            generated_at: format_timestamp(generated_at_micros),
            parameters,
            columns: dataset.columns(),
        })
    }

    /// Writes `dataset` to `out` as `format` and returns `out`: the record through
    /// `meta.read_through`, whatever is recorded meanwhile.
    pub fn write_dataset<W: Write>(
        &self,
        meta: &Meta,
        req: &DataRequest,
        format: Format,
        comments: bool,
        out: W,
    ) -> Result<W, DataError> {
        let req = &DataRequest {
            known_through: Some(meta.read_through),
            ..*req
        };
        let mut w = DataWriter::begin(out, format, meta, comments)?;
        match (meta.dataset, req.scope) {
            (Dataset::Acts | Dataset::Events, _) => self.journal_rows(meta.dataset, req, &mut w)?,
            (d, DataScope::Relation(a, b)) => {
                let rows = {
                    let image = self.image();
                    let range = index_range(&image, a, b, req);
                    columns::image_rows(&image, d, (a, b), req, range)?
                };
                for r in &rows {
                    w.row(r)?;
                }
            }
            (d, DataScope::Everything) => return Err(DataError::NeedsRelation(d.as_str())),
        }
        Ok(w.finish()?)
    }

    /// The acts (or events) from the journal, a bounded page at a time: for one relation only
    /// its acts, which the image names, are read; for every relation, the journal in order.
    /// The image is locked only while a page is filtered, never while rows are written.
    fn journal_rows<W: Write>(
        &self,
        dataset: Dataset,
        req: &DataRequest,
        w: &mut DataWriter<W>,
    ) -> Result<(), DataError> {
        let end = self
            .journal()
            .committed_seq()
            .min(req.known_through.unwrap_or(u64::MAX));
        let mut rows: Vec<Vec<Value>> = Vec::with_capacity(PAGE);
        let mut write_page = |page: &[StoredAct], rows: &mut Vec<Vec<Value>>| {
            {
                let image = self.image();
                for s in page.iter().take_while(|s| s.seq <= end) {
                    let relation = image.relation_of(&s.act.body);
                    let ours = match req.scope {
                        DataScope::Relation(a, b) => relation == Some(RelationKey::new(a, b)),
                        // The states' registrations belong to no relation, and the whole
                        // record holds them: without them it could not be imported back.
                        DataScope::Everything => true,
                    };
                    if ours {
                        if let Some(row) = journal_row(&image, dataset, req, s) {
                            rows.push(row);
                        }
                    }
                }
            }
            rows.drain(..).try_for_each(|r| w.row(&r))
        };
        match req.scope {
            DataScope::Relation(a, b) => {
                let seqs = self.image().relation_seqs(RelationKey::new(a, b), end);
                for chunk in seqs.chunks(PAGE) {
                    write_page(&self.acts_at(chunk)?, &mut rows)?;
                }
            }
            DataScope::Everything => {
                let mut cursor = 0;
                while cursor < end {
                    let page = self.acts(cursor, PAGE)?;
                    let Some(last) = page.last().map(|a| a.seq) else {
                        break;
                    };
                    cursor = last;
                    write_page(&page, &mut rows)?;
                }
            }
        }
        Ok(())
    }
}

/// The index series' first date and baseline.
fn index_range(
    image: &Image,
    a: StateCode,
    b: StateCode,
    req: &DataRequest,
) -> (CivilDate, CivilDate) {
    let baseline = image.default_baseline(a, b, req.view());
    let from = req.from.unwrap_or(baseline).min(req.as_of);
    (from, baseline.max(from))
}

/// One act's row, if the reader may see it and it is dated by the as-of date.
fn journal_row(
    image: &Image,
    dataset: Dataset,
    req: &DataRequest,
    s: &StoredAct,
) -> Option<Vec<Value>> {
    if !image.visible_to(s.seq, req.reader) || s.act.envelope.date.earliest() > req.as_of {
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
