//! The smallest axum server, as a yardstick for `scripts/load-test`: the same runtime and HTTP
//! stack as `chancery serve` with no work behind the route, so the gap between the two is
//! Chancery's own cost.
//!
//! `cargo run --release -p chancery-server --example hello -- 127.0.0.1:0` prints the address it
//! listens on.

use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("hello: listening on http://{}/", listener.local_addr()?);
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    axum::serve(listener, app).await
}
