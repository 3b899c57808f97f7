//! The organiser's key files. `shian quiz keygen` writes the secret key (kept outside the site and
//! never published) and prints the public key that goes into site.toml `[results] public_key`.

use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use std::path::Path;

const SECRET_TAG: &str = "shian-ed25519-secret-key-v1:";
const PUBLIC_TAG: &str = "ed25519:";

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

/// The text of a secret key file.
pub fn secret_text(key: &SigningKey) -> String {
    format!(
        "# shian organiser key (Ed25519). Keep it secret: never put it in the site or the repository.\n{SECRET_TAG}{}\n",
        b64().encode(key.to_bytes())
    )
}

/// `ed25519:…`, the form site.toml holds.
pub fn public_text(key: &VerifyingKey) -> String {
    format!("{PUBLIC_TAG}{}", b64().encode(key.to_bytes()))
}

/// A new key from the operating system's random source.
pub fn generate() -> Result<SigningKey, String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| format!("no random source: {e}"))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Reads a secret key file.
pub fn read_secret(path: &Path) -> Result<SigningKey, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
    let line = text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(SECRET_TAG))
        .ok_or_else(|| {
            format!(
                "{} is not a shian key file (no line starting with `{SECRET_TAG}`); make one with `shian quiz keygen`",
                path.display()
            )
        })?;
    let bytes: [u8; 32] = b64()
        .decode(line)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            format!(
                "the key in {} is damaged (not 32 bytes of base64url)",
                path.display()
            )
        })?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// Reads `ed25519:…`.
pub fn parse_public(s: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = b64()
        .decode(s.trim().strip_prefix(PUBLIC_TAG)?)
        .ok()?
        .try_into()
        .ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_texts_round_trip() {
        let key = SigningKey::from_bytes(&[3u8; 32]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.key");
        std::fs::write(&path, secret_text(&key)).unwrap();
        assert_eq!(read_secret(&path).unwrap().to_bytes(), key.to_bytes());
        let public = public_text(&key.verifying_key());
        assert_eq!(parse_public(&public), Some(key.verifying_key()));
        assert_eq!(parse_public("ed25519:abc"), None);
        assert!(read_secret(&dir.path().join("none")).is_err());
    }
}
