//! A whole accounts store moved into another (`chancery migrate-store`): every row as it is
//! stored, ids and sequence numbers kept, because other rows and people refer to them (a
//! token's user, an audit row's number an auditor cited, a token id an operator noted to
//! revoke). Text is carried as stored, not parsed again: a row the source holds is copied even
//! if a later rule would refuse it, so the copy is the source and not a cleaned version of it.
//!
//! Sessions are not part of a move: a copied session would be live on two stores at once, so
//! users sign in again on the new one. The audit log is read in pages (it may be large) while
//! the destination writes it, all in the destination's one transaction.

use std::fmt;

use serde::Serialize;

use crate::store::{AuditEntry, StoreError};

/// An organisation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// A user as stored, every column.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub org: String,
    pub role: String,
    /// The Argon2id hash (PHC string): never the password.
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: i64,
    /// Sessions begun before this instant are over.
    pub sessions_after: i64,
}

/// Not the hash: it is no password, but it is what a guesser works from.
impl fmt::Debug for UserRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("org", &self.org)
            .field("role", &self.role)
            .field("password_hash", &"(not shown)")
            .field("disabled", &self.disabled)
            .field("created_at", &self.created_at)
            .field("sessions_after", &self.sessions_after)
            .finish()
    }
}

/// An API token as stored: its digest, never its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRow {
    pub id: i64,
    pub digest: String,
    pub user_id: i64,
    pub scope: String,
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// A browser a user signed in with (its cookie's digest) and when it last did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedClientRow {
    pub user_id: i64,
    pub client: String,
    pub last_at: i64,
}

/// How many rows each table holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    pub orgs: i64,
    pub users: i64,
    pub tokens: i64,
    pub trusted_clients: i64,
    pub settings: i64,
    pub sessions: i64,
    pub audit: i64,
}

impl RowCounts {
    /// Each table's name and count, in the order the tables are written.
    pub fn tables(&self) -> [(&'static str, i64); 7] {
        [
            ("orgs", self.orgs),
            ("users", self.users),
            ("tokens", self.tokens),
            ("trusted_clients", self.trusted_clients),
            ("settings", self.settings),
            ("sessions", self.sessions),
            ("audit", self.audit),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.tables().iter().all(|(_, n)| *n == 0)
    }

    /// `orgs: 2, users: 3, ...`: the tables that hold rows, for messages.
    pub fn describe(&self) -> String {
        let held: Vec<String> = self
            .tables()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(table, n)| format!("{table}: {n}"))
            .collect();
        if held.is_empty() {
            "no rows".to_owned()
        } else {
            held.join(", ")
        }
    }
}

/// Every row of an accounts store but its sessions and audit log, read in one transaction,
/// with every table's count and the audit log's last number at that moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountsSnapshot {
    /// By id.
    pub orgs: Vec<OrgRow>,
    /// By id.
    pub users: Vec<UserRow>,
    /// By id.
    pub tokens: Vec<TokenRow>,
    /// By user, then client.
    pub trusted_clients: Vec<TrustedClientRow>,
    /// (key, value), by key.
    pub settings: Vec<(String, String)>,
    pub counts: RowCounts,
    /// The audit log's highest sequence number (0 when empty): a copy stops there, so rows
    /// written after the snapshot are not half-taken.
    pub audit_through: i64,
}

/// The source's audit log, a page at a time: the rows numbered after the given sequence number,
/// in order; an empty page at the end. The destination asks for the next page while it writes.
pub type AuditPages<'a> = dyn FnMut(i64) -> Result<Vec<AuditEntry>, StoreError> + Send + 'a;

/// The refusal of an import into a store that holds rows: a copy would mix two stores' ids.
pub fn not_empty(counts: &RowCounts) -> StoreError {
    StoreError::NotEmpty(counts.describe())
}
