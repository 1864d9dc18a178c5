//! The two backends, behind what the cases need of them: handles on one store, a journal over
//! it, and raw access to try what the journal never does (edit an entry).

use std::path::PathBuf;

use chancery_journal::{Journal, Store};
use chancery_postgres::journal::PostgresStore;
use chancery_sqlite::SqliteStore;
use tempfile::TempDir;

pub trait Backend {
    /// A fresh, empty store.
    fn fresh() -> Self;

    /// A new handle that may append (a connection of its own).
    fn store(&self) -> Box<dyn Store>;

    /// The backend's journal over the store, as `open_journal` opens it.
    fn journal(&self) -> Journal;

    /// Whether the store itself refuses UPDATE and DELETE on its entries. Where it does not
    /// (SQLite: whoever can write the file can edit it), `verify` must catch the edit.
    const REFUSES_EDITS: bool;

    /// Rewrites entry `seq`'s payload with raw SQL, behind the journal's back.
    fn edit_payload(&self, seq: u64) -> Result<(), String>;

    /// Deletes entry `seq` with raw SQL, behind the journal's back.
    fn delete_entry(&self, seq: u64) -> Result<(), String>;
}

pub struct Sqlite {
    _dir: TempDir,
    path: PathBuf,
}

impl Backend for Sqlite {
    fn fresh() -> Sqlite {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.sqlite");
        // Created once, so every handle (readers included) finds the table.
        SqliteStore::open(&path).expect("create the store");
        Sqlite { _dir: dir, path }
    }

    fn store(&self) -> Box<dyn Store> {
        Box::new(SqliteStore::open(&self.path).expect("open the store"))
    }

    fn journal(&self) -> Journal {
        chancery_sqlite::open_journal(&self.path).expect("open the journal")
    }

    const REFUSES_EDITS: bool = false;

    fn edit_payload(&self, seq: u64) -> Result<(), String> {
        self.raw(&format!(
            "UPDATE journal SET payload = CAST('{{\"forged\":true}}' AS BLOB) WHERE seq = {seq}"
        ))
    }

    fn delete_entry(&self, seq: u64) -> Result<(), String> {
        self.raw(&format!("DELETE FROM journal WHERE seq = {seq}"))
    }
}

impl Sqlite {
    fn raw(&self, sql: &str) -> Result<(), String> {
        let conn = rusqlite::Connection::open(&self.path).map_err(|e| e.to_string())?;
        match conn.execute(sql, []) {
            Ok(1) => Ok(()),
            Ok(n) => panic!("{sql} changed {n} rows"),
            Err(e) => Err(e.to_string()),
        }
    }
}

pub struct Postgres {
    pub url: String,
}

impl Backend for Postgres {
    fn fresh() -> Postgres {
        let url = chancery_postgres::testing::fresh_database("journal");
        // Created once, so every handle (readers included) finds the table.
        PostgresStore::open(&url).expect("create the store");
        Postgres { url }
    }

    fn store(&self) -> Box<dyn Store> {
        Box::new(PostgresStore::open(&self.url).expect("open the store"))
    }

    fn journal(&self) -> Journal {
        chancery_postgres::journal::open_journal(&self.url).expect("open the journal")
    }

    const REFUSES_EDITS: bool = true;

    fn edit_payload(&self, seq: u64) -> Result<(), String> {
        self.raw(&format!(
            "UPDATE journal SET payload = convert_to('{{\"forged\":true}}', 'UTF8') WHERE seq = {seq}"
        ))
    }

    fn delete_entry(&self, seq: u64) -> Result<(), String> {
        self.raw(&format!("DELETE FROM journal WHERE seq = {seq}"))
    }
}

/// Each case's database is dropped when it ends, pass or fail: hundreds of leftovers fill the
/// test server's disk.
impl Drop for Postgres {
    fn drop(&mut self) {
        let path = self.url.rsplit('/').next().unwrap_or_default();
        let name = path.split('?').next().unwrap_or_default();
        if let Ok(mut server) =
            postgres::Client::connect(&chancery_postgres::testing::server_url(), postgres::NoTls)
        {
            let _ = server.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

impl Postgres {
    /// A plain connection to the test database, as an administrator would have.
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("admin connection")
    }

    fn raw(&self, sql: &str) -> Result<(), String> {
        match self.admin().execute(sql, &[]) {
            Ok(1) => Ok(()),
            Ok(n) => panic!("{sql} changed {n} rows"),
            Err(e) => Err(e
                .as_db_error()
                .map_or(e.to_string(), |db| db.message().to_owned())),
        }
    }
}
