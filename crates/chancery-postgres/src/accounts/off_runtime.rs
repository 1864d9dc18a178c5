//! The accounts store on PostgreSQL as the server calls it: rust-postgres's blocking client
//! refuses to start its runtime on a thread already running tokio's (it panics), and some
//! account handlers (sign-out, the account page) call the store on an async worker. This
//! wrapper runs each call there on a scoped thread; elsewhere it runs in place.

use chancery_accounts::audit::{AuditBudget, Row};
use chancery_accounts::model::{OrgId, Organisation, Role, TokenScope, User, Username};
use chancery_accounts::port::{AccountsPort, SessionRow};
use chancery_accounts::store::{AuditEntry, StoreError, TokenInfo};
use chancery_accounts::transfer::{AccountsSnapshot, AuditPages, RowCounts};

use crate::runtime::off_runtime;

/// A port whose every call leaves the async runtime first, and whose connections are closed
/// off it too: the last holder of a server's state may drop it on an async worker (a server
/// that stops, or fails to bind), where closing a blocking client would panic.
pub(crate) struct OffRuntime<P: Send>(Option<P>);

impl<P: Send> OffRuntime<P> {
    pub(crate) fn new(port: P) -> Self {
        OffRuntime(Some(port))
    }

    fn port(&self) -> &P {
        // `None` only inside `drop`, after which no call can be made.
        self.0
            .as_ref()
            .unwrap_or_else(|| unreachable!("a port used after it was dropped"))
    }
}

impl<P: Send> Drop for OffRuntime<P> {
    fn drop(&mut self) {
        if let Some(port) = self.0.take() {
            off_runtime(move || drop(port));
        }
    }
}

impl<P: AccountsPort> AccountsPort for OffRuntime<P> {
    fn backend(&self) -> &'static str {
        self.port().backend()
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        off_runtime(|| self.port().setting(key))
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        off_runtime(|| self.port().set_setting(key, value))
    }

    fn user_count(&self) -> Result<i64, StoreError> {
        off_runtime(|| self.port().user_count())
    }

    fn insert_org(&self, org: &Organisation) -> Result<bool, StoreError> {
        off_runtime(|| self.port().insert_org(org))
    }

    fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError> {
        off_runtime(|| self.port().org(id))
    }

    fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        off_runtime(|| self.port().orgs())
    }

    fn insert_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        off_runtime(|| {
            self.port()
                .insert_user(username, org, role, password_hash, now)
        })
    }

    fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        off_runtime(|| self.port().user_by_name(username))
    }

    fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        off_runtime(|| self.port().user(id))
    }

    fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        off_runtime(|| self.port().user_and_sessions_after(id))
    }

    fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError> {
        off_runtime(|| self.port().users_of(org))
    }

    fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError> {
        off_runtime(|| self.port().set_disabled(user, disabled))
    }

    fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        off_runtime(|| self.port().set_password_hash(user, hash, now))
    }

    fn insert_token(
        &self,
        user: i64,
        digest: &str,
        scope: TokenScope,
        label: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        off_runtime(|| self.port().insert_token(user, digest, scope, label, now))
    }

    fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError> {
        off_runtime(|| self.port().token(digest))
    }

    fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        off_runtime(|| self.port().tokens())
    }

    fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        off_runtime(|| self.port().revoke_token(id, now))
    }

    fn is_client_trusted(&self, user: i64, client: &str, since: i64) -> Result<bool, StoreError> {
        off_runtime(|| self.port().is_client_trusted(user, client, since))
    }

    fn trust_client(
        &self,
        user: i64,
        client: &str,
        now: i64,
        keep: i64,
        forget_through: i64,
    ) -> Result<(), StoreError> {
        off_runtime(|| {
            self.port()
                .trust_client(user, client, now, keep, forget_through)
        })
    }

    fn insert_session(&self, session: &SessionRow) -> Result<(), StoreError> {
        off_runtime(|| self.port().insert_session(session))
    }

    fn session(&self, digest: &str) -> Result<Option<SessionRow>, StoreError> {
        off_runtime(|| self.port().session(digest))
    }

    fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        off_runtime(|| self.port().touch_session(digest, now))
    }

    fn delete_session(&self, digest: &str) -> Result<(), StoreError> {
        off_runtime(|| self.port().delete_session(digest))
    }

    fn delete_sessions_of(&self, user: i64) -> Result<usize, StoreError> {
        off_runtime(|| self.port().delete_sessions_of(user))
    }

    fn delete_expired_sessions(
        &self,
        idle_through: i64,
        created_through: i64,
    ) -> Result<(), StoreError> {
        off_runtime(|| {
            self.port()
                .delete_expired_sessions(idle_through, created_through)
        })
    }

    fn append_audit(&self, rows: &[Row]) -> Result<Vec<i64>, StoreError> {
        off_runtime(|| self.port().append_audit(rows))
    }

    fn audit_of(
        &self,
        org: Option<&OrgId>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        off_runtime(|| self.port().audit_of(org, after, limit))
    }

    fn audit_over_budget(&self, budget: &AuditBudget) -> Option<String> {
        off_runtime(|| self.port().audit_over_budget(budget))
    }

    fn row_counts(&self) -> Result<RowCounts, StoreError> {
        off_runtime(|| self.port().row_counts())
    }

    fn snapshot(&self) -> Result<AccountsSnapshot, StoreError> {
        off_runtime(|| self.port().snapshot())
    }

    fn import(
        &self,
        snapshot: &AccountsSnapshot,
        audit: &mut AuditPages<'_>,
    ) -> Result<(), StoreError> {
        off_runtime(|| self.port().import(snapshot, audit))
    }
}
