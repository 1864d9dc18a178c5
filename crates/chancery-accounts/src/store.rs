//! The accounts store: organisations, users, API tokens, sessions, settings and the audit log,
//! over a backend behind [`AccountsPort`] (SQLite beside the journal, or PostgreSQL). What is
//! decided above storage is here, so both backends behave alike: organisation names parsed,
//! the audit log bounded (see [`crate::audit`]: strings cut, repeated denials counted, and a
//! budget beyond which it counts in memory rather than writing), and its rows written by one
//! writer thread in group commits ([`crate::audit_writer`]).

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use crate::audit::{
    is_aggregated, AuditBudget, AuditCondition, AuditHealth, AuditWrite, Denial, Denials, Row,
    Unwritten,
};
use crate::audit_writer::{self, AuditPending, AuditWriter, Health};
use crate::model::{OrgId, OrgName, Organisation, ParseError, Role, TokenScope, User, Username};
use crate::port::AccountsPort;
use crate::sqlite::SqliteAccounts;

/// The accounts store's errors. A backend's own error is wrapped, never named, so the shape of
/// this type does not depend on which backend runs.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("accounts store: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("audit log: {0}")]
    AuditFailed(String),
    /// An import into a store that already holds rows (which, named).
    #[error("the accounts store is not empty ({0}); copy only into a new one")]
    NotEmpty(String),
}

impl StoreError {
    /// Wraps a backend's error.
    pub fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
        StoreError::Backend(Box::new(e))
    }
}

/// One line of the audit log: who, when, from where, what, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    /// Microseconds since 1970 (UTC).
    pub at: i64,
    /// `user:NAME`, `token:ID (user NAME)` or `anonymous`.
    pub actor: String,
    pub org: Option<String>,
    /// The peer address.
    pub source: String,
    /// e.g. `login`, `login_failed`, `denied`, `record_act`, `user_added`.
    pub action: String,
    /// What it was about: a route, an act's seq, a username.
    pub target: String,
    pub outcome: String,
    pub detail: String,
}

impl AuditEntry {
    /// The `count=` an aggregate row (`denied_repeated`, `denied_flood`) carries in its detail;
    /// 0 where there is none. Readers tallying events need it because an aggregate row stands
    /// for many denials, written once.
    pub fn aggregated_count(&self) -> u64 {
        self.detail
            .split_whitespace()
            .find_map(|w| w.strip_prefix("count="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// How many denials the row accounts for: 1 for a `denied` row written in full, its count
    /// for an aggregate row, 0 for any other row.
    pub fn denials(&self) -> u64 {
        match self.action.as_str() {
            "denied" => 1,
            "denied_repeated" | "denied_flood" => self.aggregated_count(),
            _ => 0,
        }
    }
}

/// An audit entry about to be written (the store numbers it).
#[derive(Clone, Debug)]
pub struct NewAudit {
    pub at: i64,
    pub actor: String,
    pub org: Option<String>,
    pub source: String,
    pub action: &'static str,
    pub target: String,
    pub outcome: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: i64,
    pub username: Username,
    pub scope: TokenScope,
    pub label: String,
    pub revoked: bool,
}

pub struct Store {
    port: Arc<dyn AccountsPort>,
    /// Denials of the current minute, counted by whoever submits.
    denials: Mutex<Denials>,
    health: Arc<Mutex<Health>>,
    writer: AuditWriter,
    #[cfg(test)]
    sqlite: Option<Arc<SqliteAccounts>>,
}

impl Store {
    /// Opens (or creates) a SQLite store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let sqlite = Arc::new(SqliteAccounts::open(path)?);
        #[cfg(test)]
        {
            let mut store = Store::new(sqlite.clone());
            store.sqlite = Some(sqlite);
            Ok(store)
        }
        #[cfg(not(test))]
        Ok(Store::new(sqlite))
    }

    /// A store over any backend.
    pub fn new(port: Arc<dyn AccountsPort>) -> Store {
        let health = Arc::new(Mutex::new(Health {
            budget: AuditBudget::default(),
            unwritten: Unwritten::default(),
            condition: AuditCondition::Ok,
            reason: None,
        }));
        Store {
            writer: AuditWriter::start(Arc::clone(&port), Arc::clone(&health)),
            port,
            denials: Mutex::new(Denials::default()),
            health,
            #[cfg(test)]
            sqlite: None,
        }
    }

    /// The backend, for what the store does not wrap.
    pub fn port(&self) -> &dyn AccountsPort {
        self.port.as_ref()
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.port.setting(key)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.port.set_setting(key, value)
    }

    pub fn user_count(&self) -> Result<i64, StoreError> {
        self.port.user_count()
    }

    /// Adds an organisation. Its name is parsed here, where every organisation is created
    /// (the CLI and any future form), so no name with invisible formatting characters or
    /// control characters is ever stored.
    pub fn add_org(&self, org: &Organisation) -> Result<(), StoreError> {
        let _: OrgName = org.name.parse()?;
        if !self.port.insert_org(org)? {
            return Err(StoreError::Invalid(format!(
                "organisation: `{}` already exists",
                org.id
            )));
        }
        Ok(())
    }

    pub fn org(&self, id: &OrgId) -> Result<Option<Organisation>, StoreError> {
        self.port.org(id)
    }

    pub fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        self.port.orgs()
    }

    pub fn add_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password_hash: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        if self.org(org)?.is_none() {
            return Err(StoreError::Invalid(format!(
                "organisation: `{org}` does not exist"
            )));
        }
        self.port
            .insert_user(username, org, role, password_hash, now)?
            .ok_or_else(|| StoreError::Invalid(format!("username: `{username}` is taken")))
    }

    /// A user and their password hash, by name.
    pub fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        self.port.user_by_name(username)
    }

    pub fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        self.port.user(id)
    }

    pub fn users_of(&self, org: &OrgId) -> Result<Vec<User>, StoreError> {
        self.port.users_of(org)
    }

    pub fn set_disabled(&self, user: i64, disabled: bool) -> Result<(), StoreError> {
        self.port.set_disabled(user, disabled)
    }

    /// Sets a password; the user's sessions end (in every process sharing the store), and the
    /// clients it trusted are forgotten (whoever knew the old password must keep neither).
    pub fn set_password_hash(&self, user: i64, hash: &str, now: i64) -> Result<(), StoreError> {
        self.port.set_password_hash(user, hash, now)
    }

    /// A user, and the instant before which their sessions are no longer valid: what every
    /// request with a session cookie asks, in one query.
    pub fn user_and_sessions_after(&self, id: i64) -> Result<Option<(User, i64)>, StoreError> {
        self.port.user_and_sessions_after(id)
    }

    pub fn add_token(
        &self,
        user: i64,
        digest: &str,
        scope: TokenScope,
        label: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.port.insert_token(user, digest, scope, label, now)
    }

    /// The live token with this digest, its id and its user.
    pub fn token(&self, digest: &str) -> Result<Option<(i64, User, TokenScope)>, StoreError> {
        self.port.token(digest)
    }

    pub fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        self.port.tokens()
    }

    /// Revokes a token; false if there is no live token with that id.
    pub fn revoke_token(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        self.port.revoke_token(id, now)
    }

    /// Appends an audit row (its strings bounded), within the audit budget; a denial
    /// (`denied`, `login_failed`) is aggregated as by [`audit_denial`](Self::audit_denial).
    /// `Ok(0)` when it was counted rather than written (see
    /// [`audit_health`](Self::audit_health)); an error when the write failed (also counted,
    /// and reported by `audit_health`). Prefer [`record_audit`](Self::record_audit), which
    /// never fails its caller.
    pub fn append_audit(&self, e: &NewAudit) -> Result<i64, StoreError> {
        let aggregate = is_aggregated(e.action, e.outcome);
        Ok(self.submit(e, aggregate).wait_result()?.unwrap_or(0))
    }

    /// Records an audit event and waits for it: written (strings bounded), or counted in
    /// memory if the log is at its budget or cannot write. A denial (`denied`,
    /// `login_failed`) or any refusal (an outcome other than `ok`) is aggregated as by
    /// [`audit_denial`](Self::audit_denial). Never an error: an audit failure must not fail
    /// the act it describes; it shows in [`audit_health`](Self::audit_health). Blocks until
    /// the writer's commit; on an async worker use [`submit_audit`](Self::submit_audit).
    pub fn record_audit(&self, e: &NewAudit) -> AuditWrite {
        self.submit_audit(e).wait()
    }

    /// [`record_audit`](Self::record_audit) without waiting: the row joins the writer's next
    /// group commit, and the caller may await its durability.
    pub fn submit_audit(&self, e: &NewAudit) -> AuditPending {
        self.submit(e, is_aggregated(e.action, e.outcome))
    }

    /// Records a denied request, whatever its action. The first [`DENIALS_IN_FULL_PER_KEY`]
    /// per (address, action, actor, organisation, outcome, reason) and minute are written in
    /// full, and at most [`DENIALS_IN_FULL_PER_MINUTE`] in all; the rest are counted and
    /// written as aggregate rows (`denied_repeated`, and one `denied_flood` for the smallest
    /// counts) when a later minute's event arrives, at [`flush_denials`](Self::flush_denials)
    /// or when the store is dropped. A flood costs a bounded number of rows per minute (at
    /// most 51, each of bounded size); every denial is counted.
    ///
    /// [`DENIALS_IN_FULL_PER_KEY`]: crate::audit::DENIALS_IN_FULL_PER_KEY
    /// [`DENIALS_IN_FULL_PER_MINUTE`]: crate::audit::DENIALS_IN_FULL_PER_MINUTE
    pub fn audit_denial(&self, e: &NewAudit) -> AuditWrite {
        self.submit(e, true).wait()
    }

    /// [`audit_denial`](Self::audit_denial) without waiting, for the request path: a denial
    /// is written (or counted) in the writer's next commit.
    pub fn submit_denial(&self, e: &NewAudit) -> AuditPending {
        self.submit(e, true)
    }

    fn submit(&self, e: &NewAudit, aggregate: bool) -> AuditPending {
        let mut denials = self.denials();
        // Queued under the denials' lock, so the previous minute's aggregate rows go before
        // this row.
        self.flush_due(&mut denials, e.at);
        let row = Row::of(e);
        if aggregate {
            match denials.take(row) {
                Denial::Counted => AuditPending::counted(),
                Denial::InFull(row) => self.writer.submit(vec![row]),
            }
        } else {
            self.writer.submit(vec![row])
        }
    }

    /// Writes the aggregate rows of denials counted in minutes before `now`'s, and waits for
    /// them. The server calls it once a minute so a flood that stops is written without
    /// waiting for the next event.
    pub fn flush_denials(&self, now: i64) {
        let pending = {
            let mut denials = self.denials();
            let due = if denials.due(now) {
                denials.drain()
            } else {
                Vec::new()
            };
            self.writer.submit(due)
        };
        let _ = pending.wait();
    }

    /// Whether the audit log is writing (for `/healthz`).
    pub fn audit_health(&self) -> AuditHealth {
        let pending_denials = self.denials().pending();
        let h = audit_writer::lock(&self.health);
        AuditHealth {
            condition: h.condition,
            unwritten: h.unwritten.total(),
            pending_denials,
            reason: h.reason.clone(),
        }
    }

    /// Sets the audit log's budget (the default is [`AuditBudget::default`]).
    pub fn set_audit_budget(&self, budget: AuditBudget) {
        audit_writer::lock(&self.health).budget = budget;
    }

    fn denials(&self) -> MutexGuard<'_, Denials> {
        self.denials.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn flush_due(&self, denials: &mut Denials, now: i64) {
        if denials.due(now) {
            // A failure is counted in `unwritten` and shown by `audit_health`.
            let _ = self.writer.submit(denials.drain());
        }
    }

    /// Audit entries after `after`, oldest first, at most `limit`.
    pub fn audit(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_of(None, after, limit)
    }

    /// Audit entries of one organisation's users (`Some`), or all of them (`None`). Every
    /// row this process submitted before the call is committed first, so a reader sees what
    /// was submitted without waiting (denials, for one), as if it had been.
    pub fn audit_of(
        &self,
        org: Option<&OrgId>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let _ = self.writer.submit(Vec::new()).wait();
        self.port.audit_of(org, after, limit)
    }

    /// For the append-only test: tries to change history the way an attacker with the
    /// application's connection would.
    #[cfg(test)]
    pub(crate) fn raw(&self) -> MutexGuard<'_, rusqlite::Connection> {
        self.sqlite.as_ref().expect("a SQLite store").conn()
    }
}

impl Drop for Store {
    /// Denials counted but not yet written are written on the way out (a clean shutdown
    /// loses no count), after what the log could not write before, if it now can.
    fn drop(&mut self) {
        let rows = self.denials().drain();
        let _ = self.writer.submit(rows);
        self.writer.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{
        AGGREGATE_ROWS_PER_MINUTE, DENIALS_IN_FULL_PER_KEY, DENIALS_IN_FULL_PER_MINUTE, MAX_DETAIL,
        MAX_FIELD,
    };
    use crate::model::OrgKind;

    const MINUTE: i64 = 60_000_000;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("accounts.db")).unwrap();
        (dir, store)
    }

    /// Many threads queue rows and block for them at once: each is woken with its own row's
    /// seq (the writer is woken only when it sleeps, a waiter only when it blocks), and no
    /// wake-up is lost: every wait ends, bounded here so a lost one fails instead of hanging.
    #[test]
    fn concurrent_submitters_all_get_their_own_rows_durable() {
        const THREADS: usize = 16;
        const EACH: usize = 150;
        let (_dir, store) = open();
        let store = std::sync::Arc::new(store);
        let (done, finished) = std::sync::mpsc::channel();
        for t in 0..THREADS {
            let store = std::sync::Arc::clone(&store);
            let done = done.clone();
            std::thread::spawn(move || {
                let mut seqs = Vec::with_capacity(EACH);
                for i in 0..EACH {
                    let row = NewAudit {
                        at: 1,
                        actor: format!("writer-{t}"),
                        org: None,
                        source: "test".into(),
                        action: "record_act",
                        target: format!("#{t}-{i}"),
                        outcome: "ok",
                        detail: String::new(),
                    };
                    seqs.push(store.submit_audit(&row).wait_result());
                }
                let _ = done.send(seqs);
            });
        }
        drop(done);
        let mut seqs = Vec::new();
        for _ in 0..THREADS {
            let got = finished
                .recv_timeout(std::time::Duration::from_secs(30))
                .expect("every submitter is answered");
            seqs.extend(got.into_iter().map(|r| r.unwrap().expect("written")));
        }
        seqs.sort_unstable();
        seqs.dedup();
        assert_eq!(seqs.len(), THREADS * EACH, "one row, one seq, each");
        let rows = store.audit(0, 10_000).unwrap();
        assert_eq!(rows.len(), THREADS * EACH);
    }

    /// The probe's request: `POST /admin/users/<60,000 × a>/disable` without credentials.
    fn denial(source: &str, at: i64) -> NewAudit {
        NewAudit {
            at,
            actor: "anonymous".into(),
            org: None,
            source: source.into(),
            action: "denied",
            target: format!("POST /admin/users/{}/disable", "a".repeat(60_000)),
            outcome: "401",
            detail: "sign in first".into(),
        }
    }

    /// Rows, bytes of text, and the denials they account for (1 per full row, `count=` of an
    /// aggregate row).
    fn tally(store: &Store) -> (usize, i64, u64) {
        let rows = store.audit(0, 100_000).unwrap();
        let bytes: i64 = store
            .raw()
            .query_row(
                "SELECT COALESCE(SUM(length(actor) + length(COALESCE(org, '')) + length(source)
                   + length(action) + length(target) + length(outcome) + length(detail)), 0)
                 FROM audit",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let denials = rows.iter().map(AuditEntry::denials).sum();
        (rows.len(), bytes, denials)
    }

    #[test]
    fn every_audited_string_is_bounded_whoever_writes_it() {
        let (_dir, store) = open();
        let long = "é".repeat(40_000);
        let seq = store
            .append_audit(&NewAudit {
                at: 1,
                actor: long.clone(),
                org: Some(long.clone()),
                source: long.clone(),
                action: "denied",
                target: format!("POST /admin/users/{}/disable", "a".repeat(60_000)),
                outcome: "401",
                detail: long.clone(),
            })
            .unwrap();
        assert!(seq > 0);
        let row = &store.audit(0, 10).unwrap()[0];
        for field in [
            &row.actor,
            row.org.as_ref().unwrap(),
            &row.source,
            &row.target,
        ] {
            assert!(field.len() <= MAX_FIELD + 24, "{}", field.len());
            assert!(field.contains("…(+"), "the cut is marked");
        }
        assert!(
            row.target.ends_with("…(+59770 bytes)"),
            "{}",
            &row.target[200..]
        );
        assert!(row.detail.len() <= MAX_DETAIL + 24);
    }

    /// The probe's flood: 20,000 anonymous denials with 60,000-byte paths from one address in
    /// one minute. Five are written in full and one aggregate row counts the rest: six rows of
    /// bounded size (before: 20,000 rows of 60 kB, 1.2 GB), and the counts add up.
    #[test]
    fn a_flood_from_one_address_costs_a_few_rows_and_every_denial_is_counted() {
        let (_dir, store) = open();
        for i in 0..20_000 {
            store.audit_denial(&denial("203.0.113.9", i * 2_000));
        }
        assert_eq!(store.audit_health().pending_denials, 19_995);
        store.flush_denials(MINUTE);
        let (rows, bytes, denials) = tally(&store);
        assert_eq!(rows, DENIALS_IN_FULL_PER_KEY as usize + 1);
        assert!(bytes < 4_000, "{bytes} bytes");
        assert_eq!(denials, 20_000);
        let agg = store.audit(0, 100).unwrap().pop().unwrap();
        assert_eq!(
            (agg.action.as_str(), agg.source.as_str()),
            ("denied_repeated", "203.0.113.9")
        );
        assert!(
            agg.detail.contains("action=denied count=19995"),
            "{}",
            agg.detail
        );
        assert_eq!(store.audit_health().pending_denials, 0);
    }

    /// The same flood from 1,000 addresses: 30 written in full in all, 20 aggregate rows for
    /// the addresses with the most, one `denied_flood` row for the others.
    #[test]
    fn a_flood_from_many_addresses_is_bounded_by_the_global_bound() {
        let (_dir, store) = open();
        for i in 0..20_000 {
            store.audit_denial(&denial(
                &format!("198.51.{}.{}", i % 1000 / 250, i % 250),
                i * 2_000,
            ));
        }
        store.flush_denials(MINUTE);
        let (rows, bytes, denials) = tally(&store);
        assert_eq!(
            rows,
            DENIALS_IN_FULL_PER_MINUTE as usize + AGGREGATE_ROWS_PER_MINUTE + 1
        );
        assert!(bytes < 30_000, "{bytes} bytes");
        assert_eq!(denials, 20_000);
        let flood = store.audit(0, 100).unwrap().pop().unwrap();
        assert_eq!(flood.action, "denied_flood");
        assert!(flood.detail.contains("addresses=980"), "{}", flood.detail);
        // A second minute of the same: the same bound again.
        for i in 0..20_000 {
            store.audit_denial(&denial(
                &format!("198.51.{}.{}", i % 1000 / 250, i % 250),
                MINUTE + i * 2_000,
            ));
        }
        store.flush_denials(2 * MINUTE);
        let (rows2, _, denials2) = tally(&store);
        assert_eq!(rows2, 2 * rows);
        assert_eq!(denials2, 40_000);
    }

    /// The server's existing path (`append_audit` with action `denied`, and `login_failed`)
    /// is aggregated too: the probe's 19,919 requests wrote 19,919 rows through it.
    #[test]
    fn denials_written_through_the_plain_append_are_aggregated_too() {
        let (_dir, store) = open();
        for i in 0..1_000 {
            assert!(store.append_audit(&denial("203.0.113.9", i)).is_ok());
            store.record_audit(&NewAudit {
                action: "login_failed",
                ..denial("203.0.113.9", i)
            });
        }
        store.flush_denials(MINUTE);
        let rows = store.audit(0, 100).unwrap();
        assert_eq!(rows.len(), 2 * (DENIALS_IN_FULL_PER_KEY as usize + 1));
        for action in ["denied", "login_failed"] {
            assert_eq!(rows.iter().filter(|r| r.action == action).count(), 5);
            let prefix = format!("action={action} count=995 in_full=5 ");
            assert!(
                rows.iter().any(|r| r.detail.starts_with(&prefix)),
                "{rows:?}"
            );
        }
    }

    #[test]
    fn counted_denials_are_written_when_the_next_minute_begins_or_on_drop() {
        let (dir, store) = open();
        for i in 0..10 {
            store.audit_denial(&denial("192.0.2.1", i));
        }
        assert_eq!(tally(&store).0, 5, "the rest wait for the minute's end");
        store.record_audit(&NewAudit {
            action: "login",
            ..denial("192.0.2.2", MINUTE + 1)
        });
        assert_eq!(
            tally(&store).2,
            10,
            "an event of a later minute writes them"
        );
        for i in 0..10 {
            store.audit_denial(&denial("192.0.2.1", 2 * MINUTE + i));
        }
        drop(store);
        let store = Store::open(&dir.path().join("accounts.db")).unwrap();
        assert_eq!(
            tally(&store).2,
            20,
            "dropping the store writes what it counted"
        );
    }

    /// At its budget the audit log stops writing, says so, and does not fail its callers;
    /// given room again it first writes what it could not.
    #[test]
    fn a_store_at_its_budget_reports_full_and_does_not_fail_the_caller() {
        let (_dir, store) = open();
        let before = tally(&store).0;
        store.set_audit_budget(AuditBudget {
            max_store_bytes: 1,
            ..AuditBudget::default()
        });
        let login = NewAudit {
            action: "login",
            ..denial("192.0.2.7", 5)
        };
        assert_eq!(store.record_audit(&login), AuditWrite::Counted);
        assert_eq!(
            store.append_audit(&login).unwrap(),
            0,
            "no error for the caller"
        );
        for i in 0..100 {
            store.audit_denial(&denial("192.0.2.8", 10 + i));
        }
        store.flush_denials(MINUTE);
        let health = store.audit_health();
        assert_eq!(health.condition, AuditCondition::Full);
        assert!(health.degraded());
        assert_eq!(health.unwritten, 102);
        assert!(health.reason.unwrap().contains("budget"));
        assert_eq!(tally(&store).0, before, "nothing written");
        // Users and tokens are not the audit log: they still work.
        assert!(store.set_setting("public_read", "on").is_ok());

        store.set_audit_budget(AuditBudget::default());
        assert!(matches!(store.record_audit(&login), AuditWrite::Written(_)));
        let health = store.audit_health();
        assert_eq!(
            (health.condition, health.unwritten),
            (AuditCondition::Ok, 0)
        );
        let rows = store.audit(0, 100).unwrap();
        let summary = &rows[rows.len() - 2];
        assert_eq!(summary.action, "audit_unwritten");
        assert!(
            summary
                .detail
                .contains("count=102 since=5 while the audit log was full or failing: denied=5 denied_repeated=95 login=2"),
            "{}",
            summary.detail
        );
    }

    #[test]
    fn a_free_space_reserve_stops_the_audit_log() {
        let (_dir, store) = open();
        store.set_audit_budget(AuditBudget {
            min_free_bytes: u64::MAX,
            ..AuditBudget::default()
        });
        assert_eq!(store.record_audit(&denial("x", 1)), AuditWrite::Counted);
        assert_eq!(store.audit_health().condition, AuditCondition::Full);
    }

    /// A write that fails (here SQLite's "database or disk is full", forced with a page
    /// limit) is counted and reported, not returned to the caller of `record_audit`.
    #[test]
    fn a_failing_write_is_reported_as_health_not_as_an_error() {
        let (_dir, store) = open();
        let pages: i64 = store
            .raw()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .raw()
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let mut counted = 0;
        for i in 0..200 {
            if store.record_audit(&NewAudit {
                action: "record_act",
                outcome: "ok",
                detail: "x".repeat(4000),
                ..denial("192.0.2.9", i)
            }) == AuditWrite::Counted
            {
                counted += 1;
            }
        }
        assert!(counted > 0);
        let health = store.audit_health();
        assert_eq!(health.condition, AuditCondition::Failing);
        assert!(health.reason.unwrap().contains("full"));
        assert_eq!(health.unwritten, counted);
        assert!(store
            .append_audit(&NewAudit {
                action: "record_act",
                outcome: "ok",
                detail: "x".repeat(4000),
                ..denial("y", 300)
            })
            .is_err());
        store
            .raw()
            .pragma_update(None, "max_page_count", 1_000_000)
            .unwrap();
        assert!(matches!(
            store.record_audit(&denial("z", 400)),
            AuditWrite::Written(_)
        ));
        assert_eq!(store.audit_health().condition, AuditCondition::Ok);
    }

    #[test]
    fn an_organisation_name_with_invisible_characters_is_refused_naming_the_field() {
        let (_dir, store) = open();
        let e = store
            .add_org(&Organisation {
                id: "evil".parse().unwrap(),
                name: "Ministry of \u{202E}sriaffA".into(),
                kind: OrgKind::Observer,
            })
            .unwrap_err();
        assert!(e.to_string().starts_with("name: "), "{e}");
        assert!(store.orgs().unwrap().is_empty());
    }
}
