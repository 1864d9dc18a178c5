//! The alerts pages (one relation's, `/relations/{a}/{b}/alerts`, and every relation's the
//! reader has any in, `/alerts`) and their Atom feeds (`alerts.atom`). Alerts come from
//! `Image::alerts` and `Image::alerts_all`, scoped to the reader's view: signed in, the
//! organisation's; with a bearer token (a feed reader), the token's; otherwise public facts.
//! Pages and feeds alike are in the reader's language (`lang`, the cookie, `Accept-Language`),
//! each alert worded from what the domain says (`web/said/alerts.rs`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::alerts::{Alert, AlertSubject, Severity};
use chancery_domain::image::timeline::View;
use chancery_domain::{CivilDate, Image, StateCode};
use maud::{html, Markup};
use serde::Deserialize;

use super::consular::cases::{desk_cases_href, ANCHOR};
use super::layout::page;
use super::pages::{name_of, names, Names};
use super::said::alerts::Record;
use super::{blocking, encode, relation, relation_ctx, request::PageRequest, Ctx, Lang, PageError};
use crate::atom::{self, Entry, Feed};
use crate::state::AppState;

/// Where an alert is handled: the page a feed entry and a list item link to.
pub fn href(ctx: &Ctx, a: StateCode, b: StateCode, alert: &Alert) -> String {
    let rel = |rest: &str| ctx.href(&format!("/relations/{a}/{b}{rest}"));
    match &alert.subject {
        AlertSubject::ConsularClock { post: Some(p), .. } => desk_cases_href(
            &Ctx {
                relation: Some((a, b)),
                ..*ctx
            },
            p,
        ),
        AlertSubject::ConsularClock { post: None, .. } => format!("{}#{ANCHOR}", rel("/consular")),
        AlertSubject::Member { member, post } => {
            format!(
                "{}#member-{}",
                rel(&format!("/posts/{}/diplomatic-list", encode(post.as_str()))),
                member
            )
        }
        AlertSubject::Commitment { commitment } => {
            rel(&format!("/commitments/{}", encode(commitment.as_str())))
        }
        AlertSubject::Measure { measure } | AlertSubject::Cap { measure, .. } => {
            rel(&format!("/measures/{}", encode(measure.as_str())))
        }
        AlertSubject::Mission { sending, .. } | AlertSubject::Agrement { sending, .. } => {
            rel(&format!("/diplomatic-list?mission={sending}"))
        }
    }
}

/// The alert in the page's language, from what the domain says, with the names the record
/// gives its states, people and posts.
pub fn text(ctx: &Ctx, on: &On<'_>, a: StateCode, b: StateCode, alert: &Alert) -> String {
    let record = Record {
        states: on.names,
        image: on.image,
        relation: (a, b),
        view: ctx.view(),
    };
    super::said::alerts::alert(ctx, &record, &alert.said)
}

/// The record an alert is worded from: its image and the states' names.
pub struct On<'a> {
    pub image: &'a Image,
    pub names: &'a Names,
}

fn item(ctx: &Ctx, on: &On<'_>, a: StateCode, b: StateCode, alert: &Alert) -> Markup {
    html! {
        li class=(alert.severity.as_str()) data-kind=(alert.kind.as_str()) {
            @match alert.severity {
                Severity::Urgent => strong.bad { (ctx.label("alert-severity", "urgent")) },
                Severity::Warning => strong.warn { (ctx.label("alert-severity", "warning")) },
                Severity::Notice => strong { (ctx.label("alert-severity", "notice")) },
            }
            " · " (ctx.label("alert-kind", alert.kind.as_str())) ": "
            a href=(href(ctx, a, b, alert)) { (text(ctx, on, a, b, alert)) }
        }
    }
}

/// `/relations/{a}/{b}/alerts`
pub async fn relation_page(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page_req: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page_req)?;
        let (a, b) = ctx
            .relation
            .ok_or_else(|| PageError::not_found("no relation"))?;
        let image = app.chancery.image();
        let alerts = image
            .alerts(a, b, ctx.view())
            .map_err(|e| PageError::not_found(e.to_string()).in_ctx(ctx))?;
        let names = names(&image, ctx.lang());
        let on = On {
            image: &image,
            names: &names,
        };
        let title = format!(
            "{} · {} – {}",
            ctx.t("alerts-title"),
            name_of(&names, a),
            name_of(&names, b)
        );
        let content = html! {
            h1 { (title) }
            (preamble(&ctx, alerts.alerts.len(), &format!("/relations/{a}/{b}/alerts.atom")))
            @if alerts.alerts.is_empty() { p.none { (ctx.t("alerts-none")) } }
            ul.alerts { @for x in &alerts.alerts { (item(&ctx, &on, a, b, x)) } }
        };
        Ok(page(&ctx, &title, content))
    })
    .await
}

fn preamble(ctx: &Ctx, n: usize, feed: &str) -> Markup {
    // A feed reader sends no cookie and its own languages: the link says the page's.
    let feed = format!("{feed}?lang={}", ctx.lang().code());
    html! {
        p { (ctx.t_args("alerts-as-of", &[("date", ctx.as_of.to_string().into()), ("reader", ctx.scope.reader_label().into())]))
            " " (ctx.t_args("alerts-count", &[("n", n.into())])) }
        p.noprint { a rel="alternate" type="application/atom+xml" href=(feed) { (ctx.t("alerts-feed")) } }
    }
}

/// `/alerts`
pub async fn all_page(State(app): State<AppState>, page_req: PageRequest) -> Response {
    super::blocking_in_turn(move || {
        let ctx = Ctx::new(page_req.as_of, None).scoped(page_req.scope);
        let image = app.chancery.image();
        let all = image.alerts_all(ctx.view());
        let names = names(&image, ctx.lang());
        let on = On {
            image: &image,
            names: &names,
        };
        let title = ctx.t("alerts-title-all");
        let content = html! {
            h1 { (title) }
            (preamble(&ctx, all.count(), "/alerts.atom"))
            @if all.relations.is_empty() { p.none { (ctx.t("alerts-none")) } }
            @for r in &all.relations {
                section.relation-alerts {
                    h2 { a href=(ctx.href(&format!("/relations/{}/{}/alerts", r.a, r.b))) {
                        (ctx.t_args("alerts-relation", &[("a", name_of(&names, r.a).into()), ("b", name_of(&names, r.b).into())])) }
                        " (" (r.alerts.len()) ")" }
                    ul.alerts { @for x in &r.alerts { (item(&ctx, &on, r.a, r.b, x)) } }
                }
            }
        };
        Ok(page(&ctx, &title, content))
    })
    .await
}

#[derive(Deserialize)]
pub struct FeedQuery {
    as_of: Option<String>,
}

/// A feed is read by programs on their own schedule: it answers for today unless asked for a
/// day, and never redirects.
fn feed_day(q: &FeedQuery) -> Result<CivilDate, PageError> {
    match q.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today()),
        Some(s) => s.parse().map_err(|e| {
            PageError::bad_request(format!("`as_of` is not a date (YYYY-MM-DD): {e}"))
        }),
    }
}

fn atom_response(xml: String) -> Response {
    ([(header::CONTENT_TYPE, atom::MEDIA_TYPE)], xml).into_response()
}

/// A page's link with the feed's language, so an entry opens the page in the language it was
/// read in. The fragment, if any, stays last.
fn in_lang(ctx: &Ctx, link: &str) -> String {
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    let sep = if path.contains('?') { '&' } else { '?' };
    let with = format!("{path}{sep}lang={}", ctx.lang().code());
    match fragment {
        Some(f) => format!("{with}#{f}"),
        None => with,
    }
}

fn entries(
    ctx: &Ctx,
    on: &On<'_>,
    a: StateCode,
    b: StateCode,
    alerts: &[Alert],
    base: &str,
) -> Vec<Entry> {
    alerts
        .iter()
        .map(|x| Entry {
            // The pair in code order, so an alert has one id in every feed it is in.
            id: atom::tag_uri(&format!("alert/{}-{}/{}", a.min(b), a.max(b), x.key())),
            title: format!(
                "{} ({} – {}): {}",
                ctx.label("alert-kind", x.kind.as_str()),
                name_of(on.names, a),
                name_of(on.names, b),
                ctx.label("alert-severity", x.severity.as_str())
            ),
            summary: text(ctx, on, a, b, x),
            link: format!("{base}{}", in_lang(ctx, &href(ctx, a, b, x))),
            updated: x.due.min(ctx.as_of),
        })
        .collect()
}

/// `/relations/{a}/{b}/alerts.atom`
pub async fn relation_feed(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Path((a, b)): Path<(String, String)>,
    Query(q): Query<FeedQuery>,
    lang: Lang,
    headers: HeaderMap,
) -> Response {
    let host = host_of(&headers);
    blocking_xml(move || {
        let (a, b) = relation(&a, &b)?;
        let as_of = feed_day(&q)?;
        let ctx = Ctx::new(as_of, Some((a, b))).scoped(super::Scope::of(&who).in_lang(lang));
        let image = app.chancery.image();
        let view = View::whole_record(as_of, who.reader());
        let alerts = image
            .alerts(a, b, view)
            .map_err(|e| PageError::not_found(e.to_string()))?;
        let names = names(&image, ctx.lang());
        let on = On {
            image: &image,
            names: &names,
        };
        let base = app.public_base(host.as_deref());
        let feed = Feed {
            lang: lang.code(),
            id: atom::tag_uri(&format!("alerts/{a}-{b}")),
            title: format!(
                "{} · {} – {}",
                ctx.t("alerts-title"),
                name_of(&names, a),
                name_of(&names, b)
            ),
            self_link: format!("{base}/relations/{a}/{b}/alerts.atom?lang={}", lang.code()),
            page_link: format!(
                "{base}{}",
                in_lang(&ctx, &ctx.href(&format!("/relations/{a}/{b}/alerts")))
            ),
            updated: as_of,
            author: "Chancery".to_owned(),
            entries: entries(&ctx, &on, a, b, &alerts.alerts, &base),
        };
        Ok(feed.to_xml())
    })
    .await
}

/// `/alerts.atom`
pub async fn all_feed(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Query(q): Query<FeedQuery>,
    lang: Lang,
    headers: HeaderMap,
) -> Response {
    let host = host_of(&headers);
    blocking_xml_in_turn(move || {
        let as_of = feed_day(&q)?;
        let ctx = Ctx::new(as_of, None).scoped(super::Scope::of(&who).in_lang(lang));
        let image = app.chancery.image();
        let all = image.alerts_all(View::whole_record(as_of, who.reader()));
        let names = names(&image, ctx.lang());
        let on = On {
            image: &image,
            names: &names,
        };
        let base = app.public_base(host.as_deref());
        let feed = Feed {
            lang: lang.code(),
            id: atom::tag_uri("alerts"),
            title: ctx.t("alerts-title-all"),
            self_link: format!("{base}/alerts.atom?lang={}", lang.code()),
            page_link: format!("{base}{}", in_lang(&ctx, &ctx.href("/alerts"))),
            updated: as_of,
            author: "Chancery".to_owned(),
            entries: all
                .relations
                .iter()
                .flat_map(|r| entries(&ctx, &on, r.a, r.b, &r.alerts, &base))
                .collect(),
        };
        Ok(feed.to_xml())
    })
    .await
}

fn host_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

async fn blocking_xml<F>(f: F) -> Response
where
    F: FnOnce() -> Result<String, PageError> + Send + 'static,
{
    feed(tokio::task::spawn_blocking(f).await)
}

/// [`blocking_xml`], for the feed over every relation: it waits for its turn
/// ([`crate::compute`]).
async fn blocking_xml_in_turn<F>(f: F) -> Response
where
    F: FnOnce() -> Result<String, PageError> + Send + 'static,
{
    feed(crate::compute::off_workers(f).await)
}

fn feed(done: Result<Result<String, PageError>, tokio::task::JoinError>) -> Response {
    super::answer_with(done, atom_response)
}
