//! Write authorisation until accounts exist (issue 5): reads of the public record are open,
//! every write needs the store's write token as a bearer token. Only its SHA-256 is kept.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

use super::error::ApiError;

#[derive(Clone)]
pub struct WriteToken {
    digest: [u8; 32],
}

impl WriteToken {
    pub fn from_digest(digest: [u8; 32]) -> Self {
        WriteToken { digest }
    }

    pub fn digest_of(token: &str) -> [u8; 32] {
        Sha256::digest(token.as_bytes()).into()
    }

    /// Who recorded an act: the token's short fingerprint, never the token itself.
    pub fn fingerprint(&self) -> String {
        let hex: String = self.digest[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("token:{hex}")
    }

    /// Checks the bearer token. Comparing digests keeps the comparison's time independent of
    /// how much of the secret matched.
    pub fn authorise(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let presented = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(ApiError::unauthorized)?;
        let digest = Self::digest_of(presented.trim());
        let same = digest
            .iter()
            .zip(self.digest.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
        if same {
            Ok(())
        } else {
            Err(ApiError::unauthorized())
        }
    }

    /// Checks a token presented as text (the web forms' password field), in the same constant
    /// time as [`authorise`](Self::authorise).
    pub fn check(&self, presented: &str) -> bool {
        Self::digest_of(presented.trim())
            .iter()
            .zip(self.digest.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}
