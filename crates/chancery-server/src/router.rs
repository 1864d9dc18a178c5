//! The edge: the whole route table (API and pages), the layers every request passes through,
//! and the answers to what the layers refuse, as JSON under `/api/` and as pages elsewhere.
//! Only this module knows both the API and the pages; neither knows the other.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Redirect, Response};
use chancery_accounts::Principal;
use tower::{Layer, Service};
use tracing::Instrument;

use crate::access::{
    admit, hand_over, host_refused, secure, Credentials, NotAuthenticated, Org, Refusal, Secured,
};
use crate::metrics::RouteIndex;
use crate::outcome::Outcome;
use crate::state::AppState;
use crate::table::{table_index, RouteSpec, Routes};

/// How long a request may take before the server gives up on it (slow clients and runaway
/// work alike); the journal's own writes are not cut short, only the wait for the answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route with the access it needs: the router and the authorisation table are both
/// built from this one list.
pub fn routes() -> Routes<AppState> {
    crate::api::routes()
        .merge(crate::web::routes())
        .merge(crate::ops::routes())
}

/// The declared routes (method, path, access): what the authorisation matrix test walks.
pub fn route_table() -> Vec<RouteSpec> {
    routes().into_parts().1
}

/// The whole application as one service: the edge ([`edge`]), then the router and what
/// it routes to.
///
/// The edge wraps the router rather than being one of its layers (which axum applies to each
/// route, after routing): a kept answer found at the edge (`cache::layer::kept`) is then
/// spared the routing too. Every request, matched or not, passes through the edge either way.
pub fn router(
    mut state: AppState,
) -> impl Service<Request, Response = Response, Error = Infallible, Future: Send + 'static>
       + Clone
       + Send
       + Sync
       + 'static {
    let (router, table) = routes().into_parts();
    state.access = table_index(&table);
    let routed = router
        .route_layer(from_fn_with_state(state.clone(), authorize))
        // JSON under the API, an HTML page elsewhere.
        .fallback(|uri: Uri, lang: crate::web::Lang| async move {
            if is_api(&uri) {
                crate::api::not_found().await.into_response()
            } else {
                crate::web::not_found(uri, lang).await
            }
        })
        .method_not_allowed_fallback(crate::api::method_not_allowed)
        // 1 MiB: the largest act is a few kilobytes; a what-if request a few dozen acts.
        .layer(axum::extract::DefaultBodyLimit::max(1 << 20))
        .with_state(state.clone());
    // Outermost: every request gets its access line, refused ones included.
    from_fn_with_state(state, edge).layer(routed)
}

/// The API, and the operator's routes, which scripts read: refusals are answered as the API
/// answers them (a status and a JSON envelope), never by a redirect to the sign-in form.
fn is_api(uri: &Uri) -> bool {
    uri.path().starts_with("/api/") || matches!(uri.path(), "/healthz" | "/readyz" | "/metrics")
}

/// The layer every matched route passes through: the handler gets the principal and the
/// request's source, or the request is answered with the refusal.
///
/// Then the answer cache (`crate::cache`): a hit is authorised exactly as a miss. The route
/// and organisation found here label the request's metrics and access line, which the edge
/// writes.
///
/// What a handler or a refusal logs is in a span naming the request (method, route, the
/// principal's organisation); a cached answer logs nothing but its access line, which names
/// them itself, so it is spared making one.
async fn authorize(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let route = matched
        .as_ref()
        .and_then(|m| app.metrics.route_index(req.method(), m.as_str()));
    let authenticated = match Credentials::of(req.headers()) {
        None => Ok(Principal::Anonymous),
        Some(credentials) => match credentials.recently_confirmed(&app.accounts) {
            // A token the store confirmed live moments ago needs no trip to the blocking pool.
            Some(known) => Ok(known),
            None => {
                let accounts = Arc::clone(&app.accounts);
                let monitoring = matched.as_ref().is_some_and(|m| m.as_str() == "/metrics");
                tokio::task::spawn_blocking(move || {
                    match credentials.authenticate(&accounts) {
                        // The operator's view of an outage is not lost to it.
                        Err(NotAuthenticated::Unavailable) if monitoring => credentials
                            .confirmed_before_outage(&accounts)
                            .ok_or(NotAuthenticated::Unavailable),
                        other => other,
                    }
                })
                .await
                .unwrap_or(Err(NotAuthenticated::Unavailable))
            }
        },
    };
    let admitted = admit(&app, &req, authenticated);
    let org = admitted.as_ref().ok().and_then(Principal::org);
    let method = req.method().clone();
    let span = || {
        tracing::info_span!(
            "request",
            method = %method,
            route = matched.as_ref().map(MatchedPath::as_str),
            org = org.as_deref(),
        )
    };
    let mut res = match admitted {
        Ok(principal) => match (&matched, route) {
            (Some(template), Some(index)) => {
                crate::cache::layer::answer(
                    &app,
                    principal,
                    index,
                    template.as_str(),
                    req,
                    next,
                    span,
                )
                .await
            }
            _ => {
                hand_over(&mut req, principal);
                next.run(req).instrument(span()).await
            }
        },
        Err(refusal) => span().in_scope(|| refused(&req, refusal)),
    };
    if let Some(route) = route {
        res.extensions_mut().insert(route);
    }
    if let Some(org) = org {
        res.extensions_mut().insert(Org(org));
    }
    res
}

fn refused(req: &Request, Refusal { status, why }: Refusal) -> Response {
    tracing::info!(status = status.as_u16(), why, "refused");
    let unauthorized = status == StatusCode::UNAUTHORIZED;
    if status == StatusCode::SERVICE_UNAVAILABLE {
        return busy(req, why);
    }
    if is_api(req.uri()) {
        let code = if unauthorized {
            "unauthorized"
        } else {
            "forbidden"
        };
        return Outcome::new(status, code, why).into_response();
    }
    if unauthorized && req.method() == Method::GET {
        let next = req.uri().path_and_query().map_or("/", |p| p.as_str());
        return Redirect::to(&format!("/login?next={}", crate::web::encode(next))).into_response();
    }
    let lang = crate::web::i18n::of_request(req.uri().query(), req.headers());
    crate::web::forbidden_page(status, why, lang)
}

/// A request that cannot be answered just now: the API's `busy` envelope, or the page, each
/// with `Retry-After`.
fn busy(req: &Request, why: &'static str) -> Response {
    if is_api(req.uri()) {
        return Outcome::new(StatusCode::SERVICE_UNAVAILABLE, crate::outcome::BUSY, why)
            .into_response();
    }
    let lang = crate::web::i18n::of_request(req.uri().query(), req.headers());
    crate::web::unavailable_page(why, lang)
}

/// What every request passes through, in one layer (each layer of its own cost a request a
/// boxed future and a clone of the service: four of them were a fifth of a cached answer):
///
/// - one access line per request: method, route (the pattern, never the query), the
///   principal's organisation once known, status and latency; the same in the metrics, by
///   route template;
/// - a request for another site's name is answered (421) by nothing else;
/// - a `GET` whose answer is kept, for a reader the access table lets have it, is answered
///   from the cache before routing (`cache::layer::kept`);
/// - it is given at most [`REQUEST_TIMEOUT`], then answered 503;
/// - pages speak the reader's language (`web::i18n`): a choice made with the switch's `lang`
///   parameter is kept in a cookie, and every page varies by the headers that choose it, so no
///   cache serves one reader's language to another;
/// - every answer, refusals included, carries the security headers ([`secure`]).
async fn edge(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let started = Instant::now();
    let (res, kept) = guard(&app, req, next).await;
    let (route, org) = match &kept {
        Some((route, org)) => (Some(*route), org.as_deref()),
        None => (
            res.extensions().get::<RouteIndex>().copied(),
            res.extensions().get::<Org>().map(|o| o.0.as_str()),
        ),
    };
    let status = res.status().as_u16();
    let took = started.elapsed();
    app.metrics.observe(route, status, took);
    tracing::info!(
        method = %method,
        route = route.and_then(|r| app.metrics.template(r)),
        org,
        status,
        latency_us = u64::try_from(took.as_micros()).unwrap_or(u64::MAX),
        "answered"
    );
    res
}

/// The edge within the access line: host, time limit, language, security headers. With the
/// answer, the route and organisation of a kept answer found here (`None`: the router's layers
/// name them in the answer's extensions, if they were found).
async fn guard(
    app: &AppState,
    req: Request,
    next: Next,
) -> (Response, Option<(RouteIndex, Option<String>)>) {
    if let Some(mut refused) = host_refused(app, &req) {
        secure(refused.headers_mut());
        return (refused, None);
    }
    let api = is_api(req.uri());
    // Pages only: the API speaks JSON, and its time-out answer names no language.
    let page = (!api).then(|| {
        (
            crate::web::i18n::from_query(req.uri().query()),
            crate::web::i18n::of_request(req.uri().query(), req.headers()),
        )
    });
    let (mut res, secured, kept) = match crate::cache::layer::kept(app, &req) {
        Some(kept) => {
            let secured = kept.secured();
            (kept.res, secured, Some((kept.route, kept.org)))
        }
        None => {
            let res = run(req, next, page).await;
            let secured = res.extensions().get::<Secured>().is_some();
            (res, secured, None)
        }
    };
    let headers = res.headers_mut();
    if let Some((chosen, _)) = page {
        if let Some(lang) = chosen {
            if let Ok(v) = crate::web::i18n::cookie(lang).parse() {
                headers.append(axum::http::header::SET_COOKIE, v);
            }
        }
        headers.append(
            axum::http::header::VARY,
            axum::http::HeaderValue::from_static("accept-language, cookie"),
        );
    }
    if !secured {
        secure(res.headers_mut());
    }
    (res, kept)
}

/// The request through the router, its handler and the layers between, within
/// [`REQUEST_TIMEOUT`]. `page`: the language of a page's time-out answer (`None`: the API).
async fn run(
    req: Request,
    next: Next,
    page: Option<(Option<crate::web::Lang>, crate::web::Lang)>,
) -> Response {
    match within(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => match page {
            None => Outcome::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "the request took too long",
            )
            .into_response(),
            Some((_, lang)) => crate::web::forbidden_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "The request took too long.",
                lang,
            ),
        },
    }
}

/// `tokio::time::timeout`, with the timer set only if `work` is not done at its first poll: a
/// cached answer is, and would set and clear a timer for nothing. The limit still counts from
/// the start.
async fn within<F: std::future::Future>(
    limit: Duration,
    work: F,
) -> Result<F::Output, tokio::time::error::Elapsed> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut work = std::pin::pin!(work);
    let first = std::future::poll_fn(|cx| std::task::Poll::Ready(work.as_mut().poll(cx))).await;
    match first {
        std::task::Poll::Ready(done) => Ok(done),
        std::task::Poll::Pending => tokio::time::timeout_at(deadline, work).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_done_at_once_needs_no_timer_and_work_that_waits_is_cut_off() {
        assert_eq!(
            within(Duration::from_millis(1), async { 7 }).await.ok(),
            Some(7)
        );
        let waited = async {
            tokio::task::yield_now().await;
            8
        };
        assert_eq!(within(REQUEST_TIMEOUT, waited).await.ok(), Some(8));
        let never = std::future::pending::<()>();
        assert!(within(Duration::from_millis(1), never).await.is_err());
    }
}
