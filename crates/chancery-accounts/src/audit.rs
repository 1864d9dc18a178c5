//! What keeps the audit log from being the thing that fills the disk: every audited string is
//! cut to a bound, repeated denials are counted rather than written one row each, and the log
//! has a budget (a size for the accounts store and a reserve of free space) beyond which it
//! counts in memory and says so through [`AuditHealth`] instead of writing or failing.
//!
//! The I/O is in [`crate::store`]; this module decides what is written.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

/// Routes, usernames, addresses, actors and organisations are cut to this many bytes.
pub const MAX_FIELD: usize = 256;
/// Details are cut to this many bytes.
pub const MAX_DETAIL: usize = 4096;
/// Denials written in full per (address, action, actor, organisation, outcome, reason) and
/// minute; beyond, they are counted.
pub const DENIALS_IN_FULL_PER_KEY: u32 = 5;
/// Denials written in full per minute from all addresses together.
pub const DENIALS_IN_FULL_PER_MINUTE: u32 = 30;
/// Aggregate rows per minute, one per (address, action, actor, organisation, outcome,
/// reason), the largest counts first; the rest share one `denied_flood` row.
pub const AGGREGATE_ROWS_PER_MINUTE: usize = 20;
/// Actions that are denials wherever they are recorded from: aggregated even when written
/// through `append_audit` or `record_audit`, so no caller floods the log with them.
pub const AGGREGATED_ACTIONS: [&str; 2] = ["denied", "login_failed"];

/// Whether an event is aggregated like a denial: the denial actions, and every refusal (an
/// outcome other than `ok`: a refused act, a refused password change), which a signed-in
/// user can repeat as fast as an anonymous one can be denied. What succeeded is always
/// written in full.
pub fn is_aggregated(action: &str, outcome: &str) -> bool {
    AGGREGATED_ACTIONS.contains(&action) || outcome != "ok"
}
/// Keys counted at once per minute (memory bound); denials beyond are counted together.
const MAX_KEYS: usize = 4096;
const MINUTE: i64 = 60 * 1_000_000;

/// Cuts `s` to at most `max` bytes on a character boundary, saying how much was cut:
/// `"abc…(+59744 bytes)"`. The result is at most `max` bytes plus the marker (under 24).
pub fn bound(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…(+{} bytes)", &s[..end], s.len() - end))
}

/// How much of its disk the audit log may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditBudget {
    /// The accounts store (database and write-ahead log) stops taking audit rows at this size.
    pub max_store_bytes: u64,
    /// Nor does it take any while its file system has less than this free (the journal's
    /// reserve, when they share a disk). Checked with `statvfs` on Unix.
    pub min_free_bytes: u64,
}

impl Default for AuditBudget {
    /// 1 GiB of store, 64 MiB kept free.
    fn default() -> Self {
        AuditBudget {
            max_store_bytes: 1 << 30,
            min_free_bytes: 64 << 20,
        }
    }
}

/// Whether the audit log is writing what it is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditCondition {
    Ok,
    /// At its budget: events are counted in memory, not written.
    Full,
    /// The last write failed (disk full, I/O error): events are counted in memory.
    Failing,
}

/// The audit log's state, for `/healthz`: anything but `Ok` means `audit_degraded`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditHealth {
    pub condition: AuditCondition,
    /// Events counted but not written since the log was last healthy (written as one
    /// `audit_unwritten` row with the counts by action once it can write again).
    pub unwritten: u64,
    /// Denials counted this minute, to be written as aggregate rows.
    pub pending_denials: u64,
    /// Why it is degraded: the budget reached, or the last error.
    pub reason: Option<String>,
}

impl AuditHealth {
    pub fn degraded(&self) -> bool {
        self.condition != AuditCondition::Ok
    }
}

/// What became of an audit event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditWrite {
    /// Written, with its sequence number.
    Written(i64),
    /// Counted, not written as its own row: a repeated denial (in an aggregate row at the
    /// end of its minute), or the log is degraded (see [`AuditHealth`]).
    Counted,
}

/// A row about to be written, its strings already bounded.
#[derive(Clone, Debug)]
pub struct Row {
    pub at: i64,
    pub actor: String,
    pub org: Option<String>,
    pub source: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
    pub detail: String,
    /// How many events the row stands for (an aggregate row, many).
    pub events: u64,
}

impl Row {
    pub(crate) fn of(e: &crate::store::NewAudit) -> Row {
        let field = |s: &str| bound(s, MAX_FIELD).into_owned();
        Row {
            at: e.at,
            actor: field(&e.actor),
            org: e.org.as_deref().map(field),
            source: field(&e.source),
            action: field(e.action),
            target: field(&e.target),
            outcome: field(e.outcome),
            detail: bound(&e.detail, MAX_DETAIL).into_owned(),
            events: 1,
        }
    }
}

/// What denials are counted under: who, from where, and what was refused and why (the
/// server's reasons are a fixed set, so a reason the log alone tells, such as a throttled
/// sign-in, keeps its own full rows). Routes are not part of it: they are the attacker's
/// choice; the last one is kept as a sample.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    source: String,
    action: String,
    actor: String,
    org: Option<String>,
    outcome: String,
    detail: String,
}

#[derive(Default)]
struct Count {
    in_full: u32,
    counted: u64,
    last_target: String,
    last_at: i64,
}

/// Denials of the current minute.
#[derive(Default)]
pub(crate) struct Denials {
    minute: Option<i64>,
    in_full: u32,
    keys: HashMap<Key, Count>,
    /// Denials from keys beyond [`MAX_KEYS`], and when the last came.
    untracked: u64,
    untracked_at: i64,
}

/// What to do with one denial.
pub(crate) enum Denial {
    /// Write it as its own row.
    InFull(Row),
    Counted,
}

impl Denials {
    /// The minute's aggregate rows are due: `at` is in a later minute than the one counted.
    pub(crate) fn due(&self, at: i64) -> bool {
        self.minute.is_some_and(|m| at.div_euclid(MINUTE) > m)
    }

    pub(crate) fn pending(&self) -> u64 {
        self.keys.values().map(|c| c.counted).sum::<u64>() + self.untracked
    }

    /// Takes one denial; the caller has flushed the previous minute if it was [`due`].
    /// A denial dated before the minute being counted (a clock step back) joins it.
    pub(crate) fn take(&mut self, row: Row) -> Denial {
        let minute = row.at.div_euclid(MINUTE);
        if self.minute.is_none() {
            self.minute = Some(minute);
        }
        let key = Key {
            source: row.source.clone(),
            action: row.action.clone(),
            actor: row.actor.clone(),
            org: row.org.clone(),
            outcome: row.outcome.clone(),
            // Bounded tighter than a row's detail: it is held per key in memory.
            detail: bound(&row.detail, MAX_FIELD).into_owned(),
        };
        if !self.keys.contains_key(&key) && self.keys.len() >= MAX_KEYS {
            self.untracked += 1;
            self.untracked_at = row.at;
            return Denial::Counted;
        }
        let count = self.keys.entry(key).or_default();
        if count.in_full < DENIALS_IN_FULL_PER_KEY && self.in_full < DENIALS_IN_FULL_PER_MINUTE {
            count.in_full += 1;
            self.in_full += 1;
            return Denial::InFull(row);
        }
        count.counted += 1;
        count.last_at = row.at;
        count.last_target = row.target;
        Denial::Counted
    }

    /// The aggregate rows of the minute counted so far, which starts again empty: one row per
    /// key with denials beyond those written in full (the largest counts first, at most
    /// [`AGGREGATE_ROWS_PER_MINUTE`]), and one `denied_flood` row for all the rest. Every
    /// denial is in exactly one written or aggregate row.
    pub(crate) fn drain(&mut self) -> Vec<Row> {
        let Some(minute) = self.minute.take() else {
            return Vec::new();
        };
        let from = minute * MINUTE;
        let mut counted: Vec<(Key, Count)> =
            self.keys.drain().filter(|(_, c)| c.counted > 0).collect();
        counted.sort_by_key(|(_, c)| std::cmp::Reverse(c.counted));
        let rest = counted.split_off(counted.len().min(AGGREGATE_ROWS_PER_MINUTE));
        let mut rows: Vec<Row> = counted
            .into_iter()
            .map(|(k, c)| Row {
                at: c.last_at,
                detail: format!(
                    "action={} count={} in_full={} minute_from={from}; {}",
                    k.action, c.counted, c.in_full, k.detail
                ),
                actor: k.actor,
                org: k.org,
                source: k.source,
                action: "denied_repeated".to_owned(),
                target: c.last_target,
                outcome: k.outcome,
                events: c.counted,
            })
            .collect();
        let untracked = std::mem::take(&mut self.untracked);
        if !rest.is_empty() || untracked > 0 {
            let addresses: HashSet<&str> = rest.iter().map(|(k, _)| k.source.as_str()).collect();
            let count = rest.iter().map(|(_, c)| c.counted).sum::<u64>() + untracked;
            let at = rest
                .iter()
                .map(|(_, c)| c.last_at)
                .chain([self.untracked_at])
                .max()
                .unwrap_or(from);
            let mut detail = format!(
                "count={count} addresses={} minute_from={from}",
                addresses.len()
            );
            if untracked > 0 {
                detail.push_str(&format!(
                    " untracked={untracked} (from more addresses than are counted one by one)"
                ));
            }
            rows.push(Row {
                at,
                actor: "aggregate".to_owned(),
                org: None,
                source: "*".to_owned(),
                action: "denied_flood".to_owned(),
                target: String::new(),
                outcome: "aggregated".to_owned(),
                detail,
                events: count,
            });
        }
        self.in_full = 0;
        rows
    }
}

/// Events counted while the log could not write, by action.
#[derive(Default)]
pub(crate) struct Unwritten {
    by_action: BTreeMap<String, u64>,
    since: Option<i64>,
}

impl Unwritten {
    pub(crate) fn add(&mut self, rows: &[Row]) {
        for r in rows {
            // Aggregates count the denials they stand for, under the action denied.
            *self.by_action.entry(r.action.clone()).or_default() += r.events;
            self.since = Some(self.since.map_or(r.at, |s| s.min(r.at)));
        }
    }

    pub(crate) fn total(&self) -> u64 {
        self.by_action.values().sum()
    }

    /// One row telling what was not written, to go before the next rows written.
    /// Dated `at`, or when counting began.
    pub(crate) fn summary(&self, at: Option<i64>) -> Option<Row> {
        let since = self.since?;
        let at = at.unwrap_or(since);
        let counts: Vec<String> = self
            .by_action
            .iter()
            .map(|(a, n)| format!("{a}={n}"))
            .collect();
        Some(Row {
            at,
            actor: "chancery".to_owned(),
            org: None,
            source: "local".to_owned(),
            action: "audit_unwritten".to_owned(),
            target: String::new(),
            outcome: "counted".to_owned(),
            detail: bound(
                &format!(
                    "count={} since={since} while the audit log was full or failing: {}",
                    self.total(),
                    counts.join(" ")
                ),
                MAX_DETAIL,
            )
            .into_owned(),
            events: 0,
        })
    }

    pub(crate) fn clear(&mut self) {
        *self = Unwritten::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_cuts_on_a_character_boundary_and_says_how_much() {
        assert_eq!(bound("short", 10), "short");
        let s = "é".repeat(200); // 400 bytes
        let cut = bound(&s, 255);
        assert!(cut.starts_with(&"é".repeat(127)));
        assert!(cut.ends_with("…(+146 bytes)"), "{cut}");
        assert!(cut.len() <= 255 + 24);
    }
}
