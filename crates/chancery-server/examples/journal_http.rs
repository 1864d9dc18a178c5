//! HTTP and the journal with nothing between them, as a yardstick for `scripts/load-write`:
//! Chancery's own edge (`listen::serve_with_limits`, the accept loop, limits and connection
//! watchdog `chancery serve` runs, on the same runtime and allocator) in front of the journal
//! over SQLite as `chancery serve` opens it (`chancery_sqlite::open_journal`: WAL,
//! `synchronous=FULL`, one writer thread's group commit), with no router layers.
//!
//! `cargo run --release -p chancery-server --example journal_http -- ADDRESS STORE` (e.g.
//! `127.0.0.1:0 /tmp/j.db`) prints the address it listens on. `POST /api/v1/acts` appends the
//! body, unread, as one entry, waits for it to be durable without holding a worker, and answers
//! `201` with a receipt of the size of Chancery's. No token, no parsing, no rules, no audit
//! row: what it reaches bounds what an API that acknowledges each write once it is on disk
//! reaches over this edge and this journal, and Chancery's writes are measured beside it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use chancery_journal::{to_hex, Journal, NewEntry};
use chancery_server::listen::{serve_with_limits, Limits};

#[path = "support/receipt.rs"]
mod support;

/// The allocator `chancery serve` runs on, for the same reason: each body crosses from an async
/// worker to the journal's writer thread, which frees it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: journal_http ADDRESS STORE (e.g. 127.0.0.1:0 /tmp/j.db; the SQLite \
                     file is created if absent)";

#[derive(Clone)]
struct Appender {
    journal: Arc<Journal>,
    /// Whether a failed append has been reported: after the first, the journal refuses every
    /// later one for the same reason.
    reported: Arc<AtomicBool>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, store] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(addr, PathBuf::from(store)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("journal_http: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(addr: &str, store: PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    let journal = Arc::new(chancery_sqlite::open_journal(&store)?);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!(
        "journal_http: listening on http://{}/",
        listener.local_addr()?
    );
    let app = Router::new()
        .route("/api/v1/acts", post(append))
        .with_state(Appender {
            journal,
            reported: Arc::default(),
        });
    serve_with_limits(listener, app, Limits::default(), std::future::pending()).await?;
    Ok(())
}

/// Appends the body as one entry and answers once it is durable, with the sequence number and
/// hash it was given.
async fn append(State(app): State<Appender>, body: Bytes) -> Result<support::Receipt, StatusCode> {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    let entry = NewEntry {
        recorded_at_micros: micros,
        recorded_by: "user:loader".to_owned(),
        payload: body.to_vec(),
        schema: 1,
    };
    let committed = match app.journal.submit(entry).wait_async().await {
        Ok(committed) => committed,
        Err(e) => {
            if !app.reported.swap(true, Ordering::Relaxed) {
                eprintln!("journal_http: an append failed, and every later one will: {e}");
            }
            return Err(StatusCode::SERVICE_UNAVAILABLE);
        }
    };
    Ok(support::receipt(
        committed.last_seq,
        to_hex(&committed.last_hash),
    ))
}
