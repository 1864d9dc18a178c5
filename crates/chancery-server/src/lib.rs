//! Chancery's HTTP edge over the application core (`chancery-app`), and the `chancery` binary.
//!
//! - [`router`]: the edge: the whole route table, the layers, the answers to what they refuse;
//! - [`api`]: the JSON API and its OpenAPI document; [`web`]: the pages;
//! - [`outcome`]: the one mapping from application errors to HTTP outcomes, for both;
//! - [`access`]: the authorisation layer; [`table`]: the route table; [`state`]: what every
//!   handler shares;
//! - [`listen`]: the accept loop; [`logging`]: the `tracing` subscriber.
//!
//! Which work runs on the async workers and which off them: ARCHITECTURE.md, "Where work runs".

pub mod access;
pub mod api;
pub mod atom;
pub mod cache;
mod compute;
pub mod listen;
pub mod logging;
pub mod metrics;
pub mod ops;
pub mod origin;
pub mod outcome;
pub mod router;
pub mod state;
pub mod table;
pub mod web;

use tokio::net::TcpListener;

pub use api::ApiDoc;
pub use chancery_app::{Chancery, ServiceError};
pub use router::{route_table, router};
pub use state::AppState;

/// Serves until one of `stop` arrives (ctrl-c / SIGTERM), then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    limits: listen::Limits,
    stop: StopSignals,
) -> std::io::Result<()> {
    let accounts = state.accounts.clone();
    let readiness = state.readiness.clone();
    // Denials counted in memory this minute become aggregate rows once it is over.
    let flusher = tokio::spawn({
        let accounts = accounts.clone();
        async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every.tick().await;
                let accounts = accounts.clone();
                let _ = tokio::task::spawn_blocking(move || {
                    accounts.flush_audit(chancery_app::now_micros())
                })
                .await;
            }
        }
    });
    let shutdown = async move {
        stop.received().await;
        readiness.drain();
    };
    let served = listen::serve_with_limits(listener, router(state), limits, shutdown).await;
    flusher.abort();
    tracing::info!("stopped taking requests; writing what the audit log still counts");
    // Whatever is still counted is written before the process ends.
    let _ = tokio::task::spawn_blocking(move || accounts.flush_audit(i64::MAX)).await;
    served
}

/// The signals that stop the server (SIGINT and SIGTERM), caught from the moment this is made:
/// made before the server says it listens, a supervisor's SIGTERM sent as soon as it does
/// always finds the graceful shutdown, never the default action that kills the process.
pub struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Catches the signals from now on. Within a Tokio runtime.
    pub fn catch() -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(StopSignals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    async fn received(self) {
        #[cfg(unix)]
        {
            let StopSignals {
                mut interrupt,
                mut terminate,
            } = self;
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: in-flight requests may finish");
    }
}
