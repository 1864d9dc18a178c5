//! Server-side sessions, held in memory: a restart logs everyone out, the safe direction. The
//! cookie carries a random id; only its SHA-256 is kept, so a memory dump yields no usable id.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::secret::{digest, new_secret, NoRandomness};

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

#[derive(Clone, Copy, Debug)]
struct Session {
    user: i64,
    created: i64,
    last_seen: i64,
}

pub struct Sessions {
    lifetimes: Lifetimes,
    by_digest: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    pub fn new(lifetimes: Lifetimes) -> Self {
        Sessions {
            lifetimes,
            by_digest: Mutex::new(HashMap::new()),
        }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.by_digest.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new session for `user`: always a fresh id, so an id planted before login is worthless.
    pub fn start(&self, user: i64, now: i64) -> Result<String, NoRandomness> {
        let id = new_secret("")?;
        let mut map = self.map();
        let l = self.lifetimes;
        map.retain(|_, s| live(s, now, l));
        map.insert(
            digest(&id),
            Session {
                user,
                created: now,
                last_seen: now,
            },
        );
        Ok(id)
    }

    /// The user of a live session and when it started; this use keeps it alive, and an
    /// expired one is ended.
    pub fn user_since(&self, id: &str, now: i64) -> Option<(i64, i64)> {
        let key = digest(id);
        let mut map = self.map();
        let session = map.get_mut(&key)?;
        if !live(session, now, self.lifetimes) {
            map.remove(&key);
            return None;
        }
        session.last_seen = now;
        Some((session.user, session.created))
    }

    /// The user of a live session, which this use keeps alive; an expired one is ended.
    pub fn user(&self, id: &str, now: i64) -> Option<i64> {
        self.user_since(id, now).map(|(user, _)| user)
    }

    pub fn end(&self, id: &str) {
        self.map().remove(&digest(id));
    }

    /// Ends every session of `user` (logout everywhere, a disabled user, a new password).
    pub fn end_all(&self, user: i64) -> usize {
        let mut map = self.map();
        let before = map.len();
        map.retain(|_, s| s.user != user);
        before - map.len()
    }
}

fn live(s: &Session, now: i64, l: Lifetimes) -> bool {
    now - s.last_seen <= l.idle && now - s.created <= l.absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60 * 1_000_000;

    #[test]
    fn sessions_expire_when_idle_and_absolutely() {
        let s = Sessions::new(Lifetimes::default());
        let id = s.start(7, 0).unwrap();
        assert_eq!(s.user(&id, 29 * MIN), Some(7));
        // Kept alive by use, until the absolute limit.
        let mut t = 29 * MIN;
        while t < 12 * 60 * MIN - 29 * MIN {
            t += 29 * MIN;
            assert_eq!(s.user(&id, t), Some(7), "at {t}");
        }
        assert_eq!(s.user(&id, 12 * 60 * MIN + 1), None);
        let idle = s.start(7, 0).unwrap();
        assert_eq!(s.user(&idle, 31 * MIN), None);
        assert_eq!(s.user(&idle, 0), None, "an expired session stays ended");
    }

    #[test]
    fn logout_and_revoke_all() {
        let s = Sessions::new(Lifetimes::default());
        let a = s.start(1, 0).unwrap();
        let b = s.start(1, 0).unwrap();
        let other = s.start(2, 0).unwrap();
        assert_ne!(a, b);
        s.end(&a);
        assert_eq!(s.user(&a, 1), None);
        assert_eq!(s.end_all(1), 1);
        assert_eq!(s.user(&b, 1), None);
        assert_eq!(s.user(&other, 1), Some(2));
        assert_eq!(s.user("made-up", 1), None);
    }
}
