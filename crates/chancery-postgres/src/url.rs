//! Store locations: a `postgres://` (or `postgresql://`) URL names a PostgreSQL database;
//! anything else is a path to a SQLite file.

/// Whether `location` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// `url` with any password replaced by `***`, for messages and logs: a connection string is a
/// secret whenever it carries one.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    // The authority ends at the first '/', '?' or '#'; user information ends at its last '@'.
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let (userinfo, host) = authority.split_at(at);
    let user = match userinfo.split_once(':') {
        Some((user, _password)) => format!("{user}:***"),
        None => userinfo.to_owned(),
    };
    let query = redact_query_password(tail);
    format!("{scheme}://{user}{host}{query}")
}

/// `password=` given as a query parameter is as secret as one in the user information.
fn redact_query_password(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_owned();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths_are_told_apart() {
        assert!(is_postgres_url("postgres://h/db"));
        assert!(is_postgres_url("postgresql://u@h:5432/db"));
        assert!(!is_postgres_url("chancery.db"));
        assert!(!is_postgres_url("/var/lib/postgres://x"));
    }

    #[test]
    fn passwords_never_survive_redaction() {
        assert_eq!(
            redacted("postgres://app:s3cret@db.example:5432/chancery"),
            "postgres://app:***@db.example:5432/chancery"
        );
        assert_eq!(
            redacted("postgres://app@db/chancery?password=s3cret&sslmode=require"),
            "postgres://app@db/chancery?password=***&sslmode=require"
        );
        assert_eq!(redacted("postgres://db/chancery"), "postgres://db/chancery");
        // An '@' inside the password: the host is what follows the last one.
        assert_eq!(redacted("postgres://u:p@ss@h/d"), "postgres://u:***@h/d");
    }
}
