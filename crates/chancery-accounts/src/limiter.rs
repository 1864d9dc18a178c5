//! Login throttling: failures counted per username from one address, and per address, over a
//! window; past the limit every attempt fails with the same generic message, right password or
//! not. Keying the username's count by address means nobody elsewhere can lock a user out by
//! failing in their name.

use std::collections::HashMap;
use std::sync::Mutex;

const WINDOW: i64 = 15 * 60 * 1_000_000;
const PER_USER: usize = 5;
const PER_SOURCE: usize = 20;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl LoginLimiter {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<i64>>> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn recent(map: &mut HashMap<String, Vec<i64>>, key: &str, now: i64) -> usize {
        map.get_mut(key).map_or(0, |v| {
            v.retain(|t| now - t < WINDOW);
            v.len()
        })
    }

    /// Starts an attempt: counts it as a failure now, before the password is checked, so that
    /// attempts sent all at once cannot slip past the limit; [`succeeded`](Self::succeeded)
    /// takes it back. False when the limit is reached (nothing is counted then).
    pub fn begin(&self, username: &str, source: &str, now: i64) -> bool {
        let mut map = self.map();
        let (user_key, source_key) = (
            format!("user:{username}@{source}"),
            format!("source:{source}"),
        );
        let allowed = Self::recent(&mut map, &user_key, now) < PER_USER
            && Self::recent(&mut map, &source_key, now) < PER_SOURCE;
        if allowed {
            if map.len() > 100_000 {
                map.retain(|_, v| v.iter().any(|t| now - t < WINDOW));
            }
            for key in [user_key, source_key] {
                map.entry(key).or_default().push(now);
            }
        }
        allowed
    }

    /// Whether a login for `username` from `source` may be tried now.
    pub fn allows(&self, username: &str, source: &str, now: i64) -> bool {
        let mut map = self.map();
        Self::recent(&mut map, &format!("user:{username}@{source}"), now) < PER_USER
            && Self::recent(&mut map, &format!("source:{source}"), now) < PER_SOURCE
    }

    pub fn failed(&self, username: &str, source: &str, now: i64) {
        let mut map = self.map();
        // Bounded memory under a flood of made-up names: forget stale keys first.
        if map.len() > 100_000 {
            map.retain(|_, v| v.iter().any(|t| now - t < WINDOW));
        }
        for key in [
            format!("user:{username}@{source}"),
            format!("source:{source}"),
        ] {
            map.entry(key).or_default().push(now);
        }
    }

    /// A successful login clears the user's failures and takes back the attempt begun at `at`.
    pub fn succeeded(&self, username: &str, source: &str, at: i64) {
        let mut map = self.map();
        map.remove(&format!("user:{username}@{source}"));
        if let Some(v) = map.get_mut(&format!("source:{source}")) {
            if let Some(i) = v.iter().rposition(|t| *t == at) {
                v.remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_a_name_for_the_window() {
        let l = LoginLimiter::default();
        for i in 0..5 {
            assert!(l.allows("ann", "1.2.3.4", i));
            l.failed("ann", "1.2.3.4", i);
        }
        assert!(!l.allows("ann", "1.2.3.4", 10));
        assert!(
            l.allows("ann", "5.6.7.8", 10),
            "failures elsewhere do not lock the user out"
        );
        assert!(l.allows("bob", "1.2.3.4", 10));
        assert!(l.allows("ann", "1.2.3.4", WINDOW + 5));
    }

    #[test]
    fn attempts_count_before_they_are_checked() {
        let l = LoginLimiter::default();
        // Five attempts begun together (none finished): the sixth is refused at once.
        for _ in 0..5 {
            assert!(l.begin("ann", "1.2.3.4", 0));
        }
        assert!(!l.begin("ann", "1.2.3.4", 0));
        let l = LoginLimiter::default();
        assert!(l.begin("bob", "1.2.3.4", 7));
        l.succeeded("bob", "1.2.3.4", 7);
        for _ in 0..20 {
            assert!(l.allows("carl", "1.2.3.4", 8));
            l.failed("carl", "1.2.3.4", 8);
            if !l.allows("carl", "1.2.3.4", 8) {
                break;
            }
        }
        assert!(
            l.allows("dora", "1.2.3.4", 9),
            "a success does not count against its source"
        );
    }

    #[test]
    fn one_source_cannot_spray_many_names() {
        let l = LoginLimiter::default();
        for i in 0..20 {
            l.failed(&format!("user{i}"), "9.9.9.9", 0);
        }
        assert!(!l.allows("fresh", "9.9.9.9", 1));
        assert!(l.allows("fresh", "1.1.1.1", 1));
    }
}
