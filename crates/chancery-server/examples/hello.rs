//! The smallest axum server, as a yardstick for `scripts/load-test`: the same runtime and HTTP
//! stack as `chancery serve` with no work behind the route, so the gap between the two is
//! Chancery's own cost.
//!
//! `cargo run --release -p chancery-server --example hello -- 127.0.0.1:0` prints the address it
//! listens on. `GET /` answers "Hello, world!"; `GET /bytes/N` answers N bytes (at most 1 MiB)
//! made once, so an answer of Chancery's size can be measured against the same size from
//! memory: on loopback, moving a 15 KB answer costs the kernel more than a 13-byte one.
//! `POST /api/v1/acts` reads the body and answers `201` with a receipt of the size of
//! Chancery's, without parsing, checking or storing anything: `scripts/load-write` runs the same
//! write load against it, so what HTTP alone costs a write on this machine is measured beside
//! what Chancery's writes cost.

use axum::body::Bytes;
use axum::extract::Path;
use axum::routing::{get, post};
use axum::Router;

#[path = "support/receipt.rs"]
mod support;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("hello: listening on http://{}/", listener.local_addr()?);
    let block = Bytes::from(vec![b'x'; 1 << 20]);
    let app = Router::new()
        .route("/", get(|| async { "Hello, world!" }))
        .route(
            "/bytes/{n}",
            get(move |Path(n): Path<usize>| {
                let block = block.clone();
                async move { block.slice(..n.min(block.len())) }
            }),
        )
        .route("/api/v1/acts", post(receipt));
    axum::serve(listener, app).await
}

/// What `POST /api/v1/acts` answers a recorded act, in shape and size, for a body it only
/// reads.
async fn receipt(body: Bytes) -> support::Receipt {
    let n = body.len() as u64;
    support::receipt(n, format_args!("{n:064x}"))
}
