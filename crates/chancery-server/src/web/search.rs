//! The search page (`/search?q=`): people, posts, measures, rounds and commitments the reader
//! may see, each linked to its page, a name found in either script (`Image::search`). Also the
//! small markup that shows a name's other-script spellings beside it.

use axum::extract::{Query, State};
use axum::response::Response;
use chancery_domain::names::Names;
use chancery_domain::search::{SearchError, SearchHit, SearchResults, MAX_QUERY_CHARS};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::page;
use super::request::PageRequest;
use super::{blocking, encode, Ctx};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

pub async fn page_handler(
    State(app): State<AppState>,
    page_req: PageRequest,
    Query(query): Query<SearchQuery>,
) -> Response {
    blocking(move || {
        let ctx = Ctx::new(page_req.as_of, None).scoped(page_req.scope);
        let q = query.q.unwrap_or_default();
        let outcome = (!q.trim().is_empty()).then(|| app.chancery.image().search(&q, ctx.view()));
        Ok(render(&ctx, &q, outcome))
    })
    .await
}

/// The header's search box, on every page: searches as of the page's date.
pub fn search_box(ctx: &Ctx) -> Markup {
    html! {
        form.site-search method="get" action="/search" role="search" aria-label=(ctx.t("search-box")) {
            input type="search" name="q" aria-label=(ctx.t("search-label")) maxlength=(MAX_QUERY_CHARS);
            input type="hidden" name="as_of" value=(ctx.as_of.to_string());
            " " button type="submit" { (ctx.t("search-button")) }
        }
    }
}

/// The page: the form, then the results or why there are none.
pub fn render(ctx: &Ctx, q: &str, outcome: Option<Result<SearchResults, SearchError>>) -> Markup {
    let content = html! {
        h1 { (ctx.t("search-title")) }
        form.filters role="search" method="get" action="/search" {
            div {
                label for="search-q" { (ctx.t("search-label")) }
                input id="search-q" type="search" name="q" value=(q) maxlength=(MAX_QUERY_CHARS);
            }
            input type="hidden" name="as_of" value=(ctx.as_of.to_string());
            button type="submit" { (ctx.t("search-button")) }
        }
        p.help { (ctx.t("search-hint")) }
        @match outcome {
            None => {},
            Some(Err(e)) => { p.error role="alert" { (error_text(ctx, &e)) } },
            Some(Ok(r)) => { (results(ctx, &r)) },
        }
    };
    page(ctx, &ctx.t("search-title"), content)
}

fn error_text(ctx: &Ctx, e: &SearchError) -> String {
    let n = match e {
        SearchError::TooLong(n) => *n,
        SearchError::Empty => 0,
    };
    ctx.t_args(
        &format!("search-error-{}", e.code()),
        &[("n", n.into()), ("max", MAX_QUERY_CHARS.into())],
    )
}

fn results(ctx: &Ctx, r: &SearchResults) -> Markup {
    let date = ctx.as_of.to_string();
    if r.hits.is_empty() {
        return html! { p { (ctx.t_args("search-none", &[("q", r.query.as_str().into()), ("date", date.as_str().into())])) } };
    }
    html! {
        p { (ctx.t_args("search-count", &[("n", r.hits.len().into()), ("q", r.query.as_str().into()), ("date", date.as_str().into())])) }
        ol.results {
            @for hit in &r.hits { li { (hit_item(ctx, hit)) } }
        }
        @if r.truncated { p.help { (ctx.t_args("search-truncated", &[("n", r.hits.len().into())])) } }
    }
}

fn hit_item(ctx: &Ctx, hit: &SearchHit) -> Markup {
    let href = ctx.href(&format!(
        "/relations/{}/{}/{}/{}",
        hit.a,
        hit.b,
        hit.kind.path_segment(),
        encode(&hit.id)
    ));
    html! {
        span.tag { (ctx.t(&format!("search-kind-{}", hit.kind.as_str()))) } " "
        a href=(href) { (hit.title) } (also_written(&hit.names)) " "
        span.muted {
            "(" (ctx.t_args("search-in-relation", &[("a", hit.a.as_str().into()), ("b", hit.b.as_str().into())]))
            "; " (ctx.label("search-matched", match_code(hit))) ")"
        }
        @if let Some(t) = &hit.matched_text {
            @if !hit.names.values().any(|n| n == t) {
                br; span.help { (ctx.t_args("search-matched-on", &[("text", excerpt(t).into())])) }
            }
        }
    }
}

fn match_code(hit: &SearchHit) -> &'static str {
    use chancery_domain::search::MatchKind as M;
    match hit.matched {
        M::Exact => "exact",
        M::Prefix => "prefix",
        M::Text => "text",
        M::Transliteration => "transliteration",
    }
}

/// At most 160 characters of a matched text (a summary can be long).
fn excerpt(t: &str) -> String {
    match t.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_owned(),
    }
}

/// A name's other spellings on a line of their own under a page's heading ("also written:
/// Сергей Лавров"), so the heading stays the name as recorded. Nothing when none is recorded.
pub fn also_written_line(ctx: &Ctx, names: &Names) -> Markup {
    html! {
        @if !names.is_empty() {
            p.also-written {
                (ctx.t("names-also-written")) ": "
                @for (i, (tag, name)) in names.iter().enumerate() {
                    @if i > 0 { ", " }
                    span lang=(tag.as_str()) { (name) }
                }
            }
        }
    }
}

/// A name's other spellings after it, each marked with its language (so screen readers and
/// fonts treat "Сергей Лавров" as Russian): " / Сергей Лавров". Nothing when none is recorded.
pub fn also_written(names: &Names) -> Markup {
    html! {
        @for (tag, name) in names.iter() {
            " / " span.also lang=(tag.as_str()) { (name) }
        }
    }
}
