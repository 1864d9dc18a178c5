//! Login throttling: failures counted per username from one address, and per address, over a
//! window; past the limit every attempt fails with the same generic message, right password or
//! not. Keying the username's count by address means nobody elsewhere can lock a user out by
//! failing in their name. Those two alone let an attacker with many addresses check as many
//! passwords as it has addresses, so [`AccountThrottle`] bounds each account's checks from
//! all addresses together, slowing rather than locking out.

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

/// How many password checks an account allows at once before they are spaced out.
pub const ACCOUNT_BURST: i64 = 10;
/// The rate an account's checks may keep up for ever: one per 10 minutes (144 a day), from all
/// addresses together. Each check adds this much to the account's debt; time pays it back.
pub const ACCOUNT_EMISSION: i64 = 10 * 60 * 1_000_000;
/// The first wait once the burst is spent; it doubles with every check beyond the burst.
pub const ACCOUNT_BASE_DELAY: i64 = 1_000_000;
/// The longest wait between two checks of one account: the longest a user who knows their
/// password waits after an attack stops (from an address they have not signed in from).
pub const ACCOUNT_MAX_DELAY: i64 = 15 * 60 * 1_000_000;
/// At most one `login_account_throttled` alert per account in this long.
pub const ALERT_WINDOW: i64 = 60 * 60 * 1_000_000;
/// Accounts (usernames) tracked at once; beyond it, usernames that do not exist are forgotten
/// first, then idle ones. About 100 bytes each.
const MAX_ACCOUNTS: usize = 65_536;

/// What [`AccountThrottle::begin`] decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountDecision {
    /// The password may be checked now.
    Check,
    /// Not now: refused like a wrong password. `alert` is set the first time in an
    /// [`ALERT_WINDOW`] that this account is throttled: the caller writes it to the audit log.
    Throttled { alert: Option<ThrottleAlert> },
}

/// The first throttling of an account in an alert window, with what led to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrottleAlert {
    /// Password checks allowed since the previous alert (or since the account was tracked).
    pub checks: u64,
    /// Attempts refused since the previous alert, this one included.
    pub refused: u64,
    /// Microseconds until the next check is allowed.
    pub next_check_in: i64,
}

#[derive(Default)]
struct Account {
    /// The debt horizon (GCRA's theoretical arrival time): `ACCOUNT_EMISSION` per check, paid
    /// back by time. `(debt - now) / ACCOUNT_EMISSION` is how many checks ahead of the
    /// sustained rate the account is.
    debt_until: i64,
    last_check: i64,
    /// Whether the username names an account (for eviction only: decisions never depend on
    /// it, so the throttle does not tell which usernames exist).
    exists: bool,
    alerted_at: Option<i64>,
    checks_since_alert: u64,
    refused_since_alert: u64,
}

impl Account {
    fn idle(&self, now: i64) -> bool {
        self.debt_until <= now && self.alerted_at.is_none_or(|t| now - t >= ALERT_WINDOW)
    }

    /// When the next check may run: after the burst, each check beyond it doubles the wait
    /// since the previous check, up to [`ACCOUNT_MAX_DELAY`].
    fn next_check_at(&self, now: i64) -> i64 {
        // Rounded up: a check not yet fully paid back still counts.
        let ahead = ((self.debt_until - now).max(0) + ACCOUNT_EMISSION - 1) / ACCOUNT_EMISSION;
        let over = ahead - (ACCOUNT_BURST - 1);
        if over <= 0 {
            return now;
        }
        let shift = u32::try_from(over - 1).unwrap_or(u32::MAX).min(40);
        let wait = ACCOUNT_BASE_DELAY
            .saturating_mul(1_i64 << shift)
            .min(ACCOUNT_MAX_DELAY);
        (self.last_check + wait).max(now)
    }
}

/// The per-account bound on password checks, whatever addresses the attempts come from.
///
/// A token bucket with exponential spacing (a generic cell-rate algorithm): an account gets
/// [`ACCOUNT_BURST`] checks at once; beyond that, each check must wait 1 s, 2 s, 4 s, ... (at
/// most [`ACCOUNT_MAX_DELAY`], 15 minutes) after the previous one, while the debt of one
/// [`ACCOUNT_EMISSION`] (10 minutes) per check is paid back by time, so a sustained attack
/// gets one check per 10 minutes per account (at most 144 a day, plus the 20 or so the debt
/// may run ahead), however many addresses it uses. 200 attempts from 40 addresses in 6
/// seconds get 12 checks.
///
/// It slows the real user rather than locking them out:
/// - a refused attempt changes nothing, so an attacker cannot push the wait further out; once
///   attempts stop, a check is allowed again at most 15 minutes after the last one;
/// - a trusted client (an address the account signed in from in the last 30 days, or a
///   browser holding a device cookie of one of its sign-ins: see [`crate::trusted`]) is not
///   subject to this bound (only to the per-address limits of [`LoginLimiter`]), so under a
///   sustained attack from elsewhere the user still signs in from where they usually do. An
///   attacker sharing such an address gets the per-(username, address) limit, five per 15
///   minutes, as before.
///
/// Memory is bounded: at most 65,536 usernames are tracked; past that, names that do not
/// exist are forgotten first (their state protects nobody).
#[derive(Default)]
pub struct AccountThrottle {
    accounts: Mutex<HashMap<String, Account>>,
}

impl AccountThrottle {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Account>> {
        self.accounts.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn make_room(map: &mut HashMap<String, Account>, now: i64) {
        if map.len() < MAX_ACCOUNTS {
            return;
        }
        map.retain(|_, a| !a.idle(now));
        if map.len() < MAX_ACCOUNTS * 7 / 8 {
            return;
        }
        // Still full of live entries: a flood of made-up names. Forget the oldest of those
        // (down to three quarters, so this runs once per many new names, not per name).
        let mut made_up: Vec<(i64, String)> = map
            .iter()
            .filter(|(_, a)| !a.exists)
            .map(|(k, a)| (a.last_check, k.clone()))
            .collect();
        made_up.sort_unstable();
        let excess = map.len().saturating_sub(MAX_ACCOUNTS * 3 / 4);
        for (_, k) in made_up.into_iter().take(excess) {
            map.remove(&k);
        }
    }

    /// Starts a password check for `username` (its key: see [`throttle_key`]), counted now,
    /// before the password is checked, so attempts sent together cannot slip past. `trusted`:
    /// the client is one the account signed in from (not counted, never refused). `exists`
    /// says whether the username names an account; it decides nothing but which entries are
    /// forgotten first under a flood of made-up names.
    pub fn begin(&self, username: &str, trusted: bool, exists: bool, now: i64) -> AccountDecision {
        if trusted {
            return AccountDecision::Check;
        }
        let mut map = self.map();
        if !map.contains_key(username) {
            Self::make_room(&mut map, now);
        }
        let a = map.entry(username.to_owned()).or_default();
        a.exists |= exists;
        let next = a.next_check_at(now);
        if now < next {
            a.refused_since_alert += 1;
            let alert = a
                .alerted_at
                .is_none_or(|t| now - t >= ALERT_WINDOW)
                .then(|| {
                    let alert = ThrottleAlert {
                        checks: a.checks_since_alert,
                        refused: a.refused_since_alert,
                        next_check_in: next - now,
                    };
                    a.alerted_at = Some(now);
                    a.checks_since_alert = 0;
                    a.refused_since_alert = 0;
                    alert
                });
            return AccountDecision::Throttled { alert };
        }
        a.debt_until = a.debt_until.max(now) + ACCOUNT_EMISSION;
        a.last_check = now;
        a.checks_since_alert += 1;
        AccountDecision::Check
    }

    /// The password was right: a check begun by an untrusted client is taken back (a user's
    /// own sign-ins cost nothing; a trusted client's were never counted).
    pub fn succeeded(&self, username: &str, trusted: bool) {
        if trusted {
            return;
        }
        let mut map = self.map();
        if let Some(a) = map.get_mut(username) {
            a.exists = true;
            a.debt_until -= ACCOUNT_EMISSION;
            a.checks_since_alert = a.checks_since_alert.saturating_sub(1);
        }
    }

    /// When the next check of `username` from an unknown address may run (`now` if at once).
    pub fn next_check_at(&self, username: &str, now: i64) -> i64 {
        self.map()
            .get(username)
            .map_or(now, |a| a.next_check_at(now))
    }

    /// How many usernames are tracked (for the memory bound's test).
    pub fn tracked(&self) -> usize {
        self.map().len()
    }
}

/// The key under which a typed username is throttled: the name itself if it could be a
/// username, else one shared key. No account can have a malformed name, so sharing costs no
/// user anything, and a megabyte of typed name is never kept in memory.
pub fn throttle_key(typed: &str) -> &str {
    if typed.parse::<crate::model::Username>().is_ok() {
        typed
    } else {
        "<not a username>"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: i64 = 1_000_000;

    /// The probe: 200 attempts from 40 addresses within 6 seconds. The throttle lets 12 reach
    /// the password check (10 at once, one after 1 s, one after 2 s more), refuses every other
    /// attempt without changing anything, and alerts once.
    #[test]
    fn many_addresses_share_one_account_bound() {
        let t = AccountThrottle::default();
        let mut checks = 0;
        let mut alerts = Vec::new();
        for i in 0..200i64 {
            match t.begin("ann", false, true, i * 30_000) {
                AccountDecision::Check => checks += 1,
                AccountDecision::Throttled { alert } => alerts.extend(alert),
            }
        }
        assert_eq!(checks, 12);
        assert_eq!(alerts.len(), 1);
        assert_eq!((alerts[0].checks, alerts[0].refused), (10, 1));
        // The tenth check ran at 270 ms; the next may run a second after it.
        assert_eq!(alerts[0].next_check_in, 270_000 + SECOND - 300_000);
    }

    /// Refusals do not push the next check further out; after the burst the spacing doubles
    /// and never passes the maximum, and a sustained attack gets one check per emission.
    #[test]
    fn waits_double_cap_and_sustain_one_check_per_emission() {
        let t = AccountThrottle::default();
        let mut now = 0;
        for _ in 0..ACCOUNT_BURST {
            assert_eq!(t.begin("ann", false, true, now), AccountDecision::Check);
        }
        let mut waits = Vec::new();
        let mut checks = 0;
        // An attacker trying every second for a day.
        while now < 24 * 3600 * SECOND {
            now += SECOND;
            if t.begin("ann", false, true, now) == AccountDecision::Check {
                checks += 1;
                waits.push(t.next_check_at("ann", now) - now);
            }
        }
        assert_eq!(
            &waits[..4],
            &[2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND]
        );
        assert!(waits.iter().all(|w| *w <= ACCOUNT_MAX_DELAY));
        // The debt grows by one emission per check and time pays it back, so a day holds a
        // day's worth of emissions (144) plus what the debt may run ahead: the burst, and the
        // ten or so spaced checks before the spacing passes the emission.
        let per_day = 24 * 3600 * SECOND / ACCOUNT_EMISSION;
        let total = checks + ACCOUNT_BURST;
        assert!(
            total <= per_day + 2 * ACCOUNT_BURST + 1,
            "{total} checks in a day"
        );
        // Once the attack stops, the wait is over within the maximum.
        assert!(t.next_check_at("ann", now) <= now + ACCOUNT_MAX_DELAY);
    }

    #[test]
    fn a_trusted_client_is_not_throttled_by_others_and_its_sign_ins_cost_nothing() {
        let t = AccountThrottle::default();
        for i in 0..100 {
            let _ = t.begin("ann", false, true, SECOND + i);
        }
        assert!(matches!(
            t.begin("ann", false, true, 2 * SECOND),
            AccountDecision::Throttled { .. }
        ));
        let next = t.next_check_at("ann", 2 * SECOND);
        assert_eq!(
            t.begin("ann", true, true, 2 * SECOND),
            AccountDecision::Check
        );
        t.succeeded("ann", true);
        assert_eq!(
            t.next_check_at("ann", 2 * SECOND),
            next,
            "a trusted sign-in neither counts nor pays back the attack's debt"
        );
    }

    #[test]
    fn a_flood_of_made_up_names_stays_bounded_and_keeps_real_accounts() {
        let t = AccountThrottle::default();
        for _ in 0..ACCOUNT_BURST + 1 {
            let _ = t.begin("ann", false, true, 0);
        }
        assert!(matches!(
            t.begin("ann", false, true, 1),
            AccountDecision::Throttled { .. }
        ));
        for i in 0..(MAX_ACCOUNTS as i64 * 2) {
            let _ = t.begin(&format!("made-up-{i}"), false, false, 2);
        }
        assert!(t.tracked() <= MAX_ACCOUNTS);
        assert!(
            matches!(
                t.begin("ann", false, true, 3),
                AccountDecision::Throttled { .. }
            ),
            "the real account's state survived the flood"
        );
        assert_eq!(throttle_key(&"a".repeat(100_000)), "<not a username>");
        assert_eq!(throttle_key("ann"), "ann");
    }

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
