//! How PostgreSQL's errors become the port's: what says the server cannot be reached now
//! becomes [`StoreError::Unavailable`] (the journal then waits and reconnects), everything
//! else [`StoreError::Backend`]. Messages carry the server's words and, for a connection that
//! could not be made, the URL without its password.

use std::error::Error as StdError;
use std::fmt;

use chancery_journal::StoreError;

/// The port's error for `error`.
pub(crate) fn from_pg(error: postgres::Error) -> StoreError {
    if is_unavailable(&error) {
        StoreError::Unavailable(Box::new(Described::new(error)))
    } else {
        StoreError::Backend(Box::new(Described::new(error)))
    }
}

/// [`from_pg`] for a failure to connect, naming the server (without a password).
pub(crate) fn connecting(error: postgres::Error, shown_url: &str) -> StoreError {
    let unavailable = is_unavailable(&error);
    let described = Described {
        connecting_to: Some(shown_url.to_owned()),
        ..Described::new(error)
    };
    if unavailable {
        StoreError::Unavailable(Box::new(described))
    } else {
        StoreError::Backend(Box::new(described))
    }
}

/// Whether `error` says the server cannot be reached now rather than that it refused something.
fn is_unavailable(error: &postgres::Error) -> bool {
    if error.is_closed() {
        return true;
    }
    if let Some(code) = error.code() {
        let code = code.code();
        // Class 08: connection exceptions. 57P01-57P05: admin shutdown, crash shutdown, cannot
        // connect now (starting up or shutting down), database dropped, idle timeout. 53300:
        // too many connections, which passes as others disconnect.
        return code.starts_with("08") || code.starts_with("57P") || code == "53300";
    }
    // No answer from the server at all: the socket failed, or the connection attempt did.
    // rust-postgres keeps its error kinds private; these are the two without a server message.
    let io = error
        .source()
        .is_some_and(|source| source.is::<std::io::Error>());
    io || error.to_string() == "timeout waiting for server"
}

/// A driver error whose message says what went wrong: rust-postgres prints only its kind ("db
/// error"), keeping the server's message in the source, and an operator reads the first line.
#[derive(Debug)]
pub(crate) struct Described {
    error: postgres::Error,
    connecting_to: Option<String>,
}

impl Described {
    pub(crate) fn new(error: postgres::Error) -> Described {
        Described {
            error,
            connecting_to: None,
        }
    }
}

impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(url) = &self.connecting_to {
            write!(f, "{url}: ")?;
        }
        match self.error.as_db_error() {
            // The server's own words, with its code, e.g. "ERROR 23514: ...".
            Some(db) => write!(
                f,
                "{} {}: {}",
                db.severity(),
                db.code().code(),
                db.message()
            )?,
            None => {
                write!(f, "{}", self.error)?;
                if let Some(source) = self.error.source() {
                    write!(f, ": {source}")?;
                }
            }
        }
        Ok(())
    }
}

impl StdError for Described {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.error)
    }
}
