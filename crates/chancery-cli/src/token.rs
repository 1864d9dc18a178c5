//! The store's write token: created on first `serve`, shown once, kept only as a SHA-256 digest
//! in a file beside the store (mode 0600).

use std::io::Write;
use std::path::{Path, PathBuf};

use chancery_server::WriteToken;

pub fn token_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".write-token.sha256");
    PathBuf::from(p)
}

fn parse_digest(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Loads the digest, or creates a token when there is none (or `rotate` is set). Returns the
/// token and, when it was just created, its plain text for the operator to copy.
pub fn load_or_create(db: &Path, rotate: bool) -> Result<(WriteToken, Option<String>), String> {
    let path = token_path(db);
    if !rotate {
        if let Ok(text) = std::fs::read_to_string(&path) {
            let digest = parse_digest(&text)
                .ok_or_else(|| format!("{}: not a SHA-256 hex digest", path.display()))?;
            return Ok((WriteToken::from_digest(digest), None));
        }
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| format!("no randomness for the write token: {e}"))?;
    let token: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let digest = WriteToken::digest_of(&token);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    writeln!(file, "{hex}").map_err(|e| format!("{}: {e}", path.display()))?;
    file.sync_all()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((WriteToken::from_digest(digest), Some(token)))
}
