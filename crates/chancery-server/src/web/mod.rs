//! Chancery's web pages: server-rendered HTML over the same domain calls as the JSON API.
//!
//! - every page takes an `as_of` date and every link it renders carries it (see [`Ctx::href`]),
//!   so a URL always shows the same view of the record; a page asked for without one is
//!   redirected to the same URL with today's date, which makes the address bar a stable link;
//!   the overview and the item pages also take `known_through` (transaction time), carried the
//!   same way;
//! - nothing of the journal is kept in memory: the acts list reads the journal in bounded pages
//!   ([`acts`]), and a page listing a thing's history fetches exactly the acts the image's
//!   timelines name (`Image::post_history`, `Chancery::acts_at`);
//! - charts are SVG drawn on the server by `plotters` ([`charts`]), inline in the page;
//! - forms post without JavaScript and record through
//!   [`Chancery::record_as`](chancery_app::Chancery::record_as); a refusal re-renders
//!   the form with the domain's message beside the field it names ([`forms`]);
//! - no JavaScript, no third-party front-end code, nothing loaded from another host: the one
//!   stylesheet is a string in this crate ([`layout::CSS`]).

mod about;
mod account;
mod acts;
mod alert_pages;
mod alerts;
pub mod charts;
mod claims;
mod consular;
mod desk;
mod forms;
pub mod home;
pub mod i18n;
mod layout;
mod life;
mod overview;
mod pages;
mod request;
mod roadmap;
mod said;
mod search;
mod talks;
mod whatif;
mod words;

use crate::table::{Access, Routes};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chancery_accounts::{Permission, Principal};
use chancery_domain::image::timeline::View;
use chancery_domain::{CivilDate, Image, Reader, StateCode};
use maud::Markup;

use crate::state::AppState;
use chancery_app::{today, ServiceError, StoredAct};
pub use i18n::Lang;
use request::{as_of_or_redirect, PageRequest};

use crate::outcome::Outcome;

pub use consular::{render_desk, render_post_desk};
pub use desk::render as render_diplomatic_list;
pub use home::{render_home, Sort};
pub use overview::{render_overview, OverviewError};

/// Who the page is for: what they may see, and what the header offers them. The default is
/// the narrowest (public facts, signed out), so a page that forgot its scope shows less, never
/// more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub reader: Reader,
    pub signed_in: bool,
    pub may_record: bool,
    pub may_manage_users: bool,
    /// The language the page is written in.
    pub lang: Lang,
}

impl Scope {
    pub const PUBLIC: Scope = Scope {
        reader: Reader::Public,
        signed_in: false,
        may_record: false,
        may_manage_users: false,
        lang: Lang::En,
    };

    /// Whose view this is, in words.
    pub fn reader_label(&self) -> String {
        let lang = self.lang;
        match self.reader {
            Reader::Public | Reader::Rules | Reader::Within(_) => {
                i18n::message(lang, "reader-public", &[])
            }
            Reader::Party(s) => {
                i18n::message(lang, "reader-party", &[("state", s.as_str().into())])
            }
            Reader::Mediator => i18n::message(lang, "reader-mediator", &[]),
        }
    }

    /// The same reader, in `lang`.
    pub fn in_lang(self, lang: Lang) -> Scope {
        Scope { lang, ..self }
    }

    pub fn of(who: &Principal) -> Scope {
        Scope {
            reader: who.reader(),
            signed_in: *who != Principal::Anonymous,
            may_record: who.allows(Permission::RecordAct, false)
                || who.allows(Permission::RecordTalks, false),
            may_manage_users: who.allows(Permission::ManageUsers, false),
            lang: Lang::En,
        }
    }
}

/// The demo's relation, where `/` leads when both states are registered.
const HOME_RELATION: (&str, &str) = ("US", "RU");

/// What every page knows: the date it shows, the point of the journal it shows the record as
/// of, and the relation it is about, if any.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub as_of: CivilDate,
    /// Transaction time: the record as it stood after this act; `None` for all of it.
    pub known_through: Option<u64>,
    pub relation: Option<(StateCode, StateCode)>,
    pub scope: Scope,
}

impl Ctx {
    pub fn new(as_of: CivilDate, relation: Option<(StateCode, StateCode)>) -> Ctx {
        Ctx {
            as_of,
            known_through: None,
            relation,
            scope: Scope::PUBLIC,
        }
    }

    pub fn scoped(self, scope: Scope) -> Ctx {
        Ctx { scope, ..self }
    }

    /// `path` with this page's `as_of` (and `known_through`, when set) added to its query: the
    /// one way pages build links.
    pub fn href(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        match self.known_through {
            Some(seq) => format!("{path}{sep}as_of={}&known_through={seq}", self.as_of),
            None => format!("{path}{sep}as_of={}", self.as_of),
        }
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

    /// The same date on everything recorded: for links to pages that always answer on the
    /// whole record (the roadmap, what-if).
    pub fn whole_record(&self) -> Ctx {
        Ctx {
            known_through: None,
            ..*self
        }
    }

    /// The domain's view for this page.
    pub fn view(&self) -> View {
        View::new(self.as_of, self.known_through, self.scope.reader)
    }

    pub fn lang(&self) -> Lang {
        self.scope.lang
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        i18n::message(self.scope.lang, id, &[])
    }

    /// The message `id` with arguments, in the page's language.
    pub fn t_args(&self, id: &str, args: &[(&str, i18n::Arg<'_>)]) -> String {
        i18n::message(self.scope.lang, id, args)
    }

    /// The label of a code: message `<prefix>-<code>`.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        i18n::label(self.scope.lang, prefix, code)
    }

    /// The label of a vocabulary's value.
    pub fn word<W: i18n::Worded>(&self, value: W) -> String {
        i18n::label(self.scope.lang, W::PREFIX, value.code())
    }
}

/// What a path segment or query value keeps as is: RFC 3986's unreserved characters, so that
/// slugs (`us-cg-st-petersburg`) read the same in the address bar.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path segment or query value (names of people have spaces and accents).
pub fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

/// A page that could not be shown, rendered as an HTML page with its status.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    /// The message id of the page's title (`error-not-found`).
    title: &'static str,
    message: Said,
    ctx: Option<Ctx>,
}

/// What an error page says: a message worded in the page's language, or text as it came (the
/// domain's and the API's refusals are English, as the API gives them).
#[derive(Debug)]
enum Said {
    Text(String),
    Message(&'static str, Vec<(&'static str, String)>),
    /// A rule's refusal, worded from what the rule says.
    Refusal(Box<chancery_domain::RuleViolation>),
}

impl PageError {
    fn new(status: StatusCode, title: &'static str, message: impl Into<String>) -> Self {
        PageError {
            status,
            title,
            message: Said::Text(message.into()),
            ctx: None,
        }
    }

    fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "error-not-found", message)
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "error-bad-request", message)
    }

    /// The page says message `id` with `args`, in the page's language.
    fn saying(mut self, id: &'static str, args: &[(&'static str, &str)]) -> Self {
        let args = args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        self.message = Said::Message(id, args);
        self
    }

    /// The cause goes to the operator's log, never onto the page: it may name paths.
    fn internal(e: impl std::fmt::Display) -> Self {
        Outcome::internal(e).into()
    }

    fn in_ctx(mut self, ctx: Ctx) -> Self {
        self.ctx = Some(ctx);
        self
    }

    /// In the reader's language, for a failure found before the page had its context.
    fn in_lang(mut self, lang: Lang) -> Self {
        let ctx = self.ctx.unwrap_or(Ctx::new(today(), None));
        self.ctx = Some(ctx.scoped(ctx.scope.in_lang(lang)));
        self
    }
}

/// Pages answer a failure with the API's status and message (see `crate::outcome`).
impl From<Outcome> for PageError {
    fn from(o: Outcome) -> Self {
        let title = match o.status {
            StatusCode::BAD_REQUEST => "error-bad-request",
            StatusCode::FORBIDDEN => "error-not-allowed",
            StatusCode::NOT_FOUND => "error-not-found",
            StatusCode::UNPROCESSABLE_ENTITY => "error-refused",
            StatusCode::SERVICE_UNAVAILABLE => "error-unavailable",
            _ => "error-internal",
        };
        let page = PageError::new(o.status, title, o.message);
        // The failures of the server itself say the same whatever the request: worded here.
        match o.code {
            "internal_error" => page.saying("error-internal-text", &[]),
            "journal_failed" => page.saying("error-journal-failed", &[]),
            _ => page,
        }
    }
}

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Rule(v) => {
                let page: PageError = Outcome::from(ServiceError::Rule(v.clone())).into();
                PageError {
                    message: Said::Refusal(Box::new(v)),
                    ..page
                }
            }
            e => Outcome::from(e).into(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let ctx = self.ctx.unwrap_or(Ctx::new(today(), None));
        let title = ctx.t(self.title);
        let message = match self.message {
            Said::Text(text) => text,
            Said::Message(id, args) => {
                let args: Vec<(&str, i18n::Arg)> =
                    args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
                ctx.t_args(id, &args)
            }
            // English keeps the API's words; the states' names in the page's language are
            // not at hand here, so a state a refusal names is given by its code.
            Said::Refusal(v) => said::refusals::sentence(&ctx, &pages::Names::new(), &v),
        };
        let body = layout::page(
            &ctx,
            &title,
            maud::html! {
                h1 { (title) }
                p role="alert" { (message) }
                p { a href=(ctx.href("/")) { (ctx.t("go-to-overview")) } }
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

fn relation(a: &str, b: &str) -> Result<(StateCode, StateCode), PageError> {
    let parse = |s: &str| {
        s.parse::<StateCode>().map_err(|e| {
            let why = e.to_string();
            PageError::not_found(format!("`{s}` is not a state code: {why}"))
                .saying("error-not-state-code", &[("code", s), ("why", &why)])
        })
    };
    Ok((parse(a)?, parse(b)?))
}

/// Runs a page's rendering off the async workers: it reads the journal (SQLite) and holds the
/// image's read lock, neither of which should stall other requests.
async fn blocking<F>(f: F) -> Response
where
    F: FnOnce() -> Result<Markup, PageError> + Send + 'static,
{
    page(tokio::task::spawn_blocking(f).await)
}

/// [`blocking`], for a page over every relation: it waits for its turn ([`crate::compute`]).
async fn blocking_in_turn<F>(f: F) -> Response
where
    F: FnOnce() -> Result<Markup, PageError> + Send + 'static,
{
    page(crate::compute::off_workers(f).await)
}

fn page(done: Result<Result<Markup, PageError>, tokio::task::JoinError>) -> Response {
    answer_with(done, html)
}

/// What work run off the workers gave: its answer made by `respond`, its error page, or an
/// internal error if it panicked.
fn answer_with<T>(
    done: Result<Result<T, PageError>, tokio::task::JoinError>,
    respond: impl FnOnce(T) -> Response,
) -> Response {
    match done {
        Ok(Ok(made)) => respond(made),
        Ok(Err(e)) => e.into_response(),
        Err(e) => PageError::internal(e).into_response(),
    }
}

/// The pages and what each needs (see [`crate::access`]).
pub fn routes() -> Routes<AppState> {
    use axum::http::Method;
    use axum::routing::post;
    use Access::{Needs, Open, Record, SignedIn};
    const READ: Access = Access::Needs(Permission::Read);
    Routes::default()
        .route(Method::GET, "/", READ, get(home))
        .route(Method::GET, "/style.css", Open, get(css))
        .route(Method::GET, "/login", Open, get(account::login_page))
        .route(Method::POST, "/login", Open, post(account::login))
        .route(Method::POST, "/logout", SignedIn, post(account::logout))
        .route(
            Method::GET,
            "/account",
            SignedIn,
            get(account::account_page),
        )
        .route(
            Method::POST,
            "/account/sessions/revoke",
            SignedIn,
            post(account::revoke_sessions),
        )
        .route(
            Method::POST,
            "/account/password",
            SignedIn,
            post(account::change_password),
        )
        .route(
            Method::GET,
            "/admin/users",
            Needs(Permission::ManageUsers),
            get(account::users_page),
        )
        .route(
            Method::POST,
            "/admin/users",
            Needs(Permission::ManageUsers),
            post(account::add_user),
        )
        .route(
            Method::POST,
            "/admin/users/{user}/disable",
            Needs(Permission::ManageUsers),
            post(account::disable_user),
        )
        .route(Method::GET, "/relations/{a}/{b}", READ, get(overview))
        .route(
            Method::GET,
            "/relations/{a}/{b}/roadmap",
            READ,
            get(roadmap::page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/what-if",
            READ,
            get(whatif::page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/consular",
            READ,
            get(consular::relation_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/posts/{id}/consular",
            READ,
            get(consular::post_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/posts/{id}",
            READ,
            get(post_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/measures/{id}",
            READ,
            get(measure_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/talks",
            READ,
            get(talks::list),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/talks/brief",
            READ,
            get(talks::brief),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/rounds/{id}",
            READ,
            get(round_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/commitments/{id}",
            READ,
            get(commitment_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/people/{name}",
            READ,
            get(person_page),
        )
        .route(Method::GET, "/search", READ, get(search::page_handler))
        .route(Method::GET, "/acts", READ, get(acts::list))
        .route(Method::GET, "/acts/new", Record, get(forms::form_page))
        .route(Method::POST, "/acts/new", Record, post(forms::submit))
        .route(
            Method::GET,
            "/acts/{seq}/recorded",
            Record,
            get(forms::recorded),
        )
        .route(Method::GET, "/acts/{seq}", READ, get(acts::one))
        .merge(desk_routes())
}

/// The diplomatic list, the alerts pages and their Atom feeds.
fn desk_routes() -> Routes<AppState> {
    use axum::http::Method;
    const READ: Access = Access::Needs(Permission::Read);
    Routes::default()
        .route(
            Method::GET,
            "/relations/{a}/{b}/diplomatic-list",
            READ,
            get(desk::relation_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/posts/{id}/diplomatic-list",
            READ,
            get(desk::post_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/alerts",
            READ,
            get(alert_pages::relation_page),
        )
        .route(
            Method::GET,
            "/relations/{a}/{b}/alerts.atom",
            READ,
            get(alert_pages::relation_feed),
        )
        .route(Method::GET, "/alerts", READ, get(alert_pages::all_page))
        .route(
            Method::GET,
            "/alerts.atom",
            READ,
            get(alert_pages::all_feed),
        )
}

/// Why the layers before the pages refuse a request, as they say it in English, and the
/// message that says it in the reader's language. A reason not listed is shown as it is.
const REFUSALS: &[(&str, &str)] = &[
    ("your role does not allow this request", "error-role-forbids"),
    (
        "sign in, or send `Authorization: Bearer <token>`",
        "error-sign-in",
    ),
    (
        "the bearer token is not valid (unknown, revoked, or its user disabled)",
        "error-bad-token",
    ),
    (
        "cross-origin request refused: state-changing requests must come from this site's own pages or carry a bearer token",
        "error-cross-origin",
    ),
    ("The request took too long.", "error-too-long"),
    (
        crate::access::ACCOUNTS_UNAVAILABLE,
        "error-accounts-unavailable",
    ),
];

/// The page for a request the authorisation layer (or the time limit) refused, in the
/// reader's language.
pub fn forbidden_page(status: StatusCode, why: &str, lang: Lang) -> Response {
    refusal_page(status, "error-not-allowed", why, lang).into_response()
}

/// The page for a request that cannot be answered just now (the store it needs did not
/// answer), with the same `Retry-After` the API gives.
pub fn unavailable_page(why: &str, lang: Lang) -> Response {
    let page = refusal_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "error-unavailable",
        why,
        lang,
    );
    let retry = crate::outcome::BUSY_RETRY_SECONDS.to_string();
    ([(header::RETRY_AFTER, retry)], page).into_response()
}

/// A page titled `title` saying `why` in the reader's language, when it is one of the edge's
/// worded refusals ([`REFUSALS`]).
fn refusal_page(status: StatusCode, title: &'static str, why: &str, lang: Lang) -> PageError {
    let page = PageError::new(status, title, why.to_owned()).in_lang(lang);
    match REFUSALS.iter().find(|(text, _)| *text == why) {
        Some((_, id)) => page.saying(id, &[]),
        None => page,
    }
}

/// The HTML 404 page for paths outside the API.
pub async fn not_found(uri: Uri, lang: Lang) -> Response {
    let path = uri.path();
    PageError::not_found(format!("There is no page at {path}."))
        .saying("error-no-page", &[("path", path)])
        .in_lang(lang)
        .into_response()
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

/// `/`: the relations the reader can see, sortable (see [`home`]).
async fn home(
    State(app): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<home::SortQuery>,
    page: PageRequest,
) -> Response {
    blocking_in_turn(move || {
        let ctx = Ctx::new(page.as_of, None).scoped(page.scope);
        let known_through = page.known_through().map_err(|e| e.in_ctx(ctx))?;
        let ctx = Ctx {
            known_through,
            ..ctx
        };
        let lines = app.chancery.relation_summaries(ctx.view());
        Ok(home::render_home(
            &app.chancery.image(),
            &ctx,
            home::Sort::from_query(&q),
            &lines,
        ))
    })
    .await
}

/// The context of a page about the relation `a`–`b`, from its path and query.
fn relation_ctx(a: &str, b: &str, page: &PageRequest) -> Result<Ctx, PageError> {
    let relation = relation(a, b).map_err(|e| e.in_lang(page.scope.lang))?;
    let ctx = Ctx::new(page.as_of, Some(relation)).scoped(page.scope);
    let known_through = page.known_through().map_err(|e| e.in_ctx(ctx))?;
    Ok(Ctx {
        known_through,
        ..ctx
    })
}

async fn overview(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        let Some((a, b)) = ctx.relation else {
            return Err(PageError::not_found("no relation"));
        };
        render_overview(&app.chancery.image(), &ctx, a, b).map_err(|e| match e {
            OverviewError::Query(q) => pages::query_page_error(q).in_ctx(ctx),
        })
    })
    .await
}

/// A page about one thing in a relation: which acts it lists (its history, read from the
/// journal by number), and how it renders.
struct ItemPage {
    history: fn(&Image, &Ctx, &str) -> Vec<u64>,
    render: fn(&Image, &[StoredAct], &Ctx, &str) -> Result<Markup, PageError>,
}

fn no_history(_: &Image, _: &Ctx, _: &str) -> Vec<u64> {
    Vec::new()
}

async fn item_page(
    app: AppState,
    (a, b, id): (String, String, String),
    page: PageRequest,
    item: ItemPage,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        // The image's read lock is not held while the journal is read.
        let seqs = (item.history)(&app.chancery.image(), &ctx, &id);
        let acts = app
            .chancery
            .acts_at(&seqs)
            .map_err(|e| PageError::from(e).in_ctx(ctx))?;
        let image = app.chancery.image();
        (item.render)(&image, &acts, &ctx, &id).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

macro_rules! item_handler {
    ($name:ident, $history:path, $render:path) => {
        async fn $name(
            State(app): State<AppState>,
            Path(path): Path<(String, String, String)>,
            page: PageRequest,
        ) -> Response {
            let item = ItemPage {
                history: $history,
                render: $render,
            };
            item_page(app, path, page, item).await
        }
    };
}

item_handler!(post_page, pages::post_history, pages::post_page);
item_handler!(measure_page, no_history, pages::measure_page);
item_handler!(round_page, talks::round_history, talks::round_page);
item_handler!(commitment_page, no_history, talks::commitment_page);
item_handler!(person_page, pages::person_history, pages::person_page);

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

#[cfg(test)]
mod tests {
    use super::*;

    /// An English page says what it said before its words became messages: each refusal's
    /// English message is the reason the layer gives.
    #[test]
    fn the_refusals_read_in_english_as_the_layers_give_them() {
        for (text, id) in REFUSALS {
            assert_eq!(i18n::message(Lang::En, id, &[]), *text, "{id}");
            assert!(i18n::has(Lang::Ru, id), "{id} has no Russian");
        }
        assert_eq!(
            i18n::message(Lang::En, "error-no-page", &[("path", "/x".into())]),
            "There is no page at /x."
        );
    }
}
