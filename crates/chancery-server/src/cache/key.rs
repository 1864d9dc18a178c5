//! What an answer depends on, besides the version of the image.

use axum::http::{header, HeaderMap, Uri};
use chancery_accounts::{Principal, Role, TokenScope};
use chancery_domain::{CivilDate, Reader};

use crate::web::Lang;

/// Who an answer was written for. Everything an answer shows of its reader comes from here:
/// what they may see (the reader, from the organisation's kind), whose acts' authors they are
/// shown (their organisation and whether their role audits), and what the pages' header offers
/// them (their role and whether they may write). Readers that agree on all of it share answers;
/// no page or document that is kept names the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Viewer {
    Anonymous,
    Member {
        reader: Reader,
        org: Box<str>,
        role: Role,
        /// A session, or a token that may write (a read token's pages offer no forms).
        writes: bool,
    },
}

impl Viewer {
    pub fn of(who: &Principal) -> Viewer {
        let writes = match who {
            Principal::Anonymous => return Viewer::Anonymous,
            Principal::Session(_) => true,
            Principal::Token { scope, .. } => *scope == TokenScope::Write,
        };
        match who.user() {
            Some(user) => Viewer::Member {
                reader: who.reader(),
                org: user.org.id.as_str().into(),
                role: user.role,
                writes,
            },
            None => Viewer::Anonymous,
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Viewer::Anonymous => 0,
            Viewer::Member { org, .. } => org.len(),
        }
    }
}

/// Everything but the head that decides an answer's bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The path as sent and the query with its parameters in a canonical order. The path
    /// decides the route (the router matches it alone), so the route is not part of the key:
    /// a kept answer names its route ([`super::Answer::route`]), and a reader found in the
    /// cache before routing is authorised for that route.
    target: Box<str>,
    viewer: Viewer,
    /// The page's language (`None` for the API, which speaks English whatever is asked).
    lang: Option<Lang>,
    /// `Host`, which absolute links (the Atom feeds) are built on.
    host: Option<Box<str>>,
    /// Pages and alerts count from today when no date is given.
    today: CivilDate,
}

impl Key {
    pub fn new(
        uri: &Uri,
        headers: &HeaderMap,
        viewer: Viewer,
        lang: Option<Lang>,
        today: CivilDate,
    ) -> Key {
        Key {
            target: target(uri).into(),
            viewer,
            lang,
            host: headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(Into::into),
            today,
        }
    }

    /// The bytes this key holds, for the cache's budget.
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<Key>()
            + self.target.len()
            + self.viewer.bytes()
            + self.host.as_ref().map_or(0, |h| h.len())
    }
}

/// The path and the query's parameters in a stable order of their names (a parameter given
/// twice keeps its values' order), empty ones dropped: `?b=1&a=2` and `?a=2&b=1` ask the same.
fn target(uri: &Uri) -> String {
    let path = uri.path();
    let Some(query) = uri.query() else {
        return path.to_owned();
    };
    fn name<'a>(p: &&'a str) -> &'a str {
        p.split_once('=').map_or(*p, |(name, _)| name)
    }
    let mut out = String::with_capacity(path.len() + query.len() + 1);
    // Most queries come in order already (one parameter, or the links' own): as they are. So
    // do those with a name spelt with `%` or `+`: the handlers read names decoded, and
    // `as%5Fof` placed before `as_of` by its spelling would be read first.
    let given = query.split('&');
    let spelt = given.clone().any(|p| name(&p).contains(['%', '+']));
    let in_order = spelt
        || (given.clone().all(|p| !p.is_empty())
            && given
                .clone()
                .zip(given.skip(1))
                .all(|(a, b)| name(&a) <= name(&b)));
    if in_order {
        out.push_str(path);
        out.push('?');
        out.push_str(query);
        return out;
    }
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    params.sort_by_key(name);
    out.push_str(path);
    for (i, p) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn the_query_is_read_in_the_order_of_its_names() {
        assert_eq!(target(&uri("/r?b=1&a=2")), "/r?a=2&b=1");
        assert_eq!(target(&uri("/r?a=2&&b=1&")), "/r?a=2&b=1");
        assert_eq!(target(&uri("/r?x=2&a=1&x=1")), "/r?a=1&x=2&x=1");
        assert_eq!(target(&uri("/r")), "/r");
        assert_ne!(target(&uri("/r?a=1")), target(&uri("/r?a=2")));
        assert_eq!(target(&uri("/r?a=1&b=2&b=1")), "/r?a=1&b=2&b=1");
        assert_eq!(target(&uri("/r?a=1")), "/r?a=1");
        assert_eq!(target(&uri("/r?&a=1")), "/r?a=1");
        assert_eq!(target(&uri("/r?")), "/r");
        // Names spelt with escapes are read decoded by the handlers: never reordered.
        assert_eq!(target(&uri("/r?b=1&a%5F=2")), "/r?b=1&a%5F=2");
        assert_eq!(target(&uri("/r?b=1&a+b=2")), "/r?b=1&a+b=2");
    }
}
