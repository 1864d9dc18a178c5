//! What every page reads from its request, in one extractor: the date it shows (a page asked
//! for without one is redirected to today's, so the address bar always holds a link that shows
//! the same view), who reads it, and `known_through`.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::today;
use chancery_domain::CivilDate;
use serde::Deserialize;

use super::{Ctx, Lang, PageError, Scope};

pub struct PageRequest {
    pub as_of: CivilDate,
    pub who: Principal,
    pub scope: Scope,
    known_through: Option<String>,
}

impl PageRequest {
    /// `known_through`, read once the page has its context, so that a bad value is shown in it
    /// and only after the page's own path was found good.
    pub fn known_through(&self) -> Result<Option<u64>, PageError> {
        known_through(self.known_through.as_deref())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageRequest {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Extension(who) = Extension::<Principal>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Query(q) = Query::<AsOfQuery>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(lang) = Lang::from_request_parts(parts, state).await;
        let as_of = as_of_in(&parts.uri, q.as_of.as_deref(), lang).map_err(|r| *r)?;
        Ok(PageRequest {
            as_of,
            scope: Scope::of(&who).in_lang(lang),
            who,
            known_through: q.known_through,
        })
    }
}

#[derive(Deserialize)]
struct AsOfQuery {
    as_of: Option<String>,
    known_through: Option<String>,
}

/// The optional `known_through` parameter: a journal sequence number, or nothing when empty
/// (a cleared field of the header's form).
fn known_through(raw: Option<&str>) -> Result<Option<u64>, PageError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse::<u64>().map(Some).map_err(|_| {
            PageError::bad_request(format!(
                "`known_through` is not an act number (a whole number): `{s}`"
            ))
            .saying("error-bad-known-through", &[("value", s)])
        }),
    }
}

/// The page's date, or a redirect to the same URL with today's date when it has none, so the
/// address bar always holds a link that shows the same view.
/// The response is boxed: it is large, and the common path is the date.
pub(super) fn as_of_or_redirect(uri: &Uri, raw: Option<&str>) -> Result<CivilDate, Box<Response>> {
    as_of_in(uri, raw, Lang::En)
}

/// [`as_of_or_redirect`], refusing a bad date in the reader's language.
fn as_of_in(uri: &Uri, raw: Option<&str>, lang: Lang) -> Result<CivilDate, Box<Response>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.parse::<CivilDate>().map_err(|e| {
            let why = e.to_string();
            Box::new(
                PageError::bad_request(format!("`as_of` is not a date (YYYY-MM-DD): {why}"))
                    .saying("error-bad-as-of", &[("why", &why), ("value", s)])
                    .in_lang(lang)
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
            let ctx = Ctx::new(today(), None);
            let path = if kept.is_empty() {
                uri.path().to_owned()
            } else {
                format!("{}?{}", uri.path(), kept.join("&"))
            };
            Err(Box::new(Redirect::to(&ctx.href(&path)).into_response()))
        }
    }
}
