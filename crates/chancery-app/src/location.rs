//! Where a store lives: a SQLite file (the default, embedded) or a PostgreSQL database named by a
//! `postgres://` URL. Every command that takes `--db` takes either.

use std::fmt;
use std::path::{Path, PathBuf};

use chancery_journal::{Journal, JournalError};

/// A store's location, parsed once from `--db`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file; its accounts store is the file beside it (`<name>.accounts`).
    Sqlite(PathBuf),
    /// A PostgreSQL database holding the journal and the accounts store in their own tables.
    Postgres(String),
}

impl StoreLocation {
    pub fn parse(text: &str) -> StoreLocation {
        if chancery_postgres::is_postgres_url(text) {
            StoreLocation::Postgres(text.to_owned())
        } else {
            StoreLocation::Sqlite(PathBuf::from(text))
        }
    }

    /// Something to show in messages: the path, or the URL with its password masked (as
    /// `Path::display` is to a path).
    pub fn display(&self) -> &Self {
        self
    }

    /// The file, for a SQLite store.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreLocation::Sqlite(path) => Some(path),
            StoreLocation::Postgres(_) => None,
        }
    }

    /// Whether several processes may open the store at once (each then tails what the others
    /// append).
    pub fn is_shared(&self) -> bool {
        matches!(self, StoreLocation::Postgres(_))
    }

    /// Whether a store is there already: a file that exists, or (not knowable without
    /// connecting) a database, taken to exist.
    pub fn exists(&self) -> bool {
        match self {
            StoreLocation::Sqlite(path) => path.exists(),
            StoreLocation::Postgres(_) => true,
        }
    }

    /// The journal alone, without an image: for tools that copy or verify entries.
    pub fn open_journal(&self) -> Result<Journal, JournalError> {
        match self {
            StoreLocation::Sqlite(path) => chancery_sqlite::open_journal(path),
            StoreLocation::Postgres(url) => chancery_postgres::journal::open_journal(url),
        }
    }
}

impl From<&Path> for StoreLocation {
    fn from(path: &Path) -> StoreLocation {
        StoreLocation::Sqlite(path.to_path_buf())
    }
}

impl From<&PathBuf> for StoreLocation {
    fn from(path: &PathBuf) -> StoreLocation {
        StoreLocation::Sqlite(path.clone())
    }
}

impl From<&StoreLocation> for StoreLocation {
    fn from(location: &StoreLocation) -> StoreLocation {
        location.clone()
    }
}

impl std::str::FromStr for StoreLocation {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<StoreLocation, Self::Err> {
        Ok(StoreLocation::parse(text))
    }
}

/// The path, or the URL with any password masked: safe for messages and logs.
impl fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreLocation::Sqlite(path) => write!(f, "{}", path.display()),
            StoreLocation::Postgres(url) => f.write_str(&chancery_postgres::redacted(url)),
        }
    }
}
