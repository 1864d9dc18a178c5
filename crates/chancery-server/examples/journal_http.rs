//! HTTP and the journal with nothing between them, as a yardstick for `scripts/load-write`: the
//! hello example's stack (the same runtime, axum and hyper) in front of the journal over SQLite
//! as `chancery serve` opens it (`chancery_sqlite::open_journal`: WAL, `synchronous=FULL`, one
//! writer thread's group commit).
//!
//! `cargo run --release -p chancery-server --example journal_http -- 127.0.0.1:0 STORE` prints
//! the address it listens on. `POST /api/v1/acts` appends the body, unread, as one entry, waits
//! for it to be durable without holding a worker, and answers `201` with a receipt of the size
//! of Chancery's. No token, no parsing, no rules, no audit row: the rate it reaches is the most
//! any API that acknowledges each write only once it is on disk can reach here, and what
//! Chancery's writes reach is measured beside it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::routing::post;
use axum::Router;
use chancery_journal::{Journal, NewEntry};

/// The allocator `chancery serve` runs on, for the same reason: each body crosses from an async
/// worker to the journal's writer thread, which frees it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let store = PathBuf::from(
        args.next()
            .ok_or("usage: journal_http ADDRESS STORE (a SQLite file, created if absent)")?,
    );
    let journal = Arc::new(chancery_sqlite::open_journal(&store)?);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "journal_http: listening on http://{}/",
        listener.local_addr()?
    );
    let app = Router::new()
        .route("/api/v1/acts", post(append))
        .with_state(journal);
    axum::serve(listener, app).await?;
    Ok(())
}

/// Appends the body as one entry and answers once it is durable, with what Chancery's receipt
/// holds (a sequence number, a timestamp, the recorder, a hash).
async fn append(
    State(journal): State<Arc<Journal>>,
    body: Bytes,
) -> Result<(StatusCode, [(header::HeaderName, &'static str); 1], String), StatusCode> {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    let entry = NewEntry {
        recorded_at_micros: micros,
        recorded_by: "user:loader".to_owned(),
        payload: body.to_vec(),
        schema: 1,
    };
    let committed = journal
        .submit(entry)
        .wait_async()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let hash: String = committed
        .last_hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let receipt = format!(
        "{{\"seq\":{},\"recorded_at\":\"2026-12-06T20:00:00.000000Z\",\"recorded_by\":\"user:loader\",\
         \"hash\":\"{hash}\"}}",
        committed.last_seq
    );
    Ok((
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        receipt,
    ))
}
