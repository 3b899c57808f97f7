//! 自查码: a self-check record handed in as text (docs/checklists.md, "Handing in"). The same codec
//! as the exam result code (`crate::results::code`): `SK1` + base64url of the payload and its
//! CRC-32. The payload holds the form, its edition and item hash, the date, the enterprise and the
//! checker, every item's answer in two bits, the 风险等级 chosen and the number of gathered problems
//! and of those still open. Problem descriptions stay on the device (they would make the code too
//! long for a QR code a phone can read). checklist.js writes the same bytes.

use super::record::Answer;
use crate::results::code::{check_tail, hash_bytes, hex, seal, unwrap, CodeError};
use crate::results::wire::{Reader, Writer};

pub const PREFIX: &str = "SK1";
/// The kind byte of a self-check record (1 is an exam attempt, 2 a certificate).
const KIND_CHECK: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub checklist: String,
    pub edition: String,
    /// The checklist's item hash (16 hex digits).
    pub hash: String,
    /// Days since 1970-01-01 of the record's date.
    pub day: u32,
    pub enterprise: String,
    pub checker: String,
    pub answers: Vec<Answer>,
    /// 0: none chosen; `k`: the form's band `k - 1`.
    pub risk: u8,
    /// Problems gathered from the week's or month's records, and how many are not 已完成.
    pub gathered: u32,
    pub open: u32,
}

/// The code of `r`.
pub fn encode(r: &Record) -> String {
    let mut w = Writer::default();
    w.byte(KIND_CHECK);
    w.text(&r.checklist);
    w.text(&r.edition);
    w.raw(&hash_bytes(&r.hash));
    w.varint(u64::from(r.day));
    w.text(&r.enterprise);
    w.text(&r.checker);
    w.varint(r.answers.len() as u64);
    for chunk in r.answers.chunks(4) {
        let mut b = 0u8;
        for (i, a) in chunk.iter().enumerate() {
            b |= a.bits() << (i * 2);
        }
        w.byte(b);
    }
    w.varint(u64::from(r.risk));
    w.varint(u64::from(r.gathered));
    w.varint(u64::from(r.open));
    seal(PREFIX, w)
}

fn bad(why: &str) -> CodeError {
    CodeError::Malformed(why.to_string())
}

/// Reads a code (just the code).
pub fn decode(code: &str) -> Result<Record, CodeError> {
    let bytes = unwrap(code, 'K')?;
    let mut r = Reader::new(&bytes);
    if r.byte()? != KIND_CHECK {
        return Err(bad("not a self-check record"));
    }
    let checklist = r.text()?;
    let edition = r.text()?;
    let hash = hex(r.take(8)?);
    let day = u32::try_from(r.varint()?).map_err(|_| bad("date out of range"))?;
    let enterprise = r.text()?;
    let checker = r.text()?;
    let n = r.count(2000)?;
    let packed = r.take(n.div_ceil(4))?;
    let answers = (0..n)
        .map(|i| Answer::from_bits(packed[i / 4] >> ((i % 4) * 2)))
        .collect();
    let risk = u8::try_from(r.varint()?).map_err(|_| bad("risk level out of range"))?;
    let gathered = u32::try_from(r.varint()?).map_err(|_| bad("count out of range"))?;
    let open = u32::try_from(r.varint()?).map_err(|_| bad("count out of range"))?;
    check_tail(&mut r, &bytes)?;
    Ok(Record {
        checklist,
        edition,
        hash,
        day,
        enterprise,
        checker,
        answers,
        risk,
        gathered,
        open,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    fn sample() -> Record {
        Record {
            checklist: "food-production-daily".into(),
            edition: "2024".into(),
            hash: "0123456789abcdef".into(),
            day: 20_000,
            enterprise: "示例·申江乳业有限公司".into(),
            checker: "李四".into(),
            answers: (0..29)
                .map(|i| [Pass, Pass, Fail, Na, Pass, Blank][i % 6])
                .collect(),
            risk: 0,
            gathered: 0,
            open: 0,
        }
    }

    /// The same record, written by checklist.js, gives this code (tests/browser/codes.test.mjs).
    pub const SAMPLE_CODE: &str = "SK1Aypmb29kLXByb2R1Y3Rpb24tZGFpbHkIMjAyNAEjRWeJq83voJwBLXk6T4sAt3UzbF9Oc04aZwmWUFFsU_gJZ05W2x3lUR7lUR7lAQAAAI5llSo";

    #[test]
    fn the_page_writes_the_same_bytes() {
        assert_eq!(encode(&sample()), SAMPLE_CODE);
    }

    #[test]
    fn round_trip_and_damage() {
        let r = sample();
        let code = encode(&r);
        assert!(code.starts_with("SK1"));
        assert!(code.len() < 160, "{} characters", code.len());
        assert_eq!(decode(&code), Ok(r));
        assert_eq!(decode(&code[..code.len() - 2]), Err(CodeError::Truncated));
        let mut chars: Vec<char> = code.chars().collect();
        chars[12] = if chars[12] == 'A' { 'B' } else { 'A' };
        assert_eq!(
            decode(&chars.into_iter().collect::<String>()),
            Err(CodeError::Checksum)
        );
        assert!(matches!(
            decode(&code.replacen("SK", "SA", 1)),
            Err(CodeError::Malformed(_))
        ));
    }
}
