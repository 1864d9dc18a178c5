//! The two shapes of an act on its way into the journal and once it is there.

use crate::error::JournalError;
use crate::hash::{entry_digest, entry_hash, link_hash, Hash, Salt};

/// What a caller submits; the journal assigns `seq` and `salt` and computes the hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    /// When the act was recorded (transaction time), UTC unix microseconds.
    pub recorded_at_micros: i64,
    /// Who recorded it.
    pub recorded_by: String,
    /// Opaque to the journal; Chancery stores canonical JSON here.
    pub payload: Vec<u8>,
    /// The version of the payload's format, chosen by the caller, so that a later version can
    /// tell how an entry written today is to be read. Stores written before versions existed
    /// read as 1.
    ///
    /// Not covered by the hash (the v1 and v2 framings predate it): it only chooses how the
    /// hashed payload is decoded, and a forged version makes a payload undecodable, not
    /// different.
    pub schema: u16,
}

/// An entry as stored: a [`NewEntry`] placed in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based and dense: entry `n` is the `n`th ever appended.
    pub seq: u64,
    pub recorded_at_micros: i64,
    pub recorded_by: String,
    pub payload: Vec<u8>,
    /// The payload's format version (see [`NewEntry::schema`]).
    pub schema: u16,
    /// The `hash` of entry `seq - 1`, or [`GENESIS`](crate::GENESIS) for the first entry.
    pub prev_hash: Hash,
    pub hash: Hash,
    /// The entry's secret salt (v2 framing, see [`crate::salted_entry_hash`]); `None` for an
    /// entry written before salts (v1 framing, see [`crate::entry_hash`]).
    ///
    /// Show it only to readers allowed to see the entry: with it, the hash confirms a guess of
    /// the entry's contents.
    pub salt: Option<Salt>,
}

impl Entry {
    /// Places `new` at `seq` after `prev_hash` with `salt`, computing its (v2) hash.
    ///
    /// `salt` must be fresh from a secure random source ([`fresh_salt`]): a predictable or
    /// reused salt gives back the guessability salts exist to remove.
    pub fn chain(new: NewEntry, seq: u64, prev_hash: Hash, salt: Salt) -> Entry {
        let digest = entry_digest(
            &salt,
            seq,
            new.recorded_at_micros,
            &new.recorded_by,
            &new.payload,
        );
        let hash = link_hash(&prev_hash, &digest);
        Entry::placed(new, seq, prev_hash, hash, Some(salt))
    }

    /// Places `new` at `seq` with the unsalted v1 hash, as entries were written before salts.
    ///
    /// Nothing in the journal writes these any more; this exists to build old-format stores in
    /// tests and tools that must keep reading them.
    pub fn chain_legacy(new: NewEntry, seq: u64, prev_hash: Hash) -> Entry {
        let hash = entry_hash(
            &prev_hash,
            seq,
            new.recorded_at_micros,
            &new.recorded_by,
            &new.payload,
        );
        Entry::placed(new, seq, prev_hash, hash, None)
    }

    /// `new` with its place in the chain and the hash computed for it.
    fn placed(new: NewEntry, seq: u64, prev_hash: Hash, hash: Hash, salt: Option<Salt>) -> Entry {
        Entry {
            seq,
            recorded_at_micros: new.recorded_at_micros,
            recorded_by: new.recorded_by,
            payload: new.payload,
            schema: new.schema,
            prev_hash,
            hash,
            salt,
        }
    }

    /// The salted digest of this entry's fields (v2 only): what a reader not allowed to see the
    /// entry can be given instead of its salt, to check `hash == link_hash(prev_hash, digest)`
    /// across it without learning anything testable about its contents.
    pub fn digest(&self) -> Option<Hash> {
        self.salt.map(|salt| {
            entry_digest(
                &salt,
                self.seq,
                self.recorded_at_micros,
                &self.recorded_by,
                &self.payload,
            )
        })
    }

    /// Recomputes the hash from the other fields, with the framing the entry was written in
    /// (v2 when it has a salt, v1 otherwise); a stored entry is intact when this equals `hash`.
    pub fn computed_hash(&self) -> Hash {
        match self.digest() {
            Some(digest) => link_hash(&self.prev_hash, &digest),
            None => entry_hash(
                &self.prev_hash,
                self.seq,
                self.recorded_at_micros,
                &self.recorded_by,
                &self.payload,
            ),
        }
    }

    /// Whether the stored `hash` is the hash of this entry's fields. It says nothing about the
    /// link to the previous entry: see [`crate::ChainVerifier`] for that.
    pub fn hash_matches(&self) -> bool {
        self.computed_hash() == self.hash
    }
}

/// A fresh salt from the operating system's secure random source.
pub fn fresh_salt() -> Result<Salt, JournalError> {
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(JournalError::Entropy)?;
    Ok(salt)
}

/// `n` fresh salts, drawn in one call: a batch of thousands of entries costs one system call.
pub(crate) fn fresh_salts(n: usize) -> Result<Vec<Salt>, JournalError> {
    let mut bytes = vec![0u8; n.saturating_mul(32)];
    getrandom::fill(&mut bytes).map_err(JournalError::Entropy)?;
    Ok(bytes
        .chunks_exact(32)
        .map(|chunk| {
            let mut salt = [0u8; 32];
            salt.copy_from_slice(chunk);
            salt
        })
        .collect())
}
