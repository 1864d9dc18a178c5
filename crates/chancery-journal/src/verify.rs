//! Chain verification: recompute every hash and check every link.

use crate::entry::Entry;
use crate::hash::{Hash, GENESIS};

/// The outcome of verifying a journal from its first entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// Entries examined.
    pub entries: u64,
    /// The last entry's seq and stored hash, `None` for an empty journal.
    pub head: Option<(u64, Hash)>,
    /// The first place the chain is broken, `None` when it is intact.
    pub first_break: Option<ChainBreak>,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// Where and how a chain is broken.
///
/// An altered entry shows as [`BreakKind::BadHash`] at its own seq, unless whoever altered it
/// also rewrote its stored hash: then it shows as [`BreakKind::BadLink`] at the next seq.
/// Removing the last entries leaves a valid, shorter chain; catching that needs an anchor kept
/// elsewhere (signed checkpoints), which is beyond a self-contained check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: u64,
    pub kind: BreakKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// Entry `seq` is absent (or out of order): the next stored entry has seq `found`.
    Missing { found: u64 },
    /// The stored hash is not the hash of the entry's contents.
    BadHash,
    /// `prev_hash` is not the previous entry's stored hash (or [`GENESIS`] for seq 1).
    BadLink,
}

/// Verifies a chain fed to it in seq order, one entry at a time, so a scan of millions of
/// entries is checked in constant memory.
#[derive(Debug)]
pub struct ChainVerifier {
    next_seq: u64,
    prev_hash: Hash,
    entries: u64,
    head: Option<(u64, Hash)>,
    first_break: Option<ChainBreak>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            next_seq: 1,
            prev_hash: GENESIS,
            entries: 0,
            head: None,
            first_break: None,
        }
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn check(&mut self, entry: &Entry) {
        let found = if entry.seq != self.next_seq {
            Some(ChainBreak {
                seq: self.next_seq,
                kind: BreakKind::Missing { found: entry.seq },
            })
        } else if entry.computed_hash() != entry.hash {
            Some(ChainBreak {
                seq: entry.seq,
                kind: BreakKind::BadHash,
            })
        } else if entry.prev_hash != self.prev_hash {
            Some(ChainBreak {
                seq: entry.seq,
                kind: BreakKind::BadLink,
            })
        } else {
            None
        };
        if self.first_break.is_none() {
            self.first_break = found;
        }
        // Carry on from what is stored, so one break does not cascade into every later entry.
        self.next_seq = entry.seq.saturating_add(1);
        self.prev_hash = entry.hash;
        self.entries += 1;
        self.head = Some((entry.seq, entry.hash));
    }

    pub fn finish(self) -> VerifyReport {
        VerifyReport {
            entries: self.entries,
            head: self.head,
            first_break: self.first_break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::NewEntry;

    fn chain(n: u64) -> Vec<Entry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let new = NewEntry {
                    recorded_at_micros: seq as i64,
                    recorded_by: "clerk".into(),
                    payload: format!("{{\"n\":{seq}}}").into_bytes(),
                };
                let entry = Entry::chain(new, seq, prev);
                prev = entry.hash;
                entry
            })
            .collect()
    }

    fn verify(entries: &[Entry]) -> VerifyReport {
        let mut verifier = ChainVerifier::new();
        entries.iter().for_each(|e| verifier.check(e));
        verifier.finish()
    }

    #[test]
    fn intact_chain_verifies() {
        let entries = chain(5);
        let report = verify(&entries);
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.entries, 5);
        assert_eq!(report.head, Some((5, entries[4].hash)));
    }

    #[test]
    fn empty_chain_is_intact() {
        assert_eq!(
            verify(&[]),
            VerifyReport {
                entries: 0,
                head: None,
                first_break: None
            }
        );
    }

    #[test]
    fn altered_payload_is_a_bad_hash_at_its_seq() {
        let mut entries = chain(5);
        entries[2].payload = b"{\"n\":999}".to_vec();
        let report = verify(&entries);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 3,
                kind: BreakKind::BadHash
            })
        );
    }

    #[test]
    fn rehashed_alteration_is_a_bad_link_at_the_next_seq() {
        let mut entries = chain(5);
        entries[2].payload = b"{\"n\":999}".to_vec();
        entries[2].hash = entries[2].computed_hash();
        let report = verify(&entries);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 4,
                kind: BreakKind::BadLink
            })
        );
    }

    #[test]
    fn removed_entry_is_missing() {
        let mut entries = chain(5);
        entries.remove(1);
        let report = verify(&entries);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 2,
                kind: BreakKind::Missing { found: 3 }
            })
        );
    }

    #[test]
    fn first_entry_must_link_to_genesis() {
        let new = NewEntry {
            recorded_at_micros: 0,
            recorded_by: "clerk".into(),
            payload: Vec::new(),
        };
        let report = verify(&[Entry::chain(new, 1, [7; 32])]);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 1,
                kind: BreakKind::BadLink
            })
        );
    }
}
