//! `chancery serve`: opens the store and its accounts, then serves the API and the pages until
//! ctrl-c / SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use chancery_cli::{accounts, CliError};
use clap::Parser;

#[derive(Parser)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The store: an SQLite file (created if missing) or a postgres:// URL; also read from
    /// CHANCERY_DB, which keeps a database password out of the process list.
    #[arg(
        long,
        env = "CHANCERY_DB",
        hide_env_values = true,
        default_value = "chancery.db"
    )]
    db: chancery_app::StoreLocation,
    /// Do not seed a new store with the demo.
    #[arg(long)]
    empty: bool,
    /// Let anyone read public facts without signing in (pages and GET API). A new demo
    /// store turns this on for good; writes always need a sign-in or a token.
    #[arg(long)]
    public_read: bool,
    /// Mark the session cookie Secure (serve behind an HTTPS proxy).
    #[arg(long)]
    secure_cookies: bool,
    /// The scheme, host and port users reach Chancery at (e.g. https://chancery.example.org):
    /// only that `Host` is answered, and only that `Origin` may post. Without it, only IP
    /// addresses and `localhost` are answered (no DNS name can be rebound onto the server).
    #[arg(long)]
    public_url: Option<chancery_server::origin::PublicUrl>,
    /// Seconds a client has to send a request's headers (slow clients are cut off).
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
    /// Seconds a connection may move no byte before it is closed.
    #[arg(long, default_value_t = 60)]
    idle_timeout: u64,
    /// Connections open at once, in all (keep it under the process's open-file limit).
    #[arg(long, default_value_t = 768)]
    max_connections: usize,
    /// Connections open at once from one address.
    #[arg(long, default_value_t = 128)]
    max_connections_per_address: usize,
    /// The most the accounts store (with its audit log) may grow to, in MiB: past it, audit
    /// events are counted in memory, not written, and /healthz says `degraded`.
    #[arg(long, default_value_t = 1024)]
    audit_max_mib: u64,
    /// Free space, in MiB, the audit log leaves on its disk for the journal.
    #[arg(long, default_value_t = 64)]
    audit_min_free_mib: u64,
    /// The most memory, in MiB, answers kept until the next act may take (0: keep none).
    #[arg(long, default_value_t = 64)]
    cache_mib: usize,
}

pub fn serve(args: ServeArgs) -> Result<(), CliError> {
    // Held to the end: dropping it writes out the lines still buffered.
    let _log = chancery_server::logging::init();
    let started = std::time::Instant::now();
    let db = &args.db;
    let new_file = !args.empty && !db.exists();
    let chancery = Arc::new(chancery_cli::open(db, !args.empty)?);
    // Other instances may append to a shared store: apply what they record as it lands.
    chancery
        .spawn_tailer()
        .map_err(|e| format!("could not start the journal's tailer: {e}"))?;
    let acts = chancery.image().last_seq();
    let accounts = accounts::open(db)?;
    // A database is new to the demo when it holds the seeded demo and its accounts have never
    // been set up for it (the first instance to start sets it up; the steps are idempotent if
    // two race). One a command filled (import, generate, a copy) stays closed.
    let new_demo = new_file
        || (!args.empty
            && db.is_shared()
            && accounts
                .store()
                .setting("public_read")
                .map_err(|e| e.to_string())?
                .is_none()
            && chancery
                .holds_the_seeded_demo()
                .map_err(|e| e.to_string())?);
    if new_demo {
        // The demo's facts are public: a new demo store is readable without signing in.
        accounts.set_public_read(true).map_err(|e| e.to_string())?;
        accounts::seed_demo_orgs(&accounts)?;
    }
    accounts.set_audit_budget(chancery_accounts::AuditBudget {
        max_store_bytes: args.audit_max_mib.saturating_mul(1 << 20),
        min_free_bytes: args.audit_min_free_mib.saturating_mul(1 << 20),
    });
    let public_read = args.public_read || accounts.public_read().map_err(|e| e.to_string())?;
    let mut state = chancery_server::AppState::new(chancery, Arc::new(accounts), public_read);
    state.secure_cookies = args.secure_cookies;
    state.cache = Arc::new(chancery_server::cache::AnswerCache::new(
        args.cache_mib.saturating_mul(1 << 20),
    ));
    state.site = match &args.public_url {
        Some(url) => chancery_server::origin::Site::Public(url.clone()),
        None => chancery_server::origin::Site::Local {
            https: args.secure_cookies,
        },
    };
    let limits = chancery_server::listen::Limits {
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        idle_timeout: std::time::Duration::from_secs(args.idle_timeout.max(1)),
        max_connections: args.max_connections.max(1),
        per_address: args.max_connections_per_address.max(1),
        ..Default::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let addr = args.addr;
    let served: Result<(), String> = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("{addr}: {e}"))?;
        let stop = chancery_server::StopSignals::catch().map_err(|e| format!("cannot catch SIGTERM: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        let base = args
            .public_url
            .as_ref()
            .map_or_else(|| format!("http://{local}"), |u| u.origin());
        // The lines on stdout are for whoever started the server (and scripts wait for the
        // last one); the log says the same for the operator's log collector.
        println!("chancery: {acts} acts from {} loaded in {:.2?}", db.display(), started.elapsed());
        tracing::info!(acts, db = %db.display(), elapsed = ?started.elapsed(), "store loaded");
        if let Some(why) = state.chancery.damaged() {
            tracing::warn!("the journal's hash chain is broken ({why}); serving it read-only: every write is refused with 503 journal_damaged. Run `chancery verify --db {}` for the full check.", db.display());
        }
        println!(
            "chancery: public read {}; sign in at {base}/login",
            if public_read { "on (anyone may read public facts)" } else { "off" }
        );
        println!("chancery: listening on http://{local}/  (try /api/v1/relations/US/RU/presence?as_of=2018-01-01)");
        tracing::info!(%local, public_read, "listening");
        chancery_server::serve(listener, state, limits, stop).await.map_err(|e| e.to_string())
    });
    Ok(served?)
}
