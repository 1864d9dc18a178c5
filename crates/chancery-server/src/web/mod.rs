//! Chancery's web pages: server-rendered HTML over the same domain calls as the JSON API.
//!
//! - every page takes an `as_of` date and every link it renders carries it (see [`Ctx::href`]),
//!   so a URL always shows the same view of the record; a page asked for without one is
//!   redirected to the same URL with today's date, which makes the address bar a stable link;
//! - charts are SVG drawn on the server by `plotters` ([`charts`]), inline in the page;
//! - forms post without JavaScript and record through [`Chancery::record`]; a refusal re-renders
//!   the form with the domain's message beside the field it names ([`forms`]);
//! - no JavaScript, no third-party front-end code, nothing loaded from another host: the one
//!   stylesheet is a string in this crate ([`layout::CSS`]).

pub mod charts;
mod forms;
mod layout;
mod pages;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chancery_domain::{CivilDate, StateCode};
use maud::Markup;
use serde::Deserialize;

use crate::api::AppState;
use crate::service::{today, Chancery, ServiceError, StoredAct};

pub use pages::{render_overview, OverviewError};

/// The demo's relation, where `/` leads when both states are registered.
const HOME_RELATION: (&str, &str) = ("US", "RU");

/// The journal's acts as the pages read them (the acts list, the staffing reports behind the
/// charts, a person's history), kept in memory and topped up incrementally: reading the whole
/// journal from SQLite on every page would dominate the render time.
#[derive(Default)]
pub struct ActLog {
    acts: Mutex<Arc<Vec<StoredAct>>>,
}

impl ActLog {
    /// Every act recorded so far, in journal order.
    pub fn snapshot(&self, chancery: &Chancery) -> Result<Arc<Vec<StoredAct>>, ServiceError> {
        // A panic while topping up leaves a shorter, still ordered list: safe to keep using.
        let mut guard = self.acts.lock().unwrap_or_else(|e| e.into_inner());
        let mut last = guard.last().map_or(0, |a| a.seq);
        if chancery.journal().last_seq() > last {
            let acts = Arc::make_mut(&mut guard);
            loop {
                let more = chancery.acts(last, 10_000)?;
                let Some(end) = more.last().map(|a| a.seq) else {
                    break;
                };
                last = end;
                acts.extend(more);
            }
        }
        Ok(guard.clone())
    }
}

/// What every page knows: the date it shows and the relation it is about, if any.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub as_of: CivilDate,
    pub relation: Option<(StateCode, StateCode)>,
}

impl Ctx {
    /// `path` with this page's `as_of` added to its query: the one way pages build links.
    pub fn href(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{path}{sep}as_of={}", self.as_of)
    }

    /// A link to a page of the current relation (`/relations/A/B{rest}`).
    pub fn rel(&self, rest: &str) -> String {
        match self.relation {
            Some((a, b)) => self.href(&format!("/relations/{a}/{b}{rest}")),
            None => self.href("/"),
        }
    }

    pub fn with_date(&self, as_of: CivilDate) -> Ctx {
        Ctx { as_of, ..*self }
    }
}

/// Percent-encodes a path segment or query value (names of people have spaces and accents).
pub fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A page that could not be shown, rendered as an HTML page with its status.
pub struct PageError {
    status: StatusCode,
    title: &'static str,
    message: String,
    ctx: Option<Ctx>,
}

impl PageError {
    fn new(status: StatusCode, title: &'static str, message: impl Into<String>) -> Self {
        PageError {
            status,
            title,
            message: message.into(),
            ctx: None,
        }
    }

    fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found", message)
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", message)
    }

    fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            format!("the page could not be rendered: {e}"),
        )
    }

    fn in_ctx(mut self, ctx: Ctx) -> Self {
        self.ctx = Some(ctx);
        self
    }
}

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> Self {
        PageError::internal(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let ctx = self.ctx.unwrap_or(Ctx {
            as_of: today(),
            relation: None,
        });
        let body = layout::page(
            &ctx,
            self.title,
            maud::html! {
                h1 { (self.title) }
                p role="alert" { (self.message) }
                p { a href=(ctx.href("/")) { "Go to the overview" } }
            },
        );
        (self.status, html(body)).into_response()
    }
}

fn html(markup: Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct AsOfQuery {
    as_of: Option<String>,
}

/// The page's date, or a redirect to the same URL with today's date when it has none, so the
/// address bar always holds a link that shows the same view.
/// The response is boxed: it is large, and the common path is the date.
fn as_of_or_redirect(uri: &Uri, raw: Option<&str>) -> Result<CivilDate, Box<Response>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.parse::<CivilDate>().map_err(|e| {
            Box::new(
                PageError::bad_request(format!("`as_of` is not a date (YYYY-MM-DD): {e}"))
                    .into_response(),
            )
        }),
        None => {
            // Drop an empty `as_of=` (a cleared date field) before adding today's.
            let kept: Vec<&str> = uri
                .query()
                .unwrap_or("")
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("as_of="))
                .collect();
            let ctx = Ctx {
                as_of: today(),
                relation: None,
            };
            let path = if kept.is_empty() {
                uri.path().to_owned()
            } else {
                format!("{}?{}", uri.path(), kept.join("&"))
            };
            Err(Box::new(Redirect::to(&ctx.href(&path)).into_response()))
        }
    }
}

fn relation(a: &str, b: &str) -> Result<(StateCode, StateCode), PageError> {
    let parse = |s: &str| {
        s.parse::<StateCode>()
            .map_err(|e| PageError::not_found(format!("`{s}` is not a state code: {e}")))
    };
    Ok((parse(a)?, parse(b)?))
}

/// Runs a page's rendering off the async workers: it reads the journal (SQLite) and holds the
/// image's read lock, neither of which should stall other requests.
async fn blocking<F>(f: F) -> Response
where
    F: FnOnce() -> Result<Markup, PageError> + Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(markup)) => html(markup),
        Ok(Err(e)) => e.into_response(),
        Err(e) => PageError::internal(e).into_response(),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/style.css", get(css))
        .route("/relations/{a}/{b}", get(overview))
        .route("/relations/{a}/{b}/posts/{id}", get(post_page))
        .route("/relations/{a}/{b}/measures/{id}", get(measure_page))
        .route("/relations/{a}/{b}/rounds/{id}", get(round_page))
        .route("/relations/{a}/{b}/commitments/{id}", get(commitment_page))
        .route("/relations/{a}/{b}/people/{name}", get(person_page))
        .route("/acts", get(acts_list))
        .route("/acts/new", get(forms::form_page).post(forms::submit))
        .route("/acts/{seq}", get(act_page))
        .layer(Extension(Arc::new(ActLog::default())))
}

/// The HTML 404 page for paths outside the API.
pub async fn not_found(uri: Uri) -> Response {
    PageError::not_found(format!("There is no page at {}.", uri.path())).into_response()
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        layout::CSS,
    )
}

async fn home(State(app): State<AppState>, uri: Uri, Query(q): Query<AsOfQuery>) -> Response {
    let as_of = match as_of_or_redirect(&uri, q.as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    let states = app.chancery.image().states();
    let has = |code: &str| states.iter().any(|(c, _)| c.as_str() == code);
    if has(HOME_RELATION.0) && has(HOME_RELATION.1) {
        let ctx = Ctx {
            as_of,
            relation: None,
        };
        let (a, b) = HOME_RELATION;
        return Redirect::to(&ctx.href(&format!("/relations/{a}/{b}"))).into_response();
    }
    html(pages::states_page(
        &Ctx {
            as_of,
            relation: None,
        },
        &states,
    ))
}

async fn overview(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    uri: Uri,
    Query(q): Query<AsOfQuery>,
) -> Response {
    let as_of = match as_of_or_redirect(&uri, q.as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    blocking(move || {
        let (a, b) = relation(&a, &b)?;
        let ctx = Ctx {
            as_of,
            relation: Some((a, b)),
        };
        render_overview(&app.chancery.image(), a, b, as_of)
            .map_err(|e| PageError::not_found(e.to_string()).in_ctx(ctx))
    })
    .await
}

/// The handlers of the pages about one thing in a relation differ only in the renderer.
type ItemRenderer =
    fn(&chancery_domain::Image, &[StoredAct], &Ctx, &str) -> Result<Markup, PageError>;

async fn item_page(
    app: AppState,
    log: Arc<ActLog>,
    (a, b, id): (String, String, String),
    uri: Uri,
    raw_as_of: Option<String>,
    render: ItemRenderer,
) -> Response {
    let as_of = match as_of_or_redirect(&uri, raw_as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    blocking(move || {
        let (a, b) = relation(&a, &b)?;
        let ctx = Ctx {
            as_of,
            relation: Some((a, b)),
        };
        let acts = log.snapshot(&app.chancery)?;
        let image = app.chancery.image();
        render(&image, &acts, &ctx, &id).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

macro_rules! item_handler {
    ($name:ident, $render:path) => {
        async fn $name(
            State(app): State<AppState>,
            Extension(log): Extension<Arc<ActLog>>,
            Path(path): Path<(String, String, String)>,
            uri: Uri,
            Query(q): Query<AsOfQuery>,
        ) -> Response {
            item_page(app, log, path, uri, q.as_of, $render).await
        }
    };
}

item_handler!(post_page, pages::post_page);
item_handler!(measure_page, pages::measure_page);
item_handler!(round_page, pages::round_page);
item_handler!(commitment_page, pages::commitment_page);
item_handler!(person_page, pages::person_page);

async fn acts_list(
    State(app): State<AppState>,
    Extension(log): Extension<Arc<ActLog>>,
    uri: Uri,
    Query(q): Query<pages::ActsQuery>,
) -> Response {
    let as_of = match as_of_or_redirect(&uri, q.as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    blocking(move || {
        let acts = log.snapshot(&app.chancery)?;
        let states = app.chancery.image().states();
        let ctx = Ctx {
            as_of,
            relation: home_relation(&states),
        };
        pages::acts_page(&ctx, &acts, &states, &q).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

async fn act_page(
    State(app): State<AppState>,
    Extension(log): Extension<Arc<ActLog>>,
    Path(seq): Path<String>,
    uri: Uri,
    Query(q): Query<AsOfQuery>,
) -> Response {
    let as_of = match as_of_or_redirect(&uri, q.as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    blocking(move || {
        let states = app.chancery.image().states();
        let ctx = Ctx {
            as_of,
            relation: home_relation(&states),
        };
        let seq: u64 = seq.parse().map_err(|_| {
            PageError::not_found(format!("`{seq}` is not an act number")).in_ctx(ctx)
        })?;
        let acts = log.snapshot(&app.chancery)?;
        let act = acts
            .iter()
            .find(|a| a.seq == seq)
            .ok_or_else(|| PageError::not_found(format!("no act #{seq}")).in_ctx(ctx))?;
        Ok(pages::act_page(&ctx, act))
    })
    .await
}

/// The relation the header's "Overview" link leads to from pages not about one relation.
fn home_relation(states: &[(StateCode, String)]) -> Option<(StateCode, StateCode)> {
    let find = |code: &str| {
        states
            .iter()
            .find(|(c, _)| c.as_str() == code)
            .map(|(c, _)| *c)
    };
    Some((find(HOME_RELATION.0)?, find(HOME_RELATION.1)?))
}

/// Whether a form post comes from one of our own pages. Browsers send `Sec-Fetch-Site` (and
/// `Origin` on every POST); a request carrying neither is not a browser's cross-site post.
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => true,
        Some(Err(_)) => false,
        Some(Ok(origin)) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            !host.is_empty()
                && (origin == format!("http://{host}") || origin == format!("https://{host}"))
        }
    }
}
