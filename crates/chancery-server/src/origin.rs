//! Which site this server is: the `Host` it answers to and the `Origin` its own pages post
//! from (finding L5 of the outside probe: the check compared host names only, ignored the
//! scheme, and never looked at `Host`, leaving DNS rebinding open).
//!
//! With `--public-url`, exactly that scheme, host and port. Without it, the server cannot know
//! the names it is reached by, so it answers only to an IP address or `localhost` in `Host`:
//! DNS rebinding needs a name the attacker controls, and a page served from an IP literal or
//! `localhost` on this port is this server itself.

use std::net::IpAddr;
use std::str::FromStr;

/// The scheme, host and port users reach the server at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUrl {
    https: bool,
    /// Lowercase; an IPv6 address keeps its brackets.
    host: String,
    port: u16,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("--public-url: {0}")]
pub struct BadPublicUrl(String);

impl FromStr for PublicUrl {
    type Err = BadPublicUrl;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| BadPublicUrl(format!("`{s}` {why}"));
        let (https, rest) = if let Some(r) = s.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = s.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(bad("must start with http:// or https://"));
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['/', '?', '#', '@']) {
            return Err(bad(
                "must be scheme://host[:port] only, without a path, query or user",
            ));
        }
        let (host, port) =
            split_authority(authority).ok_or_else(|| bad("has no valid host[:port]"))?;
        Ok(PublicUrl {
            https,
            host,
            port: port.unwrap_or(if https { 443 } else { 80 }),
        })
    }
}

impl PublicUrl {
    fn default_port(&self) -> u16 {
        if self.https {
            443
        } else {
            80
        }
    }

    /// As browsers write it in `Origin`: the default port left out.
    pub fn origin(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        if self.port == self.default_port() {
            format!("{scheme}://{}", self.host)
        } else {
            format!("{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// `host[:port]` split and checked: a DNS name, an IPv4 address, or a bracketed IPv6 address;
/// the host lowercased.
fn split_authority(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{v6}]"), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    let host = host.to_ascii_lowercase();
    let name_ok = !host.is_empty()
        && host.len() <= 253
        && (host.starts_with('[')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    name_ok.then_some((host, port))
}

/// Which `Host` and `Origin` values are this site's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Site {
    /// No public URL configured: IP literals and `localhost`, on any port, over `http` (or
    /// `https` when the cookies are marked secure, i.e. behind a TLS proxy).
    Local {
        https: bool,
    },
    Public(PublicUrl),
}

impl Site {
    /// Whether a request's `Host` names this site.
    pub fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = split_authority(host) else {
            return false;
        };
        match self {
            Site::Local { .. } => {
                name == "localhost"
                    || name
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .parse::<IpAddr>()
                        .is_ok()
            }
            Site::Public(url) => name == url.host && port.unwrap_or(url.default_port()) == url.port,
        }
    }

    /// Whether `origin` (the header's value) is this site's own, for a request whose `Host`
    /// was allowed. Scheme, host and port all count.
    pub fn origin_allowed(&self, origin: &str, host: &str) -> bool {
        match self {
            Site::Local { https } => {
                let scheme = if *https { "https" } else { "http" };
                origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"))
            }
            Site::Public(url) => origin
                .parse::<PublicUrl>()
                .is_ok_and(|o| o == *url && !origin.ends_with('/')),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_is_scheme_host_and_port() {
        let url: PublicUrl = "https://Chancery.Example.org".parse().unwrap();
        assert_eq!(url.origin(), "https://chancery.example.org");
        let site = Site::Public(url);
        assert!(site.host_allowed("chancery.example.org"));
        assert!(site.host_allowed("chancery.example.org:443"));
        assert!(!site.host_allowed("chancery.example.org:8443"));
        assert!(!site.host_allowed("evil.example"));
        assert!(!site.host_allowed("127.0.0.1"));
        let host = "chancery.example.org";
        assert!(site.origin_allowed("https://chancery.example.org", host));
        assert!(
            !site.origin_allowed("http://chancery.example.org", host),
            "the scheme counts"
        );
        assert!(!site.origin_allowed("https://chancery.example.org:444", host));
        assert!(!site.origin_allowed("null", host));
        for bad in [
            "ftp://x",
            "https://x/path",
            "https://u@x",
            "https://",
            "x:80",
        ] {
            assert!(bad.parse::<PublicUrl>().is_err(), "{bad}");
        }
    }

    #[test]
    fn without_a_public_url_only_addresses_and_localhost_are_answered() {
        let site = Site::Local { https: false };
        for ok in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "10.1.2.3"] {
            assert!(site.host_allowed(ok), "{ok}");
        }
        for bad in ["rebind.attacker.example:8080", "", "127.0.0.1:99999", "a b"] {
            assert!(!site.host_allowed(bad), "{bad}");
        }
        assert!(site.origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!site.origin_allowed("https://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!site.origin_allowed("http://127.0.0.1:8081", "127.0.0.1:8080"));
    }
}
