//! Where the cache meets a request: after the authorisation layer has admitted it (so a hit is
//! authorised exactly as a miss), before the handler.

use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use chancery_accounts::Principal;
use chancery_app::today;
use tracing::{Instrument, Span};

use super::validators::{etag_of, not_modified};
use super::{Answer, Key, Turn, Viewer};
use crate::access::{hand_over, judge, Credentials, Secured};
use crate::metrics::RouteIndex;
use crate::state::AppState;

/// The routes whose `GET` answer is a function of the image, the reader, the request and the
/// day, and nothing else. Not here: health and readiness (they change without an act), the
/// audit log (it grows with every request), the downloads (streamed, large), the sign-in,
/// account and administration pages, the forms and what they confirm (they read the
/// accounts store), the metrics.
pub fn cacheable(template: &str) -> bool {
    CACHEABLE.contains(&template)
}

const CACHEABLE: &[&str] = &[
    "/api/v1/states",
    "/api/v1/relations",
    "/api/v1/relations/{a}/{b}/presence",
    "/api/v1/relations/{a}/{b}/measures",
    "/api/v1/relations/{a}/{b}/claims",
    "/api/v1/relations/{a}/{b}/consular/services",
    "/api/v1/relations/{a}/{b}/consular/capacity",
    "/api/v1/relations/{a}/{b}/consular/cases",
    "/api/v1/relations/{a}/{b}/rounds",
    "/api/v1/relations/{a}/{b}/rounds/{id}",
    "/api/v1/relations/{a}/{b}/talks",
    "/api/v1/relations/{a}/{b}/brief",
    "/api/v1/relations/{a}/{b}/chains",
    "/api/v1/relations/{a}/{b}/parity",
    "/api/v1/relations/{a}/{b}/roadmap",
    "/api/v1/relations/{a}/{b}/index",
    "/api/v1/relations/{a}/{b}/commitments",
    "/api/v1/relations/{a}/{b}/alerts",
    "/api/v1/alerts",
    "/api/v1/search",
    "/api/v1/acts",
    "/",
    "/relations/{a}/{b}",
    "/relations/{a}/{b}/roadmap",
    "/relations/{a}/{b}/what-if",
    "/relations/{a}/{b}/consular",
    "/relations/{a}/{b}/posts/{id}/consular",
    "/relations/{a}/{b}/posts/{id}",
    "/relations/{a}/{b}/measures/{id}",
    "/relations/{a}/{b}/talks",
    "/relations/{a}/{b}/talks/brief",
    "/relations/{a}/{b}/rounds/{id}",
    "/relations/{a}/{b}/commitments/{id}",
    "/relations/{a}/{b}/people/{name}",
    "/relations/{a}/{b}/diplomatic-list",
    "/relations/{a}/{b}/posts/{id}/diplomatic-list",
    "/relations/{a}/{b}/alerts",
    "/relations/{a}/{b}/alerts.atom",
    "/search",
    "/acts",
    "/acts/{seq}",
    "/alerts",
    "/alerts.atom",
];

/// The version of the image (`Chancery::version`) now, read without taking the image's lock:
/// a cached answer never waits behind a writer, nor behind the computations a writer waits
/// for. Sound because the version moves before a writer releases the lock and its act is
/// acknowledged only after that: a request that sees the version from before the act came
/// before the act was acknowledged, and the answer kept at that version is still its answer.
/// What is computed and kept is judged under the lock ([`settled`]).
fn version(app: &AppState) -> u64 {
    app.chancery.version()
}

/// The version of the image if every act in it is durable and the service is sound: only then
/// may an answer be kept (an act the image holds but the journal does not yet may still be
/// taken back, and what reads the journal would not see it yet, though the image will not
/// change when it becomes durable).
fn settled(app: &AppState) -> Option<u64> {
    let chancery = &app.chancery;
    if chancery.failed() {
        return None;
    }
    let (version, last) = {
        let image = chancery.image();
        (chancery.version(), image.last_seq())
    };
    (chancery.journal().committed_seq() >= last).then_some(version)
}

/// Waits, a moment at most, until every act in the image is durable. An act is applied to the
/// image before its group commit; an answer computed in between holds an act that may yet be
/// taken back and cannot be kept, so each reader meanwhile (dozens under load) would compute
/// it for itself. Waiting the commit out (what its writer is doing too) lets the answer be
/// kept and shared. A journal that cannot commit (failed, reconnecting) returns at once; one
/// slower than [`DURABLE_WAIT`] is not waited for longer, and the answer is computed unkept.
async fn durable(app: &AppState) {
    let chancery = &app.chancery;
    let last = chancery.image().last_seq();
    let journal = chancery.journal();
    if journal.committed_seq() < last {
        let _ = tokio::time::timeout(DURABLE_WAIT, journal.durable(last)).await;
    }
}

/// How many leaders in a row a reader follows while acts keep coming in: then it computes.
const FOLLOWS: usize = 3;

/// Longer than a group commit takes on a sound disk or database, short beside a request's
/// time limit.
const DURABLE_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// The kept answer to a `GET`, found before the request is routed, if there is one and its
/// reader may have it: the way most reads are answered under load, spared the router and the
/// layers behind it. It is authorised exactly as on the full path (the same credentials, the
/// same access table, for the route the answer was computed by), but only when that takes no
/// look-up: a reader whose credentials must be checked in the accounts store, a request the
/// table refuses, one that is not kept: each gives `None` and takes the full path, which
/// answers (and refuses, and audits) it.
pub fn kept(app: &AppState, req: &Request) -> Option<Kept> {
    // GET alone: a HEAD's answer has no body, which the full path's method router sees to.
    if req.method() != Method::GET || !app.cache.enabled() || app.chancery.failed() {
        return None;
    }
    let who = match Credentials::of(req.headers()) {
        None => Principal::Anonymous,
        Some(credentials) => credentials.recently_confirmed(&app.accounts)?,
    };
    let key = key_of(req, &who);
    let kept = app.cache.get(&key, version(app))?;
    let template = app.metrics.template(kept.route)?;
    judge(app, req.method(), Some(template), &who).ok()?;
    app.metrics.cache_hits.inc();
    Some(Kept {
        res: respond(app, &kept, req.headers()),
        route: kept.route,
        org: who.org(),
    })
}

/// A kept answer found at the edge, with what its access line names (handed over as they are,
/// not as the response's extensions, each of which costs allocations).
pub struct Kept {
    pub res: Response,
    /// The route it was computed by.
    pub route: RouteIndex,
    /// The reader's organisation.
    pub org: Option<String>,
}

impl Kept {
    /// Whether it carries the security headers already (a whole answer does; a `304` does not).
    pub fn secured(&self) -> bool {
        is_whole(&self.res)
    }
}

/// A whole kept answer (not a `304`), which carries the security headers it was kept with.
fn is_whole(res: &Response) -> bool {
    res.status() == StatusCode::OK
}

/// What the answer to `req` for `who` is kept under.
fn key_of(req: &Request, who: &Principal) -> Key {
    let api = req.uri().path().starts_with("/api/");
    let lang = (!api).then(|| crate::web::i18n::of_request(req.uri().query(), req.headers()));
    Key::new(req.uri(), req.headers(), Viewer::of(who), lang, today())
}

/// Answers `req` from the cache, or runs it, in the span `span` makes, and keeps its answer.
/// `route` is the matched route, `template` its path template.
pub async fn answer(
    app: &AppState,
    who: Principal,
    route: RouteIndex,
    template: &str,
    mut req: Request,
    next: Next,
    span: impl FnOnce() -> Span,
) -> Response {
    let method = req.method().clone();
    if !app.cache.enabled()
        || !matches!(method, Method::GET | Method::HEAD)
        || !cacheable(template)
        || app.chancery.failed()
    {
        hand_over(&mut req, who);
        return next.run(req).instrument(span()).await;
    }
    let api = req.uri().path().starts_with("/api/");
    let key = key_of(&req, &who);
    let head = version(app);
    if let Some(kept) = app.cache.get(&key, head) {
        app.metrics.cache_hits.inc();
        return marked(respond(app, &kept, req.headers()));
    }
    // Boxed: the miss's state (the wait for a leader, for durability, the handler's future) is
    // large, and every future that holds this one is moved whole; a hit then moves only this.
    Box::pin(missed(app, who, route, key, head, api, req, next, span)).await
}

/// A request whose answer is not kept at `head`: it follows a leader computing it, or computes
/// it (and keeps it if it may).
#[allow(clippy::too_many_arguments)]
async fn missed(
    app: &AppState,
    who: Principal,
    route: RouteIndex,
    key: Key,
    mut head: u64,
    api: bool,
    mut req: Request,
    next: Next,
    span: impl FnOnce() -> Span,
) -> Response {
    if req.method() == Method::HEAD {
        // Its answer has no body to keep or to hash.
        app.metrics.cache_misses.inc();
        hand_over(&mut req, who);
        return next.run(req).instrument(span()).await;
    }
    // Held until the answer is kept (or found not to be kept): readers of the same key who
    // miss meanwhile wait for it rather than compute it too. A leader whose answer could not be
    // kept because an act came in meanwhile is followed by a new leader at the new version,
    // not by each of its followers computing alone; if the record stood still and nothing was
    // kept, the answer is not one that is kept, and each computes its own.
    let mut lead = None;
    for _ in 0..FOLLOWS {
        match app.cache.turn(&key, head) {
            Turn::Lead(mine) => {
                lead = Some(mine);
                break;
            }
            Turn::Follow(follow) => {
                follow.done().await;
                let now = version(app);
                if let Some(kept) = app.cache.get(&key, now) {
                    app.metrics.cache_hits.inc();
                    app.metrics.cache_waits.inc();
                    return marked(respond(app, &kept, req.headers()));
                }
                if now == head {
                    break;
                }
                head = now;
            }
        }
    }
    let _lead = lead;
    app.metrics.cache_misses.inc();
    durable(app).await;
    let public = who == Principal::Anonymous;
    hand_over(&mut req, who);
    let span = span();
    let asked = req.headers().clone();
    let before = settled(app);
    let res = next.run(req).instrument(span).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let Some(len) = res.body().size_hint().exact() else {
        return res;
    };
    if !app.cache.fits(usize::try_from(len).unwrap_or(usize::MAX)) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let etag = etag_of(&body);
    let h = &mut parts.headers;
    if let Ok(tag) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, tag);
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, cache_control(public));
    }
    // Answers differ by credentials; pages also by language (added by the router's layer).
    h.append(
        header::VARY,
        HeaderValue::from_static(if api {
            "authorization, cookie"
        } else {
            "authorization"
        }),
    );
    // What the edge adds to every answer, kept with it: a hit carries them already ([`Secured`]),
    // and the edge spares setting them again.
    crate::access::secure(h);
    let answer = Arc::new(Answer {
        route,
        etag,
        headers: parts.headers,
        body,
    });
    // Kept only if the image stood still, durable, from before the answer was computed until
    // after: it is then the answer at that version (which may be newer than the one this
    // reader missed at, if an act came in while it waited).
    if let Some(at) = before {
        if settled(app) == before {
            app.cache.put(key, at, Arc::clone(&answer));
        }
    }
    marked(respond(app, &answer, &asked))
}

/// A kept (or just computed) answer for a request: `304` with its validator and caching headers
/// if the client's copy is current, else the whole answer.
fn respond(app: &AppState, answer: &Answer, asked: &HeaderMap) -> Response {
    if not_modified(asked, &answer.etag) {
        app.metrics.not_modified.inc();
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            for v in answer.headers.get_all(&name) {
                res.headers_mut().append(name.clone(), v.clone());
            }
        }
        return res;
    }
    let mut res = Response::new(Body::from(answer.body.clone()));
    *res.headers_mut() = answer.headers.clone();
    res
}

/// `res` (from [`respond`]) marked [`Secured`] if it is a whole kept answer, which carries the
/// security headers already.
fn marked(mut res: Response) -> Response {
    if is_whole(&res) {
        res.extensions_mut().insert(Secured);
    }
    res
}

/// Public facts may stay in the reader's browser, revalidated on every use (`no-cache`) so a
/// recorded act shows at once, and never in a shared cache (`private`): the same URL answers
/// other readers, other languages, or nothing at all once public reading is turned off. What a
/// signed-in reader sees may be restricted: it is not written to their disk (`no-store`), and
/// a client that keeps it anyway may still ask with `If-None-Match`.
fn cache_control(public: bool) -> HeaderValue {
    HeaderValue::from_static(if public {
        "private, no-cache"
    } else {
        "private, no-store"
    })
}
