//! The one conformance suite every accounts backend runs: organisations, users and tokens;
//! sessions shared by two handles on one store (as two instances share it); the audit log's
//! append and read order, its append-only rule enforced by the store itself, and durability
//! across reopening; a whole store copied into an empty one (every row, ids kept, counters
//! moved past them), and refused into one that is not. A backend's test file names a [`Backend`] and invokes
//! [`accounts_conformance!`](crate::accounts_conformance), which makes one `#[test]` per check.

use std::sync::Arc;

use crate::model::{OrgId, OrgKind, Organisation, Role, TokenScope, Username};
use crate::port::AccountsPort;
use crate::sessions::Lifetimes;
use crate::store::{AuditEntry, NewAudit, Store, StoreError};
use crate::transfer::{AccountsSnapshot, RowCounts};

/// How the suite reaches a backend.
pub trait Backend {
    /// An empty store for one test (a file in a temporary directory, a fresh database), and
    /// whatever must live as long as it.
    type Place;
    fn fresh(&self, label: &str) -> Self::Place;
    /// A new handle on the store at `place`, as another instance (or a restart) opens it.
    fn open(&self, place: &Self::Place) -> Arc<dyn AccountsPort>;
    /// Tries to change or remove audit rows through a connection of its own, with the rights
    /// the application has: what was tried, and whether it changed anything.
    fn tamper_with_audit(&self, place: &Self::Place) -> Vec<(&'static str, bool)>;
}

fn store<B: Backend>(b: &B, place: &B::Place) -> Store {
    Store::new(b.open(place))
}

fn org(id: &str, kind: OrgKind) -> Organisation {
    Organisation {
        id: id.parse().expect("an org id"),
        name: format!("Organisation {id}"),
        kind,
    }
}

fn name(s: &str) -> Username {
    s.parse().expect("a username")
}

fn audit_row(at: i64, org: Option<&str>, action: &'static str) -> NewAudit {
    NewAudit {
        at,
        actor: format!("user:u{at}"),
        org: org.map(str::to_owned),
        source: "192.0.2.1".to_owned(),
        action,
        target: format!("#{at}"),
        outcome: "ok",
        detail: String::new(),
    }
}

/// Organisations, users and tokens: created, found, listed, refused when taken, changed.
pub fn orgs_users_and_tokens<B: Backend>(b: &B) {
    let place = b.fresh("crud");
    let s = store(b, &place);
    let us = org("us-mfa", OrgKind::Mediator);
    s.add_org(&us).expect("add an org");
    assert!(s.add_org(&us).is_err(), "an org id is taken once");
    s.add_org(&org("obs", OrgKind::Observer))
        .expect("add a second org");
    let ids: Vec<String> = s.orgs().unwrap().iter().map(|o| o.id.to_string()).collect();
    assert_eq!(ids, ["obs", "us-mfa"], "orgs by id");
    assert_eq!(s.org(&us.id).unwrap(), Some(us.clone()));
    assert_eq!(s.org(&"none".parse::<OrgId>().unwrap()).unwrap(), None);

    let missing: OrgId = "none".parse().unwrap();
    assert!(s
        .add_user(&name("x"), &missing, Role::Editor, "h", 0)
        .is_err());
    let bob = s
        .add_user(&name("bob"), &us.id, Role::Editor, "hash-b", 1)
        .unwrap();
    let ann = s
        .add_user(&name("ann"), &us.id, Role::Auditor, "hash-a", 2)
        .unwrap();
    assert_ne!(bob, ann);
    assert!(s
        .add_user(&name("bob"), &us.id, Role::Auditor, "h", 3)
        .is_err());
    assert_eq!(s.user_count().unwrap(), 2);
    let (found, hash) = s.user_by_name("bob").unwrap().expect("bob");
    assert_eq!(
        (found.id, hash.as_str(), found.role),
        (bob, "hash-b", Role::Editor)
    );
    assert_eq!(found.org, us);
    assert!(s.user_by_name("carol").unwrap().is_none());
    let names: Vec<String> = s
        .users_of(&us.id)
        .unwrap()
        .iter()
        .map(|u| u.username.to_string())
        .collect();
    assert_eq!(names, ["ann", "bob"], "users by name");
    s.set_disabled(ann, true).unwrap();
    assert!(s.user(ann).unwrap().expect("ann").disabled);
    s.set_password_hash(bob, "hash-b2", 10).unwrap();
    let (_, hash) = s.user_by_name("bob").unwrap().unwrap();
    assert_eq!(hash, "hash-b2");
    assert_eq!(s.user_and_sessions_after(bob).unwrap().unwrap().1, 10);

    let t1 = s
        .add_token(bob, "digest-1", TokenScope::Write, "script", 5)
        .unwrap();
    let t2 = s
        .add_token(ann, "digest-2", TokenScope::Read, "other", 6)
        .unwrap();
    let (id, user, scope) = s.token("digest-1").unwrap().expect("a live token");
    assert_eq!((id, user.id, scope), (t1, bob, TokenScope::Write));
    assert!(s.revoke_token(t1, 7).unwrap());
    assert!(!s.revoke_token(t1, 8).unwrap(), "revoked once");
    assert!(s.token("digest-1").unwrap().is_none());
    let listed: Vec<(i64, bool)> = s
        .tokens()
        .unwrap()
        .iter()
        .map(|t| (t.id, t.revoked))
        .collect();
    assert_eq!(listed, [(t1, true), (t2, false)]);

    assert_eq!(s.setting("public_read").unwrap(), None);
    s.set_setting("public_read", "on").unwrap();
    s.set_setting("public_read", "off").unwrap();
    assert_eq!(s.setting("public_read").unwrap().as_deref(), Some("off"));

    s.trust_device(bob, "cookie", 100).unwrap();
    assert!(s.is_device_trusted(bob, "cookie", 101).unwrap());
    assert!(!s.is_device_trusted(ann, "cookie", 101).unwrap());
}

/// A session begun through one handle is valid through another on the same store; ended on
/// the second, it is refused on the first; a password change through either ends them all;
/// and expiry holds whichever handle asks.
pub fn sessions_are_shared_by_every_handle<B: Backend>(b: &B) {
    let place = b.fresh("sessions");
    let a = store(b, &place);
    let other = store(b, &place);
    let l = Lifetimes::default();
    a.add_org(&org("o", OrgKind::Mediator)).unwrap();
    let ann = a
        .add_user(&name("ann"), &"o".parse().unwrap(), Role::Editor, "h", 0)
        .unwrap();

    let id = a.start_session(ann, 1_000, l).expect("a session");
    assert_eq!(
        other.session_user(&id, 2_000, l).unwrap(),
        Some((ann, 1_000))
    );
    other.end_session(&id).unwrap();
    assert_eq!(
        a.session_user(&id, 3_000, l).unwrap(),
        None,
        "signed out on B"
    );

    let s1 = a.start_session(ann, 4_000, l).unwrap();
    let s2 = other.start_session(ann, 4_000, l).unwrap();
    assert_eq!(other.end_sessions_of(ann).unwrap(), 2);
    assert_eq!(a.session_user(&s1, 5_000, l).unwrap(), None);
    assert_eq!(a.session_user(&s2, 5_000, l).unwrap(), None);

    let s3 = a.start_session(ann, 6_000, l).unwrap();
    other.set_password_hash(ann, "h2", 7_000).unwrap();
    assert_eq!(
        a.session_user(&s3, 8_000, l).unwrap(),
        None,
        "a new password"
    );

    // Kept alive by use on A, it is alive on B; idle past the limit, it is over on both.
    let s4 = a.start_session(ann, 0, l).unwrap();
    let later = l.idle - 1;
    assert!(a.session_user(&s4, later, l).unwrap().is_some());
    assert!(other
        .session_user(&s4, later + l.idle, l)
        .unwrap()
        .is_some());
    assert_eq!(
        other.session_user(&s4, later + 3 * l.idle, l).unwrap(),
        None
    );
    assert_eq!(a.session_user(&s4, later + 3 * l.idle, l).unwrap(), None);
    // The absolute limit, however busy.
    let s5 = a.start_session(ann, 0, l).unwrap();
    let mut t = 0;
    while t + l.idle / 2 <= l.absolute {
        t += l.idle / 2;
        assert!(a.session_user(&s5, t, l).unwrap().is_some(), "at {t}");
    }
    assert_eq!(other.session_user(&s5, l.absolute + 1, l).unwrap(), None);
    assert_eq!(a.session_user("made-up", 1, l).unwrap(), None);
}

/// Rows come back in the order written, numbered upwards, filtered by organisation; rows
/// written through two handles are all there.
pub fn audit_appends_and_reads_in_order<B: Backend>(b: &B) {
    let place = b.fresh("audit");
    let a = store(b, &place);
    let other = store(b, &place);
    let mut seqs = Vec::new();
    for i in 1..=20 {
        let s = if i % 2 == 0 { &a } else { &other };
        let org = if i % 3 == 0 { Some("us-mfa") } else { None };
        seqs.push(s.append_audit(&audit_row(i, org, "record_act")).unwrap());
    }
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    let rows = a.audit(0, 100).unwrap();
    let ats: Vec<i64> = rows.iter().map(|r| r.at).collect();
    assert_eq!(ats, (1..=20).collect::<Vec<_>>());
    assert_eq!(rows.iter().map(|r| r.seq).collect::<Vec<_>>(), seqs);
    let page = a.audit(seqs[4], 3).unwrap();
    assert_eq!(page.iter().map(|r| r.at).collect::<Vec<_>>(), [6, 7, 8]);
    let us: OrgId = "us-mfa".parse().unwrap();
    let mine: Vec<i64> = a
        .audit_of(Some(&us), 0, 100)
        .unwrap()
        .iter()
        .map(|r| r.at)
        .collect();
    assert_eq!(mine, [3, 6, 9, 12, 15, 18]);
    // Many submitted at once reach the log, each with its own number.
    let pending: Vec<_> = (100..164)
        .map(|i| a.submit_audit(&audit_row(i, None, "record_act")))
        .collect();
    let written: Vec<_> = pending.into_iter().map(|p| p.wait()).collect();
    assert!(written
        .iter()
        .all(|w| matches!(w, crate::AuditWrite::Written(_))));
    assert_eq!(a.audit(0, 1000).unwrap().len(), 84);
}

/// Changing or removing audit rows is refused by the store itself, whoever connects.
pub fn the_audit_log_is_append_only<B: Backend>(b: &B) {
    let place = b.fresh("append_only");
    let s = store(b, &place);
    s.append_audit(&audit_row(1, None, "login")).unwrap();
    let tries = b.tamper_with_audit(&place);
    assert!(tries.len() >= 2, "update and delete are tried");
    for (what, changed) in &tries {
        assert!(!changed, "{what} changed the audit log");
    }
    let rows = s.audit(0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].actor, "user:u1");
}

/// What was written is read back by a handle opened after every other is gone, and opening
/// an existing store again migrates nothing twice.
pub fn durability_across_reopening<B: Backend>(b: &B) {
    let place = b.fresh("durable");
    {
        let s = store(b, &place);
        s.add_org(&org("o", OrgKind::Mediator)).unwrap();
        let ann = s
            .add_user(&name("ann"), &"o".parse().unwrap(), Role::Editor, "h", 0)
            .unwrap();
        s.add_token(ann, "d", TokenScope::Read, "t", 0).unwrap();
        s.append_audit(&audit_row(1, None, "login")).unwrap();
        // A denial counted, not yet written: the store writes it when dropped.
        for i in 0..10 {
            s.audit_denial(&NewAudit {
                actor: "anonymous".to_owned(),
                outcome: "401",
                ..audit_row(2 + i, None, "denied")
            });
        }
    }
    let s = store(b, &place);
    assert!(s.user_by_name("ann").unwrap().is_some());
    assert!(s.token("d").unwrap().is_some());
    let rows = s.audit(0, 100).unwrap();
    assert_eq!(rows[0].action, "login");
    let denials: u64 = rows.iter().map(crate::AuditEntry::denials).sum();
    assert_eq!(denials, 10, "every denial counted, written on drop");
}

/// Every audit row of `port`, oldest first.
fn all_audit(port: &dyn AccountsPort) -> Vec<AuditEntry> {
    port.audit_of(None, 0, u32::MAX).expect("the audit log")
}

/// Copies the store at `from` into `to` as `chancery migrate-store` does: a snapshot, then the
/// audit log in pages of `page` rows.
fn copy<B: Backend>(
    b: &B,
    from: &B::Place,
    to: &B::Place,
    page: u32,
) -> Result<AccountsSnapshot, StoreError> {
    let source = b.open(from);
    let snapshot = source.snapshot()?;
    let through = snapshot.audit_through;
    b.open(to).import(&snapshot, &mut |after| {
        let mut rows = source.audit_of(None, after, page)?;
        rows.retain(|r| r.seq <= through);
        Ok(rows)
    })?;
    Ok(snapshot)
}

/// A store with two organisations, two users (one disabled, one with a changed password),
/// two tokens (one revoked), a trusted browser, a setting, a live session and `audits` audit
/// rows. Returns the users' ids and the tokens'.
fn populated(s: &Store, audits: i64) -> ([i64; 2], [i64; 2]) {
    let us = org("us-mfa", OrgKind::Mediator);
    s.add_org(&us).unwrap();
    s.add_org(&org("obs", OrgKind::Observer)).unwrap();
    let bob = s
        .add_user(&name("bob"), &us.id, Role::Editor, "hash-b", 1)
        .unwrap();
    let ann = s
        .add_user(
            &name("ann"),
            &"obs".parse().unwrap(),
            Role::Auditor,
            "hash-a",
            2,
        )
        .unwrap();
    s.set_disabled(ann, true).unwrap();
    s.set_password_hash(bob, "hash-b2", 10).unwrap();
    let t1 = s
        .add_token(bob, "digest-1", TokenScope::Write, "script", 5)
        .unwrap();
    let t2 = s
        .add_token(ann, "digest-2", TokenScope::Read, "other", 6)
        .unwrap();
    assert!(s.revoke_token(t1, 7).unwrap());
    s.trust_device(bob, "cookie", 100).unwrap();
    s.set_setting("public_read", "on").unwrap();
    for i in 1..=audits {
        let org = (i % 3 == 0).then_some("us-mfa");
        s.append_audit(&audit_row(i, org, "record_act")).unwrap();
    }
    s.start_session(bob, 1_000, Lifetimes::default()).unwrap();
    ([bob, ann], [t1, t2])
}

/// Exported and imported into an empty store, every row is there as it was: ids, password
/// hashes, the disabled flag, `sessions_after`, tokens' digests, scopes and revocations,
/// trusted browsers, settings, and every audit row with its number. Sessions are not taken.
pub fn a_copy_holds_every_row_as_it_was<B: Backend>(b: &B) {
    let from = b.fresh("copy_from");
    let ([bob, ann], [t1, t2]) = populated(&store(b, &from), 30);
    let to = b.fresh("copy_to");
    let snapshot = copy(b, &from, &to, 7).expect("the copy");
    assert_eq!(
        snapshot.counts,
        RowCounts {
            orgs: 2,
            users: 2,
            tokens: 2,
            trusted_clients: 1,
            settings: 1,
            sessions: 1,
            audit: 30,
        }
    );
    let copied = b.open(&to).snapshot().unwrap();
    assert_eq!(copied.orgs, snapshot.orgs);
    assert_eq!(copied.users, snapshot.users);
    assert_eq!(copied.tokens, snapshot.tokens);
    assert_eq!(copied.trusted_clients, snapshot.trusted_clients);
    assert_eq!(copied.settings, snapshot.settings);
    assert_eq!(copied.audit_through, snapshot.audit_through);
    assert_eq!(
        copied.counts,
        RowCounts {
            sessions: 0,
            ..snapshot.counts
        },
        "every table but the sessions"
    );
    let source_audit = all_audit(b.open(&from).as_ref());
    assert_eq!(source_audit.len(), 30);
    assert_eq!(all_audit(b.open(&to).as_ref()), source_audit, "row for row");

    // What a copy is for: the same user, token and browser are known by the same ids.
    let s = store(b, &to);
    let (user, hash) = s.user_by_name("bob").unwrap().expect("bob");
    assert_eq!((user.id, hash.as_str()), (bob, "hash-b2"));
    assert_eq!(s.user_and_sessions_after(bob).unwrap().unwrap().1, 10);
    assert!(s.user(ann).unwrap().expect("ann").disabled);
    let (id, owner, scope) = s.token("digest-2").unwrap().expect("ann's token");
    assert_eq!((id, owner.id, scope), (t2, ann, TokenScope::Read));
    assert!(s.token("digest-1").unwrap().is_none(), "still revoked");
    assert!(!s.revoke_token(t1, 8).unwrap());
    assert!(s.revoke_token(t2, 8).unwrap(), "revoked by the id it had");
    assert!(s.is_device_trusted(bob, "cookie", 101).unwrap());
    assert_eq!(s.setting("public_read").unwrap().as_deref(), Some("on"));
    let l = Lifetimes::default();
    let theirs = store(b, &from).start_session(bob, 2_000, l).unwrap();
    assert_eq!(
        s.session_user(&theirs, 2_001, l).unwrap(),
        None,
        "sign in again"
    );
}

/// Puts one row of the kind `what` names into `s`.
fn hold(what: &str, s: &Store) {
    match what {
        "a user" => {
            s.add_org(&org("o", OrgKind::Mediator)).unwrap();
            s.add_user(
                &name("admin"),
                &"o".parse().unwrap(),
                Role::Administrator,
                "h",
                0,
            )
            .unwrap();
        }
        "a setting" => s.set_setting("public_read", "off").unwrap(),
        "an audit row" => {
            s.append_audit(&audit_row(1, None, "login")).unwrap();
        }
        _ => s
            .port()
            .insert_session(&crate::port::SessionRow {
                digest: "d".into(),
                user: 1,
                created: 0,
                last_seen: 0,
            })
            .unwrap(),
    }
}

/// A store holding anything (a user, a setting, an audit row, a session) is refused, and left
/// as it was; a copy that fails half-way (the source unreadable after its first audit page)
/// leaves nothing behind.
pub fn a_copy_goes_only_into_an_empty_store_and_whole<B: Backend>(b: &B) {
    let from = b.fresh("whole_from");
    populated(&store(b, &from), 5);
    let source = b.open(&from);
    let snapshot = source.snapshot().unwrap();
    for what in ["a user", "a setting", "an audit row", "a session"] {
        let to = b.fresh("whole_to");
        hold(what, &store(b, &to));
        let dest = b.open(&to);
        let before = dest.row_counts().unwrap();
        let refused = copy(b, &from, &to, 100);
        assert!(
            matches!(refused, Err(StoreError::NotEmpty(_))),
            "{what}: {refused:?}"
        );
        assert_eq!(dest.row_counts().unwrap(), before, "{what}: left as it was");
    }

    let to = b.fresh("whole_failed");
    let dest = b.open(&to);
    let failed = dest.import(&snapshot, &mut |after| {
        if after > 0 {
            return Err(StoreError::Invalid("the source went away".into()));
        }
        source.audit_of(None, after, 2)
    });
    assert!(failed.is_err());
    assert!(
        dest.row_counts().unwrap().is_empty(),
        "nothing half-written: {:?}",
        dest.row_counts()
    );
}

/// After a copy, a new user, token and audit row each get an id past those copied (the
/// store's counters moved), and the copied ones keep theirs.
pub fn ids_go_on_after_a_copy<B: Backend>(b: &B) {
    let from = b.fresh("ids_from");
    let ([bob, ann], [t1, t2]) = populated(&store(b, &from), 12);
    let to = b.fresh("ids_to");
    let snapshot = copy(b, &from, &to, 5).expect("the copy");
    let s = store(b, &to);
    let carol = s
        .add_user(
            &name("carol"),
            &"obs".parse().unwrap(),
            Role::Viewer,
            "h",
            20,
        )
        .expect("a new user");
    assert!(carol > bob.max(ann), "{carol} after {bob} and {ann}");
    let token = s
        .add_token(carol, "digest-3", TokenScope::Read, "new", 21)
        .expect("a new token");
    assert!(token > t1.max(t2), "{token} after {t1} and {t2}");
    let seq = s
        .append_audit(&audit_row(99, None, "login"))
        .expect("a new audit row");
    assert!(
        seq > snapshot.audit_through,
        "{seq} after {}",
        snapshot.audit_through
    );
    assert_eq!(s.user_by_name("carol").unwrap().unwrap().0.id, carol);
}

/// One `#[test]` per check of the suite, against `$backend` (an expression of a type that
/// implements [`Backend`]).
#[macro_export]
macro_rules! accounts_conformance {
    ($backend:expr) => {
        #[test]
        fn orgs_users_and_tokens() {
            $crate::conformance::orgs_users_and_tokens(&$backend);
        }
        #[test]
        fn sessions_are_shared_by_every_handle() {
            $crate::conformance::sessions_are_shared_by_every_handle(&$backend);
        }
        #[test]
        fn audit_appends_and_reads_in_order() {
            $crate::conformance::audit_appends_and_reads_in_order(&$backend);
        }
        #[test]
        fn the_audit_log_is_append_only() {
            $crate::conformance::the_audit_log_is_append_only(&$backend);
        }
        #[test]
        fn durability_across_reopening() {
            $crate::conformance::durability_across_reopening(&$backend);
        }
        #[test]
        fn a_copy_holds_every_row_as_it_was() {
            $crate::conformance::a_copy_holds_every_row_as_it_was(&$backend);
        }
        #[test]
        fn a_copy_goes_only_into_an_empty_store_and_whole() {
            $crate::conformance::a_copy_goes_only_into_an_empty_store_and_whole(&$backend);
        }
        #[test]
        fn ids_go_on_after_a_copy() {
            $crate::conformance::ids_go_on_after_a_copy(&$backend);
        }
    };
}
