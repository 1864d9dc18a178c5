//! The accounts store's port: what the accounts logic needs from storage, and nothing of how a
//! backend keeps it. The SQLite adapter is [`crate::sqlite`]; the PostgreSQL one is in the
//! `chancery-postgres` crate. What is decided above storage (bounded strings, aggregated
//! denials, the audit budget's policy, session lifetimes, password rules) stays in
//! [`crate::store::Store`] and [`crate::Accounts`], so both backends behave alike.
//!
//! Every method is blocking: callers on an async runtime run them on `spawn_blocking` (or, for
//! the audit log, through its writer thread).

use crate::audit::{AuditBudget, Row};
use crate::model::{OrgId, Organisation, Role, TokenScope, User, Username};
use crate::store::{AuditEntry, StoreError, TokenInfo};
use crate::transfer::{AccountsSnapshot, AuditPages, RowCounts};

/// A session as the store keeps it: the digest of its secret, never the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub digest: String,
    pub user: i64,
    /// Microseconds since 1970, as every instant here.
    pub created: i64,
    pub last_seen: i64,
}

/// The storage an [`Accounts`](crate::Accounts) runs on. Each write is durable when it returns.
pub trait AccountsPort: Send + Sync {
    /// Which backend this is, for messages (`sqlite`, `postgres`); never a location.
    fn backend(&self) -> &'static str;

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;

    fn user_count(&self) -> Result<i64, StoreError>;
    /// Inserts an organisation; false if its id exists.
    fn insert_org(&self, org: &Organisation) -> Result<bool, StoreError>;
    fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError>;
    /// Every organisation, by id.
    fn orgs(&self) -> Result<Vec<Organisation>, StoreError>;

    /// Inserts a user of an existing organisation; `None` if the username is taken.
    fn insert_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError>;
    /// A user and their password hash, by name.
    fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError>;
    fn user(&self, id: i64) -> Result<Option<User>, StoreError>;
    /// A user and the instant before which their sessions are no longer valid.
    fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError>;
    /// An organisation's users, by username.
    fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError>;
    fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError>;
    /// In one transaction: the new hash, `sessions_after = now`, and the user's trusted
    /// clients and sessions forgotten.
    fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError>;

    fn insert_token(
        &self,
        user: i64,
        digest: &str,
        scope: TokenScope,
        label: &str,
        now: i64,
    ) -> Result<i64, StoreError>;
    /// The live (unrevoked) token with this digest: its id, user and scope.
    fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError>;
    /// Every token, by id.
    fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError>;
    /// Revokes a live token; false if there is none with that id.
    fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError>;

    /// Whether `user` signed in with the client keyed `client` after `since`.
    fn is_client_trusted(&self, user: i64, client: &str, since: i64) -> Result<bool, StoreError>;
    /// In one transaction: remembers the client at `now`, keeps the user's `keep` most recent
    /// and forgets those last seen at or before `forget_through`.
    fn trust_client(
        &self,
        user: i64,
        client: &str,
        now: i64,
        keep: i64,
        forget_through: i64,
    ) -> Result<(), StoreError>;

    fn insert_session(&self, session: &SessionRow) -> Result<(), StoreError>;
    fn session(&self, digest: &str) -> Result<Option<SessionRow>, StoreError>;
    fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError>;
    fn delete_session(&self, digest: &str) -> Result<(), StoreError>;
    /// Deletes every session of `user`; how many there were.
    fn delete_sessions_of(&self, user: i64) -> Result<usize, StoreError>;
    /// Deletes sessions last seen at or before `idle_through` or created at or before
    /// `created_through` (both already over).
    fn delete_expired_sessions(
        &self,
        idle_through: i64,
        created_through: i64,
    ) -> Result<(), StoreError>;

    /// Appends rows to the audit log in one transaction: their sequence numbers, in order.
    fn append_audit(&self, rows: &[Row]) -> Result<Vec<i64>, StoreError>;
    /// Audit entries after `after`, oldest first, at most `limit`; of one organisation's
    /// users (`Some`) or all (`None`).
    fn audit_of(
        &self,
        org: Option<&OrgId>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
    /// Why the audit log may not grow now under `budget`, if it may not (the store at its
    /// size, the disk below its reserve). Cheap: asked before every batch.
    fn audit_over_budget(&self, budget: &AuditBudget) -> Option<String>;

    /// How many rows each table holds now.
    fn row_counts(&self) -> Result<RowCounts, StoreError>;
    /// Every row but the sessions and the audit log, as stored, and every table's count, read
    /// in one transaction (see [`crate::transfer`]). The audit log is read with
    /// [`audit_of`](Self::audit_of), up to the snapshot's `audit_through`.
    fn snapshot(&self) -> Result<AccountsSnapshot, StoreError>;
    /// Writes `snapshot`'s rows and the audit rows `audit` gives, ids and sequence numbers as
    /// they are, in one transaction, and moves the store's id counters past them; refused
    /// ([`StoreError::NotEmpty`]) unless every table is empty. Sessions are not taken.
    fn import(
        &self,
        snapshot: &AccountsSnapshot,
        audit: &mut AuditPages<'_>,
    ) -> Result<(), StoreError>;
}
