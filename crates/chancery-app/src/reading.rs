//! Reading acts as stored (pages of the journal, single acts, a relation's export): the
//! journal holds what was recorded, the image says who may see it.

use chancery_accounts::RecordedBy;
use chancery_domain::image::{DateKey, PartiesAsked};
use chancery_domain::scenario::Scenario;
use chancery_domain::{CivilDate, Reader, StateCode};

use crate::filter::PartyFilter;
use chancery_journal::StoreError;

use crate::replay::decode;
use crate::{Chancery, ServiceError, StoredAct};

/// How many batches a page of acts by date reads at most, each twice the last: from a page of
/// 64, at most 64 × (2⁸ − 1) = 16,320 candidate acts.
pub const DATE_BATCHES: usize = 8;

impl Chancery {
    /// Acts `reader` may see with `seq > after`, at most `limit`, and the last seq examined
    /// (the next page starts after it, even when hidden acts were skipped).
    pub fn acts_for(
        &self,
        reader: Reader,
        after: u64,
        limit: usize,
        kind: Option<&str>,
        parties: &PartyFilter,
    ) -> Result<(Vec<StoredAct>, u64), ServiceError> {
        let mut out = Vec::with_capacity(limit.min(1024));
        let mut cursor = after;
        let last = self.journal().last_seq();
        // Bounded: at most 8 pages of the journal per call however much is hidden.
        for _ in 0..8 {
            if out.len() >= limit || cursor >= last {
                break;
            }
            let chunk = self.acts(cursor, limit.max(64))?;
            let Some(end) = chunk.last().map(|a| a.seq) else {
                break;
            };
            let image = self.image();
            for a in chunk {
                cursor = a.seq;
                if image.visible_to(a.seq, reader)
                    && kind.is_none_or(|k| a.act.kind() == k)
                    && parties.keeps(&image, &a.act)
                {
                    out.push(a);
                    if out.len() == limit {
                        break;
                    }
                }
            }
            if cursor < end && out.len() == limit {
                break;
            }
        }
        // At the end of the journal, the cursor is the last act the reader may see: the head
        // itself would tell them that acts hidden from them were recorded after it. (A scan
        // stopped by its bound must report how far it read, or a client would never get past
        // a long run of hidden acts.)
        if cursor >= last {
            cursor = self.image().last_seq_visible_to(reader, last).max(after);
        }
        Ok((out, cursor))
    }

    /// Acts `reader` may see in the order of their dates (`descending` for latest first),
    /// after `after` in that order: up to `limit` that `parties` keeps, with the key the next
    /// page starts after (none at the end). Recorded by `end` and dated by `as_of`.
    ///
    /// Only acts that may concern the states asked for are read (the image's index knows each
    /// act's relation), so a page is full unless the list ends. The acts read per call are
    /// still bounded, batches doubling from `limit` up to [`DATE_BATCHES`] of them: a state
    /// that does almost nothing in its relations can leave a page short, with a next key.
    #[allow(clippy::too_many_arguments)] // each is a filter of the acts list
    pub fn acts_by_date(
        &self,
        reader: Reader,
        descending: bool,
        after: Option<DateKey>,
        end: u64,
        as_of: CivilDate,
        kind: Option<&str>,
        parties: &PartyFilter,
        limit: usize,
    ) -> Result<(Vec<StoredAct>, Option<DateKey>), ServiceError> {
        let asked = PartiesAsked {
            involves: parties.involves,
            actor: parties.actor,
            target: parties.target,
        };
        let mut batch = limit.max(64);
        let mut out = Vec::with_capacity(limit.min(1024));
        let mut cursor = after;
        for _ in 0..DATE_BATCHES {
            let keys = self
                .image()
                .seqs_by_date(reader, descending, cursor, end, as_of, kind, asked, batch);
            let seqs: Vec<u64> = keys.iter().map(|k| k.1).collect();
            let mut by_seq: std::collections::HashMap<u64, StoredAct> = self
                .acts_at(&seqs)?
                .into_iter()
                .map(|a| (a.seq, a))
                .collect();
            let image = self.image();
            let exhausted = keys.len() < batch;
            for (i, key) in keys.iter().enumerate() {
                cursor = Some(*key);
                let Some(a) = by_seq.remove(&key.1) else {
                    continue;
                };
                if parties.keeps(&image, &a.act) {
                    out.push(a);
                    if out.len() == limit {
                        // The rest of this batch is where the next page starts.
                        let last = exhausted && i + 1 == keys.len();
                        return Ok((out, if last { None } else { cursor }));
                    }
                }
            }
            if exhausted {
                return Ok((out, None));
            }
            batch = batch.saturating_mul(2);
        }
        Ok((out, cursor))
    }

    /// Stored acts with `seq > after`, at most `limit`, whatever their visibility (tools).
    pub fn acts(&self, after: u64, limit: usize) -> Result<Vec<StoredAct>, ServiceError> {
        self.journal()
            .read(after, limit)?
            .into_iter()
            .map(|e| {
                Ok(StoredAct {
                    act: decode(&e)?,
                    seq: e.seq,
                    recorded_at_micros: e.recorded_at_micros,
                    recorded_by: RecordedBy::parse(&e.recorded_by),
                    hash: e.hash,
                    prev_hash: e.prev_hash,
                    salt: e.salt,
                })
            })
            .collect()
    }

    /// The stored acts with these sequence numbers, in journal order; numbers that name no act
    /// are left out. Consecutive numbers are read as one range: a thing's history (see
    /// `Image::post_history`) often comes in runs, and this keeps it to a few indexed reads.
    pub fn acts_at(&self, seqs: &[u64]) -> Result<Vec<StoredAct>, ServiceError> {
        let last = self.journal().last_seq();
        let mut wanted: Vec<u64> = seqs
            .iter()
            .copied()
            .filter(|s| (1..=last).contains(s))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        let mut rest = &wanted[..];
        while let Some(&start) = rest.first() {
            let run = rest
                .iter()
                .zip(start..)
                .take_while(|(seq, expected)| **seq == *expected)
                .count();
            out.extend(self.acts(start - 1, run)?);
            rest = &rest[run..];
        }
        Ok(out)
    }

    /// The relation `a`–`b` as a scenario file.
    pub fn export(&self, a: StateCode, b: StateCode) -> Result<String, ServiceError> {
        self.export_reporting(a, b, &|_, _| {})
    }

    /// [`Chancery::export`], telling `progress` how many journal entries are read out of how
    /// many: every relation's export reads the whole journal.
    pub fn export_reporting(
        &self,
        a: StateCode,
        b: StateCode,
        progress: &dyn Fn(u64, u64),
    ) -> Result<String, ServiceError> {
        const EVERY: u64 = 4096;
        let total = self.journal().committed_seq();
        let mut acts = Vec::new();
        let mut failure = None;
        self.journal()
            .scan(0, &mut |e| {
                if e.seq.is_multiple_of(EVERY) {
                    progress(e.seq, total.max(e.seq));
                }
                match decode(&e) {
                    Ok(act) => acts.push((e.seq, act)),
                    Err(err) => {
                        failure = Some(err);
                        return Err(StoreError::Aborted("payload is not an act".into()));
                    }
                }
                Ok(())
            })
            .map_err(|e| failure.take().unwrap_or(ServiceError::Journal(e)))?;
        progress(total, total);
        let image = self.image();
        let mut scenario = Scenario::from_journal(&image, a, b, &acts);
        let names: std::collections::BTreeMap<_, _> = image.states().into_iter().collect();
        scenario.title = Some(format!(
            "{} – {}",
            names.get(&a).map_or(a.as_str(), String::as_str),
            names.get(&b).map_or(b.as_str(), String::as_str)
        ));
        Ok(scenario.to_toml())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_at_reads_exactly_the_acts_asked_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
        let last = chancery.journal().last_seq();
        assert!(last > 40, "the demo has more than 40 acts");
        let got = chancery
            .acts_at(&[40, 5, 1, 2, 3, 5, 0, last, last + 1, u64::MAX])
            .expect("read");
        let seqs: Vec<u64> = got.iter().map(|a| a.seq).collect();
        assert_eq!(seqs, [1, 2, 3, 5, 40, last]);
        let all = chancery
            .acts(0, usize::try_from(last).expect("fits"))
            .expect("read all");
        for a in &got {
            let same = &all[usize::try_from(a.seq - 1).expect("fits")];
            assert_eq!((a.hash, a.prev_hash), (same.hash, same.prev_hash));
            assert_eq!(a.act, same.act);
        }
        assert!(chancery.acts_at(&[]).expect("read none").is_empty());
    }
}
