//! Result codes: what a learner hands in after a mock exam (docs/results.md, "The result code").
//!
//! `SA1` followed by base64url (no padding) of the payload and its CRC-32. The payload holds what
//! re-grading needs and nothing the grader must trust: the exam, its edition and content hash, the
//! seed that drew the paper, the times, how often the page was left, the `collect` answers and the
//! chosen options of every paper position as a bit mask of the options' source indexes. The score
//! is not in it: `shian quiz grade` computes it again. quiz-code.js writes the same bytes.

use super::wire::{Reader, Short, Writer};
use base64::Engine;

/// The text every result code starts with; the digit is the format version.
pub const PREFIX: &str = "SA1";
/// The kind byte of an exam attempt.
const KIND_ATTEMPT: u8 = 1;

/// One attempt as the code records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The exam's id (`samr-mock`).
    pub quiz: String,
    /// The edition the page belonged to (`2024`).
    pub edition: String,
    /// The exam's content hash, as in the page (16 hex digits).
    pub hash: String,
    pub seed: u32,
    /// Unix seconds at the start.
    pub started: u64,
    /// Seconds from start to hand-in.
    pub duration: u64,
    /// How often the learner left the page during the exam.
    pub leaves: u64,
    /// The `collect` answers, in the blueprint's order.
    pub collected: Vec<String>,
    /// Per paper position, bit `i` set when option `i` (source order) was chosen.
    pub answers: Vec<u64>,
}

/// Why a text is not a usable result code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not `SA` + digit, or characters outside base64url.
    Malformed(String),
    /// A format this shian does not know (a newer one).
    Version(char),
    /// The bytes end before the record does: the code was cut off when copied.
    Truncated,
    /// The checksum does not match: a character was changed.
    Checksum,
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::Malformed(why) => write!(f, "结果码格式不对 (not a result code: {why})"),
            CodeError::Version(v) => write!(
                f,
                "结果码版本 {v} 无法识别 (result code format {v} is newer than this shian; update shian)"
            ),
            CodeError::Truncated => write!(
                f,
                "结果码不完整 (the code is truncated: it was cut off when copied)"
            ),
            CodeError::Checksum => write!(
                f,
                "结果码校验失败 (checksum mismatch: the code was altered or mistyped)"
            ),
        }
    }
}

impl From<Short> for CodeError {
    fn from(_: Short) -> Self {
        CodeError::Truncated
    }
}

/// The code of `a`.
pub fn encode(a: &Attempt) -> String {
    let mut w = Writer::default();
    w.byte(KIND_ATTEMPT);
    w.text(&a.quiz);
    w.text(&a.edition);
    w.raw(&hash_bytes(&a.hash));
    w.varint(u64::from(a.seed));
    w.varint(a.started);
    w.varint(a.duration);
    w.varint(a.leaves);
    w.varint(a.collected.len() as u64);
    for c in &a.collected {
        w.text(c);
    }
    w.varint(a.answers.len() as u64);
    for &m in &a.answers {
        w.varint(m);
    }
    seal(PREFIX, w)
}

/// Reads a code (just the code, no surrounding text).
pub fn decode(code: &str) -> Result<Attempt, CodeError> {
    let bytes = unwrap(code, 'A')?;
    let mut r = Reader::new(&bytes);
    let kind = r.byte()?;
    if kind != KIND_ATTEMPT {
        return Err(CodeError::Malformed(format!(
            "kind {kind} is not an exam attempt"
        )));
    }
    let quiz = r.text()?;
    let edition = r.text()?;
    let hash = hex(r.take(8)?);
    let seed = u32::try_from(r.varint()?).map_err(|_| bad("seed out of range"))?;
    let (started, duration, leaves) = (r.varint()?, r.varint()?, r.varint()?);
    let n = r.count(64)?;
    let collected = (0..n).map(|_| r.text()).collect::<Result<Vec<_>, _>>()?;
    let n = r.count(1000)?;
    let answers = (0..n).map(|_| r.varint()).collect::<Result<Vec<_>, _>>()?;
    check_tail(&mut r, &bytes)?;
    Ok(Attempt {
        quiz,
        edition,
        hash,
        seed,
        started,
        duration,
        leaves,
        collected,
        answers,
    })
}

/// The code of a written payload: its CRC-32 appended, then `prefix` and base64url. Result codes
/// and self-check codes share it.
pub(crate) fn seal(prefix: &str, mut w: Writer) -> String {
    let crc = crc32fast::hash(&w.bytes);
    w.raw(&crc.to_be_bytes());
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&w.bytes)
    )
}

/// Reads the CRC-32 that ends a payload and checks it against everything before it.
pub(crate) fn check_tail(r: &mut Reader<'_>, bytes: &[u8]) -> Result<(), CodeError> {
    let body = r.pos();
    let crc = r.take(4)?;
    if !r.done() {
        return Err(bad("bytes after the checksum"));
    }
    if crc32fast::hash(&bytes[..body]).to_be_bytes() != crc {
        return Err(CodeError::Checksum);
    }
    Ok(())
}

fn bad(why: &str) -> CodeError {
    CodeError::Malformed(why.to_string())
}

/// The bytes of a code `S<letter><digit>…` whose version must be 1.
pub(crate) fn unwrap(code: &str, letter: char) -> Result<Vec<u8>, CodeError> {
    let mut chars = code.chars();
    if chars.next() != Some('S') || chars.next() != Some(letter) {
        return Err(bad(&format!("it does not start with S{letter}")));
    }
    match chars.next() {
        Some('1') => {}
        Some(v) if v.is_ascii_digit() => return Err(CodeError::Version(v)),
        _ => return Err(bad("no format version after the prefix")),
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(chars.as_str())
        .map_err(|_| {
            // Only code characters, yet not whole base64: the end was cut off mid-character.
            let rest = chars.as_str();
            if rest
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
            {
                CodeError::Truncated
            } else {
                bad("characters other than A-Z a-z 0-9 - _")
            }
        })
}

pub(crate) fn hash_bytes(hex: &str) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (i, b) in out.iter_mut().enumerate() {
        *b = hex
            .get(i * 2..i * 2 + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0);
    }
    out
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Attempt {
        Attempt {
            quiz: "samr-mock".into(),
            edition: "2024".into(),
            hash: "0123456789abcdef".into(),
            seed: 4_000_000_000,
            started: 1_733_100_000,
            duration: 1_432,
            leaves: 2,
            collected: vec!["张三".into(), "示例·申江乳业有限公司".into()],
            answers: (0..35).map(|i| 1 << (i % 4)).collect(),
        }
    }

    #[test]
    fn round_trip() {
        let a = sample();
        let code = encode(&a);
        assert!(code.starts_with("SA1"));
        assert!(code[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&code), Ok(a));
    }

    /// The same attempt, written by codes.js, gives this code (tests/browser/codes.test.mjs).
    pub const SAMPLE_CODE: &str = "SA1ARJzYW1yLW1vY2sIMjAyNAEjRWeJq83vgNCs8w7gg7S6BpgLAgIJXyBOCS15Ok-LALd1M2xfTnNOGmcJllBRbFP4IwECBAgBAgQIAQIECAECBAgBAgQIAQIECAECBAgBAgQIAQIEgc4S7A";

    #[test]
    fn the_page_writes_the_same_bytes() {
        assert_eq!(encode(&sample()), SAMPLE_CODE);
    }

    #[test]
    fn a_35_question_attempt_fits_in_300_characters() {
        let mut a = sample();
        // Twenty Chinese characters in each of two fields: the longest the form allows.
        a.collected = vec!["张".repeat(20), "食".repeat(20)];
        a.quiz = "x".repeat(24);
        a.answers = vec![0b1111; 35];
        let code = encode(&a);
        assert!(code.len() <= 300, "{} characters", code.len());
    }

    #[test]
    fn damage_is_named() {
        let code = encode(&sample());
        assert_eq!(decode(&code[..code.len() - 3]), Err(CodeError::Truncated));
        assert_eq!(decode(&code[..40]), Err(CodeError::Truncated));
        let mut chars: Vec<char> = code.chars().collect();
        chars[20] = if chars[20] == 'A' { 'B' } else { 'A' };
        let altered: String = chars.into_iter().collect();
        assert_eq!(decode(&altered), Err(CodeError::Checksum));
        assert_eq!(
            decode(&format!("SA2{}", &code[3..])),
            Err(CodeError::Version('2'))
        );
        assert!(matches!(decode("SA1***"), Err(CodeError::Malformed(_))));
        assert!(matches!(decode("XY1abc"), Err(CodeError::Malformed(_))));
    }
}
