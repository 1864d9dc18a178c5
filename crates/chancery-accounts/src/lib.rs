//! Chancery's accounts: organisations and what they may see, users and their roles, Argon2id
//! passwords, server-side sessions, API tokens, login throttling and the append-only audit log.
//!
//! Bounded against floods: password checks per account ([`limiter::AccountThrottle`]), Argon2
//! memory per process ([`ArgonPool`]: four 19 MiB buffers, whoever hashes), and the audit
//! log's rows and disk ([`audit`]: bounded strings, aggregated denials, a budget reported by
//! [`Accounts::audit_health`]).
//!
//! The HTTP edge authenticates a request into a [`Principal`] and asks [`Principal::allows`];
//! what a principal may *see* is its [`Reader`], which the domain applies inside every query.

pub mod argon_pool;
pub mod audit;
mod audit_writer;
pub mod author;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod limiter;
pub mod model;
pub mod policy;
pub mod port;
pub mod secret;
pub mod sessions;
pub mod sqlite;
pub mod store;
mod token_cache;
pub mod transfer;
pub mod trusted;

use std::path::Path;

use chancery_domain::Reader;

pub use argon_pool::ArgonPool;
pub use audit::{AuditBudget, AuditCondition, AuditHealth, AuditWrite};
pub use audit_writer::AuditPending;
pub use author::RecordedBy;
pub use model::{OrgId, OrgKind, OrgName, Organisation, Role, TokenScope, User, Username};
pub use policy::Permission;
pub use port::{AccountsPort, SessionRow};
pub use sessions::Lifetimes;
pub use sqlite::SqliteAccounts;
pub use store::{AuditEntry, NewAudit, StoreError};
pub use token_cache::{TOKEN_OUTAGE_GRACE, TOKEN_RECHECK};
pub use trusted::Client;

use limiter::{throttle_key, AccountDecision, AccountThrottle, LoginLimiter};
use secret::{digest, hash_password, new_password, new_secret, verify_password};
use sessions::SessionError;
pub use store::Store;

/// Who is asking, as established for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Anonymous,
    Session(User),
    Token {
        id: i64,
        user: User,
        scope: TokenScope,
    },
}

impl Principal {
    pub fn user(&self) -> Option<&User> {
        match self {
            Principal::Anonymous => None,
            Principal::Session(u) | Principal::Token { user: u, .. } => Some(u),
        }
    }

    /// What this principal may see.
    pub fn reader(&self) -> Reader {
        self.user().map_or(Reader::Public, |u| u.org.kind.reader())
    }

    /// Whether this principal holds `p`. Anonymous readers may read only when the server runs
    /// with public read; a read-scoped token only reads (the record, or for auditors the log).
    pub fn allows(&self, p: Permission, public_read: bool) -> bool {
        match self {
            Principal::Anonymous => public_read && p == Permission::Read,
            Principal::Session(u) => !u.disabled && u.role.may(p),
            Principal::Token { user, scope, .. } => {
                !user.disabled
                    && user.role.may(p)
                    && (matches!(p, Permission::Read | Permission::Audit)
                        || *scope == TokenScope::Write)
            }
        }
    }

    /// How the journal names this principal as an act's author; anonymous readers record
    /// nothing.
    pub fn recorded_by(&self) -> Option<RecordedBy> {
        match self {
            Principal::Anonymous => None,
            Principal::Session(u) => Some(RecordedBy::User {
                username: u.username.to_string(),
                org: u.org.id.to_string(),
            }),
            Principal::Token { id, user, .. } => Some(RecordedBy::Token {
                id: id.to_string(),
                username: user.username.to_string(),
                org: user.org.id.to_string(),
            }),
        }
    }

    /// How the audit log names this principal: as the journal does (see [`RecordedBy`]), or
    /// `anonymous`. Never a secret.
    pub fn actor(&self) -> String {
        self.recorded_by()
            .map_or_else(|| "anonymous".to_owned(), |by| by.to_string())
    }

    /// Whether this principal may see who recorded an act: its own organisation's acts; the
    /// tools' acts for an auditor; every act for the operator's auditors. Names of other
    /// organisations' users are not shown (they are what a password guesser needs, and one
    /// ministry's staff are not the other's to know).
    pub fn may_see_author(&self, recorded_by: &RecordedBy) -> bool {
        let Some(user) = self.user() else {
            return false;
        };
        let mine = user.org.id.as_str();
        match recorded_by.org() {
            Some(author) if author == mine => true,
            // Who in another organisation recorded what is that organisation's business: only
            // the operator's auditors, who read the whole audit log, see every author.
            Some(_) => self.allows(Permission::Audit, false) && mine == OPERATOR_ORG,
            // Tools (an import, the demo seed) name no organisation.
            None => self.allows(Permission::Audit, false),
        }
    }

    pub fn org(&self) -> Option<String> {
        self.user().map(|u| u.org.id.to_string())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Parse(#[from] model::ParseError),
    #[error(transparent)]
    Randomness(#[from] secret::NoRandomness),
}

impl From<SessionError> for AccountsError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Randomness(e) => AccountsError::Randomness(e),
            SessionError::Store(e) => AccountsError::Store(e),
        }
    }
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub user: User,
    /// The session id, for the session cookie.
    pub session: String,
    /// The device cookie to give the browser (the one it brought, if this account had
    /// trusted it, else a new one): its later sign-ins to this account are trusted.
    pub device: String,
}

/// Why a login failed. `Refused` and `Throttled` say the same to the user (only the audit log
/// tells them apart); `Unavailable` asks them to come back.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginFailure {
    Refused,
    Throttled,
    /// The store did not answer: whether the password is right is unknown, and the attempt
    /// is not counted against the account or the address.
    Unavailable,
}

/// The first administrator of a new store, to be shown once and never stored in clear.
pub struct Bootstrap {
    pub username: Username,
    pub password: String,
}

pub struct Accounts {
    store: Store,
    lifetimes: Lifetimes,
    limiter: LoginLimiter,
    throttle: AccountThrottle,
    /// A hash to verify against when the username does not exist, so the time taken does not
    /// tell which usernames exist.
    decoy_hash: String,
    /// Tokens the store recently confirmed live: see [`token_cache`] for the bound it keeps.
    tokens: token_cache::TokenCache,
}

pub const OPERATOR_ORG: &str = "operator";
pub const FIRST_ADMIN: &str = "admin";

impl Accounts {
    /// Opens (or creates) the accounts store at `path`. A store with no users gets the
    /// `operator` organisation (a mediator) and an administrator with a random password,
    /// returned once.
    pub fn open(path: &Path) -> Result<(Accounts, Option<Bootstrap>), AccountsError> {
        Self::open_with(path, Lifetimes::default())
    }

    pub fn open_with(
        path: &Path,
        lifetimes: Lifetimes,
    ) -> Result<(Accounts, Option<Bootstrap>), AccountsError> {
        Self::with_store(Store::open(path)?, lifetimes)
    }

    /// Accounts over any store (a backend behind [`AccountsPort`], in a [`Store::new`]),
    /// bootstrapped as [`open`](Self::open) says.
    pub fn with_store(
        store: Store,
        lifetimes: Lifetimes,
    ) -> Result<(Accounts, Option<Bootstrap>), AccountsError> {
        let accounts = Accounts {
            store,
            lifetimes,
            limiter: LoginLimiter::default(),
            throttle: AccountThrottle::default(),
            decoy_hash: hash_password("decoy password never used")?,
            tokens: token_cache::TokenCache::default(),
        };
        let bootstrap = if accounts.store.user_count()? == 0 {
            let org = Organisation {
                id: OPERATOR_ORG.parse()?,
                name: "Operator of this Chancery".to_owned(),
                kind: OrgKind::Mediator,
            };
            // Several instances may open a new shared store at the same moment: each tries,
            // the store lets one in, and the others find the organisation and the
            // administrator there and have no password to show.
            accounts.store.port().insert_org(&org)?;
            let username: Username = FIRST_ADMIN.parse()?;
            let password = new_password()?;
            let hash = hash_password(&password)?;
            accounts
                .store
                .port()
                .insert_user(&username, &org.id, Role::Administrator, &hash, 0)?
                .map(|_| Bootstrap { username, password })
        } else {
            None
        };
        Ok((accounts, bootstrap))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn public_read(&self) -> Result<bool, AccountsError> {
        Ok(self.store.setting("public_read")?.as_deref() == Some("on"))
    }

    pub fn set_public_read(&self, on: bool) -> Result<(), AccountsError> {
        Ok(self
            .store
            .set_setting("public_read", if on { "on" } else { "off" })?)
    }

    /// Adds a user; with no password given, generates one and returns it (shown once).
    pub fn add_user(
        &self,
        username: &Username,
        org: &OrgId,
        role: Role,
        password: Option<&str>,
        now: i64,
    ) -> Result<String, AccountsError> {
        let password = match password {
            Some(p) => {
                secret::check_password_rules(p)?;
                p.to_owned()
            }
            None => new_password()?,
        };
        self.store
            .add_user(username, org, role, &hash_password(&password)?, now)?;
        Ok(password)
    }

    /// A new API token for `username`; the token is returned once, only its digest is kept.
    pub fn add_token(
        &self,
        username: &Username,
        scope: TokenScope,
        label: &str,
        now: i64,
    ) -> Result<(i64, String), AccountsError> {
        let (user, _) = self
            .store
            .user_by_name(username.as_str())?
            .ok_or_else(|| StoreError::Invalid(format!("username: `{username}` does not exist")))?;
        let token = new_secret("chy_")?;
        let id = self
            .store
            .add_token(user.id, &digest(&token), scope, label, now)?;
        Ok((id, token))
    }

    /// Checks a password. Throttled or wrong, the caller shows the same message.
    ///
    /// Three bounds apply before the password is checked: per username from one address and
    /// per address ([`LoginLimiter`]), and per account from all addresses together
    /// ([`AccountThrottle`]: 10 at once, then spaced 1 s, 2 s, 4 s ... up to 15 minutes,
    /// about 144 a day sustained), except for a browser the account trusts (it brings the
    /// device cookie of one of the account's sign-ins in the last 30 days: see [`trusted`]). The first time in an hour an account is throttled, a
    /// `login_account_throttled` row is written to the audit log with the counts.
    pub fn login(
        &self,
        username: &str,
        password: &str,
        client: Client<'_>,
        now: i64,
    ) -> Result<SignedIn, LoginFailure> {
        let key = throttle_key(username);
        let source = client.address;
        let found = if key == username {
            self.store
                .user_by_name(username)
                .map_err(|_| LoginFailure::Unavailable)?
        } else {
            None
        };
        let trusted = found
            .as_ref()
            .zip(client.device)
            .is_some_and(|((u, _), d)| self.store.is_device_trusted(u.id, d, now).unwrap_or(false));
        self.begin_check(key, found.as_ref().map(|(u, _)| u), source, trusted, now)?;
        let ok = match &found {
            Some((user, hash)) => verify_password(hash, password) && !user.disabled,
            None => {
                verify_password(&self.decoy_hash, password);
                false
            }
        };
        match found {
            Some((user, _)) if ok => {
                self.limiter.succeeded(key, source, now);
                self.throttle.succeeded(key, trusted);
                // A device cookie is kept only if this account had trusted it: one planted in
                // the browser by someone else never becomes trusted.
                let device = match client.device {
                    Some(d) if trusted => d.to_owned(),
                    _ => new_secret("dev_").map_err(|_| LoginFailure::Refused)?,
                };
                // Losing this only costs the user the exemption next time.
                let _ = self.store.trust_device(user.id, &device, now);
                let session = self
                    .store
                    .start_session(user.id, now, self.lifetimes)
                    .map_err(|_| LoginFailure::Unavailable)?;
                Ok(SignedIn {
                    user,
                    session,
                    device,
                })
            }
            // The attempt was counted as a failure when it began.
            _ => Err(LoginFailure::Refused),
        }
    }

    /// Counts a password check against every bound, or refuses it. `user` is the account the
    /// name belongs to, if any: it decides nothing but the alert's organisation and which
    /// throttle entries are forgotten first.
    fn begin_check(
        &self,
        key: &str,
        user: Option<&User>,
        source: &str,
        trusted: bool,
        now: i64,
    ) -> Result<(), LoginFailure> {
        if !self.limiter.allows(key, source, now) {
            return Err(LoginFailure::Throttled);
        }
        match self.throttle.begin(key, trusted, user.is_some(), now) {
            AccountDecision::Check => {}
            AccountDecision::Throttled { alert } => {
                if let Some(a) = alert {
                    // One row per account and hour, not one per attempt: an attack is told
                    // to the auditors without becoming a flood of its own. Made-up names
                    // are aggregated like denials: they protect nobody, and a spray of them
                    // must not write a row per name.
                    let alert = NewAudit {
                        at: now,
                        actor: "anonymous".to_owned(),
                        org: user.map(|u| u.org.id.to_string()),
                        source: source.to_owned(),
                        action: "login_account_throttled",
                        target: format!("username:{key}"),
                        outcome: "throttled",
                        detail: format!(
                            "checks={} refused={} next_check_in_s={} (since the last alert, \
                             from all addresses)",
                            a.checks,
                            a.refused,
                            (a.next_check_in + 999_999) / 1_000_000
                        ),
                    };
                    if user.is_some() {
                        self.store.record_audit(&alert);
                    } else {
                        self.store.audit_denial(&alert);
                    }
                }
                return Err(LoginFailure::Throttled);
            }
        }
        // Counted only once the account allows it, so an attempt the account refused does
        // not use up the address's allowance.
        if !self.limiter.begin(key, source, now) {
            return Err(LoginFailure::Throttled);
        }
        Ok(())
    }

    /// The principal a session cookie stands for, if the session is live and the user enabled.
    /// An error when the store cannot answer: that is not the same as no session, and a
    /// signed-in user must not be treated as a stranger while the database restarts.
    pub fn session(&self, id: &str, now: i64) -> Result<Option<Principal>, AccountsError> {
        let Some((user_id, since)) = self.store.session_user(id, now, self.lifetimes)? else {
            return Ok(None);
        };
        let Some((user, after)) = self.store.user_and_sessions_after(user_id)? else {
            return Ok(None);
        };
        // A password changed since the session began ends it (also when changed by the CLI).
        Ok((!user.disabled && since >= after).then_some(Principal::Session(user)))
    }

    /// Changes a user's own password after checking the current one; every session of the
    /// user ends. Wrong current password: `Ok(false)`.
    /// Throttled like a sign-in, so a stolen session cannot be used to guess the password.
    pub fn change_password(
        &self,
        user: &User,
        current: &str,
        new: &str,
        source: &str,
        now: i64,
    ) -> Result<bool, AccountsError> {
        let name = user.username.as_str();
        // Never exempt from the account's bound: a stolen session is what this check is for.
        let trusted = false;
        if self
            .begin_check(name, Some(user), source, trusted, now)
            .is_err()
        {
            return Ok(false);
        }
        let Some((_, hash)) = self.store.user_by_name(name)? else {
            return Ok(false);
        };
        if !verify_password(&hash, current) {
            return Ok(false);
        }
        self.limiter.succeeded(name, source, now);
        self.throttle.succeeded(name, trusted);
        secret::check_password_rules(new)?;
        self.store
            .set_password_hash(user.id, &hash_password(new)?, now)?;
        Ok(true)
    }

    /// Gives a user a new random password (an operator's reset), ending their sessions; the
    /// password is returned once.
    pub fn reset_password(&self, user: i64, now: i64) -> Result<String, AccountsError> {
        let password = new_password()?;
        self.store
            .set_password_hash(user, &hash_password(&password)?, now)?;
        Ok(password)
    }

    /// The principal a bearer token stands for, if it is live and its user enabled. An error
    /// when the store cannot answer, so a valid token is never refused as unknown.
    /// A live answer is kept for [`TOKEN_RECHECK`] (see [`token_cached`](Self::token_cached)).
    pub fn token(&self, token: &str) -> Result<Option<Principal>, AccountsError> {
        let asked = std::time::Instant::now();
        let ticket = self.tokens.ticket(token);
        let principal = self
            .store
            .token(&digest(token))?
            .filter(|(_, user, _)| !user.disabled)
            .map(|(id, user, scope)| Principal::Token { id, user, scope });
        match &principal {
            Some(p) => self.tokens.keep(ticket, p, asked),
            // Revoked, unknown or disabled: never honoured from memory again, outage or not.
            None => self.tokens.forget(token),
        }
        Ok(principal)
    }

    /// For monitoring while the store cannot answer: the principal of a token the store
    /// confirmed live within [`TOKEN_OUTAGE_GRACE`] and has not since said is not. Only for a
    /// route that reads no part of the record (`/metrics`).
    pub fn token_for_monitoring_in_outage(&self, token: &str) -> Option<Principal> {
        self.tokens
            .get_within(token, std::time::Instant::now(), TOKEN_OUTAGE_GRACE)
    }

    /// The principal of a bearer token the store confirmed live less than [`TOKEN_RECHECK`]
    /// ago, without asking it (so without blocking); `None` means ask [`token`](Self::token).
    /// A token revoked or a user disabled through this `Accounts` is never answered from here
    /// again; one revoked by another process may be, for up to [`TOKEN_RECHECK`].
    pub fn token_cached(&self, token: &str) -> Option<Principal> {
        self.tokens.get(token, std::time::Instant::now())
    }

    /// Revokes a token; false if there is no live token with that id. Its next request here
    /// is refused (other processes see it within [`TOKEN_RECHECK`]).
    pub fn revoke_token(&self, id: i64, now: i64) -> Result<bool, AccountsError> {
        let revoked = self.store.revoke_token(id, now);
        self.tokens.clear();
        Ok(revoked?)
    }

    /// A new session for a user who has just proved who they are (after their own password
    /// change, which ended the others).
    pub fn session_for(&self, user: &User, now: i64) -> Result<String, AccountsError> {
        Ok(self.store.start_session(user.id, now, self.lifetimes)?)
    }

    /// Ends a session in every instance sharing the store. If the store cannot be reached the
    /// session is left to expire (the browser's cookie is cleared anyway).
    pub fn logout(&self, session_id: &str) {
        let _ = self.store.end_session(session_id);
    }

    /// Ends every session of the user, in every instance sharing the store: how many (0 if
    /// the store cannot be reached).
    pub fn revoke_sessions(&self, user: i64) -> usize {
        self.store.end_sessions_of(user).unwrap_or(0)
    }

    /// Disables a user; their sessions end at once, and any other session check refuses a
    /// disabled user anyway.
    pub fn disable_user(&self, user: i64) -> Result<(), AccountsError> {
        let disabled = self.store.set_disabled(user, true);
        // Cleared even if the write failed: it may have landed all the same.
        self.tokens.clear();
        disabled?;
        self.store.end_sessions_of(user)?;
        Ok(())
    }

    /// Appends an audit row (strings bounded, within the audit budget): its sequence number,
    /// or 0 if it was counted rather than written; an error if the write failed. Kept for
    /// callers that want the error; [`record_audit`](Self::record_audit) never fails.
    pub fn audit(&self, entry: &NewAudit) -> Result<i64, AccountsError> {
        Ok(self.store.append_audit(entry)?)
    }

    /// Records an audit event; a failure shows in [`audit_health`](Self::audit_health), never
    /// as an error of the request it describes.
    pub fn record_audit(&self, entry: &NewAudit) -> AuditWrite {
        self.store.record_audit(entry)
    }

    /// [`record_audit`](Self::record_audit) without blocking: the row joins the audit log's
    /// next group commit; await [`AuditPending::wait_async`] for its durability.
    pub fn submit_audit(&self, entry: &NewAudit) -> AuditPending {
        self.store.submit_audit(entry)
    }

    /// [`audit_denial`](Self::audit_denial) without waiting, for request handlers.
    pub fn submit_denial(&self, entry: &NewAudit) -> AuditPending {
        self.store.submit_denial(entry)
    }

    /// Records a denied request (or a refused sign-in), aggregating repeats: see
    /// [`Store::audit_denial`](store::Store::audit_denial).
    pub fn audit_denial(&self, entry: &NewAudit) -> AuditWrite {
        self.store.audit_denial(entry)
    }

    /// Writes the aggregate rows of denials counted before `now`'s minute (call it about once
    /// a minute).
    pub fn flush_audit(&self, now: i64) {
        self.store.flush_denials(now);
    }

    pub fn audit_health(&self) -> AuditHealth {
        self.store.audit_health()
    }

    pub fn set_audit_budget(&self, budget: AuditBudget) {
        self.store.set_audit_budget(budget);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A client with no device cookie.
    fn from(address: &str) -> Client<'_> {
        Client {
            address,
            device: None,
        }
    }

    fn open() -> (tempfile::TempDir, Accounts, Bootstrap) {
        let dir = tempfile::tempdir().unwrap();
        let (a, boot) = Accounts::open(&dir.path().join("accounts.db")).unwrap();
        (dir, a, boot.expect("a new store has a first administrator"))
    }

    #[test]
    fn a_new_store_has_one_administrator_with_a_one_time_password() {
        let (dir, a, boot) = open();
        assert_eq!(boot.username.as_str(), "admin");
        let user = a.login("admin", &boot.password, from("t"), 0).unwrap().user;
        assert_eq!(user.role, Role::Administrator);
        drop(a);
        let (_, again) = Accounts::open(&dir.path().join("accounts.db")).unwrap();
        assert!(again.is_none(), "the password is given once");
    }

    #[test]
    fn login_fails_alike_for_unknown_names_wrong_passwords_and_disabled_users() {
        let (_dir, a, boot) = open();
        assert_eq!(
            a.login("nobody", "x", from("t"), 0).unwrap_err(),
            LoginFailure::Refused
        );
        assert_eq!(
            a.login("admin", "wrong", from("t"), 0).unwrap_err(),
            LoginFailure::Refused
        );
        let org: OrgId = OPERATOR_ORG.parse().unwrap();
        let name: Username = "ed".parse().unwrap();
        let pw = a.add_user(&name, &org, Role::Editor, None, 0).unwrap();
        let SignedIn {
            user: ed, session, ..
        } = a.login("ed", &pw, from("t"), 0).unwrap();
        assert!(a.session(&session, 1).unwrap().is_some());
        a.disable_user(ed.id).unwrap();
        assert!(
            a.session(&session, 2).unwrap().is_none(),
            "disabling ends sessions"
        );
        assert_eq!(
            a.login("ed", &pw, from("t"), 3).unwrap_err(),
            LoginFailure::Refused
        );
        for _ in 0..5 {
            let _ = a.login("admin", "wrong", from("t"), 4);
        }
        assert_eq!(
            a.login("admin", &boot.password, from("t"), 5).unwrap_err(),
            LoginFailure::Throttled
        );
    }

    #[test]
    fn a_changed_password_ends_sessions_begun_before_it() {
        let (_dir, a, boot) = open();
        let SignedIn {
            user: admin,
            session: early,
            ..
        } = a.login("admin", &boot.password, from("t"), 10).unwrap();
        assert!(!a
            .change_password(&admin, "wrong", "a new long password", "t", 20)
            .unwrap());
        assert!(
            a.session(&early, 21).unwrap().is_some(),
            "a refused change ends nothing"
        );
        assert!(a
            .change_password(&admin, &boot.password, "a new long password", "t", 30)
            .unwrap());
        assert!(a.session(&early, 31).unwrap().is_none());
        assert!(a.login("admin", &boot.password, from("t"), 32).is_err());
        let fresh = a
            .login("admin", "a new long password", from("t"), 40)
            .unwrap()
            .session;
        assert!(a.session(&fresh, 41).unwrap().is_some());
        // A reset from another process (the CLI) reaches sessions through the store's stamp.
        a.store.set_password_hash(admin.id, "x", 50).unwrap();
        assert!(a.session(&fresh, 51).unwrap().is_none());
    }

    #[test]
    fn tokens_are_scoped_revocable_and_stored_hashed() {
        let (_dir, a, _) = open();
        let admin: Username = "admin".parse().unwrap();
        let (id, token) = a.add_token(&admin, TokenScope::Read, "script", 0).unwrap();
        let p = a.token(&token).unwrap().unwrap();
        assert!(p.allows(Permission::Read, false));
        assert!(!p.allows(Permission::ManageUsers, false), "read scope");
        let stored: String = a
            .store
            .raw()
            .query_row("SELECT digest FROM tokens WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(!stored.contains(&token[4..]));
        assert!(a.store.revoke_token(id, 1).unwrap());
        assert!(a.token(&token).unwrap().is_none());
    }

    /// A token revoked by another process is never honoured here once this process has seen
    /// it revoked, not even for monitoring while the store cannot answer; and the store's
    /// failure is an error of `token` itself, never a stale answer.
    #[test]
    fn a_token_seen_revoked_is_not_honoured_in_an_outage_either() {
        let (dir, here, _) = open();
        let (elsewhere, _) = Accounts::open(&dir.path().join("accounts.db")).unwrap();
        let admin: Username = "admin".parse().unwrap();
        let (id, token) = here.add_token(&admin, TokenScope::Read, "s", 0).unwrap();
        assert!(here.token(&token).unwrap().is_some());
        assert!(here.token_cached(&token).is_some());
        assert!(here.token_for_monitoring_in_outage(&token).is_some());
        assert!(elsewhere.revoke_token(id, 1).unwrap());
        assert!(
            here.token(&token).unwrap().is_none(),
            "the store says revoked"
        );
        assert!(here.token_cached(&token).is_none());
        assert!(here.token_for_monitoring_in_outage(&token).is_none());
        // The store fails: `token` says so rather than answer from memory.
        let (_, other) = here.add_token(&admin, TokenScope::Read, "t", 0).unwrap();
        assert!(here.token(&other).unwrap().is_some());
        elsewhere
            .store
            .raw()
            .execute_batch("ALTER TABLE tokens RENAME TO tokens_away")
            .unwrap();
        assert!(here.token(&other).is_err(), "an error, not a stale answer");
        assert!(here.token_for_monitoring_in_outage(&other).is_some());
    }

    #[test]
    fn the_audit_log_is_append_only() {
        let (_dir, a, _) = open();
        a.audit(&NewAudit {
            at: 1,
            actor: "anonymous".into(),
            org: None,
            source: "127.0.0.1".into(),
            action: "denied",
            target: "POST /api/v1/acts".into(),
            outcome: "401",
            detail: String::new(),
        })
        .unwrap();
        let conn = a.store.raw();
        assert!(conn.execute("UPDATE audit SET actor = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM audit", []).is_err());
        drop(conn);
        assert_eq!(a.store.audit(0, 10).unwrap()[0].actor, "anonymous");
    }

    /// The probe's M3: 200 sign-in attempts from 40 addresses in 6 seconds used to reach the
    /// password check 200 times (5 per address) and the password still worked from a 42nd
    /// address. Now the account allows 12 checks; the right password is refused while the
    /// account is throttled and accepted once the wait (at most 15 minutes) is over; and the
    /// audit log gets one alert, not a row per attempt.
    #[test]
    fn many_addresses_cannot_exceed_the_accounts_bound() {
        let (_dir, a, boot) = open();
        let mut checks = 0;
        for i in 0..200i64 {
            let source = format!("127.0.0.{}", i % 40 + 1);
            match a.login("admin", "a wrong guess", from(&source), i * 30_000) {
                Err(LoginFailure::Refused) => checks += 1,
                Err(LoginFailure::Throttled) => {}
                Err(LoginFailure::Unavailable) => panic!("the store answers in this test"),
                Ok(_) => panic!("a wrong password signed in"),
            }
        }
        assert_eq!(checks, 12, "password checks in 6 s from 40 addresses");

        let now = 6_000_000;
        assert_eq!(
            a.login("admin", &boot.password, from("127.0.0.42"), now)
                .unwrap_err(),
            LoginFailure::Throttled,
            "the right password waits too"
        );
        let next = a.throttle.next_check_at("admin", now);
        assert!(next > now && next - now <= limiter::ACCOUNT_MAX_DELAY);
        assert_eq!(
            a.login("admin", &boot.password, from("127.0.0.43"), next - 1)
                .unwrap_err(),
            LoginFailure::Throttled
        );
        assert!(a
            .login("admin", &boot.password, from("127.0.0.43"), next)
            .is_ok());

        let alerts: Vec<_> = a
            .store
            .audit(0, 1000)
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "login_account_throttled")
            .collect();
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        assert_eq!(alerts[0].target, "username:admin");
        assert_eq!(alerts[0].org.as_deref(), Some(OPERATOR_ORG));
        assert!(
            alerts[0].detail.starts_with("checks=10 refused=1 "),
            "{}",
            alerts[0].detail
        );
    }

    /// The device cookie of a first sign-in as admin from 10.1.1.1 at time 0.
    fn signed_in_device(a: &Accounts, boot: &Bootstrap) -> String {
        a.login("admin", &boot.password, from("10.1.1.1"), 0)
            .unwrap()
            .device
    }

    /// A sustained attack: 300 wrong passwords for admin, at times 1 to 300, each from another
    /// address, so only the account's own bound can stop it.
    fn wrong_guesses_from_many_addresses(a: &Accounts) {
        for i in 0..300i64 {
            let _ = a.login(
                "admin",
                "a wrong guess",
                from(&format!("10.9.{}.{}", i / 200, i % 200)),
                1 + i,
            );
        }
    }

    /// Under a sustained attack from elsewhere, an address the user signed in from before is
    /// no more trusted than any other (it may be shared: NAT, a proxy, one host); their browser
    /// is, through its device cookie.
    #[test]
    fn an_address_alone_is_not_trusted_during_an_attack() {
        let (_dir, a, boot) = open();
        let device = signed_in_device(&a, &boot);
        wrong_guesses_from_many_addresses(&a);
        assert_eq!(
            a.login("admin", &boot.password, from("10.1.1.1"), 400)
                .unwrap_err(),
            LoginFailure::Throttled
        );
        let browser = Client {
            address: "10.1.1.1",
            device: Some(&device),
        };
        assert!(a.login("admin", &boot.password, browser, 401).is_ok());
    }

    /// The review's follow-up to M3: an attacker polling without pause took every check the
    /// account freed, so a user away from their usual address waited 26 minutes. A browser
    /// the user signed in with before (its device cookie) is trusted from any address, a
    /// restart forgets no trusted client, and a cookie the account never issued is not trusted.
    #[test]
    fn a_trusted_browser_signs_in_from_anywhere_during_an_attack_and_after_a_restart() {
        let (dir, a, boot) = open();
        let device = signed_in_device(&a, &boot);
        drop(a);
        let (a, _) = Accounts::open(&dir.path().join("accounts.db")).unwrap();
        wrong_guesses_from_many_addresses(&a);
        let travelling = Client {
            address: "192.0.2.7",
            device: Some(&device),
        };
        let again = a.login("admin", &boot.password, travelling, 400).unwrap();
        assert_eq!(again.device, device, "a trusted cookie is kept");
        assert_eq!(
            a.login("admin", &boot.password, from("10.1.1.1"), 401)
                .unwrap_err(),
            LoginFailure::Throttled,
            "the address it signed in from is not trusted by itself"
        );
        let planted = Client {
            address: "192.0.2.8",
            device: Some("dev_planted_by_someone_else"),
        };
        assert_eq!(
            a.login("admin", &boot.password, planted, 402).unwrap_err(),
            LoginFailure::Throttled
        );
        // A new password forgets every trusted client.
        let admin = again.user;
        a.store.set_password_hash(admin.id, "x", 500).unwrap();
        assert!(!a.store.is_device_trusted(admin.id, &device, 501).unwrap());
    }

    /// Made-up names of any length cost no memory beyond one shared entry, and change nothing
    /// for real accounts.
    #[test]
    fn huge_made_up_usernames_share_one_throttle_entry() {
        let (_dir, a, boot) = open();
        let huge = "x".repeat(100_000);
        for i in 0..30 {
            let _ = a.login(
                &format!("{huge}{i}"),
                "guess",
                from(&format!("10.2.0.{i}")),
                i,
            );
        }
        assert_eq!(a.throttle.tracked(), 1);
        assert!(a
            .login("admin", &boot.password, from("10.3.0.1"), 100)
            .is_ok());
    }

    /// A password change is a password check: the account's bound applies to it too.
    #[test]
    fn a_password_change_is_throttled_by_the_account_bound() {
        let (_dir, a, boot) = open();
        let admin = a
            .login("admin", &boot.password, from("10.1.1.1"), 0)
            .unwrap()
            .user;
        for i in 0..200i64 {
            let _ = a.login(
                "admin",
                "a wrong guess",
                from(&format!("10.8.0.{}", i % 40)),
                1 + i,
            );
        }
        assert!(!a
            .change_password(
                &admin,
                &boot.password,
                "a new long password",
                "10.4.0.1",
                300
            )
            .unwrap());
        // Even from where the user signed in: a stolen session is what this check guards
        // against. Once the wait is over, the change goes through.
        assert!(!a
            .change_password(
                &admin,
                &boot.password,
                "a new long password",
                "10.1.1.1",
                301
            )
            .unwrap());
        let next = a.throttle.next_check_at("admin", 302);
        assert!(next - 302 <= limiter::ACCOUNT_MAX_DELAY);
        assert!(a
            .change_password(
                &admin,
                &boot.password,
                "a new long password",
                "10.1.1.1",
                next
            )
            .unwrap());
    }

    #[test]
    fn anonymous_readers_read_only_with_public_read() {
        assert!(Principal::Anonymous.allows(Permission::Read, true));
        assert!(!Principal::Anonymous.allows(Permission::Read, false));
        assert!(!Principal::Anonymous.allows(Permission::RecordAct, true));
        assert_eq!(Principal::Anonymous.reader(), Reader::Public);
    }
}
