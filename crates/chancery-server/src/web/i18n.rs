//! The pages' two languages. Every word a page shows comes from a Fluent message
//! (`locales/{en,ru}/<area>.ftl`), chosen by the reader's language: the `lang` query parameter
//! (the header's switch), then the cookie the switch leaves, then `Accept-Language`, then
//! English. Codes of the closed vocabularies are shown by their label, message
//! `<vocabulary>-<code>` (`post-status-emergency_only`), never raw.
//!
//! Fluent rather than tables of our own: Russian nouns take three plural forms after a number
//! (1 день, 2 дня, 5 дней), which Fluent selects by CLDR's rules.

use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;

/// The cookie the language switch leaves, so the choice holds on every later page.
pub const COOKIE: &str = "chancery_lang";
/// The query parameter of the language switch.
pub const PARAM: &str = "lang";

/// A language the pages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The BCP 47 tag, for `<html lang>` and links.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language's own name for itself, as the switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// A language tag (`ru`, `ru-RU`, `EN-gb`), by its primary subtag.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The reader's preferred language of ours from an `Accept-Language` value (RFC 9110
    /// §12.5.4): the highest weight wins, the first listed among equals; `q=0` refuses.
    pub fn negotiate(accept: &str) -> Option<Lang> {
        let mut best: Option<(u16, Lang)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)
                .unwrap_or(0);
            if weight > 0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn bundle(self) -> &'static Bundle {
        let [en, ru] = bundles();
        match self {
            Lang::En => en,
            Lang::Ru => ru,
        }
    }
}

/// A weight `0` to `1` with up to three decimals, in thousandths; `None` when malformed.
fn quality(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, frac) = q.split_once('.').unwrap_or((q, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac: u16 = format!("{frac:0<3}").parse().ok()?;
    match whole {
        "0" => Some(frac),
        "1" if frac == 0 => Some(1000),
        _ => None,
    }
}

/// The reader's language, from the request: the switch's parameter, its cookie, then
/// `Accept-Language`. Never fails: a page is always shown, in English if nothing else fits.
impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(of_request(parts.uri.query(), &parts.headers))
    }
}

/// The reader's language from a request's query and headers, as every page reads it: also for
/// the pages answered before a handler runs (a refusal, the time limit).
pub fn of_request(query: Option<&str>, headers: &HeaderMap) -> Lang {
    from_query(query)
        .or_else(|| from_cookie(headers))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The language the switch asked for in this request's query, if any.
pub fn from_query(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse)
}

fn from_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("chancery_lang="))
        .and_then(Lang::parse)
}

/// The `Set-Cookie` value that keeps a language chosen with the switch for a year.
pub fn cookie(lang: Lang) -> String {
    format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    )
}

type Bundle = FluentBundle<FluentResource>;

/// Every message file, per area: English and Russian side by side, so adding an area is one
/// line and a missing translation is a failing test (`tests` below), not a silent fallback.
const FILES: &[(&str, &str, &str)] = &[
    (
        "common",
        include_str!("../../locales/en/common.ftl"),
        include_str!("../../locales/ru/common.ftl"),
    ),
    (
        "forms",
        include_str!("../../locales/en/forms.ftl"),
        include_str!("../../locales/ru/forms.ftl"),
    ),
    (
        "forms-fields",
        include_str!("../../locales/en/forms-fields.ftl"),
        include_str!("../../locales/ru/forms-fields.ftl"),
    ),
    (
        "overview",
        include_str!("../../locales/en/overview.ftl"),
        include_str!("../../locales/ru/overview.ftl"),
    ),
    (
        "words",
        include_str!("../../locales/en/words.ftl"),
        include_str!("../../locales/ru/words.ftl"),
    ),
    (
        "roadmap",
        include_str!("../../locales/en/roadmap.ftl"),
        include_str!("../../locales/ru/roadmap.ftl"),
    ),
    (
        "whatif",
        include_str!("../../locales/en/whatif.ftl"),
        include_str!("../../locales/ru/whatif.ftl"),
    ),
    (
        "account",
        include_str!("../../locales/en/account.ftl"),
        include_str!("../../locales/ru/account.ftl"),
    ),
    (
        "talks",
        include_str!("../../locales/en/talks.ftl"),
        include_str!("../../locales/ru/talks.ftl"),
    ),
    (
        "home",
        include_str!("../../locales/en/home.ftl"),
        include_str!("../../locales/ru/home.ftl"),
    ),
    (
        "pages",
        include_str!("../../locales/en/pages.ftl"),
        include_str!("../../locales/ru/pages.ftl"),
    ),
    (
        "vocab",
        include_str!("../../locales/en/vocab.ftl"),
        include_str!("../../locales/ru/vocab.ftl"),
    ),
    (
        "consular",
        include_str!("../../locales/en/consular.ftl"),
        include_str!("../../locales/ru/consular.ftl"),
    ),
    (
        "charts",
        include_str!("../../locales/en/charts.ftl"),
        include_str!("../../locales/ru/charts.ftl"),
    ),
    (
        "desk",
        include_str!("../../locales/en/desk.ftl"),
        include_str!("../../locales/ru/desk.ftl"),
    ),
    (
        "data",
        include_str!("../../locales/en/data.ftl"),
        include_str!("../../locales/ru/data.ftl"),
    ),
    (
        "search",
        include_str!("../../locales/en/search.ftl"),
        include_str!("../../locales/ru/search.ftl"),
    ),
    (
        "phrases-parity",
        include_str!("../../locales/en/phrases-parity.ftl"),
        include_str!("../../locales/ru/phrases-parity.ftl"),
    ),
    (
        "phrases-roadmap",
        include_str!("../../locales/en/phrases-roadmap.ftl"),
        include_str!("../../locales/ru/phrases-roadmap.ftl"),
    ),
    (
        "phrases-consular",
        include_str!("../../locales/en/phrases-consular.ftl"),
        include_str!("../../locales/ru/phrases-consular.ftl"),
    ),
    (
        "phrases-asof",
        include_str!("../../locales/en/phrases-asof.ftl"),
        include_str!("../../locales/ru/phrases-asof.ftl"),
    ),
    (
        "phrases-alerts",
        include_str!("../../locales/en/phrases-alerts.ftl"),
        include_str!("../../locales/ru/phrases-alerts.ftl"),
    ),
    (
        "refusals",
        include_str!("../../locales/en/refusals.ftl"),
        include_str!("../../locales/ru/refusals.ftl"),
    ),
    (
        "acts",
        include_str!("../../locales/en/acts.ftl"),
        include_str!("../../locales/ru/acts.ftl"),
    ),
    (
        "about",
        include_str!("../../locales/en/about.ftl"),
        include_str!("../../locales/ru/about.ftl"),
    ),
];

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(build))
}

/// The bundle of one language. The files are part of the binary and checked by the tests, so
/// a syntax error or a duplicate is a bug found before release; it is logged and the rest of
/// the file still loads.
fn build(lang: Lang) -> Bundle {
    let tag: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    // Pages are HTML in one direction: Unicode isolation marks around arguments would only
    // reach copied text.
    bundle.set_use_isolating(false);
    for (area, en, ru) in FILES {
        let text = match lang {
            Lang::En => en,
            Lang::Ru => ru,
        };
        let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, errs)| {
            tracing::error!(area, lang = lang.code(), ?errs, "message file has errors");
            r
        });
        if let Err(errs) = bundle.add_resource(resource) {
            tracing::error!(area, lang = lang.code(), ?errs, "message file clashes");
        }
    }
    bundle
}

/// An argument of a message: a number (which selects a plural form) or a string.
pub type Arg<'a> = FluentValue<'a>;

/// The message `id` in `lang`, with `args`. A message missing in `lang` falls back to English,
/// then to its id, so a gap shows as a visible id rather than an empty place.
pub fn message(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        a
    });
    [lang, Lang::En]
        .into_iter()
        .find_map(|l| format(l.bundle(), id, args.as_ref()))
        .unwrap_or_else(|| {
            tracing::warn!(id, lang = lang.code(), "no such message");
            id.to_owned()
        })
}

fn format(bundle: &Bundle, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id, ?errors, "message formatted with errors");
    }
    Some(text.into_owned())
}

/// Whether `lang` has the message `id` itself (no fallback): what the tests check.
pub fn has(lang: Lang, id: &str) -> bool {
    lang.bundle().has_message(id)
}

/// A code of a closed vocabulary, or of any enum serialised as a snake_case string, shown by
/// its label: message `<prefix>-<code>`.
pub fn label(lang: Lang, prefix: &str, code: &str) -> String {
    message(lang, &format!("{prefix}-{code}"), &[])
}

/// The code a value serialises to (`"emergency_only"`), for [`label`] of domain enums that are
/// not vocabularies.
pub fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A vocabulary whose codes pages show: its message prefix and every code, so the tests can
/// check each has a label in both languages.
pub trait Worded: Copy + 'static {
    const PREFIX: &'static str;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
}

macro_rules! worded {
    ($($ty:path => $prefix:literal),+ $(,)?) => {
        $(impl Worded for $ty {
            const PREFIX: &'static str = $prefix;
            fn all() -> &'static [Self] { <$ty>::ALL }
            fn code(self) -> &'static str { self.as_str() }
        })+

        /// Every worded vocabulary: (prefix, codes).
        pub fn vocabularies() -> Vec<(&'static str, Vec<&'static str>)> {
            vec![$(($prefix, <$ty>::ALL.iter().map(|v| v.as_str()).collect())),+]
        }
    };
}

use chancery_domain::vocab;
worded!(
    vocab::PostKind => "post-kind",
    vocab::PremisesKind => "premises-kind",
    vocab::StaffCategory => "staff-category",
    vocab::MeasureKind => "measure-kind",
    vocab::Character => "character",
    vocab::Capacity => "capacity",
    vocab::Confidence => "confidence",
    vocab::Bound => "bound",
    vocab::Counting => "counting",
    vocab::StaffFigure => "staff-figure",
    vocab::ServiceLevel => "service-level",
    vocab::ConsularService => "consular-service",
    vocab::CommitmentStatus => "commitment-status",
    vocab::CaseKind => "case-kind",
    vocab::CaseStep => "case-step",
    chancery_domain::act::Kind => "kind",
);

#[cfg(test)]
mod tests;
