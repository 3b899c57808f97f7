//! The byte layer of result codes and certificates: unsigned LEB128 varints and short texts.
//!
//! A text is a varint `len << 1 | utf16` followed by `len` bytes: UTF-8, or UTF-16 big-endian when
//! that is shorter (Chinese takes two bytes a character instead of three). Both writers — this one
//! and quiz-code.js — choose the same way, so a code is the same whoever wrote it.

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }

    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    pub fn text(&mut self, s: &str) {
        let utf16: Vec<u16> = s.encode_utf16().collect();
        if utf16.len() * 2 < s.len() {
            self.varint(((utf16.len() as u64 * 2) << 1) | 1);
            for u in utf16 {
                self.raw(&u.to_be_bytes());
            }
        } else {
            self.varint((s.len() as u64) << 1);
            self.raw(s.as_bytes());
        }
    }
}

/// The bytes ran out before the record did.
#[derive(Debug)]
pub struct Short;

pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub fn byte(&mut self) -> Result<u8, Short> {
        Ok(self.take(1)?[0])
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Short> {
        let end = self.pos.checked_add(n).ok_or(Short)?;
        let out = self.bytes.get(self.pos..end).ok_or(Short)?;
        self.pos = end;
        Ok(out)
    }

    pub fn varint(&mut self) -> Result<u64, Short> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        // Longer than any u64: treat as cut garbage.
        Err(Short)
    }

    /// A count of following items, at most `max` (a larger one cannot be a real record).
    pub fn count(&mut self, max: u64) -> Result<usize, Short> {
        let n = self.varint()?;
        if n > max {
            return Err(Short);
        }
        Ok(n as usize)
    }

    pub fn text(&mut self) -> Result<String, Short> {
        let head = self.varint()?;
        let len = usize::try_from(head >> 1).map_err(|_| Short)?;
        let b = self.take(len)?;
        if head & 1 == 1 {
            let units: Vec<u16> = b
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            Ok(String::from_utf16_lossy(&units))
        } else {
            Ok(String::from_utf8_lossy(b).into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_take_the_shorter_encoding() {
        let mut w = Writer::default();
        w.text("张三");
        w.text("abc");
        assert_eq!(w.bytes[0], (4 << 1) | 1);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.text().unwrap(), "张三");
        assert_eq!(r.text().unwrap(), "abc");
        assert!(r.done());
    }

    #[test]
    fn varints() {
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut w = Writer::default();
            w.varint(v);
            assert_eq!(Reader::new(&w.bytes).varint().unwrap(), v);
        }
    }
}
