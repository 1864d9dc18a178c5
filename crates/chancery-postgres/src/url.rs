//! Store locations: a `postgres://` (or `postgresql://`) URL names a PostgreSQL database;
//! anything else is a path to a SQLite file.

/// Whether `location` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// `url` as messages and logs may show it: read the way the client reads it (so no spelling
/// the client accepts can slip a password through), then written back as its user, hosts,
/// ports and database, with `***` for a password and no query (which may carry one). A URL the
/// client cannot read is not shown at all. A part holding an `@` is left out too: a password
/// with an unencoded `@` is split there by the client, and its tail would be read as the host.
pub fn redacted(url: &str) -> String {
    let Some((scheme, _)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Ok(config) = url.parse::<postgres::Config>() else {
        return format!("{scheme}://(a URL that cannot be read; not shown)");
    };
    let clean = |s: &str| (!s.contains('@')).then(|| s.to_owned());
    let mut shown = format!("{scheme}://");
    if let Some(user) = config.get_user().and_then(clean) {
        shown.push_str(&user);
        if config.get_password().is_some() {
            shown.push_str(":***");
        }
        shown.push('@');
    } else if config.get_password().is_some() {
        shown.push_str(":***@");
    }
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let name = match host {
                postgres::config::Host::Tcp(name) => name.clone(),
                postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            let name = clean(&name).unwrap_or_else(|| "…".into());
            // One port given applies to every host.
            match ports.get(i).or(ports.first().filter(|_| ports.len() == 1)) {
                Some(port) => format!("{name}:{port}"),
                None => name,
            }
        })
        .collect();
    shown.push_str(&hosts.join(","));
    if let Some(db) = config.get_dbname().and_then(clean) {
        shown.push('/');
        shown.push_str(&db);
    }
    shown
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
            "postgres://app:***@db:5432/chancery"
        );
        assert_eq!(
            redacted("postgres://db/chancery"),
            "postgres://db:5432/chancery"
        );
        assert_eq!(
            redacted("postgresql://u:p@h1:5432,h2:5433/d"),
            "postgresql://u:***@h1:5432,h2:5433/d"
        );
        // Spellings the client accepts and a splitter at '/', '?', '#' or the last '@' would
        // have shown in full.
        for (url, secret) in [
            (
                "postgres://sec:Ab/Cd+Ef=Secret9@127.0.0.1:5432/secdb",
                "Secret9",
            ),
            ("postgres://sec:Wr?ong_pw@127.0.0.1/secdb", "ong_pw"),
            ("postgres://sec:Wr#ong_pw@127.0.0.1/secdb", "ong_pw"),
            (
                "postgres://127.0.0.1:5432/secdb?user=sec&password=Ab%2FSecret9",
                "Secret9",
            ),
            ("postgres://127.0.0.1/secdb?pass%77ord=Secret9", "Secret9"),
            ("postgres://u:p@ss_word@h/d", "ss_word"),
            ("postgres://u:half@secret:with:colons@h/d", "secret"),
            ("postgres://u:unterminated%zzSecret9@h/d", "Secret9"),
        ] {
            let shown = redacted(url);
            assert!(!shown.contains(secret), "{url} shown as {shown}");
        }
    }
}
