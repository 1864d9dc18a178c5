//! Entry hashing: the framing that makes the chain tamper-evident.
//!
//! Two framings exist, and a store may hold both (older entries first):
//!
//! - **v1** (entries written before salts): `hash = SHA-256(v1 tag, prev, fields)`. Anyone who
//!   knows `prev` and `hash` can test a guess of the fields, which let a reader shown the hashes
//!   around an act hidden from them confirm a guess of its contents. Kept only to verify old
//!   entries; nothing writes it any more.
//! - **v2** (every new entry): a fresh random 32-byte salt per entry, and two steps:
//!   `digest = SHA-256(v2 entry tag, salt, fields)` and `hash = SHA-256(v2 link tag, prev, digest)`.
//!   Without the salt, `prev` and `hash` say nothing testable about the fields (guessing the salt
//!   is guessing 256 bits). Whoever may see an entry is given its salt and recomputes its hash;
//!   whoever may not can be given its `digest` instead, which hides the fields but still lets
//!   them check the link from `prev` to `hash` across the entry.
//!
//! Every framing is unambiguous: each tag is a fixed constant and no tag is a prefix of another
//! (they differ by byte 20 at the latest), every other field is fixed-width or length-prefixed,
//! so no two distinct inputs of any framing share a byte string.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// A v2 entry's secret: 32 random bytes, drawn fresh for each entry.
pub type Salt = [u8; 32];

/// The `prev_hash` of the first entry: there is nothing before it.
pub const GENESIS: Hash = [0; 32];

/// Separates journal hashes from any other SHA-256 use, and versions the framing so a future
/// change cannot be confused with this one.
const DOMAIN_TAG: &[u8] = b"chancery-journal/v1";

/// v2, first step: the salted commitment to one entry's fields.
const DIGEST_TAG: &[u8] = b"chancery-journal/v2/entry";

/// v2, second step: the link of a digest to its predecessor's hash.
const LINK_TAG: &[u8] = b"chancery-journal/v2/link";

/// Hashes one unsalted (v1, legacy) entry, linking it to its predecessor.
///
/// Only for verifying entries written before salts: new entries use [`salted_entry_hash`].
///
/// The framing is unambiguous: every field is either fixed-width or length-prefixed, so no two
/// distinct entries share a byte string (moving a byte from `recorded_by` into `payload` changes
/// the lengths, hence the hash). Layout: tag, `prev`, `seq` (u64 BE), `recorded_at_micros`
/// (i64 BE), `len(recorded_by)` (u64 BE), `recorded_by`, `len(payload)` (u64 BE), `payload`.
pub fn entry_hash(
    prev: &Hash,
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) -> Hash {
    framed_hash(
        DOMAIN_TAG,
        prev,
        seq,
        recorded_at_micros,
        recorded_by,
        payload,
    )
}

/// The v2 digest of one entry: a salted commitment to its fields, independent of the chain.
///
/// Layout: tag `chancery-journal/v2/entry`, `salt` (32 bytes), `seq` (u64 BE),
/// `recorded_at_micros` (i64 BE), `len(recorded_by)` (u64 BE), `recorded_by`, `len(payload)`
/// (u64 BE), `payload`.
pub fn entry_digest(
    salt: &Salt,
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) -> Hash {
    framed_hash(
        DIGEST_TAG,
        salt,
        seq,
        recorded_at_micros,
        recorded_by,
        payload,
    )
}

/// The v2 hash of an entry from its predecessor's hash and its own [`entry_digest`].
///
/// Layout: tag `chancery-journal/v2/link`, `prev` (32 bytes), `digest` (32 bytes).
pub fn link_hash(prev: &Hash, digest: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(LINK_TAG);
    hasher.update(prev);
    hasher.update(digest);
    hasher.finalize().into()
}

/// Hashes one salted (v2) entry, linking it to its predecessor: what a reader given the entry's
/// fields and salt recomputes to check it against the stored `hash`.
pub fn salted_entry_hash(
    prev: &Hash,
    salt: &Salt,
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) -> Hash {
    link_hash(
        prev,
        &entry_digest(salt, seq, recorded_at_micros, recorded_by, payload),
    )
}

/// SHA-256 of `tag`, `lead` (v1: the predecessor's hash; v2: the salt) and the entry's fields:
/// the one layout both framings share.
fn framed_hash(
    tag: &[u8],
    lead: &[u8; 32],
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(tag);
    hasher.update(lead);
    fields(
        &mut |bytes| hasher.update(bytes),
        seq,
        recorded_at_micros,
        recorded_by,
        payload,
    );
    hasher.finalize().into()
}

/// Feeds an entry's own fields to `sink` piecewise, so hashing never copies the payload into a
/// buffer. Both framings share this layout after their tag and their first 32 bytes.
fn fields(
    sink: &mut dyn FnMut(&[u8]),
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) {
    sink(&seq.to_be_bytes());
    sink(&recorded_at_micros.to_be_bytes());
    // usize -> u64 is lossless on every platform Rust supports.
    sink(&(recorded_by.len() as u64).to_be_bytes());
    sink(recorded_by.as_bytes());
    sink(&(payload.len() as u64).to_be_bytes());
    sink(payload);
}

/// Lower-case hex, as an operator records a head elsewhere and as the server shows hashes.
pub fn to_hex(bytes: &[u8; 32]) -> String {
    hex::encode(bytes)
}

/// Parses 64 hex digits (either case) back into a hash or salt; `None` for anything else.
pub fn from_hex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pins the v1 framing: any accidental change would silently break every existing chain.
    /// The expected digest was computed outside Rust:
    /// `{ printf 'chancery-journal/v1'; head -c32 /dev/zero;
    ///    printf '\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0\x05alice\0\0\0\0\0\0\0\x02{}'; } | sha256sum`
    #[test]
    fn known_answer() {
        let hash = entry_hash(&GENESIS, 1, 2, "alice", b"{}");
        assert_eq!(to_hex(&hash), KNOWN_ANSWER);
    }
    const KNOWN_ANSWER: &str = "56e827713e79251947e6b4f49d311527aef813899c79a62de13a27c617021e81";

    /// Pins the v2 framing, also computed outside Rust:
    /// `{ printf 'chancery-journal/v2/entry'; head -c32 /dev/zero | tr '\0' '\021';
    ///    printf '\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0\x05alice\0\0\0\0\0\0\0\x02{}'; } | sha256sum`
    /// gives the digest, then
    /// `{ printf 'chancery-journal/v2/link'; head -c32 /dev/zero; echo -n $DIGEST | xxd -r -p; } | sha256sum`
    /// the hash.
    #[test]
    fn known_answer_v2() {
        let salt = [0x11; 32];
        let digest = entry_digest(&salt, 1, 2, "alice", b"{}");
        assert_eq!(to_hex(&digest), KNOWN_DIGEST_V2);
        let hash = salted_entry_hash(&GENESIS, &salt, 1, 2, "alice", b"{}");
        assert_eq!(to_hex(&hash), KNOWN_ANSWER_V2);
        assert_eq!(hash, link_hash(&GENESIS, &digest));
    }
    const KNOWN_DIGEST_V2: &str =
        "2267ee157bff3faea5db944952a388c8d8757ae438864a41b1da1c08ca3ce994";
    const KNOWN_ANSWER_V2: &str =
        "661e7fac86d37d5024419a4626acfe3f78d5aa7f7450462731b65fcd0fbb4fa6";

    #[test]
    fn moving_a_byte_between_fields_changes_the_hash() {
        let a = entry_hash(&GENESIS, 1, 0, "ab", b"c");
        let b = entry_hash(&GENESIS, 1, 0, "a", b"bc");
        assert_ne!(a, b);
        let salt = [3; 32];
        let a = salted_entry_hash(&GENESIS, &salt, 1, 0, "ab", b"c");
        let b = salted_entry_hash(&GENESIS, &salt, 1, 0, "a", b"bc");
        assert_ne!(a, b);
    }

    #[test]
    fn every_field_is_covered() {
        let base = entry_hash(&GENESIS, 1, 0, "a", b"p");
        assert_ne!(base, entry_hash(&[1; 32], 1, 0, "a", b"p"));
        assert_ne!(base, entry_hash(&GENESIS, 2, 0, "a", b"p"));
        assert_ne!(base, entry_hash(&GENESIS, 1, 1, "a", b"p"));
        assert_ne!(base, entry_hash(&GENESIS, 1, 0, "b", b"p"));
        assert_ne!(base, entry_hash(&GENESIS, 1, 0, "a", b"q"));
    }

    #[test]
    fn every_field_is_covered_v2() {
        let s = [5; 32];
        let base = salted_entry_hash(&GENESIS, &s, 1, 0, "a", b"p");
        assert_ne!(base, salted_entry_hash(&[1; 32], &s, 1, 0, "a", b"p"));
        assert_ne!(base, salted_entry_hash(&GENESIS, &[6; 32], 1, 0, "a", b"p"));
        assert_ne!(base, salted_entry_hash(&GENESIS, &s, 2, 0, "a", b"p"));
        assert_ne!(base, salted_entry_hash(&GENESIS, &s, 1, 1, "a", b"p"));
        assert_ne!(base, salted_entry_hash(&GENESIS, &s, 1, 0, "b", b"p"));
        assert_ne!(base, salted_entry_hash(&GENESIS, &s, 1, 0, "a", b"q"));
    }

    /// The framings never meet: the same fields give unrelated v1 and v2 hashes, and a v2
    /// digest is never a v2 link hash of anything (the tags differ).
    #[test]
    fn framings_are_domain_separated() {
        assert_ne!(
            entry_hash(&GENESIS, 1, 0, "a", b"p"),
            salted_entry_hash(&GENESIS, &GENESIS, 1, 0, "a", b"p")
        );
        assert!(!DIGEST_TAG.starts_with(LINK_TAG) && !LINK_TAG.starts_with(DIGEST_TAG));
        assert!(!DIGEST_TAG.starts_with(DOMAIN_TAG) && !LINK_TAG.starts_with(DOMAIN_TAG));
    }

    #[test]
    fn hex_round_trips() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37) as u8);
        assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        assert_eq!(from_hex(&to_hex(&bytes).to_uppercase()), Some(bytes));
        assert_eq!(from_hex("00"), None);
        assert_eq!(from_hex(&"g".repeat(64)), None);
        assert_eq!(from_hex(&"\u{e9}".repeat(32)), None);
    }

    fn framed(seq: u64, at: i64, by: &str, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        fields(
            &mut |bytes| out.extend_from_slice(bytes),
            seq,
            at,
            by,
            payload,
        );
        out
    }

    proptest! {
        /// Splitting the same bytes differently between the two variable fields never collides
        /// (both framings share this part of the layout).
        #[test]
        fn resplitting_bytes_changes_the_frame(bytes in "[a-z]{0,16}", i in 0usize..17, j in 0usize..17) {
            let (i, j) = (i.min(bytes.len()), j.min(bytes.len()));
            prop_assume!(i != j);
            let left = framed(1, 0, &bytes[..i], &bytes.as_bytes()[i..]);
            let right = framed(1, 0, &bytes[..j], &bytes.as_bytes()[j..]);
            prop_assert_ne!(left, right);
        }
    }
}
