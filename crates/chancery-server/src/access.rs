//! The one authorisation layer. Every route is declared with the access it needs, in one table
//! that builds the router, so no route exists without a rule; one middleware authenticates the
//! request (API token, session cookie, or nobody), refuses cross-origin writes, checks the
//! table, records denials in the audit log, and hands the handler a [`Principal`] whose
//! reader scopes every query in the domain.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chancery_accounts::{Accounts, NewAudit, Permission, Principal};

use crate::origin::Site;
use crate::outcome::Outcome;
use crate::state::AppState;
use crate::table::Access;
use chancery_app::{now_micros, Audited};

pub const SESSION_COOKIE: &str = "chancery_session";
/// A browser's device cookie: its sign-ins to accounts it signed in to before are not slowed
/// by attacks on those accounts from elsewhere (see `chancery_accounts::trusted`).
pub const DEVICE_COOKIE: &str = "chancery_device";

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The session id a request carries, if any.
pub fn session_cookie_value(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE)
}

pub fn device_cookie_value(headers: &HeaderMap) -> Option<&str> {
    // Bounded: a cookie is looked up in the store, never kept as it came.
    cookie(headers, DEVICE_COOKIE).filter(|v| v.len() <= 128)
}

/// Why a request's credentials named nobody.
#[derive(Debug)]
pub enum NotAuthenticated {
    /// A bearer header that names no live token.
    BadToken,
    /// The accounts store did not answer (a database restarting, say): whether the
    /// credentials are good is unknown, so the request is neither refused nor served as
    /// anonymous but asked to come back.
    Unavailable,
}

/// The credentials a request carries, copied out of it so they can be checked off the async
/// workers (a look-up in the accounts store, which may be a network round trip or, once a
/// minute per session, a write).
pub enum Credentials {
    /// A bearer header; `None` when it is not `Bearer <token>` in visible ASCII.
    Bearer(Option<String>),
    Session(String),
}

impl Credentials {
    /// What the request carries, if anything.
    pub fn of(headers: &HeaderMap) -> Option<Credentials> {
        if let Some(auth) = headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(|t| t.trim().to_owned());
            return Some(Credentials::Bearer(token));
        }
        cookie(headers, SESSION_COOKIE).map(|id| Credentials::Session(id.to_owned()))
    }

    /// Who is asking, if the accounts can tell without asking the store: a bearer token
    /// confirmed live within [`chancery_accounts::TOKEN_RECHECK`]. Never blocks.
    pub fn recently_confirmed(&self, accounts: &Accounts) -> Option<Principal> {
        match self {
            Credentials::Bearer(Some(token)) => accounts.token_cached(token),
            _ => None,
        }
    }

    /// For monitoring alone, while the accounts store cannot answer: a bearer token it
    /// confirmed within [`chancery_accounts::TOKEN_OUTAGE_GRACE`].
    pub fn confirmed_before_outage(&self, accounts: &Accounts) -> Option<Principal> {
        match self {
            Credentials::Bearer(Some(token)) => accounts.token_for_monitoring_in_outage(token),
            _ => None,
        }
    }

    /// Who is asking. A bearer header that names no live token is an error, not anonymity,
    /// so a script with a revoked token learns it at once. Blocking: asks the store.
    pub fn authenticate(&self, accounts: &Accounts) -> Result<Principal, NotAuthenticated> {
        match self {
            Credentials::Bearer(None) => Err(NotAuthenticated::BadToken),
            Credentials::Bearer(Some(token)) => match accounts.token(token) {
                Ok(Some(principal)) => Ok(principal),
                Ok(None) => Err(NotAuthenticated::BadToken),
                Err(e) => Err(unavailable(&e)),
            },
            // A session that has ended is anonymity: the pages offer the sign-in form.
            Credentials::Session(id) => match accounts.session(id, now_micros()) {
                Ok(found) => Ok(found.unwrap_or(Principal::Anonymous)),
                Err(e) => Err(unavailable(&e)),
            },
        }
    }
}

fn unavailable(e: &chancery_accounts::AccountsError) -> NotAuthenticated {
    // One line every few seconds: while a database restarts every request would say it.
    static LAST_SAID: AtomicU64 = AtomicU64::new(0);
    let now = now_micros().max(0) as u64 / 1_000_000;
    let last = LAST_SAID.load(Ordering::Relaxed);
    if now >= last + QUIET_SECONDS
        && LAST_SAID
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(error = %e, "the accounts store did not answer a credentials check (said at most every {QUIET_SECONDS} s)");
    }
    NotAuthenticated::Unavailable
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A state-changing request from a browser must come from our own pages. Browsers send
/// `Sec-Fetch-Site` and `Origin` on every POST, so a cross-site one is recognised and refused,
/// whatever it carries (this covers the login form too). A request with neither header is not
/// a browser's: it is refused only if it carries the session cookie, the one credential a
/// browser attaches by itself; a script with a bearer token or none has no ambient authority
/// to abuse. Same-site sibling hosts count as cross-origin. `Host` itself has been checked
/// against the site by [`host_refused`], so a page from a rebound DNS name never gets here.
fn cross_origin(headers: &HeaderMap, site: &Site) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // Both headers, when present, must agree that the request is our own: `Sec-Fetch-Site`
    // cannot be forged by a page, and `Origin` carries the scheme and port it does not.
    if let Some(site_header) = headers.get("sec-fetch-site") {
        if !matches!(site_header.to_str(), Ok("same-origin" | "none")) {
            return true;
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        // An `Origin` that is not even text is nobody's own page. `null` (privacy settings
        // on a same-origin form post) is accepted only where `Sec-Fetch-Site` vouched.
        return match origin.to_str() {
            Ok("null") => !headers.contains_key("sec-fetch-site"),
            Ok(origin) => !site.origin_allowed(origin, host),
            Err(_) => true,
        };
    }
    if headers.contains_key("sec-fetch-site") {
        return false;
    }
    session_cookie_value(headers).is_some()
}

/// The answer to a request whose `Host` is not this site's (421), given before anything else
/// reads it: a DNS-rebinding page posts to our address under its own name. `None` when the
/// host is this site's.
pub fn host_refused(app: &AppState, req: &Request) -> Option<Response> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    if host.is_some_and(|h| app.site.host_allowed(h)) {
        return None;
    }
    let why = "this server does not answer to that host name (see --public-url)";
    Some(if req.uri().path().starts_with("/api/") {
        Outcome::new(StatusCode::MISDIRECTED_REQUEST, "unknown_host", why).into_response()
    } else {
        (StatusCode::MISDIRECTED_REQUEST, why).into_response()
    })
}

fn source(req: &Request) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// Writes one audit line; failing to audit is logged, and the request it describes has
/// already been refused or done.
pub fn audit(
    app: &AppState,
    principal: &Principal,
    source: &str,
    action: &'static str,
    target: String,
    outcome: &'static str,
    detail: String,
) {
    Audited {
        log: &app.accounts,
        who: principal,
        source,
    }
    .note(action, target, outcome, detail);
}

/// How often a store that does not answer is logged by the credentials check.
const QUIET_SECONDS: u64 = 5;

/// Why a request was answered 503 before anyone could tell who sent it.
pub const ACCOUNTS_UNAVAILABLE: &str =
    "the accounts store cannot be reached just now, so who is asking cannot be checked; try again in a few seconds";

/// A request the authorisation layer turned away, and why: the edge (`crate::router`) answers
/// it as the API or the pages answer.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub why: &'static str,
}

fn denied(app: &AppState, req: &Request, principal: &Principal, refusal: Refusal) -> Refusal {
    let target = format!("{} {}", req.method(), req.uri().path());
    let outcome = if refusal.status == StatusCode::UNAUTHORIZED {
        "401"
    } else {
        "403"
    };
    // Denials are what a flood is made of: bounded strings, and past a few per address and
    // minute only counted (one aggregate row), so refused requests cost bounded disk. Not
    // waited for: the row joins the audit log's next group commit, off this worker.
    let _ = app.accounts.submit_denial(&NewAudit {
        at: now_micros(),
        actor: principal.actor(),
        org: principal.org(),
        source: source(req),
        action: "denied",
        target,
        outcome,
        detail: refusal.why.to_owned(),
    });
    refusal
}

/// Who is asking and whether they may: the principal for [`hand_over`], or a refusal (already
/// audited) for the edge to answer.
///
/// `authenticated` is [`Credentials::authenticate`]'s answer for the request (anonymous when
/// it carries none), found off the async workers by the caller.
pub fn admit(
    app: &AppState,
    req: &Request,
    authenticated: Result<Principal, NotAuthenticated>,
) -> Result<Principal, Refusal> {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str);
    let principal = match authenticated {
        Ok(principal) => principal,
        Err(NotAuthenticated::BadToken) => {
            return Err(denied(
                app,
                req,
                &Principal::Anonymous,
                Refusal {
                    status: StatusCode::UNAUTHORIZED,
                    why: "the bearer token is not valid (unknown, revoked, or its user disabled)",
                },
            ))
        }
        // Not a denial, and the audit log shares the store that did not answer.
        Err(NotAuthenticated::Unavailable) => {
            return Err(Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                why: ACCOUNTS_UNAVAILABLE,
            })
        }
    };
    if !is_safe(req.method()) && cross_origin(req.headers(), &app.site) {
        return Err(denied(
            app,
            req,
            &principal,
            Refusal {
                status: StatusCode::FORBIDDEN,
                why: "cross-origin request refused: state-changing requests must come from this site's own pages or carry a bearer token",
            },
        ));
    }
    match judge(app, req.method(), path, &principal) {
        Ok(()) => Ok(principal),
        Err(refusal) => Err(denied(app, req, &principal, refusal)),
    }
}

/// Whether the access table lets `principal` ask `method` of the route `template` (`None`: a
/// request that matched no route), and if not, the refusal. Decides alone, writes nothing:
/// [`admit`] audits what it refuses, and the cache's early answer (`cache::layer::kept`) asks
/// it before answering and leaves whatever it refuses to the full path, which refuses it.
pub fn judge(
    app: &AppState,
    method: &Method,
    template: Option<&str>,
    principal: &Principal,
) -> Result<(), Refusal> {
    // HEAD is answered by the GET route.
    let looked_up = if method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    let access = template.and_then(|p| app.access.get(&(looked_up.clone(), p)).copied());
    let allowed = match access {
        // A route missing from the table is refused: the table is the only way in.
        None => false,
        Some(Access::Open) => true,
        // Changing one's own sessions needs the session itself or a write token.
        Some(Access::SignedIn) => match principal {
            Principal::Anonymous => false,
            Principal::Token { scope, .. } => {
                is_safe(method) || *scope == chancery_accounts::TokenScope::Write
            }
            Principal::Session(_) => true,
        },
        Some(Access::Needs(p)) => principal.allows(p, app.public_read),
        Some(Access::Record) => {
            principal.allows(Permission::RecordAct, app.public_read)
                || principal.allows(Permission::RecordTalks, app.public_read)
        }
        Some(Access::Operator) => {
            principal
                .user()
                .is_some_and(|u| u.org.id.as_str() == chancery_accounts::OPERATOR_ORG)
                && (principal.allows(Permission::Audit, false)
                    || principal.allows(Permission::ManageUsers, false))
        }
    };
    if !allowed {
        let (status, why) = if *principal == Principal::Anonymous {
            (
                StatusCode::UNAUTHORIZED,
                "sign in, or send `Authorization: Bearer <token>`",
            )
        } else {
            (
                StatusCode::FORBIDDEN,
                "your role does not allow this request",
            )
        };
        return Err(Refusal { status, why });
    }
    Ok(())
}

/// Gives the handler who is asking and from where. Only requests that reach a handler need it:
/// a cached answer does without (the address is written out as text for each).
pub fn hand_over(req: &mut Request, principal: Principal) {
    let source = Source(source(req));
    req.extensions_mut().insert(principal);
    req.extensions_mut().insert(source);
}

/// The peer address of the request, for the audit log.
#[derive(Clone, Debug)]
pub struct Source(pub String);

/// The organisation of the principal a request was answered for, for its access line.
#[derive(Clone)]
pub struct Org(pub String);

/// On a response whose headers [`secure`] has already set (a kept answer's, which are kept with
/// them): the edge need not set them again.
#[derive(Clone, Copy, Debug)]
pub struct Secured;

/// Headers on every response: no framing, no sniffing, no referrers, and a policy that allows
/// no script at all and nothing from other hosts.
pub fn secure(h: &mut HeaderMap) {
    // Names as constants: a name given as text is parsed again on every insert.
    const OPENER_POLICY: HeaderName = HeaderName::from_static("cross-origin-opener-policy");
    let set = |h: &mut HeaderMap, k: HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Browsers heed it only over HTTPS (behind the TLS proxy `--secure-cookies` is for).
    set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    // Not `no-referrer`: that makes browsers send `Origin: null` on our own form posts.
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, OPENER_POLICY, "same-origin");
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages may hold non-public facts: keep them out of shared caches.
        set(h, header::CACHE_CONTROL, "no-store");
    }
}
