//! What every handler and layer shares: the application core, the accounts, the site's
//! settings and the access table.

use std::sync::Arc;

use chancery_accounts::Accounts;
use chancery_app::Chancery;

use crate::cache::AnswerCache;
use crate::metrics::Metrics;
use crate::ops::Readiness;
use crate::origin::Site;
use crate::table::AccessTable;

/// Cloned by every layer for every request, so one reference count, not one per part: the
/// parts' own counts would be incremented and decremented by both cores at once, request after
/// request (an eighth of a cached answer's cost, measured with perf under wrk). Changed only
/// while the server is assembled (`DerefMut` copies the parts if they are already shared).
#[derive(Clone)]
pub struct AppState(Arc<AppParts>);

impl std::ops::Deref for AppState {
    type Target = AppParts;

    fn deref(&self) -> &AppParts {
        &self.0
    }
}

impl std::ops::DerefMut for AppState {
    fn deref_mut(&mut self) -> &mut AppParts {
        Arc::make_mut(&mut self.0)
    }
}

#[derive(Clone)]
pub struct AppParts {
    pub chancery: Arc<Chancery>,
    pub accounts: Arc<Accounts>,
    /// Anyone may read public facts without signing in (pages and GET API).
    pub public_read: bool,
    /// Mark the session cookie `Secure` (when served over HTTPS, e.g. behind a TLS proxy).
    pub secure_cookies: bool,
    pub access: AccessTable,
    /// Password checks running at once: each Argon2id check takes 19 MiB and tens of
    /// milliseconds of a core, so a burst of sign-ins queues here instead of exhausting memory.
    pub login_slots: Arc<tokio::sync::Semaphore>,
    /// The `Host` and `Origin` values that are this site's (`--public-url`).
    pub site: Site,
    /// Answers kept until the record moves (`crate::cache`).
    pub cache: Arc<AnswerCache>,
    /// What `/metrics` reports; the write path reports into it too.
    pub metrics: Arc<Metrics>,
    /// What `/readyz` answers.
    pub readiness: Arc<Readiness>,
}

impl AppState {
    /// The state of a server over `chancery`, with an answer cache of the default budget. Its
    /// metrics are told of every act `chancery` records from now on.
    pub fn new(chancery: Arc<Chancery>, accounts: Arc<Accounts>, public_read: bool) -> Self {
        let metrics = Arc::new(Metrics::new(&crate::router::route_table()));
        chancery.observe_writes(metrics.clone());
        AppState(Arc::new(AppParts {
            chancery,
            accounts,
            public_read,
            secure_cookies: false,
            // Filled by `crate::router`, from the same routes the router is built from.
            access: AccessTable::default(),
            login_slots: Arc::new(tokio::sync::Semaphore::new(4)),
            site: Site::Local { https: false },
            cache: Arc::new(AnswerCache::new(crate::cache::DEFAULT_BUDGET)),
            metrics,
            readiness: Arc::new(Readiness::default()),
        }))
    }
}

impl AppState {
    /// The scheme and authority absolute links (feeds) are built on: the public URL when set,
    /// otherwise the request's own `Host` (which the edge has already checked is this site's).
    pub fn public_base(&self, host: Option<&str>) -> String {
        match &self.site {
            crate::origin::Site::Public(url) => url.origin(),
            crate::origin::Site::Local { https } => format!(
                "{}://{}",
                if *https { "https" } else { "http" },
                host.unwrap_or("localhost")
            ),
        }
    }
}
