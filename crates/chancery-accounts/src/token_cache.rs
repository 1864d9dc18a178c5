//! Bearer tokens recently found live, so that a script's stream of requests does not ask the
//! store (a blocking look-up, a thread hop each) for every one of them.
//!
//! The bound it keeps: a token revoked, or its user disabled, **through this process** is
//! refused at its very next request (every such change here clears the cache, and a look-up
//! that began before the change cannot put its stale answer back). A change made elsewhere
//! (the CLI on the same store, another instance sharing PostgreSQL) is seen within
//! [`TOKEN_RECHECK`]: an entry is trusted that long after the store last confirmed it. Only
//! live tokens are kept: an unknown or revoked one is asked of the store every time, so a
//! token made anywhere works at once.
//!
//! A token the store answers is not live (revoked, unknown, its user disabled) is forgotten
//! at once. For monitoring alone, while the store cannot answer at all, a token it confirmed
//! within [`TOKEN_OUTAGE_GRACE`] is still honoured (see there).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::Principal;

/// How long the store's word that a token is live is trusted before it is asked again: the
/// longest a revocation made by another process may take to reach this one.
pub const TOKEN_RECHECK: Duration = Duration::from_millis(500);

/// How long the store's word is still taken, for monitoring alone (`/metrics`), while the
/// store cannot answer at all (a database restarting): the operator's view of an outage is not
/// lost to it. A token revoked elsewhere within this long before the outage, and not seen
/// here since, may be honoured for that one route until the store answers again.
pub const TOKEN_OUTAGE_GRACE: Duration = Duration::from_secs(300);

/// More live tokens than any ministry issues; reaching it empties the cache rather than let
/// it grow (each entry would be asked of the store again, nothing more).
const CAPACITY: usize = 4_096;

type Key = [u8; 32];

#[derive(Default)]
pub(crate) struct TokenCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Bumped by every change that may end a token; an answer looked up under an older
    /// generation is not kept.
    generation: u64,
    live: HashMap<Key, (Principal, Instant)>,
}

/// What a look-up needs to keep its answer: the token's key and the generation it began in.
pub(crate) struct Ticket {
    key: Key,
    generation: u64,
}

impl TokenCache {
    fn key(token: &str) -> Key {
        Sha256::digest(token.as_bytes()).into()
    }

    /// The principal of a token the store confirmed live less than [`TOKEN_RECHECK`] ago.
    pub(crate) fn get(&self, token: &str, now: Instant) -> Option<Principal> {
        self.get_within(token, now, TOKEN_RECHECK)
    }

    /// The principal of a token the store confirmed live less than `limit` ago.
    pub(crate) fn get_within(
        &self,
        token: &str,
        now: Instant,
        limit: Duration,
    ) -> Option<Principal> {
        let key = Self::key(token);
        let inner = self.lock();
        inner
            .live
            .get(&key)
            .filter(|(_, confirmed)| now.saturating_duration_since(*confirmed) < limit)
            .map(|(principal, _)| principal.clone())
    }

    /// Taken before asking the store, so that what it answers can be kept.
    pub(crate) fn ticket(&self, token: &str) -> Ticket {
        Ticket {
            key: Self::key(token),
            generation: self.lock().generation,
        }
    }

    /// Keeps the store's answer (confirmed at `at`, when the look-up began), unless something
    /// that may end tokens happened since the ticket was taken.
    pub(crate) fn keep(&self, ticket: Ticket, principal: &Principal, at: Instant) {
        let mut inner = self.lock();
        if inner.generation != ticket.generation {
            return;
        }
        if inner.live.len() >= CAPACITY && !inner.live.contains_key(&ticket.key) {
            inner.live.clear();
        }
        inner.live.insert(ticket.key, (principal.clone(), at));
    }

    /// Forgets one token, which the store has just said is not live.
    pub(crate) fn forget(&self, token: &str) {
        let key = Self::key(token);
        self.lock().live.remove(&key);
    }

    /// Forgets every token: after a revocation, a disabled user, anything that may end one.
    pub(crate) fn clear(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.live.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map holds no invariant a panic could break half-way: a poisoned lock is taken.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OrgKind, Organisation, Role, User};

    fn principal(id: i64) -> Principal {
        Principal::Token {
            id,
            user: User {
                id: 1,
                username: "loader".parse().unwrap(),
                org: Organisation {
                    id: "us-mfa".parse().unwrap(),
                    name: "US".into(),
                    kind: OrgKind::Mediator,
                },
                role: Role::Editor,
                disabled: false,
            },
            scope: crate::TokenScope::Write,
        }
    }

    #[test]
    fn a_confirmed_token_is_trusted_until_its_recheck_is_due() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        assert_eq!(
            cache.get("secret", t0),
            None,
            "nothing before the store says"
        );
        cache.keep(cache.ticket("secret"), &principal(7), t0);
        assert_eq!(cache.get("secret", t0), Some(principal(7)));
        assert_eq!(
            cache.get("other", t0),
            None,
            "another token is not this one"
        );
        let almost = t0 + TOKEN_RECHECK - Duration::from_millis(1);
        assert_eq!(cache.get("secret", almost), Some(principal(7)));
        assert_eq!(cache.get("secret", t0 + TOKEN_RECHECK), None, "asked again");
    }

    #[test]
    fn an_outage_extends_the_trust_in_a_confirmed_token_so_far_and_no_further() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        cache.keep(cache.ticket("secret"), &principal(7), t0);
        let later = t0 + TOKEN_RECHECK * 10;
        assert_eq!(cache.get("secret", later), None);
        assert_eq!(
            cache.get_within("secret", later, TOKEN_OUTAGE_GRACE),
            Some(principal(7))
        );
        let past = t0 + TOKEN_OUTAGE_GRACE;
        assert_eq!(cache.get_within("secret", past, TOKEN_OUTAGE_GRACE), None);
        cache.clear();
        assert_eq!(cache.get_within("secret", later, TOKEN_OUTAGE_GRACE), None);
        cache.keep(cache.ticket("secret"), &principal(7), t0);
        cache.forget("secret");
        assert_eq!(
            cache.get_within("secret", t0, TOKEN_OUTAGE_GRACE),
            None,
            "a token the store said is not live is not honoured in an outage"
        );
    }

    #[test]
    fn clearing_forgets_and_a_lookup_begun_before_it_is_not_kept() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        cache.keep(cache.ticket("secret"), &principal(7), t0);
        let begun = cache.ticket("secret");
        cache.clear();
        assert_eq!(cache.get("secret", t0), None);
        cache.keep(begun, &principal(7), t0);
        assert_eq!(
            cache.get("secret", t0),
            None,
            "the store's answer may predate the revocation"
        );
        cache.keep(cache.ticket("secret"), &principal(7), t0);
        assert_eq!(cache.get("secret", t0), Some(principal(7)));
    }

    #[test]
    fn the_cache_never_outgrows_its_capacity() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        for i in 0..(CAPACITY + 10) {
            cache.keep(cache.ticket(&format!("t{i}")), &principal(i as i64), t0);
        }
        assert!(cache.lock().live.len() <= CAPACITY);
        let last = format!("t{}", CAPACITY + 9);
        assert!(cache.get(&last, t0).is_some(), "the newest is kept");
    }
}
