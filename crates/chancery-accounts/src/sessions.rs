//! Server-side sessions, kept in the accounts store so every instance sharing it knows them:
//! a session begun on one is valid on all, and sign-out, revocation and expiry hold on all
//! from the next request (there is no cache in front of the store). The cookie carries a
//! random id; only its SHA-256 is stored, so the store and its backups yield no usable id.
//!
//! A use writes the session's last-seen time at most once per [`TOUCH_EVERY`], not on every
//! request: the stored time may be that much behind, so a session can end up to that much
//! before its idle limit, never after it.

use crate::port::SessionRow;
use crate::secret::{digest, new_secret};
use crate::store::{Store, StoreError};

/// Idle and absolute lifetimes, in microseconds.
#[derive(Clone, Copy, Debug)]
pub struct Lifetimes {
    pub idle: i64,
    pub absolute: i64,
}

impl Default for Lifetimes {
    /// 30 minutes idle, 12 hours in all (ASVS V7.3).
    fn default() -> Self {
        Lifetimes {
            idle: 30 * 60 * 1_000_000,
            absolute: 12 * 3600 * 1_000_000,
        }
    }
}

/// How stale a session's stored last-seen time may be before a use writes it again.
pub const TOUCH_EVERY: i64 = 60 * 1_000_000;

/// Why a session could not be started.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Randomness(#[from] crate::secret::NoRandomness),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// A new session for `user`: always a fresh id, so an id planted before login is
    /// worthless. Sessions already over are deleted on the way.
    pub fn start_session(&self, user: i64, now: i64, l: Lifetimes) -> Result<String, SessionError> {
        let id = new_secret("")?;
        self.port()
            .delete_expired_sessions(now - l.idle - 1, now - l.absolute - 1)?;
        self.port().insert_session(&SessionRow {
            digest: digest(&id),
            user,
            created: now,
            last_seen: now,
        })?;
        Ok(id)
    }

    /// The user of a live session and when it started; this use keeps it alive, and an
    /// expired one is ended.
    pub fn session_user(
        &self,
        id: &str,
        now: i64,
        l: Lifetimes,
    ) -> Result<Option<(i64, i64)>, StoreError> {
        let key = digest(id);
        let Some(s) = self.port().session(&key)? else {
            return Ok(None);
        };
        if !live(&s, now, l) {
            self.port().delete_session(&key)?;
            return Ok(None);
        }
        if now - s.last_seen >= TOUCH_EVERY {
            self.port().touch_session(&key, now)?;
        }
        Ok(Some((s.user, s.created)))
    }

    /// Ends one session.
    pub fn end_session(&self, id: &str) -> Result<(), StoreError> {
        self.port().delete_session(&digest(id))
    }

    /// Ends every session of `user` (sign-out everywhere, a disabled user, a new password):
    /// how many there were.
    pub fn end_sessions_of(&self, user: i64) -> Result<usize, StoreError> {
        self.port().delete_sessions_of(user)
    }
}

fn live(s: &SessionRow, now: i64, l: Lifetimes) -> bool {
    now - s.last_seen <= l.idle && now - s.created <= l.absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60 * 1_000_000;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.accounts")).unwrap();
        (dir, store)
    }

    fn user(s: &Store, id: &str, now: i64) -> Option<i64> {
        s.session_user(id, now, Lifetimes::default())
            .unwrap()
            .map(|(u, _)| u)
    }

    #[test]
    fn sessions_expire_when_idle_and_absolutely() {
        let (_dir, s) = open();
        let l = Lifetimes::default();
        let id = s.start_session(7, 0, l).unwrap();
        assert_eq!(user(&s, &id, 29 * MIN), Some(7));
        // Kept alive by use, until the absolute limit.
        let mut t = 29 * MIN;
        while t < 12 * 60 * MIN - 29 * MIN {
            t += 29 * MIN;
            assert_eq!(user(&s, &id, t), Some(7), "at {t}");
        }
        assert_eq!(user(&s, &id, 12 * 60 * MIN + 1), None);
        let idle = s.start_session(7, 0, l).unwrap();
        assert_eq!(user(&s, &idle, 31 * MIN), None);
        assert_eq!(user(&s, &idle, 0), None, "an expired session stays ended");
    }

    /// A use within [`TOUCH_EVERY`] of the last write is not written: the session then ends
    /// at most that much before its idle limit, never after.
    #[test]
    fn the_last_seen_time_is_written_at_most_once_a_minute() {
        let (_dir, s) = open();
        let id = s.start_session(7, 0, Lifetimes::default()).unwrap();
        assert_eq!(user(&s, &id, MIN / 2), Some(7));
        assert_eq!(user(&s, &id, 30 * MIN + MIN / 4), None, "idle since 0");
        let id = s.start_session(7, 0, Lifetimes::default()).unwrap();
        assert_eq!(user(&s, &id, MIN), Some(7));
        assert_eq!(user(&s, &id, 31 * MIN), Some(7), "idle since the minute");
    }

    #[test]
    fn logout_and_revoke_all() {
        let (_dir, s) = open();
        let l = Lifetimes::default();
        let a = s.start_session(1, 0, l).unwrap();
        let b = s.start_session(1, 0, l).unwrap();
        let other = s.start_session(2, 0, l).unwrap();
        assert_ne!(a, b);
        s.end_session(&a).unwrap();
        assert_eq!(user(&s, &a, 1), None);
        assert_eq!(s.end_sessions_of(1).unwrap(), 1);
        assert_eq!(user(&s, &b, 1), None);
        assert_eq!(user(&s, &other, 1), Some(2));
        assert_eq!(user(&s, "made-up", 1), None);
    }

    /// The store keeps the digest of a session's id, never the id.
    #[test]
    fn only_the_digest_is_stored() {
        let (_dir, s) = open();
        let id = s.start_session(1, 0, Lifetimes::default()).unwrap();
        let stored: String = s
            .raw()
            .query_row("SELECT digest FROM sessions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, digest(&id));
        assert!(!stored.contains(&id));
    }
}
