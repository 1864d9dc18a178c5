//! The accounts store's conformance suite (`chancery_accounts::conformance`) against both
//! backends: SQLite files in temporary directories, and fresh PostgreSQL databases on the
//! server named by `CHANCERY_TEST_POSTGRES` (unset, the PostgreSQL half fails, naming it).

use std::path::PathBuf;
use std::sync::Arc;

use chancery_accounts::conformance::Backend;
use chancery_accounts::{AccountsPort, SqliteAccounts};
use chancery_postgres::accounts::PgAccounts;

struct Sqlite;

impl Backend for Sqlite {
    type Place = (tempfile::TempDir, PathBuf);

    fn fresh(&self, _label: &str) -> Self::Place {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("chancery.db.accounts");
        (dir, path)
    }

    fn open(&self, place: &Self::Place) -> Arc<dyn AccountsPort> {
        Arc::new(SqliteAccounts::open(&place.1).expect("open the SQLite store"))
    }

    fn tamper_with_audit(&self, place: &Self::Place) -> Vec<(&'static str, bool)> {
        let conn = rusqlite::Connection::open(&place.1).expect("a raw connection");
        ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"]
            .into_iter()
            .map(|sql| (sql, conn.execute(sql, []).is_ok_and(|n| n > 0)))
            .collect()
    }
}

struct Postgres;

impl Backend for Postgres {
    type Place = String;

    fn fresh(&self, label: &str) -> String {
        chancery_postgres::testing::fresh_database(&format!("accounts_{label}"))
    }

    fn open(&self, url: &String) -> Arc<dyn AccountsPort> {
        Arc::new(PgAccounts::connect(url).expect("connect to the test database"))
    }

    /// As the application's own user (the owner of the tables, so privileges alone would not
    /// stop it): the triggers must.
    fn tamper_with_audit(&self, url: &String) -> Vec<(&'static str, bool)> {
        let mut c = postgres::Client::connect(url, postgres::NoTls).expect("a raw connection");
        [
            "UPDATE accounts.audit SET actor = 'x'",
            "DELETE FROM accounts.audit",
            "TRUNCATE accounts.audit",
        ]
        .into_iter()
        .map(|sql| {
            let changed = c.batch_execute(sql).is_ok();
            (sql, changed)
        })
        .collect()
    }
}

mod sqlite {
    chancery_accounts::accounts_conformance!(super::Sqlite);
}

mod postgres_backend {
    chancery_accounts::accounts_conformance!(super::Postgres);
}
