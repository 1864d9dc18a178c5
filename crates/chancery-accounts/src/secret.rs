//! Secrets: Argon2id password hashes, random passwords, session ids and API tokens. Session ids
//! and tokens are 256 random bits, so a plain SHA-256 of them is a safe stored form; passwords
//! are guessable, so they get Argon2id.

use sha2::{Digest, Sha256};

use crate::argon_pool::ArgonPool;
use crate::model::ParseError;

pub const MIN_PASSWORD: usize = 12;
const MAX_PASSWORD: usize = 256;

#[derive(Debug, thiserror::Error)]
#[error("the operating system gave no randomness: {0}")]
pub struct NoRandomness(String);

fn random_bytes<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| NoRandomness(e.to_string()))?;
    Ok(bytes)
}

/// A new random secret: `prefix` and 256 bits in hex (sessions and API tokens).
pub fn new_secret(prefix: &str) -> Result<String, NoRandomness> {
    Ok(format!("{prefix}{}", hex::encode(random_bytes::<32>()?)))
}

/// The stored form of a session id or token.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A generated password: 20 characters from an alphabet without look-alikes (about 116 bits).
pub fn new_password() -> Result<String, NoRandomness> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let bytes = random_bytes::<20>()?;
    // 256 % 54 != 0 skews a few letters slightly; 20 characters leave ample strength.
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

/// Checks a chosen password's length (ASVS V6: at least 8, we ask 12; long ones allowed).
pub fn check_password_rules(password: &str) -> Result<(), ParseError> {
    let n = password.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&n) {
        return Err(ParseError {
            field: "password",
            message: format!("must be {MIN_PASSWORD} to {MAX_PASSWORD} characters"),
        });
    }
    Ok(())
}

/// An Argon2id hash in PHC format (the crate's defaults: 19 MiB, 2 passes, 1 lane, OWASP's
/// recommendation), computed in a buffer of the process's [`ArgonPool`], so no more than
/// four hashes or checks hold memory at once, whoever calls.
pub fn hash_password(password: &str) -> Result<String, NoRandomness> {
    let salt = random_bytes::<16>()?;
    ArgonPool::global()
        .hash(password.as_bytes(), &salt)
        .map_err(|e| NoRandomness(e.to_string()))
}

/// Whether `password` matches a stored hash, checked in a buffer of the process's
/// [`ArgonPool`] (waiting for one if all four are in use).
pub fn verify_password(stored: &str, password: &str) -> bool {
    ArgonPool::global().verify(stored, password.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves_and_are_argon2id() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "correct horse batterY"));
        assert!(!verify_password("not a hash", "x"));
        assert_ne!(h, hash_password("correct horse battery").unwrap(), "salted");
    }

    #[test]
    fn generated_secrets_are_fresh_and_long() {
        let a = new_secret("chy_").unwrap();
        assert_eq!(a.len(), 4 + 64);
        assert_ne!(a, new_secret("chy_").unwrap());
        let p = new_password().unwrap();
        assert_eq!(p.chars().count(), 20);
        assert!(check_password_rules(&p).is_ok());
        assert_eq!(check_password_rules("short").unwrap_err().field, "password");
        assert_eq!(digest("x").len(), 64);
    }
}
