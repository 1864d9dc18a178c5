//! Fresh databases for test suites, on the PostgreSQL server named by `CHANCERY_TEST_POSTGRES`
//! (a URL whose user may create databases; `.ci/run` starts one and sets it).
//!
//! A suite that runs against PostgreSQL fails, naming what is missing, when the variable is not
//! set or the server does not answer: a skipped backend would pass CI untested.

use postgres::{Client, NoTls};

/// The environment variable naming the test server.
pub const ENV: &str = "CHANCERY_TEST_POSTGRES";

/// The test server's URL.
///
/// # Panics
///
/// When `CHANCERY_TEST_POSTGRES` is unset: the message says how to start a server.
pub fn server_url() -> String {
    match std::env::var(ENV) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "{ENV} is not set: the PostgreSQL suites need a server. Install Debian's `postgresql` \
             package and run `eval \"$(scripts/test-postgres start)\"` (as `.ci/run` does), or \
             set {ENV} to a postgres:// URL whose user may create databases"
        ),
    }
}

/// Creates an empty database with a unique name on the test server and returns its URL.
///
/// # Panics
///
/// When the server is not configured or cannot be reached, naming the URL (without password).
pub fn fresh_database(label: &str) -> String {
    let server = server_url();
    let mut client = Client::connect(&server, NoTls).unwrap_or_else(|e| {
        panic!(
            "cannot reach the PostgreSQL test server {} ({ENV}): {e}",
            crate::redacted(&server)
        )
    });
    let mut suffix = [0u8; 6];
    getrandom::fill(&mut suffix).expect("random source");
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    let name = format!("chancery_test_{clean}_{}", hex::encode(suffix));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    with_database(&server, &name)
}

/// `server` with its database replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let authority = rest.split('/').next().unwrap_or(rest);
    match query {
        Some(query) => format!("{scheme}://{authority}/{name}?{query}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_is_replaced_and_the_rest_kept() {
        assert_eq!(
            with_database("postgres://u@h:5433/postgres", "t1"),
            "postgres://u@h:5433/t1"
        );
        assert_eq!(
            with_database("postgres://u@h:5433?sslmode=disable", "t1"),
            "postgres://u@h:5433/t1?sslmode=disable"
        );
    }
}
