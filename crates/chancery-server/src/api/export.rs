//! Downloads of a relation's data as CSV or JSON (docs/data-export.md), scoped by the reader
//! like every JSON answer. The file is written on a blocking thread into a bounded channel and
//! streamed from it, so a download of millions of acts holds a few pages in memory, and a
//! client that goes away stops the export at its next chunk.

use std::io::{self, Write};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chancery_accounts::Principal;
use chancery_app::datasets::{DataError, DataRequest, DataScope, Dataset, Format};
use chancery_app::{now_micros, today};
use chancery_domain::reciprocity::index::Step;
use serde::Deserialize;
use tokio::sync::mpsc;

use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::relations::{date_param, query_error, state_code};
use crate::state::AppState;

/// Bytes handed to the response at a time.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for the client at most: the memory bound of a download.
const QUEUED: usize = 4;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// The day the data is as of (YYYY-MM-DD); today when omitted.
    as_of: Option<String>,
    /// As the record stood after this journal sequence number (transaction time).
    known_through: Option<u64>,
    /// Index only: the first date of the series (YYYY-MM-DD); by default its baseline.
    from: Option<String>,
    /// Index only: `year` (default), `month`, or `<n>d`.
    step: Option<String>,
    /// CSV only: `false` leaves out the leading `#` lines (the `.schema.json` download carries
    /// the same metadata).
    comments: Option<bool>,
}

/// What the last path segment asks for.
enum Asked {
    File(Dataset, Format),
    Schema(Dataset),
}

fn asked(file: &str) -> Result<Asked, ApiError> {
    let unknown = || {
        let names: Vec<&str> = Dataset::ALL.iter().map(|d| d.as_str()).collect();
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_dataset",
            format!(
                "`{file}` is not a download: ask for <dataset>.csv, <dataset>.json or <dataset>.schema.json, the dataset one of {}",
                names.join(", ")
            ),
        )
    };
    if let Some(name) = file.strip_suffix(".schema.json") {
        return Dataset::parse(name).map(Asked::Schema).ok_or_else(unknown);
    }
    let (name, ext) = file.rsplit_once('.').ok_or_else(unknown)?;
    match (Dataset::parse(name), Format::parse(ext)) {
        (Some(d), Some(f)) => Ok(Asked::File(d, f)),
        _ => Err(unknown()),
    }
}

fn data_error(e: DataError) -> ApiError {
    match e {
        DataError::Query(q) => query_error(q),
        DataError::Index(i) => ApiError::bad_parameter("from", i),
        DataError::List(chancery_domain::diplist::ListError::Query(q)) => query_error(q),
        DataError::List(l) => ApiError::bad_parameter("file", l),
        DataError::Service(s) => s.into(),
        DataError::NeedsRelation(_) => {
            ApiError::new(StatusCode::BAD_REQUEST, "needs_relation", e.to_string())
        }
        DataError::Io(i) => ApiError::internal(i),
    }
}

/// Files written at once; more are refused with 503 `busy`.
const MAX_EXPORTS: usize = 4;
static EXPORTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_EXPORTS);

/// A relation's data as a file: measures, acts, presence, the diplomatic list, parity, the index series or event
/// data (CAMEO and PLOVER codes), as CSV or JSON, with its as-of date, `known_through`, the
/// reader it was written for, when it was generated and its columns' definitions in the file
/// (CSV: leading `#` lines; JSON: `meta`). `<dataset>.schema.json` gives that metadata alone.
/// Text cells a spreadsheet would run as a formula are prefixed with `'` in CSV.
#[utoipa::path(
    get,
    path = "/api/v1/relations/{a}/{b}/export/{file}",
    params(
        ("a" = chancery_domain::StateCode, Path, description = "First state (ISO alpha-2)"),
        ("b" = chancery_domain::StateCode, Path, description = "Second state"),
        ("file" = String, Path, description = "`<dataset>.csv`, `<dataset>.json` or `<dataset>.schema.json`; dataset: measures, acts, presence, diplomatic_list, parity, index, events"),
        ExportParams
    ),
    responses(
        (status = 200, description = "The file (Content-Disposition: attachment), or for `.schema.json` its metadata", content(
            (String = "text/csv"),
            (Object = "application/json")
        )),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody, description = "Unknown state, pair or dataset"),
        (status = 503, body = super::error::ErrorBody, description = "`busy`: as many files as the server writes at once are being written", headers(("Retry-After" = u32, description = "seconds to wait before asking again")))
    )
)]
pub async fn download(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath((a, b, file)): ApiPath<(String, String, String)>,
    ApiQuery(p): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    let scope = DataScope::Relation(state_code("a", &a)?, state_code("b", &b)?);
    serve_file(app, &who, scope, &file, p).await
}

/// Every relation's acts or events as one file, as the reader may see them (the other datasets
/// are one relation's: 400 `needs_relation`). The same columns, metadata and streaming as a
/// relation's download; the journal is read in order, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/export/{file}",
    params(
        ("file" = String, Path, description = "`acts.csv`, `acts.json`, `events.csv`, `events.json`, or either's `.schema.json`"),
        ExportParams
    ),
    responses(
        (status = 200, description = "The file (Content-Disposition: attachment), or for `.schema.json` its metadata", content(
            (String = "text/csv"),
            (Object = "application/json")
        )),
        (status = 400, body = super::error::ErrorBody, description = "A bad parameter, or a dataset that is one relation's (`needs_relation`)"),
        (status = 404, body = super::error::ErrorBody, description = "Unknown dataset"),
        (status = 503, body = super::error::ErrorBody, description = "`busy`: as many files as the server writes at once are being written", headers(("Retry-After" = u32, description = "seconds to wait before asking again")))
    )
)]
pub async fn download_all(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiPath(file): ApiPath<String>,
    ApiQuery(p): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    serve_file(app, &who, DataScope::Everything, &file, p).await
}

async fn serve_file(
    app: AppState,
    who: &Principal,
    scope: DataScope,
    file: &str,
    p: ExportParams,
) -> Result<Response, ApiError> {
    let asked = asked(file)?;
    let step = match p.step.as_deref() {
        Some(s) => s
            .parse::<Step>()
            .map_err(|e| ApiError::bad_parameter("step", e))?,
        None => Step::Year,
    };
    let req = DataRequest {
        scope,
        as_of: date_param("as_of", p.as_of.as_deref())?.unwrap_or_else(today),
        known_through: p.known_through,
        reader: who.reader(),
        from: date_param("from", p.from.as_deref())?,
        step,
    };
    let dataset = match asked {
        Asked::File(d, _) | Asked::Schema(d) => d,
    };
    let chancery = app.chancery.clone();
    let meta =
        tokio::task::spawn_blocking(move || chancery.dataset_meta(dataset, &req, now_micros()))
            .await
            .map_err(ApiError::internal)?
            .map_err(data_error)?;
    let Asked::File(_, format) = asked else {
        return Ok(Json(meta.to_json()).into_response());
    };
    // Each file being written holds a blocking thread until its reader has taken it all, so a
    // slow or stalled reader could otherwise pile them up: a few at a time, the rest told to
    // come back.
    let Ok(permit) = EXPORTS.try_acquire() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::outcome::BUSY,
            format!("{MAX_EXPORTS} downloads are being written: try again shortly"),
        ));
    };
    let name = dataset.file_name(scope, req.as_of, format);
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(QUEUED);
    let chancery = app.chancery.clone();
    let comments = p.comments.unwrap_or(true);
    tokio::task::spawn_blocking(move || {
        let out = ChannelWriter {
            buf: Vec::with_capacity(CHUNK),
            tx: tx.clone(),
        };
        if let Err(e) = chancery
            .write_dataset(&meta, &req, format, comments, out)
            .and_then(|mut w| w.flush().map_err(DataError::Io))
        {
            // The client sees the transfer fail rather than a file that looks complete.
            tracing::warn!(error = %e, "export stopped");
            let _ = tx.blocking_send(Err(io::Error::other("export stopped")));
        }
        drop(permit);
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    // The name is built from state codes, a dataset name and a date: ASCII, no quotes.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// Hands the file to the response in chunks; a send that fails means the client went away,
/// which ends the export as a write error.
struct ChannelWriter {
    buf: Vec<u8>,
    tx: mpsc::Sender<io::Result<Bytes>>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}
