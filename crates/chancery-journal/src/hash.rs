//! Entry hashing: the framing that makes the chain tamper-evident.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The `prev_hash` of the first entry: there is nothing before it.
pub const GENESIS: Hash = [0; 32];

/// Separates journal hashes from any other SHA-256 use, and versions the framing so a future
/// change cannot be confused with this one.
const DOMAIN_TAG: &[u8] = b"chancery-journal/v1";

/// Hashes one entry, linking it to its predecessor.
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
    let mut hasher = Sha256::new();
    frame(
        &mut |bytes| hasher.update(bytes),
        prev,
        seq,
        recorded_at_micros,
        recorded_by,
        payload,
    );
    hasher.finalize().into()
}

/// Feeds the framing to `sink` piecewise, so hashing never copies the payload into a buffer.
fn frame(
    sink: &mut dyn FnMut(&[u8]),
    prev: &Hash,
    seq: u64,
    recorded_at_micros: i64,
    recorded_by: &str,
    payload: &[u8],
) {
    sink(DOMAIN_TAG);
    sink(prev);
    sink(&seq.to_be_bytes());
    sink(&recorded_at_micros.to_be_bytes());
    // usize -> u64 is lossless on every platform Rust supports.
    sink(&(recorded_by.len() as u64).to_be_bytes());
    sink(recorded_by.as_bytes());
    sink(&(payload.len() as u64).to_be_bytes());
    sink(payload);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hex(hash: &Hash) -> String {
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Pins the framing: any accidental change would silently fork every existing chain.
    /// The expected digest was computed outside Rust:
    /// `{ printf 'chancery-journal/v1'; head -c32 /dev/zero;
    ///    printf '\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0\x05alice\0\0\0\0\0\0\0\x02{}'; } | sha256sum`
    #[test]
    fn known_answer() {
        let hash = entry_hash(&GENESIS, 1, 2, "alice", b"{}");
        assert_eq!(hex(&hash), KNOWN_ANSWER);
    }
    const KNOWN_ANSWER: &str = "56e827713e79251947e6b4f49d311527aef813899c79a62de13a27c617021e81";

    #[test]
    fn moving_a_byte_between_fields_changes_the_hash() {
        let a = entry_hash(&GENESIS, 1, 0, "ab", b"c");
        let b = entry_hash(&GENESIS, 1, 0, "a", b"bc");
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

    fn framed(seq: u64, at: i64, by: &str, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        frame(
            &mut |bytes| out.extend_from_slice(bytes),
            &GENESIS,
            seq,
            at,
            by,
            payload,
        );
        out
    }

    proptest! {
        /// Splitting the same bytes differently between the two variable fields never collides.
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
