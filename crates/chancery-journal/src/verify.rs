//! Chain verification: recompute every hash and check every link.

use std::fmt;

use crate::entry::Entry;
use crate::hash::{to_hex, Hash, GENESIS};

/// The outcome of verifying a journal from its first entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// Entries examined.
    pub entries: u64,
    /// The last entry's seq and stored hash, `None` for an empty journal. Record it somewhere
    /// the store's host cannot rewrite (a ticket, a signed mail, the other party) and pass it to
    /// [`Journal::verify_against`](crate::Journal::verify_against) later: that is what catches
    /// entries removed from the end, which a self-contained check cannot.
    pub head: Option<(u64, Hash)>,
    /// The first place the chain is broken, `None` when it is intact.
    pub first_break: Option<ChainBreak>,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// One line for an operator: the count, the head to record, and the verdict.
impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} entries", self.entries)?;
        if let Some((seq, hash)) = &self.head {
            write!(f, ", head #{seq} {}", to_hex(hash))?;
        }
        match &self.first_break {
            None => write!(f, ", hash chain intact"),
            Some(found) => write!(f, ", hash chain BROKEN: {found}"),
        }
    }
}

/// Where and how a chain is broken.
///
/// An altered entry shows as [`BreakKind::BadHash`] at its own seq, unless whoever altered it
/// also rewrote its stored hash: then it shows as [`BreakKind::BadLink`] at the next seq.
/// Removing the last entries leaves a valid, shorter chain; catching that needs an anchor kept
/// elsewhere (see [`VerifyReport::head`]), which is beyond a self-contained check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: u64,
    pub kind: BreakKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BreakKind {
    /// Entry `seq` is absent (or out of order): the next stored entry has seq `found`.
    Missing { found: u64 },
    /// The stored hash is not the hash of the entry's contents.
    BadHash,
    /// `prev_hash` is not the previous entry's stored hash (or [`GENESIS`] for seq 1).
    BadLink,
    /// An unsalted (v1) entry after a salted one. Only entries older than every salted one may
    /// be unsalted: otherwise someone could strip an entry's salt and rehash it the old way.
    UnsaltedAfterSalted,
    /// The journal ends at entry `last` (0: it is empty), but entry `seq` is known to exist (an
    /// anchor recorded earlier, or an entry this process committed): the tail was removed.
    Truncated { last: u64 },
    /// Entry `seq`'s hash is not the one recorded for it as an anchor: the chain was rewritten
    /// from there or before.
    AnchorMismatch,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seq = self.seq;
        match self.kind {
            BreakKind::Missing { found } => write!(
                f,
                "entry #{seq} is missing (the next stored entry is #{found}): entries were removed or reordered"
            ),
            BreakKind::BadHash => write!(
                f,
                "entry #{seq}: the stored hash does not match the entry's contents: it was altered"
            ),
            BreakKind::BadLink if seq == 1 => write!(
                f,
                "entry #1: its prev_hash is not the genesis value: entries before it were removed or it was altered"
            ),
            BreakKind::BadLink => write!(
                f,
                "entry #{seq}: its prev_hash is not the hash of entry #{}: an earlier entry was altered and rehashed",
                seq - 1
            ),
            BreakKind::UnsaltedAfterSalted => write!(
                f,
                "entry #{seq} is unsalted (old format) but follows a salted entry: its salt was stripped or an older version wrote it"
            ),
            BreakKind::Truncated { last } => write!(
                f,
                "the journal ends at entry #{last}, but entry #{seq} was recorded: entries at the end were removed"
            ),
            BreakKind::AnchorMismatch => write!(
                f,
                "entry #{seq} does not have the hash recorded for it: the chain was rewritten from there or before"
            ),
        }
    }
}

/// Verifies a chain fed to it in seq order, one entry at a time, so a scan of millions of
/// entries is checked in constant memory.
#[derive(Debug)]
pub struct ChainVerifier {
    next_seq: u64,
    /// The hash the next entry must link to; `None` at the start of a window whose
    /// predecessor was not read (its first link is not checked).
    prev_hash: Option<Hash>,
    salted_seen: bool,
    /// The chain must reach this seq (an anchor, or what this process committed).
    through: u64,
    /// A (seq, hash) recorded earlier that the chain must still contain.
    anchor: Option<(u64, Hash)>,
    entries: u64,
    head: Option<(u64, Hash)>,
    first_break: Option<ChainBreak>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            next_seq: 1,
            prev_hash: Some(GENESIS),
            salted_seen: false,
            through: 0,
            anchor: None,
            entries: 0,
            head: None,
            first_break: None,
        }
    }
}

impl ChainVerifier {
    /// Verifies a whole chain, from seq 1.
    pub fn new() -> Self {
        Self::default()
    }

    /// Verifies a whole chain, which must also still hold entry `seq` with hash `hash` (a head
    /// recorded elsewhere earlier): catches removal of the tail and a rewritten chain.
    pub fn with_anchor(seq: u64, hash: Hash) -> Self {
        ChainVerifier {
            through: seq,
            anchor: Some((seq, hash)),
            ..Self::default()
        }
    }

    /// Verifies entries `first..=through` only: every hash, the links between them, and that
    /// none is missing. The link from `first - 1` is not checked (unless `first` is 1), and an
    /// unsalted entry after a salted one is caught only within the window.
    pub(crate) fn window(first: u64, through: u64) -> Self {
        ChainVerifier {
            next_seq: first,
            prev_hash: (first == 1).then_some(GENESIS),
            through,
            ..Self::default()
        }
    }

    /// The chain must reach at least entry `seq` (e.g. the last one this process committed).
    pub(crate) fn expect_through(&mut self, seq: u64) {
        self.through = self.through.max(seq);
    }

    pub fn check(&mut self, entry: &Entry) {
        let found = if entry.seq != self.next_seq {
            Some(BreakKind::Missing { found: entry.seq })
        } else if entry.salt.is_none() && self.salted_seen {
            Some(BreakKind::UnsaltedAfterSalted)
        } else if !entry.hash_matches() {
            Some(BreakKind::BadHash)
        } else if self.prev_hash.is_some_and(|prev| prev != entry.prev_hash) {
            Some(BreakKind::BadLink)
        } else if self
            .anchor
            .is_some_and(|(seq, hash)| seq == entry.seq && hash != entry.hash)
        {
            Some(BreakKind::AnchorMismatch)
        } else {
            None
        };
        if self.first_break.is_none() {
            self.first_break = found.map(|kind| ChainBreak {
                // A missing entry is reported at the seq that should have come.
                seq: match kind {
                    BreakKind::Missing { .. } => self.next_seq,
                    _ => entry.seq,
                },
                kind,
            });
        }
        // Carry on from what is stored, so one break does not cascade into every later entry.
        self.next_seq = entry.seq.saturating_add(1);
        self.prev_hash = Some(entry.hash);
        self.salted_seen |= entry.salt.is_some();
        self.entries += 1;
        self.head = Some((entry.seq, entry.hash));
    }

    pub fn finish(self) -> VerifyReport {
        // The last seq seen, or the one before the first expected when none was.
        let last = self.next_seq.saturating_sub(1);
        let first_break = self.first_break.or_else(|| {
            (last < self.through).then_some(ChainBreak {
                seq: self.through,
                kind: BreakKind::Truncated { last },
            })
        });
        VerifyReport {
            entries: self.entries,
            head: self.head,
            first_break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::NewEntry;

    /// `n` entries from seq 1, each placed after the one before by `place`.
    fn chain_by(n: u64, place: impl Fn(NewEntry, u64, Hash) -> Entry) -> Vec<Entry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let new = NewEntry {
                    schema: 1,
                    recorded_at_micros: seq as i64,
                    recorded_by: "clerk".into(),
                    payload: format!("{{\"n\":{seq}}}").into_bytes(),
                };
                let entry = place(new, seq, prev);
                prev = entry.hash;
                entry
            })
            .collect()
    }

    fn chain(n: u64) -> Vec<Entry> {
        chain_by(n, |new, seq, prev| {
            Entry::chain(new, seq, prev, [seq as u8; 32])
        })
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
            schema: 1,
            recorded_at_micros: 0,
            recorded_by: "clerk".into(),
            payload: Vec::new(),
        };
        let report = verify(&[Entry::chain(new, 1, [7; 32], [1; 32])]);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 1,
                kind: BreakKind::BadLink
            })
        );
    }

    fn legacy_chain(n: u64) -> Vec<Entry> {
        chain_by(n, Entry::chain_legacy)
    }

    /// An old store carries on with salted entries: one chain, both framings, intact.
    #[test]
    fn salted_entries_may_follow_unsalted_ones() {
        let mut entries = legacy_chain(3);
        let new = NewEntry {
            schema: 1,
            recorded_at_micros: 4,
            recorded_by: "clerk".into(),
            payload: b"{}".to_vec(),
        };
        entries.push(Entry::chain(new, 4, entries[2].hash, [4; 32]));
        let report = verify(&entries);
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.head, Some((4, entries[3].hash)));
    }

    /// Stripping the last entry's salt and rehashing it the old way yields a valid v1 hash and
    /// link; only the rule that v1 never follows v2 catches it.
    #[test]
    fn a_stripped_salt_is_reported() {
        let mut entries = chain(5);
        let last = &mut entries[4];
        last.salt = None;
        last.hash = last.computed_hash();
        assert!(last.hash_matches(), "the forgery is self-consistent");
        let report = verify(&entries);
        assert_eq!(
            report.first_break,
            Some(ChainBreak {
                seq: 5,
                kind: BreakKind::UnsaltedAfterSalted
            })
        );
    }

    /// Removing the tail leaves a valid chain; only an anchor recorded elsewhere catches it.
    #[test]
    fn a_removed_tail_passes_alone_and_fails_against_an_anchor() {
        let entries = chain(5);
        let anchor = (5, entries[4].hash);
        assert!(verify(&entries[..3]).is_intact());

        let mut verifier = ChainVerifier::with_anchor(anchor.0, anchor.1);
        entries[..3].iter().for_each(|e| verifier.check(e));
        assert_eq!(
            verifier.finish().first_break,
            Some(ChainBreak {
                seq: 5,
                kind: BreakKind::Truncated { last: 3 }
            })
        );

        let mut verifier = ChainVerifier::with_anchor(anchor.0, anchor.1);
        entries.iter().for_each(|e| verifier.check(e));
        assert!(verifier.finish().is_intact());
    }

    #[test]
    fn a_rewritten_chain_fails_against_an_anchor() {
        let entries = chain(5);
        let mut forged = chain(5);
        forged[1].payload = b"{}".to_vec();
        // Rehash from the forgery on, as a forger with write access would.
        for i in 1..5 {
            if i > 1 {
                forged[i].prev_hash = forged[i - 1].hash;
            }
            forged[i].hash = forged[i].computed_hash();
        }
        assert!(verify(&forged).is_intact());
        let mut verifier = ChainVerifier::with_anchor(4, entries[3].hash);
        forged.iter().for_each(|e| verifier.check(e));
        assert_eq!(
            verifier.finish().first_break,
            Some(ChainBreak {
                seq: 4,
                kind: BreakKind::AnchorMismatch
            })
        );
    }

    #[test]
    fn breaks_read_as_sentences_naming_the_seq() {
        let text = ChainBreak {
            seq: 6,
            kind: BreakKind::BadHash,
        }
        .to_string();
        assert!(text.contains("#6") && text.contains("altered"), "{text}");
        let report = verify(&chain(2));
        let line = report.to_string();
        assert!(
            line.contains("head #2") && line.contains("intact"),
            "{line}"
        );
    }
}
