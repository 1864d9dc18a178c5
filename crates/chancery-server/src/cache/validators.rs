//! Strong validators and conditional requests (RFC 9110, 8.8.3 and 13.1.2).
//!
//! The `ETag` is a hash of the body, not of the head of the record: the head moves when any
//! act is recorded, hidden ones included, so a tag made of it would tell a public reader that
//! another party had recorded something. A body hash changes exactly when what the reader
//! sees does.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

/// `"<32 hex digits>"`: the first 128 bits of the body's SHA-256, quoted.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut tag = String::with_capacity(34);
    tag.push('"');
    for b in &digest[..16] {
        tag.push_str(&format!("{b:02x}"));
    }
    tag.push('"');
    tag
}

/// Whether `If-None-Match` in `headers` names `etag` (or is `*`): the client's copy is
/// current. The comparison is the weak one the header calls for, so `W/"x"` matches `"x"`.
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(axum::http::header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::IF_NONE_MATCH;

    fn asking(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(IF_NONE_MATCH, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn a_tag_is_a_quoted_hash_of_the_body() {
        let tag = etag_of(b"hello");
        assert_eq!(tag.len(), 34);
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_eq!(tag, etag_of(b"hello"));
        assert_ne!(tag, etag_of(b"hello!"));
    }

    #[test]
    fn if_none_match_takes_lists_star_and_weak_tags() {
        let tag = etag_of(b"body");
        assert!(not_modified(&asking(&[&tag]), &tag));
        assert!(not_modified(&asking(&[&format!("\"other\", {tag}")]), &tag));
        assert!(not_modified(&asking(&["\"other\"", &tag]), &tag));
        assert!(not_modified(&asking(&["*"]), &tag));
        assert!(not_modified(&asking(&[&format!("W/{tag}")]), &tag));
        assert!(!not_modified(&asking(&["\"other\""]), &tag));
        assert!(!not_modified(&asking(&[]), &tag));
        // Unquoted, it is not the same tag.
        assert!(!not_modified(&asking(&[tag.trim_matches('"')]), &tag));
    }
}
