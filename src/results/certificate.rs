//! Certificates: a passing attempt signed with the organiser's Ed25519 key, checked offline by the
//! site's `/verify/` page (verify.js reads the same bytes) against the public key in site.toml.
//!
//! `SC1` + base64url of the payload and its 64-byte signature. The signature covers
//! [`DOMAIN`] followed by the payload, so a certificate's bytes can never pass as anything else.

use super::code::{hex, unwrap, CodeError};
use super::grade::Graded;
use super::wire::{Reader, Writer};
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

pub const PREFIX: &str = "SC1";
pub const DOMAIN: &[u8] = b"shian-certificate-v1\n";
const KIND_CERTIFICATE: u8 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub quiz: String,
    pub edition: String,
    pub hash: String,
    pub seed: u32,
    /// Unix seconds of the hand-in.
    pub ended: u64,
    pub score: f64,
    pub total: f64,
    /// (label, answer) of every `collect` field.
    pub fields: Vec<(String, String)>,
}

impl Certificate {
    pub fn of(g: &Graded, labels: &[String]) -> Certificate {
        let a = &g.attempt;
        Certificate {
            quiz: a.quiz.clone(),
            edition: a.edition.clone(),
            hash: a.hash.clone(),
            seed: a.seed,
            ended: a.started.saturating_add(a.duration),
            score: g.score,
            total: g.total,
            fields: labels
                .iter()
                .cloned()
                .zip(a.collected.iter().cloned())
                .collect(),
        }
    }

    fn payload(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.byte(KIND_CERTIFICATE);
        w.text(&self.quiz);
        w.text(&self.edition);
        w.raw(&hash8(&self.hash));
        w.varint(u64::from(self.seed));
        w.varint(self.ended);
        w.varint(hundredths(self.score));
        w.varint(hundredths(self.total));
        w.varint(self.fields.len() as u64);
        for (k, v) in &self.fields {
            w.text(k);
            w.text(v);
        }
        w.bytes
    }
}

fn hundredths(x: f64) -> u64 {
    (x * 100.0).round().max(0.0) as u64
}

fn hash8(h: &str) -> Vec<u8> {
    (0..8)
        .map(|i| {
            h.get(i * 2..i * 2 + 2)
                .and_then(|x| u8::from_str_radix(x, 16).ok())
                .unwrap_or(0)
        })
        .collect()
}

fn signed(payload: &[u8]) -> Vec<u8> {
    [DOMAIN, payload].concat()
}

/// The certificate code of `c`, signed with `key`.
pub fn sign(c: &Certificate, key: &SigningKey) -> String {
    let payload = c.payload();
    let sig = key.sign(&signed(&payload));
    let bytes = [payload.as_slice(), &sig.to_bytes()].concat();
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Why a certificate is not genuine.
#[derive(Debug, PartialEq)]
pub enum Invalid {
    Code(CodeError),
    /// The signature does not match: forged, or altered after signing.
    Signature,
}

/// Reads and checks a certificate code against the organiser's public key.
pub fn verify(code: &str, key: &VerifyingKey) -> Result<Certificate, Invalid> {
    let bytes = unwrap(code, 'C').map_err(Invalid::Code)?;
    if bytes.len() < 64 {
        return Err(Invalid::Code(CodeError::Truncated));
    }
    let (payload, sig) = bytes.split_at(bytes.len() - 64);
    let sig = Signature::from_slice(sig).map_err(|_| Invalid::Signature)?;
    key.verify(&signed(payload), &sig)
        .map_err(|_| Invalid::Signature)?;
    read(payload).map_err(Invalid::Code)
}

fn read(payload: &[u8]) -> Result<Certificate, CodeError> {
    let mut r = Reader::new(payload);
    if r.byte()? != KIND_CERTIFICATE {
        return Err(CodeError::Malformed("not a certificate".into()));
    }
    let quiz = r.text()?;
    let edition = r.text()?;
    let hash = hex(r.take(8)?);
    let seed = u32::try_from(r.varint()?).map_err(|_| CodeError::Truncated)?;
    let ended = r.varint()?;
    let score = r.varint()? as f64 / 100.0;
    let total = r.varint()? as f64 / 100.0;
    let n = r.count(64)?;
    let mut fields = Vec::with_capacity(n);
    for _ in 0..n {
        fields.push((r.text()?, r.text()?));
    }
    Ok(Certificate {
        quiz,
        edition,
        hash,
        seed,
        ended,
        score,
        total,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_and_checked() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let c = Certificate {
            quiz: "samr-mock".into(),
            edition: "2024".into(),
            hash: "0011223344556677".into(),
            seed: 42,
            ended: 1_715_000_000,
            score: 33.0,
            total: 35.0,
            fields: vec![
                ("姓名".into(), "张三".into()),
                ("企业".into(), "示例厂".into()),
            ],
        };
        let code = sign(&c, &key);
        assert!(code.len() < 300, "{}", code.len());
        assert_eq!(verify(&code, &key.verifying_key()), Ok(c.clone()));
        let other = SigningKey::from_bytes(&[8u8; 32]).verifying_key();
        assert_eq!(verify(&code, &other), Err(Invalid::Signature));
        let mut higher = c;
        higher.score = 35.0;
        let forged = format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode([higher.payload().as_slice(), &[0u8; 64]].concat())
        );
        assert_eq!(
            verify(&forged, &key.verifying_key()),
            Err(Invalid::Signature)
        );
    }
}
