//! The two shapes of an act on its way into the journal and once it is there.

use crate::hash::{entry_hash, Hash};

/// What a caller submits; the journal assigns `seq` and computes the hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    /// When the act was recorded (transaction time), UTC unix microseconds.
    pub recorded_at_micros: i64,
    /// Who recorded it.
    pub recorded_by: String,
    /// Opaque to the journal; Chancery stores canonical JSON here.
    pub payload: Vec<u8>,
}

/// An entry as stored: a [`NewEntry`] placed in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based and dense: entry `n` is the `n`th ever appended.
    pub seq: u64,
    pub recorded_at_micros: i64,
    pub recorded_by: String,
    pub payload: Vec<u8>,
    /// The `hash` of entry `seq - 1`, or [`GENESIS`](crate::GENESIS) for the first entry.
    pub prev_hash: Hash,
    pub hash: Hash,
}

impl Entry {
    /// Places `new` at `seq` after `prev_hash`, computing its hash.
    pub fn chain(new: NewEntry, seq: u64, prev_hash: Hash) -> Entry {
        let hash = entry_hash(
            &prev_hash,
            seq,
            new.recorded_at_micros,
            &new.recorded_by,
            &new.payload,
        );
        Entry {
            seq,
            recorded_at_micros: new.recorded_at_micros,
            recorded_by: new.recorded_by,
            payload: new.payload,
            prev_hash,
            hash,
        }
    }

    /// Recomputes the hash from the other fields; a stored entry is intact when this equals `hash`.
    pub fn computed_hash(&self) -> Hash {
        entry_hash(
            &self.prev_hash,
            self.seq,
            self.recorded_at_micros,
            &self.recorded_by,
            &self.payload,
        )
    }
}
